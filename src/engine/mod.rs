//! The docker command surface: argv in, text out. The native CLI and the browser terminal
//! both drive layerlab through [`Engine::exec`] (or [`Engine::exec_line`] for a typed
//! line), so a learner gets the same answers in both.
//!
//! One small module per command family: images (`images_cmd`, `image_cmds`, `inspect`,
//! `archive_cmd`), containers (`container`, `process`, `container_create`, `container_start`,
//! `container_run`, `container_exec`, `container_ps`,
//! `container_life`, `container_fs`), registries (`registry`), and `system`. `--format`
//! templates are evaluated by [`template`].
//!
//! Not here: the host's files (the host supplies a [`Host`]), printing.

mod archive_cmd;
pub mod argv;
mod attach;
mod binds;
mod build_cmd;
mod commands;
mod container;
mod container_create;
mod container_exec;
mod container_fs;
mod container_life;
mod container_pause;
mod container_ps;
mod container_run;
mod container_start;
mod container_stats;
mod databases;
pub mod flags;
pub mod format;
mod health;
mod host_pipe;
mod host_subst;
mod image_cmds;
mod images_cmd;
mod inspect;
pub mod json;
mod mount_spec;
mod names;
mod network_cmd;
mod output;
mod ports;
mod process;
mod registry;
mod restart;
mod services;
pub mod spec;
mod system;
pub mod template;
mod volumes;

pub use commands::names as command_names;
pub use container::{Container, State};
pub use network_cmd::NetworkDef;
pub use output::{Output, Stream};
pub use registry::Registry;
pub use volumes::{valid_volume_name, Volume};

use crate::build::{BuildJob, BuildRequest, Context};
use crate::image::Store;
use flags::Parsed;
use spec::Cmd;

/// What the engine needs from its host: build contexts and files. The CLI reads and
/// writes the disk; the browser uses the editor, the context panel, uploads and downloads.
/// Paths are as the user typed them.
pub trait Host {
    /// Loads the context at `path`, with the Dockerfile named by `-f` (or the default).
    /// Returns the Dockerfile text and the context.
    fn load_context(&self, path: &str, dockerfile: Option<&str>) -> Result<(String, Context), String>;

    /// Reads a file (`docker load -i`, `docker import`, `docker cp` to a container).
    fn read_file(&self, path: &str) -> Result<Vec<u8>, String>;

    /// Opens a file to read it as a stream (`docker load -i` of a large archive, read as
    /// it is parsed); by default the whole file through [`Host::read_file`].
    fn open_file(&self, path: &str) -> Result<Box<dyn std::io::Read + '_>, String> {
        Ok(Box::new(std::io::Cursor::new(self.read_file(path)?)))
    }

    /// Writes a file (`docker save -o`, `docker export -o`, `docker cp` from a container).
    fn write_file(&mut self, path: &str, bytes: &[u8]) -> Result<(), String>;

    /// Writes a file whose bytes `fill` produces, streamed where the host can (`docker
    /// save -o` of large images); by default the bytes are collected for [`Host::write_file`].
    fn write_stream(
        &mut self,
        path: &str,
        fill: &mut dyn FnMut(&mut dyn std::io::Write) -> Result<(), String>,
    ) -> Result<(), String> {
        let mut bytes = Vec::new();
        fill(&mut bytes)?;
        self.write_file(path, &bytes)
    }

    /// The names in a directory, or `None` when `path` is not a directory.
    fn list_dir(&self, _path: &str) -> Option<Vec<String>> {
        None
    }

    /// Creates a directory (and its parents).
    fn create_dir(&mut self, path: &str) -> Result<(), String> {
        Err(format!("mkdir {path}: not supported here"))
    }

    /// The target of the symbolic link at `path`, or `None` when it is not a link (`docker
    /// cp` copies host links as links).
    fn read_link(&self, _path: &str) -> Option<String> {
        None
    }

    /// The host directory at `path` as a tree rooted at `/` (a bind mount's source), or
    /// `None` when `path` is not a directory.
    fn read_tree(&self, path: &str) -> Result<Option<crate::vfs::Tree>, String> {
        binds::walk(self, path)
    }

    /// Writes what a process changed in the bind-mounted host directory `path` (`before`
    /// as it was read, `after` as the process left it).
    fn write_tree(&mut self, path: &str, before: &crate::vfs::Tree, after: &crate::vfs::Tree) -> Result<(), String> {
        binds::write_back(self, path, before, after)
    }

    /// Removes a file or a directory with what it holds (a bind mount's removals).
    fn remove_path(&mut self, path: &str) -> Result<(), String> {
        Err(format!("remove {path}: not supported here"))
    }

    /// `path` made absolute (`-v ./dir:/path` names a directory of the current one).
    fn absolute(&self, path: &str) -> String {
        crate::vfs::path::normalize("/", path)
    }

    /// Reads all of standard input (`docker cp - CONTAINER:DIR`).
    fn read_stdin(&mut self) -> Result<Vec<u8>, String> {
        Err("reading standard input is not supported here".into())
    }

    /// Standard input as a stream (`docker load < big.tar`); by default all of it through
    /// [`Host::read_stdin`].
    fn open_stdin(&mut self) -> Result<Box<dyn std::io::Read + '_>, String> {
        Ok(Box::new(std::io::Cursor::new(self.read_stdin()?)))
    }

    /// Writes bytes to standard output as they are (`docker cp CONTAINER:PATH -`).
    fn write_stdout(&mut self, _bytes: &[u8]) -> Result<(), String> {
        Err("writing a tar archive to standard output is not supported here; use a file".into())
    }

    /// True when standard output is a terminal (`docker save` refuses to write a tar there).
    fn stdout_is_terminal(&self) -> bool {
        true
    }

    /// True when standard input is a terminal (`docker load` then has nothing to read).
    fn stdin_is_terminal(&self) -> bool {
        true
    }
}

/// A host with no files (for engines that never touch any).
pub struct NoHost;

impl Host for NoHost {
    fn load_context(&self, path: &str, _dockerfile: Option<&str>) -> Result<(String, Context), String> {
        Err(format!("unable to prepare context: path \"{path}\" not found"))
    }

    fn read_file(&self, path: &str) -> Result<Vec<u8>, String> {
        Err(format!("open {path}: no such file or directory"))
    }

    fn write_file(&mut self, path: &str, _bytes: &[u8]) -> Result<(), String> {
        Err(format!("open {path}: read-only file system"))
    }
}

/// The engine: images, containers, the local registry, and the clock and files the host
/// provides.
pub struct Engine {
    /// Images and tags.
    pub store: Store,
    /// Containers, oldest first.
    pub containers: Vec<Container>,
    /// The in-memory registry (`localhost:5000/…`) and logins.
    pub registry: Registry,
    /// Networks: the predefined ones and those `docker network create` made.
    pub networks: Vec<network_cmd::NetworkDef>,
    /// Volumes.
    pub volumes: Vec<volumes::Volume>,
    /// What servers keep in memory (redis keys), by container ID.
    pub(crate) server_data: std::sync::Mutex<std::collections::BTreeMap<String, crate::shell::programs::serve::Memory>>,
    /// Requests web servers answered, by container ID, until they are written to its log.
    pub(crate) access: std::sync::Mutex<std::collections::BTreeMap<String, crate::shell::programs::serve::AccessLog>>,
    clock: Box<dyn Fn() -> i64>,
    host: Box<dyn Host>,
    seq: u64,
    /// The container shell the host's terminal is attached to (`run -it IMAGE sh`).
    attached: Option<attach::Attached>,
}

impl Engine {
    /// An engine with an empty store. `clock` returns seconds since the epoch (fix it for
    /// reproducible builds, as `SOURCE_DATE_EPOCH` does).
    pub fn new(clock: impl Fn() -> i64 + 'static) -> Engine {
        Engine {
            store: Store::new(),
            containers: Vec::new(),
            registry: Registry::default(),
            networks: network_cmd::predefined(),
            server_data: Default::default(),
            access: Default::default(),
            volumes: Vec::new(),
            clock: Box::new(clock),
            host: Box::new(NoHost),
            seq: 0,
            attached: None,
        }
    }

    /// Sets where builds, `save`, `load`, `cp`, `export` and `import` read and write.
    pub fn set_host(&mut self, host: impl Host + 'static) {
        self.host = Box::new(host);
    }

    /// The host.
    pub fn host(&self) -> &dyn Host {
        self.host.as_ref()
    }

    /// The host, mutably.
    pub fn host_mut(&mut self) -> &mut dyn Host {
        self.host.as_mut()
    }

    /// The current time.
    pub fn now(&self) -> i64 {
        (self.clock)()
    }

    /// A fresh number for deterministic IDs.
    /// Starts the sequence that container IDs are made from at `seed`, so engines in
    /// different processes sharing one state never make the same ID.
    pub fn seed_ids(&mut self, seed: u64) {
        self.seq = seed;
    }

    pub(crate) fn next_seq(&mut self) -> u64 {
        self.seq += 1;
        self.seq
    }

    /// Parses `args` for a command whose first argument names a container: the parsed
    /// arguments and the container's index, or the output to print (the usage error, or
    /// Docker's `No such container` daemon error).
    pub(crate) fn container_arg(&self, cmd: &Cmd, args: &[String]) -> Result<(Parsed, usize), Output> {
        let p = cmd.parse(args)?;
        let i = container::find(&self.containers, &p.args[0]).map_err(Output::daemon)?;
        Ok((p, i))
    }

    /// Starts a build; drive it with [`Engine::build_step`].
    pub fn start_build(&self, req: BuildRequest) -> BuildJob {
        BuildJob::new(req)
    }

    /// Runs the next step of a build against this engine's store.
    pub fn build_step(&mut self, job: &mut BuildJob) -> Vec<crate::build::Event> {
        let now = self.now();
        job.step(&mut self.store, now)
    }

    /// Runs a docker command (argv without the leading `docker`).
    pub fn exec(&mut self, argv: &[String]) -> Output {
        let now = self.now();
        container::refresh(&mut self.containers, now);
        self.apply_restarts();
        self.apply_health();
        let out = commands::dispatch(self, argv);
        self.flush_access_logs();
        out
    }

    /// Runs a typed command line: split like a shell would, an optional leading `docker`
    /// or `layerlab` dropped, `$(…)` substituted (see `host_subst`), `> FILE` and `< FILE`
    /// honoured (`docker save img > x.tar`), and a `| head -4` after it run through the
    /// busybox programs (see `host_pipe`).
    pub fn exec_line(&mut self, line: &str) -> Output {
        match self.substitute(line) {
            None => self.run_line(line),
            Some(Ok((line, mut out))) => {
                out.append(self.run_line(&line));
                out
            }
            Some(Err(e)) => Output::fail(2, e),
        }
    }

    /// [`Engine::exec_line`] once its substitutions are done: a pipeline's first stage runs
    /// here and feeds the others.
    fn run_line(&mut self, line: &str) -> Output {
        match argv::pipeline(line) {
            Err(e) => return Output::fail(2, e),
            Ok(stages) if stages.len() > 1 => {
                let rest = &line[stages[0].len() + 1..];
                return self.host_pipeline(stages[0], rest);
            }
            Ok(_) => {}
        }
        let parsed = match argv::split(line) {
            Ok(l) => l,
            Err(e) => return Output::fail(2, e),
        };
        let mut words = parsed.words;
        if words.first().is_some_and(|w| matches!(w.as_str(), "curl" | "wget")) {
            let out = self.host_command(&words);
            self.flush_access_logs();
            return out;
        }
        if words.first().is_some_and(|w| w == "docker" || w == "layerlab") {
            words.remove(0);
        } else if words.is_empty() {
            return Output::default();
        }
        // `> FILE` and `< FILE` mean the same for every spelling of a command.
        let named = commands::named(&words);
        if let Some(f) = &parsed.stdin_from {
            match named {
                Some(("load", _)) => words.extend(["-i".to_string(), f.clone()]),
                Some(("import", at)) => {
                    if let Some(dash) = words.iter().skip(at).position(|w| w == "-") {
                        words[at + dash] = f.clone();
                    }
                }
                _ => {}
            }
        }
        match (&parsed.stdout_to, named) {
            (Some(f), Some(("save" | "export", at))) => {
                words.insert(at, format!("--output={f}"));
                self.exec(&words)
            }
            (Some(f), _) => {
                let mut out = self.exec(&words);
                let text = std::mem::take(&mut out.stdout);
                if let Err(e) = self.host.write_file(f, text.as_bytes()) {
                    out.err_line(format!("sh: can't create {f}: {e}"));
                    out.code = 1;
                }
                out
            }
            (None, _) => self.exec(&words),
        }
    }
}
