//! Applets that run other commands and so need the interpreter: `sh`, `env`, `xargs`,
//! `busybox`, and wrappers such as `nohup` and `nice`.

use std::collections::BTreeMap;

use crate::shell::builtins::apply_flags;
use crate::shell::exec::{Flow, Res, Shell};

/// `sh [-eux] [-o opt] (-c SCRIPT [NAME [ARGS…]] | FILE [ARGS…] | < script)`
pub fn sh(sh: &mut Shell<'_>, argv: &[String]) -> Res {
    let file = sh.path_lookup(&argv[0], None).unwrap_or_else(|| argv[0].clone());
    let dialect = crate::shell::dialect::Dialect::of(sh.fs, &file);
    let bash = (dialect == crate::shell::dialect::Dialect::Bash)
        .then(|| super::bash_version::BashVersion::of(sh.fs))
        .flatten();
    if let (Some(b), Some("--version")) = (&bash, argv.get(1).map(String::as_str)) {
        let _ = sh.write_fd(1, b.banner().as_bytes());
        return Ok(0);
    }
    let mut flags: Vec<String> = Vec::new();
    let mut command = None;
    let mut i = 1;
    while i < argv.len() {
        let a = &argv[i];
        if a == "--" {
            i += 1;
            break;
        }
        if a == "-o" || a == "+o" {
            flags.push(format!("{a} {}", argv.get(i + 1).cloned().unwrap_or_default()));
            i += 2;
            continue;
        }
        if (a.starts_with('-') || a.starts_with('+')) && a.len() > 1 {
            let mut rest = String::from(&a[..1]);
            for c in a[1..].chars() {
                match c {
                    'c' => command = Some(()),
                    's' | 'l' | 'i' | 'm' => {}
                    c => rest.push(c),
                }
            }
            if rest.len() > 1 {
                flags.push(rest);
            }
            i += 1;
            continue;
        }
        break;
    }
    let env = sh.exported_env();
    let (text, name, args) = if command.is_some() {
        let Some(text) = argv.get(i).cloned() else {
            sh.error(&format!("{}: -c requires an argument", argv[0]));
            return Ok(2);
        };
        let name = argv.get(i + 1).cloned().unwrap_or_else(|| argv[0].clone());
        let args = argv.get(i + 2..).map(|a| a.to_vec()).unwrap_or_default();
        (text, name, args)
    } else if let Some(file) = argv.get(i) {
        match sh.fs.read(&sh.st.cwd, file) {
            Ok(c) => (String::from_utf8_lossy(&c.bytes()).into_owned(), file.clone(), argv[i + 1..].to_vec()),
            Err(e) => {
                sh.error(&format!("{file}: {e}"));
                return Ok(127);
            }
        }
    } else {
        let data = sh.stdin_rest();
        sh.consume_stdin(data.len());
        (String::from_utf8_lossy(&data).into_owned(), argv[0].clone(), Vec::new())
    };
    let script = match crate::shell::parser::parse(&text) {
        Ok(s) => s,
        Err(e) => {
            sh.error(&e.to_string());
            return Ok(2);
        }
    };
    let vars = crate::util::collect::map(
        env.into_iter().map(|(k, v)| (k, crate::shell::exec::Var { value: v, exported: true })),
    );
    let in_file = command.is_none() && argv.get(i).is_some();
    sh.subshell(|s| {
        s.st.dialect = dialect;
        s.st.in_file = in_file;
        s.st.vars = vars;
        if let Some(b) = &bash {
            s.st.vars.insert("BASH_VERSION".into(), crate::shell::exec::Var { value: b.short(), exported: false });
        }
        s.st.funcs.clear();
        s.st.params = args;
        s.st.arg0 = name;
        s.st.opts = Default::default();
        s.st.locals.clear();
        s.st.loops = 0;
        for f in &flags {
            if let Some((o, name)) = f.split_once(' ') {
                let _ = apply_flags_o(s, o, name);
            } else {
                apply_flags(s, f);
            }
        }
        s.run_script(&script)
    })
}

fn apply_flags_o(sh: &mut Shell<'_>, o: &str, name: &str) -> bool {
    let on = o == "-o";
    match name {
        "pipefail" => sh.st.opts.pipefail = on,
        "errexit" => sh.st.opts.errexit = on,
        "xtrace" => sh.st.opts.xtrace = on,
        "nounset" => sh.st.opts.nounset = on,
        "noglob" => sh.st.opts.noglob = on,
        _ => return false,
    }
    true
}

/// `env [-i] [-u NAME] [NAME=VALUE…] [COMMAND [ARGS…]]`
pub fn env(sh: &mut Shell<'_>, argv: &[String]) -> Res {
    let mut env: BTreeMap<String, String> = sh.exported_env();
    let mut i = 1;
    while i < argv.len() {
        let a = &argv[i];
        if a == "-i" || a == "-" || a == "--ignore-environment" {
            env.clear();
        } else if a == "-u" {
            if let Some(n) = argv.get(i + 1) {
                env.remove(n);
            }
            i += 1;
        } else if a == "--" {
            i += 1;
            break;
        } else if a.starts_with('-') && a.len() > 1 {
            sh.error(&format!("env: unrecognized option '{a}'"));
            return Ok(125);
        } else {
            break;
        }
        i += 1;
    }
    while let Some((k, v)) = argv.get(i).and_then(|a| a.split_once('=')) {
        env.insert(k.to_string(), v.to_string());
        i += 1;
    }
    if i >= argv.len() {
        let s: String = env.iter().map(|(k, v)| format!("{k}={v}\n")).collect();
        sh.write_fd(1, s.as_bytes())?;
        return Ok(0);
    }
    sh.run_external(&argv[i..], env)
}

/// `busybox [APPLET [ARGS…]]`
pub fn busybox(sh: &mut Shell<'_>, argv: &[String]) -> Res {
    let Some(name) = argv.get(1) else {
        sh.write_fd(1, b"BusyBox v1.36.1 (layerlab) multi-call binary.\n")?;
        return Ok(0);
    };
    if name == "--list" {
        let list: String = super::busybox_names().map(|n| format!("{n}\n")).collect();
        sh.write_fd(1, list.as_bytes())?;
        return Ok(0);
    }
    if name.starts_with("--install") {
        return install(sh, argv);
    }
    let env = sh.exported_env();
    let args = argv[1..].to_vec();
    if let Some(a) = super::builtin_applet(name) {
        return sh.run_applet(a, &args, env);
    }
    if super::shell_applet(name).is_none() && super::applet(name).is_none() {
        sh.error(&format!("{name}: applet not found"));
        return Ok(127);
    }
    sh.run_named_applet(&args, env)
}

/// `busybox --install [-s] [DIR]`: a link to the busybox binary for every applet, hard links
/// or with `-s` symbolic ones, in DIR (without DIR in `/bin`: the simulated applets have no
/// install locations of their own). As busybox, names that exist already are kept silently,
/// other failures are reported per link and the exit status stays 0. The link target is
/// `argv[0]` when it is absolute, otherwise `/bin/busybox` (what busybox reads from
/// `/proc/self/exe`).
fn install(sh: &mut Shell<'_>, argv: &[String]) -> Res {
    let symbolic = argv.get(2).is_some_and(|a| a == "-s");
    let dir = argv.get(if symbolic { 3 } else { 2 }).map(String::as_str).unwrap_or("/bin");
    let target = if argv[0].starts_with('/') { argv[0].as_str() } else { "/bin/busybox" };
    let meta = crate::vfs::Meta { mode: 0o777, uid: sh.uid, gid: sh.gid, mtime: sh.now };
    for name in super::busybox_names().filter(|n| *n != "busybox") {
        let link = format!("{}/{name}", dir.trim_end_matches('/'));
        let cwd = sh.st.cwd.clone();
        let r = if symbolic {
            sh.fs.symlink(&cwd, target, &link, meta).map(|_| ())
        } else {
            sh.fs.hard_link(&cwd, target, &link).map(|_| ())
        };
        match r {
            Ok(()) | Err(crate::vfs::FsError::Exists) => {}
            Err(e) => sh.write_fd(2, format!("busybox: {link}: {e}\n").as_bytes())?,
        }
    }
    Ok(0)
}

/// `nohup`, `nice`, `time`, `timeout`, `setsid`, `chroot`, `su-exec`, `gosu`: run the
/// command after their own arguments.
pub fn wrapper(sh: &mut Shell<'_>, argv: &[String]) -> Res {
    let name = argv[0].rsplit('/').next().unwrap_or("");
    let mut i = 1;
    while i < argv.len() && argv[i].starts_with('-') {
        i += if matches!(argv[i].as_str(), "-n" | "-s" | "-k") { 2 } else { 1 };
    }
    let skip = match name {
        "timeout" | "chroot" | "su-exec" | "gosu" => 1,
        _ => 0,
    };
    i += skip;
    if i >= argv.len() {
        return Ok(0);
    }
    let env = sh.exported_env();
    sh.run_external(&argv[i..], env)
}

/// Splits xargs input into items: whitespace-separated with quotes and backslashes, or
/// NUL- / delimiter-separated.
fn xargs_items(data: &str, delim: Option<char>) -> Vec<String> {
    if let Some(d) = delim {
        let mut v: Vec<String> = data.split(d).map(String::from).collect();
        if v.last().is_some_and(|s| s.is_empty()) {
            v.pop();
        }
        return v;
    }
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut live = false;
    let mut quote: Option<char> = None;
    let mut chars = data.chars();
    while let Some(c) = chars.next() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => cur.push(c),
            None => match c {
                '\'' | '"' => {
                    quote = Some(c);
                    live = true;
                }
                '\\' => {
                    if let Some(n) = chars.next() {
                        cur.push(n);
                        live = true;
                    }
                }
                c if c.is_whitespace() => {
                    if live {
                        out.push(std::mem::take(&mut cur));
                        live = false;
                    }
                }
                c => {
                    cur.push(c);
                    live = true;
                }
            },
        }
    }
    if live {
        out.push(cur);
    }
    out
}

/// `xargs [-n N] [-I R] [-0] [-d D] [-r] [-t] [COMMAND [ARGS…]]`
pub fn xargs(sh: &mut Shell<'_>, argv: &[String]) -> Res {
    let mut max_args: Option<usize> = None;
    let mut replace: Option<String> = None;
    let mut delim = None;
    let mut no_run_empty = false;
    let mut trace = false;
    let mut i = 1;
    while i < argv.len() && argv[i].starts_with('-') && argv[i].len() > 1 {
        let a = argv[i].clone();
        let val = |i: &mut usize, flag: &str| -> String {
            if a.len() > flag.len() {
                a[flag.len()..].to_string()
            } else {
                *i += 1;
                argv.get(*i).cloned().unwrap_or_default()
            }
        };
        if a.starts_with("-n") {
            max_args = val(&mut i, "-n").parse().ok();
        } else if a.starts_with("-I") {
            replace = Some(val(&mut i, "-I"));
        } else if a.starts_with("-d") {
            let d = val(&mut i, "-d");
            delim = Some(if d == "\\n" { '\n' } else { d.chars().next().unwrap_or('\n') });
        } else if a.starts_with("-P") || a.starts_with("-s") || a.starts_with("-L") {
            let v = val(&mut i, &a[..2]);
            if a.starts_with("-L") {
                max_args = v.parse().ok();
            }
        } else {
            for c in a[1..].chars() {
                match c {
                    '0' => delim = Some('\0'),
                    'r' => no_run_empty = true,
                    't' => trace = true,
                    _ => {}
                }
            }
        }
        i += 1;
    }
    let cmd: Vec<String> = if i < argv.len() { argv[i..].to_vec() } else { vec!["echo".into()] };
    let data = sh.stdin_rest();
    sh.consume_stdin(data.len());
    let text = String::from_utf8_lossy(&data).into_owned();
    let items: Vec<String> = if replace.is_some() && delim.is_none() {
        text.lines().map(|l| l.trim_start().to_string()).filter(|l| !l.is_empty()).collect()
    } else {
        xargs_items(&text, delim)
    };
    let mut batches: Vec<Vec<String>> = Vec::new();
    if let Some(r) = &replace {
        for it in &items {
            batches.push(cmd.iter().map(|a| a.replace(r.as_str(), it)).collect());
        }
    } else if items.is_empty() {
        if !no_run_empty {
            batches.push(cmd.clone());
        }
    } else {
        let n = max_args.unwrap_or(usize::MAX).max(1);
        for chunk in items.chunks(n.min(items.len())) {
            let mut c = cmd.clone();
            c.extend(chunk.iter().cloned());
            batches.push(c);
        }
    }
    let mut status = 0;
    for b in batches {
        if trace {
            sh.write_fd(2, format!("{}\n", b.join(" ")).as_bytes())?;
        }
        let env = sh.exported_env();
        match sh.run_external(&b, env) {
            Ok(127) => return Ok(127),
            Ok(126) => return Ok(126),
            Ok(0) => {}
            Ok(255) => return Ok(124),
            Ok(_) => status = 123,
            Err(Flow::Exit(c)) => return Ok(c),
            Err(e) => return Err(e),
        }
    }
    Ok(status)
}

#[cfg(test)]
mod tests {
    use super::xargs_items;

    #[test]
    fn splitting_items() {
        assert_eq!(xargs_items("a b\n 'c d' e\\ f\n", None), vec!["a", "b", "c d", "e f"]);
        assert_eq!(xargs_items("a\0b c\0", Some('\0')), vec!["a", "b c"]);
    }
}
