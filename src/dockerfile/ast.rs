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

/// One instruction with its flags, source position and heredocs.
#[derive(Clone, Debug, PartialEq)]
pub struct Instruction {
    /// What the instruction does, with its arguments.
    pub command: Command,
    /// `--name=value` flags in source order (`--link` without a value has `None`).
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

    /// The value of flag `name` (without dashes), if given; `Some("")` for a bare flag.
    pub fn flag(&self, name: &str) -> Option<&str> {
        self.flags
            .iter()
            .rev()
            .find(|f| f.name == name)
            .map(|f| f.value.as_deref().unwrap_or(""))
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
        self.content
            .split_inclusive('\n')
            .map(|l| l.trim_start_matches('\t'))
            .collect()
    }
}

/// Shell form (a string run by the `SHELL`) or exec form (a JSON array).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ShellOrExec {
    /// `RUN echo hi`
    Shell(String),
    /// `RUN ["echo", "hi"]`
    Exec(Vec<String>),
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
    },
    /// `RUN`
    Run(ShellOrExec),
    /// `CMD`
    Cmd(ShellOrExec),
    /// `ENTRYPOINT`
    Entrypoint(ShellOrExec),
    /// `SHELL ["executable", "param"]` (exec form only)
    Shell(Vec<String>),
    /// `COPY [flags] src... dest` (sources may name heredocs)
    Copy {
        /// Sources.
        sources: Vec<String>,
        /// Destination.
        dest: String,
    },
    /// `ADD [flags] src... dest`
    Add {
        /// Sources.
        sources: Vec<String>,
        /// Destination.
        dest: String,
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
    /// `HEALTHCHECK [flags] CMD ...`; `None` for `HEALTHCHECK NONE`
    Healthcheck(Option<ShellOrExec>),
    /// `STOPSIGNAL signal`
    Stopsignal(String),
}

impl Command {
    /// The upper-case keyword.
    pub fn keyword(&self) -> &'static str {
        match self {
            Command::From { .. } => "FROM",
            Command::Run(_) => "RUN",
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
