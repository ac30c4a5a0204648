//! Images: the OCI image configuration (with Docker's fields), history, layers with their
//! digests, image IDs, and the store of images, tags and containers.
//!
//! Not here: how images are serialized to tars or layouts (see `oci`).

pub mod builtin;
pub mod config;

pub use config::{ContainerConfig, History, ImageConfig, RootFs};
