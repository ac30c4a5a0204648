//! The networks and volumes of the CLI's state directory: `networks.json` lists the
//! user-defined networks; `volumes/<name>/` holds each volume's record (`volume.json`) and
//! its files as a layer tar (`data.tar`). Written only when they changed, through
//! temporary files renamed into place; a volume that cannot be read is reported and left
//! on disk.

use std::collections::HashMap;
use std::fs;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::layout::write_atomic;
use crate::engine::{NetworkDef, Volume};
use crate::vfs::{Layer, Tree};

const NETWORKS: &str = "networks.json";
const VOLUMES: &str = "volumes";

/// What `volume.json` keeps of a volume.
#[derive(Serialize, Deserialize)]
struct Record {
    name: String,
    created: i64,
    anonymous: bool,
    populated: bool,
}

/// Networks and volumes as loaded, to write back only what changed.
#[derive(Default)]
pub struct Resources {
    networks: String,
    volumes: HashMap<String, String>,
    /// Problems found while loading, one line each.
    pub warnings: Vec<String>,
}

fn networks_json(nets: &[NetworkDef]) -> String {
    let own: Vec<&NetworkDef> = nets.iter().filter(|n| n.created != 0).collect();
    serde_json::to_string_pretty(&own).unwrap_or_default()
}

fn fingerprint(v: &Volume) -> String {
    format!("{} {} {} {} {}", v.name, v.created, v.anonymous, v.populated, crate::oci::diff_id(&layer_of(&v.data)))
}

fn layer_of(t: &Tree) -> Layer {
    Layer::diff(&Tree::new(), t)
}

impl Resources {
    /// Loads the user-defined networks (appended to `networks`) and the volumes kept in
    /// the state directory `dir`.
    pub fn load(dir: &Path, networks: &mut Vec<NetworkDef>) -> (Resources, Vec<Volume>) {
        let mut me = Resources::default();
        match fs::read(dir.join(NETWORKS)) {
            Ok(b) => match serde_json::from_slice::<Vec<NetworkDef>>(&b) {
                Ok(own) => {
                    for n in own {
                        if !networks.iter().any(|x| x.name == n.name) {
                            networks.push(n);
                        }
                    }
                }
                Err(e) => me.warnings.push(format!("{NETWORKS} is damaged ({e}): user-defined networks are lost")),
            },
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => me.warnings.push(format!("{NETWORKS}: {e}")),
        }
        me.networks = networks_json(networks);
        let mut volumes = Vec::new();
        if let Ok(entries) = fs::read_dir(dir.join(VOLUMES)) {
            for e in entries.flatten() {
                let name = e.file_name().to_string_lossy().into_owned();
                if !crate::engine::valid_volume_name(&name) || !e.path().is_dir() {
                    continue;
                }
                match load_volume(&e.path()) {
                    Ok(v) => {
                        me.volumes.insert(v.name.clone(), fingerprint(&v));
                        volumes.push(v);
                    }
                    Err(err) => me.warnings.push(format!("volume {name} is damaged: {err}")),
                }
            }
        }
        crate::util::sort::sort_by(&mut volumes, |a, b| (a.created, &a.name).cmp(&(b.created, &b.name)));
        (me, volumes)
    }

    /// Writes the networks and the volumes that changed; removes volumes that are gone.
    pub fn save(&mut self, dir: &Path, networks: &[NetworkDef], volumes: &[Volume]) -> Result<(), String> {
        let json = networks_json(networks);
        if json != self.networks {
            write_atomic(&dir.join(NETWORKS), |w| w.write_all(json.as_bytes()))
                .map_err(|e| format!("writing {NETWORKS}: {e}"))?;
            self.networks = json;
        }
        let root = dir.join(VOLUMES);
        let err = |e: std::io::Error| format!("writing {}: {e}", root.display());
        for v in volumes {
            let fp = fingerprint(v);
            if self.volumes.get(&v.name) == Some(&fp) {
                continue;
            }
            let d = root.join(&v.name);
            fs::create_dir_all(&d).map_err(err)?;
            let layer = layer_of(&v.data);
            write_atomic(&d.join("data.tar"), |w| crate::oci::write_layer_tar(&layer, w).map(|_| ())).map_err(err)?;
            let rec =
                Record { name: v.name.clone(), created: v.created, anonymous: v.anonymous, populated: v.populated };
            let json = serde_json::to_vec_pretty(&rec).map_err(|e| e.to_string())?;
            write_atomic(&d.join("volume.json"), |w| w.write_all(&json)).map_err(err)?;
            self.volumes.insert(v.name.clone(), fp);
        }
        let gone: Vec<String> =
            self.volumes.keys().filter(|n| !volumes.iter().any(|v| &v.name == *n)).cloned().collect();
        for name in gone {
            fs::remove_dir_all(root.join(&name))
                .or_else(|e| if e.kind() == std::io::ErrorKind::NotFound { Ok(()) } else { Err(e) })
                .map_err(err)?;
            self.volumes.remove(&name);
        }
        Ok(())
    }
}

/// Reads one volume directory.
fn load_volume(d: &Path) -> Result<Volume, String> {
    let meta = fs::read(d.join("volume.json")).map_err(|e| format!("volume.json: {e}"))?;
    let rec: Record = serde_json::from_slice(&meta).map_err(|e| format!("volume.json: {e}"))?;
    let f = fs::File::open(d.join("data.tar")).map_err(|e| format!("data.tar: {e}"))?;
    let layer = crate::oci::read_layer_tar(std::io::BufReader::new(f)).map_err(|e| format!("data.tar: {e}"))?;
    let mut data = Tree::new();
    layer.apply_to(&mut data);
    Ok(Volume { name: rec.name, created: rec.created, anonymous: rec.anonymous, data, populated: rec.populated })
}
