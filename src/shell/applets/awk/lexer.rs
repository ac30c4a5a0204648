//! awk tokens.

/// An awk token.
#[derive(Clone, Debug, PartialEq)]
pub enum Tok {
    Num(f64),
    Str(String),
    Regex(String),
    Name(String),
    /// A name directly followed by `(` (a function call).
    Func(String),
    Builtin(String),
    Kw(&'static str),
    Op(&'static str),
    Newline,
    Eof,
}

const KEYWORDS: &[&str] = &[
    "BEGIN", "END", "function", "func", "if", "else", "while", "for", "do", "break", "continue", "next", "nextfile",
    "exit", "return", "delete", "in", "getline", "print", "printf",
];
const BUILTINS: &[&str] = &[
    "length", "substr", "index", "split", "sub", "gsub", "match", "sprintf", "tolower", "toupper", "int", "sqrt",
    "exp", "log", "sin", "cos", "atan2", "rand", "srand", "system", "close", "fflush",
];
const OPS: &[&str] = &[
    "&&", "||", "==", "!=", "<=", ">=", "!~", "++", "--", "+=", "-=", "*=", "/=", "%=", "^=", "**", ">>", "{", "}",
    "(", ")", "[", "]", ";", ",", "+", "-", "*", "/", "%", "^", "!", "<", ">", "~", "?", ":", "=", "$", "|",
];

/// Splits awk source into tokens.
pub fn lex(src: &str) -> Result<Vec<Tok>, String> {
    let cs: Vec<char> = src.chars().collect();
    let mut out: Vec<Tok> = Vec::new();
    let mut i = 0;
    while i < cs.len() {
        let c = cs[i];
        if c == ' ' || c == '\t' || c == '\r' {
            i += 1;
            continue;
        }
        if c == '\\' && cs.get(i + 1) == Some(&'\n') {
            i += 2;
            continue;
        }
        if c == '#' {
            while i < cs.len() && cs[i] != '\n' {
                i += 1;
            }
            continue;
        }
        if c == '\n' {
            out.push(Tok::Newline);
            i += 1;
            continue;
        }
        if c.is_ascii_digit() || (c == '.' && cs.get(i + 1).is_some_and(|d| d.is_ascii_digit())) {
            let st = i;
            if c == '0' && matches!(cs.get(i + 1), Some('x') | Some('X')) {
                i += 2;
                while i < cs.len() && cs[i].is_ascii_hexdigit() {
                    i += 1;
                }
                let t: String = cs[st + 2..i].iter().collect();
                out.push(Tok::Num(i64::from_str_radix(&t, 16).unwrap_or(0) as f64));
                continue;
            }
            while i < cs.len() && (cs[i].is_ascii_digit() || cs[i] == '.') {
                i += 1;
            }
            if i < cs.len()
                && (cs[i] == 'e' || cs[i] == 'E')
                && cs.get(i + 1).is_some_and(|d| d.is_ascii_digit() || *d == '-' || *d == '+')
            {
                i += 2;
                while i < cs.len() && cs[i].is_ascii_digit() {
                    i += 1;
                }
            }
            let t: String = cs[st..i].iter().collect();
            out.push(Tok::Num(t.parse().map_err(|_| format!("bad number {t}"))?));
            continue;
        }
        if c.is_ascii_alphabetic() || c == '_' {
            let st = i;
            while i < cs.len() && (cs[i].is_ascii_alphanumeric() || cs[i] == '_') {
                i += 1;
            }
            let w: String = cs[st..i].iter().collect();
            if let Some(k) = KEYWORDS.iter().find(|k| **k == w) {
                out.push(Tok::Kw(if *k == "func" { "function" } else { k }));
            } else if BUILTINS.contains(&w.as_str()) {
                out.push(Tok::Builtin(w));
            } else if cs.get(i) == Some(&'(') {
                out.push(Tok::Func(w));
            } else {
                out.push(Tok::Name(w));
            }
            continue;
        }
        if c == '"' {
            i += 1;
            let mut s = String::new();
            loop {
                let Some(&ch) = cs.get(i) else { return Err("unterminated string".into()) };
                i += 1;
                match ch {
                    '"' => break,
                    '\\' => {
                        let Some(&e) = cs.get(i) else { break };
                        i += 1;
                        match e {
                            'n' => s.push('\n'),
                            't' => s.push('\t'),
                            'r' => s.push('\r'),
                            '\\' => s.push('\\'),
                            '"' => s.push('"'),
                            '/' => s.push('/'),
                            'a' => s.push('\x07'),
                            'b' => s.push('\x08'),
                            'f' => s.push('\x0c'),
                            'v' => s.push('\x0b'),
                            '\n' => {}
                            d if d.is_digit(8) => {
                                let mut v = d.to_digit(8).unwrap_or(0);
                                let mut n = 1;
                                while n < 3 && cs.get(i).is_some_and(|x| x.is_digit(8)) {
                                    v = v * 8 + cs[i].to_digit(8).unwrap_or(0);
                                    i += 1;
                                    n += 1;
                                }
                                s.push(char::from_u32(v).unwrap_or('?'));
                            }
                            other => {
                                s.push('\\');
                                s.push(other);
                            }
                        }
                    }
                    _ => s.push(ch),
                }
            }
            out.push(Tok::Str(s));
            continue;
        }
        let operand_before = matches!(
            out.last(),
            Some(Tok::Num(_))
                | Some(Tok::Str(_))
                | Some(Tok::Name(_))
                | Some(Tok::Op(")"))
                | Some(Tok::Op("]"))
                | Some(Tok::Builtin(_))
        ) || matches!(out.last(), Some(Tok::Op("++")) | Some(Tok::Op("--")));
        if c == '/' && !operand_before {
            i += 1;
            let mut s = String::new();
            let mut in_class = false;
            loop {
                let Some(&ch) = cs.get(i) else { return Err("unterminated regex".into()) };
                i += 1;
                if ch == '\\' {
                    if let Some(&n) = cs.get(i) {
                        i += 1;
                        if n == '/' {
                            s.push('/');
                        } else {
                            s.push('\\');
                            s.push(n);
                        }
                    }
                    continue;
                }
                if ch == '[' {
                    in_class = true;
                } else if ch == ']' {
                    in_class = false;
                }
                if ch == '/' && !in_class {
                    break;
                }
                if ch == '\n' {
                    return Err("newline in regex".into());
                }
                s.push(ch);
            }
            out.push(Tok::Regex(s));
            continue;
        }
        let mut matched = false;
        for op in OPS {
            if op.chars().enumerate().all(|(k, oc)| cs.get(i + k) == Some(&oc)) {
                out.push(Tok::Op(if *op == "**" { "^" } else { op }));
                i += op.len();
                matched = true;
                break;
            }
        }
        if !matched {
            return Err(format!("unexpected character '{c}'"));
        }
    }
    out.push(Tok::Eof);
    Ok(out)
}
