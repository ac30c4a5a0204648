//! The in-memory layered filesystem.
//!
//! A [`Tree`] is a whole filesystem as one view (what a container or a build step sees); a
//! [`Layer`] is a change set in overlay terms (added or replaced nodes, whiteouts, opaque
//! directories). Applying layers in order to an empty tree gives the union view; diffing two
//! trees gives the layer that turns one into the other, with copy-up of whole files, as
//! overlayfs and Docker record them. File contents are shared between trees and layers
//! ([`Content`] is reference-counted), and large simulated files are synthetic: a size and a
//! seed, generated on demand.
//!
//! Not here: reading or writing tar archives (see `oci`), running commands (see `shell`).

pub mod accounts;
mod content;
mod error;
mod journal;
mod layer;
mod node;
pub mod path;
mod readonly;
mod tree;

pub use content::Content;
pub use error::FsError;
pub use journal::Changes;
pub use layer::{Change, ChangeKind, Layer};
pub use node::{Meta, Node, NodeKind};
pub use tree::{Tree, PATH_MAX};
