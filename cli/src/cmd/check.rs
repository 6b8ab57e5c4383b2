//! `alipay-mapi verify` and `alipay-mapi explain`: the same input, a verdict
//! or a diagnosis.

use alipay_mapi::explain::{Explanation, Mistake};
use alipay_mapi::variants::wap;
use alipay_mapi::{verify_params, Charset, ReceivedParams, ReturnError, SignType, SignatureError};
use serde_json::{json, Map, Value};

use crate::fail::{Fail, Result};
use crate::input;
use crate::out;
use crate::CheckArgs;

/// The sign type to check as: `--sign-type`, else the received `sign_type`,
/// else the WAP 2.0 `sec_id` (`MD5`, `0001` = RSA).
fn sign_type(params: &ReceivedParams, forced: Option<SignType>) -> Result<SignType> {
    if params.is_empty() {
        // Before the sign type: there is nothing to check at all.
        return Err(Fail::invalid(ReturnError::NoParameters.to_string()));
    }
    if let Some(forced) = forced {
        return Ok(forced);
    }
    match params.get("sign_type") {
        None | Some("") => match params.get("sec_id") {
            Some(sec_id) if !sec_id.is_empty() => {
                wap::sign_type_of_sec_id(sec_id).map_err(|e| {
                    Fail::usage(format!("{e}; give --sign-type to check as one of them"))
                })
            }
            _ => Err(Fail::usage(
                "the parameters carry no sign_type (nor a WAP 2.0 sec_id): give --sign-type MD5|RSA|RSA2|DSA",
            )),
        },
        Some(received) => received
            .parse()
            .map_err(|e| Fail::usage(format!("{e}; give --sign-type to check as one of them"))),
    }
}

/// Whether the received `sign_type` names another type than `checked`.
fn other_sign_type(params: &ReceivedParams, checked: SignType) -> Option<&str> {
    params
        .get("sign_type")
        .filter(|received| received.parse::<SignType>().ok() != Some(checked))
}

fn params_json(params: &ReceivedParams) -> Value {
    let map: Map<String, Value> = params
        .iter()
        .map(|(n, v)| (n.to_owned(), Value::String(v.to_owned())))
        .collect();
    Value::Object(map)
}

/// The charset to read the parameters in: `--charset` when given, else the
/// received `_input_charset` (or `charset`), as the library reads a return
/// or notification, else UTF-8.
fn charset_of(given: Option<Charset>, bytes: &[u8]) -> Result<Charset> {
    if let Some(charset) = given {
        return Ok(charset);
    }
    match alipay_mapi::verify::received_charset(bytes) {
        Ok(Some(declared)) => Ok(declared),
        Ok(None) => Ok(Charset::Utf8),
        Err(e) => Err(Fail::usage(e.to_string())),
    }
}

/// Notes a declared `_input_charset` that differs from the one decoded with.
fn charset_note(params: &ReceivedParams, charset: Charset) {
    if let Some(declared) = params.get("_input_charset") {
        if declared.parse().ok() != Some(charset) {
            out::note(&format!(
                "the parameters say _input_charset={declared}, but they are read as {charset} (--charset)"
            ));
        }
    }
}

/// Whether the parameters are a WAP 2.0 notification: `notify_data` and
/// `sec_id`, no `sign_type`. Its signature covers `service`, `v`, `sec_id`,
/// `notify_data` in that order (`alipay_mapi::variants::wap`).
fn is_wap_notification(params: &ReceivedParams) -> bool {
    params.get("notify_data").is_some()
        && params.get("sec_id").is_some()
        && params.get("sign_type").is_none()
}

/// A WAP 2.0 notification checked by its fixed-order rule, for `verify`
/// and `explain` alike.
struct WapCheck {
    sign_type: SignType,
    /// The fixed-order string checked, with `notify_data` decrypted; `None`
    /// when the check stopped before it (an encrypted `notify_data` without
    /// `--merchant-key`).
    signing_string: Option<String>,
    result: std::result::Result<wap::Notification, wap::WapError>,
}

/// Checks a WAP 2.0 notification: the sign type from `--sign-type`, else
/// `sec_id`; an encrypted `notify_data` decrypted with `--merchant-key`.
fn check_wap(args: &CheckArgs, charset: Charset, received: &ReceivedParams) -> Result<WapCheck> {
    let sign_type = sign_type(received, args.sign_type)?;
    let verifier = input::verifier(sign_type, &args.key)?;
    if let Some(sec_id) = received.get("sec_id") {
        if wap::sign_type_of_sec_id(sec_id).ok() != Some(sign_type) {
            out::note(&format!(
                "the notification says sec_id={sec_id}, which is part of what was signed; checking as {sign_type} (--sign-type) anyway"
            ));
        }
    }
    out::note("a WAP 2.0 notification: signed over service, v, sec_id, notify_data in that order, not sorted");
    let result = match &args.merchant_key {
        Some(key) => {
            let merchant = input::signer(SignType::Rsa, key)?;
            wap::verify_params_decrypting(received.clone(), &verifier, &merchant, charset)
        }
        None => wap::verify_params(received.clone(), &verifier, charset),
    };
    let signing_string = match &result {
        Ok(notification) => Some(notification.signing_string().as_str().to_owned()),
        Err(wap::WapError::BadSignature { signing_string, .. }) => Some(signing_string.clone()),
        Err(_) => None,
    };
    Ok(WapCheck {
        sign_type,
        signing_string,
        result,
    })
}

/// The failure of a WAP check that is not a refused sign: a usage error
/// when something was missing to check it.
fn wap_failure(e: &wap::WapError) -> Fail {
    match e {
        wap::WapError::Charset(_) | wap::WapError::Return(ReturnError::Charset(_)) => {
            Fail::usage(e.to_string())
        }
        wap::WapError::Encrypted {
            reason: wap::DecryptError::NoPrivateKey { .. },
            ..
        } => Fail::usage(format!(
            "{e}\n  give --merchant-key with the merchant's RSA private key: the gateway \
             encrypts notify_data for it when sec_id=0001"
        )),
        _ => Fail::invalid(format!("{e:#}")),
    }
}

/// `verify` for a WAP 2.0 notification: the fixed-order rule.
fn verify_wap(
    args: &CheckArgs,
    charset: Charset,
    received: ReceivedParams,
    json: bool,
) -> Result<()> {
    let check = check_wap(args, charset, &received)?;
    if json {
        let mut object = json!({
            "ok": check.result.is_ok(),
            "variant": "wap",
            "sign_type": check.sign_type.as_str(),
            "charset": charset.as_str(),
            "signing_string": check.signing_string,
            "params": params_json(&received),
        });
        if let (Err(e), Some(map)) = (&check.result, object.as_object_mut()) {
            map.insert("reason".into(), Value::String(format!("{e:#}")));
        }
        out::print_json(&object);
    }
    match check.result {
        Ok(verified) => {
            if !json {
                let mut text = String::from("OK\n");
                for (name, value) in verified.params().iter() {
                    text.push_str(&format!("{name}={value}\n"));
                }
                if verified.notify_data_was_encrypted() {
                    text.push_str(&format!(
                        "notify_data (decrypted)={}\n",
                        verified.notify_data()
                    ));
                }
                out::print(&text);
            }
            Ok(())
        }
        Err(e) => Err(wap_failure(&e)),
    }
}

/// `explain` for a WAP 2.0 notification: its fixed-order string and
/// whether the sign matches it. The sorted rule's common mistakes do not
/// apply to it.
fn explain_wap(
    args: &CheckArgs,
    charset: Charset,
    received: &ReceivedParams,
    json: bool,
) -> Result<()> {
    let check = check_wap(args, charset, received)?;
    let error = match &check.result {
        Ok(_) => None,
        Err(wap::WapError::BadSignature { error, .. }) => Some(error.to_string()),
        Err(e) => return Err(wap_failure(e)),
    };
    // Decrypted when it was encrypted (checked as RSA, as sec_id says) and
    // the check got past decrypting it.
    let decrypted = check.sign_type == SignType::Rsa && wap::notify_data_is_encrypted(received);
    if json {
        out::print_json(&json!({
            "matches": error.is_none(),
            "variant": "wap",
            "sign_type": check.sign_type.as_str(),
            "algorithm": check.sign_type.algorithm(),
            "charset": charset.as_str(),
            "signing_string": check.signing_string,
            "notify_data_decrypted": decrypted,
            "received_sign": received.get("sign"),
            "error": error,
            "params": params_json(received),
        }));
    } else {
        let mut text = String::from(
            "variant:        WAP 2.0 notification: service, v, sec_id, notify_data in that order, not sorted\n",
        );
        text.push_str(&format!(
            "signing string: {}\n",
            check.signing_string.as_deref().unwrap_or_default()
        ));
        if decrypted {
            text.push_str("notify_data:    decrypted with --merchant-key (the sign covers the decrypted text)\n");
        }
        text.push_str(&format!(
            "algorithm:      {} ({})\n",
            check.sign_type,
            check.sign_type.algorithm()
        ));
        text.push_str(&format!(
            "received sign:  {}\n",
            received.get("sign").unwrap_or("(none)")
        ));
        match &error {
            None => text.push_str("matches:        yes\n"),
            Some(error) => {
                text.push_str(&format!("matches:        no: {error}\n"));
                text.push_str(&format!(
                    "cause:          {} (the sorted rule's common mistakes do not apply to this variant)\n",
                    wrong_key_hint(check.sign_type)
                ));
            }
        }
        out::print(&text);
    }
    match error {
        None => Ok(()),
        Some(_) => Err(Fail::invalid(
            "the sign does not match the WAP 2.0 notification's fixed-order string",
        )),
    }
}

pub fn verify(args: CheckArgs, json: bool) -> Result<()> {
    let bytes = input::check_input(&args.input)?;
    let charset = charset_of(args.charset, &bytes)?;
    let received = input::received(&bytes, charset)?;
    if is_wap_notification(&received) {
        return verify_wap(&args, charset, received, json);
    }
    let sign_type = sign_type(&received, args.sign_type)?;
    let verifier = input::verifier(sign_type, &args.key)?;
    charset_note(&received, charset);
    let mut params = received.clone();
    if let Some(other) = other_sign_type(&received, sign_type) {
        out::note(&format!(
            "the parameters say sign_type={other}; checking as {sign_type} (--sign-type), ignoring it"
        ));
        params.remove("sign_type");
    }
    // For the report only: verify_params computes its own, by the same rule.
    let string = received
        .signing_string(charset)
        .ok()
        .map(|s| s.as_str().to_owned());
    let result = verify_params(params, &verifier, charset);
    let reason = match &result {
        Ok(_) => None,
        Err(e) => Some(format!("{e:#}")),
    };
    if json {
        let mut object = json!({
            "ok": result.is_ok(),
            "sign_type": sign_type.as_str(),
            "charset": charset.as_str(),
            "signing_string": string,
            "params": params_json(&received),
        });
        if let (Some(reason), Some(map)) = (&reason, object.as_object_mut()) {
            map.insert("reason".into(), Value::String(reason.clone()));
        }
        out::print_json(&object);
    }
    match result {
        Ok(verified) => {
            if !json {
                let mut text = String::from("OK\n");
                for (name, value) in verified.params() {
                    text.push_str(&format!("{name}={value}\n"));
                }
                out::print(&text);
            }
            Ok(())
        }
        Err(ReturnError::Charset(e)) => Err(Fail::usage(e.to_string())),
        Err(e @ ReturnError::BadSignature { .. }) => Err(Fail::invalid(format!(
            "{e:#}\n  run `alipay-mapi explain` with the same arguments to find out why"
        ))),
        Err(e) => Err(Fail::invalid(format!("{e:#}"))),
    }
}

pub fn explain(args: CheckArgs, json: bool) -> Result<()> {
    let bytes = input::check_input(&args.input)?;
    let charset = charset_of(args.charset, &bytes)?;
    let params = input::received(&bytes, charset)?;
    if is_wap_notification(&params) {
        return explain_wap(&args, charset, &params, json);
    }
    let sign_type = sign_type(&params, args.sign_type)?;
    let verifier = input::verifier(sign_type, &args.key)?;
    charset_note(&params, charset);
    let explanation = alipay_mapi::explain::explain(&params, &verifier, charset)
        .map_err(|e| Fail::usage(e.to_string()))?;
    // With MD5 the secret also gives the sign the string should have had.
    let expected = match sign_type {
        SignType::Md5 => input::signer(SignType::Md5, &args.key)?
            .sign(&explanation.signing_string)
            .ok(),
        _ => None,
    };
    if json {
        out::print_json(&explain_json(&explanation, &params, expected.as_deref()));
    } else {
        out::print(&explain_text(&explanation, expected.as_deref()));
    }
    if explanation.matches {
        return Ok(());
    }
    let message = match (&explanation.received_sign, explanation.cause()) {
        (None, _) => "the parameters carry no `sign`".to_owned(),
        (Some(_), Some(Mistake::UnsignedParameter)) => format!(
            "the sign does not match the signing string: {}",
            explanation.cause_description().unwrap_or_default()
        ),
        (Some(_), Some(_)) => format!(
            "the sign does not match the signing string; it was made this way: {}",
            explanation.cause_description().unwrap_or_default()
        ),
        (Some(_), None) => match &explanation.error {
            Some(SignatureError::Malformed { reason }) => format!("malformed sign: {reason}"),
            _ => format!(
                "the sign does not match, and no common mistake explains it: {}",
                wrong_key_hint(sign_type)
            ),
        },
    };
    Err(Fail::invalid(message))
}

fn wrong_key_hint(sign_type: SignType) -> &'static str {
    match sign_type {
        SignType::Md5 => {
            "it was made with another MD5 key, or over other parameters or values"
        }
        _ => {
            "it was made with another key (is --key the gateway's public key, not your own?), or over other parameters or values"
        }
    }
}

fn explain_text(e: &Explanation, expected: Option<&str>) -> String {
    let charset = e.signing_string.charset();
    let mut text = format!("signing string: {}\n", e.signing_string.as_str());
    let non_ascii = out::non_ascii_lines(e.signing_string.as_str(), charset);
    if non_ascii.is_empty() {
        text.push_str("bytes:          ASCII only (the same in every charset)\n");
    } else {
        text.push_str(&format!(
            "bytes:          {charset}; non-ASCII characters:\n"
        ));
        for line in non_ascii {
            text.push_str(&format!("  {line}\n"));
        }
    }
    text.push_str(&format!(
        "algorithm:      {} ({})\n",
        e.sign_type,
        e.algorithm()
    ));
    match &e.received_sign_type {
        Some(received) if received.parse::<SignType>().ok() != Some(e.sign_type) => {
            text.push_str(&format!(
                "sign_type:      received {received}, checked as {} (--sign-type); `verify` without --sign-type refuses it\n",
                e.sign_type
            ));
        }
        Some(received) => text.push_str(&format!("sign_type:      {received}\n")),
        None => text.push_str("sign_type:      (not received)\n"),
    }
    text.push_str(&format!(
        "received sign:  {}\n",
        e.received_sign.as_deref().unwrap_or("(none)")
    ));
    if let Some(expected) = expected {
        text.push_str(&format!(
            "expected sign:  {expected} (MD5 of the string above with the key)\n"
        ));
    }
    let verdict = match (&e.received_sign, e.matches, &e.error) {
        (None, _, _) => "no: the parameters carry no `sign`".to_owned(),
        (_, true, _) => "yes".to_owned(),
        (_, false, Some(error)) => format!("no: {error}"),
        (_, false, None) => "no".to_owned(),
    };
    text.push_str(&format!("matches:        {verdict}\n"));
    if !e.tried.is_empty() {
        text.push_str("tried (each mistake made on purpose, checked with the key):\n");
        for (mistake, matched) in &e.tried {
            text.push_str(&format!(
                "  {:<4} {:<24} {}\n",
                if *matched { "YES" } else { "no" },
                mistake.id(),
                mistake.describe()
            ));
        }
    }
    if !e.matches && e.received_sign.is_some() && !e.not_applicable.is_empty() {
        let ids: Vec<&str> = e.not_applicable.iter().map(|m| m.id()).collect();
        text.push_str(&format!(
            "not tried (would change nothing here): {}\n",
            ids.join(", ")
        ));
    }
    if let Some(cause) = e.cause_description() {
        let label = if e.matches { "note:  " } else { "cause: " };
        text.push_str(&format!("{label}         {cause}\n"));
    } else if !e.matches && e.received_sign.is_some() {
        match &e.error {
            Some(SignatureError::Malformed { .. }) => text.push_str(
                "cause:          the sign is malformed; no signing string can match it\n",
            ),
            _ => text.push_str(&format!(
                "cause:          none of the common mistakes: {}\n",
                wrong_key_hint(e.sign_type)
            )),
        }
    }
    text
}

fn explain_json(e: &Explanation, params: &ReceivedParams, expected: Option<&str>) -> Value {
    let non_ascii: Vec<Value> = e
        .non_ascii_runs()
        .into_iter()
        .map(|run| {
            json!({
                "offset": run.offset,
                "text": run.text,
                "hex": run.bytes.iter().map(|b| format!("{b:02x}")).collect::<String>(),
            })
        })
        .collect();
    let tried: Vec<Value> = e
        .tried
        .iter()
        .map(|(mistake, matched)| {
            json!({
                "mistake": mistake.id(),
                "description": mistake.describe(),
                "matched": matched,
            })
        })
        .collect();
    let not_applicable: Vec<&str> = e.not_applicable.iter().map(|m| m.id()).collect();
    json!({
        "matches": e.matches,
        "sign_type": e.sign_type.as_str(),
        "algorithm": e.algorithm(),
        "charset": e.signing_string.charset().as_str(),
        "signing_string": e.signing_string.as_str(),
        "non_ascii": non_ascii,
        "received_sign": e.received_sign,
        "received_sign_type": e.received_sign_type,
        "expected_sign": expected,
        "error": e.error.as_ref().map(|err| err.to_string()),
        "tried": tried,
        "not_applicable": not_applicable,
        "cause": e.cause().map(|m| m.id()),
        "unsigned_parameter": e.unsigned_parameter,
        "params": params_json(params),
    })
}
