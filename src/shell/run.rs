//! Running simple commands: assignments, tracing, functions, builtins, `PATH` lookup, scripts
//! and applets.

use std::collections::BTreeMap;
use std::rc::Rc;

use super::applet::{AppletFn, BudgetError, Ctx, IoState};
use super::ast::{Redir, Word};
use super::exec::{Fd, Flow, Res, Shell, PIPE_CAPACITY};
use crate::util::DEFAULT_PATH;
use crate::vfs::{path, NodeKind};

/// A command that needs the interpreter itself (builtins, `sh`, `find`, `xargs`, `env`).
pub(crate) type ShellFn = fn(&mut Shell<'_>, &[String]) -> Res;

/// What a command name refers to.
pub(crate) enum Found {
    Function(Rc<super::ast::Command>),
    Builtin(ShellFn),
    Internal(AppletFn),
    /// A file on `PATH` (resolved path as typed for messages, and the tree path).
    File(String),
    Missing,
}

/// Quotes a word for `set -x` output the way busybox ash does (`maybe_single_quote`):
/// words with control characters, space, ``!"#$%&'()*;<=>?`[\``, `{|}~` or bytes above
/// ASCII are single-quoted, and so are the reserved words; an empty word stays empty.
pub(crate) fn trace_quote(s: &str) -> String {
    const RESERVED: &[&str] = &[
        "!", "case", "do", "done", "elif", "else", "esac", "fi", "for", "function", "if", "in", "then", "until",
        "while", "{", "}",
    ];
    let special = |c: u8| c < b'+' || (b';'..=b'?').contains(&c) || c == b'`' || c == b'[' || c == b'\\' || c > b'z';
    if !s.bytes().any(special) && !RESERVED.contains(&s) {
        return s.to_string();
    }
    // ash's `single_quote`: runs of `'` go in double quotes between single-quoted parts.
    let mut out = String::new();
    let mut rest = s;
    loop {
        let end = rest.find('\'').unwrap_or(rest.len());
        out.push('\'');
        out.push_str(&rest[..end]);
        out.push('\'');
        rest = &rest[end..];
        if rest.is_empty() {
            break;
        }
        let quotes = rest.len() - rest.trim_start_matches('\'').len();
        out.push('"');
        out.push_str(&rest[..quotes]);
        out.push('"');
        rest = &rest[quotes..];
        if rest.is_empty() {
            break;
        }
    }
    out
}

impl Shell<'_> {
    pub(crate) fn run_simple(&mut self, assigns: &[(String, Word)], words: &[Word], redirs: &[Redir]) -> Res {
        self.step()?;
        self.subst_status = None;
        let argv = self.expand_words(words)?;
        let mut vals = Vec::new();
        for (n, w) in assigns {
            vals.push((n.clone(), self.expand_single(w)?));
        }
        if self.st.opts.xtrace && (!argv.is_empty() || !vals.is_empty()) {
            let mut parts: Vec<String> = vals.iter().map(|(n, v)| format!("{n}={}", trace_quote(v))).collect();
            parts.extend(argv.iter().map(|a| trace_quote(a)));
            let line = format!("+ {}\n", parts.join(" "));
            self.write_fd(2, line.as_bytes())?;
        }
        if argv.is_empty() {
            for (n, v) in &vals {
                self.set_var(n, v)?;
            }
            let status = self.subst_status.unwrap_or(0);
            return self.with_redirs(redirs, |_| Ok(status));
        }
        if argv[0] == "exec" && argv.len() == 1 {
            return match self.apply_redirs(redirs) {
                Ok(()) => Ok(0),
                Err(r) => r,
            };
        }
        self.with_redirs(redirs, |sh| sh.exec_argv(&argv, &vals))
    }

    /// Finds what a command name refers to.
    pub(crate) fn find_command(&self, name: &str, functions: bool) -> Found {
        if functions {
            if let Some(f) = self.st.funcs.get(name) {
                return Found::Function(f.clone());
            }
        }
        if let Some(b) = super::builtins::builtin(name) {
            return Found::Builtin(b);
        }
        if let Some(a) = super::applets::builtin_applet(name) {
            return Found::Internal(a);
        }
        match self.path_lookup(name, None) {
            Some(p) => Found::File(p),
            None => Found::Missing,
        }
    }

    /// Looks a name up on `PATH` (the given environment's, or the shell's).
    pub(crate) fn path_lookup(&self, name: &str, env: Option<&BTreeMap<String, String>>) -> Option<String> {
        let is_file = |p: &str| self.fs.lookup(&self.st.cwd, p, true).is_ok_and(|(_, n)| !n.is_dir());
        if name.contains('/') {
            return self.fs.lookup(&self.st.cwd, name, true).is_ok().then(|| name.to_string());
        }
        let path = match env {
            Some(e) => e.get("PATH").cloned(),
            None => self.get_var("PATH"),
        }
        .unwrap_or_else(|| DEFAULT_PATH.to_string());
        for dir in path.split(':') {
            let cand = if dir.is_empty() { name.to_string() } else { format!("{}/{name}", dir.trim_end_matches('/')) };
            if is_file(&cand) {
                return Some(cand);
            }
        }
        None
    }

    /// The exported environment.
    pub(crate) fn exported_env(&self) -> BTreeMap<String, String> {
        crate::util::collect::map(
            self.st.vars.iter().filter(|(_, v)| v.exported).map(|(k, v)| (k.clone(), v.value.clone())),
        )
    }

    fn exec_argv(&mut self, argv: &[String], vals: &[(String, String)]) -> Res {
        match self.find_command(&argv[0], true) {
            Found::Function(body) => {
                let saved: Vec<_> = vals.iter().map(|(n, _)| (n.clone(), self.st.vars.get(n).cloned())).collect();
                for (n, v) in vals {
                    self.set_var(n, v)?;
                }
                let r = self.call_function(&body, argv);
                self.restore_vars(saved);
                r
            }
            Found::Builtin(b) => {
                let special = matches!(
                    argv[0].as_str(),
                    "export" | "readonly" | "set" | "eval" | "." | "source" | "exec" | ":" | "unset" | "local"
                );
                let saved: Vec<_> = vals.iter().map(|(n, _)| (n.clone(), self.st.vars.get(n).cloned())).collect();
                for (n, v) in vals {
                    self.set_var(n, v)?;
                }
                let r = b(self, argv);
                if !special {
                    self.restore_vars(saved);
                }
                r
            }
            Found::Internal(a) => {
                let mut env = self.exported_env();
                env.extend(vals.iter().cloned());
                self.run_applet(a, argv, env)
            }
            Found::File(_) | Found::Missing => {
                let mut env = self.exported_env();
                env.extend(vals.iter().cloned());
                self.run_external(argv, env)
            }
        }
    }

    fn restore_vars(&mut self, saved: Vec<(String, Option<super::exec::Var>)>) {
        for (n, v) in saved.into_iter().rev() {
            match v {
                Some(v) => {
                    self.st.vars.insert(n, v);
                }
                None => {
                    self.st.vars.remove(&n);
                }
            }
        }
    }

    /// Calls a shell function with `argv[1..]` as its positional parameters.
    pub(crate) fn call_function(&mut self, body: &super::ast::Command, argv: &[String]) -> Res {
        self.step()?;
        if self.st.locals.len() > 1000 {
            self.error(&format!("{}: too deep recursion", argv[0]));
            return Err(Flow::Exit(2));
        }
        let saved = std::mem::replace(&mut self.st.params, argv[1..].to_vec());
        self.st.locals.push(Vec::new());
        let saved_loops = std::mem::replace(&mut self.st.loops, 0);
        let r = match self.run_command(body) {
            Err(Flow::Return(c)) => Ok(c),
            other => other,
        };
        self.st.loops = saved_loops;
        if let Some(locals) = self.st.locals.pop() {
            self.restore_vars(locals);
        }
        self.st.params = saved;
        r
    }

    /// Runs a command found through `PATH` (never a function or builtin), with `env` as
    /// its environment.
    pub(crate) fn run_external(&mut self, argv: &[String], env: BTreeMap<String, String>) -> Res {
        self.step()?;
        let name = &argv[0];
        let Some(found) = self.path_lookup(name, Some(&env)) else {
            self.error(&self.st.dialect.not_found(name));
            return Ok(127);
        };
        let node = match self.fs.lookup(&self.st.cwd, &found, true) {
            Ok((_, n)) => n.clone(),
            Err(e) => {
                self.error(&format!("{name}: {e}"));
                return Ok(127);
            }
        };
        let content = match &node.kind {
            NodeKind::File(c) if node.meta.mode & 0o111 != 0 => c.clone(),
            _ => {
                self.error(&format!("{name}: Permission denied"));
                return Ok(126);
            }
        };
        let head = content.head(512);
        if head.starts_with(b"#!") {
            let line = String::from_utf8_lossy(&head[2..]).lines().next().unwrap_or("").trim().to_string();
            let mut it = line.split_whitespace();
            let interp = it.next().unwrap_or("/bin/sh").to_string();
            let mut new_argv = vec![interp.clone()];
            new_argv.extend(it.next().map(String::from));
            new_argv.push(found.clone());
            new_argv.extend(argv[1..].iter().cloned());
            let base = path::file_name(&interp);
            if matches!(base, "sh" | "bash" | "ash" | "dash") {
                let text = String::from_utf8_lossy(&content.bytes()).into_owned();
                let dialect = super::dialect::Dialect::of(self.fs, &interp);
                return self.run_script_file(&text, &found, &argv[1..], env, (dialect, true));
            }
            if self.fs.lookup(&self.st.cwd, &interp, true).is_err() {
                self.error(&self.st.dialect.not_found(name));
                return Ok(127);
            }
            let mut a = new_argv;
            a[0] = interp;
            return self.dispatch_program(&a, env, &found);
        }
        let base = path::file_name(name).to_string();
        let mut a = argv.to_vec();
        if !matches!(base.as_str(), "sh" | "bash" | "ash" | "dash") {
            // A shell keeps the name it was called by: it is its `$0`.
            a[0] = base.clone();
        }
        let simulated = super::applets::shell_applet(&base).is_some()
            || super::applets::applet(&base).is_some()
            || super::pkg::applet(&base).is_some()
            || base == "busybox";
        if !simulated && !content.is_simulated() && !head.contains(&0) {
            // A text file without a shebang runs as a shell script, silently, as in ash and
            // dash (the ENOEXEC fallback).
            let text = String::from_utf8_lossy(&content.bytes()).into_owned();
            let dialect = self.st.dialect;
            return self.run_script_file(&text, &found, &argv[1..], env, (dialect, true));
        }
        self.dispatch_program(&a, env, &found)
    }

    /// Runs the program file `file` as the applet named by `argv[0]`'s base name.
    fn dispatch_program(&mut self, argv: &[String], env: BTreeMap<String, String>, file: &str) -> Res {
        let base = path::file_name(&argv[0]).to_string();
        let mut env = env;
        if !file.is_empty() {
            // What bash puts in `_`: the path of the program run.
            env.insert("_".into(), file.to_string());
            // An executable linked by the simulated compiler runs as the program it is.
            let built =
                self.fs.read(&self.st.cwd, file).ok().is_some_and(|c| super::programs::built::identify(&c).is_some());
            if built {
                return self.run_applet(super::programs::built::program, argv, env);
            }
        }
        if let Some(f) = super::applets::shell_applet(&base).or_else(|| super::programs::shell_program(&base)) {
            let saved = self.swap_env(&env);
            let r = f(self, argv);
            self.restore_env(saved);
            return r;
        }
        // Programs a package installs over busybox's applet of the same name (curl, git,
        // GNU wget …) run as the package's program.
        let busybox_link = self.fs.resolve("/", file, true).is_ok_and(|r| r.ends_with("/busybox"));
        let from_pkg = !busybox_link && super::pkg::prefers(self.fs, &base);
        let found = if from_pkg {
            super::pkg::applet(&base).or_else(|| super::applets::applet(&base))
        } else {
            super::applets::applet(&base).or_else(|| super::pkg::applet(&base))
        }
        .or_else(|| super::programs::applet(&base));
        if let Some(f) = found {
            // Debian's and Ubuntu's `touch`, `rm` … are GNU coreutils', not busybox's.
            self.gnu_next = (!busybox_link && !file.is_empty())
                .then(|| self.fs.read("/", file).ok())
                .flatten()
                .and_then(|c| crate::catalog::model::label_of(&c))
                .filter(|(p, _)| p == "coreutils" || p == "coreutils-single")
                .map(|(_, v)| crate::catalog::model::version_pair(&v));
            return self.run_applet(f, argv, env);
        }
        self.error(&format!("{}: cannot execute simulated program", argv[0]));
        Ok(126)
    }

    /// Runs the applet `argv[0]` (used by `busybox NAME` and `xargs`), without `PATH` lookup.
    pub(crate) fn run_named_applet(&mut self, argv: &[String], env: BTreeMap<String, String>) -> Res {
        self.dispatch_program(argv, env, "")
    }

    fn swap_env(&mut self, env: &BTreeMap<String, String>) -> BTreeMap<String, super::exec::Var> {
        let vars = crate::util::collect::map(
            env.iter().map(|(k, v)| (k.clone(), super::exec::Var { value: v.clone(), exported: true })),
        );
        std::mem::replace(&mut self.st.vars, vars)
    }

    fn restore_env(&mut self, saved: BTreeMap<String, super::exec::Var>) {
        self.st.vars = saved;
    }

    /// Runs a script file's text in a subshell with the given arguments and environment,
    /// as the shell of `dialect` does (`in_file`: read from a file, not given with `-c`).
    pub(crate) fn run_script_file(
        &mut self,
        text: &str,
        name: &str,
        args: &[String],
        env: BTreeMap<String, String>,
        (dialect, in_file): (super::dialect::Dialect, bool),
    ) -> Res {
        let script = match super::parser::parse(text) {
            Ok(s) => s,
            Err(e) => {
                self.error(&format!("{name}: line 1: {e}"));
                return Ok(2);
            }
        };
        let vars =
            crate::util::collect::map(env.into_iter().map(|(k, v)| (k, super::exec::Var { value: v, exported: true })));
        self.subshell(|sh| {
            sh.st.vars = vars;
            sh.st.funcs.clear();
            sh.st.params = args.to_vec();
            sh.st.arg0 = name.to_string();
            sh.st.dialect = dialect;
            sh.st.in_file = in_file;
            sh.st.opts = Default::default();
            sh.st.locals.clear();
            sh.st.loops = 0;
            sh.run_script(&script)
        })
    }

    /// Runs an applet with the current standard streams.
    pub(crate) fn run_applet(&mut self, f: AppletFn, argv: &[String], env: BTreeMap<String, String>) -> Res {
        self.step()?;
        let stdin = self.stdin_rest();
        let mut out = Vec::new();
        let mut err = Vec::new();
        let pipe_room = match self.st.fds[1] {
            Fd::Buf(i) => self.bufs.get(i).and_then(|b| b.1.room()),
            _ => None,
        };
        let (status, io) = {
            let mut ctx = Ctx {
                fs: &mut *self.fs,
                cwd: self.st.cwd.clone(),
                env,
                uid: self.uid,
                gid: self.gid,
                now: self.now,
                umask: self.st.umask,
                stdin: &stdin,
                stdout: &mut out,
                stderr: &mut err,
                budget: &mut *self.budget,
                io: IoState { pipe_room, ..IoState::default() },
                network: self.network.clone(),
                procs: self.procs.clone(),
                gnu: self.gnu_next.is_some(),
                gnu_version: self.gnu_next.take().unwrap_or_default(),
            };
            let s = f(&mut ctx, argv);
            (s, ctx.io)
        };
        let cut_input = matches!(self.st.fds[0], Fd::Input(i) if self.inputs.get(i).is_some_and(|x| x.2));
        if io.stdin_used {
            self.consume_stdin(stdin.len());
        }
        if io.broken_pipe {
            if let Fd::Buf(i) = self.st.fds[1] {
                if let Some(b) = self.bufs.get_mut(i) {
                    b.2 = true;
                }
            }
        }
        let (mut o, mut e) = (0usize, 0usize);
        for (stream, n) in io.order {
            if stream == 1 && o + n <= out.len() {
                self.route(1, &out[o..o + n]);
                o += n;
            } else if stream == 2 && e + n <= err.len() {
                self.route(2, &err[e..e + n]);
                e += n;
            }
        }
        if o < out.len() {
            self.write_fd(1, &out[o..])?;
        }
        if e < err.len() {
            self.write_fd(2, &err[e..])?;
        }
        match io.exhausted {
            Some(BudgetError::Steps(_)) => Err(Flow::Stop(BudgetError::Steps(self.limits.0))),
            Some(BudgetError::Bytes(_)) => Err(self.bytes_exhausted()),
            Some(e) => Err(Flow::Stop(e)),
            None if cut_input && io.stdin_used && !io.stdin_partial => {
                Err(Flow::Stop(BudgetError::Pipe(PIPE_CAPACITY)))
            }
            None => Ok(status),
        }
    }
}
