//! Syntax highlighting for the Dockerfile editor: splits each source line into classed
//! spans (instruction keywords, flags, strings, comments, variables, shell operators,
//! heredoc bodies), following continuation lines and heredocs across lines.

use crate::dockerfile::parser::KEYWORDS;

/// What a span of text is, as a CSS class name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Class {
    /// Plain text.
    Plain,
    /// An instruction keyword (`RUN`), or `AS` in `FROM`.
    Keyword,
    /// A first word that is not an instruction.
    Unknown,
    /// `--flag` (the name part).
    Flag,
    /// A quoted string.
    Str,
    /// A comment line.
    Comment,
    /// A parser directive (`# syntax=...`).
    Directive,
    /// `$VAR` or `${VAR...}`.
    Var,
    /// `&&`, `||`, `|`, `;`, and the line-continuation backslash.
    Op,
    /// A heredoc body line or its terminator.
    Heredoc,
}

impl Class {
    /// The CSS class of the span (`None` for plain text).
    pub fn css(self) -> Option<&'static str> {
        Some(match self {
            Class::Plain => return None,
            Class::Keyword => "tk-kw",
            Class::Unknown => "tk-bad",
            Class::Flag => "tk-flag",
            Class::Str => "tk-str",
            Class::Comment => "tk-com",
            Class::Directive => "tk-dir",
            Class::Var => "tk-var",
            Class::Op => "tk-op",
            Class::Heredoc => "tk-here",
        })
    }
}

/// A run of text with one class.
pub type Span = (Class, String);

/// Highlights a whole Dockerfile, one span list per line (`text.split('\n')`).
pub fn highlight(text: &str) -> Vec<Vec<Span>> {
    let mut out = Vec::new();
    let mut continuing = false;
    let mut heredocs: Vec<(String, bool)> = Vec::new();
    let mut directives_allowed = true;
    for line in text.split('\n') {
        if let Some((delim, chomp)) = heredocs.first().cloned() {
            let probe = if chomp { line.trim_start_matches('\t') } else { line };
            if probe == delim {
                heredocs.remove(0);
            }
            out.push(vec![(Class::Heredoc, line.to_string())]);
            continue;
        }
        let trimmed = line.trim_start();
        if trimmed.starts_with('#') {
            let is_directive = directives_allowed && is_directive(trimmed);
            if !is_directive {
                directives_allowed = false;
            }
            out.push(vec![(if is_directive { Class::Directive } else { Class::Comment }, line.to_string())]);
            continue;
        }
        if !trimmed.is_empty() {
            directives_allowed = false;
        }
        let mut spans = Vec::new();
        let rest = if continuing || trimmed.is_empty() {
            line
        } else {
            let indent = &line[..line.len() - trimmed.len()];
            push(&mut spans, Class::Plain, indent);
            let word_len = trimmed.find(char::is_whitespace).unwrap_or(trimmed.len());
            let word = &trimmed[..word_len];
            push(&mut spans, keyword_class(word), word);
            let mut rest = &trimmed[word_len..];
            if word.eq_ignore_ascii_case("ONBUILD") {
                let t = rest.trim_start();
                push(&mut spans, Class::Plain, &rest[..rest.len() - t.len()]);
                let n = t.find(char::is_whitespace).unwrap_or(t.len());
                push(&mut spans, keyword_class(&t[..n]), &t[..n]);
                rest = &t[n..];
            }
            rest
        };
        let is_from = spans.iter().any(|(c, t)| *c == Class::Keyword && t.eq_ignore_ascii_case("FROM"));
        args(rest, is_from, !continuing, &mut spans, &mut heredocs);
        continuing = line.trim_end().ends_with('\\');
        out.push(spans);
    }
    out
}

fn is_directive(comment: &str) -> bool {
    let body = comment.trim_start_matches('#').trim_start();
    match body.split_once('=') {
        Some((k, _)) => matches!(k.trim().to_ascii_lowercase().as_str(), "syntax" | "escape" | "check"),
        None => false,
    }
}

fn keyword_class(word: &str) -> Class {
    if KEYWORDS.iter().any(|k| k.eq_ignore_ascii_case(word)) {
        Class::Keyword
    } else {
        Class::Unknown
    }
}

fn push(spans: &mut Vec<Span>, class: Class, text: &str) {
    if text.is_empty() {
        return;
    }
    match spans.last_mut() {
        Some((c, t)) if *c == class => t.push_str(text),
        _ => spans.push((class, text.to_string())),
    }
}

/// Highlights the arguments part of an instruction line.
/// Instruction flags (`--from=...`) only come before the first other word.
fn args(text: &str, is_from: bool, flags_allowed: bool, spans: &mut Vec<Span>, heredocs: &mut Vec<(String, bool)>) {
    let mut flags_allowed = flags_allowed;
    let b = text.as_bytes();
    let mut i = 0;
    let mut word_start = true;
    while i < b.len() {
        let c = b[i];
        let rest = &text[i..];
        if c.is_ascii_whitespace() {
            push(spans, Class::Plain, &text[i..i + 1]);
            word_start = true;
            i += 1;
            continue;
        }
        let at_word = word_start;
        word_start = false;
        if at_word && !rest.starts_with("--") {
            flags_allowed = false;
        }
        if at_word && flags_allowed && rest.starts_with("--") {
            let end = rest.find(|ch: char| ch == '=' || ch.is_whitespace()).unwrap_or(rest.len());
            push(spans, Class::Flag, &rest[..end]);
            i += end;
            continue;
        }
        if at_word
            && is_from
            && rest.get(..2).is_some_and(|w| w.eq_ignore_ascii_case("as"))
            && rest.get(2..).is_some_and(|r| r.starts_with(char::is_whitespace))
        {
            push(spans, Class::Keyword, &rest[..2]);
            i += 2;
            continue;
        }
        if rest.starts_with("<<") {
            if let Some((len, name, chomp)) = heredoc_start(rest) {
                heredocs.push((name, chomp));
                push(spans, Class::Heredoc, &rest[..len]);
                i += len;
                continue;
            }
        }
        match c {
            b'"' | b'\'' => {
                let end = string_end(rest, c);
                string_span(&rest[..end], c == b'"', spans);
                i += end;
            }
            b'$' => {
                let end = var_end(rest);
                push(spans, if end > 1 { Class::Var } else { Class::Plain }, &rest[..end]);
                i += end;
            }
            b'&' | b'|' | b';' => {
                let end = if rest.starts_with("&&") || rest.starts_with("||") { 2 } else { 1 };
                push(spans, Class::Op, &rest[..end]);
                i += end;
                word_start = true;
            }
            b'\\' if rest.trim_end() == "\\" => {
                push(spans, Class::Op, rest);
                i = b.len();
            }
            b'\\' => {
                let n = rest[1..].chars().next().map_or(0, char::len_utf8);
                push(spans, Class::Plain, &rest[..1 + n]);
                i += 1 + n;
            }
            _ => {
                let n = rest.chars().next().map_or(1, char::len_utf8);
                push(spans, Class::Plain, &rest[..n]);
                i += n;
            }
        }
    }
}

/// `<<EOF`, `<<-EOF`, `<<"EOF"`, `<<'EOF'`: (length, delimiter, chomp).
fn heredoc_start(text: &str) -> Option<(usize, String, bool)> {
    let mut i = 2;
    let chomp = text[i..].starts_with('-');
    if chomp {
        i += 1;
    }
    let quote = text[i..].chars().next().filter(|c| *c == '"' || *c == '\'');
    if quote.is_some() {
        i += 1;
    }
    let start = i;
    let name_len = text[i..].find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(text.len() - i);
    if name_len == 0 {
        return None;
    }
    i += name_len;
    let name = text[start..i].to_string();
    if let Some(q) = quote {
        if !text[i..].starts_with(q) {
            return None;
        }
        i += 1;
    }
    Some((i, name, chomp))
}

fn string_end(text: &str, quote: u8) -> usize {
    let b = text.as_bytes();
    let mut i = 1;
    while i < b.len() {
        if b[i] == b'\\' && quote == b'"' {
            i += 2;
            continue;
        }
        if b[i] == quote {
            return i + 1;
        }
        i += 1;
    }
    b.len().min(text.len())
}

/// A double-quoted string still shows its variables.
fn string_span(s: &str, expands: bool, spans: &mut Vec<Span>) {
    if !expands {
        push(spans, Class::Str, s);
        return;
    }
    let mut i = 0;
    while i < s.len() {
        match s[i..].find('$') {
            Some(off) => {
                push(spans, Class::Str, &s[i..i + off]);
                let end = var_end(&s[i + off..]);
                let class = if end > 1 { Class::Var } else { Class::Str };
                push(spans, class, &s[i + off..i + off + end]);
                i += off + end;
            }
            None => {
                push(spans, Class::Str, &s[i..]);
                break;
            }
        }
    }
}

/// Length of a `$NAME` / `${...}` reference at the start of `text` (1 when none).
fn var_end(text: &str) -> usize {
    let rest = &text[1..];
    if rest.starts_with('{') {
        return rest.find('}').map_or(text.len(), |e| e + 2);
    }
    let n = rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(rest.len());
    1 + n
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    fn classes(line: &[Span]) -> Vec<(Class, &str)> {
        line.iter().map(|(c, t)| (*c, t.as_str())).collect()
    }

    #[wasm_bindgen_test]
    fn keywords_flags_strings_and_vars() {
        let lines = highlight("FROM alpine AS build\nCOPY --from=build \"$HOME/a\" /b\nRUNN x");
        assert_eq!(
            classes(&lines[0]),
            vec![
                (Class::Keyword, "FROM"),
                (Class::Plain, " alpine "),
                (Class::Keyword, "AS"),
                (Class::Plain, " build")
            ]
        );
        assert_eq!(
            classes(&lines[1]),
            vec![
                (Class::Keyword, "COPY"),
                (Class::Plain, " "),
                (Class::Flag, "--from"),
                (Class::Plain, "=build "),
                (Class::Str, "\""),
                (Class::Var, "$HOME"),
                (Class::Str, "/a\""),
                (Class::Plain, " /b"),
            ]
        );
        assert_eq!(lines[2][0], (Class::Unknown, "RUNN".to_string()));
    }

    #[wasm_bindgen_test]
    fn continuations_comments_and_heredocs() {
        let src = "# syntax=docker/dockerfile:1\n# note\nRUN a && \\\n    b\nRUN <<EOF\necho RUN\nEOF\nENV X=1";
        let lines = highlight(src);
        assert_eq!(lines[0][0].0, Class::Directive);
        assert_eq!(lines[1][0].0, Class::Comment);
        assert!(lines[2].contains(&(Class::Op, "&&".to_string())));
        assert_eq!(lines[2].last().unwrap(), &(Class::Op, "\\".to_string()));
        assert_eq!(classes(&lines[3]), vec![(Class::Plain, "    b")]);
        assert_eq!(lines[4][2], (Class::Heredoc, "<<EOF".to_string()));
        assert_eq!(lines[5], vec![(Class::Heredoc, "echo RUN".to_string())]);
        assert_eq!(lines[6], vec![(Class::Heredoc, "EOF".to_string())]);
        assert_eq!(lines[7][0], (Class::Keyword, "ENV".to_string()));
    }
}
