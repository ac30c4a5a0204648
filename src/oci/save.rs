//! Writing images as one tar that is at the same time an OCI image layout (`oci-layout`,
//! `index.json`, `blobs/sha256/…`) and a docker-archive (`manifest.json`, `repositories`),
//! the way `docker save` 25+ writes it, so `docker load`, `podman load`, skopeo
//! (`oci-archive:` and `docker-archive:`), umoci (once extracted) and containerd accept it.
//!
//! The tar is reproducible: entries sorted by path, mode 0644 (directories 0755), owner 0,
//! mtime [`SaveOptions::mtime`] (0 unless a `SOURCE_DATE_EPOCH` is passed in). A tar header
//! needs its entry's size first, so each distinct layer is streamed through gzip twice:
//! once while planning (digest and size), once into the output. Neither a layer blob nor
//! the archive is ever held in memory.

use std::io::{self, Write};

use tar::{Builder, EntryType, Header};

use super::plan::{plan, LayoutFile, SaveImage};
use super::SaveError;

/// Options of [`save_with`].
#[derive(Clone, Debug, Default)]
pub struct SaveOptions {
    /// mtime of every archive entry (seconds since the epoch).
    pub mtime: u64,
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
    let plan = plan(images, &mut |index, count| progress(&SaveProgress::Digesting { index, count }))?;
    let files = plan.archive_files();
    let dirs = ["blobs/", "blobs/sha256/"];
    let total = 1024 + 512 * dirs.len() as u64 + files.iter().map(|f| 512 + f.size.div_ceil(512) * 512).sum::<u64>();
    let out = Progress { inner: w, written: 0, total, next_report: 0, item: String::new(), layer: None, report: progress };
    let mut b = Builder::new(out);
    for d in dirs {
        let mut h = header(opts, EntryType::Directory, 0o755, 0);
        b.append_data(&mut h, d, io::empty())?;
    }
    for f in &files {
        write_file(&mut b, f, opts)?;
    }
    let mut out = b.into_inner()?;
    out.item.clear();
    out.layer = None;
    out.emit();
    Ok(out.inner)
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

fn write_file<W: Write>(b: &mut Builder<Progress<'_, W>>, f: &LayoutFile, opts: &SaveOptions) -> io::Result<()> {
    {
        let out = b.get_mut();
        out.item = f.path.clone();
        out.layer = f.layer;
        out.emit();
    }
    let mut h = header(opts, EntryType::Regular, 0o644, f.size);
    b.append_data(&mut h, &f.path, io::empty())?;
    f.write_to(&mut *b.get_mut())?;
    let rem = (f.size % 512) as usize;
    if rem != 0 {
        b.get_mut().write_all(&[0u8; 512][..512 - rem])?;
    }
    Ok(())
}

/// Passes bytes on, reporting progress at each entry and every MiB.
struct Progress<'p, W> {
    inner: W,
    written: u64,
    total: u64,
    next_report: u64,
    item: String,
    layer: Option<(usize, usize)>,
    report: &'p mut dyn FnMut(&SaveProgress),
}

impl<W> Progress<'_, W> {
    fn emit(&mut self) {
        self.next_report = self.written + (1 << 20);
        let p = SaveProgress::Writing { written: self.written, total: self.total, item: self.item.clone(), layer: self.layer };
        (self.report)(&p);
    }
}

impl<W: Write> Write for Progress<'_, W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.written += n as u64;
        if self.written >= self.next_report {
            self.emit();
        }
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}
