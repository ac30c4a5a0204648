//! awk syntax tree and parser.

use super::lexer::Tok;

/// An expression.
#[derive(Clone, Debug)]
pub enum Expr {
    Num(f64),
    Str(String),
    Regex(String),
    Var(String),
    Field(Box<Expr>),
    Index(String, Vec<Expr>),
    Assign(Box<Expr>, Option<ArithOp>, Box<Expr>),
    Cond(Box<Expr>, Box<Expr>, Box<Expr>),
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
    Not(Box<Expr>),
    Neg(Box<Expr>),
    Pos(Box<Expr>),
    Bin(ArithOp, Box<Expr>, Box<Expr>),
    Cmp(CmpOp, Box<Expr>, Box<Expr>),
    Match(bool, Box<Expr>, Box<Expr>),
    Concat(Box<Expr>, Box<Expr>),
    In(Vec<Expr>, String),
    IncDec(bool, f64, Box<Expr>),
    Call(String, Vec<Expr>),
    Builtin(String, Vec<Expr>),
    Getline(Option<Box<Expr>>, Option<Box<Expr>>),
    Group(Vec<Expr>),
}

/// An arithmetic operator (`+ - * / % ^`, and the `op=` assignments).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArithOp {
    Add,
    Sub,
    Mul,
    Div,
    Mod,
    Pow,
}

impl ArithOp {
    /// The operator of an assignment token (`+=` → `Add`); `None` for plain `=` and for
    /// anything else.
    fn of_assignment(tok: &str) -> Option<ArithOp> {
        Some(match tok {
            "+=" => ArithOp::Add,
            "-=" => ArithOp::Sub,
            "*=" => ArithOp::Mul,
            "/=" => ArithOp::Div,
            "%=" => ArithOp::Mod,
            "^=" => ArithOp::Pow,
            _ => return None,
        })
    }
}

/// A comparison operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CmpOp {
    Lt,
    Le,
    Gt,
    Ge,
    Eq,
    Ne,
}

/// Where `print` output goes.
#[derive(Clone, Debug)]
pub enum Dest {
    File(Expr, bool),
    Pipe(Expr),
}

/// A statement.
#[derive(Clone, Debug)]
pub enum Stmt {
    Expr(Expr),
    Print(Vec<Expr>, Option<Dest>),
    Printf(Vec<Expr>, Option<Dest>),
    If(Expr, Box<Stmt>, Option<Box<Stmt>>),
    While(Expr, Box<Stmt>),
    Do(Box<Stmt>, Expr),
    For(Option<Box<Stmt>>, Option<Expr>, Option<Box<Stmt>>, Box<Stmt>),
    ForIn(String, String, Box<Stmt>),
    Block(Vec<Stmt>),
    Next,
    Exit(Option<Expr>),
    Return(Option<Expr>),
    Break,
    Continue,
    Delete(String, Option<Vec<Expr>>),
}

/// When a rule runs.
#[derive(Clone, Debug)]
pub enum Pattern {
    Begin,
    End,
    All,
    Expr(Expr),
    Range(Expr, Expr),
}

/// A user function.
#[derive(Clone, Debug)]
pub struct Func {
    pub params: Vec<String>,
    pub body: Vec<Stmt>,
}

/// A parsed program.
#[derive(Clone, Debug, Default)]
pub struct Program {
    pub rules: Vec<(Pattern, Option<Vec<Stmt>>)>,
    pub funcs: std::collections::HashMap<String, Func>,
}

struct P {
    t: Vec<Tok>,
    i: usize,
    no_gt: bool,
    no_in: bool,
}

type R<T> = Result<T, String>;

impl P {
    fn peek(&self) -> &Tok {
        self.t.get(self.i).unwrap_or(&Tok::Eof)
    }
    fn next(&mut self) -> Tok {
        let t = self.peek().clone();
        self.i += 1;
        t
    }
    fn is_op(&self, o: &str) -> bool {
        matches!(self.peek(), Tok::Op(x) if *x == o)
    }
    fn is_kw(&self, k: &str) -> bool {
        matches!(self.peek(), Tok::Kw(x) if *x == k)
    }
    fn eat_op(&mut self, o: &str) -> bool {
        if self.is_op(o) {
            self.i += 1;
            true
        } else {
            false
        }
    }
    fn expect_op(&mut self, o: &str) -> R<()> {
        if self.eat_op(o) {
            Ok(())
        } else {
            Err(format!("syntax error: expected '{o}' near {:?}", self.peek()))
        }
    }
    fn nl(&mut self) {
        while *self.peek() == Tok::Newline {
            self.i += 1;
        }
    }
    fn terms(&mut self) {
        while *self.peek() == Tok::Newline || self.is_op(";") {
            self.i += 1;
        }
    }

    fn program(&mut self) -> R<Program> {
        let mut prog = Program::default();
        loop {
            self.terms();
            match self.peek().clone() {
                Tok::Eof => break,
                Tok::Kw("function") => {
                    self.i += 1;
                    let name = match self.next() {
                        Tok::Func(n) | Tok::Name(n) => n,
                        t => return Err(format!("syntax error: bad function name {t:?}")),
                    };
                    self.expect_op("(")?;
                    let mut params = Vec::new();
                    while let Tok::Name(n) = self.peek().clone() {
                        self.i += 1;
                        params.push(n);
                        self.eat_op(",");
                        self.nl();
                    }
                    self.expect_op(")")?;
                    self.nl();
                    let body = self.block()?;
                    prog.funcs.insert(name, Func { params, body });
                }
                Tok::Kw("BEGIN") => {
                    self.i += 1;
                    self.nl();
                    let b = self.block()?;
                    prog.rules.push((Pattern::Begin, Some(b)));
                }
                Tok::Kw("END") => {
                    self.i += 1;
                    self.nl();
                    let b = self.block()?;
                    prog.rules.push((Pattern::End, Some(b)));
                }
                Tok::Op("{") => {
                    let b = self.block()?;
                    prog.rules.push((Pattern::All, Some(b)));
                }
                _ => {
                    let e = self.expr()?;
                    let pat = if self.eat_op(",") {
                        self.nl();
                        Pattern::Range(e, self.expr()?)
                    } else {
                        Pattern::Expr(e)
                    };
                    let action = if self.is_op("{") { Some(self.block()?) } else { None };
                    prog.rules.push((pat, action));
                }
            }
        }
        Ok(prog)
    }

    fn block(&mut self) -> R<Vec<Stmt>> {
        self.expect_op("{")?;
        let mut out = Vec::new();
        loop {
            self.terms();
            if self.eat_op("}") {
                return Ok(out);
            }
            if *self.peek() == Tok::Eof {
                return Err("syntax error: unexpected end of program".into());
            }
            out.push(self.stmt()?);
        }
    }

    fn end_simple(&mut self) -> R<()> {
        if self.is_op(";") || *self.peek() == Tok::Newline {
            self.i += 1;
            Ok(())
        } else if self.is_op("}") || *self.peek() == Tok::Eof {
            Ok(())
        } else {
            Err(format!("syntax error near {:?}", self.peek()))
        }
    }

    fn stmt(&mut self) -> R<Stmt> {
        let _level = crate::shell::depth::enter().ok_or("nesting too deep")?;
        if self.is_op("{") {
            return Ok(Stmt::Block(self.block()?));
        }
        if self.eat_op(";") {
            return Ok(Stmt::Block(Vec::new()));
        }
        let Tok::Kw(k) = self.peek().clone() else {
            let s = self.simple()?;
            self.end_simple()?;
            return Ok(s);
        };
        match k {
            "if" => {
                self.i += 1;
                self.expect_op("(")?;
                let c = self.expr()?;
                self.expect_op(")")?;
                self.nl();
                let then = self.stmt()?;
                let save = self.i;
                self.terms();
                if self.is_kw("else") {
                    self.i += 1;
                    self.nl();
                    let e = self.stmt()?;
                    return Ok(Stmt::If(c, Box::new(then), Some(Box::new(e))));
                }
                self.i = save;
                Ok(Stmt::If(c, Box::new(then), None))
            }
            "while" => {
                self.i += 1;
                self.expect_op("(")?;
                let c = self.expr()?;
                self.expect_op(")")?;
                if self.eat_op(";") {
                    return Ok(Stmt::While(c, Box::new(Stmt::Block(Vec::new()))));
                }
                self.nl();
                Ok(Stmt::While(c, Box::new(self.stmt()?)))
            }
            "do" => {
                self.i += 1;
                self.nl();
                let body = self.stmt()?;
                self.terms();
                if !self.is_kw("while") {
                    return Err("syntax error: expected while".into());
                }
                self.i += 1;
                self.expect_op("(")?;
                let c = self.expr()?;
                self.expect_op(")")?;
                self.end_simple()?;
                Ok(Stmt::Do(Box::new(body), c))
            }
            "for" => {
                self.i += 1;
                self.expect_op("(")?;
                if let (Tok::Name(v), Tok::Kw("in"), Tok::Name(a)) = (
                    self.peek().clone(),
                    self.t.get(self.i + 1).cloned().unwrap_or(Tok::Eof),
                    self.t.get(self.i + 2).cloned().unwrap_or(Tok::Eof),
                ) {
                    if matches!(self.t.get(self.i + 3), Some(Tok::Op(")"))) {
                        self.i += 4;
                        self.nl();
                        return Ok(Stmt::ForIn(v, a, Box::new(self.stmt()?)));
                    }
                }
                let init = if self.is_op(";") { None } else { Some(Box::new(self.simple()?)) };
                self.expect_op(";")?;
                self.nl();
                let cond = if self.is_op(";") { None } else { Some(self.expr()?) };
                self.expect_op(";")?;
                self.nl();
                let step = if self.is_op(")") { None } else { Some(Box::new(self.simple()?)) };
                self.expect_op(")")?;
                if self.eat_op(";") {
                    return Ok(Stmt::For(init, cond, step, Box::new(Stmt::Block(Vec::new()))));
                }
                self.nl();
                Ok(Stmt::For(init, cond, step, Box::new(self.stmt()?)))
            }
            _ => {
                let s = self.simple()?;
                self.end_simple()?;
                Ok(s)
            }
        }
    }

    fn simple(&mut self) -> R<Stmt> {
        match self.peek().clone() {
            Tok::Kw(k @ ("print" | "printf")) => {
                self.i += 1;
                let mut args = Vec::new();
                let save_gt = self.no_gt;
                self.no_gt = true;
                if !(self.is_op(";")
                    || self.is_op("}")
                    || self.is_op(">")
                    || self.is_op(">>")
                    || self.is_op("|")
                    || *self.peek() == Tok::Newline
                    || *self.peek() == Tok::Eof)
                {
                    args.push(self.expr()?);
                    while self.eat_op(",") {
                        self.nl();
                        args.push(self.expr()?);
                    }
                }
                self.no_gt = save_gt;
                if args.len() == 1 {
                    if let Expr::Group(g) = &args[0] {
                        args = g.clone();
                    }
                }
                let dest = if self.eat_op(">") {
                    Some(Dest::File(self.concat_level()?, false))
                } else if self.eat_op(">>") {
                    Some(Dest::File(self.concat_level()?, true))
                } else if self.eat_op("|") {
                    Some(Dest::Pipe(self.concat_level()?))
                } else {
                    None
                };
                Ok(if k == "print" { Stmt::Print(args, dest) } else { Stmt::Printf(args, dest) })
            }
            Tok::Kw("next") | Tok::Kw("nextfile") => {
                self.i += 1;
                Ok(Stmt::Next)
            }
            Tok::Kw("break") => {
                self.i += 1;
                Ok(Stmt::Break)
            }
            Tok::Kw("continue") => {
                self.i += 1;
                Ok(Stmt::Continue)
            }
            Tok::Kw(k @ ("exit" | "return")) => {
                self.i += 1;
                let e =
                    if self.is_op(";") || self.is_op("}") || *self.peek() == Tok::Newline || *self.peek() == Tok::Eof {
                        None
                    } else {
                        Some(self.expr()?)
                    };
                Ok(if k == "exit" { Stmt::Exit(e) } else { Stmt::Return(e) })
            }
            Tok::Kw("delete") => {
                self.i += 1;
                let Tok::Name(n) = self.next() else { return Err("syntax error: delete needs an array".into()) };
                if self.eat_op("[") {
                    let subs = self.expr_list("]")?;
                    return Ok(Stmt::Delete(n, Some(subs)));
                }
                Ok(Stmt::Delete(n, None))
            }
            _ => Ok(Stmt::Expr(self.expr()?)),
        }
    }

    fn expr_list(&mut self, close: &str) -> R<Vec<Expr>> {
        let mut v = vec![self.expr()?];
        while self.eat_op(",") {
            self.nl();
            v.push(self.expr()?);
        }
        self.expect_op(close)?;
        Ok(v)
    }

    fn expr(&mut self) -> R<Expr> {
        let _level = crate::shell::depth::enter().ok_or("nesting too deep")?;
        let c = self.or()?;
        if self.eat_op("?") {
            self.nl();
            let a = self.expr()?;
            self.nl();
            self.expect_op(":")?;
            self.nl();
            let b = self.expr()?;
            return Ok(Expr::Cond(Box::new(c), Box::new(a), Box::new(b)));
        }
        if let Tok::Op(op @ ("=" | "+=" | "-=" | "*=" | "/=" | "%=" | "^=")) = self.peek().clone() {
            if matches!(c, Expr::Var(_) | Expr::Field(_) | Expr::Index(..)) {
                self.i += 1;
                self.nl();
                let rhs = self.expr()?;
                return Ok(Expr::Assign(Box::new(c), ArithOp::of_assignment(op), Box::new(rhs)));
            }
        }
        Ok(c)
    }

    fn or(&mut self) -> R<Expr> {
        let mut l = self.and()?;
        while self.eat_op("||") {
            self.nl();
            let r = self.and()?;
            l = Expr::Or(Box::new(l), Box::new(r));
        }
        Ok(l)
    }

    fn and(&mut self) -> R<Expr> {
        let mut l = self.in_()?;
        while self.eat_op("&&") {
            self.nl();
            let r = self.in_()?;
            l = Expr::And(Box::new(l), Box::new(r));
        }
        Ok(l)
    }

    fn in_(&mut self) -> R<Expr> {
        let mut l = self.match_()?;
        while !self.no_in && self.is_kw("in") {
            self.i += 1;
            let Tok::Name(a) = self.next() else { return Err("syntax error: in needs an array".into()) };
            let keys = match l {
                Expr::Group(g) => g,
                e => vec![e],
            };
            l = Expr::In(keys, a);
        }
        Ok(l)
    }

    fn match_(&mut self) -> R<Expr> {
        let mut l = self.cmp()?;
        loop {
            let neg = if self.eat_op("~") {
                false
            } else if self.eat_op("!~") {
                true
            } else {
                break;
            };
            let r = self.cmp()?;
            l = Expr::Match(neg, Box::new(l), Box::new(r));
        }
        Ok(l)
    }

    fn cmp(&mut self) -> R<Expr> {
        let l = self.concat_level()?;
        let op = match self.peek() {
            Tok::Op("<") => CmpOp::Lt,
            Tok::Op("<=") => CmpOp::Le,
            Tok::Op("==") => CmpOp::Eq,
            Tok::Op("!=") => CmpOp::Ne,
            Tok::Op(">=") => CmpOp::Ge,
            Tok::Op(">") if !self.no_gt => CmpOp::Gt,
            _ => return Ok(l),
        };
        self.i += 1;
        let r = self.concat_level()?;
        Ok(Expr::Cmp(op, Box::new(l), Box::new(r)))
    }

    fn starts_operand(&self) -> bool {
        match self.peek() {
            Tok::Num(_) | Tok::Str(_) | Tok::Regex(_) | Tok::Name(_) | Tok::Func(_) | Tok::Builtin(_) => true,
            Tok::Op(o) => matches!(*o, "$" | "(" | "!" | "++" | "--" | "-" | "+"),
            Tok::Kw("getline") => false,
            _ => false,
        }
    }

    fn concat_level(&mut self) -> R<Expr> {
        let mut l = self.additive()?;
        while self.starts_operand() && !self.is_op("-") && !self.is_op("+") && !self.is_op("!") {
            let r = self.additive()?;
            l = Expr::Concat(Box::new(l), Box::new(r));
        }
        Ok(l)
    }

    fn additive(&mut self) -> R<Expr> {
        let mut l = self.mul()?;
        loop {
            let op = if self.eat_op("+") {
                ArithOp::Add
            } else if self.eat_op("-") {
                ArithOp::Sub
            } else {
                break;
            };
            let r = self.mul()?;
            l = Expr::Bin(op, Box::new(l), Box::new(r));
        }
        Ok(l)
    }

    fn mul(&mut self) -> R<Expr> {
        let mut l = self.unary()?;
        loop {
            let op = match self.peek() {
                Tok::Op("*") => ArithOp::Mul,
                Tok::Op("/") => ArithOp::Div,
                Tok::Op("%") => ArithOp::Mod,
                _ => break,
            };
            self.i += 1;
            let r = self.unary()?;
            l = Expr::Bin(op, Box::new(l), Box::new(r));
        }
        Ok(l)
    }

    fn unary(&mut self) -> R<Expr> {
        let _level = crate::shell::depth::enter().ok_or("nesting too deep")?;
        if self.eat_op("!") {
            return Ok(Expr::Not(Box::new(self.unary()?)));
        }
        if self.eat_op("-") {
            return Ok(Expr::Neg(Box::new(self.unary()?)));
        }
        if self.eat_op("+") {
            return Ok(Expr::Pos(Box::new(self.unary()?)));
        }
        self.pow()
    }

    fn pow(&mut self) -> R<Expr> {
        let b = self.postfix()?;
        if self.eat_op("^") {
            let e = self.unary()?;
            return Ok(Expr::Bin(ArithOp::Pow, Box::new(b), Box::new(e)));
        }
        Ok(b)
    }

    fn postfix(&mut self) -> R<Expr> {
        if self.eat_op("++") {
            return Ok(Expr::IncDec(true, 1.0, Box::new(self.postfix()?)));
        }
        if self.eat_op("--") {
            return Ok(Expr::IncDec(true, -1.0, Box::new(self.postfix()?)));
        }
        let e = self.primary()?;
        if matches!(e, Expr::Var(_) | Expr::Field(_) | Expr::Index(..)) {
            if self.eat_op("++") {
                return Ok(Expr::IncDec(false, 1.0, Box::new(e)));
            }
            if self.eat_op("--") {
                return Ok(Expr::IncDec(false, -1.0, Box::new(e)));
            }
        }
        if self.is_op("|") && matches!(self.t.get(self.i + 1), Some(Tok::Kw("getline"))) {
            self.i += 2;
            let var =
                if matches!(self.peek(), Tok::Name(_) | Tok::Op("$")) { Some(Box::new(self.primary()?)) } else { None };
            return Ok(Expr::Getline(var, Some(Box::new(Expr::Builtin("__pipe".into(), vec![e])))));
        }
        Ok(e)
    }

    fn primary(&mut self) -> R<Expr> {
        match self.next() {
            Tok::Num(n) => Ok(Expr::Num(n)),
            Tok::Str(s) => Ok(Expr::Str(s)),
            Tok::Regex(r) => Ok(Expr::Regex(r)),
            Tok::Op("$") => {
                let e = if self.eat_op("++") {
                    Expr::IncDec(true, 1.0, Box::new(self.primary()?))
                } else if self.eat_op("-") {
                    Expr::Neg(Box::new(self.primary()?))
                } else {
                    self.primary()?
                };
                Ok(Expr::Field(Box::new(e)))
            }
            Tok::Op("(") => {
                let save = (self.no_gt, self.no_in);
                self.no_gt = false;
                self.no_in = false;
                let first = self.expr()?;
                let r = if self.is_op(",") {
                    let mut v = vec![first];
                    while self.eat_op(",") {
                        self.nl();
                        v.push(self.expr()?);
                    }
                    self.expect_op(")")?;
                    Expr::Group(v)
                } else {
                    self.expect_op(")")?;
                    Expr::Group(vec![first])
                };
                (self.no_gt, self.no_in) = save;
                Ok(match r {
                    Expr::Group(mut v) if v.len() == 1 && !self.is_kw("in") => v.remove(0),
                    other => other,
                })
            }
            Tok::Op("-") => Ok(Expr::Neg(Box::new(self.primary()?))),
            Tok::Op("!") => Ok(Expr::Not(Box::new(self.primary()?))),
            Tok::Name(n) => {
                if self.eat_op("[") {
                    let subs = self.expr_list("]")?;
                    return Ok(Expr::Index(n, subs));
                }
                Ok(Expr::Var(n))
            }
            Tok::Func(n) => {
                self.expect_op("(")?;
                let args = if self.eat_op(")") { Vec::new() } else { self.expr_list(")")? };
                Ok(Expr::Call(n, args))
            }
            Tok::Builtin(n) => {
                let args = if self.eat_op("(") {
                    if self.eat_op(")") {
                        Vec::new()
                    } else {
                        self.expr_list(")")?
                    }
                } else {
                    Vec::new()
                };
                Ok(Expr::Builtin(n, args))
            }
            Tok::Kw("getline") => {
                let var = if matches!(self.peek(), Tok::Name(_) | Tok::Op("$")) {
                    Some(Box::new(self.primary()?))
                } else {
                    None
                };
                let file = if self.eat_op("<") { Some(Box::new(self.primary()?)) } else { None };
                Ok(Expr::Getline(var, file))
            }
            t => Err(format!("syntax error: unexpected {}", describe(&t))),
        }
    }
}

fn describe(t: &Tok) -> String {
    match t {
        Tok::Eof => "end of program".into(),
        Tok::Newline => "newline".into(),
        Tok::Op(o) | Tok::Kw(o) => format!("'{o}'"),
        other => format!("{other:?}"),
    }
}

/// Parses an awk program.
pub fn parse(src: &str) -> Result<Program, String> {
    let t = super::lexer::lex(src)?;
    P { t, i: 0, no_gt: false, no_in: false }.program()
}
