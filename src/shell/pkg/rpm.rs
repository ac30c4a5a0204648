//! `rpm` queries over the rpm database ([`crate::catalog::rpmdb`]): `-q NAME…`, `-qa`,
//! `-qi NAME`, `-ql NAME`, `--version`.

use crate::catalog::model::upstream;
use crate::catalog::rpmdb;
use crate::shell::Ctx;

/// `rpm`.
pub fn rpm(ctx: &mut Ctx<'_>, argv: &[String]) -> i32 {
    let args = &argv[1.min(argv.len())..];
    let db = rpmdb::load(ctx.fs);
    if args.iter().any(|a| a == "--version") {
        let v = db.iter().find(|e| e.name == "rpm").map(|e| upstream(&e.version)).unwrap_or_default();
        ctx.out(&format!("RPM version {v}\n"));
        return 0;
    }
    let flags: String = args.iter().filter(|a| a.starts_with('-') && !a.starts_with("--")).map(|a| &a[1..]).collect();
    let all = flags.contains('a') || args.iter().any(|a| a == "--all");
    let names: Vec<&String> = args.iter().filter(|a| !a.starts_with('-')).collect();
    if !flags.contains('q') && !args.iter().any(|a| a == "--query") {
        ctx.err("rpm: no operation specified\n");
        return 1;
    }
    if all {
        for e in &db {
            ctx.out(&format!("{}\n", e.nevra()));
        }
        return 0;
    }
    if names.is_empty() {
        ctx.err("rpm: no arguments given for query\n");
        return 1;
    }
    let mut code = 0;
    for n in names {
        let Some(e) = db.iter().find(|e| &e.name == n || &e.nevra() == n) else {
            ctx.out(&format!("package {n} is not installed\n"));
            code = 1;
            continue;
        };
        if flags.contains('l') {
            for f in &e.files {
                ctx.out(&format!("{f}\n"));
            }
        } else if flags.contains('i') {
            let (version, release) = e.version.rsplit_once('-').unwrap_or((&e.version, ""));
            ctx.out(&format!(
                "Name        : {}\nVersion     : {version}\nRelease     : {release}\nArchitecture: {}\nInstall Date: {}\nSize        : {}\nSummary     : {}\n",
                e.name,
                e.arch,
                crate::util::time::rfc3339(e.installtime),
                e.size,
                e.summary
            ));
        } else {
            ctx.out(&format!("{}\n", e.nevra()));
        }
    }
    code
}

#[cfg(test)]
mod tests {
    use super::super::testutil::{run, tree_of};

    #[test]
    fn queries_the_database() {
        let mut t = tree_of("centos:7");
        assert_eq!(run(&mut t, 0, &["rpm", "-q", "bash"]).1, "bash-4.2.46-34.el7.x86_64\n");
        assert_eq!(run(&mut t, 0, &["rpm", "--version"]).1, "RPM version 4.11.3\n");
        let (code, out, _) = run(&mut t, 0, &["rpm", "-q", "httpd"]);
        assert_eq!((code, out.as_str()), (1, "package httpd is not installed\n"));
        assert!(run(&mut t, 0, &["rpm", "-qa"]).1.lines().any(|l| l == "yum-3.4.3-168.el7.centos.noarch"));
    }

    #[test]
    fn names_packages_without_their_epoch() {
        // openssl-libs is 1:1.1.1k-9.el8_7 on Rocky Linux 8; rpm's default format has no epoch.
        let mut t = tree_of("rockylinux:8");
        assert_eq!(run(&mut t, 0, &["rpm", "-q", "openssl-libs"]).1, "openssl-libs-1.1.1k-9.el8_7.x86_64\n");
        let all = run(&mut t, 0, &["rpm", "-qa"]).1;
        assert!(all.lines().any(|l| l == "dbus-1.12.8-26.el8.x86_64"), "{all}");
        assert!(!all.contains(':'), "{all}");
    }
}
