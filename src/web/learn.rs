//! The "Learn" tab: the gallery of guided lessons (`www/lessons/`), the open lesson's
//! text, task and commands, and compare mode: two Dockerfiles built side by side with
//! their layer timelines and sizes.

use std::rc::Rc;

use gloo::timers::callback::Timeout;
use yew::prelude::*;

use super::codec::human_size;
use super::engine_bridge::{to_build_context, Bridge};
use super::pictures::{segments, StackedBar};
use super::state::{Context, CtxEntry, Msg, State, Tab};
use crate::analysis::lessons::{self, Lesson};
use crate::analysis::{analyze, measure, Analysis};

/// The example name under which a lesson is open.
pub fn lesson_example_name(lesson: &str) -> String {
    format!("lesson:{lesson}")
}

/// The page context of a lesson.
fn context_of(l: &Lesson) -> Context {
    let mut ctx = Context::new();
    for (path, text) in &l.files {
        let parts: Vec<&str> = path.split('/').collect();
        for i in 1..parts.len() {
            ctx.insert(parts[..i].join("/"), CtxEntry::Dir);
        }
        let mode = if path.ends_with(".sh") { 0o755 } else { 0o644 };
        ctx.insert(path.clone(), CtxEntry::File { data: Rc::from(text.as_bytes()), mode });
    }
    ctx
}

/// Messages that open lesson `name` in the editor and build it.
pub fn open_lesson(d: &Callback<Msg>, l: &Lesson) {
    d.emit(Msg::OpenExample {
        name: lesson_example_name(&l.name),
        dockerfile: l.dockerfile.clone(),
        context: context_of(l),
    });
    d.emit(Msg::RequestBuild);
}

/// One side of a comparison once built.
#[derive(Clone)]
struct Side {
    size: u64,
    analysis: Rc<Analysis>,
    lines: Vec<Option<usize>>,
}

fn build_side(bridge: &Bridge, dockerfile: &str, ctx: &crate::build::Context) -> Result<Side, String> {
    let mut store = bridge.with_store(|s| s.clone());
    let b = measure::build(&mut store, dockerfile, ctx).map_err(|e| e.to_string())?;
    Ok(Side { size: b.size(), analysis: Rc::new(analyze(&b.image)), lines: b.layer_lines })
}

/// Learn tab properties.
#[derive(Properties, PartialEq)]
pub struct LearnProps {
    /// The whole state.
    pub state: UseReducerHandle<State>,
    /// The engine.
    pub bridge: Bridge,
    /// Sends state messages.
    pub dispatch: Callback<Msg>,
}

fn side_view(title: &str, side: &Result<Side, String>, scale: u64) -> Html {
    match side {
        Err(e) => html! { <div class="compare-side"><h4>{ title }</h4><p class="error">{ e.clone() }</p></div> },
        Ok(sd) => {
            let a = &sd.analysis;
            html! {
                <div class="compare-side" data-size={sd.size.to_string()} data-layers={a.layers.len().to_string()}>
                    <h4>{ title }</h4>
                    <p><strong class="compare-size">{ human_size(sd.size) }</strong>
                        { format!(" · {} layers · {} wasted", a.layers.len(), human_size(a.wasted_bytes)) }</p>
                    <StackedBar segments={segments(a)} {scale} />
                    <ol class="compare-timeline">
                        { for a.layers.iter().enumerate().map(|(i, l)| html! {
                            <li>
                                <span class="swatch" style={format!("display:inline-block;width:0.8em;height:0.8em;background:{}", super::pictures::layer_colour(i))} />
                                { format!(" {} · {} · {}", sd.lines.get(i).copied().flatten().map(|n| format!("line {n}")).unwrap_or_else(|| "base".into()),
                                    human_size(l.size_bytes), crate::engine::format::ellipsis(&l.created_by, 60)) }
                            </li>
                        }) }
                    </ol>
                </div>
            }
        }
    }
}

/// The tab.
#[function_component(LearnPanel)]
pub fn learn_panel(props: &LearnProps) -> Html {
    let s = &*props.state;
    let d = props.dispatch.clone();
    let all = use_memo((), |_| lessons::all());
    let open = s
        .example
        .as_deref()
        .and_then(|e| e.strip_prefix("lesson:"))
        .and_then(|n| all.iter().find(|l| l.name == n).cloned());
    let other = use_state(|| None::<String>);
    let result = use_state(|| None::<(Result<Side, String>, Result<Side, String>)>);
    let comparing = use_state(|| false);
    let b_text = (*other)
        .clone()
        .unwrap_or_else(|| open.as_ref().and_then(|l| l.solution.clone()).unwrap_or_else(|| s.dockerfile.clone()));

    let gallery = all.iter().map(|l| {
        let onclick = {
            let (d, l) = (d.clone(), l.clone());
            let (other, result) = (other.clone(), result.clone());
            Callback::from(move |_: MouseEvent| {
                other.set(None);
                result.set(None);
                open_lesson(&d, &l);
            })
        };
        let active = open.as_ref().is_some_and(|o| o.name == l.name);
        html! {
            <li><button class={classes!("lesson-card", active.then_some("active"))} data-lesson={l.name.clone()} {onclick}>{ l.title.clone() }</button></li>
        }
    });
    let lesson_html = open.as_ref().map(|l| {
        let run_terminal = {
            let d = d.clone();
            Callback::from(move |_: MouseEvent| d.emit(Msg::ShowTab(Tab::Terminal)))
        };
        html! {
            <article class="lesson" data-lesson={l.name.clone()}>
                <h3>{ l.title.clone() }</h3>
                { for l.text.split("\n\n").map(|p| html! { <p>{ p.to_string() }</p> }) }
                <p class="lesson-task"><strong>{ "Task: " }</strong>{ l.task.clone() }</p>
                if !l.commands.is_empty() {
                    <p class="muted">{ "Try in the " }<button class="link" onclick={run_terminal}>{ "terminal" }</button>{ ":" }</p>
                    <pre class="lesson-commands">{ l.commands.join("\n") }</pre>
                }
            </article>
        }
    });
    let on_b = {
        let other = other.clone();
        Callback::from(move |e: InputEvent| {
            let el: web_sys::HtmlTextAreaElement = e.target_unchecked_into();
            other.set(Some(el.value()));
        })
    };
    let on_compare = {
        let (st, bridge, result, comparing, b) =
            (props.state.clone(), props.bridge.clone(), result.clone(), comparing.clone(), b_text.clone());
        Callback::from(move |_: MouseEvent| {
            comparing.set(true);
            let (st, bridge, result, comparing, b) =
                (st.clone(), bridge.clone(), result.clone(), comparing.clone(), b.clone());
            Timeout::new(30, move || {
                let ctx = to_build_context(&st.context);
                let left = build_side(&bridge, &st.dockerfile, &ctx);
                let right = build_side(&bridge, &b, &ctx);
                result.set(Some((left, right)));
                comparing.set(false);
            })
            .forget();
        })
    };
    let use_b = {
        let (d, b) = (d.clone(), b_text.clone());
        Callback::from(move |_: MouseEvent| {
            d.emit(Msg::EditDockerfile(b.clone()));
            d.emit(Msg::RequestBuild);
        })
    };
    let compared = (*result).as_ref().map(|(l, r)| {
        let size = |x: &Result<Side, String>| x.as_ref().map(|s| s.size).unwrap_or(0);
        let scale = size(l).max(size(r));
        let diff = match (l, r) {
            (Ok(a), Ok(b)) => {
                let (da, db) =
                    (a.size as i64 - b.size as i64, a.analysis.layers.len() as i64 - b.analysis.layers.len() as i64);
                let sign = if da >= 0 { "smaller" } else { "bigger" };
                format!("B is {} {sign} than A, with {} fewer layers.", human_size(da.unsigned_abs()), db)
            }
            _ => String::new(),
        };
        html! {
            <>
                <p class="compare-diff">{ diff }</p>
                <div class="compare-sides" style="display:grid;grid-template-columns:1fr 1fr;gap:1em">
                    { side_view("A: the editor", l, scale) }
                    { side_view("B", r, scale) }
                </div>
            </>
        }
    });
    html! {
        <div class="learn" style="overflow:auto">
            <h3>{ "Lessons" }</h3>
            <ul class="lesson-gallery">{ for gallery }</ul>
            { for lesson_html }
            <h3>{ "Compare" }</h3>
            <p class="muted">{ "A is the Dockerfile in the editor; B starts as the lesson's solution (or a copy of A): edit it and build both with the same context." }</p>
            <div style="display:grid;grid-template-columns:1fr 1fr;gap:1em">
                <pre class="compare-a">{ s.dockerfile.clone() }</pre>
                <textarea class="compare-b" rows="10" value={b_text.clone()} oninput={on_b} aria-label="Dockerfile B" spellcheck="false" />
            </div>
            <button class="primary compare-run" onclick={on_compare} disabled={*comparing}>{ if *comparing { "Building both…" } else { "Build and compare" } }</button>
            <button onclick={use_b}>{ "Open B in the editor" }</button>
            { for compared }
        </div>
    }
}
