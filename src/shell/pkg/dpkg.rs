//! `dpkg` and `dpkg-query`: listing and querying the installed packages.

use crate::catalog::dpkgdb::{self, Stanza};
use crate::shell::Ctx;

/// The `dpkg` applet (query options only; installing `.deb` files is not simulated).
pub fn dpkg(ctx: &mut Ctx<'_>, argv: &[String]) -> i32 {
    let Some(op) = argv.get(1) else {
        ctx.err("dpkg: error: need an action option\n\nType dpkg --help for help about installing and deinstalling packages [*];\nUse 'apt' or 'aptitude' for user-friendly package management;\n");
        return 2;
    };
    let rest = &argv[2..];
    match op.as_str() {
        "--print-architecture" => {
            ctx.out("amd64\n");
            0
        }
        "--print-foreign-architectures" => 0,
        "--version" => {
            ctx.out("Debian 'dpkg' package management program version 1.21.22 (amd64).\n");
            0
        }
        "-l" | "--list" => list(ctx, rest),
        "-L" | "--listfiles" => listfiles(ctx, rest),
        "-s" | "--status" => status(ctx, rest),
        "-S" | "--search" => search(ctx, rest),
        "--get-selections" => {
            for s in dpkgdb::load_status(ctx.fs) {
                ctx.out(&format!("{:<48}install\n", s.display_name()));
            }
            0
        }
        "-i" | "--install" | "-r" | "--remove" | "-P" | "--purge" | "--configure" => {
            if ctx.uid != 0 {
                ctx.err("dpkg: error: requested operation requires superuser privilege\n");
                return 2;
            }
            ctx.err(&format!("layerlab: dpkg {op} is not simulated; use apt-get\n"));
            2
        }
        _ => {
            ctx.err(&format!("dpkg: error: unknown option {op}\n"));
            2
        }
    }
}

/// The `dpkg-query` applet.
pub fn dpkg_query(ctx: &mut Ctx<'_>, argv: &[String]) -> i32 {
    let mut format: Option<String> = None;
    let mut op: Option<String> = None;
    let mut args = Vec::new();
    let mut it = argv.iter().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "-f" | "--showformat" => format = it.next().cloned(),
            s if s.starts_with("--showformat=") => format = Some(s["--showformat=".len()..].to_string()),
            s if s.starts_with("-f") && s.len() > 2 => format = Some(s[2..].trim_start_matches('=').to_string()),
            "-W" | "--show" | "-l" | "--list" | "-L" | "--listfiles" | "-s" | "--status" | "-S" | "--search" => {
                op = Some(a.clone())
            }
            _ => args.push(a.clone()),
        }
    }
    match op.as_deref() {
        Some("-W" | "--show") => show(ctx, &args, format.as_deref().unwrap_or("${binary:Package}\t${Version}\n")),
        Some("-l" | "--list") => list(ctx, &args),
        Some("-L" | "--listfiles") => listfiles(ctx, &args),
        Some("-s" | "--status") => status(ctx, &args),
        Some(_) => search(ctx, &args),
        None => {
            ctx.err("dpkg-query: error: need an action option\n");
            2
        }
    }
}

fn matches(s: &Stanza, pats: &[String]) -> bool {
    pats.is_empty()
        || pats
            .iter()
            .any(|p| crate::catalog::install::glob(p.as_bytes(), s.package().as_bytes()) || *p == s.display_name())
}

fn list(ctx: &mut Ctx<'_>, pats: &[String]) -> i32 {
    let all = dpkgdb::load_status(ctx.fs);
    let rows: Vec<&Stanza> = all.iter().filter(|s| matches(s, pats)).collect();
    if rows.is_empty() {
        for p in pats {
            ctx.err(&format!("dpkg-query: no packages found matching {p}\n"));
        }
        return 1;
    }
    let nw = rows.iter().map(|s| s.display_name().len()).max().unwrap_or(4).max(4);
    let vw = rows.iter().map(|s| s.version().len()).max().unwrap_or(7).max(7);
    let aw = 12;
    let dw = 80usize.saturating_sub(4 + nw + 1 + vw + 1 + aw + 1).max(40);
    ctx.out("Desired=Unknown/Install/Remove/Purge/Hold\n| Status=Not/Inst/Conf-files/Unpacked/halF-conf/Half-inst/trig-aWait/Trig-pend\n|/ Err?=(none)/Reinst-required (Status,Err: uppercase=bad)\n");
    ctx.out(&format!("||/ {:<nw$} {:<vw$} {:<aw$} Description\n", "Name", "Version", "Architecture"));
    ctx.out(&format!("+++-{}-{}-{}-{}\n", "=".repeat(nw), "=".repeat(vw), "=".repeat(aw), "=".repeat(dw)));
    for s in rows {
        let arch = s.get("Architecture").unwrap_or("amd64");
        ctx.out(&format!("ii  {:<nw$} {:<vw$} {:<aw$} {}\n", s.display_name(), s.version(), arch, s.summary()));
    }
    0
}

fn find<'a>(all: &'a [Stanza], name: &str) -> Option<&'a Stanza> {
    let n = name.strip_suffix(":amd64").unwrap_or(name);
    all.iter().find(|s| s.package() == n)
}

fn listfiles(ctx: &mut Ctx<'_>, names: &[String]) -> i32 {
    let all = dpkgdb::load_status(ctx.fs);
    let mut rc = 0;
    for n in names {
        match find(&all, n) {
            Some(s) => {
                ctx.out("/.\n");
                for p in dpkgdb::read_list(ctx.fs, s) {
                    ctx.out(&format!("{p}\n"));
                }
            }
            None => {
                ctx.err(&format!("dpkg-query: package '{n}' is not installed\nUse dpkg --contents (= dpkg-deb --contents) to list archive files contents.\n"));
                rc = 1;
            }
        }
    }
    rc
}

fn status(ctx: &mut Ctx<'_>, names: &[String]) -> i32 {
    let all = dpkgdb::load_status(ctx.fs);
    let mut rc = 0;
    for n in names {
        match find(&all, n) {
            Some(s) => {
                let text = s.render();
                ctx.out(&text);
            }
            None => {
                ctx.err(&format!("dpkg-query: package '{n}' is not installed and no information is available\nUse dpkg --info (= dpkg-deb --info) to examine archive files.\n"));
                rc = 1;
            }
        }
    }
    rc
}

fn search(ctx: &mut Ctx<'_>, pats: &[String]) -> i32 {
    let all = dpkgdb::load_status(ctx.fs);
    let mut found = false;
    for pat in pats {
        for s in &all {
            for p in dpkgdb::read_list(ctx.fs, s) {
                if p == *pat || (!pat.starts_with('/') && p.contains(pat.as_str())) {
                    ctx.out(&format!("{}: {p}\n", s.display_name()));
                    found = true;
                }
            }
        }
    }
    if !found {
        for p in pats {
            ctx.err(&format!("dpkg-query: no path found matching pattern {p}\n"));
        }
        return 1;
    }
    0
}

fn show(ctx: &mut Ctx<'_>, pats: &[String], format: &str) -> i32 {
    let all = dpkgdb::load_status(ctx.fs);
    let format = format.replace("\\n", "\n").replace("\\t", "\t");
    let mut any = false;
    for s in all.iter().filter(|s| matches(s, pats)) {
        any = true;
        let mut out = String::new();
        let mut rest = format.as_str();
        while let Some(i) = rest.find("${") {
            out.push_str(&rest[..i]);
            let Some(j) = rest[i..].find('}') else { break };
            let field = &rest[i + 2..i + j];
            let field = field.split(';').next().unwrap_or(field);
            let value = match field {
                "binary:Package" => s.display_name(),
                "db:Status-Abbrev" => "ii ".to_string(),
                "binary:Summary" => s.summary().to_string(),
                f => s.get(f).unwrap_or("").to_string(),
            };
            out.push_str(&value);
            rest = &rest[i + j + 1..];
        }
        out.push_str(rest);
        ctx.out(&out);
    }
    if !any {
        for p in pats {
            ctx.err(&format!("dpkg-query: no packages found matching {p}\n"));
        }
        return 1;
    }
    0
}

#[cfg(test)]
mod tests {
    use crate::shell::pkg::testutil::{run, tree_of};

    #[test]
    fn listing_and_queries() {
        let mut t = tree_of("debian:bookworm-slim");
        let (code, out, _) = run(&mut t, 0, &["dpkg", "-l"]);
        assert_eq!(code, 0);
        assert!(out.starts_with("Desired=Unknown/Install/Remove/Purge/Hold\n"));
        assert!(
            out.lines().any(|l| l.starts_with("ii  bash ")
                && l.contains(" 5.2.15-2+b7 ")
                && l.ends_with("GNU Bourne Again SHell")),
            "{out}"
        );
        assert!(out.contains("ii  libc6:amd64 "));
        let (_, out, _) = run(&mut t, 0, &["dpkg-query", "-W", "-f=${Package} ${Version}\\n", "dash"]);
        assert_eq!(out, "dash 0.5.12-2\n");
        let (_, out, _) = run(&mut t, 0, &["dpkg", "-L", "dash"]);
        assert!(out.starts_with("/.\n") && out.contains("/usr/bin/dash\n"), "{out}");
        let (code, _, err) = run(&mut t, 0, &["dpkg", "-L", "curl"]);
        assert_eq!(code, 1);
        assert!(err.starts_with("dpkg-query: package 'curl' is not installed\n"));
        let (_, out, _) = run(&mut t, 0, &["dpkg", "--print-architecture"]);
        assert_eq!(out, "amd64\n");
        let (_, out, _) = run(&mut t, 0, &["dpkg", "-S", "/usr/bin/dash"]);
        assert_eq!(out, "dash: /usr/bin/dash\n");
    }
}
