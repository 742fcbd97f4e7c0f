//! Lazada (lazada.vn): only `/shop/<slug>` names a seller. Product pages (`/products/…-i<item>-s<sku>.html`) carry
//! item and SKU ids, not the seller, so they name no account.

use super::normalize::{account_id, SHOP_SLUG};
use super::url::decode_seg;
use super::{eq_ci, Found, Kind, Target};
use crate::platform::IdType;

pub(crate) fn recognize(t: &Target<'_>) -> Found {
    if !eq_ci(&decode_seg(t.segs.get(0)?)?, "shop") {
        return None;
    }
    Some((IdType::ShopSlug, account_id(t.segs.get(1)?, SHOP_SLUG)?, Kind::Profile))
}
