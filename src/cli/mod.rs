//! The native command-line interface: forwards argv to the engine and keeps state on disk.

pub mod layout;

/// Runs the CLI with the given arguments (without the program name); returns the exit code.
pub fn main(args: Vec<String>) -> i32 {
    let _ = args;
    eprintln!("layerlab: no commands yet");
    1
}
