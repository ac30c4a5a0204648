//! Shell builtins that need the interpreter's state: `cd`, `export`, `set`, `read`, `eval`,
//! `.`, `exit`, `return`, `local`, `trap`, `type`, `command`, …

use super::exec::{Flow, Res, Shell, Var};
use super::run::{Found, ShellFn};
use crate::vfs::path;

/// The builtin named `name`, if any.
pub(crate) fn builtin(name: &str) -> Option<ShellFn> {
    Some(match name {
        ":" | "hash" | "wait" | "alias" | "unalias" => |_, _| Ok(0),
        "cd" | "chdir" => cd,
        "pwd" => pwd,
        "exit" => exit,
        "export" => export,
        "readonly" => export,
        "unset" => unset,
        "set" => set,
        "shift" => shift,
        "eval" => eval,
        "exec" => exec,
        "." | "source" => source,
        "read" => read,
        "command" => command,
        "type" => type_,
        "trap" => trap,
        "umask" => umask,
        "local" => local,
        "return" => ret,
        "break" => brk,
        "continue" => cont,
        "let" => let_,
        "getopts" => getopts,
        "ulimit" => |sh, _| {
            sh.write_fd(1, b"unlimited\n")?;
            Ok(0)
        },
        _ => return None,
    })
}

fn num_arg(sh: &mut Shell<'_>, argv: &[String], default: i32) -> Result<i32, Flow> {
    match argv.get(1) {
        None => Ok(default),
        Some(a) => match a.parse::<i32>() {
            Ok(n) => Ok(n),
            Err(_) => {
                sh.error(&format!("{}: Illegal number: {a}", argv[0]));
                Err(Flow::Exit(2))
            }
        },
    }
}

fn exit(sh: &mut Shell<'_>, argv: &[String]) -> Res {
    let s = sh.st.status;
    let n = num_arg(sh, argv, s)?;
    Err(Flow::Exit(n & 0xff))
}

fn ret(sh: &mut Shell<'_>, argv: &[String]) -> Res {
    let s = sh.st.status;
    let n = num_arg(sh, argv, s)?;
    Err(Flow::Return(n))
}

fn brk(sh: &mut Shell<'_>, argv: &[String]) -> Res {
    let n = num_arg(sh, argv, 1)?.max(1) as u32;
    if sh.st.loops == 0 {
        return Ok(0);
    }
    Err(Flow::Break(n.min(sh.st.loops)))
}

fn cont(sh: &mut Shell<'_>, argv: &[String]) -> Res {
    let n = num_arg(sh, argv, 1)?.max(1) as u32;
    if sh.st.loops == 0 {
        return Ok(0);
    }
    Err(Flow::Continue(n.min(sh.st.loops)))
}

fn cd(sh: &mut Shell<'_>, argv: &[String]) -> Res {
    let args: Vec<&String> = argv[1..].iter().filter(|a| *a != "-P" && *a != "-L").collect();
    let target = match args.first() {
        None => sh.get_var("HOME").unwrap_or_else(|| "/".into()),
        Some(a) if *a == "-" => {
            let o = sh.get_var("OLDPWD").unwrap_or_else(|| sh.st.cwd.clone());
            sh.write_fd(1, format!("{o}\n").as_bytes())?;
            o
        }
        Some(a) => a.to_string(),
    };
    let old = sh.st.cwd.clone();
    let old_logical = sh
        .get_var("PWD")
        .filter(|p| sh.fs.resolve("/", p, true).ok().as_deref() == Some(old.as_str()))
        .unwrap_or(old.clone());
    // `cd` is logical (`..` goes up the path as typed); the working directory itself is
    // kept physical and PWD keeps the logical path.
    let logical = path::normalize(&old_logical, &target);
    match sh.fs.lookup("/", &logical, true) {
        Ok((physical, n)) if n.is_dir() => {
            sh.st.cwd = physical;
            sh.set_var("OLDPWD", &old_logical)?;
            sh.set_var("PWD", &logical)?;
            Ok(0)
        }
        Ok(_) => {
            sh.error(&format!("cd: can't cd to {target}: Not a directory"));
            Ok(2)
        }
        Err(e) => {
            sh.error(&format!("cd: can't cd to {target}: {e}"));
            Ok(2)
        }
    }
}

fn pwd(sh: &mut Shell<'_>, argv: &[String]) -> Res {
    let physical = argv.iter().any(|a| a == "-P");
    let logical = sh
        .get_var("PWD")
        .filter(|p| p.starts_with('/') && sh.fs.resolve("/", p, true).ok().as_deref() == Some(sh.st.cwd.as_str()));
    let shown = match logical {
        Some(l) if !physical => l,
        _ => sh.st.cwd.clone(),
    };
    sh.write_fd(1, format!("{shown}\n").as_bytes())?;
    Ok(0)
}

fn valid_name(n: &str) -> bool {
    let mut cs = n.chars();
    matches!(cs.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && cs.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

fn export(sh: &mut Shell<'_>, argv: &[String]) -> Res {
    let args: Vec<&String> = argv[1..].iter().filter(|a| !a.starts_with('-')).collect();
    if args.is_empty() {
        let lines: String = sh
            .st
            .vars
            .iter()
            .filter(|(_, v)| v.exported || argv[0] == "readonly")
            .map(|(k, v)| format!("{} {k}='{}'\n", argv[0], v.value.replace('\'', "'\\''")))
            .collect();
        sh.write_fd(1, lines.as_bytes())?;
        return Ok(0);
    }
    let mut status = 0;
    for a in args {
        let (name, value) = match a.split_once('=') {
            Some((n, v)) => (n, Some(v.to_string())),
            None => (a.as_str(), None),
        };
        if !valid_name(name) {
            sh.error(&format!("{}: bad variable name", argv[0]));
            status = 1;
            continue;
        }
        let exported = argv[0] == "export" || sh.st.vars.get(name).is_some_and(|v| v.exported);
        let value = value.or_else(|| sh.get_var(name));
        if let Some(v) = value {
            sh.st.vars.insert(name.to_string(), Var { value: v, exported });
        }
    }
    Ok(status)
}

fn unset(sh: &mut Shell<'_>, argv: &[String]) -> Res {
    let funcs = argv.iter().any(|a| a == "-f");
    for a in argv[1..].iter().filter(|a| !a.starts_with('-')) {
        if funcs {
            sh.st.funcs.remove(a);
        } else {
            sh.st.vars.remove(a);
        }
    }
    Ok(0)
}

fn set_opt(sh: &mut Shell<'_>, name: &str, on: bool) -> bool {
    let o = &mut sh.st.opts;
    match name {
        "e" | "errexit" => o.errexit = on,
        "x" | "xtrace" => o.xtrace = on,
        "u" | "nounset" => o.nounset = on,
        "f" | "noglob" => o.noglob = on,
        "a" | "allexport" => o.allexport = on,
        "pipefail" => o.pipefail = on,
        "v" | "verbose" | "h" | "hashall" | "C" | "noclobber" | "m" | "monitor" | "n" | "noexec" | "b" | "notify" => {}
        _ => return false,
    }
    true
}

/// Applies option flags such as `-ex` or `+e`; used by `set` and `sh`.
pub(crate) fn apply_flags(sh: &mut Shell<'_>, arg: &str) -> bool {
    let on = arg.starts_with('-');
    arg[1..].chars().all(|c| set_opt(sh, &c.to_string(), on))
}

fn set(sh: &mut Shell<'_>, argv: &[String]) -> Res {
    if argv.len() == 1 {
        let lines: String = sh
            .st
            .vars
            .iter()
            .filter(|(k, _)| !k.starts_with('\u{1}'))
            .map(|(k, v)| format!("{k}='{}'\n", v.value.replace('\'', "'\\''")))
            .collect();
        sh.write_fd(1, lines.as_bytes())?;
        return Ok(0);
    }
    let mut i = 1;
    while i < argv.len() {
        let a = &argv[i];
        if a == "--" {
            sh.st.params = argv[i + 1..].to_vec();
            return Ok(0);
        }
        if a == "-o" || a == "+o" {
            let on = a == "-o";
            match argv.get(i + 1) {
                Some(name) => {
                    if !set_opt(sh, name, on) {
                        sh.error(&format!("set: illegal option -o {name}"));
                        return Ok(2);
                    }
                    i += 2;
                    continue;
                }
                None => {
                    let o = sh.st.opts.clone();
                    let mut s = String::new();
                    for (n, v) in [
                        ("errexit", o.errexit),
                        ("noglob", o.noglob),
                        ("nounset", o.nounset),
                        ("xtrace", o.xtrace),
                        ("pipefail", o.pipefail),
                    ] {
                        s.push_str(&format!("{n:<16}{}\n", if v { "on" } else { "off" }));
                    }
                    sh.write_fd(1, s.as_bytes())?;
                    return Ok(0);
                }
            }
        }
        if (a.starts_with('-') || a.starts_with('+')) && a.len() > 1 {
            if !apply_flags(sh, a) {
                sh.error(&format!("set: illegal option {a}"));
                return Ok(2);
            }
            i += 1;
            continue;
        }
        sh.st.params = argv[i..].to_vec();
        return Ok(0);
    }
    Ok(0)
}

fn shift(sh: &mut Shell<'_>, argv: &[String]) -> Res {
    let n = num_arg(sh, argv, 1)?.max(0) as usize;
    if n > sh.st.params.len() {
        sh.error("shift: can't shift that many");
        return Ok(2);
    }
    sh.st.params.drain(..n);
    Ok(0)
}

fn eval(sh: &mut Shell<'_>, argv: &[String]) -> Res {
    let text = argv[1..].join(" ");
    match super::parser::parse(&text) {
        Ok(s) => sh.run_script(&s),
        Err(e) => {
            sh.error(&format!("eval: {e}"));
            Ok(2)
        }
    }
}

fn exec(sh: &mut Shell<'_>, argv: &[String]) -> Res {
    let env = sh.exported_env();
    let status = sh.run_external(&argv[1..], env)?;
    Err(Flow::Exit(status))
}

fn source(sh: &mut Shell<'_>, argv: &[String]) -> Res {
    let Some(file) = argv.get(1) else {
        sh.error(&format!("{}: need a file argument", argv[0]));
        return Ok(2);
    };
    let found =
        if file.contains('/') { Some(file.clone()) } else { sh.path_lookup(file, None).or_else(|| Some(file.clone())) };
    let text = match found.and_then(|f| sh.fs.read(&sh.st.cwd, &f).ok()) {
        Some(c) => String::from_utf8_lossy(&c.bytes()).into_owned(),
        None => {
            sh.error(&format!("{}: can't open '{file}': No such file or directory", argv[0]));
            return Err(Flow::Exit(2));
        }
    };
    let script = match super::parser::parse(&text) {
        Ok(s) => s,
        Err(e) => {
            sh.error(&format!("{file}: {e}"));
            return Err(Flow::Exit(2));
        }
    };
    let saved = (argv.len() > 2).then(|| std::mem::replace(&mut sh.st.params, argv[2..].to_vec()));
    let r = match sh.run_script(&script) {
        Err(Flow::Return(c)) => Ok(c),
        other => other,
    };
    if let Some(p) = saved {
        sh.st.params = p;
    }
    r
}

fn read(sh: &mut Shell<'_>, argv: &[String]) -> Res {
    let mut raw = false;
    let mut names = Vec::new();
    let mut i = 1;
    while i < argv.len() {
        match argv[i].as_str() {
            "-r" => raw = true,
            "-p" | "-t" | "-u" | "-n" | "-d" => i += 1,
            "-s" => {}
            a => names.push(a.to_string()),
        }
        i += 1;
    }
    if names.is_empty() {
        names.push("REPLY".into());
    }
    let input = sh.stdin_rest();
    let mut line = String::new();
    let mut used = 0;
    let mut complete = false;
    let text = String::from_utf8_lossy(&input).into_owned();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        used += c.len_utf8();
        if c == '\\' && !raw {
            if let Some(n) = chars.next() {
                used += n.len_utf8();
                if n != '\n' {
                    line.push('\u{1}');
                    line.push(n);
                }
                continue;
            }
        }
        if c == '\n' {
            complete = true;
            break;
        }
        line.push(c);
    }
    sh.consume_stdin(used);
    let ifs = sh.get_var("IFS").unwrap_or_else(|| " \t\n".into());
    let values = split_read(&line, &ifs, names.len());
    for (k, n) in names.iter().enumerate() {
        let v = values.get(k).cloned().unwrap_or_default().replace('\u{1}', "");
        sh.set_var(n, &v)?;
    }
    Ok(if complete { 0 } else { 1 })
}

/// Splits a line read by `read` into at most `n` fields; the last takes the rest.
fn split_read(line: &str, ifs: &str, n: usize) -> Vec<String> {
    let is_ws = |c: char| ifs.contains(c) && c.is_whitespace();
    let is_sep = |c: char| ifs.contains(c);
    let chars: Vec<char> = line.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() && is_ws(chars[i]) {
        i += 1;
    }
    while i < chars.len() {
        if out.len() + 1 == n {
            let mut rest: String = chars[i..].iter().collect();
            while rest.ends_with(|c: char| is_ws(c)) && !rest.ends_with("\u{1} ") {
                rest.pop();
            }
            out.push(rest);
            return out;
        }
        let mut f = String::new();
        while i < chars.len() && (!is_sep(chars[i]) || (i > 0 && chars[i - 1] == '\u{1}')) {
            f.push(chars[i]);
            i += 1;
        }
        out.push(f);
        while i < chars.len() && is_ws(chars[i]) {
            i += 1;
        }
        if i < chars.len() && is_sep(chars[i]) && !is_ws(chars[i]) {
            i += 1;
            while i < chars.len() && is_ws(chars[i]) {
                i += 1;
            }
        }
    }
    out
}

fn describe(sh: &Shell<'_>, name: &str, verbose: bool) -> Option<String> {
    Some(match sh.find_command(name, true) {
        Found::Function(_) => {
            if verbose {
                format!("{name} is a function")
            } else {
                name.to_string()
            }
        }
        Found::Builtin(_) | Found::Internal(_) => {
            if verbose {
                format!("{name} is a shell builtin")
            } else {
                name.to_string()
            }
        }
        Found::File(p) => {
            let full = path::normalize(&sh.st.cwd, &p);
            let shown = if p.starts_with('/') { p } else { full };
            if verbose {
                format!("{name} is {shown}")
            } else {
                shown
            }
        }
        Found::Missing => return None,
    })
}

fn command(sh: &mut Shell<'_>, argv: &[String]) -> Res {
    let mut i = 1;
    let mut mode = None;
    while let Some(a) = argv.get(i) {
        match a.as_str() {
            "-v" => mode = Some(false),
            "-V" => mode = Some(true),
            "-p" => {}
            _ => break,
        }
        i += 1;
    }
    let Some(name) = argv.get(i) else { return Ok(0) };
    if let Some(verbose) = mode {
        return match describe(sh, name, verbose) {
            Some(d) => {
                sh.write_fd(1, format!("{d}\n").as_bytes())?;
                Ok(0)
            }
            None => {
                if verbose {
                    sh.error(&sh.st.dialect.not_found(name));
                }
                Ok(127)
            }
        };
    }
    let rest = &argv[i..];
    match sh.find_command(name, false) {
        Found::Builtin(b) => b(sh, rest),
        Found::Internal(a) => {
            let env = sh.exported_env();
            sh.run_applet(a, rest, env)
        }
        _ => {
            let env = sh.exported_env();
            sh.run_external(rest, env)
        }
    }
}

fn type_(sh: &mut Shell<'_>, argv: &[String]) -> Res {
    let mut status = 0;
    for name in &argv[1..] {
        match describe(sh, name, true) {
            Some(d) => sh.write_fd(1, format!("{d}\n").as_bytes())?,
            None => {
                sh.write_fd(1, format!("{name}: not found\n").as_bytes())?;
                status = 127;
            }
        }
    }
    Ok(status)
}

fn trap(sh: &mut Shell<'_>, argv: &[String]) -> Res {
    if argv.len() < 3 {
        if let Some(t) = sh.st.exit_trap.clone() {
            sh.write_fd(1, format!("trap -- '{t}' EXIT\n").as_bytes())?;
        }
        return Ok(0);
    }
    let action = &argv[1];
    for sig in &argv[2..] {
        if sig == "EXIT" || sig == "0" {
            sh.st.exit_trap = if action == "-" || action.is_empty() { None } else { Some(action.clone()) };
        }
    }
    Ok(0)
}

fn umask(sh: &mut Shell<'_>, argv: &[String]) -> Res {
    let symbolic = argv.iter().any(|a| a == "-S");
    match argv[1..].iter().find(|a| !a.starts_with('-')) {
        None => {
            let m = sh.st.umask;
            let s = if symbolic {
                let p = |shift: u32| {
                    let bits = !(m >> shift) & 7;
                    format!(
                        "{}{}{}",
                        if bits & 4 != 0 { "r" } else { "" },
                        if bits & 2 != 0 { "w" } else { "" },
                        if bits & 1 != 0 { "x" } else { "" }
                    )
                };
                format!("u={},g={},o={}\n", p(6), p(3), p(0))
            } else {
                format!("{m:04o}\n")
            };
            sh.write_fd(1, s.as_bytes())?;
            Ok(0)
        }
        Some(m) => match u32::from_str_radix(m, 8) {
            Ok(v) => {
                sh.st.umask = v & 0o777;
                Ok(0)
            }
            Err(_) => {
                sh.error(&format!("umask: Illegal mode: {m}"));
                Ok(1)
            }
        },
    }
}

fn local(sh: &mut Shell<'_>, argv: &[String]) -> Res {
    if sh.st.locals.is_empty() {
        sh.error("local: not in a function");
        return Ok(2);
    }
    for a in &argv[1..] {
        let (name, value) = match a.split_once('=') {
            Some((n, v)) => (n.to_string(), Some(v.to_string())),
            None => (a.clone(), None),
        };
        let old = sh.st.vars.get(&name).cloned();
        if let Some(frame) = sh.st.locals.last_mut() {
            if !frame.iter().any(|(n, _)| *n == name) {
                frame.push((name.clone(), old));
            }
        }
        if let Some(v) = value {
            sh.set_var(&name, &v)?;
        }
    }
    Ok(0)
}

/// `getopts OPTSTRING NAME [ARGS…]`, with `OPTIND`/`OPTARG` (the position inside a
/// cluster such as `-ab` is kept in a hidden variable).
fn getopts(sh: &mut Shell<'_>, argv: &[String]) -> Res {
    if argv.len() < 3 {
        sh.error("getopts: usage: getopts optstring name [arg...]");
        return Ok(2);
    }
    let spec = argv[1].clone();
    let name = argv[2].clone();
    let args: Vec<String> = if argv.len() > 3 { argv[3..].to_vec() } else { sh.st.params.clone() };
    let silent = spec.starts_with(':');
    let mut ind: usize = sh.get_var("OPTIND").and_then(|v| v.parse().ok()).unwrap_or(1).max(1);
    let mut sub: usize = sh.get_var("\u{1}optpos").and_then(|v| v.parse().ok()).unwrap_or(1);
    let Some(arg) = args.get(ind - 1).cloned() else {
        sh.set_var(&name, "?")?;
        return Ok(1);
    };
    if sub == 1 && (arg == "--" || !arg.starts_with('-') || arg == "-") {
        if arg == "--" {
            sh.set_var("OPTIND", &(ind + 1).to_string())?;
        }
        sh.set_var(&name, "?")?;
        return Ok(1);
    }
    let chars: Vec<char> = arg.chars().collect();
    let c = chars.get(sub).copied().unwrap_or('?');
    sub += 1;
    let at_end = sub >= chars.len();
    let pos = spec.trim_start_matches(':').find(c).filter(|_| c != ':');
    sh.st.vars.remove("OPTARG");
    let mut status = 0;
    match pos {
        None => {
            if silent {
                sh.set_var("OPTARG", &c.to_string())?;
            } else {
                sh.error(&format!("Illegal option -{c}"));
            }
            sh.set_var(&name, "?")?;
        }
        Some(p) => {
            let wants = spec.trim_start_matches(':').chars().nth(p + 1) == Some(':');
            sh.set_var(&name, &c.to_string())?;
            if wants {
                if !at_end {
                    sh.set_var("OPTARG", &chars[sub..].iter().collect::<String>())?;
                    ind += 1;
                } else if let Some(v) = args.get(ind) {
                    sh.set_var("OPTARG", v)?;
                    ind += 2;
                } else {
                    if silent {
                        sh.set_var(&name, ":")?;
                        sh.set_var("OPTARG", &c.to_string())?;
                    } else {
                        sh.error(&format!("No arg for -{c} option"));
                        sh.set_var(&name, "?")?;
                    }
                    ind += 1;
                }
                sub = 1;
                sh.set_var("OPTIND", &ind.to_string())?;
                sh.set_var("\u{1}optpos", &sub.to_string())?;
                return Ok(status);
            }
        }
    }
    if at_end {
        ind += 1;
        sub = 1;
    }
    if pos.is_none() && !silent {
        status = 0;
    }
    sh.set_var("OPTIND", &ind.to_string())?;
    sh.set_var("\u{1}optpos", &sub.to_string())?;
    Ok(status)
}

fn let_(sh: &mut Shell<'_>, argv: &[String]) -> Res {
    let mut v = 0;
    for a in &argv[1..] {
        v = sh.arith(a)?;
    }
    Ok((v == 0) as i32)
}

#[cfg(test)]
mod tests {
    use super::split_read;

    #[test]
    fn read_splitting() {
        assert_eq!(split_read("  a b  c  ", " \t\n", 2), vec!["a", "b  c"]);
        assert_eq!(split_read("a:b:c", ":", 3), vec!["a", "b", "c"]);
        assert_eq!(split_read("x y", " ", 1), vec!["x y"]);
    }
}
