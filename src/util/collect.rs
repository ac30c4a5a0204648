//! The one way the crate collects into an ordered map or set.
//!
//! `collect::<BTreeMap<_, _>>()` sorts its input first, and that sort is a copy of the
//! standard library's stable sort for every key and value type: in the page's wasm they came
//! to a dozen copies of several kilobytes each. Building the map by inserting costs only the
//! `insert` the map's type already has. Duplicate keys keep the last value, as `collect` does.

use std::collections::{BTreeMap, BTreeSet};

/// The map of `pairs`; a key given twice keeps its last value.
pub fn map<K: Ord, V>(pairs: impl IntoIterator<Item = (K, V)>) -> BTreeMap<K, V> {
    let mut out = BTreeMap::new();
    out.extend(pairs);
    out
}

/// The set of `items`.
pub fn set<T: Ord>(items: impl IntoIterator<Item = T>) -> BTreeSet<T> {
    let mut out = BTreeSet::new();
    out.extend(items);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_collect_with_duplicate_keys() {
        let pairs = [("b", 1), ("a", 2), ("b", 3), ("c", 4), ("a", 5)];
        let std: BTreeMap<_, _> = pairs.iter().copied().collect();
        assert_eq!(map(pairs), std);
        assert_eq!(map(pairs)[&"b"], 3);
        let items = ["z", "y", "z", "x"];
        let std: BTreeSet<_> = items.iter().copied().collect();
        assert_eq!(set(items), std);
    }
}
