//! X (x.com, twitter.com and their `www.`, `mobile.` hosts): `/<handle>` (also written `/@<handle>`) and its tabs
//! are the profile, `/<handle>/status/<id>` (and everything under it: photo, video, analytics) is content.
//! `/i/…`, home, explore, search, settings, compose, messages… name no account; `/X` is the handle `x`.
//! `/intent/user?screen_name=<h>` and `/intent/follow?screen_name=<h>` (follow buttons on other sites) name `<h>`.

use super::normalize::{account_id, canonical_id, X_HANDLE};
use super::url::{decode_seg, query_get};
use super::{eq_ci, kind_after, reserved, Found, Kind, Target};
use crate::platform::IdType;

pub(crate) fn recognize(t: &Target<'_>) -> Found {
    let segs = &t.segs;
    let s0 = decode_seg(segs.get(0)?)?;
    if eq_ci(&s0, "intent") {
        let s1 = decode_seg(segs.get(1)?)?;
        if eq_ci(&s1, "user") || eq_ci(&s1, "follow") {
            let handle = account_id(query_get(t.query, "screen_name")?, X_HANDLE)?;
            // A site word is no handle here either (and would not survive the round trip to x.com/<handle>).
            return (!reserved::contains(reserved::X, &handle)).then_some((IdType::Handle, handle, Kind::Profile));
        }
        return None;
    }
    let name = s0.strip_prefix('@').unwrap_or(&s0);
    if reserved::contains(reserved::X, name) {
        return None;
    }
    let handle = canonical_id(name, X_HANDLE)?;
    Some((
        IdType::Handle,
        handle,
        kind_after(segs, 1, &["status", "statuses"], &[]),
    ))
}
