//! Built-in base images that `FROM` resolves without a network: `busybox`, `alpine`,
//! `debian` and `ubuntu` at a few releases. Their filesystems are assembled from package
//! descriptions (see [`crate::shell::pkg::model`]) so that the package databases, the file
//! layout and the sizes match the real images; large files are synthetic and cost no memory.
//!
//! Built layers are cached per image, so repeated lookups are cheap.

mod alpine;
mod applets;
mod assemble;
mod busybox;
mod debian;
mod debian_data;
mod debian_tools;

use std::sync::{Arc, Mutex};

use crate::image::{ContainerConfig, History};
use crate::vfs::Layer;

/// The `PATH` every built-in image sets.
pub const DEFAULT_PATH: &str = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

/// A base image ready to build on.
#[derive(Clone, Debug)]
pub struct BuiltinImage {
    /// Repository name (`alpine`).
    pub name: String,
    /// The tag asked for (`3.20`, `latest`).
    pub tag: String,
    /// Runtime configuration (`Env`, `Cmd`, labels).
    pub config: ContainerConfig,
    /// `amd64`.
    pub architecture: String,
    /// `linux`.
    pub os: String,
    /// RFC 3339 creation time of the release.
    pub created: String,
    /// History entries as the real image has them (non-empty ones match `layers`).
    pub history: Vec<History>,
    /// Filesystem layers, bottom first.
    pub layers: Vec<Layer>,
}

/// What a release build produces before it is named by a tag.
#[derive(Clone, Debug)]
pub(crate) struct Built {
    pub config: ContainerConfig,
    pub created: String,
    pub history: Vec<History>,
    pub layers: Vec<Layer>,
}

/// The repositories and their tags, for the UI.
pub fn catalogue() -> Vec<(String, Vec<String>)> {
    REPOS
        .iter()
        .map(|(name, tags)| (name.to_string(), tags.iter().map(|(t, _)| t.to_string()).collect()))
        .collect()
}

/// Tag → canonical release key, per repository.
const REPOS: &[(&str, &[(&str, &str)])] = &[
    (
        "alpine",
        &[
            ("latest", "3.20"),
            ("3", "3.20"),
            ("3.21", "3.21"),
            ("3.21.2", "3.21"),
            ("3.20", "3.20"),
            ("3.20.3", "3.20"),
            ("3.19", "3.19"),
            ("3.19.4", "3.19"),
        ],
    ),
    (
        "busybox",
        &[("latest", "1.37"), ("stable", "1.37"), ("1.37", "1.37"), ("1.37.0", "1.37"), ("1.36", "1.36"), ("1.36.1", "1.36")],
    ),
    (
        "debian",
        &[
            ("latest", "bookworm"),
            ("bookworm", "bookworm"),
            ("12", "bookworm"),
            ("12.7", "bookworm"),
            ("stable", "bookworm"),
            ("bookworm-slim", "bookworm-slim"),
            ("12-slim", "bookworm-slim"),
            ("12.7-slim", "bookworm-slim"),
            ("stable-slim", "bookworm-slim"),
        ],
    ),
    (
        "ubuntu",
        &[
            ("latest", "noble"),
            ("24.04", "noble"),
            ("noble", "noble"),
            ("22.04", "jammy"),
            ("jammy", "jammy"),
        ],
    ),
];

/// Splits a reference into repository and tag if it names a Docker Hub official image:
/// `alpine`, `alpine:3.20`, `library/alpine:3.20`, `docker.io/library/alpine:3.20`.
pub fn parse_reference(reference: &str) -> Option<(String, String)> {
    let r = reference.trim();
    if r.contains('@') {
        return None;
    }
    let r = ["docker.io/", "index.docker.io/", "registry-1.docker.io/"]
        .iter()
        .find_map(|p| r.strip_prefix(p))
        .unwrap_or(r);
    let r = r.strip_prefix("library/").unwrap_or(r);
    if r.contains('/') {
        return None;
    }
    let (name, tag) = match r.split_once(':') {
        Some((n, t)) => (n, t),
        None => (r, "latest"),
    };
    if name.is_empty() || tag.is_empty() || name.chars().any(|c| c.is_ascii_uppercase()) {
        return None;
    }
    Some((name.to_string(), tag.to_string()))
}

/// The built-in image a reference names, if there is one.
pub fn lookup(reference: &str) -> Option<BuiltinImage> {
    let (name, tag) = parse_reference(reference)?;
    let (_, tags) = REPOS.iter().find(|(n, _)| *n == name)?;
    let (_, key) = tags.iter().find(|(t, _)| *t == tag)?;
    let built = cached(&name, key)?;
    Some(BuiltinImage {
        name,
        tag,
        config: built.config.clone(),
        architecture: "amd64".into(),
        os: "linux".into(),
        created: built.created.clone(),
        history: built.history.clone(),
        layers: built.layers.clone(),
    })
}

type Cache = Vec<(String, Arc<Built>)>;

static CACHE: Mutex<Cache> = Mutex::new(Vec::new());

fn cached(name: &str, key: &str) -> Option<Arc<Built>> {
    let id = format!("{name}:{key}");
    if let Ok(c) = CACHE.lock() {
        if let Some((_, b)) = c.iter().find(|(k, _)| *k == id) {
            return Some(b.clone());
        }
    }
    let built = Arc::new(match name {
        "alpine" => alpine::build(key)?,
        "busybox" => busybox::build(key)?,
        "debian" | "ubuntu" => debian::build(key)?,
        _ => return None,
    });
    if let Ok(mut c) = CACHE.lock() {
        c.push((id, built.clone()));
    }
    Some(built)
}

/// Every busybox applet link of the Alpine images (`/bin/ls`, `/usr/bin/wget`, …).
pub(crate) fn alpine_applet_links() -> Vec<String> {
    use applets::{names, ALPINE_BIN, ALPINE_SBIN, ALPINE_USR_BIN, ALPINE_USR_SBIN};
    [("/bin", ALPINE_BIN), ("/sbin", ALPINE_SBIN), ("/usr/bin", ALPINE_USR_BIN), ("/usr/sbin", ALPINE_USR_SBIN)]
        .iter()
        .flat_map(|(dir, list)| names(list).map(move |n| format!("{dir}/{n}")))
        .collect()
}

/// A history entry.
pub(crate) fn history(created: &str, created_by: &str, comment: Option<&str>, empty_layer: bool) -> History {
    History {
        created: Some(created.to_string()),
        created_by: Some(created_by.to_string()),
        author: None,
        comment: comment.map(String::from),
        empty_layer,
    }
}

/// A configuration with the default `PATH` and the given `Cmd`.
pub(crate) fn config(cmd: &[&str]) -> ContainerConfig {
    ContainerConfig {
        env: vec![format!("PATH={DEFAULT_PATH}")],
        cmd: Some(cmd.iter().map(|s| s.to_string()).collect()),
        ..ContainerConfig::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references() {
        let p = |r| parse_reference(r);
        assert_eq!(p("alpine"), Some(("alpine".into(), "latest".into())));
        assert_eq!(p("docker.io/library/alpine:3.20"), Some(("alpine".into(), "3.20".into())));
        assert_eq!(p("library/debian:bookworm-slim"), Some(("debian".into(), "bookworm-slim".into())));
        assert_eq!(p("ghcr.io/foo/bar:1"), None);
        assert_eq!(p("someone/alpine"), None);
        assert!(lookup("alpine:2.0").is_none());
        assert!(lookup("nginx").is_none());
        assert!(catalogue().iter().any(|(n, t)| n == "debian" && t.contains(&"bookworm-slim".to_string())));
    }
}
