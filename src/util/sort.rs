//! The one way the crate sorts a slice.
//!
//! The standard library's sorts are generic: every element type and every comparator closure
//! gets its own copy of a several-kilobyte sort routine, which added up to a fifth of the
//! page's wasm. These helpers sort a vector of indices through a single non-generic routine
//! and then permute the slice in place, so a new call site costs a few hundred bytes. The
//! sort is stable (equal elements keep their order), like [`slice::sort_by`].

use std::cmp::Ordering;

/// Sorts `items` in place, stably, by `cmp`.
pub fn sort_by<T>(items: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    if items.len() < 2 {
        return;
    }
    let order = sorted_indices(items.len(), &mut |a, b| cmp(&items[a], &items[b]));
    permute(items, order);
}

/// Sorts `items` in place, stably, by their natural order.
pub fn sort<T: Ord>(items: &mut [T]) {
    sort_by(items, T::cmp);
}

/// Sorts `items` in place, stably, by the key `key` extracts (computed for every comparison,
/// like [`slice::sort_by_key`]).
pub fn sort_by_key<T, K: Ord>(items: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// The indices `0..n` in the order `cmp` puts them: the only instantiation of the standard
/// sort in the crate's own code.
#[inline(never)]
#[allow(clippy::disallowed_methods)]
fn sorted_indices(n: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| cmp(a, b));
    order
}

/// Rearranges `items` so that position `k` holds what was at `order[k]`, following each
/// cycle of the permutation with swaps.
fn permute<T>(items: &mut [T], mut order: Vec<usize>) {
    for start in 0..items.len() {
        let mut at = start;
        while order[at] != start {
            let from = order[at];
            items.swap(at, from);
            order[at] = at;
            at = from;
        }
        order[at] = at;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[allow(clippy::disallowed_methods)]
    fn sorts_like_the_standard_library() {
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        for len in [0usize, 1, 2, 3, 7, 31, 200, 1000] {
            let mut ours: Vec<(u8, usize)> = (0..len)
                .map(|i| {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    ((seed % 11) as u8, i)
                })
                .collect();
            let mut std = ours.clone();
            // Compare on the first field only: the second shows the sort is stable.
            sort_by(&mut ours, |a, b| a.0.cmp(&b.0));
            std.sort_by_key(|a| a.0);
            assert_eq!(ours, std, "length {len}");
        }
    }

    #[test]
    fn sort_and_sort_by_key_order_strings_and_keys() {
        let mut words = vec!["pear".to_string(), "apple".into(), "fig".into(), "apple".into()];
        sort(&mut words);
        assert_eq!(words, ["apple", "apple", "fig", "pear"]);
        sort_by_key(&mut words, |w| std::cmp::Reverse(w.len()));
        assert_eq!(words, ["apple", "apple", "pear", "fig"]);
    }
}
