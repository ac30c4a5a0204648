//! What the simulated internet serves: a table of the artifacts tutorials download (source
//! release tarballs that unpack into a buildable tree, `get-pip.py`, install scripts) and a
//! deterministic body for any other URL, sized for what the URL names.
//!
//! Sizes of the well-known archives are those of the real files (download.redis.io/releases,
//! nginx.org/download, python.org/ftp/python listings); the generated tarball is padded with
//! incompressible data to come within a few hundred bytes of that size.

use std::io::Write;

use super::net::{seed_of, Response, Url};
use super::sources::{self, SourceTree};
use crate::vfs::Content;

/// The response to a GET of `url`.
pub fn respond(url: &Url) -> Response {
    let name = url.file_name();
    if let Some(tree) = sources::source_tree(url) {
        let gz = tarball(&tree);
        return ok(Content::from(gz), "application/x-gzip");
    }
    if url.host == "github.com" && url.path.contains("/releases/download/") {
        let location = format!("https://objects.githubusercontent.com/github-production-release-asset{}", url.path);
        return Response {
            status: 302,
            reason: "Found",
            body: Content::default(),
            mime: "text/html",
            location: Some(location),
        };
    }
    if let Some(text) = script(url, &name) {
        let mime = if name.ends_with(".py") { "text/x-python" } else { "text/x-sh" };
        return ok(Content::from(text), mime);
    }
    let seed = seed_of(&url.to_text());
    let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    let (size, mime) = match ext.as_str() {
        "gz" | "tgz" | "xz" | "bz2" | "zip" | "jar" => (8_000_000 + seed % 30_000_000, "application/octet-stream"),
        "deb" | "rpm" | "apk" => (200_000 + seed % 5_000_000, "application/octet-stream"),
        "json" => {
            return ok(
                Content::from(format!("{{\"url\":\"{}\",\"id\":{}}}\n", url.to_text(), seed % 100_000)),
                "application/json",
            )
        }
        "txt" | "md" | "asc" | "sha256" | "sha256sum" => {
            return ok(Content::from(format!("{:064x}  {name}\n", seed as u128 * 0x9E37_79B9_7F4A_7C15)), "text/plain")
        }
        // Pages: directories, HTML, and extensionless paths that are not release assets.
        _ if url.path.split('?').next().unwrap_or("/").ends_with('/')
            || matches!(ext.as_str(), "html" | "htm" | "php")
            || (!name.contains('.') && !url.path.contains("/download/")) =>
        {
            return ok(Content::from(html_page(url)), "text/html");
        }
        _ => (50_000 + seed % 2_000_000, "application/octet-stream"),
    };
    ok(Content::synthetic(size, seed, &format!("download of {}", url.to_text())), mime)
}

fn ok(body: Content, mime: &'static str) -> Response {
    Response { status: 200, reason: "OK", body, mime, location: None }
}

fn html_page(url: &Url) -> String {
    format!(
        "<!doctype html>\n<html>\n<head>\n    <title>{host}</title>\n    <meta charset=\"utf-8\" />\n</head>\n<body>\n<div>\n    <h1>{host}</h1>\n    <p>This page is served by layerlab's simulated network for {u}.</p>\n</div>\n</body>\n</html>\n",
        host = url.host,
        u = url.to_text()
    )
}

/// Install scripts and `get-pip.py`: text that runs in the simulated shell.
fn script(url: &Url, name: &str) -> Option<String> {
    let host = url.host.as_str();
    if name == "get-pip.py" {
        // The real get-pip.py is ~2.6 MB: a short driver and a base85-encoded pip wheel.
        let mut s = String::from("#!/usr/bin/env python\n#\n# Hi There!\n#\n# You may be wondering what this giant blob of binary data here is, you might\n# even be worried that we're up to something nefarious (good for you for being\n# paranoid!). This is a base85 encoding of a zip file, this zip file contains\n# an entire copy of pip (version 24.2).\n#\nimport sys\n\nthis_python = sys.version_info[:2]\nmin_version = (3, 8)\n\nDATA = b\"\"\"\n");
        let mut rng = Rng(seed_of("get-pip.py"));
        const B85: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!#$%&()*+-;<=>?@^_`{|}~";
        while s.len() < 2_640_000 {
            let line: String = (0..79).map(|_| B85[(rng.next_u64() % 85) as usize] as char).collect();
            s.push_str(&line);
            s.push('\n');
        }
        s.push_str("\"\"\"\n\n\nif __name__ == \"__main__\":\n    main()\n");
        return Some(s);
    }
    let shell_script = name.ends_with(".sh")
        || matches!(
            host,
            "get.docker.com"
                | "sh.rustup.rs"
                | "deb.nodesource.com"
                | "install.python-poetry.org"
                | "raw.githubusercontent.com"
        );
    if !shell_script || name.ends_with(".py") && host != "install.python-poetry.org" {
        return None;
    }
    Some(format!(
        "#!/bin/sh\n# Installer fetched from {u}\n# (layerlab simulates the network: this script reports what the real one would\n# install and changes nothing.)\nset -e\necho \"layerlab: the installer from {host} is simulated; install packages with the image's package manager instead\" >&2\nexit 0\n",
        u = url.to_text()
    ))
}

/// A gzip-compressed tar of `tree`, padded toward the real archive's size.
pub fn tarball(tree: &SourceTree) -> Vec<u8> {
    let first = pack(tree, None);
    let target = tree.gz_size;
    if target <= first.len() as u64 + 2_048 {
        return first;
    }
    // Incompressible padding, as the binary test fixtures of real source trees are.
    let pad = target - first.len() as u64 - 1_024;
    let second = pack(tree, Some(pad));
    // Compressing random bytes costs a little framing: one correction lands within 1 KiB.
    match (second.len() as u64).checked_sub(target) {
        Some(over) if over > 0 && pad > over + 512 => pack(tree, Some(pad - over - 512)),
        _ => second,
    }
}

fn pack(tree: &SourceTree, pad: Option<u64>) -> Vec<u8> {
    let mut b = tar::Builder::new(Vec::new());
    let mtime = tree.mtime;
    let mut dirs = std::collections::BTreeSet::new();
    let mut files: Vec<(String, Vec<u8>, u32)> = tree.files.clone();
    if let Some(n) = pad {
        let mut rng = Rng(seed_of(&tree.top));
        let bytes: Vec<u8> = (0..n).map(|_| rng.next_u64() as u8).collect();
        files.push((tree.pad_path.to_string(), bytes, 0o644));
    }
    for (p, _, _) in &files {
        let mut acc = String::new();
        for comp in p.split('/').collect::<Vec<_>>().split_last().map(|(_, d)| d.to_vec()).unwrap_or_default() {
            acc = if acc.is_empty() { comp.to_string() } else { format!("{acc}/{comp}") };
            dirs.insert(acc.clone());
        }
    }
    let mut h = tar::Header::new_ustar();
    for d in std::iter::once(String::new()).chain(dirs) {
        let name = if d.is_empty() { format!("{}/", tree.top) } else { format!("{}/{d}/", tree.top) };
        h.set_entry_type(tar::EntryType::Directory);
        h.set_mode(0o755);
        h.set_size(0);
        h.set_mtime(mtime);
        let _ = b.append_data(&mut h, &name, &[][..]);
    }
    for (p, data, mode) in &files {
        h.set_entry_type(tar::EntryType::Regular);
        h.set_mode(*mode);
        h.set_size(data.len() as u64);
        h.set_mtime(mtime);
        let _ = b.append_data(&mut h, format!("{}/{p}", tree.top), &data[..]);
    }
    let raw = b.into_inner().unwrap_or_default();
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(6));
    let _ = enc.write_all(&raw);
    enc.finish().unwrap_or_default()
}

/// A small deterministic generator (splitmix64).
pub struct Rng(pub u64);

impl Rng {
    /// The next pseudo-random number.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_url_same_bytes_and_plausible_kinds() {
        let u = Url::parse("https://example.com/files/app.bin").unwrap();
        let (a, b) = (respond(&u), respond(&u));
        assert_eq!(a.body, b.body);
        assert!(a.body.len() >= 50_000);
        let page = respond(&Url::parse("https://example.com/").unwrap());
        assert_eq!(page.mime, "text/html");
        assert!(String::from_utf8_lossy(&page.body.bytes()).contains("<h1>example.com</h1>"));
        let pip = respond(&Url::parse("https://bootstrap.pypa.io/get-pip.py").unwrap());
        assert!(pip.body.len() > 2_600_000);
        let gh = respond(&Url::parse("https://github.com/krallin/tini/releases/download/v0.19.0/tini").unwrap());
        assert_eq!(gh.status, 302);
    }

    #[test]
    fn the_redis_tarball_has_the_real_size_and_a_makefile() {
        let u = Url::parse("http://download.redis.io/releases/redis-5.0.3.tar.gz").unwrap();
        let r = respond(&u);
        let n = r.body.len();
        assert!((1_955_000..=1_960_000).contains(&n), "{n}");
        let mut raw = Vec::new();
        std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&r.body.bytes()[..]), &mut raw).unwrap();
        let mut ar = tar::Archive::new(&raw[..]);
        let names: Vec<String> =
            ar.entries().unwrap().map(|e| e.unwrap().path().unwrap().to_string_lossy().into_owned()).collect();
        assert!(names.contains(&"redis-5.0.3/Makefile".to_string()));
        assert!(names.contains(&"redis-5.0.3/src/Makefile".to_string()));
        assert!(names.contains(&"redis-5.0.3/src/server.c".to_string()));
    }
}
