//! Image archives through the host's files: `docker save`, `load`, `import`, and the
//! `--change` instructions `import` and `commit` apply.

use std::io::Read;

use super::flags::{switch, value};
use super::spec::{Args, Cmd};
use super::{Engine, Output};
use crate::image::{
    rfc3339, BlobBytes, BlobDesc, ContainerConfig, History, Image, ImageConfig, LayerInfo, Reference, RootFs,
};

/// Docker's refusal to write a tar to a terminal.
pub const COWARDLY: &str = "cowardly refusing to save to a terminal. Use the -o flag or redirect";

/// Writes an archive to `-o FILE`, or to standard output when that is not a terminal
/// (`docker save IMAGE > file.tar`); a terminal is refused with Docker's words.
pub(crate) fn write_archive(
    e: &mut Engine,
    file: Option<&str>,
    fill: &mut dyn FnMut(&mut dyn std::io::Write) -> Result<(), String>,
) -> Result<(), String> {
    match file {
        Some(f) if f != "-" => e.host_mut().write_stream(f, fill),
        _ if e.host().stdout_is_terminal() => Err(COWARDLY.into()),
        _ => {
            let mut bytes = Vec::new();
            fill(&mut bytes)?;
            e.host_mut().write_stdout(&bytes)
        }
    }
}

/// Reads an archive from `FILE`, or from standard input (`docker load < file.tar`, `docker
/// import - name`) when `file` is `None` or `-`; an empty terminal is refused with `empty`,
/// Docker's words for the command.
pub(crate) fn read_archive(e: &mut Engine, file: Option<&str>, empty: &str) -> Result<Vec<u8>, String> {
    match file {
        Some(f) if f != "-" => e.host().read_file(f),
        _ if e.host().stdin_is_terminal() => Err(empty.into()),
        _ => match e.host_mut().read_stdin()? {
            b if b.is_empty() => Err(empty.into()),
            b => Ok(b),
        },
    }
}

/// Opens an archive to read as it is parsed: `FILE`, or standard input when `file` is
/// `None` or `-` (`docker load < file.tar`); a terminal or an empty standard input is
/// refused with `empty`, Docker's words for the command.
fn open_archive<'e>(e: &'e mut Engine, file: Option<&str>, empty: &str) -> Result<Box<dyn Read + 'e>, String> {
    let mut r = match file {
        Some(f) if f != "-" => return e.host().open_file(f),
        _ if e.host().stdin_is_terminal() => return Err(empty.into()),
        _ => e.host_mut().open_stdin()?,
    };
    let mut first = [0u8; 1];
    let n = loop {
        match r.read(&mut first) {
            Err(err) if err.kind() == std::io::ErrorKind::Interrupted => {}
            other => break other.map_err(|err| format!("reading standard input: {err}"))?,
        }
    };
    if n == 0 {
        return Err(empty.into());
    }
    Ok(Box::new(std::io::Cursor::new(first).chain(r)))
}

/// `docker save`.
pub const SAVE: Cmd = Cmd {
    path: "docker save",
    usage: "[OPTIONS] IMAGE [IMAGE...]",
    short: "Save one or more images to a tar archive (streamed to STDOUT by default)",
    aliases: "docker image save, docker save",
    flags: &[value("output", Some('o')).doc("string", "Write to a file, instead of STDOUT")],
    args: Args::Min(1),
    interspersed: true,
};

/// `docker save -o FILE IMAGE...`: an archive that is both an OCI layout and a
/// docker-archive.
pub fn save(e: &mut Engine, cmd: &Cmd, args: &[String]) -> Output {
    let p = match cmd.parse(args) {
        Ok(p) => p,
        Err(o) => return o,
    };
    let file = p.get("output").map(str::to_string);
    let picked: Vec<(Image, Vec<String>)> = match pick(&e.store, &p.args) {
        Ok(v) => v.into_iter().map(|(img, tags)| (img.clone(), tags)).collect(),
        Err(err) => return Output::daemon(err),
    };
    let images: Vec<crate::oci::SaveImage> = picked
        .iter()
        .map(|(img, tags)| crate::oci::SaveImage {
            config: &img.config,
            config_bytes: Some(img.config_bytes.as_slice()),
            layers: img.layers.iter().map(|l| crate::oci::SaveLayer::Info(l)).collect(),
            tags: tags.clone(),
        })
        .collect();
    // A layer is written from the blob kept in the store (copied, not recompressed).
    let mut failed: Option<String> = None;
    let written = write_archive(e, file.as_deref(), &mut |w| {
        crate::oci::save(&images, w, &mut |_| {}).map(|_| ()).map_err(|err| {
            failed = Some(err.to_string());
            String::new()
        })
    });
    match (written, failed) {
        (_, Some(err)) => Output::daemon(err),
        (Ok(()), None) => Output::default(),
        (Err(m), None) if m == COWARDLY => Output::fail(1, m),
        (Err(m), None) => Output::fail(1, format!("failed to save image: {m}")),
    }
}

/// The images `docker save NAME…` writes, each once, with the tags the archive names (a
/// name that is a tag of its image, once however often it is named: `img` and `img:latest`
/// are one tag; an ID names none).
fn pick<'s>(
    store: &'s crate::image::Store,
    names: &[String],
) -> Result<Vec<(&'s Image, Vec<String>)>, crate::image::LookupError> {
    let mut picked: Vec<(&Image, Vec<String>)> = Vec::new();
    for name in names {
        let img = store.resolve(name)?;
        let tag = Reference::parse(name)
            .ok()
            .filter(|r| store.tagged(r).is_some_and(|i| i.id == img.id))
            .map(|r| r.to_string());
        match picked.iter_mut().find(|(i, _)| i.id == img.id) {
            Some((_, tags)) => tags.extend(tag.filter(|t| !tags.contains(t))),
            None => picked.push((img, tag.into_iter().collect())),
        }
    }
    Ok(picked)
}

/// What a typed `docker save` asks for (see [`Engine::typed_save`]).
#[derive(Debug, PartialEq, Eq)]
pub struct SaveRequest {
    /// The images by ID, each with the tags the archive names.
    pub images: Vec<(String, Vec<String>)>,
    /// The file, or `None` for standard output.
    pub file: Option<String>,
}

impl Engine {
    /// What a typed `docker save` line (or `docker image save`) asks for, for a host that
    /// packs the archive itself (the page, in slices): the images by ID with the tags the
    /// archive names, and the file (`-o FILE`, `--output=FILE` or `> FILE`; `None` for
    /// standard output). `None` when the line is not a save or would fail: the engine then
    /// answers it as typed.
    pub fn typed_save(&self, line: &str) -> Option<SaveRequest> {
        let (mut args, parsed) = typed_command(line, "save")?;
        if let Some(f) = parsed.stdout_to {
            args.push(format!("--output={f}"));
        }
        let p = SAVE.parse(&args).ok()?;
        let picked = pick(&self.store, &p.args).ok()?;
        Some(SaveRequest {
            images: picked.into_iter().map(|(img, tags)| (img.id.clone(), tags)).collect(),
            file: p.get("output").map(String::from),
        })
    }

    /// The archive a typed `docker load` line (or `docker image load`) reads (`-i FILE`,
    /// `--input=FILE` or `< FILE`), for a host that reads it itself; `None` when the line is
    /// not a load from a file.
    pub fn typed_load_input(&self, line: &str) -> Option<String> {
        let (mut args, parsed) = typed_command(line, "load")?;
        if let Some(f) = parsed.stdin_from {
            args.extend(["-i".to_string(), f]);
        }
        LOAD.parse(&args).ok()?.get("input").map(String::from)
    }
}

/// The arguments of `docker NAME …` or `docker image NAME …` typed as `line`, with its
/// redirections.
fn typed_command(line: &str, name: &str) -> Option<(Vec<String>, super::argv::Line)> {
    let mut parsed = super::argv::split(line).ok()?;
    let words = std::mem::take(&mut parsed.words);
    let rest = match words.first().map(String::as_str) {
        Some("docker" | "layerlab") => &words[1..],
        _ => return None,
    };
    let (named, at) = super::commands::named(rest)?;
    (named == name).then(|| (rest[at..].to_vec(), parsed))
}

/// `docker load`.
pub const LOAD: Cmd = Cmd {
    path: "docker load",
    usage: "[OPTIONS]",
    short: "Load an image from a tar archive or STDIN",
    aliases: "docker image load, docker load",
    flags: &[
        value("input", Some('i')).doc("string", "Read from tar archive file, instead of STDIN"),
        switch("quiet", Some('q')).about("Suppress the load output"),
    ],
    args: Args::None,
    interspersed: true,
};

/// `docker load -i FILE`: `Loaded image: name:tag` per tag.
pub fn load(e: &mut Engine, cmd: &Cmd, args: &[String]) -> Output {
    let p = match cmd.parse(args) {
        Ok(p) => p,
        Err(o) => return o,
    };
    let input = p.get("input").map(str::to_string);
    // The archive is parsed as it is read, never held whole.
    let loaded = match open_archive(e, input.as_deref(), "requested load from stdin, but stdin is empty") {
        Ok(r) => crate::oci::load(r),
        Err(m) => return Output::fail(1, m),
    };
    let mut out = add_loaded(e, loaded);
    if p.on("quiet") {
        out.clear_stdout();
    }
    out
}

impl Engine {
    /// Adds the images of an archive read elsewhere (the page pushes a picked file through
    /// an [`crate::oci::LoadJob`] a piece at a time) and answers as `docker load -i` does.
    pub fn load_images(&mut self, loaded: Result<Vec<crate::oci::LoadedImage>, crate::oci::LoadError>) -> Output {
        add_loaded(self, loaded)
    }
}

/// Stores loaded images and tags them: `Loaded image: name:tag` per tag.
fn add_loaded(e: &mut Engine, loaded: Result<Vec<crate::oci::LoadedImage>, crate::oci::LoadError>) -> Output {
    let loaded = match loaded {
        Ok(l) => l,
        Err(err) => return Output::daemon(err),
    };
    let mut out = Output::default();
    let mut shared: std::collections::HashMap<String, std::sync::Arc<LayerInfo>> = std::collections::HashMap::new();
    for li in loaded {
        let created = li.config.created.as_deref().and_then(crate::image::parse_rfc3339).unwrap_or(0);
        let layers = li
            .layers
            .into_iter()
            .zip(li.diff_ids)
            .zip(li.blobs)
            .map(|((layer, diff_id), blob)| {
                let bytes = BlobBytes::Memory(blob.bytes);
                shared
                    .entry(blob.desc.digest.clone())
                    .or_insert_with(|| LayerInfo::loaded(layer, diff_id, blob.tar_size, blob.desc, bytes))
                    .clone()
            })
            .collect();
        let id = e.store.insert(Image::from_bytes(li.config, li.config_bytes, layers, created));
        if li.tags.is_empty() {
            out.line(format!("Loaded image ID: {id}"));
        }
        for t in li.tags {
            let Ok(r) = Reference::parse(&t) else { continue };
            if let Some(old) = e.store.tag(r.clone(), &id) {
                out.line(format!("The image {r} already exists, renaming the old one with ID {old} to empty string"));
            }
            out.line(format!("Loaded image: {r}"));
        }
    }
    out
}

/// `docker import`.
pub const IMPORT: Cmd = Cmd {
    path: "docker import",
    usage: "[OPTIONS] file|URL|- [REPOSITORY[:TAG]]",
    short: "Import the contents from a tarball to create a filesystem image",
    aliases: "docker image import, docker import",
    flags: &[
        value("change", Some('c')).doc("list", "Apply Dockerfile instruction to the created image"),
        value("message", Some('m')).doc("string", "Set commit message for imported image"),
        value("platform", None).doc("string", "Set platform if server is multi-platform capable"),
    ],
    args: Args::Range(1, 2),
    interspersed: true,
};

/// `docker import FILE [REPO[:TAG]]`: one flattened layer; prints the new image ID.
pub fn import(e: &mut Engine, cmd: &Cmd, args: &[String]) -> Output {
    let p = match cmd.parse(args) {
        Ok(p) => p,
        Err(o) => return o,
    };
    let target = match p.args.get(1).map(|t| Reference::parse(t)).transpose() {
        Ok(t) => t,
        Err(m) => return Output::fail(1, m),
    };
    let bytes = match read_archive(e, Some(&p.args[0]), "requested import from stdin, but stdin is empty") {
        Ok(b) => b,
        Err(m) => return Output::fail(1, m),
    };
    let read = match crate::oci::read_layer_tar_with(&bytes[..], &Default::default()) {
        Ok(l) => l,
        Err(err) => return Output::daemon(err),
    };
    let mut config = ContainerConfig::default();
    if let Err(m) = apply_changes(&mut config, &p.all("change")) {
        return Output::daemon(m);
    }
    let now = e.now();
    // The layer is kept as given: its diff_id is the digest of the uncompressed stream read.
    let blob = BlobDesc {
        digest: crate::image::sha256_digest(&bytes),
        size: bytes.len() as u64,
        gzip: bytes.starts_with(&[0x1f, 0x8b]),
    };
    let info =
        LayerInfo::loaded(read.layer, read.diff_id, read.tar_size, blob, BlobBytes::Memory(std::sync::Arc::new(bytes)));
    let cfg = ImageConfig {
        architecture: "amd64".into(),
        os: "linux".into(),
        config,
        created: Some(rfc3339(now)),
        history: vec![History {
            created: Some(rfc3339(now)),
            comment: Some(p.get("message").map(String::from).unwrap_or_else(|| "Imported from -".into())),
            ..Default::default()
        }],
        rootfs: RootFs { kind: "layers".into(), diff_ids: vec![info.diff_id.clone()] },
        ..Default::default()
    };
    let id = e.store.insert(Image::new(cfg, vec![info], now));
    if let Some(r) = target {
        e.store.tag(r, &id);
    }
    Output::ok(format!("{id}\n"))
}

/// `--change` instructions go through the builder's one dispatch.
pub use crate::build::apply_changes;

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::RefCell;
    use std::collections::HashMap;
    use std::rc::Rc;

    /// Files in memory; a file can only be read as a stream, a few bytes per read.
    #[derive(Clone, Default)]
    struct StreamOnly(Rc<RefCell<HashMap<String, Vec<u8>>>>);

    /// Hands out at most 1000 bytes per read.
    struct Trickle(std::io::Cursor<Vec<u8>>);

    impl Read for Trickle {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = buf.len().min(1000);
            self.0.read(&mut buf[..n])
        }
    }

    impl crate::engine::Host for StreamOnly {
        fn load_context(&self, path: &str, _: Option<&str>) -> Result<(String, crate::build::Context), String> {
            Err(format!("no context {path}"))
        }
        fn read_file(&self, path: &str) -> Result<Vec<u8>, String> {
            Err(format!("{path} must be streamed, not read whole"))
        }
        fn open_file(&self, path: &str) -> Result<Box<dyn Read + '_>, String> {
            let bytes = self.0.borrow().get(path).cloned().ok_or(format!("open {path}: no such file"))?;
            Ok(Box::new(Trickle(std::io::Cursor::new(bytes))))
        }
        fn write_file(&mut self, path: &str, bytes: &[u8]) -> Result<(), String> {
            self.0.borrow_mut().insert(path.to_string(), bytes.to_vec());
            Ok(())
        }
    }

    #[test]
    fn load_reads_the_archive_as_a_stream() {
        let files = StreamOnly::default();
        let mut e = Engine::new(|| 1_700_000_000);
        e.set_host(files.clone());
        let run = |e: &mut Engine, line: &str| {
            let o = e.exec_line(line);
            assert_eq!(o.code, 0, "{line}: {}", o.stderr);
            o.stdout
        };
        run(&mut e, "docker pull -q busybox");
        let id = run(&mut e, "docker images -q busybox");
        run(&mut e, "docker save -o img.tar busybox");
        run(&mut e, "docker rmi busybox");
        assert_eq!(run(&mut e, "docker load -i img.tar"), "Loaded image: busybox:latest\n");
        assert_eq!(run(&mut e, "docker images -q busybox"), id);
        assert_eq!(run(&mut e, "docker run --rm busybox echo loaded"), "loaded\n");
        let o = e.exec_line("docker load -i nothing.tar");
        assert_eq!((o.code, o.stderr.as_str()), (1, "open nothing.tar: no such file\n"));
        files.0.borrow_mut().insert("empty.tar".into(), Vec::new());
        let o = e.exec_line("docker load -i empty.tar");
        assert_eq!(o.stderr, "Error response from daemon: invalid tar archive: archive: no files in it\n");
    }

    #[test]
    fn an_image_named_twice_is_saved_with_its_tag_once() {
        let files = StreamOnly::default();
        let mut e = Engine::new(|| 1_700_000_000);
        e.set_host(files.clone());
        e.exec_line("docker pull -q busybox");
        let o = e.exec_line("docker save -o img.tar busybox busybox:latest");
        assert_eq!(o.code, 0, "{}", o.stderr);
        let tar = files.0.borrow().get("img.tar").cloned().unwrap();
        let mut archive = tar::Archive::new(tar.as_slice());
        let mut named = Vec::new();
        for entry in archive.entries().unwrap() {
            let mut entry = entry.unwrap();
            let path = entry.path().unwrap().to_string_lossy().into_owned();
            if path == "manifest.json" || path == "index.json" {
                let mut text = String::new();
                entry.read_to_string(&mut text).unwrap();
                named.push((path, text.matches("busybox:latest").count()));
            }
        }
        crate::util::sort::sort(&mut named);
        assert_eq!(named, [("index.json".to_string(), 1), ("manifest.json".to_string(), 1)]);
    }

    #[test]
    fn typed_saves_and_loads_name_their_images_and_files_as_the_command_would() {
        let mut e = Engine::new(|| 1_700_000_000);
        e.exec_line("docker pull -q busybox");
        let id = e.store.resolve("busybox").unwrap().id.clone();
        let tagged = |file: &str| {
            Some(SaveRequest {
                images: vec![(id.clone(), vec!["busybox:latest".to_string()])],
                file: Some(file.to_string()),
            })
        };
        assert_eq!(e.typed_save("docker save -o b.tar busybox"), tagged("b.tar"));
        assert_eq!(e.typed_save("docker image save busybox > b.tar"), tagged("b.tar"));
        assert_eq!(e.typed_save("docker save --output=b.tar busybox"), tagged("b.tar"));
        // The same tag named twice (or by its ID besides) is written once.
        let twice = format!("docker save -o b.tar busybox busybox:latest docker.io/library/busybox {id}");
        assert_eq!(e.typed_save(&twice), tagged("b.tar"));
        // An ID names no tag; no file is standard output; what would fail is left to the engine.
        assert_eq!(
            e.typed_save(&format!("docker save {id}")),
            Some(SaveRequest { images: vec![(id.clone(), vec![])], file: None })
        );
        assert_eq!(e.typed_save("docker save -o x.tar nosuch"), None);
        assert_eq!(e.typed_save("docker save --bogus busybox"), None);
        assert_eq!(e.typed_save("docker images"), None);
        assert_eq!(e.typed_load_input("docker load -i b.tar").as_deref(), Some("b.tar"));
        assert_eq!(e.typed_load_input("docker image load < b.tar").as_deref(), Some("b.tar"));
        assert_eq!(e.typed_load_input("docker load --input=b.tar -q").as_deref(), Some("b.tar"));
        assert_eq!(e.typed_load_input("docker load"), None);
    }
}
