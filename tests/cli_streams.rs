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
