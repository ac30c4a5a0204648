//! The language runtimes, their package managers and the servers of the official images
//! (`ruby`/`gem`/`bundle`, `php`/`composer`, the Temurin `java` and `mvn`, `rustc`/`cargo`,
//! `yarn`, `redis-server`, `httpd`, `postgres`, …): each program is a module here, reached
//! through [`run`] from the one program table ([`super::programs`]). A program knows its
//! version from the package that provides it: a distribution package, or the file set of
//! the image layer that put it on `PATH`.

mod bundle;
mod cargo;
mod composer;
mod gem;
mod java;
mod maven;
mod php;
mod ruby;
mod servers;
mod yarn;

use crate::catalog::distro::Distro;
use crate::catalog::model::Package;
use crate::shell::Ctx;
use crate::vfs::{Content, Meta};

/// Commands of this module.
const PROGRAMS: &[&str] = &[
    "ruby",
    "irb",
    "gem",
    "bundle",
    "bundler",
    "php",
    "php-fpm",
    "composer",
    "mvn",
    "rustc",
    "cargo",
    "rustup",
    "yarn",
    "yarnpkg",
    "redis-server",
    "redis-cli",
    "httpd",
    "apachectl",
    "mongod",
    "mongo",
    "mongosh",
    "postgres",
    "mysqld",
    "mysql",
    "mysqlsh",
    "catalina.sh",
    "version.sh",
];

/// True when this module simulates `name`.
pub fn is_program(name: &str) -> bool {
    PROGRAMS.contains(&name)
}

/// Runs `cmd` provided by `pkg` (of distribution `d`), or `None` when this module leaves the
/// command to the general program table (a Debian `java`, for one).
pub fn run(ctx: &mut Ctx<'_>, d: &Distro, pkg: &Package, cmd: &str, args: &[String]) -> Option<i32> {
    let v = crate::catalog::model::upstream(&pkg.version);
    Some(match cmd {
        "ruby" | "irb" => ruby::ruby(ctx, d, &v, cmd, args),
        "gem" => gem::gem(ctx, d, &v, args),
        "bundle" | "bundler" => bundle::bundle(ctx, d, &v, args),
        "php" | "php-fpm" => php::php(ctx, cmd, &pkg.version, args),
        "composer" => composer::composer(ctx, &v, args),
        "java" | "javac" if pkg.name == "eclipse-temurin" => java::java(ctx, cmd, &pkg.version, args),
        "java" | "javac" if pkg.name == "openjdk" || pkg.name == "openjdk8" => {
            java::openjdk(ctx, cmd, &pkg.version, args)
        }
        "java" | "javac" if pkg.name.starts_with("java-") => java::rpm_jdk(ctx, cmd, &pkg.name, &pkg.version, args),
        "mvn" => maven::mvn(ctx, &v, args),
        "rustc" | "cargo" | "rustup" => cargo::rust(ctx, cmd, &v, args),
        "yarn" | "yarnpkg" => yarn::yarn(ctx, &v, args),
        c if is_program(c) => servers::server(ctx, d, c, &pkg.version, args),
        _ => return None,
    })
}

/// True when any argument is one of `flags`.
fn has(args: &[String], flags: &[&str]) -> bool {
    args.iter().any(|a| flags.contains(&a.as_str()))
}

/// The value of environment variable `name`, if set and not empty.
fn env(ctx: &Ctx<'_>, name: &str) -> Option<String> {
    ctx.env.get(name).filter(|v| !v.is_empty()).cloned()
}

/// The home directory of the user running the program.
fn home(ctx: &Ctx<'_>) -> String {
    env(ctx, "HOME").unwrap_or_else(|| if ctx.uid == 0 { "/root".into() } else { "/".into() })
}

/// True when `name` is found on `PATH`.
fn on_path(ctx: &Ctx<'_>, name: &str) -> bool {
    let path = env(ctx, "PATH").unwrap_or_else(|| crate::util::DEFAULT_PATH.to_string());
    path.split(':').any(|dir| ctx.fs.lookup("/", &format!("{}/{name}", dir.trim_end_matches('/')), true).is_ok())
}

/// Writes a synthetic file of `size` bytes at `path` (absolute or relative to the working
/// directory), creating its directory, owned by the user; false when it cannot.
fn put(ctx: &mut Ctx<'_>, path: &str, size: u64, label: &str) -> bool {
    let at = crate::vfs::path::normalize(&ctx.cwd, path);
    let meta = Meta { mode: 0o755, uid: ctx.uid, gid: ctx.gid, mtime: ctx.now };
    let dir = crate::vfs::path::parent(&at).to_string();
    if ctx.fs.mkdir_all("/", &dir, meta).is_err() {
        return false;
    }
    let c = Content::synthetic(size, crate::catalog::model::hash64(at.as_bytes()), label);
    ctx.fs.write_file("/", &at, c, Meta { mode: 0o644, ..meta }).is_ok()
}

/// Writes a text file at `path` (absolute or relative), creating its directory.
fn put_text(ctx: &mut Ctx<'_>, path: &str, text: &str) -> bool {
    let at = crate::vfs::path::normalize(&ctx.cwd, path);
    let meta = Meta { mode: 0o755, uid: ctx.uid, gid: ctx.gid, mtime: ctx.now };
    let dir = crate::vfs::path::parent(&at).to_string();
    if ctx.fs.mkdir_all("/", &dir, meta).is_err() {
        return false;
    }
    ctx.fs.write_file("/", &at, Content::from(text), Meta { mode: 0o644, ..meta }).is_ok()
}

/// The text of a file (relative to the working directory), if it exists.
fn read(ctx: &Ctx<'_>, path: &str) -> Option<String> {
    ctx.fs.read(&ctx.cwd, path).ok().map(|c| String::from_utf8_lossy(&c.bytes()).into_owned())
}
