//! The CLI's state directory under load and damage: metadata commands never read layer
//! blobs, concurrent commands never lose each other's images, a size limit refuses what
//! would cross it without locking anyone out, and a damaged blob, record or index
//! affects only what it belongs to, is reported by name and can be removed.

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
    let d = std::env::temp_dir().join(format!("layerlab-state-{}-{name}", std::process::id()));
    let _ = fs::remove_dir_all(&d);
    fs::create_dir_all(&d).unwrap();
    TempDir(d)
}

/// Runs the CLI on the state directory `root`; returns (exit code, stdout, stderr).
fn layerlab_env(root: &Path, args: &[&str], env: &[(&str, &str)]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_layerlab"))
        .arg("--root")
        .arg(root)
        .args(args)
        .envs(env.iter().copied())
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn layerlab(root: &Path, args: &[&str]) -> (i32, String, String) {
    layerlab_env(root, args, &[])
}

/// Runs a command that must succeed without any warning; returns its stdout.
fn ok(root: &Path, args: &[&str]) -> String {
    let (code, out, err) = layerlab(root, args);
    assert_eq!(code, 0, "layerlab {args:?} failed:\n{out}\n{err}");
    assert!(!err.contains("warning"), "layerlab {args:?} warned:\n{err}");
    out
}

/// Writes a context whose Dockerfile is `dockerfile`; returns its path.
fn context(dir: &Path, name: &str, dockerfile: &str) -> String {
    let ctx = dir.join(name);
    fs::create_dir_all(&ctx).unwrap();
    fs::write(ctx.join("Dockerfile"), dockerfile).unwrap();
    ctx.to_str().unwrap().to_string()
}

fn build(root: &Path, dir: &Path, tag: &str, line: &str) {
    let ctx = context(dir, &format!("ctx-{tag}"), &format!("FROM alpine:3.20\n{line}\nCMD [\"cat\", \"/n\"]\n"));
    ok(root, &["build", "-q", "-t", tag, &ctx]);
}

/// True when `images` output has a line for repository `repo`.
fn lists(images: &str, repo: &str) -> bool {
    images.lines().any(|l| l.split_whitespace().next() == Some(repo))
}

fn json(path: &Path) -> serde_json::Value {
    serde_json::from_slice(&fs::read(path).unwrap()).unwrap()
}

fn blob(root: &Path, digest: &str) -> PathBuf {
    root.join("blobs/sha256").join(digest.trim_start_matches("sha256:"))
}

/// The manifest of the image tagged `tag` (`name:tag` as the index annotates it).
fn manifest_of(root: &Path, tag: &str) -> serde_json::Value {
    let index = json(&root.join("index.json"));
    let full = format!("docker.io/library/{tag}");
    let desc = index["manifests"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["annotations"]["io.containerd.image.name"] == full.as_str())
        .unwrap()
        .clone();
    json(&blob(root, desc["digest"].as_str().unwrap()))
}

/// The blob files of every layer of every image.
fn layer_blobs(root: &Path) -> Vec<PathBuf> {
    let index = json(&root.join("index.json"));
    let mut out = Vec::new();
    for d in index["manifests"].as_array().unwrap() {
        let m = json(&blob(root, d["digest"].as_str().unwrap()));
        for l in m["layers"].as_array().unwrap() {
            out.push(blob(root, l["digest"].as_str().unwrap()));
        }
    }
    layerlab::util::sort::sort(&mut out);
    out.dedup();
    out
}

#[test]
fn metadata_commands_never_read_layer_blobs() {
    let t = temp_dir("lazy");
    let root = t.0.join("state");
    build(&root, &t.0, "app", "RUN echo app > /n");
    let blobs = layer_blobs(&root);
    assert!(blobs.len() >= 2);
    for b in &blobs {
        fs::remove_file(b).unwrap();
    }
    assert!(ok(&root, &["images"]).contains("app"));
    assert!(ok(&root, &["history", "app"]).contains("echo app > /n"));
    assert!(ok(&root, &["inspect", "--format", "{{.Id}}", "app"]).starts_with("sha256:"));
    ok(&root, &["tag", "app", "app:v2"]);
    assert!(ok(&root, &["images"]).contains("v2"));
    ok(&root, &["rmi", "app:v2"]);
    ok(&root, &["system", "df"]);
    ok(&root, &["ps", "-a"]);
    // Something that needs the files reports the damaged image by name, and it can go.
    let (code, _, err) = layerlab(&root, &["run", "--rm", "app"]);
    assert_ne!(code, 0);
    assert!(err.contains("image app") && err.contains("damaged"), "{err}");
    ok(&root, &["rmi", "-f", "app"]);
    assert!(!ok(&root, &["images"]).contains("app"));
}

#[test]
fn parallel_commands_keep_every_tag() {
    let t = temp_dir("parallel");
    let root = t.0.join("state");
    let ctxs: Vec<String> = (0..4)
        .map(|i| {
            context(&t.0, &format!("par{i}"), &format!("FROM alpine:3.20\nRUN echo {i} > /n\nCMD [\"cat\", \"/n\"]\n"))
        })
        .collect();
    let children: Vec<_> = ctxs
        .iter()
        .enumerate()
        .map(|(i, ctx)| {
            Command::new(env!("CARGO_BIN_EXE_layerlab"))
                .arg("--root")
                .arg(&root)
                .args(["build", "-q", "-t", &format!("par{i}"), ctx])
                .output_async()
        })
        .chain((0..2).map(|_| {
            Command::new(env!("CARGO_BIN_EXE_layerlab")).arg("--root").arg(&root).arg("images").output_async()
        }))
        .collect();
    for c in children {
        let out = c.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let images = ok(&root, &["images"]);
    for i in 0..4 {
        assert!(images.contains(&format!("par{i} ")), "par{i} lost:\n{images}");
        assert_eq!(ok(&root, &["run", "--rm", &format!("par{i}")]), format!("{i}\n"));
    }
    for line in images.lines().filter(|l| l.starts_with("par")) {
        assert!(
            line.contains("seconds ago") || line.contains("second ago") || line.contains("minute"),
            "creation time lost: {line}"
        );
    }
    let sidecar = json(&root.join("layerlab-state.json"));
    assert!(sidecar["images"].as_object().unwrap().len() >= 5, "{sidecar}");
}

/// `Command::spawn` with captured output, for running several at once.
trait OutputAsync {
    fn output_async(&mut self) -> std::process::Child;
}

impl OutputAsync for Command {
    fn output_async(&mut self) -> std::process::Child {
        self.stdout(std::process::Stdio::piped()).stderr(std::process::Stdio::piped()).spawn().unwrap()
    }
}

#[test]
fn a_size_limit_refuses_the_build_and_never_locks_anyone_out() {
    let t = temp_dir("limit");
    let root = t.0.join("state");
    build(&root, &t.0, "small", "RUN echo small > /n");
    // alpine's layer is an 8 MB tar: a 10 MB limit holds it and refuses a 12 MB file.
    let limit = [("LAYERLAB_MAX_LAYER_BYTES", "10000000")];
    let big = context(&t.0, "big", "FROM alpine:3.20\nRUN printf '%012000000d' 1 > /n\n");
    let (code, _, err) = layerlab_env(&root, &["build", "-t", "big", &big], &limit);
    assert_ne!(code, 0, "{err}");
    assert!(err.contains("too large") && err.contains("10000000"), "{err}");
    let (code, out, err) = layerlab_env(&root, &["images"], &limit);
    assert_eq!(code, 0, "{err}");
    assert!(!lists(&out, "big") && lists(&out, "small"), "{out}");
    // Under the limit everything still works, removals included.
    let (code, _, err) = layerlab_env(
        &root,
        &["build", "-q", "-t", "ok", &context(&t.0, "ok", "FROM alpine:3.20\nRUN echo ok > /n\n")],
        &limit,
    );
    assert_eq!(code, 0, "{err}");
    for args in [&["rmi", "small"][..], &["image", "prune", "-af"]] {
        let (code, _, err) = layerlab_env(&root, args, &limit);
        assert_eq!(code, 0, "{args:?}: {err}");
    }
}

#[test]
fn a_damaged_layer_blob_affects_only_its_image() {
    for damage in ["truncate", "corrupt", "delete"] {
        let t = temp_dir(&format!("blob-{damage}"));
        let root = t.0.join("state");
        build(&root, &t.0, "a", "RUN echo a > /n");
        build(&root, &t.0, "b", "RUN echo b > /n");
        let m = manifest_of(&root, "a:latest");
        let top = blob(&root, m["layers"].as_array().unwrap().last().unwrap()["digest"].as_str().unwrap());
        let bytes = fs::read(&top).unwrap();
        match damage {
            "truncate" => fs::write(&top, &bytes[..bytes.len() / 2]).unwrap(),
            "corrupt" => fs::write(&top, vec![0x5a; bytes.len()]).unwrap(),
            _ => fs::remove_file(&top).unwrap(),
        }
        let images = ok(&root, &["images"]);
        assert!(lists(&images, "a") && lists(&images, "b"), "{images}");
        assert_eq!(ok(&root, &["run", "--rm", "b"]), "b\n", "{damage}");
        let (code, _, err) = layerlab(&root, &["run", "--rm", "a"]);
        assert_ne!(code, 0, "{damage}");
        assert!(err.contains("image a:latest is damaged"), "{damage}: {err}");
        let (code, _, err) = layerlab(&root, &["save", "-o", t.0.join("a.tar").to_str().unwrap(), "a"]);
        assert_ne!(code, 0, "{damage}: saving a damaged image must fail");
        assert!(err.contains("damaged") || err.contains("No such file"), "{damage}: {err}");
        ok(&root, &["rmi", "-f", "a"]);
        assert!(!lists(&ok(&root, &["images"]), "a"));
        assert_eq!(ok(&root, &["run", "--rm", "b"]), "b\n");
    }
}

#[test]
fn a_damaged_manifest_or_config_is_reported_and_removable() {
    for which in ["manifest", "config"] {
        let t = temp_dir(&format!("meta-{which}"));
        let root = t.0.join("state");
        build(&root, &t.0, "a", "RUN echo a > /n");
        build(&root, &t.0, "b", "RUN echo b > /n");
        let index = json(&root.join("index.json"));
        let desc = index["manifests"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["annotations"]["io.containerd.image.name"] == "docker.io/library/a:latest")
            .unwrap()
            .clone();
        let target = match which {
            "manifest" => blob(&root, desc["digest"].as_str().unwrap()),
            _ => {
                blob(&root, json(&blob(&root, desc["digest"].as_str().unwrap()))["config"]["digest"].as_str().unwrap())
            }
        };
        fs::write(&target, b"garbage").unwrap();
        let (code, out, err) = layerlab(&root, &["images"]);
        assert_eq!(code, 0, "{which}: {err}");
        assert!(lists(&out, "b") && !lists(&out, "a"), "{which}: {out}");
        assert!(err.contains("image a:latest is damaged"), "{which}: {err}");
        assert_eq!(layerlab(&root, &["run", "--rm", "b"]).1, "b\n", "{which}");
        let (code, out, err) = layerlab(&root, &["rmi", "-f", "a"]);
        assert_eq!(code, 0, "{which}: {err}");
        assert!(out.contains("Untagged: a:latest"), "{which}: {out}");
        assert!(lists(&ok(&root, &["images"]), "b"));
    }
}

#[test]
fn damaged_containers_stay_local_and_removable() {
    let t = temp_dir("containers");
    let root = t.0.join("state");
    for name in ["c1", "c2", "c3"] {
        ok(&root, &["run", "--name", name, "alpine:3.20", "echo", name]);
    }
    let ps = ok(&root, &["ps", "-a", "--no-trunc", "--format", "{{.ID}} {{.Names}}"]);
    let id_of =
        |n: &str| ps.lines().find(|l| l.ends_with(&format!(" {n}"))).unwrap().split(' ').next().unwrap().to_string();
    let (c1, c2) = (id_of("c1"), id_of("c2"));
    fs::write(root.join("containers").join(&c1).join("container.json"), b"{garbage").unwrap();
    fs::write(root.join("containers").join(&c2).join("rw.tar"), b"garbage").unwrap();
    let (code, out, err) = layerlab(&root, &["ps", "-a"]);
    assert_eq!(code, 0, "{err}");
    // Match the NAMES column: a random container ID may contain "c2".
    let named = |n: &str| out.lines().any(|l| l.split_whitespace().last() == Some(n));
    assert!(named("c3") && !named("c2"), "{out}");
    assert!(
        err.contains(&format!("container {} is damaged", &c1[..12])) && err.contains("container c2 is damaged"),
        "{err}"
    );
    assert_eq!(layerlab(&root, &["start", "-a", "c3"]).1, "c3\n");
    let (code, out, err) = layerlab(&root, &["rm", "-f", "c2", &c1[..12]]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, format!("c2\n{}\n", &c1[..12]));
    assert!(ok(&root, &["ps", "-a"]).contains("c3"));
}

#[test]
fn a_missing_index_or_garbage_sidecar_is_reported() {
    let t = temp_dir("index");
    let root = t.0.join("state");
    build(&root, &t.0, "a", "RUN echo a > /n");
    fs::write(root.join("layerlab-state.json"), b"not json").unwrap();
    let (code, out, err) = layerlab(&root, &["images"]);
    assert_eq!(code, 0, "{err}");
    assert!(lists(&out, "a"), "{out}");
    assert!(err.contains("layerlab-state.json is damaged"), "{err}");
    // The sidecar keeps a copy of the index: a lost index.json is rebuilt from it.
    let ctx = context(&t.0, "c", "FROM alpine:3.20\nRUN echo c > /n\nCMD [\"cat\", \"/n\"]\n");
    assert_eq!(layerlab(&root, &["build", "-q", "-t", "c", &ctx]).0, 0);
    fs::remove_file(root.join("index.json")).unwrap();
    let (code, out, err) = layerlab(&root, &["images"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("index.json is missing: rebuilt from layerlab-state.json"), "{err}");
    assert!(lists(&out, "a") && lists(&out, "c"), "{out}");
    assert_eq!(layerlab(&root, &["run", "--rm", "c"]).1, "c\n");
    // Without the copy, the loss is reported and a later change keeps the blobs of the
    // images it could not list.
    fs::write(root.join("layerlab-state.json"), b"not json").unwrap();
    fs::remove_file(root.join("index.json")).unwrap();
    let (code, _, err) = layerlab(&root, &["images"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("index.json is missing: the images"), "{err}");
    let before = fs::read_dir(root.join("blobs/sha256")).unwrap().count();
    let ctx = context(&t.0, "b", "FROM alpine:3.20\nRUN echo b > /n\n");
    assert_eq!(layerlab(&root, &["build", "-q", "-t", "b", &ctx]).0, 0);
    assert!(fs::read_dir(root.join("blobs/sha256")).unwrap().count() > before);
}

#[test]
fn left_over_temporary_files_are_harmless() {
    let t = temp_dir("tmp");
    let root = t.0.join("state");
    build(&root, &t.0, "a", "RUN echo a > /n");
    // What a process killed while adding a blob or replacing the index leaves behind.
    fs::write(root.join("blobs/sha256/.blob.999-0.tmp"), b"half a blob").unwrap();
    fs::write(root.join(".index.json.999-1.tmp"), b"{\"half").unwrap();
    assert!(lists(&ok(&root, &["images"]), "a"));
    assert_eq!(ok(&root, &["run", "--rm", "a"]), "a\n");
    build(&root, &t.0, "b", "RUN echo b > /n");
    assert!(!root.join("blobs/sha256/.blob.999-0.tmp").exists());
}

#[test]
fn a_killed_command_leaves_the_directory_readable() {
    let t = temp_dir("killed");
    let root = t.0.join("state");
    build(&root, &t.0, "a", "RUN echo a > /n");
    let ctx = context(
        &t.0,
        "slow",
        "FROM alpine:3.20\nRUN printf '%08000000d' 1 > /big\nRUN echo b > /n\nCMD [\"cat\", \"/n\"]\n",
    );
    // Killed at different moments of a build that writes an 8 MB layer.
    for delay_ms in [20u64, 80, 200, 400] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_layerlab"))
            .arg("--root")
            .arg(&root)
            .args(["build", "-q", "-t", "b", &ctx])
            .output_async();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();
        let images = ok(&root, &["images"]);
        assert!(lists(&images, "a"), "after a kill at {delay_ms} ms:\n{images}");
        assert_eq!(ok(&root, &["run", "--rm", "a"]), "a\n");
    }
    ok(&root, &["build", "-q", "-t", "b", &ctx]);
    assert_eq!(ok(&root, &["run", "--rm", "b"]), "b\n");
}
