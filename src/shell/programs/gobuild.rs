//! `go build`: the module's name and sources decide the executable (named after the
//! module path's last element, or `-o`), its size (grows with the packages imported and
//! the source, shrinks with `-ldflags "-s -w"`), and its linking (static unless cgo is on
//! and a package needs libc). The executable runs as the program it is: it prints what
//! its `main` prints with `fmt.Println`/`fmt.Printf`.

use super::built::{main_prints, PRINTS};
use super::cc::EXEC_LABEL;
use crate::shell::Ctx;
use crate::vfs::{path, Content, Meta};

/// Packages that make a cgo build link dynamically against libc.
const CGO_PACKAGES: &[&str] = &["\"net\"", "\"net/http\"", "\"os/user\""];

/// `go build [-o OUT] [-ldflags FLAGS] [PACKAGES|FILES]` in the current directory.
pub fn build(ctx: &mut Ctx<'_>, args: &[String]) -> i32 {
    let (mut out, mut ldflags, mut targets) = (None, String::new(), Vec::new());
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "-o" => out = it.next().cloned(),
            "-ldflags" => ldflags = it.next().cloned().unwrap_or_default(),
            s if s.starts_with("-ldflags=") => ldflags = s["-ldflags=".len()..].trim_matches(['\'', '"']).to_string(),
            s if s.starts_with("-o=") => out = Some(s[3..].to_string()),
            "-tags" | "-gcflags" | "-trimpath=false" | "-mod" => {
                if a != "-trimpath=false" {
                    it.next();
                }
            }
            s if s.starts_with('-') => {}
            s => targets.push(s.to_string()),
        }
    }
    let cwd = ctx.cwd.clone();
    let files: Vec<String> = if targets.iter().any(|t| t.ends_with(".go")) {
        targets.iter().filter(|t| t.ends_with(".go")).map(|t| path::normalize(&cwd, t)).collect()
    } else {
        let dir = targets.first().map_or(cwd.clone(), |t| path::normalize(&cwd, t.trim_end_matches("/...")));
        ctx.fs
            .children(&dir)
            .filter(|(n, node)| node.is_file() && n.ends_with(".go") && !n.ends_with("_test.go"))
            .map(|(n, _)| path::join(&dir, n))
            .collect()
    };
    let module = find_module(ctx, &cwd);
    if module.is_none() && !targets.iter().any(|t| t.ends_with(".go")) {
        ctx.err("go: go.mod file not found in current directory or any parent directory; see 'go help modules'\n");
        return 1;
    }
    if files.is_empty() {
        ctx.err(&format!("no Go files in {cwd}\n"));
        return 1;
    }
    let sources: Vec<String> = files
        .iter()
        .filter_map(|f| ctx.fs.read("/", f).ok().map(|c| String::from_utf8_lossy(&c.bytes()).into_owned()))
        .collect();
    let all = sources.join("\n");
    if !all.contains("package main") {
        // A library package builds and writes nothing.
        return 0;
    }
    let name = match (&out, &module) {
        (Some(o), _) => o.clone(),
        (None, _) if targets.iter().any(|t| t.ends_with(".go")) => {
            path::file_name(&targets[0]).trim_end_matches(".go").to_string()
        }
        (None, Some(m)) => m.rsplit('/').next().unwrap_or(m).to_string(),
        (None, None) => "main".into(),
    };
    let mut target = path::normalize(&cwd, &name);
    if name.ends_with('/') || ctx.fs.get(&target).is_some_and(|n| n.is_dir()) {
        let base = module.as_deref().map_or("main", |m| m.rsplit('/').next().unwrap_or(m));
        target = path::join(&target, base);
    }
    let cgo = ctx.env.get("CGO_ENABLED").map(String::as_str) != Some("0");
    let dynamic = cgo && CGO_PACKAGES.iter().any(|p| all.contains(p));
    let stripped = ldflags.split_whitespace().any(|f| f == "-s");
    // A fmt hello world is about 2.1 MB; net/http brings the size near 8 MB.
    let mut size: u64 = 1_250_000 + 3 * all.len() as u64;
    for (pkg, extra) in
        [("\"fmt\"", 850_000), ("\"net/http\"", 5_900_000), ("\"encoding/json\"", 450_000), ("\"os\"", 120_000)]
    {
        if all.contains(pkg) {
            size += extra;
        }
    }
    if stripped {
        size = size * 68 / 100;
    }
    let prints =
        super::built::escape(&main_prints(&all, "func main()", &[("fmt.Println(", true), ("fmt.Print(", false)]));
    let label = format!(
        "{EXEC_LABEL} {} - ({}, Go BuildID={:016x}, {}){PRINTS}{prints}",
        path::file_name(&target),
        if dynamic { "dynamically linked, interpreter /lib64/ld-linux-x86-64.so.2" } else { "statically linked" },
        super::net::seed_of(&all),
        if stripped { "stripped" } else { "with debug_info, not stripped" }
    );
    let meta = Meta { mode: 0o755, uid: ctx.uid, gid: ctx.gid, mtime: ctx.now };
    let _ = ctx.fs.mkdir_all("/", path::parent(&target), meta);
    let c = Content::synthetic(size, super::net::seed_of(&label), &label);
    if let Err(e) = ctx.fs.write_file("/", &target, c, meta) {
        ctx.err(&format!("go: {name}: {e}\n"));
        return 1;
    }
    0
}

/// `go mod init [PATH]`: writes `go.mod` for toolchain `version` (`1.22.9` writes `go
/// 1.22.9`).
pub fn mod_init(ctx: &mut Ctx<'_>, version: &str, module: Option<&str>) -> i32 {
    let cwd = ctx.cwd.clone();
    let file = path::join(&cwd, "go.mod");
    if ctx.fs.get(&file).is_some() {
        ctx.err(&format!("go: {file} already exists\n"));
        return 1;
    }
    let Some(module) = module else {
        ctx.err(&format!("go: cannot determine module path for source directory {cwd} (outside GOPATH, module path must be specified)\n\nExample usage:\n\t'go mod init example.com/m' to initialize a v0 or v1 module\n\t'go mod init example.com/m/v2' to initialize a v2 module\n\nRun 'go help mod init' for more information.\n"));
        return 1;
    };
    let meta = Meta { mode: 0o644, uid: ctx.uid, gid: ctx.gid, mtime: ctx.now };
    let text = format!("module {module}\n\ngo {version}\n");
    if let Err(e) = ctx.fs.write_file("/", &file, text.into(), meta) {
        ctx.err(&format!("go: {file}: {e}\n"));
        return 1;
    }
    ctx.err(&format!("go: creating new go.mod: module {module}\n"));
    0
}

/// The module path of the `go.mod` in `dir` or above.
fn find_module(ctx: &Ctx<'_>, dir: &str) -> Option<String> {
    let mut at = dir.to_string();
    loop {
        if let Ok(c) = ctx.fs.read("/", &path::join(&at, "go.mod")) {
            let text = String::from_utf8_lossy(&c.bytes()).into_owned();
            return text
                .lines()
                .find_map(|l| l.trim().strip_prefix("module ").map(|m| m.trim().trim_matches('"').to_string()));
        }
        if at == "/" {
            return None;
        }
        at = path::parent(&at).to_string();
    }
}

#[cfg(test)]
mod tests {
    use super::super::built::{main_prints, run_output};
    use super::*;

    #[test]
    fn finds_what_main_prints() {
        let src = "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(\"hello from go\")\n\tfmt.Printf(\"n=%d\\n\", 3)\n}\n";
        let calls = [("fmt.Println(", true), ("fmt.Print(", false)];
        assert_eq!(main_prints(src, "func main()", &calls), "hello from go\n");
        let label = format!("{EXEC_LABEL} app - (statically linked){PRINTS}a\\nb\\\\c\\n");
        assert_eq!(run_output(&Content::synthetic(2_000_000, 1, &label)).as_deref(), Some("a\nb\\c\n"));
    }
}
