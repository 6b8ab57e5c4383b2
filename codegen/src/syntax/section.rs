//! Section headings: which table a heading announces.

/// What a heading (or a caption row) announces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Section {
    /// 请求参数 / 输入参数 / Request parameters.
    Request,
    /// 页面跳转同步通知 / 页面跳转返回 / 返回参数 / 输出参数 / Return / Response.
    Response,
    /// 服务器异步通知 / 异步通知 / Asynchronous notification / Notify.
    Notify,
    /// 错误代码 / 错误码 / Error codes.
    Errors,
    /// An app SDK's result codes (`客户端错误码`, `SDK 返回码`,
    /// `resultStatus 状态码`): the values of the synchronous in-app
    /// result's `resultStatus`, not the gateway's error codes (see
    /// [`names_sdk_codes`]).
    SdkCodes,
    /// A heading about parameters that says neither way (`参数说明`).
    Generic,
    /// Examples (`请求URL样例`, `Example`): not a table section.
    Example,
    /// The business part of a server call's XML answer (`XML返回结果`,
    /// `业务参数返回`, `返回结果参数`).
    Answer,
    /// A table that is none of the interface's: error notifications,
    /// trigger conditions, terms, enumerations, revision history.
    Other,
}

impl Section {
    /// Request, Response, Notify, Errors, Answer or Other.
    pub(crate) fn is_specific(self) -> bool {
        matches!(
            self,
            Section::Request
                | Section::Response
                | Section::Notify
                | Section::Errors
                | Section::SdkCodes
                | Section::Answer
                | Section::Other
        )
    }
}

fn has_any(h: &str, words: &[&str]) -> bool {
    words.iter().any(|w| h.contains(w))
}

/// Classifies a heading's text by keywords; `None` when it names no
/// parameter section.
pub(crate) fn section_of(text: &str) -> Option<Section> {
    let h = text.to_lowercase();
    let h = h.as_str();
    if has_any(h, &["样例", "示例", "范例", "example", "sample", "demo"]) {
        return Some(Section::Example);
    }
    // `请求出错时通知参数说明`, `item_orders_info出错通知`: the error
    // notification (error_notify_url), not the notification — unless the
    // heading names the asynchronous notification itself
    // (`服务器异步通知参数（付款成功及出错通知）`).
    let names_notify = has_any(h, &["异步通知", "服务器通知", "后台通知", "notify_url"]);
    if !names_notify && has_any(h, &["出错时通知", "出错通知"]) {
        return Some(Section::Other);
    }
    if has_any(
        h,
        &[
            "错误通知",
            "触发条件",
            "术语",
            "枚举",
            "修订",
            "error notification",
            "trigger",
            "glossary",
            "terms",
            "enumeration",
        ],
    ) {
        return Some(Section::Other);
    }
    if names_sdk_codes(h) {
        return Some(Section::SdkCodes);
    }
    if (h.contains("xml") && has_any(h, &["返回", "结果", "response", "answer", "result"]))
        || has_any(
            h,
            &[
                "业务参数返回",
                "返回结果参数",
                "业务返回参数",
                "业务结果参数",
            ],
        )
    {
        return Some(Section::Answer);
    }
    if has_any(
        h,
        &[
            "错误代码",
            "错误码",
            "错误编码",
            "错误列表",
            "error code",
            "errors",
            "error list",
            "返回码",
            "结果码",
        ],
    ) {
        return Some(Section::Errors);
    }
    // The page-redirect return is also called a "synchronous notification"
    // (页面跳转同步通知, `return_url`), the notification an "asynchronous"
    // one (服务器异步通知, `notify_url`): the marker decides, before the
    // word 通知 / notification does. ("asynchronous" contains "synchronous".)
    let sync = has_any(
        h,
        &[
            "同步",
            "页面跳转",
            "前台",
            "return_url",
            "return url",
            "returnurl",
            "page redirect",
            "redirect",
        ],
    ) || h.replace("asynchronous", "").contains("synchronous");
    let async_ = has_any(
        h,
        &[
            "异步",
            "asynchronous",
            "async",
            "notify_url",
            "notify url",
            "notifyurl",
            "服务器通知",
            "后台通知",
            "server notification",
        ],
    );
    match (sync, async_) {
        (true, false) => return Some(Section::Response),
        (false, true) => return Some(Section::Notify),
        // Both: a heading over both tables; their rows tell them apart.
        (true, true) => return Some(Section::Generic),
        (false, false) => {}
    }
    if has_any(h, &["notif", "通知"]) {
        return Some(Section::Notify);
    }
    if has_any(
        h,
        &[
            "同步", "跳转", "返回", "输出", "出参", "响应", "response", "return", "output",
            "callback", "redirect",
        ],
    ) {
        return Some(Section::Response);
    }
    if has_any(h, &["请求", "输入", "入参", "request", "input"]) {
        return Some(Section::Request);
    }
    if has_any(h, &["参数", "parameter", "params"]) {
        return Some(Section::Generic);
    }
    None
}

/// Words of a heading that name the app's side: its SDK (the client), or
/// the field its codes are the values of.
const SDK_MARKERS: &[&str] = &[
    "客户端",
    "sdk",
    "开发包",
    "resultstatus",
    "result status",
    "client",
];

/// Words of a heading that name a list of codes.
const CODE_WORDS: &[&str] = &[
    "错误码",
    "错误代码",
    "返回码",
    "结果码",
    "状态码",
    "返回值",
    "状态值",
    "result code",
    "status code",
    "error code",
    "return code",
];

/// Whether a heading names the app SDK's result codes — the values of the
/// synchronous in-app result's `resultStatus` (`9000` paid, `6001`
/// cancelled…) — rather than the gateway's error codes: it names the
/// app's side (`客户端`, `SDK`, `开发包`, `resultStatus`, `client`) **and** a
/// list of codes (`错误码`, `错误代码`, `返回码`, `结果码`, `状态码`, `返回值`,
/// `状态值`, `result/status/error/return code`). Both are needed:
/// `客户端号` or `resultStatus` alone names a parameter, `业务错误码` the
/// gateway's codes. `text` may be in any case.
pub(crate) fn names_sdk_codes(text: &str) -> bool {
    let h = text.to_lowercase();
    has_any(&h, SDK_MARKERS) && has_any(&h, CODE_WORDS)
}

/// Whether a heading names the page-redirect return itself (`页面跳转同步通知`,
/// `return_url`, `Page redirect`, `前台通知`), not only a return or a
/// synchronous result (`返回参数`, `同步返回`, `同步通知参数`, `Response`),
/// which a server call's XML answer and an app payment's SDK result are also
/// called.
pub(crate) fn names_page_return(text: &str) -> bool {
    let h = text.to_lowercase();
    has_any(
        &h,
        &[
            "页面跳转",
            "跳转",
            "前台",
            "return_url",
            "return url",
            "returnurl",
            "redirect",
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords() {
        use Section::*;
        let cases = [
            ("3、请求输入参数表", Some(Request)),
            ("3、请求参数说明", Some(Request)),
            ("4、请求URL样例", Some(Example)),
            ("5、请求输出参数", Some(Response)),
            ("5.1 页面跳转返回的参数列表", Some(Response)),
            ("页面跳转同步通知参数", Some(Response)),
            ("服务器异步通知参数", Some(Notify)),
            ("5.2 错误代码", Some(Errors)),
            ("Request parameters", Some(Request)),
            ("Response parameters", Some(Response)),
            ("Return parameters", Some(Response)),
            ("Asynchronous notification", Some(Notify)),
            ("Error codes", Some(Errors)),
            ("基本参数", Some(Generic)),
            ("6、注意事项", None),
            ("XML返回结果", Some(Answer)),
            ("5.2 返回结果参数说明", Some(Answer)),
            ("错误通知参数", Some(Other)),
            ("7 请求出错时通知参数说明", Some(Other)),
            ("表7-1 请求出错时通知参数列表", Some(Other)),
            ("4.3.3 item_orders_info出错通知", Some(Other)),
            ("12.8 请求出错时的通知错误码", Some(Errors)),
            ("服务器异步通知参数（付款成功及出错通知）", Some(Notify)),
            ("通知触发条件", Some(Other)),
            ("请求参数说明", Some(Request)),
            ("请求输入参数", Some(Request)),
            ("接口参数", Some(Generic)),
            ("异步通知参数", Some(Notify)),
            ("通知参数", Some(Notify)),
            ("Notification parameters", Some(Notify)),
            ("修订历史", Some(Other)),
            (
                "Synchronous notification parameters (return_url)",
                Some(Response),
            ),
            (
                "Asynchronous notification parameters (notify_url)",
                Some(Notify),
            ),
            ("页面跳转通知参数", Some(Response)),
            ("前台通知参数", Some(Response)),
            ("后台通知参数", Some(Notify)),
            ("Page redirect notification", Some(Response)),
            ("Return URL notification parameters", Some(Response)),
            ("Notification parameters (notify_url)", Some(Notify)),
            ("同步通知与异步通知参数", Some(Generic)),
            ("11.2 客户端错误码", Some(SdkCodes)),
            ("表11-2 客户端错误码", Some(SdkCodes)),
            ("客户端返回码", Some(SdkCodes)),
            ("resultStatus 状态码", Some(SdkCodes)),
            ("resultStatus结果码说明", Some(SdkCodes)),
            ("SDK 返回码", Some(SdkCodes)),
            ("开发包返回值", Some(SdkCodes)),
            ("Client result codes", Some(SdkCodes)),
            ("SDK error codes", Some(SdkCodes)),
            ("11.1 业务错误码", Some(Errors)),
            ("表11-1 业务错误码", Some(Errors)),
            ("系统错误码", Some(Errors)),
        ];
        for (text, want) in cases {
            assert_eq!(section_of(text), want, "{text}");
        }
    }

    #[test]
    fn sdk_codes_need_both_words() {
        // The app's side without a list of codes, or codes without the
        // app's side: not the SDK's result codes.
        for not in [
            "客户端号",
            "resultStatus",
            "SDK 接口说明",
            "业务错误码",
            "错误代码",
            "Error codes",
            "返回码",
            "12.8 请求出错时的通知错误码",
        ] {
            assert!(!names_sdk_codes(not), "{not}");
        }
        assert_eq!(section_of("客户端号"), None);
        assert_eq!(section_of("返回码"), Some(Section::Errors));
    }

    #[test]
    fn page_return_named() {
        for named in [
            "5.1 页面跳转返回的参数列表",
            "页面跳转同步通知参数",
            "Synchronous notification parameters (return_url)",
            "Page redirect (synchronous notification), not the asynchronous notification",
            "Page redirect notification",
            "前台通知参数",
        ] {
            assert!(names_page_return(named), "{named}");
        }
        for unsure in [
            "同步返回",
            "同步通知参数",
            "4、同步通知参数说明",
            "Synchronous notification parameters",
            "返回参数",
            "Response parameters",
            "5、请求输出参数",
        ] {
            assert!(!names_page_return(unsure), "{unsure}");
        }
    }
}
