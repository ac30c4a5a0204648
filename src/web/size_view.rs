//! The "Size" tab: why the image is as big as it is. The totals and dive's efficiency, a
//! stacked bar of the layers, a treemap of the files, the layers and the paths that
//! waste bytes, and hints whose fixes are built and measured, each applied in one click.

use std::rc::Rc;

use gloo::timers::callback::Timeout;
use yew::prelude::*;

use super::codec::human_size;
use super::engine_bridge::{to_build_context, Bridge};
use super::pictures::{segments, StackedBar, Treemap};
use super::state::{BuildStatus, Msg, State, Tab};
use crate::analysis::{analyze, lint, Analysis, Hint, ShippedFile};

/// Size tab properties.
#[derive(Properties, PartialEq)]
pub struct SizeProps {
    /// The whole state.
    pub state: UseReducerHandle<State>,
    /// The engine.
    pub bridge: Bridge,
    /// Sends state messages.
    pub dispatch: Callback<Msg>,
}

/// The timeline card of layer `layer` of an image whose layers have `diff_ids`: the step
/// that made it, or the final stage's FROM for a base-image layer (then `true`).
pub fn card_of_layer(s: &State, diff_ids: &[String], layer: usize) -> Option<(usize, bool)> {
    let id = diff_ids.get(layer)?;
    if let Some(i) =
        s.build.cards.iter().position(|c| c.digest.as_deref() == Some(id.as_str()) && c.base_size.is_none())
    {
        return Some((i, false));
    }
    s.build.cards.iter().rposition(|c| c.base_size.is_some()).map(|i| (i, true))
}

/// Shows `path` in the file explorer as of the step that made `layer`.
pub fn reveal(s: &State, d: &Callback<Msg>, card: Option<(usize, bool)>, path: &str) {
    let Some((card, base)) = card else { return };
    d.emit(Msg::SelectLayer(Some(card)));
    if base && !s.show_all_files {
        d.emit(Msg::SetShowAllFiles(true));
    }
    if base || s.show_all_files {
        for anc in crate::vfs::path::ancestors(path) {
            if anc != "/" && anc != path && !s.expanded.contains(anc) {
                d.emit(Msg::ToggleDir(anc.to_string()));
            }
        }
    }
    d.emit(Msg::SelectPath(Some(path.to_string())));
    d.emit(Msg::ShowTab(Tab::Files));
}

fn plural(n: i64, one: &str) -> String {
    if n == 1 || n == -1 {
        format!("{n} {one}")
    } else {
        format!("{n} {one}s")
    }
}

/// What a measured fix saves, in words.
pub fn saves_text(h: &Hint) -> String {
    match (h.saves_bytes, h.saves_layers) {
        (Some(0), Some(0)) => "fix changes no size or layer count (measured)".into(),
        (Some(b), Some(l)) => {
            let bytes = if b < 0 {
                format!("costs {}", human_size(b.unsigned_abs()))
            } else {
                format!("saves {}", human_size(b as u64))
            };
            format!("fix {bytes} and {} (measured)", plural(l, "layer"))
        }
        _ if h.fix.is_some() => "fix not measured: a build failed".into(),
        _ => String::new(),
    }
}

/// The tab.
#[function_component(SizePanel)]
pub fn size_panel(props: &SizeProps) -> Html {
    let s = &*props.state;
    let d = props.dispatch.clone();
    let image_id = match &s.build.status {
        BuildStatus::Done { image_id, .. } => Some(image_id.clone()),
        _ => None,
    };
    let data = {
        let bridge = props.bridge.clone();
        use_memo(image_id.clone(), move |id| {
            let id = id.as_ref()?;
            bridge.with_store(|st| {
                st.get(id).map(|img| {
                    (Rc::new(analyze(img)), img.layers.iter().map(|l| l.diff_id.clone()).collect::<Vec<_>>())
                })
            })
        })
    };
    let hints = use_state(|| None::<(Option<String>, Result<Vec<Hint>, String>)>);
    let measuring = use_state(|| false);
    let Some((analysis, diff_ids)) = (*data).clone() else {
        return html! { <p class="muted">{ "Build the Dockerfile to see where the image's bytes go." }</p> };
    };
    let diff_ids = Rc::new(diff_ids);
    let selected_layer =
        s.selected_card().and_then(|c| c.digest.as_ref()).and_then(|dg| diff_ids.iter().position(|x| x == dg));

    let on_file = {
        let (st, d, ids) = (props.state.clone(), d.clone(), diff_ids.clone());
        Callback::from(move |f: ShippedFile| reveal(&st, &d, card_of_layer(&st, &ids, f.layer), &f.path))
    };
    let on_layer = {
        let (st, d, ids) = (props.state.clone(), d.clone(), diff_ids.clone());
        Callback::from(move |layer: usize| {
            if let Some((card, _)) = card_of_layer(&st, &ids, layer) {
                d.emit(Msg::SelectLayer(Some(card)));
            }
        })
    };
    let on_measure = {
        let (st, bridge, hints, measuring, id) =
            (props.state.clone(), props.bridge.clone(), hints.clone(), measuring.clone(), image_id.clone());
        Callback::from(move |_: MouseEvent| {
            measuring.set(true);
            let (st, bridge, hints, measuring, id) =
                (st.clone(), bridge.clone(), hints.clone(), measuring.clone(), id.clone());
            // Let "Measuring…" paint before the builds run.
            Timeout::new(30, move || {
                let ctx = to_build_context(&st.context);
                let mut store = bridge.with_store(|s| s.clone());
                let result = lint(&st.dockerfile, &ctx, &mut store).map_err(|e| e.to_string());
                hints.set(Some((id, result)));
                measuring.set(false);
            })
            .forget();
        })
    };

    let a: &Analysis = &analysis;
    let layer_rows = a.layers.iter().enumerate().map(|(i, l)| {
        let card = card_of_layer(s, &diff_ids, i);
        let line = card.filter(|c| !c.1).and_then(|(c, _)| s.build.cards.get(c)).map(|c| c.lines.0);
        let onclick = {
            let on_layer = on_layer.clone();
            Callback::from(move |_: MouseEvent| on_layer.emit(i))
        };
        html! {
            <tr class={classes!("size-layer", (selected_layer == Some(i)).then_some("selected"))} {onclick} data-layer={i.to_string()}>
                <td><span class="swatch" style={format!("display:inline-block;width:0.8em;height:0.8em;background:{}", super::pictures::layer_colour(i))} /></td>
                <td>{ line.map(|l| format!("line {l}")).unwrap_or_else(|| "base".into()) }</td>
                <td class="mono">{ crate::engine::format::ellipsis(&l.created_by, 70) }</td>
                <td class="num">{ human_size(l.size_bytes) }</td>
                <td class="num">{ if l.wasted_bytes > 0 { human_size(l.wasted_bytes) } else { String::new() } }</td>
            </tr>
        }
    });
    let wasted_rows = a.wasted_paths.iter().take(10).map(|w| {
        let onclick = {
            let (st, d, ids, path, layer) = (props.state.clone(), d.clone(), diff_ids.clone(), w.path.clone(), w.layers[0]);
            Callback::from(move |_: MouseEvent| reveal(&st, &d, card_of_layer(&st, &ids, layer), &path))
        };
        html! {
            <li><button class="link mono" {onclick}>{ w.path.clone() }</button>
                { format!(" {} in {} layers{}", human_size(w.wasted_bytes), w.layers.len(), if w.deleted { ", deleted" } else { ", overwritten" }) }</li>
        }
    });
    let current_hints = (*hints).as_ref().filter(|(id, _)| *id == image_id).map(|(_, r)| r.clone());
    let hint_items = match &current_hints {
        None => html! {},
        Some(Err(e)) => html! { <p class="error">{ e.clone() }</p> },
        Some(Ok(list)) if list.is_empty() => html! { <p class="muted">{ "No hints: nothing to improve found." }</p> },
        Some(Ok(list)) => html! {
            <ul class="hints">
                { for list.iter().map(|h| {
                    let goto = {
                        let (d, line) = (d.clone(), h.line);
                        Callback::from(move |_: MouseEvent| d.emit(Msg::SelectEditorLine(line)))
                    };
                    let apply = h.fix.clone().map(|fix| {
                        let d = d.clone();
                        Callback::from(move |_: MouseEvent| {
                            d.emit(Msg::EditDockerfile(fix.clone()));
                            d.emit(Msg::RequestBuild);
                        })
                    });
                    html! {
                        <li class="hint" data-code={h.code}>
                            <code class="hint-code">{ h.code }</code>
                            <button class="link" onclick={goto}>{ format!("line {}", h.line) }</button>
                            <span>{ format!(" {}", h.message) }</span>
                            <div class="muted">{ saves_text(h) }
                                if let Some(onclick) = apply {
                                    <button class="fix" {onclick}>{ "Apply fix" }</button>
                                }
                            </div>
                        </li>
                    }
                }) }
            </ul>
        },
    };
    html! {
        <div class="size-view" style="overflow:auto">
            <p class="size-summary">
                <strong>{ human_size(a.size_bytes) }</strong>{ format!(" in {} layers · ", a.layers.len()) }
                <strong class="wasted-bytes">{ human_size(a.wasted_bytes) }</strong>{ " wasted · efficiency " }
                <strong class="efficiency">{ format!("{:.1} %", a.efficiency * 100.0) }</strong>
            </p>
            <StackedBar segments={segments(a)} scale={a.size_bytes} on_select={on_layer.clone()} selected={selected_layer} />
            <p class="muted">{ "Each file copy the layers ship: area = bytes, colour = layer, hatched = wasted (a later layer overwrites or deletes it). Click a file to open it in Files." }</p>
            <Treemap analysis={analysis.clone()} on_select={on_file} selected={s.selected_path.clone()} />
            <h3>{ "Hints" }</h3>
            <button class="primary measure-hints" onclick={on_measure} disabled={*measuring}>
                { if *measuring { "Measuring…" } else { "Find hints (builds each fix to measure it)" } }
            </button>
            { hint_items }
            <h3>{ "Layers" }</h3>
            <table class="size-layers">
                <thead><tr><th></th><th>{ "step" }</th><th>{ "created by" }</th><th>{ "size" }</th><th>{ "wasted" }</th></tr></thead>
                <tbody>{ for layer_rows }</tbody>
            </table>
            if !a.wasted_paths.is_empty() {
                <h3>{ "Most wasted paths" }</h3>
                <ul class="wasted-paths">{ for wasted_rows }</ul>
            }
        </div>
    }
}
