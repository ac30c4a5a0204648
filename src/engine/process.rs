//! A container's process: what runs (ENTRYPOINT + CMD as Docker combines them), and how
//! long it runs.
//!
//! The simulated shell runs commands to completion, so programs that would run forever
//! are recognised up front. The rule: the container's command — or, for `sh -c SCRIPT`,
//! the script's last command (after `;`, `&&` or a newline, `exec` dropped) — is
//! *long-running* when it is
//!
//! - `sleep N` (runs N seconds of the engine clock; `sleep infinity` forever),
//! - `tail -f`/`-F`, `top` (without `-n`), `watch`,
//! - a server: `nginx` (not `-v`/`-t`/`-h`), `httpd -f`/`-D FOREGROUND`, `httpd-foreground`,
//!   `redis-server`, `mongod`, `postgres`, `mysqld`, `memcached`, `crond -f`, `nc -l`,
//!   `python[3] -m http.server`, `php -S`, `node`, `npm start`,
//! - a bare shell or `cat` reading standard input with `-i` (it waits for input).
//!
//! What comes before the last command runs first, and its output is logged. A command the
//! shell had to stop (endless loop, endless writer) also counts as long-running. `docker
//! stop` gives servers exit status 0 (they handle SIGTERM) and everything else 137 (as PID
//! 1 they ignore SIGTERM and are killed after the grace period).

use std::collections::BTreeMap;

use crate::shell::{self, Budget, Outcome, Process};
use crate::vfs::Tree;

pub use crate::build::missing_program;

/// What a container's command does over time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plan {
    /// What runs to completion first (the whole command, or a script prefix).
    pub first: Option<Step>,
    /// True when the long-running part only starts if `first` succeeded (`a && daemon`).
    pub and: bool,
    /// The long-running part, if any.
    pub daemon: Option<Daemon>,
}

/// A command that runs to completion.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    /// An argv (exec form, or `sh -c SCRIPT ARGS…`).
    Argv(Vec<String>),
    /// A script for `/bin/sh -c`.
    Script(String),
}

/// A program that keeps running.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Daemon {
    /// Seconds until it ends by itself (`sleep 30`), `None` for never.
    pub seconds: Option<i64>,
    /// Exit status after `docker stop`.
    pub stop_code: i32,
    /// Its command line.
    pub program: String,
    /// Its words (the program first).
    pub argv: Vec<String>,
}

const SERVERS: &[&str] =
    &["nginx", "httpd-foreground", "redis-server", "mongod", "postgres", "mysqld", "memcached", "node"];

/// Decides what `argv` does (see the module docs).
pub fn plan(argv: &[String], interactive: bool) -> Plan {
    let whole = Plan { first: Some(Step::Argv(argv.to_vec())), and: false, daemon: None };
    let name = |s: &str| s.rsplit('/').next().unwrap_or(s).to_string();
    let Some(prog) = argv.first().map(|p| name(p)) else { return whole };
    if matches!(prog.as_str(), "sh" | "bash" | "ash" | "dash")
        && argv.get(1).map(String::as_str) == Some("-c")
        && argv.len() >= 3
    {
        let script = &argv[2];
        let (prefix, sep, tail) = split_last(script);
        let words = super::argv::split(tail).map(|l| l.words).unwrap_or_default();
        let words: Vec<String> = if words.first().is_some_and(|w| w == "exec") { words[1..].to_vec() } else { words };
        if let Some(d) = daemon(&words, interactive) {
            let first = (!prefix.trim().is_empty()).then(|| Step::Script(prefix.to_string()));
            return Plan { first, and: sep == "&&", daemon: Some(d) };
        }
        return whole;
    }
    if argv.len() == 1 && interactive && matches!(prog.as_str(), "sh" | "bash" | "ash" | "dash" | "cat") {
        return Plan {
            first: None,
            and: false,
            daemon: Some(Daemon { seconds: None, stop_code: 137, program: argv.join(" "), argv: argv.to_vec() }),
        };
    }
    match daemon(argv, interactive) {
        Some(d) => Plan { first: None, and: false, daemon: Some(d) },
        None => whole,
    }
}

/// Splits a script at its last top-level `;`, `&&` or newline (outside quotes):
/// (before, separator, last command).
fn split_last(script: &str) -> (&str, &str, &str) {
    let s = script.trim_end();
    let b = s.as_bytes();
    let (mut quote, mut last) = (None::<u8>, None::<(usize, usize)>);
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None => match c {
                b'\'' | b'"' => quote = Some(c),
                b'\\' => i += 1,
                b';' | b'\n' => last = Some((i, 1)),
                b'&' if b.get(i + 1) == Some(&b'&') => {
                    last = Some((i, 2));
                    i += 1;
                }
                _ => {}
            },
        }
        i += 1;
    }
    match last {
        Some((at, n)) => (&s[..at], &s[at..at + n], &s[at + n..]),
        None => ("", "", s),
    }
}

/// The official images' entrypoint wrappers: scripts and init programs that prepare the
/// container and then `exec "$@"` the command they were given.
const WRAPPERS: &[&str] =
    &["docker-entrypoint.sh", "docker-php-entrypoint", "tini", "dumb-init", "gosu", "su-exec", "entrypoint.sh"];

/// The words of the program a command line runs once its entrypoint wrappers have handed
/// over (`/docker-entrypoint.sh nginx -g 'daemon off;'` runs `nginx …`; `tini -- x` runs x).
pub fn main_program<S: AsRef<str>>(words: &[S]) -> &[S] {
    let mut w = words;
    while let Some(first) = w.first() {
        let base = first.as_ref().rsplit('/').next().unwrap_or(first.as_ref());
        if !WRAPPERS.contains(&base) {
            break;
        }
        // gosu and su-exec take a user first; tini and dumb-init may end their options with `--`.
        let skip = if matches!(base, "gosu" | "su-exec") { 2 } else { 1 };
        w = &w[skip.min(w.len())..];
        while w.first().is_some_and(|a| a.as_ref().starts_with('-')) {
            let end = w[0].as_ref() == "--";
            w = &w[1..];
            if end {
                break;
            }
        }
    }
    w
}

/// The command line of the process a running container's `program` line ends up as, past
/// its entrypoint wrappers (`/docker-entrypoint.sh nginx -g daemon off;` is `nginx -g daemon
/// off;`), and that program's base name.
pub fn running_program(program: &str) -> (String, String) {
    let words: Vec<&str> = program.split_whitespace().collect();
    let main = main_program(&words);
    let base = main.first().map(|p| p.rsplit('/').next().unwrap_or(p)).unwrap_or("").to_string();
    (if main.is_empty() { program.to_string() } else { main.join(" ") }, base)
}

/// The long-running program `words` starts (past any entrypoint wrapper), if it is one.
fn daemon(all: &[String], interactive: bool) -> Option<Daemon> {
    let words = main_program(all);
    let prog = words.first()?;
    let prog = prog.rsplit('/').next().unwrap_or(prog);
    let args = &words[1..];
    let has = |f: &str| args.iter().any(|a| a == f);
    let program = all.join(" ");
    let argv = all.to_vec();
    let forever = |stop_code| Some(Daemon { seconds: None, stop_code, program: program.clone(), argv: argv.clone() });
    match prog {
        "sleep" => {
            let total: Option<i64> = args.iter().map(|a| sleep_seconds(a)).sum();
            match total {
                _ if args.iter().any(|a| a == "infinity" || a == "inf") => forever(137),
                Some(n) if n > 0 => Some(Daemon { seconds: Some(n), stop_code: 137, program, argv }),
                _ => None,
            }
        }
        "tail" if has("-f") || has("-F") || has("--follow") => forever(137),
        "top" if !args.iter().any(|a| a.starts_with("-n") || a.starts_with("-b")) => forever(137),
        "watch" => forever(137),
        "nginx" if !args.iter().any(|a| matches!(a.as_str(), "-v" | "-V" | "-t" | "-T" | "-h" | "-?" | "-s")) => {
            forever(0)
        }
        "httpd" if has("-f") || args.windows(2).any(|w| w[0] == "-D" && w[1] == "FOREGROUND") => forever(0),
        "crond" if has("-f") => forever(0),
        "nc" | "netcat" if args.iter().any(|a| a.starts_with("-l") || (a.starts_with('-') && a.contains('l'))) => {
            forever(137)
        }
        "python" | "python3" if args.windows(2).any(|w| w[0] == "-m" && w[1] == "http.server") => forever(0),
        "php" if has("-S") => forever(0),
        "catalina.sh" if has("run") => forever(0),
        "npm" if has("start") => forever(0),
        "cat" if args.is_empty() && interactive => forever(137),
        p if SERVERS.contains(&p)
            && !args.iter().any(|a| matches!(a.as_str(), "-v" | "--version" | "-h" | "--help")) =>
        {
            forever(0)
        }
        _ => None,
    }
}

/// `sleep`'s argument in seconds (`30`, `1.5`, `2m`, `1h`, `1d`); `None` if not a number.
fn sleep_seconds(a: &str) -> Option<i64> {
    let (num, mul) = match a.chars().last()? {
        's' => (&a[..a.len() - 1], 1.0),
        'm' => (&a[..a.len() - 1], 60.0),
        'h' => (&a[..a.len() - 1], 3600.0),
        'd' => (&a[..a.len() - 1], 86_400.0),
        _ => (a, 1.0),
    };
    let v: f64 = num.parse().ok()?;
    Some((v * mul).ceil() as i64)
}

/// The process a container command runs as.
pub struct Proc {
    /// Environment (`PATH`, `HOSTNAME`, `HOME` included).
    pub env: BTreeMap<String, String>,
    /// Working directory.
    pub cwd: String,
    /// User and group ids.
    pub uid: u32,
    /// Group id.
    pub gid: u32,
    /// Clock.
    pub now: i64,
    /// Standard input.
    pub stdin: Vec<u8>,
    /// The container's network.
    pub network: crate::shell::Network,
}

/// Budgets for container commands: smaller than a build's, since a learner's endless loop
/// in `docker run` should come back quickly.
fn budget() -> Budget {
    Budget { steps_left: 200_000, bytes_left: 8 * 1024 * 1024, slept_ms: 0 }
}

/// Runs one step in `tree`.
pub fn run_step(tree: &mut Tree, step: &Step, p: &Proc) -> Outcome {
    let process = Process {
        cwd: p.cwd.clone(),
        env: p.env.clone(),
        uid: p.uid,
        gid: p.gid,
        now: p.now,
        stdin: p.stdin.clone(),
        network: p.network.clone(),
    };
    let mut b = budget();
    match step {
        Step::Script(s) => shell::run_script(tree, &process, s, &mut b),
        Step::Argv(argv) => {
            let sh = argv.first().map(|p| p.rsplit('/').next().unwrap_or(p)).unwrap_or("");
            if matches!(sh, "sh" | "ash" | "bash" | "dash") && argv.len() == 3 && argv[1] == "-c" {
                shell::run_shell(tree, &process, &argv[0], &argv[2], &mut b)
            } else {
                shell::run_argv(tree, &process, argv, &mut b)
            }
        }
    }
}

/// Drops the budget message a stopped command ends with (for a command that goes on in
/// the background: the message is the simulator's, not the program's).
pub fn drop_budget_message(out: &mut Outcome) {
    if out.stopped.is_some() {
        for buf in [&mut out.stderr, &mut out.combined] {
            let text = String::from_utf8_lossy(buf).into_owned();
            let trimmed = text.trim_end_matches('\n');
            let cut = trimmed.rfind('\n').map(|i| i + 1).unwrap_or(0);
            buf.truncate(cut);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &[&str]) -> Vec<String> {
        s.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn long_running_rule() {
        assert_eq!(plan(&v(&["echo", "hi"]), false).daemon, None);
        let p = plan(&v(&["sleep", "infinity"]), false);
        assert_eq!((p.first, p.daemon.map(|d| (d.seconds, d.stop_code))), (None, Some((None, 137))));
        assert_eq!(plan(&v(&["sleep", "30"]), false).daemon.unwrap().seconds, Some(30));
        assert_eq!(plan(&v(&["nginx", "-g", "daemon off;"]), false).daemon.unwrap().stop_code, 0);
        let p = plan(&v(&["/bin/sh", "-c", "echo start > /log; exec sleep 1d"]), false);
        assert_eq!(p.first, Some(Step::Script("echo start > /log".into())));
        assert_eq!(p.daemon.unwrap().seconds, Some(86_400));
        let p = plan(&v(&["sh", "-c", "mkdir /x && tail -f /dev/null"]), false);
        assert!(p.and);
        assert_eq!(plan(&v(&["sh", "-c", "echo 'a; sleep 5'"]), false).daemon, None);
        assert!(plan(&v(&["sh"]), true).daemon.is_some());
        assert!(plan(&v(&["sh"]), false).daemon.is_none());
    }

    #[test]
    fn entrypoint_wrappers_hand_over_to_the_server() {
        let nginx = v(&["/docker-entrypoint.sh", "nginx", "-g", "daemon off;"]);
        assert_eq!(main_program(&nginx), &nginx[1..]);
        let d = plan(&nginx, false).daemon.unwrap();
        assert_eq!((d.seconds, d.program.as_str()), (None, "/docker-entrypoint.sh nginx -g daemon off;"));
        assert!(plan(&v(&["docker-entrypoint.sh", "redis-server"]), false).daemon.is_some());
        assert!(plan(&v(&["tini", "--", "sleep", "infinity"]), false).daemon.is_some());
        assert!(plan(&v(&["gosu", "redis", "redis-server", "--port", "7000"]), false).daemon.is_some());
        assert!(plan(&v(&["docker-entrypoint.sh", "redis-server", "--version"]), false).daemon.is_none());
        assert!(plan(&v(&["/docker-entrypoint.sh", "echo", "hi"]), false).daemon.is_none());
        assert!(plan(&v(&["catalina.sh", "run"]), false).daemon.is_some());
    }
}
