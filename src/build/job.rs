//! The resumable build: planning the stages, then one instruction per step.

use std::borrow::Cow;

use crate::dockerfile::{self, shell_or_default, Command, CopyArgs, Dockerfile, Instruction, ShellOrExec, VarScope};
use crate::image::{short_id, Reference, Store};
use crate::vfs::{path, Meta, Tree};

use super::commit::{Commit, PendingCommit};
use super::copy::{copy, CopySpec};
use super::dispatch::{dispatch, Dispatched};
use super::events::{BuildError, Event, LayerEvent};
use super::history;
use super::run::{execute, resolve_user, RunCommand};
use super::stage::StageState;
use super::{resolve_base, Context, MAX_LAYERS};

/// What to build.
#[derive(Clone, Debug, Default)]
pub struct BuildRequest {
    /// The Dockerfile text.
    pub dockerfile: String,
    /// The build context.
    pub context: Context,
    /// `-t` references.
    pub tags: Vec<String>,
    /// `--build-arg` values.
    pub build_args: Vec<(String, String)>,
    /// `--no-cache`.
    pub no_cache: bool,
    /// `--target` stage name.
    pub target: Option<String>,
}

/// A build in progress. Call [`BuildJob::step`] until [`BuildJob::is_done`].
pub struct BuildJob {
    req: BuildRequest,
    context_tree: Option<Tree>,
    parsed: Option<Dockerfile>,
    /// Indices into the instructions, in execution order (stages up to the target).
    plan: Vec<usize>,
    pos: usize,
    global: Option<VarScope>,
    stages: Vec<StageState>,
    /// The current stage's last step, while its layer is hashed.
    pending: Option<PendingCommit>,
    tags: Vec<Reference>,
    result: Option<Result<String, BuildError>>,
}

impl BuildJob {
    /// Prepares a build; nothing runs until the first step.
    pub fn new(req: BuildRequest) -> BuildJob {
        BuildJob {
            req,
            context_tree: None,
            parsed: None,
            plan: Vec::new(),
            pos: 0,
            global: None,
            stages: Vec::new(),
            pending: None,
            tags: Vec::new(),
            result: None,
        }
    }

    /// True once the build has finished or failed.
    pub fn is_done(&self) -> bool {
        self.result.is_some()
    }

    /// The final image ID, or the error, once done.
    pub fn result(&self) -> Option<&Result<String, BuildError>> {
        self.result.as_ref()
    }

    /// Runs the next part of the build (parsing, one instruction, a slice of hashing a
    /// step's layer, or the final tagging) and returns what happened. `now` is the current
    /// time in seconds since the epoch.
    pub fn step(&mut self, store: &mut Store, now: i64) -> Vec<Event> {
        if self.result.is_some() {
            return Vec::new();
        }
        let mut events = Vec::new();
        if let Some(pending) = &mut self.pending {
            if pending.advance() {
                let stage = self.stages.last_mut().expect("a FROM came first");
                self.pending.take().expect("pending").finish(stage, store, &mut events);
            }
            return events;
        }
        let outcome = if self.parsed.is_none() {
            self.prepare(&mut events)
        } else if self.pos < self.plan.len() {
            let idx = self.plan[self.pos];
            self.pos += 1;
            self.instruction(idx, store, now, &mut events)
        } else {
            self.finish(store, &mut events)
        };
        if let Err(e) = outcome {
            events.push(Event::Failed(e.clone()));
            self.result = Some(Err(e));
        }
        events
    }

    fn prepare(&mut self, events: &mut Vec<Event>) -> Result<(), BuildError> {
        for t in &self.req.tags {
            let r = Reference::parse(t)
                .map_err(|e| BuildError::general(format!("invalid argument \"{t}\" for \"-t, --tag\" flag: {e}")))?;
            self.tags.push(r);
        }
        let df = dockerfile::parse(&self.req.dockerfile)?;
        for w in &df.warnings {
            events.push(Event::Warning(format!("Dockerfile:{}: {}", w.line, w.message)));
        }
        let froms = df.stage_starts();
        let last = match &self.req.target {
            None => froms.len() - 1,
            Some(t) => froms
                .iter()
                .position(|&i| matches!(&df.instructions[i].command, Command::From { name: Some(n), .. } if n.eq_ignore_ascii_case(t)))
                .ok_or_else(|| BuildError::general(format!("failed to reach build target {t} in Dockerfile")))?,
        };
        let end = froms.get(last + 1).copied().unwrap_or(df.instructions.len());
        self.plan = (froms[0]..end).collect();
        let mut global = VarScope::global(&self.req.build_args);
        for ins in &df.instructions[..froms[0]] {
            if let Command::Arg(args) = &ins.expanded(df.escape, &|n| global.lookup(n))?.command {
                for (k, v) in args {
                    global
                        .declare_global_arg(k, v.as_deref(), df.escape)
                        .map_err(|e| BuildError::at(ins.start_line, e))?;
                }
            }
        }
        self.global = Some(global);
        self.context_tree = Some(self.req.context.to_tree());
        self.parsed = Some(df);
        Ok(())
    }

    fn instruction(
        &mut self,
        idx: usize,
        store: &mut Store,
        now: i64,
        events: &mut Vec<Event>,
    ) -> Result<(), BuildError> {
        let df = self.parsed.as_ref().expect("prepared");
        let raw = &df.instructions[idx];
        let number = self.pos;
        let total = self.plan.len();
        events.push(Event::Step {
            number,
            total,
            start_line: raw.start_line,
            end_line: raw.end_line,
            text: raw.original.clone(),
        });
        events.push(Event::Log(format!("Step {number}/{total} : {}", raw.original)));
        if let Command::From { .. } = raw.command {
            let global = self.global.as_ref().expect("prepared");
            let ins = raw.expanded(df.escape, &|n| global.lookup(n))?;
            return self.from(&ins, store, now, events);
        }
        let escape = df.escape;
        let ins = {
            let stage = self.stages.last().expect("a FROM came first");
            raw.expanded(escape, &|n| stage.scope.lookup(n))?
        };
        let mut stage = self.stages.pop().expect("a FROM came first");
        let context = self.context_tree.as_ref().expect("prepared");
        let pending = step_in_stage(
            &mut stage,
            &self.stages,
            context,
            &ins,
            escape,
            number,
            self.req.no_cache,
            store,
            now,
            events,
        );
        self.stages.push(stage);
        self.pending = pending?;
        Ok(())
    }

    fn from(
        &mut self,
        ins: &Instruction,
        store: &mut Store,
        now: i64,
        events: &mut Vec<Event>,
    ) -> Result<(), BuildError> {
        let Command::From { image, name, .. } = &ins.command else { unreachable!("called for FROM") };
        let line = ins.start_line;
        let global = self.global.as_ref().expect("prepared");
        let base_id = if image.eq_ignore_ascii_case("scratch") {
            None
        } else if let Some(prev) = self.stages.iter().find(|s| s.name.as_deref() == Some(&image.to_ascii_lowercase())) {
            Some(
                prev.image_id
                    .clone()
                    .ok_or_else(|| BuildError::at(line, format!("stage {image} produced no image")))?,
            )
        } else {
            let (id, pulled) = resolve_base(store, image).map_err(|e| BuildError::at(line, e))?;
            events.extend(pulled.into_iter().map(Event::Log));
            Some(id)
        };
        let base = base_id.as_deref().and_then(|id| store.get(id));
        let scope = global.for_stage(&base.map(|b| b.config.config.env_pairs()).unwrap_or_default());
        let mut stage = StageState::new(name.clone(), base, scope);
        // ONBUILD triggers of the base run now, and are not passed on to this image.
        let triggers = std::mem::take(&mut stage.config.config.on_build);
        match &stage.image_id {
            Some(id) => events.push(Event::Log(format!(" ---> {}", short_id(id)))),
            None => events.push(Event::Log(" ---> ".to_string())),
        }
        if let Some(id) = &stage.image_id {
            events.push(Event::Layer(LayerEvent {
                step: self.pos,
                image_id: id.clone(),
                size: 0,
                diff_id: None,
                cached: true,
                created_by: format!("FROM {image}"),
                line,
            }));
        }
        if !triggers.is_empty() {
            let n = triggers.len();
            events.push(Event::Log(format!("# Executing {n} build trigger{}", if n == 1 { "" } else { "s" })));
        }
        let escape = self.parsed.as_ref().map_or('\\', |d| d.escape);
        let context = self.context_tree.as_ref().expect("prepared");
        for trigger in triggers {
            let parsed = dockerfile::parse(&format!("FROM scratch\n{trigger}\n")).map_err(|e| {
                BuildError::at(line, format!("failed to parse ONBUILD trigger {trigger:?}: {}", e.message))
            })?;
            let Some(raw) = parsed.instructions.get(1) else { continue };
            let raw = Instruction { start_line: line, end_line: ins.end_line, ..raw.clone() };
            let expanded = raw.expanded(escape, &|n| stage.scope.lookup(n))?;
            let pending = step_in_stage(
                &mut stage,
                &self.stages,
                context,
                &expanded,
                escape,
                self.pos,
                self.req.no_cache,
                store,
                now,
                events,
            )?;
            // A trigger's layer is hashed at once: the next trigger builds on it.
            if let Some(pending) = pending {
                pending.finish(&mut stage, store, events);
            }
        }
        self.stages.push(stage);
        Ok(())
    }

    fn finish(&mut self, store: &mut Store, events: &mut Vec<Event>) -> Result<(), BuildError> {
        let stage = self.stages.last().expect("a FROM came first");
        let id = match &stage.image_id {
            Some(id) => id.clone(),
            None => {
                // `FROM scratch` with nothing after it still makes an (empty) image.
                let img = crate::image::Image::new(stage.config.clone(), Vec::new(), 0);
                store.insert(img)
            }
        };
        if let Some(warning) = self.global.as_ref().and_then(VarScope::unused_build_args_warning) {
            events.push(Event::Log(warning));
        }
        events.push(Event::Log(format!("Successfully built {}", short_id(&id))));
        let mut tags = Vec::new();
        for r in &self.tags {
            store.tag(r.clone(), &id);
            events.push(Event::Log(format!("Successfully tagged {r}")));
            tags.push(r.to_string());
        }
        events.push(Event::Done { image_id: id.clone(), tags });
        self.result = Some(Ok(id));
        Ok(())
    }
}

/// Runs one non-FROM instruction of the current `stage` (the finished stages are `done`);
/// a step that made a layer returns it to be hashed and committed.
#[allow(clippy::too_many_arguments)]
fn step_in_stage(
    stage: &mut StageState,
    done: &[StageState],
    context: &Tree,
    ins: &Instruction,
    escape: char,
    number: usize,
    no_cache: bool,
    store: &mut Store,
    now: i64,
    events: &mut Vec<Event>,
) -> Result<Option<PendingCommit>, BuildError> {
    let line = ins.start_line;
    let at = |m: String| BuildError::at(line, m);

    let dispatched = dispatch(stage, ins, escape).map_err(at)?;
    let meta_change = dispatched == Dispatched::Config;
    // COPY/ADD sources, looked up once for both the cache key and the copy.
    let copy_src = match &ins.command {
        Command::Copy { from, .. } => Some(source_tree(from.as_deref(), done, context, store).map_err(at)?),
        Command::Add { .. } => Some(Cow::Borrowed(context)),
        _ => None,
    };
    let workdir = stage.config.config.working_dir.clone();
    let (created_by, extra) = match (&ins.command, &copy_src) {
        (Command::Run { .. }, _) => {
            let cmd = run_command(stage, ins);
            let args = stage.scope.args_for_run();
            (history::run(&cmd.argv(), &args), String::new())
        }
        (Command::Copy { args, .. } | Command::Add { args, .. }, Some(src)) => {
            let c = copy(src, None, &copy_spec(ins, args, &workdir, now)).map_err(at)?;
            let dest = &args.dest;
            let dest_shown =
                if path::normalize("/", dest) == "/" && dest.ends_with('/') { "/".to_string() } else { dest.clone() };
            (history::copy(ins.keyword(), c.kind, &c.checksum, &dest_shown), c.checksum)
        }
        _ => (history::nop(ins, &stage.config.config.shell), String::new()),
    };
    let key = crate::image::sha256_digest(
        format!(
            "{}\n{}\n{}\n{:?}",
            stage.image_id.as_deref().unwrap_or("scratch"),
            created_by,
            extra,
            stage.config.config
        )
        .as_bytes(),
    );
    if !no_cache {
        if let Some(hit) = stage.cached(store, &key) {
            let hit = hit.clone();
            let (size, diff_id) = if hit.layers.len() > stage.layers.len() {
                let l = hit.layers.last().expect("has layers");
                (l.size, Some(l.diff_id.clone()))
            } else {
                (0, None)
            };
            stage.adopt(&hit);
            events.push(Event::Log(" ---> Using cache".into()));
            events.push(Event::Log(format!(" ---> {}", hit.short_id())));
            events.push(Event::Layer(LayerEvent {
                step: number,
                image_id: hit.id.clone(),
                size,
                diff_id,
                cached: true,
                created_by,
                line,
            }));
            return Ok(None);
        }
    }
    let container = short_id(&crate::image::sha256_digest(format!("{key}{now}").as_bytes())).to_string();
    let layer = match (&ins.command, &copy_src) {
        _ if meta_change => {
            events.push(Event::Log(format!(" ---> Running in {container}")));
            None
        }
        (Command::Run { .. }, _) => {
            events.push(Event::Log(format!(" ---> Running in {container}")));
            let cmd = run_command(stage, ins);
            let user_name = stage.config.config.user.clone();
            let user = resolve_user(stage.tree(), &user_name).map_err(at)?;
            let mut env = stage.config.config.env_pairs();
            for (k, v) in stage.scope.args_for_run() {
                if !env.iter().any(|(ek, _)| *ek == k) {
                    env.push((k, v));
                }
            }
            let network = match &ins.command {
                Command::Run { network: Some(n), .. } => crate::shell::Network::from_flag(n),
                _ => crate::shell::Network::default(),
            };
            let layer = stage.change(|tree| {
                let out = execute(tree, &cmd, &env, &workdir, user, &container, now, network).map_err(at)?;
                for l in String::from_utf8_lossy(&out.combined).lines() {
                    events.push(Event::Output(l.to_string()));
                }
                if let Some(stop) = &out.stopped {
                    return Err(at(format!("The command '{}' was stopped: {stop}", cmd.argv().join(" "))));
                }
                if out.code != 0 {
                    return Err(at(format!(
                        "The command '{}' returned a non-zero code: {}",
                        cmd.argv().join(" "),
                        out.code
                    )));
                }
                Ok(())
            })?;
            Some(layer)
        }
        (Command::Copy { args, .. } | Command::Add { args, .. }, Some(src)) => {
            let spec = copy_spec(ins, args, &workdir, now);
            Some(stage.change(|tree| copy(src, Some(tree), &spec).map(|_| ()).map_err(at))?)
        }
        (Command::Workdir(_), _) => {
            let dir = workdir.clone();
            let meta = Meta { mode: 0o755, uid: 0, gid: 0, mtime: now };
            let layer = stage.change(|tree| {
                tree.mkdir_all("/", &dir, meta).map(|_| ()).map_err(|e| at(format!("mkdir {dir}: {e}")))
            })?;
            (!layer.is_empty()).then_some(layer)
        }
        _ => None,
    };
    if layer.is_some() && stage.layers.len() >= MAX_LAYERS {
        return Err(at(format!(
            "failed to register layer: max depth exceeded (an image may have at most {MAX_LAYERS} layers)"
        )));
    }
    let ran = meta_change || matches!(ins.command, Command::Run { .. });
    let commit = Commit { created_by, key, number, line, now, container: ran.then_some(container) };
    match layer {
        Some(layer) => Ok(Some(PendingCommit::new(commit, layer))),
        None => {
            commit.finish(stage, store, None, events);
            Ok(None)
        }
    }
}

/// The command a RUN executes: shell form through the stage's SHELL (heredoc bodies
/// included), or exec form.
fn run_command(stage: &StageState, ins: &Instruction) -> RunCommand {
    let Command::Run { cmd, .. } = &ins.command else { unreachable!("called for RUN") };
    match cmd {
        ShellOrExec::Exec(v) => RunCommand::Exec(v.clone()),
        ShellOrExec::Shell(s) => {
            let shell = shell_or_default(&stage.config.config.shell);
            let script = match ins.heredocs.as_slice() {
                [] => s.clone(),
                [only]
                    if s.trim()
                        .trim_start_matches("<<")
                        .trim_start_matches('-')
                        .trim_matches(|c| c == '"' || c == '\'')
                        == only.name =>
                {
                    only.content.clone()
                }
                docs => {
                    let mut text = s.clone();
                    for d in docs {
                        text.push('\n');
                        text.push_str(&d.content);
                        text.push_str(&d.name);
                    }
                    text
                }
            };
            RunCommand::Shell { shell, script }
        }
    }
}

fn copy_spec<'a>(ins: &'a Instruction, args: &'a CopyArgs, workdir: &'a str, now: i64) -> CopySpec<'a> {
    CopySpec {
        keyword: ins.keyword(),
        sources: &args.sources,
        dest: &args.dest,
        chown: args.chown.as_deref(),
        chmod: args.chmod.as_deref(),
        heredocs: &ins.heredocs,
        workdir: if workdir.is_empty() { "/" } else { workdir },
        now,
    }
}

/// Where COPY/ADD sources come from: the context, or `--from` a stage or an image.
fn source_tree<'a>(
    from: Option<&str>,
    stages: &'a [StageState],
    context: &'a Tree,
    store: &mut Store,
) -> Result<Cow<'a, Tree>, String> {
    let Some(from) = from else { return Ok(Cow::Borrowed(context)) };
    let lower = from.to_ascii_lowercase();
    let stage = stages
        .iter()
        .find(|s| s.name.as_deref() == Some(lower.as_str()))
        .or_else(|| lower.parse::<usize>().ok().and_then(|n| stages.get(n)));
    if let Some(s) = stage {
        return Ok(s.view());
    }
    let (id, _) = resolve_base(store, from)?;
    let img = store.get(&id).expect("just resolved");
    Ok(Cow::Owned(Tree::from_layers(img.layers.iter().map(|l| l.layer()))))
}
