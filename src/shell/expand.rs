//! Word expansion: parameters, command substitution, arithmetic, tilde, field splitting on
//! `IFS` and pathname expansion.

use super::arith::{self, ArithVars};
use super::ast::{Param, ParamOp, Script, Word, WordPart};
use super::exec::{Fd, Flow, Shell, Var};
use super::glob;

/// A piece of expanded text with its quoting.
#[derive(Debug)]
enum Piece {
    /// Text; `quoted` protects it from globbing, `split` makes it subject to IFS splitting.
    Text { s: String, quoted: bool, split: bool },
    /// A forced field boundary (between the words of `"$@"`).
    Break,
}

#[derive(Default)]
struct Field {
    val: String,
    pat: String,
    magic: bool,
    live: bool,
}

impl Field {
    fn push(&mut self, c: char, quoted: bool) {
        self.val.push(c);
        if quoted && matches!(c, '*' | '?' | '[' | ']' | '\\') {
            self.pat.push('\\');
        } else if !quoted && matches!(c, '*' | '?' | '[') {
            self.magic = true;
        }
        self.pat.push(c);
        self.live = true;
    }
}

struct VarsView<'s, 'a>(&'s mut Shell<'a>);

impl ArithVars for VarsView<'_, '_> {
    fn get(&self, name: &str) -> String {
        self.0.get_var(name).unwrap_or_default()
    }
    fn set(&mut self, name: &str, value: i64) {
        let _ = self.0.set_var(name, &value.to_string());
    }
}

impl Shell<'_> {
    /// A variable's value (`None` when unset).
    pub(crate) fn get_var(&self, name: &str) -> Option<String> {
        self.st.vars.get(name).map(|v| v.value.clone())
    }

    /// Sets a variable (keeping its export flag).
    pub(crate) fn set_var(&mut self, name: &str, value: &str) -> Result<(), Flow> {
        let exported = self.st.opts.allexport || self.st.vars.get(name).is_some_and(|v| v.exported);
        self.st.vars.insert(name.to_string(), Var { value: value.to_string(), exported });
        Ok(())
    }

    /// The value of a parameter (special, positional or variable).
    fn param_value(&self, name: &str) -> Option<String> {
        match name {
            "?" => Some(self.st.status.to_string()),
            "$" => Some("7".into()),
            "!" => Some(String::new()),
            "#" => Some(self.st.params.len().to_string()),
            "0" => Some(self.st.arg0.clone()),
            "-" => {
                let o = &self.st.opts;
                let mut s = String::new();
                for (on, c) in
                    [(o.errexit, 'e'), (o.noglob, 'f'), (o.nounset, 'u'), (o.xtrace, 'x'), (o.allexport, 'a')]
                {
                    if on {
                        s.push(c);
                    }
                }
                Some(s)
            }
            "@" | "*" => Some(self.st.params.join(" ")),
            n if n.chars().all(|c| c.is_ascii_digit()) => {
                let i: usize = n.parse().ok()?;
                self.st.params.get(i.checked_sub(1)?).cloned()
            }
            n => self.get_var(n),
        }
    }

    /// Expands words into fields: splitting and globbing included.
    pub(crate) fn expand_words(&mut self, words: &[Word]) -> Result<Vec<String>, Flow> {
        let mut out = Vec::new();
        for w in words {
            let mut pieces = Vec::new();
            self.expand_parts(w, false, &mut pieces)?;
            self.charge_pieces(&pieces)?;
            for f in self.split_fields(pieces) {
                if f.magic && !self.st.opts.noglob {
                    let found = glob::expand(self.fs, &self.st.cwd, &f.pat);
                    if !found.is_empty() {
                        out.extend(found);
                        continue;
                    }
                }
                out.push(f.val);
            }
            // Each word costs its bytes plus its bookkeeping.
            self.charge_string(out.len() * 32)?;
        }
        Ok(out)
    }

    /// Charges the text of expanded pieces (see [`Shell::charge_string`]).
    fn charge_pieces(&mut self, pieces: &[Piece]) -> Result<(), Flow> {
        let len = pieces.iter().map(|p| if let Piece::Text { s, .. } = p { s.len() } else { 0 }).sum();
        self.charge_string(len)
    }

    /// Expands a word to one string, without splitting or globbing.
    pub(crate) fn expand_single(&mut self, w: &Word) -> Result<String, Flow> {
        let mut pieces = Vec::new();
        self.expand_parts(w, false, &mut pieces)?;
        self.charge_pieces(&pieces)?;
        let mut s = String::new();
        let mut first = true;
        for p in pieces {
            match p {
                Piece::Text { s: t, .. } => s.push_str(&t),
                Piece::Break => {
                    if !first {
                        s.push(' ');
                    }
                }
            }
            first = false;
        }
        Ok(s)
    }

    /// Expands a word into a pattern: quoted characters are escaped.
    pub(crate) fn expand_pattern(&mut self, w: &Word) -> Result<String, Flow> {
        let mut pieces = Vec::new();
        self.expand_parts(w, false, &mut pieces)?;
        self.charge_pieces(&pieces)?;
        let mut s = String::new();
        for p in pieces {
            if let Piece::Text { s: t, quoted, .. } = p {
                if quoted {
                    s.push_str(&glob::escape(&t));
                } else {
                    s.push_str(&t);
                }
            }
        }
        Ok(s)
    }

    fn split_fields(&self, pieces: Vec<Piece>) -> Vec<Field> {
        let ifs = self.get_var("IFS").unwrap_or_else(|| " \t\n".into());
        let mut fields = Vec::new();
        let mut cur = Field::default();
        let mut after_ws = false;
        for p in pieces {
            match p {
                Piece::Break => {
                    fields.push(std::mem::take(&mut cur));
                    after_ws = false;
                }
                Piece::Text { s, quoted, split } if split && !quoted && !ifs.is_empty() => {
                    for c in s.chars() {
                        if ifs.contains(c) {
                            if c.is_whitespace() {
                                if cur.live {
                                    fields.push(std::mem::take(&mut cur));
                                    after_ws = true;
                                }
                            } else {
                                if !after_ws || cur.live {
                                    fields.push(std::mem::take(&mut cur));
                                }
                                after_ws = false;
                            }
                        } else {
                            cur.push(c, false);
                            after_ws = false;
                        }
                    }
                }
                Piece::Text { s, quoted, .. } => {
                    for c in s.chars() {
                        cur.push(c, quoted);
                    }
                    if quoted {
                        cur.live = true;
                    }
                    if !s.is_empty() {
                        after_ws = false;
                    }
                }
            }
        }
        if cur.live {
            fields.push(cur);
        }
        fields
    }

    fn expand_parts(&mut self, w: &Word, dq: bool, out: &mut Vec<Piece>) -> Result<(), Flow> {
        for part in w {
            match part {
                WordPart::Lit(s) => out.push(Piece::Text { s: s.clone(), quoted: dq, split: false }),
                WordPart::Quoted(s) => out.push(Piece::Text { s: s.clone(), quoted: true, split: false }),
                WordPart::Double(parts) => {
                    let before = out.len();
                    let only_at = parts.len() == 1
                        && matches!(&parts[0], WordPart::Param(p) if p.name == "@" && p.op == ParamOp::Plain);
                    self.expand_parts(parts, true, out)?;
                    if out.len() == before && !only_at {
                        out.push(Piece::Text { s: String::new(), quoted: true, split: false });
                    }
                }
                WordPart::Param(p) => self.expand_param(p, dq, out)?,
                WordPart::Command(script) => {
                    let s = self.command_subst(script)?;
                    out.push(Piece::Text { s, quoted: dq, split: !dq });
                }
                WordPart::Arith(expr) => {
                    let text = self.expand_single(expr)?;
                    let v = self.arith(&text)?;
                    out.push(Piece::Text { s: v.to_string(), quoted: dq, split: !dq });
                }
                WordPart::Tilde(user) => {
                    let home = self.home_of(user);
                    out.push(Piece::Text { s: home, quoted: true, split: false });
                }
            }
        }
        Ok(())
    }

    /// Evaluates an arithmetic expression, reporting errors like ash.
    pub(crate) fn arith(&mut self, text: &str) -> Result<i64, Flow> {
        match arith::eval(text, &mut VarsView(self)) {
            Ok(v) => Ok(v),
            Err(e) => {
                self.error(&e.to_string());
                Err(Flow::Exit(2))
            }
        }
    }

    fn home_of(&self, user: &str) -> String {
        if user.is_empty() {
            return self.get_var("HOME").unwrap_or_else(|| "/".into());
        }
        crate::vfs::accounts::users(self.fs)
            .into_iter()
            .find(|u| u.name == user)
            .map(|u| u.home)
            .unwrap_or_else(|| format!("~{user}"))
    }

    /// Runs a command substitution and returns its output without trailing newlines.
    pub(crate) fn command_subst(&mut self, script: &Script) -> Result<String, Flow> {
        self.bufs.push((Vec::new(), super::exec::BufKind::Subst, false));
        let b = self.bufs.len() - 1;
        let r = self.subshell(|sh| {
            sh.st.fds[1] = Fd::Buf(b);
            sh.run_script(script)
        });
        let data = std::mem::take(&mut self.bufs[b].0);
        self.bufs.truncate(b);
        self.subst_status = Some(r?);
        self.charge_string(data.len())?;
        let mut s = String::from_utf8_lossy(&data).into_owned();
        while s.ends_with('\n') {
            s.pop();
        }
        Ok(s)
    }

    fn unset_error(&mut self, name: &str, msg: Option<String>) -> Flow {
        let m = msg.unwrap_or_else(|| "parameter not set".into());
        self.error(&format!("{name}: {m}"));
        Flow::Exit(2)
    }

    fn expand_param(&mut self, p: &Param, dq: bool, out: &mut Vec<Piece>) -> Result<(), Flow> {
        let Some(_level) = super::depth::enter() else {
            return Err(Flow::Stop(super::BudgetError::Depth));
        };
        let val = self.param_value(&p.name);
        let is_set = val.is_some() && !((p.name == "@" || p.name == "*") && self.st.params.is_empty());
        let text = |s: String| Piece::Text { s, quoted: dq, split: !dq };
        let check_unset = |sh: &mut Self| -> Result<(), Flow> {
            if val.is_none() && sh.st.opts.nounset && p.name != "@" && p.name != "*" {
                return Err(sh.unset_error(&p.name, None));
            }
            Ok(())
        };
        match &p.op {
            ParamOp::Plain => {
                check_unset(self)?;
                if p.name == "@" || (p.name == "*" && !dq) {
                    for (i, a) in self.st.params.clone().into_iter().enumerate() {
                        if i > 0 {
                            out.push(Piece::Break);
                        }
                        out.push(text(a));
                    }
                } else if p.name == "*" {
                    let sep = self.get_var("IFS").map(|s| s.chars().next().map(String::from).unwrap_or_default());
                    out.push(text(self.st.params.join(&sep.unwrap_or_else(|| " ".into()))));
                } else {
                    out.push(text(val.unwrap_or_default()));
                }
            }
            ParamOp::Length => {
                check_unset(self)?;
                let n = if p.name == "@" || p.name == "*" {
                    self.st.params.len()
                } else {
                    val.unwrap_or_default().chars().count()
                };
                out.push(text(n.to_string()));
            }
            ParamOp::Default { colon, word } | ParamOp::Assign { colon, word } | ParamOp::Error { colon, word } => {
                let empty = val.as_deref().is_none_or(|v| *colon && v.is_empty()) || !is_set;
                if !empty {
                    out.push(text(val.unwrap_or_default()));
                } else {
                    match &p.op {
                        ParamOp::Default { .. } => self.expand_parts(word, dq, out)?,
                        ParamOp::Assign { .. } => {
                            let v = self.expand_single(word)?;
                            self.set_var(&p.name, &v)?;
                            out.push(text(v));
                        }
                        _ => {
                            let m = self.expand_single(word)?;
                            let msg = if m.is_empty() {
                                if *colon {
                                    "parameter null or not set".into()
                                } else {
                                    "parameter not set".into()
                                }
                            } else {
                                m
                            };
                            return Err(self.unset_error(&p.name, Some(msg)));
                        }
                    }
                }
            }
            ParamOp::Alt { colon, word } => {
                let empty = val.as_deref().is_none_or(|v| *colon && v.is_empty()) || !is_set;
                if !empty {
                    self.expand_parts(word, dq, out)?;
                }
            }
            ParamOp::TrimPrefix { longest, pat } | ParamOp::TrimSuffix { longest, pat } => {
                check_unset(self)?;
                let v = val.unwrap_or_default();
                let pat = self.expand_pattern(pat)?;
                let prefix = matches!(p.op, ParamOp::TrimPrefix { .. });
                out.push(text(trim(&v, &pat, prefix, *longest)));
            }
            ParamOp::Substr { off, len } => {
                check_unset(self)?;
                let v: Vec<char> = val.unwrap_or_default().chars().collect();
                let o = self.expand_single(off)?;
                let o = self.arith(&o)?;
                let start = if o < 0 { (v.len() as i64 + o).max(0) as usize } else { (o as usize).min(v.len()) };
                let end = match len {
                    Some(l) => {
                        let l = self.expand_single(l)?;
                        let l = self.arith(&l)?;
                        if l < 0 {
                            (v.len() as i64 + l).max(start as i64) as usize
                        } else {
                            (start + l as usize).min(v.len())
                        }
                    }
                    None => v.len(),
                };
                out.push(text(v[start..end.max(start)].iter().collect()));
            }
            ParamOp::Replace { all, pat, rep } => {
                check_unset(self)?;
                let v = val.unwrap_or_default();
                let pat = self.expand_pattern(pat)?;
                let rep = self.expand_single(rep)?;
                out.push(text(replace(&v, &pat, &rep, *all)));
            }
        }
        Ok(())
    }
}

/// Removes the shortest or longest prefix/suffix of `v` matching `pat`.
pub(crate) fn trim(v: &str, pat: &str, prefix: bool, longest: bool) -> String {
    let idx: Vec<usize> = v.char_indices().map(|(i, _)| i).chain(std::iter::once(v.len())).collect();
    let order: Vec<usize> = if longest == prefix { idx.iter().rev().copied().collect() } else { idx.clone() };
    for i in order {
        if prefix && glob::matches(pat, &v[..i]) {
            return v[i..].to_string();
        }
        if !prefix && glob::matches(pat, &v[i..]) {
            return v[..i].to_string();
        }
    }
    v.to_string()
}

/// `${v/pat/rep}`: replaces the first (or every) longest match; `#`/`%` anchor the pattern.
pub(crate) fn replace(v: &str, pat: &str, rep: &str, all: bool) -> String {
    let (pat, anchor) = match (pat.strip_prefix('#'), pat.strip_prefix('%')) {
        (Some(p), _) => (p, 1),
        (_, Some(p)) => (p, 2),
        _ => (pat, 0),
    };
    let idx: Vec<usize> = v.char_indices().map(|(i, _)| i).chain(std::iter::once(v.len())).collect();
    let mut out = String::new();
    let mut i = 0;
    while i < idx.len() {
        let s = idx[i];
        if anchor == 1 && s != 0 {
            break;
        }
        let found = idx[i..]
            .iter()
            .rev()
            .find(|&&e| (e > s || pat.is_empty()) && glob::matches(pat, &v[s..e]) && (anchor != 2 || e == v.len()));
        if let Some(&e) = found.filter(|_| !pat.is_empty()) {
            out.push_str(rep);
            if !all {
                out.push_str(&v[e..]);
                return out;
            }
            i = idx.iter().position(|&x| x == e).unwrap_or(idx.len());
            if e == v.len() {
                return out;
            }
            continue;
        }
        if s == v.len() {
            break;
        }
        let next = idx[i + 1];
        out.push_str(&v[s..next]);
        i += 1;
    }
    if i < idx.len() {
        out.push_str(&v[idx[i]..]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trimming_and_replacing() {
        assert_eq!(trim("file.tar.gz", ".*", false, false), "file.tar");
        assert_eq!(trim("file.tar.gz", ".*", false, true), "file");
        assert_eq!(trim("/a/b/c", "*/", true, false), "a/b/c");
        assert_eq!(trim("/a/b/c", "*/", true, true), "c");
        assert_eq!(replace("aXbXc", "X", "-", false), "a-bXc");
        assert_eq!(replace("aXbXc", "X", "-", true), "a-b-c");
        assert_eq!(replace("abc", "#a", "Z", false), "Zbc");
        assert_eq!(replace("abc", "%c", "Z", false), "abZ");
        assert_eq!(replace("abc", "#b", "Z", false), "abc");
    }
}
