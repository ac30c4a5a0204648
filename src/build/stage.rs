//! The state of one build stage: the image being built so far and its variables.

use std::borrow::Cow;
use std::sync::{Arc, Mutex};

use crate::dockerfile::VarScope;
use crate::image::{History, Image, ImageConfig, LayerInfo, Store};
use crate::vfs::{Layer, Tree};

use super::events::LayerEvent;

/// One stage as it is being built.
pub struct StageState {
    /// `AS name`, lower-cased.
    pub name: Option<String>,
    /// The configuration so far (history and diff_ids included).
    pub config: ImageConfig,
    /// The layers so far.
    pub layers: Vec<Arc<LayerInfo>>,
    /// The image after the last committed step (`None` on a fresh `FROM scratch`).
    pub image_id: Option<String>,
    /// Variables in scope.
    pub scope: VarScope,
    /// True while CMD is still the one inherited from the base image.
    pub cmd_inherited: bool,
    tree: Option<Tree>,
}

impl StageState {
    /// A stage starting from `base` (or from scratch).
    pub fn new(name: Option<String>, base: Option<&Image>, scope: VarScope) -> StageState {
        let (config, layers, image_id) = match base {
            Some(img) => (img.config.clone(), img.layers.clone(), Some(img.id.clone())),
            None => (
                ImageConfig { architecture: "amd64".into(), os: "linux".into(), ..Default::default() },
                Vec::new(),
                None,
            ),
        };
        let cmd_inherited = config.config.cmd.is_some();
        StageState { name, config, layers, image_id, scope, cmd_inherited, tree: None }
    }

    /// A stage over a bare configuration, without layers or parent image: what
    /// `--change` instructions apply to.
    pub fn from_config(config: ImageConfig) -> StageState {
        let scope = VarScope::global(&[]).for_stage(&config.config.env_pairs());
        let cmd_inherited = config.config.cmd.is_some();
        StageState { name: None, config, layers: Vec::new(), image_id: None, scope, cmd_inherited, tree: None }
    }

    /// The union view of the stage's layers (computed once, then kept up to date).
    pub fn tree(&mut self) -> &Tree {
        if self.tree.is_none() {
            self.tree = Some(union_view(&self.layers));
        }
        self.tree.as_ref().expect("just computed")
    }

    /// The union view without computing it into the stage (borrowed when already known).
    pub fn view(&self) -> Cow<'_, Tree> {
        match &self.tree {
            Some(t) => Cow::Borrowed(t),
            None => Cow::Owned(union_view(&self.layers)),
        }
    }

    /// Runs `f` on the stage's filesystem, recording what it changes. On success the
    /// changes are returned as the step's layer (computed from the changed paths only); on
    /// failure they are undone and the view stays as it was. The tree is never copied.
    pub fn change<E>(&mut self, f: impl FnOnce(&mut Tree) -> Result<(), E>) -> Result<Layer, E> {
        self.tree();
        let tree = self.tree.as_mut().expect("just computed");
        tree.begin_changes();
        let result = f(tree);
        let changes = tree.take_changes();
        match result {
            Ok(()) => {
                let layer = changes.layer(tree);
                tree.forget_touched();
                Ok(layer)
            }
            Err(e) => {
                tree.undo(changes);
                Err(e)
            }
        }
    }

    /// Sets `KEY=value` in the image's environment and the variable scope.
    pub fn set_env(&mut self, key: &str, value: &str) {
        self.config.config.set_env(key, value);
        self.scope.set_env(key, value);
    }

    /// Looks a cached result of this step up: an image whose parent is the current image
    /// and whose cache key matches.
    pub fn cached<'s>(&self, store: &'s Store, key: &str) -> Option<&'s Image> {
        match &self.image_id {
            Some(id) => store.children(id).find(|i| i.cache_key.as_deref() == Some(key)),
            None => store.images().find(|i| i.parent.is_none() && i.cache_key.as_deref() == Some(key)),
        }
    }

    /// Moves the stage onto a cached image.
    pub fn adopt(&mut self, image: &Image) {
        let new_layer = image.layers.len() != self.layers.len();
        self.config = image.config.clone();
        self.layers = image.layers.clone();
        self.image_id = Some(image.id.clone());
        if new_layer {
            self.tree = None;
        }
    }

    /// Commits a step: appends history (and the hashed layer, when there is one), stores
    /// the new image as a child of the current one, and returns what happened.
    #[allow(clippy::too_many_arguments)] // each is one fact of the step's record
    pub fn commit(
        &mut self,
        store: &mut Store,
        now: i64,
        created_by: String,
        info: Option<Arc<LayerInfo>>,
        cache_key: String,
        step: usize,
        line: usize,
    ) -> LayerEvent {
        let created = crate::image::rfc3339(now);
        self.config.history.push(History {
            created: Some(created.clone()),
            created_by: Some(created_by.clone()),
            empty_layer: info.is_none(),
            ..Default::default()
        });
        self.config.created = Some(created);
        if let Some(info) = &info {
            self.config.rootfs.diff_ids.push(info.diff_id.clone());
            self.layers.push(info.clone());
        }
        let mut image = Image::new(self.config.clone(), self.layers.clone(), now);
        image.parent = self.image_id.clone();
        image.cache_key = Some(cache_key);
        let id = store.insert(image);
        self.image_id = Some(id.clone());
        LayerEvent {
            step,
            image_id: id,
            size: info.as_ref().map_or(0, |i| i.size),
            diff_id: info.map(|i| i.diff_id.clone()),
            cached: false,
            created_by,
            line,
        }
    }
}

/// How many layer stacks [`union_view`] keeps.
const VIEWS_KEPT: usize = 4;

/// The union view of `layers`. The views of the last few stacks asked for (a base image
/// every build starts from) are kept, so such a view is assembled once per process and
/// then copied. Stacks are told apart by their layers' identity (the cache holds them).
fn union_view(layers: &[Arc<LayerInfo>]) -> Tree {
    type Views = Vec<(Vec<Arc<LayerInfo>>, Tree)>;
    static VIEWS: Mutex<Views> = Mutex::new(Vec::new());
    let same =
        |kept: &[Arc<LayerInfo>]| kept.len() == layers.len() && kept.iter().zip(layers).all(|(a, b)| Arc::ptr_eq(a, b));
    if layers.is_empty() {
        return Tree::new();
    }
    let mut views = VIEWS.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(i) = views.iter().position(|(kept, _)| same(kept)) {
        let hit = views.remove(i);
        let tree = hit.1.clone();
        views.push(hit);
        return tree;
    }
    let tree = Tree::from_layers(layers.iter().map(|l| l.layer()));
    if views.len() >= VIEWS_KEPT {
        views.remove(0);
    }
    views.push((layers.to_vec(), tree.clone()));
    tree
}
