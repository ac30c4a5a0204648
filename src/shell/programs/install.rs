//! `install` (GNU coreutils): copies files and sets their mode; `-d` creates directories.

use super::Args;
use crate::shell::Ctx;
use crate::vfs::{path, Meta};

/// `install [-cDs] [-m MODE] [-o OWNER] [-g GROUP] SOURCE… DEST` and `install -d DIR…`.
pub fn install(ctx: &mut Ctx<'_>, argv: &[String]) -> i32 {
    let a =
        Args::parse(argv.get(1..).unwrap_or(&[]), "mogtS", &["mode", "owner", "group", "target-directory", "suffix"]);
    let mode = match a.value(&["m", "mode"]) {
        Some(m) => match u32::from_str_radix(&m, 8) {
            Ok(v) => v,
            Err(_) => {
                ctx.err(&format!("install: invalid mode '{m}'\n"));
                return 1;
            }
        },
        None => 0o755,
    };
    let cwd = ctx.cwd.clone();
    let dir_meta = Meta { mode: 0o755, uid: ctx.uid, gid: ctx.gid, mtime: ctx.now };
    if a.has(&["d", "directory"]) {
        for d in &a.operands {
            if let Err(e) = ctx.fs.mkdir_all(&cwd, d, Meta { mode, ..dir_meta }) {
                ctx.err(&format!("install: cannot create directory '{d}': {e}\n"));
                return 1;
            }
        }
        return 0;
    }
    let mut ops = a.operands.clone();
    let target_dir = a.value(&["t", "target-directory"]);
    let dest = match &target_dir {
        Some(t) => t.clone(),
        None => match ops.pop() {
            Some(d) => d,
            None => {
                ctx.err("install: missing file operand\nTry 'install --help' for more information.\n");
                return 1;
            }
        },
    };
    if ops.is_empty() {
        ctx.err(&format!(
            "install: missing destination file operand after '{dest}'\nTry 'install --help' for more information.\n"
        ));
        return 1;
    }
    let dest_is_dir = target_dir.is_some() || ctx.fs.lookup(&cwd, &dest, true).is_ok_and(|(_, n)| n.is_dir());
    if ops.len() > 1 && !dest_is_dir {
        ctx.err(&format!("install: target '{dest}' is not a directory\n"));
        return 1;
    }
    for src in &ops {
        let content = match ctx.fs.read(&cwd, src) {
            Ok(c) => c,
            Err(e) => {
                ctx.err(&format!("install: cannot stat '{src}': {e}\n"));
                return 1;
            }
        };
        let to = if dest_is_dir {
            path::join(&path::normalize(&cwd, &dest), path::file_name(src))
        } else {
            path::normalize(&cwd, &dest)
        };
        if a.has(&["D"]) {
            let _ = ctx.fs.mkdir_all("/", path::parent(&to), dir_meta);
        }
        let n = content.len() as usize;
        if ctx.allow(n) < n {
            return 1;
        }
        ctx.fs.remove_subtree(&to);
        if let Err(e) = ctx.fs.write_file("/", &to, content, Meta { mode, ..dir_meta }) {
            ctx.err(&format!("install: cannot create regular file '{to}': {e}\n"));
            return 1;
        }
    }
    0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::shell::Budget;
    use crate::vfs::Tree;

    #[test]
    fn copies_with_mode_into_directories() {
        let mut t = Tree::new();
        t.write_file("/", "/prog", "x".into(), Meta::root(0o644)).unwrap();
        t.mkdir_all("/", "/usr/local/bin", Meta::root(0o755)).unwrap();
        let (mut o, mut e, mut b) = (Vec::new(), Vec::new(), Budget::default());
        let mut ctx = Ctx::new(&mut t, b"", &mut o, &mut e, &mut b);
        let argv: Vec<String> = ["install", "prog", "/usr/local/bin"].iter().map(|s| s.to_string()).collect();
        assert_eq!(install(&mut ctx, &argv), 0);
        let argv: Vec<String> =
            ["install", "-D", "-m", "644", "prog", "/opt/x/p"].iter().map(|s| s.to_string()).collect();
        assert_eq!(install(&mut ctx, &argv), 0);
        let argv: Vec<String> = ["install", "missing", "/tmp"].iter().map(|s| s.to_string()).collect();
        assert_eq!(install(&mut ctx, &argv), 1);
        assert_eq!(t.get("/usr/local/bin/prog").unwrap().meta.mode, 0o755);
        assert_eq!(t.get("/opt/x/p").unwrap().meta.mode, 0o644);
    }
}
