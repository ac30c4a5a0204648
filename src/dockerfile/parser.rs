//! [`parse`]: Dockerfile text to typed [`Instruction`]s, following BuildKit's
//! `parser.Parse` (see `lexer`) and then `instructions.Parse` for the per-instruction checks,
//! with BuildKit's error wording and build-check warnings.

use super::ast::{Command, CopyArgs, Dockerfile, Healthcheck, Heredoc, Instruction, ShellOrExec, SourceError, Warning};
use super::checks;
use super::duration::parse_go_duration;
use super::expand::{go_quote, Lex, LexError};
use super::flags;
use super::lexer::{self, parse_heredoc, LexedNode};
use super::lineparse::Node;

/// Every instruction keyword Docker knows (for "did you mean" suggestions and the editor's
/// highlighting).
pub const KEYWORDS: &[&str] = &[
    "ADD",
    "ARG",
    "CMD",
    "COPY",
    "ENTRYPOINT",
    "ENV",
    "EXPOSE",
    "FROM",
    "HEALTHCHECK",
    "LABEL",
    "MAINTAINER",
    "ONBUILD",
    "RUN",
    "SHELL",
    "STOPSIGNAL",
    "USER",
    "VOLUME",
    "WORKDIR",
];

/// Parses a Dockerfile. Errors carry the (first) line of the offending instruction and
/// BuildKit's message, e.g. `unknown instruction: RUNN (did you mean RUN?)`: the first error
/// of [`syntax_tree`], which is what a build refuses with.
pub fn parse(src: &str) -> Result<Dockerfile, SourceError> {
    let tree = syntax_tree(src)?;
    if let Some(e) = tree.errors.into_iter().next() {
        return Err(e);
    }
    Ok(Dockerfile {
        directives: tree.directives,
        escape: tree.escape,
        instructions: tree.nodes.into_iter().filter_map(|n| n.instruction).collect(),
        warnings: tree.warnings,
    })
}

/// What BuildKit's parser (`parser.Parse`) accepts: every instruction line as written,
/// typed where the per-instruction checks (`instructions.Parse`) pass, with the problems
/// those checks (and the build) would report as [`SyntaxTree::errors`]. Fails only where
/// BuildKit's parser itself fails (directives, JSON arrays, heredocs).
pub fn syntax_tree(src: &str) -> Result<SyntaxTree, SourceError> {
    let lexed = lexer::lex(src)?;
    let escape = lexed.escape;
    let mut warnings = lexed.warnings;
    let mut errors = Vec::new();
    let mut nodes = Vec::with_capacity(lexed.nodes.len());
    let mut seen_from = false;
    for n in &lexed.nodes {
        let err = |message: String| SourceError { line: n.start_line, column: None, message };
        let instruction = match convert(n, &n.node) {
            Ok(inst) => {
                match &inst.command {
                    Command::From { .. } => seen_from = true,
                    Command::Arg(_) => {}
                    _ if !seen_from => errors.push(err("no build stage in current context".into())),
                    _ => {}
                }
                if let Err(m) = validate_expansion(&inst, escape) {
                    errors.push(err(m));
                }
                Some(inst)
            }
            Err(m) => {
                errors.push(err(m));
                None
            }
        };
        nodes.push(SyntaxNode {
            raw: RawNode::from_node(&n.node),
            heredocs: n.heredocs.clone(),
            start_line: n.start_line,
            end_line: n.end_line,
            instruction,
        });
    }
    let typed: Vec<(&Instruction, &Node)> =
        nodes.iter().zip(&lexed.nodes).filter_map(|(s, n)| s.instruction.as_ref().map(|i| (i, &n.node))).collect();
    let (instructions, typed_nodes): (Vec<Instruction>, Vec<&Node>) =
        typed.into_iter().map(|(i, n)| (i.clone(), n)).unzip();
    warnings.extend(checks::run(&instructions, &typed_nodes));
    crate::util::sort::sort_by_key(&mut warnings, |w| w.line);
    checks::apply_skip(&lexed.directives, &mut warnings);
    Ok(SyntaxTree { directives: lexed.directives, escape, nodes, errors, warnings })
}

/// The result of [`syntax_tree`].
#[derive(Clone, Debug, PartialEq)]
pub struct SyntaxTree {
    /// Parser directives as (lower-cased name, value, line).
    pub directives: Vec<(String, String, usize)>,
    /// The escape character.
    pub escape: char,
    /// One node per instruction line, in order.
    pub nodes: Vec<SyntaxNode>,
    /// What a build would refuse, in source order (the first one is [`parse`]'s error).
    pub errors: Vec<SourceError>,
    /// Build-check warnings, as in [`Dockerfile::warnings`].
    pub warnings: Vec<Warning>,
}

/// One instruction line of a [`SyntaxTree`].
#[derive(Clone, Debug, PartialEq)]
pub struct SyntaxNode {
    /// The line as BuildKit's parser splits it.
    pub raw: RawNode,
    /// Heredocs attached to the line.
    pub heredocs: Vec<Heredoc>,
    /// First source line (1-based).
    pub start_line: usize,
    /// Last source line (1-based).
    pub end_line: usize,
    /// The typed instruction, when the instruction's own checks pass.
    pub instruction: Option<Instruction>,
}

/// An instruction line split as BuildKit's `parser.Node` does, before any per-instruction
/// check.
#[derive(Clone, Debug, PartialEq)]
pub struct RawNode {
    /// Keyword as written.
    pub keyword: String,
    /// Flag words as written (`--from=build`).
    pub flags: Vec<String>,
    /// The arguments after the flags.
    pub args: Vec<String>,
    /// True when the arguments were a JSON array.
    pub json: bool,
    /// The trigger of an `ONBUILD`.
    pub sub: Option<Box<RawNode>>,
    /// The logical line (continuations joined), trimmed.
    pub original: String,
}

impl RawNode {
    fn from_node(n: &Node) -> RawNode {
        RawNode {
            keyword: n.keyword.clone(),
            flags: n.flags.clone(),
            args: n.args.clone(),
            json: n.json,
            sub: n.sub.as_deref().map(|s| Box::new(RawNode::from_node(s))),
            original: n.original.trim().to_string(),
        }
    }
}

/// Whether the instruction was written in JSON (exec) form.
pub fn is_json_form(inst: &Instruction, escape: char) -> bool {
    match &inst.command {
        Command::Run { cmd: s, .. }
        | Command::Cmd(s)
        | Command::Entrypoint(s)
        | Command::Healthcheck(Healthcheck { cmd: Some(s), .. }) => {
            matches!(s, ShellOrExec::Exec(_))
        }
        Command::Shell(_) => true,
        Command::Copy { .. } | Command::Add { .. } | Command::Volume(_) => {
            let trimmed = inst.original.trim_start();
            let after = trimmed.get(inst.keyword().len()..).unwrap_or("");
            let (rest, _) = super::lineparse::extract_builder_flags(after, escape);
            matches!(super::lineparse::parse_json(rest.trim()), Ok(Some(_)))
        }
        Command::Onbuild(sub) => is_json_form(sub, escape),
        _ => false,
    }
}

fn check_flags(node: &Node, keyword: &str) -> Result<Vec<super::ast::Flag>, String> {
    flags::parse(&node.flags, flags::allowed(keyword))
}

fn exactly_one(node: &Node, keyword: &str) -> Result<String, String> {
    match node.args.as_slice() {
        [one] => Ok(one.clone()),
        _ => Err(format!("{keyword} requires exactly one argument")),
    }
}

fn at_least_one(keyword: &str) -> String {
    format!("{keyword} requires at least one argument")
}

fn shell_or_exec(node: &Node, args: &[String]) -> ShellOrExec {
    if node.json {
        ShellOrExec::Exec(args.to_vec())
    } else {
        ShellOrExec::Shell(args.join(" "))
    }
}

/// Converts one lexed node (or an ONBUILD trigger) to a typed instruction.
fn convert(ln: &LexedNode, node: &Node) -> Result<Instruction, String> {
    let keyword = node.keyword.to_ascii_uppercase();
    let mut flags = Vec::new();
    let command = match keyword.as_str() {
        "ENV" | "LABEL" => {
            flags = check_flags(node, &keyword)?;
            if node.args.is_empty() {
                return Err(at_least_one(&keyword));
            }
            let mut pairs = Vec::new();
            for kv in node.args.chunks(3) {
                if kv[0].is_empty() {
                    return Err(format!("{keyword} names can not be blank"));
                }
                pairs.push((kv[0].clone(), kv[1].clone()));
            }
            if keyword == "ENV" {
                Command::Env(pairs)
            } else {
                Command::Label(pairs)
            }
        }
        "MAINTAINER" => {
            let m = exactly_one(node, &keyword)?;
            flags = check_flags(node, &keyword)?;
            Command::Maintainer(m)
        }
        "ADD" | "COPY" => {
            if node.args.len() < 2 {
                return Err(format!(
                    "{keyword} requires at least two arguments, but only one was provided. Destination could not be determined"
                ));
            }
            flags = check_flags(node, &keyword)?;
            let (dest, sources) = node.args.split_last().ok_or("missing destination")?;
            if parse_heredoc(dest).ok().flatten().is_some() {
                return Err(format!("{keyword} cannot accept a heredoc as a destination"));
            }
            let f = flags::Read(&flags);
            let args = CopyArgs {
                sources: sources.to_vec(),
                dest: dest.clone(),
                chown: f.string("chown"),
                chmod: f.string("chmod"),
                link: f.bool("link"),
                exclude: f.strings("exclude"),
            };
            if keyword == "ADD" {
                Command::Add {
                    args,
                    keep_git_dir: f.bool("keep-git-dir"),
                    checksum: f.string("checksum"),
                    unpack: f.opt_bool("unpack"),
                }
            } else {
                Command::Copy { args, from: f.string("from"), parents: f.bool("parents") }
            }
        }
        "FROM" => {
            let name = match node.args.as_slice() {
                [_, as_kw, name] if as_kw.eq_ignore_ascii_case("as") => {
                    let lower = name.to_lowercase();
                    if !valid_stage_name(&lower) {
                        return Err(format!(
                            "invalid name for build stage: {}, name can't start with a number or contain symbols",
                            go_quote(name)
                        ));
                    }
                    Some(lower)
                }
                [_] => None,
                _ => return Err("FROM requires either one or three arguments".into()),
            };
            flags = check_flags(node, &keyword)?;
            Command::From { image: node.args[0].clone(), name, platform: flags::Read(&flags).string("platform") }
        }
        "ONBUILD" => {
            let Some(sub) = node.sub.as_deref() else {
                return Err(at_least_one(&keyword));
            };
            flags = check_flags(node, &keyword)?;
            let trigger = sub.keyword.to_ascii_uppercase();
            match trigger.as_str() {
                "ONBUILD" => return Err("Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed".into()),
                "MAINTAINER" | "FROM" => return Err(format!("{trigger} isn't allowed as an ONBUILD trigger")),
                _ => {}
            }
            let mut inner = convert(ln, sub)?;
            inner.heredocs = ln.heredocs.clone();
            Command::Onbuild(Box::new(inner))
        }
        "WORKDIR" | "USER" => {
            let v = exactly_one(node, &keyword)?;
            flags = check_flags(node, &keyword)?;
            if keyword == "USER" {
                Command::User(v)
            } else {
                Command::Workdir(v)
            }
        }
        "RUN" | "CMD" | "ENTRYPOINT" => {
            flags = check_flags(node, &keyword)?;
            let cmd = shell_or_exec(node, &node.args);
            let f = flags::Read(&flags);
            match keyword.as_str() {
                "RUN" => Command::Run {
                    cmd,
                    mounts: f.strings("mount"),
                    network: f.string("network"),
                    security: f.string("security"),
                },
                "CMD" => Command::Cmd(cmd),
                _ => Command::Entrypoint(cmd),
            }
        }
        "HEALTHCHECK" => {
            let Some(typ) = node.args.first().map(|t| t.to_ascii_uppercase()) else {
                return Err(at_least_one(&keyword));
            };
            let rest = &node.args[1..];
            if typ == "NONE" {
                if !rest.is_empty() {
                    return Err("HEALTHCHECK NONE takes no arguments".into());
                }
                Command::Healthcheck(Healthcheck::default())
            } else {
                flags = check_flags(node, &keyword)?;
                if typ != "CMD" {
                    return Err(format!("Unknown type {} in HEALTHCHECK (try CMD)", go_quote(&typ)));
                }
                if rest.is_empty() {
                    return Err("Missing command after HEALTHCHECK CMD".into());
                }
                let mut hc = healthcheck_flags(&flags)?;
                hc.cmd = Some(shell_or_exec(node, rest));
                Command::Healthcheck(hc)
            }
        }
        "EXPOSE" => {
            if node.args.is_empty() {
                return Err(at_least_one(&keyword));
            }
            flags = check_flags(node, &keyword)?;
            Command::Expose(node.args.clone())
        }
        "VOLUME" => {
            if node.args.is_empty() {
                return Err(at_least_one(&keyword));
            }
            flags = check_flags(node, &keyword)?;
            let mut vols = Vec::new();
            for v in &node.args {
                let v = v.trim();
                if v.is_empty() {
                    return Err("VOLUME specified can not be an empty string".into());
                }
                vols.push(v.to_string());
            }
            Command::Volume(vols)
        }
        "STOPSIGNAL" => Command::Stopsignal(exactly_one(node, &keyword)?),
        "ARG" => {
            if node.args.is_empty() {
                return Err(at_least_one(&keyword));
            }
            let mut pairs = Vec::new();
            for arg in &node.args {
                match arg.split_once('=') {
                    Some(("", _)) => return Err("ARG names can not be blank".into()),
                    Some((k, v)) => pairs.push((k.to_string(), Some(v.to_string()))),
                    None => pairs.push((arg.clone(), None)),
                }
            }
            Command::Arg(pairs)
        }
        "SHELL" => {
            flags = check_flags(node, &keyword)?;
            if node.args.is_empty() {
                return Err(at_least_one(&keyword));
            }
            if !node.json {
                return Err("SHELL requires the arguments to be in JSON form".into());
            }
            Command::Shell(node.args.clone())
        }
        _ => {
            let msg = format!("unknown instruction: {}", node.keyword);
            return Err(flags::with_suggestion(msg, &node.keyword, KEYWORDS, false));
        }
    };
    Ok(Instruction {
        command,
        flags,
        heredocs: if node.sub.is_some() { Vec::new() } else { ln.heredocs.clone() },
        start_line: ln.start_line,
        end_line: ln.end_line,
        original: node.original.trim().to_string(),
    })
}

fn valid_stage_name(name: &str) -> bool {
    let mut chars = name.chars();
    matches!(chars.next(), Some('a'..='z')) && chars.all(|c| matches!(c, 'a'..='z' | '0'..='9' | '-' | '_' | '.'))
}

/// Reads and checks HEALTHCHECK durations and retries as BuildKit does (the command is
/// left for the caller).
fn healthcheck_flags(flags: &[super::ast::Flag]) -> Result<Healthcheck, String> {
    let mut hc = Healthcheck::default();
    for f in flags {
        let value = f.value.as_deref().unwrap_or("");
        if f.name == "retries" {
            if value.is_empty() {
                continue;
            }
            let n: i64 =
                value.parse().map_err(|_| format!("strconv.ParseInt: parsing {}: invalid syntax", go_quote(value)))?;
            if n < 0 {
                return Err(format!("--retries cannot be negative ({n})"));
            }
            hc.retries = n;
        } else if !value.is_empty() {
            let d = parse_go_duration(value)?;
            if d != 0 && d < 1_000_000 {
                return Err(format!("Interval {} cannot be less than 1ms", go_quote(&f.name)));
            }
            match f.name.as_str() {
                "interval" => hc.interval = d,
                "timeout" => hc.timeout = d,
                "start-period" => hc.start_period = d,
                _ => hc.start_interval = d,
            }
        }
    }
    Ok(hc)
}

/// Reports quoting/substitution syntax errors in the words Docker will expand, at parse time
/// (Docker reports them when the instruction is dispatched).
fn validate_expansion(inst: &Instruction, escape: char) -> Result<(), String> {
    let lex = Lex::new(escape);
    let any = |_: &str| Some("x".to_string());
    let check = |w: &str| match lex.run(w, &any) {
        Err(LexError::Syntax(m)) => Err(format!("failed to process {}: {}", go_quote(w), m)),
        _ => Ok(()),
    };
    match &inst.command {
        Command::From { image, .. } => check(image),
        Command::Copy { args: CopyArgs { sources, dest, .. }, .. }
        | Command::Add { args: CopyArgs { sources, dest, .. }, .. } => {
            sources.iter().filter(|s| parse_heredoc(s).ok().flatten().is_none()).try_for_each(|s| check(s))?;
            check(dest)
        }
        Command::Env(kv) | Command::Label(kv) => kv.iter().try_for_each(|(k, v)| check(k).and(check(v))),
        Command::Arg(kv) => kv.iter().try_for_each(|(k, v)| check(k).and(v.as_deref().map_or(Ok(()), check))),
        Command::Expose(v) | Command::Volume(v) => v.iter().try_for_each(|s| check(s)),
        Command::Workdir(s) | Command::User(s) | Command::Stopsignal(s) => check(s),
        _ => Ok(()),
    }
}

#[cfg(test)]
#[path = "parser_tests.rs"]
mod tests;
