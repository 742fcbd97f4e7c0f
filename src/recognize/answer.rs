//! The answer recognition gives for one URL: which platform, which account (if any), and what kind of page.

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
    /// The stable snake_case form (`profile` | `content` | `not_profile`), the one serde uses.
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
    /// The identifier namespace the URL states the account in.
    pub id_type: IdType,
    /// Canonical form: percent-decoded, NFC, lowercased (except case-sensitive ids such as YouTube `UC…`).
    pub account_id: String,
}

/// The answer for one URL of a supported platform. `account` is `None` exactly when `kind` is `NotProfile`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Recognized {
    /// The platform whose site the URL is on (after unwrapping redirect wrappers).
    pub platform: Platform,
    /// The account the URL names; `None` for a page that names no account.
    pub account: Option<AccountRef>,
    /// Whether the URL is the account's profile, a piece of its content, or no account's page.
    pub kind: Kind,
}
