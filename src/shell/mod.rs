//! The simulated shell: a subset of busybox `sh` with busybox-like applets and simulated
//! package managers, running against a [`crate::vfs::Tree`] with step and byte budgets.
//!
//! The pipeline: [`parser`] (with the word lexer) turns script text into the [`ast`]; the
//! interpreter (`exec`, `run`, `expand`, `builtins`) walks it; commands found on `PATH` in
//! the tree run as applets (`applets`, then [`pkg`]).
//!
//! Not here: layers (the builder diffs the tree after a command). The network is simulated
//! by [`programs`] (deterministic downloads; `Network::none()` makes them fail).

pub mod applet;
mod applets;
mod arith;
pub mod ast;
mod builtins;
pub mod depth;
pub mod dialect;
mod exec;
mod expand;
pub mod glob;
mod lexer;
pub mod parser;
pub mod pkg;
pub mod programs;
mod redirect;
mod run;

pub use applet::{AppletFn, Budget, BudgetError, Ctx, IoState};
pub use programs::Network;

/// `strftime` as the shell's `date` formats it (for callers above the shell).
pub fn applets_strftime(fmt: &str, t: i64) -> String {
    applets::info::strftime(fmt, t)
}

use std::collections::BTreeMap;

use crate::vfs::Tree;
use exec::{Flow, Res, Shell};

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
    /// The network the process is attached to (`--network none` makes fetches fail).
    pub network: Network,
    /// What else runs in the container (its main process, a server's workers), for `ps`.
    pub procs: Vec<Running>,
}

/// The PID the next process started in a container gets, after those in `procs` (1 in an
/// empty one).
pub fn next_pid(procs: &[Running]) -> u32 {
    procs.iter().map(|p| p.pid).max().map_or(1, |m| m + 6)
}

/// A process running in a container, as `ps` lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Running {
    /// Its PID in the container (the main process is 1).
    pub pid: u32,
    /// Its parent's PID (0 for the main process).
    pub ppid: u32,
    /// The user it runs as.
    pub user: String,
    /// Its command line.
    pub command: String,
    /// When it started, seconds since the epoch.
    pub started: i64,
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
    /// Virtual time the command slept, in milliseconds (see [`Budget::slept_ms`]).
    pub slept_ms: u64,
}

/// Installs a busybox-like userland into `fs`: an executable `/bin/busybox` and a symbolic
/// link to it in `/bin` for every applet (entries that already exist are kept).
pub fn install_busybox(fs: &mut Tree, now: i64) {
    let dir = crate::vfs::Meta { mode: 0o755, uid: 0, gid: 0, mtime: now };
    let _ = fs.mkdir_all("/", "/bin", dir);
    if fs.get("/bin/busybox").is_none() {
        let content = crate::vfs::Content::synthetic(1_048_576, 0xb5b0, "busybox (layerlab simulated applets)");
        let _ = fs.write_file("/", "/bin/busybox", content, dir);
    }
    for name in applets::busybox_names() {
        if name != "busybox" && fs.get(&format!("/bin/{name}")).is_none() {
            let _ = fs.symlink("/", "/bin/busybox", &format!("/bin/{name}"), crate::vfs::Meta { mode: 0o777, ..dir });
        }
    }
}

/// Exit status reported when a budget stops a command (as if killed by SIGKILL).
pub const STOPPED_STATUS: i32 = 137;

fn finish(mut sh: Shell<'_>, r: Res) -> Outcome {
    let mut stopped = None;
    let code = match r {
        Ok(c) | Err(Flow::Exit(c)) | Err(Flow::Return(c)) => c,
        Err(Flow::Break(_)) | Err(Flow::Continue(_)) => 0,
        Err(Flow::Stop(e)) => {
            stopped = Some(e);
            STOPPED_STATUS
        }
    };
    if stopped.is_none() {
        sh.st.status = code;
        if let Err(Flow::Stop(e)) = sh.run_exit_trap() {
            stopped = Some(e);
        }
    }
    sh.flush_files(0);
    if let Some(e) = &stopped {
        let msg = format!("{}: {e}\n", sh.name);
        sh.errs.extend_from_slice(msg.as_bytes());
        sh.combined.extend_from_slice(msg.as_bytes());
    }
    Outcome {
        code: if stopped.is_some() { STOPPED_STATUS } else { code },
        stdout: sh.out,
        stderr: sh.errs,
        combined: sh.combined,
        stopped,
        slept_ms: sh.budget.slept_ms,
    }
}

/// Runs `script` as `/bin/sh -c script` would.
pub fn run_script(fs: &mut Tree, process: &Process, script: &str, budget: &mut Budget) -> Outcome {
    run_shell(fs, process, "/bin/sh", script, budget)
}

/// Runs `script` as `SHELL -c script` would, `shell` as it was called (`sh`, `/bin/bash`):
/// it is the script's `$0`, and the program it names decides how errors are worded (see
/// [`dialect`]).
pub fn run_shell(fs: &mut Tree, process: &Process, shell: &str, script: &str, budget: &mut Budget) -> Outcome {
    let mut sh = Shell::new(fs, budget, process);
    let file = sh.path_lookup(shell, None).unwrap_or_else(|| shell.to_string());
    sh.st.dialect = dialect::Dialect::of(sh.fs, &file);
    sh.st.arg0 = shell.to_string();
    let r = match parser::parse(script) {
        Ok(ast) => sh.run_script(&ast),
        Err(e) => {
            sh.error(&e.to_string());
            Ok(2)
        }
    };
    finish(sh, r)
}

/// Runs `argv` directly (exec form), looking `argv[0]` up on `PATH`.
pub fn run_argv(fs: &mut Tree, process: &Process, argv: &[String], budget: &mut Budget) -> Outcome {
    let mut sh = Shell::new(fs, budget, process);
    if argv.is_empty() {
        return finish(sh, Ok(0));
    }
    let env = sh.exported_env();
    if sh.path_lookup(&argv[0], Some(&env)).is_none() {
        let msg = format!("exec: \"{}\": executable file not found in $PATH\n", argv[0]);
        sh.errs.extend_from_slice(msg.as_bytes());
        sh.combined.extend_from_slice(msg.as_bytes());
        return finish(sh, Ok(127));
    }
    let r = sh.run_external(argv, env);
    finish(sh, r)
}

#[cfg(test)]
mod fuzz_tests;
#[cfg(test)]
mod limit_tests;
#[cfg(test)]
mod tests;
