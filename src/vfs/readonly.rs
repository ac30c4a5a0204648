//! Read-only mounts (`docker run -v SRC:/data:ro`, `--mount …,readonly`, a `--read-only`
//! root filesystem): changes at or below a read-only mount point fail with
//! [`FsError::ReadOnly`] (EROFS), as the kernel refuses them, after the lookups that fail
//! first (a missing parent, an existing name). The nearest mount point above a path
//! decides, so a writable volume or tmpfs below a read-only root takes changes.

use super::path;
use super::{FsError, Tree};

impl Tree {
    /// Makes the normalized path `at` a mount point, read-only (`on`) or writable, for
    /// itself and everything below it down to the next mount point.
    pub fn set_read_only(&mut self, at: &str, on: bool) {
        self.read_only.insert(at.to_string(), on);
    }

    /// Forgets the mount point at `at` (unmounted): the one above it decides again.
    pub fn clear_mount(&mut self, at: &str) {
        self.read_only.remove(at);
    }

    /// Runs `f` with every mount writable, as the daemon prepares the filesystem (the
    /// working directory it creates) before it mounts the root read-only.
    pub fn unlocked<R>(&mut self, f: impl FnOnce(&mut Tree) -> R) -> R {
        let saved = std::mem::take(&mut self.read_only);
        let r = f(self);
        self.read_only = saved;
        r
    }

    /// Fails with [`FsError::ReadOnly`] when the normalized path `at` is on a read-only
    /// mount (the nearest mount point at or above it is read-only).
    pub fn writable(&self, at: &str) -> Result<(), FsError> {
        let nearest = self.read_only.iter().filter(|(m, _)| path::is_within(at, m)).max_by_key(|(m, _)| m.len());
        match nearest {
            Some((_, true)) => Err(FsError::ReadOnly),
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vfs::{Content, Meta};

    #[test]
    fn changes_below_a_read_only_mount_fail() {
        let mut t = Tree::new();
        let m = Meta::root(0o755);
        t.mkdir_all("/", "/data/sub", m).unwrap();
        t.write_file("/", "/data/f", Content::from(&b"x"[..]), m).unwrap();
        t.set_read_only("/data", true);
        let ro = Err(FsError::ReadOnly);
        assert_eq!(t.write_file("/", "/data/g", Content::default(), m).map(|_| ()), ro);
        assert_eq!(t.write_file("/", "/data/f", Content::default(), m).map(|_| ()), ro);
        assert_eq!(t.mkdir("/", "/data/d", m).map(|_| ()), ro);
        assert_eq!(t.mkdir_all("/", "/data/sub/a/b", m).map(|_| ()), ro);
        assert_eq!(t.remove("/", "/data/f", false), ro);
        assert_eq!(t.rename("/", "/data/f", "/moved").map(|_| ()), ro);
        assert_eq!(t.symlink("/", "x", "/data/l", m).map(|_| ()), ro);
        assert_eq!(t.update_meta("/", "/data/f", true, |m| m.mtime = 9), ro);
        // What fails first still does: a missing parent, an existing directory.
        assert_eq!(t.mkdir("/", "/data/sub", m).map(|_| ()), Err(FsError::Exists));
        assert_eq!(t.write_file("/", "/data/no/f", Content::default(), m).map(|_| ()), Err(FsError::NotFound));
        assert!(t.mkdir_all("/", "/data/sub", m).is_ok());
        // Beside the mount and after it is unmounted, changes go through.
        assert!(t.write_file("/", "/database", Content::default(), m).is_ok());
        t.clear_mount("/data");
        assert!(t.remove("/", "/data/f", false).is_ok());
    }

    #[test]
    fn writable_mounts_below_a_read_only_root_take_changes() {
        let mut t = Tree::new();
        let m = Meta::root(0o755);
        t.mkdir_all("/", "/tmp", m).unwrap();
        t.mkdir_all("/", "/data/ro", m).unwrap();
        t.set_read_only("/", true);
        t.set_read_only("/tmp", false);
        t.set_read_only("/data", false);
        t.set_read_only("/data/ro", true);
        let ro = Err(FsError::ReadOnly);
        assert_eq!(t.write_file("/", "/f", Content::default(), m).map(|_| ()), ro);
        assert_eq!(t.mkdir("/", "/tmpx", m).map(|_| ()), ro);
        assert!(t.write_file("/", "/tmp/f", Content::default(), m).is_ok());
        assert!(t.mkdir("/", "/data/d", m).is_ok());
        assert_eq!(t.mkdir("/", "/data/ro/d", m).map(|_| ()), ro);
        // The daemon's own changes go through; the mounts stay as they were.
        assert!(t.unlocked(|t| t.mkdir("/", "/app", m)).is_ok());
        assert_eq!(t.mkdir("/", "/app/x", m).map(|_| ()), ro);
        t.clear_mount("/");
        assert!(t.mkdir("/", "/app/x", m).is_ok());
    }
}
