//! The toolbar popup's view: what the page in the current tab is, and the badge of its profile. The popup is the one
//! surface no web page can draw over or imitate, so it states plainly that the extension — not the page — confirms
//! the status. All strings are produced here, localized, so the JavaScript only places them.

use crate::badge::BadgeView;
use crate::i18n::Lang;
use crate::lookup::lookup_link;
use crate::recognize::recognize;
use serde::Serialize;

/// Everything the popup shows, already localized.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PopupView {
    pub lang: &'static str,
    pub heading: &'static str,
    /// `Platform · account` when the page names an account.
    pub subject: Option<String>,
    pub badge: Option<BadgeView>,
    /// One sentence saying what was found (or why nothing is shown).
    pub message: &'static str,
    /// Present while answers come from the demo table.
    pub demo_notice: Option<&'static str>,
    pub options_label: &'static str,
}

/// Builds the popup view for the page at `url`.
pub fn popup_view(url: &str, lang: Lang) -> PopupView {
    let recognized = recognize(url);
    let subject = recognized.as_ref().and_then(|r| {
        r.account
            .as_ref()
            .map(|a| format!("{} · {}", r.platform.display_name(), a.account_id))
    });
    let answer = lookup_link(url, lang);
    let message = match (&recognized, &answer) {
        (None, _) => lang.pick(
            "Trang này không thuộc mạng xã hội được hỗ trợ.",
            "This page is not on a supported social site.",
        ),
        (Some(r), _) if r.account.is_none() => lang.pick(
            "Trang này không thuộc về một hồ sơ cụ thể.",
            "This page does not belong to a specific profile.",
        ),
        (Some(_), None) => lang.pick(
            "Hồ sơ này chưa có trong sổ đăng ký của Liên minh.",
            "This profile is not in the Alliance registry.",
        ),
        (Some(_), Some(_)) => lang.pick(
            "Trạng thái do tiện ích xác nhận — trang web không thể giả mạo khung này.",
            "Confirmed by the extension — a web page cannot fake this panel.",
        ),
    };
    PopupView {
        lang: lang.as_str(),
        heading: lang.pick("Tín nhiệm KOL", "KOL Trust"),
        subject,
        demo_notice: Some(lang.pick(
            "Dữ liệu minh hoạ: bảng demo gồm các nhân vật hư cấu, chưa phải sổ đăng ký thật của Liên minh.",
            "Demo data: the demo table lists fictional people, not the Alliance's real registry.",
        )),
        badge: answer.map(|a| a.badge),
        message,
        options_label: lang.pick("Tuỳ chọn", "Options"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_situation_has_its_message() {
        let v = popup_view("https://www.tiktok.com/@minh.beauty.demo", Lang::Vi);
        assert_eq!(v.badge.as_ref().map(|b| b.state), Some("sanctioned"));
        assert_eq!(v.subject.as_deref(), Some("TikTok · minh.beauty.demo"));
        assert!(v.demo_notice.is_some());
        let unknown = popup_view("https://www.tiktok.com/@nobody.here", Lang::En);
        assert!(unknown.badge.is_none());
        assert_eq!(unknown.message, "This profile is not in the Alliance registry.");
        let system = popup_view("https://www.tiktok.com/explore", Lang::En);
        assert!(system.subject.is_none());
        let elsewhere = popup_view("https://example.org/", Lang::En);
        assert!(elsewhere.message.contains("not on a supported"));
    }
}
