//! The command walkthrough of the Docker notes layerlab is built for
//! (`../shared/seed-examples/README.md`), run through the CLI from a real shell as a learner
//! types it (`docker` is the `layerlab` binary on a fresh state directory): every step
//! answers as Docker does. tests/browser/seed_walkthrough.test.mjs runs it in the page.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

struct TempDir(PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

/// Runs `line` in `sh` in `dir` with `docker` standing for the CLI, typing `input` into it;
/// returns everything it printed (both streams, as a terminal shows them).
fn step(dir: &Path, line: &str, input: &[&str]) -> String {
    let script = format!("docker() {{ \"$LAYERLAB\" --root \"$PWD/state\" \"$@\"; }}\n{line}");
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(format!("exec 2>&1\n{script}"))
        .current_dir(dir)
        .env("LAYERLAB", env!("CARGO_BIN_EXE_layerlab"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    for l in input {
        writeln!(stdin, "{l}").unwrap();
    }
    drop(stdin);
    let out = child.wait_with_output().unwrap();
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn has_line(text: &str, pattern: impl Fn(&str) -> bool) -> bool {
    text.lines().any(pattern)
}

fn is_hex(s: &str, n: usize) -> bool {
    s.len() == n && s.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
}

#[test]
fn the_seed_walkthrough_runs_in_the_cli_as_on_docker() {
    let t = TempDir(std::env::temp_dir().join(format!("layerlab-seed-walk-{}", std::process::id())));
    let _ = fs::remove_dir_all(&t.0);
    fs::create_dir_all(&t.0).unwrap();
    let dir = t.0.as_path();
    let run = |line: &str| step(dir, line, &[]);

    let o = run("docker run --name webserver -d -p 80:80 nginx");
    assert!(o.contains("Unable to find image 'nginx:latest' locally") && has_line(&o, |l| is_hex(l, 64)), "{o}");
    let o = step(
        dir,
        "docker exec -it webserver bash",
        &["echo '<h1>Hello, Docker!</h1>' > /usr/share/nginx/html/index.html", "exit"],
    );
    assert!(!o.contains("rror"), "{o}");
    let o = run("docker diff webserver");
    for row in ["C /root", "A /root/.bash_history", "C /usr/share/nginx/html/index.html", "A /run/nginx.pid"] {
        assert!(o.lines().any(|l| l == row), "{row} missing:\n{o}");
    }
    let o = run(
        "docker commit --author \"Tao Wang <twang2218@gmail.com>\" --message \"修改了默认网页\" webserver nginx:v2",
    );
    assert!(has_line(&o, |l| l.strip_prefix("sha256:").is_some_and(|h| is_hex(h, 64))), "{o}");
    let o = run("docker image ls nginx");
    assert!(has_line(&o, |l| l.starts_with("nginx        v2 ")), "{o}");
    let o = run("docker history nginx:v2");
    let top = o.lines().nth(1).unwrap_or_default();
    assert!(top.contains("nginx -g daemon off;") && top.ends_with("修改了默认网页"), "{o}");
    assert!(has_line(&run("docker run --name web2 -d -p 81:80 nginx:v2"), |l| is_hex(l, 64)));
    let o = run("docker ps --format '{{.Names}} {{.Ports}}'");
    assert!(o.contains("web2 0.0.0.0:81->80/tcp, [::]:81->80/tcp"), "{o}");

    let o = run("docker pull ubuntu:18.04");
    assert!(
        o.contains("18.04: Pulling from library/ubuntu\n") && o.ends_with("docker.io/library/ubuntu:18.04\n"),
        "{o}"
    );
    let o = step(dir, "docker run -it --rm ubuntu:18.04 bash", &["cat /etc/os-release", "exit"]);
    assert!(o.contains("VERSION=\"18.04.6 LTS (Bionic Beaver)\""), "{o}");
    assert!(run("docker ps -aq --filter ancestor=ubuntu:18.04").is_empty(), "--rm removed the container");
    let o = run("docker image ls; docker image ls -a; docker image ls ubuntu:18.04");
    assert!(has_line(&o, |l| l.starts_with("ubuntu       18.04 ")), "{o}");
    let o = run("docker system df");
    assert!(o.starts_with("TYPE            TOTAL     ACTIVE    SIZE      RECLAIMABLE\nImages "), "{o}");
    let o = run("docker image ls -f dangling=true; docker image prune -f");
    assert!(o.contains("Total reclaimed space: "), "{o}");
    run("docker pull mongo:3.2");
    let o = run("docker image ls -f since=mongo:3.2");
    assert!(o.starts_with("REPOSITORY ") && !o.contains("\nmongo "), "{o}");
    let o = run("docker image ls --format \"table {{.ID}}\\t{{.Repository}}\\t{{.Tag}}\"");
    assert!(o.starts_with("IMAGE ID       REPOSITORY   TAG\n"), "{o}");
    run("docker pull redis");
    let o = run("docker image rm $(docker image ls -q redis)");
    assert!(o.contains("Untagged: redis:latest\n") && o.contains("Deleted: sha256:"), "{o}");

    let webapp = dir.join("webapp");
    let o =
        run(&format!("docker create -it --name centos6_container -v {}:/opt/webapp centos:centos6", webapp.display()));
    assert!(has_line(&o, |l| is_hex(l, 64)), "{o}");
    let o =
        step(dir, "docker start -i centos6_container", &["cat /etc/redhat-release", "touch /opt/webapp/made", "exit"]);
    assert!(o.contains("CentOS release 6.10 (Final)"), "{o}");
    // The daemon makes a missing `-v` source directory when the container starts.
    assert!(webapp.join("made").is_file(), "the bind mount shares the host directory");
    assert_eq!(run("docker save -o centos_images.tar centos:centos6"), "");
    assert!(fs::metadata(dir.join("centos_images.tar")).unwrap().len() > 1 << 20);
    run("docker image rm -f centos:centos6");
    assert!(run("docker load -i centos_images.tar").ends_with("Loaded image: centos:centos6\n"));
    assert_eq!(run("docker export centos6_container > c.tar"), "");
    let o = run("docker import c.tar centos6:imported");
    assert!(o.strip_prefix("sha256:").is_some_and(|h| is_hex(h.trim_end(), 64)), "{o}");

    let o = run("docker run hello-world");
    assert!(
        o.contains(
            "\nHello from Docker!\nThis message shows that your installation appears to be working correctly.\n"
        ),
        "{o}"
    );
    let o = run("docker search httpd");
    assert!(
        o.starts_with(
            "NAME      DESCRIPTION                      STARS     OFFICIAL\nhttpd     The Apache HTTP Server Project "
        ),
        "{o}"
    );
}
