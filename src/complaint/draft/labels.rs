//! Every string of the report dialog, in the reader's language (Vietnamese first, English second). One struct,
//! serialized whole with the draft, so the content script places text and never words anything itself.

use crate::i18n::Lang;
use serde::Serialize;

/// The report dialog's fixed wording.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DraftLabels {
    pub title: &'static str,
    pub close: &'static str,
    pub profile: &'static str,
    pub no_profile: &'static str,
    pub link: &'static str,
    pub excerpt: &'static str,
    pub cues: &'static str,
    pub no_cues: &'static str,
    pub category: &'static str,
    pub suggested: &'static str,
    pub note: &'static str,
    pub note_placeholder: &'static str,
    pub screenshot: &'static str,
    pub screenshot_taking: &'static str,
    pub screenshot_failed: &'static str,
    pub consent: &'static str,
    pub contact: &'static str,
    pub preview: &'static str,
    pub preview_heading: &'static str,
    pub submit: &'static str,
    pub edit: &'static str,
    pub sending: &'static str,
    pub queued: &'static str,
    pub delivered: &'static str,
    pub receipt: &'static str,
    pub failed: &'static str,
    pub nothing_sent: &'static str,
}

impl DraftLabels {
    /// Every label as `(name, text)`, in declaration order (the JSON the dialog reads).
    pub fn pairs(&self) -> [(&'static str, &'static str); 27] {
        [
            ("title", self.title),
            ("close", self.close),
            ("profile", self.profile),
            ("no_profile", self.no_profile),
            ("link", self.link),
            ("excerpt", self.excerpt),
            ("cues", self.cues),
            ("no_cues", self.no_cues),
            ("category", self.category),
            ("suggested", self.suggested),
            ("note", self.note),
            ("note_placeholder", self.note_placeholder),
            ("screenshot", self.screenshot),
            ("screenshot_taking", self.screenshot_taking),
            ("screenshot_failed", self.screenshot_failed),
            ("consent", self.consent),
            ("contact", self.contact),
            ("preview", self.preview),
            ("preview_heading", self.preview_heading),
            ("submit", self.submit),
            ("edit", self.edit),
            ("sending", self.sending),
            ("queued", self.queued),
            ("delivered", self.delivered),
            ("receipt", self.receipt),
            ("failed", self.failed),
            ("nothing_sent", self.nothing_sent),
        ]
    }

    pub fn new(lang: Lang) -> DraftLabels {
        let p = |vi, en| lang.pick(vi, en);
        DraftLabels {
            title: p("Báo cáo quảng cáo đáng ngờ", "Report a suspicious promotion"),
            close: p("Đóng", "Close"),
            profile: p("Hồ sơ", "Profile"),
            no_profile: p(
                "Không nhận ra hồ sơ nào ở đây nên chưa thể gửi báo cáo.",
                "No profile was recognized here, so the report cannot be sent.",
            ),
            link: p("Đường dẫn (đã bỏ tham số theo dõi)", "Link (tracking parameters removed)"),
            excerpt: p("Bài viết", "Post"),
            cues: p("Dấu hiệu phát hiện", "Detected cues"),
            no_cues: p("Không phát hiện dấu hiệu nào.", "No cues detected."),
            category: p("Loại phản ánh", "Category"),
            suggested: p("gợi ý", "suggested"),
            note: p("Mô tả thêm", "Note"),
            note_placeholder: p("Bạn thấy điều gì không đúng?", "What looks wrong?"),
            screenshot: p(
                "Đính kèm ảnh chụp phần trang đang hiển thị",
                "Attach a screenshot of the visible page",
            ),
            screenshot_taking: p("Đang chụp màn hình…", "Taking the screenshot…"),
            screenshot_failed: p(
                "Không chụp được màn hình: trình duyệt chỉ cho phép khi bạn mở báo cáo từ biểu tượng KOL Trust hoặc menu chuột phải.",
                "Could not take the screenshot: the browser allows it only when you open the report from the KOL Trust icon or the right-click menu.",
            ),
            consent: p(
                "Tôi đồng ý gửi thông tin liên hệ để Liên minh hỏi thêm khi cần",
                "I agree to send my contact details so the Alliance can follow up",
            ),
            contact: p("Email hoặc số điện thoại", "Email or phone number"),
            preview: p("Xem trước nội dung gửi", "Preview what will be sent"),
            preview_heading: p(
                "Sẽ gửi đúng những thông tin sau tới máy chủ Liên minh:",
                "Exactly this will be sent to the Alliance server:",
            ),
            submit: p("Gửi báo cáo", "Send report"),
            edit: p("Sửa lại", "Edit"),
            sending: p("Đang gửi…", "Sending…"),
            queued: p(
                "Đã lưu báo cáo trên máy này; tiện ích sẽ gửi ngay khi kết nối được.",
                "Report saved on this device; it will be sent as soon as the server can be reached.",
            ),
            delivered: p("Đã gửi báo cáo tới Liên minh.", "Report sent to the Alliance."),
            receipt: p("Mã tiếp nhận", "Receipt"),
            failed: p("Chưa gửi được báo cáo", "The report was not sent"),
            nothing_sent: p(
                "Không có gì được gửi cho tới khi bạn bấm “Gửi báo cáo”.",
                "Nothing is sent until you press “Send report”.",
            ),
        }
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
