//! `apt-get install`: resolution with recommends, the summary apt prints, `.deb` downloads
//! to the archives cache, unpacking into the tree and dpkg's database; and `apt-get clean`.

use super::{
    arg_name, fetch_stats, lists_present, reading, size_to_str, wrapped, write_bin_caches, Opts, ARCHIVES, DOCKER_CLEAN,
};
use crate::catalog::distro::{Distro, Family};
use crate::catalog::dpkgdb::{self, Stanza};
use crate::catalog::install::{add_users, install_files, read_text, PathFilter};
use crate::catalog::model::{hash64, Package};
use crate::catalog::repo::{catalogue, find};
use crate::shell::Ctx;
use crate::vfs::{Content, Meta};

pub(super) fn install(ctx: &mut Ctx<'_>, d: &Distro, o: &Opts) -> i32 {
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
    let main = format!("{}/main", d.codename);
    let now = ctx.now;
    let _ = ctx.fs.mkdir_all("/", &format!("{ARCHIVES}/partial"), Meta { mode: 0o700, uid: 42, gid: 0, mtime: now });
    let mut debs = Vec::new();
    for (i, p) in order.iter().enumerate() {
        let arch = if p.arch.is_empty() { "amd64" } else { p.arch.as_str() };
        let suite = if p.suite.is_empty() { main.as_str() } else { p.suite.as_str() };
        ctx.out(&format!(
            "Get:{} {} {suite} amd64 {} {arch} {} [{}B]\n",
            i + 1,
            mirror(d.family, suite),
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

pub(super) fn count_db(ctx: &Ctx<'_>) -> usize {
    let mut n = 0;
    for (p, node) in ctx.fs.subtree("/var/lib/dpkg/info") {
        if node.is_file() && p.ends_with(".list") {
            n += read_text(ctx.fs, p).lines().count().saturating_sub(1);
        }
    }
    n
}

pub(super) fn save_status(ctx: &mut Ctx<'_>, status: &[Stanza]) {
    let now = ctx.now;
    let meta = Meta { mode: 0o644, uid: 0, gid: 0, mtime: now };
    let old = read_text(ctx.fs, dpkgdb::STATUS);
    let _ = ctx.fs.write_file("/", "/var/lib/dpkg/status-old", old.into(), meta);
    let _ = ctx.fs.write_file("/", dpkgdb::STATUS, dpkgdb::render(status).into(), meta);
}

pub(super) fn log(ctx: &mut Ctx<'_>, line: &str) {
    let now = ctx.now;
    let meta = Meta { mode: 0o644, uid: 0, gid: 0, mtime: now };
    let _ = ctx.fs.mkdir_all("/", "/var/log/apt", Meta { mode: 0o755, uid: 0, gid: 0, mtime: now });
    let mut h = read_text(ctx.fs, "/var/log/apt/history.log");
    h.push_str(&format!("\nStart-Date: {now}\nCommandline: apt-get install\n{line}\nEnd-Date: {now}\n"));
    let _ = ctx.fs.write_file("/", "/var/log/apt/history.log", h.into(), meta);
}

/// `apt-get clean`: the downloaded archives and binary caches.
pub(super) fn clean(ctx: &mut Ctx<'_>) {
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

/// The repository a package of `suite` (`focal-updates/main`) comes from: the security
/// archive for `-security` suites, the release's archive otherwise (as the images'
/// `sources.list` name them).
fn mirror(family: Family, suite: &str) -> &'static str {
    let security = suite.split('/').next().is_some_and(|s| s.ends_with("-security"));
    match (family, security) {
        (Family::Debian, false) => "http://deb.debian.org/debian",
        (Family::Debian, true) => "http://deb.debian.org/debian-security",
        (_, false) => "http://archive.ubuntu.com/ubuntu",
        (_, true) => "http://security.ubuntu.com/ubuntu",
    }
}
