//! The CLI's state directory: an OCI image layout (readable by skopeo, umoci, …) holding
//! every image, plus `layerlab-state.json` with what the layout has no place for (the
//! classic builder's parent links and cache keys, creation times).

use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::path::Path;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::layout::{prune_layout, read_layout, write_layout};
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
            .zip(li.diff_ids.iter())
            .map(|(layer, diff_id)| {
                shared
                    .entry(diff_id.clone())
                    .or_insert_with(|| Arc::new(LayerInfo { size: layer.size(), layer, diff_id: diff_id.clone() }))
                    .clone()
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
            layers: img.layers.iter().map(|l| &l.layer).collect(),
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
