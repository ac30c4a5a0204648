//! Archives written by layerlab checked with real tools (skopeo, umoci), and their output
//! loaded back. Without its tool on `PATH` a test fails in CI and is skipped, with a note,
//! elsewhere.

#[path = "fixtures/oci/support.rs"]
mod support;
#[path = "fixtures/tools.rs"]
mod tools;

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::Command;

use layerlab::oci::{self, load};
use layerlab::vfs::Tree;
use support::*;

const SKOPEO: &str = "skopeo";
const UMOCI: &str = "umoci";

fn have(tool: &str) -> bool {
    tools::require(tool, &[tool], false).is_some()
}

fn run(cmd: &str, args: &[&str]) -> String {
    let out = Command::new(cmd).args(args).output().unwrap();
    assert!(out.status.success(), "{cmd} {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn json(cmd: &str, args: &[&str]) -> serde_json::Value {
    serde_json::from_str(&run(cmd, args)).unwrap()
}

/// Saves the sample image as `name:tag` into a fresh directory; returns (dir, archive).
fn saved(test: &str, s: &Sample, tag: &str) -> (PathBuf, PathBuf) {
    let dir = temp_dir(test);
    let file = dir.join("image.tar");
    let f = std::fs::File::create(&file).unwrap();
    oci::save(&[s.image(&[tag])], f, &mut |_| {}).unwrap();
    (dir, file)
}

/// The regular files of a tar archive, by name.
fn tar_files(path: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    let mut a = tar::Archive::new(std::fs::File::open(path).unwrap());
    let mut out = std::collections::BTreeMap::new();
    for e in a.entries().unwrap() {
        let mut e = e.unwrap();
        if e.header().entry_type().is_file() {
            let name = e.path().unwrap().to_string_lossy().into_owned();
            let mut bytes = Vec::new();
            std::io::Read::read_to_end(&mut e, &mut bytes).unwrap();
            out.insert(name, bytes);
        }
    }
    out
}

/// `sha256:` of bytes.
fn sha(bytes: &[u8]) -> String {
    layerlab::util::digest::sha256_digest(bytes)
}

fn strs(v: &serde_json::Value) -> Vec<String> {
    v.as_array().unwrap().iter().map(|x| x.as_str().unwrap().to_string()).collect()
}

#[test]
fn skopeo_inspects_and_copies_the_archive() {
    if !have(SKOPEO) {
        return;
    }
    let s = sample();
    let (dir, file) = saved("skopeo", &s, "example/app:1.0");
    let blobs: Vec<String> = s.layers.iter().map(|l| oci::layer_blob(l).digest).collect();
    let oci_ref = format!("oci-archive:{}", file.display());
    let docker_ref = format!("docker-archive:{}", file.display());

    let info = json(SKOPEO, &["inspect", &oci_ref]);
    assert_eq!(strs(&info["Layers"]), blobs);
    assert_eq!(info["Architecture"], "amd64");
    let config = json(SKOPEO, &["inspect", "--config", &oci_ref]);
    assert_eq!(strs(&config["rootfs"]["diff_ids"]), s.config.rootfs.diff_ids);

    // skopeo names docker-archive layers by their uncompressed digests.
    let info = json(SKOPEO, &["inspect", &docker_ref]);
    assert_eq!(strs(&info["Layers"]), s.config.rootfs.diff_ids);
    let config = json(SKOPEO, &["inspect", "--config", &docker_ref]);
    assert_eq!(strs(&config["rootfs"]["diff_ids"]), s.config.rootfs.diff_ids);

    // skopeo copies every blob byte for byte: the layers and the config it finds in our
    // archive are the ones we wrote, and each hashes to its name.
    let ours = tar_files(&file);
    let out = dir.join("dir-copy");
    run(SKOPEO, &["copy", &oci_ref, &format!("dir:{}", out.display())]);
    let config_digest =
        sha(&s.image(&["example/app:1.0"]).config_bytes.map(<[u8]>::to_vec).unwrap_or_else(|| s.config.to_json()));
    for b in blobs.iter().chain([&config_digest]) {
        let copied = std::fs::read(out.join(&b[7..])).unwrap_or_else(|e| panic!("blob {b} missing from dir copy: {e}"));
        assert_eq!(sha(&copied), *b);
        assert_eq!(
            Some(&copied),
            ours.get(&format!("blobs/sha256/{}", &b[7..])),
            "blob {b} differs from the archive's"
        );
    }
    run(SKOPEO, &["copy", &docker_ref, &format!("dir:{}", dir.join("dir-copy2").display())]);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn skopeo_outputs_load_back() {
    if !have(SKOPEO) {
        return;
    }
    let s = sample();
    let (dir, file) = saved("skopeo-back", &s, "example/app:1.0");
    let src = format!("oci-archive:{}", file.display());

    let docker_out = dir.join("docker.tar");
    run(SKOPEO, &["copy", &src, &format!("docker-archive:{}:copied/name:tag", docker_out.display())]);
    let loaded = load(std::fs::File::open(&docker_out).unwrap()).unwrap();
    assert_eq!(loaded.len(), 1);
    assert_eq!(loaded[0].diff_ids, s.config.rootfs.diff_ids);
    assert_eq!(loaded[0].tags, vec!["copied/name:tag".to_string()]);
    assert_eq!(describe(&Tree::from_layers(&loaded[0].layers)), describe(&s.top));

    let oci_dir = dir.join("oci-dir");
    run(SKOPEO, &["copy", &src, &format!("oci:{}:v2", oci_dir.display())]);
    let loaded = layerlab::cli::layout::read_layout(&oci_dir).unwrap();
    assert_eq!(loaded[0].diff_ids, s.config.rootfs.diff_ids);
    assert_eq!(loaded[0].ref_names, vec!["v2".to_string()]);
    assert_eq!(describe(&Tree::from_layers(&loaded[0].layers)), describe(&s.top));

    let oci_out = dir.join("oci.tar");
    run(SKOPEO, &["copy", &src, &format!("oci-archive:{}:other/name:3", oci_out.display())]);
    // The oci-archive skopeo writes is the OCI layout of ours: the same blobs, byte for
    // byte (the manifest included: nothing to convert), with its own index.json.
    let ours = tar_files(&file);
    let theirs = tar_files(&oci_out);
    let blobs = |files: &std::collections::BTreeMap<String, Vec<u8>>| -> Vec<(String, Vec<u8>)> {
        files.iter().filter(|(k, _)| k.starts_with("blobs/")).map(|(k, v)| (k.clone(), v.clone())).collect()
    };
    assert_eq!(theirs.keys().filter(|k| !k.starts_with("blobs/")).collect::<Vec<_>>(), ["index.json", "oci-layout"]);
    let layout = |b: &[u8]| serde_json::from_slice::<serde_json::Value>(b).unwrap();
    assert_eq!(layout(&theirs["oci-layout"]), layout(&ours["oci-layout"]));
    assert!(
        blobs(&theirs) == blobs(&ours),
        "blobs differ: {:?} vs {:?}",
        theirs.keys().collect::<Vec<_>>(),
        ours.keys().collect::<Vec<_>>()
    );
    for (name, bytes) in theirs.iter().filter(|(k, _)| k.starts_with("blobs/")) {
        assert_eq!(sha(bytes), format!("sha256:{}", name.rsplit('/').next().unwrap()), "{name}");
    }
    let loaded = load(std::fs::File::open(&oci_out).unwrap()).unwrap();
    assert_eq!(loaded[0].tags, vec!["other/name:3".to_string()]);
    assert_eq!(loaded[0].diff_ids, s.config.rootfs.diff_ids);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Extracts our archive as an OCI layout, unpacks it with umoci and compares the root
/// filesystem with layerlab's own union view, file by file.
#[test]
fn umoci_unpacks_the_same_filesystem() {
    if !have(UMOCI) {
        return;
    }
    let s = sample();
    let (dir, file) = saved("umoci", &s, "example/app:1.0");
    let layout = dir.join("layout");
    std::fs::create_dir_all(&layout).unwrap();
    tar::Archive::new(std::fs::File::open(&file).unwrap()).unpack(&layout).unwrap();
    let bundle = dir.join("bundle");
    run(UMOCI, &["unpack", "--image", &format!("{}:1.0", layout.display()), &bundle.display().to_string()]);
    let rootfs = bundle.join("rootfs");

    let expected = describe(&s.top);
    let mut got = Vec::new();
    walk(&rootfs, &rootfs, &mut got);
    layerlab::util::sort::sort(&mut got);
    let mut want = expected.clone();
    layerlab::util::sort::sort(&mut want);
    assert_eq!(got, want);

    let a = std::fs::metadata(rootfs.join("opt/app/run")).unwrap();
    let b = std::fs::metadata(rootfs.join("opt/app/run-again")).unwrap();
    assert_eq!((a.ino(), a.nlink()), (b.ino(), 2), "hard link not preserved");
    assert!(!rootfs.join("etc/old-file").exists());
    assert!(!rootfs.join("var/cache/apt/a.bin").exists());
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Describes a real directory tree in the format of `support::describe`.
fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    layerlab::util::sort::sort(&mut entries);
    for p in entries {
        let md = std::fs::symlink_metadata(&p).unwrap();
        let rel = format!("/{}", p.strip_prefix(root).unwrap().display());
        let what = if md.is_dir() {
            "dir".to_string()
        } else if md.file_type().is_symlink() {
            format!("link->{}", std::fs::read_link(&p).unwrap().display())
        } else {
            let data = std::fs::read(&p).unwrap();
            format!("file {} {}", data.len(), layerlab::util::digest::sha256_digest(&data))
        };
        let mode = if md.file_type().is_symlink() { 0o777 } else { md.permissions().mode() & 0o7777 };
        out.push(format!("{rel} {what} {mode:o} {}:{} {}", md.uid(), md.gid(), md.mtime()));
        if md.is_dir() {
            walk(root, &p, out);
        }
    }
}
