//! Downloads: saving bytes as a file through a Blob, and the Dockerfile plus its build
//! context as a tar that `docker build -` (or `tar x` then `docker build .`) accepts.

use wasm_bindgen::JsCast;

use super::state::{Context, CtxEntry};

/// Offers `parts` (concatenated) to the user as a download called `name`.
pub fn offer_parts(name: &str, mime: &str, parts: &js_sys::Array) -> Result<(), String> {
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(parts, &opts).map_err(|e| format!("{e:?}"))?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|e| format!("{e:?}"))?;
    let doc = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let a: web_sys::HtmlAnchorElement =
        doc.create_element("a").map_err(|e| format!("{e:?}"))?.dyn_into().map_err(|_| "not an anchor")?;
    a.set_href(&url);
    a.set_download(name);
    a.set_attribute("data-size", &blob.size().to_string()).ok();
    a.set_class_name("download-link");
    a.style().set_property("display", "none").ok();
    doc.body().ok_or("no body")?.append_child(&a).map_err(|e| format!("{e:?}"))?;
    a.click();
    // Leave the link in the page (hidden) so tests and the user agent can still read it;
    // the URL is released when the next download of the same name replaces it.
    let sel = format!("a.download-link[download=\"{name}\"]");
    if let Ok(list) = doc.query_selector_all(&sel) {
        for i in 0..list.length().saturating_sub(1) {
            if let Some(old) = list.item(i).and_then(|n| n.dyn_into::<web_sys::HtmlAnchorElement>().ok()) {
                let _ = web_sys::Url::revoke_object_url(&old.href());
                old.remove();
            }
        }
    }
    Ok(())
}

/// Offers one byte buffer as a download.
pub fn offer_bytes(name: &str, mime: &str, bytes: &[u8]) -> Result<(), String> {
    let parts = js_sys::Array::new();
    parts.push(&js_sys::Uint8Array::from(bytes));
    offer_parts(name, mime, &parts)
}

/// A tar of the Dockerfile and the context, as a directory `docker build` can use.
pub fn context_tar(dockerfile: &str, context: &Context) -> Result<Vec<u8>, String> {
    let mut b = tar::Builder::new(Vec::new());
    let mut append = |path: &str, data: &[u8], mode: u32, dir: bool| -> std::io::Result<()> {
        let mut h = tar::Header::new_ustar();
        h.set_entry_type(if dir { tar::EntryType::Directory } else { tar::EntryType::Regular });
        h.set_mode(mode);
        h.set_uid(0);
        h.set_gid(0);
        h.set_mtime(0);
        h.set_size(if dir { 0 } else { data.len() as u64 });
        let name = if dir { format!("{path}/") } else { path.to_string() };
        b.append_data(&mut h, name, data)
    };
    let err = |e: std::io::Error| e.to_string();
    if !context.contains_key("Dockerfile") {
        append("Dockerfile", dockerfile.as_bytes(), 0o644, false).map_err(err)?;
    }
    for (path, e) in context {
        match e {
            CtxEntry::Dir => append(path, &[], 0o755, true).map_err(err)?,
            CtxEntry::File { data, mode } => append(path, data, *mode, false).map_err(err)?,
        }
    }
    b.into_inner().map_err(err)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::rc::Rc;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn context_tar_lists_dockerfile_then_context() {
        let mut ctx = Context::new();
        ctx.insert("app".into(), CtxEntry::Dir);
        ctx.insert("app/run.sh".into(), CtxEntry::File { data: Rc::from(&b"echo hi\n"[..]), mode: 0o755 });
        let bytes = context_tar("FROM alpine\n", &ctx).unwrap();
        let mut ar = tar::Archive::new(&bytes[..]);
        let names: Vec<(String, u32)> = ar
            .entries()
            .unwrap()
            .map(|e| {
                let e = e.unwrap();
                (e.path().unwrap().to_string_lossy().into_owned(), e.header().mode().unwrap())
            })
            .collect();
        assert_eq!(
            names,
            [("Dockerfile".to_string(), 0o644), ("app/".to_string(), 0o755), ("app/run.sh".to_string(), 0o755)]
        );
    }
}
