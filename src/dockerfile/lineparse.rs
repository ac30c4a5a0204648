//! Splitting one logical Dockerfile line into keyword, `--flags` and arguments, with the
//! per-instruction argument rules of BuildKit's `parser/line_parsers.go` (JSON arrays,
//! `name=value` lists, whitespace lists, whole-rest strings). Quotes are kept here; they are
//! removed later by variable expansion, as in Docker.

/// A logical line split into its parts (BuildKit's `parser.Node`).
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Node {
    /// Keyword as written (`run`, `RUN`, `Run`...).
    pub keyword: String,
    /// Flag words as written, e.g. `--from=build` (quotes and escapes removed).
    pub flags: Vec<String>,
    /// Arguments after the flags. ENV/LABEL use triples (key, value, "=" or "" for the
    /// legacy `KEY value` form); HEALTHCHECK starts with the type (`CMD`/`NONE`).
    pub args: Vec<String>,
    /// True when the arguments were a JSON array (exec form).
    pub json: bool,
    /// The trigger of an `ONBUILD`.
    pub sub: Option<Box<Node>>,
    /// The logical line (continuations joined).
    pub original: String,
}

const JSON_NOT_STRINGS: &str = "when using JSON array syntax, arrays must be comprised of strings only";

/// Docker's `reWhitespace`: `[\t\v\f\r ]+`.
fn is_ws(c: char) -> bool {
    matches!(c, '\t' | '\u{b}' | '\u{c}' | '\r' | ' ')
}

/// `reWhitespace.Split(s, n)` for n = 2 or unlimited (n = 0).
fn split_ws(s: &str, limit2: bool) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = s;
    loop {
        if limit2 && out.len() == 1 {
            out.push(rest.to_string());
            return out;
        }
        match rest.find(is_ws) {
            Some(i) => {
                out.push(rest[..i].to_string());
                rest = rest[i..].trim_start_matches(is_ws);
            }
            None => {
                out.push(rest.to_string());
                return out;
            }
        }
    }
}

/// Splits a logical line (`splitCommand`) and applies the keyword's argument rules.
pub(crate) fn node_from_line(line: &str, escape: char) -> Result<Node, String> {
    let parts = split_ws(line.trim(), true);
    let keyword = parts[0].clone();
    let (rest, flags) = match parts.get(1) {
        Some(after) => {
            let (rest, flags) = extract_builder_flags(after, escape);
            (rest.trim().to_string(), flags)
        }
        None => (String::new(), Vec::new()),
    };
    let mut node = Node { keyword, flags, original: line.to_string(), ..Node::default() };
    match node.keyword.to_ascii_lowercase().as_str() {
        "add" | "copy" | "volume" => (node.args, node.json) = maybe_json_to_list(&rest)?,
        "cmd" | "entrypoint" | "run" | "shell" => (node.args, node.json) = maybe_json(&rest)?,
        "arg" => node.args = parse_words(&rest, escape),
        "env" => node.args = name_val(&rest, "ENV", escape)?,
        "label" => node.args = name_val(&rest, "LABEL", escape)?,
        "expose" | "from" => node.args = strings_ws(&rest),
        "healthcheck" => (node.args, node.json) = health_config(&rest)?,
        "maintainer" | "stopsignal" | "user" | "workdir" if !rest.is_empty() => node.args = vec![rest.clone()],
        "onbuild" if !rest.is_empty() => {
            let sub = node_from_line(&rest, escape)?;
            node.args = std::iter::once(sub.keyword.clone()).chain(sub.args.iter().cloned()).collect();
            node.sub = Some(Box::new(sub));
        }
        _ => {}
    }
    Ok(node)
}

/// `extractBuilderFlags`: leading `--name[=value]` words; returns (rest, flags).
pub(crate) fn extract_builder_flags(line: &str, escape: char) -> (String, Vec<String>) {
    #[derive(PartialEq)]
    enum Phase {
        Spaces,
        Word,
        Quote,
    }
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let mut words = Vec::new();
    let mut phase = Phase::Spaces;
    let mut word = String::new();
    let mut quote = '\0';
    let mut blank_ok = false;
    let mut pos = 0;
    while pos <= chars.len() {
        let at_end = pos == chars.len();
        let ch = chars.get(pos).map(|c| c.1).unwrap_or('\0');
        let offset = chars.get(pos).map(|c| c.0).unwrap_or(line.len());
        if phase == Phase::Spaces {
            if at_end {
                break;
            }
            if ch.is_whitespace() {
                pos += 1;
                continue;
            }
            if ch != '-' || chars.get(pos + 1).map(|c| c.1) != Some('-') {
                return (line[offset..].to_string(), words);
            }
            phase = Phase::Word;
        }
        if at_end {
            if word != "--" && (blank_ok || !word.is_empty()) {
                words.push(word);
            }
            break;
        }
        if phase == Phase::Word {
            if ch.is_whitespace() {
                phase = Phase::Spaces;
                if word == "--" {
                    return (line[offset..].to_string(), words);
                }
                if blank_ok || !word.is_empty() {
                    words.push(std::mem::take(&mut word));
                }
                word.clear();
                blank_ok = false;
                pos += 1;
                continue;
            }
            if ch == '\'' || ch == '"' {
                quote = ch;
                blank_ok = true;
                phase = Phase::Quote;
                pos += 1;
                continue;
            }
            let mut c = ch;
            if ch == escape {
                if pos + 1 == chars.len() {
                    pos += 1;
                    continue;
                }
                pos += 1;
                c = chars[pos].1;
            }
            word.push(c);
            pos += 1;
            continue;
        }
        // In quotes.
        if ch == quote {
            phase = Phase::Word;
            pos += 1;
            continue;
        }
        let mut c = ch;
        if ch == escape {
            if pos + 1 == chars.len() {
                phase = Phase::Word;
                pos += 1;
                continue;
            }
            pos += 1;
            c = chars[pos].1;
        }
        word.push(c);
        pos += 1;
    }
    (String::new(), words)
}

/// `parseWords`: whitespace-separated words, quotes and escapes kept.
pub(crate) fn parse_words(rest: &str, escape: char) -> Vec<String> {
    #[derive(PartialEq)]
    enum Phase {
        Spaces,
        Word,
        Quote,
    }
    let chars: Vec<char> = rest.chars().collect();
    let mut words = Vec::new();
    let mut phase = Phase::Spaces;
    let mut quote = '\0';
    let mut blank_ok = false;
    let mut word = String::new();
    let mut pos = 0;
    while pos <= chars.len() {
        let at_end = pos == chars.len();
        let mut ch = chars.get(pos).copied().unwrap_or('\0');
        if phase == Phase::Spaces {
            if at_end {
                break;
            }
            if ch.is_whitespace() {
                pos += 1;
                continue;
            }
            phase = Phase::Word;
        }
        if at_end {
            if blank_ok || !word.is_empty() {
                words.push(word);
            }
            break;
        }
        if phase == Phase::Word {
            if ch.is_whitespace() {
                phase = Phase::Spaces;
                if blank_ok || !word.is_empty() {
                    words.push(std::mem::take(&mut word));
                }
                blank_ok = false;
                pos += 1;
                continue;
            }
            if ch == '\'' || ch == '"' {
                quote = ch;
                blank_ok = true;
                phase = Phase::Quote;
            }
            if ch == escape {
                if pos + 1 == chars.len() {
                    pos += 1;
                    continue;
                }
                word.push(ch);
                pos += 1;
                ch = chars[pos];
            }
            word.push(ch);
            pos += 1;
            continue;
        }
        // In quotes.
        if ch == quote {
            phase = Phase::Word;
        }
        if ch == escape && quote != '\'' {
            if pos + 1 == chars.len() {
                phase = Phase::Word;
                pos += 1;
                continue;
            }
            pos += 1;
            word.push(ch);
            ch = chars[pos];
        }
        word.push(ch);
        pos += 1;
    }
    words
}

/// ENV/LABEL: `k=v k2="v 2"` or the legacy `k value with spaces`, as (k, v, sep) triples.
fn name_val(rest: &str, key: &str, escape: char) -> Result<Vec<String>, String> {
    let words = parse_words(rest, escape);
    if words.is_empty() {
        return Ok(Vec::new());
    }
    if !words[0].contains('=') {
        let parts = split_ws(rest, true);
        if parts.len() < 2 {
            return Err(format!("{key} must have two arguments"));
        }
        return Ok(vec![parts[0].clone(), parts[1].clone(), String::new()]);
    }
    let mut out = Vec::new();
    for word in words {
        let Some((k, v)) = word.split_once('=') else {
            return Err(format!(
                "Syntax error - can't find = in {}. Must be of the form: name=value",
                super::expand::go_quote(&word)
            ));
        };
        out.extend([k.to_string(), v.to_string(), "=".to_string()]);
    }
    Ok(out)
}

fn strings_ws(rest: &str) -> Vec<String> {
    if rest.is_empty() {
        return Vec::new();
    }
    split_ws(rest, false)
}

/// `parseJSON`: `Ok(Some(args))` for a JSON array of strings, `Ok(None)` when not JSON.
pub(crate) fn parse_json(rest: &str) -> Result<Option<Vec<String>>, String> {
    let rest = rest.trim_start();
    if !rest.starts_with('[') {
        return Ok(None);
    }
    let Ok(values) = serde_json::from_str::<Vec<serde_json::Value>>(rest) else {
        return Ok(None);
    };
    values
        .into_iter()
        .map(|v| match v {
            serde_json::Value::String(s) => Ok(s),
            _ => Err(JSON_NOT_STRINGS.to_string()),
        })
        .collect::<Result<Vec<_>, _>>()
        .map(Some)
}

fn maybe_json(rest: &str) -> Result<(Vec<String>, bool), String> {
    if rest.is_empty() {
        return Ok((Vec::new(), false));
    }
    Ok(match parse_json(rest)? {
        Some(args) => (args, true),
        None => (vec![rest.to_string()], false),
    })
}

fn maybe_json_to_list(rest: &str) -> Result<(Vec<String>, bool), String> {
    Ok(match parse_json(rest)? {
        Some(args) => (args, true),
        None => (strings_ws(rest), false),
    })
}

fn health_config(rest: &str) -> Result<(Vec<String>, bool), String> {
    let sep = rest.find(|c: char| c.is_ascii_whitespace()).unwrap_or(rest.len());
    if sep == 0 {
        return Ok((Vec::new(), false));
    }
    let typ = rest[..sep].to_string();
    let cmd = rest[sep..].trim_start_matches(|c: char| c.is_ascii_whitespace());
    let (args, json) = maybe_json(cmd)?;
    Ok((std::iter::once(typ).chain(args).collect(), json))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_are_extracted() {
        let (rest, flags) = extract_builder_flags("--from=build --chown=\"a b\" src dst", '\\');
        assert_eq!(rest, "src dst");
        assert_eq!(flags, vec!["--from=build", "--chown=a b"]);
        let (rest, flags) = extract_builder_flags("-- --foo", '\\');
        assert_eq!((rest.as_str(), flags.len()), (" --foo", 0));
        let (rest, flags) = extract_builder_flags("--link", '\\');
        assert_eq!((rest.as_str(), flags), ("", vec!["--link".to_string()]));
    }

    #[test]
    fn words_keep_quotes() {
        assert_eq!(parse_words("a=1 b=\"x y\" c='p q'", '\\'), vec!["a=1", "b=\"x y\"", "c='p q'"]);
        assert_eq!(parse_words("a=x\\ y", '\\'), vec!["a=x\\ y"]);
        assert_eq!(parse_words("a=\"\"", '\\'), vec!["a=\"\""]);
    }

    #[test]
    fn env_forms() {
        let n = node_from_line("ENV a=1 b=\"2 3\"", '\\').unwrap();
        assert_eq!(n.args, vec!["a", "1", "=", "b", "\"2 3\"", "="]);
        let n = node_from_line("ENV key  some value", '\\').unwrap();
        assert_eq!(n.args, vec!["key", "some value", ""]);
        assert_eq!(node_from_line("ENV key", '\\').unwrap_err(), "ENV must have two arguments");
        assert_eq!(
            node_from_line("LABEL a=1 b", '\\').unwrap_err(),
            "Syntax error - can't find = in \"b\". Must be of the form: name=value"
        );
    }

    #[test]
    fn json_forms() {
        let n = node_from_line("CMD [\"a\", \"b c\"]", '\\').unwrap();
        assert_eq!((n.args, n.json), (vec!["a".to_string(), "b c".to_string()], true));
        let n = node_from_line("CMD [\"a\", 'b']", '\\').unwrap();
        assert_eq!((n.args, n.json), (vec!["[\"a\", 'b']".to_string()], false));
        assert_eq!(node_from_line("RUN [1]", '\\').unwrap_err(), JSON_NOT_STRINGS);
        let n = node_from_line("COPY a b  c", '\\').unwrap();
        assert_eq!(n.args, vec!["a", "b", "c"]);
    }

    #[test]
    fn healthcheck_and_onbuild() {
        let n = node_from_line("HEALTHCHECK --interval=5s CMD curl -f x", '\\').unwrap();
        assert_eq!(n.flags, vec!["--interval=5s"]);
        assert_eq!(n.args, vec!["CMD", "curl -f x"]);
        let n = node_from_line("ONBUILD RUN echo hi", '\\').unwrap();
        assert_eq!(n.sub.unwrap().args, vec!["echo hi"]);
    }
}
