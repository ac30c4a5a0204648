//! A container's filesystem: `docker diff` (the read-write layer only), `cp` between the
//! container and the host, `export` (the flattened filesystem as a tar) and `commit` (the
//! read-write layer as a new image layer).

use super::container;
use super::flags::{switch, value};
use super::format::human_size;
use super::spec::{Args, Cmd};
use super::{archive_cmd, Engine, Output};
use crate::image::{rfc3339, History, Image, LayerInfo, Reference};
use crate::vfs::{path, Change, Content, Layer, Meta, Node, NodeKind, Tree};

/// `docker diff`.
pub const DIFF: Cmd = Cmd {
    path: "docker diff",
    usage: "CONTAINER",
    short: "Inspect changes to files or directories on a container's filesystem",
    aliases: "docker container diff, docker diff",
    flags: &[],
    args: Args::Exact(1),
    interspersed: true,
};

/// `docker diff CONTAINER`: `A`/`C`/`D` lines of the read-write layer.
pub fn diff(e: &mut Engine, cmd: &Cmd, args: &[String]) -> Output {
    let (_, i) = match e.container_arg(cmd, args) {
        Ok(x) => x,
        Err(o) => return o,
    };
    let c = &e.containers[i];
    let lower = c.lower(&e.store);
    let mut out = Output::default();
    for (path, kind) in c.rw.changes(&lower) {
        out.line(format!("{kind} {path}"));
    }
    out
}

/// `docker cp`.
pub const CP: Cmd = Cmd {
    path: "docker cp",
    usage: "[OPTIONS] CONTAINER:SRC_PATH DEST_PATH|-\n\tdocker cp [OPTIONS] SRC_PATH|- CONTAINER:DEST_PATH",
    short: "Copy files/folders between a container and the local filesystem",
    aliases: "docker container cp, docker cp",
    flags: &[
        switch("archive", Some('a')).about("Archive mode (copy all uid/gid information)"),
        switch("follow-link", Some('L')).about("Always follow symbol link in SRC_PATH"),
        switch("quiet", Some('q')).about("Suppress progress output during copy. Progress output is automatically suppressed if no terminal is attached"),
    ],
    args: Args::Exact(2),
    interspersed: true,
};

/// Splits `name:path` when the part before `:` names a container.
fn container_path<'a>(e: &Engine, arg: &'a str) -> Option<(usize, &'a str)> {
    let (name, p) = arg.split_once(':')?;
    if name.contains('/') {
        return None;
    }
    container::find(&e.containers, name).ok().map(|i| (i, p))
}

/// Bytes of a tar holding `n` entries with these content sizes (headers, padding, end).
fn tar_size(sizes: &[u64]) -> u64 {
    sizes.iter().map(|s| 512 + s.div_ceil(512) * 512).sum::<u64>() + 1024
}

/// `docker cp`: container → host or host → container.
pub fn cp(e: &mut Engine, cmd: &Cmd, args: &[String]) -> Output {
    let p = match cmd.parse(args) {
        Ok(p) => p,
        Err(o) => return o,
    };
    let (src, dst) = (&p.args[0], &p.args[1]);
    let quiet = p.on("quiet");
    match (container_path(e, src), container_path(e, dst)) {
        (Some(_), Some(_)) => Output::fail(1, "copying between containers is not supported"),
        (Some((i, from)), None) if dst == "-" => copy_out_tar(e, i, from),
        (Some((i, from)), None) => copy_out(e, i, from, dst, quiet),
        (None, Some((i, to))) if src == "-" => copy_in_tar(e, i, to),
        (None, Some((i, to))) => copy_in(e, i, src, to, quiet, p.on("follow-link")),
        (None, None) => {
            if src.contains(':') || dst.contains(':') {
                let name = if src.contains(':') { src } else { dst };
                Output::daemon(format!("No such container:path: {name}"))
            } else {
                Output::fail(1, "must specify at least one container source")
            }
        }
    }
}

fn copy_out(e: &mut Engine, i: usize, from: &str, dst: &str, quiet: bool) -> Output {
    let c = &e.containers[i];
    let tree = c.tree(&e.store);
    let at = match tree.resolve("/", from, true) {
        Ok(p) if tree.get(&p).is_some() => p,
        _ => return Output::daemon(format!("Could not find the file {from} in container {}", c.name)),
    };
    let target = match e.host().list_dir(dst) {
        Some(_) => path_join(dst, path::file_name(&at)),
        None => dst.to_string(),
    };
    let mut sizes = Vec::new();
    let entries: Vec<(String, NodeKind)> = tree.subtree(&at).map(|(p, n)| (p.clone(), n.kind.clone())).collect();
    for (p, kind) in entries {
        let rel = &p[at.len()..];
        let host_path = format!("{target}{rel}");
        let r = match kind {
            NodeKind::Dir => {
                sizes.push(0);
                e.host_mut().create_dir(&host_path)
            }
            NodeKind::File(content) => {
                sizes.push(content.len());
                e.host_mut().write_file(&host_path, &content.bytes())
            }
            _ => Ok(()),
        };
        if let Err(m) = r {
            return Output::fail(1, m);
        }
    }
    let mut out = Output::default();
    if !quiet {
        out.err_line(format!("Successfully copied {} to {dst}", human_size(tar_size(&sizes))));
    }
    out
}

fn path_join(dir: &str, name: &str) -> String {
    format!("{}/{name}", dir.trim_end_matches('/'))
}

/// `docker cp CONTAINER:PATH -`: a tar of PATH (named by its last component) on standard
/// output.
fn copy_out_tar(e: &mut Engine, i: usize, from: &str) -> Output {
    let c = &e.containers[i];
    let tree = c.tree(&e.store);
    let at = match tree.resolve("/", from, true) {
        Ok(p) if tree.get(&p).is_some() => p,
        _ => return Output::daemon(format!("Could not find the file {from} in container {}", c.name)),
    };
    let name = if at == "/" { "." } else { path::file_name(&at) };
    let mut layer = Layer::new();
    for (p, n) in tree.subtree(&at) {
        let rel = p[at.len()..].trim_start_matches('/');
        let inside = if rel.is_empty() { path::join("/", name) } else { format!("{}/{rel}", path::join("/", name)) };
        layer.insert(&path::normalize("/", &inside), Change::Node(n.clone()));
    }
    let bytes = match crate::oci::write_layer_tar(&layer, Vec::new()) {
        Ok(b) => b,
        Err(err) => return Output::fail(1, err.to_string()),
    };
    match e.host_mut().write_stdout(&bytes) {
        Ok(()) => Output::default(),
        Err(m) => Output::fail(1, m),
    }
}

/// Why the daemon refuses to copy into container `c` at the absolute path `at`: a
/// read-only volume or bind mount holds it, or it is on a `--read-only` root filesystem
/// (a `--tmpfs` mount is no mount point of the daemon's, so it does not help). Source:
/// moby `daemon/archive.go`, `checkIfPathIsInAVolume`.
fn copy_refused(c: &super::Container, at: &str) -> Option<String> {
    let holder =
        c.mounts.iter().filter(|m| m.tmpfs.is_none() && path::is_within(at, &m.target)).max_by_key(|m| m.target.len());
    match holder {
        Some(m) if m.readonly => Some("mounted volume is marked read-only".into()),
        Some(_) => None,
        None if c.read_only => Some("container rootfs is marked read-only".into()),
        None => None,
    }
}

/// `docker cp - CONTAINER:DIR`: extracts a tar from standard input into a directory.
fn copy_in_tar(e: &mut Engine, i: usize, to: &str) -> Output {
    let c = &e.containers[i];
    let (lower, mut tree) = c.lower_and_tree(&e.store);
    let dir = match tree.lookup("/", to, true) {
        Ok((p, n)) if n.is_dir() => p,
        Ok(_) => return Output::daemon("extraction point is not a directory"),
        Err(_) => return Output::daemon(format!("Could not find the file {to} in container {}", c.name)),
    };
    if let Some(m) = copy_refused(c, &dir) {
        return Output::daemon(m);
    }
    let bytes = match e.host_mut().read_stdin() {
        Ok(b) => b,
        Err(m) => return Output::fail(1, m),
    };
    let layer = match crate::oci::read_layer_tar(&bytes[..]) {
        Ok(l) => l,
        Err(err) => return Output::daemon(format!("Error processing tar file: {err}")),
    };
    for (p, change) in layer.entries() {
        let at = path::normalize(&dir, p.trim_start_matches('/'));
        match change {
            Change::Node(n) | Change::Opaque(n) => tree.insert(&at, Node { ino: 0, ..n.clone() }),
            Change::Whiteout => tree.remove_subtree(&at),
        }
    }
    e.containers[i].rw = Layer::diff(&lower, &tree);
    Output::default()
}

/// `docker cp HOST_PATH CONTAINER:PATH`: host links are copied as links (the source itself
/// is followed with `-L`).
fn copy_in(e: &mut Engine, i: usize, src: &str, to: &str, quiet: bool, follow: bool) -> Output {
    let now = e.now();
    let c = &e.containers[i];
    let (lower, mut tree) = c.lower_and_tree(&e.store);
    let resolved = tree.resolve("/", to, true).unwrap_or_else(|_| path::normalize("/", to));
    if let Some(m) = copy_refused(c, &resolved) {
        return Output::daemon(m);
    }
    let dest_is_dir = tree.lookup("/", to, true).is_ok_and(|(_, n)| n.is_dir());
    let base = src.trim_end_matches('/').rsplit('/').next().unwrap_or(src);
    let target = if dest_is_dir { path::join(&path::normalize("/", to), base) } else { path::normalize("/", to) };
    let mut sizes = Vec::new();
    let dir = Meta { mode: 0o755, uid: 0, gid: 0, mtime: now };
    let mut stack = vec![(src.to_string(), target, true)];
    while let Some((host, inside, top)) = stack.pop() {
        if !(top && follow) {
            if let Some(link) = e.host().read_link(&host) {
                sizes.push(link.len() as u64);
                let at = match tree.lookup("/", path::parent(&inside), true) {
                    Ok((p, n)) if n.is_dir() => path::join(&p, path::file_name(&inside)),
                    _ => {
                        return Output::daemon(format!(
                            "Could not find the file {} in container {}",
                            path::parent(&inside),
                            e.containers[i].name
                        ))
                    }
                };
                tree.insert(&at, Node { kind: NodeKind::Symlink(link), meta: Meta { mode: 0o777, ..dir }, ino: 0 });
                continue;
            }
        }
        match e.host().list_dir(&host) {
            Some(names) => {
                sizes.push(0);
                if let Err(err) = tree.mkdir_all("/", &inside, dir) {
                    return Output::fail(1, format!("{inside}: {err}"));
                }
                for n in names {
                    stack.push((path_join(&host, &n), path::join(&inside, &n), false));
                }
            }
            None => {
                let bytes = match e.host().read_file(&host) {
                    Ok(b) => b,
                    Err(_) => return Output::fail(1, format!("lstat {host}: no such file or directory")),
                };
                sizes.push(bytes.len() as u64);
                if let Err(err) = tree.write_file("/", &inside, Content::from(bytes), Meta { mode: 0o644, ..dir }) {
                    return Output::daemon(format!(
                        "Could not find the file {} in container {}: {err}",
                        path::parent(&inside),
                        e.containers[i].name
                    ));
                }
            }
        }
    }
    e.containers[i].rw = Layer::diff(&lower, &tree);
    let mut out = Output::default();
    if !quiet {
        out.err_line(format!("Successfully copied {} to {}:{to}", human_size(tar_size(&sizes)), e.containers[i].name));
    }
    out
}

/// `docker export`.
pub const EXPORT: Cmd = Cmd {
    path: "docker export",
    usage: "[OPTIONS] CONTAINER",
    short: "Export a container's filesystem as a tar archive",
    aliases: "docker container export, docker export",
    flags: &[value("output", Some('o')).doc("string", "Write to a file, instead of STDOUT")],
    args: Args::Exact(1),
    interspersed: true,
};

/// `docker export -o FILE CONTAINER`: the whole filesystem, flattened, as one tar.
pub fn export(e: &mut Engine, cmd: &Cmd, args: &[String]) -> Output {
    let (p, i) = match e.container_arg(cmd, args) {
        Ok(x) => x,
        Err(o) => return o,
    };
    let file = p.get("output").map(str::to_string);
    let tree: Tree = e.containers[i].tree(&e.store);
    let bytes = match crate::oci::write_layer_tar(&Layer::from_tree(&tree), Vec::new()) {
        Ok(b) => b,
        Err(err) => return Output::fail(1, err.to_string()),
    };
    match archive_cmd::write_archive(e, file.as_deref(), &mut |w| w.write_all(&bytes).map_err(|e| e.to_string())) {
        Ok(()) => Output::default(),
        Err(m) => Output::fail(1, m),
    }
}

/// `docker commit`.
pub const COMMIT: Cmd = Cmd {
    path: "docker commit",
    usage: "[OPTIONS] CONTAINER [REPOSITORY[:TAG]]",
    short: "Create a new image from a container's changes",
    aliases: "docker container commit, docker commit",
    flags: &[
        value("author", Some('a')).doc("string", "Author (e.g., \"John Hannibal Smith <hannibal@a-team.com>\")"),
        value("change", Some('c')).doc("list", "Apply Dockerfile instruction to the created image"),
        value("message", Some('m')).doc("string", "Commit message"),
        switch("pause", Some('p')).about("Pause container during commit (default true)"),
    ],
    args: Args::Range(1, 2),
    interspersed: true,
};

/// `docker commit CONTAINER [REPO[:TAG]]`: the RW layer on top of the container's image.
pub fn commit(e: &mut Engine, cmd: &Cmd, args: &[String]) -> Output {
    let (p, i) = match e.container_arg(cmd, args) {
        Ok(x) => x,
        Err(o) => return o,
    };
    let target = match p.args.get(1).map(|t| Reference::parse(t)).transpose() {
        Ok(t) => t,
        Err(m) => return Output::fail(1, m),
    };
    let c = e.containers[i].clone();
    let Some(base) = e.store.get(&c.image_id).cloned() else {
        return Output::daemon(format!("No such image: {}", c.image_id));
    };
    let now = e.now();
    let mut cfg = base.config.clone();
    cfg.config = c.config.clone();
    cfg.config.env.retain(|kv| !kv.starts_with("TERM=") || !c.tty);
    if let Err(m) = archive_cmd::apply_changes(&mut cfg.config, &p.all("change")) {
        return Output::daemon(m);
    }
    let mut layers = base.layers.clone();
    let empty = c.rw.is_empty();
    if !empty {
        let info = LayerInfo::new(c.rw.clone());
        cfg.rootfs.diff_ids.push(info.diff_id.clone());
        layers.push(info);
    }
    cfg.created = Some(rfc3339(now));
    if let Some(a) = p.get("author") {
        cfg.author = Some(a.to_string());
    }
    cfg.history.push(History {
        created: Some(rfc3339(now)),
        created_by: Some(c.config.cmd.clone().unwrap_or_default().join(" ")),
        author: p.get("author").map(String::from),
        comment: p.get("message").map(String::from),
        empty_layer: empty,
    });
    let mut img = Image::new(cfg, layers, now);
    img.parent = Some(base.id.clone());
    let id = e.store.insert(img);
    if let Some(r) = target {
        e.store.tag(r, &id);
    }
    Output::ok(format!("{id}\n"))
}
