//! Image archives: layers as tar streams, images as OCI image layouts and docker-archives.
//!
//! - [`write_layer_tar`], [`diff_id`], [`layer_blob`], [`write_layer_gzip`]: a vfs
//!   [`Layer`](crate::vfs::Layer) as the deterministic tar (and gzip blob) of an image layer
//!   (defined with the image model in `image::layer`, which digests layers the same way).
//! - [`read_layer_tar`], [`read_layer_tar_with`]: layer tars (plain or gzip) back into layers,
//!   refusing hostile input.
//! - [`save`], [`save_with`]: images as one tar that is both an OCI image layout and a
//!   docker-archive, streamed, reproducible, with progress events.
//! - [`load`], [`load_with`], [`LoadJob`] (pushed a piece at a time): images from archives written by layerlab, `docker save` (old and
//!   25+), `podman save`, `skopeo copy … oci-archive:/docker-archive:`, every digest checked.
//! - [`layout_files`], [`read_layout`]: the same as a set of files (an OCI layout directory),
//!   for the native CLI's state (`cli::layout` does the file system part).
//!
//! Not here: the image store and tags (see `image`), the commands (see `engine`).

mod assemble;
pub mod error;
pub mod layer_read;
mod layout;
mod load;
mod plan;
mod save;
pub mod spec;
mod tarpush;
mod tarread;

pub use crate::image::layer::{diff_id, layer_blob, write_layer_gzip, write_layer_tar, LayerBlob};
pub use assemble::{LoadedBlob, LoadedImage};
pub use error::{LoadError, SaveError};
pub use layer_read::{read_layer_tar, read_layer_tar_from, read_layer_tar_with, ReadLayer};
pub use layout::{read_layout, read_layout_with, referenced_blobs};
pub use load::{load, load_with, LoadJob};
pub use plan::{layout_files, FileSource, LayoutFile, SaveImage, SaveLayer};
pub use save::{save, save_with, SaveJob, SaveOptions, SaveProgress};
pub use tarread::LoadOptions;
