//! The `#[alipay_service]` attribute of [alipay-mapi](https://docs.rs/alipay-mapi).
//!
//! Use it through `alipay_mapi::alipay_service`, where it is documented. This
//! crate is only the entry point: parsing, checking and emitting live in
//! `alipay-mapi-codegen`, which the command-line tool shares.
#![forbid(unsafe_code)]
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use proc_macro::TokenStream;

/// Generates an interface of the gateway from its documented tables.
/// See `alipay_mapi::alipay_service` for the documentation.
#[proc_macro_attribute]
pub fn alipay_service(attr: TokenStream, item: TokenStream) -> TokenStream {
    // trybuild builds UI tests in a crate of its own under target/, so the
    // tests point `doc` paths back at the real crate with this variable
    // (the idiom of dtolnay/trybuild#202). Nothing else should set it. It is
    // only for the crate being tested (cargo's primary package), not for its
    // dependencies, which resolve their own `doc` paths.
    let manifest_dir = std::env::var_os("CARGO_PRIMARY_PACKAGE")
        .and_then(|_| std::env::var_os("ALIPAY_MAPI_MANIFEST_DIR_OVERRIDE"))
        .or_else(|| std::env::var_os("CARGO_MANIFEST_DIR"))
        .map(std::path::PathBuf::from);
    alipay_mapi_codegen::expand(attr.into(), item.into(), manifest_dir.as_deref()).into()
}
