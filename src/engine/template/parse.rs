//! Parsing template text: actions, tokens, pipelines, and `if`/`range`/`with` blocks.

use super::{Arg, Node, Pipe, FUNCS};

/// A piece of template text: literal text, or an action's tokens with its offset.
pub(super) enum Item {
    Text(String),
    Action(Vec<Tok>, usize),
}

#[derive(Clone, Debug, PartialEq)]
pub(super) enum Tok {
    Field(Vec<String>),
    Var(String, Vec<String>),
    Str(String),
    Int(i64),
    Ident(String),
    Pipe,
    Open,
    Close,
    Assign,
    Comma,
}

pub(super) fn split_actions(text: &str) -> Result<Vec<Item>, String> {
    let mut items = Vec::new();
    let mut rest = text;
    let mut offset = 0;
    let mut trim_next = false;
    while let Some(i) = rest.find("{{") {
        let mut lit = &rest[..i];
        if trim_next {
            lit = lit.trim_start();
        }
        let after = &rest[i + 2..];
        let trim_before = after.starts_with("- ") || after.starts_with("-\t") || after.starts_with("-\n");
        if trim_before {
            lit = lit.trim_end();
        }
        if !lit.is_empty() {
            items.push(Item::Text(lit.to_string()));
        }
        let body_start = if trim_before { 1 } else { 0 };
        let end = find_close(&after[body_start..]).ok_or("template: :1: unclosed action")?;
        let mut body = &after[body_start..body_start + end];
        trim_next = false;
        if body.ends_with(" -") || body.ends_with("\t-") || body.ends_with("\n-") {
            body = &body[..body.len() - 1];
            trim_next = true;
        }
        let at = offset + i + 2 + body_start;
        let toks = lex(body, at)?;
        if !(toks.is_empty() && body.trim_start().starts_with("/*")) {
            if toks.is_empty() {
                return Err("template: :1: missing value for command".into());
            }
            items.push(Item::Action(toks, at));
        }
        let consumed = i + 2 + body_start + end + 2;
        offset += consumed;
        rest = &rest[consumed..];
    }
    let lit = if trim_next { rest.trim_start() } else { rest };
    if !lit.is_empty() {
        items.push(Item::Text(lit.to_string()));
    }
    Ok(items)
}

/// The offset of the `}}` closing an action, skipping string literals.
fn find_close(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'"' => {
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    if b[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
            }
            b'`' => {
                i += 1;
                while i < b.len() && b[i] != b'`' {
                    i += 1;
                }
            }
            b'}' if b.get(i + 1) == Some(&b'}') => return Some(i),
            _ => {}
        }
        i += 1;
    }
    None
}

fn lex(body: &str, _at: usize) -> Result<Vec<Tok>, String> {
    let c: Vec<char> = body.chars().collect();
    let mut toks = Vec::new();
    let mut i = 0;
    let path = |c: &[char], i: &mut usize| {
        let mut parts = Vec::new();
        while *i < c.len() && c[*i] == '.' {
            *i += 1;
            let start = *i;
            while *i < c.len() && (c[*i].is_alphanumeric() || c[*i] == '_') {
                *i += 1;
            }
            if *i > start {
                parts.push(c[start..*i].iter().collect::<String>());
            }
        }
        parts
    };
    while i < c.len() {
        let ch = c[i];
        match ch {
            ' ' | '\t' | '\n' | '\r' => i += 1,
            '/' if c.get(i + 1) == Some(&'*') => return Ok(Vec::new()),
            '|' => {
                toks.push(Tok::Pipe);
                i += 1;
            }
            '(' => {
                toks.push(Tok::Open);
                i += 1;
            }
            ')' => {
                toks.push(Tok::Close);
                i += 1;
            }
            ',' => {
                toks.push(Tok::Comma);
                i += 1;
            }
            ':' if c.get(i + 1) == Some(&'=') => {
                toks.push(Tok::Assign);
                i += 2;
            }
            '=' => {
                toks.push(Tok::Assign);
                i += 1;
            }
            '.' => toks.push(Tok::Field(path(&c, &mut i))),
            '$' => {
                i += 1;
                let start = i;
                while i < c.len() && (c[i].is_alphanumeric() || c[i] == '_') {
                    i += 1;
                }
                let name = format!("${}", c[start..i].iter().collect::<String>());
                toks.push(Tok::Var(name, path(&c, &mut i)));
            }
            '"' => {
                let mut s = String::new();
                i += 1;
                loop {
                    match c.get(i) {
                        None => return Err("template: :1: unterminated quoted string".into()),
                        Some('"') => break,
                        Some('\\') => {
                            i += 1;
                            match c.get(i) {
                                Some('n') => s.push('\n'),
                                Some('t') => s.push('\t'),
                                Some(other) => s.push(*other),
                                None => return Err("template: :1: unterminated quoted string".into()),
                            }
                        }
                        Some(other) => s.push(*other),
                    }
                    i += 1;
                }
                i += 1;
                toks.push(Tok::Str(s));
            }
            '`' => {
                let start = i + 1;
                i = start;
                while i < c.len() && c[i] != '`' {
                    i += 1;
                }
                toks.push(Tok::Str(c[start..i.min(c.len())].iter().collect()));
                i += 1;
            }
            d if d.is_ascii_digit() || (d == '-' && c.get(i + 1).is_some_and(|n| n.is_ascii_digit())) => {
                let start = i;
                i += 1;
                while i < c.len() && c[i].is_ascii_digit() {
                    i += 1;
                }
                let s: String = c[start..i].iter().collect();
                toks.push(Tok::Int(s.parse().map_err(|_| format!("template: :1: bad number syntax: {s:?}"))?));
            }
            a if a.is_alphabetic() || a == '_' => {
                let start = i;
                while i < c.len() && (c[i].is_alphanumeric() || c[i] == '_') {
                    i += 1;
                }
                toks.push(Tok::Ident(c[start..i].iter().collect()));
            }
            other => return Err(format!("template: :1: unexpected {other:?} in command")),
        }
    }
    Ok(toks)
}

/// Parses nodes until `{{end}}` or `{{else}}`; returns them and the keyword that ended
/// them (`end`, `else`, or `else if` tokens kept in `pos`).
pub(super) fn parse_list(items: &[Item], pos: &mut usize) -> Result<(Vec<Node>, Option<String>), String> {
    let mut nodes = Vec::new();
    while *pos < items.len() {
        let item = &items[*pos];
        *pos += 1;
        match item {
            Item::Text(t) => nodes.push(Node::Text(t.clone())),
            Item::Action(toks, at) => {
                let kw = match toks.first() {
                    Some(Tok::Ident(k)) => k.as_str(),
                    _ => "",
                };
                match kw {
                    "end" => return Ok((nodes, Some("end".into()))),
                    "else" => {
                        if toks.len() > 1 {
                            // `else if …`: re-read this action as an `if` without `else`.
                            return Ok((nodes, Some("else if".into())));
                        }
                        return Ok((nodes, Some("else".into())));
                    }
                    "if" | "range" | "with" => {
                        let pipe = parse_pipe(&toks[1..], *at)?;
                        let node = parse_block(kw, pipe, items, pos)?;
                        nodes.push(node);
                    }
                    _ => nodes.push(Node::Out(parse_pipe(toks, *at)?)),
                }
            }
        }
    }
    Ok((nodes, None))
}

fn parse_block(kw: &str, pipe: Pipe, items: &[Item], pos: &mut usize) -> Result<Node, String> {
    let (body, end) = parse_list(items, pos)?;
    let else_body = match end.as_deref() {
        Some("end") => Vec::new(),
        Some("else") => {
            let (e, end2) = parse_list(items, pos)?;
            if end2.as_deref() != Some("end") {
                return Err("template: :1: unexpected EOF".into());
            }
            e
        }
        Some(_) => {
            // `{{else if X}}`: the action at pos-1 holds `else if …`.
            let Item::Action(toks, at) = &items[*pos - 1] else { unreachable!("else came from an action") };
            let inner = parse_pipe(&toks[2..], *at)?;
            vec![parse_block("if", inner, items, pos)?]
        }
        None => return Err("template: :1: unexpected EOF".into()),
    };
    Ok(match kw {
        "if" => Node::If(pipe, body, else_body),
        "range" => Node::Range(pipe, body, else_body),
        _ => Node::With(pipe, body, else_body),
    })
}

fn parse_pipe(toks: &[Tok], at: usize) -> Result<Pipe, String> {
    let mut pipe = Pipe::default();
    let mut toks = toks;
    if let Some(i) = toks.iter().position(|t| *t == Tok::Assign) {
        for t in &toks[..i] {
            match t {
                Tok::Var(v, p) if p.is_empty() => pipe.decl.push(v.clone()),
                Tok::Comma => {}
                _ => return Err("template: :1: unexpected token in variable declaration".into()),
            }
        }
        toks = &toks[i + 1..];
    }
    let mut i = 0;
    let mut cmd = Vec::new();
    while i < toks.len() {
        match &toks[i] {
            Tok::Pipe => {
                if cmd.is_empty() {
                    return Err("template: :1: missing value for command".into());
                }
                pipe.cmds.push(std::mem::take(&mut cmd));
            }
            Tok::Open => {
                let mut depth = 1;
                let start = i + 1;
                while depth > 0 {
                    i += 1;
                    match toks.get(i) {
                        Some(Tok::Open) => depth += 1,
                        Some(Tok::Close) => depth -= 1,
                        Some(_) => {}
                        None => return Err("template: :1: unclosed left paren".into()),
                    }
                }
                cmd.push(Arg::Sub(parse_pipe(&toks[start..i], at)?));
            }
            Tok::Close => return Err("template: :1: unexpected right paren".into()),
            Tok::Field(p) => cmd.push(Arg::Field(p.clone(), at)),
            Tok::Var(v, p) => cmd.push(Arg::Var(v.clone(), p.clone())),
            Tok::Str(s) => cmd.push(Arg::Str(s.clone())),
            Tok::Int(n) => cmd.push(Arg::Int(*n)),
            Tok::Ident(id) if id == "true" || id == "false" => cmd.push(Arg::Bool(id == "true")),
            Tok::Ident(id) if FUNCS.contains(&id.as_str()) => cmd.push(Arg::Func(id.clone())),
            Tok::Ident(id) => return Err(format!("template: :1: function \"{id}\" not defined")),
            Tok::Assign | Tok::Comma => return Err("template: :1: unexpected token".into()),
        }
        i += 1;
    }
    if cmd.is_empty() {
        return Err("template: :1: missing value for command".into());
    }
    pipe.cmds.push(cmd);
    Ok(pipe)
}
