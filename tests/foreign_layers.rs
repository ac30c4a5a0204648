//! Layers made by other tools keep their bytes: an archive whose layer tar is not what
//! layerlab would write for the same files (`./` names, GNU headers, owner names, PAX
//! records) loads through the engine, keeps its diff_id and image ID, runs, and `save`
//! writes the very same layer bytes back. Needs no external tool (see `real_archives.rs`
//! for buildah and skopeo).

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use layerlab::build::Context;
use layerlab::engine::{Engine, Host};
use layerlab::util::digest::sha256_digest;

/// Files in memory, shared with the test.
#[derive(Clone, Default)]
struct MemHost(Rc<RefCell<HashMap<String, Vec<u8>>>>);

impl Host for MemHost {
    fn load_context(&self, path: &str, _dockerfile: Option<&str>) -> Result<(String, Context), String> {
        Err(format!("no context {path}"))
    }

    fn read_file(&self, path: &str) -> Result<Vec<u8>, String> {
        self.0.borrow().get(path).cloned().ok_or_else(|| format!("open {path}: no such file or directory"))
    }

    fn write_file(&mut self, path: &str, bytes: &[u8]) -> Result<(), String> {
        self.0.borrow_mut().insert(path.to_string(), bytes.to_vec());
        Ok(())
    }

    fn stdout_is_terminal(&self) -> bool {
        false
    }
}

/// A layer tar as another tool writes it: `./` names, GNU headers, owner names, mtimes.
fn foreign_layer() -> Vec<u8> {
    let mut b = tar::Builder::new(Vec::new());
    let mut add = |name: &str, kind: tar::EntryType, mode: u32, data: &[u8]| {
        let mut h = tar::Header::new_gnu();
        h.set_entry_type(kind);
        h.set_mode(mode);
        h.set_uid(0);
        h.set_gid(0);
        h.set_username("root").unwrap();
        h.set_groupname("root").unwrap();
        h.set_mtime(1_700_000_123);
        h.set_size(data.len() as u64);
        h.set_cksum();
        b.append_data(&mut h, name, data).unwrap();
    };
    add("./", tar::EntryType::Directory, 0o755, b"");
    add("./bin/", tar::EntryType::Directory, 0o755, b"");
    add("./hello.txt", tar::EntryType::Regular, 0o644, b"hello from elsewhere\n");
    add("./bin/tool", tar::EntryType::Regular, 0o755, b"#!/bin/sh\necho tool\n");
    b.into_inner().unwrap()
}

/// A docker-archive holding one image with `layer` (kept plain, as `docker save` did).
fn archive(layer: &[u8]) -> (Vec<u8>, String) {
    let diff_id = sha256_digest(layer);
    let config = format!(
        r#"{{"architecture":"amd64","os":"linux","config":{{"Cmd":["cat","/hello.txt"]}},"created":"2024-01-02T03:04:05Z","history":[{{"created":"2024-01-02T03:04:05Z","created_by":"other tool"}}],"rootfs":{{"type":"layers","diff_ids":["{diff_id}"]}}}}"#
    );
    let id = sha256_digest(config.as_bytes());
    let manifest = format!(r#"[{{"Config":"{}.json","RepoTags":["foreign:1"],"Layers":["abc/layer.tar"]}}]"#, &id[7..]);
    let mut b = tar::Builder::new(Vec::new());
    for (name, data) in [
        ("abc/layer.tar", layer),
        (&format!("{}.json", &id[7..])[..], config.as_bytes()),
        ("manifest.json", manifest.as_bytes()),
    ] {
        let mut h = tar::Header::new_ustar();
        h.set_mode(0o644);
        h.set_size(data.len() as u64);
        h.set_cksum();
        b.append_data(&mut h, name, data).unwrap();
    }
    (b.into_inner().unwrap(), id)
}

/// The size of the regular file at `path` in the image's filesystem.
fn file_size(img: &layerlab::image::Image, path: &str) -> Option<u64> {
    let tree = layerlab::vfs::Tree::from_layers(img.layers.iter().map(|l| l.layer()));
    tree.get(path).filter(|n| n.is_file()).map(|n| n.size())
}

fn exec(e: &mut Engine, args: &[&str]) -> String {
    let out = e.exec(&args.iter().map(|s| s.to_string()).collect::<Vec<_>>());
    assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
    out.stdout
}

#[test]
fn a_foreign_layer_keeps_its_bytes_digests_and_image_id() {
    let layer = foreign_layer();
    let (tar, id) = archive(&layer);
    let host = MemHost::default();
    host.0.borrow_mut().insert("in.tar".into(), tar);
    let mut e = Engine::new(|| 1_800_000_000);
    e.set_host(host.clone());
    assert_eq!(exec(&mut e, &["load", "-i", "in.tar"]), "Loaded image: foreign:1\n");
    let img = e.store.resolve("foreign:1").unwrap();
    assert_eq!(img.id, id);
    // layerlab's own serialisation of these files differs: the diff_id is the one read.
    assert_ne!(layerlab::oci::diff_id(img.layers[0].layer()), sha256_digest(&layer));
    assert_eq!(img.layers[0].diff_id, sha256_digest(&layer));
    assert_eq!(file_size(img, "/hello.txt"), Some(21));

    exec(&mut e, &["save", "-o", "out.tar", "foreign:1"]);
    let out = host.0.borrow()["out.tar"].clone();
    let mut found = false;
    let mut a = tar::Archive::new(&out[..]);
    for entry in a.entries().unwrap() {
        let mut entry = entry.unwrap();
        let mut data = Vec::new();
        std::io::Read::read_to_end(&mut entry, &mut data).unwrap();
        found |= data == layer;
    }
    assert!(found, "the saved archive does not hold the layer's original bytes");

    // Loaded again (into a fresh engine), nothing changed.
    let mut again = Engine::new(|| 1_800_000_000);
    let host2 = MemHost::default();
    host2.0.borrow_mut().insert("in.tar".into(), out);
    again.set_host(host2);
    exec(&mut again, &["load", "-i", "in.tar"]);
    let img2 = again.store.resolve("foreign:1").unwrap();
    assert_eq!(img2.id, id);
    assert_eq!(img2.layers[0].diff_id, sha256_digest(&layer));
}

#[test]
fn an_imported_tarball_keeps_its_bytes() {
    let layer = foreign_layer();
    let host = MemHost::default();
    host.0.borrow_mut().insert("rootfs.tar".into(), layer.clone());
    let mut e = Engine::new(|| 1_800_000_000);
    e.set_host(host);
    let id = exec(&mut e, &["import", "rootfs.tar", "imported:1"]);
    let img = e.store.resolve(id.trim()).unwrap();
    assert_eq!(img.config.rootfs.diff_ids, vec![sha256_digest(&layer)]);
    assert_eq!(file_size(img, "/bin/tool"), Some(20));
}
