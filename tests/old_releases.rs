//! The older Debian and Ubuntu tags of the tutorials (`ubuntu:20.04`, `18.04`, `16.04`,
//! `debian:bullseye`, `debian:trixie`): `apt-get update && apt-get install -y curl git`
//! installs the release's real packages (names and versions of its Packages indices), and
//! the programs print the release's versions.

use layerlab::engine::Engine;

fn engine() -> Engine {
    Engine::new(|| 1_750_000_000)
}

/// Runs `script` in a fresh container of `image` the way a learner types it.
fn run(e: &mut Engine, image: &str, script: &str) -> (i32, String, String) {
    let o = e.exec_line(&format!("docker run --rm {image} sh -c '{script}'"));
    (o.code, o.stdout, o.stderr)
}

/// (image, what dpkg unpacks for curl and git, `curl --version`'s first words,
/// `git --version`, `python3 --version`), from the releases' Packages indices.
const RELEASES: &[(&str, &[&str], &str, &str, &str)] = &[
    (
        "ubuntu:20.04",
        &[
            "curl (7.68.0-1ubuntu2.",
            "libssl1.1:amd64 (1.1.1f-1ubuntu2.",
            "git (1:2.25.1-1ubuntu3.",
            "libldap-2.4-2:amd64",
        ],
        "curl 7.68.0 ",
        "git version 2.25.1\n",
        "Python 3.8.10\n",
    ),
    (
        "ubuntu:18.04",
        &["curl (7.58.0-2ubuntu3.", "libssl1.1:amd64 (1.1.1-1ubuntu2.1~18.04.", "git (1:2.17.1-1ubuntu0."],
        "curl 7.58.0 ",
        "git version 2.17.1\n",
        "Python 3.6.9\n",
    ),
    (
        "ubuntu:16.04",
        &["curl (7.47.0-1ubuntu2.", "libssl1.0.0:amd64 (1.0.2g-1ubuntu4.", "git (1:2.7.4-0ubuntu1."],
        "curl 7.47.0 ",
        "git version 2.7.4\n",
        "Python 3.5.2\n",
    ),
    (
        "debian:bullseye",
        &["curl (7.74.0-1.3+deb11u", "libcurl4:amd64 (7.74.0-1.3+deb11u", "git (1:2.30.2-1+deb11u"],
        "curl 7.74.0 ",
        "git version 2.30.2\n",
        "Python 3.9.2\n",
    ),
    (
        "debian:trixie",
        &["curl (8.14.1-2+deb13u", "libcurl4t64:amd64 (8.14.1-2+deb13u", "git (1:2.47.3-0+deb13u"],
        "curl 8.14.1 ",
        "git version 2.47.3\n",
        "Python 3.13.5\n",
    ),
];

/// (image, the `Get:` line of curl's download without its number and size): the suite is
/// the first of the image's sources listing the version (the release, -updates, -security).
const DOWNLOADS: &[(&str, &str)] = &[
    ("ubuntu:20.04", " http://archive.ubuntu.com/ubuntu focal-updates/main amd64 curl amd64 7.68.0-1ubuntu2."),
    ("ubuntu:18.04", " http://archive.ubuntu.com/ubuntu bionic-updates/main amd64 curl amd64 7.58.0-2ubuntu3."),
    ("ubuntu:16.04", " http://archive.ubuntu.com/ubuntu xenial-updates/main amd64 curl amd64 7.47.0-1ubuntu2."),
    (
        "debian:bullseye",
        " http://deb.debian.org/debian-security bullseye-security/main amd64 curl amd64 7.74.0-1.3+deb11u",
    ),
    ("debian:trixie", " http://deb.debian.org/debian trixie/main amd64 curl amd64 8.14.1-2+deb13u"),
];

#[test]
fn apt_get_install_curl_and_git_gives_the_release_s_versions() {
    let mut e = engine();
    for (image, unpacked, curl, git, python) in RELEASES {
        let (code, out, err) = run(&mut e, image, "apt-get update && apt-get install -y curl git");
        assert_eq!(code, 0, "{image}: {out}{err}");
        assert!(!err.contains("Unable to locate package"), "{image}: {err}");
        for want in *unpacked {
            assert!(out.contains(&format!("Unpacking {want}")), "{image}: no `Unpacking {want}`\n{out}");
        }
        let (_, get) = DOWNLOADS.iter().find(|(i, _)| i == image).expect("a download line");
        assert!(out.lines().any(|l| l.starts_with("Get:") && l.contains(get)), "{image}: no `{get}`\n{out}");
        let (code, out, err) = run(
            &mut e,
            image,
            "apt-get update >/dev/null && apt-get install -y curl git python3 >/dev/null && curl --version && git --version && python3 --version",
        );
        assert_eq!(code, 0, "{image}: {out}{err}");
        let mut lines = out.lines();
        assert!(lines.next().unwrap_or("").starts_with(curl), "{image}: {out}");
        assert!(out.contains(git), "{image}: {out}");
        assert!(out.ends_with(python), "{image}: {out}");
    }
}

#[test]
fn the_tutorial_tools_install_on_every_older_release() {
    let mut e = engine();
    for image in ["ubuntu:20.04", "ubuntu:18.04", "ubuntu:16.04", "debian:bullseye", "debian:trixie"] {
        let script = "apt-get update >/dev/null && apt-get install -y python3-pip vim nano unzip iputils-ping net-tools build-essential >/dev/null && pip3 --version && gcc --version && make --version && ls /bin/ping /usr/bin/unzip";
        let (code, out, err) = run(&mut e, image, script);
        assert_eq!(code, 0, "{image}: {out}{err}");
        assert!(out.starts_with("pip "), "{image}: {out}");
        assert!(out.contains("GNU Make "), "{image}: {out}");
        assert!(out.ends_with("/bin/ping\n/usr/bin/unzip\n"), "{image}: {out}");
    }
}
