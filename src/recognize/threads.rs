//! Threads (threads.net and threads.com): `/@user` and its tabs are the profile, `/@user/post/<code>` is content.
//! `/t/<code>` post links, search and login name no account.

use super::normalize::{canonical_id, INSTAGRAM_USERNAME};
use super::url::decode_seg;
use super::{kind_after, Found, Target};
use crate::platform::IdType;

pub(crate) fn recognize(t: &Target<'_>) -> Found {
    let s0 = decode_seg(t.segs.get(0)?)?;
    // Threads usernames are Instagram usernames.
    let user = canonical_id(s0.strip_prefix('@')?, INSTAGRAM_USERNAME)?;
    Some((IdType::Username, user, kind_after(&t.segs, 1, &["post"], &[])))
}
