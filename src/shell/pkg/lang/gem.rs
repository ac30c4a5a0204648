//! `gem`: `--version`, `install` (`-v`, `--no-document`, and `--no-ri --no-rdoc`, which
//! RubyGems 3 rejects) into the places the real one uses, with the `.gem` cache and the
//! documentation that bloat a layer, native extensions that need a compiler, and `list`.

use crate::catalog::distro::{Distro, Family};
use crate::catalog::model::major_minor;
use crate::shell::Ctx;

/// A gem: name, version, installed KiB, `.gem` KiB, native extension, runtime
/// dependencies, executables.
pub(super) type Gem = (&'static str, &'static str, u64, u64, bool, &'static [&'static str], &'static [&'static str]);

/// A small rubygems.org. (Versions and dependencies from each gem's gemspec.)
pub(super) const GEMS: &[Gem] = &[
    (
        "fluentd",
        "1.6.0",
        3_900,
        720,
        false,
        &[
            "msgpack",
            "yajl-ruby",
            "cool.io",
            "serverengine",
            "http_parser.rb",
            "sigdump",
            "tzinfo",
            "tzinfo-data",
            "strptime",
            "dig_rb",
        ],
        &[
            "fluentd",
            "fluent-cat",
            "fluent-gem",
            "fluent-debug",
            "fluent-binlog-reader",
            "fluent-plugin-config-format",
            "fluent-plugin-generate",
            "fluent-ca-generate",
        ],
    ),
    ("msgpack", "1.3.0", 1_100, 120, true, &[], &[]),
    ("yajl-ruby", "1.4.1", 900, 90, true, &[], &[]),
    ("cool.io", "1.5.4", 1_400, 180, true, &[], &[]),
    ("serverengine", "2.1.1", 380, 60, false, &["sigdump"], &[]),
    ("http_parser.rb", "0.6.0", 700, 90, true, &[], &[]),
    ("sigdump", "0.2.4", 40, 10, false, &[], &[]),
    ("tzinfo", "1.2.5", 420, 80, false, &["thread_safe"], &[]),
    ("thread_safe", "0.3.6", 400, 70, false, &[], &[]),
    ("tzinfo-data", "1.2019.1", 5_900, 530, false, &["tzinfo"], &[]),
    ("strptime", "0.2.3", 160, 20, true, &[], &[]),
    ("dig_rb", "1.0.1", 20, 8, false, &[], &[]),
    ("rake", "13.2.1", 260, 50, false, &[], &["rake"]),
    ("bundler", "2.5.22", 1_600, 420, false, &[], &["bundle", "bundler"]),
    ("rack", "3.1.8", 700, 110, false, &[], &[]),
    ("sinatra", "4.0.0", 420, 70, false, &["mustermann", "rack", "rack-protection", "rack-session", "tilt"], &[]),
    ("mustermann", "3.0.3", 200, 40, false, &["ruby2_keywords"], &[]),
    ("ruby2_keywords", "0.0.5", 20, 8, false, &[], &[]),
    ("rack-protection", "4.0.0", 110, 25, false, &["base64", "rack"], &[]),
    ("rack-session", "2.0.0", 80, 20, false, &["rack"], &[]),
    ("base64", "0.2.0", 30, 10, false, &[], &[]),
    ("tilt", "2.4.0", 250, 50, false, &[], &["tilt"]),
    ("puma", "6.4.3", 1_500, 300, true, &["nio4r"], &["puma", "pumactl"]),
    ("nio4r", "2.7.3", 700, 140, true, &[], &[]),
    ("json", "2.7.2", 500, 100, true, &[], &[]),
    ("nokogiri", "1.16.7", 14_000, 4_300, false, &["racc"], &["nokogiri"]),
    ("racc", "1.8.1", 300, 60, true, &[], &["racc"]),
    ("pg", "1.5.8", 1_000, 230, true, &[], &[]),
    ("rails", "7.2.1", 30, 10, false, &["rack", "rake", "nokogiri", "bundler"], &["rails"]),
    ("fluent-plugin-kafka", "0.6.6", 160, 30, false, &["fluentd", "ltsv", "ruby-kafka"], &[]),
    ("ltsv", "0.1.2", 20, 8, false, &[], &[]),
    ("ruby-kafka", "0.7.8", 900, 140, false, &["digest-crc"], &[]),
    ("digest-crc", "0.4.1", 120, 20, false, &[], &[]),
    ("fluent-plugin-flowcounter", "1.3.0", 40, 10, false, &["fluentd"], &[]),
    ("fluent-plugin-prometheus", "1.4.0", 120, 25, false, &["fluentd", "prometheus-client"], &[]),
    ("prometheus-client", "0.9.0", 120, 25, false, &["quantile"], &[]),
    ("quantile", "0.2.1", 30, 10, false, &[], &[]),
    ("fluent-plugin-copy_ex", "0.1.0", 20, 8, false, &["fluentd"], &[]),
    ("oj", "2.18.1", 900, 170, true, &[], &[]),
];

/// Where gems go: the gem directory and the directory of their executables.
pub(super) fn gem_dirs(ctx: &Ctx<'_>, d: &Distro, ruby_version: &str) -> (String, String) {
    if let Some(home) = super::env(ctx, "GEM_HOME") {
        return (home.clone(), format!("{home}/bin"));
    }
    let abi = format!("{}.0", major_minor(ruby_version));
    if ctx.fs.get("/usr/local/bin/ruby").is_some() {
        return (format!("/usr/local/lib/ruby/gems/{abi}"), "/usr/local/bin".into());
    }
    match d.family {
        Family::Alpine => (format!("/usr/lib/ruby/gems/{abi}"), "/usr/bin".into()),
        _ => (format!("/var/lib/gems/{abi}"), "/usr/local/bin".into()),
    }
}

/// The `gem` program (`ruby_version` is the Ruby it belongs to).
pub fn gem(ctx: &mut Ctx<'_>, d: &Distro, ruby_version: &str, args: &[String]) -> i32 {
    let rubygems = super::ruby::rubygems(ruby_version);
    match args.first().map(String::as_str) {
        Some("--version" | "-v") => {
            ctx.out(&format!("{rubygems}\n"));
            0
        }
        Some("install" | "i") => install(ctx, d, ruby_version, &rubygems, &args[1..]),
        Some("uninstall") => uninstall(ctx, d, ruby_version, &args[1..]),
        Some("list") => {
            let (dir, _) = gem_dirs(ctx, d, ruby_version);
            let mut names: Vec<String> = ctx
                .fs
                .children(&format!("{dir}/specifications"))
                .filter_map(|(n, _)| n.strip_suffix(".gemspec").map(String::from))
                .collect();
            crate::util::sort::sort(&mut names);
            for n in names {
                if let Some((name, v)) = n.rsplit_once('-') {
                    ctx.out(&format!("{name} ({v})\n"));
                }
            }
            0
        }
        _ => crate::shell::pkg::programs::simulated(ctx, "gem"),
    }
}

/// What `gem install` resolves for `names`: dependencies first, each once.
pub(super) fn resolve(names: &[String]) -> Result<Vec<&'static Gem>, String> {
    fn visit(name: &str, out: &mut Vec<&'static Gem>) -> Result<(), String> {
        if out.iter().any(|g| g.0 == name) {
            return Ok(());
        }
        let g = GEMS.iter().find(|g| g.0 == name).ok_or_else(|| name.to_string())?;
        for dep in g.5 {
            visit(dep, out)?;
        }
        out.push(g);
        Ok(())
    }
    let mut out = Vec::new();
    for n in names {
        visit(n, &mut out)?;
    }
    Ok(out)
}

fn install(ctx: &mut Ctx<'_>, d: &Distro, ruby_version: &str, rubygems: &str, args: &[String]) -> i32 {
    let modern = !rubygems.starts_with('2');
    let mut names = Vec::new();
    let mut version: Option<String> = None;
    let gemrc = ["/usr/local/etc/gemrc", "/etc/gemrc"].iter().filter_map(|p| super::read(ctx, p)).collect::<String>()
        + &super::read(ctx, &format!("{}/.gemrc", super::home(ctx))).unwrap_or_default();
    let mut docs = !gemrc.contains("--no-document");
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "-v" | "--version" => version = it.next().cloned(),
            "--no-document" | "-N" => docs = false,
            "--no-ri" | "--no-rdoc" if modern => {
                ctx.err(&format!(
                    "ERROR:  While executing gem ... (OptionParser::InvalidOption)\n    invalid option: {a}\n"
                ));
                return 1;
            }
            "--no-ri" | "--no-rdoc" => docs = false,
            "--source" | "-s" | "--install-dir" | "-i" | "--bindir" | "-n" | "--platform" => {
                it.next();
            }
            s if s.starts_with('-') => {}
            s => names.push(s.to_string()),
        }
    }
    if names.is_empty() {
        ctx.err("ERROR:  While executing gem ... (Gem::CommandLineError)\n    Please specify at least one gem name (e.g. gem build GEMNAME)\n");
        return 1;
    }
    let order = match resolve(&names) {
        Ok(o) => o,
        Err(missing) => {
            ctx.err(&format!("ERROR:  Could not find a valid gem '{missing}' (>= 0) in any repository\n"));
            return 2;
        }
    };
    let (dir, bindir) = gem_dirs(ctx, d, ruby_version);
    // Dependencies already installed are not fetched again; `-v` picks the named gem's version.
    let top = names.first().cloned().unwrap_or_default();
    let version_of = |g: &(&str, &str, u64, u64, bool, &[&str], &[&str])| {
        if g.0 == top {
            version.clone().unwrap_or_else(|| g.1.to_string())
        } else {
            g.1.to_string()
        }
    };
    let order: Vec<_> = order
        .into_iter()
        .filter(|g| {
            g.0 == top
                || !ctx.fs.children(&format!("{dir}/specifications")).any(|(n, _)| {
                    n.starts_with(&format!("{}-", g.0)) && n[g.0.len() + 1..].starts_with(|c: char| c.is_ascii_digit())
                })
        })
        .collect();
    let abi = format!("{}.0", major_minor(ruby_version));
    let compiler = super::on_path(ctx, "gcc") || super::on_path(ctx, "cc");
    let ruby_bin = if ctx.fs.get("/usr/local/bin/ruby").is_some() { "/usr/local/bin/ruby" } else { "/usr/bin/ruby" };
    let mut installed = Vec::new();
    for g in &order {
        let v = version_of(g);
        let (name, v) = (g.0, v.as_str());
        if modern {
            ctx.out(&format!("Fetching {name}-{v}.gem\n"));
        } else {
            ctx.out(&format!("Fetching: {name}-{v}.gem (100%)\n"));
        }
        if !super::put(ctx, &format!("{dir}/cache/{name}-{v}.gem"), g.3 * 1024, &format!("gem {name}-{v}.gem")) {
            ctx.err(&format!("ERROR:  While executing gem ... (Gem::FilePermissionError)\n    You don't have write permissions for the {dir} directory.\n"));
            return 1;
        }
        if g.4 {
            ctx.out(if modern {
                "Building native extensions. This could take a while...\n"
            } else {
                "Building native extensions.  This could take a while...\n"
            });
            if !compiler || !super::on_path(ctx, "make") {
                let top = names.first().cloned().unwrap_or_default();
                ctx.err(&format!("ERROR:  Error installing {top}:\n\tERROR: Failed to build gem native extension.\n\n    current directory: {dir}/gems/{name}-{v}/ext/{name}\n{ruby_bin} extconf.rb\nmkmf.rb can't find header files for ruby at /usr/lib/ruby/include/ruby.h\n\nextconf failed, exit code 1\n\nGem files will remain installed in {dir}/gems/{name}-{v} for inspection.\nResults logged to {dir}/extensions/x86_64-linux/{abi}/{name}-{v}/gem_make.out\n"));
                return 1;
            }
            super::put(
                ctx,
                &format!("{dir}/extensions/x86_64-linux/{abi}/{name}-{v}/{name}.so"),
                g.2 * 1024 / 3,
                &format!("native extension {name}-{v}"),
            );
        }
        super::put(ctx, &format!("{dir}/gems/{name}-{v}/lib/{name}.rb"), g.2 * 1024, &format!("gem {name}-{v}"));
        super::put_text(ctx, &format!("{dir}/specifications/{name}-{v}.gemspec"), &format!("# -*- encoding: utf-8 -*-\n# stub: {name} {v} ruby lib\n\nGem::Specification.new do |s|\n  s.name = \"{name}\".freeze\n  s.version = \"{v}\"\nend\n"));
        for exe in g.6 {
            let wrapper = format!("#!{ruby_bin}\n#\n# This file was generated by RubyGems.\n#\n# The application '{name}' is installed as part of a gem, and\n# this file is here to facilitate running it.\n#\n\nrequire 'rubygems'\n\nload Gem.activate_bin_path('{name}', '{exe}', \">= 0.a\")\n");
            if super::put_text(ctx, &format!("{bindir}/{exe}"), &wrapper) {
                let _ = ctx.fs.update_meta("/", &format!("{bindir}/{exe}"), false, |m| m.mode = 0o755);
            }
        }
        ctx.out(&format!("Successfully installed {name}-{v}\n"));
        installed.push(format!("{name}-{v}"));
    }
    if docs {
        for (g, n) in order.iter().zip(&installed) {
            ctx.out(&format!("Parsing documentation for {n}\nInstalling ri documentation for {n}\n"));
            super::put(ctx, &format!("{dir}/doc/{n}/ri/cache.ri"), g.2 * 1024 / 2, &format!("ri documentation {n}"));
        }
        let short: Vec<&str> = order.iter().map(|g| g.0).collect();
        ctx.out(&format!(
            "Done installing documentation for {} after {} seconds\n",
            short.join(", "),
            1 + order.len() / 3
        ));
    }
    let n = installed.len();
    ctx.out(&format!("{n} gem{} installed\n", if n == 1 { "" } else { "s" }));
    0
}

/// `gem uninstall NAME [-v VERSION]`.
fn uninstall(ctx: &mut Ctx<'_>, d: &Distro, ruby_version: &str, args: &[String]) -> i32 {
    let (dir, _) = gem_dirs(ctx, d, ruby_version);
    let mut version = None;
    let mut names = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "-v" | "--version" => version = it.next().cloned(),
            s if s.starts_with('-') => {}
            s => names.push(s.to_string()),
        }
    }
    for name in names {
        let installed: Vec<String> = ctx
            .fs
            .children(&format!("{dir}/specifications"))
            .filter_map(|(n, _)| {
                n.strip_suffix(".gemspec").and_then(|s| s.strip_prefix(&format!("{name}-"))).map(String::from)
            })
            .filter(|v| version.as_ref().is_none_or(|want| want == v))
            .collect();
        if installed.is_empty() {
            ctx.err(&format!("ERROR:  While executing gem ... (Gem::InstallError)\n    {name} is not installed in GEM_HOME, try:\n\tgem uninstall -i {dir} {name}\n"));
            return 1;
        }
        for v in installed {
            ctx.fs.remove_subtree(&format!("{dir}/gems/{name}-{v}"));
            ctx.fs.remove_subtree(&format!("{dir}/specifications/{name}-{v}.gemspec"));
            ctx.fs.remove_subtree(&format!("{dir}/cache/{name}-{v}.gem"));
            ctx.out(&format!("Successfully uninstalled {name}-{v}\n"));
        }
    }
    0
}

#[cfg(test)]
mod tests {
    use crate::catalog::distro::detect;
    use crate::shell::pkg::testutil::tree_of;
    use crate::shell::{Budget, Ctx};
    use crate::vfs::{Meta, Tree};

    fn gem_in(t: &mut Tree, ruby: &str, argv: &[&str]) -> (i32, String, String) {
        let d = detect(t).expect("a distribution");
        let args: Vec<String> = argv.iter().map(|s| s.to_string()).collect();
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let mut budget = Budget::default();
        let mut ctx = Ctx::new(t, b"", &mut out, &mut err, &mut budget);
        ctx.env.insert("PATH".into(), crate::util::DEFAULT_PATH.into());
        ctx.env.insert("HOME".into(), "/root".into());
        let code = super::gem(&mut ctx, &d, ruby, &args);
        (code, String::from_utf8_lossy(&out).into_owned(), String::from_utf8_lossy(&err).into_owned())
    }

    #[test]
    fn old_rubygems_installs_fluentd_without_documentation() {
        let mut t = tree_of("alpine:3.20");
        let install = ["install", "fluentd", "-v", "1.6.0", "--no-ri", "--no-rdoc"];
        let (code, out, err) = gem_in(&mut t, "2.4.6", &install);
        assert_eq!(code, 1, "native extensions need a compiler: {out}");
        assert!(err.contains("ERROR: Failed to build gem native extension."), "{err}");
        for tool in ["/usr/bin/gcc", "/usr/bin/make"] {
            t.write_file("/", tool, "#!/bin/sh\n".into(), Meta::root(0o755)).unwrap();
        }
        let (code, out, err) = gem_in(&mut t, "2.4.6", &install);
        assert_eq!(code, 0, "{err}");
        assert!(out.starts_with("Fetching: msgpack-1.3.0.gem (100%)\nBuilding native extensions.  This could take a while...\nSuccessfully installed msgpack-1.3.0\n"), "{out}");
        assert!(
            out.ends_with(
                "Fetching: fluentd-1.6.0.gem (100%)\nSuccessfully installed fluentd-1.6.0\n12 gems installed\n"
            ),
            "{out}"
        );
        assert!(!out.contains("documentation"), "{out}");
        let dir = "/usr/lib/ruby/gems/2.4.0";
        assert!(t.get(&format!("{dir}/gems/fluentd-1.6.0/lib/fluentd.rb")).is_some());
        assert!(t.get(&format!("{dir}/cache/fluentd-1.6.0.gem")).is_some_and(|n| n.is_file()));
        assert!(t.get("/usr/bin/fluentd").is_some());
        // A plugin brings the newest ruby-kafka; the Dockerfile pins an older one and removes it.
        let (code, out, _) =
            gem_in(&mut t, "2.4.6", &["install", "fluent-plugin-kafka", "-v", "0.6.6", "--no-ri", "--no-rdoc"]);
        assert_eq!(code, 0);
        assert!(out.contains("Successfully installed ruby-kafka-0.7.8\n") && !out.contains("fluentd-1.6.0"), "{out}");
        assert_eq!(gem_in(&mut t, "2.4.6", &["install", "ruby-kafka", "-v", "0.6.8", "--no-ri", "--no-rdoc"]).0, 0);
        assert_eq!(
            gem_in(&mut t, "2.4.6", &["uninstall", "ruby-kafka", "-v", "0.7.8"]).1,
            "Successfully uninstalled ruby-kafka-0.7.8\n"
        );
        assert!(gem_in(&mut t, "2.4.6", &["list"]).1.contains("ruby-kafka (0.6.8)\n"));
    }

    #[test]
    fn rubygems_3_rejects_no_ri_and_writes_documentation_unless_told() {
        let mut t = tree_of("alpine:3.20");
        let (code, _, err) = gem_in(&mut t, "3.3.5", &["install", "rake", "--no-ri", "--no-rdoc"]);
        assert_eq!(
            (code, err.as_str()),
            (1, "ERROR:  While executing gem ... (OptionParser::InvalidOption)\n    invalid option: --no-ri\n")
        );
        let (code, out, _) = gem_in(&mut t, "3.3.5", &["install", "rake"]);
        assert_eq!(code, 0);
        assert_eq!(out, "Fetching rake-13.2.1.gem\nSuccessfully installed rake-13.2.1\nParsing documentation for rake-13.2.1\nInstalling ri documentation for rake-13.2.1\nDone installing documentation for rake after 1 seconds\n1 gem installed\n");
        assert!(t.get("/usr/lib/ruby/gems/3.3.0/doc/rake-13.2.1/ri/cache.ri").is_some());
        assert_eq!(
            gem_in(&mut t, "3.3.5", &["install", "nosuch"]).2,
            "ERROR:  Could not find a valid gem 'nosuch' (>= 0) in any repository\n"
        );
    }
}
