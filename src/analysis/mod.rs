//! Teaching analyses of images and Dockerfiles: why an image is big and what would make it
//! smaller. [`efficiency`] measures wasted bytes per layer and dive's efficiency score;
//! [`lint`] gives hints tied to Dockerfile lines with measured savings; [`measure`] builds
//! a Dockerfile for both; [`lessons`] reads the guided lessons.
//!
//! Sits above `image` and `build` (it builds variants to measure them) and below `engine`.
//! Not here: rendering (see `cli` and `web`).

pub mod efficiency;
pub mod lessons;
pub mod lint;
pub mod measure;
pub mod treemap;

pub use efficiency::{analyze, analyze_layers, Analysis, LayerAnalysis, ShippedFile, WastedPath};
pub use lint::{lint, Hint};
