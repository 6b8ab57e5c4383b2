//! A catalogue document as a PDF (feature `pdf`): `docs/refund_fastpay_by_platform_pwd.pdf`,
//! rendered from the tab-separated document by `docs/make_pdf.py` with ruled
//! tables, group rows, wrapped cells and page breaks, reads into the same
//! interface as the text it was made from.
#![cfg(feature = "pdf")]

use alipay_mapi::{FieldSpec, ServiceSpec};
use alipay_mapi_interfaces::refund::refund_fastpay_by_platform_pwd as from_text;

#[alipay_mapi::alipay_service(
    "refund_fastpay_by_platform_pwd",
    doc = "docs/refund_fastpay_by_platform_pwd.pdf"
)]
mod from_pdf {}

/// A row's name, type, length, nullability, label and example.
type Facts<'a> = (
    &'a str,
    &'a str,
    Option<usize>,
    bool,
    &'a str,
    Option<&'a str>,
);

/// Everything but the remarks, which a PDF wraps inside narrow cells (the
/// line breaks of a wrapped Chinese cell do not say whether a space was
/// there).
fn facts(fields: &[FieldSpec]) -> Vec<Facts<'_>> {
    fields
        .iter()
        .map(|f| {
            (
                f.name,
                f.ty.as_str(),
                f.max_len,
                f.nullable,
                f.label,
                f.example,
            )
        })
        .collect()
}

fn same(pdf: &ServiceSpec, text: &ServiceSpec) {
    assert_eq!(pdf.service, text.service);
    assert_eq!(pdf.access, text.access);
    assert_eq!(facts(pdf.request), facts(text.request));
    assert_eq!(pdf.response.map(facts), text.response.map(facts));
    assert_eq!(pdf.notify.map(facts), text.notify.map(facts));
    assert_eq!(pdf.answer.map(facts), text.answer.map(facts));
    assert_eq!(pdf.errors, text.errors);
}

#[test]
fn the_pdf_reads_into_the_same_interface_as_its_text() {
    same(&from_pdf::SPEC, &from_text::SPEC);
    assert_eq!(from_pdf::SPEC.request.len(), 7);
    assert_eq!(from_pdf::SPEC.notify.map(<[FieldSpec]>::len), Some(6));
}
