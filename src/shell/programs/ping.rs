//! `ping`: busybox's applet (Alpine, busybox) and iputils' `ping` (Debian and Ubuntu with
//! `iputils-ping`), answering from the simulated network: loopback, the containers on the
//! same network, and the deterministic internet. Round-trip times are derived from the
//! address (loopback and containers well under a millisecond, the internet a few to tens of
//! milliseconds), so the same command prints the same lines.
//!
//! Formats: busybox 1.36 `networking/ping.c` (`seq=0`, three decimals, `round-trip
//! min/avg/max`), iputils 20221126 `ping/ping_common.c` (`icmp_seq=1`, times with
//! precision by size, `rtt min/avg/max/mdev`, the run's `time`).

use super::net::{resolve, seed_of, FetchError, Mode};
use super::Args;
use crate::shell::Ctx;

/// Replies printed when no `-c` is given (a real ping runs until it is stopped; here the
/// process then keeps running, as a container running `ping` does).
const UNBOUNDED: u64 = 4;

/// `ping [-c COUNT] [-q] HOST`.
pub fn ping(ctx: &mut Ctx<'_>, argv: &[String]) -> i32 {
    // Alpine's and busybox's ping is the applet; Debian's, Ubuntu's and the rpm family's is
    // iputils'.
    let busybox = !ctx.gnu
        && crate::catalog::distro::detect(ctx.fs).is_none_or(|d| d.family == crate::catalog::distro::Family::Alpine);
    let fail = if busybox { 1 } else { 2 };
    let a = Args::parse(argv.get(1..).unwrap_or(&[]), "ciwWstI", &[]);
    let Some(host) = a.operands.first() else {
        if busybox {
            ctx.err("BusyBox v1.36.1 multi-call binary.\n\nUsage: ping [OPTIONS] HOST\n");
        } else {
            ctx.err("ping: usage error: Destination address required\n");
        }
        return fail;
    };
    let count = match a.value(&["c"]) {
        None => None,
        Some(c) if c.parse::<u64>().is_ok_and(|n| n > 0) => c.parse().ok(),
        Some(c) => {
            ctx.err(&if busybox {
                format!("ping: invalid number '{c}'\n")
            } else {
                format!("ping: invalid argument: '{c}': out of range: 1 <= value <= 9223372036854775807\n")
            });
            return fail;
        }
    };
    let addr = match resolve(host, &ctx.network) {
        Ok(addr) => addr,
        Err(FetchError::NoResolver) if !busybox => {
            ctx.err(&format!("ping: {host}: Temporary failure in name resolution\n"));
            return fail;
        }
        Err(_) if busybox => {
            ctx.err(&format!("ping: bad address '{host}'\n"));
            return fail;
        }
        Err(_) => {
            ctx.err(&format!("ping: {host}: Name or service not known\n"));
            return fail;
        }
    };
    let loopback = addr.starts_with("127.");
    if ctx.network.mode == Mode::None && !loopback {
        ctx.err(if busybox {
            "ping: sendto: Network unreachable\n"
        } else {
            "ping: connect: Network is unreachable\n"
        });
        return fail;
    }
    let local = loopback || addr.parse::<std::net::Ipv4Addr>().is_ok_and(|a| a.is_private());
    let seed = seed_of(&addr);
    let ttl = if local { 64 } else { 50 + seed % 70 };
    // Microseconds: loopback 20-60, a container 50-150, the internet 4-44 ms.
    let base = if loopback {
        20 + seed % 40
    } else if local {
        50 + seed % 100
    } else {
        4_000 + seed % 40_000
    };
    let n = count.unwrap_or(UNBOUNDED);
    let times: Vec<u64> = (0..n).map(|i| base + seed_of(&format!("{addr}#{i}")) % (base / 10 + 5)).collect();
    let quiet = a.has(&["q"]);
    if busybox {
        ctx.out(&format!("PING {host} ({addr}): 56 data bytes\n"));
    } else {
        ctx.out(&format!("PING {host} ({addr}) 56(84) bytes of data.\n"));
    }
    for (i, t) in times.iter().enumerate() {
        if quiet {
            continue;
        }
        if busybox {
            ctx.out(&format!("64 bytes from {addr}: seq={i} ttl={ttl} time={}.{:03} ms\n", t / 1000, t % 1000));
        } else {
            let from = if host == "localhost" { format!("localhost ({addr})") } else { addr.clone() };
            ctx.out(&format!("64 bytes from {from}: icmp_seq={} ttl={ttl} time={} ms\n", i + 1, iputils_ms(*t)));
        }
    }
    if count.is_none() {
        // Still pinging: the process keeps running until it is stopped.
        ctx.budget.slept_ms = u64::MAX;
        return 0;
    }
    let (min, max) = (times.iter().min().copied().unwrap_or(0), times.iter().max().copied().unwrap_or(0));
    let avg = times.iter().sum::<u64>() / n;
    let ms = |us: u64| format!("{}.{:03}", us / 1000, us % 1000);
    ctx.out(&format!("\n--- {host} ping statistics ---\n"));
    if busybox {
        ctx.out(&format!("{n} packets transmitted, {n} packets received, 0% packet loss\n"));
        ctx.out(&format!("round-trip min/avg/max = {}/{}/{} ms\n", ms(min), ms(avg), ms(max)));
    } else {
        let mean_sq = times.iter().map(|t| (t * t) as f64).sum::<f64>() / n as f64;
        let mdev = (mean_sq - (avg * avg) as f64).max(0.0).sqrt() as u64;
        let elapsed = (n - 1) * 1001;
        ctx.out(&format!("{n} packets transmitted, {n} received, 0% packet loss, time {elapsed}ms\n"));
        ctx.out(&format!("rtt min/avg/max/mdev = {}/{}/{}/{} ms\n", ms(min), ms(avg), ms(max), ms(mdev)));
    }
    ctx.budget.slept_ms = ctx.budget.slept_ms.saturating_add((n - 1) * 1000);
    0
}

/// A round-trip time as iputils prints it: three significant decimals below 1 ms, two
/// below 10 ms, one below 100 ms, none above.
fn iputils_ms(us: u64) -> String {
    match us {
        0..=999 => format!("{}.{:03}", us / 1000, us % 1000),
        1_000..=9_999 => format!("{}.{:02}", us / 1000, us % 1000 / 10),
        10_000..=99_999 => format!("{}.{}", us / 1000, us % 1000 / 100),
        _ => format!("{}", us / 1000),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::shell::programs::Network;
    use crate::shell::Budget;
    use crate::vfs::Tree;

    fn run(gnu: bool, network: Network, args: &[&str]) -> (i32, String, String, u64) {
        let mut t = Tree::new();
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let mut budget = Budget::default();
        let code = {
            let mut ctx = Ctx::new(&mut t, b"", &mut out, &mut err, &mut budget);
            ctx.gnu = gnu;
            ctx.network = network;
            let argv: Vec<String> = std::iter::once("ping").chain(args.iter().copied()).map(String::from).collect();
            ping(&mut ctx, &argv)
        };
        let slept = budget.slept_ms;
        (code, String::from_utf8_lossy(&out).into_owned(), String::from_utf8_lossy(&err).into_owned(), slept)
    }

    #[test]
    fn busybox_pings_with_its_own_format() {
        let (code, out, _, slept) = run(false, Network::default(), &["-c", "2", "google.com"]);
        assert_eq!(code, 0);
        let lines: Vec<&str> = out.lines().collect();
        assert!(lines[0].starts_with("PING google.com (") && lines[0].ends_with("): 56 data bytes"), "{out}");
        assert!(lines[1].starts_with("64 bytes from ") && lines[1].contains(": seq=0 ttl="), "{out}");
        assert!(lines[2].contains(": seq=1 ttl="), "{out}");
        assert_eq!(lines[4], "--- google.com ping statistics ---");
        assert_eq!(lines[5], "2 packets transmitted, 2 packets received, 0% packet loss");
        assert!(lines[6].starts_with("round-trip min/avg/max = "), "{out}");
        assert_eq!(slept, 1000, "a second between two packets");
        // The same command prints the same lines.
        assert_eq!(run(false, Network::default(), &["-c", "2", "google.com"]).1, out);
    }

    #[test]
    fn iputils_pings_with_its_own_format() {
        let (code, out, _, _) = run(true, Network::default(), &["-c", "1", "localhost"]);
        assert_eq!(code, 0);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[0], "PING localhost (127.0.0.1) 56(84) bytes of data.");
        assert!(lines[1].starts_with("64 bytes from localhost (127.0.0.1): icmp_seq=1 ttl=64 time=0.0"), "{out}");
        assert_eq!(lines[4], "1 packets transmitted, 1 received, 0% packet loss, time 0ms");
        assert!(lines[5].starts_with("rtt min/avg/max/mdev = 0.0") && lines[5].ends_with("/0.000 ms"), "{out}");
        assert_eq!(iputils_ms(10_212), "10.2");
        assert_eq!(iputils_ms(5_432), "5.43");
        assert_eq!(iputils_ms(123_456), "123");
    }

    #[test]
    fn names_that_do_not_resolve_and_no_network() {
        assert_eq!(run(false, Network::default(), &["nohost"]).2, "ping: bad address 'nohost'\n");
        let (code, _, err, _) = run(true, Network::default(), &["nohost"]);
        assert_eq!((code, err.as_str()), (2, "ping: nohost: Name or service not known\n"));
        let (code, _, err, _) = run(true, Network::none(), &["-c", "1", "google.com"]);
        assert_eq!((code, err.as_str()), (2, "ping: google.com: Temporary failure in name resolution\n"));
        let (code, _, err, _) = run(false, Network::none(), &["-c", "1", "8.8.8.8"]);
        assert_eq!((code, err.as_str()), (1, "ping: sendto: Network unreachable\n"));
        assert_eq!(run(false, Network::none(), &["-c", "1", "127.0.0.1"]).0, 0, "loopback works without a network");
    }

    #[test]
    fn without_a_count_it_keeps_running() {
        let (code, out, _, slept) = run(false, Network::default(), &["8.8.8.8"]);
        assert_eq!(code, 0);
        assert_eq!(out.lines().filter(|l| l.starts_with("64 bytes")).count() as u64, UNBOUNDED);
        assert!(!out.contains("statistics"), "{out}");
        assert_eq!(slept, u64::MAX);
    }
}
