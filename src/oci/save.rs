//! Writing images as one tar that is at the same time an OCI image layout (`oci-layout`,
//! `index.json`, `blobs/sha256/…`) and a docker-archive (`manifest.json`, `repositories`),
//! the way `docker save` 25+ writes it, so `docker load`, `podman load`, skopeo
//! (`oci-archive:` and `docker-archive:`), umoci (once extracted) and containerd accept it.
//!
//! The tar is reproducible: entries sorted by path, mode 0644 (directories 0755), owner 0,
//! mtime [`SaveOptions::mtime`] (0 unless a `SOURCE_DATE_EPOCH` is passed in). A tar header
//! needs its entry's size first, so a layer whose blob is not known yet is streamed through
//! gzip while planning (digest and size) and then, by default, once more into the output:
//! neither a layer blob nor the archive is held in memory. With
//! [`SaveOptions::keep_blobs`] (an output that is in memory anyway, as in the page) the
//! blob compressed while planning is kept and copied out instead, so each layer is
//! compressed once.

use std::collections::HashMap;
use std::io::{self, Write};

use tar::{Builder, EntryType, Header};

use flate2::write::GzEncoder;

use super::plan::{distinct_layers, plan_with, FileSource, SaveImage, SaveLayer};
use super::SaveError;
use crate::image::layer::{gzip_encoder, LayerTarCursor};
use crate::image::BlobDesc;
use crate::util::digest::{blob_path, HashWriter};

/// Options of [`save_with`].
#[derive(Clone, Debug, Default)]
pub struct SaveOptions {
    /// mtime of every archive entry (seconds since the epoch).
    pub mtime: u64,
    /// Keep a layer blob compressed while planning, when it is at most this many bytes,
    /// until it is written, instead of compressing the layer again (memory: such blobs of
    /// the layers not yet written). 0: never.
    pub keep_blobs: u64,
}

/// What [`save`] reports while it works.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveProgress {
    /// Computing the digest of distinct layer `index` (from 1) of `count`.
    Digesting {
        /// Which layer.
        index: usize,
        /// How many distinct layers.
        count: usize,
    },
    /// Writing the archive.
    Writing {
        /// Bytes written so far.
        written: u64,
        /// Bytes the archive will have.
        total: u64,
        /// The archive path being written.
        item: String,
        /// For a layer blob: its position (from 1) among the distinct layers and their count.
        layer: Option<(usize, usize)>,
    },
}

/// Writes `images` as one archive into `w` and returns `w`. See the module docs.
pub fn save<W: Write>(images: &[SaveImage], w: W, progress: &mut dyn FnMut(&SaveProgress)) -> Result<W, SaveError> {
    save_with(images, w, &SaveOptions::default(), progress)
}

/// [`save`] with options.
pub fn save_with<W: Write>(
    images: &[SaveImage],
    w: W,
    opts: &SaveOptions,
    progress: &mut dyn FnMut(&SaveProgress),
) -> Result<W, SaveError> {
    let mut job = SaveJob::new(w, opts.clone());
    let mut last: Option<SaveProgress> = None;
    loop {
        let done = job.step(images, 1 << 20)?;
        if last.as_ref() != Some(job.progress()) {
            progress(job.progress());
            last = Some(job.progress().clone());
        }
        if done {
            return Ok(job.finish());
        }
    }
}

type DigestPipe = Builder<HashWriter<GzEncoder<HashWriter<Spill>>>>;

/// Where the planning pass's gzip output goes: dropped, or kept (up to a limit) to be
/// written as it is.
struct Spill {
    kept: Option<Kept>,
    limit: u64,
}

impl Write for Spill {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if let Some(k) = &mut self.kept {
            if k.len + buf.len() as u64 > self.limit {
                self.kept = None;
            } else {
                k.push(buf);
            }
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Size of the pieces a kept blob is held in (never reallocated and copied as it grows).
const KEPT_CHUNK: usize = 1 << 20;

/// A kept blob, in pieces of [`KEPT_CHUNK`] bytes, and how much of it is written out.
#[derive(Default)]
struct Kept {
    chunks: Vec<Vec<u8>>,
    len: u64,
    /// Position of the next byte to write out: piece and offset in it.
    at: (usize, usize),
}

impl Kept {
    fn push(&mut self, mut buf: &[u8]) {
        self.len += buf.len() as u64;
        while !buf.is_empty() {
            if self.chunks.last().is_none_or(|c| c.len() == KEPT_CHUNK) {
                self.chunks.push(Vec::with_capacity(KEPT_CHUNK));
            }
            let last = self.chunks.last_mut().expect("a piece");
            let n = (KEPT_CHUNK - last.len()).min(buf.len());
            last.extend_from_slice(&buf[..n]);
            buf = &buf[n..];
        }
    }

    /// Writes about `budget` more bytes into `out`; true once all are written.
    fn write_some<W: Write>(&mut self, out: &mut W, budget: u64) -> io::Result<bool> {
        let mut left = budget.max(1) as usize;
        while left > 0 {
            let Some(chunk) = self.chunks.get(self.at.0) else { break };
            let end = (self.at.1 + left).min(chunk.len());
            out.write_all(&chunk[self.at.1..end])?;
            left -= end - self.at.1;
            self.at.1 = end;
            if end == chunk.len() {
                // A written piece is released at once.
                self.chunks[self.at.0] = Vec::new();
                self.at = (self.at.0 + 1, 0);
            }
        }
        Ok(self.at.0 >= self.chunks.len())
    }
}
type LayerPipe<W> = Builder<GzEncoder<HashWriter<Counted<W>>>>;

/// A save done in slices: each [`SaveJob::step`] does a bounded amount of work (digesting
/// or writing about `budget` bytes), so a page can let its event loop run between slices
/// and show [`SaveJob::progress`]. Pass the same images to every step. [`save_with`] runs
/// one to the end.
pub struct SaveJob<W: Write> {
    opts: SaveOptions,
    /// Diff IDs and blobs of the distinct layers digested so far.
    digests: Vec<(String, BlobDesc)>,
    /// The layer being digested.
    digesting: Option<(DigestPipe, LayerTarCursor)>,
    /// The output, while no layer blob is being written into it.
    out: Option<Counted<W>>,
    /// The layer blob being written.
    writing: Option<(LayerPipe<W>, LayerTarCursor)>,
    /// Blobs compressed while planning, by archive path, until written
    /// ([`SaveOptions::keep_blobs`]).
    kept: HashMap<String, Kept>,
    /// A kept blob being copied out.
    copying: Option<Kept>,
    /// Archive files written (the directories first).
    files_done: usize,
    /// Bytes of layer tars digested in finished layers.
    digested: u64,
    started: bool,
    done: bool,
    last: SaveProgress,
}

/// Counts what passes through.
struct Counted<W> {
    inner: W,
    written: u64,
}

impl<W: Write> Write for Counted<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.written += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

const DIRS: [&str; 2] = ["blobs/", "blobs/sha256/"];

impl<W: Write> SaveJob<W> {
    /// A save into `w`.
    pub fn new(w: W, opts: SaveOptions) -> Self {
        SaveJob {
            opts,
            digests: Vec::new(),
            digesting: None,
            out: Some(Counted { inner: w, written: 0 }),
            writing: None,
            kept: HashMap::new(),
            copying: None,
            files_done: 0,
            digested: 0,
            started: false,
            done: false,
            last: SaveProgress::Digesting { index: 0, count: 0 },
        }
    }

    /// Where the save is.
    pub fn progress(&self) -> &SaveProgress {
        &self.last
    }

    /// Bytes of layer tars digested so far (the first half of the work: every layer
    /// entry counts 512 bytes plus its content).
    pub fn digested_bytes(&self) -> u64 {
        self.digested + self.digesting.as_ref().map_or(0, |(_, c)| c.bytes())
    }

    /// Does the next slice of work; true when the archive is complete.
    pub fn step(&mut self, images: &[SaveImage], budget: u64) -> Result<bool, SaveError> {
        if self.done {
            return Ok(true);
        }
        let (layers, _) = distinct_layers(images);
        if self.digests.len() < layers.len() {
            let i = self.digests.len();
            self.last = SaveProgress::Digesting { index: i + 1, count: layers.len() };
            // A built layer whose blob is not known yet is digested here, a slice at a time
            // (and its descriptor kept with it); one with a known or stored blob is
            // described without digesting.
            let layer = match layers[i] {
                SaveLayer::Layer(l) => l,
                SaveLayer::Info(info) if info.known_blob().is_none() && info.stored().is_none() => info.layer(),
                stored => {
                    self.digests.push(stored.describe()?);
                    return Ok(false);
                }
            };
            let keep = self.opts.keep_blobs;
            let (pipe, cursor) = self.digesting.get_or_insert_with(|| {
                let spill = Spill { kept: (keep > 0).then(Kept::default), limit: keep };
                (Builder::new(HashWriter::new(gzip_encoder(HashWriter::new(spill)))), LayerTarCursor::default())
            });
            if cursor.write_some(layer, pipe, budget)? {
                let (pipe, cursor) = self.digesting.take().expect("digesting");
                self.digested += cursor.bytes();
                let (enc, diff_id, _) = pipe.into_inner()?.finish();
                let (spill, digest, size) = enc.finish()?.finish();
                if let Some(bytes) = spill.kept {
                    self.kept.insert(blob_path(&digest), bytes);
                }
                let desc = BlobDesc { digest, size, gzip: true };
                match layers[i] {
                    SaveLayer::Info(info) => {
                        info.blob(|| desc.clone());
                        self.digests.push((info.diff_id.clone(), desc));
                    }
                    SaveLayer::Layer(_) => self.digests.push((diff_id, desc)),
                }
            }
            return Ok(false);
        }
        let plan = plan_with(images, &self.digests)?;
        let files = plan.archive_files();
        let total =
            1024 + 512 * DIRS.len() as u64 + files.iter().map(|f| 512 + f.size.div_ceil(512) * 512).sum::<u64>();
        if !self.started {
            self.started = true;
            let out = self.out.as_mut().expect("output at hand");
            for d in DIRS {
                write_header(out, &header(&self.opts, EntryType::Directory, 0o755, 0), d)?;
            }
        }
        let Some(f) = files.get(self.files_done) else {
            let out = self.out.as_mut().expect("output at hand");
            out.write_all(&[0u8; 1024])?;
            self.done = true;
            self.last = SaveProgress::Writing { written: out.written, total, item: String::new(), layer: None };
            return Ok(true);
        };
        match &f.source {
            FileSource::Bytes(bytes) => {
                let out = self.out.as_mut().expect("output at hand");
                write_header(out, &header(&self.opts, EntryType::Regular, 0o644, f.size), &f.path)?;
                out.write_all(bytes)?;
                pad(out, f.size)?;
                self.files_done += 1;
            }
            FileSource::Stored { .. } => {
                let out = self.out.as_mut().expect("output at hand");
                write_header(out, &header(&self.opts, EntryType::Regular, 0o644, f.size), &f.path)?;
                f.write_to(&mut *out)?;
                pad(out, f.size)?;
                self.files_done += 1;
            }
            FileSource::Layer(_) if self.copying.is_some() || self.kept.contains_key(&f.path) => {
                let out = self.out.as_mut().expect("output at hand");
                if self.copying.is_none() {
                    write_header(out, &header(&self.opts, EntryType::Regular, 0o644, f.size), &f.path)?;
                    self.copying = Some(self.kept.remove(&f.path).expect("a kept blob"));
                }
                let kept = self.copying.as_mut().expect("copying a kept blob");
                if kept.write_some(out, budget)? {
                    if kept.len != f.size {
                        let msg = format!("{}: kept {} bytes, planned {}", f.path, kept.len, f.size);
                        return Err(io::Error::other(msg).into());
                    }
                    self.copying = None;
                    pad(out, f.size)?;
                    self.files_done += 1;
                }
            }
            FileSource::Layer(layer) => {
                if self.writing.is_none() {
                    let mut out = self.out.take().expect("output at hand");
                    write_header(&mut out, &header(&self.opts, EntryType::Regular, 0o644, f.size), &f.path)?;
                    self.writing = Some((Builder::new(gzip_encoder(HashWriter::new(out))), LayerTarCursor::default()));
                }
                let (pipe, cursor) = self.writing.as_mut().expect("writing a layer");
                if cursor.write_some(layer, pipe, budget)? {
                    let (pipe, _) = self.writing.take().expect("writing a layer");
                    let (mut out, _, n) = pipe.into_inner()?.finish()?.finish();
                    if n != f.size {
                        return Err(io::Error::other(format!("{}: wrote {n} bytes, planned {}", f.path, f.size)).into());
                    }
                    pad(&mut out, f.size)?;
                    self.out = Some(out);
                    self.files_done += 1;
                }
            }
        }
        let written = match (&self.out, &self.writing) {
            (Some(o), _) => o.written,
            (None, Some((pipe, _))) => pipe.get_ref().get_ref().get_ref().written,
            (None, None) => 0,
        };
        self.last = SaveProgress::Writing { written, total, item: f.path.clone(), layer: f.layer };
        Ok(false)
    }

    /// The writer, once [`SaveJob::step`] said the archive is complete.
    pub fn finish(self) -> W {
        self.out.expect("the save is complete").inner
    }
}

fn write_header<W: Write>(out: &mut W, h: &Header, path: &str) -> io::Result<()> {
    let mut h = h.clone();
    h.set_path(path)?;
    h.set_cksum();
    out.write_all(h.as_bytes())
}

fn pad<W: Write>(out: &mut W, size: u64) -> io::Result<()> {
    let rem = (size % 512) as usize;
    if rem != 0 {
        out.write_all(&[0u8; 512][..512 - rem])?;
    }
    Ok(())
}

fn header(opts: &SaveOptions, kind: EntryType, mode: u32, size: u64) -> Header {
    let mut h = Header::new_ustar();
    h.set_entry_type(kind);
    h.set_mode(mode);
    h.set_uid(0);
    h.set_gid(0);
    h.set_mtime(opts.mtime);
    h.set_size(size);
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kept_blob_comes_back_whole_across_its_pieces() {
        let data: Vec<u8> = (0..(KEPT_CHUNK * 5 / 2 + 7)).map(|i| (i * 31 % 251) as u8).collect();
        let mut kept = Kept::default();
        for piece in data.chunks(70_001) {
            kept.push(piece);
        }
        assert_eq!(kept.len, data.len() as u64);
        assert_eq!(kept.chunks.len(), 3);
        let mut out = Vec::new();
        let mut steps = 0;
        while !kept.write_some(&mut out, 300_000).unwrap() {
            steps += 1;
        }
        assert_eq!(out, data);
        assert!(steps >= 8, "{steps} slices");
    }
}
