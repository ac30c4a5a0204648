//! Runaway and hostile input: every limit is a clear error (never a silent cut, a panic, a
//! stack overflow or unbounded memory).

use super::tests::{base, proc};
use super::*;

/// Runs `script` with the default budget; returns (stdout, stderr, code, stopped).
fn run(script: &str) -> (String, String, i32, Option<BudgetError>) {
    let mut t = base();
    let mut b = Budget::default();
    let o = run_script(&mut t, &proc(), script, &mut b);
    (String::from_utf8_lossy(&o.stdout).into_owned(), String::from_utf8_lossy(&o.stderr).into_owned(), o.code, o.stopped)
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
