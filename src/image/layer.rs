//! Layer tars: a vfs [`Layer`] written as the deterministic tar stream that image layers
//! are (the "changeset" format of the OCI image spec), its `diff_id`, and its gzip blob.
//!
//! Format, as Docker writes layers: names are relative (no leading `/`), directories end
//! in `/`, entries come in the layer's path order (a directory before its contents). A
//! deletion is an empty file `.wh.<name>` (mode 0, root, mtime 0); an opaque directory is
//! its directory entry followed by an empty `<dir>/.wh..wh..opq` carrying the directory's
//! permissions and owner. A second path with the same `ino` (and the same content and
//! metadata) as an earlier one becomes a hard link to it. Headers are ustar with GNU
//! long-name records for names over the ustar limits; user and group names are empty,
//! times other than mtime are not written, so the bytes depend only on the layer.
//!
//! Reading tars back into layers is `oci::layer_read`.

use std::collections::HashMap;
use std::io::{self, Write};

use flate2::write::GzEncoder;
use flate2::{Compression, GzBuilder};
use tar::{Builder, EntryType, Header};

use crate::util::digest::HashWriter;
use crate::vfs::{Change, Content, Layer, Meta, Node, NodeKind};

/// Name prefix of a whiteout file.
pub const WHITEOUT_PREFIX: &str = ".wh.";
/// Name of the opaque-directory marker.
pub const OPAQUE_MARKER: &str = ".wh..wh..opq";

/// gzip level used for layer blobs (the zlib default, as Docker uses).
const GZIP_LEVEL: u32 = 6;

/// A layer's digests as they appear in a manifest and a config.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LayerBlob {
    /// `sha256:` of the uncompressed tar (the config's `rootfs.diff_ids` entry).
    pub diff_id: String,
    /// `sha256:` of the gzip blob (the manifest's layer digest).
    pub digest: String,
    /// Length of the gzip blob in bytes.
    pub size: u64,
}

/// Writes `layer` as an uncompressed tar into `w` and returns `w`. Contents are streamed
/// (synthetic files are generated as they are written).
pub fn write_layer_tar<W: Write>(layer: &Layer, w: W) -> io::Result<W> {
    let mut b = Builder::new(w);
    LayerTarCursor::default().write_some(layer, &mut b, u64::MAX)?;
    b.into_inner()
}

/// A layer's tar entries written a slice at a time, so that a caller can do other work
/// (a page: let its event loop run) between slices. [`write_layer_tar`] writes all of them
/// in one go.
#[derive(Debug, Default)]
pub struct LayerTarCursor {
    /// Entries already written.
    next: usize,
    /// Bytes of headers and content written so far (as counted against budgets).
    spent: u64,
    /// Content bytes already written of the file entry at `next`, when a file larger than
    /// a slice is being written in pieces.
    partial: Option<u64>,
    /// For each inode written as a file: its entry name and layer path (later paths with
    /// the same inode become hard links to it).
    first_of_ino: HashMap<u64, (String, String)>,
}

impl LayerTarCursor {
    /// Appends the next entries of `layer` to `b` until about `budget` bytes of content
    /// went in (at least one entry); returns true once every entry is written. The tar's
    /// end blocks are not written here (`Builder::into_inner` writes them).
    pub fn write_some<W: Write>(&mut self, layer: &Layer, b: &mut Builder<W>, budget: u64) -> io::Result<bool> {
        let mut spent = 0u64;
        for (path, change) in layer.entries().skip(self.next) {
            if spent >= budget {
                self.spent += spent;
                return Ok(false);
            }
            let name = entry_name(path);
            if let Some(piece) = self.big_file_piece(layer, b, path, &name, change, budget - spent)? {
                spent += piece;
                if self.partial.is_some() {
                    self.spent += spent;
                    return Ok(false);
                }
                self.next += 1;
                continue;
            }
            self.next += 1;
            match change {
                Change::Whiteout => {
                    let (dir, base) = split_parent(&name);
                    let wh = format!("{dir}{WHITEOUT_PREFIX}{base}");
                    let mut h = header(&Meta::root(0), EntryType::Regular, 0);
                    b.append_data(&mut h, wh, io::empty())?;
                    spent += 512;
                }
                Change::Opaque(node) => {
                    spent += 512 + node.size();
                    self.append_node(layer, b, path, &name, node)?;
                    if node.is_dir() {
                        let marker = format!("{}{OPAQUE_MARKER}", dir_prefix(&name));
                        let mut h = header(&node.meta, EntryType::Regular, 0);
                        b.append_data(&mut h, marker, io::empty())?;
                    }
                }
                Change::Node(node) => {
                    spent += 512 + node.size();
                    self.append_node(layer, b, path, &name, node)?;
                }
            }
        }
        self.spent += spent;
        Ok(true)
    }

    /// Bytes of headers and content written so far (512 per entry plus its content).
    pub fn bytes(&self) -> u64 {
        self.spent
    }

    /// For a regular file bigger than `room` (and not a hard link to an earlier entry):
    /// writes its header (first time) and the next piece of its content, and returns the
    /// bytes written; `partial` stays set until the file is complete. `None` for any
    /// other entry.
    fn big_file_piece<W: Write>(
        &mut self,
        layer: &Layer,
        b: &mut Builder<W>,
        path: &str,
        name: &str,
        change: &Change,
        room: u64,
    ) -> io::Result<Option<u64>> {
        const MIN_PIECE: u64 = 16 * 1024;
        let node = match change {
            Change::Node(n) | Change::Opaque(n) => n,
            Change::Whiteout => return Ok(None),
        };
        let NodeKind::File(content) = &node.kind else { return Ok(None) };
        let size = content.len();
        if self.partial.is_none() && (size <= room.max(MIN_PIECE) || self.links_to_earlier(layer, node)) {
            return Ok(None);
        }
        let mut written = 0;
        let done = match self.partial {
            Some(d) => d,
            None => {
                self.first_of_ino.entry(node.ino).or_insert_with(|| (name.to_string(), path.to_string()));
                let mut h = header(&node.meta, EntryType::Regular, size);
                b.append_data(&mut h, name, io::empty())?;
                written += 512;
                0
            }
        };
        let piece = room.max(MIN_PIECE).min(size - done);
        content.write_range(b.get_mut(), done, piece)?;
        written += piece;
        if done + piece < size {
            self.partial = Some(done + piece);
        } else {
            self.partial = None;
            let rem = (size % 512) as usize;
            if rem != 0 {
                b.get_mut().write_all(&[0u8; 512][..512 - rem])?;
            }
        }
        Ok(Some(written))
    }

    /// True when `node` is a hard link to a file already written.
    fn links_to_earlier(&self, layer: &Layer, node: &Node) -> bool {
        self.first_of_ino.get(&node.ino).is_some_and(|(_, first_path)| match layer.get(first_path) {
            Some(Change::Node(n) | Change::Opaque(n)) => n.same_as(node),
            _ => false,
        })
    }

    fn append_node<W: Write>(
        &mut self,
        layer: &Layer,
        b: &mut Builder<W>,
        path: &str,
        name: &str,
        node: &Node,
    ) -> io::Result<()> {
        if !node.is_dir() {
            match self.first_of_ino.get(&node.ino) {
                Some((target, first_path)) => {
                    let first = match layer.get(first_path) {
                        Some(Change::Node(n) | Change::Opaque(n)) => Some(n),
                        _ => None,
                    };
                    if first.is_some_and(|f| f.same_as(node)) {
                        let mut h = header(&node.meta, EntryType::Link, 0);
                        return b.append_link(&mut h, name, target);
                    }
                }
                None => {
                    self.first_of_ino.insert(node.ino, (name.to_string(), path.to_string()));
                }
            }
        }
        match &node.kind {
            NodeKind::Dir => {
                let mut h = header(&node.meta, EntryType::Directory, 0);
                b.append_data(&mut h, dir_prefix(name), io::empty())
            }
            NodeKind::Symlink(target) => {
                let mut h = header(&node.meta, EntryType::Symlink, 0);
                b.append_link(&mut h, name, target)
            }
            NodeKind::File(content) => append_file(b, name, &node.meta, content),
        }
    }
}

/// `sha256:<hex>` of the uncompressed layer tar, computed by streaming it through a hash.
pub fn diff_id(layer: &Layer) -> String {
    let w = write_layer_tar(layer, HashWriter::new(io::sink())).expect("writing to a sink cannot fail");
    w.finish().1
}

/// Writes the layer's gzip blob (deterministic: no file name, mtime 0) into `w`.
pub fn write_layer_gzip<W: Write>(layer: &Layer, w: W) -> io::Result<W> {
    let enc = gzip_encoder(w);
    write_layer_tar(layer, enc)?.finish()
}

/// The layer's diff_id and its gzip blob's digest and size, in one streaming pass that
/// holds neither the tar nor the blob.
pub fn layer_blob(layer: &Layer) -> LayerBlob {
    let tar_hash = HashWriter::new(gzip_encoder(HashWriter::new(io::sink())));
    let tar_hash = write_layer_tar(layer, tar_hash).expect("writing to a sink cannot fail");
    let (enc, diff_id, _) = tar_hash.finish();
    let gz = enc.finish().expect("writing to a sink cannot fail");
    let (_, digest, size) = gz.finish();
    LayerBlob { diff_id, digest, size }
}

pub(crate) fn gzip_encoder<W: Write>(w: W) -> GzEncoder<W> {
    GzBuilder::new().mtime(0).write(w, Compression::new(GZIP_LEVEL))
}

/// Tar entry name of a normalized absolute path: `/etc/passwd` → `etc/passwd`, `/` → `./`.
fn entry_name(path: &str) -> String {
    match path.trim_start_matches('/') {
        "" => "./".to_string(),
        rel => rel.to_string(),
    }
}

/// `a/b/c` → (`a/b/`, `c`); `c` → (``, `c`).
fn split_parent(name: &str) -> (&str, &str) {
    match name.rfind('/') {
        Some(i) => (&name[..=i], &name[i + 1..]),
        None => ("", name),
    }
}

/// The prefix for entries inside the directory entry `name` (`a/b` → `a/b/`, `./` → ``).
fn dir_prefix(name: &str) -> String {
    match name {
        "./" => String::new(),
        n => format!("{}/", n.trim_end_matches('/')),
    }
}

fn header(meta: &Meta, kind: EntryType, size: u64) -> Header {
    let mut h = Header::new_ustar();
    h.set_entry_type(kind);
    h.set_mode(meta.mode & 0o7777);
    h.set_uid(u64::from(meta.uid));
    h.set_gid(u64::from(meta.gid));
    h.set_mtime(meta.mtime.max(0) as u64);
    h.set_size(size);
    h
}

/// Writes a regular file entry, streaming the content straight into the archive.
fn append_file<W: Write>(b: &mut Builder<W>, name: &str, meta: &Meta, content: &Content) -> io::Result<()> {
    let size = content.len();
    let mut h = header(meta, EntryType::Regular, size);
    // The header (and any long-name record) first, with no data: the builder pads nothing
    // for zero bytes, so the content and its padding can follow directly.
    b.append_data(&mut h, name, io::empty())?;
    let mut counted = HashWriter::new(b.get_mut());
    content.write_to(&mut counted)?;
    if counted.count() != size {
        return Err(io::Error::other(format!("{name}: content produced {} bytes, expected {size}", counted.count())));
    }
    let rem = (size % 512) as usize;
    if rem != 0 {
        b.get_mut().write_all(&[0u8; 512][..512 - rem])?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vfs::Tree;

    fn names(bytes: &[u8]) -> Vec<(String, u8, u32, u64)> {
        let mut a = tar::Archive::new(bytes);
        a.entries()
            .unwrap()
            .map(|e| {
                let e = e.unwrap();
                let h = e.header();
                let name = String::from_utf8(e.path_bytes().into_owned()).unwrap();
                (name, h.entry_type().as_byte(), h.mode().unwrap(), h.size().unwrap())
            })
            .collect()
    }

    #[test]
    fn writes_whiteouts_opaque_dirs_and_hard_links() {
        let mut lower = Tree::new();
        let d = Meta::root(0o755);
        lower.mkdir_all("/", "/etc/conf.d", d).unwrap();
        lower.write_file("/", "/etc/conf.d/a", "a".into(), Meta::root(0o644)).unwrap();
        lower.write_file("/", "/etc/old", "o".into(), Meta::root(0o644)).unwrap();
        let mut upper = lower.clone();
        upper.remove("/", "/etc/old", false).unwrap();
        upper.remove("/", "/etc/conf.d", true).unwrap();
        upper.mkdir("/", "/etc/conf.d", Meta::root(0o700)).unwrap();
        upper.write_file("/", "/etc/conf.d/b", "bb".into(), Meta::root(0o600)).unwrap();
        upper.hard_link("/", "/etc/conf.d/b", "/etc/b-link").unwrap();
        let layer = Layer::diff(&lower, &upper);
        let tar = write_layer_tar(&layer, Vec::new()).unwrap();
        assert_eq!(
            names(&tar),
            vec![
                ("etc/".into(), b'5', 0o755, 0),
                ("etc/b-link".into(), b'0', 0o600, 2),
                ("etc/conf.d/".into(), b'5', 0o700, 0),
                ("etc/conf.d/.wh..wh..opq".into(), b'0', 0o700, 0),
                ("etc/conf.d/b".into(), b'1', 0o600, 0),
                ("etc/.wh.old".into(), b'0', 0, 0),
            ]
        );
        assert_eq!(tar.len() % 512, 0);
        assert_eq!(diff_id(&layer), crate::util::digest::sha256_digest(&tar));
    }

    #[test]
    fn long_names_and_synthetic_content_stream() {
        let mut t = Tree::new();
        let long = format!("/{}/{}", "d".repeat(120), "f".repeat(120));
        t.mkdir_all("/", &long[..121], Meta::root(0o755)).unwrap();
        t.write_file("/", &long, Content::synthetic(1000, 1, "blob"), Meta::root(0o644)).unwrap();
        t.symlink("/", &long, "/link", Meta::root(0o777)).unwrap();
        let layer = Layer::from_tree(&t);
        let tar = write_layer_tar(&layer, Vec::new()).unwrap();
        let mut a = tar::Archive::new(&tar[..]);
        let mut got = Vec::new();
        for e in a.entries().unwrap() {
            let mut e = e.unwrap();
            let name = String::from_utf8(e.path_bytes().into_owned()).unwrap();
            let link = e.link_name_bytes().map(|l| String::from_utf8(l.into_owned()).unwrap());
            let mut data = Vec::new();
            io::Read::read_to_end(&mut e, &mut data).unwrap();
            got.push((name, link, data.len()));
        }
        assert_eq!(
            got,
            vec![
                (format!("{}/", "d".repeat(120)), None, 0),
                (long[1..].to_string(), None, 1000),
                ("link".into(), Some(long.clone()), 0),
            ]
        );
    }

    #[test]
    fn blobs_are_deterministic() {
        let mut t = Tree::new();
        t.write_file("/", "/x", Content::synthetic(70_000, 3, "x"), Meta::root(0o644)).unwrap();
        let layer = Layer::from_tree(&t);
        let a = layer_blob(&layer);
        let gz = write_layer_gzip(&layer, Vec::new()).unwrap();
        assert_eq!(a.size, gz.len() as u64);
        assert_eq!(a.digest, crate::util::digest::sha256_digest(&gz));
        assert_eq!(a.diff_id, diff_id(&layer));
        assert_eq!(&gz[..10], &[0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255]);
        assert_eq!(layer_blob(&layer), a);
    }
}
