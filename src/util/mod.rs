//! Small leaf helpers every layer shares: content digests, timestamps, image references,
//! port specs, signal names, sorting, ordered collections, edit distance, base64 and the default
//! `PATH`. Nothing here uses another module of the crate, so every module may use it.

pub mod base64;
pub mod collect;
pub mod digest;
pub mod port_spec;
pub mod reference;
pub mod signal;
pub mod sort;
pub mod text;
pub mod time;

/// The `PATH` a container gets when its image sets none, and the one every official image sets.
pub const DEFAULT_PATH: &str = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
