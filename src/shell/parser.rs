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
mod tests {
    use super::*;
    use crate::shell::ast::{Param, ParamOp};

    fn lit(s: &str) -> WordPart {
        WordPart::Lit(s.into())
    }

    #[test]
    fn simple_words_and_quotes() {
        let s = parse("echo 'a b' \"c $x\" d\\ e").unwrap();
        let Command::Simple { words, .. } = &s[0].first.cmds[0] else { panic!() };
        assert_eq!(words[0], vec![lit("echo")]);
        assert_eq!(words[1], vec![WordPart::Quoted("a b".into())]);
        assert_eq!(
            words[2],
            vec![WordPart::Double(vec![
                WordPart::Quoted("c ".into()),
                WordPart::Param(Box::new(Param { name: "x".into(), op: ParamOp::Plain }))
            ])]
        );
        assert_eq!(words[3], vec![lit("d"), WordPart::Quoted(" ".into()), lit("e")]);
    }

    #[test]
    fn structure() {
        let s = parse("a && b || c; d | e\nif x; then y; elif z; then w; else v; fi").unwrap();
        assert_eq!(s.len(), 3);
        assert_eq!(s[0].rest.len(), 2);
        assert_eq!(s[1].first.cmds.len(), 2);
        assert!(matches!(&s[2].first.cmds[0], Command::If { arms, otherwise: Some(_), .. } if arms.len() == 2));
        let f = parse("f() { echo hi; }").unwrap();
        assert!(matches!(&f[0].first.cmds[0], Command::FuncDef { name, .. } if name == "f"));
        let c = parse("case $x in a|b) echo 1;; *) echo 2;; esac").unwrap();
        assert!(matches!(&c[0].first.cmds[0], Command::Case { arms, .. } if arms.len() == 2 && arms[0].0.len() == 2));
    }

    #[test]
    fn assignments_and_redirs() {
        let s = parse("A=1 B=\"x y\" cmd >out 2>&1 <in").unwrap();
        let Command::Simple { assigns, words, redirs } = &s[0].first.cmds[0] else { panic!() };
        assert_eq!(assigns[0], ("A".into(), vec![lit("1")]));
        assert_eq!(words.len(), 1);
        assert_eq!(redirs.len(), 3);
        assert_eq!(redirs[1], Redir { fd: 2, op: RedirOp::Dup, target: vec![lit("1")] });
    }

    #[test]
    fn heredocs() {
        let s = parse("cat <<EOF; echo after\nhello $x\nEOF\necho next").unwrap();
        assert_eq!(s.len(), 3);
        let Command::Simple { redirs, .. } = &s[0].first.cmds[0] else { panic!() };
        assert_eq!(redirs[0].target[0], WordPart::Quoted("hello ".into()));
        let s = parse("cat <<-'E'\n\tliteral $x\n\tE\n").unwrap();
        let Command::Simple { redirs, .. } = &s[0].first.cmds[0] else { panic!() };
        assert_eq!(redirs[0].target, vec![WordPart::Quoted("literal $x\n".into())]);
    }

    #[test]
    fn and_or_lists_know_their_line() {
        let s = parse("a\nb; c\n\nd $(e\nf) &&\n g\n# note\nh").unwrap();
        assert_eq!(s.iter().map(|ao| ao.line).collect::<Vec<_>>(), [1, 2, 2, 4, 8]);
    }

    #[test]
    fn errors_like_ash() {
        assert_eq!(parse("if true; then echo a; fi fi").unwrap_err().to_string(), "syntax error: unexpected \"fi\"");
        assert_eq!(
            parse("for x in; do").unwrap_err().to_string(),
            "syntax error: unexpected end of file (expecting \"done\")"
        );
        assert_eq!(parse("echo \"abc").unwrap_err().to_string(), "syntax error: unterminated quoted string");
        assert_eq!(parse(")").unwrap_err().to_string(), "syntax error: unexpected \")\"");
    }

    #[test]
    fn substitutions() {
        let s = parse("echo $(echo a; echo b) `echo c` $((1+2)) ${x:-d} ${#y} ${z%%.*}").unwrap();
        let Command::Simple { words, .. } = &s[0].first.cmds[0] else { panic!() };
        assert!(matches!(&words[1][0], WordPart::Command(sc) if sc.len() == 2));
        assert!(matches!(&words[2][0], WordPart::Command(_)));
        assert!(matches!(&words[3][0], WordPart::Arith(_)));
        assert!(matches!(&words[4][0], WordPart::Param(p) if matches!(p.op, ParamOp::Default { colon: true, .. })));
        assert!(matches!(&words[5][0], WordPart::Param(p) if p.op == ParamOp::Length));
        assert!(
            matches!(&words[6][0], WordPart::Param(p) if matches!(p.op, ParamOp::TrimSuffix { longest: true, .. }))
        );
    }
}
#[cfg(test)]
mod more_tests {
    use super::*;

    #[test]
    fn heredoc_in_substitution() {
        // The body belongs to the substitution's `cat`; the outer script goes on after `)`.
        let script = "x=$(cat <<EOF\nhi $((1+1))\nEOF\n); echo \"[$x]\"\necho after\n";
        assert!(parse(script).is_ok());
        let mut t = crate::vfs::Tree::new();
        crate::shell::install_busybox(&mut t, 0);
        let env = [("PATH".to_string(), "/bin".to_string())].into_iter().collect();
        let p = crate::shell::Process {
            cwd: "/".into(),
            env,
            uid: 0,
            gid: 0,
            now: 0,
            stdin: Vec::new(),
            network: Default::default(),
        };
        let o = crate::shell::run_script(&mut t, &p, script, &mut crate::shell::Budget::default());
        assert_eq!((String::from_utf8_lossy(&o.stdout).as_ref(), o.code), ("[hi 2]\nafter\n", 0));
    }
}
