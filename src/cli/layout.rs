//! The native CLI's image state as an OCI image layout directory (`oci-layout`,
//! `index.json`, `blobs/sha256/…`): any OCI tool can read it (`skopeo inspect oci:DIR`,
//! `umoci unpack --image DIR:TAG`).
//!
//! Reading takes only the small documents (`index.json`, manifests, configs); layer blobs
//! are opened when something needs a layer's bytes. Writing adds blobs through temporary
//! files renamed into place (a blob that exists is never rewritten) and replaces
//! `index.json` last, the same way, so a killed process leaves a readable layout.

use std::collections::BTreeMap;
use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::image::{BlobDesc, ImageConfig};
use crate::oci::spec::{Descriptor, Index, Manifest, ANNOTATION_IMAGE_NAME, MEDIA_TYPE_INDEX};
use crate::oci::{self, SaveError, SaveImage};
use crate::util::digest::{blob_path, sha256_digest, sha256_hex, HashWriter};
use crate::util::reference::Reference;

/// An image found through `index.json`, with only its small documents read.
#[derive(Clone, Debug)]
pub struct IndexedImage {
    /// The configuration.
    pub config: ImageConfig,
    /// The configuration's bytes (the image ID is their digest).
    pub config_bytes: Vec<u8>,
    /// Each layer's diff_id and blob, bottom first.
    pub layers: Vec<(String, BlobDesc)>,
    /// Familiar names with tags.
    pub tags: Vec<String>,
}

/// An `index.json` entry whose manifest or config cannot be read: reported, kept in the
/// index until removed.
#[derive(Clone, Debug)]
pub struct DamagedImage {
    /// The index entries (one per tag).
    pub descriptors: Vec<Descriptor>,
    /// The image ID, when the manifest could be read.
    pub id: Option<String>,
    /// Familiar names with tags.
    pub tags: Vec<String>,
    /// What is wrong.
    pub error: String,
}

impl DamagedImage {
    /// How the damaged image is named to the user: its first tag, else its ID or manifest.
    pub fn name(&self) -> String {
        self.tags.first().cloned().or_else(|| self.id.clone()).unwrap_or_else(|| self.descriptors[0].digest.clone())
    }
}

/// What `index.json` lists.
#[derive(Debug, Default)]
pub struct IndexContents {
    /// Readable images.
    pub images: Vec<IndexedImage>,
    /// Entries that cannot be read.
    pub damaged: Vec<DamagedImage>,
}

/// The path of the blob `digest` in the layout `dir`.
pub fn blob_file(dir: &Path, digest: &str) -> PathBuf {
    dir.join(blob_path(digest))
}

/// Reads a small blob, checking its digest and size.
fn read_blob(dir: &Path, desc: &Descriptor) -> Result<Vec<u8>, String> {
    if sha256_hex(&desc.digest).is_none() {
        return Err(format!("{:?} is not a sha256 digest", desc.digest));
    }
    let bytes = fs::read(blob_file(dir, &desc.digest)).map_err(|e| format!("blob {}: {e}", desc.digest))?;
    let actual = sha256_digest(&bytes);
    if actual != desc.digest {
        return Err(format!("blob {} is damaged (its bytes hash to {actual})", desc.digest));
    }
    if bytes.len() as u64 != desc.size {
        return Err(format!("blob {} has {} bytes, its descriptor says {}", desc.digest, bytes.len(), desc.size));
    }
    Ok(bytes)
}

/// The familiar name a manifest descriptor gives its image, if any.
fn tag_of(desc: &Descriptor) -> Option<String> {
    desc.annotations.get(ANNOTATION_IMAGE_NAME).and_then(|n| Reference::parse(n).ok()).map(|r| r.to_string())
}

/// Reads `index.json`, every manifest and config it lists, and nothing else. A missing
/// `index.json` lists nothing; one that cannot be parsed is an error.
pub fn read_index(dir: &Path) -> Result<IndexContents, String> {
    let path = dir.join("index.json");
    let bytes = match fs::read(&path) {
        Ok(b) => b,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(IndexContents::default()),
        Err(e) => return Err(format!("{}: {e}", path.display())),
    };
    let index: Index = serde_json::from_slice(&bytes).map_err(|e| format!("{} is damaged: {e}", path.display()))?;
    Ok(index_contents(dir, index))
}

/// Reads the manifests and configs `index` lists (an `index.json`, or a copy of one).
pub fn index_contents(dir: &Path, index: Index) -> IndexContents {
    let mut by_manifest: BTreeMap<String, Vec<Descriptor>> = BTreeMap::new();
    let mut order = Vec::new();
    for d in index.manifests {
        if !by_manifest.contains_key(&d.digest) {
            order.push(d.digest.clone());
        }
        by_manifest.entry(d.digest.clone()).or_default().push(d);
    }
    let mut out = IndexContents::default();
    for digest in order {
        let descriptors = by_manifest.remove(&digest).unwrap_or_default();
        let tags: Vec<String> = descriptors.iter().filter_map(tag_of).collect();
        let mut id = None;
        match read_image(dir, &descriptors[0], &mut id) {
            Ok((config, config_bytes, layers)) => out.images.push(IndexedImage { config, config_bytes, layers, tags }),
            Err(error) => out.damaged.push(DamagedImage { descriptors, id, tags, error }),
        }
    }
    out
}

type ImageParts = (ImageConfig, Vec<u8>, Vec<(String, BlobDesc)>);

fn read_image(dir: &Path, desc: &Descriptor, id: &mut Option<String>) -> Result<ImageParts, String> {
    let manifest: Manifest =
        serde_json::from_slice(&read_blob(dir, desc)?).map_err(|e| format!("manifest {}: {e}", desc.digest))?;
    *id = Some(manifest.config.digest.clone());
    let config_bytes = read_blob(dir, &manifest.config)?;
    let config: ImageConfig =
        serde_json::from_slice(&config_bytes).map_err(|e| format!("config {}: {e}", manifest.config.digest))?;
    if config.rootfs.diff_ids.len() != manifest.layers.len() {
        return Err(format!(
            "its config lists {} layers but its manifest {}",
            config.rootfs.diff_ids.len(),
            manifest.layers.len()
        ));
    }
    let mut layers = Vec::new();
    for (l, diff_id) in manifest.layers.iter().zip(&config.rootfs.diff_ids) {
        if sha256_hex(&l.digest).is_none() || sha256_hex(diff_id).is_none() {
            return Err(format!("layer {:?} is not named by a sha256 digest", l.digest));
        }
        if l.media_type.contains("zstd") {
            return Err(format!("layer {} is zstd-compressed", l.digest));
        }
        layers.push((
            diff_id.clone(),
            BlobDesc { digest: l.digest.clone(), size: l.size, gzip: l.media_type.contains("gzip") },
        ));
    }
    Ok((config, config_bytes, layers))
}

/// Reads every image of the layout in `dir` completely (layers decoded, every digest
/// verified); a directory without `index.json` (or no directory) holds no images.
pub fn read_layout(dir: &Path) -> Result<Vec<oci::LoadedImage>, oci::LoadError> {
    if !dir.join("index.json").is_file() {
        return Ok(Vec::new());
    }
    oci::read_layout(&|p| fs::read(dir.join(p)).ok())
}

/// True when the blob is in the layout with the expected length (blobs are named by
/// their digest and renamed into place only when complete).
pub fn has_blob(dir: &Path, desc: &BlobDesc) -> bool {
    fs::metadata(blob_file(dir, &desc.digest)).is_ok_and(|m| m.is_file() && m.len() == desc.size)
}

/// A temporary path next to `target`, unique in this process.
fn temp_path(target: &Path) -> PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    target.with_file_name(format!(".{name}.{}-{}.tmp", std::process::id(), N.fetch_add(1, Ordering::Relaxed)))
}

/// Writes a file atomically: into a temporary file, then renamed over `target`.
pub fn write_atomic(target: &Path, fill: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> io::Result<()> {
    let tmp = temp_path(target);
    let result = (|| {
        let mut out = BufWriter::new(fs::File::create(&tmp)?);
        fill(&mut out)?;
        out.flush()?;
        drop(out);
        fs::rename(&tmp, target)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// Adds a blob whose bytes `fill` writes; returns its digest and length. The bytes go to
/// a temporary file renamed to their digest, so a blob is never seen half-written and an
/// existing blob is left as it is. With `expect`, bytes hashing to anything else are an
/// error (a damaged source) and nothing is added.
pub fn add_blob(
    dir: &Path,
    expect: Option<&str>,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<(String, u64)> {
    let blobs = dir.join("blobs").join("sha256");
    fs::create_dir_all(&blobs)?;
    let tmp = temp_path(&blobs.join("blob"));
    let result = (|| {
        let mut out = HashWriter::new(BufWriter::new(fs::File::create(&tmp)?));
        fill(&mut out)?;
        let (mut w, digest, size) = out.finish();
        w.flush()?;
        drop(w);
        if let Some(e) = expect.filter(|e| *e != digest) {
            return Err(io::Error::other(format!("the bytes of blob {e} hash to {digest}: the blob is damaged")));
        }
        let target = blob_file(dir, &digest);
        if fs::metadata(&target).is_ok_and(|m| m.len() == size) {
            fs::remove_file(&tmp)?;
        } else {
            fs::rename(&tmp, &target)?;
        }
        Ok((digest, size))
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// Writes `images` as the layout in `dir`: the blobs not there yet (layer blobs
/// streamed), then `index.json`.
pub fn write_layout(dir: &Path, images: &[SaveImage]) -> Result<(), SaveError> {
    write_layout_with(dir, images, &[], true).map(|_| ())
}

/// [`write_layout`], with `keep` index entries listed after `images` (damaged images not
/// yet removed); with `layers` false, layer blobs are left to the caller (added first with
/// [`add_blob`]: a missing one belongs to a damaged image).
/// Returns the index written.
pub fn write_layout_with(
    dir: &Path,
    images: &[SaveImage],
    keep: &[Descriptor],
    layers: bool,
) -> Result<Index, SaveError> {
    fs::create_dir_all(dir.join("blobs").join("sha256"))?;
    let files = oci::layout_files(images, &mut |_, _| {})?;
    for f in &files {
        let target = dir.join(&f.path);
        match f.path.as_str() {
            "index.json" => {}
            _ if f.layer.is_some() && !layers => {}
            p if p.starts_with("blobs/") && fs::metadata(&target).is_ok_and(|m| m.len() == f.size) => {}
            _ => write_atomic(&target, |w| f.write_to(w).map(|_| ()))?,
        }
    }
    let planned = files.iter().find_map(|f| match &f.source {
        oci::FileSource::Bytes(b) if f.path == "index.json" => Some(b),
        _ => None,
    });
    let mut index: Index = serde_json::from_slice(planned.ok_or_else(|| io::Error::other("no index.json planned"))?)
        .map_err(io::Error::other)?;
    index.media_type = MEDIA_TYPE_INDEX.into();
    index.manifests.extend(keep.iter().cloned());
    let bytes = serde_json::to_vec(&index).map_err(io::Error::other)?;
    write_atomic(&dir.join("index.json"), |w| w.write_all(&bytes))?;
    Ok(index)
}

/// Deletes the blobs (and left-over temporary files) of the layout in `dir` that
/// `index.json` no longer reaches; returns how many were removed.
pub fn prune_layout(dir: &Path) -> io::Result<usize> {
    let keep = oci::referenced_blobs(&|p| fs::read(dir.join(p)).ok()).map_err(io::Error::other)?;
    let keep: std::collections::HashSet<String> = keep.iter().filter_map(|d| sha256_hex(d).map(String::from)).collect();
    let mut removed = 0;
    for e in fs::read_dir(dir.join("blobs").join("sha256"))? {
        let e = e?;
        let name = e.file_name().to_string_lossy().into_owned();
        if !keep.contains(&name) && e.file_type()?.is_file() {
            fs::remove_file(e.path())?;
            removed += 1;
        }
    }
    Ok(removed)
}
