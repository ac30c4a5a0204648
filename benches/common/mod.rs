//! Timing helpers shared by the benchmarks: repetitions with `Instant`, min/median, and
//! ratio tables against native tools measured in the same run. No thresholds: the
//! benchmarks only report.

#![allow(dead_code)]

use std::time::{Duration, Instant};

/// Timings of one measured thing.
pub struct Stats {
    pub min: Duration,
    pub median: Duration,
}

/// Runs `f` `reps` times (after one warm-up run) and returns min and median.
pub fn measure(reps: usize, mut f: impl FnMut()) -> Stats {
    f();
    let mut times: Vec<Duration> = (0..reps.max(1))
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    layerlab::util::sort::sort(&mut times);
    Stats { min: times[0], median: times[times.len() / 2] }
}

/// Milliseconds with two decimals.
pub fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

/// Prints the header of a comparison table.
pub fn header(title: &str) {
    println!("\n== {title}");
    println!(
        "{:<34} {:>14} {:>14} {:>14} {:>14} {:>9}",
        "case", "layerlab min", "layerlab med", "native min", "native med", "ratio"
    );
}

/// Prints one comparison row; the ratio is layerlab's median over the native median.
pub fn row(case: &str, ours: &Stats, native: Option<&Stats>) {
    match native {
        Some(n) => println!(
            "{:<34} {:>14} {:>14} {:>14} {:>14} {:>8.2}x",
            case,
            ms(ours.min),
            ms(ours.median),
            ms(n.min),
            ms(n.median),
            ours.median.as_secs_f64() / n.median.as_secs_f64().max(1e-9)
        ),
        None => {
            println!("{:<34} {:>14} {:>14} {:>14} {:>14} {:>9}", case, ms(ours.min), ms(ours.median), "-", "-", "-")
        }
    }
}

/// Repetitions: `LAYERLAB_BENCH_REPS` or the given default.
pub fn reps(default: usize) -> usize {
    std::env::var("LAYERLAB_BENCH_REPS").ok().and_then(|v| v.parse().ok()).filter(|&n| n > 0).unwrap_or(default)
}
