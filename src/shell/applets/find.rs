//! `find PATH… EXPR`: -name -iname -path -type -maxdepth -mindepth -size -empty -newer
//! -perm -user -group -prune -print -print0 -delete -exec {} ; / + with ! -a -o and parens.

use crate::shell::exec::{Flow, Res, Shell};
use crate::shell::glob;
use crate::vfs::{path, Node, NodeKind};

enum E {
    And(Box<E>, Box<E>),
    Or(Box<E>, Box<E>),
    Not(Box<E>),
    Name(String, bool),
    Path(String, bool),
    Type(char),
    Size(i8, u64),
    Empty,
    Newer(i64),
    Perm(u32, char),
    User(u32),
    Group(u32),
    Print(bool),
    Delete,
    Exec(Vec<String>, bool, usize),
    Prune,
    Const(bool),
}

struct P<'a> {
    args: &'a [String],
    i: usize,
    maxdepth: Option<usize>,
    mindepth: usize,
    has_action: bool,
    execs: usize,
}

impl P<'_> {
    fn peek(&self) -> Option<&str> {
        self.args.get(self.i).map(|s| s.as_str())
    }

    fn or(&mut self, sh: &Shell<'_>) -> Result<E, String> {
        let mut l = self.and(sh)?;
        while matches!(self.peek(), Some("-o") | Some("-or")) {
            self.i += 1;
            let r = self.and(sh)?;
            l = E::Or(Box::new(l), Box::new(r));
        }
        Ok(l)
    }

    fn and(&mut self, sh: &Shell<'_>) -> Result<E, String> {
        let mut l = self.not(sh)?;
        loop {
            match self.peek() {
                Some("-a") | Some("-and") => {
                    self.i += 1;
                }
                Some("-o") | Some("-or") | Some(")") | None => break,
                _ => {}
            }
            let r = self.not(sh)?;
            l = E::And(Box::new(l), Box::new(r));
        }
        Ok(l)
    }

    fn not(&mut self, sh: &Shell<'_>) -> Result<E, String> {
        if matches!(self.peek(), Some("!") | Some("-not")) {
            self.i += 1;
            return Ok(E::Not(Box::new(self.not(sh)?)));
        }
        self.primary(sh)
    }

    fn arg(&mut self, what: &str) -> Result<String, String> {
        let v = self.args.get(self.i).cloned().ok_or_else(|| format!("{what}: requires an argument"))?;
        self.i += 1;
        Ok(v)
    }

    fn primary(&mut self, sh: &Shell<'_>) -> Result<E, String> {
        let Some(tok) = self.peek().map(String::from) else { return Err("expected an expression".into()) };
        self.i += 1;
        Ok(match tok.as_str() {
            "(" => {
                let e = self.or(sh)?;
                if self.peek() != Some(")") {
                    return Err("missing )".into());
                }
                self.i += 1;
                e
            }
            "-name" => E::Name(self.arg(&tok)?, false),
            "-iname" => E::Name(self.arg(&tok)?, true),
            "-path" | "-wholename" => E::Path(self.arg(&tok)?, false),
            "-ipath" => E::Path(self.arg(&tok)?, true),
            "-type" => E::Type(self.arg(&tok)?.chars().next().unwrap_or('f')),
            "-maxdepth" => {
                self.maxdepth = self.arg(&tok)?.parse().ok();
                E::Const(true)
            }
            "-mindepth" => {
                self.mindepth = self.arg(&tok)?.parse().unwrap_or(0);
                E::Const(true)
            }
            "-depth" | "-xdev" | "-mount" | "-follow" | "-noleaf" => E::Const(true),
            "-size" => {
                let v = self.arg(&tok)?;
                let (cmp, rest) = match v.chars().next() {
                    Some('+') => (1, &v[1..]),
                    Some('-') => (-1, &v[1..]),
                    _ => (0, v.as_str()),
                };
                let (num, unit) = match rest.chars().last() {
                    Some(c) if c.is_ascii_alphabetic() => (&rest[..rest.len() - 1], c),
                    _ => (rest, 'b'),
                };
                let mult = match unit {
                    'c' => 1,
                    'w' => 2,
                    'k' => 1024,
                    'M' => 1024 * 1024,
                    'G' => 1024 * 1024 * 1024,
                    _ => 512,
                };
                E::Size(cmp, num.parse::<u64>().unwrap_or(0) * mult)
            }
            "-empty" => E::Empty,
            "-newer" => {
                let f = self.arg(&tok)?;
                let t =
                    sh.fs.lookup(&sh.st.cwd, &f, true).map(|(_, n)| n.meta.mtime).map_err(|e| format!("{f}: {e}"))?;
                E::Newer(t)
            }
            "-perm" => {
                let v = self.arg(&tok)?;
                let (kind, m) = match v.chars().next() {
                    Some('-') => ('-', &v[1..]),
                    Some('/') => ('/', &v[1..]),
                    _ => ('=', v.as_str()),
                };
                E::Perm(super::files::parse_mode(m, 0, false, 0).ok_or_else(|| format!("invalid mode '{v}'"))?, kind)
            }
            "-user" => {
                let u = self.arg(&tok)?;
                E::User(
                    crate::vfs::accounts::find_user(sh.fs, &u)
                        .map(|x| x.uid)
                        .ok_or_else(|| format!("invalid user name '{u}'"))?,
                )
            }
            "-group" => {
                let g = self.arg(&tok)?;
                E::Group(
                    crate::vfs::accounts::find_group(sh.fs, &g).ok_or_else(|| format!("invalid group name '{g}'"))?,
                )
            }
            "-print" => {
                self.has_action = true;
                E::Print(false)
            }
            "-print0" => {
                self.has_action = true;
                E::Print(true)
            }
            "-delete" => {
                self.has_action = true;
                E::Delete
            }
            "-prune" => E::Prune,
            "-true" => E::Const(true),
            "-false" => E::Const(false),
            "-exec" | "-execdir" | "-ok" => {
                self.has_action = true;
                let mut cmd = Vec::new();
                let mut plus = false;
                loop {
                    let Some(a) = self.peek().map(String::from) else {
                        return Err(format!("{tok}: missing argument to `{tok}'"));
                    };
                    self.i += 1;
                    if a == ";" {
                        break;
                    }
                    if a == "+" && cmd.last().is_some_and(|l: &String| l == "{}") {
                        plus = true;
                        break;
                    }
                    cmd.push(a);
                }
                self.execs += 1;
                E::Exec(cmd, plus, self.execs - 1)
            }
            other => return Err(format!("unrecognized: {other}")),
        })
    }
}

struct Walk {
    out: Vec<u8>,
    batches: Vec<Vec<String>>,
    status: i32,
    prune: bool,
    deletes: Vec<String>,
}

fn eval(sh: &mut Shell<'_>, e: &E, shown: &str, at: &str, n: &Node, w: &mut Walk) -> Result<bool, Flow> {
    Ok(match e {
        E::And(a, b) => eval(sh, a, shown, at, n, w)? && eval(sh, b, shown, at, n, w)?,
        E::Or(a, b) => eval(sh, a, shown, at, n, w)? || eval(sh, b, shown, at, n, w)?,
        E::Not(a) => !eval(sh, a, shown, at, n, w)?,
        E::Name(p, ic) => {
            let base = if shown == "/" { "/" } else { path::file_name(shown.trim_end_matches('/')) };
            if *ic {
                glob::matches_nocase(p, base)
            } else {
                glob::matches(p, base)
            }
        }
        E::Path(p, ic) => {
            if *ic {
                glob::matches_nocase(p, shown)
            } else {
                glob::matches(p, shown)
            }
        }
        E::Type(t) => {
            matches!((t, &n.kind), ('f', NodeKind::File(_)) | ('d', NodeKind::Dir) | ('l', NodeKind::Symlink(_)))
        }
        E::Size(cmp, bytes) => {
            let unit = if *bytes == 0 { 1 } else { *bytes };
            let size = n.size();
            let _ = unit;
            match cmp {
                1 => size > *bytes,
                -1 => size < *bytes,
                _ => {
                    size == *bytes
                        || (size.div_ceil(512) * 512 == bytes.div_ceil(512) * 512 && *bytes % 512 == 0 && *bytes > 0)
                }
            }
        }
        E::Empty => match &n.kind {
            NodeKind::Dir => sh.fs.children(at).next().is_none(),
            NodeKind::File(c) => c.is_empty(),
            _ => false,
        },
        E::Newer(t) => n.meta.mtime > *t,
        E::Perm(m, k) => match k {
            '-' => n.meta.mode & m == *m,
            '/' => *m == 0 || n.meta.mode & m != 0,
            _ => n.meta.mode & 0o7777 == *m,
        },
        E::User(u) => n.meta.uid == *u,
        E::Group(g) => n.meta.gid == *g,
        E::Print(zero) => {
            w.out.extend_from_slice(shown.as_bytes());
            w.out.push(if *zero { 0 } else { b'\n' });
            true
        }
        E::Delete => {
            w.deletes.push(at.to_string());
            true
        }
        E::Prune => {
            w.prune = true;
            true
        }
        E::Const(b) => *b,
        E::Exec(cmd, plus, k) => {
            if *plus {
                w.batches[*k].push(shown.to_string());
                true
            } else {
                let argv: Vec<String> = cmd.iter().map(|a| a.replace("{}", shown)).collect();
                flush_out(sh, w)?;
                let env = sh.exported_env();
                sh.run_external(&argv, env)? == 0
            }
        }
    })
}

fn flush_out(sh: &mut Shell<'_>, w: &mut Walk) -> Result<(), Flow> {
    if !w.out.is_empty() {
        let o = std::mem::take(&mut w.out);
        sh.write_fd(1, &o)?;
    }
    Ok(())
}

fn plus_cmds(e: &E, out: &mut Vec<(usize, Vec<String>)>) {
    match e {
        E::And(a, b) | E::Or(a, b) => {
            plus_cmds(a, out);
            plus_cmds(b, out);
        }
        E::Not(a) => plus_cmds(a, out),
        E::Exec(c, true, k) => out.push((*k, c.clone())),
        _ => {}
    }
}

/// `find [PATH…] [EXPRESSION]`
pub fn find(sh: &mut Shell<'_>, argv: &[String]) -> Res {
    let mut k = 1;
    let mut roots = Vec::new();
    while k < argv.len() && !(argv[k].starts_with('-') && argv[k].len() > 1) && argv[k] != "!" && argv[k] != "(" {
        roots.push(argv[k].clone());
        k += 1;
    }
    if roots.is_empty() {
        roots.push(".".into());
    }
    let mut p = P { args: &argv[k..], i: 0, maxdepth: None, mindepth: 0, has_action: false, execs: 0 };
    let expr = if argv.len() > k {
        match p.or(sh) {
            Ok(e) if p.i == p.args.len() => e,
            Ok(_) => {
                sh.error(&format!("find: unexpected argument: {}", p.args[p.i]).replacen(
                    &format!("{}: ", sh.name),
                    "",
                    0,
                ));
                return Ok(1);
            }
            Err(e) => {
                sh.write_fd(2, format!("find: {e}\n").as_bytes())?;
                return Ok(1);
            }
        }
    } else {
        E::Const(true)
    };
    let expr = if p.has_action { expr } else { E::And(Box::new(expr), Box::new(E::Print(false))) };
    let depth_first = argv[k..].iter().any(|a| a == "-delete" || a == "-depth");
    let mut w =
        Walk { out: Vec::new(), batches: vec![Vec::new(); p.execs], status: 0, prune: false, deletes: Vec::new() };
    for root in &roots {
        let cwd = sh.st.cwd.clone();
        let Ok((at, _)) = sh.fs.lookup(&cwd, root, true) else {
            sh.write_fd(2, format!("find: {root}: No such file or directory\n").as_bytes())?;
            w.status = 1;
            continue;
        };
        let mut stack: Vec<(String, String, usize, bool)> = vec![(root.clone(), at, 0, false)];
        while let Some((shown, at, depth, visited)) = stack.pop() {
            sh.step()?;
            let Some(node) = sh.fs.get(&at).cloned() else { continue };
            let in_range = depth >= p.mindepth && p.maxdepth.is_none_or(|m| depth <= m);
            if depth_first && node.is_dir() && !visited {
                stack.push((shown.clone(), at.clone(), depth, true));
                if p.maxdepth.is_none_or(|m| depth < m) {
                    push_children(sh, &mut stack, &shown, &at, depth);
                }
                continue;
            }
            w.prune = false;
            if in_range {
                eval(sh, &expr, &shown, &at, &node, &mut w)?;
                if w.out.len() > 65536 {
                    flush_out(sh, &mut w)?;
                }
            }
            if !depth_first && node.is_dir() && !w.prune && p.maxdepth.is_none_or(|m| depth < m) {
                push_children(sh, &mut stack, &shown, &at, depth);
            }
        }
    }
    flush_out(sh, &mut w)?;
    for d in std::mem::take(&mut w.deletes) {
        if let Err(e) = sh.fs.remove("/", &d, false) {
            sh.write_fd(2, format!("find: can't remove '{d}': {e}\n").as_bytes())?;
            w.status = 1;
        }
    }
    let mut cmds = Vec::new();
    plus_cmds(&expr, &mut cmds);
    for (k, cmd) in cmds {
        let files = std::mem::take(&mut w.batches[k]);
        if files.is_empty() {
            continue;
        }
        let mut argv: Vec<String> = Vec::new();
        for a in &cmd {
            if a == "{}" {
                argv.extend(files.iter().cloned());
            } else {
                argv.push(a.clone());
            }
        }
        let env = sh.exported_env();
        if sh.run_external(&argv, env)? != 0 {
            w.status = 1;
        }
    }
    Ok(w.status)
}

fn push_children(sh: &Shell<'_>, stack: &mut Vec<(String, String, usize, bool)>, shown: &str, at: &str, depth: usize) {
    let mut kids: Vec<String> = sh.fs.children(at).map(|(n, _)| n.to_string()).collect();
    crate::util::sort::sort(&mut kids);
    for name in kids.into_iter().rev() {
        let child_shown = if shown.ends_with('/') { format!("{shown}{name}") } else { format!("{shown}/{name}") };
        stack.push((child_shown, path::join(at, &name), depth + 1, false));
    }
}
