//! Pipelines typed at the host's prompt: `curl -s localhost:8080 | head -4`, `docker ps |
//! grep web`, `docker images | wc -l`. The first stage runs as any host line does; what it
//! writes to standard output is fed to the rest of the line, which runs in the simulated
//! shell with the busybox applets (`head`, `grep`, `wc`, `sort`, …), as a host shell would
//! run the programs of its own PATH. The first stage's standard error goes to the terminal,
//! and the pipeline's status is the last stage's.

use super::{Engine, Output};
use crate::shell::{install_busybox, run_script, Budget, Process};
use crate::vfs::Tree;

/// `PATH` of the host shell that runs the stages after the first.
const HOST_PATH: &str = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

impl Engine {
    /// Runs `first` (one host command) and pipes its standard output through `rest` (the
    /// stages after the first pipe, joined as typed).
    pub(super) fn host_pipeline(&mut self, first: &str, rest: &str) -> Output {
        let left = self.run_line(first);
        let now = self.now();
        let mut fs = Tree::new();
        install_busybox(&mut fs, now);
        let process = Process {
            cwd: "/".into(),
            env: crate::util::collect::map(
                [("PATH", HOST_PATH), ("HOME", "/root")].map(|(k, v)| (k.to_string(), v.to_string())),
            ),
            uid: 0,
            gid: 0,
            now,
            stdin: left.stdout.as_bytes().to_vec(),
            network: self.host_network(),
            procs: Vec::new(),
        };
        let right = run_script(&mut fs, &process, rest, &mut Budget::default());
        let mut out = Output { code: right.code, ..Default::default() };
        out.err(&left.stderr);
        out.out(&String::from_utf8_lossy(&right.stdout));
        out.err(&String::from_utf8_lossy(&right.stderr));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn engine() -> Engine {
        Engine::new(|| 1_700_000_000)
    }

    #[test]
    fn the_first_stage_output_feeds_the_rest() {
        let mut e = engine();
        let all = e.exec_line("docker help").stdout;
        assert!(all.lines().count() > 4);
        let o = e.exec_line("docker help | head -2");
        assert_eq!(o.code, 0);
        assert_eq!(o.stdout, all.lines().take(2).map(|l| format!("{l}\n")).collect::<String>());
        let o = e.exec_line("docker help | grep -c run | wc -l");
        assert_eq!(o.stdout.trim(), "1");
        let o = e.exec_line("docker images | wc -l");
        assert_eq!(o.stdout.trim(), "1", "the header line only");
    }

    #[test]
    fn status_is_the_last_stage_and_errors_show() {
        let mut e = engine();
        let o = e.exec_line("docker images | grep nothing-like-this");
        assert_eq!((o.code, o.stdout.as_str()), (1, ""));
        let o = e.exec_line("docker images | nosuchprogram");
        assert_eq!(o.code, 127);
        assert!(o.stderr.contains("nosuchprogram: not found"), "{}", o.stderr);
        let o = e.exec_line("docker rmi nope | wc -l");
        assert_eq!(o.stdout.trim(), "0");
        assert!(o.stderr.contains("No such image: nope"), "{}", o.stderr);
        let o = e.exec_line("docker images |");
        assert_eq!(o.code, 2);
    }

    #[test]
    fn a_substitution_may_hold_a_pipeline() {
        let mut e = engine();
        e.exec_line("docker pull -q busybox");
        let id = e.exec_line("docker images -q busybox").stdout;
        let o = e.exec_line("docker images -q $(docker images --format '{{.Repository}}' | head -1)");
        assert_eq!((o.code, o.stdout), (0, id));
    }
}
