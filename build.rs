//! Describes the catalogue's data files (`data/`) to the crate. Always: the list of every
//! data file and a small index of the image repositories (name, description, stars and the
//! tags of each image), so the picker, `docker search` and the unknown-image error know the
//! whole catalogue. With the `embedded-data` feature (the CLI, the tests): the text of every
//! file too. Without it (the page), the host fetches a file on first use and provides it
//! (`catalog::data::provide`). Adding an image or a release is adding its data file.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    println!("cargo:rerun-if-changed={}", root.display());
    println!("cargo:rerun-if-env-changed=CARGO_FEATURE_EMBEDDED_DATA");
    let embed = std::env::var_os("CARGO_FEATURE_EMBEDDED_DATA").is_some();
    let mut files = Vec::new();
    walk(&root, &mut files);
    // The build script is not in the page's wasm: the standard sort is fine here.
    #[allow(clippy::disallowed_methods)]
    files.sort();
    let rel = |f: &Path| f.strip_prefix(&root).expect("under data/").to_string_lossy().replace('\\', "/");
    let mut out = String::from(
        "/// Every data file under `data/`, relative to `data/`, sorted.\npub(crate) const FILES: &[&str] = &[\n",
    );
    for f in &files {
        println!("cargo:rerun-if-changed={}", f.display());
        let _ = writeln!(out, "    {:?},", rel(f));
    }
    out.push_str("];\n\n/// The releases each package catalogue names (its `releases` line): (path, releases).\npub(crate) const RELEASES: &[(&str, &[&str])] = &[\n");
    for f in files.iter().filter(|f| rel(f).starts_with("packages/") && rel(f).ends_with(".pkgs")) {
        let text = fs::read_to_string(f).expect("read data file");
        // The first line that is not blank or a comment (as `catalog::model::releases` reads it).
        let first = text.lines().map(str::trim).find(|l| !l.is_empty() && !l.starts_with('#')).unwrap_or("");
        let names: Vec<&str> =
            first.strip_prefix("releases ").map(|r| r.split_whitespace().collect()).unwrap_or_default();
        let _ = writeln!(out, "    ({:?}, &{names:?}),", rel(f));
    }
    out.push_str("];\n\n/// The text of every data file, when the crate embeds them (`embedded-data`).\npub(crate) const EMBEDDED: &[(&str, &str)] = &[\n");
    for f in files.iter().filter(|_| embed) {
        let _ = writeln!(out, "    ({:?}, include_str!({:?})),", rel(f), f.display().to_string());
    }
    out.push_str("];\n\n/// Every repository file's summary: (path, repository, description, stars, tags of each image).\npub(crate) const INDEX: &[Summary] = &[\n");
    for f in files.iter().filter(|f| rel(f).starts_with("images/") && rel(f).ends_with(".json")) {
        let text = fs::read_to_string(f).expect("read data file");
        // A file that does not parse is reported with its line by the data checks.
        let Ok(v) = serde_json::from_str::<serde_json::Value>(&text) else { continue };
        let s = |k: &str| v.get(k).and_then(|x| x.as_str()).unwrap_or("").to_string();
        let stars = v.get("stars").and_then(|x| x.as_u64()).unwrap_or(0);
        let images: Vec<Vec<String>> = v
            .get("images")
            .and_then(|x| x.as_array())
            .map(|a| {
                a.iter()
                    .map(|i| {
                        let tags = i.get("tags").and_then(|t| t.as_array());
                        tags.map(|t| t.iter().filter_map(|x| x.as_str().map(String::from)).collect())
                            .unwrap_or_default()
                    })
                    .collect()
            })
            .unwrap_or_default();
        let images: Vec<String> = images.iter().map(|tags| format!("&{tags:?}")).collect();
        let _ = writeln!(
            out,
            "    Summary {{ path: {:?}, repository: {:?}, description: {:?}, stars: {stars}, images: &[{}] }},",
            rel(f),
            s("repository"),
            s("description"),
            images.join(", "),
        );
    }
    out.push_str("];\n");
    let dest = PathBuf::from(std::env::var("OUT_DIR").expect("OUT_DIR")).join("catalog_data.rs");
    fs::write(dest, out).expect("write catalog_data.rs");
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            println!("cargo:rerun-if-changed={}", p.display());
            walk(&p, out);
        } else if !p.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.')) {
            out.push(p);
        }
    }
}
