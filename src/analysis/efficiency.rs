//! Image efficiency as dive measures it: the bytes each layer adds, the bytes shipped in a
//! layer but invisible in the final image (overwritten or deleted by a later layer), the
//! paths that waste the most, and dive's efficiency score.
//!
//! Definitions (dive's `filetree/efficiency.go`, per regular file or symbolic link path):
//! every layer that ships the path, or deletes it, is one *occurrence* (a deletion weighs
//! 0 bytes); the *cumulative* size is the sum of the occurrences, the *minimum* the
//! smallest of them; the score is Σ minimum / Σ cumulative over all paths (1 when the
//! image has no bytes). Wasted bytes are the bytes of occurrences that the final image
//! does not show: every copy but the surviving one. Two deliberate differences from dive:
//! a deleted directory counts each file under it (dive charges only the directory's
//! whiteout, which its leaf-only walk never pairs with the files), and the copy that
//! survives is not counted as wasted (dive's "potential wasted space" adds it).

use std::collections::{BTreeMap, HashSet};

use serde::Serialize;

use crate::image::Image;
use crate::vfs::{Change, Layer, Node, Tree};

/// The analysis of one image.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Analysis {
    /// Bytes of all layers (`docker images` SIZE).
    pub size_bytes: u64,
    /// Bytes shipped in layers but hidden in the final filesystem.
    pub wasted_bytes: u64,
    /// dive's efficiency score, 0–1.
    pub efficiency: f64,
    /// One entry per filesystem layer, bottom first.
    pub layers: Vec<LayerAnalysis>,
    /// Paths with wasted bytes, most wasted first.
    pub wasted_paths: Vec<WastedPath>,
    /// Every file copy the layers ship (for pictures); not part of the JSON report.
    #[serde(skip)]
    pub files: Vec<ShippedFile>,
}

/// One layer's numbers.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LayerAnalysis {
    /// The history step that made the layer (`created_by`), empty when unknown.
    pub created_by: String,
    /// Bytes the layer carries.
    pub size_bytes: u64,
    /// Bytes of this layer's files that a later layer overwrites or deletes.
    pub wasted_bytes: u64,
    /// Index of the layer's step in the image history, when the history says.
    pub history_index: Option<usize>,
}

/// A path whose earlier copies are shipped for nothing.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct WastedPath {
    /// Absolute path.
    pub path: String,
    /// Bytes shipped in copies the final image hides.
    pub wasted_bytes: u64,
    /// Layers (0-based) that ship a copy or delete the path, in order.
    pub layers: Vec<usize>,
    /// True when the final image no longer has the path.
    pub deleted: bool,
}

/// One copy of a file in one layer.
#[derive(Clone, Debug, PartialEq)]
pub struct ShippedFile {
    /// Absolute path.
    pub path: String,
    /// Layer index (0-based, bottom first).
    pub layer: usize,
    /// Bytes it adds to the layer.
    pub size: u64,
    /// True when a later layer overwrites or deletes it.
    pub wasted: bool,
}

/// One occurrence of a path: a copy of `size` bytes, or a deletion (`None`).
struct Occurrence {
    layer: usize,
    size: Option<u64>,
}

fn is_content(n: &Node) -> bool {
    n.is_file() || n.is_symlink()
}

/// Analyses the layers of `image` with its history.
pub fn analyze(image: &Image) -> Analysis {
    let layers: Vec<&Layer> = image.layers.iter().map(|l| l.layer()).collect();
    let history: Vec<(usize, String)> = image
        .config
        .history
        .iter()
        .enumerate()
        .filter(|(_, h)| !h.empty_layer)
        .map(|(i, h)| (i, h.created_by.clone().unwrap_or_default()))
        .collect();
    analyze_layers(&layers, &history)
}

/// Analyses a stack of layers; `history` gives each layer's (history index, created_by),
/// in order (shorter is fine).
pub fn analyze_layers(layers: &[&Layer], history: &[(usize, String)]) -> Analysis {
    let mut occ: BTreeMap<String, Vec<Occurrence>> = BTreeMap::new();
    let mut tree = Tree::new();
    for (i, layer) in layers.iter().enumerate() {
        let before: Vec<String> = tree.iter().filter(|(_, n)| is_content(n)).map(|(p, _)| p.clone()).collect();
        let mut seen_ino = HashSet::new();
        let mut shipped = HashSet::new();
        for (p, change) in layer.entries() {
            if let Change::Node(n) = change {
                if is_content(n) {
                    // Hard links carry their bytes once per layer, as `Layer::size` counts them.
                    let size = if n.is_file() && !seen_ino.insert(n.ino) { 0 } else { n.size() };
                    occ.entry(p.clone()).or_default().push(Occurrence { layer: i, size: Some(size) });
                    shipped.insert(p.as_str());
                }
            }
        }
        layer.apply_to(&mut tree);
        for p in before {
            if !shipped.contains(p.as_str()) && !tree.get(&p).is_some_and(is_content) {
                occ.entry(p).or_default().push(Occurrence { layer: i, size: None });
            }
        }
    }
    let mut out = Analysis {
        size_bytes: layers.iter().map(|l| l.size()).sum(),
        wasted_bytes: 0,
        efficiency: 1.0,
        layers: layers
            .iter()
            .enumerate()
            .map(|(i, l)| LayerAnalysis {
                created_by: history.get(i).map(|h| h.1.clone()).unwrap_or_default(),
                size_bytes: l.size(),
                wasted_bytes: 0,
                history_index: history.get(i).map(|h| h.0),
            })
            .collect(),
        wasted_paths: Vec::new(),
        files: Vec::new(),
    };
    let (mut minimum, mut cumulative) = (0u64, 0u64);
    for (path, list) in occ {
        let sizes = list.iter().map(|o| o.size.unwrap_or(0));
        minimum += sizes.clone().min().unwrap_or(0);
        cumulative += sizes.sum::<u64>();
        let last = list.len() - 1;
        let deleted = list[last].size.is_none();
        let mut wasted = 0;
        for (k, o) in list.iter().enumerate() {
            let Some(size) = o.size else { continue };
            let hidden = k < last;
            if hidden {
                wasted += size;
                out.layers[o.layer].wasted_bytes += size;
            }
            if size > 0 {
                out.files.push(ShippedFile { path: path.clone(), layer: o.layer, size, wasted: hidden });
            }
        }
        if wasted > 0 {
            out.wasted_bytes += wasted;
            out.wasted_paths.push(WastedPath {
                path,
                wasted_bytes: wasted,
                layers: list.iter().map(|o| o.layer).collect(),
                deleted,
            });
        }
    }
    if cumulative > 0 {
        out.efficiency = minimum as f64 / cumulative as f64;
    }
    crate::util::sort::sort_by(&mut out.wasted_paths, |a, b| {
        b.wasted_bytes.cmp(&a.wasted_bytes).then_with(|| a.path.cmp(&b.path))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vfs::{Content, Meta};

    fn file(tree: &mut Tree, p: &str, size: usize) {
        let parent = crate::vfs::path::parent(p);
        tree.mkdir_all("/", parent, Meta::root(0o755)).unwrap();
        tree.write_file("/", p, Content::from(vec![b'x'; size]), Meta::root(0o644)).unwrap();
    }

    /// Layers from successive snapshots, as the builder diffs them.
    fn stack(steps: &[&dyn Fn(&mut Tree)]) -> Vec<Layer> {
        let mut t = Tree::new();
        let mut out = Vec::new();
        for s in steps {
            let before = t.clone();
            s(&mut t);
            out.push(Layer::diff(&before, &t));
        }
        out
    }

    fn run(layers: &[Layer]) -> Analysis {
        let refs: Vec<&Layer> = layers.iter().collect();
        analyze_layers(&refs, &[])
    }

    #[test]
    fn dive_reference_case() {
        // dive's TestEfficency: nginx.conf 2000 then 5000, public 3000, athing 10000.
        let l = stack(&[
            &|t| {
                file(t, "/etc/nginx/nginx.conf", 2000);
                file(t, "/etc/nginx/public", 3000);
            },
            &|t| {
                file(t, "/etc/nginx/nginx.conf", 5000);
                file(t, "/etc/athing", 10000);
            },
        ]);
        let a = run(&l);
        assert_eq!(a.efficiency, 0.75);
        assert_eq!(a.wasted_bytes, 2000);
        assert_eq!(a.size_bytes, 20000);
        assert_eq!(a.layers[0].wasted_bytes, 2000);
        assert_eq!(a.layers[1].wasted_bytes, 0);
        assert_eq!(
            a.wasted_paths,
            vec![WastedPath {
                path: "/etc/nginx/nginx.conf".into(),
                wasted_bytes: 2000,
                layers: vec![0, 1],
                deleted: false
            }]
        );
    }

    #[test]
    fn deleted_file_and_directory_are_wasted_whole() {
        let l = stack(&[
            &|t| {
                file(t, "/big", 1000);
                file(t, "/var/lib/apt/lists/a", 300);
                file(t, "/var/lib/apt/lists/b", 200);
                file(t, "/keep", 50);
            },
            &|t| {
                t.remove("/", "/big", false).unwrap();
                t.remove("/", "/var/lib/apt/lists", true).unwrap();
            },
        ]);
        let a = run(&l);
        assert_eq!(a.wasted_bytes, 1500);
        assert_eq!(a.layers[0].wasted_bytes, 1500);
        assert_eq!(a.layers[1].size_bytes, 0);
        assert_eq!(a.efficiency, 50.0 / 1550.0);
        let paths: Vec<_> = a.wasted_paths.iter().map(|w| (w.path.as_str(), w.wasted_bytes, w.deleted)).collect();
        assert_eq!(
            paths,
            vec![("/big", 1000, true), ("/var/lib/apt/lists/a", 300, true), ("/var/lib/apt/lists/b", 200, true)]
        );
        assert_eq!(a.files.iter().filter(|f| f.wasted).count(), 3);
    }

    #[test]
    fn chmod_copies_up_the_whole_file() {
        let l = stack(&[&|t| file(t, "/data.bin", 4096), &|t| {
            t.update_meta("/", "/data.bin", false, |m| m.mode = 0o755).unwrap()
        }]);
        let a = run(&l);
        assert_eq!(a.size_bytes, 8192);
        assert_eq!(a.wasted_bytes, 4096);
        assert_eq!(a.efficiency, 0.5);
        assert_eq!(a.layers.iter().map(|l| l.wasted_bytes).collect::<Vec<_>>(), vec![4096, 0]);
    }

    #[test]
    fn overwritten_twice_and_deleted_then_recreated() {
        let l =
            stack(&[&|t| file(t, "/f", 10), &|t| file(t, "/f", 20), &|t| t.remove("/", "/f", false).unwrap(), &|t| {
                file(t, "/f", 5)
            }]);
        let a = run(&l);
        assert_eq!(a.wasted_bytes, 30);
        assert_eq!(a.wasted_paths[0].layers, vec![0, 1, 2, 3]);
        assert!(!a.wasted_paths[0].deleted);
        assert_eq!(a.efficiency, 0.0);
    }

    #[test]
    fn hard_links_count_once_and_empty_images_score_one() {
        let mut t = Tree::new();
        file(&mut t, "/a", 100);
        t.hard_link("/", "/a", "/b").unwrap();
        let l = vec![Layer::diff(&Tree::new(), &t)];
        let a = run(&l);
        assert_eq!(a.size_bytes, 100);
        assert_eq!(a.wasted_bytes, 0);
        assert_eq!(a.efficiency, 1.0);
        assert_eq!(run(&[]).efficiency, 1.0);
    }
}
