//! Simulated package managers (apk, apt-get, apt, dpkg) and the programs packages install.
//!
//! Everything works on the files of the tree: the distribution comes from
//! `/etc/os-release`, installed packages from apk's or dpkg's database files, package lists
//! and caches are real (synthetic) files, so `rm -rf /var/lib/apt/lists/*` and
//! `--no-cache` have the effect on image size they have with Docker.

pub mod apkdb;
pub mod distro;
pub mod dpkgdb;
pub mod install;
pub mod model;
pub mod repo;
mod repo_alpine;
mod repo_apt;

use super::AppletFn;

/// The applet for a package-manager command or an installed program, if this module has one.
pub fn applet(name: &str) -> Option<AppletFn> {
    let _ = name;
    None
}
