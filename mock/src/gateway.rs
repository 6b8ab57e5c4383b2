//! `gateway.do`: checks a request, applies faults, and answers a page call
//! with the cashier, a server call with XML, `notify_verify` with text.

use std::sync::Arc;
use std::time::Duration;

use alipay_mapi_runtime::{Charset, ServiceSpec};
use axum::body::{Body, Bytes};
use axum::http::{header, HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};

use crate::check::{check, Call, Checked, Refusal};
use crate::faults::{self, Fault};
use crate::state::{format_cents, parse_cents, Exchange, Refund, State, Trade, TradeStatus};
use crate::values::Values;
use crate::{cashier, notify, xml, App};

/// What a server call answers with: the trade it is about and values for
/// its answer.
type Answered = (Option<Trade>, Vec<(String, String)>);

/// A server call's outcome: what it answers with, or the gateway's error
/// code.
type Served = Result<Answered, &'static str>;

/// The whole of a gateway.do request.
pub(crate) async fn handle(
    app: Arc<App>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let mut ex = Exchange {
        at_ms: app.ms(),
        method: method.to_string(),
        uri: uri.to_string(),
        ..Exchange::default()
    };
    let query = uri.query().unwrap_or_default().as_bytes();
    let browser = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("text/html"));
    let hint = service_hint(query, &body);
    let transport_fault = {
        let mut rules = app.faults.lock().unwrap_or_else(|p| p.into_inner());
        faults::take(&mut rules, &hint, |f| {
            matches!(
                f,
                Fault::Delay { .. } | Fault::Timeout | Fault::Reset | Fault::Http502
            )
        })
    };
    if let Some(fault) = &transport_fault {
        ex.fault = Some(fault.to_string());
        // The request is not read further: the service it named is what
        // the inspector can show of it.
        ex.service = (!hint.is_empty()).then(|| hint.clone());
        match fault {
            Fault::Delay { ms } => tokio::time::sleep(Duration::from_millis(*ms)).await,
            Fault::Timeout => tokio::time::sleep(app.config.timeout_hold).await,
            _ => {}
        }
        match fault {
            Fault::Reset => {
                ex.verdict = "fault".into();
                ex.reason = "connection reset on purpose".into();
                record(&app, ex);
                return reset();
            }
            Fault::Http502 => {
                ex.verdict = "fault".into();
                ex.status = 502;
                ex.reason = "502 Bad Gateway on purpose".into();
                record(&app, ex);
                return (
                    StatusCode::BAD_GATEWAY,
                    [(header::CONTENT_TYPE, "text/html")],
                    "<html><body><h1>502 Bad Gateway</h1></body></html>",
                )
                    .into_response();
            }
            _ => {}
        }
    }
    let response = process(&app, query, &body, browser, &mut ex);
    ex.status = response.status().as_u16();
    record(&app, ex);
    response
}

fn record(app: &App, mut ex: Exchange) {
    let mut st = app.state();
    ex.seq = st.next_seq();
    st.push_exchange(ex);
}

/// A response whose body fails at once: the server closes the connection
/// without a complete answer.
fn reset() -> Response {
    let stream = futures_util::stream::once(async {
        Err::<Bytes, std::io::Error>(std::io::Error::new(
            std::io::ErrorKind::ConnectionReset,
            "reset on purpose",
        ))
    });
    Response::new(Body::from_stream(stream))
}

/// `service` as written in the query or body, before any check (to pick
/// faults).
fn service_hint(query: &[u8], body: &[u8]) -> String {
    [query, body]
        .iter()
        .flat_map(|part| part.split(|&b| b == b'&'))
        .find_map(|pair| pair.strip_prefix(b"service="))
        .map(|v| String::from_utf8_lossy(v).into_owned())
        .unwrap_or_default()
}

fn process(
    app: &Arc<App>,
    query: &[u8],
    body: &[u8],
    browser: bool,
    ex: &mut Exchange,
) -> Response {
    let call = match check(app, query, body, ex) {
        Ok(Checked::Call(call)) => call,
        Ok(Checked::NotifyVerify {
            partner,
            notify_id,
            unreadable,
        }) => {
            let answer = notify_verify(app, partner.as_deref(), notify_id.as_deref());
            ex.verdict = "ok".into();
            ex.reason = match unreadable {
                Some(why) => {
                    format!("notify_verify answered {answer}: unreadable parameters: {why}")
                }
                None => format!("notify_verify answered {answer}"),
            };
            ex.answer = answer.into();
            return ([(header::CONTENT_TYPE, "text/plain")], answer).into_response();
        }
        Err(refusal) => return refused(refusal, browser, ex),
    };
    ex.verdict = "ok".into();
    match call.spec.access {
        alipay_mapi_runtime::Access::Page => page_call(app, &call, ex),
        alipay_mapi_runtime::Access::Server => server_call(app, &call, ex),
        // Refused by `check`; answered as such should one come through.
        alipay_mapi_runtime::Access::App => {
            ex.verdict = "ILLEGAL_SERVICE".into();
            ex.reason = format!(
                "service `{}` is an app payment, never sent to gateway.do",
                call.spec.service
            );
            xml_failure("ILLEGAL_SERVICE", call.charset, ex)
        }
    }
}

fn refused(r: Refusal, browser: bool, ex: &mut Exchange) -> Response {
    ex.verdict = r.code.clone();
    ex.reason = r.reason.clone();
    if r.page.unwrap_or(browser) {
        ex.answer = format!("HTML page: is_success=F&error={}", r.code);
        return cashier::error_page(&r.code, &r.reason);
    }
    xml_failure(&r.code, r.charset, ex)
}

pub(crate) fn xml_failure(code: &str, charset: Charset, ex: &mut Exchange) -> Response {
    let body = xml::failure(code, charset);
    ex.answer = xml::text(&body, charset);
    ([(header::CONTENT_TYPE, xml::content_type(charset))], body).into_response()
}

/// `true` while the id is valid for the partner, `false` once it is
/// unknown or too old, `invalid` without a known partner or an id.
fn notify_verify(app: &App, partner: Option<&str>, notify_id: Option<&str>) -> &'static str {
    let (Some(partner), Some(id)) = (partner, notify_id) else {
        return "invalid";
    };
    if !app.merchants.contains_key(partner) {
        return "invalid";
    }
    let st = app.state();
    match st.notify_ids.get(id) {
        Some(r) if r.partner == partner && r.sent.elapsed() <= app.config.notify_id_validity => {
            "true"
        }
        _ => "false",
    }
}

/// A new gateway trade number: the date and a counter, 16 digits.
pub(crate) fn trade_no(st: &mut State) -> String {
    let seq = st.next_seq();
    format!("{}{:08}", crate::wire::today_digits(), seq % 100_000_000)
}

/// A key nobody has seen before (for `query_timestamp`'s `encrypt_key`):
/// the time in nanoseconds and a counter, in hexadecimal.
fn fresh_key(st: &mut State) -> String {
    let seq = st.next_seq();
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    format!("{nanos:032x}{seq:08x}")
}

/// A page call refused with `code` on the gateway's error page.
fn page_refused(call: &Call<'_>, code: &str, reason: String, ex: &mut Exchange) -> Response {
    refused(
        Refusal {
            code: code.into(),
            reason,
            page: Some(true),
            charset: call.charset,
        },
        true,
        ex,
    )
}

fn page_call(app: &Arc<App>, call: &Call<'_>, ex: &mut Exchange) -> Response {
    let partner = call.merchant.partner().to_owned();
    let mut st = app.state();
    if call.spec.service == "batch_trans_notify" {
        if let Err((code, reason)) = check_batch_payment(call.spec, &call.business) {
            drop(st);
            return page_refused(call, code, reason, ex);
        }
    }
    if call.spec.service == "refund_fastpay_by_platform_pwd" {
        // Refused before the seller is asked for the password, as the
        // password-less batch is refused before anything is refunded.
        if let Err((code, reason)) = check_refund(&st, call.spec, &partner, &call.business) {
            drop(st);
            return page_refused(call, code, reason, ex);
        }
    }
    let mut trade_no = None;
    if let Some(out_trade_no) = call.param("out_trade_no") {
        let amount = match page_amount(call) {
            Ok(amount) => amount,
            Err((code, reason)) => {
                drop(st);
                return page_refused(call, code, reason, ex);
            }
        };
        if let Some(cents) = amount {
            if let Some(existing) = st.trade_by_out(&partner, out_trade_no) {
                if let Err((code, reason)) = same_order(call, existing, cents) {
                    drop(st);
                    return page_refused(call, code, reason, ex);
                }
                trade_no = Some(existing.trade_no.clone());
            } else {
                let no = self::trade_no(&mut st);
                st.insert_trade(Trade {
                    trade_no: no.clone(),
                    out_trade_no: out_trade_no.to_owned(),
                    partner: partner.clone(),
                    service: call.spec.service.to_owned(),
                    subject: call.param("subject").unwrap_or_default().to_owned(),
                    total_cents: cents,
                    refunded_cents: 0,
                    status: TradeStatus::WaitBuyerPay,
                    charset: call.charset,
                    gmt_create: crate::wire::now_text(),
                    gmt_payment: None,
                    gmt_close: None,
                    params: call.business.clone(),
                    refunds: Vec::new(),
                });
                trade_no = Some(no);
            }
        }
    }
    let id = format!("c{}", st.next_seq());
    let session = crate::state::CashierSession {
        spec: call.spec,
        partner,
        charset: call.charset,
        params: call.business.clone(),
        trade_no: trade_no.clone(),
        done: false,
    };
    let trade = trade_no.as_ref().and_then(|n| st.trades.get(n)).cloned();
    let page = cashier::page(&id, &session, trade.as_ref(), None);
    st.insert_cashier(id.clone(), session);
    ex.answer = format!("cashier page /cashier/{id}");
    page
}

/// The largest amount of a trade, in cents: 1,000,000.00 yuan for
/// `create_forex_trade` (SERVICES.md §10: `total_fee` 0.01..1000000.00) and
/// `create_partner_trade_by_buyer` (its error table:
/// `TOTAL_FEE_GREATER_THAN_MAX`, "over the escrow limit of 1000000 yuan a
/// trade"); 100,000,000.00 yuan otherwise (SERVICES.md §1 and the
/// `create_direct_pay_by_user` document: `price` and `total_fee` from 0.01
/// to 100000000.00).
fn max_cents(service: &str) -> i64 {
    match service {
        "create_forex_trade" | "create_forex_trade_wap" | "create_partner_trade_by_buyer" => {
            100_000_000
        }
        _ => 10_000_000_000,
    }
}

/// The amount of a page call that names an order, in cents: `total_fee`,
/// or `price` × `quantity` (`quantity` 1 when not given); `None` when it
/// gives neither. Refused: an amount that is not a number with at most two
/// decimals or lies outside 0.01 ..= [`max_cents`] (`total_fee`, `price`
/// and their product alike), and a `quantity` that is not a whole number
/// of at least 1 (`2.5`, `0`, `+1`). The code is the service's own when its
/// error table has one (`TOTAL_FEE_LESSEQUAL_ZERO`,
/// `TOTAL_FEE_GREATER_THAN_MAX`, else `ILLEGAL_FEE_PARAM`), else
/// `ILLEGAL_ARGUMENT`.
fn page_amount(call: &Call<'_>) -> Result<Option<i64>, RefundRefusal> {
    let spec = call.spec;
    let fee_code = || check_code(spec, "ILLEGAL_FEE_PARAM");
    let max = max_cents(spec.service);
    let in_range = |name: &str, text: &str, cents: Option<i64>| match cents {
        None => Err((
            fee_code(),
            format!("{name} `{text}` is not an amount in yuan with at most two decimals"),
        )),
        Some(c) if c < 1 => Err((
            documented(spec, &["TOTAL_FEE_LESSEQUAL_ZERO", "ILLEGAL_FEE_PARAM"])
                .unwrap_or("ILLEGAL_ARGUMENT"),
            format!("{name} {text} is below 0.01"),
        )),
        Some(c) if c > max => Err((
            documented(spec, &["TOTAL_FEE_GREATER_THAN_MAX", "ILLEGAL_FEE_PARAM"])
                .unwrap_or("ILLEGAL_ARGUMENT"),
            format!(
                "{name} {text} is over {}, the most a trade of {} can be",
                format_cents(max),
                spec.service
            ),
        )),
        Some(c) => Ok(c),
    };
    if let Some(fee) = call.param("total_fee") {
        return in_range("total_fee", fee, parse_cents(fee)).map(Some);
    }
    let Some(price) = call.param("price") else {
        return Ok(None);
    };
    let price_cents = in_range("price", price, parse_cents(price))?;
    let quantity = match call.param("quantity") {
        None => 1,
        Some(q) => parse_quantity(q).ok_or_else(|| {
            (
                fee_code(),
                format!("quantity `{q}` is not a whole number of at least 1"),
            )
        })?,
    };
    let total = price_cents.checked_mul(quantity);
    let shown = format!("price {price} × quantity {quantity}");
    in_range(&shown, "", total).map(Some).map_err(|(code, _)| {
        (
            code,
            format!("{shown} is outside 0.01 ..= {}", format_cents(max)),
        )
    })
}

/// A count written in digits only: no sign (`parse` alone takes `+1`), no
/// decimals, not empty.
fn parse_digits<T: std::str::FromStr>(text: &str) -> Option<T> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// A `quantity`: digits only, at least 1.
fn parse_quantity(text: &str) -> Option<i64> {
    parse_digits::<i64>(text).filter(|q| *q >= 1)
}

/// Whether the buyer can still pay (or, at the cashier, cancel) `trade`:
/// only a `WAIT_BUYER_PAY` one; any other is refused with the code
/// `spec`'s error table gives for a trade that cannot be paid
/// (`TRADE_NOT_ALLOWED_PAY`), else `ILLEGAL_ARGUMENT`. For a page call
/// repeating an order and for the cashier's Pay and Cancel alike.
pub(crate) fn payable(spec: &ServiceSpec, trade: &Trade) -> Result<(), RefundRefusal> {
    if trade.status == TradeStatus::WaitBuyerPay {
        return Ok(());
    }
    Err((
        check_code(spec, "TRADE_NOT_ALLOWED_PAY"),
        format!(
            "out_trade_no {} (trade {}) is already {}: only a WAIT_BUYER_PAY trade can be paid \
             or cancelled",
            trade.out_trade_no,
            trade.trade_no,
            trade.status.as_str()
        ),
    ))
}

/// A page call for an order the partner has already: refused when the
/// trade can no longer be paid (`TRADE_NOT_ALLOWED_PAY`), and when the
/// request names another seller (`TRADE_SELLER_NOT_MATCH`: `seller_id`,
/// `seller_email` or `seller_account_name` given in both requests with
/// different values), price (`TRADE_PRICE_NOT_MATCH`), quantity
/// (`TRADE_QUANTITY_NOT_MATCH`) or total (`TRADE_TOTALFEE_NOT_MATCH`) than
/// the trade's; each code the service's error table gives, else
/// `ILLEGAL_ARGUMENT`. The trade keeps what the first request said.
fn same_order(call: &Call<'_>, existing: &Trade, cents: i64) -> Result<(), RefundRefusal> {
    let spec = call.spec;
    let out = &existing.out_trade_no;
    payable(spec, existing)?;
    for name in ["seller_id", "seller_email", "seller_account_name"] {
        if let (Some(new), Some(old)) = (call.param(name), existing.param(name)) {
            if new != old {
                return Err((
                    check_code(spec, "TRADE_SELLER_NOT_MATCH"),
                    format!("out_trade_no {out} has {name} {old}; this request says {new}"),
                ));
            }
        }
    }
    let quantity = |q: Option<&str>| q.filter(|q| !q.is_empty()).unwrap_or("1").to_owned();
    let mismatch = if let (Some(new), Some(old)) = (call.param("price"), existing.param("price")) {
        (parse_cents(new) != parse_cents(old)).then(|| {
            (
                "TRADE_PRICE_NOT_MATCH",
                "price",
                new.to_owned(),
                old.to_owned(),
            )
        })
    } else {
        None
    };
    let mismatch = mismatch.or_else(|| {
        let (new, old) = (
            quantity(call.param("quantity")),
            quantity(existing.param("quantity")),
        );
        // Compared as numbers: `01` is `1` (both were checked whole
        // numbers before the trade was made).
        (call.param("price").is_some()
            && existing.param("price").is_some()
            && parse_quantity(&new) != parse_quantity(&old))
        .then_some(("TRADE_QUANTITY_NOT_MATCH", "quantity", new, old))
    });
    let mismatch = mismatch.or_else(|| {
        (cents != existing.total_cents).then(|| {
            (
                "TRADE_TOTALFEE_NOT_MATCH",
                "total",
                format_cents(cents),
                existing.total_fee(),
            )
        })
    });
    match mismatch {
        Some((code, what, new, old)) => Err((
            check_code(spec, code),
            format!("out_trade_no {out} has {what} {old}; this request says {new}"),
        )),
        None => Ok(()),
    }
}

fn find_trade<'s>(st: &'s State, call: &Call<'_>) -> Option<&'s Trade> {
    let partner = call.merchant.partner();
    if let Some(no) = call.param("trade_no") {
        return st.trades.get(no).filter(|t| t.partner == partner);
    }
    // `close_trade` names the merchant's order `out_order_no` (SERVICES.md
    // §9: one of trade_no / out_order_no); the other services
    // `out_trade_no`.
    call.param("out_trade_no")
        .or_else(|| call.param("out_order_no"))
        .and_then(|out| st.trade_by_out(partner, out))
}

fn server_call(app: &Arc<App>, call: &Call<'_>, ex: &mut Exchange) -> Response {
    if let Some(code) = call.param("subject").and_then(|s| s.strip_prefix("FAIL:")) {
        ex.reason = format!("scripted failure: subject FAIL:{code}");
        return xml_failure(code, call.charset, ex);
    }
    if call.spec.service == "single_trade_query" {
        // Answered under the lock, from the trade itself.
        let st = app.state();
        return match find_trade(&st, call) {
            Some(t) => answer(app, call, Some(t), Vec::new(), ex),
            None => {
                ex.reason = "single_trade_query refused: TRADE_NOT_EXIST".into();
                xml_failure("TRADE_NOT_EXIST", call.charset, ex)
            }
        };
    }
    let result = match call.spec.service {
        "close_trade" => close_trade(app, call),
        "refund_fastpay_by_platform_nopwd" => match refund(app, call) {
            Ok(served) => Ok(served),
            Err((code, reason)) => {
                ex.reason = format!("{} refused: {code}: {reason}", call.spec.service);
                return xml_failure(code, call.charset, ex);
            }
        },
        "forex_refund" => match forex_refund(app, call) {
            Ok(served) => Ok(served),
            Err((code, reason)) => {
                ex.reason = format!("forex_refund refused: {code}: {reason}");
                return xml_failure(code, call.charset, ex);
            }
        },
        "send_goods_confirm_by_platform" => send_goods(app, call),
        _ => {
            let mut st = app.state();
            // Values the mock computes for any answer table that has them:
            // the call succeeded (`result_code`), and a fresh anti-phishing
            // key for `query_timestamp` (`encrypt_key`).
            let mut set = vec![("result_code".to_owned(), "SUCCESS".to_owned())];
            if call.spec.service == "query_timestamp" {
                set.push(("encrypt_key".to_owned(), fresh_key(&mut st)));
            }
            Ok((find_trade(&st, call).cloned(), set))
        }
    };
    match result {
        Ok((trade, set)) => answer(app, call, trade.as_ref(), set, ex),
        Err(code) => {
            ex.reason = format!("{} refused: {code}", call.spec.service);
            xml_failure(code, call.charset, ex)
        }
    }
}

/// `send_goods_confirm_by_platform`: the seller ships a paid escrow trade,
/// which moves from `WAIT_SELLER_SEND_GOODS` to `WAIT_BUYER_CONFIRM_GOODS`
/// (the status the document's answer shows) and is notified to the
/// creating request's `notify_url`, as every change of a trade's status is.
/// Any other status (shipped already, unpaid, an instant trade) is
/// `TRADE_STATUS_NOT_AVAILD`, the code this service's error table (in its
/// catalogue document) gives for a trade whose status cannot be shipped.
fn send_goods(app: &Arc<App>, call: &Call<'_>) -> Served {
    let mut st = app.state();
    let no = find_trade(&st, call)
        .map(|t| t.trade_no.clone())
        .ok_or("TRADE_NOT_EXIST")?;
    let trade = st.trades.get_mut(&no).ok_or("TRADE_NOT_EXIST")?;
    if trade.status != TradeStatus::WaitSellerSendGoods {
        return Err("TRADE_STATUS_NOT_AVAILD");
    }
    trade.status = TradeStatus::WaitBuyerConfirmGoods;
    let trade = trade.clone();
    notify::trade_status(app, &mut st, &trade);
    Ok((Some(trade), Vec::new()))
}

fn close_trade(app: &Arc<App>, call: &Call<'_>) -> Served {
    let mut st = app.state();
    let no = find_trade(&st, call)
        .map(|t| t.trade_no.clone())
        .ok_or("TRADE_NOT_EXIST")?;
    let trade = st.trades.get_mut(&no).ok_or("TRADE_NOT_EXIST")?;
    if trade.status != TradeStatus::WaitBuyerPay {
        return Err("TRADE_STATUS_NOT_AVAILD");
    }
    trade.status = TradeStatus::TradeClosed;
    trade.gmt_close = Some(crate::wire::now_text());
    let trade = trade.clone();
    notify::trade_status(app, &mut st, &trade);
    Ok((Some(trade), Vec::new()))
}

/// `refund_fastpay_by_platform_nopwd`: the batch checked and applied at
/// once (see [`refund_batch`]).
fn refund(app: &Arc<App>, call: &Call<'_>) -> Result<Answered, RefundRefusal> {
    let mut st = app.state();
    let set = refund_batch(
        app,
        &mut st,
        call.spec,
        call.merchant.partner(),
        call.charset,
        &call.business,
    )?;
    Ok((None, set))
}

/// The business parameter `name` of a request, when not empty.
fn param_of<'p>(params: &'p [(String, String)], name: &str) -> Option<&'p str> {
    params
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
        .filter(|v| !v.is_empty())
}

/// Why a refund batch was refused before anything was refunded: the code
/// and, for the inspector, the reason in words.
pub(crate) type RefundRefusal = (&'static str, String);

/// The first of `codes` that `spec`'s error table lists: the code its
/// document gives for a check, when it gives one.
fn documented(spec: &ServiceSpec, codes: &[&'static str]) -> Option<&'static str> {
    codes
        .iter()
        .copied()
        .find(|code| spec.errors.iter().any(|e| e.code == *code))
}

/// The code a request check answers: the one `spec`'s document gives for
/// it, else the documented generic `ILLEGAL_ARGUMENT` (参数有误).
pub(crate) fn check_code(spec: &ServiceSpec, code: &'static str) -> &'static str {
    documented(spec, &[code]).unwrap_or("ILLEGAL_ARGUMENT")
}

/// Checks a refund batch's request before anything is refunded, and gives
/// the lines of its `detail_data` (`#`-joined). Each check answers the code
/// the service's error table gives for it (the password refund's official
/// PDF names one for each), else the generic `ILLEGAL_ARGUMENT` (the
/// password-less refund's own table was not found):
///
/// - `refund_date` must read `yyyy-MM-dd HH:mm:ss` and be a real date and
///   time (SERVICES.md §5 and §6; `REFUND_DATE_ERROR`);
/// - for `refund_fastpay_by_platform_pwd`, `batch_no` must be 8 date digits
///   and 3 to 24 more digits (§5; §6 says only that it is unique per batch;
///   `BATCH_NO_FORMAT_ERROR`);
/// - a `batch_no` the partner has used before is refused, so that a retry
///   after a timeout does not refund twice (`DUPLICATE_BATCH_NO`);
/// - `batch_num` must be digits only (`BATCH_NUM_ERROR`), at most 1000 (§5,
///   §6; `BATCH_NUM_EXCEED_LIMIT`) and count the lines
///   (`BATCH_NUM_NOT_EQUAL_TOTAL`);
/// - for `refund_fastpay_by_platform_pwd`, each line must begin with
///   `trade_no^amount^reason` (`DETAIL_DATA_FORMAT_ERROR`) and name a trade
///   once (`DUBL_TRADE_NO_IN_SAME_BATCH`); the password-less refund's
///   sources state neither.
pub(crate) fn check_refund<'p>(
    st: &State,
    spec: &ServiceSpec,
    partner: &str,
    params: &'p [(String, String)],
) -> Result<Vec<&'p str>, RefundRefusal> {
    let with_password = spec.service == "refund_fastpay_by_platform_pwd";
    if let Some(date) = param_of(params, "refund_date") {
        if !is_datetime(date) {
            return Err((
                check_code(spec, "REFUND_DATE_ERROR"),
                format!("refund_date `{date}` is not a date and time yyyy-MM-dd HH:mm:ss"),
            ));
        }
    }
    let batch_no = param_of(params, "batch_no").unwrap_or_default();
    if with_password && !is_batch_no(batch_no, 3, 24) {
        return Err((
            check_code(spec, "BATCH_NO_FORMAT_ERROR"),
            format!("batch_no `{batch_no}` is not 8 date digits followed by 3 to 24 digits"),
        ));
    }
    if st
        .refund_batches
        .contains(&(partner.to_owned(), batch_no.to_owned()))
    {
        return Err((
            check_code(spec, "DUPLICATE_BATCH_NO"),
            format!("batch_no `{batch_no}` was already used by partner {partner}: a batch is refunded once"),
        ));
    }
    let detail = param_of(params, "detail_data").unwrap_or_default();
    let lines: Vec<&str> = detail.split('#').filter(|l| !l.is_empty()).collect();
    check_batch_num(spec, params, lines.len(), "`#`-joined")?;
    if with_password {
        let mut seen = std::collections::HashSet::new();
        for line in &lines {
            let ((trade_no, _, _), whole) = refund_line(line);
            if !whole {
                return Err((
                    check_code(spec, "DETAIL_DATA_FORMAT_ERROR"),
                    format!("detail_data line `{line}` is not trade_no^amount^reason"),
                ));
            }
            if !seen.insert(trade_no) {
                return Err((
                    check_code(spec, "DUBL_TRADE_NO_IN_SAME_BATCH"),
                    format!("detail_data refunds trade {trade_no} twice"),
                ));
            }
        }
    }
    Ok(lines)
}

/// The refund of one `detail_data` line: its trade number, amount and
/// reason, the first three `^`-separated parts before any royalty (`|`)
/// or fee (`$`) refund that follows (not simulated), each empty when
/// missing; and whether all three were there with a trade number.
fn refund_line(line: &str) -> ((&str, &str, &str), bool) {
    let trade = line.split(['|', '$']).next().unwrap_or_default();
    let mut parts = trade.split('^');
    let mut next = || parts.next();
    let (no, amount, reason) = (next(), next(), next());
    let whole = no.is_some_and(|n| !n.is_empty()) && reason.is_some();
    let parts = (
        no.unwrap_or_default(),
        amount.unwrap_or_default(),
        reason.unwrap_or_default(),
    );
    (parts, whole)
}

/// `batch_num` against the `lines` of `detail_data` (`how` they are
/// joined, for the reason): a number (`BATCH_NUM_ERROR`), at most 1000
/// (`BATCH_NUM_EXCEED_LIMIT`), and their count
/// (`BATCH_NUM_NOT_EQUAL_TOTAL`), each code when `spec`'s document gives
/// it.
fn check_batch_num(
    spec: &ServiceSpec,
    params: &[(String, String)],
    lines: usize,
    how: &str,
) -> Result<(), RefundRefusal> {
    let Some(n) = param_of(params, "batch_num") else {
        return Ok(());
    };
    let Some(count) = parse_digits::<usize>(n) else {
        return Err((
            check_code(spec, "BATCH_NUM_ERROR"),
            format!("batch_num `{n}` is not a number (digits only)"),
        ));
    };
    if count > 1000 {
        return Err((
            check_code(spec, "BATCH_NUM_EXCEED_LIMIT"),
            format!("batch_num {n} is over the limit of 1000"),
        ));
    }
    if count != lines {
        return Err((
            check_code(spec, "BATCH_NUM_NOT_EQUAL_TOTAL"),
            format!("batch_num {n} does not match the {lines} {how} line(s) of detail_data"),
        ));
    }
    Ok(())
}

/// Checks a `batch_trans_notify` request before the cashier, as a refund
/// batch is checked before anything is refunded (SERVICES.md §7):
/// `batch_num` must count the `|`-joined lines of `detail_data` (with the
/// codes of [`check_batch_num`], where the service's document gives them)
/// and `batch_fee` must be their amounts' sum (no source names a code: the
/// documented generic `ILLEGAL_ARGUMENT`).
pub(crate) fn check_batch_payment(
    spec: &ServiceSpec,
    params: &[(String, String)],
) -> Result<(), RefundRefusal> {
    let detail = param_of(params, "detail_data").unwrap_or_default();
    let lines: Vec<&str> = detail.split('|').filter(|l| !l.is_empty()).collect();
    check_batch_num(spec, params, lines.len(), "`|`-joined")?;
    if let Some(fee) = param_of(params, "batch_fee") {
        let sum = lines.iter().try_fold(0i64, |sum, line| {
            let amount = line.split('^').nth(3).and_then(parse_cents)?;
            sum.checked_add(amount)
        });
        if sum.is_none() || sum != parse_cents(fee) {
            let shown = sum.map_or_else(|| "not a sum of amounts".to_owned(), format_cents);
            return Err((
                "ILLEGAL_ARGUMENT",
                format!("batch_fee {fee} is not the sum of detail_data's amounts ({shown})"),
            ));
        }
    }
    Ok(())
}

/// `yyyy-MM-dd HH:mm:ss`, a real date and time (no 2024-02-30): the
/// runtime's [`Date`](alipay_mapi_runtime::types::Date) reads it.
pub(crate) fn is_datetime(text: &str) -> bool {
    text.parse::<alipay_mapi_runtime::types::Date>().is_ok()
}

/// A batch number: 8 digits of a real date (`yyyyMMdd`) and `min..=max`
/// more digits.
pub(crate) fn is_batch_no(text: &str, min: usize, max: usize) -> bool {
    let date = |r: std::ops::Range<usize>| text.get(r).unwrap_or_default();
    text.bytes().all(|c| c.is_ascii_digit())
        && (8 + min..=8 + max).contains(&text.len())
        && is_datetime(&format!(
            "{}-{}-{} 00:00:00",
            date(0..4),
            date(4..6),
            date(6..8)
        ))
}

/// A refund batch (`refund_fastpay_by_platform_nopwd` at once,
/// `refund_fastpay_by_platform_pwd` once the seller confirms at the
/// cashier): `detail_data` is `trade_no^amount^reason`, lines joined by `#`;
/// each refund is checked against its trade and applied; the result goes to
/// `notify_url` as a `batch_refund_notify` with `batch_no`, `success_num` and
/// `result_details` (`trade_no^amount^SUCCESS`, or the code). The values of
/// that notification come back. A trade refunded in full is closed and,
/// like every change of a trade's status, notified to the `notify_url` of
/// the request that created it as a `trade_status_sync`
/// (`trade_status=TRADE_CLOSED`, `refund_status`, `gmt_refund`: the fields
/// the trade notification declares for refunds, SERVICES.md §1). A partial
/// refund leaves the status as it is and is not notified.
pub(crate) fn refund_batch(
    app: &Arc<App>,
    st: &mut State,
    spec: &'static alipay_mapi_runtime::ServiceSpec,
    partner: &str,
    charset: Charset,
    params: &[(String, String)],
) -> Result<Vec<(String, String)>, RefundRefusal> {
    let lines = check_refund(st, spec, partner, params)?;
    let batch_no = param_of(params, "batch_no").unwrap_or_default().to_owned();
    st.refund_batches
        .insert((partner.to_owned(), batch_no.clone()));
    let mut results = Vec::new();
    let mut success = 0;
    let mut closed = Vec::new();
    for line in &lines {
        let ((no, amount, reason), _) = refund_line(line);
        let cents = parse_cents(amount);
        let result = match (st.trades.get_mut(no), cents) {
            (None, _) => "TRADE_NOT_EXIST",
            (Some(t), _) if t.partner != partner => {
                documented(spec, &["NOT_THIS_PARTNERS_TRADE"]).unwrap_or("TRADE_NOT_EXIST")
            }
            (Some(_), None) => "REFUND_AMOUNT_NOT_VALID",
            (Some(t), Some(c)) => {
                if t.status != TradeStatus::TradeSuccess {
                    documented(spec, &["TRADE_STATUS_ERROR"]).unwrap_or("TRADE_STATUS_NOT_AVAILD")
                } else if c <= 0 || t.refunded_cents + c > t.total_cents {
                    "REFUND_AMOUNT_NOT_VALID"
                } else {
                    t.refunded_cents += c;
                    t.refunds.push(Refund {
                        batch_no: batch_no.clone(),
                        cents: c,
                        reason: reason.to_owned(),
                        result: "SUCCESS".into(),
                    });
                    if t.refunded_cents == t.total_cents {
                        t.status = TradeStatus::TradeClosed;
                        t.gmt_close = Some(crate::wire::now_text());
                        closed.push(t.clone());
                    }
                    success += 1;
                    "SUCCESS"
                }
            }
        };
        let shown = cents.map_or_else(|| amount.to_owned(), format_cents);
        results.push(format!("{no}^{shown}^{result}"));
    }
    let set = vec![
        ("batch_no".to_owned(), batch_no),
        ("success_num".to_owned(), success.to_string()),
        ("result_details".to_owned(), results.join("#")),
    ];
    if let Some(url) = param_of(params, "notify_url") {
        notify::queue(
            app,
            st,
            notify::Outgoing {
                spec,
                partner: partner.to_owned(),
                charset,
                url: url.to_owned(),
                trade: None,
                params: params.to_vec(),
                set: set.clone(),
                notify_type: "batch_refund_notify",
                after: None,
            },
        );
    }
    for trade in &closed {
        notify::trade_status(app, st, trade);
    }
    Ok(set)
}

/// `forex_refund` (SERVICES.md §23): refunds `return_amount` of the paid
/// trade `out_trade_no` under the refund number `out_return_no`, and, when
/// `notify_url` is given and `is_sync` is not `Y`, notifies the outcome
/// (`out_trade_no`, `out_return_no`, `refund_status`).
///
/// Refused: a trade the partner does not have (`TRADE_NOT_EXIST`, the
/// gateway's code for a missing trade as `single_trade_query` documents it;
/// forex_refund's sources name no code of their own); a trade not paid
/// (`TRADE_STATUS_NOT_AVAILD`, as `close_trade` answers); and, with the
/// documented generic `ILLEGAL_ARGUMENT` since no source names a code: an
/// `out_return_no` used before, an amount more than what is left, and a
/// refund given only as `return_rmb_amount` (the mock keeps no exchange
/// rate, so it cannot tell how much of the trade that is).
fn forex_refund(app: &Arc<App>, call: &Call<'_>) -> Result<Answered, RefundRefusal> {
    let partner = call.merchant.partner();
    let out_trade_no = call.param("out_trade_no").unwrap_or_default();
    let out_return_no = call.param("out_return_no").unwrap_or_default();
    let mut st = app.state();
    let Some(no) = st
        .trade_by_out(partner, out_trade_no)
        .map(|t| t.trade_no.clone())
    else {
        return Err((
            "TRADE_NOT_EXIST",
            format!("partner {partner} has no trade out_trade_no `{out_trade_no}`"),
        ));
    };
    if st
        .forex_returns
        .contains(&(partner.to_owned(), out_return_no.to_owned()))
    {
        return Err((
            "ILLEGAL_ARGUMENT",
            format!("out_return_no `{out_return_no}` was already used: a refund is made once"),
        ));
    }
    let amount = match (call.param("return_amount"), call.param("return_rmb_amount")) {
        (Some(a), _) => a,
        (None, Some(_)) => {
            return Err((
                "ILLEGAL_ARGUMENT",
                "not simulated: the mock keeps no exchange rate, so a refund given only as return_rmb_amount cannot be checked against the trade; give return_amount".into(),
            ))
        }
        (None, None) => {
            return Err((
                "ILLEGAL_ARGUMENT",
                "one of return_amount / return_rmb_amount is required".into(),
            ))
        }
    };
    let Some(trade) = st.trades.get_mut(&no) else {
        return Err(("TRADE_NOT_EXIST", format!("trade {no} is gone")));
    };
    if trade.status != TradeStatus::TradeSuccess {
        return Err((
            "TRADE_STATUS_NOT_AVAILD",
            format!("trade {no} is {}", trade.status.as_str()),
        ));
    }
    let cents = parse_cents(amount)
        .filter(|c| *c > 0 && trade.refunded_cents + c <= trade.total_cents)
        .ok_or_else(|| {
            (
                "ILLEGAL_ARGUMENT",
                format!(
                    "return_amount {amount} is not a positive amount within the {} left of trade {no}",
                    format_cents(trade.total_cents - trade.refunded_cents)
                ),
            )
        })?;
    trade.refunded_cents += cents;
    if trade.refunded_cents == trade.total_cents {
        trade.status = TradeStatus::TradeClosed;
        trade.gmt_close = Some(crate::wire::now_text());
    }
    trade.refunds.push(Refund {
        batch_no: out_return_no.to_owned(),
        cents,
        reason: call.param("reason").unwrap_or_default().to_owned(),
        result: "SUCCESS".into(),
    });
    let trade = trade.clone();
    if trade.status == TradeStatus::TradeClosed {
        notify::trade_status(app, &mut st, &trade);
    }
    st.forex_returns
        .insert((partner.to_owned(), out_return_no.to_owned()));
    let asynchronous = call.param("is_sync") != Some("Y");
    if let (Some(url), true) = (call.param("notify_url"), asynchronous) {
        notify::queue(
            app,
            &mut st,
            notify::Outgoing {
                spec: call.spec,
                partner: partner.to_owned(),
                charset: call.charset,
                url: url.to_owned(),
                trade: None,
                params: call.business.clone(),
                set: vec![("refund_status".to_owned(), "REFUND_SUCCESS".to_owned())],
                // The value the project's document of the service gives; no
                // other source spells forex_refund's notify_type.
                notify_type: "refund_status_sync",
                after: None,
            },
        );
    }
    Ok((Some(trade), Vec::new()))
}

/// A signed XML answer from the declaration's answer table.
fn answer(
    app: &Arc<App>,
    call: &Call<'_>,
    trade: Option<&Trade>,
    set: Vec<(String, String)>,
    ex: &mut Exchange,
) -> Response {
    let xml_fault = {
        let mut rules = app.faults.lock().unwrap_or_else(|p| p.into_inner());
        faults::take(&mut rules, call.spec.service, |f| {
            matches!(f, Fault::Truncated | Fault::Unsigned)
        })
    };
    if let Some(f) = &xml_fault {
        ex.fault = Some(f.to_string());
    }
    let values = Values {
        set,
        trade,
        params: &call.business,
        partner: call.merchant.partner(),
        seller_email: &app.config.seller_email,
        configured: app.config.values_for(call.spec.service),
    };
    let mut missing = Vec::new();
    let response = call
        .spec
        .answer
        .map(|fields| xml::response(fields, &values, &mut missing));
    let unsigned = xml_fault == Some(Fault::Unsigned);
    match xml::success(
        &call.params,
        response.as_ref(),
        call.charset,
        &call.merchant.gateway_signer,
        unsigned,
    ) {
        Ok(mut a) => {
            if xml_fault == Some(Fault::Truncated) {
                a.body.truncate(a.body.len() / 2);
            }
            ex.answer = xml::text(&a.body, call.charset);
            if let Some(s) = a.signing_string {
                ex.reason = format!("answer signed over `{s}`");
            }
            if !missing.is_empty() {
                if !ex.reason.is_empty() {
                    ex.reason.push_str("; ");
                }
                ex.reason
                    .push_str(&not_simulated(call.spec.service, "answer", &missing));
            }
            (
                [(header::CONTENT_TYPE, xml::content_type(call.charset))],
                a.body,
            )
                .into_response()
        }
        Err(e) => {
            ex.reason = e;
            xml_failure("SYSTEM_ERROR", call.charset, ex)
        }
    }
}

/// The inspector's words for required fields of a table the mock leaves out
/// because it cannot compute them (it never sends a document's example in
/// their place).
pub(crate) fn not_simulated(service: &str, table: &str, missing: &[String]) -> String {
    format!(
        "not simulated: {service}'s required {table} field(s) {} left out (the mock cannot compute them and does not send the document's example)",
        missing.join(", ")
    )
}

/// Moves a trade to `status` (control API and [`crate::MockGateway::set_trade_status`]).
pub(crate) fn set_status(app: &Arc<App>, trade_no: &str, status: TradeStatus) -> bool {
    let mut st = app.state();
    let Some(trade) = st.trades.get_mut(trade_no) else {
        return false;
    };
    trade.status = status;
    let now = crate::wire::now_text();
    match status {
        TradeStatus::TradeSuccess | TradeStatus::WaitSellerSendGoods => {
            trade.gmt_payment = Some(now)
        }
        TradeStatus::TradeFinished | TradeStatus::TradeClosed => trade.gmt_close = Some(now),
        TradeStatus::WaitBuyerPay | TradeStatus::WaitBuyerConfirmGoods => {}
    }
    let trade = trade.clone();
    notify::trade_status(app, &mut st, &trade);
    true
}
