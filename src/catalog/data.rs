//! The catalogue's data files, as the host provides them. The text of every file under
//! the repository's `data/` folder (image descriptions in `images/*.json`, package
//! catalogues in `packages/<family>/*.pkgs`) is embedded at build time; a host may add
//! or replace files at run time with [`provide`] (the page with what it fetched from the
//! static site, a test with an entry of its own). Files are checked as they come in, so
//! bad data is refused with its file and line instead of failing later.

use std::sync::{Arc, RwLock};

use super::model::ParseError;

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

/// The paths of every data file under `dir` (`images/`), sorted.
pub fn list(dir: &str) -> Vec<String> {
    let mut out: Vec<String> = EMBEDDED.iter().map(|(n, _)| n.to_string()).filter(|n| n.starts_with(dir)).collect();
    if let Ok(p) = PROVIDED.read() {
        out.extend(p.iter().map(|(n, _)| n.clone()).filter(|n| n.starts_with(dir)));
    }
    out.sort();
    out.dedup();
    out
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
