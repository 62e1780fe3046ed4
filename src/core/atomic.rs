//! Writing files so that nothing is ever half-written: a temporary file in the same
//! folder, renamed over the target once complete.
//!
//! Only regular files are replaced that way. A symbolic link stays a link (its target is
//! replaced); a target that exists and is not a regular file (a FIFO, a device such as
//! `/dev/null`) is written through, since renaming over it would swap a pipe or a device
//! for a plain file.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

/// Temporary files being written right now: removed by [`remove_pending_temporaries`]
/// when the process is interrupted, and renamed only under this lock, so an interrupt
/// either sees the temporary or the finished target, never a half-renamed state.
static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn pending() -> MutexGuard<'static, Vec<PathBuf>> {
    PENDING.lock().unwrap_or_else(|e| e.into_inner())
}

/// Deletes every temporary file still being written, and keeps the lock held so that no
/// rename can follow: for a signal handler that is about to end the process.
pub fn remove_pending_temporaries() {
    let guard = pending();
    for path in guard.iter() {
        let _ = std::fs::remove_file(path);
    }
    // Never released: the process is ending, and a writer must not rename afterwards.
    std::mem::forget(guard);
}

/// Writes `bytes` to `path` atomically. On any error the old file, if any, is untouched
/// and no temporary file is left behind.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_atomic_with(path, |w| w.write_all(bytes))
}

/// The file a path finally names, following symbolic links (a dangling link gives its
/// missing target), so that writing replaces the target and keeps the link.
fn resolve_links(path: &Path) -> std::io::Result<PathBuf> {
    let mut p = path.to_path_buf();
    // As many hops as Linux allows (ELOOP past 40).
    for _ in 0..40 {
        match std::fs::symlink_metadata(&p) {
            Ok(m) if m.file_type().is_symlink() => {
                let target = std::fs::read_link(&p)?;
                // A relative target is relative to the link's folder; `join` keeps an
                // absolute one as it is.
                p = match p.parent() {
                    Some(dir) => dir.join(target),
                    None => target,
                };
            }
            _ => return Ok(p),
        }
    }
    Err(std::io::Error::other("too many levels of symbolic links"))
}

/// An I/O error without the temporary file's path: `tempfile` adds it, and the user only
/// knows the path they asked for.
fn without_temp_path(e: std::io::Error) -> std::io::Error {
    match e.raw_os_error() {
        Some(code) => std::io::Error::from_raw_os_error(code),
        None => std::io::Error::new(e.kind(), e.kind().to_string()),
    }
}

/// Like [`write_atomic`], with the contents streamed by `fill`.
pub fn write_atomic_with(
    path: &Path,
    fill: impl FnOnce(&mut std::io::BufWriter<&std::fs::File>) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let target = resolve_links(path)?;
    match std::fs::metadata(&target) {
        Ok(m) if m.is_dir() => {
            return Err(std::io::Error::new(
                std::io::ErrorKind::IsADirectory,
                "it is a folder",
            ));
        }
        Ok(m) if !m.is_file() => return write_through(&target, fill),
        _ => {}
    }
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    match std::fs::metadata(dir) {
        Ok(m) if !m.is_dir() => {
            return Err(std::io::Error::new(
                std::io::ErrorKind::NotADirectory,
                format!("{} is not a folder", dir.display()),
            ));
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(std::io::Error::new(
                std::io::ErrorKind::NotFound,
                format!("the folder {} does not exist", dir.display()),
            ));
        }
        _ => {}
    }
    let tmp = {
        // Registered under the lock as it is created, so an interrupt cannot miss it.
        let mut list = pending();
        let tmp = tempfile::Builder::new()
            .prefix(".gradscape-")
            .suffix(".tmp")
            .tempfile_in(dir)
            .map_err(without_temp_path)?;
        list.push(tmp.path().to_path_buf());
        tmp
    };
    let tmp_path = tmp.path().to_path_buf();
    let result = fill_and_persist(tmp, &target, fill);
    pending().retain(|p| *p != tmp_path);
    result
}

fn fill_and_persist(
    tmp: tempfile::NamedTempFile,
    target: &Path,
    fill: impl FnOnce(&mut std::io::BufWriter<&std::fs::File>) -> std::io::Result<()>,
) -> std::io::Result<()> {
    {
        let mut w = std::io::BufWriter::new(tmp.as_file());
        fill(&mut w)?;
        w.flush()?;
    }
    // A temporary file is private (0600); the result should read like any file the user
    // saves, so give it the old file's permissions, or the usual 0644.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let perms = std::fs::metadata(target)
            .map(|m| m.permissions())
            .unwrap_or_else(|_| std::fs::Permissions::from_mode(0o644));
        tmp.as_file().set_permissions(perms)?;
    }
    tmp.as_file().sync_all()?;
    let list = pending();
    tmp.persist(target)
        .map_err(|e| without_temp_path(e.error))?;
    drop(list);
    Ok(())
}

/// Writes into an existing FIFO or device as a shell's `>` would: no temporary, no
/// rename, since neither has contents to keep.
fn write_through(
    target: &Path,
    fill: impl FnOnce(&mut std::io::BufWriter<&std::fs::File>) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let file = std::fs::OpenOptions::new().write(true).open(target)?;
    let mut w = std::io::BufWriter::new(&file);
    fill(&mut w)?;
    w.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn new_files_are_world_readable_and_old_ones_keep_their_mode() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let new = dir.path().join("new.txt");
        write_atomic(&new, b"a").unwrap();
        assert_eq!(
            std::fs::metadata(&new).unwrap().permissions().mode() & 0o777,
            0o644
        );
        let old = dir.path().join("old.txt");
        std::fs::write(&old, b"x").unwrap();
        std::fs::set_permissions(&old, std::fs::Permissions::from_mode(0o640)).unwrap();
        write_atomic(&old, b"b").unwrap();
        assert_eq!(
            std::fs::metadata(&old).unwrap().permissions().mode() & 0o777,
            0o640
        );
        assert_eq!(std::fs::read(&old).unwrap(), b"b");
    }

    #[test]
    fn a_failed_write_leaves_the_old_file_and_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("keep.txt");
        std::fs::write(&path, b"old").unwrap();
        let err = write_atomic_with(&path, |w| {
            w.write_all(b"partial")?;
            Err(std::io::Error::other("disk full"))
        });
        assert!(err.is_err());
        assert_eq!(std::fs::read(&path).unwrap(), b"old");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
