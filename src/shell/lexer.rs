//! Tokens and words: splits script text into operators and words (with their quoting kept
//! as [`WordPart`]s). Command substitutions inside words are parsed recursively.

use super::ast::{Param, ParamOp, Word, WordPart};
use super::parser::{ParseError, Parser};

/// A token of the shell grammar.
#[derive(Clone, Debug, PartialEq)]
pub enum Token {
    /// A word, with its raw source text (for reserved-word and assignment checks).
    Word(Word, String),
    /// An operator such as `;`, `&&`, `|`, `(`, `>>`, `2>&` (redirections carry their fd).
    Op(String),
    /// A redirection operator with an explicit descriptor number, e.g. `2>`.
    Redir(Option<u32>, String),
    /// A newline.
    Newline,
    /// End of input.
    Eof,
}

const OPS: &[&str] = &["&&", "||", ";;", ";", "&", "|", "(", ")"];
const REDIRS: &[&str] = &["<<-", "<<", ">>", "<&", ">&", "<>", ">|", "&>", "<", ">"];

/// Appends a character to a word, merging with a preceding part of the same kind.
pub(crate) fn push_lit(w: &mut Word, c: char, quoted: bool) {
    match (w.last_mut(), quoted) {
        (Some(WordPart::Lit(s)), false) | (Some(WordPart::Quoted(s)), true) => s.push(c),
        _ => w.push(if quoted { WordPart::Quoted(c.to_string()) } else { WordPart::Lit(c.to_string()) }),
    }
}

fn is_name_start(c: char) -> bool {
    c.is_ascii_alphabetic() || c == '_'
}

fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

impl Parser {
    /// The character at the cursor.
    pub(crate) fn peek_char(&self) -> Option<char> {
        self.src.get(self.pos).copied()
    }

    fn char_at(&self, i: usize) -> Option<char> {
        self.src.get(i).copied()
    }

    fn starts_with(&self, s: &str) -> bool {
        s.chars().enumerate().all(|(i, c)| self.char_at(self.pos + i) == Some(c))
    }

    /// Moves past a newline at the cursor, jumping over here-document bodies read from the
    /// following lines.
    pub(crate) fn consume_newline(&mut self) {
        let at = self.pos;
        self.pos += 1;
        if let Some(resume) = self.heredocs.iter().filter(|h| h.1 == at).map(|h| h.2).max() {
            self.pos = resume;
        }
    }

    /// Skips blanks, comments and backslash-newline continuations.
    fn skip_blanks(&mut self) {
        loop {
            match self.peek_char() {
                Some(' ') | Some('\t') | Some('\r') => self.pos += 1,
                Some('\\') if self.char_at(self.pos + 1) == Some('\n') => self.pos += 2,
                Some('#') => {
                    while let Some(c) = self.peek_char() {
                        if c == '\n' {
                            break;
                        }
                        self.pos += 1;
                    }
                }
                _ => return,
            }
        }
    }

    /// Reads the next token.
    pub(crate) fn next_token(&mut self) -> Result<Token, ParseError> {
        if let Some((start, t, end)) = self.peeked.take() {
            if start == self.pos {
                self.pos = end;
                return Ok(t);
            }
        }
        self.skip_blanks();
        let Some(c) = self.peek_char() else { return Ok(Token::Eof) };
        if c == '\n' {
            self.consume_newline();
            return Ok(Token::Newline);
        }
        // An all-digit word directly followed by < or > is a descriptor number.
        if c.is_ascii_digit() {
            let mut j = self.pos;
            while self.char_at(j).is_some_and(|c| c.is_ascii_digit()) {
                j += 1;
            }
            if matches!(self.char_at(j), Some('<') | Some('>')) {
                let fd: u32 = self.src[self.pos..j].iter().collect::<String>().parse().unwrap_or(u32::MAX);
                self.pos = j;
                for r in REDIRS {
                    if self.starts_with(r) && *r != "&>" {
                        self.pos += r.chars().count();
                        return Ok(Token::Redir(Some(fd), r.to_string()));
                    }
                }
            }
        }
        for r in REDIRS {
            if self.starts_with(r) {
                self.pos += r.chars().count();
                return Ok(Token::Redir(None, r.to_string()));
            }
        }
        for op in OPS {
            if self.starts_with(op) {
                self.pos += op.len();
                return Ok(Token::Op(op.to_string()));
            }
        }
        let start = self.pos;
        let w = self.read_word()?;
        let raw: String = self.src[start..self.pos].iter().collect();
        Ok(Token::Word(w, raw))
    }

    /// Reads an unquoted-context word up to the next metacharacter.
    fn read_word(&mut self) -> Result<Word, ParseError> {
        let mut w = Word::new();
        let start = self.pos;
        while let Some(c) = self.peek_char() {
            match c {
                ' ' | '\t' | '\r' | '\n' | ';' | '&' | '|' | '<' | '>' | '(' | ')' => break,
                '\\' => {
                    self.pos += 1;
                    match self.peek_char() {
                        Some('\n') => self.pos += 1,
                        Some(e) => {
                            self.pos += 1;
                            push_lit(&mut w, e, true);
                        }
                        None => push_lit(&mut w, '\\', false),
                    }
                }
                '\'' | '"' | '$' | '`' => self.read_quoted_part(c, &mut w)?,
                '~' if self.pos == start => {
                    self.pos += 1;
                    let mut user = String::new();
                    while let Some(c) = self.peek_char() {
                        if is_name_char(c) || c == '-' || c == '.' {
                            user.push(c);
                            self.pos += 1;
                        } else {
                            break;
                        }
                    }
                    if matches!(
                        self.peek_char(),
                        None | Some('/') | Some(' ') | Some('\t') | Some('\n') | Some(';') | Some(':')
                    ) {
                        w.push(WordPart::Tilde(user));
                    } else {
                        push_lit(&mut w, '~', false);
                        for c in user.chars() {
                            push_lit(&mut w, c, false);
                        }
                    }
                }
                _ => {
                    self.pos += 1;
                    push_lit(&mut w, c, false);
                }
            }
        }
        Ok(w)
    }

    /// Reads the quoted string (`'…'`, `"…"`), `$` expansion or backquoted command that
    /// starts at `c` into `w`, the same way in plain words and in `${…}` words.
    fn read_quoted_part(&mut self, c: char, w: &mut Word) -> Result<(), ParseError> {
        match c {
            '\'' => {
                self.pos += 1;
                let s = self.read_single()?;
                w.push(WordPart::Quoted(s));
            }
            '"' => {
                self.pos += 1;
                let parts = self.read_double(Some('"'))?;
                w.push(WordPart::Double(parts));
            }
            '$' => self.read_dollar(w)?,
            '`' => {
                self.pos += 1;
                let script = self.read_backtick(false)?;
                w.push(WordPart::Command(script));
            }
            _ => {}
        }
        Ok(())
    }

    fn read_single(&mut self) -> Result<String, ParseError> {
        let mut s = String::new();
        loop {
            match self.peek_char() {
                None => return Err(ParseError::Unterminated),
                Some('\'') => {
                    self.pos += 1;
                    return Ok(s);
                }
                Some(c) => {
                    s.push(c);
                    self.pos += 1;
                }
            }
        }
    }

    /// Reads double-quoted content up to `end` (`None`: to the end of input, as for
    /// here-document bodies, where `"` is ordinary).
    pub(crate) fn read_double(&mut self, end: Option<char>) -> Result<Vec<WordPart>, ParseError> {
        let mut w = Word::new();
        loop {
            let Some(c) = self.peek_char() else {
                return if end.is_none() { Ok(w) } else { Err(ParseError::Unterminated) };
            };
            if Some(c) == end {
                self.pos += 1;
                return Ok(w);
            }
            match c {
                '\\' => {
                    self.pos += 1;
                    match self.peek_char() {
                        Some('\n') => self.pos += 1,
                        Some(e) if matches!(e, '$' | '`' | '\\') || (e == '"' && end.is_some()) => {
                            self.pos += 1;
                            push_lit(&mut w, e, true);
                        }
                        _ => push_lit(&mut w, '\\', true),
                    }
                }
                '$' => {
                    self.read_dollar(&mut w)?;
                    // Literal text from `$` forms is quoted here.
                    if let Some(WordPart::Lit(s)) = w.last().cloned() {
                        w.pop();
                        for ch in s.chars() {
                            push_lit(&mut w, ch, true);
                        }
                    }
                }
                '`' => {
                    self.pos += 1;
                    let script = self.read_backtick(true)?;
                    w.push(WordPart::Command(script));
                }
                _ => {
                    self.pos += 1;
                    push_lit(&mut w, c, true);
                }
            }
        }
    }

    fn read_backtick(&mut self, in_dquote: bool) -> Result<super::ast::Script, ParseError> {
        let mut inner = String::new();
        loop {
            match self.peek_char() {
                None => return Err(ParseError::Unterminated),
                Some('`') => {
                    self.pos += 1;
                    break;
                }
                Some('\\') => {
                    self.pos += 1;
                    match self.peek_char() {
                        Some(e) if matches!(e, '$' | '`' | '\\') || (in_dquote && e == '"') => {
                            inner.push(e);
                            self.pos += 1;
                        }
                        _ => inner.push('\\'),
                    }
                }
                Some(c) => {
                    inner.push(c);
                    self.pos += 1;
                }
            }
        }
        super::parser::parse(&inner)
    }

    /// Reads a `$…` form at the cursor and appends it to `w`.
    fn read_dollar(&mut self, w: &mut Word) -> Result<(), ParseError> {
        let _level = super::depth::enter().ok_or(ParseError::TooDeep)?;
        self.pos += 1; // '$'
        match self.peek_char() {
            Some('(') if self.char_at(self.pos + 1) == Some('(') => {
                let save = self.pos;
                let arith = if self.not_arith.contains(&save) {
                    None
                } else {
                    self.pos += 2;
                    self.read_arith().ok()
                };
                match arith {
                    Some(expr) => w.push(WordPart::Arith(expr)),
                    None => {
                        self.not_arith.insert(save);
                        self.pos = save + 1;
                        let script = self.parse_subst()?;
                        w.push(WordPart::Command(script));
                    }
                }
            }
            Some('(') => {
                self.pos += 1;
                let script = self.parse_subst()?;
                w.push(WordPart::Command(script));
            }
            Some('{') => {
                self.pos += 1;
                let p = self.read_braced_param()?;
                w.push(WordPart::Param(Box::new(p)));
            }
            Some(c) if is_name_start(c) => {
                let mut name = String::new();
                while let Some(c) = self.peek_char().filter(|c| is_name_char(*c)) {
                    name.push(c);
                    self.pos += 1;
                }
                w.push(WordPart::Param(Box::new(Param { name, op: ParamOp::Plain })));
            }
            Some(c) if c.is_ascii_digit() || "@*#?$!-".contains(c) => {
                self.pos += 1;
                w.push(WordPart::Param(Box::new(Param { name: c.to_string(), op: ParamOp::Plain })));
            }
            _ => push_lit(w, '$', false),
        }
        Ok(())
    }

    /// Reads the body of `$((…))` after the opening parentheses.
    fn read_arith(&mut self) -> Result<Word, ParseError> {
        let mut w = Word::new();
        let mut depth = 0usize;
        loop {
            match self.peek_char() {
                None => return Err(ParseError::Unterminated),
                Some(')') if depth == 0 => {
                    if self.char_at(self.pos + 1) == Some(')') {
                        self.pos += 2;
                        return Ok(w);
                    }
                    return Err(ParseError::Unterminated);
                }
                Some(')') => {
                    depth -= 1;
                    self.pos += 1;
                    push_lit(&mut w, ')', true);
                }
                Some('(') => {
                    depth += 1;
                    self.pos += 1;
                    push_lit(&mut w, '(', true);
                }
                Some('$') => self.read_dollar(&mut w)?,
                Some('`') => {
                    self.pos += 1;
                    let s = self.read_backtick(true)?;
                    w.push(WordPart::Command(s));
                }
                Some('"') => {
                    self.pos += 1;
                    let parts = self.read_double(Some('"'))?;
                    w.push(WordPart::Double(parts));
                }
                Some('\'') => {
                    self.pos += 1;
                    let s = self.read_single()?;
                    w.push(WordPart::Quoted(s));
                }
                Some(c) => {
                    self.pos += 1;
                    push_lit(&mut w, c, true);
                }
            }
        }
    }

    /// Reads `${…}` after the brace.
    fn read_braced_param(&mut self) -> Result<Param, ParseError> {
        let bad = || ParseError::BadSubstitution;
        let mut length = false;
        if self.peek_char() == Some('#') && !matches!(self.char_at(self.pos + 1), Some('}') | None) {
            let next = self.char_at(self.pos + 1).unwrap_or('}');
            if is_name_char(next) || "@*?$!-#".contains(next) {
                length = true;
                self.pos += 1;
            }
        }
        let mut name = String::new();
        match self.peek_char() {
            Some(c) if is_name_start(c) => {
                while let Some(c) = self.peek_char().filter(|c| is_name_char(*c)) {
                    name.push(c);
                    self.pos += 1;
                }
            }
            Some(c) if c.is_ascii_digit() => {
                while let Some(c) = self.peek_char().filter(|c| c.is_ascii_digit()) {
                    name.push(c);
                    self.pos += 1;
                }
            }
            Some(c) if "@*#?$!-".contains(c) => {
                name.push(c);
                self.pos += 1;
            }
            _ => return Err(bad()),
        }
        if length {
            if self.peek_char() != Some('}') {
                return Err(bad());
            }
            self.pos += 1;
            return Ok(Param { name, op: ParamOp::Length });
        }
        let c = self.peek_char().ok_or(ParseError::Unterminated)?;
        self.pos += 1;
        let op = match c {
            '}' => return Ok(Param { name, op: ParamOp::Plain }),
            ':' => match self.peek_char() {
                Some(k @ ('-' | '=' | '+' | '?')) => {
                    self.pos += 1;
                    let word = self.read_param_word(false)?;
                    colon_op(k, true, word)
                }
                _ => {
                    let off = self.read_param_word(true)?;
                    let len =
                        if self.char_at(self.pos - 1) == Some(':') { Some(self.read_param_word(false)?) } else { None };
                    ParamOp::Substr { off, len }
                }
            },
            k @ ('-' | '=' | '+' | '?') => {
                let word = self.read_param_word(false)?;
                colon_op(k, false, word)
            }
            '#' | '%' => {
                let longest = self.peek_char() == Some(c);
                if longest {
                    self.pos += 1;
                }
                let pat = self.read_param_word(false)?;
                if c == '#' {
                    ParamOp::TrimPrefix { longest, pat }
                } else {
                    ParamOp::TrimSuffix { longest, pat }
                }
            }
            '/' => {
                let all = self.peek_char() == Some('/');
                if all {
                    self.pos += 1;
                }
                let pat = self.read_param_word_until('/')?;
                let rep =
                    if self.char_at(self.pos - 1) == Some('/') { self.read_param_word(false)? } else { Word::new() };
                ParamOp::Replace { all, pat, rep }
            }
            _ => return Err(bad()),
        };
        Ok(Param { name, op })
    }

    /// Reads the word of a `${x…word}` form up to the closing brace (or, with `colon_stop`,
    /// up to a `:` as well, which is consumed).
    fn read_param_word(&mut self, colon_stop: bool) -> Result<Word, ParseError> {
        self.read_param_word_inner(if colon_stop { Some(':') } else { None })
    }

    fn read_param_word_until(&mut self, stop: char) -> Result<Word, ParseError> {
        self.read_param_word_inner(Some(stop))
    }

    fn read_param_word_inner(&mut self, stop: Option<char>) -> Result<Word, ParseError> {
        let mut w = Word::new();
        let mut depth = 0usize;
        loop {
            let c = self.peek_char().ok_or(ParseError::Unterminated)?;
            if c == '}' && depth == 0 {
                self.pos += 1;
                return Ok(w);
            }
            if Some(c) == stop && depth == 0 {
                self.pos += 1;
                return Ok(w);
            }
            match c {
                '\\' => {
                    self.pos += 1;
                    if let Some(e) = self.peek_char() {
                        self.pos += 1;
                        push_lit(&mut w, e, true);
                    }
                }
                '\'' | '"' | '$' | '`' => self.read_quoted_part(c, &mut w)?,
                _ => {
                    if c == '{' {
                        depth += 1;
                    } else if c == '}' {
                        depth -= 1;
                    }
                    self.pos += 1;
                    push_lit(&mut w, c, false);
                }
            }
        }
    }
}

fn colon_op(k: char, colon: bool, word: Word) -> ParamOp {
    match k {
        '-' => ParamOp::Default { colon, word },
        '=' => ParamOp::Assign { colon, word },
        '+' => ParamOp::Alt { colon, word },
        _ => ParamOp::Error { colon, word },
    }
}
