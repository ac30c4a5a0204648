//! The docker command surface: argv in, text out. The native CLI and the browser terminal
//! both drive layerlab through [`Engine::exec`], so a learner gets the same answers in both.
//!
//! Not here: reading the host's files (the host supplies a [`ContextSource`]), printing.

mod build_cmd;
pub mod flags;
pub mod format;
mod images_cmd;

use crate::build::{BuildJob, BuildRequest, Context};
use crate::image::Store;

/// What a command printed and its exit status.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Output {
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
    /// Exit status (0 success, 1 failure, 125 docker usage errors).
    pub code: i32,
}

impl Output {
    /// Success with some standard output.
    pub fn ok(stdout: impl Into<String>) -> Output {
        Output { stdout: stdout.into(), stderr: String::new(), code: 0 }
    }

    /// Failure with a message on standard error (a newline is added) and an exit status.
    pub fn fail(code: i32, stderr: impl Into<String>) -> Output {
        let mut s = stderr.into();
        if !s.ends_with('\n') {
            s.push('\n');
        }
        Output { stdout: String::new(), stderr: s, code }
    }

    /// Docker's usage error: `docker: <msg>.` plus the `See 'docker CMD --help'.` hint, 125.
    pub fn usage(cmd: &str, msg: &str) -> Output {
        Output::fail(125, format!("{msg}\nSee 'docker {cmd} --help'."))
    }
}

/// Where `docker build PATH` finds its Dockerfile and context: the CLI reads a directory,
/// the browser uses the editor and the context panel.
pub trait ContextSource {
    /// Loads the context at `path`, with the Dockerfile named by `-f` (or the default).
    /// Returns the Dockerfile text and the context.
    fn load(&self, path: &str, dockerfile: Option<&str>) -> Result<(String, Context), String>;
}

/// A context source with nothing in it (for engines that never build from a path).
pub struct NoContext;

impl ContextSource for NoContext {
    fn load(&self, path: &str, _dockerfile: Option<&str>) -> Result<(String, Context), String> {
        Err(format!("unable to prepare context: path \"{path}\" not found"))
    }
}

/// The engine: the image store plus the clock and context the host provides.
pub struct Engine {
    /// Images and tags.
    pub store: Store,
    clock: Box<dyn Fn() -> i64>,
    context: Box<dyn ContextSource>,
}

impl Engine {
    /// An engine with an empty store. `clock` returns seconds since the epoch (fix it for
    /// reproducible builds, as `SOURCE_DATE_EPOCH` does).
    pub fn new(clock: impl Fn() -> i64 + 'static) -> Engine {
        Engine { store: Store::new(), clock: Box::new(clock), context: Box::new(NoContext) }
    }

    /// Sets where `docker build PATH` reads from.
    pub fn set_context_source(&mut self, source: impl ContextSource + 'static) {
        self.context = Box::new(source);
    }

    /// The current time.
    pub fn now(&self) -> i64 {
        (self.clock)()
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
        let Some((cmd, rest)) = argv.split_first() else {
            return Output::ok(help());
        };
        match cmd.as_str() {
            "build" => build_cmd::build(self, rest),
            "images" => images_cmd::images(self, rest),
            "image" => match rest.split_first() {
                Some((sub, r)) if sub == "ls" || sub == "list" => images_cmd::images(self, r),
                Some((sub, r)) if sub == "build" => build_cmd::build(self, r),
                _ => Output::ok(help()),
            },
            "--help" | "help" => Output::ok(help()),
            other => Output::fail(1, format!("docker: unknown command: docker {other}\n\nRun 'docker --help' for more information")),
        }
    }
}

fn help() -> String {
    "Usage:  docker [OPTIONS] COMMAND\n\nA self-sufficient runtime for containers (layerlab: simulated, in memory)\n\nCommon Commands:\n  run         Create and run a new container from an image\n  build       Build an image from a Dockerfile\n  images      List images\n".into()
}
