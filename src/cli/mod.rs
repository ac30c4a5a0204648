//! The native command-line interface: `layerlab <docker command>` plus `layerlab parse`.
//! It forwards argv to the engine, reads build contexts from disk, and keeps its state in
//! an OCI image layout directory (`--root DIR`, `$LAYERLAB_ROOT`, default `.layerlab`).

mod context;
mod interactive;
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
    let loaded = state::load(&root, &mut engine.store).and_then(|_| state::load_containers(&root));
    match loaded {
        Ok(containers) => engine.containers = containers,
        Err(e) => {
            eprintln!("layerlab: {e}");
            return 1;
        }
    }
    let images_before = state::fingerprint(&engine.store);
    let containers_before = state::containers_fingerprint(&engine.containers);
    let out = engine.exec(&args);
    print!("{}", out.stdout);
    eprint!("{}", out.stderr);
    let _ = std::io::stdout().flush();
    let code = if engine.attach_prompt().is_some() { interactive::run(&mut engine) } else { out.code };
    let mut saved = Ok(());
    if state::fingerprint(&engine.store) != images_before {
        saved = state::save(&root, &engine.store);
    }
    if saved.is_ok() && state::containers_fingerprint(&engine.containers) != containers_before {
        saved = state::save_containers(&root, &engine.containers);
    }
    if let Err(e) = saved {
        eprintln!("layerlab: {e}");
        return 1;
    }
    code
}

/// Seconds since the epoch, or `SOURCE_DATE_EPOCH` when set (reproducible builds).
fn clock() -> i64 {
    if let Some(t) = std::env::var("SOURCE_DATE_EPOCH").ok().and_then(|v| v.parse().ok()) {
        return t;
    }
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0)
}
