//! Docker's "shell word" lexer (BuildKit's `frontend/dockerfile/shell/lex.go`): variable
//! expansion (`$VAR`, `${VAR}`, `${VAR:-d}`, `${VAR-d}`, `${VAR:+a}`, `${VAR+a}`,
//! `${VAR:?msg}`, `${VAR?msg}`, `${VAR#p}`, `${VAR%p}`, `${VAR/p/r}`), the escape character,
//! single quotes (literal) and double quotes, with quote removal, and word splitting after
//! expansion.
//!
//! This is what Docker applies to the arguments of `ADD COPY ENV EXPOSE FROM LABEL
//! STOPSIGNAL USER VOLUME WORKDIR` and to `ARG` defaults; `RUN`/`CMD`/`ENTRYPOINT` are left to
//! the shell.

use super::pattern;

/// How a variable is looked up: `Some(value)` when set (possibly empty), `None` when unset.
pub type Lookup<'a> = &'a dyn Fn(&str) -> Option<String>;

/// Expands one word (`ProcessWord`): variables substituted, quotes and escapes removed,
/// spaces kept. Errors are worded like BuildKit: `failed to process "${X": syntax error:
/// missing '}'`.
pub fn expand_word(word: &str, escape: char, lookup: Lookup<'_>) -> Result<String, String> {
    Lex::new(escape).process_word(word, lookup)
}

/// Expands and splits into words (`ProcessWords`): like [`expand_word`] but unquoted spaces,
/// including those produced by expansion, separate words.
pub fn expand_words(word: &str, escape: char, lookup: Lookup<'_>) -> Result<Vec<String>, String> {
    Lex::new(escape).process_words(word, lookup)
}

/// The lexer with BuildKit's switches.
#[derive(Clone, Copy, Debug)]
pub struct Lex {
    /// The escape character (`\` or `` ` ``).
    pub escape: char,
    /// Keep quote characters in the result.
    pub raw_quotes: bool,
    /// Keep escape characters in the result.
    pub raw_escapes: bool,
    /// Treat quotes as ordinary characters (used for heredoc bodies).
    pub skip_process_quotes: bool,
    /// Leave references to unset variables as written (`$X`, `${X:-d}`).
    pub skip_unset_env: bool,
}

/// What went wrong while lexing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LexError {
    /// Malformed input (unterminated quote, bad substitution...).
    Syntax(String),
    /// `${X?msg}` / `${X:?msg}` on an unset or empty variable.
    Unset(String),
}

impl LexError {
    fn text(&self) -> &str {
        match self {
            LexError::Syntax(s) | LexError::Unset(s) => s,
        }
    }
}

impl Lex {
    /// A lexer with all switches off.
    pub fn new(escape: char) -> Lex {
        Lex { escape, raw_quotes: false, raw_escapes: false, skip_process_quotes: false, skip_unset_env: false }
    }

    /// `ProcessWord` with the error as BuildKit prints it.
    pub fn process_word(&self, word: &str, lookup: Lookup<'_>) -> Result<String, String> {
        self.run(word, lookup).map(|r| r.0).map_err(|e| wrap(word, &e))
    }

    /// `ProcessWords` with the error as BuildKit prints it.
    pub fn process_words(&self, word: &str, lookup: Lookup<'_>) -> Result<Vec<String>, String> {
        self.run(word, lookup).map(|r| r.1).map_err(|e| wrap(word, &e))
    }

    /// Both results (joined word, split words), or the raw error kind.
    pub fn run(&self, word: &str, lookup: Lookup<'_>) -> Result<(String, Vec<String>), LexError> {
        let mut sw =
            ShellWord { lex: *self, chars: word.chars().collect(), pos: 0, lookup, raw_escapes: self.raw_escapes };
        let r = sw.process_stop_on(None, self.raw_escapes)?;
        if r.0.len() > MAX_EXPANDED {
            return Err(LexError::Syntax(format!("expanded value too long (more than {MAX_EXPANDED} bytes)")));
        }
        Ok(r)
    }
}

/// The longest value an expansion may produce (a Dockerfile that doubles a variable on
/// every line would otherwise grow it exponentially).
pub const MAX_EXPANDED: usize = 1024 * 1024;

fn wrap(word: &str, e: &LexError) -> String {
    format!("failed to process {}: {}", go_quote(word), e.text())
}

/// Quotes a string the way Go's `%q` does (for error messages).
pub fn go_quote(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => out.push_str(&format!("\\x{:02x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

struct ShellWord<'a> {
    lex: Lex,
    chars: Vec<char>,
    pos: usize,
    lookup: Lookup<'a>,
    raw_escapes: bool,
}

/// Word accumulation for `ProcessWords`.
#[derive(Default)]
struct Words {
    buf: String,
    words: Vec<String>,
    in_word: bool,
}

impl Words {
    fn add_char(&mut self, ch: char) {
        if ch.is_whitespace() && self.in_word {
            if !self.buf.is_empty() {
                self.words.push(std::mem::take(&mut self.buf));
                self.in_word = false;
            }
        } else if !ch.is_whitespace() {
            self.add_raw_char(ch);
        }
    }
    fn add_raw_char(&mut self, ch: char) {
        self.buf.push(ch);
        self.in_word = true;
    }
    fn add_string(&mut self, s: &str) {
        s.chars().for_each(|c| self.add_char(c));
    }
    fn add_raw_string(&mut self, s: &str) {
        self.buf.push_str(s);
        self.in_word = true;
    }
    fn finish(mut self) -> Vec<String> {
        if !self.buf.is_empty() {
            self.words.push(std::mem::take(&mut self.buf));
        }
        self.words
    }
}

fn syntax<T>(msg: impl Into<String>) -> Result<T, LexError> {
    Err(LexError::Syntax(msg.into()))
}

impl ShellWord<'_> {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }
    fn next(&mut self) -> Option<char> {
        let c = self.peek();
        if c.is_some() {
            self.pos += 1;
        }
        c
    }

    fn process_stop_on(&mut self, stop: Option<char>, raw_escapes: bool) -> Result<(String, Vec<String>), LexError> {
        let saved = self.raw_escapes;
        self.raw_escapes = raw_escapes;
        let r = self.stop_on_inner(stop);
        self.raw_escapes = saved;
        r
    }

    fn stop_on_inner(&mut self, stop: Option<char>) -> Result<(String, Vec<String>), LexError> {
        let mut result = String::new();
        let mut words = Words::default();
        while let Some(ch) = self.peek() {
            if Some(ch) == stop {
                self.next();
                return Ok((result, words.finish()));
            }
            let special = match ch {
                '$' => Some(self.process_dollar()?),
                '<' => Some(self.process_possible_heredoc()),
                '\'' if !self.lex.skip_process_quotes => Some(self.process_single_quote()?),
                '"' if !self.lex.skip_process_quotes => Some(self.process_double_quote()?),
                _ => None,
            };
            if let Some(tmp) = special {
                result.push_str(&tmp);
                if ch == '$' {
                    words.add_string(&tmp);
                } else {
                    words.add_raw_string(&tmp);
                }
                continue;
            }
            let mut ch = self.next().unwrap_or(ch);
            if ch == self.lex.escape {
                if self.raw_escapes {
                    words.add_raw_char(ch);
                    result.push(ch);
                }
                match self.next() {
                    None => break,
                    Some(c) => ch = c,
                }
                words.add_raw_char(ch);
            } else {
                words.add_char(ch);
            }
            result.push(ch);
        }
        if let Some(s) = stop {
            return syntax(format!("unexpected end of statement while looking for matching {s}"));
        }
        Ok((result, words.finish()))
    }

    fn process_single_quote(&mut self) -> Result<String, LexError> {
        let mut result = String::new();
        let open = self.next();
        if self.lex.raw_quotes {
            result.extend(open);
        }
        loop {
            match self.next() {
                None => return syntax("unexpected end of statement while looking for matching single-quote"),
                Some('\'') => {
                    if self.lex.raw_quotes {
                        result.push('\'');
                    }
                    return Ok(result);
                }
                Some(c) => result.push(c),
            }
        }
    }

    fn process_double_quote(&mut self) -> Result<String, LexError> {
        let mut result = String::new();
        let open = self.next();
        if self.lex.raw_quotes {
            result.extend(open);
        }
        loop {
            match self.peek() {
                None => return syntax("unexpected end of statement while looking for matching double-quote"),
                Some('"') => {
                    self.next();
                    if self.lex.raw_quotes {
                        result.push('"');
                    }
                    return Ok(result);
                }
                Some('$') => result.push_str(&self.process_dollar()?),
                Some(_) => {
                    let mut ch = self.next().unwrap_or_default();
                    if ch == self.lex.escape {
                        if self.raw_escapes {
                            result.push(ch);
                        }
                        match self.peek() {
                            None => continue,
                            Some(c) if c == '"' || c == '$' || c == self.lex.escape => {
                                ch = self.next().unwrap_or(c);
                            }
                            Some(_) => {}
                        }
                    }
                    result.push(ch);
                }
            }
        }
    }

    fn process_dollar(&mut self) -> Result<String, LexError> {
        self.next();
        if self.peek() != Some('{') {
            let name = self.process_name();
            if name.is_empty() {
                return Ok("$".into());
            }
            return Ok(match (self.lookup)(&name) {
                Some(v) => v,
                None if self.lex.skip_unset_env => format!("${name}"),
                None => String::new(),
            });
        }
        self.next();
        match self.peek() {
            None => return syntax("syntax error: missing '}'"),
            Some('{' | '}' | ':') => return syntax("syntax error: bad substitution"),
            _ => {}
        }
        let name = self.process_name();
        let first = self.next();
        let Some(mut ch) = first else {
            return syntax("syntax error: missing '}'");
        };
        let mut chs = ch.to_string();
        let mut null_is_unset = false;
        match ch {
            '}' => Ok(match (self.lookup)(&name) {
                Some(v) => v,
                None if self.lex.skip_unset_env => format!("${{{name}}}"),
                None => String::new(),
            }),
            ':' | '+' | '-' | '?' | '#' | '%' => {
                if ch == ':' {
                    null_is_unset = true;
                    match self.next() {
                        Some(c) => {
                            ch = c;
                            chs.push(c);
                        }
                        None => return syntax("syntax error: missing '}'"),
                    }
                    if !matches!(ch, '+' | '-' | '?' | '#' | '%') {
                        return syntax(format!("unsupported modifier ({chs}) in substitution"));
                    }
                }
                self.modifier(&name, ch, &chs, null_is_unset)
            }
            '/' => self.replace(&name),
            _ => syntax(format!("unsupported modifier ({chs}) in substitution")),
        }
    }

    fn modifier(&mut self, name: &str, ch: char, chs: &str, null_is_unset: bool) -> Result<String, LexError> {
        let raw = ch == '#' || ch == '%';
        if null_is_unset && raw {
            return syntax(format!("unsupported modifier ({chs}) in substitution"));
        }
        let word = match self.process_stop_on(Some('}'), raw) {
            Ok((w, _)) => w,
            Err(e) => {
                if self.peek().is_none() {
                    return syntax("syntax error: missing '}'");
                }
                return Err(e);
            }
        };
        let value = (self.lookup)(name);
        if self.lex.skip_unset_env && value.is_none() {
            return Ok(format!("${{{name}{chs}{word}}}"));
        }
        let set = value.is_some();
        let value = value.unwrap_or_default();
        let empty_as_unset = !set || (null_is_unset && value.is_empty());
        match ch {
            '-' => Ok(if empty_as_unset { word } else { value }),
            '+' => Ok(if empty_as_unset { String::new() } else { word }),
            '?' => {
                if !set || (null_is_unset && value.is_empty()) {
                    let default = if set { "is not allowed to be empty" } else { "is not allowed to be unset" };
                    let msg = if word.is_empty() { default.to_string() } else { word };
                    return Err(LexError::Unset(format!("{name}: {msg}")));
                }
                Ok(value)
            }
            _ => {
                let (greedy, pat) = match word.strip_prefix(ch) {
                    Some(rest) => (true, rest.to_string()),
                    None => (false, word),
                };
                let r = if ch == '%' {
                    pattern::trim_suffix(&pat, &value, greedy)
                } else {
                    pattern::trim_prefix(&pat, &value, greedy)
                };
                r.map_err(LexError::Syntax)
            }
        }
    }

    fn replace(&mut self, name: &str) -> Result<String, LexError> {
        let all = self.peek() == Some('/');
        if all {
            self.next();
        }
        let pat = match self.process_stop_on(Some('/'), true) {
            Ok((w, _)) => w,
            Err(e) => {
                if self.peek().is_none() {
                    return syntax("syntax error: missing '/' in ${}");
                }
                return Err(e);
            }
        };
        let repl = match self.process_stop_on(Some('}'), true) {
            Ok((w, _)) => w,
            Err(e) => {
                if self.peek().is_none() {
                    return syntax("syntax error: missing '}'");
                }
                return Err(e);
            }
        };
        let Some(value) = (self.lookup)(name) else {
            if self.lex.skip_unset_env {
                return Ok(format!("${{{name}/{pat}/{repl}}}"));
            }
            return pattern::replace("", &pat, &repl, all).map_err(LexError::Syntax);
        };
        pattern::replace(&value, &pat, &repl, all).map_err(LexError::Syntax)
    }

    fn process_name(&mut self) -> String {
        let mut name = String::new();
        while let Some(ch) = self.peek() {
            if name.is_empty() && ch.is_numeric() {
                while let Some(d) = self.peek().filter(|c| c.is_numeric()) {
                    self.next();
                    name.push(d);
                }
                return name;
            }
            if name.is_empty() && matches!(ch, '@' | '*' | '#' | '?' | '-' | '$' | '!' | '0') {
                self.next();
                return ch.to_string();
            }
            if !ch.is_alphanumeric() && ch != '_' {
                break;
            }
            self.next();
            name.push(ch);
        }
        name
    }

    fn process_possible_heredoc(&mut self) -> String {
        self.next();
        if self.peek() != Some('<') {
            return "<".into();
        }
        self.next();
        let mut out = String::from("<<");
        while let Some(c) = self.peek().filter(|c| matches!(c, '\t' | '\r' | ' ')) {
            out.push(c);
            self.next();
        }
        out
    }
}

#[cfg(test)]
#[path = "expand_tests.rs"]
mod tests;
