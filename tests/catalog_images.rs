//! The official images of the tutorials: every repository and tag of the catalogue's
//! language runtimes, services and distroless images builds a `FROM` + `RUN <main program>
//! --version` Dockerfile printing the real version string, and its config, layers and
//! history match the facts recorded from the official images' Dockerfiles.

use layerlab::build::{BuildRequest, Context, Event};
use layerlab::engine::Engine;

fn engine() -> Engine {
    Engine::new(|| 1_750_000_000)
}

fn run(e: &mut Engine, line: &str) -> (i32, String, String) {
    let o = e.exec_line(line);
    (o.code, o.stdout, o.stderr)
}

/// Builds `dockerfile` and returns what its RUN steps printed, or the build error.
fn build(e: &mut Engine, dockerfile: &str, tag: &str) -> Result<String, String> {
    let req = BuildRequest { dockerfile: dockerfile.into(), context: Context::new(), tags: vec![tag.into()], ..Default::default() };
    let mut job = e.start_build(req);
    let mut out = String::new();
    while !job.is_done() {
        for ev in e.build_step(&mut job) {
            if let Event::Output(line) = ev {
                out.push_str(&line);
                out.push('\n');
            }
        }
    }
    match job.result() {
        Some(Ok(_)) => Ok(out),
        other => Err(format!("{other:?}\n{out}")),
    }
}

/// `FROM image` + `RUN command; …` prints each expected line (stdout and stderr together).
fn prints(e: &mut Engine, image: &str, checks: &[(&str, &str)]) {
    let commands: Vec<&str> = checks.iter().map(|c| c.0).collect();
    // The image's name in the command keeps two tags of one image from sharing a build cache.
    let df = format!("FROM {image}\nRUN echo {image}; {}\n", commands.join("; "));
    match build(e, &df, "check:latest") {
        Ok(out) => {
            for (command, expected) in checks {
                assert!(out.lines().any(|l| l == *expected), "FROM {image} / RUN {command}: expected the line {expected:?} in\n{out}");
            }
        }
        Err(err) => panic!("FROM {image} / RUN {commands:?} failed: {err}"),
    }
}

/// `docker inspect --format FORMAT image` prints `expected`.
fn inspect(e: &mut Engine, image: &str, format: &str, expected: &str) {
    run(e, &format!("docker pull {image}"));
    let (code, out, err) = run(e, &format!("docker inspect --format '{format}' {image}"));
    assert_eq!(code, 0, "{image}: {err}");
    assert_eq!(out.trim_end(), expected, "{image} {format}");
}

/// The number of layers (`RootFS.Layers`) of `image`.
fn layer_count(e: &mut Engine, image: &str) -> usize {
    run(e, &format!("docker pull {image}"));
    let (code, out, err) = run(e, &format!("docker inspect --format '{{{{len .RootFS.Layers}}}}' {image}"));
    assert_eq!(code, 0, "{image}: {err}");
    out.trim().parse().unwrap_or_else(|_| panic!("{image}: {out}"))
}

#[test]
fn nginx() {
    let mut e = engine();
    let v = "nginx version: nginx/1.27.2";
    prints(&mut e, "nginx", &[("nginx -v", v), ("cat /usr/share/nginx/html/index.html", "<h1>Welcome to nginx!</h1>"), ("grep -c 'root   /usr/share/nginx/html' /etc/nginx/conf.d/default.conf", "2"), ("id nginx", "uid=101(nginx) gid=101(nginx) groups=101(nginx)")]);
    prints(&mut e, "nginx:1.27-alpine", &[("nginx -v", v), ("wc -c < /usr/share/nginx/html/index.html", "615")]);
    prints(&mut e, "nginx:alpine-slim", &[("nginx -v", v)]);
    inspect(&mut e, "nginx", "{{json .Config.Entrypoint}} {{json .Config.Cmd}} {{.Config.StopSignal}} {{json .Config.ExposedPorts}}", "[\"/docker-entrypoint.sh\"] [\"nginx\",\"-g\",\"daemon off;\"] SIGQUIT {\"80/tcp\":{}}");
    inspect(&mut e, "nginx:1.27.2", "{{index .Config.Labels \"maintainer\"}}", "NGINX Docker Maintainers <docker-maint@nginx.com>");
    // debian:bookworm-slim's one layer, the package layer and five COPY layers.
    assert_eq!(layer_count(&mut e, "nginx:latest"), 7);
    // alpine's layer, nginx:alpine-slim's six and the modules layer.
    assert_eq!(layer_count(&mut e, "nginx:alpine"), 8);
    let (_, out, _) = run(&mut e, "docker history --no-trunc --format '{{.CreatedBy}}' nginx:latest");
    let rows: Vec<&str> = out.lines().collect();
    assert_eq!(rows[0], "CMD [\"nginx\" \"-g\" \"daemon off;\"]", "{out}");
    assert!(rows.iter().any(|r| r.starts_with("COPY 30-tune-worker-processes.sh /docker-entrypoint.d # buildkit")), "{out}");
    assert!(rows.iter().any(|r| r.starts_with("ENV NGINX_VERSION=1.27.2")), "{out}");
    let (_, out, _) = run(&mut e, "docker images --format '{{.Size}}' nginx:latest");
    assert_eq!(out.trim(), "192MB");
}

#[test]
fn python() {
    let mut e = engine();
    for (image, version, pip) in [
        ("python:3.12", "3.12.7", "24.2"),
        ("python:3.12-slim", "3.12.7", "24.2"),
        ("python:3.12-alpine", "3.12.7", "24.2"),
        ("python:latest", "3.12.7", "24.2"),
        ("python:3.11-slim", "3.11.10", "24.0"),
        ("python:3.10-alpine", "3.10.15", "23.0.1"),
        ("python:3.9", "3.9.20", "23.0.1"),
    ] {
        let mm = version.rsplit_once('.').unwrap().0;
        let pip_line = format!("pip {pip} from /usr/local/lib/python{mm}/site-packages/pip (python {mm})");
        prints(&mut e, image, &[("python --version", &format!("Python {version}")), ("pip --version", &pip_line), ("python3 --version", &format!("Python {version}"))]);
    }
    inspect(&mut e, "python:3.12-slim", "{{json .Config.Env}} {{json .Config.Cmd}}", "[\"PATH=/usr/local/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\",\"LANG=C.UTF-8\",\"GPG_KEY=7169605F62C751356D054A26A821E680E5FA6305\",\"PYTHON_VERSION=3.12.7\"] [\"python3\"]");
    assert_eq!(layer_count(&mut e, "python:3.12-slim"), 4);
    assert_eq!(layer_count(&mut e, "python:3.12"), 7);
    assert_eq!(layer_count(&mut e, "python:3.12-alpine"), 4);
    // pip installs into the image's site-packages and keeps its cache unless told not to.
    let df = "FROM python:3.12-slim\nWORKDIR /app\nRUN echo flask > requirements.txt && pip install -r requirements.txt\nRUN test -d /usr/local/lib/python3.12/site-packages/flask && test -d /root/.cache/pip && echo cached\nRUN pip install --no-cache-dir requests && test -d /usr/local/lib/python3.12/site-packages/requests && echo ok\n";
    let out = build(&mut e, df, "app:latest").unwrap();
    assert!(out.contains("Successfully installed blinker-1.8.2 click-8.1.7 flask-3.0.3"), "{out}");
    assert!(out.contains("cached") && out.contains("ok"), "{out}");
}

#[test]
fn node() {
    let mut e = engine();
    for (image, node, npm) in [("node", "v22.11.0", "10.9.0"), ("node:20-slim", "v20.18.0", "10.8.2"), ("node:18-alpine", "v18.20.4", "10.7.0"), ("node:lts-alpine", "v22.11.0", "10.9.0")] {
        prints(&mut e, image, &[("node -v", node), ("npm -v", npm), ("yarn --version", "1.22.22"), ("id node", "uid=1000(node) gid=1000(node) groups=1000(node)")]);
    }
    inspect(&mut e, "node:18-alpine", "{{json .Config.Entrypoint}} {{json .Config.Cmd}} {{json .Config.Env}}", "[\"docker-entrypoint.sh\"] [\"node\"] [\"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\",\"NODE_VERSION=18.20.4\",\"YARN_VERSION=1.22.22\"]");
    assert_eq!(layer_count(&mut e, "node:18-alpine"), 4);
    assert_eq!(layer_count(&mut e, "node:20-slim"), 5);
    let df = "FROM node:18-alpine\nWORKDIR /app\nRUN echo '{\"dependencies\":{\"express\":\"^4\"}}' > package.json\nRUN npm install && test -d node_modules/express && yarn install && test -f yarn.lock && test -d /usr/local/share/.cache/yarn && echo installed\nUSER node\nRUN whoami\n";
    let out = build(&mut e, df, "app:latest").unwrap();
    assert!(out.contains("installed") && out.contains("node\n"), "{out}");
}

#[test]
fn golang() {
    let mut e = engine();
    prints(&mut e, "golang:1.23", &[("go version", "go version go1.23.3 linux/amd64"), ("pwd", "/go")]);
    prints(&mut e, "golang:1.22-alpine", &[("go version", "go version go1.22.9 linux/amd64")]);
    prints(&mut e, "golang:alpine", &[("go version", "go version go1.23.3 linux/amd64")]);
    inspect(&mut e, "golang:1.23", "{{.Config.WorkingDir}} {{json .Config.Env}}", "/go [\"PATH=/go/bin:/usr/local/go/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\",\"GOLANG_VERSION=1.23.3\",\"GOTOOLCHAIN=local\",\"GOPATH=/go\"]");
    // debian, curl, scm, then the cgo packages, the Go tree and $GOPATH.
    assert_eq!(layer_count(&mut e, "golang:1.23"), 6);
}

#[test]
fn ruby() {
    let mut e = engine();
    for image in ["ruby:3.3", "ruby:3.3-slim", "ruby:3.3-alpine"] {
        let musl = if image.ends_with("alpine") { "-musl" } else { "" };
        prints(&mut e, image, &[("ruby -v", &format!("ruby 3.3.5 (2024-09-03 revision ef084cc8f4) [x86_64-linux{musl}]")), ("gem --version", "3.5.16"), ("bundle --version", "Bundler version 2.5.16")]);
    }
    inspect(&mut e, "ruby:3.3-slim", "{{json .Config.Cmd}} {{index .Config.Env 0}}", "[\"irb\"] PATH=/usr/local/bundle/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
    let df = "FROM ruby:3.3-slim\nWORKDIR /app\nRUN printf \"source 'https://rubygems.org'\\ngem 'sinatra'\\n\" > Gemfile && bundle install && test -f Gemfile.lock && test -d /usr/local/bundle/gems/sinatra-4.0.0\nRUN gem install rake && test -d /usr/local/bundle/gems/rake-13.2.1 && test ! -d /usr/local/bundle/doc && echo nodoc\nRUN gem install rake --no-ri || echo rejected\n";
    let out = build(&mut e, df, "app:latest").unwrap();
    assert!(out.contains("Bundle complete! 1 Gemfile dependency, 9 gems now installed.") && out.contains("nodoc"), "{out}");
    assert!(out.contains("invalid option: --no-ri") && out.contains("rejected"), "{out}");
}
