//! # The report dialog's model
//!
//! A consumer presses "Báo cáo / Report" on a badge card, beside a promotional post, in the context menu or in the
//! toolbar popup. Whatever the entry point, the content script hands over a [`ReportContext`] (what it saw: an
//! account, an author link, a permalink, the post's text and links, the page) and this module decides everything
//! the dialog shows ([`draft`]): which profile the report is about and what the registry says of it, the link to
//! send without its tracking parameters, the promotion cues found, the suggested category, the six categories and
//! every string. [`preview`](mod@preview) then turns the draft plus the person's edits into exactly the
//! [`ComplaintSubmission`](super::ComplaintSubmission) to send and the list a person reads before the second click.
//! [`posts`] decides which posts of a feed get a Report button.
//!
//! No I/O: the worker passes the opened registry, the clock, the generated id and the screenshot bytes.
//!
//! ## Which profile
//! In order: the account the badge named; the author link's account; the permalink's account; the page's main
//! profile (its signals); the page URL's account. A post the person did not report *about* (a badge of a
//! commenter inside someone else's post) is left out: its text and permalink go with the report only when the
//! post's author is the reported account, or when no account was named at all.

pub mod json;
pub mod labels;
pub mod posts;
pub mod preview;

use super::model::Category;
use crate::complaint::cues::{view, PromotionView};
use crate::i18n::Lang;
use crate::platform::AccountKey;
use crate::recognize::{canonical_profile_url, canonical_url, is_live, main_profile, recognize, Kind, PageSignals};
use crate::registry::{Registry, SnapshotError};
use crate::views::badge::{BadgeView, Standing};
pub use labels::DraftLabels;
use serde::Serialize;

/// Longest post text considered (characters); a post is far shorter, and the detector clips anyway.
pub const MAX_TEXT_CHARS: usize = 5_000;
/// Characters of the post's text the dialog quotes.
pub const EXCERPT_CHARS: usize = 200;

/// What the content script saw where the person pressed Report. Every field is page-provided: untrusted text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReportContext {
    /// The account a badge was drawn for (its canonical key, as the badge answer gave it).
    pub account: Option<AccountKey>,
    /// The post author's profile link, or the link the context menu was opened on.
    pub profile_url: Option<String>,
    /// The post's permalink.
    pub post_url: Option<String>,
    /// The page's address.
    pub page_url: String,
    /// The post's visible text.
    pub text: String,
    /// The links in the post.
    pub links: Vec<String>,
    /// The page's signals, for a report about the page itself (popup, context menu on the page).
    pub signals: Option<PageSignals>,
    /// The name shown beside the account (the badge's link, or the page header), which an impersonator may have
    /// copied from a registered KOL.
    pub display_name: Option<String>,
}

/// The profile a report is about, as the dialog shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ProfileLine {
    /// Platform string form (sent as `profile.platform`).
    pub platform: &'static str,
    /// Identifier namespace string form (sent as `profile.id_type`).
    pub id_type: &'static str,
    /// The canonical account id (sent as `profile.account_id`).
    pub account_id: String,
    /// The canonical profile URL (sent as `profile.url`).
    pub url: String,
    /// `TikTok · minh.beauty.demo`.
    pub subject: String,
    /// The registry's name for the account, when it is registered.
    pub name: Option<String>,
    /// The badge state code (`sanctioned`, `certified`, …, `lookalike`, `unknown`).
    pub state: &'static str,
    /// The badge's short localized label, e.g. "Đang bị xử phạt" / "Sanctioned".
    pub state_label: String,
}

/// One of the six categories, as a choice.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CategoryOption {
    /// The category's string form (sent as `category`).
    pub value: &'static str,
    /// Its localized name.
    pub label: &'static str,
    /// Whether this is the preselected category (exactly one option is).
    pub suggested: bool,
}

/// Everything the dialog draws before the person edits anything.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ReportDraft {
    /// The dialog's language, `vi` or `en`.
    pub lang: &'static str,
    /// Every fixed string the dialog draws, in its language.
    pub labels: DraftLabels,
    /// `None` when no profile was recognized: the dialog says so (`labels.no_profile`) and cannot send.
    pub profile: Option<ProfileLine>,
    /// The link the report is about (the post, else the page), canonical and tracking-free.
    pub link: Option<String>,
    /// When the report is about a live stream: what it is, named for the dialog ("Phát trực tiếp của TikTok ·
    /// minh.beauty.demo"), so the person and the Alliance see that the promotion happened live.
    pub live: Option<String>,
    /// The beginning of the post's text (at most [`EXCERPT_CHARS`] characters), so the person sees which post it is.
    /// Page text: the dialog places it as text, never as markup.
    pub excerpt: String,
    /// What promotion detection found in the post, labelled for the dialog.
    pub promotion: PromotionView,
    /// The preselected category (always one of `categories`).
    pub category: &'static str,
    /// The six categories in [`Category::ALL`] order.
    pub categories: Vec<CategoryOption>,
    /// The note, prefilled for an impersonation report with whom the account imitates and how (the person may edit
    /// it); empty otherwise.
    pub note: String,
}

/// The profile, link, text and links a context resolves to (see the module docs).
pub(crate) struct Resolved<'a> {
    pub account: Option<AccountKey>,
    pub link: Option<String>,
    pub text: &'a str,
    pub links: Vec<&'a str>,
}

fn account_of(url: Option<&str>) -> Option<AccountKey> {
    let r = recognize(url?)?;
    let a = r.account?;
    Some(AccountKey::new(r.platform, a.id_type, a.account_id))
}

pub(crate) fn resolve(ctx: &ReportContext) -> Resolved<'_> {
    let author = account_of(ctx.profile_url.as_deref()).or_else(|| account_of(ctx.post_url.as_deref()));
    let from_page = || {
        let main = ctx.signals.as_ref().and_then(main_profile);
        main.and_then(|m| {
            let a = m.primary()?;
            Some(AccountKey::new(m.platform, a.id_type, a.account_id.clone()))
        })
        .or_else(|| account_of(Some(&ctx.page_url)))
    };
    let keep_post = ctx.account.is_none() || (author.is_some() && author == ctx.account);
    let account = ctx.account.clone().or(author).or_else(from_page);
    // A content link the person right-clicked is the post itself.
    let post_url = ctx.post_url.as_deref().or_else(|| {
        let u = ctx.profile_url.as_deref()?;
        recognize(u).is_some_and(|r| r.kind == Kind::Content).then_some(u)
    });
    let post_link = post_url.filter(|_| keep_post).and_then(canonical_url);
    let text = if keep_post { ctx.text.as_str() } else { "" };
    let end = text.char_indices().nth(MAX_TEXT_CHARS).map_or(text.len(), |(i, _)| i);
    Resolved {
        account,
        link: post_link.or_else(|| canonical_url(&ctx.page_url)),
        text: &text[..end],
        links: if keep_post {
            ctx.links.iter().map(String::as_str).collect()
        } else {
            Vec::new()
        },
    }
}

/// What an opened registry says of the report's profile: the only facts of a draft that need the registry. The
/// extension asks them of its badge module and hands them, as a plain object, to the module that drafts (which
/// holds no registry; docs/architecture.md, "Two WebAssembly modules"); natively [`draft`] does both steps.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ProfileFacts {
    /// The badge state code (`sanctioned`, `certified`, …, `lookalike`), or `unknown`.
    pub state: String,
    /// The state's short label in the draft's language ("Chưa có trong sổ đăng ký" / "Not in the registry" when
    /// unknown).
    pub state_label: String,
    /// The registry's name for the account, when it is registered.
    pub name: Option<String>,
    /// For a look-alike: whom it imitates and how, with the imitated account's link, in the draft's language (the
    /// impersonation report's prefilled note).
    pub imitates: Option<String>,
}

/// The label of a profile the registry has no badge for.
fn unknown_label(lang: Lang) -> String {
    lang.pick("Chưa có trong sổ đăng ký", "Not in the registry").to_string()
}

/// The registry's facts about `key` (see [`ProfileFacts`]).
pub fn profile_facts(
    registry: &Registry,
    key: &AccountKey,
    display_name: Option<&str>,
    lang: Lang,
) -> Result<ProfileFacts, SnapshotError> {
    let standing = Standing::of(registry, key.platform, key.id_type, &key.account_id, display_name, lang)?;
    let (name, imitates) = match &standing {
        Standing::Registered { name, .. } => (Some(name.clone()), None),
        Standing::Imitates { hit, explained } => {
            let url = canonical_profile_url(hit.of_platform, hit.of_id_type, &hit.of_account_id);
            let head = lang.pick("Mạo danh", "Impersonating");
            let imitates = format!(
                "{head} {} — {} ({url}). {}",
                explained.of_name, explained.of_subject, explained.why
            );
            (None, Some(imitates))
        }
        Standing::Unknown => (None, None),
    };
    let badge = standing.badge(lang).unwrap_or_else(|| BadgeView::not_in_registry(lang));
    Ok(ProfileFacts {
        state: badge.state.to_string(),
        state_label: if badge.state == "unknown" {
            unknown_label(lang)
        } else {
            badge.label
        },
        name,
        imitates,
    })
}

/// The state codes a profile line may carry (`ProfileLine::state` is a `&'static str`; facts arrive as strings).
const STATE_CODES: [&str; 5] = ["sanctioned", "lookalike", "certified", "expired", "registered"];

fn profile_line(key: &AccountKey, facts: Option<&ProfileFacts>, lang: Lang) -> ProfileLine {
    let state = facts.and_then(|f| STATE_CODES.iter().find(|c| **c == f.state)).copied();
    ProfileLine {
        platform: key.platform.as_str(),
        id_type: key.id_type.as_str(),
        account_id: key.account_id.clone(),
        url: canonical_profile_url(key.platform, key.id_type, &key.account_id),
        subject: [key.platform.display_name(), " · ", &key.account_id].concat(),
        name: facts.and_then(|f| f.name.clone()),
        state: state.unwrap_or("unknown"),
        state_label: match (state, facts) {
            (Some(_), Some(f)) => f.state_label.clone(),
            _ => unknown_label(lang),
        },
    }
}

/// The account a report about what the content script saw is about (see the module docs), if any: the one
/// [`profile_facts`] are asked for.
pub fn draft_account(ctx: &ReportContext) -> Option<AccountKey> {
    resolve(ctx).account
}

/// Builds the dialog's model from what the content script saw.
pub fn draft(registry: &Registry, ctx: &ReportContext, lang: Lang) -> Result<ReportDraft, SnapshotError> {
    let facts = draft_account(ctx)
        .map(|k| profile_facts(registry, &k, ctx.display_name.as_deref(), lang))
        .transpose()?;
    Ok(draft_with(ctx, facts.as_ref(), lang))
}

/// Builds the dialog's model from what the content script saw and the registry's [`ProfileFacts`] about
/// [`draft_account`] (`None`: the registry has no badge for it, or no account was recognized).
pub fn draft_with(ctx: &ReportContext, facts: Option<&ProfileFacts>, lang: Lang) -> ReportDraft {
    let r = resolve(ctx);
    let profile = r.account.as_ref().map(|k| profile_line(k, facts, lang));
    let promotion = view(r.text, &r.links, lang);
    // An account imitating a registered one is impersonation whatever its post says.
    let suggested = if profile.as_ref().is_some_and(|p| p.state == "lookalike") {
        Category::Impersonation
    } else {
        promotion.suggested_category.unwrap_or(Category::Other)
    };
    let live = (is_live(&ctx.page_url) || r.link.as_deref().is_some_and(is_live)).then(|| {
        let stream = lang.pick("Phát trực tiếp", "Live stream");
        match &profile {
            Some(p) => [stream, lang.pick(" của ", " by "), &p.subject].concat(),
            None => stream.to_owned(),
        }
    });
    let text = r.text.trim();
    let mut excerpt: String = text.chars().take(EXCERPT_CHARS).collect();
    if excerpt.len() < text.len() {
        excerpt.push('…');
    }
    ReportDraft {
        lang: lang.as_str(),
        labels: DraftLabels(lang),
        profile,
        link: r.link,
        live,
        excerpt,
        promotion,
        category: suggested.as_str(),
        categories: Category::ALL
            .iter()
            .map(|&c| CategoryOption {
                value: c.as_str(),
                label: c.label(lang),
                suggested: c == suggested,
            })
            .collect(),
        note: facts
            .and_then(|f| f.imitates.clone())
            .filter(|_| suggested == Category::Impersonation)
            .unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::{IdType, Platform};
    use crate::testing::{demo_registry, NOW};

    fn ctx(page: &str) -> ReportContext {
        ReportContext {
            page_url: page.into(),
            ..Default::default()
        }
    }

    fn minh() -> AccountKey {
        AccountKey::new(Platform::Tiktok, IdType::Handle, "minh.beauty.demo")
    }

    /// "Report this page" in a sanctioned host's TikTok LIVE room: the content script sends the page's signals and
    /// the stream's title; the dialog names the live stream and the title's selling cues suggest the category.
    #[test]
    fn a_live_room_is_named_as_a_live_stream() {
        let reg = demo_registry(NOW);
        let room = "https://www.tiktok.com/@minh.beauty.demo/live";
        let live = ReportContext {
            page_url: room.into(),
            text: "Xả kho son dưỡng giá sốc chỉ trong live tối nay".into(),
            signals: Some(PageSignals {
                location: room.into(),
                ..Default::default()
            }),
            ..Default::default()
        };
        let d = draft(&reg, &live, Lang::Vi).unwrap();
        assert_eq!(d.live.as_deref(), Some("Phát trực tiếp của TikTok · minh.beauty.demo"));
        assert_eq!(d.profile.as_ref().map(|p| p.state), Some("sanctioned"));
        assert_eq!(d.link.as_deref(), Some("https://www.tiktok.com/@minh.beauty.demo/live"));
        assert_eq!(d.category, "undisclosed_advertising");
        let d = draft(&reg, &live, Lang::En).unwrap();
        assert_eq!(d.live.as_deref(), Some("Live stream by TikTok · minh.beauty.demo"));
        // A video is not a live stream.
        let video = ctx("https://www.tiktok.com/@minh.beauty.demo/video/7400000000000000001");
        assert_eq!(draft(&reg, &video, Lang::Vi).unwrap().live, None);
    }

    /// (what the content script saw, expected profile id, state, link, category)
    #[test]
    fn profile_link_and_category_per_entry_point() {
        let reg = demo_registry(NOW);
        let post = ReportContext {
            profile_url: Some("https://www.tiktok.com/@hoa.nau.an?lang=vi".into()),
            post_url: Some(
                "https://www.tiktok.com/@hoa.nau.an/video/7400000000000000009?is_from_webapp=1&utm_source=copy".into(),
            ),
            page_url: "https://www.tiktok.com/foryou".into(),
            text: "Kem trộn trắng da thần tốc, nhập mã GIAM50 nha".into(),
            links: vec!["https://s.shopee.vn/9zXy".into()],
            ..Default::default()
        };
        let from_card_in_other_post = ReportContext {
            account: Some(minh()),
            ..post.clone()
        };
        let from_card_own_post = ReportContext {
            account: Some(minh()),
            profile_url: Some("https://www.tiktok.com/@minh.beauty.demo".into()),
            post_url: Some("https://www.tiktok.com/@minh.beauty.demo/video/7400000000000000001?utm_medium=x".into()),
            ..post.clone()
        };
        let page = ReportContext {
            signals: Some(PageSignals {
                location: "https://www.tiktok.com/@minh.beauty.demo?lang=vi-VN".into(),
                canonical: Some("https://www.tiktok.com/@minh.beauty.demo".into()),
                ..Default::default()
            }),
            ..ctx("https://www.tiktok.com/@minh.beauty.demo?lang=vi-VN")
        };
        let lookalike = ReportContext {
            profile_url: Some("https://www.tiktok.com/@minh.beauty.dem0".into()),
            ..ctx("https://www.tiktok.com/@minh.beauty.dem0")
        };
        let menu_on_post = ReportContext {
            profile_url: Some("https://www.tiktok.com/@bepnha.demo/video/7400000000000000005?utm_campaign=x".into()),
            ..ctx("https://www.tiktok.com/foryou")
        };
        type Case<'a> = (&'a ReportContext, Option<&'a str>, &'a str, Option<&'a str>, &'a str);
        let cases: &[Case] = &[
            (
                &post,
                Some("hoa.nau.an"),
                "unknown",
                Some("https://www.tiktok.com/@hoa.nau.an/video/7400000000000000009"),
                "undisclosed_advertising",
            ),
            (
                &from_card_in_other_post,
                Some("minh.beauty.demo"),
                "sanctioned",
                Some("https://www.tiktok.com/foryou"),
                "other",
            ),
            (
                &from_card_own_post,
                Some("minh.beauty.demo"),
                "sanctioned",
                Some("https://www.tiktok.com/@minh.beauty.demo/video/7400000000000000001"),
                "undisclosed_advertising",
            ),
            (
                &page,
                Some("minh.beauty.demo"),
                "sanctioned",
                Some("https://www.tiktok.com/@minh.beauty.demo?lang=vi-VN"),
                "other",
            ),
            (
                &lookalike,
                Some("minh.beauty.dem0"),
                "lookalike",
                Some("https://www.tiktok.com/@minh.beauty.dem0"),
                "impersonation",
            ),
            (
                &ctx("https://example.org/a?utm_source=x"),
                None,
                "",
                Some("https://example.org/a"),
                "other",
            ),
            (&ctx("not a url"), None, "", None, "other"),
            (
                &menu_on_post,
                Some("bepnha.demo"),
                "certified",
                Some("https://www.tiktok.com/@bepnha.demo/video/7400000000000000005"),
                "other",
            ),
        ];
        for (i, (c, id, state, link, category)) in cases.iter().enumerate() {
            let d = draft(&reg, c, Lang::Vi).unwrap();
            assert_eq!(d.profile.as_ref().map(|p| p.account_id.as_str()), *id, "case {i}");
            assert_eq!(d.profile.as_ref().map_or("", |p| p.state), *state, "case {i}");
            assert_eq!(d.link.as_deref(), *link, "case {i}");
            assert_eq!(d.category, *category, "case {i}");
            assert_eq!(d.categories.iter().filter(|o| o.suggested).count(), 1, "case {i}");
            assert_eq!(d.categories.len(), 6);
        }
    }

    #[test]
    fn registered_profiles_carry_name_and_state_in_both_languages() {
        let reg = demo_registry(NOW);
        let c = ReportContext {
            account: Some(minh()),
            ..ctx("https://www.tiktok.com/@minh.beauty.demo")
        };
        let vi = draft(&reg, &c, Lang::Vi).unwrap();
        let p = vi.profile.unwrap();
        assert_eq!(p.name.as_deref(), Some("Lê Ngọc Minh"));
        assert_eq!(
            (p.subject.as_str(), p.state_label.as_str()),
            ("TikTok · minh.beauty.demo", "Đang bị xử phạt")
        );
        assert_eq!(p.url, "https://www.tiktok.com/@minh.beauty.demo");
        assert_eq!(vi.labels.get("title"), "Báo cáo quảng cáo đáng ngờ");
        let en = draft(&reg, &c, Lang::En).unwrap();
        assert_eq!(en.profile.unwrap().state_label, "Sanctioned");
        assert_eq!(en.labels.get("submit"), "Send report");
        assert_eq!(en.categories[0].label, "Counterfeit or poor-quality goods");
        let unknown = ReportContext {
            profile_url: Some("https://x.com/someone_else".into()),
            ..ctx("https://x.com/home")
        };
        assert_eq!(
            draft(&reg, &unknown, Lang::En).unwrap().profile.unwrap().state_label,
            "Not in the registry"
        );
    }

    #[test]
    fn cues_come_from_the_detector_and_long_text_is_clipped() {
        let reg = demo_registry(NOW);
        let c = ReportContext {
            profile_url: Some("https://www.facebook.com/shop.ao.demo".into()),
            text: "Hàng rep 1:1 y chang auth <b>giá sốc</b>".into(),
            ..ctx("https://www.facebook.com/")
        };
        let d = draft(&reg, &c, Lang::Vi).unwrap();
        assert_eq!(d.category, "counterfeit_or_poor_quality");
        assert_eq!(d.promotion.cues[0].label, "Dấu hiệu hàng giả, hàng nhái");
        let long = ReportContext {
            text: "a ".repeat(10_000),
            ..c
        };
        assert!(resolve(&long).text.chars().count() <= MAX_TEXT_CHARS);
    }
}
