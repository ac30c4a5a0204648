//! `npm`: `install` / `ci` from `package.json` into `node_modules` (synthetic files), the
//! `~/.npm` cache, and `cache clean`.

use crate::catalog::install::read_text;
use crate::catalog::model::hash64;
use crate::shell::Ctx;
use crate::vfs::{Content, Meta};

/// name, version, installed KiB, packages it brings in (itself included).
const REGISTRY: &[(&str, &str, u64, u32)] = &[
    ("express", "4.21.0", 2_150, 65),
    ("lodash", "4.17.21", 1_410, 1),
    ("react", "18.3.1", 320, 3),
    ("react-dom", "18.3.1", 4_400, 4),
    ("axios", "1.7.7", 2_300, 9),
    ("typescript", "5.6.2", 22_800, 1),
    ("next", "14.2.13", 95_000, 21),
    ("webpack", "5.95.0", 28_000, 78),
    ("jest", "29.7.0", 41_000, 278),
    ("eslint", "9.11.1", 9_800, 87),
    ("dotenv", "16.4.5", 80, 1),
    ("cors", "2.8.5", 40, 3),
    ("mongoose", "8.7.0", 9_100, 24),
    ("pg", "8.13.0", 420, 14),
    ("nodemon", "3.1.7", 1_900, 29),
    ("prettier", "3.3.3", 8_300, 1),
    ("vite", "5.4.8", 21_000, 14),
    ("moment", "2.30.1", 4_300, 1),
    ("uuid", "10.0.0", 190, 1),
    ("chalk", "5.3.0", 44, 1),
];

/// The version and installed KiB of a registry package (a plausible one for others).
pub(crate) fn registry_entry(name: &str) -> (&'static str, u64) {
    REGISTRY.iter().find(|r| r.0 == name).map_or(("1.0.0", 60 + hash64(name.as_bytes()) % 400), |r| (r.1, r.2))
}

/// The version of the npm a `node` image ships under `/usr/local/lib/node_modules/npm`.
fn bundled_npm(ctx: &Ctx<'_>) -> Option<String> {
    let text = read_text(ctx.fs, "/usr/local/lib/node_modules/npm/package.json");
    let json: serde_json::Value = serde_json::from_str(&text).ok()?;
    json.get("version")?.as_str().map(String::from)
}

/// The `npm` / `npx` program.
pub fn npm(ctx: &mut Ctx<'_>, cmd: &str, version: &str, args: &[String]) -> i32 {
    let bundled = bundled_npm(ctx);
    let version = bundled.as_deref().unwrap_or(version);
    if args.iter().any(|a| a == "--version" || a == "-v")
        || args.first().map(String::as_str) == Some("version") && cmd == "npm"
    {
        ctx.out(&format!("{version}\n"));
        return 0;
    }
    if cmd == "npx" {
        return super::programs::simulated(ctx, "npx");
    }
    let home = ctx.env.get("HOME").cloned().unwrap_or_else(|| "/root".into());
    match args.first().map(String::as_str) {
        Some("install" | "i" | "ci" | "add") => install(ctx, &home, args),
        Some("cache") if args.get(1).map(String::as_str) == Some("clean") => {
            if !args.iter().any(|a| a == "--force" || a == "-f") {
                ctx.err("npm ERR! As of npm@5, the npm cache self-heals from corruption issues\nnpm ERR! by treating integrity mismatches as cache misses.  As a result,\nnpm ERR! data extracted from the cache is guaranteed to be valid.  If you\nnpm ERR! want to make sure everything is consistent, use `npm cache verify`\nnpm ERR! instead.\n");
                return 1;
            }
            ctx.fs.remove_subtree(&format!("{home}/.npm/_cacache"));
            ctx.err("npm WARN using --force Recommended protections disabled.\n");
            0
        }
        _ => super::programs::simulated(ctx, "npm"),
    }
}

fn install(ctx: &mut Ctx<'_>, home: &str, args: &[String]) -> i32 {
    let cwd = ctx.cwd.clone();
    let ci = args[0] == "ci";
    let production = args.iter().any(|a| a == "--production" || a == "--omit=dev" || a == "--only=production")
        || ctx.env.get("NODE_ENV").map(String::as_str) == Some("production");
    let pkg_json = format!("{}/package.json", if cwd == "/" { "" } else { &cwd });
    let explicit: Vec<String> = args[1..].iter().filter(|a| !a.starts_with('-')).cloned().collect();
    let mut deps: Vec<String> = Vec::new();
    let text = read_text(ctx.fs, &pkg_json);
    let manifest: Option<serde_json::Value> = serde_json::from_str(&text).ok();
    if explicit.is_empty() {
        let Some(m) = &manifest else {
            ctx.err(&format!("npm ERR! code ENOENT\nnpm ERR! syscall open\nnpm ERR! path {pkg_json}\nnpm ERR! errno -2\nnpm ERR! enoent Could not read package.json: Error: ENOENT: no such file or directory, open '{pkg_json}'\n"));
            return 254;
        };
        if ci && ctx.fs.get(&format!("{}/package-lock.json", if cwd == "/" { "" } else { &cwd })).is_none() {
            ctx.err("npm ERR! code EUSAGE\nnpm ERR! \nnpm ERR! The `npm ci` command can only install with an existing package-lock.json or\nnpm ERR! npm-shrinkwrap.json with lockfileVersion >= 1. Run an install with npm@5 or\nnpm ERR! later to generate a package-lock.json file, then try again.\n");
            return 1;
        }
        let sections: &[&str] = if production { &["dependencies"] } else { &["dependencies", "devDependencies"] };
        for s in sections {
            if let Some(obj) = m.get(*s).and_then(|v| v.as_object()) {
                deps.extend(obj.keys().cloned());
            }
        }
    } else {
        deps = explicit
            .iter()
            .map(|d| d.rsplit_once('@').filter(|(n, _)| !n.is_empty()).map_or(d.clone(), |(n, _)| n.to_string()))
            .collect();
    }
    let now = ctx.now;
    let meta = Meta { mode: 0o755, uid: ctx.uid, gid: ctx.gid, mtime: now };
    let file = Meta { mode: 0o644, ..meta };
    let mut added = 0u32;
    for d in &deps {
        let (name, ver, kib, count) = REGISTRY.iter().find(|r| r.0 == d).copied().unwrap_or((
            d.as_str(),
            "1.0.0",
            60 + hash64(d.as_bytes()) % 400,
            1 + (hash64(d.as_bytes()) % 6) as u32,
        ));
        let dir = format!("{}/node_modules/{name}", if cwd == "/" { "" } else { &cwd });
        let _ = ctx.fs.mkdir_all("/", &dir, meta);
        let _ = ctx.fs.write_file(
            "/",
            &format!("{dir}/package.json"),
            format!("{{\n  \"name\": \"{name}\",\n  \"version\": \"{ver}\"\n}}\n").into(),
            file,
        );
        let c = Content::synthetic(
            kib * 1024,
            hash64(format!("{name}@{ver}").as_bytes()),
            &format!("npm package {name}@{ver} with {count} dependencies"),
        );
        let _ = ctx.fs.write_file("/", &format!("{dir}/bundle.js"), c, file);
        let cache = format!("{home}/.npm/_cacache/content-v2/sha512/{:02x}", hash64(name.as_bytes()) & 0xff);
        let _ = ctx.fs.mkdir_all("/", &cache, meta);
        let c = Content::synthetic(
            kib * 1024 * 35 / 100,
            hash64(ver.as_bytes()) ^ hash64(name.as_bytes()),
            &format!("npm cache tarball {name}@{ver}"),
        );
        let _ = ctx.fs.write_file("/", &format!("{cache}/{:016x}", hash64(format!("{name}{ver}").as_bytes())), c, file);
        added += count;
    }
    if !ci && manifest.is_some() {
        let lock = "{\n  \"name\": \"app\",\n  \"lockfileVersion\": 3,\n  \"requires\": true,\n  \"packages\": {}\n}\n"
            .to_string();
        let _ = ctx.fs.write_file(
            "/",
            &format!("{}/package-lock.json", if cwd == "/" { "" } else { &cwd }),
            lock.into(),
            file,
        );
    }
    let secs = 1 + added / 40;
    ctx.out(&format!("\nadded {added} packages, and audited {} packages in {secs}s\n", added + 1));
    if added > 10 {
        ctx.out(&format!("\n{} packages are looking for funding\n  run `npm fund` for details\n", added / 6));
    }
    ctx.out("\nfound 0 vulnerabilities\n");
    0
}
