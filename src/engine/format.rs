//! Docker's ways of printing sizes, ages and tables.

/// A size as `docker images` prints it: decimal units, three significant digits
/// (`7.8MB`, `117MB`, `0B`), like go-units' `HumanSizeWithPrecision(size, 3)`.
pub fn human_size(bytes: u64) -> String {
    let (size, unit) = decimal_units(bytes);
    format!("{}{unit}", format_g3(size))
}

/// `bytes` divided by 1000 until it is below 1000 (or in petabytes), with its unit
/// (`B`, `kB`, … `PB`), as go-units' `getSizeAndUnit` does with base 1000.
fn decimal_units(bytes: u64) -> (f64, &'static str) {
    let units = ["B", "kB", "MB", "GB", "TB", "PB"];
    let mut size = bytes as f64;
    let mut i = 0;
    while size >= 1000.0 && i < units.len() - 1 {
        size /= 1000.0;
        i += 1;
    }
    (size, units[i])
}

/// Go's `%.3g` for the values human_size produces.
fn format_g3(v: f64) -> String {
    if v == 0.0 {
        return "0".into();
    }
    let digits = v.abs().log10().floor() as i32 + 1;
    let decimals = (3 - digits).max(0) as usize;
    let s = format!("{v:.decimals$}");
    let s = if s.contains('.') { s.trim_end_matches('0').trim_end_matches('.').to_string() } else { s };
    // Rounding can carry into a fourth digit (999.5 -> "1000"): Go prints "1e+03".
    if s.len() > 3 && !s.contains('.') && v >= 999.5 {
        return "1e+03".into();
    }
    s
}

/// A duration as go-units' `HumanDuration` prints it (`About a minute`, `3 days`).
pub fn human_duration(seconds: i64) -> String {
    let s = seconds.max(0);
    let minutes = s / 60;
    let hours = ((s as f64) / 3600.0 + 0.5) as i64;
    if s < 1 {
        "Less than a second".into()
    } else if s == 1 {
        "1 second".into()
    } else if s < 60 {
        format!("{s} seconds")
    } else if minutes == 1 {
        "About a minute".into()
    } else if minutes < 60 {
        format!("{minutes} minutes")
    } else if hours == 1 {
        "About an hour".into()
    } else if hours < 48 {
        format!("{hours} hours")
    } else if hours < 24 * 7 * 2 {
        format!("{} days", hours / 24)
    } else if hours < 24 * 30 * 2 {
        format!("{} weeks", hours / 24 / 7)
    } else if hours < 24 * 365 * 2 {
        format!("{} months", hours / 24 / 30)
    } else {
        format!("{} years", s / 3600 / 24 / 365)
    }
}

/// How long ago, as `docker images` shows it (`2 minutes ago`).
pub fn ago(now: i64, then: i64) -> String {
    format!("{} ago", human_duration(now - then))
}

/// Lays rows out in columns like Go's tabwriter with Docker's settings (minimum width 10,
/// padding 3): every cell but the last of a row is padded to its column's width.
pub fn table(rows: &[Vec<String>]) -> String {
    let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut widths = vec![0; cols];
    for r in rows {
        for (i, c) in r.iter().enumerate() {
            if i + 1 < r.len() {
                widths[i] = widths[i].max(c.chars().count() + 3).max(10);
            }
        }
    }
    let mut out = String::new();
    for r in rows {
        for (i, c) in r.iter().enumerate() {
            out.push_str(c);
            if i + 1 < r.len() {
                out.push_str(&" ".repeat(widths[i] - c.chars().count()));
            }
        }
        out.push('\n');
    }
    out
}

/// Aligns tab-separated text (one row per line) as [`table`] does.
pub fn tabwrite(text: &str) -> String {
    let rows: Vec<Vec<String>> = text.lines().map(|l| l.split('\t').map(String::from).collect()).collect();
    table(&rows)
}

/// Docker's `Ellipsis`: at most `max` characters, the last one `…` when cut.
pub fn ellipsis(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// go-units' `HumanSize` (four significant digits: `7.797MB`).
pub fn human_size4(bytes: u64) -> String {
    let (size, unit) = decimal_units(bytes);
    let digits = if size == 0.0 { 1 } else { size.abs().log10().floor() as i32 + 1 };
    let decimals = (4 - digits).max(0) as usize;
    let s = format!("{size:.decimals$}");
    let s = if s.contains('.') { s.trim_end_matches('0').trim_end_matches('.').to_string() } else { s };
    format!("{s}{unit}")
}

/// Go's `time.Time.String()` in UTC: `2023-11-14 22:13:20 +0000 UTC`.
pub fn go_time(secs: i64) -> String {
    let t = crate::image::rfc3339(secs);
    format!("{} {} +0000 UTC", &t[..10], &t[11..19])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        assert_eq!(human_size(0), "0B");
        assert_eq!(human_size(999), "999B");
        assert_eq!(human_size(7_797_760), "7.8MB");
        assert_eq!(human_size(117_000_000), "117MB");
        assert_eq!(human_size(1_234), "1.23kB");
        assert_eq!(human_size(12_345_678), "12.3MB");
    }

    #[test]
    fn durations() {
        assert_eq!(human_duration(0), "Less than a second");
        assert_eq!(human_duration(45), "45 seconds");
        assert_eq!(human_duration(61), "About a minute");
        assert_eq!(human_duration(600), "10 minutes");
        assert_eq!(human_duration(3600), "About an hour");
        assert_eq!(human_duration(5 * 86_400), "5 days");
        assert_eq!(human_duration(70 * 86_400), "2 months");
    }

    #[test]
    fn tables() {
        let t = table(&[vec!["REPOSITORY".into(), "TAG".into()], vec!["alpine".into(), "3.20".into()]]);
        assert_eq!(t, "REPOSITORY   TAG\nalpine       3.20\n");
        assert_eq!(tabwrite("A\tB\tC\nxx\t\tz\n"), "A         B         C\nxx                  z\n");
        assert_eq!(ellipsis("/bin/sh -c echo hello world", 20), "/bin/sh -c echo hel…");
        assert_eq!(human_size4(7_797_760), "7.798MB");
        assert_eq!(go_time(1_700_000_000), "2023-11-14 22:13:20 +0000 UTC");
    }
}
