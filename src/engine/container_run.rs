//! `docker create`, `run`, `start` and `exec`.

use std::collections::BTreeMap;

use super::container::{self, init_layer, Container, State};
use super::flags::{switch, value, FlagSpec, Parsed};
use super::process::{self, Proc, Step};
use super::spec::{Args, Cmd};
use super::{names, registry, Engine, Output};
use crate::image::{sha256_digest, LookupError, Reference};
use crate::vfs::{Layer, Meta};

/// `docker run`'s flags: `docker create`'s, then `--detach`.
const RUN_FLAGS: &[FlagSpec] = &[
    value("name", None).doc("string", "Assign a name to the container"),
    value("env", Some('e')).doc("list", "Set environment variables"),
    value("workdir", Some('w')).doc("string", "Working directory inside the container"),
    value("user", Some('u')).doc("string", "Username or UID (format: <name|uid>[:<group|gid>])"),
    switch("rm", None).about("Automatically remove the container and its associated anonymous volumes when it exits"),
    value("entrypoint", None).doc("string", "Overwrite the default ENTRYPOINT of the image"),
    switch("interactive", Some('i')).about("Keep STDIN open even if not attached"),
    switch("tty", Some('t')).about("Allocate a pseudo-TTY"),
    value("hostname", Some('h')).doc("string", "Container host name"),
    value("label", Some('l')).doc("list", "Set meta data on a container"),
    value("publish", Some('p')).doc("list", "Publish a container's port(s) to the host"),
    switch("publish-all", Some('P')).about("Publish all exposed ports to random ports"),
    value("network", None).doc("network", "Connect a container to a network"),
    value("volume", Some('v')).doc("list", "Bind mount a volume"),
    value("mount", None).doc("mount", "Attach a filesystem mount to the container"),
    value("restart", None).doc("string", "Restart policy to apply when a container exits (default \"no\")"),
    value("health-cmd", None).doc("string", "Command to run to check health"),
    value("health-interval", None).doc("duration", "Time between running the check (ms|s|m|h) (default 0s)"),
    value("health-retries", None).doc("int", "Consecutive failures needed to report unhealthy"),
    value("health-start-period", None).doc(
        "duration",
        "Start period for the container to initialize before starting health-retries countdown (ms|s|m|h) (default 0s)",
    ),
    value("health-timeout", None).doc("duration", "Maximum time to allow one check to run (ms|s|m|h) (default 0s)"),
    switch("no-healthcheck", None).about("Disable any container-specified HEALTHCHECK"),
    switch("quiet", Some('q')).about("Suppress the pull output"),
    switch("detach", Some('d')).about("Run container in background and print container ID"),
];

/// `docker create`'s flags: `docker run`'s without the last, `--detach`.
const CREATE_FLAGS: &[FlagSpec] = match RUN_FLAGS {
    [create @ .., _detach] => create,
    [] => &[],
};

/// `docker run`.
pub const RUN: Cmd = Cmd {
    path: "docker run",
    usage: "[OPTIONS] IMAGE [COMMAND] [ARG...]",
    short: "Create and run a new container from an image",
    aliases: "docker container run, docker run",
    flags: RUN_FLAGS,
    args: Args::Min(1),
    interspersed: false,
};

/// `docker create`.
pub const CREATE: Cmd = Cmd {
    path: "docker create",
    usage: "[OPTIONS] IMAGE [COMMAND] [ARG...]",
    short: "Create a new container",
    aliases: "docker container create, docker create",
    flags: CREATE_FLAGS,
    args: Args::Min(1),
    interspersed: false,
};

/// `docker start`.
pub const START: Cmd = Cmd {
    path: "docker start",
    usage: "[OPTIONS] CONTAINER [CONTAINER...]",
    short: "Start one or more stopped containers",
    aliases: "docker container start, docker start",
    flags: &[
        switch("attach", Some('a')).about("Attach STDOUT/STDERR and forward signals"),
        switch("interactive", Some('i')).about("Attach container's STDIN"),
    ],
    args: Args::Min(1),
    interspersed: true,
};

/// `docker exec`.
pub const EXEC: Cmd = Cmd {
    path: "docker exec",
    usage: "[OPTIONS] CONTAINER COMMAND [ARG...]",
    short: "Execute a command in a running container",
    aliases: "docker container exec, docker exec",
    flags: &[
        switch("detach", Some('d')).about("Detached mode: run command in the background"),
        value("env", Some('e')).doc("list", "Set environment variables"),
        switch("interactive", Some('i')).about("Keep STDIN open even if not attached"),
        switch("tty", Some('t')).about("Allocate a pseudo-TTY"),
        value("user", Some('u')).doc("string", "Username or UID (format: \"<name|uid>[:<group|gid>]\")"),
        value("workdir", Some('w')).doc("string", "Working directory inside the container"),
    ],
    args: Args::Min(2),
    interspersed: false,
};

/// `docker create`: prints the new container's ID.
pub fn create(e: &mut Engine, cmd: &Cmd, args: &[String]) -> Output {
    let p = match cmd.parse(args) {
        Ok(p) => p,
        Err(o) => return o,
    };
    let mut out = Output::default();
    match new_container(e, &p, cmd, &mut out) {
        Ok(i) => out.line(&e.containers[i].id),
        Err(o) => return merge(out, o),
    }
    out
}

/// `docker run`: creates, starts, and (unless `-d`) prints what the process wrote.
pub fn run(e: &mut Engine, cmd: &Cmd, args: &[String]) -> Output {
    let p = match cmd.parse(args) {
        Ok(p) => p,
        Err(o) => return o,
    };
    let mut out = Output::default();
    let i = match new_container(e, &p, cmd, &mut out) {
        Ok(i) => i,
        Err(o) => return merge(out, o),
    };
    let detach = p.on("detach");
    match start_at(e, i, !detach) {
        Err((code, msg)) => {
            out.err_line(format!(
                "docker: Error response from daemon: {}.\n\nRun '{} --help' for more information",
                msg.trim_end_matches('.'),
                cmd.path
            ));
            out.code = code;
            if e.containers[i].auto_remove {
                let gone = e.containers.remove(i);
                e.drop_anonymous_volumes(&gone.mounts);
            }
        }
        Ok(run) => {
            if detach {
                out.line(&e.containers[i].id);
            } else if p.on("interactive") && runs_shell(&e.containers[i]) {
                // The host's terminal now talks to the container's shell (see `attach`).
                if let Err(m) = attach_own_shell(e, i, p.on("tty")) {
                    out.err_line(m);
                }
            } else if p.on("interactive") && p.on("tty") && e.containers[i].is_running() {
                out.err_line(format!(
                    "layerlab: interactive terminals are not simulated; container {} keeps running: use 'docker exec {} COMMAND' to run commands in it",
                    e.containers[i].name, e.containers[i].name
                ));
            } else {
                print_run(&mut out, &run, e.containers[i].tty);
                out.code = e.containers[i].exit_code();
                if e.containers[i].auto_remove && !e.containers[i].is_running() {
                    let gone = e.containers.remove(i);
                    e.drop_anonymous_volumes(&gone.mounts);
                }
            }
        }
    }
    out
}

/// True when container `c` is running a bare interactive shell as its own process.
fn runs_shell(c: &Container) -> bool {
    c.is_running() && super::attach::is_shell(&argv_of(c))
}

/// Attaches the host's terminal to the shell that is container `i`'s own process
/// (`run -it`, `start -i`).
fn attach_own_shell(e: &mut Engine, i: usize, tty: bool) -> Result<(), String> {
    let program = e.containers[i].path.clone();
    let how = super::attach::AttachOptions { program: &program, user: None, workdir: None, env: &[], tty, main: true };
    e.attach(i, how)
}

/// The container's command line (`Path` then `Args`).
fn argv_of(c: &Container) -> Vec<String> {
    std::iter::once(c.path.clone()).chain(c.args.iter().cloned()).collect()
}

fn merge(mut a: Output, b: Output) -> Output {
    a.append(b);
    a
}

/// What a start printed.
pub struct Ran {
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
    /// Both, in order.
    pub combined: String,
}

fn print_run(out: &mut Output, r: &Ran, tty: bool) {
    out.process(&r.stdout, &r.stderr, &r.combined, tty);
}

/// Resolves the image (pulling a built-in one if needed) and creates the container.
fn new_container(e: &mut Engine, p: &Parsed, cmd: &Cmd, out: &mut Output) -> Result<usize, Output> {
    let image = p.args[0].clone();
    let err = |msg: String| {
        Output::fail(
            125,
            format!("docker: {}.\n\nRun '{} --help' for more information", msg.trim_end_matches('.'), cmd.path),
        )
    };
    // The client parses `-p` before it asks the daemon for anything.
    for spec in p.all("publish") {
        crate::util::port_spec::parse(spec).map_err(&err)?;
    }
    let restart = match p.get("restart").map(super::restart::parse).transpose() {
        Ok(r) => r.unwrap_or_default(),
        Err(m) => return Err(err(m)),
    };
    if p.on("rm") && restart.name != "no" {
        return Err(err("conflicting options: cannot specify both --restart and --rm".into()));
    }
    // `--mount` values are parsed with the flags.
    if let Err(m) = super::mount_spec::parse_mounts(&[], &p.all("mount")) {
        if m.starts_with("invalid argument") {
            return Err(Output::fail(125, format!("{m}\nSee '{} --help'.", cmd.path)));
        }
    }
    let image_id = match e.store.resolve(&image) {
        Ok(img) => img.id.clone(),
        Err(LookupError::NotFound(_)) => {
            let r = Reference::parse(&image).map_err(&err)?;
            let quiet = p.on("quiet");
            if !quiet {
                out.err_line(format!("Unable to find image '{r}' locally"));
            }
            let pulled = registry::pull(e, &r).map_err(|m| err(format!("Error response from daemon: {m}")))?;
            for l in pulled.lines.into_iter().filter(|_| !quiet) {
                out.err_line(l);
            }
            pulled.id
        }
        Err(LookupError::Ambiguous(m)) => {
            return Err(err(format!("Error response from daemon: multiple IDs found with provided prefix: {m}")))
        }
        Err(LookupError::Invalid(m)) => return Err(err(m)),
    };
    let name = match p.get("name") {
        Some(n) => {
            let valid = n.chars().next().is_some_and(|c| c.is_ascii_alphanumeric())
                && n.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'))
                && n.len() > 1;
            if !valid {
                return Err(err(format!("Error response from daemon: Invalid container name ({n}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed")));
            }
            if let Some(c) = e.containers.iter().find(|c| c.name == n) {
                return Err(err(format!(
                    "Error response from daemon: Conflict. The container name \"/{n}\" is already in use by container \"{}\". You have to remove (or rename) that container to be able to reuse that name",
                    c.id
                )));
            }
            Some(n.to_string())
        }
        None => None,
    };
    let img = e.store.get(&image_id).expect("resolved").clone();
    let mut config = img.config.config.clone();
    for kv in p.all("env") {
        let (k, v) = match kv.split_once('=') {
            Some(x) => x,
            None => continue,
        };
        config.env.retain(|x| x.split_once('=').map(|(a, _)| a) != Some(k));
        config.env.push(format!("{k}={v}"));
    }
    for kv in p.all("label") {
        let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
        config.labels.insert(k.to_string(), v.to_string());
    }
    if let Some(w) = p.get("workdir") {
        config.working_dir = w.to_string();
    }
    super::health::apply_flags(p, &mut config.healthcheck).map_err(&err)?;
    if let Some(u) = p.get("user") {
        config.user = u.to_string();
    }
    let user_args = p.args[1..].to_vec();
    match p.get("entrypoint") {
        Some(ep) => {
            config.entrypoint = (!ep.is_empty()).then(|| vec![ep.to_string()]);
            config.cmd = (!user_args.is_empty()).then_some(user_args);
        }
        None if !user_args.is_empty() => config.cmd = Some(user_args),
        None => {}
    }
    let mut argv: Vec<String> = config.entrypoint.clone().unwrap_or_default();
    argv.extend(config.cmd.clone().unwrap_or_default());
    if argv.is_empty() {
        return Err(err("Error response from daemon: No command specified".into()));
    }
    let now = e.now();
    let seq = e.next_seq();
    let id = sha256_digest(format!("container {seq} {now}").as_bytes())["sha256:".len()..].to_string();
    workdir_check(&id, &config.working_dir).map_err(|m| err(format!("Error response from daemon: {m}")))?;
    let name = name.unwrap_or_else(|| {
        let taken: Vec<String> = e.containers.iter().map(|c| c.name.clone()).collect();
        names::generate(&id, &|n| taken.iter().any(|t| t == n))
    });
    let hostname = p.get("hostname").map(String::from).unwrap_or_else(|| id[..12].to_string());
    let network = match p.get("network").unwrap_or("bridge") {
        "default" => "bridge".to_string(),
        n => match e.find_network(n) {
            Some(def) => def.name.clone(),
            None => return Err(err(format!("Error response from daemon: network {n} not found"))),
        },
    };
    let exposed: Vec<String> = config.exposed_ports.keys().cloned().collect();
    let taken: Vec<u16> = e.containers.iter().flat_map(|c| c.bindings.iter().map(|b| b.host)).collect();
    let specs: Vec<String> = p.all("publish").iter().map(|s| s.to_string()).collect();
    let mounts = e.resolve_mounts(p, &config).map_err(&err)?;
    let bindings = if !matches!(network.as_str(), "none" | "host") {
        super::ports::resolve(&specs, p.on("publish-all"), &exposed, &taken).map_err(&err)?
    } else {
        Vec::new()
    };
    let tty = p.on("tty");
    if tty && !config.env.iter().any(|e| e.starts_with("TERM=")) {
        config.env.push("TERM=xterm".into());
    }
    let c = Container {
        init: init_layer(&hostname, now),
        id,
        name,
        image,
        image_id,
        created: now,
        seq: e.containers.iter().map(|c| c.seq + 1).max().unwrap_or(0),
        path: argv[0].clone(),
        args: argv[1..].to_vec(),
        config,
        hostname,
        tty,
        open_stdin: p.on("interactive"),
        auto_remove: p.on("rm"),
        state: State::Created,
        start_error: None,
        rw: Layer::new(),
        log: Vec::new(),
        log_at: Vec::new(),
        starts: 0,
        ports: specs,
        bindings,
        network,
        attached: None,
        mounts,
        restart,
        restart_count: 0,
        backoff: 0,
        restarted_ms: 0,
        health: None,
        manually_stopped: false,
        paused: false,
    };
    e.containers.push(c);
    Ok(e.containers.len() - 1)
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

/// Starts container `i`. `foreground` means the caller waits for it (`docker run`
/// without `-d`): a program that ends by itself after a while has ended when it returns.
/// Errors carry the exit status and the daemon's message.
pub fn start_at(e: &mut Engine, i: usize, foreground: bool) -> Result<Ran, (i32, String)> {
    let now = e.now();
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
        && tree.mkdir_all("/", &cwd, Meta { mode: 0o755, uid: 0, gid: 0, mtime: now }).is_err()
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
            format!("mkdir /var/lib/docker/overlay2/{}/merged{at}: not a directory", rw_layer(&c.id))
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
    let proc = Proc { env, cwd, uid, gid, now, stdin: Vec::new(), network };
    let mut ran = Ran { stdout: String::new(), stderr: String::new(), combined: String::new() };
    let mut code = 0;
    let mut endless = false;
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
    }
    // A server whose image's entrypoint refuses its configuration exits with its message.
    let env_list = e.containers[i].config.env.clone();
    if let Some(msg) = plan.daemon.as_ref().and_then(|d| super::services::refusal(&d.program, &env_list, &tree)) {
        ran.stderr.push_str(&msg);
        ran.combined.push_str(&msg);
        code = 1;
        plan.daemon = None;
    }
    // What a server logs as it starts is read from the files it then changes.
    let startup = plan.daemon.as_ref().map(|d| {
        let lines = super::services::startup_log(&d.program, &env_list, &tree, now);
        super::services::start_changes(&d.program, &mut tree, now);
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
        },
        Some(_) => State::Exited { started: now, finished: now, code: 0 },
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

/// `docker start`.
pub fn start(e: &mut Engine, cmd: &Cmd, args: &[String]) -> Output {
    let p = match cmd.parse(args) {
        Ok(p) => p,
        Err(o) => return o,
    };
    let attach = p.on("attach");
    let mut out = Output::default();
    let mut failed = Vec::new();
    if p.on("interactive") && p.args.len() > 1 {
        return Output::fail(1, "you cannot start and attach multiple containers at once");
    }
    for name in &p.args {
        let i = match container::find(&e.containers, name) {
            Ok(i) => i,
            Err(m) => {
                out.daemon_line(m);
                failed.push(name.clone());
                continue;
            }
        };
        let running = e.containers[i].is_running();
        let ran = if running {
            None
        } else {
            e.containers[i].manual_start();
            match start_at(e, i, attach || p.on("interactive")) {
                Ok(ran) => Some(ran),
                Err((_, msg)) => {
                    out.daemon_line(msg);
                    failed.push(name.clone());
                    continue;
                }
            }
        };
        // `start -i` of a container made with `-i` whose process is a shell: the host's
        // terminal now talks to that shell, as after `docker run -it`.
        let c = &e.containers[i];
        if p.on("interactive") && c.open_stdin && runs_shell(c) {
            if let Err(m) = attach_own_shell(e, i, c.tty) {
                out.err_line(m);
            }
            continue;
        }
        match ran {
            None if !attach => out.line(name),
            None => {}
            Some(ran) if attach || p.on("interactive") => {
                print_run(&mut out, &ran, e.containers[i].tty);
                out.code = e.containers[i].exit_code();
            }
            Some(_) => out.line(name),
        }
        if e.containers[i].auto_remove && !e.containers[i].is_running() {
            let gone = e.containers.remove(i);
            e.drop_anonymous_volumes(&gone.mounts);
        }
    }
    if !failed.is_empty() {
        out.err_line(format!("Error: failed to start containers: {}", failed.join(", ")));
        out.code = 1;
    }
    out
}

/// `docker exec`: runs a command in a running container's filesystem.
pub fn exec(e: &mut Engine, cmd: &Cmd, args: &[String]) -> Output {
    let (p, i) = match e.container_arg(cmd, args) {
        Ok(x) => x,
        Err(o) => return o,
    };
    let c = &e.containers[i];
    if !c.is_running() {
        return Output::daemon(format!("container {} is not running", c.id));
    }
    if c.paused {
        return Output::daemon(format!("Container {} is paused, unpause the container before exec", c.id));
    }
    let now = e.now();
    let (lower, mut tree) = c.lower_and_tree(&e.store);
    let mounted = match e.mount_volumes(i, &mut tree) {
        Ok(m) => m,
        Err(m) => return Output::daemon(m),
    };
    let c = &e.containers[i];
    let user = p.get("user").map(String::from).unwrap_or_else(|| c.config.user.clone());
    let (uid, gid, home) = match crate::build::resolve_user(&tree, &user) {
        Ok(u) => u,
        Err(m) => {
            return Output::fail(
                126,
                format!("OCI runtime exec failed: exec failed: unable to start container process: {m}: unknown"),
            )
        }
    };
    let mut env = process_env(c, &home);
    for kv in p.all("env") {
        if let Some((k, v)) = kv.split_once('=') {
            env.insert(k.to_string(), v.to_string());
        }
    }
    let cwd = p.get("workdir").map(String::from).unwrap_or_else(|| {
        if c.config.working_dir.is_empty() {
            "/".into()
        } else {
            c.config.working_dir.clone()
        }
    });
    let argv = p.args[1..].to_vec();
    if let Some(msg) = process::missing_program(&tree, &argv, &env, &cwd) {
        let msg = msg.replace(
            "failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: ",
            "OCI runtime exec failed: exec failed: unable to start container process: ",
        );
        return Output::fail(127, msg);
    }
    let tty = p.on("tty");
    if p.on("interactive") && !p.on("detach") && super::attach::is_shell(&argv) {
        let extra: Vec<String> = p.all("env").iter().map(|s| s.to_string()).collect();
        let how = super::attach::AttachOptions {
            program: &argv[0],
            user: Some(&user),
            workdir: p.get("workdir"),
            env: &extra,
            tty,
            main: false,
        };
        return match e.attach(i, how) {
            Ok(()) => Output::default(),
            Err(m) => Output::fail(
                126,
                format!("OCI runtime exec failed: exec failed: unable to start container process: {m}: unknown"),
            ),
        };
    }
    let network = e.container_network(i, &tree);
    let o =
        process::run_step(&mut tree, &Step::Argv(argv), &Proc { env, cwd, uid, gid, now, stdin: Vec::new(), network });
    e.unmount_volumes(i, &lower, &mut tree, mounted);
    e.containers[i].rw = Layer::diff(&lower, &tree);
    if p.on("detach") {
        return Output::default();
    }
    let mut out = Output { code: o.code, ..Default::default() };
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    out.process(&text(&o.stdout), &text(&o.stderr), &text(&o.combined), tty);
    out
}

/// The daemon's checks of `-w` when it creates a container: an absolute path, and one the
/// host can look up below the container's root (each name at most 255 bytes, the whole at
/// most 4095), failing as its `lstat` there does.
fn workdir_check(id: &str, wd: &str) -> Result<(), String> {
    if wd.is_empty() {
        return Ok(());
    }
    if !wd.starts_with('/') {
        return Err(format!("the working directory '{wd}' is invalid, it needs to be an absolute path"));
    }
    let mut host = format!("/var/lib/docker/overlay2/{}/merged", rw_layer(id));
    for part in crate::vfs::path::normalize("/", wd).split('/').filter(|p| !p.is_empty()) {
        host.push('/');
        host.push_str(part);
        if part.len() > 255 || host.len() >= crate::vfs::PATH_MAX {
            return Err(format!("lstat {host}: file name too long"));
        }
    }
    Ok(())
}

/// The ID of a container's writable layer directory on the daemon's host.
fn rw_layer(id: &str) -> String {
    sha256_digest(format!("rw {id}").as_bytes())["sha256:".len()..].to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn create_flags_are_run_flags_but_detach() {
        let names = |f: &[FlagSpec]| f.iter().map(|f| f.long).collect::<Vec<_>>();
        assert_eq!(
            names(CREATE_FLAGS),
            [
                "name",
                "env",
                "workdir",
                "user",
                "rm",
                "entrypoint",
                "interactive",
                "tty",
                "hostname",
                "label",
                "publish",
                "publish-all",
                "network",
                "volume",
                "mount",
                "restart",
                "health-cmd",
                "health-interval",
                "health-retries",
                "health-start-period",
                "health-timeout",
                "no-healthcheck",
                "quiet"
            ]
        );
        assert_eq!(names(RUN_FLAGS), [names(CREATE_FLAGS), vec!["detach"]].concat());
    }

    #[test]
    fn workdirs_the_daemon_refuses() {
        assert_eq!(workdir_check("c1", ""), Ok(()));
        assert_eq!(workdir_check("c1", "/app/../srv/"), Ok(()));
        assert_eq!(
            workdir_check("c1", "app").unwrap_err(),
            "the working directory 'app' is invalid, it needs to be an absolute path"
        );
        let host = format!("/var/lib/docker/overlay2/{}/merged", rw_layer("c1"));
        let long = "x".repeat(256);
        assert_eq!(
            workdir_check("c1", &format!("/ok/{long}/y")).unwrap_err(),
            format!("lstat {host}/ok/{long}: file name too long")
        );
        // The host path may reach 4095 bytes (PATH_MAX less its NUL); the name that makes
        // it 4096 fails.
        assert_eq!(host.len(), 96);
        assert_eq!(workdir_check("c1", &"/a".repeat(1999)), Ok(()));
        let err = workdir_check("c1", &"/a".repeat(50_000)).unwrap_err();
        assert_eq!(err, format!("lstat {host}{}: file name too long", "/a".repeat(2000)));
    }
}
