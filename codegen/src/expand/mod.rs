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
use crate::syntax::parse_document_parts;
use crate::{
    check, Diagnostic, Document, ErrorCodeSpec, ErrorVariant, Interface, LengthRule, Options,
    Table, TableKind,
};

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
            stubs(&default_krate(), "", Vec::new()),
            e.to_compile_error(),
        ),
        Ok(args) => {
            let krate: syn::Path = args.krate.clone().unwrap_or_else(default_krate);
            let service = args.service.value();
            match &args.problems {
                Some(problems) => (
                    stubs(&krate, &service, Vec::new()),
                    problems.to_compile_error(),
                ),
                None => match interface(&args, manifest_dir) {
                    Ok((interface, rebuild)) => {
                        let mut tokens = emit::interface(&interface, &krate);
                        tokens.extend(rebuild);
                        (tokens, TokenStream::new())
                    }
                    Err(failure) => (
                        stubs(&krate, &service, stub_errors(&service, failure.codes)),
                        failure.errors,
                    ),
                },
            }
        }
    };
    // Appended as tokens: parsing our own output back into `syn` items cost
    // more than reading, checking and emitting the document together.
    content.push(syn::Item::Verbatim(generated));
    let mut out = errors;
    module.to_tokens(&mut out);
    out
}

fn default_krate() -> syn::Path {
    syn::parse_quote!(::alipay_mapi)
}

/// Why the tables gave no interface: the compile errors, and the error codes
/// of the error table when it could be read, for the stub `ErrorCode`.
struct Failure {
    errors: TokenStream,
    codes: Option<Vec<ErrorCodeSpec>>,
}

impl Failure {
    fn new(errors: TokenStream) -> Self {
        Failure {
            errors,
            codes: None,
        }
    }
}

/// Reads, parses and checks the tables; on failure, the compile errors.
fn interface(
    args: &Args,
    manifest_dir: Option<&Path>,
) -> Result<(Interface, TokenStream), Failure> {
    let service = args.service.value();
    let mut options = Options::default();
    if let Some(length) = &args.length {
        options.length_rule = match length.value().as_str() {
            "gbk" => LengthRule::GbkWidth,
            "chars" => LengthRule::Chars,
            "utf8" => LengthRule::Utf8Bytes,
            other => {
                return Err(Failure::new(error_at(
                    length,
                    format!("unknown length rule `{other}`; expected \"gbk\" (the default: ASCII 1, Chinese 2), \"chars\" or \"utf8\""),
                )))
            }
        };
    }
    if let Some(access) = &args.access {
        options.access = Some(match access.value().as_str() {
            "page" => crate::Access::Page,
            "server" => crate::Access::Server,
            "app" => crate::Access::App,
            other => {
                return Err(Failure::new(error_at(
                    access,
                    format!("unknown access `{other}`; expected \"page\" (页面跳转: the buyer's browser is sent to the gateway), \"server\" (服务器调用: the merchant's server calls it and reads an XML answer) or \"app\" (客户端调用: the signed order string is handed to the app's SDK; the result comes by notification)"),
                )))
            }
        });
    }
    if let Some(one_of) = &args.one_of {
        for group in one_of.value().split(';').filter(|g| !g.trim().is_empty()) {
            let names: Vec<String> = group
                .split(['|', ','])
                .map(|n| n.trim().to_owned())
                .filter(|n| !n.is_empty())
                .collect();
            if names.len() < 2 {
                return Err(Failure::new(error_at(
                    one_of,
                    format!("one_of group `{}` names fewer than two parameters; write `a | b`, groups separated by `;`", group.trim()),
                )));
            }
            options.one_of.push(names);
        }
    }
    if let Some(either) = &args.either {
        for group in either.value().split(';').filter(|g| !g.trim().is_empty()) {
            let alternatives: Vec<Vec<String>> = group
                .split('|')
                .map(|alternative| {
                    alternative
                        .split('+')
                        .map(|n| n.trim().to_owned())
                        .filter(|n| !n.is_empty())
                        .collect::<Vec<String>>()
                })
                .collect();
            if alternatives.len() < 2 || alternatives.iter().any(Vec::is_empty) {
                return Err(Failure::new(error_at(
                    either,
                    format!("either group `{}` needs two alternatives or more, each naming parameters; write `price + quantity | total_fee`, groups separated by `;`", group.trim()),
                )));
            }
            options.either.push(alternatives);
        }
    }
    let inline = [
        &args.request,
        &args.response,
        &args.notify,
        &args.answer,
        &args.errors,
    ]
    .iter()
    .any(|t| t.is_some());
    let source = match &args.doc {
        Some(doc) => {
            let path = resolve(doc, manifest_dir).map_err(Failure::new)?;
            // The path as written, not as resolved: the message is the same
            // on every machine.
            Some((path, doc.value(), doc))
        }
        None if !inline => {
            let Some(base) = manifest_dir else {
                return Err(Failure::new(error_at(
                    &args.service,
                    "CARGO_MANIFEST_DIR is not set: cannot look for the document (build with cargo)",
                )));
            };
            let (path, shown) = crate::source::discover(base, &service)
                .map_err(|e| Failure::new(error_at(&args.service, e)))?;
            Some((path, shown, &args.service))
        }
        None => None,
    };
    let (mut document, anchor, label, rebuild) = match source {
        Some((path, shown, anchor)) => {
            let text = crate::source::read(&path, &shown)
                .map_err(|e| Failure::new(error_at(anchor, e)))?;
            let absolute = path.to_string_lossy().into_owned();
            let is_text = !absolute.to_ascii_lowercase().ends_with(".pdf");
            // A PDF's diagnostics count lines of the Markdown it reads as.
            let shown = if is_text {
                shown
            } else {
                format!(
                    "{shown} (line numbers are those of the Markdown `alipay-mapi import {shown}` writes)"
                )
            };
            // Bytes, not text: a document may be GBK or UTF-16 (the reader
            // decodes it above); this only makes cargo rebuild on a change.
            let rebuild = quote!(
                const _: &[u8] = ::core::include_bytes!(#absolute);
            );
            let (mut document, mut diags) = parse_document_parts(&text, options.access);
            let mut errors = TokenStream::new();
            if let Some(request) = &args.request {
                // A document without request table (a notification-only
                // page) may take its request table inline.
                match (&document.request, crate::parse_table(&request.value(), TableKind::Request)) {
                    (Some(table), _) => errors.extend(error_at(
                        request,
                        format!(
                            "`{shown}` already has a request table (line {}): give `request` only for a document without one",
                            table.header_line
                        ),
                    )),
                    (None, Ok(table)) => document.request = Some(table),
                    (None, Err(d)) => errors.extend(diagnostics(request, "request table", &d)),
                }
            }
            if !diags.is_empty() || !errors.is_empty() {
                // Every problem in one build: the rows that parsed are checked
                // too. Checks about the document as a whole (a missing table)
                // are left out, as a table that failed to parse reads as missing.
                let codes = document.errors.clone();
                if let Err(more) = check(&service, document, &options) {
                    diags.extend(more.into_iter().filter(|d| d.line.is_some()));
                    diags.sort_by_key(|d| d.line);
                    diags.dedup();
                }
                errors.extend(diagnostics(anchor, &shown, &diags));
                return Err(Failure { errors, codes });
            }
            (document, anchor, shown, rebuild)
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
    if args.length.is_some() {
        // The declaration's `length` overrides the units the document gives.
        for table in [
            &mut document.request,
            &mut document.response,
            &mut document.notify,
            &mut document.answer,
        ]
        .into_iter()
        .flatten()
        {
            for p in &mut table.params {
                p.length_rule = None;
            }
        }
    }
    let codes = document.errors.clone();
    let interface = check(&service, document, &options).map_err(|diags| {
        // What `one_of` or `either` names is reported at that argument.
        let (named, rest): (Vec<Diagnostic>, Vec<Diagnostic>) = diags
            .into_iter()
            .partition(|d| argument_named_by(args, d).is_some());
        let mut errors: TokenStream = named
            .iter()
            .filter_map(|d| argument_named_by(args, d).map(|literal| error_at(literal, d)))
            .collect();
        errors.extend(diagnostics(anchor, &label, &rest));
        Failure { errors, codes }
    })?;
    Ok((interface, rebuild))
}

fn inline_document(args: &Args) -> Result<(Document, &LitStr), Failure> {
    let mut document = Document::default();
    let mut errors = TokenStream::new();
    let tables = [
        (&args.request, TableKind::Request, "request table"),
        (&args.response, TableKind::Response, "response table"),
        (&args.notify, TableKind::Notify, "notify table"),
        (&args.answer, TableKind::Answer, "answer table"),
    ];
    for (literal, kind, label) in tables {
        let Some(literal) = literal else { continue };
        match crate::parse_table(&literal.value(), kind) {
            Ok(table) => match kind {
                TableKind::Request => document.request = Some(table),
                TableKind::Response => document.response = Some(table),
                TableKind::Notify => document.notify = Some(table),
                TableKind::Answer => document.answer = Some(table),
                TableKind::Errors => {}
            },
            Err(diags) => errors.extend(diagnostics(literal, label, &diags)),
        }
    }
    if let Some(literal) = &args.errors {
        match crate::parse_error_table(&literal.value()) {
            Ok(codes) => document.errors = Some(codes),
            Err(diags) => errors.extend(diagnostics(literal, "error-code table", &diags)),
        }
    }
    let anchor = args
        .request
        .as_ref()
        .or(args.response.as_ref())
        .or(args.notify.as_ref())
        .unwrap_or(&args.service);
    if errors.is_empty() {
        Ok((document, anchor))
    } else {
        Err(Failure {
            errors,
            codes: document.errors,
        })
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

/// The `one_of` or `either` argument a diagnostic of the check is about
/// (its message starts with the argument's name: `one_of names …`).
fn argument_named_by<'a>(args: &'a Args, diagnostic: &Diagnostic) -> Option<&'a LitStr> {
    [("one_of ", &args.one_of), ("either ", &args.either)]
        .into_iter()
        .find(|(name, _)| diagnostic.message.starts_with(name))
        .and_then(|(_, literal)| literal.as_ref())
}

/// One `compile_error!` per diagnostic, each at the literal that holds the
/// table, prefixed with what the literal is (the document's path, `request
/// table`…) unless the message already says it.
fn diagnostics(literal: &LitStr, label: &str, diags: &[Diagnostic]) -> TokenStream {
    diags
        .iter()
        .map(|d| {
            if d.message.starts_with(label) {
                error_at(literal, d)
            } else {
                error_at(literal, format!("{label}: {d}"))
            }
        })
        .collect()
}

/// The variants of the stub `ErrorCode`: those of the error table, when it
/// was read and is sound by itself.
fn stub_errors(service: &str, codes: Option<Vec<ErrorCodeSpec>>) -> Vec<ErrorVariant> {
    let Some(codes) = codes else {
        return Vec::new();
    };
    let document = Document {
        request: Some(Table {
            header_line: 1,
            params: Vec::new(),
        }),
        errors: Some(codes),
        ..Document::default()
    };
    check(service, document, &Options::default())
        .map(|interface| interface.errors)
        .unwrap_or_default()
}

/// What a bad declaration still defines, so that code using it reports only
/// the real error: the items of an interface without parameters —
/// `SERVICE`, `SPEC`, `Request` (with `validate` and `ServiceRequest`),
/// `Response` and `Notify` (with `ServiceReturn`), and `ErrorCode` with the
/// variants of the error table when it could be read. Struct literals that
/// name the fields of the bad table still fail: the fields are unknown.
fn stubs(krate: &syn::Path, service: &str, errors: Vec<ErrorVariant>) -> TokenStream {
    let interface = Interface {
        service: service.to_owned(),
        request: Vec::new(),
        has_request: true,
        request_base: Vec::new(),
        response: Some(Vec::new()),
        response_base: Vec::new(),
        notify: Some(Vec::new()),
        notify_base: Vec::new(),
        errors,
        sdk_codes: Vec::new(),
        length_rule: LengthRule::default(),
        answer: None,
        sdk_result: Some(Vec::new()),
        access: crate::Access::Page,
        one_of: Vec::new(),
        either: Vec::new(),
    };
    emit::stub_interface(&interface, krate)
}
