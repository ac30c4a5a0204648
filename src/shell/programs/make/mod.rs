//! GNU `make`: reads the makefile ([`parse`]), expands variables and functions
//! ([`expand`]), and brings goals up to date through explicit rules, pattern rules and
//! the built-in C rules, running each recipe line through the shell. Supports `-C DIR`,
//! `-f FILE`, `-j N` (run in order), `-s`, `-n`, `-k`, `-i`, `-B`, `VAR=value`, recursive
//! `$(MAKE)` with `make[N]: Entering directory …`, and make's messages and exit status 2.

mod expand;
mod parse;

use std::collections::{BTreeMap, BTreeSet};

use crate::shell::exec::{Flow, Res, Shell, Var as ShellVar};
use crate::vfs::path;
use expand::{match_pattern, Auto};

/// Where a variable's value came from (`$(origin VAR)`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// Built in (`CC`, `MAKE` …).
    Default,
    /// Inherited from the environment.
    Environment,
    /// Set in a makefile.
    File,
    /// Set on the command line (or with `override`).
    CommandLine,
    /// `foreach` and `call` arguments.
    Automatic,
}

/// A make variable.
#[derive(Clone, Debug)]
pub struct Var {
    value: String,
    recursive: bool,
    origin: Origin,
    export: bool,
}

/// A rule as read.
#[derive(Clone, Debug, Default)]
pub struct Rule {
    targets: Vec<String>,
    prereqs: Vec<String>,
    order_only: Vec<String>,
    recipe: Vec<(String, usize)>,
    file: String,
    line: usize,
}

/// Why a target could not be made.
enum Fail {
    /// A message to print with `*** … Stop.` already formed.
    Stop(String),
    /// A recipe failed (its message is printed).
    Failed,
    /// The interpreter must stop (budget).
    Flow(Flow),
}

/// A running make.
pub struct Make<'s, 'a> {
    sh: &'s mut Shell<'a>,
    vars: BTreeMap<String, Var>,
    rules: Vec<Rule>,
    phony: BTreeSet<String>,
    default_goal: Option<String>,
    dir: String,
    level: u32,
    depth: u32,
    silent: bool,
    dry_run: bool,
    keep_going: bool,
    ignore_errors: bool,
    always: bool,
    made: BTreeMap<String, bool>,
    location: String,
    fatal_msg: Option<String>,
}

/// The built-in pattern rules (GNU make's `%.o: %.c`, `%: %.c`, `%: %.o`, C++).
const BUILTIN: &[(&str, &str, &str)] = &[
    ("%.o", "%.c", "$(CC) $(CFLAGS) $(CPPFLAGS) $(TARGET_ARCH) -c $(OUTPUT_OPTION) $<"),
    ("%.o", "%.cc", "$(CXX) $(CXXFLAGS) $(CPPFLAGS) $(TARGET_ARCH) -c $(OUTPUT_OPTION) $<"),
    ("%.o", "%.cpp", "$(CXX) $(CXXFLAGS) $(CPPFLAGS) $(TARGET_ARCH) -c $(OUTPUT_OPTION) $<"),
    ("%", "%.c", "$(CC) $(CFLAGS) $(CPPFLAGS) $(LDFLAGS) $(TARGET_ARCH) $^ $(LOADLIBES) $(LDLIBS) -o $@"),
    ("%", "%.o", "$(CC) $(LDFLAGS) $(TARGET_ARCH) $^ $(LOADLIBES) $(LDLIBS) -o $@"),
];

/// `make [-C DIR] [-f FILE] [-j N] [-snkiB] [VAR=value] [TARGET…]`
pub(crate) fn make(sh: &mut Shell<'_>, argv: &[String]) -> Res {
    let level: u32 = sh.get_var("MAKELEVEL").and_then(|v| v.parse().ok()).unwrap_or(0);
    let mut m = Make {
        vars: BTreeMap::new(),
        rules: Vec::new(),
        phony: BTreeSet::new(),
        default_goal: None,
        dir: sh.st.cwd.clone(),
        level,
        depth: 0,
        silent: false,
        dry_run: false,
        keep_going: false,
        ignore_errors: false,
        always: false,
        made: BTreeMap::new(),
        location: String::new(),
        fatal_msg: None,
        sh,
    };
    let mut files = Vec::new();
    let mut goals = Vec::new();
    let mut overrides = Vec::new();
    let mut print_dir = level > 0;
    let mut it = argv.iter().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "-C" | "--directory" => {
                let d = it.next().cloned().unwrap_or_default();
                m.dir = path::normalize(&m.dir, &d);
                print_dir = true;
            }
            "-f" | "--file" | "--makefile" => files.extend(it.next().cloned()),
            "-j" | "--jobs" | "-l" | "--load-average" | "-o" | "-W" => {
                it.next();
            }
            "-v" | "--version" => {
                // The installed package's version.
                let env = m.sh.exported_env();
                return m.sh.run_applet(crate::shell::pkg::programs::program, argv, env);
            }
            "-w" | "--print-directory" => print_dir = true,
            "--no-print-directory" => print_dir = false,
            s if s.starts_with("-C") && s.len() > 2 => {
                m.dir = path::normalize(&m.dir, &s[2..]);
                print_dir = true;
            }
            s if s.starts_with("-j") || s.starts_with("--jobs=") || s.starts_with("-l") => {}
            s if s.starts_with("-f") && s.len() > 2 => files.push(s[2..].to_string()),
            s if s.starts_with("--") => {}
            s if s.starts_with('-') && s.len() > 1 => {
                for c in s[1..].chars() {
                    match c {
                        's' => m.silent = true,
                        'n' => m.dry_run = true,
                        'k' => m.keep_going = true,
                        'i' => m.ignore_errors = true,
                        'B' => m.always = true,
                        'w' => print_dir = true,
                        _ => {}
                    }
                }
            }
            s if s.contains('=') && !s.starts_with('=') => overrides.push(s.to_string()),
            s => goals.push(s.to_string()),
        }
    }
    if m.sh.fs.lookup("/", &m.dir, true).map(|(_, n)| !n.is_dir()).unwrap_or(true) {
        let d =
            argv.iter().position(|a| a == "-C").and_then(|i| argv.get(i + 1)).cloned().unwrap_or_else(|| m.dir.clone());
        m.say(2, &format!("{}: *** {d}: No such file or directory.  Stop.\n", m.prog()));
        return Ok(2);
    }
    m.defaults();
    for o in &overrides {
        if let Some((k, v)) = o.split_once('=') {
            let (k, op) = match k.strip_suffix(':') {
                Some(k) => (k, ":="),
                None => (k, "="),
            };
            m.assign(k, op, v, Origin::CommandLine, true);
        }
    }
    if print_dir {
        let msg = format!("{}: Entering directory '{}'\n", m.prog(), m.dir);
        m.say(1, &msg);
    }
    let status = m.run(files, goals);
    if print_dir {
        let msg = format!("{}: Leaving directory '{}'\n", m.prog(), m.dir);
        m.say(1, &msg);
    }
    status
}

impl Make<'_, '_> {
    /// `make` or `make[N]` as messages start.
    fn prog(&self) -> String {
        if self.level == 0 {
            "make".into()
        } else {
            format!("make[{}]", self.level)
        }
    }

    /// Writes to standard output (1) or error (2); a budget stop is reported by the shell.
    fn say(&mut self, fd: usize, s: &str) {
        let _ = self.sh.write_fd(fd, s.as_bytes());
    }

    fn defaults(&mut self) {
        for (k, v) in self.sh.exported_env() {
            if k != "SHELL" && k != "MAKEFLAGS" {
                self.vars.insert(k, Var { value: v, recursive: true, origin: Origin::Environment, export: true });
            }
        }
        for (k, v) in [
            ("CC", "cc"),
            ("CXX", "g++"),
            ("CPP", "$(CC) -E"),
            ("AR", "ar"),
            ("ARFLAGS", "rv"),
            ("RM", "rm -f"),
            ("MAKE", "make"),
            ("SHELL", "/bin/sh"),
            ("OUTPUT_OPTION", "-o $@"),
            ("MAKE_VERSION", "4.3"),
            ("LD", "ld"),
            ("INSTALL", "install"),
        ] {
            self.vars.entry(k.to_string()).or_insert(Var {
                value: v.into(),
                recursive: true,
                origin: Origin::Default,
                export: false,
            });
        }
        let dir = self.dir.clone();
        self.vars.insert("CURDIR".into(), Var { value: dir, recursive: false, origin: Origin::File, export: false });
    }

    fn run(&mut self, files: Vec<String>, goals: Vec<String>) -> Res {
        let files = if files.is_empty() {
            match ["GNUmakefile", "makefile", "Makefile"]
                .iter()
                .find(|f| self.sh.fs.lookup(&self.dir, f, true).is_ok_and(|(_, n)| n.is_file()))
            {
                Some(f) => vec![f.to_string()],
                None => {
                    let msg = match goals.first() {
                        Some(g) => format!("{}: *** No rule to make target '{g}'.  Stop.\n", self.prog()),
                        None => format!("{}: *** No targets specified and no makefile found.  Stop.\n", self.prog()),
                    };
                    self.say(2, &msg);
                    return Ok(2);
                }
            }
        } else {
            files
        };
        for f in &files {
            let text = match self.sh.fs.read(&self.dir, f) {
                Ok(c) => String::from_utf8_lossy(&c.bytes()).into_owned(),
                Err(e) => {
                    let msg = format!(
                        "{}: {f}: {e}\n{}: *** No rule to make target '{f}'.  Stop.\n",
                        self.prog(),
                        self.prog()
                    );
                    self.say(2, &msg);
                    return Ok(2);
                }
            };
            if let Err(msg) = self.read(f, &text) {
                self.say(2, &format!("{msg}\n"));
                return Ok(2);
            }
        }
        if let Some(m) = self.fatal_msg.take() {
            let msg = format!("{}: *** {m}\n", self.location);
            self.say(2, &msg);
            return Ok(2);
        }
        let goals = if goals.is_empty() {
            match self.default_goal.clone() {
                Some(g) => vec![g],
                None => {
                    let msg = format!("{}: *** No targets.  Stop.\n", self.prog());
                    self.say(2, &msg);
                    return Ok(2);
                }
            }
        } else {
            goals
        };
        let mut status = 0;
        for g in goals {
            match self.build(&g, None) {
                Ok(changed) => {
                    if !changed {
                        let has_recipe = self.rule_for(&g).is_some_and(|(r, _)| !r.recipe.is_empty());
                        let msg = if has_recipe && !self.phony.contains(&g) {
                            format!("{}: '{g}' is up to date.\n", self.prog())
                        } else {
                            format!("{}: Nothing to be done for '{g}'.\n", self.prog())
                        };
                        self.say(1, &msg);
                    }
                }
                Err(Fail::Stop(msg)) => {
                    self.say(2, &format!("{}: *** {msg}\n", self.prog()));
                    return Ok(2);
                }
                Err(Fail::Failed) => {
                    status = 2;
                    if !self.keep_going {
                        return Ok(2);
                    }
                }
                Err(Fail::Flow(f)) => return Err(f),
            }
        }
        Ok(status)
    }

    fn mtime(&self, target: &str) -> Option<i64> {
        self.sh.fs.lookup(&self.dir, target, true).ok().map(|(_, n)| n.meta.mtime)
    }

    /// The rule giving `target` its recipe, with the pattern stem (explicit rules first,
    /// then the makefile's pattern rules, then the built-in ones); prerequisites of
    /// recipe-less explicit rules are merged in.
    fn rule_for(&self, target: &str) -> Option<(Rule, String)> {
        let explicit: Vec<&Rule> = self.rules.iter().filter(|r| r.targets.iter().any(|t| t == target)).collect();
        let mut merged = Rule { targets: vec![target.to_string()], ..Rule::default() };
        for r in &explicit {
            for p in &r.prereqs {
                if !merged.prereqs.contains(p) {
                    merged.prereqs.push(p.clone());
                }
            }
            merged.order_only.extend(r.order_only.iter().cloned());
            if !r.recipe.is_empty() {
                merged.recipe = r.recipe.clone();
                merged.file = r.file.clone();
                merged.line = r.line;
            }
        }
        if !merged.recipe.is_empty() || self.phony.contains(target) {
            return (!explicit.is_empty() || self.phony.contains(target)).then_some((merged, String::new()));
        }
        let user = self.rules.iter().filter(|r| r.targets.iter().any(|t| t.contains('%'))).flat_map(|r| {
            r.targets
                .iter()
                .filter(|t| t.contains('%'))
                .map(move |t| (t.clone(), r.prereqs.clone(), r.recipe.clone(), r.file.clone(), r.line))
        });
        let builtin = BUILTIN
            .iter()
            .map(|(t, p, r)| (t.to_string(), vec![p.to_string()], vec![(r.to_string(), 0)], String::new(), 0));
        for (pat, prereqs, recipe, file, line) in user.chain(builtin) {
            let Some(stem) = match_pattern(&pat, target) else { continue };
            if stem.is_empty() {
                continue;
            }
            let ps: Vec<String> = prereqs.iter().map(|p| p.replacen('%', &stem, 1)).collect();
            let makeable =
                ps.iter().all(|p| self.mtime(p).is_some() || self.rules.iter().any(|r| r.targets.contains(p)));
            if !makeable {
                continue;
            }
            let mut all = ps;
            for p in merged.prereqs.drain(..) {
                if !all.contains(&p) {
                    all.push(p);
                }
            }
            return Some((
                Rule {
                    targets: vec![target.to_string()],
                    prereqs: all,
                    order_only: merged.order_only,
                    recipe,
                    file,
                    line,
                },
                stem,
            ));
        }
        (!explicit.is_empty()).then_some((merged, String::new()))
    }

    /// Brings `target` up to date; true when it was remade.
    fn build(&mut self, target: &str, parent: Option<&str>) -> Result<bool, Fail> {
        if let Some(done) = self.made.get(target) {
            return Ok(*done);
        }
        if self.made.len() > 20_000 {
            return Err(Fail::Stop("too many targets.  Stop.".into()));
        }
        self.made.insert(target.to_string(), false);
        let exists = self.mtime(target);
        let Some((rule, stem)) = self.rule_for(target) else {
            if exists.is_some() {
                return Ok(false);
            }
            if let Some(def) = self.rules.iter().find(|r| r.targets.iter().any(|t| t == ".DEFAULT")).cloned() {
                let auto = Auto { target: target.to_string(), ..Auto::default() };
                self.run_recipe(&def, &auto, target)?;
                self.made.insert(target.to_string(), true);
                return Ok(true);
            }
            return Err(Fail::Stop(match parent {
                Some(p) => format!("No rule to make target '{target}', needed by '{p}'.  Stop."),
                None => format!("No rule to make target '{target}'.  Stop."),
            }));
        };
        let mut newer = Vec::new();
        let mut any_remade = false;
        for p in rule.prereqs.iter().chain(rule.order_only.iter()) {
            let remade = self.build(p, Some(target))?;
            let is_order_only = rule.order_only.contains(p) && !rule.prereqs.contains(p);
            if is_order_only {
                continue;
            }
            let newer_file = matches!((self.mtime(p), exists), (Some(pt), Some(tt)) if pt > tt);
            if remade || newer_file || self.phony.contains(p) {
                newer.push(p.clone());
                any_remade = true;
            }
        }
        let need = self.always || exists.is_none() || any_remade || self.phony.contains(target);
        if !need || rule.recipe.is_empty() {
            let changed = need && !rule.prereqs.is_empty() && any_remade;
            self.made.insert(target.to_string(), changed);
            return Ok(changed);
        }
        let mut all: Vec<String> = Vec::new();
        for p in &rule.prereqs {
            if !all.contains(p) {
                all.push(p.clone());
            }
        }
        let auto = Auto {
            target: target.to_string(),
            first: rule.prereqs.first().cloned().unwrap_or_default(),
            all,
            newer,
            stem,
        };
        self.run_recipe(&rule, &auto, target)?;
        self.made.insert(target.to_string(), true);
        Ok(true)
    }

    fn run_recipe(&mut self, rule: &Rule, auto: &Auto, target: &str) -> Result<(), Fail> {
        for (text, line) in rule.recipe.clone() {
            let expanded = self.expand(&text, Some(auto));
            if let Some(m) = self.fatal_msg.take() {
                let loc = if rule.file.is_empty() { String::new() } else { format!("{}:{line}: ", rule.file) };
                return Err(Fail::Stop(format!("{loc}{m}").replace("make: *** ", "")));
            }
            let mut cmd = expanded.trim_start();
            let (mut quiet, mut ignore) = (self.silent, self.ignore_errors);
            loop {
                if let Some(r) = cmd.strip_prefix('@') {
                    quiet = true;
                    cmd = r.trim_start();
                } else if let Some(r) = cmd.strip_prefix('-') {
                    ignore = true;
                    cmd = r.trim_start();
                } else if let Some(r) = cmd.strip_prefix('+') {
                    cmd = r.trim_start();
                } else {
                    break;
                }
            }
            if cmd.is_empty() {
                continue;
            }
            if !quiet || self.dry_run {
                let shown = format!("{cmd}\n");
                self.say(1, &shown);
            }
            if self.dry_run {
                continue;
            }
            let code = self.run_shell(cmd).map_err(Fail::Flow)?;
            if code != 0 {
                let at = if rule.file.is_empty() {
                    format!("<builtin>: {target}")
                } else {
                    format!("{}:{line}: {target}", rule.file)
                };
                if ignore {
                    let msg = format!("{}: [{at}] Error {code} (ignored)\n", self.prog());
                    self.say(2, &msg);
                    continue;
                }
                let msg = format!("{}: *** [{at}] Error {code}\n", self.prog());
                self.say(2, &msg);
                return Err(Fail::Failed);
            }
        }
        Ok(())
    }

    /// The environment recipes and `$(shell)` run with.
    fn recipe_env(&mut self) -> BTreeMap<String, ShellVar> {
        let mut env: BTreeMap<String, ShellVar> = BTreeMap::new();
        let exported: Vec<(String, Var)> =
            self.vars.iter().filter(|(_, v)| v.export).map(|(k, v)| (k.clone(), v.clone())).collect();
        for (k, v) in exported {
            let value = if v.recursive { self.expand(&v.value, None) } else { v.value };
            env.insert(k, ShellVar { value, exported: true });
        }
        env.insert("MAKELEVEL".into(), ShellVar { value: (self.level + 1).to_string(), exported: true });
        env
    }

    /// Runs one recipe line with `/bin/sh -c` in the make directory.
    fn run_shell(&mut self, cmd: &str) -> Result<i32, Flow> {
        let script = match crate::shell::parser::parse(cmd) {
            Ok(s) => s,
            Err(e) => {
                let msg = format!("/bin/sh: {e}\n");
                self.say(2, &msg);
                return Ok(2);
            }
        };
        let vars = self.recipe_env();
        let dir = self.dir.clone();
        self.sh.subshell(|s| {
            s.st.vars = vars;
            s.st.cwd = dir;
            s.st.funcs.clear();
            s.st.opts = Default::default();
            s.st.locals.clear();
            s.st.loops = 0;
            s.run_script(&script)
        })
    }

    /// `$(shell …)`: the command's output with newlines turned into spaces.
    fn shell_output(&mut self, cmd: &str) -> String {
        let Ok(script) = crate::shell::parser::parse(cmd) else { return String::new() };
        let mut vars = self.recipe_env();
        vars.insert("MAKELEVEL".into(), ShellVar { value: self.level.to_string(), exported: true });
        let dir = self.dir.clone();
        let mut out = String::new();
        let _ = self.sh.subshell(|s| {
            s.st.vars = vars;
            s.st.cwd = dir;
            out = s.command_subst(&script)?;
            Ok(0)
        });
        out.replace('\n', " ")
    }
}

#[cfg(test)]
mod tests;
