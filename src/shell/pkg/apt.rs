//! `apt-get` and `apt`: package lists in `/var/lib/apt/lists`, dependency resolution with
//! recommends, `.deb` downloads to `/var/cache/apt/archives` (removed again by the official
//! images' `docker-clean` hook), and dpkg's database updates. The commands, their options
//! and `update` are here; `install` and `clean` in [`install`], `remove`, `purge` and
//! `autoremove` in [`remove`].

use crate::catalog::distro::{detect, Distro, Family};
use crate::catalog::dpkgdb;
use crate::catalog::model::hash64;
use crate::shell::Ctx;
use crate::vfs::{Content, Meta};

const LISTS: &str = "/var/lib/apt/lists";
const ARCHIVES: &str = "/var/cache/apt/archives";
const DOCKER_CLEAN: &str = "/etc/apt/apt.conf.d/docker-clean";

use super::apt_lists::indexes;

mod install;
mod remove;

use install::{clean, install};
use remove::{autoremove, remove};

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
    /// `-q` (1), `-qq` (2), `-q=N`: at 2, nothing but errors, and yes to every question.
    quiet: u32,
    cmd: String,
    args: Vec<String>,
}

fn parse_opts(argv: &[String]) -> Opts {
    let mut o = Opts { recommends: true, ..Opts::default() };
    let mut it = argv.iter().skip(1);
    while let Some(a) = it.next() {
        if let Some(level) = a.strip_prefix("-q=").or_else(|| a.strip_prefix("--quiet=")) {
            o.quiet = level.parse().unwrap_or(1);
            continue;
        }
        if a == "--quiet" {
            o.quiet += 1;
            continue;
        }
        // Bundled short flags (`-qq`, `-yqq`); `-oAcquire::…` is an option, not flags.
        if a.len() > 1 && a.starts_with('-') && !a.starts_with("--") && !a.starts_with("-o") {
            o.quiet += a.matches('q').count() as u32;
        }
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
    let mut o = parse_opts(argv);
    if o.quiet < 2 {
        return run_with(ctx, o, is_apt);
    }
    // apt-get(8): "quiet level 2 implies -y".
    o.yes = true;
    let was = std::mem::replace(&mut ctx.io.discard_out, true);
    let code = run_with(ctx, o, is_apt);
    ctx.io.discard_out = was;
    code
}

fn run_with(ctx: &mut Ctx<'_>, o: Opts, is_apt: bool) -> i32 {
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
    // The lock each command takes first: the lists', the archives', or dpkg's frontend lock.
    let lock = match o.cmd.as_str() {
        "update" => "/var/lib/apt/lists/lock",
        "clean" | "autoclean" => "/var/cache/apt/archives/lock",
        _ => "/var/lib/dpkg/lock-frontend",
    };
    if needs_root && ctx.uid != 0 && o.cmd == "update" {
        ctx.out("Reading package lists...\n");
        ctx.err("E: List directory /var/lib/apt/lists/partial is missing. - Acquire (13: Permission denied)\n");
        return 100;
    }
    let refused = match (needs_root, ctx.uid) {
        (false, _) => None,
        (true, 0) => ctx.fs.writable(lock).err().map(|_| "30: Read-only file system"),
        (true, _) => Some("13: Permission denied"),
    };
    if let Some(why) = refused {
        ctx.err(&format!("E: Could not open lock file {lock} - open ({why})\n"));
        match lock {
            "/var/lib/dpkg/lock-frontend" => {
                ctx.err("E: Unable to acquire the dpkg frontend lock (/var/lib/dpkg/lock-frontend), are you root?\n")
            }
            _ => ctx.err(&format!("E: Unable to lock directory {}/\n", crate::vfs::path::parent(lock))),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::install::read_text;
    use crate::shell::pkg::testutil::{run, tree_of};

    #[test]
    fn qq_prints_nothing_but_errors_and_says_yes() {
        let mut t = tree_of("debian:bookworm-slim");
        let (code, out, _) = run(&mut t, 0, &["apt-get", "update", "-qq"]);
        assert_eq!((code, out.as_str()), (0, ""));
        let (code, out, _) = run(&mut t, 0, &["apt-get", "-qq", "install", "curl"]);
        assert_eq!((code, out.as_str()), (0, ""), "-qq implies -y");
        assert!(t.lookup("/", "/usr/bin/curl", true).is_ok());
        let (code, out, err) = run(&mut t, 0, &["apt-get", "install", "-qq", "-y", "nosuchpackage"]);
        assert_eq!((code, out.as_str(), err.as_str()), (100, "", "E: Unable to locate package nosuchpackage\n"));
        let (_, out, _) = run(&mut t, 0, &["apt-get", "-q", "-oAcquire::Retries=3", "update"]);
        assert!(out.contains("Reading package lists..."), "-q keeps the log lines: {out}");
    }

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
