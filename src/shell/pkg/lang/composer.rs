//! `composer`: `--version`, and `install` from `composer.json` into `vendor/` with the
//! download cache under `$COMPOSER_HOME/cache` (`~/.composer/cache` by default).

use crate::shell::Ctx;

/// A small Packagist: name, version, installed KiB, dependencies.
const PACKAGES: &[(&str, &str, u64, &[&str])] = &[
    ("monolog/monolog", "3.7.0", 1_100, &["psr/log"]),
    ("psr/log", "3.0.2", 40, &[]),
    (
        "guzzlehttp/guzzle",
        "7.9.2",
        1_000,
        &["guzzlehttp/promises", "guzzlehttp/psr7", "psr/http-client", "symfony/deprecation-contracts"],
    ),
    ("guzzlehttp/promises", "2.0.4", 120, &[]),
    ("guzzlehttp/psr7", "2.7.0", 400, &["psr/http-factory", "psr/http-message", "ralouphie/getallheaders"]),
    ("psr/http-client", "1.0.3", 20, &["psr/http-message"]),
    ("psr/http-factory", "1.1.0", 20, &[]),
    ("psr/http-message", "2.0", 30, &[]),
    ("ralouphie/getallheaders", "3.0.3", 10, &[]),
    ("symfony/deprecation-contracts", "v3.5.0", 10, &[]),
    ("vlucas/phpdotenv", "v5.6.1", 300, &[]),
    ("phpunit/phpunit", "11.4.3", 9_000, &[]),
];

/// The `composer` program.
pub fn composer(ctx: &mut Ctx<'_>, v: &str, args: &[String]) -> i32 {
    let first = args.iter().find(|a| !a.starts_with('-') || a.starts_with("--version") || a.as_str() == "-V");
    match first.map(String::as_str) {
        Some("--version" | "-V") => {
            ctx.out(&format!("Composer version {v} 2024-10-29 12:43:19\n"));
            0
        }
        Some("install" | "update" | "i") => install(ctx, args),
        _ => crate::shell::pkg::programs::simulated(ctx, "composer"),
    }
}

fn install(ctx: &mut Ctx<'_>, args: &[String]) -> i32 {
    let Some(text) = super::read(ctx, "composer.json") else {
        ctx.err(&format!("Composer could not find a composer.json file in {}\nTo initialize a project, please create a composer.json file. See https://getcomposer.org/basic-usage\n", ctx.cwd));
        return 1;
    };
    let Ok(json) = serde_json::from_str::<serde_json::Value>(&text) else {
        ctx.err("\nIn JsonFile.php line 347:\n\n  \"./composer.json\" does not contain valid JSON\n\n");
        return 1;
    };
    let no_dev = super::has(args, &["--no-dev"]);
    let mut wanted: Vec<String> = Vec::new();
    for key in if no_dev { &["require"][..] } else { &["require", "require-dev"][..] } {
        if let Some(obj) = json.get(*key).and_then(|v| v.as_object()) {
            wanted.extend(obj.keys().filter(|k| k.contains('/')).cloned());
        }
    }
    let mut order: Vec<&(&str, &str, u64, &[&str])> = Vec::new();
    let mut todo = wanted.clone();
    while let Some(n) = todo.pop() {
        if order.iter().any(|p| p.0 == n) {
            continue;
        }
        match PACKAGES.iter().find(|p| p.0 == n) {
            Some(p) => {
                order.push(p);
                todo.extend(p.3.iter().map(|d| d.to_string()));
            }
            None => {
                ctx.err(&format!("Loading composer repositories with package information\nUpdating dependencies\nYour requirements could not be resolved to an installable set of packages.\n\n  Problem 1\n    - Root composer.json requires {n}, it could not be found in any version, there may be a typo in the package name.\n"));
                return 2;
            }
        }
    }
    crate::util::sort::sort_by(&mut order, |a, b| a.0.cmp(b.0));
    let n = order.len();
    let has_lock = super::read(ctx, "composer.lock").is_some();
    if !has_lock {
        ctx.err("No composer.lock file present. Updating dependencies to latest instead of installing from lock file. See https://getcomposer.org/install for more information.\nLoading composer repositories with package information\nUpdating dependencies\n");
        ctx.err(&format!("Lock file operations: {n} installs, 0 updates, 0 removals\n"));
        for p in &order {
            ctx.err(&format!("  - Locking {} ({})\n", p.0, p.1));
        }
        ctx.err("Writing lock file\n");
        let pkgs: Vec<String> = order
            .iter()
            .map(|p| {
                format!(
                    "        {{\n            \"name\": \"{}\",\n            \"version\": \"{}\"\n        }}",
                    p.0, p.1
                )
            })
            .collect();
        super::put_text(ctx, "composer.lock", &format!("{{\n    \"_readme\": [\n        \"This file locks the dependencies of your project to a known state\"\n    ],\n    \"packages\": [\n{}\n    ]\n}}\n", pkgs.join(",\n")));
    }
    ctx.err(&format!(
        "Installing dependencies from lock file{}\nPackage operations: {n} installs, 0 updates, 0 removals\n",
        if no_dev { "" } else { " (including require-dev)" }
    ));
    let cache = super::env(ctx, "COMPOSER_CACHE_DIR")
        .or_else(|| super::env(ctx, "COMPOSER_HOME").map(|h| format!("{h}/cache")))
        .unwrap_or_else(|| format!("{}/.composer/cache", super::home(ctx)));
    for p in &order {
        ctx.err(&format!("  - Downloading {} ({})\n", p.0, p.1));
    }
    for p in &order {
        ctx.err(&format!("  - Installing {} ({}): Extracting archive\n", p.0, p.1));
        if !super::put(
            ctx,
            &format!("vendor/{}/src/bundle.php", p.0),
            p.2 * 1024,
            &format!("composer package {} {}", p.0, p.1),
        ) {
            ctx.err(&format!(
                "\nIn Filesystem.php line 261:\n\n  /{}/vendor does not exist and could not be created:\n\n",
                ctx.cwd.trim_start_matches('/')
            ));
            return 1;
        }
        super::put(
            ctx,
            &format!("{cache}/files/{}/{}.zip", p.0, p.1),
            p.2 * 1024 / 3,
            &format!("composer cache {} {}", p.0, p.1),
        );
    }
    ctx.err("Generating autoload files\n");
    super::put_text(ctx, "vendor/autoload.php", "<?php\n\n// autoload.php @generated by Composer\n\nrequire_once __DIR__ . '/composer/autoload_real.php';\n\nreturn ComposerAutoloaderInit::getLoader();\n");
    super::put(ctx, "vendor/composer/autoload_real.php", 1_800, "composer autoloader");
    0
}
