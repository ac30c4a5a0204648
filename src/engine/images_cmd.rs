//! `docker images` / `docker image ls`.

use super::flags::{self, switch, value};
use super::format::{ago, human_size, table};
use super::{Engine, Output};
use crate::image::short_id;

const SPECS: &[flags::FlagSpec] = &[
    switch("all", Some('a')),
    switch("quiet", Some('q')),
    switch("no-trunc", None),
    switch("digests", None),
    value("filter", Some('f')),
    value("format", None),
];

/// Lists images, newest first, like `docker images`.
pub fn images(engine: &mut Engine, args: &[String]) -> Output {
    let p = match flags::parse(args, SPECS, true) {
        Ok(p) => p,
        Err(e) => return Output::usage("images", &e),
    };
    let now = engine.now();
    let store = &engine.store;
    let mut rows: Vec<(i64, String, String, String, u64)> = Vec::new();
    for img in store.images() {
        let tags = store.tags_of(&img.id);
        let is_parent = store.children(&img.id).next().is_some();
        if tags.is_empty() {
            if !p.on("all") && is_parent {
                continue;
            }
            rows.push((img.created, "<none>".into(), "<none>".into(), img.id.clone(), img.size()));
        }
        for t in tags {
            rows.push((img.created, t.repository.clone(), t.tag.clone(), img.id.clone(), img.size()));
        }
    }
    rows.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let id = |full: &str| if p.on("no-trunc") { full.to_string() } else { short_id(full).to_string() };
    if p.on("quiet") {
        let mut seen = Vec::new();
        for r in &rows {
            let i = id(&r.3);
            if !seen.contains(&i) {
                seen.push(i);
            }
        }
        return Output::ok(seen.iter().map(|s| format!("{s}\n")).collect::<String>());
    }
    let mut t = vec![vec!["REPOSITORY".into(), "TAG".into(), "IMAGE ID".into(), "CREATED".into(), "SIZE".into()]];
    for r in rows {
        t.push(vec![r.1, r.2, id(&r.3), ago(now, r.0), human_size(r.4)]);
    }
    Output::ok(table(&t))
}
