//! Integration tests of the builder: layers, whiteouts, the bloat lessons, cache, build
//! args, multi-stage builds, errors naming Dockerfile lines.

use layerlab::build::{BuildRequest, Context, Event};
use layerlab::engine::Engine;
use layerlab::image::Image;
use layerlab::vfs::{Change, NodeKind, Tree};

const T0: i64 = 1_700_000_000;

fn engine() -> Engine {
    Engine::new(|| T0)
}

/// Builds and returns the final image and every event.
fn build_with(
    engine: &mut Engine,
    dockerfile: &str,
    context: Context,
    args: &[(&str, &str)],
) -> (Result<Image, String>, Vec<Event>) {
    let req = BuildRequest {
        dockerfile: dockerfile.into(),
        context,
        tags: vec!["test:latest".into()],
        build_args: args.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
        ..Default::default()
    };
    let mut job = engine.start_build(req);
    let mut events = Vec::new();
    while !job.is_done() {
        events.extend(engine.build_step(&mut job));
    }
    let res = match job.result().unwrap() {
        Ok(id) => Ok(engine.store.get(id).unwrap().clone()),
        Err(e) => Err(e.to_string()),
    };
    (res, events)
}

fn build(dockerfile: &str) -> (Result<Image, String>, Vec<Event>) {
    build_with(&mut engine(), dockerfile, Context::new(), &[])
}

fn rootfs(img: &Image) -> Tree {
    Tree::from_layers(img.layers.iter().map(|l| l.layer()))
}

fn read(t: &Tree, p: &str) -> String {
    String::from_utf8_lossy(&t.read("/", p).unwrap().bytes()).into_owned()
}

fn log(events: &[Event]) -> String {
    events.iter().filter_map(Event::log_line).collect::<Vec<_>>().join("\n")
}

#[test]
fn layers_and_empty_layers_follow_the_instructions() {
    let (img, events) = build("FROM alpine:3.20\nENV GREETING=hello\nRUN echo \"$GREETING world\" > /hello.txt\nWORKDIR /app\nCMD [\"cat\", \"/hello.txt\"]\n");
    let img = img.unwrap();
    let base_layers = 1;
    assert_eq!(img.layers.len(), base_layers + 2, "RUN and WORKDIR add layers");
    let own: Vec<_> = img.config.history.iter().rev().take(4).rev().collect();
    assert_eq!(own.iter().map(|h| h.empty_layer).collect::<Vec<_>>(), vec![true, false, false, true]);
    assert_eq!(own[0].created_by.as_deref(), Some("/bin/sh -c #(nop)  ENV GREETING=hello"));
    assert_eq!(own[1].created_by.as_deref(), Some("/bin/sh -c echo \"$GREETING world\" > /hello.txt"));
    assert_eq!(own[3].created_by.as_deref(), Some("/bin/sh -c #(nop)  CMD [\"cat\",\"/hello.txt\"]"));
    assert_eq!(read(&rootfs(&img), "/hello.txt"), "hello world\n");
    assert_eq!(img.config.config.working_dir, "/app");
    assert_eq!(img.config.config.cmd, Some(vec!["cat".to_string(), "/hello.txt".to_string()]));
    let text = log(&events);
    assert!(text.contains("Step 1/5 : FROM alpine:3.20"), "{text}");
    assert!(text.contains("Step 3/5 : RUN echo \"$GREETING world\" > /hello.txt"), "{text}");
    assert!(text.contains("Successfully tagged test:latest"), "{text}");
}

#[test]
fn deleting_in_a_later_layer_writes_a_whiteout_and_does_not_shrink_the_image() {
    let (img, _) = build("FROM alpine:3.20\nRUN dd if=/dev/zero of=/big bs=1024 count=2048 2>/dev/null || head -c 2097152 /dev/zero > /big\nRUN rm /big\n");
    let img = img.unwrap();
    let n = img.layers.len();
    let last = &img.layers[n - 1];
    assert!(matches!(last.layer().get("/big"), Some(Change::Whiteout)));
    assert_eq!(last.size, 0);
    assert!(img.layers[n - 2].size >= 2_097_152);
    assert!(rootfs(&img).get("/big").is_none());
}

#[test]
fn apt_lists_removed_in_the_same_run_keep_the_layer_small() {
    let (separate, _) =
        build("FROM debian:bookworm\nRUN apt-get update && apt-get install -y curl\nRUN rm -rf /var/lib/apt/lists/*\n");
    let (same, _) =
        build("FROM debian:bookworm\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n");
    let separate = separate.unwrap();
    let same = same.unwrap();
    let install_sep = &separate.layers[separate.layers.len() - 2];
    let install_same = same.layers.last().unwrap();
    assert!(install_sep.size > install_same.size + 5_000_000, "{} vs {}", install_sep.size, install_same.size);
    assert!(separate.size() > same.size());
    let lists_layer = separate.layers.last().unwrap();
    assert!(lists_layer
        .layer()
        .entries()
        .any(|(p, c)| p.starts_with("/var/lib/apt/lists/") && matches!(c, Change::Whiteout)));
}

#[test]
fn rebuild_uses_the_cache_until_the_context_changes() {
    let mut e = engine();
    let df = "FROM alpine:3.20\nCOPY app.txt /app/\nRUN cat /app/app.txt > /copy.txt\n";
    let mut ctx = Context::new();
    ctx.add_file("app.txt", "v1\n");
    let (first, ev1) = build_with(&mut e, df, ctx.clone(), &[]);
    let (second, ev2) = build_with(&mut e, df, ctx, &[]);
    assert_eq!(first.unwrap().id, second.unwrap().id);
    assert!(!log(&ev1).contains("Using cache"));
    assert_eq!(log(&ev2).matches(" ---> Using cache").count(), 2);
    let mut changed = Context::new();
    changed.add_file("app.txt", "v2\n");
    let (third, ev3) = build_with(&mut e, df, changed, &[]);
    assert_eq!(log(&ev3).matches(" ---> Using cache").count(), 0);
    assert_eq!(read(&rootfs(&third.unwrap()), "/copy.txt"), "v2\n");
}

#[test]
fn build_args_override_defaults_and_reach_run() {
    let df = "FROM alpine:3.20\nARG VERSION=1.0\nRUN echo \"v=$VERSION\" > /version\n";
    let (img, _) = build_with(&mut engine(), df, Context::new(), &[("VERSION", "2.5")]);
    let img = img.unwrap();
    assert_eq!(read(&rootfs(&img), "/version"), "v=2.5\n");
    let run = img.config.history.last().unwrap().created_by.clone().unwrap();
    assert_eq!(run, "|1 VERSION=2.5 /bin/sh -c echo \"v=$VERSION\" > /version");
    assert!(!img.config.config.env.iter().any(|e| e.starts_with("VERSION=")));
}

#[test]
fn multi_stage_copy_from_takes_only_the_artifact() {
    let df = "FROM alpine:3.20 AS builder\nRUN mkdir /out && echo built > /out/app && head -c 3000000 /dev/zero > /junk\n\nFROM alpine:3.20\nCOPY --from=builder /out/app /usr/local/bin/app\n";
    let (img, _) = build(df);
    let img = img.unwrap();
    let t = rootfs(&img);
    assert_eq!(read(&t, "/usr/local/bin/app"), "built\n");
    assert!(t.get("/junk").is_none());
    assert!(img.layers.last().unwrap().size < 100);
}

#[test]
fn copy_honours_dockerignore_chown_and_chmod() {
    let mut ctx = Context::new();
    ctx.add_file("src/main.py", "print('hi')\n");
    ctx.add_file("src/debug.log", "noise\n");
    ctx.add_file(".dockerignore", "**/*.log\n");
    let df = "FROM alpine:3.20\nCOPY --chown=1000:1000 --chmod=0750 src/ /app/\n";
    let (img, _) = build_with(&mut engine(), df, ctx, &[]);
    let t = rootfs(&img.unwrap());
    let n = t.get("/app/main.py").unwrap();
    assert_eq!((n.meta.uid, n.meta.gid, n.meta.mode), (1000, 1000, 0o750));
    assert!(t.get("/app/debug.log").is_none());
}

#[test]
fn failing_run_names_the_line_and_exit_code() {
    let (img, events) = build("FROM alpine:3.20\n\nRUN echo before && false\n");
    let err = img.unwrap_err();
    assert_eq!(err, "Dockerfile:3: The command '/bin/sh -c echo before && false' returned a non-zero code: 1");
    assert!(events.iter().any(|e| matches!(e, Event::Output(l) if l == "before")));
}

#[test]
fn pipes_and_set_e_behave_like_sh() {
    let (img, _) =
        build("FROM alpine:3.20\nRUN printf 'b\\na\\nb\\n' | sort | uniq -c | awk '{print $2\"=\"$1}' > /counts\n");
    assert_eq!(read(&rootfs(&img.unwrap()), "/counts"), "a=1\nb=2\n");
    let (img, _) = build("FROM alpine:3.20\nRUN set -e; false; echo unreachable > /x\n");
    assert!(img.unwrap_err().contains("returned a non-zero code: 1"));
}

#[test]
fn endless_loops_stop_with_a_budget_error() {
    let (img, _) = build("FROM alpine:3.20\nRUN while true; do :; done\n");
    let err = img.unwrap_err();
    assert!(err.starts_with("Dockerfile:2: "), "{err}");
    assert!(err.contains("budget"), "{err}");
}

#[test]
fn run_on_scratch_fails_like_runc() {
    let (img, _) = build("FROM scratch\nRUN echo hi\n");
    let err = img.unwrap_err();
    assert!(err.contains("exec: \"/bin/sh\": stat /bin/sh: no such file or directory"), "{err}");
}

#[test]
fn unknown_base_image_is_an_offline_error() {
    let (img, _) = build("FROM nosuchimage:1\n");
    let err = img.unwrap_err();
    assert!(err.starts_with("Dockerfile:1: pull access denied for nosuchimage"), "{err}");
}

#[test]
fn same_input_and_clock_give_the_same_image_id() {
    let df = "FROM alpine:3.20\nRUN echo hi > /x\nCMD [\"sh\"]\n";
    let (a, _) = build(df);
    let (b, _) = build(df);
    assert_eq!(a.unwrap().id, b.unwrap().id);
}

#[test]
fn parse_errors_fail_the_build_with_the_line() {
    let (img, _) = build("FROM alpine\nRUNN echo\n");
    assert!(img.unwrap_err().starts_with("Dockerfile:2"));
}

#[test]
fn symlinks_and_files_from_the_base_image_are_visible() {
    let (img, _) = build("FROM alpine:3.20\nRUN ln -s /etc/os-release /rel && cat /rel | grep -q Alpine\n");
    let t = rootfs(&img.unwrap());
    assert!(matches!(&t.get("/rel").unwrap().kind, NodeKind::Symlink(s) if s == "/etc/os-release"));
}

#[test]
fn onbuild_triggers_run_in_the_child_build_and_are_not_inherited() {
    let mut e = engine();
    let mut ctx = Context::new();
    ctx.add_file("app.txt", "payload\n");
    let (base, _) = build_with(
        &mut e,
        "FROM alpine:3.20\nONBUILD COPY app.txt /app/\nONBUILD RUN wc -c < /app/app.txt > /app/size\n",
        ctx.clone(),
        &[],
    );
    assert_eq!(
        base.unwrap().config.config.on_build,
        vec!["COPY app.txt /app/".to_string(), "RUN wc -c < /app/app.txt > /app/size".to_string()]
    );
    let (child, events) = build_with(&mut e, "FROM test:latest\nCMD [\"cat\", \"/app/size\"]\n", ctx, &[]);
    let child = child.unwrap();
    assert!(log(&events).contains("# Executing 2 build triggers"), "{}", log(&events));
    let t = rootfs(&child);
    assert_eq!(read(&t, "/app/app.txt"), "payload\n");
    assert_eq!(read(&t, "/app/size").trim(), "8");
    assert!(child.config.config.on_build.is_empty());
}

#[test]
fn more_than_127_layers_is_an_error_naming_the_line() {
    let mut df = String::from("FROM scratch\n");
    for i in 0..128 {
        df.push_str(&format!("COPY f /f{i}\n"));
    }
    let mut ctx = Context::new();
    ctx.add_file("f", "x");
    let (img, _) = build_with(&mut engine(), &df, ctx, &[]);
    let err = img.unwrap_err();
    assert!(err.starts_with("Dockerfile:129: failed to register layer: max depth exceeded"), "{err}");
}

/// `docker commit --change` and the builder go through one dispatch: the same instructions
/// give the same configuration (WORKDIR resolved against the previous one, `$VAR`s
/// expanded from ENV, shell forms through the image's shell, ENTRYPOINT dropping the
/// inherited CMD).
#[test]
fn commit_change_and_the_builder_give_the_same_config() {
    let changes = [
        "ENV A=1 B=two",
        "WORKDIR /app",
        "WORKDIR src",
        "ENV C=$A-x",
        "USER 1000:1000",
        "EXPOSE 80 53/UDP",
        "LABEL k=v",
        "VOLUME /data",
        "STOPSIGNAL SIGINT",
        "HEALTHCHECK --interval=5s --retries=2 CMD true",
        "ENTRYPOINT [\"/bin/sh\"]",
        "ONBUILD RUN echo child",
    ];
    let mut e = engine();
    let (built, _) = build_with(&mut e, &format!("FROM busybox\n{}\n", changes.join("\n")), Context::new(), &[]);
    let built = built.unwrap().config.config;

    let out = e.exec_line("docker create --name box busybox");
    assert_eq!(out.code, 0, "{}", out.stderr);
    let line = changes.iter().map(|c| format!("--change '{c}'")).collect::<Vec<_>>().join(" ");
    let out = e.exec_line(&format!("docker commit {line} box committed"));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let committed = e.store.resolve("committed").unwrap().config.config.clone();
    assert_eq!(committed, built);
    assert_eq!(built.working_dir, "/app/src");
    assert!(built.env.contains(&"C=1-x".to_string()), "{:?}", built.env);
    assert_eq!(built.cmd, None, "ENTRYPOINT drops busybox's inherited CMD");

    let out = e.exec_line("docker commit --change 'WORKDIR /x' --change 'RUN true' box other");
    assert_eq!((out.code, out.stderr.trim()), (1, "Error response from daemon: run is not a valid change command"));
}

/// A file written again with the same bytes, or touched, is copied up into the new layer
/// (overlayfs copies a file up when it is opened for writing); the next step starts clean.
#[test]
fn rewriting_a_file_with_the_same_bytes_puts_it_in_the_layer() {
    let (img, _) = build("FROM busybox\nRUN echo same > /f && touch /g\nRUN echo same > /f\nRUN touch /g\nRUN true\n");
    let img = img.unwrap();
    let n = img.layers.len();
    let paths = |i: usize| img.layers[i].layer().entries().map(|(p, _)| p.clone()).collect::<Vec<_>>();
    assert_eq!(paths(n - 4), vec!["/f", "/g"]);
    assert_eq!(paths(n - 3), vec!["/f"], "echo same > /f rewrites /f");
    assert_eq!(paths(n - 2), vec!["/g"], "touch /g copies /g up");
    assert!(paths(n - 1).is_empty(), "a step that writes nothing has an empty layer");
}
