//! Profile recognition: a URL in, `(platform, id_type, account_id, kind)` out.
//!
//! This is the walking-skeleton version: it knows the basic profile-path shapes of the five main sites well enough
//! to carry the thin slice end to end. The full recognizer (every host, redirect wrappers, reserved paths,
//! percent-encoding, page-level signals) replaces the internals of this module; its public API stays.

use crate::platform::{IdType, Platform};
use serde::Serialize;

/// What a URL is, relative to an account.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// The account's own page, or one of its tabs or lists.
    Profile,
    /// A post, video, reel, story, live room or product that belongs to the account.
    Content,
    /// A page of the platform that identifies no account (search, login, a group, a bare video id…).
    NotProfile,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Profile => "profile",
            Kind::Content => "content",
            Kind::NotProfile => "not_profile",
        }
    }
}

/// The account a URL names.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct AccountRef {
    pub id_type: IdType,
    /// Canonical form: percent-decoded, NFC, lowercased (except case-sensitive ids such as YouTube `UC…`).
    pub account_id: String,
}

/// The answer for one URL of a supported platform. `account` is `None` exactly when `kind` is `NotProfile`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Recognized {
    pub platform: Platform,
    pub account: Option<AccountRef>,
    pub kind: Kind,
}

/// Recognizes one URL. `None` means the input is not a URL of a supported platform.
pub fn recognize(input: &str) -> Option<Recognized> {
    let rest = input.trim();
    let rest = rest
        .strip_prefix("https://")
        .or_else(|| rest.strip_prefix("http://"))
        .unwrap_or(rest);
    let (host, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    let host = host.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    let path = path.split(['?', '#']).next().unwrap_or("/");
    let mut segments = path.split('/').filter(|s| !s.is_empty());
    let first = segments.next();
    let second = segments.next();
    let platform = match host {
        "facebook.com" | "m.facebook.com" => Platform::Facebook,
        "tiktok.com" => Platform::Tiktok,
        "youtube.com" | "m.youtube.com" => Platform::Youtube,
        "instagram.com" => Platform::Instagram,
        "x.com" | "twitter.com" => Platform::X,
        _ => return None,
    };
    let not_profile = Recognized {
        platform,
        account: None,
        kind: Kind::NotProfile,
    };
    let Some(first) = first else {
        return Some(not_profile);
    };
    let (id_type, id) = match platform {
        Platform::Tiktok | Platform::Youtube => match first.strip_prefix('@') {
            Some(h) if !h.is_empty() => (
                if platform == Platform::Tiktok {
                    IdType::Handle
                } else {
                    IdType::YtHandle
                },
                h,
            ),
            _ if platform == Platform::Youtube && first == "channel" => match second {
                Some(c) if c.starts_with("UC") => {
                    return Some(found(platform, IdType::YtChannelId, c.to_string(), Kind::Profile))
                }
                _ => return Some(not_profile),
            },
            _ => return Some(not_profile),
        },
        Platform::Facebook
            if is_reserved(
                first,
                &[
                    "watch",
                    "groups",
                    "events",
                    "login",
                    "marketplace",
                    "search",
                    "profile.php",
                ],
            ) =>
        {
            return Some(not_profile)
        }
        Platform::Facebook if first.bytes().all(|b| b.is_ascii_digit()) => (IdType::FbNumericId, first),
        Platform::Facebook => (IdType::FbUsername, first),
        Platform::Instagram if is_reserved(first, &["p", "reel", "explore", "accounts", "direct", "stories"]) => {
            return Some(not_profile)
        }
        Platform::Instagram => (IdType::Username, first),
        _ if is_reserved(
            first,
            &[
                "i", "home", "explore", "search", "settings", "hashtag", "intent", "login",
            ],
        ) =>
        {
            return Some(not_profile)
        }
        _ => (IdType::Handle, first),
    };
    let kind = if second.is_some_and(|s| matches!(s, "status" | "video" | "photo" | "posts" | "p" | "reel" | "videos"))
    {
        Kind::Content
    } else {
        Kind::Profile
    };
    let id = if id_type == IdType::YtChannelId {
        id.to_string()
    } else {
        id.to_lowercase()
    };
    Some(found(platform, id_type, id, kind))
}

fn is_reserved(segment: &str, reserved: &[&str]) -> bool {
    reserved.iter().any(|r| r.eq_ignore_ascii_case(segment))
}

fn found(platform: Platform, id_type: IdType, account_id: String, kind: Kind) -> Recognized {
    Recognized {
        platform,
        account: Some(AccountRef { id_type, account_id }),
        kind,
    }
}
