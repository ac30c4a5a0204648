//! `apt-get` and `apt`: package lists in `/var/lib/apt/lists`, dependency resolution with
//! recommends, `.deb` downloads to `/var/cache/apt/archives` (removed again by the official
//! images' `docker-clean` hook), and dpkg's database updates.

use crate::catalog::distro::{detect, Distro, Family};
use crate::catalog::dpkgdb::{self, Stanza};
use crate::catalog::install::{add_users, install_files, read_text, remove_paths, PathFilter};
use crate::catalog::model::{hash64, Package};
use crate::catalog::repo::{catalogue, find};
use crate::shell::Ctx;
use crate::vfs::{Content, Meta};

const LISTS: &str = "/var/lib/apt/lists";
const ARCHIVES: &str = "/var/cache/apt/archives";
const DOCKER_CLEAN: &str = "/etc/apt/apt.conf.d/docker-clean";

use super::apt_lists::indexes;

/// apt's `SizeToStr`: `845 `, `63.1 k`, `3285 k`, `14.5 M` (append `B`).
pub fn size_to_str(bytes: u64) -> String {
    let units = ['\0', 'k', 'M', 'G', 'T'];
    let mut size = bytes as f64;
    for (i, u) in units.iter().enumerate() {
        let unit = if *u == '\0' { String::new() } else { u.to_string() };
        if size < 100.0 && i != 0 {
            return format!("{size:.1} {unit}");
        }
        if size < 10_000.0 {
            return format!("{size:.0} {unit}");
        }
        size /= 1000.0;
    }
    format!("{size:.0} P")
}

#[derive(Default)]
struct Opts {
    yes: bool,
    recommends: bool,
    purge: bool,
    /// `--auto-remove`: a removal takes the automatically installed packages nothing
    /// needs any more with it.
    auto_remove: bool,
    cmd: String,
    args: Vec<String>,
}

fn parse_opts(argv: &[String]) -> Opts {
    let mut o = Opts { recommends: true, ..Opts::default() };
    let mut it = argv.iter().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "-y" | "--yes" | "--assume-yes" | "-qy" | "-yq" | "-yqq" | "-qqy" => o.yes = true,
            "--no-install-recommends" => o.recommends = false,
            "--install-recommends" => o.recommends = true,
            "--purge" => o.purge = true,
            "--auto-remove" | "--autoremove" => o.auto_remove = true,
            "-o" | "-c" | "-t" | "--target-release" => {
                if let Some(v) = it.next() {
                    if v.contains("Install-Recommends") && (v.ends_with("false") || v.ends_with('0')) {
                        o.recommends = false;
                    }
                    if v.contains("Assume-Yes") && (v.ends_with("true") || v.ends_with('1')) {
                        o.yes = true;
                    }
                }
            }
            s if s.starts_with("-o") => {
                if s.contains("Install-Recommends") && (s.ends_with("false") || s.ends_with('0')) {
                    o.recommends = false;
                }
            }
            s if s.starts_with('-') && s.contains('y') && !s.starts_with("--") => o.yes = true,
            s if s.starts_with('-') => {}
            s if o.cmd.is_empty() => o.cmd = s.to_string(),
            s => o.args.push(s.to_string()),
        }
    }
    o
}

/// The `apt-get` applet.
pub fn apt_get(ctx: &mut Ctx<'_>, argv: &[String]) -> i32 {
    run(ctx, argv, false)
}

/// The `apt` applet: `apt-get` with a warning about its unstable interface.
pub fn apt(ctx: &mut Ctx<'_>, argv: &[String]) -> i32 {
    ctx.err("\nWARNING: apt does not have a stable CLI interface. Use with caution in scripts.\n\n");
    run(ctx, argv, true)
}

fn run(ctx: &mut Ctx<'_>, argv: &[String], is_apt: bool) -> i32 {
    let o = parse_opts(argv);
    let Some(distro) = detect(ctx.fs).filter(|d| d.family != Family::Alpine) else {
        ctx.err("E: Unable to determine the distribution\n");
        return 100;
    };
    let needs_root = matches!(
        o.cmd.as_str(),
        "update"
            | "install"
            | "remove"
            | "purge"
            | "autoremove"
            | "upgrade"
            | "dist-upgrade"
            | "full-upgrade"
            | "clean"
            | "autoclean"
    );
    if needs_root && ctx.uid != 0 {
        if o.cmd == "update" {
            ctx.out("Reading package lists...\n");
            ctx.err("E: List directory /var/lib/apt/lists/partial is missing. - Acquire (13: Permission denied)\n");
        } else if o.cmd == "clean" || o.cmd == "autoclean" {
            ctx.err("E: Could not open lock file /var/cache/apt/archives/lock - open (13: Permission denied)\nE: Unable to lock directory /var/cache/apt/archives/\n");
        } else {
            ctx.err("E: Could not open lock file /var/lib/dpkg/lock-frontend - open (13: Permission denied)\nE: Unable to acquire the dpkg frontend lock (/var/lib/dpkg/lock-frontend), are you root?\n");
        }
        return 100;
    }
    match o.cmd.as_str() {
        "update" => update(ctx, &distro, is_apt),
        "install" => install(ctx, &distro, &o),
        "remove" | "purge" => remove(ctx, &distro, &o, o.cmd == "purge" || o.purge),
        "autoremove" => autoremove(ctx, &distro, &o),
        "clean" | "autoclean" => {
            clean(ctx);
            0
        }
        "upgrade" | "dist-upgrade" | "full-upgrade" => {
            ctx.out("Reading package lists...\nBuilding dependency tree...\nReading state information...\nCalculating upgrade...\n0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n");
            0
        }
        "list" if is_apt => {
            ctx.out("Listing...\n");
            let st = dpkgdb::load_status(ctx.fs);
            for s in &st {
                let arch = s.get("Architecture").unwrap_or("amd64");
                ctx.out(&format!("{}/now {} {arch} [installed,local]\n", s.package(), s.version()));
            }
            0
        }
        "" => {
            ctx.out("apt 2.6.1 (amd64)\nUsage: apt-get [options] command\n");
            1
        }
        "--version" | "-v" => {
            ctx.out("apt 2.6.1 (amd64)\n");
            0
        }
        other => {
            ctx.err(&format!("E: Invalid operation {other}\n"));
            100
        }
    }
}

fn lists_present(ctx: &Ctx<'_>, d: &Distro) -> bool {
    indexes(d)
        .iter()
        .filter(|i| i.what.ends_with("Packages"))
        .all(|i| ctx.fs.get(&format!("{LISTS}/{}", i.file)).is_some())
}

fn update(ctx: &mut Ctx<'_>, d: &Distro, is_apt: bool) -> i32 {
    let now = ctx.now;
    let dir = Meta { mode: 0o755, uid: 0, gid: 0, mtime: now };
    let _ = ctx.fs.mkdir_all("/", LISTS, dir);
    let _ = ctx.fs.mkdir_all("/", &format!("{LISTS}/partial"), Meta { mode: 0o700, uid: 42, gid: 0, mtime: now });
    let _ = ctx.fs.mkdir_all("/", &format!("{LISTS}/auxfiles"), dir);
    let _ = ctx.fs.write_file(
        "/",
        &format!("{LISTS}/lock"),
        Content::default(),
        Meta { mode: 0o640, uid: 0, gid: 0, mtime: now },
    );
    let mut fetched = 0u64;
    let mut n = 0;
    let all = indexes(d);
    let legacy = super::apt_lists::legacy_apt(ctx.fs);
    if legacy {
        let stored = |i: &super::apt_lists::Index| ctx.fs.get(&format!("{LISTS}/{}", i.file)).is_some();
        let (lines, bytes) = super::apt_lists::legacy_update(d, &all, stored);
        lines.iter().for_each(|l| ctx.out(&format!("{l}\n")));
        fetched = bytes;
    }
    for idx in all {
        let path = format!("{LISTS}/{}", idx.file);
        let cached = ctx.fs.get(&path).is_some();
        if cached && (legacy || !idx.what.ends_with("InRelease")) {
            continue;
        }
        if !legacy {
            n += 1;
            if cached {
                ctx.out(&format!("Hit:{n} {} {}\n", idx.uri, idx.what));
                continue;
            }
            ctx.out(&format!("Get:{n} {} {} [{}B]\n", idx.uri, idx.what, size_to_str(idx.shown)));
            fetched += idx.shown;
        }
        let content = Content::synthetic(idx.stored, hash64(idx.file.as_bytes()), &format!("apt list {}", idx.file));
        let _ = ctx.fs.write_file("/", &path, content, Meta { mode: 0o644, uid: 0, gid: 0, mtime: now });
    }
    if fetched > 0 {
        ctx.out(&format!("Fetched {}\n", fetch_stats(fetched)));
    }
    ctx.out("Reading package lists...\n");
    if is_apt {
        ctx.out("Building dependency tree...\nReading state information...\nAll packages are up to date.\n");
    }
    write_bin_caches(ctx);
    0
}

/// `9231 kB in 1s (7226 kB/s)` for a deterministic 8 MB/s link.
fn fetch_stats(bytes: u64) -> String {
    let secs = bytes as f64 / 8_000_000.0 + 0.35;
    format!("{}B in {}s ({}B/s)", size_to_str(bytes), secs as u64, size_to_str((bytes as f64 / secs) as u64))
}

/// Without the images' `docker-clean` hook, apt keeps its binary caches.
fn write_bin_caches(ctx: &mut Ctx<'_>) {
    if ctx.fs.get(DOCKER_CLEAN).is_some() {
        return;
    }
    let now = ctx.now;
    let _ = ctx.fs.mkdir_all("/", "/var/cache/apt", Meta { mode: 0o755, uid: 0, gid: 0, mtime: now });
    for (name, size) in [("pkgcache.bin", 28_311_552u64), ("srcpkgcache.bin", 28_185_600)] {
        let c = Content::synthetic(size, size ^ now as u64, &format!("apt {name}"));
        let _ = ctx.fs.write_file(
            "/",
            &format!("/var/cache/apt/{name}"),
            c,
            Meta { mode: 0o644, uid: 0, gid: 0, mtime: now },
        );
    }
}

fn reading(ctx: &mut Ctx<'_>) {
    ctx.out("Reading package lists...\nBuilding dependency tree...\nReading state information...\n");
}

/// Strips `=version` and `/release` from a package argument.
fn arg_name(a: &str) -> &str {
    let a = a.split('=').next().unwrap_or(a);
    let a = a.split('/').next().unwrap_or(a);
    a.strip_suffix(":amd64").unwrap_or(a)
}

/// Prints `label` and the names wrapped at 80 columns with a two-space indent.
fn wrapped(ctx: &mut Ctx<'_>, label: &str, names: &[String]) {
    ctx.out(label);
    ctx.out("\n");
    let mut line = String::from(" ");
    for n in names {
        if line.len() + 1 + n.len() > 79 && line.len() > 1 {
            ctx.out(&format!("{line}\n"));
            line = String::from(" ");
        }
        line.push(' ');
        line.push_str(n);
    }
    ctx.out(&format!("{line}\n"));
}

fn install(ctx: &mut Ctx<'_>, d: &Distro, o: &Opts) -> i32 {
    reading(ctx);
    let cat: &[Package] = if lists_present(ctx, d) { catalogue(d) } else { &[] };
    let status = dpkgdb::load_status(ctx.fs);
    let is_installed = |name: &str| status.iter().any(|s| s.package() == name);
    let mut auto = dpkgdb::load_auto(ctx.fs);
    let mut missing = Vec::new();
    let mut requested: Vec<&Package> = Vec::new();
    for a in &o.args {
        let name = arg_name(a);
        if let Some(s) = status.iter().find(|s| s.package() == name) {
            ctx.out(&format!("{name} is already the newest version ({}).\n", s.version()));
            if auto.iter().any(|x| x == name) {
                ctx.out(&format!("{name} set to manually installed.\n"));
                auto.retain(|x| x != name);
            }
            continue;
        }
        match find(cat, name) {
            Some(p) => requested.push(p),
            None => missing.push(name.to_string()),
        }
    }
    if !missing.is_empty() {
        for m in &missing {
            ctx.err(&format!("E: Unable to locate package {m}\n"));
        }
        return 100;
    }
    // Resolve dependencies (and recommendations) depth first.
    let mut order: Vec<&Package> = Vec::new();
    let mut skipped_recs: Vec<String> = Vec::new();
    fn visit<'a>(
        cat: &'a [Package],
        p: &'a Package,
        rec: bool,
        installed: &dyn Fn(&str) -> bool,
        order: &mut Vec<&'a Package>,
        skipped: &mut Vec<String>,
    ) {
        if order.iter().any(|q| q.key == p.key) || installed(&p.name) {
            return;
        }
        order.push(p);
        let pos = order.len() - 1;
        for dep in &p.depends {
            if let Some(q) = find(cat, dep) {
                visit(cat, q, rec, installed, order, skipped);
            }
        }
        for r in &p.recommends {
            match find(cat, r) {
                Some(q) if rec => visit(cat, q, rec, installed, order, skipped),
                Some(q) if !installed(&q.name) && !skipped.contains(&q.name) => skipped.push(q.name.clone()),
                _ => {}
            }
        }
        // Dependencies first: move the package after what it pulled in.
        let me = order.remove(pos);
        order.push(me);
    }
    for p in &requested {
        visit(cat, p, o.recommends, &is_installed, &mut order, &mut skipped_recs);
    }
    let extras: Vec<String> =
        order.iter().filter(|p| !requested.iter().any(|r| r.key == p.key)).map(|p| p.name.clone()).collect();
    let mut sorted_extras = extras.clone();
    crate::util::sort::sort(&mut sorted_extras);
    if !sorted_extras.is_empty() {
        wrapped(ctx, "The following additional packages will be installed:", &sorted_extras);
    }
    skipped_recs.retain(|n| !order.iter().any(|p| &p.name == n));
    if !skipped_recs.is_empty() {
        crate::util::sort::sort(&mut skipped_recs);
        wrapped(ctx, "Recommended packages:", &skipped_recs);
    }
    let mut all: Vec<String> = order.iter().map(|p| p.name.clone()).collect();
    crate::util::sort::sort(&mut all);
    if !all.is_empty() {
        wrapped(ctx, "The following NEW packages will be installed:", &all);
    }
    ctx.out(&format!("0 upgraded, {} newly installed, 0 to remove and 0 not upgraded.\n", order.len()));
    if order.is_empty() {
        dpkgdb::save_auto(ctx.fs, &auto, ctx.now);
        return 0;
    }
    let download: u64 = order.iter().map(|p| p.download_size()).sum();
    let inst: u64 = order.iter().map(|p| p.installed_size()).sum();
    ctx.out(&format!("Need to get {}B of archives.\n", size_to_str(download)));
    ctx.out(&format!("After this operation, {}B of additional disk space will be used.\n", size_to_str(inst)));
    if !extras.is_empty() && !o.yes {
        ctx.out("Do you want to continue? [Y/n] Abort.\n");
        return 1;
    }
    let (mirror, suite) = match d.family {
        Family::Debian => ("http://deb.debian.org/debian", d.codename.clone()),
        _ => ("http://archive.ubuntu.com/ubuntu", d.codename.clone()),
    };
    let now = ctx.now;
    let _ = ctx.fs.mkdir_all("/", &format!("{ARCHIVES}/partial"), Meta { mode: 0o700, uid: 42, gid: 0, mtime: now });
    let mut debs = Vec::new();
    for (i, p) in order.iter().enumerate() {
        let arch = if p.arch.is_empty() { "amd64" } else { p.arch.as_str() };
        ctx.out(&format!(
            "Get:{} {mirror} {suite}/main amd64 {} {arch} {} [{}B]\n",
            i + 1,
            p.name,
            p.version,
            size_to_str(p.download_size())
        ));
        let deb = format!("{ARCHIVES}/{}_{}_{arch}.deb", p.name, p.version.replace(':', "%3a"));
        let c =
            Content::synthetic(p.download_size(), hash64(deb.as_bytes()), &format!("{} {} .deb", p.name, p.version));
        let _ = ctx.fs.write_file("/", &deb, c, Meta { mode: 0o644, uid: 0, gid: 0, mtime: now });
        debs.push(deb);
    }
    if d.family == Family::Debian && ctx.fs.get("/usr/bin/apt-utils").is_none() {
        ctx.err("debconf: delaying package configuration, since apt-utils is not installed\n");
    }
    ctx.out(&format!("Fetched {}\n", fetch_stats(download)));
    let filter = PathFilter::from_tree(ctx.fs);
    let mut status = status;
    let names = |key: &str| find(catalogue(d), key).map_or(key.to_string(), |p| p.name.clone());
    let maintainer = if d.family == Family::Debian {
        "Debian Maintainers <debian-devel@lists.debian.org>"
    } else {
        "Ubuntu Developers <ubuntu-devel-discuss@lists.ubuntu.com>"
    };
    let mut db_count = count_db(ctx);
    let mut stanzas = Vec::new();
    for (i, p) in order.iter().enumerate() {
        let st = dpkgdb::stanza_for(p, maintainer, &names);
        ctx.out(&format!("Selecting previously unselected package {}.\n", st.display_name()));
        if i == 0 {
            ctx.out(&format!("(Reading database ... {db_count} files and directories currently installed.)\n"));
        }
        let arch = st.get("Architecture").unwrap_or("amd64").to_string();
        ctx.out(&format!(
            "Preparing to unpack .../{:02}-{}_{}_{arch}.deb ...\n",
            i,
            p.name,
            p.version.replace(':', "%3a")
        ));
        ctx.out(&format!("Unpacking {} ({}) ...\n", st.display_name(), p.version));
        add_users(ctx.fs, &p.users, now);
        let paths = install_files(ctx.fs, p, &filter, now);
        db_count += paths.len();
        dpkgdb::write_list(ctx.fs, &st, &paths, now);
        stanzas.push(st);
    }
    for (p, st) in order.iter().zip(&stanzas) {
        ctx.out(&format!("Setting up {} ({}) ...\n", st.display_name(), p.version));
        if p.name == "ca-certificates" {
            ctx.out("Updating certificates in /etc/ssl/certs...\n146 added, 0 removed; done.\n");
        }
        if p.name == "tzdata"
            && ctx.env.get("DEBIAN_FRONTEND").map(String::as_str) != Some("noninteractive")
            && d.family == Family::Ubuntu
        {
            ctx.out("debconf: unable to initialize frontend: Dialog\ndebconf: (TERM is not set, so the dialog frontend is not usable.)\ndebconf: falling back to frontend: Readline\nConfiguring tzdata\n------------------\n\nPlease select the geographic area in which you live. Subsequent configuration\nquestions will narrow this down by presenting a list of cities, representing\nthe time zones in which they are located.\n\nGeographic area: \nUse of uninitialized value $_[1] in join or string at /usr/share/perl5/Debconf/DbDriver/Stack.pm line 111.\n\nCurrent default time zone: 'Etc/UTC'\n");
        }
    }
    if order.iter().any(|p| p.name.starts_with("lib")) {
        if let Some(libc) = status.iter().find(|s| s.package() == "libc-bin") {
            ctx.out(&format!("Processing triggers for libc-bin ({}) ...\n", libc.version()));
        }
    }
    if order.iter().any(|p| p.name == "ca-certificates")
        || status.iter().any(|s| s.package() == "ca-certificates") && order.iter().any(|p| p.name.contains("java"))
    {
        ctx.out("Processing triggers for ca-certificates (20230311) ...\nUpdating certificates in /etc/ssl/certs...\n0 added, 0 removed; done.\nRunning hooks in /etc/ca-certificates/update.d...\ndone.\n");
    }
    status.extend(stanzas);
    crate::util::sort::sort_by(&mut status, |a, b| a.package().cmp(b.package()));
    save_status(ctx, &status);
    for e in &extras {
        if !auto.contains(e) {
            auto.push(e.clone());
        }
    }
    dpkgdb::save_auto(ctx.fs, &auto, now);
    log(
        ctx,
        &format!(
            "Install: {}",
            order.iter().map(|p| format!("{}:amd64 ({})", p.name, p.version)).collect::<Vec<_>>().join(", ")
        ),
    );
    // DPkg::Post-Invoke of docker-clean.
    if ctx.fs.get(DOCKER_CLEAN).is_some() {
        clean(ctx);
    } else {
        write_bin_caches(ctx);
    }
    0
}

fn count_db(ctx: &Ctx<'_>) -> usize {
    let mut n = 0;
    for (p, node) in ctx.fs.subtree("/var/lib/dpkg/info") {
        if node.is_file() && p.ends_with(".list") {
            n += read_text(ctx.fs, p).lines().count().saturating_sub(1);
        }
    }
    n
}

fn save_status(ctx: &mut Ctx<'_>, status: &[Stanza]) {
    let now = ctx.now;
    let meta = Meta { mode: 0o644, uid: 0, gid: 0, mtime: now };
    let old = read_text(ctx.fs, dpkgdb::STATUS);
    let _ = ctx.fs.write_file("/", "/var/lib/dpkg/status-old", old.into(), meta);
    let _ = ctx.fs.write_file("/", dpkgdb::STATUS, dpkgdb::render(status).into(), meta);
}

fn log(ctx: &mut Ctx<'_>, line: &str) {
    let now = ctx.now;
    let meta = Meta { mode: 0o644, uid: 0, gid: 0, mtime: now };
    let _ = ctx.fs.mkdir_all("/", "/var/log/apt", Meta { mode: 0o755, uid: 0, gid: 0, mtime: now });
    let mut h = read_text(ctx.fs, "/var/log/apt/history.log");
    h.push_str(&format!("\nStart-Date: {now}\nCommandline: apt-get install\n{line}\nEnd-Date: {now}\n"));
    let _ = ctx.fs.write_file("/", "/var/log/apt/history.log", h.into(), meta);
}

/// `apt-get clean`: the downloaded archives and binary caches.
fn clean(ctx: &mut Ctx<'_>) {
    let doomed: Vec<String> = ctx
        .fs
        .subtree(ARCHIVES)
        .filter(|(p, n)| n.is_file() && p.ends_with(".deb"))
        .map(|(p, _)| p.clone())
        .chain(["/var/cache/apt/pkgcache.bin".to_string(), "/var/cache/apt/srcpkgcache.bin".to_string()])
        .collect();
    for p in doomed {
        ctx.fs.remove_subtree(&p);
    }
}

/// Installed packages depending on `name` (by catalogue knowledge).
fn dependents(cat: &[Package], status: &[Stanza], name: &str) -> Vec<String> {
    let key = find(cat, name).map_or(name.to_string(), |p| p.key.clone());
    status
        .iter()
        .filter(|s| find(cat, s.package()).is_some_and(|p| p.depends.contains(&key)))
        .map(|s| s.package().to_string())
        .collect()
}

fn remove(ctx: &mut Ctx<'_>, d: &Distro, o: &Opts, purge: bool) -> i32 {
    reading(ctx);
    let cat = catalogue(d);
    let status = dpkgdb::load_status(ctx.fs);
    let mut doomed: Vec<String> = Vec::new();
    for a in &o.args {
        let name = arg_name(a);
        if !status.iter().any(|s| s.package() == name) {
            if find(cat, name).is_some() || lists_present(ctx, d) {
                ctx.out(&format!("Package '{name}' is not installed, so not removed\n"));
            } else {
                ctx.err(&format!("E: Unable to locate package {name}\n"));
                return 100;
            }
            continue;
        }
        let mut todo = vec![name.to_string()];
        while let Some(n) = todo.pop() {
            if !doomed.contains(&n) {
                todo.extend(dependents(cat, &status, &n));
                doomed.push(n);
            }
        }
    }
    if doomed.iter().any(|n| status.iter().any(|s| s.package() == n && s.get("Essential") == Some("yes"))) {
        ctx.err("E: Essential packages were removed and -y was used without --allow-remove-essential.\n");
        return 100;
    }
    if o.auto_remove && !doomed.is_empty() {
        let left: Vec<Stanza> = status.iter().filter(|s| !doomed.iter().any(|n| n == s.package())).cloned().collect();
        let auto = dpkgdb::load_auto(ctx.fs);
        doomed.extend(unneeded_auto(cat, &left, &auto));
        let o2 = Opts { yes: o.yes, args: doomed.clone(), ..Opts::default() };
        return finish_removal(ctx, cat, status, doomed, &o2, purge, false);
    }
    finish_removal(ctx, cat, status, doomed, o, purge, true)
}

fn finish_removal(
    ctx: &mut Ctx<'_>,
    cat: &[Package],
    status: Vec<Stanza>,
    mut doomed: Vec<String>,
    o: &Opts,
    purge: bool,
    explicit: bool,
) -> i32 {
    let mut auto = dpkgdb::load_auto(ctx.fs);
    if explicit {
        let left: Vec<Stanza> = status.iter().filter(|s| !doomed.iter().any(|n| n == s.package())).cloned().collect();
        let unneeded = unneeded_auto(cat, &left, &auto);
        if !unneeded.is_empty() {
            wrapped(ctx, "The following packages were automatically installed and are no longer required:", &unneeded);
            ctx.out("Use 'apt autoremove' to remove them.\n");
        }
    }
    crate::util::sort::sort(&mut doomed);
    if !doomed.is_empty() {
        let shown: Vec<String> = doomed.iter().map(|n| if purge { format!("{n}*") } else { n.clone() }).collect();
        wrapped(ctx, "The following packages will be REMOVED:", &shown);
    }
    ctx.out(&format!("0 upgraded, 0 newly installed, {} to remove and 0 not upgraded.\n", doomed.len()));
    if doomed.is_empty() {
        return 0;
    }
    let freed: u64 = status
        .iter()
        .filter(|s| doomed.iter().any(|n| n == s.package()))
        .map(|s| s.get("Installed-Size").and_then(|v| v.parse::<u64>().ok()).unwrap_or(0) * 1024)
        .sum();
    ctx.out(&format!("After this operation, {}B disk space will be freed.\n", size_to_str(freed)));
    if explicit && doomed.len() > o.args.len() && !o.yes {
        ctx.out("Do you want to continue? [Y/n] Abort.\n");
        return 1;
    }
    ctx.out(&format!("(Reading database ... {} files and directories currently installed.)\n", count_db(ctx)));
    let mut status = status;
    for n in &doomed {
        let Some(st) = status.iter().find(|s| s.package() == n).cloned() else { continue };
        ctx.out(&format!("Removing {} ({}) ...\n", st.display_name(), st.version()));
        let paths = dpkgdb::read_list(ctx.fs, &st);
        remove_paths(ctx.fs, &paths);
        ctx.fs.remove_subtree(&dpkgdb::list_path(&st));
        status.retain(|s| s.package() != n);
    }
    if purge {
        for n in &doomed {
            ctx.out(&format!("Purging configuration files for {n} ...\n"));
        }
    }
    save_status(ctx, &status);
    auto.retain(|a| !doomed.contains(a));
    dpkgdb::save_auto(ctx.fs, &auto, ctx.now);
    0
}

/// Automatically installed packages that no manually installed package needs.
fn unneeded_auto(cat: &[Package], status: &[Stanza], auto: &[String]) -> Vec<String> {
    let mut needed: Vec<String> = Vec::new();
    let mut todo: Vec<String> = status.iter().map(|s| s.package().to_string()).filter(|n| !auto.contains(n)).collect();
    while let Some(n) = todo.pop() {
        if needed.contains(&n) {
            continue;
        }
        if let Some(p) = find(cat, &n) {
            for d in p.depends.iter().chain(&p.recommends) {
                if let Some(q) = find(cat, d) {
                    todo.push(q.name.clone());
                }
            }
        }
        needed.push(n);
    }
    let mut out: Vec<String> =
        status.iter().map(|s| s.package().to_string()).filter(|n| auto.contains(n) && !needed.contains(n)).collect();
    crate::util::sort::sort(&mut out);
    out
}

fn autoremove(ctx: &mut Ctx<'_>, d: &Distro, o: &Opts) -> i32 {
    reading(ctx);
    let cat = catalogue(d);
    let status = dpkgdb::load_status(ctx.fs);
    let auto = dpkgdb::load_auto(ctx.fs);
    let doomed = unneeded_auto(cat, &status, &auto);
    let o2 = Opts { yes: o.yes, args: doomed.clone(), ..Opts::default() };
    finish_removal(ctx, cat, status, doomed, &o2, o.purge, false)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::shell::pkg::testutil::{run, tree_of};

    #[test]
    fn sizes_like_apt() {
        assert_eq!(size_to_str(845), "845 ");
        assert_eq!(size_to_str(63_100), "63.1 k");
        assert_eq!(size_to_str(3_285_000), "3285 k");
        assert_eq!(size_to_str(14_500_000), "14.5 M");
        assert_eq!(size_to_str(117_000_000), "117 M");
    }

    #[test]
    fn install_needs_update_first() {
        let mut t = tree_of("debian:bookworm");
        let (code, out, err) = run(&mut t, 0, &["apt-get", "install", "-y", "curl"]);
        assert_eq!(code, 100);
        assert_eq!(out, "Reading package lists...\nBuilding dependency tree...\nReading state information...\n");
        assert_eq!(err, "E: Unable to locate package curl\n");
    }

    #[test]
    fn update_install_and_clean_lists() {
        let mut t = tree_of("debian:bookworm");
        let base = t.content_size();
        let (code, out, _) = run(&mut t, 0, &["apt-get", "update"]);
        assert_eq!(code, 0);
        assert!(out.starts_with("Get:1 http://deb.debian.org/debian bookworm InRelease [151 kB]\n"), "{out}");
        assert!(out.contains("Get:4 http://deb.debian.org/debian bookworm/main amd64 Packages [8787 kB]\n"), "{out}");
        assert!(out.ends_with("Reading package lists...\n"));
        let lists: u64 = t.subtree(LISTS).filter(|(_, n)| n.is_file()).map(|(_, n)| n.size()).sum();
        assert!((9_000_000..20_000_000).contains(&lists), "{lists}");
        assert_eq!(t.content_size(), base + lists);
        let (code, out, _) = run(&mut t, 0, &["apt-get", "install", "curl"]);
        assert_eq!(code, 1);
        assert!(out.ends_with("Do you want to continue? [Y/n] Abort.\n"), "{out}");
        let (code, out, err) = run(&mut t, 0, &["apt-get", "install", "-y", "--no-install-recommends", "curl"]);
        assert_eq!(code, 0, "{err}");
        assert!(out.contains("The following NEW packages will be installed:\n  curl libbrotli1"), "{out}");
        assert!(out.contains("Recommended packages:\n  ca-certificates"), "{out}");
        assert!(out.contains("Setting up curl (7.88.1-10+deb12u7) ...\n"), "{out}");
        assert!(out.contains("newly installed, 0 to remove and 0 not upgraded.\nNeed to get "), "{out}");
        assert!(t.get("/usr/bin/curl").is_some());
        assert!(t.subtree(ARCHIVES).all(|(p, _)| !p.ends_with(".deb")), "docker-clean removes archives");
        let status = read_text(&t, dpkgdb::STATUS);
        assert!(status.contains("Package: curl\nStatus: install ok installed\n"));
        assert!(t.get("/var/lib/dpkg/info/curl.list").is_some());
        // The classic clean-up really removes the lists.
        t.remove_subtree(LISTS);
        let (code, _, err) = run(&mut t, 0, &["apt-get", "install", "-y", "wget"]);
        assert_eq!((code, err.as_str()), (100, "E: Unable to locate package wget\n"));
        // Removal reports what is no longer needed.
        let (code, out, _) = run(&mut t, 0, &["apt-get", "remove", "-y", "curl"]);
        assert_eq!(code, 0);
        assert!(out.contains("The following packages will be REMOVED:\n  curl\n"), "{out}");
        assert!(out.contains("Use 'apt autoremove' to remove them.\n"), "{out}");
        assert!(t.get("/usr/bin/curl").is_none());
    }

    #[test]
    fn purge_auto_remove_takes_the_dependencies() {
        let mut t = tree_of("debian:bookworm");
        let base = t.content_size();
        run(&mut t, 0, &["apt-get", "update"]);
        run(&mut t, 0, &["apt-get", "install", "-y", "gcc", "make"]);
        t.remove_subtree(LISTS);
        assert!(t.get("/usr/bin/cpp").is_some());
        let (code, out, _) = run(&mut t, 0, &["apt-get", "purge", "-y", "--auto-remove", "gcc", "make"]);
        assert_eq!(code, 0, "{out}");
        assert!(out.contains(" cpp* "), "{out}");
        assert!(!out.contains("Use 'apt autoremove'"), "{out}");
        assert!(t.get("/usr/bin/cpp").is_none());
        assert!(t.content_size() < base + 1_000_000, "{} vs {base}", t.content_size());
    }

    #[test]
    fn non_root_and_slim_excludes() {
        let mut t = tree_of("debian:bookworm-slim");
        let (code, _, err) = run(&mut t, 1000, &["apt-get", "install", "-y", "curl"]);
        assert_eq!(code, 100);
        assert!(
            err.starts_with("E: Could not open lock file /var/lib/dpkg/lock-frontend - open (13: Permission denied)\n")
        );
        run(&mut t, 0, &["apt-get", "update"]);
        let (code, _, _) = run(&mut t, 0, &["apt-get", "install", "-y", "git"]);
        assert_eq!(code, 0);
        assert!(t.get("/usr/bin/git").is_some());
        assert!(t.get("/usr/share/man/man1/git.1.gz").is_none(), "slim excludes man pages");
        let (_, out, err) = run(&mut t, 0, &["apt", "install", "-y", "tini"]);
        assert!(err.contains("WARNING: apt does not have a stable CLI interface."));
        assert!(out.contains("Setting up tini (0.19.0-1) ...\n"));
    }
}
