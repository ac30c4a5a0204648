//! `docker inspect`, `docker image inspect`, `docker container inspect`: Docker-shaped
//! JSON, or a `--format` template per object.

use super::container::{self, State};
use super::flags::value;
use super::json::J;
use super::spec::{Args, Cmd};
use super::template::{Missing, Template};
use super::{Engine, Output};
use crate::image::{rfc3339, ContainerConfig, Image};

const FORMAT_HELP: &str = "Format output using a custom template:\n'json':             Print in JSON format\n'TEMPLATE':         Print output using the given Go template.\nRefer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates";

/// `docker inspect`.
pub const INSPECT: Cmd = Cmd {
    path: "docker inspect",
    usage: "[OPTIONS] NAME|ID [NAME|ID...]",
    short: "Return low-level information on Docker objects",
    aliases: "",
    flags: &[
        value("format", Some('f')).doc("string", FORMAT_HELP),
        value("type", None).doc("string", "Only inspect objects of the given type"),
    ],
    args: Args::Min(1),
    interspersed: true,
};

/// `docker image inspect`.
pub const IMAGE_INSPECT: Cmd = Cmd {
    path: "docker image inspect",
    usage: "[OPTIONS] IMAGE [IMAGE...]",
    short: "Display detailed information on one or more images",
    aliases: "",
    flags: &[value("format", Some('f')).doc("string", FORMAT_HELP)],
    args: Args::Min(1),
    interspersed: true,
};

/// `docker container inspect`.
pub const CONTAINER_INSPECT: Cmd = Cmd {
    path: "docker container inspect",
    usage: "[OPTIONS] CONTAINER [CONTAINER...]",
    short: "Display detailed information on one or more containers",
    aliases: "",
    flags: &[value("format", Some('f')).doc("string", FORMAT_HELP)],
    args: Args::Min(1),
    interspersed: true,
};

/// Which kinds of object an inspect looks for.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Containers, then images.
    Any,
    /// Images only.
    Image,
    /// Containers only.
    Container,
}

/// Runs an inspect command.
pub fn inspect(e: &mut Engine, cmd: &Cmd, args: &[String], kind: Kind) -> Output {
    let p = match cmd.parse(args) {
        Ok(p) => p,
        Err(o) => return o,
    };
    let kind = match (kind, p.get("type")) {
        (Kind::Any, Some("image")) => Kind::Image,
        (Kind::Any, Some("container")) => Kind::Container,
        (Kind::Any, Some(t)) if !t.is_empty() => {
            return Output::fail(1, format!("\"{t}\" is not a valid value for --type"))
        }
        (k, _) => k,
    };
    let mut found = Vec::new();
    let mut out = Output::default();
    for name in &p.args {
        let c = (kind != Kind::Image).then(|| container::find(&e.containers, name).ok()).flatten();
        let obj = match c {
            Some(i) => Ok(container_json(e, i)),
            None if kind != Kind::Container => {
                e.store.resolve(name).map(|img| image_json(e, img)).map_err(|err| match err {
                    crate::image::LookupError::Ambiguous(_) => format!("Error response from daemon: {err}"),
                    _ if kind == Kind::Any => format!("Error: No such object: {name}"),
                    _ => format!("Error response from daemon: {err}"),
                })
            }
            None => Err(format!("Error response from daemon: No such container: {name}")),
        };
        match obj {
            Ok(o) => found.push(o),
            Err(msg) => {
                out.err_line(msg);
                out.code = 1;
            }
        }
    }
    match p.get("format") {
        Some(f) if f != "json" => {
            let t = match Template::parse(f) {
                Ok(t) => t,
                Err(m) => return Output::fail(1, format!("template parsing error: {m}")),
            };
            for o in &found {
                match t.execute(o, Missing::NoValue) {
                    Ok(s) => out.line(s),
                    Err(m) => return Output::fail(1, m),
                }
            }
        }
        _ => {
            let errors = std::mem::take(&mut out);
            out.line(J::Arr(found).pretty());
            out.append(errors);
        }
    }
    out
}

fn opt_map<V>(m: &std::collections::BTreeMap<String, V>, f: impl Fn(&V) -> J) -> J {
    if m.is_empty() {
        J::Null
    } else {
        J::Obj(m.iter().map(|(k, v)| (k.clone(), f(v))).collect())
    }
}

/// A container configuration in Docker's JSON field order.
fn config_json(c: &ContainerConfig, hostname: &str, image: &str, tty: bool, stdin: bool) -> J {
    let mut pairs = vec![
        ("Hostname", J::s(hostname)),
        ("Domainname", J::s("")),
        ("User", J::s(&c.user)),
        ("AttachStdin", J::Bool(false)),
        ("AttachStdout", J::Bool(!image.is_empty())),
        ("AttachStderr", J::Bool(!image.is_empty())),
    ];
    if !c.exposed_ports.is_empty() {
        pairs.push(("ExposedPorts", opt_map(&c.exposed_ports, |_| J::obj::<&str>([]))));
    }
    pairs.extend([
        ("Tty", J::Bool(tty)),
        ("OpenStdin", J::Bool(stdin)),
        ("StdinOnce", J::Bool(false)),
        ("Env", if c.env.is_empty() { J::Null } else { J::strs(&c.env) }),
        ("Cmd", J::opt_strs(c.cmd.as_ref())),
    ]);
    if let Some(h) = &c.healthcheck {
        let mut fields = vec![("Test", J::strs(&h.test))];
        for (name, v) in [
            ("Interval", h.interval),
            ("Timeout", h.timeout),
            ("StartPeriod", h.start_period),
            ("StartInterval", h.start_interval),
            ("Retries", h.retries),
        ] {
            if v != 0 {
                fields.push((name, J::Int(v)));
            }
        }
        pairs.push(("Healthcheck", J::obj(fields)));
    }
    pairs.extend([
        ("Image", J::s(image)),
        ("Volumes", opt_map(&c.volumes, |_| J::obj::<&str>([]))),
        ("WorkingDir", J::s(&c.working_dir)),
        ("Entrypoint", J::opt_strs(c.entrypoint.as_ref())),
        ("OnBuild", if c.on_build.is_empty() { J::Null } else { J::strs(&c.on_build) }),
        ("Labels", opt_map(&c.labels, |v| J::s(v))),
    ]);
    if !c.stop_signal.is_empty() {
        pairs.push(("StopSignal", J::s(&c.stop_signal)));
    }
    if !c.shell.is_empty() {
        pairs.push(("Shell", J::strs(&c.shell)));
    }
    J::obj(pairs)
}

fn graph_driver(id: &str) -> J {
    let hex = &id[id.len().saturating_sub(64)..];
    let dir = format!("/var/lib/docker/overlay2/{hex}");
    J::obj([
        (
            "Data",
            J::obj([
                ("MergedDir", J::s(format!("{dir}/merged"))),
                ("UpperDir", J::s(format!("{dir}/diff"))),
                ("WorkDir", J::s(format!("{dir}/work"))),
            ]),
        ),
        ("Name", J::s("overlay2")),
    ])
}

/// `docker image inspect` JSON of an image.
pub fn image_json(e: &Engine, img: &Image) -> J {
    let cfg = &img.config;
    J::obj([
        ("Id", J::s(&img.id)),
        ("RepoTags", J::strs(e.store.tags_of(&img.id).iter().map(|r| r.to_string()))),
        ("RepoDigests", J::strs(super::images_cmd::repo_digests(e, img))),
        ("Parent", J::s(img.parent.clone().unwrap_or_default())),
        ("Comment", J::s(cfg.history.last().and_then(|h| h.comment.clone()).unwrap_or_default())),
        ("Created", J::s(cfg.created.clone().unwrap_or_else(|| rfc3339(img.created)))),
        ("DockerVersion", J::s(if img.cache_key.is_some() { super::system::VERSION } else { "" })),
        ("Author", J::s(cfg.author.clone().unwrap_or_default())),
        ("Config", config_json(&cfg.config, "", "", false, false)),
        ("Architecture", J::s(&cfg.architecture)),
        ("Os", J::s(&cfg.os)),
        ("Size", J::Int(img.size() as i64)),
        ("GraphDriver", graph_driver(&img.id)),
        (
            "RootFS",
            J::obj([("Type", J::s("layers")), ("Layers", J::strs(img.layers.iter().map(|l| l.diff_id.clone())))]),
        ),
        ("Metadata", J::obj([("LastTagTime", J::s("0001-01-01T00:00:00Z"))])),
    ])
}

/// `docker container inspect` JSON of a container.
pub fn container_json(e: &Engine, i: usize) -> J {
    let c = &e.containers[i];
    let zero = "0001-01-01T00:00:00Z".to_string();
    let (started, finished) = match &c.state {
        State::Created => (zero.clone(), zero.clone()),
        State::Running { started, .. } => (rfc3339(*started), zero.clone()),
        State::Exited { started, finished, .. } => (rfc3339(*started), rfc3339(*finished)),
    };
    let pid = if c.is_running() { i64::from(super::container_life::host_pid(c)) } else { 0 };
    let dir = format!("/var/lib/docker/containers/{}", c.id);
    J::obj([
        ("Id", J::s(&c.id)),
        ("Created", J::s(rfc3339(c.created))),
        ("Path", J::s(&c.path)),
        ("Args", J::strs(&c.args)),
        (
            "State",
            J::obj(
                [
                    ("Status", J::s(c.state_name())),
                    ("Running", J::Bool(c.is_running() || c.restarting())),
                    ("Paused", J::Bool(c.paused)),
                    ("Restarting", J::Bool(c.restarting())),
                    ("OOMKilled", J::Bool(false)),
                    ("Dead", J::Bool(false)),
                    ("Pid", J::Int(pid)),
                    ("ExitCode", J::Int(c.exit_code() as i64)),
                    ("Error", J::s(c.start_error.as_ref().map(|(_, m)| m.clone()).unwrap_or_default())),
                    ("StartedAt", J::s(started)),
                    ("FinishedAt", J::s(finished)),
                ]
                .into_iter()
                .chain(c.health.as_ref().filter(|_| c.is_running()).map(|h| ("Health", super::health::json(h))))
                .collect::<Vec<_>>(),
            ),
        ),
        ("Image", J::s(&c.image_id)),
        ("ResolvConfPath", J::s(format!("{dir}/resolv.conf"))),
        ("HostnamePath", J::s(format!("{dir}/hostname"))),
        ("HostsPath", J::s(format!("{dir}/hosts"))),
        ("LogPath", J::s(format!("{dir}/{}-json.log", c.id))),
        ("Name", J::s(format!("/{}", c.name))),
        ("RestartCount", J::Int(i64::from(c.restart_count))),
        ("Driver", J::s("overlay2")),
        ("Platform", J::s("linux")),
        ("MountLabel", J::s("")),
        ("ProcessLabel", J::s("")),
        ("AppArmorProfile", J::s("")),
        ("ExecIDs", J::Null),
        (
            "HostConfig",
            J::obj(
                [
                    ("NetworkMode", J::s(&c.network)),
                    (
                        "PortBindings",
                        J::obj(c.ports.iter().filter_map(|p| p.rsplit_once(':')).map(|(h, ctr)| {
                            let key = if ctr.contains('/') { ctr.to_string() } else { format!("{ctr}/tcp") };
                            (
                                key,
                                J::Arr(vec![J::obj([
                                    ("HostIp", J::s("")),
                                    ("HostPort", J::s(h.rsplit(':').next().unwrap_or(h))),
                                ])]),
                            )
                        })),
                    ),
                    ("Binds", {
                        let binds: Vec<J> =
                            c.mounts.iter().filter(|m| !m.spec.is_empty()).map(|m| J::s(&m.spec)).collect();
                        if binds.is_empty() {
                            J::Null
                        } else {
                            J::Arr(binds)
                        }
                    }),
                    (
                        "RestartPolicy",
                        J::obj([
                            ("Name", J::s(&c.restart.name)),
                            ("MaximumRetryCount", J::Int(i64::from(c.restart.max))),
                        ]),
                    ),
                    ("AutoRemove", J::Bool(c.auto_remove)),
                    ("ReadonlyRootfs", J::Bool(c.read_only)),
                ]
                .into_iter()
                .chain(tmpfs_json(&c.mounts).map(|t| ("Tmpfs", t)))
                .collect::<Vec<_>>(),
            ),
        ),
        ("GraphDriver", graph_driver(&c.id)),
        ("Mounts", J::Arr(c.mounts.iter().filter(|m| m.tmpfs.is_none()).map(mount_json).collect())),
        ("Config", config_json(&c.config, &c.hostname, &c.image, c.tty, c.open_stdin)),
        ("NetworkSettings", network_settings(e, i)),
    ])
}

/// `NetworkSettings`: the default bridge's address at the top (as Docker keeps it), and
/// one entry per attached network, with addresses while the container runs.
fn network_settings(e: &Engine, i: usize) -> J {
    let c = &e.containers[i];
    let running = c.is_running();
    let mac = |ip: &str| {
        let b: Vec<String> = ip.split('.').map(|o| format!("{:02x}", o.parse::<u8>().unwrap_or(0))).collect();
        format!("02:42:{}", b.join(":"))
    };
    let addr = |name: &str| if running { e.container_ip_on(i, name) } else { None };
    let entry = |name: &str| {
        let ip = addr(name).unwrap_or_default();
        let net = e.find_network(name);
        let gateway = match (&ip.is_empty(), net) {
            (false, Some(n)) => format!("172.{}.0.1", n.octet),
            _ => String::new(),
        };
        J::obj([
            ("NetworkID", J::s(net.map(|n| n.id.clone()).unwrap_or_default())),
            ("Gateway", J::s(gateway)),
            ("IPAddress", J::s(&ip)),
            ("IPPrefixLen", J::Int(if ip.is_empty() { 0 } else { 16 })),
            ("MacAddress", J::s(if ip.is_empty() { String::new() } else { mac(&ip) })),
        ])
    };
    let bridge_ip = c.on_network("bridge").then(|| addr("bridge")).flatten().unwrap_or_default();
    J::obj([
        ("Bridge", J::s("")),
        ("Gateway", J::s(if bridge_ip.is_empty() { "" } else { "172.17.0.1" })),
        ("IPAddress", J::s(&bridge_ip)),
        ("IPPrefixLen", J::Int(if bridge_ip.is_empty() { 0 } else { 16 })),
        ("MacAddress", J::s(if bridge_ip.is_empty() { String::new() } else { mac(&bridge_ip) })),
        ("Networks", J::obj(c.networks().iter().map(|n| (n.clone(), entry(n))).collect::<Vec<_>>())),
    ])
}

/// `HostConfig.Tmpfs`: each `--tmpfs` destination with its options (left out when none).
fn tmpfs_json(mounts: &[super::volumes::Mount]) -> Option<J> {
    let t: Vec<(String, J)> =
        mounts.iter().filter_map(|m| m.tmpfs.as_ref().map(|o| (m.target.clone(), J::s(o)))).collect();
    (!t.is_empty()).then(|| J::obj(t))
}

/// One entry of a container's `Mounts`, as Docker lists it.
fn mount_json(m: &super::volumes::Mount) -> J {
    use super::volumes::MountKind;
    let mode = if m.spec.is_empty() {
        String::new()
    } else {
        let given = m.spec.split(':').nth(2).unwrap_or("");
        match (m.kind, given) {
            (MountKind::Volume, "") => "z".to_string(),
            (_, g) => g.to_string(),
        }
    };
    let mut fields = vec![("Type", J::s(m.kind.name()))];
    match m.kind {
        MountKind::Volume => {
            fields.push(("Name", J::s(&m.volume)));
            fields.push(("Source", J::s(format!("/var/lib/docker/volumes/{}/_data", m.volume))));
        }
        MountKind::Bind => fields.push(("Source", J::s(&m.volume))),
        MountKind::Tmpfs => fields.push(("Source", J::s(""))),
    }
    fields.push(("Destination", J::s(&m.target)));
    if m.kind == MountKind::Volume {
        fields.push(("Driver", J::s("local")));
    }
    fields.push(("Mode", J::s(mode)));
    fields.push(("RW", J::Bool(!m.readonly)));
    fields.push(("Propagation", J::s(if m.kind == MountKind::Bind { "rprivate" } else { "" })));
    J::obj(fields)
}
