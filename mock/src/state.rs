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
    pub cashier: HashMap<String, CashierSession>,
    pub notify_ids: HashMap<String, NotifyIdRecord>,
    pub exchanges: VecDeque<Exchange>,
    pub notifications: Vec<Notification>,
    pub seq: u64,
}

/// How many exchanges the inspector keeps (oldest dropped first).
pub const MAX_EXCHANGES: usize = 5_000;

impl State {
    pub fn next_seq(&mut self) -> u64 {
        self.seq += 1;
        self.seq
    }

    pub fn push_exchange(&mut self, exchange: Exchange) {
        if self.exchanges.len() >= MAX_EXCHANGES {
            self.exchanges.pop_front();
        }
        self.exchanges.push_back(exchange);
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
