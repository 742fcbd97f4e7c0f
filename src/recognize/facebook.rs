//! Facebook: usernames, numeric ids, and the many URL shapes that carry them.
//!
//! | shape | answer |
//! | --- | --- |
//! | `/<username>`, `/<username>/<tab>` | `fb_username`, profile |
//! | `/<digits>`, `/profile.php?id=N` | `fb_numeric_id`, profile |
//! | `/people/<any name>/N`, `/pages/<name>/N`, `/groups/<g>/user/N` | `fb_numeric_id` N, profile |
//! | `/pg/<username>/<tab>` (2017–2019 page URLs) | `fb_username`, profile |
//! | `/p/<Display-Name>-N/` (accounts without a username, since 2023) | `fb_numeric_id` N, profile |
//! | `/<user>/posts/<id>` (also `videos`, `photos`, `permalink`…) | content of the user |
//! | `/story.php` / `/permalink.php?…&id=N` | content of N |
//! | other `*.php`, reserved words (groups, watch, reel, marketplace…) | no account |
//!
//! A display name in `/people/<name>/<id>` is decoration (people rename freely): only the id counts.
//! `/pages/category/<category>/<name>` (the 2020 canonical of pages) is not read: its last word may be a display
//! name rather than a username.

use super::normalize::{account_id, canonical_id, DIGITS, FB_USERNAME};
use super::url::{decode_seg, query_get, Segments};
use super::{eq_ci, kind_after, reserved, Found, Kind, Target};
use crate::platform::IdType;

/// Tabs that are content when an item id follows them (`/<user>/posts/<id>`); alone they are profile tabs.
const CONTENT_TABS: &[&str] = &[
    "posts",
    "videos",
    "photos",
    "photo",
    "permalink",
    "activity",
    "notes",
    "reel",
];

pub(crate) fn recognize(t: &Target<'_>) -> Found {
    let segs = &t.segs;
    let s0 = decode_seg(segs.get(0)?)?;
    let s0: &str = &s0;
    if ends_with_ci(s0, ".php") {
        return php(s0, t.query);
    }
    if eq_ci(s0, "people") || eq_ci(s0, "pages") {
        // /people/<name>/<id> and /pages/<name>/<id>: the id is canonical, the name is decoration.
        let id = account_id(segs.get(2)?, DIGITS)?;
        return Some((IdType::FbNumericId, id, kind_after(segs, 3, CONTENT_TABS, &[])));
    }
    if eq_ci(s0, "pg") {
        return named(segs, 1);
    }
    if eq_ci(s0, "p") {
        // Since 2023 accounts without a username get `/p/<Display-Name>-<id>/`: the id after the last `-` counts.
        let slug = segs.get(1)?;
        let id = slug.rsplit('-').next()?;
        return Some((
            IdType::FbNumericId,
            account_id(id, DIGITS)?,
            kind_after(segs, 2, CONTENT_TABS, &[]),
        ));
    }
    if eq_ci(s0, "groups") {
        // A member's page inside a group (`/groups/<g>/user/<uid>/`) names the member.
        if segs.get(2).and_then(decode_seg).is_some_and(|s| eq_ci(&s, "user")) {
            let id = account_id(segs.get(3)?, DIGITS)?;
            return Some((IdType::FbNumericId, id, Kind::Profile));
        }
        return None;
    }
    if reserved::contains(reserved::FACEBOOK, s0) {
        return None;
    }
    named(segs, 0)
}

/// The account named by segment `i` (a numeric id or a username), followed by an optional tab or content path.
fn named(segs: &Segments<'_>, i: usize) -> Found {
    let name = decode_seg(segs.get(i)?)?;
    let kind = kind_after(segs, i + 1, CONTENT_TABS, &[]);
    if name.bytes().all(|c| c.is_ascii_digit()) {
        return Some((IdType::FbNumericId, canonical_id(&name, DIGITS)?, kind));
    }
    let name = canonical_id(&name, FB_USERNAME)?;
    // Site words and endpoints are no usernames after `/pg/` either.
    if reserved::contains(reserved::FACEBOOK, &name) || name.ends_with(".php") {
        return None;
    }
    Some((IdType::FbUsername, name, kind))
}

/// `profile.php?id=N` is the profile of N; `story.php` and `permalink.php` with `id=N` are N's posts. Every other
/// `.php` endpoint (video.php, photo.php, l.php, home.php…) names no account.
fn php(name: &str, query: Option<&str>) -> Found {
    let kind = if eq_ci(name, "profile.php") {
        Kind::Profile
    } else if eq_ci(name, "story.php") || eq_ci(name, "permalink.php") {
        Kind::Content
    } else {
        return None;
    };
    let id = account_id(query_get(query, "id")?, DIGITS)?;
    Some((IdType::FbNumericId, id, kind))
}

fn ends_with_ci(s: &str, suffix: &str) -> bool {
    let (s, suffix) = (s.as_bytes(), suffix.as_bytes());
    s.len() >= suffix.len() && s[s.len() - suffix.len()..].eq_ignore_ascii_case(suffix)
}
