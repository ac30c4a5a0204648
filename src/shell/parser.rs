//! The shell grammar: turns script text into a [`Script`], with busybox ash's syntax error
//! wording.

use std::fmt;

use super::ast::{AndOr, Command, Join, Pipeline, Redir, RedirOp, Script, Word, WordPart};
use super::lexer::Token;

/// A syntax error.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ParseError {
    /// A token where it cannot be, with what was expected if known.
    Unexpected { found: String, expecting: Option<String> },
    /// A quote without its closing quote.
    Unterminated,
    /// A malformed `${…}`.
    BadSubstitution,
    /// Nesting past the nesting budget ([`super::depth`]).
    TooDeep,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParseError::Unexpected { found, expecting: Some(e) } => {
                write!(f, "syntax error: unexpected {found} (expecting \"{e}\")")
            }
            ParseError::Unexpected { found, expecting: None } => write!(f, "syntax error: unexpected {found}"),
            ParseError::Unterminated => f.write_str("syntax error: unterminated quoted string"),
            ParseError::BadSubstitution => f.write_str("syntax error: bad substitution"),
            ParseError::TooDeep => f.write_str("syntax error: nesting too deep"),
        }
    }
}

/// The parser state (the lexer shares it: see `lexer.rs`).
pub struct Parser {
    pub(crate) src: Vec<char>,
    pub(crate) pos: usize,
    /// Here-documents read so far: (position of `<<`, newline after which the body starts,
    /// position after the body, body).
    pub(crate) heredocs: Vec<(usize, usize, usize, String)>,
    /// The last token peeked: (start, token, end), reused by the next read at `start`.
    pub(crate) peeked: Option<(usize, Token, usize)>,
    /// Positions of `$((` that did not read as arithmetic (then they are `$( (…) )`):
    /// remembered so nested `$((` do not make the retries exponential.
    pub(crate) not_arith: std::collections::HashSet<usize>,
    /// A position and the line it is on, to count lines from (see [`Parser::line_at`]).
    pub(crate) counted: (usize, usize),
}

/// Parses a whole script.
pub fn parse(src: &str) -> Result<Script, ParseError> {
    let mut p = Parser {
        src: src.chars().collect(),
        pos: 0,
        heredocs: Vec::new(),
        peeked: None,
        not_arith: Default::default(),
        counted: (0, 1),
    };
    let script = p.parse_list()?;
    match p.next_token()? {
        Token::Eof => Ok(script),
        t => Err(unexpected(&t, None)),
    }
}

const RESERVED_ENDS: &[&str] = &["then", "elif", "else", "fi", "do", "done", "esac", "}"];

fn describe(t: &Token) -> String {
    match t {
        Token::Word(_, raw) => format!("\"{raw}\""),
        Token::Op(o) => format!("\"{o}\""),
        Token::Redir(_, r) => format!("\"{r}\""),
        Token::Newline => "newline".into(),
        Token::Eof => "end of file".into(),
    }
}

fn unexpected(t: &Token, expecting: Option<&str>) -> ParseError {
    ParseError::Unexpected { found: describe(t), expecting: expecting.map(String::from) }
}

fn is_word(t: &Token, w: &str) -> bool {
    matches!(t, Token::Word(_, raw) if raw == w)
}

fn is_op(t: &Token, o: &str) -> bool {
    matches!(t, Token::Op(x) if x == o)
}

fn is_name(s: &str) -> bool {
    let mut cs = s.chars();
    matches!(cs.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && cs.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

impl Parser {
    fn peek(&mut self) -> Result<Token, ParseError> {
        let save = self.pos;
        let t = self.next_token()?;
        self.peeked = Some((save, t.clone(), self.pos));
        self.pos = save;
        Ok(t)
    }

    fn skip_newlines(&mut self) -> Result<(), ParseError> {
        while self.peek()? == Token::Newline {
            self.next_token()?;
        }
        Ok(())
    }

    fn expect_word(&mut self, w: &str) -> Result<(), ParseError> {
        let t = self.next_token()?;
        if is_word(&t, w) {
            Ok(())
        } else {
            Err(unexpected(&t, Some(w)))
        }
    }

    /// Parses `$( … )` after the opening parenthesis.
    pub(crate) fn parse_subst(&mut self) -> Result<Script, ParseError> {
        let s = self.parse_list()?;
        let t = self.next_token()?;
        if is_op(&t, ")") {
            Ok(s)
        } else {
            Err(unexpected(&t, Some(")")))
        }
    }

    /// Parses and-or lists until a token that cannot start a command.
    fn parse_list(&mut self) -> Result<Script, ParseError> {
        let mut out = Script::new();
        loop {
            self.skip_newlines()?;
            let t = self.peek()?;
            match &t {
                Token::Eof => break,
                Token::Op(o) if o == ")" || o == ";;" => break,
                Token::Word(_, raw) if RESERVED_ENDS.contains(&raw.as_str()) => break,
                _ => {}
            }
            out.push(self.parse_and_or()?);
            let t = self.peek()?;
            if is_op(&t, ";") || is_op(&t, "&") || t == Token::Newline {
                self.next_token()?;
            } else {
                break;
            }
        }
        Ok(out)
    }

    /// The line (from 1) of position `pos`, counting from the last position asked (forward,
    /// or back after the parser backtracked), so that a script's lines are counted once.
    fn line_at(&mut self, pos: usize) -> usize {
        let pos = pos.min(self.src.len());
        let (from, line) = self.counted;
        let newlines = |a: usize, b: usize| self.src[a..b].iter().filter(|c| **c == '\n').count();
        let line = if pos >= from { line + newlines(from, pos) } else { line - newlines(pos, from) };
        self.counted = (pos, line);
        line
    }

    fn parse_and_or(&mut self) -> Result<AndOr, ParseError> {
        let line = self.line_at(self.pos);
        let first = self.parse_pipeline()?;
        let mut rest = Vec::new();
        loop {
            let t = self.peek()?;
            let join = if is_op(&t, "&&") {
                Join::And
            } else if is_op(&t, "||") {
                Join::Or
            } else {
                break;
            };
            self.next_token()?;
            self.skip_newlines()?;
            rest.push((join, self.parse_pipeline()?));
        }
        Ok(AndOr { first, rest, line })
    }

    fn parse_pipeline(&mut self) -> Result<Pipeline, ParseError> {
        let mut bang = false;
        if is_word(&self.peek()?, "!") {
            self.next_token()?;
            bang = true;
        }
        let mut cmds = vec![self.parse_command()?];
        while is_op(&self.peek()?, "|") {
            self.next_token()?;
            self.skip_newlines()?;
            cmds.push(self.parse_command()?);
        }
        Ok(Pipeline { bang, cmds })
    }

    fn parse_command(&mut self) -> Result<Command, ParseError> {
        let _level = super::depth::enter().ok_or(ParseError::TooDeep)?;
        let t = self.peek()?;
        if let Token::Word(_, raw) = &t {
            let compound = match raw.as_str() {
                "if" => Some(self.parse_if()?),
                "while" | "until" => Some(self.parse_while()?),
                "for" => Some(self.parse_for()?),
                "case" => Some(self.parse_case()?),
                "{" => {
                    self.next_token()?;
                    let body = self.parse_list()?;
                    self.expect_word("}")?;
                    Some(Command::Brace(body, Vec::new()))
                }
                _ => None,
            };
            if let Some(mut c) = compound {
                let extra = self.parse_redirs()?;
                match &mut c {
                    Command::Brace(_, r)
                    | Command::Subshell(_, r)
                    | Command::If { redirs: r, .. }
                    | Command::For { redirs: r, .. }
                    | Command::While { redirs: r, .. }
                    | Command::Case { redirs: r, .. } => r.extend(extra),
                    _ => {}
                }
                return Ok(c);
            }
        }
        if is_op(&t, "(") {
            self.next_token()?;
            let body = self.parse_list()?;
            let t = self.next_token()?;
            if !is_op(&t, ")") {
                return Err(unexpected(&t, Some(")")));
            }
            let redirs = self.parse_redirs()?;
            return Ok(Command::Subshell(body, redirs));
        }
        match t {
            Token::Word(..) | Token::Redir(..) => self.parse_simple(),
            t => Err(unexpected(&t, None)),
        }
    }

    fn parse_redirs(&mut self) -> Result<Vec<Redir>, ParseError> {
        let mut out = Vec::new();
        while let Token::Redir(fd, op) = self.peek()? {
            self.next_token()?;
            out.push(self.parse_redir(fd, &op)?);
        }
        Ok(out)
    }

    fn parse_simple(&mut self) -> Result<Command, ParseError> {
        let mut assigns = Vec::new();
        let mut words: Vec<Word> = Vec::new();
        let mut redirs = Vec::new();
        loop {
            match self.peek()? {
                Token::Redir(fd, op) => {
                    self.next_token()?;
                    redirs.push(self.parse_redir(fd, &op)?);
                }
                Token::Word(w, raw) => {
                    self.next_token()?;
                    if words.is_empty() {
                        if let Some(eq) = raw.find('=') {
                            if is_name(&raw[..eq]) {
                                assigns.push((raw[..eq].to_string(), strip_prefix(w, eq + 1)));
                                continue;
                            }
                        }
                        if assigns.is_empty() && redirs.is_empty() && is_op(&self.peek()?, "(") && is_name_like(&raw) {
                            self.next_token()?;
                            let t = self.next_token()?;
                            if !is_op(&t, ")") {
                                return Err(unexpected(&t, Some(")")));
                            }
                            self.skip_newlines()?;
                            let body = self.parse_command()?;
                            return Ok(Command::FuncDef { name: raw, body: Box::new(body) });
                        }
                    }
                    words.push(w);
                }
                _ => break,
            }
        }
        Ok(Command::Simple { assigns, words, redirs })
    }

    fn parse_redir(&mut self, fd: Option<u32>, op: &str) -> Result<Redir, ParseError> {
        let strip_tabs = op == "<<-";
        let (op, default_fd) = match op {
            "<" => (RedirOp::In, 0),
            ">" | ">|" => (RedirOp::Out, 1),
            ">>" => (RedirOp::Append, 1),
            "<>" => (RedirOp::ReadWrite, 0),
            "<&" => (RedirOp::Dup, 0),
            ">&" => (RedirOp::Dup, 1),
            "&>" => (RedirOp::OutErr, 1),
            _ => (RedirOp::HereDoc, 0),
        };
        let fd = fd.unwrap_or(default_fd);
        let op_pos = self.pos;
        let t = self.next_token()?;
        let Token::Word(w, raw) = t else { return Err(unexpected(&t, None)) };
        if op != RedirOp::HereDoc {
            // `>&file` with a non-numeric target is the same as `&>file`.
            let op = if op == RedirOp::Dup && fd == 1 && !raw.chars().all(|c| c.is_ascii_digit()) && raw != "-" {
                RedirOp::OutErr
            } else {
                op
            };
            return Ok(Redir { fd, op, target: w });
        }
        let quoted = w.iter().any(|p| !matches!(p, WordPart::Lit(_)));
        let delim: String = w
            .iter()
            .map(|p| match p {
                WordPart::Lit(s) | WordPart::Quoted(s) => s.clone(),
                WordPart::Double(parts) => parts
                    .iter()
                    .map(|q| if let WordPart::Quoted(s) | WordPart::Lit(s) = q { s.clone() } else { String::new() })
                    .collect(),
                _ => String::new(),
            })
            .collect();
        let body = self.read_heredoc_body(op_pos, &delim, strip_tabs);
        let target = if quoted {
            vec![WordPart::Quoted(body)]
        } else {
            let mut sub = Parser {
                src: body.chars().collect(),
                pos: 0,
                heredocs: Vec::new(),
                peeked: None,
                not_arith: Default::default(),
                counted: (0, 1),
            };
            sub.read_double(None)?
        };
        Ok(Redir { fd, op: RedirOp::HereDoc, target })
    }

    /// Reads a here-document body from the line after the current one (after earlier
    /// bodies on the same line) and arranges for the lexer to skip it. Reading the same
    /// operator again (the parser may lex a word twice) gives the same body.
    fn read_heredoc_body(&mut self, op_pos: usize, delim: &str, strip_tabs: bool) -> String {
        if let Some(h) = self.heredocs.iter().find(|h| h.0 == op_pos) {
            return h.3.clone();
        }
        let mut nl = self.pos;
        while nl < self.src.len() && self.src[nl] != '\n' {
            nl += 1;
        }
        let mut at =
            self.heredocs.iter().filter(|h| h.1 == nl).map(|h| h.2).max().unwrap_or((nl + 1).min(self.src.len()));
        let mut body = String::new();
        while at < self.src.len() {
            let mut end = at;
            while end < self.src.len() && self.src[end] != '\n' {
                end += 1;
            }
            let line: String = self.src[at..end].iter().collect();
            let line = if strip_tabs { line.trim_start_matches('\t').to_string() } else { line };
            at = (end + 1).min(self.src.len());
            if line == delim {
                break;
            }
            body.push_str(&line);
            body.push('\n');
        }
        self.heredocs.push((op_pos, nl, at, body.clone()));
        body
    }

    fn parse_if(&mut self) -> Result<Command, ParseError> {
        self.next_token()?; // if
        let mut arms = Vec::new();
        let mut otherwise = None;
        loop {
            let cond = self.parse_list()?;
            self.expect_word("then")?;
            let body = self.parse_list()?;
            arms.push((cond, body));
            let t = self.next_token()?;
            if is_word(&t, "elif") {
                continue;
            }
            if is_word(&t, "else") {
                otherwise = Some(self.parse_list()?);
                self.expect_word("fi")?;
                break;
            }
            if is_word(&t, "fi") {
                break;
            }
            return Err(unexpected(&t, Some("fi")));
        }
        Ok(Command::If { arms, otherwise, redirs: Vec::new() })
    }

    fn parse_while(&mut self) -> Result<Command, ParseError> {
        let until = is_word(&self.next_token()?, "until");
        let cond = self.parse_list()?;
        self.expect_word("do")?;
        let body = self.parse_list()?;
        self.expect_word("done")?;
        Ok(Command::While { until, cond, body, redirs: Vec::new() })
    }

    fn parse_for(&mut self) -> Result<Command, ParseError> {
        self.next_token()?; // for
        let t = self.next_token()?;
        let var = match &t {
            Token::Word(_, raw) if is_name(raw) => raw.clone(),
            _ => return Err(unexpected(&t, None)),
        };
        self.skip_newlines()?;
        let mut words = None;
        if is_word(&self.peek()?, "in") {
            self.next_token()?;
            let mut ws = Vec::new();
            while let Token::Word(w, _) = self.peek()? {
                self.next_token()?;
                ws.push(w);
            }
            words = Some(ws);
        }
        let t = self.peek()?;
        if is_op(&t, ";") || t == Token::Newline {
            self.next_token()?;
        }
        self.skip_newlines()?;
        self.expect_word("do")?;
        let body = self.parse_list()?;
        self.expect_word("done")?;
        Ok(Command::For { var, words, body, redirs: Vec::new() })
    }

    fn parse_case(&mut self) -> Result<Command, ParseError> {
        self.next_token()?; // case
        let t = self.next_token()?;
        let Token::Word(word, _) = t else { return Err(unexpected(&t, None)) };
        self.skip_newlines()?;
        self.expect_word("in")?;
        let mut arms = Vec::new();
        loop {
            self.skip_newlines()?;
            let t = self.next_token()?;
            if is_word(&t, "esac") {
                break;
            }
            let mut t = t;
            if is_op(&t, "(") {
                t = self.next_token()?;
            }
            let mut pats = Vec::new();
            loop {
                match t {
                    Token::Word(w, _) => pats.push(w),
                    other => return Err(unexpected(&other, None)),
                }
                let sep = self.next_token()?;
                if is_op(&sep, ")") {
                    break;
                }
                if !is_op(&sep, "|") {
                    return Err(unexpected(&sep, Some(")")));
                }
                t = self.next_token()?;
            }
            let body = self.parse_list()?;
            arms.push((pats, body));
            let t = self.next_token()?;
            if is_op(&t, ";;") {
                continue;
            }
            if is_word(&t, "esac") {
                break;
            }
            return Err(unexpected(&t, Some("esac")));
        }
        Ok(Command::Case { word, arms, redirs: Vec::new() })
    }
}

fn is_name_like(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || "_-.:".contains(c))
}

/// Drops the first `n` source characters of a word (the `NAME=` of an assignment); they
/// are always in its leading unquoted literal.
fn strip_prefix(w: Word, n: usize) -> Word {
    let mut out = w;
    if let Some(WordPart::Lit(s)) = out.first_mut() {
        let rest: String = s.chars().skip(n).collect();
        if rest.is_empty() {
            out.remove(0);
        } else {
            *s = rest;
        }
    }
    out
}

#[cfg(test)]
#[path = "parser_tests.rs"]
mod tests;
