//! Splitting a typed command line into words as a POSIX shell would (quotes, backslashes),
//! with the two redirections a docker session needs: `> FILE` (`docker save … > x.tar`)
//! and `< FILE` (`docker load < x.tar`).

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
}
