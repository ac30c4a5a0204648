//! Servers answering requests on the simulated network: web servers (nginx, httpd,
//! `python -m http.server`) serve their document root with the right status and page;
//! other servers accept connections.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use super::net::Response;
use crate::vfs::{path, Content, NodeKind, Tree};

/// What listens on a service's port.
#[derive(Clone, Debug)]
pub enum Server {
    /// A web server.
    Http {
        /// Its `Server` name and version (`nginx/1.26.2`), shown on error pages.
        software: String,
        /// Its files: `None` for the requesting process's own filesystem (the same
        /// container), else a snapshot of the server's container.
        files: Option<Arc<Tree>>,
        /// The document root.
        root: String,
        /// Index file names, in order.
        index: Vec<String>,
        /// True when the configuration answers 404 to everything (Alpine's default site).
        deny: bool,
        /// Where requests are logged (the container's access log).
        log: Option<AccessLog>,
    },
    /// Any other server: it accepts connections (for `nc -z`, wait-for scripts); a
    /// `redis-server` answers `redis-cli` from its memory.
    Tcp {
        /// Its program.
        program: String,
        /// What it keeps in memory (shared by every client, kept by the engine).
        memory: Memory,
    },
}

/// A server's in-memory data (redis keys).
pub type Memory = Arc<Mutex<BTreeMap<String, String>>>;

/// A request a web server answered, for its access log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Request {
    /// The client's address.
    pub client: String,
    /// The request line's path.
    pub path: String,
    /// The status answered.
    pub status: u16,
    /// Bytes of body sent.
    pub bytes: u64,
    /// The client's `User-Agent`.
    pub agent: String,
}

/// Requests a server answered and the engine has not yet written to its log.
pub type AccessLog = Arc<Mutex<Vec<Request>>>;

/// The response of `server` to `GET path` on `port` from `client` (its address and
/// `User-Agent`), logged when the server keeps an access log.
pub fn respond(server: &Server, own: &Tree, port: u16, raw_path: &str, client: (&str, &str)) -> Response {
    let resp = answer(server, own, port, raw_path);
    if let Server::Http { log: Some(log), .. } = server {
        let mut log = log.lock().unwrap_or_else(|p| p.into_inner());
        log.push(Request {
            client: client.0.to_string(),
            path: raw_path.to_string(),
            status: resp.status,
            bytes: resp.body.len(),
            agent: client.1.to_string(),
        });
    }
    resp
}

fn answer(server: &Server, own: &Tree, _port: u16, raw_path: &str) -> Response {
    match server {
        Server::Http { software, files, root, index, deny, .. } => {
            let fs: &Tree = files.as_deref().unwrap_or(own);
            let rel = raw_path.split(['?', '#']).next().unwrap_or("/");
            let at = path::normalize(root, &format!(".{rel}"));
            let not_found = || Response {
                status: 404,
                reason: "Not Found",
                body: Content::from(error_page(404, "Not Found", software)),
                mime: "text/html",
                location: None,
            };
            if *deny || !path::is_within(&at, root) {
                return not_found();
            }
            let file = match fs.lookup("/", &at, true) {
                Ok((_, n)) if n.is_dir() => {
                    if !rel.ends_with('/') {
                        let loc = format!("{rel}/");
                        return Response {
                            status: 301,
                            reason: "Moved Permanently",
                            body: Content::from(error_page(301, "Moved Permanently", software)),
                            mime: "text/html",
                            location: Some(loc),
                        };
                    }
                    match index
                        .iter()
                        .map(|i| path::join(&at, i))
                        .find(|p| fs.lookup("/", p, true).is_ok_and(|(_, n)| n.is_file()))
                    {
                        Some(p) => p,
                        None => {
                            return Response {
                                status: 403,
                                reason: "Forbidden",
                                body: Content::from(error_page(403, "Forbidden", software)),
                                mime: "text/html",
                                location: None,
                            };
                        }
                    }
                }
                Ok(_) => at,
                Err(_) => return not_found(),
            };
            let Ok((_, node)) = fs.lookup("/", &file, true) else { return not_found() };
            let NodeKind::File(c) = &node.kind else { return not_found() };
            // A packaged welcome page is stored as a placeholder: serve the real text.
            let body =
                if c.is_synthetic() && path::file_name(&file).starts_with("index") && software.starts_with("nginx") {
                    Content::from(super::nginx_welcome())
                } else {
                    c.clone()
                };
            Response { status: 200, reason: "OK", body, mime: mime_of(&file), location: None }
        }
        Server::Tcp { program, .. } => Response {
            status: 200,
            reason: "OK",
            body: Content::default(),
            mime: if program.is_empty() { "text/plain" } else { "application/octet-stream" },
            location: None,
        },
    }
}

fn mime_of(p: &str) -> &'static str {
    match p.rsplit('.').next().unwrap_or("") {
        "html" | "htm" => "text/html",
        "css" => "text/css",
        "js" => "application/javascript",
        "json" => "application/json",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "svg" => "image/svg+xml",
        "txt" => "text/plain",
        _ => "application/octet-stream",
    }
}

/// nginx's error page (httpd and others use the same shape closely enough).
fn error_page(code: u16, reason: &str, software: &str) -> String {
    format!("<html>\r\n<head><title>{code} {reason}</title></head>\r\n<body>\r\n<center><h1>{code} {reason}</h1></center>\r\n<hr><center>{software}</center>\r\n</body>\r\n</html>\r\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vfs::Meta;

    #[test]
    fn serves_the_document_root() {
        let mut t = Tree::new();
        t.mkdir_all("/", "/usr/share/nginx/html/sub", Meta::root(0o755)).unwrap();
        t.write_file("/", "/usr/share/nginx/html/index.html", "<h1>Hello, Docker!</h1>\n".into(), Meta::root(0o644))
            .unwrap();
        let s = Server::Http {
            software: "nginx/1.27.2".into(),
            files: None,
            root: "/usr/share/nginx/html".into(),
            index: vec!["index.html".into()],
            deny: false,
            log: Some(AccessLog::default()),
        };
        let r = respond(&s, &t, 80, "/", ("172.17.0.1", "curl/8.9.1"));
        assert_eq!((r.status, r.body.bytes().as_ref()), (200, &b"<h1>Hello, Docker!</h1>\n"[..]));
        let r = respond(&s, &t, 80, "/nope.html", ("", ""));
        assert_eq!(r.status, 404);
        assert!(String::from_utf8_lossy(&r.body.bytes()).contains("<hr><center>nginx/1.27.2</center>"));
        assert_eq!(respond(&s, &t, 80, "/sub", ("", "")).status, 301);
        assert_eq!(respond(&s, &t, 80, "/sub/", ("", "")).status, 403);
        assert_eq!(respond(&s, &t, 80, "/../../etc/passwd", ("", "")).status, 404);
        let Server::Http { log: Some(log), .. } = &s else { unreachable!() };
        let log = log.lock().unwrap();
        assert_eq!(log.len(), 5);
        assert_eq!((log[0].client.as_str(), log[0].status, log[0].bytes), ("172.17.0.1", 200, 24));
    }
}
