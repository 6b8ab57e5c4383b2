//! App payments (`Access::App`): read from the document's access section or
//! line, their synchronous SDK result kept apart from a page return, and
//! page or server tables in them refused.

mod common;

use alipay_mapi_codegen::{parse_document, Access};
use common::{app_errors as errors, app_interface as interface};

/// Laid out as the 2015 app-payment document is (an access section whose
/// prose describes the SDK, a synchronous-result table, the notification),
/// in words of its own.
const APP_DOC: &str = "\
# 钱包支付开发包

服务名: mobile.securitypay.pay

## 4 接口调用方式

### 4.1 iOS

iOS平台上的开发包接口见下表：

| 接口名称 | 接口描述 |
|---|---|
| AlipaySDK | 支付 |

## 5 请求参数说明

| 参数 | 参数名称 | 类型 | 是否可为空 | 样例 |
|---|---|---|---|---|
| service | 接口名称 | String | 不可空 | mobile.securitypay.pay |
| partner | 合作者身份ID | String(16) | 不可空 | 2088101568358171 |
| notify_url | 通知地址 | String(200) | 不可空 | http://example.com/notify |
| out_trade_no | 订单号 | String(64) | 不可空 | 0819145412-6177 |
| total_fee | 总金额 | Number | 不可空 | 0.01 |

## 6 同步通知参数说明

| 参数 | 参数名称 | 类型 | 是否可为空 | 样例 |
|---|---|---|---|---|
| resultStatus | 状态代码 | String | 不可空 | 9000 |
| result | 结果数据 | String | 不可空 | success=\"true\" |
| memo | 提示信息 | String | 可空 | |

## 7 服务器异步通知参数说明

| 参数 | 参数名称 | 类型 | 是否可为空 | 样例 |
|---|---|---|---|---|
| notify_time | 通知时间 | Date | 不可空 | 2013-08-22 14:45:24 |
| notify_type | 通知类型 | String | 不可空 | trade_status_sync |
| notify_id | 通知校验ID | String | 不可空 | 64ce1b6ab92d00ede0ee56ade98fdf2f4c |
| trade_status | 交易状态 | String | 可空 | TRADE_SUCCESS |
";

fn names(fields: &[alipay_mapi_codegen::Field]) -> Vec<&str> {
    fields.iter().map(|f| f.param.name.as_str()).collect()
}

#[test]
fn an_access_section_describing_the_sdk_is_an_app_payment() {
    let doc = parse_document(APP_DOC).unwrap();
    // The line of `iOS平台上的开发包接口见下表：`.
    assert_eq!(doc.access, Some((9, Access::App)));
    let it = interface(APP_DOC, None);
    assert_eq!(it.access, Access::App);
    // The synchronous result is the SDK's, never a page-redirect return.
    assert_eq!(it.response, None);
    assert_eq!(
        names(it.sdk_result.as_deref().unwrap()),
        ["resultStatus", "result", "memo"]
    );
    assert_eq!(it.answer, None);
    assert_eq!(
        names(it.notify.as_deref().unwrap()),
        ["notify_time", "notify_type", "notify_id", "trade_status"]
    );
}

#[test]
fn without_the_access_section_the_same_tables_are_an_error_asking_which() {
    // The control: the section is what makes it an app payment. Without it
    // nothing says what the synchronous table is: `同步通知参数` heads an app
    // SDK's result as well as a page return, and the request has no
    // `return_url`. Reading it as a page return (as this once did) would
    // make `resultStatus` a signed return's field.
    let text = APP_DOC.replace("## 4 接口调用方式", "## 4 开发包接口");
    assert_eq!(parse_document(&text).unwrap().access, None);
    let errors = errors(&text, None);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].contains("would be the page-redirect return")
            && errors[0].contains("access = \"app\""),
        "{}",
        errors[0]
    );
    // Said outright, either reading is taken.
    assert_eq!(interface(&text, Some(Access::App)).access, Access::App);
    let page = interface(&text, Some(Access::Page));
    assert!(page.sdk_result.is_none());
    assert_eq!(
        names(page.response.as_deref().unwrap()),
        ["resultStatus", "result", "memo"]
    );
    // A heading that names the redirect is a page return, as before.
    let text = text.replace("## 6 同步通知参数说明", "## 6 页面跳转同步通知参数说明");
    assert_eq!(interface(&text, None).access, Access::Page);
}

#[test]
fn an_access_line_says_app_and_wins_over_the_section() {
    for line in [
        "访问形式：客户端调用",
        "调用方式：SDK调用",
        "接口访问方式：无线客户端",
    ] {
        let text = APP_DOC.replace("### 4.1 iOS", line);
        let doc = parse_document(&text).unwrap();
        assert_eq!(doc.access, Some((7, Access::App)), "{line}");
    }
    // A page line in the section is read as before: the prose does not
    // override it.
    let text = APP_DOC.replace("### 4.1 iOS", "访问形式：页面跳转");
    assert_eq!(
        parse_document(&text).unwrap().access,
        Some((7, Access::Page))
    );
    let text = APP_DOC.replace("### 4.1 iOS", "访问形式：服务器调用");
    assert_eq!(
        parse_document(&text).unwrap().access,
        Some((7, Access::Server))
    );
}

#[test]
fn prose_naming_a_page_or_server_call_first_says_nothing() {
    let text = APP_DOC.replace(
        "iOS平台上的开发包接口见下表：",
        "本接口不是页面跳转。\n\niOS平台上的开发包接口见下表：",
    );
    assert_eq!(parse_document(&text).unwrap().access, None);
}

#[test]
fn the_declaration_says_app() {
    let text = APP_DOC.replace("## 4 接口调用方式", "## 4 开发包接口");
    let it = interface(&text, Some(Access::App));
    assert_eq!(it.access, Access::App);
    assert!(it.response.is_none());
    assert_eq!(it.sdk_result.as_ref().map(Vec::len), Some(3));
}

#[test]
fn a_page_return_in_an_app_document_is_an_error_at_its_line() {
    let text = APP_DOC.replace("## 6 同步通知参数说明", "## 6 页面跳转同步通知参数说明");
    let errors = errors(&text, None);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].starts_with("line 27:"), "{}", errors[0]);
    assert!(errors[0].contains("page-redirect return"), "{}", errors[0]);
    assert!(errors[0].contains("app payment"), "{}", errors[0]);
}

#[test]
fn a_return_with_is_success_in_an_app_document_is_an_error_at_its_line() {
    let text = APP_DOC.replace(
        "| resultStatus | 状态代码 | String | 不可空 | 9000 |",
        "| is_success | 成功标识 | String(1) | 不可空 | T |\n| resultStatus | 状态代码 | String | 不可空 | 9000 |",
    );
    let errors = errors(&text, None);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].starts_with("line 27:"), "{}", errors[0]);
    assert!(errors[0].contains("`is_success`"), "{}", errors[0]);
}

#[test]
fn an_xml_answer_in_an_app_document_is_an_error_at_its_line() {
    let text = format!(
        "{APP_DOC}\n## 8 XML返回结果\n\n| 参数 | 参数名称 | 类型 | 是否可为空 | 样例 |\n|---|---|---|---|---|\n| trade_no | 交易号 | String(64) | 不可空 | 2013 |\n"
    );
    let errors = errors(&text, None);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].starts_with("line 44:"), "{}", errors[0]);
    assert!(errors[0].contains("XML answer"), "{}", errors[0]);
}
