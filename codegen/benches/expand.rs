//! What one `#[alipay_service]` declaration costs the compiler (issue #6,
//! target 3), per document:
//!
//! * `parse`: [`parse_document`] alone (text → tables);
//! * `parse_check`: [`parse_and_check`] (→ the checked `Interface`);
//! * `expand`: the whole macro on tokens, as rustc calls it — attribute and
//!   module parsed, the document read from disk, parsed, checked, the module
//!   emitted;
//! * `reparse_output`: `syn` parsing the expansion back as a file — what the
//!   macro does with its own output before returning it, and about what
//!   rustc's parser then does with it again.
//!
//! Documents: `interfaces/docs/sns.cae.sign.customer.md` (3 business
//! parameters) and `benches/synthetic_20.md` (interface 0 of
//! `bench-decls/generate.py`: 20 business parameters, 4 returned, 8 error
//! codes — the declarations the build-time benchmark `bench-decls/run.sh`
//! compiles 100 of), and two test fixtures: `tests/fixtures/html_page.html`
//! (the largest) and `tests/fixtures/layouts/many_tables.md` (nine tables).
//! `server_30` (`benches/server_30.txt`, its tables passed inline): a server
//! call with 10 request parameters and 30 answer leaves in nested and
//! repeated elements (`expand` only: its tables are not one document).
//!
//! ```text
//! cargo bench -p alipay-mapi-codegen --bench expand
//! # as the compiler runs it: proc macros are built unoptimized by default
//! # (cargo's build-override opt-level = 0, in release builds too)
//! cargo bench -p alipay-mapi-codegen --bench expand --profile dev
//! ```

use std::hint::black_box;
use std::path::{Path, PathBuf};

use alipay_mapi_codegen::{expand, parse_and_check, parse_document, Options};
use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use proc_macro2::TokenStream;
use quote::quote;

struct Case {
    name: &'static str,
    service: &'static str,
    manifest_dir: PathBuf,
    doc: &'static str,
    text: String,
}

fn cases() -> Vec<Case> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let interfaces = root.join("../interfaces");
    let benches = root.join("benches");
    let fixtures = root.join("tests/fixtures");
    [
        (
            "sns.cae.sign.customer",
            "sns.cae.sign.customer",
            interfaces,
            "docs/sns.cae.sign.customer.md",
        ),
        (
            "synthetic_20",
            "bench.trade.create.n000",
            benches,
            "synthetic_20.md",
        ),
        // The largest test document (the seed's page as HTML), and one with
        // many tables and layouts of the second wave.
        (
            "html_page",
            "sns.cae.sign.customer",
            fixtures.clone(),
            "html_page.html",
        ),
        (
            "layouts_many_tables",
            "demo.batch.pay",
            fixtures,
            "layouts/many_tables.md",
        ),
    ]
    .into_iter()
    .map(|(name, service, dir, doc)| {
        let dir = dir.canonicalize().expect("bench document directory");
        let text = std::fs::read_to_string(dir.join(doc)).expect("bench document");
        Case {
            name,
            service,
            manifest_dir: dir,
            doc,
            text,
        }
    })
    .collect()
}

fn attr(case: &Case) -> TokenStream {
    let (service, doc) = (case.service, case.doc);
    quote!(#service, doc = #doc)
}

fn item() -> TokenStream {
    quote!(
        pub mod declared {}
    )
}

fn bench(c: &mut Criterion) {
    let options = Options::default();
    for case in cases() {
        // The document must expand cleanly, or the figures mean nothing.
        let expanded = expand(attr(&case), item(), Some(&case.manifest_dir));
        let text = expanded.to_string();
        assert!(!text.contains("compile_error"), "{}: {text}", case.name);
        let interface = parse_and_check(case.service, &case.text, &options).expect("checks");
        if case.name == "synthetic_20" {
            assert_eq!(interface.request.len(), 20);
        }

        let mut group = c.benchmark_group(format!("expand/{}", case.name));
        group.bench_function("parse", |b| {
            b.iter(|| parse_document(black_box(&case.text)))
        });
        group.bench_function("parse_check", |b| {
            b.iter(|| parse_and_check(case.service, black_box(&case.text), &options))
        });
        group.bench_function("expand", |b| {
            b.iter_batched(
                || (attr(&case), item()),
                |(attr, item)| expand(attr, item, Some(&case.manifest_dir)),
                BatchSize::SmallInput,
            )
        });
        group.bench_function("reparse_output", |b| {
            b.iter_batched(
                || expanded.clone(),
                |tokens| syn::parse2::<syn::File>(tokens).expect("parses"),
                BatchSize::SmallInput,
            )
        });
        group.finish();
    }
}

/// The `# request` / `# answer` / `# errors` parts of an inline-tables file.
fn inline_attr(service: &str, text: &str) -> TokenStream {
    let part = |name: &str| -> String {
        let head = format!("# {name}\n");
        let start = text.find(&head).map_or(text.len(), |i| i + head.len());
        let end = text
            .get(start..)
            .and_then(|rest| rest.find("\n# "))
            .map_or(text.len(), |i| start + i);
        text.get(start..end).unwrap_or_default().to_owned()
    };
    let (request, answer, errors) = (part("request"), part("answer"), part("errors"));
    quote!(#service, request = #request, answer = #answer, errors = #errors)
}

fn bench_server(c: &mut Criterion) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("benches/server_30.txt")).expect("bench tables");
    let attr = inline_attr("bench.trade.query30", &text);
    let expanded = expand(attr.clone(), item(), Some(root)).to_string();
    assert!(!expanded.contains("compile_error"), "server_30: {expanded}");
    assert!(expanded.contains("ServerRequest"), "server_30: {expanded}");
    let mut group = c.benchmark_group("expand/server_30");
    group.bench_function("expand", |b| {
        b.iter_batched(
            || attr.clone(),
            |attr| expand(attr, item(), Some(root)),
            BatchSize::SmallInput,
        )
    });
    group.finish();
}

criterion_group!(benches, bench, bench_server);
criterion_main!(benches);
