//! Downloads and builds from source inside builds: the redis "seven RUNs vs one RUN"
//! lesson (the seed examples), nginx's `./configure && make && make install`, `ADD <url>`,
//! `git clone`, and `RUN --network=none`.

use layerlab::build::{BuildRequest, Context, Event};
use layerlab::engine::Engine;
use layerlab::image::Image;
use layerlab::vfs::Tree;

const T0: i64 = 1_700_000_000;

fn build(engine: &mut Engine, tag: &str, dockerfile: &str) -> (Result<Image, String>, String) {
    let req = BuildRequest {
        dockerfile: dockerfile.into(),
        context: Context::new(),
        tags: vec![tag.into()],
        ..Default::default()
    };
    let mut job = engine.start_build(req);
    let mut events = Vec::new();
    while !job.is_done() {
        events.extend(engine.build_step(&mut job));
    }
    let log = events.iter().filter_map(Event::log_line).collect::<Vec<_>>().join("\n");
    let res = match job.result().unwrap() {
        Ok(id) => Ok(engine.store.get(id).unwrap().clone()),
        Err(e) => Err(e.to_string()),
    };
    (res, log)
}

fn rootfs(img: &Image) -> Tree {
    Tree::from_layers(img.layers.iter().map(|l| l.layer()))
}

fn size(img: &Image) -> u64 {
    img.layers.iter().map(|l| l.size).sum()
}

/// The seed examples (redis7, redis1) as written: FROM debian:stretch.
const SEVEN_RUNS: &str = "FROM debian:stretch\nRUN apt-get update\nRUN apt-get install -y gcc libc6-dev make wget\nRUN wget -O redis.tar.gz \"http://download.redis.io/releases/redis-5.0.3.tar.gz\"\nRUN mkdir -p /usr/src/redis\nRUN tar -xzf redis.tar.gz -C /usr/src/redis --strip-components=1\nRUN make -C /usr/src/redis\nRUN make -C /usr/src/redis install\n";
const ONE_RUN: &str = "FROM debian:stretch\nRUN buildDeps='gcc libc6-dev make wget' \\\n&& apt-get update \\\n&& apt-get install -y $buildDeps \\\n&& wget -O redis.tar.gz \"http://download.redis.io/releases/redis-5.0.3.tar.gz\" \\\n&& mkdir -p /usr/src/redis \\\n&& tar -xzf redis.tar.gz -C /usr/src/redis --strip-components=1 \\\n&& make -C /usr/src/redis \\\n&& make -C /usr/src/redis install \\\n&& rm -rf /var/lib/apt/lists/* \\\n&& rm redis.tar.gz \\\n&& rm -r /usr/src/redis \\\n&& apt-get purge -y --auto-remove $buildDeps\n";

#[test]
fn redis_seven_runs_and_one_run_both_build_and_teach_the_size_lesson() {
    let mut e = Engine::new(|| T0);
    let (seven, log) = build(&mut e, "redis:seven", SEVEN_RUNS);
    let seven = seven.unwrap_or_else(|err| panic!("{err}\n{log}"));
    assert!(log.contains("Saving to: 'redis.tar.gz'"), "{log}");
    assert!(log.contains("make[1]: Entering directory '/usr/src/redis/src'\n    CC adlist.o\n"), "{log}");
    assert!(log.contains("    LINK redis-server\n    INSTALL redis-sentinel\n"), "{log}");
    let (one, log) = build(&mut e, "redis:one", ONE_RUN);
    let one = one.unwrap_or_else(|err| panic!("{err}\n{log}"));
    assert!(size(&seven) > size(&one) + 20_000_000, "{} vs {}", size(&seven), size(&one));
    let (s, o) = (rootfs(&seven), rootfs(&one));
    // The seven-RUN image keeps the compiler, the package lists, the tarball and the sources.
    for p in ["/usr/bin/gcc", "/redis.tar.gz", "/usr/src/redis/src/server.c", "/usr/src/redis/src/server.o"] {
        assert!(s.get(p).is_some(), "{p} in the seven-RUN image");
    }
    assert!(s.children("/var/lib/apt/lists").count() > 1);
    for p in ["/redis.tar.gz", "/usr/src/redis", "/usr/bin/gcc", "/usr/bin/cpp", "/usr/lib/gcc", "/usr/bin/ld"] {
        assert!(o.get(p).is_none(), "{p} in the one-RUN image");
    }
    // `apt-get purge --auto-remove` takes the compiler's dependencies too: the one-RUN
    // image is the base plus the redis binaries it installed (and dpkg's records).
    let base = size(&e.store.resolve("debian:stretch").unwrap().clone());
    let binaries: u64 = o.subtree("/usr/local/bin").map(|(_, n)| if n.is_file() { n.size() } else { 0 }).sum();
    assert!(size(&one) < base + binaries + 3_000_000, "{} vs {base} + {binaries}", size(&one));
    assert_eq!(o.children("/var/lib/apt/lists").count(), 0);
    // Both run the server they built.
    for tag in ["redis:seven", "redis:one"] {
        let out = e.exec_line(&format!("docker run --rm {tag} redis-server --version"));
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert!(
            out.stdout.starts_with("Redis server v=5.0.3 sha=00000000:0 malloc=jemalloc-5.1.0 bits=64 build="),
            "{}",
            out.stdout
        );
    }
    let out = e.exec_line("docker run --rm redis:one sh -c 'redis-cli --version; ls -l /usr/local/bin/redis-sentinel'");
    assert!(out.stdout.starts_with("redis-cli 5.0.3\nlrwxrwxrwx"), "{}", out.stdout);
    assert!(out.stdout.ends_with("/usr/local/bin/redis-sentinel -> redis-server\n"), "{}", out.stdout);
}

#[test]
fn nginx_configure_make_install() {
    let mut e = Engine::new(|| T0);
    let df = "FROM debian:bookworm\nRUN apt-get update && apt-get install -y gcc libc6-dev make curl zlib1g-dev\nWORKDIR /tmp\nRUN curl -fsSLO https://nginx.org/download/nginx-1.26.2.tar.gz && tar xzf nginx-1.26.2.tar.gz\nWORKDIR /tmp/nginx-1.26.2\nRUN ./configure --prefix=/opt/nginx && make -j2 && make install\n";
    let (img, log) = build(&mut e, "ngx:src", df);
    let img = img.unwrap_or_else(|err| panic!("{err}\n{log}"));
    assert!(log.contains("checking for C compiler ... found\n"), "{log}");
    assert!(log.contains("  nginx binary file: \"/opt/nginx/sbin/nginx\"\n"), "{log}");
    assert!(log.contains("make -f objs/Makefile\nmake[1]: Entering directory '/tmp/nginx-1.26.2'\n"), "{log}");
    let t = rootfs(&img);
    assert!(t.get("/opt/nginx/conf/nginx.conf").is_some());
    assert!(t.get("/opt/nginx/html/index.html").is_some());
    let out = e.exec_line("docker run --rm ngx:src /opt/nginx/sbin/nginx -v");
    assert_eq!((out.code, out.stderr.as_str()), (0, "nginx version: nginx/1.26.2\n"));
    // Without zlib's headers, configure stops as the real one does.
    let df = "FROM debian:bookworm\nRUN apt-get update && apt-get install -y gcc libc6-dev make wget\nRUN wget -q https://nginx.org/download/nginx-1.26.2.tar.gz && tar xzf nginx-1.26.2.tar.gz && cd nginx-1.26.2 && ./configure\n";
    let (img, log) = build(&mut e, "ngx:nozlib", df);
    assert!(img.unwrap_err().contains("returned a non-zero code: 1"));
    assert!(log.contains("./configure: error: the HTTP gzip module requires the zlib library.\n"), "{log}");
}

#[test]
fn downloads_are_deterministic_and_network_none_fails() {
    let df = "FROM alpine:3.20\nADD https://github.com/krallin/tini/releases/download/v0.19.0/tini-static /tini\nRUN wget -q -O /page.html http://example.com/ && chmod +x /tini\n";
    let mut e = Engine::new(|| T0);
    let (a, log) = build(&mut e, "dl:a", df);
    let a = a.unwrap_or_else(|err| panic!("{err}\n{log}"));
    let mut e2 = Engine::new(|| T0);
    let (b, _) = build(&mut e2, "dl:b", df);
    assert_eq!(a.id, b.unwrap().id, "same URLs, same bytes, same image");
    let t = rootfs(&a);
    // ADD <url> writes mode 600; chmod +x makes it 711.
    assert_eq!(t.get("/tini").unwrap().meta.mode, 0o711);
    assert!(t.get("/tini").unwrap().size() > 50_000);
    let (r, log) = build(&mut e, "dl:c", "FROM alpine:3.20\nRUN --network=none wget https://example.com/\n");
    assert!(r.unwrap_err().contains("returned a non-zero code: 1"));
    assert!(log.contains("wget: bad address 'example.com'"), "{log}");
    let (r, log) = build(&mut e, "dl:d", "FROM alpine:3.20\nRUN wget http://nonexistent.invalid/file\n");
    assert!(r.is_err());
    assert!(log.contains("wget: bad address 'nonexistent.invalid'"), "{log}");
    let (r, _) = build(&mut e, "dl:e", "FROM alpine:3.20\nADD http://nonexistent.invalid/x.tgz /x\n");
    assert!(r
        .unwrap_err()
        .contains("Get \"http://nonexistent.invalid/x.tgz\": dial tcp: lookup nonexistent.invalid: no such host"));
    let (r, log) = build(&mut e, "dl:f", "FROM debian:bookworm\nRUN apt-get update && apt-get install -y git\nRUN git clone --depth 1 https://github.com/redis/redis.git /src && ls /src/src/Makefile\n");
    r.unwrap_or_else(|err| panic!("{err}\n{log}"));
    assert!(log.contains("Cloning into '/src'...\n/src/src/Makefile"), "{log}");
}

#[test]
fn go_build_makes_a_static_binary_that_runs() {
    let mut e = Engine::new(|| T0);
    let df = "FROM golang:1.22\nWORKDIR /src\nRUN printf 'module example.com/hello\\n\\ngo 1.22\\n' > go.mod \\\n && printf 'package main\\n\\nimport \"fmt\"\\n\\nfunc main() {\\n\\tfmt.Println(\"hello from go\")\\n}\\n' > main.go\nRUN CGO_ENABLED=0 go build -o /out/app . && go build && go build -ldflags '-s -w' -o small\nRUN /out/app && ./hello\n";
    let (img, log) = build(&mut e, "gohello", df);
    let img = img.unwrap_or_else(|err| panic!("{err}\n{log}"));
    assert!(log.contains("hello from go\nhello from go"), "{log}");
    let t = rootfs(&img);
    let (app, named, small) =
        (t.get("/out/app").unwrap().size(), t.get("/src/hello").unwrap().size(), t.get("/src/small").unwrap().size());
    assert!((1_800_000..3_000_000).contains(&app), "a fmt hello world is about 2 MB: {app}");
    assert_eq!(app, named);
    assert!(small < app * 3 / 4, "-s -w strips: {small} vs {app}");
    let out = e.exec_line("docker run --rm gohello sh -c 'head -c 200 /out/app'");
    assert!(out.stdout.contains("statically linked"), "{}", out.stdout);
    let (r, _) = build(&mut e, "nomod", "FROM golang:1.22\nWORKDIR /x\nRUN go build\n");
    assert!(r.is_err());
}

#[test]
fn npm_run_build_runs_the_package_script() {
    let mut e = Engine::new(|| T0);
    let df = "FROM node:22\nWORKDIR /app\nRUN printf '{\"name\":\"web\",\"version\":\"1.0.0\",\"scripts\":{\"build\":\"mkdir -p dist && echo built > dist/index.html\"}}' > package.json\nRUN npm run build\n";
    let (img, log) = build(&mut e, "webbuild", df);
    let img = img.unwrap_or_else(|err| panic!("{err}\n{log}"));
    assert!(log.contains("> web@1.0.0 build\n> mkdir -p dist && echo built > dist/index.html\n"), "{log}");
    let t = rootfs(&img);
    assert_eq!(t.read("/", "/app/dist/index.html").unwrap().bytes().as_ref(), b"built\n");
    let out = e.exec_line("docker run --rm webbuild npm run lint");
    assert_eq!(out.code, 1);
    assert!(out.stderr.starts_with("npm error Missing script: \"lint\"\n"), "{}", out.stderr);
}

#[test]
fn cargo_and_maven_builds_leave_their_artifacts() {
    let mut e = Engine::new(|| T0);
    let df = "FROM rust:1.82\nWORKDIR /a\nRUN mkdir src && printf '[package]\\nname = \"hello\"\\nversion = \"0.1.0\"\\nedition = \"2021\"\\n' > Cargo.toml \\\n && printf 'fn main() {\\n    println!(\"hi from rust\");\\n}\\n' > src/main.rs\nRUN cargo build --release\nRUN ./target/release/hello\n";
    let (img, log) = build(&mut e, "rusthello", df);
    img.unwrap_or_else(|err| panic!("{err}\n{log}"));
    assert!(log.contains("    Finished `release` profile [optimized] target(s)"), "{log}");
    assert!(log.contains("\nhi from rust"), "{log}");
    let df = "FROM maven:3.9-eclipse-temurin-21\nWORKDIR /m\nRUN mkdir -p src/main/java && printf '<project><modelVersion>4.0.0</modelVersion><groupId>com.example</groupId><artifactId>demo</artifactId><version>1.0-SNAPSHOT</version></project>' > pom.xml\nRUN mvn -q package\n";
    let (img, log) = build(&mut e, "mvnjar", df);
    let img = img.unwrap_or_else(|err| panic!("{err}\n{log}"));
    assert!(rootfs(&img).get("/m/target/demo-1.0-SNAPSHOT.jar").is_some_and(|n| n.is_file()));
}
