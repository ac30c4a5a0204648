//! Squarified treemap layout (Bruls, Huizing and van Wijk, 2000): rectangles whose areas
//! are proportional to the sizes, laid out row by row so they stay close to squares.
//! Pure geometry, shared by the page's picture of an image's files.

/// One laid-out rectangle.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Tile {
    /// Index of the item in the input.
    pub index: usize,
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
    /// Width.
    pub w: f64,
    /// Height.
    pub h: f64,
}

/// Worst aspect ratio of a row of `areas` laid along a side of length `side`.
fn worst(areas: &[f64], side: f64) -> f64 {
    let sum: f64 = areas.iter().sum();
    if sum <= 0.0 || side <= 0.0 {
        return f64::INFINITY;
    }
    let (max, min) = areas.iter().fold((0f64, f64::INFINITY), |(mx, mn), &a| (mx.max(a), mn.min(a)));
    let s2 = side * side;
    let sum2 = sum * sum;
    (s2 * max / sum2).max(sum2 / (s2 * min))
}

/// Lays out items of the given sizes in a `width` × `height` rectangle. Items of size 0
/// get no tile; the tiles come biggest first.
pub fn squarify(sizes: &[u64], width: f64, height: f64) -> Vec<Tile> {
    let total: u64 = sizes.iter().sum();
    let mut order: Vec<usize> = (0..sizes.len()).filter(|&i| sizes[i] > 0).collect();
    crate::util::sort::sort_by(&mut order, |&a, &b| sizes[b].cmp(&sizes[a]).then(a.cmp(&b)));
    if total == 0 || width <= 0.0 || height <= 0.0 {
        return Vec::new();
    }
    let scale = width * height / total as f64;
    let areas: Vec<f64> = order.iter().map(|&i| sizes[i] as f64 * scale).collect();
    let (mut x, mut y, mut w, mut h) = (0.0, 0.0, width, height);
    let mut out = Vec::with_capacity(order.len());
    let mut start = 0;
    while start < areas.len() {
        let side = w.min(h);
        let mut end = start + 1;
        while end < areas.len() && worst(&areas[start..=end], side) <= worst(&areas[start..end], side) {
            end += 1;
        }
        let row = &areas[start..end];
        let sum: f64 = row.iter().sum();
        if w >= h {
            // A column on the left, as wide as the row's area needs.
            let cw = if h > 0.0 { sum / h } else { 0.0 };
            let mut cy = y;
            for (k, a) in row.iter().enumerate() {
                let th = if cw > 0.0 { a / cw } else { 0.0 };
                out.push(Tile { index: order[start + k], x, y: cy, w: cw, h: th });
                cy += th;
            }
            x += cw;
            w -= cw;
        } else {
            let rh = if w > 0.0 { sum / w } else { 0.0 };
            let mut cx = x;
            for (k, a) in row.iter().enumerate() {
                let tw = if rh > 0.0 { a / rh } else { 0.0 };
                out.push(Tile { index: order[start + k], x: cx, y, w: tw, h: rh });
                cx += tw;
            }
            y += rh;
            h -= rh;
        }
        start = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn areas_are_proportional_and_tiles_fill_the_box() {
        let sizes = [6, 6, 4, 3, 2, 2, 1, 0];
        let tiles = squarify(&sizes, 6.0, 4.0);
        assert_eq!(tiles.len(), 7);
        assert_eq!(tiles[0].index, 0);
        for t in &tiles {
            let want = sizes[t.index] as f64;
            assert!((t.w * t.h - want).abs() < 1e-9, "{t:?}");
            assert!(t.x >= -1e-9 && t.y >= -1e-9 && t.x + t.w <= 6.0 + 1e-9 && t.y + t.h <= 4.0 + 1e-9, "{t:?}");
        }
        // The classic example's first row: two 3×2 tiles stacked on the left.
        assert_eq!((tiles[0].w, tiles[0].h), (3.0, 2.0));
        assert_eq!((tiles[1].x, tiles[1].y), (0.0, 2.0));
        assert!(squarify(&[0, 0], 10.0, 10.0).is_empty());
    }

    #[test]
    fn tiles_do_not_overlap() {
        let sizes: Vec<u64> = (1..40).map(|i| (i * 37 % 11 + 1) as u64).collect();
        let t = squarify(&sizes, 300.0, 200.0);
        for (i, a) in t.iter().enumerate() {
            for b in &t[i + 1..] {
                let overlap_w = (a.x + a.w).min(b.x + b.w) - a.x.max(b.x);
                let overlap_h = (a.y + a.h).min(b.y + b.h) - a.y.max(b.y);
                assert!(overlap_w <= 1e-6 || overlap_h <= 1e-6, "{a:?} {b:?}");
            }
        }
    }
}
