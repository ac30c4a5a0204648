//! [`VarScope`]: Docker's rules for which `ARG`/`ENV` values a variable reference sees.
//!
//! - The global scope (before the first `FROM`) holds the automatic platform ARGs
//!   (`TARGETPLATFORM`, `TARGETOS`, ...) and the global `ARG`s; it is what `FROM` lines
//!   expand with.
//! - A stage starts with only its base image's ENV. A global ARG (or an automatic platform
//!   ARG) becomes visible in a stage only when re-declared there (`ARG NAME`).
//! - A `--build-arg` value overrides the default of a declared ARG; undeclared build-args
//!   are unused (Docker's warning lists them), except the predefined proxy ARGs
//!   (`HTTP_PROXY`...), which are visible without declaration when given.
//! - The latest `ENV`/`ARG` assignment of a name wins (as in BuildKit, where both end up in
//!   the same environment); ARG values reach `RUN` as environment variables but are not
//!   stored in the image config.
//!
//! A typical builder loop:
//! ```
//! use layerlab::dockerfile::VarScope;
//! let mut global = VarScope::global(&[("VERSION".into(), "2".into())]);
//! global.declare_global_arg("VERSION", Some("1"), '\\').unwrap();
//! assert_eq!(global.lookup("VERSION").as_deref(), Some("2"));
//! let mut stage = global.for_stage(&[("PATH".into(), "/bin".into())]);
//! assert_eq!(stage.lookup("VERSION"), None);
//! stage.declare_arg("VERSION", None, '\\').unwrap();
//! assert_eq!(stage.args_for_run(), vec![("VERSION".to_string(), "2".to_string())]);
//! ```

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::rc::Rc;

use super::expand::expand_word;

/// ARGs Docker accepts as build-args without an `ARG` line (proxy settings).
pub const PREDEFINED_ARGS: &[&str] = &[
    "HTTP_PROXY",
    "http_proxy",
    "HTTPS_PROXY",
    "https_proxy",
    "FTP_PROXY",
    "ftp_proxy",
    "NO_PROXY",
    "no_proxy",
    "ALL_PROXY",
    "all_proxy",
];

/// Where a value came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Origin {
    Env,
    Arg,
}

/// Variables visible at one point of a build (global scope or one stage).
#[derive(Clone, Debug)]
pub struct VarScope {
    build_args: Rc<Vec<(String, String)>>,
    /// Build-arg names declared by some ARG, shared by all scopes of one build.
    consumed: Rc<RefCell<BTreeSet<String>>>,
    /// Global ARG values (automatic platform ARGs included), inherited on re-declaration.
    globals: Vec<(String, Option<String>)>,
    /// Values in effect, in assignment order.
    vars: Vec<(String, String, Origin)>,
    is_global: bool,
}

fn split_platform(p: &str) -> (String, String, String) {
    let mut parts = p.splitn(3, '/');
    let os = parts.next().unwrap_or("").to_string();
    let arch = parts.next().unwrap_or("").to_string();
    let variant = parts.next().unwrap_or("").to_string();
    (os, arch, variant)
}

impl VarScope {
    /// The global scope for a build with these `--build-arg`s, building for linux/amd64 on
    /// linux/amd64.
    pub fn global(build_args: &[(String, String)]) -> VarScope {
        let mut scope = VarScope {
            build_args: Rc::new(build_args.to_vec()),
            consumed: Rc::default(),
            globals: Vec::new(),
            vars: Vec::new(),
            is_global: true,
        };
        scope.set_platforms("linux/amd64", "linux/amd64");
        scope
    }

    /// Sets the automatic `TARGET*`/`BUILD*` ARGs from `os/arch[/variant]` strings.
    pub fn set_platforms(&mut self, target: &str, build: &str) {
        for (prefix, platform) in [("TARGET", target), ("BUILD", build)] {
            let (os, arch, variant) = split_platform(platform);
            for (suffix, value) in
                [("PLATFORM", platform.to_string()), ("OS", os), ("ARCH", arch), ("VARIANT", variant)]
            {
                self.set_global(&format!("{prefix}{suffix}"), Some(value));
            }
        }
    }

    fn set_global(&mut self, name: &str, value: Option<String>) {
        self.globals.retain(|(n, _)| n != name);
        self.globals.push((name.to_string(), value.clone()));
        if let Some(v) = value {
            self.set(name, v, Origin::Arg);
        } else {
            self.vars.retain(|(n, _, _)| n != name);
        }
    }

    fn set(&mut self, name: &str, value: String, origin: Origin) {
        match self.vars.iter_mut().find(|(n, _, _)| n == name) {
            Some(slot) => *slot = (name.to_string(), value, origin),
            None => self.vars.push((name.to_string(), value, origin)),
        }
    }

    fn build_arg(&self, name: &str) -> Option<String> {
        self.build_args.iter().rev().find(|(n, _)| n == name).map(|(_, v)| v.clone())
    }

    /// Declares `ARG name[=default]` before the first `FROM`. The value is the build-arg if
    /// given, else the default expanded with the global scope so far.
    pub fn declare_global_arg(&mut self, name: &str, default: Option<&str>, escape: char) -> Result<(), String> {
        let value = self.resolve_arg(name, default, escape, None)?;
        self.set_global(name, value);
        Ok(())
    }

    /// Starts a stage whose base image has `base_env`: global ARGs are not visible until
    /// re-declared with [`declare_arg`](Self::declare_arg).
    pub fn for_stage(&self, base_env: &[(String, String)]) -> VarScope {
        VarScope {
            build_args: self.build_args.clone(),
            consumed: self.consumed.clone(),
            globals: self.globals.clone(),
            vars: base_env.iter().map(|(k, v)| (k.clone(), v.clone(), Origin::Env)).collect(),
            is_global: false,
        }
    }

    /// Declares `ARG name[=default]` inside a stage. The value is, in order: the build-arg,
    /// the default (expanded with this scope), the global ARG's value; otherwise the ARG is
    /// declared without a value (references expand to nothing).
    pub fn declare_arg(&mut self, name: &str, default: Option<&str>, escape: char) -> Result<(), String> {
        if self.is_global {
            return self.declare_global_arg(name, default, escape);
        }
        let inherited = self.globals.iter().find(|(n, _)| n == name).and_then(|(_, v)| v.clone());
        if let Some(v) = self.resolve_arg(name, default, escape, inherited)? {
            self.set(name, v, Origin::Arg);
        }
        Ok(())
    }

    fn resolve_arg(
        &self,
        name: &str,
        default: Option<&str>,
        escape: char,
        inherited: Option<String>,
    ) -> Result<Option<String>, String> {
        if let Some(v) = self.build_arg(name) {
            self.consumed.borrow_mut().insert(name.to_string());
            return Ok(Some(v));
        }
        match default {
            Some(d) => expand_word(d, escape, &|n| self.lookup(n)).map(Some),
            None => Ok(inherited),
        }
    }

    /// Records `ENV name=value` (overrides an ARG of the same name).
    pub fn set_env(&mut self, name: &str, value: &str) {
        self.set(name, value.to_string(), Origin::Env);
    }

    /// The value a `$name` reference sees here.
    pub fn lookup(&self, name: &str) -> Option<String> {
        if let Some((_, v, _)) = self.vars.iter().find(|(n, _, _)| n == name) {
            return Some(v.clone());
        }
        if PREDEFINED_ARGS.contains(&name) {
            return self.build_arg(name);
        }
        None
    }

    /// ARG values to add to the environment of `RUN` (not persisted in the image), with the
    /// predefined proxy build-args, in declaration order.
    pub fn args_for_run(&self) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> =
            self.vars.iter().filter(|(_, _, o)| *o == Origin::Arg).map(|(n, v, _)| (n.clone(), v.clone())).collect();
        for (n, v) in self.build_args.iter() {
            if PREDEFINED_ARGS.contains(&n.as_str()) && !self.vars.iter().any(|(vn, _, _)| vn == n) {
                out.push((n.clone(), v.clone()));
            }
        }
        out
    }

    /// ENV values in effect (base image ENV and `ENV` instructions), in order.
    pub fn env(&self) -> Vec<(String, String)> {
        self.vars.iter().filter(|(_, _, o)| *o == Origin::Env).map(|(n, v, _)| (n.clone(), v.clone())).collect()
    }

    /// Build-args no ARG declared (predefined proxy ARGs excepted), sorted.
    pub fn unused_build_args(&self) -> Vec<String> {
        let consumed = self.consumed.borrow();
        let names = crate::util::collect::set(
            self.build_args
                .iter()
                .map(|(n, _)| n.clone())
                .filter(|n| !consumed.contains(n) && !PREDEFINED_ARGS.contains(&n.as_str())),
        );
        names.into_iter().collect()
    }

    /// Docker's warning for unused build-args, if any:
    /// `[Warning] One or more build-args [FOO BAR] were not consumed`.
    pub fn unused_build_args_warning(&self) -> Option<String> {
        let unused = self.unused_build_args();
        (!unused.is_empty())
            .then(|| format!("[Warning] One or more build-args [{}] were not consumed", unused.join(" ")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ba(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn global_args_only_in_from_unless_redeclared() {
        let mut g = VarScope::global(&[]);
        g.declare_global_arg("BASE", Some("alpine"), '\\').unwrap();
        g.declare_global_arg("TAG", Some("3.$MINOR"), '\\').unwrap();
        assert_eq!(g.lookup("BASE").as_deref(), Some("alpine"));
        assert_eq!(g.lookup("TAG").as_deref(), Some("3."));
        let mut s = g.for_stage(&[]);
        assert_eq!(s.lookup("BASE"), None);
        s.declare_arg("BASE", None, '\\').unwrap();
        assert_eq!(s.lookup("BASE").as_deref(), Some("alpine"));
        s.declare_arg("OTHER", None, '\\').unwrap();
        assert_eq!(s.lookup("OTHER"), None);
    }

    #[test]
    fn build_args_override_declared_defaults() {
        let g0 = VarScope::global(&ba(&[("V", "9"), ("UNUSED", "x"), ("HTTP_PROXY", "http://p:3128")]));
        let mut g = g0.clone();
        g.declare_global_arg("V", Some("1"), '\\').unwrap();
        assert_eq!(g.lookup("V").as_deref(), Some("9"));
        let mut s = g.for_stage(&[]);
        s.declare_arg("V", Some("2"), '\\').unwrap();
        assert_eq!(s.lookup("V").as_deref(), Some("9"));
        assert_eq!(s.lookup("HTTP_PROXY").as_deref(), Some("http://p:3128"));
        assert_eq!(s.lookup("http_proxy"), None);
        assert_eq!(s.unused_build_args(), vec!["UNUSED".to_string()]);
        assert_eq!(
            g0.unused_build_args_warning().as_deref(),
            Some("[Warning] One or more build-args [UNUSED] were not consumed")
        );
        assert_eq!(s.args_for_run(), ba(&[("V", "9"), ("HTTP_PROXY", "http://p:3128")]));
    }

    #[test]
    fn env_and_arg_precedence() {
        let g = VarScope::global(&[]);
        let mut s = g.for_stage(&ba(&[("PATH", "/usr/bin")]));
        s.declare_arg("MODE", Some("dev"), '\\').unwrap();
        s.set_env("MODE", "prod");
        assert_eq!(s.lookup("MODE").as_deref(), Some("prod"));
        assert_eq!(s.args_for_run(), vec![]);
        assert_eq!(s.env(), ba(&[("PATH", "/usr/bin"), ("MODE", "prod")]));
        s.declare_arg("DIR", Some("${PATH}/x"), '\\').unwrap();
        assert_eq!(s.lookup("DIR").as_deref(), Some("/usr/bin/x"));
        assert!(s.declare_arg("BAD", Some("${X:?needed}"), '\\').unwrap_err().contains("X: needed"));
    }

    #[test]
    fn platform_args() {
        let mut g = VarScope::global(&[]);
        assert_eq!(g.lookup("TARGETPLATFORM").as_deref(), Some("linux/amd64"));
        assert_eq!(g.lookup("BUILDARCH").as_deref(), Some("amd64"));
        assert_eq!(g.lookup("TARGETVARIANT").as_deref(), Some(""));
        g.set_platforms("linux/arm64/v8", "linux/amd64");
        let mut s = g.for_stage(&[]);
        assert_eq!(s.lookup("TARGETARCH"), None);
        s.declare_arg("TARGETARCH", None, '\\').unwrap();
        s.declare_arg("TARGETVARIANT", None, '\\').unwrap();
        assert_eq!(s.lookup("TARGETARCH").as_deref(), Some("arm64"));
        assert_eq!(s.lookup("TARGETVARIANT").as_deref(), Some("v8"));
    }
}
