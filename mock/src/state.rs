//! What the mock gateway remembers between calls: trades, refunds, batch
//! payments, cashier sessions, `notify_id`s, notifications and the log the
//! inspector shows.

use std::collections::{HashMap, HashSet, VecDeque};
use std::time::Instant;

use alipay_mapi_runtime::{Charset, ServiceSpec};
use serde::Serialize;

/// The status of a trade, as `trade_status` spells it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum TradeStatus {
    /// Created by a page call; the buyer has not paid.
    #[serde(rename = "WAIT_BUYER_PAY")]
    WaitBuyerPay,
    /// Paid; refunds are still possible.
    #[serde(rename = "TRADE_SUCCESS")]
    TradeSuccess,
    /// An escrow trade (`create_partner_trade_by_buyer`,
    /// `trade_create_by_buyer`) paid: the money is held until the seller
    /// ships (`send_goods_confirm_by_platform`).
    #[serde(rename = "WAIT_SELLER_SEND_GOODS")]
    WaitSellerSendGoods,
    /// An escrow trade shipped: waiting for the buyer to confirm receipt.
    #[serde(rename = "WAIT_BUYER_CONFIRM_GOODS")]
    WaitBuyerConfirmGoods,
    /// Paid and finished; no refund any more.
    #[serde(rename = "TRADE_FINISHED")]
    TradeFinished,
    /// Closed unpaid, or refunded in full.
    #[serde(rename = "TRADE_CLOSED")]
    TradeClosed,
}

impl TradeStatus {
    /// The gateway's spelling.
    pub const fn as_str(self) -> &'static str {
        match self {
            TradeStatus::WaitBuyerPay => "WAIT_BUYER_PAY",
            TradeStatus::TradeSuccess => "TRADE_SUCCESS",
            TradeStatus::WaitSellerSendGoods => "WAIT_SELLER_SEND_GOODS",
            TradeStatus::WaitBuyerConfirmGoods => "WAIT_BUYER_CONFIRM_GOODS",
            TradeStatus::TradeFinished => "TRADE_FINISHED",
            TradeStatus::TradeClosed => "TRADE_CLOSED",
        }
    }

    /// Parses the gateway's spelling.
    pub fn parse(text: &str) -> Option<Self> {
        [
            TradeStatus::WaitBuyerPay,
            TradeStatus::TradeSuccess,
            TradeStatus::WaitSellerSendGoods,
            TradeStatus::WaitBuyerConfirmGoods,
            TradeStatus::TradeFinished,
            TradeStatus::TradeClosed,
        ]
        .into_iter()
        .find(|s| s.as_str() == text)
    }

    /// Whether the buyer has paid: an instant trade's `TRADE_SUCCESS`, or an
    /// escrow trade's money held (`WAIT_SELLER_SEND_GOODS`,
    /// `WAIT_BUYER_CONFIRM_GOODS`).
    pub const fn is_paid(self) -> bool {
        matches!(
            self,
            TradeStatus::TradeSuccess
                | TradeStatus::WaitSellerSendGoods
                | TradeStatus::WaitBuyerConfirmGoods
        )
    }

    /// The status a trade created by `service` takes when the buyer pays:
    /// `WAIT_SELLER_SEND_GOODS` for the escrow services, `TRADE_SUCCESS`
    /// otherwise.
    pub fn paid_by(service: &str) -> Self {
        if ESCROW_SERVICES.contains(&service) {
            TradeStatus::WaitSellerSendGoods
        } else {
            TradeStatus::TradeSuccess
        }
    }
}

/// The page calls that create escrow trades (担保交易): paid, the money is
/// held until the seller ships and the buyer confirms.
pub const ESCROW_SERVICES: [&str; 2] = ["create_partner_trade_by_buyer", "trade_create_by_buyer"];

/// A trade created by a page call.
#[derive(Clone, Debug, Serialize)]
pub struct Trade {
    /// The gateway's trade number (`trade_no`), 16 digits of date and a counter.
    pub trade_no: String,
    /// The merchant's order number (`out_trade_no`).
    pub out_trade_no: String,
    /// The merchant (`partner`).
    pub partner: String,
    /// The page-call service that created it.
    pub service: String,
    /// `subject`.
    pub subject: String,
    /// The amount in cents (from `total_fee`, or `price` × `quantity`).
    pub total_cents: i64,
    /// The amount refunded so far, in cents.
    pub refunded_cents: i64,
    /// Where it stands.
    pub status: TradeStatus,
    /// The charset of the request that created it (returns and
    /// notifications are sent in it).
    #[serde(serialize_with = "charset_str")]
    pub charset: Charset,
    /// `gmt_create`, `yyyy-MM-dd HH:mm:ss` (UTC+8).
    pub gmt_create: String,
    /// `gmt_payment`, once paid.
    pub gmt_payment: Option<String>,
    /// `gmt_close`, once closed or finished.
    pub gmt_close: Option<String>,
    /// The business parameters of the request that created it, as received.
    pub params: Vec<(String, String)>,
    /// Refunds against it, in order.
    pub refunds: Vec<Refund>,
}

fn charset_str<S: serde::Serializer>(c: &Charset, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(c.as_str())
}

impl Trade {
    /// A request parameter of the call that created the trade.
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// `total_fee` as the gateway writes it (`0.01`).
    pub fn total_fee(&self) -> String {
        format_cents(self.total_cents)
    }
}

/// One refund of a `refund_fastpay_by_platform_nopwd` batch.
#[derive(Clone, Debug, Serialize)]
pub struct Refund {
    /// The batch it belongs to (`batch_no`).
    pub batch_no: String,
    /// The amount, in cents.
    pub cents: i64,
    /// The reason given.
    pub reason: String,
    /// `SUCCESS`, or the gateway's code for why not.
    pub result: String,
}

/// A batch payment (`batch_trans_notify`): money paid out by the merchant.
#[derive(Clone, Debug, Serialize)]
pub struct BatchPayment {
    /// `batch_no`.
    pub batch_no: String,
    /// The merchant.
    pub partner: String,
    /// One line per payee: serial number, account, name, cents, result.
    pub details: Vec<BatchLine>,
}

/// One payee of a batch payment.
#[derive(Clone, Debug, Serialize)]
pub struct BatchLine {
    /// The merchant's serial number of the line.
    pub serial: String,
    /// The payee's account.
    pub account: String,
    /// The payee's name.
    pub name: String,
    /// The amount, in cents.
    pub cents: i64,
    /// `S` paid or `F` failed.
    pub ok: bool,
}

/// A page call waiting at the cashier.
#[derive(Clone, Debug)]
pub struct CashierSession {
    /// The interface that was called.
    pub spec: &'static ServiceSpec,
    /// The merchant.
    pub partner: String,
    /// The request's charset.
    pub charset: Charset,
    /// The business parameters received.
    pub params: Vec<(String, String)>,
    /// The trade the call created, when it creates one.
    pub trade_no: Option<String>,
    /// Whether the buyer has already pressed a button.
    pub done: bool,
}

impl CashierSession {
    /// A business parameter received.
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// A `notify_id` the gateway handed out (in a return or a notification).
#[derive(Clone, Debug)]
pub struct NotifyIdRecord {
    /// The merchant it was sent to.
    pub partner: String,
    /// When it was last sent.
    pub sent: Instant,
}

/// One request the gateway received, with what it made of it.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Exchange {
    /// Its number, from 1.
    pub seq: u64,
    /// Milliseconds since the gateway started.
    pub at_ms: u64,
    /// `GET` or `POST`.
    pub method: String,
    /// The path and query as received.
    pub uri: String,
    /// The `service` parameter, when there was one.
    pub service: Option<String>,
    /// The `partner` parameter.
    pub partner: Option<String>,
    /// The charset used to read it.
    pub charset: Option<String>,
    /// The parameters, decoded: kept for refused requests (an accepted
    /// one's are in its signing string and URI).
    pub params: Vec<(String, String)>,
    /// The canonical signing string the sign was checked over.
    pub signing_string: Option<String>,
    /// The sign the gateway expects (MD5 merchants: computed with their key).
    pub expected_sign: Option<String>,
    /// The sign received.
    pub given_sign: Option<String>,
    /// `ok`, or the error code answered.
    pub verdict: String,
    /// Why, in words.
    pub reason: String,
    /// The HTTP status answered.
    pub status: u16,
    /// The answer (XML, text, or a summary of an HTML page).
    pub answer: String,
    /// A fault applied to it, if any.
    pub fault: Option<String>,
}

impl Exchange {
    /// Cuts every text to [`MAX_EXCHANGE_TEXT`] bytes and the parameters to
    /// [`MAX_EXCHANGE_PARAMS`], saying so where it cuts.
    fn clip(&mut self) {
        for text in [
            &mut self.method,
            &mut self.uri,
            &mut self.verdict,
            &mut self.reason,
            &mut self.answer,
        ] {
            clip(text);
        }
        for text in [
            &mut self.service,
            &mut self.partner,
            &mut self.charset,
            &mut self.signing_string,
            &mut self.expected_sign,
            &mut self.given_sign,
            &mut self.fault,
        ]
        .into_iter()
        .flatten()
        {
            clip(text);
        }
        if self.params.len() > MAX_EXCHANGE_PARAMS {
            let more = self.params.len() - (MAX_EXCHANGE_PARAMS - 1);
            self.params.truncate(MAX_EXCHANGE_PARAMS - 1);
            self.params
                .push(("…".into(), format!("[{more} more parameters cut]")));
        }
        for (name, value) in &mut self.params {
            clip(name);
            clip(value);
        }
    }
}

/// Cuts `text` to [`MAX_EXCHANGE_TEXT`] bytes on a character boundary,
/// ending it with `… [N bytes cut]`.
pub(crate) fn clip(text: &mut String) {
    if text.len() <= MAX_EXCHANGE_TEXT {
        return;
    }
    let mut end = MAX_EXCHANGE_TEXT;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let cut = text.len() - end;
    text.truncate(end);
    text.push_str(&format!("… [{cut} bytes cut]"));
    text.shrink_to_fit();
}

/// One delivery attempt of a notification.
#[derive(Clone, Debug, Serialize)]
pub struct Attempt {
    /// Milliseconds since the gateway started.
    pub at_ms: u64,
    /// The HTTP status the merchant answered, if it answered.
    pub status: Option<u16>,
    /// The merchant's answer body (first 200 characters), or the error.
    pub answer: String,
    /// Whether the answer was exactly `success`.
    pub success: bool,
    /// Whether this was a deliberate duplicate sent after a `success`.
    pub duplicate: bool,
}

/// A notification: a signed form POSTed to `notify_url` until the merchant
/// answers `success`.
#[derive(Clone, Debug, Serialize)]
pub struct Notification {
    /// Its number, from 1.
    pub seq: u64,
    /// The service whose notification it is.
    pub service: String,
    /// The merchant.
    pub partner: String,
    /// Where it is POSTed.
    pub url: String,
    /// `notify_id`.
    pub notify_id: String,
    /// The trade it is about, if any.
    pub trade_no: Option<String>,
    /// The charset of its body.
    pub charset: String,
    /// The parameters sent, `sign` included.
    pub params: Vec<(String, String)>,
    /// The signing string signed.
    pub signing_string: String,
    /// Whether it was deliberately signed with a wrong key (fault).
    pub wrong_key: bool,
    /// Required fields of the notification table the mock could not compute
    /// and left out (it never sends the document's example instead).
    pub not_simulated: Vec<String>,
    /// Every delivery attempt.
    pub attempts: Vec<Attempt>,
    /// Whether the merchant has answered `success`.
    pub delivered: bool,
    /// Whether the gateway has stopped trying (delivered or out of retries).
    pub finished: bool,
}

/// Everything the gateway holds.
#[derive(Debug, Default)]
pub(crate) struct State {
    pub trades: HashMap<String, Trade>,
    pub by_out_trade_no: HashMap<(String, String), String>,
    pub batches: HashMap<(String, String), BatchPayment>,
    /// The refund batches applied, by partner and `batch_no`.
    pub refund_batches: HashSet<(String, String)>,
    /// The `forex_refund` refunds made, by partner and `out_return_no`.
    pub forex_returns: HashSet<(String, String)>,
    /// The cashier sessions, by id; at most [`MAX_CASHIER_SESSIONS`].
    pub cashier: HashMap<String, CashierSession>,
    /// The cashier session ids in the order they were opened (some used
    /// and shrunk, or dropped already), at most [`MAX_CASHIER_SESSIONS`].
    pub cashier_order: VecDeque<String>,
    pub notify_ids: HashMap<String, NotifyIdRecord>,
    /// Each time a `notify_id` was sent, oldest first: what
    /// [`State::record_notify_id`] prunes by.
    pub notify_id_order: VecDeque<(Instant, String)>,
    pub exchanges: VecDeque<Exchange>,
    pub notifications: Vec<Notification>,
    pub seq: u64,
}

/// How many exchanges the inspector keeps (oldest dropped first). Each
/// keeps at most [`MAX_EXCHANGE_TEXT`] bytes of any one text and
/// [`MAX_EXCHANGE_PARAMS`] parameters.
pub const MAX_EXCHANGES: usize = 5_000;

/// The most bytes an exchange keeps of its URI, of each parameter's name
/// and value, of its signing string, signs, reason and answer: a longer
/// text is cut on a character boundary and ends with
/// `… [N bytes cut]`.
pub const MAX_EXCHANGE_TEXT: usize = 2_048;

/// The most parameters an exchange keeps; a `…` parameter whose value says
/// how many more there were stands for the rest.
pub const MAX_EXCHANGE_PARAMS: usize = 64;

/// How many cashier sessions the gateway keeps, used or not: opening one
/// more drops the oldest, whose buttons then answer the gateway's
/// `SESSION_TIMEOUT` page, as an unknown id does. A used session keeps no
/// parameters (its buttons answer `SESSION_TIMEOUT` too).
pub const MAX_CASHIER_SESSIONS: usize = 10_000;

/// The most `notify_id`s the gateway remembers for `notify_verify`, however
/// long [`MockConfig::notify_id_validity`](crate::MockConfig) is: ids past
/// their validity are forgotten as new ones are sent, and beyond this
/// number the oldest too (they would answer `false` anyway once old).
pub const MAX_NOTIFY_IDS: usize = 100_000;

/// How many notifications the gateway keeps: past it, the oldest finished
/// ones (delivered or given up) are dropped, down to nine tenths of it.
/// Notifications still being delivered are never dropped.
pub const MAX_NOTIFICATIONS: usize = 5_000;

impl State {
    pub fn next_seq(&mut self) -> u64 {
        self.seq += 1;
        self.seq
    }

    /// Logs an exchange, cut to [`MAX_EXCHANGE_TEXT`] bytes a text and
    /// [`MAX_EXCHANGE_PARAMS`] parameters, dropping the oldest beyond
    /// [`MAX_EXCHANGES`].
    pub fn push_exchange(&mut self, mut exchange: Exchange) {
        exchange.clip();
        if self.exchanges.len() >= MAX_EXCHANGES {
            self.exchanges.pop_front();
        }
        self.exchanges.push_back(exchange);
    }

    /// Keeps a new cashier session, dropping the oldest beyond
    /// [`MAX_CASHIER_SESSIONS`].
    pub fn insert_cashier(&mut self, id: String, session: CashierSession) {
        self.cashier.insert(id.clone(), session);
        self.cashier_order.push_back(id);
        while self.cashier_order.len() > MAX_CASHIER_SESSIONS {
            if let Some(old) = self.cashier_order.pop_front() {
                self.cashier.remove(&old);
            }
        }
    }

    /// Marks a cashier session used: its buttons answer `SESSION_TIMEOUT`
    /// from now on, and it keeps no parameters.
    pub fn use_cashier(&mut self, id: &str) {
        if let Some(s) = self.cashier.get_mut(id) {
            s.done = true;
            s.params = Vec::new();
            s.trade_no = None;
        }
    }

    /// Records that `notify_id` was sent to `partner` now, and forgets the
    /// ids sent more than `validity` ago and not since (they answer `false`
    /// either way), and the oldest beyond [`MAX_NOTIFY_IDS`].
    pub fn record_notify_id(&mut self, id: &str, partner: &str, validity: std::time::Duration) {
        let now = Instant::now();
        self.notify_ids.insert(
            id.to_owned(),
            NotifyIdRecord {
                partner: partner.to_owned(),
                sent: now,
            },
        );
        self.notify_id_order.push_back((now, id.to_owned()));
        while let Some((sent, old)) = self.notify_id_order.front() {
            let expired = now.saturating_duration_since(*sent) > validity;
            if !expired && self.notify_id_order.len() <= MAX_NOTIFY_IDS {
                break;
            }
            // Forgotten only if not sent again since.
            if self.notify_ids.get(old).is_some_and(|r| r.sent == *sent) {
                self.notify_ids.remove(old);
            }
            self.notify_id_order.pop_front();
        }
    }

    /// Keeps a new notification, dropping the oldest finished ones beyond
    /// [`MAX_NOTIFICATIONS`].
    pub fn push_notification(&mut self, notification: Notification) {
        self.notifications.push(notification);
        if self.notifications.len() > MAX_NOTIFICATIONS {
            let mut surplus = self.notifications.len() - MAX_NOTIFICATIONS * 9 / 10;
            self.notifications.retain(|n| {
                if surplus > 0 && n.finished {
                    surplus -= 1;
                    false
                } else {
                    true
                }
            });
        }
    }

    pub fn trade_by_out(&self, partner: &str, out_trade_no: &str) -> Option<&Trade> {
        self.by_out_trade_no
            .get(&(partner.to_owned(), out_trade_no.to_owned()))
            .and_then(|no| self.trades.get(no))
    }

    pub fn insert_trade(&mut self, trade: Trade) {
        self.by_out_trade_no.insert(
            (trade.partner.clone(), trade.out_trade_no.clone()),
            trade.trade_no.clone(),
        );
        self.trades.insert(trade.trade_no.clone(), trade);
    }
}

/// Parses an amount as the gateway writes it (`12`, `0.5`, `0.01`) into
/// cents; more than two decimals, a sign or anything else is `None`.
pub fn parse_cents(text: &str) -> Option<i64> {
    let (int, frac) = match text.split_once('.') {
        Some((i, f)) => (i, f),
        None => (text, ""),
    };
    let digits = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
    if int.is_empty() || !digits(int) || !digits(frac) || frac.len() > 2 || int.len() > 15 {
        return None;
    }
    let whole: i64 = int.parse().ok()?;
    let mut cents: i64 = if frac.is_empty() {
        0
    } else {
        frac.parse().ok()?
    };
    if frac.len() == 1 {
        cents *= 10;
    }
    whole.checked_mul(100)?.checked_add(cents)
}

/// Writes cents as the gateway writes amounts: `0.01`, `12.50`.
pub fn format_cents(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let c = cents.unsigned_abs();
    format!("{sign}{}.{:02}", c / 100, c % 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clip_cuts_on_a_character_boundary_and_says_so() {
        let mut t = "é".repeat(MAX_EXCHANGE_TEXT);
        clip(&mut t);
        assert!(t.ends_with(&format!("… [{} bytes cut]", MAX_EXCHANGE_TEXT)));
        let mut short = "abc".to_owned();
        clip(&mut short);
        assert_eq!(short, "abc");
    }

    #[test]
    fn cents_round_trip() {
        assert_eq!(parse_cents("0.01"), Some(1));
        assert_eq!(parse_cents("12"), Some(1200));
        assert_eq!(parse_cents("12.5"), Some(1250));
        assert_eq!(parse_cents("0.001"), None);
        assert_eq!(parse_cents("-1"), None);
        assert_eq!(parse_cents("1e2"), None);
        assert_eq!(parse_cents(".5"), None);
        assert_eq!(format_cents(1), "0.01");
        assert_eq!(format_cents(1250), "12.50");
    }
}
