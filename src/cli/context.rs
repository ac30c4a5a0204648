//! Reading a build context directory from the host filesystem.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use crate::build::Context;
use crate::engine::Host;

/// The host's disk: build contexts read from directories, archives and copied files
/// read and written as plain files.
pub struct DirHost;

/// Files larger than this are refused (the whole context is held in memory).
const MAX_FILE: u64 = 512 * 1024 * 1024;

fn io_error(path: &str, e: std::io::Error) -> String {
    let msg = match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string().to_lowercase(),
    };
    format!("open {path}: {msg}")
}

impl Host for DirHost {
    fn read_file(&self, path: &str) -> Result<Vec<u8>, String> {
        fs::read(path).map_err(|e| io_error(path, e))
    }

    fn write_file(&mut self, path: &str, bytes: &[u8]) -> Result<(), String> {
        fs::write(path, bytes).map_err(|e| io_error(path, e))
    }

    fn write_stream(&mut self, path: &str, fill: &mut dyn FnMut(&mut dyn std::io::Write) -> Result<(), String>) -> Result<(), String> {
        let mut out = std::io::BufWriter::with_capacity(1 << 16, fs::File::create(path).map_err(|e| io_error(path, e))?);
        fill(&mut out)?;
        std::io::Write::flush(&mut out).map_err(|e| io_error(path, e))
    }

    fn list_dir(&self, path: &str) -> Option<Vec<String>> {
        let mut names: Vec<String> = fs::read_dir(path).ok()?.flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect();
        names.sort();
        Some(names)
    }

    fn create_dir(&mut self, path: &str) -> Result<(), String> {
        fs::create_dir_all(path).map_err(|e| format!("mkdir {path}: {e}"))
    }

    fn stdout_is_terminal(&self) -> bool {
        use std::io::IsTerminal;
        std::io::stdout().is_terminal()
    }

    fn load_context(&self, path: &str, dockerfile: Option<&str>) -> Result<(String, Context), String> {
        let root = Path::new(path);
        if !root.is_dir() {
            return Err(format!("unable to prepare context: path \"{path}\" not found"));
        }
        let df_path = match dockerfile {
            Some("-") => return Err("reading the Dockerfile from stdin is not supported".into()),
            Some(f) => Path::new(f).to_path_buf(),
            None => root.join("Dockerfile"),
        };
        let text = fs::read_to_string(&df_path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => format!(
                "unable to prepare context: unable to evaluate symlinks in Dockerfile path: lstat {}: no such file or directory",
                df_path.display()
            ),
            _ => format!("failed to read dockerfile: open {}: {}", df_path.display(), e.to_string().to_lowercase()),
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
