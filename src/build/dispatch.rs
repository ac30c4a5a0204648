//! [`dispatch`]: what one instruction does to a stage's image configuration, the one place
//! that decides it for both the builder and `docker commit --change` / `docker import
//! --change` ([`apply_changes`]).

use crate::dockerfile::{self, Command, Healthcheck, Instruction, ShellOrExec};
use crate::image::{ContainerConfig, HealthConfig, ImageConfig};
use crate::util::{port_spec, signal};
use crate::vfs::path;

use super::stage::StageState;

/// What [`dispatch`] left to the caller.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dispatched {
    /// The instruction only changes the configuration, and that is done.
    Config,
    /// `WORKDIR`: the configuration is updated; a builder also creates the directory.
    Workdir,
    /// `RUN`, `COPY`, `ADD`, `FROM`: nothing applied; they change the filesystem (or start
    /// a stage) and are the builder's to run.
    Filesystem,
}

/// The instructions `--change` accepts (Docker's `validCommitCommands`).
pub const CHANGE_COMMANDS: &[&str] = &[
    "CMD",
    "ENTRYPOINT",
    "ENV",
    "EXPOSE",
    "HEALTHCHECK",
    "LABEL",
    "ONBUILD",
    "STOPSIGNAL",
    "USER",
    "VOLUME",
    "WORKDIR",
];

/// Applies an (expanded) instruction to the stage's configuration and variables.
/// `escape` is the Dockerfile's escape character (for `ARG` defaults).
pub fn dispatch(stage: &mut StageState, ins: &Instruction, escape: char) -> Result<Dispatched, String> {
    let cfg = &mut stage.config.config;
    match &ins.command {
        Command::Cmd(f) => {
            cfg.cmd = Some(f.argv(&cfg.shell));
            stage.cmd_inherited = false;
        }
        Command::Entrypoint(f) => {
            cfg.entrypoint = Some(f.argv(&cfg.shell));
            if stage.cmd_inherited {
                cfg.cmd = None;
                stage.cmd_inherited = false;
            }
        }
        Command::Shell(v) => cfg.shell = v.clone(),
        Command::Env(kv) => {
            for (k, v) in kv {
                stage.set_env(k, v);
            }
        }
        Command::Arg(args) => {
            for (k, v) in args {
                stage.scope.declare_arg(k, v.as_deref(), escape)?;
            }
        }
        Command::Label(kv) => {
            for (k, v) in kv {
                cfg.labels.insert(k.clone(), v.clone());
            }
        }
        Command::Expose(ports) => {
            // BuildKit parses each port as `docker run -p` does: ranges open every port in
            // them, a host part is ignored, and a bad spec fails the build.
            for p in ports {
                for mapping in port_spec::parse(p)? {
                    cfg.exposed_ports.insert(mapping.port, Default::default());
                }
            }
        }
        Command::User(u) => cfg.user = u.clone(),
        Command::Volume(v) => {
            for p in v {
                cfg.volumes.insert(p.clone(), Default::default());
            }
        }
        Command::Stopsignal(s) => {
            signal::parse(s)?;
            cfg.stop_signal = s.clone();
        }
        Command::Maintainer(m) => stage.config.author = Some(m.clone()),
        Command::Onbuild(inner) => cfg.on_build.push(inner.original.clone()),
        Command::Healthcheck(h) => cfg.healthcheck = Some(health_config(h)),
        Command::Workdir(w) => {
            let current = if cfg.working_dir.is_empty() { "/" } else { cfg.working_dir.as_str() };
            cfg.working_dir = path::normalize(current, w);
            return Ok(Dispatched::Workdir);
        }
        Command::Run { .. } | Command::Copy { .. } | Command::Add { .. } | Command::From { .. } => {
            return Ok(Dispatched::Filesystem)
        }
    }
    Ok(Dispatched::Config)
}

/// The image's health check from a `HEALTHCHECK` instruction.
fn health_config(h: &Healthcheck) -> HealthConfig {
    HealthConfig {
        test: match &h.cmd {
            None => vec!["NONE".into()],
            Some(ShellOrExec::Exec(v)) => std::iter::once("CMD".to_string()).chain(v.iter().cloned()).collect(),
            Some(ShellOrExec::Shell(s)) => vec!["CMD-SHELL".into(), s.clone()],
        },
        interval: h.interval,
        timeout: h.timeout,
        start_period: h.start_period,
        start_interval: h.start_interval,
        retries: h.retries,
    }
}

/// Applies `--change` instructions (one Dockerfile instruction each) to a container
/// configuration, as `docker commit --change` and `docker import --change` do, through
/// [`dispatch`], with Docker's errors.
pub fn apply_changes(config: &mut ContainerConfig, changes: &[&str]) -> Result<(), String> {
    let mut stage = StageState::from_config(ImageConfig { config: std::mem::take(config), ..Default::default() });
    let result = apply_to_stage(&mut stage, changes);
    *config = stage.config.config;
    result
}

fn apply_to_stage(stage: &mut StageState, changes: &[&str]) -> Result<(), String> {
    for change in changes {
        let df = dockerfile::parse(&format!("FROM scratch\n{change}\n"))
            .map_err(|e| format!("dockerfile parse error on line 1: {}", e.message))?;
        let Some(raw) = df.instructions.get(1) else { continue };
        if !CHANGE_COMMANDS.contains(&raw.keyword()) {
            return Err(format!("{} is not a valid change command", raw.keyword().to_ascii_lowercase()));
        }
        let ins = raw.expanded(df.escape, &|n| stage.scope.lookup(n)).map_err(|e| e.message)?;
        dispatch(stage, &ins, df.escape)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_resolve_like_the_builder() {
        let mut c = ContainerConfig::default();
        apply_changes(&mut c, &["CMD [\"sh\"]", "ENV A=1", "WORKDIR /app", "WORKDIR src", "EXPOSE 80", "ENV B=$A-2"])
            .unwrap();
        assert_eq!(c.cmd, Some(vec!["sh".to_string()]));
        assert_eq!(c.env, vec!["A=1", "B=1-2"]);
        assert_eq!(c.working_dir, "/app/src");
        assert!(c.exposed_ports.contains_key("80/tcp"));
        assert_eq!(apply_changes(&mut c, &["RUN echo"]).unwrap_err(), "run is not a valid change command");
        assert_eq!(
            apply_changes(&mut c, &["SHELL [\"/bin/bash\", \"-c\"]"]).unwrap_err(),
            "shell is not a valid change command"
        );
    }

    #[test]
    fn entrypoint_drops_an_inherited_cmd_and_shell_form_uses_the_shell() {
        let mut c = ContainerConfig {
            cmd: Some(vec!["sh".into()]),
            shell: vec!["/bin/bash".into(), "-eu".into(), "-c".into()],
            ..Default::default()
        };
        apply_changes(&mut c, &["ENTRYPOINT run.sh"]).unwrap();
        assert_eq!(c.cmd, None);
        assert_eq!(c.entrypoint, Some(vec!["/bin/bash".into(), "-eu".into(), "-c".into(), "run.sh".into()]));
        apply_changes(&mut c, &["HEALTHCHECK --interval=5s --retries=3 CMD curl -f localhost"]).unwrap();
        let h = c.healthcheck.clone().unwrap();
        assert_eq!(
            (h.test, h.interval, h.retries),
            (vec!["CMD-SHELL".to_string(), "curl -f localhost".into()], 5_000_000_000, 3)
        );
    }
}
