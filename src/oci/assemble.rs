//! Turning verified blobs into loaded images: the part shared by the OCI layout reader
//! and the docker-archive reader. Every blob is checked against its digest, every layer
//! against the config's `rootfs.diff_ids`, and the config is kept byte for byte so the
//! image ID (sha256 of those bytes) survives loading.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::Arc;

use super::layer_read::{read_layer, ReadLayer};
use super::spec::Descriptor;
use super::tarread::{Budget, LoadOptions};
use super::LoadError;
use crate::image::{BlobDesc, ImageConfig};
use crate::util::digest::{blob_path, sha256_digest, sha256_hex};
use crate::vfs::Layer;

/// An image read from an archive or layout.
#[derive(Clone, Debug)]
pub struct LoadedImage {
    /// `sha256:` of the config bytes: the image ID.
    pub id: String,
    /// The parsed configuration.
    pub config: ImageConfig,
    /// The configuration exactly as stored (write these back to keep the ID).
    pub config_bytes: Vec<u8>,
    /// The layers, bottom first.
    pub layers: Vec<Layer>,
    /// The layers' diff_ids (equal to `config.rootfs.diff_ids`): sha256 of each
    /// uncompressed stream as read.
    pub diff_ids: Vec<String>,
    /// The layers' blobs exactly as they were in the archive.
    pub blobs: Vec<LoadedBlob>,
    /// Familiar names with tags (`busybox:latest`), in archive order.
    pub tags: Vec<String>,
    /// Raw `org.opencontainers.image.ref.name` values that named no repository (Docker
    /// writes the tag alone there), for callers that want to offer them.
    pub ref_names: Vec<String>,
    /// Things skipped or adjusted while reading (device nodes, ...).
    pub notes: Vec<String>,
}

/// A layer blob as it was in an archive: keeping these bytes keeps the layer's digests.
#[derive(Clone, Debug)]
pub struct LoadedBlob {
    /// Digest, length and compression of the bytes.
    pub desc: BlobDesc,
    /// Length of the uncompressed tar.
    pub tar_size: u64,
    /// The bytes.
    pub bytes: Arc<Vec<u8>>,
}

/// A decoded layer with its blob.
#[derive(Clone, Debug)]
pub(crate) struct AssembledLayer {
    read: ReadLayer,
    blob: LoadedBlob,
}

/// Read access to the files of an archive or layout.
pub(crate) trait Files {
    /// The bytes at a relative path, or `None`.
    fn file(&self, path: &str) -> Option<Cow<'_, [u8]>>;

    /// The bytes at a relative path as a shared buffer (kept as a layer's blob without a
    /// copy where the files are already shared).
    fn shared(&self, path: &str) -> Option<Arc<Vec<u8>>> {
        self.file(path).map(|c| Arc::new(c.into_owned()))
    }

    /// The `sha256:` digest of the file at `path`, when already computed (as it streamed
    /// by); `None` makes the caller hash it.
    fn digest(&self, _path: &str) -> Option<String> {
        None
    }

    /// The layer decoded from the file at `path` as it streamed by (or why it could not
    /// be), handed over once; `None` makes the caller decode it.
    fn decoded(&self, _path: &str) -> Option<Result<ReadLayer, LoadError>> {
        None
    }

    /// The first node number free for layers decoded from now on.
    fn first_ino(&self) -> u64 {
        2
    }
}

impl<F: Fn(&str) -> Option<Vec<u8>>> Files for F {
    fn file(&self, path: &str) -> Option<Cow<'_, [u8]>> {
        self(path).map(Cow::Owned)
    }
}

/// The file at `path`, or [`LoadError::Missing`].
pub(crate) fn need<'a>(files: &'a dyn Files, path: &str) -> Result<Cow<'a, [u8]>, LoadError> {
    files.file(path).ok_or_else(|| LoadError::Missing(path.to_string()))
}

/// The blob a descriptor names, checked against its digest and size.
pub(crate) fn blob<'a>(files: &'a dyn Files, desc: &Descriptor) -> Result<Cow<'a, [u8]>, LoadError> {
    let path = blob_path(checked_digest(desc)?);
    let bytes = need(files, &path)?;
    check_blob(desc, files.digest(&path), path, &bytes)?;
    Ok(bytes)
}

/// [`blob`] as a shared buffer (a layer blob, kept as it is).
pub(crate) fn blob_shared(files: &dyn Files, desc: &Descriptor) -> Result<Arc<Vec<u8>>, LoadError> {
    let path = blob_path(checked_digest(desc)?);
    let bytes = files.shared(&path).ok_or_else(|| LoadError::Missing(path.clone()))?;
    check_blob(desc, files.digest(&path), path, &bytes)?;
    Ok(bytes)
}

fn checked_digest(desc: &Descriptor) -> Result<&str, LoadError> {
    match sha256_hex(&desc.digest) {
        Some(_) => Ok(&desc.digest),
        None => Err(LoadError::Unsupported(format!("digest {:?} (only sha256 is supported)", desc.digest))),
    }
}

fn check_blob(desc: &Descriptor, known: Option<String>, path: String, bytes: &[u8]) -> Result<(), LoadError> {
    let actual = known.unwrap_or_else(|| sha256_digest(bytes));
    if actual != desc.digest {
        return Err(LoadError::DigestMismatch { blob: path, expected: desc.digest.clone(), actual });
    }
    if bytes.len() as u64 != desc.size {
        return Err(LoadError::SizeMismatch { blob: path, expected: desc.size, actual: bytes.len() as u64 });
    }
    Ok(())
}

/// Collects images, decoding each distinct layer blob once.
pub(crate) struct Assembler<'o> {
    opts: &'o LoadOptions,
    budget: Budget,
    next_ino: u64,
    cache: HashMap<String, AssembledLayer>,
    /// The images so far, merged by ID.
    pub images: Vec<LoadedImage>,
}

impl<'o> Assembler<'o> {
    /// A fresh assembler numbering nodes from `first_ino`; all layers it decodes together
    /// may inflate to `opts.max_uncompressed`.
    pub fn new(opts: &'o LoadOptions, first_ino: u64) -> Self {
        Assembler {
            opts,
            budget: Budget::new(opts.max_uncompressed),
            next_ino: first_ino.max(2),
            cache: HashMap::new(),
            images: Vec::new(),
        }
    }

    /// Decodes the layer blob at `path`. `named` is a digest the blob's name claims (the
    /// blob's own digest or, as `docker save` 25+ names them, its diff_id); `digest` is
    /// the blob's digest when known (verified or computed from these bytes); `decoded` the
    /// layer already decoded from these bytes, if any.
    pub fn layer(
        &mut self,
        path: &str,
        bytes: Arc<Vec<u8>>,
        named: Option<&str>,
        digest: Option<&str>,
        decoded: Option<Result<ReadLayer, LoadError>>,
    ) -> Result<AssembledLayer, LoadError> {
        let digest = digest.map(String::from).unwrap_or_else(|| sha256_digest(&bytes));
        let layer = match self.cache.get(&digest) {
            Some(r) => r.clone(),
            None => {
                let read = match decoded {
                    Some(read) => read?,
                    None => {
                        read_layer(&bytes[..], &format!("layer {path}"), self.opts, &self.budget, &mut self.next_ino)?
                    }
                };
                let desc = BlobDesc {
                    digest: digest.clone(),
                    size: bytes.len() as u64,
                    gzip: bytes.starts_with(&[0x1f, 0x8b]),
                };
                let tar_size = read.tar_size;
                let layer = AssembledLayer { read, blob: LoadedBlob { desc, tar_size, bytes } };
                self.cache.insert(digest.clone(), layer.clone());
                layer
            }
        };
        if let Some(n) = named {
            if n != digest && n != layer.read.diff_id {
                return Err(LoadError::DigestMismatch {
                    blob: path.to_string(),
                    expected: n.to_string(),
                    actual: digest,
                });
            }
        }
        Ok(layer)
    }

    /// Adds an image made of `config_bytes` and decoded `layers`, checking the diff_ids.
    pub fn add_image(
        &mut self,
        config_bytes: Vec<u8>,
        config_path: &str,
        layers: Vec<AssembledLayer>,
        tags: Vec<String>,
        ref_names: Vec<String>,
    ) -> Result<(), LoadError> {
        let id = sha256_digest(&config_bytes);
        let config: ImageConfig = serde_json::from_slice(&config_bytes)
            .map_err(|e| LoadError::invalid(format!("image config {config_path}"), e))?;
        let wanted = &config.rootfs.diff_ids;
        if wanted.len() != layers.len() {
            return Err(LoadError::invalid(
                format!("image {id}"),
                format!("its config lists {} layers but its manifest has {}", wanted.len(), layers.len()),
            ));
        }
        for (i, (l, w)) in layers.iter().zip(wanted).enumerate() {
            if &l.read.diff_id != w {
                return Err(LoadError::DiffIdMismatch {
                    image: id,
                    index: i + 1,
                    expected: w.clone(),
                    actual: l.read.diff_id.clone(),
                });
            }
        }
        if let Some(existing) = self.images.iter_mut().find(|img| img.id == id) {
            for t in tags {
                if !existing.tags.contains(&t) {
                    existing.tags.push(t);
                }
            }
            for r in ref_names {
                if !existing.ref_names.contains(&r) {
                    existing.ref_names.push(r);
                }
            }
            return Ok(());
        }
        let mut notes = Vec::new();
        for l in &layers {
            notes.extend(l.read.notes.iter().cloned());
        }
        let (reads, blobs): (Vec<ReadLayer>, Vec<LoadedBlob>) = layers.into_iter().map(|l| (l.read, l.blob)).unzip();
        self.images.push(LoadedImage {
            id,
            diff_ids: reads.iter().map(|l| l.diff_id.clone()).collect(),
            blobs,
            layers: reads.into_iter().map(|l| l.layer).collect(),
            config,
            config_bytes,
            tags,
            ref_names,
            notes,
        });
        Ok(())
    }
}
