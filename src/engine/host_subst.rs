//! Command substitution on a host line, as the user's shell does it before docker runs:
//! `docker image rm $(docker image ls -q redis)` runs the inner line and puts what it
//! printed in its place. `$(…)` and `` `…` `` work outside single quotes; unquoted, the
//! output splits into words; inside double quotes it stays one word. Trailing newlines
//! go, as in sh.

use super::{Engine, Output};

impl Engine {
    /// `line` with its command substitutions replaced, and what their inner lines wrote to
    /// standard error (shown before the outer command's output). `None` when the line has
    /// none; an error for an unterminated one, worded as sh words it.
    pub(crate) fn substitute(&mut self, line: &str) -> Option<Result<(String, Output), String>> {
        if !line.contains("$(") && !line.contains('`') {
            return None;
        }
        Some(self.expand_substitutions(line))
    }

    fn expand_substitutions(&mut self, line: &str) -> Result<(String, Output), String> {
        let chars: Vec<char> = line.chars().collect();
        let (mut out, mut errors) = (String::new(), Output::default());
        let (mut single, mut double) = (false, false);
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            match c {
                '\\' if !single => {
                    out.push(c);
                    if let Some(&next) = chars.get(i + 1) {
                        out.push(next);
                    }
                    i += 2;
                    continue;
                }
                '\'' if !double => single = !single,
                '"' if !single => double = !double,
                '$' if !single && chars.get(i + 1) == Some(&'(') => {
                    let end = closing_paren(&chars, i + 2).ok_or("syntax error: unterminated $(")?;
                    let inner: String = chars[i + 2..end].iter().collect();
                    out.push_str(&self.inner_output(&inner, double, &mut errors));
                    i = end + 1;
                    continue;
                }
                '`' if !single => {
                    let end = (i + 1..chars.len())
                        .find(|&j| chars[j] == '`' && chars[j - 1] != '\\')
                        .ok_or("syntax error: unterminated quoted string")?;
                    let inner: String = chars[i + 1..end].iter().collect();
                    out.push_str(&self.inner_output(&inner, double, &mut errors));
                    i = end + 1;
                    continue;
                }
                _ => {}
            }
            out.push(c);
            i += 1;
        }
        Ok((out, errors))
    }

    /// Runs `inner` and returns its standard output as the outer line should read it.
    fn inner_output(&mut self, inner: &str, quoted: bool, errors: &mut Output) -> String {
        let o = self.exec_line(inner);
        errors.err(&o.stderr);
        let text = o.stdout.trim_end_matches('\n');
        let mut out = String::new();
        for c in text.chars() {
            match c {
                '\\' | '"' | '$' | '`' if quoted => out.push('\\'),
                '\n' | '\t' if !quoted => {
                    out.push(' ');
                    continue;
                }
                '\\' | '"' | '\'' | '$' | '`' | '#' | '>' | '<' | '|' | ';' | '&' | '(' | ')' if !quoted => {
                    out.push('\\')
                }
                _ => {}
            }
            out.push(c);
        }
        out
    }
}

/// The index of the `)` that closes a `$(` whose text starts at `from`, skipping quoted
/// text and nested parentheses.
fn closing_paren(chars: &[char], from: usize) -> Option<usize> {
    let (mut depth, mut single, mut double) = (0usize, false, false);
    let mut i = from;
    while i < chars.len() {
        match chars[i] {
            '\\' if !single => i += 1,
            '\'' if !double => single = !single,
            '"' if !single => double = !double,
            '(' if !single && !double => depth += 1,
            ')' if !single && !double => {
                if depth == 0 {
                    return Some(i);
                }
                depth -= 1;
            }
            _ => {}
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use crate::engine::Engine;

    #[test]
    fn substitutions_feed_the_inner_output_to_the_outer_command() {
        let mut e = Engine::new(|| 1_700_000_000);
        e.exec_line("docker pull -q busybox");
        e.exec_line("docker tag busybox mine:1");
        e.exec_line("docker tag busybox mine:2");
        let o = e.exec_line("docker image rm $(docker image ls --format '{{.Repository}}:{{.Tag}}' mine)");
        assert_eq!(o.stdout, "Untagged: mine:1\nUntagged: mine:2\n", "{}", o.stderr);
        let o = e.exec_line("docker image ls -q mine");
        assert_eq!(o.stdout, "");
        // Empty output leaves no argument, and docker says so.
        let o = e.exec_line("docker image rm `docker image ls -q mine`");
        assert!(o.stderr.contains("requires at least 1 argument"), "{}", o.stderr);
        // Quoted, the output is one word; single quotes keep the text as it is.
        let o = e.exec_line("docker inspect -f '$(x)' \"$(docker image ls -q busybox)\"");
        assert_eq!(o.stdout, "$(x)\n", "{}", o.stderr);
        // The inner line's errors show; an unterminated one is a syntax error.
        let o = e.exec_line("docker image rm $(docker image ls -q nosuch:tag) busybox");
        assert!(o.stdout.contains("Untagged: busybox:latest"), "{}", o.stdout);
        assert_eq!(e.exec_line("docker ps $(docker ps").stderr, "syntax error: unterminated $(\n");
    }
}
