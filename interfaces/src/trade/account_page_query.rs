//! `account.page.query` — 账务明细分页查询接口 (Account statement, page by page).
//!
//! Pages through the merchant account's statement. The merchant's server calls it and reads the entries from the XML answer. Access: a server call (the merchant's server sends the signed request and reads the answer), gateway
//! `https://mapi.alipay.com/gateway.do`.
//! What comes back: an XML answer (its elements are not documented in the sources found).
//! Declared from `interfaces/docs/account.page.query.txt`, whose notes say which facts are
//! inferred or unknown.
//!
//! The typed request, checked against its table and signed:
//!
//! ```
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use alipay_mapi::{keys::Md5Key, Client, Signer};
//! use alipay_mapi_interfaces::trade::account_page_query::Request;
//!
//! let request = Request {}; // no business parameter is known (see the document)
//! request.validate()?;
//! let client = Client::new("2088101122136241", Signer::md5(Md5Key::new("t3stsecret0000000000000000000042")?))?;
//! let signed = client.sign_request(&request)?;
//! assert!(signed.signing_string().as_str().contains("service=account.page.query"));
//! # Ok(())
//! # }
//! ```

#[alipay_mapi::alipay_service("account.page.query", doc = "docs/account.page.query.txt")]
mod tables {}

pub use tables::*;
