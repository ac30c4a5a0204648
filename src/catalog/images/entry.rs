//! The data model of an image description, `data/images/<name>.json`, and its strict
//! parser. One file describes one repository; each of its images lists the tags that name
//! it, its layers, config and history as the real image has them, and where the facts
//! come from:
//!
//! ```json
//! { "repository": "alpine", "description": "…", "stars": 11000, "sources": ["…"],
//!   "images": [ { "tags": ["3.20", "latest"], "created": "2024-09-06T12:05:36Z",
//!                 "parent": null,
//!                 "layers": [ { "kind": "alpine", "release": "3.20", … } ],
//!                 "config": { "Env": ["PATH=…"], "Cmd": ["/bin/sh"] },
//!                 "history": [ { "created_by": "ADD … / # buildkit", "comment": "…" } ],
//!                 "programs": ["sh", "apk"], "sources": ["…"] } ] }
//! ```
//!
//! Layer kinds: `busybox`, `alpine` and `debian` assemble a distribution's root
//! filesystem from the package catalogues (`data/packages/`); `files` adds a file set
//! written in the catalogue line format (`D`, `f`, `x`, `t`, `L`, `H` lines, see
//! [`crate::catalog::model`]) on top of the layers below, such as a runtime under
//! `/usr/local` or a single static binary.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::catalog::model::{self, ParseError};
use crate::util::reference::Reference;

/// One repository (`alpine`) and its images.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Repository {
    /// Repository name as `docker images` shows it (`alpine`, `gcr.io/distroless/static`).
    pub repository: String,
    /// The one-line description Docker Hub shows (`docker search`).
    #[serde(default)]
    pub description: String,
    /// Docker Hub stars (`docker search`), rounded.
    #[serde(default)]
    pub stars: u32,
    /// Where the facts of this repository come from.
    #[serde(default)]
    pub sources: Vec<String>,
    /// The images, each with the tags that name it.
    pub images: Vec<Entry>,
}

/// One image of a repository.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// Tags naming this image (`3.20`, `3.20.3`, `latest`).
    pub tags: Vec<String>,
    /// RFC 3339 creation time.
    pub created: String,
    /// The image this one is built on (`debian:bookworm`); its layers and history come first.
    #[serde(default)]
    pub parent: Option<String>,
    /// This image's own layers, bottom first.
    pub layers: Vec<LayerSpec>,
    /// Runtime configuration.
    #[serde(default)]
    pub config: Config,
    /// This image's own history rows (after the parent's); empty when the real image's
    /// config has none (`hello-world`).
    pub history: Vec<HistoryRow>,
    /// The main programs the image provides (`python3`, `pip`).
    #[serde(default)]
    pub programs: Vec<String>,
    /// Where the facts of this image come from (beyond the repository's sources).
    #[serde(default)]
    pub sources: Vec<String>,
}

/// An image's runtime configuration as the catalogue records it: the fields of the OCI
/// config's `config` object that official images set, spelled as `docker inspect` shows
/// them (`Env`, `Cmd`, …).
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct Config {
    /// `USER`.
    #[serde(default)]
    pub user: String,
    /// `ENV`, as `KEY=value`.
    #[serde(default)]
    pub env: Vec<String>,
    /// `ENTRYPOINT`.
    #[serde(default)]
    pub entrypoint: Option<Vec<String>>,
    /// `CMD`.
    #[serde(default)]
    pub cmd: Option<Vec<String>>,
    /// `EXPOSE` (`80/tcp`).
    #[serde(default)]
    pub exposed_ports: Vec<String>,
    /// `VOLUME`.
    #[serde(default)]
    pub volumes: Vec<String>,
    /// `WORKDIR`.
    #[serde(default)]
    pub working_dir: String,
    /// `LABEL`.
    #[serde(default)]
    pub labels: BTreeMap<String, String>,
    /// `STOPSIGNAL`.
    #[serde(default)]
    pub stop_signal: String,
}

/// One row of an image's history, as `docker history` shows the real image.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HistoryRow {
    /// RFC 3339 time (the image's creation time when absent).
    #[serde(default)]
    pub created: Option<String>,
    /// The instruction (`/bin/sh -c #(nop)  CMD ["sh"]`, `ADD file:… in /`).
    pub created_by: String,
    /// `buildkit.dockerfile.v0`, `debuerreotype 0.15`.
    #[serde(default)]
    pub comment: Option<String>,
    /// True for rows without a layer (`ENV`, `CMD`, …).
    #[serde(default)]
    pub empty_layer: bool,
}

/// How a layer is made.
#[derive(Clone, Debug, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase", deny_unknown_fields)]
pub enum LayerSpec {
    /// The official `busybox` image's single layer (glibc variant).
    Busybox {
        /// BusyBox version (`1.37.0`).
        version: String,
        /// Size of `/bin/busybox` in bytes.
        size: u64,
    },
    /// An Alpine minirootfs from `data/packages/alpine/base.pkgs`.
    Alpine {
        /// The release in the package catalogues (`3.20`).
        release: String,
        /// Full version (`3.20.3`).
        version: String,
        /// `/etc/apk/world`.
        world: Vec<String>,
    },
    /// A Debian or Ubuntu root filesystem from `data/packages/apt/base*.pkgs`.
    Debian(DebianSpec),
    /// A root filesystem of the rpm family (CentOS) from `data/packages/rpm/base*.pkgs`.
    Rpm(RpmSpec),
    /// Files on top of the layers below, in the catalogue line format, one line per item.
    /// Its programs know their version from `package` and `version` (`python3 --version`).
    Files {
        /// What the files are (`python`); `files` when not given.
        #[serde(default)]
        package: Option<String>,
        /// Its version (`3.12.7`); `0` when not given.
        #[serde(default)]
        version: Option<String>,
        /// The lines (`D /app`, `f /usr/local/bin/tool 2.1M`, `x /etc/motd hello\n`).
        files: Vec<String>,
    },
}

/// The facts of an apt-based root filesystem.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DebianSpec {
    /// The release in the package catalogues (`bookworm`, `noble`).
    pub release: String,
    /// Leaves out documentation by dpkg `path-exclude` rules (`-slim`, Ubuntu).
    #[serde(default)]
    pub slim: bool,
    /// Ubuntu rather than Debian (maintainer, exclude rules, history shape).
    #[serde(default)]
    pub ubuntu: bool,
    /// `/usr/lib/os-release`.
    pub os_release: String,
    /// `/etc/debian_version`.
    pub debian_version: String,
    /// `/etc/issue`.
    pub issue: String,
    /// The apt sources file.
    pub sources: TextFile,
    /// The `Maintainer` of the base packages.
    pub maintainer: String,
    /// An account the image creates besides the system ones (`ubuntu`, uid 1000).
    #[serde(default)]
    pub default_user: Option<String>,
}

/// The facts of an rpm-based root filesystem.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RpmSpec {
    /// The release in the package catalogues (`el7`).
    pub release: String,
    /// `/etc/centos-release` (`CentOS Linux release 7.9.2009 (Core)`).
    pub release_text: String,
    /// `/usr/lib/os-release` (none on CentOS 6).
    #[serde(default)]
    pub os_release: Option<String>,
    /// The yum repositories file (`/etc/yum.repos.d/CentOS-Base.repo`).
    pub repos: TextFile,
}

/// A text file of an image.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TextFile {
    /// Absolute path.
    pub path: String,
    /// Contents.
    pub text: String,
}

/// Parses and checks `data/<path>`: the JSON must match the model exactly, tags must be
/// valid and unique, each image needs as many non-empty history rows as layers, times
/// must be RFC 3339 and file sets must parse. Errors name the file and the line.
pub fn parse_repository(path: &str, text: &str) -> Result<Repository, ParseError> {
    let repo: Repository =
        serde_json::from_str(text).map_err(|e| ParseError { file: path.into(), line: e.line(), msg: e.to_string() })?;
    let err = |needle: &str, msg: String| ParseError { file: path.into(), line: line_of(text, needle), msg };
    let name = Reference::parse(&repo.repository)
        .map_err(|e| err("\"repository\"", format!("repository {:?}: {e}", repo.repository)))?;
    if name.tag != "latest" || name.repository != repo.repository {
        return Err(err("\"repository\"", format!("repository {:?} is not a plain repository name", repo.repository)));
    }
    let mut seen = Vec::new();
    for img in &repo.images {
        let first = img.tags.first().map(String::as_str).unwrap_or("");
        let at = |msg: String| err(&format!("\"{first}\""), msg);
        if img.tags.is_empty() {
            return Err(err("\"tags\": []", "an image needs at least one tag".into()));
        }
        for t in &img.tags {
            match Reference::parse(&format!("{}:{t}", repo.repository)) {
                Ok(r) if r.tag == *t => {}
                _ => return Err(err(&format!("\"{t}\""), format!("bad tag {t:?}"))),
            }
            if seen.contains(t) {
                return Err(err(&format!("\"{t}\""), format!("tag {t:?} names two images")));
            }
            seen.push(t.clone());
        }
        if crate::util::time::parse_rfc3339(&img.created).is_none() {
            return Err(at(format!("{first}: created {:?} is not an RFC 3339 time", img.created)));
        }
        let filled = img.history.iter().filter(|h| !h.empty_layer).count();
        if filled != img.layers.len() && !img.history.is_empty() {
            return Err(at(format!("{first}: {} layers but {filled} history rows with a layer", img.layers.len())));
        }
        if let Some(p) = &img.parent {
            Reference::parse(p).map_err(|e| at(format!("{first}: parent {p:?}: {e}")))?;
        }
        for (i, layer) in img.layers.iter().enumerate() {
            let rootfs = !matches!(layer, LayerSpec::Files { .. });
            if rootfs && (i > 0 || img.parent.is_some()) {
                return Err(at(format!(
                    "{first}: a root filesystem layer must be the first of an image without a parent"
                )));
            }
            if let LayerSpec::Files { files, package, version } = layer {
                file_set(package.as_deref(), version.as_deref(), files).map_err(|e| ParseError {
                    file: path.into(),
                    line: line_of(text, files.get(e.line.saturating_sub(2)).map_or("\"files\"", String::as_str)),
                    msg: e.msg,
                })?;
            }
        }
    }
    Ok(repo)
}

/// The files of a `files` layer as one package (its entries in order).
pub(crate) fn file_set(
    package: Option<&str>,
    version: Option<&str>,
    lines: &[String],
) -> Result<model::Package, ParseError> {
    if let Some(i) = lines.iter().position(|l| l.contains('\n')) {
        return Err(ParseError {
            file: String::new(),
            line: i + 2,
            msg: "a file line is one line: write a newline in its text as \\n".into(),
        });
    }
    let src = format!("@ {} {}\n{}\n", package.unwrap_or("files"), version.unwrap_or("0"), lines.join("\n"));
    let mut pkgs = model::parse(&src, "any", crate::catalog::repo::TEXTS)?;
    Ok(pkgs.pop().unwrap_or_default())
}

/// The 1-based line of the first occurrence of `needle` (JSON-escaped) in `text`, or 1.
fn line_of(text: &str, needle: &str) -> usize {
    let escaped = serde_json::to_string(needle).map(|s| s[1..s.len() - 1].to_string()).unwrap_or_default();
    [needle, escaped.as_str()]
        .iter()
        .find_map(|n| text.find(n))
        .map_or(1, |i| text[..i].lines().count().max(1) + usize::from(text[..i].ends_with('\n')))
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"{
  "repository": "tool",
  "images": [
    {
      "tags": ["1.0", "latest"],
      "created": "2024-01-02T03:04:05Z",
      "parent": "alpine:3.20",
      "layers": [{ "kind": "files", "files": ["D /opt/tool", "f /usr/local/bin/tool 2M"] }],
      "config": { "Env": ["PATH=/usr/local/bin:/usr/bin:/bin"], "Cmd": ["tool"], "ExposedPorts": ["80/tcp"] },
      "history": [{ "created_by": "COPY tool /usr/local/bin/ # buildkit" }, { "created_by": "CMD [\"tool\"]", "empty_layer": true }]
    }
  ]
}
"#;

    #[test]
    fn parses_a_repository() {
        let r = parse_repository("images/tool.json", GOOD).unwrap();
        let img = &r.images[0];
        assert_eq!(img.tags, ["1.0", "latest"]);
        assert_eq!(img.config.exposed_ports, ["80/tcp"]);
        assert!(matches!(&img.layers[0], LayerSpec::Files { files, .. } if files.len() == 2));
        let set = file_set(Some("tool"), Some("1.0.3"), &["f /usr/local/bin/tool 2M".to_string()]).unwrap();
        assert_eq!((set.installed_size(), set.version.as_str()), (2 << 20, "1.0.3"));
    }

    #[test]
    fn errors_name_the_line() {
        let bad = |from: &str, to: &str| parse_repository("images/tool.json", &GOOD.replace(from, to)).unwrap_err();
        let e = bad("\"Cmd\"", "\"Command\"");
        assert_eq!(e.line, 9, "{e}");
        assert!(e.msg.contains("unknown field `Command`"), "{e}");
        assert_eq!(bad("\"latest\"", "\"1.0\"").msg, "tag \"1.0\" names two images");
        assert_eq!(bad("\"latest\"", "\"Bad Tag\"").line, 5);
        let e = bad(", \"empty_layer\": true", "");
        assert_eq!(e.msg, "1.0: 1 layers but 2 history rows with a layer");
        let e = bad("2M\"", "big\"");
        assert_eq!((e.line, e.msg.as_str()), (8, "bad size"));
        assert_eq!(bad("2024-01-02T03:04:05Z", "yesterday").msg, "1.0: created \"yesterday\" is not an RFC 3339 time");
        assert_eq!(line_of("a\nb\n\"x\"", "\"x\""), 3);
        let e = bad("\"D /opt/tool\"", "\"x /etc/motd hi\\nthere\"");
        assert_eq!(e.msg, "a file line is one line: write a newline in its text as \\n");
    }
}
