//! `docker build`.

use super::flags::{self, switch, value};
use super::{Engine, Output};
use crate::build::{BuildRequest, Event};

const SPECS: &[flags::FlagSpec] = &[
    value("tag", Some('t')),
    value("file", Some('f')),
    value("build-arg", None),
    switch("no-cache", None),
    value("target", None),
    switch("quiet", Some('q')),
    switch("rm", None),
    switch("pull", None),
    value("platform", None),
    value("progress", None),
];

/// `docker build [OPTIONS] PATH`: runs the whole build and returns its classic log.
pub fn build(engine: &mut Engine, args: &[String]) -> Output {
    let p = match flags::parse(args, SPECS, true) {
        Ok(p) => p,
        Err(e) => return Output::usage("build", &e),
    };
    if p.args.len() != 1 {
        return Output::usage("build", "\"docker build\" requires exactly 1 argument.\n\nUsage:  docker build [OPTIONS] PATH | URL | -\n\nBuild an image from a Dockerfile");
    }
    let (dockerfile, context) = match engine.context.load(&p.args[0], p.get("file")) {
        Ok(v) => v,
        Err(e) => return Output::fail(1, format!("ERROR: {e}")),
    };
    let build_args = p
        .all("build-arg")
        .iter()
        .map(|kv| match kv.split_once('=') {
            Some((k, v)) => (k.to_string(), v.to_string()),
            None => (kv.to_string(), String::new()),
        })
        .collect();
    let req = BuildRequest {
        dockerfile,
        context,
        tags: p.all("tag").iter().map(|s| s.to_string()).collect(),
        build_args,
        no_cache: p.on("no-cache"),
        target: p.get("target").map(String::from),
    };
    let mut job = engine.start_build(req);
    let mut out = Output::default();
    if !p.on("quiet") {
        out.stdout.push_str("DEPRECATED: The legacy builder is deprecated and will be removed in a future release.\n            BuildKit is currently disabled; enable it by removing the DOCKER_BUILDKIT=0\n            environment-variable.\n\n");
    }
    while !job.is_done() {
        for ev in engine.build_step(&mut job) {
            match &ev {
                Event::Failed(e) => {
                    out.stderr.push_str(&format!("{e}\n"));
                    out.code = 1;
                }
                Event::Done { image_id, .. } if p.on("quiet") => out.stdout.push_str(&format!("{image_id}\n")),
                _ if p.on("quiet") => {}
                _ => {
                    if let Some(l) = ev.log_line() {
                        out.stdout.push_str(&l);
                        out.stdout.push('\n');
                    }
                }
            }
        }
    }
    out
}
