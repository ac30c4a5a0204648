//! Listing and sizes: `ls`, `stat`, `du`, `df`.

use super::common::{fail, Opts};
use super::info::strftime;
use super::wording::{message, Failed, Tool};
use crate::shell::applet::Ctx;
use crate::vfs::accounts::{group_name, user_name};
use crate::vfs::{path, Node, NodeKind};

/// Sizes as busybox's `-h` prints them: `6`, `16.0K`, `2.9M`.
pub fn human(n: u64) -> String {
    const UNITS: [&str; 5] = ["K", "M", "G", "T", "P"];
    if n < 1024 {
        return n.to_string();
    }
    let mut v = n as f64 / 1024.0;
    let mut u = 0;
    while v >= 1024.0 && u + 1 < UNITS.len() {
        v /= 1024.0;
        u += 1;
    }
    format!("{v:.1}{}", UNITS[u])
}

/// 1K blocks a node occupies, as `du` counts them.
fn blocks(n: &Node) -> u64 {
    match &n.kind {
        NodeKind::Dir => 4,
        NodeKind::File(c) => c.len().div_ceil(4096) * 4,
        NodeKind::Symlink(_) => 0,
    }
}

struct Ls {
    all: bool,
    almost: bool,
    long: bool,
    numeric: bool,
    human: bool,
    dir_only: bool,
    recursive: bool,
    classify: bool,
    slash: bool,
    inode: bool,
    reverse: bool,
    by_time: bool,
    by_size: bool,
}

/// The columns of a long listing's line.
struct LongRow {
    inode: String,
    mode: String,
    nlink: String,
    user: String,
    group: String,
    size: String,
    date: String,
    name: String,
}

fn long_row(ctx: &Ctx<'_>, ls: &Ls, name: &str, at: &str, n: &Node) -> LongRow {
    let nlink = if n.is_dir() { 2 + ctx.fs.children(at).filter(|(_, c)| c.is_dir()).count() } else { 1 };
    let user = if ls.numeric {
        n.meta.uid.to_string()
    } else {
        user_name(ctx.fs, n.meta.uid).unwrap_or_else(|| n.meta.uid.to_string())
    };
    let group = if ls.numeric {
        n.meta.gid.to_string()
    } else {
        group_name(ctx.fs, n.meta.gid).unwrap_or_else(|| n.meta.gid.to_string())
    };
    let size = if ls.human { human(n.size()) } else { n.size().to_string() };
    let recent = (ctx.now - n.meta.mtime).abs() < 182 * 86400;
    let date = if recent { strftime("%b %e %H:%M", n.meta.mtime) } else { strftime("%b %e  %Y", n.meta.mtime) };
    let mut name = name.to_string();
    if let NodeKind::Symlink(t) = &n.kind {
        name.push_str(" -> ");
        name.push_str(t);
    }
    if (ls.classify || ls.slash) && n.is_dir() {
        name.push('/');
    }
    LongRow {
        inode: if ls.inode { n.ino.to_string() } else { String::new() },
        mode: n.mode_string(),
        nlink: nlink.to_string(),
        user,
        group,
        size,
        date,
        name,
    }
}

/// The lines of a listing. busybox's long lines have fixed column widths; GNU ls (Debian's
/// and Ubuntu's coreutils) sizes each column to its widest entry.
fn listing(ctx: &Ctx<'_>, ls: &Ls, entries: &[(String, String, Node)]) -> String {
    let mut out = String::new();
    if !ls.long {
        for (name, _, n) in entries {
            if ls.inode {
                out.push_str(&format!("{:>8} ", n.ino));
            }
            out.push_str(&decorate(ls, name, n));
            out.push('\n');
        }
        return out;
    }
    let rows: Vec<LongRow> = entries.iter().map(|(name, at, n)| long_row(ctx, ls, name, at, n)).collect();
    let width = |f: fn(&LongRow) -> &str| rows.iter().map(|r| f(r).chars().count()).max().unwrap_or(0);
    let (wi, wl, wu, wg, ws) = if ctx.gnu {
        (width(|r| &r.inode), width(|r| &r.nlink), width(|r| &r.user), width(|r| &r.group), width(|r| &r.size))
    } else {
        (8, 4, 8, 8, if ls.human { 7 } else { 9 })
    };
    for r in &rows {
        if ls.inode {
            out.push_str(&format!("{:>wi$} ", r.inode));
        }
        let LongRow { mode, nlink, user, group, size, date, name, .. } = r;
        out.push_str(&format!("{mode} {nlink:>wl$} {user:<wu$} {group:<wg$} {size:>ws$} {date} {name}\n"));
    }
    out
}

fn decorate(ls: &Ls, name: &str, n: &Node) -> String {
    let mut s = name.to_string();
    if ls.classify {
        match &n.kind {
            NodeKind::Dir => s.push('/'),
            NodeKind::Symlink(_) => s.push('@'),
            NodeKind::File(_) if n.meta.mode & 0o111 != 0 => s.push('*'),
            _ => {}
        }
    } else if ls.slash && n.is_dir() {
        s.push('/');
    }
    s
}

fn sort_entries(ls: &Ls, v: &mut [(String, String, Node)]) {
    crate::util::sort::sort_by(v, |a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
    if ls.by_time {
        crate::util::sort::sort_by_key(v, |e| std::cmp::Reverse(e.2.meta.mtime));
    } else if ls.by_size {
        crate::util::sort::sort_by_key(v, |e| std::cmp::Reverse(e.2.size()));
    }
    if ls.reverse {
        v.reverse();
    }
}

fn list_dir(ctx: &mut Ctx<'_>, ls: &Ls, shown: &str, at: &str, header: bool, first: &mut bool) {
    let mut entries: Vec<(String, String, Node)> = ctx
        .fs
        .children(at)
        .filter(|(n, _)| ls.all || ls.almost || !n.starts_with('.'))
        .map(|(n, node)| (n.to_string(), path::join(at, n), node.clone()))
        .collect();
    if ls.all {
        if let Some(d) = ctx.fs.get(at).cloned() {
            entries.push((".".into(), at.to_string(), d));
        }
        if let Some(p) = ctx.fs.get(path::parent(at)).cloned() {
            entries.push(("..".into(), path::parent(at).to_string(), p));
        }
    }
    sort_entries(ls, &mut entries);
    let mut out = String::new();
    if header {
        if !*first {
            out.push('\n');
        }
        out.push_str(&format!("{shown}:\n"));
    }
    *first = false;
    if ls.long {
        let total: u64 =
            entries.iter().filter(|(n, _, _)| n != "." && n != "..").map(|(_, _, n)| blocks(n)).sum::<u64>()
                + if ls.all {
                    entries.iter().filter(|(n, _, _)| n == "." || n == "..").map(|(_, _, n)| blocks(n)).sum()
                } else {
                    0
                };
        out.push_str(&format!("total {total}\n"));
    }
    out.push_str(&listing(ctx, ls, &entries));
    ctx.out(&out);
    if ls.recursive {
        for (name, p, n) in entries {
            if n.is_dir() && name != "." && name != ".." {
                if !ctx.step() {
                    return;
                }
                let sub_shown = if shown.ends_with('/') { format!("{shown}{name}") } else { format!("{shown}/{name}") };
                list_dir(ctx, ls, &sub_shown, &p, true, first);
            }
        }
    }
}

/// `ls [-1aAlnhdRFpirtS] [PATH…]`
pub fn ls(ctx: &mut Ctx<'_>, argv: &[String]) -> i32 {
    let o = Opts::parse(argv, "wT");
    let ls = Ls {
        all: o.has('a'),
        almost: o.has('A'),
        long: o.has('l') || o.has('n') || o.has('g') || o.has('o'),
        numeric: o.has('n'),
        human: o.has('h'),
        dir_only: o.has('d'),
        recursive: o.has('R'),
        classify: o.has('F'),
        slash: o.has('p'),
        inode: o.has('i'),
        reverse: o.has('r'),
        by_time: o.has('t'),
        by_size: o.has('S'),
    };
    let args = if o.args.is_empty() { vec![".".to_string()] } else { o.args.clone() };
    let mut files: Vec<(String, String, Node)> = Vec::new();
    let mut dirs: Vec<(String, String, Node)> = Vec::new();
    let mut status = 0;
    for a in &args {
        let cwd = ctx.cwd.clone();
        let follow = !(ls.long || ls.dir_only || ls.classify) || a.ends_with('/');
        match ctx.fs.lookup(&cwd, a, follow) {
            Ok((at, n)) => {
                let n = n.clone();
                let is_dir = n.is_dir()
                    || (!follow
                        && !ls.dir_only
                        && n.is_symlink()
                        && ctx.fs.lookup(&cwd, a, true).is_ok_and(|(_, t)| t.is_dir())
                        && !ls.long);
                if is_dir && !ls.dir_only {
                    let real = ctx.fs.resolve(&cwd, a, true).unwrap_or(at.clone());
                    dirs.push((a.clone(), real, n));
                } else {
                    files.push((a.clone(), at, n));
                }
            }
            Err(e) => {
                let msg = message(Tool::of(ctx), Failed::List(a), e);
                fail(ctx, "ls", &msg);
                // GNU ls fails with 2 for a name it cannot access.
                status = if ctx.gnu { 2 } else { 1 };
            }
        }
    }
    sort_entries(&ls, &mut files);
    sort_entries(&ls, &mut dirs);
    let out = listing(ctx, &ls, &files);
    ctx.out(&out);
    let header = args.len() > 1 || ls.recursive;
    let mut first = files.is_empty();
    for (name, at, _) in &dirs {
        list_dir(ctx, &ls, name, at, header, &mut first);
    }
    if status != 0 && (files.len() + dirs.len()) == 0 {
        return status;
    }
    status
}

fn stat_format(ctx: &Ctx<'_>, fmt: &str, name: &str, n: &Node) -> String {
    let mut out = String::new();
    let mut cs = fmt.chars();
    let kind = match n.kind {
        NodeKind::Dir => "directory",
        NodeKind::File(ref c) if c.is_empty() => "regular empty file",
        NodeKind::File(_) => "regular file",
        NodeKind::Symlink(_) => "symbolic link",
    };
    while let Some(c) = cs.next() {
        if c == '\\' {
            match cs.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some(o) => out.push(o),
                None => out.push('\\'),
            }
            continue;
        }
        if c != '%' {
            out.push(c);
            continue;
        }
        match cs.next() {
            Some('n') => out.push_str(name),
            Some('N') => match &n.kind {
                NodeKind::Symlink(t) => out.push_str(&format!("'{name}' -> '{t}'")),
                _ => out.push_str(&format!("'{name}'")),
            },
            Some('s') => out.push_str(&n.size().to_string()),
            Some('a') => out.push_str(&format!("{:o}", n.meta.mode & 0o7777)),
            Some('A') => out.push_str(&n.mode_string()),
            Some('f') => out.push_str(&format!("{:x}", n.st_mode())),
            Some('u') => out.push_str(&n.meta.uid.to_string()),
            Some('g') => out.push_str(&n.meta.gid.to_string()),
            Some('U') => out.push_str(&user_name(ctx.fs, n.meta.uid).unwrap_or_else(|| "UNKNOWN".into())),
            Some('G') => out.push_str(&group_name(ctx.fs, n.meta.gid).unwrap_or_else(|| "UNKNOWN".into())),
            Some('F') => out.push_str(kind),
            Some('i') => out.push_str(&n.ino.to_string()),
            Some('h') => out.push_str(&(if n.is_dir() { 2 } else { 1 }).to_string()),
            Some('b') => out.push_str(&(blocks(n) * 2).to_string()),
            Some('B') => out.push_str("512"),
            Some('Y') | Some('X') | Some('Z') => out.push_str(&n.meta.mtime.to_string()),
            Some('y') | Some('x') | Some('z') => {
                out.push_str(&strftime("%Y-%m-%d %H:%M:%S.000000000 +0000", n.meta.mtime))
            }
            Some('%') => out.push('%'),
            Some(o) => {
                out.push('%');
                out.push(o);
            }
            None => out.push('%'),
        }
    }
    out
}

/// `stat [-L] [-c FORMAT] FILE…`
pub fn stat(ctx: &mut Ctx<'_>, argv: &[String]) -> i32 {
    let o = Opts::parse(argv, "c");
    let mut status = 0;
    for f in &o.args {
        let cwd = ctx.cwd.clone();
        match ctx.fs.lookup(&cwd, f, o.has('L')) {
            Ok((_, n)) => {
                let n = n.clone();
                let s = match o.val('c') {
                    Some(fmt) => stat_format(ctx, fmt, f, &n) + "\n",
                    None => {
                        let fmt = "  File: %N\n  Size: %s\t\tBlocks: %b\tIO Block: 4096   %F\nDevice: 801h/2049d\tInode: %i\tLinks: %h\nAccess: (%04a/%A)  Uid: (%5u/%8U)   Gid: (%5g/%8G)\nAccess: %x\nModify: %y\nChange: %z\n";
                        let fmt = fmt
                            .replace("%04a", &format!("{:04o}", n.meta.mode & 0o7777))
                            .replace("%5u", &format!("{:5}", n.meta.uid))
                            .replace("%5g", &format!("{:5}", n.meta.gid));
                        let u = format!("{:>8}", user_name(ctx.fs, n.meta.uid).unwrap_or_else(|| "UNKNOWN".into()));
                        let g = format!("{:>8}", group_name(ctx.fs, n.meta.gid).unwrap_or_else(|| "UNKNOWN".into()));
                        let fmt = fmt.replace("%8U", &u).replace("%8G", &g);
                        stat_format(ctx, &fmt, f, &n)
                    }
                };
                ctx.out(&s);
            }
            Err(e) => {
                let msg = message(Tool::of(ctx), Failed::StatFile(f), e);
                fail(ctx, "stat", &msg);
                status = 1;
            }
        }
    }
    status
}

/// `du [-s] [-h] [-k] [-a] [-c] [PATH…]`
pub fn du(ctx: &mut Ctx<'_>, argv: &[String]) -> i32 {
    let o = Opts::parse(argv, "d");
    let args = if o.args.is_empty() { vec![".".to_string()] } else { o.args.clone() };
    let fmt = |n: u64| {
        if o.has('h') {
            human(n * 1024)
        } else if o.has('m') {
            n.div_ceil(1024).to_string()
        } else {
            n.to_string()
        }
    };
    let max_depth: Option<usize> = o.val('d').and_then(|d| d.parse().ok()).or(if o.has('s') { Some(0) } else { None });
    let mut out = String::new();
    let mut status = 0;
    let mut grand = 0;
    for a in &args {
        let cwd = ctx.cwd.clone();
        let at = match ctx.fs.lookup(&cwd, a, true) {
            Ok((at, _)) => at,
            Err(e) => {
                let msg = message(Tool::of(ctx), Failed::Access(a), e);
                fail(ctx, "du", &msg);
                status = 1;
                continue;
            }
        };
        // Sum per directory, bottom-up.
        let entries: Vec<(String, u64, bool)> =
            ctx.fs.subtree(&at).map(|(p, n)| (p.clone(), blocks(n), n.is_dir())).collect();
        let mut lines = Vec::new();
        let base_depth = at.matches('/').count() - usize::from(at == "/");
        for (p, _, is_dir) in entries.iter().rev() {
            let depth = p.matches('/').count() - usize::from(p == "/") - base_depth;
            let show_file = o.has('a') && max_depth.is_none_or(|m| depth <= m);
            if !is_dir && !show_file && p != &at {
                continue;
            }
            let total: u64 = entries.iter().filter(|(q, _, _)| path::is_within(q, p)).map(|(_, b, _)| *b).sum();
            if max_depth.is_none_or(|m| depth <= m) {
                let shown = if p == &at { a.clone() } else { format!("{}{}", a.trim_end_matches('/'), &p[at.len()..]) };
                lines.push(format!("{}\t{shown}\n", fmt(total)));
            }
            if p == &at {
                grand += total;
            }
        }
        for l in lines {
            out.push_str(&l);
        }
    }
    if o.has('c') {
        out.push_str(&format!("{}\ttotal\n", fmt(grand)));
    }
    ctx.out(&out);
    status
}

/// `df [-h] [-k] [PATH…]`: the container's overlay filesystem.
pub fn df(ctx: &mut Ctx<'_>, argv: &[String]) -> i32 {
    let o = Opts::parse(argv, "t");
    let total_k: u64 = 64 * 1024 * 1024;
    let used_k = ctx.fs.content_size().div_ceil(1024) + 1024 * 1024;
    let avail_k = total_k - used_k;
    let pct = (used_k * 100).div_ceil(total_k);
    let s = if o.has('h') {
        format!(
            "Filesystem                Size      Used Available Use% Mounted on\noverlay                {:>9} {:>9} {:>9} {:>3}% /\n",
            human(total_k * 1024),
            human(used_k * 1024),
            human(avail_k * 1024),
            pct
        )
    } else {
        format!("Filesystem           1K-blocks      Used Available Use% Mounted on\noverlay              {total_k:>9} {used_k:>9} {avail_k:>9} {pct:>3}% /\n")
    };
    ctx.out(&s);
    0
}
