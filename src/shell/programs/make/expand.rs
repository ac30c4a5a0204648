//! Make's variable references and functions: `$(VAR)`, `${VAR}`, `$X`, automatic
//! variables, substitution references (`$(OBJS:.c=.o)`) and the text, file-name and
//! conditional functions, `foreach`, `call`, `origin` and `shell`.

use super::{Make, Origin};
use crate::vfs::path;

/// Automatic variables of the rule being run.
#[derive(Clone, Debug, Default)]
pub struct Auto {
    /// `$@`
    pub target: String,
    /// `$<`
    pub first: String,
    /// `$^` (duplicates removed)
    pub all: Vec<String>,
    /// `$?`
    pub newer: Vec<String>,
    /// `$*`
    pub stem: String,
}

impl Auto {
    fn get(&self, name: &str) -> Option<String> {
        let (base, part) = match name.len() {
            2 if name.ends_with('D') || name.ends_with('F') => (&name[..1], Some(&name[1..])),
            _ => (name, None),
        };
        let v = match base {
            "@" => self.target.clone(),
            "<" => self.first.clone(),
            "^" | "+" => self.all.join(" "),
            "?" => self.newer.join(" "),
            "*" => self.stem.clone(),
            _ => return None,
        };
        Some(match part {
            Some("D") => v
                .split_whitespace()
                .map(|w| dir_of(w).trim_end_matches('/').to_string())
                .map(|d| if d.is_empty() { ".".into() } else { d })
                .collect::<Vec<_>>()
                .join(" "),
            Some(_) => v
                .split_whitespace()
                .map(|w| w.rsplit('/').next().unwrap_or(w).to_string())
                .collect::<Vec<_>>()
                .join(" "),
            None => v,
        })
    }
}

/// Where `%` matches in `word` for `pattern`: the stem.
pub fn match_pattern(pattern: &str, word: &str) -> Option<String> {
    match pattern.split_once('%') {
        Some((pre, suf)) => (word.len() >= pre.len() + suf.len() && word.starts_with(pre) && word.ends_with(suf))
            .then(|| word[pre.len()..word.len() - suf.len()].to_string()),
        None => (pattern == word).then(String::new),
    }
}

/// `patsubst` of one word.
pub fn patsubst_word(pattern: &str, replacement: &str, word: &str) -> String {
    match match_pattern(pattern, word) {
        Some(stem) if pattern.contains('%') => replacement.replacen('%', &stem, 1),
        Some(_) => replacement.to_string(),
        None => word.to_string(),
    }
}

fn dir_of(w: &str) -> String {
    match w.rfind('/') {
        Some(i) => w[..=i].to_string(),
        None => "./".into(),
    }
}

/// Splits `s` at top-level commas (not inside parentheses or braces).
fn split_args(s: &str, max: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut cur = String::new();
    for c in s.chars() {
        match c {
            '(' | '{' => depth += 1,
            ')' | '}' => depth -= 1,
            ',' if depth == 0 && out.len() + 1 < max => {
                out.push(std::mem::take(&mut cur));
                continue;
            }
            _ => {}
        }
        cur.push(c);
    }
    out.push(cur);
    out
}

/// The index just past the parenthesis closing the one before `start`.
fn closing(s: &[u8], start: usize, open: u8) -> Option<usize> {
    let close = if open == b'(' { b')' } else { b'}' };
    let mut depth = 1;
    let mut i = start;
    while i < s.len() {
        if s[i] == open {
            depth += 1;
        } else if s[i] == close {
            depth -= 1;
            if depth == 0 {
                return Some(i);
            }
        }
        i += 1;
    }
    None
}

impl Make<'_, '_> {
    /// Expands all references in `s`.
    pub fn expand(&mut self, s: &str, auto: Option<&Auto>) -> String {
        if !s.contains('$') {
            return s.to_string();
        }
        self.depth += 1;
        if self.depth > 60 {
            self.depth -= 1;
            self.fatal_msg = Some("Recursive variable references itself (eventually).  Stop.".into());
            return String::new();
        }
        let b = s.as_bytes();
        let mut out = String::new();
        let mut i = 0;
        while i < b.len() {
            if b[i] != b'$' {
                let next = s[i..].find('$').map_or(s.len(), |n| i + n);
                out.push_str(&s[i..next]);
                i = next;
                continue;
            }
            let Some(&c) = b.get(i + 1) else { break };
            match c {
                b'$' => {
                    out.push('$');
                    i += 2;
                }
                b'(' | b'{' => match closing(b, i + 2, c) {
                    Some(end) => {
                        let inner = &s[i + 2..end];
                        let v = self.reference(inner, auto);
                        out.push_str(&v);
                        i = end + 1;
                    }
                    None => {
                        self.fatal_msg = Some("unterminated variable reference.  Stop.".into());
                        i = b.len();
                    }
                },
                _ => {
                    let ch = s[i + 1..].chars().next().unwrap_or(' ');
                    let v = self.variable(&ch.to_string(), auto);
                    out.push_str(&v);
                    i += 1 + ch.len_utf8();
                }
            }
        }
        self.depth -= 1;
        out
    }

    /// The value of variable `name` (expanded when recursive).
    pub fn variable(&mut self, name: &str, auto: Option<&Auto>) -> String {
        if let Some(v) = auto.and_then(|a| a.get(name)) {
            return v;
        }
        match self.vars.get(name).cloned() {
            Some(v) if v.recursive => self.expand(&v.value, auto),
            Some(v) => v.value,
            None => String::new(),
        }
    }

    fn reference(&mut self, inner: &str, auto: Option<&Auto>) -> String {
        let (head, rest) = match inner.find([' ', '\t']) {
            Some(n) => (&inner[..n], inner[n..].trim_start()),
            None => (inner, ""),
        };
        if !rest.is_empty() || matches!(head, "") {
            if let Some(v) = self.function(head, rest, auto) {
                return v;
            }
        }
        let name = self.expand(inner, auto);
        // Substitution reference: $(VAR:a=b) or $(VAR:%.c=%.o).
        if let Some((var, sub)) = name.split_once(':') {
            if let Some((from, to)) = sub.split_once('=') {
                let val = self.variable(var, auto);
                let (pat, rep) = if from.contains('%') {
                    (from.to_string(), to.to_string())
                } else {
                    (format!("%{from}"), format!("%{to}"))
                };
                return val.split_whitespace().map(|w| patsubst_word(&pat, &rep, w)).collect::<Vec<_>>().join(" ");
            }
        }
        self.variable(&name, auto)
    }

    fn function(&mut self, name: &str, raw: &str, auto: Option<&Auto>) -> Option<String> {
        let words = |s: &str| s.split_whitespace().map(String::from).collect::<Vec<_>>();
        let arity = match name {
            "subst" | "patsubst" => 3,
            "word" | "filter" | "filter-out" | "findstring" | "addsuffix" | "addprefix" | "join" | "foreach" => {
                if name == "foreach" {
                    3
                } else {
                    2
                }
            }
            "wordlist" => 3,
            "if" => 3,
            "strip" | "sort" | "words" | "firstword" | "lastword" | "dir" | "notdir" | "suffix" | "basename"
            | "wildcard" | "realpath" | "abspath" | "shell" | "origin" | "value" | "error" | "warning" | "info"
            | "flavor" => 1,
            "or" | "and" | "call" => usize::MAX,
            _ => return None,
        };
        let args = split_args(raw, arity);
        // Lazily expanded functions first.
        match name {
            "if" => {
                let cond = self.expand(args[0].trim(), auto);
                let pick = if !cond.is_empty() { args.get(1) } else { args.get(2) };
                return Some(pick.map(|p| self.expand(p, auto)).unwrap_or_default());
            }
            "or" => {
                for a in &args {
                    let v = self.expand(a, auto);
                    if !v.is_empty() {
                        return Some(v);
                    }
                }
                return Some(String::new());
            }
            "and" => {
                let mut last = String::new();
                for a in &args {
                    last = self.expand(a, auto);
                    if last.is_empty() {
                        return Some(String::new());
                    }
                }
                return Some(last);
            }
            "foreach" => {
                let var = self.expand(args[0].trim(), auto);
                let list = self.expand(args.get(1).map_or("", |s| s), auto);
                let body = args.get(2).cloned().unwrap_or_default();
                let saved = self.vars.get(&var).cloned();
                let mut out = Vec::new();
                for w in list.split_whitespace() {
                    self.vars.insert(
                        var.clone(),
                        super::Var { value: w.to_string(), recursive: false, origin: Origin::Automatic, export: false },
                    );
                    out.push(self.expand(&body, auto));
                }
                match saved {
                    Some(v) => self.vars.insert(var, v),
                    None => self.vars.remove(&var),
                };
                return Some(out.join(" "));
            }
            "value" => return Some(self.vars.get(args[0].trim()).map(|v| v.value.clone()).unwrap_or_default()),
            "origin" => {
                let n = self.expand(args[0].trim(), auto);
                return Some(
                    match self.vars.get(&n).map(|v| v.origin) {
                        None => "undefined",
                        Some(Origin::Default) => "default",
                        Some(Origin::Environment) => "environment",
                        Some(Origin::File) => "file",
                        Some(Origin::CommandLine) => "command line",
                        Some(Origin::Automatic) => "automatic",
                    }
                    .to_string(),
                );
            }
            "flavor" => {
                let n = self.expand(args[0].trim(), auto);
                return Some(
                    match self.vars.get(&n) {
                        None => "undefined",
                        Some(v) if v.recursive => "recursive",
                        Some(_) => "simple",
                    }
                    .to_string(),
                );
            }
            _ => {}
        }
        let a: Vec<String> = args.iter().map(|x| self.expand(x, auto)).collect();
        let arg = |i: usize| a.get(i).cloned().unwrap_or_default();
        Some(match name {
            "subst" => arg(2).replace(&arg(0), &arg(1)),
            "patsubst" => words(&arg(2))
                .iter()
                .map(|w| patsubst_word(arg(0).trim(), arg(1).trim(), w))
                .collect::<Vec<_>>()
                .join(" "),
            "strip" => words(&arg(0)).join(" "),
            "findstring" => {
                if arg(1).contains(&arg(0)) {
                    arg(0)
                } else {
                    String::new()
                }
            }
            "filter" | "filter-out" => {
                let pats = words(&arg(0));
                let keep = name == "filter";
                words(&arg(1))
                    .into_iter()
                    .filter(|w| pats.iter().any(|p| match_pattern(p, w).is_some()) == keep)
                    .collect::<Vec<_>>()
                    .join(" ")
            }
            "sort" => {
                let mut w = words(&arg(0));
                crate::util::sort::sort(&mut w);
                w.dedup();
                w.join(" ")
            }
            "word" => {
                let n: usize = arg(0).trim().parse().unwrap_or(0);
                words(&arg(1)).get(n.wrapping_sub(1)).cloned().unwrap_or_default()
            }
            "wordlist" => {
                let (s, e): (usize, usize) = (arg(0).trim().parse().unwrap_or(1), arg(1).trim().parse().unwrap_or(0));
                words(&arg(2))
                    .into_iter()
                    .skip(s.saturating_sub(1))
                    .take((e + 1).saturating_sub(s))
                    .collect::<Vec<_>>()
                    .join(" ")
            }
            "words" => words(&arg(0)).len().to_string(),
            "firstword" => words(&arg(0)).first().cloned().unwrap_or_default(),
            "lastword" => words(&arg(0)).last().cloned().unwrap_or_default(),
            "dir" => words(&arg(0)).iter().map(|w| dir_of(w)).collect::<Vec<_>>().join(" "),
            "notdir" => words(&arg(0))
                .iter()
                .map(|w| w.rsplit('/').next().unwrap_or(w).to_string())
                .collect::<Vec<_>>()
                .join(" "),
            "suffix" => words(&arg(0))
                .iter()
                .filter_map(|w| w.rsplit('/').next().and_then(|b| b.rfind('.').map(|i| b[i..].to_string())))
                .collect::<Vec<_>>()
                .join(" "),
            "basename" => words(&arg(0))
                .iter()
                .map(|w| match w.rfind('.') {
                    Some(i) if !w[i..].contains('/') => w[..i].to_string(),
                    _ => w.clone(),
                })
                .collect::<Vec<_>>()
                .join(" "),
            "addsuffix" => words(&arg(1)).iter().map(|w| format!("{w}{}", arg(0))).collect::<Vec<_>>().join(" "),
            "addprefix" => words(&arg(1)).iter().map(|w| format!("{}{w}", arg(0))).collect::<Vec<_>>().join(" "),
            "join" => {
                let (x, y) = (words(&arg(0)), words(&arg(1)));
                (0..x.len().max(y.len()))
                    .map(|i| format!("{}{}", x.get(i).map_or("", |s| s), y.get(i).map_or("", |s| s)))
                    .collect::<Vec<_>>()
                    .join(" ")
            }
            "wildcard" => words(&arg(0)).iter().flat_map(|p| self.glob(p)).collect::<Vec<_>>().join(" "),
            "realpath" | "abspath" => {
                words(&arg(0)).iter().map(|w| path::normalize(&self.dir, w)).collect::<Vec<_>>().join(" ")
            }
            "shell" => self.shell_output(&arg(0)),
            "call" => {
                let fname = arg(0).trim().to_string();
                let saved: Vec<_> =
                    (1..a.len()).map(|i| (i.to_string(), self.vars.get(&i.to_string()).cloned())).collect();
                for (i, v) in a.iter().enumerate().skip(1) {
                    self.vars.insert(
                        i.to_string(),
                        super::Var { value: v.clone(), recursive: false, origin: Origin::Automatic, export: false },
                    );
                }
                let body = self.vars.get(&fname).map(|v| v.value.clone()).unwrap_or_default();
                let r = self.expand(&body, auto);
                for (k, v) in saved {
                    match v {
                        Some(v) => self.vars.insert(k, v),
                        None => self.vars.remove(&k),
                    };
                }
                r
            }
            "error" => {
                self.fatal_msg = Some(format!("{}.  Stop.", arg(0)));
                String::new()
            }
            "warning" => {
                let at = self.location.clone();
                self.say(2, &format!("{at}: {}\n", arg(0)));
                String::new()
            }
            "info" => {
                self.say(1, &format!("{}\n", arg(0)));
                String::new()
            }
            _ => return None,
        })
    }

    /// Files matching a glob, relative to the make directory, sorted.
    fn glob(&self, pattern: &str) -> Vec<String> {
        let (dir, pat) = match pattern.rfind('/') {
            Some(i) => (&pattern[..=i], &pattern[i + 1..]),
            None => ("", pattern),
        };
        let abs = path::normalize(&self.dir, if dir.is_empty() { "." } else { dir });
        if !pat.contains(['*', '?', '[']) {
            return self
                .sh
                .fs
                .lookup(&self.dir, pattern, true)
                .is_ok()
                .then(|| pattern.to_string())
                .into_iter()
                .collect();
        }
        let mut out: Vec<String> = self
            .sh
            .fs
            .children(&abs)
            .filter(|(n, _)| crate::shell::glob::matches(pat, n) && !n.starts_with('.'))
            .map(|(n, _)| format!("{dir}{n}"))
            .collect();
        crate::util::sort::sort(&mut out);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns() {
        assert_eq!(match_pattern("%.o", "src/a.o"), Some("src/a".into()));
        assert_eq!(match_pattern("src/%.c", "lib/a.c"), None);
        assert_eq!(patsubst_word("%.c", "%.o", "main.c"), "main.o");
        assert_eq!(split_args("a,$(x,y),c", 3), vec!["a", "$(x,y)", "c"]);
        let a = Auto { target: "objs/src/a.o".into(), ..Auto::default() };
        assert_eq!(a.get("@D").unwrap(), "objs/src");
        assert_eq!(a.get("@F").unwrap(), "a.o");
    }
}
