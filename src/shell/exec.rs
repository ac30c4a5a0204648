//! The interpreter core: shell state, control flow, pipelines, subshells and redirections.

use std::collections::BTreeMap;
use std::rc::Rc;

use super::applet::{Budget, BudgetError};
use super::ast::{AndOr, Command, Join, Pipeline, Script};
use super::dialect::Dialect;
use crate::vfs::{Meta, Tree};

/// Non-local control flow out of a command.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Flow {
    /// `exit n` (or a fatal error): leave the (sub)shell.
    Exit(i32),
    /// `return n` from a function or sourced file.
    Return(i32),
    /// `break n`.
    Break(u32),
    /// `continue n`.
    Continue(u32),
    /// A budget ran out: stop everything.
    Stop(BudgetError),
}

/// The result of running a command: its status or a control-flow jump.
pub(crate) type Res = Result<i32, Flow>;

/// A shell variable.
#[derive(Clone, Debug)]
pub(crate) struct Var {
    pub value: String,
    pub exported: bool,
}

/// Shell options (`set -e` and friends).
#[derive(Clone, Debug, Default)]
pub(crate) struct Opts {
    pub errexit: bool,
    pub xtrace: bool,
    pub nounset: bool,
    pub pipefail: bool,
    pub noglob: bool,
    pub allexport: bool,
}

/// Where a file descriptor points.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Fd {
    /// The terminal's standard output.
    TermOut,
    /// The terminal's standard error.
    TermErr,
    /// An output buffer (pipe, command substitution or file being written).
    Buf(usize),
    /// An input stream with a read position.
    Input(usize),
    /// `/dev/null`.
    Null,
    /// Closed.
    Closed,
}

/// The state a subshell copies and throws away.
#[derive(Clone, Debug)]
pub(crate) struct State {
    pub vars: BTreeMap<String, Var>,
    pub funcs: BTreeMap<String, Rc<Command>>,
    pub params: Vec<String>,
    pub arg0: String,
    pub cwd: String,
    pub opts: Opts,
    pub umask: u32,
    pub status: i32,
    pub locals: Vec<Vec<(String, Option<Var>)>>,
    pub exit_trap: Option<String>,
    pub fds: [Fd; 10],
    pub loops: u32,
    /// How this shell words its errors (see [`super::dialect`]).
    pub dialect: Dialect,
    /// True when the commands come from a script file (ash then numbers its errors).
    pub in_file: bool,
    /// The script line of the command running.
    pub line: usize,
}

/// A file receiving output through a buffer until its redirection ends.
#[derive(Clone, Debug)]
pub(crate) struct OpenFile {
    pub buf: usize,
    pub path: String,
    pub append: bool,
}

/// A running shell.
pub struct Shell<'a> {
    pub(crate) fs: &'a mut Tree,
    pub(crate) budget: &'a mut Budget,
    pub(crate) limits: (u64, u64),
    pub(crate) st: State,
    pub(crate) uid: u32,
    pub(crate) gid: u32,
    pub(crate) now: i64,
    pub(crate) out: Vec<u8>,
    pub(crate) errs: Vec<u8>,
    pub(crate) combined: Vec<u8>,
    /// Output buffers: (bytes, what they feed, the writer was cut at the buffer's room).
    pub(crate) bufs: Vec<(Vec<u8>, BufKind, bool)>,
    /// Input buffers: (bytes, read position, cut short by the pipe capacity).
    pub(crate) inputs: Vec<(Vec<u8>, usize, bool)>,
    pub(crate) files: Vec<OpenFile>,
    pub(crate) errexit_off: u32,
    /// Status of the last command substitution in the current command (for `x=$(cmd)`).
    pub(crate) subst_status: Option<i32>,
    pub(crate) name: String,
    /// The network the process is attached to.
    pub(crate) network: super::Network,
    /// What else runs in the container (for `ps`).
    pub(crate) procs: Vec<super::Running>,
    /// Set for the next applet run when its program file is GNU coreutils': its
    /// `(major, minor)` version.
    pub(crate) gnu_next: Option<(u32, u32)>,
}

/// What an output buffer feeds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum BufKind {
    /// A file being written by a redirection.
    File,
    /// A pipe to the next command of a pipeline.
    Pipe,
    /// A command substitution's result.
    Subst,
}

impl BufKind {
    /// Bytes a buffer of this kind takes from one command before its writer is stopped.
    pub(crate) fn room(self) -> Option<u64> {
        match self {
            BufKind::File => None,
            BufKind::Pipe => Some(PIPE_CAPACITY),
            // One byte past the limit, so that the result is seen to be too long.
            BufKind::Subst => Some(super::applet::MAX_STRING as u64 + 1),
        }
    }
}

/// Bytes a pipe holds. A writer that fills it is stopped (as by SIGPIPE); a reader that then
/// reads to the end of the cut stream stops the command with [`BudgetError::Pipe`] rather
/// than seeing a silently truncated input.
pub(crate) const PIPE_CAPACITY: u64 = 8 * 1024 * 1024;

impl<'a> Shell<'a> {
    /// A shell over `fs` with the process's environment (all exported).
    pub(crate) fn new(fs: &'a mut Tree, budget: &'a mut Budget, proc: &super::Process) -> Self {
        let vars = crate::util::collect::map(
            proc.env.iter().map(|(k, v)| (k.clone(), Var { value: v.clone(), exported: true })),
        );
        let limits = (budget.steps_left, budget.bytes_left);
        let cwd = crate::vfs::path::normalize("/", &proc.cwd);
        let dialect = Dialect::of(fs, "/bin/sh");
        let mut fds = [Fd::Closed; 10];
        fds[0] = Fd::Input(0);
        fds[1] = Fd::TermOut;
        fds[2] = Fd::TermErr;
        Shell {
            fs,
            budget,
            limits,
            st: State {
                vars,
                funcs: BTreeMap::new(),
                params: Vec::new(),
                arg0: "/bin/sh".into(),
                cwd,
                opts: Opts::default(),
                umask: 0o022,
                status: 0,
                locals: Vec::new(),
                exit_trap: None,
                fds,
                loops: 0,
                dialect,
                in_file: false,
                line: 1,
            },
            uid: proc.uid,
            gid: proc.gid,
            now: proc.now,
            out: Vec::new(),
            errs: Vec::new(),
            combined: Vec::new(),
            bufs: Vec::new(),
            inputs: vec![(proc.stdin.clone(), 0, false)],
            files: Vec::new(),
            errexit_off: 0,
            subst_status: None,
            name: "/bin/sh".into(),
            network: proc.network.clone(),
            procs: proc.procs.clone(),
            gnu_next: None,
        }
    }

    /// Charges one interpreter step.
    pub(crate) fn step(&mut self) -> Result<(), Flow> {
        if self.budget.steps_left == 0 {
            return Err(Flow::Stop(BudgetError::Steps(self.limits.0)));
        }
        self.budget.steps_left -= 1;
        Ok(())
    }

    /// Charges building a string (or word list) of `len` bytes: one step per
    /// [`super::applet::BYTES_PER_STEP`]; past [`super::applet::MAX_STRING`] the command stops.
    pub(crate) fn charge_string(&mut self, len: usize) -> Result<(), Flow> {
        if len > super::applet::MAX_STRING {
            return Err(Flow::Stop(BudgetError::Memory(super::applet::MAX_STRING)));
        }
        let steps = (len / super::applet::BYTES_PER_STEP) as u64;
        if steps > self.budget.steps_left {
            self.budget.steps_left = 0;
            return Err(Flow::Stop(BudgetError::Steps(self.limits.0)));
        }
        self.budget.steps_left -= steps;
        Ok(())
    }

    /// The error for an exhausted write budget.
    pub(crate) fn bytes_exhausted(&self) -> Flow {
        Flow::Stop(BudgetError::Bytes(self.limits.1))
    }

    /// Writes to a descriptor, charging the write budget.
    pub(crate) fn write_fd(&mut self, fd: usize, data: &[u8]) -> Result<(), Flow> {
        if (data.len() as u64) > self.budget.bytes_left {
            let n = self.budget.bytes_left as usize;
            self.budget.bytes_left = 0;
            self.route(fd, &data[..n]);
            return Err(self.bytes_exhausted());
        }
        self.budget.bytes_left -= data.len() as u64;
        self.route(fd, data);
        Ok(())
    }

    /// Writes to a descriptor without charging (the bytes were charged already).
    pub(crate) fn route(&mut self, fd: usize, data: &[u8]) {
        match self.st.fds.get(fd).copied().unwrap_or(Fd::Closed) {
            Fd::TermOut => {
                self.out.extend_from_slice(data);
                self.combined.extend_from_slice(data);
            }
            Fd::TermErr => {
                self.errs.extend_from_slice(data);
                self.combined.extend_from_slice(data);
            }
            Fd::Buf(i) => {
                if let Some(b) = self.bufs.get_mut(i) {
                    b.0.extend_from_slice(data);
                }
            }
            Fd::Input(_) | Fd::Null | Fd::Closed => {}
        }
    }

    /// Prints `NAME: msg` (the shell's own error) to standard error.
    pub(crate) fn error(&mut self, msg: &str) {
        let prefix = self.st.dialect.prefix(&self.st.arg0, self.st.line, self.st.in_file);
        let line = format!("{prefix}{msg}\n");
        let _ = self.write_fd(2, line.as_bytes());
    }

    /// The remaining bytes of standard input (without consuming them).
    pub(crate) fn stdin_rest(&self) -> Vec<u8> {
        match self.st.fds[0] {
            Fd::Input(i) => self.inputs.get(i).map(|(d, p, _)| d[(*p).min(d.len())..].to_vec()).unwrap_or_default(),
            _ => Vec::new(),
        }
    }

    /// Marks `n` bytes of standard input as read.
    pub(crate) fn consume_stdin(&mut self, n: usize) {
        if let Fd::Input(i) = self.st.fds[0] {
            if let Some((d, p, _)) = self.inputs.get_mut(i) {
                *p = (*p + n).min(d.len());
            }
        }
    }

    /// Runs a list of and-or lists.
    pub(crate) fn run_script(&mut self, script: &Script) -> Res {
        let mut status = 0;
        for ao in script {
            status = self.run_and_or(ao)?;
        }
        Ok(status)
    }

    /// Runs a script with `set -e` suspended (conditions of `if`, `while`, `&&`, `!`).
    pub(crate) fn run_guarded(&mut self, script: &Script) -> Res {
        self.errexit_off += 1;
        let r = self.run_script(script);
        self.errexit_off -= 1;
        r
    }

    fn run_and_or(&mut self, ao: &AndOr) -> Res {
        self.st.line = ao.line;
        let mut parts: Vec<(Option<Join>, &Pipeline)> = vec![(None, &ao.first)];
        parts.extend(ao.rest.iter().map(|(j, p)| (Some(*j), p)));
        let mut status = self.st.status;
        let last = parts.len() - 1;
        for (i, (join, p)) in parts.into_iter().enumerate() {
            match join {
                Some(Join::And) if status != 0 => continue,
                Some(Join::Or) if status == 0 => continue,
                _ => {}
            }
            let guarded = i < last || p.bang;
            if guarded {
                self.errexit_off += 1;
            }
            let r = self.run_pipeline(p);
            if guarded {
                self.errexit_off -= 1;
            }
            status = r?;
            self.st.status = status;
            if !guarded && status != 0 && self.st.opts.errexit && self.errexit_off == 0 {
                return Err(Flow::Exit(status));
            }
        }
        Ok(status)
    }

    fn run_pipeline(&mut self, p: &Pipeline) -> Res {
        let status = if p.cmds.len() == 1 {
            self.run_command(&p.cmds[0])?
        } else {
            let saved_fds = self.st.fds;
            let (nb, ni) = (self.bufs.len(), self.inputs.len());
            let mut statuses = Vec::new();
            let n = p.cmds.len();
            let mut r = Ok(());
            for (i, cmd) in p.cmds.iter().enumerate() {
                let buf = if i + 1 < n {
                    self.bufs.push((Vec::new(), BufKind::Pipe, false));
                    self.st.fds[1] = Fd::Buf(self.bufs.len() - 1);
                    Some(self.bufs.len() - 1)
                } else {
                    self.st.fds[1] = saved_fds[1];
                    None
                };
                let res = self.subshell(|sh| sh.run_command(cmd));
                match res {
                    Ok(s) => statuses.push(s),
                    Err(e) => {
                        r = Err(e);
                        break;
                    }
                }
                if let Some(b) = buf {
                    let data = std::mem::take(&mut self.bufs[b].0);
                    let cut = self.bufs[b].2;
                    self.inputs.push((data, 0, cut));
                    self.st.fds[0] = Fd::Input(self.inputs.len() - 1);
                }
            }
            self.st.fds = saved_fds;
            self.bufs.truncate(nb);
            self.inputs.truncate(ni);
            r?;
            let last = *statuses.last().unwrap_or(&0);
            if self.st.opts.pipefail {
                statuses.iter().rev().find(|s| **s != 0).copied().unwrap_or(0)
            } else {
                last
            }
        };
        Ok(if p.bang { (status == 0) as i32 } else { status })
    }

    /// Runs `f` as a subshell: state changes are undone, `exit` ends only the subshell.
    pub(crate) fn subshell(&mut self, f: impl FnOnce(&mut Self) -> Res) -> Res {
        let saved = self.st.clone();
        let saved_files = self.files.len();
        self.st.exit_trap = None;
        let r = f(self);
        let r = match r {
            Err(Flow::Exit(c)) => Ok(c),
            Err(Flow::Return(c)) => Ok(c),
            Err(Flow::Break(_)) | Err(Flow::Continue(_)) => Ok(0),
            other => other,
        };
        let r = match r {
            Ok(c) => self.run_exit_trap().map(|_| c),
            e => e,
        };
        self.flush_files(saved_files);
        self.st = saved;
        r
    }

    /// Runs and clears the `EXIT` trap.
    pub(crate) fn run_exit_trap(&mut self) -> Result<(), Flow> {
        if let Some(t) = self.st.exit_trap.take() {
            let status = self.st.status;
            if let Ok(script) = super::parser::parse(&t) {
                match self.run_script(&script) {
                    Err(Flow::Stop(e)) => return Err(Flow::Stop(e)),
                    _ => self.st.status = status,
                }
            }
        }
        Ok(())
    }

    pub(crate) fn run_command(&mut self, cmd: &Command) -> Res {
        let Some(_level) = super::depth::enter() else {
            return Err(Flow::Stop(BudgetError::Depth));
        };
        match cmd {
            Command::Simple { assigns, words, redirs } => self.run_simple(assigns, words, redirs),
            Command::Brace(body, redirs) => self.with_redirs(redirs, |sh| sh.run_script(body)),
            Command::Subshell(body, redirs) => self.with_redirs(redirs, |sh| sh.subshell(|sh| sh.run_script(body))),
            Command::If { arms, otherwise, redirs } => self.with_redirs(redirs, |sh| {
                for (cond, body) in arms {
                    if sh.run_guarded(cond)? == 0 {
                        return sh.run_script(body);
                    }
                }
                match otherwise {
                    Some(b) => sh.run_script(b),
                    None => Ok(0),
                }
            }),
            Command::For { var, words, body, redirs } => self.with_redirs(redirs, |sh| {
                let items = match words {
                    Some(ws) => sh.expand_words(ws)?,
                    None => sh.st.params.clone(),
                };
                let mut status = 0;
                sh.st.loops += 1;
                let r = (|| {
                    for it in items {
                        sh.step()?;
                        sh.set_var(var, &it)?;
                        match sh.run_script(body) {
                            Ok(s) => status = s,
                            Err(Flow::Break(n)) => return if n > 1 { Err(Flow::Break(n - 1)) } else { Ok(()) },
                            Err(Flow::Continue(n)) if n > 1 => return Err(Flow::Continue(n - 1)),
                            Err(Flow::Continue(_)) => {}
                            Err(e) => return Err(e),
                        }
                    }
                    Ok(())
                })();
                sh.st.loops -= 1;
                r.map(|_| status)
            }),
            Command::While { until, cond, body, redirs } => self.with_redirs(redirs, |sh| {
                let mut status = 0;
                sh.st.loops += 1;
                let r = (|| loop {
                    sh.step()?;
                    let c = sh.run_guarded(cond)?;
                    if (c == 0) == *until {
                        return Ok(());
                    }
                    match sh.run_script(body) {
                        Ok(s) => status = s,
                        Err(Flow::Break(n)) => return if n > 1 { Err(Flow::Break(n - 1)) } else { Ok(()) },
                        Err(Flow::Continue(n)) if n > 1 => return Err(Flow::Continue(n - 1)),
                        Err(Flow::Continue(_)) => {}
                        Err(e) => return Err(e),
                    }
                })();
                sh.st.loops -= 1;
                r.map(|_| status)
            }),
            Command::Case { word, arms, redirs } => self.with_redirs(redirs, |sh| {
                let w = sh.expand_single(word)?;
                for (pats, body) in arms {
                    for p in pats {
                        let pat = sh.expand_pattern(p)?;
                        if super::glob::matches(&pat, &w) {
                            return sh.run_script(body);
                        }
                    }
                }
                Ok(0)
            }),
            Command::FuncDef { name, body } => {
                self.st.funcs.insert(name.clone(), Rc::new((**body).clone()));
                Ok(0)
            }
        }
    }

    /// Metadata for a new file with the given requested mode (the umask applies).
    pub(crate) fn new_meta(&self, mode: u32) -> Meta {
        Meta { mode: mode & !self.st.umask, uid: self.uid, gid: self.gid, mtime: self.now }
    }
}
