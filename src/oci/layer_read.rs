//! Reading layer tars (plain or gzip) back into vfs [`Layer`]s, defensively.
//!
//! Whiteout files `.wh.<name>` become [`Change::Whiteout`], `.wh..wh..opq` markers make
//! their directory [`Change::Opaque`], other `.wh..wh.*` (AUFS bookkeeping) are skipped.
//! Hostile input is refused with a [`LoadError`]: absolute names, names whose `..` leave the
//! root, entries below a symbolic link or file of the same layer (`evil -> /` then
//! `evil/etc/passwd`), hard links whose target is outside, missing or a directory, headers
//! claiming more than [`LoadOptions::max_entry_size`], streams inflating past
//! [`LoadOptions::max_uncompressed`], truncated or garbage tars. Device nodes and FIFOs are
//! skipped with a note (the vfs has none).
//!
//! Duplicate names follow Docker's extraction: entries apply in order and the last one
//! wins (a directory over a directory keeps what is inside; anything else replaces the
//! earlier entry and everything below it).

use std::collections::BTreeMap;
use std::io::Read;

use tar::EntryType;

use super::tarpush::{Inflate, TarPush};
use super::tarread::{clean_name, walk, Budget, Buffered, LoadOptions, OnEntry, RawEntry};
use super::LoadError;
use crate::image::layer::{OPAQUE_MARKER, WHITEOUT_PREFIX};
use crate::vfs::path::{ancestors, file_name, join, parent};
use crate::vfs::{Change, Layer, Meta, Node, NodeKind};

/// A layer read from a tar, with what was noticed on the way.
#[derive(Clone, Debug)]
pub struct ReadLayer {
    /// The change set.
    pub layer: Layer,
    /// `sha256:` of the uncompressed tar stream.
    pub diff_id: String,
    /// Length of the uncompressed tar stream.
    pub tar_size: u64,
    /// Things skipped or adjusted (device nodes, non-UTF-8 names), one line each.
    pub notes: Vec<String>,
}

/// Reads a layer tar (plain or gzip-compressed, detected by its magic number) with the
/// default [`LoadOptions`].
pub fn read_layer_tar<R: Read>(r: R) -> Result<Layer, LoadError> {
    read_layer_tar_with(r, &LoadOptions::default()).map(|l| l.layer)
}

/// Reads a layer tar with explicit limits; node identities (`ino`) start at 2.
pub fn read_layer_tar_with<R: Read>(r: R, opts: &LoadOptions) -> Result<ReadLayer, LoadError> {
    let budget = Budget::new(opts.max_uncompressed);
    read_layer(r, "layer", opts, &budget, &mut 2)
}

/// Reads a layer tar with explicit limits, numbering its nodes (`ino`) from `first_ino`
/// (layers decoded one at a time get disjoint ranges, so identities never collide).
pub fn read_layer_tar_from<R: Read>(r: R, opts: &LoadOptions, first_ino: u64) -> Result<ReadLayer, LoadError> {
    let budget = Budget::new(opts.max_uncompressed);
    read_layer(r, "layer", opts, &budget, &mut first_ino.max(2))
}

/// Reads one layer, charging its uncompressed bytes to `budget` and numbering new nodes
/// from `next_ino` (shared by all layers of one load so identities never collide).
pub(crate) fn read_layer<R: Read>(
    r: R,
    what: &str,
    opts: &LoadOptions,
    budget: &Budget,
    next_ino: &mut u64,
) -> Result<ReadLayer, LoadError> {
    let mut b = LayerBuilder::new(what, *next_ino);
    let (diff_id, tar_size) = walk(r, what, opts, budget, |entry, data| b.add(entry, data))?;
    *next_ino = b.next_ino;
    Ok(b.finish(diff_id, tar_size))
}

/// A layer tar (plain or gzip) decoded as its bytes are pushed in, with the same rules
/// and errors as [`read_layer`].
pub(crate) struct LayerPush {
    what: String,
    budget: Budget,
    inflate: Inflate,
    tar: TarPush,
    sink: Buffered<LayerBuilder>,
}

impl LayerPush {
    /// A layer called `what`, charging `budget`, numbering nodes from `first_ino`.
    pub(crate) fn new(what: &str, opts: &LoadOptions, budget: &Budget, first_ino: u64) -> Self {
        LayerPush {
            what: what.to_string(),
            budget: budget.clone(),
            inflate: Inflate::default(),
            tar: TarPush::new(what, opts, budget),
            sink: Buffered::new(LayerBuilder::new(what, first_ino)),
        }
    }

    /// Decodes the next bytes of the blob.
    pub(crate) fn push(&mut self, bytes: &[u8]) -> Result<(), LoadError> {
        let (tar, sink) = (&mut self.tar, &mut self.sink);
        self.inflate.push(bytes, &self.what, &self.budget, &mut |b| tar.push(b, sink))
    }

    /// The blob is complete: the layer, and the next free node number.
    pub(crate) fn finish(mut self) -> Result<(ReadLayer, u64), LoadError> {
        let (tar, sink) = (&mut self.tar, &mut self.sink);
        self.inflate.finish(&self.what, &self.budget, &mut |b| tar.push(b, sink))?;
        let (diff_id, tar_size) = self.tar.finish()?;
        let b = self.sink.f;
        let next = b.next_ino;
        Ok((b.finish(diff_id, tar_size), next))
    }
}

pub(crate) struct LayerBuilder {
    map: BTreeMap<String, Change>,
    notes: Vec<String>,
    next_ino: u64,
    what: String,
}

impl OnEntry for LayerBuilder {
    fn on_entry(&mut self, e: RawEntry, data: Vec<u8>) -> Result<(), LoadError> {
        self.add(e, data)
    }
}

impl LayerBuilder {
    fn new(what: &str, next_ino: u64) -> Self {
        LayerBuilder { map: BTreeMap::new(), notes: Vec::new(), next_ino, what: what.to_string() }
    }

    fn finish(self, diff_id: String, tar_size: u64) -> ReadLayer {
        let mut layer = Layer::new();
        for (p, c) in self.map {
            layer.insert(&p, c);
        }
        ReadLayer { layer, diff_id, tar_size, notes: self.notes }
    }

    fn unsafe_path(&self, name: &str, reason: impl Into<String>) -> LoadError {
        LoadError::UnsafePath { within: self.what.to_string(), path: name.to_string(), reason: reason.into() }
    }

    /// The normalized absolute path for a stored name; `None` for the root itself.
    fn clean(&mut self, raw: &[u8], role: &str) -> Result<Option<String>, LoadError> {
        let name = match std::str::from_utf8(raw) {
            Ok(s) => s.to_string(),
            Err(_) => {
                let lossy = String::from_utf8_lossy(raw).into_owned();
                self.notes.push(format!("{}: {role} {lossy:?} is not UTF-8; invalid bytes replaced", self.what));
                lossy
            }
        };
        match clean_name(&name) {
            Ok(p) => Ok(p.map(|p| format!("/{p}"))),
            Err(reason) => Err(self.unsafe_path(&name, format!("{role} {reason}"))),
        }
    }

    fn fresh_ino(&mut self) -> u64 {
        let i = self.next_ino;
        self.next_ino += 1;
        i
    }

    fn add(&mut self, e: RawEntry, data: Vec<u8>) -> Result<(), LoadError> {
        let shown = String::from_utf8_lossy(&e.name).into_owned();
        let path = self.clean(&e.name, "entry name")?;
        let Some(path) = path else {
            if !matches!(e.kind, EntryType::Directory) {
                return Err(self.unsafe_path(&shown, "a non-directory entry for the root"));
            }
            return Ok(());
        };
        for anc in ancestors(&path).into_iter().skip(1) {
            if let Some(Change::Node(n) | Change::Opaque(n)) = self.map.get(anc) {
                if !n.is_dir() {
                    let what = if n.is_symlink() { "a symbolic link" } else { "a file" };
                    return Err(self
                        .unsafe_path(&shown, format!("it lies below /{}, which is {what} in this layer", &anc[1..])));
                }
            }
        }
        let base = file_name(&path).to_string();
        let dir = parent(&path).to_string();
        if base == OPAQUE_MARKER {
            let node = match self.map.get(&dir) {
                Some(Change::Node(n) | Change::Opaque(n)) if n.is_dir() => n.clone(),
                _ => Node { kind: NodeKind::Dir, meta: Meta::root(0o755), ino: self.fresh_ino() },
            };
            self.map.insert(dir, Change::Opaque(node));
            return Ok(());
        }
        if base.starts_with(".wh..wh.") {
            self.notes.push(format!("{}: skipped AUFS metadata {shown}", self.what));
            return Ok(());
        }
        if let Some(victim) = base.strip_prefix(WHITEOUT_PREFIX) {
            if victim.is_empty() || victim == "." || victim == ".." {
                return Err(self.unsafe_path(&shown, "a whiteout for no valid name"));
            }
            let target = join(&dir, victim);
            self.remove_below(&target);
            self.map.insert(target, Change::Whiteout);
            return Ok(());
        }
        let meta = Meta {
            mode: e.mode & 0o7777,
            uid: u32::try_from(e.uid)
                .map_err(|_| self.unsafe_path(&shown, format!("uid {} is out of range", e.uid)))?,
            gid: u32::try_from(e.gid)
                .map_err(|_| self.unsafe_path(&shown, format!("gid {} is out of range", e.gid)))?,
            mtime: e.mtime,
        };
        let kind = match e.kind {
            EntryType::Regular | EntryType::Continuous => {
                if data.len() as u64 != e.size {
                    return Err(LoadError::Truncated(self.what.clone()));
                }
                NodeKind::File(data.into())
            }
            EntryType::Directory => NodeKind::Dir,
            EntryType::Symlink => match &e.link {
                Some(t) if !t.is_empty() => NodeKind::Symlink(String::from_utf8_lossy(t).into_owned()),
                _ => return Err(LoadError::NotATar(format!("{}: symbolic link {shown} has no target", self.what))),
            },
            EntryType::Link => {
                let raw = e.link.clone().unwrap_or_default();
                let shown_target = String::from_utf8_lossy(&raw).into_owned();
                let target = self.clean(&raw, "hard link target")?;
                let found = target.as_ref().and_then(|t| match self.map.get(t) {
                    Some(Change::Node(n)) if !n.is_dir() => Some(n.clone()),
                    _ => None,
                });
                let Some(node) = found else {
                    return Err(self.unsafe_path(
                        &shown,
                        format!("hard link to {shown_target:?}, which is not a file earlier in this layer"),
                    ));
                };
                self.put(path, node);
                return Ok(());
            }
            EntryType::Char | EntryType::Block | EntryType::Fifo => {
                let what = match e.kind {
                    EntryType::Char => "character device",
                    EntryType::Block => "block device",
                    _ => "FIFO",
                };
                self.notes.push(format!("{}: skipped {what} {shown}", self.what));
                return Ok(());
            }
            EntryType::XGlobalHeader => return Ok(()),
            other => {
                return Err(LoadError::Unsupported(format!(
                    "{}: entry {shown} has tar type {:?}",
                    self.what,
                    other.as_byte() as char
                )))
            }
        };
        let ino = self.fresh_ino();
        self.put(path, Node { kind, meta, ino });
        Ok(())
    }

    /// Records a node, replacing what was at `path` the way extraction would.
    fn put(&mut self, path: String, node: Node) {
        match self.map.get(&path) {
            Some(Change::Opaque(_)) if node.is_dir() => {
                self.map.insert(path, Change::Opaque(node));
            }
            Some(Change::Node(old)) if old.is_dir() && node.is_dir() => {
                self.map.insert(path, Change::Node(node));
            }
            _ => {
                self.remove_below(&path);
                self.map.insert(path, Change::Node(node));
            }
        }
    }

    /// Removes the entries strictly below `path`.
    fn remove_below(&mut self, path: &str) {
        let prefix = format!("{path}/");
        let doomed: Vec<String> = self
            .map
            .range(prefix.clone()..)
            .take_while(|(k, _)| k.starts_with(&prefix))
            .map(|(k, _)| k.clone())
            .collect();
        for k in doomed {
            self.map.remove(&k);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::image::layer::{diff_id, write_layer_gzip, write_layer_tar};
    use crate::vfs::{Content, Tree};

    fn sample() -> (Tree, Layer) {
        let mut lower = Tree::new();
        lower.mkdir_all("/", "/opt/app", Meta::root(0o755)).unwrap();
        lower.write_file("/", "/opt/app/old", "x".into(), Meta::root(0o644)).unwrap();
        lower.write_file("/", "/gone", "x".into(), Meta::root(0o644)).unwrap();
        let mut upper = lower.clone();
        upper.remove("/", "/gone", false).unwrap();
        upper.remove("/", "/opt/app", true).unwrap();
        upper.mkdir("/", "/opt/app", Meta { mode: 0o750, uid: 1000, gid: 1000, mtime: 5 }).unwrap();
        upper
            .write_file(
                "/",
                "/opt/app/run",
                Content::synthetic(3000, 9, "run"),
                Meta { mode: 0o4755, uid: 1000, gid: 1000, mtime: 7 },
            )
            .unwrap();
        upper.hard_link("/", "/opt/app/run", "/opt/app/run2").unwrap();
        upper.symlink("/", "app/run", "/opt/link", Meta::root(0o777)).unwrap();
        let layer = Layer::diff(&lower, &upper);
        (upper, layer)
    }

    #[test]
    fn round_trips_plain_and_gzip() {
        let (_, layer) = sample();
        let tar = write_layer_tar(&layer, Vec::new()).unwrap();
        let gz = write_layer_gzip(&layer, Vec::new()).unwrap();
        for bytes in [&tar, &gz] {
            let back = read_layer_tar_with(&bytes[..], &LoadOptions::default()).unwrap();
            assert_eq!(write_layer_tar(&back.layer, Vec::new()).unwrap(), tar);
            assert_eq!(back.diff_id, diff_id(&layer));
            assert!(matches!(back.layer.get("/opt/app"), Some(Change::Opaque(n)) if n.meta.mode == 0o750));
            assert!(matches!(back.layer.get("/gone"), Some(Change::Whiteout)));
            let (Some(Change::Node(a)), Some(Change::Node(b))) =
                (back.layer.get("/opt/app/run"), back.layer.get("/opt/app/run2"))
            else {
                panic!("missing nodes")
            };
            assert_eq!((a.ino, a.meta.mode, a.meta.uid), (b.ino, 0o4755, 1000));
        }
    }

    fn tar_of(entries: &[(&str, EntryType, &str, &[u8])]) -> Vec<u8> {
        let mut b = tar::Builder::new(Vec::new());
        for (name, kind, link, data) in entries {
            let mut h = tar::Header::new_gnu();
            h.set_entry_type(*kind);
            h.set_mode(0o644);
            h.set_uid(0);
            h.set_gid(0);
            h.set_mtime(0);
            h.set_size(data.len() as u64);
            let raw = h.as_old_mut();
            raw.name[..name.len()].copy_from_slice(name.as_bytes());
            raw.linkname[..link.len()].copy_from_slice(link.as_bytes());
            h.set_cksum();
            b.append(&h, *data).unwrap();
        }
        b.into_inner().unwrap()
    }

    fn err(entries: &[(&str, EntryType, &str, &[u8])]) -> String {
        read_layer_tar(&tar_of(entries)[..]).unwrap_err().to_string()
    }

    #[test]
    fn refuses_escapes() {
        use EntryType::*;
        assert_eq!(
            err(&[("../etc/passwd", Regular, "", b"x")]),
            "unsafe path in layer: \"../etc/passwd\": entry name leaves the root through `..`"
        );
        assert_eq!(
            err(&[("/etc/passwd", Regular, "", b"x")]),
            "unsafe path in layer: \"/etc/passwd\": entry name is an absolute path"
        );
        assert_eq!(
            err(&[("evil", Symlink, "/", b""), ("evil/etc/passwd", Regular, "", b"x")]),
            "unsafe path in layer: \"evil/etc/passwd\": it lies below /evil, which is a symbolic link in this layer"
        );
        assert_eq!(
            err(&[("x", Link, "../../x", b"")]),
            "unsafe path in layer: \"../../x\": hard link target leaves the root through `..`"
        );
        assert_eq!(
            err(&[("x", Link, "nothere", b"")]),
            "unsafe path in layer: \"x\": hard link to \"nothere\", which is not a file earlier in this layer"
        );
    }

    #[test]
    fn duplicates_last_wins_and_devices_are_skipped() {
        use EntryType::*;
        let t = tar_of(&[
            ("d/", Directory, "", b""),
            ("d/f", Regular, "", b"1"),
            ("d", Regular, "", b"22"),
            ("null", Char, "", b""),
            ("a/../b", Regular, "", b"b"),
        ]);
        let r = read_layer_tar_with(&t[..], &LoadOptions::default()).unwrap();
        let paths: Vec<_> = r.layer.entries().map(|(p, _)| p.clone()).collect();
        assert_eq!(paths, vec!["/b", "/d"]);
        assert!(matches!(r.layer.get("/d"), Some(Change::Node(n)) if n.size() == 2));
        assert_eq!(r.notes, vec!["layer: skipped character device null".to_string()]);
    }

    #[test]
    fn a_layer_pushed_in_pieces_reads_as_pulled() {
        let mut t = crate::vfs::Tree::new();
        let m = Meta::root(0o644);
        t.write_file("/", "/a", vec![7u8; 70_000].into(), m).unwrap();
        t.symlink("/", "a", "/b", Meta::root(0o777)).unwrap();
        let layer = Layer::from_tree(&t);
        let plain = crate::image::layer::write_layer_tar(&layer, Vec::new()).unwrap();
        let gz = crate::image::layer::write_layer_gzip(&layer, Vec::new()).unwrap();
        let opts = LoadOptions::default();
        for blob in [&plain, &gz] {
            let pulled = read_layer_tar_with(&blob[..], &opts).unwrap();
            for piece in [1, 7, 4096, blob.len()] {
                let mut p = LayerPush::new("layer", &opts, &Budget::new(1 << 30), 2);
                for c in blob.chunks(piece) {
                    p.push(c).unwrap();
                }
                let (read, _) = p.finish().unwrap();
                assert_eq!((&read.diff_id, read.tar_size), (&pulled.diff_id, pulled.tar_size), "{piece}");
                assert_eq!(crate::oci::diff_id(&read.layer), crate::oci::diff_id(&pulled.layer), "pieces of {piece}");
            }
        }
        // A gzip stream cut short, as pulled: a truncated layer.
        let cut = &gz[..gz.len() - 10];
        assert!(matches!(read_layer_tar_with(cut, &opts).map(|_| ()).unwrap_err(), LoadError::Truncated(_)));
        let mut p = LayerPush::new("layer", &opts, &Budget::new(1 << 30), 2);
        p.push(cut).unwrap();
        assert!(matches!(p.finish().map(|_| ()).unwrap_err(), LoadError::Truncated(_)));
    }
}
