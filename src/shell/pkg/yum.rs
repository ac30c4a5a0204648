//! `yum` on the rpm family's images before Enterprise Linux 8 (CentOS 6 and 7; later
//! releases' `yum` is [`super::dnf`]):
//! `install [-y]`, `clean all`, `makecache`, `update`, `list installed`, `--version`.
//! Packages come from [`crate::catalog::repo`]; installs are recorded in the rpm database
//! ([`crate::catalog::rpmdb`]); the repository metadata yum fetches stays under
//! `/var/cache/yum` until `yum clean all`, so it bloats a layer as apt's lists do.

use crate::catalog::distro::{detect, Distro, Family};
use crate::catalog::install::{add_users, install_files, resolve, PathFilter};
use crate::catalog::model::{hash64, Package};
use crate::catalog::repo::{catalogue, find};
use crate::catalog::rpmdb::{self, RpmEntry};
use crate::shell::Ctx;
use crate::vfs::{Content, Meta};

/// A repository's metadata: its name, repomd size, and its files with their KiB.
type RepoMetadata = (&'static str, u64, Vec<(&'static str, u64)>);

/// The repositories of the CentOS images and the metadata yum keeps of each:
/// (repository, repomd size, [(file, size in KiB)]) for CentOS 6 and 7. Sizes are those of
/// the final 6.10 and 7.9.2009 trees' repodata (compressed primary database and its
/// decompressed `gen/` copy, approximate).
/// Amazon Linux 2 has the one repository `amzn2-core` (metadata sizes approximate).
fn repo_metadata(d: &Distro) -> Vec<RepoMetadata> {
    if d.codename == "amzn" {
        return vec![("amzn2-core", 3_600, vec![("group_gz", 3), ("updateinfo", 1_100), ("primary_db", 70_000)])];
    }
    let major = d.major();
    let (base_bz2, base_db, upd_bz2, upd_db) =
        if major == "6" { (4_500, 24_000, 6_700, 36_000) } else { (6_100, 31_000, 9_800, 52_000) };
    vec![
        ("base", 3_700, vec![("primary_db", base_bz2), ("gen/primary_db.sqlite", base_db), ("group_gz", 153)]),
        ("extras", 2_900, vec![("primary_db", 243), ("gen/primary_db.sqlite", 1_300)]),
        ("updates", 2_900, vec![("primary_db", upd_bz2), ("gen/primary_db.sqlite", upd_db)]),
    ]
}

/// Where epel-release puts EPEL's repository file.
const EPEL_REPO: &str = "/etc/yum.repos.d/epel.repo";

/// The repositories yum reads on `d`: the image's, and EPEL once epel-release has added
/// its repository file (EPEL 6's and 7's final metadata sizes, approximate).
fn enabled_repos(fs: &crate::vfs::Tree, d: &Distro) -> Vec<RepoMetadata> {
    let mut repos = repo_metadata(d);
    if d.codename != "amzn" && fs.get(EPEL_REPO).is_some() {
        let primary = if d.major() == "6" { 4_300 } else { 7_000 };
        repos.insert(1, ("epel", 4_700, vec![("group_gz", 100), ("updateinfo", 1_000), ("primary_db", primary)]));
    }
    repos
}

/// yum's size format (`836 k`, `1.2 M`).
pub fn yum_size(bytes: u64) -> String {
    let mut v = bytes as f64;
    let mut unit = " ";
    for u in ["k", "M", "G"] {
        if v < 1000.0 {
            break;
        }
        v /= 1024.0;
        unit = u;
    }
    if unit == " " {
        format!("{bytes}  ")
    } else if v < 10.0 {
        format!("{v:.1} {unit}")
    } else {
        format!("{v:.0} {unit}")
    }
}

/// `yum`.
/// The plugins yum loads: CentOS's fastestmirror, Amazon Linux 2's priorities.
fn plugins(d: &Distro) -> &'static str {
    if d.codename == "amzn" {
        "ovl, priorities"
    } else {
        "fastestmirror, ovl"
    }
}

/// The repository most packages come from.
fn main_repo(d: &Distro) -> &'static str {
    repo_metadata(d).first().map(|r| r.0).unwrap_or("base")
}

pub fn yum(ctx: &mut Ctx<'_>, argv: &[String]) -> i32 {
    let Some(d) = detect(ctx.fs).filter(|d| d.family == Family::Rpm) else {
        ctx.err("yum: command not found\n");
        return 127;
    };
    // From Enterprise Linux 8 on, `yum` is dnf.
    if d.major().parse::<u32>().is_ok_and(|m| m >= 8) {
        return super::dnf::dnf(ctx, &d, argv);
    }
    let yes = argv.iter().any(|a| a == "-y" || a == "--assumeyes");
    let words: Vec<&str> = argv[1..].iter().map(String::as_str).filter(|a| !a.starts_with('-')).collect();
    if argv.iter().any(|a| a == "--version") {
        return version(ctx);
    }
    let Some(cmd) = words.first().copied() else {
        ctx.err("You need to give some command\n");
        return 1;
    };
    if ctx.uid != 0 && cmd != "list" {
        ctx.err(&format!("Loaded plugins: {}\nYou need to be root to perform this command.\n", plugins(&d)));
        return 1;
    }
    ctx.out(&format!("Loaded plugins: {}\n", plugins(&d)));
    match cmd {
        "install" => install(ctx, &d, &words[1..], yes),
        "clean" => {
            clean(ctx, &d);
            0
        }
        "makecache" => {
            fetch_metadata(ctx, &d);
            ctx.out("Metadata Cache Created\n");
            0
        }
        "update" | "upgrade" => {
            fetch_metadata(ctx, &d);
            ctx.out("No packages marked for update\n");
            0
        }
        "list" => {
            ctx.out("Installed Packages\n");
            for e in rpmdb::load(ctx.fs).iter().filter(|e| e.arch != "(none)") {
                ctx.out(&format!("{:<40} {:<24} @CentOS\n", format!("{}.{}", e.name, e.arch), e.version));
            }
            0
        }
        other => {
            ctx.err(&format!("No such command: {other}. Please use /usr/bin/yum --help\n"));
            1
        }
    }
}

fn version(ctx: &mut Ctx<'_>) -> i32 {
    let db = rpmdb::load(ctx.fs);
    let Some(y) = db.iter().find(|e| e.name == "yum") else { return 1 };
    ctx.out(&format!("{}\n", crate::catalog::model::upstream(&y.version)));
    for name in ["rpm", "yum", "yum-plugin-fastestmirror"] {
        if let Some(e) = db.iter().find(|e| e.name == name) {
            let when = crate::util::time::rfc3339(e.installtime);
            ctx.out(&format!("  Installed: {} at {} {}\n\n", e.nevra(), &when[..10], &when[11..16]));
        }
    }
    0
}

fn cache_dir(d: &Distro) -> String {
    format!("/var/cache/yum/x86_64/{}", d.major())
}

/// Downloads (writes) the repository metadata unless it is cached.
fn fetch_metadata(ctx: &mut Ctx<'_>, d: &Distro) {
    let dir = cache_dir(d);
    let all = enabled_repos(ctx.fs, d);
    let first = ctx.fs.get(&format!("{dir}/{}/repomd.xml", main_repo(d))).is_none();
    let repos: Vec<RepoMetadata> =
        all.iter().filter(|r| ctx.fs.get(&format!("{dir}/{}/repomd.xml", r.0)).is_none()).cloned().collect();
    if repos.is_empty() {
        return;
    }
    let meta = Meta { mode: 0o755, uid: 0, gid: 0, mtime: ctx.now };
    if d.codename != "amzn" {
        ctx.out(if first { "Determining fastest mirrors\n" } else { "Loading mirror speeds from cached hostfile\n" });
        for (r, _, _) in &all {
            let host = if *r == "epel" { "mirrors.fedoraproject.org" } else { "mirror.centos.org" };
            ctx.out(&format!(" * {r}: {host}\n"));
        }
    }
    for (repo, size, _) in &repos {
        ctx.out(&format!("{repo:<57}| {:>6}B     00:00     \n", yum_size(*size)));
        let _ = ctx.fs.mkdir_all("/", &format!("{dir}/{repo}/packages"), meta);
        let _ = ctx.fs.write_file(
            "/",
            &format!("{dir}/{repo}/repomd.xml"),
            Content::synthetic(*size, hash64(repo.as_bytes()), "repomd.xml"),
            Meta { mode: 0o644, ..meta },
        );
    }
    let downloads: Vec<(&str, &str, u64)> = repos
        .iter()
        .flat_map(|(r, _, files)| files.iter().filter(|(f, _)| !f.starts_with("gen/")).map(move |(f, k)| (*r, *f, *k)))
        .collect();
    let n = downloads.len();
    for (i, (repo, file, kib)) in downloads.iter().enumerate() {
        let label = format!("({}/{n}): {repo}/{}/x86_64/{file}", i + 1, d.major());
        ctx.out(&format!("{label:<57}| {:>6}B   00:00     \n", yum_size(kib * 1024)));
    }
    for (repo, _, files) in &repos {
        for (file, kib) in files {
            let name = if file.starts_with("gen/") {
                file.to_string()
            } else {
                format!("{:016x}-{file}.sqlite.bz2", hash64(format!("{repo}{file}").as_bytes()))
            };
            let path = format!("{dir}/{repo}/{name}");
            let _ = ctx.fs.mkdir_all("/", &format!("{dir}/{repo}/gen"), meta);
            let _ = ctx.fs.write_file(
                "/",
                &path,
                Content::synthetic(kib * 1024, hash64(path.as_bytes()), "yum metadata"),
                Meta { mode: 0o644, ..meta },
            );
        }
    }
    let _ = ctx.fs.write_file(
        "/",
        &format!("{dir}/timedhosts.txt"),
        "mirror.centos.org 0.05\n".into(),
        Meta { mode: 0o644, ..meta },
    );
}

/// `yum clean all`: the metadata and packages of every repository.
fn clean(ctx: &mut Ctx<'_>, d: &Distro) {
    let repos: Vec<&str> = enabled_repos(ctx.fs, d).iter().map(|r| r.0).collect();
    ctx.out(&format!("Cleaning repos: {}\n", repos.join(" ")));
    let dir = cache_dir(d);
    let kids: Vec<String> = ctx.fs.children(&dir).map(|(n, _)| format!("{dir}/{n}")).collect();
    for k in kids {
        ctx.fs.remove_subtree(&k);
    }
    if d.codename == "amzn" {
        ctx.out("Cleaning up everything\nMaybe you want: rm -rf /var/cache/yum, to also free up space taken by orphaned data from disabled or removed repos\n");
    } else if d.major() == "6" {
        ctx.out("Cleaning up Everything\nCleaning up list of fastest mirrors\n");
    } else {
        ctx.out("Cleaning up list of fastest mirrors\n");
    }
}

/// Items two spaces apart, lines indented by two and kept within 80 columns.
fn wrap(items: &[String]) -> String {
    let mut out = String::new();
    let mut line = String::from(" ");
    for it in items {
        if line.len() > 1 && line.len() + 2 + it.len() > 80 {
            out.push_str(line.trim_end());
            out.push('\n');
            line = String::from(" ");
        }
        line.push_str(&format!(" {it} "));
    }
    out.push_str(line.trim_end());
    out.push('\n');
    out
}

pub(super) fn sorted<'a>(list: &[&'a Package]) -> Vec<&'a Package> {
    let mut l = list.to_vec();
    crate::util::sort::sort_by(&mut l, |a, b| a.name.cmp(&b.name));
    l
}

pub(super) fn nevra(p: &Package) -> String {
    format!("{}-{}.{}", p.name, p.version, arch(p))
}

/// `epoch:name-version-release.arch` as yum 3 names packages in its transaction, the
/// epoch only when the package has one.
fn envra(p: &Package) -> String {
    match p.version.split_once(':') {
        Some((epoch, v)) => format!("{epoch}:{}-{v}.{}", p.name, arch(p)),
        None => nevra(p),
    }
}

/// `epoch:version-release` as yum 3 prints it, `0:` for a package without an epoch.
pub(super) fn epoch_version(p: &Package) -> String {
    if p.version.contains(':') {
        p.version.clone()
    } else {
        format!("0:{}", p.version)
    }
}

pub(super) fn arch(p: &Package) -> &str {
    if p.arch.is_empty() {
        "x86_64"
    } else {
        &p.arch
    }
}

fn install(ctx: &mut Ctx<'_>, d: &Distro, names: &[&str], yes: bool) -> i32 {
    fetch_metadata(ctx, d);
    let cat = catalogue(d);
    let mut db = rpmdb::load(ctx.fs);
    let mut requested = Vec::new();
    for n in names {
        if let Some(e) = db.iter().find(|e| e.name == *n) {
            ctx.out(&format!("Package {} already installed and latest version\n", e.envra()));
            continue;
        }
        // EPEL's packages are there once epel-release has added its repository.
        match find(cat, n).filter(|p| p.section != "epel" || ctx.fs.get(EPEL_REPO).is_some()) {
            Some(p) => requested.push(p),
            None => ctx.out(&format!("No package {n} available.\n")),
        }
    }
    if requested.is_empty() {
        ctx.err("Error: Nothing to do\n");
        return 1;
    }
    let installed = |name: &str| db.iter().any(|e| e.name == name);
    let levels = resolve(cat, &requested, &installed);
    ctx.out("Resolving Dependencies\n");
    for level in &levels {
        ctx.out("--> Running transaction check\n");
        for (p, _) in level {
            ctx.out(&format!("---> Package {}.{} {} will be installed\n", p.name, arch(p), epoch_version(p)));
        }
        for (p, _) in level {
            for dep in &p.depends {
                if find(cat, dep).is_some_and(|q| !installed(&q.name)) {
                    ctx.out(&format!("--> Processing Dependency: {dep} for package: {}\n", envra(p)));
                }
            }
        }
    }
    ctx.out("--> Finished Dependency Resolution\n\nDependencies Resolved\n\n");
    let all: Vec<&Package> = levels.iter().flatten().map(|(p, _)| *p).collect();
    let (main, deps): (Vec<&Package>, Vec<&Package>) =
        all.iter().partition(|p| requested.iter().any(|r| r.key == p.key));
    let rule = "=".repeat(80);
    let row = |p: &Package| {
        format!(
            " {:<18}{:<13}{:<30}{:<11}{:>6}\n",
            p.name,
            arch(p),
            p.version,
            if p.section.is_empty() { main_repo(d) } else { p.section.as_str() },
            yum_size(p.download_size())
        )
    };
    ctx.out(&format!(
        "{rule}\n {:<18}{:<13}{:<30}{:<11}{:>6}\n{rule}\nInstalling:\n",
        "Package", "Arch", "Version", "Repository", "Size"
    ));
    for p in sorted(&main) {
        ctx.out(&row(p));
    }
    if !deps.is_empty() {
        ctx.out("Installing for dependencies:\n");
        for p in sorted(&deps) {
            ctx.out(&row(p));
        }
    }
    ctx.out(&format!("\nTransaction Summary\n{rule}\n"));
    if d.major() == "6" {
        ctx.out(&format!("Install       {} Package(s)\n\n", all.len()));
    } else {
        let plural = |n: usize| if n == 1 { "" } else { "s" };
        let dep = if deps.is_empty() {
            String::new()
        } else {
            format!(" (+{} Dependent package{})", deps.len(), plural(deps.len()))
        };
        ctx.out(&format!("Install  {} Package{}{dep}\n\n", main.len(), plural(main.len())));
    }
    let download: u64 = all.iter().map(|p| p.download_size()).sum();
    let size: u64 = all.iter().map(|p| p.installed_size()).sum();
    ctx.out(&format!("Total download size: {}\nInstalled size: {}\n", yum_size(download), yum_size(size)));
    if !yes {
        ctx.out("Is this ok [y/d/N]: Exiting on user command\nYour transaction was saved, rerun it with:\n yum load-transaction /tmp/yum_save_tx.yumtx\n");
        return 1;
    }
    ctx.out(if d.major() == "6" { "Downloading Packages:\n" } else { "Downloading packages:\n" });
    let now = ctx.now;
    let amzn = d.codename == "amzn";
    // Amazon Linux 2 signs with its own key (RPM-GPG-KEY-amazon-linux-2 of system-release).
    let (key_id, key_ver, key_user) = if d.major() == "6" {
        ("c105b9de", "c105b9de-4e0fd3a3", "CentOS-6 Key (CentOS 6 Official Signing Key) <centos-6-key@centos.org>")
    } else if amzn {
        ("c87f5b1a", "c87f5b1a-593863f8", "Amazon Linux <amazon-linux@amazon.com>")
    } else {
        ("f4a80eb5", "f4a80eb5-53a7ff4b", "CentOS-7 Key (CentOS 7 Official Signing Key) <security@centos.org>")
    };
    let imported = db.iter().any(|e| e.name == "gpg-pubkey");
    if !imported {
        let first = sorted(&all)[0];
        let file = nevra(first).replacen(&first.version, crate::catalog::model::without_epoch(&first.version), 1);
        if d.major() == "6" {
            ctx.err(&format!("warning: rpmts_HdrFromFdno: Header V3 RSA/SHA1 Signature, key ID {key_id}: NOKEY\n"));
        } else {
            ctx.err(&format!("warning: /var/cache/yum/x86_64/{}/{}/packages/{file}.rpm: Header V3 RSA/SHA256 Signature, key ID {key_id}: NOKEY\n", d.major(), main_repo(d)));
        }
        ctx.out(&format!("Public key for {file}.rpm is not installed\n"));
    }
    ctx.out(&format!(
        "{}\nTotal{:>50}B/s | {:>6}B  00:00:00     \n",
        "-".repeat(80),
        yum_size(download * 3),
        yum_size(download)
    ));
    if !imported {
        let release_pkg = if amzn { "system-release" } else { "centos-release" };
        let release = db.iter().find(|e| e.name == release_pkg).map(RpmEntry::envra).unwrap_or_default();
        let (m, id) = (d.major(), key_id.to_uppercase());
        if amzn {
            ctx.out(&format!("Retrieving key from file:///etc/pki/rpm-gpg/RPM-GPG-KEY-amazon-linux-2\nImporting GPG key 0x{id}:\n Userid     : \"{key_user}\"\n Package    : {release} (installed)\n From       : /etc/pki/rpm-gpg/RPM-GPG-KEY-amazon-linux-2\n"));
        } else if m == "6" {
            let origin = d.version_id.clone();
            ctx.out(&format!("Retrieving key from file:///etc/pki/rpm-gpg/RPM-GPG-KEY-CentOS-6\nImporting GPG key 0x{id}:\n Userid : {key_user}\n Package: {release} (@CentOS/{origin})\n From   : /etc/pki/rpm-gpg/RPM-GPG-KEY-CentOS-6\n"));
        } else {
            ctx.out(&format!("Retrieving key from file:///etc/pki/rpm-gpg/RPM-GPG-KEY-CentOS-{m}\nImporting GPG key 0x{id}:\n Userid     : \"{key_user}\"\n Package    : {release} (@CentOS)\n From       : /etc/pki/rpm-gpg/RPM-GPG-KEY-CentOS-{m}\n"));
        }
        db.push(RpmEntry {
            name: "gpg-pubkey".into(),
            version: key_ver.into(),
            arch: "(none)".into(),
            summary: format!("gpg({key_user})"),
            installtime: now,
            ..RpmEntry::default()
        });
    }
    if d.major() == "6" {
        ctx.out("Running rpm_check_debug\nRunning Transaction Test\nTransaction Test Succeeded\nRunning Transaction\n");
    } else {
        ctx.out(
            "Running transaction check\nRunning transaction test\nTransaction test succeeded\nRunning transaction\n",
        );
    }
    let n = all.len();
    let order: Vec<&Package> = levels.iter().rev().flatten().map(|(p, _)| *p).collect();
    let filter = PathFilter::none();
    for (i, p) in order.iter().enumerate() {
        ctx.out(&format!("  Installing : {:<62}{:>3}/{n} \n", envra(p), i + 1));
        add_users(ctx.fs, &p.users, now);
        let paths = install_files(ctx.fs, p, &filter, now);
        db.push(RpmEntry::from_package(p, &paths, now));
    }
    for (i, p) in order.iter().enumerate() {
        ctx.out(&format!("  Verifying  : {:<62}{:>3}/{n} \n", envra(p), i + 1));
    }
    rpmdb::save(ctx.fs, &mut db, now);
    let line = |p: &Package| format!("{}.{} {}", p.name, arch(p), epoch_version(p));
    ctx.out(&format!("\nInstalled:\n{}\n", wrap(&sorted(&main).iter().map(|p| line(p)).collect::<Vec<_>>())));
    if !deps.is_empty() {
        ctx.out(&format!(
            "Dependency Installed:\n{}\n",
            wrap(&sorted(&deps).iter().map(|p| line(p)).collect::<Vec<_>>())
        ));
    }
    let log = "/var/log/yum.log".to_string();
    let mut text = crate::catalog::install::read_text(ctx.fs, &log);
    for p in &order {
        text.push_str(&format!("Installed: {}.{}\n", p.name, arch(p)));
    }
    let _ = ctx.fs.write_file("/", &log, text.into(), Meta { mode: 0o600, uid: 0, gid: 0, mtime: now });
    ctx.out("Complete!\n");
    0
}

#[cfg(test)]
mod tests {
    use super::super::testutil::{run, tree_of};
    use super::*;

    #[test]
    fn installs_httpd_with_dependencies_and_cleans_the_cache() {
        let mut t = tree_of("centos:6");
        let (code, out, _) = run(&mut t, 0, &["yum", "install", "-y", "httpd"]);
        assert_eq!(code, 0, "{out}");
        assert!(out.starts_with("Loaded plugins: fastestmirror, ovl\n"), "{out}");
        assert!(out.contains("---> Package httpd.x86_64 0:2.2.15-69.el6.centos will be installed"), "{out}");
        assert!(out.contains("Installing for dependencies:\n apr "), "{out}");
        assert!(out.ends_with("Complete!\n"), "{out}");
        assert!(rpmdb::load(&t).iter().any(|e| e.name == "apr-util-ldap"));
        assert!(t.get("/usr/sbin/httpd").is_some());
        let cache = t.content_size();
        let (code, out, _) = run(&mut t, 0, &["yum", "clean", "all"]);
        assert_eq!(code, 0);
        assert!(out.contains("Cleaning repos: base extras updates"), "{out}");
        assert!(t.content_size() + 20_000_000 < cache);
        let (code, out, _) = run(&mut t, 0, &["yum", "install", "-y", "nosuch"]);
        assert_eq!(code, 1);
        assert!(out.contains("No package nosuch available."), "{out}");
    }

    #[test]
    fn sizes_like_yum() {
        assert_eq!(yum_size(124 * 1024), "124 k");
        assert_eq!(yum_size(1_300_000), "1.2 M");
    }
}
