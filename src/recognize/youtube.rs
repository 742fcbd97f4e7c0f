//! YouTube: four namespaces that must never be mixed, because the same text can name different channels in each:
//! `/@handle` (`yt_handle`), `/c/<name>` (`yt_custom`), `/user/<name>` (`yt_user`) and `/channel/UC…`
//! (`yt_channel_id`, case-sensitive, exactly `UC` + 22 characters). A channel's tabs are its profile; its `/live`
//! is content (the current stream).
//!
//! The legacy short form `youtube.com/<name>` resolves like `/c/<name>` and is read as `yt_custom`, unless the word
//! is one of the site's own paths ([`super::reserved::YOUTUBE`]). `watch`, `youtu.be`, `shorts/<id>`, `embed`,
//! `playlist`, `results`, `feed`, `hashtag`, `live/<id>` name no account: a video id is not its channel
//! (`watch?v=UC…` is a video). YouTube Music and Gaming hosts carry channels only under explicit channel paths
//! (including Music's `/browse/UC…` artist pages). A channel's RSS feed (`/feeds/videos.xml?channel_id=UC…`) is
//! its profile.

use super::hosts::Role;
use super::normalize::{account_id, canonical_id, YT_NAME};
use super::url::{decode_seg, query_get};
use super::{eq_ci, kind_after, reserved, Found, Kind, Target};
use crate::platform::IdType;

pub(crate) fn recognize(t: &Target<'_>) -> Found {
    let segs = &t.segs;
    let s0 = decode_seg(segs.get(0)?)?;
    if let Some(h) = s0.strip_prefix('@') {
        return Some((IdType::YtHandle, canonical_id(h, YT_NAME)?, tab_kind(t, 1)));
    }
    if eq_ci(&s0, "channel") || (eq_ci(&s0, "browse") && t.role == Role::ChannelsOnly) {
        let id = decode_seg(segs.get(1)?)?;
        return is_channel_id(&id).then(|| (IdType::YtChannelId, id.into_owned(), tab_kind(t, 2)));
    }
    if eq_ci(&s0, "c") {
        return Some((IdType::YtCustom, account_id(segs.get(1)?, YT_NAME)?, tab_kind(t, 2)));
    }
    if eq_ci(&s0, "user") {
        return Some((IdType::YtUser, account_id(segs.get(1)?, YT_NAME)?, tab_kind(t, 2)));
    }
    if eq_ci(&s0, "feeds") {
        return feed(t);
    }
    if t.role != Role::Main || reserved::contains(reserved::YOUTUBE, &s0) || s0.contains('.') {
        return None;
    }
    Some((IdType::YtCustom, canonical_id(&s0, YT_NAME)?, tab_kind(t, 1)))
}

/// The RSS feed of a channel's uploads (`/feeds/videos.xml?channel_id=UC…`, or `?user=<name>` for legacy
/// usernames), linked from every channel page: a list of the channel's, so its profile.
fn feed(t: &Target<'_>) -> Found {
    if !t.segs.get(1).is_some_and(|s| eq_ci(s, "videos.xml")) || t.segs.len() != 2 {
        return None;
    }
    if let Some(id) = query_get(t.query, "channel_id") {
        let id = decode_seg(id)?;
        return is_channel_id(&id).then(|| (IdType::YtChannelId, id.into_owned(), Kind::Profile));
    }
    Some((
        IdType::YtUser,
        account_id(query_get(t.query, "user")?, YT_NAME)?,
        Kind::Profile,
    ))
}

fn tab_kind(t: &Target<'_>, tab: usize) -> Kind {
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
