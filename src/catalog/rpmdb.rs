//! The rpm database of the rpm family's images: what `rpm -q`/`rpm -qa` and `yum` read.
//!
//! Real images keep it in Berkeley DB files under `/var/lib/rpm`; here `Packages` holds
//! the same facts as text, one stanza per installed package (name, version-release,
//! architecture, installed size, summary, install time and the files it owns), so the
//! database grows with every install as the real one does.

use crate::vfs::{Content, Meta, Tree};

use super::install::read_text;
use super::model::Package;

/// Where the database lives.
pub const DB_PATH: &str = "/var/lib/rpm/Packages";

/// One installed package.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RpmEntry {
    /// `httpd`.
    pub name: String,
    /// Version and release (`2.4.6-97.el7.centos`).
    pub version: String,
    /// `x86_64`, `noarch`.
    pub arch: String,
    /// Installed size in bytes.
    pub size: u64,
    /// One-line summary.
    pub summary: String,
    /// Seconds since the epoch.
    pub installtime: i64,
    /// Paths the package owns.
    pub files: Vec<String>,
}

impl RpmEntry {
    /// The record of `pkg` installed at `now` with the paths `files`.
    pub fn from_package(pkg: &Package, files: &[String], now: i64) -> Self {
        RpmEntry {
            name: pkg.name.clone(),
            version: pkg.version.clone(),
            arch: if pkg.arch.is_empty() { "x86_64".into() } else { pkg.arch.clone() },
            size: pkg.installed_size(),
            summary: pkg.description.clone(),
            installtime: now,
            files: files.to_vec(),
        }
    }

    /// `name-version-release.arch`, as `rpm -q` prints it: without the epoch (rpm shows
    /// it only when a `--qf` format asks for `%{EPOCH}`).
    pub fn nevra(&self) -> String {
        let version = super::model::without_epoch(&self.version);
        if self.arch == "(none)" {
            format!("{}-{version}", self.name)
        } else {
            format!("{}-{version}.{}", self.name, self.arch)
        }
    }

    /// `name-epoch:version-release.arch` with the epoch when the package has one, as dnf
    /// names installed packages.
    pub fn nevra_with_epoch(&self) -> String {
        format!("{}-{}.{}", self.name, self.version, self.arch)
    }

    /// `epoch:name-version-release.arch` with the epoch when the package has one, as
    /// yum 3 names installed packages.
    pub fn envra(&self) -> String {
        match self.version.split_once(':') {
            Some((epoch, _)) => format!("{epoch}:{}", self.nevra()),
            None => self.nevra(),
        }
    }
}

/// Renders the database text.
pub fn render(entries: &[RpmEntry]) -> String {
    let mut out = String::new();
    for e in entries {
        out.push_str(&format!(
            "Name: {}\nVersion: {}\nArch: {}\nSize: {}\nSummary: {}\nInstalltime: {}\n",
            e.name, e.version, e.arch, e.size, e.summary, e.installtime
        ));
        for f in &e.files {
            out.push_str(&format!(" {f}\n"));
        }
        out.push('\n');
    }
    out
}

/// Parses the database text (unknown lines are skipped).
pub fn parse(text: &str) -> Vec<RpmEntry> {
    let mut out: Vec<RpmEntry> = Vec::new();
    let mut cur: Option<RpmEntry> = None;
    for line in text.lines() {
        if line.is_empty() {
            out.extend(cur.take());
            continue;
        }
        let e = cur.get_or_insert_with(RpmEntry::default);
        if let Some(path) = line.strip_prefix(' ') {
            e.files.push(path.to_string());
            continue;
        }
        let Some((k, v)) = line.split_once(": ") else { continue };
        match k {
            "Name" => e.name = v.to_string(),
            "Version" => e.version = v.to_string(),
            "Arch" => e.arch = v.to_string(),
            "Size" => e.size = v.parse().unwrap_or(0),
            "Summary" => e.summary = v.to_string(),
            "Installtime" => e.installtime = v.parse().unwrap_or(0),
            _ => {}
        }
    }
    out.extend(cur);
    out.retain(|e| !e.name.is_empty());
    out
}

/// The installed packages of a tree.
pub fn load(tree: &Tree) -> Vec<RpmEntry> {
    parse(&read_text(tree, DB_PATH))
}

/// Writes the database (sorted by name) and rpm's index files beside it.
pub fn save(tree: &mut Tree, entries: &mut [RpmEntry], now: i64) {
    crate::util::sort::sort_by(entries, |a, b| a.name.cmp(&b.name));
    let meta = Meta { mode: 0o755, uid: 0, gid: 0, mtime: now };
    let _ = tree.mkdir_all("/", "/var/lib/rpm", meta);
    let text = render(entries);
    // The index files (Name, Basenames, Providename, …) grow with the database.
    let files: usize = entries.iter().map(|e| e.files.len()).sum();
    let _ = tree.write_file(
        "/",
        "/var/lib/rpm/Basenames",
        Content::synthetic(files as u64 * 96 + 4096, 11, "rpm Basenames index"),
        Meta { mode: 0o644, ..meta },
    );
    let _ = tree.write_file(
        "/",
        "/var/lib/rpm/Name",
        Content::synthetic(entries.len() as u64 * 64 + 4096, 12, "rpm Name index"),
        Meta { mode: 0o644, ..meta },
    );
    let _ = tree.write_file("/", DB_PATH, Content::from(text), Meta { mode: 0o644, ..meta });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        let e = RpmEntry {
            name: "httpd".into(),
            version: "2.2.15-69.el6.centos".into(),
            arch: "x86_64".into(),
            size: 3_000_000,
            summary: "Apache HTTP Server".into(),
            installtime: 5,
            files: vec!["/usr/sbin/httpd".into()],
        };
        let mut t = Tree::new();
        save(&mut t, &mut [e.clone()], 0);
        assert_eq!(load(&t), vec![e.clone()]);
        assert_eq!(e.nevra(), "httpd-2.2.15-69.el6.centos.x86_64");
        let vim = RpmEntry {
            name: "vim-minimal".into(),
            version: "2:7.4.629-8.el7_9".into(),
            arch: "x86_64".into(),
            ..e.clone()
        };
        assert_eq!(vim.nevra(), "vim-minimal-7.4.629-8.el7_9.x86_64");
        assert_eq!(vim.nevra_with_epoch(), "vim-minimal-2:7.4.629-8.el7_9.x86_64");
        assert_eq!(vim.envra(), "2:vim-minimal-7.4.629-8.el7_9.x86_64");
    }
}
