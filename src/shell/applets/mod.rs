//! The applets: busybox-like commands implemented over the filesystem tree.

mod archive;
mod awk;
mod bash_version;
mod basic;
mod common;
mod copy;
mod expr;
mod files;
mod find;
mod grep;
pub(crate) mod info;
mod ls;
mod perms;
pub(crate) mod printf;
mod ps;
mod regex;
mod sed;
mod shellapps;
mod sums;
mod test;
mod text;
mod users;
mod wording;

use super::applet::AppletFn;
use super::run::ShellFn;

/// How an applet runs.
#[derive(Clone, Copy)]
pub(crate) enum Run {
    /// An ash builtin, found without a `PATH` lookup (`echo`, `printf`, `test`, …).
    Builtin(AppletFn),
    /// A program that needs the interpreter (shells, `env`, `find`, `xargs`, `busybox`).
    Shell(ShellFn),
    /// A program over the filesystem.
    Plain(AppletFn),
}

/// One applet: its name, how it runs, and whether busybox provides it (a link to
/// `/bin/busybox` in a busybox-like base image, a line of `busybox --list`).
pub(crate) struct Applet {
    /// The program name.
    pub name: &'static str,
    /// Its implementation.
    pub run: Run,
    /// True when busybox has it.
    pub busybox: bool,
}

const fn a(name: &'static str, run: Run, busybox: bool) -> Applet {
    Applet { name, run, busybox }
}

use Run::{Builtin, Plain, Shell};

fn succeed(_: &mut crate::shell::applet::Ctx<'_>, _: &[String]) -> i32 {
    0
}

fn fail_status(_: &mut crate::shell::applet::Ctx<'_>, _: &[String]) -> i32 {
    1
}

/// Every applet, by name: the one table the shell, `busybox` and base images read.
pub(crate) const APPLETS: &[Applet] = &[
    a("[", Builtin(test::test), true),
    a("[[", Builtin(test::test), true),
    a("addgroup", Plain(users::addgroup), true),
    a("adduser", Plain(users::adduser), true),
    a("ash", Shell(shellapps::sh), true),
    a("awk", Plain(awk::awk), true),
    a("base64", Plain(sums::base64), true),
    a("basename", Plain(basic::basename), true),
    a("bash", Shell(shellapps::sh), false),
    a("busybox", Shell(shellapps::busybox), true),
    a("cat", Plain(files::cat), true),
    a("chgrp", Plain(perms::chgrp), true),
    a("chmod", Plain(perms::chmod), true),
    a("chown", Plain(perms::chown), true),
    a("chroot", Shell(shellapps::wrapper), true),
    a("cp", Plain(files::cp), true),
    a("curl", Plain(crate::shell::programs::curl::standalone), false),
    a("cut", Plain(text::cut), true),
    a("dash", Shell(shellapps::sh), false),
    a("date", Plain(info::date), true),
    a("dd", Plain(copy::dd), true),
    a("df", Plain(ls::df), true),
    a("dirname", Plain(basic::dirname), true),
    a("du", Plain(ls::du), true),
    a("echo", Builtin(basic::echo), true),
    a("egrep", Plain(grep::grep), true),
    a("env", Shell(shellapps::env), true),
    a("expr", Plain(expr::expr), true),
    a("false", Builtin(fail_status), true),
    a("fgrep", Plain(grep::grep), true),
    a("find", Shell(find::find), true),
    a("gosu", Shell(shellapps::wrapper), false),
    a("grep", Plain(grep::grep), true),
    a("groupadd", Plain(users::groupadd), false),
    a("gunzip", Plain(archive::gunzip), true),
    a("gzip", Plain(archive::gzip), true),
    a("head", Plain(text::head), true),
    a("hostname", Plain(info::hostname), true),
    a("id", Plain(users::id), true),
    a("kill", Builtin(succeed), true),
    a("ln", Plain(files::ln), true),
    a("ls", Plain(ls::ls), true),
    a("md5sum", Plain(sums::md5sum), true),
    a("mkdir", Plain(files::mkdir), true),
    a("mktemp", Plain(files::mktemp), true),
    a("mv", Plain(files::mv), true),
    a("nice", Shell(shellapps::wrapper), true),
    a("nl", Plain(text::nl), true),
    a("nohup", Shell(shellapps::wrapper), true),
    a("nproc", Plain(info::nproc), true),
    a("printenv", Plain(basic::printenv), true),
    a("printf", Builtin(printf::printf), true),
    a("ps", Plain(ps::ps), true),
    a("pwd", Plain(basic::pwd), true),
    a("readlink", Plain(files::readlink), true),
    a("realpath", Plain(files::realpath), true),
    a("rev", Plain(text::rev), true),
    a("rm", Plain(files::rm), true),
    a("rmdir", Plain(files::rmdir), true),
    a("sed", Plain(sed::sed), true),
    a("seq", Plain(basic::seq), true),
    a("setsid", Shell(shellapps::wrapper), true),
    a("sh", Shell(shellapps::sh), true),
    a("sha256sum", Plain(sums::sha256sum), true),
    a("sha512sum", Plain(sums::sha512sum), true),
    a("sleep", Plain(basic::sleep), true),
    a("sort", Plain(text::sort), true),
    a("stat", Plain(ls::stat), true),
    a("su-exec", Shell(shellapps::wrapper), false),
    a("sync", Plain(succeed), true),
    a("tail", Plain(text::tail), true),
    a("tar", Plain(archive::tar), true),
    a("tee", Plain(copy::tee), true),
    a("test", Builtin(test::test), true),
    a("time", Shell(shellapps::wrapper), true),
    a("timeout", Shell(shellapps::wrapper), true),
    a("touch", Plain(files::touch), true),
    a("tr", Plain(text::tr), true),
    a("true", Builtin(succeed), true),
    a("uname", Plain(info::uname), true),
    a("uniq", Plain(text::uniq), true),
    a("useradd", Plain(users::useradd), false),
    a("usleep", Plain(succeed), true),
    a("wc", Plain(text::wc), true),
    a("wget", Plain(crate::shell::programs::wget::busybox), true),
    a("which", Plain(info::which), true),
    a("whoami", Plain(users::whoami), true),
    a("xargs", Shell(shellapps::xargs), true),
    a("yes", Plain(basic::yes), true),
    a("zcat", Plain(archive::zcat), true),
];

fn find(name: &str) -> Option<&'static Applet> {
    APPLETS.binary_search_by(|a| a.name.cmp(name)).ok().map(|i| &APPLETS[i])
}

/// Applets ash runs as builtins (no `PATH` lookup needed): `echo`, `printf`, `test`, …
pub(crate) fn builtin_applet(name: &str) -> Option<AppletFn> {
    match find(name)?.run {
        Builtin(f) => Some(f),
        _ => None,
    }
}

/// Applets that need the interpreter: shells, `env`, `find`, `xargs`, `busybox`.
pub(crate) fn shell_applet(name: &str) -> Option<ShellFn> {
    match find(name)?.run {
        Shell(f) => Some(f),
        _ => None,
    }
}

/// The applet implementing the program `name` (builtins included).
pub(crate) fn applet(name: &str) -> Option<AppletFn> {
    match find(name)?.run {
        Builtin(f) | Plain(f) => Some(f),
        Shell(_) => None,
    }
}

/// The names busybox provides, sorted (`busybox --list`, the links of a base image).
pub(crate) fn busybox_names() -> impl Iterator<Item = &'static str> {
    APPLETS.iter().filter(|a| a.busybox).map(|a| a.name)
}

/// `strftime` as `ls` and `date` use it (for tests outside this module).
#[cfg(test)]
pub(crate) fn strftime_for_tests(fmt: &str, t: i64) -> String {
    info::strftime(fmt, t)
}

#[cfg(test)]
mod table_tests {
    use super::*;

    #[test]
    fn the_table_is_sorted_and_unique() {
        assert!(APPLETS.windows(2).all(|w| w[0].name < w[1].name), "sorted by name, no duplicates (binary search)");
        assert!(applet("cat").is_some() && applet("echo").is_some() && applet("sh").is_none());
        assert!(shell_applet("sh").is_some() && builtin_applet("cat").is_none());
        let names: Vec<&str> = busybox_names().collect();
        assert!(names.contains(&"ash") && !names.contains(&"bash") && !names.contains(&"useradd"));
    }
}
