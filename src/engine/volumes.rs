//! Volumes: named and anonymous volumes (`-v NAME:/path`, `-v /path`, `--mount`, the
//! image's `VOLUME`s), mounted over the container's filesystem while its processes run.
//! Their data outlives the container and stays out of its read-write layer (so out of
//! `docker diff` and `commit`). `docker volume create/ls/inspect/rm/prune`.

use super::binds;
use super::flags::{switch, value};
use super::format::human_size;
use super::json::J;
use super::spec::{Args, Cmd};
use super::{Engine, Output};
use crate::image::sha256_digest;
use crate::vfs::{Meta, Node, NodeKind, Tree};

/// A volume.
#[derive(Clone, Debug)]
pub struct Volume {
    /// Its name (64 hex digits for an anonymous one).
    pub name: String,
    /// Creation time.
    pub created: i64,
    /// Created for a container without a name (`-v /path`, `VOLUME`).
    pub anonymous: bool,
    /// Its contents, rooted at `/`.
    pub data: Tree,
    /// True once something was mounted over it (an empty new volume is first filled with
    /// the image's files at the mount point, as Docker does).
    pub populated: bool,
}

pub use super::mount_spec::{valid_volume_name, Mount, MountKind};

impl Engine {
    /// The volume named `name`, created when missing.
    pub(crate) fn volume_for(&mut self, name: Option<String>) -> String {
        let now = self.now();
        let anonymous = name.is_none();
        let name = name.unwrap_or_else(|| {
            let seq = self.next_seq();
            sha256_digest(format!("volume {seq} {now}").as_bytes())["sha256:".len()..].to_string()
        });
        if !self.volumes.iter().any(|v| v.name == name) {
            self.volumes.push(Volume {
                name: name.clone(),
                created: now,
                anonymous,
                data: Tree::new(),
                populated: false,
            });
        }
        name
    }

    /// Mounts container `i`'s volumes, bind mounts and tmpfs over `tree` (the image's files
    /// at an empty new volume's mount point are copied into it first; a missing `-v` host
    /// directory is created, as Docker does; `:ro` ones refuse changes). What it returns goes to
    /// [`Engine::unmount_volumes`].
    pub(crate) fn mount_volumes(&mut self, i: usize, tree: &mut Tree) -> Result<Mounted, String> {
        let mut mounted = Mounted::default();
        for m in self.containers[i].mounts.clone() {
            match m.kind {
                MountKind::Volume => {
                    let Some(v) = self.volumes.iter_mut().find(|v| v.name == m.volume) else { continue };
                    if !v.populated {
                        v.data = extract(tree, &m.target);
                        v.populated = true;
                    }
                    overlay(tree, &m.target, &v.data);
                }
                MountKind::Tmpfs => overlay(tree, &m.target, &Tree::new()),
                MountKind::Bind => {
                    let data = match binds::read(self.host(), &m.volume)? {
                        Some(d) => d,
                        None if m.spec.is_empty() => {
                            return Err(format!(
                                "invalid mount config for type \"bind\": bind source path does not exist: {}",
                                m.volume
                            ))
                        }
                        None => {
                            self.host_mut()
                                .create_dir(&m.volume)
                                .map_err(|e| format!("error while creating mount source path '{}': {e}", m.volume))?;
                            binds::HostData::Dir(Tree::new())
                        }
                    };
                    match &data {
                        binds::HostData::Dir(t) => overlay(tree, &m.target, t),
                        binds::HostData::File(c) => {
                            tree.remove_subtree(&m.target);
                            tree.insert(
                                &m.target,
                                Node { kind: NodeKind::File(c.clone()), meta: Meta::root(0o644), ino: 0 },
                            );
                        }
                    }
                    mounted.binds.push((m.target.clone(), data));
                }
            }
            tree.set_read_only(&m.target, m.readonly);
        }
        if self.containers[i].read_only {
            tree.set_read_only("/", true);
            // The daemon bind-mounts these (writable) and mounts a tmpfs on `/dev`.
            for at in WRITABLE_UNDER_READ_ONLY_ROOT {
                tree.set_read_only(at, false);
            }
        }
        Ok(mounted)
    }

    /// Takes what processes wrote under the mount points back into the volumes (and the
    /// host's directories) and puts the image's files back in `tree`, so the container's
    /// layer does not see them.
    pub(crate) fn unmount_volumes(&mut self, i: usize, lower: &Tree, tree: &mut Tree, mounted: Mounted) {
        for at in std::iter::once(&"/").chain(WRITABLE_UNDER_READ_ONLY_ROOT) {
            tree.clear_mount(at);
        }
        for m in self.containers[i].mounts.clone() {
            tree.clear_mount(&m.target);
            let data = extract(tree, &m.target);
            match m.kind {
                MountKind::Volume => {
                    if let Some(v) = self.volumes.iter_mut().find(|v| v.name == m.volume) {
                        if !m.readonly {
                            v.data = data;
                        }
                    }
                }
                MountKind::Tmpfs => {}
                MountKind::Bind if m.readonly => {}
                MountKind::Bind => {
                    let before = mounted.binds.iter().find(|(t, _)| *t == m.target).map(|(_, d)| d);
                    // A host that cannot take the changes keeps its files as they were.
                    let _ = match (before, tree.get(&m.target).map(|n| &n.kind)) {
                        (Some(binds::HostData::Dir(b)), _) => self.host_mut().write_tree(&m.volume, b, &data),
                        (Some(binds::HostData::File(old)), Some(NodeKind::File(new))) if old != new => {
                            let bytes = new.bytes().into_owned();
                            self.host_mut().write_file(&m.volume, &bytes)
                        }
                        _ => Ok(()),
                    };
                }
            }
            tree.remove_subtree(&m.target);
            let below: Vec<_> = lower.subtree(&m.target).map(|(p, n)| (p.clone(), n.clone())).collect();
            let file = mounted.binds.iter().any(|(t, d)| *t == m.target && matches!(d, binds::HostData::File(_)));
            if below.is_empty() && file {
                // The mount point of a file is an empty file.
                tree.insert(
                    &m.target,
                    Node { kind: NodeKind::File(Vec::new().into()), meta: Meta::root(0o755), ino: 0 },
                );
            } else if below.is_empty() {
                let _ = tree.mkdir_all("/", &m.target, Meta::root(0o755));
            }
            for (p, n) in below {
                tree.insert(&p, n);
            }
        }
    }

    /// Removes the anonymous volumes of a container being removed (`--rm`, `rm -v`).
    pub(crate) fn drop_anonymous_volumes(&mut self, mounts: &[Mount]) {
        let in_use = volumes_in_use(&self.containers);
        self.volumes.retain(|v| {
            !(v.anonymous
                && mounts.iter().any(|m| m.kind == MountKind::Volume && m.volume == v.name)
                && !in_use.contains(&v.name))
        });
    }
}

/// What stays writable in a `--read-only` container: the files the daemon bind-mounts
/// from the container's directory, and `/dev` (a tmpfs).
const WRITABLE_UNDER_READ_ONLY_ROOT: &[&str] = &["/etc/hosts", "/etc/hostname", "/etc/resolv.conf", "/dev"];

/// What was mounted from the host, to write back what changed.
#[derive(Default)]
pub(crate) struct Mounted {
    binds: Vec<(String, binds::HostData)>,
}

/// Puts `data` (a tree rooted at `/`) at `target`, hiding what was there.
fn overlay(tree: &mut Tree, target: &str, data: &Tree) {
    tree.remove_subtree(target);
    let _ = tree.mkdir_all("/", target, Meta::root(0o755));
    for (p, n) in data.iter() {
        let at = if p == "/" { target.to_string() } else { format!("{target}{p}") };
        tree.insert(&at, n.clone());
    }
}

/// The subtree at `at` as a tree rooted at `/`.
fn extract(tree: &Tree, at: &str) -> Tree {
    let mut t = Tree::new();
    for (p, n) in tree.subtree(at) {
        let rel = &p[at.len()..];
        if rel.is_empty() {
            if let Some(root) = t.get("/").cloned() {
                let mut r = root;
                r.meta = n.meta;
                t.insert("/", r);
            }
            continue;
        }
        t.insert(rel, n.clone());
    }
    t
}

/// The names of the volumes containers mount.
fn volumes_in_use(containers: &[super::Container]) -> Vec<String> {
    containers
        .iter()
        .flat_map(|c| c.mounts.iter().filter(|m| m.kind == MountKind::Volume).map(|m| m.volume.clone()))
        .collect()
}

fn size_of(t: &Tree) -> u64 {
    t.iter()
        .filter_map(|(_, n)| match &n.kind {
            NodeKind::File(c) => Some(c.len()),
            _ => None,
        })
        .sum()
}

/// `docker volume create`.
pub const CREATE: Cmd = Cmd {
    path: "docker volume create",
    usage: "[OPTIONS] [VOLUME]",
    short: "Create a volume",
    aliases: "",
    flags: &[value("driver", Some('d')).doc("string", "Specify volume driver name (default \"local\")")],
    args: Args::Max(1),
    interspersed: true,
};
/// `docker volume ls`.
pub const LS: Cmd = Cmd {
    path: "docker volume ls",
    usage: "[OPTIONS]",
    short: "List volumes",
    aliases: "docker volume ls, docker volume list",
    flags: &[switch("quiet", Some('q')).about("Only display volume names")],
    args: Args::None,
    interspersed: true,
};
/// `docker volume inspect`.
pub const INSPECT: Cmd = Cmd {
    path: "docker volume inspect",
    usage: "[OPTIONS] VOLUME [VOLUME...]",
    short: "Display detailed information on one or more volumes",
    aliases: "",
    flags: &[],
    args: Args::Min(1),
    interspersed: true,
};
/// `docker volume rm`.
pub const RM: Cmd = Cmd {
    path: "docker volume rm",
    usage: "[OPTIONS] VOLUME [VOLUME...]",
    short: "Remove one or more volumes",
    aliases: "docker volume rm, docker volume remove",
    flags: &[switch("force", Some('f')).about("Force the removal of one or more volumes")],
    args: Args::Min(1),
    interspersed: true,
};
/// `docker volume prune`.
pub const PRUNE: Cmd = Cmd {
    path: "docker volume prune",
    usage: "[OPTIONS]",
    short: "Remove unused local volumes",
    aliases: "",
    flags: &[
        switch("all", Some('a')).about("Remove all unused volumes, not just anonymous ones"),
        switch("force", Some('f')).about("Do not prompt for confirmation"),
    ],
    args: Args::None,
    interspersed: true,
};

/// `docker volume create [NAME]`.
pub fn create(e: &mut Engine, cmd: &Cmd, args: &[String]) -> Output {
    let p = match cmd.parse(args) {
        Ok(p) => p,
        Err(o) => return o,
    };
    if let Some(n) = p.args.first().filter(|n| !valid_volume_name(n)) {
        return Output::daemon(format!("create {n}: \"{n}\" includes invalid characters for a local volume name, only \"[a-zA-Z0-9][a-zA-Z0-9_.-]\" are allowed. If you intended to pass a host directory, use absolute path"));
    }
    let name = e.volume_for(p.args.first().cloned());
    Output::ok(format!("{name}\n"))
}

/// `docker volume ls`.
pub fn ls(e: &mut Engine, cmd: &Cmd, args: &[String]) -> Output {
    let p = match cmd.parse(args) {
        Ok(p) => p,
        Err(o) => return o,
    };
    let mut names: Vec<&str> = e.volumes.iter().map(|v| v.name.as_str()).collect();
    crate::util::sort::sort(&mut names);
    if p.on("quiet") {
        return Output::ok(names.iter().map(|n| format!("{n}\n")).collect::<String>());
    }
    let mut rows = vec![vec!["DRIVER".to_string(), "VOLUME NAME".into()]];
    rows.extend(names.iter().map(|n| vec!["local".to_string(), n.to_string()]));
    Output::ok(super::format::table(&rows))
}

/// `docker volume inspect NAME…`.
pub fn inspect(e: &mut Engine, cmd: &Cmd, args: &[String]) -> Output {
    let p = match cmd.parse(args) {
        Ok(p) => p,
        Err(o) => return o,
    };
    let mut items = Vec::new();
    for a in &p.args {
        let Some(v) = e.volumes.iter().find(|v| &v.name == a) else {
            return Output::fail(1, format!("[]\nError response from daemon: get {a}: no such volume"));
        };
        let labels = if v.anonymous { J::obj([("com.docker.volume.anonymous", J::s(""))]) } else { J::Null };
        items.push(J::obj([
            ("CreatedAt", J::s(crate::image::rfc3339(v.created))),
            ("Driver", J::s("local")),
            ("Labels", labels),
            ("Mountpoint", J::s(format!("/var/lib/docker/volumes/{}/_data", v.name))),
            ("Name", J::s(v.name.clone())),
            ("Options", J::Null),
            ("Scope", J::s("local")),
        ]));
    }
    Output::ok(format!("{}\n", J::Arr(items).pretty()))
}

/// `docker volume rm NAME…`.
pub fn rm(e: &mut Engine, cmd: &Cmd, args: &[String]) -> Output {
    let p = match cmd.parse(args) {
        Ok(p) => p,
        Err(o) => return o,
    };
    let mut out = Output::default();
    for a in &p.args {
        if !e.volumes.iter().any(|v| &v.name == a) {
            if !p.on("force") {
                out.daemon_line(format!("get {a}: no such volume"));
                out.code = 1;
            }
            continue;
        }
        let users: Vec<String> = e
            .containers
            .iter()
            .filter(|c| c.mounts.iter().any(|m| m.kind == MountKind::Volume && &m.volume == a))
            .map(|c| c.id.clone())
            .collect();
        if !users.is_empty() {
            out.daemon_line(format!("remove {a}: volume is in use - [{}]", users.join(", ")));
            out.code = 1;
            continue;
        }
        e.volumes.retain(|v| &v.name != a);
        out.line(a);
    }
    out
}

/// `docker volume prune [-a] [-f]`.
pub fn prune(e: &mut Engine, cmd: &Cmd, args: &[String]) -> Output {
    let p = match cmd.parse(args) {
        Ok(p) => p,
        Err(o) => return o,
    };
    if !p.on("force") {
        let what = if p.on("all") { "all local volumes" } else { "anonymous local volumes" };
        return Output::ok(format!("WARNING! This will remove {what} not used by at least one container.\nAre you sure you want to continue? [y/N] "));
    }
    let in_use = volumes_in_use(&e.containers);
    let all = p.on("all");
    let (gone, kept): (Vec<Volume>, Vec<Volume>) =
        std::mem::take(&mut e.volumes).into_iter().partition(|v| (all || v.anonymous) && !in_use.contains(&v.name));
    e.volumes = kept;
    let mut out = Output::default();
    if !gone.is_empty() {
        out.line("Deleted Volumes:");
        for v in &gone {
            out.line(&v.name);
        }
        out.line("");
    }
    out.line(format!("Total reclaimed space: {}", human_size(gone.iter().map(|v| size_of(&v.data)).sum())));
    out
}

/// Each volume's name, the number of containers using it and its size (`system df`).
pub fn usage(e: &Engine) -> Vec<(String, usize, u64)> {
    let mut v: Vec<(String, usize, u64)> = e
        .volumes
        .iter()
        .map(|v| {
            (
                v.name.clone(),
                e.containers
                    .iter()
                    .filter(|c| c.mounts.iter().any(|m| m.kind == MountKind::Volume && m.volume == v.name))
                    .count(),
                size_of(&v.data),
            )
        })
        .collect();
    crate::util::sort::sort(&mut v);
    v
}
