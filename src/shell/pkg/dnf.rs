//! `dnf` (and `yum`, which is dnf there) on Enterprise Linux 8 and later (Rocky Linux) and
//! Amazon Linux 2023 (Fedora's dnf5 is [`super::dnf5`]):
//! `install [-y]`, `clean all`, `makecache`, `update`, `--version`, with dnf 4's own
//! wording: the repositories' metadata download lines, or "Last metadata expiration
//! check" when the cache under `/var/cache/dnf` is there; "Dependencies resolved.", the
//! Package/Architecture/Version/Repository/Size table, "Transaction Summary", the
//! Preparing/Installing/Verifying lines and "Complete!"; `clean all` counts the files it
//! removes. Packages come from [`crate::catalog::repo`] (`s` names a package's
//! repository) and are recorded in the rpm database.

use super::yum::{arch, nevra, sorted, yum_size};
use crate::catalog::distro::Distro;
use crate::catalog::install::{add_users, install_files, resolve, PathFilter};
use crate::catalog::model::{hash64, Package};
use crate::catalog::repo::{catalogue, find};
use crate::catalog::rpmdb::{self, RpmEntry};
use crate::shell::Ctx;
use crate::vfs::{Content, Meta};

/// Where dnf keeps repository metadata.
const CACHE: &str = "/var/cache/dnf";

/// The repositories enabled in the Rocky Linux images and their metadata sizes in KiB
/// (repomd, primary, filelists, comps, updateinfo and modules; Rocky Linux 9.3's
/// repositories, approximate): (id, name, KiB).
const REPOS: [(&str, &str, u64); 3] =
    [("baseos", "BaseOS", 2_250), ("appstream", "AppStream", 7_580), ("extras", "Extras", 14)];

/// The repository of the Amazon Linux 2023 image (`amazonlinux.repo`; metadata size
/// approximate).
const REPOS_AMZN: [(&str, &str, u64); 1] = [("amazonlinux", "Amazon Linux 2023 repository", 25_000)];

/// The enabled repositories of `d` as (id, the label dnf prints, metadata KiB).
fn repos(d: &Distro) -> Vec<(&'static str, String, u64)> {
    match d.codename.as_str() {
        "amzn" => REPOS_AMZN.iter().map(|&(id, name, kib)| (id, name.to_string(), kib)).collect(),
        _ => REPOS.iter().map(|&(id, name, kib)| (id, format!("Rocky Linux {} - {name}", d.major()), kib)).collect(),
    }
}

/// `dnf` / `yum` on `d`.
pub fn dnf(ctx: &mut Ctx<'_>, d: &Distro, argv: &[String]) -> i32 {
    let yes = argv.iter().any(|a| a == "-y" || a == "--assumeyes");
    let words: Vec<&str> = argv[1..].iter().map(String::as_str).filter(|a| !a.starts_with('-')).collect();
    if argv.iter().any(|a| a == "--version") {
        return version(ctx);
    }
    if rpmdb::load(ctx.fs).iter().any(|e| e.name == "dnf5") {
        return super::dnf5::dnf5(ctx, d, argv);
    }
    let Some(cmd) = words.first().copied() else {
        ctx.err("usage: dnf [options] COMMAND\n");
        return 1;
    };
    if ctx.uid != 0 && matches!(cmd, "install" | "clean" | "makecache" | "update" | "upgrade") {
        ctx.err("Error: This command has to be run with superuser privileges (under the root user on most systems).\n");
        return 1;
    }
    match cmd {
        "install" => install(ctx, d, &words[1..], yes),
        "clean" => {
            let n = clean(ctx);
            ctx.out(&format!("{n} file{} removed\n", if n == 1 { "" } else { "s" }));
            0
        }
        "makecache" => {
            metadata(ctx, d);
            ctx.out("Metadata cache created.\n");
            0
        }
        "update" | "upgrade" => {
            metadata(ctx, d);
            ctx.out("Dependencies resolved.\nNothing to do.\nComplete!\n");
            0
        }
        other => {
            ctx.err(&format!("No such command: {other}. Please use /usr/bin/dnf --help\nIt could be a DNF plugin command, try: \"dnf install 'dnf-command({other})'\"\n"));
            1
        }
    }
}

/// `dnf --version`: dnf's version and when rpm and dnf were installed; dnf5 (Fedora 41
/// and later) names itself and its library instead.
fn version(ctx: &mut Ctx<'_>) -> i32 {
    let db = rpmdb::load(ctx.fs);
    if let Some(v) = db.iter().find(|e| e.name == "dnf5") {
        let v = crate::catalog::model::upstream(&v.version);
        ctx.out(&format!(
            "dnf5 version {v}\ndnf5 plugin API version 2.0\nlibdnf5 version {v}\nlibdnf5 plugin API version 2.2\n"
        ));
        return 0;
    }
    let Some(v) = db.iter().find(|e| e.name == "dnf") else { return 1 };
    ctx.out(&format!("{}\n", crate::catalog::model::upstream(&v.version)));
    for name in ["dnf", "rpm"] {
        if let Some(e) = db.iter().find(|e| e.name == name) {
            ctx.out(&format!("  Installed: {}-0:{}.{} at {}\n", e.name, e.version, e.arch, ctime(e.installtime)));
        }
    }
    0
}

/// `Sun Nov 29 11:50:00 2026`, as dnf prints times in the C locale.
fn ctime(secs: i64) -> String {
    let t = crate::util::time::rfc3339(secs);
    let days = secs.div_euclid(86_400);
    let (y, m, day) = crate::util::time::civil_from_days(days);
    let wd = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"][days.rem_euclid(7) as usize];
    let mon = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][(m - 1) as usize];
    format!("{wd} {mon} {day:>2} {} {y}", &t[11..19])
}

/// Downloads (writes) the repositories' metadata, or says when it was last checked.
fn metadata(ctx: &mut Ctx<'_>, d: &Distro) {
    let stamp = format!("{CACHE}/last_makecache");
    if let Some(n) = ctx.fs.get(&stamp) {
        let then = n.meta.mtime;
        let ago = (ctx.now - then).max(0);
        ctx.out(&format!(
            "Last metadata expiration check: {}:{:02}:{:02} ago on {}.\n",
            ago / 3600,
            ago / 60 % 60,
            ago % 60,
            ctime(then)
        ));
        return;
    }
    let meta = Meta { mode: 0o755, uid: 0, gid: 0, mtime: ctx.now };
    for (id, label, kib) in repos(d) {
        let size = kib * 1024;
        ctx.out(&format!("{label:<48} {:>5}B/s | {:>5}B     00:01    \n", yum_size(size * 3 / 2), yum_size(size)));
        let dir = format!("{CACHE}/{id}-{:016x}", hash64(id.as_bytes()));
        let _ = ctx.fs.mkdir_all("/", &format!("{dir}/repodata"), meta);
        let _ = ctx.fs.mkdir_all("/", &format!("{dir}/packages"), meta);
        for (file, share) in [("repomd.xml", 1), ("primary.xml.gz", 30), ("filelists.xml.gz", 55), ("comps.xml", 14)] {
            let path = format!("{dir}/repodata/{:016x}-{file}", hash64(format!("{id}{file}").as_bytes()));
            let c = Content::synthetic((size * share / 100).max(2_000), hash64(path.as_bytes()), "dnf metadata");
            let _ = ctx.fs.write_file("/", &path, c, Meta { mode: 0o644, ..meta });
        }
        let solv = format!("{CACHE}/{id}.solv");
        let c = Content::synthetic(size / 2 + 1_000, hash64(solv.as_bytes()), "libsolv cache");
        let _ = ctx.fs.write_file("/", &solv, c, Meta { mode: 0o644, ..meta });
    }
    let _ = ctx.fs.write_file("/", &format!("{CACHE}/expired_repos.json"), "[]".into(), Meta { mode: 0o644, ..meta });
    let _ = ctx.fs.write_file("/", &stamp, Content::default(), Meta { mode: 0o644, ..meta });
}

/// `dnf clean all`: removes the cache's files and says how many.
fn clean(ctx: &mut Ctx<'_>) -> usize {
    let files = ctx.fs.subtree(CACHE).filter(|(p, n)| p.as_str() != CACHE && !n.is_dir()).count();
    let kids: Vec<String> = ctx.fs.children(CACHE).map(|(n, _)| format!("{CACHE}/{n}")).collect();
    for k in kids {
        ctx.fs.remove_subtree(&k);
    }
    files
}

/// The repository a package comes from.
fn repo(p: &Package) -> &str {
    if p.section.is_empty() {
        "appstream"
    } else {
        &p.section
    }
}

/// `dnf install`.
fn install(ctx: &mut Ctx<'_>, d: &Distro, names: &[&str], yes: bool) -> i32 {
    metadata(ctx, d);
    let cat = catalogue(d);
    let mut db = rpmdb::load(ctx.fs);
    let mut requested = Vec::new();
    let mut missing = Vec::new();
    for n in names {
        if let Some(e) = db.iter().find(|e| e.name == *n) {
            ctx.out(&format!("Package {} is already installed.\n", e.nevra_with_epoch()));
            continue;
        }
        match find(cat, n) {
            Some(p) => requested.push(p),
            None => {
                ctx.out(&format!("No match for argument: {n}\n"));
                missing.push(*n);
            }
        }
    }
    if !missing.is_empty() {
        ctx.err(&format!("Error: Unable to find a match: {}\n", missing.join(" ")));
        return 1;
    }
    if requested.is_empty() {
        ctx.out("Dependencies resolved.\nNothing to do.\nComplete!\n");
        return 0;
    }
    let installed = |name: &str| db.iter().any(|e| e.name == name);
    let levels = resolve(cat, &requested, &installed);
    let all: Vec<&Package> = levels.iter().flatten().map(|(p, _)| *p).collect();
    let (main, deps): (Vec<&Package>, Vec<&Package>) =
        all.iter().partition(|p| requested.iter().any(|r| r.key == p.key));
    ctx.out("Dependencies resolved.\n");
    ctx.out(&table(&sorted(&main), &sorted(&deps)));
    let n = all.len();
    ctx.out(&format!("\nTransaction Summary\n{}\nInstall  {n} Package{}\n\n", "=".repeat(80), plural(n)));
    let download: u64 = all.iter().map(|p| p.download_size()).sum();
    let size: u64 = all.iter().map(|p| p.installed_size()).sum();
    ctx.out(&format!("Total download size: {}\nInstalled size: {}\n", yum_size(download), yum_size(size)));
    if !yes {
        ctx.out("Is this ok [y/N]: ");
        ctx.err("Operation aborted.\n");
        return 1;
    }
    ctx.out("Downloading Packages:\n");
    for (i, p) in sorted(&all).iter().enumerate() {
        // Package files are named without the epoch.
        let file = nevra(p).replacen(
            &format!("-{}", p.version),
            &format!("-{}", crate::catalog::model::without_epoch(&p.version)),
            1,
        );
        let label = format!("({}/{n}): {file}.rpm", i + 1);
        let s = p.download_size();
        ctx.out(&format!("{label:<48} {:>5}B/s | {:>5}B     00:00    \n", yum_size(s * 4), yum_size(s)));
    }
    ctx.out(&format!(
        "{}\n{:<48} {:>5}B/s | {:>5}B     00:01     \n",
        "-".repeat(80),
        "Total",
        yum_size(download * 2),
        yum_size(download)
    ));
    ctx.out("Running transaction check\nTransaction check succeeded.\nRunning transaction test\nTransaction test succeeded.\nRunning transaction\n");
    ctx.out(&format!("  {:<17}: {:<53}{:>3}/1 \n", "Preparing", "", 1));
    let now = ctx.now;
    let order: Vec<&Package> = levels.iter().rev().flatten().map(|(p, _)| *p).collect();
    let filter = PathFilter::none();
    for (i, p) in order.iter().enumerate() {
        if !p.users.is_empty() {
            ctx.out(&format!("  {:<17}: {:<53}{:>3}/{n} \n", "Running scriptlet", nevra(p), i + 1));
        }
        ctx.out(&format!("  {:<17}: {:<53}{:>3}/{n} \n", "Installing", nevra(p), i + 1));
        add_users(ctx.fs, &p.users, now);
        let paths = install_files(ctx.fs, p, &filter, now);
        db.push(RpmEntry::from_package(p, &paths, now));
    }
    for (i, p) in order.iter().enumerate() {
        ctx.out(&format!("  {:<17}: {:<53}{:>3}/{n} \n", "Verifying", nevra(p), i + 1));
    }
    rpmdb::save(ctx.fs, &mut db, now);
    ctx.out(&format!("\nInstalled:\n{}\n", columns(&sorted(&all).iter().map(|p| nevra(p)).collect::<Vec<_>>())));
    ctx.out("Complete!\n");
    0
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// dnf's transaction table, 80 columns wide: the columns fit their longest entry and
/// share what is left over.
fn table(main: &[&Package], deps: &[&Package]) -> String {
    let rows: Vec<[String; 5]> = main
        .iter()
        .chain(deps.iter())
        .map(|p| {
            [p.name.clone(), arch(p).to_string(), p.version.clone(), repo(p).to_string(), yum_size(p.download_size())]
        })
        .collect();
    let head = ["Package", "Architecture", "Version", "Repository", "Size"];
    let mut w: Vec<usize> =
        (0..5).map(|i| rows.iter().map(|r| r[i].len()).chain([head[i].len()]).max().unwrap_or(0)).collect();
    let used: usize = w.iter().sum::<usize>() + 5;
    let spare = 80usize.saturating_sub(used);
    for (i, share) in [(0, 3), (1, 2), (2, 3), (3, 2)] {
        w[i] += spare * share / 10;
    }
    let line = |r: &[String; 5]| {
        format!(
            " {:<a$} {:<b$} {:<c$} {:<d$} {:>e$}\n",
            r[0],
            r[1],
            r[2],
            r[3],
            r[4],
            a = w[0],
            b = w[1],
            c = w[2],
            d = w[3],
            e = w[4]
        )
    };
    let rule = "=".repeat(80);
    let mut out = format!("{rule}\n{}{rule}\nInstalling:\n", line(&head.map(String::from)));
    for r in &rows[..main.len()] {
        out.push_str(&line(r));
    }
    if !deps.is_empty() {
        out.push_str("Installing dependencies:\n");
        for r in &rows[main.len()..] {
            out.push_str(&line(r));
        }
    }
    // Enterprise Linux 8 enables the module streams its AppStream packages come from.
    let mut streams: Vec<&str> = Vec::new();
    for m in main.iter().chain(deps.iter()).map(|p| p.module.as_str()) {
        if !m.is_empty() && !streams.contains(&m) {
            streams.push(m);
        }
    }
    if !streams.is_empty() {
        out.push_str("Enabling module streams:\n");
        for m in streams {
            let (name, stream) = m.split_once(':').unwrap_or((m, ""));
            out.push_str(&line(&[name.into(), stream.into(), String::new(), String::new(), String::new()]));
        }
    }
    out
}

/// Items in as many aligned columns as fit 80 columns, indented by two.
fn columns(items: &[String]) -> String {
    let w = items.iter().map(String::len).max().unwrap_or(0) + 2;
    let per = (78 / w.max(1)).max(1);
    items
        .chunks(per)
        .map(|row| {
            let cells: Vec<String> = row.iter().map(|s| format!("{s:<w$}")).collect();
            format!("  {}\n", cells.concat().trim_end())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ctime_is_the_c_locale_form() {
        assert_eq!(ctime(1_750_000_000), "Sun Jun 15 15:06:40 2025");
        assert_eq!(ctime(0), "Thu Jan  1 00:00:00 1970");
    }

    #[test]
    fn columns_fit_eighty() {
        let items: Vec<String> = (0..5).map(|i| format!("package-{i}-1.0-1.el9.x86_64")).collect();
        let out = columns(&items);
        assert!(out.lines().all(|l| l.len() <= 80 && l.starts_with("  ")), "{out}");
        assert_eq!(out.lines().count(), 3);
    }
}
