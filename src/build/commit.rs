//! The end of a build step: its layer hashed (in slices when it is big, so a page stays
//! responsive while tens of megabytes go through sha256), then the step committed as a
//! new image with the classic log's closing lines.

use std::sync::Arc;

use crate::image::{short_id, LayerHashing, LayerInfo, Store};
use crate::vfs::Layer;

use super::events::{Event, LayerEvent};
use super::stage::StageState;

/// Bytes of a layer's tar hashed per build step call: about 12 ms of sha256 in wasm.
pub(super) const HASH_SLICE: u64 = 1 << 20;

/// What a step commits besides its layer.
pub(super) struct Commit {
    /// The history row's `created_by`.
    pub created_by: String,
    /// The build cache key.
    pub key: String,
    /// The step's number.
    pub number: usize,
    /// The instruction's first line.
    pub line: usize,
    /// When the step ran.
    pub now: i64,
    /// The intermediate container the step ran in, for the log's "Removed intermediate
    /// container" line (a RUN or a config-only step).
    pub container: Option<String>,
}

impl Commit {
    /// Commits the step onto `stage` with the layer `info` (if it made one) and logs it.
    pub fn finish(
        self,
        stage: &mut StageState,
        store: &mut Store,
        info: Option<Arc<LayerInfo>>,
        events: &mut Vec<Event>,
    ) {
        let ev: LayerEvent = stage.commit(store, self.now, self.created_by, info, self.key, self.number, self.line);
        if let Some(container) = self.container {
            events.push(Event::Log(format!(" ---> Removed intermediate container {container}")));
        }
        events.push(Event::Log(format!(" ---> {}", short_id(&ev.image_id))));
        events.push(Event::Layer(ev));
    }
}

/// A step whose layer is still being hashed.
pub(super) struct PendingCommit {
    commit: Commit,
    hashing: LayerHashing,
}

impl PendingCommit {
    /// The step `commit` with its new `layer`, nothing hashed yet.
    pub fn new(commit: Commit, layer: Layer) -> PendingCommit {
        PendingCommit { commit, hashing: LayerHashing::new(layer) }
    }

    /// Hashes the next slice of the layer; true once all of it is hashed.
    pub fn advance(&mut self) -> bool {
        self.hashing.advance(HASH_SLICE)
    }

    /// Hashes what is left and commits the step.
    pub fn finish(self, stage: &mut StageState, store: &mut Store, events: &mut Vec<Event>) {
        let info = self.hashing.finish();
        self.commit.finish(stage, store, Some(info), events);
    }
}

#[cfg(test)]
mod tests {
    use crate::build::{BuildJob, BuildRequest, Event};
    use crate::image::Store;

    /// Runs a build to its end, returning the events of each `step` call.
    fn calls(dockerfile: &str) -> (Vec<Vec<Event>>, Store) {
        let mut store = Store::new();
        let mut job = BuildJob::new(BuildRequest { dockerfile: dockerfile.into(), ..Default::default() });
        let mut calls = Vec::new();
        while !job.is_done() {
            calls.push(job.step(&mut store, 1_700_000_000));
        }
        (calls, store)
    }

    fn position(calls: &[Vec<Event>], is: impl Fn(&Event) -> bool) -> usize {
        calls.iter().position(|c| c.iter().any(&is)).expect("the event is there")
    }

    #[test]
    fn a_big_layer_is_hashed_over_several_calls_with_the_digest_of_one_pass() {
        let (calls, store) = calls("FROM busybox\nRUN dd if=/dev/zero of=/big bs=1024 count=5000 && echo made\n");
        let ran = position(&calls, |e| matches!(e, Event::Output(l) if l == "made"));
        let committed = position(&calls, |e| matches!(e, Event::Layer(l) if l.step == 2));
        // 5 MB of content at a MiB per call: the RUN's own call, then four or five slices.
        assert!(committed - ran >= 4, "output in call {ran}, layer in call {committed}");
        assert!(calls[ran + 1..committed].iter().all(Vec::is_empty), "slices between say nothing");
        let Some(Event::Layer(l)) = calls[committed].iter().find(|e| matches!(e, Event::Layer(_))) else { panic!() };
        let image = store.get(&l.image_id).expect("the step's image");
        let top = image.layers.last().expect("a layer");
        assert_eq!(l.diff_id.as_deref(), Some(crate::oci::diff_id(top.layer()).as_str()));
        assert_eq!(image.config.rootfs.diff_ids.last(), l.diff_id.as_ref());
        // The log keeps Docker's order: output, the removed container, then the new ID.
        let log: Vec<String> = calls.concat().iter().filter_map(Event::log_line).collect();
        let at = log.iter().position(|l| l == "made").expect("output");
        assert!(log[at + 1].starts_with(" ---> Removed intermediate container "), "{log:?}");
        assert!(log[at + 2].starts_with(" ---> "), "{log:?}");
    }

    #[test]
    fn a_small_layer_commits_in_the_call_that_ran_it() {
        let (calls, _) = calls("FROM busybox\nRUN echo hi > /small && echo made\n");
        let ran = position(&calls, |e| matches!(e, Event::Output(l) if l == "made"));
        let committed = position(&calls, |e| matches!(e, Event::Layer(l) if l.step == 2));
        assert!(committed - ran <= 1, "output in call {ran}, layer in call {committed}");
    }
}
