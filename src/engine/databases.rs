//! What the official postgres and mysql images print when their server starts (`docker
//! logs`), what they refuse, and what they leave in the data directory, so that a second
//! start on the same volume skips the initialization as the real entrypoints do.
//!
//! Sources: docker-library/postgres `docker-entrypoint.sh` (17, 16), PostgreSQL's `initdb`,
//! `pg_ctl` and server messages; docker-library/mysql `docker-entrypoint.sh` (8.0, 8.4,
//! innovation) and mysqld's error log lines for those versions (logs quoted in
//! docker-library/mysql#1103, #663, docker/compose#11701).

use crate::vfs::{Content, Meta, Tree};

/// One log line: stream (1 standard output, 2 standard error) and text.
type Line = (u8, String);

/// The value of `k` in `env` ("" when unset).
fn var<'a>(env: &'a [String], k: &str) -> &'a str {
    env.iter().find_map(|e| e.strip_prefix(k).and_then(|r| r.strip_prefix('='))).unwrap_or("")
}

/// The postgres data directory (`PGDATA`).
fn pgdata(env: &[String]) -> &str {
    Some(var(env, "PGDATA")).filter(|d| !d.is_empty()).unwrap_or("/var/lib/postgresql/data")
}

/// The mysql data directory.
const MYSQL_DATADIR: &str = "/var/lib/mysql";

/// Why an official image's entrypoint refuses to start its server, as it says it: the
/// postgres image without a superuser password (`docker_verify_minimum_env`), the mysql
/// image without a root password option (its `docker_verify_minimum_env`), both only for
/// a data directory not yet initialized.
pub(crate) fn refusal(all: &[&str], base: &str, env: &[String], tree: &Tree, now: i64) -> Option<Vec<Line>> {
    if !all.first().is_some_and(|w| w.ends_with("docker-entrypoint.sh")) {
        return None;
    }
    match base {
        "postgres" => {
            let initialized = tree.get(&format!("{}/PG_VERSION", pgdata(env))).is_some();
            let password = !var(env, "POSTGRES_PASSWORD").is_empty() || !var(env, "POSTGRES_PASSWORD_FILE").is_empty();
            if initialized || password || var(env, "POSTGRES_HOST_AUTH_METHOD") == "trust" {
                return None;
            }
            Some(vec![(
                2,
                "Error: Database is uninitialized and superuser password is not specified.\n       You must specify POSTGRES_PASSWORD to a non-empty value for the\n       superuser. For example, \"-e POSTGRES_PASSWORD=password\" on \"docker run\".\n\n       You may also use \"POSTGRES_HOST_AUTH_METHOD=trust\" to allow all\n       connections without a password. This is *not* recommended.\n\n       See PostgreSQL documentation about \"trust\":\n       https://www.postgresql.org/docs/current/auth-trust.html\n".into(),
            )])
        }
        "mysqld" => {
            let initialized = tree.get(&format!("{MYSQL_DATADIR}/mysql")).is_some();
            let given = ["MYSQL_ROOT_PASSWORD", "MYSQL_ALLOW_EMPTY_PASSWORD", "MYSQL_RANDOM_ROOT_PASSWORD"]
                .iter()
                .any(|k| !var(env, k).is_empty() || !var(env, &format!("{k}_FILE")).is_empty());
            if initialized || given {
                return None;
            }
            let mut lines = mysql_entrypoint_start(env, now);
            lines.push((
                2,
                format!("{} [ERROR] [Entrypoint]: Database is uninitialized and password option is not specified\n    You need to specify one of the following as an environment variable:\n    - MYSQL_ROOT_PASSWORD\n    - MYSQL_ALLOW_EMPTY_PASSWORD\n    - MYSQL_RANDOM_ROOT_PASSWORD\n", entrypoint_time(now)),
            ));
            Some(lines)
        }
        _ => None,
    }
}

/// What the server writes as it starts, through the image's entrypoint (`wrapper`) or
/// alone.
pub(crate) fn startup(base: &str, wrapper: bool, env: &[String], tree: &Tree, now: i64) -> Vec<Line> {
    match base {
        "postgres" => postgres(wrapper, env, tree, now),
        "mysqld" => mysql(wrapper, env, tree, now),
        _ => Vec::new(),
    }
}

/// What the server leaves in its data directory when it starts (the files the entrypoints
/// look for on the next start).
pub(crate) fn start_changes(base: &str, env: &[String], tree: &mut Tree, now: i64) {
    let (dir, marker, uid) = match base {
        "postgres" => (pgdata(env).to_string(), "PG_VERSION", 999),
        "mysqld" => (MYSQL_DATADIR.to_string(), "mysql", 999),
        _ => return,
    };
    let owner = crate::vfs::accounts::find_user(tree, if base == "mysqld" { "mysql" } else { "postgres" })
        .map_or(uid, |u| u.uid);
    let meta = |mode| Meta { mode, uid: owner, gid: owner, mtime: now };
    if tree.mkdir_all("/", &dir, meta(0o700)).is_err() {
        return;
    }
    let at = format!("{dir}/{marker}");
    if tree.get(&at).is_some() {
        return;
    }
    if base == "postgres" {
        let major = var(env, "PG_MAJOR");
        let _ = tree.write_file("/", &at, Content::from(format!("{major}\n").into_bytes()), meta(0o600));
        for d in ["base", "global", "pg_wal", "pg_xact"] {
            let _ = tree.mkdir("/", &format!("{dir}/{d}"), meta(0o700));
        }
        let conf = "listen_addresses = '*'\nmax_connections = 100\nshared_buffers = 128MB\n";
        let _ = tree.write_file("/", &format!("{dir}/postgresql.conf"), Content::from(conf.as_bytes()), meta(0o600));
        let hba = "local   all             all                                     trust\nhost    all             all             127.0.0.1/32            trust\n\nhost all all all scram-sha-256\n";
        let _ = tree.write_file("/", &format!("{dir}/pg_hba.conf"), Content::from(hba.as_bytes()), meta(0o600));
    } else {
        let _ = tree.mkdir("/", &at, meta(0o750));
        for d in ["performance_schema", "sys"] {
            let _ = tree.mkdir("/", &format!("{dir}/{d}"), meta(0o750));
        }
        let _ = tree.write_file("/", &format!("{dir}/auto.cnf"), Content::from(&b"[auto]\n"[..]), meta(0o640));
    }
}

/// `date --rfc-3339=seconds` in UTC, as the mysql entrypoint's notes start.
fn entrypoint_time(now: i64) -> String {
    crate::shell::applets_strftime("%Y-%m-%d %H:%M:%S+00:00", now)
}

/// The postgres image's lines: `initdb` and the temporary server on the first start
/// (standard output), the entrypoint's notes, then the server's log (standard error).
fn postgres(wrapper: bool, env: &[String], tree: &Tree, now: i64) -> Vec<Line> {
    let data = pgdata(env);
    let alpine = tree.get("/etc/alpine-release").is_some();
    let pg_version = var(env, "PG_VERSION");
    let upstream = pg_version.split('-').next().unwrap_or(pg_version);
    let build = if alpine {
        format!("PostgreSQL {upstream} on x86_64-pc-linux-musl, compiled by gcc (Alpine 13.2.1_git20240309) 13.2.1 20240309, 64-bit")
    } else {
        format!("PostgreSQL {upstream} (Debian {pg_version}) on x86_64-pc-linux-gnu, compiled by gcc (Debian 12.2.0-14) 12.2.0, 64-bit")
    };
    let mut ms = 0;
    let mut stamp = |step: i64| {
        ms += step;
        let t = now + ms / 1000;
        format!("{}.{:03} UTC", crate::shell::applets_strftime("%Y-%m-%d %H:%M:%S", t), ms % 1000)
    };
    let mut lines: Vec<Line> = Vec::new();
    let out = |lines: &mut Vec<Line>, s: &str| lines.push((1, format!("{s}\n")));
    let initialized = tree.get(&format!("{data}/PG_VERSION")).is_some();
    if wrapper && !initialized {
        if var(env, "POSTGRES_HOST_AUTH_METHOD") == "trust" {
            lines.push((2, "********************************************************************************\nWARNING: POSTGRES_HOST_AUTH_METHOD has been set to \"trust\". This will allow\n         anyone with access to the Postgres port to access your database without\n         a password, even if POSTGRES_PASSWORD is set. See PostgreSQL\n         documentation about \"trust\":\n         https://www.postgresql.org/docs/current/auth-trust.html\n         In Docker's default configuration, this is effectively any other\n         container on the same system.\n\n         It is not recommended to use POSTGRES_HOST_AUTH_METHOD=trust. Replace\n         it with \"-e POSTGRES_PASSWORD=password\" instead to set a password in\n         \"docker run\".\n********************************************************************************\n".into()));
        }
        let locale = Some(var(env, "LANG")).filter(|l| !l.is_empty()).unwrap_or("C");
        let zone = if alpine { "UTC" } else { "Etc/UTC" };
        for s in [
            "The files belonging to this database system will be owned by user \"postgres\".".to_string(),
            "This user must also own the server process.".into(),
            String::new(),
            format!("The database cluster will be initialized with locale \"{locale}\"."),
            "The default database encoding has accordingly been set to \"UTF8\".".into(),
            "The default text search configuration will be set to \"english\".".into(),
            String::new(),
            "Data page checksums are disabled.".into(),
            String::new(),
            format!("fixing permissions on existing directory {data} ... ok"),
            "creating subdirectories ... ok".into(),
            "selecting dynamic shared memory implementation ... posix".into(),
            "selecting default \"max_connections\" ... 100".into(),
            "selecting default \"shared_buffers\" ... 128MB".into(),
            format!("selecting default time zone ... {zone}"),
            "creating configuration files ... ok".into(),
            "running bootstrap script ... ok".into(),
            "performing post-bootstrap initialization ... ok".into(),
            "syncing data to disk ... ok".into(),
            String::new(),
            String::new(),
            "Success. You can now start the database server using:".into(),
            String::new(),
            format!("    pg_ctl -D {data} -l logfile start"),
            String::new(),
        ] {
            out(&mut lines, &s);
        }
        lines.push((2, "initdb: warning: enabling \"trust\" authentication for local connections\ninitdb: hint: You can change this by editing pg_hba.conf or using the option -A, or --auth-local and --auth-host, the next time you run initdb.\n".into()));
        // The temporary server, its log on pg_ctl's standard output.
        let first = format!("waiting for server to start....{} [48] LOG:  starting {build}", stamp(352));
        out(&mut lines, &first);
        out(
            &mut lines,
            &format!("{} [48] LOG:  listening on Unix socket \"/var/run/postgresql/.s.PGSQL.5432\"", stamp(2)),
        );
        let down = crate::shell::applets_strftime("%Y-%m-%d %H:%M:%S UTC", now);
        out(&mut lines, &format!("{} [51] LOG:  database system was shut down at {down}", stamp(7)));
        out(&mut lines, &format!("{} [48] LOG:  database system is ready to accept connections", stamp(5)));
        out(&mut lines, " done");
        out(&mut lines, "server started");
        let db = var(env, "POSTGRES_DB");
        let user = Some(var(env, "POSTGRES_USER")).filter(|u| !u.is_empty()).unwrap_or("postgres");
        if !db.is_empty() && db != user {
            out(&mut lines, "CREATE DATABASE");
            out(&mut lines, "");
        }
        out(&mut lines, "");
        let scripts: Vec<String> = tree
            .children("/docker-entrypoint-initdb.d")
            .map(|(n, _)| format!("/docker-entrypoint-initdb.d/{n}"))
            .collect();
        let ep = "/usr/local/bin/docker-entrypoint.sh";
        if scripts.is_empty() {
            out(&mut lines, &format!("{ep}: ignoring /docker-entrypoint-initdb.d/*"));
            out(&mut lines, "");
        }
        for f in scripts {
            let what = if f.ends_with(".sql") || f.ends_with(".sh") { "running" } else { "ignoring" };
            out(&mut lines, &format!("{ep}: {what} {f}"));
            out(&mut lines, "");
        }
        let stop =
            format!("waiting for server to shut down....{} [48] LOG:  received fast shutdown request", stamp(160));
        out(&mut lines, &stop);
        out(&mut lines, &format!("{} [48] LOG:  aborting any active transactions", stamp(2)));
        out(
            &mut lines,
            &format!(
                "{} [48] LOG:  background worker \"logical replication launcher\" (PID 54) exited with exit code 1",
                stamp(1)
            ),
        );
        out(&mut lines, &format!("{} [49] LOG:  shutting down", stamp(1)));
        out(&mut lines, &format!("{} [49] LOG:  checkpoint starting: shutdown immediate", stamp(1)));
        out(&mut lines, &format!("{} [49] LOG:  checkpoint complete: wrote 3 buffers (0.0%); 0 WAL file(s) added, 0 removed, 0 recycled; write=0.003 s, sync=0.001 s, total=0.010 s; sync files=2, longest=0.001 s, average=0.001 s; distance=0 kB, estimate=0 kB; lsn=0/14E4F80, redo lsn=0/14E4F80", stamp(12)));
        out(&mut lines, &format!("{} [48] LOG:  database system is shut down", stamp(4)));
        out(&mut lines, " done");
        out(&mut lines, "server stopped");
        out(&mut lines, "");
        out(&mut lines, "PostgreSQL init process complete; ready for start up.");
        out(&mut lines, "");
    } else if wrapper {
        out(&mut lines, "");
        out(&mut lines, "PostgreSQL Database directory appears to contain a database; Skipping initialization");
        out(&mut lines, "");
    }
    let err = |lines: &mut Vec<Line>, s: String| lines.push((2, format!("{s}\n")));
    err(&mut lines, format!("{} [1] LOG:  starting {build}", stamp(120)));
    err(&mut lines, format!("{} [1] LOG:  listening on IPv4 address \"0.0.0.0\", port 5432", stamp(1)));
    err(&mut lines, format!("{} [1] LOG:  listening on IPv6 address \"::\", port 5432", stamp(1)));
    err(&mut lines, format!("{} [1] LOG:  listening on Unix socket \"/var/run/postgresql/.s.PGSQL.5432\"", stamp(3)));
    let down = crate::shell::applets_strftime("%Y-%m-%d %H:%M:%S UTC", now);
    err(&mut lines, format!("{} [62] LOG:  database system was shut down at {down}", stamp(6)));
    err(&mut lines, format!("{} [1] LOG:  database system is ready to accept connections", stamp(5)));
    lines
}

/// The mysql entrypoint's first notes (it restarts itself as the `mysql` user).
fn mysql_entrypoint_start(env: &[String], now: i64) -> Vec<Line> {
    let t = entrypoint_time(now);
    let started =
        format!("{t} [Note] [Entrypoint]: Entrypoint script for MySQL Server {} started.\n", var(env, "MYSQL_VERSION"));
    vec![
        (1, started.clone()),
        (1, format!("{t} [Note] [Entrypoint]: Switching to dedicated user 'mysql'\n")),
        (1, started),
    ]
}

/// The mysql image's lines: the entrypoint's notes (standard output) around the
/// initialization and the temporary server on the first start, and mysqld's own log
/// (standard error).
fn mysql(wrapper: bool, env: &[String], tree: &Tree, now: i64) -> Vec<Line> {
    let package = var(env, "MYSQL_VERSION");
    let version = package.split('-').next().unwrap_or(package).to_string();
    let oracle = package.contains(".el");
    let legacy = version.starts_with("5.");
    let modern = !version.starts_with("8.0") && !legacy;
    // Microseconds since `now`: mysqld's lines advance it, the entrypoint's notes read it.
    let clock = std::cell::Cell::new(0i64);
    let mut stamp = |step: i64| {
        clock.set(clock.get() + step);
        let us = clock.get();
        let s = crate::shell::applets_strftime("%Y-%m-%dT%H:%M:%S", now + us / 1_000_000);
        format!("{s}.{:06}Z", us % 1_000_000)
    };
    let mut lines: Vec<Line> = Vec::new();
    let note = |lines: &mut Vec<Line>, s: &str| {
        let t = entrypoint_time(now + clock.get() / 1_000_000);
        lines.push((1, format!("{t} [Note] [Entrypoint]: {s}\n")))
    };
    let log = |lines: &mut Vec<Line>, s: String| lines.push((2, format!("{s}\n")));
    let host_cache = "[Warning] [MY-011068] [Server] The syntax '--skip-host-cache' is deprecated and will be removed in a future release. Please use SET GLOBAL host_cache_size=0 instead.";
    // One run of mysqld: `port` 0 for the temporary server (--skip-networking).
    let server = |lines: &mut Vec<Line>, stamp: &mut dyn FnMut(i64) -> String, pid: u32, port: u16| {
        if legacy {
            // MySQL 5.7's log: no error codes, the version on a line of its own.
            log(lines, format!("{} 0 [Note] mysqld (mysqld {version}) starting as process {pid} ...", stamp(208_937)));
            log(lines, format!("{} 0 [Note] InnoDB: Completed initialization of buffer pool", stamp(31_507)));
            if port != 0 {
                log(lines, format!("{} 0 [Note] Server hostname (bind-address): '*'; port: {port}", stamp(88_210)));
            }
            log(lines, format!("{} 0 [Note] mysqld: ready for connections.", stamp(40_118)));
            lines.push((2, format!("Version: '{version}'  socket: '/var/run/mysqld/mysqld.sock'  port: {port}  MySQL Community Server (GPL)\n")));
            return;
        }
        if !modern {
            log(lines, format!("{} 0 {host_cache}", stamp(208_937)));
        } else {
            log(lines, format!("{} 0 [System] [MY-015015] [Server] MySQL Server - start.", stamp(940_353)));
        }
        log(
            lines,
            format!(
                "{} 0 [System] [MY-010116] [Server] /usr/sbin/mysqld (mysqld {version}) starting as process {pid}",
                stamp(272_075)
            ),
        );
        log(lines, format!("{} 1 [System] [MY-013576] [InnoDB] InnoDB initialization has started.", stamp(12_863)));
        log(lines, format!("{} 1 [System] [MY-013577] [InnoDB] InnoDB initialization has ended.", stamp(413_755)));
        log(
            lines,
            format!("{} 0 [Warning] [MY-010068] [Server] CA certificate ca.pem is self signed.", stamp(201_516)),
        );
        log(lines, format!("{} 0 [System] [MY-013602] [Server] Channel mysql_main configured to support TLS. Encrypted connections are now supported for this channel.", stamp(29)));
        log(lines, format!("{} 0 [Warning] [MY-011810] [Server] Insecure configuration for --pid-file: Location '/var/run/mysqld' in the path is accessible to all OS users. Consider choosing a different directory.", stamp(2_769)));
        let x = if port == 0 {
            "X Plugin ready for connections. Socket: /var/run/mysqld/mysqlx.sock".to_string()
        } else {
            "X Plugin ready for connections. Bind-address: '::' port: 33060, socket: /var/run/mysqld/mysqlx.sock"
                .to_string()
        };
        log(lines, format!("{} 0 [System] [MY-011323] [Server] {x}", stamp(24_133)));
        log(lines, format!("{} 0 [System] [MY-010931] [Server] /usr/sbin/mysqld: ready for connections. Version: '{version}'  socket: '/var/run/mysqld/mysqld.sock'  port: {port}  MySQL Community Server - GPL.", stamp(41)));
    };
    let initialized = tree.get(&format!("{MYSQL_DATADIR}/mysql")).is_some();
    if wrapper {
        lines.extend(mysql_entrypoint_start(env, now));
    }
    if wrapper && !initialized {
        note(&mut lines, "Initializing database files");
        if legacy {
            log(&mut lines, format!("{} 0 [Warning] TIMESTAMP with implicit DEFAULT value is deprecated. Please use --explicit_defaults_for_timestamp server option (see documentation for more details).", stamp(208_937)));
            log(&mut lines, format!("{} 0 [Warning] InnoDB: New log files created, LSN=45790", stamp(301_554)));
            log(&mut lines, format!("{} 1 [Warning] root@localhost is created with an empty password ! Please consider switching off the --initialize-insecure option.", stamp(512_004)));
        } else {
            if !modern {
                log(&mut lines, format!("{} 0 {host_cache}", stamp(208_937)));
            }
            log(&mut lines, format!("{} 0 [System] [MY-013169] [Server] /usr/sbin/mysqld (mysqld {version}) initializing of server in progress as process 80", stamp(69)));
            log(
                &mut lines,
                format!("{} 1 [System] [MY-013576] [InnoDB] InnoDB initialization has started.", stamp(10_512)),
            );
            log(
                &mut lines,
                format!("{} 1 [System] [MY-013577] [InnoDB] InnoDB initialization has ended.", stamp(402_330)),
            );
            log(&mut lines, format!("{} 6 [Warning] [MY-010453] [Server] root@localhost is created with an empty password ! Please consider switching off the --initialize-insecure option.", stamp(801_204)));
        }
        note(&mut lines, "Database files initialized");
        note(&mut lines, "Starting temporary server");
        server(&mut lines, &mut stamp, 123, 0);
        note(&mut lines, "Temporary server started.");
        if oracle {
            lines.push((1, "'/var/lib/mysql/mysql.sock' -> '/var/run/mysqld/mysqld.sock'\n".into()));
        }
        for f in ["iso3166.tab", "leap-seconds.list", "leapseconds", "tzdata.zi", "zone.tab", "zone1970.tab"] {
            lines.push((2, format!("Warning: Unable to load '/usr/share/zoneinfo/{f}' as time zone. Skipping it.\n")));
        }
        if !var(env, "MYSQL_RANDOM_ROOT_PASSWORD").is_empty() {
            let seed = crate::image::sha256_digest(format!("mysql root {now}").as_bytes());
            note(&mut lines, &format!("GENERATED ROOT PASSWORD: {}", random_password(&seed)));
        }
        let db = var(env, "MYSQL_DATABASE");
        if !db.is_empty() {
            note(&mut lines, &format!("Creating database {db}"));
        }
        let (user, password) = (var(env, "MYSQL_USER"), var(env, "MYSQL_PASSWORD"));
        if !user.is_empty() && !password.is_empty() {
            note(&mut lines, &format!("Creating user {user}"));
            if !db.is_empty() {
                note(&mut lines, &format!("Giving user {user} access to schema {db}"));
            }
        }
        lines.push((1, "\n".into()));
        note(&mut lines, "Stopping temporary server");
        log(&mut lines, format!("{} 10 [System] [MY-013172] [Server] Received SHUTDOWN from user root. Shutting down mysqld (Version: {version}).", stamp(318_447)));
        log(&mut lines, format!("{} 0 [System] [MY-010910] [Server] /usr/sbin/mysqld: Shutdown complete (mysqld {version})  MySQL Community Server - GPL.", stamp(1_608_204)));
        note(&mut lines, "Temporary server stopped");
        lines.push((1, "\n".into()));
        note(&mut lines, "MySQL init process done. Ready for start up.");
        lines.push((1, "\n".into()));
    } else if wrapper && oracle {
        lines.push((1, "'/var/lib/mysql/mysql.sock' -> '/var/run/mysqld/mysqld.sock'\n".into()));
    }
    server(&mut lines, &mut stamp, 1, 3306);
    lines
}

/// `openssl rand -base64 24` from the hex digits of `seed` (32 characters).
fn random_password(seed: &str) -> String {
    const B64: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let hex = seed.trim_start_matches("sha256:");
    hex.as_bytes().chunks(2).take(32).map(|p| B64[usize::from(p[0] ^ p[1].rotate_left(3)) % 64] as char).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(kv: &[&str]) -> Vec<String> {
        kv.iter().map(|s| s.to_string()).collect()
    }

    fn text(lines: &[Line], stream: u8) -> String {
        lines.iter().filter(|(s, _)| *s == stream).map(|(_, l)| l.as_str()).collect()
    }

    #[test]
    fn postgres_initializes_once() {
        let e = env(&[
            "PG_VERSION=17.0-1.pgdg120+1",
            "PG_MAJOR=17",
            "PGDATA=/var/lib/postgresql/data",
            "LANG=en_US.utf8",
            "POSTGRES_PASSWORD=x",
        ]);
        let mut t = Tree::new();
        let first = startup("postgres", true, &e, &t, 1_740_830_400);
        let out = text(&first, 1);
        assert!(out.contains("fixing permissions on existing directory /var/lib/postgresql/data ... ok\n"), "{out}");
        assert!(out.contains("\nPostgreSQL init process complete; ready for start up.\n\n"), "{out}");
        let err = text(&first, 2);
        assert!(err.starts_with("initdb: warning: enabling \"trust\" authentication for local connections\n"), "{err}");
        assert!(
            err.contains("[1] LOG:  starting PostgreSQL 17.0 (Debian 17.0-1.pgdg120+1) on x86_64-pc-linux-gnu"),
            "{err}"
        );
        assert!(err.ends_with("UTC [1] LOG:  database system is ready to accept connections\n"), "{err}");
        start_changes("postgres", &e, &mut t, 1_740_830_400);
        assert_eq!(t.read("/", "/var/lib/postgresql/data/PG_VERSION").unwrap().bytes().as_ref(), b"17\n");
        let again = text(&startup("postgres", true, &e, &t, 1_740_830_500), 1);
        assert_eq!(again, "\nPostgreSQL Database directory appears to contain a database; Skipping initialization\n\n");
        assert!(refusal(&["docker-entrypoint.sh", "postgres"], "postgres", &env(&[]), &t, 0).is_none());
        let refused = refusal(&["docker-entrypoint.sh", "postgres"], "postgres", &env(&[]), &Tree::new(), 0).unwrap();
        assert!(refused[0]
            .1
            .starts_with("Error: Database is uninitialized and superuser password is not specified.\n"));
    }

    #[test]
    fn mysql_initializes_once_and_wants_a_password_option() {
        let e = env(&["MYSQL_VERSION=8.0.40-1.el9", "MYSQL_ROOT_PASSWORD=pw", "MYSQL_DATABASE=shop"]);
        let mut t = Tree::new();
        let first = startup("mysqld", true, &e, &t, 1_740_830_400);
        let out = text(&first, 1);
        assert!(out.starts_with("2025-03-01 12:00:00+00:00 [Note] [Entrypoint]: Entrypoint script for MySQL Server 8.0.40-1.el9 started.\n"), "{out}");
        assert!(out.contains("[Entrypoint]: Creating database shop\n"), "{out}");
        assert!(out.contains("[Note] [Entrypoint]: MySQL init process done. Ready for start up.\n"), "{out}");
        let err = text(&first, 2);
        assert!(err.contains("port: 0  MySQL Community Server - GPL.\n"), "{err}");
        assert!(err.ends_with("[Server] /usr/sbin/mysqld: ready for connections. Version: '8.0.40'  socket: '/var/run/mysqld/mysqld.sock'  port: 3306  MySQL Community Server - GPL.\n"), "{err}");
        start_changes("mysqld", &e, &mut t, 1_740_830_400);
        assert!(!text(&startup("mysqld", true, &e, &t, 1_740_830_500), 1).contains("Initializing database files"));
        let refused = refusal(
            &["docker-entrypoint.sh", "mysqld"],
            "mysqld",
            &env(&["MYSQL_VERSION=8.4.2-1.el9"]),
            &Tree::new(),
            1_740_830_400,
        )
        .unwrap();
        assert_eq!(refused.len(), 4);
        assert_eq!(refused[3], (2, "2025-03-01 12:00:00+00:00 [ERROR] [Entrypoint]: Database is uninitialized and password option is not specified\n    You need to specify one of the following as an environment variable:\n    - MYSQL_ROOT_PASSWORD\n    - MYSQL_ALLOW_EMPTY_PASSWORD\n    - MYSQL_RANDOM_ROOT_PASSWORD\n".to_string()));
        assert!(refusal(
            &["docker-entrypoint.sh", "mysqld"],
            "mysqld",
            &env(&["MYSQL_ALLOW_EMPTY_PASSWORD=yes"]),
            &Tree::new(),
            0
        )
        .is_none());

        // MySQL 5.7 logs without error codes, its version on a line of its own.
        let old = env(&["MYSQL_VERSION=5.7.42-1debian10", "MYSQL_ALLOW_EMPTY_PASSWORD=1"]);
        let err = text(&startup("mysqld", true, &old, &Tree::new(), 0), 2);
        assert!(err.ends_with("[Note] mysqld: ready for connections.\nVersion: '5.7.42'  socket: '/var/run/mysqld/mysqld.sock'  port: 3306  MySQL Community Server (GPL)\n"), "{err}");
    }
}
