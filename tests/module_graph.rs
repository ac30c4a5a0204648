//! The crate's top-level modules form an acyclic graph that reads as the pipeline: computed
//! from the `crate::…` paths of `src/` (test modules aside), it has no cycle, and no module
//! uses one the pipeline puts above it.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

/// The pipeline, bottom first; a module may use only modules of a lower rank (modules of
/// the same rank do not use each other). Modules not listed are only checked for cycles.
const RANKS: &[&[&str]] = &[
    &["util"],
    &["vfs", "dockerfile"],
    &["catalog"],
    &["shell"],
    &["image"],
    &["oci"],
    &["build"],
    &["analysis"],
    &["engine"],
    &["cli", "web"],
];

/// Top-level module → the top-level modules its non-test code names.
fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for entry in fs::read_dir(&src).expect("src/") {
        let path = entry.expect("dir entry").path();
        let name = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_string();
        if name == "lib" || name == "main" {
            continue;
        }
        let mut uses = BTreeSet::new();
        let mut files = Vec::new();
        collect(&path, &mut files);
        for f in &files {
            let text = fs::read_to_string(f).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
            for m in crate_paths(&strip_tests(&strip_comments(&text))) {
                if m != name {
                    uses.insert(m);
                }
            }
        }
        g.insert(name, uses);
    }
    g
}

/// Every `.rs` file under `path` that is not a test module of its own (`tests.rs`,
/// `*_tests.rs`, declared under `#[cfg(test)]`).
fn collect(path: &Path, out: &mut Vec<std::path::PathBuf>) {
    if path.is_dir() {
        let mut test_mods = BTreeSet::new();
        for decl in ["mod.rs"]
            .iter()
            .map(|m| path.join(m))
            .chain(path.parent().map(|p| p.join(format!("{}.rs", path.file_name().unwrap().to_string_lossy()))))
        {
            if let Ok(text) = fs::read_to_string(&decl) {
                test_mods.extend(test_module_names(&text));
            }
        }
        let mut entries: Vec<_> = fs::read_dir(path).expect("read dir").map(|e| e.expect("dir entry").path()).collect();
        layerlab::util::sort::sort(&mut entries);
        for p in entries {
            let stem = p.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_string();
            if !test_mods.contains(&stem) {
                collect(&p, out);
            }
        }
    } else if path.extension().is_some_and(|e| e == "rs") {
        out.push(path.to_path_buf());
    }
}

/// Names of the modules a file declares under `#[cfg(test)]` (`#[cfg(test)] mod tests;`).
fn test_module_names(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut pending = false;
    for line in text.lines().map(str::trim) {
        if line.starts_with("#[cfg(test)]") {
            pending = true;
            let rest = line.trim_start_matches("#[cfg(test)]").trim();
            if rest.is_empty() {
                continue;
            }
            if let Some(name) = mod_decl(rest) {
                out.push(name);
            }
            pending = false;
        } else if pending {
            if let Some(name) = mod_decl(line) {
                out.push(name);
            }
            if !line.starts_with("#[") {
                pending = false;
            }
        }
    }
    out
}

fn mod_decl(line: &str) -> Option<String> {
    let l = line.strip_prefix("pub(crate) ").or_else(|| line.strip_prefix("pub ")).unwrap_or(line);
    let name = l.strip_prefix("mod ")?.strip_suffix(';')?;
    Some(name.trim().to_string())
}

/// The text without `//` comments (doc comments name modules they do not use).
fn strip_comments(text: &str) -> String {
    text.lines()
        .map(|l| match l.find("//") {
            Some(i) if !l[..i].contains('"') => &l[..i],
            _ => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The text without items marked `#[cfg(test)]` (the attribute and the braced item after it).
fn strip_tests(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find("#[cfg(test)]") {
        out.push_str(&rest[..i]);
        let after = &rest[i..];
        match (after.find('{'), after.find(';')) {
            (Some(open), semi) if semi.is_none_or(|s| open < s) => {
                let mut depth = 0usize;
                let mut end = after.len();
                for (j, c) in after[open..].char_indices() {
                    match c {
                        '{' => depth += 1,
                        '}' => {
                            depth -= 1;
                            if depth == 0 {
                                end = open + j + 1;
                                break;
                            }
                        }
                        _ => {}
                    }
                }
                rest = &after[end..];
            }
            (_, Some(semi)) => rest = &after[semi + 1..],
            _ => rest = "",
        }
    }
    out.push_str(rest);
    out
}

/// Top-level modules named by `crate::name` and `crate::{a::…, b, …}` paths.
fn crate_paths(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut rest = text;
    while let Some(i) = rest.find("crate::") {
        let before_ok = rest[..i].chars().last().is_none_or(|c| !(c.is_alphanumeric() || c == '_'));
        rest = &rest[i + "crate::".len()..];
        if !before_ok {
            continue;
        }
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 1;
            let mut start = 0;
            for (j, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' => {
                        depth -= 1;
                        if depth == 0 {
                            out.extend(ident(&group[start..j]));
                            break;
                        }
                    }
                    ',' if depth == 1 => {
                        out.extend(ident(&group[start..j]));
                        start = j + 1;
                    }
                    _ => {}
                }
            }
        } else {
            out.extend(ident(rest));
        }
    }
    out
}

fn ident(s: &str) -> Option<String> {
    let s = s.trim_start();
    let name: String = s.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
    (!name.is_empty() && name != "self").then_some(name)
}

/// A cycle of `g` as `a -> b -> a`, if there is one.
fn find_cycle(g: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        n: &str,
        g: &BTreeMap<String, BTreeSet<String>>,
        stack: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(pos) = stack.iter().position(|s| s == n) {
            let mut cycle = stack[pos..].to_vec();
            cycle.push(n.to_string());
            return Some(cycle);
        }
        if done.contains(n) {
            return None;
        }
        stack.push(n.to_string());
        for m in g.get(n).into_iter().flatten() {
            if let Some(c) = visit(m, g, stack, done) {
                return Some(c);
            }
        }
        stack.pop();
        done.insert(n.to_string());
        None
    }
    let mut done = BTreeSet::new();
    g.keys().find_map(|n| visit(n, g, &mut Vec::new(), &mut done))
}

fn rank(m: &str) -> Option<usize> {
    RANKS.iter().position(|r| r.contains(&m))
}

#[test]
fn top_level_modules_form_no_cycle() {
    let g = graph();
    assert!(g.contains_key("shell") && g.contains_key("catalog"), "{g:?}");
    if let Some(cycle) = find_cycle(&g) {
        panic!("module cycle: {}", cycle.join(" -> "));
    }
}

#[test]
fn no_module_uses_one_above_it() {
    let mut wrong = Vec::new();
    for (m, uses) in graph() {
        let Some(rm) = rank(&m) else { continue };
        for u in uses {
            if rank(&u).is_some_and(|ru| ru >= rm) {
                wrong.push(format!("{m} uses {u}"));
            }
        }
    }
    assert!(wrong.is_empty(), "modules using one at or above their level: {wrong:?}");
}

#[test]
fn the_checker_sees_what_it_must() {
    let text = "use crate::{vfs::Tree, image::{A, B}};\n// crate::web in a comment\nfn f() { crate::shell::run(); }\n#[cfg(test)]\nmod tests { use crate::oci; }\n";
    let found = crate_paths(&strip_tests(&strip_comments(text)));
    assert_eq!(found.into_iter().collect::<Vec<_>>(), ["image", "shell", "vfs"]);
    assert_eq!(
        test_module_names("#[cfg(test)]\nmod tests;\n#[cfg(test)] mod parser_tests;\nmod real;"),
        ["tests", "parser_tests"]
    );
    let g: BTreeMap<String, BTreeSet<String>> =
        [("a", "b"), ("b", "c"), ("c", "a")].iter().map(|(k, v)| (k.to_string(), [v.to_string()].into())).collect();
    assert_eq!(find_cycle(&g).unwrap().join(" -> "), "a -> b -> c -> a");
}
