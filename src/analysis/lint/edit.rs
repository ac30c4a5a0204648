//! Editing Dockerfile text by line ranges, for the fixes hints offer.

use crate::dockerfile::{Command, Instruction, ShellOrExec};

/// A replacement of the 1-based, inclusive line range `start..=end`; an empty `text`
/// removes the lines.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    /// First line replaced.
    pub start: usize,
    /// Last line replaced.
    pub end: usize,
    /// The new text (without a trailing newline), possibly several lines.
    pub text: String,
}

impl Edit {
    /// Replaces lines `start..=end` by `text`.
    pub fn replace(start: usize, end: usize, text: impl Into<String>) -> Edit {
        Edit { start, end, text: text.into() }
    }

    /// Removes lines `start..=end`.
    pub fn remove(start: usize, end: usize) -> Edit {
        Edit { start, end, text: String::new() }
    }
}

/// Applies non-overlapping edits to `src`; the result keeps the other lines as they were.
pub fn apply(src: &str, edits: &[Edit]) -> String {
    let lines: Vec<&str> = src.lines().collect();
    let mut sorted: Vec<&Edit> = edits.iter().collect();
    crate::util::sort::sort_by_key(&mut sorted, |e| e.start);
    let mut out: Vec<String> = Vec::new();
    let mut next = 1;
    for e in sorted {
        if e.start < next {
            continue;
        }
        out.extend(lines.iter().take(e.start - 1).skip(next - 1).map(|s| s.to_string()));
        if !e.text.is_empty() {
            out.push(e.text.clone());
        }
        next = e.end + 1;
    }
    out.extend(lines.iter().skip(next - 1).map(|s| s.to_string()));
    let mut s = out.join("\n");
    s.push('\n');
    s
}

/// The source lines of an instruction, joined with newlines.
pub fn source_of(src: &str, ins: &Instruction) -> String {
    src.lines().skip(ins.start_line - 1).take(ins.end_line + 1 - ins.start_line).collect::<Vec<_>>().join("\n")
}

/// The shell command of a shell-form `RUN` without flags or heredocs.
pub fn plain_run(ins: &Instruction) -> Option<&str> {
    match &ins.command {
        Command::Run { cmd: ShellOrExec::Shell(s), .. } if ins.heredocs.is_empty() && ins.flags.is_empty() => Some(s),
        _ => None,
    }
}

/// The source of `ins` (a plain RUN) with ` && <more>` appended on a continuation line.
pub fn append_to_run(src: &str, ins: &Instruction, more: &str) -> String {
    format!("{} \\\n    && {}", source_of(src, ins).trim_end(), more)
}

/// One RUN doing what the plain RUNs `runs` did, in order: the first one's text with the
/// others' commands appended with `&&`. `None` when one of them is not a plain RUN.
pub fn merged_runs(src: &str, runs: &[&Instruction]) -> Option<String> {
    let (first, rest) = runs.split_first()?;
    plain_run(first)?;
    let mut text = source_of(src, first).trim_end().to_string();
    for r in rest {
        let cmd = plain_run(r)?;
        text = format!("{text} \\\n    && {}", cmd.trim());
    }
    Some(text)
}

/// The edits that merge the consecutive plain RUNs `runs` into the first.
pub fn merge_edits(src: &str, runs: &[&Instruction]) -> Option<Vec<Edit>> {
    let text = merged_runs(src, runs)?;
    let first = runs[0];
    let last = runs[runs.len() - 1];
    Some(vec![Edit::replace(first.start_line, last.end_line, text)])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dockerfile::parse;

    #[test]
    fn edits_replace_and_remove_lines() {
        let src = "a\nb\nc\nd\n";
        assert_eq!(apply(src, &[Edit::replace(2, 3, "x\ny"), Edit::remove(4, 4)]), "a\nx\ny\n");
        assert_eq!(apply(src, &[]), src);
    }

    #[test]
    fn runs_merge_with_and() {
        let src = "FROM alpine\nRUN apk add curl \\\n  git\nRUN echo hi\n";
        let df = parse(src).unwrap();
        let runs: Vec<&Instruction> = df.instructions[1..].iter().collect();
        let out = apply(src, &merge_edits(src, &runs).unwrap());
        assert_eq!(out, "FROM alpine\nRUN apk add curl \\\n  git \\\n    && echo hi\n");
        let merged = parse(&out).unwrap();
        assert_eq!(merged.instructions.len(), 2);
    }
}
