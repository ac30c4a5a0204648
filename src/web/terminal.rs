//! The terminal: `docker …` (and `layerlab …`) commands against the engine, and inside a
//! container the simulated shell; history with the arrow keys and tab completion of
//! commands and image names.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

use web_sys::{HtmlElement, HtmlInputElement};
use yew::prelude::*;

use super::engine_bridge::Bridge;
use super::engine_bridge::SaveStatus;
use super::state::{Msg, SaveView, TermLine, TermState};

/// Lines typed while an earlier one waits for catalogue data run after it, in order.
#[derive(Default)]
struct Queue {
    lines: VecDeque<String>,
    busy: bool,
}

/// Runs the queued lines in order. A line whose images' catalogue data is not here yet
/// (`docker run hello-world` on first use) waits for it to be fetched from the site.
fn drain(bridge: Bridge, d: Callback<Msg>, queue: Rc<RefCell<Queue>>) {
    loop {
        let text = {
            let mut q = queue.borrow_mut();
            if q.busy {
                return;
            }
            match q.lines.pop_front() {
                Some(t) => t,
                None => return,
            }
        };
        if bridge.prompt().is_none() {
            // `docker save -o` packs in slices with the progress bar, as the download button
            // does; `docker load -i` of what it wrote reads the archive in pieces.
            if let Some((save, file)) = bridge.terminal_save(&text) {
                queue.borrow_mut().busy = true;
                drive_save(Job { bridge, d, queue, input: text }, save, file);
                return;
            }
            if let Some((blob, name)) = bridge.terminal_load(&text) {
                queue.borrow_mut().busy = true;
                let job = Job { bridge: bridge.clone(), d: d.clone(), queue, input: String::new() };
                super::load_file::load_blob(bridge, blob, name, text, d, move || job.release());
                return;
            }
        }
        let refs = bridge.terminal_references(&text);
        if crate::catalog::data::missing(&refs).is_empty() {
            run(&bridge, &d, text);
            continue;
        }
        queue.borrow_mut().busy = true;
        wasm_bindgen_futures::spawn_local(async move {
            match super::catalog_fetch::ensure(&refs).await {
                Ok(()) => run(&bridge, &d, text),
                Err(e) => d.emit(Msg::TerminalRan {
                    input: text,
                    prompt: prompt_of(&bridge),
                    output: vec![TermLine { text: format!("Error response from daemon: {}", e.message), kind: "err" }],
                    shell_prompt: bridge.prompt(),
                }),
            }
            queue.borrow_mut().busy = false;
            drain(bridge, d, queue);
        });
        return;
    }
}

/// A terminal line that runs over several ticks; the queue waits for it.
struct Job {
    bridge: Bridge,
    d: Callback<Msg>,
    queue: Rc<RefCell<Queue>>,
    input: String,
}

impl Job {
    /// Shows the line with what it printed, then runs the lines typed meanwhile.
    fn finish(self, output: Vec<TermLine>) {
        let prompt = PROMPT.to_string();
        self.d.emit(Msg::TerminalRan { input: self.input.clone(), prompt, output, shell_prompt: self.bridge.prompt() });
        self.release();
    }

    /// Lets the queue go on.
    fn release(self) {
        self.queue.borrow_mut().busy = false;
        drain(self.bridge, self.d, self.queue);
    }
}

/// Packs the image of a terminal `docker save` one slice per timer tick with the progress
/// bar, then keeps the archive as the file (and offers it as a download). `docker save`
/// prints nothing when it succeeds.
fn drive_save(job: Job, save: u64, file: String) {
    gloo::timers::callback::Timeout::new(0, move || {
        let err = |text: String| vec![TermLine { text, kind: "err" }];
        match job.bridge.save_slice(save, super::app::SAVE_SLICE_MS) {
            Some(SaveStatus::Working(fraction)) => {
                job.d.emit(Msg::Saving(Some(SaveView { name: file.clone(), fraction })));
                drive_save(job, save, file);
            }
            Some(SaveStatus::Done(parts, _)) => {
                job.d.emit(Msg::Saving(None));
                let output = match job.bridge.keep_saved(&file, &parts) {
                    Ok(()) => Vec::new(),
                    Err(e) => err(format!("open {file}: {e}")),
                };
                job.finish(output);
            }
            Some(SaveStatus::Failed(e)) => {
                job.d.emit(Msg::Saving(None));
                job.finish(err(format!("Error response from daemon: {e}")));
            }
            None => job.finish(err("context canceled".into())),
        }
    })
    .forget();
}

/// The prompt the next line is typed at.
fn prompt_of(bridge: &Bridge) -> String {
    bridge.prompt().unwrap_or_else(|| PROMPT.to_string())
}

/// Runs a terminal line and shows what it printed.
fn run(bridge: &Bridge, d: &Callback<Msg>, input: String) {
    let prompt = prompt_of(bridge);
    let r = bridge.terminal(&input);
    d.emit(Msg::TerminalRan { input, prompt, output: r.lines, shell_prompt: r.shell_prompt });
}

/// Terminal properties.
#[derive(Properties, PartialEq)]
pub struct TerminalProps {
    /// The engine.
    pub bridge: Bridge,
    /// Scrollback, history and prompt.
    pub term: TermState,
    /// Sends state messages.
    pub dispatch: Callback<Msg>,
}

const TOP_COMMANDS: &[&str] = &["docker", "layerlab", "help", "clear"];

/// The docker prompt.
pub const PROMPT: &str = "$ ";

/// Completes the last word of `line`: commands first, then image names.
pub fn complete(line: &str, images: &[String]) -> Option<String> {
    let (head, word) = match line.rfind(' ') {
        Some(i) => (&line[..=i], &line[i + 1..]),
        None => ("", line),
    };
    let words_before = head.split_whitespace().count();
    let candidates: Vec<&str> = match words_before {
        0 => TOP_COMMANDS.to_vec(),
        1 if matches!(head.trim(), "docker" | "layerlab") => crate::engine::command_names(),
        _ => images.iter().map(String::as_str).collect(),
    };
    let matches: Vec<&str> = candidates.into_iter().filter(|c| c.starts_with(word)).collect();
    let first = *matches.first()?;
    // The longest common prefix of all matches.
    let mut prefix = first.to_string();
    for m in &matches[1..] {
        let n = prefix.chars().zip(m.chars()).take_while(|(a, b)| a == b).count();
        prefix = prefix.chars().take(n).collect();
    }
    if prefix.len() <= word.len() {
        return None;
    }
    let space = if matches.len() == 1 { " " } else { "" };
    Some(format!("{head}{prefix}{space}"))
}

/// The terminal.
#[function_component(Terminal)]
pub fn terminal(props: &TerminalProps) -> Html {
    let input = use_node_ref();
    let screen = use_node_ref();
    let line = use_state(String::new);
    // Position in history while browsing with the arrows (None: editing a new line).
    let browsing = use_mut_ref(|| None::<usize>);
    {
        let screen = screen.clone();
        use_effect_with(props.term.lines.len(), move |_| {
            if let Some(el) = screen.cast::<HtmlElement>() {
                el.set_scroll_top(el.scroll_height());
            }
        });
    }
    let prompt = props.term.shell_prompt.clone().unwrap_or_else(|| PROMPT.to_string());
    let oninput = {
        let line = line.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(i) = e.target_dyn_into::<HtmlInputElement>() {
                line.set(i.value());
            }
        })
    };
    let queue = use_mut_ref(Queue::default);
    let onkeydown = {
        let (line, bridge, d, browsing) =
            (line.clone(), props.bridge.clone(), props.dispatch.clone(), browsing.clone());
        let queue = queue.clone();
        let history = props.term.history.clone();
        Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
            "Enter" => {
                e.prevent_default();
                let text = (*line).clone();
                *browsing.borrow_mut() = None;
                line.set(String::new());
                if text.trim() == "clear" {
                    d.emit(Msg::ClearTerminal);
                    return;
                }
                queue.borrow_mut().lines.push_back(text);
                drain(bridge.clone(), d.clone(), queue.clone());
            }
            "ArrowUp" | "ArrowDown" => {
                e.prevent_default();
                if history.is_empty() {
                    return;
                }
                let mut pos = browsing.borrow_mut();
                let next = match (e.key().as_str(), *pos) {
                    ("ArrowUp", None) => Some(history.len() - 1),
                    ("ArrowUp", Some(i)) => Some(i.saturating_sub(1)),
                    ("ArrowDown", Some(i)) if i + 1 < history.len() => Some(i + 1),
                    _ => None,
                };
                *pos = next;
                line.set(next.map(|i| history[i].clone()).unwrap_or_default());
            }
            "Tab" => {
                if let Some(done) = complete(&line, &bridge.image_names()) {
                    e.prevent_default();
                    line.set(done);
                } else if !line.is_empty() {
                    e.prevent_default();
                }
            }
            "l" if e.ctrl_key() => {
                e.prevent_default();
                d.emit(Msg::ClearTerminal);
            }
            _ => {}
        })
    };
    let focus = {
        let input = input.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(i) = input.cast::<HtmlInputElement>() {
                let selecting =
                    web_sys::window().and_then(|w| w.get_selection().ok().flatten()).is_some_and(|s| !s.is_collapsed());
                if !selecting {
                    let _ = i.focus();
                }
            }
        })
    };
    html! {
        <div class="terminal" onclick={focus}>
            <div class="term-screen" ref={screen} role="log" aria-label="Terminal output">
                if props.term.lines.is_empty() {
                    <div class="muted">{ "Try: docker images · docker history playground · docker run -it alpine sh · docker ps -a · help" }</div>
                }
                { for props.term.lines.iter().map(|l| html! { <div class={format!("t-{}", l.kind)}>{ l.text.clone() }</div> }) }
            </div>
            <div class="term-input">
                <span class="term-prompt" aria-hidden="true">{ prompt.clone() }</span>
                <input ref={input} value={(*line).clone()} {oninput} {onkeydown} aria-label="Terminal command"
                    spellcheck="false" autocomplete="off" autocapitalize="off" />
            </div>
        </div>
    }
}
