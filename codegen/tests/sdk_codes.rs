//! An app SDK's result codes (`客户端错误码`: the values of the in-app
//! result's `resultStatus`) are never the gateway's error codes: in an app
//! payment they are `Interface::sdk_codes`, apart from `errors`; elsewhere,
//! or repeated in the error table, they are errors at their line.

mod common;

use alipay_mapi_codegen::{parse_document, Access};
use common::{app_errors as errors, app_interface};

/// Laid out as the Markdown `alipay-mapi import` writes of the 2015
/// app-payment PDF (an access section describing the SDK, the request, the
/// synchronous result, the notification, then an appendix with a business
/// error-code table and a client result-code table under numbered headings
/// and table captions), in words and codes of its own.
const DOC: &str = "\
# 钱包支付开发包

服务名: mobile.securitypay.pay

## 4 接口调用方式

### 4.1 iOS

iOS平台上的开发包接口见下表：

| 接口名称 | 接口描述 |
|---|---|
| AlipaySDK | 支付 |

## 5 请求参数说明

## 表5-1 请求参数说明

| 参数 | 参数名称 | 类型（字节长度） | 参数说明 | 是否可为空 | 样例 |
|---|---|---|---|---|---|
| 基本参数 |
| service | 接口名称 | String | 固定值 | 不可空 | mobile.securitypay.pay |
| partner | 合作者身份ID | String(16) | 2088开头 | 不可空 | 2088101568358171 |
| notify_url | 通知地址 | String(200) | 通知页面 | 不可空 | http://example.com/notify |
| 业务参数 |
| out_trade_no | 订单号 | String(64) | 唯一 | 不可空 | 0819145412-6177 |
| total_fee | 总金额 | Number | 元 | 不可空 | 0.01 |

## 6 同步通知参数说明

## 表6-1 同步通知参数说明

| 参数 | 参数名称 | 类型（长度范围） | 参数说明 | 是否可为空 | 样例 |
|---|---|---|---|---|---|
| resultStatus | 状态代码 | String | 见“11.2 客户端错误码” | 不可空 | 9000 |
| result | 结果数据 | String | 原始数据与签名 | 不可空 | success=\"true\" |
| memo | 提示信息 | String | 保留 | 可空 | |

## 7 服务器异步通知参数说明

## 表7-1 支付异步通知参数说明

| 参数 | 参数名称 | 类型（长度范围） | 参数说明 | 是否可为空 | 样例 |
|---|---|---|---|---|---|
| notify_time | 通知时间 | Date | 时间 | 不可空 | 2013-08-22 14:45:24 |
| notify_type | 通知类型 | String | 类型 | 不可空 | trade_status_sync |
| notify_id | 通知校验ID | String | 校验 | 不可空 | 64ce1b6ab92d00ede0ee56ade98fdf2f4c |
| trade_status | 交易状态 | String | 状态 | 可空 | TRADE_SUCCESS |

## 11 附录

### 11.1 业务错误码

## 表11-1 业务错误码

| 错误代码（error_code） | 含义 |
|---|---|
| ILLEGAL_SIGN | 签名不对 |
| TRADE_HAS_CLOSED | 交易已关闭 |

### 11.2 客户端错误码

## 表11-2 客户端错误码

| 错误代码（error_code） | 含义 |
|---|---|
| 9000 | 付款成功 |
| 8000 | 处理中 |
| 4000 | 付款失败 |
| 6001 | 买家取消 |
| 6002 | 网络出错 |

### 11.3 交易状态

## 表11-3 交易状态列表

| 枚举名称 | 枚举说明 |
|---|---|
| TRADE_SUCCESS | 成功 |
";

/// The 1-based line of the first line of `text` equal to `wanted`.
fn line_of(text: &str, wanted: &str) -> usize {
    text.lines()
        .position(|l| l == wanted)
        .unwrap_or_else(|| panic!("no line `{wanted}`"))
        + 1
}

fn codes(variants: &[alipay_mapi_codegen::ErrorVariant]) -> Vec<(&str, &str, &str)> {
    variants
        .iter()
        .map(|v| (v.code.as_str(), v.ident.as_str(), v.meaning.as_str()))
        .collect()
}

#[test]
fn business_codes_are_the_error_codes_and_client_codes_the_sdks() {
    let it = app_interface(DOC, None);
    assert_eq!(it.access, Access::App);
    assert_eq!(
        codes(&it.errors),
        [
            ("ILLEGAL_SIGN", "IllegalSign", "签名不对"),
            ("TRADE_HAS_CLOSED", "TradeHasClosed", "交易已关闭"),
        ]
    );
    assert_eq!(
        codes(&it.sdk_codes),
        [
            ("9000", "E9000", "付款成功"),
            ("8000", "E8000", "处理中"),
            ("4000", "E4000", "付款失败"),
            ("6001", "E6001", "买家取消"),
            ("6002", "E6002", "网络出错"),
        ]
    );
    assert_eq!(it.sdk_codes[0].line, line_of(DOC, "| 9000 | 付款成功 |"));
    // The other tables landed where they belong.
    let names: Vec<&str> = it
        .sdk_result
        .as_deref()
        .unwrap()
        .iter()
        .map(|f| f.param.name.as_str())
        .collect();
    assert_eq!(names, ["resultStatus", "result", "memo"]);
    assert_eq!(it.response, None);
    assert_eq!(it.notify.as_ref().map(Vec::len), Some(4));
    assert_eq!(it.request.len(), 3);
}

#[test]
fn the_parser_keeps_the_client_codes_apart_with_their_heading() {
    let doc = parse_document(DOC).unwrap();
    let errors: Vec<&str> = doc
        .errors
        .iter()
        .flatten()
        .map(|e| e.code.as_str())
        .collect();
    assert_eq!(errors, ["ILLEGAL_SIGN", "TRADE_HAS_CLOSED"]);
    let sdk: Vec<&str> = doc
        .sdk_codes
        .iter()
        .flatten()
        .map(|e| e.code.as_str())
        .collect();
    assert_eq!(sdk, ["9000", "8000", "4000", "6001", "6002"]);
    assert_eq!(
        doc.sdk_codes_heading.as_deref(),
        Some("表11-2 客户端错误码")
    );
}

#[test]
fn each_wording_of_the_client_heading_keeps_the_codes_apart() {
    for heading in [
        "客户端返回码",
        "resultStatus 状态码",
        "SDK 返回码",
        "Client result codes",
    ] {
        let text = DOC
            .replace("### 11.2 客户端错误码", &format!("### 11.2 {heading}"))
            .replace("## 表11-2 客户端错误码", &format!("## 表11-2 {heading}"));
        let it = app_interface(&text, None);
        assert_eq!(it.sdk_codes.len(), 5, "{heading}");
        assert_eq!(it.errors.len(), 2, "{heading}");
    }
}

#[test]
fn without_a_client_heading_the_codes_would_be_the_gateways() {
    // The control: only the heading sets the codes apart.
    let text = DOC
        .replace("### 11.2 客户端错误码", "### 11.2 错误码")
        .replace("## 表11-2 客户端错误码", "## 表11-2 错误码");
    let it = app_interface(&text, None);
    assert!(it.sdk_codes.is_empty());
    assert_eq!(it.errors.len(), 7);
}

#[test]
fn a_business_table_repeating_the_client_codes_is_an_error_at_its_rows() {
    // As the 2015 PDF's 11.1 does: the first client codes again.
    let text = DOC.replace(
        "| TRADE_HAS_CLOSED | 交易已关闭 |",
        "| TRADE_HAS_CLOSED | 交易已关闭 |\n| 9000 | 付款成功 |\n| 6001 | 买家取消 |",
    );
    let errors = errors(&text, None);
    assert_eq!(errors.len(), 2, "{errors:?}");
    let first = line_of(&text, "| 9000 | 付款成功 |");
    assert!(
        errors[0].starts_with(&format!("line {first}:")),
        "{}",
        errors[0]
    );
    assert!(errors[0].contains("`9000`"), "{}", errors[0]);
    assert!(errors[0].contains("SDK result code"), "{}", errors[0]);
    assert!(
        errors[1].starts_with(&format!("line {}:", first + 1)),
        "{}",
        errors[1]
    );
    assert!(errors[1].contains("`6001`"), "{}", errors[1]);
}

#[test]
fn client_codes_in_a_page_or_server_interface_are_an_error_at_their_table() {
    for access in [Access::Page, Access::Server] {
        let errors = errors(DOC, Some(access));
        let line = line_of(DOC, "| 9000 | 付款成功 |");
        let at: Vec<&String> = errors
            .iter()
            .filter(|e| e.starts_with(&format!("line {line}:")))
            .collect();
        assert_eq!(at.len(), 1, "{access:?}: {errors:?}");
        assert!(at[0].contains("客户端错误码"), "{}", at[0]);
        assert!(at[0].contains("app SDK"), "{}", at[0]);
    }
}

#[test]
fn rows_without_a_header_under_a_client_heading_are_an_error_not_dropped() {
    // A bare `9000` is not told from a number without the header that
    // says it is a code: an error at the rows, never rows dropped.
    let text = DOC.replace(
        "| 错误代码（error_code） | 含义 |\n|---|---|\n| 9000 | 付款成功 |",
        "9000\t付款成功",
    );
    let text = text
        .replace("| 8000 | 处理中 |", "8000\t处理中")
        .replace("| 4000 | 付款失败 |", "4000\t付款失败")
        .replace("| 6001 | 买家取消 |", "6001\t买家取消")
        .replace("| 6002 | 网络出错 |", "6002\t网络出错");
    let errors = errors(&text, None);
    let line = line_of(&text, "9000\t付款成功");
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].starts_with(&format!("line {line}:")),
        "{}",
        errors[0]
    );
    assert!(
        errors[0].contains("SDK result-code heading"),
        "{}",
        errors[0]
    );
}
