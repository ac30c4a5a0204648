//! The native command-line interface: `layerlab <docker command>` plus `layerlab parse`.
//! It forwards argv to the engine, reads build contexts from disk, and keeps its state in
//! an OCI image layout directory (`--root DIR`, `$LAYERLAB_ROOT`, default `.layerlab`).

mod context;
pub mod layout;
mod parse;
mod state;

use std::io::Write;

use crate::engine::Engine;


/// Runs the CLI with the given arguments (without the program name); returns the exit code.
pub fn main(args: Vec<String>) -> i32 {
    let mut args = args;
    let mut root = std::env::var("LAYERLAB_ROOT").unwrap_or_else(|_| ".layerlab".into());
    while let Some(first) = args.first() {
        if first == "--root" && args.len() > 1 {
            root = args[1].clone();
            args.drain(..2);
        } else if let Some(r) = first.strip_prefix("--root=") {
            root = r.to_string();
            args.remove(0);
        } else {
            break;
        }
    }
    if args.first().map(String::as_str) == Some("parse") {
        return parse::run(&args[1..]);
    }
    let root = std::path::PathBuf::from(root);
    let mut engine = Engine::new(clock);
    engine.set_host(context::DirHost);
    if let Err(e) = state::load(&root, &mut engine.store) {
        eprintln!("layerlab: {e}");
        return 1;
    }
    let before = state::fingerprint(&engine.store);
    let out = engine.exec(&args);
    print!("{}", out.stdout);
    eprint!("{}", out.stderr);
    let _ = std::io::stdout().flush();
    if state::fingerprint(&engine.store) != before {
        if let Err(e) = state::save(&root, &engine.store) {
            eprintln!("layerlab: {e}");
            return 1;
        }
    }
    out.code
}

/// Seconds since the epoch, or `SOURCE_DATE_EPOCH` when set (reproducible builds).
fn clock() -> i64 {
    if let Some(t) = std::env::var("SOURCE_DATE_EPOCH").ok().and_then(|v| v.parse().ok()) {
        return t;
    }
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0)
}
