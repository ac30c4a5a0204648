//! Runs the built `layerlab parse` binary.

use std::io::Write;
use std::process::{Command, Stdio};

fn layerlab(args: &[&str], stdin: Option<&str>) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_layerlab"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(input) = stdin {
        child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    }
    drop(child.stdin.take());
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

fn fixtures() -> String {
    format!("{}/tests/fixtures/dockerfiles", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn parse_json_from_file() {
    let file = format!("{}/go-multistage.Dockerfile", fixtures());
    let (code, stdout, stderr) = layerlab(&["parse", "--json", "-f", &file], None);
    assert_eq!(code, 0, "{stderr}");
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let ins = v["instructions"].as_array().unwrap();
    assert_eq!(ins.len(), 14);
    assert_eq!(ins[2]["keyword"], "FROM");
    assert_eq!(ins[2]["args"]["name"], "build");
    assert_eq!(ins[2]["flags"][0]["name"], "platform");
    assert_eq!(ins[6]["start_line"], 10);
    assert_eq!(ins[6]["end_line"], 13);
    assert_eq!(ins[13]["args"], serde_json::json!(["/server"]));
    assert_eq!(ins[13]["json_form"], true);
    assert_eq!(v["warnings"], serde_json::json!([]));
}

#[test]
fn parse_text_from_stdin_and_directory() {
    let (code, stdout, _) = layerlab(&["parse", "-f", "-"], Some("FROM alpine\nRUN echo hi \\\n  there\n"));
    assert_eq!(code, 0);
    assert_eq!(stdout, "    1  FROM alpine\n  2-3  RUN echo hi   there\n");

    let dir = std::env::temp_dir().join(format!("layerlab-parse-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("Dockerfile"), "FROM scratch\nCOPY a /\n").unwrap();
    let (code, stdout, _) = layerlab(&["parse", dir.to_str().unwrap()], None);
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(code, 0);
    assert_eq!(stdout, "    1  FROM scratch\n    2  COPY a /\n");
}

#[test]
fn parse_error_exit_code() {
    let (code, stdout, stderr) = layerlab(&["parse", "-f", "-"], Some("FROM alpine\n\nRUNN echo\n"));
    assert_eq!(code, 1);
    assert_eq!(stdout, "");
    assert_eq!(stderr, "layerlab: Dockerfile:3: unknown instruction: RUNN (did you mean RUN?)\n");
    let (code, _, stderr) = layerlab(&["parse", "/nonexistent/Dockerfile"], None);
    assert_eq!(code, 1);
    assert!(stderr.starts_with("layerlab: /nonexistent/Dockerfile: "), "{stderr}");
}

/// `parse --json` prints what BuildKit's parser accepts, the problems as diagnostics; a
/// build of the same file still refuses it with Docker's wording.
#[test]
fn parse_json_reports_diagnostics_that_build_refuses() {
    let src = "RUN echo hi\nFROM alpine\nHEALTHCHECK\n";
    let (code, stdout, stderr) = layerlab(&["parse", "--json", "-f", "-"], Some(src));
    assert_eq!(code, 0, "{stderr}");
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let keywords: Vec<&str> =
        v["instructions"].as_array().unwrap().iter().map(|i| i["keyword"].as_str().unwrap()).collect();
    assert_eq!(keywords, ["RUN", "FROM", "HEALTHCHECK"]);
    assert_eq!(
        v["diagnostics"],
        serde_json::json!([
            {"severity": "error", "line": 1, "message": "no build stage in current context"},
            {"severity": "error", "line": 3, "message": "HEALTHCHECK requires at least one argument"}
        ])
    );
    // What BuildKit's parser itself rejects still fails.
    let (code, stdout, stderr) = layerlab(&["parse", "--json", "-f", "-"], Some("FROM a\nRUN [\"a\", 1]\n"));
    assert_eq!((code, stdout.as_str()), (1, ""));
    assert!(stderr.contains("arrays must be comprised of strings only"), "{stderr}");

    let dir = std::env::temp_dir().join(format!("layerlab-parse-build-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("ctx")).unwrap();
    std::fs::write(dir.join("ctx/Dockerfile"), src).unwrap();
    let root = dir.join("root");
    let (code, _, stderr) =
        layerlab(&["--root", root.to_str().unwrap(), "build", dir.join("ctx").to_str().unwrap()], None);
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(code, 1);
    assert!(stderr.contains("no build stage in current context"), "{stderr}");
}
