//! What listens in running containers, as services of the simulated network: the
//! container's own server on `localhost` (for `docker exec … curl localhost`) and published
//! ports on the host's `localhost` (for the page's terminal).

use std::sync::Arc;

use super::container::{Container, State};
use super::Engine;
use crate::shell::programs::net::{Network, Service};
use crate::shell::programs::serve::{AccessLog, Memory, Server};
use crate::vfs::Tree;

/// The server container `c` runs (with its tree `tree`) and the port it listens on.
fn server_of(c: &Container, tree: &Tree, snapshot: bool, memory: Memory, log: AccessLog) -> Option<(Server, Vec<u16>)> {
    let State::Running { program, .. } = &c.state else { return None };
    let all: Vec<&str> = program.split_whitespace().collect();
    let words = super::process::main_program(&all);
    let base = words.first().map(|w| w.rsplit('/').next().unwrap_or(w))?;
    let files = snapshot.then(|| Arc::new(tree.clone()));
    let text = |p: &str| tree.read("/", p).map(|c| String::from_utf8_lossy(&c.bytes()).into_owned()).ok();
    let env = |k: &str| c.config.env.iter().find_map(|e| e.strip_prefix(&format!("{k}=")).map(String::from));
    let cwd = if c.config.working_dir.is_empty() { "/".to_string() } else { c.config.working_dir.clone() };
    let http = |software: String, root: String, index: Vec<String>, deny: bool, port: u16| {
        Some((Server::Http { software, files: files.clone(), root, index, deny, log: Some(log.clone()) }, vec![port]))
    };
    match base {
        "nginx" => {
            let conf = [
                "/etc/nginx/conf.d/default.conf",
                "/etc/nginx/sites-enabled/default",
                "/etc/nginx/http.d/default.conf",
                "/etc/nginx/nginx.conf",
            ]
            .iter()
            .filter_map(|p| text(p))
            .collect::<Vec<_>>()
            .join("\n");
            let directive = |name: &str| {
                conf.lines().map(str::trim).find_map(|l| {
                    l.strip_prefix(&format!("{name} ")).map(|v| v.trim_end_matches(';').trim().to_string())
                })
            };
            let root = match directive("root") {
                Some(r) if r.starts_with('/') => r,
                Some(r) => format!("/usr/share/nginx/{r}"),
                None => "/usr/share/nginx/html".into(),
            };
            let index = directive("index")
                .map(|v| v.split_whitespace().map(String::from).collect())
                .unwrap_or_else(|| vec!["index.html".to_string()]);
            let port = directive("listen")
                .and_then(|l| l.split_whitespace().next().and_then(|p| p.rsplit(':').next()?.parse().ok()))
                .unwrap_or(80);
            let deny = directive("root").is_none() && conf.contains("return 404;");
            let software = env("NGINX_VERSION").map_or("nginx".to_string(), |v| format!("nginx/{v}"));
            http(software, root, index, deny, port)
        }
        "httpd" | "httpd-foreground" | "apache2" | "apache2-foreground" => {
            let root = if tree.get("/usr/local/apache2/htdocs").is_some() {
                "/usr/local/apache2/htdocs"
            } else {
                "/var/www/html"
            };
            let software = env("HTTPD_VERSION").map_or("Apache".to_string(), |v| format!("Apache/{v} (Unix)"));
            http(software, root.into(), vec!["index.html".into()], false, 80)
        }
        b if b.starts_with("python") && words.get(1) == Some(&"-m") && words.get(2) == Some(&"http.server") => {
            let port = words.get(3).and_then(|p| p.parse().ok()).unwrap_or(8000);
            http("SimpleHTTP/0.6 Python".into(), cwd, vec!["index.html".into(), "index.htm".into()], false, port)
        }
        "php" if words.get(1) == Some(&"-S") => {
            let port = words.get(2).and_then(|a| a.rsplit(':').next()?.parse().ok()).unwrap_or(8000);
            http("PHP".into(), cwd, vec!["index.php".into(), "index.html".into()], false, port)
        }
        _ => {
            let known: &[(&str, u16)] = &[
                ("redis-server", 6379),
                ("mongod", 27017),
                ("postgres", 5432),
                ("mysqld", 3306),
                ("memcached", 11211),
            ];
            let mut ports: Vec<u16> = known.iter().filter(|(n, _)| *n == base).map(|(_, p)| *p).collect();
            ports.extend(c.config.exposed_ports.keys().filter_map(|k| k.split('/').next()?.parse::<u16>().ok()));
            ports.dedup();
            (!ports.is_empty()).then(|| (Server::Tcp { program: program.clone(), memory }, ports))
        }
    }
}

/// Why an official image's entrypoint refuses to start its server, as it says it (see
/// [`super::databases::refusal`]): the lines it writes before it exits with status 1.
pub(crate) fn refusal(program: &str, env: &[String], tree: &Tree, now: i64) -> Option<Vec<(u8, String)>> {
    let all: Vec<&str> = program.split_whitespace().collect();
    let words = super::process::main_program(&all);
    let base = words.first().map(|w| w.rsplit('/').next().unwrap_or(w)).unwrap_or("");
    if base == "nginx" {
        return nginx_refusal(&all, env, tree, now);
    }
    super::databases::refusal(&all, base, env, tree, now)
}

/// nginx failing on a read-only root filesystem (`docker run --read-only` without tmpfs
/// mounts for its temporary directories and pid file): its entrypoint's lines, then the
/// `[emerg]` nginx writes to its error log (`/dev/stderr`) and to standard error. The
/// temporary directories are made before the start-up notices, the pid file after them.
/// Source: the logs in nginx/docker-nginx issues #416 and #978.
fn nginx_refusal(all: &[&str], env: &[String], tree: &Tree, now: i64) -> Option<Vec<(u8, String)>> {
    let temp = NGINX_TEMP_DIRS
        .iter()
        .map(|d| format!("/var/cache/nginx/{d}"))
        .find(|p| tree.get(p).is_none() && tree.get("/var/cache/nginx").is_some() && tree.writable(p).is_err());
    let pid = nginx_pid_file(tree);
    // The pid file's directory may be a symbolic link (`/var/run` to `/run`).
    let dir = tree.resolve("/", crate::vfs::path::parent(&pid), true);
    let pid_refused =
        dir.is_ok_and(|d| tree.writable(&crate::vfs::path::join(&d, crate::vfs::path::file_name(&pid))).is_err());
    let (failed, after_notices) = match (temp, pid_refused) {
        (Some(dir), _) => (format!("mkdir() \"{dir}\" failed (30: Read-only file system)"), false),
        (None, true) => (format!("open() \"{pid}\" failed (30: Read-only file system)"), true),
        (None, false) => return None,
    };
    let mut lines = nginx_startup(all, env, tree, now);
    if !after_notices {
        lines.retain(|(stream, _)| *stream == 1);
    } else {
        lines.retain(|(_, l)| !l.contains("start worker process"));
    }
    let t = crate::shell::applets_strftime("%Y/%m/%d %H:%M:%S", now);
    lines.push((2, format!("{t} [emerg] 1#1: {failed}\n")));
    lines.push((2, format!("nginx: [emerg] {failed}\n")));
    Some(lines)
}

/// The temporary directories nginx makes under `/var/cache/nginx` as it starts.
const NGINX_TEMP_DIRS: [&str; 5] = ["client_temp", "proxy_temp", "fastcgi_temp", "uwsgi_temp", "scgi_temp"];

/// Where nginx writes its pid: the `pid` directive of `nginx.conf`.
fn nginx_pid_file(tree: &Tree) -> String {
    let conf = tree.read("/", "/etc/nginx/nginx.conf").map(|c| String::from_utf8_lossy(&c.bytes()).into_owned());
    conf.unwrap_or_default()
        .lines()
        .map(str::trim)
        .find_map(|l| l.strip_prefix("pid"))
        .map(|p| p.trim().trim_end_matches(';').trim().to_string())
        .unwrap_or_else(|| "/var/run/nginx.pid".into())
}

/// What a server writes when it starts (its `docker logs`): nginx's entrypoint and
/// notices, redis-server's banner.
pub(crate) fn startup_log(program: &str, env: &[String], tree: &Tree, now: i64) -> Vec<(u8, String)> {
    let all: Vec<&str> = program.split_whitespace().collect();
    let words = super::process::main_program(&all);
    let base = words.first().map(|w| w.rsplit('/').next().unwrap_or(w)).unwrap_or("");
    if base == "nginx" {
        return nginx_startup(&all, env, tree, now);
    }
    if base == "postgres" || base == "mysqld" {
        let wrapper = all.first().is_some_and(|w| w.ends_with("docker-entrypoint.sh"));
        return super::databases::startup(base, wrapper, env, tree, now);
    }
    if base != "redis-server" {
        return Vec::new();
    }
    let from_env = env.iter().find_map(|e| e.strip_prefix("REDIS_VERSION=").map(String::from));
    let built = || {
        let path = ["/usr/local/bin/redis-server", "/usr/bin/redis-server"]
            .into_iter()
            .find_map(|p| tree.read("/", p).ok())?;
        crate::shell::programs::built::identify(&path).map(|b| b.version)
    };
    let version = from_env.or_else(built).unwrap_or_else(|| "7.4.1".into());
    let seven = version.split('.').next().and_then(|m| m.parse::<u32>().ok()).unwrap_or(7) >= 7;
    let t = crate::shell::applets_strftime("%d %b %Y %H:%M:%S.000", now);
    let note = if seven { '*' } else { '#' };
    let port = words.windows(2).find(|w| w[0] == "--port").map_or("6379", |w| w[1]);
    let mut lines = vec![
        format!("1:C {t} {note} oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo"),
        format!("1:C {t} {note} Redis version={version}, bits=64, commit=00000000, modified=0, pid=1, just started"),
    ];
    if words.len() == 1 {
        lines.push(format!("1:C {t} # Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf"));
    }
    if seven {
        lines.push(format!("1:M {t} * monotonic clock: POSIX clock_gettime"));
    }
    lines.push(format!("1:M {t} * Running mode=standalone, port={port}."));
    lines.push(format!("1:M {t} {note} Server initialized"));
    lines.push(format!("1:M {t} * Ready to accept connections{}", if seven { " tcp" } else { "" }));
    lines.into_iter().map(|l| (1u8, format!("{l}\n"))).collect()
}

/// The official nginx image's `/docker-entrypoint.sh` lines (from the scripts in
/// `/docker-entrypoint.d/`, as the script walks them) on standard output, then nginx's
/// start-up notices on standard error (its error log is linked to `/dev/stderr`).
/// Source: nginxinc/docker-nginx `entrypoint/docker-entrypoint.sh` and
/// `10-listen-on-ipv6-by-default.sh`.
fn nginx_startup(all: &[&str], env: &[String], tree: &Tree, now: i64) -> Vec<(u8, String)> {
    let mut lines: Vec<(u8, String)> = Vec::new();
    let quiet = env.iter().any(|e| e.starts_with("NGINX_ENTRYPOINT_QUIET_LOGS=") && e.len() > 28);
    let wrapper = all.first().filter(|w| w.ends_with("docker-entrypoint.sh") && tree.get(w).is_some());
    if let (Some(ep), false) = (wrapper, quiet) {
        let dir = "/docker-entrypoint.d";
        let mut scripts: Vec<(String, bool)> = tree
            .children(dir)
            .filter(|(_, n)| n.is_file())
            .map(|(name, n)| (name.to_string(), n.meta.mode & 0o111 != 0))
            .collect();
        crate::util::sort::sort(&mut scripts);
        let mut say = |s: String| lines.push((1, format!("{s}\n")));
        if scripts.is_empty() {
            say(format!("{ep}: No files found in {dir}/, skipping configuration"));
        } else {
            say(format!("{ep}: {dir}/ is not empty, will attempt to perform configuration"));
            say(format!("{ep}: Looking for shell scripts in {dir}/"));
            for (name, exec) in &scripts {
                let f = format!("{dir}/{name}");
                let is_sh = name.ends_with(".sh");
                match (name.ends_with(".envsh") || is_sh, exec) {
                    (true, false) => say(format!("{ep}: Ignoring {f}, not executable")),
                    (false, _) => say(format!("{ep}: Ignoring {f}")),
                    (true, true) if is_sh => say(format!("{ep}: Launching {f}")),
                    (true, true) => say(format!("{ep}: Sourcing {f}")),
                }
                if name == "10-listen-on-ipv6-by-default.sh" && *exec {
                    let conf = "/etc/nginx/conf.d/default.conf";
                    let me = name.as_str();
                    let text = tree.read("/", conf).map(|c| String::from_utf8_lossy(&c.bytes()).into_owned());
                    // The packaged file listens on port 80 for server_name localhost.
                    let packaged = |t: &str| t.contains("listen       80;") && t.contains("server_name  localhost;");
                    match text {
                        Err(_) => say(format!("{me}: info: {conf} is not a file or does not exist")),
                        // Its `touch` of the file fails on a read-only filesystem.
                        Ok(_) if tree.writable(conf).is_err() => {
                            say(format!("{me}: info: can not modify {conf} (read-only file system?)"))
                        }
                        Ok(t) if t.contains("listen  [::]:80;") => {
                            say(format!("{me}: info: IPv6 listen already enabled"))
                        }
                        Ok(t) if packaged(&t) => {
                            say(format!("{me}: info: Getting the checksum of {conf}"));
                            say(format!("{me}: info: Enabled listen on IPv6 in {conf}"));
                        }
                        Ok(_) => {
                            say(format!("{me}: info: Getting the checksum of {conf}"));
                            say(format!("{me}: info: {conf} differs from the packaged version"));
                        }
                    }
                }
            }
            say(format!("{ep}: Configuration complete; ready for start up"));
        }
    }
    let t = crate::shell::applets_strftime("%Y/%m/%d %H:%M:%S", now);
    let version = env.iter().find_map(|e| e.strip_prefix("NGINX_VERSION=")).unwrap_or("1.27.3");
    let os =
        tree.read("/", "/etc/os-release").map(|c| String::from_utf8_lossy(&c.bytes()).into_owned()).unwrap_or_default();
    let gcc = if os.contains("ID=alpine") {
        "gcc 13.2.1 20240309 (Alpine 13.2.1_git20240309)"
    } else {
        "gcc 12.2.0 (Debian 12.2.0-14)"
    };
    let notice = |s: &str| (2u8, format!("{t} [notice] 1#1: {s}\n"));
    lines.push(notice("using the \"epoll\" event method"));
    lines.push(notice(&format!("nginx/{version}")));
    lines.push(notice(&format!("built by {gcc} ")));
    lines.push(notice("OS: Linux 6.6.0-layerlab"));
    lines.push(notice("getrlimit(RLIMIT_NOFILE): 1048576:1048576"));
    lines.push(notice("start worker processes"));
    for pid in 29..33 {
        lines.push(notice(&format!("start worker process {pid}")));
    }
    lines
}

impl Engine {
    fn access_log(&self, id: &str) -> AccessLog {
        let mut all = self.access.lock().unwrap_or_else(|p| p.into_inner());
        all.entry(id.to_string()).or_default().clone()
    }

    /// Writes the requests servers answered since the last command to their containers'
    /// logs, in each server's own format: nginx's `combined` plus `"$http_x_forwarded_for"`
    /// on standard output, httpd's common log format, `python -m http.server`'s lines on
    /// standard error.
    pub(crate) fn flush_access_logs(&mut self) {
        let pending: Vec<(String, Vec<crate::shell::programs::serve::Request>)> = {
            let all = self.access.lock().unwrap_or_else(|p| p.into_inner());
            all.iter()
                .map(|(id, log)| (id.clone(), std::mem::take(&mut *log.lock().unwrap_or_else(|p| p.into_inner()))))
                .filter(|(_, v)| !v.is_empty())
                .collect()
        };
        let now = self.now();
        for (id, requests) in pending {
            let Some(c) = self.containers.iter_mut().find(|c| c.id == id) else { continue };
            let State::Running { program, .. } = &c.state else { continue };
            let all: Vec<&str> = program.split_whitespace().collect();
            let words = super::process::main_program(&all);
            let base = words.first().map(|w| w.rsplit('/').next().unwrap_or(w)).unwrap_or("").to_string();
            let t = |f: &str| crate::shell::applets_strftime(f, now);
            let lines: Vec<(u8, String)> = requests
                .iter()
                .filter_map(|r| {
                    let line = format!("GET {} HTTP/1.1", r.path);
                    match base.as_str() {
                        "nginx" => Some((
                            1,
                            format!(
                                "{} - - [{}] \"{line}\" {} {} \"-\" \"{}\" \"-\"\n",
                                r.client,
                                t("%d/%b/%Y:%H:%M:%S +0000"),
                                r.status,
                                r.bytes,
                                r.agent
                            ),
                        )),
                        "httpd" | "httpd-foreground" | "apache2" | "apache2-foreground" => {
                            let bytes = if r.bytes == 0 { "-".to_string() } else { r.bytes.to_string() };
                            Some((
                                1,
                                format!(
                                    "{} - - [{}] \"{line}\" {} {bytes}\n",
                                    r.client,
                                    t("%d/%b/%Y:%H:%M:%S +0000"),
                                    r.status
                                ),
                            ))
                        }
                        b if b.starts_with("python") => Some((
                            2,
                            format!("{} - - [{}] \"{line}\" {} -\n", r.client, t("%d/%b/%Y %H:%M:%S"), r.status),
                        )),
                        _ => None,
                    }
                })
                .collect();
            c.append_log(lines, now);
        }
    }

    fn memory(&self, id: &str) -> Memory {
        let mut all = self.server_data.lock().unwrap_or_else(|p| p.into_inner());
        all.entry(id.to_string()).or_default().clone()
    }

    /// The network a process in container `i` sees: its own server on `localhost`, and
    /// the servers of the other containers on its network (by address; by name too on a
    /// user-defined network, as Docker's embedded DNS does).
    pub(crate) fn container_network(&self, i: usize, tree: &Tree) -> Network {
        let c = &self.containers[i];
        let mut net = Network::from_flag(&c.network);
        let first = c.networks().into_iter().next().unwrap_or_default();
        net.client = self.container_ip_on(i, &first).unwrap_or_else(|| "127.0.0.1".into());
        let mut services = Vec::new();
        let mut hosts = Vec::new();
        if let Some((server, ports)) = server_of(c, tree, false, self.memory(&c.id), self.access_log(&c.id)) {
            let names = vec!["localhost".to_string(), "127.0.0.1".to_string(), c.hostname.clone(), c.name.clone()];
            services.push(Service {
                names,
                ip: "127.0.0.1".into(),
                ports: ports.iter().map(|p| (*p, *p)).collect(),
                server,
            });
        }
        for (j, o) in self.containers.iter().enumerate() {
            if j == i || !o.is_running() {
                continue;
            }
            // The networks both are on (none and host connect nobody by address).
            let Some(shared) =
                c.networks().into_iter().find(|n| !matches!(n.as_str(), "none" | "host") && o.on_network(n))
            else {
                continue;
            };
            let Some(ip) = self.container_ip_on(j, &shared) else { continue };
            let names = if shared != "bridge" {
                vec![o.name.clone(), o.hostname.clone(), o.id[..12].to_string()]
            } else {
                Vec::new()
            };
            hosts.push((names.clone(), ip.clone()));
            let (_, t) = o.lower_and_tree(&self.store);
            if let Some((server, ports)) = server_of(o, &t, true, self.memory(&o.id), self.access_log(&o.id)) {
                services.push(Service { names, ip, ports: ports.iter().map(|p| (*p, *p)).collect(), server });
            }
        }
        net.hosts = std::sync::Arc::new(hosts);
        net.with_services(services)
    }

    /// `curl …` or `wget …` typed in the host's terminal: the request goes through the
    /// host's network (published ports on `localhost`, the simulated internet beyond).
    pub(crate) fn host_command(&self, argv: &[String]) -> super::Output {
        use crate::shell::{Budget, Ctx};
        let mut fs = Tree::new();
        let (mut out, mut err, mut budget) = (Vec::new(), Vec::new(), Budget::default());
        let mut ctx = Ctx::new(&mut fs, b"", &mut out, &mut err, &mut budget);
        ctx.network = self.host_network();
        ctx.now = self.now();
        ctx.env.insert("HOME".into(), "/home/user".into());
        let code = match argv[0].as_str() {
            "wget" => crate::shell::programs::wget::gnu(&mut ctx, argv),
            _ => crate::shell::programs::curl::curl(&mut ctx, argv, "8.9.1"),
        };
        let mut o = super::Output { code, ..Default::default() };
        o.out(&String::from_utf8_lossy(&out));
        o.err(&String::from_utf8_lossy(&err));
        o
    }

    /// The network of the host (the page's terminal): published ports on `localhost`.
    pub fn host_network(&self) -> Network {
        let mut services = Vec::new();
        for c in self.containers.iter().filter(|c| c.is_running() && !c.bindings.is_empty()) {
            let (_, tree) = c.lower_and_tree(&self.store);
            let Some((server, ports)) = server_of(c, &tree, true, self.memory(&c.id), self.access_log(&c.id)) else {
                continue;
            };
            let mapped: Vec<(u16, u16)> =
                c.bindings.iter().filter(|b| ports.contains(&b.port)).map(|b| (b.host, b.port)).collect();
            if !mapped.is_empty() {
                services.push(Service {
                    names: vec!["localhost".into(), "127.0.0.1".into(), "0.0.0.0".into()],
                    ip: "127.0.0.1".into(),
                    ports: mapped,
                    server,
                });
            }
        }
        let mut net = Network::default().with_services(services);
        net.from_host = true;
        net
    }
}

/// What a server changes in its container's filesystem when it starts, as `docker diff`
/// then shows: the official nginx image's entrypoint turns on IPv6 in `default.conf`
/// (`10-listen-on-ipv6-by-default.sh`), and nginx writes its pid file and creates its
/// temporary directories under `/var/cache/nginx` as its worker user. postgres and mysql
/// initialize their data directories.
pub(crate) fn start_changes(program: &str, env: &[String], tree: &mut Tree, now: i64) {
    let base = super::process::running_program(program).1;
    if base == "postgres" || base == "mysqld" {
        return super::databases::start_changes(&base, env, tree, now);
    }
    if base != "nginx" {
        return;
    }
    let all: Vec<&str> = program.split_whitespace().collect();
    let text = |tree: &Tree, p: &str| tree.read("/", p).ok().map(|c| String::from_utf8_lossy(&c.bytes()).into_owned());
    let meta_of = |tree: &Tree, p: &str| tree.get(p).map(|n| crate::vfs::Meta { mtime: now, ..n.meta });
    // The entrypoint's IPv6 script, as its sed does it (only on the packaged default.conf).
    let conf = "/etc/nginx/conf.d/default.conf";
    let script = "/docker-entrypoint.d/10-listen-on-ipv6-by-default.sh";
    let runs_entrypoint = all.first().is_some_and(|w| w.ends_with("docker-entrypoint.sh"));
    if runs_entrypoint && tree.get(script).is_some_and(|n| n.meta.mode & 0o111 != 0) {
        if let (Some(t), Some(meta)) = (text(tree, conf), meta_of(tree, conf)) {
            if t.contains("listen       80;") && !t.contains("[::]:80") {
                let t = t.replacen("listen       80;", "listen       80;\n    listen  [::]:80;", 1);
                let _ = tree.write_file("/", conf, crate::vfs::Content::from(t.into_bytes()), meta);
            }
        }
    }
    let pid = nginx_pid_file(tree);
    let root = crate::vfs::Meta { mode: 0o644, uid: 0, gid: 0, mtime: now };
    let _ = tree.write_file("/", &pid, crate::vfs::Content::from(&b"1\n"[..]), root);
    if tree.get("/var/cache/nginx").is_some_and(|n| n.is_dir()) {
        let user = crate::vfs::accounts::find_user(tree, "nginx");
        let (uid, gid) = user.map_or((0, 0), |u| (u.uid, 0));
        for d in NGINX_TEMP_DIRS {
            let path = format!("/var/cache/nginx/{d}");
            if tree.get(&path).is_none() {
                let _ = tree.mkdir("/", &path, crate::vfs::Meta { mode: 0o700, uid, gid, mtime: now });
            }
        }
    }
}
