//! Built-in base images that `FROM` resolves without a network: `busybox`, `alpine`,
//! `debian` and `ubuntu` at a few releases. Their filesystems are assembled from package
//! descriptions (see [`crate::catalog::model`]) so that the package databases, the file
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

use crate::util::reference::Reference;
use crate::util::DEFAULT_PATH;
use crate::vfs::Layer;

/// An image's runtime configuration as the catalogue records it: the fields of the OCI
/// config's `config` object that official images set, spelled as `docker inspect` shows
/// them (`Env`, `Cmd`, …).
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct Config {
    /// `USER`.
    #[serde(default)]
    pub user: String,
    /// `ENV`, as `KEY=value`.
    #[serde(default)]
    pub env: Vec<String>,
    /// `ENTRYPOINT`.
    #[serde(default)]
    pub entrypoint: Option<Vec<String>>,
    /// `CMD`.
    #[serde(default)]
    pub cmd: Option<Vec<String>>,
    /// `EXPOSE` (`80/tcp`).
    #[serde(default)]
    pub exposed_ports: Vec<String>,
    /// `VOLUME`.
    #[serde(default)]
    pub volumes: Vec<String>,
    /// `WORKDIR`.
    #[serde(default)]
    pub working_dir: String,
    /// `LABEL`.
    #[serde(default)]
    pub labels: std::collections::BTreeMap<String, String>,
    /// `STOPSIGNAL`.
    #[serde(default)]
    pub stop_signal: String,
}

/// One row of an image's history, as `docker history` shows the real image.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HistoryRow {
    /// RFC 3339 time (the image's creation time when absent).
    #[serde(default)]
    pub created: Option<String>,
    /// The instruction (`/bin/sh -c #(nop)  CMD ["sh"]`, `ADD file:… in /`).
    pub created_by: String,
    /// `buildkit.dockerfile.v0`, `debuerreotype 0.15`.
    #[serde(default)]
    pub comment: Option<String>,
    /// True for rows without a layer (`ENV`, `CMD`, …).
    #[serde(default)]
    pub empty_layer: bool,
}

/// A base image ready to build on.
#[derive(Clone, Debug)]
pub struct BuiltinImage {
    /// Repository name (`alpine`).
    pub name: String,
    /// The tag asked for (`3.20`, `latest`).
    pub tag: String,
    /// Runtime configuration (`Env`, `Cmd`, labels).
    pub config: Config,
    /// `amd64`.
    pub architecture: String,
    /// `linux`.
    pub os: String,
    /// RFC 3339 creation time of the release.
    pub created: String,
    /// History entries as the real image has them (non-empty ones match `layers`).
    pub history: Vec<HistoryRow>,
    /// Filesystem layers, bottom first.
    pub layers: Vec<Layer>,
}

/// What a release build produces before it is named by a tag.
#[derive(Clone, Debug)]
pub(crate) struct Built {
    pub config: Config,
    pub created: String,
    pub history: Vec<HistoryRow>,
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

/// The built-in image a reference names, if there is one.
pub fn lookup(reference: &str) -> Option<BuiltinImage> {
    let r = Reference::parse(reference).ok()?;
    let (name, tag) = (r.repository, r.tag);
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
pub(crate) fn history(created: &str, created_by: &str, comment: Option<&str>, empty_layer: bool) -> HistoryRow {
    HistoryRow { created: Some(created.to_string()), created_by: created_by.to_string(), comment: comment.map(String::from), empty_layer }
}

/// A configuration with the default `PATH` and the given `Cmd`.
pub(crate) fn config(cmd: &[&str]) -> Config {
    Config {
        env: vec![format!("PATH={DEFAULT_PATH}")],
        cmd: Some(cmd.iter().map(|s| s.to_string()).collect()),
        ..Config::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references() {
        assert_eq!(lookup("docker.io/library/alpine:3.20").unwrap().tag, "3.20");
        assert!(lookup("someone/alpine").is_none());
        assert!(lookup("alpine:2.0").is_none());
        assert!(lookup("nginx").is_none());
        assert!(catalogue().iter().any(|(n, t)| n == "debian" && t.contains(&"bookworm-slim".to_string())));
    }
}
