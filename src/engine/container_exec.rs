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
    let procs = e.running_procs(i, &tree);
    let o = process::run_step(
        &mut tree,
        &Step::Argv(argv),
        &Proc { env, cwd, uid, gid, now, stdin: Vec::new(), network, procs },
    );
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

#[cfg(test)]
mod tests {
    use crate::engine::Engine;

    fn run(e: &mut Engine, line: &str) -> String {
        let o = e.exec_line(line);
        assert_eq!(o.code, 0, "{line}: {}", o.stderr);
        o.stdout
    }

    #[test]
    fn ps_lists_the_container_processes_in_each_programs_format() {
        let mut e = Engine::new(|| 1_700_000_000);
        run(&mut e, "docker run -d -q --name web nginx:alpine");
        assert_eq!(
            run(&mut e, "docker exec web ps"),
            "PID   USER     TIME  COMMAND\n    1 root      0:00 nginx: master process nginx -g daemon off;\n   29 nginx     0:00 nginx: worker process\n   30 nginx     0:00 nginx: worker process\n   31 nginx     0:00 nginx: worker process\n   32 nginx     0:00 nginx: worker process\n   38 root      0:00 ps\n"
        );
        // The main process of `docker run` is PID 1.
        assert_eq!(
            run(&mut e, "docker run --rm alpine:3.20 ps"),
            "PID   USER     TIME  COMMAND\n    1 root      0:00 ps\n"
        );
        // procps' ps on CentOS 7 (procps-ng 3: a 5-wide PID column).
        run(&mut e, "docker run -d -q --name c7 centos:7 sleep infinity");
        assert_eq!(
            run(&mut e, "docker exec c7 ps"),
            "  PID TTY          TIME CMD\n    1 ?        00:00:00 sleep\n    7 ?        00:00:00 ps\n"
        );
        assert_eq!(
            run(&mut e, "docker exec c7 ps -ef"),
            "UID        PID  PPID  C STIME TTY          TIME CMD\nroot         1     0  0 22:13 ?        00:00:00 sleep infinity\nroot         7     0  0 22:13 ?        00:00:00 ps -ef\n"
        );
        let aux = run(&mut e, "docker exec c7 ps aux");
        assert!(aux.starts_with("USER       PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND\nroot         1  0.0  0.0   4236  3308 ?        Ss   22:13   0:00 sleep infinity\n"), "{aux}");
        // Debian's slim image has no ps until procps is installed.
        run(&mut e, "docker run -d -q --name deb debian:bookworm-slim sleep infinity");
        let o = e.exec_line("docker exec deb ps");
        assert!(o.stderr.contains("exec: \"ps\": executable file not found in $PATH"), "{}", o.stderr);
    }

    #[test]
    fn ls_long_lines_are_gnus_on_debian_and_busyboxs_on_alpine() {
        let mut e = Engine::new(|| 1_700_000_000);
        let gnu =
            run(&mut e, "docker run --rm debian:bookworm-slim ls -l /etc/debian_version /etc/passwd /etc/hostname");
        let rows: Vec<&str> = gnu.lines().collect();
        assert_eq!(rows.len(), 3, "{gnu}");
        // GNU ls sizes each column to its widest entry: owner and group one space apart, and
        // the sizes right-aligned in one column.
        for r in &rows {
            assert!(r.starts_with("-rw-r--r-- 1 root root "), "{gnu}");
        }
        let date_at = |r: &str| r.find(" Sep ").or_else(|| r.find(" Nov ")).unwrap_or(0);
        assert!(rows.iter().all(|r| date_at(r) == date_at(rows[0])), "{gnu}");
        let busybox = run(&mut e, "docker run --rm alpine:3.20 ls -l /etc/alpine-release");
        assert!(busybox.starts_with("-rw-r--r--    1 root     root             7 "), "{busybox}");
    }
}
