//! OCI image layouts and docker-archive tars (work in progress).

use sha2::{Digest, Sha256};

use crate::vfs::{Change, Layer, NodeKind};

/// `sha256:` of the layer's uncompressed tar.
pub fn diff_id(layer: &Layer) -> String {
    let mut h = Sha256::new();
    for (p, c) in layer.entries() {
        h.update(p.as_bytes());
        match c {
            Change::Whiteout => h.update(b"W"),
            Change::Node(n) | Change::Opaque(n) => {
                if let NodeKind::File(c) = &n.kind {
                    h.update(&c.bytes());
                }
            }
        }
    }
    format!("sha256:{:x}", h.finalize())
}
