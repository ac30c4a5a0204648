//! The file explorer: the merged filesystem as of the selected layer, each entry marked
//! Added / Changed / Deleted (whiteout) by that layer, with sizes, modes and owners, and a
//! viewer showing a file as text or as a hex dump.

use std::collections::BTreeSet;
use std::rc::Rc;

use yew::prelude::*;

use super::codec::human_size;
use super::engine_bridge::{Bridge, Snapshot};
use super::state::{LayerCard, Msg};
use crate::vfs::{path, ChangeKind, Node, NodeKind};

/// Explorer properties.
#[derive(Properties, PartialEq)]
pub struct FilesProps {
    /// The engine.
    pub bridge: Bridge,
    /// The selected step.
    pub card: Option<LayerCard>,
    /// The selected path.
    pub selected_path: Option<String>,
    /// Expanded folders (all-files mode).
    pub expanded: BTreeSet<String>,
    /// All files rather than this layer's changes.
    pub show_all: bool,
    /// Sends state messages.
    pub dispatch: Callback<Msg>,
}

const MAX_ROWS: usize = 3000;
const PREVIEW_BYTES: usize = 64 * 1024;
const HEX_BYTES: usize = 4096;

struct Row {
    path: String,
    depth: usize,
    node: Option<Node>,
    change: Option<ChangeKind>,
}

/// The rows to show: with `only` (changes mode) the changed paths and their ancestors,
/// all expanded; otherwise the children of expanded folders.
fn rows(s: &Snapshot, only: Option<&BTreeSet<String>>, expanded: &BTreeSet<String>) -> (Vec<Row>, usize) {
    let mut out = Vec::new();
    let mut hidden = 0;
    // Depth-first walk that keeps each folder's children right below it.
    fn walk(
        dir: &str,
        s: &Snapshot,
        only: Option<&BTreeSet<String>>,
        expanded: &BTreeSet<String>,
        out: &mut Vec<Row>,
        hidden: &mut usize,
    ) {
        let mut entries: Vec<(String, Option<Node>)> =
            s.tree.children(dir).map(|(name, n)| (path::join(dir, name), Some(n.clone()))).collect();
        for (p, kind) in &s.changes {
            if *kind == ChangeKind::Deleted && path::parent(p) == dir && s.tree.get(p).is_none() {
                entries.push((p.clone(), s.lower.get(p).cloned()));
            }
        }
        crate::util::sort::sort_by(&mut entries, |a, b| a.0.cmp(&b.0));
        for (p, node) in entries {
            if only.is_some_and(|set| !set.contains(&p)) {
                continue;
            }
            if out.len() >= MAX_ROWS {
                *hidden += 1;
                continue;
            }
            let change = s.changes.get(&p).copied();
            let deleted = change == Some(ChangeKind::Deleted);
            let is_dir = !deleted && node.as_ref().is_some_and(Node::is_dir);
            let depth = p.matches('/').count() - 1;
            out.push(Row { path: p.clone(), depth, node, change });
            if is_dir && (only.is_some() || expanded.contains(&p)) {
                walk(&p, s, only, expanded, out, hidden);
            }
        }
    }
    walk("/", s, only, expanded, &mut out, &mut hidden);
    (out, hidden)
}

fn hexdump(bytes: &[u8]) -> String {
    let mut s = String::new();
    for (i, chunk) in bytes.chunks(16).enumerate() {
        s.push_str(&format!("{:08x}  ", i * 16));
        for j in 0..16 {
            match chunk.get(j) {
                Some(b) => s.push_str(&format!("{b:02x} ")),
                None => s.push_str("   "),
            }
            if j == 7 {
                s.push(' ');
            }
        }
        s.push_str(" |");
        s.extend(chunk.iter().map(|&b| if (0x20..0x7f).contains(&b) { b as char } else { '.' }));
        s.push_str("|\n");
    }
    s
}

fn mark(change: Option<ChangeKind>) -> Html {
    match change {
        Some(ChangeKind::Added) => html! { <span class="mark mark-a" title="Added in this layer">{ "A" }</span> },
        Some(ChangeKind::Changed) => {
            html! { <span class="mark mark-c" title="Changed in this layer (copied up)">{ "C" }</span> }
        }
        Some(ChangeKind::Deleted) => {
            html! { <span class="mark mark-d" title="Deleted in this layer (whiteout)">{ "D" }</span> }
        }
        None => html! { <span class="mark"></span> },
    }
}

/// The viewer of one file.
fn viewer(s: &Snapshot, p: &str) -> Html {
    let Some(node) = s.tree.get(p) else {
        let was = s
            .lower
            .get(p)
            .map(|n| format!(" It was {}, and those bytes stay in the layer below.", human_size(n.size())))
            .unwrap_or_default();
        return html! { <div class="viewer"><div class="viewer-head mono">{ p.to_string() }</div>
        <p class="muted">{ format!("Deleted by this layer: the layer holds a whiteout .wh.{}.{was}", path::file_name(p)) }</p></div> };
    };
    let head = html! {
        <div class="viewer-head">
            <span class="mono">{ p.to_string() }</span>
            <span class="muted mono">{ format!("{}  {}:{}  {}", node.mode_string(), node.meta.uid, node.meta.gid, human_size(node.size())) }</span>
        </div>
    };
    let body = match &node.kind {
        NodeKind::Dir => html! { <p class="muted">{ "A folder." }</p> },
        NodeKind::Symlink(t) => html! { <p class="mono">{ format!("symbolic link → {t}") }</p> },
        NodeKind::File(c) => {
            let bytes = c.head(PREVIEW_BYTES);
            let note = c.is_synthetic().then(|| html! {
                <p class="muted small">{ "Simulated content: layerlab stands in generated bytes of the right size for package files." }</p>
            });
            let text = std::str::from_utf8(&bytes).ok().filter(|t| !t.contains('\0'));
            let (view, shown) = match text {
                Some(t) => (html! { <pre class="file-text">{ t.to_string() }</pre> }, bytes.len()),
                None => {
                    let n = bytes.len().min(HEX_BYTES);
                    (html! { <pre class="file-hex">{ hexdump(&bytes[..n]) }</pre> }, n)
                }
            };
            let more = ((shown as u64) < c.len()).then(|| {
                html! {
                    <p class="muted small">{ format!("Showing the first {} of {} bytes.", shown, c.len()) }</p>
                }
            });
            html! { <>{ for note }{ view }{ for more }</> }
        }
    };
    html! { <div class="viewer">{ head }{ body }</div> }
}

/// The explorer.
#[function_component(Files)]
pub fn files(props: &FilesProps) -> Html {
    let key = props.card.as_ref().map(|c| (c.image_id.clone(), !c.empty));
    let snap = {
        let bridge = props.bridge.clone();
        use_memo(key.clone(), move |k| k.as_ref().and_then(|(id, own)| bridge.snapshot(id, *own)).map(Rc::new))
    };
    let (Some(card), Some(snap)) = (props.card.as_ref(), (*snap).clone()) else {
        return html! { <p class="muted pad">{ "Select a layer in the timeline to see the filesystem as of that step." }</p> };
    };
    let counts = |k| snap.changes.values().filter(|c| **c == k).count();
    let only: Option<BTreeSet<String>> = (!props.show_all).then(|| {
        let mut set = BTreeSet::new();
        for p in snap.changes.keys() {
            set.insert(p.clone());
            for a in path::ancestors(p) {
                set.insert(a.to_string());
            }
        }
        set
    });
    let (rows, hidden) = rows(&snap, only.as_ref(), &props.expanded);
    let d = props.dispatch.clone();
    let row_html = rows.iter().map(|r| {
        let deleted = r.change == Some(ChangeKind::Deleted);
        let is_dir = !deleted && r.node.as_ref().is_some_and(Node::is_dir);
        let open = is_dir && (!props.show_all || props.expanded.contains(&r.path));
        let selected = props.selected_path.as_deref() == Some(r.path.as_str());
        let onclick = {
            let (d, p, show_all) = (d.clone(), r.path.clone(), props.show_all);
            Callback::from(move |_: MouseEvent| {
                if is_dir && show_all {
                    d.emit(Msg::ToggleDir(p.clone()));
                }
                d.emit(Msg::SelectPath(Some(p.clone())));
            })
        };
        let name = path::file_name(&r.path).to_string();
        let (mode, owner, size, target) = match &r.node {
            Some(n) => (
                n.mode_string(),
                format!("{}:{}", n.meta.uid, n.meta.gid),
                if n.is_dir() { String::new() } else { human_size(n.size()) },
                match &n.kind {
                    NodeKind::Symlink(t) => format!(" → {t}"),
                    _ => String::new(),
                },
            ),
            None => (String::new(), String::new(), String::new(), String::new()),
        };
        let twisty = if is_dir { if open { "▾" } else { "▸" } } else { "" };
        html! {
            <li class={classes!("frow", selected.then_some("selected"), deleted.then_some("deleted"))}
                data-path={r.path.clone()} data-change={r.change.map(|c| c.to_string())}>
                <button class="frow-btn" {onclick} aria-expanded={is_dir.then(|| open.to_string())} style={format!("--depth:{}", r.depth)}>
                    { mark(r.change) }
                    <span class="twisty" aria-hidden="true">{ twisty }</span>
                    <span class="fname" title={r.path.clone()}>{ name }{ if is_dir { "/" } else { "" } }<span class="muted">{ target }</span></span>
                    <span class="fmode">{ mode }</span>
                    <span class="fowner">{ owner }</span>
                    <span class="fsize">{ size }</span>
                </button>
            </li>
        }
    });
    let on_all = {
        let d = d.clone();
        Callback::from(move |e: Event| {
            if let Some(i) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                d.emit(Msg::SetShowAllFiles(i.checked()));
            }
        })
    };
    html! {
        <div class="files">
            <div class="files-bar">
                <span class="mono small" title={format!("the union of {} layers", snap.layers)}>{ format!("Step {} · {}", card.step, card.instruction) }</span>
                <span class="counts">
                    <span class="mark mark-a">{ "A" }</span>{ counts(ChangeKind::Added) }
                    <span class="mark mark-c">{ "C" }</span>{ counts(ChangeKind::Changed) }
                    <span class="mark mark-d">{ "D" }</span>{ counts(ChangeKind::Deleted) }
                </span>
                <label class="check small"><input type="checkbox" checked={props.show_all} onchange={on_all} />{ " all files" }</label>
            </div>
            <div class="files-split">
                <ul class="ftree" aria-label="Files">
                    if rows.is_empty() {
                        <li class="muted pad">{ if card.empty { "This step changed only the image configuration: no layer." } else { "No changes." } }</li>
                    }
                    { for row_html }
                    if hidden > 0 {
                        <li class="muted pad">{ format!("… {hidden} more entries") }</li>
                    }
                </ul>
                { props.selected_path.as_deref().map(|p| viewer(&snap, p)).unwrap_or_else(|| html! {
                    <div class="viewer muted pad">{ "Click a file to view it." }</div>
                }) }
            </div>
        </div>
    }
}
