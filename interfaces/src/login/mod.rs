//! Quick login and the buyer's shipping addresses.

pub mod alipay_auth_authorize;
pub mod user_logistics_address_query;
