//! `docker stats`: one sample of each running container's resource use (the simulation
//! has no clock-driven stream; `--no-stream` is what it always prints). Figures are
//! plausible and deterministic: memory by program (nginx workers, redis, a shell), network
//! bytes growing with uptime.

use super::container::State;
use super::flags::switch;
use super::format::{human_size, table};
use super::spec::{Args, Cmd};
use super::{container, Engine, Output};

/// `docker stats`.
pub const STATS: Cmd = Cmd {
    path: "docker stats",
    usage: "[OPTIONS] [CONTAINER...]",
    short: "Display a live stream of container(s) resource usage statistics",
    aliases: "docker container stats, docker stats",
    flags: &[
        switch("all", Some('a')).about("Show all containers (default shows just running)"),
        switch("no-stream", None).about("Disable streaming stats and only pull the first result"),
        switch("no-trunc", None).about("Do not truncate output"),
    ],
    args: Args::Any,
    interspersed: true,
};

/// Memory in `docker stats` units (`7.145MiB`).
fn mib(bytes: u64) -> String {
    let b = bytes as f64;
    if b >= 1024.0 * 1024.0 * 1024.0 {
        format!("{:.3}GiB", b / 1024.0 / 1024.0 / 1024.0)
    } else if b >= 1024.0 * 1024.0 {
        format!("{:.3}MiB", b / 1024.0 / 1024.0)
    } else {
        format!("{:.0}KiB", b / 1024.0)
    }
}

/// The memory limit reported: the simulated host's memory.
const HOST_MEMORY: u64 = 8_232_534_016;

/// `docker stats [--no-stream] [-a] [CONTAINER…]`.
pub fn stats(e: &mut Engine, cmd: &Cmd, args: &[String]) -> Output {
    let p = match cmd.parse(args) {
        Ok(p) => p,
        Err(o) => return o,
    };
    let now = e.now();
    let mut picked = Vec::new();
    if p.args.is_empty() {
        picked.extend((0..e.containers.len()).filter(|&i| p.on("all") || e.containers[i].is_running()));
    } else {
        for a in &p.args {
            match container::find(&e.containers, a) {
                Ok(i) => picked.push(i),
                Err(m) => return Output::daemon(m),
            }
        }
    }
    let mut rows =
        vec![["CONTAINER ID", "NAME", "CPU %", "MEM USAGE / LIMIT", "MEM %", "NET I/O", "BLOCK I/O", "PIDS"]
            .map(String::from)
            .to_vec()];
    for i in picked {
        let c = &e.containers[i];
        let id = if p.on("no-trunc") { c.id.clone() } else { c.short_id().to_string() };
        let State::Running { started, program, .. } = &c.state else {
            rows.push(vec![
                id,
                c.name.clone(),
                "0.00%".into(),
                "0B / 0B".into(),
                "0.00%".into(),
                "0B / 0B".into(),
                "0B / 0B".into(),
                "0".into(),
            ]);
            continue;
        };
        let seed = u64::from_str_radix(&c.id[..8], 16).unwrap_or(0);
        let (_, prog) = super::process::running_program(program);
        let (mem, pids) = match prog.as_str() {
            "nginx" => (7_340_032 + seed % 1_048_576, 5),
            "redis-server" => (3_670_016 + seed % 524_288, 6),
            "postgres" => (29_360_128 + seed % 4_194_304, 6),
            "mysqld" => (380_000_000 + seed % 20_000_000, 37),
            "mongod" => (90_000_000 + seed % 10_000_000, 33),
            "node" | "python" | "python3" => (41_943_040 + seed % 8_388_608, 7),
            _ => (430_080 + seed % 200_000, 1),
        };
        let up = (now - started).max(0) as u64;
        let rx = 796 + up.min(3_600) * 3;
        rows.push(vec![
            id,
            c.name.clone(),
            "0.00%".into(),
            format!("{} / {}", mib(mem), mib(HOST_MEMORY)),
            format!("{:.2}%", mem as f64 * 100.0 / HOST_MEMORY as f64),
            format!("{} / 0B", human_size(rx)),
            "0B / 0B".into(),
            pids.to_string(),
        ]);
    }
    Output::ok(table(&rows))
}

#[cfg(test)]
mod tests {
    use super::mib;

    #[test]
    fn memory_units() {
        assert_eq!(mib(7_492_000), "7.145MiB");
        assert_eq!(mib(8_232_534_016), "7.667GiB");
        assert_eq!(mib(430_080), "420KiB");
    }
}
