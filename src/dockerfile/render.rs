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
//!   "warnings": [{"line": 2, "message": "MaintainerDeprecated: ..."}] }
//! ```
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
use super::parser::is_json_form;

/// The Dockerfile as a JSON object (shape in the module docs).
pub fn to_json(d: &Dockerfile) -> Value {
    json!({
        "escape": d.escape.to_string(),
        "directives": d.directives.iter().map(|(n, v, l)| json!({"name": n, "value": v, "line": l})).collect::<Vec<_>>(),
        "instructions": d.instructions.iter().map(|i| instruction_json(i, d.escape)).collect::<Vec<_>>(),
        "warnings": d.warnings.iter().map(|w| json!({"line": w.line, "message": w.message})).collect::<Vec<_>>(),
    })
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
        Command::Copy {
            args: CopyArgs { sources, dest, .. },
            ..
        }
        | Command::Add {
            args: CopyArgs { sources, dest, .. },
            ..
        } => {
            json!({"sources": sources, "dest": dest})
        }
        Command::Env(kv) | Command::Label(kv) => Value::Array(
            kv.iter()
                .map(|(k, v)| json!({"key": k, "value": v}))
                .collect(),
        ),
        Command::Arg(kv) => Value::Array(
            kv.iter()
                .map(|(k, v)| json!({"name": k, "default": v}))
                .collect(),
        ),
        Command::Workdir(s)
        | Command::User(s)
        | Command::Stopsignal(s)
        | Command::Maintainer(s) => json!(s),
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
        obj["heredocs"] = i
            .heredocs
            .iter()
            .map(|h| json!({"name": h.name, "content": h.content, "expand": h.expand, "chomp": h.chomp}))
            .collect();
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
        Command::From {
            image,
            name: Some(n),
            ..
        } => format!("{image} AS {n}"),
        Command::From {
            image, name: None, ..
        } => image.clone(),
        Command::Run { cmd: c, .. } | Command::Cmd(c) | Command::Entrypoint(c) => cmd(c),
        Command::Shell(v) => quote_list(v),
        Command::Expose(v) | Command::Volume(v) => v.join(" "),
        Command::Copy {
            args: CopyArgs { sources, dest, .. },
            ..
        }
        | Command::Add {
            args: CopyArgs { sources, dest, .. },
            ..
        } => {
            let mut all = sources.clone();
            all.push(dest.clone());
            all.join(" ")
        }
        Command::Env(kv) | Command::Label(kv) => kv
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join(" "),
        Command::Arg(kv) => kv
            .iter()
            .map(|(k, v)| match v {
                Some(v) => format!("{k}={v}"),
                None => k.clone(),
            })
            .collect::<Vec<_>>()
            .join(" "),
        Command::Workdir(s)
        | Command::User(s)
        | Command::Stopsignal(s)
        | Command::Maintainer(s) => s.clone(),
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
            out.push_str(&format!(
                "       <<{}{}\n",
                if h.chomp { "-" } else { "" },
                h.name
            ));
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
        assert_eq!(
            j["directives"][0],
            json!({"name": "syntax", "value": "docker/dockerfile:1", "line": 1})
        );
        let ins = &j["instructions"];
        assert_eq!(ins[0]["args"], json!({"image": "golang", "name": "build"}));
        assert_eq!(ins[1]["args"], json!([{"key": "A", "value": "1"}]));
        assert_eq!(ins[2]["args"], json!([{"name": "B", "default": null}]));
        assert_eq!(
            ins[3]["flags"],
            json!([{"name": "from", "value": "build"}, {"name": "link", "value": null}])
        );
        assert_eq!(ins[3]["args"], json!({"sources": ["/a b"], "dest": "/c/"}));
        assert_eq!(ins[3]["json_form"], json!(true));
        assert_eq!(ins[4]["args"], json!("<<EOF"));
        assert_eq!(
            ins[4]["heredocs"],
            json!([{"name": "EOF", "content": "echo\n", "expand": true, "chomp": false}])
        );
        assert_eq!(
            (ins[4]["start_line"].clone(), ins[4]["end_line"].clone()),
            (json!(6), json!(8))
        );
        assert!(ins[3].get("heredocs").is_none());
        assert_eq!(ins[5]["args"], json!({"type": "NONE"}));
        assert_eq!(ins[6]["args"]["keyword"], json!("RUN"));
        assert_eq!(ins[6]["args"]["args"], json!(["x"]));
        assert_eq!(j["warnings"][0]["line"], json!(11));
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
