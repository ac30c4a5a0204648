//! `test`, `[` and `[[` (in ash, `[[` is `test` closed by `]]`).

use crate::shell::applet::Ctx;
use crate::vfs::NodeKind;

struct T<'c, 'a> {
    ctx: &'c Ctx<'a>,
    args: Vec<String>,
    pos: usize,
    err: Option<String>,
}

impl T<'_, '_> {
    fn peek(&self) -> Option<&str> {
        self.args.get(self.pos).map(|s| s.as_str())
    }

    fn or(&mut self) -> bool {
        let mut v = self.and();
        while self.peek() == Some("-o") {
            self.pos += 1;
            let r = self.and();
            v = v || r;
        }
        v
    }

    fn and(&mut self) -> bool {
        let mut v = self.not();
        while self.peek() == Some("-a") {
            self.pos += 1;
            let r = self.not();
            v = v && r;
        }
        v
    }

    fn not(&mut self) -> bool {
        if self.peek() == Some("!") && self.args.len() - self.pos > 1 {
            self.pos += 1;
            return !self.not();
        }
        self.primary()
    }

    fn primary(&mut self) -> bool {
        let rest = self.args.len() - self.pos;
        let Some(a) = self.peek().map(String::from) else {
            return false;
        };
        if a == "(" && rest >= 3 {
            self.pos += 1;
            let v = self.or();
            if self.peek() == Some(")") {
                self.pos += 1;
            } else {
                self.err = Some("missing )".into());
            }
            return v;
        }
        if rest >= 3 {
            let op = self.args[self.pos + 1].clone();
            if is_binary(&op) {
                let b = self.args[self.pos + 2].clone();
                self.pos += 3;
                return self.binary(&a, &op, &b);
            }
        }
        if rest >= 2 && a.len() == 2 && a.starts_with('-') {
            let op = a.chars().nth(1).unwrap_or(' ');
            if "efdsrwxLhnzbcpSgukt".contains(op) {
                let b = self.args[self.pos + 1].clone();
                self.pos += 2;
                return self.unary(op, &b);
            }
        }
        self.pos += 1;
        !a.is_empty()
    }

    fn int(&mut self, s: &str) -> i64 {
        match s.trim().parse::<i64>() {
            Ok(v) => v,
            Err(_) => {
                self.err.get_or_insert(format!("{s}: integer expected"));
                0
            }
        }
    }

    fn binary(&mut self, a: &str, op: &str, b: &str) -> bool {
        match op {
            "=" | "==" => a == b,
            "!=" => a != b,
            "<" => a < b,
            ">" => a > b,
            "-eq" => self.int(a) == self.int(b),
            "-ne" => self.int(a) != self.int(b),
            "-lt" => self.int(a) < self.int(b),
            "-le" => self.int(a) <= self.int(b),
            "-gt" => self.int(a) > self.int(b),
            "-ge" => self.int(a) >= self.int(b),
            "-nt" | "-ot" => {
                let m = |p: &str| self.ctx.fs.lookup(&self.ctx.cwd, p, true).ok().map(|(_, n)| n.meta.mtime);
                match (m(a), m(b)) {
                    (Some(x), Some(y)) => {
                        if op == "-nt" {
                            x > y
                        } else {
                            x < y
                        }
                    }
                    (Some(_), None) => op == "-nt",
                    (None, Some(_)) => op == "-ot",
                    _ => false,
                }
            }
            "-ef" => {
                let r = |p: &str| self.ctx.fs.lookup(&self.ctx.cwd, p, true).ok().map(|(_, n)| n.ino);
                r(a).is_some() && r(a) == r(b)
            }
            _ => false,
        }
    }

    fn unary(&mut self, op: char, arg: &str) -> bool {
        let ctx = self.ctx;
        let node = |follow: bool| ctx.fs.lookup(&ctx.cwd, arg, follow).ok().map(|(_, n)| n.clone());
        let special = matches!(arg, "/dev/null" | "/dev/zero" | "/dev/stdin" | "/dev/stdout" | "/dev/stderr");
        let perm = |bit: u32| -> bool {
            let Some(n) = node(true) else { return special };
            if ctx.uid == 0 {
                return bit != 1 || n.is_dir() || n.meta.mode & 0o111 != 0;
            }
            let shift = if n.meta.uid == ctx.uid {
                6
            } else if n.meta.gid == ctx.gid {
                3
            } else {
                0
            };
            (n.meta.mode >> shift) & bit != 0
        };
        match op {
            'n' => !arg.is_empty(),
            'z' => arg.is_empty(),
            'e' => node(true).is_some() || special,
            'f' => node(true).is_some_and(|n| n.is_file()),
            'd' => node(true).is_some_and(|n| n.is_dir()),
            's' => node(true).is_some_and(|n| matches!(&n.kind, NodeKind::File(c) if !c.is_empty()) || n.is_dir()),
            'L' | 'h' => node(false).is_some_and(|n| n.is_symlink()),
            'r' => perm(4),
            'w' => perm(2),
            'x' => perm(1),
            'c' => special,
            'g' => node(true).is_some_and(|n| n.meta.mode & 0o2000 != 0),
            'u' => node(true).is_some_and(|n| n.meta.mode & 0o4000 != 0),
            'k' => node(true).is_some_and(|n| n.meta.mode & 0o1000 != 0),
            't' => false,
            _ => false,
        }
    }
}

fn is_binary(op: &str) -> bool {
    matches!(op, "=" | "==" | "!=" | "<" | ">" | "-eq" | "-ne" | "-lt" | "-le" | "-gt" | "-ge" | "-nt" | "-ot" | "-ef")
}

/// `test EXPR`, `[ EXPR ]`, `[[ EXPR ]]`.
pub fn test(ctx: &mut Ctx<'_>, argv: &[String]) -> i32 {
    let name = argv[0].as_str();
    let mut args: Vec<String> = argv[1..].to_vec();
    let close = match name {
        "[" => Some("]"),
        "[[" => Some("]]"),
        _ => None,
    };
    if let Some(c) = close {
        if args.last().map(|s| s.as_str()) != Some(c) {
            ctx.err(&format!("{name}: missing {c}\n"));
            return 2;
        }
        args.pop();
    }
    if args.is_empty() {
        return 1;
    }
    let (v, err) = {
        let mut t = T { ctx, args, pos: 0, err: None };
        let v = t.or();
        if t.pos < t.args.len() && t.err.is_none() {
            t.err = Some(format!("{}: unknown operand", t.args[t.pos]));
        }
        (v, t.err)
    };
    if let Some(e) = err {
        ctx.err(&format!("{name}: {e}\n"));
        return 2;
    }
    !v as i32
}
