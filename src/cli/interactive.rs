//! `docker run -it IMAGE sh` on the command line: after the engine attached the terminal to
//! the container's shell, each line of standard input goes to that shell until it exits
//! (end of input counts as `exit`). The prompt is shown only when standard input is a
//! terminal, so a piped session prints just what the shell printed.

use std::io::{BufRead, IsTerminal, Write};

use crate::engine::{Engine, Output};

/// Feeds standard input to the attached shell, printing what it answers with `print`;
/// returns the shell's exit status.
pub fn run(engine: &mut Engine, print: fn(&Output)) -> i32 {
    let stdin = std::io::stdin();
    let show_prompt = stdin.is_terminal();
    let mut lines = stdin.lock().lines();
    let mut code = 0;
    while let Some(prompt) = engine.attach_prompt() {
        if show_prompt {
            print!("{prompt}");
            let _ = std::io::stdout().flush();
        }
        let line = match lines.next() {
            Some(Ok(l)) => l,
            _ => "exit".to_string(),
        };
        let out = engine.attach_line(&line);
        print(&out);
        code = out.code;
    }
    code
}
