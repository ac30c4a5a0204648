//! File applets: `cat`, `mkdir`, `rm`, `rmdir`, `cp`, `mv`, `ln`, `touch`, `realpath`,
//! `readlink`, `mktemp` (`tee` and `dd` are in `copy`).

use super::common::{fail, new_meta, read_input, Opts};
use super::wording::{message, Failed, Tool};
use crate::shell::applet::Ctx;
use crate::vfs::{path, Content, FsError, Meta, Node, NodeKind};

/// `cat [-n] [FILE…]`
pub fn cat(ctx: &mut Ctx<'_>, argv: &[String]) -> i32 {
    let o = Opts::parse(argv, "");
    let files = if o.args.is_empty() { vec!["-".to_string()] } else { o.args.clone() };
    let mut status = 0;
    let mut line_no = 0;
    for f in &files {
        match read_input(ctx, f) {
            Ok(d) if o.has('n') => {
                let text = String::from_utf8_lossy(&d).into_owned();
                let mut s = String::new();
                for l in text.split_inclusive('\n') {
                    line_no += 1;
                    s.push_str(&format!("{line_no:6}\t{l}"));
                }
                ctx.out(&s);
            }
            Ok(d) => ctx.write_out(&d),
            Err(e) => {
                let msg = message(Tool::of(ctx), Failed::Open(f), e);
                fail(ctx, "cat", &msg);
                status = 1;
            }
        }
        if ctx.stopped() {
            break;
        }
    }
    status
}

/// Parses an octal or symbolic mode relative to `base` (for `mkdir -m`, `chmod`, `install`).
pub fn parse_mode(spec: &str, base: u32, is_dir: bool, umask: u32) -> Option<u32> {
    if !spec.is_empty() && spec.chars().all(|c| c.is_digit(8)) {
        return u32::from_str_radix(spec, 8).ok();
    }
    let mut mode = base;
    for clause in spec.split(',') {
        let who_end = clause.find(|c: char| !"ugoa".contains(c)).unwrap_or(clause.len());
        let who = &clause[..who_end];
        let mut mask = 0u32;
        for c in who.chars() {
            mask |= match c {
                'u' => 0o4700,
                'g' => 0o2070,
                'o' => 0o1007,
                _ => 0o7777,
            };
        }
        let default_who = who.is_empty();
        if default_who {
            mask = 0o7777;
        }
        let mut rest = &clause[who_end..];
        if rest.is_empty() {
            return None;
        }
        while !rest.is_empty() {
            let op = rest.chars().next()?;
            if !"+-=".contains(op) {
                return None;
            }
            rest = &rest[1..];
            let perm_end = rest.find(['+', '-', '=']).unwrap_or(rest.len());
            let perms = &rest[..perm_end];
            rest = &rest[perm_end..];
            let mut bits = 0u32;
            for c in perms.chars() {
                bits |= match c {
                    'r' => 0o444,
                    'w' => 0o222,
                    'x' => 0o111,
                    'X' => {
                        if is_dir || mode & 0o111 != 0 {
                            0o111
                        } else {
                            0
                        }
                    }
                    's' => 0o6000,
                    't' => 0o1000,
                    'u' => ((mode >> 6) & 7) * 0o111,
                    'g' => ((mode >> 3) & 7) * 0o111,
                    'o' => (mode & 7) * 0o111,
                    _ => return None,
                };
            }
            let mut eff = bits & mask;
            if default_who {
                eff &= !umask | 0o7000;
            }
            match op {
                '+' => mode |= eff,
                '-' => mode &= !eff,
                _ => mode = (mode & !(mask & 0o7777)) | eff,
            }
        }
    }
    Some(mode)
}

/// `mkdir [-p] [-m MODE] DIR…`
pub fn mkdir(ctx: &mut Ctx<'_>, argv: &[String]) -> i32 {
    let o = Opts::parse(argv, "m");
    let mode = match o.val('m') {
        Some(m) => match parse_mode(m, 0o777 & !ctx.umask, true, ctx.umask) {
            Some(v) => Some(v),
            None => {
                fail(ctx, "mkdir", &format!("invalid mode '{m}'"));
                return 1;
            }
        },
        None => None,
    };
    let meta = Meta { mode: mode.unwrap_or(0o777 & !ctx.umask), uid: ctx.uid, gid: ctx.gid, mtime: ctx.now };
    if o.args.is_empty() {
        fail(ctx, "mkdir", "missing operand");
        return 1;
    }
    let mut status = 0;
    for d in &o.args {
        let cwd = ctx.cwd.clone();
        let r = if o.has('p') || o.long("parents") {
            let parents = new_meta(ctx, 0o777);
            match ctx.fs.mkdir_all(&cwd, d, parents) {
                Ok(at) => {
                    let _ = ctx.fs.update_meta("/", &at, true, |m| {
                        if mode.is_some() {
                            m.mode = meta.mode;
                        }
                    });
                    Ok(())
                }
                Err(e) => Err(e),
            }
        } else {
            ctx.fs.mkdir(&cwd, d, meta).map(|_| ())
        };
        if let Err(e) = r {
            let msg = message(Tool::of(ctx), Failed::MakeDir(d), e);
            fail(ctx, "mkdir", &msg);
            status = 1;
        }
    }
    status
}

/// `rm [-rRfd] PATH…`
pub fn rm(ctx: &mut Ctx<'_>, argv: &[String]) -> i32 {
    let o = Opts::parse(argv, "");
    let recursive = o.has('r') || o.has('R') || o.long("recursive");
    let force = o.has('f') || o.long("force");
    let mut status = 0;
    for p in &o.args {
        let cwd = ctx.cwd.clone();
        match ctx.fs.lookup(&cwd, p, false) {
            Err(e) => {
                if !force {
                    let msg = message(Tool::of(ctx), Failed::Remove(p), e);
                    fail(ctx, "rm", &msg);
                    status = 1;
                }
            }
            Ok((at, n)) => {
                if n.is_dir() && !recursive && !o.has('d') {
                    let msg = match ctx.gnu {
                        true => message(Tool::of(ctx), Failed::Remove(p), FsError::IsADirectory),
                        false => format!("'{p}' is a directory"),
                    };
                    fail(ctx, "rm", &msg);
                    status = 1;
                    continue;
                }
                if at == "/" {
                    fail(ctx, "rm", "can't remove '/'");
                    status = 1;
                    continue;
                }
                if let Err(e) = ctx.fs.remove("/", &at, recursive) {
                    let msg = message(Tool::of(ctx), Failed::Remove(p), e);
                    fail(ctx, "rm", &msg);
                    status = 1;
                }
            }
        }
    }
    if o.args.is_empty() && !force {
        fail(ctx, "rm", "missing operand");
        return 1;
    }
    status
}

/// `rmdir [-p] DIR…`
pub fn rmdir(ctx: &mut Ctx<'_>, argv: &[String]) -> i32 {
    let o = Opts::parse(argv, "");
    let mut status = 0;
    for d in &o.args {
        let cwd = ctx.cwd.clone();
        let mut targets = vec![path::normalize(&cwd, d)];
        if o.has('p') {
            let mut cur = targets[0].clone();
            while path::parent(&cur) != "/" && path::parent(&cur) != cur {
                cur = path::parent(&cur).to_string();
                if d.starts_with('/')
                    || path::is_within(&cur, &path::normalize(&cwd, d.split('/').next().unwrap_or(".")))
                {
                    targets.push(cur.clone());
                }
            }
        }
        for t in targets {
            let r = match ctx.fs.lookup("/", &t, false) {
                Ok((_, n)) if !n.is_dir() => Err(FsError::NotADirectory),
                Ok(_) => ctx.fs.remove("/", &t, false),
                Err(e) => Err(e),
            };
            if let Err(e) = r {
                let msg = message(Tool::of(ctx), Failed::RemoveDir(d), e);
                fail(ctx, "rmdir", &msg);
                status = 1;
                break;
            }
        }
    }
    status
}

struct CopyOpts {
    recursive: bool,
    preserve: bool,
    no_deref: bool,
    no_clobber: bool,
}

fn copy_node(ctx: &mut Ctx<'_>, src: &str, dst: &str, o: &CopyOpts, top: bool) -> Result<(), String> {
    let cwd = ctx.cwd.clone();
    let follow = top && !o.no_deref;
    let gnu = Tool::of(ctx);
    let (src_at, node) = ctx.fs.lookup(&cwd, src, follow).map_err(|e| message(gnu, Failed::Stat(src), e))?;
    let node = node.clone();
    let dst_at = ctx.fs.resolve(&cwd, dst, false).map_err(|e| format!("can't create '{dst}': {e}"))?;
    if path::is_within(&dst_at, &src_at) && node.is_dir() {
        return Err(format!("can't copy a directory into itself: '{src}'"));
    }
    let meta = if o.preserve {
        node.meta
    } else {
        Meta { mode: node.meta.mode & !ctx.umask, uid: ctx.uid, gid: ctx.gid, mtime: ctx.now }
    };
    match &node.kind {
        NodeKind::Dir => {
            if !o.recursive {
                return Err(super::wording::omitting_directory(gnu, src));
            }
            match ctx.fs.get(&dst_at) {
                Some(n) if n.is_dir() => {}
                Some(_) => return Err(format!("can't create directory '{dst}': File exists")),
                None => {
                    let m = Meta { mode: node.meta.mode, ..meta };
                    ctx.fs.mkdir("/", &dst_at, m).map_err(|e| message(gnu, Failed::MakeDir(dst), e))?;
                }
            }
            let names: Vec<String> = ctx.fs.children(&src_at).map(|(n, _)| n.to_string()).collect();
            for n in names {
                if !ctx.step() {
                    return Err("step budget exhausted".into());
                }
                copy_node(ctx, &path::join(&src_at, &n), &path::join(&dst_at, &n), o, false)?;
            }
            if o.preserve {
                let _ = ctx.fs.update_meta("/", &dst_at, false, |m| *m = node.meta);
            }
        }
        NodeKind::File(c) => {
            if o.no_clobber && ctx.fs.lookup("/", &dst_at, true).is_ok() {
                return Ok(());
            }
            if ctx.fs.get(&dst_at).is_some_and(|n| n.is_dir()) {
                return Err(format!("'{dst}' is a directory"));
            }
            let n = ctx.allow(c.len() as usize);
            if n < c.len() as usize {
                return Err("write budget exhausted".into());
            }
            let existed = ctx.fs.lookup("/", &dst_at, true).is_ok();
            ctx.fs.write_file("/", &dst_at, c.clone(), meta).map_err(|e| message(gnu, Failed::CopyTo(dst), e))?;
            if o.preserve || !existed {
                let _ = ctx.fs.update_meta("/", &dst_at, true, |m| *m = meta);
            }
        }
        NodeKind::Symlink(t) => {
            if ctx.fs.get(&dst_at).is_some() {
                let _ = ctx.fs.remove("/", &dst_at, false);
            }
            ctx.fs.symlink("/", t, &dst_at, meta).map_err(|e| format!("can't create symlink '{dst}': {e}"))?;
        }
    }
    Ok(())
}

/// `cp [-rRapfndPL] SRC… DST`
pub fn cp(ctx: &mut Ctx<'_>, argv: &[String]) -> i32 {
    let o = Opts::parse(argv, "");
    let archive = o.has('a') || o.long("archive");
    let co = CopyOpts {
        recursive: archive || o.has('r') || o.has('R') || o.long("recursive"),
        preserve: archive || o.has('p'),
        no_deref: archive || o.has('P') || o.has('d'),
        no_clobber: o.has('n'),
    };
    if o.args.len() < 2 {
        fail(ctx, "cp", "missing file operand");
        return 1;
    }
    let (srcs, dst) = o.args.split_at(o.args.len() - 1);
    let dst = &dst[0];
    let cwd = ctx.cwd.clone();
    let dst_is_dir = ctx.fs.lookup(&cwd, dst, true).is_ok_and(|(_, n)| n.is_dir());
    if srcs.len() > 1 && !dst_is_dir {
        fail(ctx, "cp", &format!("'{dst}' is not a directory"));
        return 1;
    }
    let mut status = 0;
    for s in srcs {
        let target = if dst_is_dir {
            format!("{}/{}", dst.trim_end_matches('/'), path::file_name(&path::normalize("/", s)))
        } else {
            dst.clone()
        };
        if let Err(e) = copy_node(ctx, s, &target, &co, true) {
            fail(ctx, "cp", &e);
            status = 1;
        }
    }
    status
}

/// `mv [-f] SRC… DST`
pub fn mv(ctx: &mut Ctx<'_>, argv: &[String]) -> i32 {
    let o = Opts::parse(argv, "");
    if o.args.len() < 2 {
        fail(ctx, "mv", "missing file operand");
        return 1;
    }
    let (srcs, dst) = o.args.split_at(o.args.len() - 1);
    let dst = &dst[0];
    let cwd = ctx.cwd.clone();
    let dst_is_dir = ctx.fs.lookup(&cwd, dst, true).is_ok_and(|(_, n)| n.is_dir());
    let mut status = 0;
    for s in srcs {
        let target = if dst_is_dir {
            format!("{}/{}", dst.trim_end_matches('/'), path::file_name(&path::normalize("/", s)))
        } else {
            dst.clone()
        };
        if let Err(e) = ctx.fs.lookup(&cwd, s, false) {
            let msg = message(Tool::of(ctx), Failed::MoveSource(s), e);
            fail(ctx, "mv", &msg);
            status = 1;
            continue;
        }
        if let Err(e) = ctx.fs.rename(&cwd, s, &target) {
            let msg = message(Tool::of(ctx), Failed::Move(s, &target), e);
            fail(ctx, "mv", &msg);
            status = 1;
        }
    }
    status
}

/// `ln [-sfnT] TARGET… LINK`
pub fn ln(ctx: &mut Ctx<'_>, argv: &[String]) -> i32 {
    let o = Opts::parse(argv, "");
    let symbolic = o.has('s');
    let force = o.has('f');
    let no_deref = o.has('n') || o.has('T');
    let cwd = ctx.cwd.clone();
    let (targets, link): (Vec<String>, String) = match o.args.len() {
        0 => {
            fail(ctx, "ln", "missing file operand");
            return 1;
        }
        1 => (o.args.clone(), path::file_name(&path::normalize("/", &o.args[0])).to_string()),
        _ => (o.args[..o.args.len() - 1].to_vec(), o.args[o.args.len() - 1].clone()),
    };
    let link_is_dir = ctx.fs.lookup(&cwd, &link, !no_deref).is_ok_and(|(_, n)| n.is_dir());
    let mut status = 0;
    for t in &targets {
        let at = if link_is_dir {
            format!("{}/{}", link.trim_end_matches('/'), path::file_name(&path::normalize("/", t)))
        } else {
            link.clone()
        };
        let tool = Tool::of(ctx);
        if !symbolic && tool != Tool::Busybox {
            // coreutils looks the target of a hard link up first.
            if let Err(e) = ctx.fs.lookup(&cwd, t, false) {
                let msg = message(tool, Failed::LinkSource(t), e);
                fail(ctx, "ln", &msg);
                status = 1;
                continue;
            }
        }
        let failed = |e| match symbolic {
            true => message(tool, Failed::Symlink(&at), e),
            false => message(tool, Failed::HardLink(&at, t), e),
        };
        if ctx.fs.lookup(&cwd, &at, false).is_ok() {
            if force {
                let _ = ctx.fs.remove(&cwd, &at, false);
            } else {
                let msg = failed(FsError::Exists);
                fail(ctx, "ln", &msg);
                status = 1;
                continue;
            }
        }
        let meta = new_meta(ctx, 0o777);
        let r = if symbolic {
            ctx.fs.symlink(&cwd, t, &at, meta).map(|_| ())
        } else {
            ctx.fs.hard_link(&cwd, t, &at).map(|_| ())
        };
        if let Err(e) = r {
            let msg = failed(e);
            fail(ctx, "ln", &msg);
            status = 1;
        }
    }
    status
}

/// `touch [-c] FILE…`
pub fn touch(ctx: &mut Ctx<'_>, argv: &[String]) -> i32 {
    let o = Opts::parse(argv, "dtr");
    let mut status = 0;
    let now = ctx.now;
    for f in &o.args {
        let cwd = ctx.cwd.clone();
        let r = if ctx.fs.lookup(&cwd, f, true).is_ok() {
            ctx.fs.update_meta(&cwd, f, true, |m| m.mtime = now)
        } else if !o.has('c') {
            let meta = new_meta(ctx, 0o666);
            ctx.fs.write_file(&cwd, f, Content::default(), meta).map(|_| ())
        } else {
            Ok(())
        };
        if let Err(e) = r {
            let msg = message(Tool::of(ctx), Failed::Touch(f), e);
            fail(ctx, "touch", &msg);
            status = 1;
        }
    }
    status
}

/// `realpath PATH…`
pub fn realpath(ctx: &mut Ctx<'_>, argv: &[String]) -> i32 {
    let o = Opts::parse(argv, "");
    let mut status = 0;
    for p in &o.args {
        let cwd = ctx.cwd.clone();
        match ctx.fs.resolve(&cwd, p, true) {
            Ok(r) if ctx.fs.get(&r).is_some() || ctx.fs.get(path::parent(&r)).is_some() => ctx.out(&format!("{r}\n")),
            Ok(_) | Err(_) => {
                fail(ctx, "realpath", &format!("{p}: No such file or directory"));
                status = 1;
            }
        }
    }
    status
}

/// `readlink [-f] PATH`
pub fn readlink(ctx: &mut Ctx<'_>, argv: &[String]) -> i32 {
    let o = Opts::parse(argv, "");
    let canon = o.has('f') || o.has('e') || o.has('m');
    let mut status = 0;
    for p in &o.args {
        let cwd = ctx.cwd.clone();
        if canon {
            match ctx.fs.resolve(&cwd, p, true) {
                Ok(r) => ctx.out(&format!("{r}\n")),
                Err(_) => status = 1,
            }
        } else {
            match ctx.fs.lookup(&cwd, p, false) {
                Ok((_, Node { kind: NodeKind::Symlink(t), .. })) => {
                    let t = t.clone();
                    ctx.out(&format!("{t}\n"));
                }
                _ => status = 1,
            }
        }
    }
    status
}

/// `mktemp [-d] [-p DIR] [TEMPLATE]`: names are derived deterministically from the time
/// and the names already taken.
pub fn mktemp(ctx: &mut Ctx<'_>, argv: &[String]) -> i32 {
    let o = Opts::parse(argv, "p");
    let dir = o.val('p').map(String::from).or_else(|| ctx.env.get("TMPDIR").cloned()).unwrap_or_else(|| "/tmp".into());
    let template = o.args.first().cloned().unwrap_or_else(|| "tmp.XXXXXX".into());
    let base =
        if template.contains('/') { template.clone() } else { format!("{}/{template}", dir.trim_end_matches('/')) };
    let xs = base.len() - base.trim_end_matches('X').len();
    let stem = &base[..base.len() - xs];
    const CHARS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    let mut seed = (ctx.now as u64).wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
    for _ in 0..1000 {
        let mut name = stem.to_string();
        for _ in 0..xs {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            name.push(CHARS[((seed >> 33) % CHARS.len() as u64) as usize] as char);
        }
        let cwd = ctx.cwd.clone();
        if ctx.fs.lookup(&cwd, &name, false).is_ok() {
            continue;
        }
        let r = if o.has('d') {
            let m = Meta { mode: 0o700, uid: ctx.uid, gid: ctx.gid, mtime: ctx.now };
            ctx.fs.mkdir(&cwd, &name, m).map(|_| ())
        } else {
            let m = Meta { mode: 0o600, uid: ctx.uid, gid: ctx.gid, mtime: ctx.now };
            ctx.fs.write_file(&cwd, &name, Content::default(), m).map(|_| ())
        };
        return match r {
            Ok(()) => {
                ctx.out(&format!("{name}\n"));
                0
            }
            Err(e) => {
                fail(ctx, "mktemp", &format!("{name}: {e}"));
                1
            }
        };
    }
    1
}

#[cfg(test)]
mod tests {
    use super::parse_mode;

    #[test]
    fn modes() {
        assert_eq!(parse_mode("755", 0, false, 0o022), Some(0o755));
        assert_eq!(parse_mode("+x", 0o644, false, 0o022), Some(0o755));
        assert_eq!(parse_mode("u+x,g-r", 0o644, false, 0o022), Some(0o704));
        assert_eq!(parse_mode("a=r", 0o777, false, 0o022), Some(0o444));
        assert_eq!(parse_mode("go-w", 0o777, false, 0o022), Some(0o755));
        assert_eq!(parse_mode("u+s", 0o755, false, 0o022), Some(0o4755));
        assert_eq!(parse_mode("bogus", 0o755, false, 0o022), None);
    }
}
