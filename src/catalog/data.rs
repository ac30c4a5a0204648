//! The catalogue's data files, as the host provides them: image descriptions in
//! `images/*.json`, package catalogues in `packages/<family>/*.pkgs`. The list of every
//! file and a summary of every repository ([`index`]) are always compiled in; the files'
//! text is embedded with the `embedded-data` feature (the CLI, the tests). A host adds or
//! replaces files at run time with [`provide`]: the page with what it fetched from the
//! static site (it asks [`missing`] which files a reference still needs), a test with an
//! entry of its own. Files are checked as they come in, so bad data is refused with its
//! file and line instead of failing later.

use std::sync::{Arc, RwLock};

use super::images::LayerSpec;
use super::model::ParseError;
use crate::util::reference::Reference;

/// What the always-compiled index knows of one repository file.
#[derive(Clone, Copy, Debug)]
pub struct Summary {
    /// The data file (`images/nginx.json`).
    pub path: &'static str,
    /// The repository (`nginx`, `gcr.io/distroless/static`).
    pub repository: &'static str,
    /// Docker Hub's one-line description.
    pub description: &'static str,
    /// Docker Hub stars, rounded.
    pub stars: u32,
    /// The tags of each image of the repository.
    pub images: &'static [&'static [&'static str]],
}

include!(concat!(env!("OUT_DIR"), "/catalog_data.rs"));

/// Files the host provided at run time (they take precedence over embedded ones).
static PROVIDED: RwLock<Vec<(String, Arc<str>)>> = RwLock::new(Vec::new());

/// Bumped by every [`provide`], so caches built from the data know when to rebuild.
static GENERATION: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// The text of the data file at `path` (relative to `data/`: `images/alpine.json`).
pub fn file(path: &str) -> Option<Arc<str>> {
    if let Ok(p) = PROVIDED.read() {
        if let Some((_, t)) = p.iter().find(|(n, _)| n == path) {
            return Some(t.clone());
        }
    }
    EMBEDDED.iter().find(|(n, _)| *n == path).map(|(_, t)| Arc::from(*t))
}

/// The paths of every data file under `dir` (`images/`), sorted: the catalogue's files
/// (whose text [`file`] has once it is embedded or provided) and the provided ones.
pub fn list(dir: &str) -> Vec<String> {
    let mut out: Vec<String> = FILES.iter().map(|n| n.to_string()).filter(|n| n.starts_with(dir)).collect();
    if let Ok(p) = PROVIDED.read() {
        out.extend(p.iter().map(|(n, _)| n.clone()).filter(|n| n.starts_with(dir)));
    }
    crate::util::sort::sort(&mut out);
    out.dedup();
    out
}

/// Whether the text of the data file `path` is here (embedded or provided).
pub fn available(path: &str) -> bool {
    EMBEDDED.iter().any(|(n, _)| *n == path) || PROVIDED.read().is_ok_and(|p| p.iter().any(|(n, _)| n == path))
}

/// The summary of every repository file of the catalogue, in file order.
pub fn index() -> &'static [Summary] {
    INDEX
}

/// The catalogue's data files that `references` (image references: `nginx`,
/// `python:3.12-slim`; other words are ignored) still need before they can be assembled
/// and built on: a repository file first, then, once it is here, its parent chain's files
/// and the package catalogues of the distribution families its layers come from. The host
/// provides what this names and asks again until nothing is missing.
pub fn missing(references: &[String]) -> Vec<String> {
    missing_given(references, &available)
}

/// [`missing`], with `have` saying which files are here.
fn missing_given(references: &[String], have: &dyn Fn(&str) -> bool) -> Vec<String> {
    let mut queue: Vec<String> = references.to_vec();
    let (mut seen, mut out) = (Vec::new(), Vec::new());
    let need = |path: &str, out: &mut Vec<String>| {
        if !have(path) && !out.iter().any(|p| p == path) {
            out.push(path.to_string());
        }
    };
    while let Some(reference) = queue.pop() {
        if seen.contains(&reference) || seen.len() > 64 {
            continue;
        }
        seen.push(reference.clone());
        let Ok(r) = Reference::parse(&reference) else { continue };
        if let Some(s) = INDEX.iter().find(|s| s.repository == r.repository) {
            if !have(s.path) {
                need(s.path, &mut out);
                continue;
            }
        }
        let Some(repo) = super::images::repository(&r.repository) else { continue };
        let Some(entry) = repo.images.iter().find(|i| i.tags.contains(&r.tag)) else { continue };
        queue.extend(entry.parent.iter().cloned());
        for layer in &entry.layers {
            let (family, release) = match layer {
                LayerSpec::Alpine { release, .. } => ("alpine", release),
                LayerSpec::Debian(d) => ("apt", &d.release),
                LayerSpec::Rpm(r) => ("rpm", &r.release),
                LayerSpec::Busybox { .. } | LayerSpec::Files { .. } => continue,
            };
            for path in package_files(family, release) {
                need(path, &mut out);
            }
        }
    }
    out
}

/// The package catalogues of `family` (`apt`) that an image whose layer names `release`
/// (`bookworm`) is assembled from and whose package manager reads: the files naming that
/// release and, for a minimal variant's own base packages (`el9min`), the files of the
/// release its package manager sees in `/etc/os-release` (`el9`).
fn package_files<'a>(family: &'a str, release: &'a str) -> impl Iterator<Item = &'static str> + 'a {
    let dir = format!("packages/{family}/");
    let full = release.strip_suffix("min").unwrap_or(release);
    RELEASES
        .iter()
        .filter(move |(p, rs)| p.starts_with(&dir) && (rs.contains(&release) || rs.contains(&full)))
        .map(|(p, _)| *p)
}

/// Adds (or replaces) the data file `path` with `text`, after checking it: an image
/// description must parse, a package catalogue must parse for every release it names.
pub fn provide(path: &str, text: &str) -> Result<(), ParseError> {
    check(path, text)?;
    let mut p =
        PROVIDED.write().map_err(|_| ParseError { file: path.into(), line: 0, msg: "data store poisoned".into() })?;
    p.retain(|(n, _)| n != path);
    p.push((path.to_string(), Arc::from(text)));
    GENERATION.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    Ok(())
}

/// A number that changes whenever a file is provided.
pub fn generation() -> u64 {
    GENERATION.load(std::sync::atomic::Ordering::SeqCst)
}

/// Checks one data file by its kind (its folder and extension).
pub fn check(path: &str, text: &str) -> Result<(), ParseError> {
    if path.starts_with("images/") && path.ends_with(".json") {
        super::images::parse_repository(path, text).map(|_| ())
    } else if path.starts_with("packages/") && path.ends_with(".pkgs") {
        let releases = super::model::releases(text);
        if releases.is_empty() {
            return Err(ParseError {
                file: path.into(),
                line: 1,
                msg: "a package catalogue starts with its releases line".into(),
            });
        }
        // A base set's `t` lines name texts its image recipe supplies (os-release, passwd);
        // those are checked when the images are assembled. Repository texts must resolve.
        let base = path.rsplit('/').next().is_some_and(|n| n.starts_with("base"));
        let recipe_texts: Vec<(&str, &str)> = if base {
            text.lines()
                .filter_map(|l| l.split_once("t ").map(|(_, r)| r))
                .filter_map(|r| r.split_whitespace().nth(1))
                .map(|n| (n, ""))
                .collect()
        } else {
            Vec::new()
        };
        let texts: Vec<(&str, &str)> = super::repo::TEXTS.iter().copied().chain(recipe_texts).collect();
        for r in releases {
            super::model::parse(text, r, &texts).map_err(|e| e.in_file(path))?;
        }
        Ok(())
    } else {
        Err(ParseError {
            file: path.into(),
            line: 0,
            msg: "not a catalogue file (images/*.json or packages/<family>/*.pkgs)".into(),
        })
    }
}

/// Every embedded file that fails its check.
pub fn check_embedded() -> Vec<ParseError> {
    EMBEDDED.iter().filter_map(|(path, text)| check(path, text).err()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_embedded_file_is_valid() {
        let errors: Vec<String> = check_embedded().iter().map(|e| format!("data/{e}")).collect();
        assert!(errors.is_empty(), "{}", errors.join("\n"));
        assert!(list("images/").contains(&"images/alpine.json".to_string()));
        assert!(file("packages/alpine/base.pkgs").is_some_and(|t| t.contains("releases ")));
    }

    #[test]
    fn the_index_lists_every_repository_and_embedded_data_needs_nothing() {
        assert_eq!(index().len(), list("images/").iter().filter(|p| FILES.contains(&p.as_str())).count());
        let nginx = index().iter().find(|s| s.repository == "nginx").expect("nginx in the index");
        assert_eq!(nginx.path, "images/nginx.json");
        assert!(nginx.stars > 0 && !nginx.description.is_empty());
        assert!(nginx.images.iter().any(|tags| tags.contains(&"alpine")));
        let refs = ["nginx".to_string(), "no-such-image".into(), "run".into(), "8080:80".into()];
        assert!(missing(&refs).is_empty(), "{:?}", missing(&refs));
    }

    #[test]
    fn a_reference_needs_its_repository_then_its_parents_then_its_packages() {
        let plan = |refs: &[&str], have: &[&str]| {
            let refs: Vec<String> = refs.iter().map(|r| r.to_string()).collect();
            let mut m = missing_given(&refs, &|p| have.contains(&p));
            crate::util::sort::sort(&mut m);
            m
        };
        assert_eq!(plan(&["nginx"], &[]), ["images/nginx.json"]);
        assert_eq!(
            plan(&["nginx:latest", "docker.io/library/hello-world"], &[]),
            ["images/hello-world.json", "images/nginx.json"]
        );
        assert_eq!(plan(&["nginx"], &["images/nginx.json"]), ["images/debian.json"]);
        // nginx is built on debian:bookworm-slim: the apt catalogues that name bookworm, and
        // none of another release's own files.
        let apt: Vec<&str> = package_files("apt", "bookworm").collect();
        assert!(apt.contains(&"packages/apt/base-1-core.pkgs") && apt.contains(&"packages/apt/repo-main.pkgs"));
        assert!(!apt.iter().any(|p| p.contains("stretch") || p.contains("bionic")), "{apt:?}");
        assert_eq!(plan(&["nginx"], &["images/nginx.json", "images/debian.json"]), apt);
        let all: Vec<&str> =
            ["images/nginx.json", "images/debian.json"].iter().copied().chain(apt.iter().copied()).collect();
        assert!(plan(&["nginx"], &all).is_empty());
        // Busybox-based images need no package catalogue; unknown names and tags need nothing.
        assert!(plan(&["hello-world", "busybox"], &["images/hello-world.json", "images/busybox.json"]).is_empty());
        assert!(plan(&["nginx:0.0-none", "playground", "-it", "sh"], &["images/nginx.json"]).is_empty());
        assert!(plan(&["alpine:3.20"], &["images/alpine.json"]).iter().all(|p| p.starts_with("packages/alpine/")));
    }

    #[test]
    fn the_release_index_matches_every_catalogue() {
        let pkgs: Vec<&str> = FILES.iter().copied().filter(|p| p.ends_with(".pkgs")).collect();
        assert_eq!(pkgs, RELEASES.iter().map(|(p, _)| *p).collect::<Vec<_>>());
        for (path, releases) in RELEASES {
            let text = file(path).expect("embedded");
            assert_eq!(*releases, super::super::model::releases(&text).as_slice(), "{path}");
            assert!(!releases.is_empty(), "{path} names no release");
        }
    }

    #[test]
    fn every_image_is_sent_the_catalogues_its_package_manager_reads() {
        let repository_files: Vec<&str> = INDEX.iter().map(|s| s.path).collect();
        for s in INDEX {
            for tags in s.images {
                let reference = format!("{}:{}", s.repository, tags[0]);
                let image = super::super::images::lookup(&reference).expect("assembles").expect("in the catalogue");
                let tree = crate::vfs::Tree::from_layers(&image.layers);
                let Some(d) = super::super::distro::detect(&tree) else { continue };
                let plan = missing_given(std::slice::from_ref(&reference), &|p| repository_files.contains(&p));
                let release = d.release();
                // What the package managers read at run time (`catalog::repo`).
                for path in list(&format!("packages/{}/repo-", d.packages_dir())) {
                    let text = file(&path).expect("embedded");
                    if super::super::model::releases(&text).contains(&release.as_str()) {
                        assert!(
                            plan.contains(&path),
                            "{reference} ({release}) reads {path}, which the page would not fetch"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn bad_data_names_file_and_line() {
        let e = provide("packages/alpine/broken.pkgs", "releases 3.20\n@ pkg 1.0\nf /usr/bin/x big\n").unwrap_err();
        assert_eq!(e.to_string(), "packages/alpine/broken.pkgs line 3: bad size");
        let e = provide("images/broken.json", "{\n  \"repository\": \"x\",\n  \"images\": [{\"tags\": 1}]\n}\n")
            .unwrap_err();
        assert_eq!((e.file.as_str(), e.line), ("images/broken.json", 3), "{e}");
        assert!(provide("notes.txt", "").is_err());
        assert!(file("images/broken.json").is_none());
    }
}
