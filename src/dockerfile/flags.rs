//! Instruction flag validation as BuildKit's `instructions/bflag.go` does it (`unknown flag:
//! --foo (did you mean from?)`, `missing a value on flag: --chown`...), and the "did you
//! mean" suggestions of `util/suggest`.

use super::ast::Flag;
use crate::util::text::levenshtein;

/// The kind of value a flag takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// `--link`, `--link=true|false`.
    Bool,
    /// `--from=x`, once.
    Str,
    /// `--exclude=x`, repeatable.
    Strings,
}

/// The flags each instruction accepts.
pub(crate) fn allowed(keyword: &str) -> &'static [(&'static str, Kind)] {
    use Kind::*;
    match keyword {
        "ADD" => &[
            ("chown", Str),
            ("chmod", Str),
            ("link", Bool),
            ("keep-git-dir", Bool),
            ("checksum", Str),
            ("unpack", Bool),
            ("exclude", Strings),
        ],
        "COPY" => {
            &[("chown", Str), ("from", Str), ("chmod", Str), ("link", Bool), ("exclude", Strings), ("parents", Bool)]
        }
        "FROM" => &[("platform", Str)],
        "RUN" => &[("mount", Strings), ("network", Str), ("security", Str), ("device", Strings)],
        "HEALTHCHECK" => {
            &[("interval", Str), ("timeout", Str), ("start-period", Str), ("start-interval", Str), ("retries", Str)]
        }
        _ => &[],
    }
}

/// Checks raw flag words (`--name=value`) against the instruction's flags and returns them
/// as [`Flag`]s in source order.
pub(crate) fn parse(words: &[String], allowed: &[(&str, Kind)]) -> Result<Vec<Flag>, String> {
    let mut out: Vec<Flag> = Vec::new();
    for word in words {
        if word == "--" {
            break;
        }
        let Some(body) = word.strip_prefix("--") else {
            return Err(format!("arg should start with -- : {word}"));
        };
        let (name, value) = match body.split_once('=') {
            Some((n, v)) => (n, Some(v)),
            None => (body, None),
        };
        let flag_name = format!("--{name}");
        let Some(&(_, kind)) = allowed.iter().find(|(n, _)| *n == name) else {
            let msg = format!("unknown flag: {flag_name}");
            let names: Vec<&str> = allowed.iter().map(|(n, _)| *n).collect();
            return Err(with_suggestion(msg, name, &names, true));
        };
        if kind != Kind::Strings && out.iter().any(|f| f.name == name) {
            return Err(format!("duplicate flag specified: {flag_name}"));
        }
        match (kind, value) {
            (Kind::Bool, Some("")) | (Kind::Str | Kind::Strings, None) => {
                return Err(format!("missing a value on flag: {flag_name}"));
            }
            (Kind::Bool, Some(v)) if !v.eq_ignore_ascii_case("true") && !v.eq_ignore_ascii_case("false") => {
                return Err(format!("expecting boolean value for flag {flag_name}, not: {v}"));
            }
            _ => {}
        }
        out.push(Flag { name: name.to_string(), value: value.map(str::to_string) });
    }
    Ok(out)
}

/// Typed reads of checked flags (the last one wins for single-valued flags).
pub(crate) struct Read<'a>(pub(crate) &'a [Flag]);

impl Read<'_> {
    /// The value of `--name=value`, if given.
    pub(crate) fn string(&self, name: &str) -> Option<String> {
        self.0.iter().rev().find(|f| f.name == name).map(|f| f.value.clone().unwrap_or_default())
    }

    /// `--name` / `--name=true|false`, `None` when absent.
    pub(crate) fn opt_bool(&self, name: &str) -> Option<bool> {
        self.0
            .iter()
            .rev()
            .find(|f| f.name == name)
            .map(|f| f.value.as_deref().is_none_or(|v| v.eq_ignore_ascii_case("true")))
    }

    /// `--name`, false when absent.
    pub(crate) fn bool(&self, name: &str) -> bool {
        self.opt_bool(name).unwrap_or(false)
    }

    /// Every value of a repeatable flag, in order.
    pub(crate) fn strings(&self, name: &str) -> Vec<String> {
        self.0.iter().filter(|f| f.name == name).filter_map(|f| f.value.clone()).collect()
    }
}

/// Appends ` (did you mean X?)` when one option is within edit distance 2 of `value`.
pub(crate) fn with_suggestion(msg: String, value: &str, options: &[&str], case_sensitive: bool) -> String {
    match suggest(value, options, case_sensitive) {
        Some(m) => format!("{msg} (did you mean {m}?)"),
        None => msg,
    }
}

/// BuildKit's `suggest.Search`: the closest option with distance < 3, matching the case of
/// `value` when case-insensitive.
pub(crate) fn suggest(value: &str, options: &[&str], case_sensitive: bool) -> Option<String> {
    let val = if case_sensitive { value.to_string() } else { value.to_lowercase() };
    let mut best: Option<String> = None;
    let mut min = 3;
    for opt in options {
        let opt = if case_sensitive { opt.to_string() } else { opt.to_lowercase() };
        if val == opt {
            return None;
        }
        let d = levenshtein(&val, &opt);
        if d < min {
            min = d;
            best = Some(if case_sensitive {
                opt
            } else if value == value.to_lowercase() {
                opt.to_lowercase()
            } else if value == value.to_uppercase() {
                opt.to_uppercase()
            } else {
                opt
            });
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(w: &[&str]) -> Vec<String> {
        w.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn copy_flags() {
        let f = parse(&words(&["--from=build", "--link", "--exclude=a", "--exclude=b"]), allowed("COPY")).unwrap();
        assert_eq!(f.len(), 4);
        assert_eq!(f[1], Flag { name: "link".into(), value: None });
        assert_eq!(
            parse(&words(&["--foo=1"]), allowed("COPY")).unwrap_err(),
            "unknown flag: --foo (did you mean from?)"
        );
        assert_eq!(parse(&words(&["--bogus"]), allowed("COPY")).unwrap_err(), "unknown flag: --bogus");
        assert_eq!(
            parse(&words(&["--chwon=1"]), allowed("COPY")).unwrap_err(),
            "unknown flag: --chwon (did you mean chown?)"
        );
        assert_eq!(parse(&words(&["--chown"]), allowed("COPY")).unwrap_err(), "missing a value on flag: --chown");
        assert_eq!(parse(&words(&["--link="]), allowed("COPY")).unwrap_err(), "missing a value on flag: --link");
        assert_eq!(
            parse(&words(&["--link=maybe"]), allowed("COPY")).unwrap_err(),
            "expecting boolean value for flag --link, not: maybe"
        );
        assert_eq!(
            parse(&words(&["--from=a", "--from=b"]), allowed("COPY")).unwrap_err(),
            "duplicate flag specified: --from"
        );
        assert_eq!(parse(&words(&["--from=a"]), allowed("WORKDIR")).unwrap_err(), "unknown flag: --from");
    }

    #[test]
    fn suggestions() {
        let names = ["ADD", "ARG", "RUN", "COPY", "FROM"];
        assert_eq!(suggest("RUNN", &names, false).as_deref(), Some("RUN"));
        assert_eq!(suggest("runn", &names, false).as_deref(), Some("run"));
        assert_eq!(suggest("FOOBAR", &names, false), None);
    }
}
