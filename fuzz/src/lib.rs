//! Entry points of the fuzz targets. They live in `entry.rs` so that the
//! stable test `tests/fuzz_replay.rs` of the root package includes the very
//! same code and replays `fuzz/corpus` and `fuzz/regressions` through it.
#![forbid(unsafe_code)]

mod entry;
pub use entry::*;
