//! The native CLI's image state as an OCI image layout directory (`oci-layout`,
//! `index.json`, `blobs/sha256/…`): the file system side of `oci::layout_files` and
//! `oci::read_layout`. Any OCI tool can read the directory (`skopeo inspect oci:DIR`,
//! `umoci unpack --image DIR:TAG`).

use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::Path;

use crate::util::digest::blob_path;
use crate::oci::{self, LoadError, LoadedImage, SaveError, SaveImage};

/// Writes `images` as the layout in `dir` (created if missing). Blobs already present
/// with the right size are kept (they are content-addressed); every file is written to a
/// temporary name and renamed, `index.json` last, so a reader never sees a half-written
/// layout. Blobs no longer referenced stay until [`prune_layout`].
pub fn write_layout(dir: &Path, images: &[SaveImage]) -> Result<(), SaveError> {
    fs::create_dir_all(dir.join("blobs").join("sha256"))?;
    let mut files = oci::layout_files(images, &mut |_, _| {})?;
    files.sort_by_key(|f| f.path == "index.json");
    for f in &files {
        let target = dir.join(&f.path);
        if f.path.starts_with("blobs/") && fs::metadata(&target).is_ok_and(|m| m.len() == f.size) {
            continue;
        }
        let tmp = dir.join(format!("{}.tmp", f.path));
        let out = BufWriter::new(fs::File::create(&tmp)?);
        let mut out = f.write_to(out)?;
        out.flush()?;
        drop(out);
        fs::rename(&tmp, &target)?;
    }
    Ok(())
}

/// Reads every image of the layout in `dir`, verifying digests; a directory without
/// `index.json` (or no directory) holds no images.
pub fn read_layout(dir: &Path) -> Result<Vec<LoadedImage>, LoadError> {
    if !dir.join("index.json").is_file() {
        return Ok(Vec::new());
    }
    oci::read_layout(&|p| fs::read(dir.join(p)).ok())
}

/// Deletes the blobs of the layout in `dir` that `index.json` no longer reaches; returns
/// how many were removed.
pub fn prune_layout(dir: &Path) -> io::Result<usize> {
    let keep = oci::referenced_blobs(&|p| fs::read(dir.join(p)).ok()).map_err(io::Error::other)?;
    let keep: std::collections::HashSet<String> = keep.iter().map(|d| blob_path(d)).collect();
    let mut removed = 0;
    for e in fs::read_dir(dir.join("blobs").join("sha256"))? {
        let e = e?;
        let rel = format!("blobs/sha256/{}", e.file_name().to_string_lossy());
        if !keep.contains(&rel) && e.file_type()?.is_file() {
            fs::remove_file(e.path())?;
            removed += 1;
        }
    }
    Ok(removed)
}
