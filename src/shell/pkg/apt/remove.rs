//! `apt-get remove`, `purge` and `autoremove`: what depends on a package, the automatically
//! installed packages nothing needs any more, and dpkg's database after the removal.

use super::install::{count_db, save_status};
use super::{arg_name, lists_present, reading, size_to_str, wrapped, Opts};
use crate::catalog::distro::Distro;
use crate::catalog::dpkgdb::{self, Stanza};
use crate::catalog::install::remove_paths;
use crate::catalog::model::Package;
use crate::catalog::repo::{catalogue, find};
use crate::shell::Ctx;

/// Installed packages depending on `name` (by catalogue knowledge).
fn dependents(cat: &[Package], status: &[Stanza], name: &str) -> Vec<String> {
    let key = find(cat, name).map_or(name.to_string(), |p| p.key.clone());
    status
        .iter()
        .filter(|s| find(cat, s.package()).is_some_and(|p| p.depends.contains(&key)))
        .map(|s| s.package().to_string())
        .collect()
}

pub(super) fn remove(ctx: &mut Ctx<'_>, d: &Distro, o: &Opts, purge: bool) -> i32 {
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

pub(super) fn autoremove(ctx: &mut Ctx<'_>, d: &Distro, o: &Opts) -> i32 {
    reading(ctx);
    let cat = catalogue(d);
    let status = dpkgdb::load_status(ctx.fs);
    let auto = dpkgdb::load_auto(ctx.fs);
    let doomed = unneeded_auto(cat, &status, &auto);
    let o2 = Opts { yes: o.yes, args: doomed.clone(), ..Opts::default() };
    finish_removal(ctx, cat, status, doomed, &o2, o.purge, false)
}
