//! The questions the extension asks about a page, and their answers:
//!
//! - **links**: "which of these links are KOL profiles, and what badge does each get?" One message per frame carries
//!   many links; the answer keeps their order and has `None` where no badge is due.
//! - **page**: "whose page is this, and what is their status?" From the page-level signals a content script reads
//!   ([`PageSignals`]); the answer drives the badge in the profile header and the toolbar popup.
//!
//! Answers come from a signed, opened [`Registry`]. A registry damaged after it was opened (a body chunk whose hash
//! no longer matches, found on first touch) makes the question fail with the [`SnapshotError`], so the glue can
//! fall back to a good snapshot instead of showing a wrong answer.

use crate::i18n::Lang;
use crate::platform::{IdType, Platform};
use crate::recognize::{main_profile, recognize, AccountRef, Kind, MainProfile, PageSignals};
use crate::registry::{Registry, SnapshotError};
use crate::views::badge::{badge_of_named, BadgeView, Standing};
use serde::{Deserialize, Serialize};

/// What the person chose to see (options page).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct BadgeOptions {
    /// Also mark recognized profiles the registry does not know ("not registered").
    pub show_unknown: bool,
    /// Which registered states get a badge at all.
    pub only: BadgeFilter,
}

/// "What to badge" (options page). Lookalike warnings are always shown: they protect people from impersonators
/// whatever they chose to see.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BadgeFilter {
    /// Every state (and unregistered accounts too if [`BadgeOptions::show_unknown`]); the default.
    #[default]
    All,
    /// Only accounts with a sanction in effect.
    Sanctioned,
    /// Only accounts with a valid certificate.
    Certified,
}

impl BadgeOptions {
    /// Whether a badge in `state` (a [`BadgeView::state`] code) is wanted.
    pub fn wants(&self, state: &str) -> bool {
        match (self.only, state) {
            (_, "lookalike") => true,
            (BadgeFilter::All, "unknown") => self.show_unknown,
            (BadgeFilter::All, _) => true,
            (BadgeFilter::Sanctioned, s) => s == "sanctioned",
            (BadgeFilter::Certified, s) => s == "certified",
        }
    }
}

/// The badge answer for one link.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LinkAnswer {
    /// The platform the link points to.
    pub platform: Platform,
    /// The namespace of the account the link names.
    pub id_type: IdType,
    /// The canonical account id the link names.
    pub account_id: String,
    /// Whether the link is the profile itself or a piece of its content (a post, a video, a product).
    pub kind: Kind,
    /// The badge to draw beside the link.
    pub badge: BadgeView,
}

/// The registry's badge for one account: registered, a lookalike of a registered account, or `None`.
pub fn account_badge(
    registry: &Registry,
    platform: Platform,
    account: &AccountRef,
    display_name: Option<&str>,
    lang: Lang,
) -> Result<Option<BadgeView>, SnapshotError> {
    badge_of_named(
        registry,
        platform,
        account.id_type,
        &account.account_id,
        display_name,
        lang,
    )
}

/// Answers one link: recognizes it and looks the account up (profile and content links alike).
pub fn lookup_link(
    registry: &Registry,
    href: &str,
    lang: Lang,
    options: BadgeOptions,
) -> Result<Option<LinkAnswer>, SnapshotError> {
    lookup_named_link(registry, href, None, lang, options)
}

/// [`lookup_link`] with the display name the page shows beside the link (`name`), which an impersonator may have
/// copied from a registered KOL.
pub fn lookup_named_link(
    registry: &Registry,
    href: &str,
    name: Option<&str>,
    lang: Lang,
    options: BadgeOptions,
) -> Result<Option<LinkAnswer>, SnapshotError> {
    let Some(recognized) = recognize(href) else {
        return Ok(None);
    };
    let Some(account) = recognized.account else {
        return Ok(None);
    };
    let badge = account_badge(registry, recognized.platform, &account, name, lang)?;
    Ok(link_answer(
        recognized.platform,
        recognized.kind,
        account,
        badge,
        lang,
        options,
    ))
}

/// The answer for a link recognized on `platform` as `kind` whose account got `badge` (`None`: not in the
/// registry), if the options show it.
fn link_answer(
    platform: Platform,
    kind: Kind,
    account: AccountRef,
    badge: Option<BadgeView>,
    lang: Lang,
    options: BadgeOptions,
) -> Option<LinkAnswer> {
    let badge = badge.unwrap_or_else(|| BadgeView::not_in_registry(lang));
    options.wants(badge.state).then_some(LinkAnswer {
        platform,
        id_type: account.id_type,
        account_id: account.account_id,
        kind,
        badge,
    })
}

/// Answers a batch of links from a page, in order. Only links to a profile itself get a badge: a feed links each
/// person's posts, videos and comments many times over, and a badge on every one of them would bury the page (the
/// author's profile link beside them carries the badge).
pub fn lookup_links<S: AsRef<str>>(
    registry: &Registry,
    hrefs: &[S],
    lang: Lang,
    options: BadgeOptions,
) -> Result<Vec<Option<LinkAnswer>>, SnapshotError> {
    lookup_named_links(registry, hrefs, &[], lang, options)
}

/// [`lookup_links`] with the display name shown beside each link (`names[i]` for `hrefs[i]`; missing or `None`
/// where the page shows none).
pub fn lookup_named_links<S: AsRef<str>>(
    registry: &Registry,
    hrefs: &[S],
    names: &[Option<String>],
    lang: Lang,
    options: BadgeOptions,
) -> Result<Vec<Option<LinkAnswer>>, SnapshotError> {
    let partial = answer_what_is_loaded(registry, hrefs, names, lang, options)?;
    match partial.first_missing {
        Some(c) => Err(SnapshotError::NotLoaded(c)),
        None => Ok(partial.answers),
    }
}

/// A batch answered as far as the loaded bytes allow (a registry read lazily: `Registry::open_resident`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PartialAnswers {
    /// One answer per link, in order: `None` for a link listed in `pending`; for a link listed in `recheck`, the
    /// answer of an account the registry does not hold (a mark only when the options show unregistered accounts).
    pub answers: Vec<Option<LinkAnswer>>,
    /// The links (indices into the batch) whose registry entry needs bytes not loaded yet (a registered account's
    /// record): asking these links again fails for want of those bytes and names them (`Registry::take_wanted`).
    pub pending: Vec<u32>,
    /// The links not in the registry whose look-alike check needs bytes not loaded yet (the name index, or the
    /// record of a KOL they may imitate): answered for now as unregistered, to be asked again for the final answer.
    pub recheck: Vec<u32>,
    /// The first chunk found missing, for [`SnapshotError::NotLoaded`].
    #[serde(skip)]
    pub first_missing: Option<usize>,
}

/// [`lookup_named_links`] without failing for want of bytes: every link the loaded bytes can answer is answered,
/// the others are listed. A cold start opens the registry from its resident prefix (the account index, not the
/// name index); its first batch usually holds a few registered accounts whose records are not loaded yet
/// (`pending`: the worker reads them and asks those links again before it replies) among many strangers, whose
/// look-alike checks need the name index (`recheck`: the content script asks those links again, and that question
/// reads the name index). Registered accounts are thus badged without waiting for the look-alike keys, and no link
/// is answered twice within one reply (docs/performance.md).
pub fn lookup_named_links_partial<S: AsRef<str>>(
    registry: &Registry,
    hrefs: &[S],
    names: &[Option<String>],
    lang: Lang,
    options: BadgeOptions,
) -> Result<PartialAnswers, SnapshotError> {
    let partial = answer_what_is_loaded(registry, hrefs, names, lang, options);
    // What the pass found missing is forgotten: asking the pending links again names their records alone, without
    // the name index the rechecked links' look-alike checks wanted (they are asked again later, on their own).
    registry.forget_wanted();
    partial
}

/// One pass over a batch: answers what the loaded bytes allow, lists the rest, and leaves the registry noting every
/// chunk found missing ([`Registry::take_wanted`]).
fn answer_what_is_loaded<S: AsRef<str>>(
    registry: &Registry,
    hrefs: &[S],
    names: &[Option<String>],
    lang: Lang,
    options: BadgeOptions,
) -> Result<PartialAnswers, SnapshotError> {
    // Every link is tried even after one lacks bytes, so that one round of loading brings all of them.
    let mut partial = PartialAnswers {
        answers: Vec::with_capacity(hrefs.len()),
        pending: Vec::new(),
        recheck: Vec::new(),
        first_missing: None,
    };
    for (i, h) in hrefs.iter().enumerate() {
        let recognized = recognize(h.as_ref()).filter(|r| r.kind == Kind::Profile);
        let Some((platform, kind, account)) = recognized.and_then(|r| Some((r.platform, r.kind, r.account?))) else {
            partial.answers.push(None);
            continue;
        };
        let (id_type, id) = (account.id_type, account.account_id.as_str());
        let standing = match Standing::registered(registry, platform, id_type, id) {
            Err(SnapshotError::NotLoaded(c)) => {
                partial.first_missing.get_or_insert(c);
                partial.pending.push(i as u32);
                partial.answers.push(None);
                continue;
            }
            found => found?,
        };
        let standing = match standing {
            Some(registered) => registered,
            None => {
                let name = names.get(i).and_then(|n| n.as_deref());
                match Standing::unregistered(registry, platform, id_type, id, name, lang) {
                    Err(SnapshotError::NotLoaded(c)) => {
                        partial.first_missing.get_or_insert(c);
                        partial.recheck.push(i as u32);
                        Standing::Unknown
                    }
                    checked => checked?,
                }
            }
        };
        let badge = standing.shown_badge(registry, lang);
        partial
            .answers
            .push(link_answer(platform, kind, account, badge, lang, options));
    }
    Ok(partial)
}

/// Whose page this is, and their badge.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PageAnswer {
    /// Whose page this is, as recognized from the page's signals; `None` when the page is nobody's profile.
    pub main: Option<MainProfile>,
    /// The badge of the main profile: from the first of its names the registry knows (stable ids come first).
    pub badge: Option<BadgeView>,
    /// The account whose badge is shown (the detail card is asked for it).
    pub account: Option<AccountRef>,
    /// The page is content (a product, a post, a live room) of an account under a sanction in effect: the content
    /// script shows the badge a second time at the page's title, so that it is seen before anything is bought,
    /// wherever the site puts the seller's name.
    pub prominent: bool,
}

/// Answers the page question from the signals a content script read.
pub fn lookup_page(
    registry: &Registry,
    signals: &PageSignals,
    lang: Lang,
    options: BadgeOptions,
) -> Result<PageAnswer, SnapshotError> {
    let main = main_profile(signals);
    let mut badge = None;
    let mut shown = None;
    if let Some(m) = &main {
        // Every name of the page's owner is looked up before any is checked for imitation: a channel's id may be
        // unregistered while its handle is, and the page's own name then is the KOL's, not an imitation of it.
        for account in &m.accounts {
            if registry
                .lookup(m.platform, account.id_type, &account.account_id)?
                .is_some()
            {
                badge = account_badge(registry, m.platform, account, None, lang)?;
                shown = Some(account.clone());
                break;
            }
        }
        if badge.is_none() {
            let name = signals.display_name.as_deref();
            for account in &m.accounts {
                if let Some(b) = account_badge(registry, m.platform, account, name, lang)? {
                    badge = Some(b);
                    shown = Some(account.clone());
                    break;
                }
            }
        }
        if badge.is_none() && options.show_unknown {
            badge = Some(BadgeView::not_in_registry(lang));
            shown = m.primary().cloned();
        }
        if badge.as_ref().is_some_and(|b| !options.wants(b.state)) {
            badge = None;
            shown = None;
        }
    }
    let prominent = main.as_ref().is_some_and(|m| m.kind == Kind::Content)
        && badge.as_ref().is_some_and(|b| b.state == "sanctioned");
    Ok(PageAnswer {
        main,
        badge,
        account: shown,
        prominent,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{demo_registry, NOW};

    const DEFAULT: BadgeOptions = BadgeOptions {
        show_unknown: false,
        only: BadgeFilter::All,
    };
    const SHOW_UNKNOWN: BadgeOptions = BadgeOptions {
        show_unknown: true,
        only: BadgeFilter::All,
    };

    #[test]
    fn what_to_badge_filters_states_but_never_hides_lookalike_warnings() {
        let reg = demo_registry(NOW);
        let hrefs = [
            "https://www.tiktok.com/@minh.beauty.demo",
            "https://www.tiktok.com/@bepnha.demo",
            "https://www.tiktok.com/@minh.beauty.dem0",
            "https://www.tiktok.com/@someone.else",
        ];
        let states = |only| -> Vec<Option<&'static str>> {
            let options = BadgeOptions {
                show_unknown: true,
                only,
            };
            lookup_links(&reg, &hrefs, Lang::En, options)
                .unwrap()
                .iter()
                .map(|a| a.as_ref().map(|a| a.badge.state))
                .collect()
        };
        assert_eq!(
            states(BadgeFilter::All),
            [
                Some("sanctioned"),
                Some("certified"),
                Some("lookalike"),
                Some("unknown")
            ]
        );
        assert_eq!(
            states(BadgeFilter::Sanctioned),
            [Some("sanctioned"), None, Some("lookalike"), None]
        );
        assert_eq!(
            states(BadgeFilter::Certified),
            [None, Some("certified"), Some("lookalike"), None]
        );
    }

    #[test]
    fn content_of_a_sanctioned_account_is_prominent() {
        let reg = demo_registry(NOW);
        let page = |url: &str| {
            let signals = PageSignals {
                location: url.into(),
                ..PageSignals::default()
            };
            lookup_page(&reg, &signals, Lang::Vi, DEFAULT).unwrap()
        };
        // A live room or video of a sanctioned account: shown twice, at the owner's name and at the title.
        let live = page("https://www.tiktok.com/@minh.beauty.demo/live");
        assert_eq!(live.badge.as_ref().map(|b| b.state), Some("sanctioned"));
        assert!(live.prominent);
        // Its profile has the header badge already; a certified account's content is not singled out.
        assert!(!page("https://www.tiktok.com/@minh.beauty.demo").prominent);
        assert!(!page("https://www.tiktok.com/@bepnha.demo/video/1").prominent);
    }

    #[test]
    fn known_profile_links_get_badges_and_others_do_not() {
        let reg = demo_registry(NOW);
        let answers = lookup_links(
            &reg,
            &[
                "https://www.tiktok.com/@minh.beauty.demo",
                "https://www.tiktok.com/@someone.else",
                "https://www.tiktok.com/explore",
                "not a url",
                "https://www.facebook.com/Lan.Review.Demo/posts/1",
            ],
            Lang::En,
            DEFAULT,
        )
        .unwrap();
        assert_eq!(answers.len(), 5);
        let first = answers[0].as_ref().expect("registered account badged");
        assert_eq!(first.badge.state, "sanctioned");
        assert!(first.badge.demo, "fictional sample records say so");
        assert!(answers[1].is_none() && answers[2].is_none() && answers[3].is_none());
        assert!(answers[4].is_none(), "post links are not badged");
        let post = lookup_link(
            &reg,
            "https://www.facebook.com/Lan.Review.Demo/posts/1",
            Lang::En,
            DEFAULT,
        )
        .unwrap()
        .expect("owner");
        assert_eq!(post.kind, Kind::Content);
        assert_eq!(post.badge.label, "Certified · 92");
    }

    #[test]
    fn unknown_profiles_are_marked_only_on_request() {
        let reg = demo_registry(NOW);
        let hrefs = ["https://www.tiktok.com/@someone.else", "https://www.tiktok.com/explore"];
        let shown = lookup_links(&reg, &hrefs, Lang::Vi, SHOW_UNKNOWN).unwrap();
        assert_eq!(shown[0].as_ref().map(|a| a.badge.state), Some("unknown"));
        assert_eq!(shown[0].as_ref().map(|a| a.badge.label.as_str()), Some("Chưa đăng ký"));
        assert!(shown[1].is_none(), "system pages never get a badge");
        assert!(lookup_links(&reg, &hrefs, Lang::Vi, DEFAULT).unwrap()[0].is_none());
    }

    #[test]
    fn lookalikes_of_registered_handles_are_flagged() {
        let reg = demo_registry(NOW);
        let a = lookup_links(&reg, &["https://www.tiktok.com/@minh.beauty.dem0"], Lang::En, DEFAULT).unwrap();
        assert_eq!(a[0].as_ref().map(|a| a.badge.state), Some("lookalike"));
    }

    #[test]
    fn a_registered_name_of_the_page_wins_over_an_imitation_by_another() {
        use crate::platform::Platform;
        let reg = demo_registry(NOW);
        // A page naming an unregistered look-alike handle and, after it, the registered one, and showing the KOL's
        // decorated name: the page is the registered account's.
        let signals = PageSignals {
            location: "https://www.tiktok.com/@minh.beauty.dem0".into(),
            canonical: Some("https://www.tiktok.com/@minh.beauty.demo".into()),
            display_name: Some("Lê Ngọc Minh Official".into()),
            ..Default::default()
        };
        let a = lookup_page(&reg, &signals, Lang::Vi, DEFAULT).unwrap();
        assert_eq!(a.badge.map(|b| b.state), Some("sanctioned"));
        assert_eq!(a.main.map(|m| m.platform), Some(Platform::Tiktok));
    }

    #[test]
    fn page_answer_uses_any_known_name_of_the_main_profile() {
        let reg = demo_registry(NOW);
        let signals = PageSignals {
            location: "https://www.youtube.com/@SomeOldHandle".into(),
            canonical: Some("https://www.youtube.com/channel/UCdemo0000000000000000A1".into()),
            ..PageSignals::default()
        };
        let answer = lookup_page(&reg, &signals, Lang::En, DEFAULT).unwrap();
        assert_eq!(answer.main.as_ref().map(|m| m.kind), Some(Kind::Profile));
        assert_eq!(answer.badge.map(|b| b.state), Some("expired"));
        assert_eq!(
            answer.account.map(|a| a.account_id),
            Some("UCdemo0000000000000000A1".to_string()),
            "the account whose badge is shown, for its card"
        );
        let nobody = PageSignals {
            location: "https://www.tiktok.com/explore".into(),
            ..PageSignals::default()
        };
        assert_eq!(lookup_page(&reg, &nobody, Lang::En, SHOW_UNKNOWN).unwrap().badge, None);
    }
}
