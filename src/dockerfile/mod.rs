//! Reading Dockerfiles as Docker (BuildKit's dockerfile frontend) reads them: parser
//! directives, comments, line continuations, heredocs, typed instructions that keep their
//! source lines, and variable expansion with Docker's quoting rules.
//!
//! Entry points: [`parse`], [`expand_word`] / [`expand_words`], [`Instruction::expanded`],
//! [`VarScope`] (ARG/ENV scoping for the builder), [`to_json`] / [`to_text`].
//!
//! Not here: executing instructions (see `build`).

pub mod ast;
mod checks;
pub mod duration;
pub mod expand;
mod flags;
mod instruction_expand;
mod lexer;
mod lineparse;
pub mod parser;
mod pattern;
pub mod render;
pub mod scope;

pub use ast::{
    shell_or_default, Command, CopyArgs, Dockerfile, Flag, Healthcheck, Heredoc, Instruction, ShellOrExec, SourceError,
    Warning, DEFAULT_SHELL,
};
pub use duration::{go_duration_string, parse_go_duration};
pub use expand::{expand_word, expand_words};
pub use parser::{is_json_form, parse, syntax_tree, RawNode, SyntaxNode, SyntaxTree};
pub use render::{to_json, to_text, tree_to_json};
pub use scope::VarScope;
