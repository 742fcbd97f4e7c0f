//! The batch question a content script asks the service worker — "which of these links are KOL profiles, and what
//! badge does each get?" — and its answer. One message per frame carries many links; the answer keeps their order
//! and has `None` where no badge is due (not a profile link, or an account the registry does not know).

use crate::badge::BadgeView;
use crate::demo;
use crate::i18n::Lang;
use crate::platform::{IdType, Platform};
use crate::recognize::{recognize, Kind};
use serde::Serialize;

/// The badge answer for one link.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LinkAnswer {
    pub platform: Platform,
    pub id_type: IdType,
    pub account_id: String,
    pub kind: Kind,
    pub badge: BadgeView,
}

/// Answers one link: recognizes it and looks the account up.
pub fn lookup_link(href: &str, lang: Lang) -> Option<LinkAnswer> {
    let recognized = recognize(href)?;
    let account = recognized.account?;
    let entry = demo::find(recognized.platform, account.id_type, &account.account_id)?;
    Some(LinkAnswer {
        platform: recognized.platform,
        id_type: account.id_type,
        account_id: account.account_id,
        kind: recognized.kind,
        badge: BadgeView::new(entry.state, entry.display_name, true, lang),
    })
}

/// Answers a batch of links from a page, in order. Only links to a profile itself get a badge: a feed links each
/// person's posts, videos and comments many times over, and a badge on every one of them would bury the page (the
/// author's profile link beside them carries the badge).
pub fn lookup_links<S: AsRef<str>>(hrefs: &[S], lang: Lang) -> Vec<Option<LinkAnswer>> {
    hrefs
        .iter()
        .map(|h| lookup_link(h.as_ref(), lang).filter(|a| a.kind == Kind::Profile))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

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
        );
        assert_eq!(answers.len(), 5);
        let first = answers[0].as_ref().expect("demo account badged");
        assert_eq!(first.badge.state, "sanctioned");
        assert!(first.badge.demo);
        assert!(answers[1].is_none() && answers[2].is_none() && answers[3].is_none());
        assert!(answers[4].is_none(), "post links are not badged");
        let post = lookup_link("https://www.facebook.com/Lan.Review.Demo/posts/1", Lang::En).expect("post owner known");
        assert_eq!(post.kind, Kind::Content);
        assert_eq!(post.badge.label, "Certified · 92");
    }
}
