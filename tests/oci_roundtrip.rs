//! Saving images and loading them back: byte-identical round trips, several images and
//! tags in one archive, progress, layouts on disk, and archives in the other formats
//! (old `docker save`, nested indexes).

#[path = "fixtures/oci/support.rs"]
mod support;

use layerlab::image::ImageConfig;
use layerlab::oci::spec::*;
use layerlab::oci::{self, load, save, save_with, SaveError, SaveImage, SaveJob, SaveOptions, SaveProgress};
use layerlab::util::digest::{blob_path, sha256_digest};
use layerlab::vfs::{Layer, Tree};
use support::*;

fn save_vec(images: &[SaveImage]) -> Vec<u8> {
    save(images, Vec::new(), &mut |_| {}).unwrap()
}

#[test]
fn save_load_save_is_byte_identical() {
    let s = sample();
    let first = save_vec(&[s.image(&["example/app:1.0"])]);
    let loaded = load(&first[..]).unwrap();
    assert_eq!(loaded.len(), 1);
    let img = &loaded[0];
    assert_eq!(img.tags, vec!["example/app:1.0".to_string()]);
    assert_eq!(img.id, sha256_digest(&s.config.to_json()));
    assert_eq!(img.diff_ids, s.config.rootfs.diff_ids);
    assert_eq!(img.config, s.config);
    assert_eq!(describe(&Tree::from_layers(&img.layers)), describe(&s.top));

    let again = SaveImage {
        config: &img.config,
        config_bytes: Some(&img.config_bytes),
        layers: img.layers.iter().map(Into::into).collect(),
        tags: img.tags.clone(),
    };
    let second = save_vec(&[again]);
    assert!(first == second, "second save differs");
}

#[test]
fn archive_is_an_oci_layout_and_a_docker_archive() {
    let s = sample();
    let bytes = save_vec(&[s.image(&["busybox", "me/app:2"])]);
    let files = tar_files(&bytes);
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    let mut sorted = names.clone();
    layerlab::util::sort::sort(&mut sorted);
    assert_eq!(names, sorted);
    assert_eq!(&names[..2], &["blobs/", "blobs/sha256/"]);
    assert_eq!(&names[names.len() - 4..], &["index.json", "manifest.json", "oci-layout", "repositories"]);
    let get = |n: &str| files.iter().find(|(f, _)| f == n).map(|(_, d)| d.clone()).unwrap();
    assert_eq!(get("oci-layout"), br#"{"imageLayoutVersion":"1.0.0"}"#);

    let index: Index = serde_json::from_slice(&get("index.json")).unwrap();
    assert_eq!(index.media_type, MEDIA_TYPE_INDEX);
    let refs: Vec<(&str, &str)> = index
        .manifests
        .iter()
        .map(|d| (d.annotations[ANNOTATION_IMAGE_NAME].as_str(), d.annotations[ANNOTATION_REF_NAME].as_str()))
        .collect();
    assert_eq!(refs, vec![("docker.io/library/busybox:latest", "latest"), ("docker.io/me/app:2", "2")]);
    let mdesc = &index.manifests[0];
    assert_eq!(mdesc.platform.as_ref().unwrap().architecture, "amd64");
    let mbytes = get(&blob_path(&mdesc.digest));
    assert_eq!(sha256_digest(&mbytes), mdesc.digest);
    let manifest: Manifest = serde_json::from_slice(&mbytes).unwrap();
    assert_eq!(manifest.config.media_type, MEDIA_TYPE_CONFIG);
    assert_eq!(get(&blob_path(&manifest.config.digest)), s.config.to_json());
    for (l, layer) in manifest.layers.iter().zip(&s.layers) {
        assert_eq!(l.media_type, MEDIA_TYPE_LAYER_GZIP);
        let blob = get(&blob_path(&l.digest));
        assert_eq!((sha256_digest(&blob), blob.len() as u64), (l.digest.clone(), l.size));
        assert_eq!(oci::layer_blob(layer).digest, l.digest);
    }

    let docker: Vec<DockerManifestItem> = serde_json::from_slice(&get("manifest.json")).unwrap();
    assert_eq!(docker.len(), 1);
    assert_eq!(docker[0].config, blob_path(&manifest.config.digest));
    assert_eq!(docker[0].repo_tags, Some(vec!["busybox:latest".into(), "me/app:2".into()]));
    assert_eq!(docker[0].layers, manifest.layers.iter().map(|l| blob_path(&l.digest)).collect::<Vec<_>>());
    let repos: serde_json::Value = serde_json::from_slice(&get("repositories")).unwrap();
    let top = s.config.rootfs.diff_ids[1].trim_start_matches("sha256:");
    assert_eq!(repos, serde_json::json!({"busybox": {"latest": top}, "me/app": {"2": top}}));
}

#[test]
fn several_images_share_blobs_and_keep_their_tags() {
    let s = sample();
    let mut extra = s.base.clone();
    extra.write_file("/", "/etc/motd", "hi\n".into(), m(0o644)).unwrap();
    let l3 = Layer::diff(&s.base, &extra);
    let c2 = config_for(&[&s.layers[0], &l3]);
    let other = SaveImage {
        config: &c2,
        config_bytes: None,
        layers: vec![(&s.layers[0]).into(), (&l3).into()],
        tags: vec!["other:x".into()],
    };
    let bytes = save_vec(&[s.image(&["app:1", "app:latest"]), other]);
    let base_blob = blob_path(&oci::layer_blob(&s.layers[0]).digest);
    assert_eq!(tar_files(&bytes).iter().filter(|(n, _)| *n == base_blob).count(), 1);
    let loaded = load(&bytes[..]).unwrap();
    let tags: Vec<Vec<String>> = loaded.iter().map(|i| i.tags.clone()).collect();
    assert_eq!(tags, vec![vec!["app:1".to_string(), "app:latest".into()], vec!["other:x".into()]]);
    assert_eq!(describe(&Tree::from_layers(&loaded[1].layers)), describe(&extra));
}

#[test]
fn progress_and_source_date_epoch() {
    let s = sample();
    let mut events = Vec::new();
    let out =
        save_with(&[s.image(&["app"])], Vec::new(), &SaveOptions { mtime: 1234, ..Default::default() }, &mut |p| {
            events.push(p.clone())
        })
        .unwrap();
    assert_eq!(
        events[..2],
        [SaveProgress::Digesting { index: 1, count: 2 }, SaveProgress::Digesting { index: 2, count: 2 }]
    );
    let writes: Vec<(u64, u64)> = events
        .iter()
        .filter_map(|e| match e {
            SaveProgress::Writing { written, total, .. } => Some((*written, *total)),
            _ => None,
        })
        .collect();
    assert!(writes.windows(2).all(|w| w[0].0 <= w[1].0));
    assert_eq!(*writes.last().unwrap(), (out.len() as u64, out.len() as u64));
    assert!(events.iter().any(|e| matches!(e, SaveProgress::Writing { layer: Some((2, 2)), .. })));
    let mut a = tar::Archive::new(&out[..]);
    assert!(a.entries().unwrap().all(|e| e.unwrap().header().mtime().unwrap() == 1234));
}

#[test]
fn a_save_in_small_slices_writes_the_same_bytes() {
    let mut s = sample();
    // A file far bigger than a slice (written in pieces), and a hard link to it.
    let mut top = s.top.clone();
    let big = layerlab::vfs::Content::synthetic(300_001, 7, "big");
    top.write_file("/", "/opt/big.bin", big, m(0o644)).unwrap();
    top.hard_link("/", "/opt/big.bin", "/opt/big-again.bin").unwrap();
    let l3 = Layer::diff(&s.top, &top);
    s.layers.push(l3);
    s.config = config_for(&s.layers.iter().collect::<Vec<_>>());
    let images = [s.image(&["app:1"])];
    let whole = save_vec(&images);
    let mut job = SaveJob::new(Vec::new(), SaveOptions::default());
    let mut steps = 0;
    let mut last_written = 0;
    while !job.step(&images, 1).unwrap() {
        steps += 1;
        if let SaveProgress::Writing { written, total, .. } = job.progress() {
            assert!(*written >= last_written && *written <= *total);
            last_written = *written;
        }
    }
    assert!(steps > 10, "one entry per slice: {steps} slices");
    assert_eq!(job.finish(), whole);
}

#[test]
fn kept_blobs_and_built_layers_save_in_slices_to_the_same_bytes() {
    let mut s = sample();
    let mut top = s.top.clone();
    top.write_file("/", "/opt/big.bin", layerlab::vfs::Content::synthetic(200_003, 9, "big"), m(0o644)).unwrap();
    let l3 = Layer::diff(&s.top, &top);
    s.layers.push(l3);
    s.config = config_for(&s.layers.iter().collect::<Vec<_>>());
    let whole = save_vec(&[s.image(&["app:1"])]);
    for keep in [0, 1 << 30, 1000] {
        // Built layers whose blobs are not known yet: digested in slices, then known.
        let infos: Vec<_> = s.layers.iter().map(|l| layerlab::image::LayerInfo::new(l.clone())).collect();
        let images = [SaveImage {
            config: &s.config,
            config_bytes: None,
            layers: infos.iter().map(|i| layerlab::oci::SaveLayer::Info(i)).collect(),
            tags: vec!["app:1".into()],
        }];
        let mut job = SaveJob::new(Vec::new(), SaveOptions { keep_blobs: keep, ..Default::default() });
        let mut steps = 0;
        while !job.step(&images, 4096).unwrap() {
            steps += 1;
        }
        assert!(steps > 50, "small slices: {steps}");
        assert_eq!(job.finish(), whole, "keep_blobs {keep}");
        assert!(infos.iter().all(|i| i.known_blob().is_some()), "the blobs' descriptors are kept with the layers");
    }
}

#[test]
fn refuses_inconsistent_images() {
    let s = sample();
    let mut bad = s.config.clone();
    bad.rootfs.diff_ids.pop();
    let img =
        SaveImage { config: &bad, config_bytes: None, layers: s.layers.iter().map(Into::into).collect(), tags: vec![] };
    assert!(matches!(save(&[img], Vec::new(), &mut |_| {}), Err(SaveError::Inconsistent { .. })));
    let err = save(&[s.image(&["Bad Name"])], Vec::new(), &mut |_| {}).unwrap_err();
    assert_eq!(err.to_string(), "invalid reference format: \"Bad Name\"");
}

#[test]
fn layout_directory_round_trip_and_prune() {
    let s = sample();
    let dir = temp_dir("layout");
    let mut extra = Tree::new();
    extra.write_file("/", "/x", "x".into(), m(0o644)).unwrap();
    let lx = Layer::from_tree(&extra);
    let cx = config_for(&[&lx]);
    let small = SaveImage { config: &cx, config_bytes: None, layers: vec![(&lx).into()], tags: vec!["small".into()] };
    layerlab::cli::layout::write_layout(&dir, &[s.image(&["app:1"]), small.clone()]).unwrap();
    let images = layerlab::cli::layout::read_layout(&dir).unwrap();
    assert_eq!(
        images.iter().map(|i| i.tags.clone()).collect::<Vec<_>>(),
        vec![vec!["app:1".to_string()], vec!["small:latest".into()]]
    );
    assert_eq!(describe(&Tree::from_layers(&images[0].layers)), describe(&s.top));
    layerlab::cli::layout::write_layout(&dir, &[small]).unwrap();
    assert_eq!(layerlab::cli::layout::prune_layout(&dir).unwrap(), 4);
    assert_eq!(layerlab::cli::layout::read_layout(&dir).unwrap().len(), 1);
    assert!(layerlab::cli::layout::read_layout(&dir.join("nothing")).unwrap().is_empty());
    std::fs::remove_dir_all(&dir).unwrap();
}

/// `docker save` before 25: `<v1id>/layer.tar`, `<id>.json`, a repeated layer as a symlink.
#[test]
fn loads_legacy_docker_save_archives() {
    let s = sample();
    let l1 = oci::write_layer_tar(&s.layers[0], Vec::new()).unwrap();
    let l2 = oci::write_layer_tar(&s.layers[1], Vec::new()).unwrap();
    let config = s.config.to_json();
    let id = sha256_digest(&config)[7..].to_string();
    let manifest =
        format!(r#"[{{"Config":"{id}.json","RepoTags":["legacy:old"],"Layers":["aaa/layer.tar","bbb/layer.tar"]}}]"#);
    let mut b = tar::Builder::new(Vec::new());
    for (name, data) in [
        ("aaa/layer.tar", &l1),
        ("bbb/layer.tar", &l2),
        ("manifest.json", &manifest.into_bytes()),
        (&format!("{id}.json")[..], &config),
    ] {
        let mut h = tar::Header::new_ustar();
        h.set_mode(0o644);
        h.set_size(data.len() as u64);
        b.append_data(&mut h, name, &data[..]).unwrap();
    }
    let mut h = tar::Header::new_ustar();
    h.set_entry_type(tar::EntryType::Symlink);
    h.set_size(0);
    b.append_link(&mut h, "ccc/layer.tar", "../aaa/layer.tar").unwrap();
    let bytes = b.into_inner().unwrap();
    let loaded = load(&bytes[..]).unwrap();
    assert_eq!(loaded[0].tags, vec!["legacy:old".to_string()]);
    assert_eq!(loaded[0].id, format!("sha256:{id}"));
    assert_eq!(describe(&Tree::from_layers(&loaded[0].layers)), describe(&s.top));
}

/// An OCI archive whose index points to a multi-platform index: linux/amd64 is picked.
#[test]
fn picks_linux_amd64_from_nested_indexes() {
    let s = sample();
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    let blob = |files: &mut Vec<(String, Vec<u8>)>, bytes: Vec<u8>| {
        let d = sha256_digest(&bytes);
        files.push((blob_path(&d), bytes.clone()));
        Descriptor { digest: d, size: bytes.len() as u64, ..Default::default() }
    };
    let mut manifests = Vec::new();
    for (arch, layers) in [("arm64", &s.layers[..1]), ("amd64", &s.layers[..])] {
        let cfg = ImageConfig { architecture: arch.into(), ..config_for(&layers.iter().collect::<Vec<_>>()) };
        let mut cd = blob(&mut files, cfg.to_json());
        cd.media_type = MEDIA_TYPE_CONFIG.into();
        let mut lds = Vec::new();
        for l in layers {
            let mut d = blob(&mut files, oci::write_layer_gzip(l, Vec::new()).unwrap());
            d.media_type = MEDIA_TYPE_LAYER_GZIP.into();
            lds.push(d);
        }
        let m = Manifest { schema_version: 2, media_type: MEDIA_TYPE_MANIFEST.into(), config: cd, layers: lds };
        let mut md = blob(&mut files, serde_json::to_vec(&m).unwrap());
        md.media_type = MEDIA_TYPE_MANIFEST.into();
        md.platform = Some(Platform { architecture: arch.into(), os: "linux".into(), ..Default::default() });
        manifests.push(md);
    }
    let inner = Index { schema_version: 2, media_type: MEDIA_TYPE_INDEX.into(), manifests };
    let mut id = blob(&mut files, serde_json::to_vec(&inner).unwrap());
    id.media_type = MEDIA_TYPE_INDEX.into();
    id.annotations.insert(ANNOTATION_REF_NAME.into(), "multi:1".into());
    let top = Index { schema_version: 2, media_type: MEDIA_TYPE_INDEX.into(), manifests: vec![id] };
    files.push(("index.json".into(), serde_json::to_vec(&top).unwrap()));
    files.push(("oci-layout".into(), OCI_LAYOUT.as_bytes().to_vec()));
    let refs: Vec<(&str, Vec<u8>)> = files.iter().map(|(n, d)| (n.as_str(), d.clone())).collect();
    let loaded = load(&files_tar(&refs)[..]).unwrap();
    assert_eq!(loaded.len(), 1);
    assert_eq!(loaded[0].config.architecture, "amd64");
    assert_eq!(loaded[0].tags, vec!["multi:1".to_string()]);
    assert_eq!(loaded[0].layers.len(), 2);
}

/// `docker save` 25+ without its index: uncompressed layers named by diff_id under
/// `blobs/sha256/`, and the whole archive gzip-compressed (`docker save | gzip`).
#[test]
fn loads_docker_25_style_and_gzip_archives() {
    use std::io::Write;
    let s = sample();
    let config = s.config.to_json();
    let id = sha256_digest(&config);
    let mut files: Vec<(String, Vec<u8>)> = vec![(blob_path(&id), config)];
    let mut layer_paths = Vec::new();
    for l in &s.layers {
        let tar = oci::write_layer_tar(l, Vec::new()).unwrap();
        let p = blob_path(&sha256_digest(&tar));
        layer_paths.push(p.clone());
        files.push((p, tar));
    }
    let item =
        DockerManifestItem { config: blob_path(&id), repo_tags: Some(vec!["new:25".into()]), layers: layer_paths };
    files.push(("manifest.json".into(), serde_json::to_vec(&vec![item]).unwrap()));
    let refs: Vec<(&str, Vec<u8>)> = files.iter().map(|(n, d)| (n.as_str(), d.clone())).collect();
    let tar = files_tar(&refs);
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(&tar).unwrap();
    let gz = gz.finish().unwrap();
    for bytes in [&tar, &gz] {
        let loaded = load(&bytes[..]).unwrap();
        assert_eq!((loaded[0].id.as_str(), loaded[0].tags.clone()), (id.as_str(), vec!["new:25".to_string()]));
        assert_eq!(describe(&Tree::from_layers(&loaded[0].layers)), describe(&s.top));
    }
}

/// An archive pushed into a `LoadJob` a piece at a time (as the page reads a picked file)
/// loads the same images as one read from a stream, whatever the size of the pieces.
#[test]
fn an_archive_pushed_in_pieces_loads_as_read() {
    let s = sample();
    let archive = oci::save(&[s.image(&["app:1"])], Vec::new(), &mut |_| {}).unwrap();
    let read = oci::load(&archive[..]).unwrap();
    for piece in [1, 511, 4096, 1 << 20] {
        let mut job = oci::LoadJob::new(&oci::LoadOptions::default());
        for c in archive.chunks(piece) {
            job.push(c).unwrap();
        }
        let pushed = job.finish().unwrap();
        assert_eq!(pushed.len(), read.len());
        for (p, r) in pushed.iter().zip(&read) {
            assert_eq!((&p.id, &p.tags, &p.diff_ids), (&r.id, &r.tags, &r.diff_ids), "pieces of {piece}");
            let files = |l: &[layerlab::vfs::Layer]| l.iter().map(oci::diff_id).collect::<Vec<_>>();
            assert_eq!(files(&p.layers), files(&r.layers), "pieces of {piece}");
        }
    }
    let mut job = oci::LoadJob::new(&oci::LoadOptions::default());
    job.push(&archive[..archive.len() / 2]).unwrap();
    assert!(matches!(job.finish().unwrap_err(), oci::LoadError::Truncated(_)));
}
