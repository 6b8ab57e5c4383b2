//! `/_mock/inspector`: every request received (its signing string, the
//! expected and the given sign, the charset, the verdict and why) and every
//! notification with the merchant's answers, newest first.

use std::sync::Arc;

use axum::extract::State;
use axum::response::Html;

use crate::wire::escaped;
use crate::App;

/// How many rows of each table the page shows.
const ROWS: usize = 200;

pub(crate) async fn page(State(app): State<Arc<App>>) -> Html<String> {
    // The rows shown are copied under the state's lock; the page is
    // written without it.
    let (trades, notifications_held, requests_held, exchanges, notifications) = {
        let st = app.state();
        (
            st.trades.len(),
            st.notifications.len(),
            st.exchanges.len(),
            st.exchanges
                .iter()
                .rev()
                .take(ROWS)
                .cloned()
                .collect::<Vec<_>>(),
            st.notifications
                .iter()
                .rev()
                .take(ROWS)
                .cloned()
                .collect::<Vec<_>>(),
        )
    };
    let mut h = String::with_capacity(16 * 1024);
    h.push_str(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Mock gateway inspector</title>\
<style>body{font-family:sans-serif}table{border-collapse:collapse;font-size:.85em}\
td,th{border:1px solid #ccc;padding:.2em .4em;vertical-align:top;max-width:26em}\
code{white-space:pre-wrap;word-break:break-all}.bad{color:#b00}.ok{color:#070}</style></head><body>\
<h1>Mock gateway inspector</h1>",
    );
    h.push_str(&format!(
        "<p>{} trades, {} notifications, {} requests logged. JSON: <a href=\"/_mock/state\">/_mock/state</a></p>",
        trades, notifications_held, requests_held
    ));
    h.push_str("<h2>Requests</h2><table id=\"requests\"><tr><th>#</th><th>ms</th><th>request</th><th>service / partner / charset</th><th>signing string</th><th>expected sign</th><th>given sign</th><th>verdict</th><th>answer</th></tr>");
    for e in &exchanges {
        let class = if e.verdict == "ok" { "ok" } else { "bad" };
        h.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td><code>{} {}</code></td><td>{}<br>{}<br>{}</td><td><code>{}</code></td><td><code>{}</code></td><td><code>{}</code></td><td class=\"{class}\">{}{}<br>{}</td><td><code>{}</code></td></tr>",
            e.seq,
            e.at_ms,
            escaped(&e.method),
            escaped(&e.uri),
            escaped(e.service.as_deref().unwrap_or("-")),
            escaped(e.partner.as_deref().unwrap_or("-")),
            escaped(e.charset.as_deref().unwrap_or("-")),
            escaped(e.signing_string.as_deref().unwrap_or("-")),
            escaped(e.expected_sign.as_deref().unwrap_or("(public key: not computable)")),
            escaped(e.given_sign.as_deref().unwrap_or("-")),
            escaped(&e.verdict),
            e.fault.as_ref().map(|f| format!(" [fault {}]", escaped(f))).unwrap_or_default(),
            escaped(&e.reason),
            escaped(&e.answer.chars().take(600).collect::<String>()),
        ));
    }
    h.push_str("</table><h2>Notifications</h2><table id=\"notifications\"><tr><th>#</th><th>service</th><th>url</th><th>charset</th><th>signing string</th><th>attempts (ms: status answer)</th><th>delivered</th></tr>");
    for n in &notifications {
        let attempts: Vec<String> = n
            .attempts
            .iter()
            .map(|a| {
                format!(
                    "{}: {} {}{}",
                    a.at_ms,
                    a.status.map_or("-".into(), |s| s.to_string()),
                    a.answer,
                    if a.duplicate { " (duplicate)" } else { "" }
                )
            })
            .collect();
        h.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td><code>{}</code></td><td>{}</td><td><code>{}</code>{}</td><td><code>{}</code></td><td>{}</td></tr>",
            n.seq,
            escaped(&n.service),
            escaped(&n.url),
            escaped(&n.charset),
            escaped(&n.signing_string),
            if n.wrong_key { " <b class=\"bad\">[signed with a wrong key]</b>".to_owned() } else { String::new() }
                + &if n.not_simulated.is_empty() {
                    String::new()
                } else {
                    format!(
                        " <b class=\"bad\">[not simulated, left out: {}]</b>",
                        escaped(&n.not_simulated.join(", "))
                    )
                },
            escaped(&attempts.join("\n")),
            if n.delivered { "yes" } else if n.finished { "gave up" } else { "not yet" },
        ));
    }
    h.push_str("</table></body></html>");
    Html(h)
}
