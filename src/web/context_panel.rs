//! The build-context panel: the files `COPY` and `ADD` read. Add, rename, edit and delete
//! files and folders, upload or drop real files (tars too, for `ADD`), and `.dockerignore`.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::file::callbacks::FileReader;
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::codec::human_size;
use super::state::{Context, CtxEntry, Msg};

/// Context panel properties.
#[derive(Properties, PartialEq)]
pub struct ContextPanelProps {
    /// The context.
    pub context: Context,
    /// The entry open in the file editor.
    pub open: Option<String>,
    /// Sends state messages.
    pub dispatch: Callback<Msg>,
    /// No editing.
    #[prop_or_default]
    pub readonly: bool,
}

/// Reads browser files into the context, keeping the readers alive until they finish.
fn read_files(
    files: Vec<web_sys::File>,
    prefix: String,
    dispatch: Callback<Msg>,
    readers: Rc<RefCell<Vec<FileReader>>>,
) {
    for file in files {
        let name = file.name();
        let blob = gloo::file::File::from(file);
        let dispatch = dispatch.clone();
        let path = if prefix.is_empty() { name } else { format!("{prefix}/{name}") };
        let reader = gloo::file::callbacks::read_as_bytes(&blob, move |res| match res {
            Ok(bytes) => dispatch.emit(Msg::PutContextFile { path, data: Rc::from(bytes), mode: 0o644 }),
            Err(e) => dispatch.emit(Msg::Notify(Some(format!("could not read {path}: {e}")))),
        });
        readers.borrow_mut().push(reader);
    }
}

fn file_list(list: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    let Some(list) = list else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

/// The panel.
#[function_component(ContextPanel)]
pub fn context_panel(props: &ContextPanelProps) -> Html {
    let readers = use_mut_ref(Vec::<FileReader>::new);
    let new_name = use_state(String::new);
    let renaming = use_state(|| None::<(String, String)>);
    let dragging = use_state(|| false);
    let dispatch = props.dispatch.clone();

    let on_new_name = {
        let new_name = new_name.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(i) = e.target_dyn_into::<HtmlInputElement>() {
                new_name.set(i.value());
            }
        })
    };
    let add_file = {
        let (new_name, dispatch) = (new_name.clone(), dispatch.clone());
        Callback::from(move |_: MouseEvent| {
            let name = (*new_name).trim().to_string();
            if !name.is_empty() {
                dispatch.emit(Msg::PutContextFile { path: name, data: Rc::from(Vec::new()), mode: 0o644 });
                new_name.set(String::new());
            }
        })
    };
    let add_dir = {
        let (new_name, dispatch) = (new_name.clone(), dispatch.clone());
        Callback::from(move |_: MouseEvent| {
            let name = (*new_name).trim().to_string();
            if !name.is_empty() {
                dispatch.emit(Msg::AddContextDir(name));
                new_name.set(String::new());
            }
        })
    };
    let add_ignore = {
        let (dispatch, ctx) = (dispatch.clone(), props.context.clone());
        Callback::from(move |_: MouseEvent| {
            if ctx.contains_key(".dockerignore") {
                dispatch.emit(Msg::OpenContextEntry(Some(".dockerignore".into())));
            } else {
                let text = "# Paths the build context leaves out, one pattern a line\n*.tmp\n";
                dispatch.emit(Msg::PutContextFile {
                    path: ".dockerignore".into(),
                    data: Rc::from(text.as_bytes()),
                    mode: 0o644,
                });
            }
        })
    };
    let on_upload = {
        let (dispatch, readers) = (dispatch.clone(), readers.clone());
        Callback::from(move |e: Event| {
            if let Some(input) = e.target_dyn_into::<HtmlInputElement>() {
                read_files(file_list(input.files()), String::new(), dispatch.clone(), readers.clone());
                input.set_value("");
            }
        })
    };
    let ondragover = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            if !*dragging {
                dragging.set(true);
            }
        })
    };
    let ondragleave = {
        let dragging = dragging.clone();
        Callback::from(move |_: DragEvent| dragging.set(false))
    };
    let ondrop = {
        let (dispatch, readers, dragging) = (dispatch.clone(), readers.clone(), dragging.clone());
        let readonly = props.readonly;
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(false);
            if readonly {
                return;
            }
            let files = file_list(e.data_transfer().and_then(|d| d.files()));
            read_files(files, String::new(), dispatch.clone(), readers.clone());
        })
    };

    let rows = props.context.iter().map(|(path, entry)| {
        let depth = path.matches('/').count();
        let name = path.rsplit('/').next().unwrap_or(path).to_string();
        let is_open = props.open.as_deref() == Some(path.as_str());
        let open = {
            let (dispatch, path) = (dispatch.clone(), path.clone());
            let is_dir = matches!(entry, CtxEntry::Dir);
            Callback::from(move |_: MouseEvent| {
                if !is_dir {
                    dispatch.emit(Msg::OpenContextEntry(Some(path.clone())));
                }
            })
        };
        let delete = {
            let (dispatch, path) = (dispatch.clone(), path.clone());
            Callback::from(move |_: MouseEvent| dispatch.emit(Msg::DeleteContextEntry(path.clone())))
        };
        let start_rename = {
            let (renaming, path) = (renaming.clone(), path.clone());
            Callback::from(move |_: MouseEvent| renaming.set(Some((path.clone(), path.clone()))))
        };
        let (icon, meta) = match entry {
            CtxEntry::Dir => ("ico-dir", String::new()),
            CtxEntry::File { data, mode } => ("ico-file", format!("{} {:o}", human_size(data.len() as u64), mode)),
        };
        let name_cell = match &*renaming {
            Some((from, value)) if from == path => {
                let on_input = {
                    let (renaming, from) = (renaming.clone(), from.clone());
                    Callback::from(move |e: InputEvent| {
                        if let Some(i) = e.target_dyn_into::<HtmlInputElement>() {
                            renaming.set(Some((from.clone(), i.value())));
                        }
                    })
                };
                let on_key = {
                    let (renaming, dispatch, from, value) = (renaming.clone(), dispatch.clone(), from.clone(), value.clone());
                    Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
                        "Enter" => {
                            dispatch.emit(Msg::RenameContextEntry { from: from.clone(), to: value.clone() });
                            renaming.set(None);
                        }
                        "Escape" => renaming.set(None),
                        _ => {}
                    })
                };
                html! { <input class="rename" aria-label={format!("New path for {path}")} value={value.clone()} oninput={on_input} onkeydown={on_key} autofocus=true /> }
            }
            _ => html! {
                <button class="ctx-name linklike" onclick={open} aria-current={is_open.then_some("true")}>
                    <span class={classes!("ico", icon)} aria-hidden="true"></span>{ name }{ if matches!(entry, CtxEntry::Dir) { "/" } else { "" } }
                </button>
            },
        };
        let exec_toggle = match entry {
            CtxEntry::File { mode, .. } if !props.readonly => {
                let (dispatch, path) = (dispatch.clone(), path.clone());
                let on = mode & 0o111 != 0;
                html! {
                    <button class={classes!("icon", on.then_some("on"))} title="Toggle executable (chmod +x)"
                        aria-pressed={on.to_string()}
                        onclick={Callback::from(move |_: MouseEvent| dispatch.emit(Msg::ToggleExecutable(path.clone())))}>{ "x" }</button>
                }
            }
            _ => html! {},
        };
        html! {
            <li class={classes!("ctx-row", is_open.then_some("open"))} style={format!("--depth:{depth}")}>
                { name_cell }
                <span class="ctx-meta">{ meta }</span>
                if !props.readonly {
                    { exec_toggle }
                    <button class="icon" title={format!("Rename {path}")} aria-label={format!("Rename {path}")} onclick={start_rename}>{ "✎" }</button>
                    <button class="icon" title={format!("Delete {path}")} aria-label={format!("Delete {path}")} onclick={delete}>{ "✕" }</button>
                }
            </li>
        }
    });

    let file_editor = props.open.as_ref().and_then(|p| props.context.get(p).map(|e| (p.clone(), e))).map(|(path, entry)| {
        match entry {
            CtxEntry::File { data, mode } => match std::str::from_utf8(data) {
                Ok(text) => {
                    let mode = *mode;
                    let oninput = {
                        let (dispatch, path) = (dispatch.clone(), path.clone());
                        Callback::from(move |e: InputEvent| {
                            if let Some(t) = e.target_dyn_into::<HtmlTextAreaElement>() {
                                dispatch.emit(Msg::PutContextFile { path: path.clone(), data: Rc::from(t.value().into_bytes()), mode });
                            }
                        })
                    };
                    html! {
                        <div class="ctx-editor">
                            <label class="ctx-editor-title" for="ctx-file-text">{ path.clone() }</label>
                            <textarea id="ctx-file-text" spellcheck="false" wrap="off" readonly={props.readonly} value={text.to_string()} {oninput} />
                        </div>
                    }
                }
                Err(_) => html! {
                    <div class="ctx-editor"><p class="muted">{ format!("{path}: binary file, {} bytes", data.len()) }</p></div>
                },
            },
            CtxEntry::Dir => html! {},
        }
    });

    html! {
        <section class={classes!("context", (*dragging).then_some("dragging"))} aria-label="Build context"
            {ondragover} {ondragleave} {ondrop}>
            if !props.readonly {
                <div class="ctx-toolbar">
                    <input class="ctx-new" placeholder="path, e.g. app/main.sh" aria-label="New file or folder path"
                        value={(*new_name).clone()} oninput={on_new_name} />
                    <button onclick={add_file}>{ "+ File" }</button>
                    <button onclick={add_dir}>{ "+ Folder" }</button>
                    <label class="button">{ "Upload…" }
                        <input type="file" multiple=true class="visually-hidden" onchange={on_upload} />
                    </label>
                    <button onclick={add_ignore}>{ ".dockerignore" }</button>
                </div>
            }
            if props.context.is_empty() {
                <p class="muted ctx-empty">{ "The context is empty. Add files here, or drop files from your desktop (tars too, for ADD)." }</p>
            } else {
                <ul class="ctx-list">{ for rows }</ul>
            }
            { file_editor }
        </section>
    }
}
