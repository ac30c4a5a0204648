//! Reading Dockerfiles as Docker (BuildKit's dockerfile frontend) reads them: parser
//! directives, comments, line continuations, heredocs, typed instructions that keep their
//! source lines, and variable expansion with Docker's quoting rules.
//!
//! Not here: executing instructions (see `build`).

pub mod ast;
pub mod expand;
mod pattern;

pub use ast::{Command, Dockerfile, Flag, Heredoc, Instruction, ShellOrExec, SourceError, Warning};
pub use expand::{expand_word, expand_words};
