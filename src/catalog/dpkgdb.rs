//! dpkg's database: `/var/lib/dpkg/status` stanzas, `info/<pkg>.list` file lists and apt's
//! `extended_states` (which packages were installed automatically).

use crate::vfs::{Meta, Tree};

use super::install::read_text;
use super::model::Package;

/// The status file.
pub const STATUS: &str = "/var/lib/dpkg/status";
/// apt's record of automatically installed packages.
pub const EXTENDED_STATES: &str = "/var/lib/apt/extended_states";

/// One deb822 stanza: fields in order, multi-line values joined with `\n`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Stanza {
    /// `(name, value)` pairs.
    pub fields: Vec<(String, String)>,
}

impl Stanza {
    /// The value of a field.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.fields.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// Sets a field, keeping its place when it exists.
    pub fn set(&mut self, name: &str, value: &str) {
        match self.fields.iter_mut().find(|(k, _)| k == name) {
            Some(f) => f.1 = value.to_string(),
            None => self.fields.push((name.to_string(), value.to_string())),
        }
    }

    /// `Package:`.
    pub fn package(&self) -> &str {
        self.get("Package").unwrap_or("")
    }

    /// `Version:`.
    pub fn version(&self) -> &str {
        self.get("Version").unwrap_or("")
    }

    /// The name dpkg shows: `libc6:amd64` for `Multi-Arch: same` packages.
    pub fn display_name(&self) -> String {
        match (self.get("Multi-Arch"), self.get("Architecture")) {
            (Some("same"), Some(a)) => format!("{}:{a}", self.package()),
            _ => self.package().to_string(),
        }
    }

    /// The first line of `Description:`.
    pub fn summary(&self) -> &str {
        self.get("Description").and_then(|d| d.lines().next()).unwrap_or("")
    }

    /// The stanza's text, ending with a blank line.
    pub fn render(&self) -> String {
        let mut s = String::new();
        for (k, v) in &self.fields {
            let mut lines = v.lines();
            s += &format!("{k}: {}\n", lines.next().unwrap_or(""));
            for l in lines {
                s += &format!(" {l}\n");
            }
        }
        s.push('\n');
        s
    }
}

/// Reads deb822 text.
pub fn parse(text: &str) -> Vec<Stanza> {
    let mut out = Vec::new();
    let mut cur = Stanza::default();
    for line in text.lines() {
        if line.trim().is_empty() {
            if !cur.fields.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
        } else if line.starts_with(' ') || line.starts_with('\t') {
            if let Some(last) = cur.fields.last_mut() {
                last.1.push('\n');
                last.1.push_str(line.trim_start());
            }
        } else if let Some((k, v)) = line.split_once(':') {
            cur.fields.push((k.to_string(), v.trim().to_string()));
        }
    }
    if !cur.fields.is_empty() {
        out.push(cur);
    }
    out
}

/// Renders stanzas.
pub fn render(stanzas: &[Stanza]) -> String {
    stanzas.iter().map(Stanza::render).collect()
}

/// The installed packages of the tree.
pub fn load_status(tree: &Tree) -> Vec<Stanza> {
    parse(&read_text(tree, STATUS))
}

/// The status stanza of an installed package; `distro_names` maps dependency keys to names.
pub fn stanza_for(pkg: &Package, default_maintainer: &str, distro_names: &dyn Fn(&str) -> String) -> Stanza {
    let mut s = Stanza::default();
    let arch = if pkg.arch.is_empty() { "amd64" } else { pkg.arch.as_str() };
    s.set("Package", &pkg.name);
    s.set("Status", "install ok installed");
    if pkg.essential {
        s.set("Essential", "yes");
    }
    s.set("Priority", if pkg.priority.is_empty() { "optional" } else { &pkg.priority });
    s.set("Section", if pkg.section.is_empty() { "misc" } else { &pkg.section });
    s.set("Installed-Size", &pkg.installed_size().div_ceil(1024).to_string());
    s.set("Maintainer", if pkg.maintainer.is_empty() { default_maintainer } else { &pkg.maintainer });
    s.set("Architecture", arch);
    if arch != "all" && pkg.name.starts_with("lib") {
        s.set("Multi-Arch", "same");
    }
    s.set("Version", &pkg.version);
    if !pkg.depends.is_empty() {
        s.set("Depends", &pkg.depends.iter().map(|d| distro_names(d)).collect::<Vec<_>>().join(", "));
    }
    if !pkg.recommends.is_empty() {
        s.set("Recommends", &pkg.recommends.iter().map(|d| distro_names(d)).collect::<Vec<_>>().join(", "));
    }
    s.set("Description", &pkg.description);
    if !pkg.url.is_empty() {
        s.set("Homepage", &pkg.url);
    }
    s
}

/// Path of a package's file list.
pub fn list_path(stanza: &Stanza) -> String {
    format!("/var/lib/dpkg/info/{}.list", stanza.display_name())
}

/// Writes `info/<pkg>.list` for installed `paths` (dpkg's format: `/.` first).
pub fn write_list(tree: &mut Tree, stanza: &Stanza, paths: &[String], now: i64) {
    let mut text = String::from("/.\n");
    for p in paths {
        text.push_str(p);
        text.push('\n');
    }
    let _ = tree.mkdir_all("/", "/var/lib/dpkg/info", Meta::root(0o755));
    let _ = tree.write_file("/", &list_path(stanza), text.into(), Meta { mode: 0o644, uid: 0, gid: 0, mtime: now });
}

/// The paths in a package's file list (without `/.`).
pub fn read_list(tree: &Tree, stanza: &Stanza) -> Vec<String> {
    read_text(tree, &list_path(stanza)).lines().filter(|l| *l != "/." && !l.is_empty()).map(String::from).collect()
}

/// Names apt installed automatically.
pub fn load_auto(tree: &Tree) -> Vec<String> {
    parse(&read_text(tree, EXTENDED_STATES))
        .into_iter()
        .filter(|s| s.get("Auto-Installed") == Some("1"))
        .map(|s| s.package().to_string())
        .collect()
}

/// Writes apt's `extended_states` for the automatically installed `names`.
pub fn save_auto(tree: &mut Tree, names: &[String], now: i64) {
    let mut names: Vec<&String> = names.iter().collect();
    crate::util::sort::sort(&mut names);
    names.dedup();
    let text: String =
        names.iter().map(|n| format!("Package: {n}\nArchitecture: amd64\nAuto-Installed: 1\n\n")).collect();
    let _ = tree.mkdir_all("/", "/var/lib/apt", Meta::root(0o755));
    let _ = tree.write_file("/", EXTENDED_STATES, text.into(), Meta { mode: 0o644, uid: 0, gid: 0, mtime: now });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stanzas_round_trip() {
        let text = "Package: libc6\nStatus: install ok installed\nArchitecture: amd64\nMulti-Arch: same\nVersion: 2.36-9+deb12u8\nDescription: GNU C Library: Shared libraries\n Contains the standard libraries.\n\nPackage: bash\nVersion: 5.2.15-2+b7\n";
        let s = parse(text);
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].display_name(), "libc6:amd64");
        assert_eq!(s[0].summary(), "GNU C Library: Shared libraries");
        assert_eq!(s[1].version(), "5.2.15-2+b7");
        assert_eq!(render(&s), text.to_string() + "\n");
    }
}
