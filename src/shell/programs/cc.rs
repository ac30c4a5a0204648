//! The C compiler driver (`gcc`, `cc`, `g++` …): compiles sources to synthetic object files
//! and links objects into synthetic ELF executables whose sizes follow their sources
//! (static vs dynamic, `-s` strips). Missing headers fail as gcc does. The version a source
//! tree defines (`#define REDIS_VERSION "5.0.3"`, reached through its `#include "…"`s) is
//! carried into the objects and the executable, so the program runs as what it is
//! (see [`super::built`]).

use crate::shell::Ctx;
use crate::vfs::{path, Content, Meta};

/// Headers that come with the C library's development package (libc6-dev, musl-dev).
const LIBC_HEADERS: &[&str] = &[
    "stdio.h",
    "stdlib.h",
    "string.h",
    "unistd.h",
    "errno.h",
    "stdint.h",
    "signal.h",
    "time.h",
    "fcntl.h",
    "pthread.h",
    "math.h",
    "sys/types.h",
    "sys/socket.h",
    "netinet/in.h",
];

/// What a synthetic object or executable header says about it.
pub const OBJECT_LABEL: &str = "ELF 64-bit LSB relocatable, x86-64";
/// The label prefix of executables this compiler links.
pub const EXEC_LABEL: &str = "ELF 64-bit LSB executable, x86-64";

/// Runs the compiler `cmd` with `args` (after `--version` was handled by the caller).
pub fn compile(ctx: &mut Ctx<'_>, cmd: &str, args: &[String], musl: bool) -> i32 {
    let mut out: Option<String> = None;
    let (mut sources, mut objects) = (Vec::new(), Vec::new());
    let (mut only_compile, mut is_static, mut strip, mut shared) = (false, false, false, false);
    let mut include_dirs: Vec<String> = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "-o" => out = it.next().cloned(),
            "-c" | "-S" | "-E" => only_compile = true,
            "-static" => is_static = true,
            "-s" => strip = true,
            "-shared" => shared = true,
            "-I" => include_dirs.extend(it.next().cloned()),
            "-L" | "-D" | "-l" | "-x" | "-include" | "-MT" | "-MF" | "-MQ" | "-isystem" | "-U" => {
                it.next();
            }
            s if s.starts_with("-I") => include_dirs.push(s[2..].to_string()),
            s if s.starts_with('-') => {}
            s if is_source(s) => sources.push(s.to_string()),
            s => objects.push(s.to_string()),
        }
    }
    if sources.is_empty() && objects.is_empty() {
        ctx.err(&format!("{cmd}: fatal error: no input files\ncompilation terminated.\n"));
        return 1;
    }
    let cwd = ctx.cwd.clone();
    let meta = Meta { mode: 0o644, uid: ctx.uid, gid: ctx.gid, mtime: ctx.now };
    // Compile each source to an object (kept in memory when linking directly).
    let mut compiled: Vec<(String, u64, String)> = Vec::new();
    for s in &sources {
        let text = match ctx.fs.read(&cwd, s) {
            Ok(c) => String::from_utf8_lossy(&c.head(4_000_000)).into_owned(),
            Err(_) => {
                ctx.err(&format!("{cmd}: error: {s}: No such file or directory\n{cmd}: fatal error: no input files\ncompilation terminated.\n"));
                return 1;
            }
        };
        let mut version = String::new();
        if let Err(msg) = scan(ctx, s, &text, &include_dirs, 0, &mut version) {
            ctx.err(&msg);
            return 1;
        }
        let obj_name = match (&out, only_compile) {
            (Some(o), true) if sources.len() == 1 => o.clone(),
            _ => format!("{}.o", path::file_name(s).rsplit_once('.').map_or(s.as_str(), |(b, _)| b)),
        };
        compiled.push((obj_name, 1_500 + text.len() as u64 * 2, version));
    }
    if only_compile {
        for (o, size, version) in &compiled {
            let c = Content::synthetic(
                *size,
                crate::shell::programs::net::seed_of(&format!("{cwd}/{o}")),
                &format!("{OBJECT_LABEL} {o} {}", or_dash(version)),
            );
            if let Err(e) = ctx.fs.write_file(&cwd, o, c, meta) {
                ctx.err(&format!("{cmd}: fatal error: opening output file {o}: {e}\ncompilation terminated.\n"));
                return 1;
            }
        }
        return 0;
    }
    // Link.
    let mut total = 0u64;
    let mut version = String::new();
    for (_, size, v) in &compiled {
        total += size;
        if version.is_empty() {
            version = v.clone();
        }
    }
    for o in &objects {
        match ctx.fs.read(&cwd, o) {
            Ok(c) => {
                total += c.len();
                if version.is_empty() {
                    version = label_version(&c).unwrap_or_default();
                }
            }
            Err(_) => {
                ctx.err(&format!("/usr/bin/ld: cannot find {o}: No such file or directory\ncollect2: error: ld returned 1 exit status\n"));
                return 1;
            }
        }
    }
    let o = out.unwrap_or_else(|| "a.out".into());
    let mut size = 14_000 + total * 7 / 10;
    if is_static {
        size += if musl { 30_000 } else { 760_000 };
    }
    if cmd.contains("++") {
        size += if is_static { 1_900_000 } else { 2_000 };
    }
    if strip {
        size = size * 3 / 10;
    }
    let kind = if shared {
        "shared object"
    } else if is_static {
        "statically linked"
    } else {
        "dynamically linked"
    };
    let label = format!(
        "{EXEC_LABEL} {} {} ({kind}{})",
        path::file_name(&o),
        or_dash(&version),
        if strip { ", stripped" } else { ", with debug_info, not stripped" }
    );
    let c = Content::synthetic(size, crate::shell::programs::net::seed_of(&format!("{label}{total}")), &label);
    match ctx.fs.write_file(&cwd, &o, c, Meta { mode: 0o755, ..meta }) {
        Ok(_) => 0,
        Err(e) => {
            ctx.err(&format!(
                "/usr/bin/ld: cannot open output file {o}: {e}\ncollect2: error: ld returned 1 exit status\n"
            ));
            1
        }
    }
}

fn or_dash(v: &str) -> &str {
    if v.is_empty() {
        "-"
    } else {
        v
    }
}

fn is_source(s: &str) -> bool {
    [".c", ".cc", ".cpp", ".cxx", ".C", ".s", ".S"].iter().any(|e| s.ends_with(e))
}

/// The version a synthetic object's label records.
pub fn label_version(c: &Content) -> Option<String> {
    let head = c.head(300);
    let text = String::from_utf8_lossy(&head);
    let rest = text.split_once(OBJECT_LABEL)?.1;
    let v = rest.split_whitespace().nth(1)?;
    (v != "-").then(|| v.to_string())
}

/// Follows `#include`s (checking that they exist, as the preprocessor does) and records the
/// first `#define …VERSION "x"`.
fn scan(
    ctx: &Ctx<'_>,
    file: &str,
    text: &str,
    dirs: &[String],
    depth: usize,
    version: &mut String,
) -> Result<(), String> {
    let dir = path::parent(&path::normalize(&ctx.cwd, file)).to_string();
    for (n, line) in text.lines().enumerate() {
        let l = line.trim_start();
        if let Some(rest) = l.strip_prefix("#define ") {
            let mut parts = rest.split_whitespace();
            if let (Some(name), Some(val)) = (parts.next(), parts.next()) {
                if version.is_empty() && name.ends_with("VERSION") && val.starts_with('"') && val.len() > 2 {
                    *version = val.trim_matches('"').to_string();
                }
            }
            continue;
        }
        let Some(inc) = l.strip_prefix("#include").map(str::trim) else { continue };
        let fatal = |h: &str, col: usize| {
            format!("{file}:{}:10: fatal error: {h}: No such file or directory\n{:>5} | {line}\n      | {}^{}\ncompilation terminated.\n", n + 1, n + 1, " ".repeat(col), "~".repeat(h.len() + 1))
        };
        if let Some(h) = inc.strip_prefix('<').and_then(|h| h.strip_suffix('>')) {
            if LIBC_HEADERS.contains(&h) && ctx.fs.lookup("/", "/usr/include/stdio.h", true).is_err() {
                return Err(fatal(h, 9));
            }
        } else if let Some(h) = inc.strip_prefix('"').and_then(|h| h.strip_suffix('"')) {
            let cands = std::iter::once(dir.clone()).chain(dirs.iter().map(|d| path::normalize(&ctx.cwd, d)));
            let found =
                cands.map(|d| path::join(&d, h)).find(|p| ctx.fs.lookup("/", p, true).is_ok_and(|(_, n)| n.is_file()));
            match found {
                Some(p) if depth < 4 => {
                    let t = ctx
                        .fs
                        .read("/", &p)
                        .map(|c| String::from_utf8_lossy(&c.head(200_000)).into_owned())
                        .unwrap_or_default();
                    scan(ctx, &p, &t, dirs, depth + 1, version)?;
                }
                Some(_) => {}
                None => return Err(fatal(h, 9)),
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::shell::Budget;
    use crate::vfs::Tree;

    fn cc(t: &mut Tree, args: &[&str]) -> (i32, String) {
        let (mut o, mut e, mut b) = (Vec::new(), Vec::new(), Budget::default());
        let mut ctx = Ctx::new(t, b"", &mut o, &mut e, &mut b);
        ctx.cwd = "/src".into();
        let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        let code = compile(&mut ctx, "cc", &args, false);
        (code, String::from_utf8_lossy(&e).into_owned())
    }

    fn tree() -> Tree {
        let mut t = Tree::new();
        let m = Meta::root(0o644);
        t.mkdir_all("/", "/usr/include", Meta::root(0o755)).unwrap();
        t.mkdir_all("/", "/src", Meta::root(0o755)).unwrap();
        t.write_file("/", "/usr/include/stdio.h", "/* stdio */\n".into(), m).unwrap();
        t.write_file("/", "/src/version.h", "#define APP_VERSION \"2.1.0\"\n".into(), m).unwrap();
        t.write_file(
            "/",
            "/src/main.c",
            "#include <stdio.h>\n#include \"version.h\"\nint main(void) { return 0; }\n".repeat(200).into(),
            m,
        )
        .unwrap();
        t
    }

    #[test]
    fn objects_link_into_executables_carrying_the_version() {
        let mut t = tree();
        assert_eq!(cc(&mut t, &["-O2", "-c", "main.c"]).0, 0);
        assert!(t.get("/src/main.o").is_some());
        assert_eq!(cc(&mut t, &["-o", "app", "main.o"]).0, 0);
        assert_eq!(cc(&mut t, &["-s", "-o", "app-stripped", "main.o"]).0, 0);
        assert_eq!(cc(&mut t, &["-static", "-o", "app-static", "main.o"]).0, 0);
        let size = |p: &str| t.get(p).unwrap().size();
        assert!(size("/src/app-stripped") < size("/src/app") && size("/src/app") < size("/src/app-static"));
        let head = String::from_utf8_lossy(&t.read("/", "/src/app").unwrap().head(200)).into_owned();
        assert!(head.contains("ELF 64-bit LSB executable, x86-64 app 2.1.0 (dynamically linked"), "{head}");
        assert_eq!(t.get("/src/app").unwrap().meta.mode, 0o755);
    }

    #[test]
    fn missing_headers_and_objects_fail_like_gcc() {
        let mut t = tree();
        t.remove("/", "/usr/include/stdio.h", false).unwrap();
        let (code, err) = cc(&mut t, &["-c", "main.c"]);
        assert_eq!(code, 1);
        assert!(
            err.starts_with(
                "main.c:1:10: fatal error: stdio.h: No such file or directory\n    1 | #include <stdio.h>\n"
            ),
            "{err}"
        );
        let (code, err) = cc(&mut t, &["-o", "x", "nothere.o"]);
        assert_eq!(code, 1);
        assert!(err.contains("collect2: error: ld returned 1 exit status"));
    }
}
