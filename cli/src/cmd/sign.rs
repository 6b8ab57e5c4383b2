//! `alipay-mapi sign`.

use alipay_mapi::{signing_string, ReceivedParams};
use serde_json::json;

use crate::fail::{Fail, Result};
use crate::input::{self, refuse_duplicates};
use crate::out;
use crate::SignArgs;

pub fn run(mut args: SignArgs, json: bool) -> Result<()> {
    let pairs = match &args.query {
        Some(query) => ReceivedParams::parse(query.as_bytes(), args.charset)
            .map_err(|e| Fail::usage(format!("--query: {e}")))?
            .into_vec(),
        None => std::mem::take(&mut args.params),
    };
    if pairs.is_empty() {
        return Err(Fail::usage("no parameters to sign"));
    }
    refuse_duplicates(&pairs)?;
    let signer = input::signer(args.sign_type, &args.key)?;
    notes(&pairs, &args);
    let string = signing_string(&pairs, args.charset).map_err(|e| Fail::usage(e.to_string()))?;
    let sign = signer
        .sign(&string)
        .map_err(|e| Fail::invalid(e.to_string()))?;
    if json {
        out::print_json(&json!({
            "sign_type": args.sign_type.as_str(),
            "charset": args.charset.as_str(),
            "signing_string": string.as_str(),
            "sign": sign,
        }));
        return Ok(());
    }
    if args.explain {
        let mut text = format!("signing string: {}\n", string.as_str());
        for line in out::non_ascii_lines(string.as_str(), args.charset) {
            text.push_str(&format!("  {line}\n"));
        }
        text.push_str(&format!(
            "algorithm: {} ({})\n",
            args.sign_type,
            args.sign_type.algorithm()
        ));
        out::print(&text);
    }
    out::print(&sign);
    Ok(())
}

/// Warns (stderr) when the parameters name another sign type or charset than
/// the ones used: the sign is still made as asked.
fn notes(pairs: &[(String, String)], args: &SignArgs) {
    let get = |name: &str| {
        pairs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    };
    if let Some(declared) = get("_input_charset") {
        if declared.parse().ok() != Some(args.charset) {
            out::note(&format!(
                "the parameters say _input_charset={declared}, but the sign is over {} bytes (--charset)",
                args.charset
            ));
        }
    }
    if let Some(declared) = get("sign_type") {
        if declared.parse().ok() != Some(args.sign_type) {
            out::note(&format!(
                "the parameters say sign_type={declared}, but the sign is {} (--sign-type)",
                args.sign_type
            ));
        }
    }
}
