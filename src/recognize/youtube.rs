//! YouTube: four namespaces that must never be mixed, because the same text can name different channels in each:
//! `/@handle` (`yt_handle`), `/c/<name>` (`yt_custom`), `/user/<name>` (`yt_user`) and `/channel/UC…`
//! (`yt_channel_id`, case-sensitive, exactly `UC` + 22 characters). A channel's tabs are its profile; its `/live`
//! is content (the current stream).
//!
//! The legacy short form `youtube.com/<name>` resolves like `/c/<name>` and is read as `yt_custom`, unless the word
//! is one of the site's own paths ([`super::reserved::YOUTUBE`]). `watch`, `youtu.be`, `shorts/<id>`, `embed`,
//! `playlist`, `results`, `feed`, `hashtag`, `live/<id>` name no account: a video id is not its channel
//! (`watch?v=UC…` is a video). YouTube Music and Gaming hosts carry channels only under explicit channel paths
//! (including Music's `/browse/UC…` artist pages).

use super::hosts::Role;
use super::normalize::{account_id, canonical_id, YT_NAME};
use super::url::decode_seg;
use super::{eq_ci, kind_after, reserved, Found, Target};
use crate::platform::IdType;

pub(crate) fn recognize(t: &Target<'_>) -> Found {
    let segs = &t.segs;
    let s0 = decode_seg(segs.get(0)?)?;
    if let Some(h) = s0.strip_prefix('@') {
        return Some((IdType::YtHandle, canonical_id(h, YT_NAME)?, tab_kind(t, 1)));
    }
    if eq_ci(&s0, "channel") || (eq_ci(&s0, "browse") && t.role == Role::ChannelsOnly) {
        let id = segs.get(1).filter(|s| is_channel_id(s))?;
        return Some((IdType::YtChannelId, id.to_owned(), tab_kind(t, 2)));
    }
    if eq_ci(&s0, "c") {
        return Some((IdType::YtCustom, account_id(segs.get(1)?, YT_NAME)?, tab_kind(t, 2)));
    }
    if eq_ci(&s0, "user") {
        return Some((IdType::YtUser, account_id(segs.get(1)?, YT_NAME)?, tab_kind(t, 2)));
    }
    if t.role != Role::Main || reserved::contains(reserved::YOUTUBE, &s0) || s0.contains('.') {
        return None;
    }
    Some((IdType::YtCustom, canonical_id(&s0, YT_NAME)?, tab_kind(t, 1)))
}

fn tab_kind(t: &Target<'_>, tab: usize) -> super::Kind {
    kind_after(&t.segs, tab, &[], &["live"])
}

/// `UC` followed by 22 characters of URL-safe base64.
pub(crate) fn is_channel_id(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 24
        && b.starts_with(b"UC")
        && b[2..]
            .iter()
            .all(|&c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_')
}
