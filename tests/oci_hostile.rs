//! Hostile and broken input: every case is refused with a specific error and no image.

#[path = "fixtures/oci/support.rs"]
mod support;

use flate2::write::GzEncoder;
use flate2::Compression;
use layerlab::oci::spec::*;
use layerlab::oci::{self, load, load_with, read_layer_tar, read_layer_tar_with, LoadError, LoadOptions};
use layerlab::util::digest::{blob_path, sha256_digest};
use layerlab::vfs::{Change, Layer, Tree};
use support::*;
use tar::EntryType::*;

/// A well-formed OCI archive whose only layer is `layer` (any bytes), with a config whose
/// diff_id is `diff_id`.
fn archive_with_layer(layer: &[u8], diff_id: &str) -> Vec<u8> {
    let mut config = config_for(&[]);
    config.rootfs.diff_ids = vec![diff_id.to_string()];
    let config = config.to_json();
    let cd = Descriptor {
        media_type: MEDIA_TYPE_CONFIG.into(),
        digest: sha256_digest(&config),
        size: config.len() as u64,
        ..Default::default()
    };
    let ld = Descriptor {
        media_type: MEDIA_TYPE_LAYER_TAR.into(),
        digest: sha256_digest(layer),
        size: layer.len() as u64,
        ..Default::default()
    };
    let manifest = serde_json::to_vec(&Manifest {
        schema_version: 2,
        media_type: MEDIA_TYPE_MANIFEST.into(),
        config: cd.clone(),
        layers: vec![ld.clone()],
    })
    .unwrap();
    let md = Descriptor {
        media_type: MEDIA_TYPE_MANIFEST.into(),
        digest: sha256_digest(&manifest),
        size: manifest.len() as u64,
        ..Default::default()
    };
    let index = serde_json::to_vec(&Index {
        schema_version: 2,
        media_type: MEDIA_TYPE_INDEX.into(),
        manifests: vec![md.clone()],
    })
    .unwrap();
    files_tar(&[
        (&blob_path(&cd.digest), config),
        (&blob_path(&ld.digest), layer.to_vec()),
        (&blob_path(&md.digest), manifest),
        ("index.json", index),
        ("oci-layout", OCI_LAYOUT.as_bytes().to_vec()),
    ])
}

/// The error of reading `layer` as a layer, checked to be the same through a whole archive.
fn layer_error(layer: &[u8]) -> String {
    let direct = read_layer_tar(layer).unwrap_err().to_string();
    let via_archive = load(&archive_with_layer(layer, &sha256_digest(layer))[..]).unwrap_err().to_string();
    assert!(via_archive.ends_with(&direct[direct.find(':').unwrap()..]), "{via_archive} vs {direct}");
    direct
}

#[test]
fn path_traversal() {
    assert_eq!(
        layer_error(&craft_tar(&[raw("../etc/passwd", Regular, "", b"root::0:0")])),
        "unsafe path in layer: \"../etc/passwd\": entry name leaves the root through `..`"
    );
    assert_eq!(
        layer_error(&craft_tar(&[raw("a/../../etc/passwd", Regular, "", b"x")])),
        "unsafe path in layer: \"a/../../etc/passwd\": entry name leaves the root through `..`"
    );
}

#[test]
fn absolute_names() {
    assert_eq!(
        layer_error(&craft_tar(&[raw("/etc/passwd", Regular, "", b"x")])),
        "unsafe path in layer: \"/etc/passwd\": entry name is an absolute path"
    );
}

#[test]
fn writing_through_a_symlink() {
    assert_eq!(
        layer_error(&craft_tar(&[raw("evil", Symlink, "/", b""), raw("evil/etc/passwd", Regular, "", b"x")])),
        "unsafe path in layer: \"evil/etc/passwd\": it lies below /evil, which is a symbolic link in this layer"
    );
}

#[test]
fn bad_hard_links() {
    assert_eq!(
        layer_error(&craft_tar(&[raw("x", Link, "../../x", b"")])),
        "unsafe path in layer: \"../../x\": hard link target leaves the root through `..`"
    );
    assert_eq!(
        layer_error(&craft_tar(&[raw("x", Link, "/etc/shadow", b"")])),
        "unsafe path in layer: \"/etc/shadow\": hard link target is an absolute path"
    );
    assert_eq!(
        layer_error(&craft_tar(&[raw("x", Link, "missing", b"")])),
        "unsafe path in layer: \"x\": hard link to \"missing\", which is not a file earlier in this layer"
    );
    assert_eq!(
        layer_error(&craft_tar(&[raw("d/", Directory, "", b""), raw("x", Link, "d", b"")])),
        "unsafe path in layer: \"x\": hard link to \"d\", which is not a file earlier in this layer"
    );
}

#[test]
fn digest_mismatch_names_the_blob() {
    let s = sample();
    let good = oci::save(&[s.image(&["app"])], Vec::new(), &mut |_| {}).unwrap();
    let target = blob_path(&oci::layer_blob(&s.layers[1]).digest);
    let mut files = tar_files(&good);
    let (_, data) = files.iter_mut().find(|(n, _)| *n == target).unwrap();
    let mid = data.len() / 2;
    data[mid] ^= 0xff;
    let files: Vec<(&str, Vec<u8>)> =
        files.iter().filter(|(n, _)| !n.ends_with('/')).map(|(n, d)| (n.as_str(), d.clone())).collect();
    let err = load(&files_tar(&files)[..]).unwrap_err();
    assert!(matches!(&err, LoadError::DigestMismatch { blob, .. } if *blob == target), "{err}");
    assert!(err.to_string().starts_with(&format!("digest mismatch for blob {target}: expected sha256:")));
}

#[test]
fn diff_id_mismatch() {
    let tar = craft_tar(&[raw("f", Regular, "", b"x")]);
    let wrong = sha256_digest(b"something else");
    let err = load(&archive_with_layer(&tar, &wrong)[..]).unwrap_err();
    assert!(matches!(err, LoadError::DiffIdMismatch { index: 1, .. }), "{err}");
}

#[test]
fn gzip_bombs() {
    let mut enc = GzEncoder::new(Vec::new(), Compression::best());
    let mut t = tar::Builder::new(&mut enc);
    let mut h = tar::Header::new_ustar();
    h.set_size(64 << 20);
    h.set_mode(0o644);
    t.append_data(&mut h, "zeros", std::io::Read::take(std::io::repeat(0), 64 << 20)).unwrap();
    t.into_inner().unwrap();
    let bomb = enc.finish().unwrap();
    assert!(bomb.len() < 200_000, "bomb is {} bytes", bomb.len());
    let opts = LoadOptions { max_uncompressed: 8 << 20, ..Default::default() };
    let err = read_layer_tar_with(&bomb[..], &opts).unwrap_err();
    assert_eq!(err.to_string(), "uncompressed layer is too large: more than the limit of 8388608 bytes");
    // The same bomb as a whole (gzip-compressed) archive.
    let err = load_with(&bomb[..], &opts).unwrap_err();
    assert_eq!(err.to_string(), "uncompressed archive is too large: more than the limit of 8388608 bytes");
}

#[test]
fn absurd_sizes() {
    let mut h = tar::Header::new_gnu();
    h.set_path("huge").unwrap();
    h.set_size(1 << 40);
    h.set_mode(0o644);
    h.set_cksum();
    let mut bytes = h.as_bytes().to_vec();
    bytes.extend_from_slice(&[0u8; 1024]);
    assert_eq!(
        read_layer_tar(&bytes[..]).unwrap_err().to_string(),
        "entry \"huge\" in layer (its header claims 1099511627776 bytes) is too large: more than the limit of 2147483648 bytes"
    );
    let err = load(&bytes[..]).unwrap_err();
    assert!(matches!(err, LoadError::TooLarge { limit: 2147483648, .. }), "{err}");
    let mut h = tar::Header::new_gnu();
    h.set_entry_type(GNULongName);
    h.set_path("././@LongLink").unwrap();
    h.set_size(1 << 30);
    h.set_cksum();
    let err = read_layer_tar(&h.as_bytes()[..]).unwrap_err();
    assert_eq!(
        err.to_string(),
        "extended header record 0 in layer (1073741824 bytes) is too large: more than the limit of 1048576 bytes"
    );
}

#[test]
fn duplicate_entries() {
    // Inside a layer, Docker's extraction order decides: the last entry wins.
    let t = craft_tar(&[raw("f", Regular, "", b"first"), raw("f", Regular, "", b"second!")]);
    let l = read_layer_tar(&t[..]).unwrap();
    assert!(matches!(l.get("/f"), Some(Change::Node(n)) if n.size() == 7));
    // In the archive, two different files under one name are ambiguous: refused.
    let a = files_tar(&[("index.json", b"{}".to_vec()), ("index.json", b"{\"x\":1}".to_vec())]);
    assert_eq!(load(&a[..]).unwrap_err().to_string(), "the archive has conflicting duplicate entries for index.json");
}

#[test]
fn truncated_tars() {
    let mut t = Tree::new();
    t.write_file("/", "/f", vec![7u8; 5000].into(), m(0o644)).unwrap();
    let tar = oci::write_layer_tar(&Layer::from_tree(&t), Vec::new()).unwrap();
    assert_eq!(
        read_layer_tar(&tar[..2000]).unwrap_err().to_string(),
        "unexpected EOF: the archive is truncated (layer)"
    );
    assert_eq!(
        read_layer_tar(&tar[..700]).unwrap_err().to_string(),
        "unexpected EOF: the archive is truncated (layer)"
    );
    let s = sample();
    let good = oci::save(&[s.image(&["app"])], Vec::new(), &mut |_| {}).unwrap();
    assert!(matches!(load(&good[..good.len() / 2]).unwrap_err(), LoadError::Truncated(_)));
    let gz = oci::write_layer_gzip(&Layer::from_tree(&t), Vec::new()).unwrap();
    assert!(matches!(read_layer_tar(&gz[..gz.len() - 10]).unwrap_err(), LoadError::Truncated(_)));
}

#[test]
fn garbage() {
    let junk: Vec<u8> = (0..4096u32).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8).collect();
    assert_eq!(
        load(&junk[..]).unwrap_err().to_string(),
        "invalid tar archive: archive: malformed header, its cksum field is not a number (not a tar file?)"
    );
    let mut fake = vec![b'0'; 512];
    fake[148..156].copy_from_slice(b"0000000\0");
    assert_eq!(
        read_layer_tar(&fake[..]).unwrap_err().to_string(),
        "invalid tar archive: layer: header checksum mismatch (not a tar file?)"
    );
    assert_eq!(load(&b""[..]).unwrap_err().to_string(), "invalid tar archive: archive: no files in it");
    let not_image = files_tar(&[("hello.txt", b"hi".to_vec())]);
    assert_eq!(
        load(&not_image[..]).unwrap_err().to_string(),
        "invalid archive: it has neither index.json nor manifest.json: not an image archive"
    );
    let zstd = [0x28, 0xb5, 0x2f, 0xfd, 0, 0, 0, 0];
    assert_eq!(
        read_layer_tar(&zstd[..]).unwrap_err().to_string(),
        "unsupported: layer is zstd-compressed; only gzip is supported"
    );
}

#[test]
fn hostile_descriptors() {
    let index = br#"{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:../../../etc/passwd","size":1}]}"#;
    let a = files_tar(&[("index.json", index.to_vec())]);
    assert_eq!(
        load(&a[..]).unwrap_err().to_string(),
        "unsupported: digest \"sha256:../../../etc/passwd\" (only sha256 is supported)"
    );
    let a = files_tar(&[("manifest.json", br#"[{"Config":"../../etc/passwd","RepoTags":null,"Layers":[]}]"#.to_vec())]);
    assert_eq!(load(&a[..]).unwrap_err().to_string(), "../../etc/passwd is missing from the archive");
    let mut b = tar::Builder::new(Vec::new());
    let mut h = tar::Header::new_ustar();
    h.set_entry_type(Symlink);
    h.set_size(0);
    b.append_link(&mut h, "manifest.json", "../../../etc/passwd").unwrap();
    let a = b.into_inner().unwrap();
    assert_eq!(load(&a[..]).unwrap_err().to_string(), "manifest.json is missing from the archive");
}

/// Where a byte of an archive lies: in the header of a member, in its data, or after the
/// last member (padding and the end-of-archive blocks).
#[derive(Clone, Debug, PartialEq)]
enum Region {
    Header(String),
    Data(String),
    Tail,
}

/// The archive's documents that name tags; they carry no checksum, so an edit inside one
/// of their strings can rename or drop a tag without making the archive invalid.
const TAG_DOCUMENTS: &[&str] = &["index.json", "manifest.json", "repositories"];

/// The members of a tar archive: (name, header start, data start, data length).
fn members(bytes: &[u8]) -> Vec<(String, u64, u64, u64)> {
    let mut a = tar::Archive::new(bytes);
    let mut out = Vec::new();
    let mut header_start = 0;
    for e in a.entries().unwrap() {
        let e = e.unwrap();
        let data = e.raw_file_position();
        out.push((e.path().unwrap().to_string_lossy().into_owned(), header_start, data, e.size()));
        header_start = data + e.size().div_ceil(512) * 512;
    }
    out
}

fn region(members: &[(String, u64, u64, u64)], at: u64) -> Region {
    for (name, header, data, len) in members {
        if at >= *header && at < *data {
            return Region::Header(name.clone());
        }
        if at >= *data && at < data + len {
            return Region::Data(name.clone());
        }
    }
    Region::Tail
}

/// Corrupting one byte of a valid archive gets the error that names what was hit, or
/// (where the byte does not matter) exactly the image that was saved, tags and config
/// included; cutting it short reports a truncated or missing member. Never a panic, never
/// a different image.
#[test]
fn corrupted_archives_get_the_error_for_what_was_hit() {
    let mut t = Tree::new();
    t.write_file("/", "/a", "hello".into(), m(0o644)).unwrap();
    t.symlink("/", "a", "/b", m(0o777)).unwrap();
    let l = Layer::from_tree(&t);
    let c = config_for(&[&l]);
    let img = oci::SaveImage { config: &c, config_bytes: None, layers: vec![(&l).into()], tags: vec!["x".into()] };
    let good = oci::save(&[img], Vec::new(), &mut |_| {}).unwrap();
    let expected = load(&good[..]).unwrap();
    let members = members(&good);
    let mut seed = 0x1234_5678_9abc_def0u64;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let small = LoadOptions { max_uncompressed: 1 << 20, ..Default::default() };
    // The blobs the image is made of: its config (named by the image ID) and its layers.
    let needed: Vec<String> = std::iter::once(expected[0].id.clone())
        .chain(layer_digests(&good, &expected[0].id))
        .map(|d| blob_path(&d))
        .collect();
    let mut cases = 0;
    for _ in 0..400 {
        let mut bytes = good.clone();
        let (cut, hit, outcome) = if next() % 4 == 0 {
            let cut = (next() as usize) % bytes.len();
            (true, region(&members, cut as u64), load_with(&bytes[..cut], &small))
        } else {
            let i = (next() as usize) % bytes.len();
            let v = next() as u8;
            if bytes[i] == v {
                continue;
            }
            bytes[i] = v;
            (false, region(&members, i as u64), load_with(&bytes[..], &small))
        };
        cases += 1;
        let what = format!("{} {hit:?}", if cut { "cut in" } else { "byte changed in" });
        match &outcome {
            Ok(images) => {
                assert_eq!(images.len(), 1, "{what}");
                let got = &images[0];
                assert_eq!(got.id, expected[0].id, "{what}: image ID");
                assert_eq!(got.config, expected[0].config, "{what}: config");
                assert_eq!(describe(&Tree::from_layers(&got.layers)), describe(&t), "{what}: files");
                let tag_document = matches!(&hit, Region::Data(d) if TAG_DOCUMENTS.contains(&d.as_str()));
                if !tag_document {
                    assert_eq!(got.tags, expected[0].tags, "{what}: tags");
                }
            }
            Err(e) => {
                let fits = match (&hit, e) {
                    (_, LoadError::Truncated(_)) => cut,
                    (Region::Header(_) | Region::Tail, LoadError::NotATar(_)) => !cut,
                    (Region::Data(blob), LoadError::DigestMismatch { blob: named, .. }) => {
                        !cut && named == blob && needed.contains(blob)
                    }
                    _ => false,
                };
                assert!(fits, "{what}: unexpected error: {e}");
            }
        }
        // Only a cut in the end blocks, or a byte no part of the image depends on, may load.
        let must_fail = if cut {
            hit != Region::Tail
        } else {
            matches!(&hit, Region::Header(_)) || matches!(&hit, Region::Data(d) if needed.contains(d))
        };
        assert!(!must_fail || outcome.is_err(), "{what}: accepted");
    }
    assert!(cases > 300);
}

/// The layer digests the docker `manifest.json` of `archive` lists for image `id`.
fn layer_digests(archive: &[u8], id: &str) -> Vec<String> {
    let mut a = tar::Archive::new(archive);
    for e in a.entries().unwrap() {
        let mut e = e.unwrap();
        if e.path().unwrap().to_string_lossy() == "manifest.json" {
            let mut text = String::new();
            std::io::Read::read_to_string(&mut e, &mut text).unwrap();
            let v: serde_json::Value = serde_json::from_str(&text).unwrap();
            assert!(v[0]["Config"].as_str().unwrap().ends_with(id.trim_start_matches("sha256:")));
            return v[0]["Layers"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| format!("sha256:{}", p.as_str().unwrap().rsplit('/').next().unwrap()))
                .collect();
        }
    }
    panic!("no manifest.json");
}
