//! Best-practice hints tied to Dockerfile lines, each with a stable code, a short
//! explanation, a fix (the edited Dockerfile), and what the fix saves — measured by
//! building the fixed Dockerfile and comparing, not estimated.
//!
//! Codes: `apt-lists`, `apk-cache`, `apt-recommends`, `merge-runs`, `deleted-later`,
//! `add-for-copy`, `latest-tag`, `no-user`, `secret-deleted`, `cache-order`,
//! `layer-limit`, `shell-entrypoint`. Text-only checks live in `rules`; the checks that
//! need the built image (what a later layer deletes, how many layers there are, which
//! users exist) are here.

pub mod edit;
mod rules;

use std::collections::BTreeMap;

use regex_lite::Regex;
use serde::Serialize;

use super::efficiency::analyze;
use super::measure::{build, Built};
use crate::build::{Context, MAX_LAYERS};
use crate::dockerfile::{parse, Command, Dockerfile, Instruction, SourceError};
use crate::image::Store;
use edit::{append_to_run, apply, merge_edits, plain_run, source_of, Edit};

/// Images with at least this many layers get the `layer-limit` hint.
pub const LAYER_WARNING: usize = 100;

/// A finding before it is measured.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    /// Stable code.
    pub code: &'static str,
    /// 1-based Dockerfile line.
    pub line: usize,
    /// What is wrong and why, in a sentence.
    pub message: String,
    /// The whole Dockerfile with the fix applied.
    pub fix: Option<String>,
}

/// A measured hint.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Hint {
    /// Stable code, e.g. `apt-lists`.
    pub code: &'static str,
    /// 1-based Dockerfile line.
    pub line: usize,
    /// What is wrong and why, in a sentence.
    pub message: String,
    /// Bytes the fixed Dockerfile's image is smaller by (negative: bigger); `None` when
    /// there is no fix or either build fails.
    pub saves_bytes: Option<i64>,
    /// Layers the fixed image has fewer of; `None` as for `saves_bytes`.
    pub saves_layers: Option<i64>,
    /// The whole Dockerfile with the fix applied.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<String>,
}

/// Lints `dockerfile` (with its build `context`): parses it (an invalid Dockerfile is the
/// only error), builds it and every fixed variant into `store`, and returns the hints in
/// line order.
pub fn lint(dockerfile: &str, context: &Context, store: &mut Store) -> Result<Vec<Hint>, SourceError> {
    let df = parse(dockerfile)?;
    let mut findings = rules::check(dockerfile, &df, context);
    let built = build(store, dockerfile, context).ok();
    if let Some(b) = &built {
        image_checks(dockerfile, &df, b, &mut findings);
    }
    findings.extend(no_user(dockerfile, &df, built.as_ref()));
    crate::util::sort::sort_by(&mut findings, |a, b| a.line.cmp(&b.line).then(a.code.cmp(b.code)));
    let mut hints = Vec::new();
    for f in findings {
        let measured = match (&built, &f.fix) {
            (Some(orig), Some(fix)) => build(store, fix, context).ok().map(|fixed| {
                (orig.size() as i64 - fixed.size() as i64, orig.layer_count() as i64 - fixed.layer_count() as i64)
            }),
            _ => None,
        };
        hints.push(Hint {
            code: f.code,
            line: f.line,
            message: f.message,
            saves_bytes: measured.map(|m| m.0),
            saves_layers: measured.map(|m| m.1),
            fix: f.fix,
        });
    }
    Ok(hints)
}

/// The most specific built-in version tag that names the same image as `repo:latest`.
pub fn pinned_tag(repo: &str) -> Option<String> {
    let r = crate::catalog::images::listings().into_iter().find(|l| l.repository == repo)?;
    let tags = r.images.iter().find(|tags| tags.iter().any(|t| t == "latest"))?;
    tags.iter()
        .filter(|t| t.chars().next().is_some_and(|c| c.is_ascii_digit()))
        .max_by_key(|t| (t.matches('.').count(), t.len()))
        .cloned()
}

fn instruction_at(df: &Dockerfile, line: usize) -> Option<&Instruction> {
    df.instructions.iter().find(|i| i.start_line == line)
}

fn looks_secret(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    Regex::new(r"(?i)^(id_(rsa|dsa|ecdsa|ed25519)|\.env|\.npmrc|\.netrc|\.pgpass|\.git-credentials)$|\.(pem|key|p12|pfx)$|credential|secret|token|password")
        .is_ok_and(|r| r.is_match(name))
}

/// Checks that read the built image: deletions in later layers, secrets, layer count.
fn image_checks(src: &str, df: &Dockerfile, built: &Built, out: &mut Vec<Finding>) {
    let analysis = analyze(&built.image);
    // (adding line, deleting line) → (bytes, files, biggest path)
    let mut deleted: BTreeMap<(Option<usize>, usize), (u64, usize, String)> = BTreeMap::new();
    for w in analysis.wasted_paths.iter().filter(|w| w.deleted) {
        let (Some(&first), Some(&last)) = (w.layers.first(), w.layers.last()) else { continue };
        let (added, Some(removed)) = (built.layer_lines[first], built.layer_lines[last]) else { continue };
        if added == Some(removed) {
            continue;
        }
        if let (Some(a), true) = (added, looks_secret(&w.path)) {
            let message = format!(
                "{} is deleted on line {removed} but still ships in the layer of line {a}: anyone with the image can extract it (docker save); pass secrets with a build secret or keep them out of the context",
                w.path
            );
            out.push(Finding { code: "secret-deleted", line: a, message, fix: None });
            continue;
        }
        let e = deleted.entry((added, removed)).or_insert((0, 0, w.path.clone()));
        e.0 += w.wasted_bytes;
        e.1 += 1;
    }
    for ((added, removed), (bytes, files, path)) in deleted {
        let what = if files == 1 { path.clone() } else { format!("{files} files ({path}, …)") };
        let Some(a) = added else {
            let message = format!("line {removed} deletes {what} of the base image: {bytes} bytes that still ship in the base layers; deleting never makes an image smaller");
            out.push(Finding { code: "deleted-later", line: removed, message, fix: None });
            continue;
        };
        let edits = move_deletion(src, df, a, removed);
        let message = format!(
            "{what} added on line {a} and deleted on line {removed}: {bytes} bytes still ship in the layer of line {a}; delete in the same RUN that creates them"
        );
        out.push(Finding { code: "deleted-later", line: a, message, fix: edits.map(|e| apply(src, &e)) });
    }
    let layers = built.layer_count();
    if layers >= LAYER_WARNING {
        let from = df.stages().last().map(|s| s[0].start_line).unwrap_or(1);
        let groups: Vec<Edit> = df
            .stages()
            .iter()
            .flat_map(|stage| {
                let mut edits = Vec::new();
                let mut k = 0;
                while k < stage.len() {
                    let g: Vec<&Instruction> = stage[k..].iter().take_while(|i| plain_run(i).is_some()).collect();
                    if g.len() >= 2 {
                        edits.extend(merge_edits(src, &g).unwrap_or_default());
                    }
                    k += g.len().max(1);
                }
                edits
            })
            .collect();
        let message =
            format!("the image has {layers} layers; Docker refuses to build more than {MAX_LAYERS}: join RUNs");
        let fix = (!groups.is_empty()).then(|| apply(src, &groups));
        out.push(Finding { code: "layer-limit", line: from, message, fix });
    }
}

/// Moves the deleting RUN on line `removed` into the RUN on line `added` that created the
/// files: merges them when only RUNs lie between, else appends the deletion.
fn move_deletion(src: &str, df: &Dockerfile, added: usize, removed: usize) -> Option<Vec<Edit>> {
    let a = instruction_at(df, added)?;
    let d = instruction_at(df, removed)?;
    plain_run(a)?;
    let cmd = plain_run(d)?;
    let between: Vec<&Instruction> =
        df.instructions.iter().filter(|i| i.start_line >= added && i.start_line <= removed).collect();
    if between.iter().all(|i| plain_run(i).is_some()) {
        return merge_edits(src, &between);
    }
    Some(vec![
        Edit::replace(a.start_line, a.end_line, append_to_run(src, a, cmd.trim())),
        Edit::remove(d.start_line, d.end_line),
    ])
}

fn is_root(user: &str) -> bool {
    let name = user.split(':').next().unwrap_or(user).trim();
    name == "root" || name == "0"
}

/// The final stage runs as root.
fn no_user(src: &str, df: &Dockerfile, built: Option<&Built>) -> Option<Finding> {
    let stages = df.stages();
    let stage = stages.last()?;
    let last_user = stage.iter().rev().find_map(|i| match &i.command {
        Command::User(u) => Some((i.start_line, u.as_str())),
        _ => None,
    });
    if last_user.is_some_and(|(_, u)| !is_root(u)) {
        return None;
    }
    let has_nobody = built.is_some_and(|b| {
        let tree = crate::vfs::Tree::from_layers(b.image.layers.iter().map(|l| l.layer()));
        tree.read("/", "/etc/passwd")
            .is_ok_and(|c| String::from_utf8_lossy(&c.bytes()).lines().any(|l| l.starts_with("nobody:")))
    });
    let user = if has_nobody { "nobody" } else { "65534" };
    let last = stage.last()?;
    let (line, edits) = match last_user {
        Some((line, _)) => {
            let ins = instruction_at(df, line)?;
            (line, vec![Edit::replace(ins.start_line, ins.end_line, format!("USER {user}"))])
        }
        None => (
            stage[0].start_line,
            vec![Edit::replace(last.start_line, last.end_line, format!("{}\nUSER {user}", source_of(src, last)))],
        ),
    };
    let message = "the container runs as root: a process that escapes or is exploited has root's rights; add a USER that is not root".to_string();
    Some(Finding { code: "no-user", line, message, fix: Some(apply(src, &edits)) })
}
