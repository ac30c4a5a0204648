//! A whole filesystem as one view: a sorted map from absolute path to node.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use super::journal::Changes;
use super::path::{self, normalize};
use super::{Content, FsError, Meta, Node, NodeKind};

/// The longest path, in bytes, a lookup may produce (Linux's `PATH_MAX`); longer ones fail
/// with [`FsError::NameTooLong`]. Paths are the tree's keys, so this also bounds the cost
/// of every lookup.
pub const PATH_MAX: usize = 4096;

/// How many symbolic links one lookup may follow before it fails with [`FsError::Loop`].
const MAX_SYMLINKS: usize = 40;

/// A filesystem view. Paths are absolute and normalized (see [`path`]); every node's parent
/// is a directory present in the map. Symbolic links resolve inside this tree only: `..`
/// and absolute targets never leave its root.
#[derive(Clone, Debug)]
pub struct Tree {
    nodes: BTreeMap<String, Node>,
    next_ino: u64,
    /// Existing entries written or changed in place (see [`Tree::touched`]).
    touched: BTreeSet<String>,
    /// The changes being recorded (see [`Tree::begin_changes`]).
    pub(super) journal: Option<Changes>,
    /// Mount points, read-only (`true`) or writable (see [`Tree::set_read_only`]).
    pub(super) read_only: BTreeMap<String, bool>,
}

impl Default for Tree {
    fn default() -> Self {
        Self::new()
    }
}

impl Tree {
    /// An empty filesystem: only `/`, mode 0755, owned by root.
    pub fn new() -> Self {
        let mut nodes = BTreeMap::new();
        nodes.insert("/".to_string(), Node { kind: NodeKind::Dir, meta: Meta::root(0o755), ino: 1 });
        Tree { nodes, next_ino: 2, touched: BTreeSet::new(), journal: None, read_only: BTreeMap::new() }
    }

    /// The existing entries written or changed in place (`echo same > f`, `touch f`) since
    /// the tree was made or [`Tree::forget_touched`]: a layer holds them even when their
    /// bytes and metadata come out the same, as overlayfs copies a file up when it is
    /// written.
    pub fn touched(&self) -> &BTreeSet<String> {
        &self.touched
    }

    /// Starts a new [`Tree::touched`] record (after a layer was taken).
    pub fn forget_touched(&mut self) {
        self.touched.clear();
    }

    /// A fresh node identity.
    pub fn alloc_ino(&mut self) -> u64 {
        let i = self.next_ino;
        self.next_ino += 1;
        i
    }

    /// The inode number [`Tree::alloc_ino`] gives next.
    pub(super) fn peek_ino(&self) -> u64 {
        self.next_ino
    }

    /// Sets the touched set and the inode counter (undoing recorded changes).
    pub(super) fn reset_counters(&mut self, touched: BTreeSet<String>, next_ino: u64) {
        self.touched = touched;
        self.next_ino = next_ino;
    }

    /// Records `at`'s current value when changes are being recorded and it is the first
    /// change there. Every change to `nodes` goes through this.
    fn note(&mut self, at: &str) {
        if let Some(j) = &mut self.journal {
            if !j.before.contains_key(at) {
                j.before.insert(at.to_string(), self.nodes.get(at).cloned());
            }
        }
    }

    /// Sets the node at normalized `at` (recorded).
    fn put(&mut self, at: String, node: Node) {
        self.note(&at);
        self.nodes.insert(at, node);
    }

    /// Removes the node at normalized `at` (recorded).
    fn take(&mut self, at: &str) -> Option<Node> {
        self.note(at);
        self.nodes.remove(at)
    }

    /// The node at normalized `at`, to change in place (recorded).
    fn node_mut(&mut self, at: &str) -> Option<&mut Node> {
        if self.nodes.contains_key(at) {
            self.note(at);
        }
        self.nodes.get_mut(at)
    }

    /// Puts back a recorded value (not recorded).
    pub(super) fn restore(&mut self, at: String, node: Option<Node>) {
        match node {
            Some(n) => self.nodes.insert(at, n),
            None => self.nodes.remove(&at),
        };
    }

    /// Number of entries, the root included.
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    /// True when only the root exists.
    pub fn is_empty(&self) -> bool {
        self.nodes.len() == 1
    }

    /// The node at an exact normalized path, without following symbolic links.
    pub fn get(&self, path: &str) -> Option<&Node> {
        self.nodes.get(path)
    }

    /// Every entry in path order.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &Node)> {
        self.nodes.iter()
    }

    /// `dir` and everything below it, in path order.
    pub fn subtree<'a>(&'a self, dir: &'a str) -> impl Iterator<Item = (&'a String, &'a Node)> + 'a {
        // `dir` itself, then the contiguous range of keys starting with `dir/` (siblings
        // such as `dir.tar` sort between the two, since '.' < '/').
        let prefix = if dir == "/" { "/".to_string() } else { format!("{dir}/") };
        let own = self.nodes.get_key_value(dir).filter(|_| dir != "/");
        let below = self.nodes.range(prefix.clone()..).take_while(move |(p, _)| p.starts_with(&prefix));
        own.into_iter().chain(below)
    }

    /// The direct children of the directory at `dir` (normalized, not followed), by name.
    pub fn children<'a>(&'a self, dir: &'a str) -> impl Iterator<Item = (&'a str, &'a Node)> + 'a {
        let skip = if dir == "/" { 1 } else { dir.len() + 1 };
        self.subtree(dir).filter_map(move |(p, n)| {
            if p.len() <= skip || p == dir {
                return None;
            }
            let rest = &p[skip..];
            (!rest.contains('/')).then_some((rest, n))
        })
    }

    /// Resolves `p` (relative to `cwd`) to a normalized path, following symbolic links in
    /// every component and, when `follow_last`, in the last one. A missing last component
    /// is not an error: the path where it would be is returned.
    pub fn resolve(&self, cwd: &str, p: &str, follow_last: bool) -> Result<String, FsError> {
        // Fast path: without `..`, when the lexical path (or its parent) is in the map, no
        // component of it is a link (every node's parent is a directory in the map), so
        // the lexical path is the answer. This keeps deep paths linear.
        if !p.split('/').any(|c| c == "..") {
            let full = normalize(cwd, p);
            if full.len() > PATH_MAX {
                return Err(FsError::NameTooLong);
            }
            match self.nodes.get(&full) {
                Some(Node { kind: NodeKind::Symlink(_), .. }) if follow_last => {}
                Some(_) => return Ok(full),
                None if self.nodes.get(path::parent(&full)).is_some_and(Node::is_dir) => return Ok(full),
                None => {}
            }
        }
        let mut cur = if p.starts_with('/') { "/".to_string() } else { normalize("/", cwd) };
        let mut todo: VecDeque<String> =
            p.split('/').filter(|c| !c.is_empty() && *c != ".").map(String::from).collect();
        let mut hops = 0;
        while let Some(comp) = todo.pop_front() {
            if comp == ".." {
                cur = path::parent(&cur).to_string();
                continue;
            }
            if comp == "." {
                continue;
            }
            match self.nodes.get(&cur) {
                Some(n) if n.is_dir() => {}
                Some(_) => return Err(FsError::NotADirectory),
                None => return Err(FsError::NotFound),
            }
            let next = path::join(&cur, &comp);
            let is_last = todo.is_empty();
            match self.nodes.get(&next) {
                Some(Node { kind: NodeKind::Symlink(target), .. }) if !is_last || follow_last => {
                    hops += 1;
                    if hops > MAX_SYMLINKS {
                        return Err(FsError::Loop);
                    }
                    if target.starts_with('/') {
                        cur = "/".to_string();
                    }
                    for (i, c) in target.split('/').filter(|c| !c.is_empty() && *c != ".").enumerate() {
                        todo.insert(i, c.to_string());
                    }
                }
                _ => cur = next,
            }
            if cur.len() > PATH_MAX {
                return Err(FsError::NameTooLong);
            }
        }
        Ok(cur)
    }

    /// Resolves and looks up `p`; fails with [`FsError::NotFound`] when nothing is there.
    pub fn lookup(&self, cwd: &str, p: &str, follow: bool) -> Result<(String, &Node), FsError> {
        let at = self.resolve(cwd, p, follow)?;
        match self.nodes.get(&at) {
            Some(n) => Ok((at, n)),
            None => Err(FsError::NotFound),
        }
    }

    /// The contents of the regular file at `p` (following links).
    pub fn read(&self, cwd: &str, p: &str) -> Result<Content, FsError> {
        match self.lookup(cwd, p, true)?.1 {
            Node { kind: NodeKind::File(c), .. } => Ok(c.clone()),
            Node { kind: NodeKind::Dir, .. } => Err(FsError::IsADirectory),
            _ => Err(FsError::Invalid),
        }
    }

    /// Checks that the parent of normalized `at` is an existing directory.
    fn check_parent(&self, at: &str) -> Result<(), FsError> {
        match self.nodes.get(path::parent(at)) {
            Some(n) if n.is_dir() => Ok(()),
            Some(_) => Err(FsError::NotADirectory),
            None => Err(FsError::NotFound),
        }
    }

    /// Writes a regular file at `p` (following links). An existing file keeps its metadata
    /// and identity; a new one gets `meta`. Returns the resolved path.
    pub fn write_file(&mut self, cwd: &str, p: &str, content: Content, meta: Meta) -> Result<String, FsError> {
        let at = self.resolve(cwd, p, true)?;
        if self.nodes.get(&at).is_some_and(Node::is_dir) {
            return Err(FsError::IsADirectory);
        }
        if self.nodes.contains_key(&at) {
            self.writable(&at)?;
        }
        match self.node_mut(&at) {
            Some(n) => {
                n.kind = NodeKind::File(content);
                n.meta.mtime = meta.mtime;
                self.touched.insert(at.clone());
                Ok(at)
            }
            None => {
                self.check_parent(&at)?;
                self.writable(&at)?;
                let ino = self.alloc_ino();
                self.put(at.clone(), Node { kind: NodeKind::File(content), meta, ino });
                Ok(at)
            }
        }
    }

    /// Creates one directory; fails with [`FsError::Exists`] if anything is there.
    pub fn mkdir(&mut self, cwd: &str, p: &str, meta: Meta) -> Result<String, FsError> {
        let at = self.resolve(cwd, p, false)?;
        if self.nodes.contains_key(&at) {
            return Err(FsError::Exists);
        }
        self.check_parent(&at)?;
        self.writable(&at)?;
        let ino = self.alloc_ino();
        self.put(at.clone(), Node { kind: NodeKind::Dir, meta, ino });
        Ok(at)
    }

    /// Creates a directory and any missing parents (`mkdir -p`); existing directories are
    /// left as they are. Returns the resolved path.
    pub fn mkdir_all(&mut self, cwd: &str, p: &str, meta: Meta) -> Result<String, FsError> {
        let full = normalize(cwd, p);
        if full.len() > PATH_MAX {
            return Err(FsError::NameTooLong);
        }
        if self.nodes.get(&full).is_some_and(Node::is_dir) {
            return Ok(full);
        }
        let mut cur = "/".to_string();
        let mut creating = false;
        for comp in full.split('/').filter(|c| !c.is_empty()) {
            if creating {
                // Below a directory just created nothing exists yet.
                let next = path::join(&cur, comp);
                let ino = self.alloc_ino();
                self.put(next.clone(), Node { kind: NodeKind::Dir, meta, ino });
                cur = next;
                continue;
            }
            let next = self.resolve(&cur, comp, true)?;
            match self.nodes.get(&next) {
                Some(n) if n.is_dir() => {}
                Some(_) => return Err(FsError::NotADirectory),
                None => {
                    self.writable(&next)?;
                    let ino = self.alloc_ino();
                    self.put(next.clone(), Node { kind: NodeKind::Dir, meta, ino });
                    creating = true;
                }
            }
            cur = next;
        }
        Ok(cur)
    }

    /// Removes the entry at `p` (not following a final link). A non-empty directory needs
    /// `recursive`.
    pub fn remove(&mut self, cwd: &str, p: &str, recursive: bool) -> Result<(), FsError> {
        let at = self.resolve(cwd, p, false)?;
        if at == "/" {
            return Err(FsError::Busy);
        }
        let node = self.nodes.get(&at).ok_or(FsError::NotFound)?;
        if node.is_dir() && !recursive && self.children(&at).next().is_some() {
            return Err(FsError::NotEmpty);
        }
        self.writable(&at)?;
        self.remove_subtree(&at);
        Ok(())
    }

    /// Removes the normalized path `at` and everything below it; no-op when absent.
    pub fn remove_subtree(&mut self, at: &str) {
        if at == "/" {
            let doomed: Vec<String> = self.nodes.keys().filter(|p| p.as_str() != "/").cloned().collect();
            for p in doomed {
                self.take(&p);
            }
            return;
        }
        let doomed: Vec<String> = self.subtree(at).map(|(p, _)| p.clone()).collect();
        for p in doomed {
            self.take(&p);
        }
    }

    /// Renames `from` to `to` (POSIX `rename`): an existing file at `to` is replaced, an
    /// existing empty directory is replaced by a directory.
    pub fn rename(&mut self, cwd: &str, from: &str, to: &str) -> Result<String, FsError> {
        let src = self.resolve(cwd, from, false)?;
        let dst = self.resolve(cwd, to, false)?;
        let node = self.nodes.get(&src).ok_or(FsError::NotFound)?.clone();
        if src == "/" || dst == "/" {
            return Err(FsError::Busy);
        }
        if src == dst {
            return Ok(dst);
        }
        if path::is_within(&dst, &src) {
            return Err(FsError::Invalid);
        }
        self.check_parent(&dst)?;
        self.writable(&src)?;
        self.writable(&dst)?;
        if let Some(existing) = self.nodes.get(&dst) {
            match (existing.is_dir(), node.is_dir()) {
                (true, false) => return Err(FsError::IsADirectory),
                (false, true) => return Err(FsError::NotADirectory),
                (true, true) if self.children(&dst).next().is_some() => return Err(FsError::NotEmpty),
                _ => {}
            }
            self.remove_subtree(&dst);
        }
        let moved: Vec<(String, Node)> = self.subtree(&src).map(|(p, n)| (p.clone(), n.clone())).collect();
        self.remove_subtree(&src);
        for (p, n) in moved {
            let rel = &p[src.len()..];
            self.put(format!("{dst}{rel}"), n);
        }
        Ok(dst)
    }

    /// Creates a symbolic link at `link` pointing to `target`.
    pub fn symlink(&mut self, cwd: &str, target: &str, link: &str, meta: Meta) -> Result<String, FsError> {
        let at = self.resolve(cwd, link, false)?;
        if self.nodes.contains_key(&at) {
            return Err(FsError::Exists);
        }
        self.check_parent(&at)?;
        self.writable(&at)?;
        let ino = self.alloc_ino();
        let meta = Meta { mode: 0o777, ..meta };
        self.put(at.clone(), Node { kind: NodeKind::Symlink(target.to_string()), meta, ino });
        Ok(at)
    }

    /// Creates a hard link at `link` to the existing non-directory `existing`.
    pub fn hard_link(&mut self, cwd: &str, existing: &str, link: &str) -> Result<String, FsError> {
        let (_, node) = self.lookup(cwd, existing, false)?;
        if node.is_dir() {
            return Err(FsError::Invalid);
        }
        let node = node.clone();
        let at = self.resolve(cwd, link, false)?;
        if self.nodes.contains_key(&at) {
            return Err(FsError::Exists);
        }
        self.check_parent(&at)?;
        self.writable(&at)?;
        self.put(at.clone(), node);
        Ok(at)
    }

    /// Changes the metadata of the node at `p` (following links when `follow`).
    pub fn update_meta(&mut self, cwd: &str, p: &str, follow: bool, f: impl FnOnce(&mut Meta)) -> Result<(), FsError> {
        let at = self.resolve(cwd, p, follow)?;
        if self.nodes.contains_key(&at) {
            self.writable(&at)?;
        }
        let n = self.node_mut(&at).ok_or(FsError::NotFound)?;
        f(&mut n.meta);
        self.touched.insert(at);
        Ok(())
    }

    /// Inserts a node at a normalized path as it is, creating missing parent directories
    /// (mode 0755, root) and replacing whatever was there (a replaced directory loses its
    /// children unless the new node is a directory too). Used to assemble trees from layers.
    pub fn insert(&mut self, at: &str, mut node: Node) {
        let at = normalize("/", at);
        for anc in path::ancestors(&at) {
            match self.nodes.get(anc) {
                Some(n) if n.is_dir() => {}
                _ => {
                    self.remove_subtree(anc);
                    let ino = self.alloc_ino();
                    self.put(anc.to_string(), Node { kind: NodeKind::Dir, meta: Meta::root(0o755), ino });
                }
            }
        }
        if node.ino == 0 {
            node.ino = self.alloc_ino();
        }
        self.next_ino = self.next_ino.max(node.ino + 1);
        match self.nodes.get(&at) {
            // A directory over a directory keeps its children and its identity.
            Some(old) if old.is_dir() && node.is_dir() => node.ino = old.ino,
            Some(_) => self.remove_subtree(&at),
            None => {}
        }
        self.put(at, node);
    }

    /// Total bytes of regular files (hard links counted once).
    pub fn content_size(&self) -> u64 {
        let mut seen = std::collections::HashSet::new();
        self.nodes.values().filter(|n| n.is_file() && seen.insert(n.ino)).map(Node::size).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m() -> Meta {
        Meta::root(0o644)
    }

    #[test]
    fn files_dirs_and_links() {
        let mut t = Tree::new();
        t.mkdir_all("/", "/usr/local/bin", Meta::root(0o755)).unwrap();
        t.write_file("/usr", "local/bin/tool", "hi".into(), m()).unwrap();
        assert_eq!(&t.read("/", "/usr/local/bin/tool").unwrap().bytes()[..], b"hi");
        t.symlink("/", "/usr/local", "/opt", m()).unwrap();
        assert_eq!(t.resolve("/", "/opt/bin/tool", true).unwrap(), "/usr/local/bin/tool");
        t.symlink("/", "../../..", "/usr/local/up", m()).unwrap();
        assert_eq!(t.resolve("/", "/usr/local/up/etc", true).unwrap(), "/etc");
        assert_eq!(t.children("/usr/local").map(|(n, _)| n).collect::<Vec<_>>(), vec!["bin", "up"]);
        assert_eq!(t.write_file("/", "/nope/x", "".into(), m()), Err(FsError::NotFound));
        assert_eq!(t.write_file("/", "/usr/local/bin/tool/x", "".into(), m()), Err(FsError::NotADirectory));
        assert_eq!(t.mkdir("/", "/usr", m()), Err(FsError::Exists));
        assert_eq!(t.remove("/", "/usr", false), Err(FsError::NotEmpty));
        t.remove("/", "/usr", true).unwrap();
        assert_eq!(t.len(), 2); // "/" and the dangling link /opt
    }

    #[test]
    fn symlink_loops_are_errors() {
        let mut t = Tree::new();
        t.symlink("/", "/b", "/a", m()).unwrap();
        t.symlink("/", "/a", "/b", m()).unwrap();
        assert_eq!(t.read("/", "/a"), Err(FsError::Loop));
    }

    #[test]
    fn rename_moves_subtrees() {
        let mut t = Tree::new();
        t.mkdir_all("/", "/a/b", Meta::root(0o755)).unwrap();
        t.write_file("/", "/a/b/f", "x".into(), m()).unwrap();
        t.rename("/", "/a", "/c").unwrap();
        assert!(t.get("/a").is_none());
        assert!(t.get("/c/b/f").is_some());
        assert_eq!(t.rename("/", "/c", "/c/b/z"), Err(FsError::Invalid));
    }

    #[test]
    fn insert_replaces_and_creates_parents() {
        let mut t = Tree::new();
        t.insert("/x/y/z", Node { kind: NodeKind::File("1".into()), meta: m(), ino: 0 });
        assert!(t.get("/x/y").unwrap().is_dir());
        t.insert("/x", Node { kind: NodeKind::File("f".into()), meta: m(), ino: 0 });
        assert!(t.get("/x/y").is_none());
        assert_eq!(t.content_size(), 1);
    }

    #[test]
    fn subtree_sees_past_siblings_that_sort_between() {
        let mut t = Tree::new();
        t.mkdir_all("/", "/a/proj/src", Meta::root(0o755)).unwrap();
        t.write_file("/", "/a/proj.tar", "x".into(), m()).unwrap();
        t.write_file("/", "/a/proj/src/main.c", "y".into(), m()).unwrap();
        let paths: Vec<&str> = t.subtree("/a/proj").map(|(p, _)| p.as_str()).collect();
        assert_eq!(paths, vec!["/a/proj", "/a/proj/src", "/a/proj/src/main.c"]);
        assert_eq!(t.children("/a").map(|(n, _)| n).collect::<Vec<_>>(), vec!["proj", "proj.tar"]);
        assert_eq!(t.subtree("/").count(), t.len());
    }
}
