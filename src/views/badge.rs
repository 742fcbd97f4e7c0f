//! What a badge says: the icon, words and tooltip of an account's trust state (decided by `registry::status`, ranked
//! as `docs/data-model.md` explains: sanctioned › certified › certificate expired › registered › lookalike), drawn
//! beside a profile link. Text and icon are derived here, colours in [`crate::views::palette`], so every surface
//! (in-page badge, popup, portal) shows the same words; the colour is never the only carrier of meaning.
//! [`badge_of`] answers the badge question for one account of an opened registry.

use crate::i18n::Lang;
use crate::platform::{IdType, Platform};
use crate::registry::lookalike::{self, LookalikeHit};
use crate::registry::{Registry, SnapshotError, TrustState};
use crate::views::imitation;
use serde::Serialize;

impl TrustState {
    /// A symbol that carries the state without colour (for people who cannot tell the colours apart).
    pub fn icon(self) -> &'static str {
        match self {
            TrustState::Sanctioned => "⚠",
            TrustState::Certified { .. } => "✓",
            TrustState::CertificateExpired => "⌛",
            TrustState::Registered => "ⓘ",
            TrustState::Lookalike => "≈",
        }
    }

    /// The short text beside the icon.
    pub fn label(self, lang: Lang) -> String {
        match self {
            TrustState::Sanctioned => lang.pick("Đang bị xử phạt", "Sanctioned").to_string(),
            TrustState::Certified { score } => {
                format!("{} · {score}", lang.pick("Đã chứng nhận", "Certified"))
            }
            TrustState::CertificateExpired => lang.pick("Chứng nhận hết hạn", "Certificate expired").to_string(),
            TrustState::Registered => lang.pick("Đã đăng ký", "Registered").to_string(),
            TrustState::Lookalike => lang.pick("Tài khoản nhái tên", "Lookalike account").to_string(),
        }
    }
}

/// Everything the content script needs to draw one badge. It renders these strings as text, never as markup.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct BadgeView {
    /// `sanctioned` | `certified` | `expired` | `registered` | `lookalike` | `unknown`.
    pub state: &'static str,
    /// The state's symbol (`⚠`, `✓`, `⌛`, `ⓘ`, `≈`, `?`), so the badge never relies on colour alone.
    pub icon: &'static str,
    /// The short localized text beside the icon, e.g. "Đã chứng nhận · 92" / "Certified · 92".
    pub label: String,
    /// Longer text for the tooltip and the accessible name.
    pub title: String,
    /// True when the record is fictional sample data (demo and sample registries); the badge then carries `tag`.
    pub demo: bool,
    /// The short marker drawn inside a sample-data badge: "MẪU" / "SAMPLE".
    pub tag: Option<&'static str>,
}

impl BadgeView {
    /// The badge of a registered account in `state`; `display_name` (the record's name) opens the tooltip, and
    /// `demo` marks fictional sample data in the tooltip and with the `tag`.
    pub fn new(state: TrustState, display_name: &str, demo: bool, lang: Lang) -> BadgeView {
        let label = state.label(lang);
        let mut title = format!(
            "{} — {}: {}",
            display_name,
            lang.pick("Liên minh Tín nhiệm số", "Digital Trust Alliance"),
            label
        );
        if demo {
            title.push_str(lang.pick(
                " (DỮ LIỆU MẪU — nhân vật hư cấu, không phải người thật)",
                " (SAMPLE DATA — a fictional person, not a real one)",
            ));
        }
        BadgeView {
            state: state.code(),
            icon: state.icon(),
            label,
            title,
            demo,
            tag: demo.then(|| lang.pick("MẪU", "SAMPLE")),
        }
    }

    /// The badge of an unregistered account that imitates `of_account` (registered to `of_name`); `why` says how
    /// ([`crate::views::imitation::why`]). The title says plainly that this is *not* that person's registered
    /// account.
    pub fn lookalike(of_name: &str, of_account: &str, why: &str, lang: Lang) -> BadgeView {
        let state = TrustState::Lookalike;
        let title = match lang {
            Lang::Vi => format!(
                "Cảnh báo: giống tài khoản {of_account} của {of_name} nhưng KHÔNG phải tài khoản đã đăng ký với Liên minh Tín nhiệm số. {why}"
            ),
            Lang::En => format!(
                "Warning: looks like {of_account} of {of_name} but is NOT an account registered with the Digital Trust Alliance. {why}"
            ),
        };
        BadgeView {
            state: state.code(),
            icon: state.icon(),
            label: state.label(lang),
            title,
            demo: false,
            tag: None,
        }
    }

    /// Marks the badge as coming from a snapshot past its expiry: the answer is still shown, with a warning.
    pub fn stale(mut self, lang: Lang) -> BadgeView {
        self.title.push_str(lang.pick(
            " (dữ liệu có thể đã cũ — chưa cập nhật được sổ đăng ký)",
            " (data may be out of date — the registry could not be refreshed)",
        ));
        self
    }
}

impl BadgeView {
    /// The neutral marker for a recognized profile the registry does not know. Drawn only when the person asks for
    /// it (option "mark profiles not in the registry"): by default unknown accounts get nothing, so a page full of
    /// ordinary people is not covered in grey.
    pub fn not_in_registry(lang: Lang) -> BadgeView {
        let label = lang.pick("Chưa đăng ký", "Not registered").to_string();
        BadgeView {
            state: "unknown",
            icon: "?",
            title: lang
                .pick(
                    "Tài khoản này chưa có trong sổ đăng ký của Liên minh Tín nhiệm số",
                    "This account is not in the Digital Trust Alliance registry",
                )
                .to_string(),
            label,
            demo: false,
            tag: None,
        }
    }
}

/// The badge for one account: its state if registered, a lookalike warning if its name imitates a registered
/// account, `None` otherwise. Stale snapshots say so in the title.
pub fn badge_of(
    registry: &Registry,
    platform: Platform,
    id_type: IdType,
    account_id: &str,
    lang: Lang,
) -> Result<Option<BadgeView>, SnapshotError> {
    badge_of_named(registry, platform, id_type, account_id, None, lang)
}

/// [`badge_of`] for an account shown with a display name beside it (`display_name`): an unregistered account
/// showing a registered KOL's name gets the lookalike warning too ([`crate::registry::lookalike`]).
pub fn badge_of_named(
    registry: &Registry,
    platform: Platform,
    id_type: IdType,
    account_id: &str,
    display_name: Option<&str>,
    lang: Lang,
) -> Result<Option<BadgeView>, SnapshotError> {
    let standing = Standing::of(registry, platform, id_type, account_id, display_name, lang)?;
    Ok(standing.shown_badge(registry, lang))
}

/// What the registry says of one account, read once: registered, imitating a registered KOL, or neither. The badge
/// ([`Standing::badge`]) and the report draft's profile facts both come from it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Standing {
    /// In the registry.
    Registered {
        /// Its state today.
        state: TrustState,
        /// Its record's display name.
        name: String,
        /// The record is fictional sample data.
        fictional: bool,
    },
    /// Not in the registry, but it imitates a registered KOL (by its handle, or by `display_name`).
    Imitates {
        /// Whom, and how.
        hit: LookalikeHit,
        /// The same, in words.
        explained: imitation::Explained,
    },
    /// Neither.
    Unknown,
}

impl Standing {
    /// Looks the account up and, when it is not registered, checks it for imitation (handle, then `display_name`).
    pub fn of(
        registry: &Registry,
        platform: Platform,
        id_type: IdType,
        account_id: &str,
        display_name: Option<&str>,
        lang: Lang,
    ) -> Result<Standing, SnapshotError> {
        match Standing::registered(registry, platform, id_type, account_id)? {
            Some(standing) => Ok(standing),
            None => Standing::unregistered(registry, platform, id_type, account_id, display_name, lang),
        }
    }

    /// The first half of [`Standing::of`]: `Some(Registered)` when the registry holds the account, `None` when it
    /// does not. Reads the account index and, for a registered account, its record — never the name index, so a
    /// registry opened from its resident prefix answers it before the name index is read.
    pub fn registered(
        registry: &Registry,
        platform: Platform,
        id_type: IdType,
        account_id: &str,
    ) -> Result<Option<Standing>, SnapshotError> {
        let Some(hit) = registry.lookup(platform, id_type, account_id)? else {
            return Ok(None);
        };
        let (name, fictional) = registry.badge_identity(hit.record)?;
        Ok(Some(Standing::Registered {
            state: hit.state,
            name,
            fictional,
        }))
    }

    /// The second half of [`Standing::of`], for an account the registry does not hold: does it imitate a registered
    /// KOL (by its handle, or by `display_name`)? Reads the name index.
    pub fn unregistered(
        registry: &Registry,
        platform: Platform,
        id_type: IdType,
        account_id: &str,
        display_name: Option<&str>,
        lang: Lang,
    ) -> Result<Standing, SnapshotError> {
        Ok(
            match lookalike::find(registry, platform, id_type, account_id, display_name)? {
                Some(hit) => {
                    let explained = imitation::Explained::of(registry, &hit, lang)?;
                    Standing::Imitates { hit, explained }
                }
                None => Standing::Unknown,
            },
        )
    }

    /// The badge shown for it: [`Standing::badge`] with the stale notice when the registry is out of date.
    pub fn shown_badge(&self, registry: &Registry, lang: Lang) -> Option<BadgeView> {
        self.badge(lang)
            .map(|view| if registry.is_stale() { view.stale(lang) } else { view })
    }

    /// The badge it gets (`None` for an unknown account), without the stale notice [`badge_of_named`] adds.
    pub fn badge(&self, lang: Lang) -> Option<BadgeView> {
        match self {
            Standing::Registered { state, name, fictional } => Some(BadgeView::new(*state, name, *fictional, lang)),
            Standing::Imitates { hit, explained } => Some(BadgeView::lookalike(
                &explained.of_name,
                &hit.of_account_id,
                &explained.why,
                lang,
            )),
            Standing::Unknown => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_exist_in_both_languages_and_differ() {
        let states = [
            TrustState::Sanctioned,
            TrustState::Certified { score: 92 },
            TrustState::CertificateExpired,
            TrustState::Registered,
            TrustState::Lookalike,
        ];
        for s in states {
            assert_ne!(s.label(Lang::Vi), s.label(Lang::En), "{s:?}");
            assert!(!s.icon().is_empty());
        }
        assert_eq!(
            TrustState::Certified { score: 92 }.label(Lang::Vi),
            "Đã chứng nhận · 92"
        );
    }

    #[test]
    fn demo_badges_say_so() {
        let b = BadgeView::new(TrustState::Registered, "A", true, Lang::Vi);
        assert!(b.title.contains("DỮ LIỆU MẪU") && b.tag == Some("MẪU"));
        let b = BadgeView::new(TrustState::Registered, "A", true, Lang::En);
        assert!(b.title.contains("SAMPLE DATA") && b.tag == Some("SAMPLE"));
        let b = BadgeView::new(TrustState::Registered, "A", false, Lang::En);
        assert!(!b.title.contains("SAMPLE") && b.tag.is_none());
    }
}
