//! Emit: the checked [`Interface`] as the items of the declaring module.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::model::{self, AnswerElement, AnswerMember, ErrorVariant};
use crate::{Field, Interface, LengthRule, ParamType};

/// Base parameters that are signed, with where their value comes from.
const SIGNED_BASE: [&str; 3] = ["_input_charset", "partner", "service"];

/// The items of a checked interface.
pub(crate) fn interface(it: &Interface, krate: &syn::Path) -> TokenStream {
    generate(it, krate, false)
}

/// The items of a declaration that failed: those of `it` (no parameters),
/// with `Request` implementing `PageRequest`, `ServerRequest` and `AppRequest` and an
/// empty `Answer`, so that the user's code compiles whichever kind the
/// interface was meant to be and only the real errors are reported.
pub(crate) fn stub_interface(it: &Interface, krate: &syn::Path) -> TokenStream {
    generate(it, krate, true)
}

fn generate(it: &Interface, krate: &syn::Path, stub: bool) -> TokenStream {
    let service = &it.service;
    let rt = quote!(#krate);
    let length_rule = length_rule_tokens(it.length_rule, &rt);
    let request_specs = field_specs(&it.request, it.length_rule, &rt);
    let option_specs = |fields: &Option<Vec<Field>>| match fields {
        Some(fields) => {
            let specs = field_specs(fields, it.length_rule, &rt);
            quote!(::core::option::Option::Some(&[#(#specs),*]))
        }
        None => quote!(::core::option::Option::None),
    };
    let response_specs = option_specs(&it.response);
    let notify_specs = option_specs(&it.notify);
    // `SPEC.answer` lists leaves: a row that describes an element (`trade`
    // next to `trade.trade_no`) documents the element's struct instead, so
    // that tools reading the table never take `<trade>` for a leaf.
    let answer_leaves = it.answer.as_ref().map(|fields| {
        let element_rows: Vec<usize> = model::answer_tree(fields)
            .map(|root| {
                root.descendants()
                    .iter()
                    .filter_map(|e| e.row.as_ref().map(|r| r.line))
                    .collect()
            })
            .unwrap_or_default();
        fields
            .iter()
            .filter(|f| !element_rows.contains(&f.param.line))
            .cloned()
            .collect::<Vec<Field>>()
    });
    let answer_specs = option_specs(&answer_leaves);
    let one_of_specs = it.one_of.iter().map(|group| quote!(&[#(#group),*]));
    let either_specs = it.either.iter().map(|group| either_tokens(group));
    let access = match it.access {
        crate::Access::Page => quote!(#rt::Access::Page),
        crate::Access::Server => quote!(#rt::Access::Server),
        crate::Access::App => quote!(#rt::Access::App),
    };
    let error_specs = it.errors.iter().map(|e| {
        let (code, meaning) = (&e.code, &e.meaning);
        quote!(#rt::ErrorCodeSpec { code: #code, meaning: #meaning })
    });

    // A document without a request table (a notification or answer alone)
    // declares no `Request`, hence no `PageRequest` / `ServerRequest`.
    let request = if it.has_request {
        request(it, &rt, &length_rule, stub)
    } else {
        TokenStream::new()
    };
    let answer = if stub || it.answer.is_some() || it.access == crate::Access::Server {
        answer(it, &rt)
    } else {
        TokenStream::new()
    };
    let response = it
        .response
        .as_ref()
        .map(|fields| returned(fields, "Response", ReturnKind::Response, &rt));
    let notify = it
        .notify
        .as_ref()
        .map(|fields| returned(fields, "Notify", ReturnKind::Notify, &rt));
    let sdk_result = it
        .sdk_result
        .as_ref()
        .map(|fields| sdk_result(fields, it.length_rule, &rt));
    let sdk_result_status = sdk_result_status(it);
    let error_code = error_code(it, &rt);

    quote! {
        /// The `service` parameter of this interface.
        pub const SERVICE: &str = #service;

        /// What this interface's tables say: fields, types, lengths,
        /// nullability, error codes. Tools read it; the generated code checks
        /// against it.
        pub static SPEC: #rt::ServiceSpec = #rt::ServiceSpec {
            service: SERVICE,
            request: &[#(#request_specs),*],
            response: #response_specs,
            notify: #notify_specs,
            errors: &[#(#error_specs),*],
            length_rule: #length_rule,
            answer: #answer_specs,
            access: #access,
            one_of: &[#(#one_of_specs),*],
            either: &[#(#either_specs),*],
        };

        #request
        #answer
        #response
        #notify
        #sdk_result
        #sdk_result_status
        #error_code
    }
}

/// `SdkResult`: an app payment's synchronous result, as the app's SDK reports
/// it inside the app. Plain data: no `ServiceReturn` impl, so no
/// `verify_return` takes it, and no field of `SPEC` lists it (`SPEC.response`
/// is a page-redirect return's).
fn sdk_result(fields: &[Field], rule: LengthRule, rt: &TokenStream) -> TokenStream {
    let struct_fields = fields.iter().map(|f| struct_field(f, rt));
    let specs = field_specs(fields, rule, rt);
    let serde = serde_attrs(rt);
    let doc = "The synchronous result the app's SDK reports inside the app when the payment \
               ends (the document's synchronous-result table: `resultStatus`, `result`, `memo`), \
               one field per row of its table.\n\n\
               It is no gateway return: it reaches the merchant's server only if the app \
               forwards it, and nothing here verifies it. Show it to the buyer, but do not \
               trust it alone: record a payment only from the asynchronous notification \
               verified with `Client::verify_notification::<Notify>`, or from a query of the \
               trade.";
    quote! {
        #[doc = #doc]
        #[derive(::core::fmt::Debug, ::core::clone::Clone, ::core::cmp::PartialEq)]
        #serde
        pub struct SdkResult {
            #(#struct_fields)*
        }

        impl SdkResult {
            /// The rows of the document's synchronous-result table.
            pub const FIELDS: &'static [#rt::FieldSpec] = &[#(#specs),*];
        }
    }
}

fn max_len(ty: &ParamType) -> Option<usize> {
    match ty {
        ParamType::String { max_len, .. } | ParamType::Number { max_len, .. } => {
            max_len.and_then(|n| usize::try_from(n).ok())
        }
        ParamType::Date => None,
    }
}

/// The minimum of a `String(min-max)`, as tokens.
fn min_len(ty: &ParamType) -> TokenStream {
    match ty {
        ParamType::String {
            min_len: Some(n), ..
        } => {
            let n = usize::try_from(*n).unwrap_or(usize::MAX);
            quote!(::core::option::Option::Some(#n))
        }
        _ => quote!(::core::option::Option::None),
    }
}

/// `Some(s)` for `Number(p,s)`, as tokens.
fn scale(ty: &ParamType) -> TokenStream {
    match ty {
        ParamType::Number { scale: Some(s), .. } => {
            let s = usize::try_from(*s).unwrap_or(usize::MAX);
            quote!(::core::option::Option::Some(#s))
        }
        _ => quote!(::core::option::Option::None),
    }
}

fn field_type(ty: &ParamType, rt: &TokenStream) -> TokenStream {
    match ty {
        ParamType::String { .. } => quote!(#rt::FieldType::String),
        ParamType::Number { .. } => quote!(#rt::FieldType::Number),
        ParamType::Date => quote!(#rt::FieldType::Date),
    }
}

/// `rt::validate::LengthRule::…` of `rule`.
fn length_rule_tokens(rule: LengthRule, rt: &TokenStream) -> TokenStream {
    match rule {
        LengthRule::GbkWidth => quote!(#rt::validate::LengthRule::GbkWidth),
        LengthRule::Chars => quote!(#rt::validate::LengthRule::Chars),
        LengthRule::Utf8Bytes => quote!(#rt::validate::LengthRule::Utf8Bytes),
    }
}

/// The `FieldSpec`s of `fields`; a row's own length rule is written when it
/// differs from the interface's `rule`.
fn field_specs(fields: &[Field], rule: LengthRule, rt: &TokenStream) -> Vec<TokenStream> {
    fields
        .iter()
        .map(|f| {
            let p = &f.param;
            let (name, ident, label, description) = (&p.name, &f.ident, &p.label, &p.description);
            let ty = field_type(&p.ty, rt);
            let max = match max_len(&p.ty) {
                Some(n) => quote!(::core::option::Option::Some(#n)),
                None => quote!(::core::option::Option::None),
            };
            let min = min_len(&p.ty);
            let own_rule = match p.length_rule.filter(|own| *own != rule) {
                Some(own) => {
                    let own = length_rule_tokens(own, rt);
                    quote!(::core::option::Option::Some(#own))
                }
                None => quote!(::core::option::Option::None),
            };
            let scale = scale(&p.ty);
            let nullable = p.nullable;
            let path = &p.path;
            let example = match &p.example {
                Some(e) => quote!(::core::option::Option::Some(#e)),
                None => quote!(::core::option::Option::None),
            };
            quote! {
                #rt::FieldSpec {
                    name: #name,
                    ident: #ident,
                    ty: #ty,
                    max_len: #max,
                    min_len: #min,
                    length_rule: #own_rule,
                    scale: #scale,
                    nullable: #nullable,
                    label: #label,
                    description: #description,
                    example: #example,
                    path: &[#(#path),*],
                }
            }
        })
        .collect()
}

fn ident(f: &Field) -> syn::Ident {
    // `Interface` guarantees a valid, non-keyword identifier.
    syn::parse_str::<syn::Ident>(&f.ident)
        .unwrap_or_else(|_| format_ident!("field_{}", f.param.line))
}

/// The Rust type of a field's value, before `Option`.
fn value_type(ty: &ParamType, rt: &TokenStream) -> TokenStream {
    match ty {
        ParamType::String { .. } => quote!(::std::string::String),
        ParamType::Number { .. } => quote!(#rt::types::Number),
        ParamType::Date => quote!(#rt::types::Date),
    }
}

fn field_doc(f: &Field) -> String {
    let p = &f.param;
    let mut doc = String::new();
    if !p.label.is_empty() {
        doc.push_str(&format!("**{}**", p.label));
        doc.push_str("\n\n");
    }
    if !p.description.is_empty() && p.description != p.label {
        doc.push_str(&p.description);
        doc.push_str("\n\n");
    }
    match p.name.strip_suffix("[]") {
        // A repeated answer leaf (`tag[]`): a `Vec`, whatever the row says.
        Some(element) => doc.push_str(&format!(
            "`{}`: {}, repeated: every `<{element}>` in document order (zero or more).",
            p.name,
            p.ty.rust_doc(),
        )),
        None => doc.push_str(&format!(
            "`{}`: {}, {}.",
            p.name,
            p.ty.rust_doc(),
            if p.nullable {
                "optional (可空 Y)"
            } else {
                "required (可空 N)"
            }
        )),
    }
    if let Some(example) = &p.example {
        doc.push_str(&format!(" Example: `{}`.", example.replace('`', "'")));
    }
    if !p.example_paragraphs.is_empty() {
        // Whether the joining space is in the value cannot be told: shown.
        let shown: Vec<String> = p
            .example_paragraphs
            .iter()
            .map(|x| format!("`{}`", x.replace('`', "'")))
            .collect();
        doc.push_str(&format!(
            " (The document's example cell has {} paragraphs, joined here by a space: {};              a value the page wrapped holds no such space.)",
            shown.len(),
            shown.join(" / ")
        ));
    }
    doc
}

/// A struct field with its docs and serde attributes.
fn struct_field(f: &Field, rt: &TokenStream) -> TokenStream {
    let ident = ident(f);
    let name = &f.param.name;
    let doc = field_doc(f);
    let value = value_type(&f.param.ty, rt);
    if f.param.nullable {
        quote! {
            #[doc = #doc]
            #[serde(rename = #name, default, skip_serializing_if = "::core::option::Option::is_none")]
            pub #ident: ::core::option::Option<#value>,
        }
    } else {
        quote! {
            #[doc = #doc]
            #[serde(rename = #name)]
            pub #ident: #value,
        }
    }
}

fn serde_attrs(rt: &TokenStream) -> TokenStream {
    let path = format!("{}::__private::serde", path_string_tokens(rt));
    quote! {
        #[derive(#rt::__private::serde::Serialize, #rt::__private::serde::Deserialize)]
        #[serde(crate = #path)]
    }
}

/// Signing order: business fields and signed base parameters, by wire name.
enum Slot<'a> {
    Base(&'static str),
    Field(&'a Field),
}

impl Slot<'_> {
    fn name(&self) -> &str {
        match self {
            Slot::Base(name) => name,
            Slot::Field(f) => &f.param.name,
        }
    }
}

/// Whether the request parameter `name` is given: its `Option` field is
/// `Some` and not empty (an empty value is not sent). `None` for a name the
/// request table does not hold (the check refused it already).
fn given(it: &Interface, name: &str) -> Option<TokenStream> {
    let f = it.request.iter().find(|f| f.param.name == name)?;
    let ident = ident(f);
    Some(quote! {
        ::core::option::Option::is_some_and(
            ::core::option::Option::as_ref(&self.#ident),
            |value| !::core::convert::AsRef::<str>::as_ref(value).is_empty(),
        )
    })
}

/// An `either` group as a static slice: `&[&["price", "quantity"], &["total_fee"]]`.
fn either_tokens(group: &[Vec<String>]) -> TokenStream {
    let alternatives = group.iter().map(|alternative| quote!(&[#(#alternative),*]));
    quote!(&[#(#alternatives),*])
}

fn request(it: &Interface, rt: &TokenStream, length_rule: &TokenStream, stub: bool) -> TokenStream {
    let fields = it.request.iter().map(|f| struct_field(f, rt));
    // At least one of each group: absent means `None` or empty, as an
    // empty value is not sent.
    let one_of_checks = it.one_of.iter().map(|group| {
        let given = group.iter().filter_map(|name| given(it, name));
        let joined = group.join("|");
        quote! {
            if !(#(#given)||*) {
                v.push(#joined, #rt::validate::Rule::OneOf { fields: &[#(#group),*] });
            }
        }
    });
    // Exactly one alternative, whole: the runtime's rule, told which
    // parameters are given.
    let either_checks = it.either.iter().map(|group| {
        let alternatives = either_tokens(group);
        let arms = group.iter().flatten().filter_map(|name| {
            let given = given(it, name)?;
            Some(quote!(#name => #given,))
        });
        quote! {
            {
                const ALTERNATIVES: &[&[&str]] = #alternatives;
                let given = |name: &str| match name {
                    #(#arms)*
                    _ => false,
                };
                if let ::core::option::Option::Some(fault) = #rt::validate::either_fault(ALTERNATIVES, given) {
                    v.push(
                        #rt::validate::either_field(ALTERNATIVES),
                        #rt::validate::Rule::Either { alternatives: ALTERNATIVES, fault },
                    );
                }
            }
        }
    });
    let serde = serde_attrs(rt);
    let checks = it.request.iter().map(|f| {
        let ident = ident(f);
        let name = &f.param.name;
        let required = !f.param.nullable;
        let max = match max_len(&f.param.ty) {
            Some(n) => quote!(::core::option::Option::Some(#n)),
            None => quote!(::core::option::Option::None),
        };
        // A number counts its digits (`Number(p,s)`); a row whose document
        // states its own unit (`最长为128个汉字`) is counted in it; the others
        // by the interface's rule.
        // A range's minimum is counted by the same rule as its maximum.
        let scale = scale(&f.param.ty);
        let is_number = matches!(f.param.ty, ParamType::Number { .. });
        let min = min_len(&f.param.ty);
        let call = |value: TokenStream| match f.param.length_rule.filter(|r| *r != it.length_rule) {
            _ if is_number => quote!(v.check_number(#name, #value, #required, #max, #scale);),
            None => quote!(v.check_length(#name, #value, #required, #min, #max);),
            Some(rule) => {
                let rule = length_rule_tokens(rule, rt);
                quote!(v.check_length_by(#rule, #name, #value, #required, #min, #max);)
            }
        };
        // The gateway adds its signed parameters to these two URLs.
        let call = |value: TokenStream| {
            let length = call(value.clone());
            if model::CALLBACK_URLS.contains(&name.as_str()) {
                quote!(#length v.check_callback_url(#name, #value);)
            } else {
                length
            }
        };
        if f.param.nullable {
            let check = call(quote!(::core::convert::AsRef::<str>::as_ref(value)));
            quote! {
                if let ::core::option::Option::Some(value) = &self.#ident {
                    #check
                }
            }
        } else {
            call(quote!(::core::convert::AsRef::<str>::as_ref(&self.#ident)))
        }
    });

    let mut slots: Vec<Slot<'_>> = SIGNED_BASE.iter().map(|b| Slot::Base(b)).collect();
    slots.extend(it.request.iter().map(Slot::Field));
    // Sorted here, at compile time, by the same bytewise rule as the runtime.
    slots.sort_by(|a, b| a.name().as_bytes().cmp(b.name().as_bytes()));

    let value_of = |slot: &Slot<'_>| -> TokenStream {
        match slot {
            Slot::Base("_input_charset") => quote!(base.charset.as_str()),
            Slot::Base("partner") => quote!(base.partner),
            Slot::Base(_) => quote!(SERVICE),
            Slot::Field(f) => {
                let ident = ident(f);
                if f.param.nullable {
                    quote!(value)
                } else {
                    quote!(::core::convert::AsRef::<str>::as_ref(&self.#ident))
                }
            }
        }
    };
    let wrap_optional = |slot: &Slot<'_>, body: TokenStream| -> TokenStream {
        match slot {
            Slot::Field(f) if f.param.nullable => {
                let ident = ident(f);
                quote! {
                    if let ::core::option::Option::Some(value) = &self.#ident {
                        let value = ::core::convert::AsRef::<str>::as_ref(value);
                        #body
                    }
                }
            }
            _ => body,
        }
    };
    let calls = slots.iter().map(|slot| {
        let name = slot.name();
        let value = value_of(slot);
        match slot {
            // Base parameters are never empty.
            Slot::Base(_) => quote!(f(#name, #value)?;),
            Slot::Field(_) => wrap_optional(
                slot,
                quote! {
                    let value: &str = #value;
                    if !value.is_empty() {
                        f(#name, value)?;
                    }
                },
            ),
        }
    });
    let how = match it.access {
        crate::Access::Page => {
            "A page call (the buyer's browser goes to the gateway): get the signed URL or form \
             with `Client::page_url` / `Client::page_form`."
        }
        crate::Access::Server => {
            "A server call (the merchant's server calls the gateway): send it with \
             `Client::call`, which reads the XML answer into [`Answer`]."
        }
        crate::Access::App => {
            "An app payment (the app's SDK sends it, not the merchant's server): sign it into \
             the order string for the SDK with `variants::mobile::order_string_for`; there is \
             no page URL or form and no server call. The result arrives by asynchronous \
             notification (`Client::verify_notification`)."
        }
    };
    let doc = format!(
        "The business parameters of a `{}` request, one field per row of its request table; \
         build it with [`Request::new`] or a struct literal.\n\n\
         Base parameters (`service`, `partner`, `_input_charset`, `sign_type`, `sign`) are the \
         client's. {how}{either}",
        it.service,
        either = if it.access == crate::Access::App {
            String::new()
        } else {
            format!(
                " [`Client::sign_request`]({}::Client::sign_request) signs it either way.",
                path_string_tokens(rt)
            )
        },
    );
    // Page calls become URLs and forms; server calls are sent with
    // `Client::call` and answered with `Answer`. Neither is offered for the
    // other kind: the trait bound fails to compile.
    let page_impl = quote!(impl #rt::PageRequest for Request {});
    let server_impl = quote! {
        impl #rt::ServerRequest for Request {
            type Answer = Answer;
        }
    };
    // App payments become order strings, and nothing else.
    let app_impl = quote!(impl #rt::AppRequest for Request {});
    let access_impl = match (stub, it.access) {
        (true, _) => quote!(#page_impl #server_impl #app_impl),
        (false, crate::Access::Page) => page_impl,
        (false, crate::Access::Server) => server_impl,
        (false, crate::Access::App) => app_impl,
    };
    let constructor = constructor(it, rt);
    quote! {
        #[doc = #doc]
        #[derive(::core::fmt::Debug, ::core::clone::Clone, ::core::cmp::PartialEq)]
        #serde
        pub struct Request {
            #(#fields)*
        }

        impl Request {
            #constructor

            /// Checks every field against its table row: required fields are
            /// not empty and no value is longer than its `String(n)` (nor, when
            /// given, shorter than the minimum of a `String(min-max)`; an
            /// empty optional value is absent). Every violation is reported,
            /// not just the first.
            pub fn validate(&self) -> ::core::result::Result<(), #rt::validate::Violations> {
                let mut v = #rt::__private::Validator::new(#length_rule);
                #(#checks)*
                #(#one_of_checks)*
                #(#either_checks)*
                v.finish()
            }
        }

        #access_impl

        impl #rt::ServiceRequest for Request {
            const SPEC: &'static #rt::ServiceSpec = &SPEC;

            fn validate(&self) -> ::core::result::Result<(), #rt::validate::Violations> {
                Request::validate(self)
            }

            fn for_each_param<E>(
                &self,
                base: &#rt::service::BaseParams<'_>,
                mut f: impl ::core::ops::FnMut(&'static str, &str) -> ::core::result::Result<(), E>,
            ) -> ::core::result::Result<(), E> {
                #(#calls)*
                ::core::result::Result::Ok(())
            }
        }
    }
}

/// `Request::new(required fields in table order)`, the optional ones
/// `None`.
fn constructor(it: &Interface, rt: &TokenStream) -> TokenStream {
    let required: Vec<&Field> = it.request.iter().filter(|f| !f.param.nullable).collect();
    let args = required.iter().map(|f| {
        let ident = ident(f);
        match f.param.ty {
            ParamType::String { .. } => {
                quote!(#ident: impl ::core::convert::Into<::std::string::String>)
            }
            _ => {
                let ty = value_type(&f.param.ty, rt);
                quote!(#ident: #ty)
            }
        }
    });
    let inits = it.request.iter().map(|f| {
        let ident = ident(f);
        match (f.param.nullable, f.param.ty) {
            (true, _) => quote!(#ident: ::core::option::Option::None,),
            (false, ParamType::String { .. }) => {
                quote!(#ident: ::core::convert::Into::into(#ident),)
            }
            (false, _) => quote!(#ident,),
        }
    });
    let mut doc = String::from(
        "A request with the required fields, in the order of the request table; the optional \
         ones are `None` (set them on the result, it is a plain struct).",
    );
    if !required.is_empty() {
        doc.push_str("\n\n");
        for f in &required {
            let p = &f.param;
            doc.push_str(&format!("- `{}`", f.ident));
            if f.ident != p.name {
                doc.push_str(&format!(" (`{}`)", p.name));
            }
            doc.push_str(&format!(": {}", p.ty.rust_doc()));
            if !p.label.is_empty() {
                doc.push_str(&format!(", {}", p.label));
            }
            doc.push('\n');
        }
    }
    doc.push_str(
        "\nNothing is checked here: [`Request::validate`] (and signing) reports lengths and \
         empty required fields.",
    );
    quote! {
        #[doc = #doc]
        #[allow(clippy::too_many_arguments, clippy::new_without_default)]
        pub fn new(#(#args),*) -> Self {
            Request {
                #(#inits)*
            }
        }
    }
}

/// `Answer` (the content of `<response>`) and one struct per nested
/// element of the answer table.
fn answer(it: &Interface, rt: &TokenStream) -> TokenStream {
    let fields = it.answer.as_deref().unwrap_or_default();
    // The table was checked; a tree that does not build (never, after
    // `check`) gives an empty `Answer` rather than a panic.
    let root = model::answer_tree(fields).unwrap_or_else(|_| AnswerElement::root());
    let serde = serde_attrs(rt);
    let mut out = TokenStream::new();
    let root_doc = if it.answer.is_some() {
        format!(
            "The business content of a `{}` answer (`<response>` of the XML answer), one field \
             per row of its answer table; nested elements are structs of this module, repeated \
             ones `Vec`s.\n\n`Client::call` reads it after checking `is_success` and the \
             answer's `<sign>`; elements the table does not declare stay reachable in the \
             answer's tree, beside the typed value.",
            it.service
        )
    } else {
        format!(
            "The answer of `{}`: its document gives no answer table, so nothing is typed (the \
             gateway answers `<is_success>T</is_success>` alone, or an error code). Whatever \
             `<response>` holds stays reachable in the answer's tree.",
            it.service
        )
    };
    element_struct(&root, &root_doc, rt, &serde, &mut out);
    for e in root.descendants() {
        let mut doc = format!("The `<{}>` element of the answer (`{}`", e.name, e.path);
        doc.push_str(if e.repeated {
            "; it repeats, each one is read into this struct)."
        } else {
            ")."
        });
        if let Some(row) = &e.row {
            if !row.label.is_empty() {
                doc.push_str(&format!("\n\n**{}**", row.label));
            }
            if !row.description.is_empty() && row.description != row.label {
                doc.push_str(&format!("\n\n{}", row.description));
            }
        }
        element_struct(e, &doc, rt, &serde, &mut out);
    }
    out.extend(quote! {
        impl #rt::ServiceAnswer for Answer {
            type ErrorCode = ErrorCode;
            const SPEC: &'static #rt::ServiceSpec = &SPEC;
            const FIELDS: &'static [#rt::FieldSpec] = match SPEC.answer {
                ::core::option::Option::Some(fields) => fields,
                ::core::option::Option::None => &[],
            };

            fn from_response(
                response: #rt::XmlElementRef<'_>,
            ) -> ::core::result::Result<Self, #rt::FieldError> {
                <Answer as #rt::FromXmlElement>::from_element(response)
            }
        }
    });
    out
}

fn element_struct(
    e: &AnswerElement,
    doc: &str,
    rt: &TokenStream,
    serde: &TokenStream,
    out: &mut TokenStream,
) {
    let ty = format_ident!("{}", e.type_name);
    let mut fields = Vec::new();
    let mut reads = Vec::new();
    // The single (not repeated) leaves and elements are found in one pass
    // over the children: each wire name gets a slot.
    let mut slots: Vec<String> = Vec::new();
    let mut slot = |wire: &str| -> usize {
        match slots.iter().position(|s| s == wire) {
            Some(i) => i,
            None => {
                slots.push(wire.to_owned());
                slots.len() - 1
            }
        }
    };
    for m in &e.members {
        match m {
            AnswerMember::Leaf(f) => {
                let id = ident(f);
                let wire = model::answer_leaf_name(&f.param.name);
                let value = value_type(&f.param.ty, rt);
                let doc = field_doc(f);
                let mut path = e.path.clone();
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(&f.param.name);
                if f.param.name.ends_with("[]") {
                    fields.push(quote! {
                        #[doc = #doc]
                        #[serde(rename = #wire, default)]
                        pub #id: ::std::vec::Vec<#value>,
                    });
                    reads.push(quote!(#id: #rt::__private::leaf_repeated(element, #wire, #path)?,));
                } else if f.param.nullable {
                    fields.push(quote! {
                        #[doc = #doc]
                        #[serde(rename = #wire, default, skip_serializing_if = "::core::option::Option::is_none")]
                        pub #id: ::core::option::Option<#value>,
                    });
                    let i = slot(wire);
                    reads.push(quote!(#id: #rt::__private::leaf_optional(found[#i], #path)?,));
                } else {
                    fields.push(quote! {
                        #[doc = #doc]
                        #[serde(rename = #wire)]
                        pub #id: #value,
                    });
                    let i = slot(wire);
                    reads.push(quote!(#id: #rt::__private::leaf_required(found[#i], #path)?,));
                }
            }
            AnswerMember::Element(child) => {
                let id = syn::parse_str::<syn::Ident>(&child.ident).unwrap_or_else(|_| {
                    format_ident!("element_{}", child.type_name.to_lowercase())
                });
                let child_ty = format_ident!("{}", child.type_name);
                let wire = &child.name;
                let path = &child.path;
                let doc = format!(
                    "`<{}>`: [`{}`]{}.",
                    child.name,
                    child.type_name,
                    if child.repeated {
                        ", every one in document order (zero or more)"
                    } else if child.required() {
                        ", required"
                    } else {
                        ", optional"
                    }
                );
                if child.repeated {
                    fields.push(quote! {
                        #[doc = #doc]
                        #[serde(rename = #wire, default)]
                        pub #id: ::std::vec::Vec<#child_ty>,
                    });
                    reads.push(quote!(#id: #rt::__private::element_repeated(element, #wire)?,));
                } else if child.required() {
                    fields.push(quote! {
                        #[doc = #doc]
                        #[serde(rename = #wire)]
                        pub #id: #child_ty,
                    });
                    let i = slot(wire);
                    reads.push(quote!(#id: #rt::__private::element_required(found[#i], #path)?,));
                } else {
                    fields.push(quote! {
                        #[doc = #doc]
                        #[serde(rename = #wire, default, skip_serializing_if = "::core::option::Option::is_none")]
                        pub #id: ::core::option::Option<#child_ty>,
                    });
                    let i = slot(wire);
                    reads.push(quote!(#id: #rt::__private::element_optional(found[#i], #path)?,));
                }
            }
        }
    }
    let element = if reads.is_empty() {
        quote!(_element)
    } else {
        quote!(element)
    };
    let find = find_children(&slots, rt);
    out.extend(quote! {
        #[doc = #doc]
        #[derive(::core::fmt::Debug, ::core::clone::Clone, ::core::cmp::PartialEq)]
        #serde
        pub struct #ty {
            #(#fields)*
        }

        impl #rt::FromXmlElement for #ty {
            fn from_element(
                #element: #rt::XmlElementRef<'_>,
            ) -> ::core::result::Result<Self, #rt::FieldError> {
                #find
                ::core::result::Result::Ok(#ty {
                    #(#reads)*
                })
            }
        }
    });
}

/// `let found = find_children(element, …);` for the single leaves and
/// elements named `slots` (nothing when there are none): a child's name is
/// matched on its length first, then on its bytes among the names of that
/// length, so a child costs one comparison or two however many are declared.
fn find_children(slots: &[String], rt: &TokenStream) -> TokenStream {
    if slots.is_empty() {
        return TokenStream::new();
    }
    let mut lengths: Vec<usize> = slots.iter().map(String::len).collect();
    lengths.sort_unstable();
    lengths.dedup();
    let arms = lengths.iter().map(|&len| {
        let names = slots
            .iter()
            .enumerate()
            .filter(|(_, s)| s.len() == len)
            .map(|(i, s)| {
                let bytes = proc_macro2::Literal::byte_string(s.as_bytes());
                quote!(#bytes => ::core::option::Option::Some(#i),)
            });
        quote! {
            #len => match name {
                #(#names)*
                _ => ::core::option::Option::None,
            },
        }
    });
    let n = slots.len();
    quote! {
        let found: [#rt::__private::Found<'_>; #n] =
            #rt::__private::find_children(element, |name: &[u8]| match name.len() {
                #(#arms)*
                _ => ::core::option::Option::None,
            });
    }
}

fn path_string_tokens(tokens: &TokenStream) -> String {
    tokens.to_string().replace(' ', "")
}

#[derive(Clone, Copy)]
enum ReturnKind {
    Response,
    Notify,
}

fn returned(fields: &[Field], name: &str, kind: ReturnKind, rt: &TokenStream) -> TokenStream {
    let ty = format_ident!("{}", name);
    let struct_fields = fields.iter().map(|f| struct_field(f, rt));
    let serde = serde_attrs(rt);
    let reads = fields.iter().map(|f| {
        let ident = ident(f);
        let wire = &f.param.name;
        if f.param.nullable {
            quote!(#ident: #rt::__private::optional(params, #wire)?,)
        } else {
            quote!(#ident: #rt::__private::required(params, #wire)?,)
        }
    });
    let (doc, fields_const) = match kind {
        ReturnKind::Response => (
            "The business parameters of the page-redirect return, one field per row of its table. \
             Get it from a return URL with `Client::verify_return::<Response>`, which checks the \
             signature first; parameters the table does not declare stay available on the \
             `Verified` result.",
            quote!(response),
        ),
        ReturnKind::Notify => (
            "The business parameters of the asynchronous notification, one field per row of its \
             table. Get it from the posted form body with `Client::verify_notification::<Notify>`.",
            quote!(notify),
        ),
    };
    quote! {
        #[doc = #doc]
        #[derive(::core::fmt::Debug, ::core::clone::Clone, ::core::cmp::PartialEq)]
        #serde
        pub struct #ty {
            #(#struct_fields)*
        }

        impl #rt::ServiceReturn for #ty {
            type ErrorCode = ErrorCode;
            const SPEC: &'static #rt::ServiceSpec = &SPEC;
            const FIELDS: &'static [#rt::FieldSpec] = match SPEC.#fields_const {
                ::core::option::Option::Some(fields) => fields,
                ::core::option::Option::None => &[],
            };

            fn from_params(
                params: &#rt::ReceivedParams,
            ) -> ::core::result::Result<Self, #rt::FieldError> {
                ::core::result::Result::Ok(#ty {
                    #(#reads)*
                })
            }
        }
    }
}

/// `SdkResultStatus`: an app payment's SDK result codes (the document's
/// client result-code table), the values of `SdkResult`'s `resultStatus`,
/// shaped like `ErrorCode` (but no `GatewayErrorCode`: the gateway never
/// sends them); with `SdkResult::result_status()` when the SDK result has a
/// text `resultStatus` row. Nothing when the interface has no such codes.
fn sdk_result_status(it: &Interface) -> TokenStream {
    if it.sdk_codes.is_empty() {
        return TokenStream::new();
    }
    let CodeArms {
        variants,
        as_str,
        meaning,
        parse,
    } = code_arms(&it.sdk_codes, &format_ident!("SdkResultStatus"));
    let doc = format!(
        "The app SDK's result codes of `{}`: the values of the in-app result's `resultStatus` \
         (one variant per row of the document's client result-code table), and \
         [`SdkResultStatus::Unknown`] for values the table does not list. What the SDK reports \
         inside the app, not a gateway error code (those are `ErrorCode`): a success here is \
         no proof of payment — trust the verified `Notify`.",
        it.service
    );
    let status_field =
        it.sdk_result.iter().flatten().find(|f| {
            f.param.name == "resultStatus" && matches!(f.param.ty, ParamType::String { .. })
        });
    let accessor = status_field.map(|f| {
        let field = ident(f);
        let (ret, body) = if f.param.nullable {
            (
                quote!(::core::option::Option<SdkResultStatus>),
                quote!(self.#field.as_deref().map(SdkResultStatus::from_code)),
            )
        } else {
            (
                quote!(SdkResultStatus),
                quote!(SdkResultStatus::from_code(&self.#field)),
            )
        };
        quote! {
            impl SdkResult {
                /// `resultStatus` read as one of the SDK's result codes
                /// ([`SdkResultStatus::Unknown`] for a value the table does not list).
                pub fn result_status(&self) -> #ret {
                    #body
                }
            }
        }
    });
    quote! {
        #[doc = #doc]
        #[derive(::core::fmt::Debug, ::core::clone::Clone, ::core::cmp::PartialEq, ::core::cmp::Eq, ::core::hash::Hash)]
        pub enum SdkResultStatus {
            #(#variants)*
            /// A value the table does not list, as received.
            Unknown(::std::string::String),
        }

        impl SdkResultStatus {
            /// The code as the SDK reports it (`9000`).
            pub fn code(&self) -> &str {
                match self {
                    #(#as_str)*
                    SdkResultStatus::Unknown(code) => code,
                }
            }

            /// The meaning the table gives, `None` for an unknown code.
            pub fn meaning(&self) -> ::core::option::Option<&'static str> {
                match self {
                    #(#meaning)*
                    SdkResultStatus::Unknown(_) => ::core::option::Option::None,
                }
            }

            /// The variant of a code (never fails: `Unknown` for others).
            pub fn from_code(code: &str) -> Self {
                match code {
                    #(#parse)*
                    other => SdkResultStatus::Unknown(::std::string::String::from(other)),
                }
            }
        }

        impl ::core::str::FromStr for SdkResultStatus {
            type Err = ::core::convert::Infallible;
            fn from_str(code: &str) -> ::core::result::Result<Self, Self::Err> {
                ::core::result::Result::Ok(SdkResultStatus::from_code(code))
            }
        }

        /// The code alone (`9000`); its meaning is [`SdkResultStatus::meaning`].
        impl ::core::fmt::Display for SdkResultStatus {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.code())
            }
        }

        #accessor
    }
}

/// The pieces of an enum of codes (`ErrorCode`, `SdkResultStatus`) named
/// `ty`: a variant per code, and the arms mapping each to its code, its
/// meaning, and back from its code.
struct CodeArms {
    variants: Vec<TokenStream>,
    as_str: Vec<TokenStream>,
    meaning: Vec<TokenStream>,
    parse: Vec<TokenStream>,
}

fn code_arms(codes: &[ErrorVariant], ty: &proc_macro2::Ident) -> CodeArms {
    let mut arms = CodeArms {
        variants: Vec::new(),
        as_str: Vec::new(),
        meaning: Vec::new(),
        parse: Vec::new(),
    };
    for e in codes {
        let ident = format_ident!("{}", e.ident);
        let (code, meaning) = (&e.code, &e.meaning);
        let doc = format!("`{code}`: {meaning}");
        arms.variants.push(quote!(#[doc = #doc] #ident,));
        arms.as_str.push(quote!(#ty::#ident => #code,));
        arms.meaning
            .push(quote!(#ty::#ident => ::core::option::Option::Some(#meaning),));
        arms.parse.push(quote!(#code => #ty::#ident,));
    }
    arms
}

fn error_code(it: &Interface, rt: &TokenStream) -> TokenStream {
    let CodeArms {
        variants,
        as_str,
        meaning,
        parse,
    } = code_arms(&it.errors, &format_ident!("ErrorCode"));
    let doc = format!(
        "The error codes of `{}`: one variant per row of its error table, and \
         [`ErrorCode::Unknown`] for codes the table does not list (the gateway adds codes over \
         time).",
        it.service
    );
    quote! {
        #[doc = #doc]
        #[derive(::core::fmt::Debug, ::core::clone::Clone, ::core::cmp::PartialEq, ::core::cmp::Eq, ::core::hash::Hash)]
        pub enum ErrorCode {
            #(#variants)*
            /// A code the interface's error table does not list, as received.
            Unknown(::std::string::String),
        }

        impl ErrorCode {
            /// The code as the gateway sends it.
            pub fn as_str(&self) -> &str {
                match self {
                    #(#as_str)*
                    ErrorCode::Unknown(code) => code,
                }
            }

            /// The meaning the error table gives, `None` for an unknown code.
            pub fn meaning(&self) -> ::core::option::Option<&'static str> {
                match self {
                    #(#meaning)*
                    ErrorCode::Unknown(_) => ::core::option::Option::None,
                }
            }
        }

        impl ::core::str::FromStr for ErrorCode {
            type Err = ::core::convert::Infallible;
            fn from_str(code: &str) -> ::core::result::Result<Self, Self::Err> {
                ::core::result::Result::Ok(match code {
                    #(#parse)*
                    other => ErrorCode::Unknown(::std::string::String::from(other)),
                })
            }
        }

        /// The code as the gateway sends it (`ILLEGAL_SIGN`); its meaning is
        /// [`ErrorCode::meaning`].
        impl ::core::fmt::Display for ErrorCode {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::std::error::Error for ErrorCode {}

        impl #rt::GatewayErrorCode for ErrorCode {
            fn as_str(&self) -> &str {
                ErrorCode::as_str(self)
            }
            fn meaning(&self) -> ::core::option::Option<&'static str> {
                ErrorCode::meaning(self)
            }
        }
    }
}
