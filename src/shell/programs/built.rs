//! Executables linked by the simulated compiler run as the program they are: their header
//! names the program and the version of the source tree they came from, so
//! `redis-server --version` after `make install` prints the tarball's version.

use super::cc::EXEC_LABEL;
use crate::shell::Ctx;
use crate::vfs::{path, Content};

/// A program built from source: its name and version (`-` when the tree defined none).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Built {
    /// The name it was linked as (`redis-server`).
    pub name: String,
    /// The version its sources define.
    pub version: String,
}

/// Reads the identity of an executable linked by [`super::cc`].
pub fn identify(c: &Content) -> Option<Built> {
    let head = c.head(300);
    let text = String::from_utf8_lossy(&head);
    let rest = text.split_once(EXEC_LABEL)?.1;
    let mut words = rest.split_whitespace();
    let name = words.next()?.to_string();
    let version = words.next()?.to_string();
    Some(Built { name, version })
}

/// Where an executable's label keeps what its `main` prints (escaped on one line).
pub const PRINTS: &str = " main-prints:";

/// What `main` prints: the string literals of the print calls (`calls`: the call's
/// opening text and whether it adds a newline) after `start`, in order. Formats with
/// verbs or placeholders need their arguments and are not modelled.
pub fn main_prints(src: &str, start: &str, calls: &[(&str, bool)]) -> String {
    let Some(at) = src.find(start) else { return String::new() };
    let mut rest = &src[at..];
    let mut out = String::new();
    loop {
        let next = calls.iter().filter_map(|(c, nl)| rest.find(c).map(|i| (i, c.len(), *nl))).min();
        let Some((i, len, newline)) = next else { break };
        rest = &rest[i + len..];
        let Some(lit) = rest.strip_prefix('"') else { continue };
        let Some(end) = lit.find('"') else { break };
        let text = lit[..end].replace("\\n", "\n").replace("\\t", "\t");
        rest = &lit[end..];
        if text.contains('%') || text.contains('{') {
            continue;
        }
        out.push_str(&text);
        if newline {
            out.push('\n');
        }
    }
    out
}

/// `text` on one line: backslashes and newlines escaped (for [`PRINTS`]).
pub fn escape(text: &str) -> String {
    text.replace('\\', "\\\\").replace('\n', "\\n")
}

/// What an executable built here prints when run, if its label says.
pub fn run_output(c: &Content) -> Option<String> {
    let label = c.label()?;
    let escaped = &label[label.find(PRINTS)? + PRINTS.len()..];
    let (mut out, mut chars) = (String::new(), escaped.chars());
    while let Some(ch) = chars.next() {
        if ch != '\\' {
            out.push(ch);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some(other) => out.push(other),
            None => {}
        }
    }
    Some(out)
}

/// The applet for built executables. The shell puts the executed file's path in `_` (as
/// bash does); the identity comes from that file.
pub fn program(ctx: &mut Ctx<'_>, argv: &[String]) -> i32 {
    let file = ctx.env.get("_").cloned().unwrap_or_default();
    let cwd = ctx.cwd.clone();
    let content = ctx.fs.read(&cwd, &file).ok();
    if let Some(text) = content.as_ref().and_then(run_output) {
        ctx.out(&text);
        return 0;
    }
    let Some(b) = content.as_ref().and_then(identify) else {
        ctx.err(&format!("{}: cannot execute binary file\n", argv.first().map(String::as_str).unwrap_or("")));
        return 126;
    };
    let invoked = path::file_name(argv.first().map(String::as_str).unwrap_or("")).to_string();
    let args = &argv[1.min(argv.len())..];
    let v = &b.version;
    let wants_version = args.iter().any(|a| matches!(a.as_str(), "--version" | "-v" | "-V" | "version"));
    if b.name == "redis-cli" && !wants_version {
        return super::redis_cli::redis_cli(ctx, argv);
    }
    if wants_version {
        match b.name.as_str() {
            "redis-server" => {
                let build = format!("{:016x}", super::net::seed_of(&format!("redis-server {v}")));
                // redis-sentinel, -check-rdb and -check-aof are the server binary under other names.
                ctx.out(&format!("Redis server v={v} sha=00000000:0 malloc=jemalloc-5.1.0 bits=64 build={build}\n"));
            }
            "nginx" => ctx.err(&format!("nginx version: nginx/{v}\n")),
            n if n.starts_with("python") => ctx.out(&format!("Python {v}\n")),
            n => ctx.out(&format!("{} {v}\n", if invoked.is_empty() { n } else { &invoked })),
        }
        return 0;
    }
    ctx.err(&format!(
        "layerlab: '{invoked}' was built from source ({} {v}); it is simulated: only its version is modelled\n",
        b.name
    ));
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_name_the_program_and_version() {
        let c = Content::synthetic(
            5_000_000,
            1,
            &format!("{EXEC_LABEL} redis-server 5.0.3 (dynamically linked, not stripped)"),
        );
        assert_eq!(identify(&c), Some(Built { name: "redis-server".into(), version: "5.0.3".into() }));
        // Also after a round trip through a layer tar (stored bytes).
        assert_eq!(identify(&Content::from(c.bytes().into_owned())).unwrap().version, "5.0.3");
        assert_eq!(identify(&Content::synthetic(100, 1, "busybox")), None);
    }
}
