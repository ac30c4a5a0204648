//! Images: the OCI image configuration (with Docker's fields), history, layers with their
//! digests, image IDs, references, and the store of images and tags.
//!
//! The layer changeset tar ([`layer`]) lives here because a layer's `diff_id` is its digest;
//! how images are packed into archives and layouts is `oci`'s.

pub mod config;
pub mod known_layers;
pub mod layer;
pub mod layer_info;
pub mod store;

pub use crate::util::digest::sha256_digest;
pub use crate::util::reference::Reference;
pub use crate::util::time::{parse_rfc3339, rfc3339};
pub use config::{ContainerConfig, Empty, HealthConfig, History, ImageConfig, RootFs};
pub use layer_info::{BlobBytes, BlobDesc, LayerHashing, LayerInfo};
pub use store::{short_id, Image, LookupError, Store};
