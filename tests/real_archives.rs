//! Image archives written by real tools load into the CLI byte for byte: an image made by
//! buildah (`from scratch`, `copy`, `commit`, pushed as `docker-archive:` and
//! `oci-archive:`) and the same image copied by skopeo into both formats loads, keeps its
//! image ID and its layer diff_ids, lists, runs, survives the next command reading the
//! state directory, and is saved again with the very same layer blobs.
//!
//! buildah needs root (its vfs storage). Without buildah or skopeo (or root) the test
//! passes with a note, except under CI (`CI=true`), where a missing tool is a failure.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;

const BUILDAH: &str = "/usr/bin/buildah";
const SKOPEO: &str = "/usr/bin/skopeo";
const BUSYBOX: &str = "/usr/bin/busybox";

/// Why the tools cannot run here, if they cannot.
fn unavailable() -> Option<String> {
    let uid = Command::new("id").arg("-u").output().ok().map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string());
    if uid.as_deref() != Some("0") {
        return Some("not running as root (buildah's vfs storage needs root)".into());
    }
    for tool in [BUILDAH, SKOPEO, BUSYBOX] {
        if !Path::new(tool).exists() {
            return Some(format!("{tool} is missing (apt-get install buildah skopeo busybox-static)"));
        }
    }
    None
}

/// Skips (with a note) when a tool is missing, or fails under CI.
fn require_tools() -> bool {
    match unavailable() {
        None => true,
        Some(why) if std::env::var("CI").is_ok_and(|v| v == "true") => panic!("CI=true but {why}"),
        Some(why) => {
            eprintln!("note: skipping the real-archive test: {why}");
            false
        }
    }
}

struct TempDir(PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

fn run(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap_or_else(|e| panic!("cannot run {cmd:?}: {e}"));
    assert!(
        out.status.success(),
        "{cmd:?} failed: {}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Runs the CLI on the state directory `root`; returns (exit code, stdout, stderr).
fn layerlab(root: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_layerlab")).arg("--root").arg(root).args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn ok(root: &Path, args: &[&str]) -> String {
    let (code, out, err) = layerlab(root, args);
    assert_eq!(code, 0, "layerlab {args:?} failed:\n{out}\n{err}");
    out
}

fn skopeo_json(args: &[&str]) -> serde_json::Value {
    serde_json::from_str(&run(Command::new(SKOPEO).args(args))).unwrap()
}

fn strs(v: &serde_json::Value) -> Vec<String> {
    v.as_array().unwrap().iter().map(|x| x.as_str().unwrap().to_string()).collect()
}

#[test]
fn buildah_and_skopeo_archives_load_keep_their_ids_and_run() {
    if !require_tools() {
        return;
    }
    let tmp = TempDir(std::env::temp_dir().join(format!("layerlab-real-archives-{}", std::process::id())));
    let _ = fs::remove_dir_all(&tmp.0);
    let ctx = tmp.0.join("ctx");
    fs::create_dir_all(ctx.join("dir")).unwrap();
    fs::write(ctx.join("f.txt"), "hello from buildah\n").unwrap();
    fs::write(ctx.join("dir/run.sh"), "#!/bin/sh\necho ran\n").unwrap();
    fs::set_permissions(ctx.join("dir/run.sh"), fs::Permissions::from_mode(0o750)).unwrap();
    fs::copy(BUSYBOX, ctx.join("busybox")).unwrap();

    let buildah = |args: &[&str]| {
        let mut c = Command::new(BUILDAH);
        c.arg("--root")
            .arg(tmp.0.join("root"))
            .arg("--runroot")
            .arg(tmp.0.join("runroot"))
            .args(["--storage-driver", "vfs"])
            .args(args);
        run(&mut c).trim().to_string()
    };
    let c = buildah(&["from", "scratch"]);
    buildah(&["copy", &c, ctx.join("busybox").to_str().unwrap(), "/bin/busybox"]);
    buildah(&["copy", &c, ctx.join("f.txt").to_str().unwrap(), "/f.txt"]);
    buildah(&["copy", &c, ctx.join("dir").to_str().unwrap(), "/opt/dir"]);
    buildah(&["config", "--cmd", r#"["/bin/busybox", "cat", "/f.txt"]"#, &c]);
    let id = buildah(&["commit", "-q", &c, "foreign:1"]);
    let id = format!("sha256:{}", id.trim_start_matches("sha256:"));

    let archive = |name: &str| tmp.0.join(name).to_str().unwrap().to_string();
    let (d, o) = (archive("buildah-docker.tar"), archive("buildah-oci.tar"));
    buildah(&["push", "-q", "foreign:1", &format!("docker-archive:{d}:foreign:1")]);
    buildah(&["push", "-q", "foreign:1", &format!("oci-archive:{o}:foreign:1")]);
    let (sd, so) = (archive("skopeo-docker.tar"), archive("skopeo-oci.tar"));
    run(Command::new(SKOPEO).args(["copy", &format!("oci-archive:{o}"), &format!("docker-archive:{sd}:foreign:1")]));
    run(Command::new(SKOPEO).args(["copy", &format!("docker-archive:{d}"), &format!("oci-archive:{so}:foreign:1")]));

    let diff_ids = strs(&skopeo_json(&["inspect", "--config", &format!("oci-archive:{o}")])["rootfs"]["diff_ids"]);
    let oci_layers = strs(&skopeo_json(&["inspect", &format!("oci-archive:{o}")])["Layers"]);
    for file in [&d, &o, &sd, &so] {
        let root = tmp.0.join(format!("state-{}", Path::new(file).file_stem().unwrap().to_string_lossy()));
        let out = ok(&root, &["load", "-i", file]);
        assert!(out.contains("Loaded image: foreign:1"), "{file}: {out}");
        // A second process reads the state directory the first one wrote.
        let ids = ok(&root, &["images", "-q", "--no-trunc", "foreign:1"]);
        assert_eq!(ids.trim(), id, "{file}: the image ID changed");
        let layers = ok(&root, &["inspect", "--format", "{{json .RootFS.Layers}}", "foreign:1"]);
        let layers: Vec<String> = serde_json::from_str(layers.trim()).unwrap();
        assert_eq!(layers, diff_ids, "{file}: the diff_ids changed");
        assert!(ok(&root, &["images"]).contains("foreign"), "{file}");
        assert_eq!(ok(&root, &["run", "--rm", "foreign:1"]), "hello from buildah\n", "{file}");
        let ls = ok(&root, &["run", "--rm", "foreign:1", "/bin/busybox", "ls", "-l", "/opt/dir/run.sh"]);
        assert!(ls.starts_with("-rwxr-x---"), "{file}: {ls}");

        // Saved again, the layers are the same blobs (by diff_id and, from an OCI archive
        // whose blobs are kept as they came, by digest) and the config is the same.
        let again = root.join("again.tar");
        ok(&root, &["save", "-o", again.to_str().unwrap(), "foreign:1"]);
        let again_ref = format!("oci-archive:{}", again.display());
        let config = skopeo_json(&["inspect", "--raw", "--config", &again_ref]);
        assert_eq!(strs(&config["rootfs"]["diff_ids"]), diff_ids, "{file}");
        let raw = skopeo_json(&["inspect", "--raw", &again_ref]);
        assert_eq!(raw["config"]["digest"].as_str(), Some(id.as_str()), "{file}: saved config digest");
        if file == &o {
            assert_eq!(
                strs(&skopeo_json(&["inspect", &again_ref])["Layers"]),
                oci_layers,
                "{file}: layer blobs changed"
            );
        }
        // skopeo verifies every digest while copying.
        run(Command::new(SKOPEO).args(["copy", &again_ref, &format!("dir:{}", root.join("copy").display())]));
    }
}
