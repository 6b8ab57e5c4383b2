//! `account.page.query` — 账务明细分页查询接口 (Account statement, page by page).
//!
//! Pages through the merchant account's statement: the entries of a time window of at most one day (or the entries of one trade, order or deposit), up to 5000 a page. The merchant's server calls it and reads the entries from the XML answer. Access: a server call (the merchant's server sends the signed request and reads the answer), gateway
//! `https://mapi.alipay.com/gateway.do`.
//! What comes back: an XML answer with one page of entries under `<response><account_page_query_result>`
//! (`account_log_list.AccountQueryAccountLogVO[]`, `has_next_page`, `page_no`, `page_size`).
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
//! let mut request = Request::new("1"); // page_no
//! request.gmt_start_time = Some("2015-10-25 00:00:00".into());
//! request.gmt_end_time = Some("2015-10-26 00:00:00".into());
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
