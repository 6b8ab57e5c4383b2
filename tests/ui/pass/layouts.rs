//! Documents in every layout the parser reads (the fixtures of
//! codegen/tests/fixtures/layouts/, made up for the tests), declared as they
//! are, plus the shortest form, partial documents and per-row length units.
#![deny(warnings)]
use alipay_mapi::validate::{LengthRule, Rule};
use alipay_mapi::{alipay_service, FieldType, ServiceSpec};

fn names(fields: &[alipay_mapi::FieldSpec]) -> Vec<&'static str> {
    fields.iter().map(|f| f.name).collect()
}

fn all(spec: &ServiceSpec) -> [Vec<&'static str>; 3] {
    [
        names(spec.request),
        spec.response.map(names).unwrap_or_default(),
        spec.notify.map(names).unwrap_or_default(),
    ]
}

// Rows without header; a return table whose type header counts bytes.
#[alipay_service(
    "demo.trade.refund",
    doc = "../../codegen/tests/fixtures/layouts/headerless.txt"
)]
pub mod headerless {}

// A cell with line breaks, two rows glued together, a lost tab.
#[alipay_service(
    "demo.trade.repair",
    doc = "../../codegen/tests/fixtures/layouts/repair.txt"
)]
pub mod repair {}

// Copied with spaces, with and without header row.
#[alipay_service(
    "demo.order.create",
    doc = "../../codegen/tests/fixtures/layouts/spaces.txt",
    // Its return table is headed (or, unheaded, told by its rows) only as a
    // return, and the document states no access kind: say it.
    access = "page"
)]
pub mod spaces {}

// One cell per line.
#[alipay_service(
    "demo.user.query",
    doc = "../../codegen/tests/fixtures/layouts/stacked.txt"
)]
pub mod stacked {}

// Tables in `///`, `#`, `--` and `/* * */` comments.
#[alipay_service(
    "demo.code.comments",
    doc = "../../codegen/tests/fixtures/layouts/comments.rs.txt"
)]
pub mod comments {}

// A bare `<tbody>` with colspan group rows and lists in cells.
#[alipay_service(
    "demo.html.fragment",
    doc = "../../codegen/tests/fixtures/layouts/fragment.html"
)]
pub mod fragment {}

// The English cross-border layouts.
#[alipay_service(
    "demo.forex.pay",
    doc = "../../codegen/tests/fixtures/layouts/english.html"
)]
pub mod english {}

// Many tables, taken by their headings.
#[alipay_service(
    "demo.batch.pay",
    doc = "../../codegen/tests/fixtures/layouts/many_tables.md"
)]
pub mod many_tables {}

// Tables under no heading, classified by their rows.
#[alipay_service(
    "demo.unheaded.pay",
    doc = "../../codegen/tests/fixtures/layouts/unheaded.txt",
    // Its return table is headed (or, unheaded, told by its rows) only as a
    // return, and the document states no access kind: say it.
    access = "page"
)]
pub mod unheaded {}

// The shortest form: docs/ui.shortest.form.md, a notification-only document.
#[alipay_service("ui.shortest.form")]
pub mod shortest {}

// A notification-only document with its request table inline.
#[alipay_service(
    "ui.notify.only",
    doc = "docs/notify_only.md",
    request = "
参数\t类型\t可空
refund_no\tString(24)\tN
"
)]
pub mod notify_only {}

// Units from the document: bytes from the header, characters from a remark.
#[alipay_service("ui.length.units", doc = "docs/units.md")]
pub mod units {}

// Pasted inline without its header row.
#[alipay_service(
    "sns.cae.sign.customer",
    request = "
返回URL\treturn_url\tString(200)\t处理完成后跳转的页面\tN\thttp://www.test.com/return
合作网站用户帐号ID\tsns_user_id\tString(50)\t合作网站的用户ID\tN\tid2011103454654656
"
)]
pub mod inline_headerless {}

fn main() {
    assert_eq!(
        all(&headerless::SPEC),
        [
            vec!["batch_no", "batch_num"],
            vec!["batch_no", "buyer_note", "seller_note", "memo"],
            vec![],
        ]
    );
    let repair = repair::Request {
        detail_data: "2011011201037066^5.00^退款".into(),
        trade_kind: Some("1".into()),
        out_no: "A001".into(),
        buyer_id: None,
        seller_id: None,
    };
    repair.validate().unwrap();
    assert_eq!(repair::SPEC.request[0].example, Some("2011011201037066^5.00^退款"));
    let types: Vec<FieldType> = spaces::SPEC.request.iter().map(|f| f.ty).collect();
    assert_eq!(
        types,
        [FieldType::String, FieldType::String, FieldType::Number, FieldType::Date]
    );
    assert_eq!(names(spaces::SPEC.response.unwrap()), ["order_no"]);
    assert_eq!(names(stacked::SPEC.request), ["user_id", "nick"]);
    assert_eq!(
        all(&comments::SPEC),
        // notify_time and notify_id are typed fields of `Notify`.
        [
            vec!["out_no", "amount"],
            vec!["out_no"],
            vec!["notify_time", "notify_id", "out_no"]
        ]
    );
    assert_eq!(comments::SPEC.errors.len(), 2);
    assert_eq!(names(fragment::SPEC.request), ["pay_mode", "remark"]);
    let pay = english::Request {
        notify_url: Some("https://merchant.example/notify".into()),
        out_trade_no: "A1".into(),
        rmb_fee: None,
    };
    pay.validate().unwrap();
    assert_eq!(english::SPEC.request[0].max_len, Some(200));
    assert_eq!(
        names(english::SPEC.notify.unwrap()),
        ["notify_id", "trade_status", "currency"]
    );
    assert_eq!(
        all(&many_tables::SPEC),
        [
            vec!["batch_no", "detail_data"],
            vec![],
            vec!["notify_time", "notify_id", "batch_no", "success_num"]
        ]
    );
    assert!(many_tables::SPEC.response.is_none());
    assert_eq!(
        all(&unheaded::SPEC),
        [
            vec!["out_no", "amount"],
            vec!["out_no"],
            vec!["notify_id", "notify_time", "out_no"]
        ]
    );
    assert_eq!(unheaded::SPEC.errors.len(), 2);

    assert!(shortest::SPEC.request.is_empty());
    assert_eq!(
        names(shortest::SPEC.notify.unwrap()),
        ["notify_time", "notify_type", "notify_id", "out_no", "amount"]
    );
    assert_eq!(names(notify_only::SPEC.request), ["refund_no"]);
    assert_eq!(
        names(notify_only::SPEC.notify.unwrap()),
        ["notify_id", "refund_no"]
    );

    // `subject` counts GBK bytes (the header says so), `body` characters
    // (its remark says so): four Chinese characters fit `body`, not `subject`.
    let units = units::Request {
        subject: "四个汉字".into(),
        body: Some("四个汉字".into()),
    };
    units.validate().unwrap();
    let units = units::Request {
        subject: "五个汉字呀".into(),
        body: Some("五个汉字呀".into()),
    };
    let found: Vec<(String, Rule)> = units
        .validate()
        .unwrap_err()
        .iter()
        .map(|v| (v.field.to_string(), v.rule.clone()))
        .collect();
    assert_eq!(
        found,
        [
            (
                "subject".to_owned(),
                Rule::TooLong { max: 8, actual: 10, rule: LengthRule::GbkWidth }
            ),
            (
                "body".to_owned(),
                Rule::TooLong { max: 4, actual: 5, rule: LengthRule::Chars }
            ),
        ]
    );
    assert_eq!(names(inline_headerless::SPEC.request), ["return_url", "sns_user_id"]);
}
