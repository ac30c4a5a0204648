//! `docker images` / `docker image ls`: rows per tag, intermediates hidden unless `-a`,
//! filters (`dangling`, `before`, `since`, `label`, `reference`), `--digests`,
//! `--no-trunc`, `-q`, and `--format` templates.

use super::flags::{switch, value};
use super::format::{ago, go_time, human_size, human_size4};
use super::json::J;
use super::spec::{Args, Cmd};
use super::template::{render_rows, Missing};
use super::{Engine, Output};
use crate::build::glob_match;
use crate::image::{short_id, Image, Reference};

/// `docker images`.
pub const IMAGES: Cmd = Cmd {
    path: "docker images",
    usage: "[OPTIONS] [REPOSITORY[:TAG]]",
    short: "List images",
    aliases: "docker image ls, docker image list, docker images",
    flags: &[
        switch("all", Some('a')).about("Show all images (default hides intermediate images)"),
        switch("quiet", Some('q')).about("Only show image IDs"),
        switch("no-trunc", None).about("Don't truncate output"),
        switch("digests", None).about("Show digests"),
        value("filter", Some('f')).doc("filter", "Filter output based on conditions provided"),
        value("format", None).doc(
            "string",
            "Format output using a custom template:\n'table':            Print output in table format with column headers (default)\n'table TEMPLATE':   Print output in table format using the given Go template\n'json':             Print in JSON format\n'TEMPLATE':         Print output using the given Go template.\nRefer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates",
        ),
    ],
    args: Args::Max(1),
    interspersed: true,
};

const TABLE: &str = "table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}";
const TABLE_DIGESTS: &str = "table {{.Repository}}\t{{.Tag}}\t{{.Digest}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}";

/// The header names of the image row fields.
fn headers() -> J {
    J::obj([
        ("Containers", J::s("CONTAINERS")),
        ("CreatedAt", J::s("CREATED AT")),
        ("CreatedSince", J::s("CREATED")),
        ("Digest", J::s("DIGEST")),
        ("ID", J::s("IMAGE ID")),
        ("Repository", J::s("REPOSITORY")),
        ("SharedSize", J::s("SHARED SIZE")),
        ("Size", J::s("SIZE")),
        ("Tag", J::s("TAG")),
        ("UniqueSize", J::s("UNIQUE SIZE")),
        ("VirtualSize", J::s("SIZE")),
    ])
}

/// One filter condition.
enum Filter {
    Dangling(bool),
    Before(i64),
    Since(i64),
    Label(String, Option<String>),
    Reference(String),
}

fn parse_filters(e: &Engine, values: &[&str]) -> Result<Vec<Filter>, String> {
    let mut out = Vec::new();
    for f in values {
        let (k, v) = f.split_once('=').ok_or_else(|| "bad format of filter (expected name=value)".to_string())?;
        let image_time = |v: &str| e.store.resolve(v).map(|i| i.created).map_err(|err| err.to_string());
        out.push(match k.to_ascii_lowercase().as_str() {
            "dangling" => match v.to_ascii_lowercase().as_str() {
                "true" | "1" => Filter::Dangling(true),
                "false" | "0" => Filter::Dangling(false),
                _ => return Err(format!("Invalid filter 'dangling={v}'")),
            },
            "before" => Filter::Before(image_time(v)?),
            "since" => Filter::Since(image_time(v)?),
            "label" => match v.split_once('=') {
                Some((a, b)) => Filter::Label(a.to_string(), Some(b.to_string())),
                None => Filter::Label(v.to_string(), None),
            },
            "reference" => Filter::Reference(v.to_string()),
            _ => return Err(format!("invalid filter '{k}'")),
        });
    }
    Ok(out)
}

/// True when `pattern` matches a reference as Docker's `FamiliarMatch` does: against
/// `name:tag` or the name alone.
fn reference_matches(pattern: &str, r: &Reference) -> bool {
    glob_match(pattern, &r.to_string()) || glob_match(pattern, &r.repository)
}

/// The `repo@digest` names of an image: recorded pulls and pushes, plus built-in images
/// pulled by a build's `FROM`.
pub fn repo_digests(e: &Engine, img: &Image) -> Vec<String> {
    let mut d = e.registry.digests_of(&img.id);
    if img.parent.is_none() && img.cache_key.is_none() {
        for r in e.store.tags_of(&img.id) {
            if r.is_official() && crate::catalog::images::catalogue().iter().any(|(n, _)| *n == r.repository) {
                let name = format!("{}@{}", r.repository, super::registry::manifest_digest(&img.id));
                if !d.contains(&name) {
                    d.push(name);
                }
            }
        }
    }
    crate::util::sort::sort(&mut d);
    d
}

/// `docker images [OPTIONS] [REPOSITORY[:TAG]]`.
pub fn images(e: &mut Engine, cmd: &Cmd, args: &[String]) -> Output {
    let p = match cmd.parse(args) {
        Ok(p) => p,
        Err(o) => return o,
    };
    let mut filters = match parse_filters(e, &p.all("filter")) {
        Ok(f) => f,
        Err(m) => return Output::daemon(m),
    };
    if let Some(a) = p.args.first() {
        filters.push(Filter::Reference(a.clone()));
    }
    let now = e.now();
    let trunc = !p.on("no-trunc");
    let format = p.get("format").map(String::from).unwrap_or_else(|| {
        if p.on("digests") {
            TABLE_DIGESTS.into()
        } else {
            TABLE.into()
        }
    });
    let need_digest = p.on("digests") || format.contains("{{.Digest}}");
    let mut images: Vec<&Image> = e.store.images().collect();
    // Newest first; within one second, later build steps (longer histories) first.
    crate::util::sort::sort_by(&mut images, |a, b| {
        b.created.cmp(&a.created).then(b.config.history.len().cmp(&a.config.history.len())).then(a.id.cmp(&b.id))
    });
    let mut rows = Vec::new();
    let mut ids = Vec::new();
    for img in images {
        let mut tags = e.store.tags_of(&img.id);
        let has_children = e.store.children(&img.id).next().is_some();
        if tags.is_empty() && has_children && !p.on("all") {
            continue;
        }
        let mut keep = true;
        for f in &filters {
            keep &= match f {
                Filter::Dangling(d) => tags.is_empty() == *d,
                Filter::Before(t) => img.created < *t,
                Filter::Since(t) => img.created > *t,
                Filter::Label(k, v) => {
                    img.config.config.labels.get(k).is_some_and(|x| v.as_ref().is_none_or(|v| v == x))
                }
                Filter::Reference(pat) => {
                    tags.retain(|r| reference_matches(pat, r));
                    !tags.is_empty()
                }
            };
        }
        if !keep {
            continue;
        }
        let id = if trunc { short_id(&img.id).to_string() } else { img.id.clone() };
        ids.push(id.clone());
        let digests = repo_digests(e, img);
        let row = |repo: &str, tag: &str, digest: &str| {
            J::obj([
                ("Containers", J::s("N/A")),
                ("CreatedAt", J::s(go_time(img.created))),
                ("CreatedSince", J::s(ago(now, img.created))),
                ("Digest", J::s(digest)),
                ("ID", J::s(id.clone())),
                ("Repository", J::s(repo)),
                ("SharedSize", J::s("N/A")),
                ("Size", J::s(human_size(img.size()))),
                ("Tag", J::s(tag)),
                ("UniqueSize", J::s("N/A")),
                ("VirtualSize", J::s(human_size4(img.size()))),
            ])
        };
        if tags.is_empty() {
            rows.push(row("<none>", "<none>", "<none>"));
        }
        for t in &tags {
            let mine: Vec<&String> =
                digests.iter().filter(|d| d.split('@').next() == Some(t.repository.as_str())).collect();
            if !need_digest || mine.is_empty() {
                rows.push(row(&t.repository, &t.tag, "<none>"));
            } else {
                for d in mine {
                    rows.push(row(&t.repository, &t.tag, d.split('@').nth(1).unwrap_or("<none>")));
                }
            }
        }
    }
    if p.on("quiet") {
        let mut seen: Vec<String> = Vec::new();
        for i in ids {
            if !seen.contains(&i) {
                seen.push(i);
            }
        }
        return Output::ok(seen.iter().map(|s| format!("{s}\n")).collect::<String>());
    }
    match render_rows(&format, &rows, &headers(), Missing::Error("*formatter.imageContext")) {
        Ok(s) => Output::ok(s),
        Err(m) => Output::fail(1, m),
    }
}
