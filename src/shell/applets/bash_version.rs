//! What `bash --version` prints and `$BASH_VERSION` holds: the installed bash's version
//! with its patch level, its build number and the machine type its distribution builds it
//! for, as `show_shell_version` in bash's `version.c` formats them.
//!
//! Debian and Ubuntu package versions leave out the patch level (`5.1-6ubuntu1.1` is bash
//! 5.1.16); [`PATCH_LEVELS`] records it for the packages of the catalogue's releases.
//! Sources: the binaries of those packages run with `--version` (archive.ubuntu.com for
//! jammy, focal, bionic and xenial; deb.debian.org for bookworm and bullseye), and the
//! releases' patch lists (buster's 5.0-4 carries patches 1–3, stretch's 4.4-5 patches 1–12,
//! trusty's 4.3-7ubuntu1.7 patches 1–11). Alpine and the rpm family put the patch level in
//! the version (`5.2.26-r0`, `4.2.46-34.el7`).

use crate::catalog::distro::{detect, installed_version, Family};
use crate::catalog::model::upstream;
use crate::vfs::Tree;

/// Debian and Ubuntu bash packages whose version leaves out the patch level.
const PATCH_LEVELS: &[(&str, &str)] = &[
    ("5.1-6ubuntu1.1", "5.1.16"),
    ("5.1-2+deb11u1", "5.1.4"),
    ("5.0-6ubuntu1.2", "5.0.17"),
    ("5.0-4", "5.0.3"),
    ("4.4.18-2ubuntu1.3", "4.4.20"),
    ("4.4-5", "4.4.12"),
    ("4.3-14ubuntu1.4", "4.3.48"),
    ("4.3-7ubuntu1.7", "4.3.11"),
];

/// The copyright year each bash release prints (`bash_copyright` in its `version.c`).
const COPYRIGHT: &[(&str, &str)] = &[
    ("4.1", "2009"),
    ("4.2", "2011"),
    ("4.3", "2013"),
    ("4.4", "2016"),
    ("5.0", "2019"),
    ("5.1", "2020"),
    ("5.2", "2022"),
    ("5.3", "2025"),
];

/// The bash installed in a tree.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BashVersion {
    /// `5.2.15`.
    pub version: String,
    /// The build number in parentheses (`2` in the rpm builds of bash 4.2).
    pub build: u8,
    /// `MACHTYPE`: `x86_64-pc-linux-gnu`.
    pub machtype: &'static str,
}

impl BashVersion {
    /// The bash the package database of `tree` lists, if any.
    pub fn of(tree: &Tree) -> Option<BashVersion> {
        let d = detect(tree)?;
        let package = installed_version(tree, "bash")?;
        let version = match PATCH_LEVELS.iter().find(|(p, _)| *p == package) {
            Some((_, v)) => v.to_string(),
            None => upstream(&package),
        };
        let machtype = match d.family {
            Family::Alpine => "x86_64-alpine-linux-musl",
            Family::Debian | Family::Ubuntu => "x86_64-pc-linux-gnu",
            Family::Rpm if d.codename == "amzn" && d.major() == "2" => "x86_64-koji-linux-gnu",
            Family::Rpm if d.codename == "amzn" => "x86_64-amazon-linux-gnu",
            Family::Rpm => "x86_64-redhat-linux-gnu",
        };
        let build = if d.family == Family::Rpm && version.starts_with("4.2.") { 2 } else { 1 };
        Some(BashVersion { version, build, machtype })
    }

    /// `$BASH_VERSION`: `5.2.15(1)-release`.
    pub fn short(&self) -> String {
        format!("{}({})-release", self.version, self.build)
    }

    /// What `bash --version` prints.
    pub fn banner(&self) -> String {
        let minor: String = self.version.split('.').take(2).collect::<Vec<_>>().join(".");
        let year = COPYRIGHT.iter().find(|(v, _)| *v == minor).map_or("2022", |(_, y)| y);
        format!(
            "GNU bash, version {} ({})\nCopyright (C) {year} Free Software Foundation, Inc.\n\
             License GPLv3+: GNU GPL version 3 or later <http://gnu.org/licenses/gpl.html>\n\n\
             This is free software; you are free to change and redistribute it.\n\
             There is NO WARRANTY, to the extent permitted by law.\n",
            self.short(),
            self.machtype
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(reference: &str) -> BashVersion {
        let image = crate::catalog::images::lookup(reference).expect("assembles").expect("in the catalogue");
        BashVersion::of(&Tree::from_layers(&image.layers)).unwrap_or_else(|| panic!("{reference} has bash"))
    }

    #[test]
    fn each_release_prints_its_bash() {
        for (reference, short) in [
            ("debian:bookworm", "5.2.15(1)-release"),
            ("debian:bullseye", "5.1.4(1)-release"),
            ("debian:buster", "5.0.3(1)-release"),
            ("debian:stretch", "4.4.12(1)-release"),
            ("ubuntu:24.04", "5.2.21(1)-release"),
            ("ubuntu:22.04", "5.1.16(1)-release"),
            ("ubuntu:20.04", "5.0.17(1)-release"),
            ("ubuntu:18.04", "4.4.20(1)-release"),
            ("ubuntu:16.04", "4.3.48(1)-release"),
            ("ubuntu:14.04", "4.3.11(1)-release"),
            ("centos:7", "4.2.46(2)-release"),
            ("rockylinux:9", "5.1.8(1)-release"),
        ] {
            assert_eq!(of(reference).short(), short, "{reference}");
        }
    }

    #[test]
    fn the_banner_is_bash_s() {
        assert_eq!(
            of("ubuntu:22.04").banner(),
            "GNU bash, version 5.1.16(1)-release (x86_64-pc-linux-gnu)\n\
             Copyright (C) 2020 Free Software Foundation, Inc.\n\
             License GPLv3+: GNU GPL version 3 or later <http://gnu.org/licenses/gpl.html>\n\n\
             This is free software; you are free to change and redistribute it.\n\
             There is NO WARRANTY, to the extent permitted by law.\n"
        );
        assert!(of("centos:7")
            .banner()
            .starts_with("GNU bash, version 4.2.46(2)-release (x86_64-redhat-linux-gnu)\nCopyright (C) 2011 "));
    }
}
