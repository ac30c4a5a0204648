//! The Dockerfile editor: a transparent textarea over a highlighted `<pre>`, with line
//! numbers, diagnostics on their lines, the selected layer's lines highlighted, Tab that
//! inserts spaces (Escape then Tab leaves the editor) and Ctrl/Cmd+Enter to build.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::highlight::{highlight, Class};

/// Height of one editor line in pixels (matches `--lh` in the stylesheet).
pub const LINE_PX: i32 = 20;
const INDENT: &str = "    ";

/// A parser finding on a line.
#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    /// 1-based line.
    pub line: usize,
    /// What is wrong.
    pub message: String,
    /// Error (the build cannot start) or warning.
    pub error: bool,
    /// A failed build's error (shown whole by the build error panel, not in the list).
    pub from_build: bool,
}

/// The inline marker's text: the message, shortened so it fits beside the line (the whole
/// message is in the list under the editor and in the tooltip).
pub fn inline_text(message: &str) -> String {
    const MAX: usize = 48;
    if message.chars().count() <= MAX {
        message.to_string()
    } else {
        format!("{}…", message.chars().take(MAX - 1).collect::<String>())
    }
}

/// Editor properties.
#[derive(Properties, PartialEq)]
pub struct EditorProps {
    /// The text.
    pub text: AttrValue,
    /// Findings to mark.
    #[prop_or_default]
    pub diagnostics: Rc<Vec<Diagnostic>>,
    /// Lines of the selected layer's instruction.
    #[prop_or_default]
    pub selected_lines: Option<(usize, usize)>,
    /// Lines of the instruction being built.
    #[prop_or_default]
    pub running_lines: Option<(usize, usize)>,
    /// No editing (embed mode).
    #[prop_or_default]
    pub readonly: bool,
    /// The text changed.
    pub on_edit: Callback<String>,
    /// Ctrl/Cmd+Enter.
    pub on_build: Callback<()>,
    /// The caret was placed on a line (by a click or arrow keys).
    pub on_caret_line: Callback<usize>,
}

fn in_range(line: usize, r: Option<(usize, usize)>) -> bool {
    r.is_some_and(|(a, b)| a <= line && line <= b)
}

/// The 1-based line of a UTF-16 offset.
fn line_of(text: &str, utf16_offset: u32) -> usize {
    let mut units = 0u32;
    let mut line = 1;
    for c in text.chars() {
        if units >= utf16_offset {
            break;
        }
        units += c.len_utf16() as u32;
        if c == '\n' {
            line += 1;
        }
    }
    line
}

/// The UTF-16 offset where 1-based `line` starts.
fn offset_of_line(text: &str, line: usize) -> u32 {
    let mut units = 0u32;
    let mut cur = 1;
    for c in text.chars() {
        if cur >= line {
            break;
        }
        units += c.len_utf16() as u32;
        if c == '\n' {
            cur += 1;
        }
    }
    units
}

/// Inserts text at the caret, keeping the browser's undo history when it can.
fn insert_at_caret(area: &HtmlTextAreaElement, text: &str) {
    let doc = web_sys::window().and_then(|w| w.document());
    let done = doc
        .and_then(|d| d.dyn_into::<web_sys::HtmlDocument>().ok())
        .and_then(|d| d.exec_command_with_show_ui_and_value("insertText", false, text).ok())
        .unwrap_or(false);
    if !done {
        let _ = area.set_range_text(text);
        let end = area.selection_end().ok().flatten().unwrap_or(0);
        let _ = area.set_selection_range(end, end);
        let _ = area.dispatch_event(&web_sys::Event::new("input").expect("an input event"));
    }
}

/// The editor.
#[function_component(Editor)]
pub fn editor(props: &EditorProps) -> Html {
    let area = use_node_ref();
    let scroller = use_node_ref();
    let tab_released = use_mut_ref(|| false);
    let last_line = use_mut_ref(|| 0usize);
    let lines = use_memo(props.text.clone(), |t| highlight(t));

    // Bring the selected layer's lines into view.
    {
        let scroller = scroller.clone();
        use_effect_with(props.selected_lines, move |sel| {
            if let (Some((a, b)), Some(el)) = (*sel, scroller.cast::<HtmlElement>()) {
                let top = (a as i32 - 1) * LINE_PX;
                let bottom = b as i32 * LINE_PX + 16;
                let view_top = el.scroll_top();
                let view_h = el.client_height();
                if top < view_top || bottom > view_top + view_h {
                    el.set_scroll_top((top - view_h / 3).max(0));
                }
            }
        });
    }

    let oninput = {
        let on_edit = props.on_edit.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(t) = e.target_dyn_into::<HtmlTextAreaElement>() {
                on_edit.emit(t.value());
            }
        })
    };

    let report_caret = {
        let on_caret_line = props.on_caret_line.clone();
        let area = area.clone();
        let last_line = last_line.clone();
        move || {
            if let Some(t) = area.cast::<HtmlTextAreaElement>() {
                let pos = t.selection_start().ok().flatten().unwrap_or(0);
                let line = line_of(&t.value(), pos);
                if *last_line.borrow() != line {
                    *last_line.borrow_mut() = line;
                    on_caret_line.emit(line);
                }
            }
        }
    };
    let onclick = {
        let report = report_caret.clone();
        Callback::from(move |_: MouseEvent| report())
    };
    let onkeyup = Callback::from(move |e: KeyboardEvent| {
        if matches!(e.key().as_str(), "ArrowUp" | "ArrowDown" | "PageUp" | "PageDown" | "Home" | "End") {
            report_caret();
        }
    });

    let onkeydown = {
        let on_build = props.on_build.clone();
        let tab_released = tab_released.clone();
        let readonly = props.readonly;
        Callback::from(move |e: KeyboardEvent| {
            let key = e.key();
            if key == "Enter" && (e.ctrl_key() || e.meta_key()) {
                e.prevent_default();
                on_build.emit(());
                return;
            }
            if key == "Escape" {
                *tab_released.borrow_mut() = true;
                return;
            }
            if key == "Tab" && !e.shift_key() && !e.ctrl_key() && !e.alt_key() && !e.meta_key() {
                if *tab_released.borrow() || readonly {
                    return; // let focus move on
                }
                e.prevent_default();
                if let Some(t) = e.target_dyn_into::<HtmlTextAreaElement>() {
                    insert_at_caret(&t, INDENT);
                }
                return;
            }
            *tab_released.borrow_mut() = false;
        })
    };

    let diags = &props.diagnostics;
    let gutter = (1..=lines.len()).map(|n| {
        let err = diags.iter().find(|d| d.line == n && d.error);
        let warn = diags.iter().find(|d| d.line == n && !d.error);
        let title = err.or(warn).map(|d| d.message.clone());
        let class = classes!(
            "gl",
            err.map(|_| "gl-err"),
            (err.is_none() && warn.is_some()).then_some("gl-warn"),
            in_range(n, props.selected_lines).then_some("gl-sel"),
        );
        html! { <div class={class} title={title} data-line={n.to_string()}>{ n }</div> }
    });

    let code = lines.iter().enumerate().map(|(i, spans)| {
        let n = i + 1;
        let inline = diags.iter().find(|d| d.line == n).map(|d| {
            let class = if d.error { "diag-inline err" } else { "diag-inline warn" };
            html! { <span class={class} title={d.message.clone()}>{ format!("  ◂ {}", inline_text(&d.message)) }</span> }
        });
        let class = classes!(
            "line",
            in_range(n, props.selected_lines).then_some("sel"),
            in_range(n, props.running_lines).then_some("running"),
        );
        html! {
            <span class={class}>
                { for spans.iter().map(|(c, t)| match c {
                    Class::Plain => html! { t.clone() },
                    c => html! { <span class={c.css()}>{ t.clone() }</span> },
                }) }
                { inline }
            </span>
        }
    });

    let diag_list = diags.iter().filter(|d| !d.from_build).map(|d| {
        let jump = {
            let area = area.clone();
            let line = d.line;
            Callback::from(move |_: MouseEvent| {
                if let Some(t) = area.cast::<HtmlTextAreaElement>() {
                    let off = offset_of_line(&t.value(), line);
                    let _ = t.focus();
                    let _ = t.set_selection_range(off, off);
                }
            })
        };
        let class = if d.error { "diag err" } else { "diag warn" };
        html! {
            <li class={class}>
                <button class="linklike" onclick={jump}>{ format!("line {}", d.line) }</button>
                { format!(" {}", d.message) }
            </li>
        }
    });
    let diag_list: Vec<Html> = diag_list.collect();

    html! {
        <div class="editor">
            <div class="ed-scroll" ref={scroller}>
                <div class="ed-gutter" aria-hidden="true">{ for gutter }</div>
                <div class="ed-code">
                    <pre class="ed-pre" aria-hidden="true">{ for code }</pre>
                    <textarea
                        ref={area}
                        class="ed-input"
                        aria-label="Dockerfile"
                        spellcheck="false"
                        autocapitalize="off"
                        autocomplete="off"
                        wrap="off"
                        readonly={props.readonly}
                        value={props.text.clone()}
                        {oninput}
                        {onkeydown}
                        {onkeyup}
                        {onclick}
                    />
                </div>
            </div>
            if !diag_list.is_empty() {
                <ul class="ed-diags" aria-live="polite">{ for diag_list }</ul>
            }
        </div>
    }
}
