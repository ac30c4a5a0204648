//! The awk interpreter: values, fields, rules, statements and builtins.

use std::collections::{BTreeMap, HashMap};

use regex_lite::Regex;

use super::parser::{ArithOp, CmpOp, Dest, Expr, Pattern, Program, Stmt};
use crate::shell::applet::Ctx;
use crate::shell::applets::printf::{format, num_to_string, parse_num_prefix, Arg};

/// An awk value.
#[derive(Clone, Debug)]
pub enum V {
    Uninit,
    Num(f64),
    Str(String),
    /// Input text that compares as a number when it looks like one.
    StrNum(String),
}

fn looks_numeric(s: &str) -> bool {
    let t = s.trim();
    !t.is_empty() && t.parse::<f64>().is_ok() && !t.chars().any(|c| c.is_ascii_alphabetic() && c != 'e' && c != 'E')
}

/// Formats a number for output with `fmt` (`%.6g`), integers plainly.
pub fn num_str(n: f64, fmt: &str) -> String {
    if n.fract() == 0.0 && n.abs() < 1e16 {
        return format!("{}", n as i64);
    }
    if n.is_nan() {
        return "nan".into();
    }
    if n.is_infinite() {
        return if n > 0.0 { "inf".into() } else { "-inf".into() };
    }
    format(fmt, &[Arg::Num(n)], false).map(|r| r.0).unwrap_or_else(|_| num_to_string(n))
}

impl V {
    pub(super) fn num(&self) -> f64 {
        match self {
            V::Uninit => 0.0,
            V::Num(n) => *n,
            V::Str(s) | V::StrNum(s) => parse_num_prefix(s),
        }
    }
    pub(super) fn text(&self, fmt: &str) -> String {
        match self {
            V::Uninit => String::new(),
            V::Num(n) => num_str(*n, fmt),
            V::Str(s) | V::StrNum(s) => s.clone(),
        }
    }
    fn truthy(&self) -> bool {
        match self {
            V::Uninit => false,
            V::Num(n) => *n != 0.0,
            V::Str(s) => !s.is_empty(),
            V::StrNum(s) => {
                if looks_numeric(s) {
                    parse_num_prefix(s) != 0.0
                } else {
                    !s.is_empty()
                }
            }
        }
    }
    fn is_numeric(&self) -> bool {
        match self {
            V::Uninit | V::Num(_) => true,
            V::StrNum(s) => looks_numeric(s),
            V::Str(_) => false,
        }
    }
}

/// Non-local control flow.
pub enum Ctl {
    Next,
    Exit(i32),
    Return(V),
    Break,
    Continue,
    Err(String),
}

type R<T> = Result<T, Ctl>;

/// A running awk program.
pub struct Awk<'c, 'a> {
    pub(super) ctx: &'c mut Ctx<'a>,
    pub(super) prog: &'c Program,
    pub(super) globals: HashMap<String, V>,
    pub(super) arrays: HashMap<String, BTreeMap<String, V>>,
    pub(super) frames: Vec<(HashMap<String, V>, HashMap<String, String>)>,
    pub(super) fields: Vec<String>,
    pub(super) nf_dirty: bool,
    pub(super) out: String,
    pub(super) files: BTreeMap<String, (Vec<u8>, bool)>,
    pub(super) ranges: Vec<bool>,
    pub(super) regexes: HashMap<String, Regex>,
    pub(super) input: Vec<String>,
    pub(super) pos: usize,
    pub(super) seed: u64,
    pub(super) depth: usize,
}

impl<'c, 'a> Awk<'c, 'a> {
    /// A fresh interpreter.
    pub fn new(ctx: &'c mut Ctx<'a>, prog: &'c Program) -> Self {
        let mut globals = HashMap::new();
        for (k, v) in [
            ("FS", " "),
            ("OFS", " "),
            ("ORS", "\n"),
            ("RS", "\n"),
            ("SUBSEP", "\x1c"),
            ("CONVFMT", "%.6g"),
            ("OFMT", "%.6g"),
        ] {
            globals.insert(k.to_string(), V::Str(v.to_string()));
        }
        globals.insert("NR".into(), V::Num(0.0));
        globals.insert("FNR".into(), V::Num(0.0));
        globals.insert("NF".into(), V::Num(0.0));
        let mut arrays = HashMap::new();
        let env = crate::util::collect::map(ctx.env.iter().map(|(k, v)| (k.clone(), V::StrNum(v.clone()))));
        arrays.insert("ENVIRON".to_string(), env);
        let ranges = vec![false; prog.rules.len()];
        Awk {
            ctx,
            prog,
            globals,
            arrays,
            frames: Vec::new(),
            fields: vec![String::new()],
            nf_dirty: false,
            out: String::new(),
            files: BTreeMap::new(),
            ranges,
            regexes: HashMap::new(),
            input: Vec::new(),
            pos: 0,
            seed: 1,
            depth: 0,
        }
    }

    pub(super) fn var(&self, n: &str) -> V {
        if let Some((vars, _)) = self.frames.last() {
            if let Some(v) = vars.get(n) {
                return v.clone();
            }
        }
        if n == "NF" {
            return V::Num((self.fields.len() - 1) as f64);
        }
        self.globals.get(n).cloned().unwrap_or(V::Uninit)
    }

    pub(super) fn gs(&self, n: &str) -> String {
        self.globals.get(n).map(|v| v.text("%.6g")).unwrap_or_default()
    }

    pub(super) fn set_var(&mut self, n: &str, v: V) {
        if let Some((vars, _)) = self.frames.last_mut() {
            if vars.contains_key(n) {
                vars.insert(n.to_string(), v);
                return;
            }
        }
        if n == "NF" {
            let nf = v.num().max(0.0) as usize;
            self.fields.resize(nf + 1, String::new());
            self.rebuild();
            return;
        }
        self.globals.insert(n.to_string(), v);
    }

    pub(super) fn arr_name(&mut self, n: &str) -> String {
        let depth = self.frames.len();
        if let Some((vars, alias)) = self.frames.last_mut() {
            if let Some(a) = alias.get(n) {
                return a.clone();
            }
            if vars.contains_key(n) {
                vars.remove(n);
                let local = format!("\0{depth}:{n}");
                alias.insert(n.to_string(), local.clone());
                return local;
            }
        }
        n.to_string()
    }

    /// Sets `$0` and splits it into fields.
    pub fn set_record(&mut self, rec: &str) {
        self.fields = vec![rec.to_string()];
        let fs = self.gs("FS");
        let parts: Vec<String> = if rec.is_empty() {
            Vec::new()
        } else if fs == " " {
            rec.split([' ', '\t', '\n']).filter(|s| !s.is_empty()).map(String::from).collect()
        } else if fs.chars().count() == 1 && fs != "\\" {
            rec.split(fs.as_str()).map(String::from).collect()
        } else {
            match self.regex(&fs) {
                Ok(re) => re.split(rec).map(String::from).collect(),
                Err(_) => vec![rec.to_string()],
            }
        };
        self.fields.extend(parts);
    }

    fn rebuild(&mut self) {
        let ofs = self.gs("OFS");
        self.fields[0] = self.fields[1..].join(&ofs);
    }

    pub(super) fn regex(&mut self, src: &str) -> Result<Regex, String> {
        if let Some(r) = self.regexes.get(src) {
            return Ok(r.clone());
        }
        let r = crate::shell::applets::regex::compile(src, true, false, false)?;
        self.regexes.insert(src.to_string(), r.clone());
        Ok(r)
    }

    pub(super) fn regex_of(&mut self, e: &Expr) -> R<Regex> {
        let src = match e {
            Expr::Regex(r) => r.clone(),
            other => {
                let v = self.eval(other)?;
                self.text(&v)
            }
        };
        self.regex(&src).map_err(Ctl::Err)
    }

    pub(super) fn text(&self, v: &V) -> String {
        v.text(&self.gs("CONVFMT"))
    }

    fn emit(&mut self, s: &str, dest: &Option<Dest>) -> R<()> {
        match dest {
            None => {
                self.out.push_str(s);
                if self.out.len() > 65536 {
                    self.flush();
                    if self.ctx.stopped() {
                        return Err(Ctl::Exit(1));
                    }
                }
            }
            Some(Dest::File(e, append)) => {
                let v = self.eval(e)?;
                let name = self.text(&v);
                match name.as_str() {
                    "/dev/stdout" | "-" => self.out.push_str(s),
                    "/dev/stderr" => {
                        self.flush();
                        self.ctx.err(s);
                    }
                    _ => {
                        let entry = self.files.entry(name).or_insert_with(|| (Vec::new(), *append));
                        entry.0.extend_from_slice(s.as_bytes());
                    }
                }
            }
            Some(Dest::Pipe(cmd)) => {
                let v = self.eval(cmd)?;
                let c = self.text(&v);
                return Err(Ctl::Err(format!("output to the command \"{c}\" is not supported in this simulation")));
            }
        }
        Ok(())
    }

    /// Writes buffered output.
    pub fn flush(&mut self) {
        let o = std::mem::take(&mut self.out);
        self.ctx.out(&o);
    }

    fn field(&mut self, i: usize) -> V {
        self.fields.get(i).map(|s| V::StrNum(s.clone())).unwrap_or(V::Uninit)
    }

    pub(super) fn assign(&mut self, target: &Expr, v: V) -> R<V> {
        match target {
            Expr::Var(n) => self.set_var(n, v.clone()),
            Expr::Field(e) => {
                let i = self.eval(e)?.num().max(0.0) as usize;
                let s = self.text(&v);
                if i == 0 {
                    self.set_record(&s);
                } else {
                    if self.fields.len() <= i {
                        self.fields.resize(i + 1, String::new());
                    }
                    self.fields[i] = s;
                    self.rebuild();
                }
            }
            Expr::Index(n, subs) => {
                let k = self.key(subs)?;
                let a = self.arr_name(n);
                self.arrays.entry(a).or_default().insert(k, v.clone());
            }
            _ => return Err(Ctl::Err("assignment to non-lvalue".into())),
        }
        Ok(v)
    }

    fn key(&mut self, subs: &[Expr]) -> R<String> {
        let mut parts = Vec::new();
        for s in subs {
            let v = self.eval(s)?;
            parts.push(self.text(&v));
        }
        Ok(parts.join(&self.gs("SUBSEP")))
    }

    fn compare(&self, op: CmpOp, a: &V, b: &V) -> bool {
        let ord = if a.is_numeric() && b.is_numeric() {
            a.num().partial_cmp(&b.num()).unwrap_or(std::cmp::Ordering::Equal)
        } else {
            self.text(a).cmp(&self.text(b))
        };
        use std::cmp::Ordering::*;
        match op {
            CmpOp::Lt => ord == Less,
            CmpOp::Le => ord != Greater,
            CmpOp::Gt => ord == Greater,
            CmpOp::Ge => ord != Less,
            CmpOp::Eq => ord == Equal,
            CmpOp::Ne => ord != Equal,
        }
    }

    /// Evaluates an expression.
    pub fn eval(&mut self, e: &Expr) -> R<V> {
        let _level = crate::shell::depth::enter().ok_or_else(|| Ctl::Err("nesting too deep".into()))?;
        Ok(match e {
            Expr::Num(n) => V::Num(*n),
            Expr::Str(s) => V::Str(s.clone()),
            Expr::Regex(r) => {
                let re = self.regex(r).map_err(Ctl::Err)?;
                V::Num(re.is_match(&self.fields[0]) as i32 as f64)
            }
            Expr::Var(n) => self.var(n),
            Expr::Field(i) => {
                let i = self.eval(i)?.num().max(0.0) as usize;
                self.field(i)
            }
            Expr::Index(n, subs) => {
                let k = self.key(subs)?;
                let a = self.arr_name(n);
                self.arrays.entry(a).or_default().entry(k).or_insert(V::Uninit).clone()
            }
            Expr::Group(v) => match v.first() {
                Some(x) => self.eval(x)?,
                None => V::Uninit,
            },
            Expr::Assign(t, op, rhs) => {
                let r = self.eval(rhs)?;
                let v = match op {
                    None => match r {
                        V::Uninit => V::Uninit,
                        other => other,
                    },
                    Some(o) => {
                        let cur = self.eval(t)?;
                        V::Num(arith(*o, cur.num(), r.num())?)
                    }
                };
                self.assign(t, v)?
            }
            Expr::Cond(c, a, b) => {
                if self.eval(c)?.truthy() {
                    self.eval(a)?
                } else {
                    self.eval(b)?
                }
            }
            Expr::And(a, b) => V::Num((self.eval(a)?.truthy() && self.eval(b)?.truthy()) as i32 as f64),
            Expr::Or(a, b) => V::Num((self.eval(a)?.truthy() || self.eval(b)?.truthy()) as i32 as f64),
            Expr::Not(a) => V::Num(!self.eval(a)?.truthy() as i32 as f64),
            Expr::Neg(a) => V::Num(-self.eval(a)?.num()),
            Expr::Pos(a) => V::Num(self.eval(a)?.num()),
            Expr::Bin(op, a, b) => {
                let x = self.eval(a)?.num();
                let y = self.eval(b)?.num();
                V::Num(arith(*op, x, y)?)
            }
            Expr::Cmp(op, a, b) => {
                let x = self.eval(a)?;
                let y = self.eval(b)?;
                V::Num(self.compare(*op, &x, &y) as i32 as f64)
            }
            Expr::Match(neg, a, b) => {
                let s = self.eval(a)?;
                let s = self.text(&s);
                let re = self.regex_of(b)?;
                V::Num((re.is_match(&s) != *neg) as i32 as f64)
            }
            Expr::Concat(a, b) => {
                let x = self.eval(a)?;
                let y = self.eval(b)?;
                let joined = self.text(&x) + &self.text(&y);
                if !self.ctx.charge_string(joined.len()) {
                    return Err(Ctl::Exit(2));
                }
                V::Str(joined)
            }
            Expr::In(keys, arr) => {
                let k = self.key(keys)?;
                let a = self.arr_name(arr);
                V::Num(self.arrays.get(&a).is_some_and(|m| m.contains_key(&k)) as i32 as f64)
            }
            Expr::IncDec(pre, d, t) => {
                let old = self.eval(t)?.num();
                self.assign(t, V::Num(old + d))?;
                V::Num(if *pre { old + d } else { old })
            }
            Expr::Call(name, args) => self.call(name, args)?,
            Expr::Builtin(name, args) => self.builtin(name, args)?,
            Expr::Getline(var, file) => self.getline(var.as_deref(), file.as_deref())?,
        })
    }

    fn call(&mut self, name: &str, args: &[Expr]) -> R<V> {
        let Some(f) = self.prog.funcs.get(name) else {
            return Err(Ctl::Err(format!("function '{name}' never defined")));
        };
        if self.depth > 200 {
            return Err(Ctl::Err("function call nesting too deep".into()));
        }
        let mut vars = HashMap::new();
        let mut alias = HashMap::new();
        for (i, p) in f.params.iter().enumerate() {
            match args.get(i) {
                Some(Expr::Var(n)) => {
                    let an = self.arr_name_peek(n);
                    if self.arrays.contains_key(&an) {
                        alias.insert(p.clone(), an);
                    } else {
                        vars.insert(p.clone(), self.var(n));
                    }
                }
                Some(e) => {
                    let v = self.eval(e)?;
                    vars.insert(p.clone(), v);
                }
                None => {
                    vars.insert(p.clone(), V::Uninit);
                }
            }
        }
        self.frames.push((vars, alias));
        self.depth += 1;
        let body = f.body.clone();
        let r = self.block(&body);
        self.depth -= 1;
        let depth = self.frames.len();
        self.frames.pop();
        let prefix = format!("\0{depth}:");
        self.arrays.retain(|k, _| !k.starts_with(&prefix));
        match r {
            Ok(()) => Ok(V::Uninit),
            Err(Ctl::Return(v)) => Ok(v),
            Err(e) => Err(e),
        }
    }

    pub(super) fn arr_name_peek(&self, n: &str) -> String {
        if let Some((_, alias)) = self.frames.last() {
            if let Some(a) = alias.get(n) {
                return a.clone();
            }
        }
        n.to_string()
    }

    /// Runs a block of statements.
    pub fn block(&mut self, stmts: &[Stmt]) -> R<()> {
        for s in stmts {
            self.stmt(s)?;
        }
        Ok(())
    }

    fn stmt(&mut self, s: &Stmt) -> R<()> {
        let _level = crate::shell::depth::enter().ok_or_else(|| Ctl::Err("nesting too deep".into()))?;
        if !self.ctx.step() {
            return Err(Ctl::Exit(2));
        }
        match s {
            Stmt::Expr(e) => {
                self.eval(e)?;
            }
            Stmt::Print(args, dest) => {
                let ofmt = self.gs("OFMT");
                let mut parts = Vec::new();
                if args.is_empty() {
                    parts.push(self.fields[0].clone());
                }
                for a in args {
                    let v = self.eval(a)?;
                    parts.push(match v {
                        V::Num(n) => num_str(n, &ofmt),
                        other => self.text(&other),
                    });
                }
                let line = parts.join(&self.gs("OFS")) + &self.gs("ORS");
                self.emit(&line, dest)?;
            }
            Stmt::Printf(args, dest) => {
                let mut vals = Vec::new();
                for a in args {
                    vals.push(self.eval(a)?);
                }
                let Some(f) = vals.first().map(|v| self.text(v)) else {
                    return Err(Ctl::Err("printf: no format".into()));
                };
                let a: Vec<Arg> = vals[1..].iter().map(|v| to_arg(v, self)).collect();
                let s = format(&f, &a, true).map_err(|e| Ctl::Err(format!("printf: {e}")))?.0;
                self.emit(&s, dest)?;
            }
            Stmt::If(c, a, b) => {
                if self.eval(c)?.truthy() {
                    self.stmt(a)?;
                } else if let Some(b) = b {
                    self.stmt(b)?;
                }
            }
            Stmt::While(c, body) => {
                while self.eval(c)?.truthy() {
                    match self.stmt(body) {
                        Err(Ctl::Break) => break,
                        Err(Ctl::Continue) | Ok(()) => {}
                        Err(e) => return Err(e),
                    }
                }
            }
            Stmt::Do(body, c) => loop {
                match self.stmt(body) {
                    Err(Ctl::Break) => break,
                    Err(Ctl::Continue) | Ok(()) => {}
                    Err(e) => return Err(e),
                }
                if !self.eval(c)?.truthy() {
                    break;
                }
            },
            Stmt::For(init, cond, step, body) => {
                if let Some(i) = init {
                    self.stmt(i)?;
                }
                loop {
                    if let Some(c) = cond {
                        if !self.eval(c)?.truthy() {
                            break;
                        }
                    }
                    match self.stmt(body) {
                        Err(Ctl::Break) => break,
                        Err(Ctl::Continue) | Ok(()) => {}
                        Err(e) => return Err(e),
                    }
                    if let Some(s) = step {
                        self.stmt(s)?;
                    }
                }
            }
            Stmt::ForIn(v, arr, body) => {
                let an = self.arr_name(arr);
                let mut keys: Vec<String> =
                    self.arrays.get(&an).map(|m| m.keys().cloned().collect()).unwrap_or_default();
                crate::util::sort::sort_by(&mut keys, |a, b| match (a.parse::<f64>(), b.parse::<f64>()) {
                    (Ok(x), Ok(y)) => x.partial_cmp(&y).unwrap_or(std::cmp::Ordering::Equal),
                    _ => a.cmp(b),
                });
                for k in keys {
                    self.set_var(v, V::StrNum(k));
                    match self.stmt(body) {
                        Err(Ctl::Break) => break,
                        Err(Ctl::Continue) | Ok(()) => {}
                        Err(e) => return Err(e),
                    }
                }
            }
            Stmt::Block(b) => self.block(b)?,
            Stmt::Next => return Err(Ctl::Next),
            Stmt::Break => return Err(Ctl::Break),
            Stmt::Continue => return Err(Ctl::Continue),
            Stmt::Exit(e) => {
                let code = match e {
                    Some(e) => self.eval(e)?.num() as i32,
                    None => 0,
                };
                return Err(Ctl::Exit(code));
            }
            Stmt::Return(e) => {
                let v = match e {
                    Some(e) => self.eval(e)?,
                    None => V::Uninit,
                };
                return Err(Ctl::Return(v));
            }
            Stmt::Delete(arr, subs) => {
                let an = self.arr_name(arr);
                match subs {
                    Some(s) => {
                        let k = self.key(s)?;
                        if let Some(m) = self.arrays.get_mut(&an) {
                            m.remove(&k);
                        }
                    }
                    None => {
                        self.arrays.insert(an, BTreeMap::new());
                    }
                }
            }
        }
        let _ = self.nf_dirty;
        Ok(())
    }

    /// Runs the rules whose pattern matches the current record.
    pub fn record_rules(&mut self) -> R<()> {
        let prog = self.prog;
        for (k, (pat, action)) in prog.rules.iter().enumerate() {
            let hit = match pat {
                Pattern::Begin | Pattern::End => false,
                Pattern::All => true,
                Pattern::Expr(e) => self.eval(e)?.truthy(),
                Pattern::Range(a, b) => {
                    if self.ranges[k] {
                        if self.eval(b)?.truthy() {
                            self.ranges[k] = false;
                        }
                        true
                    } else if self.eval(a)?.truthy() {
                        self.ranges[k] = !self.eval(b)?.truthy();
                        true
                    } else {
                        false
                    }
                }
            };
            if hit {
                match action {
                    Some(b) => self.block(b)?,
                    None => {
                        let line = self.fields[0].clone() + &self.gs("ORS");
                        self.emit(&line, &None)?;
                    }
                }
            }
        }
        Ok(())
    }
}

pub(super) fn to_arg(v: &V, a: &Awk<'_, '_>) -> Arg {
    match v {
        V::Num(n) => Arg::Num(*n),
        V::StrNum(s) if looks_numeric(s) => Arg::Str(s.clone()),
        other => Arg::Str(a.text(other)),
    }
}

fn arith(op: ArithOp, x: f64, y: f64) -> R<f64> {
    Ok(match op {
        ArithOp::Add => x + y,
        ArithOp::Sub => x - y,
        ArithOp::Mul => x * y,
        ArithOp::Div => {
            if y == 0.0 {
                return Err(Ctl::Err("division by zero".into()));
            }
            x / y
        }
        ArithOp::Mod => {
            if y == 0.0 {
                return Err(Ctl::Err("division by zero in %".into()));
            }
            x % y
        }
        ArithOp::Pow => x.powf(y),
    })
}
