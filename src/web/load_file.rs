//! Loading an image archive the user picks (`⤒ Load`): the file is read in pieces
//! (`File.slice`, one await each, so the page answers between them) and each piece goes
//! straight into the engine's [`crate::oci::LoadJob`], which hashes it and decodes layer
//! blobs as they come; a progress bar follows the pieces. At the end the terminal shows
//! Docker's answer to `docker load -i NAME`, as if the learner had typed it.

use wasm_bindgen_futures::JsFuture;
use yew::Callback;

use super::engine_bridge::Bridge;
use super::state::{Msg, SaveView};
use super::terminal::PROMPT;

/// Bytes read from the file and loaded per piece: a few milliseconds of hashing and
/// decoding on a slow machine.
const PIECE: f64 = (256 * 1024) as f64;

/// Reads `file` in pieces with a progress bar, loading each as it comes.
pub fn load_picked(bridge: Bridge, file: web_sys::File, d: Callback<Msg>) {
    let name = file.name();
    let input = format!("docker load -i {name}");
    load_blob(bridge, file.into(), name, input, d, || ());
}

/// Reads the archive `blob` (called `name`) in pieces with a progress bar, loading each as
/// it comes; the terminal then shows `input` with Docker's answer, and `done` runs.
pub fn load_blob(
    bridge: Bridge,
    blob: web_sys::Blob,
    name: String,
    input: String,
    d: Callback<Msg>,
    done: impl FnOnce() + 'static,
) {
    let size = blob.size();
    let id = bridge.start_load();
    let view = move |name: &str, fraction: f64| Msg::Loading(Some(SaveView { name: name.to_string(), fraction }));
    d.emit(view(&name, 0.0));
    wasm_bindgen_futures::spawn_local(async move {
        let mut at = 0.0;
        let mut shown = 0.0;
        while at < size {
            let end = (at + PIECE).min(size);
            let piece = match blob.slice_with_f64_and_f64(at, end) {
                Ok(blob) => JsFuture::from(blob.array_buffer()).await,
                Err(e) => Err(e),
            };
            let bytes = match piece {
                Ok(buf) => js_sys::Uint8Array::new(&buf).to_vec(),
                Err(e) => {
                    d.emit(Msg::Loading(None));
                    d.emit(Msg::Notify(Some(format!("could not read {name}: {e:?}"))));
                    done();
                    return;
                }
            };
            if !bridge.load_piece(id, &bytes) {
                break;
            }
            at = end;
            // The bar moves by whole percents (fewer redraws).
            let fraction = at / size.max(1.0);
            if fraction - shown >= 0.01 {
                shown = fraction;
                d.emit(view(&name, fraction));
            }
        }
        let Some(r) = bridge.finish_load(id) else {
            done();
            return;
        };
        d.emit(Msg::Loading(None));
        let notice = r.lines.last().map(|l| l.text.clone());
        d.emit(Msg::TerminalRan { input, prompt: PROMPT.to_string(), output: r.lines, shell_prompt: r.shell_prompt });
        d.emit(Msg::Notify(notice));
        done();
    });
}
