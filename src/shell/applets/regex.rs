//! POSIX regular expressions (basic and extended, with the GNU extensions busybox accepts)
//! translated to the `regex` crate's syntax.

use regex_lite::{Regex, RegexBuilder};

/// Translates a POSIX regular expression into `regex` syntax.
pub fn translate(re: &str, extended: bool) -> Result<String, String> {
    let cs: Vec<char> = re.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    // True where `*` would be literal (start of expression or group, after `^` or `|`).
    let mut at_start = true;
    while i < cs.len() {
        let c = cs[i];
        let was_start = at_start;
        at_start = false;
        match c {
            '\\' if i + 1 < cs.len() => {
                let n = cs[i + 1];
                i += 2;
                match n {
                    '(' if !extended => {
                        out.push('(');
                        at_start = true;
                    }
                    ')' if !extended => out.push(')'),
                    '{' if !extended => out.push('{'),
                    '}' if !extended => out.push('}'),
                    '|' if !extended => {
                        out.push('|');
                        at_start = true;
                    }
                    '+' | '?' if !extended => out.push(n),
                    '<' | '>' => out.push_str("\\b"),
                    'b' | 'B' | 'w' | 'W' | 's' | 'S' => {
                        out.push('\\');
                        out.push(n);
                    }
                    'n' => out.push_str("\\n"),
                    't' => out.push_str("\\t"),
                    '`' => out.push_str("\\A"),
                    '\'' => out.push_str("\\z"),
                    d if d.is_ascii_digit() => return Err("back-references are not supported".into()),
                    other => out.push_str(&regex_lite::escape(&other.to_string())),
                }
                continue;
            }
            '\\' => out.push_str("\\\\"),
            '[' => {
                let (cls, next) = bracket(&cs, i)?;
                out.push_str(&cls);
                i = next;
                continue;
            }
            '*' if was_start => out.push_str("\\*"),
            '*' => out.push('*'),
            '^' if extended || was_start => {
                out.push('^');
                at_start = true;
            }
            '^' => out.push_str("\\^"),
            '$' => {
                let at_end = i + 1 == cs.len()
                    || (!extended && cs.get(i + 1) == Some(&'\\') && matches!(cs.get(i + 2), Some(')') | Some('|')));
                if extended || at_end {
                    out.push('$');
                } else {
                    out.push_str("\\$");
                }
            }
            '(' | '|' if extended => {
                out.push(c);
                at_start = true;
            }
            ')' | '+' | '?' if extended => out.push(c),
            '{' if extended => {
                if cs.get(i + 1).is_some_and(|d| d.is_ascii_digit() || *d == ',') {
                    out.push('{');
                } else {
                    out.push_str("\\{");
                }
            }
            '}' if extended => out.push('}'),
            '.' => out.push('.'),
            other => out.push_str(&regex_lite::escape(&other.to_string())),
        }
        i += 1;
    }
    Ok(out)
}

/// Translates the bracket expression starting at `cs[start] == '['`.
fn bracket(cs: &[char], start: usize) -> Result<(String, usize), String> {
    let mut i = start + 1;
    let mut out = String::from("[");
    if cs.get(i) == Some(&'^') {
        out.push('^');
        i += 1;
    }
    let mut first = true;
    loop {
        let Some(&c) = cs.get(i) else { return Err("unterminated [".into()) };
        if c == ']' && !first {
            out.push(']');
            return Ok((out, i + 1));
        }
        first = false;
        if c == '[' && matches!(cs.get(i + 1), Some(':') | Some('=') | Some('.')) {
            let kind = cs[i + 1];
            let rest: String = cs[i + 2..].iter().collect();
            let close = format!("{kind}]");
            if let Some(end) = rest.find(&close) {
                let name = &rest[..end];
                if kind == ':' {
                    out.push_str(&format!("[:{name}:]"));
                } else {
                    out.push_str(&regex_lite::escape(name));
                }
                i += 2 + name.chars().count() + 2;
                continue;
            }
        }
        match c {
            '\\' | '[' | '&' | '~' | ']' => {
                out.push('\\');
                out.push(c);
            }
            '-' if cs.get(i + 1) == Some(&']') || out.ends_with('[') || out.ends_with("[^") => out.push_str("\\-"),
            _ => out.push(c),
        }
        i += 1;
    }
}

/// Compiles a POSIX expression (or a fixed string with `fixed`).
pub fn compile(re: &str, extended: bool, icase: bool, fixed: bool) -> Result<Regex, String> {
    let pat = if fixed { regex_lite::escape(re) } else { translate(re, extended)? };
    RegexBuilder::new(&pat)
        .case_insensitive(icase)
        .build()
        .map_err(|e| format!("bad regex '{re}': {}", e.to_string().lines().last().unwrap_or("")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(re: &str, ext: bool, s: &str) -> bool {
        compile(re, ext, false, false).unwrap().is_match(s)
    }

    #[test]
    fn basic_and_extended() {
        assert_eq!(translate("a\\(b\\)*c", false).unwrap(), "a(b)*c");
        assert_eq!(translate("a(b)+", false).unwrap(), "a\\(b\\)\\+");
        assert_eq!(translate("*a", false).unwrap(), "\\*a");
        assert_eq!(translate("a{2}", true).unwrap(), "a{2}");
        assert_eq!(translate("[]a-]", false).unwrap(), "[\\]a\\-]");
        assert!(m("^ab*$", false, "abbb"));
        assert!(m("x\\{2,3\\}", false, "axxb"));
        assert!(m("(foo|bar)+$", true, "xfoobar"));
        assert!(m("[[:digit:]]\\+", false, "a12"));
        assert!(!m("a.c", false, "abd"));
        assert!(m("a$b", false, "a$b"));
        assert!(m("\\<word\\>", false, "a word here"));
        assert!(compile("\\(a\\)\\1", false, false, false).is_err());
        assert!(compile("a.b", false, false, true).unwrap().is_match("xa.b"));
    }
}
