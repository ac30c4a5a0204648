//! Helpers shared by applets: reading inputs, writing files, error messages, option parsing.

use super::wording::{message, Failed, Tool};
use crate::shell::applet::Ctx;
use crate::vfs::{Content, FsError, Meta};

/// Prints `name: msg` to standard error.
pub fn fail(ctx: &mut Ctx<'_>, name: &str, msg: &str) {
    ctx.err(&format!("{name}: {msg}\n"));
}

/// Reads a file (or `-` for standard input) fully.
pub fn read_input(ctx: &mut Ctx<'_>, path: &str) -> Result<Vec<u8>, FsError> {
    if path == "-" || path == "/dev/stdin" {
        return Ok(ctx.input().to_vec());
    }
    if path == "/dev/null" || path == "/dev/zero" {
        return Ok(Vec::new());
    }
    Ok(ctx.fs.read(&ctx.cwd, path)?.bytes().into_owned())
}

/// Reads every named file in turn (standard input when none), printing errors for missing
/// ones; returns the data per file and whether any failed.
pub fn read_all(ctx: &mut Ctx<'_>, name: &str, files: &[String]) -> (Vec<(String, Vec<u8>)>, bool) {
    let mut out = Vec::new();
    let mut failed = false;
    if files.is_empty() {
        out.push(("-".to_string(), ctx.input().to_vec()));
        return (out, false);
    }
    for f in files {
        match read_input(ctx, f) {
            Ok(d) => out.push((f.clone(), d)),
            Err(e) => {
                let tool = Tool::of(ctx);
                let msg = match name {
                    "head" | "tail" => message(tool, Failed::OpenRead(f), e),
                    "sort" => message(tool, Failed::SortRead(f), e),
                    _ => format!("{f}: {e}"),
                };
                fail(ctx, name, &msg);
                failed = true;
            }
        }
    }
    (out, failed)
}

/// Metadata for a new file created by the applet (umask applied).
pub fn new_meta(ctx: &Ctx<'_>, mode: u32) -> Meta {
    Meta { mode: mode & !ctx.umask, uid: ctx.uid, gid: ctx.gid, mtime: ctx.now }
}

/// Writes a whole file, charging the write budget; `/dev/null` swallows, `/dev/stdout` and
/// `/dev/stderr` print.
pub fn write_file(ctx: &mut Ctx<'_>, path: &str, data: Vec<u8>) -> Result<(), FsError> {
    match path {
        "/dev/null" => return Ok(()),
        "/dev/stdout" | "-" => {
            ctx.write_out(&data);
            return Ok(());
        }
        "/dev/stderr" => {
            ctx.err(&String::from_utf8_lossy(&data));
            return Ok(());
        }
        _ => {}
    }
    let n = ctx.allow(data.len());
    let mut data = data;
    data.truncate(n);
    let meta = new_meta(ctx, 0o666);
    ctx.fs.write_file(&ctx.cwd.clone(), path, Content::from(data), meta)?;
    Ok(())
}

/// Splits argv into short flags (as a set of chars) and operands; `--` ends options.
/// Flags listed in `with_value` take the next argument (or the rest of the cluster).
pub struct Opts {
    /// Flags seen, in order, with values for those that take one.
    pub flags: Vec<(char, Option<String>)>,
    /// Non-option arguments.
    pub args: Vec<String>,
}

impl Opts {
    /// Parses `argv[1..]`.
    pub fn parse(argv: &[String], with_value: &str) -> Opts {
        let mut flags = Vec::new();
        let mut args = Vec::new();
        let mut i = 1;
        let mut done = false;
        while i < argv.len() {
            let a = &argv[i];
            if done || a == "-" || !a.starts_with('-') || a.len() < 2 {
                args.push(a.clone());
                i += 1;
                continue;
            }
            if a == "--" {
                done = true;
                i += 1;
                continue;
            }
            if let Some(long) = a.strip_prefix("--") {
                flags.push(('-', Some(long.to_string())));
                i += 1;
                continue;
            }
            let cs: Vec<char> = a[1..].chars().collect();
            let mut k = 0;
            while k < cs.len() {
                let c = cs[k];
                if with_value.contains(c) {
                    let rest: String = cs[k + 1..].iter().collect();
                    let v = if !rest.is_empty() {
                        rest
                    } else {
                        i += 1;
                        argv.get(i).cloned().unwrap_or_default()
                    };
                    flags.push((c, Some(v)));
                    break;
                }
                flags.push((c, None));
                k += 1;
            }
            i += 1;
        }
        Opts { flags, args }
    }

    /// True when the flag was given.
    pub fn has(&self, c: char) -> bool {
        self.flags.iter().any(|(f, _)| *f == c)
    }

    /// The last value of a flag.
    pub fn val(&self, c: char) -> Option<&str> {
        self.flags.iter().rev().find(|(f, _)| *f == c).and_then(|(_, v)| v.as_deref())
    }

    /// True when the long option `--name` was given.
    pub fn long(&self, name: &str) -> bool {
        self.flags
            .iter()
            .any(|(f, v)| *f == '-' && v.as_deref().is_some_and(|v| v == name || v.starts_with(&format!("{name}="))))
    }
}

/// Splits data into lines without their terminators (a final unterminated line included).
pub fn lines(data: &[u8]) -> Vec<String> {
    let s = String::from_utf8_lossy(data);
    let mut v: Vec<String> = s.split('\n').map(String::from).collect();
    if v.last().is_some_and(|l| l.is_empty()) {
        v.pop();
    }
    v
}
