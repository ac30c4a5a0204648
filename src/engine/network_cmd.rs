//! Networks: the predefined `bridge`, `host` and `none`, user-defined bridges (`docker
//! network create/ls/inspect/rm`), container addresses, and which containers a process can
//! reach by name (on user-defined networks only, as with Docker's embedded DNS).

use serde::{Deserialize, Serialize};

use super::flags::{switch, value};
use super::json::J;
use super::spec::{Args, Cmd};
use super::{Engine, Output};
use crate::image::sha256_digest;

/// A network.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct NetworkDef {
    /// 64 hex digits.
    pub id: String,
    /// Its name.
    pub name: String,
    /// `bridge`, `host` or `null`.
    pub driver: String,
    /// The second octet of its `172.X.0.0/16` subnet.
    pub octet: u8,
    /// Creation time.
    pub created: i64,
}

/// The networks every engine has.
pub fn predefined() -> Vec<NetworkDef> {
    ["bridge", "host", "none"]
        .iter()
        .map(|n| NetworkDef {
            id: sha256_digest(format!("network {n}").as_bytes())["sha256:".len()..].to_string(),
            name: n.to_string(),
            driver: if *n == "none" { "null".into() } else { n.to_string() },
            octet: 17,
            created: 0,
        })
        .collect()
}

impl Engine {
    /// The network a name or ID prefix names.
    pub(crate) fn find_network(&self, name: &str) -> Option<&NetworkDef> {
        self.networks
            .iter()
            .find(|n| n.name == name)
            .or_else(|| self.networks.iter().find(|n| name.len() >= 3 && n.id.starts_with(name)))
    }

    /// The address of container `i` on network `name`: numbered in the order containers
    /// were created among those attached to it.
    pub(crate) fn container_ip_on(&self, i: usize, name: &str) -> Option<String> {
        let c = &self.containers[i];
        let net = self.find_network(name)?;
        if net.driver != "bridge" || !c.on_network(&net.name) {
            return None;
        }
        let n = self.containers[..i].iter().filter(|o| o.on_network(&net.name)).count();
        Some(format!("172.{}.0.{}", net.octet, n + 2))
    }
}

/// `docker network connect`.
pub const CONNECT: Cmd = Cmd {
    path: "docker network connect",
    usage: "[OPTIONS] NETWORK CONTAINER",
    short: "Connect a container to a network",
    aliases: "",
    flags: &[value("alias", None).doc("strings", "Add network-scoped alias for the container")],
    args: Args::Exact(2),
    interspersed: true,
};

/// `docker network disconnect`.
pub const DISCONNECT: Cmd = Cmd {
    path: "docker network disconnect",
    usage: "[OPTIONS] NETWORK CONTAINER",
    short: "Disconnect a container from a network",
    aliases: "",
    flags: &[switch("force", Some('f')).about("Force the container to disconnect from a network")],
    args: Args::Exact(2),
    interspersed: true,
};

/// The network and the container `docker network connect/disconnect NETWORK CONTAINER` name.
fn network_and_container(e: &Engine, cmd: &Cmd, args: &[String]) -> Result<(NetworkDef, usize), Output> {
    let p = cmd.parse(args)?;
    let Some(net) = e.find_network(&p.args[0]).cloned() else {
        return Err(Output::daemon(format!("network {} not found", p.args[0])));
    };
    let i = super::container::find(&e.containers, &p.args[1]).map_err(Output::daemon)?;
    Ok((net, i))
}

/// `docker network connect NETWORK CONTAINER`.
pub fn connect(e: &mut Engine, cmd: &Cmd, args: &[String]) -> Output {
    let (net, i) = match network_and_container(e, cmd, args) {
        Ok(x) => x,
        Err(o) => return o,
    };
    let c = &e.containers[i];
    if net.name == "host" || c.on_network("host") {
        return Output::daemon("container cannot be disconnected from host network or connected to host network");
    }
    if net.name == "none" || c.on_network("none") {
        return Output::daemon(
            "container cannot be connected to multiple networks with one of the networks in private (none) mode",
        );
    }
    if c.on_network(&net.name) {
        return Output::daemon(format!("endpoint with name {} already exists in network {}", c.name, net.name));
    }
    let mut nets = c.networks();
    nets.push(net.name);
    e.containers[i].attached = Some(nets);
    Output::default()
}

/// `docker network disconnect [-f] NETWORK CONTAINER`.
pub fn disconnect(e: &mut Engine, cmd: &Cmd, args: &[String]) -> Output {
    let (net, i) = match network_and_container(e, cmd, args) {
        Ok(x) => x,
        Err(o) => return o,
    };
    let c = &e.containers[i];
    if !c.on_network(&net.name) {
        return Output::daemon(format!("container {} is not connected to network {}", c.id, net.name));
    }
    if net.name == "host" {
        return Output::daemon("container cannot be disconnected from host network or connected to host network");
    }
    let nets: Vec<String> = c.networks().into_iter().filter(|n| *n != net.name).collect();
    e.containers[i].attached = Some(nets);
    Output::default()
}

/// `docker network create`.
pub const CREATE: Cmd = Cmd {
    path: "docker network create",
    usage: "[OPTIONS] NETWORK",
    short: "Create a network",
    aliases: "",
    flags: &[value("driver", Some('d')).doc("string", "Driver to manage the Network (default \"bridge\")")],
    args: Args::Exact(1),
    interspersed: true,
};

/// `docker network ls`.
pub const LS: Cmd = Cmd {
    path: "docker network ls",
    usage: "[OPTIONS]",
    short: "List networks",
    aliases: "docker network ls, docker network list",
    flags: &[
        switch("quiet", Some('q')).about("Only display network IDs"),
        switch("no-trunc", None).about("Do not truncate the output"),
    ],
    args: Args::None,
    interspersed: true,
};

/// `docker network rm`.
pub const RM: Cmd = Cmd {
    path: "docker network rm",
    usage: "NETWORK [NETWORK...]",
    short: "Remove one or more networks",
    aliases: "docker network rm, docker network remove",
    flags: &[],
    args: Args::Min(1),
    interspersed: true,
};

/// `docker network inspect`.
pub const INSPECT: Cmd = Cmd {
    path: "docker network inspect",
    usage: "[OPTIONS] NETWORK [NETWORK...]",
    short: "Display detailed information on one or more networks",
    aliases: "",
    flags: &[],
    args: Args::Min(1),
    interspersed: true,
};

/// `docker network create NAME`.
pub fn create(e: &mut Engine, cmd: &Cmd, args: &[String]) -> Output {
    let p = match cmd.parse(args) {
        Ok(p) => p,
        Err(o) => return o,
    };
    let name = p.args[0].clone();
    if e.networks.iter().any(|n| n.name == name) {
        return Output::daemon(format!("network with name {name} already exists"));
    }
    let driver = p.get("driver").unwrap_or("bridge").to_string();
    if driver != "bridge" {
        return Output::daemon(format!("plugin \"{driver}\" not found"));
    }
    let now = e.now();
    let octet = 18 + e.networks.iter().filter(|n| n.created != 0).count() as u8;
    let id = sha256_digest(format!("network {name} {now} {octet}").as_bytes())["sha256:".len()..].to_string();
    e.networks.push(NetworkDef { id: id.clone(), name, driver, octet, created: now });
    Output::ok(format!("{id}\n"))
}

/// `docker network ls`.
pub fn ls(e: &mut Engine, cmd: &Cmd, args: &[String]) -> Output {
    let p = match cmd.parse(args) {
        Ok(p) => p,
        Err(o) => return o,
    };
    let mut nets: Vec<&NetworkDef> = e.networks.iter().collect();
    crate::util::sort::sort_by(&mut nets, |a, b| a.name.cmp(&b.name));
    let id = |n: &NetworkDef| if p.on("no-trunc") { n.id.clone() } else { n.id[..12].to_string() };
    if p.on("quiet") {
        return Output::ok(nets.iter().map(|n| format!("{}\n", id(n))).collect::<String>());
    }
    let mut rows = vec![vec!["NETWORK ID".to_string(), "NAME".into(), "DRIVER".into(), "SCOPE".into()]];
    for n in nets {
        rows.push(vec![id(n), n.name.clone(), n.driver.clone(), "local".into()]);
    }
    Output::ok(super::format::table(&rows))
}

/// `docker network rm NAME…`.
pub fn rm(e: &mut Engine, cmd: &Cmd, args: &[String]) -> Output {
    let p = match cmd.parse(args) {
        Ok(p) => p,
        Err(o) => return o,
    };
    let mut out = Output::default();
    for a in &p.args {
        let Some(n) = e.find_network(a).cloned() else {
            out.daemon_line(format!("network {a} not found"));
            out.code = 1;
            continue;
        };
        if n.created == 0 {
            out.daemon_line(format!("{} is a pre-defined network and cannot be removed", n.name));
            out.code = 1;
            continue;
        }
        if let Some(c) = e.containers.iter().find(|c| c.on_network(&n.name) && c.is_running()) {
            out.daemon_line(format!(
                "error while removing network: network {} id {} has active endpoints (name:{:?} id:{:?})",
                n.name,
                n.id,
                c.name,
                &c.id[..12]
            ));
            out.code = 1;
            continue;
        }
        e.networks.retain(|x| x.id != n.id);
        out.line(a);
    }
    out
}

/// `docker network inspect NAME…`: the essentials of Docker's JSON.
pub fn inspect(e: &mut Engine, cmd: &Cmd, args: &[String]) -> Output {
    let p = match cmd.parse(args) {
        Ok(p) => p,
        Err(o) => return o,
    };
    let mut items = Vec::new();
    for a in &p.args {
        let Some(n) = e.find_network(a) else {
            return Output::fail(1, format!("[]\nError response from daemon: network {a} not found"));
        };
        let subnet = if n.driver == "bridge" {
            vec![J::obj([
                ("Subnet", J::s(format!("172.{}.0.0/16", n.octet))),
                ("Gateway", J::s(format!("172.{}.0.1", n.octet))),
            ])]
        } else {
            Vec::new()
        };
        let mut members = Vec::new();
        for (i, c) in e.containers.iter().enumerate().filter(|(_, c)| c.on_network(&n.name) && c.is_running()) {
            let ip = e.container_ip_on(i, &n.name).map(|ip| format!("{ip}/16")).unwrap_or_default();
            members.push((
                c.id.clone(),
                J::obj([("Name", J::s(c.name.clone())), ("IPv4Address", J::s(ip)), ("IPv6Address", J::s(""))]),
            ));
        }
        items.push(J::obj([
            ("Name", J::s(n.name.clone())),
            ("Id", J::s(n.id.clone())),
            ("Created", J::s(crate::image::rfc3339(n.created))),
            ("Scope", J::s("local")),
            ("Driver", J::s(n.driver.clone())),
            ("EnableIPv6", J::Bool(false)),
            ("IPAM", J::obj([("Driver", J::s("default")), ("Options", J::Null), ("Config", J::Arr(subnet))])),
            ("Internal", J::Bool(false)),
            ("Attachable", J::Bool(false)),
            ("Containers", J::obj(members)),
            ("Options", J::obj::<String>([])),
            ("Labels", J::obj::<String>([])),
        ]));
    }
    Output::ok(format!("{}\n", J::Arr(items).pretty()))
}
