//! A tiny time factor must not kill a notification's delivery task: its
//! wait is clamped (`MAX_WAIT`), never a panic. Alone in its binary: it
//! watches for panics on any thread with a panic hook.
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use alipay_mapi_mock::{Left, MockConfig, MockGateway, TEST_MD5_KEY, TEST_PARTNER};
use alipay_mapi_runtime::{keys::Md5Key, Client, Signer};

static PANICS: AtomicUsize = AtomicUsize::new(0);

#[tokio::test(flavor = "multi_thread")]
async fn a_tiny_time_factor_does_not_panic_the_delivery_task() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        PANICS.fetch_add(1, Ordering::SeqCst);
        previous(info);
    }));
    let gw = MockGateway::in_process(MockConfig::default().time_factor(1e-18));
    let client = Client::new(
        TEST_PARTNER,
        Signer::md5(Md5Key::new(TEST_MD5_KEY).unwrap()),
    )
    .unwrap()
    .with_gateway(&gw.gateway_url())
    .unwrap();
    let url = client
        .sign_params(
            "create_direct_pay_by_user",
            &[
                ("out_trade_no", "TF1"),
                ("subject", "s"),
                ("payment_type", "1"),
                ("total_fee", "1.00"),
                ("seller_id", TEST_PARTNER),
                ("return_url", "http://127.0.0.1:9/return"),
                // Refused: never `success`, so a retry is scheduled.
                ("notify_url", "http://127.0.0.1:9/notify"),
            ],
        )
        .unwrap()
        .url();
    assert!(matches!(gw.pay(&url).await, Ok(Left::Returned { .. })));
    let n = gw
        .wait_notifications(Duration::from_secs(10), |n| {
            n.first().is_some_and(|n| !n.attempts.is_empty())
        })
        .await;
    assert_eq!(n[0].attempts.len(), 1);
    // The task now computes its wait (4 minutes / 1e-18): give it time to.
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(
        PANICS.load(Ordering::SeqCst),
        0,
        "the delivery task panicked"
    );
    let n = gw.notifications();
    assert!(!n[0].finished, "waiting for its next attempt");
}
