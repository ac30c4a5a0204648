//! Differential test: every snippet in `tests/shell_corpus/*.sh` runs through layerlab's
//! simulated shell and through the real busybox `sh`; standard output, standard error and
//! exit status must be identical.
//!
//! Needs `busybox` on `PATH` (Debian's busybox-static): in CI its absence fails the test;
//! elsewhere the test is skipped with a note.

#[path = "fixtures/tools.rs"]
mod tools;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use layerlab::shell::{install_busybox, run_script, Budget, Process};
use layerlab::vfs::{Meta, Tree};

fn corpus() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/shell_corpus");
    let mut v: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("corpus directory")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "sh"))
        .collect();
    layerlab::util::sort::sort(&mut v);
    v
}

fn temp_dir(tag: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("layerlab-diff-{}-{tag}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

/// Runs a snippet through the real busybox in a fresh working directory.
fn real(applets: &Path, script: &str, name: &str) -> (String, String, i32) {
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
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (text(&out.stdout), text(&out.stderr), out.status.code().unwrap_or(-1))
}

/// Runs a snippet through layerlab's shell over a small busybox-like tree.
fn simulated(script: &str) -> (String, String, i32) {
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
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (text(&o.stdout), text(&o.stderr), o.code)
}

#[test]
fn corpus_matches_busybox() {
    let Some(found) = tools::require("corpus_matches_busybox", &["busybox"], false) else { return };
    let applets = temp_dir("applets");
    let st = Command::new(&found[0]).arg("--install").arg("-s").arg(&applets).status().expect("busybox --install");
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
                "=== {name}: busybox exit {} vs layerlab exit {}\n--- busybox stdout\n{}--- layerlab stdout\n{}--- busybox stderr\n{}--- layerlab stderr\n{}",
                want.2, got.2, want.0, got.0, want.1, got.1
            ));
        }
    }
    let _ = std::fs::remove_dir_all(&applets);
    assert!(failures.is_empty(), "{} snippet(s) differ:\n{}", failures.len(), failures.join("\n"));
}
