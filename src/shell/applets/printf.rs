//! `printf` and the formatting engine it shares with `awk` and `echo -e`.

use crate::shell::applet::Ctx;

/// Expands backslash escapes as `echo -e` does; the flag is set when `\c` stopped output.
pub fn unescape_echo(s: &str) -> (String, bool) {
    unescape(s, true)
}

fn unescape(s: &str, echo: bool) -> (String, bool) {
    let cs: Vec<char> = s.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < cs.len() {
        if cs[i] != '\\' || i + 1 >= cs.len() {
            out.push(cs[i]);
            i += 1;
            continue;
        }
        i += 1;
        let c = cs[i];
        i += 1;
        match c {
            'n' => out.push('\n'),
            't' => out.push('\t'),
            'r' => out.push('\r'),
            'a' => out.push('\x07'),
            'b' => out.push('\x08'),
            'f' => out.push('\x0c'),
            'v' => out.push('\x0b'),
            'e' => out.push('\x1b'),
            '\\' => out.push('\\'),
            'c' => return (out, true),
            'x' => {
                let mut v = 0u32;
                let mut n = 0;
                while n < 2 && i < cs.len() && cs[i].is_ascii_hexdigit() {
                    v = v * 16 + cs[i].to_digit(16).unwrap_or(0);
                    i += 1;
                    n += 1;
                }
                if n == 0 {
                    out.push_str("\\x");
                } else {
                    out.push(char::from_u32(v).unwrap_or('?'));
                }
            }
            '0'..='7' => {
                let mut v = c.to_digit(8).unwrap_or(0);
                let max = if echo && c == '0' { 3 } else { 2 };
                let mut n = 0;
                while n < max && i < cs.len() && cs[i].is_digit(8) {
                    v = v * 8 + cs[i].to_digit(8).unwrap_or(0);
                    i += 1;
                    n += 1;
                }
                if echo && c != '0' {
                    // echo -e only knows \0NNN; \NNN stays literal.
                    out.push('\\');
                    out.push(c);
                    i -= n;
                } else {
                    out.push(char::from_u32(v & 0xff).unwrap_or('?'));
                }
            }
            _ => {
                out.push('\\');
                out.push(c);
            }
        }
    }
    (out, false)
}

/// A printf argument as awk passes it (numbers stay numbers).
#[derive(Clone, Debug)]
pub enum Arg {
    /// A string (converted with C's strtod/strtol rules when a number is needed).
    Str(String),
    /// A number.
    Num(f64),
}

impl Arg {
    fn num(&self) -> f64 {
        match self {
            Arg::Num(n) => *n,
            Arg::Str(s) => parse_num_prefix(s),
        }
    }
    fn text(&self) -> String {
        match self {
            Arg::Str(s) => s.clone(),
            Arg::Num(n) => crate::shell::applets::printf::num_to_string(*n),
        }
    }
}

/// Formats a number the way awk prints it (`%.6g`, integers plainly).
pub fn num_to_string(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e16 {
        format!("{}", n as i64)
    } else {
        fmt_g(n, 6, false)
    }
}

/// The numeric prefix of a string (`"12abc"` → 12, `"x"` → 0); a leading `'c` gives the
/// character code, as printf does.
pub fn parse_num_prefix(s: &str) -> f64 {
    let t = s.trim_start();
    if let Some(c) = t.strip_prefix('\'').or_else(|| t.strip_prefix('"')).and_then(|r| r.chars().next()) {
        return c as u32 as f64;
    }
    if let Some(h) = t.strip_prefix("0x").or_else(|| t.strip_prefix("0X")) {
        return i64::from_str_radix(h, 16).map(|v| v as f64).unwrap_or(0.0);
    }
    let mut end = 0;
    let b = t.as_bytes();
    if end < b.len() && (b[end] == b'-' || b[end] == b'+') {
        end += 1;
    }
    while end < b.len() && b[end].is_ascii_digit() {
        end += 1;
    }
    if end < b.len() && b[end] == b'.' {
        end += 1;
        while end < b.len() && b[end].is_ascii_digit() {
            end += 1;
        }
    }
    if end < b.len() && (b[end] == b'e' || b[end] == b'E') {
        let mut e = end + 1;
        if e < b.len() && (b[e] == b'-' || b[e] == b'+') {
            e += 1;
        }
        if e < b.len() && b[e].is_ascii_digit() {
            while e < b.len() && b[e].is_ascii_digit() {
                e += 1;
            }
            end = e;
        }
    }
    t[..end].parse().unwrap_or(0.0)
}

/// C's `%g`.
pub fn fmt_g(v: f64, prec: usize, alt: bool) -> String {
    let p = if prec == 0 { 1 } else { prec };
    if v == 0.0 {
        return "0".into();
    }
    let exp = v.abs().log10().floor() as i32;
    let s = if exp < -4 || exp >= p as i32 {
        let s = format!("{:.*e}", p - 1, v);
        let (m, e) = s.split_once('e').unwrap_or((&s, "0"));
        let m = if alt { m.to_string() } else { strip_zeros(m) };
        let e: i32 = e.parse().unwrap_or(0);
        format!("{m}e{}{:02}", if e < 0 { '-' } else { '+' }, e.abs())
    } else {
        let s = format!("{:.*}", (p as i32 - 1 - exp).max(0) as usize, v);
        if alt {
            s
        } else {
            strip_zeros(&s)
        }
    };
    s
}

fn strip_zeros(s: &str) -> String {
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s.to_string()
    }
}

fn pad(s: String, width: usize, left: bool, zero: bool) -> String {
    let len = s.chars().count();
    if len >= width {
        return s;
    }
    let fill = width - len;
    if left {
        format!("{s}{}", " ".repeat(fill))
    } else if zero {
        let (sign, digits) = if s.starts_with(['-', '+', ' ']) { s.split_at(1) } else { ("", s.as_str()) };
        format!("{sign}{}{digits}", "0".repeat(fill))
    } else {
        format!("{}{s}", " ".repeat(fill))
    }
}

/// The widest field or longest precision a conversion may ask for: more could never be
/// written within the default write budget (C's printf fails with EOVERFLOW past INT_MAX).
pub const MAX_FIELD: u64 = 256 * 1024 * 1024;

/// Significant digits past which a double's exact decimal expansion has only zeros (the
/// longest is 767 digits), so wider precisions are padded rather than computed.
const MAX_DIGITS: usize = 1100;

/// Parses a width or precision (digits, or a `*` argument) into a bounded size.
fn field(text: &str, spec: &str) -> Result<(u64, bool), String> {
    let (neg, digits) = match text.strip_prefix('-') {
        Some(d) => (true, d),
        None => (false, text),
    };
    let v = if digits.is_empty() { 0 } else { digits.parse::<u64>().unwrap_or(u64::MAX) };
    if v > MAX_FIELD {
        return Err(format!("{spec}: field width or precision too large (more than {MAX_FIELD})"));
    }
    Ok((v, neg))
}

/// `0` digits to make `s` at least `n` long (for precisions past Rust's formatter range).
fn zeros_to(s: &mut String, n: usize) {
    let len = s.len();
    if n > len {
        s.push_str(&"0".repeat(n - len));
    }
}

/// Formats `fmt` with `args` once; returns the text, how many args were used and whether
/// `\c` stopped output. A width or precision past [`MAX_FIELD`] is an error.
pub fn format(fmt: &str, args: &[Arg], printf_escapes: bool) -> Result<(String, usize, bool), String> {
    let cs: Vec<char> = fmt.chars().collect();
    let mut out = String::new();
    let mut used = 0;
    let mut i = 0;
    let next = |used: &mut usize| -> Option<Arg> {
        let a = args.get(*used).cloned();
        *used += 1;
        a
    };
    while i < cs.len() {
        let c = cs[i];
        if c == '\\' && printf_escapes {
            let mut j = i + 1;
            if j < cs.len() && cs[j].is_digit(8) {
                while j < cs.len() && j < i + 4 && cs[j].is_digit(8) {
                    j += 1;
                }
            } else {
                j = (i + 2).min(cs.len());
                if cs.get(i + 1) == Some(&'x') {
                    while j < cs.len() && j < i + 4 && cs[j].is_ascii_hexdigit() {
                        j += 1;
                    }
                }
            }
            let piece: String = cs[i..j].iter().collect();
            let (t, stop) = unescape(&piece, false);
            out.push_str(&t);
            if stop {
                return Ok((out, used, true));
            }
            i = j;
            continue;
        }
        if c != '%' {
            out.push(c);
            i += 1;
            continue;
        }
        let start = i;
        i += 1;
        if cs.get(i) == Some(&'%') {
            out.push('%');
            i += 1;
            continue;
        }
        let mut flags = String::new();
        while i < cs.len() && "-+ 0#".contains(cs[i]) {
            flags.push(cs[i]);
            i += 1;
        }
        let mut width = String::new();
        if cs.get(i) == Some(&'*') {
            width = star(next(&mut used));
            i += 1;
        }
        while i < cs.len() && cs[i].is_ascii_digit() {
            width.push(cs[i]);
            i += 1;
        }
        let mut prec: Option<usize> = None;
        if cs.get(i) == Some(&'.') {
            i += 1;
            let mut p = String::new();
            if cs.get(i) == Some(&'*') {
                p = star(next(&mut used));
                i += 1;
            }
            while i < cs.len() && cs[i].is_ascii_digit() {
                p.push(cs[i]);
                i += 1;
            }
            let spec: String = cs[start..i.min(cs.len())].iter().collect();
            // A negative precision counts as none, as in C.
            prec = match field(&p, &spec)? {
                (_, true) => None,
                (v, false) => Some(v as usize),
            };
        }
        while i < cs.len() && "hlLqjzt".contains(cs[i]) {
            i += 1;
        }
        let Some(&conv) = cs.get(i) else {
            out.push('%');
            out.push_str(&flags);
            out.push_str(&width);
            break;
        };
        i += 1;
        let spec: String = cs[start..i].iter().collect();
        let (w, neg_width) = field(&width, &spec)?;
        let left = flags.contains('-') || neg_width;
        let w = w as usize;
        let zero = flags.contains('0') && !left;
        let sign = |s: String, neg: bool| -> String {
            if neg {
                format!("-{s}")
            } else if flags.contains('+') {
                format!("+{s}")
            } else if flags.contains(' ') {
                format!(" {s}")
            } else {
                s
            }
        };
        let arg = next(&mut used);
        let s = match conv {
            's' => {
                let mut s = arg.map(|a| a.text()).unwrap_or_default();
                if let Some(p) = prec {
                    s = s.chars().take(p).collect();
                }
                pad(s, w, left, false)
            }
            'b' => {
                let (s, stop) = unescape(&arg.map(|a| a.text()).unwrap_or_default(), true);
                out.push_str(&pad(s, w, left, false));
                if stop {
                    return Ok((out, used, true));
                }
                continue;
            }
            'c' => {
                let s: String = match &arg {
                    Some(Arg::Num(n)) => char::from_u32(*n as u32).map(String::from).unwrap_or_default(),
                    Some(a) => a.text().chars().next().map(String::from).unwrap_or_default(),
                    None => String::new(),
                };
                pad(s, w, left, false)
            }
            'd' | 'i' | 'u' => {
                let v = arg.map(|a| a.num()).unwrap_or(0.0) as i64;
                let mut digits = v.unsigned_abs().to_string();
                if let Some(p) = prec {
                    digits = format!("{}{digits}", "0".repeat(p.saturating_sub(digits.len())));
                }
                pad(sign(digits, v < 0), w, left, zero && prec.is_none())
            }
            'x' | 'X' | 'o' => {
                let v = arg.map(|a| a.num()).unwrap_or(0.0) as i64 as u64;
                let mut s = match conv {
                    'x' => format!("{v:x}"),
                    'X' => format!("{v:X}"),
                    _ => format!("{v:o}"),
                };
                if flags.contains('#') && v != 0 {
                    s = match conv {
                        'x' => format!("0x{s}"),
                        'X' => format!("0X{s}"),
                        _ => format!("0{s}"),
                    };
                }
                pad(s, w, left, zero)
            }
            'f' | 'F' | 'e' | 'E' | 'g' | 'G' => {
                let v = arg.map(|a| a.num()).unwrap_or(0.0);
                let p = prec.unwrap_or(6);
                let body = match conv {
                    'f' | 'F' => {
                        let mut s = format!("{:.*}", p.min(MAX_DIGITS), v.abs());
                        if p > MAX_DIGITS && v.is_finite() {
                            let int_len = s.find('.').unwrap_or(s.len());
                            zeros_to(&mut s, int_len + 1 + p);
                        }
                        s
                    }
                    'e' | 'E' => {
                        let s = format!("{:.*e}", p.min(MAX_DIGITS), v.abs());
                        let (m, e) = s.split_once('e').unwrap_or((&s, "0"));
                        let mut m = m.to_string();
                        if p > MAX_DIGITS && v.is_finite() {
                            zeros_to(&mut m, 2 + p);
                        }
                        let e: i32 = e.parse().unwrap_or(0);
                        let s = format!("{m}e{}{:02}", if e < 0 { '-' } else { '+' }, e.abs());
                        if conv == 'E' {
                            s.to_uppercase()
                        } else {
                            s
                        }
                    }
                    _ => {
                        let s = fmt_g(v.abs(), p.min(MAX_DIGITS), flags.contains('#'));
                        if conv == 'G' {
                            s.to_uppercase()
                        } else {
                            s
                        }
                    }
                };
                pad(sign(body, v < 0.0), w, left, zero)
            }
            other => {
                format!("%{flags}{width}{other}")
            }
        };
        out.push_str(&s);
    }
    Ok((out, used, false))
}

/// A `*` width or precision argument as digits (with a sign), saturating at the extremes.
fn star(arg: Option<Arg>) -> String {
    let v = arg.map(|a| a.num()).unwrap_or(0.0);
    let v = if v.is_nan() { 0.0 } else { v.trunc() };
    if v < 0.0 {
        format!("-{}", (-v).min(u64::MAX as f64) as u64)
    } else {
        (v.min(u64::MAX as f64) as u64).to_string()
    }
}

/// `printf FORMAT [ARG…]`: the format is reused while arguments remain.
pub fn printf(ctx: &mut Ctx<'_>, argv: &[String]) -> i32 {
    let Some(fmt) = argv.get(1) else {
        ctx.err("printf: usage: printf FORMAT [ARGUMENT...]\n");
        return 1;
    };
    let mut args: Vec<Arg> = argv[2..].iter().map(|a| Arg::Str(a.clone())).collect();
    let status = 0;
    loop {
        let (s, used, stop) = match format(fmt, &args, true) {
            Ok(r) => r,
            Err(e) => {
                ctx.err(&format!("printf: {e}\n"));
                return 1;
            }
        };
        ctx.out(&s);
        if stop || used == 0 || used >= args.len() || ctx.stopped() {
            break;
        }
        args.drain(..used);
    }
    status
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(fmt: &str, args: &[&str]) -> String {
        let a: Vec<Arg> = args.iter().map(|s| Arg::Str(s.to_string())).collect();
        format(fmt, &a, true).unwrap().0
    }

    #[test]
    fn formats() {
        assert_eq!(f("%5s|%-3d|%x\\n", &["ab", "7", "255"]), "   ab|7  |ff\n");
        assert_eq!(f("%05.2f %e", &["3.14159", "1234.5"]), "03.14 1.234500e+03");
        assert_eq!(f("%g %g %g", &["100000", "1000000", "0.0001"]), "100000 1e+06 0.0001");
        assert_eq!(f("%c%c", &["hello", "w"]), "hw");
        assert_eq!(f("%%|%+d|% d|%03d", &["5", "5", "-5"]), "%|+5| 5|-05");
        assert_eq!(f("%b", &["a\\tb"]), "a\tb");
        assert_eq!(f("%d", &["'A"]), "65");
        assert_eq!(unescape_echo("a\\tb\\0101\\c rest"), ("a\tbA".to_string(), true));
        assert_eq!(num_to_string(0.1 + 0.2), "0.3");
        assert_eq!(num_to_string(1e6), "1000000");
    }
}
