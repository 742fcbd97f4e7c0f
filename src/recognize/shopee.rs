//! Shopee (shopee.vn): shops by numeric id (`/shop/<id>`, with tabs) or by username (`/<username>`); product pages
//! carry the shop id (`/<slug>-i.<shopid>.<itemid>`, `/product/<shopid>/<itemid>`) and are content of that shop.
//! Category pages (`/<slug>-cat.<id>`), search, cart, mall, login, user pages and `s.shopee.vn` short links name no
//! account. The product and category suffixes are ASCII, so they are matched at the end of the segment: the slug before
//! them (often Vietnamese) is never read.

use super::normalize::{account_id, canonical_id, DIGITS, SHOP_USERNAME};
use super::url::decode_seg;
use super::{eq_ci, reserved, Found, Kind, Target};
use crate::platform::IdType;

pub(crate) fn recognize(t: &Target<'_>) -> Found {
    let segs = &t.segs;
    let s0 = decode_seg(segs.get(0)?)?;
    let s0: &str = &s0;
    if eq_ci(s0, "shop") {
        return Some((IdType::ShopId, account_id(segs.get(1)?, DIGITS)?, Kind::Profile));
    }
    if eq_ci(s0, "product") {
        let shop = account_id(segs.get(1)?, DIGITS)?;
        account_id(segs.get(2)?, DIGITS)?; // the item id must be there too
        return Some((IdType::ShopId, shop, Kind::Content));
    }
    if let Some(shop) = product_shop(s0) {
        return Some((IdType::ShopId, shop.to_owned(), Kind::Content));
    }
    if is_category(s0) || reserved::contains(reserved::SHOPEE, s0) {
        return None;
    }
    Some((IdType::ShopUsername, canonical_id(s0, SHOP_USERNAME)?, Kind::Profile))
}

/// The shop id of a product slug `…-i.<shopid>.<itemid>` (or a bare `i.<shopid>.<itemid>`). The suffixes are
/// matched in any case, as the rest of the path is: else `/I.1.2` would be the username `i.1.2`, whose canonical
/// URL `/i.1.2` is a product link (found by `cargo xtask fuzz recognize`).
fn product_shop(seg: &str) -> Option<&str> {
    let ids = match rfind_ci(seg, "-i.") {
        Some(i) => &seg[i + 3..],
        None if seg.get(..2).is_some_and(|p| p.eq_ignore_ascii_case("i.")) => &seg[2..],
        None => return None,
    };
    let (shop, item) = ids.split_once('.')?;
    let digits = |s: &str| !s.is_empty() && s.len() <= 20 && s.bytes().all(|c| c.is_ascii_digit());
    (digits(shop) && digits(item)).then_some(shop)
}

/// Category pages end in `-cat.<id>` (sub-categories add `.<id>` levels), in any case.
fn is_category(seg: &str) -> bool {
    rfind_ci(seg, "-cat.").is_some_and(|i| seg[i + 5..].bytes().all(|c| c.is_ascii_digit() || c == b'.'))
}

/// The byte offset of the last occurrence of the ASCII `needle` in `hay`, ignoring ASCII case (a char boundary: the
/// match is ASCII).
fn rfind_ci(hay: &str, needle: &str) -> Option<usize> {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    (0..=h.len().checked_sub(n.len())?)
        .rev()
        .find(|&i| h[i..i + n.len()].eq_ignore_ascii_case(n))
}
