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

/// (name, kind, link target or contents) of every entry of a tar.
fn tar_entries(bytes: &[u8]) -> Vec<(String, char, String)> {
    let mut a = tar::Archive::new(bytes);
    let mut out = Vec::new();
    for e in a.entries().unwrap() {
        let mut e = e.unwrap();
        let name = e.path().unwrap().to_string_lossy().trim_end_matches('/').to_string();
        let (kind, what) = match e.header().entry_type() {
            tar::EntryType::Symlink => ('l', e.link_name().unwrap().unwrap().to_string_lossy().into_owned()),
            tar::EntryType::Directory => ('d', String::new()),
            _ => {
                let mut s = String::new();
                std::io::Read::read_to_string(&mut e, &mut s).unwrap();
                ('f', s)
            }
        };
        out.push((name, kind, what));
    }
    out
}

#[test]
fn cp_copies_host_links_as_links_and_streams_tars() {
    let d = scratch("cp");
    write(&d.join("outside/secret"), "TOPSECRET\n");
    write(&d.join("hostdir/a.txt"), "A\n");
    symlink(d.join("outside/secret"), d.join("hostdir/link")).unwrap();
    let (code, _, err) = layerlab(&d, &["create", "--name", "c1", "busybox"]);
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = layerlab(&d, &["cp", d.join("hostdir").to_str().unwrap(), "c1:/x"]);
    assert_eq!(code, 0, "{err}");
    // `cp c1:/x -` writes a tar to standard output.
    let (code, tar, err) = layerlab_bytes(&d, &["cp", "c1:/x", "-"], b"");
    assert_eq!(code, 0, "{err}");
    assert!(!d.join("-").exists(), "no host directory named -");
    let entries = tar_entries(&tar);
    let secret = d.join("outside/secret").to_string_lossy().into_owned();
    assert!(entries.contains(&("x".into(), 'd', String::new())), "{entries:?}");
    assert!(entries.contains(&("x/a.txt".into(), 'f', "A\n".into())), "{entries:?}");
    assert!(entries.contains(&("x/link".into(), 'l', secret.clone())), "{entries:?}");
    assert!(!entries.iter().any(|e| e.2.contains("TOPSECRET")), "{entries:?}");
    // With -L the source link itself is followed.
    let (code, _, err) = layerlab(&d, &["cp", "-L", d.join("hostdir/link").to_str().unwrap(), "c1:/followed"]);
    assert_eq!(code, 0, "{err}");
    let (_, tar, _) = layerlab_bytes(&d, &["cp", "c1:/followed", "-"], b"");
    assert_eq!(tar_entries(&tar), vec![("followed".to_string(), 'f', "TOPSECRET\n".to_string())]);
    // `cp - c1:/dir` extracts a tar from standard input.
    let mut b = tar::Builder::new(Vec::new());
    let mut h = tar::Header::new_gnu();
    h.set_size(3);
    h.set_mode(0o644);
    h.set_cksum();
    b.append_data(&mut h, "in/t.txt", &b"hi\n"[..]).unwrap();
    let input = b.into_inner().unwrap();
    let (code, _, err) = layerlab_bytes(&d, &["cp", "-", "c1:/x"], &input);
    assert_eq!(code, 0, "{err}");
    assert!(!d.join("-").exists());
    let (_, tar, _) = layerlab_bytes(&d, &["cp", "c1:/x/in/t.txt", "-"], b"");
    assert_eq!(tar_entries(&tar), vec![("t.txt".to_string(), 'f', "hi\n".to_string())]);
    let (code, _, err) = layerlab_bytes(&d, &["cp", "-", "c1:/x/a.txt"], &input);
    assert_ne!(code, 0);
    assert!(err.contains("extraction point is not a directory"), "{err}");
}

#[test]
fn a_state_root_that_is_a_file_fails_before_any_work() {
    let d = scratch("root-file");
    write(&d.join("state"), "not a directory");
    let (code, out, err) = layerlab(&d, &["pull", "alpine:3.20"]);
    assert_ne!(code, 0);
    assert!(!out.contains("Downloaded newer image") && !err.contains("Downloaded newer image"), "{out}{err}");
    assert!(err.contains("is not a directory"), "{err}");
}

#[test]
fn run_dash_h_sets_the_hostname() {
    let d = scratch("hostname");
    let (code, out, err) = layerlab(&d, &["run", "--rm", "-h", "myhost", "busybox", "hostname"]);
    assert_eq!((code, out.as_str()), (0, "myhost\n"), "{err}");
}

#[test]
fn a_workdir_too_long_for_the_host_is_refused_at_create() {
    let d = scratch("longwd");
    let wd = "/a".repeat(50_000);
    let (code, out, err) = layerlab(&d, &["run", "--rm", "-w", &wd, "busybox", "pwd"]);
    assert_eq!((code, out.as_str()), (125, ""), "{}", &err[..err.len().min(300)]);
    let first = err.lines().find(|l| l.starts_with("docker: ")).unwrap_or_default();
    assert!(
        first.starts_with("docker: Error response from daemon: lstat /var/lib/docker/overlay2/"),
        "{}",
        &first[..first.len().min(300)]
    );
    assert!(first.ends_with("/a/a: file name too long."), "{}", &first[first.len().saturating_sub(100)..]);
    // The host path stops at the name that makes it longer than PATH_MAX allows.
    assert!(first.len() < 4200, "{}", first.len());
    let (_, ps, _) = layerlab(&d, &["ps", "-aq"]);
    assert_eq!(ps, "", "no container is left behind");
    let (code, _, err) = layerlab(&d, &["run", "--rm", "-w", &format!("/{}", "n".repeat(256)), "busybox", "pwd"]);
    assert_eq!(code, 125);
    assert!(err.contains(&format!("/merged/{}: file name too long.", "n".repeat(256))), "{err}");
}
