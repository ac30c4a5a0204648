//! The simulated shell: a subset of busybox `sh` with busybox-like applets and simulated
//! package managers, running against a [`crate::vfs::Tree`] with step and byte budgets.
//!
//! Not here: layers (the builder diffs the tree after a command), networking (there is none).

pub mod applet;
pub mod pkg;

pub use applet::{AppletFn, Budget, BudgetError, Ctx};

use std::collections::BTreeMap;

use crate::vfs::Tree;

/// The process a command runs as.
#[derive(Clone, Debug)]
pub struct Process {
    /// Working directory (absolute).
    pub cwd: String,
    /// Environment, `PATH` included.
    pub env: BTreeMap<String, String>,
    /// User id.
    pub uid: u32,
    /// Group id.
    pub gid: u32,
    /// Time stamped on written files.
    pub now: i64,
    /// Standard input.
    pub stdin: Vec<u8>,
}

/// What a finished command left behind.
#[derive(Clone, Debug, Default)]
pub struct Outcome {
    /// Exit status (127 not found, 126 not executable, 128+n killed).
    pub code: i32,
    /// Standard output.
    pub stdout: Vec<u8>,
    /// Standard error.
    pub stderr: Vec<u8>,
    /// Both streams interleaved in the order written (what a terminal shows).
    pub combined: Vec<u8>,
    /// Set when a budget stopped the command.
    pub stopped: Option<BudgetError>,
}

/// Runs `script` as `/bin/sh -c script` would.
pub fn run_script(fs: &mut Tree, process: &Process, script: &str, budget: &mut Budget) -> Outcome {
    let _ = (fs, process, script, budget);
    unimplemented!("the interpreter lands with the shell module")
}

/// Runs `argv` directly (exec form), looking `argv[0]` up on `PATH`.
pub fn run_argv(fs: &mut Tree, process: &Process, argv: &[String], budget: &mut Budget) -> Outcome {
    let _ = (fs, process, argv, budget);
    unimplemented!("the interpreter lands with the shell module")
}
