//! The engine compiled to wasm32 and run in headless chromium: the same build as natively.

#![cfg(target_arch = "wasm32")]

use layerlab::build::{BuildRequest, Context};
use layerlab::engine::Engine;
use layerlab::vfs::{Change, Tree};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn build(engine: &mut Engine, dockerfile: &str, context: Context) -> Result<String, String> {
    let mut job = engine.start_build(BuildRequest {
        dockerfile: dockerfile.into(),
        context,
        tags: vec!["t".into()],
        ..Default::default()
    });
    while !job.is_done() {
        engine.build_step(&mut job);
    }
    job.result().unwrap().clone().map_err(|e| e.to_string())
}

#[wasm_bindgen_test]
fn builds_layers_with_whiteouts_in_the_browser() {
    let mut e = Engine::new(|| 1_700_000_000);
    let mut ctx = Context::new();
    ctx.add_file("msg.txt", "from the context\n");
    let id = build(
        &mut e,
        "FROM alpine:3.20\nCOPY msg.txt /msg.txt\nRUN cat /msg.txt | tr a-z A-Z > /upper && rm /msg.txt\n",
        ctx,
    )
    .unwrap();
    let img = e.store.get(&id).unwrap().clone();
    let last = img.layers.last().unwrap();
    assert!(matches!(last.layer().get("/msg.txt"), Some(Change::Whiteout)));
    let t = Tree::from_layers(img.layers.iter().map(|l| l.layer()));
    assert_eq!(&t.read("/", "/upper").unwrap().bytes()[..], b"FROM THE CONTEXT\n");
    let out = e.exec(&["images".to_string()]);
    assert!(out.stdout.lines().any(|l| l.starts_with("t ") && l.contains("latest")), "{}", out.stdout);
}

#[wasm_bindgen_test]
fn run_failures_name_the_line_in_the_browser() {
    let mut e = Engine::new(|| 1_700_000_000);
    let err = build(&mut e, "FROM alpine:3.20\nRUN exit 3\n", Context::new()).unwrap_err();
    assert_eq!(err, "Dockerfile:2: The command '/bin/sh -c exit 3' returned a non-zero code: 3");
}
