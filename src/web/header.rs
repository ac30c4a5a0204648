//! The top bar: example menu, build button with progress, share, embed, downloads, theme.

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::examples::EXAMPLES;
use super::state::{BuildStatus, BuildView, SaveView, Theme};

/// Top bar properties.
#[derive(Properties, PartialEq)]
pub struct HeaderProps {
    /// The example last opened.
    pub example: Option<String>,
    /// Build progress.
    pub build: BuildView,
    /// Theme choice.
    pub theme: Theme,
    /// Whether a build can be started (the engine is present).
    pub can_build: bool,
    /// Open an example by name.
    pub on_example: Callback<String>,
    /// Start a build.
    pub on_build: Callback<()>,
    /// Make a share link.
    pub on_share: Callback<()>,
    /// Show the embed snippet.
    pub on_embed: Callback<()>,
    /// Download the Dockerfile and context.
    pub on_download_context: Callback<()>,
    /// Download the built image, when there is one.
    #[prop_or_default]
    pub on_download_image: Option<Callback<()>>,
    /// The image save in progress.
    #[prop_or_default]
    pub saving: Option<SaveView>,
    /// Cancel the image save.
    #[prop_or_default]
    pub on_cancel_save: Callback<()>,
    /// Load an image archive the user picked (`docker load -i FILE`).
    #[prop_or_default]
    pub on_load_image: Option<Callback<web_sys::File>>,
    /// The image archive being read.
    #[prop_or_default]
    pub loading: Option<SaveView>,
    /// Choose a theme.
    pub on_theme: Callback<Theme>,
    /// Embed mode: only build and progress, plus a link to the full playground.
    #[prop_or_default]
    pub embed_link: Option<String>,
}

/// The progress text and fraction of a build.
pub fn progress(b: &BuildView) -> (String, f64) {
    match &b.status {
        BuildStatus::Idle => ("Not built yet".into(), 0.0),
        BuildStatus::Running if b.total == 0 => ("Preparing…".into(), 0.0),
        BuildStatus::Running => {
            (format!("Step {}/{}", b.step, b.total), (b.step.saturating_sub(1)) as f64 / b.total as f64)
        }
        BuildStatus::Done { image_id, .. } => {
            let short = image_id.trim_start_matches("sha256:").chars().take(12).collect::<String>();
            (format!("Built in {:.1}s · {short}", b.millis / 1000.0), 1.0)
        }
        BuildStatus::Failed { line, .. } => match line {
            Some(l) => (format!("Failed at line {l}"), 1.0),
            None => ("Failed".into(), 1.0),
        },
    }
}

/// The top bar.
#[function_component(Header)]
pub fn header(props: &HeaderProps) -> Html {
    let on_example = {
        let cb = props.on_example.clone();
        Callback::from(move |e: Event| {
            if let Some(sel) = e.target_dyn_into::<HtmlSelectElement>() {
                if !sel.value().is_empty() {
                    cb.emit(sel.value());
                }
            }
        })
    };
    let running = props.build.status == BuildStatus::Running;
    let (text, fraction) = progress(&props.build);
    // The finished build's time in milliseconds, for measurements (`scripts/bench`).
    let millis = matches!(props.build.status, BuildStatus::Done { .. }).then(|| format!("{:.1}", props.build.millis));
    let state_class = match props.build.status {
        BuildStatus::Idle => "idle",
        BuildStatus::Running => "running",
        BuildStatus::Done { .. } => "done",
        BuildStatus::Failed { .. } => "failed",
    };
    let next_theme = match props.theme {
        Theme::System => Theme::Light,
        Theme::Light => Theme::Dark,
        Theme::Dark => Theme::System,
    };
    let theme_label = match props.theme {
        Theme::System => "◐ Auto",
        Theme::Light => "☀ Light",
        Theme::Dark => "☾ Dark",
    };
    let on_theme = {
        let cb = props.on_theme.clone();
        Callback::from(move |_: MouseEvent| cb.emit(next_theme))
    };
    // The picked file is handed over once; the input is cleared so picking it again loads again.
    let on_pick = |cb: &Callback<web_sys::File>| {
        let cb = cb.clone();
        Callback::from(move |e: Event| {
            if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                if let Some(f) = input.files().and_then(|l| l.get(0)) {
                    cb.emit(f);
                }
                input.set_value("");
            }
        })
    };
    let click = |cb: &Callback<()>| {
        let cb = cb.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    html! {
        <header class="topbar">
            <h1 class="logo"><span class="logo-mark" aria-hidden="true">{ "▤" }</span>{ "layerlab" }</h1>
            if let Some(href) = &props.embed_link {
                if props.can_build {
                    <button class="primary build-btn" onclick={click(&props.on_build)} disabled={running}
                        title="Build (Ctrl+Enter)" aria-keyshortcuts="Control+Enter">
                        { if running { "Building…" } else { "▶ Build" } }
                    </button>
                    <div class={classes!("progress", state_class)} role="status" aria-live="polite" data-generation={props.build.generation.to_string()} data-millis={millis.clone()}>
                        <div class="progress-bar"><div class="progress-fill" style={format!("width:{:.1}%", fraction * 100.0)}></div></div>
                        <span class="progress-text">{ text.clone() }</span>
                    </div>
                }
                <div class="spacer"></div>
                <a class="open-full" href={href.clone()} target="_blank" rel="noopener">{ "Open in layerlab ↗" }</a>
            } else {
            <label class="example-pick">
                <span class="visually-hidden">{ "Example" }</span>
                <select onchange={on_example} aria-label="Open an example">
                    <option value="" selected={props.example.is_none()}>{ "Examples…" }</option>
                    { for EXAMPLES.iter().map(|ex| html! {
                        <option value={ex.name} selected={props.example.as_deref() == Some(ex.name)}>{ ex.title }</option>
                    }) }
                </select>
            </label>
            if props.can_build {
                <button class="primary build-btn" onclick={click(&props.on_build)} disabled={running}
                    title="Build (Ctrl+Enter)" aria-keyshortcuts="Control+Enter">
                    { if running { "Building…" } else { "▶ Build" } }
                </button>
                <div class={classes!("progress", state_class)} role="status" aria-live="polite" data-generation={props.build.generation.to_string()} data-millis={millis.clone()}>
                    <div class="progress-bar"><div class="progress-fill" style={format!("width:{:.1}%", fraction * 100.0)}></div></div>
                    <span class="progress-text">{ text }</span>
                </div>
            }
            <div class="spacer"></div>
            <button class="share" onclick={click(&props.on_share)} title="Copy a link that restores this Dockerfile">{ "Share" }</button>
            <button class="embed-btn" onclick={click(&props.on_embed)} title="Embed this playground in another page">{ "Embed" }</button>
            <button class="download-context" onclick={click(&props.on_download_context)} title="Download the Dockerfile and build context as a tar">{ "⤓ Context" }</button>
            if let Some(sv) = &props.saving {
                <div class="save-progress" role="status" aria-live="polite">
                    <progress class="save-bar" max="1" value={format!("{:.3}", sv.fraction)} aria-label={format!("Packing {}", sv.name)}></progress>
                    <span class="save-text">{ format!("{} {:.0}%", sv.name, sv.fraction * 100.0) }</span>
                    <button class="cancel-save" onclick={click(&props.on_cancel_save)} title="Stop packing the image">{ "✕ Cancel" }</button>
                </div>
            } else if let Some(cb) = &props.on_download_image {
                <button class="download-image" onclick={click(cb)} title="Download the built image as a tar (docker load / OCI)">{ "⤓ Image" }</button>
            }
            if let Some(lv) = &props.loading {
                // Compact, so the top bar keeps one row: the file name is in the tooltip.
                <div class="load-progress" role="status" aria-live="polite" title={format!("Loading {}", lv.name)}>
                    <progress class="load-bar" max="1" value={format!("{:.3}", lv.fraction)} aria-label={format!("Loading {}", lv.name)}></progress>
                    <span class="load-text">{ format!("Loading {:.0}%", lv.fraction * 100.0) }</span>
                </div>
            } else if let Some(cb) = &props.on_load_image {
                <label class="button load-image" title="Load an image archive (docker save, OCI) into the terminal's images: docker load -i FILE">
                    { "⤒ Load" }
                    <input type="file" class="load-image-input visually-hidden" accept=".tar,.tgz,.gz,application/x-tar" onchange={on_pick(cb)} />
                </label>
            }
            <button class="theme-toggle" onclick={on_theme} title="Switch theme" aria-label={format!("Theme: {}", props.theme.name())}>{ theme_label }</button>
            }
        </header>
    }
}
