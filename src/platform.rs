//! The shared vocabulary: which social platforms KOL Trust knows, which identifier namespaces each one has, and
//! the key `(platform, id_type, account_id)` under which the registry files an account.
//!
//! Identifier namespaces are kept apart on purpose: on YouTube the same text can be a handle (`/@x`), a legacy
//! custom URL (`/c/x`) or a legacy username (`/user/x`) of three *different* channels, and on Facebook a page's
//! username and its numeric id are two names for one account. Mixing them would badge the wrong person.
//!
//! The string forms (`as_str`/`parse`) are stable: they appear in the corpus, in CLI output, in the registry source
//! format and in messages between the extension's content scripts and its service worker.

use serde::{Deserialize, Serialize};

/// A social site or marketplace whose profiles KOL Trust recognizes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Platform {
    /// Facebook (profiles and pages), `facebook`.
    Facebook,
    /// TikTok, `tiktok`.
    Tiktok,
    /// YouTube channels, `youtube`.
    Youtube,
    /// Instagram, `instagram`.
    Instagram,
    /// X (formerly Twitter), `x`.
    X,
    /// Threads (Meta), `threads`.
    Threads,
    /// Shopee (shopee.vn) shops, `shopee`.
    Shopee,
    /// Lazada (lazada.vn) shops, `lazada`.
    Lazada,
    /// Zalo (zalo.me) personal accounts and Official Accounts, `zalo`.
    Zalo,
}

impl Platform {
    /// Every platform, in a fixed order (the order is part of no format; it is only used for listings).
    pub const ALL: [Platform; 9] = [
        Platform::Facebook,
        Platform::Tiktok,
        Platform::Youtube,
        Platform::Instagram,
        Platform::X,
        Platform::Threads,
        Platform::Shopee,
        Platform::Lazada,
        Platform::Zalo,
    ];

    /// The stable lowercase string form (`"facebook"`, `"x"`…), the one serde, the corpus and the registry use.
    pub fn as_str(self) -> &'static str {
        match self {
            Platform::Facebook => "facebook",
            Platform::Tiktok => "tiktok",
            Platform::Youtube => "youtube",
            Platform::Instagram => "instagram",
            Platform::X => "x",
            Platform::Threads => "threads",
            Platform::Shopee => "shopee",
            Platform::Lazada => "lazada",
            Platform::Zalo => "zalo",
        }
    }

    /// Reads the string form written by [`Platform::as_str`] (exact, lowercase); `None` for anything else.
    pub fn parse(s: &str) -> Option<Platform> {
        Platform::ALL.into_iter().find(|p| p.as_str() == s)
    }

    /// The name a person reads (brand names are the same in both languages).
    pub fn display_name(self) -> &'static str {
        match self {
            Platform::Facebook => "Facebook",
            Platform::Tiktok => "TikTok",
            Platform::Youtube => "YouTube",
            Platform::Instagram => "Instagram",
            Platform::X => "X",
            Platform::Threads => "Threads",
            Platform::Shopee => "Shopee",
            Platform::Lazada => "Lazada",
            Platform::Zalo => "Zalo",
        }
    }
}

/// The namespace an account identifier belongs to (see `docs/data-model.md`, "Accounts and id namespaces").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IdType {
    /// TikTok and X handles.
    Handle,
    /// Instagram and Threads usernames.
    Username,
    /// Facebook username (`/<username>`), which the owner can change.
    FbUsername,
    /// Facebook numeric profile or page id (`/profile.php?id=N`, `/people/<name>/N`), stable.
    FbNumericId,
    /// YouTube `/@handle`.
    YtHandle,
    /// YouTube legacy `/c/name`.
    YtCustom,
    /// YouTube legacy `/user/name`.
    YtUser,
    /// YouTube `UC…` channel id (case-sensitive).
    YtChannelId,
    /// Shopee numeric shop id (`/shop/<id>`, also carried by product URLs), stable.
    ShopId,
    /// Shopee shop username (`shopee.vn/<username>`).
    ShopUsername,
    /// Lazada shop slug (`lazada.vn/shop/<slug>`).
    ShopSlug,
    /// Zalo personal account by phone number: national (`0…`, 10–11 digits) or international (`84…`) form.
    ZaloPhone,
    /// Zalo Official Account id (18–19 digits), stable.
    ZaloOaId,
}

impl IdType {
    /// Every identifier namespace, in declaration order (used for listings and round-trip tests, part of no format).
    pub const ALL: [IdType; 13] = [
        IdType::Handle,
        IdType::Username,
        IdType::FbUsername,
        IdType::FbNumericId,
        IdType::YtHandle,
        IdType::YtCustom,
        IdType::YtUser,
        IdType::YtChannelId,
        IdType::ShopId,
        IdType::ShopUsername,
        IdType::ShopSlug,
        IdType::ZaloPhone,
        IdType::ZaloOaId,
    ];

    /// The stable snake_case string form (`"fb_numeric_id"`, `"yt_handle"`…), the one serde and the registry use.
    pub fn as_str(self) -> &'static str {
        match self {
            IdType::Handle => "handle",
            IdType::Username => "username",
            IdType::FbUsername => "fb_username",
            IdType::FbNumericId => "fb_numeric_id",
            IdType::YtHandle => "yt_handle",
            IdType::YtCustom => "yt_custom",
            IdType::YtUser => "yt_user",
            IdType::YtChannelId => "yt_channel_id",
            IdType::ShopId => "shop_id",
            IdType::ShopUsername => "shop_username",
            IdType::ShopSlug => "shop_slug",
            IdType::ZaloPhone => "zalo_phone",
            IdType::ZaloOaId => "zalo_oa_id",
        }
    }

    /// Reads the string form written by [`IdType::as_str`] (exact); `None` for anything else.
    pub fn parse(s: &str) -> Option<IdType> {
        IdType::ALL.into_iter().find(|t| t.as_str() == s)
    }

    /// Whether this identifier is stable for the life of the account (numeric ids, channel ids) rather than a
    /// name the owner can change. Stable ids are preferred when both are known.
    pub fn is_stable(self) -> bool {
        matches!(
            self,
            IdType::FbNumericId | IdType::YtChannelId | IdType::ShopId | IdType::ZaloOaId
        )
    }
}

/// The registry key of one account: `(platform, id_type, account_id)`, with `account_id` already canonical
/// (as [`crate::recognize`] produces it).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct AccountKey {
    /// The platform the account lives on.
    pub platform: Platform,
    /// The identifier namespace `account_id` belongs to on that platform.
    pub id_type: IdType,
    /// The canonical identifier (lowercased where the platform is case-insensitive, NFC, no `@` or URL parts).
    pub account_id: String,
}

impl AccountKey {
    /// Builds a key from its parts; `account_id` is taken as given and must already be canonical.
    pub fn new(platform: Platform, id_type: IdType, account_id: impl Into<String>) -> Self {
        AccountKey {
            platform,
            id_type,
            account_id: account_id.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn string_forms_round_trip() {
        for p in Platform::ALL {
            assert_eq!(Platform::parse(p.as_str()), Some(p));
        }
        for t in IdType::ALL {
            assert_eq!(IdType::parse(t.as_str()), Some(t));
        }
        assert_eq!(Platform::parse("myspace"), None);
        assert_eq!(IdType::parse(""), None);
    }
}
