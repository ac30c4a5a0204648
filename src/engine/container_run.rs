//! `docker run` and `docker start`.

use super::container::{self, Container};
use super::container_create::{merge, new_container};
use super::container_start::{start_at, Ran};
use super::flags::switch;
use super::spec::{Args, Cmd};
use super::{Engine, Output};

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

fn print_run(out: &mut Output, r: &Ran, tty: bool) {
    out.process(&r.stdout, &r.stderr, &r.combined, tty);
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
