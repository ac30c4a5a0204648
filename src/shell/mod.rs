//! The simulated shell: a subset of busybox `sh` with busybox-like applets and simulated
//! package managers, running against a [`crate::vfs::Tree`] with step and byte budgets.
//!
//! Not here: layers (the builder diffs the tree after a command), networking (there is none).

pub mod applet;

pub use applet::{AppletFn, Budget, BudgetError, Ctx};
