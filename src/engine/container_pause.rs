//! `docker pause` and `docker unpause`: a paused container keeps its state but runs
//! nothing (`exec` is refused) until unpaused; `ps` shows `Up … (Paused)`.

use super::spec::{Args, Cmd};
use super::{container_life::each, Engine, Output};

/// `docker pause`.
pub const PAUSE: Cmd = Cmd {
    path: "docker pause",
    usage: "CONTAINER [CONTAINER...]",
    short: "Pause all processes within one or more containers",
    aliases: "docker container pause, docker pause",
    flags: &[],
    args: Args::Min(1),
    interspersed: true,
};

/// `docker unpause`.
pub const UNPAUSE: Cmd = Cmd {
    path: "docker unpause",
    usage: "CONTAINER [CONTAINER...]",
    short: "Unpause all processes within one or more containers",
    aliases: "docker container unpause, docker unpause",
    flags: &[],
    args: Args::Min(1),
    interspersed: true,
};

/// `docker pause CONTAINER…`.
pub fn pause(e: &mut Engine, cmd: &Cmd, args: &[String]) -> Output {
    let p = match cmd.parse(args) {
        Ok(p) => p,
        Err(o) => return o,
    };
    each(e, &p.args, |e, i| {
        let c = &mut e.containers[i];
        if !c.is_running() {
            return Err(format!("container {} is not running", c.id));
        }
        if c.paused {
            return Err(format!("container {} is already paused", c.id));
        }
        c.paused = true;
        Ok(())
    })
}

/// `docker unpause CONTAINER…`.
pub fn unpause(e: &mut Engine, cmd: &Cmd, args: &[String]) -> Output {
    let p = match cmd.parse(args) {
        Ok(p) => p,
        Err(o) => return o,
    };
    each(e, &p.args, |e, i| {
        let c = &mut e.containers[i];
        if !c.paused {
            return Err(format!("container {} is not paused", c.id));
        }
        c.paused = false;
        Ok(())
    })
}
