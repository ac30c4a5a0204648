//! Running a parsed template: fields, variables, pipelines and the functions.

use super::{Arg, Missing, Node, Pipe};
use crate::engine::json::J;

pub(super) struct Exec<'a> {
    pub(super) root: &'a J,
    pub(super) vars: Vec<(String, J)>,
    pub(super) missing: Missing<'a>,
    pub(super) header: bool,
}

impl Exec<'_> {
    pub(super) fn nodes(&mut self, nodes: &[Node], dot: &J, out: &mut String) -> Result<(), String> {
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
                            crate::util::sort::sort_by(&mut o, |a, b| a.0.cmp(&b.0));
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
                        return Err(format!(
                            "template: :1:{at}: executing \"\" at <.{name}>: can't evaluate field {name} in type {ty}"
                        ))
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
                        (J::Arr(a), J::Int(n)) => a
                            .get(*n as usize)
                            .cloned()
                            .ok_or_else(|| format!("template: :1: error calling index: index out of range: {n}"))?,
                        (J::Null, _) => J::Str("<no value>".into()),
                        _ => {
                            return Err(format!(
                                "template: :1: error calling index: cannot index {} with {}",
                                v.go_string(),
                                k.go_string()
                            ))
                        }
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
                    ('q', Some(v)) => out.push_str(&crate::engine::json::quote(&v.go_string())),
                    (_, Some(v)) => out.push_str(&v.go_string()),
                }
            }
            None => out.push_str("%!(NOVERB)"),
        }
    }
    out
}
