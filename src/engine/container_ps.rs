//! `docker ps` / `docker container ls`.

use super::container::Container;
use super::flags::{switch, value};
use super::format::{ago, ellipsis, go_time, human_size};
use super::json::{quote, J};
use super::spec::{Args, Cmd};
use super::template::{render_rows, Missing};
use super::{Engine, Output};

/// `docker ps`.
pub const PS: Cmd = Cmd {
    path: "docker ps",
    usage: "[OPTIONS]",
    short: "List containers",
    aliases: "docker container ls, docker container list, docker container ps, docker ps",
    flags: &[
        switch("all", Some('a')).about("Show all containers (default shows just running)"),
        value("filter", Some('f')).doc("filter", "Filter output based on conditions provided"),
        value("format", None).doc("string", "Format output using a custom template:\n'table':            Print output in table format with column headers (default)\n'table TEMPLATE':   Print output in table format using the given Go template\n'json':             Print in JSON format\n'TEMPLATE':         Print output using the given Go template.\nRefer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates"),
        value("last", Some('n')).doc("int", "Show n last created containers (includes all states) (default -1)"),
        switch("latest", Some('l')).about("Show the latest created container (includes all states)"),
        switch("no-trunc", None).about("Don't truncate output"),
        switch("quiet", Some('q')).about("Only display container IDs"),
        switch("size", Some('s')).about("Display total file sizes"),
    ],
    args: Args::None,
    interspersed: true,
};

/// `docker ps [OPTIONS]`.
pub fn ps(e: &mut Engine, cmd: &Cmd, args: &[String]) -> Output {
    let p = match cmd.parse(args) {
        Ok(p) => p,
        Err(o) => return o,
    };
    let now = e.now();
    let trunc = !p.on("no-trunc");
    let last: Option<usize> = match p.get("last") {
        Some(n) => match n.parse::<i64>() {
            Ok(n) if n >= 0 => Some(n as usize),
            Ok(_) => None,
            Err(_) => return Output::fail(125, format!("invalid argument \"{n}\" for \"-n, --last\" flag: strconv.ParseInt: parsing \"{n}\": invalid syntax\nSee 'docker ps --help'.")),
        },
        None if p.on("latest") => Some(1),
        None => None,
    };
    let mut filters = Vec::new();
    for f in p.all("filter") {
        match f.split_once('=') {
            Some((k @ ("name" | "status" | "id" | "ancestor" | "label" | "exited"), v)) => {
                filters.push((k, v.to_string()))
            }
            Some((k, _)) => return Output::daemon(format!("invalid filter '{k}'")),
            None => return Output::daemon("bad format of filter (expected name=value)"),
        }
    }
    let mut list: Vec<&Container> = e.containers.iter().rev().collect();
    crate::util::sort::sort_by_key(&mut list, |c| std::cmp::Reverse((c.created, c.seq)));
    if let Some(n) = last {
        list.truncate(n);
    } else if !p.on("all") && !filters.iter().any(|(k, _)| *k == "status" || *k == "exited") {
        list.retain(|c| c.is_running() || c.restarting());
    }
    list.retain(|c| {
        filters.iter().all(|(k, v)| match *k {
            "name" => c.name.contains(v.as_str()),
            "status" => c.state_name() == v,
            "id" => c.id.starts_with(v.as_str()),
            "ancestor" => c.image == *v || e.store.resolve(v).is_ok_and(|i| i.id == c.image_id),
            "label" => match v.split_once('=') {
                Some((a, b)) => c.config.labels.get(a).is_some_and(|x| x == b),
                None => c.config.labels.contains_key(v.as_str()),
            },
            _ => !c.is_running() && c.exit_code().to_string() == *v,
        })
    });
    if p.on("quiet") {
        return Output::ok(
            list.iter().map(|c| format!("{}\n", if trunc { c.short_id() } else { &c.id })).collect::<String>(),
        );
    }
    let rows: Vec<J> = list
        .iter()
        .map(|c| {
            let command = if trunc { ellipsis(&c.command(), 20) } else { c.command() };
            let image = if trunc && c.image.starts_with("sha256:") {
                crate::image::short_id(&c.image).to_string()
            } else {
                c.image.clone()
            };
            let rw = c.rw.size();
            let virt = e.store.get(&c.image_id).map(|i| i.size()).unwrap_or(0) + rw;
            J::obj([
                (
                    "Command",
                    J::s(quote(&command).replace("\\u003c", "<").replace("\\u003e", ">").replace("\\u0026", "&")),
                ),
                ("CreatedAt", J::s(go_time(c.created))),
                ("ID", J::s(if trunc { c.short_id().to_string() } else { c.id.clone() })),
                ("Image", J::s(image)),
                ("Labels", J::s(c.config.labels.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join(","))),
                ("LocalVolumes", J::s(local_volumes(c).to_string())),
                ("Mounts", J::s(mount_names(c, trunc))),
                ("Names", J::s(&c.name)),
                ("Networks", J::s(c.networks().join(","))),
                ("Ports", J::s(super::ports::column(c))),
                ("RunningFor", J::s(ago(now, c.created))),
                ("Size", J::s(format!("{} (virtual {})", human_size(rw), human_size(virt)))),
                ("State", J::s(c.state_name())),
                ("Status", J::s(c.status(now))),
            ])
        })
        .collect();
    let mut format = p.get("format").map(String::from).unwrap_or_else(|| {
        "table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}".into()
    });
    if p.get("format").is_none() && p.on("size") {
        format.push_str("\t{{.Size}}");
    }
    let headers = J::obj([
        ("Command", J::s("COMMAND")),
        ("CreatedAt", J::s("CREATED AT")),
        ("ID", J::s("CONTAINER ID")),
        ("Image", J::s("IMAGE")),
        ("Labels", J::s("LABELS")),
        ("LocalVolumes", J::s("LOCAL VOLUMES")),
        ("Mounts", J::s("MOUNTS")),
        ("Names", J::s("NAMES")),
        ("Networks", J::s("NETWORKS")),
        ("Ports", J::s("PORTS")),
        ("RunningFor", J::s("CREATED")),
        ("Size", J::s("SIZE")),
        ("State", J::s("STATE")),
        ("Status", J::s("STATUS")),
    ]);
    match render_rows(&format, &rows, &headers, Missing::Error("*formatter.ContainerContext")) {
        Ok(s) => Output::ok(s),
        Err(m) => Output::fail(1, m),
    }
}

/// Volumes a container mounts (`LocalVolumes`).
fn local_volumes(c: &super::Container) -> usize {
    c.mounts.iter().filter(|m| m.kind == super::volumes::MountKind::Volume).count()
}

/// `Mounts` as `docker ps` shows it: volume names, else sources (bind paths), cut to 15
/// characters with an ellipsis unless `--no-trunc`, in mount order.
fn mount_names(c: &super::Container, trunc: bool) -> String {
    c.mounts
        .iter()
        .filter(|m| m.tmpfs.is_none())
        .map(|m| if trunc { ellipsis(&m.volume, 15) } else { m.volume.clone() })
        .collect::<Vec<_>>()
        .join(",")
}
