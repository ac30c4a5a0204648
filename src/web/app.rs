//! The page: state setup (example, shared link or saved work), persistence, theme, layout.

use std::rc::Rc;

use gloo::timers::callback::Timeout;
use yew::prelude::*;

use super::build_error::{self, BuildError};
use super::catalog_fetch;
use super::codec::human_size;
use super::context_panel::ContextPanel;
use super::dom;
use super::download;
use super::editor::{Diagnostic, Editor};
use super::engine_bridge::{self, Bridge, SaveStatus};
use super::examples::{self, EXAMPLES};
use super::header::Header;
use super::image_picker::{self, ImagePicker};
use super::inspector::Inspector;
use super::persist::{self, Project};
use super::settings_form::{stage_names, SettingsForm};
use super::state::{BuildStatus, BuildUpdate, Msg, SaveView, Side, State, Theme};
use crate::util::reference::Reference;

/// How the page was opened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mode {
    /// `?embed=1`: the compact widget.
    pub embed: bool,
    /// `&readonly=1`: no editing.
    pub readonly: bool,
}

impl Mode {
    fn from_url() -> Mode {
        let flag = |n: &str| dom::query_param(n).is_some_and(|v| v != "0" && v != "false");
        Mode { embed: flag("embed"), readonly: flag("readonly") }
    }
}

/// The first state: `?example=` wins, then a shared link, then saved work (not in embed
/// mode), then the first example.
fn initial_state(mode: Mode) -> State {
    let mut s = State { readonly: mode.readonly, theme: persist::load_theme(), ..State::default() };
    let open_example = |s: &mut State, ex: &examples::Example| {
        s.apply(Msg::OpenExample { name: ex.name.into(), dockerfile: ex.dockerfile.into(), context: ex.context() });
    };
    if let Some(ex) = dom::query_param("example").as_deref().and_then(examples::find) {
        open_example(&mut s, ex);
    } else if let Some(p) = persist::parse_fragment(&dom::fragment()) {
        s.apply(Msg::Restore { dockerfile: p.dockerfile, context: p.context, settings: Some(p.settings) });
        s.example = p.example;
        if !mode.embed {
            s.notice = Some("Opened the project from the shared link.".into());
        }
    } else if let Some(p) = (!mode.embed).then(persist::load_project).flatten() {
        s.apply(Msg::Restore { dockerfile: p.dockerfile, context: p.context, settings: Some(p.settings) });
        s.example = p.example;
    } else {
        open_example(&mut s, &EXAMPLES[0]);
    }
    s
}

fn project_of(s: &State) -> Project {
    Project {
        dockerfile: s.dockerfile.clone(),
        context: s.context.clone(),
        settings: s.settings.clone(),
        example: s.example.clone(),
    }
}

/// Runs build `generation` one step per timer tick, so the page renders between steps (a
/// tick that only hashed a slice of a layer changes nothing on the page).
fn drive(bridge: Bridge, generation: u64, dispatch: UseReducerDispatcher<State>) {
    Timeout::new(0, move || {
        if let Some((updates, done, millis)) = bridge.step(generation) {
            if done || !updates.is_empty() {
                dispatch.dispatch(Msg::BuildProgress(generation, updates, millis));
            }
            if !done {
                drive(bridge, generation, dispatch);
            }
        }
    })
    .forget();
}

/// Starts build `generation` of the state's Dockerfile once the catalogue data of its
/// images is here: at once when it is, after fetching it otherwise (a newer build request
/// meanwhile wins; a file that cannot be fetched fails the build at its `FROM`).
fn start_build(bridge: Bridge, generation: u64, st: UseReducerHandle<State>) {
    bridge.request(generation);
    let wanted = crate::catalog::references::in_dockerfile(&st.dockerfile, &st.settings.build_args);
    let refs: Vec<String> = wanted.iter().map(|(_, r)| r.clone()).collect();
    if crate::catalog::data::missing(&refs).is_empty() {
        bridge.start_build(generation, &st);
        drive(bridge, generation, st.dispatcher());
        return;
    }
    let dispatch = st.dispatcher();
    wasm_bindgen_futures::spawn_local(async move {
        match catalog_fetch::ensure(&refs).await {
            Ok(()) => {
                if bridge.latest_request(generation) {
                    bridge.start_build(generation, &st);
                    drive(bridge, generation, dispatch);
                }
            }
            Err(e) => {
                // The first image that needs the file names the line and the image.
                let at = wanted
                    .iter()
                    .find(|(_, r)| crate::catalog::data::missing(std::slice::from_ref(r)).contains(&e.path));
                let full = at.map(|(_, r)| Reference::parse(r).map_or_else(|_| r.clone(), |r| r.full_name()));
                let message =
                    format!("failed to resolve source metadata for {}: {}", full.unwrap_or_default(), e.message);
                let update = BuildUpdate::Failed { message, line: at.map(|(l, _)| *l) };
                dispatch.dispatch(Msg::BuildProgress(generation, vec![update], 0.0));
            }
        }
    });
}

/// Milliseconds of saving per slice: short enough that the page answers input between
/// slices.
pub(super) const SAVE_SLICE_MS: f64 = 12.0;

/// Packs an image in slices, one per timer tick, updating the progress bar, then offers
/// the archive as a download.
fn drive_save(bridge: Bridge, save: u64, name: String, d: Callback<Msg>) {
    Timeout::new(0, move || match bridge.save_slice(save, SAVE_SLICE_MS) {
        Some(SaveStatus::Working(fraction)) => {
            d.emit(Msg::Saving(Some(SaveView { name: name.clone(), fraction })));
            drive_save(bridge, save, name, d);
        }
        Some(SaveStatus::Done(parts, size)) => {
            d.emit(Msg::Saving(None));
            let msg = match download::offer_parts(&name, "application/x-tar", &parts) {
                Ok(()) => format!("Saved {name} ({}): load it with `docker load -i {name}`.", human_size(size)),
                Err(e) => format!("download failed: {e}"),
            };
            d.emit(Msg::Notify(Some(msg)));
        }
        Some(SaveStatus::Failed(e)) => {
            d.emit(Msg::Saving(None));
            d.emit(Msg::Notify(Some(format!("could not save the image: {e}"))));
        }
        None => {}
    })
    .forget();
}

/// An overlay with a link or snippet to copy.
#[derive(Clone, PartialEq)]
enum Overlay {
    Share { url: String, left_out: usize },
    Embed { snippet: String, markdown: String },
}

/// The playground.
#[function_component(App)]
pub fn app() -> Html {
    let mode = *use_memo((), |_| Mode::from_url());
    let state = use_reducer(|| initial_state(mode));
    let overlay = use_state(|| None::<Overlay>);
    let save_timer = use_mut_ref(|| None::<Timeout>);
    let bridge = use_memo((), |_| Bridge::new());
    let bridge = (*bridge).clone();
    let dispatch = {
        let d = state.dispatcher();
        Callback::from(move |m: Msg| d.dispatch(m))
    };

    // Keep work across reloads (debounced; not from inside an embed).
    {
        let st = state.clone();
        let key = (st.dockerfile.clone(), st.context.clone(), st.settings.clone(), st.example.clone());
        use_effect_with(key, move |_| {
            if !mode.embed {
                let p = project_of(&st);
                *save_timer.borrow_mut() = Some(Timeout::new(300, move || {
                    persist::save_project(&p);
                }));
            }
        });
    }
    // The terminal's `docker build .` reads the editor.
    {
        let bridge = bridge.clone();
        let key = (state.dockerfile.clone(), state.context.clone());
        use_effect_with(key, move |(dockerfile, context)| bridge.set_project(dockerfile, context));
    }
    // Every build request fetches the catalogue data its images need (once), then starts
    // a build driven by timer ticks.
    {
        let (st, bridge) = (state.clone(), bridge.clone());
        use_effect_with(state.build.generation, move |generation| {
            if *generation > 0 {
                start_build(bridge, *generation, st);
            }
        });
    }
    // Build once on load: the first impression is a finished build.
    {
        let d = state.dispatcher();
        use_effect_with((), move |_| d.dispatch(Msg::RequestBuild));
    }
    let diagnostics = use_memo(state.dockerfile.clone(), |t| engine_bridge::diagnostics(t));
    // Move focus into an overlay when it opens.
    use_effect_with(overlay.is_some(), |open| {
        if *open {
            let el = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.query_selector(".overlay .copy-box").ok().flatten())
                .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok());
            if let Some(el) = el {
                let _ = el.focus();
            }
        }
    });
    // Theme on <html data-theme>.
    use_effect_with(state.theme, |t| {
        dom::set_root_attribute("data-theme", t.name());
    });

    let on_edit = {
        let d = dispatch.clone();
        Callback::from(move |t: String| d.emit(Msg::EditDockerfile(t)))
    };
    let on_example = {
        let d = dispatch.clone();
        Callback::from(move |name: String| {
            if let Some(ex) = examples::find(&name) {
                d.emit(Msg::OpenExample {
                    name: ex.name.into(),
                    dockerfile: ex.dockerfile.into(),
                    context: ex.context(),
                });
                d.emit(Msg::RequestBuild);
            }
        })
    };
    let on_theme = {
        let d = dispatch.clone();
        Callback::from(move |t: Theme| {
            persist::save_theme(t);
            d.emit(Msg::SetTheme(t));
        })
    };
    let on_share = {
        let (st, overlay, d) = (state.clone(), overlay.clone(), dispatch.clone());
        Callback::from(move |_| {
            let (frag, left_out) = persist::share_fragment(&project_of(&st));
            dom::replace_fragment(&frag);
            let url = format!("{}#{frag}", dom::page_url_without_fragment());
            dom::copy_to_clipboard(&url);
            d.emit(Msg::Notify(Some("Share link copied to the clipboard.".into())));
            overlay.set(Some(Overlay::Share { url, left_out }));
        })
    };
    let on_embed = {
        let (st, overlay) = (state.clone(), overlay.clone());
        Callback::from(move |_| {
            let (frag, _) = persist::share_fragment(&project_of(&st));
            let src = format!("{}?embed=1#{frag}", dom::page_base_url());
            let snippet = format!(
                "<iframe src=\"{src}\" title=\"layerlab Dockerfile playground\" width=\"100%\" height=\"520\" style=\"border:1px solid #ccc;border-radius:8px\" loading=\"lazy\"></iframe>"
            );
            let base = dom::page_base_url();
            let dir = base.rsplit_once('/').map_or(base.as_str(), |(d, _)| d);
            let markdown = format!("[![Try this Dockerfile in layerlab]({dir}/screenshot.png)]({base}#{frag})");
            overlay.set(Some(Overlay::Embed { snippet, markdown }));
        })
    };
    let on_download_context = {
        let (st, d) = (state.clone(), dispatch.clone());
        Callback::from(move |_| match download::context_tar(&st.dockerfile, &st.context) {
            Ok(bytes) => {
                if let Err(e) = download::offer_bytes("layerlab-context.tar", "application/x-tar", &bytes) {
                    d.emit(Msg::Notify(Some(format!("download failed: {e}"))));
                }
            }
            Err(e) => d.emit(Msg::Notify(Some(format!("could not pack the context: {e}")))),
        })
    };
    let on_download_image = match &state.build.status {
        BuildStatus::Done { image_id, tags } => {
            let (bridge, d, id) = (bridge.clone(), dispatch.clone(), image_id.clone());
            let name = match tags.first() {
                Some(t) => format!("{}.tar", t.replace([':', '/'], "-")),
                None => format!("{}.tar", id.trim_start_matches("sha256:").chars().take(12).collect::<String>()),
            };
            Some(Callback::from(move |_: ()| {
                let save = bridge.start_save(&id);
                d.emit(Msg::Saving(Some(SaveView { name: name.clone(), fraction: 0.0 })));
                drive_save(bridge.clone(), save, name.clone(), d.clone());
            }))
        }
        _ => None,
    };
    let on_cancel_save = {
        let (bridge, d) = (bridge.clone(), dispatch.clone());
        Callback::from(move |_: ()| {
            bridge.cancel_save();
            d.emit(Msg::Saving(None));
            d.emit(Msg::Notify(Some("Packing the image was cancelled.".into())));
        })
    };
    let on_load_image = {
        let (bridge, d) = (bridge.clone(), dispatch.clone());
        Callback::from(move |file: web_sys::File| super::load_file::load_picked(bridge.clone(), file, d.clone()))
    };
    let on_build = {
        let d = dispatch.clone();
        Callback::from(move |_: ()| d.emit(Msg::RequestBuild))
    };
    let on_pick_image = {
        let (d, text) = (dispatch.clone(), state.dockerfile.clone());
        Callback::from(move |image: String| {
            d.emit(Msg::EditDockerfile(image_picker::set_first_from(&text, &image)));
            d.emit(Msg::RequestBuild);
        })
    };
    let on_caret_line = {
        let d = dispatch.clone();
        Callback::from(move |line: usize| d.emit(Msg::SelectEditorLine(line)))
    };

    let stages = stage_names(&state.dockerfile);
    // Parser findings, plus the line a failed build points at while that line still reads
    // as it did when the build ran.
    let mut editor_diagnostics = (*diagnostics).clone();
    let line_text = |text: &str, n: usize| text.split('\n').nth(n.wrapping_sub(1)).unwrap_or("").to_string();
    let failure = match &state.build.status {
        BuildStatus::Failed { message, line } => {
            let unchanged = line.is_none_or(|l| line_text(&state.dockerfile, l) == line_text(&state.build.source, l));
            unchanged.then(|| (message.clone(), *line))
        }
        _ => None,
    };
    if let Some((message, Some(line))) = &failure {
        if !editor_diagnostics.iter().any(|d| d.error && d.line == *line) {
            let message = message.trim_start_matches(&format!("Dockerfile:{line}: ")).to_string();
            editor_diagnostics.push(Diagnostic { line: *line, message, error: true, from_build: true });
        }
    }
    let build_error = failure.map(|(message, line)| {
        let on_pick = {
            let (d, text) = (dispatch.clone(), state.dockerfile.clone());
            Callback::from(move |image: String| {
                if let Some(l) = line {
                    let new_line = build_error::replace_from_image(&line_text(&text, l), &image);
                    d.emit(Msg::EditDockerfile(build_error::replace_line(&text, l, &new_line)));
                    d.emit(Msg::RequestBuild);
                }
            })
        };
        let current = line.map(|l| line_text(&state.dockerfile, l)).unwrap_or_default();
        html! { <BuildError {message} {line} line_text={current} {on_pick} /> }
    });
    let side_tab = |side: Side, label: &'static str| {
        let d = dispatch.clone();
        let active = state.side == side;
        html! {
            <button role="tab" class={classes!("tab", active.then_some("active"))} aria-selected={active.to_string()}
                onclick={Callback::from(move |_: MouseEvent| d.emit(Msg::ShowSide(side)))}>{ label }</button>
        }
    };
    let overlay_html = (*overlay).clone().map(|o| {
        let close = {
            let overlay = overlay.clone();
            Callback::from(move |_: MouseEvent| overlay.set(None))
        };
        let mut extra = None;
        let (title, body, note) = match o {
            Overlay::Share { url, left_out } => (
                "Share link",
                url,
                if left_out > 0 {
                    format!("{left_out} large context file(s) are not in the link.")
                } else {
                    "Anyone opening this link gets this Dockerfile, context and build options.".into()
                },
            ),
            Overlay::Embed { snippet, markdown } => {
                extra = Some(markdown);
                (
                "Embed",
                snippet,
                "HTML for a web page: the compact widget in an iframe (add &readonly=1 after embed=1 for a read-only one).".into(),
            )
            }
        };
        let on_key = {
            let overlay = overlay.clone();
            Callback::from(move |e: KeyboardEvent| {
                if e.key() == "Escape" {
                    overlay.set(None);
                }
            })
        };
        html! {
            <div class="overlay" role="dialog" aria-modal="true" aria-label={title} onkeydown={on_key}>
                <div class="overlay-box">
                    <h2>{ title }</h2>
                    <textarea class="copy-box" readonly=true value={body} rows="4" />
                    <p class="muted">{ note }</p>
                    if let Some(md) = extra {
                        <textarea class="copy-box" readonly=true value={md} rows="3" aria-label="Markdown snippet" />
                        <p class="muted">{ "Markdown for a README (GitHub does not render iframes): a picture linking to this Dockerfile." }</p>
                    }
                    <button class="primary" onclick={close}>{ "Close" }</button>
                </div>
            </div>
        }
    });

    html! {
        <div class={classes!("app", mode.embed.then_some("embed"))}>
            <Header
                example={state.example.clone()}
                build={state.build.clone()}
                theme={state.theme}
                can_build={true}
                {on_example}
                on_build={on_build.clone()}
                {on_share}
                {on_embed}
                {on_download_context}
                {on_download_image}
                saving={state.save.clone()}
                {on_cancel_save}
                on_load_image={(!state.readonly).then_some(on_load_image)}
                loading={state.loading.clone()}
                {on_theme}
                embed_link={mode.embed.then(|| format!("{}#{}", dom::page_base_url(), persist::share_fragment(&project_of(&state)).0))}
            />
            <main class="layout">
                <section class="pane left" aria-label="Dockerfile and build context">
                    <div class="pane-head"><h2>{ "Dockerfile" }</h2>
                        if !state.readonly {
                            <ImagePicker on_pick={on_pick_image} />
                        }
                    </div>
                    <Editor
                        text={AttrValue::from(state.dockerfile.clone())}
                        diagnostics={Rc::new(editor_diagnostics)}
                        selected_lines={state.selected_card().map(|c| c.lines)}
                        running_lines={state.build.current_lines}
                        readonly={state.readonly}
                        {on_edit}
                        {on_build}
                        {on_caret_line}
                    />
                    { for build_error }
                    if !mode.embed {
                        <div class="tabs" role="tablist">
                            { side_tab(Side::Context, "Build context") }
                            { side_tab(Side::Options, "Build options") }
                        </div>
                        <div class="side-panel" role="tabpanel">
                            if state.side == Side::Context {
                                <ContextPanel context={state.context.clone()} open={state.ctx_open.clone()}
                                    dispatch={dispatch.clone()} readonly={state.readonly} />
                            } else {
                                <SettingsForm settings={state.settings.clone()} {stages} dispatch={dispatch.clone()} />
                            }
                        </div>
                    }
                </section>
                <Inspector state={state.clone()} bridge={bridge.clone()} dispatch={dispatch.clone()} compact={mode.embed} />
            </main>
            <footer class="status" aria-live="polite">
                { state.notice.clone().unwrap_or_default() }
            </footer>
            { for overlay_html }
        </div>
    }
}
