//! Cross-border services on the international gateway (`intlmapi.alipay.com`), documented in English: forex payments (PC and WAP), refunds, in-store barcode and QR code payments, merchant QR codes.

pub mod alipay_acquire_overseas_query;
pub mod alipay_acquire_overseas_spot_pay;
pub mod alipay_acquire_overseas_spot_refund;
pub mod alipay_acquire_precreate;
pub mod alipay_commerce_qrcode_create;
pub mod alipay_commerce_qrcode_modify;
pub mod create_forex_trade;
pub mod create_forex_trade_wap;
pub mod forex_refund;
