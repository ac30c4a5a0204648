//! The one place the playground calls the engine: parsing for diagnostics, resumable
//! builds translated into [`BuildUpdate`]s, docker commands for the terminal and the
//! history/inspect views, layer snapshots for the explorer, and image archives.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use crate::build::{self, BuildJob, BuildRequest, Event};
use crate::engine::Engine;
use crate::vfs::{ChangeKind, Tree};

use super::codec;
use super::dom;
use super::editor::Diagnostic;
use super::state::{BuildUpdate, CtxEntry, LayerCard, LogKind, LogLine, State, TermLine};

/// The filesystem as of one build step, with what that step changed.
#[derive(Debug)]
pub struct Snapshot {
    /// The union view after the step.
    pub tree: Tree,
    /// The view before the step (for deleted entries).
    pub lower: Tree,
    /// `docker diff`-style marks of the step's layer.
    pub changes: BTreeMap<String, ChangeKind>,
    /// Number of layers in the image after the step.
    pub layers: usize,
}

/// What a terminal command printed.
pub struct TermResult {
    /// Output lines.
    pub lines: Vec<TermLine>,
    /// The prompt to show next (`None`: the docker prompt).
    pub shell_prompt: Option<String>,
}

struct Running {
    generation: u64,
    /// When the build was started (`performance.now()` milliseconds).
    started: f64,
    job: BuildJob,
    current: Option<(usize, String, (usize, usize))>,
}

struct Inner {
    engine: Engine,
    build: Option<Running>,
    /// The image save in progress.
    saving: Option<Saving>,
    /// Saves started (numbers them).
    saves: u64,
    /// The newest build requested (a build waiting for catalogue data may be superseded).
    requested: u64,
    /// The picked image archive being loaded, and archives picked so far (numbers them).
    loading: Option<Loading>,
    picked: u64,
}

/// A picked archive being loaded as its pieces are read.
struct Loading {
    id: u64,
    job: crate::oci::LoadJob,
    /// Why the archive cannot load, once known (the rest is not read).
    failed: Option<crate::oci::LoadError>,
}

/// The editor's Dockerfile and context as the terminal's `docker build .` sees them.
#[derive(Clone, Default)]
struct Project {
    dockerfile: String,
    context: super::state::Context,
    /// The simulated host's directories that bind mounts of absolute paths share.
    host_dirs: Tree,
    /// Files the terminal wrote (`docker save -o x.tar`, `docker export c > c.tar`), oldest
    /// first, so that `docker load -i x.tar` and `docker import c.tar` read them back.
    written: Vec<(String, Written)>,
}

/// A file the terminal wrote: bytes, or a Blob (a sliced `docker save`'s archive, which the
/// terminal's `docker load -i` reads back in pieces).
#[derive(Clone)]
enum Written {
    Bytes(Rc<[u8]>),
    Blob(web_sys::Blob),
}

impl Written {
    fn len(&self) -> usize {
        match self {
            Written::Bytes(b) => b.len(),
            Written::Blob(b) => b.size() as usize,
        }
    }
}

/// Keeps a file the terminal wrote, within [`WRITTEN_BUDGET`] (the oldest go first).
fn keep_written(p: &mut Project, path: &str, file: Written) {
    let key = host_key(path);
    p.written.retain(|(k, _)| *k != key);
    p.written.push((key, file));
    let mut total: usize = p.written.iter().map(|(_, b)| b.len()).sum();
    while total > WRITTEN_BUDGET && p.written.len() > 1 {
        total -= p.written.remove(0).1.len();
    }
}

/// How many bytes of written files the page keeps (the oldest go first).
const WRITTEN_BUDGET: usize = 768 << 20;

/// The key of a host path: `./x.tar` and `x.tar` are one file.
fn host_key(path: &str) -> String {
    if path.starts_with('/') {
        crate::vfs::path::normalize("/", path)
    } else {
        crate::vfs::path::normalize("/", path).trim_start_matches('/').to_string()
    }
}

/// Serves `docker build PATH` from the editor and the context panel: `.` (or `./`, or
/// empty) is the context root; `-f NAME` reads NAME from the context.
struct EditorContext(Rc<RefCell<Project>>);

impl crate::engine::Host for EditorContext {
    /// Bind mounts: a relative path (`.`, `./site`) names the context's files (read-only
    /// here: the context panel keeps its own); an absolute one a directory of the simulated
    /// host, kept for the page's session.
    fn read_tree(&self, path: &str) -> Result<Option<Tree>, String> {
        let p = self.0.borrow();
        if path.starts_with('/') {
            let at = crate::vfs::path::normalize("/", path);
            if !p.host_dirs.get(&at).is_some_and(|n| n.is_dir()) {
                return Ok(None);
            }
            let mut t = Tree::new();
            for (q, n) in p.host_dirs.subtree(&at) {
                let rel = if at == "/" { q.clone() } else { q[at.len()..].to_string() };
                if !rel.is_empty() {
                    t.insert(&rel, n.clone());
                }
            }
            return Ok(Some(t));
        }
        let rel = crate::vfs::path::normalize("/", path).trim_start_matches('/').to_string();
        let prefix = if rel.is_empty() { String::new() } else { format!("{rel}/") };
        if !rel.is_empty() && !matches!(p.context.get(&rel), Some(CtxEntry::Dir)) {
            return Ok(None);
        }
        let mut ctx = build::Context::new();
        for (q, e) in p.context.iter().filter(|(q, _)| q.starts_with(&prefix)) {
            match e {
                CtxEntry::Dir => ctx.add_dir(&q[prefix.len()..]),
                CtxEntry::File { data, mode } => ctx.add_file_mode(&q[prefix.len()..], data.to_vec(), *mode),
            }
        }
        Ok(Some(ctx.to_tree()))
    }

    fn create_dir(&mut self, path: &str) -> Result<(), String> {
        if !path.starts_with('/') {
            return Err(format!("mkdir {path}: the context panel's folders are made there"));
        }
        let meta = crate::vfs::Meta::root(0o755);
        self.0.borrow_mut().host_dirs.mkdir_all("/", path, meta).map(|_| ()).map_err(|e| format!("mkdir {path}: {e}"))
    }

    fn write_tree(&mut self, path: &str, _before: &Tree, after: &Tree) -> Result<(), String> {
        if !path.starts_with('/') {
            return Ok(());
        }
        let at = crate::vfs::path::normalize("/", path);
        let mut p = self.0.borrow_mut();
        p.host_dirs.remove_subtree(&at);
        for (q, n) in after.iter() {
            let to = if q == "/" {
                at.clone()
            } else if at == "/" {
                q.clone()
            } else {
                format!("{at}{q}")
            };
            p.host_dirs.insert(&to, n.clone());
        }
        Ok(())
    }

    fn read_file(&self, path: &str) -> Result<Vec<u8>, String> {
        let key = host_key(path);
        match self.0.borrow().written.iter().rev().find(|(k, _)| *k == key) {
            Some((_, Written::Bytes(bytes))) => return Ok(bytes.to_vec()),
            Some((_, Written::Blob(_))) => {
                return Err(format!("open {path}: the page reads this archive only with `docker load -i {path}`"))
            }
            None => {}
        }
        if path.starts_with('/') {
            if let Ok(c) = self.0.borrow().host_dirs.read("/", path) {
                return Ok(c.bytes().into_owned());
            }
        }
        match self.0.borrow().context.get(path.trim_start_matches("./")) {
            Some(CtxEntry::File { data, .. }) => Ok(data.to_vec()),
            _ => Err(format!("open {path}: no such file or directory")),
        }
    }

    /// Files the terminal writes (`docker save -o img.tar`, `docker export -o …`) are
    /// offered as downloads under their base name, and kept for the terminal to read back.
    fn write_file(&mut self, path: &str, bytes: &[u8]) -> Result<(), String> {
        keep_written(&mut self.0.borrow_mut(), path, Written::Bytes(Rc::from(bytes)));
        let name = path.rsplit('/').next().filter(|n| !n.is_empty()).unwrap_or("layerlab-output");
        let mime = if name.ends_with(".tar") { "application/x-tar" } else { "application/octet-stream" };
        super::download::offer_bytes(name, mime, bytes)
    }

    fn load_context(&self, path: &str, dockerfile: Option<&str>) -> Result<(String, build::Context), String> {
        let p = self.0.borrow();
        let root = path.trim_end_matches('/');
        if !(root.is_empty() || root == ".") {
            return Err(format!(
                "unable to prepare context: path \"{path}\" not found (the playground's context is \".\")"
            ));
        }
        let text = match dockerfile {
            None | Some("Dockerfile") | Some("./Dockerfile") => match p.context.get("Dockerfile") {
                Some(CtxEntry::File { data, .. }) => String::from_utf8_lossy(data).into_owned(),
                _ => p.dockerfile.clone(),
            },
            Some(name) => match p.context.get(name.trim_start_matches("./")) {
                Some(CtxEntry::File { data, .. }) => String::from_utf8_lossy(data).into_owned(),
                _ => {
                    return Err(format!(
                        "unable to evaluate symlinks in Dockerfile path: lstat {name}: no such file or directory"
                    ))
                }
            },
        };
        Ok((text, to_build_context(&p.context)))
    }
}

pub fn to_build_context(ctx: &super::state::Context) -> build::Context {
    let mut context = build::Context::new();
    for (path, e) in ctx {
        match e {
            CtxEntry::Dir => context.add_dir(path),
            CtxEntry::File { data, mode } => context.add_file_mode(path, data.to_vec(), *mode),
        }
    }
    context.mtime = dom::epoch_seconds();
    context
}

/// A shared handle on the engine. Cloning shares it; equality is identity.
#[derive(Clone)]
pub struct Bridge(Rc<RefCell<Inner>>, Rc<RefCell<Project>>);

impl PartialEq for Bridge {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl Default for Bridge {
    fn default() -> Self {
        Self::new()
    }
}

/// Parser errors and warnings of a Dockerfile, for the editor.
pub fn diagnostics(dockerfile: &str) -> Vec<Diagnostic> {
    match crate::dockerfile::parse(dockerfile) {
        Ok(df) => df
            .warnings
            .into_iter()
            .map(|w| Diagnostic { line: w.line, message: w.message, error: false, from_build: false })
            .collect(),
        Err(e) => vec![Diagnostic { line: e.line.max(1), message: e.message, error: true, from_build: false }],
    }
}

fn log_kind(line: &str) -> LogKind {
    if line.starts_with("Step ") {
        LogKind::Step
    } else if line.starts_with("Successfully ") {
        LogKind::Success
    } else {
        LogKind::Output
    }
}

impl Bridge {
    /// A fresh engine with an empty image store.
    pub fn new() -> Bridge {
        let project = Rc::new(RefCell::new(Project::default()));
        let mut engine = Engine::new(dom::epoch_seconds);
        engine.set_host(EditorContext(project.clone()));
        let inner = Inner { engine, build: None, saving: None, saves: 0, requested: 0, loading: None, picked: 0 };
        Bridge(Rc::new(RefCell::new(inner)), project)
    }

    /// Tells the engine what the editor holds (for `docker build .` in the terminal).
    pub fn set_project(&self, dockerfile: &str, context: &super::state::Context) {
        let mut p = self.1.borrow_mut();
        if p.dockerfile != dockerfile {
            p.dockerfile = dockerfile.to_string();
        }
        if p.context != *context {
            p.context = context.clone();
        }
    }

    /// Notes that build number `generation` was requested (the newest one wins).
    pub fn request(&self, generation: u64) {
        let mut inner = self.0.borrow_mut();
        inner.requested = inner.requested.max(generation);
    }

    /// Whether build `generation` is still the newest one requested.
    pub fn latest_request(&self, generation: u64) -> bool {
        self.0.borrow().requested == generation
    }

    /// Starts building the state's Dockerfile and context as build number `generation`,
    /// abandoning any build still running.
    pub fn start_build(&self, generation: u64, s: &State) {
        let context = to_build_context(&s.context);
        let tags = if s.settings.tag.trim().is_empty() { Vec::new() } else { vec![s.settings.tag.trim().to_string()] };
        let req = BuildRequest {
            dockerfile: s.dockerfile.clone(),
            context,
            tags,
            build_args: s.settings.build_args.iter().filter(|(k, _)| !k.trim().is_empty()).cloned().collect(),
            no_cache: s.settings.no_cache,
            target: Some(s.settings.target.clone()).filter(|t| !t.is_empty()),
        };
        let mut inner = self.0.borrow_mut();
        let job = inner.engine.start_build(req);
        inner.build = Some(Running { generation, started: dom::now_ms(), job, current: None });
    }

    /// Runs the next step of build `generation`: its updates, whether the build is over,
    /// and the milliseconds since the build started (the whole build so far, rendering
    /// between steps included). `None` when that build is no longer the current one.
    pub fn step(&self, generation: u64) -> Option<(Vec<BuildUpdate>, bool, f64)> {
        let mut guard = self.0.borrow_mut();
        let inner = &mut *guard;
        let run = inner.build.as_mut().filter(|r| r.generation == generation)?;
        let t0 = dom::now_ms();
        let events = inner.engine.build_step(&mut run.job);
        let millis = dom::now_ms() - t0;
        let mut out = Vec::new();
        let mut log = Vec::new();
        for ev in events {
            if let Some(text) = ev.log_line() {
                let kind = if matches!(ev, Event::Failed(_)) { LogKind::Error } else { log_kind(&text) };
                if !matches!(ev, Event::Failed(_)) {
                    log.extend(text.lines().map(|l| LogLine { text: l.to_string(), kind }));
                }
            }
            match ev {
                Event::Step { number, total, start_line, end_line, text } => {
                    flush(&mut out, &mut log);
                    run.current = Some((number, text.clone(), (start_line, end_line)));
                    out.push(BuildUpdate::StepStarted {
                        step: number,
                        total,
                        instruction: text,
                        lines: (start_line, end_line),
                    });
                }
                Event::Layer(l) => {
                    flush(&mut out, &mut log);
                    let (instruction, lines) = match &run.current {
                        Some((n, text, lines)) if *n == l.step => (text.clone(), *lines),
                        _ => (String::new(), (l.line, l.line)),
                    };
                    let is_from = instruction.split_whitespace().next().is_some_and(|k| k.eq_ignore_ascii_case("FROM"));
                    let (image_size, image_layers) =
                        inner.engine.store.get(&l.image_id).map_or((0, 0), |i| (i.size(), i.layers.len()));
                    let base_size = is_from.then_some(image_size);
                    out.push(BuildUpdate::Committed(LayerCard {
                        step: l.step,
                        instruction,
                        lines,
                        size: l.size,
                        empty: l.diff_id.is_none(),
                        digest: l.diff_id,
                        cached: l.cached,
                        millis,
                        created_by: l.created_by,
                        image_id: l.image_id,
                        base_size,
                        image_size,
                        image_layers,
                    }));
                }
                Event::Done { image_id, tags } => {
                    flush(&mut out, &mut log);
                    out.push(BuildUpdate::Done { image_id, tags });
                }
                Event::Failed(e) => {
                    flush(&mut out, &mut log);
                    out.push(BuildUpdate::Failed { message: e.to_string(), line: e.line });
                }
                _ => {}
            }
        }
        flush(&mut out, &mut log);
        let done = run.job.is_done();
        let elapsed = dom::now_ms() - run.started;
        if done {
            inner.build = None;
        }
        Some((out, done, elapsed))
    }

    /// The filesystem after the step that made `image_id`; `own_layer` says whether that
    /// step made the image's top layer (otherwise nothing is marked as changed).
    pub fn snapshot(&self, image_id: &str, own_layer: bool) -> Option<Snapshot> {
        let inner = self.0.borrow();
        let image = inner.engine.store.get(image_id)?;
        let n = image.layers.len();
        if own_layer && n > 0 {
            let lower = Tree::from_layers(image.layers[..n - 1].iter().map(|l| l.layer()));
            let top = image.layers[n - 1].layer();
            let mut tree = lower.clone();
            top.apply_to(&mut tree);
            let changes = crate::util::collect::map(top.changes(&lower));
            Some(Snapshot { tree, lower, changes, layers: n })
        } else {
            let tree = Tree::from_layers(image.layers.iter().map(|l| l.layer()));
            Some(Snapshot { tree, lower: Tree::new(), changes: BTreeMap::new(), layers: n })
        }
    }

    /// Runs `f` on the engine's image store (the size analysis and hints read it).
    pub fn with_store<R>(&self, f: impl FnOnce(&mut crate::image::Store) -> R) -> R {
        f(&mut self.0.borrow_mut().engine.store)
    }

    /// Runs a docker command (argv without `docker`) and returns its exit status and output.
    pub fn docker(&self, argv: &[String]) -> (i32, String, String) {
        let out = self.0.borrow_mut().engine.exec(argv);
        (out.code, out.stdout, out.stderr)
    }

    /// Runs a line typed in the terminal: in the container shell when one is attached
    /// (`docker run -it IMAGE sh`), otherwise as a docker command, exactly as the CLI
    /// would answer it (or `curl`/`wget` on the host, against published ports).
    pub fn terminal(&self, line: &str) -> TermResult {
        let mut inner = self.0.borrow_mut();
        let engine = &mut inner.engine;
        if engine.attach_prompt().is_some() {
            let out = engine.attach_line(line);
            return TermResult { lines: output_lines(&out), shell_prompt: engine.attach_prompt() };
        }
        let first = match codec::split_words(line) {
            Ok(w) => w.into_iter().next(),
            Err(e) => {
                return TermResult {
                    lines: vec![TermLine { text: format!("sh: syntax error: {e}"), kind: "err" }],
                    shell_prompt: None,
                }
            }
        };
        let lines = match first.as_deref() {
            None => Vec::new(),
            // `curl` and `wget` run on the host and reach the containers' published ports.
            Some("docker" | "layerlab" | "curl" | "wget") => output_lines(&engine.exec_line(line)),
            Some("help") => {
                let mut lines = output_lines(&engine.exec(&[]));
                lines.extend(KEYS.lines().map(|l| TermLine { text: l.to_string(), kind: "out" }));
                lines
            }
            Some(other) => {
                vec![TermLine { text: format!("sh: {other}: not found (try `docker images` or `help`)"), kind: "err" }]
            }
        };
        TermResult { lines, shell_prompt: engine.attach_prompt() }
    }

    /// The prompt of the attached container's shell (`None`: the docker prompt).
    pub fn prompt(&self) -> Option<String> {
        self.0.borrow().engine.attach_prompt()
    }

    /// The image references a terminal line may pull (whose catalogue data the page
    /// fetches before running it): the operands of `docker pull/run/create`, and the
    /// editor's `FROM` images for `docker build`.
    pub fn terminal_references(&self, line: &str) -> Vec<String> {
        if self.0.borrow().engine.attach_prompt().is_some() {
            return Vec::new();
        }
        let words = codec::split_words(line).unwrap_or_default();
        let argv = match words.split_first() {
            Some((program, argv)) if program == "docker" || program == "layerlab" => argv,
            _ => return Vec::new(),
        };
        let mut refs = crate::catalog::references::in_command(argv);
        if crate::catalog::references::builds(argv) {
            let dockerfile = self.1.borrow().dockerfile.clone();
            refs.extend(crate::catalog::references::in_dockerfile(&dockerfile, &[]).into_iter().map(|(_, r)| r));
        }
        refs
    }

    /// Names of the images in the store (`repo:tag`, and short IDs of untagged ones), for
    /// tab completion.
    pub fn image_names(&self) -> Vec<String> {
        let inner = self.0.borrow();
        let mut names: Vec<String> = inner.engine.store.tags().map(|(r, _)| r.to_string()).collect();
        crate::util::sort::sort(&mut names);
        names
    }
}

/// Collects written bytes as Blob parts of about 1 MiB, so an archive never sits whole in
/// the wasm heap.
pub struct BlobParts {
    /// Finished parts.
    pub parts: js_sys::Array,
    buf: Vec<u8>,
    /// Bytes written.
    pub written: u64,
}

impl BlobParts {
    /// Empty.
    pub fn new() -> Self {
        BlobParts { parts: js_sys::Array::new(), buf: Vec::with_capacity(1 << 20), written: 0 }
    }

    /// Moves the buffer out of the wasm heap as a Blob of its own: the final Blob then
    /// refers to the parts instead of copying 100 MB in one go.
    fn push_buf(&mut self) {
        if !self.buf.is_empty() {
            let bytes = js_sys::Array::of1(&js_sys::Uint8Array::from(&self.buf[..]));
            match web_sys::Blob::new_with_u8_array_sequence(&bytes) {
                Ok(blob) => self.parts.push(&blob),
                Err(_) => self.parts.push(&bytes.get(0)),
            };
            self.buf.clear();
        }
    }

    /// The parts, the last one included.
    pub fn finish(mut self) -> (js_sys::Array, u64) {
        self.push_buf();
        (self.parts, self.written)
    }
}

impl Default for BlobParts {
    fn default() -> Self {
        Self::new()
    }
}

impl std::io::Write for BlobParts {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        self.buf.extend_from_slice(data);
        self.written += data.len() as u64;
        if self.buf.len() >= 1 << 20 {
            self.push_buf();
        }
        Ok(data.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Where a save started with [`Bridge::start_save`] is.
pub enum SaveStatus {
    /// Working; the fraction of the work done (0 to 1).
    Working(f64),
    /// The archive, as Blob parts, and its size.
    Done(js_sys::Array, u64),
    /// It failed.
    Failed(String),
}

/// A save in progress: the image is looked up again at every slice.
struct Saving {
    id: u64,
    image_id: String,
    tags: Vec<String>,
    job: crate::oci::SaveJob<BlobParts>,
    /// Bytes the digest pass will count (every layer entry: 512 plus its content).
    digest_estimate: u64,
}

/// The largest layer blob a save keeps after compressing it once (to write it without
/// compressing the layer again): the archive is in memory anyway.
const SAVE_KEEP_BLOBS: u64 = 256 << 20;

/// Bytes of work handed to one `SaveJob::step`: small enough that one step (gzip and
/// sha256 of this much layer content) stays a few milliseconds on a slow, busy machine,
/// so a slice never runs far past its time.
const SAVE_STEP_BYTES: u64 = 32 * 1024;

impl Bridge {
    /// Starts saving image `image_id` (an OCI image layout that is also a docker-archive,
    /// as `docker save` writes it, with its tags) in slices; drive it with
    /// [`Bridge::save_slice`]. A save already running is abandoned. Returns the save's
    /// number.
    pub fn start_save(&self, image_id: &str) -> u64 {
        let tags = self.0.borrow().engine.store.tags_of(image_id).iter().map(|r| r.to_string()).collect();
        self.start_save_tagged(image_id, tags)
    }

    /// [`Bridge::start_save`] with the archive's tags given (`docker save nginx` names
    /// only `nginx:latest`).
    fn start_save_tagged(&self, image_id: &str, tags: Vec<String>) -> u64 {
        let mut inner = self.0.borrow_mut();
        let id = inner.saves + 1;
        inner.saves = id;
        let store = &inner.engine.store;
        let mut seen = std::collections::HashSet::new();
        let digest_estimate = store.get(image_id).map_or(0, |img| {
            img.layers
                .iter()
                .filter(|l| seen.insert(l.diff_id.clone()))
                .map(|l| l.size + 512 * l.layer().len() as u64)
                .sum()
        });
        let opts = crate::oci::SaveOptions { keep_blobs: SAVE_KEEP_BLOBS, ..Default::default() };
        let job = crate::oci::SaveJob::new(BlobParts::new(), opts);
        inner.saving = Some(Saving { id, image_id: image_id.to_string(), tags, job, digest_estimate });
        id
    }

    /// Works on save `id` for about `millis` milliseconds. `None` when that save was
    /// cancelled or replaced.
    pub fn save_slice(&self, id: u64, millis: f64) -> Option<SaveStatus> {
        let mut guard = self.0.borrow_mut();
        let inner = &mut *guard;
        let saving = inner.saving.as_mut().filter(|s| s.id == id)?;
        let Some(image) = inner.engine.store.get(&saving.image_id) else {
            inner.saving = None;
            return Some(SaveStatus::Failed("the image is gone".into()));
        };
        let images = [crate::oci::SaveImage {
            config: &image.config,
            config_bytes: Some(&image.config_bytes[..]),
            layers: image.layers.iter().map(|l| crate::oci::SaveLayer::Info(l)).collect(),
            tags: saving.tags.clone(),
        }];
        let t0 = dom::now_ms();
        loop {
            match saving.job.step(&images, SAVE_STEP_BYTES) {
                Ok(true) => {
                    let done = inner.saving.take().expect("saving");
                    let (parts, size) = done.job.finish().finish();
                    return Some(SaveStatus::Done(parts, size));
                }
                Ok(false) if dom::now_ms() - t0 < millis => {}
                Ok(false) => break,
                Err(e) => {
                    inner.saving = None;
                    return Some(SaveStatus::Failed(e.to_string()));
                }
            }
        }
        let fraction = match saving.job.progress() {
            crate::oci::SaveProgress::Writing { written, total, .. } if *total > 0 => {
                0.5 + 0.5 * (*written as f64 / *total as f64)
            }
            _ => 0.5 * (saving.job.digested_bytes() as f64 / saving.digest_estimate.max(1) as f64).min(1.0),
        };
        Some(SaveStatus::Working(fraction))
    }

    /// Starts loading a picked image archive (one being loaded is dropped); returns its
    /// number for [`Bridge::load_piece`] and [`Bridge::finish_load`].
    pub fn start_load(&self) -> u64 {
        let mut inner = self.0.borrow_mut();
        inner.picked += 1;
        let job = crate::oci::LoadJob::new(&crate::oci::LoadOptions::default());
        inner.loading = Some(Loading { id: inner.picked, job, failed: None });
        inner.picked
    }

    /// Loads the next piece of archive `id` (bounded work: the piece is hashed and decoded
    /// as it comes); false when the rest need not be read (replaced, or already failed).
    pub fn load_piece(&self, id: u64, piece: &[u8]) -> bool {
        let mut inner = self.0.borrow_mut();
        let Some(l) = inner.loading.as_mut().filter(|l| l.id == id && l.failed.is_none()) else { return false };
        if let Err(e) = l.job.push(piece) {
            l.failed = Some(e);
            return false;
        }
        true
    }

    /// Ends archive `id` (all read, or failed): adds its images as `docker load -i`
    /// does and returns the terminal's lines.
    pub fn finish_load(&self, id: u64) -> Option<TermResult> {
        let mut inner = self.0.borrow_mut();
        let l = inner.loading.take_if(|l| l.id == id)?;
        let loaded = match l.failed {
            Some(e) => Err(e),
            None => l.job.finish(),
        };
        let out = inner.engine.load_images(loaded);
        Some(TermResult { lines: output_lines(&out), shell_prompt: inner.engine.attach_prompt() })
    }

    /// A terminal line that saves one image to a file (`docker save -o x.tar img`, `docker
    /// image save img > x.tar`) starts as a sliced save, as the download button's: returns
    /// the save's number and the file's name. Anything else (several images, an unknown
    /// one, no file) runs as typed, and the engine answers.
    pub fn terminal_save(&self, line: &str) -> Option<(u64, String)> {
        let req = self.0.borrow().engine.typed_save(line)?;
        let ([(image_id, tags)], Some(file)) = (req.images.as_slice(), req.file.filter(|f| f != "-")) else {
            return None;
        };
        Some((self.start_save_tagged(image_id, tags.clone()), file))
    }

    /// Keeps the archive a sliced save wrote for the terminal as the file `path` (and
    /// offers it as a download, as every file the terminal writes).
    pub fn keep_saved(&self, path: &str, parts: &js_sys::Array) -> Result<(), String> {
        let blob = web_sys::Blob::new_with_blob_sequence(parts).map_err(|e| format!("{e:?}"))?;
        keep_written(&mut self.1.borrow_mut(), path, Written::Blob(blob));
        let name = path.rsplit('/').next().filter(|n| !n.is_empty()).unwrap_or("layerlab-output");
        super::download::offer_parts(name, "application/x-tar", parts)
    }

    /// The archive a terminal line loads when the page keeps it as a Blob (`docker load -i
    /// x.tar` after a sliced `docker save -o x.tar`), with its name: the terminal reads it
    /// in pieces.
    pub fn terminal_load(&self, line: &str) -> Option<(web_sys::Blob, String)> {
        let file = self.0.borrow().engine.typed_load_input(line)?;
        let key = host_key(&file);
        let p = self.1.borrow();
        match p.written.iter().rev().find(|(k, _)| *k == key) {
            Some((_, Written::Blob(b))) => Some((b.clone(), file)),
            _ => None,
        }
    }

    /// Abandons the save in progress, if any.
    pub fn cancel_save(&self) {
        self.0.borrow_mut().saving = None;
    }
}

fn flush(out: &mut Vec<BuildUpdate>, log: &mut Vec<LogLine>) {
    if !log.is_empty() {
        out.push(BuildUpdate::Log(std::mem::take(log)));
    }
}

/// What the terminal's `help` adds after docker's own help.
pub const KEYS: &str = "Type a docker command (docker run -it alpine sh opens a shell; exit leaves it).
Keys: ↑/↓ history, Tab completes commands and image names, Ctrl+L clears.";

/// A command's output as terminal lines, both streams in the order the engine wrote them
/// (as the CLI prints them).
fn output_lines(out: &crate::engine::Output) -> Vec<TermLine> {
    let mut lines = Vec::new();
    for (stream, text) in out.chunks() {
        let kind = if matches!(stream, crate::engine::Stream::Stderr) { "err" } else { "out" };
        lines.extend(text.lines().map(|l| TermLine { text: l.to_string(), kind }));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn builds_step_by_step_then_explores_and_runs_a_container_shell() {
        let bridge = Bridge::new();
        let state = State { dockerfile: "FROM alpine:3.20\nRUN echo hi > /x\nENV A=1\n".into(), ..State::default() };
        bridge.start_build(1, &state);
        let mut updates = Vec::new();
        for _ in 0..20 {
            let (u, done, _) = bridge.step(1).expect("the current build");
            updates.extend(u);
            if done {
                break;
            }
        }
        assert!(bridge.step(1).is_none(), "a finished build takes no more steps");
        let cards: Vec<&LayerCard> =
            updates.iter().filter_map(|u| if let BuildUpdate::Committed(c) = u { Some(c) } else { None }).collect();
        assert_eq!(
            cards.iter().map(|c| (c.step, c.empty, c.lines)).collect::<Vec<_>>(),
            [(1, true, (1, 1)), (2, false, (2, 2)), (3, true, (3, 3))]
        );
        assert!(cards[0].base_size.is_some_and(|s| s > 0));
        assert_eq!(cards[1].instruction, "RUN echo hi > /x");
        assert!(
            matches!(updates.last(), Some(BuildUpdate::Done { tags, .. }) if tags.iter().any(|t| t.contains("playground")))
        );

        let snap = bridge.snapshot(&cards[1].image_id, true).unwrap();
        assert_eq!(snap.changes.get("/x"), Some(&ChangeKind::Added));
        assert!(snap.tree.get("/bin/sh").is_some() && snap.lower.get("/x").is_none());

        assert_eq!(bridge.terminal("docker run -it playground sh").shell_prompt.as_deref(), Some("/ # "));
        let r = bridge.terminal("cd /tmp; cat /x");
        assert_eq!((r.lines[0].text.as_str(), r.shell_prompt.as_deref()), ("hi", Some("/tmp # ")));
        assert_eq!(bridge.terminal("exit").shell_prompt, None);
        let out = bridge.terminal("docker images");
        assert!(out.lines[0].text.starts_with("REPOSITORY"));
        assert!(bridge.image_names().iter().any(|n| n.contains("playground")));
    }

    #[wasm_bindgen_test]
    fn a_newer_build_supersedes_the_running_one() {
        let bridge = Bridge::new();
        let state = State { dockerfile: "FROM alpine:3.20\nRUN true\n".into(), ..State::default() };
        bridge.start_build(1, &state);
        bridge.start_build(2, &state);
        assert!(bridge.step(1).is_none());
        assert!(bridge.step(2).is_some());
    }

    #[wasm_bindgen_test]
    fn parser_findings_become_diagnostics() {
        let d = diagnostics("FROM alpine\nRUNN x\n");
        assert_eq!(d.len(), 1);
        assert!(d[0].error && d[0].line == 2 && d[0].message.contains("RUNN"), "{d:?}");
    }
}
