//! Digests of the catalogue's layers, recorded once so that pulling a catalogue image does
//! not hash its generated content again (in the page, hashing a 75 MB base image was most
//! of the first build's time).
//!
//! `known_layers.txt` holds one line per recorded layer: the image reference and layer
//! index it was recorded from (for people and the test), the layer's [`fingerprint`], its
//! diff_id and its tar's length. A layer is looked up by fingerprint only: the fingerprint
//! describes every byte of the tar `write_layer_tar` writes (names, kinds, metadata, hard
//! links, and each file's content as the digest of its bytes or, for generated content,
//! its size, seed and label), so a hit gives that tar's diff_id without writing it, and a
//! miss just computes it. `tests/known_layers.rs` recomputes every line and fails on a
//! stale one (`LAYERLAB_BLESS=1` rewrites the file).

use std::collections::HashMap;
use std::sync::OnceLock;

use sha2::{Digest as _, Sha256};

use crate::util::digest::hex;
use crate::vfs::{Change, Content, Layer, NodeKind};

/// The recorded lines (`reference index fingerprint diff_id tar_size`).
pub const RECORDED: &str = include_str!("known_layers.txt");

/// Bumped when the tar format or the content generator changes what a description writes.
const FORMAT: &str = "layerlab layer tar v1";

/// A digest of everything that decides the bytes of `layer`'s tar, computed without
/// generating any content.
pub fn fingerprint(layer: &Layer) -> String {
    let mut h = Sha256::new();
    h.update(FORMAT.as_bytes());
    let mut inos: HashMap<u64, usize> = HashMap::new();
    for (path, change) in layer.entries() {
        h.update(path.as_bytes());
        let node = match change {
            Change::Whiteout => {
                h.update(b"\0w\0");
                continue;
            }
            Change::Opaque(n) => {
                h.update(b"\0o");
                n
            }
            Change::Node(n) => {
                h.update(b"\0n");
                n
            }
        };
        let m = &node.meta;
        let next = inos.len();
        let ino = *inos.entry(node.ino).or_insert(next);
        h.update(format!("{} {} {} {} {ino}", m.mode, m.uid, m.gid, m.mtime).as_bytes());
        match &node.kind {
            NodeKind::Dir => h.update(b"\0d\0"),
            NodeKind::Symlink(t) => {
                h.update(b"\0l");
                h.update(t.as_bytes());
                h.update(b"\0");
            }
            NodeKind::File(Content::Bytes(b)) => {
                h.update(format!("\0f{}:", b.len()).as_bytes());
                h.update(Sha256::digest(b));
            }
            NodeKind::File(Content::Synthetic { size, seed, label }) => {
                h.update(format!("\0s{size}:{seed}:").as_bytes());
                h.update(label.as_bytes());
                h.update(b"\0");
            }
        }
    }
    hex(&h.finalize()[..16])
}

/// The recorded diff_id and tar length of the layer with fingerprint `fp`.
pub fn lookup(fp: &str) -> Option<(&'static str, u64)> {
    static TABLE: OnceLock<HashMap<&'static str, (&'static str, u64)>> = OnceLock::new();
    TABLE
        .get_or_init(|| {
            RECORDED
                .lines()
                .filter_map(|l| match l.split_whitespace().collect::<Vec<_>>()[..] {
                    [_, _, fp, diff_id, size] => Some((fp, (diff_id, size.parse().ok()?))),
                    _ => None,
                })
                .collect()
        })
        .get(fp)
        .copied()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vfs::{Meta, Node};

    fn layer(content: Content) -> Layer {
        let mut l = Layer::default();
        l.insert("/etc", Change::Node(Node { kind: NodeKind::Dir, meta: Meta::root(0o755), ino: 7 }));
        l.insert("/etc/a", Change::Node(Node { kind: NodeKind::File(content), meta: Meta::root(0o644), ino: 9 }));
        l
    }

    #[test]
    fn fingerprint_follows_every_input() {
        let a = fingerprint(&layer(Content::from(&b"one"[..])));
        assert_eq!(a, fingerprint(&layer(Content::from(&b"one"[..]))));
        assert_ne!(a, fingerprint(&layer(Content::from(&b"two"[..]))));
        let s = |seed| Content::Synthetic { size: 10, seed, label: "x".into() };
        assert_ne!(fingerprint(&layer(s(1))), fingerprint(&layer(s(2))));
        let mut moved = layer(Content::from(&b"one"[..]));
        moved.insert("/etc/b", Change::Whiteout);
        assert_ne!(a, fingerprint(&moved));
        assert_eq!(a.len(), 32);
    }

    #[test]
    fn recorded_lines_parse() {
        for l in RECORDED.lines() {
            let f: Vec<&str> = l.split_whitespace().collect();
            assert_eq!(f.len(), 5, "{l}");
            assert!(crate::util::digest::sha256_hex(f[3]).is_some() && f[4].parse::<u64>().is_ok(), "{l}");
            assert_eq!(lookup(f[2]).map(|(d, _)| d), Some(f[3]));
        }
    }
}
