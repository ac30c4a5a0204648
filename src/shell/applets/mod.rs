//! The applets: busybox-like commands implemented over the filesystem tree.

mod basic;
mod common;
mod files;
pub(crate) mod printf;
mod shellapps;
mod test;

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
        "pwd" => basic::pwd,
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
        "mkdir" => files::mkdir,
        "rm" => files::rm,
        "rmdir" => files::rmdir,
        "cp" => files::cp,
        "mv" => files::mv,
        "ln" => files::ln,
        "touch" => files::touch,
        "realpath" => files::realpath,
        "readlink" => files::readlink,
        "mktemp" => files::mktemp,
        "tee" => files::tee,
        "dd" => files::dd,
        "printenv" => basic::printenv,
        "yes" => basic::yes,
        "seq" => basic::seq,
        "sleep" | "sync" | "usleep" => |_, _| 0,
        "basename" => basic::basename,
        "dirname" => basic::dirname,
        _ => return None,
    })
}

/// Every applet name (for `busybox --list` and installing links).
pub const LIST: &[&str] = &["echo"];
