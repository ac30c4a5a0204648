//! Docker-style command-line flags (`-t x`, `--tag=x`, `-qa`, repeated flags), with
//! Docker's error wording.

/// One flag a command accepts.
#[derive(Clone, Copy, Debug)]
pub struct FlagSpec {
    /// Long name without dashes (`tag`).
    pub long: &'static str,
    /// One-letter short name, if any.
    pub short: Option<char>,
    /// True when the flag takes a value.
    pub takes_value: bool,
    /// The value's type as `--help` shows it (`string`, `list`, `filter`), empty for switches.
    pub kind: &'static str,
    /// The description `--help` shows.
    pub help: &'static str,
}

impl FlagSpec {
    /// The same flag with its `--help` type name and description.
    pub const fn doc(self, kind: &'static str, help: &'static str) -> FlagSpec {
        FlagSpec { kind, help, ..self }
    }

    /// The same flag with its `--help` description.
    pub const fn about(self, help: &'static str) -> FlagSpec {
        FlagSpec { help, ..self }
    }
}

/// Shorthand for a boolean flag.
pub const fn switch(long: &'static str, short: Option<char>) -> FlagSpec {
    FlagSpec { long, short, takes_value: false, kind: "", help: "" }
}

/// Shorthand for a flag with a value.
pub const fn value(long: &'static str, short: Option<char>) -> FlagSpec {
    FlagSpec { long, short, takes_value: true, kind: "string", help: "" }
}

/// Parsed flags and positional arguments.
#[derive(Clone, Debug, Default)]
pub struct Parsed {
    /// (long name, value) in order; booleans have the value `true`.
    pub flags: Vec<(&'static str, String)>,
    /// Positional arguments.
    pub args: Vec<String>,
}

impl Parsed {
    /// True when a boolean flag was given (and not `=false`).
    pub fn on(&self, long: &str) -> bool {
        self.flags.iter().rev().find(|(n, _)| *n == long).is_some_and(|(_, v)| v != "false")
    }

    /// The last value of a flag.
    pub fn get(&self, long: &str) -> Option<&str> {
        self.flags.iter().rev().find(|(n, _)| *n == long).map(|(_, v)| v.as_str())
    }

    /// Every value of a repeatable flag.
    pub fn all(&self, long: &str) -> Vec<&str> {
        self.flags.iter().filter(|(n, _)| *n == long).map(|(_, v)| v.as_str()).collect()
    }
}

/// Parses `args` against `specs`. Flags stop at `--` and, when `interspersed` is false, at
/// the first positional argument (as `docker run IMAGE CMD...` does). Errors use Docker's
/// wording (`unknown flag: --foo`).
pub fn parse(args: &[String], specs: &[FlagSpec], interspersed: bool) -> Result<Parsed, String> {
    let mut p = Parsed::default();
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        i += 1;
        if a == "--" {
            p.args.extend(args[i..].iter().cloned());
            break;
        }
        if let Some(long) = a.strip_prefix("--") {
            let (name, inline) = match long.split_once('=') {
                Some((n, v)) => (n, Some(v.to_string())),
                None => (long, None),
            };
            let spec = specs.iter().find(|s| s.long == name).ok_or_else(|| format!("unknown flag: --{name}"))?;
            let v = if spec.takes_value {
                match inline {
                    Some(v) => v,
                    None if i < args.len() => {
                        i += 1;
                        args[i - 1].clone()
                    }
                    None => return Err(format!("flag needs an argument: --{name}")),
                }
            } else {
                inline.unwrap_or_else(|| "true".into())
            };
            p.flags.push((spec.long, v));
        } else if a.len() > 1 && a.starts_with('-') {
            let chars: Vec<char> = a[1..].chars().collect();
            let mut j = 0;
            while j < chars.len() {
                let c = chars[j];
                j += 1;
                let spec = specs
                    .iter()
                    .find(|s| s.short == Some(c))
                    .ok_or_else(|| format!("unknown shorthand flag: '{c}' in {a}"))?;
                if spec.takes_value {
                    let rest: String = chars[j..].iter().collect();
                    let v = if !rest.is_empty() {
                        rest.strip_prefix('=').unwrap_or(&rest).to_string()
                    } else if i < args.len() {
                        i += 1;
                        args[i - 1].clone()
                    } else {
                        return Err(format!("flag needs an argument: '{c}' in -{c}"));
                    };
                    p.flags.push((spec.long, v));
                    break;
                }
                if chars.get(j) == Some(&'=') {
                    p.flags.push((spec.long, chars[j + 1..].iter().collect()));
                    break;
                }
                p.flags.push((spec.long, "true".into()));
            }
        } else {
            p.args.push(a.clone());
            if !interspersed {
                p.args.extend(args[i..].iter().cloned());
                break;
            }
        }
    }
    Ok(p)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn a(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn parsing() {
        let specs = [value("tag", Some('t')), switch("quiet", Some('q')), switch("all", Some('a'))];
        let p = parse(&a(&["-qa", "-t", "x", "--tag=y", "ctx"]), &specs, true).unwrap();
        assert!(p.on("quiet") && p.on("all"));
        assert_eq!(p.all("tag"), vec!["x", "y"]);
        assert_eq!(p.args, vec!["ctx"]);
        assert_eq!(parse(&a(&["--nope"]), &specs, true).unwrap_err(), "unknown flag: --nope");
        assert_eq!(parse(&a(&["-z"]), &specs, true).unwrap_err(), "unknown shorthand flag: 'z' in -z");
        let p = parse(&a(&["img", "-q"]), &specs, false).unwrap();
        assert_eq!(p.args, vec!["img", "-q"]);
        assert_eq!(parse(&a(&["-t"]), &specs, true).unwrap_err(), "flag needs an argument: 't' in -t");
        let p = parse(&a(&["-q=false"]), &specs, true).unwrap();
        assert!(!p.on("quiet"));
    }
}
