//! Services through the CLI: networks and volumes outlive the command that made them (kept
//! in the state directory), and bind mounts share a real host directory.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

struct TempDir(PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

fn temp_dir(name: &str) -> TempDir {
    let d = std::env::temp_dir().join(format!("layerlab-services-{}-{name}", std::process::id()));
    let _ = fs::remove_dir_all(&d);
    fs::create_dir_all(&d).unwrap();
    TempDir(d)
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

/// Runs a command that must succeed without a warning; returns its stdout.
fn ok(root: &Path, args: &[&str]) -> String {
    let (code, out, err) = layerlab(root, args);
    assert_eq!(code, 0, "layerlab {args:?} failed:\n{out}\n{err}");
    assert!(!err.contains("warning"), "layerlab {args:?} warned:\n{err}");
    out
}

#[test]
fn networks_and_volumes_outlive_the_command() {
    let t = temp_dir("persist");
    let root = t.0.join("state");
    let id = ok(&root, &["network", "create", "appnet"]);
    assert_eq!(id.trim().len(), 64);
    assert!(ok(&root, &["network", "ls"]).contains("appnet"), "the network is listed by the next command");
    ok(&root, &["volume", "create", "data"]);
    ok(&root, &["run", "--rm", "-v", "data:/data", "alpine:3.20", "sh", "-c", "echo kept > /data/f"]);
    assert_eq!(ok(&root, &["volume", "ls", "-q"]), "data\n");
    assert_eq!(ok(&root, &["run", "--rm", "-v", "data:/d", "alpine:3.20", "cat", "/d/f"]), "kept\n");

    ok(&root, &["run", "-d", "--name", "box", "alpine:3.20", "sleep", "1000"]);
    ok(&root, &["network", "connect", "appnet", "box"]);
    let nets =
        ok(&root, &["inspect", "--format", "{{range $k, $v := .NetworkSettings.Networks}}{{$k}} {{end}}", "box"]);
    assert_eq!(nets.trim(), "appnet bridge");
    let (code, _, err) = layerlab(&root, &["network", "connect", "appnet", "box"]);
    assert_eq!(
        (code, err.trim()),
        (1, "Error response from daemon: endpoint with name box already exists in network appnet")
    );
    ok(&root, &["network", "disconnect", "appnet", "box"]);
    let (code, _, err) = layerlab(&root, &["network", "disconnect", "appnet", "box"]);
    assert_eq!(code, 1);
    assert!(err.contains("is not connected to network appnet"), "{err}");
    ok(&root, &["rm", "-f", "box"]);

    assert_eq!(ok(&root, &["network", "rm", "appnet"]), "appnet\n");
    assert!(!ok(&root, &["network", "ls"]).contains("appnet"));
    assert_eq!(ok(&root, &["volume", "rm", "data"]), "data\n");
    assert_eq!(ok(&root, &["volume", "ls", "-q"]), "");
    assert!(!root.join("volumes").join("data").exists(), "a removed volume leaves nothing on disk");
}

#[test]
fn bind_mounts_share_a_host_directory() {
    let t = temp_dir("bind");
    let root = t.0.join("state");
    let site = t.0.join("site");
    fs::create_dir_all(site.join("css")).unwrap();
    fs::write(site.join("index.html"), "<h1>host</h1>\n").unwrap();
    let spec = format!("{}:/web", site.display());
    let out = ok(
        &root,
        &["run", "--rm", "-v", &spec, "alpine:3.20", "sh", "-c", "cat /web/index.html; echo made > /web/css/new.css"],
    );
    assert_eq!(out, "<h1>host</h1>\n");
    assert_eq!(fs::read_to_string(site.join("css/new.css")).unwrap(), "made\n");

    // A missing host directory is created for -v, and refused for --mount.
    let missing = t.0.join("new/dir");
    ok(&root, &["run", "--rm", "-v", &format!("{}:/x", missing.display()), "alpine:3.20", "true"]);
    assert!(missing.is_dir());
    let gone = t.0.join("gone");
    let (code, _, err) = layerlab(
        &root,
        &["run", "--rm", "--mount", &format!("type=bind,source={},target=/x", gone.display()), "alpine:3.20", "true"],
    );
    assert_eq!(code, 125);
    assert!(err.contains(&format!("bind source path does not exist: {}", gone.display())), "{err}");
}

/// A read-only bind mount refuses the container's changes as Docker's does (EROFS, in the
/// image's own words) and leaves the host directory as it was.
#[test]
fn read_only_bind_mounts_keep_the_host_directory() {
    let t = temp_dir("robind");
    let root = t.0.join("state");
    let site = t.0.join("site");
    fs::create_dir_all(&site).unwrap();
    fs::write(site.join("index.html"), "<h1>host</h1>\n").unwrap();
    let spec = format!("{}:/web:ro", site.display());
    let script = "cat /web/index.html; echo x > /web/index.html; touch /web/new; rm /web/index.html; mkdir /web/d";
    let (code, out, err) = layerlab(&root, &["run", "--rm", "-v", &spec, "alpine:3.20", "sh", "-c", script]);
    assert_eq!((code, out.as_str()), (1, "<h1>host</h1>\n"));
    let tail: Vec<&str> = err.lines().rev().take(4).collect();
    assert_eq!(
        tail,
        [
            "mkdir: can't create directory '/web/d': Read-only file system",
            "rm: can't remove '/web/index.html': Read-only file system",
            "touch: /web/new: Read-only file system",
            "sh: can't create /web/index.html: Read-only file system",
        ]
    );
    let (code, _, err) = layerlab(&root, &["run", "--rm", "-v", &spec, "debian:bookworm", "touch", "/web/new"]);
    assert_eq!(code, 1);
    assert!(err.ends_with("touch: cannot touch '/web/new': Read-only file system\n"), "{err}");
    let mut names: Vec<String> =
        fs::read_dir(&site).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    layerlab::util::sort::sort(&mut names);
    assert_eq!(names, ["index.html"]);
    assert_eq!(fs::read_to_string(site.join("index.html")).unwrap(), "<h1>host</h1>\n");
}
