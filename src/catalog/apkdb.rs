//! Alpine's installed-package database (`/lib/apk/db/installed`) and world file.

use crate::vfs::{NodeKind, Tree};

use super::model::{hash64, Package};

/// Where apk keeps its database.
pub const DB_PATH: &str = "/lib/apk/db/installed";
/// The packages the user asked for.
pub const WORLD_PATH: &str = "/etc/apk/world";

/// One package record of the database.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ApkEntry {
    /// `P:`
    pub name: String,
    /// `V:`
    pub version: String,
    /// `A:`
    pub arch: String,
    /// `S:` package file size.
    pub size: u64,
    /// `I:` installed size.
    pub installed_size: u64,
    /// `T:`
    pub description: String,
    /// `U:`
    pub url: String,
    /// `L:`
    pub license: String,
    /// `o:` origin (source package).
    pub origin: String,
    /// `m:`
    pub maintainer: String,
    /// `t:` build time.
    pub build_time: i64,
    /// `D:` dependencies.
    pub depends: Vec<String>,
    /// Owned paths: absolute, directories flagged, with permission bits.
    pub paths: Vec<(String, bool, u32)>,
}

impl ApkEntry {
    /// The record for `pkg` installed as `paths` (as returned by the installer).
    pub fn from_package(pkg: &Package, paths: &[String], tree: &Tree, build_time: i64) -> Self {
        let paths = paths
            .iter()
            .filter_map(|p| {
                let at = tree.resolve("/", p, false).ok()?;
                let n = tree.get(&at)?;
                Some((at, n.is_dir(), if matches!(n.kind, NodeKind::Symlink(_)) { 0o777 } else { n.meta.mode }))
            })
            .collect();
        ApkEntry {
            name: pkg.name.clone(),
            version: pkg.version.clone(),
            arch: if pkg.arch.is_empty() { "x86_64".into() } else { pkg.arch.clone() },
            size: pkg.download_size(),
            installed_size: pkg.installed_size().div_ceil(4096) * 4096,
            description: pkg.description.clone(),
            url: pkg.url.clone(),
            license: pkg.license.clone(),
            origin: pkg.name.clone(),
            maintainer: if pkg.maintainer.is_empty() {
                "Natanael Copa <ncopa@alpinelinux.org>".into()
            } else {
                pkg.maintainer.clone()
            },
            build_time,
            depends: pkg.depends.clone(),
            paths,
        }
    }

    /// The files (not directories) the package owns.
    pub fn files(&self) -> impl Iterator<Item = &str> {
        self.paths.iter().filter(|(_, d, _)| !d).map(|(p, _, _)| p.as_str())
    }

    /// The record in the database's text format.
    pub fn render(&self) -> String {
        let mut s = String::new();
        let sum = checksum(&format!("{}-{}", self.name, self.version));
        s += &format!(
            "C:{sum}\nP:{}\nV:{}\nA:{}\nS:{}\nI:{}\n",
            self.name, self.version, self.arch, self.size, self.installed_size
        );
        s += &format!(
            "T:{}\nU:{}\nL:{}\no:{}\nm:{}\nt:{}\n",
            self.description, self.url, self.license, self.origin, self.maintainer, self.build_time
        );
        s += &format!(
            "c:{:016x}{:016x}{:08x}\n",
            hash64(self.name.as_bytes()),
            hash64(self.version.as_bytes()),
            self.build_time as u32
        );
        if !self.depends.is_empty() {
            s += &format!("D:{}\n", self.depends.join(" "));
        }
        let mut cur_dir: Option<String> = None;
        for (p, is_dir, mode) in &self.paths {
            if *is_dir {
                s += &format!("F:{}\n", p.trim_start_matches('/'));
                if *mode != 0o755 {
                    s += &format!("M:0:0:{mode:o}\n");
                }
                cur_dir = Some(p.clone());
                continue;
            }
            let (dir, name) = p.rsplit_once('/').unwrap_or(("", p));
            let dir = if dir.is_empty() { "/" } else { dir };
            if cur_dir.as_deref() != Some(dir) {
                s += &format!("F:{}\n", dir.trim_start_matches('/'));
                cur_dir = Some(dir.to_string());
            }
            s += &format!("R:{name}\n");
            if *mode != 0o644 {
                s += &format!("a:0:0:{mode:o}\n");
            }
            s += &format!("Z:{}\n", checksum(p));
        }
        s.push('\n');
        s
    }
}

/// A fake but well-formed apk checksum (`Q1` and base64 of 20 bytes).
pub fn checksum(seed: &str) -> String {
    let mut bytes = Vec::with_capacity(24);
    let mut h = hash64(seed.as_bytes());
    for _ in 0..3 {
        bytes.extend_from_slice(&h.to_le_bytes());
        h = hash64(&h.to_le_bytes());
    }
    bytes.truncate(20);
    format!("Q1{}", crate::util::base64::encode(&bytes))
}

/// Reads the database text.
pub fn parse(text: &str) -> Vec<ApkEntry> {
    let mut out = Vec::new();
    let mut cur = ApkEntry::default();
    let mut dir = String::new();
    let mut last_file: Option<usize> = None;
    let flush = |cur: &mut ApkEntry, out: &mut Vec<ApkEntry>| {
        if !cur.name.is_empty() {
            out.push(std::mem::take(cur));
        }
    };
    for line in text.lines() {
        if line.is_empty() {
            flush(&mut cur, &mut out);
            last_file = None;
            continue;
        }
        let Some((k, v)) = line.split_once(':') else { continue };
        match k {
            "P" => cur.name = v.into(),
            "V" => cur.version = v.into(),
            "A" => cur.arch = v.into(),
            "S" => cur.size = v.parse().unwrap_or(0),
            "I" => cur.installed_size = v.parse().unwrap_or(0),
            "T" => cur.description = v.into(),
            "U" => cur.url = v.into(),
            "L" => cur.license = v.into(),
            "o" => cur.origin = v.into(),
            "m" => cur.maintainer = v.into(),
            "t" => cur.build_time = v.parse().unwrap_or(0),
            "D" => cur.depends = v.split_whitespace().map(String::from).collect(),
            "F" => {
                dir = format!("/{v}");
                cur.paths.push((dir.clone(), true, 0o755));
                last_file = Some(cur.paths.len() - 1);
            }
            "R" => {
                let p = if dir == "/" { format!("/{v}") } else { format!("{dir}/{v}") };
                cur.paths.push((p, false, 0o644));
                last_file = Some(cur.paths.len() - 1);
            }
            "a" | "M" => {
                if let (Some(i), Some(m)) =
                    (last_file, v.rsplit(':').next().and_then(|m| u32::from_str_radix(m, 8).ok()))
                {
                    cur.paths[i].2 = m;
                }
            }
            _ => {}
        }
    }
    flush(&mut cur, &mut out);
    out
}

/// The database of the tree (empty when missing).
pub fn load(tree: &Tree) -> Vec<ApkEntry> {
    parse(&super::install::read_text(tree, DB_PATH))
}

/// The whole database text.
pub fn render(entries: &[ApkEntry]) -> String {
    entries.iter().map(ApkEntry::render).collect()
}

/// The world file's package names.
pub fn load_world(tree: &Tree) -> Vec<String> {
    super::install::read_text(tree, WORLD_PATH).split_whitespace().map(String::from).collect()
}

/// The world file text: sorted names, one a line.
pub fn render_world(world: &[String]) -> String {
    let mut w: Vec<&String> = world.iter().collect();
    crate::util::sort::sort(&mut w);
    w.dedup();
    w.iter().map(|n| format!("{n}\n")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let e = ApkEntry {
            name: "musl".into(),
            version: "1.2.5-r0".into(),
            arch: "x86_64".into(),
            size: 411_323,
            installed_size: 655_360,
            description: "the musl c library (libc) implementation".into(),
            depends: vec!["so:libc".into()],
            paths: vec![
                ("/lib".into(), true, 0o755),
                ("/lib/ld-musl-x86_64.so.1".into(), false, 0o755),
                ("/lib/libc.musl-x86_64.so.1".into(), false, 0o777),
                ("/tmp".into(), true, 0o1777),
            ],
            ..ApkEntry::default()
        };
        let text = e.render();
        assert!(text.contains("P:musl\nV:1.2.5-r0\n"));
        assert!(text.contains("F:lib\nR:ld-musl-x86_64.so.1\na:0:0:755\nZ:Q1"));
        assert!(text.contains("F:tmp\nM:0:0:1777\n"));
        let back = parse(&(text.clone() + &text));
        assert_eq!(back.len(), 2);
        assert_eq!(back[0].paths, e.paths);
        assert_eq!(back[0].depends, e.depends);
        assert_eq!(checksum("x").len(), 30);
    }
}
