//! The build options form: tag, build args, `--no-cache` and the target stage.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::state::{Msg, Settings};

/// Form properties.
#[derive(Properties, PartialEq)]
pub struct SettingsFormProps {
    /// Current options.
    pub settings: Settings,
    /// Stage names of the Dockerfile (for the target menu).
    pub stages: Vec<String>,
    /// Sends state messages.
    pub dispatch: Callback<Msg>,
}

fn input_value(e: &InputEvent) -> Option<String> {
    e.target_dyn_into::<HtmlInputElement>().map(|i| i.value())
}

/// The stage names declared by `FROM ... AS name` lines (lower-cased, as Docker does).
pub fn stage_names(dockerfile: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in dockerfile.lines() {
        let words: Vec<&str> = line.split_whitespace().collect();
        if words.first().is_some_and(|w| w.eq_ignore_ascii_case("FROM")) {
            if let Some(pos) = words.iter().position(|w| w.eq_ignore_ascii_case("AS")) {
                if let Some(name) = words.get(pos + 1) {
                    out.push(name.to_ascii_lowercase());
                }
            }
        }
    }
    out
}

/// The form.
#[function_component(SettingsForm)]
pub fn settings_form(props: &SettingsFormProps) -> Html {
    let d = props.dispatch.clone();
    let s = &props.settings;
    let on_tag = {
        let d = d.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(v) = input_value(&e) {
                d.emit(Msg::SetTag(v));
            }
        })
    };
    let on_no_cache = {
        let d = d.clone();
        Callback::from(move |e: Event| {
            if let Some(i) = e.target_dyn_into::<HtmlInputElement>() {
                d.emit(Msg::SetNoCache(i.checked()));
            }
        })
    };
    let on_target = {
        let d = d.clone();
        Callback::from(move |e: Event| {
            if let Some(sel) = e.target_dyn_into::<web_sys::HtmlSelectElement>() {
                d.emit(Msg::SetTarget(sel.value()));
            }
        })
    };
    let add_arg = {
        let d = d.clone();
        Callback::from(move |_: MouseEvent| d.emit(Msg::AddBuildArg))
    };
    let args = s.build_args.iter().enumerate().map(|(i, (k, v))| {
        let on_key = {
            let (d, v) = (d.clone(), v.clone());
            Callback::from(move |e: InputEvent| {
                if let Some(k) = input_value(&e) {
                    d.emit(Msg::EditBuildArg(i, k, v.clone()));
                }
            })
        };
        let on_val = {
            let (d, k) = (d.clone(), k.clone());
            Callback::from(move |e: InputEvent| {
                if let Some(v) = input_value(&e) {
                    d.emit(Msg::EditBuildArg(i, k.clone(), v));
                }
            })
        };
        let remove = {
            let d = d.clone();
            Callback::from(move |_: MouseEvent| d.emit(Msg::RemoveBuildArg(i)))
        };
        html! {
            <li class="arg-row">
                <input aria-label="Build arg name" placeholder="NAME" value={k.clone()} oninput={on_key} />
                <span aria-hidden="true">{ "=" }</span>
                <input aria-label="Build arg value" placeholder="value" value={v.clone()} oninput={on_val} />
                <button class="icon" aria-label="Remove build arg" onclick={remove}>{ "✕" }</button>
            </li>
        }
    });
    let target_known = s.target.is_empty() || props.stages.contains(&s.target);
    html! {
        <form class="settings" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
            <label>{ "Tag " }<code>{ "-t" }</code>
                <input value={s.tag.clone()} oninput={on_tag} placeholder="name:tag" spellcheck="false" />
            </label>
            <label>{ "Target " }<code>{ "--target" }</code>
                <select onchange={on_target}>
                    <option value="" selected={s.target.is_empty()}>{ "(last stage)" }</option>
                    { for props.stages.iter().map(|st| html! {
                        <option value={st.clone()} selected={*st == s.target}>{ st.clone() }</option>
                    }) }
                    if !target_known {
                        <option value={s.target.clone()} selected=true>{ format!("{} (missing)", s.target) }</option>
                    }
                </select>
            </label>
            <label class="check">
                <input type="checkbox" checked={s.no_cache} onchange={on_no_cache} />
                { " Do not use the cache " }<code>{ "--no-cache" }</code>
            </label>
            <fieldset>
                <legend>{ "Build args " }<code>{ "--build-arg" }</code></legend>
                <ul class="args">{ for args }</ul>
                <button type="button" onclick={add_arg}>{ "+ Build arg" }</button>
            </fieldset>
        </form>
    }
}
