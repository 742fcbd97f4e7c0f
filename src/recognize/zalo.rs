//! Zalo (zalo.me): `/<digits>` is either a phone number (a personal account, written with its leading `0`, or
//! `84…` in international form) or an Official Account id (18–19 digits). Groups (`/g/`), mini apps (`/s/`), the
//! desktop download (`/pc`) and other hosts (`oa.`, `id.`, `chat.`) name no account.

use super::normalize::{account_id, DIGITS};
use super::{Found, Kind, Target};
use crate::platform::IdType;

pub(crate) fn recognize(t: &Target<'_>) -> Found {
    if t.segs.len() != 1 {
        return None;
    }
    let id = account_id(t.segs.get(0)?, DIGITS)?;
    let id_type = match (id.as_bytes().first(), id.len()) {
        (Some(b'0'), 10..=11) => IdType::ZaloPhone,
        (Some(b'8'), 11..=12) if id.starts_with("84") => IdType::ZaloPhone,
        (Some(b'1'..=b'9'), 18..=19) => IdType::ZaloOaId,
        _ => return None,
    };
    Some((id_type, id, Kind::Profile))
}
