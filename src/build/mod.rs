//! build (work in progress).
