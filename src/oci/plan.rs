//! Planning an image set as files: the blobs (config, manifest and gzip layer per image,
//! each written once however many images share it), `index.json` with one descriptor per
//! tag, `oci-layout`, and Docker's `manifest.json` and `repositories`. The same plan is
//! written as a tar by `save` and as a directory by the CLI.
//!
//! Layer blobs are not held: planning streams each distinct layer once through gzip to
//! learn its digest and size; writing streams it again into the output.

use std::collections::{BTreeMap, HashMap};
use std::io::{self, Write};

use super::spec::*;
use super::SaveError;
use crate::image::layer::{layer_blob, write_layer_gzip};
use crate::image::{BlobBytes, BlobDesc, ImageConfig, LayerInfo};
use crate::util::digest::{blob_path, sha256_digest, sha256_hex};
use crate::util::reference::Reference;
use crate::vfs::Layer;

/// One image to write.
#[derive(Clone, Debug)]
pub struct SaveImage<'a> {
    /// Its configuration; `rootfs.diff_ids` must be the layers' diff_ids.
    pub config: &'a ImageConfig,
    /// The exact config bytes when the image was loaded (keeps its ID); `None` writes
    /// `config.to_json()`.
    pub config_bytes: Option<&'a [u8]>,
    /// Its layers, bottom first.
    pub layers: Vec<SaveLayer<'a>>,
    /// Names to record (`name`, `name:tag`, `host/name:tag`); may be empty.
    pub tags: Vec<String>,
}

/// A layer to write.
#[derive(Clone, Copy, Debug)]
pub enum SaveLayer<'a> {
    /// Changes, written as their deterministic tar, gzip-compressed.
    Layer(&'a Layer),
    /// A store's layer: its blob exactly as stored when it has one (a loaded layer keeps
    /// its bytes and digests), else its changes; its blob digest is computed once and kept.
    Info(&'a LayerInfo),
}

impl<'a> From<&'a Layer> for SaveLayer<'a> {
    fn from(l: &'a Layer) -> Self {
        SaveLayer::Layer(l)
    }
}

impl<'a> From<&'a LayerInfo> for SaveLayer<'a> {
    fn from(l: &'a LayerInfo) -> Self {
        SaveLayer::Info(l)
    }
}

impl<'a> SaveLayer<'a> {
    /// Identity of the layer (distinct layers are planned once).
    pub(crate) fn key(&self) -> usize {
        match self {
            SaveLayer::Layer(l) => *l as *const Layer as usize,
            SaveLayer::Info(i) => *i as *const LayerInfo as usize,
        }
    }

    /// The diff_id and blob descriptor, streaming the changes through gzip only when the
    /// layer has no known blob.
    pub(crate) fn describe(&self) -> Result<(String, BlobDesc), SaveError> {
        let gz = |l: &Layer| {
            let b = layer_blob(l);
            (b.diff_id, BlobDesc { digest: b.digest, size: b.size, gzip: true })
        };
        match self {
            SaveLayer::Layer(l) => Ok(gz(l)),
            SaveLayer::Info(i) => {
                if i.known_blob().is_none() {
                    i.load().map_err(|message| SaveError::Inconsistent { image: i.diff_id.clone(), message })?;
                }
                Ok((i.diff_id.clone(), i.blob(|| gz(i.layer()).1).clone()))
            }
        }
    }

    /// Where the blob's bytes come from when written.
    fn source(&self, digest: &str) -> FileSource<'a> {
        match self {
            SaveLayer::Layer(l) => FileSource::Layer(l),
            SaveLayer::Info(i) => match i.stored() {
                Some(bytes) => FileSource::Stored { bytes, digest: digest.to_string() },
                None => FileSource::Layer(i.layer()),
            },
        }
    }
}

/// Where a planned file's bytes come from.
#[derive(Clone, Debug)]
pub enum FileSource<'a> {
    /// Bytes at hand (JSON documents).
    Bytes(Vec<u8>),
    /// The gzip blob of a layer, generated while writing.
    Layer(&'a Layer),
    /// A stored blob, copied as it is and checked against its digest.
    Stored {
        /// The bytes.
        bytes: &'a BlobBytes,
        /// The digest they must have.
        digest: String,
    },
}

/// A file of an image layout or archive.
#[derive(Clone, Debug)]
pub struct LayoutFile<'a> {
    /// Path relative to the layout root (`index.json`, `blobs/sha256/<hex>`).
    pub path: String,
    /// Exact length in bytes.
    pub size: u64,
    /// Content.
    pub source: FileSource<'a>,
    /// For a layer blob: its position among the distinct layers (from 1) and their count.
    pub layer: Option<(usize, usize)>,
}

impl LayoutFile<'_> {
    /// Writes the file's bytes into `w` (streaming layers) and returns `w`; fails if the
    /// bytes produced differ in length from [`LayoutFile::size`].
    pub fn write_to<W: Write>(&self, w: W) -> io::Result<W> {
        let mut counted = crate::util::digest::HashWriter::new(w);
        match &self.source {
            FileSource::Bytes(b) => counted.write_all(b)?,
            FileSource::Layer(l) => counted = write_layer_gzip(l, counted)?,
            FileSource::Stored { bytes, .. } => {
                io::copy(&mut bytes.open()?, &mut counted)?;
            }
        }
        let (w, got, n) = counted.finish();
        if let FileSource::Stored { digest, .. } = &self.source {
            if &got != digest || n != self.size {
                return Err(io::Error::other(format!("stored blob {digest} is damaged ({n} bytes hashing to {got})")));
            }
        }
        if n != self.size {
            return Err(io::Error::other(format!("{}: wrote {n} bytes, planned {}", self.path, self.size)));
        }
        Ok(w)
    }
}

/// An image set planned as files.
pub(crate) struct Plan<'a> {
    /// Blobs by digest.
    pub blobs: BTreeMap<String, LayoutFile<'a>>,
    /// `index.json`.
    pub index: Vec<u8>,
    /// Docker's `manifest.json`.
    pub docker_manifest: Vec<u8>,
    /// Docker's `repositories` (absent when nothing is tagged).
    pub repositories: Option<Vec<u8>>,
}

impl<'a> Plan<'a> {
    /// The OCI image layout files: blobs (by digest), `index.json`, `oci-layout`.
    pub fn oci_files(&self) -> Vec<LayoutFile<'a>> {
        let mut out: Vec<LayoutFile<'a>> = self.blobs.values().cloned().collect();
        out.push(bytes_file("index.json", self.index.clone()));
        out.push(bytes_file("oci-layout", OCI_LAYOUT.as_bytes().to_vec()));
        out
    }

    /// The archive files, sorted by path: the OCI layout plus `manifest.json` and
    /// `repositories`.
    pub fn archive_files(&self) -> Vec<LayoutFile<'a>> {
        let mut out = self.oci_files();
        out.push(bytes_file("manifest.json", self.docker_manifest.clone()));
        if let Some(r) = &self.repositories {
            out.push(bytes_file("repositories", r.clone()));
        }
        crate::util::sort::sort_by(&mut out, |a, b| a.path.cmp(&b.path));
        out
    }
}

fn bytes_file<'a>(path: &str, bytes: Vec<u8>) -> LayoutFile<'a> {
    LayoutFile { path: path.to_string(), size: bytes.len() as u64, source: FileSource::Bytes(bytes), layer: None }
}

/// The files of an OCI image layout holding `images` (blobs, `index.json`, `oci-layout`).
/// Each distinct layer is streamed through gzip once here to learn its digest.
pub fn layout_files<'a>(
    images: &[SaveImage<'a>],
    digesting: &mut dyn FnMut(usize, usize),
) -> Result<Vec<LayoutFile<'a>>, SaveError> {
    Ok(plan(images, digesting)?.oci_files())
}

/// The distinct layers of `images` (by identity), in order of first use, and the index of
/// each layer's key in that order.
pub(crate) fn distinct_layers<'a>(images: &[SaveImage<'a>]) -> (Vec<SaveLayer<'a>>, HashMap<usize, usize>) {
    let mut order: Vec<SaveLayer<'a>> = Vec::new();
    let mut seen: HashMap<usize, usize> = HashMap::new();
    for img in images {
        for l in &img.layers {
            seen.entry(l.key()).or_insert_with(|| {
                order.push(*l);
                order.len() - 1
            });
        }
    }
    (order, seen)
}

/// Plans `images`; `digesting(i, n)` is called before digesting distinct layer `i` of `n`.
pub(crate) fn plan<'a>(
    images: &[SaveImage<'a>],
    digesting: &mut dyn FnMut(usize, usize),
) -> Result<Plan<'a>, SaveError> {
    let (order, _) = distinct_layers(images);
    let mut digests: Vec<(String, BlobDesc)> = Vec::with_capacity(order.len());
    for (i, l) in order.iter().enumerate() {
        digesting(i + 1, order.len());
        digests.push(l.describe()?);
    }
    plan_with(images, &digests)
}

/// Plans `images` whose distinct layers (see [`distinct_layers`]) have the diff IDs and
/// blobs `digests`.
pub(crate) fn plan_with<'a>(images: &[SaveImage<'a>], digests: &[(String, BlobDesc)]) -> Result<Plan<'a>, SaveError> {
    let (_, seen) = distinct_layers(images);
    let mut blobs: BTreeMap<String, LayoutFile<'a>> = BTreeMap::new();
    let mut descriptors: Vec<Descriptor> = Vec::new();
    let mut items: Vec<DockerManifestItem> = Vec::new();
    let mut repositories: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    let mut tag_owner: HashMap<String, String> = HashMap::new();
    let mut item_of_id: HashMap<String, usize> = HashMap::new();
    let distinct = crate::util::collect::set(digests.iter().map(|(_, b)| &b.digest)).len();

    for img in images {
        let config_bytes = img.config_bytes.map(<[u8]>::to_vec).unwrap_or_else(|| img.config.to_json());
        let id = sha256_digest(&config_bytes);
        let layer_blobs: Vec<&(String, BlobDesc)> = img.layers.iter().map(|l| &digests[seen[&l.key()]]).collect();
        let diff_ids: Vec<&String> = layer_blobs.iter().map(|(d, _)| d).collect();
        let wanted: Vec<&String> = img.config.rootfs.diff_ids.iter().collect();
        if diff_ids != wanted {
            return Err(SaveError::Inconsistent {
                image: id,
                message: format!("config lists diff_ids {wanted:?}, but the layers have {diff_ids:?}"),
            });
        }
        let refs: Vec<Reference> = img
            .tags
            .iter()
            .map(|t| Reference::parse(t).map_err(|_| SaveError::InvalidTag(t.clone())))
            .collect::<Result<_, _>>()?;
        for r in &refs {
            if let Some(other) = tag_owner.insert(r.full_name(), id.clone()) {
                if other != id {
                    return Err(SaveError::Inconsistent {
                        image: id,
                        message: format!("{} is also given for image {other}", r),
                    });
                }
            }
        }

        let config_desc = Descriptor {
            media_type: MEDIA_TYPE_CONFIG.into(),
            digest: id.clone(),
            size: config_bytes.len() as u64,
            ..Default::default()
        };
        blobs.entry(id.clone()).or_insert_with(|| bytes_file(&blob_path(&id), config_bytes.clone()));
        let mut layer_descs = Vec::new();
        for (l, (_, b)) in img.layers.iter().zip(&layer_blobs) {
            let media_type = if b.gzip { MEDIA_TYPE_LAYER_GZIP } else { MEDIA_TYPE_LAYER_TAR };
            layer_descs.push(Descriptor {
                media_type: media_type.into(),
                digest: b.digest.clone(),
                size: b.size,
                ..Default::default()
            });
            if !blobs.contains_key(&b.digest) {
                let n = blobs.values().filter(|f| f.layer.is_some()).count() + 1;
                let file = LayoutFile {
                    path: blob_path(&b.digest),
                    size: b.size,
                    source: l.source(&b.digest),
                    layer: Some((n, distinct)),
                };
                blobs.insert(b.digest.clone(), file);
            }
        }
        let manifest = Manifest {
            schema_version: 2,
            media_type: MEDIA_TYPE_MANIFEST.into(),
            config: config_desc,
            layers: layer_descs,
        };
        let manifest_bytes = serde_json::to_vec(&manifest).map_err(io::Error::other)?;
        let manifest_digest = sha256_digest(&manifest_bytes);
        let manifest_desc = Descriptor {
            media_type: MEDIA_TYPE_MANIFEST.into(),
            digest: manifest_digest.clone(),
            size: manifest_bytes.len() as u64,
            annotations: BTreeMap::new(),
            platform: Some(Platform {
                architecture: img.config.architecture.clone(),
                os: img.config.os.clone(),
                os_version: None,
                variant: img.config.variant.clone(),
            }),
        };
        blobs
            .entry(manifest_digest.clone())
            .or_insert_with(|| bytes_file(&blob_path(&manifest_digest), manifest_bytes));
        if refs.is_empty() {
            descriptors.push(manifest_desc.clone());
        }
        for r in &refs {
            let mut d = manifest_desc.clone();
            d.annotations.insert(ANNOTATION_IMAGE_NAME.into(), r.full_name());
            d.annotations.insert(ANNOTATION_REF_NAME.into(), r.tag.clone());
            if !descriptors.contains(&d) {
                descriptors.push(d);
            }
            if let Some((top, _)) = layer_blobs.last() {
                let hex = sha256_hex(top).unwrap_or_default().to_string();
                repositories.entry(r.repository.clone()).or_default().insert(r.tag.clone(), hex);
            }
        }

        let tags: Vec<String> = refs.iter().map(Reference::to_string).collect();
        match item_of_id.get(&id) {
            Some(&i) => {
                let existing = items[i].repo_tags.get_or_insert_with(Vec::new);
                for t in tags {
                    if !existing.contains(&t) {
                        existing.push(t);
                    }
                }
            }
            None => {
                item_of_id.insert(id.clone(), items.len());
                items.push(DockerManifestItem {
                    config: blob_path(&id),
                    repo_tags: (!tags.is_empty()).then_some(tags),
                    layers: layer_blobs.iter().map(|(_, b)| blob_path(&b.digest)).collect(),
                });
            }
        }
    }

    let index = Index { schema_version: 2, media_type: MEDIA_TYPE_INDEX.into(), manifests: descriptors };
    let mut docker_manifest = serde_json::to_vec(&items).map_err(io::Error::other)?;
    docker_manifest.push(b'\n');
    let repositories = (!repositories.is_empty()).then(|| {
        let mut v = serde_json::to_vec(&repositories).expect("maps of strings serialize");
        v.push(b'\n');
        v
    });
    Ok(Plan { blobs, index: serde_json::to_vec(&index).map_err(io::Error::other)?, docker_manifest, repositories })
}
