//! `expr`: integer arithmetic, comparisons, `:`/`match`, `substr`, `index`, `length`.

use super::regex::compile;
use crate::shell::applet::Ctx;

#[derive(Clone, Debug, PartialEq)]
enum Val {
    Int(i64),
    Str(String),
}

impl Val {
    fn text(&self) -> String {
        match self {
            Val::Int(i) => i.to_string(),
            Val::Str(s) => s.clone(),
        }
    }
    fn int(&self) -> Option<i64> {
        match self {
            Val::Int(i) => Some(*i),
            Val::Str(s) => s.trim().parse().ok(),
        }
    }
    fn null(&self) -> bool {
        match self {
            Val::Int(i) => *i == 0,
            Val::Str(s) => s.is_empty() || s == "0",
        }
    }
}

struct E<'a> {
    a: &'a [String],
    i: usize,
}

type R = Result<Val, String>;

impl E<'_> {
    fn peek(&self) -> Option<&str> {
        self.a.get(self.i).map(|s| s.as_str())
    }
    fn or(&mut self) -> R {
        let mut l = self.and()?;
        while self.peek() == Some("|") {
            self.i += 1;
            let r = self.and()?;
            l = if l.null() {
                if r.null() {
                    Val::Int(0)
                } else {
                    r
                }
            } else {
                l
            };
        }
        Ok(l)
    }
    fn and(&mut self) -> R {
        let mut l = self.cmp()?;
        while self.peek() == Some("&") {
            self.i += 1;
            let r = self.cmp()?;
            l = if l.null() || r.null() { Val::Int(0) } else { l };
        }
        Ok(l)
    }
    fn cmp(&mut self) -> R {
        let mut l = self.add()?;
        while let Some(op) =
            self.peek().filter(|o| matches!(*o, "<" | "<=" | "=" | "==" | "!=" | ">=" | ">")).map(String::from)
        {
            self.i += 1;
            let r = self.add()?;
            let ord = match (l.int(), r.int()) {
                (Some(x), Some(y)) => x.cmp(&y),
                _ => l.text().cmp(&r.text()),
            };
            use std::cmp::Ordering::*;
            let b = match op.as_str() {
                "<" => ord == Less,
                "<=" => ord != Greater,
                "=" | "==" => ord == Equal,
                "!=" => ord != Equal,
                ">=" => ord != Less,
                _ => ord == Greater,
            };
            l = Val::Int(b as i64);
        }
        Ok(l)
    }
    fn add(&mut self) -> R {
        let mut l = self.mul()?;
        while let Some(op) = self.peek().filter(|o| *o == "+" || *o == "-").map(String::from) {
            self.i += 1;
            let r = self.mul()?;
            let (x, y) = (l.int().ok_or("non-numeric argument")?, r.int().ok_or("non-numeric argument")?);
            l = Val::Int(if op == "+" { x.wrapping_add(y) } else { x.wrapping_sub(y) });
        }
        Ok(l)
    }
    fn mul(&mut self) -> R {
        let mut l = self.colon()?;
        while let Some(op) = self.peek().filter(|o| matches!(*o, "*" | "/" | "%")).map(String::from) {
            self.i += 1;
            let r = self.colon()?;
            let (x, y) = (l.int().ok_or("non-numeric argument")?, r.int().ok_or("non-numeric argument")?);
            if op != "*" && y == 0 {
                return Err("division by zero".into());
            }
            l = Val::Int(match op.as_str() {
                "*" => x.wrapping_mul(y),
                "/" => x / y,
                _ => x % y,
            });
        }
        Ok(l)
    }
    fn colon(&mut self) -> R {
        let mut l = self.prim()?;
        while self.peek() == Some(":") {
            self.i += 1;
            let r = self.prim()?;
            l = matching(&l.text(), &r.text())?;
        }
        Ok(l)
    }
    fn arg(&mut self) -> Result<String, String> {
        let v = self.a.get(self.i).cloned().ok_or("syntax error")?;
        self.i += 1;
        Ok(v)
    }
    fn prim(&mut self) -> R {
        let t = self.arg()?;
        Ok(match t.as_str() {
            "(" => {
                let v = self.or()?;
                if self.arg()? != ")" {
                    return Err("syntax error".into());
                }
                v
            }
            "length" => Val::Int(self.arg()?.chars().count() as i64),
            "match" => {
                let s = self.arg()?;
                let re = self.arg()?;
                matching(&s, &re)?
            }
            "substr" => {
                let s: Vec<char> = self.arg()?.chars().collect();
                let p: i64 = self.arg()?.parse().map_err(|_| "non-numeric argument")?;
                let n: i64 = self.arg()?.parse().map_err(|_| "non-numeric argument")?;
                if p < 1 || n < 1 || p as usize > s.len() {
                    Val::Str(String::new())
                } else {
                    Val::Str(s[p as usize - 1..(p as usize - 1 + n as usize).min(s.len())].iter().collect())
                }
            }
            "index" => {
                let s = self.arg()?;
                let chars = self.arg()?;
                Val::Int(s.chars().position(|c| chars.contains(c)).map(|p| p as i64 + 1).unwrap_or(0))
            }
            _ => match t.parse::<i64>() {
                Ok(i) => Val::Int(i),
                Err(_) => Val::Str(t),
            },
        })
    }
}

fn matching(s: &str, re: &str) -> R {
    let r = compile(&format!("^{}", re.trim_start_matches('^')), false, false, false)?;
    Ok(match r.captures(s) {
        Some(c) => match c.get(1) {
            Some(g) => Val::Str(g.as_str().to_string()),
            None if r.captures_len() > 1 => Val::Str(String::new()),
            None => Val::Int(c.get(0).map(|m| m.as_str().chars().count()).unwrap_or(0) as i64),
        },
        None => {
            if r.captures_len() > 1 {
                Val::Str(String::new())
            } else {
                Val::Int(0)
            }
        }
    })
}

/// `expr EXPRESSION…`
pub fn expr(ctx: &mut Ctx<'_>, argv: &[String]) -> i32 {
    let mut e = E { a: &argv[1..], i: 0 };
    match e.or() {
        Ok(v) if e.i == e.a.len() => {
            ctx.out(&format!("{}\n", v.text()));
            v.null() as i32
        }
        Ok(_) => {
            ctx.err("expr: syntax error\n");
            2
        }
        Err(m) => {
            ctx.err(&format!("expr: {m}\n"));
            2
        }
    }
}
