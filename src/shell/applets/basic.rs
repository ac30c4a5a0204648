//! Small applets: `echo`, `pwd`, `printenv`, `yes`, `seq`, `basename`, `dirname`.

use super::common::fail;
use super::printf::unescape_echo;
use crate::shell::applet::Ctx;

/// `echo [-neE] args…` (busybox: no escapes unless `-e`).
pub fn echo(ctx: &mut Ctx<'_>, argv: &[String]) -> i32 {
    let mut newline = true;
    let mut escapes = false;
    let mut i = 1;
    while let Some(a) = argv.get(i) {
        if a.len() > 1 && a.starts_with('-') && a[1..].chars().all(|c| "neE".contains(c)) {
            for c in a[1..].chars() {
                match c {
                    'n' => newline = false,
                    'e' => escapes = true,
                    _ => escapes = false,
                }
            }
            i += 1;
        } else {
            break;
        }
    }
    let mut s = argv[i..].join(" ");
    if escapes {
        let (t, stop) = unescape_echo(&s);
        s = t;
        if stop {
            ctx.out(&s);
            return 0;
        }
    }
    if newline {
        s.push('\n');
    }
    ctx.out(&s);
    0
}

/// `pwd`
pub fn pwd(ctx: &mut Ctx<'_>, _argv: &[String]) -> i32 {
    let s = format!("{}\n", ctx.cwd);
    ctx.out(&s);
    0
}

/// `printenv [NAME…]`
pub fn printenv(ctx: &mut Ctx<'_>, argv: &[String]) -> i32 {
    if argv.len() == 1 {
        let s: String = ctx.env.iter().map(|(k, v)| format!("{k}={v}\n")).collect();
        ctx.out(&s);
        return 0;
    }
    let mut status = 0;
    for n in &argv[1..] {
        match ctx.env.get(n).cloned() {
            Some(v) => ctx.out(&format!("{v}\n")),
            None => status = 1,
        }
    }
    status
}

/// `yes [STRING…]`: repeats until the pipe closes or the write budget runs out.
pub fn yes(ctx: &mut Ctx<'_>, argv: &[String]) -> i32 {
    let line = if argv.len() > 1 { argv[1..].join(" ") } else { "y".into() } + "\n";
    let chunk = line.repeat((4096 / line.len()).max(1));
    while !ctx.stopped() {
        ctx.out(&chunk);
    }
    0
}

fn fmt_num(v: f64, prec: usize) -> String {
    format!("{v:.prec$}")
}

/// `seq [-s SEP] [-w] [FIRST [INC]] LAST`
pub fn seq(ctx: &mut Ctx<'_>, argv: &[String]) -> i32 {
    let mut sep = "\n".to_string();
    let mut width = false;
    let mut nums = Vec::new();
    let mut i = 1;
    while i < argv.len() {
        let a = &argv[i];
        if let Some(rest) = a.strip_prefix("-s") {
            if rest.is_empty() {
                sep = argv.get(i + 1).cloned().unwrap_or_default();
                i += 2;
            } else {
                sep = rest.to_string();
                i += 1;
            }
            continue;
        }
        if a == "-w" {
            width = true;
        } else {
            nums.push(a.clone());
        }
        i += 1;
    }
    let parsed: Result<Vec<f64>, _> = nums.iter().map(|n| n.parse::<f64>()).collect();
    let Ok(p) = parsed else {
        fail(
            ctx,
            "seq",
            &format!(
                "invalid number '{}'",
                nums.iter().find(|n| n.parse::<f64>().is_err()).cloned().unwrap_or_default()
            ),
        );
        return 1;
    };
    let (first, inc, last) = match p.len() {
        1 => (1.0, 1.0, p[0]),
        2 => (p[0], 1.0, p[1]),
        3 => (p[0], p[1], p[2]),
        _ => {
            fail(ctx, "seq", "usage: seq [-w] [-s SEP] [FIRST [INC]] LAST");
            return 1;
        }
    };
    let prec = nums.iter().map(|n| n.split_once('.').map(|(_, f)| f.len()).unwrap_or(0)).max().unwrap_or(0);
    if inc == 0.0 {
        return 0;
    }
    let w = if width { fmt_num(first, prec).len().max(fmt_num(last, prec).len()) } else { 0 };
    let mut v = first;
    let mut out = String::new();
    let mut n = 0u64;
    while (inc > 0.0 && v <= last + 1e-9) || (inc < 0.0 && v >= last - 1e-9) {
        if n > 0 {
            out.push_str(&sep);
        }
        let s = fmt_num(v, prec);
        out.push_str(&format!("{s:0>w$}"));
        n += 1;
        v = first + inc * n as f64;
        if out.len() > 65536 {
            ctx.out(&out);
            out.clear();
            if ctx.stopped() || !ctx.step() {
                return 1;
            }
        }
    }
    if n > 0 {
        out.push('\n');
    }
    ctx.out(&out);
    0
}

/// `basename PATH [SUFFIX]`
pub fn basename(ctx: &mut Ctx<'_>, argv: &[String]) -> i32 {
    let Some(p) = argv.get(1) else {
        fail(ctx, "basename", "missing operand");
        return 1;
    };
    let t = p.trim_end_matches('/');
    let mut b = if t.is_empty() && p.starts_with('/') {
        "/".to_string()
    } else {
        t.rsplit('/').next().unwrap_or("").to_string()
    };
    if let Some(suf) = argv.get(2) {
        if b.len() > suf.len() && b.ends_with(suf.as_str()) {
            b.truncate(b.len() - suf.len());
        }
    }
    ctx.out(&format!("{b}\n"));
    0
}

/// `dirname PATH`
pub fn dirname(ctx: &mut Ctx<'_>, argv: &[String]) -> i32 {
    let Some(p) = argv.get(1) else {
        fail(ctx, "dirname", "missing operand");
        return 1;
    };
    let t = p.trim_end_matches('/');
    let d = match t.rfind('/') {
        None if p.starts_with('/') => "/".to_string(),
        None => ".".to_string(),
        Some(i) => {
            let d = t[..i].trim_end_matches('/');
            if d.is_empty() {
                "/".to_string()
            } else {
                d.to_string()
            }
        }
    };
    ctx.out(&format!("{d}\n"));
    0
}
/// `sleep DURATION…` (GNU coreutils' wording on Debian and Ubuntu): busybox's durations (`N`, `N.N`, suffixes `s`, `m`, `h`, `d`,
/// `inf`/`infinity`), summed. Time is virtual: the command returns at once and the slept
/// time is counted in the budget ([`crate::shell::Budget::slept_ms`]).
pub fn sleep(ctx: &mut Ctx<'_>, argv: &[String]) -> i32 {
    if argv.len() < 2 && ctx.gnu {
        ctx.err("sleep: missing operand\nTry 'sleep --help' for more information.\n");
        return 1;
    }
    if argv.len() < 2 {
        ctx.err("BusyBox v1.36.1 (2024-06-10 07:11:47 UTC) multi-call binary.\n\nUsage: sleep [N]...\n\nPause for a time equal to the total of the args given, where each arg can\nhave an optional suffix of (s)econds, (m)inutes, (h)ours, or (d)ays\n");
        return 1;
    }
    let mut total: f64 = 0.0;
    for a in &argv[1..] {
        if a.starts_with("inf") {
            total = f64::INFINITY;
            continue;
        }
        let (num, scale) = match a.char_indices().last() {
            Some((i, 's')) => (&a[..i], 1.0),
            Some((i, 'm')) => (&a[..i], 60.0),
            Some((i, 'h')) => (&a[..i], 3600.0),
            Some((i, 'd')) => (&a[..i], 86400.0),
            _ => (a.as_str(), 1.0),
        };
        match num.parse::<f64>() {
            Ok(n) if n >= 0.0 && !num.starts_with('+') => total += n * scale,
            _ if ctx.gnu => {
                ctx.err(&format!("sleep: invalid time interval '{a}'\nTry 'sleep --help' for more information.\n"));
                return 1;
            }
            _ => {
                ctx.err(&format!("sleep: invalid number '{a}'\n"));
                return 1;
            }
        }
    }
    let ms = (total * 1000.0).min(u64::MAX as f64) as u64;
    ctx.budget.slept_ms = ctx.budget.slept_ms.saturating_add(ms);
    0
}
