//! The portal's detail card entry point (feature `portal`): a second `impl Engine` block, so the card's glue lives
//! beside, not inside, the lookups. A caller names exactly one account and gets that account's card; it cannot list
//! or search the registry through this call. The extension builds its cards in its second module instead, from the
//! first module's facts (`extension::facts`, `lazy::card`), so its first module carries no card code.

use crate::{snapshot_error, to_js, Engine};
use koltrust::i18n::Lang;
use koltrust::platform::{IdType, Platform};
use wasm_bindgen::prelude::*;

/// Longest account id a card is asked for: canonical ids are far shorter; anything longer is not one of ours.
const MAX_ACCOUNT_ID: usize = 256;

#[wasm_bindgen]
impl Engine {
    /// The detail card (`cards::DetailCard`) of one account: `platform` and `id_type` as the core names them
    /// (`tiktok`, `handle`…), `account_id` canonical, as the badge answer gave it. `vetting` adds the vetting record
    /// (text, CSV, JSON). Fails with a one-line reason on an unknown platform or namespace.
    pub fn card(
        &self,
        platform: &str,
        id_type: &str,
        account_id: &str,
        lang: &str,
        vetting: bool,
    ) -> Result<JsValue, JsError> {
        let p = Platform::parse(platform).ok_or_else(|| JsError::new("card: unknown platform"))?;
        let t = IdType::parse(id_type).ok_or_else(|| JsError::new("card: unknown id_type"))?;
        if account_id.is_empty() || account_id.len() > MAX_ACCOUNT_ID {
            return Err(JsError::new("card: account_id must be 1 to 256 bytes"));
        }
        let now = self.registry.today().start_unix_vn();
        let card =
            koltrust::views::card::detail_card(&self.registry, p, t, account_id, vetting, now, Lang::from_tag(lang))
                .map_err(snapshot_error)?;
        to_js(&card)
    }
}
