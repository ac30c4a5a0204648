//! Assembling a base image's tree: plain files and directories, and packages installed
//! with their database records.

use crate::catalog::apkdb::{self, ApkEntry};
use crate::catalog::dpkgdb;
use crate::catalog::install::{install_files, PathFilter};
use crate::catalog::model::{self, Package, ParseError};
use crate::vfs::{Content, Layer, Meta, Node, NodeKind, Tree};

/// A root filesystem under construction; every node gets the release time.
pub(crate) struct Rootfs {
    pub tree: Tree,
    pub now: i64,
}

impl Rootfs {
    /// An empty root stamped with `created` (RFC 3339).
    pub fn new(created: &str) -> Self {
        Rootfs { tree: Tree::new(), now: epoch(created) }
    }

    fn meta(&self, mode: u32, uid: u32, gid: u32) -> Meta {
        Meta { mode, uid, gid, mtime: self.now }
    }

    /// A directory (parents created as needed), with exact mode and owner.
    pub fn dir(&mut self, path: &str, mode: u32, uid: u32, gid: u32) {
        let meta = self.meta(mode, uid, gid);
        if let Ok(at) = self.tree.mkdir_all("/", path, meta) {
            let _ = self.tree.update_meta("/", &at, false, |m| *m = meta);
        }
    }

    /// A file with exact mode and owner (replacing what is there).
    pub fn file(&mut self, path: &str, content: Content, mode: u32, uid: u32, gid: u32) {
        let node = Node { kind: NodeKind::File(content), meta: self.meta(mode, uid, gid), ino: 0 };
        self.tree.insert(path, node);
    }

    /// A text file, 0644 root.
    pub fn text(&mut self, path: &str, text: &str) {
        self.file(path, Content::from(text), 0o644, 0, 0);
    }

    /// A symbolic link (replacing what is there).
    pub fn link(&mut self, path: &str, target: &str) {
        let node = Node { kind: NodeKind::Symlink(target.to_string()), meta: self.meta(0o777, 0, 0), ino: 0 };
        self.tree.insert(path, node);
    }

    /// A hard link to an existing file.
    pub fn hard_link(&mut self, path: &str, existing: &str) {
        let _ = self.tree.hard_link("/", existing, path);
    }

    /// Installs Alpine packages and writes `/lib/apk/db/installed` and `/etc/apk/world`.
    /// A set whose name starts with `.` holds files no package owns: installed, never
    /// listed in the database.
    pub fn install_apk(&mut self, pkgs: &[Package], world: &[&str]) {
        let mut entries = Vec::new();
        for p in pkgs {
            let paths = install_files(&mut self.tree, p, &PathFilter::none(), self.now);
            if !p.name.starts_with('.') {
                entries.push(ApkEntry::from_package(p, &paths, &self.tree, self.now - 86_400 * 20));
            }
        }
        self.dir("/lib/apk/db", 0o755, 0, 0);
        self.text(apkdb::DB_PATH, &apkdb::render(&entries));
        self.text("/lib/apk/db/triggers", "");
        self.text("/lib/apk/db/scripts.tar", "");
        self.text("/lib/apk/db/lock", "");
        let world: Vec<String> = world.iter().map(|s| s.to_string()).collect();
        self.text(apkdb::WORLD_PATH, &apkdb::render_world(&world));
    }

    /// Installs Debian-style packages (honouring `filter`) and writes dpkg's status and
    /// file lists.
    pub fn install_dpkg(&mut self, pkgs: &[Package], filter: &PathFilter, maintainer: &str) {
        let names = |key: &str| pkgs.iter().find(|p| p.key == key).map_or(key.to_string(), |p| p.name.clone());
        let mut stanzas = Vec::new();
        for p in pkgs {
            let paths = install_files(&mut self.tree, p, filter, self.now);
            let st = dpkgdb::stanza_for(p, maintainer, &names);
            dpkgdb::write_list(&mut self.tree, &st, &paths, self.now);
            stanzas.push(st);
        }
        crate::util::sort::sort_by(&mut stanzas, |a, b| a.package().cmp(b.package()));
        self.text(dpkgdb::STATUS, &dpkgdb::render(&stanzas));
        self.text("/var/lib/dpkg/status-old", &dpkgdb::render(&stanzas));
        self.text("/var/lib/dpkg/available", "");
        self.file("/var/lib/dpkg/lock", Content::default(), 0o640, 0, 0);
        self.file("/var/lib/dpkg/lock-frontend", Content::default(), 0o640, 0, 0);
    }

    /// The finished filesystem as one layer.
    pub fn into_layer(self) -> Layer {
        Layer::from_tree(&self.tree)
    }
}

/// The base packages of `release` from `data/packages/<dir>/base*.pkgs`, in file order;
/// `texts` resolves their `t` lines.
pub(crate) fn base_packages(dir: &str, release: &str, texts: &[(&str, &str)]) -> Result<Vec<Package>, ParseError> {
    let mut out = Vec::new();
    let files = crate::catalog::data::list(&format!("packages/{dir}/base"));
    for path in &files {
        let Some(text) = crate::catalog::data::file(path) else { continue };
        if model::releases(&text).contains(&release) {
            out.extend(model::parse(&text, release, texts).map_err(|e| e.in_file(path))?);
        }
    }
    if out.is_empty() {
        let file = files.first().cloned().unwrap_or_else(|| format!("packages/{dir}/base.pkgs"));
        return Err(ParseError { file, line: 1, msg: format!("no base packages for release {release}") });
    }
    Ok(out)
}

/// Adds a file set on top of `lower` and returns the new layer (what changed).
pub(crate) fn files_layer(lower: &Tree, files: &Package, created: &str) -> Layer {
    let mut tree = lower.clone();
    install_files(&mut tree, files, &PathFilter::none(), epoch(created));
    Layer::diff(lower, &tree)
}

/// Seconds since the epoch of an RFC 3339 UTC time (`2024-09-06T22:20:07Z`); 0 if malformed.
pub(crate) fn epoch(t: &str) -> i64 {
    crate::util::time::parse_rfc3339(t).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epochs() {
        assert_eq!(epoch("1970-01-01T00:00:00Z"), 0);
        assert_eq!(epoch("2024-09-06T22:20:07Z"), 1_725_661_207);
    }
}
