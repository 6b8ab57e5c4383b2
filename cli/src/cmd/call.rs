//! `alipay-mapi call`: a server call performed, its XML answer read, its
//! `<sign>` checked, and the answer printed — typed by the interface's answer
//! table when the service is declared, else as the raw tree.

use std::time::Duration;

use alipay_mapi::answer::XmlAnswer;
use alipay_mapi::call::{CallError, SignPolicy};
use alipay_mapi::notify::{NotifyVerification, NotifyVerifyError};
use alipay_mapi::transport::ureq::Transport;
use alipay_mapi::{
    Access, Client, ErrorCodeSpec, RequestError, ReturnError, ServiceSpec, SignType,
    SignatureError, Signer,
};
use serde_json::{json, Map, Value};

use crate::fail::{Fail, Result};
use crate::input::{self, refuse_duplicates};
use crate::out;
use crate::{CallArgs, CallSignPolicy};

mod shape;

pub fn run(args: CallArgs, json: bool) -> Result<()> {
    let request = &args.request;
    refuse_duplicates(&request.params)?;
    let spec = alipay_mapi_interfaces::service(&request.service);
    if let Some(spec) = spec.filter(|s| s.access == Access::Page) {
        return Err(Fail::usage(format!(
            "`{}` is a page call (its document says so): the buyer's browser is sent to it and the gateway answers with pages, not XML; use `alipay-mapi url {}` or `form`",
            spec.service, spec.service
        )));
    }
    if let Some(spec) = spec.filter(|s| s.access == Access::App) {
        return Err(Fail::usage(format!(
            "`{}` is an app payment (its document says so): the merchant's server signs an order string and hands it to the app's SDK, which talks to the gateway itself; nothing is sent from here (alipay_mapi::variants::mobile::order_string_for makes the string), and the result comes by asynchronous notification",
            spec.service
        )));
    }
    if let Some(spec) = spec {
        if let Err(violations) = spec.validate_params(&request.params) {
            let mut message = format!(
                "the parameters break the tables of {} ({} problem{}):",
                spec.service,
                violations.len(),
                if violations.len() == 1 { "" } else { "s" }
            );
            for v in &violations {
                message.push_str(&format!("\n  - {v}"));
            }
            return Err(Fail::invalid(message));
        }
    }
    let signing = request.signing();
    let signer = match (request.service.as_str(), &signing) {
        (_, Ok((sign_type, key))) => input::signer(*sign_type, key)?,
        // notify_verify is an unsigned GET: the client's signer is never
        // used, and a placeholder stands in for the key not given.
        ("notify_verify", Err(_)) => Signer::md5(
            alipay_mapi::keys::Md5Key::new("notify-verify-signs-nothing-0000")
                .map_err(|e| Fail::usage(e.to_string()))?,
        ),
        // The usage error of the missing --sign-type / --key.
        (_, Err(_)) => return signing.map(drop),
    };
    let mut client = Client::new(&request.partner, signer)
        .and_then(|c| {
            crate::cmd::request::with_gateway(
                c.with_charset(request.charset),
                request.gateway.as_deref(),
            )
        })
        .map_err(|e| Fail::usage(e.to_string()))?
        .with_sign_policy(match args.sign_policy {
            CallSignPolicy::Require => SignPolicy::Require,
            CallSignPolicy::RequireWithResponse => SignPolicy::RequireWithResponse,
            CallSignPolicy::IfPresent => SignPolicy::IfPresent,
            CallSignPolicy::Skip => SignPolicy::Skip,
        });
    if request.service == "notify_verify" {
        return notify_verify(&client, &request.params, args.timeout, json);
    }
    let (sign_type, key) = signing?;
    let verify_key = match (&args.verify_key, sign_type) {
        (Some(key), _) => Some(key.as_str()),
        (None, SignType::Md5) => Some(key),
        (None, _) => None,
    };
    if let Some(key) = verify_key {
        client = client.with_verifier(input::verifier(sign_type, key)?);
    }
    let transport = Transport::new(Duration::from_secs(args.timeout));
    let (signed, result) =
        client.call_params_blocking(&transport, &request.service, &request.params);
    let request_string = signed
        .as_ref()
        .map(|s| s.signing_string().as_str().to_owned());
    let (answer, answer_string) = match result {
        Ok(ok) => ok,
        Err(e) => {
            return Err(failure(
                e,
                &FailContext {
                    json,
                    explain: args.explain,
                    request_string: request_string.as_deref(),
                    spec,
                    verify_key_given: args.verify_key.is_some(),
                    policy: args.sign_policy,
                },
            ));
        }
    };
    let answer_string = answer_string.map(|s| s.as_str().to_owned());
    let table = spec.and_then(|s| s.answer).map(shape::Table::new);
    let sign = SignState::of(&answer, answer_string.is_some());
    // A bare success has no `<response>`: what the table requires is
    // missing from it.
    let missing = match spec.and_then(|s| s.answer) {
        Some(fields) => shape::missing_required(fields, answer.response()),
        None => Vec::new(),
    };
    let leaves = answer
        .response()
        .map(|r| shape::leaves(r, table.as_ref()))
        .unwrap_or_default();
    let incomplete = spec
        .filter(|_| !missing.is_empty())
        .map(|spec| missing_message(spec, &missing));
    if json {
        let mut notes = Vec::new();
        let typed = match (&table, answer.response()) {
            (Some(table), Some(response)) => shape::typed_json(table, response, "", &mut notes),
            (None, Some(response)) => shape::raw_json(response),
            (_, None) => Value::Null,
        };
        for note in &notes {
            out::note(note);
        }
        let mut object = json!({
            "ok": incomplete.is_none(),
            "service": request.service,
            // The service is one of the catalogue's; `typed`: its answer
            // table typed the answer (a bare answer has none).
            "declared": spec.is_some(),
            "typed": table.is_some(),
            "answer": typed,
            "request": answer.request_params().map(|(n, v)| json!([n, v])).collect::<Vec<_>>(),
            // Kept as it was: a sign was checked and verified.
            "signed": sign == SignState::Verified,
            "sign": sign.as_str(),
        });
        if let Some(map) = object.as_object_mut() {
            if table.is_some() {
                let undeclared: Map<String, Value> = leaves
                    .iter()
                    .filter(|l| !l.declared)
                    .map(|l| (l.path.clone(), Value::String(l.text.to_owned())))
                    .collect();
                map.insert("undeclared".into(), Value::Object(undeclared));
            }
            if let Some(message) = &incomplete {
                map.insert("error".into(), json!("field"));
                map.insert("code".into(), Value::Null);
                map.insert("meaning".into(), Value::Null);
                map.insert("message".into(), json!(message.0));
                map.insert(
                    "missing".into(),
                    missing
                        .iter()
                        .map(|m| json!({ "path": m.path, "kind": m.kind, "label": m.label }))
                        .collect(),
                );
            }
            if args.explain {
                map.insert("request_signing_string".into(), json!(request_string));
                map.insert("answer_signing_string".into(), json!(answer_string));
            }
        }
        out::print_json(&object);
    } else {
        let mut text = String::new();
        if args.explain {
            explain_lines(
                &mut text,
                request_string.as_deref(),
                answer_string.as_deref(),
            );
        }
        let state = sign.describe(args.sign_policy);
        text.push_str(&match &incomplete {
            None => format!("OK ({state})\n"),
            Some(_) => format!(
                "INCOMPLETE ({state}): {} required field{} missing\n",
                missing.len(),
                if missing.len() == 1 { "" } else { "s" }
            ),
        });
        if answer.response().is_none() {
            text.push_str("(no <response>)\n");
        }
        for leaf in &leaves {
            let mark = if table.is_some() && !leaf.declared {
                "  (undeclared)"
            } else {
                ""
            };
            text.push_str(&format!(
                "{} = {}{mark}\n",
                leaf.path,
                out::shown(leaf.text)
            ));
        }
        out::print(&text);
    }
    match incomplete {
        Some((summary, details)) => Err(Fail::invalid(format!("{summary}\n  {details}"))),
        None => Ok(()),
    }
}

/// Whether the answer carried a `<sign>`, and whether it was checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum SignState {
    /// Checked and verified.
    Verified,
    /// Present but not checked (`--sign-policy skip`).
    PresentUnchecked,
    /// No `<sign>` (or an empty one).
    Absent,
}

impl SignState {
    fn of(answer: &XmlAnswer, verified: bool) -> Self {
        if verified {
            SignState::Verified
        } else if answer.sign().is_some_and(|s| !s.trim().is_empty()) {
            SignState::PresentUnchecked
        } else {
            SignState::Absent
        }
    }

    /// The JSON `sign` value.
    fn as_str(self) -> &'static str {
        match self {
            SignState::Verified => "verified",
            SignState::PresentUnchecked => "present-unchecked",
            SignState::Absent => "absent",
        }
    }

    fn describe(self, policy: CallSignPolicy) -> &'static str {
        match (self, policy) {
            (SignState::Verified, _) => "answer signed, sign verified",
            (SignState::PresentUnchecked, CallSignPolicy::Skip) => {
                "answer signed, sign not checked (--sign-policy skip)"
            }
            (SignState::PresentUnchecked, _) => "answer signed, sign not checked",
            (SignState::Absent, _) => "answer not signed",
        }
    }
}

/// The failure of an answer that lacks declared required fields: one line
/// naming them (the JSON `message`), and the list with each row's meaning.
fn missing_message(spec: &ServiceSpec, missing: &[shape::Missing]) -> (String, String) {
    let paths: Vec<&str> = missing.iter().map(|m| m.path.as_str()).collect();
    let summary = format!(
        "the answer lacks {} required field{} of {}'s answer table: {}",
        missing.len(),
        if missing.len() == 1 { "" } else { "s" },
        spec.service,
        paths.join(", ")
    );
    let mut details = String::from("the answer is printed as received; the table requires:");
    for m in missing {
        details.push_str(&format!("\n  - {}", m.path));
        if m.kind == "element" {
            details.push_str(" (an element)");
        }
        if !m.label.is_empty() {
            details.push_str(&format!(": {}", m.label));
        }
    }
    details.push_str(
        "\n  the gateway left them out or put them elsewhere: look for them among the answer's (undeclared) leaves",
    );
    (summary, details)
}

/// `call notify_verify notify_id=…`: not a signed call with an XML answer
/// but the gateway's unsigned check of a notification
/// ([`Client::notify_verify_blocking`]), answered `true`, `false` or
/// `invalid`. Exit 0 for `true`, 1 for the other two.
fn notify_verify(
    client: &Client,
    params: &[(String, String)],
    timeout: u64,
    json: bool,
) -> Result<()> {
    let notify_id = match params {
        [(name, value)] if name == "notify_id" => value,
        _ => {
            return Err(Fail::usage(
                "notify_verify takes one parameter, notify_id=… (the decoded value, as the notification holds it); it is sent unsigned, with service and partner",
            ))
        }
    };
    let transport = Transport::new(Duration::from_secs(timeout));
    let verdict = client
        .notify_verify_blocking(&transport, notify_id)
        .map_err(|e| {
            if json {
                out::print_json(&json!({
                    "ok": false,
                    "error": match e {
                        NotifyVerifyError::EmptyNotifyId => "request",
                        NotifyVerifyError::Network(_) => "network",
                        NotifyVerifyError::Status { .. } => "status",
                        NotifyVerifyError::Unrecognized { .. } => "answer",
                        _ => "other",
                    },
                    "message": e.to_string(),
                }));
            }
            Fail::usage(e.to_string())
        })?;
    let meaning = match verdict {
        NotifyVerification::Valid => "the gateway sent this notification",
        NotifyVerification::Expired => {
            "the gateway does not know this notify_id, or it is older than about a minute"
        }
        NotifyVerification::Invalid => "the gateway refused the question (a wrong partner?)",
    };
    if json {
        out::print_json(&json!({
            "ok": verdict.is_valid(),
            "service": "notify_verify",
            "answer": verdict.as_str(),
            "meaning": meaning,
        }));
    } else {
        out::print(&format!("{} ({meaning})\n", verdict.as_str()));
    }
    if verdict.is_valid() {
        Ok(())
    } else {
        Err(Fail::invalid(format!(
            "notify_verify answered {}: {meaning}",
            verdict.as_str()
        )))
    }
}

fn explain_lines(text: &mut String, request: Option<&str>, answer: Option<&str>) {
    if let Some(s) = request {
        text.push_str(&format!("request signing string: {s}\n"));
    }
    match answer {
        Some(s) => text.push_str(&format!("answer signing string: {s}\n")),
        None => text.push_str("answer signing string: (no <sign> checked)\n"),
    }
}

/// What the call's failure prints: the message on stderr, and with
/// `--json` one object on stdout.
struct FailContext<'a> {
    json: bool,
    explain: bool,
    request_string: Option<&'a str>,
    spec: Option<&'a ServiceSpec>,
    verify_key_given: bool,
    policy: CallSignPolicy,
}

fn failure(e: CallError<String>, cx: &FailContext<'_>) -> Fail {
    // What failed (the JSON `message`); stderr adds the signing strings
    // under --explain and what to do next.
    let what = match &e {
        CallError::Gateway { code, .. } => gateway_message(code, cx.spec),
        CallError::Signature(r) => signature_message(r, cx),
        _ => e.to_string(),
    };
    let mut message = what.clone();
    if cx.explain {
        let mut lines = String::new();
        explain_lines(&mut lines, cx.request_string, e.signing_string());
        message.push('\n');
        message.push_str(lines.trim_end());
    }
    if let Some(hint) = signature_hint(&e, cx) {
        message.push_str("\n  ");
        message.push_str(&hint);
    }
    if cx.json {
        let kind = match &e {
            CallError::Request(_) => "request",
            CallError::Network(_) => "network",
            CallError::Status { .. } => "status",
            CallError::Charset { .. } => "charset",
            CallError::Xml { .. } => "xml",
            CallError::Signature(_) => "signature",
            CallError::Gateway { .. } => "gateway",
            CallError::Field { .. } => "field",
            _ => "other",
        };
        let mut object = json!({
            "ok": false,
            "error": kind,
            "code": Value::Null,
            "meaning": Value::Null,
            "message": what,
        });
        if let Some(map) = object.as_object_mut() {
            match &e {
                CallError::Gateway { code, .. } => {
                    let entry = error_entry(code, cx.spec);
                    // No code given: `null`, not an empty string.
                    let code = Some(code.as_str()).filter(|c| !c.trim().is_empty());
                    map.insert("code".into(), json!(code));
                    map.insert("meaning".into(), json!(entry.map(|s| s.meaning)));
                    map.insert("known".into(), json!(entry.is_some()));
                }
                CallError::Signature(r) => {
                    map.insert("signing_string".into(), json!(r.signing_string()));
                }
                _ => {}
            }
        }
        out::print_json(&object);
    }
    match e {
        CallError::Gateway { .. } | CallError::Signature(_) => Fail::invalid(message),
        CallError::Request(RequestError::Sign(_) | RequestError::Invalid(_)) => {
            Fail::invalid(message)
        }
        _ => Fail::usage(message),
    }
}

/// The row of the service's error table for `code`.
fn error_entry<'a>(code: &str, spec: Option<&'a ServiceSpec>) -> Option<&'a ErrorCodeSpec> {
    spec?.errors.iter().find(|e| e.code == code)
}

/// `the gateway reports failure CODE (meaning)`: the meaning from the
/// service's error table, or that the table does not list the code, or
/// that the gateway gave none.
fn gateway_message(code: &str, spec: Option<&ServiceSpec>) -> String {
    if code.trim().is_empty() {
        return "the gateway reports failure (is_success=F), no error code given".to_owned();
    }
    let mut message = format!("the gateway reports failure {}", out::shown(code));
    match (error_entry(code, spec), spec) {
        (Some(entry), _) => message.push_str(&format!(" ({})", entry.meaning)),
        (None, Some(_)) => message.push_str(" (not in this service's error table)"),
        (None, None) => {}
    }
    message
}

/// Why the answer's `<sign>` was refused, in the command line's terms.
fn signature_message(e: &ReturnError, cx: &FailContext<'_>) -> String {
    match e {
        ReturnError::BadSignature {
            sign_type,
            error: SignatureError::Mismatch,
            ..
        } => {
            let key = match (cx.verify_key_given, sign_type) {
                (true, SignType::Md5) => "the MD5 key given with --verify-key",
                (false, SignType::Md5) => "the MD5 key given with --key",
                // A merchant's own public key is the mistake to rule out.
                _ => "the gateway public key given with --verify-key (it must be the gateway's, not your own key's public half)",
            };
            format!(
                "the answer's <sign> does not match {key} (sign_type {sign_type}, checked over the leaves of <response>)"
            )
        }
        ReturnError::BadSignature {
            sign_type,
            error: SignatureError::Malformed { reason },
            ..
        } => format!("the answer's <sign> is not a well-formed {sign_type} sign: {reason}"),
        ReturnError::NoVerifier => "the answer carries a <sign> and there is no key to check it: \
give the gateway's public key with --verify-key, or --sign-policy skip"
            .to_owned(),
        ReturnError::MissingSign => {
            let policy = match cx.policy {
                CallSignPolicy::Require => "require",
                _ => "require-with-response",
            };
            format!(
                "the answer carries no <sign>, which --sign-policy {policy} requires \
(--sign-policy if-present accepts an unsigned answer)"
            )
        }
        ReturnError::UnexpectedSignType {
            received,
            configured,
        } => format!(
            "the answer says sign_type {received}, but it is checked as {configured} (--sign-type): \
give --sign-type {received} with the key that checks it (--verify-key), or --sign-policy skip"
        ),
        other => format!("the answer's <sign> is refused: {other}"),
    }
}

/// After a sign that does not verify: how to see what was checked, or go
/// on without checking.
fn signature_hint(e: &CallError<String>, cx: &FailContext<'_>) -> Option<String> {
    let CallError::Signature(ReturnError::BadSignature { .. }) = e else {
        return None;
    };
    Some(if cx.explain {
        "the answer signing string above is what the sign was checked over; \
re-run with --sign-policy skip to read the answer without checking its sign"
            .to_owned()
    } else {
        "re-run with --explain to see the string the sign was checked over, \
or with --sign-policy skip to read the answer without checking its sign"
            .to_owned()
    })
}
