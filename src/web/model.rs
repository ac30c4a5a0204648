//! The data the playground's state is made of: the build context, build options, build
//! progress (log lines, layer cards) and the terminal.

use std::collections::BTreeMap;
use std::rc::Rc;

/// A file or folder of the build context.
#[derive(Clone, Debug, PartialEq)]
pub enum CtxEntry {
    /// A folder (kept so empty folders survive).
    Dir,
    /// A file with its bytes and permission bits.
    File {
        /// Contents.
        data: Rc<[u8]>,
        /// Permission bits (`0o644`, `0o755`).
        mode: u32,
    },
}

/// The build context: relative paths (`app/run.sh`) to entries.
pub type Context = BTreeMap<String, CtxEntry>;

/// The build options of the form.
#[derive(Clone, Debug, PartialEq)]
pub struct Settings {
    /// `-t`.
    pub tag: String,
    /// `--build-arg NAME=value`.
    pub build_args: Vec<(String, String)>,
    /// `--no-cache`.
    pub no_cache: bool,
    /// `--target` (empty: the last stage).
    pub target: String,
}

impl Default for Settings {
    fn default() -> Self {
        Settings { tag: "playground:latest".into(), build_args: Vec::new(), no_cache: false, target: String::new() }
    }
}

/// Colour scheme.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Theme {
    /// Follow `prefers-color-scheme`.
    System,
    /// Light.
    Light,
    /// Dark.
    Dark,
}

impl Theme {
    /// Name stored in localStorage and used as `data-theme`.
    pub fn name(self) -> &'static str {
        match self {
            Theme::System => "system",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    /// Parses a stored name.
    pub fn from_name(s: &str) -> Theme {
        match s {
            "light" => Theme::Light,
            "dark" => Theme::Dark,
            _ => Theme::System,
        }
    }
}

/// The inspector tabs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tab {
    /// The build log.
    Log,
    /// The merged file tree as of the selected layer.
    Files,
    /// `docker history`.
    History,
    /// `docker inspect`.
    Inspect,
    /// The docker terminal.
    Terminal,
    /// Where the image's bytes go: analysis, pictures and hints.
    Size,
    /// Lessons and compare mode.
    Learn,
}

/// The panels under the editor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    /// The build context.
    Context,
    /// Build options.
    Options,
}

/// What a log line is, for styling.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LogKind {
    /// `Step 2/5 : RUN ...`
    Step,
    /// Command output and ` ---> ...` lines.
    Output,
    /// An error.
    Error,
    /// `Successfully built ...`
    Success,
}

/// One line of the build log.
#[derive(Clone, Debug, PartialEq)]
pub struct LogLine {
    /// The text, as classic `docker build` prints it.
    pub text: String,
    /// Its kind.
    pub kind: LogKind,
}

/// A finished build step, shown as a card in the layer timeline.
#[derive(Clone, Debug, PartialEq)]
pub struct LayerCard {
    /// 1-based step number.
    pub step: usize,
    /// The instruction as written.
    pub instruction: String,
    /// Dockerfile lines the instruction spans (1-based, inclusive).
    pub lines: (usize, usize),
    /// Bytes of the layer (0 for metadata-only steps).
    pub size: u64,
    /// The layer's digest (`sha256:...`) when the step made a layer.
    pub digest: Option<String>,
    /// True when the step changed only the configuration.
    pub empty: bool,
    /// True when the build cache supplied the step.
    pub cached: bool,
    /// Wall time of the step in milliseconds.
    pub millis: f64,
    /// The history line (`/bin/sh -c apt-get update`).
    pub created_by: String,
    /// The image the step produced (its layers end with this step's layer).
    pub image_id: String,
    /// For a `FROM` step: the size of the base image it starts from.
    pub base_size: Option<u64>,
    /// Size of the image after this step (all its layers).
    pub image_size: u64,
    /// Number of layers of the image after this step.
    pub image_layers: usize,
}

/// Where the current build is.
#[derive(Clone, Debug, PartialEq)]
pub enum BuildStatus {
    /// Nothing built yet.
    Idle,
    /// Running step `step` of `total`.
    Running,
    /// Built this image.
    Done {
        /// Image ID (`sha256:...`).
        image_id: String,
        /// Tags given.
        tags: Vec<String>,
    },
    /// Stopped with an error.
    Failed {
        /// The message.
        message: String,
        /// The Dockerfile line it points at.
        line: Option<usize>,
    },
}

/// The build panel's state.
#[derive(Clone, Debug, PartialEq)]
pub struct BuildView {
    /// Status.
    pub status: BuildStatus,
    /// Bumped by every build request; the build driver watches it.
    pub generation: u64,
    /// Current step (1-based) and total.
    pub step: usize,
    /// Total steps.
    pub total: usize,
    /// Current instruction text.
    pub current: String,
    /// Lines of the current instruction.
    pub current_lines: Option<(usize, usize)>,
    /// The log.
    pub log: Vec<LogLine>,
    /// Finished steps.
    pub cards: Vec<LayerCard>,
    /// Wall time since the build was requested, in milliseconds.
    pub millis: f64,
    /// The Dockerfile the build started from (a failure's marker stays only while its
    /// line still reads the same).
    pub source: String,
}

impl Default for BuildView {
    fn default() -> Self {
        BuildView {
            status: BuildStatus::Idle,
            generation: 0,
            step: 0,
            total: 0,
            current: String::new(),
            current_lines: None,
            log: Vec::new(),
            cards: Vec::new(),
            millis: 0.0,
            source: String::new(),
        }
    }
}

/// What one build step reported, already translated from engine events.
#[derive(Clone, Debug, PartialEq)]
pub enum BuildUpdate {
    /// A step began.
    StepStarted {
        /// 1-based index.
        step: usize,
        /// Total steps.
        total: usize,
        /// Instruction text.
        instruction: String,
        /// Dockerfile lines.
        lines: (usize, usize),
    },
    /// Log lines.
    Log(Vec<LogLine>),
    /// A step finished.
    Committed(LayerCard),
    /// The build finished.
    Done {
        /// Image ID.
        image_id: String,
        /// Tags.
        tags: Vec<String>,
    },
    /// The build failed.
    Failed {
        /// Message.
        message: String,
        /// Dockerfile line.
        line: Option<usize>,
    },
}

/// A line of terminal output.
#[derive(Clone, Debug, PartialEq)]
pub struct TermLine {
    /// Text.
    pub text: String,
    /// `in` (echoed command), `out` or `err`.
    pub kind: &'static str,
}

/// The terminal's state.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct TermState {
    /// Scrollback.
    pub lines: Vec<TermLine>,
    /// Commands entered, oldest first.
    pub history: Vec<String>,
    /// The prompt of an interactive container shell, when one is open.
    pub shell_prompt: Option<String>,
}

/// An image save in progress.
#[derive(Clone, Debug, PartialEq)]
pub struct SaveView {
    /// The file name.
    pub name: String,
    /// Work done, 0 to 1.
    pub fraction: f64,
}
