//! A declared server interface: `ServerRequest` with its `Answer`, read from
//! a hand-built `<response>` tree (nested, repeated, missing and malformed
//! leaves), `Request::new`, and the interface's `ErrorCode`.
//!
//! The XML trees are built by hand with `XmlElement` and read through
//! `XmlTree`, the view a parsed answer gives, so these tests need no XML
//! parser: they check what the declaration generates.

use alipay_mapi::types::{Date, Number};
use alipay_mapi::{
    alipay_service, Access, FieldError, FromXmlElement, ServerRequest, ServiceAnswer,
    ServiceRequest, XmlElement, XmlTree,
};

#[alipay_service(
    "demo.trade.query",
    request = "
参数说明\t参数名\t类型(精度)\t备注\t可空\t样例
接口名称\tservice\tString\t接口名称\tN\tdemo.trade.query
合作者身份ID\tpartner\tString(16)\t签约的支付宝账号对应的ID\tN\t2088101122136241
商户订单号\tout_trade_no\tString(64)\t商户网站的唯一订单号\tN\t6843192280647118
支付宝交易号\ttrade_no\tString(64)\t支付宝的交易号\tY\t2010073000030344
最多笔数\tmax_items\tNumber\t返回的商品条目上限\tN\t20
",
    answer = "
参数说明\t参数名\t类型(精度)\t备注\t可空\t样例
成功标识\tis_success\tString(1)\tT 或 F\tN\tT
查询时间\tquery_time\tDate\t网关处理查询的时间\tY\t2026-11-30 08:00:00
交易\ttrade\tString\t交易信息的元素\tN\t
支付宝交易号\ttrade.trade_no\tString(64)\t支付宝的交易号\tN\t2010073000030344
商户订单号\ttrade.out_trade_no\tString(64)\t商户网站的唯一订单号\tN\t6843192280647118
交易金额\ttrade.total_fee\tNumber\t单位为元\tN\t10.00
创建时间\ttrade.gmt_create\tDate\t交易创建的时间\tN\t2026-11-30 07:59:00
付款时间\ttrade.gmt_payment\tDate\t买家付款的时间\tY\t
标签\ttrade.tag[]\tString\t交易的标签，可有多个\tY\tgift
买家邮箱\ttrade.buyer.email\tString(100)\t买家的邮箱\tY\tbuyer@example.com
商品编号\ttrade.item[].goods_id\tString(32)\t商品编号\tN\tG1
单价\ttrade.item[].price\tNumber\t单位为元\tN\t2.50
数量\ttrade.item[].quantity\tNumber\t件数\tN\t4
",
    errors = "
错误代码\t说明
TRADE_NOT_EXIST\t交易不存在
ILLEGAL_SIGN\t签名不正确
"
)]
pub mod trade_query {}

use trade_query as q;

fn leaf(name: &str, text: &str) -> XmlElement {
    XmlElement::leaf(name, text)
}

fn element(name: &str, children: Vec<XmlElement>) -> XmlElement {
    XmlElement {
        name: name.into(),
        text: String::new(),
        children,
    }
}

fn item(goods_id: &str, price: &str, quantity: &str) -> XmlElement {
    element(
        "item",
        vec![
            leaf("goods_id", goods_id),
            leaf("price", price),
            leaf("quantity", quantity),
        ],
    )
}

fn trade(extra: Vec<XmlElement>) -> XmlElement {
    let mut children = vec![
        leaf("trade_no", "2010073000030344"),
        leaf("out_trade_no", "6843192280647118"),
        leaf("total_fee", "10.00"),
        leaf("gmt_create", "2026-11-30 07:59:00"),
    ];
    children.extend(extra);
    element("trade", children)
}

fn response(children: Vec<XmlElement>) -> XmlElement {
    element("response", children)
}

/// `response` read as a parsed answer is: through the view of an `XmlTree`.
fn read(response: &XmlElement) -> Result<q::Answer, FieldError> {
    q::Answer::from_response(XmlTree::from_element(response).root())
}

fn number(s: &str) -> Number {
    s.parse().unwrap()
}

#[test]
fn the_interface_is_a_server_call_with_its_answer_table() {
    assert_eq!(q::SPEC.access, Access::Server);
    let answer = q::SPEC.answer.unwrap();
    let rows: Vec<(&str, &[&str])> = answer.iter().map(|f| (f.name, f.path)).collect();
    // `is_success` sits outside `<response>`; the dotted names are split
    // into path and leaf; the `trade` row documents the struct `Trade`.
    assert_eq!(
        rows,
        [
            ("query_time", &[][..]),
            ("trade_no", &["trade"][..]),
            ("out_trade_no", &["trade"][..]),
            ("total_fee", &["trade"][..]),
            ("gmt_create", &["trade"][..]),
            ("gmt_payment", &["trade"][..]),
            ("tag[]", &["trade"][..]),
            ("email", &["trade", "buyer"][..]),
            ("goods_id", &["trade", "item[]"][..]),
            ("price", &["trade", "item[]"][..]),
            ("quantity", &["trade", "item[]"][..]),
        ]
    );
    assert_eq!(<q::Answer as ServiceAnswer>::FIELDS.len(), answer.len());
    // The request's answer type is the generated one.
    fn answer_of<R: ServerRequest>(_: &R) -> std::any::TypeId
    where
        R::Answer: 'static,
    {
        std::any::TypeId::of::<R::Answer>()
    }
    let request = q::Request::new("6843192280647118", number("20"));
    assert_eq!(answer_of(&request), std::any::TypeId::of::<q::Answer>());
}

#[test]
fn nested_and_repeated_elements_are_read() {
    let tree = response(vec![
        leaf("query_time", "2026-11-30 08:00:00"),
        trade(vec![
            leaf("tag", "gift"),
            leaf("tag", "fragile"),
            element("buyer", vec![leaf("email", "buyer@example.com")]),
            item("G1", "2.50", "2"),
            item("G2", "5", "1"),
            // Not in the table: ignored here, kept in the tree.
            leaf("seller_email", "shop@example.com"),
        ]),
    ]);
    let answer = read(&tree).unwrap();
    let expected = q::Answer {
        query_time: Some("2026-11-30 08:00:00".parse::<Date>().unwrap()),
        trade: q::Trade {
            trade_no: "2010073000030344".into(),
            out_trade_no: "6843192280647118".into(),
            total_fee: number("10.00"),
            gmt_create: "2026-11-30 07:59:00".parse().unwrap(),
            gmt_payment: None,
            tag: vec!["gift".into(), "fragile".into()],
            buyer: Some(q::Buyer {
                email: Some("buyer@example.com".into()),
            }),
            item: vec![
                q::Item {
                    goods_id: "G1".into(),
                    price: number("2.50"),
                    quantity: number("2"),
                },
                q::Item {
                    goods_id: "G2".into(),
                    price: number("5"),
                    quantity: number("1"),
                },
            ],
        },
    };
    assert_eq!(answer, expected);

    // Optional elements and repeated ones may be absent altogether.
    let bare = response(vec![trade(Vec::new())]);
    let answer = read(&bare).unwrap();
    assert_eq!(answer.query_time, None);
    assert_eq!(answer.trade.buyer, None);
    assert!(answer.trade.item.is_empty());
    assert!(answer.trade.tag.is_empty());

    // Each nested struct reads its own element too.
    let one = q::Item::from_element(XmlTree::from_element(&item("G3", "1", "1")).root()).unwrap();
    assert_eq!(one.goods_id, "G3");
}

#[test]
fn missing_and_malformed_leaves_are_field_errors_with_their_path() {
    // No `<trade>` at all: it holds required leaves, so it is required.
    let err = read(&response(Vec::new())).unwrap_err();
    assert_eq!(err, FieldError::Missing { field: "trade" });

    // A required leaf of the trade missing; an empty one counts as missing.
    let mut t = trade(Vec::new());
    t.children.retain(|c| c.name != "total_fee");
    let err = read(&response(vec![t])).unwrap_err();
    assert_eq!(
        err,
        FieldError::Missing {
            field: "trade.total_fee"
        }
    );
    let mut t = trade(Vec::new());
    t.children[0].text.clear();
    let err = read(&response(vec![t])).unwrap_err();
    assert_eq!(
        err,
        FieldError::Missing {
            field: "trade.trade_no"
        }
    );

    // A Number that is not one, inside a repeated element.
    let t = trade(vec![item("G1", "2.50", "2"), item("G2", "1,5", "1")]);
    let err = read(&response(vec![t])).unwrap_err();
    assert_eq!(
        err.to_string(),
        "parameter `trade.item[].price`: `1,5` is not a Number"
    );
    assert!(matches!(
        err,
        FieldError::Invalid {
            field: "trade.item[].price",
            ..
        }
    ));

    // A Date that is not one.
    let mut t = trade(Vec::new());
    t.children[3].text = "30/11/2026".into();
    let err = read(&response(vec![t])).unwrap_err();
    assert!(
        matches!(
            err,
            FieldError::Invalid {
                field: "trade.gmt_create",
                ..
            }
        ),
        "{err}"
    );

    // A required leaf of a repeated element.
    let t = trade(vec![element("item", vec![leaf("goods_id", "G1")])]);
    let err = read(&response(vec![t])).unwrap_err();
    assert_eq!(
        err,
        FieldError::Missing {
            field: "trade.item[].price"
        }
    );

    // A leaf the table does not say repeats, sent twice: not a guess.
    let t = trade(vec![leaf("total_fee", "11.00")]);
    let err = read(&response(vec![t])).unwrap_err();
    assert!(
        matches!(
            err,
            FieldError::Invalid {
                field: "trade.total_fee",
                ..
            }
        ),
        "{err}"
    );
    // A leaf that holds elements instead of text.
    let mut t = trade(Vec::new());
    t.children[1] = element("out_trade_no", vec![leaf("x", "1")]);
    let err = read(&response(vec![t])).unwrap_err();
    assert!(
        matches!(
            err,
            FieldError::Invalid {
                field: "trade.out_trade_no",
                ..
            }
        ),
        "{err}"
    );
}

#[test]
fn answer_serializes_with_wire_names() {
    let tree = response(vec![trade(vec![item("G1", "2.50", "2")])]);
    let answer = read(&tree).unwrap();
    let json = serde_json::to_value(&answer).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "trade": {
                "trade_no": "2010073000030344",
                "out_trade_no": "6843192280647118",
                "total_fee": "10.00",
                "gmt_create": "2026-11-30 07:59:00",
                "tag": [],
                "item": [{"goods_id": "G1", "price": "2.50", "quantity": "2"}]
            }
        })
    );
}

#[test]
fn request_new_takes_the_required_fields_in_table_order() {
    let mut request = q::Request::new("6843192280647118", Number::from(20u32));
    assert_eq!(
        request,
        q::Request {
            out_trade_no: "6843192280647118".into(),
            trade_no: None,
            max_items: number("20"),
        }
    );
    request.trade_no = Some("2010073000030344".into());
    request.validate().unwrap();
    // `new` checks nothing; validation does.
    let long = q::Request::new("x".repeat(65), Number::from(1u8));
    assert!(long.validate().unwrap_err().field("out_trade_no").is_some());
    let _ = <q::Request as ServiceRequest>::SPEC;
}

#[test]
fn error_code_displays_the_code_and_gives_the_meaning_apart() {
    let code: q::ErrorCode = "TRADE_NOT_EXIST".parse().unwrap();
    assert_eq!(code, q::ErrorCode::TradeNotExist);
    assert_eq!(code.to_string(), "TRADE_NOT_EXIST");
    assert_eq!(code.meaning(), Some("交易不存在"));
    // What a user writes prints the meaning once.
    assert_eq!(
        format!("{code} ({})", code.meaning().unwrap()),
        "TRADE_NOT_EXIST (交易不存在)"
    );
    let unknown: q::ErrorCode = "SYSTEM_BUSY".parse().unwrap();
    assert_eq!(unknown.to_string(), "SYSTEM_BUSY");
    assert_eq!(unknown.meaning(), None);
}

/// A server interface whose document has no answer table (`close_trade`
/// answers a bare `<is_success>T</is_success>`): an empty `Answer`.
#[alipay_service(
    "close_trade",
    access = "server",
    request = "
参数说明\t参数名\t类型(精度)\t备注\t可空\t样例
支付宝交易号\ttrade_no\tString(64)\t支付宝的交易号\tY\t2010073000030344
商户订单号\tout_order_no\tString(64)\t商户网站的唯一订单号\tY\t6843192280647118
"
)]
pub mod close_trade {}

#[test]
fn a_server_interface_without_answer_table_has_an_empty_answer() {
    assert_eq!(close_trade::SPEC.access, Access::Server);
    assert_eq!(close_trade::SPEC.answer, None);
    let tree = XmlTree::from_element(&response(vec![leaf("anything", "1")]));
    let answer = close_trade::Answer::from_response(tree.root()).unwrap();
    assert_eq!(answer, close_trade::Answer {});
    assert!(<close_trade::Answer as ServiceAnswer>::FIELDS.is_empty());
    // No required field: `new` takes nothing.
    let request = close_trade::Request::new();
    assert_eq!(request.trade_no, None);
    fn server<R: ServerRequest<Answer = close_trade::Answer>>(_: &R) {}
    server(&request);
}

/// Through `Client::call_blocking` with a closure transport answering the
/// gateway's XML (GBK, as the gateway may answer, with a `<sign>` computed
/// here with the `md-5` crate over the children of `<trade>`): the typed
/// `Answer`, and the undeclared leaves kept beside it.
#[cfg(feature = "md5")]
#[test]
fn a_server_call_answers_the_typed_answer() {
    use alipay_mapi::transport::{http, HttpRequest, HttpResponse, TransportError};
    use alipay_mapi::{keys::Md5Key, CallError, Charset, Client, Signer, Verifier};
    use md5::{Digest, Md5};

    const KEY: &str = "t3stsecret0000000000000000000042";
    // The children of `<trade>`, `<response>`'s only element: leaves by
    // their text, `<item>` by its markup as it stands in the answer.
    let leaves = [
        ("trade_no", "2010073000030344"),
        ("out_trade_no", "6843192280647118"),
        ("total_fee", "10.00"),
        ("gmt_create", "2026-11-30 07:59:00"),
        ("tag", "礼物"),
        (
            "item",
            "<item><goods_id>G1</goods_id><price>2.50</price><quantity>4</quantity></item>",
        ),
        ("seller_email", "shop@example.com"),
    ];
    // The signing rule over them as parameters: sorted by name,
    // `name=value` joined by `&`, the key appended, MD5 of the GBK bytes.
    let sign_of = |leaves: &[(&str, &str)]| -> String {
        let mut sorted = leaves.to_vec();
        sorted.sort();
        let signing: Vec<String> = sorted.iter().map(|(n, v)| format!("{n}={v}")).collect();
        let text = signing.join("&") + KEY;
        let (gbk, _, _) = encoding_rs::GBK.encode(&text);
        Md5::digest(&gbk)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    };
    let sign = sign_of(&leaves);
    let xml = format!(
        "<?xml version=\"1.0\" encoding=\"GBK\"?><alipay><is_success>T</is_success>\
         <request><param name=\"out_trade_no\">6843192280647118</param></request>\
         <response><trade><trade_no>2010073000030344</trade_no>\
         <out_trade_no>6843192280647118</out_trade_no><total_fee>10.00</total_fee>\
         <gmt_create>2026-11-30 07:59:00</gmt_create><tag>礼物</tag>\
         <item><goods_id>G1</goods_id><price>2.50</price><quantity>4</quantity></item>\
         <seller_email>shop@example.com</seller_email></trade></response>\
         <sign>{sign}</sign><sign_type>MD5</sign_type></alipay>"
    );
    let (body, _, _) = encoding_rs::GBK.encode(&xml);
    let body = body.into_owned();
    let key = Md5Key::new(KEY).unwrap();
    let client = Client::new("2088101122136241", Signer::md5(key.clone()))
        .unwrap()
        .with_charset(Charset::Gbk)
        .with_verifier(Verifier::md5(key));
    let answer_with = |body: Vec<u8>| {
        move |_: HttpRequest| -> Result<HttpResponse, TransportError> {
            Ok(http::Response::builder()
                .status(200)
                .body(body.clone())
                .unwrap())
        }
    };
    let request = q::Request::new("6843192280647118", number("20"));
    let answered = client
        .call_blocking(&answer_with(body.clone()), &request)
        .unwrap();
    assert_eq!(answered.trade.total_fee, number("10.00"));
    assert_eq!(answered.trade.tag, ["礼物"]);
    assert_eq!(answered.trade.item.len(), 1);
    assert_eq!(answered.trade.item[0].quantity, number("4"));
    assert_eq!(
        answered.undeclared(),
        [("trade.seller_email".to_owned(), "shop@example.com")]
    );

    // The same answer without `<total_fee>`: signed, but not the table's.
    let xml = xml.replace("<total_fee>10.00</total_fee>", "");
    let mut fewer = leaves.to_vec();
    fewer.retain(|(n, _)| *n != "total_fee");
    let resign = sign_of(&fewer);
    let xml = xml.replace(&sign, &resign);
    let (body, _, _) = encoding_rs::GBK.encode(&xml);
    let err = client
        .call_blocking(&answer_with(body.into_owned()), &request)
        .unwrap_err();
    assert!(
        matches!(
            &err,
            CallError::Field {
                error: FieldError::Missing {
                    field: "trade.total_fee"
                },
                ..
            }
        ),
        "{err}"
    );
}
