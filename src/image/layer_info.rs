//! A layer as the store holds it: its digests, its content size, and either its changes
//! (a layer built here) or its blob kept byte for byte as it came (a loaded layer, or any
//! layer of the CLI's state directory), decoded into changes only when something needs
//! them.
//!
//! A layer's identity is its `diff_id`, the sha256 of the uncompressed tar *as read*: a
//! loaded layer is never re-serialised to compute it, so images loaded from Docker,
//! podman, buildah or skopeo archives keep their diff_ids and IDs, and are written back
//! with the same blobs.

use std::fmt;
use std::io::{self, Read};
use std::sync::{Arc, OnceLock};

use tar::Builder;

use super::layer::LayerTarCursor;
use crate::util::digest::HashWriter;
use crate::vfs::Layer;

/// Where a stored blob's bytes are.
#[derive(Clone)]
pub enum BlobBytes {
    /// In memory (a layer loaded from an archive in the page or the engine).
    Memory(Arc<Vec<u8>>),
    /// Opened on demand (a file of the CLI's state directory).
    Open(Arc<dyn Fn() -> io::Result<Box<dyn Read + Send>> + Send + Sync>),
}

impl BlobBytes {
    /// A reader of the bytes.
    pub fn open(&self) -> io::Result<Box<dyn Read + Send + '_>> {
        match self {
            BlobBytes::Memory(b) => Ok(Box::new(&b[..])),
            BlobBytes::Open(f) => f(),
        }
    }
}

impl fmt::Debug for BlobBytes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BlobBytes::Memory(b) => write!(f, "Memory({} bytes)", b.len()),
            BlobBytes::Open(_) => f.write_str("Open"),
        }
    }
}

/// A layer blob's descriptor: the digest and length of the bytes as stored, and whether
/// they are gzip-compressed (otherwise a plain tar).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BlobDesc {
    /// `sha256:` of the blob.
    pub digest: String,
    /// Length of the blob in bytes.
    pub size: u64,
    /// gzip-compressed (else an uncompressed tar).
    pub gzip: bool,
}

/// Decodes a stored layer's changes from its blob when they are first needed.
pub type Decoder = Arc<dyn Fn() -> Result<Layer, String> + Send + Sync>;

/// A layer with its digests, shared between every image that contains it.
pub struct LayerInfo {
    /// `sha256:` of the uncompressed tar, as read (the config's `rootfs.diff_ids` entry).
    pub diff_id: String,
    /// Bytes of content (what `docker history` shows as SIZE).
    pub size: u64,
    /// Length of the uncompressed tar, when known (built or loaded in this process).
    pub tar_size: Option<u64>,
    /// The blob's descriptor, once known (given for a stored layer, computed once and
    /// kept for a built one).
    blob: OnceLock<BlobDesc>,
    /// The blob's bytes as they came, for a stored layer.
    stored: Option<BlobBytes>,
    /// The changes, once decoded (or the reason they cannot be).
    layer: OnceLock<Result<Layer, String>>,
    /// How to decode the changes of a stored layer.
    decode: Option<Decoder>,
}

impl fmt::Debug for LayerInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LayerInfo")
            .field("diff_id", &self.diff_id)
            .field("size", &self.size)
            .field("blob", &self.blob.get())
            .field("stored", &self.stored)
            .field("decoded", &self.layer.get().map(|r| r.is_ok()))
            .finish()
    }
}

/// A built layer whose diff_id is being computed a slice at a time, so that a page can let
/// its event loop run while a big layer is hashed (a build step's layer of tens of
/// megabytes takes a few hundred milliseconds of sha256 in wasm).
pub struct LayerHashing {
    layer: Layer,
    tar: Builder<HashWriter<io::Sink>>,
    cursor: LayerTarCursor,
    done: bool,
}

impl LayerHashing {
    /// Starts hashing `layer`; nothing is hashed until [`LayerHashing::advance`].
    pub fn new(layer: Layer) -> LayerHashing {
        LayerHashing {
            layer,
            tar: Builder::new(HashWriter::new(io::sink())),
            cursor: LayerTarCursor::default(),
            done: false,
        }
    }

    /// Hashes about `budget` more bytes of the layer's tar (at least one entry); true
    /// once all of it is hashed.
    pub fn advance(&mut self, budget: u64) -> bool {
        if !self.done {
            self.done =
                self.cursor.write_some(&self.layer, &mut self.tar, budget).expect("writing to a sink cannot fail");
        }
        self.done
    }

    /// The layer with its digests, hashing what [`LayerHashing::advance`] has not.
    pub fn finish(mut self) -> Arc<LayerInfo> {
        self.advance(u64::MAX);
        let (_, diff_id, tar_size) = self.tar.into_inner().expect("writing to a sink cannot fail").finish();
        Arc::new(LayerInfo {
            diff_id,
            size: self.layer.size(),
            tar_size: Some(tar_size),
            blob: OnceLock::new(),
            stored: None,
            layer: OnceLock::from(Ok(self.layer)),
            decode: None,
        })
    }
}

/// Changes returned for a stored layer that cannot be decoded (see [`LayerInfo::load`]).
static NO_CHANGES: OnceLock<Layer> = OnceLock::new();

impl LayerInfo {
    /// Wraps a layer built here, computing its diff_id by serialising it (streamed
    /// through a hash, never held) in one go; [`LayerHashing`] does it in slices.
    pub fn new(layer: Layer) -> Arc<LayerInfo> {
        let mut hashing = LayerHashing::new(layer);
        hashing.advance(u64::MAX);
        hashing.finish()
    }

    /// Wraps a catalogue layer: its diff_id and tar length come from the recorded table
    /// when its fingerprint is there (see [`super::known_layers`]), else they are computed
    /// as [`LayerInfo::new`] does.
    pub fn catalogued(layer: Layer) -> Arc<LayerInfo> {
        let Some((diff_id, tar_size)) = super::known_layers::lookup(&super::known_layers::fingerprint(&layer)) else {
            return LayerInfo::new(layer);
        };
        Arc::new(LayerInfo {
            diff_id: diff_id.to_string(),
            size: layer.size(),
            tar_size: Some(tar_size),
            blob: OnceLock::new(),
            stored: None,
            layer: OnceLock::from(Ok(layer)),
            decode: None,
        })
    }

    /// A layer read from a blob that is kept as it came: `diff_id` is the sha256 of the
    /// uncompressed stream as read and `tar_size` its length, `blob` describes the bytes
    /// in `bytes`.
    pub fn loaded(layer: Layer, diff_id: String, tar_size: u64, blob: BlobDesc, bytes: BlobBytes) -> Arc<LayerInfo> {
        let size = layer.size();
        Arc::new(LayerInfo {
            diff_id,
            size,
            tar_size: Some(tar_size),
            blob: OnceLock::from(blob),
            stored: Some(bytes),
            layer: OnceLock::from(Ok(layer)),
            decode: None,
        })
    }

    /// A stored layer whose changes are decoded by `decode` when first needed; `size` is
    /// its content size, known from elsewhere.
    pub fn lazy(diff_id: String, size: u64, blob: BlobDesc, bytes: BlobBytes, decode: Decoder) -> Arc<LayerInfo> {
        Arc::new(LayerInfo {
            diff_id,
            size,
            tar_size: None,
            blob: OnceLock::from(blob),
            stored: Some(bytes),
            layer: OnceLock::new(),
            decode: Some(decode),
        })
    }

    /// The changes, decoding them on first use; an error names the layer.
    pub fn load(&self) -> Result<&Layer, String> {
        let r = self.layer.get_or_init(|| match &self.decode {
            Some(d) => d(),
            None => Err("its changes are not available".to_string()),
        });
        r.as_ref().map_err(|e| format!("layer {}: {e}", self.diff_id))
    }

    /// The changes (see [`LayerInfo::load`]); a layer that cannot be decoded reads as
    /// empty here, so callers that must report the damage call `load` (or
    /// [`super::Image::load_layers`]) first.
    pub fn layer(&self) -> &Layer {
        self.load().unwrap_or_else(|_| NO_CHANGES.get_or_init(Layer::new))
    }

    /// Why the changes could not be decoded, if an attempt failed.
    pub fn failure(&self) -> Option<String> {
        match self.layer.get() {
            Some(Err(e)) => Some(format!("layer {}: {e}", self.diff_id)),
            _ => None,
        }
    }

    /// True when the changes are in memory (decoded or built here).
    pub fn is_decoded(&self) -> bool {
        matches!(self.layer.get(), Some(Ok(_)))
    }

    /// The blob's bytes as they came, for a stored layer.
    pub fn stored(&self) -> Option<&BlobBytes> {
        self.stored.as_ref()
    }

    /// The blob's descriptor, computed by `compute` the first time it is asked for (a
    /// built layer) and kept.
    pub fn blob(&self, compute: impl FnOnce() -> BlobDesc) -> &BlobDesc {
        self.blob.get_or_init(compute)
    }

    /// The blob's descriptor if already known.
    pub fn known_blob(&self) -> Option<&BlobDesc> {
        self.blob.get()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lazy_layers_decode_once_and_report_failures() {
        let calls = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let c = calls.clone();
        let blob = BlobDesc { digest: "sha256:aa".into(), size: 3, gzip: false };
        let l = LayerInfo::lazy(
            "sha256:bb".into(),
            0,
            blob.clone(),
            BlobBytes::Memory(Arc::new(vec![1, 2, 3])),
            Arc::new(move || {
                c.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                Ok(Layer::new())
            }),
        );
        assert!(!l.is_decoded());
        assert!(l.load().is_ok());
        assert!(l.load().is_ok());
        assert_eq!(calls.load(std::sync::atomic::Ordering::SeqCst), 1);
        let mut r = Vec::new();
        l.stored().unwrap().open().unwrap().read_to_end(&mut r).unwrap();
        assert_eq!(r, vec![1, 2, 3]);

        let bad = LayerInfo::lazy(
            "sha256:cc".into(),
            0,
            blob,
            BlobBytes::Memory(Arc::new(vec![])),
            Arc::new(|| Err("truncated".into())),
        );
        assert_eq!(bad.load().unwrap_err(), "layer sha256:cc: truncated");
        assert!(bad.layer().is_empty());
    }
}
