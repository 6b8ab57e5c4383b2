//! Signed requests: the parameter list, the GET URL and the auto-submitting
//! HTML form a page-call interface sends the buyer's browser to.

use std::fmt;

use crate::charset::{Charset, CharsetError};
use crate::sign::{SignError, SignType, Signer, Verifier};
use crate::signing::{signing_string, SigningString};
use crate::wire;

/// The gateway every interface of this crate is sent to by default.
pub const DEFAULT_GATEWAY: &str = "https://mapi.alipay.com/gateway.do";

/// Base parameters: the runtime sets them, business parameters may not.
pub const BASE_PARAMS: [&str; 5] = ["service", "partner", "_input_charset", "sign_type", "sign"];

/// How the auto-submitting form is sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Method {
    /// `GET`: the browser puts the fields in the query string.
    Get,
    /// `POST`: the fields go in the body; `_input_charset` stays in the action's query.
    #[default]
    Post,
}

impl Method {
    /// `get` or `post`, as the form's `method` attribute.
    pub const fn as_str(self) -> &'static str {
        match self {
            Method::Get => "get",
            Method::Post => "post",
        }
    }
}

/// A misconfigured [`Client`].
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ConfigError {
    /// `partner` is not the 16 digits of a merchant id.
    InvalidPartner {
        /// The value given.
        partner: String,
    },
    /// The gateway address is not an absolute `http`/`https` URL.
    InvalidGateway {
        /// The value given.
        gateway: String,
        /// Why it was refused.
        reason: String,
    },
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConfigError::InvalidPartner { partner } => write!(
                f,
                "partner `{partner}` is not a merchant id (16 digits, such as 2088002464631181)"
            ),
            ConfigError::InvalidGateway { gateway, reason } => {
                write!(f, "gateway `{gateway}` is not usable: {reason}")
            }
        }
    }
}

impl std::error::Error for ConfigError {}

/// A request that could not be built.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum RequestError {
    /// A business parameter uses the name of a base parameter the runtime sets.
    ReservedParameter {
        /// The name.
        name: String,
    },
    /// A business parameter has an empty name: no receiver can read it back
    /// (`&=value`; [`ReceivedParams::parse`](crate::ReceivedParams::parse)
    /// refuses it too).
    EmptyName,
    /// The same business parameter was given twice (whatever its values,
    /// empty ones included).
    DuplicateParameter {
        /// The name.
        name: String,
    },
    /// A value cannot be encoded in the request's charset.
    Charset(CharsetError),
    /// The signer failed.
    Sign(SignError),
    /// The generated request type found invalid values (see `validate()`).
    Invalid(crate::validate::Violations),
    /// The service is not signed by the main gateway's rule: the WAP 2.0
    /// services and the app's order string have their own (see
    /// [`crate::variants`]); signing them here would give a request the
    /// gateway refuses, sent to the wrong place.
    Variant {
        /// The service.
        service: String,
        /// What signs it instead.
        sign_with: &'static str,
    },
    /// The service's documents allow other sign types than the client's
    /// signer's (the cross-border services: see
    /// [`variants::cross_border::sign_types`](crate::variants::cross_border::sign_types));
    /// the gateway would refuse the request.
    SignType {
        /// The service.
        service: String,
        /// The client's sign type.
        sign_type: SignType,
        /// What the documents allow.
        allowed: &'static [SignType],
    },
}

/// Refuses a service whose requests follow a protocol variant rather than
/// the main gateway's rule ([`RequestError::Variant`]), or whose documents
/// allow other sign types than `sign_type` ([`RequestError::SignType`]).
pub(crate) fn check_main_rule(service: &str, sign_type: SignType) -> Result<(), RequestError> {
    use crate::variants::{signing_of, Signing};
    if let Some(allowed) = crate::variants::cross_border::sign_types(service) {
        if !allowed.contains(&sign_type) {
            return Err(RequestError::SignType {
                service: service.to_owned(),
                sign_type,
                allowed,
            });
        }
    }
    let sign_with = match signing_of(service) {
        Some(Signing::Wap) => {
            "variants::wap::sign_request (the WAP 2.0 gateway: sec_id, no sign_type)"
        }
        Some(Signing::AppOrderString) => {
            "variants::mobile::order_string_for (the order string an app hands to the Alipay SDK)"
        }
        Some(Signing::NotifyVerify) => {
            "Client::notify_verify (an unsigned GET of service, partner and notify_id, answered true, false or invalid in plain text)"
        }
        None => return Ok(()),
    };
    Err(RequestError::Variant {
        service: service.to_owned(),
        sign_with,
    })
}

impl fmt::Display for RequestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RequestError::ReservedParameter { name } => write!(
                f,
                "`{name}` is a base parameter set by the client; it cannot be a business parameter"
            ),
            RequestError::EmptyName => f.write_str("a business parameter has an empty name"),
            RequestError::DuplicateParameter { name } => {
                write!(f, "business parameter `{name}` is given more than once")
            }
            RequestError::Charset(e) => e.fmt(f),
            RequestError::Sign(e) => e.fmt(f),
            RequestError::Invalid(v) => v.fmt(f),
            RequestError::Variant { service, sign_with } => write!(
                f,
                "`{service}` is not signed by the main gateway's rule; sign it with {sign_with}"
            ),
            RequestError::SignType {
                service,
                sign_type,
                allowed,
            } => {
                let allowed: Vec<&str> = allowed.iter().map(|t| t.as_str()).collect();
                write!(
                    f,
                    "`{service}` is signed with {} only by its documents, not {}: the gateway would refuse it; give the client a signer of one of those",
                    allowed.join(", "),
                    sign_type.as_str()
                )
            }
        }
    }
}

impl std::error::Error for RequestError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            // Its message is `e`'s (see `CallError`'s `source`).
            RequestError::Charset(e) => e.source(),
            RequestError::Sign(e) => e.source(),
            RequestError::Invalid(e) => e.source(),
            _ => None,
        }
    }
}

impl From<CharsetError> for RequestError {
    fn from(e: CharsetError) -> Self {
        RequestError::Charset(e)
    }
}

impl From<SignError> for RequestError {
    fn from(e: SignError) -> Self {
        RequestError::Sign(e)
    }
}

/// The merchant's side of the gateway: partner id, charset, signer, the key
/// that checks the gateway's answers, and the gateway's address.
///
/// ```
/// # #[cfg(feature = "md5")] {
/// use alipay_mapi_runtime::{keys::Md5Key, Charset, Client, Signer, Verifier};
/// let key = Md5Key::new("10000000000000000000000000000000").unwrap();
/// let client = Client::new("2088002464631181", Signer::md5(key.clone()))
///     .unwrap()
///     .with_charset(Charset::Gbk)
///     .with_verifier(Verifier::md5(key));
/// let request = client
///     .sign_params("sns.cae.sign.customer", &[("sns_user_id", "id2011103454654656")])
///     .unwrap();
/// assert!(request.url().starts_with("https://mapi.alipay.com/gateway.do?_input_charset=gbk&"));
/// # }
/// ```
#[derive(Clone, Debug)]
pub struct Client {
    partner: String,
    charset: Charset,
    signer: Signer,
    verifier: Option<Verifier>,
    /// Set by `with_gateway`; `None` sends each service to its documented
    /// host (see [`Client::gateway_for`]).
    gateway: Option<String>,
    sign_policy: crate::call::SignPolicy,
}

impl Client {
    /// A client for merchant `partner` (16 digits) signing with `signer`,
    /// sending `utf-8` to [`DEFAULT_GATEWAY`].
    pub fn new(partner: &str, signer: Signer) -> Result<Self, ConfigError> {
        if partner.len() != 16 || !partner.bytes().all(|b| b.is_ascii_digit()) {
            return Err(ConfigError::InvalidPartner {
                partner: partner.to_owned(),
            });
        }
        Ok(Client {
            partner: partner.to_owned(),
            charset: Charset::Utf8,
            signer,
            verifier: None,
            gateway: None,
            sign_policy: crate::call::SignPolicy::default(),
        })
    }

    /// Sends `_input_charset=charset`: the signing string, URL and form are
    /// all made of this charset's bytes.
    pub fn with_charset(mut self, charset: Charset) -> Self {
        self.charset = charset;
        self
    }

    /// Checks the gateway's returns and notifications with `verifier`: the MD5
    /// secret, or the *gateway's* public key (not the merchant's own).
    pub fn with_verifier(mut self, verifier: Verifier) -> Self {
        self.verifier = Some(verifier);
        self
    }

    /// Sends every request to `gateway` (a sandbox, a local gateway for
    /// tests, or the older `https://www.alipay.com/cooperate/gateway.do`)
    /// instead of each service's documented host (see
    /// [`Client::gateway_for`]).
    pub fn with_gateway(mut self, gateway: &str) -> Result<Self, ConfigError> {
        let refuse = |reason: &str| ConfigError::InvalidGateway {
            gateway: gateway.to_owned(),
            reason: reason.to_owned(),
        };
        let url = url::Url::parse(gateway).map_err(|e| refuse(&e.to_string()))?;
        if url.scheme() != "https" && url.scheme() != "http" {
            return Err(refuse("the scheme must be https or http"));
        }
        if url.fragment().is_some() {
            return Err(refuse("a gateway address has no #fragment"));
        }
        self.gateway = Some(gateway.to_owned());
        Ok(self)
    }

    /// What to do with the `<sign>` of a server call's XML answer
    /// (default [`SignPolicy::IfPresent`](crate::call::SignPolicy::IfPresent);
    /// see [`crate::call`] for the rule and its evidence).
    pub fn with_sign_policy(mut self, policy: crate::call::SignPolicy) -> Self {
        self.sign_policy = policy;
        self
    }

    /// The policy for answers' `<sign>`.
    pub fn sign_policy(&self) -> crate::call::SignPolicy {
        self.sign_policy
    }

    /// The merchant id.
    pub fn partner(&self) -> &str {
        &self.partner
    }

    /// The request charset.
    pub fn charset(&self) -> Charset {
        self.charset
    }

    /// The sign type requests are signed with.
    pub fn sign_type(&self) -> SignType {
        self.signer.sign_type()
    }

    /// The signer.
    pub fn signer(&self) -> &Signer {
        &self.signer
    }

    /// The verifier of the gateway's answers, when one is configured.
    pub fn verifier(&self) -> Option<&Verifier> {
        self.verifier.as_ref()
    }

    /// The gateway address set with [`Client::with_gateway`], else
    /// [`DEFAULT_GATEWAY`], the mainland host. Requests go to
    /// [`Client::gateway_for`] their service.
    pub fn gateway(&self) -> &str {
        self.gateway.as_deref().unwrap_or(DEFAULT_GATEWAY)
    }

    /// The gateway a request for `service` is sent to: the one set with
    /// [`Client::with_gateway`]; otherwise the international host
    /// ([`INTL_GATEWAY`](crate::variants::cross_border::INTL_GATEWAY)) for
    /// the cross-border services, where their documentation sends them
    /// ([`is_cross_border`](crate::variants::cross_border::is_cross_border)),
    /// and [`DEFAULT_GATEWAY`] for the others.
    ///
    /// ```
    /// # #[cfg(feature = "md5")] {
    /// use alipay_mapi_runtime::{keys::Md5Key, Client, Signer, DEFAULT_GATEWAY};
    /// let client = Client::new("2088101122136241", Signer::md5(Md5Key::new("t3stsecret0000000000000000000042").unwrap())).unwrap();
    /// assert_eq!(client.gateway_for("create_forex_trade"), "https://intlmapi.alipay.com/gateway.do");
    /// assert_eq!(client.gateway_for("create_direct_pay_by_user"), DEFAULT_GATEWAY);
    /// let local = client.with_gateway("http://127.0.0.1:8080/gateway.do").unwrap();
    /// assert_eq!(local.gateway_for("create_forex_trade"), "http://127.0.0.1:8080/gateway.do");
    /// # }
    /// ```
    pub fn gateway_for(&self, service: &str) -> &str {
        match &self.gateway {
            Some(gateway) => gateway,
            None if crate::variants::cross_border::is_cross_border(service) => {
                crate::variants::cross_border::INTL_GATEWAY
            }
            None => DEFAULT_GATEWAY,
        }
    }

    /// Signs a call of `service` with its business parameters, given as
    /// `(name, value)` pairs in any order. Empty values are left out, as the
    /// gateway ignores them; base parameters are added by the client. An
    /// empty name, a base parameter's name and a name given twice are errors,
    /// and so is a `return_url` or `notify_url` with a query of its own
    /// ([`Rule::QueryInCallbackUrl`](crate::validate::Rule::QueryInCallbackUrl)
    /// in [`RequestError::Invalid`]): the gateway adds its signed parameters
    /// to those URLs, and the merchant's own would break the sign.
    ///
    /// ```
    /// # #[cfg(feature = "md5")] {
    /// use alipay_mapi_runtime::{keys::Md5Key, validate::Rule, Client, RequestError, Signer};
    /// let key = Md5Key::new("10000000000000000000000000000000").unwrap();
    /// let client = Client::new("2088002464631181", Signer::md5(key)).unwrap();
    /// let err = client
    ///     .sign_params("create_direct_pay_by_user", &[("return_url", "https://shop.example/r?id=7")])
    ///     .unwrap_err();
    /// let RequestError::Invalid(violations) = err else { panic!() };
    /// assert_eq!(violations.field("return_url").unwrap().rule, Rule::QueryInCallbackUrl);
    /// # }
    /// ```
    pub fn sign_params<N: AsRef<str>, V: AsRef<str>>(
        &self,
        service: &str,
        business: &[(N, V)],
    ) -> Result<SignedRequest, RequestError> {
        check_main_rule(service, self.signer.sign_type())?;
        let mut params: Vec<(String, String)> = Vec::with_capacity(business.len() + 5);
        params.push(("_input_charset".into(), self.charset.as_str().into()));
        params.push(("partner".into(), self.partner.clone()));
        params.push(("service".into(), service.into()));
        for (i, (name, value)) in business.iter().enumerate() {
            let (name, value) = (name.as_ref(), value.as_ref());
            if name.is_empty() {
                return Err(RequestError::EmptyName);
            }
            if BASE_PARAMS.contains(&name) {
                return Err(RequestError::ReservedParameter { name: name.into() });
            }
            // Against every name given before, not only those kept: a name
            // given twice is refused whichever of its values is empty.
            if business.iter().take(i).any(|(n, _)| n.as_ref() == name) {
                return Err(RequestError::DuplicateParameter { name: name.into() });
            }
            if !value.is_empty() {
                params.push((name.into(), value.into()));
            }
        }
        // What a declared request's `validate()` checks of these two URLs,
        // checked here for any service.
        let mut v = crate::validate::Validator::new(crate::validate::LengthRule::GbkWidth);
        for (name, value) in params.iter().skip(3) {
            if crate::validate::CALLBACK_URLS.contains(&name.as_str()) {
                v.check_callback_url(name.clone(), value);
            }
        }
        v.finish().map_err(RequestError::Invalid)?;
        let signing_string = signing_string(&params, self.charset)?;
        self.finish(service, params, signing_string)
    }

    /// Signs an already-built signing string of `params` (base and business
    /// parameters, without `sign` and `sign_type`). `params` must be the
    /// parameters `signing_string` was made of.
    pub(crate) fn finish(
        &self,
        service: &str,
        mut params: Vec<(String, String)>,
        signing_string: SigningString,
    ) -> Result<SignedRequest, RequestError> {
        let sign = self.signer.sign(&signing_string)?;
        params.push(("sign_type".into(), self.signer.sign_type().as_str().into()));
        params.push(("sign".into(), sign));
        Ok(SignedRequest {
            params,
            charset: self.charset,
            gateway: self.gateway_for(service).to_owned(),
            signing_string,
        })
    }
}

/// A signed request, ready to be sent as a URL or a form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignedRequest {
    params: Vec<(String, String)>,
    charset: Charset,
    gateway: String,
    signing_string: SigningString,
}

impl SignedRequest {
    /// Every parameter that is sent, `sign_type` and `sign` last.
    pub fn params(&self) -> &[(String, String)] {
        &self.params
    }

    /// The value of one parameter.
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The `sign` value.
    pub fn sign(&self) -> &str {
        self.param("sign").unwrap_or_default()
    }

    /// The string that was signed.
    pub fn signing_string(&self) -> &SigningString {
        &self.signing_string
    }

    /// The request charset.
    pub fn charset(&self) -> Charset {
        self.charset
    }

    /// The gateway address the request is for.
    pub fn gateway(&self) -> &str {
        &self.gateway
    }

    /// Every parameter as an `application/x-www-form-urlencoded` body
    /// (`name=value&…`), percent-encoded from the bytes of the request
    /// charset.
    pub fn form_body(&self) -> String {
        let url = self.url_on("");
        url.strip_prefix('?').unwrap_or(&url).to_owned()
    }

    /// The signed GET URL: the gateway with every parameter percent-encoded
    /// from the bytes of the request charset (so a GBK request carries
    /// `%D6%D0`, not `%E4%B8%AD`, for `中`).
    pub fn url(&self) -> String {
        self.url_on(&self.gateway)
    }

    fn url_on(&self, base: &str) -> String {
        let mut url = wire::Query::new(
            base,
            base.len() + 1 + self.signing_string.as_str().len() * 3 / 2 + 256,
        );
        for (name, value) in &self.params {
            // Every value was encoded once already, for the signing string or
            // (base parameters) is ASCII, so this cannot fail.
            let _ = url.pair(self.charset, name, value);
        }
        url.finish()
    }

    /// An HTML fragment: a form with every parameter as a hidden field, and a
    /// script that submits it when the page loads.
    ///
    /// The form's `action` carries `?_input_charset=…`, as the gateway reads
    /// it from the query string even for a POST, and `accept-charset` asks the
    /// browser to send the fields in the request charset whatever the page's
    /// own charset is.
    pub fn form(&self, method: Method) -> String {
        let mut html = String::with_capacity(512 + self.signing_string.as_str().len() * 2);
        html.push_str("<form id=\"alipaysubmit\" name=\"alipaysubmit\" action=\"");
        let mut action = self.gateway.clone();
        action.push(if action.contains('?') { '&' } else { '?' });
        action.push_str("_input_charset=");
        action.push_str(&wire::encode_utf8(self.charset.as_str()));
        wire::push_html_escaped(&mut html, &action);
        html.push_str("\" method=\"");
        html.push_str(method.as_str());
        html.push_str("\" accept-charset=\"");
        html.push_str(self.charset.as_str());
        html.push_str("\">\n");
        for (name, value) in &self.params {
            html.push_str("<input type=\"hidden\" name=\"");
            wire::push_html_escaped(&mut html, name);
            html.push_str("\" value=\"");
            wire::push_html_escaped(&mut html, value);
            html.push_str("\"/>\n");
        }
        html.push_str("<input type=\"submit\" value=\"Continue to Alipay\" style=\"display:none\"/>\n</form>\n");
        html.push_str("<script>document.forms['alipaysubmit'].submit();</script>\n");
        html
    }
}
