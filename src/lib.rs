//! layerlab: a Dockerfile playground whose engine builds real container images against an
//! in-memory filesystem, natively and in the browser (wasm32).
//!
//! The pipeline follows the folders: [`dockerfile`] reads Dockerfiles into typed
//! instructions, [`build`] executes them over the layered filesystem of [`vfs`] with the
//! simulated shell of [`shell`], [`image`] holds the resulting images, [`oci`] reads and
//! writes them as OCI / docker-archive tars, and [`engine`] is the docker command surface
//! shared by the native CLI ([`cli`]) and the browser UI (`web`, wasm32 only).
//!
//! Modules only use modules below them (checked by `tests/module_graph.rs`): the leaves
//! [`vfs`], [`dockerfile`] and [`util`]; then [`catalog`] (base images, releases,
//! packages); [`shell`]; [`image`]; [`oci`]; [`build`]; [`analysis`] (image efficiency, hints,
//! lessons); [`engine`]; [`cli`] and `web`.

pub mod analysis;
pub mod build;
pub mod catalog;
pub mod dockerfile;
pub mod engine;
pub mod image;
pub mod oci;
pub mod shell;
pub mod util;
pub mod vfs;

#[cfg(not(target_arch = "wasm32"))]
pub mod cli;

#[cfg(target_arch = "wasm32")]
pub mod web;
