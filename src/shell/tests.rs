//! End-to-end tests of the interpreter through [`run_script`].

use super::*;
use crate::vfs::{Meta, Tree};

fn base() -> Tree {
    let mut t = Tree::new();
    for d in ["/bin", "/tmp", "/etc", "/root", "/work"] {
        t.mkdir_all("/", d, Meta::root(0o755)).unwrap();
    }
    t.write_file("/", "/bin/busybox", "\x7fELF".into(), Meta::root(0o755)).unwrap();
    for a in applets::LIST {
        let _ = t.symlink("/", "/bin/busybox", &format!("/bin/{a}"), Meta::root(0o777));
    }
    t.write_file("/", "/etc/passwd", "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/sbin/nologin\n".into(), Meta::root(0o644)).unwrap();
    t.write_file("/", "/etc/group", "root:x:0:\nnogroup:x:65534:\n".into(), Meta::root(0o644)).unwrap();
    t
}

fn proc() -> Process {
    let mut env = BTreeMap::new();
    env.insert("PATH".to_string(), DEFAULT_PATH.to_string());
    env.insert("HOME".to_string(), "/root".to_string());
    Process { cwd: "/work".into(), env, uid: 0, gid: 0, now: 1_700_000_000, stdin: Vec::new() }
}

/// Runs a script over a fresh base tree; returns (stdout, stderr, code).
fn sh(script: &str) -> (String, String, i32) {
    let mut t = base();
    sh_in(&mut t, script)
}

fn sh_in(t: &mut Tree, script: &str) -> (String, String, i32) {
    let mut b = Budget::default();
    let o = run_script(t, &proc(), script, &mut b);
    (String::from_utf8_lossy(&o.stdout).into_owned(), String::from_utf8_lossy(&o.stderr).into_owned(), o.code)
}

fn out(script: &str) -> String {
    sh(script).0
}

#[test]
fn quoting_and_expansion() {
    assert_eq!(out("echo 'a  b' \"c  d\" e\\ f"), "a  b c  d e f\n");
    assert_eq!(out("x='1 2'; set -- $x; echo $#; echo \"$x\""), "2\n1 2\n");
    assert_eq!(out("echo ${u-def} ${u:-d2}; u=; echo ${u-def} ${u:-d2}"), "def d2\nd2\n");
    assert_eq!(out("f=a.tar.gz; echo ${f%.*} ${f%%.*} ${f#*.} ${f##*.} ${#f}"), "a.tar a tar.gz gz 8\n");
    assert_eq!(out("IFS=:; x=a:b::c; for i in $x; do echo \"[$i]\"; done"), "[a]\n[b]\n[]\n[c]\n");
    assert_eq!(out("echo $((7/2)) $((2**10)) $((x=5)) $x"), "3 1024 5 5\n");
    assert_eq!(out("echo $(echo a; echo b) `echo c`"), "a b c\n");
    assert_eq!(out("set -- a 'b c'; for x in \"$@\"; do echo \"<$x>\"; done"), "<a>\n<b c>\n");
    assert_eq!(out("echo ~ ~/x"), "/root /root/x\n");
    assert_eq!(out("x=abc; echo ${x:1:1} ${x/b/B}"), "b aBc\n");
    assert_eq!(out("echo ''x \"\"y"), "x y\n");
}
