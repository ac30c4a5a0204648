//! The interface between the interpreter and the commands it runs (applets).

use std::collections::BTreeMap;

use crate::vfs::Tree;

/// Limits that stop runaway commands instead of hanging the page.
#[derive(Clone, Debug)]
pub struct Budget {
    /// Interpreter steps left (each command, loop iteration or expansion costs one).
    pub steps_left: u64,
    /// Bytes that commands may still write (to files and to output).
    pub bytes_left: u64,
}

impl Default for Budget {
    fn default() -> Self {
        Budget { steps_left: 1_000_000, bytes_left: 256 * 1024 * 1024 }
    }
}

/// Why a command was stopped.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum BudgetError {
    /// Too many interpreter steps.
    #[error("step budget exhausted after {0} steps (an endless loop?)")]
    Steps(u64),
    /// Too many bytes written.
    #[error("write budget exhausted after {0} bytes (an endless writer such as `yes`?)")]
    Bytes(u64),
}

/// Everything an applet may use: the filesystem, the process state and its standard streams.
/// Applets write output only through [`Ctx::out`], [`Ctx::err`] and [`Ctx::write_out`].
pub struct Ctx<'a> {
    /// The filesystem the command runs in.
    pub fs: &'a mut Tree,
    /// The working directory (absolute, normalized).
    pub cwd: String,
    /// Exported environment variables.
    pub env: BTreeMap<String, String>,
    /// User id the command runs as.
    pub uid: u32,
    /// Group id the command runs as.
    pub gid: u32,
    /// Time stamped on files written (seconds since the epoch).
    pub now: i64,
    /// Standard input.
    pub stdin: &'a [u8],
    /// Standard output.
    pub stdout: &'a mut Vec<u8>,
    /// Standard error.
    pub stderr: &'a mut Vec<u8>,
    /// The budgets shared by the whole command.
    pub budget: &'a mut Budget,
}

impl Ctx<'_> {
    /// Writes text to standard output.
    pub fn out(&mut self, s: &str) {
        self.write_out(s.as_bytes());
    }

    /// Writes bytes to standard output.
    pub fn write_out(&mut self, b: &[u8]) {
        self.stdout.extend_from_slice(b);
    }

    /// Writes text to standard error.
    pub fn err(&mut self, s: &str) {
        self.stderr.extend_from_slice(s.as_bytes());
    }
}

/// A command implemented in Rust: gets its argv (`argv[0]` is the name) and returns the
/// exit status.
pub type AppletFn = fn(&mut Ctx<'_>, &[String]) -> i32;
