//! Store benchmark: the speed of the state directory, builds, saves and loads against the
//! native tools, measured in one run, written to `target/bench/results.json` (see
//! `scripts/bench`). No thresholds: it only reports.
//!
//! Keys (ratios are layerlab over native time unless said otherwise):
//! - `sha256_vs_native`: sha256 of 100 MB in memory vs `sha256sum` of the same bytes in a
//!   file, as *speed* (native time / layerlab time: above 1 is faster than native).
//! - `save_vs_native`: `layerlab save` of a stored 100 MB image vs `tar c | gzip -6` of
//!   the same files. `save_fresh_vs_native`: the same image saved from memory by the
//!   engine (gzip included, each layer compressed twice); `save_fresh_kept_vs_native`:
//!   the same, keeping each blob compressed once until written (the page's way).
//! - `load_vs_native`: `layerlab load` of that archive into an empty state directory vs
//!   `tar xzf` of the files.
//! - `teaching_build_ms`: a 20-step teaching Dockerfile, engine only, fresh engine;
//!   `cached_build_ms`: the same again on that engine, every step cached.
//! - `cli_images_ms`: `layerlab images` with 20 images of 100 MB in the state directory.
//! - `peak_memory_vs_content`: peak RSS of `layerlab build` + `save` of an image with
//!   200 MB of unique content, over 200 MB.
//!
//! `--quick` uses fewer repetitions. `LAYERLAB_BENCH_OUT` names the JSON file.

mod common;

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use common::{header, measure, ms, row};
use layerlab::build::{BuildRequest, Context};
use layerlab::engine::Engine;
use serde_json::{json, Map, Value};
use sha2::{Digest, Sha256};

const MB: usize = 1 << 20;
const CLI: &str = env!("CARGO_BIN_EXE_layerlab");

/// Deterministic bytes, about as compressible as text (64 symbols).
fn text_bytes(seed: u64, len: usize) -> Vec<u8> {
    const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 \n";
    let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            ALPHABET[(x % 64) as usize]
        })
        .collect()
}

/// Writes `files` files of `each` bytes under `dir/data`.
fn write_files(dir: &Path, files: usize, each: usize, seed: u64) {
    let data = dir.join("data");
    fs::create_dir_all(&data).unwrap();
    for i in 0..files {
        fs::write(data.join(format!("f{i:03}.txt")), text_bytes(seed + i as u64, each)).unwrap();
    }
}

fn sh(script: &str) -> bool {
    Command::new("sh")
        .arg("-c")
        .arg(script)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

fn cli(root: &Path, args: &[&str]) -> String {
    let out = Command::new(CLI).arg("--root").arg(root).args(args).output().unwrap();
    assert!(out.status.success(), "layerlab {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn secs(d: Duration) -> f64 {
    d.as_secs_f64()
}

/// The teaching Dockerfile: 20 steps of the kinds a tutorial uses.
const TEACHING: &str = r#"FROM alpine:3.20
LABEL org.opencontainers.image.title="teaching"
ENV APP_HOME=/app PORT=8080
ARG VERSION=1.0
WORKDIR /app
COPY app/ /app/
RUN echo "version $VERSION" > /app/VERSION
RUN mkdir -p /app/logs /app/tmp && touch /app/logs/app.log
RUN for i in 1 2 3 4 5; do echo "line $i" >> /app/data.txt; done
RUN sort -r /app/data.txt > /app/sorted.txt
RUN adduser -D appuser
RUN chown -R appuser /app
RUN rm -rf /app/tmp
RUN ln -s /app/run.sh /usr/local/bin/run-app
RUN wc -l /app/data.txt > /app/count.txt
USER appuser
EXPOSE 8080
VOLUME /app/logs
HEALTHCHECK CMD test -f /app/VERSION
CMD ["sh", "/app/run.sh"]
"#;

fn teaching_context() -> Context {
    let mut ctx = Context::new();
    ctx.add_file_mode("app/run.sh", "#!/bin/sh\necho running\n", 0o755);
    for i in 0..10 {
        ctx.add_file(&format!("app/data/file{i}.txt"), format!("data {i}\n").repeat(20));
    }
    ctx
}

fn build(engine: &mut Engine) {
    let req = BuildRequest {
        dockerfile: TEACHING.into(),
        context: teaching_context(),
        tags: vec!["teach:latest".into()],
        ..Default::default()
    };
    let mut job = engine.start_build(req);
    while !job.is_done() {
        engine.build_step(&mut job);
    }
    if let Some(Err(e)) = job.result() {
        panic!("the teaching build failed: {e}");
    }
}

/// Peak resident memory (bytes) of running the CLI with `args`, by `/usr/bin/time`.
fn peak_rss(root: &Path, args: &[&str]) -> Option<u64> {
    let out = Command::new("/usr/bin/time")
        .args(["-f", "%M"])
        .arg(CLI)
        .arg("--root")
        .arg(root)
        .args(args)
        .stdout(Stdio::null())
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    let err = String::from_utf8_lossy(&out.stderr);
    err.lines().last()?.trim().parse::<u64>().ok().map(|kb| kb * 1024)
}

fn main() {
    let quick = std::env::args().any(|a| a == "--quick") || std::env::var("LAYERLAB_BENCH_QUICK").is_ok();
    let n = common::reps(if quick { 3 } else { 7 });
    let tmp = std::env::temp_dir().join(format!("layerlab-bench-store-{}", std::process::id()));
    let _ = fs::remove_dir_all(&tmp);
    fs::create_dir_all(&tmp).unwrap();
    let mut results = Map::new();
    let mut notes = Map::new();
    let mut put = |k: &str, v: Value| {
        results.insert(k.to_string(), v);
    };
    header(&format!(
        "store: state directory, save, load, builds ({n} repetitions{})",
        if quick { ", quick" } else { "" }
    ));

    // sha256: 100 MB in memory vs sha256sum of a file in the page cache.
    let bytes = text_bytes(1, 100 * MB);
    let file = tmp.join("100mb.bin");
    fs::write(&file, &bytes).unwrap();
    let ours = measure(n, || {
        std::hint::black_box(Sha256::digest(&bytes));
    });
    let native =
        sh("sha256sum --version").then(|| measure(n, || assert!(sh(&format!("sha256sum {}", file.display())))));
    row("sha256 100 MB vs sha256sum", &ours, native.as_ref());
    put("sha256_vs_native", native.as_ref().map_or(Value::Null, |nt| json!(secs(nt.median) / secs(ours.median))));
    drop(bytes);

    // A 100 MB image: 100 files of 1 MB, imported into a state directory.
    let files = tmp.join("files");
    write_files(&files, 100, MB, 100);
    let tgz = tmp.join("files.tar.gz");
    assert!(sh(&format!("tar czf {} -C {} data", tgz.display(), files.display())));
    let state = tmp.join("state");
    cli(&state, &["import", tgz.to_str().unwrap(), "big:1"]);
    let saved = tmp.join("saved.tar");
    let ours = measure(n, || {
        cli(&state, &["save", "-o", saved.to_str().unwrap(), "big:1"]);
    });
    let native_save = measure(n, || {
        assert!(sh(&format!("tar cf - -C {} data | gzip -6 > {}", files.display(), tmp.join("native.tgz").display())))
    });
    row("save stored 100 MB vs tar c|gzip -6", &ours, Some(&native_save));
    put("save_vs_native", json!(secs(ours.median) / secs(native_save.median)));

    // The same content saved by the engine from memory (every layer gzip-compressed).
    let mut engine = Engine::new(|| 1_700_000_000);
    let mut ctx = Context::new();
    for e in fs::read_dir(files.join("data")).unwrap() {
        let e = e.unwrap();
        ctx.add_file(&format!("data/{}", e.file_name().to_string_lossy()), fs::read(e.path()).unwrap());
    }
    let req = BuildRequest {
        dockerfile: "FROM scratch\nCOPY data /data\n".into(),
        context: ctx,
        tags: vec!["fresh:1".into()],
        ..Default::default()
    };
    let mut job = engine.start_build(req);
    while !job.is_done() {
        engine.build_step(&mut job);
    }
    let img = engine.store.resolve("fresh:1").unwrap().clone();
    // Each time a fresh copy of the layer (no blob digest known yet), saved as the CLI
    // saves from memory (the layer compressed twice: planning, then writing) and as the
    // page saves (compressed once, the blob kept until written).
    for (key, keep) in [("save_fresh_vs_native", 0), ("save_fresh_kept_vs_native", u64::MAX)] {
        let ours = measure(n.min(3), || {
            let layers: Vec<_> =
                img.layers.iter().map(|l| layerlab::image::LayerInfo::new(l.layer().clone())).collect();
            let save = layerlab::oci::SaveImage {
                config: &img.config,
                config_bytes: Some(&img.config_bytes[..]),
                layers: layers.iter().map(|l| layerlab::oci::SaveLayer::Info(l)).collect(),
                tags: vec!["fresh:1".into()],
            };
            let out = std::io::BufWriter::new(fs::File::create(tmp.join("fresh.tar")).unwrap());
            let opts = layerlab::oci::SaveOptions { keep_blobs: keep, ..Default::default() };
            layerlab::oci::save_with(&[save], out, &opts, &mut |_| {}).unwrap().flush().unwrap();
        });
        let what = if keep == 0 { "save from memory" } else { "save from memory, kept" };
        row(&format!("{what} vs tar c|gzip -6"), &ours, Some(&native_save));
        put(key, json!(secs(ours.median) / secs(native_save.median)));
    }
    drop(engine);

    // load: into an empty state directory vs tar xzf.
    let mut k = 0;
    let ours = measure(n, || {
        k += 1;
        let root = tmp.join(format!("load{k}"));
        cli(&root, &["load", "-i", saved.to_str().unwrap()]);
        let _ = fs::remove_dir_all(&root);
    });
    let native = measure(n, || {
        k += 1;
        let out = tmp.join(format!("x{k}"));
        fs::create_dir_all(&out).unwrap();
        assert!(sh(&format!("tar xzf {} -C {}", tgz.display(), out.display())));
        let _ = fs::remove_dir_all(&out);
    });
    row("load 100 MB vs tar xzf", &ours, Some(&native));
    put("load_vs_native", json!(secs(ours.median) / secs(native.median)));

    // images: 20 images of 100 MB (imports of the same layer, told apart by message).
    for i in 2..=20 {
        cli(&state, &["import", "-m", &format!("copy {i}"), tgz.to_str().unwrap(), &format!("big:{i}")]);
    }
    let listed = cli(&state, &["images"]).lines().filter(|l| l.starts_with("big")).count();
    let ours = measure(n.max(5), || {
        cli(&state, &["images"]);
    });
    row(&format!("layerlab images ({listed} x 100 MB)"), &ours, None);
    put("cli_images_ms", json!(secs(ours.median) * 1000.0));
    notes.insert("cli_images_ms".into(), json!("the 20 images share one 100 MB layer blob (imports of one tarball)"));

    // Builds through the engine.
    let cold = measure(n.max(5), || {
        let mut e = Engine::new(|| 1_700_000_000);
        build(&mut e);
    });
    let mut warm = Engine::new(|| 1_700_000_000);
    build(&mut warm);
    let cached = measure(n.max(5), || build(&mut warm));
    println!("{:<34} {:>14} {:>14}", "teaching build, cold (20 steps)", ms(cold.min), ms(cold.median));
    println!("{:<34} {:>14} {:>14}", "teaching build, fully cached", ms(cached.min), ms(cached.median));
    put("teaching_build_ms", json!(secs(cold.median) * 1000.0));
    put("cached_build_ms", json!(secs(cached.median) * 1000.0));

    // Peak memory: build and save an image with 200 MB of unique content.
    let unique = tmp.join("unique");
    write_files(&unique, 200, MB, 1000);
    fs::write(unique.join("Dockerfile"), "FROM scratch\nCOPY data /data\n").unwrap();
    let mroot = tmp.join("mem-state");
    let peak_build = peak_rss(&mroot, &["build", "-q", "-t", "unique:1", unique.to_str().unwrap()]);
    let peak_save = peak_rss(&mroot, &["save", "-o", tmp.join("unique.tar").to_str().unwrap(), "unique:1"]);
    match (peak_build, peak_save) {
        (Some(b), Some(s)) => {
            let content = (200 * MB) as f64;
            println!(
                "{:<34} {:>14} {:>14}",
                "peak RSS build / save (200 MB)",
                format!("{} MB", b >> 20),
                format!("{} MB", s >> 20)
            );
            put("peak_memory_vs_content", json!(b.max(s) as f64 / content));
            put("peak_memory_build_bytes", json!(b));
            put("peak_memory_save_bytes", json!(s));
        }
        _ => {
            put("peak_memory_vs_content", Value::Null);
            notes.insert("peak_memory_vs_content".into(), json!("/usr/bin/time -f %M is not available"));
        }
    }

    let out = std::env::var("LAYERLAB_BENCH_OUT")
        .map(PathBuf::from)
        .unwrap_or_else(|_| PathBuf::from("target/bench/store.json"));
    if let Some(dir) = out.parent() {
        fs::create_dir_all(dir).unwrap();
    }
    let doc = json!({ "quick": quick, "repetitions": n, "results": results, "notes": notes });
    fs::write(&out, serde_json::to_vec_pretty(&doc).unwrap()).unwrap();
    println!("(written to {})", out.display());
    let _ = fs::remove_dir_all(&tmp);
}
