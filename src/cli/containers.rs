//! The containers of the CLI's state directory: `containers/<id>/` holds each
//! container's record (`container.json`) and its init and read-write layers as tars.
//!
//! A container whose files cannot be read is reported by name and left on disk, never
//! stopping other commands, until `rm` removes it. Only containers that changed are
//! written, file by file through temporary files renamed into place.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use super::layout::write_atomic;
use crate::engine::Container;

const CONTAINERS: &str = "containers";

/// A container directory that cannot be loaded.
#[derive(Clone, Debug)]
pub struct DamagedContainer {
    /// Its directory.
    pub dir: PathBuf,
    /// Its ID (the directory's name).
    pub id: String,
    /// Its name, when its record could be read.
    pub name: Option<String>,
    /// What is wrong.
    pub error: String,
}

impl DamagedContainer {
    /// How it is named to the user.
    pub fn shown(&self) -> String {
        self.name.clone().unwrap_or_else(|| self.id.chars().take(12).collect())
    }
}

/// The containers as loaded, with what is needed to write back only what changed.
#[derive(Default)]
pub struct Containers {
    /// Fingerprint of each container as loaded, by ID.
    loaded: HashMap<String, String>,
    /// Containers that cannot be read.
    pub damaged: Vec<DamagedContainer>,
}

/// A fingerprint of a container (its record and read-write layer).
fn fingerprint(c: &Container) -> String {
    format!("{}{}", serde_json::to_string(c).unwrap_or_default(), crate::oci::diff_id(&c.rw))
}

impl Containers {
    /// Loads the containers kept in the state directory `dir`; damaged ones are kept
    /// aside in [`Containers::damaged`].
    pub fn load(dir: &Path) -> (Containers, Vec<Container>) {
        let mut me = Containers::default();
        let mut out = Vec::new();
        let Ok(entries) = fs::read_dir(dir.join(CONTAINERS)) else { return (me, out) };
        for e in entries.flatten() {
            let d = e.path();
            let id = e.file_name().to_string_lossy().into_owned();
            if id.starts_with('.') || !d.is_dir() {
                continue;
            }
            let mut name = None;
            match load_one(&d, &mut name) {
                Ok(c) => {
                    me.loaded.insert(c.id.clone(), fingerprint(&c));
                    out.push(c);
                }
                Err(error) => me.damaged.push(DamagedContainer { dir: d, id, name, error }),
            }
        }
        crate::util::sort::sort_by_key(&mut out, |c| (c.created, c.seq));
        (me, out)
    }

    /// One line per damaged container, for the user.
    pub fn warnings(&self) -> Vec<String> {
        self.damaged
            .iter()
            .map(|d| {
                format!(
                    "container {} is damaged: {}; remove it with `layerlab rm -f {}`",
                    d.shown(),
                    d.error,
                    d.shown()
                )
            })
            .collect()
    }

    /// Deletes the damaged container named `what` (name or ID prefix); returns it.
    pub fn remove_damaged(&mut self, what: &str) -> Option<DamagedContainer> {
        let what = what.trim_start_matches('/');
        let i = self
            .damaged
            .iter()
            .position(|d| d.name.as_deref() == Some(what) || (what.len() >= 4 && d.id.starts_with(what)))?;
        let d = self.damaged.remove(i);
        let _ = fs::remove_dir_all(&d.dir);
        Some(d)
    }

    /// True when `containers` differ from what was loaded.
    pub fn changed(&self, containers: &[Container]) -> bool {
        containers.len() != self.loaded.len()
            || containers.iter().any(|c| self.loaded.get(&c.id) != Some(&fingerprint(c)))
    }

    /// Writes the containers that changed and removes those that are gone (damaged ones
    /// stay until removed by name).
    pub fn save(&mut self, dir: &Path, containers: &[Container]) -> Result<(), String> {
        let root = dir.join(CONTAINERS);
        let err = |e: std::io::Error| format!("writing {}: {e}", root.display());
        for c in containers {
            let fp = fingerprint(c);
            if self.loaded.get(&c.id) == Some(&fp) {
                continue;
            }
            let d = root.join(&c.id);
            fs::create_dir_all(&d).map_err(err)?;
            for (name, layer) in [("init.tar", &c.init), ("rw.tar", &c.rw)] {
                write_atomic(&d.join(name), |w| crate::oci::write_layer_tar(layer, w).map(|_| ())).map_err(err)?;
            }
            let json = serde_json::to_vec_pretty(c).map_err(|e| e.to_string())?;
            write_atomic(&d.join("container.json"), |w| w.write_all(&json)).map_err(err)?;
            self.loaded.insert(c.id.clone(), fp);
        }
        let live: std::collections::HashSet<&str> = containers.iter().map(|c| c.id.as_str()).collect();
        let gone: Vec<String> = self.loaded.keys().filter(|id| !live.contains(id.as_str())).cloned().collect();
        for id in gone {
            fs::remove_dir_all(root.join(&id))
                .or_else(|e| if e.kind() == std::io::ErrorKind::NotFound { Ok(()) } else { Err(e) })
                .map_err(err)?;
            self.loaded.remove(&id);
        }
        Ok(())
    }
}

/// Reads one container directory; `name` is set as soon as the record is read.
fn load_one(d: &Path, name: &mut Option<String>) -> Result<Container, String> {
    let meta = fs::read(d.join("container.json")).map_err(|e| format!("container.json: {e}"))?;
    let mut c: Container = serde_json::from_slice(&meta).map_err(|e| format!("container.json: {e}"))?;
    *name = Some(c.name.clone());
    let layer = |file: &str| -> Result<crate::vfs::Layer, String> {
        let f = fs::File::open(d.join(file)).map_err(|e| format!("{file}: {e}"))?;
        crate::oci::read_layer_tar(std::io::BufReader::new(f)).map_err(|e| format!("{file}: {e}"))
    };
    c.init = layer("init.tar")?;
    c.rw = layer("rw.tar")?;
    Ok(c)
}
