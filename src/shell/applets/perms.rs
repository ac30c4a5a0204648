//! Ownership and permissions: `chmod`, `chown`, `chgrp` (with `-R`).

use super::common::{fail, Opts};
use super::files::parse_mode;
use super::wording::{message, Failed, Tool};
use crate::shell::applet::Ctx;
use crate::vfs::accounts::{find_group, find_user, groups, users};
use crate::vfs::Meta;

/// The paths to change: the target and, with `recursive`, everything below it.
fn targets(ctx: &Ctx<'_>, p: &str, recursive: bool, follow: bool) -> Result<Vec<String>, crate::vfs::FsError> {
    let (at, node) = ctx.fs.lookup(&ctx.cwd, p, follow)?;
    let mut out = vec![at.clone()];
    if recursive && node.is_dir() {
        out.extend(ctx.fs.subtree(&at).skip(1).map(|(q, _)| q.clone()));
    }
    Ok(out)
}

/// `chmod [-R] MODE FILE…`
pub fn chmod(ctx: &mut Ctx<'_>, argv: &[String]) -> i32 {
    // Symbolic modes such as `-x` look like options: take the first non-flag word as mode.
    let mut recursive = false;
    let mut rest = Vec::new();
    for a in &argv[1..] {
        match a.as_str() {
            "-R" | "-r" | "--recursive" => recursive = true,
            "-f" | "-v" | "-c" => {}
            _ => rest.push(a.clone()),
        }
    }
    if rest.len() < 2 {
        fail(ctx, "chmod", "missing operand");
        return 1;
    }
    let spec = rest.remove(0);
    let mut status = 0;
    for p in &rest {
        let list = match targets(ctx, p, recursive, true) {
            Ok(l) => l,
            Err(e) => {
                let msg = message(Tool::of(ctx), Failed::Access(p), e);
                fail(ctx, "chmod", &msg);
                status = 1;
                continue;
            }
        };
        for t in list {
            let Some(node) = ctx.fs.get(&t) else { continue };
            if node.is_symlink() {
                continue;
            }
            match parse_mode(&spec, node.meta.mode, node.is_dir(), ctx.umask) {
                Some(m) => {
                    let _ = ctx.fs.update_meta("/", &t, false, |meta| meta.mode = m);
                }
                None => {
                    fail(ctx, "chmod", &format!("invalid mode '{spec}'"));
                    return 1;
                }
            }
        }
    }
    status
}

fn resolve_owner(ctx: &Ctx<'_>, spec: &str) -> Result<(Option<u32>, Option<u32>), String> {
    let (u, g) = match spec.split_once([':', '.']) {
        Some((u, g)) => (u, Some(g)),
        None => (spec, None),
    };
    let uid_and_gid = if u.is_empty() {
        (None, None)
    } else {
        let user = find_user(ctx.fs, u).ok_or_else(|| format!("unknown user {u}"))?;
        let known = users(ctx.fs).iter().any(|x| x.name == u || x.uid == user.uid);
        if !known && u.parse::<u32>().is_err() {
            return Err(format!("unknown user {u}"));
        }
        (Some(user.uid), Some(user.gid))
    };
    let gid = match g {
        None => None,
        Some("") => uid_and_gid.1,
        Some(g) => {
            let id = find_group(ctx.fs, g).ok_or_else(|| format!("unknown group {g}"))?;
            if g.parse::<u32>().is_err() && !groups(ctx.fs).iter().any(|x| x.0 == g) {
                return Err(format!("unknown group {g}"));
            }
            Some(id)
        }
    };
    Ok((uid_and_gid.0, gid))
}

fn change_owner(ctx: &mut Ctx<'_>, name: &str, spec: &str, args: &[String], recursive: bool, follow: bool) -> i32 {
    let (uid, gid) = match resolve_owner(ctx, spec) {
        Ok(v) => v,
        Err(e) => {
            fail(ctx, name, &e);
            return 1;
        }
    };
    let mut status = 0;
    for p in args {
        let list = match targets(ctx, p, recursive, follow) {
            Ok(l) => l,
            Err(e) => {
                let msg = message(Tool::of(ctx), Failed::Access(p), e);
                fail(ctx, name, &msg);
                status = 1;
                continue;
            }
        };
        for t in list {
            let _ = ctx.fs.update_meta("/", &t, false, |m: &mut Meta| {
                if let Some(u) = uid {
                    m.uid = u;
                }
                if let Some(g) = gid {
                    m.gid = g;
                }
            });
        }
    }
    status
}

/// `chown [-R] [-h] USER[:GROUP] FILE…`
pub fn chown(ctx: &mut Ctx<'_>, argv: &[String]) -> i32 {
    let o = Opts::parse(argv, "");
    if o.args.len() < 2 {
        fail(ctx, "chown", "missing operand");
        return 1;
    }
    let recursive = o.has('R') || o.long("recursive");
    change_owner(ctx, "chown", &o.args[0], &o.args[1..], recursive, !o.has('h'))
}

/// `chgrp [-R] GROUP FILE…`
pub fn chgrp(ctx: &mut Ctx<'_>, argv: &[String]) -> i32 {
    let o = Opts::parse(argv, "");
    if o.args.len() < 2 {
        fail(ctx, "chgrp", "missing operand");
        return 1;
    }
    let spec = format!(":{}", o.args[0]);
    change_owner(ctx, "chgrp", &spec, &o.args[1..], o.has('R'), !o.has('h'))
}
