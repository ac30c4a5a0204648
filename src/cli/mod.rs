//! The native command-line interface: `layerlab <docker command>` plus `layerlab parse`,
//! `layerlab analyze` and `layerlab lint`.
//! It forwards argv to the engine, reads build contexts from disk, and keeps its state in
//! an OCI image layout directory (`--root DIR`, `$LAYERLAB_ROOT`, default `.layerlab`).

mod analyze;
mod containers;
mod context;
mod damage;
mod interactive;
pub mod layout;
mod parse;
mod resources;
pub mod state;

use std::io::Write;

use crate::engine::{Engine, Output, Stream};

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
    if root.exists() && !root.is_dir() {
        // Fail before a command reports work it could not keep.
        eprintln!(
            "layerlab: the state directory {} is not a directory (set --root or LAYERLAB_ROOT to a directory)",
            root.display()
        );
        return 1;
    }
    let mut state = match state::State::open(&root) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("layerlab: {e}");
            return 1;
        }
    };
    let mut engine = Engine::new(clock);
    engine.set_host(context::DirHost);
    let nanos =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.subsec_nanos()).unwrap_or(0);
    engine.seed_ids((u64::from(std::process::id()) << 32) | u64::from(nanos));
    state.load(&mut engine.store);
    let (mut containers, loaded) = containers::Containers::load(&root);
    engine.containers = loaded;
    let (mut resources, volumes) = resources::Resources::load(&root, &mut engine.networks);
    engine.volumes = volumes;
    for w in state.warnings.iter().chain(containers.warnings().iter()).chain(resources.warnings.iter()) {
        eprintln!("layerlab: warning: {w}");
    }
    // Teaching reports read the store but never change the saved state.
    match args.first().map(String::as_str) {
        Some("analyze") => return analyze::run_analyze(&mut engine.store.clone(), &args[1..]),
        Some("lint") => return analyze::run_lint(&mut engine.store.clone(), &args[1..]),
        _ => {}
    }
    let images_before = state::fingerprint(&engine.store);
    let (args, removed) = damage::remove_named(&mut state, &mut containers, args);
    print!("{}", removed.stdout);
    let out = match args {
        Some(args) => engine.exec(&args),
        None => crate::engine::Output::default(),
    };
    print_in_order(&out);
    let code = if engine.attach_prompt().is_some() { interactive::run(&mut engine, print_in_order) } else { out.code };
    let failures = damage::layer_failures(&engine.store);
    if !failures.is_empty() {
        for f in failures {
            eprintln!("layerlab: {f}");
        }
        return 1;
    }
    let mut saved = Ok(());
    if removed.images || state.needs_save() || state::fingerprint(&engine.store) != images_before {
        saved = state.save(&engine.store);
    }
    if saved.is_ok() && containers.changed(&engine.containers) {
        saved = containers.save(&root, &engine.containers);
    }
    if saved.is_ok() {
        saved = resources.save(&root, &engine.networks, &engine.volumes);
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

/// Writes both streams in the order the engine produced them (each piece flushed before
/// the next, so a terminal or a `2>&1` pipe sees them interleaved as Docker prints them).
fn print_in_order(out: &Output) {
    let (mut stdout, mut stderr) = (std::io::stdout().lock(), std::io::stderr().lock());
    for (stream, text) in out.chunks() {
        let _ = match stream {
            Stream::Stdout => stdout.write_all(text.as_bytes()).and_then(|_| stdout.flush()),
            Stream::Stderr => stderr.write_all(text.as_bytes()).and_then(|_| stderr.flush()),
        };
    }
}
