//! BuildKit's build checks (`frontend/dockerfile/linter`) that can be decided from the
//! Dockerfile alone, worded as BuildKit words them (`RuleName: message`), and the
//! `# check=skip=...` directive.

use super::ast::{Command, Instruction, ShellOrExec, Warning};
use super::lineparse::Node;

fn warn(line: usize, rule: &str, msg: String) -> Warning {
    Warning { line, message: format!("{rule}: {msg}") }
}

fn is_self_consistent(s: &str) -> bool {
    s == s.to_lowercase() || s == s.to_uppercase()
}

/// Runs the checks over the instructions and their raw nodes (same order, same length).
pub(crate) fn run(instructions: &[Instruction], nodes: &[&Node]) -> Vec<Warning> {
    let mut out = Vec::new();
    let mut stage_has_shell = false;
    let mut in_stage = false;
    let mut stage_names: Vec<String> = Vec::new();
    let (mut lower, mut upper) = (0, 0);
    let mut cased: Vec<(&str, usize)> = Vec::new();
    for (inst, node) in instructions.iter().zip(nodes) {
        let line = inst.start_line;
        let k = inst.keyword();
        if let Command::From { .. } = inst.command {
            in_stage = true;
            stage_has_shell = false;
        }
        if in_stage {
            let word = node.keyword.as_str();
            if is_self_consistent(word) {
                if word == word.to_lowercase() {
                    lower += 1
                } else {
                    upper += 1
                }
            }
            cased.push((word, line));
        }
        match &inst.command {
            Command::Maintainer(_) => out.push(warn(
                line,
                "MaintainerDeprecated",
                "Maintainer instruction is deprecated in favor of using label".into(),
            )),
            Command::From { name, .. } => {
                if let [_, as_word, raw_name] = node.args.as_slice() {
                    if *raw_name != raw_name.to_lowercase() {
                        out.push(warn(line, "StageNameCasing", format!("Stage name '{raw_name}' should be lowercase")));
                    }
                    let from = node.keyword.as_str();
                    let mismatch = (from == from.to_lowercase() && *as_word != as_word.to_lowercase())
                        || (from == from.to_uppercase() && *as_word != as_word.to_uppercase());
                    if is_self_consistent(from) && mismatch {
                        out.push(warn(
                            line,
                            "FromAsCasing",
                            format!("'{as_word}' and '{from}' keywords' casing do not match"),
                        ));
                    }
                }
                if let Some(name) = name {
                    if name == "scratch" || name == "context" {
                        out.push(warn(
                            line,
                            "ReservedStageName",
                            format!("Stage name should not use the same name as reserved stage \"{name}\""),
                        ));
                    }
                    if stage_names.contains(name) {
                        out.push(warn(
                            line,
                            "DuplicateStageName",
                            format!("Duplicate stage name \"{name}\", stage names should be unique"),
                        ));
                    }
                    stage_names.push(name.clone());
                }
            }
            // Legacy `KEY value`: the separator slot of the (key, value, sep) triple is empty.
            Command::Env(_) | Command::Label(_) if node.args.get(2).is_some_and(|s| s.is_empty()) => {
                out.push(warn(
                    line,
                    "LegacyKeyValueFormat",
                    format!("\"{k} key=value\" should be used instead of legacy \"{k} key value\" format"),
                ));
            }
            Command::Cmd(ShellOrExec::Shell(_)) | Command::Entrypoint(ShellOrExec::Shell(_)) if !stage_has_shell => {
                out.push(warn(
                    line,
                    "JSONArgsRecommended",
                    format!("JSON arguments recommended for {k} to prevent unintended behavior related to OS signals"),
                ));
            }
            Command::Shell(_) => stage_has_shell = true,
            _ => {}
        }
    }
    let majority_lower = lower > upper;
    for (word, line) in cased {
        let correct = if majority_lower && word != word.to_lowercase() {
            "lowercase"
        } else if !majority_lower && word != word.to_uppercase() {
            "uppercase"
        } else {
            continue;
        };
        out.push(warn(
            line,
            "ConsistentInstructionCasing",
            format!("Command '{word}' should match the case of the command majority ({correct})"),
        ));
    }
    out
}

/// Drops the warnings of rules listed in `# check=skip=A,B` (or `skip=all`).
pub(crate) fn apply_skip(directives: &[(String, String, usize)], warnings: &mut Vec<Warning>) {
    let Some((_, value, _)) = directives.iter().find(|d| d.0 == "check") else {
        return;
    };
    let skip: Vec<String> = value
        .split(';')
        .filter_map(|part| part.trim().strip_prefix("skip="))
        .flat_map(|list| list.split(',').map(|s| s.trim().to_string()))
        .collect();
    warnings.retain(|w| !skip.iter().any(|s| s.eq_ignore_ascii_case("all") || w.message.starts_with(&format!("{s}:"))));
}

#[cfg(test)]
mod tests {
    use crate::dockerfile::parse;

    fn warnings(src: &str) -> Vec<(usize, String)> {
        parse(src).unwrap().warnings.into_iter().map(|w| (w.line, w.message)).collect()
    }

    #[test]
    fn stage_name_checks() {
        assert_eq!(
            warnings("FROM a AS Build\nFROM b as c\nFROM c AS build\nFROM d AS scratch\n"),
            vec![
                (1, "StageNameCasing: Stage name 'Build' should be lowercase".to_string()),
                (2, "FromAsCasing: 'as' and 'FROM' keywords' casing do not match".to_string()),
                (3, "DuplicateStageName: Duplicate stage name \"build\", stage names should be unique".to_string()),
                (
                    4,
                    "ReservedStageName: Stage name should not use the same name as reserved stage \"scratch\""
                        .to_string()
                ),
            ]
        );
        assert!(warnings("from a as b\nrun x\n").is_empty());
    }

    #[test]
    fn casing_majority() {
        assert_eq!(
            warnings("from a\nrun x\nRUN y\nWorkdir /\n"),
            vec![
                (3, "ConsistentInstructionCasing: Command 'RUN' should match the case of the command majority (lowercase)".to_string()),
                (4, "ConsistentInstructionCasing: Command 'Workdir' should match the case of the command majority (lowercase)".to_string()),
            ]
        );
    }
}
