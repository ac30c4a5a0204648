//! The file-level pass of BuildKit's `parser.Parse`: parser directives at the top, comments,
//! blank lines, line continuations (with the escape character), empty-continuation warnings
//! and heredoc bodies. Produces one [`Node`] per instruction with its source lines.

use super::ast::{Heredoc, SourceError, Warning};
use super::expand::Lex;
use super::lineparse::{node_from_line, Node};

/// A parsed logical line with its lines and heredocs.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct LexedNode {
    pub node: Node,
    pub heredocs: Vec<Heredoc>,
    pub start_line: usize,
    pub end_line: usize,
}

/// The whole file after the first pass.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Lexed {
    pub nodes: Vec<LexedNode>,
    pub directives: Vec<(String, String, usize)>,
    pub escape: char,
    pub warnings: Vec<Warning>,
}

fn err(line: usize, message: impl Into<String>) -> SourceError {
    SourceError { line, column: None, message: message.into() }
}

/// Recognises `# name=value` directives until the first line that is not one.
#[derive(Default)]
struct Directives {
    done: bool,
    line: usize,
    found: Vec<(String, String, usize)>,
}

impl Directives {
    /// Returns the directive on this line, if it is one, or a directive error.
    fn parse_line(&mut self, line: &str) -> Result<Option<(String, String)>, String> {
        self.line += 1;
        if self.done {
            return Ok(None);
        }
        let Some(body) = line.strip_prefix('#') else {
            self.done = true;
            return Ok(None);
        };
        let body = body.trim_start();
        let name_len = body
            .char_indices()
            .take_while(|(i, c)| if *i == 0 { c.is_ascii_alphabetic() } else { c.is_ascii_alphanumeric() })
            .count();
        let after = body[name_len..].trim_start();
        let value = after.strip_prefix('=').map(|v| v.trim());
        let (name, value) = match value {
            Some(v) if name_len > 0 && !v.is_empty() => (body[..name_len].to_ascii_lowercase(), v.to_string()),
            _ => {
                self.done = true;
                return Ok(None);
            }
        };
        if !matches!(name.as_str(), "syntax" | "escape" | "check") {
            self.done = true;
            return Ok(None);
        }
        if self.found.iter().any(|d| d.0 == name) {
            return Err(format!("only one {name} parser directive can be used"));
        }
        self.found.push((name.clone(), value.clone(), self.line));
        Ok(Some((name, value)))
    }
}

fn is_comment(line: &str) -> bool {
    line.trim_start().starts_with('#')
}

fn trim_newline(line: &str) -> &str {
    line.trim_end_matches(['\r', '\n'])
}

/// Removes a trailing continuation escape; returns (line, is_end_of_line).
fn trim_continuation(line: &str, escape: char) -> (String, bool) {
    let trimmed = line.trim_end_matches([' ', '\t']);
    if let Some(before) = trimmed.strip_suffix(escape) {
        if before.is_empty() || !before.ends_with(escape) {
            return (before.to_string(), false);
        }
    }
    (line.to_string(), true)
}

/// Splits into lines, each keeping its line ending.
fn physical_lines(src: &str) -> Vec<&str> {
    src.split_inclusive('\n').collect()
}

struct Scanner<'a> {
    lines: Vec<&'a str>,
    next: usize,
    directives: Directives,
    escape: char,
}

impl Scanner<'_> {
    /// `processLine`: trims the newline (and leading space on first lines), looks for a
    /// directive, and blanks comment lines.
    fn process_line(&mut self, raw: &str, strip_left: bool) -> Result<String, SourceError> {
        let mut line = trim_newline(raw);
        if strip_left {
            line = line.trim_start();
        }
        let line_no = self.next;
        if let Some((name, value)) = self.directives.parse_line(line).map_err(|m| err(line_no, m))? {
            if name == "escape" {
                self.escape = match value.as_str() {
                    "`" => '`',
                    "\\" => '\\',
                    _ => {
                        return Err(err(line_no, format!("invalid escape token '{value}' does not match ` or \\")));
                    }
                };
            }
        }
        Ok(if is_comment(line) { String::new() } else { line.to_string() })
    }
}

/// Runs the first pass over a whole Dockerfile.
pub(crate) fn lex(src: &str) -> Result<Lexed, SourceError> {
    let src = src.strip_prefix('\u{feff}').unwrap_or(src);
    let mut sc = Scanner { lines: physical_lines(src), next: 0, directives: Directives::default(), escape: '\\' };
    let mut out = Lexed::default();
    while sc.next < sc.lines.len() {
        let raw = sc.lines[sc.next];
        sc.next += 1;
        let text = sc.process_line(raw, true)?;
        let start_line = sc.next;
        let (text, mut eol) = trim_continuation(&text, sc.escape);
        if eol && text.is_empty() {
            continue;
        }
        let mut buf = text;
        let mut empty_continuation = false;
        while !eol && sc.next < sc.lines.len() {
            let raw = sc.lines[sc.next];
            sc.next += 1;
            let text = sc.process_line(raw, false)?;
            if is_comment(raw) {
                continue;
            }
            if text.trim_start().is_empty() {
                empty_continuation = true;
                continue;
            }
            let (text, end) = trim_continuation(&text, sc.escape);
            eol = end;
            buf.push_str(&text);
        }
        if empty_continuation {
            out.warnings
                .push(Warning { line: sc.next, message: "NoEmptyContinuation: Empty continuation line".into() });
        }
        let node = node_from_line(&buf, sc.escape).map_err(|m| err(start_line, m))?;
        let mut heredocs = Vec::new();
        if can_contain_heredoc(&node) && buf.contains("<<") {
            for mut doc in heredocs_from_line(&buf).map_err(|m| err(start_line, m))? {
                let mut terminated = false;
                while sc.next < sc.lines.len() {
                    let raw = sc.lines[sc.next];
                    sc.next += 1;
                    let mut candidate = trim_newline(raw);
                    if doc.chomp {
                        candidate = candidate.trim_start_matches('\t');
                    }
                    if candidate == doc.name {
                        terminated = true;
                        break;
                    }
                    doc.content.push_str(raw);
                }
                if !terminated {
                    return Err(err(start_line, "unterminated heredoc"));
                }
                heredocs.push(doc);
            }
        }
        out.nodes.push(LexedNode { node, heredocs, start_line, end_line: sc.next });
    }
    if out.nodes.is_empty() {
        return Err(err(sc.next.max(1), "file with no instructions"));
    }
    out.directives = sc.directives.found;
    out.escape = sc.escape;
    Ok(out)
}

fn can_contain_heredoc(node: &Node) -> bool {
    let node = match (&node.sub, node.keyword.eq_ignore_ascii_case("onbuild")) {
        (Some(sub), true) => sub,
        _ => node,
    };
    matches!(node.keyword.to_ascii_lowercase().as_str(), "add" | "copy" | "run") && !node.json
}

/// Finds `<<EOF`-style words in a line (BuildKit's `heredocsFromLine`).
fn heredocs_from_line(line: &str) -> Result<Vec<Heredoc>, String> {
    let mut lex = Lex::new('\\');
    lex.raw_quotes = true;
    lex.raw_escapes = true;
    lex.skip_unset_env = true;
    let words = lex.process_words(line, &|_| None).unwrap_or_default();
    let mut docs = Vec::new();
    for word in words {
        if let Some(doc) = parse_heredoc(&word)? {
            docs.push(doc);
        }
    }
    Ok(docs)
}

/// Parses one heredoc marker word such as `<<EOF`, `<<-"EOF"`, `3<<EOF` (BuildKit's
/// `ParseHeredoc`); `Ok(None)` when the word is not one.
pub(crate) fn parse_heredoc(word: &str) -> Result<Option<Heredoc>, String> {
    let digits = word.chars().take_while(|c| c.is_ascii_digit()).count();
    let Some(after) = word[digits..].strip_prefix("<<") else {
        return Ok(None);
    };
    let (chomp, after) = match after.strip_prefix('-') {
        Some(a) => (true, a),
        None => (false, after),
    };
    let rest = after.trim_start_matches(['\t', '\n', '\u{c}', '\r', ' ']);
    if rest.is_empty() || rest.contains('<') {
        return Ok(None);
    }
    let mut lex = Lex::new('\\');
    lex.skip_unset_env = true;
    let words = lex.process_words(rest, &|_| None)?;
    if words.len() != 1 {
        return Ok(None);
    }
    lex.raw_quotes = true;
    let raw = lex.process_words(rest, &|_| None)?;
    if raw.len() != words.len() {
        return Err(format!("internal lexing of heredoc produced inconsistent results: {rest}"));
    }
    let quotes = |s: &str| s.matches(['\'', '"']).count();
    let expand = quotes(&words[0]) == quotes(&raw[0]);
    Ok(Some(Heredoc { name: words[0].clone(), content: String::new(), expand, chomp }))
}
