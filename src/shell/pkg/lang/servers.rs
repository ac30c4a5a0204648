//! The version lines of the official images' servers and their clients (`redis-server`,
//! `redis-cli`, `httpd`, `mongod`, `mongo`, `mongosh`, `postgres`, `mysqld`, `mysql`, `mysqlsh`, Tomcat's
//! `catalina.sh version`); running them as servers is the container engine's business,
//! here they say so.

use crate::catalog::distro::{Distro, Family};
use crate::catalog::model::{hash64, upstream};
use crate::shell::Ctx;

/// Build times the servers print (`httpd -v`, `catalina.sh version`), by version.
/// (2.2.15 and 2.4.6 are CentOS 6.10's httpd-2.2.15-69 and CentOS 7.9's httpd-2.4.6-97.)
const BUILT: &[(&str, &str)] = &[
    ("2.2.15", "Jun 19 2018 15:45:13"),
    ("2.4.6", "Nov 16 2020 16:18:20"),
    ("2.4.62", "Oct  5 2024 00:31:18"),
    ("10.1.31", "Oct 3 2024 18:56:30 UTC"),
    ("9.0.96", "Oct 3 2024 19:19:09 UTC"),
];

/// True when dotted version `a` is older than `b` (`3.2.19` < `4.4`).
fn version_lt(a: &str, b: &str) -> bool {
    let nums = |s: &str| s.split('.').map(|n| n.parse::<u32>().unwrap_or(0)).collect::<Vec<_>>();
    nums(a) < nums(b)
}

/// A server or client program; `version` is its package's full version.
pub fn server(ctx: &mut Ctx<'_>, d: &Distro, cmd: &str, version: &str, args: &[String]) -> i32 {
    let v = upstream(version);
    let has = |f: &[&str]| super::has(args, f);
    let built = BUILT.iter().find(|b| b.0 == v).map_or("Jan  1 2024 00:00:00", |b| b.1);
    let text = match cmd {
        "redis-server" if has(&["--version", "-v"]) => {
            format!(
                "Redis server v={v} sha=00000000:0 malloc=jemalloc-5.3.0 bits=64 build={:016x}\n",
                hash64(format!("redis-{v}-{:?}", d.family).as_bytes())
            )
        }
        "redis-cli" if has(&["--version", "-v"]) => format!("redis-cli {v}\n"),
        "redis-cli" => {
            let argv: Vec<String> = std::iter::once(cmd.to_string()).chain(args.iter().cloned()).collect();
            return crate::shell::programs::redis_cli::redis_cli(ctx, &argv);
        }
        "httpd" | "apachectl" if has(&["-v", "-V"]) => {
            // CentOS 7 and later builds name the distribution (Rocky Linux's, Fedora's and
            // Amazon Linux 2023's too; Amazon Linux 2's leaves the brackets empty); CentOS 6's
            // says Unix.
            let os = match (d.family, d.codename.as_str()) {
                (Family::Rpm, "rocky") => "Rocky Linux",
                (Family::Rpm, "fedora") => "Fedora Linux",
                (Family::Rpm, "amzn") if d.major() == "2" => "",
                (Family::Rpm, "amzn") => "Amazon Linux",
                (Family::Rpm, _) if d.major() != "6" => "CentOS",
                _ => "Unix",
            };
            format!("Server version: Apache/{v} ({os})\nServer built:   {built}\n")
        }
        // Before 4.4 the build info is plain lines (the 3.2 images are Debian 8 builds).
        "mongod" if has(&["--version"]) && version_lt(&v, "4.4") => {
            format!("db version v{v}\ngit version: {:040x}\nOpenSSL version: OpenSSL 1.0.1t  3 May 2016\nallocator: tcmalloc\nmodules: none\nbuild environment:\n    distmod: debian81\n    distarch: x86_64\n    target_arch: x86_64\n", hash64(v.as_bytes()) as u128 * 0x1_0000_0001)
        }
        "mongo" if has(&["--version"]) => format!("MongoDB shell version: {v}\n"),
        "mongod" if has(&["--version"]) => {
            let distmod = if d.family == Family::Ubuntu {
                format!("ubuntu{}", d.version_id.replace('.', ""))
            } else {
                "debian12".into()
            };
            format!("db version v{v}\nBuild Info: {{\n    \"version\": \"{v}\",\n    \"gitVersion\": \"{:040x}\",\n    \"openSSLVersion\": \"OpenSSL 3.0.2 15 Mar 2022\",\n    \"modules\": [],\n    \"allocator\": \"tcmalloc-google\",\n    \"environment\": {{\n        \"distmod\": \"{distmod}\",\n        \"distarch\": \"x86_64\",\n        \"target_arch\": \"x86_64\"\n    }}\n}}\n", hash64(v.as_bytes()) as u128 * 0x1_0000_0001)
        }
        "mongosh" if has(&["--version"]) => "2.3.3\n".to_string(),
        "postgres" if has(&["--version", "-V"]) => {
            if version.contains("pgdg") {
                format!("postgres (PostgreSQL) {v} (Debian {version})\n")
            } else {
                format!("postgres (PostgreSQL) {v}\n")
            }
        }
        // MySQL 5.7 names the program without its path, the licence in parentheses, and
        // its client by the 14.14 protocol version.
        "mysqld" if has(&["--version", "-V"]) && version_lt(&v, "8") => {
            format!("mysqld  Ver {v} for Linux on x86_64 (MySQL Community Server (GPL))\n")
        }
        "mysql" if has(&["--version", "-V"]) && version_lt(&v, "8") => {
            format!("mysql  Ver 14.14 Distrib {v}, for Linux (x86_64) using  EditLine wrapper\n")
        }
        "mysqld" if has(&["--version", "-V"]) => {
            format!("/usr/sbin/mysqld  Ver {v} for Linux on x86_64 (MySQL Community Server - GPL)\n")
        }
        "mysql" if has(&["--version", "-V"]) => {
            format!("mysql  Ver {v} for Linux on x86_64 (MySQL Community Server - GPL)\n")
        }
        "mysqlsh" if has(&["--version", "-V"]) => {
            format!("mysqlsh   Ver {v} for Linux on x86_64 - for MySQL {v} (MySQL Community Server (GPL))\n")
        }
        "catalina.sh" | "version.sh" if cmd == "version.sh" || args.first().map(String::as_str) == Some("version") => {
            let home = super::env(ctx, "CATALINA_HOME").unwrap_or_else(|| "/usr/local/tomcat".into());
            let jre = super::env(ctx, "JAVA_HOME").unwrap_or_else(|| "/opt/java/openjdk".into());
            let jvm =
                super::env(ctx, "JAVA_VERSION").map(|j| j.trim_start_matches("jdk-").to_string()).unwrap_or_default();
            let lts = if jvm.starts_with("21") { "-LTS" } else { "" };
            format!("Using CATALINA_BASE:   {home}\nUsing CATALINA_HOME:   {home}\nUsing CATALINA_TMPDIR: {home}/temp\nUsing JRE_HOME:        {jre}\nUsing CLASSPATH:       {home}/bin/bootstrap.jar:{home}/bin/tomcat-juli.jar\nUsing CATALINA_OPTS:   \nServer version: Apache Tomcat/{v}\nServer built:   {built}\nServer number:  {v}.0\nOS Name:        Linux\nOS Version:     6.6.0-layerlab\nArchitecture:   amd64\nJVM Version:    {jvm}{lts}\nJVM Vendor:     Eclipse Adoptium\n")
        }
        _ => return crate::shell::pkg::programs::simulated(ctx, cmd),
    };
    ctx.out(&text);
    0
}
