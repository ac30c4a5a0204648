//! File contents: shared bytes, or synthetic content generated from a seed.

use std::borrow::Cow;
use std::io::{self, Write};
use std::sync::Arc;

/// How every synthetic file starts.
const SIMULATED_PREFIX: &[u8] = b"layerlab simulated content: ";

/// The contents of a regular file. Cloning is cheap: bytes are reference-counted and
/// synthetic content is only a description.
#[derive(Clone, Debug)]
pub enum Content {
    /// Real bytes.
    Bytes(Arc<[u8]>),
    /// Simulated content of `size` bytes: a readable header naming `label`, then
    /// deterministic pseudo-random bytes from `seed`.
    Synthetic {
        /// Total length in bytes.
        size: u64,
        /// Seed of the generator.
        seed: u64,
        /// What the content stands for (shown in the header).
        label: Arc<str>,
    },
}

impl Default for Content {
    fn default() -> Self {
        Content::Bytes(Arc::from(&[][..]))
    }
}

impl From<Vec<u8>> for Content {
    fn from(v: Vec<u8>) -> Self {
        Content::Bytes(Arc::from(v))
    }
}

impl From<&[u8]> for Content {
    fn from(v: &[u8]) -> Self {
        Content::Bytes(Arc::from(v))
    }
}

impl From<&str> for Content {
    fn from(v: &str) -> Self {
        Content::Bytes(Arc::from(v.as_bytes()))
    }
}

impl From<String> for Content {
    fn from(v: String) -> Self {
        Content::Bytes(Arc::from(v.into_bytes()))
    }
}

impl PartialEq for Content {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Content::Bytes(a), Content::Bytes(b)) => Arc::ptr_eq(a, b) || a[..] == b[..],
            (
                Content::Synthetic { size: s1, seed: d1, label: l1 },
                Content::Synthetic { size: s2, seed: d2, label: l2 },
            ) => s1 == s2 && d1 == d2 && l1 == l2,
            _ => self.len() == other.len() && self.bytes() == other.bytes(),
        }
    }
}

impl Eq for Content {}

impl Content {
    /// Synthetic content of `size` bytes standing for `label`.
    pub fn synthetic(size: u64, seed: u64, label: &str) -> Self {
        Content::Synthetic { size, seed, label: Arc::from(label) }
    }

    /// Length in bytes.
    pub fn len(&self) -> u64 {
        match self {
            Content::Bytes(b) => b.len() as u64,
            Content::Synthetic { size, .. } => *size,
        }
    }

    /// True for an empty file.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// True when the content is generated rather than stored.
    pub fn is_synthetic(&self) -> bool {
        matches!(self, Content::Synthetic { .. })
    }

    /// True for simulated content: synthetic, or bytes that began as synthetic content and
    /// were stored (in a layer tar) and read back, recognizable by their header.
    pub fn is_simulated(&self) -> bool {
        self.is_synthetic() || self.head(SIMULATED_PREFIX.len()).as_ref() == SIMULATED_PREFIX
    }

    /// What simulated content stands for: the label of synthetic content, also when it was
    /// stored as bytes and read back (from its header).
    pub fn label(&self) -> Option<String> {
        match self {
            Content::Synthetic { label, .. } => Some(label.to_string()),
            Content::Bytes(b) => {
                let rest = b.strip_prefix(SIMULATED_PREFIX)?;
                let line = &rest[..rest.iter().position(|c| *c == b'\n')?];
                let line = std::str::from_utf8(line).ok()?;
                let (label, size) = line.rsplit_once(" (")?;
                size.strip_suffix(" bytes)")?.parse::<u64>().ok()?;
                Some(label.to_string())
            }
        }
    }

    /// All the bytes (generated for synthetic content).
    pub fn bytes(&self) -> Cow<'_, [u8]> {
        match self {
            Content::Bytes(b) => Cow::Borrowed(&b[..]),
            Content::Synthetic { .. } => {
                let mut out = Vec::with_capacity(self.len() as usize);
                self.write_to(&mut out).expect("writing to a Vec cannot fail");
                Cow::Owned(out)
            }
        }
    }

    /// Up to `max` bytes from the start, for previews.
    pub fn head(&self, max: usize) -> Cow<'_, [u8]> {
        match self {
            Content::Bytes(b) => Cow::Borrowed(&b[..b.len().min(max)]),
            Content::Synthetic { .. } => {
                let mut out = Vec::new();
                let mut w = Limited { inner: &mut out, left: max };
                let _ = self.write_to(&mut w);
                Cow::Owned(out)
            }
        }
    }

    /// Streams bytes `start..start + len` into `w` (a slice of what [`Content::write_to`]
    /// writes; synthetic content is generated from that offset directly).
    pub fn write_range<W: Write>(&self, w: &mut W, start: u64, len: u64) -> io::Result<()> {
        let end = start.saturating_add(len).min(self.len());
        match self {
            Content::Bytes(b) => w.write_all(&b[start.min(end) as usize..end as usize]),
            Content::Synthetic { size, seed, label } => {
                let header = format!("layerlab simulated content: {label} ({size} bytes)\n");
                let n = (header.len() as u64).min(*size);
                let mut pos = start;
                if pos < n {
                    let e = end.min(n);
                    w.write_all(&header.as_bytes()[pos as usize..e as usize])?;
                    pos = e;
                }
                let base = *seed ^ 0x9E37_79B9_7F4A_7C15;
                let mut buf = Vec::with_capacity(8192);
                while pos < end {
                    let p = pos - n;
                    let (word, off) = (p / 8, (p % 8) as usize);
                    let v = mix64(base.wrapping_add((word + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15))).to_le_bytes();
                    let take = ((8 - off) as u64).min(end - pos) as usize;
                    buf.extend_from_slice(&v[off..off + take]);
                    pos += take as u64;
                    if buf.len() >= 8192 {
                        w.write_all(&buf)?;
                        buf.clear();
                    }
                }
                w.write_all(&buf)
            }
        }
    }

    /// Streams the bytes into `w` without holding them all in memory.
    pub fn write_to<W: Write>(&self, w: &mut W) -> io::Result<()> {
        match self {
            Content::Bytes(b) => w.write_all(b),
            Content::Synthetic { size, seed, label } => {
                let header = format!("layerlab simulated content: {label} ({size} bytes)\n");
                debug_assert!(header.as_bytes().starts_with(SIMULATED_PREFIX));
                let header = header.as_bytes();
                let n = (header.len() as u64).min(*size) as usize;
                w.write_all(&header[..n])?;
                let mut left = *size - n as u64;
                let mut state = *seed ^ 0x9E37_79B9_7F4A_7C15;
                let mut buf = [0u8; 8192];
                while left > 0 {
                    let take = left.min(buf.len() as u64) as usize;
                    for chunk in buf[..take].chunks_mut(8) {
                        let v = splitmix64(&mut state).to_le_bytes();
                        chunk.copy_from_slice(&v[..chunk.len()]);
                    }
                    match w.write_all(&buf[..take]) {
                        Err(e) if e.kind() == io::ErrorKind::WriteZero => return Ok(()),
                        r => r?,
                    }
                    left -= take as u64;
                }
                Ok(())
            }
        }
    }
}

fn splitmix64(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    mix64(*state)
}

fn mix64(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A writer that accepts at most `left` bytes, then reports `WriteZero`.
struct Limited<'a> {
    inner: &'a mut Vec<u8>,
    left: usize,
}

impl Write for Limited<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.left == 0 {
            return Err(io::ErrorKind::WriteZero.into());
        }
        let n = buf.len().min(self.left);
        self.inner.extend_from_slice(&buf[..n]);
        self.left -= n;
        Ok(n)
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn ranges_of_synthetic_content_are_slices_of_the_whole() {
        let c = super::Content::synthetic(100_003, 42, "big file");
        let mut whole = Vec::new();
        c.write_to(&mut whole).unwrap();
        let mut pieces = Vec::new();
        let mut at = 0;
        for len in [5, 1, 60, 7, 8, 9, 4096, 1].into_iter().cycle() {
            if at >= 100_003 {
                break;
            }
            c.write_range(&mut pieces, at, len).unwrap();
            at += len;
        }
        assert_eq!(pieces, whole);
        let b = super::Content::from("hello world");
        let mut part = Vec::new();
        b.write_range(&mut part, 6, 100).unwrap();
        assert_eq!(part, b"world");
    }

    use super::*;

    #[test]
    fn synthetic_content_is_deterministic_and_sized() {
        let c = Content::synthetic(20_000, 7, "libc.so");
        let a = c.bytes();
        assert_eq!(a.len(), 20_000);
        assert!(a.starts_with(b"layerlab simulated content: libc.so (20000 bytes)\n"));
        let stored = Content::from(a.to_vec());
        assert_eq!(stored.label().as_deref(), Some("libc.so"));
        assert_eq!(Content::from(b"plain".to_vec()).label(), None);
        assert_eq!(a, Content::synthetic(20_000, 7, "libc.so").bytes());
        assert_ne!(a, Content::synthetic(20_000, 8, "libc.so").bytes());
        assert_eq!(&c.head(10)[..], b"layerlab s");
        assert!(c.is_simulated());
        assert!(Content::from(c.bytes().into_owned()).is_simulated());
        assert!(!Content::from("#!/bin/sh\necho hi\n").is_simulated());
    }

    #[test]
    fn tiny_synthetic_content_truncates_header() {
        assert_eq!(&Content::synthetic(5, 1, "x").bytes()[..], b"layer");
    }

    #[test]
    fn equality_across_representations() {
        let s = Content::synthetic(100, 3, "a");
        let b = Content::from(s.bytes().into_owned());
        assert_eq!(s, b);
        assert_ne!(Content::from("a"), Content::from("b"));
    }
}
