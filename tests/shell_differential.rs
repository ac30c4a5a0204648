//! Differential test: every snippet in `tests/shell_corpus/*.sh` runs through layerlab's
//! simulated shell and through the real busybox `sh`; standard output and exit status must
//! be identical.
//!
//! Needs `/usr/bin/busybox` (Debian's busybox-static); skipped with a message without it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use layerlab::shell::{install_busybox, run_script, Budget, Process};
use layerlab::vfs::{Meta, Tree};

const BUSYBOX: &str = "/usr/bin/busybox";

fn corpus() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/shell_corpus");
    let mut v: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("corpus directory")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "sh"))
        .collect();
    v.sort();
    v
}

fn temp_dir(tag: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("layerlab-diff-{}-{tag}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

/// Runs a snippet through the real busybox in a fresh working directory.
fn real(applets: &Path, script: &str, name: &str) -> (String, i32) {
    let work = temp_dir(&format!("work-{name}"));
    let out = Command::new(applets.join("sh"))
        .arg("-c")
        .arg(script)
        .current_dir(&work)
        .env_clear()
        .env("PATH", applets)
        .stdin(Stdio::null())
        .output()
        .expect("running busybox sh");
    let _ = std::fs::remove_dir_all(&work);
    (String::from_utf8_lossy(&out.stdout).into_owned(), out.status.code().unwrap_or(-1))
}

/// Runs a snippet through layerlab's shell over a small busybox-like tree.
fn simulated(script: &str) -> (String, i32) {
    let now = 1_700_000_000;
    let mut t = Tree::new();
    for d in ["/etc", "/tmp", "/work", "/root"] {
        t.mkdir_all("/", d, Meta { mode: 0o755, uid: 0, gid: 0, mtime: now }).unwrap();
    }
    install_busybox(&mut t, now);
    t.write_file("/", "/etc/passwd", "root:x:0:0:root:/root:/bin/sh\n".into(), Meta::root(0o644)).unwrap();
    t.write_file("/", "/etc/group", "root:x:0:root\n".into(), Meta::root(0o644)).unwrap();
    let mut env = BTreeMap::new();
    env.insert("PATH".to_string(), "/bin".to_string());
    let p = Process { cwd: "/work".into(), env, uid: 0, gid: 0, now, stdin: Vec::new(), network: Default::default() };
    let mut b = Budget::default();
    let o = run_script(&mut t, &p, script, &mut b);
    (String::from_utf8_lossy(&o.stdout).into_owned(), o.code)
}

#[test]
fn corpus_matches_busybox() {
    if !Path::new(BUSYBOX).exists() {
        eprintln!("SKIPPED: {BUSYBOX} is missing; install busybox-static to run the differential shell test");
        return;
    }
    let applets = temp_dir("applets");
    let st = Command::new(BUSYBOX).arg("--install").arg("-s").arg(&applets).status().expect("busybox --install");
    assert!(st.success(), "busybox --install -s failed");
    let only = std::env::var("SHELL_CORPUS_ONLY").ok();
    let mut failures = Vec::new();
    let files = corpus();
    assert!(files.len() >= 30, "the corpus should have dozens of snippets");
    for f in files {
        let name = f.file_stem().unwrap().to_string_lossy().into_owned();
        if only.as_deref().is_some_and(|o| o != name) {
            continue;
        }
        let script = std::fs::read_to_string(&f).unwrap();
        let want = real(&applets, &script, &name);
        let got = simulated(&script);
        if want != got {
            failures.push(format!(
                "=== {name}: busybox exit {} vs layerlab exit {}\n--- busybox stdout\n{}--- layerlab stdout\n{}",
                want.1, got.1, want.0, got.0
            ));
        }
    }
    let _ = std::fs::remove_dir_all(&applets);
    assert!(failures.is_empty(), "{} snippet(s) differ:\n{}", failures.len(), failures.join("\n"));
}

/// Runs `$SHELL_SNIPPET` through the simulation and prints the outcome (a debugging aid).
#[test]
fn debug_snippet() {
    let Ok(path) = std::env::var("SHELL_SNIPPET") else { return };
    let script = std::fs::read_to_string(path).unwrap();
    let now = 1_700_000_000;
    let mut t = Tree::new();
    t.mkdir_all("/", "/work", Meta { mode: 0o755, uid: 0, gid: 0, mtime: now }).unwrap();
    install_busybox(&mut t, now);
    let mut env = BTreeMap::new();
    env.insert("PATH".to_string(), "/bin".to_string());
    let p = Process { cwd: "/work".into(), env, uid: 0, gid: 0, now, stdin: Vec::new(), network: Default::default() };
    let o = run_script(&mut t, &p, &script, &mut Budget::default());
    println!("{}---\n{}--- exit {}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr), o.code);
}
