//! The layer timeline: one card per finished build step with a size bar proportional to
//! the largest layer, the Dockerfile lines it came from, its digest, cache hit and time.
//! Clicking a card selects it (the editor highlights its lines, the explorer shows it).

use yew::prelude::*;

use super::codec::human_size;
use super::state::{BuildStatus, BuildView, LayerCard, Msg};

/// Timeline properties.
#[derive(Properties, PartialEq)]
pub struct TimelineProps {
    /// The build.
    pub build: BuildView,
    /// The selected card.
    pub selected: Option<usize>,
    /// Sends state messages.
    pub dispatch: Callback<Msg>,
}

/// `sha256:abcdef...` → `abcdef123456`.
pub fn short_digest(d: &str) -> String {
    d.trim_start_matches("sha256:").chars().take(12).collect()
}

fn duration(ms: f64) -> String {
    if ms < 1.0 {
        "<1 ms".into()
    } else if ms < 1000.0 {
        format!("{ms:.0} ms")
    } else {
        format!("{:.1} s", ms / 1000.0)
    }
}

/// The timeline.
#[function_component(Timeline)]
pub fn timeline(props: &TimelineProps) -> Html {
    let b = &props.build;
    let shown = |c: &LayerCard| c.base_size.unwrap_or(c.size);
    let max = b.cards.iter().map(shown).max().unwrap_or(0).max(1);
    let layers = b.cards.iter().filter(|c| !c.empty).count();
    let total: u64 = b.cards.iter().map(shown).sum();
    let onkeydown = {
        let (d, sel, n) = (props.dispatch.clone(), props.selected, b.cards.len());
        Callback::from(move |e: KeyboardEvent| {
            let next = match (e.key().as_str(), sel) {
                ("ArrowDown" | "ArrowRight", Some(i)) if i + 1 < n => Some(i + 1),
                ("ArrowUp" | "ArrowLeft", Some(i)) if i > 0 => Some(i - 1),
                ("ArrowDown" | "ArrowRight", None) if n > 0 => Some(0),
                _ => None,
            };
            if let Some(i) = next {
                e.prevent_default();
                d.emit(Msg::SelectLayer(Some(i)));
            }
        })
    };
    let cards = b.cards.iter().enumerate().map(|(i, c)| {
        let selected = props.selected == Some(i);
        let onclick = {
            let d = props.dispatch.clone();
            Callback::from(move |_: MouseEvent| d.emit(Msg::SelectLayer(if selected { None } else { Some(i) })))
        };
        let pct = shown(c) as f64 / max as f64 * 100.0;
        let lines = if c.lines.0 == c.lines.1 { format!("line {}", c.lines.0) } else { format!("lines {}–{}", c.lines.0, c.lines.1) };
        html! {
            <li>
                <button class={classes!("layer-card", selected.then_some("selected"), c.empty.then_some("empty"))}
                    aria-pressed={selected.to_string()} {onclick}
                    data-step={c.step.to_string()} data-empty={c.empty.to_string()}>
                    <span class="lc-step">{ c.step }</span>
                    <span class="lc-main">
                        <span class="lc-instr" title={c.created_by.clone()}>{ c.instruction.clone() }</span>
                        <span class="lc-bar-wrap" aria-hidden="true">
                            <span class={classes!("lc-bar", c.cached.then_some("cached"), c.base_size.map(|_| "base"))} style={format!("width:{pct:.2}%")}></span>
                        </span>
                    </span>
                    <span class="lc-facts">
                        <span class="lc-size">{ human_size(shown(c)) }</span>
                        <span class="lc-digest mono">{
                            match (&c.digest, c.base_size) {
                                (Some(d), _) => short_digest(d),
                                (None, Some(_)) => "base image".into(),
                                (None, None) => "no layer".into(),
                            }
                        }</span>
                        <span class="lc-line">{ lines }</span>
                        <span class="lc-time">{
                            if c.base_size.is_some() {
                                html! { <span class="badge">{ "BASE" }</span> }
                            } else if c.cached {
                                html! { <span class="badge">{ "CACHED" }</span> }
                            } else {
                                html! { duration(c.millis) }
                            }
                        }</span>
                    </span>
                </button>
            </li>
        }
    });
    let running = (b.status == BuildStatus::Running && b.total > 0 && b.cards.last().map_or(true, |c| c.step < b.step)).then(|| {
        html! {
            <li>
                <div class="layer-card pending" aria-busy="true">
                    <span class="lc-step">{ b.step }</span>
                    <span class="lc-main"><span class="lc-instr">{ b.current.clone() }</span>
                        <span class="lc-bar-wrap"><span class="lc-bar indeterminate"></span></span></span>
                    <span class="lc-facts"><span class="lc-size">{ "running…" }</span></span>
                </div>
            </li>
        }
    });
    html! {
        <section class="timeline" aria-label="Layers">
            <div class="pane-head">
                <h2>{ "Layers" }</h2>
                <span class="muted tl-summary">
                    if !b.cards.is_empty() {
                        { format!("{} steps · {} layers · {}", b.cards.len(), layers, human_size(total)) }
                    }
                </span>
            </div>
            <ol class="tl-list" tabindex="0" {onkeydown} aria-label="Build steps; arrow keys move the selection">
                { for cards }
                { for running }
                if b.cards.is_empty() && b.status != BuildStatus::Running {
                    <li class="muted tl-empty">{ "Build to see one card per instruction here. Click a card to explore its layer." }</li>
                }
            </ol>
        </section>
    }
}
