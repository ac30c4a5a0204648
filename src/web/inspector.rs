//! The right-hand pane: the layer timeline above tabs for the build log, the file
//! explorer, `docker history`, `docker inspect` and the terminal.

use yew::prelude::*;

use super::build_log::BuildLog;
use super::engine_bridge::Bridge;
use super::files::Files;
use super::inspect::CommandView;
use super::state::{BuildStatus, Msg, State, Tab};

use super::learn::LearnPanel;
use super::size_view::SizePanel;
use super::terminal::Terminal;
use super::timeline::Timeline;

/// Inspector properties.
#[derive(Properties, PartialEq)]
pub struct InspectorProps {
    /// The whole state (the inspector shows most of it).
    pub state: UseReducerHandle<State>,
    /// The engine.
    pub bridge: Bridge,
    /// Sends state messages.
    pub dispatch: Callback<Msg>,
    /// Compact embed mode: log and files only.
    #[prop_or_default]
    pub compact: bool,
}

/// The pane.
#[function_component(Inspector)]
pub fn inspector(props: &InspectorProps) -> Html {
    let s = &props.state;
    let d = props.dispatch.clone();
    let tabs: &[(Tab, &str)] = if props.compact {
        &[(Tab::Log, "Log"), (Tab::Files, "Files")]
    } else {
        &[
            (Tab::Log, "Log"),
            (Tab::Files, "Files"),
            (Tab::History, "History"),
            (Tab::Inspect, "Inspect"),
            (Tab::Terminal, "Terminal"),
            (Tab::Size, "Size"),
            (Tab::Learn, "Learn"),
        ]
    };
    let tab_buttons = tabs.iter().map(|(tab, label)| {
        let active = s.tab == *tab;
        let onclick = {
            let (d, tab) = (d.clone(), *tab);
            Callback::from(move |_: MouseEvent| d.emit(Msg::ShowTab(tab)))
        };
        let id = format!("tab-{}", label.to_ascii_lowercase());
        html! {
            <button role="tab" id={id} class={classes!("tab", active.then_some("active"))} aria-selected={active.to_string()} {onclick}>
                { *label }
                if *tab == Tab::Log && !s.build.log.is_empty() {
                    <span class="count">{ s.build.log.len() }</span>
                }
            </button>
        }
    });
    // History and inspect show the finished image, or the selected step's image.
    let image = match &s.build.status {
        BuildStatus::Done { image_id, .. } => {
            s.selected_card().map(|c| c.image_id.clone()).or_else(|| Some(image_id.clone()))
        }
        _ => s.selected_card().map(|c| c.image_id.clone()),
    };
    let panel = match s.tab {
        Tab::Log => html! { <BuildLog lines={s.build.log.clone()} /> },
        Tab::Files => html! {
            <Files bridge={props.bridge.clone()} card={s.selected_card().cloned()} selected_path={s.selected_path.clone()}
                expanded={s.expanded.clone()} show_all={s.show_all_files} dispatch={d.clone()} />
        },
        Tab::History => html! { <CommandView bridge={props.bridge.clone()} {image} command={vec!["history"]} /> },
        Tab::Inspect => html! { <CommandView bridge={props.bridge.clone()} {image} command={vec!["inspect"]} /> },
        Tab::Terminal => {
            html! { <Terminal bridge={props.bridge.clone()} term={s.term.clone()} dispatch={d.clone()} /> }
        }
        Tab::Size => html! { <SizePanel state={s.clone()} bridge={props.bridge.clone()} dispatch={d.clone()} /> },
        Tab::Learn => html! { <LearnPanel state={s.clone()} bridge={props.bridge.clone()} dispatch={d.clone()} /> },
    };
    html! {
        <section class="pane right" aria-label="Build results">
            <Timeline build={s.build.clone()} selected={s.selected} dispatch={d.clone()} />
            <div class="tabs" role="tablist">{ for tab_buttons }</div>
            <div class="tabpanel" role="tabpanel">{ panel }</div>
        </section>
    }
}
