//! Package descriptions and the compact line format the built-in catalogues and base images
//! are written in.
//!
//! A catalogue is a data file (`data/packages/<family>/*.pkgs`). Its first directive,
//! `releases a b c`, names the releases the file describes (any number of them; a release
//! with different data gets a file of its own). `@ name[|name…] version[|version…]`
//! starts a package (or `@ key=name|name…` when dependencies refer to it by another name),
//! and the lines up to the next `@` describe it. Values separated by `|` are per release,
//! in the order of the `releases` line (the last value stands for the later releases, `-`
//! means "not in this release"):
//!
//! | line | meaning |
//! | --- | --- |
//! | `d text` | one-line description |
//! | `u url`, `l license`, `s section`, `p priority`, `m maintainer` | metadata |
//! | `a arch` | architecture (default `x86_64` / `amd64`) |
//! | `o suite/component` | where apt downloads it (`focal-updates/main`; default `<codename>/main`) |
//! | `z bytes` | size of the package archive (default: estimated from the files) |
//! | `e` | `Essential: yes` |
//! | `dep a b`, `rec a b` | dependencies and recommendations (package keys) |
//! | `cmd a b` | commands with a simulated program (see `programs`) |
//! | `mod name:stream` | the module stream of an Enterprise Linux 8 package |
//! | `user name uid gid home shell` | an account the package's install script creates |
//! | `script pre-install` | an install script apk reports running |
//! | `f path size [mode] [uid:gid]` | a synthetic file (`12K`, `1.5M`, bytes) |
//! | `t path NAME [mode] [uid:gid]` | a text file from the catalogue's text table |
//! | `x path text` | a one-line text file (`\n` escapes) |
//! | `X path text` | the same, executable (0755): a script |
//! | `L path target` | a symbolic link |
//! | `H path existing` | a hard link |
//! | `D path [mode] [uid:gid]` | a directory |
//! | `scale x` | multiplies the sizes of the following `f` lines (per release) |
//! | `var name a\|b` | `{name}` in later paths becomes the release's value |
//!
//! In paths, `{v}` is the upstream version and `{mm}` its `major.minor`. A line starting
//! with `[3.19,3.21]` applies only to the releases named.

use crate::vfs::Content;

/// One entry a package installs.
#[derive(Clone, Debug, PartialEq)]
pub enum FileEntry {
    /// A directory.
    Dir {
        /// Absolute path.
        path: String,
        /// Permission bits.
        mode: u32,
        /// Owner.
        uid: u32,
        /// Group.
        gid: u32,
    },
    /// A regular file.
    File {
        /// Absolute path.
        path: String,
        /// Its contents (synthetic for binaries and data).
        content: Content,
        /// Permission bits.
        mode: u32,
        /// Owner.
        uid: u32,
        /// Group.
        gid: u32,
    },
    /// A symbolic link.
    Link {
        /// Absolute path of the link.
        path: String,
        /// What it points to.
        target: String,
    },
    /// A hard link to a file installed earlier.
    Hard {
        /// Absolute path of the new name.
        path: String,
        /// The existing file.
        target: String,
    },
}

impl FileEntry {
    /// The path the entry installs.
    pub fn path(&self) -> &str {
        match self {
            FileEntry::Dir { path, .. }
            | FileEntry::File { path, .. }
            | FileEntry::Link { path, .. }
            | FileEntry::Hard { path, .. } => path,
        }
    }
}

/// An account created by a package's install script.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UserSpec {
    /// Login name (also the group name).
    pub name: String,
    /// User id.
    pub uid: u32,
    /// Group id.
    pub gid: u32,
    /// Home directory.
    pub home: String,
    /// Login shell.
    pub shell: String,
}

/// A package of one release.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Package {
    /// The name dependencies use (the same in every release).
    pub key: String,
    /// The name in this release (for example `libssl3t64` on Ubuntu 24.04).
    pub name: String,
    /// Full version (`8.9.1-r0`, `7.88.1-10+deb12u8`, `1:2.39.5-0+deb12u1`).
    pub version: String,
    /// Architecture; empty means the distribution's native one.
    pub arch: String,
    /// The archive suite and component apt downloads it from (`focal-updates/main`); empty
    /// means the release's own suite's `main`.
    pub suite: String,
    /// Bytes of the package archive as the repository's index gives them; 0: estimated.
    pub archive_size: u64,
    /// One-line description.
    pub description: String,
    /// Project home page.
    pub url: String,
    /// License.
    pub license: String,
    /// Debian section.
    pub section: String,
    /// Debian priority.
    pub priority: String,
    /// Maintainer.
    pub maintainer: String,
    /// Debian `Essential: yes`.
    pub essential: bool,
    /// Keys of required packages.
    pub depends: Vec<String>,
    /// Keys of recommended packages (installed by apt unless `--no-install-recommends`).
    pub recommends: Vec<String>,
    /// Commands with a simulated program.
    pub commands: Vec<String>,
    /// The module stream a package of Enterprise Linux 8's AppStream comes from
    /// (`httpd:2.4`); dnf enables it when it installs the package.
    pub module: String,
    /// Accounts the install script creates.
    pub users: Vec<UserSpec>,
    /// Install scripts apk reports (`pre-install`, `post-install`).
    pub scripts: Vec<String>,
    /// What the package installs, in order.
    pub files: Vec<FileEntry>,
}

impl Package {
    /// The upstream version: no epoch, no distribution revision.
    pub fn upstream_version(&self) -> String {
        upstream(&self.version)
    }

    /// Bytes the installed files take (hard links counted once).
    pub fn installed_size(&self) -> u64 {
        self.files
            .iter()
            .map(|f| match f {
                FileEntry::File { content, .. } => content.len(),
                FileEntry::Link { target, .. } => target.len() as u64,
                _ => 0,
            })
            .sum()
    }

    /// Bytes of the compressed package archive: the index's when the catalogue gives it,
    /// else deterministic, about 40% of installed.
    pub fn download_size(&self) -> u64 {
        if self.archive_size > 0 {
            return self.archive_size;
        }
        let inst = self.installed_size();
        let h = hash64(self.name.as_bytes()) % 9;
        1200 + inst * (34 + h) / 100
    }
}

/// The upstream part of a package version: `1:2.39.5-0+deb12u1` gives `2.39.5`,
/// `3.12.6-r0` gives `3.12.6`, `13.2.1_git20240309-r0` gives `13.2.1`.
pub fn upstream(version: &str) -> String {
    let v = version.split_once(':').map_or(version, |(_, r)| r);
    let v = v.rsplit_once('-').map_or(v, |(u, _)| u);
    let v = v.split(['_', '+', '~']).next().unwrap_or(v);
    v.to_string()
}

/// A version without its epoch (`4.2.1-11.el8` of `1:4.2.1-11.el8`).
pub fn without_epoch(version: &str) -> &str {
    version.split_once(':').map_or(version, |(_, v)| v)
}

/// `major.minor` of a version (`3.12.6` gives `3.12`).
pub fn major_minor(version: &str) -> String {
    let up = upstream(version);
    let mut it = up.split('.');
    match (it.next(), it.next()) {
        (Some(a), Some(b)) => format!("{a}.{b}"),
        (Some(a), None) => a.to_string(),
        _ => up.clone(),
    }
}

/// `(major, minor)` of a version as numbers, for comparing (`8.4-47.el6` gives `(8, 4)`,
/// `8.32-4.1ubuntu1` gives `(8, 32)`).
pub fn version_pair(version: &str) -> (u32, u32) {
    let up = upstream(version);
    let mut it = up.split('.').map(|n| n.parse::<u32>().unwrap_or(0));
    (it.next().unwrap_or(0), it.next().unwrap_or(0))
}

/// FNV-1a: a small stable hash for seeds and fake checksums.
pub fn hash64(data: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in data {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// The package name and version a catalogue file's synthetic content names (every `f`
/// file is labelled `<package> <version> <path>`): how a program found on `PATH` knows
/// what it is, whether a distribution package or an image layer put it there.
pub fn label_of(content: &Content) -> Option<(String, String)> {
    // Synthetic content, or its bytes stored in a layer and read back.
    let label = content.label()?;
    let mut words = label.split(' ');
    let (name, version, path) = (words.next()?, words.next()?, words.next()?);
    (path.starts_with('/') && words.next().is_none()).then(|| (name.to_string(), version.to_string()))
}

/// Why a catalogue line could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{file} line {line}: {msg}")]
pub struct ParseError {
    /// The data file (`data/packages/alpine/base.pkgs`).
    pub file: String,
    /// 1-based line number.
    pub line: usize,
    /// What is wrong.
    pub msg: String,
}

impl ParseError {
    /// The same error, naming `file`.
    pub fn in_file(self, file: &str) -> ParseError {
        ParseError { file: file.to_string(), ..self }
    }
}

/// The releases a catalogue's `releases` line names (empty when it has none: then every
/// value is the same for all releases).
pub fn releases(src: &str) -> Vec<&str> {
    src.lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('#'))
        .and_then(|l| l.strip_prefix("releases "))
        .map(|r| r.split_whitespace().collect())
        .unwrap_or_default()
}

/// Parses a catalogue for `release`; `texts` resolves `t` lines. A release the
/// `releases` line does not name is an error.
pub fn parse(src: &str, release: &str, texts: &[(&str, &str)]) -> Result<Vec<Package>, ParseError> {
    let names = releases(src);
    let column = match names.iter().position(|r| *r == release) {
        Some(c) => c,
        None if names.is_empty() => 0,
        None => {
            return Err(ParseError {
                file: String::new(),
                line: 1,
                msg: format!("release {release} is not one of {}", names.join(" ")),
            })
        }
    };
    let mut out: Vec<Package> = Vec::new();
    let mut started = false;
    let mut cur: Option<Package> = None;
    let mut skipping = false;
    let mut scale = 1.0f64;
    let mut vars: Vec<(String, String)> = Vec::new();
    for (i, raw) in src.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let err = |msg: &str| ParseError { file: String::new(), line: i + 1, msg: msg.to_string() };
        let line = match line.strip_prefix('[').and_then(|l| l.split_once(']')) {
            Some((rels, rest)) => {
                let rels: Vec<&str> = rels.split(',').map(str::trim).collect();
                if let Some(bad) = rels.iter().find(|r| !names.contains(r)) {
                    return Err(err(&format!("release {bad} is not on the releases line")));
                }
                if !rels.contains(&release) {
                    continue;
                }
                rest.trim()
            }
            None => line,
        };
        let (op, rest) = line.split_once(' ').unwrap_or((line, ""));
        let rest = rest.trim();
        let first = !started;
        started = true;
        if op == "releases" {
            if !first {
                return Err(err("the releases line must come first"));
            }
            continue;
        }
        if op == "@" {
            if let Some(p) = cur.take() {
                out.push(p);
            }
            let mut parts = rest.split_whitespace();
            let names = parts.next().ok_or_else(|| err("package without a name"))?;
            let versions = parts.next().ok_or_else(|| err("package without a version"))?;
            let version = pick(versions, column);
            skipping = version == "-";
            if !skipping {
                let (key, names) = match names.split_once('=') {
                    Some((k, n)) => (k.to_string(), n),
                    None => (names.split('|').next().unwrap_or(names).to_string(), names),
                };
                cur = Some(Package {
                    key,
                    name: pick(names, column).to_string(),
                    version: version.to_string(),
                    ..Package::default()
                });
            }
            continue;
        }
        if op == "var" {
            let (name, vals) = rest.split_once(' ').ok_or_else(|| err("var needs a name and values"))?;
            vars.retain(|(n, _)| n != name);
            vars.push((format!("{{{name}}}"), pick(vals.trim(), column).to_string()));
            continue;
        }
        if op == "scale" {
            scale = pick(rest, column).parse().map_err(|_| err("bad scale"))?;
            continue;
        }
        if skipping {
            continue;
        }
        let p = cur.as_mut().ok_or_else(|| err("line outside a package"))?;
        let subst = |s: &str| {
            let mut s = s.replace("{v}", &upstream(&p.version)).replace("{mm}", &major_minor(&p.version));
            for (k, v) in &vars {
                s = s.replace(k.as_str(), v);
            }
            s
        };
        let words: Vec<&str> = rest.split_whitespace().collect();
        match op {
            "d" => p.description = rest.to_string(),
            "u" => p.url = rest.to_string(),
            "l" => p.license = rest.to_string(),
            "s" => p.section = rest.to_string(),
            "p" => p.priority = rest.to_string(),
            "m" => p.maintainer = rest.to_string(),
            "a" => p.arch = rest.to_string(),
            "o" => p.suite = rest.to_string(),
            "z" => p.archive_size = rest.parse().map_err(|_| err("z needs a size in bytes"))?,
            "e" => p.essential = true,
            "dep" => p.depends.extend(words.iter().map(|w| w.to_string())),
            "rec" => p.recommends.extend(words.iter().map(|w| w.to_string())),
            "cmd" => p.commands.extend(words.iter().map(|w| w.to_string())),
            "mod" => p.module = rest.to_string(),
            "script" => p.scripts.extend(words.iter().map(|w| w.to_string())),
            "user" => {
                if words.len() != 5 {
                    return Err(err("user needs name uid gid home shell"));
                }
                let num = |s: &str| s.parse::<u32>().map_err(|_| err("bad id"));
                p.users.push(UserSpec {
                    name: words[0].into(),
                    uid: num(words[1])?,
                    gid: num(words[2])?,
                    home: words[3].into(),
                    shell: words[4].into(),
                });
            }
            "f" | "t" => {
                if words.len() < 2 {
                    return Err(err("file needs a path and a size or text name"));
                }
                let path = subst(words[0]);
                let content = if op == "f" {
                    let size = parse_size(words[1]).ok_or_else(|| err("bad size"))?;
                    let size = (size as f64 * scale).round() as u64;
                    let seed = hash64(format!("{}@{}", path, p.version).as_bytes());
                    let label = format!("{} {} {}", p.name, p.version, path);
                    Content::synthetic(size, seed, &label)
                } else {
                    let text = texts.iter().find(|(n, _)| *n == words[1]).ok_or_else(|| err("unknown text"))?.1;
                    Content::from(text)
                };
                let (mode, uid, gid) = mode_owner(&words[2..], default_mode(&path)).map_err(|m| err(&m))?;
                p.files.push(FileEntry::File { path, content, mode, uid, gid });
            }
            "x" | "X" => {
                let (path, text) = rest.split_once(' ').ok_or_else(|| err("x needs a path and text"))?;
                let text = text.replace("\\n", "\n");
                let mode = if op == "X" { 0o755 } else { 0o644 };
                p.files.push(FileEntry::File { path: subst(path), content: Content::from(text), mode, uid: 0, gid: 0 });
            }
            "L" | "H" => {
                if words.len() != 2 {
                    return Err(err("link needs a path and a target"));
                }
                let (path, target) = (subst(words[0]), subst(words[1]));
                p.files.push(if op == "L" {
                    FileEntry::Link { path, target }
                } else {
                    FileEntry::Hard { path, target }
                });
            }
            "D" => {
                let path = subst(words.first().ok_or_else(|| err("dir needs a path"))?);
                let (mode, uid, gid) = mode_owner(&words[1..], 0o755).map_err(|m| err(&m))?;
                p.files.push(FileEntry::Dir { path, mode, uid, gid });
            }
            _ => return Err(err(&format!("unknown directive {op}"))),
        }
    }
    if let Some(p) = cur.take() {
        out.push(p);
    }
    Ok(out)
}

/// The value of `a|b|c` for `column` (the last one for later columns).
fn pick(cols: &str, column: usize) -> &str {
    let parts: Vec<&str> = cols.split('|').collect();
    parts.get(column).or(parts.last()).copied().unwrap_or(cols)
}

/// `12K`, `1.5M`, `800` to bytes.
pub fn parse_size(s: &str) -> Option<u64> {
    let (num, mult) = match s.as_bytes().last()? {
        b'K' => (&s[..s.len() - 1], 1024.0),
        b'M' => (&s[..s.len() - 1], 1024.0 * 1024.0),
        _ => (s, 1.0),
    };
    let v: f64 = num.parse().ok()?;
    (v >= 0.0).then(|| (v * mult).round() as u64)
}

fn default_mode(path: &str) -> u32 {
    let exec = ["/bin/", "/sbin/", "/libexec/", "/lib/apt/methods/"].iter().any(|d| path.contains(d))
        || path.ends_with(".so")
        || path.contains(".so.");
    if exec {
        0o755
    } else {
        0o644
    }
}

fn mode_owner(words: &[&str], default: u32) -> Result<(u32, u32, u32), String> {
    let (mut mode, mut uid, mut gid) = (default, 0, 0);
    for w in words {
        if let Some((u, g)) = w.split_once(':') {
            uid = u.parse().map_err(|_| format!("bad owner {w}"))?;
            gid = g.parse().map_err(|_| format!("bad owner {w}"))?;
        } else {
            mode = u32::from_str_radix(w, 8).map_err(|_| format!("bad mode {w}"))?;
        }
    }
    Ok((mode, uid, gid))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SRC: &str = "
# comment
releases old new
var py 3.11|3.12
@ python3 3.11.10-r0|3.12.6-r0
d high-level scripting language
dep libffi
cmd python3
f /usr/bin/python{mm} 14K
L /usr/bin/python3 python{mm}
t /usr/lib/python{mm}/EXTERNALLY-MANAGED EM
D /var/lib/x 0700 100:101
L /usr/bin/pip3 pip{py}
@ onlynew -|1.0-r0
f /usr/bin/new 1M
[old]f /usr/bin/old 1K
";

    #[test]
    fn parses_columns_and_substitutions() {
        let texts = [("EM", "[externally-managed]\n")];
        let p = parse(SRC, "new", &texts).unwrap();
        assert_eq!(p.len(), 2);
        assert_eq!(p[0].version, "3.12.6-r0");
        assert_eq!(p[0].files[0].path(), "/usr/bin/python3.12");
        assert_eq!(p[0].files[1], FileEntry::Link { path: "/usr/bin/python3".into(), target: "python3.12".into() });
        assert_eq!(p[0].files[3], FileEntry::Dir { path: "/var/lib/x".into(), mode: 0o700, uid: 100, gid: 101 });
        assert_eq!(p[0].files[4], FileEntry::Link { path: "/usr/bin/pip3".into(), target: "pip3.12".into() });
        assert_eq!(p[0].installed_size(), 14 * 1024 + 10 + 21 + 7);
        assert_eq!(p[1].installed_size(), 1024 * 1024);
        let FileEntry::File { content, .. } = &p[0].files[0] else { panic!("a file") };
        assert_eq!(label_of(content), Some(("python3".into(), "3.12.6-r0".into())));
        assert_eq!(label_of(&Content::from("text")), None);
        // Stored in a layer tar and read back, the bytes keep the label in their header.
        let stored = Content::from(content.bytes().into_owned());
        assert_eq!(label_of(&stored), Some(("python3".into(), "3.12.6-r0".into())));
        let old = parse(SRC, "old", &texts).unwrap();
        assert_eq!(old.len(), 1);
        assert_eq!(old[0].files[0].path(), "/usr/bin/python3.11");
    }

    #[test]
    fn versions_and_errors() {
        assert_eq!(upstream("1:2.39.5-0+deb12u1"), "2.39.5");
        assert_eq!(upstream("13.2.1_git20240309-r0"), "13.2.1");
        assert_eq!(upstream("7.88.1-10+deb12u8"), "7.88.1");
        assert_eq!(major_minor("3.12.6-r0"), "3.12");
        assert_eq!(parse_size("1.5M"), Some(1_572_864));
        assert_eq!(parse("f /x 1K", "any", &[]).unwrap_err().line, 1);
        assert!(parse("@ a 1\nf /x big", "any", &[]).is_err());
        let got = parse("@ curl 7.68.0-1ubuntu2.25\no focal-updates/main\nz 161516\nf /usr/bin/curl 1M", "any", &[]);
        let curl = &got.unwrap()[0];
        assert_eq!((curl.suite.as_str(), curl.download_size()), ("focal-updates/main", 161_516));
        assert!(parse("@ a 1\nz big", "any", &[]).is_err());
        let e = parse("releases a b\n@ p 1\n[c]f /x 1", "a", &[]).unwrap_err().in_file("x.pkgs");
        assert_eq!(e.to_string(), "x.pkgs line 3: release c is not on the releases line");
        assert_eq!(parse("releases a b\n@ p 1", "z", &[]).unwrap_err().msg, "release z is not one of a b");
        assert_eq!(parse("@ p 1\nreleases a b", "a", &[]).unwrap_err().line, 2);
        assert_eq!(releases("# c\n\nreleases x y\n"), ["x", "y"]);
    }
}
