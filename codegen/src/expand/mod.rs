//! `#[alipay_service]`, callable on `proc_macro2` tokens: parse the
//! attribute, read the tables, check them, emit the module — or, when the
//! input is bad, every error at once plus stub items.

mod attr;
mod emit;

use std::path::{Path, PathBuf};

use proc_macro2::TokenStream;
use quote::{quote, ToTokens};
use syn::LitStr;

use self::attr::Args;
use crate::{check, parse_document, Diagnostic, Document, LengthRule, Options, TableKind};

/// Expands `#[alipay_service(attr)] item`. `manifest_dir` is the declaring
/// crate's `CARGO_MANIFEST_DIR`, against which a `doc` path is resolved.
///
/// Never panics: every problem becomes a `compile_error!` spanned at the
/// literal it is about, next to stub items so the user's code that names the
/// generated types does not drown in follow-on errors.
pub fn expand(attr: TokenStream, item: TokenStream, manifest_dir: Option<&Path>) -> TokenStream {
    let mut module = match syn::parse2::<syn::ItemMod>(item.clone()) {
        Ok(module) => module,
        Err(_) => {
            return syn::Error::new_spanned(
                item,
                "#[alipay_service] goes on an inline module: `pub mod name {}`",
            )
            .to_compile_error()
        }
    };
    let Some((_, content)) = module.content.as_mut() else {
        return syn::Error::new_spanned(
            &module,
            "#[alipay_service] needs an inline module with braces: `pub mod name {}`",
        )
        .to_compile_error();
    };
    let (generated, errors) = match syn::parse2::<Args>(attr) {
        Err(e) => (
            stubs(&syn::parse_quote!(::alipay_mapi)),
            e.to_compile_error(),
        ),
        Ok(args) => {
            let krate: syn::Path = args
                .krate
                .clone()
                .unwrap_or_else(|| syn::parse_quote!(::alipay_mapi));
            match interface(&args, manifest_dir) {
                Ok((interface, rebuild)) => {
                    let mut tokens = emit::interface(&interface, &krate);
                    tokens.extend(rebuild);
                    (tokens, TokenStream::new())
                }
                Err(errors) => (stubs(&krate), errors),
            }
        }
    };
    let generated: syn::File = match syn::parse2(generated) {
        Ok(file) => file,
        Err(e) => return e.to_compile_error(),
    };
    content.extend(generated.items);
    let mut out = errors;
    module.to_tokens(&mut out);
    out
}

/// Reads, parses and checks the tables; on failure, the compile errors.
fn interface(
    args: &Args,
    manifest_dir: Option<&Path>,
) -> Result<(crate::Interface, TokenStream), TokenStream> {
    let service = args.service.value();
    let mut options = Options::default();
    if let Some(length) = &args.length {
        options.length_rule = match length.value().as_str() {
            "gbk" => LengthRule::GbkWidth,
            "chars" => LengthRule::Chars,
            "utf8" => LengthRule::Utf8Bytes,
            other => {
                return Err(error_at(
                    length,
                    format!("unknown length rule `{other}`; expected \"gbk\" (the default: ASCII 1, Chinese 2), \"chars\" or \"utf8\""),
                ))
            }
        };
    }
    let (document, anchor, label, rebuild) = match &args.doc {
        Some(doc) => {
            let path = resolve(doc, manifest_dir)?;
            let text = std::fs::read_to_string(&path)
                .map_err(|e| error_at(doc, format!("cannot read `{}`: {e}", path.display())))?;
            let absolute = path.to_string_lossy().into_owned();
            let rebuild = quote!(
                const _: &str = ::core::include_str!(#absolute);
            );
            let document =
                parse_document(&text).map_err(|diags| diagnostics(doc, &doc.value(), &diags))?;
            (document, doc, doc.value(), rebuild)
        }
        None => {
            let (document, anchor) = inline_document(args)?;
            (
                document,
                anchor,
                "request table".to_owned(),
                TokenStream::new(),
            )
        }
    };
    let interface =
        check(&service, document, &options).map_err(|diags| diagnostics(anchor, &label, &diags))?;
    Ok((interface, rebuild))
}

fn inline_document(args: &Args) -> Result<(Document, &LitStr), TokenStream> {
    let mut document = Document::default();
    let mut errors = TokenStream::new();
    let tables = [
        (&args.request, TableKind::Request, "request table"),
        (&args.response, TableKind::Response, "response table"),
        (&args.notify, TableKind::Notify, "notify table"),
    ];
    for (literal, kind, label) in tables {
        let Some(literal) = literal else { continue };
        match crate::parse_table(&literal.value(), kind) {
            Ok(table) => match kind {
                TableKind::Request => document.request = Some(table),
                TableKind::Response => document.response = Some(table),
                TableKind::Notify => document.notify = Some(table),
                TableKind::Errors => {}
            },
            Err(diags) => errors.extend(diagnostics(literal, label, &diags)),
        }
    }
    if let Some(literal) = &args.errors {
        match crate::parse_error_table(&literal.value()) {
            Ok(codes) => document.errors = Some(codes),
            Err(diags) => errors.extend(diagnostics(literal, "errors table", &diags)),
        }
    }
    let anchor = args.request.as_ref().unwrap_or(&args.service);
    if errors.is_empty() {
        Ok((document, anchor))
    } else {
        Err(errors)
    }
}

/// Resolves a `doc` path against the declaring crate's manifest directory.
fn resolve(doc: &LitStr, manifest_dir: Option<&Path>) -> Result<PathBuf, TokenStream> {
    let relative = PathBuf::from(doc.value());
    if relative.is_absolute() {
        return Err(error_at(
            doc,
            format!(
                "`doc` must be relative to the crate's Cargo.toml directory, not absolute: `{}`",
                relative.display()
            ),
        ));
    }
    let Some(base) = manifest_dir else {
        return Err(error_at(
            doc,
            "CARGO_MANIFEST_DIR is not set: cannot resolve `doc` (build with cargo)",
        ));
    };
    Ok(base.join(relative))
}

fn error_at(literal: &LitStr, message: impl std::fmt::Display) -> TokenStream {
    syn::Error::new(literal.span(), message).to_compile_error()
}

/// One `compile_error!` per diagnostic, each at the literal that holds the table.
fn diagnostics(literal: &LitStr, label: &str, diags: &[Diagnostic]) -> TokenStream {
    diags
        .iter()
        .map(|d| error_at(literal, format!("{label}: {d}")))
        .collect()
}

/// What a bad declaration still defines, so that code using it reports only
/// the real error.
fn stubs(krate: &syn::Path) -> TokenStream {
    quote! {
        /// Not generated: the declaration has errors.
        pub const SERVICE: &str = "";
        /// Not generated: the declaration has errors.
        #[derive(::core::fmt::Debug, ::core::clone::Clone, ::core::cmp::PartialEq, ::core::default::Default)]
        pub struct Request {}
        impl Request {
            /// Not generated: the declaration has errors.
            pub fn validate(&self) -> ::core::result::Result<(), #krate::validate::Violations> {
                ::core::result::Result::Ok(())
            }
        }
        /// Not generated: the declaration has errors.
        #[derive(::core::fmt::Debug, ::core::clone::Clone, ::core::cmp::PartialEq, ::core::default::Default)]
        pub struct Response {}
        /// Not generated: the declaration has errors.
        #[derive(::core::fmt::Debug, ::core::clone::Clone, ::core::cmp::PartialEq, ::core::cmp::Eq)]
        pub enum ErrorCode {
            /// Not generated: the declaration has errors.
            Unknown(::std::string::String),
        }
    }
}
