//! Differential tests of layer semantics against a real builder: each Dockerfile is built
//! by buildah (vfs storage, chroot isolation, `--layers`) and by layerlab's engine, and the
//! images are compared layer by layer: the paths in each layer, whiteouts, file kinds,
//! modes, owners, symbolic link targets, hard link groups and file contents, and the
//! history `created_by` strings where both builders write the same kind of string.
//!
//! Without network the images start `FROM scratch` with a static busybox copied from the
//! host (`busybox` on `PATH`, Debian's busybox-static) and `busybox --install -s /bin`;
//! after that RUN steps run in the real busybox shell under buildah, and in layerlab's
//! simulated one. When buildah or a static busybox is missing or the process is not root
//! (buildah's vfs storage needs root) the tests fail in CI (`CI` set), which installs both
//! and runs as root, and are skipped with a note elsewhere.
//!
//! Differences filtered out, each for a documented reason:
//! - mtimes: the builders run at different times (not compared at all).
//! - the `--install` layer: the host busybox has many applets layerlab does not simulate
//!   (only links to applets layerlab has are compared) and Debian's build lacks a few that
//!   layerlab simulates (`adduser`, `nice`, ...: links to names the host's
//!   `busybox --list` lacks are not compared).
//! - opaque directories: buildah's vfs driver computes a layer by comparing directory
//!   trees (containers/storage `archive.ChangesDirs`) and writes a whiteout for each removed
//!   child instead of an opaque marker; an opaque directory is compared as the directory
//!   plus a whiteout of each child the layers below have and this layer does not re-add.
//! - WORKDIR: buildah records WORKDIR as an empty layer and creates the directory when the
//!   next RUN starts (so it lands in that RUN's layer), while Docker's classic builder,
//!   which layerlab follows, commits the directory in a WORKDIR layer of its own: that layer
//!   is merged into the next one before comparing.
//! - RUN mount points: chroot isolation may leave the bind-mount targets (`/dev`, `/proc`,
//!   `/sys`, `/etc/hosts`, `/etc/resolv.conf`, `/etc/hostname`, `/run/.containerenv`, and
//!   `/etc`, `/run` created for them) in a RUN layer; layerlab mounts nothing. They are
//!   ignored when only buildah has them.
//! - history of an exec-form RUN: buildah writes `/bin/sh -c ["a", "b"]` (the JSON text
//!   after `/bin/sh -c `), Docker's classic builder `a b`; not compared.
//! - ENV, LABEL and the like: Docker's classic builder (and layerlab) write two spaces after
//!   `#(nop)`, buildah one; COPY/ADD source checksums use different algorithms. Both are
//!   blanked before comparing `created_by`.
//! - writing through a hard link whose other name is in a lower layer: buildah's vfs
//!   driver copies whole trees and keeps the link, so both names change and land in the
//!   layer; Docker's overlay2 (and layerlab) copy up only the name written, breaking the
//!   link. No case writes through such a link.
//! - heredoc RUN (`RUN <<EOT`): buildah 1.28 does not support heredocs (it reads the body
//!   as instructions), so there is no case for it.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::PathBuf;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

use layerlab::build::{BuildRequest, Context};
use layerlab::engine::Engine;
use layerlab::image::History;
use layerlab::vfs::{Change, Layer, Node, NodeKind, Tree};
use sha2::{Digest, Sha256};

#[path = "fixtures/tools.rs"]
mod tools;

const BUILDAH: &str = "buildah";
const BUSYBOX: &str = "busybox";

/// The busybox binary on `PATH` (checked by [`reference_available`] first).
fn busybox_path() -> PathBuf {
    tools::find(BUSYBOX).expect("busybox on PATH")
}

/// The start of every case: a root filesystem with busybox installed.
const PRELUDE: &str =
    "FROM scratch\nCOPY busybox /bin/busybox\nRUN [\"/bin/busybox\", \"--install\", \"-s\", \"/bin\"]\n";

/// Paths a chroot-isolated RUN may leave as mount targets (see the module comment).
const MOUNT_POINTS: &[&str] =
    &["/dev", "/proc", "/sys", "/etc", "/etc/hosts", "/etc/resolv.conf", "/etc/hostname", "/run", "/run/.containerenv"];

/// Whether the reference builder can run here: buildah and a static busybox on `PATH`,
/// as root. In CI anything missing fails the test (see `tools`).
fn reference_available(test: &str) -> bool {
    let Some(found) = tools::require(test, &[BUILDAH, BUSYBOX], true) else { return false };
    match fs::read(&found[1]) {
        // A dynamically linked busybox names its loader near the start of the file and
        // cannot run in a FROM scratch image.
        Ok(b) if b[..b.len().min(4096)].windows(8).any(|w| w == b"ld-linux") => tools::unavailable::<()>(
            test,
            &format!("{} is not statically linked (install busybox-static)", found[1].display()),
        )
        .is_some(),
        Ok(_) => true,
        Err(e) => tools::unavailable::<()>(test, &format!("{}: {e}", found[1].display())).is_some(),
    }
}

/// Skips the calling test (with a note) when the reference builder cannot run; fails it
/// in CI.
macro_rules! require_reference {
    () => {
        if !reference_available(module_path!()) {
            return;
        }
    };
}

/// A build case: the Dockerfile after [`PRELUDE`] and the context files (path, bytes, mode).
struct Case {
    name: &'static str,
    dockerfile: &'static str,
    files: Vec<(&'static str, &'static [u8], u32)>,
}

impl Case {
    fn new(name: &'static str, dockerfile: &'static str) -> Case {
        Case { name, dockerfile, files: Vec::new() }
    }

    fn file(mut self, rel: &'static str, content: &'static [u8], mode: u32) -> Case {
        self.files.push((rel, content, mode));
        self
    }

    fn full_dockerfile(&self) -> String {
        format!("{PRELUDE}{}", self.dockerfile)
    }
}

/// One side of the comparison: history and layers, bottom first.
struct Built {
    history: Vec<History>,
    layers: Vec<Layer>,
}

/// A temporary directory removed on drop.
struct TempDir(PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

fn temp_dir(name: &str) -> TempDir {
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "layerlab-buildah-{}-{}-{name}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    TempDir(dir)
}

fn run(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap_or_else(|e| panic!("cannot run {cmd:?}: {e}"));
    assert!(
        out.status.success(),
        "{cmd:?} failed: {}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Builds the case with buildah in its own storage and loads the pushed OCI archive.
fn build_with_buildah(case: &Case) -> Built {
    let tmp = temp_dir(case.name);
    let ctx = tmp.0.join("context");
    fs::create_dir_all(&ctx).unwrap();
    fs::copy(busybox_path(), ctx.join("busybox")).unwrap();
    fs::set_permissions(ctx.join("busybox"), fs::Permissions::from_mode(0o755)).unwrap();
    for (rel, content, mode) in &case.files {
        let p = ctx.join(rel);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(&p, content).unwrap();
        fs::set_permissions(&p, fs::Permissions::from_mode(*mode)).unwrap();
    }
    fs::write(ctx.join("Dockerfile"), case.full_dockerfile()).unwrap();
    let buildah = |args: &[&str]| {
        let mut c = Command::new(BUILDAH);
        c.arg("--root")
            .arg(tmp.0.join("root"))
            .arg("--runroot")
            .arg(tmp.0.join("runroot"))
            .args(["--storage-driver", "vfs"])
            .args(args);
        c
    };
    let tag = format!("localhost/diff-{}", case.name);
    run(buildah(&["bud", "--isolation", "chroot", "--layers", "-t", &tag]).arg(&ctx));
    let archive = tmp.0.join("image.tar");
    run(buildah(&["push", &tag]).arg(format!("oci-archive:{}", archive.display())));
    let file = fs::File::open(&archive).unwrap();
    let mut images = layerlab::oci::load(file).unwrap_or_else(|e| panic!("loading buildah's archive: {e}"));
    assert_eq!(images.len(), 1);
    let img = images.remove(0);
    Built { history: img.config.history, layers: img.layers }
}

/// Builds the case with layerlab's engine.
fn build_with_layerlab(case: &Case) -> Built {
    let mut ctx = Context::new();
    ctx.add_file_mode("busybox", fs::read(busybox_path()).unwrap(), 0o755);
    for (rel, content, mode) in &case.files {
        ctx.add_file_mode(rel, content.to_vec(), *mode);
    }
    ctx.add_file("Dockerfile", case.full_dockerfile());
    let mut engine = Engine::new(|| 1_700_000_000);
    let req = BuildRequest {
        dockerfile: case.full_dockerfile(),
        context: ctx,
        tags: vec![format!("diff-{}:latest", case.name)],
        ..Default::default()
    };
    let mut job = engine.start_build(req);
    let mut log = Vec::new();
    while !job.is_done() {
        log.extend(engine.build_step(&mut job).iter().filter_map(|e| e.log_line()));
    }
    let id = match job.result().unwrap() {
        Ok(id) => id.clone(),
        Err(e) => panic!("layerlab failed to build {}: {e}\n{}", case.name, log.join("\n")),
    };
    let img = engine.store.get(&id).unwrap();
    Built { history: img.config.history.clone(), layers: img.layers.iter().map(|l| l.layer().clone()).collect() }
}

/// A layer entry with what both builders must agree on.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Entry {
    Whiteout,
    Dir { mode: u32, uid: u32, gid: u32 },
    File { mode: u32, uid: u32, gid: u32, sha256: String, size: u64, hard_links: Vec<String> },
    Symlink { mode: u32, uid: u32, gid: u32, target: String },
}

fn entry(node: &Node, path: &str, layer: &Layer) -> Entry {
    let (mode, uid, gid) = (node.meta.mode, node.meta.uid, node.meta.gid);
    match &node.kind {
        NodeKind::Dir => Entry::Dir { mode, uid, gid },
        NodeKind::Symlink(target) => Entry::Symlink { mode, uid, gid, target: target.clone() },
        NodeKind::File(c) => {
            let hard_links = layer
                .entries()
                .filter(|(p, ch)| {
                    p.as_str() != path && matches!(ch, Change::Node(n) if n.is_file() && n.ino == node.ino)
                })
                .map(|(p, _)| p.clone())
                .collect();
            let sha256 = format!("{:x}", Sha256::digest(c.bytes()));
            Entry::File { mode, uid, gid, sha256, size: c.len(), hard_links }
        }
    }
}

/// The layer's entries, an opaque directory spelled as the directory plus whiteouts of the
/// children `lower` has and the layer does not re-add (see the module comment).
fn normalize(layer: &Layer, lower: &Tree) -> BTreeMap<String, Entry> {
    let mut out = BTreeMap::new();
    for (p, change) in layer.entries() {
        match change {
            Change::Whiteout => {
                out.insert(p.clone(), Entry::Whiteout);
            }
            Change::Node(n) => {
                out.insert(p.clone(), entry(n, p, layer));
            }
            Change::Opaque(n) => {
                out.insert(p.clone(), entry(n, p, layer));
                for (name, _) in lower.children(p) {
                    let child = if p == "/" { format!("/{name}") } else { format!("{p}/{name}") };
                    if layer.get(&child).is_none() {
                        out.insert(child, Entry::Whiteout);
                    }
                }
            }
        }
    }
    out
}

/// `upper` applied over `lower` as one layer (used to merge a WORKDIR layer into the next).
fn merge(lower: &Layer, upper: &Layer) -> Layer {
    let mut merged = Layer::new();
    for (p, c) in lower.entries() {
        let hidden = upper.entries().any(|(u, uc)| !matches!(uc, Change::Node(_)) && p.starts_with(&format!("{u}/")));
        if !hidden {
            merged.insert(p, c.clone());
        }
    }
    for (p, c) in upper.entries() {
        merged.insert(p, c.clone());
    }
    merged
}

/// Applet names the host busybox has (`busybox --list`).
fn host_applets() -> BTreeSet<String> {
    run(Command::new(BUSYBOX).arg("--list")).lines().map(String::from).collect()
}

/// The differences between buildah's and layerlab's versions of one layer.
fn layer_differences(
    what: &str,
    reference: &BTreeMap<String, Entry>,
    ours: &BTreeMap<String, Entry>,
    install_step: bool,
    applets: &BTreeSet<String>,
) -> Vec<String> {
    let is_applet_link = |p: &str, e: &Entry| {
        matches!(e, Entry::Symlink { target, .. } if target == "/bin/busybox")
            && p.strip_prefix("/bin/").is_some_and(|n| !n.contains('/'))
    };
    let mut diffs = Vec::new();
    for (p, e) in reference {
        match ours.get(p) {
            Some(o) if o == e => {}
            Some(o) => diffs.push(format!("{what}: {p}: buildah {e:?}, layerlab {o:?}")),
            // Applets layerlab does not simulate.
            None if install_step && is_applet_link(p, e) => {}
            None if MOUNT_POINTS.contains(&p.as_str()) && !matches!(e, Entry::File { size, .. } if *size > 0) => {}
            None => diffs.push(format!("{what}: {p}: only buildah has {e:?}")),
        }
    }
    for (p, o) in ours {
        if reference.contains_key(p) {
            continue;
        }
        // Applets Debian's busybox build leaves out.
        if install_step && is_applet_link(p, o) && !applets.contains(&p["/bin/".len()..]) {
            continue;
        }
        diffs.push(format!("{what}: {p}: only layerlab has {o:?}"));
    }
    diffs
}

/// The `created_by` in a form both builders agree on: the checksum of COPY/ADD sources
/// blanked out (both hash the sources, with different algorithms) and Docker's two spaces
/// after `#(nop)` made one (buildah writes one); `None` for an exec-form RUN (see the
/// module comment).
fn comparable_created_by(h: &History) -> Option<String> {
    let s = h.created_by.clone()?.replacen("#(nop)  ", "#(nop) ", 1);
    if s.starts_with("/bin/sh -c [") || (s.starts_with('/') && !s.starts_with("/bin/sh -c ")) {
        return None;
    }
    for kw in ["#(nop) COPY ", "#(nop) ADD "] {
        if let Some(at) = s.find(kw) {
            let rest = &s[at + kw.len()..];
            if let (Some(colon), Some(dest)) = (rest.find(':'), rest.find(" in ")) {
                if colon < dest {
                    return Some(format!("{}{}:<sum>{}", &s[..at + kw.len()], &rest[..colon], &rest[dest..]));
                }
            }
        }
    }
    Some(s)
}

/// Builds the case both ways and returns every difference found.
fn differences(case: &Case) -> Vec<String> {
    let reference = build_with_buildah(case);
    let ours = build_with_layerlab(case);
    let applets = host_applets();
    let mut diffs = Vec::new();
    if reference.history.len() != ours.history.len() {
        diffs.push(format!(
            "history: buildah has {} steps {:?}, layerlab {} {:?}",
            reference.history.len(),
            reference.history.iter().map(|h| h.created_by.clone().unwrap_or_default()).collect::<Vec<_>>(),
            ours.history.len(),
            ours.history.iter().map(|h| h.created_by.clone().unwrap_or_default()).collect::<Vec<_>>()
        ));
        return diffs;
    }
    let (mut ri, mut oi) = (0, 0);
    let mut pending: Option<Layer> = None;
    for (rh, oh) in reference.history.iter().zip(&ours.history) {
        let step = oh.created_by.clone().unwrap_or_default();
        if let (Some(r), Some(o)) = (comparable_created_by(rh), comparable_created_by(oh)) {
            if r != o {
                diffs.push(format!("created_by: buildah {r:?}, layerlab {o:?}"));
            }
        }
        match (rh.empty_layer, oh.empty_layer) {
            (true, true) => continue,
            (true, false) if step.starts_with("/bin/sh -c #(nop) WORKDIR ") => {
                // WORKDIR: see the module comment.
                let l = ours.layers[oi].clone();
                pending = Some(match pending.take() {
                    Some(p) => merge(&p, &l),
                    None => l,
                });
                oi += 1;
                continue;
            }
            (false, false) => {}
            (r, o) => {
                diffs.push(format!("{step}: buildah empty_layer={r}, layerlab empty_layer={o}"));
                return diffs;
            }
        }
        let our_layer = match pending.take() {
            Some(p) => merge(&p, &ours.layers[oi]),
            None => ours.layers[oi].clone(),
        };
        let r_lower = Tree::from_layers(&reference.layers[..ri]);
        let o_lower = Tree::from_layers(&ours.layers[..oi]);
        let r = normalize(&reference.layers[ri], &r_lower);
        let o = normalize(&our_layer, &o_lower);
        diffs.extend(layer_differences(&format!("layer {ri} ({step})"), &r, &o, step.contains("--install"), &applets));
        ri += 1;
        oi += 1;
    }
    assert_eq!((ri, oi), (reference.layers.len(), ours.layers.len()), "{}: every layer compared", case.name);
    if std::env::var_os("LAYERLAB_DIFF_VERBOSE").is_some() {
        for (i, l) in reference.layers.iter().enumerate().skip(2) {
            eprintln!(
                "{} buildah layer {i}: {:?}",
                case.name,
                l.entries()
                    .map(|(p, c)| (p, matches!(c, Change::Whiteout), matches!(c, Change::Opaque(_))))
                    .collect::<Vec<_>>()
            );
        }
    }
    diffs
}

fn check(case: Case) {
    let diffs = differences(&case);
    assert!(
        diffs.is_empty(),
        "{}: buildah and layerlab differ:\n{}\n\nDockerfile:\n{}",
        case.name,
        diffs.join("\n"),
        case.full_dockerfile()
    );
}

#[test]
fn created_files_copy_up_and_whiteouts() {
    require_reference!();
    check(Case::new(
        "files",
        "RUN mkdir -p /a/b/c/d && echo hi > /a/b/c/d/f && touch /a/empty && mkdir /srv && echo top > /top\n\
         RUN echo more >> /a/b/c/d/f\n\
         RUN rm /a/empty /top\n\
         RUN rm -rf /a/b/c && mkdir -p /x/y/z/w/v && touch /x/y/z/w/v/f\n",
    ));
}

#[test]
fn removed_and_recreated_directories() {
    require_reference!();
    check(Case::new(
        "opaque",
        "RUN mkdir -p /data/sub/deep && echo 1 > /data/one && echo 2 > /data/sub/two && echo 3 > /data/sub/deep/three\n\
         RUN rm -rf /data && mkdir /data && echo new > /data/new\n\
         RUN rm -rf /data/* && mkdir -p /data/sub && echo again > /data/sub/again\n\
         RUN mv /data /moved && mkdir /data\n",
    ));
}

#[test]
fn modes_and_owners_of_lower_files() {
    require_reference!();
    check(Case::new(
        "perms",
        "RUN echo x > /f && mkdir -p /d/e && echo y > /d/e/g && echo z > /d/h\n\
         RUN chmod 600 /f && chown 1000:1000 /d/e/g && chmod 1777 /d\n\
         RUN chmod 4755 /f && chown 5:6 /d/e && chmod 0 /d/h\n\
         RUN umask 077 && echo secret > /s && mkdir /sd\n",
    ));
}

#[test]
fn symbolic_and_hard_links() {
    require_reference!();
    check(Case::new(
        "links",
        "RUN echo t > /target && ln -s /target /abs && ln -s target /rel && ln /target /hard && mkdir /ld && ln -s ../target /ld/up\n\
         RUN rm /abs && ln -s /elsewhere /abs && ln -sf /x /rel && chmod 700 /ld\n\
         RUN ln /ld/up /ld/up2 && ln -s /ld /dirlink && echo via > /dirlink/file\n",
    ));
}

#[test]
fn replacing_files_by_directories_and_back() {
    require_reference!();
    check(Case::new(
        "kinds",
        "RUN echo f > /f && mkdir -p /d/sub && echo g > /d/sub/g && ln -s /f /l\n\
         RUN rm /f && mkdir /f && rm -rf /d && echo now-a-file > /d && rm /l && mkdir /l\n",
    ));
}

#[test]
fn copy_of_context_files_and_directories() {
    require_reference!();
    check(
        Case::new(
            "copy",
            "COPY app/ /opt/app/\n\
             COPY app /opt/app2\n\
             COPY single.txt /etc/\n\
             COPY single.txt /srv/renamed.txt\n\
             COPY --chown=10:20 single.txt app/run.sh /owned/\n\
             COPY --chown=7 app /deep/new/app\n\
             COPY --chmod=0600 single.txt /chmod/\n\
             RUN echo extra >> /opt/app/conf/cfg.txt && chmod 640 /opt/app/run.sh\n",
        )
        .file("app/run.sh", b"#!/bin/sh\necho run\n", 0o755)
        .file("app/conf/cfg.txt", b"key=value\n", 0o600)
        .file("app/readme", b"read me\n", 0o644)
        .file("single.txt", b"single\n", 0o640),
    );
}

#[test]
fn workdir_and_env_steps() {
    require_reference!();
    check(Case::new(
        "workdir",
        "ENV GREETING=hello\n\
         WORKDIR /w/x/y\n\
         RUN pwd > here.txt && echo \"$GREETING\" > greeting\n\
         WORKDIR rel\n\
         RUN touch file\n",
    ));
}
