//! The layer timeline: one card per finished build step with a size bar proportional to
//! the largest layer, the Dockerfile lines it came from, its digest, cache hit and time.
//! Clicking a card selects it (the editor highlights its lines, the explorer shows it).

use yew::prelude::*;

use super::codec::{human_size, plural};
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

/// A stage of the build: the index of its `FROM` card, its name, and whether it is the
/// stage whose image the build produces (the last one built).
#[derive(Clone, Debug, PartialEq)]
pub struct Stage {
    /// Index of its first card.
    pub first: usize,
    /// `AS name`, or its number.
    pub name: String,
    /// True for the stage that became the image.
    pub last: bool,
}

/// The stages among `cards` (a card whose step is a `FROM` starts one).
pub fn stages(cards: &[LayerCard]) -> Vec<Stage> {
    let mut out: Vec<Stage> = Vec::new();
    for (i, c) in cards.iter().enumerate() {
        if c.base_size.is_some() || i == 0 {
            let words: Vec<&str> = c.instruction.split_whitespace().collect();
            let name = match words.iter().position(|w| w.eq_ignore_ascii_case("AS")) {
                Some(at) if at + 1 < words.len() => words[at + 1].to_string(),
                _ => out.len().to_string(),
            };
            out.push(Stage { first: i, name, last: false });
        }
    }
    if let Some(s) = out.last_mut() {
        s.last = true;
    }
    out
}

/// The timeline's one-line summary: the image's own numbers (final stage only), then the
/// build stages that do not reach it.
pub fn summary(cards: &[LayerCard]) -> String {
    let Some(last) = cards.last() else { return String::new() };
    let st = stages(cards);
    let final_first = st.last().map_or(0, |s| s.first);
    let image = format!(
        "{} · {} · {}",
        plural(cards.len() - final_first, "step"),
        plural(last.image_layers, "layer"),
        human_size(last.image_size)
    );
    if st.len() < 2 {
        return image;
    }
    let build_steps = final_first;
    let build_sizes: Vec<String> = st[..st.len() - 1]
        .iter()
        .map(|s| {
            let end = st.iter().find(|n| n.first > s.first).map_or(cards.len(), |n| n.first);
            human_size(cards[end - 1].image_size)
        })
        .collect();
    format!(
        "image: {image} · {} ({}, {}) not in the image",
        plural(st.len() - 1, "build stage"),
        plural(build_steps, "step"),
        build_sizes.join(" + ")
    )
}

/// The timeline.
#[function_component(Timeline)]
pub fn timeline(props: &TimelineProps) -> Html {
    let b = &props.build;
    let shown = |c: &LayerCard| c.base_size.unwrap_or(c.size);
    let max = b.cards.iter().map(shown).max().unwrap_or(0).max(1);
    let stage_list = stages(&b.cards);
    let multi = stage_list.len() > 1;
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
        let stage = stage_list.iter().find(|s| s.first <= i && stage_list.iter().all(|n| n.first <= s.first || n.first > i));
        let in_build_stage = multi && stage.is_some_and(|s| !s.last);
        let heading = stage.filter(|s| multi && s.first == i).map(|s| {
            let text = if s.last {
                format!("Stage {}: the image", s.name)
            } else {
                format!("Build stage {}: not in the image (COPY --from takes files out of it)", s.name)
            };
            html! { <li class={classes!("tl-stage", (!s.last).then_some("build"))}>{ text }</li> }
        });
        html! {
            <>
            { for heading }
            <li>
                <button class={classes!("layer-card", selected.then_some("selected"), c.empty.then_some("empty"), in_build_stage.then_some("build-stage"))}
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
            </>
        }
    });
    let running = (b.status == BuildStatus::Running && b.total > 0 && b.cards.last().map_or(true, |c| c.step < b.step))
        .then(|| {
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
                        { summary(&b.cards) }
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

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    fn card(step: usize, instruction: &str, base: Option<u64>, image_size: u64, image_layers: usize) -> LayerCard {
        LayerCard {
            step,
            instruction: instruction.into(),
            lines: (step, step),
            size: 0,
            digest: None,
            empty: base.is_some(),
            cached: false,
            millis: 0.0,
            created_by: String::new(),
            image_id: String::new(),
            base_size: base,
            image_size,
            image_layers,
        }
    }

    #[wasm_bindgen_test]
    fn the_summary_counts_the_final_image_only_with_plurals() {
        let one = [card(1, "FROM alpine:3.20", Some(7_800_000), 7_800_000, 1)];
        assert_eq!(summary(&one), "1 step · 1 layer · 7.8MB");
        let multi = [
            card(1, "FROM alpine:3.20 AS build", Some(7_800_000), 7_800_000, 1),
            card(2, "RUN make", None, 8_100_000, 2),
            card(3, "FROM alpine:3.20", Some(7_800_000), 7_800_000, 1),
            card(4, "COPY --from=build /out/hello /usr/local/bin/hello", None, 7_800_100, 2),
            card(5, "ENTRYPOINT [\"hello\"]", None, 7_800_100, 2),
        ];
        assert_eq!(
            summary(&multi),
            "image: 3 steps · 2 layers · 7.8MB · 1 build stage (2 steps, 8.1MB) not in the image"
        );
        let st = stages(&multi);
        assert_eq!(
            st.iter().map(|s| (s.first, s.name.as_str(), s.last)).collect::<Vec<_>>(),
            [(0, "build", false), (2, "1", true)]
        );
    }
}
