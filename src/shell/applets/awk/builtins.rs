//! awk's builtin functions and `getline`.

use super::interp::{to_arg, Awk, Ctl, V};
use super::parser::Expr;
use crate::shell::applets::printf::{format, Arg};

type R<T> = Result<T, Ctl>;

impl Awk<'_, '_> {
    pub(super) fn getline(&mut self, var: Option<&Expr>, file: Option<&Expr>) -> R<V> {
        let line = match file {
            Some(Expr::Builtin(n, _)) if n == "__pipe" => return Ok(V::Num(-1.0)),
            Some(f) => {
                let v = self.eval(f)?;
                let name = self.text(&v);
                let key = format!("\0in:{name}");
                if !self.arrays.contains_key(&key) {
                    let data = super::super::common::read_input(self.ctx, &name)
                        .map(|d| String::from_utf8_lossy(&d).into_owned());
                    let Ok(data) = data else { return Ok(V::Num(-1.0)) };
                    let m = crate::util::collect::map(
                        data.lines().enumerate().map(|(i, l)| (format!("{i:012}"), V::StrNum(l.to_string()))),
                    );
                    self.arrays.insert(key.clone(), m);
                }
                let m = self.arrays.get_mut(&key).ok_or(Ctl::Err("getline".into()))?;
                let Some(k) = m.keys().next().cloned() else { return Ok(V::Num(0.0)) };
                let v = m.remove(&k).unwrap_or(V::Uninit);
                self.text(&v)
            }
            None => {
                if self.pos >= self.input.len() {
                    return Ok(V::Num(0.0));
                }
                let l = self.input[self.pos].clone();
                self.pos += 1;
                let nr = self.var("NR").num() + 1.0;
                self.globals.insert("NR".into(), V::Num(nr));
                let fnr = self.var("FNR").num() + 1.0;
                self.globals.insert("FNR".into(), V::Num(fnr));
                l
            }
        };
        match var {
            Some(t) => {
                self.assign(t, V::StrNum(line))?;
            }
            None => self.set_record(&line),
        }
        Ok(V::Num(1.0))
    }

    pub(super) fn builtin(&mut self, name: &str, args: &[Expr]) -> R<V> {
        let mut vals = Vec::new();
        let lazy = matches!(name, "split" | "sub" | "gsub" | "match");
        if !lazy {
            for a in args {
                vals.push(self.eval(a)?);
            }
        }
        let s = |a: &mut Self, i: usize| vals.get(i).map(|v| a.text(v)).unwrap_or_default();
        let n = |i: usize| vals.get(i).map(|v| v.num()).unwrap_or(0.0);
        Ok(match name {
            "length" => {
                if let Some(Expr::Var(a)) = args.first() {
                    let an = self.arr_name_peek(a);
                    if let Some(m) = self.arrays.get(&an) {
                        return Ok(V::Num(m.len() as f64));
                    }
                }
                let t = if vals.is_empty() { self.fields[0].clone() } else { s(self, 0) };
                V::Num(t.chars().count() as f64)
            }
            "substr" => {
                let t: Vec<char> = s(self, 0).chars().collect();
                let start = n(1).round();
                let len = if vals.len() > 2 { n(2).round() } else { f64::INFINITY };
                let from = start.max(1.0);
                let to = (start + len).min(t.len() as f64 + 1.0);
                if to <= from {
                    V::Str(String::new())
                } else {
                    V::Str(t[(from as usize - 1).min(t.len())..(to as usize - 1).min(t.len())].iter().collect())
                }
            }
            "index" => {
                let h = s(self, 0);
                let nd = s(self, 1);
                V::Num(h.find(&nd).map(|i| h[..i].chars().count() + 1).unwrap_or(0) as f64)
            }
            "tolower" => V::Str(s(self, 0).to_lowercase()),
            "toupper" => V::Str(s(self, 0).to_uppercase()),
            "int" => V::Num(n(0).trunc()),
            "sqrt" => V::Num(n(0).sqrt()),
            "exp" => V::Num(n(0).exp()),
            "log" => V::Num(n(0).ln()),
            "sin" => V::Num(n(0).sin()),
            "cos" => V::Num(n(0).cos()),
            "atan2" => V::Num(n(0).atan2(n(1))),
            "rand" => {
                self.seed = self.seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                V::Num((self.seed >> 11) as f64 / (1u64 << 53) as f64)
            }
            "srand" => {
                let old = self.seed;
                self.seed = if vals.is_empty() { self.ctx.now as u64 } else { n(0) as u64 };
                V::Num(old as f64)
            }
            "sprintf" => {
                let f = s(self, 0);
                let a: Vec<Arg> = vals[1.min(vals.len())..].iter().map(|v| to_arg(v, self)).collect();
                V::Str(format(&f, &a, true).map_err(|e| Ctl::Err(format!("sprintf: {e}")))?.0)
            }
            "system" => {
                self.flush();
                self.ctx.err("awk: system() is not supported in this simulation\n");
                V::Num(127.0)
            }
            "close" | "fflush" => V::Num(0.0),
            "split" => {
                let src = self.eval(&args[0])?;
                let src = self.text(&src);
                let Some(Expr::Var(arr)) = args.get(1) else {
                    return Err(Ctl::Err("split: second argument must be an array".into()));
                };
                let parts: Vec<String> = match args.get(2) {
                    Some(Expr::Regex(r)) => {
                        let re = self.regex(r).map_err(Ctl::Err)?;
                        if src.is_empty() {
                            Vec::new()
                        } else {
                            re.split(&src).map(String::from).collect()
                        }
                    }
                    other => {
                        let fs = match other {
                            Some(e) => {
                                let v = self.eval(e)?;
                                self.text(&v)
                            }
                            None => self.gs("FS"),
                        };
                        if src.is_empty() {
                            Vec::new()
                        } else if fs == " " {
                            src.split_whitespace().map(String::from).collect()
                        } else if fs.chars().count() == 1 {
                            src.split(fs.as_str()).map(String::from).collect()
                        } else {
                            let re = self.regex(&fs).map_err(Ctl::Err)?;
                            re.split(&src).map(String::from).collect()
                        }
                    }
                };
                let an = self.arr_name(arr);
                let m = crate::util::collect::map(
                    parts.iter().enumerate().map(|(i, p)| ((i + 1).to_string(), V::StrNum(p.clone()))),
                );
                self.arrays.insert(an, m);
                V::Num(parts.len() as f64)
            }
            "sub" | "gsub" => {
                let re = self.regex_of(&args[0])?;
                let rep = self.eval(&args[1])?;
                let rep = self.text(&rep);
                let target = args.get(2).cloned().unwrap_or(Expr::Field(Box::new(Expr::Num(0.0))));
                let cur = self.eval(&target)?;
                let cur = self.text(&cur);
                let mut out = String::new();
                let mut last = 0;
                let mut count = 0;
                for m in re.find_iter(&cur) {
                    out.push_str(&cur[last..m.start()]);
                    let mut chars = rep.chars().peekable();
                    while let Some(c) = chars.next() {
                        match c {
                            '\\' if chars.peek() == Some(&'&') => {
                                out.push('&');
                                chars.next();
                            }
                            '\\' if chars.peek() == Some(&'\\') => {
                                out.push('\\');
                                chars.next();
                            }
                            '&' => out.push_str(m.as_str()),
                            c => out.push(c),
                        }
                    }
                    last = m.end();
                    count += 1;
                    if name == "sub" {
                        break;
                    }
                }
                if count > 0 {
                    out.push_str(&cur[last..]);
                    self.assign(&target, V::Str(out))?;
                }
                V::Num(count as f64)
            }
            "match" => {
                let src = self.eval(&args[0])?;
                let src = self.text(&src);
                let re = self.regex_of(&args[1])?;
                let (start, len) = match re.find(&src) {
                    Some(m) => (src[..m.start()].chars().count() as f64 + 1.0, m.as_str().chars().count() as f64),
                    None => (0.0, -1.0),
                };
                self.globals.insert("RSTART".into(), V::Num(start));
                self.globals.insert("RLENGTH".into(), V::Num(len));
                V::Num(start)
            }
            _ => return Err(Ctl::Err(format!("unknown function {name}"))),
        })
    }
}
