//! Keeping work across reloads (localStorage) and sharing it in a link (the URL fragment
//! holds base64url of deflated compact JSON: `#s=...`).

use std::rc::Rc;

use serde::{Deserialize, Serialize};

use super::codec;
use super::state::{Context, CtxEntry, Settings, Theme};

const PROJECT_KEY: &str = "layerlab.project.v1";
const THEME_KEY: &str = "layerlab.theme";
/// Files larger than this are not kept in localStorage (its quota is a few MB).
const MAX_STORED_FILE: usize = 512 * 1024;
/// Share links carry at most this much context (before compression).
pub const MAX_SHARED_CONTEXT: usize = 16 * 1024;

/// A project as saved: Dockerfile, context and build options.
#[derive(Clone, Debug, PartialEq)]
pub struct Project {
    /// The Dockerfile.
    pub dockerfile: String,
    /// The context.
    pub context: Context,
    /// Build options.
    pub settings: Settings,
    /// The example it started from.
    pub example: Option<String>,
}

#[derive(Serialize, Deserialize)]
struct Stored {
    v: u32,
    #[serde(rename = "d")]
    dockerfile: String,
    #[serde(rename = "c", default, skip_serializing_if = "Vec::is_empty")]
    context: Vec<StoredEntry>,
    #[serde(rename = "s", default, skip_serializing_if = "Option::is_none")]
    settings: Option<StoredSettings>,
    #[serde(rename = "e", default, skip_serializing_if = "Option::is_none")]
    example: Option<String>,
}

#[derive(Serialize, Deserialize)]
struct StoredEntry {
    p: String,
    /// Mode; absent for folders.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    m: Option<u32>,
    /// UTF-8 text contents.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    t: Option<String>,
    /// Binary contents, base64.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    b: Option<String>,
}

#[derive(Serialize, Deserialize)]
struct StoredSettings {
    tag: String,
    #[serde(default)]
    args: Vec<(String, String)>,
    #[serde(default)]
    no_cache: bool,
    #[serde(default)]
    target: String,
}

fn to_stored(p: &Project, max_file: usize, with_settings: bool) -> (Stored, usize) {
    let mut skipped = 0;
    let mut context = Vec::new();
    for (path, e) in &p.context {
        match e {
            CtxEntry::Dir => context.push(StoredEntry { p: path.clone(), m: None, t: None, b: None }),
            CtxEntry::File { data, mode } => {
                if data.len() > max_file {
                    skipped += 1;
                    continue;
                }
                let (t, b) = match std::str::from_utf8(data) {
                    Ok(s) => (Some(s.to_string()), None),
                    Err(_) => (None, Some(crate::util::base64::encode(data))),
                };
                context.push(StoredEntry { p: path.clone(), m: Some(*mode), t, b });
            }
        }
    }
    let settings = with_settings.then(|| StoredSettings {
        tag: p.settings.tag.clone(),
        args: p.settings.build_args.clone(),
        no_cache: p.settings.no_cache,
        target: p.settings.target.clone(),
    });
    (Stored { v: 1, dockerfile: p.dockerfile.clone(), context, settings, example: p.example.clone() }, skipped)
}

fn from_stored(s: Stored) -> Project {
    let mut context = Context::new();
    for e in s.context {
        let Some(path) = super::state::clean_path(&e.p) else { continue };
        let entry = match (e.m, e.t, e.b) {
            (None, _, _) => CtxEntry::Dir,
            (Some(mode), Some(t), _) => CtxEntry::File { data: Rc::from(t.into_bytes()), mode },
            (Some(mode), None, Some(b)) => match crate::util::base64::decode(&b) {
                Some(bytes) => CtxEntry::File { data: Rc::from(bytes), mode },
                None => continue,
            },
            (Some(mode), None, None) => CtxEntry::File { data: Rc::from(Vec::new()), mode },
        };
        context.insert(path, entry);
    }
    let settings = s
        .settings
        .map(|st| Settings { tag: st.tag, build_args: st.args, no_cache: st.no_cache, target: st.target })
        .unwrap_or_default();
    Project { dockerfile: s.dockerfile, context, settings, example: s.example }
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// Saves the project; returns how many files were too large to keep.
pub fn save_project(p: &Project) -> usize {
    let (stored, skipped) = to_stored(p, MAX_STORED_FILE, true);
    if let (Some(st), Ok(json)) = (storage(), serde_json::to_string(&stored)) {
        let _ = st.set_item(PROJECT_KEY, &json);
    }
    skipped
}

/// The project saved by an earlier visit.
pub fn load_project() -> Option<Project> {
    let json = storage()?.get_item(PROJECT_KEY).ok()??;
    serde_json::from_str::<Stored>(&json).ok().map(from_stored)
}

/// Saves the theme choice.
pub fn save_theme(t: Theme) {
    if let Some(st) = storage() {
        let _ = st.set_item(THEME_KEY, t.name());
    }
}

/// The saved theme choice.
pub fn load_theme() -> Theme {
    storage().and_then(|s| s.get_item(THEME_KEY).ok().flatten()).map_or(Theme::System, |n| Theme::from_name(&n))
}

/// The fragment (`s=...`, without `#`) that encodes the project; the second value counts
/// files left out because the context is too large for a link.
pub fn share_fragment(p: &Project) -> (String, usize) {
    let mut budget = MAX_SHARED_CONTEXT;
    let mut small = p.clone();
    let mut left_out = 0;
    small.context.retain(|_, e| match e {
        CtxEntry::Dir => true,
        CtxEntry::File { data, .. } if data.len() <= budget => {
            budget -= data.len();
            true
        }
        CtxEntry::File { .. } => {
            left_out += 1;
            false
        }
    });
    let (stored, _) = to_stored(&small, MAX_SHARED_CONTEXT, true);
    let json = serde_json::to_vec(&stored).unwrap_or_default();
    (format!("s={}", crate::util::base64::encode_url(&codec::deflate(&json))), left_out)
}

/// Reads a project from a URL fragment: `s=<base64url deflated JSON>`, or
/// `dockerfile=<percent-encoded text>` for hand-written links.
pub fn parse_fragment(fragment: &str) -> Option<Project> {
    let fragment = fragment.trim_start_matches('#');
    for part in fragment.split('&') {
        if let Some(data) = part.strip_prefix("s=") {
            let z = crate::util::base64::decode(data)?;
            let json = codec::inflate(&z, 4 * 1024 * 1024)?;
            return serde_json::from_slice::<Stored>(&json).ok().map(from_stored);
        }
        if let Some(text) = part.strip_prefix("dockerfile=") {
            let text = js_sys::decode_uri_component(text).ok()?.as_string()?;
            return Some(Project {
                dockerfile: text,
                context: Context::new(),
                settings: Settings::default(),
                example: None,
            });
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn share_fragment_round_trips_text_and_binary_files() {
        let mut context = Context::new();
        context.insert("app".into(), CtxEntry::Dir);
        context.insert("app/run.sh".into(), CtxEntry::File { data: Rc::from(&b"#!/bin/sh\n"[..]), mode: 0o755 });
        context.insert("blob".into(), CtxEntry::File { data: Rc::from(&[0u8, 255, 1][..]), mode: 0o600 });
        let p = Project {
            dockerfile: "FROM alpine\nCOPY app /app\n".into(),
            context,
            settings: Settings {
                tag: "x:1".into(),
                build_args: vec![("A".into(), "b".into())],
                no_cache: true,
                target: String::new(),
            },
            example: None,
        };
        let (frag, left_out) = share_fragment(&p);
        assert_eq!(left_out, 0);
        assert!(frag.starts_with("s=") && !frag.contains('+') && !frag[2..].contains('='));
        assert_eq!(parse_fragment(&format!("#{frag}")), Some(p));
    }

    #[wasm_bindgen_test]
    fn plain_dockerfile_fragment() {
        let p = parse_fragment("#dockerfile=FROM%20alpine%0ARUN%20true").unwrap();
        assert_eq!(p.dockerfile, "FROM alpine\nRUN true");
    }
}
