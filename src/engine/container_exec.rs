//! `docker exec`: a command run in a running container.

use super::container_start::process_env;
use super::flags::{switch, value};
use super::process::{self, Proc, Step};
use super::spec::{Args, Cmd};
use super::{Engine, Output};
use crate::vfs::Layer;

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
