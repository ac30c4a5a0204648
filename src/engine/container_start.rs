//! Starting a container's process: its environment, working directory, the daemon's
//! checks, the run itself and the server it leaves running.

use std::collections::BTreeMap;

use super::container::{self, Container, State};
use super::process::{self, Proc, Step};
use super::Engine;
use crate::vfs::{Layer, Meta};

/// What a start printed.
pub struct Ran {
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
    /// Both, in order.
    pub combined: String,
}

/// The environment a container process gets: the config's, plus `PATH`, `HOSTNAME`, `HOME`.
pub fn process_env(c: &Container, home: &str) -> BTreeMap<String, String> {
    let mut env = BTreeMap::new();
    env.insert("PATH".to_string(), crate::util::DEFAULT_PATH.to_string());
    env.insert("HOSTNAME".to_string(), c.hostname.clone());
    for kv in &c.config.env {
        if let Some((k, v)) = kv.split_once('=') {
            env.insert(k.to_string(), v.to_string());
        }
    }
    env.entry("HOME".to_string()).or_insert_with(|| home.to_string());
    env
}

/// Seconds of virtual sleep taken as "until it is stopped" (a century).
const FOREVER_S: i64 = 100 * 365 * 86_400;

/// Starts container `i`. `foreground` means the caller waits for it (`docker run`
/// without `-d`): a program that ends by itself after a while has ended when it returns.
/// Errors carry the exit status and the daemon's message.
pub fn start_at(e: &mut Engine, i: usize, foreground: bool) -> Result<Ran, (i32, String)> {
    let now = e.now();
    start_at_time(e, i, foreground, now)
}

/// [`start_at`] at the virtual time `now` (a restart the daemon made while the engine was
/// idle runs at the time its back-off ended).
pub(crate) fn start_at_time(e: &mut Engine, i: usize, foreground: bool, now: i64) -> Result<Ran, (i32, String)> {
    let (lower, mut tree) = e.containers[i].lower_and_tree(&e.store);
    let mounted = e.mount_volumes(i, &mut tree).map_err(|m| (125, m))?;
    let c = &e.containers[i];
    let (uid, gid, home) = crate::build::resolve_user(&tree, &c.config.user).map_err(|m| {
        (126, format!("failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: {m}: unknown"))
    })?;
    let env = process_env(c, &home);
    let cwd = if c.config.working_dir.is_empty() { "/".to_string() } else { c.config.working_dir.clone() };
    if cwd != "/"
        && !tree.get(&cwd).is_some_and(|n| n.is_dir())
        && tree.unlocked(|t| t.mkdir_all("/", &cwd, Meta { mode: 0o755, uid: 0, gid: 0, mtime: now })).is_err()
    {
        let msg = if tree.get(&cwd).is_some() {
            format!("Cannot mkdir: {} is not a directory", c.config.working_dir)
        } else {
            // Go's MkdirAll stops at the first name on the way that is not a directory.
            let mut at = String::new();
            for part in cwd.split('/').filter(|p| !p.is_empty()) {
                at = format!("{at}/{part}");
                if tree.get(&at).is_some_and(|n| !n.is_dir()) {
                    break;
                }
            }
            format!(
                "mkdir /var/lib/docker/overlay2/{}/merged{at}: not a directory",
                super::container_create::rw_layer(&c.id)
            )
        };
        return Err((125, msg));
    }
    let argv: Vec<String> = std::iter::once(c.path.clone()).chain(c.args.iter().cloned()).collect();
    if let Some(msg) = process::missing_program(&tree, &argv, &env, &cwd) {
        let c = &mut e.containers[i];
        c.start_error = Some((127, msg.clone()));
        return Err((127, msg));
    }
    let mut plan = process::plan(&argv, c.open_stdin);
    if plan.daemon.as_ref().is_some_and(|d| process::missing_program(&tree, &d.argv, &env, &cwd).is_some()) {
        // The shell will report the missing server program itself.
        plan = process::Plan { first: Some(Step::Argv(argv.clone())), and: false, daemon: None };
    }
    if let Some(b) = c.bindings.iter().find(|b| {
        e.containers.iter().any(|o| {
            o.id != c.id && o.is_running() && o.bindings.iter().any(|x| x.host == b.host && x.proto == b.proto)
        })
    }) {
        let msg = format!("driver failed programming external connectivity on endpoint {} ({}): Bind for {}:{} failed: port is already allocated", c.name, &c.id, if b.ip.contains(':') { format!("[{}]", b.ip) } else { b.ip.clone() }, b.host);
        return Err((125, msg));
    }
    let network = e.container_network(i, &tree);
    let proc = Proc { env, cwd, uid, gid, now, stdin: Vec::new(), network, procs: Vec::new() };
    let mut ran = Ran { stdout: String::new(), stderr: String::new(), combined: String::new() };
    let mut code = 0;
    let mut endless = false;
    // Seconds the command slept (virtual time): detached, it runs that long.
    let mut slept = 0;
    if let Some(step) = &plan.first {
        let mut o = process::run_step(&mut tree, step, &proc);
        if !foreground {
            // Detached, a runaway loop is a process that keeps running; in the foreground
            // the budget stops it with its message and status 137.
            process::drop_budget_message(&mut o);
        }
        ran.stdout = String::from_utf8_lossy(&o.stdout).into_owned();
        ran.stderr = String::from_utf8_lossy(&o.stderr).into_owned();
        ran.combined = String::from_utf8_lossy(&o.combined).into_owned();
        code = o.code;
        endless = o.stopped.is_some() && !foreground;
        slept = i64::try_from(o.slept_ms / 1000).unwrap_or(i64::MAX);
    }
    // A server whose image's entrypoint refuses its configuration exits with its message.
    let env_list = e.containers[i].config.env.clone();
    if let Some(lines) = plan.daemon.as_ref().and_then(|d| super::services::refusal(&d.program, &env_list, &tree, now))
    {
        for (stream, line) in lines {
            if stream == 1 { &mut ran.stdout } else { &mut ran.stderr }.push_str(&line);
            ran.combined.push_str(&line);
        }
        code = 1;
        plan.daemon = None;
    }
    // What a server logs as it starts is read from the files it then changes.
    let startup = plan.daemon.as_ref().map(|d| {
        let lines = super::services::startup_log(&d.program, &env_list, &tree, now);
        super::services::start_changes(&d.program, &env_list, &mut tree, now);
        (d.program.clone(), lines)
    });
    e.unmount_volumes(i, &lower, &mut tree, mounted);
    let c = &mut e.containers[i];
    c.paused = false;
    c.rw = Layer::diff(&lower, &tree);
    c.append_log(container::interleave(&ran.stdout, &ran.stderr, &ran.combined), now);
    c.starts += 1;
    c.start_error = None;
    let daemon = if endless {
        Some(process::Daemon { seconds: None, stop_code: 137, program: argv.join(" "), argv: argv.clone() })
    } else if plan.first.is_none() || !plan.and || code == 0 {
        plan.daemon.clone()
    } else {
        None
    };
    c.state = match daemon {
        Some(d) if !(foreground && d.seconds.is_some()) => State::Running {
            started: now,
            until: d.seconds.map(|s| now + s),
            stop_code: d.stop_code,
            program: d.program,
            code: 0,
        },
        Some(_) => State::Exited { started: now, finished: now, code: 0 },
        // A detached script that sleeps is up until its sleeps are over (as PID 1 the shell
        // ignores SIGTERM: `docker stop` kills it).
        None if !foreground && slept > 0 => State::Running {
            started: now,
            // A program that waits forever (`ping` without a count) runs until stopped.
            until: (slept < FOREVER_S).then(|| now.saturating_add(slept)),
            stop_code: 137,
            program: argv.join(" "),
            code,
        },
        None => State::Exited { started: now, finished: now, code },
    };
    if let State::Running { program, .. } = &c.state {
        let lines = match startup {
            Some((p, lines)) if p == *program => lines,
            _ => super::services::startup_log(program, &c.config.env, &tree, now),
        };
        c.append_log(lines, now);
    }
    Ok(ran)
}
