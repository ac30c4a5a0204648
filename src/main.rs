//! The `layerlab` binary: the command-line interface natively, the playground on wasm32.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    std::process::exit(layerlab::cli::main(std::env::args().skip(1).collect()));
}

#[cfg(target_arch = "wasm32")]
fn main() {
    layerlab::web::start();
}
