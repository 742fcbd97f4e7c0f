//! The toolbar popup's view: what the page in the current tab is, and the badge of its profile. The popup is the one
//! surface no web page can draw over or imitate, so it states plainly that the extension — not the page — confirms
//! the status. All strings are produced here, localized, so the JavaScript only places them.

use crate::i18n::Lang;
use crate::recognize::{recognize, MainProfile, PageSignals};
use crate::registry::{Registry, SnapshotError};
use crate::views::badge::BadgeView;
use crate::views::lookup::{lookup_page, BadgeOptions};
use serde::Serialize;

/// Everything the popup shows, already localized.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PopupView {
    /// The popup's language, `vi` or `en`.
    pub lang: &'static str,
    /// The popup's title: "Tín nhiệm KOL" / "KOL Trust".
    pub heading: &'static str,
    /// `Platform · account` when the page names an account.
    pub subject: Option<String>,
    /// The badge of the page's profile; `None` when the page names no account or the registry does not know it.
    pub badge: Option<BadgeView>,
    /// One sentence saying what was found (or why nothing is shown).
    pub message: &'static str,
    /// Present when the profile's record is fictional sample data.
    pub demo_notice: Option<&'static str>,
    /// Which registry answered: sequence, issue day, and whether it is out of date.
    pub registry_line: String,
    /// The link to the options page: "Tuỳ chọn" / "Options".
    pub options_label: &'static str,
    /// "My reports": the heading, and what it says while this browser has sent none (reporting arrives with the
    /// complaint issue; the list then fills from the outbox).
    pub reports_heading: &'static str,
    /// Shown under the reports heading while this browser has sent no report.
    pub reports_empty: &'static str,
}

/// Builds the popup view from what the tab's content script read (or just `{location}` when the page has no
/// content script, such as a site KOL Trust does not cover).
pub fn popup_view(registry: &Registry, signals: &PageSignals, lang: Lang) -> Result<PopupView, SnapshotError> {
    let on_supported_site = recognize(&signals.location).is_some();
    let answer = lookup_page(registry, signals, lang, BadgeOptions::default())?;
    let message = match (&answer.main, &answer.badge) {
        (None, _) if !on_supported_site => lang.pick(
            "Trang này không thuộc mạng xã hội được hỗ trợ.",
            "This page is not on a supported social site.",
        ),
        (None, _) => lang.pick(
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
    let freshness = registry.freshness();
    let issued = crate::registry::Date::from_unix_vn(freshness.issued_unix);
    let mut registry_line = match lang {
        Lang::Vi => format!("Sổ đăng ký số {}, phát hành {issued}", freshness.sequence),
        Lang::En => format!("Registry #{}, issued {issued}", freshness.sequence),
    };
    if freshness.stale {
        registry_line.push_str(lang.pick(" — đã cũ, chưa cập nhật được", " — out of date, not yet refreshed"));
    }
    Ok(PopupView {
        lang: lang.as_str(),
        heading: lang.pick("Tín nhiệm KOL", "KOL Trust"),
        subject: answer.main.as_ref().and_then(subject_line),
        demo_notice: answer.badge.as_ref().filter(|b| b.demo).map(|_| {
            lang.pick(
                "Dữ liệu mẫu: hồ sơ này là nhân vật hư cấu, không phải người thật.",
                "Sample data: this record is a fictional person, not a real one.",
            )
        }),
        badge: answer.badge,
        message,
        options_label: lang.pick("Tuỳ chọn", "Options"),
        reports_heading: lang.pick("Báo cáo của tôi", "My reports"),
        reports_empty: lang.pick(
            "Bạn chưa gửi báo cáo nào từ trình duyệt này.",
            "You have not sent any report from this browser.",
        ),
        registry_line,
    })
}

/// `Platform · name`: the name a person recognizes (a handle) rather than a numeric id, when the page states one.
fn subject_line(main: &MainProfile) -> Option<String> {
    let shown = main
        .accounts
        .iter()
        .find(|a| !a.id_type.is_stable())
        .or_else(|| main.primary())?;
    Some(format!("{} · {}", main.platform.display_name(), shown.account_id))
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::testing::{demo_registry, NOW};

    fn popup_view(signals: &PageSignals, lang: Lang) -> PopupView {
        super::popup_view(&demo_registry(NOW), signals, lang).unwrap()
    }

    fn at(url: &str) -> PageSignals {
        PageSignals {
            location: url.into(),
            ..PageSignals::default()
        }
    }

    #[test]
    fn each_situation_has_its_message() {
        let v = popup_view(&at("https://www.tiktok.com/@minh.beauty.demo"), Lang::Vi);
        assert_eq!(v.badge.as_ref().map(|b| b.state), Some("sanctioned"));
        assert_eq!(v.subject.as_deref(), Some("TikTok · minh.beauty.demo"));
        assert!(v.demo_notice.is_some(), "fictional records are labelled sample data");
        assert_eq!(v.registry_line, "Sổ đăng ký số 1, phát hành 2026-11-29");
        let unknown = popup_view(&at("https://www.tiktok.com/@nobody.here"), Lang::En);
        assert!(unknown.badge.is_none());
        assert_eq!(unknown.message, "This profile is not in the Alliance registry.");
        let system = popup_view(&at("https://www.tiktok.com/explore"), Lang::En);
        assert!(system.subject.is_none());
        let elsewhere = popup_view(&at("https://example.org/"), Lang::En);
        assert!(elsewhere.message.contains("not on a supported"));
        // A post page: the popup names the post's owner.
        let post = popup_view(&at("https://www.facebook.com/lan.review.demo/posts/123"), Lang::En);
        assert_eq!(post.subject.as_deref(), Some("Facebook · lan.review.demo"));
        assert_eq!(post.badge.map(|b| b.state), Some("certified"));
    }
}
