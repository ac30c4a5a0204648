//! The CLI's state directory: an OCI image layout (readable by skopeo, umoci, …) holding
//! every image, `layerlab-state.json` with what the layout has no place for (the classic
//! builder's parent links and cache keys, creation times, each layer's content size),
//! and `containers/` (see `containers`).
//!
//! Opening the directory takes an exclusive lock (`layerlab.lock`, flock), held until the
//! command ends, so concurrent commands run one after the other and none loses another's
//! tags. Loading reads only `index.json`, manifests, configs and the sidecar: each layer
//! is read from its blob when something first needs its files. Saving adds the blobs that
//! are missing and replaces the small files atomically. Damage stays with what is
//! damaged: an image whose manifest or config cannot be read is reported by name, kept
//! listed in `index.json` until `rmi` removes it, and never stops other commands.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs;
use std::io::{self, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::layout::{
    add_blob, blob_file, has_blob, index_contents, prune_layout, read_index, write_atomic, write_layout_with,
    DamagedImage,
};
use crate::image::{BlobBytes, BlobDesc, Image, LayerInfo, Reference, Store};
use crate::oci::spec::{Descriptor, Index, MEDIA_TYPE_INDEX};
use crate::oci::{LoadOptions, SaveImage, SaveLayer};
use crate::util::digest::HashReader;
use crate::vfs::Layer;

const SIDECAR: &str = "layerlab-state.json";
const LOCK: &str = "layerlab.lock";

/// Environment variable overriding the largest uncompressed layer the state directory
/// stores (bytes; default 2 GiB, the loader's limit).
pub const LAYER_LIMIT_ENV: &str = "LAYERLAB_MAX_LAYER_BYTES";

/// The largest uncompressed layer tar stored and read back.
pub fn layer_limit() -> u64 {
    std::env::var(LAYER_LIMIT_ENV).ok().and_then(|v| v.parse().ok()).unwrap_or(LoadOptions::default().max_uncompressed)
}

/// What the layout cannot say about an image.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
struct ImageExtra {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    parent: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    cache_key: Option<String>,
    created: i64,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
struct Sidecar {
    images: BTreeMap<String, ImageExtra>,
    /// Content size of each layer by diff_id (known without reading the layer).
    #[serde(default)]
    layers: BTreeMap<String, u64>,
    /// A copy of `index.json`'s entries, to rebuild it if it is lost.
    #[serde(default)]
    index: Vec<Descriptor>,
}

/// An open, locked state directory.
pub struct State {
    dir: PathBuf,
    _lock: fs::File,
    damaged: Vec<DamagedImage>,
    /// Blob digests the layout listed when loaded (a missing one is damage, not news).
    listed: HashSet<String>,
    /// False when `index.json` was missing or damaged: unreferenced blobs are kept.
    prune: bool,
    /// `index.json` was rebuilt and must be written even if nothing changes.
    rebuilt: bool,
    /// Problems found while loading, one line each, to report.
    pub warnings: Vec<String>,
}

/// A cheap fingerprint of the store (image IDs and tags), to skip writing when a command
/// changed nothing.
pub fn fingerprint(store: &Store) -> Vec<String> {
    let mut v: Vec<String> = store.images().map(|i| i.id.clone()).collect();
    v.extend(store.tags().map(|(r, id)| format!("{r}={id}")));
    v
}

impl State {
    /// Opens (creating if needed) and locks the state directory `dir`; waits while
    /// another command holds it.
    pub fn open(dir: &Path) -> Result<State, String> {
        if dir.exists() && !dir.is_dir() {
            return Err(format!("{} is not a directory", dir.display()));
        }
        fs::create_dir_all(dir).map_err(|e| format!("creating {}: {e}", dir.display()))?;
        let lock = fs::File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(dir.join(LOCK))
            .map_err(|e| format!("opening {}: {e}", dir.join(LOCK).display()))?;
        lock.lock().map_err(|e| format!("locking {}: {e}", dir.join(LOCK).display()))?;
        Ok(State {
            dir: dir.to_path_buf(),
            _lock: lock,
            damaged: Vec::new(),
            listed: HashSet::new(),
            prune: true,
            rebuilt: false,
            warnings: Vec::new(),
        })
    }

    /// True when the directory must be written even if the command changes nothing
    /// (its index was rebuilt).
    pub fn needs_save(&self) -> bool {
        self.rebuilt
    }

    /// Loads the images of the state directory into `store` (no layer is read).
    pub fn load(&mut self, store: &mut Store) {
        let sidecar_path = self.dir.join(SIDECAR);
        let sidecar: Sidecar = match fs::read(&sidecar_path) {
            Ok(b) => serde_json::from_slice(&b).unwrap_or_else(|e| {
                self.warnings.push(format!(
                    "{} is damaged ({e}): image creation times and build-cache links are lost; it is rewritten by the next change",
                    sidecar_path.display()
                ));
                Sidecar::default()
            }),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Sidecar::default(),
            Err(e) => {
                self.warnings.push(format!("{}: {e}", sidecar_path.display()));
                Sidecar::default()
            }
        };
        let index_path = self.dir.join("index.json");
        let lost = !index_path.exists() && (!sidecar.images.is_empty() || blobs_present(&self.dir));
        let contents = if lost && !sidecar.index.is_empty() {
            let copy =
                Index { schema_version: 2, media_type: MEDIA_TYPE_INDEX.into(), manifests: sidecar.index.clone() };
            self.warnings.push(format!("{} is missing: rebuilt from {SIDECAR}", index_path.display()));
            self.rebuilt = true;
            Ok(index_contents(&self.dir, copy))
        } else {
            if lost {
                self.prune = false;
                self.warnings.push(format!(
                    "{} is missing: the images stored in {} are not listed (their blobs are kept)",
                    index_path.display(),
                    self.dir.display()
                ));
            }
            read_index(&self.dir)
        };
        let contents = match contents {
            Ok(c) => c,
            Err(e) => {
                self.prune = false;
                self.warnings.push(format!(
                    "{e}: no image is listed (the file is kept as index.json.damaged at the next change)"
                ));
                return;
            }
        };
        let mut shared: HashMap<String, Arc<LayerInfo>> = HashMap::new();
        for img in contents.images {
            let layers = img
                .layers
                .into_iter()
                .map(|(diff_id, desc)| {
                    self.listed.insert(desc.digest.clone());
                    let size = sidecar.layers.get(&diff_id).copied();
                    shared
                        .entry(desc.digest.clone())
                        .or_insert_with(|| lazy_layer(&self.dir, diff_id, desc, size))
                        .clone()
                })
                .collect();
            let id = crate::image::sha256_digest(&img.config_bytes);
            let extra = sidecar.images.get(&id).cloned().unwrap_or_default();
            let mut image = Image::from_bytes(img.config, img.config_bytes, layers, extra.created);
            image.parent = extra.parent;
            image.cache_key = extra.cache_key;
            let id = store.insert(image);
            for t in img.tags {
                if let Ok(r) = Reference::parse(&t) {
                    store.tag(r, &id);
                }
            }
        }
        for d in &contents.damaged {
            self.warnings.push(format!(
                "image {} is damaged: {}; remove it with `layerlab rmi -f {}`",
                d.name(),
                d.error,
                d.name()
            ));
        }
        self.damaged = contents.damaged;
    }

    /// Removes the damaged image named `what` (a tag or an ID prefix) from the index
    /// (at the next save); returns it.
    pub fn remove_damaged(&mut self, what: &str) -> Option<DamagedImage> {
        let wanted = Reference::parse(what).ok().map(|r| r.to_string());
        let hex = what.strip_prefix("sha256:").unwrap_or(what);
        let i = self.damaged.iter().position(|d| {
            d.tags.iter().any(|t| Reference::parse(t).ok().map(|r| r.to_string()) == wanted && wanted.is_some())
                || (hex.len() >= 4
                    && d.id.as_deref().is_some_and(|id| id.strip_prefix("sha256:").unwrap_or(id).starts_with(hex)))
        })?;
        Some(self.damaged.remove(i))
    }

    /// Writes the store into the state directory: missing blobs first, then the index
    /// and the sidecar. An image with a layer over [`layer_limit`] is not stored (the
    /// error says which); the others are.
    pub fn save(&mut self, store: &Store) -> Result<(), String> {
        let limit = layer_limit();
        let mut refused: Vec<String> = Vec::new();
        let mut too_big: HashSet<String> = HashSet::new();
        for img in store.images() {
            for l in &img.layers {
                if too_big.contains(&l.diff_id) {
                    continue;
                }
                if let Err(e) = self.add_layer(l, limit) {
                    too_big.insert(l.diff_id.clone());
                    refused.push(e);
                }
            }
        }
        let kept: Vec<&Image> =
            store.images().filter(|i| !i.layers.iter().any(|l| too_big.contains(&l.diff_id))).collect();
        let save: Vec<SaveImage> = kept
            .iter()
            .map(|img| SaveImage {
                config: &img.config,
                config_bytes: Some(&img.config_bytes[..]),
                layers: img.layers.iter().map(|l| SaveLayer::Info(l)).collect(),
                tags: store.tags_of(&img.id).iter().map(|r| r.to_string()).collect(),
            })
            .collect();
        let index = self.dir.join("index.json");
        if !self.prune && index.exists() {
            // A damaged index is kept aside, never silently replaced.
            let _ = fs::rename(&index, self.dir.join("index.json.damaged"));
        }
        let keep: Vec<_> = self.damaged.iter().flat_map(|d| d.descriptors.iter().cloned()).collect();
        let index = write_layout_with(&self.dir, &save, &keep, false)
            .map_err(|e| format!("writing {}: {e}", self.dir.display()))?;
        let mut sidecar = Sidecar { index: index.manifests, ..Sidecar::default() };
        for i in &kept {
            sidecar.images.insert(
                i.id.clone(),
                ImageExtra { parent: i.parent.clone(), cache_key: i.cache_key.clone(), created: i.created },
            );
            for l in &i.layers {
                sidecar.layers.insert(l.diff_id.clone(), l.size);
            }
        }
        let bytes = serde_json::to_vec_pretty(&sidecar).map_err(|e| e.to_string())?;
        write_atomic(&self.dir.join(SIDECAR), |w| w.write_all(&bytes))
            .map_err(|e| format!("writing {SIDECAR}: {e}"))?;
        if self.prune {
            prune_layout(&self.dir).map_err(|e| format!("pruning {}: {e}", self.dir.display()))?;
        }
        match refused.is_empty() {
            true => Ok(()),
            false => Err(refused.join("\n")),
        }
    }

    /// Adds a layer's blob unless it is there (or is a blob this directory listed and
    /// lost: that image is damaged, and reported when used). A layer whose tar is over
    /// `limit` is refused: it could not be read back.
    fn add_layer(&self, l: &LayerInfo, limit: u64) -> Result<(), String> {
        if let Some(desc) = l.known_blob() {
            if self.listed.contains(&desc.digest) || has_blob(&self.dir, desc) {
                return Ok(());
            }
        }
        if let Some(n) = l.tar_size.filter(|n| *n > limit) {
            return Err(format!(
                "layer {} is too large: {n} bytes uncompressed, more than the limit of {limit} bytes ({LAYER_LIMIT_ENV}); the image is not stored",
                l.diff_id
            ));
        }
        let err = |e: io::Error| format!("writing layer {}: {e}", l.diff_id);
        match (l.stored(), l.known_blob()) {
            (Some(bytes), Some(desc)) => {
                add_blob(&self.dir, Some(&desc.digest), |w| io::copy(&mut bytes.open()?, w).map(|_| ()))
                    .map_err(err)?;
            }
            _ => {
                let layer = l.load()?;
                let (digest, size) =
                    add_blob(&self.dir, None, |w| crate::oci::write_layer_gzip(layer, w).map(|_| ())).map_err(err)?;
                l.blob(|| BlobDesc { digest, size, gzip: true });
            }
        }
        Ok(())
    }
}

/// True when the layout holds any blob.
fn blobs_present(dir: &Path) -> bool {
    fs::read_dir(dir.join("blobs").join("sha256")).is_ok_and(|mut d| d.next().is_some())
}

/// A layer of the state directory, read from its blob when first needed.
fn lazy_layer(dir: &Path, diff_id: String, desc: BlobDesc, size: Option<u64>) -> Arc<LayerInfo> {
    let path = blob_file(dir, &desc.digest);
    let open_path = path.clone();
    let bytes = BlobBytes::Open(Arc::new(move || {
        let f = fs::File::open(&open_path)?;
        Ok(Box::new(BufReader::with_capacity(1 << 16, f)) as Box<dyn Read + Send>)
    }));
    let (d, want) = (desc.clone(), diff_id.clone());
    let decode = Arc::new(move || decode_blob(&path, &d, &want));
    LayerInfo::lazy(diff_id, size.unwrap_or(desc.size), desc, bytes, decode)
}

/// Reads a layer blob, checking its digest, length and diff_id.
fn decode_blob(path: &Path, desc: &BlobDesc, diff_id: &str) -> Result<Layer, String> {
    // Each decoded layer numbers its nodes in a range of its own.
    static NEXT_RANGE: AtomicU64 = AtomicU64::new(1);
    let first_ino = NEXT_RANGE.fetch_add(1, Ordering::Relaxed) << 32;
    let f = fs::File::open(path).map_err(|e| format!("blob {}: {e}", desc.digest))?;
    let mut r = HashReader::new(BufReader::with_capacity(1 << 16, f));
    let opts = LoadOptions { max_uncompressed: layer_limit(), ..LoadOptions::default() };
    let read =
        crate::oci::read_layer_tar_from(&mut r, &opts, first_ino).map_err(|e| format!("blob {}: {e}", desc.digest))?;
    io::copy(&mut r, &mut io::sink()).map_err(|e| format!("blob {}: {e}", desc.digest))?;
    let (_, digest, size) = r.finish();
    if digest != desc.digest || size != desc.size {
        return Err(format!("blob {} is damaged ({size} bytes hashing to {digest})", desc.digest));
    }
    if read.diff_id != diff_id {
        return Err(format!("blob {} holds diff_id {}, not {diff_id}", desc.digest, read.diff_id));
    }
    Ok(read.layer)
}
