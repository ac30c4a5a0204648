//! Signal names and numbers as Docker parses them (moby/sys `signal.ParseSignal`, the Linux
//! table): `STOPSIGNAL` and `--stop-signal` take a name with or without `SIG`, or any
//! non-zero number (Docker does not range-check numbers; the kernel refuses them later).

/// Linux signal names without the `SIG` prefix, and their numbers.
const SIGNALS: &[(&str, i64)] = &[
    ("ABRT", 6),
    ("ALRM", 14),
    ("BUS", 7),
    ("CHLD", 17),
    ("CLD", 17),
    ("CONT", 18),
    ("FPE", 8),
    ("HUP", 1),
    ("ILL", 4),
    ("INT", 2),
    ("IO", 29),
    ("IOT", 6),
    ("KILL", 9),
    ("PIPE", 13),
    ("POLL", 29),
    ("PROF", 27),
    ("PWR", 30),
    ("QUIT", 3),
    ("SEGV", 11),
    ("STKFLT", 16),
    ("STOP", 19),
    ("SYS", 31),
    ("TERM", 15),
    ("TRAP", 5),
    ("TSTP", 20),
    ("TTIN", 21),
    ("TTOU", 22),
    ("URG", 23),
    ("USR1", 10),
    ("USR2", 12),
    ("VTALRM", 26),
    ("WINCH", 28),
    ("XCPU", 24),
    ("XFSZ", 25),
    ("RTMIN", RTMIN),
    ("RTMAX", RTMAX),
];

const RTMIN: i64 = 34;
const RTMAX: i64 = 64;

/// The number of a signal given by name (`SIGTERM`, `term`, `RTMIN+3`) or number (`15`).
/// Errors use Docker's wording (`invalid signal: X`).
pub fn parse(raw: &str) -> Result<i64, String> {
    let invalid = || format!("invalid signal: {raw}");
    if let Some(n) = go_atoi(raw) {
        return if n == 0 { Err(invalid()) } else { Ok(n) };
    }
    let upper = raw.to_ascii_uppercase();
    let name = upper.strip_prefix("SIG").unwrap_or(&upper);
    if let Some(&(_, n)) = SIGNALS.iter().find(|(s, _)| *s == name) {
        return Ok(n);
    }
    // RTMIN+1 … RTMIN+15 and RTMAX-14 … RTMAX-1, spelled exactly so.
    let offset =
        |rest: &str| rest.parse::<i64>().ok().filter(|k| (1..=15).contains(k) && !rest.starts_with(['+', '-', '0']));
    if let Some(k) = name.strip_prefix("RTMIN+").and_then(offset) {
        return Ok(RTMIN + k);
    }
    if let Some(k) = name.strip_prefix("RTMAX-").and_then(offset).filter(|k| *k <= 14) {
        return Ok(RTMAX - k);
    }
    Err(invalid())
}

/// Go's `strconv.Atoi`: optional sign, decimal digits, within 64 bits.
fn go_atoi(s: &str) -> Option<i64> {
    let digits = s.strip_prefix(['+', '-']).unwrap_or(s);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse::<i64>().ok()
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn names_and_numbers() {
        assert_eq!(parse("SIGTERM"), Ok(15));
        assert_eq!(parse("term"), Ok(15));
        assert_eq!(parse("SIGQUIT"), Ok(3));
        assert_eq!(parse("RTMIN+3"), Ok(37));
        assert_eq!(parse("SIGRTMAX-1"), Ok(63));
        assert_eq!(parse("9"), Ok(9));
        // Docker takes any non-zero number; only the kernel refuses it at `docker stop`.
        assert_eq!(parse("99999"), Ok(99999));
        assert_eq!(parse("-5"), Ok(-5));
    }

    #[test]
    fn refuses_what_docker_refuses() {
        for bad in ["0", "FOO", "SIG", "", "RTMIN+16", "RTMAX-15", "99999999999999999999", "1.5"] {
            assert_eq!(parse(bad), Err(format!("invalid signal: {bad}")), "{bad}");
        }
    }
}
