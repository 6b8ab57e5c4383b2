//! What a declared interface plugs into: the traits and metadata that
//! `#[alipay_service]` implements and generates, and the typed [`Client`]
//! calls built on them.
//!
//! Nothing here needs to be implemented by hand; the macro writes these impls
//! from an interface's parameter tables. They are public so that generic code
//! (a command-line tool, a web handler for any interface) can use them.

use std::convert::Infallible;
use std::fmt;
use std::str::FromStr;

use crate::charset::{Charset, CharsetError};
use crate::request::{Client, Method, RequestError};
use crate::signing::{is_signed, write_pair, Part, SigningString, SigningStringBuilder};
use crate::types::{Date, Number, ParseValueError};
use crate::validate::{LengthRule, Rule, Validator, Violations};
use crate::verify::{ReceivedParams, ReturnError, VerifiedReturn};
use crate::wire;

/// A column type of the gateway's tables.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FieldType {
    /// `String` / `String(n)`: text.
    String,
    /// `Number`: an exact decimal, [`crate::types::Number`].
    Number,
    /// `Date`: `yyyy-MM-dd HH:mm:ss`, [`crate::types::Date`].
    Date,
}

impl FieldType {
    /// The table's word for it.
    pub const fn as_str(self) -> &'static str {
        match self {
            FieldType::String => "String",
            FieldType::Number => "Number",
            FieldType::Date => "Date",
        }
    }
}

/// One row of a parameter table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FieldSpec {
    /// The parameter's name on the wire.
    pub name: &'static str,
    /// The Rust field it became.
    pub ident: &'static str,
    /// Its type.
    pub ty: FieldType,
    /// The `n` of `String(n)`, or the precision `p` of `Number(p)` /
    /// `Number(p,s)` (its digits, the point not counted), when the table
    /// gives one.
    pub max_len: Option<usize>,
    /// The `min` of a `String(min-max)` range, counted like `max_len`.
    /// `None` without a range (or for a range from 0). An empty value of
    /// an optional field is absent, never too short.
    pub min_len: Option<usize>,
    /// The unit this row's own document states for its length, when it
    /// states one (`最长为128个汉字`: [`LengthRule::Chars`]) and it differs
    /// from the interface's [`ServiceSpec::length_rule`]; `None`: the
    /// interface's rule counts it. Both `max_len` and `min_len` are counted
    /// in it.
    pub length_rule: Option<LengthRule>,
    /// The scale `s` of `Number(p,s)`: the digits allowed after the point.
    /// `None` for other types and for `Number` / `Number(p)`.
    pub scale: Option<usize>,
    /// Whether the table marks it nullable (`可空 Y`): an `Option` field.
    pub nullable: bool,
    /// The table's short meaning (参数说明 / 参数名称).
    pub label: &'static str,
    /// The table's remarks (备注).
    pub description: &'static str,
    /// The table's example value (样例).
    pub example: Option<&'static str>,
    /// In an answer table: the element names from inside `<response>` down
    /// to this leaf's parent (`["trade"]`); a name ending in `[]` repeats.
    /// Empty elsewhere.
    pub path: &'static [&'static str],
}

impl FieldSpec {
    /// A nullable `String` field with no length, label, remarks or example:
    /// what a hand-written spec (a service registered with a test gateway, a
    /// bench) mostly needs. `path` places an answer leaf (`&["trade"]`);
    /// elsewhere it is `&[]`. Change any other part with struct update
    /// syntax.
    ///
    /// ```
    /// use alipay_mapi_runtime::{FieldSpec, FieldType};
    /// const TRADE_NO: FieldSpec = FieldSpec {
    ///     nullable: false,
    ///     ..FieldSpec::optional_string("trade_no", &["trade"])
    /// };
    /// assert_eq!((TRADE_NO.ident, TRADE_NO.ty), ("trade_no", FieldType::String));
    /// ```
    pub const fn optional_string(name: &'static str, path: &'static [&'static str]) -> Self {
        FieldSpec {
            name,
            ident: name,
            ty: FieldType::String,
            max_len: None,
            min_len: None,
            length_rule: None,
            scale: None,
            nullable: true,
            label: "",
            description: "",
            example: None,
            path,
        }
    }
}

/// How an interface is reached.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Access {
    /// A page call (页面跳转): the buyer's browser goes to the gateway with a
    /// signed URL or form; the gateway redirects it back with a signed return.
    Page,
    /// A server call (服务器调用): the merchant's server calls the gateway and
    /// reads an XML answer.
    Server,
    /// An app payment (客户端调用 / SDK): the merchant's server signs an order
    /// string and hands it to the app, whose SDK sends it. There is no page
    /// redirect and no server call: nothing goes from the merchant's server
    /// to the gateway and nothing comes back to a return URL; the result
    /// arrives by asynchronous notification.
    App,
}

/// One row of an error-code table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ErrorCodeSpec {
    /// The code, as in `error=ILLEGAL_SIGN`.
    pub code: &'static str,
    /// Its meaning, from the table.
    pub meaning: &'static str,
}

/// Everything a declared interface's tables say.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ServiceSpec {
    /// The `service` parameter.
    pub service: &'static str,
    /// The business parameters of the request table.
    pub request: &'static [FieldSpec],
    /// The business parameters of the page-redirect return, when documented.
    pub response: Option<&'static [FieldSpec]>,
    /// The business parameters of the asynchronous notification, when documented.
    pub notify: Option<&'static [FieldSpec]>,
    /// The error codes.
    pub errors: &'static [ErrorCodeSpec],
    /// How `String(n)` limits are counted.
    pub length_rule: LengthRule,
    /// The business part of a server call's XML answer (inside `<response>`),
    /// when documented.
    pub answer: Option<&'static [FieldSpec]>,
    /// How the interface is reached.
    pub access: Access,
    /// Groups of optional request parameters of which at least one must be
    /// given (`trade_no` or `out_trade_no`): from the document (`与X不能同时为空`)
    /// or the declaration's `one_of`. Empty for most interfaces.
    pub one_of: &'static [&'static [&'static str]],
    /// Groups of alternatives of which exactly one must be given, each
    /// whole: `price` with `quantity`, or `total_fee`
    /// (`[["price", "quantity"], ["total_fee"]]`), from the declaration's
    /// `either`. Empty for most interfaces.
    pub either: &'static [&'static [&'static [&'static str]]],
}

impl ServiceSpec {
    /// The request field with wire name `name`.
    pub fn request_field(&self, name: &str) -> Option<&'static FieldSpec> {
        self.request.iter().find(|f| f.name == name)
    }

    /// Checks request parameters given as pairs (business parameters only)
    /// against the request table: names the table does not declare, required
    /// parameters missing or empty, values longer than their `String(n)` (or
    /// shorter than the minimum of a `String(min-max)`), and
    /// `Number` / `Date` values that are not. Every violation is reported.
    ///
    /// ```
    /// use alipay_mapi_runtime::{validate::{LengthRule, Rule}, Access, FieldSpec, FieldType, ServiceSpec};
    /// static SPEC: ServiceSpec = ServiceSpec {
    ///     service: "x",
    ///     request: &[FieldSpec { name: "subject", ident: "subject", ty: FieldType::String,
    ///         max_len: Some(4), min_len: None, length_rule: None, scale: None, nullable: false, label: "", description: "", example: None,
    ///         path: &[] }],
    ///     response: None, notify: None, errors: &[], length_rule: LengthRule::GbkWidth,
    ///     answer: None, access: Access::Page, one_of: &[], either: &[],
    /// };
    /// let err = SPEC.validate_params(&[("subject", "中文字"), ("extra", "1")]).unwrap_err();
    /// assert!(matches!(err.field("subject").unwrap().rule, Rule::TooLong { actual: 6, .. }));
    /// assert_eq!(err.field("extra").unwrap().rule, Rule::Unknown);
    /// ```
    pub fn validate_params<N: AsRef<str>, V: AsRef<str>>(
        &self,
        params: &[(N, V)],
    ) -> Result<(), Violations> {
        let mut v = Validator::new(self.length_rule);
        for (name, _) in params {
            let name = name.as_ref();
            if self.request_field(name).is_none() {
                v.push(name.to_owned(), Rule::Unknown);
            }
        }
        for field in self.request {
            let value = params
                .iter()
                .find(|(n, _)| n.as_ref() == field.name)
                .map(|(_, v)| v.as_ref())
                .unwrap_or_default();
            match field.ty {
                FieldType::Number => {
                    v.check_number(
                        field.name,
                        value,
                        !field.nullable,
                        field.max_len,
                        field.scale,
                    );
                }
                _ => v.check_length_by(
                    field.length_rule.unwrap_or(self.length_rule),
                    field.name,
                    value,
                    !field.nullable,
                    field.min_len,
                    field.max_len,
                ),
            }
            let typed = match field.ty {
                FieldType::String => Ok(()),
                FieldType::Number => value.parse::<Number>().map(drop),
                FieldType::Date => value.parse::<Date>().map(drop),
            };
            if let (false, Err(e)) = (value.is_empty(), typed) {
                v.push(field.name, Rule::Type(e));
            }
        }
        // Given: present and not empty.
        let given = |name: &str| {
            params
                .iter()
                .any(|(n, v)| n.as_ref() == name && !v.as_ref().is_empty())
        };
        for group in self.one_of {
            if !group.iter().any(|name| given(name)) {
                v.push(group.join("|"), Rule::OneOf { fields: group });
            }
        }
        for alternatives in self.either {
            if let Some(fault) = crate::validate::either_fault(alternatives, given) {
                v.push(
                    crate::validate::either_field(alternatives),
                    Rule::Either {
                        alternatives,
                        fault,
                    },
                );
            }
        }
        v.finish()
    }

    /// The meaning of an error code, when the table lists it.
    pub fn error_meaning(&self, code: &str) -> Option<&'static str> {
        self.errors
            .iter()
            .find(|e| e.code == code)
            .map(|e| e.meaning)
    }
}

/// The base parameters a request is signed with, besides `service`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BaseParams<'a> {
    /// `partner`.
    pub partner: &'a str,
    /// `_input_charset`.
    pub charset: Charset,
}

/// A request of an app-payment interface ([`Access::App`]): it is signed
/// into an order string for the app's SDK
/// ([`variants::mobile::order_string_for`](crate::variants::mobile::order_string_for)),
/// never into a page URL or form, and never sent by the merchant's server.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not an app payment's request: no order string is made of it",
    label = "not an app payment (the app's SDK)",
    note = "a page call's request becomes a signed URL or form with `Client::page_url` / \
            `page_form`; a server call's is sent with `Client::call` / `call_blocking`; the \
            interface's access kind is its `SPEC.access`"
)]
pub trait AppRequest: ServiceRequest {}

/// A declared interface's `Request`.
pub trait ServiceRequest {
    /// The interface's tables.
    const SPEC: &'static ServiceSpec;

    /// Checks every field against its table row; reports every violation.
    fn validate(&self) -> Result<(), Violations>;

    /// Calls `f` with every parameter to send — business and base ones,
    /// without `sign_type` and `sign` — in signing order, leaving out empty
    /// values. The generated impl is straight-line code whose order was fixed
    /// at compile time; everything else (the signing string, the URL, the
    /// parameter list) is built from it, so the order lives in one place.
    fn for_each_param<E>(
        &self,
        base: &BaseParams<'_>,
        f: impl FnMut(&'static str, &str) -> Result<(), E>,
    ) -> Result<(), E>;

    /// The signing string of this request with `base`: the same string as
    /// [`signing_string`](crate::signing_string) over [`params`](Self::params),
    /// with no sorting at run time.
    fn signing_string(&self, base: &BaseParams<'_>) -> Result<SigningString, CharsetError> {
        // Sized in a first pass (a few additions per parameter), so that the
        // string is allocated once, at its final size.
        let mut b = SigningStringBuilder::with_capacity(base.charset, text_len(self, base));
        self.for_each_param(base, |name, value| b.push(name, value))?;
        Ok(b.finish())
    }

    /// Every parameter to send, base ones included, empty ones left out, in
    /// signing order (without `sign_type` and `sign`).
    fn params(&self, base: &BaseParams<'_>) -> Vec<(String, String)> {
        let mut params = Vec::new();
        let _ = self.for_each_param(base, |name, value| {
            params.push((name.to_owned(), value.to_owned()));
            Ok::<(), Infallible>(())
        });
        params
    }
}

/// The length of `name=value&…` over a request's
/// [`for_each_param`](ServiceRequest::for_each_param): the signing string's
/// at most (GBK is never longer than UTF-8), and the URL's query before
/// percent-encoding.
fn text_len<R: ServiceRequest + ?Sized>(request: &R, base: &BaseParams<'_>) -> usize {
    let mut len = 0;
    let _ = request.for_each_param(base, |name, value| {
        len += name.len() + value.len() + 2;
        Ok::<(), Infallible>(())
    });
    len
}

/// A code of an interface's error table, or one it does not list.
pub trait GatewayErrorCode:
    FromStr<Err = Infallible> + fmt::Display + fmt::Debug + Clone + PartialEq + Send + Sync + 'static
{
    /// The code as the gateway sends it.
    fn as_str(&self) -> &str;
    /// Its meaning, when the table lists it.
    fn meaning(&self) -> Option<&'static str>;
}

/// A declared interface's `Response` or `Notify`: the business parameters of a
/// verified return or notification.
pub trait ServiceReturn: Sized {
    /// The interface's error codes.
    type ErrorCode: GatewayErrorCode;
    /// The interface's tables.
    const SPEC: &'static ServiceSpec;
    /// The table this type was generated from.
    const FIELDS: &'static [FieldSpec];
    /// Reads the declared fields out of verified parameters.
    fn from_params(params: &ReceivedParams) -> Result<Self, FieldError>;
}

/// A declared field of a verified return that is missing or not of its type.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum FieldError {
    /// A required field was not received (or was empty).
    Missing {
        /// Its wire name.
        field: &'static str,
    },
    /// A field does not hold a value of its type.
    Invalid {
        /// Its wire name.
        field: &'static str,
        /// What is wrong.
        error: ParseValueError,
    },
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FieldError::Missing { field } => {
                write!(
                    f,
                    "required parameter `{field}` was not received, or was empty"
                )
            }
            FieldError::Invalid { field, error } => write!(f, "parameter `{field}`: {error}"),
        }
    }
}

impl std::error::Error for FieldError {}

/// Reads a required field. Used by generated `from_params`.
#[doc(hidden)]
pub fn required<T: FromStr<Err = E>, E: Into<ParseValueError>>(
    params: &ReceivedParams,
    field: &'static str,
) -> Result<T, FieldError> {
    optional(params, field)?.ok_or(FieldError::Missing { field })
}

/// Reads an optional field; empty counts as absent. Used by generated `from_params`.
#[doc(hidden)]
pub fn optional<T: FromStr<Err = E>, E: Into<ParseValueError>>(
    params: &ReceivedParams,
    field: &'static str,
) -> Result<Option<T>, FieldError> {
    match params.get(field) {
        None | Some("") => Ok(None),
        Some(text) => text.parse().map(Some).map_err(|e: E| FieldError::Invalid {
            field,
            error: e.into(),
        }),
    }
}

impl From<Infallible> for ParseValueError {
    fn from(never: Infallible) -> Self {
        match never {}
    }
}

/// Parameters of a return the gateway always may send, besides the business ones.
const RETURN_BASE_PARAMS: [&str; 3] = ["is_success", "sign", "sign_type"];

/// A verified return or notification read into its declared type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verified<T> {
    value: T,
    raw: VerifiedReturn,
    declared: &'static [FieldSpec],
}

impl<T> Verified<T> {
    /// The typed value.
    pub fn value(&self) -> &T {
        &self.value
    }

    /// The typed value, leaving the rest.
    pub fn into_value(self) -> T {
        self.value
    }

    /// Received parameters the table does not declare (nor `is_success`,
    /// `sign`, `sign_type`): the gateway adds parameters over time, and they
    /// were covered by the signature like the others.
    pub fn undeclared(&self) -> impl Iterator<Item = (&str, &str)> + '_ {
        self.raw.params().iter().filter(|(name, _)| {
            !RETURN_BASE_PARAMS.contains(name) && !self.declared.iter().any(|f| f.name == *name)
        })
    }

    /// Everything that was received and verified.
    pub fn raw(&self) -> &VerifiedReturn {
        &self.raw
    }
}

impl<T> std::ops::Deref for Verified<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

/// Why a typed return or notification was not accepted.
///
/// `Debug`, like `Display`, leaves received values out: a failure's
/// parameters show as names and lengths (the `params` field has them).
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ServiceError<E> {
    /// The gateway reports a failure: `is_success=F` with a code of the
    /// interface's error table (or one it does not list).
    Gateway {
        /// The code.
        code: E,
        /// Whether the failure came signed and the signature checked out.
        signed: bool,
        /// Every received parameter (boxed: an error stays small).
        params: Box<ReceivedParams>,
    },
    /// The input was refused: unreadable, unsigned, or a bad signature.
    Return(ReturnError),
    /// The signature checked out but a declared field is missing or malformed.
    Field(FieldError),
}

impl<E: fmt::Debug> fmt::Debug for ServiceError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ServiceError::Gateway {
                code,
                signed,
                params,
            } => crate::verify::debug_gateway(f, code, *signed, params),
            ServiceError::Return(e) => f.debug_tuple("Return").field(e).finish(),
            ServiceError::Field(e) => f.debug_tuple("Field").field(e).finish(),
        }
    }
}

impl<E: GatewayErrorCode> fmt::Display for ServiceError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ServiceError::Gateway { code, signed, .. } => {
                write!(f, "the gateway reports failure {}", code.as_str())?;
                if let Some(meaning) = code.meaning() {
                    write!(f, " ({meaning})")?;
                }
                if !signed {
                    f.write_str(" [unsigned]")?;
                }
                Ok(())
            }
            ServiceError::Return(e) => e.fmt(f),
            ServiceError::Field(e) => e.fmt(f),
        }
    }
}

impl<E: GatewayErrorCode> std::error::Error for ServiceError<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ServiceError::Gateway { .. } => None,
            // Its message is `e`'s (see `CallError`'s `source`).
            ServiceError::Return(e) => e.source(),
            ServiceError::Field(e) => e.source(),
        }
    }
}

impl Client {
    fn base(&self) -> BaseParams<'_> {
        BaseParams {
            partner: self.partner(),
            charset: self.charset(),
        }
    }

    /// Validates and signs a declared interface's request.
    ///
    /// Nothing is signed when a field breaks its table: the error lists every
    /// violation.
    pub fn sign_request<R: ServiceRequest>(
        &self,
        request: &R,
    ) -> Result<crate::SignedRequest, RequestError> {
        crate::request::check_main_rule(R::SPEC.service, self.signer().sign_type())?;
        request.validate().map_err(RequestError::Invalid)?;
        let base = self.base();
        let signing_string = request.signing_string(&base)?;
        self.finish(R::SPEC.service, request.params(&base), signing_string)
    }

    /// The signed GET URL of a page-call interface: the same URL as
    /// [`sign_request`](Self::sign_request)`(request)?.url()`, built in one
    /// pass into one buffer.
    ///
    /// Each parameter is encoded in the request charset once; its bytes are
    /// fed to the signature (hashed as they come, for MD5) and
    /// percent-encoded into the URL at the same time, so the signing string
    /// is never stored. With MD5 the URL is the only allocation.
    pub fn page_url<R: crate::answer::PageRequest>(
        &self,
        request: &R,
    ) -> Result<String, RequestError> {
        crate::request::check_main_rule(R::SPEC.service, self.signer().sign_type())?;
        request.validate().map_err(RequestError::Invalid)?;
        let base = self.base();
        let charset = base.charset;
        // The signing string is at most this long (GBK is never longer than
        // UTF-8); percent-encoding at most triples it, and a typical request
        // fits in half again.
        let message_len = text_len(request, &base);
        let sign_len = self.signer().sign_len_hint();
        let gateway = self.gateway_for(R::SPEC.service);
        let mut url = wire::Query::new(
            gateway,
            gateway.len() + (message_len + sign_len) * 3 / 2 + 32,
        );
        let mut message = self.signer().message(message_len);
        let mut first = true;
        request.for_each_param(&base, |name, value| {
            if !is_signed(name, value) {
                return url.pair(charset, name, value);
            }
            url.separate();
            write_pair(charset, first, name, value, |part, bytes| {
                message.update(bytes);
                match part {
                    Part::Name | Part::Value => url.put(bytes),
                    Part::Equals => url.put_raw(bytes),
                    Part::Separator => {}
                }
            })?;
            first = false;
            Ok(())
        })?;
        url.pair(charset, "sign_type", self.sign_type().as_str())?;
        url.pair_written_by("sign", |out| message.append_sign(out))?;
        Ok(url.finish())
    }

    /// The auto-submitting HTML form of a page-call interface.
    pub fn page_form<R: crate::answer::PageRequest>(
        &self,
        request: &R,
        method: Method,
    ) -> Result<String, RequestError> {
        self.sign_request(request).map(|r| r.form(method))
    }

    /// Verifies a page-redirect return (URL, query string or form body) and
    /// reads it into the interface's `Response`.
    pub fn verify_return<T: ServiceReturn>(
        &self,
        input: &str,
    ) -> Result<Verified<T>, ServiceError<T::ErrorCode>> {
        self.typed(self.verify_return_params(input))
    }

    /// Verifies an asynchronous notification from its raw form body and the
    /// request's `Content-Type`, and reads it into the interface's `Notify`:
    /// the one entry point for notifications (the charset rule is
    /// [`verify_notification_params`](Self::verify_notification_params)'s;
    /// what a handler must do about resends is in [`crate::notify`]).
    pub fn verify_notification<T: ServiceReturn>(
        &self,
        body: &[u8],
        content_type: Option<&str>,
    ) -> Result<Verified<T>, ServiceError<T::ErrorCode>> {
        self.typed(self.verify_notification_params(body, content_type))
    }

    fn typed<T: ServiceReturn>(
        &self,
        raw: Result<VerifiedReturn, ReturnError>,
    ) -> Result<Verified<T>, ServiceError<T::ErrorCode>> {
        let raw = raw.map_err(|e| match e {
            ReturnError::Gateway {
                code,
                signed,
                params,
            } => ServiceError::Gateway {
                code: match code.parse() {
                    Ok(code) => code,
                    Err(never) => match never {},
                },
                signed,
                params,
            },
            other => ServiceError::Return(other),
        })?;
        let value = T::from_params(raw.params()).map_err(ServiceError::Field)?;
        Ok(Verified {
            value,
            raw,
            declared: T::FIELDS,
        })
    }
}
