//! PDFs drawn the way Word 2013 draws the gateway's interface documents
//! (`codegen/tests/fixtures/pdf/word/cases.py` writes them, one habit each:
//! light borders, caption rows, continuation labels, STYLEREF running
//! headers, headings at the top of narrow-margin pages…). Each must read as
//! intended, or be refused: `gen` never succeeds with other fields than the
//! document's.
#![cfg(feature = "pdf")]

mod common;

use std::path::PathBuf;

use common::run;
use serde_json::Value;

/// Base parameters the declaration leaves to the runtime.
const BASE: &[&str] = &[
    "service",
    "partner",
    "_input_charset",
    "sign_type",
    "sign",
    "is_success",
];

/// Cases whose layout the reader refuses (with an error naming the place)
/// rather than reads; every other case must read exactly.
const REFUSED: &[&str] = &[
    // Borders too light to be rulings (D9D9D9 / BDD7EE): the rows are text.
    "c07_light_grey_borders",
    // A merged caption row above the header.
    "c09_caption_and_note_rows",
    // White inner borders in a dark header row.
    "c29b_header_white_inner_borders_request_only",
    // Dashed inner borders drawn as short filled rectangles.
    "c34_dashed_inner_verticals_as_rects",
];

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../codegen/tests/fixtures/pdf/word")
}

/// `(name, type, nullable)` of a table's fields, base parameters left out.
fn fields(table: &Value) -> Vec<(String, String, bool)> {
    table
        .as_array()
        .map(|rows| {
            rows.iter()
                .filter(|f| !BASE.contains(&f["name"].as_str().unwrap_or_default()))
                .map(|f| {
                    (
                        f["name"].as_str().unwrap_or_default().to_owned(),
                        f["type"].as_str().unwrap_or_default().to_owned(),
                        f["nullable"].as_bool().unwrap_or_default(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn word_pdfs_read_as_intended_or_are_refused() {
    let mut cases: Vec<PathBuf> = std::fs::read_dir(dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect();
    cases.sort();
    assert!(cases.len() >= 17, "{cases:?}");
    for pdf in cases {
        let name = pdf.file_stem().unwrap().to_str().unwrap().to_owned();
        let intended: Value = serde_json::from_str(
            &std::fs::read_to_string(pdf.with_extension("expect.json")).unwrap(),
        )
        .unwrap();
        let out = run(&["--json", "gen", pdf.to_str().unwrap()]);
        let got = out.json();
        if REFUSED.contains(&name.as_str()) {
            assert_eq!(got["ok"], false, "{name}: read instead of refused: {got}");
            out.assert_code(1);
            continue;
        }
        assert_eq!(got["ok"], true, "{name}: {got}");
        for table in ["request", "response", "notify"] {
            assert_eq!(
                fields(&got[table]),
                fields(&intended[table]),
                "{name}: {table}"
            );
        }
        let codes: Vec<&str> = got["errors"]
            .as_array()
            .map(|e| e.iter().filter_map(|c| c["code"].as_str()).collect())
            .unwrap_or_default();
        let wanted: Vec<&str> = intended["errors"]
            .as_array()
            .map(|e| e.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        assert_eq!(codes, wanted, "{name}: error codes");
    }
}
