//! How a file applet words a failed system call: busybox's applets (Alpine) and GNU
//! coreutils (Debian, Ubuntu, CentOS, Fedora) say the same errno differently, and
//! coreutils' wording changed between versions (read from coreutils' sources, `src/*.c`
//! at each release tag).
//!
//! | | busybox | GNU coreutils |
//! |---|---|---|
//! | `touch f` | `touch: f: E` | `touch: cannot touch 'f': E` |
//! | `rm f` | `rm: can't remove 'f': E` | `rm: cannot remove 'f': E` |
//! | `rmdir d` | `rmdir: 'd': E` | `rmdir: failed to remove 'd': E` |
//! | `mkdir d` | `mkdir: can't create directory 'd': E` | `mkdir: cannot create directory 'd': E` |
//! | `mv a b` (no `a`) | `mv: can't rename 'a': E` | `mv: cannot stat 'a': E` |
//! | `mv a b` | `mv: can't rename 'a': E` | `mv: cannot move 'a' to 'b': E` |
//! | `cp a b` (no `a`) | `cp: can't stat 'a': E` | `cp: cannot stat 'a': E` |
//! | `cp a b` | `cp: can't create 'b': E` | `cp: cannot create regular file 'b': E` |
//! | `cp d b` | `cp: omitting directory 'd'` | `cp: -r not specified; omitting directory 'd'` (8.26+) |
//! | `chmod`/`chown`/`chgrp`/`du` | `chmod: f: E` | `chmod: cannot access 'f': E` |
//! | `ls f` | `ls: f: E` | `ls: cannot access 'f': E` (before 8.25 unquoted), status 2 |
//! | `cat f` | `cat: can't open 'f': E` | `cat: f: E` |
//! | `head f`, `tail f` | `head: f: E` | `head: cannot open 'f' for reading: E` |
//! | `sort f` | `sort: f: E` | `sort: cannot read: f: E` (before 8.26 `open failed: f: E`) |
//! | `stat f` | `stat: can't stat 'f': E` | `stat: cannot statx 'f': E` (before 8.32 `cannot stat`) |
//! | `ln -s t l` (`l` exists) | `ln: l: E` | `ln: failed to create symbolic link 'l': E` |
//! | `ln t l` (no `t`) | `ln: l: E` | `ln: failed to access 't': E` |
//! | `ln t l` (`l` exists) | `ln: l: E` | `ln: failed to create hard link 'l': E` |
//!
//! File names are quoted as coreutils' `quoteaf` quotes them in the C locale (`'f'`);
//! before 8.25 its `quote` did the same, and before 8.16 (coreutils commit 68a959262,
//! gnulib's quoting change) it opened with a grave accent (`` `f' ``); older wording also
//! differs (`accessing`, `creating symbolic link`).

use crate::shell::applet::Ctx;
use crate::vfs::FsError;

/// Which program words the failure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tool {
    /// busybox's applet.
    Busybox,
    /// GNU coreutils of this `(major, minor)` version.
    Coreutils(u32, u32),
}

impl Tool {
    /// The program `ctx` runs as.
    pub fn of(ctx: &Ctx<'_>) -> Tool {
        match ctx.gnu {
            true => Tool::Coreutils(ctx.gnu_version.0, ctx.gnu_version.1),
            false => Tool::Busybox,
        }
    }

    /// At least coreutils `major.minor`.
    fn since(self, major: u32, minor: u32) -> bool {
        matches!(self, Tool::Coreutils(a, b) if (a, b) >= (major, minor))
    }

    /// A file name quoted as coreutils quotes it in the C locale.
    fn q(self, f: &str) -> String {
        match self {
            Tool::Coreutils(a, b) if (a, b) < (8, 16) => format!("`{f}'"),
            _ => format!("'{f}'"),
        }
    }
}

/// What an applet failed to do.
#[derive(Clone, Copy, Debug)]
pub enum Failed<'a> {
    /// `touch` creating or stamping a file.
    Touch(&'a str),
    /// `rm` removing an entry.
    Remove(&'a str),
    /// `rmdir` removing a directory.
    RemoveDir(&'a str),
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
    /// `chmod`, `chown`, `chgrp`, `du` looking a file up.
    Access(&'a str),
    /// `ls` looking a file up.
    List(&'a str),
    /// `cat` opening a file.
    Open(&'a str),
    /// `head`, `tail` opening a file.
    OpenRead(&'a str),
    /// `sort` reading a file.
    SortRead(&'a str),
    /// `stat` looking a file up.
    StatFile(&'a str),
    /// `ln -s` creating the link.
    Symlink(&'a str),
    /// `ln` looking the target of a hard link up.
    LinkSource(&'a str),
    /// `ln` making a hard link (the link, its target).
    HardLink(&'a str, &'a str),
}

/// The message (after `applet: `) for `what` failing with `e`.
pub fn message(tool: Tool, what: Failed<'_>, e: FsError) -> String {
    let q = |f: &str| tool.q(f);
    if tool == Tool::Busybox {
        return match what {
            Failed::Touch(f)
            | Failed::Access(f)
            | Failed::List(f)
            | Failed::OpenRead(f)
            | Failed::SortRead(f)
            | Failed::Symlink(f)
            | Failed::LinkSource(f)
            | Failed::HardLink(f, _) => format!("{f}: {e}"),
            Failed::Remove(f) => format!("can't remove '{f}': {e}"),
            Failed::RemoveDir(d) => format!("'{d}': {e}"),
            Failed::MakeDir(d) => format!("can't create directory '{d}': {e}"),
            Failed::MoveSource(s) | Failed::Move(s, _) => format!("can't rename '{s}': {e}"),
            Failed::Stat(s) | Failed::StatFile(s) => format!("can't stat '{s}': {e}"),
            Failed::CopyTo(f) => format!("can't create '{f}': {e}"),
            Failed::Open(f) => format!("can't open '{f}': {e}"),
        };
    }
    match what {
        Failed::Touch(f) => format!("cannot touch {}: {e}", q(f)),
        Failed::Remove(f) => format!("cannot remove {}: {e}", q(f)),
        Failed::RemoveDir(d) => format!("failed to remove {}: {e}", q(d)),
        Failed::MakeDir(d) => format!("cannot create directory {}: {e}", q(d)),
        Failed::CopyTo(f) => format!("cannot create regular file {}: {e}", q(f)),
        Failed::Stat(s) | Failed::MoveSource(s) => format!("cannot stat {}: {e}", q(s)),
        Failed::Move(s, t) => format!("cannot move {} to {}: {e}", q(s), q(t)),
        Failed::Access(f) => format!("cannot access {}: {e}", q(f)),
        Failed::List(f) if tool.since(8, 25) => format!("cannot access {}: {e}", q(f)),
        Failed::List(f) => format!("cannot access {f}: {e}"),
        Failed::Open(f) => format!("{f}: {e}"),
        Failed::OpenRead(f) => format!("cannot open {} for reading: {e}", q(f)),
        Failed::SortRead(f) if tool.since(8, 26) => format!("cannot read: {f}: {e}"),
        Failed::SortRead(f) => format!("open failed: {f}: {e}"),
        Failed::StatFile(f) if tool.since(8, 32) => format!("cannot statx {}: {e}", q(f)),
        Failed::StatFile(f) => format!("cannot stat {}: {e}", q(f)),
        Failed::Symlink(l) if tool.since(8, 6) => format!("failed to create symbolic link {}: {e}", q(l)),
        Failed::Symlink(l) => format!("creating symbolic link {}: {e}", q(l)),
        Failed::LinkSource(t) if tool.since(8, 21) => format!("failed to access {}: {e}", q(t)),
        Failed::LinkSource(t) => format!("accessing {}: {e}", q(t)),
        // ln.c names the link alone for an existing or read-only one.
        Failed::HardLink(l, _) if matches!(e, FsError::Exists | FsError::ReadOnly) => {
            format!("{} hard link {}: {e}", if tool.since(8, 6) { "failed to create" } else { "creating" }, q(l))
        }
        Failed::HardLink(l, t) => {
            let verb = if tool.since(8, 6) { "failed to create" } else { "creating" };
            format!("{verb} hard link {} => {}: {e}", q(l), q(t))
        }
    }
}

/// `cp` refusing a directory without `-r` (after `cp: `).
pub fn omitting_directory(tool: Tool, d: &str) -> String {
    match tool {
        Tool::Busybox => format!("omitting directory '{d}'"),
        t if t.since(8, 26) => format!("-r not specified; omitting directory {}", t.q(d)),
        t => format!("omitting directory {}", t.q(d)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BOOKWORM: Tool = Tool::Coreutils(9, 1);

    #[test]
    fn busybox_and_gnu_words() {
        let ro = FsError::ReadOnly;
        let bb = Tool::Busybox;
        assert_eq!(message(bb, Failed::Touch("/data/x"), ro), "/data/x: Read-only file system");
        assert_eq!(message(BOOKWORM, Failed::Touch("/data/x"), ro), "cannot touch '/data/x': Read-only file system");
        assert_eq!(
            message(BOOKWORM, Failed::Remove("f"), FsError::NotFound),
            "cannot remove 'f': No such file or directory"
        );
        assert_eq!(message(BOOKWORM, Failed::MakeDir("/d"), ro), "cannot create directory '/d': Read-only file system");
        assert_eq!(
            message(BOOKWORM, Failed::Move("a", "/d/a"), ro),
            "cannot move 'a' to '/d/a': Read-only file system"
        );
        assert_eq!(message(bb, Failed::Move("a", "/d/a"), ro), "can't rename 'a': Read-only file system");
        assert_eq!(
            message(BOOKWORM, Failed::CopyTo("/d/a"), ro),
            "cannot create regular file '/d/a': Read-only file system"
        );
        assert_eq!(message(bb, Failed::Stat("a"), FsError::NotFound), "can't stat 'a': No such file or directory");
    }

    #[test]
    fn coreutils_words_change_with_its_version() {
        let gone = FsError::NotFound;
        let (el6, el7, focal, jammy) =
            (Tool::Coreutils(8, 4), Tool::Coreutils(8, 22), Tool::Coreutils(8, 30), Tool::Coreutils(8, 32));
        assert_eq!(message(BOOKWORM, Failed::List("/x"), gone), "cannot access '/x': No such file or directory");
        assert_eq!(message(el7, Failed::List("/x"), gone), "cannot access /x: No such file or directory");
        assert_eq!(message(el7, Failed::Access("/x"), gone), "cannot access '/x': No such file or directory");
        assert_eq!(message(el6, Failed::Access("/x"), gone), "cannot access `/x': No such file or directory");
        assert_eq!(message(jammy, Failed::StatFile("/x"), gone), "cannot statx '/x': No such file or directory");
        assert_eq!(message(focal, Failed::StatFile("/x"), gone), "cannot stat '/x': No such file or directory");
        assert_eq!(message(BOOKWORM, Failed::SortRead("/x"), gone), "cannot read: /x: No such file or directory");
        assert_eq!(message(el7, Failed::SortRead("/x"), gone), "open failed: /x: No such file or directory");
        assert_eq!(message(BOOKWORM, Failed::Open("/x"), gone), "/x: No such file or directory");
        assert_eq!(
            message(BOOKWORM, Failed::OpenRead("/x"), gone),
            "cannot open '/x' for reading: No such file or directory"
        );
        assert_eq!(
            message(BOOKWORM, Failed::RemoveDir("/x"), gone),
            "failed to remove '/x': No such file or directory"
        );
        assert_eq!(message(Tool::Busybox, Failed::RemoveDir("/x"), gone), "'/x': No such file or directory");
        assert_eq!(
            message(BOOKWORM, Failed::Symlink("/l"), FsError::Exists),
            "failed to create symbolic link '/l': File exists"
        );
        assert_eq!(message(el6, Failed::LinkSource("/t"), gone), "accessing `/t': No such file or directory");
        assert_eq!(
            message(BOOKWORM, Failed::HardLink("/l", "/t"), FsError::Exists),
            "failed to create hard link '/l': File exists"
        );
        assert_eq!(
            message(BOOKWORM, Failed::HardLink("/d/l", "/t"), FsError::NotFound),
            "failed to create hard link '/d/l' => '/t': No such file or directory"
        );
        assert_eq!(omitting_directory(BOOKWORM, "/etc"), "-r not specified; omitting directory '/etc'");
        assert_eq!(omitting_directory(el7, "/etc"), "omitting directory '/etc'");
        assert_eq!(omitting_directory(Tool::Busybox, "/etc"), "omitting directory '/etc'");
    }
}
