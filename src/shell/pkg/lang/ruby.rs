//! `ruby`: its version line as the release prints it, and one-line `-e 'puts "…"'` scripts.

use crate::catalog::distro::{Distro, Family};
use crate::shell::Ctx;

/// Ruby releases: version, release date, revision, RubyGems and Bundler it ships.
/// (ruby-lang.org release notes; `gem --version` / `bundle --version` of each release.)
pub(super) const RELEASES: &[(&str, &str, &str, &str, &str)] = &[
    ("3.3.6", "2024-11-05", "75015d4c1f", "3.5.22", "2.5.22"),
    ("3.3.5", "2024-09-03", "ef084cc8f4", "3.5.16", "2.5.16"),
    ("3.2.6", "2024-10-30", "63aeb018eb", "3.4.19", "2.4.19"),
    ("3.1.6", "2024-05-29", "a777087be6", "3.3.27", "2.3.27"),
    ("2.4.6", "2019-04-01", "67394", "2.6.14.4", "-"),
    ("2.4.4", "2018-03-28", "63013", "2.6.14.1", "-"),
];

/// The RubyGems version that comes with Ruby `v` (the release table, else by series).
pub(super) fn rubygems(v: &str) -> String {
    if let Some(r) = RELEASES.iter().find(|r| r.0 == v) {
        return r.3.to_string();
    }
    match crate::catalog::model::major_minor(v).as_str() {
        "3.3" => "3.5.22",
        "3.2" => "3.4.19",
        "3.1" => "3.3.27",
        "3.0" => "3.2.33",
        "2.7" => "3.1.6",
        "2.6" => "3.0.3.1",
        "2.5" => "2.7.6.2",
        _ => "2.6.14.4",
    }
    .to_string()
}

/// The Bundler version that comes with Ruby `v`, if it ships one (Ruby 2.6 and later).
pub(super) fn bundler(v: &str) -> Option<String> {
    let r = RELEASES
        .iter()
        .find(|r| r.0 == v)
        .map(|r| r.4.to_string())
        .unwrap_or_else(|| rubygems(v).replacen('3', "2", 1));
    (r != "-" && !rubygems(v).starts_with('2')).then_some(r)
}

/// The `ruby` (and `irb`) program.
pub fn ruby(ctx: &mut Ctx<'_>, d: &Distro, v: &str, cmd: &str, args: &[String]) -> i32 {
    if cmd == "ruby" && super::has(args, &["-v", "--version"]) {
        let arch = if d.family == Family::Alpine { "x86_64-linux-musl" } else { "x86_64-linux" };
        let line = match RELEASES.iter().find(|r| r.0 == v) {
            Some((_, date, rev, _, _)) if v.starts_with('2') => {
                format!("ruby {v}p{} ({date} revision {rev}) [{arch}]", patch_level(v))
            }
            Some((_, date, rev, _, _)) => format!("ruby {v} ({date} revision {rev}) [{arch}]"),
            None => format!("ruby {v} [{arch}]"),
        };
        ctx.out(&format!("{line}\n"));
        return 0;
    }
    if cmd == "irb" && super::has(args, &["-v", "--version"]) {
        ctx.out("irb 1.13.1 (2024-05-05)\n");
        return 0;
    }
    if let Some(i) = args.iter().position(|a| a == "-e") {
        let code = args.get(i + 1).map(|s| s.trim()).unwrap_or("");
        if let Some(text) = code.strip_prefix("puts ").and_then(literal) {
            ctx.out(&format!("{text}\n"));
            return 0;
        }
    }
    crate::shell::pkg::programs::simulated(ctx, cmd)
}

/// The patch level Ruby 2.x prints after its version (`2.4.6p354`).
fn patch_level(v: &str) -> u32 {
    match v {
        "2.4.6" => 354,
        "2.4.4" => 296,
        _ => 0,
    }
}

/// The text of a quoted string literal.
fn literal(s: &str) -> Option<&str> {
    let s = s.trim();
    let q = s.chars().next()?;
    (matches!(q, '"' | '\'') && s.len() >= 2 && s.ends_with(q)).then(|| &s[1..s.len() - 1])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_versions() {
        assert_eq!(rubygems("3.3.5"), "3.5.16");
        assert_eq!(bundler("3.3.5").as_deref(), Some("2.5.16"));
        assert_eq!(rubygems("2.4.6"), "2.6.14.4");
        assert_eq!(bundler("2.4.6"), None);
        assert_eq!(literal("\"hi\""), Some("hi"));
    }
}
