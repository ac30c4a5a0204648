//! Archives and compression: `tar` (c/x/t with z, f, -C, v, --strip-components), `gzip`,
//! `gunzip`, `zcat`.

use std::io::{Read, Write};

use super::common::{fail, new_meta, read_input, write_file};
use crate::shell::applet::Ctx;
use crate::vfs::{path, Content, Meta, Node, NodeKind};

/// Gzip-compresses bytes.
pub fn gz(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    let _ = e.write_all(data);
    e.finish().unwrap_or_default()
}

/// Gunzips bytes (concatenated members included).
pub fn ungz(data: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    flate2::read::MultiGzDecoder::new(data).read_to_end(&mut out).map_err(|_| "invalid magic".to_string())?;
    Ok(out)
}

fn is_gzip(d: &[u8]) -> bool {
    d.len() > 2 && d[0] == 0x1f && d[1] == 0x8b
}

struct TarOpts {
    mode: char,
    gzip: bool,
    file: Option<String>,
    dir: Option<String>,
    verbose: bool,
    strip: usize,
    to_stdout: bool,
    excludes: Vec<String>,
    names: Vec<String>,
}

fn parse_tar(argv: &[String]) -> Result<TarOpts, String> {
    let mut o = TarOpts {
        mode: ' ',
        gzip: false,
        file: None,
        dir: None,
        verbose: false,
        strip: 0,
        to_stdout: false,
        excludes: Vec::new(),
        names: Vec::new(),
    };
    let mut pending: Vec<char> = Vec::new();
    let mut i = 1;
    let mut first = true;
    while i < argv.len() {
        let a = &argv[i];
        i += 1;
        if let Some(long) = a.strip_prefix("--") {
            let (k, v) = match long.split_once('=') {
                Some((k, v)) => (k, Some(v.to_string())),
                None => (long, None),
            };
            let mut val = || {
                v.clone().or_else(|| {
                    i += 1;
                    argv.get(i - 1).cloned()
                })
            };
            match k {
                "strip-components" => o.strip = val().and_then(|v| v.parse().ok()).unwrap_or(0),
                "directory" => o.dir = val(),
                "file" => o.file = val(),
                "exclude" => o.excludes.extend(val()),
                "gzip" | "gunzip" => o.gzip = true,
                "extract" | "get" => o.mode = 'x',
                "create" => o.mode = 'c',
                "list" => o.mode = 't',
                "verbose" => o.verbose = true,
                "to-stdout" => o.to_stdout = true,
                _ => {}
            }
            first = false;
            continue;
        }
        let cluster = if let Some(c) = a.strip_prefix('-') {
            Some(c)
        } else if first {
            Some(a.as_str())
        } else {
            None
        };
        first = false;
        let Some(cluster) = cluster.filter(|c| !c.is_empty()) else {
            o.names.push(a.clone());
            continue;
        };
        for c in cluster.chars() {
            match c {
                'c' | 'x' | 't' => o.mode = c,
                'z' => o.gzip = true,
                'v' => o.verbose = true,
                'O' => o.to_stdout = true,
                'f' | 'C' => pending.push(c),
                'j' | 'J' => return Err("compression not supported in this simulation (only gzip)".into()),
                _ => {}
            }
        }
        while let Some(c) = pending.first().copied() {
            pending.remove(0);
            let v = argv.get(i).cloned();
            i += 1;
            if c == 'f' {
                o.file = v;
            } else {
                o.dir = v;
            }
        }
    }
    if o.mode == ' ' {
        return Err("must specify one of -c, -x, -t".into());
    }
    Ok(o)
}

fn header_for(n: &Node, size: u64) -> tar::Header {
    let mut h = tar::Header::new_ustar();
    h.set_mode(n.meta.mode & 0o7777);
    h.set_uid(n.meta.uid as u64);
    h.set_gid(n.meta.gid as u64);
    h.set_mtime(n.meta.mtime.max(0) as u64);
    h.set_size(size);
    h.set_entry_type(match n.kind {
        NodeKind::Dir => tar::EntryType::Directory,
        NodeKind::File(_) => tar::EntryType::Regular,
        NodeKind::Symlink(_) => tar::EntryType::Symlink,
    });
    h
}

/// Appends an entry keeping the member name byte for byte (`./x` stays `./x`, as busybox
/// writes it); long names go through the crate's GNU long-name support.
fn append(
    b: &mut tar::Builder<Vec<u8>>,
    h: &mut tar::Header,
    name: &str,
    data: &[u8],
    link: Option<&str>,
) -> std::io::Result<()> {
    if name.len() <= 100 && link.is_none_or(|l| l.len() <= 100) {
        if let Some(u) = h.as_ustar_mut() {
            u.name = [0; 100];
            u.name[..name.len()].copy_from_slice(name.as_bytes());
            if let Some(l) = link {
                u.linkname = [0; 100];
                u.linkname[..l.len()].copy_from_slice(l.as_bytes());
            }
            h.set_cksum();
            return b.append(h, data);
        }
    }
    match link {
        Some(l) => b.append_link(h, name, l),
        None => b.append_data(h, name, data),
    }
}

fn create(ctx: &mut Ctx<'_>, o: &TarOpts) -> Result<Vec<u8>, String> {
    let base = match &o.dir {
        Some(d) => path::normalize(&ctx.cwd, d),
        None => ctx.cwd.clone(),
    };
    let mut b = tar::Builder::new(Vec::new());
    let mut warned = false;
    for name in &o.names {
        let (at, _) = ctx.fs.lookup(&base, name, false).map_err(|e| format!("{name}: {e}"))?;
        let shown = if name.starts_with('/') {
            if !warned {
                ctx.err("tar: removing leading '/' from member names\n");
                warned = true;
            }
            name.trim_start_matches('/').to_string()
        } else {
            name.trim_end_matches('/').to_string()
        };
        let items: Vec<(String, Node)> = ctx.fs.subtree(&at).map(|(p, n)| (p.clone(), n.clone())).collect();
        for (p, n) in items {
            let rel = format!("{}{}", shown, &p[at.len()..]);
            let rel = if rel.is_empty() { ".".to_string() } else { rel };
            if o.excludes
                .iter()
                .any(|e| crate::shell::glob::matches(e, path::file_name(&p)) || crate::shell::glob::matches(e, &rel))
            {
                continue;
            }
            if o.verbose {
                ctx.err(&format!("{rel}{}\n", if n.is_dir() { "/" } else { "" }));
            }
            let r = match &n.kind {
                NodeKind::Dir => {
                    let mut h = header_for(&n, 0);
                    append(&mut b, &mut h, &format!("{rel}/"), &[], None)
                }
                NodeKind::File(c) => {
                    let bytes = c.bytes();
                    let mut h = header_for(&n, bytes.len() as u64);
                    append(&mut b, &mut h, &rel, &bytes, None)
                }
                NodeKind::Symlink(t) => {
                    let mut h = header_for(&n, 0);
                    append(&mut b, &mut h, &rel, &[], Some(t))
                }
            };
            r.map_err(|e| e.to_string())?;
        }
    }
    b.into_inner().map_err(|e| e.to_string())
}

fn extract(ctx: &mut Ctx<'_>, o: &TarOpts, data: &[u8]) -> Result<(), String> {
    let base = match &o.dir {
        Some(d) => path::normalize(&ctx.cwd, d),
        None => ctx.cwd.clone(),
    };
    if ctx.fs.lookup("/", &base, true).map(|(_, n)| !n.is_dir()).unwrap_or(true) {
        return Err(format!(
            "can't change directory to '{}': No such file or directory",
            o.dir.clone().unwrap_or_default()
        ));
    }
    let mut ar = tar::Archive::new(data);
    let entries = ar.entries().map_err(|e| e.to_string())?;
    for e in entries {
        let mut e = e.map_err(|e| e.to_string())?;
        let raw = e.path().map_err(|e| e.to_string())?.to_string_lossy().into_owned();
        let comps: Vec<&str> = raw.split('/').filter(|c| !c.is_empty()).collect();
        if comps.len() <= o.strip {
            continue;
        }
        let rel = comps[o.strip..].iter().filter(|c| **c != ".").copied().collect::<Vec<_>>().join("/");
        if rel.is_empty() {
            continue;
        }
        if !o.names.is_empty()
            && !o
                .names
                .iter()
                .any(|n| rel == n.trim_end_matches('/') || rel.starts_with(&format!("{}/", n.trim_end_matches('/'))))
        {
            continue;
        }
        if o.excludes
            .iter()
            .any(|x| crate::shell::glob::matches(x, &rel) || crate::shell::glob::matches(x, path::file_name(&rel)))
        {
            continue;
        }
        let h = e.header().clone();
        let meta = Meta {
            mode: h.mode().unwrap_or(0o644) & 0o7777,
            uid: if ctx.uid == 0 { h.uid().unwrap_or(0) as u32 } else { ctx.uid },
            gid: if ctx.uid == 0 { h.gid().unwrap_or(0) as u32 } else { ctx.gid },
            mtime: h.mtime().unwrap_or(0) as i64,
        };
        if o.to_stdout {
            let mut buf = Vec::new();
            let _ = e.read_to_end(&mut buf);
            ctx.write_out(&buf);
            continue;
        }
        if o.verbose {
            ctx.out(&format!("{raw}\n"));
        }
        let dest = path::normalize(&base, &rel);
        if !path::is_within(&dest, &base) {
            continue;
        }
        let parent = path::parent(&dest).to_string();
        let pm = new_meta(ctx, 0o777);
        ctx.fs.mkdir_all("/", &parent, pm).map_err(|e| format!("{rel}: {e}"))?;
        let kind = h.entry_type();
        if kind.is_dir() {
            match ctx.fs.get(&dest) {
                Some(n) if n.is_dir() => {
                    let _ = ctx.fs.update_meta("/", &dest, false, |m| *m = meta);
                }
                _ => {
                    ctx.fs.remove_subtree(&dest);
                    ctx.fs.mkdir("/", &dest, meta).map_err(|e| format!("{rel}: {e}"))?;
                }
            }
        } else if kind.is_symlink() {
            let target = e.link_name().ok().flatten().map(|t| t.to_string_lossy().into_owned()).unwrap_or_default();
            ctx.fs.remove_subtree(&dest);
            ctx.fs.symlink("/", &target, &dest, meta).map_err(|e| format!("{rel}: {e}"))?;
        } else if kind.is_hard_link() {
            let target = e.link_name().ok().flatten().map(|t| t.to_string_lossy().into_owned()).unwrap_or_default();
            let tcomps: Vec<&str> = target.split('/').filter(|c| !c.is_empty() && *c != ".").collect();
            let tdest = path::normalize(&base, &tcomps[o.strip.min(tcomps.len())..].join("/"));
            ctx.fs.remove_subtree(&dest);
            ctx.fs.hard_link("/", &tdest, &dest).map_err(|e| format!("{rel}: {e}"))?;
        } else {
            let mut buf = Vec::new();
            e.read_to_end(&mut buf).map_err(|e| e.to_string())?;
            if ctx.allow(buf.len()) < buf.len() {
                return Err("write budget exhausted".into());
            }
            if ctx.fs.get(&dest).is_some_and(|n| !n.is_file()) {
                ctx.fs.remove_subtree(&dest);
            }
            ctx.fs.write_file("/", &dest, Content::from(buf), meta).map_err(|e| format!("{rel}: {e}"))?;
            let _ = ctx.fs.update_meta("/", &dest, false, |m| *m = meta);
        }
    }
    Ok(())
}

fn list(ctx: &mut Ctx<'_>, o: &TarOpts, data: &[u8]) -> Result<(), String> {
    let mut ar = tar::Archive::new(data);
    let mut out = String::new();
    for e in ar.entries().map_err(|e| e.to_string())? {
        let e = e.map_err(|e| e.to_string())?;
        let name = e.path().map_err(|e| e.to_string())?.to_string_lossy().into_owned();
        if o.verbose {
            let h = e.header();
            let kind = if h.entry_type().is_dir() {
                NodeKind::Dir
            } else if h.entry_type().is_symlink() {
                NodeKind::Symlink(String::new())
            } else {
                NodeKind::File(Content::default())
            };
            let n = Node { kind, meta: Meta::root(h.mode().unwrap_or(0) & 0o7777), ino: 0 };
            let date = super::info::strftime("%Y-%m-%d %H:%M:%S", h.mtime().unwrap_or(0) as i64);
            let owner = format!(
                "{}/{}",
                h.username()
                    .ok()
                    .flatten()
                    .filter(|s| !s.is_empty())
                    .map(String::from)
                    .unwrap_or_else(|| h.uid().unwrap_or(0).to_string()),
                h.groupname()
                    .ok()
                    .flatten()
                    .filter(|s| !s.is_empty())
                    .map(String::from)
                    .unwrap_or_else(|| h.gid().unwrap_or(0).to_string())
            );
            let link = e.link_name().ok().flatten().map(|l| format!(" -> {}", l.to_string_lossy())).unwrap_or_default();
            out.push_str(&format!("{} {owner} {:>8} {date} {name}{link}\n", n.mode_string(), h.size().unwrap_or(0)));
        } else {
            out.push_str(&name);
            out.push('\n');
        }
    }
    ctx.out(&out);
    Ok(())
}

/// `tar [-]c|x|t [z] [v] [f FILE] [-C DIR] [--strip-components=N] [NAMES…]`
pub fn tar(ctx: &mut Ctx<'_>, argv: &[String]) -> i32 {
    let o = match parse_tar(argv) {
        Ok(o) => o,
        Err(e) => {
            fail(ctx, "tar", &e);
            return 1;
        }
    };
    let result = match o.mode {
        'c' => {
            if o.names.is_empty() {
                fail(ctx, "tar", "empty archive");
                return 1;
            }
            create(ctx, &o).and_then(|data| {
                let data = if o.gzip { gz(&data) } else { data };
                match o.file.as_deref() {
                    None | Some("-") => {
                        ctx.write_out(&data);
                        Ok(())
                    }
                    Some(f) => write_file(ctx, f, data).map_err(|e| format!("can't open '{f}': {e}")),
                }
            })
        }
        _ => {
            let data = match o.file.as_deref() {
                None | Some("-") => Ok(ctx.input().to_vec()),
                Some(f) => read_input(ctx, f).map_err(|e| format!("can't open '{f}': {e}")),
            };
            data.and_then(|d| {
                if is_gzip(&d) {
                    ungz(&d)
                } else if o.gzip {
                    Err("invalid magic".into())
                } else {
                    Ok(d)
                }
            })
            .and_then(|d| if o.mode == 'x' { extract(ctx, &o, &d) } else { list(ctx, &o, &d) })
        }
    };
    match result {
        Ok(()) => 0,
        Err(e) => {
            fail(ctx, "tar", &e);
            1
        }
    }
}

fn gzip_main(ctx: &mut Ctx<'_>, argv: &[String], name: &str, mut decompress: bool, mut to_stdout: bool) -> i32 {
    let mut keep = false;
    let mut files = Vec::new();
    for a in &argv[1..] {
        if a.starts_with('-') && a.len() > 1 {
            for c in a[1..].chars() {
                match c {
                    'd' => decompress = true,
                    'c' => to_stdout = true,
                    'k' => keep = true,
                    _ => {}
                }
            }
        } else {
            files.push(a.clone());
        }
    }
    if files.is_empty() {
        files.push("-".into());
    }
    let mut status = 0;
    for f in &files {
        let data = match read_input(ctx, f) {
            Ok(d) => d,
            Err(e) => {
                fail(ctx, name, &format!("can't open '{f}': {e}"));
                status = 1;
                continue;
            }
        };
        let out = if decompress {
            match ungz(&data) {
                Ok(d) => d,
                Err(e) => {
                    fail(ctx, name, &e);
                    status = 1;
                    continue;
                }
            }
        } else {
            gz(&data)
        };
        if to_stdout || f == "-" {
            ctx.write_out(&out);
            continue;
        }
        let target = if decompress {
            match f.strip_suffix(".gz").or_else(|| f.strip_suffix(".tgz")) {
                Some(t) => t.to_string(),
                None => {
                    fail(ctx, name, &format!("{f}: unknown suffix - ignored"));
                    status = 1;
                    continue;
                }
            }
        } else {
            format!("{f}.gz")
        };
        let cwd = ctx.cwd.clone();
        let meta = ctx.fs.lookup(&cwd, f, true).map(|(_, n)| n.meta).ok();
        if let Err(e) = write_file(ctx, &target, out) {
            fail(ctx, name, &format!("{target}: {e}"));
            status = 1;
            continue;
        }
        if let Some(m) = meta {
            let _ = ctx.fs.update_meta(&cwd, &target, true, |x| *x = m);
        }
        if !keep {
            let _ = ctx.fs.remove(&cwd, f, false);
        }
    }
    status
}

/// `gzip [-dck] [FILE…]`
pub fn gzip(ctx: &mut Ctx<'_>, argv: &[String]) -> i32 {
    gzip_main(ctx, argv, "gzip", false, false)
}

/// `gunzip [-ck] [FILE…]`
pub fn gunzip(ctx: &mut Ctx<'_>, argv: &[String]) -> i32 {
    gzip_main(ctx, argv, "gunzip", true, false)
}

/// `zcat [FILE…]`
pub fn zcat(ctx: &mut Ctx<'_>, argv: &[String]) -> i32 {
    gzip_main(ctx, argv, "zcat", true, true)
}
