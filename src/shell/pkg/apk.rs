//! `apk`: Alpine's package manager over the tree's `/lib/apk/db/installed` and
//! `/etc/apk/world`, with index files cached in `/var/cache/apk` unless `--no-cache`.

use sha2::{Digest, Sha256};

use crate::catalog::apkdb::{self, ApkEntry};
use crate::catalog::distro::{detect, Distro, Family};
use crate::catalog::install::{add_users, install_files, read_text, remove_paths, PathFilter};
use crate::catalog::model::{hash64, Package};
use crate::catalog::repo::{catalogue, find};
use crate::shell::Ctx;
use crate::vfs::{Content, Meta};

const CACHE_DIR: &str = "/var/cache/apk";

#[derive(Default)]
struct Opts {
    no_cache: bool,
    update: bool,
    virtual_name: Option<String>,
    quiet: bool,
    verbose: bool,
    installed: bool,
    list_files: bool,
    exists: bool,
    args: Vec<String>,
    cmd: Option<String>,
}

fn parse_opts(argv: &[String]) -> Result<Opts, String> {
    let mut o = Opts::default();
    let mut it = argv.iter().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--no-cache" => o.no_cache = true,
            "-U" | "--update-cache" => o.update = true,
            "-t" | "--virtual" => o.virtual_name = Some(it.next().ok_or("option requires an argument -- 't'")?.clone()),
            "-q" | "--quiet" => o.quiet = true,
            "-v" | "--verbose" => o.verbose = true,
            "-I" | "--installed" => o.installed = true,
            "-L" | "--contents" => o.list_files = true,
            "-e" | "--installed-check" => o.exists = true,
            "-X" | "--repository" | "--repositories-file" | "-p" | "--root" | "--arch" | "--cache-dir" => {
                it.next();
            }
            s if s.starts_with("--virtual=") => o.virtual_name = Some(s["--virtual=".len()..].to_string()),
            s if s.starts_with('-') => {}
            s => {
                if o.cmd.is_none() {
                    o.cmd = Some(s.to_string());
                } else {
                    o.args.push(s.to_string());
                }
            }
        }
    }
    Ok(o)
}

/// The `apk` applet.
pub fn apk(ctx: &mut Ctx<'_>, argv: &[String]) -> i32 {
    let o = match parse_opts(argv) {
        Ok(o) => o,
        Err(e) => {
            ctx.err(&format!("apk: {e}\n"));
            return 1;
        }
    };
    let Some(cmd) = o.cmd.clone() else {
        ctx.out("apk-tools 2.14.4, compiled for x86_64.\n\nusage: apk [<OPTIONS>...] COMMAND [<ARGUMENTS>...]\n");
        return 1;
    };
    if cmd == "--version" || cmd == "-V" {
        ctx.out("apk-tools 2.14.4, compiled for x86_64.\n");
        return 0;
    }
    let distro = match detect(ctx.fs) {
        Some(d) if d.family == Family::Alpine => d,
        _ => {
            ctx.err("ERROR: Failed to open apk database: No such file or directory\n");
            return 99;
        }
    };
    let writes = matches!(cmd.as_str(), "add" | "del" | "update" | "upgrade" | "fix");
    let refused = match (writes, ctx.uid) {
        (false, _) => None,
        (true, 0) => ctx.fs.writable("/lib/apk/db/lock").err().map(|e| e.to_string()),
        (true, _) => Some("Permission denied".to_string()),
    };
    if let Some(why) = refused {
        ctx.err(&format!("ERROR: Unable to lock database: {why}\nERROR: Failed to open apk database: {why}\n"));
        return 99;
    }
    match cmd.as_str() {
        "add" => add(ctx, &distro, &o),
        "del" => del(ctx, &o),
        "update" => {
            fetch_indexes(ctx, &distro, !o.no_cache, o.quiet);
            for url in repositories(ctx) {
                let tag = format!(
                    "v{}-{}-g{:010x}",
                    distro.version_id,
                    100 + hash64(url.as_bytes()) % 90,
                    hash64(url.as_bytes()) >> 24
                );
                ctx.out(&format!("{tag} [{url}]\n"));
            }
            ctx.out(&format!(
                "OK: {} distinct packages available\n",
                24_164
                    + distro
                        .release()
                        .split('.')
                        .nth(1)
                        .and_then(|m| m.parse::<usize>().ok())
                        .unwrap_or(19)
                        .saturating_sub(19)
                        * 1_100
            ));
            0
        }
        "upgrade" | "fix" => {
            if o.update || o.no_cache || !indexes_present(ctx) {
                fetch_indexes(ctx, &distro, !o.no_cache, o.quiet);
            }
            ok_line(ctx);
            0
        }
        "info" => info(ctx, &distro, &o),
        "list" => list(ctx, &distro, &o),
        "search" => {
            let cat = catalogue(&distro);
            for p in
                cat.iter().filter(|p| o.args.is_empty() || o.args.iter().any(|a| p.name.contains(a.trim_matches('*'))))
            {
                ctx.out(&format!("{}-{}\n", p.name, p.version));
            }
            0
        }
        "cache" => {
            ctx.err("ERROR: Package cache is not enabled.\n");
            1
        }
        other => {
            ctx.err(&format!("apk: applet '{other}' not found\n"));
            1
        }
    }
}

/// The repository URLs of `/etc/apk/repositories`.
fn repositories(ctx: &Ctx<'_>) -> Vec<String> {
    read_text(ctx.fs, "/etc/apk/repositories")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(String::from)
        .collect()
}

/// Cache file name of a repository's index: `APKINDEX.<8 hex>.tar.gz`.
pub fn index_name(url: &str) -> String {
    let h = Sha256::digest(url.as_bytes());
    format!("APKINDEX.{:02x}{:02x}{:02x}{:02x}.tar.gz", h[0], h[1], h[2], h[3])
}

fn index_size(url: &str) -> u64 {
    let jitter = hash64(url.as_bytes()) % 40_000;
    if url.ends_with("/main") {
        480_000 + jitter
    } else if url.ends_with("/community") {
        1_930_000 + jitter
    } else {
        60_000 + jitter
    }
}

fn indexes_present(ctx: &Ctx<'_>) -> bool {
    repositories(ctx).iter().all(|u| ctx.fs.get(&format!("{CACHE_DIR}/{}", index_name(u))).is_some())
}

/// Prints the `fetch` lines and, when `store`, leaves the indexes in `/var/cache/apk`.
fn fetch_indexes(ctx: &mut Ctx<'_>, _distro: &Distro, store: bool, quiet: bool) {
    let now = ctx.now;
    for url in repositories(ctx) {
        if !quiet {
            ctx.out(&format!("fetch {url}/x86_64/APKINDEX.tar.gz\n"));
        }
        if store && ctx.fs.mkdir_all("/", CACHE_DIR, Meta { mode: 0o755, uid: 0, gid: 0, mtime: now }).is_ok() {
            let content = Content::synthetic(
                index_size(&url),
                hash64(url.as_bytes()) ^ now as u64,
                &format!("APKINDEX of {url}"),
            );
            let _ = ctx.fs.write_file(
                "/",
                &format!("{CACHE_DIR}/{}", index_name(&url)),
                content,
                Meta { mode: 0o644, uid: 0, gid: 0, mtime: now },
            );
        }
    }
}

fn ok_line(ctx: &mut Ctx<'_>) {
    let db = apkdb::load(ctx.fs);
    let bytes: u64 = db.iter().map(|e| e.installed_size).sum();
    let mib = (bytes + 512 * 1024) / (1024 * 1024);
    ctx.out(&format!("OK: {mib} MiB in {} packages\n", db.len()));
}

/// Strips a version constraint: `curl=8.9.1-r0`, `python3>3.11`, `nginx~1.26`.
fn base_name(spec: &str) -> &str {
    spec.split(['=', '<', '>', '~']).next().unwrap_or(spec)
}

fn add(ctx: &mut Ctx<'_>, distro: &Distro, o: &Opts) -> i32 {
    if o.update || o.no_cache || !indexes_present(ctx) {
        fetch_indexes(ctx, distro, !o.no_cache, o.quiet);
    }
    let cat = catalogue(distro);
    let mut db = apkdb::load(ctx.fs);
    let installed = |db: &[ApkEntry], n: &str| db.iter().any(|e| e.name == n);
    let missing: Vec<&String> =
        o.args.iter().filter(|a| find(cat, base_name(a)).is_none() && !installed(&db, base_name(a))).collect();
    if !missing.is_empty() {
        ctx.err("ERROR: unable to select packages:\n");
        for m in &missing {
            let n = base_name(m);
            let by = o.virtual_name.clone().unwrap_or_else(|| format!("world[{m}]"));
            ctx.err(&format!("  {n} (no such package):\n    required by: {by}\n"));
        }
        return missing.len() as i32;
    }
    // Resolve dependencies depth first so that they install before their dependents.
    let mut order: Vec<&Package> = Vec::new();
    fn visit<'a>(
        cat: &'a [Package],
        name: &str,
        db: &[ApkEntry],
        order: &mut Vec<&'a Package>,
        seen: &mut Vec<String>,
    ) {
        if seen.iter().any(|s| s == name) || db.iter().any(|e| e.name == name) {
            return;
        }
        seen.push(name.to_string());
        let Some(p) = find(cat, name) else { return };
        for d in &p.depends {
            visit(cat, d, db, order, seen);
        }
        order.push(p);
    }
    let mut seen = Vec::new();
    for a in &o.args {
        visit(cat, base_name(a), &db, &mut order, &mut seen);
    }
    let virt = o.virtual_name.as_ref().map(|v| {
        let stamp = virtual_version(ctx.now);
        Package {
            key: v.clone(),
            name: v.clone(),
            version: stamp,
            description: "virtual meta package".into(),
            depends: o.args.iter().map(|a| base_name(a).to_string()).collect(),
            ..Package::default()
        }
    });
    let total = order.len() + usize::from(virt.is_some());
    let now = ctx.now;
    let mut bin_touched = false;
    let mut certs_touched = false;
    for (i, p) in order.iter().enumerate() {
        if p.scripts.iter().any(|s| s == "pre-install") {
            ctx.out(&format!("Executing {}-{}.pre-install\n", p.name, p.version));
        }
        add_users(ctx.fs, &p.users, now);
        ctx.out(&format!("({}/{total}) Installing {} ({})\n", i + 1, p.name, p.version));
        let paths = install_files(ctx.fs, p, &PathFilter::none(), now);
        bin_touched |=
            paths.iter().any(|f| ["/bin/", "/sbin/", "/usr/bin/", "/usr/sbin/"].iter().any(|d| f.starts_with(d)));
        certs_touched |=
            p.name == "ca-certificates" || paths.iter().any(|f| f.starts_with("/usr/share/ca-certificates/"));
        if p.scripts.iter().any(|s| s == "post-install") {
            ctx.out(&format!("Executing {}-{}.post-install\n", p.name, p.version));
        }
        db.push(ApkEntry::from_package(p, &paths, ctx.fs, now - 86_400 * 30));
    }
    if let Some(v) = &virt {
        ctx.out(&format!("({total}/{total}) Installing {} ({})\n", v.name, v.version));
        db.push(ApkEntry::from_package(v, &[], ctx.fs, now));
    }
    if bin_touched {
        if let Some(bb) = db.iter().find(|e| e.name == "busybox") {
            ctx.out(&format!("Executing busybox-{}.trigger\n", bb.version));
        }
    }
    if certs_touched {
        if let Some(ca) = db.iter().find(|e| e.name == "ca-certificates") {
            ctx.out(&format!("Executing ca-certificates-{}.trigger\n", ca.version));
            let bundle = Content::synthetic(219_342, 0xca, "ca-certificates.crt (generated by update-ca-certificates)");
            let _ = ctx.fs.write_file(
                "/",
                "/etc/ssl/certs/ca-certificates.crt",
                bundle,
                Meta { mode: 0o644, uid: 0, gid: 0, mtime: now },
            );
        }
    }
    let mut world = apkdb::load_world(ctx.fs);
    match &virt {
        Some(v) => world.push(v.name.clone()),
        None => world.extend(o.args.iter().cloned()),
    }
    save(ctx, &db, &world);
    ok_line(ctx);
    0
}

/// A virtual package's version: the current time as `YYYYMMDD.HHMMSS`.
fn virtual_version(now: i64) -> String {
    let days = now.div_euclid(86_400);
    let secs = now.rem_euclid(86_400);
    // Civil from days (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}{m:02}{d:02}.{:02}{:02}{:02}", secs / 3600, secs / 60 % 60, secs % 60)
}

fn save(ctx: &mut Ctx<'_>, db: &[ApkEntry], world: &[String]) {
    let now = ctx.now;
    let meta = Meta { mode: 0o644, uid: 0, gid: 0, mtime: now };
    let _ = ctx.fs.write_file("/", apkdb::DB_PATH, apkdb::render(db).into(), meta);
    let _ = ctx.fs.write_file("/", apkdb::WORLD_PATH, apkdb::render_world(world).into(), meta);
}

fn del(ctx: &mut Ctx<'_>, o: &Opts) -> i32 {
    let mut db = apkdb::load(ctx.fs);
    let mut world = apkdb::load_world(ctx.fs);
    world.retain(|w| !o.args.iter().any(|a| base_name(w) == base_name(a)));
    // Keep what the world still needs.
    let mut keep: Vec<String> = Vec::new();
    let mut todo: Vec<String> = world.iter().map(|w| base_name(w).to_string()).collect();
    while let Some(n) = todo.pop() {
        if keep.contains(&n) {
            continue;
        }
        if let Some(e) = db.iter().find(|e| e.name == n) {
            todo.extend(e.depends.iter().cloned());
            keep.push(n);
        }
    }
    let doomed: Vec<ApkEntry> = db.iter().rev().filter(|e| !keep.contains(&e.name)).cloned().collect();
    let total = doomed.len();
    let mut bin_touched = false;
    for (i, e) in doomed.iter().enumerate() {
        ctx.out(&format!("({}/{total}) Purging {} ({})\n", i + 1, e.name, e.version));
        let paths: Vec<String> = e.paths.iter().map(|(p, _, _)| p.clone()).collect();
        bin_touched |=
            e.files().any(|f| ["/bin/", "/sbin/", "/usr/bin/", "/usr/sbin/"].iter().any(|d| f.starts_with(d)));
        remove_paths(ctx.fs, &paths);
    }
    db.retain(|e| keep.contains(&e.name));
    if bin_touched {
        if let Some(bb) = db.iter().find(|e| e.name == "busybox") {
            ctx.out(&format!("Executing busybox-{}.trigger\n", bb.version));
            restore_busybox_links(ctx);
        }
    }
    save(ctx, &db, &world);
    ok_line(ctx);
    0
}

/// busybox's trigger re-creates the applet links a removed package had replaced.
fn restore_busybox_links(ctx: &mut Ctx<'_>) {
    let now = ctx.now;
    for path in crate::catalog::images::alpine_applet_links() {
        if ctx.fs.resolve("/", &path, false).is_ok_and(|at| ctx.fs.get(&at).is_none()) {
            let _ = ctx.fs.symlink("/", "/bin/busybox", &path, Meta { mode: 0o777, uid: 0, gid: 0, mtime: now });
        }
    }
}

fn info(ctx: &mut Ctx<'_>, distro: &Distro, o: &Opts) -> i32 {
    let db = apkdb::load(ctx.fs);
    if o.args.is_empty() {
        for e in &db {
            if o.verbose {
                ctx.out(&format!("{}-{}\n", e.name, e.version));
            } else {
                ctx.out(&format!("{}\n", e.name));
            }
        }
        return 0;
    }
    let cat = catalogue(distro);
    let mut rc = 0;
    for a in &o.args {
        let entry = db.iter().find(|e| e.name == *a);
        if o.exists {
            if entry.is_some() {
                if !o.quiet {
                    ctx.out(&format!("{a}\n"));
                }
            } else {
                rc = 1;
            }
            continue;
        }
        if o.list_files {
            match entry {
                Some(e) => {
                    ctx.out(&format!("{}-{} contains:\n", e.name, e.version));
                    for f in e.files() {
                        ctx.out(&format!("{}\n", f.trim_start_matches('/')));
                    }
                    ctx.out("\n");
                }
                None => rc = 1,
            }
            continue;
        }
        let (name, version, desc, url, size) = match (entry, find(cat, a)) {
            (Some(e), _) => (e.name.clone(), e.version.clone(), e.description.clone(), e.url.clone(), e.installed_size),
            (None, Some(p)) => {
                (p.name.clone(), p.version.clone(), p.description.clone(), p.url.clone(), p.installed_size())
            }
            (None, None) => continue,
        };
        let nv = format!("{name}-{version}");
        ctx.out(&format!(
            "{nv} description:\n{desc}\n\n{nv} webpage:\n{url}\n\n{nv} installed size:\n{}\n\n",
            human(size)
        ));
    }
    rc
}

/// apk's size wording: `250 KiB`, `4611 KiB`, `12 MiB`.
fn human(bytes: u64) -> String {
    if bytes < 1024 {
        format!("{bytes} B")
    } else if bytes < 10 * 1024 * 1024 {
        format!("{} KiB", bytes / 1024)
    } else {
        format!("{} MiB", bytes / (1024 * 1024))
    }
}

fn list(ctx: &mut Ctx<'_>, distro: &Distro, o: &Opts) -> i32 {
    let db = apkdb::load(ctx.fs);
    let mut lines: Vec<String> = Vec::new();
    if o.installed {
        for e in &db {
            lines.push(format!("{}-{} {} {{{}}} ({}) [installed]", e.name, e.version, e.arch, e.origin, e.license));
        }
    } else {
        for p in catalogue(distro) {
            let tag = if db.iter().any(|e| e.name == p.name) { " [installed]" } else { "" };
            lines.push(format!("{}-{} x86_64 {{{}}} ({}){tag}", p.name, p.version, p.name, p.license));
        }
    }
    lines.retain(|l| o.args.is_empty() || o.args.iter().any(|a| l.starts_with(a.trim_end_matches('*'))));
    crate::util::sort::sort(&mut lines);
    for l in lines {
        ctx.out(&format!("{l}\n"));
    }
    0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::shell::pkg::testutil::{run, tree_of};

    #[test]
    fn add_curl_with_and_without_cache() {
        let mut t = tree_of("alpine:3.20");
        let (code, out, _) = run(&mut t, 0, &["apk", "add", "--no-cache", "curl"]);
        assert_eq!(code, 0);
        assert!(out.starts_with("fetch https://dl-cdn.alpinelinux.org/alpine/v3.20/main/x86_64/APKINDEX.tar.gz\nfetch https://dl-cdn.alpinelinux.org/alpine/v3.20/community/x86_64/APKINDEX.tar.gz\n(1/10) Installing ca-certificates (20240705-r0)\n"), "{out}");
        assert!(out.contains("(10/10) Installing curl (8.9.1-r2)\nExecuting busybox-1.36.1-r29.trigger\nExecuting ca-certificates-20240705-r0.trigger\nOK: "), "{out}");
        assert!(out.ends_with(" in 25 packages\n"), "{out}");
        assert!(t.children("/var/cache/apk").next().is_none());
        assert!(t.get("/usr/bin/curl").is_some());
        assert!(read_text(&t, "/etc/apk/world").contains("curl\n"));
        let (_, out, _) = run(&mut t, 0, &["apk", "add", "jq"]);
        assert!(out.starts_with("fetch "));
        assert_eq!(t.children("/var/cache/apk").count(), 2);
        let (_, out, _) = run(&mut t, 0, &["apk", "add", "tini"]);
        assert!(out.starts_with("(1/1) Installing tini (0.19.0-r3)\n"), "{out}");
    }

    #[test]
    fn unknown_package_and_non_root() {
        let mut t = tree_of("alpine:3.20");
        let (code, _, err) = run(&mut t, 0, &["apk", "add", "--no-cache", "foo"]);
        assert_eq!(code, 1);
        assert_eq!(err, "ERROR: unable to select packages:\n  foo (no such package):\n    required by: world[foo]\n");
        let (code, _, err) = run(&mut t, 1000, &["apk", "add", "curl"]);
        assert_eq!(code, 99);
        assert!(err.starts_with("ERROR: Unable to lock database: Permission denied\n"));
    }

    #[test]
    fn virtual_packages_are_removed_with_their_dependencies() {
        let mut t = tree_of("alpine:3.20");
        let before = t.content_size();
        let (code, out, _) = run(&mut t, 0, &["apk", "add", "--no-cache", "--virtual", ".build-deps", "make", "jq"]);
        assert_eq!(code, 0);
        assert!(out.contains("(4/4) Installing .build-deps ("), "{out}");
        assert!(read_text(&t, "/etc/apk/world").contains(".build-deps\n"));
        let (_, out, _) = run(&mut t, 0, &["apk", "del", ".build-deps"]);
        assert!(out.starts_with("(1/4) Purging .build-deps ("), "{out}");
        assert!(t.get("/usr/bin/jq").is_none());
        assert!(t.get("/usr/bin/make").is_none());
        assert!(out.ends_with("OK: 7 MiB in 15 packages\n"), "{out}");
        assert!(t.content_size() <= before + 2000);
    }

    #[test]
    fn update_leaves_indexes() {
        let mut t = tree_of("alpine:3.20");
        let (_, out, _) = run(&mut t, 0, &["apk", "update"]);
        assert!(out.ends_with("OK: 25264 distinct packages available\n"), "{out}");
        let idx: u64 = t.subtree("/var/cache/apk").filter(|(_, n)| n.is_file()).map(|(_, n)| n.size()).sum();
        assert!((2_000_000..2_600_000).contains(&idx), "{idx}");
        assert_eq!(virtual_version(1_727_949_610), "20241003.100010");
    }
}
