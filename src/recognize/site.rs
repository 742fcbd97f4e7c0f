//! What the per-site modules share: the parts of a URL they read ([`Target`]), what they answer ([`Found`]), and the
//! small helpers every site's path rules use.

use super::answer::Kind;
use super::hosts::Role;
use super::url::{self, Segments};
use crate::platform::IdType;

/// What a site module found: the id's namespace, the canonical id, and the kind (never `NotProfile`).
/// `None` means the URL belongs to the site but names no account.
pub(crate) type Found = Option<(IdType, String, Kind)>;

/// The parts of a URL a site module reads.
pub(crate) struct Target<'a> {
    pub segs: Segments<'a>,
    pub query: Option<&'a str>,
    pub role: Role,
}

/// The kind of a page whose segment `tab` follows the account: `Content` when `tab` is one of `content` and an
/// item id follows it, `Content` when it is one of `always_content`, `Profile` otherwise (tabs, lists, unknown
/// sub-pages of the profile).
pub(crate) fn kind_after(segs: &Segments<'_>, tab: usize, content: &[&str], always_content: &[&str]) -> Kind {
    let Some(t) = segs.get(tab).and_then(url::decode_seg) else {
        return Kind::Profile;
    };
    let is = |list: &[&str]| list.iter().any(|w| w.eq_ignore_ascii_case(&t));
    if is(always_content) || (segs.get(tab + 1).is_some() && is(content)) {
        Kind::Content
    } else {
        Kind::Profile
    }
}

/// ASCII case-insensitive equality, for path words.
pub(crate) fn eq_ci(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b)
}
