//! Image efficiency on built images (exact wasted bytes), and the `layerlab analyze` and
//! `layerlab lint` commands of the built binary.

use std::process::Command;

use layerlab::analysis::{analyze, measure};
use layerlab::build::Context;
use layerlab::image::Store;

fn built(df: &str, ctx: &Context) -> layerlab::analysis::Analysis {
    let mut store = Store::new();
    let b = measure::build(&mut store, df, ctx).unwrap_or_else(|e| panic!("{e}\n{df}"));
    analyze(&b.image)
}

#[test]
fn deleting_in_a_later_layer_wastes_the_whole_file() {
    let a = built("FROM busybox:1.37\nRUN dd if=/dev/zero of=/big bs=1000 count=300\nRUN rm /big\n", &Context::new());
    assert_eq!(a.wasted_bytes, 300_000);
    let n = a.layers.len();
    assert_eq!(a.layers[n - 2].wasted_bytes, 300_000);
    assert_eq!(a.layers[n - 2].size_bytes, 300_000);
    assert_eq!(a.layers[n - 1].size_bytes, 0);
    assert!(a.layers[n - 2].created_by.contains("dd if=/dev/zero"), "{}", a.layers[n - 2].created_by);
    assert_eq!(a.wasted_paths[0].path, "/big");
    assert!(a.wasted_paths[0].deleted);
    assert!(a.efficiency < 1.0);
}

#[test]
fn chmod_copies_the_file_up_and_wastes_the_first_copy() {
    let mut ctx = Context::new();
    ctx.add_file("data.bin", vec![7u8; 50_000]);
    let a = built("FROM busybox:1.37\nCOPY data.bin /data.bin\nRUN chmod 755 /data.bin\n", &ctx);
    assert_eq!(a.wasted_bytes, 50_000);
    let n = a.layers.len();
    assert_eq!((a.layers[n - 2].wasted_bytes, a.layers[n - 1].wasted_bytes), (50_000, 0));
    assert_eq!(a.layers[n - 1].size_bytes, 50_000);
    assert_eq!(a.wasted_paths.len(), 1);
    assert!(!a.wasted_paths[0].deleted);
}

#[test]
fn one_run_with_cleanup_wastes_nothing() {
    let a = built("FROM busybox:1.37\nRUN dd if=/dev/zero of=/big bs=1000 count=300 && rm /big\n", &Context::new());
    assert_eq!(a.wasted_bytes, 0);
    assert_eq!(a.efficiency, 1.0);
}

fn layerlab(root: &str, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_layerlab")).arg("--root").arg(root).args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

fn temp_dir(name: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("layerlab-analysis-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn analyze_json_reports_a_built_image() {
    let dir = temp_dir("analyze");
    let root = dir.join("state");
    let ctx = dir.join("ctx");
    std::fs::create_dir_all(&ctx).unwrap();
    std::fs::write(
        ctx.join("Dockerfile"),
        "FROM busybox:1.37\nRUN dd if=/dev/zero of=/big bs=1000 count=20\nRUN rm /big\n",
    )
    .unwrap();
    let root = root.to_str().unwrap();
    let (code, _, err) = layerlab(root, &["build", "-q", "-t", "waste", ctx.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let (code, out, err) = layerlab(root, &["analyze", "--json", "waste"]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["wasted_bytes"], 20_000);
    assert!(v["efficiency"].as_f64().unwrap() < 1.0);
    let layers = v["layers"].as_array().unwrap();
    let own = &layers[layers.len() - 2];
    assert_eq!((own["size_bytes"].as_u64(), own["wasted_bytes"].as_u64()), (Some(20_000), Some(20_000)));
    assert!(own["created_by"].as_str().unwrap().contains("dd if=/dev/zero"));
    assert_eq!(v["wasted_paths"][0]["path"], "/big");
    assert_eq!(v["size_bytes"].as_u64(), Some(layers.iter().map(|l| l["size_bytes"].as_u64().unwrap()).sum()));
    let (code, text, _) = layerlab(root, &["analyze", "waste"]);
    assert_eq!(code, 0);
    assert!(text.contains("wasted:") && text.contains("/big (deleted)"), "{text}");
    let (code, _, err) = layerlab(root, &["analyze", "nosuchimage:1"]);
    assert_eq!(code, 1);
    assert!(err.contains("nosuchimage"), "{err}");
}

#[test]
fn lint_exits_0_with_or_without_hints_and_1_for_invalid_input() {
    let dir = temp_dir("lint");
    let root = dir.join("state");
    let root = root.to_str().unwrap();
    std::fs::write(dir.join("Dockerfile"), "FROM alpine:3.20\nRUN echo a > /a\nRUN echo b > /b\n").unwrap();
    let (code, out, err) = layerlab(root, &["lint", "--json", dir.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let merge = v.as_array().unwrap().iter().find(|h| h["code"] == "merge-runs").expect("merge-runs");
    assert_eq!(
        (merge["line"].as_u64(), merge["saves_layers"].as_i64(), merge["saves_bytes"].as_i64()),
        (Some(2), Some(1), Some(0))
    );
    assert!(merge["message"].as_str().is_some());
    let clean = dir.join("clean.Dockerfile");
    std::fs::write(&clean, "FROM alpine:3.20\nUSER nobody\n").unwrap();
    let (code, out, _) = layerlab(root, &["lint", "--json", "-f", clean.to_str().unwrap()]);
    assert_eq!((code, out.trim()), (0, "[]"));
    let (code, out, _) = layerlab(root, &["lint", "-f", clean.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert!(out.contains("No hints"), "{out}");
    let bad = dir.join("bad.Dockerfile");
    std::fs::write(&bad, "FROM alpine:3.20\nRUNN x\n").unwrap();
    let (code, _, err) = layerlab(root, &["lint", "-f", bad.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(err.contains("Dockerfile:2"), "{err}");
    let (code, _, _) = layerlab(root, &["lint", dir.join("missing").to_str().unwrap()]);
    assert_eq!(code, 1);
}
