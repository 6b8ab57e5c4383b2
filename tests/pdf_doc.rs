//! `doc = "….pdf"` with the `pdf` feature: the declaration reads the
//! interface PDF itself (fixtures made by
//! codegen/tests/fixtures/pdf/make_pdfs.py) into the right fields.
#![cfg(feature = "pdf")]

use alipay_mapi::alipay_service;

#[alipay_service("demo.trade.refund", doc = "codegen/tests/fixtures/pdf/embedded.pdf")]
pub mod refund {}

#[alipay_service("test_merchant_sign", doc = "codegen/tests/fixtures/pdf/stsong.pdf")]
pub mod sign {}

/// The fields exist with these types (a compile-time check).
#[allow(dead_code)]
fn typed<'a>(r: &'a refund::Request, s: &'a sign::Request) -> [Option<&'a str>; 4] {
    [
        Some(r.batch_no.as_str()),
        r.operator_id.as_deref(),
        Some(s.out_sign_no.as_str()),
        s.goods_type.as_deref(),
    ]
}

fn names(fields: &[alipay_mapi::service::FieldSpec]) -> Vec<&'static str> {
    fields.iter().map(|f| f.name).collect()
}

#[test]
fn embedded_font_pdf_fields() {
    let spec = &refund::SPEC;
    let mut expected = vec![
        "notify_url",
        "batch_no",
        "refund_date",
        "batch_num",
        "detail_data",
        "refund_reason_kind",
        "operator_id",
        "return_fee_mode",
    ];
    let reserved: Vec<String> = (1..=16).map(|i| format!("reserved_field_{i:02}")).collect();
    expected.extend(reserved.iter().map(String::as_str));
    assert_eq!(names(spec.request), expected);
    let batch_no = spec.request_field("batch_no").unwrap();
    assert_eq!((batch_no.nullable, batch_no.max_len), (false, Some(32)));
    assert_eq!(batch_no.example, Some("201501010001"));
    let detail = spec.request_field("detail_data").unwrap();
    assert!(
        detail.description.starts_with("退款请求的明细数据。")
            && detail.description.ends_with("多笔之间用“#”分隔。"),
        "{}",
        detail.description
    );
    assert_eq!(
        names(spec.notify.unwrap()),
        ["batch_no", "success_num", "result_details"]
    );
    let codes: Vec<&str> = spec.errors.iter().map(|e| e.code).collect();
    assert_eq!(codes.len(), 40);
    assert_eq!(codes.first(), Some(&"REFUND_ERROR_01"));
    assert_eq!(codes.last(), Some(&"REFUND_ERROR_40"));
}

#[test]
fn predefined_cmap_pdf_fields() {
    let spec = &sign::SPEC;
    assert_eq!(
        names(spec.request),
        [
            "notify_url",
            "return_url",
            "out_sign_no",
            "sign_kind",
            "customer_name",
            "customer_cert_no",
            "valid_from",
            "valid_to",
            "total_quota",
            "single_quota",
            "product_code",
            "scene",
            "buyer_email",
            "extend_params",
            "memo",
            "goods_type",
            "it_b_pay",
            "agent_id",
            "auth_token"
        ]
    );
    let scene = spec.request_field("scene").unwrap();
    assert_eq!(scene.example, Some("INDUSTRY|CARRENTAL"));
    assert_eq!(
        names(spec.response.unwrap()),
        ["out_sign_no", "agreement_no", "sign_status"]
    );
    let notify = names(spec.notify.unwrap());
    assert_eq!(notify.len(), 24);
    assert_eq!(notify.last(), Some(&"field_24"));
    let codes: Vec<&str> = spec.errors.iter().map(|e| e.code).collect();
    assert_eq!(
        codes,
        [
            "ILLEGAL_SIGN",
            "ILLEGAL_ARGUMENT",
            "ILLEGAL_PARTNER",
            "SIGN_QUOTA_EXCEEDED",
            "AGREEMENT_NOT_EXIST"
        ]
    );
}
