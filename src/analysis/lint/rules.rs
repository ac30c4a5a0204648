//! The checks that read the Dockerfile text alone, each with its fix.

use regex_lite::Regex;

use super::edit::{append_to_run, apply, merge_edits, plain_run, source_of, Edit};
use super::Finding;
use crate::build::Context;
use crate::dockerfile::{Command, Dockerfile, Instruction, ShellOrExec};

fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("lint patterns are valid")
}

fn finding(code: &'static str, line: usize, message: String, src: &str, edits: Option<Vec<Edit>>) -> Finding {
    Finding { code, line, message, fix: edits.map(|e| apply(src, &e)) }
}

/// Every text-only finding, in line order.
pub fn check(src: &str, df: &Dockerfile, ctx: &Context) -> Vec<Finding> {
    let mut out = Vec::new();
    let stages = df.stages();
    for stage in &stages {
        apt_lists(src, stage, &mut out);
        for ins in stage.iter() {
            apk_cache(src, ins, &mut out);
            apt_recommends(src, ins, &mut out);
            add_for_copy(src, ins, &mut out);
            shell_entrypoint(src, ins, &mut out);
        }
        merge_runs(src, stage, &mut out);
        cache_order(src, stage, ctx, &mut out);
    }
    latest_tags(src, &stages, &mut out);
    crate::util::sort::sort_by_key(&mut out, |f| f.line);
    out
}

/// `apt-get update` whose package lists stay in the layer.
fn apt_lists(src: &str, stage: &[Instruction], out: &mut Vec<Finding>) {
    let update = re(r"\bapt(-get)?\s+(-\S+\s+)*update\b");
    let install = re(r"\bapt(-get)?\s+(-\S+\s+)*install\b");
    for (k, ins) in stage.iter().enumerate() {
        let Some(cmd) = plain_run(ins) else { continue };
        if !update.is_match(cmd) || cmd.contains("/var/lib/apt/lists") {
            continue;
        }
        // The installs that need these lists may follow in the next RUNs: fold them in.
        let mut group = vec![ins];
        if !install.is_match(cmd) {
            let following: Vec<&Instruction> = stage[k + 1..].iter().take_while(|i| plain_run(i).is_some()).collect();
            if let Some(last) = following.iter().rposition(|i| plain_run(i).is_some_and(|c| install.is_match(c))) {
                group.extend(&following[..=last]);
            }
        }
        let cleanup = "rm -rf /var/lib/apt/lists/*";
        let edits = if group.len() == 1 {
            Some(vec![Edit::replace(ins.start_line, ins.end_line, append_to_run(src, ins, cleanup))])
        } else {
            merge_edits(src, &group).map(|e| {
                let merged = format!("{} \\\n    && {cleanup}", e[0].text);
                vec![Edit::replace(e[0].start, e[0].end, merged)]
            })
        };
        let message =
            "apt-get update leaves its package lists (/var/lib/apt/lists) in this layer; remove them in the same RUN"
                .to_string();
        out.push(finding("apt-lists", ins.start_line, message, src, edits));
    }
}

/// `apk add` that keeps the index cache.
fn apk_cache(src: &str, ins: &Instruction, out: &mut Vec<Finding>) {
    let Some(cmd) = plain_run(ins) else { return };
    let add = re(r"\bapk\s+add\b");
    if !add.is_match(cmd) || cmd.contains("--no-cache") || cmd.contains("/var/cache/apk") {
        return;
    }
    let text = source_of(src, ins);
    let text = re(r"\bapk\s+(-\S+\s+)*update\s*&&\s*").replace_all(&text, "");
    let text = re(r"\bapk(\s+)add\b").replace_all(&text, "apk${1}add --no-cache").into_owned();
    let message = "apk add without --no-cache keeps the package index in /var/cache/apk in this layer".to_string();
    out.push(finding(
        "apk-cache",
        ins.start_line,
        message,
        src,
        Some(vec![Edit::replace(ins.start_line, ins.end_line, text)]),
    ));
}

/// `apt-get install` that also installs recommended packages.
fn apt_recommends(src: &str, ins: &Instruction, out: &mut Vec<Finding>) {
    let Some(cmd) = plain_run(ins) else { return };
    let install = re(r"\bapt-get(\s+-\S+)*\s+install\b");
    if !install.is_match(cmd) || cmd.contains("no-install-recommends") || cmd.contains("Install-Recommends") {
        return;
    }
    let text = source_of(src, ins);
    let text = install.replace_all(&text, "${0} --no-install-recommends").into_owned();
    let message = "apt-get install without --no-install-recommends also installs every recommended package".to_string();
    out.push(finding(
        "apt-recommends",
        ins.start_line,
        message,
        src,
        Some(vec![Edit::replace(ins.start_line, ins.end_line, text)]),
    ));
}

/// `ADD` of local files that are not archives: `COPY` says what it does.
fn add_for_copy(src: &str, ins: &Instruction, out: &mut Vec<Finding>) {
    let Command::Add { args, .. } = &ins.command else { return };
    let sources = &args.sources;
    let archive = re(r"(?i)\.(tar|tar\.gz|tgz|tar\.bz2|tbz2?|tar\.xz|txz|tar\.zst)$");
    let remote = |s: &str| s.contains("://") || s.starts_with("git@");
    if sources.iter().any(|s| remote(s) || archive.is_match(s))
        || ins.flags.iter().any(|f| f.name != "chown" && f.name != "chmod")
    {
        return;
    }
    let text = source_of(src, ins);
    let text = re(r"^(\s*)(?i:add)\b").replace(&text, "${1}COPY").into_owned();
    let message = "ADD of local files that are not archives does what COPY does; COPY says so (ADD also fetches URLs and unpacks tars)".to_string();
    out.push(finding(
        "add-for-copy",
        ins.start_line,
        message,
        src,
        Some(vec![Edit::replace(ins.start_line, ins.end_line, text)]),
    ));
}

/// `ENTRYPOINT` in shell form: the program runs under `/bin/sh -c`, does not get signals,
/// and ignores `CMD` and `docker run` arguments.
fn shell_entrypoint(src: &str, ins: &Instruction, out: &mut Vec<Finding>) {
    let Command::Entrypoint(ShellOrExec::Shell(cmd)) = &ins.command else { return };
    let cmd = cmd.trim();
    let plain = !cmd.chars().any(|c| "$`|&;<>()*?'\"\\\n".contains(c));
    let words: Vec<String> = if plain {
        cmd.split_whitespace().map(String::from).collect()
    } else {
        let body = if cmd.starts_with("exec ") { cmd.to_string() } else { format!("exec {cmd}") };
        vec!["/bin/sh".into(), "-c".into(), body]
    };
    let text = format!("ENTRYPOINT {}", serde_json::to_string(&words).unwrap_or_default().replace("\",\"", "\", \""));
    let message = "shell-form ENTRYPOINT runs under /bin/sh -c: the program is not PID 1, gets no SIGTERM on docker stop, and ignores CMD and docker run arguments; use the exec form".to_string();
    out.push(finding(
        "shell-entrypoint",
        ins.start_line,
        message,
        src,
        Some(vec![Edit::replace(ins.start_line, ins.end_line, text)]),
    ));
}

/// Consecutive RUNs: each makes a layer.
fn merge_runs(src: &str, stage: &[Instruction], out: &mut Vec<Finding>) {
    let mut k = 0;
    while k < stage.len() {
        let group: Vec<&Instruction> = stage[k..].iter().take_while(|i| plain_run(i).is_some()).collect();
        if group.len() >= 2 {
            let lines: Vec<String> = group.iter().map(|i| i.start_line.to_string()).collect();
            let message = format!(
                "{} consecutive RUNs (lines {}) make {} layers; one RUN joined with && makes one",
                group.len(),
                lines.join(", "),
                group.len()
            );
            out.push(finding("merge-runs", group[0].start_line, message, src, merge_edits(src, &group)));
        }
        k += group.len().max(1);
    }
}

/// Files that name the dependencies of common package managers.
const MANIFESTS: &[&str] = &[
    "package.json",
    "package-lock.json",
    "yarn.lock",
    "requirements.txt",
    "Gemfile",
    "Gemfile.lock",
    "go.mod",
    "go.sum",
    "composer.json",
    "composer.lock",
    "pom.xml",
    "Cargo.toml",
    "Cargo.lock",
];

/// `COPY . dest` before a dependency install: every source edit re-runs the install.
fn cache_order(src: &str, stage: &[Instruction], ctx: &Context, out: &mut Vec<Finding>) {
    let installs = re(
        r"\b(npm\s+(ci|install)|yarn(\s+install)?\s*($|&&|;)|pip3?\s+install|bundle\s+install|go\s+mod\s+download|composer\s+install|mvn\s|gem\s+install|cargo\s+(build|fetch)|apt-get\s+install|apk\s+add)",
    );
    for (k, ins) in stage.iter().enumerate() {
        let Some(args) = ins.command.copy_args() else { continue };
        let (sources, dest) = (&args.sources, &args.dest);
        if matches!(&ins.command, Command::Copy { from: Some(_), .. })
            || !sources.iter().any(|s| matches!(s.as_str(), "." | "./" | "*"))
        {
            continue;
        }
        let Some(install) = stage[k + 1..].iter().find(|i| plain_run(i).is_some_and(|c| installs.is_match(c))) else {
            continue;
        };
        let cmd = plain_run(install).unwrap_or_default();
        let manifests: Vec<&str> = MANIFESTS
            .iter()
            .copied()
            .filter(|m| ctx.file(m).is_some() && (cmd.contains(m) || tool_of(m).is_some_and(|t| cmd.contains(t))))
            .collect();
        let copy_text = source_of(src, ins);
        let mut moved = String::new();
        if !manifests.is_empty() {
            let d = if dest.ends_with('/') || manifests.len() > 1 {
                dest.clone()
            } else {
                format!("{}/", dest.trim_end_matches('/'))
            };
            moved = format!("COPY {} {}\n", manifests.join(" "), if d == "./" || d == "/" { d.clone() } else { d });
        }
        let edits = vec![
            Edit::replace(ins.start_line, ins.end_line, moved.trim_end().to_string()),
            Edit::replace(install.start_line, install.end_line, format!("{}\n{}", source_of(src, install), copy_text)),
        ];
        let message = format!(
            "COPY of the whole context comes before the dependency install on line {}: any source change invalidates the cache and re-runs it; copy only the dependency manifests first",
            install.start_line
        );
        out.push(finding("cache-order", ins.start_line, message, src, Some(edits)));
    }
}

/// The command that reads a manifest file.
fn tool_of(manifest: &str) -> Option<&'static str> {
    Some(match manifest {
        "package.json" | "package-lock.json" => "npm",
        "yarn.lock" => "yarn",
        "requirements.txt" => "pip",
        "Gemfile" | "Gemfile.lock" => "bundle",
        "go.mod" | "go.sum" => "go mod",
        "composer.json" | "composer.lock" => "composer",
        "pom.xml" => "mvn",
        "Cargo.toml" | "Cargo.lock" => "cargo",
        _ => return None,
    })
}

/// `FROM image` or `FROM image:latest`: the build changes when `latest` moves.
fn latest_tags(src: &str, stages: &[&[Instruction]], out: &mut Vec<Finding>) {
    let mut names: Vec<String> = Vec::new();
    for stage in stages {
        let ins = &stage[0];
        let Command::From { image, name, .. } = &ins.command else { continue };
        let known_stage = names.iter().any(|n| n.eq_ignore_ascii_case(image));
        if let Some(n) = name {
            names.push(n.clone());
        }
        if known_stage || image == "scratch" || image.contains('$') || image.contains('@') {
            continue;
        }
        let last = image.rsplit('/').next().unwrap_or(image);
        let (repo, tag) = match last.split_once(':') {
            Some((_, t)) => (&image[..image.len() - t.len() - 1], t),
            None => (image.as_str(), "latest"),
        };
        if tag != "latest" {
            continue;
        }
        let pinned = super::pinned_tag(repo);
        let edits = pinned.as_ref().map(|p| {
            let line = source_of(src, ins);
            vec![Edit::replace(ins.start_line, ins.end_line, line.replacen(image.as_str(), &format!("{repo}:{p}"), 1))]
        });
        let message = match &pinned {
            Some(p) => format!("{image} follows whatever `latest` points to; pin the version it is today ({repo}:{p}) so rebuilds stay the same"),
            None => format!("{image} follows whatever `latest` points to; pin a version tag so rebuilds stay the same"),
        };
        out.push(finding("latest-tag", ins.start_line, message, src, edits));
    }
}
