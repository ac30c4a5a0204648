//! The CLI's state directory: an OCI image layout (readable by skopeo, umoci, …) holding
//! every image, plus `layerlab-state.json` with what the layout has no place for (the
//! classic builder's parent links and cache keys, creation times), and `containers/` with
//! each container's record and its init and read-write layers as tars.

use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::path::Path;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::layout::{prune_layout, read_layout, write_layout};
use crate::engine::Container;
use crate::image::{Image, LayerInfo, Reference, Store};
use crate::oci::SaveImage;

const SIDECAR: &str = "layerlab-state.json";

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
}

/// A cheap fingerprint of the store (image IDs and tags), to skip writing when a command
/// changed nothing.
pub fn fingerprint(store: &Store) -> Vec<String> {
    let mut v: Vec<String> = store.images().map(|i| i.id.clone()).collect();
    v.extend(store.tags().map(|(r, id)| format!("{r}={id}")));
    v
}

/// Loads the images of the state directory into `store`.
pub fn load(dir: &Path, store: &mut Store) -> Result<(), String> {
    let loaded = read_layout(dir).map_err(|e| format!("reading {}: {e}", dir.display()))?;
    let sidecar: Sidecar = fs::read(dir.join(SIDECAR)).ok().and_then(|b| serde_json::from_slice(&b).ok()).unwrap_or_default();
    let mut shared: HashMap<String, Arc<LayerInfo>> = HashMap::new();
    for li in loaded {
        let layers = li
            .layers
            .into_iter()
            .zip(li.diff_ids)
            .zip(li.blobs)
            .map(|((layer, diff_id), blob)| {
                let bytes = crate::image::BlobBytes::Memory(blob.bytes);
                shared.entry(blob.desc.digest.clone()).or_insert_with(|| LayerInfo::loaded(layer, diff_id, blob.desc, bytes)).clone()
            })
            .collect();
        let extra = sidecar.images.get(&li.id).cloned().unwrap_or_default();
        let mut img = Image::from_bytes(li.config, li.config_bytes, layers, extra.created);
        img.parent = extra.parent;
        img.cache_key = extra.cache_key;
        let id = store.insert(img);
        for t in li.tags {
            if let Ok(r) = Reference::parse(&t) {
                store.tag(r, &id);
            }
        }
    }
    Ok(())
}

/// Writes the store as the state directory (blobs already there are kept) and removes the
/// blobs nothing references any more.
pub fn save(dir: &Path, store: &Store) -> Result<(), String> {
    let images: Vec<&Image> = store.images().collect();
    let save: Vec<SaveImage> = images
        .iter()
        .map(|img| SaveImage {
            config: &img.config,
            config_bytes: Some(&img.config_bytes[..]),
            layers: img.layers.iter().map(|l| crate::oci::SaveLayer::Info(l)).collect(),
            tags: store.tags_of(&img.id).iter().map(|r| r.to_string()).collect(),
        })
        .collect();
    write_layout(dir, &save).map_err(|e| format!("writing {}: {e}", dir.display()))?;
    let sidecar = Sidecar {
        images: images
            .iter()
            .map(|i| (i.id.clone(), ImageExtra { parent: i.parent.clone(), cache_key: i.cache_key.clone(), created: i.created }))
            .collect(),
    };
    let bytes = serde_json::to_vec_pretty(&sidecar).map_err(|e| e.to_string())?;
    let tmp = dir.join(format!("{SIDECAR}.tmp"));
    fs::write(&tmp, bytes).and_then(|_| fs::rename(&tmp, dir.join(SIDECAR))).map_err(|e| format!("writing {SIDECAR}: {e}"))?;
    prune_layout(dir).map_err(|e| format!("pruning {}: {e}", dir.display()))?;
    Ok(())
}

const CONTAINERS: &str = "containers";

/// A fingerprint of the containers (their records and layers), to skip writing when a
/// command changed none of them.
pub fn containers_fingerprint(containers: &[Container]) -> String {
    let mut h = String::new();
    for c in containers {
        h.push_str(&serde_json::to_string(c).unwrap_or_default());
        h.push_str(&crate::oci::diff_id(&c.rw));
    }
    h
}

/// Loads the containers kept in the state directory.
pub fn load_containers(dir: &Path) -> Result<Vec<Container>, String> {
    let root = dir.join(CONTAINERS);
    let Ok(entries) = fs::read_dir(&root) else { return Ok(Vec::new()) };
    let mut out = Vec::new();
    for e in entries.flatten() {
        let d = e.path();
        let Ok(meta) = fs::read(d.join("container.json")) else { continue };
        let mut c: Container = serde_json::from_slice(&meta).map_err(|e| format!("{}: {e}", d.display()))?;
        let layer = |name: &str| -> Result<crate::vfs::Layer, String> {
            let f = fs::File::open(d.join(name)).map_err(|e| format!("{}: {e}", d.join(name).display()))?;
            crate::oci::read_layer_tar(std::io::BufReader::new(f)).map_err(|e| format!("{}: {e}", d.join(name).display()))
        };
        c.init = layer("init.tar")?;
        c.rw = layer("rw.tar")?;
        out.push(c);
    }
    out.sort_by(|a, b| a.created.cmp(&b.created).then(a.id.cmp(&b.id)));
    Ok(out)
}

/// Replaces the containers kept in the state directory.
pub fn save_containers(dir: &Path, containers: &[Container]) -> Result<(), String> {
    let root = dir.join(CONTAINERS);
    let err = |e: std::io::Error| format!("writing {}: {e}", root.display());
    if root.exists() {
        fs::remove_dir_all(&root).map_err(err)?;
    }
    for c in containers {
        let d = root.join(&c.id);
        fs::create_dir_all(&d).map_err(err)?;
        let json = serde_json::to_vec_pretty(c).map_err(|e| e.to_string())?;
        fs::write(d.join("container.json"), json).map_err(err)?;
        for (name, layer) in [("init.tar", &c.init), ("rw.tar", &c.rw)] {
            let f = std::io::BufWriter::new(fs::File::create(d.join(name)).map_err(err)?);
            crate::oci::write_layer_tar(layer, f).map_err(err)?;
        }
    }
    Ok(())
}
