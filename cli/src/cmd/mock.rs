//! `alipay-mapi mock`: a local gateway on a port, serving every declared
//! interface (see the `alipay-mapi-mock` crate).

use std::net::SocketAddr;
use std::path::PathBuf;

use alipay_mapi::SignType;
use alipay_mapi_mock::{FaultRule, Merchant, MockConfig, MockGateway};
use clap::Args;

use crate::fail::{Fail, Result};
use crate::input::parse_sign_type;

/// Arguments of `alipay-mapi mock`.
#[derive(Debug, Args)]
pub struct MockArgs {
    /// The port to listen on.
    #[arg(long, default_value_t = 8080)]
    port: u16,
    /// The address to listen on.
    #[arg(long, default_value = "127.0.0.1")]
    host: std::net::IpAddr,
    /// The merchant's partner id (16 digits).
    #[arg(long, value_name = "PARTNER", default_value = alipay_mapi_mock::TEST_PARTNER)]
    partner: String,
    /// The merchant's MD5 secret (signs both ways). Without --key-file, the
    /// default is the test key of the mock crate.
    #[arg(long, value_name = "KEY", conflicts_with = "key_file")]
    md5_key: Option<String>,
    /// The merchant's public key file (RSA, RSA2 or DSA; PEM, DER or base64),
    /// which the mock checks requests with; its private key file works too
    /// (its public half is used).
    #[arg(long, value_name = "PATH", requires = "sign_type")]
    key_file: Option<PathBuf>,
    /// The merchant's sign type with --key-file: RSA, RSA2 or DSA.
    #[arg(long, value_name = "TYPE", value_parser = parse_sign_type)]
    sign_type: Option<SignType>,
    /// The gateway's own private key file (signs returns, notifications and
    /// answers). For RSA and RSA2 a 2048-bit key is generated when absent.
    #[arg(long, value_name = "PATH")]
    gateway_key_file: Option<PathBuf>,
    /// The public half of --gateway-key-file, printed for the merchant's client.
    #[arg(long, value_name = "PATH", requires = "gateway_key_file")]
    gateway_public_key_file: Option<PathBuf>,
    /// Run notification retries this many times faster than the gateway's
    /// schedule (4m, 10m, 10m, 1h, 2h, 6h, 15h).
    #[arg(long, value_name = "FACTOR", default_value_t = 1.0)]
    time_factor: f64,
    /// A fault: SERVICE=FAULT[*N], FAULT one of delay:MS, timeout, reset,
    /// http502, truncated, unsigned, notify-wrong-key; SERVICE may be `*`.
    #[arg(long, value_name = "RULE", value_parser = |s: &str| s.parse::<FaultRule>())]
    fault: Vec<FaultRule>,
    /// Send each notification this many extra times after `success`.
    #[arg(long, default_value_t = 0)]
    duplicates: u32,
    /// Send a stale WAIT_BUYER_PAY notification after the TRADE_SUCCESS one.
    #[arg(long)]
    out_of_order: bool,
}

fn read(path: &PathBuf, what: &str) -> Result<String> {
    std::fs::read_to_string(path)
        .map_err(|e| Fail::usage(format!("cannot read {what} `{}`: {e}", path.display())))
}

fn merchant(args: &MockArgs) -> Result<Merchant> {
    let bad = |e: alipay_mapi_mock::MerchantError| Fail::usage(e.to_string());
    let Some(key_file) = &args.key_file else {
        let key = args
            .md5_key
            .as_deref()
            .unwrap_or(alipay_mapi_mock::TEST_MD5_KEY);
        return Merchant::md5(&args.partner, key).map_err(bad);
    };
    let sign_type = args
        .sign_type
        .ok_or_else(|| Fail::usage("--key-file needs --sign-type RSA, RSA2 or DSA"))?;
    if sign_type == SignType::Md5 {
        return Err(Fail::usage(
            "--key-file is a public key: use --md5-key for MD5",
        ));
    }
    let merchant_key = read(key_file, "--key-file")?;
    match &args.gateway_key_file {
        Some(path) => {
            let private = read(path, "--gateway-key-file")?;
            let public = match &args.gateway_public_key_file {
                Some(p) => Some(read(p, "--gateway-public-key-file")?),
                None => None,
            };
            Merchant::public_key(
                &args.partner,
                sign_type,
                &merchant_key,
                &private,
                public.as_deref(),
            )
            .map_err(bad)
        }
        None if sign_type == SignType::Dsa => Err(Fail::usage(
            "DSA needs the gateway's key: --gateway-key-file (e.g. from `openssl gendsa`)",
        )),
        None => Merchant::rsa_generated(&args.partner, sign_type, &merchant_key).map_err(bad),
    }
}

pub fn run(args: MockArgs, json: bool) -> Result<()> {
    let merchant = merchant(&args)?;
    let mut config = MockConfig {
        merchants: vec![merchant],
        time_factor: args.time_factor,
        duplicates: args.duplicates,
        out_of_order: args.out_of_order,
        ..MockConfig::default()
    };
    config.faults = args.fault.clone();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| Fail::usage(format!("cannot start the runtime: {e}")))?;
    runtime.block_on(async move {
        let addr = SocketAddr::new(args.host, args.port);
        let gateway = MockGateway::bind(config, addr)
            .await
            .map_err(|e| Fail::usage(format!("cannot listen on {addr}: {e}")))?;
        let m = gateway.merchants().next().cloned();
        if json {
            let line = serde_json::json!({
                "gateway": gateway.gateway_url(),
                "inspector": format!("{}/_mock/inspector", gateway.base_url()),
                "partner": args.partner,
                "sign_type": m.as_ref().map(|m| m.sign_type().as_str()),
                "gateway_public_key": m.as_ref().and_then(|m| m.gateway_public_key()),
            });
            println!("{line}");
        } else {
            println!("mock gateway:  {}", gateway.gateway_url());
            println!("inspector:     {}/_mock/inspector", gateway.base_url());
            println!("partner:       {}", args.partner);
            if let Some(m) = &m {
                println!("sign_type:     {}", m.sign_type());
                if let Some(pem) = m.gateway_public_key() {
                    println!(
                        "gateway public key (verify returns and notifications with it):\n{pem}"
                    );
                }
            }
            println!(
                "services:      {} declared; Ctrl-C stops",
                alipay_mapi_interfaces::SERVICES.len()
            );
        }
        let _ = tokio::signal::ctrl_c().await;
        drop(gateway);
        Ok(())
    })
}
