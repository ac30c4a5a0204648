//! The browser playground (yew, wasm32 only): a Dockerfile editor with its build context,
//! live builds that never freeze the page, a layer explorer, a docker terminal, downloads,
//! persistence, share links and an embeddable widget.
//!
//! State lives in one reducer ([`state`]); every engine call goes through one module
//! (`engine_bridge`); components are small function components, one file each.

mod app;
mod build_error;
mod build_log;
mod catalog_fetch;
mod codec;
mod context_panel;
mod dom;
mod download;
mod editor;
mod engine_bridge;
mod examples;
mod files;
mod header;
mod highlight;
mod image_picker;
mod inspect;
mod inspector;
mod learn;
mod load_file;
mod model;
mod persist;
mod pictures;
mod settings_form;
mod size_view;
mod state;
mod terminal;
mod timeline;

// The UI's unit tests need a document: they run in headless Chrome
// (`wasm-bindgen-test-runner` with `CHROMEDRIVER`), as the README describes.
#[cfg(test)]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

/// Mounts the playground into the page.
pub fn start() {
    yew::Renderer::<app::App>::new().render();
}
