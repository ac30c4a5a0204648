//! Layer benchmark: a layer of many files (about 50 MB) written as a gzip blob by
//! layerlab vs `tar czf` of the same files on disk, the plain tar vs `tar cf`, and the
//! diff_id (tar streamed through sha256) vs `sha256sum` of the tar file. Only the
//! archiving and hashing are timed. Run with `cargo bench --bench layers`.

mod common;

use std::fs;
use std::io;
use std::path::Path;
use std::process::{Command, Stdio};

use common::{header, measure, reps, row};
use layerlab::oci::{diff_id, write_layer_gzip, write_layer_tar};
use layerlab::vfs::{Content, Layer, Meta, Tree};

/// Files per directory, directories, bytes per file: 20 × 25 × 100 KiB = 50 MiB.
const DIRS: usize = 20;
const FILES_PER_DIR: usize = 25;
const FILE_SIZE: usize = 100 * 1024;

/// Deterministic, moderately compressible bytes (text-like: 64 symbols, runs of words).
fn file_bytes(seed: u64) -> Vec<u8> {
    const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 \n";
    let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut out = Vec::with_capacity(FILE_SIZE);
    while out.len() < FILE_SIZE {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        out.push(ALPHABET[(x % 64) as usize]);
    }
    out
}

fn command_ok(cmd: &mut Command) -> bool {
    cmd.stdout(Stdio::null()).stderr(Stdio::null()).status().map(|s| s.success()).unwrap_or(false)
}

/// Runs `cmd` with its standard output read through a pipe and discarded (GNU tar skips
/// reading the files when its archive is `/dev/null`, so the output must be a real pipe).
fn drained_ok(cmd: &mut Command) -> bool {
    let Ok(mut child) = cmd.stdout(Stdio::piped()).stderr(Stdio::null()).spawn() else { return false };
    let mut out = child.stdout.take().expect("piped stdout");
    let copied = io::copy(&mut out, &mut io::sink()).is_ok();
    child.wait().map(|s| s.success()).unwrap_or(false) && copied
}

fn main() {
    let n = reps(5);
    let tmp = std::env::temp_dir().join(format!("layerlab-bench-layers-{}", std::process::id()));
    let root = tmp.join("root");
    let _ = fs::remove_dir_all(&tmp);
    let mut tree = Tree::new();
    for d in 0..DIRS {
        let dir = format!("/data/d{d:02}");
        tree.mkdir_all("/", &dir, Meta::root(0o755)).unwrap();
        fs::create_dir_all(root.join(&dir[1..])).unwrap();
        for f in 0..FILES_PER_DIR {
            let bytes = file_bytes((d * FILES_PER_DIR + f) as u64);
            let p = format!("{dir}/f{f:03}.txt");
            fs::write(root.join(&p[1..]), &bytes).unwrap();
            tree.write_file("/", &p, Content::from(bytes), Meta::root(0o644)).unwrap();
        }
    }
    let layer = Layer::from_tree(&tree);
    let total = (DIRS * FILES_PER_DIR * FILE_SIZE) as f64 / 1_048_576.0;
    let have_tar = command_ok(Command::new("tar").arg("--version"));
    let have_sha = command_ok(Command::new("sha256sum").arg("--version"));
    header(&format!(
        "layers: {} files, {total:.0} MiB ({n} repetitions, min/median; gzip level 6 on both sides)",
        DIRS * FILES_PER_DIR
    ));

    let ours = measure(n, || {
        write_layer_gzip(&layer, io::sink()).unwrap();
    });
    let native = have_tar.then(|| {
        measure(n, || assert!(drained_ok(Command::new("tar").arg("czf").arg("-").arg("-C").arg(&root).arg("data"))))
    });
    row("gzip layer vs tar czf", &ours, native.as_ref());

    let ours = measure(n, || {
        write_layer_tar(&layer, io::sink()).unwrap();
    });
    let native = have_tar.then(|| {
        measure(n, || assert!(drained_ok(Command::new("tar").arg("cf").arg("-").arg("-C").arg(&root).arg("data"))))
    });
    row("plain tar vs tar cf", &ours, native.as_ref());

    let tar_file = tmp.join("layer.tar");
    write_layer_tar(&layer, fs::File::create(&tar_file).unwrap()).unwrap();
    let ours_id = diff_id(&layer);
    let ours = measure(n, || {
        diff_id(&layer);
    });
    let native = have_sha.then(|| {
        let out = Command::new("sha256sum").arg(&tar_file).output().unwrap();
        let hex = String::from_utf8_lossy(&out.stdout).split_whitespace().next().unwrap_or("").to_string();
        if format!("sha256:{hex}") != ours_id {
            println!("note: sha256sum of the written tar ({hex}) differs from diff_id ({ours_id})");
        }
        measure(n, || assert!(command_ok(Command::new("sha256sum").arg(&tar_file))))
    });
    row("diff_id vs sha256sum of the tar", &ours, native.as_ref());
    if !have_tar || !have_sha {
        println!("note: tar or sha256sum missing: native times not measured");
    }
    println!("(layerlab's diff_id builds the tar while hashing; sha256sum reads the finished tar from disk)");
    let _ = fs::remove_dir_all(Path::new(&tmp));
}
