//! Redirections: `>`, `>>`, `<`, `2>&1`, here-documents; the files they open are written
//! when the redirected command ends.

use super::ast::{Redir, RedirOp};
use super::exec::{BufKind, Fd, OpenFile, Res, Shell};
use crate::vfs::{Content, FsError, NodeKind};

impl Shell<'_> {
    /// Applies redirections around `f`, then restores the descriptors and writes the
    /// redirected files.
    pub(crate) fn with_redirs(&mut self, redirs: &[Redir], f: impl FnOnce(&mut Self) -> Res) -> Res {
        if redirs.is_empty() {
            return f(self);
        }
        let saved = self.st.fds;
        let (nb, ni, nf) = (self.bufs.len(), self.inputs.len(), self.files.len());
        let r = match self.apply_redirs(redirs) {
            Ok(()) => f(self),
            Err(e) => e,
        };
        self.flush_files(nf);
        self.st.fds = saved;
        self.bufs.truncate(nb);
        self.inputs.truncate(ni);
        r
    }

    /// Writes files opened since `from` and forgets them.
    pub(crate) fn flush_files(&mut self, from: usize) {
        while self.files.len() > from {
            let Some(f) = self.files.pop() else { break };
            let data = self.bufs.get_mut(f.buf).map(|b| std::mem::take(&mut b.0)).unwrap_or_default();
            let content = if f.append {
                let mut old = self.fs.read("/", &f.path).map(|c| c.bytes().into_owned()).unwrap_or_default();
                old.extend_from_slice(&data);
                old
            } else {
                data
            };
            let meta = self.new_meta(0o666);
            let _ = self.fs.write_file("/", &f.path, Content::from(content), meta);
        }
    }

    /// Applies redirections to the current descriptors; an error becomes `Err(Ok(1))`.
    pub(crate) fn apply_redirs(&mut self, redirs: &[Redir]) -> Result<(), Res> {
        for r in redirs {
            let fd = r.fd as usize;
            if fd >= 10 {
                self.error(&format!("{}: bad file descriptor", r.fd));
                return Err(Ok(1));
            }
            if r.op == RedirOp::HereDoc {
                let body = self.expand_single(&r.target).map_err(Err)?;
                self.inputs.push((body.into_bytes(), 0, false));
                self.st.fds[fd] = Fd::Input(self.inputs.len() - 1);
                continue;
            }
            let target = self.expand_single(&r.target).map_err(Err)?;
            match r.op {
                RedirOp::Dup => {
                    if target == "-" {
                        self.st.fds[fd] = Fd::Closed;
                    } else if let Ok(src) = target.parse::<usize>() {
                        if src >= 10 || self.st.fds[src] == Fd::Closed {
                            self.error(&format!("{target}: bad file descriptor"));
                            return Err(Ok(1));
                        }
                        self.st.fds[fd] = self.st.fds[src];
                    } else {
                        self.error(&format!("{target}: bad file descriptor"));
                        return Err(Ok(1));
                    }
                }
                RedirOp::In | RedirOp::ReadWrite => match self.open_input(&target) {
                    Ok(data) => {
                        self.inputs.push((data, 0, false));
                        self.st.fds[fd] = Fd::Input(self.inputs.len() - 1);
                    }
                    Err(e) => {
                        self.error(&self.st.dialect.cannot_open(&target, e));
                        return Err(Ok(self.st.dialect.redirect_status()));
                    }
                },
                RedirOp::Out | RedirOp::Append | RedirOp::OutErr => {
                    let d = match self.open_output(&target, r.op == RedirOp::Append) {
                        Ok(d) => d,
                        Err(e) => {
                            self.error(&self.st.dialect.cannot_create(&target, e));
                            return Err(Ok(self.st.dialect.redirect_status()));
                        }
                    };
                    self.st.fds[fd] = d;
                    if r.op == RedirOp::OutErr {
                        self.st.fds[2] = d;
                    }
                }
                RedirOp::HereDoc => {}
            }
        }
        Ok(())
    }

    fn open_input(&mut self, target: &str) -> Result<Vec<u8>, FsError> {
        match target {
            "/dev/null" | "/dev/zero" | "/dev/tty" => return Ok(Vec::new()),
            "/dev/stdin" => return Ok(self.stdin_rest()),
            _ => {}
        }
        Ok(self.fs.read(&self.st.cwd, target)?.bytes().into_owned())
    }

    fn open_output(&mut self, target: &str, append: bool) -> Result<Fd, FsError> {
        match target {
            "/dev/null" | "/dev/zero" | "/dev/full" => return Ok(Fd::Null),
            "/dev/stdout" => return Ok(self.st.fds[1]),
            "/dev/stderr" | "/dev/tty" | "/dev/console" => return Ok(self.st.fds[2]),
            _ => {}
        }
        let at = self.fs.resolve(&self.st.cwd, target, true)?;
        match self.fs.get(&at).map(|n| &n.kind) {
            Some(NodeKind::Dir) => return Err(FsError::IsADirectory),
            Some(_) => self.fs.writable(&at)?,
            None => {
                let meta = self.new_meta(0o666);
                self.fs.write_file("/", &at, Content::default(), meta)?;
            }
        }
        if !append {
            let meta = self.new_meta(0o666);
            self.fs.write_file("/", &at, Content::default(), meta)?;
        }
        self.bufs.push((Vec::new(), BufKind::File, false));
        let buf = self.bufs.len() - 1;
        self.files.push(OpenFile { buf, path: at, append });
        Ok(Fd::Buf(buf))
    }
}
