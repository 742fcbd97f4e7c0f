//! "My reports" (the toolbar popup's list): every report this browser submitted, newest first, with its profile,
//! category, creation time, delivery state (waiting to send, sending, sent, refused and why), receipt, status on the
//! server, when that status was last read, and the Alliance's note to the reporter that came with it. Every string is in the person's language. Times are given as Unix
//! milliseconds beside their label: the popup writes them in the browser's own time zone and date format
//! (`Date.toLocaleString`), which the core cannot know and the wasm build should not carry.
//! Built with `push_str` rather than `format!`: this ships in the extension's wasm.

use super::{Delivery, DeliveryState, Summary};
use crate::complaint::model::Category;
use crate::complaint::status::ComplaintStatus;
use crate::complaint::validate::message_for;
use crate::i18n::Lang;
use crate::platform::Platform;
use crate::text::json::Json;
use serde::Serialize;

/// The list and its labels.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MyReportsView {
    /// The list's heading: "Báo cáo của tôi" / "My reports".
    pub heading: &'static str,
    /// What the list says when it is empty (`None` when it is not).
    pub empty: Option<&'static str>,
    /// The button that reads every status from the server again.
    pub refresh_label: &'static str,
    /// Before a report's receipt: "Mã tiếp nhận" / "Receipt".
    pub receipt_label: &'static str,
    /// Before a report's status on the server: "Trạng thái" / "Status".
    pub status_label: &'static str,
    /// Before a report's creation time.
    pub created_label: &'static str,
    /// Before the time its status was last read from the server.
    pub refreshed_label: &'static str,
    /// Before the Alliance's note to the reporter.
    pub reply_label: &'static str,
    /// Every report, newest first.
    pub items: Vec<ReportItem>,
}

/// One report. Only static strings besides what the report itself holds: no text is assembled here (each
/// formatting site costs bytes in the wasm build); the popup places the parts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ReportItem {
    /// The report's idempotency id.
    pub id: String,
    /// The platform's name and the account, e.g. `TikTok` and `lan.review.demo0`.
    pub platform: &'static str,
    /// The reported account's canonical id.
    pub account_id: String,
    /// The category's localized name (empty for an unknown category).
    pub category: &'static str,
    /// When the person submitted it (Unix ms).
    pub created_ms: i64,
    /// `queued`, `sending`, `delivered` or `refused` (for styling).
    pub delivery: &'static str,
    /// The delivery state in words: waiting to send, not sent yet (will retry), sending, sent, refused.
    pub delivery_label: &'static str,
    /// Why: the reason of a refusal or of the last failed attempt.
    pub reason: Option<&'static str>,
    /// The server's receipt once delivered; `None` before.
    pub receipt: Option<String>,
    /// `received`, `reviewing`… (for styling), and in words.
    pub status: Option<&'static str>,
    /// The status in words, localized; `None` until the server reported a status.
    pub status_text: Option<&'static str>,
    /// When the status was last read from the server (Unix ms).
    pub refreshed_ms: Option<i64>,
    /// The Alliance's note to the reporter, as its moderators wrote it (text).
    pub reply: Option<String>,
}

/// Why the last attempt failed, in words.
fn failure(code: &str, lang: Lang) -> &'static str {
    match code {
        "network" => lang.pick("Không kết nối được máy chủ.", "The server could not be reached."),
        "timeout" => lang.pick("Máy chủ không trả lời kịp.", "The server did not answer in time."),
        "rate_limited" => lang.pick("Máy chủ đang bận.", "The server is busy."),
        _ => lang.pick("Máy chủ gặp lỗi.", "The server had an error."),
    }
}

/// Why the server refused a report, in words: the first refused field's message, else the error code's.
fn refusal(d: &Delivery, lang: Lang) -> &'static str {
    if let Some(field_code) = d.refusal.get(1) {
        return message_for(field_code, lang);
    }
    match d.refusal.first().map_or("", String::as_str) {
        "too_large" => lang.pick("Báo cáo quá lớn.", "The report is too large."),
        _ => lang.pick(
            "Máy chủ không chấp nhận báo cáo này.",
            "The server does not accept this report.",
        ),
    }
}

fn delivery_label(d: &Delivery, lang: Lang) -> (&'static str, Option<&'static str>) {
    match d.state {
        DeliveryState::Queued if d.attempts == 0 => (lang.pick("Đang chờ gửi", "Waiting to send"), None),
        DeliveryState::Queued => (
            lang.pick(
                "Chưa gửi được, sẽ tự động thử lại",
                "Not sent yet, will retry automatically",
            ),
            Some(failure(d.last_error.as_deref().unwrap_or(""), lang)),
        ),
        DeliveryState::Sending => (lang.pick("Đang gửi…", "Sending…"), None),
        DeliveryState::Delivered => (lang.pick("Đã gửi", "Sent"), None),
        DeliveryState::Refused => (lang.pick("Bị từ chối", "Refused"), Some(refusal(d, lang))),
    }
}

fn item(summary: &Summary, d: &Delivery, lang: Lang) -> ReportItem {
    let status = d.status.as_deref().and_then(ComplaintStatus::parse);
    let (delivery_label, reason) = delivery_label(d, lang);
    ReportItem {
        id: summary.id.clone(),
        platform: Platform::parse(&summary.platform).map_or("", Platform::display_name),
        account_id: summary.account_id.clone(),
        category: Category::parse(&summary.category).map_or("", |c| c.label(lang)),
        created_ms: summary.created_ms,
        delivery: d.state.as_str(),
        delivery_label,
        reason,
        receipt: d.receipt.clone(),
        status: status.map(ComplaintStatus::as_str),
        status_text: status.map(|s| s.label(lang)),
        refreshed_ms: d.refreshed_ms,
        reply: d.reply.clone(),
    }
}

/// The view of every report, newest first.
pub fn my_reports(reports: &[(Summary, Delivery)], lang: Lang) -> MyReportsView {
    // Newest first by insertion (a handful of reports; no sort routine in the wasm build).
    let mut order: Vec<usize> = Vec::with_capacity(reports.len());
    for i in 0..reports.len() {
        let at = order
            .iter()
            .position(|&j| reports[j].0.created_ms < reports[i].0.created_ms)
            .unwrap_or(order.len());
        order.insert(at, i);
    }
    let items: Vec<ReportItem> = order
        .into_iter()
        .map(|i| item(&reports[i].0, &reports[i].1, lang))
        .collect();
    MyReportsView {
        heading: lang.pick("Báo cáo của tôi", "My reports"),
        empty: items.is_empty().then(|| {
            lang.pick(
                "Bạn chưa gửi báo cáo nào từ trình duyệt này.",
                "You have not sent any report from this browser.",
            )
        }),
        refresh_label: lang.pick("Cập nhật trạng thái", "Refresh statuses"),
        receipt_label: lang.pick("Mã tiếp nhận", "Receipt"),
        status_label: lang.pick("Trạng thái", "Status"),
        created_label: lang.pick("Gửi lúc", "Submitted"),
        refreshed_label: lang.pick("Cập nhật trạng thái lúc", "Status checked"),
        reply_label: lang.pick("Lời nhắn của Liên minh", "Note from the Alliance"),
        items,
    }
}

impl MyReportsView {
    /// The view as JSON text (what the wasm glue hands to JavaScript, which parses it).
    pub fn to_json(&self) -> String {
        let mut j = Json(String::with_capacity(256 + self.items.len() * 320));
        j.open("", '{');
        j.str("heading", self.heading);
        j.opt_str("empty", self.empty);
        j.str("refresh_label", self.refresh_label);
        j.str("receipt_label", self.receipt_label);
        j.str("status_label", self.status_label);
        j.str("created_label", self.created_label);
        j.str("refreshed_label", self.refreshed_label);
        j.str("reply_label", self.reply_label);
        j.open("items", '[');
        for i in &self.items {
            j.open("", '{');
            j.str("id", &i.id);
            j.str("platform", i.platform);
            j.str("account_id", &i.account_id);
            j.str("category", i.category);
            j.opt_num("created_ms", Some(i.created_ms));
            j.str("delivery", i.delivery);
            j.str("delivery_label", i.delivery_label);
            j.opt_str("reason", i.reason);
            j.opt_str("receipt", i.receipt.as_deref());
            j.opt_str("status", i.status);
            j.opt_str("status_text", i.status_text);
            j.opt_num("refreshed_ms", i.refreshed_ms);
            j.opt_str("reply", i.reply.as_deref());
            j.close('}');
        }
        j.close(']');
        j.close('}');
        j.0
    }
}
