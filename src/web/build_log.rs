//! The build log, streamed in classic `docker build` format while the build runs.

use web_sys::HtmlElement;
use yew::prelude::*;

use super::state::{LogKind, LogLine};

/// Log properties.
#[derive(Properties, PartialEq)]
pub struct BuildLogProps {
    /// The lines so far.
    pub lines: Vec<LogLine>,
}

/// The log view; it follows new lines unless the reader scrolled up.
#[function_component(BuildLog)]
pub fn build_log(props: &BuildLogProps) -> Html {
    let pre = use_node_ref();
    {
        let pre = pre.clone();
        use_effect_with(props.lines.len(), move |_| {
            if let Some(el) = pre.cast::<HtmlElement>() {
                let near_bottom = el.scroll_height() - el.scroll_top() - el.client_height() < 80;
                if near_bottom || el.scroll_top() == 0 {
                    el.set_scroll_top(el.scroll_height());
                }
            }
        });
    }
    let lines = props.lines.iter().map(|l| {
        let class = match l.kind {
            LogKind::Step => "log-step",
            LogKind::Output => "log-out",
            LogKind::Error => "log-err",
            LogKind::Success => "log-ok",
        };
        html! { <div class={class}>{ l.text.clone() }</div> }
    });
    html! {
        <pre class="build-log" ref={pre} tabindex="0" aria-label="Build log" aria-live="off">
            if props.lines.is_empty() {
                <div class="muted">{ "The build log appears here." }</div>
            }
            { for lines }
        </pre>
    }
}
