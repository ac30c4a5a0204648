//! How a file applet words a failed system call: busybox's applets (Alpine) and GNU
//! coreutils (Debian, Ubuntu) say the same errno differently.
//!
//! | | busybox | GNU coreutils |
//! |---|---|---|
//! | `touch f` | `touch: f: E` | `touch: cannot touch 'f': E` |
//! | `rm f` | `rm: can't remove 'f': E` | `rm: cannot remove 'f': E` |
//! | `mkdir d` | `mkdir: can't create directory 'd': E` | `mkdir: cannot create directory 'd': E` |
//! | `mv a b` (no `a`) | `mv: can't rename 'a': E` | `mv: cannot stat 'a': E` |
//! | `mv a b` | `mv: can't rename 'a': E` | `mv: cannot move 'a' to 'b': E` |
//! | `cp a b` (no `a`) | `cp: can't stat 'a': E` | `cp: cannot stat 'a': E` |
//! | `cp a b` | `cp: can't create 'b': E` | `cp: cannot create regular file 'b': E` |

use crate::vfs::FsError;

/// What an applet failed to do.
#[derive(Clone, Copy, Debug)]
pub enum Failed<'a> {
    /// `touch` creating or stamping a file.
    Touch(&'a str),
    /// `rm` removing an entry.
    Remove(&'a str),
    /// `mkdir` creating a directory.
    MakeDir(&'a str),
    /// `mv` looking its source up.
    MoveSource(&'a str),
    /// `cp` looking its source up.
    Stat(&'a str),
    /// `mv` renaming its source to a target.
    Move(&'a str, &'a str),
    /// `cp` writing a file.
    CopyTo(&'a str),
}

/// The message (after `applet: `) for `what` failing with `e`; `gnu` for coreutils.
pub fn message(gnu: bool, what: Failed<'_>, e: FsError) -> String {
    match (gnu, what) {
        (false, Failed::Touch(f)) => format!("{f}: {e}"),
        (true, Failed::Touch(f)) => format!("cannot touch '{f}': {e}"),
        (false, Failed::Remove(f)) => format!("can't remove '{f}': {e}"),
        (true, Failed::Remove(f)) => format!("cannot remove '{f}': {e}"),
        (false, Failed::MakeDir(d)) => format!("can't create directory '{d}': {e}"),
        (true, Failed::MakeDir(d)) => format!("cannot create directory '{d}': {e}"),
        (false, Failed::MoveSource(s) | Failed::Move(s, _)) => format!("can't rename '{s}': {e}"),
        (false, Failed::Stat(s)) => format!("can't stat '{s}': {e}"),
        (false, Failed::CopyTo(f)) => format!("can't create '{f}': {e}"),
        (true, Failed::CopyTo(f)) => format!("cannot create regular file '{f}': {e}"),
        (true, Failed::Stat(s) | Failed::MoveSource(s)) => format!("cannot stat '{s}': {e}"),
        (true, Failed::Move(s, t)) => format!("cannot move '{s}' to '{t}': {e}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn busybox_and_gnu_words() {
        let ro = FsError::ReadOnly;
        assert_eq!(message(false, Failed::Touch("/data/x"), ro), "/data/x: Read-only file system");
        assert_eq!(message(true, Failed::Touch("/data/x"), ro), "cannot touch '/data/x': Read-only file system");
        assert_eq!(
            message(true, Failed::Remove("f"), FsError::NotFound),
            "cannot remove 'f': No such file or directory"
        );
        assert_eq!(message(true, Failed::MakeDir("/d"), ro), "cannot create directory '/d': Read-only file system");
        assert_eq!(message(true, Failed::Move("a", "/d/a"), ro), "cannot move 'a' to '/d/a': Read-only file system");
        assert_eq!(message(false, Failed::Move("a", "/d/a"), ro), "can't rename 'a': Read-only file system");
        assert_eq!(
            message(true, Failed::CopyTo("/d/a"), ro),
            "cannot create regular file '/d/a': Read-only file system"
        );
        assert_eq!(message(false, Failed::Stat("a"), FsError::NotFound), "can't stat 'a': No such file or directory");
    }
}
