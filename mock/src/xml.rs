//! The XML answers of server calls.
//!
//! Success: `<alipay><is_success>T</is_success><request>…</request>
//! <response>…</response><sign>…</sign><sign_type>…</sign_type></alipay>`,
//! the sign made by the runtime's rule for answers (the children of
//! `<response>`'s element, nested ones by their XML fragment:
//! `gateway_side::answer_signing_string`); failure:
//! `<alipay><is_success>F</is_success><error>CODE</error></alipay>`, unsigned.
//! Both in the request's charset, declared in the XML declaration.

use alipay_mapi_runtime::{gateway_side, Charset, FieldSpec, Signer, XmlElement};

use crate::values::Values;
use crate::wire::escape;

/// Elements of the answer around `<response>`, which answer tables list too.
const ENVELOPE: [&str; 4] = ["is_success", "error", "sign", "sign_type"];

/// The `<response>` tree of a declared answer table filled from `values`:
/// each field's `path` gives the elements above it (a name ending in `[]` is
/// a repeated element, written once per item; the mock holds one item). The
/// names of required leaves the mock has no value for (never filled with the
/// table's example) go to `missing`.
pub(crate) fn response(
    fields: &[FieldSpec],
    values: &Values<'_>,
    missing: &mut Vec<String>,
) -> XmlElement {
    let mut root = XmlElement {
        name: "response".into(),
        ..XmlElement::default()
    };
    // Rows naming an element that holds others have no value of their own.
    let containers: Vec<&str> = fields
        .iter()
        .filter_map(|f| f.path.first())
        .map(|p| p.strip_suffix("[]").unwrap_or(p))
        .collect();
    for field in fields {
        // Rows of the envelope are not part of `<response>`.
        if field.path.is_empty()
            && (ENVELOPE.contains(&field.name) || containers.contains(&field.name))
        {
            continue;
        }
        let Some(value) = values.field(field) else {
            if !field.nullable {
                missing.push(match field.path.last() {
                    Some(parent) => format!("{}.{}", parent.trim_end_matches("[]"), field.name),
                    None => field.name.to_owned(),
                });
            }
            continue;
        };
        let mut node = &mut root;
        for segment in field.path {
            let name = segment.strip_suffix("[]").unwrap_or(segment);
            let index = match node.children.iter().position(|c| c.name == name) {
                Some(i) => i,
                None => {
                    node.children.push(XmlElement {
                        name: name.to_owned(),
                        ..XmlElement::default()
                    });
                    node.children.len() - 1
                }
            };
            node = match node.children.get_mut(index) {
                Some(n) => n,
                None => return root,
            };
        }
        node.children.push(XmlElement::leaf(field.name, value));
    }
    root
}

fn declaration(charset: Charset) -> &'static str {
    match charset {
        Charset::Utf8 => "<?xml version=\"1.0\" encoding=\"utf-8\"?>",
        Charset::Gbk | Charset::Gb2312 => "<?xml version=\"1.0\" encoding=\"GBK\"?>",
    }
}

/// Text to bytes in `charset`; characters GBK lacks become character
/// references, which XML reads back as the same characters.
fn bytes(text: &str, charset: Charset) -> Vec<u8> {
    match charset {
        Charset::Utf8 => text.as_bytes().to_vec(),
        Charset::Gbk | Charset::Gb2312 => encoding_rs::GBK.encode(text).0.into_owned(),
    }
}

/// A signed success answer, and the signing string of its `<sign>` (when
/// there is a `<response>` to sign).
pub(crate) struct Answer {
    pub body: Vec<u8>,
    pub signing_string: Option<String>,
}

/// `<alipay><is_success>T</is_success>…`: the request echoed (without
/// `sign` and `sign_type`), `response` (if any) and its sign unless
/// `unsigned`, written by the runtime's gateway side; a bare success when
/// there is no `response`.
pub(crate) fn success(
    request: &[(String, String)],
    response: Option<&XmlElement>,
    charset: Charset,
    signer: &Signer,
    unsigned: bool,
) -> Result<Answer, String> {
    let Some(response) = response else {
        let mut out = String::with_capacity(64);
        out.push_str(declaration(charset));
        out.push_str("<alipay><is_success>T</is_success></alipay>");
        return Ok(Answer {
            body: bytes(&out, charset),
            signing_string: None,
        });
    };
    let echoed: Vec<(&str, &str)> = request
        .iter()
        .filter(|(n, _)| n != "sign" && n != "sign_type")
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    let signer = (!unsigned).then_some(signer);
    let body = gateway_side::xml_answer(signer, charset, &echoed, response)
        .map_err(crate::wire::sign_error)?;
    let signing_string = match signer {
        Some(_) => gateway_side::answer_signing_string(charset, response)
            .ok()
            .map(|s| s.as_str().to_owned()),
        None => None,
    };
    Ok(Answer {
        body,
        signing_string,
    })
}

/// `<alipay><is_success>F</is_success><error>CODE</error></alipay>`, by the
/// runtime's gateway side (a code the charset cannot hold is sent as a
/// character reference).
pub(crate) fn failure(code: &str, charset: Charset) -> Vec<u8> {
    gateway_side::xml_failure(charset, code).unwrap_or_else(|_| {
        let mut out = String::with_capacity(128);
        out.push_str(declaration(charset));
        out.push_str("<alipay><is_success>F</is_success><error>");
        escape(&mut out, code);
        out.push_str("</error></alipay>");
        bytes(&out, charset)
    })
}

/// The `Content-Type` of an answer in `charset`.
pub(crate) fn content_type(charset: Charset) -> &'static str {
    match charset {
        Charset::Utf8 => "text/xml; charset=utf-8",
        Charset::Gbk | Charset::Gb2312 => "text/xml; charset=GBK",
    }
}

/// Text of an XML answer for the inspector.
pub(crate) fn text(body: &[u8], charset: Charset) -> String {
    charset
        .decode(body)
        .map(|c| c.into_owned())
        .unwrap_or_else(|_| String::from_utf8_lossy(body).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use alipay_mapi_runtime::keys::Md5Key;

    fn f(name: &'static str, path: &'static [&'static str]) -> FieldSpec {
        FieldSpec::optional_string(name, path)
    }

    #[test]
    fn nests_by_path_and_signs_the_children_of_response() {
        let fields = [
            f("trade_no", &["trade"]),
            f("subject", &["trade"]),
            f("x", &[]),
        ];
        let set = vec![
            ("trade_no".to_string(), "1".to_string()),
            ("subject".to_string(), "<a&b>".to_string()),
            ("x".to_string(), "y".to_string()),
        ];
        let values = Values {
            set,
            trade: None,
            params: &[],
            partner: "p",
            seller_email: "s",
            configured: Vec::new(),
        };
        let r = response(&fields, &values, &mut Vec::new());
        let signer = Signer::md5(Md5Key::new("10000000000000000000000000000000").unwrap());
        let a = success(&[], Some(&r), Charset::Utf8, &signer, false).unwrap();
        let text = String::from_utf8(a.body).unwrap();
        assert!(text.contains(
            "<response><trade><trade_no>1</trade_no><subject>&lt;a&amp;b&gt;</subject></trade><x>y</x></response>"
        ), "{text}");
        // `<response>` has two children: they are the parameters, `<trade>`
        // by its markup.
        assert_eq!(
            a.signing_string.unwrap(),
            "trade=<trade><trade_no>1</trade_no><subject>&lt;a&amp;b&gt;</subject></trade>&x=y"
        );
    }

    #[test]
    fn failure_in_gbk() {
        let body = failure("ILLEGAL_SIGN", Charset::Gbk);
        assert!(body.starts_with(b"<?xml version=\"1.0\" encoding=\"gbk\"?>"));
    }
}
