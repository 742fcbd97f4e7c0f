//! The HTTP side of delivery, without doing any: the requests the worker makes (`POST /v1/complaints`,
//! `GET /v1/complaints/<receipt>`, see `server/src/routes/complaints.rs`) and the server's answers as [`Answer`]s for [`super::Delivery::settle`]. The worker's `fetch` moves the bytes; the wasm
//! glue reads the answer's parsed JSON into [`AnswerBody`] (natively [`AnswerBody::from_json`] does).

use serde::Serialize;

/// How long one request may take before the worker aborts it and the attempt counts as a time-out.
pub const REQUEST_TIMEOUT_MS: i64 = 30_000;

/// The header naming the installation (an opaque random token the extension makes once). The server rate-limits
/// per token; idempotency rests on the complaint's own id.
pub const CLIENT_HEADER: &str = "X-Koltrust-Client";

/// A request to make. `path` is relative to the Alliance server's URL (the person's `serverUrl` option), as the
/// registry's manifest path is. The body of a submission is the stored submission (its JSON); status requests
/// have none.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct HttpRequest {
    /// `POST` for a submission, `GET` for a status refresh.
    pub method: &'static str,
    /// Path relative to the server's URL: `v1/complaints` or `v1/complaints/<receipt>`.
    pub path: String,
    /// `(name, value)` pairs.
    pub headers: Vec<(&'static str, String)>,
    /// How long the worker lets the request run before aborting it ([`REQUEST_TIMEOUT_MS`]).
    pub timeout_ms: i64,
}

/// What came back from one request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Answer {
    /// No HTTP answer: the server is unreachable, the browser offline, the connection dropped.
    Network,
    /// No answer within [`REQUEST_TIMEOUT_MS`].
    Timeout,
    /// An HTTP answer: its status, its `Retry-After` header, and what its JSON body said (empty if it had none).
    Http {
        /// The HTTP status code.
        status: u16,
        /// The `Retry-After` header as sent (seconds are read; an HTTP-date is ignored); `None` when absent.
        retry_after: Option<String>,
        /// What the JSON body said.
        body: AnswerBody,
    },
}

/// The parts of the server's JSON answers that delivery reads: a submission's or a status answer's
/// `{receipt, status}`, or an error's `{"error": {code, fields: [{field, code}]}}` (the fields' codes).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AnswerBody {
    /// The complaint's receipt, as the server issued it on acceptance (and repeats in status answers).
    pub receipt: Option<String>,
    /// The complaint's status on the server ([`crate::complaint::ComplaintStatus`] string form).
    pub status: Option<String>,
    /// A status answer's `reply`: the Alliance's note to the reporter (empty or absent: none).
    pub reply: Option<String>,
    /// An error answer's `error.code` (`invalid_field`, `too_large`…).
    pub error_code: Option<String>,
    /// An error answer's field validation codes (`note_too_long`…), in the server's order.
    pub field_codes: Vec<String>,
}

#[cfg(feature = "source-formats")]
impl AnswerBody {
    /// Reads an answer's JSON text; anything unreadable is an empty body (the status code still counts).
    pub fn from_json(text: &str) -> AnswerBody {
        use serde::Deserialize;
        #[derive(Deserialize, Default)]
        #[serde(default)]
        struct Field {
            code: String,
        }
        #[derive(Deserialize, Default)]
        #[serde(default)]
        struct Error {
            code: Option<String>,
            fields: Vec<Field>,
        }
        #[derive(Deserialize, Default)]
        #[serde(default)]
        struct Raw {
            receipt: Option<String>,
            status: Option<String>,
            reply: Option<String>,
            error: Option<Error>,
        }
        let raw: Raw = serde_json::from_str(text).unwrap_or_default();
        let error = raw.error.unwrap_or_default();
        AnswerBody {
            receipt: raw.receipt,
            status: raw.status,
            reply: raw.reply,
            error_code: error.code,
            field_codes: error.fields.into_iter().map(|f| f.code).collect(),
        }
    }
}

/// `POST v1/complaints` with the stored submission as the body.
pub fn submit_request(client_id: Option<&str>) -> HttpRequest {
    let mut headers = vec![("Content-Type", "application/json".to_string())];
    if let Some(c) = client_id.map(str::trim).filter(|c| !c.is_empty() && c.len() <= 128) {
        headers.push((CLIENT_HEADER, c.to_string()));
    }
    HttpRequest {
        method: "POST",
        path: "v1/complaints".to_string(),
        headers,
        timeout_ms: REQUEST_TIMEOUT_MS,
    }
}

/// `GET v1/complaints/<receipt>`: the reporter's view (status and times, no contents).
pub fn status_request(receipt: &str) -> Option<HttpRequest> {
    is_receipt(receipt).then(|| HttpRequest {
        method: "GET",
        path: ["v1/complaints/", receipt].concat(),
        headers: Vec::new(),
        timeout_ms: REQUEST_TIMEOUT_MS,
    })
}

/// A receipt as the server makes them: `R-` and four groups of four Crockford base32 characters.
pub fn is_receipt(s: &str) -> bool {
    const CROCKFORD: &[u8] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    s.len() == 21
        && s.starts_with("R-")
        && s.bytes().enumerate().skip(2).all(|(i, b)| {
            if (i - 1) % 5 == 0 {
                b == b'-'
            } else {
                CROCKFORD.contains(&b)
            }
        })
}

/// `Retry-After` in milliseconds from now: delay-seconds (what the Alliance server sends). An HTTP-date is not
/// read (`None`: the caller's backoff applies instead).
pub fn retry_after_ms(value: &str) -> Option<i64> {
    let v = value.trim();
    if v.is_empty() || v.len() > 9 {
        return None;
    }
    v.bytes()
        .try_fold(0i64, |n, b| b.is_ascii_digit().then(|| n * 10 + i64::from(b - b'0')))
        .map(|s| s * 1000)
}
