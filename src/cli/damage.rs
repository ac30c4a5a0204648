//! Damage in the state directory, kept local: damaged images and containers are removed
//! by name (`rmi`, `image rm`, `rm`, `container rm`) without the engine, which never saw
//! them, and layers that could not be read during a command are reported by image.

use super::containers::Containers;
use super::state::State;
use crate::image::Store;

/// What removing damaged entries did.
#[derive(Debug, Default)]
pub struct Removed {
    /// Docker's lines for what was removed (`Untagged:`, `Deleted:`, a container's name).
    pub stdout: String,
    /// A damaged image was removed (the index must be rewritten).
    pub images: bool,
}

/// Takes the operands of a removal command that name damaged images or containers,
/// removes those, and returns the arguments left for the engine: `None` when nothing is
/// left to do.
pub fn remove_named(
    state: &mut State,
    containers: &mut Containers,
    args: Vec<String>,
) -> (Option<Vec<String>>, Removed) {
    let mut removed = Removed::default();
    let (images, skip) = match (args.first().map(String::as_str), args.get(1).map(String::as_str)) {
        (Some("rmi"), _) => (true, 1),
        (Some("image"), Some("rm" | "remove")) => (true, 2),
        (Some("rm"), _) => (false, 1),
        (Some("container"), Some("rm" | "remove")) => (false, 2),
        _ => return (Some(args), removed),
    };
    let mut rest = args[..skip].to_vec();
    let mut operands = 0;
    for a in &args[skip..] {
        if a.starts_with('-') {
            rest.push(a.clone());
            continue;
        }
        if images {
            if let Some(d) = state.remove_damaged(a) {
                for t in &d.tags {
                    removed.stdout.push_str(&format!("Untagged: {t}\n"));
                }
                if let Some(id) = &d.id {
                    removed.stdout.push_str(&format!("Deleted: {id}\n"));
                }
                removed.images = true;
                continue;
            }
        } else if containers.remove_damaged(a).is_some() {
            removed.stdout.push_str(&format!("{a}\n"));
            continue;
        }
        operands += 1;
        rest.push(a.clone());
    }
    let did = !removed.stdout.is_empty();
    (if did && operands == 0 { None } else { Some(rest) }, removed)
}

/// One line per image whose layer could not be read during the command.
pub fn layer_failures(store: &Store) -> Vec<String> {
    let mut out = Vec::new();
    for img in store.images() {
        for l in &img.layers {
            if let Some(f) = l.failure() {
                let name =
                    store.tags_of(&img.id).first().map(|r| r.to_string()).unwrap_or_else(|| img.short_id().to_string());
                let line = format!("image {name} is damaged: {f}; remove it with `layerlab rmi -f {name}`");
                if !out.contains(&line) {
                    out.push(line);
                }
            }
        }
    }
    out
}
