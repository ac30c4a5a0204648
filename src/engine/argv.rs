//! Splitting a typed command line into words as a POSIX shell would (quotes, backslashes),
//! with the two redirections a docker session needs: `> FILE` (`docker save … > x.tar`)
//! and `< FILE` (`docker load < x.tar`); [`pipeline`] cuts a line at its pipes first.

/// A command line split into words and redirections.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Line {
    /// The words.
    pub words: Vec<String>,
    /// `> FILE`.
    pub stdout_to: Option<String>,
    /// `< FILE`.
    pub stdin_from: Option<String>,
}

/// Splits `line`. Errors name unterminated quotes as sh does.
pub fn split(line: &str) -> Result<Line, String> {
    let mut out = Line::default();
    let mut cur = String::new();
    let mut in_word = false;
    let mut chars = line.chars().peekable();
    let mut pending: Option<char> = None;
    let push = |w: String, pending: &mut Option<char>, out: &mut Line| match pending.take() {
        Some('>') => out.stdout_to = Some(w),
        Some('<') => out.stdin_from = Some(w),
        _ => out.words.push(w),
    };
    while let Some(c) = chars.next() {
        match c {
            ' ' | '\t' | '\n' => {
                if in_word {
                    push(std::mem::take(&mut cur), &mut pending, &mut out);
                    in_word = false;
                }
            }
            '#' if !in_word => break,
            '>' | '<' if !in_word => {
                pending = Some(c);
            }
            '\'' => {
                in_word = true;
                loop {
                    match chars.next() {
                        Some('\'') => break,
                        Some(x) => cur.push(x),
                        None => return Err("sh: syntax error: unterminated quoted string".into()),
                    }
                }
            }
            '"' => {
                in_word = true;
                loop {
                    match chars.next() {
                        Some('"') => break,
                        Some('\\') => match chars.next() {
                            Some(x @ ('"' | '\\' | '$' | '`')) => cur.push(x),
                            Some('\n') => {}
                            Some(x) => {
                                cur.push('\\');
                                cur.push(x);
                            }
                            None => return Err("sh: syntax error: unterminated quoted string".into()),
                        },
                        Some(x) => cur.push(x),
                        None => return Err("sh: syntax error: unterminated quoted string".into()),
                    }
                }
            }
            '\\' => {
                in_word = true;
                match chars.next() {
                    Some('\n') | None => {}
                    Some(x) => cur.push(x),
                }
            }
            c => {
                in_word = true;
                cur.push(c);
            }
        }
    }
    if in_word {
        push(cur, &mut pending, &mut out);
    }
    if pending.is_some() {
        return Err("sh: syntax error: unexpected newline".into());
    }
    Ok(out)
}

/// Cuts `line` at every `|` outside quotes (`docker ps | grep web` → `docker ps `,
/// ` grep web`); a line without a pipe is one stage. An empty stage (`| wc`, `a ||`) is
/// refused with sh's words.
pub fn pipeline(line: &str) -> Result<Vec<&str>, String> {
    let mut stages = Vec::new();
    let (mut start, mut end) = (0, line.len());
    let (mut quote, mut escaped) = (None::<char>, false);
    for (i, c) in line.char_indices() {
        match (quote, c) {
            _ if escaped => escaped = false,
            (Some('\''), '\'') | (Some('"'), '"') => quote = None,
            (Some('"') | None, '\\') => escaped = true,
            (Some(_), _) => {}
            (None, '\'' | '"') => quote = Some(c),
            // A comment runs to the end of the line.
            (None, '#') if i == 0 || line[..i].ends_with([' ', '\t', '|']) => {
                end = i;
                break;
            }
            (None, '|') => {
                stages.push(&line[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    stages.push(&line[start..end]);
    if stages.len() > 1 && stages.iter().any(|s| s.trim().is_empty()) {
        return Err("sh: syntax error: unexpected \"|\"".into());
    }
    Ok(stages)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splitting() {
        let l = split(r#"docker run --rm alpine sh -c 'echo "hi there"' "a b" c\ d"#).unwrap();
        assert_eq!(l.words, vec!["docker", "run", "--rm", "alpine", "sh", "-c", "echo \"hi there\"", "a b", "c d"]);
        let l = split("docker save alpine > alpine.tar").unwrap();
        assert_eq!(l.words, vec!["docker", "save", "alpine"]);
        assert_eq!(l.stdout_to.as_deref(), Some("alpine.tar"));
        let l = split("docker load <a.tar").unwrap();
        assert_eq!(l.stdin_from.as_deref(), Some("a.tar"));
        assert!(split("echo 'oops").is_err());
        assert_eq!(split("docker images --format '{{.ID}}\\t{{.Tag}}'").unwrap().words[3], "{{.ID}}\\t{{.Tag}}");
    }

    #[test]
    fn pipes_outside_quotes_cut_the_line() {
        assert_eq!(pipeline("docker ps").unwrap(), vec!["docker ps"]);
        assert_eq!(pipeline("curl -s localhost:8080 | head -4").unwrap(), vec!["curl -s localhost:8080 ", " head -4"]);
        assert_eq!(pipeline("docker ps|grep web|wc -l").unwrap(), vec!["docker ps", "grep web", "wc -l"]);
        assert_eq!(pipeline(r#"docker run alpine sh -c 'a | b' "c|d" e\|f"#).unwrap().len(), 1);
        assert_eq!(pipeline("docker ps # a | b").unwrap(), vec!["docker ps "]);
        assert_eq!(pipeline("docker ps | grep x # the | rest").unwrap(), vec!["docker ps ", " grep x "]);
        assert!(pipeline("| wc").is_err());
        assert!(pipeline("docker ps |").is_err());
        assert!(pipeline("docker ps || true").is_err());
    }
}
