//! The playground's state in one place: a reducer whose messages are named after what the
//! user means to do (edit, build, select a layer, ...) or after what just happened (a build
//! step finished). Engine calls never happen here; they live in `engine_bridge`.

use std::collections::BTreeSet;
use std::rc::Rc;

use yew::Reducible;

pub use super::model::*;

/// The whole UI state.
#[derive(Clone, Debug, PartialEq)]
pub struct State {
    /// The Dockerfile being edited.
    pub dockerfile: String,
    /// The build context.
    pub context: Context,
    /// The context entry open in the context editor.
    pub ctx_open: Option<String>,
    /// Build options.
    pub settings: Settings,
    /// Example last opened.
    pub example: Option<String>,
    /// Theme.
    pub theme: Theme,
    /// Inspector tab.
    pub tab: Tab,
    /// Panel under the editor.
    pub side: Side,
    /// Build progress and results.
    pub build: BuildView,
    /// Selected card (index into `build.cards`).
    pub selected: Option<usize>,
    /// File selected in the tree.
    pub selected_path: Option<String>,
    /// Folders expanded in the tree.
    pub expanded: BTreeSet<String>,
    /// Show every file rather than only this layer's changes.
    pub show_all_files: bool,
    /// Terminal.
    pub term: TermState,
    /// Read-only editor (embed mode).
    pub readonly: bool,
    /// A transient message for the status bar.
    pub notice: Option<String>,
    /// The image save in progress.
    pub save: Option<SaveView>,
    /// The image archive being read from a picked file.
    pub loading: Option<SaveView>,
}

impl Default for State {
    fn default() -> Self {
        State {
            dockerfile: String::new(),
            context: Context::new(),
            ctx_open: None,
            settings: Settings::default(),
            example: None,
            theme: Theme::System,
            tab: Tab::Log,
            side: Side::Context,
            build: BuildView::default(),
            selected: None,
            selected_path: None,
            expanded: BTreeSet::new(),
            show_all_files: false,
            term: TermState::default(),
            readonly: false,
            notice: None,
            save: None,
            loading: None,
        }
    }
}

/// Every change to the state.
#[derive(Clone, Debug)]
pub enum Msg {
    /// Replace the Dockerfile text.
    EditDockerfile(String),
    /// Open an example (Dockerfile, context and name).
    OpenExample {
        /// Example name.
        name: String,
        /// Its Dockerfile.
        dockerfile: String,
        /// Its context.
        context: Context,
    },
    /// Restore a saved or shared project.
    Restore {
        /// Dockerfile.
        dockerfile: String,
        /// Context.
        context: Context,
        /// Settings, when saved.
        settings: Option<Settings>,
    },
    /// Add or replace a context file.
    PutContextFile {
        /// Relative path.
        path: String,
        /// Contents.
        data: Rc<[u8]>,
        /// Mode.
        mode: u32,
    },
    /// Add a context folder.
    AddContextDir(String),
    /// Rename a context entry (folders move their contents).
    RenameContextEntry {
        /// Old path.
        from: String,
        /// New path.
        to: String,
    },
    /// Delete a context entry (folders with their contents).
    DeleteContextEntry(String),
    /// Open an entry in the context editor.
    OpenContextEntry(Option<String>),
    /// Toggle the executable bit of a context file.
    ToggleExecutable(String),
    /// Change the tag.
    SetTag(String),
    /// Toggle --no-cache.
    SetNoCache(bool),
    /// Change the target stage.
    SetTarget(String),
    /// Add an empty build arg row.
    AddBuildArg,
    /// Edit a build arg row.
    EditBuildArg(usize, String, String),
    /// Remove a build arg row.
    RemoveBuildArg(usize),
    /// Ask for a build of the current Dockerfile.
    RequestBuild,
    /// Progress of the build of `generation`, with the milliseconds since it started.
    BuildProgress(u64, Vec<BuildUpdate>, f64),
    /// Select a card (layer) of the timeline.
    SelectLayer(Option<usize>),
    /// The caret moved to this Dockerfile line.
    SelectEditorLine(usize),
    /// Select a path in the file tree.
    SelectPath(Option<String>),
    /// Expand or collapse a tree folder.
    ToggleDir(String),
    /// Toggle between this layer's changes and all files.
    SetShowAllFiles(bool),
    /// Switch inspector tab.
    ShowTab(Tab),
    /// Switch the panel under the editor.
    ShowSide(Side),
    /// Cycle the theme.
    SetTheme(Theme),
    /// A terminal command ran.
    TerminalRan {
        /// The line typed.
        input: String,
        /// The prompt it was typed at.
        prompt: String,
        /// Output lines (`out` or `err`).
        output: Vec<TermLine>,
        /// The shell prompt afterwards (`None`: back to the docker prompt).
        shell_prompt: Option<String>,
    },
    /// Clear the terminal.
    ClearTerminal,
    /// Show a notice.
    Notify(Option<String>),
    /// An image save started, moved on, or ended (`None`).
    Saving(Option<SaveView>),
    /// Reading a picked image archive started, moved on, or ended (`None`).
    Loading(Option<SaveView>),
}

impl Reducible for State {
    type Action = Msg;

    fn reduce(self: Rc<Self>, msg: Msg) -> Rc<Self> {
        let mut s = (*self).clone();
        s.apply(msg);
        Rc::new(s)
    }
}

impl State {
    /// Applies one message.
    pub fn apply(&mut self, msg: Msg) {
        match msg {
            Msg::EditDockerfile(text) => {
                // The picker names an example only while the editor holds it.
                if self.example.as_deref().and_then(super::examples::find).is_some_and(|ex| ex.dockerfile != text) {
                    self.example = None;
                }
                self.dockerfile = text;
            }
            Msg::OpenExample { name, dockerfile, context } => {
                self.example = Some(name);
                self.dockerfile = dockerfile;
                self.context = context;
                self.ctx_open = None;
                self.settings.target.clear();
                self.settings.build_args.clear();
            }
            Msg::Restore { dockerfile, context, settings } => {
                self.dockerfile = dockerfile;
                self.context = context;
                self.ctx_open = None;
                if let Some(st) = settings {
                    self.settings = st;
                }
            }
            Msg::PutContextFile { path, data, mode } => {
                if let Some(path) = clean_path(&path) {
                    for dir in parents(&path) {
                        self.context.entry(dir).or_insert(CtxEntry::Dir);
                    }
                    self.context.insert(path.clone(), CtxEntry::File { data, mode });
                    self.ctx_open = Some(path);
                }
            }
            Msg::AddContextDir(path) => {
                if let Some(path) = clean_path(&path) {
                    for dir in parents(&path) {
                        self.context.entry(dir).or_insert(CtxEntry::Dir);
                    }
                    self.context.entry(path).or_insert(CtxEntry::Dir);
                }
            }
            Msg::RenameContextEntry { from, to } => self.rename_entry(&from, &to),
            Msg::DeleteContextEntry(path) => {
                let prefix = format!("{path}/");
                self.context.retain(|p, _| p != &path && !p.starts_with(&prefix));
                if self.ctx_open.as_deref().is_some_and(|o| o == path || o.starts_with(&prefix)) {
                    self.ctx_open = None;
                }
            }
            Msg::OpenContextEntry(path) => self.ctx_open = path,
            Msg::ToggleExecutable(path) => {
                if let Some(CtxEntry::File { mode, .. }) = self.context.get_mut(&path) {
                    *mode = if *mode & 0o111 != 0 { *mode & !0o111 } else { *mode | 0o111 };
                }
            }
            Msg::SetTag(t) => self.settings.tag = t,
            Msg::SetNoCache(b) => self.settings.no_cache = b,
            Msg::SetTarget(t) => self.settings.target = t,
            Msg::AddBuildArg => self.settings.build_args.push((String::new(), String::new())),
            Msg::EditBuildArg(i, k, v) => {
                if let Some(row) = self.settings.build_args.get_mut(i) {
                    *row = (k, v);
                }
            }
            Msg::RemoveBuildArg(i) => {
                if i < self.settings.build_args.len() {
                    self.settings.build_args.remove(i);
                }
            }
            Msg::RequestBuild => {
                let generation = self.build.generation + 1;
                self.build = BuildView {
                    status: BuildStatus::Running,
                    generation,
                    source: self.dockerfile.clone(),
                    ..BuildView::default()
                };
                self.selected = None;
                self.selected_path = None;
                if self.tab != Tab::Terminal {
                    self.tab = Tab::Log;
                }
            }
            Msg::BuildProgress(generation, updates, millis) => {
                if generation == self.build.generation {
                    self.build.millis = millis;
                    for u in updates {
                        self.apply_update(u);
                    }
                }
            }
            Msg::SelectLayer(i) => {
                self.selected = i.filter(|i| *i < self.build.cards.len());
                self.selected_path = None;
            }
            Msg::SelectEditorLine(line) => {
                if let Some(i) = self.build.cards.iter().rposition(|c| c.lines.0 <= line && line <= c.lines.1) {
                    self.selected = Some(i);
                }
            }
            Msg::SelectPath(p) => self.selected_path = p,
            Msg::ToggleDir(p) => {
                if !self.expanded.remove(&p) {
                    self.expanded.insert(p);
                }
            }
            Msg::SetShowAllFiles(b) => self.show_all_files = b,
            Msg::ShowTab(t) => self.tab = t,
            Msg::ShowSide(s) => self.side = s,
            Msg::SetTheme(t) => self.theme = t,
            Msg::TerminalRan { input, prompt, output, shell_prompt } => {
                self.term.lines.push(TermLine { text: format!("{prompt}{input}"), kind: "in" });
                self.term.lines.extend(output);
                let keep = self.term.lines.len().saturating_sub(2000);
                self.term.lines.drain(..keep);
                if !input.trim().is_empty() && self.term.history.last() != Some(&input) {
                    self.term.history.push(input);
                }
                self.term.shell_prompt = shell_prompt;
            }
            Msg::ClearTerminal => self.term.lines.clear(),
            Msg::Notify(n) => self.notice = n,
            Msg::Saving(v) => self.save = v,
            Msg::Loading(v) => self.loading = v,
        }
    }

    fn apply_update(&mut self, u: BuildUpdate) {
        let b = &mut self.build;
        match u {
            BuildUpdate::StepStarted { step, total, instruction, lines } => {
                b.step = step;
                b.total = total;
                b.current = instruction;
                b.current_lines = Some(lines);
            }
            BuildUpdate::Log(lines) => b.log.extend(lines),
            BuildUpdate::Committed(card) => b.cards.push(card),
            BuildUpdate::Done { image_id, tags } => {
                b.status = BuildStatus::Done { image_id, tags };
                b.current_lines = None;
                // Select the last step so the explorer shows the finished image.
                self.selected = b.cards.len().checked_sub(1);
            }
            BuildUpdate::Failed { message, line } => {
                b.log.push(LogLine { text: message.clone(), kind: LogKind::Error });
                b.status = BuildStatus::Failed { message, line };
                b.current_lines = None;
            }
        }
    }

    fn rename_entry(&mut self, from: &str, to: &str) {
        let Some(to) = clean_path(to) else { return };
        if from == to || self.context.contains_key(&to) || to.starts_with(&format!("{from}/")) {
            return;
        }
        let prefix = format!("{from}/");
        let moved: Vec<(String, CtxEntry)> = self
            .context
            .iter()
            .filter(|(p, _)| p.as_str() == from || p.starts_with(&prefix))
            .map(|(p, e)| (format!("{to}{}", &p[from.len()..]), e.clone()))
            .collect();
        if moved.is_empty() {
            return;
        }
        self.context.retain(|p, _| p != from && !p.starts_with(&prefix));
        for dir in parents(&to) {
            self.context.entry(dir).or_insert(CtxEntry::Dir);
        }
        self.context.extend(moved);
        if self.ctx_open.as_deref() == Some(from) {
            self.ctx_open = Some(to);
        }
    }

    /// The card selected, if any.
    pub fn selected_card(&self) -> Option<&LayerCard> {
        self.selected.and_then(|i| self.build.cards.get(i))
    }
}

/// Normalizes a user-typed context path: no leading `/` or `./`, no `..`, no empty parts.
pub fn clean_path(p: &str) -> Option<String> {
    let mut parts = Vec::new();
    for part in p.split('/') {
        match part {
            "" | "." => {}
            ".." => return None,
            x => parts.push(x),
        }
    }
    if parts.is_empty() {
        None
    } else {
        Some(parts.join("/"))
    }
}

/// The parent folders of a relative path, outermost first.
fn parents(p: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut acc = String::new();
    let parts: Vec<&str> = p.split('/').collect();
    for part in &parts[..parts.len().saturating_sub(1)] {
        if !acc.is_empty() {
            acc.push('/');
        }
        acc.push_str(part);
        out.push(acc.clone());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    fn file(s: &str) -> Msg {
        Msg::PutContextFile { path: s.into(), data: Rc::from(&b"x"[..]), mode: 0o644 }
    }

    #[wasm_bindgen_test]
    fn context_edits_keep_folders_consistent() {
        let mut s = State::default();
        s.apply(file("/app/./src/main.sh"));
        assert_eq!(s.context.keys().collect::<Vec<_>>(), ["app", "app/src", "app/src/main.sh"]);
        s.apply(Msg::RenameContextEntry { from: "app".into(), to: "srv/app".into() });
        assert_eq!(s.context.keys().collect::<Vec<_>>(), ["srv", "srv/app", "srv/app/src", "srv/app/src/main.sh"]);
        s.apply(Msg::DeleteContextEntry("srv/app".into()));
        assert_eq!(s.context.keys().collect::<Vec<_>>(), ["srv"]);
        s.apply(file("../evil"));
        assert_eq!(s.context.len(), 1);
    }

    #[wasm_bindgen_test]
    fn editor_line_selects_its_layer_and_stale_builds_are_ignored() {
        let mut s = State::default();
        s.apply(Msg::RequestBuild);
        let card = |step, lines| LayerCard {
            step,
            instruction: String::new(),
            lines,
            size: 0,
            digest: None,
            empty: true,
            cached: false,
            millis: 0.0,
            created_by: String::new(),
            image_id: String::new(),
            base_size: None,
            image_size: 0,
            image_layers: 0,
        };
        s.apply(Msg::BuildProgress(
            1,
            vec![BuildUpdate::Committed(card(1, (1, 1))), BuildUpdate::Committed(card(2, (3, 5)))],
            1.0,
        ));
        s.apply(Msg::BuildProgress(0, vec![BuildUpdate::Committed(card(9, (9, 9)))], 1.0));
        assert_eq!(s.build.cards.len(), 2);
        s.apply(Msg::SelectEditorLine(4));
        assert_eq!(s.selected, Some(1));
        s.apply(Msg::SelectEditorLine(2));
        assert_eq!(s.selected, Some(1));
    }
}
