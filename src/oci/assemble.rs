//! Turning verified blobs into loaded images: the part shared by the OCI layout reader
//! and the docker-archive reader. Every blob is checked against its digest, every layer
//! against the config's `rootfs.diff_ids`, and the config is kept byte for byte so the
//! image ID (sha256 of those bytes) survives loading.

use std::borrow::Cow;
use std::collections::HashMap;

use crate::util::digest::{blob_path, sha256_digest, sha256_hex};
use super::layer_read::{read_layer, ReadLayer};
use super::spec::Descriptor;
use super::tarread::{Budget, LoadOptions};
use super::LoadError;
use crate::image::ImageConfig;
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
    /// The layers' diff_ids (equal to `config.rootfs.diff_ids`).
    pub diff_ids: Vec<String>,
    /// Familiar names with tags (`busybox:latest`), in archive order.
    pub tags: Vec<String>,
    /// Raw `org.opencontainers.image.ref.name` values that named no repository (Docker
    /// writes the tag alone there), for callers that want to offer them.
    pub ref_names: Vec<String>,
    /// Things skipped or adjusted while reading (device nodes, ...).
    pub notes: Vec<String>,
}

/// Read access to the files of an archive or layout.
pub(crate) trait Files {
    /// The bytes at a relative path, or `None`.
    fn file(&self, path: &str) -> Option<Cow<'_, [u8]>>;
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
    if sha256_hex(&desc.digest).is_none() {
        return Err(LoadError::Unsupported(format!("digest {:?} (only sha256 is supported)", desc.digest)));
    }
    let path = blob_path(&desc.digest);
    let bytes = need(files, &path)?;
    let actual = sha256_digest(&bytes);
    if actual != desc.digest {
        return Err(LoadError::DigestMismatch { blob: path, expected: desc.digest.clone(), actual });
    }
    if bytes.len() as u64 != desc.size {
        return Err(LoadError::SizeMismatch { blob: path, expected: desc.size, actual: bytes.len() as u64 });
    }
    Ok(bytes)
}

/// Collects images, decoding each distinct layer blob once.
pub(crate) struct Assembler<'o> {
    opts: &'o LoadOptions,
    budget: Budget,
    next_ino: u64,
    cache: HashMap<String, ReadLayer>,
    /// The images so far, merged by ID.
    pub images: Vec<LoadedImage>,
}

impl<'o> Assembler<'o> {
    /// A fresh assembler; all layers together may inflate to `opts.max_uncompressed`.
    pub fn new(opts: &'o LoadOptions) -> Self {
        Assembler { opts, budget: Budget::new(opts.max_uncompressed), next_ino: 2, cache: HashMap::new(), images: Vec::new() }
    }

    /// Decodes the layer blob at `path`. `named` is a digest the blob's name claims (the
    /// blob's own digest or, as `docker save` 25+ names them, its diff_id).
    pub fn layer(&mut self, path: &str, bytes: &[u8], named: Option<&str>) -> Result<ReadLayer, LoadError> {
        let digest = sha256_digest(bytes);
        let read = match self.cache.get(&digest) {
            Some(r) => r.clone(),
            None => {
                let r = read_layer(bytes, &format!("layer {path}"), self.opts, &self.budget, &mut self.next_ino)?;
                self.cache.insert(digest.clone(), r.clone());
                r
            }
        };
        if let Some(n) = named {
            if n != digest && n != read.diff_id {
                return Err(LoadError::DigestMismatch { blob: path.to_string(), expected: n.to_string(), actual: digest });
            }
        }
        Ok(read)
    }

    /// Adds an image made of `config_bytes` and decoded `layers`, checking the diff_ids.
    pub fn add_image(
        &mut self,
        config_bytes: Vec<u8>,
        config_path: &str,
        layers: Vec<ReadLayer>,
        tags: Vec<String>,
        ref_names: Vec<String>,
    ) -> Result<(), LoadError> {
        let id = sha256_digest(&config_bytes);
        let config: ImageConfig =
            serde_json::from_slice(&config_bytes).map_err(|e| LoadError::invalid(format!("image config {config_path}"), e))?;
        let wanted = &config.rootfs.diff_ids;
        if wanted.len() != layers.len() {
            return Err(LoadError::invalid(
                format!("image {id}"),
                format!("its config lists {} layers but its manifest has {}", wanted.len(), layers.len()),
            ));
        }
        for (i, (l, w)) in layers.iter().zip(wanted).enumerate() {
            if &l.diff_id != w {
                return Err(LoadError::DiffIdMismatch { image: id, index: i + 1, expected: w.clone(), actual: l.diff_id.clone() });
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
            notes.extend(l.notes.iter().cloned());
        }
        self.images.push(LoadedImage {
            id,
            diff_ids: layers.iter().map(|l| l.diff_id.clone()).collect(),
            layers: layers.into_iter().map(|l| l.layer).collect(),
            config,
            config_bytes,
            tags,
            ref_names,
            notes,
        });
        Ok(())
    }
}
