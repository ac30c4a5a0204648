//! Shell wildcard patterns for `${VAR#pat}`, `${VAR%pat}` and `${VAR/pat/repl}`: `*` (any
//! string), `?` (any character) and `\` escapes, without bracket expressions, as BuildKit
//! supports them.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tok {
    Star,
    Any,
    Lit(char),
}

fn compile(pattern: &str) -> Result<Vec<Tok>, String> {
    let chars: Vec<char> = pattern.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '*' => out.push(Tok::Star),
            '?' => out.push(Tok::Any),
            '\\' => {
                // `}` and `/` are escaped for `${}` parsing only.
                match chars.get(i + 1) {
                    Some('}' | '/') => {}
                    Some(c @ ('*' | '?' | '\\')) => {
                        out.push(Tok::Lit(*c));
                        i += 1;
                    }
                    Some(c) => {
                        return Err(format!("invalid pattern ({pattern}) in substitution: invalid escape '\\{c}'"));
                    }
                    None => return Err(format!("invalid pattern ({pattern}) in substitution: invalid escape '\\'")),
                }
            }
            c => out.push(Tok::Lit(c)),
        }
        i += 1;
    }
    Ok(out)
}

/// Whether `toks` matches all of `s`.
fn full_match(toks: &[Tok], s: &[char]) -> bool {
    // Classic dynamic programming over (pattern position, string position).
    let mut cur = vec![false; s.len() + 1];
    cur[0] = true;
    for t in toks {
        let mut next = vec![false; s.len() + 1];
        match t {
            Tok::Star => {
                let mut any = false;
                for j in 0..=s.len() {
                    any |= cur[j];
                    next[j] = any;
                }
            }
            Tok::Any => {
                next[1..].copy_from_slice(&cur[..s.len()]);
            }
            Tok::Lit(c) => {
                for j in 0..s.len() {
                    next[j + 1] = cur[j] && s[j] == *c;
                }
            }
        }
        cur = next;
    }
    cur[s.len()]
}

fn pick(mut lens: impl Iterator<Item = usize>) -> Option<usize> {
    lens.next()
}

/// `${VAR#pat}` (shortest) / `${VAR##pat}` (greedy): removes the matching prefix.
pub fn trim_prefix(pattern: &str, value: &str, greedy: bool) -> Result<String, String> {
    let toks = compile(pattern)?;
    let s: Vec<char> = value.chars().collect();
    let found = if greedy {
        pick((0..=s.len()).rev().filter(|&n| full_match(&toks, &s[..n])))
    } else {
        pick((0..=s.len()).filter(|&n| full_match(&toks, &s[..n])))
    };
    Ok(match found {
        Some(n) => s[n..].iter().collect(),
        None => value.to_string(),
    })
}

/// `${VAR%pat}` (shortest) / `${VAR%%pat}` (greedy): removes the matching suffix.
pub fn trim_suffix(pattern: &str, value: &str, greedy: bool) -> Result<String, String> {
    let toks = compile(pattern)?;
    let s: Vec<char> = value.chars().collect();
    let len = s.len();
    let found = if greedy {
        pick((0..=len).rev().filter(|&n| full_match(&toks, &s[len - n..])))
    } else {
        pick((0..=len).filter(|&n| full_match(&toks, &s[len - n..])))
    };
    Ok(match found {
        Some(n) => s[..len - n].iter().collect(),
        None => value.to_string(),
    })
}

/// `${VAR/pat/repl}` (first match) / `${VAR//pat/repl}` (all matches), leftmost-longest.
pub fn replace(value: &str, pattern: &str, repl: &str, all: bool) -> Result<String, String> {
    let toks = compile(pattern)?;
    let s: Vec<char> = value.chars().collect();
    let longest_at = |i: usize| (i..=s.len()).rev().find(|&e| full_match(&toks, &s[i..e])).map(|e| e - i);
    let mut out = String::new();
    let mut i = 0;
    let mut last_end: Option<usize> = None;
    while i <= s.len() {
        match longest_at(i) {
            Some(n) if !(n == 0 && last_end == Some(i)) => {
                out.push_str(repl);
                i += n;
                last_end = Some(i);
                if !all {
                    out.extend(&s[i.min(s.len())..]);
                    return Ok(out);
                }
                if n == 0 {
                    if let Some(c) = s.get(i) {
                        out.push(*c);
                    }
                    i += 1;
                }
            }
            _ => {
                if let Some(c) = s.get(i) {
                    out.push(*c);
                }
                i += 1;
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefix_and_suffix() {
        assert_eq!(trim_prefix("*/", "a/b/c", false).unwrap(), "b/c");
        assert_eq!(trim_prefix("*/", "a/b/c", true).unwrap(), "c");
        assert_eq!(trim_suffix("/*", "a/b/c", false).unwrap(), "a/b");
        assert_eq!(trim_suffix("/*", "a/b/c", true).unwrap(), "a");
        assert_eq!(trim_suffix(".tar.gz", "x.tar.gz", false).unwrap(), "x");
        assert_eq!(trim_prefix("?", "abc", false).unwrap(), "bc");
        assert_eq!(trim_prefix("z", "abc", false).unwrap(), "abc");
        assert_eq!(trim_prefix("\\*", "*x", false).unwrap(), "x");
    }

    #[test]
    fn replacements() {
        assert_eq!(replace("a.b.c", ".", "-", false).unwrap(), "a-b.c");
        assert_eq!(replace("a.b.c", ".", "-", true).unwrap(), "a-b-c");
        assert_eq!(replace("hello", "l*", "L", false).unwrap(), "heL");
        assert_eq!(replace("abc", "", "-", true).unwrap(), "-a-b-c-");
        assert_eq!(replace("abc", "x", "-", true).unwrap(), "abc");
    }

    #[test]
    fn bad_escape() {
        assert_eq!(
            trim_prefix("\\a", "x", false).unwrap_err(),
            "invalid pattern (\\a) in substitution: invalid escape '\\a'"
        );
    }
}
