//! Putting a package's files into a tree and taking them out again, with dpkg's
//! `path-exclude` / `path-include` filters.

use crate::vfs::path::{normalize, parent};
use crate::vfs::{Meta, NodeKind, Tree};

use super::model::{FileEntry, Package, UserSpec};

/// dpkg's path filters (`/etc/dpkg/dpkg.cfg.d/*`): the last matching rule wins.
#[derive(Clone, Debug, Default)]
pub struct PathFilter {
    rules: Vec<(bool, String)>,
}

impl PathFilter {
    /// No filtering.
    pub fn none() -> Self {
        Self::default()
    }

    /// Reads `path-exclude=` and `path-include=` lines of dpkg configuration text.
    pub fn parse(text: &str) -> Self {
        let mut f = Self::default();
        f.add(text);
        f
    }

    /// Adds the rules of another configuration file.
    pub fn add(&mut self, text: &str) {
        for line in text.lines() {
            let line = line.trim();
            if let Some(p) = line.strip_prefix("path-exclude") {
                self.rules.push((false, p.trim_start_matches(['=', ' ']).trim().to_string()));
            } else if let Some(p) = line.strip_prefix("path-include") {
                self.rules.push((true, p.trim_start_matches(['=', ' ']).trim().to_string()));
            }
        }
    }

    /// The filters configured in the tree (`/etc/dpkg/dpkg.cfg.d/*`).
    pub fn from_tree(tree: &Tree) -> Self {
        let mut f = Self::default();
        let files: Vec<String> = tree.children("/etc/dpkg/dpkg.cfg.d").map(|(n, _)| n.to_string()).collect();
        for name in files {
            if let Ok(c) = tree.read("/", &format!("/etc/dpkg/dpkg.cfg.d/{name}")) {
                f.add(&String::from_utf8_lossy(&c.bytes()));
            }
        }
        f
    }

    /// True when `path` should be installed.
    pub fn allows(&self, path: &str) -> bool {
        let mut ok = true;
        for (include, pat) in &self.rules {
            if glob(pat.as_bytes(), path.as_bytes()) {
                ok = *include;
            }
        }
        ok
    }
}

/// fnmatch without `FNM_PATHNAME`: `*` also matches `/`.
pub fn glob(pat: &[u8], s: &[u8]) -> bool {
    match pat.first() {
        None => s.is_empty(),
        Some(b'*') => (0..=s.len()).any(|i| glob(&pat[1..], &s[i..])),
        Some(b'?') => !s.is_empty() && glob(&pat[1..], &s[1..]),
        Some(c) => s.first() == Some(c) && glob(&pat[1..], &s[1..]),
    }
}

/// Installs the package's files (those `filter` allows); returns the paths installed,
/// directories included, in order. Existing directories are kept; files and links are
/// replaced.
pub fn install_files(tree: &mut Tree, pkg: &Package, filter: &PathFilter, now: i64) -> Vec<String> {
    let mut done = Vec::new();
    for entry in &pkg.files {
        let path = entry.path();
        if !filter.allows(path) {
            continue;
        }
        let dir = parent(path).to_string();
        if tree.mkdir_all("/", &dir, Meta { mode: 0o755, uid: 0, gid: 0, mtime: now }).is_err() {
            continue;
        }
        for anc in crate::vfs::path::ancestors(path).into_iter().skip(1) {
            let Ok(real) = tree.resolve("/", anc, true) else { continue };
            if !done.contains(&real) {
                done.push(real);
            }
        }
        let ok = match entry {
            FileEntry::Dir { mode, uid, gid, .. } => {
                let at = tree.mkdir_all("/", path, Meta { mode: *mode, uid: *uid, gid: *gid, mtime: now });
                at.and_then(|at| {
                    tree.update_meta("/", &at, false, |m| {
                        m.mode = *mode;
                        m.uid = *uid;
                        m.gid = *gid;
                    })
                })
                .is_ok()
            }
            FileEntry::File { content, mode, uid, gid, .. } => {
                clear_non_dir(tree, path);
                let meta = Meta { mode: *mode, uid: *uid, gid: *gid, mtime: now };
                tree.write_file("/", path, content.clone(), meta)
                    .and_then(|at| tree.update_meta("/", &at, false, |m| *m = meta))
                    .is_ok()
            }
            FileEntry::Link { target, .. } => {
                clear_non_dir(tree, path);
                tree.symlink("/", target, path, Meta { mode: 0o777, uid: 0, gid: 0, mtime: now }).is_ok()
            }
            FileEntry::Hard { target, .. } => {
                clear_non_dir(tree, path);
                tree.hard_link("/", target, path).is_ok()
            }
        };
        if ok && !done.iter().any(|d| d == path) {
            done.push(path.to_string());
        }
    }
    done
}

/// The packages to install for `requested` in dependency order (dependencies first), by
/// level: each level holds what the one before it pulled in, with the package that
/// needed it (`(package, needed by)`). Installed packages (`installed`) and ones the
/// catalogue lacks are left out.
pub fn resolve<'a>(
    cat: &'a [Package],
    requested: &[&'a Package],
    installed: &dyn Fn(&str) -> bool,
) -> Vec<Vec<(&'a Package, Option<&'a Package>)>> {
    let mut levels: Vec<Vec<(&'a Package, Option<&'a Package>)>> = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    let mut level: Vec<(&'a Package, Option<&'a Package>)> = Vec::new();
    for p in requested {
        if !installed(&p.name) && !seen.contains(&p.key.as_str()) {
            seen.push(&p.key);
            level.push((p, None));
        }
    }
    while !level.is_empty() {
        let mut next = Vec::new();
        for (p, _) in &level {
            for dep in &p.depends {
                let Some(q) = super::repo::find(cat, dep) else { continue };
                if !installed(&q.name) && !seen.contains(&q.key.as_str()) {
                    seen.push(&q.key);
                    next.push((q, Some(*p)));
                }
            }
        }
        levels.push(level);
        level = next;
    }
    levels
}

/// Removes a file or link at `path` (not following a final link) if it is not a directory.
fn clear_non_dir(tree: &mut Tree, path: &str) {
    if let Ok(at) = tree.resolve("/", path, false) {
        if tree.get(&at).is_some_and(|n| !n.is_dir()) {
            tree.remove_subtree(&at);
        }
    }
}

/// Standard directories that stay even when a removal leaves them empty.
const KEEP: &[&str] = &[
    "/",
    "/bin",
    "/sbin",
    "/lib",
    "/lib64",
    "/etc",
    "/usr",
    "/usr/bin",
    "/usr/sbin",
    "/usr/lib",
    "/usr/lib64",
    "/usr/libexec",
    "/usr/share",
    "/usr/include",
    "/usr/local",
    "/usr/local/bin",
    "/usr/local/lib",
    "/usr/local/share",
    "/var",
    "/var/lib",
    "/var/cache",
    "/var/log",
    "/tmp",
    "/root",
    "/home",
    "/opt",
    "/usr/lib/x86_64-linux-gnu",
    "/usr/share/doc",
    "/usr/share/man",
    "/etc/ssl",
    "/etc/ssl/certs",
];

/// Removes the files of a package given its recorded path list: files and links first,
/// then directories that are left empty (deepest first). Shared directories stay.
pub fn remove_paths(tree: &mut Tree, paths: &[String]) {
    let mut dirs = Vec::new();
    for p in paths {
        let p = normalize("/", p);
        let Ok(at) = tree.resolve("/", &p, false) else { continue };
        match tree.get(&at).map(|n| n.kind.clone()) {
            Some(NodeKind::Dir) => dirs.push(at),
            Some(_) => tree.remove_subtree(&at),
            None => {}
        }
    }
    crate::util::sort::sort_by_key(&mut dirs, |d| std::cmp::Reverse(d.len()));
    for d in dirs {
        if !KEEP.contains(&d.as_str()) && tree.children(&d).next().is_none() {
            tree.remove_subtree(&d);
        }
    }
}

/// Adds the accounts a package creates to `/etc/passwd`, `/etc/group` and, when present,
/// `/etc/shadow`; returns the names added (existing ones are left alone).
pub fn add_users(tree: &mut Tree, users: &[UserSpec], now: i64) -> Vec<String> {
    let mut added = Vec::new();
    for u in users {
        let passwd = read_text(tree, "/etc/passwd");
        if passwd.lines().any(|l| l.split(':').next() == Some(&u.name)) {
            continue;
        }
        let group = read_text(tree, "/etc/group");
        append(
            tree,
            "/etc/passwd",
            &passwd,
            &format!("{}:x:{}:{}:{}:{}:{}\n", u.name, u.uid, u.gid, u.name, u.home, u.shell),
            now,
        );
        if !group.lines().any(|l| l.split(':').next() == Some(&u.name)) {
            append(tree, "/etc/group", &group, &format!("{}:x:{}:{}\n", u.name, u.gid, u.name), now);
        }
        if tree.get("/etc/shadow").is_some() {
            let shadow = read_text(tree, "/etc/shadow");
            append(tree, "/etc/shadow", &shadow, &format!("{}:!:{}:0:99999:7:::\n", u.name, now / 86400), now);
        }
        let _ = tree.mkdir_all("/", &u.home, Meta { mode: 0o755, uid: u.uid, gid: u.gid, mtime: now });
        added.push(u.name.clone());
    }
    added
}

/// The text of a file, empty when missing.
pub fn read_text(tree: &Tree, path: &str) -> String {
    tree.read("/", path).map(|c| String::from_utf8_lossy(&c.bytes()).into_owned()).unwrap_or_default()
}

fn append(tree: &mut Tree, path: &str, old: &str, line: &str, now: i64) {
    let mut text = old.to_string();
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    text.push_str(line);
    let _ = tree.write_file("/", path, text.into(), Meta { mode: 0o644, uid: 0, gid: 0, mtime: now });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::model::parse;

    #[test]
    fn filters_follow_dpkg_rules() {
        let f = PathFilter::parse(
            "path-exclude /usr/share/doc/*\npath-include /usr/share/doc/*/copyright\npath-exclude=/usr/share/man/*\n",
        );
        assert!(!f.allows("/usr/share/doc/curl/changelog.gz"));
        assert!(f.allows("/usr/share/doc/curl/copyright"));
        assert!(!f.allows("/usr/share/man/man1/curl.1.gz"));
        assert!(f.allows("/usr/bin/curl"));
    }

    #[test]
    fn install_then_remove_through_usrmerge_links() {
        let mut t = Tree::new();
        t.mkdir_all("/", "/usr/bin", Meta::root(0o755)).unwrap();
        t.symlink("/", "usr/bin", "/bin", Meta::root(0o777)).unwrap();
        let p = &parse(
            "@ tool 1.0\nf /bin/tool 2K\nL /bin/t tool\nD /var/lib/tool 0700\nf /usr/share/doc/tool/x 1K",
            "any",
            &[],
        )
        .unwrap()[0];
        let filter = PathFilter::parse("path-exclude /usr/share/doc/*");
        let paths = install_files(&mut t, p, &filter, 5);
        assert_eq!(t.read("/", "/usr/bin/tool").unwrap().len(), 2048);
        assert_eq!(t.get("/usr/bin/tool").unwrap().meta.mode, 0o755);
        assert!(t.get("/usr/share/doc").is_none());
        assert_eq!(t.get("/var/lib/tool").unwrap().meta.mode, 0o700);
        assert!(paths.contains(&"/var/lib".to_string()));
        remove_paths(&mut t, &paths);
        assert!(t.get("/usr/bin/tool").is_none());
        assert!(t.get("/var/lib/tool").is_none());
        assert!(t.get("/usr/bin").is_some());
        assert!(t.get("/bin").is_some());
    }

    #[test]
    fn users_are_appended_once() {
        let mut t = Tree::new();
        t.mkdir("/", "/etc", Meta::root(0o755)).unwrap();
        t.write_file("/", "/etc/passwd", "root:x:0:0:root:/root:/bin/sh\n".into(), Meta::root(0o644)).unwrap();
        let u = UserSpec {
            name: "nginx".into(),
            uid: 101,
            gid: 101,
            home: "/var/lib/nginx".into(),
            shell: "/sbin/nologin".into(),
        };
        assert_eq!(add_users(&mut t, std::slice::from_ref(&u), 0), vec!["nginx".to_string()]);
        assert!(add_users(&mut t, &[u], 0).is_empty());
        assert_eq!(read_text(&t, "/etc/passwd").lines().count(), 2);
        assert_eq!(read_text(&t, "/etc/group"), "nginx:x:101:nginx\n");
    }
}
