//! The package index files `apt-get update` fetches per release, with the sizes it prints
//! (compressed downloads) and the sizes it stores (`Packages.lz4`, as the images'
//! `docker-gzip-indexes` configuration asks).

use crate::catalog::distro::{Distro, Family};

/// One index file `apt-get update` downloads: what it prints and what it stores.
pub(crate) struct Index {
    /// Repository base URL.
    pub uri: &'static str,
    /// What apt prints (`bookworm InRelease`).
    pub what: &'static str,
    /// Download size apt prints.
    pub shown: u64,
    /// File name under `/var/lib/apt/lists`.
    pub file: &'static str,
    /// Size of the stored file.
    pub stored: u64,
}

const BOOKWORM: &[Index] = &[
    Index { uri: "http://deb.debian.org/debian", what: "bookworm InRelease", shown: 151_000, file: "deb.debian.org_debian_dists_bookworm_InRelease", stored: 151_029 },
    Index { uri: "http://deb.debian.org/debian", what: "bookworm-updates InRelease", shown: 55_400, file: "deb.debian.org_debian_dists_bookworm-updates_InRelease", stored: 55_412 },
    Index { uri: "http://deb.debian.org/debian-security", what: "bookworm-security InRelease", shown: 48_000, file: "deb.debian.org_debian-security_dists_bookworm-security_InRelease", stored: 48_012 },
    Index { uri: "http://deb.debian.org/debian", what: "bookworm/main amd64 Packages", shown: 8_787_000, file: "deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages.lz4", stored: 17_124_516 },
    Index { uri: "http://deb.debian.org/debian", what: "bookworm-updates/main amd64 Packages", shown: 8_856, file: "deb.debian.org_debian_dists_bookworm-updates_main_binary-amd64_Packages.lz4", stored: 17_211 },
    Index { uri: "http://deb.debian.org/debian-security", what: "bookworm-security/main amd64 Packages", shown: 179_000, file: "deb.debian.org_debian-security_dists_bookworm-security_main_binary-amd64_Packages.lz4", stored: 362_104 },
];

const NOBLE: &[Index] = &[
    Index { uri: "http://archive.ubuntu.com/ubuntu", what: "noble InRelease", shown: 256_000, file: "archive.ubuntu.com_ubuntu_dists_noble_InRelease", stored: 255_850 },
    Index { uri: "http://security.ubuntu.com/ubuntu", what: "noble-security InRelease", shown: 126_000, file: "security.ubuntu.com_ubuntu_dists_noble-security_InRelease", stored: 126_060 },
    Index { uri: "http://archive.ubuntu.com/ubuntu", what: "noble-updates InRelease", shown: 126_000, file: "archive.ubuntu.com_ubuntu_dists_noble-updates_InRelease", stored: 126_080 },
    Index { uri: "http://archive.ubuntu.com/ubuntu", what: "noble-backports InRelease", shown: 126_000, file: "archive.ubuntu.com_ubuntu_dists_noble-backports_InRelease", stored: 126_020 },
    Index { uri: "http://archive.ubuntu.com/ubuntu", what: "noble/universe amd64 Packages", shown: 19_300_000, file: "archive.ubuntu.com_ubuntu_dists_noble_universe_binary-amd64_Packages.lz4", stored: 29_815_104 },
    Index { uri: "http://security.ubuntu.com/ubuntu", what: "noble-security/main amd64 Packages", shown: 543_000, file: "security.ubuntu.com_ubuntu_dists_noble-security_main_binary-amd64_Packages.lz4", stored: 1_402_770 },
    Index { uri: "http://archive.ubuntu.com/ubuntu", what: "noble/main amd64 Packages", shown: 1_808_000, file: "archive.ubuntu.com_ubuntu_dists_noble_main_binary-amd64_Packages.lz4", stored: 3_082_140 },
    Index { uri: "http://archive.ubuntu.com/ubuntu", what: "noble/restricted amd64 Packages", shown: 117_000, file: "archive.ubuntu.com_ubuntu_dists_noble_restricted_binary-amd64_Packages.lz4", stored: 301_230 },
    Index { uri: "http://archive.ubuntu.com/ubuntu", what: "noble/multiverse amd64 Packages", shown: 331_000, file: "archive.ubuntu.com_ubuntu_dists_noble_multiverse_binary-amd64_Packages.lz4", stored: 562_990 },
    Index { uri: "http://archive.ubuntu.com/ubuntu", what: "noble-updates/main amd64 Packages", shown: 730_000, file: "archive.ubuntu.com_ubuntu_dists_noble-updates_main_binary-amd64_Packages.lz4", stored: 1_904_312 },
    Index { uri: "http://archive.ubuntu.com/ubuntu", what: "noble-updates/universe amd64 Packages", shown: 1_110_000, file: "archive.ubuntu.com_ubuntu_dists_noble-updates_universe_binary-amd64_Packages.lz4", stored: 2_874_410 },
];

const JAMMY: &[Index] = &[
    Index { uri: "http://archive.ubuntu.com/ubuntu", what: "jammy InRelease", shown: 270_000, file: "archive.ubuntu.com_ubuntu_dists_jammy_InRelease", stored: 270_087 },
    Index { uri: "http://security.ubuntu.com/ubuntu", what: "jammy-security InRelease", shown: 129_000, file: "security.ubuntu.com_ubuntu_dists_jammy-security_InRelease", stored: 129_218 },
    Index { uri: "http://archive.ubuntu.com/ubuntu", what: "jammy-updates InRelease", shown: 128_000, file: "archive.ubuntu.com_ubuntu_dists_jammy-updates_InRelease", stored: 128_012 },
    Index { uri: "http://archive.ubuntu.com/ubuntu", what: "jammy-backports InRelease", shown: 127_000, file: "archive.ubuntu.com_ubuntu_dists_jammy-backports_InRelease", stored: 127_440 },
    Index { uri: "http://archive.ubuntu.com/ubuntu", what: "jammy/universe amd64 Packages", shown: 17_500_000, file: "archive.ubuntu.com_ubuntu_dists_jammy_universe_binary-amd64_Packages.lz4", stored: 27_210_514 },
    Index { uri: "http://archive.ubuntu.com/ubuntu", what: "jammy/main amd64 Packages", shown: 1_792_000, file: "archive.ubuntu.com_ubuntu_dists_jammy_main_binary-amd64_Packages.lz4", stored: 3_014_873 },
    Index { uri: "http://security.ubuntu.com/ubuntu", what: "jammy-security/main amd64 Packages", shown: 2_318_000, file: "security.ubuntu.com_ubuntu_dists_jammy-security_main_binary-amd64_Packages.lz4", stored: 5_530_310 },
    Index { uri: "http://archive.ubuntu.com/ubuntu", what: "jammy-updates/main amd64 Packages", shown: 2_595_000, file: "archive.ubuntu.com_ubuntu_dists_jammy-updates_main_binary-amd64_Packages.lz4", stored: 6_200_108 },
];

/// The index files of a release.
pub(crate) fn indexes(d: &Distro) -> &'static [Index] {
    match (d.family, d.codename.as_str()) {
        (Family::Debian, _) => BOOKWORM,
        (_, "jammy") => JAMMY,
        _ => NOBLE,
    }
}

