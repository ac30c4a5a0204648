//! COPY/ADD source forms against Docker's semantics: `.`, `./`, `./sub/`, a directory's
//! contents (not the directory itself), relative destinations under WORKDIR, and
//! `.dockerignore` applied to the whole context.

use layerlab::build::{BuildRequest, Context};
use layerlab::engine::Engine;
use layerlab::image::Image;
use layerlab::vfs::Tree;

fn context() -> Context {
    let mut c = Context::new();
    c.add_file("a.txt", "A");
    c.add_file("sub/b.txt", "B");
    c.add_file("sub/deep/c.txt", "C");
    c.add_file("secret.env", "S");
    c.add_file(".dockerignore", "secret.env\n");
    c
}

fn build(dockerfile: &str) -> Result<Image, String> {
    let mut engine = Engine::new(|| 1_700_000_000);
    let req = BuildRequest {
        dockerfile: dockerfile.into(),
        context: context(),
        tags: vec!["t:latest".into()],
        ..Default::default()
    };
    let mut job = engine.start_build(req);
    while !job.is_done() {
        engine.build_step(&mut job);
    }
    match job.result().unwrap() {
        Ok(id) => Ok(engine.store.get(id).unwrap().clone()),
        Err(e) => Err(e.to_string()),
    }
}

/// The files (not directories) below `dir` in the final image, relative to it.
fn files_under(dockerfile: &str, dir: &str) -> Vec<String> {
    let img = build(dockerfile).unwrap_or_else(|e| panic!("{dockerfile}: {e}"));
    let tree = Tree::from_layers(img.layers.iter().map(|l| l.layer()));
    let prefix = format!("{}/", dir.trim_end_matches('/'));
    tree.iter()
        .filter(|(p, n)| p.starts_with(&prefix) && n.is_file())
        .map(|(p, _)| p[prefix.len()..].to_string())
        .collect()
}

const WHOLE: [&str; 4] = [".dockerignore", "a.txt", "sub/b.txt", "sub/deep/c.txt"];

#[test]
fn copy_dot_copies_the_whole_context_minus_dockerignore() {
    assert_eq!(files_under("FROM scratch\nWORKDIR /w\nCOPY . .\n", "/w"), WHOLE);
    assert_eq!(files_under("FROM scratch\nCOPY . /c\n", "/c"), WHOLE);
    assert_eq!(files_under("FROM scratch\nCOPY ./ /c/\n", "/c"), WHOLE);
    assert_eq!(files_under("FROM scratch\nWORKDIR /w\nCOPY . ./\n", "/w"), WHOLE);
    assert_eq!(files_under("FROM scratch\nWORKDIR /w\nCOPY ./ ./\n", "/w"), WHOLE);
    assert_eq!(files_under("FROM scratch\nADD . /c\n", "/c"), WHOLE);
}

#[test]
fn copy_dot_into_the_root_keeps_names_intact() {
    let got = files_under("FROM scratch\nCOPY . /\n", "");
    assert_eq!(got, WHOLE);
}

#[test]
fn copy_of_a_directory_copies_its_contents() {
    let inner = ["b.txt", "deep/c.txt"];
    assert_eq!(files_under("FROM scratch\nCOPY ./sub/ /x/\n", "/x"), inner);
    assert_eq!(files_under("FROM scratch\nCOPY sub /s\n", "/s"), inner);
    assert_eq!(files_under("FROM scratch\nWORKDIR /w\nCOPY sub/ sub/\n", "/w/sub"), inner);
    assert_eq!(files_under("FROM scratch\nADD ./sub /x\n", "/x"), inner);
    assert_eq!(files_under("FROM scratch\nCOPY ./sub/./deep/.. /y\n", "/y"), inner);
}

#[test]
fn copy_dot_in_a_run_sees_the_files() {
    let img = build("FROM alpine:3.20\nWORKDIR /w\nCOPY . .\nRUN find /w | sort > /list\n").unwrap();
    let tree = Tree::from_layers(img.layers.iter().map(|l| l.layer()));
    let list = String::from_utf8_lossy(&tree.read("/", "/list").unwrap().bytes()).into_owned();
    assert_eq!(list, "/w\n/w/.dockerignore\n/w/a.txt\n/w/sub\n/w/sub/b.txt\n/w/sub/deep\n/w/sub/deep/c.txt\n");
}
