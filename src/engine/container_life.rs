//! Container lifecycle: `stop`, `kill`, `restart`, `rm`, `rename`, `wait`, `logs`, `top`
//! and `container prune`.

use super::container::{self, State};
use super::flags::{switch, value};
use super::format::{human_size4, table};
use super::spec::{Args, Cmd};
use super::{container_start, Engine, Output};

const fn one_or_more(
    path: &'static str,
    short: &'static str,
    aliases: &'static str,
    flags: &'static [super::flags::FlagSpec],
) -> Cmd {
    Cmd {
        path,
        usage: "[OPTIONS] CONTAINER [CONTAINER...]",
        short,
        aliases,
        flags,
        args: Args::Min(1),
        interspersed: true,
    }
}

/// `docker stop`.
pub const STOP: Cmd = Cmd {
    path: "docker stop",
    usage: "[OPTIONS] CONTAINER [CONTAINER...]",
    short: "Stop one or more running containers",
    aliases: "docker container stop, docker stop",
    flags: &[
        value("signal", Some('s')).doc("string", "Signal to send to the container"),
        value("time", Some('t')).doc("int", "Seconds to wait before killing the container"),
    ],
    args: Args::Min(1),
    interspersed: true,
};

/// `docker kill`.
pub const KILL: Cmd = Cmd {
    path: "docker kill",
    usage: "[OPTIONS] CONTAINER [CONTAINER...]",
    short: "Kill one or more running containers",
    aliases: "docker container kill, docker kill",
    flags: &[value("signal", Some('s')).doc("string", "Signal to send to the container")],
    args: Args::Min(1),
    interspersed: true,
};

/// `docker restart`.
pub const RESTART: Cmd = Cmd {
    path: "docker restart",
    usage: "[OPTIONS] CONTAINER [CONTAINER...]",
    short: "Restart one or more containers",
    aliases: "docker container restart, docker restart",
    flags: &[value("time", Some('t')).doc("int", "Seconds to wait before killing the container")],
    args: Args::Min(1),
    interspersed: true,
};

/// The exit status a signal gives (`SIGKILL` → 137, `SIGTERM` → 143 when handled by the
/// default action); names and numbers as `util::signal` parses them.
fn signal_code(sig: &str) -> Result<i32, String> {
    let n = crate::util::signal::parse(sig)?;
    Ok(128 + i32::try_from(n.rem_euclid(256)).unwrap_or(0))
}

/// Ends container `i` with exit status `code` now, by hand (its restart policy waits for
/// the next manual start).
fn end(e: &mut Engine, i: usize, code: i32) {
    let now = e.now();
    e.containers[i].paused = false;
    e.containers[i].manually_stopped = true;
    if let State::Running { started, .. } = e.containers[i].state {
        e.containers[i].state = State::Exited { started, finished: now, code };
    }
}

/// Runs `f` on each named container, printing the name on success; failures print the
/// daemon's error and make the exit status 1.
pub(super) fn each(
    e: &mut Engine,
    names: &[String],
    mut f: impl FnMut(&mut Engine, usize) -> Result<(), String>,
) -> Output {
    let mut out = Output::default();
    for name in names {
        let r = container::find(&e.containers, name).and_then(|i| f(e, i));
        match r {
            Ok(()) => out.line(name),
            Err(m) => out.daemon_line(m),
        }
    }
    let now = e.now();
    container::refresh(&mut e.containers, now);
    out
}

/// `docker stop`: the image's `STOPSIGNAL` (SIGTERM by default) is sent; servers exit 0,
/// other programs are killed after the grace period (137), as is everything with `-t 0`
/// or a `STOPSIGNAL` of SIGKILL.
pub fn stop(e: &mut Engine, cmd: &Cmd, args: &[String]) -> Output {
    let p = match cmd.parse(args) {
        Ok(p) => p,
        Err(o) => return o,
    };
    let sig = p.get("signal").map(String::from);
    let no_grace = p.get("time").is_some_and(|t| t.trim() == "0");
    each(e, &p.args, |e, i| {
        e.containers[i].manually_stopped = true;
        if let State::Running { stop_code, .. } = e.containers[i].state {
            let configured = e.containers[i].config.stop_signal.clone();
            let sig = sig.clone().or_else(|| (!configured.is_empty()).then_some(configured));
            let code = match &sig {
                _ if no_grace => 137,
                Some(s) if signal_code(s)? == 137 => 137,
                _ => stop_code,
            };
            end(e, i, code);
        }
        Ok(())
    })
}

/// `docker kill`: `SIGKILL` unless `-s` says otherwise.
pub fn kill(e: &mut Engine, cmd: &Cmd, args: &[String]) -> Output {
    let p = match cmd.parse(args) {
        Ok(p) => p,
        Err(o) => return o,
    };
    let code = match signal_code(p.get("signal").unwrap_or("KILL")) {
        Ok(c) => c,
        Err(m) => return Output::daemon(m),
    };
    each(e, &p.args, |e, i| {
        let c = &e.containers[i];
        if !c.is_running() {
            return Err(format!(
                "cannot kill container: {}: container {} is not running",
                p.args.iter().find(|n| container::find(&e.containers, n) == Ok(i)).cloned().unwrap_or_default(),
                c.id
            ));
        }
        let code = match (code, &c.state) {
            (137, _) => 137,
            (_, State::Running { stop_code: 0, .. }) => 0,
            (c, _) => c,
        };
        end(e, i, code);
        Ok(())
    })
}

/// `docker restart`.
pub fn restart(e: &mut Engine, cmd: &Cmd, args: &[String]) -> Output {
    let p = match cmd.parse(args) {
        Ok(p) => p,
        Err(o) => return o,
    };
    each(e, &p.args, |e, i| {
        if let State::Running { stop_code, .. } = e.containers[i].state {
            end(e, i, stop_code);
        }
        e.containers[i].manual_start();
        container_start::start_at(e, i, false).map(|_| ()).map_err(|(_, m)| m)
    })
}

/// `docker rm`.
pub const RM: Cmd = one_or_more(
    "docker rm",
    "Remove one or more containers",
    "docker container rm, docker container remove, docker rm",
    &[
        switch("force", Some('f')).about("Force the removal of a running container (uses SIGKILL)"),
        switch("volumes", Some('v')).about("Remove anonymous volumes associated with the container"),
    ],
);

/// `docker rm [-f] CONTAINER...`.
pub fn rm(e: &mut Engine, cmd: &Cmd, args: &[String]) -> Output {
    let p = match cmd.parse(args) {
        Ok(p) => p,
        Err(o) => return o,
    };
    let force = p.on("force");
    let mut out = Output::default();
    for name in &p.args {
        match container::find(&e.containers, name) {
            Ok(i) if e.containers[i].is_running() && !force => {
                out.err_line(format!(
                    "Error response from daemon: cannot remove container \"{name}\": container is running: stop the container before removing or force remove"
                ));
                out.code = 1;
            }
            Ok(i) if e.containers[i].restarting() && !force => {
                out.err_line(format!(
                    "Error response from daemon: cannot remove container \"{name}\": container is restarting: stop the container before removing or force remove"
                ));
                out.code = 1;
            }
            Ok(i) => {
                let gone = e.containers.remove(i);
                if p.on("volumes") {
                    e.drop_anonymous_volumes(&gone.mounts);
                }
                out.line(name);
            }
            Err(m) => out.daemon_line(m),
        }
    }
    out
}

/// `docker rename`.
pub const RENAME: Cmd = Cmd {
    path: "docker rename",
    usage: "CONTAINER NEW_NAME",
    short: "Rename a container",
    aliases: "docker container rename, docker rename",
    flags: &[],
    args: Args::Exact(2),
    interspersed: true,
};

/// `docker rename OLD NEW`.
pub fn rename(e: &mut Engine, cmd: &Cmd, args: &[String]) -> Output {
    let (p, i) = match e.container_arg(cmd, args) {
        Ok(x) => x,
        Err(o) => return o,
    };
    let new = p.args[1].trim_start_matches('/');
    if e.containers[i].name == new {
        return Output::daemon("Renaming a container with the same name as its current name");
    }
    if let Some(other) = e.containers.iter().find(|c| c.name == new) {
        return Output::daemon(format!(
            "Error when allocating new name: Conflict. The container name \"/{new}\" is already in use by container \"{}\". You have to remove (or rename) that container to be able to reuse that name.",
            other.id
        ));
    }
    e.containers[i].name = new.to_string();
    Output::default()
}

/// `docker wait`.
pub const WAIT: Cmd = Cmd {
    path: "docker wait",
    usage: "CONTAINER [CONTAINER...]",
    short: "Block until one or more containers stop, then print their exit codes",
    aliases: "docker container wait, docker wait",
    flags: &[],
    args: Args::Min(1),
    interspersed: true,
};

/// `docker wait`: the exit code; a program that ends by itself is waited for, one that
/// never ends would block forever, which layerlab reports instead.
pub fn wait(e: &mut Engine, cmd: &Cmd, args: &[String]) -> Output {
    let p = match cmd.parse(args) {
        Ok(p) => p,
        Err(o) => return o,
    };
    let mut out = Output::default();
    for name in &p.args {
        let i = match container::find(&e.containers, name) {
            Ok(i) => i,
            Err(m) => {
                out.daemon_line(m);
                continue;
            }
        };
        match e.containers[i].state.clone() {
            State::Running { started, until: Some(t), code, .. } => {
                e.containers[i].state = State::Exited { started, finished: t, code };
                out.line(code.to_string());
            }
            State::Running { program, .. } => {
                out.err_line(format!("layerlab: {name} runs `{program}`, which never exits: docker wait would block forever (stop it with 'docker stop {name}')"));
                out.code = 1;
            }
            _ => out.line(e.containers[i].exit_code().to_string()),
        }
    }
    out
}

/// `docker logs`.
pub const LOGS: Cmd = Cmd {
    path: "docker logs",
    usage: "[OPTIONS] CONTAINER",
    short: "Fetch the logs of a container",
    aliases: "docker container logs, docker logs",
    flags: &[
        switch("follow", Some('f')).about("Follow log output"),
        value("since", None).doc(
            "string",
            "Show logs since timestamp (e.g. \"2013-01-02T13:23:37Z\") or relative (e.g. \"42m\" for 42 minutes)",
        ),
        value("tail", Some('n')).doc("string", "Number of lines to show from the end of the logs (default \"all\")"),
        switch("timestamps", Some('t')).about("Show timestamps"),
    ],
    args: Args::Exact(1),
    interspersed: true,
};

/// `docker logs CONTAINER`.
pub fn logs(e: &mut Engine, cmd: &Cmd, args: &[String]) -> Output {
    let (p, i) = match e.container_arg(cmd, args) {
        Ok(x) => x,
        Err(o) => return o,
    };
    let tail = match p.get("tail") {
        None | Some("all") => None,
        Some(t) => match t.parse::<i64>() {
            Ok(n) if n < 0 => None,
            Ok(n) => Some(n as usize),
            Err(_) => return Output::fail(1, format!("Error response from daemon: invalid value for \"tail\": {t:?}")),
        },
    };
    let since = match p.get("since") {
        None => None,
        Some(s) => match since_time(s, e.now()) {
            Some(t) => Some(t),
            None => {
                return Output::fail(
                    1,
                    format!("invalid value for \"since\": failed to parse value as time or duration: \"{s}\""),
                )
            }
        },
    };
    let c = &e.containers[i];
    let mut lines: Vec<usize> = (0..c.log.len()).filter(|k| since.is_none_or(|t| c.log_time(*k) >= t)).collect();
    if let Some(n) = tail {
        lines.drain(..lines.len().saturating_sub(n));
    }
    let mut out = Output::default();
    for k in lines {
        let (stream, line) = &c.log[k];
        let line = if p.on("timestamps") {
            format!("{} {line}", crate::image::rfc3339(c.log_time(k)).replace('Z', ".000000000Z"))
        } else {
            line.clone()
        };
        if *stream == 2 && !c.tty {
            out.err(&line);
        } else {
            out.out(&line);
        }
    }
    out
}

/// `--since`: an RFC 3339 time, Unix seconds, or a Go duration before `now`.
fn since_time(s: &str, now: i64) -> Option<i64> {
    if let Ok(ns) = crate::dockerfile::parse_go_duration(s) {
        return Some(now - ns / 1_000_000_000);
    }
    if let Some(t) = crate::util::time::parse_rfc3339(s) {
        return Some(t);
    }
    s.split('.').next()?.parse::<i64>().ok()
}

/// `docker top`.
pub const TOP: Cmd = Cmd {
    path: "docker top",
    usage: "CONTAINER [ps OPTIONS]",
    short: "Display the running processes of a container",
    aliases: "docker container top, docker top",
    flags: &[],
    args: Args::Min(1),
    interspersed: false,
};

/// `docker top CONTAINER`: the processes `ps` inside the container lists (see
/// [`Engine::running_procs`]), with their PIDs on the daemon's host, as `ps -ef` there
/// prints them.
pub fn top(e: &mut Engine, cmd: &Cmd, args: &[String]) -> Output {
    let (_, i) = match e.container_arg(cmd, args) {
        Ok(x) => x,
        Err(o) => return o,
    };
    let c = &e.containers[i];
    if !c.is_running() {
        return Output::daemon(format!("container {} is not running", c.id));
    }
    let (_, tree) = c.lower_and_tree(&e.store);
    let base = host_pid(c);
    // PID 1's parent on the host is the container's shim.
    let host = |pid: u32| if pid == 0 { base - 21 } else { base + pid - 1 };
    let tty = if c.tty { "pts/0" } else { "?" };
    let mut rows: Vec<Vec<String>> =
        vec![["UID", "PID", "PPID", "C", "STIME", "TTY", "TIME", "CMD"].iter().map(|h| h.to_string()).collect()];
    for p in e.running_procs(i, &tree) {
        let t = crate::image::rfc3339(p.started);
        rows.push(vec![
            p.user,
            host(p.pid).to_string(),
            host(p.ppid).to_string(),
            "0".into(),
            t[11..16].to_string(),
            tty.into(),
            "00:00:00".into(),
            p.command,
        ]);
    }
    Output::ok(table(&rows))
}

/// The host PID of container `c`'s main process while it runs (`State.Pid`; the others
/// follow it).
pub(crate) fn host_pid(c: &super::Container) -> u32 {
    1000 + (u32::from_str_radix(&c.id[..4], 16).unwrap_or(0) % 30000)
}

impl Engine {
    /// The processes running in container `i` as `ps` inside it lists them: the main
    /// process as PID 1 and, for nginx, its workers (the PIDs its log names).
    pub(crate) fn running_procs(&self, i: usize, tree: &crate::vfs::Tree) -> Vec<crate::shell::Running> {
        let c = &self.containers[i];
        let State::Running { started, program, .. } = &c.state else { return Vec::new() };
        let user = if c.config.user.is_empty() { "root".to_string() } else { c.config.user.clone() };
        let (program, prog) = super::process::running_program(program);
        let run = |pid, ppid, user: &str, command: String| crate::shell::Running {
            pid,
            ppid,
            user: user.to_string(),
            command,
            started: *started,
        };
        if prog != "nginx" {
            return vec![run(1, 0, &user, program)];
        }
        let worker = nginx_user(tree);
        let mut procs = vec![run(1, 0, &user, format!("nginx: master process {program}"))];
        procs.extend((29..=32).map(|pid| run(pid, 1, &worker, "nginx: worker process".into())));
        procs
    }
}

/// The user nginx's workers run as: the `user` directive, else the account the package
/// created.
fn nginx_user(tree: &crate::vfs::Tree) -> String {
    let text =
        |p: &str| tree.read("/", p).map(|c| String::from_utf8_lossy(&c.bytes()).into_owned()).unwrap_or_default();
    let conf = text("/etc/nginx/nginx.conf");
    if let Some(u) = conf.lines().map(str::trim).find_map(|l| l.strip_prefix("user ")) {
        return u.trim_end_matches(';').split_whitespace().next().unwrap_or("nobody").to_string();
    }
    let passwd = text("/etc/passwd");
    ["nginx", "www-data"]
        .iter()
        .find(|u| passwd.lines().any(|l| l.starts_with(&format!("{u}:"))))
        .map_or("nobody".into(), |u| u.to_string())
}

/// `docker container prune`.
pub const PRUNE: Cmd = Cmd {
    path: "docker container prune",
    usage: "[OPTIONS]",
    short: "Remove all stopped containers",
    aliases: "",
    flags: &[
        value("filter", None).doc("filter", "Provide filter values (e.g. \"until=<timestamp>\")"),
        switch("force", Some('f')).about("Do not prompt for confirmation"),
    ],
    args: Args::None,
    interspersed: true,
};

/// `docker container prune [-f]`.
pub fn prune(e: &mut Engine, cmd: &Cmd, args: &[String]) -> Output {
    let p = match cmd.parse(args) {
        Ok(p) => p,
        Err(o) => return o,
    };
    if !p.on("force") {
        return Output::ok(
            "WARNING! This will remove all stopped containers.\nAre you sure you want to continue? [y/N] ",
        );
    }
    let mut out = Output::default();
    let mut reclaimed = 0;
    let (gone, kept): (Vec<_>, Vec<_>) = std::mem::take(&mut e.containers).into_iter().partition(|c| !c.is_running());
    e.containers = kept;
    if !gone.is_empty() {
        out.line("Deleted Containers:");
        for c in &gone {
            reclaimed += c.rw.size();
            out.line(&c.id);
        }
        out.line("");
    }
    out.line(format!("Total reclaimed space: {}", human_size4(reclaimed)));
    out
}
