//! Applets that copy bytes from standard input or a file: `tee` and `dd`.

use super::common::{fail, read_input, write_file, Opts};
use crate::shell::applet::Ctx;

/// `tee [-a] FILE…`
pub fn tee(ctx: &mut Ctx<'_>, argv: &[String]) -> i32 {
    let o = Opts::parse(argv, "");
    let data = ctx.input().to_vec();
    ctx.write_out(&data);
    let mut status = 0;
    for f in &o.args {
        let mut content = data.clone();
        if o.has('a') {
            let mut old = read_input(ctx, f).unwrap_or_default();
            old.extend_from_slice(&data);
            content = old;
        }
        if let Err(e) = write_file(ctx, f, content) {
            fail(ctx, "tee", &format!("{f}: {e}"));
            status = 1;
        }
    }
    status
}

/// `dd if=F of=F bs=N count=N skip=N`
pub fn dd(ctx: &mut Ctx<'_>, argv: &[String]) -> i32 {
    let mut input = None;
    let mut output = None;
    let mut bs = 512usize;
    let mut count = None;
    let mut skip = 0usize;
    for a in &argv[1..] {
        let Some((k, v)) = a.split_once('=') else { continue };
        let num = || -> usize {
            let (n, mult) = match v.chars().last() {
                Some('k') | Some('K') => (&v[..v.len() - 1], 1024),
                Some('M') => (&v[..v.len() - 1], 1024 * 1024),
                Some('G') => (&v[..v.len() - 1], 1024 * 1024 * 1024),
                _ => (v, 1),
            };
            n.parse::<usize>().unwrap_or(0) * mult
        };
        match k {
            "if" => input = Some(v.to_string()),
            "of" => output = Some(v.to_string()),
            "bs" | "ibs" | "obs" => bs = num().max(1),
            "count" => count = Some(num()),
            "skip" => skip = num(),
            _ => {}
        }
    }
    let data = match input.as_deref() {
        Some("/dev/zero") => vec![0u8; bs.saturating_mul(count.unwrap_or(0)).min(ctx.budget.bytes_left as usize)],
        Some("/dev/urandom") | Some("/dev/random") => {
            let n = bs.saturating_mul(count.unwrap_or(0)).min(ctx.budget.bytes_left as usize);
            let mut seed = 0x9e3779b97f4a7c15u64 ^ ctx.now as u64;
            (0..n)
                .map(|_| {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    seed as u8
                })
                .collect()
        }
        Some(f) => match read_input(ctx, f) {
            Ok(d) => d,
            Err(e) => {
                fail(ctx, "dd", &format!("can't open '{f}': {e}"));
                return 1;
            }
        },
        None => ctx.input().to_vec(),
    };
    let start = (skip * bs).min(data.len());
    let end = match count {
        Some(c) => (start + c.saturating_mul(bs)).min(data.len()),
        None => data.len(),
    };
    let chunk = data[start..end].to_vec();
    let n = chunk.len();
    match output {
        Some(f) => {
            if let Err(e) = write_file(ctx, &f, chunk) {
                fail(ctx, "dd", &format!("can't open '{f}': {e}"));
                return 1;
            }
        }
        None => ctx.write_out(&chunk),
    }
    let full = n / bs;
    let part = (n % bs != 0) as usize;
    ctx.err(&format!(
        "{full}+{part} records in\n{full}+{part} records out\n{n} bytes ({}) copied\n",
        human_bytes(n as u64)
    ));
    0
}

fn human_bytes(n: u64) -> String {
    if n < 1024 {
        format!("{n} B")
    } else if n < 1024 * 1024 {
        format!("{:.1} KiB", n as f64 / 1024.0)
    } else {
        format!("{:.1} MiB", n as f64 / 1048576.0)
    }
}
