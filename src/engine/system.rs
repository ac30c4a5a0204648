//! `docker version`, `docker info` and `docker system df`.

use std::collections::BTreeSet;

use super::flags::{switch, value};
use super::format::{ago, ellipsis, human_size, human_size4, table};
use super::json::quote;
use super::spec::{Args, Cmd};
use super::{Engine, Output};
use crate::image::short_id;

/// The Docker version layerlab answers as.
pub const VERSION: &str = "27.3.1";
/// The Engine API version.
pub const API_VERSION: &str = "1.47";

/// `docker version`.
pub const VERSION_CMD: Cmd = Cmd {
    path: "docker version",
    usage: "[OPTIONS]",
    short: "Show the Docker version information",
    aliases: "",
    flags: &[value("format", Some('f')).doc("string", "Format output using a custom template")],
    args: Args::None,
    interspersed: true,
};

/// `docker version`.
pub fn version(_e: &mut Engine, cmd: &Cmd, args: &[String]) -> Output {
    if let Err(o) = cmd.parse(args) {
        return o;
    }
    Output::ok(format!(
        "Client:
 Version:           {VERSION}
 API version:       {API_VERSION}
 Go version:        go1.22.7
 Git commit:        layerlab
 Built:             (simulated)
 OS/Arch:           linux/amd64
 Context:           default

Server: layerlab (a simulated Docker Engine, in memory)
 Engine:
  Version:          {VERSION}
  API version:      {API_VERSION} (minimum version 1.24)
  Go version:       go1.22.7
  Git commit:       layerlab
  Built:            (simulated)
  OS/Arch:          linux/amd64
  Experimental:     false
"
    ))
}

/// `docker info`.
pub const INFO: Cmd = Cmd {
    path: "docker info",
    usage: "[OPTIONS]",
    short: "Display system-wide information",
    aliases: "docker system info, docker info",
    flags: &[value("format", Some('f')).doc("string", "Format output using a custom template")],
    args: Args::None,
    interspersed: true,
};

/// `docker info`: counts from this engine, the rest describing layerlab.
pub fn info(e: &mut Engine, cmd: &Cmd, args: &[String]) -> Output {
    if let Err(o) = cmd.parse(args) {
        return o;
    }
    let running = e.containers.iter().filter(|c| c.is_running()).count();
    let stopped = e.containers.iter().filter(|c| matches!(c.state, super::State::Exited { .. })).count();
    Output::ok(format!(
        "Client:
 Version:    {VERSION}
 Context:    default
 Debug Mode: false

Server:
 Containers: {}
  Running: {running}
  Paused: 0
  Stopped: {stopped}
 Images: {}
 Server Version: {VERSION}
 Storage Driver: overlay2 (simulated: layers held in memory by layerlab)
 Logging Driver: json-file
 Cgroup Driver: none
 Plugins:
  Volume: (none)
  Network: (none: layerlab is offline)
 Runtimes: layerlab (a simulated shell, not runc)
 Default Runtime: layerlab
 Kernel Version: layerlab
 Operating System: layerlab (Docker Engine simulated in memory)
 OSType: linux
 Architecture: x86_64
 CPUs: 1
 Name: layerlab
 Docker Root Dir: (memory)
 Debug Mode: false
 Experimental: false
 Insecure Registries:
  localhost:5000
  127.0.0.0/8
 Live Restore Enabled: false
",
        e.containers.len(),
        e.store.images().count()
    ))
}

/// `docker system df`.
pub const DF: Cmd = Cmd {
    path: "docker system df",
    usage: "[OPTIONS]",
    short: "Show docker disk usage",
    aliases: "",
    flags: &[
        value("format", None).doc("string", "Format output using a custom template"),
        switch("verbose", Some('v')).about("Show detailed information on space usage"),
    ],
    args: Args::None,
    interspersed: true,
};

/// `docker system df [-v]`.
pub fn df(e: &mut Engine, cmd: &Cmd, args: &[String]) -> Output {
    let p = match cmd.parse(args) {
        Ok(p) => p,
        Err(o) => return o,
    };
    let now = e.now();
    let used = crate::util::collect::set(e.containers.iter().map(|c| c.image_id.as_str()));
    let mut all_layers = BTreeSet::new();
    let mut active_layers = BTreeSet::new();
    let (mut total, mut active_size) = (0u64, 0u64);
    let images: Vec<_> = e
        .store
        .images()
        .filter(|i| !e.store.tags_of(&i.id).is_empty() || e.store.children(&i.id).next().is_none())
        .collect();
    for img in e.store.images() {
        for l in &img.layers {
            if all_layers.insert(l.diff_id.clone()) {
                total += l.size;
            }
            if used.contains(img.id.as_str()) && active_layers.insert(l.diff_id.clone()) {
                active_size += l.size;
            }
        }
    }
    let active = images.iter().filter(|i| used.contains(i.id.as_str())).count();
    let ctr_total: u64 = e.containers.iter().map(|c| c.rw.size()).sum();
    let ctr_active = e.containers.iter().filter(|c| c.is_running()).count();
    let ctr_reclaim: u64 = e.containers.iter().filter(|c| !c.is_running()).map(|c| c.rw.size()).sum();
    let pct = |r: u64, t: u64| match (r * 100).checked_div(t) {
        Some(p) => format!("{} ({p}%)", human_size4(r)),
        None => human_size4(r),
    };
    let volumes = super::volumes::usage(e);
    let vol_total: u64 = volumes.iter().map(|v| v.2).sum();
    let vol_reclaim: u64 = volumes.iter().filter(|v| v.1 == 0).map(|v| v.2).sum();
    let vol_active = volumes.iter().filter(|v| v.1 > 0).count();
    if !p.on("verbose") {
        let rows = vec![
            vec!["TYPE".into(), "TOTAL".into(), "ACTIVE".into(), "SIZE".into(), "RECLAIMABLE".into()],
            vec![
                "Images".into(),
                images.len().to_string(),
                active.to_string(),
                human_size4(total),
                pct(total - active_size, total),
            ],
            vec![
                "Containers".into(),
                e.containers.len().to_string(),
                ctr_active.to_string(),
                human_size4(ctr_total),
                pct(ctr_reclaim, ctr_total),
            ],
            vec![
                "Local Volumes".into(),
                volumes.len().to_string(),
                vol_active.to_string(),
                human_size4(vol_total),
                pct(vol_reclaim, vol_total),
            ],
            vec!["Build Cache".into(), "0".into(), "0".into(), "0B".into(), "0B".into()],
        ];
        return Output::ok(table(&rows));
    }
    let mut out = String::from("Images space usage:\n\n");
    let mut rows =
        vec![["REPOSITORY", "TAG", "IMAGE ID", "CREATED", "SIZE", "SHARED SIZE", "UNIQUE SIZE", "CONTAINERS"]
            .map(String::from)
            .to_vec()];
    for img in &images {
        let tag = e.store.tags_of(&img.id).into_iter().next();
        let shared: u64 = img
            .layers
            .iter()
            .filter(|l| e.store.images().any(|o| o.id != img.id && o.layers.iter().any(|x| x.diff_id == l.diff_id)))
            .map(|l| l.size)
            .sum();
        rows.push(vec![
            tag.as_ref().map(|t| t.repository.clone()).unwrap_or("<none>".into()),
            tag.as_ref().map(|t| t.tag.clone()).unwrap_or("<none>".into()),
            short_id(&img.id).to_string(),
            ago(now, img.created),
            human_size(img.size()),
            human_size4(shared),
            human_size4(img.size() - shared),
            e.containers.iter().filter(|c| c.image_id == img.id).count().to_string(),
        ]);
    }
    out.push_str(&table(&rows));
    out.push_str("\nContainers space usage:\n\n");
    let mut rows = vec![["CONTAINER ID", "IMAGE", "COMMAND", "LOCAL VOLUMES", "SIZE", "CREATED", "STATUS", "NAMES"]
        .map(String::from)
        .to_vec()];
    for c in e.containers.iter().rev() {
        rows.push(vec![
            c.short_id().to_string(),
            c.image.clone(),
            quote(&ellipsis(&c.command(), 20)),
            "0".into(),
            human_size(c.rw.size()),
            ago(now, c.created),
            c.status(now),
            c.name.clone(),
        ]);
    }
    out.push_str(&table(&rows));
    out.push_str("\nLocal Volumes space usage:\n\n");
    let mut rows = vec![vec!["VOLUME NAME".to_string(), "LINKS".into(), "SIZE".into()]];
    rows.extend(volumes.iter().map(|(n, links, size)| vec![n.clone(), links.to_string(), human_size4(*size)]));
    out.push_str(&table(&rows));
    out.push_str("\nBuild cache usage: 0B\n\n");
    out.push_str(&table(&[["CACHE ID", "CACHE TYPE", "SIZE", "CREATED", "LAST USED", "USAGE", "SHARED"]
        .map(String::from)
        .to_vec()]));
    Output::ok(out)
}
