//! Mount specifications: `-v` and `--mount` values parsed with Docker's messages, and
//! resolved into a container's mounts (volumes created as needed, bind sources checked,
//! the image's `VOLUME`s given anonymous volumes).

use serde::{Deserialize, Serialize};

use super::flags::Parsed;
use super::Engine;
use crate::image::ContainerConfig;
use crate::vfs::path;

/// What a mount is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum MountKind {
    /// A named or anonymous volume.
    #[default]
    Volume,
    /// A host directory (`-v /host/dir:/path`, `--mount type=bind`).
    Bind,
    /// An in-memory filesystem emptied when the process ends (`--mount type=tmpfs`).
    Tmpfs,
}

impl MountKind {
    /// The name inspect gives it.
    pub fn name(self) -> &'static str {
        match self {
            MountKind::Volume => "volume",
            MountKind::Bind => "bind",
            MountKind::Tmpfs => "tmpfs",
        }
    }
}

/// A container's mount.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mount {
    /// The volume's name, the host directory of a bind mount, empty for tmpfs.
    pub volume: String,
    /// Where it is mounted (absolute).
    pub target: String,
    /// `:ro`.
    pub readonly: bool,
    /// Volume, bind or tmpfs.
    #[serde(default)]
    pub kind: MountKind,
    /// The `-v` spec it came from (`HostConfig.Binds`), empty for `--mount` and `VOLUME`.
    #[serde(default)]
    pub spec: String,
    /// A `--tmpfs` mount's options (`HostConfig.Tmpfs`); such a mount stays out of the
    /// container's `Mounts`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tmpfs: Option<String>,
}

/// A mount as `-v` or `--mount` asks for it, before its volume exists.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Asked {
    /// The volume name (`None` for an anonymous one) or the host directory of a bind.
    pub source: Option<String>,
    /// The mount point.
    pub target: String,
    /// Read-only.
    pub readonly: bool,
    /// What it is.
    pub kind: MountKind,
    /// The `-v` spec, empty for `--mount`.
    pub spec: String,
}

/// `-v` modes the Linux daemon accepts.
const MODES: &[&str] = &[
    "ro",
    "rw",
    "z",
    "Z",
    "nocopy",
    "consistent",
    "cached",
    "delegated",
    "shared",
    "rshared",
    "slave",
    "rslave",
    "private",
    "rprivate",
];

/// True for a name Docker's local driver accepts (`[a-zA-Z0-9][a-zA-Z0-9_.-]+`).
pub fn valid_volume_name(n: &str) -> bool {
    n.len() > 1
        && n.starts_with(|c: char| c.is_ascii_alphanumeric())
        && n.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'))
}

/// Parses `-v` and `--mount` values. A `-v` source that is a path is a bind mount (a
/// relative one is taken from `cwd`, as the docker CLI does). Errors are the messages
/// Docker prints after `docker: ` (daemon errors keep their `Error response from
/// daemon: ` prefix).
pub fn parse_mounts(volumes: &[&str], mounts: &[&str]) -> Result<Vec<Asked>, String> {
    let daemon = |m: String| format!("Error response from daemon: {m}");
    let mut out = Vec::new();
    for v in volumes {
        let parts: Vec<&str> = v.split(':').collect();
        let (source, target, mode) = match parts.as_slice() {
            [t] => (None, *t, ""),
            [s, t] => (Some(*s), *t, ""),
            [s, t, m] => (Some(*s), *t, *m),
            _ => return Err(daemon(format!("invalid spec: {v}: too many colons"))),
        };
        for m in mode.split(',').filter(|m| !m.is_empty()) {
            if !MODES.contains(&m) {
                return Err(daemon(format!("invalid mode: {mode}")));
            }
        }
        let readonly = mode.split(',').any(|x| x == "ro");
        let bind = source.is_some_and(|s| {
            s.starts_with('/') || s == "." || s == ".." || s.starts_with("./") || s.starts_with("../")
        });
        let kind = if bind { MountKind::Bind } else { MountKind::Volume };
        if !target.starts_with('/') {
            return Err(daemon(format!(
                "invalid volume specification: '{v}': invalid mount config for type \"{}\": invalid mount path: '{target}' mount path must be absolute",
                kind.name()
            )));
        }
        if let Some(s) = source.filter(|s| !bind && !valid_volume_name(s)) {
            return Err(daemon(format!(
                "create {s}: \"{s}\" includes invalid characters for a local volume name, only \"[a-zA-Z0-9][a-zA-Z0-9_.-]\" are allowed. If you intended to pass a host directory, use absolute path"
            )));
        }
        out.push(Asked {
            source: source.map(String::from),
            target: target.to_string(),
            readonly,
            kind,
            spec: v.to_string(),
        });
    }
    for m in mounts {
        let bad = |why: &str| format!("invalid argument \"{m}\" for \"--mount\" flag: {why}");
        let mut source = None;
        let mut target = None;
        let mut ro = false;
        let mut kind = MountKind::Volume;
        for kv in m.split(',') {
            let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
            match k.to_ascii_lowercase().as_str() {
                "type" => {
                    kind = match v {
                        "volume" => MountKind::Volume,
                        "bind" => MountKind::Bind,
                        "tmpfs" => MountKind::Tmpfs,
                        _ => return Err(daemon(format!("invalid mount config: mount type unknown: \"{v}\""))),
                    }
                }
                "source" | "src" => source = Some(v.to_string()),
                "target" | "destination" | "dst" => target = Some(v.to_string()),
                "readonly" | "ro" => {
                    ro = match v {
                        "" | "true" | "1" => true,
                        "false" | "0" => false,
                        _ => return Err(bad(&format!("invalid value for {k}: {v}"))),
                    }
                }
                "bind-propagation" | "consistency" | "volume-nocopy" | "volume-driver" | "volume-opt"
                | "volume-label" | "tmpfs-size" | "tmpfs-mode" | "bind-recursive" | "bind-create-src"
                | "volume-subpath" => {}
                _ => return Err(bad(&format!("unexpected key '{k}' in '{kv}'"))),
            }
        }
        let Some(t) = target else {
            return Err(bad("target is required"));
        };
        if !t.starts_with('/') {
            return Err(daemon(format!(
                "invalid mount config for type \"{}\": invalid mount path: '{t}' mount path must be absolute",
                kind.name()
            )));
        }
        match kind {
            MountKind::Bind if source.as_deref().is_none_or(str::is_empty) => {
                return Err(daemon("invalid mount config for type \"bind\": field Source must not be empty".into()))
            }
            MountKind::Tmpfs if source.as_deref().is_some_and(|s| !s.is_empty()) => {
                return Err(daemon(
                    "invalid mount config for type \"tmpfs\": field Source must not be specified".into(),
                ))
            }
            _ => {}
        }
        let source = source.filter(|s| !s.is_empty());
        out.push(Asked { source, target: t, readonly: ro, kind, spec: String::new() });
    }
    Ok(out)
}

impl Engine {
    /// The mounts `-v` and `--mount` ask for, then anonymous volumes for the image's
    /// `VOLUME`s not mounted otherwise. Errors are Docker's messages (daemon errors with
    /// their `Error response from daemon: ` prefix).
    pub(crate) fn resolve_mounts(&mut self, p: &Parsed, config: &ContainerConfig) -> Result<Vec<Mount>, String> {
        let mut mounts = Vec::new();
        for a in parse_mounts(&p.all("volume"), &p.all("mount"))? {
            let volume = match a.kind {
                MountKind::Volume => self.volume_for(a.source),
                MountKind::Bind => {
                    let source = self.host().absolute(a.source.as_deref().unwrap_or("/"));
                    let exists = self.host().read_tree(&source).ok().flatten().is_some()
                        || self.host().read_file(&source).is_ok();
                    // `-v` creates a missing host directory when the container starts.
                    if a.spec.is_empty() && !exists {
                        return Err(format!("Error response from daemon: invalid mount config for type \"bind\": bind source path does not exist: {source}"));
                    }
                    source
                }
                MountKind::Tmpfs => String::new(),
            };
            mounts.push(Mount {
                volume,
                target: target(&a.target),
                readonly: a.readonly,
                kind: a.kind,
                spec: a.spec,
                tmpfs: None,
            });
        }
        for t in p.all("tmpfs") {
            let (dest, options) = t.split_once(':').unwrap_or((t, ""));
            mounts.push(Mount {
                volume: String::new(),
                target: tmpfs_target(dest)?,
                readonly: options.split(',').any(|o| o == "ro"),
                kind: MountKind::Tmpfs,
                spec: String::new(),
                tmpfs: Some(options.to_string()),
            });
        }
        for t in config.volumes.keys() {
            let target = target(t);
            if !mounts.iter().any(|m| m.target == target) {
                let volume = self.volume_for(None);
                mounts.push(Mount {
                    volume,
                    target,
                    readonly: false,
                    kind: MountKind::Volume,
                    spec: String::new(),
                    tmpfs: None,
                });
            }
        }
        Ok(mounts)
    }
}

/// Normalizes a mount target.
pub fn target(t: &str) -> String {
    path::normalize("/", t)
}

/// The daemon's checks of a `--tmpfs` destination (not `/`, absolute), normalized.
fn tmpfs_target(dest: &str) -> Result<String, String> {
    if !dest.is_empty() && dest.chars().all(|c| c == '/') {
        return Err("Error response from daemon: invalid specification: destination can't be '/'".into());
    }
    if !dest.starts_with('/') {
        return Err(format!("Error response from daemon: invalid mount path: '{dest}' mount path must be absolute"));
    }
    Ok(target(dest))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn volumes_binds_and_tmpfs() {
        let a = parse_mounts(&["data:/data", "/src/webapp:/opt/webapp:ro", "/anon"], &[]).unwrap();
        assert_eq!(
            a.iter().map(|m| m.kind).collect::<Vec<_>>(),
            [MountKind::Volume, MountKind::Bind, MountKind::Volume]
        );
        assert!(a[1].readonly && a[2].source.is_none());
        let m = parse_mounts(&[], &["type=tmpfs,target=/t", "type=bind,src=/h,dst=/c,readonly"]).unwrap();
        assert_eq!((m[0].kind, m[1].kind, m[1].readonly), (MountKind::Tmpfs, MountKind::Bind, true));
        assert!(parse_mounts(&["a:b:c:d"], &[]).unwrap_err().ends_with("invalid spec: a:b:c:d: too many colons"));
        assert!(parse_mounts(&["v:rel"], &[]).unwrap_err().contains("mount path must be absolute"));
        assert!(parse_mounts(&[], &["type=bind,source=/x"]).unwrap_err().ends_with("target is required"));
        assert!(parse_mounts(&[], &["type=nfs,target=/x"]).unwrap_err().contains("mount type unknown"));
    }

    #[test]
    fn tmpfs_destinations_the_daemon_refuses() {
        assert_eq!(tmpfs_target("/run/"), Ok("/run".to_string()));
        assert!(tmpfs_target("//").unwrap_err().ends_with("invalid specification: destination can't be '/'"));
        assert!(tmpfs_target("foo").unwrap_err().ends_with("invalid mount path: 'foo' mount path must be absolute"));
    }
}
