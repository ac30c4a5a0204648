//! A bounded, deterministic fuzz test of the interpreter: generated scripts with arbitrary
//! nesting, printf and awk formats, expansions and stray syntax must end (budgets), never
//! panic, abort or overflow the stack.

use super::tests::{base, proc};
use super::*;

/// xorshift64*: a small deterministic generator.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }
}

fn number(r: &mut Rng) -> String {
    r.pick(&[
        "0",
        "1",
        "-1",
        "7",
        "65536",
        "70000",
        "9000000000",
        "9223372036854775807",
        "-9223372036854775808",
        "1e18",
        "99999999999999999999",
        "x",
        "",
    ])
    .to_string()
}

fn format_spec(r: &mut Rng) -> String {
    let mut f = String::from("%");
    for _ in 0..r.below(3) {
        f.push_str(r.pick(&["-", "+", " ", "0", "#"]));
    }
    match r.below(4) {
        0 => f.push('*'),
        1 => f.push_str(&number(r).replace(['-', 'x', 'e'], "")),
        _ => {}
    }
    if r.below(2) == 0 {
        f.push('.');
        f.push_str(if r.below(3) == 0 { "*".to_string() } else { number(r).replace(['-', 'x', 'e'], "") }.as_str());
    }
    f.push_str(r.pick(&["d", "i", "u", "x", "X", "o", "e", "E", "f", "g", "G", "c", "s", "b", "%", "q", ""]));
    f
}

fn word(r: &mut Rng, depth: usize) -> String {
    if depth == 0 {
        return r.pick(&["a", "x", "1", "*", "''", "\"\"", "$x", "${#x}", "-n", "[", "}", "\\"]).to_string();
    }
    match r.below(12) {
        0 => format!("${{x:-{}}}", word(r, depth - 1)),
        1 => format!("${{x#{}}}", word(r, depth - 1)),
        2 => format!("\"$({})\"", command(r, depth - 1)),
        3 => format!("$(({}))", arith(r, depth - 1)),
        4 => format!("'{}'", r.pick(&["lit", "a b", "$x", "%d"])),
        5 => format!("{}{}", word(r, depth - 1), word(r, depth - 1)),
        6 => format!("${{x:={}}}", word(r, depth - 1)),
        7 => format!("${{x%%{}}}", word(r, depth - 1)),
        8 => number(r),
        _ => word(r, 0),
    }
}

fn arith(r: &mut Rng, depth: usize) -> String {
    if depth == 0 {
        return number(r).replace(['x', 'e'], "1");
    }
    match r.below(6) {
        0 => format!("({})", arith(r, depth - 1)),
        1 => format!(
            "{} {} {}",
            arith(r, depth - 1),
            r.pick(&["+", "-", "*", "/", "%", "<<", "**", "&&", "?", ":"]),
            arith(r, depth - 1)
        ),
        2 => format!("-{}", arith(r, depth - 1)),
        3 => "x += 1".to_string(),
        _ => arith(r, 0),
    }
}

fn command(r: &mut Rng, depth: usize) -> String {
    if depth == 0 {
        return r.pick(&["true", "false", ":", "echo hi", "x=1", "exit 3", "return", "break", "shift"]).to_string();
    }
    let d = depth - 1;
    match r.below(18) {
        0 => format!("echo {} {}", word(r, d), word(r, d)),
        1 => {
            let n = r.below(3);
            let args: Vec<String> = (0..n).map(|_| number(r)).collect();
            format!("printf '{}{}\\n' {}", format_spec(r), format_spec(r), args.join(" "))
        }
        2 => format!("x={}", word(r, d)),
        3 => format!("( {} )", command(r, d)),
        4 => format!("{{ {}; }}", command(r, d)),
        5 => format!("if {}; then {}; else {}; fi", command(r, d), command(r, d), command(r, d)),
        6 => format!("while {}; do {}; done", command(r, d), command(r, d)),
        7 => format!("for i in {} {}; do {}; done", word(r, d), word(r, d), command(r, d)),
        8 => format!("{} | {}", command(r, d), command(r, d)),
        9 => format!("{} && {} || {}", command(r, d), command(r, d), command(r, d)),
        10 => format!("f() {{ {}; }}; f {}", command(r, d), word(r, d)),
        11 => format!("eval '{}'", command(r, d).replace('\'', "")),
        12 => format!(
            "awk 'BEGIN {{ printf \"{}\\n\", {}, {} }}'",
            format_spec(r).replace('%', "%%").replacen("%%", "%", 1),
            number(r),
            number(r)
        ),
        13 => format!("case {} in a*|x) {};; *) {};; esac", word(r, d), command(r, d), command(r, d)),
        14 => {
            // Deep nesting, well past the nesting budget.
            let n = 1 + r.below(3000);
            let (open, close) = [("(", ")"), ("{ ", "; }"), ("$(", ")"), ("${x:-", "}"), ("$((", "))")][r.below(5)];
            format!("echo {}1{}", open.repeat(n), close.repeat(n))
        }
        15 => {
            format!("{} {}", r.pick(&["(", ")", "if", "then", "fi", "done", ";;", "}", "`", "\"", "'"]), command(r, d))
        }
        16 => format!("set -- {}; echo $# \"$@\"", word(r, d)),
        _ => format!("{}; {}", command(r, d), command(r, d)),
    }
}

#[test]
fn generated_scripts_never_panic_or_hang() {
    let mut r = Rng(0x9E37_79B9_7F4A_7C15);
    for case in 0..300 {
        let depth = 1 + r.below(5);
        let script = command(&mut r, depth);
        if std::env::var("FUZZ_TRACE").is_ok() {
            eprintln!("case {case}: {}", &script[..script.len().min(200)]);
        }
        let mut t = base();
        let mut b = Budget { steps_left: 20_000, bytes_left: 1 << 20, slept_ms: 0 };
        let result =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run_script(&mut t, &proc(), &script, &mut b)));
        assert!(result.is_ok(), "case {case} panicked: {}", &script[..script.len().min(300)]);
    }
}
