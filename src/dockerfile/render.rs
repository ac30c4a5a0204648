//! Output forms of a parsed [`Dockerfile`]: [`to_json`] (for `layerlab parse --json` and the
//! UI) and [`to_text`] (a readable listing).
//!
//! JSON shape:
//! ```text
//! { "escape": "\\",
//!   "directives": [{"name": "syntax", "value": "docker/dockerfile:1", "line": 1}],
//!   "instructions": [{
//!       "keyword": "COPY",                       // upper case
//!       "flags": [{"name": "from", "value": "build"}, {"name": "link", "value": null}],
//!       "args": {"sources": ["/out/app"], "dest": "/usr/bin/"},
//!       "json_form": false, "start_line": 7, "end_line": 7,
//!       "original": "COPY --from=build --link /out/app /usr/bin/",
//!       "heredocs": [{"name": "EOF", "content": "...", "expand": true, "chomp": false}] }],
//!   "diagnostics": [{"severity": "warning", "line": 2, "message": "MaintainerDeprecated: ..."}],
//!   "warnings": [{"line": 2, "message": "MaintainerDeprecated: ..."}] }
//! ```
//! [`tree_to_json`] renders a [`SyntaxTree`] (what BuildKit's parser accepts) the same way:
//! an instruction whose own checks failed appears as written (`"args"` its raw words,
//! `"invalid": true`), and `diagnostics` holds the errors a build would refuse with
//! (`"severity": "error"`) beside the warnings, sorted by line.
//! `flags` is an array (order and repeated `--exclude`s kept; `value` null for a bare flag);
//! `heredocs` only appears when present. `args` by keyword: RUN/CMD/ENTRYPOINT a string
//! (shell form) or an array (exec form); SHELL, EXPOSE, VOLUME arrays; FROM
//! `{"image", "name"}`; COPY/ADD `{"sources", "dest"}`; ENV/LABEL `[{"key", "value"}]`; ARG
//! `[{"name", "default"}]` (default null when absent); HEALTHCHECK `{"type": "NONE"}` or
//! `{"type": "CMD", "cmd": string|array}`; ONBUILD the trigger instruction as an object;
//! WORKDIR/USER/STOPSIGNAL/MAINTAINER a string. Values are as written (quotes kept; see
//! [`Instruction::expanded`]).

use serde_json::{json, Value};

use super::ast::{Command, CopyArgs, Dockerfile, Healthcheck, Instruction, ShellOrExec};
use super::ast::{SourceError, Warning};
use super::parser::{is_json_form, RawNode, SyntaxTree};

/// The Dockerfile as a JSON object (shape in the module docs).
pub fn to_json(d: &Dockerfile) -> Value {
    let instructions = d.instructions.iter().map(|i| instruction_json(i, d.escape)).collect();
    document(&d.directives, d.escape, instructions, &[], &d.warnings)
}

/// Everything BuildKit's parser accepts, with the problems as `diagnostics` (module docs).
pub fn tree_to_json(t: &SyntaxTree) -> Value {
    let instructions = t
        .nodes
        .iter()
        .map(|n| match &n.instruction {
            Some(i) => instruction_json(i, t.escape),
            None => {
                let mut obj = raw_json(&n.raw);
                obj["start_line"] = json!(n.start_line);
                obj["end_line"] = json!(n.end_line);
                if !n.heredocs.is_empty() {
                    obj["heredocs"] = heredocs_json(&n.heredocs);
                }
                obj
            }
        })
        .collect();
    document(&t.directives, t.escape, instructions, &t.errors, &t.warnings)
}

fn document(
    directives: &[(String, String, usize)],
    escape: char,
    instructions: Vec<Value>,
    errors: &[SourceError],
    warnings: &[Warning],
) -> Value {
    let mut diagnostics: Vec<(usize, Value)> = errors
        .iter()
        .map(|e| (e.line, json!({"severity": "error", "line": e.line, "message": e.message})))
        .chain(warnings.iter().map(|w| (w.line, json!({"severity": "warning", "line": w.line, "message": w.message}))))
        .collect();
    crate::util::sort::sort_by_key(&mut diagnostics, |(line, _)| *line);
    json!({
        "escape": escape.to_string(),
        "directives": directives.iter().map(|(n, v, l)| json!({"name": n, "value": v, "line": l})).collect::<Vec<_>>(),
        "instructions": instructions,
        "diagnostics": diagnostics.into_iter().map(|(_, d)| d).collect::<Vec<_>>(),
        "warnings": warnings.iter().map(|w| json!({"line": w.line, "message": w.message})).collect::<Vec<_>>(),
    })
}

/// An instruction as BuildKit's parser split it, for one that failed its own checks.
fn raw_json(n: &RawNode) -> Value {
    let flags: Vec<Value> = n
        .flags
        .iter()
        .map(|w| {
            let body = w.trim_start_matches('-');
            match body.split_once('=') {
                Some((name, value)) => json!({"name": name, "value": value}),
                None => json!({"name": body, "value": null}),
            }
        })
        .collect();
    json!({
        "keyword": n.keyword.to_ascii_uppercase(),
        "flags": flags,
        "args": match &n.sub {
            Some(sub) => raw_json(sub),
            None => json!(n.args),
        },
        "json_form": n.json,
        "original": n.original,
        "invalid": true,
    })
}

fn heredocs_json(h: &[super::ast::Heredoc]) -> Value {
    h.iter().map(|h| json!({"name": h.name, "content": h.content, "expand": h.expand, "chomp": h.chomp})).collect()
}

fn shell_or_exec(c: &ShellOrExec) -> Value {
    match c {
        ShellOrExec::Shell(s) => json!(s),
        ShellOrExec::Exec(v) => json!(v),
    }
}

fn args_json(i: &Instruction, escape: char) -> Value {
    match &i.command {
        Command::From { image, name, .. } => json!({"image": image, "name": name}),
        Command::Run { cmd: c, .. } | Command::Cmd(c) | Command::Entrypoint(c) => shell_or_exec(c),
        Command::Shell(v) | Command::Expose(v) | Command::Volume(v) => json!(v),
        Command::Copy { args: CopyArgs { sources, dest, .. }, .. }
        | Command::Add { args: CopyArgs { sources, dest, .. }, .. } => {
            json!({"sources": sources, "dest": dest})
        }
        Command::Env(kv) | Command::Label(kv) => {
            Value::Array(kv.iter().map(|(k, v)| json!({"key": k, "value": v})).collect())
        }
        Command::Arg(kv) => Value::Array(kv.iter().map(|(k, v)| json!({"name": k, "default": v})).collect()),
        Command::Workdir(s) | Command::User(s) | Command::Stopsignal(s) | Command::Maintainer(s) => json!(s),
        Command::Onbuild(inner) => instruction_json(inner, escape),
        Command::Healthcheck(Healthcheck { cmd: None, .. }) => json!({"type": "NONE"}),
        Command::Healthcheck(Healthcheck { cmd: Some(c), .. }) => {
            json!({"type": "CMD", "cmd": shell_or_exec(c)})
        }
    }
}

/// One instruction as JSON.
pub fn instruction_json(i: &Instruction, escape: char) -> Value {
    let mut obj = json!({
        "keyword": i.keyword(),
        "flags": i.flags.iter().map(|f| json!({"name": f.name, "value": f.value})).collect::<Vec<_>>(),
        "args": args_json(i, escape),
        "json_form": is_json_form(i, escape),
        "start_line": i.start_line,
        "end_line": i.end_line,
        "original": i.original,
    });
    if !i.heredocs.is_empty() {
        obj["heredocs"] = heredocs_json(&i.heredocs);
    }
    obj
}

fn quote_list(v: &[String]) -> String {
    serde_json::to_string(v).unwrap_or_default()
}

fn args_text(i: &Instruction) -> String {
    let cmd = |c: &ShellOrExec| match c {
        ShellOrExec::Shell(s) => s.clone(),
        ShellOrExec::Exec(v) => quote_list(v),
    };
    match &i.command {
        Command::From { image, name: Some(n), .. } => format!("{image} AS {n}"),
        Command::From { image, name: None, .. } => image.clone(),
        Command::Run { cmd: c, .. } | Command::Cmd(c) | Command::Entrypoint(c) => cmd(c),
        Command::Shell(v) => quote_list(v),
        Command::Expose(v) | Command::Volume(v) => v.join(" "),
        Command::Copy { args: CopyArgs { sources, dest, .. }, .. }
        | Command::Add { args: CopyArgs { sources, dest, .. }, .. } => {
            let mut all = sources.clone();
            all.push(dest.clone());
            all.join(" ")
        }
        Command::Env(kv) | Command::Label(kv) => {
            kv.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join(" ")
        }
        Command::Arg(kv) => kv
            .iter()
            .map(|(k, v)| match v {
                Some(v) => format!("{k}={v}"),
                None => k.clone(),
            })
            .collect::<Vec<_>>()
            .join(" "),
        Command::Workdir(s) | Command::User(s) | Command::Stopsignal(s) | Command::Maintainer(s) => s.clone(),
        Command::Onbuild(inner) => instruction_text(inner),
        Command::Healthcheck(Healthcheck { cmd: None, .. }) => "NONE".into(),
        Command::Healthcheck(Healthcheck { cmd: Some(c), .. }) => format!("CMD {}", cmd(c)),
    }
}

fn instruction_text(i: &Instruction) -> String {
    let mut parts = vec![i.keyword().to_string()];
    for f in &i.flags {
        parts.push(match &f.value {
            Some(v) => format!("--{}={}", f.name, v),
            None => format!("--{}", f.name),
        });
    }
    parts.push(args_text(i));
    parts.join(" ")
}

/// A readable listing: one line per instruction prefixed with its source lines, heredoc
/// bodies indented under it, then the warnings as BuildKit prints them.
pub fn to_text(d: &Dockerfile) -> String {
    let mut out = String::new();
    for (name, value, line) in &d.directives {
        out.push_str(&format!("{line:>5}  # {name}={value}\n"));
    }
    for i in &d.instructions {
        let lines = if i.end_line > i.start_line {
            format!("{}-{}", i.start_line, i.end_line)
        } else {
            i.start_line.to_string()
        };
        out.push_str(&format!("{lines:>5}  {}\n", instruction_text(i)));
        let heredocs = match &i.command {
            Command::Onbuild(inner) => &inner.heredocs,
            _ => &i.heredocs,
        };
        for h in heredocs {
            out.push_str(&format!("       <<{}{}\n", if h.chomp { "-" } else { "" }, h.name));
            for l in h.content.lines() {
                out.push_str(&format!("       | {l}\n"));
            }
        }
    }
    for w in &d.warnings {
        out.push_str(&format!(" - {} (line {})\n", w.message, w.line));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dockerfile::parse;

    #[test]
    fn json_shape() {
        let d = parse("# syntax=docker/dockerfile:1\nFROM golang AS build\nENV A=1\nARG B\nCOPY --from=build --link [\"/a b\", \"/c/\"]\nRUN <<EOF\necho\nEOF\nHEALTHCHECK NONE\nONBUILD RUN [\"x\"]\nMAINTAINER me\n").unwrap();
        let j = to_json(&d);
        assert_eq!(j["directives"][0], json!({"name": "syntax", "value": "docker/dockerfile:1", "line": 1}));
        let ins = &j["instructions"];
        assert_eq!(ins[0]["args"], json!({"image": "golang", "name": "build"}));
        assert_eq!(ins[1]["args"], json!([{"key": "A", "value": "1"}]));
        assert_eq!(ins[2]["args"], json!([{"name": "B", "default": null}]));
        assert_eq!(ins[3]["flags"], json!([{"name": "from", "value": "build"}, {"name": "link", "value": null}]));
        assert_eq!(ins[3]["args"], json!({"sources": ["/a b"], "dest": "/c/"}));
        assert_eq!(ins[3]["json_form"], json!(true));
        assert_eq!(ins[4]["args"], json!("<<EOF"));
        assert_eq!(ins[4]["heredocs"], json!([{"name": "EOF", "content": "echo\n", "expand": true, "chomp": false}]));
        assert_eq!((ins[4]["start_line"].clone(), ins[4]["end_line"].clone()), (json!(6), json!(8)));
        assert!(ins[3].get("heredocs").is_none());
        assert_eq!(ins[5]["args"], json!({"type": "NONE"}));
        assert_eq!(ins[6]["args"]["keyword"], json!("RUN"));
        assert_eq!(ins[6]["args"]["args"], json!(["x"]));
        assert_eq!(j["warnings"][0]["line"], json!(11));
        assert_eq!(
            j["diagnostics"],
            json!([{"severity": "warning", "line": 11, "message": "MaintainerDeprecated: Maintainer instruction is deprecated in favor of using label"}])
        );
    }

    #[test]
    fn tree_json_keeps_what_buildkit_parses() {
        // No FROM, a bad expansion, a bare HEALTHCHECK: BuildKit's parser accepts all three.
        let src = "RUN echo hi\nFROM a\nWORKDIR ${x\nHEALTHCHECK\nCOPY --bogus=1 a b\n";
        assert!(parse(src).is_err());
        let t = crate::dockerfile::syntax_tree(src).unwrap();
        let j = tree_to_json(&t);
        let ins = j["instructions"].as_array().unwrap();
        assert_eq!(ins.len(), 5);
        assert_eq!(ins[0]["args"], json!("echo hi"));
        assert_eq!(ins[2]["args"], json!("${x"));
        assert_eq!(
            ins[3],
            json!({"keyword": "HEALTHCHECK", "flags": [], "args": [], "json_form": false,
                   "original": "HEALTHCHECK", "invalid": true, "start_line": 4, "end_line": 4})
        );
        assert_eq!(ins[4]["flags"], json!([{"name": "bogus", "value": "1"}]));
        assert_eq!(ins[4]["args"], json!(["a", "b"]));
        let diags: Vec<(String, u64, String)> = j["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                (
                    d["severity"].as_str().unwrap().to_string(),
                    d["line"].as_u64().unwrap(),
                    d["message"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        let e = |l: u64, m: &str| (String::from("error"), l, m.to_string());
        assert_eq!(
            diags,
            vec![
                e(1, "no build stage in current context"),
                e(3, "failed to process \"${x\": syntax error: missing '}'"),
                e(4, "HEALTHCHECK requires at least one argument"),
                e(5, "unknown flag: --bogus"),
            ]
        );
        assert_eq!(parse(src).unwrap_err().message, "no build stage in current context");
    }

    #[test]
    fn text_listing() {
        let d = parse("FROM alpine AS base\nRUN apk add \\\n  curl\nMAINTAINER me\n").unwrap();
        assert_eq!(
            to_text(&d),
            "    1  FROM alpine AS base\n  2-3  RUN apk add   curl\n    4  MAINTAINER me\n - MaintainerDeprecated: Maintainer instruction is deprecated in favor of using label (line 4)\n"
        );
    }
}
