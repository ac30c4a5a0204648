//! Building a Dockerfile to measure it: the image, and which Dockerfile line made each of
//! its layers.

use crate::build::{BuildError, BuildJob, BuildRequest, Context, Event};
use crate::image::{Image, Store};

/// A finished build, ready to be measured.
#[derive(Clone, Debug)]
pub struct Built {
    /// The final image.
    pub image: Image,
    /// For each layer of the image (bottom first), the first Dockerfile line of the
    /// instruction that made it; `None` for layers of the base image.
    pub layer_lines: Vec<Option<usize>>,
}

impl Built {
    /// Total content bytes.
    pub fn size(&self) -> u64 {
        self.image.size()
    }

    /// Number of filesystem layers.
    pub fn layer_count(&self) -> usize {
        self.image.layers.len()
    }

    /// The index of the first layer the Dockerfile's final stage made.
    pub fn first_own_layer(&self) -> usize {
        self.layer_lines.iter().position(Option::is_some).unwrap_or(self.layer_lines.len())
    }
}

/// Builds `dockerfile` with `context` into `store` (whose build cache later builds share)
/// at a fixed time, so that variants of one Dockerfile differ only where their text does.
pub fn build(store: &mut Store, dockerfile: &str, context: &Context) -> Result<Built, BuildError> {
    let req = BuildRequest { dockerfile: dockerfile.to_string(), context: context.clone(), ..Default::default() };
    let mut job = BuildJob::new(req);
    // Lines of the layers made since the last FROM step: the final stage's own layers.
    let mut stage_lines: Vec<usize> = Vec::new();
    let mut final_id = None;
    while !job.is_done() {
        for ev in job.step(store, 0) {
            match ev {
                Event::Step { text, .. }
                    if text.trim_start().get(..4).is_some_and(|k| k.eq_ignore_ascii_case("FROM")) =>
                {
                    stage_lines.clear();
                }
                Event::Layer(l) if l.diff_id.is_some() => stage_lines.push(l.line),
                Event::Done { image_id, .. } => final_id = Some(image_id),
                Event::Failed(e) => return Err(e),
                _ => {}
            }
        }
    }
    let id = final_id.ok_or_else(|| BuildError::general("the build produced no image".to_string()))?;
    let image = store.get(&id).cloned().ok_or_else(|| BuildError::general(format!("No such image: {id}")))?;
    let n = image.layers.len();
    let own = stage_lines.len().min(n);
    let mut layer_lines = vec![None; n - own];
    layer_lines.extend(stage_lines[stage_lines.len() - own..].iter().map(|&l| Some(l)));
    Ok(Built { image, layer_lines })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layers_map_to_their_lines() {
        let mut store = Store::new();
        let mut ctx = Context::new();
        ctx.add_file("a.txt", "hello");
        let df = "FROM busybox\nENV X=1\nCOPY a.txt /a.txt\n\nRUN echo hi > /b\n";
        let b = build(&mut store, df, &ctx).unwrap();
        let base = b.first_own_layer();
        assert!(base >= 1);
        assert_eq!(&b.layer_lines[base..], &[Some(3), Some(5)]);
        assert_eq!(b.layer_count(), base + 2);
        let err = build(&mut store, "FROM busybox\nCOPY missing /x\n", &ctx).unwrap_err();
        assert_eq!(err.line, Some(2));
    }
}
