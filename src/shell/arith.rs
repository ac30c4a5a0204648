//! Arithmetic expansion `$((…))`: 64-bit integer expressions with C operators,
//! variables and assignments.

/// Variable access for the evaluator.
pub trait ArithVars {
    /// The value of a variable (empty when unset).
    fn get(&self, name: &str) -> String;
    /// Sets a variable.
    fn set(&mut self, name: &str, value: i64);
}

/// Why an expression failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ArithError {
    /// Malformed expression.
    Syntax,
    /// Division or remainder by zero.
    DivZero,
    /// Parentheses or unary operators nested past the nesting budget.
    TooDeep,
}

impl std::fmt::Display for ArithError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            ArithError::Syntax => "arithmetic syntax error",
            ArithError::DivZero => "divide by zero",
            ArithError::TooDeep => "expression nested too deeply",
        })
    }
}

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Num(i64),
    Name(String),
    Op(&'static str),
}

const OPS: &[&str] = &[
    "<<=", ">>=", "**", "++", "--", "<<", ">>", "<=", ">=", "==", "!=", "&&", "||", "+=", "-=", "*=", "/=", "%=", "&=",
    "|=", "^=", "+", "-", "*", "/", "%", "<", ">", "&", "|", "^", "!", "~", "?", ":", "=", "(", ")", ",",
];

fn parse_num(s: &str) -> Option<i64> {
    let s = s.trim();
    if s.is_empty() {
        return Some(0);
    }
    let (neg, s) = match s.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, s.strip_prefix('+').unwrap_or(s)),
    };
    let v = if let Some(h) = s.strip_prefix("0x").or_else(|| s.strip_prefix("0X")) {
        i64::from_str_radix(h, 16).ok()?
    } else if s.len() > 1 && s.starts_with('0') {
        i64::from_str_radix(&s[1..], 8).ok()?
    } else if let Some((b, d)) = s.split_once('#') {
        i64::from_str_radix(d, b.parse().ok()?).ok()?
    } else {
        s.parse().ok()?
    };
    Some(if neg { v.wrapping_neg() } else { v })
}

fn lex(s: &str) -> Result<Vec<Tok>, ArithError> {
    let cs: Vec<char> = s.chars().collect();
    let mut i = 0;
    let mut out = Vec::new();
    'outer: while i < cs.len() {
        let c = cs[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if c.is_ascii_digit() {
            let st = i;
            while i < cs.len() && (cs[i].is_ascii_alphanumeric() || cs[i] == '#') {
                i += 1;
            }
            let t: String = cs[st..i].iter().collect();
            out.push(Tok::Num(parse_num(&t).ok_or(ArithError::Syntax)?));
            continue;
        }
        if c.is_ascii_alphabetic() || c == '_' {
            let st = i;
            while i < cs.len() && (cs[i].is_ascii_alphanumeric() || cs[i] == '_') {
                i += 1;
            }
            out.push(Tok::Name(cs[st..i].iter().collect()));
            continue;
        }
        for op in OPS {
            if op.chars().enumerate().all(|(k, oc)| cs.get(i + k) == Some(&oc)) {
                out.push(Tok::Op(op));
                i += op.len();
                continue 'outer;
            }
        }
        return Err(ArithError::Syntax);
    }
    Ok(out)
}

struct Ev<'a> {
    toks: Vec<Tok>,
    pos: usize,
    vars: &'a mut dyn ArithVars,
    /// When false, side effects and errors are suppressed (short-circuited branches).
    live: bool,
    /// Nesting of variables whose values are themselves expressions.
    depth: usize,
}

/// Evaluates an arithmetic expression.
pub fn eval(expr: &str, vars: &mut dyn ArithVars) -> Result<i64, ArithError> {
    let toks = lex(expr)?;
    if toks.is_empty() {
        return Ok(0);
    }
    eval_at(toks, vars, 0)
}

fn eval_at(toks: Vec<Tok>, vars: &mut dyn ArithVars, depth: usize) -> Result<i64, ArithError> {
    let mut ev = Ev { toks, pos: 0, vars, live: true, depth };
    let v = ev.comma()?;
    if ev.pos != ev.toks.len() {
        return Err(ArithError::Syntax);
    }
    Ok(v)
}

impl Ev<'_> {
    fn peek_op(&self) -> Option<&'static str> {
        match self.toks.get(self.pos) {
            Some(Tok::Op(o)) => Some(o),
            _ => None,
        }
    }

    fn eat(&mut self, op: &str) -> bool {
        if self.peek_op() == Some(op) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn var(&mut self, name: &str) -> Result<i64, ArithError> {
        let v = self.vars.get(name);
        if let Some(n) = parse_num(&v) {
            return Ok(n);
        }
        // A value such as `1+2` is evaluated as an expression, as ash does.
        if self.depth > 16 {
            return Err(ArithError::Syntax);
        }
        let toks = lex(&v)?;
        eval_at(toks, &mut *self.vars, self.depth + 1)
    }

    fn comma(&mut self) -> Result<i64, ArithError> {
        let mut v = self.assign()?;
        while self.eat(",") {
            v = self.assign()?;
        }
        Ok(v)
    }

    fn assign(&mut self) -> Result<i64, ArithError> {
        if let (Some(Tok::Name(n)), Some(Tok::Op(op))) =
            (self.toks.get(self.pos).cloned(), self.toks.get(self.pos + 1).cloned())
        {
            if matches!(op, "=" | "+=" | "-=" | "*=" | "/=" | "%=" | "<<=" | ">>=" | "&=" | "|=" | "^=") {
                self.pos += 2;
                let rhs = self.assign()?;
                let cur = if op == "=" { 0 } else { self.var(&n)? };
                let v = if op == "=" { rhs } else { self.binop(&op[..op.len() - 1], cur, rhs)? };
                if self.live {
                    self.vars.set(&n, v);
                }
                return Ok(v);
            }
        }
        self.ternary()
    }

    fn ternary(&mut self) -> Result<i64, ArithError> {
        let c = self.binary(0)?;
        if !self.eat("?") {
            return Ok(c);
        }
        let live = self.live;
        self.live = live && c != 0;
        let a = self.assign()?;
        if !self.eat(":") {
            return Err(ArithError::Syntax);
        }
        self.live = live && c == 0;
        let b = self.assign()?;
        self.live = live;
        Ok(if c != 0 { a } else { b })
    }

    fn binop(&self, op: &str, a: i64, b: i64) -> Result<i64, ArithError> {
        Ok(match op {
            "+" => a.wrapping_add(b),
            "-" => a.wrapping_sub(b),
            "*" => a.wrapping_mul(b),
            "/" | "%" if b == 0 => return if self.live { Err(ArithError::DivZero) } else { Ok(0) },
            "/" => a.wrapping_div(b),
            "%" => a.wrapping_rem(b),
            "**" => {
                if b < 0 {
                    return Err(ArithError::Syntax);
                }
                a.wrapping_pow(b.min(u32::MAX as i64) as u32)
            }
            "<<" => a.wrapping_shl(b as u32),
            ">>" => a.wrapping_shr(b as u32),
            "<" => (a < b) as i64,
            ">" => (a > b) as i64,
            "<=" => (a <= b) as i64,
            ">=" => (a >= b) as i64,
            "==" => (a == b) as i64,
            "!=" => (a != b) as i64,
            "&" => a & b,
            "|" => a | b,
            "^" => a ^ b,
            _ => return Err(ArithError::Syntax),
        })
    }

    fn binary(&mut self, level: usize) -> Result<i64, ArithError> {
        const LEVELS: &[&[&str]] = &[
            &["||"],
            &["&&"],
            &["|"],
            &["^"],
            &["&"],
            &["==", "!="],
            &["<", ">", "<=", ">="],
            &["<<", ">>"],
            &["+", "-"],
            &["*", "/", "%"],
        ];
        if level == LEVELS.len() {
            return self.power();
        }
        let mut a = self.binary(level + 1)?;
        while let Some(op) = self.peek_op().filter(|o| LEVELS[level].contains(o)) {
            self.pos += 1;
            if op == "&&" || op == "||" {
                let live = self.live;
                let short = if op == "&&" { a == 0 } else { a != 0 };
                self.live = live && !short;
                let b = self.binary(level + 1)?;
                self.live = live;
                a = if op == "&&" { (a != 0 && b != 0) as i64 } else { (a != 0 || b != 0) as i64 };
            } else {
                let b = self.binary(level + 1)?;
                a = self.binop(op, a, b)?;
            }
        }
        Ok(a)
    }

    fn power(&mut self) -> Result<i64, ArithError> {
        let a = self.unary()?;
        if self.eat("**") {
            let b = self.power()?;
            return self.binop("**", a, b);
        }
        Ok(a)
    }

    fn unary(&mut self) -> Result<i64, ArithError> {
        let _level = super::depth::enter().ok_or(ArithError::TooDeep)?;
        if let Some(op) = self.peek_op() {
            match op {
                "-" | "+" | "!" | "~" => {
                    self.pos += 1;
                    let v = self.unary()?;
                    return Ok(match op {
                        "-" => v.wrapping_neg(),
                        "+" => v,
                        "!" => (v == 0) as i64,
                        _ => !v,
                    });
                }
                "++" | "--" => {
                    self.pos += 1;
                    let Some(Tok::Name(n)) = self.toks.get(self.pos).cloned() else { return Err(ArithError::Syntax) };
                    self.pos += 1;
                    let v = self.var(&n)? + if op == "++" { 1 } else { -1 };
                    if self.live {
                        self.vars.set(&n, v);
                    }
                    return Ok(v);
                }
                _ => {}
            }
        }
        self.primary()
    }

    fn primary(&mut self) -> Result<i64, ArithError> {
        match self.toks.get(self.pos).cloned() {
            Some(Tok::Num(n)) => {
                self.pos += 1;
                Ok(n)
            }
            Some(Tok::Name(n)) => {
                self.pos += 1;
                let v = self.var(&n)?;
                if let Some(op @ ("++" | "--")) = self.peek_op() {
                    self.pos += 1;
                    if self.live {
                        self.vars.set(&n, v + if op == "++" { 1 } else { -1 });
                    }
                }
                Ok(v)
            }
            Some(Tok::Op("(")) => {
                self.pos += 1;
                let v = self.comma()?;
                if !self.eat(")") {
                    return Err(ArithError::Syntax);
                }
                Ok(v)
            }
            _ => Err(ArithError::Syntax),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    struct V(BTreeMap<String, String>);
    impl ArithVars for V {
        fn get(&self, n: &str) -> String {
            self.0.get(n).cloned().unwrap_or_default()
        }
        fn set(&mut self, n: &str, v: i64) {
            self.0.insert(n.into(), v.to_string());
        }
    }

    #[test]
    fn evaluates() {
        let mut v = V(BTreeMap::new());
        assert_eq!(eval("1 + 2 * 3", &mut v), Ok(7));
        assert_eq!(eval("7 / 2", &mut v), Ok(3));
        assert_eq!(eval("2 ** 10", &mut v), Ok(1024));
        assert_eq!(eval("1 << 3 | 1", &mut v), Ok(9));
        assert_eq!(eval("x = 5, x += 2", &mut v), Ok(7));
        assert_eq!(v.get("x"), "7");
        assert_eq!(eval("x++ + ++x", &mut v), Ok(16));
        assert_eq!(eval("x > 3 ? 10 : 20", &mut v), Ok(10));
        assert_eq!(eval("0x10 + 010", &mut v), Ok(24));
        assert_eq!(eval("-(3 - 5)", &mut v), Ok(2));
        assert_eq!(eval("1 / 0", &mut v), Err(ArithError::DivZero));
        assert_eq!(eval("0 && 1 / 0", &mut v), Ok(0));
        assert_eq!(eval("1 +", &mut v), Err(ArithError::Syntax));
        assert_eq!(eval("", &mut v), Ok(0));
        v.set("e", 0);
        v.0.insert("e".into(), "x + 1".into());
        assert_eq!(eval("e * 2", &mut v), Ok(20));
    }
}
