//! `alipay-mapi services`: the interfaces this build declares.

use alipay_mapi::variants::{self, cross_border, wap, Signing};
use alipay_mapi::{Access, FieldSpec, ServiceSpec, DEFAULT_GATEWAY};
use serde_json::{json, Value};

use crate::cmd::request::lookup;
use crate::fail::Result;
use crate::out;
use crate::ServicesArgs;

pub fn run(args: ServicesArgs, json: bool) -> Result<()> {
    let Some(name) = &args.service else {
        let all = alipay_mapi_interfaces::SERVICES;
        if json {
            let list: Vec<Value> = all.iter().map(|s| summary_json(s)).collect();
            out::print_json(&json!({ "services": list }));
        } else {
            let mut text = String::new();
            for spec in all {
                text.push_str(&format!("{}\n", summary_text(spec)));
            }
            out::print(&text);
        }
        return Ok(());
    };
    let spec = lookup(name)?;
    if json {
        out::print_json(&spec_json(spec));
    } else {
        out::print(&spec_text(spec));
    }
    Ok(())
}

/// The type as tables write it: `String(64)`, `String(6-32)`,
/// `Number(9,2)`, `Date`.
fn type_text(f: &FieldSpec) -> String {
    match (f.min_len, f.max_len, f.scale) {
        (_, Some(p), Some(s)) => format!("{}({p},{s})", f.ty.as_str()),
        (Some(lo), Some(n), None) => format!("{}({lo}-{n})", f.ty.as_str()),
        (None, Some(n), None) => format!("{}({n})", f.ty.as_str()),
        (_, None, _) => f.ty.as_str().to_owned(),
    }
}

fn access(spec: &ServiceSpec) -> &'static str {
    match spec.access {
        Access::Page => "page",
        Access::Server => "server",
        Access::App => "app",
    }
}

/// Where a service is sent: the WAP 2.0 gateway, the cross-border one, or the
/// main one.
fn gateway(spec: &ServiceSpec) -> &'static str {
    if cross_border::is_cross_border(spec.service) {
        cross_border::INTL_GATEWAY
    } else if wap::SERVICES.contains(&spec.service) {
        wap::GATEWAY
    } else {
        DEFAULT_GATEWAY
    }
}

/// A wire name with its element path, as answer tables write it
/// (`trade.trade_no`).
fn dotted(f: &FieldSpec) -> String {
    let mut name = f.path.join(".");
    if !name.is_empty() {
        name.push('.');
    }
    name.push_str(f.name);
    name
}

fn summary_text(spec: &ServiceSpec) -> String {
    let mut parts = vec![
        access(spec).to_owned(),
        format!("request {}", spec.request.len()),
    ];
    if let Some(r) = spec.response {
        parts.push(format!("return {}", r.len()));
    }
    if let Some(n) = spec.notify {
        parts.push(format!("notify {}", n.len()));
    }
    if let Some(a) = spec.answer {
        parts.push(format!("answer {}", a.len()));
    }
    parts.push(format!("error codes {}", spec.errors.len()));
    format!("{}\t({})", spec.service, parts.join(", "))
}

fn table_text(text: &mut String, title: &str, fields: &[FieldSpec]) {
    text.push_str(&format!("\n{title}:\n"));
    let width = fields
        .iter()
        .map(|f| dotted(f).len())
        .max()
        .unwrap_or(0)
        .max(4);
    let tw = fields
        .iter()
        .map(|f| type_text(f).len())
        .max()
        .unwrap_or(0)
        .max(4);
    text.push_str(&format!(
        "  {:<width$}  {:<tw$}  {:<8}  meaning\n",
        "name", "type", "nullable"
    ));
    for f in fields {
        text.push_str(&format!(
            "  {:<width$}  {:<tw$}  {:<8}  {}\n",
            dotted(f),
            type_text(f),
            if f.nullable { "Y" } else { "N" },
            f.label
        ));
    }
}

fn spec_text(spec: &ServiceSpec) -> String {
    // How it is reached and what the runtime adds depend on the rule that
    // signs it.
    let call = || format!("{} call, gateway {}", access(spec), gateway(spec));
    let (how, added) = match variants::signing_of(spec.service) {
        Some(Signing::Wap) => (
            call(),
            "base parameters (service, partner, _input_charset, sign) are added by variants::wap::sign_request; \
             sec_id names the sign type, no sign_type is sent",
        ),
        Some(Signing::AppOrderString) => (
            "an order string handed to the Alipay app SDK, which talks to the gateway itself (no call from here)"
                .to_owned(),
            "partner, _input_charset and service are added and the order string signed by \
             variants::mobile::order_string_for",
        ),
        Some(Signing::NotifyVerify) => (
            format!(
                "server call (unsigned GET, plain-text answer), gateway {}",
                gateway(spec)
            ),
            "nothing is signed: Client::notify_verify (or `alipay-mapi call notify_verify notify_id=…`) \
             sends service, partner and notify_id as a GET and reads true, false or invalid",
        ),
        None => (
            call(),
            "base parameters (service, partner, _input_charset, sign_type, sign) are added by the runtime",
        ),
    };
    let mut text = format!(
        "{}\n{how}\nlengths counted in {}; {added}\n",
        spec.service,
        spec.length_rule.unit()
    );
    if let Some(allowed) = cross_border::sign_types(spec.service) {
        let allowed: Vec<&str> = allowed.iter().map(|t| t.as_str()).collect();
        text.push_str(&format!(
            "sign types its documents allow: {}\n",
            allowed.join(", ")
        ));
    }
    table_text(&mut text, "request parameters", spec.request);
    for group in spec.one_of {
        text.push_str(&format!("  at least one of: {}\n", group.join(" | ")));
    }
    for alternatives in spec.either {
        let joined: Vec<String> = alternatives.iter().map(|a| a.join(" + ")).collect();
        text.push_str(&format!(
            "  exactly one of: {} (each whole)\n",
            joined.join(" | ")
        ));
    }
    if let Some(fields) = spec.response {
        table_text(&mut text, "page-redirect return parameters", fields);
    }
    if let Some(fields) = spec.notify {
        table_text(&mut text, "asynchronous notification parameters", fields);
    }
    if let Some(fields) = spec.answer {
        table_text(&mut text, "XML answer (inside <response>)", fields);
    }
    if !spec.errors.is_empty() {
        text.push_str("\nerror codes:\n");
        let width = spec.errors.iter().map(|e| e.code.len()).max().unwrap_or(0);
        for e in spec.errors {
            text.push_str(&format!("  {:<width$}  {}\n", e.code, e.meaning));
        }
    }
    text
}

fn fields_json(fields: &[FieldSpec]) -> Vec<Value> {
    fields
        .iter()
        .map(|f| {
            json!({
                "name": f.name,
                "ident": f.ident,
                "type": f.ty.as_str(),
                "max_len": f.max_len,
                "min_len": f.min_len,
                "scale": f.scale,
                "nullable": f.nullable,
                "label": f.label,
                "description": f.description,
                "example": f.example,
                "path": f.path,
            })
        })
        .collect()
}

fn summary_json(spec: &ServiceSpec) -> Value {
    json!({
        "service": spec.service,
        "request": spec.request.len(),
        "response": spec.response.map(<[FieldSpec]>::len),
        "notify": spec.notify.map(<[FieldSpec]>::len),
        "answer": spec.answer.map(<[FieldSpec]>::len),
        "access": access(spec),
        "errors": spec.errors.len(),
    })
}

fn spec_json(spec: &ServiceSpec) -> Value {
    json!({
        "service": spec.service,
        "length_rule": spec.length_rule.unit(),
        "request": fields_json(spec.request),
        "one_of": spec.one_of,
        "either": spec.either,
        "response": spec.response.map(fields_json),
        "notify": spec.notify.map(fields_json),
        "answer": spec.answer.map(fields_json),
        "access": access(spec),
        "gateway": gateway(spec),
        "errors": spec.errors.iter().map(|e| json!({"code": e.code, "meaning": e.meaning})).collect::<Vec<_>>(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use alipay_mapi::FieldType;

    #[test]
    fn type_text_shows_a_range() {
        let f = |min_len, max_len, scale, ty| FieldSpec {
            ty,
            min_len,
            max_len,
            scale,
            ..FieldSpec::optional_string("x", &[])
        };
        let string = FieldType::String;
        assert_eq!(
            type_text(&f(Some(6), Some(32), None, string)),
            "String(6-32)"
        );
        assert_eq!(type_text(&f(None, Some(32), None, string)), "String(32)");
        assert_eq!(type_text(&f(None, None, None, string)), "String");
        let number = FieldType::Number;
        assert_eq!(type_text(&f(None, Some(9), Some(2), number)), "Number(9,2)");
        let json = fields_json(&[f(Some(6), Some(32), None, string)]);
        assert_eq!(
            (json[0]["min_len"].clone(), json[0]["max_len"].clone()),
            (6.into(), 32.into())
        );
    }
}
