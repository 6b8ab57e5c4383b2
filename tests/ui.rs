//! Compile-time behaviour of `#[alipay_service]`: what it accepts (and that
//! the generated items are usable), and the messages of what it refuses.
//!
//! `TRYBUILD=overwrite cargo test --test ui` rewrites the `.stderr` files.
//!
//! trybuild builds each file as a crate of its own, and those builds are
//! the test's cost: cases are grouped by topic, several per file (pass
//! files call each case's `main`; a fail file shows several errors).

#[test]
fn ui() {
    // trybuild builds every case in a crate of its own under target/, so the
    // cases' `doc = "docs/…"` paths would resolve there; point them at
    // tests/ui/, which plays the declaring crate's directory (its `docs/`
    // is where the shortest form `#[alipay_service("x.y")]` looks).
    std::env::set_var(
        "ALIPAY_MAPI_MANIFEST_DIR_OVERRIDE",
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/ui"),
    );
    let t = trybuild::TestCases::new();
    t.pass("tests/ui/pass/*.rs");
    t.compile_fail("tests/ui/fail/*.rs");
}
