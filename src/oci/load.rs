//! Loading image archives: OCI archives (`index.json`, as layerlab, skopeo `oci-archive:`
//! and `docker save` 25+ write them) and docker-archives (`manifest.json`, as `docker save`
//! of every version, `podman save` and skopeo `docker-archive:` write them, layers plain
//! or gzip, `<id>/layer.tar`, `<hex>.tar` or `blobs/sha256/<hex>`), the archive itself
//! plain or gzip-compressed.
//!
//! The archive's files are read into memory first (a tar's order is not known in
//! advance), refusing absolute or escaping names and conflicting duplicates; symbolic and
//! hard links between its files (old `docker save` and skopeo link repeated layers) are
//! followed inside it. When both `index.json` and `manifest.json` exist the OCI index is
//! used, and `manifest.json` only if the index cannot be loaded.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::io::Read;
use std::sync::Arc;

use tar::EntryType;

use super::assemble::{need, Assembler, Files, LoadedImage};
use super::layout::read_oci;
use super::spec::DockerManifestItem;
use super::tarread::{clean_name, read_data, walk, Budget, LoadOptions};
use super::LoadError;
use crate::util::digest::sha256_digest;
use crate::util::reference::Reference;

/// Most links followed when looking a file up in an archive.
const MAX_HOPS: usize = 16;

/// Loads every image of an archive with the default [`LoadOptions`]. On error nothing is
/// returned.
pub fn load<R: Read>(r: R) -> Result<Vec<LoadedImage>, LoadError> {
    load_with(r, &LoadOptions::default())
}

/// [`load`] with explicit limits and platform.
pub fn load_with<R: Read>(r: R, opts: &LoadOptions) -> Result<Vec<LoadedImage>, LoadError> {
    let files = read_archive(r, opts)?;
    let has = |p: &str| files.entries.contains_key(p);
    let images = if has("index.json") {
        match read_oci(&files, opts) {
            Ok(images) => images,
            Err(e) if has("manifest.json") => read_docker(&files, opts).map_err(|_| e)?,
            Err(e) => return Err(e),
        }
    } else if has("manifest.json") {
        read_docker(&files, opts)?
    } else if has("repositories") {
        return Err(LoadError::Unsupported("archive in the pre-1.10 docker save format (no manifest.json)".into()));
    } else {
        return Err(LoadError::invalid("archive", "it has neither index.json nor manifest.json: not an image archive"));
    };
    if images.is_empty() {
        return Err(LoadError::invalid("archive", "it contains no images"));
    }
    Ok(images)
}

/// A file of the archive.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Entry {
    File(Arc<Vec<u8>>),
    Symlink(String),
    HardLink(String),
}

/// The files of an archive by normalized relative path.
struct ArchiveFiles {
    entries: BTreeMap<String, Entry>,
}

impl Files for ArchiveFiles {
    fn file(&self, path: &str) -> Option<Cow<'_, [u8]>> {
        self.bytes(path).map(|b| Cow::Borrowed(&b[..]))
    }

    fn shared(&self, path: &str) -> Option<Arc<Vec<u8>>> {
        self.bytes(path).cloned()
    }
}

impl ArchiveFiles {
    /// The file at `path`, following links inside the archive.
    fn bytes(&self, path: &str) -> Option<&Arc<Vec<u8>>> {
        let mut at = clean_name(path).ok()??;
        for _ in 0..MAX_HOPS {
            match self.entries.get(&at)? {
                Entry::File(b) => return Some(b),
                Entry::HardLink(t) => at = t.clone(),
                Entry::Symlink(t) if t.starts_with('/') => return None,
                Entry::Symlink(t) => {
                    let joined = match at.rfind('/') {
                        Some(i) => format!("{}/{t}", &at[..i]),
                        None => t.clone(),
                    };
                    at = clean_name(&joined).ok()??;
                }
            }
        }
        None
    }
}

fn read_archive<R: Read>(r: R, opts: &LoadOptions) -> Result<ArchiveFiles, LoadError> {
    let budget = Budget::new(opts.max_uncompressed);
    let mut entries: BTreeMap<String, Entry> = BTreeMap::new();
    walk(r, "archive", opts, &budget, |e, data| {
        let name = String::from_utf8_lossy(&e.name).into_owned();
        let unsafe_path =
            |reason: String| LoadError::UnsafePath { within: "archive".into(), path: name.clone(), reason };
        let Some(path) = clean_name(&name).map_err(|r| unsafe_path(format!("entry name {r}")))? else {
            return Ok(());
        };
        let link = || String::from_utf8_lossy(e.link.as_deref().unwrap_or_default()).into_owned();
        let entry = match e.kind {
            EntryType::Regular | EntryType::Continuous => {
                Entry::File(Arc::new(read_data(data, e.size, &budget, "archive")?))
            }
            EntryType::Symlink => Entry::Symlink(link()),
            EntryType::Link => match clean_name(&link()) {
                Ok(Some(t)) => Entry::HardLink(t),
                _ => return Err(unsafe_path(format!("hard link target {:?} is outside the archive", link()))),
            },
            _ => return Ok(()),
        };
        match entries.get(&path) {
            Some(old) if *old != entry => Err(LoadError::Duplicate(path)),
            _ => {
                entries.insert(path, entry);
                Ok(())
            }
        }
    })?;
    if entries.is_empty() {
        return Err(LoadError::NotATar("archive: no files in it".into()));
    }
    Ok(ArchiveFiles { entries })
}

/// The digest a file name claims: `blobs/sha256/<hex>`, `<hex>.json`, `<hex>.tar`.
fn named_digest(path: &str) -> Option<String> {
    let base = path.rsplit('/').next().unwrap_or(path);
    let stem = base.strip_suffix(".json").or_else(|| base.strip_suffix(".tar")).unwrap_or(base);
    let digest = format!("sha256:{stem}");
    crate::util::digest::sha256_hex(&digest).is_some().then_some(digest)
}

/// Reads a docker-archive through its `manifest.json`.
fn read_docker(files: &dyn Files, opts: &LoadOptions) -> Result<Vec<LoadedImage>, LoadError> {
    let items: Vec<DockerManifestItem> =
        serde_json::from_slice(&need(files, "manifest.json")?).map_err(|e| LoadError::invalid("manifest.json", e))?;
    let mut a = Assembler::new(opts);
    for item in &items {
        let config_bytes = need(files, &item.config)?.into_owned();
        if let Some(d) = named_digest(&item.config) {
            let actual = sha256_digest(&config_bytes);
            if actual != d {
                return Err(LoadError::DigestMismatch { blob: item.config.clone(), expected: d, actual });
            }
        }
        let mut layers = Vec::new();
        for path in &item.layers {
            let bytes = files.shared(path).ok_or_else(|| LoadError::Missing(path.to_string()))?;
            layers.push(a.layer(path, bytes, named_digest(path).as_deref(), None)?);
        }
        let mut tags = Vec::new();
        for t in item.repo_tags.iter().flatten() {
            let r = Reference::parse(t).map_err(|_| LoadError::invalid("manifest.json", format!("bad tag {t:?}")))?;
            tags.push(r.to_string());
        }
        a.add_image(config_bytes, &item.config, layers, tags, Vec::new())?;
    }
    Ok(a.images)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_links_inside_the_archive() {
        let hex = "a".repeat(64);
        assert_eq!(named_digest(&format!("blobs/sha256/{hex}")), Some(format!("sha256:{hex}")));
        assert_eq!(named_digest(&format!("{hex}.json")), Some(format!("sha256:{hex}")));
        assert_eq!(named_digest("abc/layer.tar"), None);
        let mut entries = BTreeMap::new();
        entries.insert("x.tar".to_string(), Entry::File(Arc::new(b"data".to_vec())));
        entries.insert("id/layer.tar".to_string(), Entry::Symlink("../x.tar".into()));
        entries.insert("id2/layer.tar".to_string(), Entry::HardLink("x.tar".into()));
        entries.insert("up".to_string(), Entry::Symlink("../../etc/passwd".into()));
        entries.insert("abs".to_string(), Entry::Symlink("/x.tar".into()));
        entries.insert("top".to_string(), Entry::Symlink("./x.tar".into()));
        let f = ArchiveFiles { entries };
        assert_eq!(f.file("./id/layer.tar").as_deref(), Some(&b"data"[..]));
        assert_eq!(f.file("id2/layer.tar").as_deref(), Some(&b"data"[..]));
        assert_eq!(f.file("top").as_deref(), Some(&b"data"[..]));
        assert_eq!(f.file("up"), None);
        assert_eq!(f.file("abs"), None);
    }
}
