//! Reading a build context directory from the host filesystem.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use crate::build::Context;
use crate::engine::ContextSource;

/// Contexts read from directories on disk.
pub struct DirContext;

/// Files larger than this are refused (the whole context is held in memory).
const MAX_FILE: u64 = 512 * 1024 * 1024;

impl ContextSource for DirContext {
    fn load(&self, path: &str, dockerfile: Option<&str>) -> Result<(String, Context), String> {
        let root = Path::new(path);
        if !root.is_dir() {
            return Err(format!("unable to prepare context: path \"{path}\" not found"));
        }
        let df_path = match dockerfile {
            Some("-") => return Err("reading the Dockerfile from stdin is not supported".into()),
            Some(f) => Path::new(f).to_path_buf(),
            None => root.join("Dockerfile"),
        };
        let text = fs::read_to_string(&df_path).map_err(|e| {
            format!("failed to read dockerfile: open {}: {}", df_path.display(), e.to_string().to_lowercase())
        })?;
        let mut ctx = Context::new();
        walk(root, root, &mut ctx)?;
        Ok((text, ctx))
    }
}

fn walk(root: &Path, dir: &Path, ctx: &mut Context) -> Result<(), String> {
    let mut entries: Vec<_> = fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?.flatten().collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let p = e.path();
        let rel = p.strip_prefix(root).map_err(|e| e.to_string())?.to_string_lossy().into_owned();
        let meta = fs::symlink_metadata(&p).map_err(|e| format!("{}: {e}", p.display()))?;
        if meta.is_dir() {
            ctx.add_dir(&rel);
            walk(root, &p, ctx)?;
        } else if meta.is_file() {
            if meta.len() > MAX_FILE {
                return Err(format!("{rel}: file too large for the in-memory context"));
            }
            let data = fs::read(&p).map_err(|e| format!("{}: {e}", p.display()))?;
            ctx.add_file_mode(&rel, data, meta.permissions().mode() & 0o7777);
        }
    }
    Ok(())
}
