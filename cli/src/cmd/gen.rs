//! `alipay-mapi gen`: a gateway document in, the declaration to paste out —
//! or the diagnostics `#[alipay_service]` would give.

use std::path::Path;

use alipay_mapi_codegen::{
    field_ident, find_service, parse_and_check, parse_document, Access, Diagnostic, Field,
    Interface, LengthRule, Options, ParamType,
};
use serde_json::{json, Value};

use crate::fail::{Fail, Result};
use crate::out;
use crate::{AccessArg, GenArgs, Length};

pub fn run(args: GenArgs, json: bool) -> Result<()> {
    let shown = args.doc.display().to_string();
    let text = alipay_mapi_codegen::source::read(&args.doc, &shown).map_err(Fail::usage)?;
    // The name the document gives (服务名 line, `service` row, title);
    // --service only when it gives none.
    let service = match (&args.service, find_service(&text)) {
        (Some(service), _) => service.clone(),
        (None, Some((_, service))) => service,
        (None, None) => match parse_document(&text) {
            // What the macro reports first: the document does not parse.
            Err(diags) => return Err(diagnostics(&shown, &diags, json)),
            Ok(_) => {
                return Err(Fail::usage(format!(
                    "`{shown}` names no service (no 服务名: … / Service: … line, no `service` row with an example, no service name in its title): give --service NAME"
                )))
            }
        },
    };
    let (length_rule, length_arg) = match args.length {
        Length::Gbk => (LengthRule::GbkWidth, None),
        Length::Chars => (LengthRule::Chars, Some("chars")),
        Length::Utf8 => (LengthRule::Utf8Bytes, Some("utf8")),
    };
    let (access, access_arg) = match args.access {
        None => (None, None),
        Some(AccessArg::Page) => (Some(Access::Page), Some("page")),
        Some(AccessArg::Server) => (Some(Access::Server), Some("server")),
        Some(AccessArg::App) => (Some(Access::App), Some("app")),
    };
    let interface = parse_and_check(
        &service,
        &text,
        &Options {
            length_rule,
            access,
            ..Options::default()
        },
    )
    .map_err(|diags| diagnostics(&shown, &diags, json))?;
    let doc_path = doc_literal(&args.doc);
    let arguments: String = [("length", length_arg), ("access", access_arg)]
        .iter()
        .filter_map(|(name, value)| value.map(|v| format!(", {name} = {v:?}")))
        .collect();
    let declaration = declaration(&interface, &doc_path, &arguments);
    if json {
        out::print_json(&json!({
            "ok": true,
            "service": interface.service,
            "module": field_ident(&interface.service),
            "doc": doc_path,
            "declaration": declaration,
            "request": fields_json(&interface.request),
            "response": interface.response.as_deref().map(fields_json),
            "notify": interface.notify.as_deref().map(fields_json),
            "answer": interface.answer.as_deref().map(fields_json),
            "sdk_result": interface.sdk_result.as_deref().map(fields_json),
            "access": format!("{:?}", interface.access).to_lowercase(),
            "one_of": interface.one_of,
            "either": interface.either,
            "errors": interface.errors.iter().map(|e| json!({"code": e.code, "meaning": e.meaning})).collect::<Vec<_>>(),
            "sdk_codes": interface.sdk_codes.iter().map(|e| json!({"code": e.code, "meaning": e.meaning})).collect::<Vec<_>>(),
        }));
    } else {
        out::print(&declaration);
    }
    Ok(())
}

/// Each diagnostic as `DOC-FILE: line N: …` on stderr (and in JSON), exit 1.
fn diagnostics(shown: &str, diags: &[Diagnostic], json: bool) -> Fail {
    if json {
        let list: Vec<Value> = diags
            .iter()
            .map(|d| {
                json!({
                    "line": d.line,
                    "param": d.param,
                    "cell": d.cell,
                    "message": d.message,
                    "text": format!("{shown}: {d}"),
                })
            })
            .collect();
        out::print_json(&json!({ "ok": false, "diagnostics": list }));
    }
    let mut message = format!(
        "`{shown}` has {} error{}:",
        diags.len(),
        if diags.len() == 1 { "" } else { "s" }
    );
    for d in diags {
        message.push_str(&format!("\n{shown}: {d}"));
    }
    Fail::invalid(message)
}

/// The `doc = "…"` path: relative to the crate's Cargo.toml, as the macro
/// wants it, with `/` separators.
fn doc_literal(doc: &Path) -> String {
    if doc.is_absolute() {
        let name = doc
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        out::note(&format!(
            "#[alipay_service] wants `doc` relative to your crate's Cargo.toml; written as docs/{name}: put the file there"
        ));
        return format!("docs/{name}");
    }
    let text = doc.to_string_lossy().replace('\\', "/");
    text.strip_prefix("./").unwrap_or(&text).to_owned()
}

fn rust_type(ty: &ParamType, nullable: bool) -> String {
    let base = match ty {
        ParamType::String { .. } => "String",
        ParamType::Number { .. } => "alipay_mapi::types::Number",
        ParamType::Date => "alipay_mapi::types::Date",
    };
    if nullable {
        format!("Option<{base}>")
    } else {
        base.to_owned()
    }
}

fn field_lines(out: &mut String, title: &str, fields: &[Field]) {
    out.push_str(&format!("///\n/// {title}:\n"));
    if fields.is_empty() {
        out.push_str("/// (no business parameters)\n");
    }
    // An answer row that names an element (`trade` above `trade.trade_no`)
    // is that element's documentation, not a leaf of text.
    let elements = alipay_mapi_codegen::model::answer_tree(fields)
        .map(|root| {
            root.descendants()
                .into_iter()
                .map(|e| {
                    (
                        e.path.clone(),
                        (e.type_name.clone(), e.repeated, e.required()),
                    )
                })
                .collect::<std::collections::HashMap<_, _>>()
        })
        .unwrap_or_default();
    for f in fields {
        let p = &f.param;
        let mut path = p.path.clone();
        path.push(p.name.clone());
        if let Some((type_name, repeated, required)) = elements
            .get(&path.join("."))
            .or_else(|| elements.get(&format!("{}[]", path.join("."))))
        {
            let ty = match (repeated, required) {
                (true, _) => format!("Vec<{type_name}>"),
                (false, true) => type_name.clone(),
                (false, false) => format!("Option<{type_name}>"),
            };
            out.push_str(&format!(
                "/// - `{}`: `{ty}`, element, {}",
                path.join("."),
                if *required { "required" } else { "optional" }
            ));
            if !p.label.is_empty() {
                out.push_str(&format!(" — {}", p.label));
            }
            out.push('\n');
            continue;
        }
        let field = if f.ident == p.name {
            String::new()
        } else {
            format!(" (field `{}`)", f.ident)
        };
        // An answer leaf is shown with its elements (`trade.trade_no`).
        let name = if p.path.is_empty() {
            p.name.clone()
        } else {
            format!("{}.{}", p.path.join("."), p.name)
        };
        out.push_str(&format!(
            "/// - `{name}`{field}: `{}`, {}, {}",
            rust_type(&p.ty, p.nullable),
            p.ty.rust_doc(),
            if p.nullable { "optional" } else { "required" }
        ));
        if !p.label.is_empty() {
            out.push_str(&format!(" — {}", p.label));
        }
        out.push('\n');
    }
}

/// The declaration to paste; `arguments` are the attribute's arguments
/// after `doc` (`, length = "chars", access = "server"`), or empty.
fn declaration(interface: &Interface, doc: &str, arguments: &str) -> String {
    let mut text = format!("/// `{}`, declared from `{doc}`.\n", interface.service);
    if interface.has_request {
        field_lines(
            &mut text,
            "Request parameters (`Request`)",
            &interface.request,
        );
    } else {
        text.push_str("///\n/// No request table: the document declares only the tables below.\n");
    }
    if let Some(response) = &interface.response {
        field_lines(&mut text, "Page-redirect return (`Response`)", response);
    }
    if interface.access == Access::App {
        text.push_str(
            "///
/// An app payment: the signed order string (`alipay_mapi::variants::mobile::order_string_for`)
/// is handed to the app's SDK; no page URL or form, no server call.
",
        );
    }
    if let Some(notify) = &interface.notify {
        field_lines(&mut text, "Asynchronous notification (`Notify`)", notify);
    }
    if let Some(sdk_result) = &interface.sdk_result {
        field_lines(
            &mut text,
            "The app SDK's synchronous result (`SdkResult`; unverified, not a gateway return: trust `Notify`)",
            sdk_result,
        );
    }
    if let Some(answer) = &interface.answer {
        field_lines(
            &mut text,
            "XML answer of the server call (`Answer`, the content of `<response>`)",
            answer,
        );
    }
    for group in &interface.one_of {
        let names: Vec<String> = group.iter().map(|n| format!("`{n}`")).collect();
        text.push_str(&format!(
            "///\n/// At least one of {} must be given.\n",
            names.join(", ")
        ));
    }
    for group in &interface.either {
        let alternatives: Vec<String> = group
            .iter()
            .map(|a| {
                a.iter()
                    .map(|n| format!("`{n}`"))
                    .collect::<Vec<_>>()
                    .join(" + ")
            })
            .collect();
        text.push_str(&format!(
            "///\n/// Exactly one of {} must be given, whole.\n",
            alternatives.join(" or ")
        ));
    }
    if !interface.errors.is_empty() {
        let codes: Vec<String> = interface
            .errors
            .iter()
            .map(|e| format!("`{}`", e.code))
            .collect();
        text.push_str(&format!(
            "///\n/// Error codes (`ErrorCode`): {}.\n",
            codes.join(", ")
        ));
    }
    if !interface.sdk_codes.is_empty() {
        let codes: Vec<String> = interface
            .sdk_codes
            .iter()
            .map(|e| format!("`{}`", e.code))
            .collect();
        text.push_str(&format!(
            "///\n/// The app SDK's result codes (`SdkResultStatus`, the values of `resultStatus`; not gateway errors): {}.\n",
            codes.join(", ")
        ));
    }
    text.push_str(&format!(
        "#[alipay_mapi::alipay_service({:?}, doc = {doc:?}{arguments})]\npub mod {} {{}}\n",
        interface.service,
        field_ident(&interface.service)
    ));
    text
}

fn fields_json(fields: &[Field]) -> Vec<Value> {
    fields
        .iter()
        .map(|f| {
            json!({
                "name": f.param.name,
                "path": f.param.path,
                "ident": f.ident,
                "type": f.param.ty.rust_doc(),
                "nullable": f.param.nullable,
                "label": f.param.label,
                "description": f.param.description,
                "example": f.param.example,
                "example_paragraphs": f.param.example_paragraphs,
                "group": f.param.group,
            })
        })
        .collect()
}
