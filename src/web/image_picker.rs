//! The image picker above the editor: every repository of the catalogue with every tag,
//! filtered by a search box; choosing a tag puts it on the Dockerfile's first `FROM` line
//! (or adds one) and builds. It lists the compiled-in index, so it needs no data fetched.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::build_error::{replace_from_image, replace_line, row};

/// Image picker properties.
#[derive(Properties, PartialEq)]
pub struct ImagePickerProps {
    /// Put this image reference on the first `FROM` line and build.
    pub on_pick: Callback<String>,
}

/// `text` with `image` on its first `FROM` line, or with `FROM image` added on top.
pub fn set_first_from(text: &str, image: &str) -> String {
    let first =
        text.split('\n').position(|l| l.split_whitespace().next().is_some_and(|w| w.eq_ignore_ascii_case("FROM")));
    match first {
        Some(i) => replace_line(text, i + 1, &replace_from_image(text.split('\n').nth(i).unwrap_or(""), image)),
        None => format!("FROM {image}\n{text}"),
    }
}

/// The repositories (and of each, the tags) that match `query`: a word of the repository
/// name (`py`), or `name:tag` (`node:18`) for the tags that start with `tag`. Every tag of a
/// matching repository is listed.
pub fn filter(repos: &[(String, Vec<String>)], query: &str) -> Vec<(String, Vec<String>)> {
    let q = query.trim().to_ascii_lowercase();
    let (name, tag) = q.split_once(':').unwrap_or((&q, ""));
    repos
        .iter()
        .filter(|(n, _)| n.contains(name))
        .map(|(n, tags)| (n.clone(), tags.iter().filter(|t| t.starts_with(tag)).cloned().collect::<Vec<_>>()))
        .filter(|(_, tags)| !tags.is_empty())
        .collect()
}

/// The picker: a button that opens the searchable list.
#[function_component(ImagePicker)]
pub fn image_picker(props: &ImagePickerProps) -> Html {
    let open = use_state(|| false);
    let query = use_state(String::new);
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    let button = html! {
        <button class="picker-toggle" aria-expanded={open.to_string()} onclick={toggle}
            title="Every image of layerlab's catalogue: pick one for the FROM line">{ "Images ▾" }</button>
    };
    if !*open {
        return button;
    }
    let oninput = {
        let query = query.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(i) = e.target_dyn_into::<HtmlInputElement>() {
                query.set(i.value());
            }
        })
    };
    let pick = {
        let (open, on_pick) = (open.clone(), props.on_pick.clone());
        Callback::from(move |image: String| {
            open.set(false);
            on_pick.emit(image);
        })
    };
    let repos = crate::catalog::images::catalogue();
    let shown = filter(&repos, &query);
    let count: usize = shown.iter().map(|(_, t)| t.len()).sum();
    html! {
        <>
            { button }
            <div class="image-picker catalogue" role="dialog" aria-label="Images">
                <input type="search" class="picker-search" value={(*query).clone()} {oninput} autofocus=true
                    placeholder="Search images: python, node:18, alpine" aria-label="Search images" />
                <p class="muted picker-count">{ format!("{} repositories, {count} tags", shown.len()) }</p>
                <ul class="cat-list">{ for shown.iter().map(|(n, t)| row(n, t, usize::MAX, &pick)) }</ul>
            </div>
        </>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn picking_sets_the_first_from_and_search_filters() {
        assert_eq!(
            set_first_from("# hi\nFROM alpine AS a\nFROM b", "nginx:1.27"),
            "# hi\nFROM nginx:1.27 AS a\nFROM b"
        );
        assert_eq!(set_first_from("RUN x", "busybox:latest"), "FROM busybox:latest\nRUN x");
        let repos = crate::catalog::images::catalogue();
        let names = |q: &str| filter(&repos, q).into_iter().map(|(n, _)| n).collect::<Vec<_>>();
        assert!(names("").len() == repos.len() && repos.len() > 20);
        assert!(names("pyth") == ["python"]);
        let node18 = filter(&repos, "node:18");
        assert!(node18.len() == 1 && node18[0].1.iter().all(|t| t.starts_with("18")) && !node18[0].1.is_empty());
        assert!(filter(&repos, "zzz").is_empty());
    }
}
