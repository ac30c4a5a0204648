//! COPY and ADD: sources from the build context or another stage/image, wildcards,
//! `--chown`/`--chmod`, heredocs, and ADD's extraction of local tar archives.

use std::io::Read;

use sha2::{Digest, Sha256};

use crate::dockerfile::Heredoc;
use crate::vfs::{path, Content, Meta, Node, NodeKind, Tree};

use super::context::glob_match;
use super::run::resolve_user;

/// What a COPY/ADD asks for, after variable expansion.
pub struct CopySpec<'a> {
    /// `COPY` or `ADD`.
    pub keyword: &'a str,
    /// Source paths or patterns (or `<<NAME` heredoc markers).
    pub sources: &'a [String],
    /// Destination (relative to `workdir` unless absolute).
    pub dest: &'a str,
    /// `--chown` value.
    pub chown: Option<&'a str>,
    /// `--chmod` value (octal).
    pub chmod: Option<&'a str>,
    /// Heredoc bodies (already expanded where they should be).
    pub heredocs: &'a [Heredoc],
    /// The working directory.
    pub workdir: &'a str,
    /// Time stamped on heredoc files.
    pub now: i64,
}

/// The outcome: the checksum the cache and history use (`file:<sha>`, `dir:<sha>`, `multi:<sha>`).
pub struct Copied {
    /// `file`, `dir` or `multi`.
    pub kind: &'static str,
    /// Hex sha256 over the sources' paths, modes and contents.
    pub checksum: String,
}

/// Computes the checksum of the sources without copying (for the cache lookup), or copies
/// them into `dst` when it is given.
pub fn copy(src: &Tree, dst: Option<&mut Tree>, spec: &CopySpec<'_>) -> Result<Copied, String> {
    let mut items: Vec<(String, Option<Node>, Option<&Heredoc>)> = Vec::new();
    for s in spec.sources {
        if let Some(name) = s.strip_prefix("<<") {
            let name = name.trim_start_matches('-').trim_matches(|c| c == '"' || c == '\'');
            let doc =
                spec.heredocs.iter().find(|h| h.name == name).ok_or_else(|| format!("heredoc {name} has no body"))?;
            items.push((name.to_string(), None, Some(doc)));
            continue;
        }
        if s.contains("://") || s.starts_with("git@") {
            if spec.keyword == "COPY" {
                return Err("source can't be a URL for COPY".to_string());
            }
            // ADD <url>: downloaded (not extracted), mode 600.
            let (name, body) = crate::shell::programs::net::download(s)?;
            let node = Node { kind: NodeKind::File(body), meta: Meta::root(0o600), ino: 0 };
            items.push((format!("{URL_ITEM}{name}"), Some(node), None));
            continue;
        }
        let matches = glob_paths(src, s);
        if matches.is_empty() {
            let shown = s.trim_start_matches('/');
            return Err(format!(
                "{} failed: file not found in build context or excluded by .dockerignore: stat {shown}: file does not exist",
                spec.keyword
            ));
        }
        for m in matches {
            let (at, node) = src.lookup("/", &m, true).map_err(|e| format!("{}: {e}", m))?;
            items.push((at, Some(node.clone()), None));
        }
    }
    if items.len() > 1 && !spec.dest.ends_with('/') {
        return Err(format!(
            "When using {} with more than one source file, the destination must be a directory and end with a /",
            spec.keyword
        ));
    }

    let mut hasher = Sha256::new();
    for (at, node, doc) in &items {
        match (node, doc) {
            (_, Some(d)) => {
                hasher.update(d.name.as_bytes());
                hasher.update(d.content.as_bytes());
            }
            (Some(n), None) if at.starts_with(URL_ITEM) => {
                hasher.update(at.as_bytes());
                if let NodeKind::File(c) = &n.kind {
                    hasher.update(c.bytes());
                }
            }
            (Some(_), None) => {
                for (p, n) in src.subtree(at) {
                    hasher.update(&p.as_bytes()[at.len()..]);
                    hasher.update(n.meta.mode.to_le_bytes());
                    match &n.kind {
                        NodeKind::File(c) => hasher.update(c.bytes()),
                        NodeKind::Symlink(t) => hasher.update(t.as_bytes()),
                        NodeKind::Dir => hasher.update(b"/"),
                    }
                }
            }
            (None, None) => {}
        }
    }
    hasher.update(spec.chown.unwrap_or("").as_bytes());
    hasher.update(spec.chmod.unwrap_or("").as_bytes());
    let kind = match items.as_slice() {
        [(_, Some(n), _)] if n.is_dir() => "dir",
        [_] => "file",
        _ => "multi",
    };
    let copied = Copied { kind, checksum: format!("{:x}", hasher.finalize()) };
    let Some(dst) = dst else { return Ok(copied) };

    let owner = match spec.chown {
        Some(c) if !c.is_empty() => {
            let explicit_group = c.contains(':');
            let (uid, gid, _) = resolve_user(dst, c)
                .map_err(|e| format!("unable to convert uid/gid chown string to host mapping: {e}"))?;
            Some((uid, if explicit_group { gid } else { uid }))
        }
        _ => None,
    };
    let chmod = match spec.chmod {
        Some(m) if !m.is_empty() => {
            Some(u32::from_str_radix(m, 8).map_err(|_| format!("invalid chmod parameter: {m}"))?)
        }
        _ => None,
    };
    let dest = path::normalize(spec.workdir, spec.dest);
    let dest_is_dir = spec.dest.ends_with('/')
        || spec.dest.ends_with("/.")
        || dst.lookup("/", &dest, true).map(|(_, n)| n.is_dir()).unwrap_or(false);
    let fix = |mut meta: Meta| {
        if let Some((u, g)) = owner {
            meta.uid = u;
            meta.gid = g;
        }
        if let Some(m) = chmod {
            meta.mode = m;
        }
        meta
    };
    // Directories the copy creates belong to the `--chown` owner, as Docker's
    // `MkdirAllAndChownNew` makes them (`--chmod` applies to the copied files only).
    let new_dir = match owner {
        Some((uid, gid)) => Meta { uid, gid, ..Meta::root(0o755) },
        None => Meta::root(0o755),
    };
    let mkparents = |dst: &mut Tree, at: &str| -> Result<(), String> {
        dst.mkdir_all("/", path::parent(at), new_dir)
            .map(|_| ())
            .map_err(|e| format!("mkdir {}: {e}", path::parent(at)))
    };

    for (at, node, doc) in items {
        if let Some(d) = doc {
            let target = if dest_is_dir { path::join(&dest, &d.name) } else { dest.clone() };
            mkparents(dst, &target)?;
            let meta = fix(Meta { mode: 0o644, uid: 0, gid: 0, mtime: spec.now });
            let target = dst.resolve("/", &target, true).map_err(|e| e.to_string())?;
            dst.insert(&target, Node { kind: NodeKind::File(Content::from(d.content.clone())), meta, ino: 0 });
            continue;
        }
        let node = node.expect("a non-heredoc source has a node");
        if node.is_dir() {
            let base = dst.mkdir_all("/", &dest, new_dir).map_err(|e| format!("mkdir {dest}: {e}"))?;
            for (p, n) in src.subtree(&at).skip(1) {
                let target = path::join(&base, p[at.len()..].trim_start_matches('/'));
                dst.insert(&target, Node { kind: n.kind.clone(), meta: fix(n.meta), ino: 0 });
            }
            continue;
        }
        if spec.keyword == "ADD" && !at.starts_with(URL_ITEM) {
            if let NodeKind::File(c) = &node.kind {
                if let Some(entries) = extract_archive(&c.bytes())? {
                    // Docker extracts archives as root whatever `--chown` says.
                    let base =
                        dst.mkdir_all("/", &dest, Meta::root(0o755)).map_err(|e| format!("mkdir {dest}: {e}"))?;
                    for (rel, n) in entries {
                        dst.insert(&path::join(&base, &rel), n);
                    }
                    continue;
                }
            }
        }
        let target = if dest_is_dir { path::join(&dest, path::file_name(&at)) } else { dest.clone() };
        mkparents(dst, &target)?;
        let target = dst.resolve("/", &target, true).map_err(|e| e.to_string())?;
        if dst.get(&target).is_some_and(Node::is_dir) {
            return Err(format!("cannot copy to non-directory: {target}"));
        }
        dst.insert(&target, Node { kind: node.kind.clone(), meta: fix(node.meta), ino: 0 });
    }
    Ok(copied)
}

/// How a downloaded `ADD` source is named among the items (never a path of the context).
const URL_ITEM: &str = "\u{0}url/";

/// The paths in `tree` that a source pattern names (relative patterns are relative to the
/// root), sorted.
pub fn glob_paths(tree: &Tree, pattern: &str) -> Vec<String> {
    let mut current = vec!["/".to_string()];
    for comp in pattern.split('/').filter(|c| !c.is_empty() && *c != ".") {
        let mut next = Vec::new();
        for dir in &current {
            if comp == ".." {
                next.push(path::parent(dir).to_string());
            } else if comp.contains(['*', '?', '[']) {
                let Ok((real, _)) = tree.lookup("/", dir, true) else { continue };
                for (name, _) in tree.children(&real) {
                    if glob_match(comp, name) {
                        next.push(path::join(dir, name));
                    }
                }
            } else {
                next.push(path::join(dir, comp));
            }
        }
        current = next;
    }
    let mut out: Vec<String> = current.into_iter().filter(|p| tree.lookup("/", p, true).is_ok()).collect();
    crate::util::sort::sort(&mut out);
    out.dedup();
    out
}

/// Reads a local tar or tar.gz into (relative path, node) pairs; `Ok(None)` when the bytes
/// are not an archive (ADD then copies the file as it is).
fn extract_archive(bytes: &[u8]) -> Result<Option<Vec<(String, Node)>>, String> {
    let gz = bytes.starts_with(&[0x1f, 0x8b]);
    let data: Vec<u8> = if gz {
        let mut out = Vec::new();
        let mut d = flate2::read::GzDecoder::new(bytes).take(1 << 30);
        if d.read_to_end(&mut out).is_err() {
            return Ok(None);
        }
        out
    } else {
        bytes.to_vec()
    };
    if data.len() < 512 || &data[257..262] != b"ustar" {
        return Ok(None);
    }
    let mut out = Vec::new();
    let mut archive = tar::Archive::new(&data[..]);
    let entries = archive.entries().map_err(|e| format!("ADD: reading archive: {e}"))?;
    for entry in entries {
        let mut entry = entry.map_err(|e| format!("ADD: reading archive: {e}"))?;
        let raw = entry.path().map_err(|e| e.to_string())?.to_string_lossy().into_owned();
        let rel = path::normalize("/", &raw).trim_start_matches('/').to_string();
        if rel.is_empty() {
            continue;
        }
        let h = entry.header();
        let meta = Meta {
            mode: h.mode().unwrap_or(0o644) & 0o7777,
            uid: h.uid().unwrap_or(0) as u32,
            gid: h.gid().unwrap_or(0) as u32,
            mtime: h.mtime().unwrap_or(0) as i64,
        };
        let kind = match h.entry_type() {
            tar::EntryType::Directory => NodeKind::Dir,
            tar::EntryType::Symlink => NodeKind::Symlink(
                entry.link_name().ok().flatten().map(|l| l.to_string_lossy().into_owned()).unwrap_or_default(),
            ),
            tar::EntryType::Regular | tar::EntryType::Continuous | tar::EntryType::GNUSparse => {
                let mut buf = Vec::new();
                entry.read_to_end(&mut buf).map_err(|e| format!("ADD: reading {raw}: {e}"))?;
                NodeKind::File(Content::from(buf))
            }
            _ => continue,
        };
        out.push((rel, Node { kind, meta, ino: 0 }));
    }
    Ok(Some(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec<'a>(sources: &'a [String], dest: &'a str, chown: Option<&'a str>) -> CopySpec<'a> {
        CopySpec { keyword: "COPY", sources, dest, chown, chmod: None, heredocs: &[], workdir: "/", now: 0 }
    }

    #[test]
    fn chown_also_owns_the_directories_the_copy_creates() {
        let mut src = Tree::new();
        src.mkdir_all("/", "/app/sub", Meta::root(0o755)).unwrap();
        src.write_file("/", "/app/sub/f", "x".into(), Meta::root(0o600)).unwrap();
        src.write_file("/", "/one", "1".into(), Meta::root(0o644)).unwrap();
        let mut dst = Tree::new();
        dst.mkdir_all("/", "/srv", Meta::root(0o755)).unwrap();
        copy(&src, Some(&mut dst), &spec(&["one".into()], "/srv/new/deep/", Some("10:20"))).unwrap();
        copy(&src, Some(&mut dst), &spec(&["app".into()], "/opt/app", Some("7"))).unwrap();
        copy(&src, Some(&mut dst), &spec(&["one".into()], "/plain/", None)).unwrap();
        let owner = |p: &str| dst.get(p).map(|n| (n.meta.uid, n.meta.gid, n.meta.mode)).unwrap();
        assert_eq!(owner("/srv"), (0, 0, 0o755), "existing directories keep their owner");
        assert_eq!(owner("/srv/new"), (10, 20, 0o755));
        assert_eq!(owner("/srv/new/deep"), (10, 20, 0o755));
        assert_eq!(owner("/srv/new/deep/one"), (10, 20, 0o644));
        assert_eq!(owner("/opt"), (7, 7, 0o755));
        assert_eq!(owner("/opt/app/sub/f"), (7, 7, 0o600));
        assert_eq!(owner("/plain"), (0, 0, 0o755));
    }
}
