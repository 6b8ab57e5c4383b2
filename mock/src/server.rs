//! The routes.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Method, Uri};
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;

use crate::{cashier, control, gateway, inspector, App};

async fn gateway_do(
    State(app): State<Arc<App>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    gateway::handle(app, method, uri, headers, body).await
}

pub(crate) fn router(app: Arc<App>) -> Router {
    Router::new()
        .route("/gateway.do", get(gateway_do).post(gateway_do))
        .route("/cashier/{id}/{action}", post(cashier::action))
        .route("/_mock/inspector", get(inspector::page))
        .route("/_mock/state", get(control::state))
        .route(
            "/_mock/faults",
            get(control::faults)
                .post(control::add_fault)
                .delete(control::clear_faults),
        )
        .route("/_mock/trades/{trade_no}/status", post(control::set_status))
        .route("/_mock/notify-options", post(control::notify_options))
        .route("/_mock/ping", get(|| async { "pong" }))
        .with_state(app)
}
