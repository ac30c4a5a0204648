//! Runs a shell snippet through layerlab's simulated shell over a small busybox-like tree
//! (the one the busybox differential test uses) and prints its standard output, standard
//! error and exit status: a debugging aid for the shell corpus.
//!
//! `cargo run --example shell_snippet -- tests/shell_corpus/NAME.sh` (or `-` for stdin).

use std::collections::BTreeMap;
use std::io::Read;

use layerlab::shell::{install_busybox, run_script, Budget, Process};
use layerlab::vfs::{Meta, Tree};

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: shell_snippet FILE|-");
        std::process::exit(2);
    };
    let script = if path == "-" {
        let mut s = String::new();
        std::io::stdin().read_to_string(&mut s).expect("reading stdin");
        s
    } else {
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
    };
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
    let p = Process {
        cwd: "/work".into(),
        env,
        uid: 0,
        gid: 0,
        now,
        stdin: Vec::new(),
        network: Default::default(),
        procs: Vec::new(),
    };
    let o = run_script(&mut t, &p, &script, &mut Budget::default());
    print!(
        "--- stdout\n{}--- stderr\n{}--- exit {}\n",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr),
        o.code
    );
}
