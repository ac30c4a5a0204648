//! The native command-line interface: forwards argv to the engine and keeps state on disk.

mod parse;

/// Runs the CLI with the given arguments (without the program name); returns the exit code.
pub fn main(args: Vec<String>) -> i32 {
    if args.first().map(String::as_str) == Some("parse") {
        return parse::run(&args[1..]);
    }
    let _ = args;
    eprintln!("layerlab: no commands yet");
    1
}
