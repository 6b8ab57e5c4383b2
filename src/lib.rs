//! Declare, sign, call and verify the interfaces of Alipay's legacy partner
//! gateway (`https://mapi.alipay.com/gateway.do`).
//!
//! Copy an interface's parameter tables out of the gateway's documentation,
//! declare it with [`alipay_service`], and the compiler generates its
//! `Request`, `Response` and `ErrorCode` types, length and nullability
//! validation, and a signing-string builder sorted at compile time. The
//! runtime ([`Client`], [`Signer`], [`Verifier`], [`keys`]) signs with `MD5`,
//! `RSA`, `RSA2` or `DSA`, in `utf-8` or GBK, builds the URL or the
//! auto-submitting form, and verifies what the gateway sends back.
//!
//! # Signing by hand
//!
//! Every interface can be called with parameters as pairs:
//!
//! ```
//! # #[cfg(feature = "md5")] {
//! use alipay_mapi::{keys::Md5Key, Client, Signer, Verifier};
//!
//! let key = Md5Key::new("10000000000000000000000000000000")?;
//! let client = Client::new("2088002464631181", Signer::md5(key.clone()))?
//!     .with_verifier(Verifier::md5(key));
//! let request = client.sign_params(
//!     "sns.cae.sign.customer",
//!     &[
//!         ("return_url", "https://merchant.example/return"),
//!         ("sns_user_id", "id2011103454654656"),
//!         ("key", "20110511EF39E0403F8F48EF8E02121C9824210F"),
//!     ],
//! )?;
//! assert_eq!(
//!     request.signing_string().as_str(),
//!     "_input_charset=utf-8&key=20110511EF39E0403F8F48EF8E02121C9824210F\
//!      &partner=2088002464631181&return_url=https://merchant.example/return\
//!      &service=sns.cae.sign.customer&sns_user_id=id2011103454654656"
//! );
//! println!("{}", request.url());
//!
//! // Later, the buyer's browser comes back to the return URL:
//! let returned = client.verify_return_params(
//!     "https://merchant.example/return?is_success=T&sns_user_id=id2011\
//!      &sign_type=MD5&sign=2a7e5b7fd7fa1ee1f2a0d1e6a3b7fa47",
//! );
//! assert!(returned.is_err()); // that sign was made up
//! # }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Cargo features
//!
//! | feature | what it adds |
//! |---|---|
//! | `md5` (default) | `MD5` signing and verification |
//! | `rsa` | `RSA` (SHA1withRSA) and `RSA2` (SHA256withRSA), RSA key loading |
//! | `dsa` | `DSA` (SHA1withDSA), DSA key loading |
//! | `axum` | `alipay_mapi::axum`: extractors that verify the gateway's notifications and returns in axum 0.8 handlers, and the `success` answer |
//! | `openssl` | with `rsa` and/or `dsa`: RSA signing and verification and DSA verification on the system's OpenSSL (the `openssl` crate) instead of pure Rust — same API, keys and signatures, several times faster for RSA; needs OpenSSL's headers and `pkg-config` to build ([`keys::backend`]) |
#![forbid(unsafe_code)]
#![deny(missing_docs)]

#[doc(inline)]
pub use alipay_mapi_runtime::*;

/// The runtime crate, for paths that name it explicitly.
pub use alipay_mapi_runtime as runtime;

/// Generates an interface of the gateway from its documented tables.
///
/// ```ignore
/// #[alipay_service("sns.cae.sign.customer", doc = "docs/sns.cae.sign.customer.md")]
/// pub mod sns_cae_sign_customer {}
/// ```
///
/// # Arguments
///
/// - the service name (first, a string literal): the `service` parameter;
/// - `doc = "path"`: the interface's document, relative to the declaring
///   crate's `Cargo.toml` directory (absolute paths are refused). The build
///   re-runs when it changes. Sections are found by their headings (request
///   parameters, page-redirect return, asynchronous notification, error
///   codes), columns by their header names;
/// - or the tables inline, as pasted: `request = "…"` (required),
///   `response = "…"`, `notify = "…"`, `answer = "…"` (a server call's XML
///   answer), `errors = "…"`;
/// - `length = "gbk" | "chars" | "utf8"`: how `String(n)` counts (default
///   `gbk`: ASCII 1, Chinese 2, as the gateway's documents count);
/// - `access = "page" | "server" | "app"`: how the interface is reached,
///   overriding the document (its `访问形式` line: 页面跳转 is a page call,
///   服务器调用 a server call, 客户端调用 / SDK调用 an app payment
///   ([`Access::App`]; also the prose of a `接口调用方式` section naming the
///   SDK); without one, a document with an XML answer table is a server
///   call, any other a page call);
/// - `one_of = "a | b; c | d"`: groups of optional request parameters of
///   which at least one must be given ([`validate::Rule::OneOf`]), besides
///   those the document states (`与X二选一`, `与X不能同时为空`);
/// - `either = "price + quantity | total_fee"`: groups of alternatives of
///   which exactly one must be given, each whole — `+` joins parameters given
///   together ([`validate::Rule::Either`]);
/// - `crate = "path"`: where to find this crate, if not at `::alipay_mapi`.
///
/// # What it generates inside the module
///
/// - `SERVICE` and `SPEC` (a [`ServiceSpec`]: every field's name, type,
///   maximum length and nullability, and the error codes);
/// - `Request`: one field per business parameter (`可空 N` → `T`, `Y` →
///   `Option<T>`; `String` → `String`, `Number` → [`types::Number`], `Date` →
///   [`types::Date`]), with `Request::new(required fields in table order)`
///   (the optional ones `None`), `validate()` and a [`ServiceRequest`] impl
///   whose signing string is sorted at compile time. A page interface's
///   `Request` implements [`PageRequest`] (`page_url`, `page_form`), a server
///   interface's [`ServerRequest`] with `Answer`, an app payment's
///   [`AppRequest`] ([`variants::mobile::order_string_for`]); using one as
///   another does not compile;
/// - `Answer` (server interfaces): the content of the XML answer's
///   `<response>`, implementing [`ServiceAnswer`]. An answer table writes
///   nested elements as dotted names (`trade.trade_no`) and repeated ones
///   with `[]` (`trade.item[].price`): each element becomes a struct of the
///   module named after it (`Trade`, `Item`, implementing
///   [`FromXmlElement`]), a repeated one a `Vec`; an element is an `Option`
///   unless its own row or one of its leaves is required. Without an answer
///   table, `Answer` is empty;
/// - `Response` (page-redirect return) and `Notify` (asynchronous
///   notification), when documented, implementing [`ServiceReturn`];
///   `notify_id`, `notify_time` and `notify_type` are typed fields of both
///   when their tables list them (only `sign` and `sign_type` are left out);
/// - `SdkResult` (app payments): the app SDK's synchronous in-app result
///   (`resultStatus`, `result`, `memo`), plain data with `FIELDS`; no
///   [`ServiceReturn`], never to be trusted alone (the verified `Notify` or a
///   query records the payment);
/// - `ErrorCode`: one variant per row of the error table, plus
///   `Unknown(String)`; `Display` writes the code (`ILLEGAL_SIGN`),
///   `meaning()` the table's text.
///
/// A bad table is a compile error that names the line, the parameter and
/// the cell; every problem of a table is reported in one build.
///
/// # Example
///
/// ```
/// # #[cfg(feature = "md5")] {
/// use alipay_mapi::{alipay_service, keys::Md5Key, Client, Method, Signer, Verifier};
///
/// #[alipay_service(
///     "sns.cae.sign.customer",
///     request = "
/// 参数说明\t参数名\t类型(精度)\t备注\t可空\t样例
/// 返回URL\treturn_url\tString(200)\t处理完成后跳转的页面\tN\thttp://www.test.com/return
/// 合作网站用户帐号ID\tsns_user_id\tString(50)\t合作网站的用户ID\tN\tid2011103454654656
/// ",
///     response = "
/// 参数说明\t参数名\t类型(精度)\t备注\t可空\t样例
/// Sns帐号ID\tsns_user_id\tString(50)\t用户在SNS网站的ID\tN\tid20110923456789
/// ",
///     errors = "
/// 错误代码\t说明
/// ILLEGAL_SIGN\t数字验签失败
/// "
/// )]
/// pub mod sns {}
///
/// let key = Md5Key::new("10000000000000000000000000000000")?;
/// let client = Client::new("2088002464631181", Signer::md5(key.clone()))?
///     .with_verifier(Verifier::md5(key));
/// let request = sns::Request {
///     return_url: "https://merchant.example/return".into(),
///     sns_user_id: "id2011103454654656".into(),
/// };
/// request.validate()?;
/// let url = client.page_url(&request)?;
/// assert!(url.contains("service=sns.cae.sign.customer"));
/// let _form = client.page_form(&request, Method::Post)?;
///
/// let too_long = sns::Request { sns_user_id: "x".repeat(51), ..request };
/// assert!(client.page_url(&too_long).is_err());
///
/// assert_eq!("ILLEGAL_SIGN".parse::<sns::ErrorCode>()?, sns::ErrorCode::IllegalSign);
/// # }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub use alipay_mapi_macros::alipay_service;
