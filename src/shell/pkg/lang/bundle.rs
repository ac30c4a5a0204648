//! `bundle` (Bundler): `--version`, and `install` from the `Gemfile` into the gem
//! directory (`$GEM_HOME`, `/usr/local/bundle` in the official images), writing
//! `Gemfile.lock` as the real one does.

use crate::catalog::distro::Distro;
use crate::shell::Ctx;

/// The `bundle` program (`ruby_version` is the Ruby it belongs to).
pub fn bundle(ctx: &mut Ctx<'_>, d: &Distro, ruby_version: &str, args: &[String]) -> i32 {
    let Some(version) = super::ruby::bundler(ruby_version) else {
        ctx.err("/bin/sh: bundle: not found\n");
        return 127;
    };
    match args.first().map(String::as_str) {
        Some("--version" | "-v" | "version") => {
            ctx.out(&format!("Bundler version {version}\n"));
            0
        }
        Some("install") | None => install(ctx, d, ruby_version, &version),
        Some("config") => 0,
        Some("exec") => crate::shell::pkg::programs::simulated(ctx, "bundle exec"),
        _ => crate::shell::pkg::programs::simulated(ctx, "bundle"),
    }
}

/// The gem names a Gemfile asks for (`gem 'sinatra'`, `gem "puma", "~> 6.0"`).
fn gemfile_gems(text: &str) -> Vec<String> {
    text.lines()
        .filter_map(|l| l.trim().strip_prefix("gem "))
        .filter_map(|rest| rest.trim().split([',', ' ']).next())
        .map(|n| n.trim_matches(|c| c == '"' || c == '\'').to_string())
        .filter(|n| !n.is_empty())
        .collect()
}

fn install(ctx: &mut Ctx<'_>, d: &Distro, ruby_version: &str, version: &str) -> i32 {
    let Some(gemfile) = super::read(ctx, "Gemfile") else {
        ctx.err("Could not locate Gemfile\n");
        return 10;
    };
    let wanted = gemfile_gems(&gemfile);
    let order = match super::gem::resolve(&wanted) {
        Ok(o) => o,
        Err(missing) => {
            ctx.out("Fetching gem metadata from https://rubygems.org/...\n");
            ctx.err(&format!(
                "Could not find gem '{missing}' in rubygems repository https://rubygems.org/ or installed locally.\n"
            ));
            return 7;
        }
    };
    let (dir, _) = super::gem::gem_dirs(ctx, d, ruby_version);
    let dir = super::env(ctx, "BUNDLE_PATH")
        .map(|p| format!("{p}/ruby/{}.0", crate::catalog::model::major_minor(ruby_version)))
        .unwrap_or(dir);
    ctx.out("Fetching gem metadata from https://rubygems.org/...\nResolving dependencies...\n");
    for g in &order {
        ctx.out(&format!(
            "Fetching {} {}\nInstalling {} {}{}\n",
            g.0,
            g.1,
            g.0,
            g.1,
            if g.4 { " with native extensions" } else { "" }
        ));
        if !super::put(
            ctx,
            &format!("{dir}/cache/{}-{}.gem", g.0, g.1),
            g.3 * 1024,
            &format!("gem {}-{}.gem", g.0, g.1),
        ) || !super::put(
            ctx,
            &format!("{dir}/gems/{}-{}/lib/{}.rb", g.0, g.1, g.0),
            g.2 * 1024,
            &format!("gem {}-{}", g.0, g.1),
        ) {
            ctx.err(&format!("There was an error while trying to write to `{dir}`. It is likely that you need to grant write permissions for that path.\n"));
            return 23;
        }
        super::put_text(
            ctx,
            &format!("{dir}/specifications/{}-{}.gemspec", g.0, g.1),
            &format!("Gem::Specification.new do |s|\n  s.name = \"{}\"\n  s.version = \"{}\"\nend\n", g.0, g.1),
        );
    }
    if super::read(ctx, "Gemfile.lock").is_none() {
        let specs: String = order.iter().map(|g| format!("    {} ({})\n", g.0, g.1)).collect();
        let deps: String = wanted.iter().map(|w| format!("  {w}\n")).collect();
        super::put_text(ctx, "Gemfile.lock", &format!("GEM\n  remote: https://rubygems.org/\n  specs:\n{specs}\nPLATFORMS\n  x86_64-linux\n\nDEPENDENCIES\n{deps}\nBUNDLED WITH\n   {version}\n"));
    }
    ctx.out(&format!(
        "Bundle complete! {} Gemfile {}, {} gems now installed.\nUse `bundle info [gemname]` to see where a bundled gem is installed.\n",
        wanted.len(),
        if wanted.len() == 1 { "dependency" } else { "dependencies" },
        // Bundler counts itself.
        order.len() + usize::from(!order.iter().any(|g| g.0 == "bundler"))
    ));
    0
}

#[cfg(test)]
mod tests {
    #[test]
    fn reads_a_gemfile() {
        let g = super::gemfile_gems("source 'https://rubygems.org'\ngem 'sinatra'\ngem \"puma\", \"~> 6.0\"\n");
        assert_eq!(g, ["sinatra", "puma"]);
    }
}
