//! Errors of reading and writing image archives.

use std::io;

use thiserror::Error;

/// Why an image archive or a layer tar could not be loaded. Nothing is produced when
/// loading fails: the caller gets this error and no images.
#[derive(Debug, Error)]
pub enum LoadError {
    /// The bytes are not a tar archive (nor a gzip-compressed one).
    #[error("invalid tar archive: {0}")]
    NotATar(String),
    /// The archive ends in the middle of an entry.
    #[error("unexpected EOF: the archive is truncated ({0})")]
    Truncated(String),
    /// Reading failed for another reason (for example a corrupt gzip stream).
    #[error("error reading {what}: {message}")]
    Read {
        /// What was being read.
        what: String,
        /// The underlying error.
        message: String,
    },
    /// An entry's name or link target would leave the root of the archive or layer.
    #[error("unsafe path in {within}: {path:?}: {reason}")]
    UnsafePath {
        /// The archive or layer the entry is in.
        within: String,
        /// The entry's name as found.
        path: String,
        /// What is wrong with it.
        reason: String,
    },
    /// An entry or the whole uncompressed stream exceeds a configured limit.
    #[error("{what} is too large: more than the limit of {limit} bytes")]
    TooLarge {
        /// What exceeded the limit.
        what: String,
        /// The limit in bytes.
        limit: u64,
    },
    /// A blob's bytes do not hash to the digest that names it.
    #[error("digest mismatch for blob {blob}: expected {expected}, got {actual}")]
    DigestMismatch {
        /// The blob (path in the archive or descriptor digest).
        blob: String,
        /// The digest the archive claims.
        expected: String,
        /// The digest of the bytes found.
        actual: String,
    },
    /// A blob's length differs from its descriptor's size.
    #[error("size mismatch for blob {blob}: descriptor says {expected} bytes, found {actual}")]
    SizeMismatch {
        /// The blob.
        blob: String,
        /// The size in the descriptor.
        expected: u64,
        /// The size found.
        actual: u64,
    },
    /// A layer's uncompressed digest differs from the config's `rootfs.diff_ids`.
    #[error("layer {index} of image {image} has diff_id {actual}, but its config lists {expected}")]
    DiffIdMismatch {
        /// The image ID.
        image: String,
        /// The layer's position, counting from 1.
        index: usize,
        /// The config's diff_id.
        expected: String,
        /// The digest of the uncompressed layer.
        actual: String,
    },
    /// A file the archive refers to is not in it.
    #[error("{0} is missing from the archive")]
    Missing(String),
    /// Two entries of the archive have one name but different contents.
    #[error("the archive has conflicting duplicate entries for {0}")]
    Duplicate(String),
    /// A JSON document or a field in it is malformed.
    #[error("invalid {what}: {message}")]
    Invalid {
        /// Which document.
        what: String,
        /// What is wrong.
        message: String,
    },
    /// Something valid that layerlab does not handle (zstd layers, pre-1.10 archives, ...).
    #[error("unsupported: {0}")]
    Unsupported(String),
}

impl LoadError {
    /// Shorthand for [`LoadError::Invalid`].
    pub fn invalid(what: impl Into<String>, message: impl std::fmt::Display) -> Self {
        LoadError::Invalid { what: what.into(), message: message.to_string() }
    }
}

/// Why an image could not be written.
#[derive(Debug, Error)]
pub enum SaveError {
    /// The output failed.
    #[error("write error: {0}")]
    Io(#[from] io::Error),
    /// A tag is not a valid image reference.
    #[error("invalid reference format: {0:?}")]
    InvalidTag(String),
    /// The config's `rootfs.diff_ids` do not describe the given layers.
    #[error("image {image}: {message}")]
    Inconsistent {
        /// The image ID.
        image: String,
        /// What does not match.
        message: String,
    },
}
