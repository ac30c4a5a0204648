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
/// directory that is excluded excludes what is inside it. Matching takes time linear in
/// the path and polynomial in the pattern (no backtracking blow-up).
#[derive(Clone, Debug, Default)]
pub struct Ignore {
    rules: Vec<(bool, Vec<Component>)>,
}

/// One `/`-separated part of a rule.
#[derive(Clone, Debug)]
enum Component {
    /// `**`: any number of path components, none included.
    AnyDepth,
    /// A component pattern.
    Glob(Vec<Tok>),
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
            let comps = pat
                .split('/')
                .map(|c| if c == "**" { Component::AnyDepth } else { Component::Glob(compile(c)) })
                .collect();
            rules.push((negate, comps));
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
            if matches_some_prefix(pat, &parts) {
                excluded = !negate;
            }
        }
        excluded
    }
}

/// True when `pat` matches `parts[..n]` for some `n >= 1`: one pass over the parts,
/// tracking every pattern position reachable so far.
fn matches_some_prefix(pat: &[Component], parts: &[&str]) -> bool {
    let close = |set: &mut Vec<bool>| {
        for j in 0..pat.len() {
            if set[j] && matches!(pat[j], Component::AnyDepth) {
                set[j + 1] = true;
            }
        }
    };
    let mut cur = vec![false; pat.len() + 1];
    cur[0] = true;
    close(&mut cur);
    for part in parts {
        let mut next = vec![false; pat.len() + 1];
        for j in 0..pat.len() {
            if !cur[j] {
                continue;
            }
            match &pat[j] {
                Component::AnyDepth => next[j] = true,
                Component::Glob(toks) => {
                    if glob_toks(toks, part) {
                        next[j + 1] = true;
                    }
                }
            }
        }
        close(&mut next);
        if next[pat.len()] {
            return true;
        }
        if !next.iter().any(|x| *x) {
            return false;
        }
        cur = next;
    }
    false
}

/// One element of a component pattern.
#[derive(Clone, Debug, PartialEq)]
enum Tok {
    /// A character matched as it is.
    Lit(char),
    /// `?`
    Any,
    /// `*` (consecutive stars are one).
    Star,
    /// `[...]`: ranges, negated with `!` or `^`.
    Class(Vec<(char, char)>, bool),
}

impl Tok {
    fn matches(&self, c: char) -> bool {
        match self {
            Tok::Lit(l) => *l == c,
            Tok::Any => true,
            Tok::Star => false,
            Tok::Class(ranges, negate) => ranges.iter().any(|(lo, hi)| *lo <= c && c <= *hi) != *negate,
        }
    }
}

fn compile(pattern: &str) -> Vec<Tok> {
    let p: Vec<char> = pattern.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < p.len() {
        match p[i] {
            '*' => {
                if out.last() != Some(&Tok::Star) {
                    out.push(Tok::Star);
                }
                i += 1;
            }
            '?' => {
                out.push(Tok::Any);
                i += 1;
            }
            '\\' if i + 1 < p.len() => {
                out.push(Tok::Lit(p[i + 1]));
                i += 2;
            }
            '[' => {
                let mut j = i + 1;
                let negate = matches!(p.get(j), Some('!') | Some('^'));
                if negate {
                    j += 1;
                }
                let mut ranges = Vec::new();
                let mut first = true;
                while j < p.len() && (p[j] != ']' || first) {
                    first = false;
                    if j + 2 < p.len() && p[j + 1] == '-' && p[j + 2] != ']' {
                        ranges.push((p[j], p[j + 2]));
                        j += 3;
                    } else {
                        ranges.push((p[j], p[j]));
                        j += 1;
                    }
                }
                if j >= p.len() {
                    // No closing bracket: a literal `[`.
                    out.push(Tok::Lit('['));
                    i += 1;
                } else {
                    out.push(Tok::Class(ranges, negate));
                    i = j + 1;
                }
            }
            c => {
                out.push(Tok::Lit(c));
                i += 1;
            }
        }
    }
    out
}

/// Matches a name against compiled tokens: greedy, backtracking only to the last `*`
/// (O(pattern × name)).
fn glob_toks(toks: &[Tok], name: &str) -> bool {
    let n: Vec<char> = name.chars().collect();
    let (mut t, mut i) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    loop {
        if t < toks.len() {
            match &toks[t] {
                Tok::Star => {
                    star = Some((t + 1, i));
                    t += 1;
                    continue;
                }
                tok if i < n.len() && tok.matches(n[i]) => {
                    t += 1;
                    i += 1;
                    continue;
                }
                _ => {}
            }
        } else if i == n.len() {
            return true;
        }
        match star {
            Some((st, si)) if si < n.len() => {
                star = Some((st, si + 1));
                t = st;
                i = si + 1;
            }
            _ => return false,
        }
    }
}

/// Matches one path component against a pattern with `*`, `?`, `[...]` (with `!`/`^`
/// negation and ranges) and `\` escapes, as Go's `filepath.Match` and shell globs do.
pub fn glob_match(pattern: &str, name: &str) -> bool {
    glob_toks(&compile(pattern), name)
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
        assert!(glob_match("[]a]", "]") && glob_match("a[", "a[") && !glob_match("a[", "a"));
        assert!(glob_match("*a*b*", "xxaxxbxx") && !glob_match("*a*b", "xxaxxbxx"));
        assert!(glob_match("a*", "a") && glob_match("*", "") && !glob_match("?", ""));
    }

    #[test]
    fn matching_is_not_exponential() {
        // Each of these took seconds to minutes with a backtracking matcher.
        let stars = format!("{}x", "*".repeat(30));
        let name = "a".repeat(60);
        assert!(!glob_match(&stars, &name));
        let i = Ignore::parse(&format!("{stars}\n{}/x\n", vec!["**"; 30].join("/")));
        let deep = vec!["a"; 200].join("/");
        assert!(!i.excludes(&deep));
        assert!(i.excludes(&format!("{deep}/x")));
        let stars_between = format!("*{}*", "a*".repeat(20));
        assert!(!glob_match(&stars_between, &"a".repeat(19)));
    }

    #[test]
    fn double_star_matches_any_depth() {
        let i = Ignore::parse("**/*.tmp\na/**/b\n**\n!keep/**\n");
        assert!(!i.excludes("keep/x"));
        assert!(i.excludes("x.tmp") && i.excludes("a/b") && i.excludes("a/x/y/b"));
        let i = Ignore::parse("a/**/b\n");
        assert!(i.excludes("a/b") && i.excludes("a/x/y/b/c") && !i.excludes("a/x") && !i.excludes("b"));
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
