//! Mobile payments: the WAP 2.0 services on `wappaygw.alipay.com` (sign type in `sec_id`, business data in `req_data` XML), the mobile-website payment, the in-app order string, risk detection and QR code management.

pub mod alipay_mobile_qrcode_manage;
pub mod alipay_security_risk_detect;
pub mod alipay_wap_auth_and_execute;
pub mod alipay_wap_create_direct_pay_by_user;
pub mod alipay_wap_trade_create_direct;
pub mod mobile_securitypay_pay;
