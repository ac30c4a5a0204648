//! Restart policies (`--restart no|always|unless-stopped|on-failure[:N]`, `docker update
//! --restart`): when a container's main process ends by itself the daemon starts it again
//! after a back-off that starts at 100 ms and doubles up to a minute (reset when a run
//! lasted 10 seconds), as moby's restart manager does. In between, the container is
//! `Restarting (CODE) … ago`. `docker stop` and `docker kill` end the loop until the next
//! manual start.

use serde::{Deserialize, Serialize};

use super::container::{Container, State};
use super::flags::value;
use super::spec::{Args, Cmd};
use super::{Engine, Output};

/// A container's restart policy (`HostConfig.RestartPolicy`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RestartPolicy {
    /// `no`, `always`, `unless-stopped` or `on-failure`.
    pub name: String,
    /// `on-failure:N`'s N (0: no limit).
    pub max: u32,
}

impl Default for RestartPolicy {
    fn default() -> Self {
        RestartPolicy { name: "no".into(), max: 0 }
    }
}

/// Parses `--restart` as the docker CLI and daemon do, with their messages.
pub fn parse(raw: &str) -> Result<RestartPolicy, String> {
    let (name, count) = match raw.split_once(':') {
        Some(("", _)) => return Err("invalid restart policy format: no policy provided before colon".into()),
        Some((n, c)) => (n, c),
        None => (raw, ""),
    };
    let max: i64 = if count.is_empty() {
        0
    } else {
        count
            .parse()
            .map_err(|_| "invalid restart policy format: maximum retry count must be an integer".to_string())?
    };
    match name {
        "always" | "unless-stopped" | "no" if max != 0 => {
            let neg = if max < 0 { " and cannot be negative" } else { "" };
            Err(format!("Error response from daemon: invalid restart policy: maximum retry count can only be used with 'on-failure'{neg}"))
        }
        "on-failure" if max < 0 => {
            Err("Error response from daemon: invalid restart policy: maximum retry count cannot be negative".into())
        }
        "always" | "unless-stopped" | "no" | "on-failure" => {
            Ok(RestartPolicy { name: name.to_string(), max: u32::try_from(max).unwrap_or(u32::MAX) })
        }
        "" => Ok(RestartPolicy::default()),
        other => Err(format!("Error response from daemon: invalid restart policy: unknown policy '{other}'; use one of 'no', 'always', 'on-failure', or 'unless-stopped'")),
    }
}

impl Container {
    /// True when the daemon is about to start it again: it ended by itself and its policy
    /// asks for another run.
    pub fn restarting(&self) -> bool {
        let State::Exited { code, .. } = self.state else { return false };
        if self.manually_stopped {
            return false;
        }
        match self.restart.name.as_str() {
            "always" | "unless-stopped" => true,
            "on-failure" => code != 0 && (self.restart.max == 0 || self.restart_count < self.restart.max),
            _ => false,
        }
    }
}

/// The back-off before restart number `n` of a run of quick failures, in milliseconds.
fn delay_ms(n: u32) -> i64 {
    (100i64 << n.min(10)).min(60_000)
}

impl Engine {
    /// Restarts the containers whose policy says so, as many times as the back-off allows
    /// by now: each restart runs the program again at the virtual time its back-off ended
    /// (its output is logged once per run, what it writes to volumes accumulates). A run
    /// that lasts (`sleep 3; exit 1`) ends at its own time before the next back-off.
    pub(crate) fn apply_restarts(&mut self) {
        let now_ms = self.now() * 1000;
        for i in 0..self.containers.len() {
            for _ in 0..MAX_RUNS_PER_COMMAND {
                let c = &mut self.containers[i];
                if let State::Running { started, until: Some(end), code, .. } = c.state {
                    if end.saturating_mul(1000) <= now_ms {
                        c.state = State::Exited { started, finished: end, code };
                    }
                }
                if !c.restarting() {
                    break;
                }
                let State::Exited { started, finished, .. } = c.state else { break };
                if finished - started >= 10 {
                    c.backoff = 0;
                }
                let at = finished.saturating_mul(1000).max(c.restarted_ms).saturating_add(delay_ms(c.backoff));
                if at > now_ms {
                    break;
                }
                c.restart_count += 1;
                c.backoff += 1;
                c.restarted_ms = at;
                if super::container_start::start_at_time(self, i, false, at / 1000).is_err() {
                    break;
                }
            }
        }
    }
}

/// How many restarts of one container one command catches up with (a budget: a crashing
/// container left alone for hours restarts about once a minute).
const MAX_RUNS_PER_COMMAND: usize = 200;

/// `docker update`.
pub const UPDATE: Cmd = Cmd {
    path: "docker update",
    usage: "[OPTIONS] CONTAINER [CONTAINER...]",
    short: "Update configuration of one or more containers",
    aliases: "docker container update, docker update",
    flags: &[value("restart", None).doc("string", "Restart policy to apply when a container exits")],
    args: Args::Min(1),
    interspersed: true,
};

/// `docker update --restart POLICY CONTAINER…`.
pub fn update(e: &mut Engine, cmd: &Cmd, args: &[String]) -> Output {
    let p = match cmd.parse(args) {
        Ok(p) => p,
        Err(o) => return o,
    };
    let Some(raw) = p.get("restart") else {
        return Output::fail(1, "You must provide one or more flags when using this command.");
    };
    let policy = match parse(raw) {
        Ok(r) => r,
        Err(m) => return Output::fail(1, m),
    };
    let mut out = Output::default();
    for name in &p.args {
        match super::container::find(&e.containers, name) {
            Ok(i) if e.containers[i].auto_remove && policy.name != "no" => out.daemon_line(format!(
                "Cannot update container {}: Restart policy cannot be updated because AutoRemove is enabled for the container",
                e.containers[i].id
            )),
            Ok(i) => {
                let c = &mut e.containers[i];
                if !c.is_running() && !c.restarting() {
                    // A container that has ended stays so until it is started.
                    c.manually_stopped = true;
                }
                c.restart = policy.clone();
                out.line(name);
            }
            Err(m) => out.daemon_line(m),
        }
    }
    if out.code != 0 {
        out.code = 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn policies_as_docker_parses_them() {
        assert_eq!(parse("always").unwrap().name, "always");
        assert_eq!(parse("on-failure:3").unwrap(), RestartPolicy { name: "on-failure".into(), max: 3 });
        assert_eq!(parse(":3").unwrap_err(), "invalid restart policy format: no policy provided before colon");
        assert_eq!(
            parse("on-failure:x").unwrap_err(),
            "invalid restart policy format: maximum retry count must be an integer"
        );
        assert!(parse("always:2").unwrap_err().ends_with("maximum retry count can only be used with 'on-failure'"));
        assert!(parse("sometimes").unwrap_err().contains("unknown policy 'sometimes'"));
    }

    #[test]
    fn back_off_doubles_to_a_minute() {
        assert_eq!((delay_ms(0), delay_ms(1), delay_ms(3)), (100, 200, 800));
        assert_eq!(delay_ms(20), 60_000);
    }
}
