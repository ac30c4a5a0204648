//! Recording what a tree changes: the first value of every path written, removed or
//! created since [`Tree::begin_changes`], so that the step's layer is computed from the
//! paths it touched (not from the whole filesystem) and a failed step is undone without a
//! copy of the tree having been made beforehand.

use std::collections::{BTreeMap, BTreeSet};

use super::{Layer, Node, Tree};

/// What a tree looked like, path by path, before the changes recorded since
/// [`Tree::begin_changes`] (see [`Tree::take_changes`]).
#[derive(Clone, Debug, Default)]
pub struct Changes {
    /// The value each changed path had when recording began (`None`: absent).
    pub(super) before: BTreeMap<String, Option<Node>>,
    /// The tree's touched set when recording began.
    pub(super) touched: BTreeSet<String>,
    /// The tree's next inode number when recording began.
    pub(super) next_ino: u64,
}

impl Changes {
    /// Number of paths changed.
    pub fn len(&self) -> usize {
        self.before.len()
    }

    /// True when nothing changed.
    pub fn is_empty(&self) -> bool {
        self.before.is_empty()
    }

    /// The layer that turns the tree as it was into `upper` (the same tree after the
    /// changes): what [`Layer::diff`] of the two trees gives, computed from the changed
    /// paths only.
    pub fn layer(&self, upper: &Tree) -> Layer {
        let lower = |p: &str| match self.before.get(p) {
            Some(old) => old.as_ref(),
            None => upper.get(p),
        };
        let removed = self.before.iter().filter(|(_, old)| old.is_some()).map(|(p, _)| p);
        Layer::diff_paths(upper, self.before.keys(), removed, lower)
    }
}

impl Tree {
    /// Starts recording changes (replacing any recording under way).
    pub fn begin_changes(&mut self) {
        self.journal =
            Some(Changes { before: BTreeMap::new(), touched: self.touched().clone(), next_ino: self.peek_ino() });
    }

    /// Stops recording and returns what was recorded (empty when nothing was).
    pub fn take_changes(&mut self) -> Changes {
        self.journal.take().unwrap_or_else(|| Changes { next_ino: self.peek_ino(), ..Default::default() })
    }

    /// Puts every path recorded in `changes` back as it was (the tree's touched set and
    /// inode counter too): the tree is again what it was at [`Tree::begin_changes`].
    pub fn undo(&mut self, changes: Changes) {
        self.journal = None;
        for (p, old) in changes.before {
            self.restore(p, old);
        }
        self.reset_counters(changes.touched, changes.next_ino);
    }
}

#[cfg(test)]
mod tests {
    use crate::vfs::{Content, Layer, Meta, Tree};

    fn base() -> Tree {
        let mut t = Tree::new();
        let d = Meta::root(0o755);
        t.mkdir_all("/", "/etc/apt", d).unwrap();
        t.mkdir_all("/", "/var/lib/apt/lists", d).unwrap();
        t.mkdir_all("/", "/app/tmp/deep", d).unwrap();
        t.write_file("/", "/etc/os-release", "ID=debian\n".into(), Meta::root(0o644)).unwrap();
        t.write_file("/", "/var/lib/apt/lists/a", "list".into(), Meta::root(0o644)).unwrap();
        t.write_file("/", "/var/lib/apt/lists/b", "list".into(), Meta::root(0o644)).unwrap();
        t.write_file("/", "/app/tmp/deep/x", "x".into(), Meta::root(0o644)).unwrap();
        t.symlink("/", "/etc/os-release", "/etc/link", Meta::root(0o777)).unwrap();
        t.forget_touched();
        t
    }

    type Step = fn(&mut Tree);

    /// Steps of every kind a build does.
    fn steps() -> Vec<(&'static str, Step)> {
        let m = Meta::root(0o644);
        let _ = m;
        vec![
            ("write new", |t| {
                t.write_file("/", "/app/new", "n".into(), Meta::root(0o644)).unwrap();
            }),
            ("rewrite same", |t| {
                t.write_file("/", "/etc/os-release", "ID=debian\n".into(), Meta::root(0o644)).unwrap();
            }),
            ("chmod", |t| t.update_meta("/", "/etc/link", true, |m| m.mode = 0o600).unwrap()),
            ("rm -rf", |t| t.remove("/", "/var/lib/apt/lists", true).unwrap()),
            ("rm -rf and recreate", |t| {
                t.remove("/", "/var/lib/apt/lists", true).unwrap();
                t.mkdir("/", "/var/lib/apt/lists", Meta::root(0o755)).unwrap();
                t.write_file("/", "/var/lib/apt/lists/c", "c".into(), Meta::root(0o644)).unwrap();
            }),
            ("create then remove", |t| {
                t.mkdir_all("/", "/opt/a/b", Meta::root(0o755)).unwrap();
                t.remove("/", "/opt", true).unwrap();
            }),
            ("rename", |t| {
                t.rename("/", "/app/tmp", "/app/moved").unwrap();
            }),
            ("hard link and symlink", |t| {
                t.hard_link("/", "/etc/os-release", "/etc/hard").unwrap();
                t.symlink("/", "../etc", "/app/etc", Meta::root(0o777)).unwrap();
            }),
            ("insert over a directory", |t| {
                let n = t.get("/etc/os-release").unwrap().clone();
                t.insert("/app/tmp", n);
            }),
            ("replace the root's contents", |t| {
                t.remove_subtree("/");
                t.write_file("/", "/only", Content::from("o"), Meta::root(0o644)).unwrap();
            }),
        ]
    }

    fn listing(t: &Tree) -> Vec<String> {
        t.iter().map(|(p, n)| format!("{p} {:?} {:?} {}", n.kind, n.meta, n.ino)).collect()
    }

    fn layer_listing(l: &Layer) -> Vec<String> {
        l.entries().map(|(p, c)| format!("{p} {c:?}")).collect()
    }

    #[test]
    fn the_recorded_layer_is_the_diff_of_the_trees() {
        for (name, step) in steps() {
            let lower = base();
            let mut upper = lower.clone();
            upper.begin_changes();
            step(&mut upper);
            let changes = upper.take_changes();
            assert_eq!(layer_listing(&changes.layer(&upper)), layer_listing(&Layer::diff(&lower, &upper)), "{name}");
        }
    }

    #[test]
    fn undo_restores_the_tree() {
        for (name, step) in steps() {
            let lower = base();
            let mut t = lower.clone();
            t.begin_changes();
            step(&mut t);
            let changes = t.take_changes();
            t.undo(changes);
            assert_eq!(listing(&t), listing(&lower), "{name}");
            assert_eq!(t.touched(), lower.touched(), "{name}");
            assert_eq!(t.alloc_ino(), lower.clone().alloc_ino(), "{name}");
        }
    }

    #[test]
    fn without_recording_nothing_is_recorded() {
        let mut t = base();
        t.write_file("/", "/app/new", "n".into(), Meta::root(0o644)).unwrap();
        let c = t.take_changes();
        assert!(c.is_empty());
        assert!(c.layer(&t).is_empty());
    }
}
