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
    /// Virtual time the command spent in `sleep`, in milliseconds (a health check that
    /// sleeps past its timeout has timed out).
    pub slept_ms: u64,
}

impl Default for Budget {
    fn default() -> Self {
        Budget { steps_left: 1_000_000, bytes_left: 256 * 1024 * 1024, slept_ms: 0 }
    }
}

/// The longest string (a variable, an expansion, a command substitution's output, an awk
/// value) or word list, in bytes, the interpreter builds; past it the command stops with
/// [`BudgetError::Memory`].
pub const MAX_STRING: usize = 64 * 1024 * 1024;

/// Bytes of string building that cost one interpreter step, so that growing a string one
/// piece at a time (quadratic copying) meets the step budget in bounded time.
pub const BYTES_PER_STEP: usize = 1024;

/// Why a command was stopped.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum BudgetError {
    /// Too many interpreter steps.
    #[error("step budget exhausted after {0} steps (an endless loop?)")]
    Steps(u64),
    /// Too many bytes written.
    #[error("write budget exhausted after {0} bytes (an endless writer such as `yes`?)")]
    Bytes(u64),
    /// A command read to the end of a pipe whose writer was stopped when the pipe was full.
    #[error("pipe limit reached: a command wrote more than {0} bytes into a pipe that the next command read to the end (pipes are held in memory)")]
    Pipe(u64),
    /// A string or word list past [`MAX_STRING`] bytes.
    #[error("memory budget exhausted: a string or argument list grew past {0} bytes")]
    Memory(usize),
    /// Recursion past the nesting budget ([`crate::shell::depth`]).
    #[error("nesting too deep (a runaway recursion of functions, eval or . ?)")]
    Depth,
}

/// Bookkeeping of an applet's streams beyond the bytes themselves.
#[derive(Clone, Debug, Default)]
pub struct IoState {
    /// The order of writes: (stream 1 or 2, length), for interleaving stdout and stderr.
    pub order: Vec<(u8, usize)>,
    /// Standard output goes to a pipe that accepts at most this many more bytes; past it
    /// the reader is taken to have gone away (like SIGPIPE), see [`Ctx::broken_pipe`].
    pub pipe_room: Option<u64>,
    /// Set once the pipe is full.
    pub broken_pipe: bool,
    /// Set when the write budget ran out.
    pub exhausted: Option<BudgetError>,
    /// Set when the applet read its standard input through [`Ctx::input`].
    pub stdin_used: bool,
    /// Set when the applet used only a prefix of its standard input (`head`): a pipe cut
    /// after that prefix is then no error.
    pub stdin_partial: bool,
    /// Standard output is thrown away (a program's own quiet mode: `apt-get -qq`).
    pub discard_out: bool,
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
    /// File creation mask (022 unless changed with `umask`).
    pub umask: u32,
    /// Standard input.
    pub stdin: &'a [u8],
    /// Standard output.
    pub stdout: &'a mut Vec<u8>,
    /// Standard error.
    pub stderr: &'a mut Vec<u8>,
    /// The budgets shared by the whole command.
    pub budget: &'a mut Budget,
    /// Write order, pipe state and budget state.
    pub io: IoState,
    /// The network the process is attached to.
    pub network: super::Network,
    /// What else runs in the container (for `ps`).
    pub procs: Vec<super::Running>,
    /// True when the program run is GNU coreutils' (Debian, Ubuntu), not busybox's
    /// applet: it words its errors as GNU does (see `applets::wording`).
    pub gnu: bool,
    /// coreutils' `(major, minor)` version when `gnu` (its wording changed over time).
    pub gnu_version: (u32, u32),
}

impl<'a> Ctx<'a> {
    /// A context running as root in `/` at time 0 with an empty environment (for tests and
    /// for callers that set the other fields afterwards).
    pub fn new(
        fs: &'a mut Tree,
        stdin: &'a [u8],
        stdout: &'a mut Vec<u8>,
        stderr: &'a mut Vec<u8>,
        budget: &'a mut Budget,
    ) -> Self {
        Ctx {
            fs,
            cwd: "/".into(),
            env: BTreeMap::new(),
            uid: 0,
            gid: 0,
            now: 0,
            umask: 0o022,
            stdin,
            stdout,
            stderr,
            budget,
            io: IoState::default(),
            network: super::Network::default(),
            procs: Vec::new(),
            gnu: false,
            gnu_version: (0, 0),
        }
    }

    /// Where `name` would be on `PATH` (the default `PATH` when unset), in search order:
    /// `DIR/name` for each of its directories.
    pub fn path_candidates<'n>(&self, name: &'n str) -> impl Iterator<Item = String> + 'n {
        let path = self.env.get("PATH").cloned().unwrap_or_else(|| crate::util::DEFAULT_PATH.to_string());
        let dirs: Vec<String> = path.split(':').map(|d| d.trim_end_matches('/').to_string()).collect();
        dirs.into_iter().map(move |d| format!("{d}/{name}"))
    }
}

impl Ctx<'_> {
    /// Writes text to standard output.
    pub fn out(&mut self, s: &str) {
        self.write_out(s.as_bytes());
    }

    /// Writes bytes to standard output (up to the budget and the pipe's room).
    pub fn write_out(&mut self, b: &[u8]) {
        if self.io.discard_out {
            return;
        }
        let mut n = b.len();
        if let Some(room) = self.io.pipe_room.as_mut() {
            if (n as u64) > *room {
                n = *room as usize;
                self.io.broken_pipe = true;
            }
            *room -= n as u64;
        }
        let n = self.allow(n);
        if n == 0 {
            return;
        }
        self.stdout.extend_from_slice(&b[..n]);
        self.record(1, n);
    }

    /// Writes text to standard error.
    pub fn err(&mut self, s: &str) {
        let n = self.allow(s.len());
        self.stderr.extend_from_slice(&s.as_bytes()[..n]);
        self.record(2, n);
    }

    /// Standard input, marked as consumed (a later `read` in the shell will not see it).
    pub fn input(&mut self) -> &[u8] {
        self.io.stdin_used = true;
        self.stdin
    }

    /// True when the applet should stop writing: the budget ran out or the pipe reader is
    /// gone.
    pub fn stopped(&self) -> bool {
        self.io.exhausted.is_some() || self.io.broken_pipe
    }

    /// Charges `n` bytes to the write budget; returns how many may be written. Also used by
    /// applets for bytes they write to files.
    pub fn allow(&mut self, n: usize) -> usize {
        let left = self.budget.bytes_left;
        if (n as u64) <= left {
            self.budget.bytes_left -= n as u64;
            return n;
        }
        self.budget.bytes_left = 0;
        if self.io.exhausted.is_none() {
            self.io.exhausted = Some(BudgetError::Bytes(Budget::default().bytes_left));
        }
        left as usize
    }

    /// Charges one interpreter step; false when the step budget is exhausted.
    pub fn step(&mut self) -> bool {
        if self.budget.steps_left == 0 {
            if self.io.exhausted.is_none() {
                self.io.exhausted = Some(BudgetError::Steps(Budget::default().steps_left));
            }
            return false;
        }
        self.budget.steps_left -= 1;
        true
    }

    /// Charges building a string of `len` bytes: one step per [`BYTES_PER_STEP`], and a
    /// [`BudgetError::Memory`] past [`MAX_STRING`]. False when the command must stop.
    pub fn charge_string(&mut self, len: usize) -> bool {
        if len > MAX_STRING {
            if self.io.exhausted.is_none() {
                self.io.exhausted = Some(BudgetError::Memory(MAX_STRING));
            }
            return false;
        }
        let steps = (len / BYTES_PER_STEP) as u64;
        if steps > self.budget.steps_left {
            self.budget.steps_left = 0;
            return self.step();
        }
        self.budget.steps_left -= steps;
        true
    }

    fn record(&mut self, stream: u8, n: usize) {
        if n == 0 {
            return;
        }
        match self.io.order.last_mut() {
            Some((s, len)) if *s == stream => *len += n,
            _ => self.io.order.push((stream, n)),
        }
    }
}

/// A command implemented in Rust: gets its argv (`argv[0]` is the name) and returns the
/// exit status.
pub type AppletFn = fn(&mut Ctx<'_>, &[String]) -> i32;
