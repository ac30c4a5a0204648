//! Teaching analyses of images and Dockerfiles: why an image is big and what would make it
//! smaller. [`efficiency`] measures wasted bytes per layer and dive's efficiency score.
//!
//! Sits above `image` and `build` (it builds variants to measure them) and below `engine`.
//! Not here: rendering (see `cli` and `web`).

pub mod efficiency;

pub use efficiency::{analyze, analyze_layers, Analysis, LayerAnalysis, ShippedFile, WastedPath};
