//! Loading an image archive the user picks (`⤒ Load`): the file is read in pieces
//! (`File.slice`, one await each, so the page answers between them) with a progress bar,
//! then `docker load -i NAME` reads the pieces as one stream and the terminal shows what it
//! printed, as if the learner had typed it.

use std::collections::VecDeque;
use std::io::Read;

use wasm_bindgen_futures::JsFuture;
use yew::Callback;

use super::engine_bridge::Bridge;
use super::state::{Msg, SaveView};
use super::terminal::PROMPT;

/// Bytes read from the file per piece.
const PIECE: f64 = (1 << 20) as f64;

/// A picked archive: its name and the pieces read so far.
#[derive(Clone, Debug, Default)]
pub struct PickedArchive {
    /// Its number (a newer pick replaces it).
    pub id: u64,
    /// The file name, as `docker load -i` names it.
    pub name: String,
    pieces: VecDeque<Vec<u8>>,
}

impl PickedArchive {
    /// An archive with nothing read yet.
    pub fn new(id: u64, name: &str) -> Self {
        PickedArchive { id, name: name.to_string(), pieces: VecDeque::new() }
    }

    /// Adds the next piece.
    pub fn push(&mut self, piece: Vec<u8>) {
        if !piece.is_empty() {
            self.pieces.push_back(piece);
        }
    }

    /// The pieces as one stream (taken: each piece is released once read).
    pub fn take_reader(&mut self) -> Pieces {
        Pieces { pieces: std::mem::take(&mut self.pieces), at: 0 }
    }
}

/// Reads pieces one after the other, dropping each once read.
pub struct Pieces {
    pieces: VecDeque<Vec<u8>>,
    at: usize,
}

impl Read for Pieces {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        while let Some(front) = self.pieces.front() {
            if self.at < front.len() {
                let n = buf.len().min(front.len() - self.at);
                buf[..n].copy_from_slice(&front[self.at..self.at + n]);
                self.at += n;
                return Ok(n);
            }
            self.pieces.pop_front();
            self.at = 0;
        }
        Ok(0)
    }
}

/// Reads `file` in pieces with a progress bar, then loads it.
pub fn load_picked(bridge: Bridge, file: web_sys::File, d: Callback<Msg>) {
    let name = file.name();
    let size = file.size();
    let id = bridge.start_load(&name);
    let view = move |name: &str, fraction: f64| Msg::Loading(Some(SaveView { name: name.to_string(), fraction }));
    d.emit(view(&name, 0.0));
    wasm_bindgen_futures::spawn_local(async move {
        let mut at = 0.0;
        while at < size {
            let end = (at + PIECE).min(size);
            let piece = match file.slice_with_f64_and_f64(at, end) {
                Ok(blob) => JsFuture::from(blob.array_buffer()).await,
                Err(e) => Err(e),
            };
            let bytes = match piece {
                Ok(buf) => js_sys::Uint8Array::new(&buf).to_vec(),
                Err(e) => {
                    d.emit(Msg::Loading(None));
                    d.emit(Msg::Notify(Some(format!("could not read {name}: {e:?}"))));
                    return;
                }
            };
            if !bridge.load_chunk(id, bytes) {
                return;
            }
            at = end;
            // Reading is most of the work a learner waits for; loading takes the rest.
            d.emit(view(&name, 0.9 * at / size.max(1.0)));
        }
        let Some(r) = bridge.finish_load(id) else { return };
        d.emit(Msg::Loading(None));
        let notice = r.lines.last().map(|l| l.text.clone());
        let output = r.lines;
        d.emit(Msg::TerminalRan {
            input: format!("docker load -i {name}"),
            prompt: PROMPT.to_string(),
            output,
            shell_prompt: r.shell_prompt,
        });
        d.emit(Msg::Notify(notice));
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn pieces_read_back_as_one_stream() {
        let mut a = PickedArchive::new(1, "x.tar");
        a.push(b"ab".to_vec());
        a.push(Vec::new());
        a.push(b"cde".to_vec());
        let mut out = String::new();
        a.take_reader().read_to_string(&mut out).unwrap();
        assert_eq!(out, "abcde");
        assert_eq!(a.take_reader().read(&mut [0u8; 4]).unwrap(), 0, "taken once");
    }
}
