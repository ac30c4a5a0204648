//! Reading tar streams defensively: compression sniffing, a cap on uncompressed bytes
//! (decompression bombs), a cap on what one header may claim, and GNU / PAX extended
//! headers handled here (so a hostile long-name record cannot make us buffer gigabytes).

use std::cell::Cell;
use std::io::{self, Read};
use std::rc::Rc;

use flate2::read::MultiGzDecoder;
use tar::EntryType;

use super::tarpush::{TarPush, TarSink};
use super::LoadError;

/// Limits applied while reading archives and layers.
#[derive(Clone, Debug)]
pub struct LoadOptions {
    /// Most uncompressed bytes read from the archive stream, and separately most bytes of
    /// all uncompressed layer tars together. Default 2 GiB.
    pub max_uncompressed: u64,
    /// Most bytes one tar entry may claim in its header. Default 2 GiB.
    pub max_entry_size: u64,
    /// The platform picked from multi-platform indexes: `(os, architecture)`.
    pub platform: (String, String),
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions { max_uncompressed: 2 << 30, max_entry_size: 2 << 30, platform: ("linux".into(), "amd64".into()) }
    }
}

/// Largest GNU long-name or PAX record accepted.
const MAX_EXTENSION: u64 = 1 << 20;

/// A shared count of bytes left to read before a limit is hit.
#[derive(Clone)]
pub(crate) struct Budget {
    left: Rc<Cell<u64>>,
    hit: Rc<Cell<bool>>,
    limit: u64,
}

impl Budget {
    /// A budget of `limit` bytes.
    pub(crate) fn new(limit: u64) -> Self {
        Budget { left: Rc::new(Cell::new(limit)), hit: Rc::new(Cell::new(false)), limit }
    }

    /// Spends `n` bytes; false (and the limit marked as hit) when fewer are left.
    pub(crate) fn charge(&self, n: u64) -> bool {
        let left = self.left.get();
        if n > left {
            self.hit.set(true);
            return false;
        }
        self.left.set(left - n);
        true
    }
}

/// One tar entry with its extended headers applied.
#[derive(Clone, Debug)]
pub(crate) struct RawEntry {
    /// The name as stored (long names resolved).
    pub name: Vec<u8>,
    /// The link target of hard and symbolic links.
    pub link: Option<Vec<u8>>,
    /// The entry type.
    pub kind: EntryType,
    /// Mode bits as stored.
    pub mode: u32,
    /// Owner.
    pub uid: u64,
    /// Group.
    pub gid: u64,
    /// Modification time.
    pub mtime: i64,
    /// Data length.
    pub size: u64,
}

/// Wraps `r` in a decompressor when it starts with a gzip magic number; other known
/// compressions are refused.
pub(crate) fn decompress<'a, R: Read + 'a>(mut r: R, what: &str) -> Result<Box<dyn Read + 'a>, LoadError> {
    let mut magic = [0u8; 6];
    let mut got = 0;
    while got < magic.len() {
        match r.read(&mut magic[got..]) {
            Ok(0) => break,
            Ok(n) => got += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(LoadError::Read { what: what.into(), message: e.to_string() }),
        }
    }
    let head = io::Cursor::new(magic[..got].to_vec());
    Ok(match compression(&magic[..got], what)? {
        Compression::Gzip => Box::new(MultiGzDecoder::new(head.chain(r))),
        Compression::Plain => Box::new(head.chain(r)),
    })
}

/// What a stream is, by its first bytes.
pub(crate) enum Compression {
    /// gzip (one member or several).
    Gzip,
    /// Not compressed.
    Plain,
}

/// Reads what `head` (a stream's first bytes) says it is: gzip or plain; zstd, xz and
/// bzip2 are refused by name, as layers layerlab cannot read.
pub(crate) fn compression(head: &[u8], what: &str) -> Result<Compression, LoadError> {
    let refuse =
        |name: &str| Err(LoadError::Unsupported(format!("{what} is {name}-compressed; only gzip is supported")));
    if head.starts_with(&[0x1f, 0x8b]) {
        Ok(Compression::Gzip)
    } else if head.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]) {
        refuse("zstd")
    } else if head.starts_with(&[0xfd, b'7', b'z', b'X', b'Z', 0]) {
        refuse("xz")
    } else if head.starts_with(b"BZh") {
        refuse("bzip2")
    } else {
        Ok(Compression::Plain)
    }
}

/// Walks the tar (plain or gzip) in `r`, calling `f` with each real entry and its data. Extended-header records are consumed here. Every uncompressed byte counts
/// against `budget`; a header claiming more than `opts.max_entry_size` is refused before
/// anything is read. Returns the `sha256:` digest and length of the whole uncompressed
/// stream (read to its end, past the end-of-archive blocks).
pub(crate) fn walk<R: Read>(
    r: R,
    what: &str,
    opts: &LoadOptions,
    budget: &Budget,
    f: impl FnMut(RawEntry, Vec<u8>) -> Result<(), LoadError>,
) -> Result<(String, u64), LoadError> {
    let mut stream = decompress(r, what)?;
    let mut tar = TarPush::new(what, opts, budget);
    let mut sink = Buffered::new(f);
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let n = match stream.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(classify(e, budget, what)),
        };
        tar.push(&buf[..n], &mut sink)?;
    }
    tar.finish()
}

/// What receives each complete entry with its data.
pub(crate) trait OnEntry {
    /// Takes one entry and all of its data.
    fn on_entry(&mut self, e: RawEntry, data: Vec<u8>) -> Result<(), LoadError>;
}

impl<F: FnMut(RawEntry, Vec<u8>) -> Result<(), LoadError>> OnEntry for F {
    fn on_entry(&mut self, e: RawEntry, data: Vec<u8>) -> Result<(), LoadError> {
        self(e, data)
    }
}

/// A buffer for an entry's data of `size` bytes, reserved at once when memory allows (so
/// a large blob is never copied as its buffer grows); a header may claim more than
/// follows, so a reservation that fails falls back to growing as the data comes.
pub(crate) fn entry_buffer(size: u64) -> Vec<u8> {
    let mut data = Vec::new();
    if !usize::try_from(size).is_ok_and(|n| data.try_reserve_exact(n).is_ok()) {
        data.reserve(size.min(1 << 20) as usize);
    }
    data
}

/// Collects each entry's data, then hands the entry and its data to `f`.
pub(crate) struct Buffered<F> {
    /// What receives the entries.
    pub f: F,
    current: Option<(Vec<u8>, RawEntry)>,
}

impl<F: OnEntry> Buffered<F> {
    /// Hands each entry to `f`.
    pub(crate) fn new(f: F) -> Self {
        Buffered { f, current: None }
    }
}

impl<F: OnEntry> TarSink for Buffered<F> {
    fn entry(&mut self, e: RawEntry) -> Result<(), LoadError> {
        self.current = Some((entry_buffer(e.size), e));
        Ok(())
    }

    fn data(&mut self, bytes: &[u8]) -> Result<(), LoadError> {
        if let Some((data, _)) = &mut self.current {
            data.extend_from_slice(bytes);
        }
        Ok(())
    }

    fn end(&mut self) -> Result<(), LoadError> {
        match self.current.take() {
            Some((data, e)) => self.f.on_entry(e, data),
            None => Ok(()),
        }
    }
}

fn bad_field(what: &str, index: usize, field: &str, err: io::Error) -> LoadError {
    LoadError::NotATar(format!("{what}: entry {index} has a bad {field} field ({err})"))
}

/// GNU long names and PAX records waiting for the entry they describe: one reading of a
/// tar's headers, shared by the pulled ([`walk`]) and the pushed (`tarpush`) readers.
#[derive(Default)]
pub(crate) struct Extensions {
    long_name: Option<Vec<u8>>,
    long_link: Option<Vec<u8>>,
    pax: Vec<(String, Vec<u8>)>,
}

impl Extensions {
    /// Whether an entry of type `kind` is an extension record, not a file.
    pub(crate) fn is_record(kind: EntryType) -> bool {
        matches!(kind, EntryType::GNULongName | EntryType::GNULongLink | EntryType::XHeader | EntryType::XGlobalHeader)
    }

    /// Refuses an extension record too large to hold, before it is read.
    pub(crate) fn check_size(size: u64, index: usize, what: &str) -> Result<(), LoadError> {
        if size > MAX_EXTENSION {
            return Err(LoadError::TooLarge {
                what: format!("extended header record {index} in {what} ({size} bytes)"),
                limit: MAX_EXTENSION,
            });
        }
        Ok(())
    }

    /// Takes in the data of extension record `index` of type `kind`.
    pub(crate) fn record(&mut self, kind: EntryType, data: Vec<u8>, index: usize, what: &str) -> Result<(), LoadError> {
        match kind {
            EntryType::GNULongName => self.long_name = Some(trim_nul(data)),
            EntryType::GNULongLink => self.long_link = Some(trim_nul(data)),
            EntryType::XHeader => {
                self.pax = parse_pax(&data)
                    .ok_or_else(|| LoadError::NotATar(format!("{what}: malformed PAX header at entry {index}")))?
            }
            _ => {}
        }
        Ok(())
    }

    /// The entry header `h` (entry `index`, stored name and link target) describes, with
    /// the waiting extensions applied and its claimed size checked.
    pub(crate) fn entry(
        &mut self,
        h: &tar::Header,
        name: Vec<u8>,
        link: Option<Vec<u8>>,
        index: usize,
        what: &str,
        opts: &LoadOptions,
    ) -> Result<RawEntry, LoadError> {
        let bad = |field: &str, err: io::Error| bad_field(what, index, field, err);
        let old = h.as_old();
        let size = h.entry_size().map_err(|err| bad("size", err))?;
        let mut entry = RawEntry {
            name,
            link,
            kind: h.entry_type(),
            mode: lenient(&old.mode, h.mode().map(u64::from)).map_err(|err| bad("mode", err))? as u32,
            uid: lenient(&old.uid, h.uid()).map_err(|err| bad("uid", err))?,
            gid: lenient(&old.gid, h.gid()).map_err(|err| bad("gid", err))?,
            mtime: i64::try_from(lenient(&old.mtime, h.mtime()).map_err(|err| bad("mtime", err))?).unwrap_or(i64::MAX),
            size,
        };
        for (key, value) in self.pax.drain(..) {
            let text = String::from_utf8_lossy(&value);
            match key.as_str() {
                "path" => entry.name = value,
                "linkpath" => entry.link = Some(value),
                "uid" => entry.uid = text.parse().map_err(|_| bad("PAX uid", io::ErrorKind::InvalidData.into()))?,
                "gid" => entry.gid = text.parse().map_err(|_| bad("PAX gid", io::ErrorKind::InvalidData.into()))?,
                "mtime" => {
                    let secs = text.split('.').next().unwrap_or("0");
                    entry.mtime = secs.parse().map_err(|_| bad("PAX mtime", io::ErrorKind::InvalidData.into()))?;
                }
                "size" => {
                    let claimed: u64 = text.parse().map_err(|_| bad("PAX size", io::ErrorKind::InvalidData.into()))?;
                    if claimed > opts.max_entry_size {
                        return Err(too_big(&entry.name, what, claimed, opts));
                    }
                    if claimed != size {
                        return Err(LoadError::Unsupported(format!("{what}: PAX size override at entry {index}")));
                    }
                }
                _ => {}
            }
        }
        if let Some(n) = self.long_name.take() {
            entry.name = n;
        }
        if let Some(l) = self.long_link.take() {
            entry.link = Some(l);
        }
        if size > opts.max_entry_size {
            return Err(too_big(&entry.name, what, size, opts));
        }
        Ok(entry)
    }
}

/// Normalizes a stored entry name to a relative path (`./a//b/` → `a/b`); `Ok(None)` for
/// the root itself, `Err(reason)` for absolute names and names whose `..` leave the root.
pub(crate) fn clean_name(name: &str) -> Result<Option<String>, &'static str> {
    if name.starts_with('/') {
        return Err("is an absolute path");
    }
    let mut parts: Vec<&str> = Vec::new();
    for c in name.split('/') {
        match c {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Err("leaves the root through `..`");
                }
            }
            c => parts.push(c),
        }
    }
    Ok((!parts.is_empty()).then(|| parts.join("/")))
}

/// A numeric header field, read as 0 when it is blank (all NULs or spaces), as Go does.
fn lenient(raw: &[u8], parsed: io::Result<u64>) -> io::Result<u64> {
    match parsed {
        Err(_) if raw.iter().all(|b| *b == 0 || *b == b' ') => Ok(0),
        r => r,
    }
}

fn too_big(name: &[u8], what: &str, size: u64, opts: &LoadOptions) -> LoadError {
    LoadError::TooLarge {
        what: format!("entry {:?} in {what} (its header claims {size} bytes)", String::from_utf8_lossy(name)),
        limit: opts.max_entry_size,
    }
}

pub(crate) fn limit_error(budget: &Budget, what: &str) -> LoadError {
    LoadError::TooLarge { what: format!("uncompressed {what}"), limit: budget.limit }
}

/// Turns an I/O error met while reading into the matching [`LoadError`].
pub(crate) fn classify(e: io::Error, budget: &Budget, what: &str) -> LoadError {
    if budget.hit.get() {
        return limit_error(budget, what);
    }
    let msg = e.to_string();
    if e.kind() == io::ErrorKind::UnexpectedEof || msg.contains("entire block") || msg.contains("unexpected EOF") {
        LoadError::Truncated(what.to_string())
    } else if msg.contains("checksum mismatch") {
        LoadError::NotATar(format!("{what}: header checksum mismatch (not a tar file?)"))
    } else if msg.contains("numeric field") {
        let field = msg.split("when getting ").nth(1).and_then(|r| r.split(' ').next()).unwrap_or("a");
        LoadError::NotATar(format!("{what}: malformed header, its {field} field is not a number (not a tar file?)"))
    } else if msg.contains("size overflow") {
        LoadError::NotATar(format!("{what}: malformed header ({msg})"))
    } else {
        LoadError::Read { what: what.to_string(), message: msg }
    }
}

fn trim_nul(mut v: Vec<u8>) -> Vec<u8> {
    while v.last() == Some(&0) {
        v.pop();
    }
    v
}

/// Parses PAX records (`<len> <key>=<value>\n`).
fn parse_pax(mut data: &[u8]) -> Option<Vec<(String, Vec<u8>)>> {
    let mut out = Vec::new();
    while !data.is_empty() {
        if data.iter().all(|b| *b == 0) {
            break;
        }
        let sp = data.iter().position(|b| *b == b' ')?;
        let len: usize = std::str::from_utf8(&data[..sp]).ok()?.parse().ok()?;
        if len <= sp + 1 || len > data.len() || data[len - 1] != b'\n' {
            return None;
        }
        let record = &data[sp + 1..len - 1];
        let eq = record.iter().position(|b| *b == b'=')?;
        out.push((String::from_utf8_lossy(&record[..eq]).into_owned(), record[eq + 1..].to_vec()));
        data = &data[len..];
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pax_records() {
        let recs = parse_pax(b"17 path=a/long/x\n12 uid=1000\n").unwrap();
        assert_eq!(recs, vec![("path".into(), b"a/long/x".to_vec()), ("uid".into(), b"1000".to_vec())]);
        assert!(parse_pax(b"99 path=x\n").is_none());
        assert!(parse_pax(b"garbage").is_none());
    }

    #[test]
    fn budget_stops_reading() {
        let b = Budget::new(100);
        assert!(b.charge(60));
        assert!(!b.hit.get());
        assert!(!b.charge(41));
        assert!(b.hit.get());
    }
}
