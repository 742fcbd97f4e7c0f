//! "My reports" (the toolbar popup's list): every report this browser submitted, newest first, with its profile,
//! category, creation time, delivery state (waiting to send, sending, sent, refused and why), receipt, status on the
//! server and when that status was last read. Every string is in the person's language. Times are given as Unix
//! milliseconds beside their label: the popup writes them in the browser's own time zone and date format
//! (`Date.toLocaleString`), which the core cannot know and the wasm build should not carry.
//! Built with `push_str` rather than `format!`: this ships in the extension's wasm.

use super::{Delivery, DeliveryState, Summary};
use crate::complaint::model::Category;
use crate::complaint::status::ComplaintStatus;
use crate::complaint::validate::message_for;
use crate::i18n::Lang;
use crate::platform::Platform;
use serde::Serialize;

/// The list and its labels.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MyReportsView {
    pub heading: &'static str,
    /// What the list says when it is empty (`None` when it is not).
    pub empty: Option<&'static str>,
    /// The button that reads every status from the server again.
    pub refresh_label: &'static str,
    pub receipt_label: &'static str,
    pub status_label: &'static str,
    /// Before a report's creation time.
    pub created_label: &'static str,
    /// Before the time its status was last read from the server.
    pub refreshed_label: &'static str,
    pub items: Vec<ReportItem>,
}

/// One report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ReportItem {
    pub id: String,
    /// `TikTok · lan.review.demo0`.
    pub profile: String,
    pub category: &'static str,
    /// When the person submitted it (Unix ms).
    pub created_ms: i64,
    /// `queued`, `sending`, `delivered` or `refused` (for styling).
    pub delivery: &'static str,
    /// The delivery state in words, with the reason of a refusal or of the last failed attempt.
    pub delivery_label: String,
    pub receipt: Option<String>,
    /// `received`, `reviewing`… (for styling), and in words.
    pub status: Option<&'static str>,
    pub status_text: Option<&'static str>,
    /// When the status was last read from the server (Unix ms).
    pub refreshed_ms: Option<i64>,
}

/// Why the last attempt failed, in words.
fn failure(code: &str, lang: Lang) -> &'static str {
    match code {
        "network" => lang.pick("không kết nối được máy chủ", "the server could not be reached"),
        "timeout" => lang.pick("máy chủ không trả lời kịp", "the server did not answer in time"),
        "rate_limited" => lang.pick("máy chủ đang bận", "the server is busy"),
        _ => lang.pick("máy chủ gặp lỗi", "the server had an error"),
    }
}

/// Why the server refused a report, in words: the first refused field's message, else the error code's.
fn refusal(d: &Delivery, lang: Lang) -> &'static str {
    if let Some(f) = d.refused_fields.first() {
        return message_for(&f.code, lang);
    }
    match d.refusal_code.as_deref().unwrap_or("") {
        "too_large" => lang.pick("Báo cáo quá lớn.", "The report is too large."),
        _ => lang.pick(
            "Máy chủ không chấp nhận báo cáo này.",
            "The server does not accept this report.",
        ),
    }
}

fn delivery_label(d: &Delivery, lang: Lang) -> String {
    match d.state {
        DeliveryState::Queued if d.attempts == 0 => lang.pick("Đang chờ gửi", "Waiting to send").to_string(),
        DeliveryState::Queued => {
            let mut s = String::from(lang.pick("Chưa gửi được (", "Not sent yet ("));
            s.push_str(failure(d.last_error.as_deref().unwrap_or(""), lang));
            s.push_str(lang.pick("); sẽ tự động thử lại", "); it will be retried automatically"));
            s
        }
        DeliveryState::Sending => lang.pick("Đang gửi…", "Sending…").to_string(),
        DeliveryState::Delivered => lang.pick("Đã gửi", "Sent").to_string(),
        DeliveryState::Refused => {
            let mut s = String::from(lang.pick("Bị từ chối: ", "Refused: "));
            s.push_str(refusal(d, lang));
            s
        }
    }
}

fn item(summary: &Summary, d: &Delivery, lang: Lang) -> ReportItem {
    let mut profile = String::from(match Platform::parse(&summary.platform) {
        Some(p) => p.display_name(),
        None => summary.platform.as_str(),
    });
    profile.push_str(" · ");
    profile.push_str(&summary.account_id);
    let status = d.status.as_deref().and_then(ComplaintStatus::parse);
    ReportItem {
        id: summary.id.clone(),
        profile,
        category: Category::parse(&summary.category).map_or("", |c| c.label(lang)),
        created_ms: summary.created_ms,
        delivery: d.state.as_str(),
        delivery_label: delivery_label(d, lang),
        receipt: d.receipt.clone(),
        status: status.map(ComplaintStatus::as_str),
        status_text: status.map(|s| s.label(lang)),
        refreshed_ms: d.refreshed_ms,
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
        items,
    }
}
