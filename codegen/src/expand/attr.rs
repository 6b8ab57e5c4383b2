//! The attribute's arguments:
//! `#[alipay_service("svc", doc = "path" | request = "…", response = "…", notify = "…", answer = "…", errors = "…", length = "gbk" | "chars" | "utf8", access = "page" | "server" | "app", one_of = "a | b; c | d", either = "a + b | c", crate = "path")]`.

use proc_macro2::Span;
use syn::parse::{Parse, ParseStream};
use syn::{LitStr, Token};

/// The parsed arguments of `#[alipay_service(...)]`.
pub(crate) struct Args {
    pub service: LitStr,
    pub doc: Option<LitStr>,
    pub request: Option<LitStr>,
    pub response: Option<LitStr>,
    pub notify: Option<LitStr>,
    /// The XML answer table of a server call, inline.
    pub answer: Option<LitStr>,
    pub errors: Option<LitStr>,
    pub length: Option<LitStr>,
    /// `access = "page" | "server" | "app"`: overrides the document's access kind.
    pub access: Option<LitStr>,
    /// `one_of = "trade_no | out_trade_no"`: groups, `;`-separated, of
    /// optional request parameters of which one must be given.
    pub one_of: Option<LitStr>,
    /// `either = "price + quantity | total_fee"`: groups, `;`-separated, of
    /// alternatives (`|`), each of optional request parameters given
    /// together (`+`), of which exactly one must be given.
    pub either: Option<LitStr>,
    pub krate: Option<syn::Path>,
    /// Problems of arguments that were read past (unknown, repeated,
    /// conflicting…): the service name and `crate` are still known, so the
    /// stubs can use them.
    pub problems: Option<syn::Error>,
}

impl Parse for Args {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        if input.is_empty() {
            return Err(syn::Error::new(
                Span::call_site(),
                "expected the service name: #[alipay_service(\"service.name\", doc = \"docs/service.name.md\")]",
            ));
        }
        let service: LitStr = input.parse().map_err(|e| {
            syn::Error::new(
                e.span(),
                "the first argument is the service name as a string literal, e.g. \"sns.cae.sign.customer\"",
            )
        })?;
        let mut args = Args {
            service,
            doc: None,
            request: None,
            response: None,
            notify: None,
            answer: None,
            errors: None,
            length: None,
            access: None,
            one_of: None,
            either: None,
            krate: None,
            problems: None,
        };
        let mut errors: Option<syn::Error> = None;
        let mut push = |e: syn::Error| match &mut errors {
            Some(all) => all.combine(e),
            None => errors = Some(e),
        };
        while !input.is_empty() {
            input.parse::<Token![,]>()?;
            if input.is_empty() {
                break;
            }
            let key: syn::Ident = if input.peek(Token![crate]) {
                let kw: Token![crate] = input.parse()?;
                syn::Ident::new("crate", kw.span)
            } else {
                input.parse()?
            };
            input.parse::<Token![=]>()?;
            let value: LitStr = input.parse()?;
            let slot = match key.to_string().as_str() {
                "doc" => &mut args.doc,
                "request" => &mut args.request,
                "response" => &mut args.response,
                "notify" => &mut args.notify,
                "answer" => &mut args.answer,
                "errors" => &mut args.errors,
                "length" => &mut args.length,
                "access" => &mut args.access,
                "one_of" => &mut args.one_of,
                "either" => &mut args.either,
                "crate" => {
                    match value.parse::<syn::Path>() {
                        Ok(path) => args.krate = Some(path),
                        Err(_) => push(syn::Error::new(
                            value.span(),
                            "`crate` must be a path, such as \"::alipay_mapi\"",
                        )),
                    }
                    continue;
                }
                other => {
                    push(syn::Error::new(
                        key.span(),
                        format!(
                            "unknown argument `{other}`; expected doc, request, response, notify, answer, errors, length, access, one_of, either or crate"
                        ),
                    ));
                    continue;
                }
            };
            if slot.is_some() {
                push(syn::Error::new(
                    key.span(),
                    format!("`{key}` is given twice"),
                ));
            }
            *slot = Some(value);
        }
        // The request table may come inline next to a document that has
        // none (a notification-only document); the other tables come from
        // one place only. With neither, the document is looked for as
        // `docs/<service>.{md,txt,html,pdf}`.
        if args.doc.is_some() {
            for inline in [&args.response, &args.notify, &args.answer, &args.errors]
                .into_iter()
                .flatten()
            {
                push(syn::Error::new(
                    inline.span(),
                    "give the return, notification and error tables either in a `doc` file or inline, not both (only `request` may be inline next to `doc`)",
                ));
            }
        }
        args.problems = errors;
        Ok(args)
    }
}
