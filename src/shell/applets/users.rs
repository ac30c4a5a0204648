//! Users and groups from `/etc/passwd` and `/etc/group`: `id`, `whoami`, `adduser`,
//! `addgroup` (busybox style), `useradd`, `groupadd` (shadow style).

use super::common::{fail, Opts};
use crate::shell::applet::Ctx;
use crate::vfs::accounts::{find_group, find_user, group_name, groups, user_name, users};
use crate::vfs::{Content, Meta, Tree};

fn read_text(fs: &Tree, p: &str) -> String {
    fs.read("/", p).map(|c| String::from_utf8_lossy(&c.bytes()).into_owned()).unwrap_or_default()
}

fn append_line(ctx: &mut Ctx<'_>, p: &str, line: &str) {
    let mut s = read_text(ctx.fs, p);
    if !s.is_empty() && !s.ends_with('\n') {
        s.push('\n');
    }
    s.push_str(line);
    s.push('\n');
    let meta = ctx.fs.lookup("/", p, true).map(|(_, n)| n.meta).unwrap_or(Meta {
        mode: 0o644,
        uid: 0,
        gid: 0,
        mtime: ctx.now,
    });
    let meta = Meta { mtime: ctx.now, ..meta };
    if ctx.fs.get("/etc").is_none() {
        let _ = ctx.fs.mkdir_all("/", "/etc", Meta { mode: 0o755, uid: 0, gid: 0, mtime: ctx.now });
    }
    let _ = ctx.fs.write_file("/", p, Content::from(s), meta);
    let _ = ctx.fs.update_meta("/", p, true, |m| m.mtime = ctx.now);
}

fn add_member(ctx: &mut Ctx<'_>, group: &str, user: &str) -> bool {
    let text = read_text(ctx.fs, "/etc/group");
    let mut found = false;
    let lines: Vec<String> = text
        .lines()
        .map(|l| {
            let f: Vec<&str> = l.split(':').collect();
            if f.len() >= 3 && f[0] == group {
                found = true;
                let mut members: Vec<&str> =
                    f.get(3).map(|m| m.split(',').filter(|s| !s.is_empty()).collect()).unwrap_or_default();
                if !members.contains(&user) {
                    members.push(user);
                }
                format!("{}:{}:{}:{}", f[0], f[1], f[2], members.join(","))
            } else {
                l.to_string()
            }
        })
        .collect();
    if found {
        let now = ctx.now;
        let _ = ctx.fs.write_file(
            "/",
            "/etc/group",
            Content::from(lines.join("\n") + "\n"),
            Meta { mode: 0o644, uid: 0, gid: 0, mtime: now },
        );
        let _ = ctx.fs.update_meta("/", "/etc/group", true, |m| m.mtime = now);
    }
    found
}

fn free_id(taken: &[u32], range: std::ops::RangeInclusive<u32>, downward: bool) -> u32 {
    let mut ids: Vec<u32> = range.collect();
    if downward {
        ids.reverse();
    }
    ids.into_iter().find(|i| !taken.contains(i)).unwrap_or(65533)
}

fn create_home(ctx: &mut Ctx<'_>, home: &str, uid: u32, gid: u32, mode: u32) {
    if ctx.fs.lookup("/", home, true).is_ok() {
        return;
    }
    let parent = crate::vfs::path::parent(home).to_string();
    let _ = ctx.fs.mkdir_all("/", &parent, Meta { mode: 0o755, uid: 0, gid: 0, mtime: ctx.now });
    let _ = ctx.fs.mkdir("/", home, Meta { mode, uid, gid, mtime: ctx.now });
    let skel: Vec<(String, crate::vfs::Node)> =
        ctx.fs.subtree("/etc/skel").filter(|(p, _)| *p != "/etc/skel").map(|(p, n)| (p.clone(), n.clone())).collect();
    for (p, mut n) in skel {
        n.meta.uid = uid;
        n.meta.gid = gid;
        n.ino = 0;
        ctx.fs.insert(&format!("{home}{}", &p["/etc/skel".len()..]), n);
    }
}

fn add_shadow(ctx: &mut Ctx<'_>, name: &str) {
    if ctx.fs.lookup("/", "/etc/shadow", true).is_ok() {
        let days = ctx.now / 86400;
        append_line(ctx, "/etc/shadow", &format!("{name}:!:{days}:0:99999:7:::"));
    }
}

/// `id [-u|-g|-G] [-n] [-r] [USER]`
pub fn id(ctx: &mut Ctx<'_>, argv: &[String]) -> i32 {
    let o = Opts::parse(argv, "");
    let (uid, gid, name) = match o.args.first() {
        Some(u) => match find_user(ctx.fs, u).filter(|x| users(ctx.fs).iter().any(|y| y.uid == x.uid)) {
            Some(x) => (x.uid, x.gid, Some(x.name)),
            None => {
                fail(ctx, "id", &format!("unknown user {u}"));
                return 1;
            }
        },
        None => (ctx.uid, ctx.gid, user_name(ctx.fs, ctx.uid)),
    };
    let uname = name.clone().unwrap_or_else(|| uid.to_string());
    let gname = group_name(ctx.fs, gid);
    let mut gids = vec![gid];
    for (_, g, members) in groups(ctx.fs) {
        if members.iter().any(|m| Some(m) == name.as_ref()) && !gids.contains(&g) {
            gids.push(g);
        }
    }
    let n = o.has('n');
    let s = if o.has('u') {
        if n {
            uname
        } else {
            uid.to_string()
        }
    } else if o.has('g') {
        if n {
            gname.unwrap_or_else(|| gid.to_string())
        } else {
            gid.to_string()
        }
    } else if o.has('G') {
        gids.iter()
            .map(|g| if n { group_name(ctx.fs, *g).unwrap_or_else(|| g.to_string()) } else { g.to_string() })
            .collect::<Vec<_>>()
            .join(" ")
    } else {
        let fmt = |id: u32, nm: Option<String>| match nm {
            Some(nm) => format!("{id}({nm})"),
            None => id.to_string(),
        };
        let gs: Vec<String> = gids.iter().map(|g| fmt(*g, group_name(ctx.fs, *g))).collect();
        format!("uid={} gid={} groups={}", fmt(uid, name), fmt(gid, gname), gs.join(","))
    };
    ctx.out(&format!("{s}\n"));
    0
}

/// `whoami`
pub fn whoami(ctx: &mut Ctx<'_>, _argv: &[String]) -> i32 {
    match user_name(ctx.fs, ctx.uid) {
        Some(n) => {
            ctx.out(&format!("{n}\n"));
            0
        }
        None => {
            let u = ctx.uid;
            fail(ctx, "whoami", &format!("unknown uid {u}"));
            1
        }
    }
}

fn add_group_entry(ctx: &mut Ctx<'_>, name: &str, gid: Option<u32>, system: bool, debian: bool) -> Result<u32, String> {
    let gs = groups(ctx.fs);
    if gs.iter().any(|g| g.0 == name) {
        return Err(format!("group '{name}' in use"));
    }
    let taken: Vec<u32> = gs.iter().map(|g| g.1).collect();
    let gid = match gid {
        Some(g) if taken.contains(&g) => return Err(format!("gid '{g}' in use")),
        Some(g) => g,
        None if system && debian => free_id(&taken, 100..=999, true),
        None if system => free_id(&taken, 100..=999, false),
        None => free_id(&taken, 1000..=60000, false),
    };
    append_line(ctx, "/etc/group", &format!("{name}:x:{gid}:"));
    if ctx.fs.lookup("/", "/etc/gshadow", true).is_ok() {
        append_line(ctx, "/etc/gshadow", &format!("{name}:!::"));
    }
    Ok(gid)
}

/// `addgroup [-g GID] [-S] GROUP` or `addgroup USER GROUP`
pub fn addgroup(ctx: &mut Ctx<'_>, argv: &[String]) -> i32 {
    let o = Opts::parse(argv, "g");
    match o.args.as_slice() {
        [user, group] => {
            if !users(ctx.fs).iter().any(|u| &u.name == user) {
                fail(ctx, "addgroup", &format!("unknown user '{user}'"));
                return 1;
            }
            if !add_member(ctx, group, user) {
                fail(ctx, "addgroup", &format!("unknown group '{group}'"));
                return 1;
            }
            0
        }
        [group] => {
            let gid = o.val('g').and_then(|g| g.parse().ok());
            match add_group_entry(ctx, group, gid, o.has('S'), false) {
                Ok(_) => 0,
                Err(e) => {
                    fail(ctx, "addgroup", &e);
                    1
                }
            }
        }
        _ => {
            fail(ctx, "addgroup", "usage: addgroup [-g GID] [-S] [USER] GROUP");
            1
        }
    }
}

/// `groupadd [-g GID] [-r] [-f] GROUP`
pub fn groupadd(ctx: &mut Ctx<'_>, argv: &[String]) -> i32 {
    let o = Opts::parse(argv, "gKp");
    let Some(group) = o.args.first() else {
        fail(ctx, "groupadd", "missing group name");
        return 2;
    };
    if o.has('f') && groups(ctx.fs).iter().any(|g| &g.0 == group) {
        return 0;
    }
    let gid = o.val('g').and_then(|g| g.parse().ok());
    match add_group_entry(ctx, group, gid, o.has('r'), true) {
        Ok(_) => 0,
        Err(e) => {
            let code = if e.starts_with("group") { 9 } else { 4 };
            let e = if code == 9 { format!("group '{group}' already exists") } else { e };
            fail(ctx, "groupadd", &e);
            code
        }
    }
}

/// `adduser [-D] [-S] [-H] [-h HOME] [-g GECOS] [-s SHELL] [-G GROUP] [-u UID] USER [GROUP]`
pub fn adduser(ctx: &mut Ctx<'_>, argv: &[String]) -> i32 {
    let o = Opts::parse(argv, "hgsGuk");
    let Some(name) = o.args.first().cloned() else {
        fail(ctx, "adduser", "usage: adduser [OPTIONS] USER [GROUP]");
        return 1;
    };
    if let Some(group) = o.args.get(1) {
        if o.flags.is_empty() {
            return if add_member(ctx, group, &name) { 0 } else { 1 };
        }
    }
    let all = users(ctx.fs);
    if all.iter().any(|u| u.name == name) {
        fail(ctx, "adduser", &format!("user '{name}' in use"));
        return 1;
    }
    let system = o.has('S');
    let taken: Vec<u32> = all.iter().map(|u| u.uid).collect();
    let uid = match o.val('u').and_then(|u| u.parse().ok()) {
        Some(u) if taken.contains(&u) => {
            fail(ctx, "adduser", &format!("uid '{u}' in use"));
            return 1;
        }
        Some(u) => u,
        None if system => free_id(&taken, 100..=999, false),
        None => free_id(&taken, 1000..=60000, false),
    };
    let group = o.val('G').map(String::from).or_else(|| o.args.get(1).cloned());
    let gid = match &group {
        Some(g) => match find_group(ctx.fs, g) {
            Some(gid) => gid,
            None => {
                fail(ctx, "adduser", &format!("unknown group {g}"));
                return 1;
            }
        },
        None if system => find_group(ctx.fs, "nogroup").unwrap_or(65533),
        None => match add_group_entry(
            ctx,
            &name,
            Some(uid).filter(|u| !groups(ctx.fs).iter().any(|g| g.1 == *u)),
            false,
            false,
        ) {
            Ok(g) => g,
            Err(e) => {
                fail(ctx, "adduser", &e);
                return 1;
            }
        },
    };
    let home = o.val('h').map(String::from).unwrap_or_else(|| format!("/home/{name}"));
    let shell =
        o.val('s').map(String::from).unwrap_or_else(|| if system { "/sbin/nologin".into() } else { "/bin/sh".into() });
    let gecos = o.val('g').map(String::from).unwrap_or_else(|| "Linux User,,,".into());
    append_line(ctx, "/etc/passwd", &format!("{name}:x:{uid}:{gid}:{gecos}:{home}:{shell}"));
    add_shadow(ctx, &name);
    if !o.has('H') {
        create_home(ctx, &home, uid, gid, 0o755 & !0o022);
    }
    0
}

/// `useradd [-m|-M] [-r] [-u UID] [-g GROUP] [-G GROUPS] [-s SHELL] [-d HOME] [-c GECOS] USER`
pub fn useradd(ctx: &mut Ctx<'_>, argv: &[String]) -> i32 {
    let o = Opts::parse(argv, "ugGsdcekKp");
    let Some(name) = o.args.first().cloned() else {
        fail(ctx, "useradd", "missing user name");
        return 2;
    };
    let all = users(ctx.fs);
    if all.iter().any(|u| u.name == name) {
        fail(ctx, "useradd", &format!("user '{name}' already exists"));
        return 9;
    }
    let system = o.has('r');
    let taken: Vec<u32> = all.iter().map(|u| u.uid).collect();
    let uid = match o.val('u').and_then(|u| u.parse().ok()) {
        Some(u) if taken.contains(&u) && !o.has('o') => {
            fail(ctx, "useradd", &format!("UID {u} is not unique"));
            return 4;
        }
        Some(u) => u,
        None if system => free_id(&taken, 100..=999, true),
        None => free_id(&taken, 1000..=60000, false),
    };
    let gid = match o.val('g') {
        Some(g) => match find_group(ctx.fs, g)
            .filter(|id| groups(ctx.fs).iter().any(|x| x.1 == *id) || g.parse::<u32>().is_ok())
        {
            Some(gid) => gid,
            None => {
                fail(ctx, "useradd", &format!("group '{g}' does not exist"));
                return 6;
            }
        },
        None => {
            if groups(ctx.fs).iter().any(|g| g.0 == name) {
                fail(
                    ctx,
                    "useradd",
                    &format!("group {name} exists - if you want to add this user to that group, use -g."),
                );
                return 9;
            }
            let want = (!groups(ctx.fs).iter().any(|g| g.1 == uid)).then_some(uid);
            match add_group_entry(ctx, &name, want, system, true) {
                Ok(g) => g,
                Err(e) => {
                    fail(ctx, "useradd", &e);
                    return 4;
                }
            }
        }
    };
    if let Some(extra) = o.val('G') {
        for g in extra.split(',').filter(|s| !s.is_empty()) {
            if !add_member(ctx, g, &name) {
                fail(ctx, "useradd", &format!("group '{g}' does not exist"));
                return 6;
            }
        }
    }
    let home = o.val('d').map(String::from).unwrap_or_else(|| format!("/home/{name}"));
    let shell = o.val('s').map(String::from).unwrap_or_else(|| "/bin/sh".into());
    let gecos = o.val('c').unwrap_or("").to_string();
    append_line(ctx, "/etc/passwd", &format!("{name}:x:{uid}:{gid}:{gecos}:{home}:{shell}"));
    add_shadow(ctx, &name);
    if o.has('m') && !o.has('M') {
        create_home(ctx, &home, uid, gid, 0o755);
    }
    0
}
