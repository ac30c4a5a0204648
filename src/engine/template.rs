//! A subset of Go's `text/template`, enough for `--format`: fields (`{{.Config.Cmd}}`),
//! variables, pipelines, `if`/`else`/`range`/`with`/`end`, trim markers (`{{-`, `-}}`) and
//! Docker's functions (`json`, `index`, `join`, `split`, `upper`, `lower`, `title`,
//! `println`, `printf`, `len`, `truncate`, `pad`, comparisons). Values are [`J`]s; they
//! print as Go's `fmt` prints them. Errors use Go's wording.

use super::json::J;

/// What a missing field does: print `<no value>` (maps, as `docker inspect` falls back
/// to) or fail like a Go struct does (`can't evaluate field X in type T`).
#[derive(Clone, Copy, Debug)]
pub enum Missing<'a> {
    /// Print `<no value>`.
    NoValue,
    /// Fail naming this Go type (`*formatter.imageContext`).
    Error(&'a str),
}

/// A parsed template.
#[derive(Clone, Debug)]
pub struct Template {
    nodes: Vec<Node>,
}

#[derive(Clone, Debug)]
enum Node {
    Text(String),
    Out(Pipe),
    If(Pipe, Vec<Node>, Vec<Node>),
    Range(Pipe, Vec<Node>, Vec<Node>),
    With(Pipe, Vec<Node>, Vec<Node>),
}

#[derive(Clone, Debug, Default)]
struct Pipe {
    decl: Vec<String>,
    cmds: Vec<Vec<Arg>>,
}

#[derive(Clone, Debug)]
enum Arg {
    Field(Vec<String>, usize),
    Var(String, Vec<String>),
    Str(String),
    Int(i64),
    Bool(bool),
    Func(String),
    Sub(Pipe),
}

const FUNCS: &[&str] = &[
    "json", "index", "join", "split", "upper", "lower", "title", "println", "print", "printf", "len", "truncate", "pad", "eq", "ne", "lt",
    "le", "gt", "ge", "not", "and", "or",
];

impl Template {
    /// Parses template text. Errors read `template: :1: …` as Go's do.
    pub fn parse(text: &str) -> Result<Template, String> {
        let items = split_actions(text)?;
        let mut pos = 0;
        let (nodes, end) = parse_list(&items, &mut pos)?;
        if let Some(kw) = end {
            return Err(format!("template: :1: unexpected {{{{{kw}}}}}"));
        }
        Ok(Template { nodes })
    }

    /// Runs the template on `data`.
    pub fn execute(&self, data: &J, missing: Missing) -> Result<String, String> {
        let mut ex = Exec { root: data, vars: vec![("$".into(), data.clone())], missing, header: false };
        let mut out = String::new();
        ex.nodes(&self.nodes, data, &mut out)?;
        Ok(out)
    }

    /// Runs the template for a table header: fields print the header names in `headers`
    /// and functions pass their argument through, as Docker's header functions do.
    pub fn execute_header(&self, headers: &J) -> Result<String, String> {
        let mut ex = Exec { root: headers, vars: vec![("$".into(), headers.clone())], missing: Missing::NoValue, header: true };
        let mut out = String::new();
        ex.nodes(&self.nodes, headers, &mut out)?;
        Ok(out)
    }
}

/// A piece of template text: literal text, or an action's tokens with its offset.
enum Item {
    Text(String),
    Action(Vec<Tok>, usize),
}

#[derive(Clone, Debug, PartialEq)]
enum Tok {
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

fn split_actions(text: &str) -> Result<Vec<Item>, String> {
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
fn parse_list(items: &[Item], pos: &mut usize) -> Result<(Vec<Node>, Option<String>), String> {
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

struct Exec<'a> {
    root: &'a J,
    vars: Vec<(String, J)>,
    missing: Missing<'a>,
    header: bool,
}

impl Exec<'_> {
    fn nodes(&mut self, nodes: &[Node], dot: &J, out: &mut String) -> Result<(), String> {
        for n in nodes {
            match n {
                Node::Text(t) => out.push_str(t),
                Node::Out(p) => {
                    let v = self.pipe(p, dot)?;
                    if p.decl.is_empty() {
                        out.push_str(&v.go_string());
                    }
                }
                Node::If(p, body, els) => {
                    let v = self.pipe(p, dot)?;
                    let b = if v.truthy() { body } else { els };
                    self.nodes(b, dot, out)?;
                }
                Node::With(p, body, els) => {
                    let v = self.pipe(p, dot)?;
                    if v.truthy() {
                        self.nodes(body, &v, out)?;
                    } else {
                        self.nodes(els, dot, out)?;
                    }
                }
                Node::Range(p, body, els) => {
                    let v = self.pipe(&Pipe { decl: Vec::new(), cmds: p.cmds.clone() }, dot)?;
                    let items: Vec<(J, J)> = match &v {
                        J::Arr(a) => a.iter().enumerate().map(|(i, x)| (J::Int(i as i64), x.clone())).collect(),
                        J::Obj(o) => {
                            let mut o = o.clone();
                            o.sort_by(|a, b| a.0.cmp(&b.0));
                            o.into_iter().map(|(k, x)| (J::Str(k), x)).collect()
                        }
                        J::Null => Vec::new(),
                        J::Int(n) => (0..*n).map(|i| (J::Int(i), J::Int(i))).collect(),
                        other => return Err(format!("template: :1: range can't iterate over {}", other.go_string())),
                    };
                    if items.is_empty() {
                        self.nodes(els, dot, out)?;
                    }
                    for (k, x) in items {
                        let saved = self.vars.len();
                        match p.decl.as_slice() {
                            [v] => self.vars.push((v.clone(), x.clone())),
                            [a, b] => {
                                self.vars.push((a.clone(), k));
                                self.vars.push((b.clone(), x.clone()));
                            }
                            _ => {}
                        }
                        self.nodes(body, &x, out)?;
                        self.vars.truncate(saved);
                    }
                }
            }
        }
        Ok(())
    }

    fn pipe(&mut self, p: &Pipe, dot: &J) -> Result<J, String> {
        let mut prev: Option<J> = None;
        for cmd in &p.cmds {
            prev = Some(self.command(cmd, dot, prev)?);
        }
        let v = prev.unwrap_or(J::Null);
        if let Some(name) = p.decl.first() {
            self.vars.push((name.clone(), v.clone()));
        }
        Ok(v)
    }

    fn command(&mut self, cmd: &[Arg], dot: &J, piped: Option<J>) -> Result<J, String> {
        match &cmd[0] {
            Arg::Func(f) => {
                let mut args = Vec::new();
                for a in &cmd[1..] {
                    args.push(self.arg(a, dot)?);
                }
                if let Some(p) = piped {
                    args.push(p);
                }
                self.call(f, args)
            }
            a => {
                if cmd.len() > 1 {
                    return Err("template: :1: can't give argument to non-function".into());
                }
                self.arg(a, dot)
            }
        }
    }

    fn arg(&mut self, a: &Arg, dot: &J) -> Result<J, String> {
        match a {
            Arg::Field(path, at) => self.field(dot, path, *at),
            Arg::Var(name, path) => {
                let base = self
                    .vars
                    .iter()
                    .rev()
                    .find(|(n, _)| n == name)
                    .map(|(_, v)| v.clone())
                    .ok_or_else(|| format!("template: :1: undefined variable: {name}"))?;
                self.field(&base, path, 0)
            }
            Arg::Str(s) => Ok(J::Str(s.clone())),
            Arg::Int(n) => Ok(J::Int(*n)),
            Arg::Bool(b) => Ok(J::Bool(*b)),
            Arg::Func(f) => self.call(f, Vec::new()),
            Arg::Sub(p) => self.pipe(p, dot),
        }
    }

    fn field(&self, base: &J, path: &[String], at: usize) -> Result<J, String> {
        let _ = self.root;
        let mut v = base.clone();
        for (i, name) in path.iter().enumerate() {
            v = match v.get(name) {
                Some(x) => x.clone(),
                None => match self.missing {
                    Missing::Error(ty) if i == 0 && !self.header => {
                        return Err(format!("template: :1:{at}: executing \"\" at <.{name}>: can't evaluate field {name} in type {ty}"))
                    }
                    _ => J::Str("<no value>".into()),
                },
            };
        }
        Ok(v)
    }

    fn call(&self, f: &str, args: Vec<J>) -> Result<J, String> {
        let s = |i: usize| args.get(i).map(J::go_string).unwrap_or_default();
        let need = |n: usize| {
            if args.len() < n {
                Err(format!("template: :1: wrong number of args for {f}: want {n} got {}", args.len()))
            } else {
                Ok(())
            }
        };
        if self.header && !matches!(f, "println" | "print" | "printf" | "eq" | "ne" | "not" | "and" | "or") {
            return Ok(args.into_iter().next().unwrap_or(J::Str(String::new())));
        }
        Ok(match f {
            "json" => {
                need(1)?;
                J::Str(args[0].compact())
            }
            "index" => {
                need(1)?;
                let mut v = args[0].clone();
                for k in &args[1..] {
                    v = match (&v, k) {
                        (J::Obj(_), J::Str(key)) => v.get(key).cloned().unwrap_or(J::Str("<no value>".into())),
                        (J::Arr(a), J::Int(n)) => a.get(*n as usize).cloned().ok_or_else(|| format!("template: :1: error calling index: index out of range: {n}"))?,
                        (J::Null, _) => J::Str("<no value>".into()),
                        _ => return Err(format!("template: :1: error calling index: cannot index {} with {}", v.go_string(), k.go_string())),
                    };
                }
                v
            }
            "join" => {
                need(2)?;
                match &args[0] {
                    J::Arr(a) => J::Str(a.iter().map(J::go_string).collect::<Vec<_>>().join(&s(1))),
                    other => J::Str(other.go_string()),
                }
            }
            "split" => {
                need(2)?;
                J::strs(s(0).split(&s(1)).collect::<Vec<_>>())
            }
            "upper" => J::Str(s(0).to_uppercase()),
            "lower" => J::Str(s(0).to_lowercase()),
            "title" => J::Str(s(0).split(' ').map(title_word).collect::<Vec<_>>().join(" ")),
            "println" => J::Str(format!("{}\n", args.iter().map(J::go_string).collect::<Vec<_>>().join(" "))),
            "print" => J::Str(args.iter().map(J::go_string).collect::<String>()),
            "printf" => {
                need(1)?;
                J::Str(printf(&s(0), &args[1..]))
            }
            "len" => J::Int(match args.first() {
                Some(J::Arr(a)) => a.len() as i64,
                Some(J::Obj(o)) => o.len() as i64,
                Some(J::Str(x)) => x.len() as i64,
                _ => return Err("template: :1: error calling len: len of nil pointer".into()),
            }),
            "truncate" => {
                need(2)?;
                let n = match args[1] {
                    J::Int(n) => n.max(0) as usize,
                    _ => 0,
                };
                J::Str(s(0).chars().take(n).collect())
            }
            "pad" => {
                need(3)?;
                let n = |i: usize| match args[i] {
                    J::Int(n) => n.max(0) as usize,
                    _ => 0,
                };
                J::Str(format!("{}{}{}", " ".repeat(n(1)), s(0), " ".repeat(n(2))))
            }
            "eq" => {
                need(2)?;
                J::Bool(args[1..].iter().any(|b| *b == args[0]))
            }
            "ne" => {
                need(2)?;
                J::Bool(args[0] != args[1])
            }
            "lt" | "le" | "gt" | "ge" => {
                need(2)?;
                let ord = match (&args[0], &args[1]) {
                    (J::Int(a), J::Int(b)) => a.cmp(b),
                    (a, b) => a.go_string().cmp(&b.go_string()),
                };
                J::Bool(match f {
                    "lt" => ord.is_lt(),
                    "le" => ord.is_le(),
                    "gt" => ord.is_gt(),
                    _ => ord.is_ge(),
                })
            }
            "not" => J::Bool(!args.first().is_some_and(J::truthy)),
            "and" => args.iter().find(|a| !a.truthy()).or(args.last()).cloned().unwrap_or(J::Null),
            "or" => args.iter().find(|a| a.truthy()).or(args.last()).cloned().unwrap_or(J::Null),
            other => return Err(format!("template: :1: function \"{other}\" not defined")),
        })
    }
}

fn title_word(w: &str) -> String {
    let mut c = w.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// Go's `Sprintf` for `%s`, `%v`, `%d`, `%q` and `%%`.
fn printf(fmt: &str, args: &[J]) -> String {
    let mut out = String::new();
    let mut it = fmt.chars().peekable();
    let mut n = 0;
    while let Some(c) = it.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        match it.next() {
            Some('%') => out.push('%'),
            Some(verb) => {
                let a = args.get(n);
                n += 1;
                match (verb, a) {
                    (_, None) => out.push_str(&format!("%!{verb}(MISSING)")),
                    ('q', Some(v)) => out.push_str(&super::json::quote(&v.go_string())),
                    (_, Some(v)) => out.push_str(&v.go_string()),
                }
            }
            None => out.push_str("%!(NOVERB)"),
        }
    }
    out
}

/// Renders `format` for each of `rows`, Docker style: a `table` prefix gives a header
/// row (from `headers`) and column alignment, `json` gives `{{json .}}`, `\t` and `\n`
/// escapes are expanded. Each row ends with a newline.
pub fn render_rows(format: &str, rows: &[J], headers: &J, missing: Missing) -> Result<String, String> {
    let (is_table, body) = match format.strip_prefix("table") {
        Some(rest) => (true, rest),
        None => (false, format),
    };
    let body = if format == "json" { "{{json .}}" } else { body.trim_matches(' ') };
    let body = body.replace("\\t", "\t").replace("\\n", "\n");
    let t = Template::parse(&body).map_err(|e| format!("template parsing error: {e}"))?;
    let mut text = String::new();
    if is_table {
        text.push_str(&t.execute_header(headers)?);
        text.push('\n');
    }
    for r in rows {
        text.push_str(&t.execute(r, missing)?);
        text.push('\n');
    }
    Ok(if is_table { super::format::tabwrite(&text) } else { text })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(t: &str, data: &J) -> String {
        Template::parse(t).unwrap().execute(data, Missing::NoValue).unwrap()
    }

    fn image() -> J {
        J::obj([
            ("Id", J::s("sha256:abc")),
            ("Config", J::obj([("Cmd", J::strs(["sh", "-c", "echo hi"])), ("Entrypoint", J::Null), ("Labels", J::obj([("a.b", J::s("1")), ("v", J::s("2"))]))])),
            ("RootFS", J::obj([("Layers", J::strs(["sha256:1", "sha256:2"]))])),
            ("Size", J::Int(42)),
        ])
    }

    #[test]
    fn fields_functions_and_ranges() {
        let d = image();
        assert_eq!(run("{{.Id}}", &d), "sha256:abc");
        assert_eq!(run("{{.Config.Cmd}}", &d), "[sh -c echo hi]");
        assert_eq!(run("{{.Config.Entrypoint}}", &d), "[]");
        assert_eq!(run("{{json .RootFS.Layers}}", &d), r#"["sha256:1","sha256:2"]"#);
        assert_eq!(run(r#"{{index .Config.Labels "a.b"}}"#, &d), "1");
        assert_eq!(run("{{range .RootFS.Layers}}{{println .}}{{end}}", &d), "sha256:1\nsha256:2\n");
        assert_eq!(run("{{range $k, $v := .Config.Labels}}{{$k}}={{$v}};{{end}}", &d), "a.b=1;v=2;");
        assert_eq!(run("{{join .Config.Cmd \",\"}} {{upper .Id}} {{.Size}}", &d), "sh,-c,echo hi SHA256:ABC 42");
        assert_eq!(run("{{if .Config.Entrypoint}}yes{{else}}no{{end}}", &d), "no");
        assert_eq!(run("{{.Nope}}", &d), "<no value>");
        assert_eq!(run("a {{- .Size -}} b", &d), "a42b");
        assert_eq!(run("{{.Id | upper}}", &d), "SHA256:ABC");
        assert_eq!(run("{{with .Config}}{{len .Cmd}}{{end}}", &d), "3");
        assert_eq!(run("{{printf \"%s=%d\" .Id .Size}}", &d), "sha256:abc=42");
    }

    #[test]
    fn errors() {
        assert_eq!(Template::parse("{{.Id").unwrap_err(), "template: :1: unclosed action");
        assert_eq!(Template::parse("{{foo .Id}}").unwrap_err(), "template: :1: function \"foo\" not defined");
        let t = Template::parse("{{.Foo}}").unwrap();
        assert_eq!(
            t.execute(&image(), Missing::Error("*formatter.imageContext")).unwrap_err(),
            "template: :1:2: executing \"\" at <.Foo>: can't evaluate field Foo in type *formatter.imageContext"
        );
    }

    #[test]
    fn tables() {
        let rows = vec![J::obj([("ID", J::s("abc")), ("Tag", J::s("latest"))])];
        let headers = J::obj([("ID", J::s("IMAGE ID")), ("Tag", J::s("TAG"))]);
        assert_eq!(render_rows("table {{.ID}}\\t{{.Tag}}", &rows, &headers, Missing::NoValue).unwrap(), "IMAGE ID   TAG\nabc        latest\n");
        assert_eq!(render_rows("{{.ID}}: {{.Tag}}", &rows, &headers, Missing::NoValue).unwrap(), "abc: latest\n");
        assert_eq!(render_rows("json", &rows, &headers, Missing::NoValue).unwrap(), "{\"ID\":\"abc\",\"Tag\":\"latest\"}\n");
    }
}
