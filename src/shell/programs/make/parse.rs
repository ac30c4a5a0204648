//! Reading a makefile: logical lines (backslash continuations), comments, variable
//! assignments (`=`, `:=`, `::=`, `?=`, `+=`, `!=`, `override`, `export`, `define`),
//! conditionals (`ifeq`, `ifneq`, `ifdef`, `ifndef`, `else`, `endif`), `include`, rules
//! (explicit, pattern, double-colon, `;` recipes, order-only prerequisites) and recipes.

use super::{Make, Origin, Rule, Var};

/// One logical line and the number of its first physical line.
struct Line {
    text: String,
    number: usize,
    recipe: bool,
}

fn logical_lines(text: &str) -> Vec<Line> {
    let mut out: Vec<Line> = Vec::new();
    let mut pending: Option<Line> = None;
    for (i, raw) in text.lines().enumerate() {
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        if let Some(mut p) = pending.take() {
            if p.recipe {
                // Recipes keep the backslash-newline for the shell; a leading tab goes.
                p.text.push('\n');
                p.text.push_str(raw.strip_prefix('\t').unwrap_or(raw));
            } else {
                p.text.push(' ');
                p.text.push_str(raw.trim_start());
            }
            if ends_continued(raw) {
                if !p.recipe {
                    p.text.pop();
                    p.text = p.text.trim_end().to_string();
                }
                pending = Some(p);
            } else {
                out.push(p);
            }
            continue;
        }
        let recipe = raw.starts_with('\t');
        let mut line = Line { text: raw.to_string(), number: i + 1, recipe };
        if ends_continued(raw) {
            if !recipe {
                line.text.pop();
                line.text = line.text.trim_end().to_string();
            }
            pending = Some(line);
        } else {
            out.push(line);
        }
    }
    out.extend(pending);
    out
}

fn ends_continued(s: &str) -> bool {
    let n = s.len() - s.trim_end_matches('\\').len();
    n % 2 == 1
}

fn strip_comment(s: &str) -> &str {
    let b = s.as_bytes();
    for i in 0..b.len() {
        if b[i] == b'#' && (i == 0 || b[i - 1] != b'\\') {
            return &s[..i];
        }
    }
    s
}

/// Finds an assignment operator outside references: (name end, op, value start).
fn assignment(s: &str) -> Option<(usize, &'static str, usize)> {
    let b = s.as_bytes();
    let mut depth = 0;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'(' | b'{' => depth += 1,
            b')' | b'}' => depth -= 1,
            b'=' if depth == 0 => {
                let (start, op) = match i.checked_sub(1).map(|j| b[j]) {
                    Some(b'+') => (i - 1, "+="),
                    Some(b'?') => (i - 1, "?="),
                    Some(b'!') => (i - 1, "!="),
                    _ => (i, "="),
                };
                return Some((start, op, i + 1));
            }
            b':' if depth == 0 => {
                if s[i..].starts_with("::=") {
                    return Some((i, ":=", i + 3));
                }
                if s[i..].starts_with(":=") {
                    return Some((i, ":=", i + 2));
                }
                return None;
            }
            _ => {}
        }
        i += 1;
    }
    None
}

impl Make<'_, '_> {
    /// Sets a variable as the makefile (or command line) does.
    pub fn assign(&mut self, name: &str, op: &str, value: &str, origin: Origin, export: bool) {
        let name = name.trim().to_string();
        if let Some(v) = self.vars.get(&name) {
            if v.origin == Origin::CommandLine && origin == Origin::File {
                return;
            }
        }
        let value = value.trim_start().to_string();
        let var = match op {
            "?=" => {
                if self.vars.contains_key(&name) {
                    if export {
                        self.vars.get_mut(&name).expect("present").export = true;
                    }
                    return;
                }
                Var { value, recursive: true, origin, export }
            }
            ":=" => Var { value: self.expand(&value, None), recursive: false, origin, export },
            "!=" => {
                let cmd = self.expand(&value, None);
                Var { value: self.shell_output(&cmd), recursive: false, origin, export }
            }
            "+=" => match self.vars.get(&name).cloned() {
                Some(old) => {
                    let add = if old.recursive { value } else { self.expand(&value, None) };
                    let joined = if old.value.is_empty() { add } else { format!("{} {add}", old.value) };
                    Var {
                        value: joined,
                        export: old.export || export,
                        origin: if old.origin == Origin::Default { origin } else { old.origin },
                        ..old
                    }
                }
                None => Var { value, recursive: true, origin, export },
            },
            _ => Var { value, recursive: true, origin, export },
        };
        self.vars.insert(name, var);
    }

    /// Reads makefile text `text` named `file`; errors are make's messages.
    pub fn read(&mut self, file: &str, text: &str) -> Result<(), String> {
        let lines = logical_lines(text);
        // (taking lines, some branch already taken)
        let mut conds: Vec<(bool, bool)> = Vec::new();
        let mut in_rule: Option<usize> = None;
        let mut define: Option<(String, Vec<String>, bool)> = None;
        for line in lines {
            self.location = format!("{file}:{}", line.number);
            let active = conds.iter().all(|c| c.0);
            if let Some((name, body, export)) = define.as_mut() {
                if line.text.trim() == "endef" {
                    let (n, b, e) = (name.clone(), body.join("\n"), *export);
                    define = None;
                    if active {
                        self.vars.insert(n, Var { value: b, recursive: true, origin: Origin::File, export: e });
                    }
                } else {
                    body.push(line.text.clone());
                }
                continue;
            }
            if let (true, Some(r)) = (line.recipe, in_rule) {
                if active {
                    self.rules[r].recipe.push((line.text[1..].to_string(), line.number));
                }
                continue;
            }
            let text = strip_comment(&line.text).trim().to_string();
            let (kw, rest) = match text.split_once([' ', '\t', '(']) {
                Some((k, _)) => (k, text[k.len()..].trim()),
                None => (text.as_str(), ""),
            };
            match kw {
                "ifeq" | "ifneq" | "ifdef" | "ifndef" => {
                    let v = if active { self.condition(kw, rest) } else { false };
                    conds.push((v, v));
                    continue;
                }
                "else" => {
                    let Some(last) = conds.last().copied() else {
                        return Err(format!("{file}:{}: *** extraneous 'else'.  Stop.", line.number));
                    };
                    let (k2, r2) = match rest.split_once([' ', '\t', '(']) {
                        Some((k, _)) => (k, rest[k.len()..].trim()),
                        None => (rest, ""),
                    };
                    let outer = conds[..conds.len() - 1].iter().all(|c| c.0);
                    let now = if last.1 {
                        false
                    } else if k2.is_empty() {
                        true
                    } else {
                        outer && self.condition(k2, r2)
                    };
                    let n = conds.len() - 1;
                    conds[n] = (now, last.1 || now);
                    continue;
                }
                "endif" => {
                    if conds.pop().is_none() {
                        return Err(format!("{file}:{}: *** extraneous 'endif'.  Stop.", line.number));
                    }
                    continue;
                }
                _ => {}
            }
            if !active || text.is_empty() {
                continue;
            }
            if kw == "define" {
                let name = rest.trim_end_matches(['=', ':', ' ']).trim().to_string();
                define = Some((name, Vec::new(), false));
                continue;
            }
            if matches!(kw, "include" | "-include" | "sinclude") {
                let names = self.expand(rest, None);
                for n in names.split_whitespace() {
                    match self.sh.fs.read(&self.dir, n) {
                        Ok(c) => {
                            let t = String::from_utf8_lossy(&c.bytes()).into_owned();
                            self.read(n, &t)?;
                        }
                        Err(_) if kw != "include" => {}
                        Err(_) => {
                            return Err(format!(
                            "{file}:{}: {n}: No such file or directory\n{}: *** No rule to make target '{n}'.  Stop.",
                            line.number,
                            self.prog()
                        ))
                        }
                    }
                }
                continue;
            }
            let (mut body, mut export, mut origin) = (text.as_str(), false, Origin::File);
            loop {
                if let Some(r) = body.strip_prefix("export ") {
                    body = r.trim_start();
                    export = true;
                } else if let Some(r) = body.strip_prefix("override ") {
                    body = r.trim_start();
                    origin = Origin::CommandLine;
                } else {
                    break;
                }
            }
            if body.starts_with("unexport ") {
                continue;
            }
            if let Some((end, op, vstart)) = assignment(body) {
                let name = self.expand(&body[..end], None);
                let value = body[vstart..].to_string();
                self.assign(&name, op, &value, origin, export);
                in_rule = None;
                continue;
            }
            if export && !body.contains(':') {
                let names = self.expand(body, None);
                for n in names.split_whitespace() {
                    let value = self.vars.get(n).map(|v| v.value.clone()).unwrap_or_default();
                    let entry = self.vars.entry(n.to_string()).or_insert(Var {
                        value,
                        recursive: true,
                        origin: Origin::File,
                        export: true,
                    });
                    entry.export = true;
                }
                continue;
            }
            match self.rule_line(&line.text, line.number, file) {
                Some(i) => in_rule = Some(i),
                None => {
                    if let Some(m) = &self.fatal_msg {
                        return Err(format!("{file}:{}: *** {m}", line.number));
                    }
                    return Err(format!("{file}:{}: *** missing separator.  Stop.", line.number));
                }
            }
        }
        if !conds.is_empty() {
            return Err(format!("{file}:{}: *** missing 'endif'.  Stop.", text.lines().count()));
        }
        Ok(())
    }

    fn condition(&mut self, kw: &str, rest: &str) -> bool {
        match kw {
            "ifdef" | "ifndef" => {
                let name = self.expand(rest.trim(), None);
                let defined = self.vars.get(name.trim()).is_some_and(|v| !v.value.is_empty());
                defined == (kw == "ifdef")
            }
            _ => {
                let (a, b) = if let Some(inner) = rest.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
                    let mut depth = 0;
                    let mut split = inner.len();
                    for (i, c) in inner.char_indices() {
                        match c {
                            '(' | '{' => depth += 1,
                            ')' | '}' => depth -= 1,
                            ',' if depth == 0 => {
                                split = i;
                                break;
                            }
                            _ => {}
                        }
                    }
                    (inner[..split].to_string(), inner.get(split + 1..).unwrap_or("").to_string())
                } else {
                    let parts: Vec<&str> = rest.split(['"', '\'']).filter(|p| !p.trim().is_empty()).collect();
                    (
                        parts.first().map_or(String::new(), |s| s.to_string()),
                        parts.get(1).map_or(String::new(), |s| s.to_string()),
                    )
                };
                let (a, b) = (self.expand(a.trim(), None), self.expand(b.trim(), None));
                (a == b) == (kw == "ifeq")
            }
        }
    }

    /// Reads a rule line; returns the index of the rule recipe lines attach to.
    fn rule_line(&mut self, raw: &str, number: usize, file: &str) -> Option<usize> {
        let (head, inline) = match raw.split_once(';') {
            Some((h, r)) => (h.to_string(), Some(r.trim_start().to_string())),
            None => (raw.to_string(), None),
        };
        let head = strip_comment(&head);
        let expanded = self.expand(head, None);
        let (targets, rest) = match expanded.split_once("::") {
            Some((t, r)) => (t.to_string(), r.to_string()),
            None => {
                let (t, r) = expanded.split_once(':')?;
                (t.to_string(), r.to_string())
            }
        };
        let targets: Vec<String> = targets.split_whitespace().map(String::from).collect();
        if targets.is_empty() {
            return None;
        }
        if rest.contains('=') {
            // A target-specific variable: applies globally in this simulation.
            if let Some((end, op, vstart)) = assignment(&rest) {
                let (n, v) = (rest[..end].trim().to_string(), rest[vstart..].to_string());
                self.assign(&n, op, &v, Origin::File, false);
            }
            return Some(self.push_rule(Rule::default()));
        }
        let (normal, order) = match rest.split_once('|') {
            Some((n, o)) => (n.to_string(), o.to_string()),
            None => (rest, String::new()),
        };
        let prereqs: Vec<String> = normal.split_whitespace().map(String::from).collect();
        let order_only: Vec<String> = order.split_whitespace().map(String::from).collect();
        match targets[0].as_str() {
            ".PHONY" => {
                self.phony.extend(prereqs);
                return Some(self.push_rule(Rule::default()));
            }
            ".SILENT" => {
                if prereqs.is_empty() {
                    self.silent = true;
                }
                return Some(self.push_rule(Rule::default()));
            }
            ".SUFFIXES"
            | ".NOTPARALLEL"
            | ".ONESHELL"
            | ".DELETE_ON_ERROR"
            | ".EXPORT_ALL_VARIABLES"
            | ".INTERMEDIATE"
            | ".SECONDARY"
            | ".PRECIOUS"
            | ".POSIX"
            | ".SECONDEXPANSION" => {
                return Some(self.push_rule(Rule::default()));
            }
            _ => {}
        }
        if self.default_goal.is_none()
            && !targets[0].contains('%')
            && (!targets[0].starts_with('.') || targets[0].contains('/'))
        {
            self.default_goal = Some(targets[0].clone());
        }
        let mut recipe = Vec::new();
        if let Some(r) = inline.filter(|r| !r.is_empty()) {
            recipe.push((r, number));
        }
        Some(self.push_rule(Rule { targets, prereqs, order_only, recipe, file: file.to_string(), line: number }))
    }

    fn push_rule(&mut self, r: Rule) -> usize {
        self.rules.push(r);
        self.rules.len() - 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn continuations_and_assignments() {
        let l = logical_lines("A = a \\\n    b\nall:\n\techo 1 \\\n\t  2\n");
        assert_eq!(l[0].text, "A = a b");
        assert_eq!(l[2].text, "\techo 1 \\\n  2");
        assert_eq!(assignment("CC ?= gcc"), Some((3, "?=", 5)));
        assert_eq!(assignment("X := $(Y)"), Some((2, ":=", 4)));
        assert_eq!(assignment("all: a b"), None);
        assert_eq!(assignment("$(A:.c=.o): x"), None);
        assert_eq!(assignment("OBJ = $(SRC:.c=.o)"), Some((4, "=", 5)));
        assert_eq!(strip_comment("a # b"), "a ");
    }
}
