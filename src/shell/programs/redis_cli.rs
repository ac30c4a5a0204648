//! `redis-cli`: connects through the simulated network to a running `redis-server` and
//! runs basic commands (PING, ECHO, SET, GET, DEL, EXISTS, INCR, KEYS, DBSIZE, FLUSHALL)
//! against the server's memory. Output is redis-cli's raw form (standard output is not a
//! terminal).

use super::net::{resolve, FetchError};
use super::serve::Server;
use super::Args;
use crate::shell::Ctx;

/// `redis-cli [-h HOST] [-p PORT] [COMMAND [ARG…]]` (commands from standard input when
/// none is given).
pub fn redis_cli(ctx: &mut Ctx<'_>, argv: &[String]) -> i32 {
    let a = Args::parse(argv.get(1..).unwrap_or(&[]), "hpnau", &[]);
    if a.has(&["v", "version"]) {
        ctx.out("redis-cli 7.4.1\n");
        return 0;
    }
    let host = a.value(&["h"]).unwrap_or_else(|| "127.0.0.1".into());
    let port: u16 = a.value(&["p"]).and_then(|p| p.parse().ok()).unwrap_or(6379);
    let fail = |ctx: &mut Ctx<'_>, why: &str| {
        ctx.err(&format!("Could not connect to Redis at {host}:{port}: {why}\n"));
        1
    };
    let addr = match resolve(&host, &ctx.network) {
        Ok(a) => a,
        Err(FetchError::UnknownHost | FetchError::NoResolver) => return fail(ctx, "Name or service not known"),
        Err(FetchError::Refused(_)) => return fail(ctx, "Connection refused"),
    };
    let network = ctx.network.clone();
    let memory = match network.service(&host, port).or_else(|| network.service(&addr, port)) {
        Some((s, _)) => match &s.server {
            Server::Tcp { program, memory } if program.contains("redis-server") => memory.clone(),
            _ => return fail(ctx, "Connection reset by peer"),
        },
        None => return fail(ctx, "Connection refused"),
    };
    let commands: Vec<Vec<String>> = if a.operands.is_empty() {
        String::from_utf8_lossy(ctx.input())
            .lines()
            .map(|l| l.split_whitespace().map(String::from).collect::<Vec<_>>())
            .filter(|w| !w.is_empty())
            .collect()
    } else {
        vec![a.operands.clone()]
    };
    let mut data = memory.lock().unwrap_or_else(|p| p.into_inner());
    for words in commands {
        let cmd = words[0].to_ascii_uppercase();
        let arg = |i: usize| words.get(i).cloned().unwrap_or_default();
        let reply = match (cmd.as_str(), words.len()) {
            ("PING", 1) => "PONG".to_string(),
            ("PING" | "ECHO", 2) => arg(1),
            ("SET", 3) => {
                data.insert(arg(1), arg(2));
                "OK".into()
            }
            ("GET", 2) => data.get(&arg(1)).cloned().unwrap_or_default(),
            ("DEL" | "EXISTS", n) if n >= 2 => {
                let keys = &words[1..];
                let count = keys.iter().filter(|k| data.contains_key(*k)).count();
                if cmd == "DEL" {
                    for k in keys {
                        data.remove(k);
                    }
                }
                count.to_string()
            }
            ("INCR", 2) => match data.get(&arg(1)).map(|v| v.parse::<i64>()).unwrap_or(Ok(0)) {
                Ok(n) => {
                    data.insert(arg(1), (n + 1).to_string());
                    (n + 1).to_string()
                }
                Err(_) => "ERR value is not an integer or out of range".into(),
            },
            ("KEYS", 2) => {
                data.keys().filter(|k| crate::shell::glob::matches(&arg(1), k)).cloned().collect::<Vec<_>>().join("\n")
            }
            ("DBSIZE", 1) => data.len().to_string(),
            ("FLUSHALL" | "FLUSHDB", _) => {
                data.clear();
                "OK".into()
            }
            ("PING" | "ECHO" | "SET" | "GET" | "DEL" | "EXISTS" | "INCR" | "KEYS" | "DBSIZE", _) => {
                format!("ERR wrong number of arguments for '{}' command", words[0].to_ascii_lowercase())
            }
            _ => {
                let rest: Vec<String> = words[1..].iter().map(|w| format!("'{w}' ")).collect();
                format!("ERR unknown command '{}', with args beginning with: {}", words[0], rest.join(""))
            }
        };
        ctx.out(&format!("{reply}\n"));
    }
    0
}
