//! Registry commands: `pull` (the built-in images, or the in-memory registry), `push`
//! (to `localhost:5000/…`, the in-memory registry), `login`/`logout`, and `search` over the
//! built-in catalogue. layerlab has no network, so Docker Hub pushes and other registries
//! answer with a clear offline message.

use std::collections::{BTreeMap, BTreeSet};

use super::flags::{switch, value};
use super::format::{ellipsis, table};
use super::spec::{Args, Cmd};
use super::{Engine, Output};
use crate::catalog::images as builtin;
use crate::image::{sha256_digest, short_id, Image, Reference};

/// The in-memory registries (`localhost:PORT/…`) and the logins.
#[derive(Clone, Debug, Default)]
pub struct Registry {
    repos: BTreeMap<Reference, Image>,
    layers: BTreeSet<String>,
    logins: BTreeMap<String, String>,
    /// `repo@digest` names of images pulled or pushed, by image ID.
    digests: BTreeMap<String, BTreeSet<String>>,
}

impl Registry {
    /// The `repo@sha256:…` names recorded for an image.
    pub fn digests_of(&self, id: &str) -> Vec<String> {
        self.digests.get(id).map(|s| s.iter().cloned().collect()).unwrap_or_default()
    }

    /// Every reference stored in the in-memory registries.
    pub fn references(&self) -> impl Iterator<Item = &Reference> {
        self.repos.keys()
    }
}

/// The manifest digest a registry serves for an image (stable per image ID).
pub fn manifest_digest(image_id: &str) -> String {
    sha256_digest(image_id.as_bytes())
}

/// The registry host a repository names, or `None` for Docker Hub.
fn registry_host(repository: &str) -> Option<&str> {
    let (first, _) = repository.split_once('/')?;
    (first.contains('.') || first.contains(':') || first == "localhost").then_some(first)
}

fn is_local(host: &str) -> bool {
    let name = host.split(':').next().unwrap_or(host);
    matches!(name, "localhost" | "127.0.0.1")
}

/// A finished pull.
pub struct Pulled {
    /// The image ID.
    pub id: String,
    /// Docker's pull output.
    pub lines: Vec<String>,
}

/// Pulls `r` into the store; errors are the daemon's message.
pub fn pull(e: &mut Engine, r: &Reference) -> Result<Pulled, String> {
    let path = if r.repository.contains('/') { r.repository.clone() } else { format!("library/{}", r.repository) };
    let known = crate::util::collect::set(e.store.images().flat_map(|i| i.layers.iter().map(|l| l.diff_id.clone())));
    let had = crate::util::collect::set(e.store.images().map(|i| i.id.clone()));
    // A catalogue image of another registry (gcr.io/distroless/static) is built in.
    let remote = registry_host(&r.repository).filter(|_| builtin::repository(&r.repository).is_none());
    let (image, remote_path) = match remote {
        Some(host) if is_local(host) => {
            let img = e.registry.repos.get(r).cloned().ok_or_else(|| format!("manifest for {r} not found: manifest unknown: manifest unknown"))?;
            (img, r.repository[host.len() + 1..].to_string())
        }
        Some(host) => {
            return Err(format!(
                "Get \"https://{host}/v2/\": dial tcp: lookup {host}: no such host (layerlab is offline: only the built-in images and the local registry localhost:5000 are reachable)"
            ))
        }
        None => {
            if builtin::lookup(&r.to_string()).is_ok_and(|i| i.is_none()) && builtin::catalogue().iter().any(|(n, _)| *n == r.repository) {
                return Err(format!("manifest for {r} not found: manifest unknown: manifest unknown"));
            }
            let before = e.store.tagged(r).map(|i| i.id.clone());
            let (id, _) = crate::build::resolve_base(&mut e.store, &r.to_string())?;
            if before.as_deref() == Some(id.as_str()) {
                return Ok(up_to_date(e, r, &id, &path));
            }
            let img = e.store.get(&id).expect("just pulled").clone();
            return Ok(downloaded(e, r, &img, &path, &known, had.contains(&id)));
        }
    };
    if e.store.tagged(r).is_some_and(|i| i.id == image.id) {
        return Ok(up_to_date(e, r, &image.id, &remote_path));
    }
    let id = e.store.insert(image.clone());
    e.store.tag(r.clone(), &id);
    Ok(downloaded(e, r, &image, &remote_path, &known, had.contains(&id)))
}

/// The output of a pull that fetched `image`; `known` are the layers that were already
/// there, `had` says the image itself was (under another name: no layers to fetch).
fn downloaded(e: &mut Engine, r: &Reference, image: &Image, path: &str, known: &BTreeSet<String>, had: bool) -> Pulled {
    let digest = manifest_digest(&image.id);
    e.registry.digests.entry(image.id.clone()).or_default().insert(format!("{}@{digest}", r.repository));
    let mut lines = vec![format!("{}: Pulling from {path}", r.tag)];
    for l in image.layers.iter().filter(|_| !had) {
        let status = if known.contains(&l.diff_id) { "Already exists" } else { "Pull complete" };
        lines.push(format!("{}: {status} ", short_id(&l.diff_id)));
    }
    lines.push(format!("Digest: {digest}"));
    lines.push(format!("Status: Downloaded newer image for {r}"));
    Pulled { id: image.id.clone(), lines }
}

fn up_to_date(e: &mut Engine, r: &Reference, id: &str, path: &str) -> Pulled {
    let digest = manifest_digest(id);
    e.registry.digests.entry(id.to_string()).or_default().insert(format!("{}@{digest}", r.repository));
    Pulled {
        id: id.to_string(),
        lines: vec![
            format!("{}: Pulling from {path}", r.tag),
            format!("Digest: {digest}"),
            format!("Status: Image is up to date for {r}"),
        ],
    }
}

/// The image `pull` and `push` name, and their output so far: Docker's `Using default
/// tag: latest` when the name has no tag (unless `quiet`).
fn image_arg(name: &str, quiet: bool) -> Result<(Reference, Output), Output> {
    let r = Reference::parse(name).map_err(|m| Output::fail(1, m))?;
    let mut out = Output::default();
    if !quiet && !name.rsplit('/').next().unwrap_or(name).contains(':') {
        out.line("Using default tag: latest");
    }
    Ok((r, out))
}

/// `docker pull`.
pub const PULL: Cmd = Cmd {
    path: "docker pull",
    usage: "[OPTIONS] NAME[:TAG|@DIGEST]",
    short: "Download an image from a registry",
    aliases: "docker image pull, docker pull",
    flags: &[
        switch("all-tags", Some('a')).about("Download all tagged images in the repository"),
        switch("quiet", Some('q')).about("Suppress verbose output"),
        value("platform", None).doc("string", "Set platform if server is multi-platform capable"),
    ],
    args: Args::Exact(1),
    interspersed: true,
};

/// `docker pull NAME[:TAG]`.
pub fn pull_cmd(e: &mut Engine, cmd: &Cmd, args: &[String]) -> Output {
    let p = match cmd.parse(args) {
        Ok(p) => p,
        Err(mut o) => {
            if o.code == 0 && !o.stdout.is_empty() {
                o.stdout.push_str(&offline_images());
            }
            return o;
        }
    };
    let (r, mut out) = match image_arg(&p.args[0], p.on("quiet")) {
        Ok(x) => x,
        Err(o) => return o,
    };
    match pull(e, &r) {
        Ok(pulled) => {
            if !p.on("quiet") {
                for l in pulled.lines {
                    out.line(l);
                }
            }
            out.line(r.full_name());
        }
        Err(m) => out.daemon_line(m),
    }
    out
}

/// What `pull --help` adds to Docker's help: the images layerlab has without a network.
pub fn offline_images() -> String {
    let mut s = String::from("\nImages available offline (layerlab's catalogue):\n");
    for (name, tags) in builtin::catalogue() {
        s.push_str(&format!("  {name}: {}\n", tags.join(", ")));
    }
    s
}

/// `docker push`.
pub const PUSH: Cmd = Cmd {
    path: "docker push",
    usage: "[OPTIONS] NAME[:TAG]",
    short: "Upload an image to a registry",
    aliases: "docker image push, docker push",
    flags: &[
        switch("all-tags", Some('a')).about("Push all tags of an image to the repository"),
        switch("quiet", Some('q')).about("Suppress verbose output"),
    ],
    args: Args::Exact(1),
    interspersed: true,
};

/// `docker push NAME[:TAG]`: to the in-memory registry for `localhost:PORT/…` names.
pub fn push(e: &mut Engine, cmd: &Cmd, args: &[String]) -> Output {
    let p = match cmd.parse(args) {
        Ok(p) => p,
        Err(o) => return o,
    };
    let (r, mut out) = match image_arg(&p.args[0], false) {
        Ok(x) => x,
        Err(o) => return o,
    };
    let Some(img) = e.store.tagged(&r).cloned() else {
        out.err_line(format!("An image does not exist locally with the tag: {}", r.repository));
        out.code = 1;
        return out;
    };
    let full = r.full_name();
    let repo_full = full.rsplit_once(':').map(|(a, _)| a).unwrap_or(&full).to_string();
    out.line(format!("The push refers to repository [{repo_full}]"));
    match registry_host(&r.repository) {
        Some(host) if is_local(host) => {}
        other => {
            for l in img.layers.iter().rev() {
                out.line(format!("{}: Preparing ", short_id(&l.diff_id)));
            }
            let host = other.unwrap_or("docker.io");
            out.err_line(format!(
                "denied: requested access to the resource is denied (layerlab is offline and cannot reach {host}; tag the image as localhost:5000/{} and push that to the built-in local registry)",
                r.repository.rsplit('/').next().unwrap_or(&r.repository)
            ));
            out.code = 1;
            return out;
        }
    }
    for l in img.layers.iter().rev() {
        let status = if e.registry.layers.contains(&l.diff_id) { "Layer already exists" } else { "Pushed" };
        if !p.on("quiet") {
            out.line(format!("{}: {status} ", short_id(&l.diff_id)));
        }
        e.registry.layers.insert(l.diff_id.clone());
    }
    let digest = manifest_digest(&img.id);
    let size = 2 + 427 + 213 * img.layers.len();
    if p.on("quiet") {
        out.clear_stdout();
        out.line(format!("{}", r));
    } else {
        out.line(format!("{}: digest: {digest} size: {size}", r.tag));
    }
    e.registry.digests.entry(img.id.clone()).or_default().insert(format!("{}@{digest}", r.repository));
    e.registry.repos.insert(r, img);
    out
}

/// `docker login`.
pub const LOGIN: Cmd = Cmd {
    path: "docker login",
    usage: "[OPTIONS] [SERVER]",
    short: "Authenticate to a registry.\nDefaults to Docker Hub if no server is specified.",
    aliases: "",
    flags: &[
        value("username", Some('u')).doc("string", "Username"),
        value("password", Some('p')).doc("string", "Password or Personal Access Token (PAT)"),
        switch("password-stdin", None).about("Take the Password or Personal Access Token (PAT) from stdin"),
    ],
    args: Args::Max(1),
    interspersed: true,
};

/// `docker login [SERVER]`: succeeds for the local registry.
pub fn login(e: &mut Engine, cmd: &Cmd, args: &[String]) -> Output {
    let p = match cmd.parse(args) {
        Ok(p) => p,
        Err(o) => return o,
    };
    let server = p.args.first().cloned().unwrap_or_else(|| "docker.io".into());
    let (Some(user), Some(_)) = (p.get("username"), p.get("password")) else {
        return Output::fail(1, "Error: Cannot perform an interactive login from a non TTY device");
    };
    let mut out = Output::default();
    out.err_line("WARNING! Using --password via the CLI is insecure. Use --password-stdin.");
    if !is_local(&server) {
        let host = if server == "docker.io" { "registry-1.docker.io" } else { server.as_str() };
        out.err_line(format!("Error response from daemon: Get \"https://{host}/v2/\": dial tcp: lookup {host}: no such host (layerlab is offline; log in to localhost:5000 instead)"));
        out.code = 1;
        return out;
    }
    e.registry.logins.insert(server, user.to_string());
    out.line("Login Succeeded");
    out
}

/// `docker logout`.
pub const LOGOUT: Cmd = Cmd {
    path: "docker logout",
    usage: "[SERVER]",
    short: "Log out from a registry.\nIf no server is specified, the default is defined by the daemon.",
    aliases: "",
    flags: &[],
    args: Args::Max(1),
    interspersed: true,
};

/// `docker logout [SERVER]`.
pub fn logout(e: &mut Engine, cmd: &Cmd, args: &[String]) -> Output {
    let p = match cmd.parse(args) {
        Ok(p) => p,
        Err(o) => return o,
    };
    let server = p.args.first().cloned().unwrap_or_else(|| "docker.io".into());
    if e.registry.logins.remove(&server).is_some() {
        Output::ok(format!("Removing login credentials for {server}\n"))
    } else {
        Output::ok(format!("Not logged in to {server}\n"))
    }
}

/// `docker search`.
pub const SEARCH: Cmd = Cmd {
    path: "docker search",
    usage: "[OPTIONS] TERM",
    short: "Search Docker Hub for images",
    aliases: "",
    flags: &[
        value("limit", None).doc("int", "Max number of search results"),
        switch("no-trunc", None).about("Don't truncate output"),
        value("filter", Some('f')).doc("filter", "Filter output based on conditions provided"),
    ],
    args: Args::Exact(1),
    interspersed: true,
};

/// `docker search TERM`: the catalogue (layerlab's offline Docker Hub), with each
/// repository's description and stars as Docker Hub shows them, most stars first.
pub fn search(_e: &mut Engine, cmd: &Cmd, args: &[String]) -> Output {
    let p = match cmd.parse(args) {
        Ok(p) => p,
        Err(o) => return o,
    };
    let term = p.args[0].to_ascii_lowercase();
    let limit: usize = p.get("limit").and_then(|l| l.parse().ok()).unwrap_or(25);
    let mut rows = vec![vec!["NAME".to_string(), "DESCRIPTION".into(), "STARS".into(), "OFFICIAL".into()]];
    let mut found: Vec<_> = builtin::listings().into_iter().filter(|r| r.repository.contains(&term)).collect();
    crate::util::sort::sort_by(&mut found, |a, b| b.stars.cmp(&a.stars).then_with(|| a.repository.cmp(&b.repository)));
    for r in found.into_iter().take(limit) {
        let desc = if p.on("no-trunc") { r.description.clone() } else { ellipsis(&r.description, 45) };
        let official = if r.repository.contains('/') { "" } else { "[OK]" };
        rows.push(vec![r.repository.clone(), desc, r.stars.to_string(), official.into()]);
    }
    Output::ok(table(&rows))
}
