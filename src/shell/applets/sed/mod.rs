//! `sed`: addresses (numbers, `$`, `/re/`, ranges, `first~step`, `addr,+N`, `!`), blocks,
//! `s///` with flags, `p d n N P D h H g G x y a i c = q Q b t T :label`, `-n -e -f -i -E -s`.

mod parse;

use regex_lite::Regex;

use super::common::{fail, read_input, write_file};
use crate::shell::applet::Ctx;
use parse::{Addr, Addr2, Cmd, Kind, Parser, Rep};

struct Run<'c> {
    cmds: &'c [Cmd],
    active: Vec<bool>,
    plus_end: Vec<usize>,
    last_re: Option<Regex>,
    quiet: bool,
}

impl Run<'_> {
    fn re<'r>(&'r mut self, re: &'r Option<Regex>) -> Option<Regex> {
        match re {
            Some(r) => {
                self.last_re = Some(r.clone());
                Some(r.clone())
            }
            None => self.last_re.clone(),
        }
    }

    fn addr_match(&mut self, a: &Addr, line: usize, last: bool, ps: &str) -> bool {
        match a {
            Addr::Line(n) => *n == line,
            Addr::Last => last,
            Addr::Step(f, s) => {
                if *s == 0 {
                    line == *f
                } else {
                    line >= *f && (line - f).is_multiple_of(*s)
                }
            }
            Addr::Re(r) => self.re(r).is_some_and(|r| r.is_match(ps)),
        }
    }

    fn selected(&mut self, k: usize, line: usize, last: bool, ps: &str) -> bool {
        let c = &self.cmds[k];
        let hit = match (&c.a1, &c.a2) {
            (None, _) => true,
            (Some(a), None) => self.addr_match(a, line, last, ps),
            (Some(a), Some(a2)) => {
                if self.active[k] {
                    let end = match a2 {
                        Addr2::Plus(_) => line >= self.plus_end[k],
                        Addr2::A(Addr::Line(n)) => line >= *n,
                        Addr2::A(b) => self.addr_match(b, line, last, ps),
                    };
                    if end {
                        self.active[k] = false;
                    }
                    true
                } else if self.addr_match(a, line, last, ps) {
                    match a2 {
                        Addr2::Plus(n) => {
                            self.plus_end[k] = line + n;
                            self.active[k] = *n > 0;
                        }
                        Addr2::A(Addr::Line(n)) => self.active[k] = *n > line,
                        Addr2::A(_) => self.active[k] = !last,
                    }
                    true
                } else {
                    false
                }
            }
        };
        hit != c.neg
    }
}

fn substitute(re: &Regex, ps: &str, rep: &[Rep], global: bool, nth: usize) -> Option<String> {
    let mut out = String::new();
    let mut last = 0;
    let mut count = 0;
    let mut done = false;
    for caps in re.captures_iter(ps) {
        let m = caps.get(0)?;
        count += 1;
        if count < nth {
            continue;
        }
        out.push_str(&ps[last..m.start()]);
        for r in rep {
            match r {
                Rep::Lit(s) => out.push_str(s),
                Rep::Group(g) => out.push_str(caps.get(*g).map(|x| x.as_str()).unwrap_or("")),
            }
        }
        last = m.end();
        done = true;
        if !global {
            break;
        }
    }
    if !done {
        return None;
    }
    out.push_str(&ps[last..]);
    Some(out)
}

/// Runs the script over `lines`; returns the output and the exit status of `q`/`Q`.
fn run(cmds: &[Cmd], lines: &[String], quiet: bool, budget_ok: &mut dyn FnMut() -> bool) -> (String, Option<i32>) {
    let mut r = Run { cmds, active: vec![false; cmds.len()], plus_end: vec![0; cmds.len()], last_re: None, quiet };
    let mut out = String::new();
    let mut hold = String::new();
    let mut idx = 0;
    let mut exit = None;
    let find_label = |name: &str| cmds.iter().position(|c| matches!(&c.kind, Kind::Jump(':', n) if n == name));
    'cycle: while idx < lines.len() {
        let mut ps = lines[idx].clone();
        idx += 1;
        let mut append = String::new();
        let mut subst_flag = false;
        let mut pc = 0;
        loop {
            if pc >= cmds.len() {
                break;
            }
            if !budget_ok() {
                return (out, Some(1));
            }
            let last = idx == lines.len();
            if !r.selected(pc, idx, last, &ps) {
                pc = match cmds[pc].kind {
                    Kind::Block(end) => end + 1,
                    _ => pc + 1,
                };
                continue;
            }
            match &cmds[pc].kind {
                Kind::Block(_) | Kind::End | Kind::Label => {}
                Kind::Jump(':', _) => {}
                Kind::S { re, rep, global, nth, print } => {
                    if let Some(re) = r.re(re) {
                        if let Some(n) = substitute(&re, &ps, rep, *global, *nth) {
                            ps = n;
                            subst_flag = true;
                            if *print {
                                out.push_str(&ps);
                                out.push('\n');
                            }
                        }
                    }
                }
                Kind::Y(a, b) => {
                    ps = ps.chars().map(|c| a.iter().position(|x| *x == c).map(|i| b[i]).unwrap_or(c)).collect()
                }
                Kind::Text('a', t) => {
                    append.push_str(t);
                    append.push('\n');
                }
                Kind::Text('i', t) => {
                    out.push_str(t);
                    out.push('\n');
                }
                Kind::Text(_, t) => {
                    let c = &cmds[pc];
                    if c.a2.is_none() || !r.active[pc] || c.neg {
                        out.push_str(t);
                        out.push('\n');
                    }
                    continue 'cycle;
                }
                Kind::Quit(q, code) => {
                    if *q == 'q' && !r.quiet {
                        out.push_str(&ps);
                        out.push('\n');
                    }
                    out.push_str(&append);
                    exit = Some(*code);
                    break 'cycle;
                }
                Kind::Jump(j, label) => {
                    let go = match j {
                        'b' => true,
                        't' => std::mem::replace(&mut subst_flag, false),
                        _ => !std::mem::replace(&mut subst_flag, false),
                    };
                    if go {
                        pc = if label.is_empty() { cmds.len() } else { find_label(label).unwrap_or(cmds.len()) };
                        continue;
                    }
                }
                Kind::Simple(c) => match c {
                    'p' => {
                        out.push_str(&ps);
                        out.push('\n');
                    }
                    'P' => {
                        out.push_str(ps.split('\n').next().unwrap_or(""));
                        out.push('\n');
                    }
                    'd' => {
                        out.push_str(&append);
                        continue 'cycle;
                    }
                    'D' => {
                        if let Some(i) = ps.find('\n') {
                            ps = ps[i + 1..].to_string();
                            out.push_str(&append);
                            append.clear();
                            pc = 0;
                            continue;
                        }
                        out.push_str(&append);
                        continue 'cycle;
                    }
                    'n' => {
                        if !r.quiet {
                            out.push_str(&ps);
                            out.push('\n');
                        }
                        out.push_str(&append);
                        append.clear();
                        if idx >= lines.len() {
                            continue 'cycle;
                        }
                        ps = lines[idx].clone();
                        idx += 1;
                    }
                    'N' => {
                        if idx >= lines.len() {
                            break;
                        }
                        ps.push('\n');
                        ps.push_str(&lines[idx]);
                        idx += 1;
                    }
                    'g' => ps = hold.clone(),
                    'G' => {
                        ps.push('\n');
                        ps.push_str(&hold);
                    }
                    'h' => hold = ps.clone(),
                    'H' => {
                        hold.push('\n');
                        hold.push_str(&ps);
                    }
                    'x' => std::mem::swap(&mut ps, &mut hold),
                    '=' => out.push_str(&format!("{idx}\n")),
                    'l' => {
                        out.push_str(&ps.replace('\\', "\\\\").replace('\t', "\\t"));
                        out.push_str("$\n");
                    }
                    _ => {}
                },
            }
            pc += 1;
        }
        if !r.quiet {
            out.push_str(&ps);
            out.push('\n');
        }
        out.push_str(&append);
    }
    (out, exit)
}

/// `sed [-n] [-E|-r] [-i[SUF]] [-s] (-e SCRIPT… | -f FILE | SCRIPT) [FILE…]`
pub fn sed(ctx: &mut Ctx<'_>, argv: &[String]) -> i32 {
    let mut quiet = false;
    let mut extended = false;
    let mut in_place = false;
    let mut scripts: Vec<String> = Vec::new();
    let mut files = Vec::new();
    let mut i = 1;
    while i < argv.len() {
        let a = &argv[i];
        i += 1;
        if a == "--" {
            files.extend(argv[i..].iter().cloned());
            break;
        }
        if a.starts_with("--") {
            match a.as_str() {
                "--quiet" | "--silent" => quiet = true,
                "--regexp-extended" => extended = true,
                s if s.starts_with("--in-place") => in_place = true,
                s if s.starts_with("--expression=") => scripts.push(s["--expression=".len()..].to_string()),
                _ => {}
            }
            continue;
        }
        if a.starts_with('-') && a.len() > 1 {
            let cs: Vec<char> = a[1..].chars().collect();
            let mut k = 0;
            while k < cs.len() {
                match cs[k] {
                    'n' => quiet = true,
                    'E' | 'r' => extended = true,
                    's' | 'u' | 'z' => {}
                    'i' => {
                        in_place = true;
                        break;
                    }
                    'e' | 'f' => {
                        let rest: String = cs[k + 1..].iter().collect();
                        let v = if rest.is_empty() {
                            i += 1;
                            argv.get(i - 1).cloned().unwrap_or_default()
                        } else {
                            rest
                        };
                        if cs[k] == 'e' {
                            scripts.push(v);
                        } else {
                            match read_input(ctx, &v) {
                                Ok(d) => scripts.push(String::from_utf8_lossy(&d).into_owned()),
                                Err(e) => {
                                    fail(ctx, "sed", &format!("{v}: {e}"));
                                    return 1;
                                }
                            }
                        }
                        break;
                    }
                    other => {
                        fail(ctx, "sed", &format!("invalid option -- '{other}'"));
                        return 1;
                    }
                }
                k += 1;
            }
            continue;
        }
        files.push(a.clone());
    }
    if scripts.is_empty() {
        if files.is_empty() {
            ctx.err("Usage: sed [-i[SFX]] [-nrE] [-f FILE]... [-e CMD]... [FILE]...\n");
            return 1;
        }
        scripts.push(files.remove(0));
    }
    let src = scripts.join("\n");
    let mut p = Parser { cs: src.chars().collect(), i: 0, extended, _s: std::marker::PhantomData };
    let cmds = match p.parse() {
        Ok(c) => c,
        Err(e) => {
            fail(ctx, "sed", &e);
            return 1;
        }
    };
    let to_lines = |d: &[u8]| -> Vec<String> { super::common::lines(d) };
    let mut status = 0;
    if in_place {
        for f in &files {
            let data = match read_input(ctx, f) {
                Ok(d) => d,
                Err(e) => {
                    fail(ctx, "sed", &format!("{f}: {e}"));
                    status = 1;
                    continue;
                }
            };
            let (out, _) = run(&cmds, &to_lines(&data), quiet, &mut || ctx.step());
            let cwd = ctx.cwd.clone();
            let meta = ctx.fs.lookup(&cwd, f, true).map(|(_, n)| n.meta).ok();
            if let Err(e) = write_file(ctx, f, out.into_bytes()) {
                fail(ctx, "sed", &format!("{f}: {e}"));
                status = 1;
            } else if let Some(m) = meta {
                let now = ctx.now;
                let _ = ctx.fs.update_meta(&cwd, f, true, |x| *x = crate::vfs::Meta { mtime: now, ..m });
            }
        }
        return status;
    }
    let mut all = Vec::new();
    if files.is_empty() {
        all = to_lines(ctx.input());
    }
    for f in &files {
        match read_input(ctx, f) {
            Ok(d) => all.extend(to_lines(&d)),
            Err(e) => {
                fail(ctx, "sed", &format!("{f}: {e}"));
                status = 2;
            }
        }
    }
    let (out, exit) = run(&cmds, &all, quiet, &mut || ctx.step());
    ctx.out(&out);
    exit.unwrap_or(status)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sed_run(script: &str, input: &str, quiet: bool, ext: bool) -> String {
        let mut p = Parser { cs: script.chars().collect(), i: 0, extended: ext, _s: std::marker::PhantomData };
        let cmds = p.parse().unwrap();
        let lines: Vec<String> = input.lines().map(String::from).collect();
        run(&cmds, &lines, quiet, &mut || true).0
    }

    #[test]
    fn commands() {
        assert_eq!(sed_run("s/o/0/g", "foo\nbar\n", false, false), "f00\nbar\n");
        assert_eq!(sed_run("s/\\(a\\)\\(b\\)/\\2\\1-&/", "xab\n", false, false), "xba-ab\n");
        assert_eq!(sed_run("s/(a|b)+/X/", "caab\n", false, true), "cX\n");
        assert_eq!(sed_run("2d", "1\n2\n3\n", false, false), "1\n3\n");
        assert_eq!(sed_run("/b/,/d/p", "a\nb\nc\nd\ne\n", true, false), "b\nc\nd\n");
        assert_eq!(sed_run("2,$!d", "1\n2\n3\n", false, false), "2\n3\n");
        assert_eq!(sed_run("$!N;s/\\n/ /", "1\n2\n3\n", false, false), "1 2\n3\n");
        assert_eq!(sed_run("1i\\\nhead\n$a tail", "x\n", false, false), "head\nx\ntail\n");
        assert_eq!(sed_run("/x/c\\\nY", "a\nx\n", false, false), "a\nY\n");
        assert_eq!(sed_run("y/abc/xyz/;2q", "aabbcc\nb\nc\n", false, false), "xxyyzz\ny\n");
        assert_eq!(sed_run("1!G;h;$!d", "1\n2\n3\n", false, false), "3\n2\n1\n");
        assert_eq!(sed_run(":a;s/^.\\{1,3\\}$/ &/;ta", "ab\n", false, false), "  ab\n");
        assert_eq!(sed_run("s/a/b/2", "aaa\n", false, false), "aba\n");
        assert_eq!(sed_run("/^#/d;/^$/d", "#c\n\nv\n", false, false), "v\n");
        assert_eq!(sed_run("0~2d", "1\n2\n3\n4\n", false, false), "1\n3\n");
        assert_eq!(sed_run("/a/,+1d", "a\nb\nc\n", false, false), "c\n");
        assert_eq!(sed_run("/1/{s/1/one/;p}", "1\n2\n", true, false), "one\n");
        assert_eq!(sed_run("=", "a\n", false, false), "1\na\n");
    }
}
