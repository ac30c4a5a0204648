//! Layers: the change sets that overlay filesystems stack, with whiteouts and opaque
//! directories, and how to compute and apply them.

use std::collections::BTreeMap;
use std::fmt;

use super::path;
use super::{Node, Tree};

/// One entry of a layer.
#[derive(Clone, Debug)]
pub enum Change {
    /// A node added, or replacing (copied up over) the one below.
    Node(Node),
    /// A directory whose lower contents are hidden (`.wh..wh..opq`): it was removed and
    /// created again in this layer.
    Opaque(Node),
    /// A deletion of whatever the layers below have at this path (`.wh.<name>`).
    Whiteout,
}

/// How a path changed, as `docker diff` prints it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChangeKind {
    /// `A`
    Added,
    /// `C`
    Changed,
    /// `D`
    Deleted,
}

impl fmt::Display for ChangeKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ChangeKind::Added => "A",
            ChangeKind::Changed => "C",
            ChangeKind::Deleted => "D",
        })
    }
}

/// A filesystem layer: changes keyed by normalized absolute path, in path order.
#[derive(Clone, Debug, Default)]
pub struct Layer {
    entries: BTreeMap<String, Change>,
}

impl Layer {
    /// An empty layer.
    pub fn new() -> Self {
        Self::default()
    }

    /// The layer holding a whole tree (every entry but the root).
    pub fn from_tree(tree: &Tree) -> Self {
        let entries = crate::util::collect::map(
            tree.iter().filter(|(p, _)| p.as_str() != "/").map(|(p, n)| (p.clone(), Change::Node(n.clone()))),
        );
        Layer { entries }
    }

    /// Records a change at `path` (normalized), replacing any earlier one there.
    pub fn insert(&mut self, path: &str, change: Change) {
        self.entries.insert(path::normalize("/", path), change);
    }

    /// The entries in path order.
    pub fn entries(&self) -> impl Iterator<Item = (&String, &Change)> {
        self.entries.iter()
    }

    /// The change at an exact path.
    pub fn get(&self, path: &str) -> Option<&Change> {
        self.entries.get(path)
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when the layer changes nothing.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Bytes of file content the layer carries (hard links counted once): what Docker
    /// reports as a layer's size.
    pub fn size(&self) -> u64 {
        let mut seen = std::collections::HashSet::new();
        self.entries
            .values()
            .filter_map(|c| match c {
                Change::Node(n) if n.is_file() && seen.insert(n.ino) => Some(n.size()),
                Change::Node(n) if n.is_symlink() => Some(n.size()),
                _ => None,
            })
            .sum()
    }

    /// The layer that turns `lower` into `upper`: new and modified nodes (files copied up
    /// whole; one written in place counts as modified even with the same bytes, see
    /// [`Tree::touched`]), whiteouts for deletions, opaque markers for directories that
    /// were removed and created again, and the parent directories of every change.
    pub fn diff(lower: &Tree, upper: &Tree) -> Layer {
        Layer::diff_paths(upper, upper.iter().map(|(p, _)| p), lower.iter().map(|(p, _)| p), |p| lower.get(p))
    }

    /// [`Layer::diff`] looking only at `candidates` (every path whose node may differ
    /// between the two trees) and, for whiteouts, `removed` (paths that may be gone from
    /// `upper`); `lower` gives the lower tree's node at a path.
    pub(super) fn diff_paths<'a, 'b>(
        upper: &'b Tree,
        candidates: impl Iterator<Item = &'a String>,
        removed: impl Iterator<Item = &'a String>,
        lower: impl Fn(&str) -> Option<&'b Node>,
    ) -> Layer
    where
        'a: 'b,
    {
        let mut entries = BTreeMap::new();
        for p in candidates {
            if p == "/" {
                continue;
            }
            let Some(n) = upper.get(p) else { continue };
            match lower(p) {
                None => {
                    entries.insert(p.clone(), Change::Node(n.clone()));
                }
                Some(l) if l.is_dir() && n.is_dir() => {
                    if l.ino != n.ino {
                        entries.insert(p.clone(), Change::Opaque(n.clone()));
                    } else if !l.same_as(n) || upper.touched().contains(p) {
                        entries.insert(p.clone(), Change::Node(n.clone()));
                    }
                }
                Some(l) => {
                    if !l.same_as(n) || upper.touched().contains(p) {
                        entries.insert(p.clone(), Change::Node(n.clone()));
                    }
                }
            }
        }
        for p in removed {
            if p == "/" || upper.get(p).is_some() {
                continue;
            }
            let parent = path::parent(p);
            let covered = match upper.get(parent) {
                None => true,
                Some(n) if !n.is_dir() => true,
                Some(_) => matches!(entries.get(parent), Some(Change::Opaque(_))),
            };
            if !covered {
                entries.insert(p.clone(), Change::Whiteout);
            }
        }
        let changed: Vec<String> = entries.keys().cloned().collect();
        for p in changed {
            for anc in path::ancestors(&p) {
                if anc != "/" && !entries.contains_key(anc) {
                    if let Some(n) = upper.get(anc) {
                        entries.insert(anc.to_string(), Change::Node(n.clone()));
                    }
                }
            }
        }
        Layer { entries }
    }

    /// Applies the layer on top of `tree` (the overlay union step).
    pub fn apply_to(&self, tree: &mut Tree) {
        for (p, change) in &self.entries {
            match change {
                Change::Whiteout => tree.remove_subtree(p),
                Change::Opaque(n) => {
                    tree.remove_subtree(p);
                    tree.insert(p, n.clone());
                }
                Change::Node(n) => tree.insert(p, n.clone()),
            }
        }
    }

    /// What `docker diff` prints for this layer over `lower`, in path order. An opaque
    /// directory also reports the lower entries it hides as deleted.
    pub fn changes(&self, lower: &Tree) -> Vec<(String, ChangeKind)> {
        let mut out = BTreeMap::new();
        for (p, change) in &self.entries {
            match change {
                Change::Whiteout => {
                    out.insert(p.clone(), ChangeKind::Deleted);
                }
                Change::Node(_) | Change::Opaque(_) => {
                    let kind = if lower.get(p).is_some() { ChangeKind::Changed } else { ChangeKind::Added };
                    out.insert(p.clone(), kind);
                    if matches!(change, Change::Opaque(_)) {
                        for (q, _) in lower.subtree(p).skip(1) {
                            if !self.entries.contains_key(q.as_str()) {
                                out.insert(q.clone(), ChangeKind::Deleted);
                            }
                        }
                    }
                }
            }
        }
        out.into_iter().collect()
    }
}

/// Applies layers in order onto an empty tree: the union view.
pub fn union<'a>(layers: impl IntoIterator<Item = &'a Layer>) -> Tree {
    let mut t = Tree::new();
    for l in layers {
        l.apply_to(&mut t);
    }
    t
}

impl Tree {
    /// The union view of `layers` stacked in order on an empty filesystem.
    pub fn from_layers<'a>(layers: impl IntoIterator<Item = &'a Layer>) -> Tree {
        union(layers)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vfs::{Meta, NodeKind};

    fn base() -> Tree {
        let mut t = Tree::new();
        let d = Meta::root(0o755);
        t.mkdir_all("/", "/etc/apt", d).unwrap();
        t.mkdir_all("/", "/var/lib/apt/lists", d).unwrap();
        t.write_file("/", "/etc/os-release", "ID=debian\n".into(), Meta::root(0o644)).unwrap();
        t.write_file("/", "/var/lib/apt/lists/a", "list".into(), Meta::root(0o644)).unwrap();
        t.write_file("/", "/var/lib/apt/lists/b", "list".into(), Meta::root(0o644)).unwrap();
        t
    }

    fn kinds(l: &Layer) -> Vec<(String, &'static str)> {
        l.entries()
            .map(|(p, c)| {
                let k = match c {
                    Change::Node(_) => "node",
                    Change::Opaque(_) => "opaque",
                    Change::Whiteout => "whiteout",
                };
                (p.clone(), k)
            })
            .collect()
    }

    #[test]
    fn rewriting_the_same_bytes_or_touching_copies_up() {
        let lower = base();
        let mut upper = lower.clone();
        let same = Meta::root(0o644);
        upper.write_file("/", "/etc/os-release", "ID=debian\n".into(), same).unwrap();
        upper.update_meta("/", "/var/lib/apt/lists/a", true, |_| {}).unwrap();
        assert!(
            upper.get("/etc/os-release").unwrap().same_as(lower.get("/etc/os-release").unwrap()),
            "nothing differs"
        );
        let l = Layer::diff(&lower, &upper);
        let files: Vec<_> = kinds(&l).into_iter().filter(|(p, _)| p.contains("release") || p.ends_with("/a")).collect();
        assert_eq!(files, vec![("/etc/os-release".into(), "node"), ("/var/lib/apt/lists/a".into(), "node")]);
        upper.forget_touched();
        assert!(Layer::diff(&lower, &upper).is_empty());
    }

    #[test]
    fn deleting_writes_whiteouts_once_per_subtree() {
        let lower = base();
        let mut upper = lower.clone();
        upper.remove("/", "/var/lib/apt/lists", true).unwrap();
        let l = Layer::diff(&lower, &upper);
        assert_eq!(
            kinds(&l),
            vec![
                ("/var".into(), "node"),
                ("/var/lib".into(), "node"),
                ("/var/lib/apt".into(), "node"),
                ("/var/lib/apt/lists".into(), "whiteout"),
            ]
        );
        assert_eq!(l.size(), 0);
        let mut again = lower.clone();
        l.apply_to(&mut again);
        assert!(again.get("/var/lib/apt/lists/a").is_none());
        assert!(again.get("/var/lib/apt").is_some());
    }

    #[test]
    fn modifying_copies_up_the_whole_file() {
        let lower = base();
        let mut upper = lower.clone();
        upper.write_file("/", "/etc/os-release", "ID=debian\nVERSION=12\n".into(), Meta::root(0o644)).unwrap();
        let l = Layer::diff(&lower, &upper);
        assert_eq!(kinds(&l), vec![("/etc".into(), "node"), ("/etc/os-release".into(), "node")]);
        assert_eq!(l.size(), 21);
        assert_eq!(
            l.changes(&lower),
            vec![("/etc".into(), ChangeKind::Changed), ("/etc/os-release".into(), ChangeKind::Changed)]
        );
    }

    #[test]
    fn recreated_directory_is_opaque() {
        let lower = base();
        let mut upper = lower.clone();
        upper.remove("/", "/var/lib/apt/lists", true).unwrap();
        upper.mkdir("/", "/var/lib/apt/lists", Meta::root(0o755)).unwrap();
        upper.write_file("/", "/var/lib/apt/lists/c", "new".into(), Meta::root(0o644)).unwrap();
        let l = Layer::diff(&lower, &upper);
        assert!(matches!(l.get("/var/lib/apt/lists"), Some(Change::Opaque(_))));
        assert!(l.get("/var/lib/apt/lists/a").is_none());
        let mut t = lower.clone();
        l.apply_to(&mut t);
        assert_eq!(t.children("/var/lib/apt/lists").map(|(n, _)| n).collect::<Vec<_>>(), vec!["c"]);
        let ch = l.changes(&lower);
        assert!(ch.contains(&("/var/lib/apt/lists/a".into(), ChangeKind::Deleted)));
        assert!(ch.contains(&("/var/lib/apt/lists/c".into(), ChangeKind::Added)));
    }

    #[test]
    fn union_of_layers_equals_final_tree() {
        let lower = base();
        let mut upper = lower.clone();
        upper.symlink("/", "os-release", "/etc/link", Meta::root(0o777)).unwrap();
        upper.remove("/", "/etc/os-release", false).unwrap();
        let l1 = Layer::from_tree(&lower);
        let l2 = Layer::diff(&lower, &upper);
        let u = Tree::from_layers([&l1, &l2]);
        let paths = |t: &Tree| t.iter().map(|(p, n)| (p.clone(), n.kind.clone())).collect::<Vec<_>>();
        assert_eq!(paths(&u), paths(&upper));
        assert!(matches!(u.get("/etc/link").unwrap().kind, NodeKind::Symlink(_)));
    }
}
