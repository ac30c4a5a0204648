//! Bind mounts: a host directory (or file) read through the [`Host`] when a container's
//! process runs, and what the process changed in it written back, as a bind mount shares
//! the host's files. The host decides what a path means (the CLI's disk, the page's
//! context files).

use super::Host;
use crate::vfs::{path, Content, Meta, Node, NodeKind, Tree};

/// The most entries one bind mount may bring in.
const MAX_ENTRIES: usize = 20_000;
/// The most bytes one bind mount may bring in (it is held in memory).
const MAX_BYTES: u64 = 256 * 1024 * 1024;

/// What a bind mount's source is on the host.
#[derive(Clone, Debug)]
pub enum HostData {
    /// A directory, as a tree rooted at `/`.
    Dir(Tree),
    /// A single file.
    File(Content),
}

/// Reads the host directory at `dir` through the host's `list_dir`, `read_link` and
/// `read_file` (links kept as links, never followed); `Ok(None)` when it is not a
/// directory. The default of [`Host::read_tree`].
pub fn walk<H: Host + ?Sized>(host: &H, dir: &str) -> Result<Option<Tree>, String> {
    let Some(names) = host.list_dir(dir) else { return Ok(None) };
    let mut tree = Tree::new();
    let mut todo: Vec<(String, Vec<String>)> = vec![("/".to_string(), names)];
    let (mut entries, mut bytes) = (0usize, 0u64);
    while let Some((rel, names)) = todo.pop() {
        for name in names {
            entries += 1;
            if entries > MAX_ENTRIES {
                return Err(format!("{dir}: too many files for a bind mount (more than {MAX_ENTRIES})"));
            }
            let r = path::join(&rel, &name);
            let host_path = format!("{}{r}", dir.trim_end_matches('/'));
            let node = if let Some(target) = host.read_link(&host_path) {
                NodeKind::Symlink(target)
            } else if let Some(sub) = host.list_dir(&host_path) {
                todo.push((r.clone(), sub));
                NodeKind::Dir
            } else {
                let data = host.read_file(&host_path)?;
                bytes += data.len() as u64;
                if bytes > MAX_BYTES {
                    return Err(format!("{dir}: too large for a bind mount (more than {MAX_BYTES} bytes)"));
                }
                NodeKind::File(Content::from(data))
            };
            let mode = if matches!(node, NodeKind::File(_)) { 0o644 } else { 0o755 };
            tree.insert(&r, Node { kind: node, meta: Meta::root(mode), ino: 0 });
        }
    }
    Ok(Some(tree))
}

/// Reads a bind mount's source: a directory, else a file, else `None`.
pub fn read(host: &dyn Host, source: &str) -> Result<Option<HostData>, String> {
    if let Some(t) = host.read_tree(source)? {
        return Ok(Some(HostData::Dir(t)));
    }
    Ok(host.read_file(source).ok().map(|b| HostData::File(Content::from(b))))
}

/// Writes what a process changed in a bind-mounted directory back to the host: new
/// directories, new and changed files, and removals. Links are not created on the host.
/// The default of [`Host::write_tree`].
pub fn write_back<H: Host + ?Sized>(host: &mut H, source: &str, before: &Tree, after: &Tree) -> Result<(), String> {
    let at = |p: &str| format!("{}{p}", source.trim_end_matches('/'));
    for (p, n) in before.iter() {
        if p != "/" && after.get(p).is_none_or(|a| !same_kind(a, n)) && !gone_with_parent(p, before, after) {
            host.remove_path(&at(p))?;
        }
    }
    for (p, n) in after.iter() {
        if p == "/" {
            continue;
        }
        let was = before.get(p);
        match &n.kind {
            NodeKind::Dir if !was.is_some_and(Node::is_dir) => host.create_dir(&at(p))?,
            NodeKind::File(c) if was.is_none_or(|w| w.kind != n.kind) => host.write_file(&at(p), &c.bytes())?,
            _ => {}
        }
    }
    Ok(())
}

fn same_kind(a: &Node, b: &Node) -> bool {
    std::mem::discriminant(&a.kind) == std::mem::discriminant(&b.kind)
}

/// True when an ancestor of `p` was removed too (removing it removed `p`).
fn gone_with_parent(p: &str, before: &Tree, after: &Tree) -> bool {
    path::ancestors(p)
        .into_iter()
        .skip(1)
        .filter(|a| *a != "/" && *a != p)
        .any(|a| before.get(a).is_some() && after.get(a).is_none_or(|n| !n.is_dir()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::RefCell;
    use std::collections::BTreeMap;

    /// Files by path; a directory is any prefix of one.
    #[derive(Default)]
    struct Files(RefCell<BTreeMap<String, Vec<u8>>>);

    impl Host for Files {
        fn load_context(&self, _: &str, _: Option<&str>) -> Result<(String, crate::build::Context), String> {
            Err("none".into())
        }
        fn read_file(&self, p: &str) -> Result<Vec<u8>, String> {
            self.0.borrow().get(p).cloned().ok_or_else(|| format!("open {p}: no such file or directory"))
        }
        fn write_file(&mut self, p: &str, b: &[u8]) -> Result<(), String> {
            self.0.borrow_mut().insert(p.to_string(), b.to_vec());
            Ok(())
        }
        fn list_dir(&self, p: &str) -> Option<Vec<String>> {
            let pre = format!("{}/", p.trim_end_matches('/'));
            let mut v: Vec<String> = self
                .0
                .borrow()
                .keys()
                .filter_map(|k| k.strip_prefix(&pre).map(|r| r.split('/').next().unwrap_or(r).to_string()))
                .collect();
            v.dedup();
            (!v.is_empty()).then_some(v)
        }
        fn create_dir(&mut self, _: &str) -> Result<(), String> {
            Ok(())
        }
        fn remove_path(&mut self, p: &str) -> Result<(), String> {
            let pre = format!("{p}/");
            self.0.borrow_mut().retain(|k, _| k != p && !k.starts_with(&pre));
            Ok(())
        }
    }

    #[test]
    fn reads_and_writes_back() {
        let mut h = Files::default();
        h.write_file("/src/app/index.html", b"hi").unwrap();
        h.write_file("/src/app/css/a.css", b"a").unwrap();
        h.write_file("/src/app/old.txt", b"x").unwrap();
        let before = walk(&h, "/src/app").unwrap().unwrap();
        assert_eq!(before.read("/", "/css/a.css").unwrap().bytes().as_ref(), b"a");
        let mut after = before.clone();
        after.write_file("/", "/new.txt", Content::from(b"new".to_vec()), Meta::root(0o644)).unwrap();
        after.remove("/", "/old.txt", false).unwrap();
        after.remove("/", "/css", true).unwrap();
        write_back(&mut h, "/src/app", &before, &after).unwrap();
        let keys: Vec<String> = h.0.borrow().keys().cloned().collect();
        assert_eq!(keys, ["/src/app/index.html", "/src/app/new.txt"]);
        assert!(walk(&h, "/nothing").unwrap().is_none());
    }
}
