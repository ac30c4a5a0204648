//! Transcript tests of the docker command surface: each `tests/transcripts/*.txt` is a
//! session against one engine with a fixed clock.
//!
//! Format:
//! - `$ docker …` runs a command line (through `Engine::exec_line`); the lines after it,
//!   up to the next `$ ` or `% ` line, are the expected output: standard output as is,
//!   standard error lines prefixed with `! `, and `[exit N]` last when the status is not 0.
//! - `$ cat FILE` and `$ ls DIR` look at the test host's files instead.
//! - `% file PATH` … `% end` writes a file on the host (build contexts, files to copy).
//! - `% clock +N` moves the clock N seconds forward.
//! - `% let NAME = first-id` takes the first full ID printed by the previous command;
//!   `% let NAME = shared-prefix` the shortest prefix two of its full IDs share. `$NAME`
//!   is replaced in later commands and expected output.
//! - `## …` lines are comments.
//!
//! Standard output and standard error are compared interleaved, in the order the engine
//! produced them. IDs are masked before comparing and numbered by first appearance in the
//! transcript: 64 hex digits become `<digest-N>`, a 12-digit hex word `<id-N>` (one N for
//! both forms of an ID), so a wrong or swapped ID fails. Trailing spaces are ignored (Go's
//! tabwriter pads the last column).

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::rc::Rc;

use layerlab::build::Context;
use layerlab::engine::{Engine, Host, Output, Stream};

const T0: i64 = 1_740_830_400; // 2025-03-01T12:00:00Z

/// Files of the test host, shared with the runner.
#[derive(Clone, Default)]
struct MemHost {
    files: Rc<RefCell<BTreeMap<String, Vec<u8>>>>,
}

fn norm(p: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for seg in p.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

impl Host for MemHost {
    fn load_context(&self, path: &str, dockerfile: Option<&str>) -> Result<(String, Context), String> {
        let root = norm(path);
        let prefix = if root.is_empty() { String::new() } else { format!("{root}/") };
        let files = self.files.borrow();
        let df_path = match dockerfile {
            Some(f) => norm(&format!("{prefix}{f}")),
            None => format!("{prefix}Dockerfile"),
        };
        let text = files
            .get(&df_path)
            .ok_or_else(|| format!("unable to prepare context: unable to evaluate symlinks in Dockerfile path: lstat {df_path}: no such file or directory"))?;
        let mut ctx = Context::new();
        for (p, data) in files.iter().filter(|(p, _)| p.starts_with(&prefix)) {
            ctx.add_file(&p[prefix.len()..], data.clone());
        }
        Ok((String::from_utf8_lossy(text).into_owned(), ctx))
    }

    fn read_file(&self, path: &str) -> Result<Vec<u8>, String> {
        self.files.borrow().get(&norm(path)).cloned().ok_or_else(|| format!("open {path}: no such file or directory"))
    }

    fn write_file(&mut self, path: &str, bytes: &[u8]) -> Result<(), String> {
        self.files.borrow_mut().insert(norm(path), bytes.to_vec());
        Ok(())
    }

    fn list_dir(&self, path: &str) -> Option<Vec<String>> {
        let dir = norm(path);
        let prefix = if dir.is_empty() { String::new() } else { format!("{dir}/") };
        let files = self.files.borrow();
        let mut names: Vec<String> = files
            .keys()
            .filter_map(|k| k.strip_prefix(&prefix).map(|r| r.split('/').next().unwrap_or(r).to_string()))
            .filter(|n| !n.is_empty() && n != ".keep")
            .collect();
        names.dedup();
        let is_dir = dir.is_empty() || files.keys().any(|k| k.starts_with(&prefix));
        is_dir.then_some(names)
    }

    fn create_dir(&mut self, path: &str) -> Result<(), String> {
        self.files.borrow_mut().insert(format!("{}/.keep", norm(path)), Vec::new());
        Ok(())
    }

    fn remove_path(&mut self, path: &str) -> Result<(), String> {
        let p = norm(path);
        let prefix = format!("{p}/");
        self.files.borrow_mut().retain(|k, _| *k != p && !k.starts_with(&prefix));
        Ok(())
    }
}

/// Masks IDs, numbered by first appearance in the transcript so that the same ID must
/// recur where Docker repeats it: a 64-digit hex word becomes `<digest-N>`, a 12-digit
/// one `<id-N>`, the two forms of one ID sharing N (keyed by the first 12 digits).
#[derive(Default)]
struct Masker {
    seen: BTreeMap<String, usize>,
}

impl Masker {
    fn number(&mut self, id: &str) -> usize {
        let n = self.seen.len() + 1;
        *self.seen.entry(id[..12].to_string()).or_insert(n)
    }

    fn mask(&mut self, s: &str) -> String {
        let b: Vec<char> = s.chars().collect();
        let mut out = String::new();
        let mut i = 0;
        let is_hex = |c: char| c.is_ascii_digit() || ('a'..='f').contains(&c);
        while i < b.len() {
            if is_hex(b[i]) && (i == 0 || !b[i - 1].is_ascii_alphanumeric()) {
                let mut j = i;
                while j < b.len() && is_hex(b[j]) {
                    j += 1;
                }
                let bounded = j == b.len() || !b[j].is_ascii_alphanumeric();
                if bounded && (j - i == 64 || j - i == 12) {
                    let word: String = b[i..j].iter().collect();
                    let n = self.number(&word);
                    out.push_str(&if j - i == 64 { format!("<digest-{n}>") } else { format!("<id-{n}>") });
                    i = j;
                    continue;
                }
            }
            out.push(b[i]);
            i += 1;
        }
        out
    }
}

/// Both streams interleaved as the engine produced them: standard error lines prefixed
/// with `! `, `\ (no newline)` after output that does not end a line, `[exit N]` last.
fn render(o: &Output) -> String {
    let mut s = String::new();
    for (stream, text) in o.chunks() {
        for piece in text.split_inclusive('\n') {
            if stream == Stream::Stderr {
                s.push_str("! ");
            }
            s.push_str(piece.trim_end_matches('\n'));
            s.push('\n');
            if stream == Stream::Stdout && !piece.ends_with('\n') {
                s.push_str("\\ (no newline)\n");
            }
        }
    }
    if o.code != 0 {
        s.push_str(&format!("[exit {}]\n", o.code));
    }
    s
}

fn clean(s: &str) -> String {
    let lines: Vec<String> = s.lines().map(|l| l.trim_end().to_string()).collect();
    let mut lines = lines;
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    lines.join("\n")
}

fn substitute(s: &str, vars: &BTreeMap<String, String>) -> String {
    let mut out = s.to_string();
    let mut names: Vec<&String> = vars.keys().collect();
    layerlab::util::sort::sort_by_key(&mut names, |n| std::cmp::Reverse(n.len()));
    for n in names {
        out = out.replace(&format!("${n}"), &vars[n]);
    }
    out
}

/// For blessing: puts `$NAME` back where a variable's value stands as a word in an error
/// line (`! … prefix: 4`).
fn restore_vars(s: &str, vars: &BTreeMap<String, String>) -> String {
    s.lines()
        .map(|l| {
            if !l.starts_with("! ") {
                return l.to_string();
            }
            let mut line = l.to_string();
            for (name, value) in vars {
                let words: Vec<&str> = line.split(|c: char| !c.is_ascii_alphanumeric()).collect();
                if words.contains(&value.as_str()) {
                    let mut out = String::new();
                    let mut rest = line.as_str();
                    while let Some(i) = rest.find(value.as_str()) {
                        let before_ok = rest[..i].chars().last().is_none_or(|c| !c.is_ascii_alphanumeric());
                        let after_ok =
                            rest[i + value.len()..].chars().next().is_none_or(|c| !c.is_ascii_alphanumeric());
                        out.push_str(&rest[..i]);
                        out.push_str(if before_ok && after_ok { "$" } else { "" });
                        out.push_str(if before_ok && after_ok { name } else { value });
                        rest = &rest[i + value.len()..];
                    }
                    out.push_str(rest);
                    line = out;
                }
            }
            line
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn full_ids(s: &str) -> Vec<String> {
    let mut ids = Vec::new();
    for w in s.split(|c: char| !c.is_ascii_alphanumeric()) {
        if w.len() == 64 && w.chars().all(|c| c.is_ascii_hexdigit()) {
            ids.push(w.to_string());
        }
    }
    ids
}

fn shared_prefix(ids: &[String]) -> Option<String> {
    for len in 1..64 {
        let mut seen = std::collections::BTreeSet::new();
        for id in ids {
            if !seen.insert(&id[..len]) {
                return Some(id[..len].to_string());
            }
        }
    }
    None
}

/// Runs one transcript; returns a readable report of every mismatch. With `bless`, the
/// transcript's expected outputs are replaced by the actual ones (to review with git diff).
fn run_transcript(name: &str, text: &str, bless: Option<&std::path::Path>) -> Result<usize, String> {
    let mut blessed = String::new();
    let clock = Rc::new(Cell::new(T0));
    let c2 = clock.clone();
    let mut engine = Engine::new(move || c2.get());
    let host = MemHost::default();
    engine.set_host(host.clone());
    let mut vars: BTreeMap<String, String> = BTreeMap::new();
    let mut masker = Masker::default();
    let lines: Vec<&str> = text.lines().collect();
    let mut i = 0;
    let mut last_stdout = String::new();
    let mut failures = Vec::new();
    let mut commands = 0;
    while i < lines.len() {
        let line = lines[i];
        i += 1;
        if line.starts_with("## ") || line.trim().is_empty() {
            blessed.push_str(line);
            blessed.push('\n');
            continue;
        }
        if !line.starts_with("$ ") {
            blessed.push_str(line);
            blessed.push('\n');
        }
        if let Some(path) = line.strip_prefix("% file ") {
            let mut body = String::new();
            while i < lines.len() && lines[i] != "% end" {
                body.push_str(lines[i]);
                body.push('\n');
                blessed.push_str(lines[i]);
                blessed.push('\n');
                i += 1;
            }
            blessed.push_str("% end\n");
            i += 1;
            host.files.borrow_mut().insert(norm(path.trim()), body.into_bytes());
            continue;
        }
        if let Some(n) = line.strip_prefix("% clock +") {
            clock.set(
                clock.get() + n.trim().parse::<i64>().map_err(|e| format!("{name}: bad clock line {line:?}: {e}"))?,
            );
            continue;
        }
        if let Some(rest) = line.strip_prefix("% let ") {
            let (var, what) = rest.split_once('=').ok_or_else(|| format!("{name}: bad let line {line:?}"))?;
            let ids = full_ids(&last_stdout);
            let value = match what.trim() {
                "first-id" => ids.first().cloned(),
                "shared-prefix" => shared_prefix(&ids),
                other => return Err(format!("{name}: unknown let source {other:?}")),
            }
            .ok_or_else(|| format!("{name}: `{line}` found nothing in:\n{last_stdout}"))?;
            vars.insert(var.trim().to_string(), value);
            continue;
        }
        let Some(cmd) = line.strip_prefix("$ ") else {
            return Err(format!("{name}:{i}: expected a `$ ` command or a `%` directive, got {line:?}"));
        };
        let mut expected = String::new();
        while i < lines.len()
            && !lines[i].starts_with("$ ")
            && !lines[i].starts_with("% ")
            && !lines[i].starts_with("## ")
        {
            expected.push_str(lines[i]);
            expected.push('\n');
            i += 1;
        }
        let cmd = substitute(cmd, &vars);
        let out = if let Some(f) = cmd.strip_prefix("cat ") {
            match host.files.borrow().get(&norm(f)) {
                Some(b) => Output::ok(String::from_utf8_lossy(b).into_owned()),
                None => Output::fail(1, format!("cat: can't open '{f}': No such file or directory")),
            }
        } else if let Some(d) = cmd.strip_prefix("ls ") {
            match host.list_dir(d) {
                Some(names) => Output::ok(names.iter().map(|n| format!("{n}\n")).collect::<String>()),
                None => Output::fail(1, format!("ls: {d}: No such file or directory")),
            }
        } else {
            engine.exec_line(&cmd)
        };
        commands += 1;
        last_stdout = out.stdout.clone();
        let got = clean(&masker.mask(&render(&out)));
        let want = clean(&masker.mask(&substitute(&expected, &vars)));
        blessed.push_str(line);
        blessed.push('\n');
        if !got.is_empty() {
            blessed.push_str(&restore_vars(&got, &vars));
            blessed.push('\n');
        }
        blessed.push('\n');
        if want != got {
            failures.push(format!("{name}: `$ {cmd}`\n{}", diff(&want, &got)));
        }
    }
    if let Some(path) = bless {
        std::fs::write(path, blessed).map_err(|e| e.to_string())?;
        return Ok(commands);
    }
    if failures.is_empty() {
        Ok(commands)
    } else {
        Err(failures.join("\n"))
    }
}

/// A line diff: `-` expected, `+` actual, with context.
fn diff(want: &str, got: &str) -> String {
    let a: Vec<&str> = want.lines().collect();
    let b: Vec<&str> = got.lines().collect();
    let n = a.len();
    let m = b.len();
    let mut lcs = vec![vec![0usize; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if a[i] == b[j] { lcs[i + 1][j + 1] + 1 } else { lcs[i + 1][j].max(lcs[i][j + 1]) };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut out = String::new();
    while i < n || j < m {
        if i < n && j < m && a[i] == b[j] {
            out.push_str(&format!("    {}\n", a[i]));
            i += 1;
            j += 1;
        } else if j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j]) {
            out.push_str(&format!("  + {}\n", b[j]));
            j += 1;
        } else {
            out.push_str(&format!("  - {}\n", a[i]));
            i += 1;
        }
    }
    out
}

#[test]
fn transcripts() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/transcripts");
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/transcripts")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    layerlab::util::sort::sort(&mut entries);
    assert!(!entries.is_empty(), "no transcripts in {}", dir.display());
    let only = std::env::var("TRANSCRIPT").ok();
    let mut report = Vec::new();
    for p in entries {
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        if only.as_ref().is_some_and(|o| !name.contains(o.as_str())) {
            continue;
        }
        let text = std::fs::read_to_string(&p).unwrap();
        let bless = std::env::var("TRANSCRIPT_BLESS").is_ok().then_some(p.as_path());
        match run_transcript(&name, &text, bless) {
            Ok(n) => eprintln!("{name}: {n} commands ok"),
            Err(e) => report.push(e),
        }
    }
    assert!(report.is_empty(), "transcript mismatches (- expected, + actual):\n\n{}", report.join("\n\n"));
}

#[test]
fn masking_and_prefixes() {
    let mut m = Masker::default();
    let full = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    assert_eq!(m.mask(&format!("sha256:{full} x")), "sha256:<digest-1> x");
    assert_eq!(m.mask("IMAGE 1d34ffeaf190 and cafe, 0123456789ab"), "IMAGE <id-2> and cafe, <id-1>");
    assert_ne!(m.mask("app:v1 1d34ffeaf190"), m.mask("app:v1 0123456789ab"), "a wrong ID shows");
    let mut o = Output::fail(1, "Unable to find image 'busybox:latest' locally");
    o.line("hi");
    o.code = 0;
    assert_eq!(render(&o), "! Unable to find image 'busybox:latest' locally\nhi\n");
    let ids = vec!["ab".repeat(32), "ac".repeat(32)];
    assert_eq!(shared_prefix(&ids).as_deref(), Some("a"));
}
