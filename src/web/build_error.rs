//! The failed build's message under the editor, whole and wrapped, with what to do next:
//! when `FROM` names an image the offline playground does not have, the catalogue of
//! images closest to the one typed, and the whole catalogue of images and tags behind a
//! disclosure, one button per tag that puts it on that line and rebuilds.
//! It disappears as soon as the line it points at is edited.

use yew::prelude::*;

/// Build error properties.
#[derive(Properties, PartialEq)]
pub struct BuildErrorProps {
    /// The error message.
    pub message: String,
    /// The Dockerfile line it points at.
    pub line: Option<usize>,
    /// The text of that line now.
    pub line_text: String,
    /// Put this image reference on the failed `FROM` line and build.
    pub on_pick: Callback<String>,
}

/// True when `message` says an image could not be found (the offline catalogue has no
/// such repository or tag).
pub fn is_missing_image(message: &str) -> bool {
    ["pull access denied", "manifest unknown", "not found: manifest", "No such image"]
        .iter()
        .any(|m| message.contains(m))
}

/// True when `line` is a `FROM` instruction.
fn is_from(line: &str) -> bool {
    line.split_whitespace().next().is_some_and(|w| w.eq_ignore_ascii_case("FROM"))
}

/// `line` with the image of its `FROM` replaced by `image` (flags and `AS name` kept).
pub fn replace_from_image(line: &str, image: &str) -> String {
    let indent = &line[..line.len() - line.trim_start().len()];
    let mut words: Vec<&str> = line.split_whitespace().collect();
    if let Some(i) = words.iter().skip(1).position(|w| !w.starts_with("--")).map(|i| i + 1) {
        words[i] = image;
    } else {
        words.push(image);
    }
    format!("{indent}{}", words.join(" "))
}

/// Replaces 1-based line `n` of `text` with `with`.
pub fn replace_line(text: &str, n: usize, with: &str) -> String {
    let mut lines: Vec<&str> = text.split('\n').collect();
    if let Some(l) = lines.get_mut(n.wrapping_sub(1)) {
        *l = with;
    }
    lines.join("\n")
}

/// The tags worth offering for a repository: its named releases first, then the rest.
fn offered(tags: &[String]) -> Vec<&String> {
    let mut v: Vec<&String> = tags.iter().collect();
    crate::util::sort::sort_by_key(&mut v, |t| (t.as_str() != "latest", t.chars().filter(|c| *c == '.').count() > 1));
    v
}

/// The repository a `FROM` line names (`nginxx` for `FROM --platform=x nginxx:1.0 AS a`).
fn typed_repository(line: &str) -> String {
    let image = line.split_whitespace().skip(1).find(|w| !w.starts_with("--")).unwrap_or("");
    let image = image.split(['@', ':']).next().unwrap_or("");
    image.rsplit('/').next().unwrap_or("").to_ascii_lowercase()
}

/// The catalogue's repositories closest to what was typed: at most `n`, nearest first,
/// only those a few edits away (or that contain it, or that it contains).
pub fn closest<'a>(typed: &str, repos: &'a [(String, Vec<String>)], n: usize) -> Vec<&'a (String, Vec<String>)> {
    let mut v: Vec<(usize, &(String, Vec<String>))> = repos
        .iter()
        .filter_map(|r| {
            let name = r.0.rsplit('/').next().unwrap_or(&r.0);
            let d = crate::util::text::levenshtein(typed, name);
            let near =
                d <= 2.max(typed.len() / 3) || (!typed.is_empty() && (name.contains(typed) || typed.contains(name)));
            near.then_some((d, r))
        })
        .collect();
    crate::util::sort::sort_by_key(&mut v, |(d, r)| (*d, r.0.clone()));
    v.into_iter().take(n).map(|(_, r)| r).collect()
}

/// One catalogue row: the repository's name and a button per tag (`limit` tags at most).
pub(super) fn row(name: &str, tags: &[String], limit: usize, on_pick: &Callback<String>) -> Html {
    let buttons = offered(tags).into_iter().take(limit).map(|t| {
        let reference = format!("{name}:{t}");
        let cb = on_pick.clone();
        let r = reference.clone();
        html! {
            <button class="pick-image" data-image={reference.clone()} title={format!("Use {reference} on this line and build")}
                onclick={Callback::from(move |_: MouseEvent| cb.emit(r.clone()))}>{ t.clone() }</button>
        }
    });
    html! {
        <li class="cat-row"><span class="cat-name mono">{ name.to_string() }</span><span class="cat-tags">{ for buttons }</span></li>
    }
}

/// The panel.
#[function_component(BuildError)]
pub fn build_error(props: &BuildErrorProps) -> Html {
    let missing = is_missing_image(&props.message) && is_from(&props.line_text);
    let title = match props.line {
        Some(l) => format!("Build failed at line {l}"),
        None => "Build failed".to_string(),
    };
    let picker = missing.then(|| {
        let repos = crate::catalog::images::catalogue();
        let near = closest(&typed_repository(&props.line_text), &repos, 3);
        let suggestions = (!near.is_empty()).then(|| {
            html! {
                <div class="cat-near">
                    <p>{ "Did you mean:" }</p>
                    <ul class="cat-list">{ for near.iter().map(|(n, t)| row(n, t, 6, &props.on_pick)) }</ul>
                </div>
            }
        });
        html! {
            <div class="catalogue" aria-label="Images available offline">
                <p>{ "layerlab works offline: FROM can use the images of its catalogue. Pick a tag to put it on this line and build." }</p>
                { for suggestions }
                <details class="cat-all">
                    <summary>{ format!("All {} repositories and their tags", repos.len()) }</summary>
                    <ul class="cat-list">{ for repos.iter().map(|(n, t)| row(n, t, usize::MAX, &props.on_pick)) }</ul>
                </details>
            </div>
        }
    });
    html! {
        <div class="build-error" role="alert">
            <p class="be-title">{ title }</p>
            <p class="be-msg mono">{ props.message.clone() }</p>
            { for picker }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn from_lines_get_the_picked_image() {
        assert_eq!(replace_from_image("FROM nginxx:1.0", "alpine:3.20"), "FROM alpine:3.20");
        assert_eq!(
            replace_from_image("  from --platform=linux/amd64 foo AS build", "debian:12"),
            "  from --platform=linux/amd64 debian:12 AS build"
        );
        assert_eq!(replace_line("a\nb\nc", 2, "B"), "a\nB\nc");
        assert!(is_missing_image("pull access denied for nginxx, repository does not exist"));
        assert!(is_from("FROM x") && !is_from("RUN from"));
        assert_eq!(typed_repository("FROM --platform=linux/amd64 docker.io/library/nginxx:1.0 AS web"), "nginxx");
        let repos: Vec<(String, Vec<String>)> =
            ["alpine", "nginx", "node", "python"].iter().map(|n| (n.to_string(), vec!["latest".to_string()])).collect();
        let near: Vec<&str> = closest("nginxx", &repos, 3).iter().map(|r| r.0.as_str()).collect();
        assert_eq!(near, ["nginx"]);
        assert!(closest("zzzzzzzz", &repos, 3).is_empty());
    }
}
