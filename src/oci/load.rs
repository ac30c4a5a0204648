//! Loading image archives: OCI archives (`index.json`, as layerlab, skopeo `oci-archive:`
//! and `docker save` 25+ write them) and docker-archives (`manifest.json`, as `docker save`
//! of every version, `podman save` and skopeo `docker-archive:` write them, layers plain
//! or gzip, `<id>/layer.tar`, `<hex>.tar` or `blobs/sha256/<hex>`), the archive itself
//! plain or gzip-compressed.
//!
//! The archive is read as a stream ([`LoadJob`] takes it a piece at a time): its files are
//! kept in memory with their digests (a tar's order is not known in advance, and a
//! docker-archive's `manifest.json` may come last), and a file that may be a layer blob is
//! decoded as it streams by, so once the archive ends only assembling is left. Absolute or
//! escaping names and conflicting duplicates are refused; symbolic and
//! hard links between its files (old `docker save` and skopeo link repeated layers) are
//! followed inside it. When both `index.json` and `manifest.json` exist the OCI index is
//! used, and `manifest.json` only if the index cannot be loaded.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::io::{Read, Write};
use std::sync::Arc;

use tar::EntryType;

use super::assemble::{need, Assembler, Files, LoadedImage};
use super::layer_read::{LayerPush, ReadLayer};
use super::layout::read_oci;
use super::spec::DockerManifestItem;
use super::tarpush::{Inflate, TarPush, TarSink};
use super::tarread::{classify, clean_name, entry_buffer, Budget, LoadOptions, RawEntry};
use super::LoadError;
use crate::util::digest::{sha256_digest, HashWriter};
use crate::util::reference::Reference;

/// Most links followed when looking a file up in an archive.
const MAX_HOPS: usize = 16;

/// Loads every image of an archive with the default [`LoadOptions`]. On error nothing is
/// returned.
pub fn load<R: Read>(r: R) -> Result<Vec<LoadedImage>, LoadError> {
    load_with(r, &LoadOptions::default())
}

/// [`load`] with explicit limits and platform.
pub fn load_with<R: Read>(mut r: R, opts: &LoadOptions) -> Result<Vec<LoadedImage>, LoadError> {
    let mut job = LoadJob::new(opts);
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        match r.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => job.push(&buf[..n])?,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(classify(e, &job.outer_budget, "archive")),
        }
    }
    job.finish()
}

/// The images of an archive whose files are all read.
fn images_of(files: &ArchiveFiles, opts: &LoadOptions) -> Result<Vec<LoadedImage>, LoadError> {
    let has = |p: &str| files.entries.contains_key(p);
    let images = if has("index.json") {
        match read_oci(files, opts) {
            Ok(images) => images,
            Err(e) if has("manifest.json") => read_docker(files, opts).map_err(|_| e)?,
            Err(e) => return Err(e),
        }
    } else if has("manifest.json") {
        read_docker(files, opts)?
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

/// An archive loaded as its bytes are pushed in, a piece at a time (a page reading a picked
/// file in slices): each piece is hashed and, when it belongs to a layer blob, decoded as
/// it comes, so [`LoadJob::finish`] only assembles what was read. [`load_with`] drives one
/// from a reader.
pub struct LoadJob {
    opts: LoadOptions,
    outer_budget: Budget,
    inflate: Inflate,
    tar: TarPush,
    sink: ArchiveSink,
}

impl LoadJob {
    /// A load with `opts`.
    pub fn new(opts: &LoadOptions) -> Self {
        let outer_budget = Budget::new(opts.max_uncompressed);
        LoadJob {
            opts: opts.clone(),
            inflate: Inflate::default(),
            tar: TarPush::new("archive", opts, &outer_budget),
            outer_budget,
            sink: ArchiveSink {
                opts: opts.clone(),
                layer_budget: Budget::new(opts.max_uncompressed),
                next_ino: 2,
                entries: BTreeMap::new(),
                digests: HashMap::new(),
                decoded: HashMap::new(),
                current: None,
            },
        }
    }

    /// Reads the next bytes of the archive.
    pub fn push(&mut self, bytes: &[u8]) -> Result<(), LoadError> {
        let (tar, sink) = (&mut self.tar, &mut self.sink);
        self.inflate.push(bytes, "archive", &self.outer_budget, &mut |b| tar.push(b, sink))
    }

    /// The archive is complete: its images. On error nothing is returned.
    pub fn finish(mut self) -> Result<Vec<LoadedImage>, LoadError> {
        let (tar, sink) = (&mut self.tar, &mut self.sink);
        self.inflate.finish("archive", &self.outer_budget, &mut |b| tar.push(b, sink))?;
        self.tar.finish()?;
        let s = self.sink;
        if s.entries.is_empty() {
            return Err(LoadError::NotATar("archive: no files in it".into()));
        }
        let files = ArchiveFiles {
            entries: s.entries,
            digests: s.digests,
            decoded: RefCell::new(s.decoded),
            next_ino: s.next_ino,
        };
        images_of(&files, &self.opts)
    }
}

/// What a file of the archive may be while it streams by.
enum Guess {
    /// Not known before its first byte.
    Unknown,
    /// A JSON document (or not a layer).
    Document,
    /// A layer blob, being decoded.
    Layer(Box<LayerPush>),
    /// Not a layer after all (or a damaged one): why.
    Failed(LoadError),
}

/// A file of the archive being read.
struct Current {
    /// Its path; `None` for an entry that is not kept.
    path: Option<String>,
    data: Vec<u8>,
    hash: HashWriter<std::io::Sink>,
    guess: Guess,
}

/// Collects the archive's files, their digests and the layers decoded from them.
struct ArchiveSink {
    opts: LoadOptions,
    layer_budget: Budget,
    next_ino: u64,
    entries: BTreeMap<String, Entry>,
    digests: HashMap<String, String>,
    decoded: HashMap<String, Result<ReadLayer, LoadError>>,
    current: Option<Current>,
}

impl ArchiveSink {
    fn add(&mut self, path: String, entry: Entry) -> Result<(), LoadError> {
        match self.entries.get(&path) {
            Some(old) if *old != entry => Err(LoadError::Duplicate(path)),
            _ => {
                self.entries.insert(path, entry);
                Ok(())
            }
        }
    }
}

impl TarSink for ArchiveSink {
    fn entry(&mut self, e: RawEntry) -> Result<(), LoadError> {
        let name = String::from_utf8_lossy(&e.name).into_owned();
        let unsafe_path =
            |reason: String| LoadError::UnsafePath { within: "archive".into(), path: name.clone(), reason };
        let path = clean_name(&name).map_err(|r| unsafe_path(format!("entry name {r}")))?;
        let link = || String::from_utf8_lossy(e.link.as_deref().unwrap_or_default()).into_owned();
        let kept = match (path, e.kind) {
            (Some(p), EntryType::Regular | EntryType::Continuous) => Some(p),
            (Some(p), EntryType::Symlink) => {
                self.add(p, Entry::Symlink(link()))?;
                None
            }
            (Some(p), EntryType::Link) => match clean_name(&link()) {
                Ok(Some(t)) => {
                    self.add(p, Entry::HardLink(t))?;
                    None
                }
                _ => return Err(unsafe_path(format!("hard link target {:?} is outside the archive", link()))),
            },
            _ => None,
        };
        let data = if kept.is_some() { entry_buffer(e.size) } else { Vec::new() };
        self.current =
            Some(Current { path: kept, data, hash: HashWriter::new(std::io::sink()), guess: Guess::Unknown });
        Ok(())
    }

    fn data(&mut self, bytes: &[u8]) -> Result<(), LoadError> {
        let Some(c) = &mut self.current else { return Ok(()) };
        let Some(path) = &c.path else { return Ok(()) };
        c.data.extend_from_slice(bytes);
        c.hash.write_all(bytes).expect("hashing into a sink cannot fail");
        if matches!(c.guess, Guess::Unknown) {
            c.guess = match bytes.first() {
                Some(b'{' | b'[') => Guess::Document,
                _ => Guess::Layer(Box::new(LayerPush::new(
                    &format!("layer {path}"),
                    &self.opts,
                    &self.layer_budget,
                    self.next_ino,
                ))),
            };
        }
        if let Guess::Layer(l) = &mut c.guess {
            if let Err(e) = l.push(bytes) {
                c.guess = Guess::Failed(e);
            }
        }
        Ok(())
    }

    fn end(&mut self) -> Result<(), LoadError> {
        let Some(Current { path: Some(path), data, hash, guess }) = self.current.take() else { return Ok(()) };
        match guess {
            Guess::Layer(l) => {
                let read = l.finish().map(|(read, next)| {
                    self.next_ino = next;
                    read
                });
                self.decoded.insert(path.clone(), read);
            }
            Guess::Failed(e) => {
                self.decoded.insert(path.clone(), Err(e));
            }
            Guess::Unknown | Guess::Document => {}
        }
        self.digests.insert(path.clone(), hash.finish().1);
        self.add(path, Entry::File(Arc::new(data)))
    }
}

/// A file of the archive.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Entry {
    File(Arc<Vec<u8>>),
    Symlink(String),
    HardLink(String),
}

/// The files of an archive by normalized relative path, with the digests and layers
/// computed while they streamed by.
struct ArchiveFiles {
    entries: BTreeMap<String, Entry>,
    /// `sha256:` digests of the regular files.
    digests: HashMap<String, String>,
    /// Layers decoded from files (taken when used).
    decoded: RefCell<HashMap<String, Result<ReadLayer, LoadError>>>,
    /// The first node number free after the decoded layers.
    next_ino: u64,
}

impl Files for ArchiveFiles {
    fn file(&self, path: &str) -> Option<Cow<'_, [u8]>> {
        self.resolve(path).map(|(_, b)| Cow::Borrowed(&b[..]))
    }

    fn shared(&self, path: &str) -> Option<Arc<Vec<u8>>> {
        self.resolve(path).map(|(_, b)| b.clone())
    }

    fn digest(&self, path: &str) -> Option<String> {
        self.resolve(path).and_then(|(p, _)| self.digests.get(p).cloned())
    }

    fn decoded(&self, path: &str) -> Option<Result<ReadLayer, LoadError>> {
        let (p, _) = self.resolve(path)?;
        self.decoded.borrow_mut().remove(p)
    }

    fn first_ino(&self) -> u64 {
        self.next_ino
    }
}

impl ArchiveFiles {
    /// The file at `path` and where it is, following links inside the archive.
    fn resolve(&self, path: &str) -> Option<(&str, &Arc<Vec<u8>>)> {
        let mut at = clean_name(path).ok()??;
        for _ in 0..MAX_HOPS {
            let (key, entry) = self.entries.get_key_value(&at)?;
            match entry {
                Entry::File(b) => return Some((key.as_str(), b)),
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
    let mut a = Assembler::new(opts, files.first_ino());
    for item in &items {
        let config_bytes = need(files, &item.config)?.into_owned();
        if let Some(d) = named_digest(&item.config) {
            let actual = files.digest(&item.config).unwrap_or_else(|| sha256_digest(&config_bytes));
            if actual != d {
                return Err(LoadError::DigestMismatch { blob: item.config.clone(), expected: d, actual });
            }
        }
        let mut layers = Vec::new();
        for path in &item.layers {
            let bytes = files.shared(path).ok_or_else(|| LoadError::Missing(path.to_string()))?;
            let digest = files.digest(path);
            layers.push(a.layer(path, bytes, named_digest(path).as_deref(), digest.as_deref(), files.decoded(path))?);
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
        let f = ArchiveFiles { entries, digests: HashMap::new(), decoded: RefCell::new(HashMap::new()), next_ino: 2 };
        assert_eq!(f.file("./id/layer.tar").as_deref(), Some(&b"data"[..]));
        assert_eq!(f.file("id2/layer.tar").as_deref(), Some(&b"data"[..]));
        assert_eq!(f.file("top").as_deref(), Some(&b"data"[..]));
        assert_eq!(f.file("up"), None);
        assert_eq!(f.file("abs"), None);
    }
}
