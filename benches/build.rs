//! Build benchmark: a multi-step Dockerfile on alpine and on debian built from scratch
//! (a fresh engine, so no cache) through layerlab's engine; absolute times only, as there
//! is no native builder to compare with offline. Run with `cargo bench --bench build`.

mod common;

use common::{measure, ms, reps};
use layerlab::build::{BuildRequest, Context};
use layerlab::engine::Engine;

const ALPINE: &str = r#"FROM alpine:3.20
ENV APP_HOME=/app
RUN apk add --no-cache curl
WORKDIR /app
COPY app/ /app/
RUN for i in $(seq 1 500); do echo "line $i" >> /app/log.txt; done && sort -r /app/log.txt | head -n 100 > /app/top.txt
RUN adduser -D appuser && chown -R appuser /app
USER appuser
CMD ["sh", "/app/run.sh"]
"#;

const DEBIAN: &str = r#"FROM debian:bookworm
ENV DEBIAN_FRONTEND=noninteractive
RUN apt-get update && apt-get install -y --no-install-recommends curl ca-certificates && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY app/ /app/
RUN for i in $(seq 1 500); do echo "line $i" >> /app/log.txt; done && sort -r /app/log.txt | head -n 100 > /app/top.txt
RUN useradd -m appuser && chown -R appuser /app
USER appuser
CMD ["sh", "/app/run.sh"]
"#;

fn context() -> Context {
    let mut ctx = Context::new();
    ctx.add_file_mode("app/run.sh", "#!/bin/sh\necho running\n", 0o755);
    for i in 0..50 {
        ctx.add_file(&format!("app/data/file{i:02}.txt"), format!("data {i}\n").repeat(200));
    }
    ctx
}

/// Builds once with a fresh engine; panics with the error if the build fails.
fn build(dockerfile: &str) {
    let mut engine = Engine::new(|| 1_700_000_000);
    let req = BuildRequest {
        dockerfile: dockerfile.into(),
        context: context(),
        tags: vec!["bench:latest".into()],
        ..Default::default()
    };
    let mut job = engine.start_build(req);
    while !job.is_done() {
        engine.build_step(&mut job);
    }
    if let Some(Err(e)) = job.result() {
        panic!("the benchmark build failed: {e}");
    }
}

fn main() {
    let n = reps(5);
    println!("\n== build: full builds through the engine, no cache ({n} repetitions)");
    println!("{:<34} {:>14} {:>14}", "case", "min", "median");
    for (name, df) in [("alpine:3.20, 9 instructions", ALPINE), ("debian:bookworm, 9 instructions", DEBIAN)] {
        let s = measure(n, || build(df));
        println!("{:<34} {:>14} {:>14}", name, ms(s.min), ms(s.median));
    }
}
