//! Facts about the built-in base images and the simulated package managers.

use layerlab::catalog::images::{catalogue, lookup, BuiltinImage};
use layerlab::vfs::Tree;

/// The catalogue image `reference` names (it must be there).
fn image(reference: &str) -> BuiltinImage {
    lookup(reference).unwrap_or_else(|e| panic!("data/{e}")).unwrap_or_else(|| panic!("{reference} is built in"))
}

fn tree(reference: &str) -> Tree {
    Tree::from_layers(&image(reference).layers)
}

#[test]
fn alpine_is_about_7_8_mb() {
    for r in ["alpine", "alpine:3.19", "alpine:3.20", "alpine:3.21"] {
        let size = tree(r).content_size() as f64;
        assert!((size - 7.8e6).abs() / 7.8e6 < 0.10, "{r}: {size}");
    }
}

#[test]
fn references_resolve() {
    let img = image("docker.io/library/alpine:3.20");
    assert_eq!((img.name.as_str(), img.tag.as_str()), ("alpine", "3.20"));
    assert_eq!(img.architecture, "amd64");
    assert_eq!(img.os, "linux");
    assert_eq!(img.config.cmd, Some(vec!["/bin/sh".to_string()]));
    assert!(img.config.env.contains(&"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin".to_string()));
    assert_eq!(img.history.last().unwrap().created_by, "CMD [\"/bin/sh\"]");
    assert!(img.history.last().unwrap().empty_layer);
    assert_eq!(img.history.iter().filter(|h| !h.empty_layer).count(), img.layers.len());
    assert_eq!(image("library/alpine:latest").created, image("alpine:3.20").created);
    assert!(lookup("alpine:9.99").unwrap().is_none());
    assert!(lookup("quay.io/alpine").unwrap().is_none());
    assert_eq!(image("ubuntu").config.cmd, Some(vec!["/bin/bash".to_string()]));
    let names: Vec<String> = catalogue().into_iter().map(|(n, _)| n).collect();
    for want in ["alpine", "busybox", "debian", "ubuntu"] {
        assert!(names.contains(&want.to_string()), "{names:?}");
    }
    let mut sorted = names.clone();
    layerlab::util::sort::sort(&mut sorted);
    assert_eq!(names, sorted);
}

#[test]
fn sh_is_busybox_on_alpine_and_dash_on_debian() {
    assert_eq!(tree("alpine").resolve("/", "/bin/sh", true).unwrap(), "/bin/busybox");
    assert_eq!(tree("debian").resolve("/", "/bin/sh", true).unwrap(), "/usr/bin/dash");
    assert_eq!(tree("ubuntu:22.04").resolve("/", "/bin/sh", true).unwrap(), "/usr/bin/dash");
    let bb = tree("busybox");
    assert_eq!(bb.get("/bin/sh").unwrap().ino, bb.get("/bin/busybox").unwrap().ino);
}

#[test]
fn debian_sizes() {
    let full = tree("debian:bookworm").content_size() as f64 / 1e6;
    let slim = tree("debian:bookworm-slim").content_size() as f64 / 1e6;
    let noble = tree("ubuntu:24.04").content_size() as f64 / 1e6;
    assert!((110.0..124.0).contains(&full), "{full}");
    assert!((70.0..79.0).contains(&slim), "{slim}");
    assert!((74.0..82.0).contains(&noble), "{noble}");
}

use layerlab::shell::{pkg, Budget, Ctx};

/// Runs a package-manager command or program directly, as root unless `uid` says otherwise.
fn run(t: &mut Tree, uid: u32, env: &[(&str, &str)], argv: &[&str]) -> (i32, String, String) {
    let argv: Vec<String> = argv.iter().map(|s| s.to_string()).collect();
    let f = pkg::applet(&argv[0]).expect("applet exists");
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let mut budget = Budget::default();
    let mut ctx = Ctx::new(t, b"", &mut out, &mut err, &mut budget);
    ctx.env = env.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    ctx.uid = uid;
    ctx.gid = uid;
    ctx.now = 1_727_949_610;
    let code = f(&mut ctx, &argv);
    (code, String::from_utf8_lossy(&out).into_owned(), String::from_utf8_lossy(&err).into_owned())
}

fn size_under(t: &Tree, dir: &str) -> u64 {
    t.subtree(dir).filter(|(_, n)| n.is_file()).map(|(_, n)| n.size()).sum()
}

#[test]
fn apt_get_install_without_update_fails_like_a_fresh_image() {
    let mut t = tree("debian:bookworm");
    let (code, out, err) = run(&mut t, 0, &[], &["apt-get", "install", "-y", "curl"]);
    assert_eq!(code, 100);
    assert_eq!(out, "Reading package lists...\nBuilding dependency tree...\nReading state information...\n");
    assert_eq!(err, "E: Unable to locate package curl\n");
}

#[test]
fn apt_lists_cost_space_until_removed_in_the_same_step() {
    let mut t = tree("debian:bookworm-slim");
    let base = t.content_size();
    assert_eq!(run(&mut t, 0, &[], &["apt-get", "update"]).0, 0);
    let lists = size_under(&t, "/var/lib/apt/lists");
    assert!((9_000_000..20_000_000).contains(&lists), "{lists}");
    let (code, out, _) = run(&mut t, 0, &[], &["apt-get", "install", "-y", "curl"]);
    assert_eq!(code, 0);
    assert!(out.contains("0 upgraded, "), "{out}");
    let after_install = t.content_size();
    let installed = after_install - base - lists;
    assert!(installed > 3_000_000, "curl and its libraries: {installed}");
    assert_eq!(size_under(&t, "/var/cache/apt/archives"), 0, "docker-clean drops the .deb files");
    // rm -rf /var/lib/apt/lists/* really frees the space.
    let names: Vec<String> = t.children("/var/lib/apt/lists").map(|(n, _)| format!("/var/lib/apt/lists/{n}")).collect();
    for n in names {
        t.remove("/", &n, true).unwrap();
    }
    assert_eq!(t.content_size(), after_install - lists);
    // Recommends cost space too.
    let mut lean = tree("debian:bookworm-slim");
    run(&mut lean, 0, &[], &["apt-get", "update"]);
    run(&mut lean, 0, &[], &["apt-get", "install", "-y", "--no-install-recommends", "curl"]);
    assert!(lean.content_size() < after_install);
}

#[test]
fn apk_no_cache_leaves_no_index() {
    let mut t = tree("alpine:3.20");
    let base = t.content_size();
    let (code, _, _) = run(&mut t, 0, &[], &["apk", "add", "--no-cache", "curl"]);
    assert_eq!(code, 0);
    assert!(t.children("/var/cache/apk").all(|(n, _)| !n.starts_with("APKINDEX")));
    let with_curl = t.content_size() - base;
    let mut cached = tree("alpine:3.20");
    run(&mut cached, 0, &[], &["apk", "add", "curl"]);
    let idx = size_under(&cached, "/var/cache/apk");
    assert!((1_000_000..2_600_000).contains(&idx), "{idx}");
    assert_eq!(cached.content_size() - base, with_curl + idx);
}

#[test]
fn package_managers_need_root() {
    let mut a = tree("alpine");
    let (code, _, err) = run(&mut a, 1000, &[], &["apk", "add", "curl"]);
    assert_eq!(code, 99);
    assert!(err.starts_with("ERROR: Unable to lock database: Permission denied"));
    let mut d = tree("ubuntu:24.04");
    let (code, _, err) = run(&mut d, 1000, &[], &["apt-get", "install", "-y", "curl"]);
    assert_eq!(code, 100);
    assert!(err.starts_with("E: Could not open lock file /var/lib/dpkg/lock-frontend - open (13: Permission denied)\n"));
}

#[test]
fn installed_programs_report_versions() {
    let mut t = tree("ubuntu:24.04");
    run(&mut t, 0, &[], &["apt-get", "update"]);
    run(&mut t, 0, &[], &["apt-get", "install", "-y", "--no-install-recommends", "python3", "nodejs", "git"]);
    assert_eq!(run(&mut t, 0, &[], &["python3", "--version"]).1, "Python 3.12.3\n");
    assert_eq!(run(&mut t, 0, &[], &["node", "--version"]).1, "v18.19.1\n");
    assert_eq!(run(&mut t, 0, &[], &["git", "--version"]).1, "git version 2.43.0\n");
    let (code, _, err) = run(&mut t, 0, &[], &["git", "clone", "https://nonexistent.invalid/example/app.git"]);
    assert_eq!(code, 128);
    assert!(err.ends_with("fatal: unable to access 'https://nonexistent.invalid/example/app.git/': Could not resolve host: nonexistent.invalid\n"), "{err}");
    assert_eq!(run(&mut t, 0, &[], &["git", "clone", "-q", "https://github.com/example/app.git", "/app"]).0, 0);
    let (_, out, _) = run(&mut t, 0, &[], &["dpkg", "-l", "git"]);
    assert!(out.lines().last().unwrap().starts_with("ii  git "), "{out}");
}

#[test]
fn pip_cache_is_avoidable() {
    let mut t = tree("alpine:3.20");
    run(&mut t, 0, &[], &["apk", "add", "--no-cache", "py3-pip"]);
    let (code, _, err) = run(&mut t, 0, &[], &["pip", "install", "flask"]);
    assert_eq!(code, 1);
    assert!(err.starts_with("error: externally-managed-environment"));
    run(&mut t, 0, &[], &["pip", "install", "--break-system-packages", "flask"]);
    assert!(size_under(&t, "/root/.cache/pip") > 500_000);
    let mut lean = tree("alpine:3.20");
    run(&mut lean, 0, &[], &["apk", "add", "--no-cache", "py3-pip"]);
    run(&mut lean, 0, &[], &["pip", "install", "--break-system-packages", "--no-cache-dir", "flask"]);
    assert_eq!(size_under(&lean, "/root/.cache/pip"), 0);
    assert!(lean.get("/usr/lib/python3.12/site-packages/flask/__init__.py").is_some());
}

#[test]
fn every_catalogue_image_builds_with_its_history() {
    use layerlab::catalog::images::repositories;
    for repo in repositories() {
        for entry in &repo.images {
            let first = format!("{}:{}", repo.repository, entry.tags[0]);
            let img = image(&first);
            if !entry.history.is_empty() {
                assert_eq!(img.history.iter().filter(|h| !h.empty_layer).count(), img.layers.len(), "{first}");
            }
            assert_eq!(img.created, entry.created, "{first}");
            assert_eq!(img.config, entry.config, "{first}");
            for tag in &entry.tags[1..] {
                assert_eq!(
                    image(&format!("{}:{tag}", repo.repository)).layers.len(),
                    img.layers.len(),
                    "{}:{tag}",
                    repo.repository
                );
            }
        }
    }
}

#[test]
fn hello_world_greets_and_scratch_is_reserved() {
    let mut e = layerlab::engine::Engine::new(|| 1_750_000_000);
    let o = e.exec_line("docker run hello-world");
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(
        o.stdout.starts_with(
            "\nHello from Docker!\nThis message shows that your installation appears to be working correctly.\n"
        ),
        "{}",
        o.stdout
    );
    assert!(o.stdout.ends_with(" $ docker run -it ubuntu bash\n\nShare images, automate workflows, and more with a free Docker ID:\n https://hub.docker.com/\n\nFor more examples and ideas, visit:\n https://docs.docker.com/get-started/\n\n"));
    let o = e.exec_line("docker images hello-world");
    assert!(o.stdout.lines().nth(1).is_some_and(|l| l.ends_with("10.1kB")), "{}", o.stdout);
    let o = e.exec_line("docker pull scratch");
    assert_eq!(
        (o.code, o.stdout.as_str(), o.stderr.as_str()),
        (1, "Using default tag: latest\n", "Error response from daemon: 'scratch' is a reserved name\n")
    );
}

#[test]
fn centos_sizes_config_and_yum() {
    for (r, mb) in [("centos:7", 204.0), ("centos:centos6", 194.0)] {
        let size = tree(r).content_size() as f64 / 1e6;
        assert!((size - mb).abs() / mb < 0.05, "{r}: {size}");
        let img = image(r);
        assert_eq!(img.config.cmd, Some(vec!["/bin/bash".to_string()]));
        assert_eq!(img.config.labels.get("org.label-schema.name").map(String::as_str), Some("CentOS Base Image"));
        assert_eq!(img.layers.len(), 1);
    }
    assert_eq!(image("centos").created, image("centos:centos7").created);
    let mut e = layerlab::engine::Engine::new(|| 1_750_000_000);
    let o = e.exec_line(
        "docker run --rm centos:centos6 sh -c 'yum install -y httpd > /dev/null && httpd -v && rpm -q httpd'",
    );
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(
        o.stdout.starts_with("Server version: Apache/2.2.15 (Unix)\nServer built: ")
            && o.stdout.ends_with("\nhttpd-2.2.15-69.el6.centos.x86_64\n"),
        "{}",
        o.stdout
    );
    // CentOS 6 is not usr-merged; CentOS 7 is.
    let o = e.exec_line("docker run --rm centos:centos6 sh -c 'test -L /bin || test -L /lib64 || echo real; ls /bin/bash /lib64/libc.so.6 /sbin/ldconfig'");
    assert_eq!(o.stdout, "real\n/bin/bash\n/lib64/libc.so.6\n/sbin/ldconfig\n", "{}", o.stderr);
    let o = e.exec_line("docker run --rm centos:7 sh -c 'readlink /bin /lib64'");
    assert_eq!(o.stdout, "usr/bin\nusr/lib64\n", "{}", o.stderr);
    let o = e.exec_line(
        "docker run --rm centos:7 sh -c 'yum --version; rpm --version; yum install -y httpd | tail -1; httpd -v'",
    );
    assert!(o.stdout.starts_with("3.4.3\n  Installed: rpm-4.11.3-45.el7.x86_64 at "), "{}", o.stdout);
    assert!(
        o.stdout.contains("RPM version 4.11.3\nComplete!\nServer version: Apache/2.4.6 (CentOS)\n"),
        "{}",
        o.stdout
    );
}

#[test]
fn yum_cache_bloats_a_layer_until_cleaned() {
    let mut t = tree("centos:7");
    let base = t.content_size();
    let (code, out, _) = run(&mut t, 0, &[], &["yum", "install", "-y", "httpd"]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("\nTransaction Summary\n") && out.contains("Install  1 Package (+5 Dependent packages)\n"),
        "{out}"
    );
    assert!(size_under(&t, "/var/cache/yum") > 50_000_000);
    assert_eq!(run(&mut t, 0, &[], &["yum", "clean", "all"]).0, 0);
    assert_eq!(size_under(&t, "/var/cache/yum"), 0);
    assert!(t.content_size() - base < 40_000_000);
}

#[test]
fn alpine_3_6_installs_the_fluentd_seed_packages() {
    let mut t = tree("alpine:3.6");
    let args = [
        "apk",
        "add",
        "--no-cache",
        "ruby",
        "ruby-json",
        "ruby-irb",
        "ruby-dev",
        "lsof",
        "ca-certificates",
        "wget",
        "curl",
        "openssl",
        "build-base",
        "vim",
    ];
    let (code, out, err) = run(&mut t, 0, &[], &args);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("Installing ruby (2.4.5-r0)") && out.contains("Installing gcc (6.3.0-r4)"), "{out}");
    assert!(size_under(&t, "/var/cache/apk") == 0);
    assert_eq!(run(&mut t, 0, &[], &["curl", "--version"]).1.split(' ').nth(1), Some("7.61.1"));
}

#[test]
fn the_centos_seed_builds_and_starts_httpd() {
    use layerlab::build::{BuildRequest, Context};
    let mut e = layerlab::engine::Engine::new(|| 1_750_000_000);
    let dockerfile = "FROM centos:centos6\nMAINTAINER sandywei <sandy@hainiu.tech>\nRUN yum install -y httpd\nEXPOSE 80\nCMD [\"sh\",\"-c\",\"service httpd start;bash\"]\n";
    let req = BuildRequest {
        dockerfile: dockerfile.into(),
        context: Context::new(),
        tags: vec!["c:latest".into()],
        ..Default::default()
    };
    let mut job = e.start_build(req);
    while !job.is_done() {
        e.build_step(&mut job);
    }
    assert!(job.result().is_some_and(|r| r.is_ok()), "{:?}", job.result());
    let o = e.exec_line("docker run --rm c");
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(o.stdout.starts_with("Starting httpd: ") && o.stdout.contains("[  OK  ]"), "{}", o.stdout);
    let o = e.exec_line("docker history c");
    assert!(o.stdout.contains("yum install -y httpd"), "{}", o.stdout);
}

#[test]
fn debian_bullseye_and_slim() {
    let full = tree("debian:bullseye").content_size() as f64 / 1e6;
    let slim = tree("debian:bullseye-slim").content_size() as f64 / 1e6;
    assert!((full - 124.0).abs() / 124.0 < 0.08, "{full}");
    assert!((slim - 80.0).abs() / 80.0 < 0.08, "{slim}");
    let mut t = tree("debian:11");
    assert_eq!(run(&mut t, 0, &[], &["dpkg-query", "-W", "-f=${Version}\\n", "bash"]).1, "5.1-2+deb11u1\n");
    assert_eq!(run(&mut t, 0, &[], &["apt-get", "update"]).0, 0);
    let (code, out, _) = run(&mut t, 0, &[], &["apt-get", "install", "-y", "curl", "gcc", "make"]);
    assert_eq!(code, 0, "{out}");
    assert!(run(&mut t, 0, &[], &["curl", "--version"]).1.starts_with("curl 7.74.0 "));
    assert!(run(&mut t, 0, &[], &["gcc", "--version"]).1.starts_with("gcc (Debian 10.2.1-6) 10.2.1"));
}

#[test]
fn debian_buster_and_trixie() {
    // Sizes: buster as `docker images` reports the 10.13 images (114MB, 69.3MB); trixie's
    // estimated from its compressed layers (52.1 MB and 31.5 MB against bookworm's 48.5 MB
    // and 28.2 MB for 117MB and 74.8MB).
    for (r, mb) in
        [("debian:buster", 114.0), ("debian:10-slim", 69.3), ("debian:trixie", 126.0), ("debian:trixie-slim", 84.0)]
    {
        let size = tree(r).content_size() as f64 / 1e6;
        assert!((size - mb).abs() / mb < 0.08, "{r}: {size}");
    }
    let mut t = tree("debian:10");
    assert_eq!(run(&mut t, 0, &[], &["dpkg-query", "-W", "-f=${Version}\\n", "bash"]).1, "5.0-4\n");
    assert_eq!(t.read("/", "/etc/debian_version").unwrap().bytes().as_ref(), b"10.13\n");
    assert_eq!(run(&mut t, 0, &[], &["apt-get", "update"]).0, 0);
    let (code, out, _) = run(&mut t, 0, &[], &["apt-get", "install", "-y", "curl", "gcc", "make"]);
    assert_eq!(code, 0, "{out}");
    assert!(run(&mut t, 0, &[], &["curl", "--version"]).1.starts_with("curl 7.64.0 "));
    assert!(run(&mut t, 0, &[], &["gcc", "--version"]).1.starts_with("gcc (Debian 8.3.0-6) 8.3.0"));
    let mut t = tree("debian:trixie");
    assert_eq!(run(&mut t, 0, &[], &["dpkg-query", "-W", "-f=${Version}\\n", "libc6"]).1, "2.40-3\n");
    assert_eq!(t.read("/", "/etc/debian_version").unwrap().bytes().as_ref(), b"trixie/sid\n");
}

#[test]
fn ubuntu_trusty() {
    // `docker images` reports ubuntu:14.04 at 197MB.
    let size = tree("ubuntu:14.04").content_size() as f64 / 1e6;
    assert!((size - 197.0).abs() / 197.0 < 0.08, "{size}");
    let mut t = tree("ubuntu:trusty");
    assert_eq!(run(&mut t, 0, &[], &["dpkg-query", "-W", "-f=${Version}\\n", "bash"]).1, "4.3-7ubuntu1.7\n");
    assert_eq!(layerlab::catalog::distro::detect(&t).unwrap().release(), "trusty");
    assert_eq!(image("ubuntu:14.04").layers.len(), 4);
    // apt 1.0's update: hosts, an ignored InRelease of the release's own suite.
    let (code, out, _) = run(&mut t, 0, &[], &["apt-get", "update"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("Ign http://archive.ubuntu.com trusty InRelease\nGet:1 http://security.ubuntu.com trusty-security InRelease [65.9 kB]\n"), "{out}");
    assert!(out.contains("\nGet:5 http://archive.ubuntu.com trusty Release [58.5 kB]\n"), "{out}");
}

#[test]
fn alpine_3_9() {
    // alpine:3.9 (3.9.6) is about 5.5MB, as its minirootfs unpacked.
    let size = tree("alpine:3.9").content_size() as f64 / 1e6;
    assert!((size - 5.58).abs() / 5.58 < 0.10, "{size}");
    let t = tree("alpine:3.9.6");
    assert_eq!(t.read("/", "/etc/alpine-release").unwrap().bytes().as_ref(), b"3.9.6\n");
    assert_eq!(layerlab::catalog::distro::detect(&t).unwrap().release(), "3.9");
}

/// Every image of the catalogue, under the first of its tags: its layers match the
/// non-empty rows of its history (an image without history, as hello-world's config has
/// none, excepted), and every program its entry names is on its `PATH` (or at its path).
#[test]
fn every_image_provides_its_programs() {
    use layerlab::catalog::images::repositories;
    for repo in repositories() {
        for entry in &repo.images {
            let reference = format!("{}:{}", repo.repository, entry.tags[0]);
            let img = image(&reference);
            let own_rows = entry.history.iter().filter(|h| !h.empty_layer).count();
            if !entry.history.is_empty() {
                assert_eq!(own_rows, entry.layers.len(), "{reference}: history rows and layers");
            }
            let t = Tree::from_layers(&img.layers);
            let path = img.config.env.iter().find_map(|e| e.strip_prefix("PATH=")).unwrap_or("/usr/bin:/bin");
            for program in &entry.programs {
                let found = if program.starts_with('/') {
                    t.lookup("/", program, true).is_ok()
                } else {
                    path.split(':')
                        .any(|dir| t.lookup("/", &format!("{}/{program}", dir.trim_end_matches('/')), true).is_ok())
                };
                assert!(found, "{reference}: {program} is not on PATH {path}");
            }
        }
    }
}

#[test]
fn everyday_tools_install_on_bookworm_noble_and_jammy() {
    for (reference, nano) in
        [("debian:bookworm", "7.2-1+deb12u1"), ("ubuntu:24.04", "7.2-2ubuntu0.2"), ("ubuntu:22.04", "6.2-1ubuntu0.3")]
    {
        let mut t = tree(reference);
        assert_eq!(run(&mut t, 0, &[], &["apt-get", "update"]).0, 0, "{reference}");
        let tools = ["nano", "iputils-ping", "net-tools", "zip", "htop", "tree", "netcat-openbsd", "dnsutils"];
        let argv: Vec<&str> = ["apt-get", "install", "-y"].into_iter().chain(tools).collect();
        let (code, out, err) = run(&mut t, 0, &[], &argv);
        assert_eq!(code, 0, "{reference}: {err}");
        assert!(out.contains(&format!("Setting up nano ({nano}) ...")), "{reference}: {out}");
        assert!(out.contains("Setting up libnl-3-200:amd64 "), "htop brings its libraries: {out}");
        for file in
            ["/usr/bin/nano", "/usr/sbin/ifconfig", "/usr/bin/htop", "/usr/bin/tree", "/usr/bin/dig", "/usr/bin/zip"]
        {
            assert!(t.lookup("/", file, true).is_ok(), "{reference}: {file}");
        }
        assert!(
            t.lookup("/", "/bin/ping", true).is_ok() || t.lookup("/", "/usr/bin/ping", true).is_ok(),
            "{reference}"
        );
    }
}
