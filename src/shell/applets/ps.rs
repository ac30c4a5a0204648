//! `ps`: the container's processes. busybox's applet (Alpine, busybox) prints `PID USER TIME
//! COMMAND`; procps' `ps` (the rpm family, and Debian or Ubuntu once procps is installed)
//! prints `PID TTY TIME CMD`, and the `-ef` and `aux` tables. The engine says what else runs
//! in the container ([`Ctx::procs`]: its main process, nginx's workers); `ps` itself comes
//! last, with the next free PID.

use crate::shell::applet::Ctx;
use crate::shell::Running;

/// `ps [-ef | aux]`
pub fn ps(ctx: &mut Ctx<'_>, argv: &[String]) -> i32 {
    let mut procs = ctx.procs.clone();
    let user = crate::vfs::accounts::user_name(ctx.fs, ctx.uid).unwrap_or_else(|| ctx.uid.to_string());
    let pid = crate::shell::next_pid(&procs);
    procs.push(Running { pid, ppid: 0, user, command: argv.join(" "), started: ctx.now });
    let text = if is_procps(ctx) { procps(ctx, argv, &procs) } else { busybox(&procs) };
    ctx.out(&text);
    0
}

/// busybox's table: `    1 root      0:00 sh`.
fn busybox(procs: &[Running]) -> String {
    let mut out = String::from("PID   USER     TIME  COMMAND\n");
    for p in procs {
        let user: String = p.user.chars().take(8).collect();
        out.push_str(&format!("{:>5} {user:<8} {:>2}:{:02} {}\n", p.pid, 0, 0, p.command));
    }
    out
}

/// True when the `ps` on `PATH` is procps' program, not a link to busybox.
fn is_procps(ctx: &Ctx<'_>) -> bool {
    let found = ctx
        .path_candidates("ps")
        .filter_map(|p| ctx.fs.resolve("/", &p, true).ok())
        .find(|target| ctx.fs.get(target).is_some());
    match found {
        Some(target) => !target.ends_with("/busybox"),
        None => ctx.fs.get("/bin/busybox").is_none(),
    }
}

/// procps' tables. procps-ng 4 (Debian 12 and later, Ubuntu 24.04, Fedora) sizes the PID
/// column for a 7-digit `pid_max`; procps 3 uses 5.
fn procps(ctx: &Ctx<'_>, argv: &[String], procs: &[Running]) -> String {
    let release = crate::catalog::distro::detect(ctx.fs).map(|d| d.release()).unwrap_or_default();
    let w =
        if matches!(release.as_str(), "bookworm" | "trixie" | "noble") || release.starts_with("fc") { 7 } else { 5 };
    let hm = |t: i64| crate::shell::applets_strftime("%H:%M", t);
    let args: Vec<&str> = argv[1..].iter().map(String::as_str).collect();
    let mut out = String::new();
    if args.iter().any(|a| !a.starts_with('-') && a.contains('u')) {
        out.push_str(&format!(
            "{:<8} {:>w$} %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND\n",
            "USER", "PID"
        ));
        for (i, p) in procs.iter().enumerate() {
            let me = i + 1 == procs.len();
            let (vsz, rss, stat) = if me { (7_064, 1_560, "R") } else { (4_236, 3_308, "Ss") };
            let (user, pid, start, cmd) = (&p.user, p.pid, hm(p.started), &p.command);
            out.push_str(&format!(
                "{user:<8} {pid:>w$}  0.0  0.0 {vsz:>6} {rss:>5} ?        {stat:<4} {start}   0:00 {cmd}\n"
            ));
        }
    } else if args.iter().any(|a| a.starts_with('-') && a.contains('f')) {
        out.push_str(&format!("{:<8} {:>w$} {:>w$}  C STIME TTY          TIME CMD\n", "UID", "PID", "PPID"));
        for p in procs {
            let (user, pid, ppid, start, cmd) = (&p.user, p.pid, p.ppid, hm(p.started), &p.command);
            out.push_str(&format!("{user:<8} {pid:>w$} {ppid:>w$}  0 {start} ?        00:00:00 {cmd}\n"));
        }
    } else {
        out.push_str(&format!("{:>w$} TTY          TIME CMD\n", "PID"));
        for p in procs {
            let name = p.command.split_whitespace().next().unwrap_or("");
            out.push_str(&format!("{:>w$} ?        00:00:00 {}\n", p.pid, name.rsplit('/').next().unwrap_or(name)));
        }
    }
    out
}
