//! `microdnf` on the minimal Enterprise Linux images (`rockylinux:9-minimal`, the base of
//! the `mysql` images): `install [-y]`, `clean all`, `update`, `--version`, in microdnf 3's
//! wording: a "Downloading metadata..." line per repository, the Package/Repository/Size
//! table, "Transaction Summary:" with its six counts, "Downloading packages...",
//! "Running transaction test...", one `Installing: name;version;arch;repo` line per package
//! and "Complete.". Packages come from the release's catalogue, as for [`super::dnf`]; its
//! metadata is kept under `/var/cache/yum` until `microdnf clean all`.

use super::yum::{arch, sorted};
use crate::catalog::distro::{detect, Family};
use crate::catalog::install::{add_users, install_files, resolve, PathFilter};
use crate::catalog::model::{hash64, Package};
use crate::catalog::repo::{catalogue, find};
use crate::catalog::rpmdb::{self, RpmEntry};
use crate::shell::Ctx;
use crate::vfs::{Content, Meta};

/// Where microdnf keeps repository metadata.
const CACHE: &str = "/var/cache/yum/metadata";

/// The enabled repositories and their metadata sizes in KiB (as [`super::dnf`]'s).
const REPOS: [(&str, u64); 3] = [("baseos", 2_250), ("appstream", 7_580), ("extras", 14)];

/// `microdnf`.
pub fn microdnf(ctx: &mut Ctx<'_>, argv: &[String]) -> i32 {
    let Some(d) = detect(ctx.fs).filter(|d| d.family == Family::Rpm) else {
        ctx.err("microdnf: command not found\n");
        return 127;
    };
    if argv.iter().any(|a| a == "--version") {
        let v = rpmdb::load(ctx.fs).into_iter().find(|e| e.name == "microdnf").map(|e| e.version);
        ctx.out(&format!("{}\n", crate::catalog::model::upstream(&v.unwrap_or_default())));
        return 0;
    }
    let yes = argv.iter().any(|a| a == "-y" || a == "--assumeyes");
    let words: Vec<&str> = argv[1..].iter().map(String::as_str).filter(|a| !a.starts_with('-')).collect();
    match words.first().copied() {
        Some("install") => install(ctx, &d, &words[1..], yes),
        Some("clean") => {
            let kids: Vec<String> = ctx.fs.children(CACHE).map(|(n, _)| format!("{CACHE}/{n}")).collect();
            for k in kids {
                ctx.fs.remove_subtree(&k);
            }
            ctx.out("Complete.\n");
            0
        }
        Some("update" | "upgrade") => {
            metadata(ctx);
            ctx.out("Nothing to do.\n");
            0
        }
        Some(other) => {
            ctx.err(&format!("error: Unknown command: {other}\n"));
            1
        }
        None => {
            ctx.err("error: No command specified\n");
            1
        }
    }
}

/// Downloads (writes) the repositories' metadata; one line per repository.
fn metadata(ctx: &mut Ctx<'_>) {
    let meta = Meta { mode: 0o755, uid: 0, gid: 0, mtime: ctx.now };
    for (id, kib) in REPOS {
        ctx.out("Downloading metadata...\n");
        let dir = format!("{CACHE}/{id}-9-x86_64/repodata");
        if ctx.fs.get(&dir).is_some() {
            continue;
        }
        let _ = ctx.fs.mkdir_all("/", &dir, meta);
        for (file, share) in [("repomd.xml", 1), ("primary.xml.gz", 30), ("filelists.xml.gz", 55), ("comps.xml", 14)] {
            let path = format!("{dir}/{:016x}-{file}", hash64(format!("{id}{file}").as_bytes()));
            let c =
                Content::synthetic((kib * 1024 * share / 100).max(2_000), hash64(path.as_bytes()), "microdnf metadata");
            let _ = ctx.fs.write_file("/", &path, c, Meta { mode: 0o644, ..meta });
        }
    }
}

/// GLib's size format, which microdnf's table uses (`338.0 kB`, `1.7 MB`).
fn glib_size(bytes: u64) -> String {
    if bytes < 1000 {
        return format!("{bytes} bytes");
    }
    let mut v = bytes as f64 / 1000.0;
    for unit in ["kB", "MB", "GB"] {
        if v < 1000.0 {
            return format!("{v:.1} {unit}");
        }
        v /= 1000.0;
    }
    format!("{v:.1} TB")
}

/// `name-[epoch:]version.arch`, as microdnf's table names a package.
fn nevra(p: &Package) -> String {
    format!("{}-{}.{}", p.name, p.version, arch(p))
}

fn repo(p: &Package) -> &str {
    if p.section.is_empty() {
        "appstream"
    } else {
        &p.section
    }
}

/// `microdnf install`.
fn install(ctx: &mut Ctx<'_>, d: &crate::catalog::distro::Distro, names: &[&str], yes: bool) -> i32 {
    metadata(ctx);
    let cat = catalogue(d);
    let mut db = rpmdb::load(ctx.fs);
    let mut requested = Vec::new();
    for n in names {
        if db.iter().any(|e| e.name == *n) {
            continue;
        }
        match find(cat, n) {
            Some(p) => requested.push(p),
            None => {
                ctx.err(&format!("error: No package matches '{n}'\n"));
                return 1;
            }
        }
    }
    if requested.is_empty() {
        ctx.out("Nothing to do.\n");
        return 0;
    }
    let installed = |name: &str| db.iter().any(|e| e.name == name);
    let levels = resolve(cat, &requested, &installed);
    let all = sorted(&levels.iter().flatten().map(|(p, _)| *p).collect::<Vec<_>>());
    let rows: Vec<(String, &str, String)> =
        all.iter().map(|p| (format!(" {}", nevra(p)), repo(p), glib_size(p.download_size()))).collect();
    let w0 = rows.iter().map(|r| r.0.len()).chain([7]).max().unwrap_or(7);
    let w1 = rows.iter().map(|r| r.1.len()).chain([10]).max().unwrap_or(10);
    let w2 = rows.iter().map(|r| r.2.len()).chain([4]).max().unwrap_or(4);
    let width = w0 + w1 + w2 + 2;
    ctx.out(&format!("{:<w0$} {:<w1$} {:>w2$}\n{:<width$}\n", "Package", "Repository", "Size", "Installing:"));
    for (n, r, s) in &rows {
        ctx.out(&format!("{n:<w0$} {r:<w1$} {s:>w2$}\n"));
    }
    ctx.out(&format!(
        "Transaction Summary:\n Installing:      {:>3} packages\n Reinstalling:      0 packages\n Upgrading:         0 packages\n Obsoleting:        0 packages\n Removing:          0 packages\n Downgrading:       0 packages\n",
        all.len()
    ));
    if !yes {
        ctx.out("Is this ok [y/N]: ");
        ctx.err("Operation aborted.\n");
        return 1;
    }
    ctx.out("Downloading packages...\nRunning transaction test...\n");
    let now = ctx.now;
    let filter = PathFilter::none();
    for p in levels.iter().rev().flatten().map(|(p, _)| *p) {
        ctx.out(&format!("Installing: {};{};{};{}\n", p.name, p.version, arch(p), repo(p)));
        add_users(ctx.fs, &p.users, now);
        let paths = install_files(ctx.fs, p, &filter, now);
        db.push(RpmEntry::from_package(p, &paths, now));
    }
    rpmdb::save(ctx.fs, &mut db, now);
    ctx.out("Complete.\n");
    0
}

#[cfg(test)]
mod tests {
    use super::glib_size;

    #[test]
    fn sizes_as_glib_prints_them() {
        assert_eq!(glib_size(338_000), "338.0 kB");
        assert_eq!(glib_size(1_700_000), "1.7 MB");
        assert_eq!(glib_size(40), "40 bytes");
    }
}
