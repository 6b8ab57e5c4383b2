//! `services` over the whole catalogue: every declared service listed with
//! its access kind, and a service's page naming its gateway and tables.

mod common;

use common::*;

#[test]
fn every_catalogued_service_is_listed_with_its_access() {
    let r = run(&["services"]);
    r.assert_code(0);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert!(lines.len() >= 30, "{} services", lines.len());
    for (service, access) in [
        ("create_partner_trade_by_buyer", "page"),
        ("single_trade_query", "server"),
        ("forex_refund", "server"),
        ("alipay.wap.auth.authAndExecute", "page"),
        ("mobile.securitypay.pay", "app"),
    ] {
        let line = lines
            .iter()
            .find(|l| l.starts_with(&format!("{service}\t")))
            .unwrap_or_else(|| panic!("{service} not listed: {}", r.stdout));
        assert!(line.contains(&format!("({access}, ")), "{line}");
    }
    let v = run(&["services", "--json"]).json();
    let all = v["services"].as_array().unwrap();
    assert_eq!(all.len(), lines.len());
    assert!(all
        .iter()
        .all(|s| ["page", "server", "app"].contains(&s["access"].as_str().unwrap())));
    // The app payment is the one app access of the catalogue.
    let app: Vec<&str> = all
        .iter()
        .filter(|s| s["access"] == "app")
        .map(|s| s["service"].as_str().unwrap())
        .collect();
    assert_eq!(app, ["mobile.securitypay.pay"]);
}

#[test]
fn a_service_page_names_its_gateway() {
    let r = run(&["services", "forex_refund"]);
    r.assert_code(0);
    assert!(
        r.stdout
            .contains("server call, gateway https://intlmapi.alipay.com/gateway.do"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("asynchronous notification parameters"));
    let r = run(&["services", "alipay.wap.trade.create.direct"]);
    assert!(
        r.stdout
            .contains("https://wappaygw.alipay.com/service/rest.htm"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("sec_id"));
    // Signed by the WAP rule: no sign_type is added.
    assert!(
        r.stdout.contains("variants::wap::sign_request") && !r.stdout.contains("sign_type, sign)"),
        "{}",
        r.stdout
    );
    let r = run(&["services", "single_trade_query"]);
    assert!(
        r.stdout
            .contains("sign_type, sign) are added by the runtime"),
        "{}",
        r.stdout
    );
    let v = run(&["services", "--json", "create_forex_trade"]).json();
    assert_eq!(v["gateway"], "https://intlmapi.alipay.com/gateway.do");
    assert_eq!(v["access"], "page");
    assert_eq!(v["request"][0]["name"], "notify_url");
}
