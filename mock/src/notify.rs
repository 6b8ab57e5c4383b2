//! Notifications: signed form POSTs to `notify_url`, retried on the
//! gateway's schedule until the merchant answers `200` with exactly `success`.

use std::sync::Arc;
use std::time::{Duration, Instant};

use alipay_mapi_runtime::{Charset, ServiceSpec, SignType, Signer};

use crate::faults::{self, Fault};
use crate::state::{Attempt, Notification, State, Trade, TradeStatus};
use crate::values::Values;
use crate::{wire, App};

/// The fields of a notification when the declaration has no notification
/// table.
const DEFAULT_FIELDS: [&str; 9] = [
    "out_trade_no",
    "trade_no",
    "subject",
    "total_fee",
    "trade_status",
    "buyer_email",
    "buyer_id",
    "gmt_create",
    "gmt_payment",
];

/// A notification to send.
pub(crate) struct Outgoing<'a> {
    pub spec: &'static ServiceSpec,
    pub partner: String,
    pub charset: Charset,
    pub url: String,
    pub trade: Option<&'a Trade>,
    pub params: Vec<(String, String)>,
    pub set: Vec<(String, String)>,
    pub notify_type: &'static str,
    /// Deliver only after this notification's first attempt.
    pub after: Option<u64>,
}

/// A new `notify_id`, registered for `notify_verify`.
///
/// Written in the base64 alphabet, with the text `%2F` and `%2B` in it, as
/// the gateway's ids can be (WAVE2.md: a return's raw
/// `notify_id=RqPnCoPT3K9%252Fvwbh…` reads `RqPnCoPT3K9%2Fvwbh…` once
/// decoded): a client must decode it once from the return or notification
/// and encode it once for `notify_verify` (`%252F` on the wire). Decoded
/// twice (`/`), or sent back without encoding (read as `/` by the gateway),
/// it is another id and answers `false`.
pub(crate) fn new_notify_id(st: &mut State, partner: &str, validity: Duration) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let seq = st.next_seq();
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    // 128 bits, 6 at a time (22 characters), with `%2F` and `%2B` put in
    // (never over a character, so distinct numbers stay distinct ids).
    let mut bits = (nanos << 64) ^ u128::from(seq);
    let mut id = String::with_capacity(28);
    for i in 0..22 {
        if i == 11 {
            id.push_str("%2F");
        }
        if i == 16 {
            id.push_str("%2B");
        }
        id.push(char::from(ALPHABET[(bits & 63) as usize]));
        bits >>= 6;
    }
    st.record_notify_id(&id, partner, validity);
    id
}

/// Notifies a trade's status to the `notify_url` of the request that
/// created it, if it had one; with the out-of-order option, a stale
/// `WAIT_BUYER_PAY` one follows a `TRADE_SUCCESS` one.
pub(crate) fn trade_status(app: &Arc<App>, st: &mut State, trade: &Trade) {
    let Some(url) = trade.param("notify_url") else {
        return;
    };
    let Some(spec) = app.services.get(trade.service.as_str()).copied() else {
        return;
    };
    let first = queue(app, st, status_sync(spec, url, trade, Vec::new(), None));
    let out_of_order = app
        .options
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .out_of_order;
    if out_of_order && trade.status == TradeStatus::paid_by(&trade.service) {
        let mut stale = trade.clone();
        stale.status = TradeStatus::WaitBuyerPay;
        stale.gmt_payment = None;
        let set = vec![("notify_time".into(), trade.gmt_create.clone())];
        queue(app, st, status_sync(spec, url, &stale, set, first));
    }
}

/// A `trade_status_sync` notification of `trade` to `url`, with the request's
/// parameters, partner and charset, and `set` over them.
fn status_sync<'a>(
    spec: &'static ServiceSpec,
    url: &str,
    trade: &'a Trade,
    set: Vec<(String, String)>,
    after: Option<u64>,
) -> Outgoing<'a> {
    Outgoing {
        spec,
        partner: trade.partner.clone(),
        charset: trade.charset,
        url: url.to_owned(),
        trade: Some(trade),
        params: trade.params.clone(),
        set,
        notify_type: "trade_status_sync",
        after,
    }
}

/// Builds, signs and records a notification and starts delivering it; its
/// number, or `None` when it could not be signed (recorded in the log).
pub(crate) fn queue(app: &Arc<App>, st: &mut State, out: Outgoing<'_>) -> Option<u64> {
    let merchant = app.merchants.get(&out.partner)?;
    let notify_id = new_notify_id(st, &out.partner, app.config.notify_id_validity);
    let mut set = vec![
        ("notify_time".to_owned(), wire::now_text()),
        ("notify_type".to_owned(), out.notify_type.to_owned()),
        ("notify_id".to_owned(), notify_id.clone()),
    ];
    for (n, v) in out.set {
        match set.iter_mut().find(|(m, _)| *m == n) {
            Some(slot) => slot.1 = v,
            None => set.push((n, v)),
        }
    }
    let values = Values {
        set: set.clone(),
        trade: out.trade,
        params: &out.params,
        partner: &out.partner,
        seller_email: &app.config.seller_email,
        configured: app.config.values_for(out.spec.service),
    };
    let mut pairs: Vec<(String, String)> = set
        .iter()
        .filter(|(n, _)| n.starts_with("notify_"))
        .cloned()
        .collect();
    let mut missing = Vec::new();
    let table = match out.spec.notify {
        Some(fields) => values.table(fields, &mut missing),
        None => DEFAULT_FIELDS
            .iter()
            .filter_map(|n| values.get(n).map(|v| ((*n).to_owned(), v)))
            .collect(),
    };
    for (n, v) in table.into_iter().chain(set) {
        if !pairs.iter().any(|(m, _)| *m == n) && !v.is_empty() {
            pairs.push((n, v));
        }
    }
    let wrong_key = {
        let mut rules = app.faults.lock().unwrap_or_else(|p| p.into_inner());
        faults::take(&mut rules, out.spec.service, |f| {
            *f == Fault::NotifyWrongKey
        })
        .is_some()
    };
    let signing_string = if wrong_key {
        sign_wrong(&mut pairs, out.charset, &merchant.gateway_signer)
    } else {
        wire::sign_into(&mut pairs, out.charset, &merchant.gateway_signer)
    };
    let signing_string = match signing_string {
        Ok(s) => s,
        Err(e) => {
            st.push_exchange(crate::state::Exchange {
                at_ms: app.ms(),
                method: "NOTIFY".into(),
                uri: out.url,
                verdict: "SYSTEM_ERROR".into(),
                reason: e,
                ..Default::default()
            });
            return None;
        }
    };
    let seq = st.next_seq();
    st.push_notification(Notification {
        seq,
        service: out.spec.service.to_owned(),
        partner: out.partner,
        url: out.url,
        notify_id,
        trade_no: out.trade.map(|t| t.trade_no.clone()),
        charset: out.charset.as_str().to_owned(),
        params: pairs,
        signing_string,
        wrong_key,
        not_simulated: missing,
        attempts: Vec::new(),
        delivered: false,
        finished: false,
    });
    tokio::spawn(deliver(app.clone(), seq, out.after));
    Some(seq)
}

/// Signs with a key that is not the gateway's: another MD5 secret, or (RSA,
/// DSA) the right signature with its first byte changed, which no public key
/// verifies.
fn sign_wrong(
    pairs: &mut Vec<(String, String)>,
    charset: Charset,
    signer: &Signer,
) -> Result<String, String> {
    if signer.sign_type() == SignType::Md5 {
        let wrong = Signer::from_key_text(SignType::Md5, "0123456789abcdef0123456789abcdef")
            .map_err(wire::sign_error)?;
        return wire::sign_into(pairs, charset, &wrong);
    }
    let s = wire::sign_into(pairs, charset, signer)?;
    if let Some((_, sign)) = pairs.iter_mut().find(|(n, _)| n == "sign") {
        let first = if sign.starts_with('A') { "B" } else { "A" };
        sign.replace_range(..1, first);
    }
    Ok(s)
}

async fn post(app: &App, url: &str, body: Vec<u8>, charset: &str) -> (Option<u16>, String) {
    let content_type = format!("application/x-www-form-urlencoded; charset={charset}");
    match app
        .http
        .post(url)
        .header("content-type", content_type)
        .body(body)
        .send()
        .await
    {
        Ok(r) => {
            let status = r.status().as_u16();
            match r.bytes().await {
                Ok(b) => (Some(status), String::from_utf8_lossy(&b).into_owned()),
                Err(e) => (Some(status), format!("(body unreadable: {e})")),
            }
        }
        Err(e) => (None, format!("(no answer: {e})")),
    }
}

fn with_notification<T>(app: &App, seq: u64, f: impl FnOnce(&mut Notification) -> T) -> Option<T> {
    let mut st = app.state();
    st.notifications.iter_mut().find(|n| n.seq == seq).map(f)
}

async fn deliver(app: Arc<App>, seq: u64, after: Option<u64>) {
    if let Some(first) = after {
        let deadline = Instant::now() + Duration::from_secs(30);
        while Instant::now() < deadline {
            let started =
                with_notification(&app, first, |n| !n.attempts.is_empty()).unwrap_or(true);
            if started {
                break;
            }
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    }
    let Some((url, body, charset, partner, notify_id)) = with_notification(&app, seq, |n| {
        let charset: Charset = n.charset.parse().unwrap_or_default();
        let body = wire::form(&n.params, charset).unwrap_or_default();
        (
            n.url.clone(),
            body,
            n.charset.clone(),
            n.partner.clone(),
            n.notify_id.clone(),
        )
    }) else {
        return;
    };
    let mut waits = app.config.schedule.clone().into_iter();
    loop {
        let (status, answer) = post(&app, &url, body.clone().into_bytes(), &charset).await;
        let success = status == Some(200) && answer == "success";
        let at_ms = app.ms();
        {
            let mut st = app.state();
            st.record_notify_id(&notify_id, &partner, app.config.notify_id_validity);
            if let Some(n) = st.notifications.iter_mut().find(|n| n.seq == seq) {
                n.attempts.push(Attempt {
                    at_ms,
                    status,
                    answer: answer.chars().take(200).collect(),
                    success,
                    duplicate: false,
                });
                n.delivered |= success;
            }
        }
        if success {
            let duplicates = app
                .options
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .duplicates;
            for _ in 0..duplicates {
                let (status, answer) = post(&app, &url, body.clone().into_bytes(), &charset).await;
                let at_ms = app.ms();
                with_notification(&app, seq, |n| {
                    n.attempts.push(Attempt {
                        at_ms,
                        status,
                        success: answer == "success",
                        answer: answer.chars().take(200).collect(),
                        duplicate: true,
                    })
                });
            }
            break;
        }
        match waits.next() {
            Some(wait) => tokio::time::sleep(app.scaled(wait)).await,
            None => break,
        }
    }
    with_notification(&app, seq, |n| n.finished = true);
}
