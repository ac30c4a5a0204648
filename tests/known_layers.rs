//! The recorded digests of catalogue layers (`src/image/known_layers.txt`) are the digests
//! of the tars those layers write: every line is recomputed from its image. Run with
//! `LAYERLAB_BLESS=1` to rewrite the file for the images listed in `RECORD`.

use layerlab::catalog::images::lookup;
use layerlab::image::known_layers::{fingerprint, RECORDED};
use layerlab::image::layer::write_layer_tar;
use layerlab::util::digest::HashWriter;

/// The images whose layers are recorded: the page's examples and lessons, the seed
/// examples, and the images tutorials start from.
const RECORD: &[&str] = &[
    "busybox:1.37",
    "alpine:3.20",
    "alpine:3.21",
    "alpine:3.6",
    "debian:bookworm",
    "debian:bookworm-slim",
    "debian:stretch",
    "ubuntu:24.04",
    "ubuntu:22.04",
    "ubuntu:18.04",
    "centos:centos6",
    "centos:centos7",
    "hello-world:latest",
    "nginx:latest",
    "redis:latest",
    "python:3.12-slim",
    "node:20-alpine",
];

/// `reference index fingerprint diff_id tar_size` for each layer of `reference`.
fn lines_of(reference: &str) -> Vec<String> {
    let img =
        lookup(reference).unwrap_or_else(|e| panic!("data/{e}")).unwrap_or_else(|| panic!("{reference} is catalogued"));
    img.layers
        .iter()
        .enumerate()
        .map(|(i, layer)| {
            let (_, diff_id, size) = write_layer_tar(layer, HashWriter::new(std::io::sink())).unwrap().finish();
            format!("{reference} {i} {} {diff_id} {size}", fingerprint(layer))
        })
        .collect()
}

#[test]
fn recorded_layer_digests_are_current() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/image/known_layers.txt");
    if std::env::var_os("LAYERLAB_BLESS").is_some() {
        let all: Vec<String> = RECORD.iter().flat_map(|r| lines_of(r)).collect();
        std::fs::write(path, all.join("\n") + "\n").unwrap();
        return;
    }
    let recorded: Vec<&str> = RECORDED.lines().collect();
    let mut references: Vec<&str> = recorded.iter().filter_map(|l| l.split(' ').next()).collect();
    references.dedup();
    assert_eq!(references, RECORD, "the recorded images differ from RECORD: run with LAYERLAB_BLESS=1");
    let current: Vec<String> = RECORD.iter().flat_map(|r| lines_of(r)).collect();
    for (want, got) in current.iter().zip(&recorded) {
        assert_eq!(got, want, "src/image/known_layers.txt is stale: run this test with LAYERLAB_BLESS=1");
    }
    assert_eq!(current.len(), recorded.len(), "layer count changed: run with LAYERLAB_BLESS=1");
}
