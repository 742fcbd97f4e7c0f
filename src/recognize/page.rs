//! Page-level signals: which account a whole page is about (its *main profile*), from what a content script can
//! read cheaply, and — when the page states both — which stable id goes with which handle.
//!
//! ## The message ([`PageSignals`], camelCase JSON from the content scripts)
//! | field | content script reads | example (from `shared/pages/`) |
//! | --- | --- | --- |
//! | `location` | `location.href` | `https://m.facebook.com/Nintendo/posts/` |
//! | `canonical` | `link[rel=canonical]` `href` | `https://www.youtube.com/channel/UCzcRQ3vRNr6fJ1A9rqFn7QA` |
//! | `ogUrl` | `meta[property="og:url"]` `content` | `https://www.tiktok.com/@illojuan` |
//! | `alUrls` | `meta[property^="al:"][property$=":url"]` `content` (app links) | `fb://page/119240841493711` |
//! | `jsonLdUrls` | JSON-LD `url`/`@id`/`sameAs` of the page's main entity or author, microdata `link[itemprop=url]` | `https://en-gb.facebook.com/Nintendo/` |
//! | `ownerUrls` | links in the block where the site names a content page's owner (`extension/content/sites.js` `owner`): a video's channel, a post's author, a product's seller, a live room's host | `https://shopee.vn/mochi.store.demo?entryPoint=ShopByPDP` |
//! | `stableIds` | per-site attributes that carry ids: YouTube `meta[itemprop=identifier]` / `meta[itemprop=channelId]`, Facebook page ids, X user ids; with the handle shown next to the id when there is one | `{kind: "yt_channel_id", value: "UCWnPjmqvljcafA0z2U1fwKQ"}` |
//!
//! Everything is page content, so hostile: the core trusts none of it beyond what it can check. A URL only counts
//! when it recognizes on the same site as the page (a page cannot make itself the profile of another site), and
//! ids must be well-formed.
//!
//! ## The decision ([`main_profile`])
//! 1. The page's site is the site of `location` (or, if that is not recognized, of the first recognized URL).
//! 2. The first URL that names an account on that site wins, in this order: `canonical`, `ogUrl`, `alUrls`,
//!    `location`, then `ownerUrls`, then `jsonLdUrls`, each of the last two only when it names a single account.
//!    The site's own canonical beats the location because locations carry aliases (`profile.php?id=`, mobile paths,
//!    old handles that redirect). The rendered owner block beats structured data because it follows SPA
//!    navigation, where JSON-LD and microdata often still describe the first page the tab loaded. The kind is the
//!    winner's (`profile` or `content`); for the owner block and structured data, which name the page's owner, it
//!    is `profile` only on a profile location and `content` otherwise (a video page's uploader, a product's seller).
//! 3. Other URLs naming an account on the same site in a *different namespace* (a `/channel/UC…` canonical for an
//!    `/@handle` location, a username canonical for a `profile.php?id=` location) are further names of the same
//!    account and are added. Two different names in the same namespace are not: the winner stands alone. On a
//!    content page, the owner block's single account counts as such a further name too (a Shopee product URL
//!    names its shop by id, the seller block by username).
//! 4. Stable ids: from the URLs themselves, from Facebook app links (`fb://page/N`, `fb://profile/N`), and from
//!    `stableIds`. A signal with a `handle` ties to the main profile only if its handle or its id matches the main
//!    profile (otherwise it is some other account on the page, such as a commenter). A signal without a handle is
//!    page-level (the site puts it on the page's own entity) and ties if it is the only value of its kind and does
//!    not contradict an id the URLs state. With no account from URLs, a page-level id alone makes the main profile
//!    (a YouTube watch page's `channelId`).
//!
//! Content scripts must read the signals when the page has settled after an SPA navigation (sites update the
//! canonical link and metas with the route); a stale canonical would name the previous page's account.

use super::normalize::{canonical_id, DIGITS, FB_USERNAME, X_HANDLE, YT_NAME};
use super::youtube::is_channel_id;
use super::{recognize, AccountRef, Kind, Recognized};
use crate::platform::{IdType, Platform};
use serde::{Deserialize, Serialize};

/// What a content script reports about the page it runs in (see the module docs for each field's source).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PageSignals {
    /// The tab's address, `location.href`.
    pub location: String,
    /// The `href` of `link[rel=canonical]`; `None` when the page has none.
    pub canonical: Option<String>,
    /// The `content` of `meta[property="og:url"]`; `None` when the page has none.
    pub og_url: Option<String>,
    /// App-link URLs (`al:*:url` metas), e.g. `fb://page/119240841493711`.
    pub al_urls: Vec<String>,
    /// URLs from structured data: JSON-LD `url`/`@id`/`sameAs` of the main entity or author, microdata `itemprop=url`.
    pub json_ld_urls: Vec<String>,
    /// Links in the site's owner block of a content page (author, channel, seller, live host).
    pub owner_urls: Vec<String>,
    /// Stable ids read from per-site attributes, each with the handle shown next to it if any.
    pub stable_ids: Vec<StableIdSignal>,
    /// The name the page shows for its owner (the profile header's name), if the site shows one: an unregistered
    /// account showing a registered KOL's name is an impersonation warning.
    #[serde(default)]
    pub display_name: Option<String>,
}

/// A stable id the page states, with the handle shown next to it when the page shows one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StableIdSignal {
    /// Which namespace the id is in.
    pub kind: StableIdKind,
    /// The id as the page states it (checked and canonicalized before use; a malformed id is ignored).
    pub value: String,
    /// The handle/username the page shows with this id (`@OneMedia.`, `arscontexta`), if any.
    #[serde(default)]
    pub handle: Option<String>,
}

/// The stable-id namespaces a page can state.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StableIdKind {
    /// A Facebook page or profile id.
    FbNumericId,
    /// A YouTube `UC…` channel id.
    YtChannelId,
    /// An X numeric user id. The registry has no namespace for these yet, so they are carried in
    /// [`MainProfile::x_user_id`] rather than in `accounts`.
    XUserId,
}

impl StableIdKind {
    /// The platform whose ids these are.
    pub fn platform(self) -> Platform {
        match self {
            StableIdKind::FbNumericId => Platform::Facebook,
            StableIdKind::YtChannelId => Platform::Youtube,
            StableIdKind::XUserId => Platform::X,
        }
    }

    /// The registry namespace of this kind of id, when there is one.
    pub fn id_type(self) -> Option<IdType> {
        match self {
            StableIdKind::FbNumericId => Some(IdType::FbNumericId),
            StableIdKind::YtChannelId => Some(IdType::YtChannelId),
            StableIdKind::XUserId => None,
        }
    }

    /// The id in canonical form, or `None` if it is malformed.
    fn check(self, value: &str) -> Option<String> {
        let value = value.trim();
        match self {
            StableIdKind::YtChannelId => is_channel_id(value).then(|| value.to_owned()),
            StableIdKind::FbNumericId | StableIdKind::XUserId => canonical_id(value, DIGITS),
        }
    }
}

/// The account a page is about.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MainProfile {
    /// The platform of the page's site.
    pub platform: Platform,
    /// `Profile` on the account's own pages, `Content` on its posts and videos. Never `NotProfile`.
    pub kind: Kind,
    /// Every registry key the page states for this one account: stable ids first, then names. Never empty.
    pub accounts: Vec<AccountRef>,
    /// The account's X user id, when the page states it.
    pub x_user_id: Option<String>,
}

impl MainProfile {
    /// The preferred key: the stable id when the page states one, else the name. (`None` only for a value not made
    /// by [`main_profile`], which never returns an empty list.)
    pub fn primary(&self) -> Option<&AccountRef> {
        self.accounts.first()
    }
}

/// Decides the page's main profile (see the module docs). `None` when the page is about no account.
pub fn main_profile(signals: &PageSignals) -> Option<MainProfile> {
    let location = recognize(&signals.location);
    let page_urls = signals
        .canonical
        .iter()
        .chain(&signals.og_url)
        .chain(&signals.al_urls)
        .map(|u| recognize(&app_link_to_web(u)))
        .chain(std::iter::once(location.clone()));
    let page: Vec<Recognized> = page_urls.flatten().collect();
    let platform = location.as_ref().or(page.first())?.platform;
    let on_site = |r: &Recognized| r.platform == platform && r.account.is_some();

    let mut found: Vec<(AccountRef, Kind)> = page
        .iter()
        .filter(|r| on_site(r))
        .filter_map(|r| Some((r.account.clone()?, r.kind)))
        .collect();
    let named = |urls: &[String]| -> Vec<AccountRef> {
        let accounts: Vec<AccountRef> = urls
            .iter()
            .filter_map(|u| recognize(u))
            .filter(on_site)
            .filter_map(|r| r.account)
            .collect();
        if single_account(&accounts) {
            accounts
        } else {
            Vec::new()
        }
    };
    let owner = named(&signals.owner_urls);
    if found.is_empty() {
        let owner = if owner.is_empty() {
            named(&signals.json_ld_urls)
        } else {
            owner
        };
        let kind = if location.as_ref().is_some_and(|l| l.kind == Kind::Profile) {
            Kind::Profile
        } else {
            Kind::Content
        };
        found = owner.into_iter().map(|a| (a, kind)).collect();
    } else if found[0].1 == Kind::Content {
        found.extend(owner.into_iter().map(|a| (a, Kind::Content)));
    }

    // The winner, then further names of it in other namespaces (first one per namespace).
    let mut kind = found.first().map(|(_, k)| *k);
    let mut accounts: Vec<AccountRef> = Vec::new();
    for (a, _) in found {
        if !accounts.iter().any(|b| b.id_type == a.id_type) {
            accounts.push(a);
        }
    }

    let stable_kind = match platform {
        Platform::Facebook => StableIdKind::FbNumericId,
        Platform::Youtube => StableIdKind::YtChannelId,
        Platform::X => StableIdKind::XUserId,
        _ => return finish(platform, kind, accounts, None),
    };
    let stated = stable_kind
        .id_type()
        .and_then(|t| accounts.iter().find(|a| a.id_type == t))
        .map(|a| a.account_id.clone());

    // Page-level ids: Facebook app links, and signals without a handle.
    let mut page_level: Vec<String> = signals
        .al_urls
        .iter()
        .filter(|_| platform == Platform::Facebook)
        .filter_map(|u| fb_app_link_id(u))
        .collect();
    let mut tied: Option<String> = None;
    for s in signals.stable_ids.iter().filter(|s| s.kind == stable_kind) {
        let Some(value) = stable_kind.check(&s.value) else {
            continue;
        };
        match s.handle.as_deref().and_then(|h| handle_ref(platform, h)) {
            // Distinct values only: whether exactly one id is claimed page-wide is all that matters below.
            None if s.handle.is_none() && !page_level.contains(&value) => page_level.push(value),
            None => {}
            Some(name) => {
                let matches_id = stated.as_deref() == Some(value.as_str());
                let matches_name = accounts.contains(&name);
                if (matches_id || matches_name) && tied.as_deref().is_none_or(|t| t == value) {
                    if !accounts.iter().any(|a| a.id_type == name.id_type) {
                        accounts.push(name);
                    }
                    tied = Some(value);
                }
            }
        }
    }
    if tied.is_none() && page_level.len() == 1 {
        tied = page_level.pop();
    }
    // An id the URLs state beats any other id the page claims.
    if let (Some(s), Some(t)) = (&stated, &tied) {
        if s != t {
            tied = None;
        }
    }
    if accounts.is_empty() && tied.is_some() {
        kind = Some(if location.as_ref().is_some_and(|l| l.kind == Kind::Profile) {
            Kind::Profile
        } else {
            Kind::Content
        });
    }
    let mut x_user_id = None;
    if let Some(id) = tied {
        match stable_kind.id_type() {
            Some(t) if stated.is_none() => accounts.insert(
                0,
                AccountRef {
                    id_type: t,
                    account_id: id,
                },
            ),
            Some(_) => {}
            None => x_user_id = Some(id),
        }
    }
    // Stable ids first, each group in its order. A partition, not a sort: the two stable-sort instantiations it
    // replaced cost ~3 KB of gzipped wasm for lists of two or three accounts.
    let (mut stable, other): (Vec<AccountRef>, Vec<AccountRef>) =
        accounts.into_iter().partition(|a| a.id_type.is_stable());
    stable.extend(other);
    finish(platform, kind, stable, x_user_id)
}

fn finish(
    platform: Platform,
    kind: Option<Kind>,
    accounts: Vec<AccountRef>,
    x_user_id: Option<String>,
) -> Option<MainProfile> {
    if accounts.is_empty() {
        return None; // (an X user id alone names no registry key)
    }
    Some(MainProfile {
        platform,
        kind: kind.unwrap_or(Kind::Profile),
        accounts,
        x_user_id,
    })
}

/// Structured data names one account when all its recognized URLs agree within each namespace.
fn single_account(accounts: &[AccountRef]) -> bool {
    !accounts.is_empty()
        && accounts.iter().all(|a| {
            accounts
                .iter()
                .all(|b| a.id_type != b.id_type || a.account_id == b.account_id)
        })
}

/// The name a stable-id signal's `handle` gives on `platform`.
fn handle_ref(platform: Platform, handle: &str) -> Option<AccountRef> {
    let h = handle.trim();
    let h = h.strip_prefix('@').unwrap_or(h);
    let (id_type, rules) = match platform {
        Platform::Youtube => (IdType::YtHandle, YT_NAME),
        Platform::Facebook if !h.bytes().all(|c| c.is_ascii_digit()) => (IdType::FbUsername, FB_USERNAME),
        Platform::X => (IdType::Handle, X_HANDLE),
        _ => return None,
    };
    Some(AccountRef {
        id_type,
        account_id: canonical_id(h, rules)?,
    })
}

/// App links to the YouTube app (`vnd.youtube://www.youtube.com/channel/UC…`) carry a web URL after the scheme.
fn app_link_to_web(u: &str) -> std::borrow::Cow<'_, str> {
    match u.trim().strip_prefix("vnd.youtube://") {
        Some(rest) if rest.contains('/') => format!("https://{rest}").into(),
        _ => u.into(),
    }
}

/// The id in a Facebook app link: `fb://page/N`, `fb://profile/N`, `fb://page/?id=N`, `fb://profile?id=N`.
fn fb_app_link_id(u: &str) -> Option<String> {
    let rest = u.trim().strip_prefix("fb://")?;
    let rest = rest.strip_prefix("page").or_else(|| rest.strip_prefix("profile"))?;
    let rest = rest.trim_start_matches('/');
    let id = rest.strip_prefix("?id=").unwrap_or(rest);
    let id = id.split(['?', '&', '/', '#']).next()?;
    canonical_id(id, DIGITS)
}

#[cfg(test)]
mod tests {
    //! Signal values are copied from the captured pages in `shared/pages/` (see `INDEX.tsv`).
    use super::*;

    fn acc(id_type: IdType, id: &str) -> AccountRef {
        AccountRef {
            id_type,
            account_id: id.to_owned(),
        }
    }

    fn stable(kind: StableIdKind, value: &str, handle: Option<&str>) -> StableIdSignal {
        StableIdSignal {
            kind,
            value: value.to_owned(),
            handle: handle.map(str::to_owned),
        }
    }

    /// youtube/channel-onemedia-2024.html: canonical, og:url, al:* and `meta[itemprop=identifier]` all name the
    /// channel id; `ytInitialData` shows the handle `@OneMedia.` (the content script sends it with the id).
    #[test]
    fn youtube_channel_page_ties_handle_to_channel_id() {
        let s = PageSignals {
            location: "https://www.youtube.com/channel/UCzcRQ3vRNr6fJ1A9rqFn7QA".into(),
            canonical: Some("https://www.youtube.com/channel/UCzcRQ3vRNr6fJ1A9rqFn7QA".into()),
            og_url: Some("https://www.youtube.com/channel/UCzcRQ3vRNr6fJ1A9rqFn7QA".into()),
            al_urls: vec![
                "vnd.youtube://www.youtube.com/channel/UCzcRQ3vRNr6fJ1A9rqFn7QA".into(),
                "https://www.youtube.com/channel/UCzcRQ3vRNr6fJ1A9rqFn7QA?feature=applinks".into(),
            ],
            json_ld_urls: vec!["https://www.youtube.com/channel/UCzcRQ3vRNr6fJ1A9rqFn7QA".into()],
            owner_urls: vec![],
            stable_ids: vec![stable(
                StableIdKind::YtChannelId,
                "UCzcRQ3vRNr6fJ1A9rqFn7QA",
                Some("@OneMedia."),
            )],
            ..Default::default()
        };
        let m = main_profile(&s).unwrap();
        assert_eq!(m.platform, Platform::Youtube);
        assert_eq!(m.kind, Kind::Profile);
        assert_eq!(
            m.accounts,
            vec![
                acc(IdType::YtChannelId, "UCzcRQ3vRNr6fJ1A9rqFn7QA"),
                acc(IdType::YtHandle, "onemedia.")
            ]
        );
        // After an SPA navigation to /@OneMedia., the location names the handle and the canonical the id.
        let s = PageSignals {
            location: "https://www.youtube.com/@OneMedia./videos".into(),
            stable_ids: vec![],
            ..s
        };
        let m = main_profile(&s).unwrap();
        assert_eq!(
            m.accounts,
            vec![
                acc(IdType::YtChannelId, "UCzcRQ3vRNr6fJ1A9rqFn7QA"),
                acc(IdType::YtHandle, "onemedia.")
            ]
        );
    }

    /// youtube/watch-confreaks-elixirconf-rendered-dom-2022.html: a video page. og:url and app links are the watch
    /// URL; the owner is in `meta[itemprop=channelId]` and the author's `link[itemprop=url]` (`/user/Confreaks`).
    #[test]
    fn youtube_watch_page_main_profile_is_the_uploader() {
        let s = PageSignals {
            location: "https://www.youtube.com/watch?v=srtMWzyqdp8".into(),
            canonical: None,
            og_url: Some("https://www.youtube.com/watch?v=srtMWzyqdp8".into()),
            al_urls: vec![
                "vnd.youtube://www.youtube.com/watch?v=srtMWzyqdp8&feature=applinks".into(),
                "http://www.youtube.com/watch?v=srtMWzyqdp8&feature=applinks".into(),
            ],
            json_ld_urls: vec![
                "http://www.youtube.com/user/Confreaks".into(),
                "https://i.ytimg.com/vi/srtMWzyqdp8/maxresdefault.jpg".into(),
            ],
            owner_urls: vec![],
            stable_ids: vec![stable(StableIdKind::YtChannelId, "UCWnPjmqvljcafA0z2U1fwKQ", None)],
            ..Default::default()
        };
        let m = main_profile(&s).unwrap();
        assert_eq!(m.kind, Kind::Content);
        assert_eq!(
            m.accounts,
            vec![
                acc(IdType::YtChannelId, "UCWnPjmqvljcafA0z2U1fwKQ"),
                acc(IdType::YtUser, "confreaks")
            ]
        );
        // Without the microdata link, the channel id alone still makes the main profile.
        let s = PageSignals {
            json_ld_urls: vec![],
            ..s
        };
        let m = main_profile(&s).unwrap();
        assert_eq!(m.accounts, vec![acc(IdType::YtChannelId, "UCWnPjmqvljcafA0z2U1fwKQ")]);
        assert_eq!(m.kind, Kind::Content);
    }

    /// facebook/m-page-nintendo-posts-2021.html: the canonical is `/pages/category/Video-Game/Nintendo/posts/`
    /// (not read: its last word may be a display name), JSON-LD `@id` is `https://en-gb.facebook.com/Nintendo/`,
    /// and the page id 119240841493711 is in `CurrentPage` (`pageID`) with no handle next to it.
    #[test]
    fn facebook_page_ties_username_to_page_id() {
        let s = PageSignals {
            location: "https://m.facebook.com/Nintendo/posts/".into(),
            canonical: Some("https://www.facebook.com/pages/category/Video-Game/Nintendo/posts/".into()),
            og_url: Some("https://www.facebook.com/pages/category/Video-Game/Nintendo/posts/".into()),
            al_urls: vec![],
            json_ld_urls: vec!["https://en-gb.facebook.com/Nintendo/".into()],
            owner_urls: vec![],
            stable_ids: vec![stable(StableIdKind::FbNumericId, "119240841493711", None)],
            ..Default::default()
        };
        let m = main_profile(&s).unwrap();
        assert_eq!(m.platform, Platform::Facebook);
        assert_eq!(m.kind, Kind::Profile);
        assert_eq!(
            m.accounts,
            vec![
                acc(IdType::FbNumericId, "119240841493711"),
                acc(IdType::FbUsername, "nintendo")
            ]
        );
        // The same page with an app link instead of the page id signal.
        let s = PageSignals {
            al_urls: vec!["fb://page/119240841493711".into()],
            stable_ids: vec![],
            ..s
        };
        assert_eq!(
            main_profile(&s).unwrap().primary(),
            Some(&acc(IdType::FbNumericId, "119240841493711"))
        );
        // Two different page-level ids are ambiguous: no id is tied.
        let s = PageSignals {
            stable_ids: vec![stable(StableIdKind::FbNumericId, "42", None)],
            ..s
        };
        assert_eq!(
            main_profile(&s).unwrap().accounts,
            vec![acc(IdType::FbUsername, "nintendo")]
        );
    }

    /// x/status-arscontexta-…-rendered-dom-2026.html: a status page; canonical is the status URL. The page also
    /// holds the *viewer's* user id (kepano, 5778712): tied only if its handle matches, so it is not.
    #[test]
    fn x_status_page_owner_and_user_id() {
        let s = PageSignals {
            location: "https://x.com/arscontexta/status/2013045749580259680".into(),
            canonical: Some("https://x.com/arscontexta/status/2013045749580259680".into()),
            stable_ids: vec![stable(StableIdKind::XUserId, "5778712", Some("kepano"))],
            ..PageSignals::default()
        };
        let m = main_profile(&s).unwrap();
        assert_eq!((m.platform, m.kind), (Platform::X, Kind::Content));
        assert_eq!(m.accounts, vec![acc(IdType::Handle, "arscontexta")]);
        assert_eq!(m.x_user_id, None);
        let s = PageSignals {
            stable_ids: vec![stable(
                StableIdKind::XUserId,
                "1594428408649240576",
                Some("@ArsContexta"),
            )],
            ..s
        };
        assert_eq!(
            main_profile(&s).unwrap().x_user_id.as_deref(),
            Some("1594428408649240576")
        );
    }

    /// tiktok/profile-illojuan-2025.html and instagram/profile-pluto__travel-2025.html: canonical and og:url name
    /// the profile; the TikTok JSON-LD also lists `sameAs` on another site, which does not count.
    #[test]
    fn tiktok_and_instagram_profiles() {
        let s = PageSignals {
            location: "https://www.tiktok.com/@illojuan?lang=es".into(),
            canonical: Some("https://www.tiktok.com/@illojuan".into()),
            og_url: Some("https://www.tiktok.com/@illojuan".into()),
            json_ld_urls: vec![
                "https://www.tiktok.com/@illojuan".into(),
                "twitch.tv/illojuan".into(),
                "https://www.tiktok.com".into(),
            ],
            ..PageSignals::default()
        };
        let m = main_profile(&s).unwrap();
        assert_eq!((m.platform, m.kind), (Platform::Tiktok, Kind::Profile));
        assert_eq!(m.accounts, vec![acc(IdType::Handle, "illojuan")]);

        let s = PageSignals {
            location: "https://www.instagram.com/pluto__travel/".into(),
            canonical: Some("https://www.instagram.com/pluto__travel/".into()),
            ..PageSignals::default()
        };
        assert_eq!(
            main_profile(&s).unwrap().accounts,
            vec![acc(IdType::Username, "pluto__travel")]
        );
    }

    #[test]
    fn hostile_or_empty_signals() {
        // A canonical on another site does not make the page that site's profile.
        let s = PageSignals {
            location: "https://www.youtube.com/results?search_query=x".into(),
            canonical: Some("https://www.facebook.com/zuck".into()),
            ..PageSignals::default()
        };
        assert_eq!(main_profile(&s), None);
        assert_eq!(main_profile(&PageSignals::default()), None);
        // Malformed ids are ignored.
        let s = PageSignals {
            location: "https://www.youtube.com/watch?v=x".into(),
            stable_ids: vec![stable(StableIdKind::YtChannelId, "UC<script>", None)],
            ..PageSignals::default()
        };
        assert_eq!(main_profile(&s), None);
    }

    #[test]
    fn message_is_camel_case_json() {
        // The message deserializes from the content script's camelCase JSON, missing fields defaulted.
        let s: PageSignals = serde_json::from_str(
            r#"{"location":"https://x.com/jack","ogUrl":null,"stableIds":[{"kind":"x_user_id","value":"12","handle":"jack"}]}"#,
        )
        .unwrap();
        let m = main_profile(&s).unwrap();
        assert_eq!(m.x_user_id.as_deref(), Some("12"));
    }
}
