//! Every string of the report dialog, in the reader's language (Vietnamese first, English second). The dialog's
//! fixed wording is one static table, written into the draft's JSON by iterating it (no code per string in the
//! wasm build), so the content script places text and never words anything itself.

use crate::i18n::Lang;
use serde::ser::{Serialize, SerializeMap, Serializer};

/// The dialog's fixed wording: `(key, Vietnamese, English)`. Keys are what `extension/content/report.js` reads.
pub const DIALOG: &[(&str, &str, &str)] = &[
    ("title", "Báo cáo quảng cáo đáng ngờ", "Report a suspicious promotion"),
    ("close", "Đóng", "Close"),
    ("profile", "Hồ sơ", "Profile"),
    ("no_profile", "Không nhận ra hồ sơ nào ở đây nên chưa thể gửi báo cáo.", "No profile was recognized here, so the report cannot be sent."),
    ("link", "Đường dẫn (đã bỏ tham số theo dõi)", "Link (tracking parameters removed)"),
    ("excerpt", "Bài viết", "Post"),
    ("cues", "Dấu hiệu phát hiện", "Detected cues"),
    ("no_cues", "Không phát hiện dấu hiệu nào.", "No cues detected."),
    ("category", "Loại phản ánh", "Category"),
    ("suggested", "gợi ý", "suggested"),
    ("note", "Mô tả thêm", "Note"),
    ("note_placeholder", "Bạn thấy điều gì không đúng?", "What looks wrong?"),
    ("screenshot", "Đính kèm ảnh chụp phần trang đang hiển thị", "Attach a screenshot of the visible page"),
    ("screenshot_taking", "Đang chụp màn hình…", "Taking the screenshot…"),
    ("screenshot_failed", "Không chụp được màn hình: trình duyệt chỉ cho phép khi bạn mở báo cáo từ biểu tượng KOL Trust hoặc menu chuột phải.", "Could not take the screenshot: the browser allows it only when you open the report from the KOL Trust icon or the right-click menu."),
    ("consent", "Tôi đồng ý gửi thông tin liên hệ để Liên minh hỏi thêm khi cần", "I agree to send my contact details so the Alliance can follow up"),
    ("contact", "Email hoặc số điện thoại", "Email or phone number"),
    ("preview", "Xem trước nội dung gửi", "Preview what will be sent"),
    ("preview_heading", "Sẽ gửi đúng những thông tin sau tới máy chủ Liên minh:", "Exactly this will be sent to the Alliance server:"),
    ("submit", "Gửi báo cáo", "Send report"),
    ("edit", "Sửa lại", "Edit"),
    ("sending", "Đang gửi…", "Sending…"),
    ("queued", "Đã lưu báo cáo trên máy này; tiện ích sẽ gửi ngay khi kết nối được.", "Report saved on this device; it will be sent as soon as the server can be reached."),
    ("delivered", "Đã gửi báo cáo tới Liên minh.", "Report sent to the Alliance."),
    ("receipt", "Mã tiếp nhận", "Receipt"),
    ("failed", "Chưa gửi được báo cáo", "The report was not sent"),
    ("nothing_sent", "Không có gì được gửi cho tới khi bạn bấm “Gửi báo cáo”.", "Nothing is sent until you press “Send report”."),
];

/// The dialog's labels in one language: serialized as a `{key: text}` object.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DraftLabels(pub Lang);

impl DraftLabels {
    /// Every label as `(key, text)`, in table order.
    pub fn pairs(self) -> impl Iterator<Item = (&'static str, &'static str)> {
        DIALOG.iter().map(move |&(k, vi, en)| (k, self.0.pick(vi, en)))
    }

    /// One label (`""` for an unknown key).
    pub fn get(self, key: &str) -> &'static str {
        self.pairs().find(|&(k, _)| k == key).map_or("", |(_, v)| v)
    }
}

impl Serialize for DraftLabels {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(DIALOG.len()))?;
        for (k, v) in self.pairs() {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

/// The names of the preview's lines ("what will be sent").
pub(super) struct ItemLabels {
    pub profile: &'static str,
    pub link: &'static str,
    pub category: &'static str,
    pub note: &'static str,
    pub cues: &'static str,
    pub screenshot: &'static str,
    pub contact: &'static str,
    pub language: &'static str,
    pub id: &'static str,
    pub none: &'static str,
    pub not_attached: &'static str,
    pub not_sent: &'static str,
    pub language_name: &'static str,
}

impl ItemLabels {
    pub(super) fn new(lang: Lang) -> ItemLabels {
        let p = |vi, en| lang.pick(vi, en);
        ItemLabels {
            profile: p("Hồ sơ", "Profile"),
            link: p("Đường dẫn", "Link"),
            category: p("Loại phản ánh", "Category"),
            note: p("Mô tả", "Note"),
            cues: p("Dấu hiệu phát hiện", "Detected cues"),
            screenshot: p("Ảnh chụp màn hình", "Screenshot"),
            contact: p("Liên hệ", "Contact"),
            language: p("Ngôn ngữ", "Language"),
            id: p("Mã báo cáo (chống gửi trùng)", "Report id (prevents duplicates)"),
            none: p("(không có)", "(none)"),
            not_attached: p("Không đính kèm", "Not attached"),
            not_sent: p("Không gửi", "Not sent"),
            language_name: p("Tiếng Việt", "English"),
        }
    }
}
