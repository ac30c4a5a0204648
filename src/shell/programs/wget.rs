//! `wget`: GNU Wget's command line and messages (Debian, Ubuntu, Alpine with the `wget`
//! package) and busybox's applet (plain Alpine, busybox images).

use super::net::{fetch_as, seed_of, wget_size, FetchError, Response, Url};
use super::{save, Args};
use crate::shell::applets::info::strftime;
use crate::shell::Ctx;

/// Which wget is running.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flavor {
    /// GNU Wget (`version` is the package's upstream version).
    Gnu,
    /// busybox's applet.
    Busybox,
}

/// GNU Wget (the program of the `wget` package).
pub fn gnu(ctx: &mut Ctx<'_>, argv: &[String]) -> i32 {
    run(ctx, argv, Flavor::Gnu)
}

/// busybox `wget`.
pub fn busybox(ctx: &mut Ctx<'_>, argv: &[String]) -> i32 {
    run(ctx, argv, Flavor::Busybox)
}

const GNU_LONG_VALUES: &[&str] = &[
    "output-document",
    "directory-prefix",
    "tries",
    "timeout",
    "header",
    "user-agent",
    "progress",
    "output-file",
    "post-data",
    "method",
    "user",
    "password",
];

fn run(ctx: &mut Ctx<'_>, argv: &[String], flavor: Flavor) -> i32 {
    let a = Args::parse(argv.get(1..).unwrap_or(&[]), "OPtTUHYoe", GNU_LONG_VALUES);
    let quiet = a.has(&["q", "quiet"]);
    let out = a.value(&["O", "output-document"]);
    let prefix = a.value(&["P", "directory-prefix"]);
    let cont = a.has(&["c", "continue"]);
    if a.operands.is_empty() {
        if flavor == Flavor::Gnu {
            ctx.err("wget: missing URL\nUsage: wget [OPTION]... [URL]...\n\nTry `wget --help' for more options.\n");
        } else {
            ctx.err("BusyBox v1.36.1 (2024-06-10 07:11:47 UTC) multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[-P DIR] [-U AGENT] [-T SEC] URL...\n");
        }
        return 1;
    }
    let mut status = 0;
    for raw in &a.operands {
        let code = one(ctx, flavor, raw, out.as_deref(), prefix.as_deref(), quiet, cont);
        if code != 0 {
            status = code;
            if flavor == Flavor::Busybox {
                return code;
            }
        }
    }
    status
}

fn one(
    ctx: &mut Ctx<'_>,
    flavor: Flavor,
    raw: &str,
    out: Option<&str>,
    prefix: Option<&str>,
    quiet: bool,
    cont: bool,
) -> i32 {
    let Some(mut url) = Url::parse(raw) else {
        if !quiet || flavor == Flavor::Busybox {
            ctx.err(&format!("{raw}: Invalid URL {raw}: Unsupported scheme\n"));
        }
        return 1;
    };
    let say = |ctx: &mut Ctx<'_>, s: &str| {
        if !quiet {
            ctx.err(s);
        }
    };
    let date = |ctx: &Ctx<'_>| strftime("%Y-%m-%d %H:%M:%S", ctx.now);
    for _hop in 0..20 {
        if flavor == Flavor::Gnu {
            say(ctx, &format!("--{}--  {}\n", date(ctx), url.to_text()));
        }
        let agent = if flavor == Flavor::Gnu { "Wget/1.21.3" } else { "Wget" };
        let (addr, resp) = match fetch_as(&url, &ctx.network, ctx.fs, agent) {
            Ok(r) => r,
            Err(e) => return failed(ctx, flavor, &url, e, quiet),
        };
        if flavor == Flavor::Busybox {
            say(ctx, &format!("Connecting to {} ({addr}:{})\n", url.host, url.port));
        } else {
            say(
                ctx,
                &format!(
                    "Resolving {h} ({h})... {addr}\nConnecting to {h} ({h})|{addr}|:{}... connected.\n",
                    url.port,
                    h = url.host
                ),
            );
            say(ctx, &format!("HTTP request sent, awaiting response... {} {}\n", resp.status, resp.reason));
        }
        if let Some(loc) = &resp.location {
            if flavor == Flavor::Gnu {
                say(ctx, &format!("Location: {loc} [following]\n"));
            }
            match Url::parse(loc) {
                Some(u) => url = u,
                None => return 8,
            }
            continue;
        }
        if resp.status >= 400 {
            if flavor == Flavor::Busybox {
                ctx.err(&format!("wget: server returned error: HTTP/1.1 {} {}\n", resp.status, resp.reason));
                return 1;
            }
            say(ctx, &format!("{} ERROR {}: {}.\n\n", date(ctx), resp.status, resp.reason));
            return 8;
        }
        return deliver(ctx, flavor, &url, resp, out, prefix, quiet, cont);
    }
    ctx.err("20 redirections exceeded.\n");
    8
}

fn failed(ctx: &mut Ctx<'_>, flavor: Flavor, url: &Url, e: FetchError, quiet: bool) -> i32 {
    let h = &url.host;
    if flavor == Flavor::Busybox {
        match e {
            FetchError::Refused(addr) => ctx.err(&format!(
                "Connecting to {h} ({addr}:{})\nwget: can't connect to remote host ({addr}): Connection refused\n",
                url.port
            )),
            _ => ctx.err(&format!("wget: bad address '{h}'\n")),
        }
        return 1;
    }
    if quiet {
        return 4;
    }
    match e {
        FetchError::UnknownHost => ctx.err(&format!("Resolving {h} ({h})... failed: Name or service not known.\nwget: unable to resolve host address '{h}'\n")),
        FetchError::NoResolver => ctx.err(&format!("Resolving {h} ({h})... failed: Temporary failure in name resolution.\nwget: unable to resolve host address '{h}'\n")),
        FetchError::Refused(addr) => {
            if h == "localhost" {
                ctx.err(&format!("Resolving localhost (localhost)... ::1, 127.0.0.1\nConnecting to localhost (localhost)|::1|:{p}... failed: Connection refused.\nConnecting to localhost (localhost)|127.0.0.1|:{p}... failed: Connection refused.\n", p = url.port));
            } else {
                ctx.err(&format!("Connecting to {h}:{}... failed: Connection refused.\n", url.port));
                let _ = addr;
            }
        }
    }
    4
}

#[allow(clippy::too_many_arguments)]
fn deliver(
    ctx: &mut Ctx<'_>,
    flavor: Flavor,
    url: &Url,
    resp: Response,
    out: Option<&str>,
    prefix: Option<&str>,
    quiet: bool,
    cont: bool,
) -> i32 {
    let size = resp.body.len();
    let to_stdout = out == Some("-");
    let mut target = match out {
        Some(o) => o.to_string(),
        None => {
            let base = url.file_name();
            match prefix {
                Some(p) => format!("{}/{base}", p.trim_end_matches('/')),
                None => base,
            }
        }
    };
    let exists = !to_stdout && ctx.fs.lookup(&ctx.cwd, &target, true).is_ok();
    if exists && cont {
        if ctx.fs.read(&ctx.cwd, &target).map(|c| c.len()).unwrap_or(0) >= size {
            if !quiet && flavor == Flavor::Gnu {
                ctx.err("\n    The file is already fully retrieved; nothing to do.\n\n");
            }
            return 0;
        }
    } else if exists && out.is_none() && flavor == Flavor::Gnu {
        // GNU wget never overwrites without -O: it picks NAME.1, NAME.2 …
        let mut n = 1;
        while ctx.fs.lookup(&ctx.cwd, &format!("{target}.{n}"), true).is_ok() {
            n += 1;
        }
        target = format!("{target}.{n}");
    } else if exists && out.is_none() {
        ctx.err(&format!("wget: can't open '{target}': File exists\n"));
        return 1;
    }
    let shown = if to_stdout { "STDOUT".to_string() } else { target.clone() };
    let speed = 2.0 + (seed_of(&url.host) % 900) as f64 / 100.0;
    if !quiet {
        match flavor {
            Flavor::Gnu => {
                ctx.err(&format!("Length: {size} ({}) [{}]\nSaving to: '{shown}'\n\n", wget_size(size), resp.mime));
                ctx.err(&dots(size, speed));
            }
            Flavor::Busybox => {
                if to_stdout {
                    ctx.err("writing to stdout\n");
                } else {
                    ctx.err(&format!("saving to '{target}'\n"));
                }
                let name: String = shown.chars().take(20).collect();
                ctx.err(&format!(
                    "{name:<20} 100% |********************************| {:>5}  0:00:00 ETA\n",
                    busybox_size(size)
                ));
            }
        }
    }
    if to_stdout {
        ctx.write_out(&resp.body.bytes());
    } else if let Err(e) = save(ctx, &target, resp.body) {
        ctx.err(&match flavor {
            Flavor::Gnu => format!("{target}: {e}\n"),
            Flavor::Busybox => format!("wget: can't open '{target}': {e}\n"),
        });
        return if flavor == Flavor::Gnu { 3 } else { 1 };
    }
    if !quiet {
        match flavor {
            Flavor::Gnu => {
                let end = strftime("%Y-%m-%d %H:%M:%S", ctx.now);
                let what = if to_stdout {
                    format!("written to stdout [{size}/{size}]")
                } else {
                    format!("'{target}' saved [{size}/{size}]")
                };
                ctx.err(&format!("{end} ({speed:.2} MB/s) - {what}\n\n"));
            }
            Flavor::Busybox if !to_stdout => ctx.err(&format!("'{target}' saved\n")),
            Flavor::Busybox => {}
        }
    }
    0
}

/// GNU wget's dot progress (what it prints when stderr is not a terminal): a dot per KiB,
/// fifty to a line.
fn dots(size: u64, speed_mb: f64) -> String {
    let kib = size.div_ceil(1024);
    let mut s = String::new();
    let lines = kib.div_ceil(50).max(1);
    for line in 0..lines {
        let start = line * 50;
        let n = (kib - start).min(50);
        let mut row = format!("{:>6}K", start);
        for i in 0..50 {
            if i % 10 == 0 {
                row.push(' ');
            }
            row.push(if i < n { '.' } else { ' ' });
        }
        let done = ((start + n) * 1024).min(size);
        let pct = done * 100 / size.max(1);
        if line + 1 == lines {
            let secs = size as f64 / (speed_mb * 1_048_576.0);
            row.push_str(&format!(" {pct:>3}% {:.2}M={secs:.1}s\n", speed_mb));
        } else {
            let left = (size - done) as f64 / (speed_mb * 1_048_576.0);
            row.push_str(&format!(" {pct:>3}% {:>4.1}M {:.0}s\n", speed_mb, left.ceil()));
        }
        s.push_str(&row);
    }
    s.push('\n');
    s
}

fn busybox_size(n: u64) -> String {
    if n < 100_000 {
        n.to_string()
    } else if n < 100_000 * 1024 {
        format!("{}k", n / 1024)
    } else {
        format!("{}M", n / 1024 / 1024)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::shell::programs::Network;
    use crate::shell::{Budget, Ctx};
    use crate::vfs::Tree;

    fn run_wget(t: &mut Tree, flavor: Flavor, net: Network, args: &[&str]) -> (i32, String, String) {
        let argv: Vec<String> = std::iter::once("wget").chain(args.iter().copied()).map(String::from).collect();
        let (mut out, mut err, mut b) = (Vec::new(), Vec::new(), Budget::default());
        let mut ctx = Ctx::new(t, b"", &mut out, &mut err, &mut b);
        ctx.network = net;
        ctx.now = 1_727_949_610;
        let code = run(&mut ctx, &argv, flavor);
        (code, String::from_utf8_lossy(&out).into_owned(), String::from_utf8_lossy(&err).into_owned())
    }

    #[test]
    fn gnu_wget_saves_to_the_output_document() {
        let mut t = Tree::new();
        let (code, _, err) = run_wget(
            &mut t,
            Flavor::Gnu,
            Network::default(),
            &["-O", "redis.tar.gz", "http://download.redis.io/releases/redis-5.0.3.tar.gz"],
        );
        assert_eq!(code, 0, "{err}");
        assert!(err.starts_with("--2024-10-03 10:00:10--  http://download.redis.io/releases/redis-5.0.3.tar.gz\nResolving download.redis.io (download.redis.io)... "), "{err}");
        assert!(err.contains("HTTP request sent, awaiting response... 200 OK\nLength: "), "{err}");
        assert!(err.contains("(1.9M) [application/x-gzip]\nSaving to: 'redis.tar.gz'\n\n     0K .......... .......... .......... .......... ..........   2%"), "{err}");
        assert!(err.contains(" MB/s) - 'redis.tar.gz' saved ["), "{err}");
        let n = t.get("/redis.tar.gz").unwrap().size();
        assert!(n > 1_950_000, "{n}");
        // Same URL, same bytes.
        run_wget(
            &mut t,
            Flavor::Gnu,
            Network::default(),
            &["-q", "-O", "again.tgz", "http://download.redis.io/releases/redis-5.0.3.tar.gz"],
        );
        assert_eq!(t.read("/", "/again.tgz").unwrap(), t.read("/", "/redis.tar.gz").unwrap());
    }

    #[test]
    fn failures_print_the_real_messages() {
        let mut t = Tree::new();
        let (code, _, err) = run_wget(&mut t, Flavor::Gnu, Network::default(), &["http://nonexistent.invalid/"]);
        assert_eq!(code, 4);
        assert!(err.ends_with("Resolving nonexistent.invalid (nonexistent.invalid)... failed: Name or service not known.\nwget: unable to resolve host address 'nonexistent.invalid'\n"), "{err}");
        let (code, _, err) = run_wget(&mut t, Flavor::Gnu, Network::none(), &["-q", "https://example.com/x"]);
        assert_eq!((code, err.as_str()), (4, ""));
        let (code, _, err) = run_wget(&mut t, Flavor::Busybox, Network::none(), &["https://example.com/x"]);
        assert_eq!((code, err.as_str()), (1, "wget: bad address 'example.com'\n"));
        let (code, _, err) = run_wget(&mut t, Flavor::Gnu, Network::default(), &[]);
        assert_eq!(code, 1);
        assert!(err.starts_with("wget: missing URL\n"));
    }

    #[test]
    fn stdout_and_busybox_forms() {
        let mut t = Tree::new();
        let (code, out, _) = run_wget(&mut t, Flavor::Gnu, Network::default(), &["-qO-", "https://example.com/"]);
        assert_eq!(code, 0);
        assert!(out.contains("<h1>example.com</h1>"));
        let (code, _, err) = run_wget(&mut t, Flavor::Busybox, Network::default(), &["https://example.com/app.bin"]);
        assert_eq!(code, 0);
        assert!(err.starts_with("Connecting to example.com ("), "{err}");
        assert!(
            err.contains(":443)\nsaving to 'app.bin'\napp.bin              100% |********************************| "),
            "{err}"
        );
        assert!(err.ends_with("'app.bin' saved\n"));
        // A second download without -O gets a new name in GNU wget.
        run_wget(&mut t, Flavor::Gnu, Network::default(), &["-q", "https://example.com/app.bin"]);
        assert!(t.get("/app.bin.1").is_some());
    }
}
