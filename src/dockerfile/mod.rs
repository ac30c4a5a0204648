//! dockerfile (work in progress).
