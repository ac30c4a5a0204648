//! What each docker command accepts: its usage line, description, aliases, flags and
//! argument count, with Docker's `--help` text and its usage errors (cobra's wording in
//! docker/cli 28: `docker: 'docker tag' requires 2 arguments`).

use super::flags::{self, FlagSpec, Parsed};
use super::Output;

/// How many positional arguments a command takes.
#[derive(Clone, Copy, Debug)]
pub enum Args {
    /// Any number.
    Any,
    /// None at all.
    None,
    /// Exactly this many.
    Exact(usize),
    /// At least this many.
    Min(usize),
    /// At most this many.
    Max(usize),
    /// Between the two, inclusive.
    Range(usize, usize),
}

/// A docker command's interface.
#[derive(Clone, Copy, Debug)]
pub struct Cmd {
    /// The command path (`docker image ls`).
    pub path: &'static str,
    /// What follows the path in the usage line (`[OPTIONS] [REPOSITORY[:TAG]]`).
    pub usage: &'static str,
    /// One-line description.
    pub short: &'static str,
    /// Every name it answers to, as `--help` lists them (empty for none).
    pub aliases: &'static str,
    /// Its flags.
    pub flags: &'static [FlagSpec],
    /// Its positional arguments.
    pub args: Args,
    /// False when flags stop at the first positional argument (`docker run IMAGE CMD…`).
    pub interspersed: bool,
}

impl Cmd {
    /// The usage line (`docker images [OPTIONS] [REPOSITORY[:TAG]]`).
    pub fn use_line(&self) -> String {
        if self.usage.is_empty() {
            self.path.to_string()
        } else {
            format!("{} {}", self.path, self.usage)
        }
    }

    /// Parses `args`: `--help` gives the help text (as an `Err` to return directly), bad
    /// flags and wrong argument counts give Docker's errors.
    pub fn parse(&self, args: &[String]) -> Result<Parsed, Output> {
        let stop = if self.interspersed {
            args.len()
        } else {
            args.iter().position(|a| !a.starts_with('-')).unwrap_or(args.len())
        };
        // `-h` is help unless the command has a `-h` of its own (`run -h HOSTNAME`).
        let short_h = self.flags.iter().any(|f| f.short == Some('h'));
        if args[..stop].iter().take_while(|a| *a != "--").any(|a| a == "--help" || (a == "-h" && !short_h)) {
            return Err(Output::ok(self.help()));
        }
        let p = flags::parse(args, self.flags, self.interspersed)
            .map_err(|e| Output::fail(125, format!("{e}\nSee '{} --help'.", self.path)))?;
        self.check_args(p.args.len())?;
        Ok(p)
    }

    fn check_args(&self, n: usize) -> Result<(), Output> {
        let plural = |k: usize| if k == 1 { "argument" } else { "arguments" };
        let (path, line) = (self.path, self.use_line());
        let msg = match self.args {
            Args::Any => return Ok(()),
            Args::None if n == 0 => return Ok(()),
            Args::None => format!("docker: '{path}' accepts no arguments\n\nUsage:  {line}\n\nRun '{path} --help' for more information"),
            Args::Exact(k) if n == k => return Ok(()),
            Args::Exact(k) => format!("docker: '{path}' requires {k} {}\n\nUsage:  {line}\n\nRun '{path} --help' for more information", plural(k)),
            Args::Min(k) if n >= k => return Ok(()),
            Args::Min(k) => format!("docker: '{path}' requires at least {k} {}\n\nUsage:  {line}\n\nSee '{path} --help' for more information", plural(k)),
            Args::Max(k) if n <= k => return Ok(()),
            Args::Max(k) => format!("docker: '{path}' requires at most {k} {}\n\nUsage:  {line}\n\nRun '{path} --help' for more information", plural(k)),
            Args::Range(a, b) if n >= a && n <= b => return Ok(()),
            Args::Range(a, b) => format!(
                "docker: '{path}' requires at least {a} and at most {b} {}\n\nUsage:  {line}\n\nRun '{path} --help' for more information",
                plural(b)
            ),
        };
        Err(Output::fail(1, msg))
    }

    /// The `--help` text in Docker's layout.
    pub fn help(&self) -> String {
        let mut s = format!("\nUsage:  {}\n\n{}\n", self.use_line(), self.short);
        if !self.aliases.is_empty() {
            s.push_str(&format!("\nAliases:\n  {}\n", self.aliases));
        }
        if !self.flags.is_empty() {
            s.push_str("\nOptions:\n");
            s.push_str(&flag_usages(self.flags));
        }
        s
    }
}

/// pflag's option listing: `  -a, --all   Show all…`, sorted by long name, descriptions
/// aligned three columns after the widest flag.
fn flag_usages(specs: &[FlagSpec]) -> String {
    let mut sorted: Vec<&FlagSpec> = specs.iter().collect();
    crate::util::sort::sort_by_key(&mut sorted, |f| f.long);
    let prefix = |f: &FlagSpec| {
        let mut l = match f.short {
            Some(c) => format!("  -{c}, --{}", f.long),
            None => format!("      --{}", f.long),
        };
        if f.takes_value && !f.kind.is_empty() {
            l.push(' ');
            l.push_str(f.kind);
        }
        l
    };
    let width = sorted.iter().map(|f| prefix(f).len()).max().unwrap_or(0) + 3;
    let mut out = String::new();
    for f in sorted {
        let p = prefix(f);
        let mut lines = f.help.lines();
        out.push_str(&format!("{p:width$}{}\n", lines.next().unwrap_or("")));
        for more in lines {
            out.push_str(&format!("{:width$}{more}\n", ""));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::flags::{switch, value};
    use crate::engine::image_cmds::TAG;

    fn a(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn argument_counts() {
        let e = TAG.parse(&a(&["x"])).unwrap_err();
        assert_eq!(e.code, 1);
        assert_eq!(
            e.stderr,
            "docker: 'docker tag' requires 2 arguments\n\nUsage:  docker tag SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]\n\nRun 'docker tag --help' for more information\n"
        );
        let e = TAG.parse(&a(&["--foo"])).unwrap_err();
        assert_eq!((e.code, e.stderr.as_str()), (125, "unknown flag: --foo\nSee 'docker tag --help'.\n"));
    }

    #[test]
    fn help_text() {
        const FLAGS: &[FlagSpec] =
            &[switch("all", Some('a')).about("Show all"), value("format", None).doc("string", "Format output")];
        let cmd = Cmd { flags: FLAGS, args: Args::Any, ..TAG };
        assert_eq!(
            cmd.parse(&a(&["--help"])).unwrap_err().stdout,
            "\nUsage:  docker tag SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]\n\nCreate a tag TARGET_IMAGE that refers to SOURCE_IMAGE\n\nAliases:\n  docker image tag, docker tag\n\nOptions:\n  -a, --all             Show all\n      --format string   Format output\n"
        );
    }
}
