//! Reading a build context directory from the host filesystem.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use std::io::Read;

use crate::build::{Context, Ignore};
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

    fn open_file(&self, path: &str) -> Result<Box<dyn Read + '_>, String> {
        let f = fs::File::open(path).map_err(|e| io_error(path, e))?;
        Ok(Box::new(std::io::BufReader::with_capacity(1 << 16, f)))
    }

    fn write_file(&mut self, path: &str, bytes: &[u8]) -> Result<(), String> {
        fs::write(path, bytes).map_err(|e| io_error(path, e))
    }

    fn write_stream(
        &mut self,
        path: &str,
        fill: &mut dyn FnMut(&mut dyn std::io::Write) -> Result<(), String>,
    ) -> Result<(), String> {
        let mut out =
            std::io::BufWriter::with_capacity(1 << 16, fs::File::create(path).map_err(|e| io_error(path, e))?);
        fill(&mut out)?;
        std::io::Write::flush(&mut out).map_err(|e| io_error(path, e))
    }

    fn list_dir(&self, path: &str) -> Option<Vec<String>> {
        let mut names: Vec<String> =
            fs::read_dir(path).ok()?.flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect();
        crate::util::sort::sort(&mut names);
        Some(names)
    }

    fn create_dir(&mut self, path: &str) -> Result<(), String> {
        fs::create_dir_all(path).map_err(|e| format!("mkdir {path}: {e}"))
    }

    fn read_link(&self, path: &str) -> Option<String> {
        fs::read_link(path).ok().map(|t| t.to_string_lossy().into_owned())
    }

    /// A bind mount's source: links kept as links, special files skipped, sizes capped as
    /// for a build context.
    fn read_tree(&self, path: &str) -> Result<Option<crate::vfs::Tree>, String> {
        let root = Path::new(path);
        if !fs::metadata(root).is_ok_and(|m| m.is_dir()) {
            return Ok(None);
        }
        let mut ctx = Context::new();
        Walker { root, ignore: None, keep: None, total: 0 }.walk(root, &mut ctx)?;
        let mut tree = crate::vfs::Tree::new();
        for (rel, e) in ctx.entries() {
            let kind = match (&e.content, &e.link) {
                (_, Some(t)) => crate::vfs::NodeKind::Symlink(t.clone()),
                (Some(c), None) => crate::vfs::NodeKind::File(c.clone()),
                (None, None) => crate::vfs::NodeKind::Dir,
            };
            let meta = crate::vfs::Meta::root(e.mode);
            tree.insert(&format!("/{rel}"), crate::vfs::Node { kind, meta, ino: 0 });
        }
        Ok(Some(tree))
    }

    fn remove_path(&mut self, path: &str) -> Result<(), String> {
        let r = match fs::symlink_metadata(path) {
            Ok(m) if m.is_dir() => fs::remove_dir_all(path),
            Ok(_) => fs::remove_file(path),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(e),
        };
        r.map_err(|e| format!("remove {path}: {e}"))
    }

    fn absolute(&self, path: &str) -> String {
        let cwd = std::env::current_dir().unwrap_or_default();
        crate::vfs::path::normalize(&cwd.to_string_lossy(), path)
    }

    fn read_stdin(&mut self) -> Result<Vec<u8>, String> {
        let mut out = Vec::new();
        std::io::stdin()
            .take(MAX_FILE + 1)
            .read_to_end(&mut out)
            .map_err(|e| format!("reading standard input: {e}"))?;
        if out.len() as u64 > MAX_FILE {
            return Err(format!("standard input is too large (more than {MAX_FILE} bytes)"));
        }
        Ok(out)
    }

    fn open_stdin(&mut self) -> Result<Box<dyn Read + '_>, String> {
        Ok(Box::new(std::io::stdin().lock()))
    }

    fn write_stdout(&mut self, bytes: &[u8]) -> Result<(), String> {
        use std::io::Write;
        let mut out = std::io::stdout().lock();
        out.write_all(bytes).and_then(|_| out.flush()).map_err(|e| format!("writing standard output: {e}"))
    }

    fn stdout_is_terminal(&self) -> bool {
        use std::io::IsTerminal;
        std::io::stdout().is_terminal()
    }

    fn stdin_is_terminal(&self) -> bool {
        use std::io::IsTerminal;
        std::io::stdin().is_terminal()
    }

    fn load_context(&self, path: &str, dockerfile: Option<&str>) -> Result<(String, Context), String> {
        let root = Path::new(path);
        if !root.is_dir() {
            return Err(format!("unable to prepare context: path \"{path}\" not found"));
        }
        // The Dockerfile inside the context is read from the context (links resolved
        // inside it); one named by `-f` outside the context is read from the host.
        let df_host = match dockerfile {
            Some("-") => return Err("reading the Dockerfile from stdin is not supported".into()),
            Some(f) => Path::new(f).to_path_buf(),
            None => root.join("Dockerfile"),
        };
        let df_rel = inside(root, &df_host);
        let ignore = match fs::symlink_metadata(root.join(".dockerignore")) {
            Ok(m) if m.is_file() => Some(Ignore::parse(&String::from_utf8_lossy(&read_capped(
                &root.join(".dockerignore"),
                MAX_DOCKERFILE,
            )?))),
            _ => None,
        };
        let mut ctx = Context::new();
        let mut walker = Walker { root, ignore: ignore.as_ref(), keep: df_rel.as_deref(), total: 0 };
        walker.walk(root, &mut ctx)?;
        let bytes = match &df_rel {
            Some(rel) => {
                ctx.read_scoped(rel).map(|c| c.bytes().into_owned()).ok_or_else(|| missing_dockerfile(&df_host))?
            }
            None => match fs::metadata(&df_host) {
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(missing_dockerfile(&df_host)),
                _ => read_capped(&df_host, MAX_DOCKERFILE).map_err(|e| {
                    format!("failed to read dockerfile: {}", e.trim_start_matches(&format!("{}: ", df_host.display())))
                })?,
            },
        };
        if bytes.len() as u64 > MAX_DOCKERFILE {
            return Err(format!(
                "failed to read dockerfile: {}: file too large (more than {MAX_DOCKERFILE} bytes)",
                df_host.display()
            ));
        }
        Ok((String::from_utf8_lossy(&bytes).into_owned(), ctx))
    }
}

/// Dockerfiles (and `.dockerignore` files) larger than this are refused.
const MAX_DOCKERFILE: u64 = 4 * 1024 * 1024;

/// The whole context may hold at most this many bytes (it is held in memory).
const MAX_CONTEXT: u64 = 2 * 1024 * 1024 * 1024;

fn missing_dockerfile(p: &Path) -> String {
    format!("unable to prepare context: unable to evaluate symlinks in Dockerfile path: lstat {}: no such file or directory", p.display())
}

/// `p` relative to `root` when it names something inside it (lexically, links not
/// followed).
fn inside(root: &Path, p: &Path) -> Option<String> {
    let abs =
        |p: &Path| if p.is_absolute() { p.to_path_buf() } else { std::env::current_dir().unwrap_or_default().join(p) };
    let (root, p) = (abs(root), abs(p));
    let norm = |p: &Path| crate::vfs::path::normalize("/", &p.to_string_lossy());
    let (root, p) = (norm(&root), norm(&p));
    let rel = if root == "/" { p.trim_start_matches('/') } else { p.strip_prefix(&root)?.strip_prefix('/')? };
    (!rel.is_empty()).then(|| rel.to_string())
}

/// Reads at most `max` bytes of a file (one more, to tell that it is too large).
fn read_capped(p: &Path, max: u64) -> Result<Vec<u8>, String> {
    let f = fs::File::open(p).map_err(|e| io_error(&p.display().to_string(), e))?;
    let mut out = Vec::new();
    f.take(max + 1).read_to_end(&mut out).map_err(|e| format!("{}: {}", p.display(), e.to_string().to_lowercase()))?;
    if out.len() as u64 > max {
        return Err(format!("{}: file too large (more than {max} bytes)", p.display()));
    }
    Ok(out)
}

/// Reads a context directory: `.dockerignore` applied before anything is read, links kept
/// as links (never followed out of the context), special files skipped.
struct Walker<'a> {
    root: &'a Path,
    ignore: Option<&'a Ignore>,
    /// The Dockerfile's relative path: read even when ignored.
    keep: Option<&'a str>,
    total: u64,
}

impl Walker<'_> {
    fn walk(&mut self, dir: &Path, ctx: &mut Context) -> Result<(), String> {
        let mut entries: Vec<_> = fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?.flatten().collect();
        crate::util::sort::sort_by_key(&mut entries, |e| e.file_name());
        for e in entries {
            let p = e.path();
            let rel = p.strip_prefix(self.root).map_err(|e| e.to_string())?.to_string_lossy().into_owned();
            let kept = self.keep == Some(rel.as_str());
            let meta = fs::symlink_metadata(&p).map_err(|e| format!("{}: {e}", p.display()))?;
            if !kept && rel != ".dockerignore" && self.ignore.is_some_and(|i| i.excludes(&rel)) {
                // An excluded directory is still walked when a rule may re-include
                // something in it, or when the Dockerfile is inside it.
                let holds_dockerfile = self.keep.is_some_and(|k| k.starts_with(&format!("{rel}/")));
                if !(meta.is_dir() && (holds_dockerfile || self.ignore.is_some_and(Ignore::has_exceptions))) {
                    continue;
                }
            }
            if meta.is_dir() {
                ctx.add_dir(&rel);
                self.walk(&p, ctx)?;
            } else if meta.file_type().is_symlink() {
                let target = fs::read_link(&p).map_err(|e| format!("{}: {e}", p.display()))?;
                ctx.add_symlink(&rel, &target.to_string_lossy());
            } else if meta.is_file() {
                if meta.len() > MAX_FILE {
                    return Err(format!(
                        "{rel}: file too large for the in-memory context (more than {MAX_FILE} bytes)"
                    ));
                }
                self.total += meta.len();
                if self.total > MAX_CONTEXT {
                    return Err(format!("the build context is too large for memory (more than {MAX_CONTEXT} bytes): exclude files with .dockerignore"));
                }
                let data = read_capped(&p, MAX_FILE)?;
                ctx.add_file_mode(&rel, data, meta.permissions().mode() & 0o7777);
            }
        }
        Ok(())
    }
}
