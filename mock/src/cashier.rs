//! The cashier: the page a page call lands on, with the order, the amount
//! and three buttons (ids `pay`, `cancel`, `fail`), and what each does.
//!
//! - **Pay**: the trade becomes `TRADE_SUCCESS`, the merchant is notified,
//!   and the browser goes to `return_url` with a signed return in the
//!   request's charset. A `total_fee` of `0.02` is declined: the buyer stays
//!   on the cashier (id `declined`), as on the gateway, and nothing is paid.
//!   A `subject` of `FAIL:CODE` sends the browser back with
//!   `is_success=F&error=CODE`, signed. For `refund_fastpay_by_platform_pwd`
//!   Pay is the seller's password: the batch is refunded and notified as
//!   the password-less one is.
//! - **Cancel**: the trade becomes `TRADE_CLOSED` (notified), and the
//!   browser goes back with a signed return whose `trade_status` says so.
//! - **Fail**: the browser goes back with `is_success=F&error=CODE`, the code
//!   chosen from the interface's error table (or typed), signed.
//!
//! Pay and Cancel need the trade to be `WAIT_BUYER_PAY` when pressed: a
//! trade paid from another page of the same `out_trade_no`, closed by
//! `close_trade`, refunded or moved on in escrow is refused on the
//! gateway's error page with the code the service's error table gives for a
//! trade that cannot be paid (`TRADE_NOT_ALLOWED_PAY`, else
//! `ILLEGAL_ARGUMENT`); nothing changes and nothing is notified.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Response};

use crate::buyer::{CashierMark, NoReturnMark, RefusalMark};
use crate::state::{CashierSession, Trade, TradeStatus};
use crate::values::Values;
use crate::wire::{self, escaped};
use crate::{notify, App};

const STYLE: &str = "body{font-family:sans-serif;max-width:40em;margin:2em auto}\
dt{font-weight:bold}button{font-size:1.1em;margin:.3em}.error{color:#b00}";

/// The cashier page of a session.
pub(crate) fn page(
    id: &str,
    session: &CashierSession,
    trade: Option<&Trade>,
    note: Option<(&str, &str)>,
) -> Response {
    let mut h = String::with_capacity(2048);
    h.push_str("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Mock Alipay cashier</title><style>");
    h.push_str(STYLE);
    h.push_str("</style></head><body><h1>Mock Alipay cashier</h1>");
    if let Some((note_id, text)) = note {
        h.push_str(&format!(
            "<p id=\"{note_id}\" class=\"error\">{}</p>",
            escaped(text)
        ));
    }
    h.push_str("<dl id=\"order\">");
    let mut row = |key: &str, value: &str| {
        h.push_str(&format!(
            "<dt>{}</dt><dd id=\"{}\">{}</dd>",
            escaped(key),
            escaped(key),
            escaped(value)
        ));
    };
    row("service", session.spec.service);
    row("partner", &session.partner);
    row("_input_charset", session.charset.as_str());
    if let Some(t) = trade {
        row("out_trade_no", &t.out_trade_no);
        row("trade_no", &t.trade_no);
        row("subject", &t.subject);
        row("total_fee", &t.total_fee());
        row("trade_status", t.status.as_str());
    } else {
        for (name, value) in &session.params {
            row(name, value);
        }
    }
    h.push_str("</dl>");
    let action = |what: &str| format!("/cashier/{id}/{what}");
    h.push_str(&format!(
        "<form method=\"post\" action=\"{}\"><button id=\"pay\" type=\"submit\">Pay</button></form>",
        action("pay")
    ));
    h.push_str(&format!(
        "<form method=\"post\" action=\"{}\"><button id=\"cancel\" type=\"submit\">Cancel</button></form>",
        action("cancel")
    ));
    h.push_str(&format!(
        "<form method=\"post\" action=\"{}\"><select id=\"error_code\" name=\"error\">",
        action("fail")
    ));
    for e in session.spec.errors {
        h.push_str(&format!(
            "<option value=\"{}\">{} ({})</option>",
            escaped(e.code),
            escaped(e.code),
            escaped(e.meaning)
        ));
    }
    if session.spec.errors.is_empty() {
        h.push_str("<option value=\"SYSTEM_ERROR\">SYSTEM_ERROR</option>");
    }
    h.push_str("</select> or <input id=\"error_other\" name=\"other\" placeholder=\"another code\"> <button id=\"fail\" type=\"submit\">Fail</button></form>");
    h.push_str("<p><a href=\"/_mock/inspector\">inspector</a></p></body></html>");
    let mut response = Html(h).into_response();
    response.extensions_mut().insert(CashierMark {
        id: id.to_owned(),
        trade_no: session.trade_no.clone(),
        declined: note.is_some_and(|(note_id, _)| note_id == "declined"),
    });
    response
}

/// The gateway's error page: `is_success=F&error=CODE`, and why.
pub(crate) fn error_page(code: &str, reason: &str) -> Response {
    let h = format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Mock Alipay: {code}</title><style>{STYLE}</style></head>\
<body><h1>Mock Alipay</h1><p id=\"error\" class=\"error\">is_success=F&amp;error={code}</p>\
<p id=\"reason\">{reason}</p><p><a href=\"/_mock/inspector\">inspector</a></p></body></html>",
        code = escaped(code),
        reason = escaped(reason)
    );
    let mut response = Html(h).into_response();
    response.extensions_mut().insert(RefusalMark {
        code: code.to_owned(),
        reason: reason.to_owned(),
    });
    response
}

/// A plain page when there is nowhere to send the browser back to.
fn done_page(text: &str, query: &str) -> Response {
    let mut response = Html(format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Mock Alipay</title></head><body>\
<p id=\"done\">{}</p><p id=\"return\">{}</p></body></html>",
        escaped(text),
        escaped(query)
    ))
    .into_response();
    response.extensions_mut().insert(NoReturnMark {
        query: query.to_owned(),
    });
    response
}

/// What the buyer's button did.
enum Outcome {
    Return(Vec<(String, String)>),
    Failure(String),
}

/// `POST /cashier/{id}/{pay|cancel|fail}`.
pub(crate) async fn action(
    State(app): State<Arc<App>>,
    Path((id, what)): Path<(String, String)>,
    body: Bytes,
) -> Response {
    let mut st = app.state();
    let Some(session) = st.cashier.get(&id).cloned() else {
        return error_page(
            "SESSION_TIMEOUT",
            &format!(
                "no cashier session `{id}`: never opened, or dropped (the gateway keeps the newest {} pages)",
                crate::state::MAX_CASHIER_SESSIONS
            ),
        );
    };
    if session.done {
        return error_page("SESSION_TIMEOUT", "this cashier page was already used");
    }
    let Some(merchant) = app.merchants.get(&session.partner) else {
        return error_page("ILLEGAL_PARTNER", "the merchant is gone");
    };
    let trade_no = session.trade_no.clone();
    // Pay and Cancel act on a trade waiting for the buyer only: paid from
    // another page of the same order, closed by `close_trade`, refunded or
    // moved on in escrow, it is refused with the code the service's error
    // table gives for a trade that cannot be paid, and nothing changes.
    if what == "pay" || what == "cancel" {
        let trade = trade_no.as_ref().and_then(|n| st.trades.get(n));
        if let Some(Err((code, reason))) = trade.map(|t| crate::gateway::payable(session.spec, t)) {
            return error_page(code, &reason);
        }
    }
    let outcome = match what.as_str() {
        "pay" => {
            let trade = trade_no.as_ref().and_then(|n| st.trades.get(n)).cloned();
            if let Some(code) = session
                .param("subject")
                .and_then(|s| s.strip_prefix("FAIL:"))
            {
                Outcome::Failure(code.to_owned())
            } else if trade.as_ref().is_some_and(|t| t.total_cents == 2) {
                return page(
                    &id,
                    &session,
                    trade.as_ref(),
                    Some((
                        "declined",
                        "Payment declined (total_fee 0.02 is always declined)",
                    )),
                );
            } else {
                let paid = trade_no
                    .as_ref()
                    .and_then(|n| st.trades.get_mut(n))
                    .map(|t| {
                        t.status = TradeStatus::paid_by(&t.service);
                        t.gmt_payment = Some(wire::now_text());
                        t.clone()
                    });
                let set = if session.spec.service == "batch_trans_notify" {
                    batch_payment(&mut st, &session)
                } else {
                    Vec::new()
                };
                if session.spec.service == "refund_fastpay_by_platform_pwd" {
                    // The seller confirmed: the batch is refunded as the
                    // password-less one is, and notified the same way.
                    if let Err((code, reason)) = crate::gateway::refund_batch(
                        &app,
                        &mut st,
                        session.spec,
                        &session.partner,
                        session.charset,
                        &session.params,
                    ) {
                        st.use_cashier(&id);
                        drop(st);
                        return error_page(code, &reason);
                    }
                } else if let Some(t) = &paid {
                    notify::trade_status(&app, &mut st, t);
                } else if let Some(url) = session.param("notify_url") {
                    notify::queue(
                        &app,
                        &mut st,
                        notify::Outgoing {
                            spec: session.spec,
                            partner: session.partner.clone(),
                            charset: session.charset,
                            url: url.to_owned(),
                            trade: None,
                            params: session.params.clone(),
                            set,
                            notify_type: if session.spec.service == "batch_trans_notify" {
                                "batch_trans_notify"
                            } else {
                                "trade_status_sync"
                            },
                            after: None,
                        },
                    );
                }
                Outcome::Return(return_pairs(&app, &mut st, &session, paid.as_ref()))
            }
        }
        "cancel" => {
            let closed = trade_no
                .as_ref()
                .and_then(|n| st.trades.get_mut(n))
                .map(|t| {
                    t.status = TradeStatus::TradeClosed;
                    t.gmt_close = Some(wire::now_text());
                    t.clone()
                });
            if let Some(t) = &closed {
                notify::trade_status(&app, &mut st, t);
            }
            Outcome::Return(return_pairs(&app, &mut st, &session, closed.as_ref()))
        }
        "fail" => {
            let form = url::form_urlencoded::parse(&body);
            let mut code = String::new();
            for (k, v) in form {
                if (k == "other" && !v.trim().is_empty()) || (k == "error" && code.is_empty()) {
                    code = v.trim().to_owned();
                }
            }
            if code.is_empty() {
                code = "SYSTEM_ERROR".into();
            }
            Outcome::Failure(code)
        }
        _ => return (StatusCode::NOT_FOUND, "unknown cashier action").into_response(),
    };
    st.use_cashier(&id);
    drop(st);
    let mut pairs = match outcome {
        Outcome::Return(p) => p,
        Outcome::Failure(code) => vec![("is_success".into(), "F".into()), ("error".into(), code)],
    };
    let signed = wire::sign_into(&mut pairs, session.charset, &merchant.gateway_signer);
    let query =
        match signed.and_then(|_| wire::form(&pairs, session.charset).map_err(wire::sign_error)) {
            Ok(q) => q,
            Err(e) => return error_page("SYSTEM_ERROR", &e),
        };
    let Some(return_url) = session.param("return_url") else {
        return done_page("Done; the request had no return_url.", &query);
    };
    let separator = if return_url.contains('?') { '&' } else { '?' };
    let location = format!("{return_url}{separator}{query}");
    match header::HeaderValue::from_str(&location) {
        Ok(v) => (StatusCode::SEE_OTHER, [(header::LOCATION, v)]).into_response(),
        Err(_) => error_page(
            "ILLEGAL_ARGUMENT",
            "return_url cannot be sent in a Location header",
        ),
    }
}

/// The parameters of a successful return: `is_success=T`, then the
/// declaration's return table filled from the trade and the request (a
/// fresh `notify_id` among them), unsigned yet.
fn return_pairs(
    app: &Arc<App>,
    st: &mut crate::state::State,
    session: &CashierSession,
    trade: Option<&Trade>,
) -> Vec<(String, String)> {
    let notify_id = notify::new_notify_id(st, &session.partner, app.config.notify_id_validity);
    let values = Values {
        set: vec![
            ("is_success".into(), "T".into()),
            ("notify_id".into(), notify_id),
            ("notify_time".into(), wire::now_text()),
            ("notify_type".into(), "trade_status_sync".into()),
        ],
        trade,
        params: &session.params,
        partner: &session.partner,
        seller_email: &app.config.seller_email,
        configured: app.config.values_for(session.spec.service),
    };
    let mut pairs = vec![("is_success".to_owned(), "T".to_owned())];
    let mut missing = Vec::new();
    let table = match session.spec.response {
        Some(fields) => values.table(fields, &mut missing),
        None => [
            "out_trade_no",
            "trade_no",
            "trade_status",
            "total_fee",
            "subject",
            "notify_id",
        ]
        .iter()
        .filter_map(|n| values.get(n).map(|v| ((*n).to_owned(), v)))
        .collect(),
    };
    for (n, v) in table {
        if n != "is_success" {
            pairs.push((n, v));
        }
    }
    if !missing.is_empty() {
        // The inspector says so: a return row in its request log.
        let seq = st.next_seq();
        st.push_exchange(crate::state::Exchange {
            seq,
            at_ms: app.ms(),
            method: "RETURN".into(),
            uri: session.param("return_url").unwrap_or_default().to_owned(),
            service: Some(session.spec.service.to_owned()),
            partner: Some(session.partner.clone()),
            verdict: "ok".into(),
            reason: crate::gateway::not_simulated(session.spec.service, "return", &missing),
            ..Default::default()
        });
    }
    pairs
}

/// `batch_trans_notify` paid: each line of `detail_data`
/// (`serial^account^name^amount^memo`, lines joined by `|`) is paid, except
/// an amount of `0.02`, which fails (reason `DECLINED_BY_MOCK`, a reason of
/// the mock's own), as does an amount that is not one. The batch is kept;
/// the values for its notification (`success_details`, `fail_details`) come
/// back.
fn batch_payment(st: &mut crate::state::State, session: &CashierSession) -> Vec<(String, String)> {
    use crate::state::{parse_cents, BatchLine, BatchPayment};
    let batch_no = session.param("batch_no").unwrap_or_default().to_owned();
    let now = wire::now_text();
    let mut lines = Vec::new();
    let (mut ok, mut failed) = (Vec::new(), Vec::new());
    for line in session.param("detail_data").unwrap_or_default().split('|') {
        if line.is_empty() {
            continue;
        }
        let parts: Vec<&str> = line.split('^').collect();
        let field = |i: usize| parts.get(i).copied().unwrap_or_default();
        let cents = parse_cents(field(3));
        let paid = cents.is_some_and(|c| c > 0 && c != 2);
        let inner = format!("{}{:08}", wire::today_digits(), st.next_seq());
        let text = format!(
            "{}^{}^{}^{}^{}^{}^{}^{}",
            field(0),
            field(1),
            field(2),
            field(3),
            if paid { "S" } else { "F" },
            if paid {
                ""
            } else if cents.is_none() {
                "ILLEGAL_AMOUNT"
            } else {
                "DECLINED_BY_MOCK"
            },
            inner,
            now
        );
        if paid {
            ok.push(text)
        } else {
            failed.push(text)
        }
        lines.push(BatchLine {
            serial: field(0).to_owned(),
            account: field(1).to_owned(),
            name: field(2).to_owned(),
            cents: cents.unwrap_or_default(),
            ok: paid,
        });
    }
    st.batches.insert(
        (session.partner.clone(), batch_no.clone()),
        BatchPayment {
            batch_no: batch_no.clone(),
            partner: session.partner.clone(),
            details: lines,
        },
    );
    let mut set = vec![("batch_no".to_owned(), batch_no)];
    if !ok.is_empty() {
        set.push(("success_details".into(), ok.join("|")));
    }
    if !failed.is_empty() {
        set.push(("fail_details".into(), failed.join("|")));
    }
    set
}
