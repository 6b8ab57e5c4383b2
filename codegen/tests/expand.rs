//! Golden files: what a declaration turns into, formatted. A reviewer reads
//! the diff of `tests/expanded/*.rs` to see exactly what changed in the
//! generated code. Regenerate with `ALIPAY_MAPI_BLESS=1 cargo test -p alipay-mapi-codegen --test expand`.

use std::path::Path;

use quote::quote;

fn expand_to_string(attr: proc_macro2::TokenStream, manifest_dir: &Path) -> String {
    let item = quote!(
        pub mod sns_cae_sign_customer {}
    );
    let tokens = alipay_mapi_codegen::expand(attr, item, Some(manifest_dir));
    let file: syn::File = syn::parse2(tokens).expect("expansion parses as a file");
    let text = prettyplease::unparse(&file);
    // The absolute path of the rebuild trigger differs per checkout.
    let dir = manifest_dir.display().to_string();
    text.replace(&dir, "$MANIFEST_DIR")
}

fn check_golden(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/expanded")
        .join(name);
    if std::env::var_os("ALIPAY_MAPI_BLESS").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}; run with ALIPAY_MAPI_BLESS=1", path.display()));
    if expected != actual {
        let first = expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(expected.lines().count().min(actual.lines().count()));
        panic!(
            "{} differs from the expansion at line {}:\n  golden: {:?}\n  actual: {:?}\nrun with ALIPAY_MAPI_BLESS=1 to accept",
            path.display(),
            first + 1,
            expected.lines().nth(first),
            actual.lines().nth(first)
        );
    }
}

#[test]
fn sns_cae_sign_customer() {
    let interfaces = Path::new(env!("CARGO_MANIFEST_DIR")).join("../interfaces");
    let interfaces = interfaces.canonicalize().unwrap();
    let attr = quote!(
        "sns.cae.sign.customer",
        doc = "docs/sns.cae.sign.customer.md"
    );
    let text = expand_to_string(attr, &interfaces);
    assert!(!text.contains("compile_error"), "{text}");
    check_golden("sns_cae_sign_customer.rs", &text);
}

#[test]
fn parse_and_check_problems_of_a_doc_come_in_one_build() {
    let dir = std::env::temp_dir().join(format!("alipay-mapi-expand-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("docs")).unwrap();
    std::fs::write(
        dir.join("docs/x.md"),
        "## 请求参数\n\n参数说明\t参数名\t类型(精度)\t备注\t可空\t样例\n\
         接口名称\tservice\tString(128)\t接口名称\tN\tother.service\n\
         用户\tsns_user_id\tStrin(50)\t用户\tN\tid1\n",
    )
    .unwrap();
    let attr = quote!("sns.cae.sign.customer", doc = "docs/x.md");
    let tokens = alipay_mapi_codegen::expand(
        attr,
        quote!(
            pub mod m {}
        ),
        Some(&dir),
    )
    .to_string();
    std::fs::remove_dir_all(&dir).ok();
    // A parse problem (the type) and a check problem (the service) together.
    assert!(tokens.contains("type `Strin(50)`"), "{tokens}");
    assert!(tokens.contains("other.service"), "{tokens}");
}

/// A server interface with nested (`trade.*`, `trade.buyer.*`) and repeated
/// (`trade.item[].*`, `trade.tag[]`) answer elements, a row describing an
/// element (`trade`) and a top-level leaf: `Answer`, `Trade`, `Buyer`,
/// `Item`, and `ServerRequest` instead of `PageRequest`.
#[test]
fn server_answer_trade_query() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .canonicalize()
        .unwrap();
    let attr = quote!(
        "demo.trade.query",
        doc = "tests/fixtures/server_trade_query.md"
    );
    let tokens = alipay_mapi_codegen::expand(
        attr,
        quote!(
            pub mod demo_trade_query {}
        ),
        Some(&dir),
    );
    let file: syn::File = syn::parse2(tokens).expect("expansion parses as a file");
    let text = prettyplease::unparse(&file).replace(&dir.display().to_string(), "$MANIFEST_DIR");
    assert!(!text.contains("compile_error"), "{text}");
    // The document's access line, and its answer table, make it a server call.
    assert!(text.contains("impl ::alipay_mapi::ServerRequest for Request"));
    assert!(!text.contains("PageRequest"));
    check_golden("demo_trade_query.rs", &text);
}
