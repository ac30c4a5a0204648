//! The image catalogue and the package model below the shell and the image store: the
//! base images `FROM` resolves without a network, the distribution releases and the
//! packages their repositories offer, the apk and dpkg databases, and the assembly of an
//! image description into filesystem layers.
//!
//! The facts live in data files under the repository's `data/` folder (see [`data`]):
//! `images/<name>.json` describes a repository's images, `packages/<family>/*.pkgs` the
//! packages of any number of releases. Everything here is built from that data and uses only [`crate::vfs`] and [`crate::util`];
//! `shell` (whose package managers install from these catalogues) and `image` (whose
//! store pulls these images) sit above it.

pub mod apkdb;
pub mod data;
pub mod distro;
pub mod dpkgdb;
pub mod images;
pub mod install;
pub mod model;
pub mod references;
pub mod repo;
pub mod rpmdb;
