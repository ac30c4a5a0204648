//! The build context: the files a build may COPY/ADD, filtered by `.dockerignore`.

use std::collections::BTreeMap;

use crate::vfs::{path, Content, Meta, Node, NodeKind, Tree};

/// One file, directory or symbolic link of the context.
#[derive(Clone, Debug)]
pub struct ContextEntry {
    /// File contents (`None` for a directory or a link).
    pub content: Option<Content>,
    /// Permission bits.
    pub mode: u32,
    /// The target of a symbolic link (kept as written, resolved inside the context only).
    pub link: Option<String>,
}

/// The build context: paths relative to its root (`app/main.go`), no leading slash.
#[derive(Clone, Debug, Default)]
pub struct Context {
    entries: BTreeMap<String, ContextEntry>,
    /// Modification time given to every context file (seconds since the epoch).
    pub mtime: i64,
}

impl Context {
    /// An empty context.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a regular file with mode 0644.
    pub fn add_file(&mut self, rel: &str, content: impl Into<Content>) {
        self.add_file_mode(rel, content, 0o644);
    }

    /// Adds a regular file with the given mode.
    pub fn add_file_mode(&mut self, rel: &str, content: impl Into<Content>, mode: u32) {
        let rel = clean(rel);
        if !rel.is_empty() {
            self.entries.insert(rel, ContextEntry { content: Some(content.into()), mode, link: None });
        }
    }

    /// Adds an (empty) directory.
    pub fn add_dir(&mut self, rel: &str) {
        let rel = clean(rel);
        if !rel.is_empty() {
            self.entries.insert(rel, ContextEntry { content: None, mode: 0o755, link: None });
        }
    }

    /// Adds a symbolic link to `target`.
    pub fn add_symlink(&mut self, rel: &str, target: &str) {
        let rel = clean(rel);
        if !rel.is_empty() {
            self.entries.insert(rel, ContextEntry { content: None, mode: 0o777, link: Some(target.to_string()) });
        }
    }

    /// The entry at a context-relative path (links not followed).
    pub fn entry(&self, rel: &str) -> Option<&ContextEntry> {
        self.entries.get(&clean(rel))
    }

    /// The contents of the file at `rel`, following symbolic links inside the context only
    /// (an absolute target or `..` never leaves its root), as Docker reads the Dockerfile.
    pub fn read_scoped(&self, rel: &str) -> Option<&Content> {
        let mut at = clean(rel);
        for _ in 0..40 {
            let e = self.entries.get(&at)?;
            match &e.link {
                Some(target) => {
                    let dir = path::join("/", &at);
                    at = clean(&path::normalize(path::parent(&dir), target));
                }
                None => return e.content.as_ref(),
            }
        }
        None
    }

    /// The entries, by relative path.
    pub fn entries(&self) -> impl Iterator<Item = (&String, &ContextEntry)> {
        self.entries.iter()
    }

    /// The contents of a file, if present.
    pub fn file(&self, rel: &str) -> Option<&Content> {
        self.entries.get(&clean(rel)).and_then(|e| e.content.as_ref())
    }

    /// The context as a filesystem rooted at `/`, without what `.dockerignore` excludes
    /// (the `.dockerignore` file itself and the Dockerfile stay visible, as in Docker).
    pub fn to_tree(&self) -> Tree {
        let ignore = self.file(".dockerignore").map(|c| Ignore::parse(&String::from_utf8_lossy(&c.bytes())));
        let mut tree = Tree::new();
        for (rel, e) in &self.entries {
            if ignore.as_ref().is_some_and(|i| i.excludes(rel)) {
                continue;
            }
            let meta = Meta { mode: e.mode, uid: 0, gid: 0, mtime: self.mtime };
            let kind = match (&e.content, &e.link) {
                (_, Some(target)) => NodeKind::Symlink(target.clone()),
                (Some(c), None) => NodeKind::File(c.clone()),
                (None, None) => NodeKind::Dir,
            };
            let at = path::join("/", rel);
            for anc in path::ancestors(&at).into_iter().skip(1) {
                if tree.get(anc).is_none() {
                    tree.insert(anc, Node { kind: NodeKind::Dir, meta: Meta { mode: 0o755, ..meta }, ino: 0 });
                }
            }
            tree.insert(&at, Node { kind, meta, ino: 0 });
        }
        tree
    }
}

/// Normalizes a context-relative path: no leading `/` or `./`, no `..` above the root.
fn clean(rel: &str) -> String {
    path::normalize("/", rel).trim_start_matches('/').to_string()
}

/// `.dockerignore` rules: patterns matched against context-relative paths with Go's
/// `filepath.Match` syntax plus `**`; `!` re-includes; the last matching rule wins; a
/// directory that is excluded excludes what is inside it.
#[derive(Clone, Debug, Default)]
pub struct Ignore {
    rules: Vec<(bool, Vec<String>)>,
}

impl Ignore {
    /// Parses the file's text (comments and blank lines skipped).
    pub fn parse(text: &str) -> Ignore {
        let mut rules = Vec::new();
        for line in text.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (negate, pat) = match line.strip_prefix('!') {
                Some(rest) => (true, rest.trim()),
                None => (false, line),
            };
            let pat = clean(pat);
            if pat.is_empty() {
                continue;
            }
            rules.push((negate, pat.split('/').map(String::from).collect()));
        }
        Ignore { rules }
    }

    /// True when some rule re-includes (`!pattern`): an excluded directory may then still
    /// hold included files.
    pub fn has_exceptions(&self) -> bool {
        self.rules.iter().any(|(negate, _)| *negate)
    }

    /// True when `rel` (context-relative) is excluded.
    pub fn excludes(&self, rel: &str) -> bool {
        let parts: Vec<&str> = rel.split('/').collect();
        let mut excluded = false;
        for (negate, pat) in &self.rules {
            // A rule matches the path itself or any of its parent directories.
            let hit = (1..=parts.len()).any(|n| match_parts(pat, &parts[..n]));
            if hit {
                excluded = !negate;
            }
        }
        excluded
    }
}

fn match_parts(pat: &[String], parts: &[&str]) -> bool {
    match pat.split_first() {
        None => parts.is_empty(),
        Some((p, rest)) if p == "**" => (0..=parts.len()).any(|i| match_parts(rest, &parts[i..])),
        Some((p, rest)) => match parts.split_first() {
            Some((first, others)) => glob_match(p, first) && match_parts(rest, others),
            None => false,
        },
    }
}

/// Matches one path component against a pattern with `*`, `?`, `[...]` (with `!`/`^`
/// negation and ranges) and `\` escapes, as Go's `filepath.Match` and shell globs do.
pub fn glob_match(pattern: &str, name: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let n: Vec<char> = name.chars().collect();
    glob_at(&p, &n)
}

fn glob_at(p: &[char], n: &[char]) -> bool {
    match p.first() {
        None => n.is_empty(),
        Some('*') => (0..=n.len()).any(|i| glob_at(&p[1..], &n[i..])),
        Some('?') => !n.is_empty() && glob_at(&p[1..], &n[1..]),
        Some('[') => {
            let Some(c) = n.first() else { return false };
            let mut i = 1;
            let negate = matches!(p.get(1), Some('!') | Some('^'));
            if negate {
                i += 1;
            }
            let mut matched = false;
            let mut first = true;
            while i < p.len() && (p[i] != ']' || first) {
                first = false;
                let lo = p[i];
                if i + 2 < p.len() && p[i + 1] == '-' && p[i + 2] != ']' {
                    if lo <= *c && *c <= p[i + 2] {
                        matched = true;
                    }
                    i += 3;
                } else {
                    if lo == *c {
                        matched = true;
                    }
                    i += 1;
                }
            }
            if i >= p.len() {
                return p[0] == *c && glob_at(&p[1..], &n[1..]);
            }
            matched != negate && glob_at(&p[i + 1..], &n[1..])
        }
        Some('\\') if p.len() > 1 => !n.is_empty() && n[0] == p[1] && glob_at(&p[2..], &n[1..]),
        Some(c) => !n.is_empty() && n[0] == *c && glob_at(&p[1..], &n[1..]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globbing() {
        assert!(glob_match("*.go", "main.go"));
        assert!(!glob_match("*.go", "main.rs"));
        assert!(glob_match("fil?[0-9]", "file7"));
        assert!(glob_match("[!a]x", "bx"));
        assert!(!glob_match("[!a]x", "ax"));
        assert!(glob_match("\\*", "*"));
    }

    #[test]
    fn dockerignore_rules() {
        let i = Ignore::parse("# comment\nnode_modules\n*.log\n!keep.log\n**/secret*\n/build/tmp\n");
        assert!(i.excludes("node_modules"));
        assert!(i.excludes("node_modules/x/y.js"));
        assert!(i.excludes("debug.log"));
        assert!(!i.excludes("keep.log"));
        assert!(!i.excludes("sub/debug.log"));
        assert!(i.excludes("a/b/secret.txt"));
        assert!(i.excludes("secret.env"));
        assert!(i.excludes("build/tmp/x"));
        assert!(!i.excludes("build/out"));
    }

    #[test]
    fn context_tree_applies_dockerignore() {
        let mut c = Context::new();
        c.add_file("app/main.go", "package main");
        c.add_file("app/debug.log", "noise");
        c.add_file(".dockerignore", "*/*.log\n");
        let t = c.to_tree();
        assert!(t.get("/app/main.go").is_some());
        assert!(t.get("/app/debug.log").is_none());
        assert!(t.get("/.dockerignore").is_some());
    }
}
