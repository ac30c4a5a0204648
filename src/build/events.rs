//! Progress events of a build and its errors.

use std::fmt;

/// A committed step.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LayerEvent {
    /// 1-based step number.
    pub step: usize,
    /// The image ID after the step.
    pub image_id: String,
    /// Bytes of content in the layer (0 for metadata-only steps).
    pub size: u64,
    /// `sha256:` diff_id of the layer, `None` for an empty (metadata-only) step.
    pub diff_id: Option<String>,
    /// True when the step came from the build cache.
    pub cached: bool,
    /// The history entry's `created_by`.
    pub created_by: String,
    /// First Dockerfile line of the instruction.
    pub line: usize,
}

/// What a build reports as it goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Event {
    /// A step begins.
    Step {
        /// 1-based step number.
        number: usize,
        /// Number of steps.
        total: usize,
        /// First Dockerfile line.
        start_line: usize,
        /// Last Dockerfile line.
        end_line: usize,
        /// The instruction as written.
        text: String,
    },
    /// A line of the classic `docker build` log (`Step 2/5 : RUN …`, ` ---> Running in …`).
    Log(String),
    /// A line printed by a RUN command.
    Output(String),
    /// A step was committed.
    Layer(LayerEvent),
    /// A non-fatal warning.
    Warning(String),
    /// The build finished.
    Done {
        /// The final image ID.
        image_id: String,
        /// The tags given to it.
        tags: Vec<String>,
    },
    /// The build failed.
    Failed(BuildError),
}

impl Event {
    /// The text this event adds to the classic build log, if any.
    pub fn log_line(&self) -> Option<String> {
        match self {
            Event::Log(s) | Event::Output(s) => Some(s.clone()),
            Event::Warning(s) => Some(format!("[Warning] {s}")),
            Event::Failed(e) => Some(e.to_string()),
            _ => None,
        }
    }
}

/// A build failure, pointing at the Dockerfile line when there is one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BuildError {
    /// 1-based Dockerfile line.
    pub line: Option<usize>,
    /// 1-based column.
    pub column: Option<usize>,
    /// Docker's wording of the failure.
    pub message: String,
}

impl BuildError {
    /// An error at a line.
    pub fn at(line: usize, message: impl Into<String>) -> Self {
        BuildError { line: Some(line), column: None, message: message.into() }
    }

    /// An error with no line.
    pub fn general(message: impl Into<String>) -> Self {
        BuildError { line: None, column: None, message: message.into() }
    }
}

impl From<crate::dockerfile::SourceError> for BuildError {
    fn from(e: crate::dockerfile::SourceError) -> Self {
        BuildError { line: Some(e.line), column: e.column, message: e.message }
    }
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (Some(l), Some(c)) => write!(f, "Dockerfile:{l}:{c}: {}", self.message),
            (Some(l), None) => write!(f, "Dockerfile:{l}: {}", self.message),
            _ => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for BuildError {}
