//! Go's `time.ParseDuration`, used by BuildKit for `HEALTHCHECK --interval=30s` and friends,
//! with Go's error wording.

use super::expand::go_quote;

/// Parses a Go duration (`1h30m`, `1.5s`, `300ms`, `-2us`) to nanoseconds.
pub fn parse_go_duration(s: &str) -> Result<i64, String> {
    let invalid = || format!("time: invalid duration {}", go_quote(s));
    let mut rest = s;
    let neg = match rest.chars().next() {
        Some('-') => {
            rest = &rest[1..];
            true
        }
        Some('+') => {
            rest = &rest[1..];
            false
        }
        _ => false,
    };
    if rest == "0" {
        return Ok(0);
    }
    if rest.is_empty() {
        return Err(invalid());
    }
    let mut total: f64 = 0.0;
    while !rest.is_empty() {
        let int_len = rest.chars().take_while(|c| c.is_ascii_digit()).count();
        let int_part = &rest[..int_len];
        rest = &rest[int_len..];
        let mut frac_part = "";
        if let Some(after) = rest.strip_prefix('.') {
            let n = after.chars().take_while(|c| c.is_ascii_digit()).count();
            frac_part = &after[..n];
            rest = &after[n..];
        }
        if int_part.is_empty() && frac_part.is_empty() {
            return Err(invalid());
        }
        let unit_len = rest.chars().take_while(|c| *c != '.' && !c.is_ascii_digit()).map(char::len_utf8).sum();
        let unit = &rest[..unit_len];
        rest = &rest[unit_len..];
        let scale: f64 = match unit {
            "" => return Err(format!("time: missing unit in duration {}", go_quote(s))),
            "ns" => 1.0,
            "us" | "µs" | "μs" => 1e3,
            "ms" => 1e6,
            "s" => 1e9,
            "m" => 60e9,
            "h" => 3600e9,
            _ => return Err(format!("time: unknown unit {} in duration {}", go_quote(unit), go_quote(s))),
        };
        let number: f64 = format!("{}.{}", if int_part.is_empty() { "0" } else { int_part }, frac_part)
            .trim_end_matches('.')
            .parse()
            .map_err(|_| invalid())?;
        total += number * scale;
        if total > i64::MAX as f64 {
            return Err(invalid());
        }
    }
    let n = total.round() as i64;
    Ok(if neg { -n } else { n })
}

/// Go's `time.Duration.String` of `ns` nanoseconds: `0s`, `500ms`, `1.5s`, `1m30s`,
/// `1h0m0s` (how the daemon prints durations in its messages).
pub fn go_duration_string(ns: i64) -> String {
    if ns == 0 {
        return "0s".into();
    }
    let u = ns.unsigned_abs();
    // `v` in units of 10^-digits, with the fraction's trailing zeros dropped.
    let frac = |v: u64, digits: u32| {
        let p = 10u64.pow(digits);
        let f = format!("{:0width$}", v % p, width = digits as usize);
        match f.trim_end_matches('0') {
            "" => (v / p).to_string(),
            f => format!("{}.{f}", v / p),
        }
    };
    let s = if u < 1_000 {
        format!("{u}ns")
    } else if u < 1_000_000 {
        format!("{}µs", frac(u, 3))
    } else if u < 1_000_000_000 {
        format!("{}ms", frac(u, 6))
    } else {
        let secs = u / 1_000_000_000;
        let (h, m) = (secs / 3600, secs / 60 % 60);
        let sec = frac(secs % 60 * 1_000_000_000 + u % 1_000_000_000, 9);
        match (h, m) {
            (0, 0) => format!("{sec}s"),
            (0, m) => format!("{m}m{sec}s"),
            (h, m) => format!("{h}h{m}m{sec}s"),
        }
    };
    if ns < 0 {
        format!("-{s}")
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_as_go_prints_them() {
        let cases = [
            (0, "0s"),
            (500, "500ns"),
            (1_500, "1.5µs"),
            (500_000_000, "500ms"),
            (3_000_000_000, "3s"),
            (1_500_000_000, "1.5s"),
            (90_000_000_000, "1m30s"),
            (3_600_000_000_000, "1h0m0s"),
            (-2_000_000_000, "-2s"),
        ];
        for (ns, want) in cases {
            assert_eq!(go_duration_string(ns), want);
        }
    }

    #[test]
    fn durations() {
        assert_eq!(parse_go_duration("30s"), Ok(30_000_000_000));
        assert_eq!(parse_go_duration("1m30s"), Ok(90_000_000_000));
        assert_eq!(parse_go_duration("1.5h"), Ok(5_400_000_000_000));
        assert_eq!(parse_go_duration("100ms"), Ok(100_000_000));
        assert_eq!(parse_go_duration("0"), Ok(0));
        assert_eq!(parse_go_duration("5"), Err("time: missing unit in duration \"5\"".into()));
        assert_eq!(parse_go_duration("5x"), Err("time: unknown unit \"x\" in duration \"5x\"".into()));
        assert_eq!(parse_go_duration("abc"), Err("time: invalid duration \"abc\"".into()));
    }
}
