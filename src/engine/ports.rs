//! Published ports: `-p [IP:][HOST:]CONTAINER[/PROTO]` and `-P` resolved to bindings
//! (ephemeral host ports from 32768, as Docker allocates them), the `PORTS` column as
//! Docker's `DisplayablePorts` writes it, and `docker port`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::container::Container;
use super::flags::FlagSpec;
use super::spec::{Args, Cmd};
use super::{Engine, Output};

/// One host binding of a container port.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Binding {
    /// Host address (`0.0.0.0` or `::` for all, or the one given).
    pub ip: String,
    /// Host port.
    pub host: u16,
    /// Container port.
    pub port: u16,
    /// `tcp` or `udp`.
    pub proto: String,
}

/// The first port Docker hands out for `-P` and `-p PORT`.
const EPHEMERAL: u16 = 32768;

/// Resolves `-p` specs and `-P` (every port the image exposes) to bindings. `taken` are
/// host ports other containers hold.
pub fn resolve(specs: &[String], publish_all: bool, exposed: &[String], taken: &[u16]) -> Result<Vec<Binding>, String> {
    let mut out: Vec<Binding> = Vec::new();
    let mut next = EPHEMERAL;
    let mut alloc = |out: &Vec<Binding>| {
        while taken.contains(&next) || out.iter().any(|b| b.host == next) {
            next += 1;
        }
        next
    };
    for spec in specs {
        for m in crate::util::port_spec::parse(spec)? {
            let (p, proto) = m.port.split_once('/').unwrap_or((&m.port, "tcp"));
            let port: u16 = p.parse().map_err(|_| format!("invalid containerPort: {p}"))?;
            let host_port = match m.host_port.split_once('-') {
                _ if m.host_port.is_empty() => alloc(&out),
                // A host range: the first port in it nobody holds.
                Some((a, b)) => {
                    let (a, b): (u16, u16) = (a.parse().unwrap_or(0), b.parse().unwrap_or(0));
                    (a..=b)
                        .find(|h| !taken.contains(h) && !out.iter().any(|x| x.host == *h))
                        .ok_or_else(|| format!("Bind for 0.0.0.0:{a}-{b} failed: port is already allocated"))?
                }
                None => m.host_port.parse().map_err(|_| format!("invalid hostPort: {}", m.host_port))?,
            };
            let ips: Vec<String> =
                if m.host_ip.is_empty() { vec!["0.0.0.0".into(), "::".into()] } else { vec![m.host_ip.clone()] };
            for ip in ips {
                out.push(Binding { ip, host: host_port, port, proto: proto.to_string() });
            }
        }
    }
    if publish_all {
        let mut exposed: Vec<&String> = exposed.iter().collect();
        crate::util::sort::sort_by_key(&mut exposed, |e| {
            (e.split('/').next().and_then(|p| p.parse::<u16>().ok()).unwrap_or(0), e.to_string())
        });
        for e in exposed {
            let (p, proto) = e.split_once('/').unwrap_or((e, "tcp"));
            let Ok(port) = p.parse::<u16>() else { continue };
            if out.iter().any(|b| b.port == port && b.proto == proto) {
                continue;
            }
            let host = alloc(&out);
            for ip in ["0.0.0.0", "::"] {
                out.push(Binding { ip: ip.into(), host, port, proto: proto.into() });
            }
        }
    }
    Ok(out)
}

/// A port as the API lists it: bound (`ip`, `host`) or only exposed.
struct ApiPort {
    ip: String,
    host: u16,
    port: u16,
    proto: String,
}

/// The `PORTS` column of a running container (empty when it is not running).
pub fn column(c: &Container) -> String {
    if !c.is_running() {
        return String::new();
    }
    let mut ports: Vec<ApiPort> = c
        .bindings
        .iter()
        .map(|b| ApiPort { ip: b.ip.clone(), host: b.host, port: b.port, proto: b.proto.clone() })
        .collect();
    for e in c.config.exposed_ports.keys() {
        let (p, proto) = e.split_once('/').unwrap_or((e, "tcp"));
        let Ok(port) = p.parse::<u16>() else { continue };
        if !ports.iter().any(|x| x.port == port && x.proto == proto) {
            ports.push(ApiPort { ip: String::new(), host: 0, port, proto: proto.into() });
        }
    }
    displayable(ports)
}

/// Docker's `DisplayablePorts`: sorted by container port, host port, protocol and
/// address; ports bound to the same number (and unbound ones) grouped into ranges per
/// address and protocol, then the other mappings.
fn displayable(mut ports: Vec<ApiPort>) -> String {
    crate::util::sort::sort_by(&mut ports, |a, b| {
        (a.port, a.host, &a.proto, &a.ip).cmp(&(b.port, b.host, &b.proto, &b.ip))
    });
    let mut groups: Vec<(String, u16, u16)> = Vec::new();
    let mut mappings = Vec::new();
    for p in &ports {
        let key = if p.ip.is_empty() {
            p.proto.clone()
        } else {
            if p.host != p.port {
                mappings.push(format!("{}->{}/{}", join_host_port(&p.ip, p.host), p.port, p.proto));
                continue;
            }
            format!("{}/{}", p.ip, p.proto)
        };
        match groups.iter_mut().find(|g| g.0 == key) {
            Some(g) if p.port == g.2 + 1 => g.2 = p.port,
            Some(g) if p.port == g.2 => {}
            _ => groups.push((key, p.port, p.port)),
        }
    }
    let mut out: Vec<String> = groups
        .into_iter()
        .map(|(key, first, last)| {
            let range = if first == last { first.to_string() } else { format!("{first}-{last}") };
            match key.rsplit_once('/') {
                Some((ip, proto)) => {
                    let ip = if ip.contains(':') { format!("[{ip}]") } else { ip.to_string() };
                    format!("{ip}:{range}->{range}/{proto}")
                }
                None => format!("{range}/{key}"),
            }
        })
        .collect();
    out.extend(mappings);
    out.join(", ")
}

fn join_host_port(ip: &str, port: u16) -> String {
    if ip.contains(':') {
        format!("[{ip}]:{port}")
    } else {
        format!("{ip}:{port}")
    }
}

/// `docker port`.
pub const PORT: Cmd = Cmd {
    path: "docker port",
    usage: "CONTAINER [PRIVATE_PORT[/PROTO]]",
    short: "List port mappings or a specific mapping for the container",
    aliases: "docker container port, docker port",
    flags: &[] as &[FlagSpec],
    args: Args::Range(1, 2),
    interspersed: true,
};

/// `docker port CONTAINER [PRIVATE_PORT[/PROTO]]`.
pub fn port(e: &mut Engine, cmd: &Cmd, args: &[String]) -> Output {
    let (p, i) = match e.container_arg(cmd, args) {
        Ok(x) => x,
        Err(o) => return o,
    };
    let c = &e.containers[i];
    let bound: Vec<&Binding> = if c.is_running() { c.bindings.iter().collect() } else { Vec::new() };
    match p.args.get(1) {
        Some(want) => {
            let (p, proto) = want.split_once('/').unwrap_or((want, "tcp"));
            let Ok(n) = p.parse::<u16>() else {
                return Output::fail(1, format!("Error: invalid port ({p}): invalid syntax"));
            };
            let hits: Vec<String> = bound
                .iter()
                .filter(|b| b.port == n && b.proto == proto)
                .map(|b| join_host_port(&b.ip, b.host))
                .collect();
            if hits.is_empty() {
                return Output::fail(1, format!("Error: No public port '{n}/{proto}' published for {}", c.name));
            }
            Output::ok(hits.iter().map(|h| format!("{h}\n")).collect::<String>())
        }
        None => {
            let mut by: BTreeMap<(u16, String, u8, u16), String> = BTreeMap::new();
            for b in &bound {
                let v6 = u8::from(b.ip.contains(':'));
                by.insert(
                    (b.port, b.proto.clone(), v6, b.host),
                    format!("{}/{} -> {}\n", b.port, b.proto, join_host_port(&b.ip, b.host)),
                );
            }
            Output::ok(by.into_values().collect::<String>())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(ip: &str, host: u16, port: u16) -> ApiPort {
        ApiPort { ip: ip.into(), host, port, proto: "tcp".into() }
    }

    #[test]
    fn columns_as_docker_prints_them() {
        assert_eq!(
            displayable(vec![p("0.0.0.0", 8080, 80), p("::", 8080, 80)]),
            "0.0.0.0:8080->80/tcp, [::]:8080->80/tcp"
        );
        assert_eq!(displayable(vec![p("::", 80, 80), p("0.0.0.0", 80, 80)]), "0.0.0.0:80->80/tcp, [::]:80->80/tcp");
        assert_eq!(displayable(vec![p("", 0, 80)]), "80/tcp");
        assert_eq!(
            displayable(vec![p("", 0, 6379), p("0.0.0.0", 8080, 80), p("::", 8080, 80)]),
            "6379/tcp, 0.0.0.0:8080->80/tcp, [::]:8080->80/tcp"
        );
        assert_eq!(displayable(vec![p("", 0, 80), p("", 0, 81), p("", 0, 443)]), "80-81/tcp, 443/tcp");
        assert_eq!(displayable(vec![p("127.0.0.1", 8080, 80)]), "127.0.0.1:8080->80/tcp");
    }

    #[test]
    fn specs_resolve_with_ephemeral_ports() {
        let b = resolve(&["8080:80".into()], false, &[], &[]).unwrap();
        assert_eq!(b.len(), 2);
        assert_eq!((b[0].ip.as_str(), b[0].host, b[0].port), ("0.0.0.0", 8080, 80));
        let b = resolve(&["80".into()], true, &["80/tcp".into(), "443/tcp".into()], &[32768]).unwrap();
        assert_eq!(
            b.iter().map(|x| (x.host, x.port)).collect::<Vec<_>>(),
            vec![(32769, 80), (32769, 80), (32770, 443), (32770, 443)]
        );
        assert_eq!(resolve(&["127.0.0.1::53/udp".into()], false, &[], &[]).unwrap()[0].host, 32768);
        assert_eq!(resolve(&["x:80".into()], false, &[], &[]).unwrap_err(), "invalid hostPort: x");
        let b = resolve(&["8000-8002:80".into()], false, &[], &[8000]).unwrap();
        assert_eq!((b[0].host, b[0].port), (8001, 80));
        let b = resolve(&["[::1]:8080:80/udp".into()], false, &[], &[]).unwrap();
        assert_eq!((b.len(), b[0].ip.as_str(), b[0].proto.as_str()), (1, "::1", "udp"));
    }
}
