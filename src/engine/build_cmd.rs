//! `docker build`.

use super::flags::{switch, value};
use super::spec::{Args, Cmd};
use super::{Engine, Output};
use crate::build::{BuildRequest, Context, Event};
use crate::vfs::NodeKind;

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
    let mut out = Output::default();
    if !p.on("quiet") {
        out.out("DEPRECATED: The legacy builder is deprecated and will be removed in a future release.\n            BuildKit is currently disabled; enable it by removing the DOCKER_BUILDKIT=0\n            environment-variable.\n\n");
        out.line(format!(
            "Sending build context to Docker daemon  {}",
            super::format::human_size4(context_tar_size(&req.context))
        ));
    }
    let mut job = engine.start_build(req);
    while !job.is_done() {
        for ev in engine.build_step(&mut job) {
            match &ev {
                Event::Failed(e) => {
                    out.err_line(e.to_string());
                    out.code = 1;
                }
                Event::Done { image_id, .. } if p.on("quiet") => out.line(image_id),
                // BuildKit's build checks: the legacy builder prints none (they stay in the
                // editor's diagnostics and `lint`).
                Event::Warning(_) => {}
                _ if p.on("quiet") => {}
                _ => {
                    if let Some(l) = ev.log_line() {
                        out.line(l);
                    }
                }
            }
        }
    }
    out
}

/// How many bytes the docker CLI sends for the context: a tar of what `.dockerignore`
/// keeps, with a 512-byte header per file, directory and link, contents padded to 512
/// bytes, and the 1024-byte end marker (Go's `archive/tar`; names over 100 bytes, which
/// take extra PAX headers there, are not counted).
fn context_tar_size(context: &Context) -> u64 {
    let tree = context.to_tree();
    let entries: u64 = tree
        .iter()
        .filter(|(p, _)| p.as_str() != "/")
        .map(|(_, n)| {
            512 + match &n.kind {
                NodeKind::File(c) => c.len().div_ceil(512) * 512,
                _ => 0,
            }
        })
        .sum();
    entries + 1024
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_size_is_the_tar_the_cli_sends() {
        let mut c = Context::new();
        c.add_file("Dockerfile", b"FROM alpine\n".to_vec());
        assert_eq!(context_tar_size(&c), 2048, "Docker prints 2.048kB for a lone Dockerfile");
        c.add_file("src/app.py", vec![b'x'; 513]);
        c.add_file("notes.md", b"x".to_vec());
        c.add_file(".dockerignore", b"*.md\n".to_vec());
        // + src/ (512) + app.py (512 + 1024) + .dockerignore (512 + 512); notes.md ignored.
        assert_eq!(context_tar_size(&c), 2048 + 512 + 1536 + 1024);
    }
}
