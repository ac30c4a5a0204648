//! End-to-end tests of the interpreter through [`run_script`].

use super::*;
use crate::util::DEFAULT_PATH;
use crate::vfs::{Meta, Tree};

pub(super) fn base() -> Tree {
    let mut t = Tree::new();
    for d in ["/bin", "/tmp", "/etc", "/root", "/work"] {
        t.mkdir_all("/", d, Meta::root(0o755)).unwrap();
    }
    t.write_file("/", "/bin/busybox", "\x7fELF".into(), Meta::root(0o755)).unwrap();
    for a in applets::busybox_names() {
        let _ = t.symlink("/", "/bin/busybox", &format!("/bin/{a}"), Meta::root(0o777));
    }
    // Programs a Debian-like image has besides busybox.
    t.mkdir_all("/", "/usr/sbin", Meta::root(0o755)).unwrap();
    t.mkdir_all("/", "/usr/bin", Meta::root(0o755)).unwrap();
    for p in ["/usr/sbin/useradd", "/usr/sbin/groupadd", "/usr/bin/curl"] {
        t.write_file("/", p, "\x7fELF".into(), Meta::root(0o755)).unwrap();
    }
    t.write_file(
        "/",
        "/etc/passwd",
        "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/sbin/nologin\n".into(),
        Meta::root(0o644),
    )
    .unwrap();
    t.write_file("/", "/etc/group", "root:x:0:\nnogroup:x:65534:\n".into(), Meta::root(0o644)).unwrap();
    t
}

pub(super) fn proc() -> Process {
    let mut env = BTreeMap::new();
    env.insert("PATH".to_string(), DEFAULT_PATH.to_string());
    env.insert("HOME".to_string(), "/root".to_string());
    Process {
        cwd: "/work".into(),
        env,
        uid: 0,
        gid: 0,
        now: 1_700_000_000,
        stdin: Vec::new(),
        network: Default::default(),
    }
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

#[test]
fn control_flow() {
    assert_eq!(out("if false; then echo a; elif true; then echo b; else echo c; fi"), "b\n");
    assert_eq!(out("for i in 1 2 3; do [ $i = 2 ] && continue; echo $i; done"), "1\n3\n");
    assert_eq!(out("i=0; while [ $i -lt 5 ]; do i=$((i+1)); [ $i = 3 ] && break; done; echo $i"), "3\n");
    assert_eq!(out("i=0; until [ $i -ge 2 ]; do i=$((i+1)); done; echo $i"), "2\n");
    assert_eq!(out("case foo.txt in *.md) echo md;; *.txt|*.text) echo txt;; esac"), "txt\n");
    assert_eq!(out("f() { local x=in; echo $x $1; return 3; }; x=out; f arg; echo $? $x"), "in arg\n3 out\n");
    assert_eq!(out("(cd /tmp; x=1); echo $PWD${x:-unset}"), "unset\n");
    assert_eq!(out("cd /tmp && pwd; (cd /; pwd); pwd"), "/tmp\n/\n/tmp\n");
    assert_eq!(out("echo a | { read v; echo got $v; }"), "got a\n");
    assert_eq!(out("echo a | read v; echo \"[$v]\""), "[]\n");
    assert_eq!(out("false || echo or; true && echo and; ! false && echo not"), "or\nand\nnot\n");
    assert_eq!(sh("set -e; false; echo no").2, 1);
    assert_eq!(sh("set -e; if false; then :; fi; false || true; echo yes").0, "yes\n");
    assert_eq!(sh("exit 3").2, 3);
    assert_eq!(sh("(exit 4); echo $?").0, "4\n");
    assert_eq!(out("eval 'x=5; echo $x'"), "5\n");
    assert_eq!(out("set -- a b c; shift; echo $# $1 $*"), "2 b b c\n");
    assert_eq!(out("trap 'echo bye' EXIT; echo hi"), "hi\nbye\n");
    assert_eq!(out("false; set -o pipefail; false | true; echo $?"), "1\n");
}

#[test]
fn errors_and_lookup() {
    let (o, e, c) = sh("nosuch");
    assert_eq!((o.as_str(), e.as_str(), c), ("", "/bin/sh: nosuch: not found\n", 127));
    assert_eq!(sh("if true; then echo a; fi fi").1, "/bin/sh: syntax error: unexpected \"fi\"\n");
    assert_eq!(sh("if true; then echo a; fi fi").2, 2);
    assert_eq!(sh("set -u; echo $nope; echo after"), (String::new(), "/bin/sh: nope: parameter not set\n".into(), 2));
    let mut t = base();
    t.write_file("/", "/work/blob", "\0binary".into(), Meta::root(0o755)).unwrap();
    assert_eq!(sh_in(&mut t, "./blob").2, 126);
    t.write_file("/", "/work/s.sh", "#!/bin/sh\necho script $1 $0\nexit 5\n".into(), Meta::root(0o755)).unwrap();
    assert_eq!(sh_in(&mut t, "./s.sh arg; echo $?").0, "script arg ./s.sh\n5\n");
    assert_eq!(sh_in(&mut t, "sh s.sh x").0, "script x s.sh\n");
    assert_eq!(out("command -v ls; type cd; busybox echo hi"), "/bin/ls\ncd is a shell builtin\nhi\n");
    let mut empty = Tree::new();
    assert_eq!(sh_in(&mut empty, "ls").2, 127);
    assert_eq!(sh_in(&mut empty, "echo builtin-works").0, "builtin-works\n");
}

#[test]
fn redirections_and_files() {
    let mut t = base();
    let (o, _, _) = sh_in(&mut t, "echo one > f; echo two >> f; cat f; cat < f | wc -l; echo err >&2 2>/dev/null; ls nope 2>/dev/null || echo missing");
    assert_eq!(o, "one\ntwo\n2\nmissing\n");
    let (o, e, _) = sh_in(&mut t, "{ echo out; echo err >&2; } 2>&1 | sort; echo x 2>&1 >/dev/null");
    assert_eq!((o.as_str(), e.as_str()), ("err\nout\n", ""));
    let (o, _, _) = sh_in(&mut t, "cat <<EOF\nhome=$HOME\n  $(echo sub)\nEOF\ncat <<'E'\n$HOME\nE");
    assert_eq!(o, "home=/root\n  sub\n$HOME\n");
    let (o, _, _) = sh_in(
        &mut t,
        "mkdir -p a/b/c && touch a/b/c/x && ls a/b/c && cp -r a z && ls z/b/c && mv z y && ls && rm -rf a y && ls",
    );
    assert_eq!(o, "x\nx\na\nf\ny\nf\n");
    let (o, _, _) = sh_in(&mut t, "ln -s f link; readlink link; cat link; chmod 700 f; stat -c '%a %U %s' f");
    assert_eq!(o, "f\none\ntwo\n700 root 8\n");
    let (o, _, _) = sh_in(&mut t, "echo *; echo f*; echo nomatch*; set -f; echo *");
    assert_eq!(o, "f link\nf\nnomatch*\n*\n");
    assert!(t.get("/work/f").is_some());
    let (o, _, _) = sh_in(
        &mut t,
        "while read a b; do echo \"$b-$a\"; done < f; while read l; do echo \"[$l]\"; done <<EOF\n x y \nEOF",
    );
    assert_eq!(o, "-one\n-two\n[x y]\n");
}

#[test]
fn budgets_stop_runaways() {
    let mut t = base();
    let mut b = Budget { steps_left: 10_000, bytes_left: 1 << 20, slept_ms: 0 };
    let o = run_script(&mut t, &proc(), "while true; do :; done", &mut b);
    assert!(matches!(o.stopped, Some(BudgetError::Steps(10_000))));
    assert_eq!(o.code, STOPPED_STATUS);
    let mut b = Budget { steps_left: 10_000, bytes_left: 1 << 20, slept_ms: 0 };
    let o = run_script(&mut t, &proc(), "yes > /work/y", &mut b);
    assert!(matches!(o.stopped, Some(BudgetError::Bytes(_))));
    let mut b = Budget::default();
    let o = run_script(&mut t, &proc(), "yes | head -n 2", &mut b);
    assert_eq!(o.stdout, b"y\ny\n");
    assert!(o.stopped.is_none());
}

#[test]
fn text_applets() {
    assert_eq!(out("printf 'b\\na\\nc\\na\\n' | sort | uniq -c"), "      2 a\n      1 b\n      1 c\n");
    assert_eq!(out("printf '10\\n9\\n100\\n' | sort -n | head -n 2"), "9\n10\n");
    assert_eq!(out("echo a:b:c | cut -d: -f2,3; echo hello | cut -c2-4"), "b:c\nell\n");
    assert_eq!(out("echo Hello | tr a-z A-Z; echo aabbcc | tr -s ab; echo abc | tr -d b"), "HELLO\nabcc\nac\n");
    assert_eq!(
        out("seq 3; seq 2 2 6 | tail -n 1; printf 'a b\\nc\\n' | wc -l -w"),
        "1\n2\n3\n6\n        2         3\n"
    );
    assert_eq!(out("basename /a/b.txt .txt; dirname /a/b.txt; echo abc | rev"), "b\n/a\ncba\n");
    assert_eq!(out("echo hello | sha256sum; echo hello | md5sum; echo hi | base64; echo aGkK | base64 -d"),
        "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03  -\nb1946ac92492d2347c6235b4d2611184  -\naGkK\nhi\n");
    assert_eq!(
        out("date +%Y-%m-%d; uname -m; id -u; whoami; id"),
        "2023-11-14\nx86_64\n0\nroot\nuid=0(root) gid=0(root) groups=0(root)\n"
    );
    assert_eq!(sh("wget -q http://nonexistent.invalid/x").1, "wget: bad address 'nonexistent.invalid'\n");
    assert_eq!(sh("curl -fsSL https://nonexistent.invalid/x").2, 6);
    assert!(sh("wget -q -O- https://example.com/").0.contains("<h1>example.com</h1>"));
}

#[test]
fn users_and_archives() {
    let mut t = base();
    let (o, _, c) = sh_in(
        &mut t,
        "adduser -D -u 1000 app && id app && mkdir -p /srv && chown -R app:app /srv && stat -c '%U:%G %a' /srv",
    );
    assert_eq!(c, 0);
    assert_eq!(o, "uid=1000(app) gid=1000(app) groups=1000(app)\napp:app 755\n");
    let (o, _, c) = sh_in(&mut t, "mkdir -p d/s && echo hi > d/s/f && tar czf a.tgz d && rm -rf d && tar xzf a.tgz && cat d/s/f && tar tzf a.tgz && gzip d/s/f && zcat d/s/f.gz");
    assert_eq!(c, 0);
    assert_eq!(o, "hi\nd/\nd/s/\nd/s/f\nhi\n");
}

#[test]
fn grep_sed_find() {
    let mut t = base();
    sh_in(&mut t, "mkdir -p src/a; printf 'alpha\\nbeta\\nGamma\\n' > src/a/x.txt; printf 'one\\ntwo\\n' > src/y.md");
    assert_eq!(sh_in(&mut t, "grep -n a src/a/x.txt").0, "1:alpha\n2:beta\n3:Gamma\n");
    assert_eq!(sh_in(&mut t, "grep -ic gamma src/a/x.txt; grep -v a src/a/x.txt; echo $?").0, "1\n1\n");
    assert_eq!(sh_in(&mut t, "grep -r o src | sort").0, "src/y.md:one\nsrc/y.md:two\n");
    assert_eq!(
        sh_in(&mut t, "grep -E 'al|be' -o src/a/x.txt; grep -qw bet src/a/x.txt || echo nope").0,
        "al\nbe\nnope\n"
    );
    assert_eq!(sh_in(&mut t, "sed -n '2p' src/a/x.txt; sed 's/a/A/g;1d' src/a/x.txt").0, "beta\nbetA\nGAmmA\n");
    assert_eq!(sh_in(&mut t, "sed -i 's/one/ONE/' src/y.md && cat src/y.md").0, "ONE\ntwo\n");
    assert_eq!(
        sh_in(&mut t, "find src -name '*.txt'; find src -type d | sort; find . -maxdepth 1 -type f").0,
        "src/a/x.txt\nsrc\nsrc/a\n"
    );
    assert_eq!(
        sh_in(&mut t, "find src -name '*.md' -exec cat {} \\;; find src -type f -exec echo {} + ").0,
        "ONE\ntwo\nsrc/a/x.txt src/y.md\n"
    );
    assert_eq!(
        sh_in(&mut t, "find src -name '*.md' -delete; ls src; find src | xargs -n1 basename").0,
        "a\nsrc\na\nx.txt\n"
    );
}

#[test]
fn tracing_and_interleaving() {
    let mut t = base();
    let mut b = Budget::default();
    let o = run_script(&mut t, &proc(), "set -x; x='a b'; echo \"$x\" | cat", &mut b);
    assert_eq!(String::from_utf8_lossy(&o.stderr), "+ x='a b'\n+ echo 'a b'\n+ cat\n");
    assert_eq!(String::from_utf8_lossy(&o.combined), "+ x='a b'\n+ echo 'a b'\n+ cat\na b\n");
    let o = run_script(&mut t, &proc(), "echo out1; ls /nope; echo out2 >&2; echo out3", &mut b);
    assert_eq!(String::from_utf8_lossy(&o.combined), "out1\nls: /nope: No such file or directory\nout2\nout3\n");
    let o = run_script(&mut t, &proc(), "ls /nope &> /work/log; cat /work/log", &mut b);
    assert_eq!(String::from_utf8_lossy(&o.stdout), "ls: /nope: No such file or directory\n");
}

#[test]
fn exec_form() {
    let mut t = base();
    let mut b = Budget::default();
    let argv: Vec<String> = ["echo", "a  b", "$HOME"].iter().map(|s| s.to_string()).collect();
    let o = run_argv(&mut t, &proc(), &argv, &mut b);
    assert_eq!((o.stdout.as_slice(), o.code), (&b"a  b $HOME\n"[..], 0));
    let o = run_argv(&mut t, &proc(), &["nosuch".to_string()], &mut b);
    assert_eq!(o.code, 127);
    assert_eq!(String::from_utf8_lossy(&o.stderr), "exec: \"nosuch\": executable file not found in $PATH\n");
    let argv: Vec<String> = ["sh", "-c", "echo $0 $1", "name", "arg"].iter().map(|s| s.to_string()).collect();
    assert_eq!(run_argv(&mut t, &proc(), &argv, &mut b).stdout, b"name arg\n");
}

#[test]
fn long_listing_and_sizes() {
    let mut t = base();
    let (o, _, _) = sh_in(&mut t, "mkdir d; echo hello > d/f; ln -s f d/l; ls -l d; ls -ln d/f; du -s d; df | head -1");
    let now = crate::shell::applets::strftime_for_tests("%b %e %H:%M", 1_700_000_000);
    assert_eq!(
        o,
        format!(
            "total 4\n-rw-r--r--    1 root     root             6 {now} f\nlrwxrwxrwx    1 root     root             1 {now} l -> f\n-rw-r--r--    1 0        0                6 {now} d/f\n8\td\nFilesystem           1K-blocks      Used Available Use% Mounted on\n"
        )
    );
    let (o, _, _) = sh_in(
        &mut t,
        "dd if=/dev/zero of=big bs=1024 count=1100 2>/dev/null; ls -lh big | awk '{print $1, $5}'; du -h big",
    );
    assert_eq!(o, "-rw-r--r-- 1.1M\n1.1M\tbig\n");
}

#[test]
fn user_management() {
    let mut t = base();
    let (_, e, c) = sh_in(
        &mut t,
        "addgroup -S svc && adduser -S -D -H -G svc svc && useradd -m -u 2000 -s /bin/bash dev && groupadd -g 3000 ops",
    );
    assert_eq!((e.as_str(), c), ("", 0));
    let passwd = String::from_utf8_lossy(&t.read("/", "/etc/passwd").unwrap().bytes()).into_owned();
    assert!(passwd.contains("svc:x:100:100:Linux User,,,:/home/svc:/sbin/nologin\n"), "{passwd}");
    assert!(passwd.contains("dev:x:2000:2000::/home/dev:/bin/bash\n"), "{passwd}");
    assert!(t.get("/home/dev").is_some_and(|n| n.meta.uid == 2000 && n.is_dir()));
    assert!(t.get("/home/svc").is_none());
    let (o, _, _) = sh_in(&mut t, "id svc; id -gn dev; grep ops /etc/group; adduser -D svc; echo $?");
    assert_eq!(o, "uid=100(svc) gid=100(svc) groups=100(svc)\ndev\nops:x:3000:\n1\n");
}

#[test]
fn busybox_install_links_the_applets() {
    let mut t = Tree::new();
    t.mkdir_all("/", "/bin", Meta::root(0o755)).unwrap();
    t.mkdir_all("/", "/opt/b", Meta::root(0o755)).unwrap();
    t.write_file("/", "/bin/busybox", "\x7fELF\0".into(), Meta::root(0o755)).unwrap();
    t.write_file("/", "/bin/cat", "mine".into(), Meta::root(0o644)).unwrap();
    assert_eq!(sh_in(&mut t, "/bin/busybox --install -s /bin; echo $?").0, "0\n");
    assert!(matches!(&t.get("/bin/sh").unwrap().kind, crate::vfs::NodeKind::Symlink(s) if s == "/bin/busybox"));
    assert_eq!(t.get("/bin/sh").unwrap().meta.mode, 0o777);
    assert!(t.get("/bin/cat").unwrap().is_file(), "existing names are kept");
    assert!(t.get("/bin/curl").is_none() && t.get("/bin/useradd").is_none());
    assert_eq!(
        sh_in(&mut t, "busybox --install /opt/b; busybox --install -s /nodir 2>&1 | head -1").0,
        "busybox: /nodir/[: No such file or directory\n"
    );
    let (sh_node, bb) = (t.get("/opt/b/sh").unwrap(), t.get("/bin/busybox").unwrap());
    assert!(sh_node.is_file() && sh_node.ino == bb.ino, "hard links without -s");
    assert_eq!(sh_in(&mut t, "ls /bin | wc -l").0, format!("{}\n", applets::busybox_names().count()));
}

#[test]
fn xtrace_quotes_like_busybox_ash() {
    let (_, err, _) = sh("set -x; echo done \"it's\" '' a{b x] ^P= 1.2; X='a b' Y= true");
    assert_eq!(err, "+ echo 'done' 'it'\"'\"'s'  'a{b' x] '^P=' 1.2\n+ X='a b' Y= true\n");
}

#[test]
fn sleep_counts_virtual_time() {
    let mut t = base();
    let mut b = Budget::default();
    let o = run_script(&mut t, &proc(), "sleep 1.5 2m; sleep 0.25s && sleep 1d", &mut b);
    assert_eq!((o.code, o.slept_ms), (0, 1_500 + 120_000 + 250 + 86_400_000));
    let o = run_script(&mut t, &proc(), "sleep infinity", &mut Budget::default());
    assert_eq!(o.slept_ms, u64::MAX);
    assert_eq!(sh("sleep 1x"), (String::new(), "sleep: invalid number '1x'\n".into(), 1));
    assert_eq!(sh("sleep +1").1, "sleep: invalid number '+1'\n");
}

#[test]
fn errors_carry_the_line_as_dash_and_bash_number_it() {
    let mut t = base();
    t.write_file("/", "/bin/dash", "\x7fELF".into(), Meta::root(0o755)).unwrap();
    t.write_file("/", "/bin/bash", "\x7fELF".into(), Meta::root(0o755)).unwrap();
    t.remove("/", "/bin/sh", false).unwrap();
    t.symlink("/", "dash", "/bin/sh", Meta::root(0o777)).unwrap();
    let script = "echo a\n\ncat <<EOF\nx\nEOF\nnosuch\nif true; then\n  nosuch2\nfi";
    let (_, err, code) = sh_in(&mut t, script);
    assert_eq!(err, "/bin/sh: 6: nosuch: not found\n/bin/sh: 8: nosuch2: not found\n");
    assert_eq!(code, 127);
    let (_, err, _) = sh_in(&mut t, "bash -c 'true\nnosuch'; sh -c 'f() {\n nosuch\n}\nf'");
    assert_eq!(err, "bash: line 2: nosuch: command not found\nsh: 2: nosuch: not found\n");
    // busybox ash numbers the lines of a script file only.
    let mut t = base();
    t.write_file("/", "/work/s.sh", "echo a\nnosuch\n".into(), Meta::root(0o755)).unwrap();
    assert_eq!(sh_in(&mut t, "sh -c nosuch; ./s.sh").1, "sh: nosuch: not found\n./s.sh: line 2: nosuch: not found\n");
}
