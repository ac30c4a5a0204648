//! Simulated package managers (apk, apt-get, apt, dpkg, yum, dnf, microdnf, rpm) and the programs packages install;
//! the packages, releases and databases they work with are [`crate::catalog`]'s.
//!
//! Everything works on the files of the tree: the distribution comes from
//! `/etc/os-release`, installed packages from apk's or dpkg's database files, package lists
//! and caches are real (synthetic) files, so `rm -rf /var/lib/apt/lists/*` and
//! `--no-cache` have the effect on image size they have with Docker.

pub mod apk;
pub mod apt;
mod apt_lists;
pub mod dnf;
pub mod dnf5;
pub mod dpkg;
pub mod hello;
mod lang;
pub mod microdnf;
pub mod npm;
pub mod pip;
pub mod programs;
pub mod rpm;
pub mod service;
pub mod yum;

use super::AppletFn;

/// The applet for a package-manager command or an installed program, if this module has one.
pub fn applet(name: &str) -> Option<AppletFn> {
    Some(match name {
        "apk" => apk::apk,
        "apt-get" => apt::apt_get,
        "apt" => apt::apt,
        "dpkg" => dpkg::dpkg,
        "dpkg-query" => dpkg::dpkg_query,
        "yum" | "dnf" => yum::yum,
        "microdnf" => microdnf::microdnf,
        "rpm" => rpm::rpm,
        "service" => service::service,
        n if programs::is_program(n) => programs::program,
        _ => return None,
    })
}

/// True when `name` should run as this module's program rather than a busybox applet of
/// the same name: an installed package provides it (curl, git, GNU wget …), and the file
/// run is not a link to busybox (the caller checks that).
pub fn prefers(fs: &crate::vfs::Tree, name: &str) -> bool {
    matches!(
        name,
        "curl"
            | "git"
            | "python3"
            | "node"
            | "npm"
            | "pip"
            | "pip3"
            | "jq"
            | "make"
            | "gcc"
            | "nginx"
            | "wget"
            | "httpd"
    ) && programs::installed(fs, name)
}

#[cfg(test)]
pub(crate) mod testutil {
    //! Running applets over built-in images in unit tests.

    use crate::shell::{Budget, Ctx};
    use crate::vfs::Tree;

    /// The tree of a built-in image.
    pub fn tree_of(reference: &str) -> Tree {
        Tree::from_layers(
            &crate::catalog::images::lookup(reference).expect("catalogue data").expect("built-in image").layers,
        )
    }

    /// Runs `argv` through [`super::applet`] as `uid` with stdin `input`.
    pub fn run_in(t: &mut Tree, uid: u32, env: &[(&str, &str)], input: &str, argv: &[&str]) -> (i32, String, String) {
        let argv: Vec<String> = argv.iter().map(|s| s.to_string()).collect();
        let f = super::applet(&argv[0]).expect("applet exists");
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let mut budget = Budget::default();
        let mut env_map = crate::util::collect::map(env.iter().map(|(k, v)| (k.to_string(), v.to_string())));
        env_map.entry("HOME".into()).or_insert_with(|| if uid == 0 { "/root".into() } else { "/home/user".into() });
        let mut ctx = Ctx::new(t, input.as_bytes(), &mut out, &mut err, &mut budget);
        ctx.env = env_map;
        ctx.uid = uid;
        ctx.gid = uid;
        ctx.now = 1_727_949_610;
        let code = f(&mut ctx, &argv);
        (code, String::from_utf8_lossy(&out).into_owned(), String::from_utf8_lossy(&err).into_owned())
    }

    /// Runs `argv` as `uid` with an empty environment and stdin.
    pub fn run(t: &mut Tree, uid: u32, argv: &[&str]) -> (i32, String, String) {
        run_in(t, uid, &[], "", argv)
    }
}
