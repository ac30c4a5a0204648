//! [`Output`]: what a command printed on each stream, in the order it printed it, and its
//! exit status.

/// An output stream.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stream {
    /// Standard output.
    Stdout,
    /// Standard error.
    Stderr,
}

/// What a command printed and its exit status.
///
/// `stdout` and `stderr` hold each stream's text; the writing methods ([`Output::out`],
/// [`Output::err`], [`Output::line`], [`Output::err_line`], [`Output::append`]...) also
/// record the order of the pieces, which [`Output::chunks`] gives back interleaved as the
/// engine produced them (text written to the fields directly comes after, per stream).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Output {
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
    /// Exit status (0 success, 1 failure, 125 docker usage errors).
    pub code: i32,
    /// The pieces written through the methods: stream and byte length, in order.
    pub(super) order: Vec<(Stream, usize)>,
}

impl Output {
    /// Success with some standard output.
    pub fn ok(stdout: impl Into<String>) -> Output {
        let mut o = Output::default();
        o.out(&stdout.into());
        o
    }

    /// Failure with a message on standard error (a newline is added) and an exit status.
    pub fn fail(code: i32, stderr: impl Into<String>) -> Output {
        let mut s = stderr.into();
        if !s.ends_with('\n') {
            s.push('\n');
        }
        let mut o = Output { code, ..Default::default() };
        o.err(&s);
        o
    }

    /// Docker's usage error: the message plus the `See 'docker CMD --help'.` hint, 125.
    pub fn usage(cmd: &str, msg: &str) -> Output {
        Output::fail(125, format!("{msg}\nSee 'docker {cmd} --help'."))
    }

    /// A daemon error (`Error response from daemon: …`), exit status 1.
    pub fn daemon(msg: impl std::fmt::Display) -> Output {
        Output::fail(1, format!("Error response from daemon: {msg}"))
    }

    /// Appends a daemon error line (`Error response from daemon: …`) to standard error and
    /// makes the exit status 1, for commands that go on with their other arguments.
    pub fn daemon_line(&mut self, msg: impl std::fmt::Display) {
        self.err_line(format!("Error response from daemon: {msg}"));
        self.code = 1;
    }

    /// Appends text to `stream`.
    pub fn write(&mut self, stream: Stream, s: &str) {
        if s.is_empty() {
            return;
        }
        match stream {
            Stream::Stdout => self.stdout.push_str(s),
            Stream::Stderr => self.stderr.push_str(s),
        }
        match self.order.last_mut() {
            Some((last, n)) if *last == stream => *n += s.len(),
            _ => self.order.push((stream, s.len())),
        }
    }

    /// Appends text to standard output.
    pub fn out(&mut self, s: &str) {
        self.write(Stream::Stdout, s);
    }

    /// Appends text to standard error.
    pub fn err(&mut self, s: &str) {
        self.write(Stream::Stderr, s);
    }

    /// Appends a line to standard output.
    pub fn line(&mut self, s: impl AsRef<str>) {
        self.out(&format!("{}\n", s.as_ref()));
    }

    /// Appends a line to standard error.
    pub fn err_line(&mut self, s: impl AsRef<str>) {
        self.err(&format!("{}\n", s.as_ref()));
    }

    /// Drops everything written to standard output so far (`--quiet` forms that print
    /// only a summary).
    pub fn clear_stdout(&mut self) {
        self.stdout.clear();
        self.order.retain(|(s, _)| *s != Stream::Stdout);
    }

    /// Appends what `other` printed, in its order, and takes its exit status.
    pub fn append(&mut self, other: Output) {
        for (stream, text) in other.chunks() {
            self.write(stream, text);
        }
        self.code = other.code;
    }

    /// Appends a process's output: `combined` is both streams as they were written,
    /// `stdout` and `stderr` each alone; with `tty` everything goes to standard output,
    /// as through a terminal.
    pub fn process(&mut self, stdout: &str, stderr: &str, combined: &str, tty: bool) {
        if tty {
            return self.out(combined);
        }
        for (stream, line) in super::container::interleave(stdout, stderr, combined) {
            self.write(if stream == 2 { Stream::Stderr } else { Stream::Stdout }, &line);
        }
    }

    /// Both streams interleaved in the order they were written.
    pub fn chunks(&self) -> Vec<(Stream, &str)> {
        let mut at = [0usize, 0usize];
        let mut chunks = Vec::with_capacity(self.order.len() + 2);
        let text = |s: Stream| match s {
            Stream::Stdout => (0, self.stdout.as_str()),
            Stream::Stderr => (1, self.stderr.as_str()),
        };
        for &(stream, n) in &self.order {
            let (i, all) = text(stream);
            let end = (at[i] + n).min(all.len());
            if let Some(piece) = all.get(at[i]..end).filter(|p| !p.is_empty()) {
                chunks.push((stream, piece));
            }
            at[i] = end;
        }
        for stream in [Stream::Stdout, Stream::Stderr] {
            let (i, all) = text(stream);
            if let Some(rest) = all.get(at[i]..).filter(|r| !r.is_empty()) {
                chunks.push((stream, rest));
            }
        }
        chunks
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_keep_the_order_written() {
        let mut o = Output::default();
        o.err_line("Unable to find image 'busybox:latest' locally");
        o.line("hi");
        o.err("warn\n");
        o.out("a");
        o.out("b\n");
        assert_eq!(
            o.chunks(),
            vec![
                (Stream::Stderr, "Unable to find image 'busybox:latest' locally\n"),
                (Stream::Stdout, "hi\n"),
                (Stream::Stderr, "warn\n"),
                (Stream::Stdout, "ab\n"),
            ]
        );
        assert_eq!(o.stdout, "hi\nab\n");
        // Direct writes to the fields come last, per stream.
        o.stdout.push_str("late\n");
        assert_eq!(o.chunks().last(), Some(&(Stream::Stdout, "late\n")));

        let mut first = Output::fail(1, "e1");
        first.append(Output::ok("o1\n"));
        assert_eq!(first.chunks(), vec![(Stream::Stderr, "e1\n"), (Stream::Stdout, "o1\n")]);
        assert_eq!(first.code, 0);
    }

    #[test]
    fn process_output_is_split_by_stream_in_order() {
        let mut o = Output::default();
        o.process("1\n3\n", "2\n", "1\n2\n3\n", false);
        assert_eq!(o.chunks(), vec![(Stream::Stdout, "1\n"), (Stream::Stderr, "2\n"), (Stream::Stdout, "3\n")]);
        let mut t = Output::default();
        t.process("1\n3\n", "2\n", "1\n2\n3\n", true);
        assert_eq!(t.chunks(), vec![(Stream::Stdout, "1\n2\n3\n")]);
    }
}
