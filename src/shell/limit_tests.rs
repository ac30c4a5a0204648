//! Runaway and hostile input: every limit is a clear error (never a silent cut, a panic, a
//! stack overflow or unbounded memory).

use super::tests::{base, proc};
use super::*;

/// Runs `script` with the default budget; returns (stdout, stderr, code, stopped).
fn run(script: &str) -> (String, String, i32, Option<BudgetError>) {
    let mut t = base();
    let mut b = Budget::default();
    let o = run_script(&mut t, &proc(), script, &mut b);
    (
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
        o.code,
        o.stopped,
    )
}

#[test]
fn a_full_pipe_read_to_the_end_is_an_error_not_a_cut() {
    let (out, err, code, stopped) = run("yes 0 | head -c 20000000 | wc -c; echo after");
    assert_eq!(stopped, Some(BudgetError::Pipe(exec::PIPE_CAPACITY)), "{out}{err}");
    assert_eq!(code, STOPPED_STATUS);
    assert!(!out.contains("8388608"), "{out}");
    assert!(err.contains("pipe limit reached"), "{err}");
    let (_, err, _, stopped) = run("yes 0 | head -c 250000000 > /f");
    assert!(stopped.is_some(), "{err}");
}

#[test]
fn readers_of_a_prefix_do_not_trip_the_pipe_limit() {
    let (out, _, code, stopped) = run("yes | head -n 2; yes abc | head -c 5; echo; seq 1 3000000 | head -n 1");
    assert_eq!((out.as_str(), code, stopped), ("y\ny\nabc\na\n1\n", 0, None));
    let (out, _, _, stopped) = run("yes | head -c 5000000 | wc -c");
    assert_eq!((out.as_str(), stopped), ("5000000\n", None));
}

#[test]
fn printf_huge_precisions_and_widths_are_output_or_errors_never_panics() {
    let (out, _, code, _) =
        run("printf '%.65536d' 1 | wc -c; printf '%.70000f' 1 | wc -c; printf '%.3000e\\n' 2 | cut -c1-4");
    assert_eq!((out.as_str(), code), ("65536\n70002\n2.00\n", 0));
    let (out, _, _, _) =
        run("printf '%.70000f' 0.5 | cut -c1-5; printf '%.2000d|%-*d|%*d|\\n' 7 -3 1 -3 2 | tail -c 12");
    assert_eq!(out, "0.500\n07|1  |2  |\n");
    for f in [
        "'%09000000000d' 0",
        "'%*d' -9223372036854775808 1",
        "'%*d' 9223372036854775807 1",
        "'%.*f' 99999999999 1",
        "'%099999999999999999999999d' 1",
    ] {
        let (out, err, code, stopped) = run(&format!("printf {f}; echo \" status=$?\""));
        assert_eq!((out.as_str(), stopped), (" status=1\n", None), "{f}");
        assert!(err.contains("printf: ") && err.contains("too large"), "{f}: {err}");
        assert_eq!(code, 0);
    }
}

#[test]
fn awk_printf_limits_are_awk_errors() {
    let (out, _, _, _) = run("awk 'BEGIN{printf \"%.70000d\\n\",1}' | wc -c");
    assert_eq!(out, "70001\n");
    for prog in [
        "BEGIN{printf \"%*d\",1e18,1}",
        "BEGIN{x=sprintf(\"%*d\",-1e300,1)}",
        "BEGIN{printf \"%*d\",\"nan\",1; print \"\"}",
    ] {
        let (_, err, _, stopped) = run(&format!("awk '{prog}'; echo status=$?"));
        assert!(stopped.is_none(), "{prog}");
        assert!(prog.contains("nan") || err.contains("too large"), "{prog}: {err}");
    }
}

/// `open` repeated `n` times, then `mid`, then `close` repeated `n` times.
fn nest(open: &str, mid: &str, close: &str, n: usize) -> String {
    format!("{}{mid}{}", open.repeat(n), close.repeat(n))
}

#[test]
fn runaway_recursion_is_a_too_deep_error() {
    for script in [
        "a='eval \"$a\"'; eval \"$a\"",
        "echo '. /tmp/s' > /tmp/s; . /tmp/s",
        "echo 'sh /tmp/s' > /tmp/s; sh /tmp/s",
        "f() { f; }; f",
        "f() { echo $(f); }; f",
        ":(){ :|:& };:",
    ] {
        let (_, err, code, _) = run(script);
        assert_ne!(code, 0, "{script}");
        assert!(err.contains("nesting too deep"), "{script}: {err}");
        assert!(err.len() < 100_000, "{script}: one error per level at most");
    }
}

#[test]
fn deep_syntax_is_a_syntax_error() {
    let deep = 6000;
    for script in [
        nest("(", "echo x", ")", deep),
        nest("if true; then ", "echo x", "; fi", deep),
        nest("echo $(", "echo x", ")", deep),
        nest("{ ", "echo x", "; }", deep),
        nest("while ", "false", "; do :; done", deep),
        format!("echo {}", nest("${a:-", "x", "}", deep)),
        format!("echo \"{}\"", nest("${a:-", "x", "}", deep)),
    ] {
        let (out, err, code, stopped) = run(&script);
        assert_eq!((out.as_str(), code, stopped), ("", 2, None), "{}", &script[..40]);
        assert!(err.contains("nesting too deep"), "{err}");
    }
    let (out, err, code, _) = run(&format!("echo $(({}))", nest("(", "1", ")", deep)));
    assert!(out.is_empty() && code != 0 && err.contains("too deep"), "{err}");
    let (_, err, code, _) = run(&format!("echo $(({}1))", "- ".repeat(deep)));
    assert!(code != 0 && err.contains("too deep"), "{err}");
}

#[test]
fn reasonable_nesting_still_works() {
    let n = 40;
    for script in [
        nest("(", "echo x", ")", n),
        nest("if true; then ", "echo x", "; fi", n),
        nest("echo $(", "echo x", ")", n),
        format!("echo {}", nest("${a:-", "x", "}", n)),
        format!("echo $(({}))", nest("(", "1", ")", n)),
        "f() { if [ $1 -lt 40 ]; then f $(($1 + 1)); else echo x; fi; }; f 0".to_string(),
    ] {
        let (out, err, code, _) = run(&format!("x=x; {script}"));
        assert!(code == 0 && (out == "x\n" || out == "1\n"), "{script}: {out}{err}");
    }
}

#[test]
fn awk_recursion_and_deep_programs_are_errors() {
    for prog in [
        "function f(n) { return f(n + 1) } BEGIN { f(0) }".to_string(),
        format!("BEGIN {{ x = {} }}", nest("(", "1", ")", 6000)),
        format!("BEGIN {{ x = {}1 }}", "!".repeat(6000)),
        format!("BEGIN {{ {} }}", nest("{ ", "x = 1", " }", 6000)),
        format!("BEGIN {{ {} }}", nest("if (1) ", "x = 1", "", 6000)),
    ] {
        let (_, err, code, _) = run(&format!("awk '{prog}'; echo status=$?"));
        assert!(err.contains("nesting too deep"), "{}: {err}", &prog[..30]);
        assert_eq!(code, 0);
    }
    let (out, _, _, _) = run("awk 'function f(n) { return n < 30 ? f(n + 1) : n } BEGIN { print f(0) }'");
    assert_eq!(out, "30\n");
}

#[test]
fn growing_strings_and_word_lists_meet_a_memory_budget() {
    for script in [
        "s=a; while :; do s=$s$s; done",
        "s=a; while :; do s=\"$s$s\"; done",
        "set -- $(yes x | head -n 2100000); echo $#",
        "x=$(printf '%0100000000d' 0); echo ${#x}",
    ] {
        let (_, err, code, stopped) = run(script);
        assert!(matches!(stopped, Some(BudgetError::Memory(_)) | Some(BudgetError::Bytes(_))), "{script}: {err}");
        assert_eq!(code, STOPPED_STATUS);
    }
    let (_, err, _, stopped) = run("awk 'BEGIN { x = \"a\"; while (1) x = x x }'");
    assert_eq!(stopped, Some(BudgetError::Memory(applet::MAX_STRING)), "{err}");
}

#[test]
fn appending_one_piece_at_a_time_meets_the_step_budget() {
    // Quadratic copying is charged by the byte, so these end on the step budget (instead
    // of copying for minutes).
    for script in ["awk 'BEGIN { while (1) x = x \"a\" }'", "while :; do s=\"${s}aaaaaaaaaaaaaaaa\"; done"] {
        let (_, err, _, stopped) = run(script);
        assert_eq!(stopped, Some(BudgetError::Steps(Budget::default().steps_left)), "{script}: {err}");
    }
    let (out, _, _, _) = run("s=; i=0; while [ $i -lt 2000 ]; do s=\"${s}x\"; i=$((i+1)); done; echo ${#s}");
    assert_eq!(out, "2000\n");
}

#[test]
fn deep_directories_end_at_the_path_limit() {
    let (out, err, _, stopped) = run("i=0; while mkdir d && cd d; do i=$((i+1)); done; echo $i; pwd | wc -c");
    assert_eq!(stopped, None, "{err}");
    // From /work: 5 + 2 × 2045 = 4095 bytes, the longest path under PATH_MAX.
    assert_eq!(out, "2045\n4096\n", "{err}");
    assert!(err.contains("File name too long"), "{err}");
    let long = vec!["p"; 50_000].join("/");
    let (_, err, code, _) = run(&format!("mkdir -p /{long}"));
    assert!(code != 0 && err.contains("File name too long"), "{err}");
}

#[test]
fn many_files_in_one_directory() {
    let (out, err, _, _) =
        run("cd /tmp && i=0; while [ $i -lt 3000 ]; do : > f$i; i=$((i+1)); done; ls | wc -l; ls -d f299*");
    assert_eq!(out, "3000\nf299\nf2990\nf2991\nf2992\nf2993\nf2994\nf2995\nf2996\nf2997\nf2998\nf2999\n", "{err}");
}

#[test]
fn a_script_without_a_shebang_runs_as_sh_silently() {
    let (out, err, code, _) = run("printf 'echo hi from $0 $1\\n' > hi; chmod +x hi; ./hi arg");
    assert_eq!((out.as_str(), err.as_str(), code), ("hi from ./hi arg\n", "", 0));
}
