//! The package index files `apt-get update` fetches per release, with the sizes it prints
//! (compressed downloads) and the sizes it stores (`Packages.lz4`, as the images'
//! `docker-gzip-indexes` configuration asks).

use crate::catalog::distro::{Distro, Family};

/// One index file `apt-get update` downloads: what it prints and what it stores.
pub(crate) struct Index {
    /// Repository base URL.
    pub uri: String,
    /// What apt prints (`bookworm InRelease`).
    pub what: String,
    /// Download size apt prints.
    pub shown: u64,
    /// File name under `/var/lib/apt/lists`.
    pub file: String,
    /// Size of the stored file.
    pub stored: u64,
}

/// A recorded index file of one release (see [`Index`]).
struct Row {
    uri: &'static str,
    what: &'static str,
    shown: u64,
    file: &'static str,
    stored: u64,
}

const BOOKWORM: &[Row] = &[
    Row {
        uri: "http://deb.debian.org/debian",
        what: "bookworm InRelease",
        shown: 151_000,
        file: "deb.debian.org_debian_dists_bookworm_InRelease",
        stored: 151_029,
    },
    Row {
        uri: "http://deb.debian.org/debian",
        what: "bookworm-updates InRelease",
        shown: 55_400,
        file: "deb.debian.org_debian_dists_bookworm-updates_InRelease",
        stored: 55_412,
    },
    Row {
        uri: "http://deb.debian.org/debian-security",
        what: "bookworm-security InRelease",
        shown: 48_000,
        file: "deb.debian.org_debian-security_dists_bookworm-security_InRelease",
        stored: 48_012,
    },
    Row {
        uri: "http://deb.debian.org/debian",
        what: "bookworm/main amd64 Packages",
        shown: 8_787_000,
        file: "deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages.lz4",
        stored: 17_124_516,
    },
    Row {
        uri: "http://deb.debian.org/debian",
        what: "bookworm-updates/main amd64 Packages",
        shown: 8_856,
        file: "deb.debian.org_debian_dists_bookworm-updates_main_binary-amd64_Packages.lz4",
        stored: 17_211,
    },
    Row {
        uri: "http://deb.debian.org/debian-security",
        what: "bookworm-security/main amd64 Packages",
        shown: 179_000,
        file: "deb.debian.org_debian-security_dists_bookworm-security_main_binary-amd64_Packages.lz4",
        stored: 362_104,
    },
];

const NOBLE: &[Row] = &[
    Row {
        uri: "http://archive.ubuntu.com/ubuntu",
        what: "noble InRelease",
        shown: 256_000,
        file: "archive.ubuntu.com_ubuntu_dists_noble_InRelease",
        stored: 255_850,
    },
    Row {
        uri: "http://security.ubuntu.com/ubuntu",
        what: "noble-security InRelease",
        shown: 126_000,
        file: "security.ubuntu.com_ubuntu_dists_noble-security_InRelease",
        stored: 126_060,
    },
    Row {
        uri: "http://archive.ubuntu.com/ubuntu",
        what: "noble-updates InRelease",
        shown: 126_000,
        file: "archive.ubuntu.com_ubuntu_dists_noble-updates_InRelease",
        stored: 126_080,
    },
    Row {
        uri: "http://archive.ubuntu.com/ubuntu",
        what: "noble-backports InRelease",
        shown: 126_000,
        file: "archive.ubuntu.com_ubuntu_dists_noble-backports_InRelease",
        stored: 126_020,
    },
    Row {
        uri: "http://archive.ubuntu.com/ubuntu",
        what: "noble/universe amd64 Packages",
        shown: 19_300_000,
        file: "archive.ubuntu.com_ubuntu_dists_noble_universe_binary-amd64_Packages.lz4",
        stored: 29_815_104,
    },
    Row {
        uri: "http://security.ubuntu.com/ubuntu",
        what: "noble-security/main amd64 Packages",
        shown: 543_000,
        file: "security.ubuntu.com_ubuntu_dists_noble-security_main_binary-amd64_Packages.lz4",
        stored: 1_402_770,
    },
    Row {
        uri: "http://archive.ubuntu.com/ubuntu",
        what: "noble/main amd64 Packages",
        shown: 1_808_000,
        file: "archive.ubuntu.com_ubuntu_dists_noble_main_binary-amd64_Packages.lz4",
        stored: 3_082_140,
    },
    Row {
        uri: "http://archive.ubuntu.com/ubuntu",
        what: "noble/restricted amd64 Packages",
        shown: 117_000,
        file: "archive.ubuntu.com_ubuntu_dists_noble_restricted_binary-amd64_Packages.lz4",
        stored: 301_230,
    },
    Row {
        uri: "http://archive.ubuntu.com/ubuntu",
        what: "noble/multiverse amd64 Packages",
        shown: 331_000,
        file: "archive.ubuntu.com_ubuntu_dists_noble_multiverse_binary-amd64_Packages.lz4",
        stored: 562_990,
    },
    Row {
        uri: "http://archive.ubuntu.com/ubuntu",
        what: "noble-updates/main amd64 Packages",
        shown: 730_000,
        file: "archive.ubuntu.com_ubuntu_dists_noble-updates_main_binary-amd64_Packages.lz4",
        stored: 1_904_312,
    },
    Row {
        uri: "http://archive.ubuntu.com/ubuntu",
        what: "noble-updates/universe amd64 Packages",
        shown: 1_110_000,
        file: "archive.ubuntu.com_ubuntu_dists_noble-updates_universe_binary-amd64_Packages.lz4",
        stored: 2_874_410,
    },
];

const JAMMY: &[Row] = &[
    Row {
        uri: "http://archive.ubuntu.com/ubuntu",
        what: "jammy InRelease",
        shown: 270_000,
        file: "archive.ubuntu.com_ubuntu_dists_jammy_InRelease",
        stored: 270_087,
    },
    Row {
        uri: "http://security.ubuntu.com/ubuntu",
        what: "jammy-security InRelease",
        shown: 129_000,
        file: "security.ubuntu.com_ubuntu_dists_jammy-security_InRelease",
        stored: 129_218,
    },
    Row {
        uri: "http://archive.ubuntu.com/ubuntu",
        what: "jammy-updates InRelease",
        shown: 128_000,
        file: "archive.ubuntu.com_ubuntu_dists_jammy-updates_InRelease",
        stored: 128_012,
    },
    Row {
        uri: "http://archive.ubuntu.com/ubuntu",
        what: "jammy-backports InRelease",
        shown: 127_000,
        file: "archive.ubuntu.com_ubuntu_dists_jammy-backports_InRelease",
        stored: 127_440,
    },
    Row {
        uri: "http://archive.ubuntu.com/ubuntu",
        what: "jammy/universe amd64 Packages",
        shown: 17_500_000,
        file: "archive.ubuntu.com_ubuntu_dists_jammy_universe_binary-amd64_Packages.lz4",
        stored: 27_210_514,
    },
    Row {
        uri: "http://archive.ubuntu.com/ubuntu",
        what: "jammy/main amd64 Packages",
        shown: 1_792_000,
        file: "archive.ubuntu.com_ubuntu_dists_jammy_main_binary-amd64_Packages.lz4",
        stored: 3_014_873,
    },
    Row {
        uri: "http://security.ubuntu.com/ubuntu",
        what: "jammy-security/main amd64 Packages",
        shown: 2_318_000,
        file: "security.ubuntu.com_ubuntu_dists_jammy-security_main_binary-amd64_Packages.lz4",
        stored: 5_530_310,
    },
    Row {
        uri: "http://archive.ubuntu.com/ubuntu",
        what: "jammy-updates/main amd64 Packages",
        shown: 2_595_000,
        file: "archive.ubuntu.com_ubuntu_dists_jammy-updates_main_binary-amd64_Packages.lz4",
        stored: 6_200_108,
    },
];

/// The index files of a release: those recorded for bookworm, noble and jammy; other
/// releases get the files of their family's recorded release under their own codename.
/// Debian's security suite is `<codename>/updates` before Debian 11 (`buster/updates`),
/// `<codename>-security` since.
pub(crate) fn indexes(d: &Distro) -> Vec<Index> {
    let (table, recorded) = match (d.family, d.codename.as_str()) {
        (Family::Debian, _) => (BOOKWORM, "bookworm"),
        (_, "jammy") => (JAMMY, "jammy"),
        (_, "noble") => (NOBLE, "noble"),
        _ => (JAMMY, "jammy"),
    };
    let old_security = d.family == Family::Debian && d.major().parse::<u32>().is_ok_and(|m| m < 11);
    let rename = |s: &str| {
        if d.codename.is_empty() {
            return s.to_string();
        }
        let s = s.replace(recorded, &d.codename);
        if !old_security {
            return s;
        }
        let suite = format!("{}-security", d.codename);
        s.replace(&format!("{suite}/"), &format!("{}/updates/", d.codename))
            .replace(&format!("{suite} "), &format!("{}/updates ", d.codename))
            .replace(&format!("dists_{suite}_"), &format!("dists_{}_updates_", d.codename))
    };
    table
        .iter()
        .map(|i| Index {
            uri: i.uri.to_string(),
            what: rename(i.what),
            shown: i.shown,
            file: rename(i.file),
            stored: i.stored,
        })
        .collect()
}

/// True when the tree's apt predates 1.1 (Ubuntu 14.04's 1.0.1), whose `apt-get update`
/// prints in the older style (see [`legacy_line`]).
pub(crate) fn legacy_apt(tree: &crate::vfs::Tree) -> bool {
    let status = crate::catalog::dpkgdb::load_status(tree);
    let Some(apt) = status.iter().find(|s| s.package() == "apt") else { return false };
    let mut parts = apt.version().split(|c: char| !c.is_ascii_digit());
    let major: u32 = parts.next().and_then(|p| p.parse().ok()).unwrap_or(0);
    let minor: u32 = parts.next().and_then(|p| p.parse().ok()).unwrap_or(0);
    (major, minor) < (1, 1)
}

/// The host part of a repository URI (`http://archive.ubuntu.com` of
/// `http://archive.ubuntu.com/ubuntu`): what apt 1.0 prints.
fn host(uri: &str) -> &str {
    let start = uri.find("://").map_or(0, |i| i + 3);
    uri[start..].find('/').map_or(uri, |i| &uri[..start + i])
}

/// What apt 1.0 prints for `apt-get update` (tianon/docker-brew-ubuntu-core issues 56 and
/// 100 and docker-library/official-images issue 3583 show it on `ubuntu:14.04`): hosts
/// instead of URIs, `Hit` without a number, the release's own suite ignored as `InRelease`
/// and checked through `Release.gpg` and `Release` after the other suites' `InRelease`
/// (65.9 kB each in those logs). `cached` tells which index files are already stored.
/// Returns the lines and the bytes fetched.
pub(crate) fn legacy_update(d: &Distro, idx: &[Index], cached: impl Fn(&Index) -> bool) -> (Vec<String>, u64) {
    let main = format!("{} InRelease", d.codename);
    let (mut lines, mut fetched, mut n) = (Vec::new(), 0u64, 1usize);
    let mut get = |lines: &mut Vec<String>, h: &str, what: &str, size: u64, hit: bool| {
        if hit {
            lines.push(format!("Hit {h} {what}"));
        } else {
            lines.push(format!("Get:{n} {h} {what} [{}B]", super::apt::size_to_str(size)));
            n += 1;
            fetched += size;
        }
    };
    let mut release = idx.iter().find(|i| i.what == main).map(|i| (host(&i.uri).to_string(), cached(i)));
    for i in idx {
        let h = host(&i.uri);
        if i.what == main {
            lines.push(format!("Ign {h} {main}"));
            continue;
        }
        if !i.what.ends_with("InRelease") {
            if let Some((rh, hit)) = release.take() {
                get(&mut lines, &rh, &format!("{} Release.gpg", d.codename), 933, hit);
                get(&mut lines, &rh, &format!("{} Release", d.codename), 58_500, hit);
            }
            get(&mut lines, h, &i.what, i.shown, cached(i));
        } else {
            get(&mut lines, h, &i.what, 65_900, cached(i));
        }
    }
    (lines, fetched)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn whats(family: Family, version_id: &str, codename: &str) -> Vec<String> {
        let d = Distro { family, version_id: version_id.into(), codename: codename.into() };
        indexes(&d).into_iter().map(|i| format!("{} {} {}", i.uri, i.what, i.file)).collect()
    }

    #[test]
    fn security_suite_is_named_by_release() {
        let buster = whats(Family::Debian, "10", "buster");
        assert!(buster.iter().any(|w| w.contains(" buster/updates InRelease ")), "{buster:?}");
        assert!(buster.iter().any(|w| w.contains(" buster/updates/main amd64 Packages ")), "{buster:?}");
        assert!(buster.iter().any(|w| w.ends_with("dists_buster_updates_InRelease")), "{buster:?}");
        assert!(!buster.iter().any(|w| w.contains("buster-security")), "{buster:?}");
        let bullseye = whats(Family::Debian, "11", "bullseye");
        assert!(bullseye.iter().any(|w| w.contains(" bullseye-security InRelease ")), "{bullseye:?}");
        let trusty = whats(Family::Ubuntu, "14.04", "trusty");
        assert!(trusty.iter().any(|w| w.contains(" trusty-security InRelease ")), "{trusty:?}");
    }

    #[test]
    fn apt_1_0_prints_hosts_and_checks_release_files() {
        let d = Distro { family: Family::Ubuntu, version_id: "14.04".into(), codename: "trusty".into() };
        let idx = indexes(&d);
        let (lines, fetched) = legacy_update(&d, &idx, |_| false);
        assert_eq!(lines[0], "Ign http://archive.ubuntu.com trusty InRelease");
        assert_eq!(lines[1], "Get:1 http://security.ubuntu.com trusty-security InRelease [65.9 kB]");
        assert_eq!(lines[4], "Get:4 http://archive.ubuntu.com trusty Release.gpg [933 B]");
        assert_eq!(lines[5], "Get:5 http://archive.ubuntu.com trusty Release [58.5 kB]");
        assert_eq!(lines[6], "Get:6 http://archive.ubuntu.com trusty/universe amd64 Packages [17.5 MB]");
        assert_eq!(lines.len(), idx.len() + 2);
        assert!(fetched > 20_000_000);
        let (again, fetched) = legacy_update(&d, &idx, |_| true);
        assert_eq!(again[4], "Hit http://archive.ubuntu.com trusty Release.gpg");
        assert!(again[1..].iter().all(|l| l.starts_with("Hit ")) && fetched == 0, "{again:?}");
    }
}
