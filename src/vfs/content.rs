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
    let mut z = *state;
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
    use super::*;

    #[test]
    fn synthetic_content_is_deterministic_and_sized() {
        let c = Content::synthetic(20_000, 7, "libc.so");
        let a = c.bytes();
        assert_eq!(a.len(), 20_000);
        assert!(a.starts_with(b"layerlab simulated content: libc.so (20000 bytes)\n"));
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
