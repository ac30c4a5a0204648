//! RUN: executing a command in the simulated shell over the stage's filesystem.

use std::collections::BTreeMap;

use crate::shell::{self, Budget, Outcome, Process};
use crate::vfs::Tree;

use crate::util::DEFAULT_PATH;

/// Who a `USER` value names: (uid, gid, home).
pub use crate::vfs::accounts::resolve as resolve_user;

/// What to run: a script for the shell, or an argv.
pub enum RunCommand {
    /// Shell form: the SHELL's argv plus the script.
    Shell { shell: Vec<String>, script: String },
    /// Exec form.
    Exec(Vec<String>),
}

impl RunCommand {
    /// The argv Docker records and executes.
    pub fn argv(&self) -> Vec<String> {
        match self {
            RunCommand::Shell { shell, script } => {
                let mut v = shell.clone();
                v.push(script.clone());
                v
            }
            RunCommand::Exec(v) => v.clone(),
        }
    }
}

/// Runs a command in `tree` as a container process would; the environment gets Docker's
/// defaults (`PATH`, `HOME`, `HOSTNAME`). Fails like runc when the program does not exist.
/// `network` is the RUN's `--network` (downloads fail with `none`).
#[allow(clippy::too_many_arguments)]
pub fn execute(
    tree: &mut Tree,
    cmd: &RunCommand,
    env: &[(String, String)],
    cwd: &str,
    user: (u32, u32, String),
    hostname: &str,
    now: i64,
    network: crate::shell::Network,
) -> Result<Outcome, String> {
    let mut process = Process {
        cwd: if cwd.is_empty() { "/".into() } else { cwd.to_string() },
        env: crate::util::collect::map(env.iter().cloned()),
        uid: user.0,
        gid: user.1,
        now,
        stdin: Vec::new(),
        network,
        procs: Vec::new(),
    };
    process.env.entry("PATH".into()).or_insert_with(|| DEFAULT_PATH.into());
    process.env.entry("HOME".into()).or_insert(user.2);
    process.env.insert("HOSTNAME".into(), hostname.into());
    let argv = cmd.argv();
    let mut budget = Budget::default();
    if argv.is_empty() {
        return Err("no command specified".into());
    }
    if let Some(e) = missing_program(tree, &argv, &process.env, &process.cwd) {
        return Err(e);
    }
    Ok(match cmd {
        RunCommand::Shell { shell, script } if is_sh(shell) => {
            shell::run_shell(tree, &process, &shell[0], script, &mut budget)
        }
        _ => shell::run_argv(tree, &process, &argv, &mut budget),
    })
}

/// True when the SHELL is one our interpreter runs directly (`/bin/sh -c`, `bash -c`, …).
fn is_sh(shell: &[String]) -> bool {
    let name = shell.first().map(|s| s.rsplit('/').next().unwrap_or(s)).unwrap_or("");
    matches!(name, "sh" | "bash" | "ash" | "dash") && shell.get(1).map(String::as_str) == Some("-c") && shell.len() == 2
}

/// The runc error when the program to start does not exist (`None` when it does).
pub fn missing_program(tree: &Tree, argv: &[String], env: &BTreeMap<String, String>, cwd: &str) -> Option<String> {
    let prog = argv.first()?;
    let found = if prog.contains('/') {
        tree.lookup(cwd, prog, true).is_ok_and(|(_, n)| !n.is_dir())
    } else {
        let path = env.get("PATH").map(String::as_str).unwrap_or(DEFAULT_PATH);
        path.split(':').any(|dir| tree.lookup("/", &format!("{dir}/{prog}"), true).is_ok_and(|(_, n)| n.is_file()))
    };
    if found {
        return None;
    }
    let why = if prog.contains('/') {
        format!("stat {prog}: no such file or directory")
    } else {
        "executable file not found in $PATH".to_string()
    };
    Some(format!(
        "failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: exec: \"{prog}\": {why}: unknown"
    ))
}
