//! The one error shape of the API: every 4xx/5xx carries
//! `{"error":{"code":"…","message":"…"}}` (plus `fields` for validation failures), with a **stable** `code`:
//!
//! | status | code | when |
//! | --- | --- | --- |
//! | 400 | `bad_json` | the body is not JSON (syntax, truncated) |
//! | 422 | `invalid_field` | JSON of the wrong shape or types, or a field the core's validation rejects (`fields` lists each one with its own code) |
//! | 413 | `too_large` | the body exceeds the limit |
//! | 429 | `rate_limited` | too many submissions; `Retry-After` says when to retry |
//! | 401 | `unauthorized` | moderation without the right bearer token; the console without a valid session or with a wrong password |
//! | 403 | `forbidden` | a console request the staff member's roles do not allow |
//! | 403 | `csrf_rejected` | a console change without its session's `X-CSRF-Token`, or from another origin |
//! | 404 | `not_found` | no such route, receipt or file |
//! | 405 | `method_not_allowed` | wrong method for the route |
//! | 409 | `invalid_transition` | a status change the lifecycle does not allow |
//! | 415 | `unsupported_media_type` | a body that is not `application/json` |
//! | 408 | `timeout` | a request (body included) not complete within the request timeout |
//! | 400 | `bad_request` | a path or query parameter the route cannot read (`?status=nope`) |
//! | 400 | `malformed_request` | bytes that are not an HTTP/1.1 request head (answered by hyper, body added by [`crate::wire_errors`]) |
//! | 431 | `headers_too_large` | more than 64 header fields or 16 KiB of them (past hyper's own limits too, see [`crate::wire_errors`]) |
//! | 414 | `uri_too_long` | a request path over 2,048 bytes (a longer segment than any file or route is a 404) |
//! | 503 | `unavailable` | shutting down |
//! | 503 | `storage_failing` | `/v1/health` when the database cannot be read or the last complaint batch failed to commit |
//! | 500 | `internal` | anything else (details only in the server log; panics included) |
//!
//! Messages are Vietnamese first, then English. Responses produced outside the handlers (body limits, unknown
//! routes, wrong methods, panics) are rewritten into this shape by [`json_errors`].

use axum::body::Body;
use axum::http::{header, HeaderValue, Response, StatusCode};
use axum::response::IntoResponse;
use koltrust::complaint::FieldError;
use koltrust::i18n::Lang;
use serde_json::json;

#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
    pub fields: Vec<serde_json::Value>,
    pub retry_after: Option<u64>,
}

impl ApiError {
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            code,
            message: message.into(),
            fields: Vec::new(),
            retry_after: None,
        }
    }

    /// A stock error for `code`, with its default status and message.
    pub fn of(code: &'static str) -> ApiError {
        let (status, message) = default_for(code);
        ApiError::new(status, code, message)
    }

    pub fn bad_json(detail: &str) -> ApiError {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            "bad_json",
            format!("Nội dung không phải JSON hợp lệ / The body is not valid JSON: {detail}"),
        )
    }

    pub fn invalid_shape(detail: &str) -> ApiError {
        ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_field",
            format!("Sai kiểu dữ liệu / Wrong field type or missing field: {detail}"),
        )
    }

    pub fn invalid_fields(errors: &[FieldError], lang: Lang) -> ApiError {
        let mut e = ApiError::of("invalid_field");
        e.fields = errors
            .iter()
            .map(|f| json!({"field": f.field, "code": f.code, "message": f.message(lang)}))
            .collect();
        e
    }

    pub fn internal(what: impl std::fmt::Display) -> ApiError {
        tracing::error!(error = %what, "internal error");
        ApiError::of("internal")
    }

    pub fn rate_limited(retry_after: u64) -> ApiError {
        let mut e = ApiError::of("rate_limited");
        e.retry_after = Some(retry_after.max(1));
        e
    }
}

/// Every stable code of the table above (the API contract, `crate::openapi`, must list exactly these).
pub const CODES: &[&str] = &[
    "bad_json",
    "invalid_field",
    "too_large",
    "rate_limited",
    "unauthorized",
    "not_found",
    "method_not_allowed",
    "invalid_transition",
    "unsupported_media_type",
    "timeout",
    "bad_request",
    "malformed_request",
    "headers_too_large",
    "uri_too_long",
    "unavailable",
    "storage_failing",
    "internal",
    "forbidden",
    "csrf_rejected",
];

pub(crate) fn default_for(code: &str) -> (StatusCode, &'static str) {
    match code {
        "bad_json" => (
            StatusCode::BAD_REQUEST,
            "Nội dung không phải JSON hợp lệ / The body is not valid JSON",
        ),
        "malformed_request" => (
            StatusCode::BAD_REQUEST,
            "Yêu cầu HTTP không hợp lệ / Malformed HTTP request",
        ),
        "bad_request" => (
            StatusCode::BAD_REQUEST,
            "Yêu cầu không hợp lệ (đường dẫn hoặc tham số) / Bad request (path or query parameters)",
        ),
        "invalid_field" => (
            StatusCode::UNPROCESSABLE_ENTITY,
            "Dữ liệu không hợp lệ / Invalid fields",
        ),
        "too_large" => (
            StatusCode::PAYLOAD_TOO_LARGE,
            "Nội dung quá lớn / The request body is too large",
        ),
        "rate_limited" => (
            StatusCode::TOO_MANY_REQUESTS,
            "Quá nhiều yêu cầu, vui lòng thử lại sau / Too many requests, retry later",
        ),
        "unauthorized" => (
            StatusCode::UNAUTHORIZED,
            "Cần mã quản trị hợp lệ / A valid admin token is required",
        ),
        "not_found" => (StatusCode::NOT_FOUND, "Không tìm thấy / Not found"),
        "forbidden" => (
            StatusCode::FORBIDDEN,
            "Vai trò của bạn không được phép làm việc này / Your role does not allow this",
        ),
        "csrf_rejected" => (
            StatusCode::FORBIDDEN,
            "Yêu cầu thiếu mã chống giả mạo hoặc từ nơi khác / Missing CSRF token or cross-origin request",
        ),
        "timeout" => (
            StatusCode::REQUEST_TIMEOUT,
            "Yêu cầu gửi quá chậm / The request took too long to arrive",
        ),
        "uri_too_long" => (StatusCode::URI_TOO_LONG, "Đường dẫn quá dài / The path is too long"),
        "headers_too_large" => (
            StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
            "Phần đầu yêu cầu quá lớn / The request headers are too large",
        ),
        "method_not_allowed" => (
            StatusCode::METHOD_NOT_ALLOWED,
            "Phương thức không được hỗ trợ / Method not allowed",
        ),
        "invalid_transition" => (
            StatusCode::CONFLICT,
            "Không thể chuyển sang trạng thái này / This status change is not allowed",
        ),
        "unsupported_media_type" => (
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "Cần Content-Type: application/json / Content-Type must be application/json",
        ),
        "unavailable" => (
            StatusCode::SERVICE_UNAVAILABLE,
            "Máy chủ đang dừng / The server is shutting down",
        ),
        "storage_failing" => (
            StatusCode::SERVICE_UNAVAILABLE,
            "Không ghi được dữ liệu / Storage is failing: complaints cannot be stored",
        ),
        _ => (StatusCode::INTERNAL_SERVER_ERROR, "Lỗi máy chủ / Internal server error"),
    }
}

/// The code for a bare status produced outside the handlers.
pub(crate) fn code_for_status(status: StatusCode) -> &'static str {
    match status.as_u16() {
        400 => "bad_request",
        401 => "unauthorized",
        403 => "forbidden",
        404 => "not_found",
        405 => "method_not_allowed",
        409 => "invalid_transition",
        408 => "timeout",
        413 => "too_large",
        414 => "uri_too_long",
        431 => "headers_too_large",
        415 => "unsupported_media_type",
        422 => "invalid_field",
        429 => "rate_limited",
        503 => "unavailable",
        _ => "internal",
    }
}

pub(crate) fn body_of(code: &str, message: &str, fields: &[serde_json::Value]) -> String {
    let mut err = json!({"code": code, "message": message});
    if !fields.is_empty() {
        err["fields"] = json!(fields);
    }
    json!({ "error": err }).to_string()
}

impl IntoResponse for ApiError {
    fn into_response(self) -> axum::response::Response {
        let mut resp = Response::new(Body::from(body_of(self.code, &self.message, &self.fields)));
        *resp.status_mut() = self.status;
        let h = resp.headers_mut();
        h.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json; charset=utf-8"),
        );
        if let Some(s) = self.retry_after {
            h.insert(header::RETRY_AFTER, HeaderValue::from(s));
        }
        resp
    }
}

/// Middleware: any error response that is not already JSON (axum's own rejections for body limits, unknown routes,
/// wrong methods; the panic catcher) gets the standard JSON body for its status.
pub async fn json_errors(req: axum::extract::Request, next: axum::middleware::Next) -> axum::response::Response {
    let mut resp = next.run(req).await;
    let status = resp.status();
    let is_json = resp
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if (status.is_client_error() || status.is_server_error()) && !is_json {
        let code = code_for_status(status);
        let (_, message) = default_for(code);
        *resp.body_mut() = Body::from(body_of(code, message, &[]));
        let h = resp.headers_mut();
        h.remove(header::CONTENT_LENGTH);
        h.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json; charset=utf-8"),
        );
    }
    resp
}

/// The catch-panic layer's answer: a JSON 500; the panic itself goes to the log only.
pub fn panic_response(_: Box<dyn std::any::Any + Send + 'static>) -> Response<String> {
    tracing::error!("a request handler panicked");
    let mut resp = Response::new(body_of("internal", default_for("internal").1, &[]));
    *resp.status_mut() = StatusCode::INTERNAL_SERVER_ERROR;
    resp.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=utf-8"),
    );
    resp
}
