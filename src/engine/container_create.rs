//! `docker create` and the container creation `docker run` shares with it: the flags, the
//! image (pulled when missing), the configuration and the daemon's checks.

use super::container::{init_layer, Container, State};
use super::flags::{switch, value, FlagSpec, Parsed};
use super::spec::{Args, Cmd};
use super::{names, registry, Engine, Output};
use crate::image::{sha256_digest, LookupError, Reference};
use crate::vfs::Layer;

/// `docker run`'s flags: `docker create`'s, then `--detach`.
pub(super) const RUN_FLAGS: &[FlagSpec] = &[
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
    switch("read-only", None).about("Mount the container's root filesystem as read only"),
    value("tmpfs", None).doc("list", "Mount a tmpfs directory"),
    value("restart", None).doc("string", "Restart policy to apply when a container exits (default \"no\")"),
    value("health-cmd", None).doc("string", "Command to run to check health"),
    value("health-interval", None).doc("duration", "Time between running the check (ms|s|m|h) (default 0s)"),
    value("health-retries", None).doc("int", "Consecutive failures needed to report unhealthy"),
    value("health-start-period", None).doc(
        "duration",
        "Start period for the container to initialize before starting health-retries countdown (ms|s|m|h) (default 0s)",
    ),
    value("health-start-interval", None)
        .doc("duration", "Time between running the check during the start period (ms|s|m|h) (default 0s)"),
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

/// `a` then `b`.
pub(super) fn merge(mut a: Output, b: Output) -> Output {
    a.append(b);
    a
}

/// Resolves the image (pulling a built-in one if needed) and creates the container.
pub(super) fn new_container(e: &mut Engine, p: &Parsed, cmd: &Cmd, out: &mut Output) -> Result<usize, Output> {
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
        read_only: p.on("read-only"),
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
pub(super) fn rw_layer(id: &str) -> String {
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
                "read-only",
                "tmpfs",
                "restart",
                "health-cmd",
                "health-interval",
                "health-retries",
                "health-start-period",
                "health-start-interval",
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
