//! # The outbox: delivery that loses nothing
//!
//! A complaint the person submitted is validated ([`accept`]) and becomes an [`OutboxEntry`]: a small [`Summary`]
//! for the "My reports" list and a [`Delivery`] record that this module moves through its lifecycle; the worker
//! stores the validated submission's JSON beside them as the body to send. The extension's worker **stores the
//! entry before any network** and stores the delivery record again after every step, so a stopped worker, a closed
//! browser or a dead network never lose a report:
//!
//! ```text
//! queued ──begin──> sending ──201/200 + receipt──> delivered ──status refresh──> delivered (newer status)
//!   ^                  │ └──400/413/415/422──────> refused (for good; the server's codes kept)
//!   └──── retry at ────┘  429 (Retry-After), 5xx, other answers, network error, time-out
//! ```
//! An entry left `sending` by a worker that was stopped mid-request is due again at once and is resent with the
//! **same id**: the server's intake is idempotent on that id, so it is stored exactly once.
//!
//! Retries back off exponentially from [`RETRY_BASE_MS`] to [`RETRY_CAP_MS`] with "equal jitter" (half the delay
//! fixed, half random): the random number is an input, so the schedule is testable and the core stays pure.
//!
//! The bytes move with the worker's `fetch`, not reqwest: reqwest measured +85 KB gzipped in the wasm build, over
//! the extension's 150 KB budget on its own. Nothing here depends on who moves them.
//!
//! | module | owns |
//! | --- | --- |
//! | this one | the entry, the delivery lifecycle, backoff, what to send or refresh now and when to wake up |
//! | [`http`] | the requests to make (method, path, headers) and reading the server's answers |
//! | [`view`] | the "My reports" view model, every string in Vietnamese and English |

pub mod http;
pub mod view;

use super::model::ComplaintSubmission;
use super::status::ComplaintStatus;
use super::validate::{validate, FieldError};
use http::{Answer, AnswerBody};
use serde::{Deserialize, Serialize};

/// First retry delay (before jitter): short, so a brief server hiccup costs seconds, not minutes.
pub const RETRY_BASE_MS: i64 = 2_000;
/// Longest delay between two attempts.
pub const RETRY_CAP_MS: i64 = 30 * 60_000;
/// Longest `Retry-After` honoured: a larger one waits this long and tries again (an HTTP-date is not read; the
/// backoff applies).
pub const RETRY_AFTER_CAP_MS: i64 = 60 * 60_000;
/// How often statuses are refreshed on their own (when the popup opens). A person's "refresh" click is not limited.
pub const REFRESH_EVERY_MS: i64 = 5 * 60_000;

/// Where a report is on its way to the server.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeliveryState {
    /// Waiting for its next attempt (`next_attempt_ms`).
    #[default]
    Queued,
    /// A request is (or was, when the worker stopped) in flight.
    Sending,
    /// The server gave a receipt.
    Delivered,
    /// The server refused it for good (invalid, too large…): retrying would be refused again.
    Refused,
}

impl DeliveryState {
    /// The stable snake_case form stored with the entry (`queued`, `sending`, `delivered`, `refused`).
    pub fn as_str(self) -> &'static str {
        match self {
            DeliveryState::Queued => "queued",
            DeliveryState::Sending => "sending",
            DeliveryState::Delivered => "delivered",
            DeliveryState::Refused => "refused",
        }
    }

    /// Reads the form written by [`DeliveryState::as_str`]; `None` for anything else.
    pub fn parse(s: &str) -> Option<DeliveryState> {
        [Self::Queued, Self::Sending, Self::Delivered, Self::Refused]
            .into_iter()
            .find(|d| d.as_str() == s)
    }
}

/// The longest note to the reporter kept from a status answer, in characters (the server's own limit).
pub const REPLY_MAX: usize = 2000;

/// The delivery record of one report: all the mutable state, small, stored after every step.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Delivery {
    /// Where the report is on its way.
    pub state: DeliveryState,
    /// Requests started so far.
    pub attempts: u32,
    /// When a queued report may be sent (Unix ms).
    pub next_attempt_ms: i64,
    /// Why the last attempt did not deliver: `network`, `timeout`, `http_<status>`, `rate_limited`, `bad_answer`.
    pub last_error: Option<String>,
    /// The server's receipt, once delivered.
    pub receipt: Option<String>,
    /// The complaint's status on the server (`received`, `reviewing`…), once known.
    pub status: Option<String>,
    /// When the status was last read from the server (Unix ms).
    pub refreshed_ms: Option<i64>,
    /// The Alliance's note to the reporter with the last status read (at most [`REPLY_MAX`] characters).
    #[serde(default)]
    pub reply: Option<String>,
    /// For a refused report, the server's codes: its error code (`invalid_field`, `too_large`… or `http_<status>`
    /// when it sent none) followed by the validation code of each field it named (`note_too_long`…).
    pub refusal: Vec<String>,
}

/// What "My reports" shows about a report besides its delivery: taken from the submission at acceptance.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    /// The report's idempotency id (the submission's `id`).
    pub id: String,
    /// The reported account's platform string form.
    pub platform: String,
    /// The reported account's identifier namespace string form.
    pub id_type: String,
    /// The reported account's canonical id.
    pub account_id: String,
    /// The category's string form (e.g. `misleading_claim`).
    pub category: String,
    /// The person's clock when they submitted it (Unix ms).
    pub created_ms: i64,
}

/// A report in the outbox: what is shown (`summary`) and where it is (`delivery`). What is sent is the validated
/// submission's JSON, which the worker stores beside them, fixed at acceptance: the submission as the person saw
/// it in the preview (the server canonicalizes it again on arrival).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxEntry {
    /// What "My reports" shows, fixed at acceptance.
    pub summary: Summary,
    /// The mutable delivery record.
    pub delivery: Delivery,
}

/// Validates a submission with the same rules as the server and makes its outbox entry, due at once.
pub fn accept(sub: &ComplaintSubmission, now_ms: i64) -> Result<OutboxEntry, Vec<FieldError>> {
    let valid = validate(sub)?;
    Ok(OutboxEntry {
        summary: Summary {
            id: valid.id,
            platform: valid.profile.platform.as_str().to_string(),
            id_type: valid.profile.id_type.as_str().to_string(),
            account_id: valid.profile.account_id.to_string(),
            category: valid.category.as_str().to_string(),
            created_ms: valid.created,
        },
        delivery: Delivery {
            next_attempt_ms: now_ms,
            ..Delivery::default()
        },
    })
}

/// The delay before attempt `attempts + 1` after `attempts` failed ones: `RETRY_BASE_MS · 2^(attempts-1)` capped at
/// [`RETRY_CAP_MS`], half of it fixed and half scaled by `jitter` (uniform in `[0, 1)`, clamped).
pub fn backoff_ms(attempts: u32, jitter: f64) -> i64 {
    let exp = attempts.saturating_sub(1).min(20);
    let full = RETRY_BASE_MS.saturating_mul(1 << exp).min(RETRY_CAP_MS);
    let half = full / 2;
    half + (half as f64 * jitter.clamp(0.0, 1.0)) as i64
}

impl Delivery {
    /// Whether the worker should send it now: queued and its time has come, or left `sending` by a stopped worker
    /// (the caller skips the requests it has in flight itself).
    pub fn is_due(&self, now_ms: i64) -> bool {
        match self.state {
            DeliveryState::Queued => self.next_attempt_ms <= now_ms,
            DeliveryState::Sending => true,
            DeliveryState::Delivered | DeliveryState::Refused => false,
        }
    }

    /// An attempt starts (store this before the request goes out). `next_attempt_ms` becomes the time by which the
    /// request has surely ended ([`http::REQUEST_TIMEOUT_MS`] and a margin): the worker's wake-up alarm then
    /// resumes a send that a stopped worker left behind.
    pub fn begin(&mut self, now_ms: i64) {
        self.state = DeliveryState::Sending;
        self.attempts = self.attempts.saturating_add(1);
        self.next_attempt_ms = now_ms.saturating_add(http::REQUEST_TIMEOUT_MS + 5_000);
    }

    /// The outcome of an attempt. `jitter` is uniform in `[0, 1)` (the caller's randomness).
    pub fn settle(&mut self, answer: &Answer, now_ms: i64, jitter: f64) {
        let retry = |d: &mut Delivery, error: String, at: i64| {
            d.state = DeliveryState::Queued;
            d.last_error = Some(error);
            d.next_attempt_ms = at;
        };
        let backoff = now_ms.saturating_add(backoff_ms(self.attempts.max(1), jitter));
        match answer {
            Answer::Network => retry(self, "network".into(), backoff),
            Answer::Timeout => retry(self, "timeout".into(), backoff),
            Answer::Http {
                status,
                retry_after,
                body,
            } => match status {
                200 | 201 => match body.receipt.as_deref().filter(|r| http::is_receipt(r)) {
                    Some(receipt) => {
                        self.state = DeliveryState::Delivered;
                        self.last_error = None;
                        self.receipt = Some(receipt.to_string());
                        let status = body.status.as_deref().and_then(ComplaintStatus::parse);
                        self.status = Some(status.unwrap_or(ComplaintStatus::Received).as_str().to_string());
                        self.refreshed_ms = Some(now_ms);
                    }
                    None => retry(self, "bad_answer".into(), backoff),
                },
                400 | 413 | 415 | 422 => {
                    self.state = DeliveryState::Refused;
                    self.last_error = Some(http_error(*status));
                    self.refusal = vec![body.error_code.clone().unwrap_or_else(|| http_error(*status))];
                    self.refusal.extend(body.field_codes.iter().cloned());
                }
                429 => {
                    let wait = retry_after
                        .as_deref()
                        .and_then(http::retry_after_ms)
                        .map(|ms| ms.clamp(1_000, RETRY_AFTER_CAP_MS));
                    let at = wait.map_or(backoff, |ms| now_ms.saturating_add(ms));
                    retry(self, "rate_limited".into(), at)
                }
                s => retry(self, http_error(*s), backoff),
            },
        }
    }

    /// Whether to read the report's status from the server now: delivered, not final, and either a person asked
    /// (`forced`) or the last refresh is older than [`REFRESH_EVERY_MS`].
    pub fn refresh_due(&self, now_ms: i64, forced: bool) -> bool {
        let open = self
            .status
            .as_deref()
            .and_then(ComplaintStatus::parse)
            .is_none_or(|s| !s.is_final());
        self.state == DeliveryState::Delivered
            && self.receipt.is_some()
            && open
            && (forced
                || self
                    .refreshed_ms
                    .is_none_or(|t| now_ms.saturating_sub(t) >= REFRESH_EVERY_MS))
    }

    /// The answer to a status request. A failure keeps the known status (the view says when it was last read).
    pub fn apply_status(&mut self, status: u16, body: &AnswerBody, now_ms: i64) -> bool {
        let parsed = body.status.as_deref().and_then(ComplaintStatus::parse);
        match parsed.filter(|_| status == 200 && body.receipt == self.receipt) {
            Some(s) => {
                self.status = Some(s.as_str().to_string());
                self.refreshed_ms = Some(now_ms);
                let reply = body.reply.as_deref().map(str::trim).unwrap_or("");
                self.reply = (!reply.is_empty()).then(|| reply.chars().take(REPLY_MAX).collect());
                true
            }
            None => false,
        }
    }
}

/// `http_<status>`, written digit by digit (no formatting machinery in the wasm build).
fn http_error(status: u16) -> String {
    let mut s = String::from("http_");
    for d in [100, 10, 1] {
        s.push(char::from(b'0' + (status / d % 10) as u8));
    }
    s
}

/// What the worker does now with its stored reports (indices into the list it passed) and when it must wake up.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Plan {
    /// Reports to send now.
    pub send: Vec<usize>,
    /// Delivered reports whose status to read now, with the request for each.
    pub refresh: Vec<(usize, http::HttpRequest)>,
    /// When to wake up next (the worker's alarm): the earliest retry of a queued report or the end of a request in
    /// flight; `None` when nothing waits.
    pub wake_ms: Option<i64>,
}

/// Which status refreshes a plan includes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refresh {
    /// None (a start-up, an alarm, the network coming back).
    No,
    /// Those not read for [`REFRESH_EVERY_MS`] (the popup opened).
    Stale,
    /// Every open one (a person clicked "refresh").
    All,
}

/// The plan for `deliveries` at `now_ms`.
pub fn plan(deliveries: &[Delivery], now_ms: i64, refresh: Refresh) -> Plan {
    let mut p = Plan::default();
    for (i, d) in deliveries.iter().enumerate() {
        if d.is_due(now_ms) {
            p.send.push(i);
        }
        if refresh != Refresh::No && d.refresh_due(now_ms, refresh == Refresh::All) {
            if let Some(r) = d.receipt.as_deref().and_then(http::status_request) {
                p.refresh.push((i, r));
            }
        }
        if matches!(d.state, DeliveryState::Queued | DeliveryState::Sending) {
            p.wake_ms = Some(p.wake_ms.map_or(d.next_attempt_ms, |w| w.min(d.next_attempt_ms)));
        }
    }
    p
}

#[cfg(test)]
mod tests;
