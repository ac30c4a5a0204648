//! Shell patterns: `*`, `?`, `[…]` matching (for `case`, `${x#pat}`, `find -name`) and
//! pathname expansion against the filesystem tree.

use crate::vfs::{path, Tree};

/// True when `pat` has an unescaped `*`, `?` or `[`.
pub fn has_magic(pat: &str) -> bool {
    let mut esc = false;
    for c in pat.chars() {
        if esc {
            esc = false;
        } else if c == '\\' {
            esc = true;
        } else if matches!(c, '*' | '?' | '[') {
            return true;
        }
    }
    false
}

/// Escapes pattern characters so that `s` matches only itself.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '*' | '?' | '[' | ']' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Removes pattern escapes.
pub fn unescape(p: &str) -> String {
    let mut out = String::new();
    let mut esc = false;
    for c in p.chars() {
        if !esc && c == '\\' {
            esc = true;
            continue;
        }
        esc = false;
        out.push(c);
    }
    out
}

/// Matches a whole string against a pattern.
pub fn matches(pat: &str, s: &str) -> bool {
    let p: Vec<char> = pat.chars().collect();
    let t: Vec<char> = s.chars().collect();
    match_at(&p, &t, false)
}

/// Like [`matches`], ignoring ASCII case.
pub fn matches_nocase(pat: &str, s: &str) -> bool {
    let p: Vec<char> = pat.chars().collect();
    let t: Vec<char> = s.chars().collect();
    match_at(&p, &t, true)
}

fn eq(a: char, b: char, nocase: bool) -> bool {
    a == b || (nocase && a.eq_ignore_ascii_case(&b))
}

fn match_at(p: &[char], t: &[char], nocase: bool) -> bool {
    // Iterative matcher with single-star backtracking.
    let (mut pi, mut ti) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        if pi < p.len() {
            match p[pi] {
                '*' => {
                    star = Some((pi, ti));
                    pi += 1;
                    continue;
                }
                '?' => {
                    pi += 1;
                    ti += 1;
                    continue;
                }
                '[' => {
                    if let Some((ok, next)) = bracket(p, pi, t[ti], nocase) {
                        if ok {
                            pi = next;
                            ti += 1;
                            continue;
                        }
                    } else if t[ti] == '[' {
                        pi += 1;
                        ti += 1;
                        continue;
                    }
                }
                '\\' if pi + 1 < p.len() => {
                    if eq(p[pi + 1], t[ti], nocase) {
                        pi += 2;
                        ti += 1;
                        continue;
                    }
                }
                c => {
                    if eq(c, t[ti], nocase) {
                        pi += 1;
                        ti += 1;
                        continue;
                    }
                }
            }
        }
        match star {
            Some((sp, st)) => {
                pi = sp + 1;
                ti = st + 1;
                star = Some((sp, st + 1));
            }
            None => return false,
        }
    }
    while pi < p.len() && p[pi] == '*' {
        pi += 1;
    }
    pi == p.len()
}

/// Evaluates a bracket expression at `p[start]` against `c`: (matched, index after `]`),
/// or `None` when the bracket is not closed (then `[` is literal).
fn bracket(p: &[char], start: usize, c: char, nocase: bool) -> Option<(bool, usize)> {
    let mut i = start + 1;
    let negate = matches!(p.get(i), Some('!') | Some('^'));
    if negate {
        i += 1;
    }
    let mut matched = false;
    let mut first = true;
    loop {
        let ch = *p.get(i)?;
        if ch == ']' && !first {
            return Some((matched != negate, i + 1));
        }
        first = false;
        if ch == '[' && p.get(i + 1) == Some(&':') {
            let rest: String = p[i + 2..].iter().collect();
            if let Some(end) = rest.find(":]") {
                let class = &rest[..end];
                matched |= class_match(class, c);
                i += 2 + class.chars().count() + 2;
                continue;
            }
        }
        let (lo, adv) = if ch == '\\' && i + 1 < p.len() { (p[i + 1], 2) } else { (ch, 1) };
        i += adv;
        if p.get(i) == Some(&'-') && p.get(i + 1).is_some_and(|x| *x != ']') {
            let hi = p[i + 1];
            i += 2;
            if (lo..=hi).contains(&c) || (nocase && (lo..=hi).contains(&c.to_ascii_lowercase())) {
                matched = true;
            }
        } else if eq(lo, c, nocase) {
            matched = true;
        }
    }
}

/// Matches a character against a POSIX class name such as `alpha`.
pub fn class_match(class: &str, c: char) -> bool {
    match class {
        "alpha" => c.is_alphabetic(),
        "digit" => c.is_ascii_digit(),
        "alnum" => c.is_alphanumeric(),
        "upper" => c.is_uppercase(),
        "lower" => c.is_lowercase(),
        "space" => c.is_whitespace(),
        "blank" => c == ' ' || c == '\t',
        "punct" => c.is_ascii_punctuation(),
        "xdigit" => c.is_ascii_hexdigit(),
        "cntrl" => c.is_control(),
        "print" => !c.is_control(),
        "graph" => !c.is_control() && c != ' ',
        _ => false,
    }
}

/// Expands a pathname pattern against the tree; sorted matches, empty when none.
pub fn expand(fs: &Tree, cwd: &str, pat: &str) -> Vec<String> {
    let absolute = pat.starts_with('/');
    let comps: Vec<&str> = pat.split('/').filter(|c| !c.is_empty()).collect();
    let mut found: Vec<String> = vec![if absolute { "/".to_string() } else { String::new() }];
    for (i, comp) in comps.iter().enumerate() {
        let last = i + 1 == comps.len();
        let mut next = Vec::new();
        for prefix in &found {
            let dir_rel = if prefix.is_empty() { ".".to_string() } else { prefix.clone() };
            if !has_magic(comp) {
                let cand = join_rel(prefix, &unescape(comp));
                let probe = if cand.is_empty() { ".".to_string() } else { cand.clone() };
                if fs.lookup(cwd, &probe, true).is_ok() || (last && fs.lookup(cwd, &probe, false).is_ok()) {
                    next.push(cand);
                }
                continue;
            }
            let Ok(dir) = fs.resolve(cwd, &dir_rel, true) else { continue };
            if !fs.get(&dir).is_some_and(|n| n.is_dir()) {
                continue;
            }
            let dots = if comp.starts_with('.') { vec![".".to_string(), "..".to_string()] } else { Vec::new() };
            let mut names: Vec<String> = fs
                .children(&dir)
                .map(|(n, _)| n.to_string())
                .chain(dots)
                .filter(|n| {
                    (!n.starts_with('.') || comp.starts_with('.') || comp.starts_with("\\.")) && matches(comp, n)
                })
                .collect();
            crate::util::sort::sort(&mut names);
            for n in names {
                let cand = join_rel(prefix, &n);
                if last || fs.lookup(cwd, &cand, true).is_ok_and(|(_, node)| node.is_dir()) {
                    next.push(cand);
                }
            }
        }
        found = next;
    }
    if pat.ends_with('/') {
        found = found
            .into_iter()
            .filter(|f| fs.lookup(cwd, f, true).is_ok_and(|(_, n)| n.is_dir()))
            .map(|f| f + "/")
            .collect();
    }
    crate::util::sort::sort(&mut found);
    found
}

fn join_rel(prefix: &str, name: &str) -> String {
    if prefix.is_empty() {
        name.to_string()
    } else {
        path::join(prefix, name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vfs::Meta;

    #[test]
    fn matching() {
        assert!(matches("*.txt", "a.txt"));
        assert!(!matches("*.txt", "a.txt.bak"));
        assert!(matches("a?c", "abc"));
        assert!(matches("[a-c]x", "bx"));
        assert!(!matches("[!a-c]x", "bx"));
        assert!(matches("[[:digit:]]*", "9lives"));
        assert!(matches("\\*", "*"));
        assert!(!matches("\\*", "a"));
        assert!(matches("*a*b*", "xxaxxbxx"));
        assert!(matches("", ""));
        assert!(matches_nocase("*.TXT", "a.txt"));
    }

    #[test]
    fn expanding() {
        let mut t = Tree::new();
        t.mkdir_all("/", "/d/sub", Meta::root(0o755)).unwrap();
        for f in ["/d/b.txt", "/d/a.txt", "/d/.h.txt", "/d/c.md", "/d/sub/x.txt"] {
            t.write_file("/", f, "".into(), Meta::root(0o644)).unwrap();
        }
        assert_eq!(expand(&t, "/d", "*.txt"), vec!["a.txt", "b.txt"]);
        assert_eq!(expand(&t, "/", "/d/*/*.txt"), vec!["/d/sub/x.txt"]);
        assert_eq!(expand(&t, "/", "d/*/"), vec!["d/sub/"]);
        assert!(expand(&t, "/", "/nope/*").is_empty());
    }
}
