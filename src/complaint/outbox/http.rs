//! The HTTP side of delivery, without doing any: the requests the worker makes (`POST /v1/complaints`,
//! `GET /v1/complaints/<receipt>`, see `server/src/routes/complaints.rs`), the submission's wire JSON, and the
//! server's answers as [`Answer`]s for [`super::Delivery::settle`]. The worker's `fetch` moves the bytes; the wasm
//! glue reads the answer's parsed JSON into [`AnswerBody`] (natively [`AnswerBody::from_json`] does).

use crate::complaint::model::ComplaintSubmission;
use crate::jsonw::Json;
use serde::{Deserialize, Serialize};

use super::RefusedField;

/// How long one request may take before the worker aborts it and the attempt counts as a time-out.
pub const REQUEST_TIMEOUT_MS: i64 = 30_000;

/// The header naming the installation (an opaque random token the extension makes once). The server rate-limits
/// per token; idempotency rests on the complaint's own id.
pub const CLIENT_HEADER: &str = "X-Koltrust-Client";

/// A request to make. The body of a submission is the entry's `body`; status requests have none.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct HttpRequest {
    pub method: &'static str,
    pub url: String,
    /// `(name, value)` pairs.
    pub headers: Vec<(&'static str, String)>,
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
        status: u16,
        retry_after: Option<String>,
        body: AnswerBody,
    },
}

/// The parts of the server's JSON answers that delivery reads: a submission's `{receipt, status, received}`, a
/// status answer's `{receipt, status, updated}`, or an error's `{"error": {code, fields: [{field, code}]}}`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AnswerBody {
    pub receipt: Option<String>,
    pub status: Option<String>,
    pub received: Option<i64>,
    pub updated: Option<i64>,
    pub error_code: Option<String>,
    pub fields: Vec<RefusedField>,
}

#[cfg(not(target_arch = "wasm32"))]
impl AnswerBody {
    /// Reads an answer's JSON text; anything unreadable is an empty body (the status code still counts).
    pub fn from_json(text: &str) -> AnswerBody {
        #[derive(Deserialize, Default)]
        #[serde(default)]
        struct Error {
            code: Option<String>,
            fields: Vec<RefusedField>,
        }
        #[derive(Deserialize, Default)]
        #[serde(default)]
        struct Raw {
            receipt: Option<String>,
            status: Option<String>,
            received: Option<i64>,
            updated: Option<i64>,
            error: Option<Error>,
        }
        let raw: Raw = serde_json::from_str(text).unwrap_or_default();
        let error = raw.error.unwrap_or_default();
        AnswerBody {
            receipt: raw.receipt,
            status: raw.status,
            received: raw.received,
            updated: raw.updated,
            error_code: error.code,
            fields: error.fields,
        }
    }
}

/// The server URL with one trailing slash, if it is an http(s) URL; paths are appended to it (a server under a
/// path prefix keeps it).
fn base(server: &str) -> Option<String> {
    let s = server.trim();
    let lower = s.get(..8).unwrap_or(s).to_ascii_lowercase();
    let scheme_len = if lower.starts_with("https://") {
        8
    } else if lower.starts_with("http://") {
        7
    } else {
        return None;
    };
    if s.len() == scheme_len || s.contains(['?', '#', ' ']) {
        return None;
    }
    let mut b = s.to_string();
    if !b.ends_with('/') {
        b.push('/');
    }
    Some(b)
}

/// `POST <server>/v1/complaints` with the entry's body; `None` when `server` is not an http(s) URL.
pub fn submit_request(server: &str, client_id: Option<&str>) -> Option<HttpRequest> {
    let mut url = base(server)?;
    url.push_str("v1/complaints");
    let mut headers = vec![("Content-Type", "application/json".to_string())];
    if let Some(c) = client_id.map(str::trim).filter(|c| !c.is_empty() && c.len() <= 128) {
        headers.push((CLIENT_HEADER, c.to_string()));
    }
    Some(HttpRequest {
        method: "POST",
        url,
        headers,
        timeout_ms: REQUEST_TIMEOUT_MS,
    })
}

/// `GET <server>/v1/complaints/<receipt>`: the reporter's view (status and times, no contents).
pub fn status_request(server: &str, receipt: &str) -> Option<HttpRequest> {
    if !is_receipt(receipt) {
        return None;
    }
    let mut url = base(server)?;
    url.push_str("v1/complaints/");
    url.push_str(receipt);
    Some(HttpRequest {
        method: "GET",
        url,
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
pub fn retry_after_ms(value: &str, _now_ms: i64) -> Option<i64> {
    let v = value.trim();
    if v.is_empty() || v.len() > 9 || !v.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    v.parse::<i64>().ok().map(|s| s * 1000)
}

/// The submission's wire JSON (the format in [`crate::complaint`]'s docs), written without serde_json so it ships
/// in wasm. Absent optional fields are left out.
pub fn submission_json(s: &ComplaintSubmission) -> String {
    let mut j = Json(String::with_capacity(
        256 + s.screenshot.as_ref().map_or(0, String::len),
    ));
    j.open("", '{');
    j.str("id", &s.id);
    j.open("profile", '{');
    j.str("platform", &s.profile.platform);
    j.str("id_type", &s.profile.id_type);
    j.str("account_id", &s.profile.account_id);
    if let Some(u) = &s.profile.url {
        j.str("url", u);
    }
    j.close('}');
    if let Some(u) = &s.page_url {
        j.str("page_url", u);
    }
    j.str("category", &s.category);
    j.str("note", &s.note);
    j.open("promotion", '{');
    j.open("cues", '[');
    for c in &s.promotion.cues {
        j.open("", '{');
        j.str("kind", &c.kind);
        j.str("text", &c.text);
        j.num("start", c.start.into());
        j.num("end", c.end.into());
        j.close('}');
    }
    j.close(']');
    j.close('}');
    if let Some(shot) = s.screenshot.as_deref().filter(|v| !v.is_empty()) {
        j.str("screenshot", shot);
    }
    if let Some(c) = &s.contact {
        j.open("contact", '{');
        j.str("value", &c.value);
        j.bool("consent", c.consent);
        j.close('}');
    }
    j.str("locale", &s.locale);
    j.num("created", s.created.max(0) as u64);
    j.close('}');
    j.0
}
