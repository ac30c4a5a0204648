//! `nc` (busybox's netcat): `nc -z HOST PORT` tells whether something listens there (the
//! check wait-for scripts loop on); `nc HOST PORT` sends standard input and prints the
//! answer: a web server answers an HTTP request, redis-server inline commands.

use super::net::{connect, ConnectError};
use super::serve::{respond, Server};
use super::Args;
use crate::shell::Ctx;

/// `nc [-z] [-v] [-w SEC] HOST PORT`.
pub fn nc(ctx: &mut Ctx<'_>, argv: &[String]) -> i32 {
    let a = Args::parse(argv.get(1..).unwrap_or(&[]), "wpsi", &[]);
    let (Some(host), Some(port)) = (a.operands.first(), a.operands.get(1)) else {
        ctx.err("BusyBox v1.36.1 multi-call binary.\n\nUsage: nc [OPTIONS] HOST PORT  - connect\n");
        return 1;
    };
    let Ok(port) = port.parse::<u16>() else {
        ctx.err(&format!("nc: bad port '{port}'\n"));
        return 1;
    };
    let verbose = a.has(&["v"]);
    let (addr, server) = match connect(host, port, &ctx.network) {
        Ok(x) => x,
        Err(ConnectError::UnknownHost) => {
            ctx.err(&format!("nc: bad address '{host}'\n"));
            return 1;
        }
        Err(ConnectError::Refused(addr)) => {
            if verbose || !a.has(&["z"]) {
                ctx.err(&format!("nc: {host} ({addr}:{port}): Connection refused\n"));
            }
            return 1;
        }
    };
    if verbose {
        ctx.err(&format!("{host} ({addr}:{port}) open\n"));
    }
    if a.has(&["z"]) {
        return 0;
    }
    let input = String::from_utf8_lossy(ctx.input()).into_owned();
    match &server {
        Server::Http { software, .. } => {
            let Some(path) = input.lines().next().and_then(|l| l.split_whitespace().nth(1)) else { return 0 };
            let agent =
                input.lines().find_map(|l| l.strip_prefix("User-Agent: ").map(str::to_string)).unwrap_or_default();
            let r = respond(&server, ctx.fs, port, path, (&ctx.network.client.clone(), &agent));
            let mut head = format!("HTTP/1.1 {} {}\r\nServer: {software}\r\n", r.status, r.reason);
            head.push_str(&format!("Content-Type: {}\r\nContent-Length: {}\r\n", r.mime, r.body.len()));
            if let Some(l) = &r.location {
                head.push_str(&format!("Location: {l}\r\n"));
            }
            head.push_str("Connection: close\r\n\r\n");
            ctx.out(&head);
            ctx.out(&String::from_utf8_lossy(&r.body.bytes()));
        }
        Server::Tcp { program, memory } if program.contains("redis-server") => {
            let data = memory.lock().unwrap_or_else(|p| p.into_inner());
            for line in input.lines().map(str::trim).filter(|l| !l.is_empty()) {
                let words: Vec<&str> = line.split_whitespace().collect();
                let reply = match (words[0].to_ascii_uppercase().as_str(), words.len()) {
                    ("PING", 1) => "+PONG".to_string(),
                    ("GET", 2) => match data.get(words[1]) {
                        Some(v) => format!("${}\r\n{v}", v.len()),
                        None => "$-1".to_string(),
                    },
                    ("QUIT", _) => "+OK".to_string(),
                    (c, _) => format!("-ERR unknown command '{}', with args beginning with: ", c.to_ascii_lowercase()),
                };
                ctx.out(&format!("{reply}\r\n"));
            }
        }
        Server::Tcp { .. } => {}
    }
    0
}
