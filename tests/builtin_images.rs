//! Facts about the built-in base images and the simulated package managers.

use layerlab::image::builtin::{catalogue, lookup};
use layerlab::vfs::Tree;

fn tree(reference: &str) -> Tree {
    Tree::from_layers(&lookup(reference).unwrap_or_else(|| panic!("{reference} is built in")).layers)
}

#[test]
fn alpine_is_about_7_8_mb() {
    for r in ["alpine", "alpine:3.19", "alpine:3.20", "alpine:3.21"] {
        let size = tree(r).content_size() as f64;
        assert!((size - 7.8e6).abs() / 7.8e6 < 0.10, "{r}: {size}");
    }
}

#[test]
fn references_resolve() {
    let img = lookup("docker.io/library/alpine:3.20").unwrap();
    assert_eq!((img.name.as_str(), img.tag.as_str()), ("alpine", "3.20"));
    assert_eq!(img.architecture, "amd64");
    assert_eq!(img.os, "linux");
    assert_eq!(img.config.cmd, Some(vec!["/bin/sh".to_string()]));
    assert!(img.config.env.contains(&"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin".to_string()));
    assert_eq!(img.history.last().unwrap().created_by.as_deref(), Some("CMD [\"/bin/sh\"]"));
    assert!(img.history.last().unwrap().empty_layer);
    assert_eq!(img.history.iter().filter(|h| !h.empty_layer).count(), img.layers.len());
    assert_eq!(lookup("library/alpine:latest").unwrap().created, lookup("alpine:3.20").unwrap().created);
    assert!(lookup("alpine:9.99").is_none());
    assert!(lookup("quay.io/alpine").is_none());
    assert_eq!(lookup("ubuntu").unwrap().config.cmd, Some(vec!["/bin/bash".to_string()]));
    let names: Vec<String> = catalogue().into_iter().map(|(n, _)| n).collect();
    assert_eq!(names, vec!["alpine", "busybox", "debian", "ubuntu"]);
}

#[test]
fn sh_is_busybox_on_alpine_and_dash_on_debian() {
    assert_eq!(tree("alpine").resolve("/", "/bin/sh", true).unwrap(), "/bin/busybox");
    assert_eq!(tree("debian").resolve("/", "/bin/sh", true).unwrap(), "/usr/bin/dash");
    assert_eq!(tree("ubuntu:22.04").resolve("/", "/bin/sh", true).unwrap(), "/usr/bin/dash");
    let bb = tree("busybox");
    assert_eq!(bb.get("/bin/sh").unwrap().ino, bb.get("/bin/busybox").unwrap().ino);
}

#[test]
fn debian_sizes() {
    let full = tree("debian:bookworm").content_size() as f64 / 1e6;
    let slim = tree("debian:bookworm-slim").content_size() as f64 / 1e6;
    let noble = tree("ubuntu:24.04").content_size() as f64 / 1e6;
    assert!((110.0..124.0).contains(&full), "{full}");
    assert!((70.0..79.0).contains(&slim), "{slim}");
    assert!((74.0..82.0).contains(&noble), "{noble}");
}
