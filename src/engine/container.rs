//! Containers: the image's layers, an init layer (`/etc/hosts`, `/etc/hostname`,
//! `/etc/resolv.conf`, `/.dockerenv`) and the container's own read-write layer, plus the
//! state of its one process and what it printed.

use serde::{Deserialize, Serialize};

use crate::image::{ContainerConfig, Store};
use crate::vfs::{Content, Layer, Meta, Tree};

/// Where a container's process is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum State {
    /// Created, never started (or failed to start).
    Created,
    /// Running: a long-running program (see `process`) in the foreground.
    Running {
        /// Start time.
        started: i64,
        /// When it ends by itself (`sleep 30`), if ever.
        until: Option<i64>,
        /// The exit status `docker stop` gives it (0 for servers that handle SIGTERM,
        /// 137 when SIGKILL is needed after the grace period).
        stop_code: i32,
        /// The long-running program's command line (for `docker top`).
        program: String,
        /// The exit status it ends with at `until` (a script that sleeps, then fails).
        #[serde(default)]
        code: i32,
    },
    /// Finished.
    Exited {
        /// Start time.
        started: i64,
        /// End time.
        finished: i64,
        /// Exit status.
        code: i32,
    },
}

/// A container. Serializing it keeps everything but the two layers, which hosts store as
/// layer tars (see the CLI's state directory).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Container {
    /// 64 hex digits.
    pub id: String,
    /// Its name (without Docker's leading `/`).
    pub name: String,
    /// The image as the user named it (`alpine`, `app:v1`, or an ID).
    pub image: String,
    /// The image ID.
    pub image_id: String,
    /// Creation time.
    pub created: i64,
    /// Creation order (one more than the newest container's), so containers created in the
    /// same second list in the order they were made, in one session or across CLI runs.
    #[serde(default)]
    pub seq: u64,
    /// The program (`Path` in inspect).
    pub path: String,
    /// Its arguments.
    pub args: Vec<String>,
    /// The container's configuration (image config with `run` options applied).
    pub config: ContainerConfig,
    /// `--hostname`, else the short ID.
    pub hostname: String,
    /// `-t`.
    pub tty: bool,
    /// `-i`.
    pub open_stdin: bool,
    /// `--rm`.
    pub auto_remove: bool,
    /// The process state.
    pub state: State,
    /// Exit code recorded when starting failed (127 for a missing program).
    pub start_error: Option<(i32, String)>,
    /// The init layer.
    #[serde(skip)]
    pub init: Layer,
    /// The read-write layer: the container's own changes.
    #[serde(skip)]
    pub rw: Layer,
    /// What the process wrote, line by line: (stream 1 or 2, line with its newline).
    pub log: Vec<(u8, String)>,
    /// When each line of `log` was written (seconds; empty in records that predate it).
    #[serde(default)]
    pub log_at: Vec<i64>,
    /// Times it was started.
    pub starts: u32,
    /// `-p` mappings as given (`8080:80`).
    pub ports: Vec<String>,
    /// The host bindings `-p` and `-P` resolved to.
    #[serde(default)]
    pub bindings: Vec<super::ports::Binding>,
    /// `--network` (`bridge` unless given).
    #[serde(default)]
    pub network: String,
    /// The networks it is attached to, when `docker network connect`/`disconnect` changed
    /// them (`None`: only `network`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attached: Option<Vec<String>>,
    /// Volumes mounted into it.
    #[serde(default)]
    pub mounts: Vec<super::volumes::Mount>,
    /// `--read-only`: the root filesystem refuses changes (volumes, binds and tmpfs
    /// mounts do not).
    #[serde(default)]
    pub read_only: bool,
    /// `--restart`.
    #[serde(default)]
    pub restart: super::restart::RestartPolicy,
    /// Times the daemon restarted it since it was last started by hand.
    #[serde(default)]
    pub restart_count: u32,
    /// Quick restarts in a row (the back-off doubles with each).
    #[serde(default)]
    pub backoff: u32,
    /// When the daemon last restarted it, in milliseconds (restarts fall between seconds).
    #[serde(default)]
    pub restarted_ms: i64,
    /// Stopped or killed by hand: its restart policy waits for the next manual start.
    #[serde(default)]
    pub manually_stopped: bool,
    /// The health check's state while it runs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub health: Option<super::health::Health>,
    /// `docker pause` (while running).
    #[serde(default)]
    pub paused: bool,
}

impl Container {
    /// The 12-digit short ID.
    pub fn short_id(&self) -> &str {
        &self.id[..12]
    }

    /// Appends lines written at time `at` to the log, keeping the last [`MAX_LOG_LINES`].
    pub fn append_log(&mut self, lines: impl IntoIterator<Item = (u8, String)>, at: i64) {
        if self.log_at.len() != self.log.len() {
            // An older record: its lines take the time of the last start.
            let t = match self.state {
                State::Running { started, .. } | State::Exited { started, .. } => started,
                State::Created => self.created,
            };
            self.log_at = vec![t; self.log.len()];
        }
        for l in lines {
            self.log.push(l);
            self.log_at.push(at);
        }
        if self.log.len() > MAX_LOG_LINES {
            let extra = self.log.len() - MAX_LOG_LINES;
            self.log.drain(..extra);
            self.log_at.drain(..extra);
        }
    }

    /// When line `k` of the log was written.
    pub fn log_time(&self, k: usize) -> i64 {
        match self.log_at.get(k) {
            Some(t) if self.log_at.len() == self.log.len() => *t,
            _ => self.created,
        }
    }

    /// A start by hand: the restart policy applies again, counting from zero.
    pub fn manual_start(&mut self) {
        self.manually_stopped = false;
        self.restart_count = 0;
        self.backoff = 0;
    }

    /// The networks it is attached to, its `--network` first.
    pub fn networks(&self) -> Vec<String> {
        self.attached.clone().unwrap_or_else(|| vec![self.network.clone()])
    }

    /// True when it is attached to network `name`.
    pub fn on_network(&self, name: &str) -> bool {
        match &self.attached {
            Some(a) => a.iter().any(|n| n == name),
            None => self.network == name,
        }
    }

    /// True while the process runs.
    pub fn is_running(&self) -> bool {
        matches!(self.state, State::Running { .. })
    }

    /// The command line `docker ps` shows (`Path` and `Args` joined).
    pub fn command(&self) -> String {
        let mut s = self.path.clone();
        for a in &self.args {
            s.push(' ');
            s.push_str(a);
        }
        s
    }

    /// The filesystem under the read-write layer: image layers plus the init layer.
    pub fn lower(&self, store: &Store) -> Tree {
        let img = store.get(&self.image_id);
        let layers = img.map(|i| i.layers.iter().map(|l| l.layer()).collect::<Vec<_>>()).unwrap_or_default();
        let mut t = Tree::from_layers(layers);
        self.init.apply_to(&mut t);
        t
    }

    /// The whole filesystem as the process sees it.
    pub fn tree(&self, store: &Store) -> Tree {
        let mut t = self.lower(store);
        self.rw.apply_to(&mut t);
        t
    }

    /// The filesystem under the read-write layer and the whole filesystem on top of it: a
    /// process changes the second, and `Layer::diff` of the two is the new read-write layer.
    pub fn lower_and_tree(&self, store: &Store) -> (Tree, Tree) {
        let lower = self.lower(store);
        let mut tree = lower.clone();
        self.rw.apply_to(&mut tree);
        (lower, tree)
    }

    /// `Status` as `docker ps` prints it (`Up 5 seconds`, `Exited (0) 2 minutes ago`).
    pub fn status(&self, now: i64) -> String {
        use super::format::human_duration;
        match &self.state {
            State::Created => "Created".into(),
            State::Running { started, .. } if self.paused => format!("Up {} (Paused)", human_duration(now - started)),
            State::Running { started, .. } => {
                let health = match self.health.as_ref().map(|h| h.status.as_str()) {
                    Some("starting") => " (health: starting)",
                    Some("healthy") => " (healthy)",
                    Some("unhealthy") => " (unhealthy)",
                    _ => "",
                };
                format!("Up {}{health}", human_duration(now - started))
            }
            State::Exited { finished, code, .. } if self.restarting() => {
                format!("Restarting ({code}) {} ago", human_duration(now - finished))
            }
            State::Exited { finished, code, .. } => format!("Exited ({code}) {} ago", human_duration(now - finished)),
        }
    }

    /// `State.Status` (`created`, `running`, `exited`).
    pub fn state_name(&self) -> &'static str {
        match self.state {
            State::Created => "created",
            State::Running { .. } if self.paused => "paused",
            State::Running { .. } => "running",
            State::Exited { .. } if self.restarting() => "restarting",
            State::Exited { .. } => "exited",
        }
    }

    /// The exit code so far (0 while running or never started).
    pub fn exit_code(&self) -> i32 {
        match (&self.state, &self.start_error) {
            (State::Exited { code, .. }, _) => *code,
            (State::Created, Some((c, _))) => *c,
            _ => 0,
        }
    }
}

/// Lines of output a container keeps for `docker logs` (an endless writer is cut off by
/// the shell's budget anyway).
pub const MAX_LOG_LINES: usize = 10_000;

/// The init layer Docker puts between the image and the container's own layer.
pub fn init_layer(hostname: &str, now: i64) -> Layer {
    let mut t = Tree::new();
    let meta = Meta { mode: 0o755, uid: 0, gid: 0, mtime: now };
    let file = Meta { mode: 0o644, ..meta };
    let _ = t.mkdir_all("/", "/etc", meta);
    for d in ["/dev", "/proc", "/sys"] {
        let _ = t.mkdir_all("/", d, meta);
    }
    let hosts = format!(
        "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nff00::0\tip6-mcastprefix\nff02::1\tip6-allnodes\nff02::2\tip6-allrouters\n172.17.0.2\t{hostname}\n"
    );
    let _ = t.write_file("/", "/etc/hosts", Content::from(hosts.into_bytes()), file);
    let _ = t.write_file("/", "/etc/hostname", Content::from(format!("{hostname}\n").into_bytes()), file);
    let _ = t.write_file(
        "/",
        "/etc/resolv.conf",
        Content::from(b"nameserver 8.8.8.8\nnameserver 8.8.4.4\n".to_vec()),
        file,
    );
    let _ = t.write_file("/", "/.dockerenv", Content::from(Vec::new()), Meta { mode: 0o755, ..meta });
    Layer::from_tree(&t)
}

/// Ends the running containers whose program finished by itself (`sleep 5` after five
/// seconds), removing those started with `--rm`.
pub fn refresh(containers: &mut Vec<Container>, now: i64) {
    for c in containers.iter_mut() {
        if let State::Running { started, until: Some(end), code, .. } = c.state {
            if end <= now {
                c.state = State::Exited { started, finished: end, code };
            }
        }
    }
    containers.retain(|c| !(c.auto_remove && matches!(c.state, State::Exited { .. })));
}

/// Splits a run's output into lines tagged with their stream, in the order written:
/// `combined` gives the order, `stdout` and `stderr` which stream each line came from.
pub fn interleave(stdout: &str, stderr: &str, combined: &str) -> Vec<(u8, String)> {
    let mut out: Vec<&str> = stdout.split_inclusive('\n').collect();
    let mut err: Vec<&str> = stderr.split_inclusive('\n').collect();
    out.reverse();
    err.reverse();
    let mut lines = Vec::new();
    for l in combined.split_inclusive('\n') {
        if out.last() == Some(&l) {
            out.pop();
            lines.push((1, l.to_string()));
        } else if err.last() == Some(&l) {
            err.pop();
            lines.push((2, l.to_string()));
        } else {
            lines.push((1, l.to_string()));
        }
    }
    lines
}

/// Finds a container by full ID, name, or unique ID prefix. Errors in Docker's words.
pub fn find(containers: &[Container], what: &str) -> Result<usize, String> {
    let what_name = what.strip_prefix('/').unwrap_or(what);
    if let Some(i) = containers.iter().position(|c| c.id == what || c.name == what_name) {
        return Ok(i);
    }
    if !what.is_empty() && what.chars().all(|c| c.is_ascii_hexdigit()) {
        let hits: Vec<usize> =
            containers.iter().enumerate().filter(|(_, c)| c.id.starts_with(what)).map(|(i, _)| i).collect();
        match hits.as_slice() {
            [one] => return Ok(*one),
            [] => {}
            _ => return Err(format!("multiple IDs found with provided prefix: {what}")),
        }
    }
    Err(format!("No such container: {what}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn init_layer_files() {
        let l = init_layer("abc123", 0);
        let t = Tree::from_layers([&l]);
        assert_eq!(&t.read("/", "/etc/hostname").unwrap().bytes()[..], b"abc123\n");
        assert!(t.get("/.dockerenv").is_some());
    }

    #[test]
    fn interleaving() {
        let v = interleave("a\nb\n", "e\n", "a\ne\nb\n");
        assert_eq!(v, vec![(1, "a\n".to_string()), (2, "e\n".to_string()), (1, "b\n".to_string())]);
    }
}
