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
}
