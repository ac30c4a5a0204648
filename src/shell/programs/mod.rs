//! Programs that talk to the simulated network or build software: `wget` (GNU and
//! busybox), `curl`, `ping`, `git clone`, `make`, the C compiler and `install`, and the binaries
//! such builds produce. Each program is its own module with its own tests; the shell
//! reaches them through [`applet`], [`shell_program`] and [`built`].

pub mod artifacts;
pub mod built;
pub mod cc;
pub mod curl;
pub mod git;
pub mod gobuild;
pub mod install;
pub mod make;
pub mod nc;
pub mod net;
pub mod npm_run;
pub mod ping;
pub mod redis_cli;
pub mod serve;
pub mod sources;
pub mod sql;
pub mod wget;

pub use net::Network;

use super::applet::AppletFn;

/// The applet for a program of this module (called by name, once the shell found the file).
pub fn applet(name: &str) -> Option<AppletFn> {
    Some(match name {
        "install" => install::install,
        "nc" | "netcat" => nc::nc,
        "ping" => ping::ping,
        "psql" => sql::psql,
        "mysql" | "mariadb" => sql::mysql,
        "redis-cli" => redis_cli::redis_cli,
        _ => return None,
    })
}

/// Programs that need the interpreter (they run recipes through the shell).
pub(crate) fn shell_program(name: &str) -> Option<super::run::ShellFn> {
    Some(match name {
        "make" | "gmake" => make::make,
        "npm" => npm_run::npm,
        _ => return None,
    })
}

/// A command line split into options and operands, GNU style: bundled short flags
/// (`-fsSL`), short options with a value (`-O FILE`, `-OFILE`), long options
/// (`--output=FILE`, `--output FILE`) and `--`.
#[derive(Debug, Default)]
pub struct Args {
    /// Options in order: the name (one character for short ones) and its value.
    pub opts: Vec<(String, Option<String>)>,
    /// Operands.
    pub operands: Vec<String>,
}

impl Args {
    /// Parses `args` (without `argv[0]`); `short_val` lists short options taking a value,
    /// `long_val` long ones.
    pub fn parse(args: &[String], short_val: &str, long_val: &[&str]) -> Args {
        let mut out = Args::default();
        let mut it = args.iter();
        while let Some(a) = it.next() {
            if a == "--" {
                out.operands.extend(it.by_ref().cloned());
                break;
            }
            if let Some(long) = a.strip_prefix("--") {
                match long.split_once('=') {
                    Some((k, v)) => out.opts.push((k.to_string(), Some(v.to_string()))),
                    None if long_val.contains(&long) => out.opts.push((long.to_string(), it.next().cloned())),
                    None => out.opts.push((long.to_string(), None)),
                }
                continue;
            }
            if a.len() > 1 && a.starts_with('-') {
                let chars: Vec<char> = a[1..].chars().collect();
                for (i, c) in chars.iter().enumerate() {
                    if short_val.contains(*c) {
                        let rest: String = chars[i + 1..].iter().collect();
                        let v = if rest.is_empty() { it.next().cloned() } else { Some(rest) };
                        out.opts.push((c.to_string(), v));
                        break;
                    }
                    out.opts.push((c.to_string(), None));
                }
                continue;
            }
            out.operands.push(a.clone());
        }
        out
    }

    /// True when any of `names` was given.
    pub fn has(&self, names: &[&str]) -> bool {
        self.opts.iter().any(|(k, _)| names.contains(&k.as_str()))
    }

    /// The last value given for any of `names`.
    pub fn value(&self, names: &[&str]) -> Option<String> {
        self.opts.iter().rev().find(|(k, _)| names.contains(&k.as_str())).and_then(|(_, v)| v.clone())
    }
}

/// The page nginx serves out of the box (`/usr/share/nginx/html/index.html`).
pub fn nginx_welcome() -> String {
    "<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>\n<style>\nhtml { color-scheme: light dark; }\nbody { width: 35em; margin: 0 auto;\nfont-family: Tahoma, Verdana, Arial, sans-serif; }\n</style>\n</head>\n<body>\n<h1>Welcome to nginx!</h1>\n<p>If you see this page, the nginx web server is successfully installed and\nworking. Further configuration is required.</p>\n\n<p>For online documentation and support please refer to\n<a href=\"http://nginx.org/\">nginx.org</a>.<br/>\nCommercial support is available at\n<a href=\"http://nginx.com/\">nginx.com</a>.</p>\n\n<p><em>Thank you for using nginx.</em></p>\n</body>\n</html>\n".to_string()
}

/// Writes a downloaded body to `path` (relative to the working directory), as the user.
pub fn save(ctx: &mut super::Ctx<'_>, path: &str, body: crate::vfs::Content) -> Result<String, String> {
    match crate::vfs::path::normalize(&ctx.cwd, path).as_str() {
        "/dev/null" => return Ok("/dev/null".into()),
        "/dev/stdout" => {
            ctx.write_out(&body.bytes());
            return Ok("/dev/stdout".into());
        }
        _ => {}
    }
    let n = body.len() as usize;
    if ctx.allow(n) < n {
        return Err("No space left on device".into());
    }
    let meta = crate::vfs::Meta { mode: 0o666 & !ctx.umask, uid: ctx.uid, gid: ctx.gid, mtime: ctx.now };
    let cwd = ctx.cwd.clone();
    ctx.fs.write_file(&cwd, path, body, meta).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::Args;

    fn v(s: &[&str]) -> Vec<String> {
        s.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn gnu_style_options() {
        let a = Args::parse(&v(&["-fsSL", "-o", "out", "--retry", "3", "--output=x", "u"]), "o", &["retry"]);
        assert!(a.has(&["f"]) && a.has(&["L"]) && a.has(&["S"]));
        assert_eq!(a.value(&["o", "output"]), Some("x".into()));
        assert_eq!(a.value(&["retry"]), Some("3".into()));
        assert_eq!(a.operands, v(&["u"]));
        let b = Args::parse(&v(&["-O-", "-q", "url"]), "O", &[]);
        assert_eq!(b.value(&["O"]), Some("-".into()));
    }
}
