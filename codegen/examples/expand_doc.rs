//! Prints what `#[alipay_service]` expands to, formatted with prettyplease:
//! a stand-in for `cargo expand` (which is not needed to build this
//! repository).
//!
//! ```text
//! # one declaration: the module `name` (default: the service with `.` → `_`)
//! cargo run -p alipay-mapi-codegen --example expand_doc -- <manifest-dir> <doc> <service> [<name>]
//! # a whole source file: every top-level `#[alipay_service(..)]` /
//! # `#[alipay_mapi::alipay_service(..)]` module replaced by its expansion
//! cargo run -p alipay-mapi-codegen --example expand_doc -- --file <manifest-dir> <file.rs>
//! ```
//!
//! `doc` paths are resolved against `<manifest-dir>`, as the macro resolves
//! them against `CARGO_MANIFEST_DIR`. A declaration that does not expand
//! cleanly (its expansion holds `compile_error!`) fails with exit status 1.
//! `bench-decls/generate.py` uses the `--file` form to write out the
//! hand-expanded twin of its benchmark crate.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use quote::{quote, ToTokens};

fn usage() -> ExitCode {
    eprintln!(
        "usage: expand_doc <manifest-dir> <doc> <service> [<module-name>]\n       expand_doc --file <manifest-dir> <file.rs>"
    );
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.as_slice() {
        [flag, dir, file] if flag == "--file" => expand_file(Path::new(dir), Path::new(file)),
        [dir, doc, service, rest @ ..] if rest.len() <= 1 && !dir.starts_with("--") => {
            let name = rest
                .first()
                .cloned()
                .unwrap_or_else(|| service.replace('.', "_"));
            expand_one(Path::new(dir), doc, service, &name)
        }
        _ => return usage(),
    };
    match result {
        Ok(text) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("expand_doc: {message}");
            ExitCode::FAILURE
        }
    }
}

fn expand_one(dir: &Path, doc: &str, service: &str, name: &str) -> Result<String, String> {
    let name = syn::parse_str::<syn::Ident>(name).map_err(|e| format!("`{name}`: {e}"))?;
    let tokens = alipay_mapi_codegen::expand(
        quote!(#service, doc = #doc),
        quote!(pub mod #name {}),
        Some(&absolute(dir)?),
    );
    let item = checked_item(tokens, service)?;
    Ok(prettyplease::unparse(&syn::File {
        shebang: None,
        attrs: Vec::new(),
        items: vec![item],
    }))
}

fn expand_file(dir: &Path, file: &Path) -> Result<String, String> {
    let dir = absolute(dir)?;
    let text = std::fs::read_to_string(file)
        .map_err(|e| format!("cannot read {}: {e}", file.display()))?;
    let mut ast = syn::parse_file(&text).map_err(|e| format!("{}: {e}", file.display()))?;
    for item in &mut ast.items {
        let syn::Item::Mod(module) = item else {
            continue;
        };
        let Some(at) = module.attrs.iter().position(|a| {
            a.path()
                .segments
                .last()
                .is_some_and(|s| s.ident == "alipay_service")
        }) else {
            continue;
        };
        let attr = module.attrs.remove(at);
        let syn::Meta::List(list) = attr.meta else {
            return Err(format!(
                "`#[alipay_service]` on `{}` has no arguments",
                module.ident
            ));
        };
        let label = module.ident.to_string();
        let tokens = alipay_mapi_codegen::expand(list.tokens, module.to_token_stream(), Some(&dir));
        *item = checked_item(tokens, &label)?;
    }
    Ok(prettyplease::unparse(&ast))
}

/// The expansion as one item, or its `compile_error!` messages.
fn checked_item(tokens: proc_macro2::TokenStream, label: &str) -> Result<syn::Item, String> {
    let file: syn::File =
        syn::parse2(tokens).map_err(|e| format!("{label}: expansion does not parse: {e}"))?;
    let mut errors = Vec::new();
    let mut module = None;
    for item in file.items {
        match item {
            syn::Item::Macro(m)
                if m.mac
                    .path
                    .segments
                    .last()
                    .is_some_and(|s| s.ident == "compile_error") =>
            {
                errors.push(m.mac.tokens.to_string());
            }
            other => module = Some(other),
        }
    }
    if !errors.is_empty() {
        return Err(format!("{label}:\n  {}", errors.join("\n  ")));
    }
    module.ok_or_else(|| format!("{label}: empty expansion"))
}

fn absolute(dir: &Path) -> Result<PathBuf, String> {
    dir.canonicalize()
        .map_err(|e| format!("{}: {e}", dir.display()))
}
