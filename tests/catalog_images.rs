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
    let req = BuildRequest {
        dockerfile: dockerfile.into(),
        context: Context::new(),
        tags: vec![tag.into()],
        ..Default::default()
    };
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
                assert!(
                    out.lines().any(|l| l == *expected),
                    "FROM {image} / RUN {command}: expected the line {expected:?} in\n{out}"
                );
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
    prints(
        &mut e,
        "nginx",
        &[
            ("nginx -v", v),
            ("cat /usr/share/nginx/html/index.html", "<h1>Welcome to nginx!</h1>"),
            ("grep -c 'root   /usr/share/nginx/html' /etc/nginx/conf.d/default.conf", "2"),
            ("id nginx", "uid=101(nginx) gid=101(nginx) groups=101(nginx)"),
        ],
    );
    prints(&mut e, "nginx:1.27-alpine", &[("nginx -v", v), ("wc -c < /usr/share/nginx/html/index.html", "615")]);
    prints(&mut e, "nginx:alpine-slim", &[("nginx -v", v)]);
    inspect(
        &mut e,
        "nginx",
        "{{json .Config.Entrypoint}} {{json .Config.Cmd}} {{.Config.StopSignal}} {{json .Config.ExposedPorts}}",
        "[\"/docker-entrypoint.sh\"] [\"nginx\",\"-g\",\"daemon off;\"] SIGQUIT {\"80/tcp\":{}}",
    );
    inspect(
        &mut e,
        "nginx:1.27.2",
        "{{index .Config.Labels \"maintainer\"}}",
        "NGINX Docker Maintainers <docker-maint@nginx.com>",
    );
    // debian:bookworm-slim's one layer, the package layer and five COPY layers.
    assert_eq!(layer_count(&mut e, "nginx:latest"), 7);
    // alpine's layer, nginx:alpine-slim's six and the modules layer.
    assert_eq!(layer_count(&mut e, "nginx:alpine"), 8);
    let (_, out, _) = run(&mut e, "docker history --no-trunc --format '{{.CreatedBy}}' nginx:latest");
    let rows: Vec<&str> = out.lines().collect();
    assert_eq!(rows[0], "CMD [\"nginx\" \"-g\" \"daemon off;\"]", "{out}");
    assert!(
        rows.iter().any(|r| r.starts_with("COPY 30-tune-worker-processes.sh /docker-entrypoint.d # buildkit")),
        "{out}"
    );
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
        prints(
            &mut e,
            image,
            &[
                ("python --version", &format!("Python {version}")),
                ("pip --version", &pip_line),
                ("python3 --version", &format!("Python {version}")),
            ],
        );
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
    for (image, node, npm) in [
        ("node", "v22.11.0", "10.9.0"),
        ("node:20-slim", "v20.18.0", "10.8.2"),
        ("node:18-alpine", "v18.20.4", "10.7.0"),
        ("node:lts-alpine", "v22.11.0", "10.9.0"),
    ] {
        prints(
            &mut e,
            image,
            &[
                ("node -v", node),
                ("npm -v", npm),
                ("yarn --version", "1.22.22"),
                ("id node", "uid=1000(node) gid=1000(node) groups=1000(node)"),
            ],
        );
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
        prints(
            &mut e,
            image,
            &[
                ("ruby -v", &format!("ruby 3.3.5 (2024-09-03 revision ef084cc8f4) [x86_64-linux{musl}]")),
                ("gem --version", "3.5.16"),
                ("bundle --version", "Bundler version 2.5.16"),
            ],
        );
    }
    inspect(
        &mut e,
        "ruby:3.3-slim",
        "{{json .Config.Cmd}} {{index .Config.Env 0}}",
        "[\"irb\"] PATH=/usr/local/bundle/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
    );
    let df = "FROM ruby:3.3-slim\nWORKDIR /app\nRUN printf \"source 'https://rubygems.org'\\ngem 'sinatra'\\n\" > Gemfile && bundle install && test -f Gemfile.lock && test -d /usr/local/bundle/gems/sinatra-4.0.0\nRUN gem install rake && test -d /usr/local/bundle/gems/rake-13.2.1 && test ! -d /usr/local/bundle/doc && echo nodoc\nRUN gem install rake --no-ri || echo rejected\n";
    let out = build(&mut e, df, "app:latest").unwrap();
    assert!(
        out.contains("Bundle complete! 1 Gemfile dependency, 9 gems now installed.") && out.contains("nodoc"),
        "{out}"
    );
    assert!(out.contains("invalid option: --no-ri") && out.contains("rejected"), "{out}");
}

#[test]
fn services() {
    let mut e = engine();
    prints(
        &mut e,
        "redis",
        &[
            ("redis-cli --version", "redis-cli 7.4.1"),
            ("pwd", "/data"),
            ("id redis", "uid=999(redis) gid=999(redis) groups=999(redis)"),
        ],
    );
    prints(&mut e, "redis:7-alpine", &[("redis-cli -v", "redis-cli 7.4.1")]);
    prints(&mut e, "postgres", &[("postgres --version", "postgres (PostgreSQL) 17.0 (Debian 17.0-1.pgdg120+1)")]);
    prints(&mut e, "postgres:16", &[("postgres --version", "postgres (PostgreSQL) 16.4 (Debian 16.4-1.pgdg120+2)")]);
    prints(
        &mut e,
        "httpd:alpine",
        &[
            ("httpd -v", "Server version: Apache/2.4.62 (Unix)"),
            ("pwd", "/usr/local/apache2"),
            ("id -u www-data", "82"),
        ],
    );
    inspect(
        &mut e,
        "httpd:2.4-alpine",
        "{{json .Config.Cmd}} {{.Config.StopSignal}}",
        "[\"httpd-foreground\"] SIGWINCH",
    );
    prints(
        &mut e,
        "postgres:17-alpine",
        &[
            ("postgres --version", "postgres (PostgreSQL) 17.0"),
            ("psql --version", "psql (PostgreSQL) 17.0"),
            ("id postgres", "uid=70(postgres) gid=70(postgres) groups=70(postgres)"),
            ("cat /etc/alpine-release", "3.20.3"),
        ],
    );
    prints(
        &mut e,
        "httpd:2.4",
        &[
            ("httpd -v", "Server version: Apache/2.4.62 (Unix)"),
            ("cat htdocs/index.html", "<html><body><h1>It works!</h1></body></html>"),
        ],
    );
    prints(&mut e, "mongo", &[("mongod --version", "db version v8.0.3"), ("mongosh --version", "2.3.3")]);
    inspect(&mut e, "redis", "{{json .Config.Entrypoint}} {{json .Config.Cmd}} {{json .Config.ExposedPorts}} {{json .Config.Volumes}} {{.Config.WorkingDir}}", "[\"docker-entrypoint.sh\"] [\"redis-server\"] {\"6379/tcp\":{}} {\"/data\":{}} /data");
    inspect(
        &mut e,
        "postgres:17",
        "{{.Config.StopSignal}} {{json .Config.Volumes}} {{json .Config.ExposedPorts}}",
        "SIGINT {\"/var/lib/postgresql/data\":{}} {\"5432/tcp\":{}}",
    );
    inspect(
        &mut e,
        "httpd",
        "{{.Config.StopSignal}} {{json .Config.Cmd}} {{.Config.WorkingDir}}",
        "SIGWINCH [\"httpd-foreground\"] /usr/local/apache2",
    );
    inspect(
        &mut e,
        "mongo",
        "{{json .Config.Volumes}} {{json .Config.Cmd}}",
        "{\"/data/configdb\":{},\"/data/db\":{}} [\"mongod\"]",
    );
    assert_eq!(layer_count(&mut e, "redis:7.4"), 7);
    assert_eq!(layer_count(&mut e, "postgres:17"), 14);
}

#[test]
fn java() {
    let mut e = engine();
    prints(
        &mut e,
        "eclipse-temurin:21",
        &[
            ("java -version", "openjdk version \"21.0.5\" 2024-10-15 LTS"),
            ("java -version", "OpenJDK Runtime Environment Temurin-21.0.5+11 (build 21.0.5+11-LTS)"),
            ("javac -version", "javac 21.0.5"),
        ],
    );
    prints(
        &mut e,
        "eclipse-temurin:17-jre",
        &[("java -version", "OpenJDK 64-Bit Server VM Temurin-17.0.13+11 (build 17.0.13+11, mixed mode, sharing)")],
    );
    prints(
        &mut e,
        "maven:3.9-eclipse-temurin-21",
        &[
            ("mvn -v", "Apache Maven 3.9.9 (8e8579a9e76f7d015ee5ec7bfcdc97d260186937)"),
            ("mvn -v", "Java version: 21.0.5, vendor: Eclipse Adoptium, runtime: /opt/java/openjdk"),
        ],
    );
    prints(
        &mut e,
        "tomcat:10.1",
        &[
            ("catalina.sh version", "Server version: Apache Tomcat/10.1.31"),
            ("java -version", "openjdk version \"21.0.5\" 2024-10-15 LTS"),
        ],
    );
    inspect(
        &mut e,
        "tomcat",
        "{{json .Config.Entrypoint}} {{json .Config.Cmd}} {{.Config.WorkingDir}} {{json .Config.ExposedPorts}}",
        "[\"/__cacert_entrypoint.sh\"] [\"catalina.sh\",\"run\"] /usr/local/tomcat {\"8080/tcp\":{}}",
    );
    inspect(
        &mut e,
        "maven",
        "{{json .Config.Entrypoint}} {{json .Config.Cmd}}",
        "[\"/usr/local/bin/mvn-entrypoint.sh\"] [\"mvn\"]",
    );
    let df = "FROM maven:3.9-eclipse-temurin-21\nWORKDIR /app\nRUN printf '<project><groupId>com.example</groupId><artifactId>demo</artifactId><version>1.0</version></project>' > pom.xml && mvn -B package && test -f target/demo-1.0.jar && test -d /root/.m2/repository && echo built\n";
    let out = build(&mut e, df, "app:latest").unwrap();
    assert!(out.contains("[INFO] BUILD SUCCESS") && out.contains("built"), "{out}");
}

#[test]
fn php_rust_and_distroless() {
    let mut e = engine();
    prints(
        &mut e,
        "php:8.3-cli",
        &[("php -v", "PHP 8.3.13 (cli) (built: Nov  2 2024 00:32:34) (NTS)"), ("php -r 'echo \"hi\\n\";'", "hi")],
    );
    prints(
        &mut e,
        "php:8.3-apache",
        &[("php -v", "Zend Engine v4.3.13, Copyright (c) Zend Technologies"), ("pwd", "/var/www/html")],
    );
    inspect(
        &mut e,
        "php:apache",
        "{{json .Config.Entrypoint}} {{json .Config.Cmd}} {{.Config.StopSignal}}",
        "[\"docker-php-entrypoint\"] [\"apache2-foreground\"] SIGWINCH",
    );
    inspect(&mut e, "php", "{{json .Config.Cmd}}", "[\"php\",\"-a\"]");
    prints(
        &mut e,
        "php:8.3-fpm",
        &[
            ("php-fpm -v", "PHP 8.3.13 (fpm-fcgi) (built: Nov  2 2024 00:32:34)"),
            ("php -v", "PHP 8.3.13 (cli) (built: Nov  2 2024 00:32:34) (NTS)"),
            ("cat /usr/local/etc/php-fpm.d/zz-docker.conf", "listen = 9000"),
            ("pwd", "/var/www/html"),
        ],
    );
    inspect(
        &mut e,
        "php:fpm",
        "{{json .Config.Cmd}} {{.Config.StopSignal}} {{json .Config.ExposedPorts}} {{.Config.WorkingDir}}",
        "[\"php-fpm\"] SIGQUIT {\"9000/tcp\":{}} /var/www/html",
    );
    assert_eq!(layer_count(&mut e, "php:8.3-fpm"), layer_count(&mut e, "php:8.3-cli") + 1);
    prints(
        &mut e,
        "php:8.3-fpm-alpine",
        &[
            ("php-fpm -v", "PHP 8.3.13 (fpm-fcgi) (built: Nov  2 2024 00:32:34)"),
            ("id -u www-data", "82"),
            ("cat /etc/alpine-release", "3.20.3"),
        ],
    );
    prints(&mut e, "php:alpine", &[("php -v", "PHP 8.3.13 (cli) (built: Nov  2 2024 00:32:34) (NTS)")]);
    inspect(
        &mut e,
        "php:fpm-alpine",
        "{{json .Config.Cmd}} {{.Config.StopSignal}} {{len .RootFS.Layers}}",
        "[\"php-fpm\"] SIGQUIT 10",
    );
    for image in ["rust:1.82", "rust:slim", "rust:1.82-alpine"] {
        prints(
            &mut e,
            image,
            &[
                ("rustc --version", "rustc 1.82.0 (f6e511eec 2024-10-15)"),
                ("cargo --version", "cargo 1.82.0 (8f40fc59f 2024-08-21)"),
            ],
        );
    }
    let df = "FROM rust:1.82-slim\nWORKDIR /app\nRUN printf '[package]\\nname = \"hello\"\\nversion = \"0.1.0\"\\n\\n[dependencies]\\nserde = \"1\"\\n' > Cargo.toml && cargo build --release && test -x target/release/hello && test -d /usr/local/cargo/registry && echo built\n";
    let out = build(&mut e, df, "app:latest").unwrap();
    assert!(out.contains("Compiling hello v0.1.0 (/app)") && out.contains("built"), "{out}");
    // Distroless has no shell: a RUN cannot start, but files copied into it are there.
    inspect(&mut e, "gcr.io/distroless/static:nonroot", "{{.Config.User}} {{json .Config.Env}}", "65532 [\"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\",\"SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt\"]");
    let df = "FROM golang:1.23 AS build\nWORKDIR /src\nRUN go mod init app && echo 'package main' > main.go && go build -o /src/app .\nFROM gcr.io/distroless/static\nCOPY --from=build /src/app /app\nENTRYPOINT [\"/app\"]\n";
    build(&mut e, df, "tiny:latest").unwrap();
    let (_, out, _) = run(&mut e, "docker images --format '{{.Size}}' tiny");
    assert!(out.trim().ends_with("MB") && out.trim().trim_end_matches("MB").parse::<f64>().unwrap() < 5.0, "{out}");
    assert!(build(&mut e, "FROM gcr.io/distroless/base\nRUN echo hi\n", "x:latest").is_err());
}

/// The `openjdk` tags tutorials still use (the Debian images of the repository's last
/// 8, 11 and 17 releases).
#[test]
fn openjdk() {
    let mut e = engine();
    for (image, checks) in [
        (
            "openjdk:8",
            &[
                ("java -version", "openjdk version \"1.8.0_342\""),
                ("java -version", "OpenJDK Runtime Environment (build 1.8.0_342-b07)"),
                ("java -version", "OpenJDK 64-Bit Server VM (build 25.342-b07, mixed mode)"),
                ("javac -version", "javac 1.8.0_342"),
            ][..],
        ),
        ("openjdk:8-jre-slim", &[("java -version", "openjdk version \"1.8.0_342\"")][..]),
        (
            "openjdk:11",
            &[
                ("java -version", "openjdk version \"11.0.16\" 2022-07-19"),
                ("java -version", "OpenJDK Runtime Environment 18.9 (build 11.0.16+8)"),
                ("java -version", "OpenJDK 64-Bit Server VM 18.9 (build 11.0.16+8, mixed mode, sharing)"),
                ("javac -version", "javac 11.0.16"),
            ][..],
        ),
        ("openjdk:11-jre", &[("java --version", "openjdk 11.0.16 2022-07-19")][..]),
        (
            "openjdk:17-jdk-slim",
            &[
                ("java -version", "openjdk version \"17.0.2\" 2022-01-18"),
                ("java -version", "OpenJDK Runtime Environment (build 17.0.2+8-86)"),
            ][..],
        ),
        ("openjdk:17-bullseye", &[("javac --version", "javac 17.0.2")][..]),
        (
            "openjdk:8-jdk-alpine",
            &[
                ("java -version", "OpenJDK Runtime Environment (IcedTea 3.12.0) (Alpine 8.212.04-r0)"),
                ("java -version", "OpenJDK 64-Bit Server VM (build 25.212-b04, mixed mode)"),
                ("javac -version", "javac 1.8.0_212"),
                ("cat /etc/alpine-release", "3.9.6"),
            ][..],
        ),
        ("openjdk:8-jre-alpine", &[("java -version", "openjdk version \"1.8.0_212\"")][..]),
    ] {
        prints(&mut e, image, checks);
    }
    inspect(
        &mut e,
        "openjdk:11-jdk-slim",
        "{{json .Config.Env}} {{json .Config.Cmd}}",
        "[\"PATH=/usr/local/openjdk-11/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\",\"JAVA_HOME=/usr/local/openjdk-11\",\"LANG=C.UTF-8\",\"JAVA_VERSION=11.0.16\"] [\"jshell\"]",
    );
    inspect(&mut e, "openjdk:8-jdk-slim", "{{json .Config.Cmd}}", "[\"bash\"]");
    inspect(&mut e, "openjdk:8-jdk-alpine", "{{json .Config.Cmd}} {{len .RootFS.Layers}}", "[\"/bin/sh\"] 3");
    // debian:bullseye-slim's layer, then apt-get, docker-java-home and the JDK.
    assert_eq!(layer_count(&mut e, "openjdk:8-slim"), 4);
    assert_eq!(layer_count(&mut e, "openjdk:17-slim"), 3);
    let (code, out, _) = run(&mut e, "docker history --no-trunc --format '{{.CreatedBy}}' openjdk:8");
    assert_eq!(code, 0);
    assert!(out.contains("ENV JAVA_VERSION=8u342") && out.contains("docker-java-home"), "{out}");
    let (code, _, err) = run(&mut e, "docker run --rm openjdk:8 java --version");
    assert_eq!(code, 1);
    assert!(err.starts_with("Unrecognized option: --version"), "{err}");
}

#[test]
fn mongo_3_2() {
    let mut e = engine();
    prints(
        &mut e,
        "mongo:3.2",
        &[
            ("mongod --version", "db version v3.2.19"),
            ("mongod --version", "    distmod: debian81"),
            ("mongo --version", "MongoDB shell version: 3.2.19"),
            ("readlink /entrypoint.sh", "usr/local/bin/docker-entrypoint.sh"),
            ("id mongodb", "uid=999(mongodb) gid=999(mongodb) groups=999(mongodb)"),
        ],
    );
    inspect(
        &mut e,
        "mongo:3.2.19-jessie",
        "{{json .Config.Entrypoint}} {{json .Config.Cmd}} {{json .Config.ExposedPorts}} {{index .Config.Env 7}}",
        "[\"docker-entrypoint.sh\"] [\"mongod\"] {\"27017/tcp\":{}} MONGO_VERSION=3.2.19",
    );
    assert_eq!(layer_count(&mut e, "mongo:3.2"), 11);
    // The walkthrough's filter: images created after mongo:3.2.
    run(&mut e, "docker pull mongo:8.0");
    let (code, out, err) = run(&mut e, "docker image ls -f since=mongo:3.2 --format '{{.Repository}}:{{.Tag}}'");
    assert_eq!(code, 0, "{err}");
    assert!(out.lines().any(|l| l == "mongo:8.0") && !out.contains("mongo:3.2"), "{out}");
}

#[test]
fn mysql_debian() {
    let mut e = engine();
    prints(
        &mut e,
        "mysql:8.0-debian",
        &[
            ("mysqld --version", "/usr/sbin/mysqld  Ver 8.0.40 for Linux on x86_64 (MySQL Community Server - GPL)"),
            ("mysql --version", "mysql  Ver 8.0.40 for Linux on x86_64 (MySQL Community Server - GPL)"),
            ("id mysql", "uid=999(mysql) gid=999(mysql) groups=999(mysql)"),
            ("cat /etc/debian_version", "12.7"),
        ],
    );
    prints(
        &mut e,
        "mysql:5.7-debian",
        &[
            ("mysqld --version", "mysqld  Ver 5.7.42 for Linux on x86_64 (MySQL Community Server (GPL))"),
            ("mysql --version", "mysql  Ver 14.14 Distrib 5.7.42, for Linux (x86_64) using  EditLine wrapper"),
        ],
    );
    inspect(
        &mut e,
        "mysql:8.0.40-bookworm",
        "{{json .Config.Entrypoint}} {{json .Config.Cmd}} {{json .Config.ExposedPorts}} {{json .Config.Volumes}} {{index .Config.Env 3}}",
        "[\"docker-entrypoint.sh\"] [\"mysqld\"] {\"3306/tcp\":{},\"33060/tcp\":{}} {\"/var/lib/mysql\":{}} MYSQL_VERSION=8.0.40-1debian12",
    );
    assert_eq!(layer_count(&mut e, "mysql:8.0-debian"), 12);
}

#[test]
fn mysql_default_variant() {
    let mut e = engine();
    for (image, version, shell) in
        [("mysql", "9.0.1", "9.0.1"), ("mysql:8.4", "8.4.2", "8.4.1"), ("mysql:8.0", "8.0.40", "8.0.40")]
    {
        let server = format!("/usr/sbin/mysqld  Ver {version} for Linux on x86_64 (MySQL Community Server - GPL)");
        let client = format!("mysql  Ver {version} for Linux on x86_64 (MySQL Community Server - GPL)");
        let sh =
            format!("mysqlsh   Ver {shell} for Linux on x86_64 - for MySQL {shell} (MySQL Community Server (GPL))");
        prints(
            &mut e,
            image,
            &[
                ("mysqld --version", &server),
                ("mysql --version", &client),
                ("mysqlsh --version", &sh),
                ("id mysql", "uid=999(mysql) gid=999(mysql) groups=999(mysql)"),
            ],
        );
    }
    inspect(
        &mut e,
        "mysql:lts",
        "{{json .Config.Entrypoint}} {{json .Config.Cmd}} {{index .Config.Env 3}} {{index .Config.Env 4}}",
        "[\"docker-entrypoint.sh\"] [\"mysqld\"] MYSQL_VERSION=8.4.2-1.el9 MYSQL_SHELL_VERSION=8.4.1-1.el9",
    );
    // One layer of its base, then the Dockerfile's (8.0 keeps the /entrypoint.sh link).
    assert_eq!(layer_count(&mut e, "mysql:8.4-oraclelinux9"), 10);
    assert_eq!(layer_count(&mut e, "mysql:8.0-oracle"), 11);
    assert_eq!(layer_count(&mut e, "mysql:5.7-debian"), 11);
}

#[test]
fn rockylinux_8() {
    // docker-library/repo-info repos/rockylinux/local/8.9.20231119.md (and -minimal).
    let mut e = engine();
    prints(&mut e, "rockylinux:8", &[("dnf --version | head -1", "4.7.0"), ("yum --version | head -1", "4.7.0")]);
    prints(&mut e, "rockylinux:8.9-minimal", &[("microdnf --version", "3.8.0")]);
    prints(
        &mut e,
        "rockylinux:8.9.20231119",
        &[("yum install -y -q httpd >/dev/null; httpd -v", "Server version: Apache/2.4.37 (Rocky Linux)")],
    );
    inspect(&mut e, "rockylinux:8", "{{json .Config.Cmd}} {{.Created}}", "[\"/bin/bash\"] 2023-11-24T18:22:37Z");
    let (_, out, _) = run(&mut e, "docker images --format '{{.Size}}' rockylinux:8");
    assert_eq!(out.trim(), "197MB");
    let (_, out, _) = run(&mut e, "docker images --format '{{.Size}}' rockylinux:8.9-minimal");
    assert_eq!(out.trim(), "93.5MB");
    let (_, out, _) = run(&mut e, "docker history --format '{{.CreatedBy}}' rockylinux:8");
    assert_eq!(out, "CMD [\"/bin/bash\"]\nADD layer.tar.xz / # buildkit\n");
}
