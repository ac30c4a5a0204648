//! The syntax tree of a shell script, as the parser produces it and the interpreter walks it.

/// A word: the pieces it was written with, before expansion.
pub type Word = Vec<WordPart>;

/// One piece of a word.
#[derive(Clone, Debug, PartialEq)]
pub enum WordPart {
    /// Unquoted literal text (glob characters in it are active).
    Lit(String),
    /// Quoted literal text: single quotes, a backslash escape, or literal text inside `"…"`.
    Quoted(String),
    /// A double-quoted section.
    Double(Vec<WordPart>),
    /// A parameter expansion: `$x`, `${x:-y}`, …
    Param(Box<Param>),
    /// A command substitution: `$(…)` or backticks.
    Command(Script),
    /// An arithmetic expansion `$((…))`; its text is expanded before evaluation.
    Arith(Word),
    /// A tilde prefix at the start of a word: `~` or `~user`.
    Tilde(String),
}

/// A parameter expansion.
#[derive(Clone, Debug, PartialEq)]
pub struct Param {
    /// Name: a variable, a digit string or one of `@ * # ? $ ! - 0`.
    pub name: String,
    /// What to do with the value.
    pub op: ParamOp,
}

/// The operator of a `${…}` expansion.
#[derive(Clone, Debug, PartialEq)]
pub enum ParamOp {
    /// Plain `$x` / `${x}`.
    Plain,
    /// `${#x}`.
    Length,
    /// `${x-w}` / `${x:-w}` (`colon` set for the `:` forms, here and below).
    Default { colon: bool, word: Word },
    /// `${x=w}` / `${x:=w}`.
    Assign { colon: bool, word: Word },
    /// `${x+w}` / `${x:+w}`.
    Alt { colon: bool, word: Word },
    /// `${x?w}` / `${x:?w}`.
    Error { colon: bool, word: Word },
    /// `${x#p}` / `${x##p}`.
    TrimPrefix { longest: bool, pat: Word },
    /// `${x%p}` / `${x%%p}`.
    TrimSuffix { longest: bool, pat: Word },
    /// `${x:off}` / `${x:off:len}` (bash extension that ash supports).
    Substr { off: Word, len: Option<Word> },
    /// `${x/p/r}` / `${x//p/r}` (bash extension that ash supports).
    Replace { all: bool, pat: Word, rep: Word },
}

/// A redirection operator.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RedirOp {
    /// `<`
    In,
    /// `>` (and `>|`)
    Out,
    /// `>>`
    Append,
    /// `<>`
    ReadWrite,
    /// `>&` / `<&`: duplicate (or close with `-`).
    Dup,
    /// `&>`: stdout and stderr to a file.
    OutErr,
    /// `<<` / `<<-`: a here-document (the body is the target word).
    HereDoc,
}

/// One redirection of a command.
#[derive(Clone, Debug, PartialEq)]
pub struct Redir {
    /// The file descriptor redirected.
    pub fd: u32,
    /// The operator.
    pub op: RedirOp,
    /// The target: a file name, a descriptor number, or the here-document body.
    pub target: Word,
}

/// A command.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// A simple command: assignments, words and redirections.
    Simple { assigns: Vec<(String, Word)>, words: Vec<Word>, redirs: Vec<Redir> },
    /// `{ …; }`
    Brace(Script, Vec<Redir>),
    /// `( … )`
    Subshell(Script, Vec<Redir>),
    /// `if … then … elif … else … fi`
    If { arms: Vec<(Script, Script)>, otherwise: Option<Script>, redirs: Vec<Redir> },
    /// `for name in words; do …; done` (`words` is `None` for the positional parameters).
    For { var: String, words: Option<Vec<Word>>, body: Script, redirs: Vec<Redir> },
    /// `while …; do …; done` or, with `until`, `until …`.
    While { until: bool, cond: Script, body: Script, redirs: Vec<Redir> },
    /// `case word in pat|pat) …;; esac`
    Case { word: Word, arms: Vec<(Vec<Word>, Script)>, redirs: Vec<Redir> },
    /// `name() command`
    FuncDef { name: String, body: Box<Command> },
}

/// Commands joined by `|`, optionally negated with `!`.
#[derive(Clone, Debug, PartialEq)]
pub struct Pipeline {
    /// Leading `!`.
    pub bang: bool,
    /// The commands, left to right.
    pub cmds: Vec<Command>,
}

/// How two pipelines are joined.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Join {
    /// `&&`
    And,
    /// `||`
    Or,
}

/// Pipelines joined with `&&` and `||`.
#[derive(Clone, Debug, PartialEq)]
pub struct AndOr {
    /// The first pipeline.
    pub first: Pipeline,
    /// The rest, each with the operator before it.
    pub rest: Vec<(Join, Pipeline)>,
    /// The script line it starts on (from 1), for the shell's error messages.
    pub line: usize,
}

/// A sequence of and-or lists (separated by `;`, `&` or newlines).
pub type Script = Vec<AndOr>;
