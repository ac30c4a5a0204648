//! The simulated network seen from inside a container: the network mode, URLs, name
//! resolution and deterministic HTTP responses (same URL, same bytes).

use std::sync::Arc;

use super::artifacts;
use crate::vfs::{Content, Tree};

/// How a process is attached (`docker run --network`, `RUN --network`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Mode {
    /// The default bridge (or a user-defined one): the outside world is reachable.
    #[default]
    Bridge,
    /// `--network none`: only the loopback interface; names do not resolve.
    None,
    /// `--network host`.
    Host,
}

/// The network a process sees: its mode and the services it can reach (servers running
/// in containers: the process's own container on `localhost`, published ports from the
/// host).
#[derive(Clone, Debug, Default)]
pub struct Network {
    /// The attachment.
    pub mode: Mode,
    /// Reachable servers.
    pub services: Arc<Vec<Service>>,
    /// Other reachable hosts, listening or not (the containers on the same network): their
    /// names and address.
    pub hosts: Arc<Vec<(Vec<String>, String)>>,
    /// The address requests come from (what servers log).
    pub client: String,
    /// The host's network: requests reach published ports through the bridge's gateway.
    pub from_host: bool,
}

impl Network {
    /// Parses a `--network` value (`default`, `bridge`, `none`, `host`, or a user network).
    pub fn from_flag(v: &str) -> Network {
        let mode = match v {
            "none" => Mode::None,
            "host" => Mode::Host,
            _ => Mode::Bridge,
        };
        Network { mode, services: Arc::default(), hosts: Arc::default(), client: String::new(), from_host: false }
    }

    /// `--network none`.
    pub fn none() -> Network {
        Network::from_flag("none")
    }

    /// The same attachment with these services reachable.
    pub fn with_services(self, services: Vec<Service>) -> Network {
        Network { services: Arc::new(services), ..self }
    }

    /// The service answering `host:port`, and the port it listens on. Several services
    /// share a name (every container publishing a port answers on the host's `localhost`):
    /// the one with `port` answers.
    pub fn service(&self, host: &str, port: u16) -> Option<(&Service, u16)> {
        self.services
            .iter()
            .filter(|s| s.names.iter().any(|n| n == host) || s.ip == host)
            .find_map(|s| s.ports.iter().find(|(p, _)| *p == port).map(|(_, to)| (s, *to)))
    }
}

/// A server a process can reach.
#[derive(Clone, Debug)]
pub struct Service {
    /// Names that resolve to it (`localhost`, a container name).
    pub names: Vec<String>,
    /// Its address.
    pub ip: String,
    /// (port asked for, port the server listens on).
    pub ports: Vec<(u16, u16)>,
    /// What answers.
    pub server: super::serve::Server,
}

/// A parsed URL.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Url {
    /// `http`, `https`, `ftp` …
    pub scheme: String,
    /// The host name or address.
    pub host: String,
    /// The port (the scheme's default when absent).
    pub port: u16,
    /// The path with its query, always starting with `/`.
    pub path: String,
}

impl Url {
    /// Parses `scheme://host[:port]/path`; a URL without a scheme is taken as `http://`
    /// (as wget and curl do).
    pub fn parse(s: &str) -> Option<Url> {
        let (scheme, rest) = match s.split_once("://") {
            Some((sc, r)) => (sc.to_ascii_lowercase(), r),
            None => ("http".to_string(), s),
        };
        let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        let auth = &rest[..end];
        let auth = auth.rsplit_once('@').map_or(auth, |(_, h)| h);
        let default_port = match scheme.as_str() {
            "https" => 443,
            "ftp" => 21,
            "git" => 9418,
            _ => 80,
        };
        let (host, port) = match auth.rsplit_once(':') {
            Some((h, p)) if !h.contains(']') || h.ends_with(']') => (h, p.parse().ok()?),
            _ => (auth, default_port),
        };
        if host.is_empty() {
            return None;
        }
        let path = rest[end..].split('#').next().unwrap_or("");
        let path = if path.starts_with('/') { path.to_string() } else { format!("/{path}") };
        Some(Url { scheme, host: host.to_ascii_lowercase(), port, path })
    }

    /// The last path segment without the query (`index.html` for a directory).
    pub fn file_name(&self) -> String {
        let p = self.path.split('?').next().unwrap_or("");
        match p.rsplit('/').next() {
            Some(n) if !n.is_empty() => n.to_string(),
            _ => "index.html".to_string(),
        }
    }

    /// The URL written back out.
    pub fn to_text(&self) -> String {
        let default = matches!((self.scheme.as_str(), self.port), ("http", 80) | ("https", 443) | ("ftp", 21));
        let port = if default { String::new() } else { format!(":{}", self.port) };
        format!("{}://{}{port}{}", self.scheme, self.host, self.path)
    }
}

/// Why a fetch failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FetchError {
    /// The name does not exist (NXDOMAIN: `.invalid`, single-label names).
    UnknownHost,
    /// No DNS server is reachable (`--network none`).
    NoResolver,
    /// Nothing listens on the port (`localhost` without a published service).
    Refused(String),
}

/// A response to a request.
#[derive(Clone, Debug)]
pub struct Response {
    /// HTTP status code.
    pub status: u16,
    /// Its reason phrase.
    pub reason: &'static str,
    /// The body.
    pub body: Content,
    /// `Content-Type`.
    pub mime: &'static str,
    /// `Location` of a redirect.
    pub location: Option<String>,
}

/// Why a connection failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConnectError {
    /// The name does not resolve.
    UnknownHost,
    /// Nothing listens there (the address it resolved to).
    Refused(String),
}

/// Opens a TCP connection to `host:port`: the address and the server listening there.
pub fn connect(host: &str, port: u16, net: &Network) -> Result<(String, super::serve::Server), ConnectError> {
    let addr = resolve(host, net).map_err(|e| match e {
        FetchError::Refused(a) => ConnectError::Refused(a),
        _ => ConnectError::UnknownHost,
    })?;
    match net.service(host, port).or_else(|| net.service(&addr, port)) {
        Some((s, _)) => Ok((addr, s.server.clone())),
        None => Err(ConnectError::Refused(addr)),
    }
}

/// The address `host` resolves to on network `net`.
pub fn resolve(host: &str, net: &Network) -> Result<String, FetchError> {
    if let Some(s) = net.services.iter().find(|s| s.names.iter().any(|n| n == host)) {
        return Ok(if host == "localhost" { "127.0.0.1".into() } else { s.ip.clone() });
    }
    if let Some((_, ip)) = net.hosts.iter().find(|(names, _)| names.iter().any(|n| n == host)) {
        return Ok(ip.clone());
    }
    if host == "localhost" || host.starts_with("127.") || host == "[::1]" {
        return Ok("127.0.0.1".into());
    }
    if host.parse::<std::net::Ipv4Addr>().is_ok() {
        return Ok(host.to_string());
    }
    if net.mode == Mode::None {
        return Err(FetchError::NoResolver);
    }
    let tld = host.rsplit('.').next().unwrap_or("");
    if !host.contains('.')
        || matches!(tld, "invalid" | "test" | "example" | "local" | "localhost")
        || host.contains("..")
    {
        return Err(FetchError::UnknownHost);
    }
    let h = seed_of(host);
    // A deterministic public address (first octet kept out of private and reserved ranges).
    Ok(format!("{}.{}.{}.{}", 23 + (h % 150) as u8, (h >> 8) as u8, (h >> 16) as u8, 1 + (h >> 24) as u8 % 250))
}

/// Fetches `url` (following nothing: redirects come back as 3xx responses). `own` is the
/// requesting process's filesystem (a server in its own container serves from it).
pub fn fetch(url: &Url, net: &Network, own: &Tree) -> Result<(String, Response), FetchError> {
    fetch_as(url, net, own, "")
}

/// [`fetch`] by a client that sends `agent` as its `User-Agent`.
pub fn fetch_as(url: &Url, net: &Network, own: &Tree, agent: &str) -> Result<(String, Response), FetchError> {
    let addr = resolve(&url.host, net)?;
    if let Some((s, port)) = net.service(&url.host, url.port).or_else(|| net.service(&addr, url.port)) {
        let client = match (net.from_host, addr.starts_with("127.")) {
            (true, _) => "172.17.0.1",
            (false, true) => "127.0.0.1",
            (false, false) => net.client.as_str(),
        };
        return Ok((addr, super::serve::respond(&s.server, own, port, &url.path, (client, agent))));
    }
    let local = addr.starts_with("127.")
        || net.services.iter().any(|s| s.ip == addr)
        || net.hosts.iter().any(|(_, ip)| *ip == addr);
    if local || net.mode == Mode::None {
        return Err(FetchError::Refused(addr));
    }
    Ok((addr, artifacts::respond(url)))
}

/// `ADD <url>`: the file name and body (redirects followed), or the error Docker's builder
/// reports (Go's `net/http` wording).
pub fn download(raw: &str) -> Result<(String, Content), String> {
    let mut url = Url::parse(raw).ok_or_else(|| format!("parse \"{raw}\": invalid URL"))?;
    for _ in 0..10 {
        let resp = match fetch(&url, &Network::default(), &Tree::new()) {
            Ok((_, r)) => r,
            Err(FetchError::Refused(addr)) => {
                return Err(format!("Get \"{raw}\": dial tcp {addr}:{}: connect: connection refused", url.port))
            }
            Err(_) => return Err(format!("Get \"{raw}\": dial tcp: lookup {}: no such host", url.host)),
        };
        if let Some(loc) = resp.location.as_deref().and_then(Url::parse) {
            url = loc;
            continue;
        }
        if resp.status >= 400 {
            return Err(format!("failed to GET {raw} with status {} {}", resp.status, resp.reason));
        }
        return Ok((url.file_name(), resp.body));
    }
    Err(format!("Get \"{raw}\": stopped after 10 redirects"))
}

/// A 64-bit seed derived from text (stable across platforms and releases).
pub fn seed_of(s: &str) -> u64 {
    use sha2::{Digest, Sha256};
    let d = Sha256::digest(s.as_bytes());
    u64::from_le_bytes(d[..8].try_into().expect("8 bytes"))
}

/// Human size as wget prints it in `Length: N (1.9M)`.
pub fn wget_size(n: u64) -> String {
    const K: f64 = 1024.0;
    let f = n as f64;
    if f < K {
        n.to_string()
    } else if f < K * K {
        format!("{}K", round_sig(f / K))
    } else if f < K * K * K {
        format!("{}M", round_sig(f / K / K))
    } else {
        format!("{}G", round_sig(f / K / K / K))
    }
}

fn round_sig(v: f64) -> String {
    if v < 10.0 {
        format!("{v:.1}")
    } else {
        format!("{v:.0}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_parse_with_defaults() {
        let u = Url::parse("http://download.redis.io/releases/redis-5.0.3.tar.gz").unwrap();
        assert_eq!((u.host.as_str(), u.port, u.file_name().as_str()), ("download.redis.io", 80, "redis-5.0.3.tar.gz"));
        let u = Url::parse("https://example.com:8443").unwrap();
        assert_eq!((u.port, u.path.as_str(), u.file_name().as_str()), (8443, "/", "index.html"));
        assert_eq!(Url::parse("localhost:8080/x").unwrap().to_text(), "http://localhost:8080/x");
        assert!(Url::parse("http://").is_none());
    }

    #[test]
    fn services_sharing_a_name_answer_on_their_own_ports() {
        let http = |root: &str| super::super::serve::Server::Http {
            software: "nginx".into(),
            files: None,
            root: root.into(),
            index: vec![],
            deny: false,
            log: None,
        };
        let service = |port: u16, root: &str| Service {
            names: vec!["localhost".into()],
            ip: "127.0.0.1".into(),
            ports: vec![(port, 80)],
            server: http(root),
        };
        let net = Network::default().with_services(vec![service(8080, "/first"), service(81, "/second")]);
        let root_of = |port| match net.service("localhost", port) {
            Some((Service { server: super::super::serve::Server::Http { root, .. }, .. }, 80)) => root.clone(),
            _ => String::new(),
        };
        assert_eq!(root_of(8080), "/first");
        assert_eq!(root_of(81), "/second");
        assert!(net.service("localhost", 82).is_none());
    }

    #[test]
    fn resolution_follows_the_network_mode() {
        let bridge = Network::default();
        assert_eq!(resolve("nonexistent.invalid", &bridge), Err(FetchError::UnknownHost));
        assert_eq!(resolve("example.com", &Network::none()), Err(FetchError::NoResolver));
        let a = resolve("download.redis.io", &bridge).unwrap();
        assert_eq!(a, resolve("download.redis.io", &bridge).unwrap());
        assert_ne!(a, resolve("nginx.org", &bridge).unwrap());
        assert_eq!(resolve("localhost", &Network::none()).unwrap(), "127.0.0.1");
    }

    #[test]
    fn sizes_print_like_wget() {
        assert_eq!(wget_size(1_959_445), "1.9M");
        assert_eq!(wget_size(612), "612");
        assert_eq!(wget_size(15_000), "15K");
    }
}
