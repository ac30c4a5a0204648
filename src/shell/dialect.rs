//! Which shell the interpreter speaks as: busybox ash (Alpine's `/bin/sh`), dash (Debian's
//! and Ubuntu's `/bin/sh`) or bash. The language is the same here; what differs is how
//! each words its errors:
//!
//! | | ash | dash | bash |
//! |---|---|---|---|
//! | prefix (`-c`) | `sh: ` | `sh: 1: ` | `bash: line 1: ` |
//! | prefix (script file) | `f.sh: line 2: ` | `f.sh: 2: ` | `f.sh: line 2: ` |
//! | unknown command | `x: not found` | `x: not found` | `x: command not found` |
//! | `> /nope/f` | `can't create /nope/f: nonexistent directory` | `cannot create /nope/f: Directory nonexistent` | `/nope/f: No such file or directory` |
//!
//! The prefix's name is `$0` (`sh`, `/bin/sh`, `bash`, the script's path). Sources: the
//! shells themselves (busybox 1.36 `ash_vmsg`, dash 0.5.12 `exverror`, bash 5.2
//! `error_prolog`).

use crate::vfs::{path, FsError, Tree};

/// A shell's way of wording its errors.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Dialect {
    /// busybox ash.
    #[default]
    Ash,
    /// dash.
    Dash,
    /// GNU bash.
    Bash,
}

impl Dialect {
    /// The dialect of the shell program at `file` (following links: Debian's `/bin/sh` is
    /// a link to `dash`, Alpine's to `busybox`).
    pub fn of(fs: &Tree, file: &str) -> Dialect {
        let real = fs.resolve("/", file, true).unwrap_or_else(|_| file.to_string());
        match path::file_name(&real) {
            n if n.starts_with("bash") => Dialect::Bash,
            n if n.starts_with("dash") => Dialect::Dash,
            _ => Dialect::Ash,
        }
    }

    /// The start of an error line: `$0` (`name`), then the line number where the shell
    /// gives it (`in_file`: the commands come from a script file).
    pub fn prefix(self, name: &str, line: usize, in_file: bool) -> String {
        match self {
            Dialect::Ash if in_file => format!("{name}: line {line}: "),
            Dialect::Ash => format!("{name}: "),
            Dialect::Dash => format!("{name}: {line}: "),
            Dialect::Bash => format!("{name}: line {line}: "),
        }
    }

    /// A command that is not a builtin, a function or a file on `PATH`.
    pub fn not_found(self, cmd: &str) -> String {
        match self {
            Dialect::Bash => format!("{cmd}: command not found"),
            Dialect::Ash | Dialect::Dash => format!("{cmd}: not found"),
        }
    }

    /// A `>`/`>>` redirection whose file cannot be opened for writing (ash and dash say
    /// ENOENT and ENOTDIR their own way: their `errmsg`).
    pub fn cannot_create(self, target: &str, e: FsError) -> String {
        let missing = matches!(e, FsError::NotFound | FsError::NotADirectory);
        match self {
            Dialect::Ash if missing => format!("can't create {target}: nonexistent directory"),
            Dialect::Ash => format!("can't create {target}: {e}"),
            Dialect::Dash if missing => format!("cannot create {target}: Directory nonexistent"),
            Dialect::Dash => format!("cannot create {target}: {e}"),
            Dialect::Bash => format!("{target}: {e}"),
        }
    }

    /// A `<` redirection whose file cannot be read.
    pub fn cannot_open(self, target: &str, e: FsError) -> String {
        let missing = matches!(e, FsError::NotFound | FsError::NotADirectory);
        match self {
            Dialect::Ash if missing => format!("can't open {target}: no such file"),
            Dialect::Ash => format!("can't open {target}: {e}"),
            Dialect::Dash if missing => format!("cannot open {target}: No such file"),
            Dialect::Dash => format!("cannot open {target}: {e}"),
            Dialect::Bash => format!("{target}: {e}"),
        }
    }

    /// The status of a command whose redirection failed (dash's is 2).
    pub fn redirect_status(self) -> i32 {
        match self {
            Dialect::Dash => 2,
            Dialect::Ash | Dialect::Bash => 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vfs::{Content, Meta};

    #[test]
    fn the_link_decides() {
        let mut t = Tree::new();
        t.mkdir_all("/", "/bin", Meta::root(0o755)).unwrap();
        for f in ["/bin/dash", "/bin/bash", "/bin/busybox"] {
            t.write_file("/", f, Content::default(), Meta::root(0o755)).unwrap();
        }
        t.symlink("/", "dash", "/bin/sh", Meta::root(0o777)).unwrap();
        t.symlink("/", "/bin/busybox", "/bin/ash", Meta::root(0o777)).unwrap();
        assert_eq!(Dialect::of(&t, "/bin/sh"), Dialect::Dash);
        assert_eq!(Dialect::of(&t, "/bin/bash"), Dialect::Bash);
        assert_eq!(Dialect::of(&t, "/bin/ash"), Dialect::Ash);
        assert_eq!(Dialect::of(&t, "/nowhere/sh"), Dialect::Ash);
    }

    #[test]
    fn each_words_it_as_itself() {
        let p = |d: Dialect| d.prefix("sh", 1, false) + &d.not_found("x");
        assert_eq!(p(Dialect::Ash), "sh: x: not found");
        assert_eq!(p(Dialect::Dash), "sh: 1: x: not found");
        assert_eq!(p(Dialect::Bash), "sh: line 1: x: command not found");
        assert_eq!(Dialect::Ash.prefix("./s.sh", 2, true), "./s.sh: line 2: ");
        assert_eq!(
            Dialect::Dash.cannot_create("/nope/x", FsError::NotFound),
            "cannot create /nope/x: Directory nonexistent"
        );
        assert_eq!(Dialect::Bash.cannot_create("/d/x", FsError::ReadOnly), "/d/x: Read-only file system");
        assert_eq!(Dialect::Dash.cannot_open("/nope", FsError::NotFound), "cannot open /nope: No such file");
        assert_eq!(Dialect::Ash.cannot_open("/nope", FsError::NotFound), "can't open /nope: no such file");
    }
}
