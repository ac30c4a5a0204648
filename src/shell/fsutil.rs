//! Directory walking helpers over the tree.
//!
//! `Tree::subtree` and `Tree::children` stop early when a sibling whose name extends the
//! directory's name with a character sorting before `/` exists (`/a/proj.tar` sorts between
//! `/a/proj` and `/a/proj/x`); these helpers scan past such siblings.

use crate::vfs::{path, Node, Tree};

/// `dir` and everything below it, in path order.
pub fn subtree<'a>(fs: &'a Tree, dir: &'a str) -> impl Iterator<Item = (&'a String, &'a Node)> + 'a {
    fs.iter()
        .skip_while(move |(p, _)| p.as_str() < dir)
        .take_while(move |(p, _)| dir == "/" || p.starts_with(dir))
        .filter(move |(p, _)| path::is_within(p, dir))
}

/// The direct children of `dir`, by name.
pub fn children<'a>(fs: &'a Tree, dir: &'a str) -> impl Iterator<Item = (&'a str, &'a Node)> + 'a {
    let skip = if dir == "/" { 1 } else { dir.len() + 1 };
    subtree(fs, dir).filter_map(move |(p, n)| {
        if p.len() <= skip || p == dir {
            return None;
        }
        let rest = &p[skip..];
        (!rest.contains('/')).then_some((rest, n))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vfs::Meta;

    #[test]
    fn siblings_sorting_inside_do_not_hide_children() {
        let mut t = Tree::new();
        t.mkdir_all("/", "/w/proj/src", Meta::root(0o755)).unwrap();
        t.write_file("/", "/w/proj.tar", "x".into(), Meta::root(0o644)).unwrap();
        t.write_file("/", "/w/proj/README", "x".into(), Meta::root(0o644)).unwrap();
        let names: Vec<&str> = children(&t, "/w/proj").map(|(n, _)| n).collect();
        assert_eq!(names, vec!["README", "src"]);
        assert_eq!(subtree(&t, "/w/proj").count(), 3);
        assert_eq!(children(&t, "/").count(), 1);
    }
}
