//! The builder: runs the stages of a Dockerfile over the layered filesystem, one layer per
//! filesystem instruction, with a build cache keyed like Docker's classic builder, and
//! reports progress as a stream of [`Event`]s.
//!
//! A build is a resumable [`BuildJob`]: each [`BuildJob::step`] runs one instruction, so
//! the browser can interleave steps with rendering and the CLI can simply loop.
//!
//! Not here: parsing (see `dockerfile`), the commands RUN executes (see `shell`), image
//! serialization (see `oci`).

mod base;
mod commit;
mod context;
mod copy;
mod dispatch;
mod events;
mod history;
mod job;
mod run;
mod stage;

pub use base::resolve_base;
pub use context::{glob_match, Context, ContextEntry, Ignore};
pub use dispatch::{apply_changes, dispatch, Dispatched, CHANGE_COMMANDS};
pub use events::{BuildError, Event, LayerEvent};
pub use job::{BuildJob, BuildRequest};
pub use run::{missing_program, resolve_user};
pub use stage::StageState;

/// Docker's limit on the number of layers in an image.
pub const MAX_LAYERS: usize = 127;
