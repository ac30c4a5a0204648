//! `docker history` and `docker inspect` of the built image, as the engine prints them.

use yew::prelude::*;

use super::engine_bridge::Bridge;

/// Properties of a command output view.
#[derive(Properties, PartialEq)]
pub struct CommandViewProps {
    /// The engine.
    pub bridge: Bridge,
    /// The image (ID); `None` before a build.
    pub image: Option<String>,
    /// The docker subcommand and flags placed before the image (`["history"]`).
    pub command: Vec<&'static str>,
}

/// Runs `docker <command> <image>` whenever the image changes and shows what it printed.
#[function_component(CommandView)]
pub fn command_view(props: &CommandViewProps) -> Html {
    let out = {
        let (bridge, command) = (props.bridge.clone(), props.command.clone());
        use_memo(props.image.clone(), move |image| {
            image.as_ref().map(|id| {
                let mut argv: Vec<String> = command.iter().map(|s| s.to_string()).collect();
                argv.push(id.clone());
                let shown = format!("$ docker {}", argv.join(" "));
                let (code, stdout, stderr) = bridge.docker(&argv);
                (shown, code, stdout, stderr)
            })
        })
    };
    match &*out {
        None => html! { <p class="muted pad">{ "Build an image first." }</p> },
        Some((shown, code, stdout, stderr)) => html! {
            <pre class="cmd-out" tabindex="0">
                <div class="muted">{ shown.clone() }</div>
                { stdout.clone() }
                if !stderr.is_empty() {
                    <span class="log-err">{ stderr.clone() }</span>
                }
                if *code != 0 {
                    <div class="muted">{ format!("(exit status {code})") }</div>
                }
            </pre>
        },
    }
}
