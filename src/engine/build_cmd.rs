//! `docker build`.

use super::flags::{switch, value};
use super::spec::{Args, Cmd};
use super::{Engine, Output};
use crate::build::{BuildRequest, Event};

/// `docker build`.
pub const BUILD: Cmd = Cmd {
    path: "docker build",
    usage: "[OPTIONS] PATH | URL | -",
    short: "Build an image from a Dockerfile",
    aliases: "docker image build, docker build, docker builder build",
    flags: &[
        value("tag", Some('t')).doc("list", "Name and optionally a tag in the \"name:tag\" format"),
        value("file", Some('f')).doc("string", "Name of the Dockerfile (Default is \"PATH/Dockerfile\")"),
        value("build-arg", None).doc("list", "Set build-time variables"),
        switch("no-cache", None).about("Do not use cache when building the image"),
        value("target", None).doc("string", "Set the target build stage to build."),
        switch("quiet", Some('q')).about("Suppress the build output and print image ID on success"),
        switch("rm", None).about("Remove intermediate containers after a successful build (default true)"),
        switch("pull", None).about("Always attempt to pull a newer version of the image"),
        value("platform", None).doc("string", "Set platform if server is multi-platform capable"),
        value("progress", None).doc("string", "Set type of progress output"),
    ],
    args: Args::Exact(1),
    interspersed: true,
};

/// `docker build [OPTIONS] PATH`: runs the whole build and returns its classic log.
pub fn build(engine: &mut Engine, cmd: &Cmd, args: &[String]) -> Output {
    let p = match cmd.parse(args) {
        Ok(p) => p,
        Err(o) => return o,
    };
    let (dockerfile, context) = match engine.host().load_context(&p.args[0], p.get("file")) {
        Ok(v) => v,
        Err(e) => return Output::fail(1, e),
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
