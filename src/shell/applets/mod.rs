//! The applets: busybox-like commands implemented over the filesystem tree.

mod archive;
mod awk;
mod basic;
mod common;
mod files;
mod expr;
mod find;
mod grep;
pub(crate) mod info;
mod ls;
mod perms;
pub(crate) mod printf;
mod regex;
mod sed;
mod shellapps;
mod sums;
mod test;
mod text;
mod users;

use super::applet::AppletFn;
use super::run::ShellFn;

/// Applets ash runs as builtins (no `PATH` lookup needed): `echo`, `printf`, `test`, …
pub(crate) fn builtin_applet(name: &str) -> Option<AppletFn> {
    Some(match name {
        "echo" => basic::echo,
        "printf" => printf::printf,
        "test" | "[" | "[[" => test::test,
        "true" => |_, _| 0,
        "false" => |_, _| 1,
        "kill" => |_, _| 0,
        _ => return None,
    })
}

/// Applets that need the interpreter: shells, `env`, `find`, `xargs`, `busybox`.
pub(crate) fn shell_applet(name: &str) -> Option<ShellFn> {
    Some(match name {
        "sh" | "bash" | "ash" | "dash" => shellapps::sh,
        "env" => shellapps::env,
        "xargs" => shellapps::xargs,
        "busybox" => shellapps::busybox,
        "find" => find::find,
        "nohup" | "nice" | "time" | "timeout" | "chroot" | "setsid" | "su-exec" | "gosu" => shellapps::wrapper,
        _ => return None,
    })
}

/// The applet implementing the program `name`.
pub(crate) fn applet(name: &str) -> Option<AppletFn> {
    if let Some(a) = builtin_applet(name) {
        return Some(a);
    }
    Some(match name {
        "cat" => files::cat,
        "ls" => ls::ls,
        "mkdir" => files::mkdir,
        "rm" => files::rm,
        "rmdir" => files::rmdir,
        "cp" => files::cp,
        "mv" => files::mv,
        "ln" => files::ln,
        "touch" => files::touch,
        "chmod" => perms::chmod,
        "chown" => perms::chown,
        "chgrp" => perms::chgrp,
        "stat" => ls::stat,
        "realpath" => files::realpath,
        "readlink" => files::readlink,
        "du" => ls::du,
        "df" => ls::df,
        "mktemp" => files::mktemp,
        "tee" => files::tee,
        "dd" => files::dd,
        "printenv" => basic::printenv,
        "pwd" => basic::pwd,
        "expr" => expr::expr,
        "yes" => basic::yes,
        "seq" => basic::seq,
        "sleep" | "sync" | "usleep" => |_, _| 0,
        "basename" => basic::basename,
        "dirname" => basic::dirname,
        "rev" => text::rev,
        "grep" | "egrep" | "fgrep" => grep::grep,
        "sed" => sed::sed,
        "awk" => awk::awk,
        "nl" => text::nl,
        "head" => text::head,
        "tail" => text::tail,
        "wc" => text::wc,
        "sort" => text::sort,
        "uniq" => text::uniq,
        "tr" => text::tr,
        "cut" => text::cut,
        "tar" => archive::tar,
        "gzip" => archive::gzip,
        "gunzip" => archive::gunzip,
        "zcat" => archive::zcat,
        "sha256sum" => sums::sha256sum,
        "sha512sum" => sums::sha512sum,
        "md5sum" => sums::md5sum,
        "base64" => sums::base64,
        "id" => users::id,
        "whoami" => users::whoami,
        "adduser" => users::adduser,
        "addgroup" => users::addgroup,
        "useradd" => users::useradd,
        "groupadd" => users::groupadd,
        "date" => info::date,
        "uname" => info::uname,
        "hostname" => info::hostname,
        "nproc" => info::nproc,
        "which" => info::which,
        "wget" => crate::shell::programs::wget::busybox,
        "curl" => crate::shell::programs::curl::standalone,
        _ => return None,
    })
}

/// Every applet name (for `busybox --list` and installing links in base images).
pub const LIST: &[&str] = &[
    "[", "[[", "adduser", "addgroup", "ash", "awk", "base64", "basename", "busybox", "cat", "chgrp", "chmod", "chown",
    "chroot", "cp", "cut", "date", "dd", "df", "dirname", "du", "echo", "egrep", "expr", "env", "false", "fgrep", "find",
    "grep", "gunzip", "gzip", "head", "hostname", "id", "kill", "ln", "ls", "md5sum", "mkdir", "mktemp", "mv",
    "nice", "nl", "nohup", "nproc", "printenv", "printf", "pwd", "readlink", "realpath", "rev", "rm", "rmdir", "sed",
    "seq", "setsid", "sh", "sha256sum", "sha512sum", "sleep", "sort", "stat", "sync", "tail", "tar", "tee", "test",
    "time", "timeout", "touch", "tr", "true", "uname", "uniq", "usleep", "wc", "wget", "which", "whoami",
    "xargs", "yes", "zcat",
];

/// `strftime` as `ls` and `date` use it (for tests outside this module).
#[cfg(test)]
pub(crate) fn strftime_for_tests(fmt: &str, t: i64) -> String {
    info::strftime(fmt, t)
}
