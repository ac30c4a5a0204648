//! Reading an OCI image layout (`oci-layout`, `index.json`, `blobs/sha256/…`) given only a
//! way to fetch its files, so the same code serves archives, directories and tests.
//! Nested indexes and Docker manifest lists resolve to the platform in
//! [`LoadOptions::platform`] (linux/amd64 by default).

use std::collections::{BTreeMap, BTreeSet};

use super::assemble::{blob, blob_shared, need, Assembler, Files, LoadedImage};
use super::spec::*;
use super::tarread::LoadOptions;
use super::LoadError;
use crate::util::digest::{blob_path, sha256_hex};
use crate::util::reference::Reference;

/// Deepest nesting of indexes followed.
const MAX_DEPTH: usize = 4;

/// Reads every image of an OCI image layout; `get(path)` returns the file at a path
/// relative to the layout root (`index.json`, `blobs/sha256/<hex>`) or `None`.
pub fn read_layout(get: &dyn Fn(&str) -> Option<Vec<u8>>) -> Result<Vec<LoadedImage>, LoadError> {
    read_layout_with(get, &LoadOptions::default())
}

/// [`read_layout`] with explicit limits and platform.
pub fn read_layout_with(
    get: &dyn Fn(&str) -> Option<Vec<u8>>,
    opts: &LoadOptions,
) -> Result<Vec<LoadedImage>, LoadError> {
    read_oci(&get, opts)
}

/// Reads the OCI layout in `files`.
pub(crate) fn read_oci(files: &dyn Files, opts: &LoadOptions) -> Result<Vec<LoadedImage>, LoadError> {
    if let Some(bytes) = files.file("oci-layout") {
        let v: serde_json::Value = serde_json::from_slice(&bytes).map_err(|e| LoadError::invalid("oci-layout", e))?;
        if v.get("imageLayoutVersion").and_then(|v| v.as_str()).is_none() {
            return Err(LoadError::invalid("oci-layout", "no imageLayoutVersion"));
        }
    }
    let index: Index =
        serde_json::from_slice(&need(files, "index.json")?).map_err(|e| LoadError::invalid("index.json", e))?;
    let mut a = Assembler::new(opts, files.first_ino());
    for desc in &index.manifests {
        let (tags, ref_names) = names(&desc.annotations)?;
        let manifest_bytes = resolve(files, opts, desc, 0)?;
        let manifest: Manifest = serde_json::from_slice(&manifest_bytes)
            .map_err(|e| LoadError::invalid(format!("manifest {}", desc.digest), e))?;
        let config_bytes = blob(files, &manifest.config)?.into_owned();
        let mut layers = Vec::new();
        for l in &manifest.layers {
            if l.media_type.contains("zstd") {
                return Err(LoadError::Unsupported(format!(
                    "layer {} is zstd-compressed ({})",
                    l.digest, l.media_type
                )));
            }
            let bytes = blob_shared(files, l)?;
            let path = blob_path(&l.digest);
            layers.push(a.layer(&path, bytes, None, Some(&l.digest), files.decoded(&path))?);
        }
        a.add_image(config_bytes, &blob_path(&manifest.config.digest), layers, tags, ref_names)?;
    }
    Ok(a.images)
}

/// Tags from a manifest descriptor's annotations: containerd's full name, else a
/// `ref.name` that names a repository. A bare `ref.name` (a tag alone, as Docker writes
/// next to the full name) is returned separately.
fn names(ann: &BTreeMap<String, String>) -> Result<(Vec<String>, Vec<String>), LoadError> {
    if let Some(full) = ann.get(ANNOTATION_IMAGE_NAME) {
        let r =
            Reference::parse(full).map_err(|_| LoadError::invalid("index.json", format!("bad image name {full:?}")))?;
        return Ok((vec![r.to_string()], Vec::new()));
    }
    match ann.get(ANNOTATION_REF_NAME) {
        Some(name) if name.contains([':', '/']) => match Reference::parse(name) {
            Ok(r) => Ok((vec![r.to_string()], Vec::new())),
            Err(_) => Ok((Vec::new(), vec![name.clone()])),
        },
        Some(name) => Ok((Vec::new(), vec![name.clone()])),
        None => Ok((Vec::new(), Vec::new())),
    }
}

/// The bytes of the image manifest `desc` leads to, through nested indexes.
fn resolve(files: &dyn Files, opts: &LoadOptions, desc: &Descriptor, depth: usize) -> Result<Vec<u8>, LoadError> {
    let bytes = blob(files, desc)?.into_owned();
    let json: serde_json::Value =
        serde_json::from_slice(&bytes).map_err(|e| LoadError::invalid(format!("manifest {}", desc.digest), e))?;
    let media_type = match desc.media_type.as_str() {
        "" => json.get("mediaType").and_then(|m| m.as_str()).unwrap_or("").to_string(),
        m => m.to_string(),
    };
    if is_index(&media_type, &json) {
        if depth >= MAX_DEPTH {
            return Err(LoadError::invalid(format!("image index {}", desc.digest), "indexes nested too deeply"));
        }
        let index: Index =
            serde_json::from_value(json).map_err(|e| LoadError::invalid(format!("image index {}", desc.digest), e))?;
        let Some(pick) = choose(&index.manifests, opts) else {
            let (os, arch) = &opts.platform;
            return Err(LoadError::Unsupported(format!("image index {} has no {os}/{arch} image", desc.digest)));
        };
        return resolve(files, opts, pick, depth + 1);
    }
    match media_type.as_str() {
        MEDIA_TYPE_MANIFEST | MEDIA_TYPE_DOCKER_MANIFEST | "" => Ok(bytes),
        other => Err(LoadError::Unsupported(format!("{} has media type {other}", desc.digest))),
    }
}

/// Every blob digest the layout's `index.json` reaches (manifests, nested indexes,
/// configs, layers), for pruning unreferenced blobs. Blobs are not verified here.
pub fn referenced_blobs(get: &dyn Fn(&str) -> Option<Vec<u8>>) -> Result<BTreeSet<String>, LoadError> {
    let index: Index =
        serde_json::from_slice(&need(&get, "index.json")?).map_err(|e| LoadError::invalid("index.json", e))?;
    let mut seen = BTreeSet::new();
    let mut todo: Vec<(String, usize)> = index.manifests.into_iter().map(|d| (d.digest, 0)).collect();
    while let Some((digest, depth)) = todo.pop() {
        if sha256_hex(&digest).is_none() || !seen.insert(digest.clone()) || depth > MAX_DEPTH {
            continue;
        }
        let Some(bytes) = get(&blob_path(&digest)) else { continue };
        let Ok(json) = serde_json::from_slice::<serde_json::Value>(&bytes) else { continue };
        let digests = |key: &str| -> Vec<String> {
            match json.get(key) {
                Some(serde_json::Value::Array(a)) => {
                    a.iter().filter_map(|d| d.get("digest")?.as_str().map(String::from)).collect()
                }
                Some(d) => d.get("digest").and_then(|d| d.as_str()).map(String::from).into_iter().collect(),
                None => Vec::new(),
            }
        };
        for d in digests("manifests") {
            todo.push((d, depth + 1));
        }
        for d in digests("config").into_iter().chain(digests("layers")) {
            if sha256_hex(&d).is_some() {
                seen.insert(d);
            }
        }
    }
    Ok(seen)
}

/// The manifest for the wanted platform; attestation manifests never count. A lone
/// manifest without platform information is taken as it is.
fn choose<'a>(manifests: &'a [Descriptor], opts: &LoadOptions) -> Option<&'a Descriptor> {
    let (os, arch) = &opts.platform;
    let candidates: Vec<&Descriptor> =
        manifests.iter().filter(|d| !d.annotations.contains_key("vnd.docker.reference.type")).collect();
    candidates
        .iter()
        .find(|d| d.platform.as_ref().is_some_and(|p| &p.os == os && &p.architecture == arch))
        .copied()
        .or_else(|| match candidates.as_slice() {
            [only] if only.platform.is_none() => Some(*only),
            _ => None,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(os: &str, arch: &str, attest: bool) -> Descriptor {
        let mut x = Descriptor { digest: format!("{os}/{arch}"), ..Default::default() };
        x.platform = Some(Platform { os: os.into(), architecture: arch.into(), ..Default::default() });
        if attest {
            x.annotations.insert("vnd.docker.reference.type".into(), "attestation-manifest".into());
        }
        x
    }

    #[test]
    fn picks_the_platform() {
        let o = LoadOptions::default();
        let list = [d("linux", "arm64", false), d("unknown", "unknown", true), d("linux", "amd64", false)];
        assert_eq!(choose(&list, &o).unwrap().digest, "linux/amd64");
        assert!(choose(&list[..2], &o).is_none());
        let lone = [Descriptor { digest: "x".into(), ..Default::default() }];
        assert_eq!(choose(&lone, &o).unwrap().digest, "x");
    }

    #[test]
    fn names_from_annotations() {
        let a = |pairs: &[(&str, &str)]| pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        assert_eq!(
            names(&a(&[(ANNOTATION_IMAGE_NAME, "docker.io/library/app:1"), (ANNOTATION_REF_NAME, "1")])).unwrap(),
            (vec!["app:1".into()], vec![])
        );
        assert_eq!(names(&a(&[(ANNOTATION_REF_NAME, "me/app:2")])).unwrap(), (vec!["me/app:2".into()], vec![]));
        assert_eq!(names(&a(&[(ANNOTATION_REF_NAME, "latest")])).unwrap(), (vec![], vec!["latest".into()]));
    }
}
