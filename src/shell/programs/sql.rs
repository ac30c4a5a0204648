//! `psql` and `mysql`: connect through the simulated network to a running `postgres` or
//! `mysqld` (over the local socket when no host is given, as the clients do) and answer
//! the statements connection checks use: `SELECT` of constants (`select 1`, `select 'a'
//! as b`) and `version()`, in each client's own output format, with their connection
//! errors.

use super::net::{connect, ConnectError, Network};
use super::serve::Server;
use super::Args;
use crate::shell::Ctx;

/// One result column: its name and value.
type Cell = (String, String);

/// Evaluates `SELECT expr [AS name], …` of constants; `version` is the server's
/// `version()`. `None` for anything else.
fn select(sql: &str, version: &str) -> Option<Vec<Cell>> {
    let s = sql.trim().trim_end_matches(';').trim();
    s.get(..7).filter(|h| h.eq_ignore_ascii_case("select "))?;
    let mut cells = Vec::new();
    for item in s[7..].split(',') {
        let item = item.trim();
        let lower = item.to_ascii_lowercase();
        let (expr, name) = match lower.find(" as ") {
            Some(i) => (item[..i].trim(), Some(item[i + 4..].trim().trim_matches('"').to_string())),
            None => (item, None),
        };
        let value = if expr.parse::<i64>().is_ok() {
            expr.to_string()
        } else if expr.len() >= 2 && expr.starts_with('\'') && expr.ends_with('\'') {
            expr[1..expr.len() - 1].replace("''", "'")
        } else if expr.eq_ignore_ascii_case("version()") {
            version.to_string()
        } else {
            return None;
        };
        cells.push((name.unwrap_or_else(|| expr.to_string()), value));
    }
    Some(cells)
}

/// The server program listening at `host:port` (`None`: the local socket), or the error.
fn server_at(host: Option<&str>, port: u16, net: &Network) -> Result<(String, String), (ConnectError, String)> {
    let h = host.unwrap_or("localhost");
    match connect(h, port, net) {
        Ok((addr, Server::Tcp { program, .. })) => Ok((addr, program)),
        Ok((addr, _)) => Err((ConnectError::Refused(addr.clone()), addr)),
        Err(e) => {
            let addr = match &e {
                ConnectError::Refused(a) => a.clone(),
                ConnectError::UnknownHost => String::new(),
            };
            Err((e, addr))
        }
    }
}

/// `psql [-h HOST] [-p PORT] [-U USER] [-d DB] [-t] [-A] -c SQL`.
pub fn psql(ctx: &mut Ctx<'_>, argv: &[String]) -> i32 {
    let a = Args::parse(argv.get(1..).unwrap_or(&[]), "hpUdcF", &["host", "port", "username", "dbname", "command"]);
    if a.has(&["V", "version"]) {
        ctx.out("psql (PostgreSQL) 17.2 (Debian 17.2-1.pgdg120+1)\n");
        return 0;
    }
    let host = a.value(&["h", "host"]);
    let port: u16 = a.value(&["p", "port"]).and_then(|p| p.parse().ok()).unwrap_or(5432);
    let version = ctx.env.get("PG_VERSION").cloned().unwrap_or_else(|| "17.2".into());
    match server_at(host.as_deref(), port, &ctx.network) {
        Ok((_, program)) if program.contains("postgres") => {}
        Err((ConnectError::UnknownHost, _)) => {
            let h = host.unwrap_or_default();
            ctx.err(&format!(
                "psql: error: could not translate host name \"{h}\" to address: Name or service not known\n"
            ));
            return 2;
        }
        other => {
            let addr = match other {
                Ok((a, _)) | Err((_, a)) => a,
            };
            let msg = match &host {
                None => format!("psql: error: connection to server on socket \"/run/postgresql/.s.PGSQL.{port}\" failed: No such file or directory\n\tIs the server running locally and accepting connections on that socket?\n"),
                Some(h) => format!("psql: error: connection to server at \"{h}\" ({addr}), port {port} failed: Connection refused\n\tIs the server running on that host and accepting TCP/IP connections?\n"),
            };
            ctx.err(&msg);
            return 2;
        }
    }
    let Some(sql) = a.value(&["c", "command"]) else { return 0 };
    let full =
        format!("PostgreSQL {version} on x86_64-pc-linux-gnu, compiled by gcc (Debian 12.2.0-14) 12.2.0, 64-bit");
    let Some(cells) = select(&sql, &full) else {
        let first = sql.split_whitespace().next().unwrap_or("");
        ctx.err(&format!(
            "ERROR:  layerlab's postgres answers SELECT of constants and version() only (got \"{first}\")\n"
        ));
        return 1;
    };
    // An unnamed constant is `?column?`; a function call is named after the function.
    let name = |n: String| match n {
        _ if n.parse::<i64>().is_ok() || n.starts_with('\'') => "?column?".to_string(),
        _ if n.ends_with("()") => n.trim_end_matches("()").to_string(),
        _ => n,
    };
    let cells: Vec<Cell> = cells.into_iter().map(|(n, v)| (name(n), v)).collect();
    if a.has(&["A"]) || a.has(&["t"]) {
        let sep = a.value(&["F"]).unwrap_or_else(|| "|".into());
        if !a.has(&["t"]) {
            ctx.out(&format!("{}\n", cells.iter().map(|c| c.0.as_str()).collect::<Vec<_>>().join(&sep)));
        }
        let row: Vec<&str> = cells.iter().map(|c| c.1.as_str()).collect();
        let joined = if a.has(&["A"]) { row.join(&sep) } else { format!(" {}", row.join(" | ")) };
        ctx.out(&format!("{joined}\n"));
        if !a.has(&["t"]) {
            ctx.out("(1 row)\n");
        }
        if a.has(&["t"]) && !a.has(&["A"]) {
            ctx.out("\n");
        }
        return 0;
    }
    // psql's aligned format: headers centred, numbers right-aligned, text left-aligned.
    let widths: Vec<usize> = cells.iter().map(|(n, v)| n.chars().count().max(v.chars().count())).collect();
    let head: Vec<String> = cells
        .iter()
        .zip(&widths)
        .map(|((n, _), w)| {
            let pad = w - n.chars().count();
            format!(" {}{n}{} ", " ".repeat(pad / 2), " ".repeat(pad - pad / 2))
        })
        .collect();
    let rule: Vec<String> = widths.iter().map(|w| "-".repeat(w + 2)).collect();
    let row: Vec<String> = cells
        .iter()
        .zip(&widths)
        .map(|((_, v), w)| if v.parse::<i64>().is_ok() { format!(" {v:>w$} ") } else { format!(" {v:<w$} ") })
        .collect();
    let trim = |s: String| s.trim_end().to_string();
    ctx.out(&format!("{}\n{}\n{}\n(1 row)\n\n", head.join("|"), rule.join("+"), trim(row.join("|"))));
    0
}

/// `mysql [-h HOST] [-P PORT] [-u USER] [-pPASSWORD] [-N] [-s] -e SQL` (batch output:
/// standard output is not a terminal).
pub fn mysql(ctx: &mut Ctx<'_>, argv: &[String]) -> i32 {
    let a = Args::parse(argv.get(1..).unwrap_or(&[]), "hPueD", &["host", "port", "user", "execute", "database"]);
    if a.has(&["V", "version"]) {
        ctx.out("mysql  Ver 9.1.0 for Linux on x86_64 (MySQL Community Server - GPL)\n");
        return 0;
    }
    if a.opts.iter().any(|(k, v)| k.starts_with('p') && (k.len() > 1 || v.is_some()))
        || a.value(&["password"]).is_some()
    {
        ctx.err("mysql: [Warning] Using a password on the command line interface can be insecure.\n");
    }
    let host = a.value(&["h", "host"]);
    let port: u16 = a.value(&["P", "port"]).and_then(|p| p.parse().ok()).unwrap_or(3306);
    let version = ctx.env.get("MYSQL_VERSION").cloned().unwrap_or_else(|| "9.1.0-1.el9".into());
    let version = version.split('-').next().unwrap_or("9.1.0").to_string();
    match server_at(host.as_deref(), port, &ctx.network) {
        Ok((_, program)) if program.contains("mysqld") || program.contains("mariadbd") => {}
        Err((ConnectError::UnknownHost, _)) => {
            ctx.err(&format!("ERROR 2005 (HY000): Unknown server host '{}' (-2)\n", host.unwrap_or_default()));
            return 1;
        }
        _ => {
            let msg = match &host {
                None => "ERROR 2002 (HY000): Can't connect to local server through socket '/var/run/mysqld/mysqld.sock' (2)\n".to_string(),
                Some(h) => format!("ERROR 2003 (HY000): Can't connect to MySQL server on '{h}:{port}' (111)\n"),
            };
            ctx.err(&msg);
            return 1;
        }
    }
    let Some(sql) = a.value(&["e", "execute"]) else { return 0 };
    let Some(cells) = select(&sql, &version) else {
        ctx.err("ERROR 1064 (42000): layerlab's mysqld answers SELECT of constants and version() only\n");
        return 1;
    };
    if !a.has(&["N", "skip-column-names"]) {
        ctx.out(&format!("{}\n", cells.iter().map(|c| c.0.as_str()).collect::<Vec<_>>().join("\t")));
    }
    ctx.out(&format!("{}\n", cells.iter().map(|c| c.1.as_str()).collect::<Vec<_>>().join("\t")));
    0
}

#[cfg(test)]
mod tests {
    use super::select;

    #[test]
    fn selects_constants() {
        assert_eq!(select("select 1", "v"), Some(vec![("1".into(), "1".into())]));
        assert_eq!(select("SELECT 'a' AS b, 2;", "v"), Some(vec![("b".into(), "a".into()), ("2".into(), "2".into())]));
        assert_eq!(select("select version()", "PG"), Some(vec![("version()".into(), "PG".into())]));
        assert_eq!(select("create table t (x int)", "v"), None);
    }
}
