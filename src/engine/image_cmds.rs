//! `docker history`, `tag`, `rmi` / `image rm` and `image prune`, with the daemon's
//! conflict rules for removing images (tags, child images, containers).

use std::collections::BTreeSet;

use super::flags::{switch, value};
use super::format::{ago, ellipsis, human_size, human_size4};
use super::json::J;
use super::spec::{Args, Cmd};
use super::template::{render_rows, Missing};
use super::{Engine, Output};
use crate::image::{parse_rfc3339, rfc3339, short_id, Reference};

/// `docker history`.
pub const HISTORY: Cmd = Cmd {
    path: "docker history",
    usage: "[OPTIONS] IMAGE",
    short: "Show the history of an image",
    aliases: "docker image history, docker history",
    flags: &[
        value("format", None).doc("string", "Format output using a custom template:\n'table':            Print output in table format with column headers (default)\n'table TEMPLATE':   Print output in table format using the given Go template\n'json':             Print in JSON format\n'TEMPLATE':         Print output using the given Go template.\nRefer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates"),
        switch("human", Some('H')).about("Print sizes and dates in human readable format (default true)"),
        switch("no-trunc", None).about("Don't truncate output"),
        switch("quiet", Some('q')).about("Only show image IDs"),
    ],
    args: Args::Exact(1),
    interspersed: true,
};

/// Docker's cut-off below which history dates are not shown in human form (2000-01-01).
const EPOCH_2000: i64 = 946_684_800;

/// `docker history IMAGE`: newest step first; steps whose image is not in the store (the
/// layers of a pulled base image) show `<missing>`.
pub fn history(e: &mut Engine, cmd: &Cmd, args: &[String]) -> Output {
    let p = match cmd.parse(args) {
        Ok(p) => p,
        Err(o) => return o,
    };
    let img = match e.store.resolve(&p.args[0]) {
        Ok(i) => i.clone(),
        Err(err) => return Output::daemon(err),
    };
    let human = p.get("human").is_none_or(|v| v != "false");
    let trunc = !p.on("no-trunc");
    let now = e.now();
    let mut sizes = img.layers.iter().map(|l| l.size);
    let mut entries: Vec<(String, i64, String, u64, String)> = img
        .config
        .history
        .iter()
        .map(|h| {
            let size = if h.empty_layer { 0 } else { sizes.next().unwrap_or(0) };
            let created = h.created.as_deref().and_then(parse_rfc3339).unwrap_or(0);
            (
                "<missing>".to_string(),
                created,
                h.created_by.clone().unwrap_or_default(),
                size,
                h.comment.clone().unwrap_or_default(),
            )
        })
        .collect();
    entries.reverse();
    let mut at = Some(img.id.clone());
    for entry in entries.iter_mut() {
        let Some(id) = at.take() else { break };
        entry.0 = id.clone();
        at = e.store.get(&id).and_then(|i| i.parent.clone()).filter(|p| e.store.get(p).is_some());
    }
    let rows: Vec<J> = entries
        .iter()
        .map(|(id, created, by, size, comment)| {
            let id = if trunc && id != "<missing>" { short_id(id).to_string() } else { id.clone() };
            let by = by.replace('\t', " ");
            let at = rfc3339(*created);
            let since = if !human {
                at.clone()
            } else if *created <= EPOCH_2000 {
                String::new()
            } else {
                ago(now, *created)
            };
            J::obj([
                ("Comment", J::s(comment.clone())),
                ("CreatedAt", J::s(at)),
                ("CreatedBy", J::s(if trunc { ellipsis(&by, 45) } else { by })),
                ("CreatedSince", J::s(since)),
                ("ID", J::s(id)),
                ("Size", J::s(if human { human_size(*size) } else { size.to_string() })),
            ])
        })
        .collect();
    let format = match (p.get("format"), p.on("quiet"), human) {
        (Some(f), false, _) => f.to_string(),
        (_, true, _) => "{{.ID}}".into(),
        (None, _, true) => "table {{.ID}}\t{{.CreatedSince}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}".into(),
        (None, _, false) => "table {{.ID}}\t{{.CreatedAt}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}".into(),
    };
    let headers = J::obj([
        ("Comment", J::s("COMMENT")),
        ("CreatedAt", J::s("CREATED AT")),
        ("CreatedBy", J::s("CREATED BY")),
        ("CreatedSince", J::s("CREATED")),
        ("ID", J::s("IMAGE")),
        ("Size", J::s("SIZE")),
    ]);
    match render_rows(&format, &rows, &headers, Missing::Error("*image.historyContext")) {
        Ok(s) => Output::ok(s),
        Err(m) => Output::fail(1, m),
    }
}

/// `docker tag`.
pub const TAG: Cmd = Cmd {
    path: "docker tag",
    usage: "SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]",
    short: "Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE",
    aliases: "docker image tag, docker tag",
    flags: &[],
    args: Args::Exact(2),
    interspersed: true,
};

/// `docker tag SOURCE TARGET`.
pub fn tag(e: &mut Engine, cmd: &Cmd, args: &[String]) -> Output {
    let p = match cmd.parse(args) {
        Ok(p) => p,
        Err(o) => return o,
    };
    // The client parses the target before asking the daemon about the source.
    let target = match Reference::parse(&p.args[1]) {
        Ok(r) => r,
        Err(err) => {
            return Output::fail(
                1,
                format!("Error parsing reference: \"{}\" is not a valid repository/tag: {err}", p.args[1]),
            )
        }
    };
    let id = match e.store.resolve(&p.args[0]) {
        Ok(i) => i.id.clone(),
        Err(err) => return Output::daemon(err),
    };
    e.store.tag(target, &id);
    Output::default()
}

/// `docker rmi`.
pub const RMI: Cmd = Cmd {
    path: "docker rmi",
    usage: "[OPTIONS] IMAGE [IMAGE...]",
    short: "Remove one or more images",
    aliases: "docker image rm, docker image remove, docker rmi",
    flags: &[
        switch("force", Some('f')).about("Force removal of the image"),
        switch("no-prune", None).about("Do not delete untagged parents"),
    ],
    args: Args::Min(1),
    interspersed: true,
};

/// `docker rmi IMAGE...`: `Untagged:` and `Deleted:` lines, or the daemon's conflict.
pub fn rmi(e: &mut Engine, cmd: &Cmd, args: &[String]) -> Output {
    let p = match cmd.parse(args) {
        Ok(p) => p,
        Err(o) => return o,
    };
    let mut out = Output::default();
    for what in &p.args {
        match remove(e, what, p.on("force"), !p.on("no-prune")) {
            Ok(lines) => {
                for l in lines {
                    out.line(l);
                }
            }
            Err(m) => out.daemon_line(m),
        }
    }
    out
}

/// The first container using image `id` (running ones first).
fn user_of(e: &Engine, id: &str, running: bool) -> Option<String> {
    e.containers.iter().find(|c| c.image_id == id && c.is_running() == running).map(|c| c.id.clone())
}

/// Removes what `what` names, as the daemon's `ImageDelete` does; returns the
/// `Untagged:`/`Deleted:` lines.
pub fn remove(e: &mut Engine, what: &str, force: bool, prune: bool) -> Result<Vec<String>, String> {
    let img = e.store.resolve(what).map_err(|err| err.to_string())?.clone();
    let short = short_id(&img.id).to_string();
    let by_tag = Reference::parse(what).ok().filter(|r| e.store.tagged(r).is_some_and(|i| i.id == img.id));
    let tags = e.store.tags_of(&img.id);
    let digests = super::images_cmd::repo_digests(e, &img);
    let mut lines = Vec::new();
    if let Some(r) = by_tag {
        if tags.len() > 1 {
            e.store.untag(&r);
            return Ok(vec![format!("Untagged: {r}")]);
        }
        if !force {
            if let Some(c) = user_of(e, &img.id, true).or_else(|| user_of(e, &img.id, false)) {
                return Err(format!(
                    "conflict: unable to remove repository reference \"{what}\" (must force) - container {} is using its referenced image {short}",
                    &c[..12]
                ));
            }
        }
        e.store.untag(&r);
        lines.push(format!("Untagged: {r}"));
        delete_helper(e, &img.id, force, prune, true, &digests, &mut lines)?;
        return Ok(lines);
    }
    let repos = crate::util::collect::set(tags.iter().map(|t| t.repository.as_str()));
    if repos.len() > 1 && !force {
        return Err(format!(
            "conflict: unable to delete {short} (must be forced) - image is referenced in multiple repositories"
        ));
    }
    delete_helper(e, &img.id, force, prune, false, &digests, &mut lines)?;
    Ok(lines)
}

/// Deletes image `id` (untagging what remains) and then its untagged parents. With
/// `quiet`, a conflict leaves the image in place without an error (the untag succeeded).
fn delete_helper(
    e: &mut Engine,
    id: &str,
    force: bool,
    prune: bool,
    quiet: bool,
    digests: &[String],
    lines: &mut Vec<String>,
) -> Result<(), String> {
    let short = short_id(id).to_string();
    let conflict = if let Some(c) = user_of(e, id, true) {
        Some(format!(
            "conflict: unable to delete {short} (cannot be forced) - image is being used by running container {}",
            &c[..12]
        ))
    } else if e.store.children(id).next().is_some() {
        Some(format!("conflict: unable to delete {short} (cannot be forced) - image has dependent child images"))
    } else {
        user_of(e, id, false).filter(|_| !force).map(|c| {
            format!(
                "conflict: unable to delete {short} (must be forced) - image is being used by stopped container {}",
                &c[..12]
            )
        })
    };
    if let Some(c) = conflict {
        return if quiet { Ok(()) } else { Err(c) };
    }
    for r in e.store.tags_of(id) {
        e.store.untag(&r);
        lines.push(format!("Untagged: {r}"));
    }
    for d in digests {
        lines.push(format!("Untagged: {d}"));
    }
    let parent = e.store.get(id).and_then(|i| i.parent.clone());
    e.store.remove(id);
    lines.push(format!("Deleted: {id}"));
    if let (true, Some(parent)) = (prune, parent) {
        let removable = e.store.get(&parent).is_some()
            && e.store.tags_of(&parent).is_empty()
            && e.store.children(&parent).next().is_none()
            && !e.containers.iter().any(|c| c.image_id == parent);
        if removable {
            delete_helper(e, &parent, false, true, true, &[], lines)?;
        }
    }
    Ok(())
}

/// `docker image prune`.
pub const PRUNE: Cmd = Cmd {
    path: "docker image prune",
    usage: "[OPTIONS]",
    short: "Remove unused images",
    aliases: "",
    flags: &[
        switch("all", Some('a')).about("Remove all unused images, not just dangling ones"),
        value("filter", None).doc("filter", "Provide filter values (e.g. \"until=<timestamp>\")"),
        switch("force", Some('f')).about("Do not prompt for confirmation"),
    ],
    args: Args::None,
    interspersed: true,
};

/// Bytes of the layers of the store that no image uses any more after a removal.
fn layer_bytes(e: &Engine) -> (BTreeSet<String>, u64) {
    let mut seen = BTreeSet::new();
    let mut total = 0;
    for img in e.store.images() {
        for l in &img.layers {
            if seen.insert(l.diff_id.clone()) {
                total += l.size;
            }
        }
    }
    (seen, total)
}

/// `docker image prune [-a] [-f]`: without `-f` it asks, and with no input (EOF) the
/// answer is no.
pub fn prune(e: &mut Engine, cmd: &Cmd, args: &[String]) -> Output {
    let p = match cmd.parse(args) {
        Ok(p) => p,
        Err(o) => return o,
    };
    let all = p.on("all");
    if !p.on("force") {
        let warning = if all {
            "WARNING! This will remove all images without at least one container associated to them.\nAre you sure you want to continue? [y/N] "
        } else {
            "WARNING! This will remove all dangling images.\nAre you sure you want to continue? [y/N] "
        };
        return Output::ok(warning);
    }
    let (_, before) = layer_bytes(e);
    let mut lines = Vec::new();
    let mut candidates: Vec<(i64, String)> = e
        .store
        .images()
        .filter(|i| e.store.children(&i.id).next().is_none())
        .filter(|i| all || e.store.tags_of(&i.id).is_empty())
        .filter(|i| !e.containers.iter().any(|c| c.image_id == i.id))
        .map(|i| (i.created, i.id.clone()))
        .collect();
    crate::util::sort::sort(&mut candidates);
    for (_, id) in candidates {
        if let Some(img) = e.store.get(&id).cloned() {
            let digests = super::images_cmd::repo_digests(e, &img);
            let _ = delete_helper(e, &id, false, true, true, &digests, &mut lines);
        }
    }
    let (_, after) = layer_bytes(e);
    let mut out = Output::default();
    if !lines.is_empty() {
        out.line("Deleted Images:");
        for l in lines {
            let l = l.replacen("Untagged: ", "untagged: ", 1).replacen("Deleted: ", "deleted: ", 1);
            out.line(l);
        }
        out.line("");
    }
    out.line(format!("Total reclaimed space: {}", human_size4(before - after)));
    out
}
