//! `dnf` on Fedora 41 and later, which is dnf5: `install [-y]`, `clean all`, `makecache`,
//! `upgrade`, in dnf5's own wording, 80 columns wide as it prints without a terminal:
//! "Updating and loading repositories:" with a progress line per repository (or none when
//! the cache under `/var/cache/libdnf5` is there), "Repositories loaded.", the
//! Package/Arch/Version/Repository/Size table (installed sizes, versions with the epoch),
//! "Transaction Summary:", "Total size of inbound packages is …", the `[n/N]` download and
//! transaction lines and "Complete!"; `clean all` says how many files and directories it
//! removed and their total size. Packages come from [`crate::catalog::repo`].

use super::yum::{arch, epoch_version, sorted};
use crate::catalog::distro::Distro;
use crate::catalog::install::{add_users, install_files, resolve, PathFilter};
use crate::catalog::model::{hash64, Package};
use crate::catalog::repo::{catalogue, find};
use crate::catalog::rpmdb::{self, RpmEntry};
use crate::shell::Ctx;
use crate::vfs::{Content, Meta};

/// Where dnf5 keeps repository metadata.
const CACHE: &str = "/var/cache/libdnf5";

/// The repositories the Fedora images enable (`fedora.repo`, `fedora-updates.repo`,
/// `fedora-cisco-openh264.repo`): id, the name dnf5 prints after `Fedora N`, metadata KiB
/// (primary, filelists-free as dnf5 loads them, comps and updateinfo; approximate).
const REPOS: [(&str, &str, u64); 3] = [
    ("fedora-cisco-openh264", " openh264 (From Cisco) - x86_64", 6),
    ("fedora", " - x86_64", 35_400),
    ("updates", " - x86_64 - Updates", 12_100),
];

/// `dnf` (dnf5) on `d`.
pub fn dnf5(ctx: &mut Ctx<'_>, d: &Distro, argv: &[String]) -> i32 {
    let yes = argv.iter().any(|a| a == "-y" || a == "--assumeyes");
    let words: Vec<&str> = argv[1..].iter().map(String::as_str).filter(|a| !a.starts_with('-')).collect();
    let Some(cmd) = words.first().copied() else {
        ctx.err("Missing command. Add \"--help\" for more information about the arguments.\n");
        return 2;
    };
    if ctx.uid != 0 && matches!(cmd, "install" | "clean" | "makecache" | "update" | "upgrade") {
        ctx.err("This command has to be run with superuser privileges (under the root user on most systems).\n");
        return 1;
    }
    match cmd {
        "install" => install(ctx, d, &words[1..], yes),
        "clean" => {
            let (files, dirs, bytes) = clean(ctx);
            ctx.out(&format!(
                "Removed {files} files, {dirs} directories (total of {}). 0 errors occurred.\n",
                whole(bytes)
            ));
            0
        }
        "makecache" => {
            load(ctx, d);
            ctx.out("Metadata cache created.\n");
            0
        }
        "update" | "upgrade" => {
            load(ctx, d);
            ctx.out("\nNothing to do.\n");
            0
        }
        other => {
            ctx.err(&format!(
                "Unknown argument \"{other}\" for command \"dnf5\". Add \"--help\" for more information about the arguments.\n"
            ));
            2
        }
    }
}

/// dnf5's sizes with one decimal (`38.0 KiB`, `  3.0   B`).
fn size(bytes: u64) -> String {
    let (v, unit) = scaled(bytes);
    format!("{v:>5.1} {unit:>3}")
}

/// dnf5's rounded sizes in its summary lines (`475 KiB`, `2 MiB`, `0 B`).
fn whole(bytes: u64) -> String {
    let (v, unit) = scaled(bytes);
    format!("{v:.0} {unit}")
}

fn scaled(bytes: u64) -> (f64, &'static str) {
    let mut v = bytes as f64;
    let mut unit = "B";
    for u in ["KiB", "MiB", "GiB"] {
        if v < 1024.0 {
            break;
        }
        v /= 1024.0;
        unit = u;
    }
    (v, unit)
}

/// A progress line: the label cut or padded to 39 columns, then 100%, speed, size, time.
fn progress(label: &str, bytes: u64, per_second: u64) -> String {
    let label: String = label.chars().take(39).collect();
    format!("{label:<39} 100% | {}/s | {} |  00m00s\n", size(per_second), size(bytes))
}

/// Loads the repositories: downloads (writes) their metadata the first time.
fn load(ctx: &mut Ctx<'_>, d: &Distro) {
    ctx.out("Updating and loading repositories:\n");
    let stamp = format!("{CACHE}/fedora-{:016x}/repodata/repomd.xml", hash64(b"fedora"));
    if ctx.fs.get(&stamp).is_none() {
        let meta = Meta { mode: 0o755, uid: 0, gid: 0, mtime: ctx.now };
        for (id, name, kib) in REPOS {
            let bytes = kib * 1024;
            ctx.out(&progress(&format!(" Fedora {}{name}", d.major()), bytes, bytes * 3));
            let dir = format!("{CACHE}/{id}-{:016x}", hash64(id.as_bytes()));
            let _ = ctx.fs.mkdir_all("/", &format!("{dir}/repodata"), meta);
            for (file, share) in
                [("repomd.xml", 1), ("primary.xml.zst", 60), ("comps.xml.zst", 9), ("updateinfo.xml.zst", 30)]
            {
                let path = format!("{dir}/repodata/{file}");
                let c = Content::synthetic((bytes * share / 100).max(1_500), hash64(path.as_bytes()), "dnf5 metadata");
                let _ = ctx.fs.write_file("/", &path, c, Meta { mode: 0o644, ..meta });
            }
            let solv = format!("{dir}/solv/{id}.solv");
            let _ = ctx.fs.mkdir_all("/", &format!("{dir}/solv"), meta);
            let c = Content::synthetic(bytes / 2 + 1_000, hash64(solv.as_bytes()), "libsolv cache");
            let _ = ctx.fs.write_file("/", &solv, c, Meta { mode: 0o644, ..meta });
        }
    }
    ctx.out("Repositories loaded.\n");
}

/// `dnf clean all`: removes the cache's contents; (files, directories, bytes).
fn clean(ctx: &mut Ctx<'_>) -> (usize, usize, u64) {
    let mut files = 0;
    let mut dirs = 0;
    let mut bytes = 0;
    for (p, n) in ctx.fs.subtree(CACHE) {
        if p.as_str() == CACHE {
            continue;
        }
        if n.is_dir() {
            dirs += 1;
        } else {
            files += 1;
            bytes += n.size();
        }
    }
    let kids: Vec<String> = ctx.fs.children(CACHE).map(|(n, _)| format!("{CACHE}/{n}")).collect();
    for k in kids {
        ctx.fs.remove_subtree(&k);
    }
    (files, dirs, bytes)
}

/// `name-epoch:version-release.arch` with the `0:` dnf5 prints for packages without one.
fn nevra(p: &Package) -> String {
    format!("{}-{}.{}", p.name, epoch_version(p), arch(p))
}

/// The repository a package comes from.
fn repo(p: &Package) -> &str {
    if p.section.is_empty() {
        "fedora"
    } else {
        &p.section
    }
}

/// `dnf install`.
fn install(ctx: &mut Ctx<'_>, d: &Distro, names: &[&str], yes: bool) -> i32 {
    load(ctx, d);
    let cat = catalogue(d);
    let mut db = rpmdb::load(ctx.fs);
    let mut requested = Vec::new();
    let mut missing = Vec::new();
    for n in names {
        if let Some(e) = db.iter().find(|e| e.name == *n) {
            ctx.out(&format!("Package \"{}\" is already installed.\n", e.nevra()));
            continue;
        }
        match find(cat, n) {
            Some(p) => requested.push(p),
            None => missing.push(*n),
        }
    }
    if !missing.is_empty() {
        let lines: String = missing.iter().map(|n| format!("No match for argument: {n}\n")).collect();
        ctx.err(&format!("Failed to resolve the transaction:\n{lines}You can try to add to command line:\n  --skip-unavailable to skip unavailable packages\n"));
        return 1;
    }
    if requested.is_empty() {
        ctx.out("\nNothing to do.\n");
        return 0;
    }
    let installed = |name: &str| db.iter().any(|e| e.name == name);
    let levels = resolve(cat, &requested, &installed);
    let all: Vec<&Package> = levels.iter().flatten().map(|(p, _)| *p).collect();
    let (main, deps): (Vec<&Package>, Vec<&Package>) =
        all.iter().partition(|p| requested.iter().any(|r| r.key == p.key));
    ctx.out(&table(&sorted(&main), &sorted(&deps)));
    let n = all.len();
    ctx.out(&format!(
        "\nTransaction Summary:\n {:<11}{n:>10} package{}\n\n",
        "Installing:",
        if n == 1 { "" } else { "s" }
    ));
    let download: u64 = all.iter().map(|p| p.download_size()).sum();
    let total: u64 = all.iter().map(|p| p.installed_size()).sum();
    ctx.out(&format!(
        "Total size of inbound packages is {}. Need to download {}.\nAfter this operation, {} extra will be used (install {}, remove 0 B).\n",
        whole(download),
        whole(download),
        whole(total),
        whole(total)
    ));
    if !yes {
        ctx.out("Is this ok [y/N]: ");
        ctx.err("Operation aborted by the user.\n");
        return 1;
    }
    let width = n.to_string().len();
    let counter = |i: usize, of: usize| format!("[{i:>width$}/{of}]", width = of.to_string().len().max(width));
    for (i, p) in all.iter().enumerate() {
        let s = p.download_size();
        ctx.out(&progress(&format!("{} {}", counter(i + 1, n), nevra(p)), s, s * 4));
    }
    ctx.out(&format!("{}\n", "-".repeat(80)));
    ctx.out(&progress(&format!("{} Total", counter(n, n)), download, download * 2));
    ctx.out("Running transaction\n");
    let steps = n + 2;
    ctx.out(&progress(&format!("{} Verify package files", counter(1, steps)), n as u64, 250));
    ctx.out(&progress(&format!("{} Prepare transaction", counter(2, steps)), n as u64, 21));
    let now = ctx.now;
    let order: Vec<&Package> = levels.iter().rev().flatten().map(|(p, _)| *p).collect();
    let filter = PathFilter::none();
    for (i, p) in order.iter().enumerate() {
        add_users(ctx.fs, &p.users, now);
        let paths = install_files(ctx.fs, p, &filter, now);
        db.push(RpmEntry::from_package(p, &paths, now));
        let s = p.installed_size();
        ctx.out(&progress(&format!("{} Installing {}", counter(i + 3, steps), nevra(p)), s, s * 20));
    }
    rpmdb::save(ctx.fs, &mut db, now);
    ctx.out("Complete!\n");
    0
}

/// dnf5's transaction table: Package, Arch, Version, Repository and Size columns that fill
/// 80 columns, wider when an entry needs it.
fn table(main: &[&Package], deps: &[&Package]) -> String {
    let all = || main.iter().chain(deps.iter());
    let name_w = all().map(|p| p.name.len() + 2).chain([25]).max().unwrap_or(25);
    let arch_w = all().map(|p| arch(p).len() + 2).chain([8]).max().unwrap_or(8);
    let ver_w = all().map(|p| p.version.len() + 2).chain([25]).max().unwrap_or(25);
    let repo_w = all().map(|p| repo(p).len() + 1).chain([10]).max().unwrap_or(10);
    let size_w = 80usize.saturating_sub(name_w + arch_w + ver_w + repo_w).max(10);
    let row = |p: &Package| {
        format!(
            " {:<a$}{:<b$}{:<c$}{:<r$}{:>s$}\n",
            p.name,
            arch(p),
            p.version,
            repo(p),
            size(p.installed_size()),
            a = name_w - 1,
            b = arch_w,
            c = ver_w,
            r = repo_w,
            s = size_w
        )
    };
    let mut out = format!(
        "{:<a$}{:<b$}{:<c$}{:<r$}{:>s$}\nInstalling:\n",
        "Package",
        "Arch",
        "Version",
        "Repository",
        "Size",
        a = name_w,
        b = arch_w,
        c = ver_w,
        r = repo_w,
        s = size_w
    );
    for p in main {
        out.push_str(&row(p));
    }
    if !deps.is_empty() {
        out.push_str("Installing dependencies:\n");
        for p in deps {
            out.push_str(&row(p));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_as_dnf5_prints_them() {
        assert_eq!(size(38_912), " 38.0 KiB");
        assert_eq!(size(3), "  3.0   B");
        assert_eq!(whole(486_400), "475 KiB");
        assert_eq!(whole(1_855_000), "2 MiB");
        assert_eq!(whole(0), "0 B");
    }

    #[test]
    fn progress_lines_are_eighty_columns() {
        let l = progress("[3/3] python3-snapm-0:0.7.0-1.fc42.noarch", 418_611, 2_097_152);
        assert_eq!(l, "[3/3] python3-snapm-0:0.7.0-1.fc42.noar 100% |   2.0 MiB/s | 408.8 KiB |  00m00s\n");
    }
}
