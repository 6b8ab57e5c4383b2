//! Where the values of a return, a notification or an XML answer come from:
//! the declaration names the fields (its return, notification or answer
//! table); the gateway's state and the request fill them.

use alipay_mapi_runtime::{FieldSpec, FieldType};

use crate::state::{format_cents, Trade};

/// The values a table's fields are filled from, in order: set values, the
/// trade, the request's parameters.
pub(crate) struct Values<'a> {
    pub set: Vec<(String, String)>,
    pub trade: Option<&'a Trade>,
    pub params: &'a [(String, String)],
    pub partner: &'a str,
    pub seller_email: &'a str,
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
            "partner" => Some(self.partner.to_owned()),
            "seller_id" => Some(self.partner.to_owned()),
            "seller_email" => Some(self.seller_email.to_owned()),
            _ => None,
        }
    }

    /// The value of a declared field: known, else the table's example for a
    /// required field (the mock has nothing better to say), else nothing.
    pub fn field(&self, field: &FieldSpec) -> Option<String> {
        if let Some(v) = self.get(field.name) {
            return Some(v);
        }
        if field.nullable {
            return None;
        }
        match (field.example, field.ty) {
            (Some(e), _) if !e.is_empty() => Some(e.to_owned()),
            (_, FieldType::Date) => Some(crate::wire::now_text()),
            (_, FieldType::Number) => Some("0".into()),
            (_, FieldType::String) => None,
        }
    }

    /// The pairs of a table: each declared field with a value (`sign` and
    /// `sign_type`, which a table may list, are the signer's).
    pub fn table(&self, fields: &[FieldSpec]) -> Vec<(String, String)> {
        fields
            .iter()
            .filter(|f| f.name != "sign" && f.name != "sign_type")
            .filter_map(|f| {
                self.field(f)
                    .filter(|v| !v.is_empty())
                    .map(|v| (f.name.to_owned(), v))
            })
            .collect()
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
        "buyer_id" | "buyer_user_id" => BUYER_ID.to_owned(),
        "seller_email" => t.param("seller_email").unwrap_or(v.seller_email).to_owned(),
        "seller_id" => t.param("seller_id").unwrap_or(&t.partner).to_owned(),
        "partner" => t.partner.clone(),
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
