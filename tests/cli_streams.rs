//! The `layerlab` binary writes standard output and standard error in the order the engine
//! produced them, as Docker does: with both on one pipe (`2>&1`), `Unable to find image`
//! comes before the container's output.

use std::process::Command;

#[test]
fn run_interleaves_pull_messages_and_output() {
    let root = std::env::temp_dir().join(format!("layerlab-streams-{}", std::process::id()));
    let script = format!(
        "'{}' --root '{}' run --rm busybox sh -c 'echo out1; echo err >&2; echo out2' 2>&1",
        env!("CARGO_BIN_EXE_layerlab"),
        root.display()
    );
    let out = Command::new("sh").arg("-c").arg(&script).output().unwrap();
    std::fs::remove_dir_all(&root).ok();
    let text = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.first(), Some(&"Unable to find image 'busybox:latest' locally"), "{text}");
    assert_eq!(lines[lines.len() - 3..], ["out1", "err", "out2"], "{text}");
    assert!(out.status.success(), "{text}");
}

/// `docker save IMAGE > file`, `docker load < file`, `docker export C > file` and `docker
/// import - NAME < file` go through the standard streams when they are not terminals.
#[test]
fn archives_through_redirected_streams() {
    let root = std::env::temp_dir().join(format!("layerlab-redirect-{}", std::process::id()));
    let tmp = root.join("files");
    std::fs::create_dir_all(&tmp).unwrap();
    let bin = env!("CARGO_BIN_EXE_layerlab");
    let sh = |script: String| {
        let out = Command::new("sh").arg("-c").arg(&script).output().unwrap();
        let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        (out.status.success(), text)
    };
    let l = format!("'{bin}' --root '{}'", root.display());
    let t = tmp.display();
    let (ok, text) = sh(format!("{l} pull -q busybox && {l} save busybox > '{t}/img.tar' && {l} rmi busybox"));
    assert!(ok, "{text}");
    assert!(std::fs::metadata(tmp.join("img.tar")).unwrap().len() > 1_000_000);
    let (ok, text) = sh(format!("{l} load < '{t}/img.tar'"));
    assert!(ok && text.contains("Loaded image: busybox:latest"), "{text}");
    // Through a pipe (read as it comes, not a file that could be read whole), then from a
    // file, into a fresh state: the image runs.
    let (ok, text) = sh(format!("{l} rmi busybox && cat '{t}/img.tar' | {l} load && {l} run --rm busybox echo piped"));
    assert!(ok && text.contains("Loaded image: busybox:latest") && text.ends_with("piped\n"), "{text}");
    let (ok, text) = sh(format!("{l} rmi busybox && {l} load -i '{t}/img.tar' && {l} run --rm busybox echo file"));
    assert!(ok && text.contains("Loaded image: busybox:latest") && text.ends_with("file\n"), "{text}");
    let (ok, text) = sh(format!("head -c 100000 '{t}/img.tar' | {l} load"));
    assert!(!ok && text.contains("unexpected EOF"), "{text}");
    let (ok, text) =
        sh(format!("{l} create --name c1 busybox && {l} export c1 > '{t}/c.tar' && {l} import - flat:1 < '{t}/c.tar'"));
    assert!(ok && text.contains("sha256:"), "{text}");
    let (ok, text) = sh(format!("{l} run --rm flat:1 cat /bin/busybox | wc -c"));
    assert!(ok && text.trim().parse::<u64>().unwrap() > 100_000, "{text}");
    let (ok, text) = sh(format!("{l} load < /dev/null"));
    assert!(!ok && text.contains("requested load from stdin, but stdin is empty"), "{text}");
    std::fs::remove_dir_all(&root).ok();
}

/// `docker create -it … bash` then `docker start -i`: the lines on standard input go to the
/// container's shell, and the container exits with the shell's status.
#[test]
fn start_interactive_attaches_the_shell() {
    let root = std::env::temp_dir().join(format!("layerlab-start-i-{}", std::process::id()));
    let l = format!("'{}' --root '{}'", env!("CARGO_BIN_EXE_layerlab"), root.display());
    let script = format!(
        "{l} create -q -it --name box1 busybox sh >/dev/null && printf 'echo hello from $(hostname)\\nexit 3\\n' | {l} start -i box1; echo rc=$?; {l} ps -a --format '{{{{.Status}}}}'"
    );
    let out = Command::new("sh").arg("-c").arg(&script).output().unwrap();
    std::fs::remove_dir_all(&root).ok();
    let text = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with("hello from ") && lines[0].len() == "hello from ".len() + 12, "{text}");
    assert_eq!(lines[1], "rc=3", "{text}");
    assert!(lines[2].starts_with("Exited (3)"), "{text}");
}
