//! The typed form of a Dockerfile: one [`Instruction`] per instruction, each keeping the
//! lines it came from.

use std::fmt;

/// A whole parsed Dockerfile.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Dockerfile {
    /// Parser directives from the top of the file (`syntax`, `escape`, `check`), as
    /// (lower-cased name, value, line).
    pub directives: Vec<(String, String, usize)>,
    /// The escape character (`\` unless `# escape=` says otherwise).
    pub escape: char,
    /// Every instruction in order, `ARG`s before the first `FROM` included.
    pub instructions: Vec<Instruction>,
    /// Non-fatal findings (deprecated or odd usage).
    pub warnings: Vec<Warning>,
}

impl Dockerfile {
    /// The index of every `FROM` instruction, in order: where each build stage starts.
    pub fn stage_starts(&self) -> Vec<usize> {
        self.instructions
            .iter()
            .enumerate()
            .filter(|(_, i)| matches!(i.command, Command::From { .. }))
            .map(|(n, _)| n)
            .collect()
    }

    /// The instructions of each build stage, its `FROM` first (global `ARG`s left out).
    pub fn stages(&self) -> Vec<&[Instruction]> {
        let starts = self.stage_starts();
        starts
            .iter()
            .enumerate()
            .map(|(k, &s)| &self.instructions[s..starts.get(k + 1).copied().unwrap_or(self.instructions.len())])
            .collect()
    }
}

/// One instruction with its flags, source position and heredocs.
#[derive(Clone, Debug, PartialEq)]
pub struct Instruction {
    /// What the instruction does, with its arguments.
    pub command: Command,
    /// The `--name=value` flags as written, in source order (`--link` without a value has
    /// `None`): for display. Their meaning is in the typed fields of [`Command`].
    pub flags: Vec<Flag>,
    /// Heredocs attached to the instruction (`RUN <<EOF`, `COPY <<EOF /dst`).
    pub heredocs: Vec<Heredoc>,
    /// First source line (1-based).
    pub start_line: usize,
    /// Last source line (1-based), after continuations and heredocs.
    pub end_line: usize,
    /// The instruction as written after joining continuation lines (keyword included),
    /// without heredoc bodies: what classic `docker build` prints after `Step N/M :`.
    pub original: String,
}

impl Instruction {
    /// The upper-case keyword, e.g. `RUN`.
    pub fn keyword(&self) -> &'static str {
        self.command.keyword()
    }
}

/// A `--name=value` flag.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Flag {
    /// Name without the leading dashes.
    pub name: String,
    /// Value, `None` for a bare boolean flag.
    pub value: Option<String>,
}

/// A heredoc body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Heredoc {
    /// The delimiter word (`EOF`).
    pub name: String,
    /// The body, each line ending in `\n`.
    pub content: String,
    /// False when the delimiter was quoted (`<<'EOF'`, `<<"EOF"`): no expansion.
    pub expand: bool,
    /// True for `<<-EOF`: leading tabs are stripped.
    pub chomp: bool,
}

impl Heredoc {
    /// The body as used: with leading tabs stripped from every line for `<<-`.
    pub fn body(&self) -> String {
        if !self.chomp {
            return self.content.clone();
        }
        self.content.split_inclusive('\n').map(|l| l.trim_start_matches('\t')).collect()
    }
}

/// The shell Docker runs shell-form instructions with when no `SHELL` is set.
pub const DEFAULT_SHELL: [&str; 2] = ["/bin/sh", "-c"];

/// Shell form (a string run by the `SHELL`) or exec form (a JSON array).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ShellOrExec {
    /// `RUN echo hi`
    Shell(String),
    /// `RUN ["echo", "hi"]`
    Exec(Vec<String>),
}

impl ShellOrExec {
    /// The argv Docker records: exec form as is, shell form after `shell` (the stage's
    /// `SHELL`, or [`DEFAULT_SHELL`] when empty).
    pub fn argv(&self, shell: &[String]) -> Vec<String> {
        match self {
            ShellOrExec::Exec(v) => v.clone(),
            ShellOrExec::Shell(s) => {
                let mut v = shell_or_default(shell);
                v.push(s.clone());
                v
            }
        }
    }
}

/// `shell`, or [`DEFAULT_SHELL`] when it is empty.
pub fn shell_or_default(shell: &[String]) -> Vec<String> {
    if shell.is_empty() {
        DEFAULT_SHELL.iter().map(|s| s.to_string()).collect()
    } else {
        shell.to_vec()
    }
}

/// `COPY` and `ADD` arguments and the flags both accept.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CopyArgs {
    /// Sources (may name heredocs).
    pub sources: Vec<String>,
    /// Destination.
    pub dest: String,
    /// `--chown=user[:group]`.
    pub chown: Option<String>,
    /// `--chmod=mode`.
    pub chmod: Option<String>,
    /// `--link`.
    pub link: bool,
    /// `--exclude=pattern`, repeatable.
    pub exclude: Vec<String>,
}

/// `HEALTHCHECK CMD` with its validated flags. Durations are nanoseconds, 0 when not
/// given (the runtime's default applies), as Docker stores them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Healthcheck {
    /// The check command.
    pub cmd: Option<ShellOrExec>,
    /// `--interval`.
    pub interval: i64,
    /// `--timeout`.
    pub timeout: i64,
    /// `--start-period`.
    pub start_period: i64,
    /// `--start-interval`.
    pub start_interval: i64,
    /// `--retries` (0 when not given).
    pub retries: i64,
}

/// The instructions Docker accepts, with their parsed arguments.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// `FROM [--platform=..] image [AS name]`
    From {
        /// Image reference (`scratch`, `alpine:3.20`, a stage name, or with `$VARS`).
        image: String,
        /// Stage name from `AS name` (lower-cased as Docker does).
        name: Option<String>,
        /// `--platform`.
        platform: Option<String>,
    },
    /// `RUN [--mount=..] [--network=..] [--security=..] command`
    Run {
        /// The command.
        cmd: ShellOrExec,
        /// `--mount` specifications, in order.
        mounts: Vec<String>,
        /// `--network` (`default`, `none`, `host`).
        network: Option<String>,
        /// `--security` (`sandbox`, `insecure`).
        security: Option<String>,
    },
    /// `CMD`
    Cmd(ShellOrExec),
    /// `ENTRYPOINT`
    Entrypoint(ShellOrExec),
    /// `SHELL ["executable", "param"]` (exec form only)
    Shell(Vec<String>),
    /// `COPY [flags] src... dest` (sources may name heredocs)
    Copy {
        /// Sources, destination and the flags ADD shares.
        args: CopyArgs,
        /// `--from=stage|image`.
        from: Option<String>,
        /// `--parents`.
        parents: bool,
    },
    /// `ADD [flags] src... dest`
    Add {
        /// Sources, destination and the flags COPY shares.
        args: CopyArgs,
        /// `--keep-git-dir`.
        keep_git_dir: bool,
        /// `--checksum=sha256:...`.
        checksum: Option<String>,
        /// `--unpack` (`None`: the default, unpack local archives).
        unpack: Option<bool>,
    },
    /// `WORKDIR path`
    Workdir(String),
    /// `ENV k=v ...` or `ENV k v`
    Env(Vec<(String, String)>),
    /// `ARG name[=default] ...`
    Arg(Vec<(String, Option<String>)>),
    /// `EXPOSE 80 53/udp 8000-8010`
    Expose(Vec<String>),
    /// `USER user[:group]`
    User(String),
    /// `LABEL k=v ...`
    Label(Vec<(String, String)>),
    /// `VOLUME ["/a", "/b"]` or `VOLUME /a /b`
    Volume(Vec<String>),
    /// `MAINTAINER name` (deprecated)
    Maintainer(String),
    /// `ONBUILD <instruction>`
    Onbuild(Box<Instruction>),
    /// `HEALTHCHECK [flags] CMD ...`; `cmd: None` for `HEALTHCHECK NONE`
    Healthcheck(Healthcheck),
    /// `STOPSIGNAL signal`
    Stopsignal(String),
}

impl Command {
    /// The sources, destination and shared flags of a `COPY` or `ADD`.
    pub fn copy_args(&self) -> Option<&CopyArgs> {
        match self {
            Command::Copy { args, .. } | Command::Add { args, .. } => Some(args),
            _ => None,
        }
    }

    /// The upper-case keyword.
    pub fn keyword(&self) -> &'static str {
        match self {
            Command::From { .. } => "FROM",
            Command::Run { .. } => "RUN",
            Command::Cmd(_) => "CMD",
            Command::Entrypoint(_) => "ENTRYPOINT",
            Command::Shell(_) => "SHELL",
            Command::Copy { .. } => "COPY",
            Command::Add { .. } => "ADD",
            Command::Workdir(_) => "WORKDIR",
            Command::Env(_) => "ENV",
            Command::Arg(_) => "ARG",
            Command::Expose(_) => "EXPOSE",
            Command::User(_) => "USER",
            Command::Label(_) => "LABEL",
            Command::Volume(_) => "VOLUME",
            Command::Maintainer(_) => "MAINTAINER",
            Command::Onbuild(_) => "ONBUILD",
            Command::Healthcheck(_) => "HEALTHCHECK",
            Command::Stopsignal(_) => "STOPSIGNAL",
        }
    }
}

/// A non-fatal finding about the Dockerfile.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Warning {
    /// 1-based line.
    pub line: usize,
    /// What is odd, worded like BuildKit's build checks.
    pub message: String,
}

/// An error that points at the Dockerfile source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceError {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, where known.
    pub column: Option<usize>,
    /// The message, e.g. `unknown instruction: RUNN`.
    pub message: String,
}

impl fmt::Display for SourceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.column {
            Some(c) => write!(f, "Dockerfile:{}:{}: {}", self.line, c, self.message),
            None => write!(f, "Dockerfile:{}: {}", self.line, self.message),
        }
    }
}

impl std::error::Error for SourceError {}

/// Constructors for tests: commands without flags.
#[cfg(test)]
pub(crate) mod test_cmds {
    use super::*;

    /// `FROM image [AS name]`.
    pub(crate) fn from_cmd(image: String, name: Option<String>) -> Command {
        Command::From { image, name, platform: None }
    }

    /// `RUN cmd`.
    pub(crate) fn run_cmd(cmd: ShellOrExec) -> Command {
        Command::Run { cmd, mounts: Vec::new(), network: None, security: None }
    }

    /// `COPY sources... dest`.
    pub(crate) fn copy_cmd(sources: Vec<String>, dest: String) -> Command {
        Command::Copy { args: CopyArgs { sources, dest, ..Default::default() }, from: None, parents: false }
    }

    /// `HEALTHCHECK CMD ...` / `HEALTHCHECK NONE`.
    pub(crate) fn health_cmd(cmd: Option<ShellOrExec>) -> Command {
        Command::Healthcheck(Healthcheck { cmd, ..Default::default() })
    }
}
