//! `layerlab parse [--json] [-f Dockerfile | PATH]`: parses a Dockerfile and prints its
//! instructions (text listing, or JSON with `--json`). PATH may be a file or a directory
//! holding `Dockerfile`; the default is `./Dockerfile`; `-f -` reads standard input.
//! With `--json` it prints everything BuildKit's parser accepts (an instruction that a build
//! would refuse appears as written) and reports the problems in `diagnostics`; it fails
//! only where BuildKit's parser fails. Without `--json`, and for those parser failures,
//! invalid input gives the error on stderr (`layerlab: Dockerfile:3: unknown instruction:
//! RUNN`) and exit code 1.

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::dockerfile::{parse, syntax_tree, to_text, tree_to_json};

const USAGE: &str = "usage: layerlab parse [--json] [-f Dockerfile | PATH]";

/// Runs `layerlab parse` with the arguments after `parse`; returns the exit code.
pub fn run(args: &[String]) -> i32 {
    let mut json = false;
    let mut file: Option<String> = None;
    let mut path: Option<String> = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--json" => json = true,
            "-h" | "--help" => {
                println!("{USAGE}");
                return 0;
            }
            "-f" | "--file" => match it.next() {
                Some(f) => file = Some(f.clone()),
                None => return usage_error("flag needs an argument: -f"),
            },
            s if s.starts_with("--file=") => file = Some(s["--file=".len()..].to_string()),
            s if s.starts_with('-') && s != "-" => return usage_error(&format!("unknown flag: {s}")),
            s => {
                if path.is_some() {
                    return usage_error("too many arguments");
                }
                path = Some(s.to_string());
            }
        }
    }
    let src = match read_source(file.as_deref(), path.as_deref()) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("layerlab: {e}");
            return 1;
        }
    };
    if json {
        return match syntax_tree(&src) {
            Ok(t) => {
                let text = serde_json::to_string_pretty(&tree_to_json(&t)).unwrap_or_default();
                println!("{text}");
                0
            }
            Err(e) => {
                eprintln!("layerlab: {e}");
                1
            }
        };
    }
    match parse(&src) {
        Ok(d) => {
            print!("{}", to_text(&d));
            0
        }
        Err(e) => {
            eprintln!("layerlab: {e}");
            1
        }
    }
}

fn usage_error(msg: &str) -> i32 {
    eprintln!("layerlab: {msg}\n{USAGE}");
    2
}

/// Which file to read: `-f` wins (relative to PATH when both are given, as `docker build`
/// does with a context); else PATH (a file, or a directory with `Dockerfile`).
fn read_source(file: Option<&str>, path: Option<&str>) -> Result<String, String> {
    if file == Some("-") {
        let mut s = String::new();
        std::io::stdin().read_to_string(&mut s).map_err(|e| format!("reading stdin: {e}"))?;
        return Ok(s);
    }
    let target: PathBuf = match (file, path) {
        (Some(f), Some(dir)) if Path::new(f).is_relative() && Path::new(dir).is_dir() => Path::new(dir).join(f),
        (Some(f), _) => PathBuf::from(f),
        (None, Some(p)) if Path::new(p).is_dir() => Path::new(p).join("Dockerfile"),
        (None, Some(p)) => PathBuf::from(p),
        (None, None) => PathBuf::from("Dockerfile"),
    };
    std::fs::read_to_string(&target).map_err(|e| format!("{}: {e}", target.display()))
}
