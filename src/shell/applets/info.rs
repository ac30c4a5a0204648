//! System information and network stand-ins: `date`, `uname`, `hostname`, `nproc`,
//! `which`.

use super::common::{fail, Opts};
use crate::shell::applet::Ctx;
use crate::util::time::{civil_from_days as civil, days_from_civil};

const DAYS: [&str; 7] = ["Thursday", "Friday", "Saturday", "Sunday", "Monday", "Tuesday", "Wednesday"];
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Formats a UTC timestamp with a `strftime` subset.
pub fn strftime(fmt: &str, t: i64) -> String {
    let days = t.div_euclid(86400);
    let secs = t.rem_euclid(86400);
    let (y, m, d) = civil(days);
    let (hh, mm, ss) = (secs / 3600, secs % 3600 / 60, secs % 60);
    let wd = DAYS[days.rem_euclid(7) as usize];
    let mon = MONTHS[(m - 1) as usize];
    let yday = days - days_from_civil(y, 1, 1) + 1;
    let mut out = String::new();
    let mut cs = fmt.chars();
    while let Some(c) = cs.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        match cs.next() {
            Some('Y') => out.push_str(&y.to_string()),
            Some('y') => out.push_str(&format!("{:02}", y % 100)),
            Some('m') => out.push_str(&format!("{m:02}")),
            Some('d') => out.push_str(&format!("{d:02}")),
            Some('e') => out.push_str(&format!("{d:2}")),
            Some('H') => out.push_str(&format!("{hh:02}")),
            Some('I') => out.push_str(&format!("{:02}", if hh % 12 == 0 { 12 } else { hh % 12 })),
            Some('p') => out.push_str(if hh < 12 { "AM" } else { "PM" }),
            Some('M') => out.push_str(&format!("{mm:02}")),
            Some('S') => out.push_str(&format!("{ss:02}")),
            Some('s') => out.push_str(&t.to_string()),
            Some('a') => out.push_str(&wd[..3]),
            Some('A') => out.push_str(wd),
            Some('b') | Some('h') => out.push_str(&mon[..3]),
            Some('B') => out.push_str(mon),
            Some('j') => out.push_str(&format!("{yday:03}")),
            Some('u') => out.push_str(&(((days + 3).rem_euclid(7)) + 1).to_string()),
            Some('w') => out.push_str(&((days + 4).rem_euclid(7)).to_string()),
            Some('Z') => out.push_str("UTC"),
            Some('z') => out.push_str("+0000"),
            Some('F') => out.push_str(&format!("{y}-{m:02}-{d:02}")),
            Some('T') => out.push_str(&format!("{hh:02}:{mm:02}:{ss:02}")),
            Some('R') => out.push_str(&format!("{hh:02}:{mm:02}")),
            Some('D') => out.push_str(&format!("{m:02}/{d:02}/{:02}", y % 100)),
            Some('c') => out.push_str(&strftime("%a %b %e %H:%M:%S %Y", t)),
            Some('N') => out.push_str("000000000"),
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('%') => out.push('%'),
            Some(o) => {
                out.push('%');
                out.push(o);
            }
            None => out.push('%'),
        }
    }
    out
}

/// `date [-u] [-d @SECS] [+FORMAT]` (always UTC, from the build clock).
pub fn date(ctx: &mut Ctx<'_>, argv: &[String]) -> i32 {
    let o = Opts::parse(argv, "dr");
    let mut t = ctx.now;
    if let Some(d) = o.val('d') {
        match d.strip_prefix('@').and_then(|n| n.parse().ok()) {
            Some(v) => t = v,
            None => {
                fail(ctx, "date", &format!("invalid date '{d}'"));
                return 1;
            }
        }
    }
    let fmt = o.args.iter().find_map(|a| a.strip_prefix('+')).unwrap_or("%a %b %e %H:%M:%S %Z %Y");
    let s = strftime(fmt, t);
    ctx.out(&format!("{s}\n"));
    0
}

fn host(ctx: &Ctx<'_>) -> String {
    ctx.fs
        .read("/", "/etc/hostname")
        .ok()
        .map(|c| String::from_utf8_lossy(&c.bytes()).trim().to_string())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "buildkitsandbox".into())
}

/// `uname [-asnrvmo]`
pub fn uname(ctx: &mut Ctx<'_>, argv: &[String]) -> i32 {
    let o = Opts::parse(argv, "");
    let all = o.has('a');
    let h = host(ctx);
    let fields = [
        ('s', "Linux".to_string()),
        ('n', h),
        ('r', "6.6.0-layerlab".to_string()),
        ('v', "#1 SMP PREEMPT_DYNAMIC layerlab".to_string()),
        ('m', "x86_64".to_string()),
        ('o', "GNU/Linux".to_string()),
    ];
    let mut parts: Vec<String> = fields.iter().filter(|(c, _)| all || o.has(*c)).map(|(_, v)| v.clone()).collect();
    if parts.is_empty() {
        parts.push("Linux".into());
    }
    ctx.out(&format!("{}\n", parts.join(" ")));
    0
}

/// `hostname`
pub fn hostname(ctx: &mut Ctx<'_>, _argv: &[String]) -> i32 {
    let h = host(ctx);
    ctx.out(&format!("{h}\n"));
    0
}

/// `nproc`
pub fn nproc(ctx: &mut Ctx<'_>, _argv: &[String]) -> i32 {
    ctx.out("4\n");
    0
}

/// `which NAME…`
pub fn which(ctx: &mut Ctx<'_>, argv: &[String]) -> i32 {
    let o = Opts::parse(argv, "");
    let mut status = 0;
    for name in &o.args {
        let found = if name.contains('/') {
            ctx.fs
                .lookup(&ctx.cwd, name, true)
                .is_ok_and(|(_, n)| n.is_file() && n.meta.mode & 0o111 != 0)
                .then(|| name.clone())
        } else {
            ctx.path_candidates(name)
                .find(|p| ctx.fs.lookup(&ctx.cwd, p, true).is_ok_and(|(_, n)| n.is_file() && n.meta.mode & 0o111 != 0))
        };
        match found {
            Some(p) => ctx.out(&format!("{p}\n")),
            None => status = 1,
        }
    }
    status
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(strftime("%Y-%m-%d %H:%M:%S %a %j", 0), "1970-01-01 00:00:00 Thu 001");
        assert_eq!(strftime("%F %T %A %B", 1_700_000_000), "2023-11-14 22:13:20 Tuesday November");
        assert_eq!(strftime("%j", 1_700_000_000), "318");
        assert_eq!(civil(19675), (2023, 11, 14));
    }
}
