//! Read-only mounts (`docker run -v SRC:/data:ro`, `--mount …,readonly`): changes at or
//! below a read-only mount point fail with [`FsError::ReadOnly`] (EROFS), as the kernel
//! refuses them, after the lookups that fail first (a missing parent, an existing name).

use super::path;
use super::{FsError, Tree};

impl Tree {
    /// Makes the directory at the normalized path `at` and everything below it read-only
    /// (`on`), or writable again.
    pub fn set_read_only(&mut self, at: &str, on: bool) {
        if on {
            self.read_only.insert(at.to_string());
        } else {
            self.read_only.remove(at);
        }
    }

    /// Fails with [`FsError::ReadOnly`] when the normalized path `at` is on a read-only
    /// mount.
    pub fn writable(&self, at: &str) -> Result<(), FsError> {
        match self.read_only.iter().any(|m| path::is_within(at, m)) {
            true => Err(FsError::ReadOnly),
            false => Ok(()),
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
        t.set_read_only("/data", false);
        assert!(t.remove("/", "/data/f", false).is_ok());
    }
}
