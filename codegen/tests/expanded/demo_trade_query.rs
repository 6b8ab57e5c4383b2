pub mod demo_trade_query {
    /// The `service` parameter of this interface.
    pub const SERVICE: &str = "demo.trade.query";
    /// What this interface's tables say: fields, types, lengths,
    /// nullability, error codes. Tools read it; the generated code checks
    /// against it.
    pub static SPEC: ::alipay_mapi::ServiceSpec = ::alipay_mapi::ServiceSpec {
        service: SERVICE,
        request: &[
            ::alipay_mapi::FieldSpec {
                name: "out_trade_no",
                ident: "out_trade_no",
                ty: ::alipay_mapi::FieldType::String,
                max_len: ::core::option::Option::Some(64usize),
                min_len: ::core::option::Option::None,
                length_rule: ::core::option::Option::None,
                scale: ::core::option::Option::None,
                nullable: false,
                label: "商户订单号",
                description: "商户网站的订单号",
                example: ::core::option::Option::Some("6843192280647118"),
                path: &[],
            },
            ::alipay_mapi::FieldSpec {
                name: "trade_no",
                ident: "trade_no",
                ty: ::alipay_mapi::FieldType::String,
                max_len: ::core::option::Option::Some(64usize),
                min_len: ::core::option::Option::None,
                length_rule: ::core::option::Option::None,
                scale: ::core::option::Option::None,
                nullable: true,
                label: "支付宝交易号",
                description: "网关的交易号，与订单号二选一",
                example: ::core::option::Option::Some("2010073000030344"),
                path: &[],
            },
        ],
        response: ::core::option::Option::None,
        notify: ::core::option::Option::None,
        errors: &[
            ::alipay_mapi::ErrorCodeSpec {
                code: "TRADE_NOT_EXIST",
                meaning: "交易不存在",
            },
            ::alipay_mapi::ErrorCodeSpec {
                code: "ILLEGAL_SIGN",
                meaning: "签名不正确",
            },
        ],
        length_rule: ::alipay_mapi::validate::LengthRule::GbkWidth,
        answer: ::core::option::Option::Some(
            &[
                ::alipay_mapi::FieldSpec {
                    name: "query_time",
                    ident: "query_time",
                    ty: ::alipay_mapi::FieldType::Date,
                    max_len: ::core::option::Option::None,
                    min_len: ::core::option::Option::None,
                    length_rule: ::core::option::Option::None,
                    scale: ::core::option::Option::None,
                    nullable: true,
                    label: "查询时间",
                    description: "网关处理查询的时间",
                    example: ::core::option::Option::Some("2026-11-30 08:00:00"),
                    path: &[],
                },
                ::alipay_mapi::FieldSpec {
                    name: "trade_no",
                    ident: "trade_no",
                    ty: ::alipay_mapi::FieldType::String,
                    max_len: ::core::option::Option::Some(64usize),
                    min_len: ::core::option::Option::None,
                    length_rule: ::core::option::Option::None,
                    scale: ::core::option::Option::None,
                    nullable: false,
                    label: "网关交易号",
                    description: "网关的交易号",
                    example: ::core::option::Option::Some("2010073000030344"),
                    path: &["trade"],
                },
                ::alipay_mapi::FieldSpec {
                    name: "out_trade_no",
                    ident: "out_trade_no",
                    ty: ::alipay_mapi::FieldType::String,
                    max_len: ::core::option::Option::Some(64usize),
                    min_len: ::core::option::Option::None,
                    length_rule: ::core::option::Option::None,
                    scale: ::core::option::Option::None,
                    nullable: false,
                    label: "商户订单号",
                    description: "商户网站的订单号",
                    example: ::core::option::Option::Some("6843192280647118"),
                    path: &["trade"],
                },
                ::alipay_mapi::FieldSpec {
                    name: "total_fee",
                    ident: "total_fee",
                    ty: ::alipay_mapi::FieldType::Number,
                    max_len: ::core::option::Option::None,
                    min_len: ::core::option::Option::None,
                    length_rule: ::core::option::Option::None,
                    scale: ::core::option::Option::None,
                    nullable: false,
                    label: "交易金额",
                    description: "单位为元，精确到分",
                    example: ::core::option::Option::Some("10.00"),
                    path: &["trade"],
                },
                ::alipay_mapi::FieldSpec {
                    name: "gmt_create",
                    ident: "gmt_create",
                    ty: ::alipay_mapi::FieldType::Date,
                    max_len: ::core::option::Option::None,
                    min_len: ::core::option::Option::None,
                    length_rule: ::core::option::Option::None,
                    scale: ::core::option::Option::None,
                    nullable: false,
                    label: "创建时间",
                    description: "交易创建的时间",
                    example: ::core::option::Option::Some("2026-11-30 07:59:00"),
                    path: &["trade"],
                },
                ::alipay_mapi::FieldSpec {
                    name: "tag[]",
                    ident: "tag",
                    ty: ::alipay_mapi::FieldType::String,
                    max_len: ::core::option::Option::None,
                    min_len: ::core::option::Option::None,
                    length_rule: ::core::option::Option::None,
                    scale: ::core::option::Option::None,
                    nullable: true,
                    label: "标签",
                    description: "交易的标签，可有多个",
                    example: ::core::option::Option::Some("gift"),
                    path: &["trade"],
                },
                ::alipay_mapi::FieldSpec {
                    name: "email",
                    ident: "email",
                    ty: ::alipay_mapi::FieldType::String,
                    max_len: ::core::option::Option::Some(100usize),
                    min_len: ::core::option::Option::None,
                    length_rule: ::core::option::Option::None,
                    scale: ::core::option::Option::None,
                    nullable: true,
                    label: "买家邮箱",
                    description: "买家的邮箱",
                    example: ::core::option::Option::Some("buyer@example.com"),
                    path: &["trade", "buyer"],
                },
                ::alipay_mapi::FieldSpec {
                    name: "goods_id",
                    ident: "goods_id",
                    ty: ::alipay_mapi::FieldType::String,
                    max_len: ::core::option::Option::Some(32usize),
                    min_len: ::core::option::Option::None,
                    length_rule: ::core::option::Option::None,
                    scale: ::core::option::Option::None,
                    nullable: false,
                    label: "商品编号",
                    description: "商品编号",
                    example: ::core::option::Option::Some("G1"),
                    path: &["trade", "item[]"],
                },
                ::alipay_mapi::FieldSpec {
                    name: "price",
                    ident: "price",
                    ty: ::alipay_mapi::FieldType::Number,
                    max_len: ::core::option::Option::None,
                    min_len: ::core::option::Option::None,
                    length_rule: ::core::option::Option::None,
                    scale: ::core::option::Option::None,
                    nullable: false,
                    label: "单价",
                    description: "单位为元",
                    example: ::core::option::Option::Some("2.50"),
                    path: &["trade", "item[]"],
                },
                ::alipay_mapi::FieldSpec {
                    name: "quantity",
                    ident: "quantity",
                    ty: ::alipay_mapi::FieldType::Number,
                    max_len: ::core::option::Option::None,
                    min_len: ::core::option::Option::None,
                    length_rule: ::core::option::Option::None,
                    scale: ::core::option::Option::None,
                    nullable: false,
                    label: "数量",
                    description: "件数",
                    example: ::core::option::Option::Some("4"),
                    path: &["trade", "item[]"],
                },
            ],
        ),
        access: ::alipay_mapi::Access::Server,
        one_of: &[],
        either: &[],
    };
    /**The business parameters of a `demo.trade.query` request, one field per row of its request table; build it with [`Request::new`] or a struct literal.

Base parameters (`service`, `partner`, `_input_charset`, `sign_type`, `sign`) are the client's. A server call (the merchant's server calls the gateway): send it with `Client::call`, which reads the XML answer into [`Answer`]. [`Client::sign_request`](::alipay_mapi::Client::sign_request) signs it either way.*/
    #[derive(::core::fmt::Debug, ::core::clone::Clone, ::core::cmp::PartialEq)]
    #[derive(
        ::alipay_mapi::__private::serde::Serialize,
        ::alipay_mapi::__private::serde::Deserialize
    )]
    #[serde(crate = "::alipay_mapi::__private::serde")]
    pub struct Request {
        #[doc = "**商户订单号**\n\n商户网站的订单号\n\n`out_trade_no`: String(64), required (可空 N). Example: `6843192280647118`."]
        #[serde(rename = "out_trade_no")]
        pub out_trade_no: ::std::string::String,
        #[doc = "**支付宝交易号**\n\n网关的交易号，与订单号二选一\n\n`trade_no`: String(64), optional (可空 Y). Example: `2010073000030344`."]
        #[serde(
            rename = "trade_no",
            default,
            skip_serializing_if = "::core::option::Option::is_none"
        )]
        pub trade_no: ::core::option::Option<::std::string::String>,
    }
    impl Request {
        /**A request with the required fields, in the order of the request table; the optional ones are `None` (set them on the result, it is a plain struct).

- `out_trade_no`: String(64), 商户订单号

Nothing is checked here: [`Request::validate`] (and signing) reports lengths and empty required fields.*/
        #[allow(clippy::too_many_arguments, clippy::new_without_default)]
        pub fn new(
            out_trade_no: impl ::core::convert::Into<::std::string::String>,
        ) -> Self {
            Request {
                out_trade_no: ::core::convert::Into::into(out_trade_no),
                trade_no: ::core::option::Option::None,
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
                "out_trade_no",
                ::core::convert::AsRef::<str>::as_ref(&self.out_trade_no),
                true,
                ::core::option::Option::None,
                ::core::option::Option::Some(64usize),
            );
            if let ::core::option::Option::Some(value) = &self.trade_no {
                v.check_length(
                    "trade_no",
                    ::core::convert::AsRef::<str>::as_ref(value),
                    false,
                    ::core::option::Option::None,
                    ::core::option::Option::Some(64usize),
                );
            }
            v.finish()
        }
    }
    impl ::alipay_mapi::ServerRequest for Request {
        type Answer = Answer;
    }
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
            let value: &str = ::core::convert::AsRef::<str>::as_ref(&self.out_trade_no);
            if !value.is_empty() {
                f("out_trade_no", value)?;
            }
            f("partner", base.partner)?;
            f("service", SERVICE)?;
            if let ::core::option::Option::Some(value) = &self.trade_no {
                let value = ::core::convert::AsRef::<str>::as_ref(value);
                let value: &str = value;
                if !value.is_empty() {
                    f("trade_no", value)?;
                }
            }
            ::core::result::Result::Ok(())
        }
    }
    /**The business content of a `demo.trade.query` answer (`<response>` of the XML answer), one field per row of its answer table; nested elements are structs of this module, repeated ones `Vec`s.

`Client::call` reads it after checking `is_success` and the answer's `<sign>`; elements the table does not declare stay reachable in the answer's tree, beside the typed value.*/
    #[derive(::core::fmt::Debug, ::core::clone::Clone, ::core::cmp::PartialEq)]
    #[derive(
        ::alipay_mapi::__private::serde::Serialize,
        ::alipay_mapi::__private::serde::Deserialize
    )]
    #[serde(crate = "::alipay_mapi::__private::serde")]
    pub struct Answer {
        #[doc = "**查询时间**\n\n网关处理查询的时间\n\n`query_time`: Date, optional (可空 Y). Example: `2026-11-30 08:00:00`."]
        #[serde(
            rename = "query_time",
            default,
            skip_serializing_if = "::core::option::Option::is_none"
        )]
        pub query_time: ::core::option::Option<::alipay_mapi::types::Date>,
        ///`<trade>`: [`Trade`], required.
        #[serde(rename = "trade")]
        pub trade: Trade,
    }
    impl ::alipay_mapi::FromXmlElement for Answer {
        fn from_element(
            element: ::alipay_mapi::XmlElementRef<'_>,
        ) -> ::core::result::Result<Self, ::alipay_mapi::FieldError> {
            let found: [::alipay_mapi::__private::Found<'_>; 2usize] = ::alipay_mapi::__private::find_children(
                element,
                |name: &[u8]| match name.len() {
                    5usize => {
                        match name {
                            b"trade" => ::core::option::Option::Some(1usize),
                            _ => ::core::option::Option::None,
                        }
                    }
                    10usize => {
                        match name {
                            b"query_time" => ::core::option::Option::Some(0usize),
                            _ => ::core::option::Option::None,
                        }
                    }
                    _ => ::core::option::Option::None,
                },
            );
            ::core::result::Result::Ok(Answer {
                query_time: ::alipay_mapi::__private::leaf_optional(
                    found[0usize],
                    "query_time",
                )?,
                trade: ::alipay_mapi::__private::element_required(
                    found[1usize],
                    "trade",
                )?,
            })
        }
    }
    /**The `<trade>` element of the answer (`trade`).

**交易**

交易信息所在的元素*/
    #[derive(::core::fmt::Debug, ::core::clone::Clone, ::core::cmp::PartialEq)]
    #[derive(
        ::alipay_mapi::__private::serde::Serialize,
        ::alipay_mapi::__private::serde::Deserialize
    )]
    #[serde(crate = "::alipay_mapi::__private::serde")]
    pub struct Trade {
        #[doc = "**网关交易号**\n\n网关的交易号\n\n`trade_no`: String(64), required (可空 N). Example: `2010073000030344`."]
        #[serde(rename = "trade_no")]
        pub trade_no: ::std::string::String,
        #[doc = "**商户订单号**\n\n商户网站的订单号\n\n`out_trade_no`: String(64), required (可空 N). Example: `6843192280647118`."]
        #[serde(rename = "out_trade_no")]
        pub out_trade_no: ::std::string::String,
        #[doc = "**交易金额**\n\n单位为元，精确到分\n\n`total_fee`: Number, required (可空 N). Example: `10.00`."]
        #[serde(rename = "total_fee")]
        pub total_fee: ::alipay_mapi::types::Number,
        #[doc = "**创建时间**\n\n交易创建的时间\n\n`gmt_create`: Date, required (可空 N). Example: `2026-11-30 07:59:00`."]
        #[serde(rename = "gmt_create")]
        pub gmt_create: ::alipay_mapi::types::Date,
        #[doc = "**标签**\n\n交易的标签，可有多个\n\n`tag[]`: String, repeated: every `<tag>` in document order (zero or more). Example: `gift`."]
        #[serde(rename = "tag", default)]
        pub tag: ::std::vec::Vec<::std::string::String>,
        ///`<buyer>`: [`Buyer`], optional.
        #[serde(
            rename = "buyer",
            default,
            skip_serializing_if = "::core::option::Option::is_none"
        )]
        pub buyer: ::core::option::Option<Buyer>,
        ///`<item>`: [`Item`], every one in document order (zero or more).
        #[serde(rename = "item", default)]
        pub item: ::std::vec::Vec<Item>,
    }
    impl ::alipay_mapi::FromXmlElement for Trade {
        fn from_element(
            element: ::alipay_mapi::XmlElementRef<'_>,
        ) -> ::core::result::Result<Self, ::alipay_mapi::FieldError> {
            let found: [::alipay_mapi::__private::Found<'_>; 5usize] = ::alipay_mapi::__private::find_children(
                element,
                |name: &[u8]| match name.len() {
                    5usize => {
                        match name {
                            b"buyer" => ::core::option::Option::Some(4usize),
                            _ => ::core::option::Option::None,
                        }
                    }
                    8usize => {
                        match name {
                            b"trade_no" => ::core::option::Option::Some(0usize),
                            _ => ::core::option::Option::None,
                        }
                    }
                    9usize => {
                        match name {
                            b"total_fee" => ::core::option::Option::Some(2usize),
                            _ => ::core::option::Option::None,
                        }
                    }
                    10usize => {
                        match name {
                            b"gmt_create" => ::core::option::Option::Some(3usize),
                            _ => ::core::option::Option::None,
                        }
                    }
                    12usize => {
                        match name {
                            b"out_trade_no" => ::core::option::Option::Some(1usize),
                            _ => ::core::option::Option::None,
                        }
                    }
                    _ => ::core::option::Option::None,
                },
            );
            ::core::result::Result::Ok(Trade {
                trade_no: ::alipay_mapi::__private::leaf_required(
                    found[0usize],
                    "trade.trade_no",
                )?,
                out_trade_no: ::alipay_mapi::__private::leaf_required(
                    found[1usize],
                    "trade.out_trade_no",
                )?,
                total_fee: ::alipay_mapi::__private::leaf_required(
                    found[2usize],
                    "trade.total_fee",
                )?,
                gmt_create: ::alipay_mapi::__private::leaf_required(
                    found[3usize],
                    "trade.gmt_create",
                )?,
                tag: ::alipay_mapi::__private::leaf_repeated(
                    element,
                    "tag",
                    "trade.tag[]",
                )?,
                buyer: ::alipay_mapi::__private::element_optional(
                    found[4usize],
                    "trade.buyer",
                )?,
                item: ::alipay_mapi::__private::element_repeated(element, "item")?,
            })
        }
    }
    ///The `<buyer>` element of the answer (`trade.buyer`).
    #[derive(::core::fmt::Debug, ::core::clone::Clone, ::core::cmp::PartialEq)]
    #[derive(
        ::alipay_mapi::__private::serde::Serialize,
        ::alipay_mapi::__private::serde::Deserialize
    )]
    #[serde(crate = "::alipay_mapi::__private::serde")]
    pub struct Buyer {
        #[doc = "**买家邮箱**\n\n买家的邮箱\n\n`email`: String(100), optional (可空 Y). Example: `buyer@example.com`."]
        #[serde(
            rename = "email",
            default,
            skip_serializing_if = "::core::option::Option::is_none"
        )]
        pub email: ::core::option::Option<::std::string::String>,
    }
    impl ::alipay_mapi::FromXmlElement for Buyer {
        fn from_element(
            element: ::alipay_mapi::XmlElementRef<'_>,
        ) -> ::core::result::Result<Self, ::alipay_mapi::FieldError> {
            let found: [::alipay_mapi::__private::Found<'_>; 1usize] = ::alipay_mapi::__private::find_children(
                element,
                |name: &[u8]| match name.len() {
                    5usize => {
                        match name {
                            b"email" => ::core::option::Option::Some(0usize),
                            _ => ::core::option::Option::None,
                        }
                    }
                    _ => ::core::option::Option::None,
                },
            );
            ::core::result::Result::Ok(Buyer {
                email: ::alipay_mapi::__private::leaf_optional(
                    found[0usize],
                    "trade.buyer.email",
                )?,
            })
        }
    }
    ///The `<item>` element of the answer (`trade.item[]`; it repeats, each one is read into this struct).
    #[derive(::core::fmt::Debug, ::core::clone::Clone, ::core::cmp::PartialEq)]
    #[derive(
        ::alipay_mapi::__private::serde::Serialize,
        ::alipay_mapi::__private::serde::Deserialize
    )]
    #[serde(crate = "::alipay_mapi::__private::serde")]
    pub struct Item {
        #[doc = "**商品编号**\n\n`goods_id`: String(32), required (可空 N). Example: `G1`."]
        #[serde(rename = "goods_id")]
        pub goods_id: ::std::string::String,
        #[doc = "**单价**\n\n单位为元\n\n`price`: Number, required (可空 N). Example: `2.50`."]
        #[serde(rename = "price")]
        pub price: ::alipay_mapi::types::Number,
        #[doc = "**数量**\n\n件数\n\n`quantity`: Number, required (可空 N). Example: `4`."]
        #[serde(rename = "quantity")]
        pub quantity: ::alipay_mapi::types::Number,
    }
    impl ::alipay_mapi::FromXmlElement for Item {
        fn from_element(
            element: ::alipay_mapi::XmlElementRef<'_>,
        ) -> ::core::result::Result<Self, ::alipay_mapi::FieldError> {
            let found: [::alipay_mapi::__private::Found<'_>; 3usize] = ::alipay_mapi::__private::find_children(
                element,
                |name: &[u8]| match name.len() {
                    5usize => {
                        match name {
                            b"price" => ::core::option::Option::Some(1usize),
                            _ => ::core::option::Option::None,
                        }
                    }
                    8usize => {
                        match name {
                            b"goods_id" => ::core::option::Option::Some(0usize),
                            b"quantity" => ::core::option::Option::Some(2usize),
                            _ => ::core::option::Option::None,
                        }
                    }
                    _ => ::core::option::Option::None,
                },
            );
            ::core::result::Result::Ok(Item {
                goods_id: ::alipay_mapi::__private::leaf_required(
                    found[0usize],
                    "trade.item[].goods_id",
                )?,
                price: ::alipay_mapi::__private::leaf_required(
                    found[1usize],
                    "trade.item[].price",
                )?,
                quantity: ::alipay_mapi::__private::leaf_required(
                    found[2usize],
                    "trade.item[].quantity",
                )?,
            })
        }
    }
    impl ::alipay_mapi::ServiceAnswer for Answer {
        type ErrorCode = ErrorCode;
        const SPEC: &'static ::alipay_mapi::ServiceSpec = &SPEC;
        const FIELDS: &'static [::alipay_mapi::FieldSpec] = match SPEC.answer {
            ::core::option::Option::Some(fields) => fields,
            ::core::option::Option::None => &[],
        };
        fn from_response(
            response: ::alipay_mapi::XmlElementRef<'_>,
        ) -> ::core::result::Result<Self, ::alipay_mapi::FieldError> {
            <Answer as ::alipay_mapi::FromXmlElement>::from_element(response)
        }
    }
    ///The error codes of `demo.trade.query`: one variant per row of its error table, and [`ErrorCode::Unknown`] for codes the table does not list (the gateway adds codes over time).
    #[derive(
        ::core::fmt::Debug,
        ::core::clone::Clone,
        ::core::cmp::PartialEq,
        ::core::cmp::Eq,
        ::core::hash::Hash
    )]
    pub enum ErrorCode {
        ///`TRADE_NOT_EXIST`: 交易不存在
        TradeNotExist,
        ///`ILLEGAL_SIGN`: 签名不正确
        IllegalSign,
        /// A code the interface's error table does not list, as received.
        Unknown(::std::string::String),
    }
    impl ErrorCode {
        /// The code as the gateway sends it.
        pub fn as_str(&self) -> &str {
            match self {
                ErrorCode::TradeNotExist => "TRADE_NOT_EXIST",
                ErrorCode::IllegalSign => "ILLEGAL_SIGN",
                ErrorCode::Unknown(code) => code,
            }
        }
        /// The meaning the error table gives, `None` for an unknown code.
        pub fn meaning(&self) -> ::core::option::Option<&'static str> {
            match self {
                ErrorCode::TradeNotExist => {
                    ::core::option::Option::Some("交易不存在")
                }
                ErrorCode::IllegalSign => ::core::option::Option::Some("签名不正确"),
                ErrorCode::Unknown(_) => ::core::option::Option::None,
            }
        }
    }
    impl ::core::str::FromStr for ErrorCode {
        type Err = ::core::convert::Infallible;
        fn from_str(code: &str) -> ::core::result::Result<Self, Self::Err> {
            ::core::result::Result::Ok(
                match code {
                    "TRADE_NOT_EXIST" => ErrorCode::TradeNotExist,
                    "ILLEGAL_SIGN" => ErrorCode::IllegalSign,
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
        "$MANIFEST_DIR/tests/fixtures/server_trade_query.md"
    );
}
