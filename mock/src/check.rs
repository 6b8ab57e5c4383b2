//! The checks the gateway makes on every request, in its order: the
//! parameters readable in the charset `_input_charset` names, `service`
//! known, `_input_charset` in the query string, `partner` known, `sign_type`
//! given, in upper case and the merchant's, the signature right for the
//! merchant's key, the business parameters right for the request table.

use alipay_mapi_runtime::request::BASE_PARAMS;
use alipay_mapi_runtime::{signing_string, Access, Charset, ReceivedParams, ServiceSpec, SignType};

use crate::state::Exchange;
use crate::{App, Merchant};

/// A request that passed every check.
pub(crate) struct Call<'a> {
    pub spec: &'static ServiceSpec,
    pub merchant: &'a Merchant,
    pub charset: Charset,
    /// Every parameter received, base ones included.
    pub params: Vec<(String, String)>,
    /// The business parameters (all but the base ones).
    pub business: Vec<(String, String)>,
}

impl Call<'_> {
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
            .filter(|v| !v.is_empty())
    }
}

/// What a request turned out to be.
pub(crate) enum Checked<'a> {
    /// `service=notify_verify`: needs no signature.
    NotifyVerify {
        partner: Option<String>,
        notify_id: Option<String>,
        /// Why its parameters could not be read (answered `invalid`).
        unreadable: Option<String>,
    },
    /// A call of a declared interface, checked.
    Call(Call<'a>),
}

/// A refused request: the code the gateway answers and why, in words.
pub(crate) struct Refusal {
    pub code: String,
    pub reason: String,
    /// Whether to answer as a page (HTML) rather than XML: the service is a
    /// page call, or unknown and the client is a browser.
    pub page: Option<bool>,
    /// The charset to answer in.
    pub charset: Charset,
}

fn refuse(code: &str, reason: String, page: Option<bool>, charset: Charset) -> Refusal {
    Refusal {
        code: code.to_owned(),
        reason,
        page,
        charset,
    }
}

/// The value of `name` in a raw query string, percent-decoded (ASCII only:
/// enough for `_input_charset`).
fn raw_param(query: &[u8], name: &str) -> Option<String> {
    query.split(|&b| b == b'&').find_map(|pair| {
        let text = std::str::from_utf8(pair).ok()?;
        let (n, v) = text.split_once('=')?;
        (n == name).then(|| v.replace("%2D", "-").replace("%2d", "-"))
    })
}

/// Reads and checks a request's query string and form body. A refused
/// request's parameters stay in `ex` for the inspector.
pub(crate) fn check<'a>(
    app: &'a App,
    query: &[u8],
    body: &[u8],
    ex: &mut Exchange,
) -> Result<Checked<'a>, Refusal> {
    let mut params = Vec::new();
    match check_into(app, query, body, ex, &mut params) {
        Ok(Checked::Call(mut call)) => {
            call.business = params
                .iter()
                .filter(|(n, _)| !BASE_PARAMS.contains(&n.as_str()))
                .cloned()
                .collect();
            call.params = params;
            Ok(Checked::Call(call))
        }
        Ok(other) => Ok(other),
        Err(refusal) => {
            ex.params = params;
            Err(refusal)
        }
    }
}

fn check_into<'a>(
    app: &'a App,
    query: &[u8],
    body: &[u8],
    ex: &mut Exchange,
    out: &mut Vec<(String, String)>,
) -> Result<Checked<'a>, Refusal> {
    // `notify_verify` answers `invalid` to parameters it cannot read
    // (WAVE2.md: `true`, `false` or `invalid`), never an error page or XML.
    let verify = [query, body]
        .iter()
        .any(|part| raw_param(part, "service").as_deref() == Some("notify_verify"));
    let unreadable = |reason: String| {
        Ok(Checked::NotifyVerify {
            partner: None,
            notify_id: None,
            unreadable: Some(reason),
        })
    };
    let label = raw_param(query, "_input_charset");
    let charset = match label.as_deref().map(str::parse::<Charset>) {
        None => None,
        Some(Ok(c)) => Some(c),
        Some(Err(e)) if verify => return unreadable(e.to_string()),
        Some(Err(e)) => {
            return Err(refuse(
                "ILLEGAL_CHARSET",
                e.to_string(),
                None,
                Charset::Utf8,
            ));
        }
    };
    let read_as = charset.unwrap_or_default();
    ex.charset = Some(match charset {
        Some(c) => c.as_str().to_owned(),
        None => format!("{read_as} (no _input_charset in the query)"),
    });
    *out = match read(query, body, read_as) {
        Ok(params) => params,
        Err(reason) if verify => return unreadable(reason),
        Err(reason) => return Err(refuse("ILLEGAL_ARGUMENT", reason, None, read_as)),
    };
    let params = &*out;
    let get = |name: &str| {
        params
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
            .filter(|v| !v.is_empty())
    };
    let service = get("service");
    ex.service = service.clone();
    ex.partner = get("partner");
    if service.as_deref() == Some("notify_verify") {
        return Ok(Checked::NotifyVerify {
            partner: get("partner"),
            notify_id: get("notify_id"),
            unreadable: None,
        });
    }
    // The protocol variants have another gateway and rule, not simulated
    // here: refused rather than checked by the main rule.
    if let Some(s) = service
        .as_deref()
        .filter(|s| alipay_mapi_runtime::variants::signing_of(s).is_some())
    {
        let reason = format!(
            "service `{s}` follows a protocol variant (WAP 2.0 or the app's order string), \
             which the mock does not simulate"
        );
        return Err(refuse("ILLEGAL_SERVICE", reason, None, read_as));
    }
    let Some(spec) = service
        .as_deref()
        .and_then(|s| app.services.get(s).copied())
    else {
        let reason = match &service {
            None => "no `service` parameter".to_owned(),
            Some(s) => format!(
                "service `{s}` is not declared (the mock serves {} interfaces; register its ServiceSpec)",
                app.services.len()
            ),
        };
        return Err(refuse("ILLEGAL_SERVICE", reason, None, read_as));
    };
    // An app payment's order string goes to the app's SDK, never to
    // gateway.do from the merchant's server or a browser.
    if spec.access == Access::App {
        let reason = format!(
            "service `{}` is an app payment: its signed order string is handed to the app's SDK, \
             which talks to the gateway itself; it is never sent to gateway.do, and the mock \
             does not simulate the SDK",
            spec.service
        );
        return Err(refuse("ILLEGAL_SERVICE", reason, None, read_as));
    }
    let page = Some(spec.access == Access::Page);
    let Some(charset) = charset else {
        let where_ = if params.iter().any(|(n, _)| n == "_input_charset") {
            "it came in the form body only; the gateway reads it from the query string"
        } else {
            "it is missing"
        };
        return Err(refuse(
            "ILLEGAL_CHARSET",
            format!("`_input_charset` must be in the query string: {where_}"),
            page,
            read_as,
        ));
    };
    let partner = get("partner").unwrap_or_default();
    let Some(merchant) = app.merchants.get(&partner) else {
        return Err(refuse(
            "ILLEGAL_PARTNER",
            format!("partner `{partner}` is not a merchant of this gateway"),
            page,
            charset,
        ));
    };
    // The signature, by the runtime's own verification.
    let string = signing_string(params, charset);
    let given_sign = get("sign");
    ex.given_sign.clone_from(&given_sign);
    // `sign_type` is a base parameter of every signed request (GATEWAY.md),
    // written in upper case (SERVICES.md, common parameters). The codes of
    // these common checks (charset, partner, sign type, sign) are the
    // gateway's for every service, before any service's own: several
    // services' tables list them, none lists another code for them.
    let sign_type = match get("sign_type") {
        None => {
            return Err(refuse(
                "ILLEGAL_SIGN_TYPE",
                format!(
                    "no `sign_type` parameter: every signed request names its algorithm \
                     (partner {partner} signs with {})",
                    merchant.sign_type()
                ),
                page,
                charset,
            ))
        }
        Some(text) => match text.parse::<SignType>() {
            Ok(t) if t.as_str() == text => t,
            Ok(t) => {
                return Err(refuse(
                    "ILLEGAL_SIGN_TYPE",
                    format!(
                        "sign_type `{text}` must be written in upper case: `{}`",
                        t.as_str()
                    ),
                    page,
                    charset,
                ))
            }
            Err(e) => return Err(refuse("ILLEGAL_SIGN_TYPE", e.to_string(), page, charset)),
        },
    };
    if sign_type != merchant.sign_type() {
        return Err(refuse(
            "ILLEGAL_SIGN_TYPE",
            format!(
                "sign_type {sign_type}, but partner {partner} is configured for {}",
                merchant.sign_type()
            ),
            page,
            charset,
        ));
    }
    let string = string.map_err(|e| refuse("ILLEGAL_ARGUMENT", e.to_string(), page, charset))?;
    let Some(sign) = given_sign.as_deref() else {
        return Err(refuse(
            "ILLEGAL_SIGN",
            "no `sign` parameter".into(),
            page,
            charset,
        ));
    };
    // Some clients turn the `+` of a base64 sign into a space (as the
    // runtime's return verification tolerates).
    let sign = sign_type.received_sign(sign);
    let verified = merchant.verifier.verify(&string, &sign);
    // The inspector's expected sign: the given one when it verified, else
    // computed with the merchant's MD5 key (not computable for a public key).
    ex.expected_sign = match (&verified, &merchant.expected_signer) {
        (Ok(()), _) => Some(sign.into_owned()),
        (Err(_), Some(signer)) => signer.sign(&string).ok(),
        (Err(_), None) => None,
    };
    ex.signing_string = Some(string.as_str().to_owned());
    if let Err(e) = verified {
        let key = match sign_type {
            SignType::Md5 => "the MD5 key",
            _ => "the public key",
        };
        return Err(refuse(
            "ILLEGAL_SIGN",
            format!(
                "{e}: the {sign_type} sign does not verify with {key} configured for partner {partner} over the signing string `{}` ({charset} bytes)",
                string.as_str()
            ),
            page,
            charset,
        ));
    }
    let business: Vec<(&str, &str)> = params
        .iter()
        .filter(|(n, _)| !BASE_PARAMS.contains(&n.as_str()))
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    if let Err(violations) = spec.validate_params(&business) {
        return Err(refuse(
            "ILLEGAL_ARGUMENT",
            violations.to_string(),
            page,
            charset,
        ));
    }
    Ok(Checked::Call(Call {
        spec,
        merchant,
        charset,
        params: Vec::new(),
        business: Vec::new(),
    }))
}

/// The parameters of the query string and the form body as one list. A
/// name in both places is taken once when the values agree (a form whose
/// action carries `?_input_charset=…` also has it as a field), refused when
/// they differ; a name twice in one place is refused.
fn read(query: &[u8], body: &[u8], charset: Charset) -> Result<Vec<(String, String)>, String> {
    let q = ReceivedParams::parse(query, charset).map_err(|e| format!("query string: {e}"))?;
    let mut params = q.into_vec();
    if !body.is_empty() {
        let b = ReceivedParams::parse(body, charset).map_err(|e| format!("form body: {e}"))?;
        for (name, value) in b.into_vec() {
            match params.iter().find(|(n, _)| *n == name) {
                Some((_, v)) if *v == value => {}
                Some(_) => {
                    return Err(format!(
                        "parameter `{name}` is in the query string and the form body with different values"
                    ))
                }
                None => params.push((name, value)),
            }
        }
    }
    Ok(params)
}
