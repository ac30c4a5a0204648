//! The CLI at the host boundary: what a build context, a Dockerfile and `cp` may read from
//! and write to the host (links never followed out of the context, `.dockerignore` applied
//! before anything is read, tars on standard input and output).

use std::io::Write;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// A scratch directory for one test (removed first if left over).
fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("layerlab-cli-host-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Runs the CLI with its state in `dir/state`; returns (code, stdout bytes, stderr).
fn layerlab_bytes(dir: &Path, args: &[&str], stdin: &[u8]) -> (i32, Vec<u8>, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_layerlab"))
        .arg("--root")
        .arg(dir.join("state"))
        .args(args)
        .env_remove("LAYERLAB_ROOT")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    let data = stdin.to_vec();
    let feeder = std::thread::spawn(move || {
        let _ = input.write_all(&data);
    });
    let out = child.wait_with_output().unwrap();
    feeder.join().unwrap();
    (out.status.code().unwrap_or(-1), out.stdout, String::from_utf8_lossy(&out.stderr).into_owned())
}

fn layerlab(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let (code, out, err) = layerlab_bytes(dir, args, b"");
    (code, String::from_utf8_lossy(&out).into_owned(), err)
}

fn write(p: &Path, text: &str) {
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

#[test]
fn a_dockerfile_linked_out_of_the_context_is_not_read() {
    let d = scratch("df-link");
    write(&d.join("outside/secret"), "TOPSECRET line\n");
    std::fs::create_dir_all(d.join("ctx")).unwrap();
    symlink(d.join("outside/secret"), d.join("ctx/Dockerfile")).unwrap();
    let ctx = d.join("ctx");
    let (code, out, err) = layerlab(&d, &["build", "-t", "x", ctx.to_str().unwrap()]);
    assert_ne!(code, 0);
    assert!(!out.contains("TOPSECRET") && !err.contains("TOPSECRET"), "{out}{err}");
    // A link inside the context is followed inside it.
    std::fs::remove_file(d.join("ctx/Dockerfile")).unwrap();
    write(&d.join("ctx/real.Dockerfile"), "FROM scratch\nCOPY a.txt /\n");
    write(&d.join("ctx/a.txt"), "A");
    symlink("real.Dockerfile", d.join("ctx/Dockerfile")).unwrap();
    let (code, _, err) = layerlab(&d, &["build", "-q", "-t", "x", ctx.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn context_links_stay_links_and_never_reach_the_host() {
    let d = scratch("ctx-links");
    write(&d.join("outside/secret"), "TOPSECRET\n");
    let ctx = d.join("ctx");
    write(&ctx.join("a.txt"), "A\n");
    symlink("a.txt", ctx.join("p")).unwrap();
    symlink(d.join("outside/secret"), ctx.join("leak")).unwrap();
    write(
        &ctx.join("Dockerfile"),
        "FROM busybox\nCOPY p /x\nCOPY . /c\nRUN cat /x && readlink /c/p && readlink /c/leak && ! cat /c/leak\n",
    );
    let (code, out, err) = layerlab(&d, &["build", "-t", "links", ctx.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("A\na.txt\n") || out.contains("A\n") && out.contains("a.txt"), "{out}");
    assert!(!out.contains("TOPSECRET") && !err.contains("TOPSECRET"), "{out}{err}");
    write(&ctx.join("Dockerfile"), "FROM busybox\nCOPY leak /leak\n");
    let (code, out, err) = layerlab(&d, &["build", "-t", "links", ctx.to_str().unwrap()]);
    assert_ne!(code, 0, "{out}");
    assert!(!out.contains("TOPSECRET") && !err.contains("TOPSECRET"), "{out}{err}");
}

#[test]
fn dockerignore_applies_before_the_size_check() {
    let d = scratch("ignore-big");
    let ctx = d.join("ctx");
    write(&ctx.join("Dockerfile"), "FROM scratch\nCOPY . /c/\n");
    let big = std::fs::File::create(ctx.join("huge.bin")).unwrap();
    big.set_len(3 << 30).unwrap(); // sparse: nothing is written
    write(&ctx.join(".dockerignore"), "huge.bin\n");
    let (code, _, err) = layerlab(&d, &["build", "-q", "-t", "big", ctx.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    std::fs::remove_file(ctx.join(".dockerignore")).unwrap();
    let (code, _, err) = layerlab(&d, &["build", "-q", "-t", "big", ctx.to_str().unwrap()]);
    assert_ne!(code, 0);
    assert!(err.contains("too large"), "{err}");
}

#[test]
fn an_endless_dockerfile_is_refused() {
    let d = scratch("df-zero");
    let ctx = d.join("ctx");
    write(&ctx.join("a"), "a");
    let (code, _, err) = layerlab(&d, &["build", "-f", "/dev/zero", ctx.to_str().unwrap()]);
    assert_ne!(code, 0);
    assert!(err.contains("failed to read dockerfile") && err.contains("too large"), "{err}");
}
