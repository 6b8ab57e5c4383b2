//! Items written in the module's body stay there, next to the generated ones,
//! and can use them.
#![deny(warnings)]
use alipay_mapi::alipay_service;

#[alipay_service(
    "sns.cae.sign.customer",
    request = "
参数名\t类型\t可空
return_url\tString(200)\tN
sns_user_id\tString(50)\tN
"
)]
pub mod sns {
    /// Where the gateway sends the browser back.
    pub const RETURN_URL: &str = "https://merchant.example/return";

    /// A request for one user.
    pub fn request_for(user: &str) -> Request {
        Request {
            return_url: RETURN_URL.into(),
            sns_user_id: user.into(),
        }
    }

    impl Request {
        /// A method added to the generated type.
        pub fn user(&self) -> &str {
            &self.sns_user_id
        }
    }

    pub(crate) fn is_declared(name: &str) -> bool {
        SPEC.request_field(name).is_some()
    }
}

fn main() {
    let request = sns::request_for("id2011103454654656");
    assert_eq!(request.return_url, sns::RETURN_URL);
    assert_eq!(request.user(), "id2011103454654656");
    request.validate().unwrap();
    assert!(sns::is_declared("sns_user_id"));
    assert!(!sns::is_declared("service"));
}
