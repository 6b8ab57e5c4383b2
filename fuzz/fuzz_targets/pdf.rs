#![no_main]
//! Target `pdf`: any bytes as a PDF. Invariants: `pdf::to_markdown` never
//! panics (the targets build with `panic=abort`, so a panic inside lopdf is
//! a finding even though `to_markdown` turns it into an error on stable); an
//! `Err` has a message; an `Ok` ends in a newline, every table separator row
//! follows a header row, and the parser reads it. Replayed on stable by
//! codegen/tests/pdf.rs (`fuzz/corpus/pdf`, `fuzz/regressions/pdf`).

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    match alipay_mapi_codegen::pdf::to_markdown(data) {
        Ok(md) => {
            assert!(md.ends_with('\n'), "{md:?}");
            let lines: Vec<&str> = md.lines().collect();
            for (i, line) in lines.iter().enumerate() {
                if line.starts_with("|---") {
                    let header = i.checked_sub(1).and_then(|h| lines.get(h));
                    assert!(header.is_some_and(|h| h.starts_with('|')), "{md}");
                }
            }
            let _ = alipay_mapi_codegen::parse_document(&md);
        }
        Err(e) => assert!(!e.to_string().is_empty()),
    }
});
