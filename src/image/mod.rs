//! Images: the OCI image configuration (with Docker's fields), history, layers with their
//! digests, image IDs, references, and the store of images and tags.
//!
//! Not here: how images are serialized to tars or layouts (see `oci`).

pub mod builtin;
pub mod config;
pub mod layer_info;
pub mod reference;
pub mod store;
pub mod time;

pub use config::{ContainerConfig, Empty, HealthConfig, History, ImageConfig, RootFs};
pub use reference::Reference;
pub use time::{parse_rfc3339, rfc3339};
pub use layer_info::{BlobBytes, BlobDesc, LayerInfo};
pub use store::{sha256_digest, short_id, Image, LookupError, Store};
