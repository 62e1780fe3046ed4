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

/// Like [`write()`], the contents written by `fill` (a PNG or GIF encoder).
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
        browser::download(path, &bytes)
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
        browser::page_address()
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
        browser::PROGRESS.with(std::cell::Cell::get)
    }
}

/// Says how far the long run being computed in slices has come (`None`: none is).
#[cfg(target_arch = "wasm32")]
pub fn set_progress(p: Option<f32>) {
    browser::PROGRESS.with(|c| c.set(p));
}

/// The browser's side: downloads, the page's address, the progress of a sliced run.
#[cfg(target_arch = "wasm32")]
mod browser {
    use std::path::Path;

    use wasm_bindgen::JsCast as _;
    use wasm_bindgen::prelude::*;

    thread_local! {
        pub(super) static PROGRESS: std::cell::Cell<Option<f32>> = const { std::cell::Cell::new(None) };
    }

    /// Offers `bytes` as a download named after `path`'s file name.
    pub fn download(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
        let name = path
            .file_name()
            .map_or_else(|| "gradscape".into(), |n| n.to_string_lossy().into_owned());
        let mime = match path.extension().and_then(|e| e.to_str()) {
            Some("png") => "image/png",
            Some("svg") => "image/svg+xml",
            Some("gif") => "image/gif",
            Some("csv") => "text/csv",
            Some("json") => "application/json",
            Some("py") => "text/x-python",
            _ => "application/octet-stream",
        };
        offer_download(&name, bytes, mime)
            .map_err(|e| std::io::Error::other(format!("the browser refused the download: {e:?}")))
    }

    fn offer_download(name: &str, bytes: &[u8], mime: &str) -> Result<(), JsValue> {
        let window = web_sys::window().ok_or("no window")?;
        let document = window.document().ok_or("no document")?;
        let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
        let options = web_sys::BlobPropertyBag::new();
        options.set_type(mime);
        let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)?;
        let url = web_sys::Url::create_object_url_with_blob(&blob)?;
        let a: web_sys::HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
        a.set_href(&url);
        a.set_download(name);
        a.click();
        // Revoked a minute later: revoking at once can cancel the download in some browsers.
        let revoke = Closure::once_into_js(move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        });
        window.set_timeout_with_callback_and_timeout_and_arguments_0(
            revoke.unchecked_ref(),
            60_000,
        )?;
        Ok(())
    }

    /// The page's address without its fragment: what a copied link starts with.
    pub fn page_address() -> String {
        web_sys::window()
            .and_then(|w| w.location().href().ok())
            .map(|h| h.split('#').next().unwrap_or_default().to_string())
            .unwrap_or_default()
    }
}
