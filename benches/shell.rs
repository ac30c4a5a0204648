//! Shell benchmark: the same scripts through layerlab's simulated shell (over an in-memory
//! tree) and through the real `busybox sh`, with the time of each and the ratio.
//! Run with `cargo bench --bench shell`.

mod common;

use std::collections::BTreeMap;
use std::process::Command;

use common::{header, measure, reps, row};
use layerlab::shell::{install_busybox, run_script, Budget, Process};
use layerlab::util::DEFAULT_PATH;
use layerlab::vfs::{Meta, Tree};

const BUSYBOX: &str = "/usr/bin/busybox";

const SCRIPTS: &[(&str, &str)] = &[
    (
        "arithmetic loop (10k iterations)",
        "i=0; s=0; while [ $i -lt 10000 ]; do s=$(( (s + i * 7) % 100003 )); i=$((i + 1)); done; echo $s",
    ),
    ("seq|sed|grep|sort|uniq -c|wc -l", "seq 1 20000 | sed 's/1/one/g' | grep -v 7 | sort | uniq -c | wc -l"),
    (
        "awk field sums",
        "seq 1 20000 | awk '{ print $1, $1 * 2, $1 % 7 }' | awk '{ a += $1; b += $2; c += $3 } END { print a, b, c }'",
    ),
    ("string building loop (2k)", "s=; for i in $(seq 1 2000); do s=\"$s${i#1}\"; done; echo ${#s}"),
];

fn tree() -> Tree {
    let mut t = Tree::new();
    install_busybox(&mut t, 0);
    for d in ["/tmp", "/root"] {
        t.mkdir_all("/", d, Meta::root(0o755)).unwrap();
    }
    t
}

fn process() -> Process {
    let mut env = BTreeMap::new();
    env.insert("PATH".to_string(), DEFAULT_PATH.to_string());
    env.insert("HOME".to_string(), "/root".to_string());
    Process { cwd: "/".into(), env, uid: 0, gid: 0, now: 0, stdin: Vec::new(), network: Default::default() }
}

fn ours(script: &str) -> String {
    let mut t = tree();
    let mut budget = Budget { steps_left: u64::MAX / 2, bytes_left: u64::MAX / 2, slept_ms: 0 };
    let o = run_script(&mut t, &process(), script, &mut budget);
    assert!(o.stopped.is_none(), "budget stopped {script:?}");
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn native(script: &str) -> String {
    let o = Command::new(BUSYBOX)
        .args(["sh", "-c", script])
        .env_clear()
        .env("PATH", "/usr/bin:/bin")
        .output()
        .expect("busybox runs");
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn main() {
    let n = reps(5);
    let have_busybox = std::path::Path::new(BUSYBOX).exists();
    if !have_busybox {
        println!("note: {BUSYBOX} is missing: native times are not measured (apt-get install busybox-static)");
    }
    header(&format!("shell: layerlab sh vs busybox sh -c ({n} repetitions, min/median)"));
    for (name, script) in SCRIPTS {
        let ours_out = ours(script);
        let ours_t = measure(n, || {
            ours(script);
        });
        let native_t = have_busybox.then(|| {
            let native_out = native(script);
            if native_out != ours_out {
                println!("note: {name}: outputs differ: layerlab {ours_out:?}, busybox {native_out:?}");
            }
            measure(n, || {
                native(script);
            })
        });
        row(name, &ours_t, native_t.as_ref());
    }
    println!("(native times include starting the busybox process)");
}
