//! Which distribution a tree holds, from `/etc/os-release`.

use crate::vfs::Tree;

use super::install::read_text;

/// A distribution family with its own package manager.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    /// Alpine Linux (apk).
    Alpine,
    /// Debian (apt, dpkg).
    Debian,
    /// Ubuntu (apt, dpkg).
    Ubuntu,
    /// Red Hat's family: CentOS, Rocky Linux, Fedora, Amazon Linux (yum or dnf, rpm).
    Rpm,
}

/// The distribution release of a tree.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Distro {
    /// Family.
    pub family: Family,
    /// `VERSION_ID` (`3.20.3`, `12`, `24.04`).
    pub version_id: String,
    /// `VERSION_CODENAME` (`bookworm`, `noble`; empty on Alpine); the `ID` (`centos`) in
    /// the rpm family.
    pub codename: String,
}

impl Distro {
    /// The release's name in the package catalogues: Alpine's `major.minor` (`3.20`),
    /// the codename of Debian and Ubuntu releases (`bookworm`, `noble`), the major release
    /// of the rpm family with its distribution's tag (`el7` for CentOS, RHEL and Rocky
    /// Linux, `fc40` for Fedora, `amzn2` for Amazon Linux).
    pub fn release(&self) -> String {
        match self.family {
            Family::Alpine => self.branch().trim_start_matches('v').to_string(),
            Family::Debian | Family::Ubuntu => self.codename.clone(),
            Family::Rpm => match self.codename.as_str() {
                "fedora" => format!("fc{}", self.major()),
                "amzn" => format!("amzn{}", self.major()),
                _ => format!("el{}", self.major()),
            },
        }
    }

    /// The major version (`7` of `7.9.2009`, `6` of `6.10`).
    pub fn major(&self) -> &str {
        self.version_id.split('.').next().unwrap_or("")
    }

    /// The folder of the family's package catalogues under `data/packages/` (Debian and
    /// Ubuntu share theirs: package keys are Debian's names).
    pub fn packages_dir(&self) -> &'static str {
        match self.family {
            Family::Alpine => "alpine",
            Family::Debian | Family::Ubuntu => "apt",
            Family::Rpm => "rpm",
        }
    }

    /// Alpine's repository branch (`v3.20`).
    pub fn branch(&self) -> String {
        let mut it = self.version_id.split('.');
        match (it.next(), it.next()) {
            (Some(a), Some(b)) => format!("v{a}.{b}"),
            _ => "edge".into(),
        }
    }
}

/// Reads `/etc/os-release` (following the `/usr/lib/os-release` link); CentOS 6, which
/// has none, by its `/etc/centos-release` (`CentOS release 6.10 (Final)`); the codename of
/// an Ubuntu release whose `os-release` names none (14.04) from `/etc/lsb-release`.
pub fn detect(tree: &Tree) -> Option<Distro> {
    let text = read_text(tree, "/etc/os-release");
    if text.is_empty() {
        let release = read_text(tree, "/etc/centos-release");
        let version = release.split_whitespace().find(|w| w.starts_with(|c: char| c.is_ascii_digit()))?;
        return Some(Distro { family: Family::Rpm, version_id: version.to_string(), codename: "centos".into() });
    }
    let mut id = String::new();
    let mut version_id = String::new();
    let mut codename = String::new();
    for line in text.lines() {
        let Some((k, v)) = line.split_once('=') else { continue };
        let v = v.trim_matches('"').to_string();
        match k {
            "ID" => id = v,
            "VERSION_ID" => version_id = v,
            "VERSION_CODENAME" => codename = v,
            _ => {}
        }
    }
    let family = match id.as_str() {
        "alpine" => Family::Alpine,
        "debian" => Family::Debian,
        "ubuntu" => Family::Ubuntu,
        "centos" | "rhel" | "rocky" | "fedora" | "amzn" => {
            return Some(Distro { family: Family::Rpm, version_id, codename: id });
        }
        _ => return None,
    };
    if codename.is_empty() && family == Family::Ubuntu {
        let lsb = read_text(tree, "/etc/lsb-release");
        codename = lsb.lines().find_map(|l| l.strip_prefix("DISTRIB_CODENAME=")).unwrap_or("").to_string();
    }
    Some(Distro { family, version_id, codename })
}

/// The packages installed in a tree of distribution `d`, as (name, version), from the package
/// database of its family (dpkg's status, apk's installed database, rpm's database).
pub fn installed(tree: &Tree, d: &Distro) -> Vec<(String, String)> {
    match d.family {
        Family::Alpine => super::apkdb::load(tree).into_iter().map(|e| (e.name, e.version)).collect(),
        Family::Rpm => super::rpmdb::load(tree).into_iter().map(|e| (e.name, e.version)).collect(),
        Family::Debian | Family::Ubuntu => super::dpkgdb::load_status(tree)
            .into_iter()
            .map(|s| (s.package().to_string(), s.version().to_string()))
            .collect(),
    }
}

/// The version of the package `name` installed in `tree` (`5.2.15-2+b7`).
pub fn installed_version(tree: &Tree, name: &str) -> Option<String> {
    installed(tree, &detect(tree)?).into_iter().find(|(n, _)| n == name).map(|(_, v)| v)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vfs::Meta;

    #[test]
    fn detects_from_os_release() {
        let mut t = Tree::new();
        t.mkdir_all("/", "/usr/lib", Meta::root(0o755)).unwrap();
        t.mkdir_all("/", "/etc", Meta::root(0o755)).unwrap();
        t.write_file(
            "/",
            "/usr/lib/os-release",
            "ID=ubuntu\nVERSION_ID=\"22.04\"\nVERSION_CODENAME=jammy\n".into(),
            Meta::root(0o644),
        )
        .unwrap();
        t.symlink("/", "../usr/lib/os-release", "/etc/os-release", Meta::root(0o777)).unwrap();
        let d = detect(&t).unwrap();
        assert_eq!(d.family, Family::Ubuntu);
        assert_eq!((d.release().as_str(), d.packages_dir()), ("jammy", "apt"));
        let a = Distro { family: Family::Alpine, version_id: "3.20.3".into(), codename: String::new() };
        assert_eq!((a.branch().as_str(), a.release().as_str(), a.packages_dir()), ("v3.20", "3.20", "alpine"));
        t.write_file("/", "/usr/lib/os-release", "ID=ubuntu\nVERSION_ID=\"14.04\"\n".into(), Meta::root(0o644))
            .unwrap();
        t.write_file("/", "/etc/lsb-release", "DISTRIB_ID=Ubuntu\nDISTRIB_CODENAME=trusty\n".into(), Meta::root(0o644))
            .unwrap();
        assert_eq!(detect(&t).unwrap().release(), "trusty");
        let mut c = Tree::new();
        c.mkdir_all("/", "/etc", Meta::root(0o755)).unwrap();
        c.write_file("/", "/etc/centos-release", "CentOS release 6.10 (Final)\n".into(), Meta::root(0o644)).unwrap();
        let d = detect(&c).unwrap();
        assert_eq!((d.family, d.release().as_str(), d.packages_dir()), (Family::Rpm, "el6", "rpm"));
    }
}
