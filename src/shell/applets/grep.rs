//! `grep` (also `egrep`, `fgrep`): -v -i -n -c -q -s -r -E -F -o -l -L -w -x -h -H -e -f.

use regex_lite::Regex;

use super::common::{fail, read_input, Opts};
use super::regex::compile;
use crate::shell::applet::Ctx;
use crate::vfs::path;

struct G {
    res: Vec<Regex>,
    invert: bool,
    word: bool,
    line: bool,
    only: bool,
}

impl G {
    /// Match spans of a line (for -o), or whether it matches.
    fn spans(&self, l: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        for re in &self.res {
            for m in re.find_iter(l) {
                let (s, e) = (m.start(), m.end());
                if self.line && (s != 0 || e != l.len()) {
                    continue;
                }
                if self.word {
                    let before = l[..s].chars().next_back();
                    let after = l[e..].chars().next();
                    let is_w = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
                    if is_w(before) || is_w(after) || s == e {
                        continue;
                    }
                }
                out.push((s, e));
            }
        }
        crate::util::sort::sort(&mut out);
        out
    }

    fn matches(&self, l: &str) -> bool {
        let hit = if !self.line && !self.word {
            self.res.iter().any(|r| r.is_match(l))
        } else {
            !self.spans(l).is_empty() || self.line_whole(l)
        };
        hit != self.invert
    }

    fn line_whole(&self, l: &str) -> bool {
        self.line && self.res.iter().any(|r| r.find_iter(l).any(|m| m.start() == 0 && m.end() == l.len()))
    }
}

fn walk(ctx: &Ctx<'_>, p: &str, out: &mut Vec<String>) {
    let Ok((at, n)) = ctx.fs.lookup(&ctx.cwd, p, true) else {
        out.push(p.to_string());
        return;
    };
    if !n.is_dir() {
        out.push(p.to_string());
        return;
    }
    let mut names: Vec<String> = ctx.fs.children(&at).map(|(c, _)| c.to_string()).collect();
    crate::util::sort::sort(&mut names);
    for c in names {
        let child = format!("{}/{c}", p.trim_end_matches('/'));
        let cat = path::join(&at, &c);
        match ctx.fs.get(&cat) {
            Some(n) if n.is_dir() => walk(ctx, &child, out),
            Some(n) if n.is_file() => out.push(child),
            _ => {}
        }
    }
}

/// `grep [OPTIONS] PATTERN [FILE…]`
pub fn grep(ctx: &mut Ctx<'_>, argv: &[String]) -> i32 {
    let o = Opts::parse(argv, "efmABC");
    let name = argv[0].rsplit('/').next().unwrap_or("grep");
    let extended = o.has('E') || name == "egrep";
    let fixed = o.has('F') || name == "fgrep";
    let mut pats: Vec<String> = o.flags.iter().filter(|(f, _)| *f == 'e').filter_map(|(_, v)| v.clone()).collect();
    for (_, f) in o.flags.iter().filter(|(f, _)| *f == 'f') {
        let f = f.clone().unwrap_or_default();
        match read_input(ctx, &f) {
            Ok(d) => pats.extend(String::from_utf8_lossy(&d).lines().map(String::from)),
            Err(e) => {
                fail(ctx, "grep", &format!("{f}: {e}"));
                return 2;
            }
        }
    }
    let mut args = o.args.clone();
    if pats.is_empty() && !o.has('f') {
        if args.is_empty() {
            ctx.err(
                "Usage: grep [-HhnlLoqvsrRiwFE] [-m N] [-A|B|C N] { PATTERN | -e PATTERN... | -f FILE... } [FILE]...\n",
            );
            return 2;
        }
        pats.push(args.remove(0));
    }
    let pats: Vec<String> = pats.iter().flat_map(|p| p.split('\n').map(String::from).collect::<Vec<_>>()).collect();
    let mut res = Vec::new();
    for p in &pats {
        match compile(p, extended, o.has('i') || o.has('y'), fixed) {
            Ok(r) => res.push(r),
            Err(e) => {
                fail(ctx, "grep", &e);
                return 2;
            }
        }
    }
    let g = G { res, invert: o.has('v'), word: o.has('w'), line: o.has('x'), only: o.has('o') };
    let recursive = o.has('r') || o.has('R');
    let mut files = Vec::new();
    if recursive {
        let roots = if args.is_empty() { vec![".".to_string()] } else { args.clone() };
        for r in roots {
            walk(ctx, &r, &mut files);
        }
    } else {
        files = args.clone();
    }
    let stdin = files.is_empty();
    if stdin {
        files.push("-".into());
    }
    let show_names = (files.len() > 1 || recursive) && !o.has('h') || o.has('H');
    let max: Option<usize> = o.val('m').and_then(|m| m.parse().ok());
    let mut any = false;
    let mut error = false;
    for f in &files {
        let data = match read_input(ctx, f) {
            Ok(d) => d,
            Err(e) => {
                if !o.has('s') {
                    fail(ctx, "grep", &format!("{f}: {e}"));
                }
                error = true;
                continue;
            }
        };
        let shown = if f == "-" { "(standard input)".to_string() } else { f.clone() };
        let text = String::from_utf8_lossy(&data);
        let mut count = 0;
        let mut out = String::new();
        for (no, l) in text.lines().enumerate() {
            if max.is_some_and(|m| count >= m) {
                break;
            }
            if !g.matches(l) {
                continue;
            }
            count += 1;
            any = true;
            if o.has('q') {
                return 0;
            }
            if o.has('c') || o.has('l') || o.has('L') {
                continue;
            }
            let prefix = format!(
                "{}{}",
                if show_names { format!("{shown}:") } else { String::new() },
                if o.has('n') { format!("{}:", no + 1) } else { String::new() }
            );
            if g.only && !g.invert {
                for (s, e) in g.spans(l) {
                    if e > s {
                        out.push_str(&format!("{prefix}{}\n", &l[s..e]));
                    }
                }
            } else {
                out.push_str(&format!("{prefix}{l}\n"));
            }
        }
        if o.has('c') {
            out.push_str(&format!("{}{count}\n", if show_names { format!("{shown}:") } else { String::new() }));
        }
        if o.has('l') && count > 0 {
            out.push_str(&format!("{shown}\n"));
        }
        if o.has('L') && count == 0 {
            out.push_str(&format!("{shown}\n"));
        }
        ctx.out(&out);
    }
    if o.has('L') {
        return if error { 2 } else { 0 };
    }
    if error && !(o.has('s') && any) {
        return 2;
    }
    if any {
        0
    } else {
        1
    }
}
