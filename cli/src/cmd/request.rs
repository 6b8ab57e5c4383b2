//! `alipay-mapi url` and `alipay-mapi form`: a declared interface's signed
//! request, after validating the parameters against its tables.

use alipay_mapi::{Access, Client, ConfigError, Method, RequestError, ServiceSpec, SignedRequest};
use serde_json::{json, Value};

use crate::fail::{Fail, Result};
use crate::input::{self, refuse_duplicates};
use crate::out;
use crate::{FormArgs, FormMethod, RequestArgs};

pub fn url(args: RequestArgs, json: bool) -> Result<()> {
    let (spec, request) = signed(&args, json)?;
    let url = request.url();
    if json {
        let mut object = summary(spec, &request);
        if let Some(map) = object.as_object_mut() {
            map.insert("url".into(), Value::String(url));
        }
        out::print_json(&object);
    } else {
        out::print(&url);
    }
    Ok(())
}

pub fn form(args: FormArgs, json: bool) -> Result<()> {
    let (spec, request) = signed(&args.request, json)?;
    let method = match args.method {
        FormMethod::Get => Method::Get,
        FormMethod::Post => Method::Post,
    };
    let html = request.form(method);
    if json {
        let mut object = summary(spec, &request);
        if let Some(map) = object.as_object_mut() {
            map.insert("method".into(), Value::String(method.as_str().into()));
            map.insert("form".into(), Value::String(html));
        }
        out::print_json(&object);
    } else {
        out::print(&html);
    }
    Ok(())
}

/// The interface named `service`, or exit 2 listing the known ones.
pub fn lookup(service: &str) -> Result<&'static ServiceSpec> {
    alipay_mapi_interfaces::service(service).ok_or_else(|| {
        let known: Vec<&str> = alipay_mapi_interfaces::SERVICES
            .iter()
            .map(|s| s.service)
            .collect();
        Fail::usage(format!(
            "unknown service `{service}`; this build knows: {}",
            known.join(", ")
        ))
    })
}

/// `client` sending to `gateway` when one is given, else to each service's
/// documented host.
pub(crate) fn with_gateway(
    client: Client,
    gateway: Option<&str>,
) -> std::result::Result<Client, ConfigError> {
    match gateway {
        Some(gateway) => client.with_gateway(gateway),
        None => Ok(client),
    }
}

fn signed(args: &RequestArgs, json: bool) -> Result<(&'static ServiceSpec, SignedRequest)> {
    let spec = lookup(&args.service)?;
    if spec.access == Access::Server {
        return Err(Fail::usage(format!(
            "`{}` is a server call (its document says so): the merchant's server sends it and reads an XML answer, no browser goes to it; use `alipay-mapi call {}`",
            spec.service, spec.service
        )));
    }
    if spec.access == Access::App {
        return Err(Fail::usage(format!(
            "`{}` is an app payment (its document says so): the signed order string is handed to the app's SDK, no browser goes to the gateway; make it with alipay_mapi::variants::mobile::order_string_for",
            spec.service
        )));
    }
    refuse_duplicates(&args.params)?;
    for (name, _) in &args.params {
        let instead = match name.as_str() {
            "service" => "the SERVICE argument",
            "partner" => "--partner",
            "_input_charset" => "--charset",
            "sign_type" => "--sign-type",
            "sign" => "nothing: the tool computes it",
            _ => continue,
        };
        return Err(Fail::usage(format!(
            "`{name}` is a base parameter the tool sets; use {instead}"
        )));
    }
    if let Err(violations) = spec.validate_params(&args.params) {
        if json {
            let list: Vec<Value> = violations
                .iter()
                .map(|v| json!({ "field": v.field, "message": v.to_string() }))
                .collect();
            out::print_json(&json!({
                "ok": false,
                "service": spec.service,
                "violations": list,
            }));
        }
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
    let (sign_type, key) = args.signing()?;
    let signer = input::signer(sign_type, key)?;
    let client = Client::new(&args.partner, signer)
        .and_then(|c| with_gateway(c.with_charset(args.charset), args.gateway.as_deref()))
        .map_err(|e| Fail::usage(e.to_string()))?;
    let request = client
        .sign_params(spec.service, &args.params)
        .map_err(|e| match e {
            RequestError::Sign(e) => Fail::invalid(e.to_string()),
            RequestError::Invalid(v) => Fail::invalid(v.to_string()),
            other => Fail::usage(other.to_string()),
        })?;
    Ok((spec, request))
}

fn summary(spec: &ServiceSpec, request: &SignedRequest) -> Value {
    json!({
        "service": spec.service,
        "sign_type": request.param("sign_type"),
        "charset": request.charset().as_str(),
        "signing_string": request.signing_string().as_str(),
        "sign": request.sign(),
    })
}
