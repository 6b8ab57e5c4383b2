//! Replays the fuzz corpus and every crash input through the fuzz targets'
//! own entry points, on the stable toolchain: `fuzz/corpus/<target>/` (the
//! committed, minimised corpus) and `fuzz/regressions/<target>/` (inputs that
//! once crashed, hung or blew up, kept after their fix). See fuzz/README.md.
#![cfg(all(feature = "md5", feature = "rsa", feature = "dsa"))]

#[path = "../fuzz/src/entry.rs"]
mod entry;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::time::Instant;

fn inputs(target: &str) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut files = Vec::new();
    for dir in ["corpus", "regressions"] {
        let Ok(entries) = std::fs::read_dir(root.join(dir).join(target)) else {
            continue;
        };
        for entry in entries {
            let path = entry.expect("a readable directory entry").path();
            if path.is_file() {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// Runs every input, collecting the ones that panic so that one run names
/// them all.
fn replay(target: &str, entry_point: fn(&[u8]), at_least: usize) {
    let files = inputs(target);
    assert!(
        files.len() >= at_least,
        "{target}: {} inputs, expected at least {at_least} (is fuzz/corpus/{target} there?)",
        files.len()
    );
    let start = Instant::now();
    let mut failed = Vec::new();
    for path in &files {
        let data = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        if catch_unwind(AssertUnwindSafe(|| entry_point(&data))).is_err() {
            failed.push(path.display().to_string());
        }
    }
    eprintln!(
        "{target}: {} inputs in {:.1?}",
        files.len(),
        start.elapsed()
    );
    assert!(
        failed.is_empty(),
        "{target}: {} of {} inputs fail:\n{}",
        failed.len(),
        files.len(),
        failed.join("\n")
    );
}

#[test]
fn return_verification() {
    replay("return_verification", entry::return_verification, 10);
}

#[test]
fn key_loading() {
    replay("key_loading", entry::key_loading, 10);
}

#[test]
fn table_parser() {
    replay("table_parser", entry::table_parser, 10);
}

#[test]
fn signing_string() {
    replay("signing_string", entry::signing_string, 10);
}

#[test]
fn xml_answer() {
    replay("xml_answer", entry::xml_answer, 10);
}

#[test]
fn notification_body() {
    replay("notification_body", entry::notification_body, 10);
}

#[cfg(feature = "pdf")]
#[test]
fn pdf() {
    replay("pdf", entry::pdf, 2);
}
