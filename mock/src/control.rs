//! The control API, JSON under `/_mock/`:
//!
//! | request | does |
//! |---|---|
//! | `GET /_mock/state` | trades, notifications and the request log |
//! | `GET /_mock/faults` | the fault rules |
//! | `POST /_mock/faults` `{"service":"close_trade","fault":{"kind":"http502"},"times":1}` | adds a rule |
//! | `DELETE /_mock/faults` | removes every rule |
//! | `POST /_mock/trades/{trade_no}/status` `{"status":"TRADE_FINISHED"}` | moves a trade (notifies) |
//! | `POST /_mock/notify-options` `{"duplicates":1,"out_of_order":true}` | notification options |
//! | `GET /_mock/ping` | `pong`: a fixed answer (the framework floor of the load figures) |

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::{Deserialize, Serialize};

use crate::faults::FaultRule;
use crate::state::TradeStatus;
use crate::{App, NotifyOptions};

/// `GET /_mock/state`'s body.
#[derive(Serialize)]
struct StateView {
    trades: Vec<crate::state::Trade>,
    notifications: Vec<crate::state::Notification>,
    requests: Vec<crate::state::Exchange>,
}

/// Copies what it shows under the state's lock, then serializes without
/// it: the gateway's handlers never wait for a large answer to be written.
pub(crate) async fn state(State(app): State<Arc<App>>) -> Response {
    let view = {
        let st = app.state();
        StateView {
            trades: st.trades.values().cloned().collect(),
            notifications: st.notifications.clone(),
            requests: st.exchanges.iter().cloned().collect(),
        }
    };
    Json(view).into_response()
}

pub(crate) async fn faults(State(app): State<Arc<App>>) -> Json<Vec<FaultRule>> {
    Json(app.faults.lock().unwrap_or_else(|p| p.into_inner()).clone())
}

pub(crate) async fn add_fault(
    State(app): State<Arc<App>>,
    Json(rule): Json<FaultRule>,
) -> StatusCode {
    app.faults
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .push(rule);
    StatusCode::NO_CONTENT
}

pub(crate) async fn clear_faults(State(app): State<Arc<App>>) -> StatusCode {
    app.faults.lock().unwrap_or_else(|p| p.into_inner()).clear();
    StatusCode::NO_CONTENT
}

#[derive(Deserialize)]
pub(crate) struct StatusChange {
    status: String,
}

pub(crate) async fn set_status(
    State(app): State<Arc<App>>,
    Path(trade_no): Path<String>,
    Json(change): Json<StatusChange>,
) -> Response {
    let Some(status) = TradeStatus::parse(&change.status) else {
        return (
            StatusCode::BAD_REQUEST,
            format!("unknown trade_status `{}`", change.status),
        )
            .into_response();
    };
    if crate::gateway::set_status(&app, &trade_no, status) {
        StatusCode::NO_CONTENT.into_response()
    } else {
        (StatusCode::NOT_FOUND, format!("no trade {trade_no}")).into_response()
    }
}

pub(crate) async fn notify_options(
    State(app): State<Arc<App>>,
    Json(options): Json<NotifyOptions>,
) -> StatusCode {
    *app.options.lock().unwrap_or_else(|p| p.into_inner()) = options;
    StatusCode::NO_CONTENT
}
