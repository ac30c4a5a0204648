//! Filesystem nodes and their metadata.

use super::Content;

/// Ownership, permissions and time of a node.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Meta {
    /// Permission bits, including setuid/setgid/sticky (no file-type bits).
    pub mode: u32,
    /// Owner user id.
    pub uid: u32,
    /// Owner group id.
    pub gid: u32,
    /// Modification time, seconds since the epoch.
    pub mtime: i64,
}

impl Meta {
    /// Metadata owned by root with the given permission bits and time 0.
    pub const fn root(mode: u32) -> Self {
        Meta { mode, uid: 0, gid: 0, mtime: 0 }
    }
}

/// What a node is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NodeKind {
    /// A directory (its children are separate entries of the tree).
    Dir,
    /// A regular file.
    File(Content),
    /// A symbolic link with its target.
    Symlink(String),
}

/// One entry of a filesystem tree.
#[derive(Clone, Debug)]
pub struct Node {
    /// What the node is.
    pub kind: NodeKind,
    /// Its metadata.
    pub meta: Meta,
    /// Identity: two paths with the same `ino` are hard links of one file; a directory that
    /// was removed and created again gets a new one (which makes its layer opaque).
    pub ino: u64,
}

impl Node {
    /// True for a directory.
    pub fn is_dir(&self) -> bool {
        matches!(self.kind, NodeKind::Dir)
    }

    /// True for a regular file.
    pub fn is_file(&self) -> bool {
        matches!(self.kind, NodeKind::File(_))
    }

    /// True for a symbolic link.
    pub fn is_symlink(&self) -> bool {
        matches!(self.kind, NodeKind::Symlink(_))
    }

    /// The size `ls -l` and `stat` report.
    pub fn size(&self) -> u64 {
        match &self.kind {
            NodeKind::Dir => 4096,
            NodeKind::File(c) => c.len(),
            NodeKind::Symlink(t) => t.len() as u64,
        }
    }

    /// The full `st_mode`: file-type bits and permission bits.
    pub fn st_mode(&self) -> u32 {
        let t = match self.kind {
            NodeKind::Dir => 0o040000,
            NodeKind::File(_) => 0o100000,
            NodeKind::Symlink(_) => 0o120000,
        };
        t | (self.meta.mode & 0o7777)
    }

    /// The mode as `ls -l` prints it, e.g. `drwxr-xr-x`.
    pub fn mode_string(&self) -> String {
        let mut s = String::with_capacity(10);
        s.push(match self.kind {
            NodeKind::Dir => 'd',
            NodeKind::File(_) => '-',
            NodeKind::Symlink(_) => 'l',
        });
        let m = self.meta.mode;
        let special = [(0o4000, 's', 'S'), (0o2000, 's', 'S'), (0o1000, 't', 'T')];
        for (i, shift) in [6u32, 3, 0].iter().enumerate() {
            let bits = (m >> shift) & 7;
            s.push(if bits & 4 != 0 { 'r' } else { '-' });
            s.push(if bits & 2 != 0 { 'w' } else { '-' });
            let (flag, on, off) = special[i];
            let x = bits & 1 != 0;
            s.push(match (m & flag != 0, x) {
                (true, true) => on,
                (true, false) => off,
                (false, true) => 'x',
                (false, false) => '-',
            });
        }
        s
    }

    /// Same content and metadata (identity aside).
    pub fn same_as(&self, other: &Node) -> bool {
        self.kind == other.kind && self.meta == other.meta
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mode_strings() {
        let n = |kind, mode| Node { kind, meta: Meta::root(mode), ino: 1 };
        assert_eq!(n(NodeKind::Dir, 0o755).mode_string(), "drwxr-xr-x");
        assert_eq!(n(NodeKind::File(Content::default()), 0o4755).mode_string(), "-rwsr-xr-x");
        assert_eq!(n(NodeKind::Dir, 0o1777).mode_string(), "drwxrwxrwt");
        assert_eq!(n(NodeKind::Symlink("x".into()), 0o777).mode_string(), "lrwxrwxrwx");
        assert_eq!(n(NodeKind::File(Content::default()), 0o2644).mode_string(), "-rw-r-Sr--");
    }
}
