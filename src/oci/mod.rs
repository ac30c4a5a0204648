//! Image archives: layers as tar streams, images as OCI image layouts and docker-archives.
pub mod digest;
pub mod error;
pub mod layer;
pub mod tarread;
pub use error::LoadError;
pub mod layer_read;
