//! Reading tar streams as their bytes are pushed in, a piece at a time: a page reading a
//! picked file in slices hands each piece over and gets control back at once, with the
//! work done for that piece only. The same rules as the pulled reader ([`super::tarread`]):
//! gzip sniffed (other compressions refused), every uncompressed byte charged to a
//! [`Budget`], extension records read through [`Extensions`], and the same errors for
//! truncated, garbage and oversized input.

use std::io::{self, Read, Write};

use flate2::read::MultiGzDecoder;
use tar::EntryType;

use super::tarread::{classify, limit_error, Budget, Extensions, LoadOptions, RawEntry};
use super::LoadError;
use crate::util::digest::HashWriter;

/// Where a [`TarPush`] sends the entries it finds.
pub(crate) trait TarSink {
    /// A new entry; its data follows through [`TarSink::data`], then [`TarSink::end`].
    fn entry(&mut self, e: RawEntry) -> Result<(), LoadError>;
    /// The next bytes of the current entry's data.
    fn data(&mut self, bytes: &[u8]) -> Result<(), LoadError>;
    /// The current entry's data is complete.
    fn end(&mut self) -> Result<(), LoadError>;
}

/// Where the parser is in the stream.
enum State {
    /// Collecting a header block.
    Header,
    /// In an entry's data (`left` bytes to go, then `pad` bytes of padding); an
    /// extension record's data is collected in `record`.
    Data { left: u64, pad: u64, record: Option<(EntryType, Vec<u8>)> },
    /// After the end-of-archive block: the rest is only hashed.
    End,
}

/// A tar stream (already uncompressed) parsed as it is pushed in.
pub(crate) struct TarPush {
    what: String,
    opts: LoadOptions,
    budget: Budget,
    hash: HashWriter<io::Sink>,
    block: Vec<u8>,
    state: State,
    index: usize,
    ext: Extensions,
}

impl TarPush {
    /// A parser for the stream called `what`, charging `budget`.
    pub(crate) fn new(what: &str, opts: &LoadOptions, budget: &Budget) -> Self {
        TarPush {
            what: what.to_string(),
            opts: opts.clone(),
            budget: budget.clone(),
            hash: HashWriter::new(io::sink()),
            block: Vec::with_capacity(512),
            state: State::Header,
            index: 0,
            ext: Extensions::default(),
        }
    }

    /// Parses the next bytes of the stream, telling `sink` what they hold.
    pub(crate) fn push(&mut self, mut bytes: &[u8], sink: &mut dyn TarSink) -> Result<(), LoadError> {
        if !self.budget.charge(bytes.len() as u64) {
            return Err(limit_error(&self.budget, &self.what));
        }
        self.hash.write_all(bytes).expect("hashing into a sink cannot fail");
        while !bytes.is_empty() {
            match &mut self.state {
                State::End => return Ok(()),
                State::Header => {
                    let n = (512 - self.block.len()).min(bytes.len());
                    self.block.extend_from_slice(&bytes[..n]);
                    bytes = &bytes[n..];
                    if self.block.len() == 512 {
                        self.header(sink)?;
                        self.block.clear();
                    }
                }
                State::Data { left, pad, record } if *left > 0 => {
                    let n = (*left).min(bytes.len() as u64) as usize;
                    match record {
                        Some((_, data)) => data.extend_from_slice(&bytes[..n]),
                        None => sink.data(&bytes[..n])?,
                    }
                    *left -= n as u64;
                    bytes = &bytes[n..];
                    if *left == 0 {
                        let (pad, record) = (*pad, record.take());
                        self.data_done(pad, record, sink)?;
                    }
                }
                State::Data { pad, .. } => {
                    let n = (*pad).min(bytes.len() as u64);
                    *pad -= n;
                    bytes = &bytes[n as usize..];
                    if *pad == 0 {
                        self.state = State::Header;
                    }
                }
            }
        }
        Ok(())
    }

    /// Ends the stream: `sha256:` digest and length of all of it. Ending inside a header
    /// or an entry is a truncated archive.
    pub(crate) fn finish(self) -> Result<(String, u64), LoadError> {
        match self.state {
            State::Header if self.block.is_empty() => {}
            State::End => {}
            _ => return Err(LoadError::Truncated(self.what)),
        }
        let (_, digest, n) = self.hash.finish();
        Ok((digest, n))
    }

    /// An entry's data (or an extension record) is complete.
    fn data_done(
        &mut self,
        pad: u64,
        record: Option<(EntryType, Vec<u8>)>,
        sink: &mut dyn TarSink,
    ) -> Result<(), LoadError> {
        match record {
            Some((kind, data)) => self.ext.record(kind, data, self.index - 1, &self.what)?,
            None => sink.end()?,
        }
        self.state = if pad == 0 { State::Header } else { State::Data { left: 0, pad, record: None } };
        Ok(())
    }

    /// Reads the header block just collected, as the tar crate does (an all-zero block
    /// ends the archive; the checksum is verified), then as [`Extensions`] does.
    fn header(&mut self, sink: &mut dyn TarSink) -> Result<(), LoadError> {
        if self.block.iter().all(|b| *b == 0) {
            self.state = State::End;
            return Ok(());
        }
        let what = self.what.clone();
        let h = tar::Header::from_byte_slice(&self.block).clone();
        let malformed = |field: &str| {
            LoadError::NotATar(format!("{what}: malformed header, its {field} field is not a number (not a tar file?)"))
        };
        let sum = self.block[..148].iter().chain(&self.block[156..]).fold(0u32, |a, b| a + u32::from(*b)) + 8 * 32;
        if h.cksum().map_err(|_| malformed("cksum"))? != sum {
            return Err(LoadError::NotATar(format!("{what}: header checksum mismatch (not a tar file?)")));
        }
        let size = h.entry_size().map_err(|_| malformed("size"))?;
        let padded = size
            .checked_add(511)
            .map(|s| s & !511)
            .ok_or_else(|| LoadError::NotATar(format!("{what}: malformed header (size overflow)")))?;
        let pad = padded - size;
        let index = self.index;
        self.index += 1;
        if Extensions::is_record(h.entry_type()) {
            Extensions::check_size(size, index, &what)?;
            let record = Some((h.entry_type(), Vec::with_capacity(size as usize)));
            self.state = State::Data { left: size, pad, record };
            if size == 0 {
                let record = Some((h.entry_type(), Vec::new()));
                return self.data_done(pad, record, sink);
            }
            return Ok(());
        }
        let name = h.path_bytes().into_owned();
        let link = h.link_name_bytes().map(|l| l.into_owned());
        let entry = self.ext.entry(&h, name, link, index, &what, &self.opts)?;
        sink.entry(entry)?;
        self.state = State::Data { left: size, pad, record: None };
        if size == 0 {
            self.data_done(pad, None, sink)?;
        }
        Ok(())
    }
}

/// Bytes pushed into a decompressor that pulls: it reads what is there, and hears "would
/// block" when it wants more before the end.
#[derive(Default)]
pub(crate) struct Pushed {
    data: Vec<u8>,
    at: usize,
    end: bool,
}

impl Read for Pushed {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.at == self.data.len() {
            self.data.clear();
            self.at = 0;
            return if self.end { Ok(0) } else { Err(io::ErrorKind::WouldBlock.into()) };
        }
        let n = buf.len().min(self.data.len() - self.at);
        buf[..n].copy_from_slice(&self.data[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

/// A stream that may be gzip-compressed, uncompressed as it is pushed in.
pub(crate) enum Inflate {
    /// The first bytes, until the compression is known.
    Sniffing(Vec<u8>),
    /// Not compressed.
    Plain,
    /// gzip (one or more members).
    Gzip(Box<MultiGzDecoder<Pushed>>),
}

impl Default for Inflate {
    fn default() -> Self {
        Inflate::Sniffing(Vec::new())
    }
}

/// Bytes uncompressed per call of the output.
const OUT_PIECE: usize = 64 * 1024;

impl Inflate {
    /// Takes the next compressed bytes of `what`, handing what they uncompress to `out`.
    pub(crate) fn push(
        &mut self,
        bytes: &[u8],
        what: &str,
        budget: &Budget,
        out: &mut dyn FnMut(&[u8]) -> Result<(), LoadError>,
    ) -> Result<(), LoadError> {
        match self {
            Inflate::Sniffing(head) => {
                head.extend_from_slice(bytes);
                if head.len() < 6 {
                    return Ok(());
                }
                self.start(what, budget, out, false)
            }
            Inflate::Plain => out(bytes),
            Inflate::Gzip(dec) => {
                dec.get_mut().data.extend_from_slice(bytes);
                self.pump(what, budget, out, false)
            }
        }
    }

    /// The stream is complete: uncompresses the rest.
    pub(crate) fn finish(
        &mut self,
        what: &str,
        budget: &Budget,
        out: &mut dyn FnMut(&[u8]) -> Result<(), LoadError>,
    ) -> Result<(), LoadError> {
        if matches!(self, Inflate::Sniffing(_)) {
            return self.start(what, budget, out, true);
        }
        self.pump(what, budget, out, true)
    }

    /// Picks the decompressor from the sniffed bytes, which are the stream's first.
    fn start(
        &mut self,
        what: &str,
        budget: &Budget,
        out: &mut dyn FnMut(&[u8]) -> Result<(), LoadError>,
        end: bool,
    ) -> Result<(), LoadError> {
        let Inflate::Sniffing(head) = self else { return Ok(()) };
        let head = std::mem::take(head);
        match super::tarread::compression(&head, what)? {
            super::tarread::Compression::Gzip => {
                *self = Inflate::Gzip(Box::new(MultiGzDecoder::new(Pushed { data: head, at: 0, end })));
                self.pump(what, budget, out, end)
            }
            super::tarread::Compression::Plain => {
                *self = Inflate::Plain;
                out(&head)
            }
        }
    }

    /// Uncompresses what is there (to the end of the stream once `end`).
    fn pump(
        &mut self,
        what: &str,
        budget: &Budget,
        out: &mut dyn FnMut(&[u8]) -> Result<(), LoadError>,
        end: bool,
    ) -> Result<(), LoadError> {
        let Inflate::Gzip(dec) = self else { return Ok(()) };
        dec.get_mut().end = end;
        let mut buf = vec![0u8; OUT_PIECE];
        loop {
            match dec.read(&mut buf) {
                Ok(0) => return Ok(()),
                Ok(n) => out(&buf[..n])?,
                Err(e) if e.kind() == io::ErrorKind::WouldBlock && !end => return Ok(()),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(classify(e, budget, what)),
            }
        }
    }
}
