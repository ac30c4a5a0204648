//! Tests of `scripts/setup.sh`, the installer behind the README's two commands.
//!
//! Each step must check for the *command* it needs and install a package only when that
//! command is missing (a machine whose `node` bundles `npm` installs nothing for npm), and
//! the whole setup must end with every command present when the tools cache is empty.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("layerlab-setup-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Runs `script` in bash after sourcing setup.sh, with `path` as PATH.
fn bash(script: &str, path: &str, tools: &Path) -> Output {
    Command::new("/bin/bash")
        .arg("-c")
        .arg(format!(". scripts/setup.sh\n{script}"))
        .current_dir(repo())
        .env("PATH", path)
        .env("LAYERLAB_TOOLS", tools)
        .output()
        .expect("bash runs")
}

/// The system PATH without any cached layerlab tools folder.
fn system_path() -> String {
    let home = std::env::var("HOME").unwrap_or_default();
    let mut parts: Vec<String> = std::env::var("PATH")
        .unwrap_or_default()
        .split(':')
        .filter(|p| !p.contains("layerlab-tools") && !p.contains("node_modules"))
        .map(String::from)
        .collect();
    let cargo_bin = format!("{home}/.cargo/bin");
    if !parts.contains(&cargo_bin) {
        parts.insert(0, cargo_bin);
    }
    parts.join(":")
}

/// A stand-in for `apt-get` (through `as_root`) that records what it was asked and, for an
/// install, puts the command each package provides into `bin`.
const FAKE_APT: &str = r#"
as_root() {
  echo "$*" >> "$LOG"
  case " $* " in
    *" install "*) for a in "$@"; do case "$a" in -*|env|DEBIAN_FRONTEND=*|apt-get|install) ;; *)
      [ "$a" = broken-pkg ] && return 100
      # The command each Debian package provides, where its name differs.
      case "$a" in nodejs) c=node;; chromium-driver) c=chromedriver;; *) c="$a";; esac
      printf '#!/bin/sh\n' > "$BIN/$c"; chmod +x "$BIN/$c";; esac; done ;;
  esac
}
"#;

#[test]
fn only_missing_commands_are_installed() {
    let dir = temp_dir("fake-apt");
    let bin = dir.join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let log = dir.join("apt.log");
    std::fs::write(&log, "").unwrap();
    // `sh` stands for a command the machine has; `frobnicate` for one it lacks.
    let script = format!(
        "export LOG={log} BIN={bin}\n{FAKE_APT}\nensure_cmd sh dash\nensure_cmd frobnicate frobnicate\necho OK",
        log = log.display(),
        bin = bin.display()
    );
    let path = format!("{}:{}", bin.display(), system_path());
    let out = bash(&script, &path, &dir);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "setup failed: {stderr}");
    let calls = std::fs::read_to_string(&log).unwrap();
    assert!(!calls.contains("dash"), "a present command was installed: {calls}");
    assert!(calls.contains("install -y -qq frobnicate"), "the missing command was not installed: {calls}");
    assert!(stderr.contains("'frobnicate' is missing"), "no message names the missing command: {stderr}");
}

#[test]
fn a_failed_install_names_the_command_and_what_it_tried() {
    let dir = temp_dir("fake-apt-fail");
    let bin = dir.join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let log = dir.join("apt.log");
    let script = format!(
        "export LOG={log} BIN={bin}\n{FAKE_APT}\nensure_cmd gizmo broken-pkg\necho NOT-REACHED",
        log = log.display(),
        bin = bin.display()
    );
    let path = format!("{}:{}", bin.display(), system_path());
    let out = bash(&script, &path, &dir);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(!String::from_utf8_lossy(&out.stdout).contains("NOT-REACHED"));
    assert!(stderr.contains("'gizmo' is missing and 'apt-get install broken-pkg' failed"), "{stderr}");
}

#[test]
fn node_that_bundles_npm_needs_no_debian_npm() {
    let dir = temp_dir("node");
    let log = dir.join("apt.log");
    std::fs::write(&log, "").unwrap();
    let script = format!(
        "export LOG={log} BIN={dir}\n{FAKE_APT}\nensure_node\nnpm --version",
        log = log.display(),
        dir = dir.display()
    );
    let out = bash(&script, &system_path(), &dir);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let calls = std::fs::read_to_string(&log).unwrap();
    assert!(calls.is_empty(), "node and npm are present, yet setup asked apt for: {calls}");
}

/// The whole setup with an empty tools cache and a PATH without the cached tools ends with
/// every command the build and tests rely on.
#[test]
fn empty_tools_cache_ends_with_every_command() {
    let npm_reachable = Command::new("npm")
        .args(["view", "binaryen@132", "version"])
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    if !npm_reachable {
        assert!(std::env::var("CI").is_err(), "the npm registry cannot be reached in CI");
        println!("note: the npm registry cannot be reached; skipping the empty-cache setup run");
        return;
    }
    let tools = temp_dir("tools");
    let check = "for c in node npm wasm-opt trunk wasm-bindgen chromium chromedriver skopeo umoci buildah; do \
                 command -v \"$c\" >/dev/null || { echo \"missing: $c\"; exit 1; }; done; \
                 [ -x /usr/bin/busybox ] || { echo 'missing: busybox'; exit 1; }; \
                 wasm-opt --version";
    let out = bash(&format!("setup_test\n{check}"), &system_path(), &tools);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "setup failed:\n{stdout}\n{}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout.contains("version_132"), "{stdout}");
    assert!(tools.join("node_modules/.bin/wasm-opt").exists(), "wasm-opt was not installed into the empty cache");
    let _ = std::fs::remove_dir_all(&tools);
}

/// On a machine that lacks every tool, each `ensure_*` step asks Debian for the package that
/// provides its command, and ends with the command present.
#[test]
fn each_step_installs_the_package_of_its_missing_command() {
    let dir = temp_dir("bare");
    let bin = dir.join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    // A bare PATH: only what setup.sh and the fake apt themselves need.
    for tool in ["chmod", "dirname"] {
        let real = Command::new("bash").args(["-c", &format!("command -v {tool}")]).output().unwrap();
        let real = String::from_utf8_lossy(&real.stdout).trim().to_string();
        std::os::unix::fs::symlink(real, bin.join(tool)).unwrap();
    }
    let log = dir.join("apt.log");
    std::fs::write(&log, "").unwrap();
    let script = format!(
        "export LOG={log} BIN={bin}\n{FAKE_APT}\nensure_node\nensure_browser\nensure_cmd skopeo skopeo\nensure_cmd umoci umoci\nensure_cmd buildah buildah\necho OK",
        log = log.display(),
        bin = bin.display()
    );
    let out = bash(&script, &bin.display().to_string(), &dir);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let calls = std::fs::read_to_string(&log).unwrap();
    for pkg in ["nodejs", "npm", "chromium", "chromium-driver", "skopeo", "umoci", "buildah"] {
        assert!(calls.contains(&format!(" {pkg}\n")), "no install of {pkg}: {calls}");
    }
    assert_eq!(calls.matches("update").count(), 1, "apt-get update runs once: {calls}");
}
