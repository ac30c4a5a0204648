//! Pictures of an image's bytes, in SVG: a treemap of its files (area = bytes, colour =
//! the layer that added the copy, hatched = wasted because a later layer overwrites or
//! deletes it) and a stacked bar of its layer sizes. Both are clickable.

use std::rc::Rc;

use yew::prelude::*;

use super::codec::human_size;
use crate::analysis::treemap::squarify;
use crate::analysis::{Analysis, ShippedFile};

/// The colour of layer `i` (a hue walk that keeps neighbours apart).
pub fn layer_colour(i: usize) -> String {
    format!("hsl({}, 62%, 58%)", (i * 47 + 200) % 360)
}

/// The hatch pattern used for wasted bytes; put once in each SVG.
fn hatch_defs(id: &str) -> Html {
    html! {
        <defs>
            <pattern id={id.to_string()} patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)">
                <rect width="6" height="6" fill="rgba(0,0,0,0.15)" />
                <line x1="0" y1="0" x2="0" y2="6" stroke="rgba(0,0,0,0.55)" stroke-width="2.5" />
            </pattern>
        </defs>
    }
}

/// Treemap properties.
#[derive(Properties, PartialEq)]
pub struct TreemapProps {
    /// The image's analysis.
    pub analysis: Rc<Analysis>,
    /// A file tile was clicked.
    pub on_select: Callback<ShippedFile>,
    /// The selected path, outlined.
    #[prop_or_default]
    pub selected: Option<String>,
}

/// How many files get their own tile; the rest share one.
const MAX_TILES: usize = 400;
const W: f64 = 800.0;
const H: f64 = 360.0;

/// The treemap of every file copy the image's layers ship.
#[function_component(Treemap)]
pub fn treemap(props: &TreemapProps) -> Html {
    let mut files: Vec<&ShippedFile> = props.analysis.files.iter().collect();
    crate::util::sort::sort_by(&mut files, |a, b| b.size.cmp(&a.size).then_with(|| a.path.cmp(&b.path)));
    let rest: Vec<&ShippedFile> = files.split_off(files.len().min(MAX_TILES));
    let rest_bytes: u64 = rest.iter().map(|f| f.size).sum();
    let mut sizes: Vec<u64> = files.iter().map(|f| f.size).collect();
    sizes.push(rest_bytes);
    let tiles = squarify(&sizes, W, H);
    let rects = tiles.iter().map(|t| {
        let Some(f) = files.get(t.index) else {
            return html! {
                <rect class="tm-rest" x={t.x.to_string()} y={t.y.to_string()} width={t.w.to_string()} height={t.h.to_string()}
                    fill="var(--muted-bg, #bbb)" stroke="var(--bg, #fff)" stroke-width="0.5">
                    <title>{ format!("{} smaller files: {}", rest.len(), human_size(rest_bytes)) }</title>
                </rect>
            };
        };
        let file = (*f).clone();
        let onclick = {
            let (cb, file) = (props.on_select.clone(), file.clone());
            Callback::from(move |_: MouseEvent| cb.emit(file.clone()))
        };
        let selected = props.selected.as_deref() == Some(f.path.as_str());
        let label = (t.w > 70.0 && t.h > 14.0).then(|| {
            let name = f.path.rsplit('/').next().unwrap_or(&f.path);
            let max = ((t.w - 6.0) / 6.5) as usize;
            let shown: String = name.chars().take(max.max(1)).collect();
            html! { <text x={(t.x + 3.0).to_string()} y={(t.y + 12.0).to_string()} font-size="10" pointer-events="none">{ shown }</text> }
        });
        html! {
            <g class={classes!("tm-file", f.wasted.then_some("wasted"), selected.then_some("selected"))}
                data-path={f.path.clone()} data-layer={f.layer.to_string()} data-bytes={f.size.to_string()} {onclick}>
                <rect x={t.x.to_string()} y={t.y.to_string()} width={t.w.to_string()} height={t.h.to_string()}
                    fill={layer_colour(f.layer)} stroke={if selected { "currentColor" } else { "var(--bg, #fff)" }}
                    stroke-width={if selected { "2" } else { "0.5" }} />
                if f.wasted {
                    <rect x={t.x.to_string()} y={t.y.to_string()} width={t.w.to_string()} height={t.h.to_string()}
                        fill="url(#tm-hatch)" pointer-events="none" />
                }
                { for label }
                <title>{ format!("{}\n{} in layer {}{}", f.path, human_size(f.size), f.layer + 1,
                    if f.wasted { " (wasted: a later layer overwrites or deletes it)" } else { "" }) }</title>
            </g>
        }
    });
    html! {
        <svg class="treemap" viewBox={format!("0 0 {W} {H}")} width="100%" role="img"
            aria-label="Treemap of the image's files by size" style="cursor:pointer;display:block">
            { hatch_defs("tm-hatch") }
            { for rects }
        </svg>
    }
}

/// One bar segment: a layer.
#[derive(Clone, Debug, PartialEq)]
pub struct Segment {
    /// Layer index (for the colour).
    pub layer: usize,
    /// Bytes.
    pub size: u64,
    /// Of which wasted.
    pub wasted: u64,
    /// Tooltip.
    pub label: String,
}

/// Stacked bar properties.
#[derive(Properties, PartialEq)]
pub struct StackedBarProps {
    /// Segments, bottom layer first.
    pub segments: Vec<Segment>,
    /// The byte count the full width stands for (to compare bars side by side).
    pub scale: u64,
    /// A segment was clicked (its layer index).
    #[prop_or_default]
    pub on_select: Callback<usize>,
    /// The selected layer, outlined.
    #[prop_or_default]
    pub selected: Option<usize>,
}

/// A horizontal bar of layer sizes; each layer's wasted part hatched.
#[function_component(StackedBar)]
pub fn stacked_bar(props: &StackedBarProps) -> Html {
    const BW: f64 = 800.0;
    const BH: f64 = 28.0;
    let scale = props.scale.max(1) as f64;
    let mut x = 0.0;
    let segs = props.segments.iter().map(|s| {
        let w = s.size as f64 / scale * BW;
        let ww = s.wasted as f64 / scale * BW;
        let x0 = x;
        x += w;
        let onclick = {
            let (cb, layer) = (props.on_select.clone(), s.layer);
            Callback::from(move |_: MouseEvent| cb.emit(layer))
        };
        let selected = props.selected == Some(s.layer);
        html! {
            <g class="bar-seg" data-layer={s.layer.to_string()} {onclick}>
                <rect x={x0.to_string()} y="0" width={w.max(0.0).to_string()} height={BH.to_string()} fill={layer_colour(s.layer)}
                    stroke={if selected { "currentColor" } else { "var(--bg, #fff)" }} stroke-width={if selected { "2" } else { "0.5" }} />
                if ww > 0.0 {
                    <rect x={(x0 + w - ww).to_string()} y="0" width={ww.to_string()} height={BH.to_string()} fill="url(#bar-hatch)" pointer-events="none" />
                }
                <title>{ s.label.clone() }</title>
            </g>
        }
    });
    html! {
        <svg class="stacked-bar" viewBox={format!("0 0 {BW} {BH}")} width="100%" preserveAspectRatio="none" role="img"
            aria-label="Layer sizes" style="cursor:pointer;display:block;height:28px">
            { hatch_defs("bar-hatch") }
            { for segs }
        </svg>
    }
}

/// The bar segments of an analysis.
pub fn segments(a: &Analysis) -> Vec<Segment> {
    a.layers
        .iter()
        .enumerate()
        .map(|(i, l)| Segment {
            layer: i,
            size: l.size_bytes,
            wasted: l.wasted_bytes,
            label: format!(
                "layer {}: {} ({} wasted)\n{}",
                i + 1,
                human_size(l.size_bytes),
                human_size(l.wasted_bytes),
                l.created_by
            ),
        })
        .collect()
}
