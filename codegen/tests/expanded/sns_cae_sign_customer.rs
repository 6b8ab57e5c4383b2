pub mod sns_cae_sign_customer {
    /// The `service` parameter of this interface.
    pub const SERVICE: &str = "sns.cae.sign.customer";
    /// What this interface's tables say: fields, types, lengths,
    /// nullability, error codes. Tools read it; the generated code checks
    /// against it.
    pub static SPEC: ::alipay_mapi::ServiceSpec = ::alipay_mapi::ServiceSpec {
        service: SERVICE,
        request: &[
            ::alipay_mapi::FieldSpec {
                name: "return_url",
                ident: "return_url",
                ty: ::alipay_mapi::FieldType::String,
                max_len: ::core::option::Option::Some(200usize),
                min_len: ::core::option::Option::None,
                length_rule: ::core::option::Option::None,
                scale: ::core::option::Option::None,
                nullable: false,
                label: "返回URL",
                description: "Where the gateway sends the browser back with the result once done",
                example: ::core::option::Option::Some(
                    "http://www.test.com/notify/alipay/interface.htm",
                ),
                path: &[],
            },
            ::alipay_mapi::FieldSpec {
                name: "sns_user_id",
                ident: "sns_user_id",
                ty: ::alipay_mapi::FieldType::String,
                max_len: ::core::option::Option::Some(50usize),
                min_len: ::core::option::Option::None,
                length_rule: ::core::option::Option::None,
                scale: ::core::option::Option::None,
                nullable: false,
                label: "合作网站用户帐号ID",
                description: "The user's account id on the partner site",
                example: ::core::option::Option::Some("id2011103454654656"),
                path: &[],
            },
            ::alipay_mapi::FieldSpec {
                name: "key",
                ident: "key",
                ty: ::alipay_mapi::FieldType::String,
                max_len: ::core::option::Option::Some(40usize),
                min_len: ::core::option::Option::None,
                length_rule: ::core::option::Option::None,
                scale: ::core::option::Option::None,
                nullable: false,
                label: "用户key",
                description: "The key Alipay issued to this SNS user (a business parameter, not the merchant's MD5 secret)",
                example: ::core::option::Option::Some(
                    "20110511EF39E0403F8F48EF8E02121C9824210F",
                ),
                path: &[],
            },
        ],
        response: ::core::option::Option::Some(
            &[
                ::alipay_mapi::FieldSpec {
                    name: "sns_user_id",
                    ident: "sns_user_id",
                    ty: ::alipay_mapi::FieldType::String,
                    max_len: ::core::option::Option::Some(50usize),
                    min_len: ::core::option::Option::None,
                    length_rule: ::core::option::Option::None,
                    scale: ::core::option::Option::None,
                    nullable: false,
                    label: "Sns帐号ID",
                    description: "The user's id on the SNS site",
                    example: ::core::option::Option::Some("id20110923456789"),
                    path: &[],
                },
            ],
        ),
        notify: ::core::option::Option::None,
        errors: &[
            ::alipay_mapi::ErrorCodeSpec {
                code: "HAS_NO_PRIVILEGE",
                meaning: "无权访问该接口",
            },
            ::alipay_mapi::ErrorCodeSpec {
                code: "SESSION_TIMEOUT",
                meaning: "连接超时错误",
            },
            ::alipay_mapi::ErrorCodeSpec {
                code: "ILLEGAL_PARTNER",
                meaning: "请求中的partner错误",
            },
            ::alipay_mapi::ErrorCodeSpec {
                code: "NO_AUTHORIZE_ACCOUNT",
                meaning: "用户没有授权",
            },
            ::alipay_mapi::ErrorCodeSpec {
                code: "ILLEGAL_ARGUMENT",
                meaning: "参数不正确",
            },
            ::alipay_mapi::ErrorCodeSpec {
                code: "ILLEGAL_SERVICE",
                meaning: "请求的接口信息不存在",
            },
            ::alipay_mapi::ErrorCodeSpec {
                code: "ILLEGAL_SIGN",
                meaning: "数字验签失败",
            },
            ::alipay_mapi::ErrorCodeSpec {
                code: "SYSTEM_ERROR",
                meaning: "支付宝系统错误",
            },
        ],
        length_rule: ::alipay_mapi::validate::LengthRule::GbkWidth,
        answer: ::core::option::Option::None,
        access: ::alipay_mapi::Access::Page,
        one_of: &[],
        either: &[],
    };
    /**The business parameters of a `sns.cae.sign.customer` request, one field per row of its request table; build it with [`Request::new`] or a struct literal.

Base parameters (`service`, `partner`, `_input_charset`, `sign_type`, `sign`) are the client's. A page call (the buyer's browser goes to the gateway): get the signed URL or form with `Client::page_url` / `Client::page_form`. [`Client::sign_request`](::alipay_mapi::Client::sign_request) signs it either way.*/
    #[derive(::core::fmt::Debug, ::core::clone::Clone, ::core::cmp::PartialEq)]
    #[derive(
        ::alipay_mapi::__private::serde::Serialize,
        ::alipay_mapi::__private::serde::Deserialize
    )]
    #[serde(crate = "::alipay_mapi::__private::serde")]
    pub struct Request {
        #[doc = "**返回URL**\n\nWhere the gateway sends the browser back with the result once done\n\n`return_url`: String(200), required (可空 N). Example: `http://www.test.com/notify/alipay/interface.htm`."]
        #[serde(rename = "return_url")]
        pub return_url: ::std::string::String,
        #[doc = "**合作网站用户帐号ID**\n\nThe user's account id on the partner site\n\n`sns_user_id`: String(50), required (可空 N). Example: `id2011103454654656`."]
        #[serde(rename = "sns_user_id")]
        pub sns_user_id: ::std::string::String,
        #[doc = "**用户key**\n\nThe key Alipay issued to this SNS user (a business parameter, not the merchant's MD5 secret)\n\n`key`: String(40), required (可空 N). Example: `20110511EF39E0403F8F48EF8E02121C9824210F`."]
        #[serde(rename = "key")]
        pub key: ::std::string::String,
    }
    impl Request {
        /**A request with the required fields, in the order of the request table; the optional ones are `None` (set them on the result, it is a plain struct).

- `return_url`: String(200), 返回URL
- `sns_user_id`: String(50), 合作网站用户帐号ID
- `key`: String(40), 用户key

Nothing is checked here: [`Request::validate`] (and signing) reports lengths and empty required fields.*/
        #[allow(clippy::too_many_arguments, clippy::new_without_default)]
        pub fn new(
            return_url: impl ::core::convert::Into<::std::string::String>,
            sns_user_id: impl ::core::convert::Into<::std::string::String>,
            key: impl ::core::convert::Into<::std::string::String>,
        ) -> Self {
            Request {
                return_url: ::core::convert::Into::into(return_url),
                sns_user_id: ::core::convert::Into::into(sns_user_id),
                key: ::core::convert::Into::into(key),
            }
        }
        /// Checks every field against its table row: required fields are
        /// not empty and no value is longer than its `String(n)` (nor, when
        /// given, shorter than the minimum of a `String(min-max)`; an
        /// empty optional value is absent). Every violation is reported,
        /// not just the first.
        pub fn validate(
            &self,
        ) -> ::core::result::Result<(), ::alipay_mapi::validate::Violations> {
            let mut v = ::alipay_mapi::__private::Validator::new(
                ::alipay_mapi::validate::LengthRule::GbkWidth,
            );
            v.check_length(
                "return_url",
                ::core::convert::AsRef::<str>::as_ref(&self.return_url),
                true,
                ::core::option::Option::None,
                ::core::option::Option::Some(200usize),
            );
            v.check_callback_url(
                "return_url",
                ::core::convert::AsRef::<str>::as_ref(&self.return_url),
            );
            v.check_length(
                "sns_user_id",
                ::core::convert::AsRef::<str>::as_ref(&self.sns_user_id),
                true,
                ::core::option::Option::None,
                ::core::option::Option::Some(50usize),
            );
            v.check_length(
                "key",
                ::core::convert::AsRef::<str>::as_ref(&self.key),
                true,
                ::core::option::Option::None,
                ::core::option::Option::Some(40usize),
            );
            v.finish()
        }
    }
    impl ::alipay_mapi::PageRequest for Request {}
    impl ::alipay_mapi::ServiceRequest for Request {
        const SPEC: &'static ::alipay_mapi::ServiceSpec = &SPEC;
        fn validate(
            &self,
        ) -> ::core::result::Result<(), ::alipay_mapi::validate::Violations> {
            Request::validate(self)
        }
        fn for_each_param<E>(
            &self,
            base: &::alipay_mapi::service::BaseParams<'_>,
            mut f: impl ::core::ops::FnMut(
                &'static str,
                &str,
            ) -> ::core::result::Result<(), E>,
        ) -> ::core::result::Result<(), E> {
            f("_input_charset", base.charset.as_str())?;
            let value: &str = ::core::convert::AsRef::<str>::as_ref(&self.key);
            if !value.is_empty() {
                f("key", value)?;
            }
            f("partner", base.partner)?;
            let value: &str = ::core::convert::AsRef::<str>::as_ref(&self.return_url);
            if !value.is_empty() {
                f("return_url", value)?;
            }
            f("service", SERVICE)?;
            let value: &str = ::core::convert::AsRef::<str>::as_ref(&self.sns_user_id);
            if !value.is_empty() {
                f("sns_user_id", value)?;
            }
            ::core::result::Result::Ok(())
        }
    }
    ///The business parameters of the page-redirect return, one field per row of its table. Get it from a return URL with `Client::verify_return::<Response>`, which checks the signature first; parameters the table does not declare stay available on the `Verified` result.
    #[derive(::core::fmt::Debug, ::core::clone::Clone, ::core::cmp::PartialEq)]
    #[derive(
        ::alipay_mapi::__private::serde::Serialize,
        ::alipay_mapi::__private::serde::Deserialize
    )]
    #[serde(crate = "::alipay_mapi::__private::serde")]
    pub struct Response {
        #[doc = "**Sns帐号ID**\n\nThe user's id on the SNS site\n\n`sns_user_id`: String(50), required (可空 N). Example: `id20110923456789`."]
        #[serde(rename = "sns_user_id")]
        pub sns_user_id: ::std::string::String,
    }
    impl ::alipay_mapi::ServiceReturn for Response {
        type ErrorCode = ErrorCode;
        const SPEC: &'static ::alipay_mapi::ServiceSpec = &SPEC;
        const FIELDS: &'static [::alipay_mapi::FieldSpec] = match SPEC.response {
            ::core::option::Option::Some(fields) => fields,
            ::core::option::Option::None => &[],
        };
        fn from_params(
            params: &::alipay_mapi::ReceivedParams,
        ) -> ::core::result::Result<Self, ::alipay_mapi::FieldError> {
            ::core::result::Result::Ok(Response {
                sns_user_id: ::alipay_mapi::__private::required(params, "sns_user_id")?,
            })
        }
    }
    ///The error codes of `sns.cae.sign.customer`: one variant per row of its error table, and [`ErrorCode::Unknown`] for codes the table does not list (the gateway adds codes over time).
    #[derive(
        ::core::fmt::Debug,
        ::core::clone::Clone,
        ::core::cmp::PartialEq,
        ::core::cmp::Eq,
        ::core::hash::Hash
    )]
    pub enum ErrorCode {
        ///`HAS_NO_PRIVILEGE`: 无权访问该接口
        HasNoPrivilege,
        ///`SESSION_TIMEOUT`: 连接超时错误
        SessionTimeout,
        ///`ILLEGAL_PARTNER`: 请求中的partner错误
        IllegalPartner,
        ///`NO_AUTHORIZE_ACCOUNT`: 用户没有授权
        NoAuthorizeAccount,
        ///`ILLEGAL_ARGUMENT`: 参数不正确
        IllegalArgument,
        ///`ILLEGAL_SERVICE`: 请求的接口信息不存在
        IllegalService,
        ///`ILLEGAL_SIGN`: 数字验签失败
        IllegalSign,
        ///`SYSTEM_ERROR`: 支付宝系统错误
        SystemError,
        /// A code the interface's error table does not list, as received.
        Unknown(::std::string::String),
    }
    impl ErrorCode {
        /// The code as the gateway sends it.
        pub fn as_str(&self) -> &str {
            match self {
                ErrorCode::HasNoPrivilege => "HAS_NO_PRIVILEGE",
                ErrorCode::SessionTimeout => "SESSION_TIMEOUT",
                ErrorCode::IllegalPartner => "ILLEGAL_PARTNER",
                ErrorCode::NoAuthorizeAccount => "NO_AUTHORIZE_ACCOUNT",
                ErrorCode::IllegalArgument => "ILLEGAL_ARGUMENT",
                ErrorCode::IllegalService => "ILLEGAL_SERVICE",
                ErrorCode::IllegalSign => "ILLEGAL_SIGN",
                ErrorCode::SystemError => "SYSTEM_ERROR",
                ErrorCode::Unknown(code) => code,
            }
        }
        /// The meaning the error table gives, `None` for an unknown code.
        pub fn meaning(&self) -> ::core::option::Option<&'static str> {
            match self {
                ErrorCode::HasNoPrivilege => {
                    ::core::option::Option::Some("无权访问该接口")
                }
                ErrorCode::SessionTimeout => {
                    ::core::option::Option::Some("连接超时错误")
                }
                ErrorCode::IllegalPartner => {
                    ::core::option::Option::Some("请求中的partner错误")
                }
                ErrorCode::NoAuthorizeAccount => {
                    ::core::option::Option::Some("用户没有授权")
                }
                ErrorCode::IllegalArgument => {
                    ::core::option::Option::Some("参数不正确")
                }
                ErrorCode::IllegalService => {
                    ::core::option::Option::Some("请求的接口信息不存在")
                }
                ErrorCode::IllegalSign => {
                    ::core::option::Option::Some("数字验签失败")
                }
                ErrorCode::SystemError => {
                    ::core::option::Option::Some("支付宝系统错误")
                }
                ErrorCode::Unknown(_) => ::core::option::Option::None,
            }
        }
    }
    impl ::core::str::FromStr for ErrorCode {
        type Err = ::core::convert::Infallible;
        fn from_str(code: &str) -> ::core::result::Result<Self, Self::Err> {
            ::core::result::Result::Ok(
                match code {
                    "HAS_NO_PRIVILEGE" => ErrorCode::HasNoPrivilege,
                    "SESSION_TIMEOUT" => ErrorCode::SessionTimeout,
                    "ILLEGAL_PARTNER" => ErrorCode::IllegalPartner,
                    "NO_AUTHORIZE_ACCOUNT" => ErrorCode::NoAuthorizeAccount,
                    "ILLEGAL_ARGUMENT" => ErrorCode::IllegalArgument,
                    "ILLEGAL_SERVICE" => ErrorCode::IllegalService,
                    "ILLEGAL_SIGN" => ErrorCode::IllegalSign,
                    "SYSTEM_ERROR" => ErrorCode::SystemError,
                    other => ErrorCode::Unknown(::std::string::String::from(other)),
                },
            )
        }
    }
    /// The code as the gateway sends it (`ILLEGAL_SIGN`); its meaning is
    /// [`ErrorCode::meaning`].
    impl ::core::fmt::Display for ErrorCode {
        fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
            f.write_str(self.as_str())
        }
    }
    impl ::std::error::Error for ErrorCode {}
    impl ::alipay_mapi::GatewayErrorCode for ErrorCode {
        fn as_str(&self) -> &str {
            ErrorCode::as_str(self)
        }
        fn meaning(&self) -> ::core::option::Option<&'static str> {
            ErrorCode::meaning(self)
        }
    }
    const _: &[u8] = ::core::include_bytes!(
        "$MANIFEST_DIR/docs/sns.cae.sign.customer.md"
    );
}
