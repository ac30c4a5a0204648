//! `layerlab analyze IMAGE [--json]`: where an image's bytes go and how many are wasted.
//! `layerlab lint [--json] [-f Dockerfile | CONTEXT]`: best-practice hints with the bytes
//! and layers each fix saves, measured by building both. Both exit 0 on success (hints or
//! not) and 1 on invalid input.

use crate::analysis::{analyze, lint, Analysis, Hint};
use crate::engine::format::human_size;
use crate::engine::Host;
use crate::image::Store;

use super::context::DirHost;

const ANALYZE_USAGE: &str = "usage: layerlab analyze [--json] IMAGE";
const LINT_USAGE: &str = "usage: layerlab lint [--json] [-f Dockerfile | CONTEXT]";

/// Runs `layerlab analyze` with the arguments after `analyze` against the loaded `store`.
pub fn run_analyze(store: &mut Store, args: &[String]) -> i32 {
    let mut json = false;
    let mut image = None;
    for a in args {
        match a.as_str() {
            "--json" => json = true,
            "-h" | "--help" => {
                println!("{ANALYZE_USAGE}");
                return 0;
            }
            s if s.starts_with('-') => return usage(ANALYZE_USAGE, &format!("unknown flag: {s}")),
            s if image.is_none() => image = Some(s.to_string()),
            _ => return usage(ANALYZE_USAGE, "too many arguments"),
        }
    }
    let Some(name) = image else { return usage(ANALYZE_USAGE, "requires exactly 1 argument") };
    let id = match crate::build::resolve_base(store, &name) {
        Ok((id, _)) => id,
        Err(e) => {
            eprintln!("layerlab: {e}");
            return 1;
        }
    };
    let Some(img) = store.get(&id) else {
        eprintln!("layerlab: No such image: {name}");
        return 1;
    };
    let a = analyze(img);
    if json {
        emit(&format!("{}\n", serde_json::to_string_pretty(&a).unwrap_or_default()));
    } else {
        emit(&analysis_text(&name, &a));
    }
    0
}

/// Prints to standard output, ignoring a closed pipe (`layerlab lint | head`).
fn emit(text: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes()).and_then(|_| out.flush());
}

/// The text report: the image totals, one line per layer, the top wasted paths.
pub fn analysis_text(name: &str, a: &Analysis) -> String {
    let mut s = format!(
        "Image: {name}\n  total size:    {}\n  wasted:        {} ({} bytes)\n  efficiency:    {:.2} %\n\nLayers:\n  {:<10} {:<10} CREATED BY\n",
        human_size(a.size_bytes),
        human_size(a.wasted_bytes),
        a.wasted_bytes,
        a.efficiency * 100.0,
        "SIZE",
        "WASTED"
    );
    for l in &a.layers {
        let by = crate::engine::format::ellipsis(&l.created_by.replace('\t', " "), 80);
        s.push_str(&format!("  {:<10} {:<10} {by}\n", human_size(l.size_bytes), human_size(l.wasted_bytes)));
    }
    if !a.wasted_paths.is_empty() {
        s.push_str("\nWasted space (copies hidden by later layers):\n  COUNT  WASTED     PATH\n");
        for w in a.wasted_paths.iter().take(20) {
            let note = if w.deleted { " (deleted)" } else { "" };
            s.push_str(&format!("  {:<6} {:<10} {}{note}\n", w.layers.len(), human_size(w.wasted_bytes), w.path));
        }
    }
    s
}

/// Runs `layerlab lint` with the arguments after `lint`; base images come from `store`.
pub fn run_lint(store: &mut Store, args: &[String]) -> i32 {
    let mut json = false;
    let mut file: Option<String> = None;
    let mut dir: Option<String> = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--json" => json = true,
            "-h" | "--help" => {
                println!("{LINT_USAGE}");
                return 0;
            }
            "-f" | "--file" => match it.next() {
                Some(f) => file = Some(f.clone()),
                None => return usage(LINT_USAGE, "flag needs an argument: -f"),
            },
            s if s.starts_with("--file=") => file = Some(s["--file=".len()..].to_string()),
            s if s.starts_with('-') => return usage(LINT_USAGE, &format!("unknown flag: {s}")),
            s if dir.is_none() => dir = Some(s.to_string()),
            _ => return usage(LINT_USAGE, "too many arguments"),
        }
    }
    // A lone -f names the Dockerfile; its folder is the context.
    let dir = dir.unwrap_or_else(|| match &file {
        Some(f) => std::path::Path::new(f)
            .parent()
            .map(|p| p.to_string_lossy().into_owned())
            .filter(|p| !p.is_empty())
            .unwrap_or_else(|| ".".into()),
        None => ".".into(),
    });
    let (text, context) = match DirHost.load_context(&dir, file.as_deref()) {
        Ok(v) => v,
        Err(e) => {
            eprintln!("layerlab: {e}");
            return 1;
        }
    };
    let hints = match lint(&text, &context, store) {
        Ok(h) => h,
        Err(e) => {
            eprintln!("layerlab: {e}");
            return 1;
        }
    };
    if json {
        emit(&format!("{}\n", serde_json::to_string_pretty(&hints).unwrap_or_default()));
    } else {
        emit(&hints_text(&hints));
    }
    0
}

/// One paragraph per hint: `Dockerfile:LINE code: message`, then what the fix saves.
pub fn hints_text(hints: &[Hint]) -> String {
    if hints.is_empty() {
        return "No hints: nothing to improve found.\n".into();
    }
    let mut s = String::new();
    for h in hints {
        s.push_str(&format!("Dockerfile:{} {}: {}\n", h.line, h.code, h.message));
        match (h.saves_bytes, h.saves_layers, &h.fix) {
            (Some(0), Some(0), _) => s.push_str("  fix changes no size or layer count (measured)\n"),
            (Some(b), Some(l), _) => s.push_str(&format!(
                "  fix saves {} and {l} layer{}\n",
                signed_size(b),
                if l == 1 || l == -1 { "" } else { "s" }
            )),
            (_, _, Some(_)) => s.push_str("  fix offered (not measured: a build failed)\n"),
            _ => {}
        }
    }
    s
}

fn signed_size(b: i64) -> String {
    if b < 0 {
        format!("-{}", human_size(b.unsigned_abs()))
    } else {
        human_size(b as u64)
    }
}

fn usage(text: &str, msg: &str) -> i32 {
    eprintln!("layerlab: {msg}\n{text}");
    1
}
