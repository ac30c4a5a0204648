//! Health checks: the image's `HEALTHCHECK` (or `docker run --health-*`) run inside a
//! running container every interval of virtual time. The first passing probe makes the
//! container `healthy`; `retries` failures in a row (not counting those in the start
//! period) make it `unhealthy`. `docker ps` shows `(health: starting)`, `(healthy)` or
//! `(unhealthy)`; inspect's `State.Health` keeps the last five probes.

use serde::{Deserialize, Serialize};

use super::container::State;
use super::flags::Parsed;
use super::json::J;
use super::process::{self, Proc, Step};
use super::Engine;
use crate::image::HealthConfig;
use crate::vfs::Layer;

/// Docker's defaults (nanoseconds).
const DEFAULT_INTERVAL: i64 = 30_000_000_000;
const DEFAULT_START_INTERVAL: i64 = 5_000_000_000;
const DEFAULT_RETRIES: u32 = 3;
const DEFAULT_TIMEOUT: i64 = 30_000_000_000;
/// How long a quick probe takes, in milliseconds (its `End` after its `Start`).
const QUICK_MS: i64 = 40;
/// Probes kept for inspect.
const KEPT: usize = 5;
/// Probe output kept, in bytes (Docker's `maxOutputLen`).
const MAX_OUTPUT: usize = 4096;
/// Most probes one command may run in the container (the rest repeat the last result).
const RUN_AT_MOST: usize = 3;

/// One probe.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Probe {
    /// When it ran (milliseconds).
    pub at_ms: i64,
    /// Its exit status.
    pub code: i32,
    /// What it printed.
    pub output: String,
    /// How long it ran (milliseconds; 0 for a quick probe, shown as 40 ms).
    #[serde(default)]
    pub took_ms: i64,
}

/// A running container's health.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Health {
    /// `starting`, `healthy` or `unhealthy`.
    pub status: String,
    /// Failed probes in a row.
    pub failing_streak: u32,
    /// The last probes, oldest first.
    pub log: Vec<Probe>,
    /// The start of the run these belong to.
    pub since: i64,
    /// When the next probe runs (milliseconds).
    pub next_ms: i64,
}

/// The check a config asks for, if any (`NONE` and an empty test disable it).
fn active(h: &Option<HealthConfig>) -> Option<&HealthConfig> {
    h.as_ref().filter(|h| !h.test.is_empty() && h.test[0] != "NONE")
}

fn ms(ns: i64, default: i64) -> i64 {
    (if ns > 0 { ns } else { default }) / 1_000_000
}

impl Engine {
    /// Runs the health probes that are due in running containers.
    pub(crate) fn apply_health(&mut self) {
        let now_ms = self.now() * 1000;
        for i in 0..self.containers.len() {
            let c = &self.containers[i];
            let State::Running { started, .. } = c.state else { continue };
            let Some(cfg) = active(&c.config.healthcheck).cloned() else { continue };
            if c.paused {
                continue;
            }
            let start_period_end = started * 1000 + ms(cfg.start_period, 0);
            // The interval after a probe (the start interval while starting up).
            let first = |status: &str| {
                if status == "starting" && cfg.start_period > 0 {
                    ms(cfg.start_interval, DEFAULT_START_INTERVAL)
                } else {
                    ms(cfg.interval, DEFAULT_INTERVAL)
                }
            };
            if c.health.as_ref().is_none_or(|h| h.since != started) {
                let next_ms = started * 1000 + first("starting");
                self.containers[i].health = Some(Health {
                    status: "starting".into(),
                    failing_streak: 0,
                    log: Vec::new(),
                    since: started,
                    next_ms,
                });
            }
            let retries = u32::try_from(cfg.retries).ok().filter(|r| *r > 0).unwrap_or(DEFAULT_RETRIES);
            let mut last: Option<(i32, String, i64)> = None;
            let mut ran = 0;
            for _ in 0..10_000 {
                let h = self.containers[i].health.as_ref().expect("set above");
                let at = h.next_ms;
                if at > now_ms || !self.containers[i].is_running() {
                    break;
                }
                let timeout_ns = if cfg.timeout > 0 { cfg.timeout } else { DEFAULT_TIMEOUT };
                let result = match &last {
                    Some(r) if ran >= RUN_AT_MOST => r.clone(),
                    _ => {
                        ran += 1;
                        let r = self.probe(i, &cfg.test, at / 1000, timeout_ns);
                        last = Some(r.clone());
                        r
                    }
                };
                let h = self.containers[i].health.as_mut().expect("set above");
                if result.0 == 0 {
                    h.status = "healthy".into();
                    h.failing_streak = 0;
                } else if !(at < start_period_end && h.status == "starting") {
                    h.failing_streak += 1;
                    if h.failing_streak >= retries {
                        h.status = "unhealthy".into();
                    }
                }
                h.log.push(Probe { at_ms: at, code: result.0, output: result.1, took_ms: result.2 });
                if h.log.len() > KEPT {
                    h.log.remove(0);
                }
                let status = h.status.clone();
                // The next interval starts when this probe ended.
                h.next_ms = at + result.2 + first(&status);
            }
        }
    }

    /// Runs a probe in container `i` at time `now`: its exit status, output and the time
    /// it took past a quick probe's (a probe still running after `timeout_ns` is stopped
    /// and fails with the daemon's message and status -1).
    fn probe(&mut self, i: usize, test: &[String], now: i64, timeout_ns: i64) -> (i32, String, i64) {
        let argv: Vec<String> = match test.first().map(String::as_str) {
            Some("CMD-SHELL") => vec!["/bin/sh".into(), "-c".into(), test[1..].join(" ")],
            _ => test[1..].to_vec(),
        };
        let (lower, mut tree) = self.containers[i].lower_and_tree(&self.store);
        let Ok(mounted) = self.mount_volumes(i, &mut tree) else { return (1, String::new(), 0) };
        let c = &self.containers[i];
        let Ok((uid, gid, home)) = crate::build::resolve_user(&tree, &c.config.user) else {
            return (1, String::new(), 0);
        };
        let env = super::container_start::process_env(c, &home);
        let cwd = if c.config.working_dir.is_empty() { "/".to_string() } else { c.config.working_dir.clone() };
        let result = match process::missing_program(&tree, &argv, &env, &cwd) {
            Some(msg) => (-1, format!("{msg}\n"), 0),
            None => {
                let network = self.container_network(i, &tree);
                let proc = Proc { env, cwd, uid, gid, now, stdin: Vec::new(), network };
                let o = process::run_step(&mut tree, &Step::Argv(argv), &proc);
                let slept = i64::try_from(o.slept_ms).unwrap_or(i64::MAX);
                if slept.saturating_mul(1_000_000) >= timeout_ns {
                    let took = timeout_ns / 1_000_000;
                    let limit = crate::dockerfile::go_duration_string(timeout_ns);
                    (-1, format!("Health check exceeded timeout ({limit})"), took)
                } else {
                    let mut text = String::from_utf8_lossy(&o.combined).into_owned();
                    if text.len() > MAX_OUTPUT {
                        let mut cut = MAX_OUTPUT;
                        while !text.is_char_boundary(cut) {
                            cut -= 1;
                        }
                        text.truncate(cut);
                    }
                    (o.code, text, slept)
                }
            }
        };
        self.unmount_volumes(i, &lower, &mut tree, mounted);
        self.containers[i].rw = Layer::diff(&lower, &tree);
        result
    }
}

/// `--health-*` and `--no-healthcheck` applied over the image's `HEALTHCHECK`.
pub(crate) fn apply_flags(p: &Parsed, h: &mut Option<HealthConfig>) -> Result<(), String> {
    let names = [
        "health-cmd",
        "health-interval",
        "health-retries",
        "health-start-period",
        "health-start-interval",
        "health-timeout",
    ];
    let given = names.iter().any(|n| p.get(n).is_some());
    if p.on("no-healthcheck") {
        if given {
            return Err("--no-healthcheck conflicts with --health-* options".into());
        }
        *h = Some(HealthConfig { test: vec!["NONE".into()], ..Default::default() });
        return Ok(());
    }
    if !given {
        return Ok(());
    }
    let mut cfg = h.clone().unwrap_or_default();
    if let Some(cmd) = p.get("health-cmd") {
        cfg.test = vec!["CMD-SHELL".into(), cmd.to_string()];
    }
    let duration = |flag: &str, what: &str| -> Result<Option<i64>, String> {
        let Some(v) = p.get(flag) else { return Ok(None) };
        let ns = crate::dockerfile::parse_go_duration(v)
            .map_err(|e| format!("invalid argument \"{v}\" for \"--{flag}\" flag: {e}"))?;
        if ns < 0 {
            return Err(format!("{what} cannot be negative"));
        }
        Ok(Some(ns))
    };
    if let Some(v) = duration("health-interval", "--health-interval")? {
        cfg.interval = v;
    }
    if let Some(v) = duration("health-timeout", "--health-timeout")? {
        cfg.timeout = v;
    }
    if let Some(v) = duration("health-start-period", "--health-start-period")? {
        cfg.start_period = v;
    }
    if let Some(v) = duration("health-start-interval", "--health-start-interval")? {
        cfg.start_interval = v;
    }
    if let Some(r) = p.get("health-retries") {
        let n: i64 = r.parse().map_err(|_| {
            format!("invalid argument \"{r}\" for \"--health-retries\" flag: strconv.ParseInt: parsing \"{r}\": invalid syntax")
        })?;
        if n < 0 {
            return Err("--health-retries cannot be negative".into());
        }
        cfg.retries = n;
    }
    *h = Some(cfg);
    Ok(())
}

/// `State.Health` as inspect shows it.
pub fn json(h: &Health) -> J {
    let time = |ms: i64| {
        let s = crate::image::rfc3339(ms.div_euclid(1000));
        s.trim_end_matches('Z').to_string() + &format!(".{:03}000000Z", ms.rem_euclid(1000))
    };
    J::obj([
        ("Status", J::s(&h.status)),
        ("FailingStreak", J::Int(i64::from(h.failing_streak))),
        (
            "Log",
            J::Arr(
                h.log
                    .iter()
                    .map(|p| {
                        J::obj([
                            ("Start", J::s(time(p.at_ms))),
                            ("End", J::s(time(p.at_ms + p.took_ms.max(QUICK_MS)))),
                            ("ExitCode", J::Int(i64::from(p.code))),
                            ("Output", J::s(&p.output)),
                        ])
                    })
                    .collect(),
            ),
        ),
    ])
}
