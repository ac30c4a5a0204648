//! `php` and `php-fpm`: the version banners of the CLI and of FastCGI's process manager,
//! and the CLI's one-line `-r 'echo …;'` scripts.

use crate::shell::Ctx;

/// PHP releases and the build time of the official images' binaries (`php -v`).
const BUILT: &[(&str, &str)] =
    &[("8.3.13", "Nov  2 2024 00:32:34"), ("8.2.25", "Nov  2 2024 00:35:04"), ("8.1.30", "Nov  2 2024 00:34:36")];

/// The `php` program, or `php-fpm` (`cmd`): `-v` names the server API (`cli`,
/// `fpm-fcgi`; only the CLI's banner names its thread safety).
pub fn php(ctx: &mut Ctx<'_>, cmd: &str, version: &str, args: &[String]) -> i32 {
    let v = crate::catalog::model::upstream(version);
    if super::has(args, &["-v", "--version"]) {
        let built = BUILT.iter().find(|b| b.0 == v).map_or("Jan  1 2024 00:00:00", |b| b.1);
        let mut parts = v.split('.');
        let (minor, patch) = (parts.nth(1).unwrap_or("0"), parts.next().unwrap_or("0"));
        let sapi = if cmd == "php-fpm" {
            format!("(fpm-fcgi) (built: {built})")
        } else {
            format!("(cli) (built: {built}) (NTS)")
        };
        ctx.out(&format!("PHP {v} {sapi}\nCopyright (c) The PHP Group\nZend Engine v4.{minor}.{patch}, Copyright (c) Zend Technologies\n"));
        return 0;
    }
    if cmd == "php-fpm" {
        return crate::shell::pkg::programs::simulated(ctx, cmd);
    }
    if let Some(i) = args.iter().position(|a| a == "-r") {
        let code = args.get(i + 1).map(|s| s.trim().trim_end_matches(';').trim()).unwrap_or("");
        if let Some(lit) = code.strip_prefix("echo ").map(str::trim) {
            let q = lit.chars().next().unwrap_or(' ');
            if matches!(q, '"' | '\'') && lit.len() >= 2 && lit.ends_with(q) {
                let text = &lit[1..lit.len() - 1];
                ctx.out(&if q == '"' { text.replace("\\n", "\n") } else { text.to_string() });
                return 0;
            }
        }
    }
    crate::shell::pkg::programs::simulated(ctx, "php")
}
