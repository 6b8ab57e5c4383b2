//! Where the values of a return, a notification or an XML answer come from:
//! the declaration names the fields (its return, notification or answer
//! table); the gateway's state and the request fill them.

use alipay_mapi_runtime::FieldSpec;

use crate::state::{format_cents, Trade};

/// The values a table's fields are filled from, in order: set values, the
/// trade, the request's parameters.
pub(crate) struct Values<'a> {
    pub set: Vec<(String, String)>,
    pub trade: Option<&'a Trade>,
    pub params: &'a [(String, String)],
    pub partner: &'a str,
    pub seller_email: &'a str,
    /// The configuration's values for this service's fields
    /// ([`MockConfig::value`](crate::MockConfig::value)): the last resort,
    /// for fields nothing else gives.
    pub configured: Vec<(String, String)>,
}

impl Values<'_> {
    pub fn get(&self, name: &str) -> Option<String> {
        if let Some((_, v)) = self.set.iter().find(|(n, _)| n == name) {
            return Some(v.clone());
        }
        if let Some(v) = self.trade.and_then(|t| trade_value(t, name, self)) {
            return Some(v);
        }
        if let Some((_, v)) = self.params.iter().find(|(n, _)| n == name) {
            return Some(v.clone());
        }
        match name {
            "partner" | "partnerId" | "partner_id" => Some(self.partner.to_owned()),
            "seller_id" | "seller_user_id" => Some(self.partner.to_owned()),
            "seller_email" | "seller_login_email" => Some(self.seller_email.to_owned()),
            _ => self
                .configured
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, v)| v.clone()),
        }
    }

    /// The value of a declared field, when the gateway's state, the request
    /// or the merchant's configuration gives one. Never the table's example:
    /// a required field the mock cannot compute is left out, and
    /// [`table`](Self::table) / [`crate::xml::response`] name it as not
    /// simulated.
    pub fn field(&self, field: &FieldSpec) -> Option<String> {
        self.get(field.name).filter(|v| !v.is_empty())
    }

    /// The pairs of a table: each declared field with a value (`sign` and
    /// `sign_type`, which a table may list, are the signer's). The names of
    /// required fields left without a value go to `missing`.
    pub fn table(&self, fields: &[FieldSpec], missing: &mut Vec<String>) -> Vec<(String, String)> {
        let mut pairs = Vec::new();
        for f in fields
            .iter()
            .filter(|f| f.name != "sign" && f.name != "sign_type")
        {
            match self.field(f) {
                Some(v) => pairs.push((f.name.to_owned(), v)),
                None if !f.nullable => missing.push(f.name.to_owned()),
                None => {}
            }
        }
        pairs
    }
}

/// The buyer every trade of the mock is paid by.
pub(crate) const BUYER_EMAIL: &str = "buyer@example.com";
/// The buyer's id.
pub(crate) const BUYER_ID: &str = "2088102000000001";

fn trade_value(t: &Trade, name: &str, v: &Values<'_>) -> Option<String> {
    Some(match name {
        "trade_no" => t.trade_no.clone(),
        "out_trade_no" => t.out_trade_no.clone(),
        "subject" => t.subject.clone(),
        "total_fee" => t.total_fee(),
        "price" => t
            .param("price")
            .map_or_else(|| t.total_fee(), str::to_owned),
        "quantity" => t.param("quantity").unwrap_or("1").to_owned(),
        "trade_status" => t.status.as_str().to_owned(),
        "gmt_create" => t.gmt_create.clone(),
        "gmt_payment" => t.gmt_payment.clone()?,
        "gmt_close" => t.gmt_close.clone()?,
        "gmt_last_modified_time" => t
            .gmt_close
            .clone()
            .or_else(|| t.gmt_payment.clone())
            .unwrap_or_else(|| t.gmt_create.clone()),
        "buyer_email" | "buyer_logon_id" => BUYER_EMAIL.to_owned(),
        "buyer_id" => BUYER_ID.to_owned(),
        "seller_email" => t.param("seller_email").unwrap_or(v.seller_email).to_owned(),
        "seller_id" => t.param("seller_id").unwrap_or(&t.partner).to_owned(),
        "partner" | "partnerId" | "partner_id" => t.partner.clone(),
        "out_order_no" => t.out_trade_no.clone(),
        "buyer_login_email" => BUYER_EMAIL.to_owned(),
        "buyer_user_id" => BUYER_ID.to_owned(),
        "seller_login_email" => t.param("seller_email").unwrap_or(v.seller_email).to_owned(),
        "seller_user_id" => t.param("seller_id").unwrap_or(&t.partner).to_owned(),
        "create_time" => t.gmt_create.clone(),
        "last_modified_time" => t
            .gmt_close
            .clone()
            .or_else(|| t.gmt_payment.clone())
            .unwrap_or_else(|| t.gmt_create.clone()),
        "payment_type" => t.param("payment_type").unwrap_or("1").to_owned(),
        "is_total_fee_adjust" | "use_coupon" => "N".to_owned(),
        "discount" => "0.00".to_owned(),
        "flag_trade_locked" => "0".to_owned(),
        "exterface" => t.service.clone(),
        "refund_fee" if t.refunded_cents > 0 => format_cents(t.refunded_cents),
        "refund_status" if t.refunded_cents > 0 => "REFUND_SUCCESS".to_owned(),
        "gmt_refund" if t.refunded_cents > 0 => t.gmt_close.clone().unwrap_or_default(),
        _ => return None,
    })
}
