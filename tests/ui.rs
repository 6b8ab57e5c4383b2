//! Compile-time behaviour of `#[alipay_service]`: what it accepts (and that
//! the generated items are usable), and the messages of what it refuses.
//!
//! `TRYBUILD=overwrite cargo test --test ui` rewrites the `.stderr` files.

#[test]
fn ui() {
    // trybuild builds every case in a crate of its own under target/, so the
    // cases' `doc = "tests/ui/docs/…"` paths would resolve there; point them
    // back at this crate before trybuild spawns cargo.
    std::env::set_var(
        "ALIPAY_MAPI_MANIFEST_DIR_OVERRIDE",
        env!("CARGO_MANIFEST_DIR"),
    );
    let t = trybuild::TestCases::new();
    t.pass("tests/ui/pass/*.rs");
    t.compile_fail("tests/ui/fail/*.rs");
}
