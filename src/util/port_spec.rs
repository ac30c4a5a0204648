//! Port specifications as Docker parses them (go-connections' `nat.ParsePortSpec`):
//! `[IP:][HOST_PORT:]CONTAINER_PORT[/PROTO]`, where either port may be a range. `docker run
//! -p` and the Dockerfile's `EXPOSE` share it, and so share its errors.

/// One container port a spec names, with its host side.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PortMapping {
    /// The container port and protocol, as image configs key them (`80/tcp`).
    pub port: String,
    /// Host address (empty for all).
    pub host_ip: String,
    /// Host port or range (empty for an ephemeral one).
    pub host_port: String,
}

/// Parses one spec into the container ports it names. Errors use Docker's wording.
pub fn parse(raw: &str) -> Result<Vec<PortMapping>, String> {
    let (ip, host_port, container) = split_parts(raw);
    let (container, proto) = match container.split_once('/') {
        Some((port, proto)) => (port, if proto.is_empty() { "tcp" } else { proto }),
        None => (container, "tcp"),
    };
    if container.is_empty() {
        return Err(format!("no port specified: {raw}<empty>"));
    }
    let proto = proto.to_ascii_lowercase();
    if !matches!(proto.as_str(), "tcp" | "udp" | "sctp") {
        return Err(format!("invalid proto: {proto}"));
    }
    let mut ip = ip.to_string();
    if ip.starts_with('[') {
        // Go's net.SplitHostPort(ip + ":") strips the brackets of an IPv6 address.
        match ip.strip_prefix('[').and_then(|s| s.strip_suffix(']')) {
            Some(inner) => ip = inner.to_string(),
            None => return Err(format!("invalid IP address {ip}: address {ip}:: missing ']' in address")),
        }
    }
    if !ip.is_empty() && ip.parse::<std::net::IpAddr>().is_err() {
        return Err(format!("invalid IP address: {ip}"));
    }
    let (start, end) = port_range(container).ok_or_else(|| format!("invalid containerPort: {container}"))?;
    let mut host = None;
    if !host_port.is_empty() {
        let (hs, he) = port_range(host_port).ok_or_else(|| format!("invalid hostPort: {host_port}"))?;
        // A host range is allowed for one container port (Docker allocates within it).
        if end - start != he - hs && end != start {
            return Err(format!("invalid ranges specified for container and host Ports: {container} and {host_port}"));
        }
        host = Some((hs, he));
    }
    let count = end - start + 1;
    Ok((0..count)
        .map(|i| PortMapping {
            port: format!("{}/{proto}", start + i),
            host_ip: ip.clone(),
            host_port: match host {
                None => String::new(),
                Some((hs, he)) if count == 1 && hs != he => format!("{hs}-{he}"),
                Some((hs, _)) => (hs + i).to_string(),
            },
        })
        .collect())
}

/// `IP:HOST:CONTAINER`, where the IP takes every part before the last two.
fn split_parts(raw: &str) -> (&str, &str, &str) {
    let parts: Vec<&str> = raw.split(':').collect();
    let n = parts.len();
    match n {
        1 => ("", "", parts[0]),
        2 => ("", parts[0], parts[1]),
        _ => {
            let ip_len = raw.len() - parts[n - 1].len() - parts[n - 2].len() - 2;
            (&raw[..ip_len], parts[n - 2], parts[n - 1])
        }
    }
}

/// `PORT` or `START-END`, each a decimal 0–65535 without sign.
fn port_range(s: &str) -> Option<(u32, u32)> {
    let number = |p: &str| -> Option<u32> {
        if p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        p.parse::<u16>().ok().map(u32::from)
    };
    match s.split_once('-') {
        None => number(s).map(|p| (p, p)),
        Some((a, b)) => {
            let (a, b) = (number(a)?, number(b)?);
            (b >= a).then_some((a, b))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ports(raw: &str) -> Vec<(String, String, String)> {
        parse(raw).unwrap().into_iter().map(|m| (m.port, m.host_ip, m.host_port)).collect()
    }

    fn t(port: &str, ip: &str, host: &str) -> (String, String, String) {
        (port.into(), ip.into(), host.into())
    }

    #[test]
    fn accepts_docker_forms() {
        assert_eq!(ports("80"), [t("80/tcp", "", "")]);
        assert_eq!(ports("8080:80"), [t("80/tcp", "", "8080")]);
        assert_eq!(ports("127.0.0.1:8080:80/UDP"), [t("80/udp", "127.0.0.1", "8080")]);
        assert_eq!(ports("127.0.0.1::80"), [t("80/tcp", "127.0.0.1", "")]);
        assert_eq!(ports("[::1]:8080:80"), [t("80/tcp", "::1", "8080")]);
        assert_eq!(ports("::1:8080:80"), [t("80/tcp", "::1", "8080")]);
        assert_eq!(ports("8000-8001:80-81"), [t("80/tcp", "", "8000"), t("81/tcp", "", "8001")]);
        assert_eq!(ports("8000-8010:80"), [t("80/tcp", "", "8000-8010")]);
        assert_eq!(ports("53/udp"), [t("53/udp", "", "")]);
    }

    #[test]
    fn refuses_what_docker_refuses() {
        let err = |raw: &str| parse(raw).unwrap_err();
        assert_eq!(err("a:b:c:d"), "invalid IP address: a:b");
        assert_eq!(err("1:2:3:4"), "invalid IP address: 1:2");
        assert_eq!(err("99999"), "invalid containerPort: 99999");
        assert_eq!(err("8080:99999"), "invalid containerPort: 99999");
        assert_eq!(err("99999:80"), "invalid hostPort: 99999");
        assert_eq!(err("+80"), "invalid containerPort: +80");
        assert_eq!(err("81-80"), "invalid containerPort: 81-80");
        assert_eq!(err("80/xyz"), "invalid proto: xyz");
        assert_eq!(err("8080:"), "no port specified: 8080:<empty>");
        assert_eq!(err("1-2:80-82"), "invalid ranges specified for container and host Ports: 80-82 and 1-2");
        assert_eq!(err("[::1:80:80"), "invalid IP address [::1: address [::1:: missing ']' in address");
    }
}
