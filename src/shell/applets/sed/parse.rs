//! sed script parsing: addresses, commands, replacements.

use regex_lite::Regex;

use crate::shell::applets::regex::compile;

pub(super) enum Addr {
    Line(usize),
    Last,
    Re(Option<Regex>),
    Step(usize, usize),
}

pub(super) enum Addr2 {
    A(Addr),
    Plus(usize),
}

pub(super) enum Rep {
    Lit(String),
    Group(usize),
}

pub(super) enum Kind {
    Block(usize),
    End,
    S { re: Option<Regex>, rep: Vec<Rep>, global: bool, nth: usize, print: bool },
    Y(Vec<char>, Vec<char>),
    Text(char, String),
    Simple(char),
    Quit(char, i32),
    Jump(char, String),
    Label,
}

pub(super) struct Cmd {
    pub(super) a1: Option<Addr>,
    pub(super) a2: Option<Addr2>,
    pub(super) neg: bool,
    pub(super) kind: Kind,
}

pub(super) struct Parser<'a> {
    pub(super) cs: Vec<char>,
    pub(super) i: usize,
    pub(super) extended: bool,
    pub(super) _s: std::marker::PhantomData<&'a ()>,
}

impl Parser<'_> {
    fn peek(&self) -> Option<char> {
        self.cs.get(self.i).copied()
    }

    fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(' ') | Some('\t')) {
            self.i += 1;
        }
    }

    /// Reads text up to an unescaped `delim`; `\delim` becomes `delim`, `\n` a newline
    /// (only in replacements, `regex` handles it in patterns).
    fn delimited(&mut self, delim: char, is_re: bool) -> Result<String, String> {
        let mut s = String::new();
        loop {
            let c = self.peek().ok_or("unterminated `s' command")?;
            self.i += 1;
            if c == delim {
                return Ok(s);
            }
            if c == '\\' {
                let n = self.peek().ok_or("unterminated `s' command")?;
                self.i += 1;
                if n == delim {
                    s.push(n);
                } else if n == 'n' && is_re {
                    s.push_str("\\n");
                } else if n == '\n' {
                    s.push('\n');
                } else {
                    s.push('\\');
                    s.push(n);
                }
                continue;
            }
            s.push(c);
        }
    }

    fn regex(&mut self, delim: char, icase: bool) -> Result<Option<Regex>, String> {
        let src = self.delimited(delim, true)?;
        if src.is_empty() {
            return Ok(None);
        }
        compile(&src, self.extended, icase, false).map(Some)
    }

    fn number(&mut self) -> usize {
        let mut n = 0usize;
        while let Some(d) = self.peek().and_then(|c| c.to_digit(10)) {
            n = n.saturating_mul(10).saturating_add(d as usize);
            self.i += 1;
        }
        n
    }

    fn addr(&mut self) -> Result<Option<Addr>, String> {
        match self.peek() {
            Some(c) if c.is_ascii_digit() => {
                let n = self.number();
                if self.peek() == Some('~') {
                    self.i += 1;
                    let step = self.number();
                    return Ok(Some(Addr::Step(n, step)));
                }
                Ok(Some(Addr::Line(n)))
            }
            Some('$') => {
                self.i += 1;
                Ok(Some(Addr::Last))
            }
            Some('/') => {
                self.i += 1;
                let mut re = self.regex('/', false)?;
                if self.peek() == Some('I') {
                    self.i += 1;
                    re = re
                        .map(|r| regex_lite::RegexBuilder::new(r.as_str()).case_insensitive(true).build().unwrap_or(r));
                }
                Ok(Some(Addr::Re(re)))
            }
            Some('\\') => {
                self.i += 1;
                let d = self.peek().ok_or("unexpected end")?;
                self.i += 1;
                Ok(Some(Addr::Re(self.regex(d, false)?)))
            }
            _ => Ok(None),
        }
    }

    fn text_arg(&mut self) -> String {
        // GNU one-liner `a text` or classic `a\` newline `text`.
        self.skip_ws();
        if self.peek() == Some('\\') {
            self.i += 1;
            if self.peek() == Some('\n') {
                self.i += 1;
            }
        }
        let mut s = String::new();
        while let Some(c) = self.peek() {
            self.i += 1;
            if c == '\\' {
                match self.peek() {
                    Some('\n') => {
                        s.push('\n');
                        self.i += 1;
                    }
                    Some(n) => {
                        s.push(n);
                        self.i += 1;
                    }
                    None => {}
                }
                continue;
            }
            if c == '\n' {
                break;
            }
            s.push(c);
        }
        s
    }

    fn label(&mut self) -> String {
        self.skip_ws();
        let mut s = String::new();
        while let Some(c) = self.peek() {
            if c == '\n' || c == ';' || c == '}' {
                break;
            }
            s.push(c);
            self.i += 1;
        }
        s.trim_end().to_string()
    }

    pub(super) fn parse(&mut self) -> Result<Vec<Cmd>, String> {
        let mut cmds: Vec<Cmd> = Vec::new();
        let mut open: Vec<usize> = Vec::new();
        loop {
            while matches!(self.peek(), Some(' ') | Some('\t') | Some('\n') | Some(';')) {
                self.i += 1;
            }
            let Some(_) = self.peek() else { break };
            if self.peek() == Some('#') {
                while self.peek().is_some_and(|c| c != '\n') {
                    self.i += 1;
                }
                continue;
            }
            let a1 = self.addr()?;
            let mut a2 = None;
            if a1.is_some() && self.peek() == Some(',') {
                self.i += 1;
                if self.peek() == Some('+') {
                    self.i += 1;
                    a2 = Some(Addr2::Plus(self.number()));
                } else {
                    a2 = Some(Addr2::A(self.addr()?.ok_or("unexpected `,'")?));
                }
            }
            self.skip_ws();
            let mut neg = false;
            while self.peek() == Some('!') {
                neg = true;
                self.i += 1;
                self.skip_ws();
            }
            let c = self.peek().ok_or("missing command")?;
            self.i += 1;
            let kind = match c {
                '{' => {
                    open.push(cmds.len());
                    Kind::Block(0)
                }
                '}' => {
                    let start = open.pop().ok_or("unexpected `}'")?;
                    let end = cmds.len();
                    if let Kind::Block(e) = &mut cmds[start].kind {
                        *e = end;
                    }
                    Kind::End
                }
                's' => {
                    let d = self.peek().ok_or("unterminated `s' command")?;
                    self.i += 1;
                    let re_src = self.delimited(d, true)?;
                    let rep_src = self.delimited(d, false)?;
                    let (mut global, mut nth, mut print, mut icase) = (false, 1, false, false);
                    loop {
                        match self.peek() {
                            Some('g') => global = true,
                            Some('p') => print = true,
                            Some('i') | Some('I') => icase = true,
                            Some(c) if c.is_ascii_digit() => {
                                nth = self.number().max(1);
                                continue;
                            }
                            Some('w') => {
                                self.label();
                                break;
                            }
                            _ => break,
                        }
                        self.i += 1;
                    }
                    let re =
                        if re_src.is_empty() { None } else { Some(compile(&re_src, self.extended, icase, false)?) };
                    Kind::S { re, rep: parse_rep(&rep_src), global, nth, print }
                }
                'y' => {
                    let d = self.peek().ok_or("unterminated `y' command")?;
                    self.i += 1;
                    let a: Vec<char> = self.delimited(d, false)?.replace("\\\\", "\\").chars().collect();
                    let b: Vec<char> = self.delimited(d, false)?.replace("\\\\", "\\").chars().collect();
                    if a.len() != b.len() {
                        return Err("strings for `y' command are different lengths".into());
                    }
                    Kind::Y(a, b)
                }
                'a' | 'i' | 'c' => Kind::Text(c, self.text_arg()),
                'q' | 'Q' => {
                    self.skip_ws();
                    Kind::Quit(c, self.number() as i32)
                }
                'b' | 't' | 'T' => Kind::Jump(c, self.label()),
                ':' => {
                    let l = self.label();
                    cmds.push(Cmd { a1: None, a2: None, neg: false, kind: Kind::Label });
                    labels_push(&mut cmds, l);
                    continue;
                }
                'p' | 'P' | 'd' | 'D' | 'n' | 'N' | 'g' | 'G' | 'h' | 'H' | 'x' | '=' | 'l' => Kind::Simple(c),
                'r' | 'w' | 'R' | 'W' => {
                    self.label();
                    Kind::Simple('#')
                }
                other => return Err(format!("unknown command: `{other}'")),
            };
            cmds.push(Cmd { a1, a2, neg, kind });
        }
        if !open.is_empty() {
            return Err("unmatched `{'".into());
        }
        Ok(cmds)
    }
}

/// Labels are kept as `Jump(':', name)` right after the `Label` marker.
pub(super) fn labels_push(cmds: &mut [Cmd], name: String) {
    if let Some(last) = cmds.last_mut() {
        last.kind = Kind::Jump(':', name);
    }
}

pub(super) fn parse_rep(s: &str) -> Vec<Rep> {
    let mut out = Vec::new();
    let mut lit = String::new();
    let mut cs = s.chars();
    while let Some(c) = cs.next() {
        match c {
            '&' => {
                out.push(Rep::Lit(std::mem::take(&mut lit)));
                out.push(Rep::Group(0));
            }
            '\\' => match cs.next() {
                Some(d) if d.is_ascii_digit() => {
                    out.push(Rep::Lit(std::mem::take(&mut lit)));
                    out.push(Rep::Group(d.to_digit(10).unwrap_or(0) as usize));
                }
                Some('n') => lit.push('\n'),
                Some('t') => lit.push('\t'),
                Some(o) => lit.push(o),
                None => lit.push('\\'),
            },
            _ => lit.push(c),
        }
    }
    out.push(Rep::Lit(lit));
    out
}
