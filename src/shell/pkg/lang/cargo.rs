//! `rustc`, `cargo` and `rustup` of the `rust` images: their version lines, and
//! `cargo build` writing `target/` and the registry under `$CARGO_HOME`.

use crate::shell::Ctx;

/// Rust releases: version, rustc commit and date, cargo commit and date (the release notes'
/// `rustc --version` / `cargo --version`).
const RELEASES: &[(&str, &str, &str, &str, &str)] = &[
    ("1.83.0", "90b35a623", "2024-11-26", "5ffbef321", "2024-10-29"),
    ("1.82.0", "f6e511eec", "2024-10-15", "8f40fc59f", "2024-08-21"),
    ("1.81.0", "eeb90cda1", "2024-09-04", "2dbb1af80", "2024-08-20"),
];

/// The `rustc`, `cargo` and `rustup` programs (`v` is the toolchain's version).
pub fn rust(ctx: &mut Ctx<'_>, cmd: &str, v: &str, args: &[String]) -> i32 {
    let r = RELEASES.iter().find(|r| r.0 == v).copied().unwrap_or((
        v,
        "000000000",
        "2024-01-01",
        "000000000",
        "2024-01-01",
    ));
    let rustc = format!("rustc {v} ({} {})", r.1, r.2);
    let version = super::has(args, &["--version", "-V"]) || args.first().map(String::as_str) == Some("version");
    match cmd {
        "rustc" if version => ctx.out(&format!("{rustc}\n")),
        "cargo" if version => ctx.out(&format!("cargo {v} ({} {})\n", r.3, r.4)),
        "rustup" if version => {
            ctx.out("rustup 1.27.1 (54dd3d00f 2024-04-24)\n");
            ctx.err(&format!("info: This is the version for the rustup toolchain manager, not the rustc compiler.\ninfo: The currently active `rustc` version is `{rustc}`\n"));
        }
        "cargo" if matches!(args.first().map(String::as_str), Some("build" | "install" | "fetch")) => {
            return build(ctx, args)
        }
        _ => return crate::shell::pkg::programs::simulated(ctx, cmd),
    }
    0
}

/// `cargo build [--release]` and `cargo fetch`.
fn build(ctx: &mut Ctx<'_>, args: &[String]) -> i32 {
    let Some(manifest) = super::read(ctx, "Cargo.toml") else {
        ctx.err(&format!("error: could not find `Cargo.toml` in `{}` or any parent directory\n", ctx.cwd));
        return 101;
    };
    let name = manifest
        .lines()
        .find_map(|l| {
            l.trim()
                .strip_prefix("name")
                .and_then(|r| r.trim().strip_prefix('='))
                .map(|r| r.trim().trim_matches('"').to_string())
        })
        .unwrap_or_else(|| "app".into());
    let version = manifest
        .lines()
        .find_map(|l| {
            l.trim()
                .strip_prefix("version")
                .and_then(|r| r.trim().strip_prefix('='))
                .map(|r| r.trim().trim_matches('"').to_string())
        })
        .unwrap_or_else(|| "0.1.0".into());
    let deps: Vec<String> = manifest
        .split("[dependencies]")
        .nth(1)
        .map(|s| s.split("\n[").next().unwrap_or(""))
        .unwrap_or("")
        .lines()
        .filter_map(|l| l.split_once('=').map(|(k, _)| k.trim().to_string()))
        .filter(|k| !k.is_empty() && !k.starts_with('#'))
        .collect();
    let cargo_home = super::env(ctx, "CARGO_HOME").unwrap_or_else(|| format!("{}/.cargo", super::home(ctx)));
    if !deps.is_empty() {
        ctx.err("    Updating crates.io index\n");
        super::put(
            ctx,
            &format!("{cargo_home}/registry/index/index.crates.io-6f17d22bba15001f/.cache/bundle"),
            2_400_000,
            "crates.io index cache",
        );
        for d in &deps {
            ctx.err(&format!("  Downloaded {d} v1.0.0\n"));
            super::put(
                ctx,
                &format!("{cargo_home}/registry/cache/index.crates.io-6f17d22bba15001f/{d}-1.0.0.crate"),
                90_000,
                &format!("crate {d}"),
            );
            super::put(
                ctx,
                &format!("{cargo_home}/registry/src/index.crates.io-6f17d22bba15001f/{d}-1.0.0/src/lib.rs"),
                600_000,
                &format!("crate source {d}"),
            );
        }
    }
    if args[0] == "fetch" {
        return 0;
    }
    let release = super::has(args, &["--release", "-r"]);
    let profile = if release { "release" } else { "debug" };
    let cwd = ctx.cwd.clone();
    for d in &deps {
        ctx.err(&format!("   Compiling {d} v1.0.0\n"));
    }
    ctx.err(&format!("   Compiling {name} v{version} ({cwd})\n"));
    let n = deps.len() as u64;
    super::put(
        ctx,
        &format!("target/{profile}/deps/bundle.rlib"),
        if release { 2_000_000 + n * 1_500_000 } else { 12_000_000 + n * 9_000_000 },
        "compiled dependencies",
    );
    // The executable runs as the program it is (see `programs::built`).
    let main_rs = super::read(ctx, "src/main.rs").unwrap_or_default();
    let prints =
        crate::shell::programs::built::main_prints(&main_rs, "fn main()", &[("println!(", true), ("print!(", false)]);
    let label = format!(
        "{} {name} {version} (dynamically linked, interpreter /lib64/ld-linux-x86-64.so.2, Rust){}{}",
        crate::shell::programs::cc::EXEC_LABEL,
        crate::shell::programs::built::PRINTS,
        crate::shell::programs::built::escape(&prints)
    );
    if !super::put(
        ctx,
        &format!("target/{profile}/{name}"),
        if release { 450_000 + n * 400_000 } else { 3_900_000 + n * 2_000_000 },
        &label,
    ) {
        ctx.err(&format!("error: failed to write target/{profile}/{name}\n"));
        return 101;
    }
    let _ = ctx.fs.update_meta(&cwd, &format!("target/{profile}/{name}"), false, |m| m.mode = 0o755);
    let what = if release { "`release` profile [optimized]" } else { "`dev` profile [unoptimized + debuginfo]" };
    ctx.err(&format!("    Finished {what} target(s) in {}.{:02}s\n", 3 + n * 2, (n * 37) % 100));
    0
}
