// @ts-check
// The accounts the registry the extension carries knows, with the badge state each must show. Every other
// recognized profile is unknown ("unknown" when the option to mark unregistered profiles is on).
// Fictional people only.
export const KNOWN = new Map([
  ['facebook:fb_username:lan.review.demo', 'certified'],
  ['facebook:fb_numeric_id:100000000000001', 'sanctioned'],
  ['tiktok:handle:minh.beauty.demo', 'sanctioned'],
  ['tiktok:handle:bepnha.demo', 'certified'],
  ['youtube:yt_handle:reviewcongnghe.demo', 'certified'],
  ['youtube:yt_channel_id:UCdemo0000000000000000A1', 'expired'],
  ['instagram:username:thutrang.style.demo', 'expired'],
  ['x:handle:tuan_tech_demo', 'registered'],
  ['threads:username:linh.decor.demo', 'certified'],
  ['shopee:shop_id:900000001', 'sanctioned'],
  ['shopee:shop_username:mochi.store.demo', 'sanctioned'],
  ['lazada:shop_slug:hana-cosmetics-demo', 'certified'],
  ['zalo:zalo_oa_id:1900000000000000001', 'registered'],
]);

/** The state a badge for `platform`'s account must show. */
export function expectedState(platform, idType, accountId) {
  return KNOWN.get(`${platform}:${idType}:${accountId}`) ?? 'unknown';
}
