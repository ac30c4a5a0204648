//! Interactive shells attached to a container: `docker run -it IMAGE sh` (and `docker exec
//! -it CONTAINER sh`) leave the host's terminal attached to the container's shell; the
//! host then sends each typed line with [`Engine::attach_line`] until the shell exits.
//!
//! Each line runs in the simulated shell against the container's filesystem; its changes
//! go to the container's read-write layer and its output to the container's log. The
//! working directory and exported variables carry over from one line to the next. When the
//! shell of `docker run` exits, the container exits with the shell's status (and is removed
//! with `--rm`); the shell of `docker exec` leaves its container running.
//!
//! The browser terminal and the native CLI (which reads the lines from standard input)
//! both drive it, so both answer the same.

use std::collections::BTreeMap;

use super::container::{self, State};
use super::process::{self, Proc, Step};
use super::{Engine, Output};
use crate::vfs::Layer;

/// Separates the user's output from the state the trailer prints.
const MARK: char = '\u{1e}';

/// A shell the host's terminal is attached to.
#[derive(Clone, Debug)]
pub struct Attached {
    /// The container's ID.
    container: String,
    /// Working directory.
    cwd: String,
    /// Exported variables.
    env: BTreeMap<String, String>,
    uid: u32,
    gid: u32,
    /// `-t`: output as one stream (a terminal), and a prompt.
    tty: bool,
    /// True for the container's own process (`run`), false for `exec`.
    main: bool,
    /// The prompt's style, from the shell program.
    style: PromptStyle,
    hostname: String,
    /// The lines typed so far: an interactive bash appends them to `~/.bash_history` when
    /// it exits.
    history: Vec<String>,
}

/// How a shell draws its prompt.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum PromptStyle {
    /// busybox ash: `/ # `.
    Ash,
    /// dash: `# `.
    Dash,
    /// Debian's bash: `root@host:/# `.
    Bash,
}

/// How a shell is attached.
pub(crate) struct AttachOptions<'a> {
    /// The shell program (`sh`, `/bin/bash`).
    pub program: &'a str,
    /// `-u` (default: the container's user).
    pub user: Option<&'a str>,
    /// `-w` (default: the container's working directory).
    pub workdir: Option<&'a str>,
    /// `-e K=V` added to the container's environment.
    pub env: &'a [String],
    /// `-t`.
    pub tty: bool,
    /// True for the container's own process (`run`), false for `exec`.
    pub main: bool,
}

/// True for argv naming a bare interactive shell (`sh`, `/bin/bash`, …).
pub fn is_shell(argv: &[String]) -> bool {
    matches!(argv, [one] if matches!(one.rsplit('/').next().unwrap_or(""), "sh" | "ash" | "bash" | "dash"))
}

impl Engine {
    /// Attaches the host's terminal to a shell in container `i`. Fails with the runtime's
    /// message when the user does not exist.
    pub(crate) fn attach(&mut self, i: usize, how: AttachOptions<'_>) -> Result<(), String> {
        let AttachOptions { program, user, workdir, env: extra_env, tty, main } = how;
        let c = &self.containers[i];
        let tree = c.tree(&self.store);
        let user = user.map(String::from).unwrap_or_else(|| c.config.user.clone());
        let (uid, gid, home) = crate::build::resolve_user(&tree, &user)?;
        let mut env = container_run_env(c, &home);
        if tty {
            env.entry("TERM".into()).or_insert_with(|| "xterm".into());
        }
        for kv in extra_env {
            if let Some((k, v)) = kv.split_once('=') {
                env.insert(k.to_string(), v.to_string());
            }
        }
        let cwd = workdir.filter(|w| !w.is_empty()).map(String::from).unwrap_or_else(|| {
            if c.config.working_dir.is_empty() {
                "/".into()
            } else {
                c.config.working_dir.clone()
            }
        });
        let style = match program.rsplit('/').next().unwrap_or(program) {
            "bash" => PromptStyle::Bash,
            "dash" => PromptStyle::Dash,
            "ash" => PromptStyle::Ash,
            _ => match tree.resolve("/", "/bin/sh", true) {
                Ok(target) if target.ends_with("dash") => PromptStyle::Dash,
                _ => PromptStyle::Ash,
            },
        };
        self.attached = Some(Attached {
            container: c.id.clone(),
            cwd,
            env,
            uid,
            gid,
            tty,
            main,
            style,
            hostname: c.hostname.clone(),
            history: Vec::new(),
        });
        Ok(())
    }

    /// The prompt of the attached shell (empty without `-t`), or `None` when no shell is
    /// attached.
    pub fn attach_prompt(&self) -> Option<String> {
        let a = self.attached.as_ref()?;
        if !a.tty {
            return Some(String::new());
        }
        let sign = if a.uid == 0 { '#' } else { '$' };
        Some(match a.style {
            PromptStyle::Ash => format!("{} {sign} ", a.cwd),
            PromptStyle::Dash => format!("{sign} "),
            PromptStyle::Bash => {
                let home = a.env.get("HOME").map(String::as_str).unwrap_or("");
                let dir = match a.cwd.strip_prefix(home) {
                    Some(rest) if !home.is_empty() && home != "/" && (rest.is_empty() || rest.starts_with('/')) => {
                        format!("~{rest}")
                    }
                    _ => a.cwd.clone(),
                };
                let user = if a.uid == 0 {
                    "root".to_string()
                } else {
                    a.env.get("USER").cloned().unwrap_or_else(|| "I have no name!".into())
                };
                format!("{user}@{}:{dir}{sign} ", a.hostname)
            }
        })
    }

    /// Runs one line in the attached shell. After `exit` (or when the container is gone)
    /// the terminal is detached: [`Engine::attach_prompt`] is `None` again.
    pub fn attach_line(&mut self, line: &str) -> Output {
        let out = self.attached_line(line);
        self.flush_access_logs();
        out
    }

    fn attached_line(&mut self, line: &str) -> Output {
        let Some(a) = self.attached.clone() else { return Output::default() };
        let Ok(i) = container::find(&self.containers, &a.container) else {
            self.attached = None;
            return Output::default();
        };
        if !self.containers[i].is_running() {
            self.attached = None;
            return Output::default();
        }
        if line.trim().is_empty() {
            return Output::default();
        }
        if let Some(st) = self.attached.as_mut() {
            st.history.push(line.to_string());
        }
        let name = if a.style == PromptStyle::Bash { "bash" } else { "sh" };
        if let Err(e) = crate::shell::parser::parse(line) {
            let mut out = Output::default();
            out.err_line(format!("{name}: {e}"));
            return out;
        }
        let now = self.now();
        let (lower, mut tree) = self.containers[i].lower_and_tree(&self.store);
        let mounted = match self.mount_volumes(i, &mut tree) {
            Ok(m) => m,
            Err(m) => return Output::daemon(m),
        };
        let script = format!("{line}\n__layerlab_rc=$?; printf '\\036%s\\036' \"$(pwd)\"; env; exit $__layerlab_rc");
        let network = self.container_network(i, &tree);
        // `ps` sees the container's processes and this shell (the main one under `run -it`).
        let mut procs = if a.main { Vec::new() } else { self.running_procs(i, &tree) };
        procs.push(crate::shell::Running {
            pid: crate::shell::next_pid(&procs),
            ppid: 0,
            user: crate::vfs::accounts::user_name(&tree, a.uid).unwrap_or_else(|| a.uid.to_string()),
            command: if a.style == PromptStyle::Bash { "bash" } else { "sh" }.into(),
            started: now,
        });
        let proc = Proc {
            env: a.env.clone(),
            cwd: a.cwd.clone(),
            uid: a.uid,
            gid: a.gid,
            now,
            stdin: Vec::new(),
            network,
            procs,
        };
        let o = process::run_step(&mut tree, &Step::Script(script), &proc);
        let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
        let (stdout, stderr, combined) = (text(&o.stdout), text(&o.stderr), text(&o.combined));
        let cut = |s: &str| s.find(MARK).map_or(s.to_string(), |at| s[..at].to_string());
        let exited = combined.find(MARK).is_none() && o.stopped.is_none();
        if exited && a.tty && a.style == PromptStyle::Bash {
            if let Some(st) = self.attached.as_ref() {
                save_bash_history(&mut tree, st, now);
            }
        }
        self.unmount_volumes(i, &lower, &mut tree, mounted);
        let c = &mut self.containers[i];
        c.rw = Layer::diff(&lower, &tree);
        if let Some(at) = stdout.find(MARK) {
            if let Some((cwd, env)) = stdout[at + MARK.len_utf8()..].split_once(MARK) {
                let st = self.attached.as_mut().expect("attached");
                st.cwd = cwd.to_string();
                st.env = env
                    .lines()
                    .filter_map(|l| l.split_once('='))
                    .filter(|(k, _)| !k.starts_with("__layerlab"))
                    .map(|(k, v)| (k.to_string(), v.to_string()))
                    .collect();
            }
        }
        let (stdout, stderr, combined) = (cut(&stdout), cut(&stderr), cut(&combined));
        if a.main {
            c.append_log(container::interleave(&stdout, &stderr, &combined), now);
        }
        let mut out = Output { code: o.code, ..Output::default() };
        out.process(&stdout, &stderr, &combined, a.tty);
        if exited {
            self.attached = None;
            if a.main {
                if let State::Running { started, .. } = c.state {
                    c.state = State::Exited { started, finished: now, code: o.code };
                }
                if c.auto_remove {
                    self.containers.remove(i);
                }
            }
        }
        out
    }
}

/// Appends the session's lines to `$HISTFILE` (default `~/.bash_history`), as an
/// interactive bash does when it exits: a new file is the user's, mode 0600. A home that
/// does not exist or cannot be written leaves nothing, as bash only warns then.
fn save_bash_history(tree: &mut crate::vfs::Tree, a: &Attached, now: i64) {
    let home = a.env.get("HOME").map(String::as_str).unwrap_or("/");
    let file =
        a.env.get("HISTFILE").cloned().unwrap_or_else(|| format!("{}/.bash_history", home.trim_end_matches('/')));
    if file.is_empty() {
        return;
    }
    let mut text = tree.read("/", &file).map(|c| c.bytes().into_owned()).unwrap_or_default();
    for line in &a.history {
        text.extend_from_slice(line.as_bytes());
        text.push(b'\n');
    }
    let meta = crate::vfs::Meta { mode: 0o600, uid: a.uid, gid: a.gid, mtime: now };
    let _ = tree.write_file("/", &file, text.into(), meta);
}

/// The environment of a process in `c` (the run environment, plus `TERM` for a terminal).
fn container_run_env(c: &container::Container, home: &str) -> BTreeMap<String, String> {
    super::container_start::process_env(c, home)
}

#[cfg(test)]
mod tests {
    use crate::engine::Engine;

    fn sh(e: &mut Engine, line: &str) -> (String, String) {
        let o = e.exec_line(line);
        (o.stdout, o.stderr)
    }

    #[test]
    fn run_it_pulls_attaches_and_the_container_exits_with_the_shell() {
        let mut e = Engine::new(|| 1_700_000_000);
        let (out, err) = sh(&mut e, "docker run -it alpine sh");
        assert_eq!(out, "");
        assert!(err.starts_with("Unable to find image 'alpine:latest' locally\n"), "{err}");
        assert!(err.contains("Status: Downloaded newer image for alpine:latest"), "{err}");
        assert_eq!(e.attach_prompt().as_deref(), Some("/ # "));
        assert_eq!(e.attach_line("echo hi > /x; cd /tmp").stdout, "");
        assert_eq!(e.attach_prompt().as_deref(), Some("/tmp # "));
        assert_eq!(e.attach_line("cat /x; ls /nope").stdout, "hi\nls: /nope: No such file or directory\n");
        let o = e.attach_line("exit 3");
        assert_eq!((o.stdout.as_str(), o.code), ("", 3));
        assert_eq!(e.attach_prompt(), None);
        let ps = e.exec_line("docker ps -a").stdout;
        let row = ps.lines().nth(1).expect("the container is listed");
        assert!(row.contains("alpine") && row.contains("\"sh\"") && row.contains("Exited (3)"), "{ps}");
        let id = row.split_whitespace().next().unwrap().to_string();
        assert_eq!(e.exec_line(&format!("docker diff {id}")).stdout, "A /x\n");
        assert_eq!(e.exec_line(&format!("docker logs {id}")).stdout, "hi\nls: /nope: No such file or directory\n");
    }

    #[test]
    fn rm_removes_the_container_when_the_shell_exits_and_users_come_from_passwd() {
        let mut e = Engine::new(|| 1_700_000_000);
        sh(&mut e, "docker run --rm -it -u nobody -w /tmp alpine:3.20 /bin/sh");
        assert_eq!(e.attach_prompt().as_deref(), Some("/tmp $ "));
        assert_eq!(e.attach_line("id -u; echo $HOME").stdout, "65534\n/\n");
        e.attach_line("exit");
        assert_eq!(e.exec_line("docker ps -aq").stdout, "");
    }

    #[test]
    fn exec_it_leaves_the_container_running_and_debian_prompts_like_dash_and_bash() {
        let mut e = Engine::new(|| 1_700_000_000);
        let id = sh(&mut e, "docker run -d --name web debian:bookworm sleep infinity").0;
        assert_eq!(id.trim().len(), 64);
        sh(&mut e, "docker exec -it web sh");
        assert_eq!(e.attach_prompt().as_deref(), Some("# "));
        e.attach_line("touch /made-in-exec; exit");
        assert_eq!(e.attach_prompt(), None);
        assert!(e.exec_line("docker ps").stdout.contains("Up "));
        assert_eq!(e.exec_line("docker diff web").stdout, "A /made-in-exec\n");
        sh(&mut e, "docker exec -it web bash");
        let host = &id.trim()[..12];
        assert_eq!(e.attach_prompt(), Some(format!("root@{host}:/# ")));
        e.attach_line("cd /root");
        assert_eq!(e.attach_prompt(), Some(format!("root@{host}:~# ")));
        e.attach_line("exit");
        // An interactive bash keeps its history in the container, as `docker diff` shows.
        assert_eq!(e.exec_line("docker diff web").stdout, "A /made-in-exec\nC /root\nA /root/.bash_history\n");
        assert_eq!(e.exec_line("docker exec web cat /root/.bash_history").stdout, "cd /root\nexit\n");
        assert_eq!(e.exec_line("docker exec web stat -c %a /root/.bash_history").stdout, "600\n");
        // Without a terminal bash is not interactive and writes no history.
        sh(&mut e, "docker exec -i web bash");
        e.attach_line("echo quiet; exit");
        assert_eq!(e.exec_line("docker exec web cat /root/.bash_history").stdout, "cd /root\nexit\n");
    }

    #[test]
    fn without_a_terminal_there_is_no_prompt_and_streams_stay_apart() {
        let mut e = Engine::new(|| 1_700_000_000);
        sh(&mut e, "docker run -i alpine sh");
        assert_eq!(e.attach_prompt().as_deref(), Some(""));
        let o = e.attach_line("echo out; echo err >&2");
        assert_eq!((o.stdout.as_str(), o.stderr.as_str()), ("out\n", "err\n"));
        e.attach_line("exit");
        assert_eq!(e.attach_prompt(), None);
    }
}
