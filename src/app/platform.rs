//! What differs between the desktop and the web page, in one place: where a file the user
//! saves or exports goes (a file written atomically on the desktop, a download in the
//! browser) and the address a link to the web page starts with.

use std::io::Write;
use std::path::Path;

/// Writes `bytes` where the user asked: atomically to `path` on the desktop; in the
/// browser, as a download named after `path`'s file name.
pub fn write(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_with(path, |w| w.write_all(bytes))
}

/// Like [`write`], the contents written by `fill` (a PNG or GIF encoder).
pub fn write_with(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    #[cfg(not(target_arch = "wasm32"))]
    {
        crate::core::atomic::write_atomic_with(path, |w| fill(w))
    }
    #[cfg(target_arch = "wasm32")]
    {
        let mut bytes = Vec::new();
        fill(&mut bytes)?;
        super::web::download(path, &bytes)
    }
}

/// The web page's address that File ▸ Copy link puts before the fragment: the page's own
/// in the browser; on the desktop `GRADSCAPE_WEB_URL` when set (where a teacher hosts
/// the web build), else nothing (the bare fragment, to paste after the page's address).
pub fn page_address() -> String {
    #[cfg(not(target_arch = "wasm32"))]
    {
        std::env::var("GRADSCAPE_WEB_URL")
            .map(|u| u.trim().trim_end_matches('#').to_string())
            .unwrap_or_default()
    }
    #[cfg(target_arch = "wasm32")]
    {
        super::web::page_address()
    }
}

/// How far the long run being computed has come (0 to 1), where the page computes it in
/// slices across frames; `None` on the desktop, whose worker thread does not say.
pub fn progress() -> Option<f32> {
    #[cfg(not(target_arch = "wasm32"))]
    {
        None
    }
    #[cfg(target_arch = "wasm32")]
    {
        super::slices::progress()
    }
}
