//! TikTok: every account URL starts with `/@handle`.
//!
//! `/@u` and its tabs are the profile; `/@u/video/<id>`, `/@u/photo/<id>`, `/@u/collection/<slug>`,
//! `/@u/playlist/<slug>` and the live room `/@u/live` are content of `u`. Everything without an `@` first segment
//! (`/t/<code>` and `vt.`/`vm.` short links, `/embed`, `/music`, `/tag`, `/search`, `/explore`…) names no account:
//! short links hide the owner until they are followed, and recognition follows nothing.

use super::normalize::{canonical_id, TIKTOK_HANDLE};
use super::url::decode_seg;
use super::{kind_after, Found, Target};
use crate::platform::IdType;

pub(crate) fn recognize(t: &Target<'_>) -> Found {
    let s0 = decode_seg(t.segs.get(0)?)?;
    let handle = canonical_id(s0.strip_prefix('@')?, TIKTOK_HANDLE)?;
    let kind = kind_after(&t.segs, 1, &["video", "photo", "collection", "playlist"], &["live"]);
    Some((IdType::Handle, handle, kind))
}
