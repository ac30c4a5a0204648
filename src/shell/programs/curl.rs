//! `curl`: its command line (`-fsSL`, `-o`, `-O`, `-L`, `-I`, `-i`, `--retry` …), its
//! progress meter, and its error messages and exit codes.

use super::net::{fetch_as, seed_of, FetchError, Response, Url};
use super::{save, Args};
use crate::shell::Ctx;

const LONG_VALUES: &[&str] = &[
    "output",
    "retry",
    "retry-delay",
    "retry-max-time",
    "header",
    "request",
    "data",
    "data-raw",
    "data-binary",
    "user-agent",
    "user",
    "connect-timeout",
    "max-time",
    "write-out",
    "proto",
    "proto-redir",
    "cacert",
    "form",
    "referer",
    "cookie",
    "continue-at",
];

/// The `curl` program; `version` is the upstream version of the installed package.
pub fn curl(ctx: &mut Ctx<'_>, argv: &[String], version: &str) -> i32 {
    let a = Args::parse(argv.get(1..).unwrap_or(&[]), "oXHdAuwmCeEF", LONG_VALUES);
    let silent = a.has(&["s", "silent"]);
    let show_errors = !silent || a.has(&["S", "show-error"]);
    let fail = a.has(&["f", "fail"]);
    let follow = a.has(&["L", "location"]);
    let head = a.has(&["I", "head"]);
    let include = a.has(&["i", "include"]);
    let remote_name = a.has(&["O", "remote-name"]);
    let output = a.value(&["o", "output"]);
    let new_style = !version.starts_with('7');
    let Some(raw) = a.operands.first() else {
        ctx.err("curl: no URL specified!\ncurl: try 'curl --help' or 'curl --manual' for more information\n");
        return 2;
    };
    let err = |ctx: &mut Ctx<'_>, code: i32, msg: &str| {
        if show_errors {
            ctx.err(&format!("curl: ({code}) {msg}\n"));
        }
        code
    };
    let Some(mut url) = Url::parse(raw) else {
        return err(ctx, 3, "URL rejected: Malformed input to a URL function");
    };
    if !matches!(url.scheme.as_str(), "http" | "https" | "ftp" | "file") {
        return err(
            ctx,
            1,
            &format!(
                "Protocol \"{}\" not supported{}",
                url.scheme,
                if new_style { "" } else { " or disabled in libcurl" }
            ),
        );
    }
    let mut headers_out = String::new();
    let resp = loop {
        let resp = match fetch_as(&url, &ctx.network, ctx.fs, &format!("curl/{version}")) {
            Ok((_, r)) => r,
            Err(FetchError::UnknownHost | FetchError::NoResolver) => {
                return err(ctx, 6, &format!("Could not resolve host: {}", url.host))
            }
            Err(FetchError::Refused(_)) => {
                let why = if new_style { "Couldn't connect to server" } else { "Connection refused" };
                return err(ctx, 7, &format!("Failed to connect to {} port {} after 0 ms: {why}", url.host, url.port));
            }
        };
        if head || include {
            headers_out.push_str(&header_block(&resp, ctx.now));
        }
        match (&resp.location, follow) {
            (Some(loc), true) => match Url::parse(loc) {
                Some(u) => url = u,
                None => return err(ctx, 3, "URL rejected: Malformed input to a URL function"),
            },
            _ => break resp,
        }
    };
    if fail && resp.status >= 400 {
        return err(ctx, 22, &format!("The requested URL returned error: {}", resp.status));
    }
    let target = if let Some(o) = output {
        Some(o)
    } else if remote_name {
        let name = url.path.split('?').next().unwrap_or("").rsplit('/').next().unwrap_or("").to_string();
        if name.is_empty() {
            if show_errors {
                ctx.err("curl: Remote file name has no length!\ncurl: (23) Failed writing received data to disk/application\n");
            }
            return 23;
        }
        Some(name)
    } else {
        None
    };
    let body = if head { crate::vfs::Content::default() } else { resp.body.clone() };
    let size = body.len();
    let meter = !silent && !a.has(&["#", "progress-bar"]) && (target.is_some() || ctx.io.pipe_room.is_some());
    if meter {
        let speed = 1_048_576 * (2 + seed_of(&url.host) % 9);
        let (s, d) = (curl_size(size), curl_size(speed));
        ctx.err(&format!(
            "  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n                                 Dload  Upload   Total   Spent    Left  Speed\n100 {s:>5}  100 {s:>5}    0     0  {d:>5}      0 --:--:-- --:--:-- --:--:-- {d:>5}\n"
        ));
    }
    match target {
        Some(t) if t != "-" => {
            let mut data = headers_out.into_bytes();
            let content = if data.is_empty() {
                body
            } else {
                data.extend_from_slice(&body.bytes());
                crate::vfs::Content::from(data)
            };
            if save(ctx, &t, content).is_err() {
                let msg = if new_style { "Failure writing output to destination" } else { "Failed writing body" };
                return err(ctx, 23, msg);
            }
        }
        _ => {
            ctx.out(&headers_out);
            ctx.write_out(&body.bytes());
        }
    }
    if let Some(fmt) = a.value(&["w", "write-out"]) {
        let text = fmt
            .replace("%{http_code}", &resp.status.to_string())
            .replace("%{response_code}", &resp.status.to_string())
            .replace("%{size_download}", &size.to_string())
            .replace("%{content_type}", resp.mime)
            .replace("%{url_effective}", &url.to_text())
            .replace("\\n", "\n");
        ctx.out(&text);
    }
    0
}

/// A `curl` binary no package accounts for (a static build copied into the image).
pub fn standalone(ctx: &mut Ctx<'_>, argv: &[String]) -> i32 {
    curl(ctx, argv, "8.9.1")
}

fn header_block(r: &Response, now: i64) -> String {
    let date = crate::shell::applets::info::strftime("%a, %d %b %Y %H:%M:%S GMT", now);
    let mut h = format!(
        "HTTP/1.1 {} {}\r\nServer: nginx\r\nDate: {date}\r\nContent-Type: {}\r\nContent-Length: {}\r\n",
        r.status,
        r.reason,
        r.mime,
        r.body.len()
    );
    if let Some(l) = &r.location {
        h.push_str(&format!("Location: {l}\r\n"));
    }
    h.push_str("\r\n");
    h
}

/// A size as curl's meter prints it in five columns.
fn curl_size(n: u64) -> String {
    if n < 100_000 {
        n.to_string()
    } else if n < 10_000 * 1024 {
        format!("{}k", n / 1024)
    } else if n < 100 * 1024 * 1024 {
        format!("{}.{}M", n / 1_048_576, (n % 1_048_576) * 10 / 1_048_576)
    } else {
        format!("{}M", n / 1_048_576)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::shell::programs::Network;
    use crate::shell::Budget;
    use crate::vfs::Tree;

    fn run(t: &mut Tree, net: Network, args: &[&str]) -> (i32, String, String) {
        let argv: Vec<String> = std::iter::once("curl").chain(args.iter().copied()).map(String::from).collect();
        let (mut out, mut err, mut b) = (Vec::new(), Vec::new(), Budget::default());
        let mut ctx = Ctx::new(t, b"", &mut out, &mut err, &mut b);
        ctx.network = net;
        let code = curl(&mut ctx, &argv, "7.88.1");
        (code, String::from_utf8_lossy(&out).into_owned(), String::from_utf8_lossy(&err).into_owned())
    }

    #[test]
    fn downloads_and_meter() {
        let mut t = Tree::new();
        let (code, out, err) = run(&mut t, Network::default(), &["-fsSL", "https://example.com/"]);
        assert_eq!((code, err.as_str()), (0, ""));
        assert!(out.contains("<title>example.com</title>"));
        let (code, _, err) =
            run(&mut t, Network::default(), &["-o", "/nginx.tgz", "https://nginx.org/download/nginx-1.26.2.tar.gz"]);
        assert_eq!(code, 0);
        assert!(
            err.starts_with("  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n"),
            "{err}"
        );
        let s = curl_size(t.get("/nginx.tgz").unwrap().size());
        assert!(err.contains(&format!("\n100 {s:>5}  100 {s:>5}    0     0  ")), "{err}");
        assert!(s.ends_with('k') && s.len() == 5, "{s}");
        let (code, _, _) = run(
            &mut t,
            Network::default(),
            &["-sLO", "https://github.com/krallin/tini/releases/download/v0.19.0/tini"],
        );
        assert_eq!(code, 0);
        assert!(t.get("/tini").unwrap().size() > 10_000);
    }

    #[test]
    fn errors_and_exit_codes() {
        let mut t = Tree::new();
        assert_eq!(
            run(&mut t, Network::default(), &["-fsSL", "http://nonexistent.invalid/"]),
            (6, String::new(), "curl: (6) Could not resolve host: nonexistent.invalid\n".into())
        );
        assert_eq!(run(&mut t, Network::none(), &["-fsL", "https://example.com/"]), (6, String::new(), String::new()));
        assert_eq!(run(&mut t, Network::default(), &["-s", "http://localhost:8080/"]).0, 7);
        assert_eq!(
            run(&mut t, Network::default(), &["-S", "-s", "http://localhost:8080/"]).2,
            "curl: (7) Failed to connect to localhost port 8080 after 0 ms: Connection refused\n"
        );
        assert_eq!(run(&mut t, Network::default(), &[]).0, 2);
        let (code, out, _) = run(&mut t, Network::default(), &["-sI", "https://example.com/"]);
        assert_eq!(code, 0);
        assert!(out.starts_with("HTTP/1.1 200 OK\r\n"));
    }
}
