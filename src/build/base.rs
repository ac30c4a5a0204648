//! Resolving `FROM`: images in the store, else the built-in images (imported into the
//! store and tagged, as `docker pull` would), else an offline error.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use crate::catalog::images::{self as builtin, BuiltinImage};
use crate::image::{ContainerConfig, Empty, History, Image, ImageConfig, LayerInfo, Reference, RootFs, Store};

/// Finds the image `reference` names, importing a built-in image on first use. Returns the
/// image ID and the lines a pull prints; the error is worded for the offline playground.
pub fn resolve_base(store: &mut Store, reference: &str) -> Result<(String, Vec<String>), String> {
    if let Ok(img) = store.resolve(reference) {
        return Ok((img.id.clone(), Vec::new()));
    }
    let r = Reference::parse(reference).map_err(|e| format!("{e}: {reference}"))?;
    if r.repository == "scratch" {
        // `FROM scratch` starts from nothing; there is no image to pull or run.
        return Err("'scratch' is a reserved name".into());
    }
    let Some(image) = assembled(&r.to_string())? else {
        let names: Vec<String> = builtin::catalogue().into_iter().map(|(name, _)| name).collect();
        return Err(format!(
            "pull access denied for {}, repository does not exist or may require 'docker login': layerlab is offline; its catalogue has {} (`docker pull --help` lists their tags)",
            r.repository,
            names.join(", ")
        ));
    };
    let id = store.insert(image);
    store.tag(r.clone(), &id);
    let path = if r.repository.contains('/') { r.repository.clone() } else { format!("library/{}", r.repository) };
    let lines = vec![format!("{}: Pulling from {path}", r.tag), format!("Status: Downloaded newer image for {r}")];
    Ok((id, lines))
}

/// The built-in image `name`, assembled (its layers generated and digested) once per
/// process and shared by every engine after that.
fn assembled(name: &str) -> Result<Option<Image>, String> {
    static CACHE: OnceLock<Mutex<HashMap<String, Option<Image>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    // Keyed by the data's generation: an entry the host provides later is found.
    let key = format!("{}@{name}", crate::catalog::data::generation());
    if let Some(img) = cache.lock().unwrap_or_else(|e| e.into_inner()).get(&key) {
        return Ok(img.clone());
    }
    let image = builtin::lookup(name).map_err(|e| format!("layerlab's image catalogue: data/{e}"))?.map(image_of);
    cache.lock().unwrap_or_else(|e| e.into_inner()).insert(key, image.clone());
    Ok(image)
}

/// The image a catalogue entry describes: its layers with their digests and its OCI config.
pub fn image_of(b: BuiltinImage) -> Image {
    let layers: Vec<_> = b.layers.into_iter().map(LayerInfo::catalogued).collect();
    let c = b.config;
    let set = |v: Vec<String>| crate::util::collect::map(v.into_iter().map(|k| (k, Empty {})));
    let config = ContainerConfig {
        user: c.user,
        exposed_ports: set(c.exposed_ports),
        env: c.env,
        entrypoint: c.entrypoint,
        cmd: c.cmd,
        volumes: set(c.volumes),
        working_dir: c.working_dir,
        labels: c.labels,
        stop_signal: c.stop_signal,
        ..ContainerConfig::default()
    };
    let history = b
        .history
        .into_iter()
        .map(|h| History {
            created: Some(h.created.unwrap_or_else(|| b.created.clone())),
            created_by: Some(h.created_by),
            author: None,
            comment: h.comment,
            empty_layer: h.empty_layer,
        })
        .collect();
    let config = ImageConfig {
        architecture: b.architecture,
        os: b.os,
        config,
        created: Some(b.created.clone()),
        history,
        rootfs: RootFs { kind: "layers".into(), diff_ids: layers.iter().map(|l| l.diff_id.clone()).collect() },
        ..Default::default()
    };
    let created = crate::image::parse_rfc3339(&b.created).unwrap_or(0);
    Image::new(config, layers, created)
}
