//! Built-in images that `FROM` and `docker pull` resolve without a network. Each
//! repository is a data file, `data/images/<name>.json` (see [`entry`] for its format);
//! filesystems are assembled from the package catalogues (see [`crate::catalog::model`])
//! so that the package databases, the file layout and the sizes match the real images;
//! large files are synthetic and cost no memory.
//!
//! Adding an image or a tag is adding its entry to a data file; nothing else names it.
//! Built layers are cached per image, so repeated lookups are cheap.

mod alpine;
mod applets;
mod assemble;
mod busybox;
mod debian;
mod debian_data;
pub mod entry;
mod rpm;

use std::sync::{Arc, Mutex};

pub use entry::{parse_repository, Config, Entry, HistoryRow, LayerSpec, Repository};

use super::data;
use super::model::ParseError;
use crate::util::reference::Reference;
use crate::vfs::{Layer, Tree};
use entry::file_set;

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

/// What an image entry builds to, before a tag names it.
#[derive(Clone, Debug)]
struct Built {
    config: Config,
    created: String,
    history: Vec<HistoryRow>,
    layers: Vec<Layer>,
}

/// Every repository of the catalogue, in name order. Each data file was checked when it
/// entered the data store (see [`data::provide`] and the embedded-data test).
pub fn repositories() -> Vec<Arc<Repository>> {
    static CACHE: Mutex<(u64, Vec<Arc<Repository>>)> = Mutex::new((u64::MAX, Vec::new()));
    let generation = data::generation();
    if let Ok(c) = CACHE.lock() {
        if c.0 == generation {
            return c.1.clone();
        }
    }
    let mut repos: Vec<Arc<Repository>> = data::list("images/")
        .iter()
        .filter_map(|path| data::file(path).and_then(|text| parse_repository(path, &text).ok()))
        .map(Arc::new)
        .collect();
    crate::util::sort::sort_by(&mut repos, |a, b| a.repository.cmp(&b.repository));
    if let Ok(mut c) = CACHE.lock() {
        *c = (generation, repos.clone());
    }
    repos
}

/// What the picker, `docker search` and the offline error show of one repository.
#[derive(Clone, Debug, PartialEq)]
pub struct Listing {
    /// Repository name (`nginx`).
    pub repository: String,
    /// Docker Hub's one-line description.
    pub description: String,
    /// Docker Hub stars, rounded.
    pub stars: u32,
    /// The tags of each image.
    pub images: Vec<Vec<String>>,
}

/// Every repository of the catalogue, in name order, whether its data file is here yet or
/// only in the compiled-in index (the page fetches data files on first use).
pub fn listings() -> Vec<Listing> {
    let mut out: Vec<Listing> = repositories()
        .iter()
        .map(|r| Listing {
            repository: r.repository.clone(),
            description: r.description.clone(),
            stars: r.stars,
            images: r.images.iter().map(|i| i.tags.clone()).collect(),
        })
        .collect();
    for s in data::index() {
        if !out.iter().any(|l| l.repository == s.repository) {
            out.push(Listing {
                repository: s.repository.into(),
                description: s.description.into(),
                stars: s.stars,
                images: s.images.iter().map(|tags| tags.iter().map(|t| t.to_string()).collect()).collect(),
            });
        }
    }
    crate::util::sort::sort_by(&mut out, |a, b| a.repository.cmp(&b.repository));
    out
}

/// The repositories and their tags, for the UI and the offline error.
pub fn catalogue() -> Vec<(String, Vec<String>)> {
    listings().into_iter().map(|l| (l.repository, l.images.concat())).collect()
}

/// The repository `name` (`alpine`), if the catalogue has it.
pub fn repository(name: &str) -> Option<Arc<Repository>> {
    repositories().into_iter().find(|r| r.repository == name)
}

/// The built-in image a reference names: `Ok(None)` when the catalogue has no such
/// repository or tag, an error when its data cannot be assembled (naming the data file).
pub fn lookup(reference: &str) -> Result<Option<BuiltinImage>, ParseError> {
    lookup_within(reference, 0)
}

fn lookup_within(reference: &str, depth: usize) -> Result<Option<BuiltinImage>, ParseError> {
    let Ok(r) = Reference::parse(reference) else { return Ok(None) };
    let Some(repo) = repository(&r.repository) else { return Ok(None) };
    let Some(index) = repo.images.iter().position(|i| i.tags.contains(&r.tag)) else { return Ok(None) };
    let built = cached(&repo, index, depth)?;
    Ok(Some(BuiltinImage {
        name: r.repository,
        tag: r.tag,
        config: built.config.clone(),
        architecture: "amd64".into(),
        os: "linux".into(),
        created: built.created.clone(),
        history: built.history.clone(),
        layers: built.layers.clone(),
    }))
}

type Cache = Vec<(String, u64, Arc<Built>)>;

static CACHE: Mutex<Cache> = Mutex::new(Vec::new());

fn cached(repo: &Repository, index: usize, depth: usize) -> Result<Arc<Built>, ParseError> {
    let entry = &repo.images[index];
    let id = format!("{}:{}", repo.repository, entry.tags[0]);
    let generation = data::generation();
    if let Ok(c) = CACHE.lock() {
        if let Some((_, _, b)) = c.iter().find(|(k, g, _)| *k == id && *g == generation) {
            return Ok(b.clone());
        }
    }
    let built = Arc::new(build(repo, entry, depth)?);
    if let Ok(mut c) = CACHE.lock() {
        c.retain(|(_, g, _)| *g == generation);
        c.push((id, generation, built.clone()));
    }
    Ok(built)
}

/// Assembles an entry: the parent's layers and history, then its own layers.
fn build(repo: &Repository, entry: &Entry, depth: usize) -> Result<Built, ParseError> {
    let file = format!("images/{}.json", repo.repository.replace('/', "_"));
    let err = |msg: String| ParseError { file: file.clone(), line: 1, msg };
    let (mut layers, mut history) = match &entry.parent {
        Some(p) if depth > 16 => return Err(err(format!("parent chain too deep at {p}"))),
        Some(p) => {
            let parent =
                lookup_within(p, depth + 1)?.ok_or_else(|| err(format!("parent {p} is not in the catalogue")))?;
            (parent.layers, parent.history)
        }
        None => (Vec::new(), Vec::new()),
    };
    for spec in &entry.layers {
        let layer = match spec {
            LayerSpec::Busybox { version, size } => busybox::rootfs(version, *size, &entry.created),
            LayerSpec::Alpine { release, version, world } => alpine::rootfs(release, version, world, &entry.created)?,
            LayerSpec::Debian(spec) => debian::rootfs(spec, &entry.created)?,
            LayerSpec::Rpm(spec) => rpm::rootfs(spec, &entry.created)?,
            LayerSpec::Files { files, package, version } => {
                let set = file_set(package.as_deref(), version.as_deref(), files).map_err(|e| err(e.msg))?;
                assemble::files_layer(&Tree::from_layers(&layers), &set, &entry.created)
            }
        };
        layers.push(layer);
    }
    history.extend(entry.history.iter().map(|h| HistoryRow {
        created: Some(h.created.clone().unwrap_or_else(|| entry.created.clone())),
        ..h.clone()
    }));
    Ok(Built { config: entry.config.clone(), created: entry.created.clone(), history, layers })
}

/// Every busybox applet link of the Alpine images (`/bin/ls`, `/usr/bin/wget`, …).
pub(crate) fn alpine_applet_links() -> Vec<String> {
    use applets::{names, ALPINE_BIN, ALPINE_SBIN, ALPINE_USR_BIN, ALPINE_USR_SBIN};
    [("/bin", ALPINE_BIN), ("/sbin", ALPINE_SBIN), ("/usr/bin", ALPINE_USR_BIN), ("/usr/sbin", ALPINE_USR_SBIN)]
        .iter()
        .flat_map(|(dir, list)| names(list).map(move |n| format!("{dir}/{n}")))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references() {
        assert_eq!(lookup("docker.io/library/alpine:3.20").unwrap().unwrap().tag, "3.20");
        assert!(lookup("someone/alpine").unwrap().is_none());
        assert!(lookup("alpine:2.0").unwrap().is_none());
        assert!(lookup("no-such-image").unwrap().is_none());
        assert!(catalogue().iter().any(|(n, t)| n == "debian" && t.contains(&"bookworm-slim".to_string())));
    }
}
