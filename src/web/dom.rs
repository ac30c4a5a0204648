//! Small helpers over the browser: the URL, the clipboard, the document element, time.

/// The page's URL query parameter `name`, if present.
pub fn query_param(name: &str) -> Option<String> {
    let search = web_sys::window()?.location().search().ok()?;
    let params = web_sys::UrlSearchParams::new_with_str(&search).ok()?;
    params.get(name)
}

/// The URL fragment without `#`.
pub fn fragment() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .map(|h| h.trim_start_matches('#').to_string())
        .unwrap_or_default()
}

/// Replaces the URL fragment without adding a history entry or reloading.
pub fn replace_fragment(fragment: &str) {
    if let Some(w) = web_sys::window() {
        let base = page_url_without_fragment();
        let url = if fragment.is_empty() { base } else { format!("{base}#{fragment}") };
        if let Ok(h) = w.history() {
            let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
        }
    }
}

/// `origin + pathname + search` of the page.
pub fn page_url_without_fragment() -> String {
    let Some(loc) = web_sys::window().map(|w| w.location()) else { return String::new() };
    format!(
        "{}{}{}",
        loc.origin().unwrap_or_default(),
        loc.pathname().unwrap_or_default(),
        loc.search().unwrap_or_default()
    )
}

/// `origin + pathname` of the page (no query, no fragment).
pub fn page_base_url() -> String {
    let Some(loc) = web_sys::window().map(|w| w.location()) else { return String::new() };
    format!("{}{}", loc.origin().unwrap_or_default(), loc.pathname().unwrap_or_default())
}

/// Copies text to the clipboard (best effort; the promise is not awaited).
pub fn copy_to_clipboard(text: &str) {
    if let Some(w) = web_sys::window() {
        let _ = w.navigator().clipboard().write_text(text);
    }
}

/// Sets an attribute on `<html>` (for the theme).
pub fn set_root_attribute(name: &str, value: &str) {
    if let Some(el) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = el.set_attribute(name, value);
    }
}

/// Milliseconds from a monotonic clock.
pub fn now_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or_else(js_sys::Date::now, |p| p.now())
}

/// Seconds since the epoch from the wall clock.
pub fn epoch_seconds() -> i64 {
    (js_sys::Date::now() / 1000.0) as i64
}
