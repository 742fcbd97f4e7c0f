//! The questions the extension asks about a page, and their answers:
//!
//! - **links**: "which of these links are KOL profiles, and what badge does each get?" One message per frame carries
//!   many links; the answer keeps their order and has `None` where no badge is due.
//! - **page**: "whose page is this, and what is their status?" From the page-level signals a content script reads
//!   ([`PageSignals`]); the answer drives the badge in the profile header and the toolbar popup.
//!
//! Registry answers come from the demo table until the signed registry is wired in; every such answer is flagged
//! `demo`.

use crate::badge::BadgeView;
use crate::demo;
use crate::i18n::Lang;
use crate::platform::{IdType, Platform};
use crate::recognize::{main_profile, recognize, AccountRef, Kind, MainProfile, PageSignals};
use serde::{Deserialize, Serialize};

/// What the person chose to see (options page).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct BadgeOptions {
    /// Also mark recognized profiles the registry does not know ("not registered").
    pub show_unknown: bool,
}

/// The badge answer for one link.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LinkAnswer {
    pub platform: Platform,
    pub id_type: IdType,
    pub account_id: String,
    pub kind: Kind,
    pub badge: BadgeView,
}

/// The registry's badge for one account, if it knows it.
pub fn account_badge(platform: Platform, account: &AccountRef, lang: Lang) -> Option<BadgeView> {
    let entry = demo::find(platform, account.id_type, &account.account_id)?;
    Some(BadgeView::new(entry.state, entry.display_name, true, lang))
}

/// Answers one link: recognizes it and looks the account up (profile and content links alike).
pub fn lookup_link(href: &str, lang: Lang, options: BadgeOptions) -> Option<LinkAnswer> {
    let recognized = recognize(href)?;
    let account = recognized.account?;
    let badge = match account_badge(recognized.platform, &account, lang) {
        Some(b) => b,
        None if options.show_unknown => BadgeView::not_in_registry(lang),
        None => return None,
    };
    Some(LinkAnswer {
        platform: recognized.platform,
        id_type: account.id_type,
        account_id: account.account_id,
        kind: recognized.kind,
        badge,
    })
}

/// Answers a batch of links from a page, in order. Only links to a profile itself get a badge: a feed links each
/// person's posts, videos and comments many times over, and a badge on every one of them would bury the page (the
/// author's profile link beside them carries the badge).
pub fn lookup_links<S: AsRef<str>>(hrefs: &[S], lang: Lang, options: BadgeOptions) -> Vec<Option<LinkAnswer>> {
    hrefs
        .iter()
        .map(|h| lookup_link(h.as_ref(), lang, options).filter(|a| a.kind == Kind::Profile))
        .collect()
}

/// Whose page this is, and their badge.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PageAnswer {
    pub main: Option<MainProfile>,
    /// The badge of the main profile: from the first of its names the registry knows (stable ids come first).
    pub badge: Option<BadgeView>,
}

/// Answers the page question from the signals a content script read.
pub fn lookup_page(signals: &PageSignals, lang: Lang, options: BadgeOptions) -> PageAnswer {
    let main = main_profile(signals);
    let badge = main.as_ref().and_then(|m| {
        m.accounts
            .iter()
            .find_map(|a| account_badge(m.platform, a, lang))
            .or_else(|| options.show_unknown.then(|| BadgeView::not_in_registry(lang)))
    });
    PageAnswer { main, badge }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DEFAULT: BadgeOptions = BadgeOptions { show_unknown: false };

    #[test]
    fn known_profile_links_get_badges_and_others_do_not() {
        let answers = lookup_links(
            &[
                "https://www.tiktok.com/@minh.beauty.demo",
                "https://www.tiktok.com/@someone.else",
                "https://www.tiktok.com/explore",
                "not a url",
                "https://www.facebook.com/Lan.Review.Demo/posts/1",
            ],
            Lang::En,
            DEFAULT,
        );
        assert_eq!(answers.len(), 5);
        let first = answers[0].as_ref().expect("demo account badged");
        assert_eq!(first.badge.state, "sanctioned");
        assert!(first.badge.demo);
        assert!(answers[1].is_none() && answers[2].is_none() && answers[3].is_none());
        assert!(answers[4].is_none(), "post links are not badged");
        let post = lookup_link("https://www.facebook.com/Lan.Review.Demo/posts/1", Lang::En, DEFAULT).expect("owner");
        assert_eq!(post.kind, Kind::Content);
        assert_eq!(post.badge.label, "Certified · 92");
    }

    #[test]
    fn unknown_profiles_are_marked_only_on_request() {
        let hrefs = ["https://www.tiktok.com/@someone.else", "https://www.tiktok.com/explore"];
        let shown = lookup_links(&hrefs, Lang::Vi, BadgeOptions { show_unknown: true });
        assert_eq!(shown[0].as_ref().map(|a| a.badge.state), Some("unknown"));
        assert_eq!(shown[0].as_ref().map(|a| a.badge.label.as_str()), Some("Chưa đăng ký"));
        assert!(shown[1].is_none(), "system pages never get a badge");
        assert!(lookup_links(&hrefs, Lang::Vi, DEFAULT)[0].is_none());
    }

    #[test]
    fn page_answer_uses_any_known_name_of_the_main_profile() {
        let signals = PageSignals {
            location: "https://www.youtube.com/@SomeOldHandle".into(),
            canonical: Some("https://www.youtube.com/channel/UCdemo0000000000000000A1".into()),
            ..PageSignals::default()
        };
        let answer = lookup_page(&signals, Lang::En, DEFAULT);
        assert_eq!(answer.main.as_ref().map(|m| m.kind), Some(Kind::Profile));
        assert_eq!(answer.badge.map(|b| b.state), Some("expired"));
        let nobody = PageSignals {
            location: "https://www.tiktok.com/explore".into(),
            ..PageSignals::default()
        };
        assert_eq!(
            lookup_page(&nobody, Lang::En, BadgeOptions { show_unknown: true }).badge,
            None
        );
    }
}
