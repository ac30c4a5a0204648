//! The programs packages install, simulated: `--version` output from the installed
//! package's version, compilers that write (synthetic) binaries, network clients that fail
//! to resolve hosts (there is no network), and a clear message for anything else.

use crate::catalog::distro::{detect, Distro, Family};
use crate::catalog::model::{hash64, label_of, major_minor, upstream, Package};
use crate::catalog::repo::catalogue;
use crate::shell::Ctx;
use crate::vfs::{Content, Meta, Tree};

/// Commands with a simulated program (the union over all catalogues).
pub fn is_program(name: &str) -> bool {
    PROGRAMS.contains(&name)
        || super::lang::is_program(name)
        || (name.starts_with("python3.") && name[8..].chars().all(|c| c.is_ascii_digit()))
        || (name.starts_with("pip3.") && name[5..].chars().all(|c| c.is_ascii_digit()))
}

const PROGRAMS: &[&str] = &[
    "python",
    "python3",
    "pip",
    "pip3",
    "node",
    "nodejs",
    "npm",
    "npx",
    "git",
    "curl",
    "wget",
    "nginx",
    "gcc",
    "cc",
    "c89",
    "c99",
    "g++",
    "c++",
    "x86_64-alpine-linux-musl-gcc",
    "x86_64-alpine-linux-musl-g++",
    "x86_64-linux-gnu-gcc",
    "make",
    "go",
    "gofmt",
    "java",
    "javac",
    "jar",
    "keytool",
    "jq",
    "psql",
    "pg_dump",
    "pg_restore",
    "vim",
    "vi",
    "view",
    "vimdiff",
    "openssl",
    "tini",
    "update-ca-certificates",
    "hello",
];

/// True when an installed package of the tree's distribution provides `cmd`.
pub fn installed(fs: &Tree, cmd: &str) -> bool {
    provider_in(fs, cmd).is_some()
}

/// What provides `cmd`: the installed package of the tree's distribution, else the
/// package the program file on `PATH` names (an image layer's `/usr/local/bin/python3`).
fn provider(ctx: &Ctx<'_>, cmd: &str) -> Option<(Distro, Package)> {
    if let Some((d, p)) = provider_in(ctx.fs, cmd) {
        return Some((d, p.clone()));
    }
    // The file run: on `PATH`, else in the working directory or at the root (`/hello`).
    let path = ctx.env.get("PATH").cloned().unwrap_or_else(|| crate::util::DEFAULT_PATH.to_string());
    let dirs = path.split(':').map(str::to_string).chain([ctx.cwd.clone(), "/".to_string()]);
    let content =
        dirs.into_iter().find_map(|dir| ctx.fs.read("/", &format!("{}/{cmd}", dir.trim_end_matches('/'))).ok())?;
    let (name, version) = label_of(&content)?;
    let d =
        detect(ctx.fs).unwrap_or(Distro { family: Family::Debian, version_id: String::new(), codename: String::new() });
    Some((d, Package { key: name.clone(), name, version, commands: vec![cmd.to_string()], ..Package::default() }))
}

fn provider_in(fs: &Tree, cmd: &str) -> Option<(Distro, &'static Package)> {
    let d = detect(fs)?;
    let installed = crate::catalog::distro::installed(fs, &d);
    let cat = catalogue(&d);
    let p = cat.iter().find(|p| p.commands.iter().any(|c| c == cmd) && installed.iter().any(|(n, _)| *n == p.name))?;
    Some((d, p))
}

/// The version the release's repositories carry for `key`.
fn repo_version(d: &Distro, key: &str) -> Option<String> {
    let cat = catalogue(d);
    let p = crate::catalog::repo::find(cat, key)?;
    Some(p.version.clone())
}

/// The applet for every simulated program.
pub fn program(ctx: &mut Ctx<'_>, argv: &[String]) -> i32 {
    let cmd = argv.first().map(|a| a.rsplit('/').next().unwrap_or(a).to_string()).unwrap_or_default();
    let args = &argv[1.min(argv.len())..];
    let has = |flags: &[&str]| args.iter().any(|a| flags.contains(&a.as_str()));
    let found = provider(ctx, &cmd).or_else(|| if cmd.starts_with("pip") { provider(ctx, "python3") } else { None });
    let Some((d, pkg)) = found else {
        ctx.err(&format!("layerlab: {cmd} is simulated, but the package providing it is not installed\n"));
        return 127;
    };
    if let Some(code) = super::lang::run(ctx, &d, &pkg, &cmd, args) {
        return code;
    }
    let v = upstream(&pkg.version);
    let alpine = d.family == Family::Alpine;
    match cmd.as_str() {
        c if c.starts_with("python") => python(ctx, &d, &v, args),
        c if c.starts_with("pip") => {
            let pv = pip_version(&d);
            super::pip::pip(ctx, &d, &pv, args)
        }
        "node" | "nodejs" => {
            if has(&["--version", "-v"]) {
                ctx.out(&format!("v{v}\n"));
                return 0;
            }
            if let Some(i) = args.iter().position(|a| a == "-e" || a == "-p") {
                if let Some(text) = args.get(i + 1).and_then(|c| literal_call(c, "console.log")) {
                    ctx.out(&format!("{text}\n"));
                    return 0;
                }
            }
            simulated(ctx, &cmd)
        }
        "npm" | "npx" => super::npm::npm(ctx, &cmd, &v, args),
        "git" => {
            if has(&["--version", "version"]) {
                ctx.out(&format!("git version {v}\n"));
                return 0;
            }
            match args.first().map(String::as_str) {
                Some("clone") => crate::shell::programs::git::clone(ctx, &args[1..]),
                Some("fetch" | "pull" | "ls-remote") => {
                    let url = args.iter().skip(1).find(|a| !a.starts_with('-')).cloned().unwrap_or_default();
                    if args[0] == "clone" {
                        let dir = url
                            .trim_end_matches('/')
                            .trim_end_matches(".git")
                            .rsplit('/')
                            .next()
                            .unwrap_or("repo")
                            .to_string();
                        ctx.err(&format!("Cloning into '{dir}'...\n"));
                    }
                    ctx.err(&format!("fatal: unable to access '{url}': Could not resolve host: {}\n", host_of(&url)));
                    128
                }
                Some("config") => 0,
                Some("init") => {
                    let dir = args.get(1).cloned().unwrap_or_else(|| ".".into());
                    let at = crate::vfs::path::normalize(&ctx.cwd, &format!("{dir}/.git"));
                    let meta = Meta { mode: 0o755, uid: ctx.uid, gid: ctx.gid, mtime: ctx.now };
                    let _ = ctx.fs.mkdir_all("/", &format!("{at}/objects"), meta);
                    let _ = ctx.fs.mkdir_all("/", &format!("{at}/refs/heads"), meta);
                    let _ = ctx.fs.write_file(
                        "/",
                        &format!("{at}/HEAD"),
                        "ref: refs/heads/master\n".into(),
                        Meta { mode: 0o644, ..meta },
                    );
                    ctx.out(&format!("Initialized empty Git repository in {at}/\n"));
                    0
                }
                _ => simulated(ctx, &cmd),
            }
        }
        "curl" => {
            if has(&["--version", "-V"]) {
                let ssl = repo_version(&d, "openssl").map(|s| upstream(&s)).unwrap_or_else(|| "3.0.14".into());
                ctx.out(&crate::shell::programs::curl_version::text(ctx.fs, &v, &pkg.version, alpine, &ssl));
                return 0;
            }
            crate::shell::programs::curl::curl(ctx, argv, &v)
        }
        "wget" => {
            if has(&["--version", "-V"]) {
                if v.starts_with("2.") {
                    // Fedora 40 and later: `wget` is wget2's.
                    ctx.out(&format!("GNU Wget2 {v} - multithreaded metalink/file/website downloader\n"));
                } else {
                    ctx.out(&format!("GNU Wget {v} built on linux-{}.\n", if alpine { "musl" } else { "gnu" }));
                }
                return 0;
            }
            crate::shell::programs::wget::gnu(ctx, argv)
        }
        "nginx" => {
            if has(&["-v", "-V"]) {
                ctx.err(&format!("nginx version: nginx/{v}\n"));
                return 0;
            }
            if has(&["-t", "-T"]) {
                ctx.err("nginx: the configuration file /etc/nginx/nginx.conf syntax is ok\nnginx: configuration file /etc/nginx/nginx.conf test is successful\n");
                return 0;
            }
            simulated(ctx, &cmd)
        }
        "gcc"
        | "cc"
        | "c89"
        | "c99"
        | "g++"
        | "c++"
        | "x86_64-alpine-linux-musl-gcc"
        | "x86_64-alpine-linux-musl-g++"
        | "x86_64-linux-gnu-gcc" => compile(ctx, &d, &pkg, &cmd, args),
        "make" => {
            if has(&["--version", "-v"]) {
                ctx.out(&format!(
                    "GNU Make {v}\nBuilt for x86_64-{}\nCopyright (C) 1988-2023 Free Software Foundation, Inc.\n",
                    if alpine { "alpine-linux-musl" } else { "pc-linux-gnu" }
                ));
                return 0;
            }
            let has_makefile =
                ["GNUmakefile", "makefile", "Makefile"].iter().any(|f| ctx.fs.lookup(&ctx.cwd, f, true).is_ok());
            if !has_makefile && !args.iter().any(|a| a == "-f") {
                ctx.err("make: *** No targets specified and no makefile found.  Stop.\n");
                return 2;
            }
            simulated(ctx, &cmd)
        }
        "go" | "gofmt" => go(ctx, &v, args),
        "java" | "javac" | "jar" | "keytool" => {
            if has(&["-version", "--version"]) {
                let build = if alpine { format!("{v}+7-alpine-r0") } else { format!("{v}+7-Debian-2deb12u1") };
                let text = format!("openjdk version \"{v}\" 2024-07-16\nOpenJDK Runtime Environment (build {build})\nOpenJDK 64-Bit Server VM (build {build}, mixed mode, sharing)\n");
                if has(&["-version"]) {
                    ctx.err(&text);
                } else {
                    ctx.out(&text.replace("openjdk version \"", "openjdk ").replacen("\" ", " ", 1));
                }
                return 0;
            }
            simulated(ctx, &cmd)
        }
        "jq" => jq(ctx, &v, args),
        "psql" | "pg_dump" | "pg_restore" => {
            if has(&["--version", "-V"]) {
                ctx.out(&format!("{cmd} (PostgreSQL) {v}\n"));
                return 0;
            }
            if cmd == "psql" {
                // The client talks to a server on the simulated network.
                return crate::shell::programs::sql::psql(ctx, argv);
            }
            ctx.err(&format!("{cmd}: error: connection to server on socket \"/run/postgresql/.s.PGSQL.5432\" failed: No such file or directory\n\tIs the server running locally and accepting connections on that socket?\n"));
            2
        }
        "vim" | "vi" | "view" | "vimdiff" => {
            if has(&["--version"]) {
                ctx.out(&format!(
                    "VIM - Vi IMproved {} (2024 Jan 02, compiled Sep 01 2024 00:00:00)\n",
                    major_minor(&v)
                ));
                return 0;
            }
            simulated(ctx, &cmd)
        }
        "openssl" => {
            if args.first().map(String::as_str) == Some("version") {
                ctx.out(&format!("OpenSSL {v} 3 Sep 2024 (Library: OpenSSL {v} 3 Sep 2024)\n"));
                return 0;
            }
            simulated(ctx, &cmd)
        }
        "tini" => {
            if has(&["--version"]) {
                ctx.out(&format!("tini version {v} - git.de40ad0\n"));
                return 0;
            }
            simulated(ctx, &cmd)
        }
        "hello" if pkg.name == "hello-world" => super::hello::hello(ctx),
        "update-ca-certificates" => {
            let bundle = Content::synthetic(219_342, 0xca, "ca-certificates.crt (generated by update-ca-certificates)");
            let _ = ctx.fs.write_file(
                "/",
                "/etc/ssl/certs/ca-certificates.crt",
                bundle,
                Meta { mode: 0o644, uid: 0, gid: 0, mtime: ctx.now },
            );
            if !alpine {
                ctx.out("Updating certificates in /etc/ssl/certs...\n0 added, 0 removed; done.\nRunning hooks in /etc/ca-certificates/update.d...\ndone.\n");
            }
            0
        }
        _ => simulated(ctx, &cmd),
    }
}

/// The message for anything the simulation does not model; exits 0 so builds go on.
pub fn simulated(ctx: &mut Ctx<'_>, cmd: &str) -> i32 {
    ctx.err(&format!(
        "layerlab: '{cmd}' is simulated: only its version and a few harmless forms are modelled; nothing was run\n"
    ));
    0
}

/// The host of a URL (`https://example.com:8080/x` gives `example.com`).
pub fn host_of(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    host.split(':').next().unwrap_or(host).to_string()
}

/// `print("hi")` or `console.log('hi')`: the string literal, if that is all the code does.
fn literal_call(code: &str, func: &str) -> Option<String> {
    let inner = code.trim().trim_end_matches(';').strip_prefix(func)?.strip_prefix('(')?.strip_suffix(')')?.trim();
    let q = inner.chars().next()?;
    (matches!(q, '"' | '\'') && inner.len() >= 2 && inner.ends_with(q)).then(|| inner[1..inner.len() - 1].to_string())
}

fn python(ctx: &mut Ctx<'_>, d: &Distro, v: &str, args: &[String]) -> i32 {
    match args.first().map(String::as_str) {
        Some("--version" | "-V") => {
            ctx.out(&format!("Python {v}\n"));
            0
        }
        Some("-c") => match args.get(1).and_then(|c| literal_call(c, "print")) {
            Some(text) => {
                ctx.out(&format!("{text}\n"));
                0
            }
            None => simulated(ctx, "python3 -c"),
        },
        Some("-m") => match args.get(1).map(String::as_str) {
            Some("pip") => super::pip::pip(ctx, d, &pip_version(d), &args[2..]),
            Some("venv") => super::pip::venv(ctx, d, v, &args[2..]),
            _ => simulated(ctx, "python3 -m"),
        },
        _ => simulated(ctx, "python3"),
    }
}

fn pip_version(d: &Distro) -> String {
    let key = if d.family == Family::Alpine { "py3-pip" } else { "python3-pip" };
    repo_version(d, key).map(|v| upstream(&v)).unwrap_or_else(|| "24.0".into())
}

fn compile(ctx: &mut Ctx<'_>, d: &Distro, pkg: &Package, cmd: &str, args: &[String]) -> i32 {
    // Debian's `gcc` is a meta package; the compiler's version is gcc-N's.
    let full = if d.family == Family::Alpine {
        pkg.version.clone()
    } else {
        repo_version(d, "gcc-ver").unwrap_or_else(|| pkg.version.clone())
    };
    let pkg = &Package { version: full, ..Package::default() };
    let v = upstream(&pkg.version);
    if args.iter().any(|a| a == "--version") {
        let vendor = match d.family {
            Family::Alpine => {
                format!("Alpine {}", pkg.version.trim_end_matches(|c: char| c != '-').trim_end_matches('-'))
            }
            Family::Debian => {
                format!("Debian {}", pkg.version.split_once(':').map_or(pkg.version.as_str(), |(_, r)| r))
            }
            Family::Ubuntu => {
                format!("Ubuntu {}", pkg.version.split_once(':').map_or(pkg.version.as_str(), |(_, r)| r))
            }
            Family::Rpm => format!("Red Hat {}", pkg.version),
        };
        let name = if cmd.contains("++") { "g++" } else { "gcc" };
        let year = gcc_copyright_year(&v);
        ctx.out(&format!("{name} ({vendor}) {v}\nCopyright (C) {year} Free Software Foundation, Inc.\nThis is free software; see the source for copying conditions.  There is NO\nwarranty; not even for MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.\n\n"));
        return 0;
    }
    crate::shell::programs::cc::compile(ctx, cmd, args, d.family == Family::Alpine)
}

/// The year `gcc --version` prints: since GCC 5 a release series keeps the year of its first
/// release (12.2.0 prints 2022, as bookworm's gcc does; 11.4.0 prints 2021); the 4.x series
/// bumped it in point releases (4.8.4 prints 2013, 4.8.5 prints 2015, 4.4.7 prints 2010).
fn gcc_copyright_year(version: &str) -> u32 {
    let major: u32 = version.split('.').next().and_then(|m| m.parse().ok()).unwrap_or(0);
    match (major, version) {
        (5.., _) => 2010 + major,
        (_, v) if v.starts_with("4.8.5") => 2015,
        (_, v) if v.starts_with("4.8") => 2013,
        _ => 2010,
    }
}

fn go(ctx: &mut Ctx<'_>, v: &str, args: &[String]) -> i32 {
    match args.first().map(String::as_str) {
        Some("version") => {
            ctx.out(&format!("go version go{v} linux/amd64\n"));
            0
        }
        Some("build") => {
            let code = crate::shell::programs::gobuild::build(ctx, &args[1..]);
            if code != 0 {
                return code;
            }
            let meta = Meta { mode: 0o755, uid: ctx.uid, gid: ctx.gid, mtime: ctx.now };
            // The build cache (GOCACHE), a classic source of image bloat.
            if ctx.env.get("GOCACHE").map(String::as_str) != Some("off") {
                let home = ctx.env.get("HOME").cloned().unwrap_or_else(|| "/root".into());
                let cache = ctx.env.get("GOCACHE").cloned().unwrap_or_else(|| format!("{home}/.cache/go-build"));
                let _ = ctx.fs.mkdir_all("/", &format!("{cache}/00"), Meta { mode: 0o755, ..meta });
                let c = Content::synthetic(31_457_280, hash64(cache.as_bytes()), "go build cache entries");
                let _ = ctx.fs.write_file("/", &format!("{cache}/00/cache-entries"), c, Meta { mode: 0o644, ..meta });
                let _ = ctx.fs.write_file(
                    "/",
                    &format!("{cache}/README"),
                    "This directory holds cached build artifacts from the Go build system.\n".into(),
                    Meta { mode: 0o644, ..meta },
                );
            }
            0
        }
        Some("mod") if args.get(1).map(String::as_str) == Some("init") => {
            crate::shell::programs::gobuild::mod_init(ctx, v, args.get(2).map(String::as_str))
        }
        Some("mod") if args.get(1).map(String::as_str) == Some("download") => {
            let home = ctx.env.get("HOME").cloned().unwrap_or_else(|| "/root".into());
            let gopath = ctx.env.get("GOPATH").cloned().unwrap_or_else(|| format!("{home}/go"));
            let meta = Meta { mode: 0o755, uid: ctx.uid, gid: ctx.gid, mtime: ctx.now };
            let dir = format!("{gopath}/pkg/mod/cache/download");
            let _ = ctx.fs.mkdir_all("/", &dir, meta);
            let c = Content::synthetic(12_582_912, hash64(dir.as_bytes()), "go module download cache");
            let _ = ctx.fs.write_file("/", &format!("{dir}/modules.zip"), c, Meta { mode: 0o644, ..meta });
            0
        }
        _ => simulated(ctx, "go"),
    }
}

fn jq(ctx: &mut Ctx<'_>, v: &str, args: &[String]) -> i32 {
    if args.iter().any(|a| a == "--version") {
        ctx.out(&format!("jq-{v}\n"));
        return 0;
    }
    let raw = args.iter().any(|a| a == "-r" || a == "--raw-output");
    let compact = args.iter().any(|a| a == "-c" || a == "--compact-output");
    let filter = args.iter().find(|a| !a.starts_with('-')).cloned().unwrap_or_else(|| ".".into());
    let input = String::from_utf8_lossy(ctx.stdin).into_owned();
    let value: serde_json::Value = match serde_json::from_str(input.trim()) {
        Ok(v) => v,
        Err(e) => {
            ctx.err(&format!("jq: error (at <stdin>:0): Cannot parse input: {e}\n"));
            return 2;
        }
    };
    let mut cur = &value;
    let null = serde_json::Value::Null;
    for part in filter.trim_start_matches('.').split('.').filter(|p| !p.is_empty()) {
        let (key, idx) = match part.split_once('[') {
            Some((k, rest)) => (k, rest.trim_end_matches(']').parse::<usize>().ok()),
            None => (part, None),
        };
        if !key.is_empty() {
            cur = cur.get(key).unwrap_or(&null);
        }
        if let Some(i) = idx {
            cur = cur.get(i).unwrap_or(&null);
        }
    }
    let text = match (raw, cur) {
        (true, serde_json::Value::String(s)) => s.clone(),
        _ if compact => serde_json::to_string(cur).unwrap_or_default(),
        _ => serde_json::to_string_pretty(cur).unwrap_or_default(),
    };
    ctx.out(&format!("{text}\n"));
    0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::shell::pkg::testutil::{run, run_in, tree_of};

    #[test]
    fn gcc_prints_its_series_year() {
        assert_eq!(gcc_copyright_year("12.2.0"), 2022);
        assert_eq!(gcc_copyright_year("11.4.0"), 2021);
        assert_eq!(gcc_copyright_year("13.2.1"), 2023);
        assert_eq!(gcc_copyright_year("4.8.5"), 2015);
        assert_eq!(gcc_copyright_year("4.4.7"), 2010);
    }

    #[test]
    fn versions_follow_the_installed_package() {
        let mut t = tree_of("alpine:3.20");
        run(&mut t, 0, &["apk", "add", "--no-cache", "python3", "nodejs", "git", "curl", "nginx", "jq"]);
        assert_eq!(run(&mut t, 0, &["python3", "--version"]).1, "Python 3.12.6\n");
        assert_eq!(run(&mut t, 0, &["python3", "-c", "print('hi')"]).1, "hi\n");
        assert_eq!(run(&mut t, 0, &["node", "--version"]).1, "v20.15.1\n");
        assert_eq!(run(&mut t, 0, &["git", "--version"]).1, "git version 2.45.2\n");
        assert!(run(&mut t, 0, &["curl", "--version"])
            .1
            .starts_with("curl 8.9.1 (x86_64-alpine-linux-musl) libcurl/8.9.1 OpenSSL/3.3.2"));
        assert_eq!(run(&mut t, 0, &["nginx", "-v"]).2, "nginx version: nginx/1.26.2\n");
        assert_eq!(
            run(&mut t, 0, &["curl", "-fsSL", "https://nonexistent.invalid/install.sh"]),
            (6, String::new(), "curl: (6) Could not resolve host: nonexistent.invalid\n".into())
        );
        assert_eq!(run_in(&mut t, 0, &[], "{\"a\":{\"b\":[1,2]}}", &["jq", "-c", ".a.b"]).1, "[1,2]\n");
        assert!(read(&t, "/etc/passwd").contains("nginx:x:100:101:nginx:/var/lib/nginx:/sbin/nologin\n"));
        let mut d = tree_of("debian:bookworm");
        run(&mut d, 0, &["apt-get", "update"]);
        run(&mut d, 0, &["apt-get", "install", "-y", "--no-install-recommends", "python3", "gcc", "libc6-dev"]);
        assert_eq!(run(&mut d, 0, &["python3", "--version"]).1, "Python 3.11.2\n");
        assert!(run(&mut d, 0, &["gcc", "--version"]).1.starts_with("gcc (Debian 12.2.0-14) 12.2.0\n"));
        d.write_file("/", "/main.c", "int main(){return 0;}\n".into(), Meta::root(0o644)).unwrap();
        assert_eq!(run(&mut d, 0, &["gcc", "-O2", "-o", "/app", "/main.c"]).0, 0);
        assert_eq!(d.get("/app").unwrap().meta.mode, 0o755);
    }

    fn read(t: &crate::vfs::Tree, p: &str) -> String {
        crate::catalog::install::read_text(t, p)
    }
}
