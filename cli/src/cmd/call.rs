//! `alipay-mapi call`: a server call performed, its XML answer read, its
//! `<sign>` checked, and the answer printed — typed by the interface's answer
//! table when the service is declared, else as the raw tree.

use std::time::Duration;

use alipay_mapi::call::{CallError, SignPolicy};
use alipay_mapi::notify::{NotifyVerification, NotifyVerifyError};
use alipay_mapi::transport::ureq::Transport;
use alipay_mapi::{Access, Client, ErrorCodeSpec, RequestError, SignType};
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
    let signer = input::signer(request.sign_type, &request.key)?;
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
    let verify_key = match (&args.verify_key, request.sign_type) {
        (Some(key), _) => Some(key.as_str()),
        (None, SignType::Md5) => Some(request.key.as_str()),
        (None, _) => None,
    };
    if let Some(key) = verify_key {
        client = client.with_verifier(input::verifier(request.sign_type, key)?);
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
            let errors = spec.map_or(&[][..], |s| s.errors);
            return Err(failure(
                e,
                json,
                request_string.as_deref(),
                args.explain,
                errors,
            ));
        }
    };
    let answer_string = answer_string.map(|s| s.as_str().to_owned());
    let table = spec.and_then(|s| s.answer).map(shape::Table::new);
    let leaves = answer
        .response()
        .map(|r| shape::leaves(r, table.as_ref()))
        .unwrap_or_default();
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
            "ok": true,
            "service": request.service,
            // The service is one of the catalogue's; `typed`: its answer
            // table typed the answer (a bare answer has none).
            "declared": spec.is_some(),
            "typed": table.is_some(),
            "answer": typed,
            "request": answer.request_params().map(|(n, v)| json!([n, v])).collect::<Vec<_>>(),
            "signed": answer_string.is_some(),
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
        text.push_str(match &answer_string {
            Some(_) => "OK (answer signed, sign verified)\n",
            None => "OK (answer not signed or not checked)\n",
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
    Ok(())
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

fn failure(
    e: CallError<String>,
    json: bool,
    request_string: Option<&str>,
    explain: bool,
    errors: &[ErrorCodeSpec],
) -> Fail {
    // The code's meaning, from the interface's error table when the
    // service is one the catalogue declares.
    let meaning = match &e {
        CallError::Gateway { code, .. } => errors
            .iter()
            .find(|spec| spec.code == code)
            .map(|spec| spec.meaning),
        _ => None,
    };
    let mut message = e.to_string();
    if let Some(meaning) = meaning {
        message.push_str(&format!(" ({meaning})"));
    }
    if explain {
        let mut lines = String::new();
        let answer = match &e {
            CallError::Signature(r) => r.signing_string(),
            _ => None,
        };
        explain_lines(&mut lines, request_string, answer);
        message.push('\n');
        message.push_str(lines.trim_end());
    }
    if let CallError::Signature(r) = &e {
        if r.signing_string().is_none() && matches!(r, alipay_mapi::ReturnError::NoVerifier) {
            message.push_str(
                "\n  give the gateway's public key with --verify-key, or --sign-policy skip",
            );
        }
    }
    if json {
        let (kind, code) = match &e {
            CallError::Request(_) => ("request", None),
            CallError::Network(_) => ("network", None),
            CallError::Status { .. } => ("status", None),
            CallError::Charset { .. } => ("charset", None),
            CallError::Xml { .. } => ("xml", None),
            CallError::Signature(_) => ("signature", None),
            CallError::Gateway { code, .. } => ("gateway", Some(code.clone())),
            CallError::Field { .. } => ("field", None),
        };
        out::print_json(&json!({
            "ok": false,
            "error": kind,
            "code": code,
            "meaning": meaning,
            "message": e.to_string(),
        }));
    }
    match e {
        CallError::Gateway { .. } | CallError::Signature(_) => Fail::invalid(message),
        CallError::Request(RequestError::Sign(_) | RequestError::Invalid(_)) => {
            Fail::invalid(message)
        }
        _ => Fail::usage(message),
    }
}
