//! The registry's facts for the extension's second module (`crate::lazy`, which holds no registry): the record a
//! detail card is built from, and what the registry says of a report's profile. The worker asks them of this module's
//! [`Engine`] and hands them on as plain, JSON-compatible objects; every decision about what a card or a draft shows
//! is made by the core in the second module (`views::card::card_from_facts`, `complaint::draft::draft_with`).
//!
//! A record crosses in the snapshot's own record encoding (`registry::codec`, docs/formats.md) as an array of
//! numbers: this module already holds the decoder, the encoder is a few hundred bytes, and the second module reads
//! it back with the same decoder instead of a field-by-field reader of every record type.

use crate::{snapshot_error, to_js, Engine};
use koltrust::i18n::Lang;
use koltrust::platform::{AccountKey, IdType, Platform};
use koltrust::registry::codec::encode_record;
use koltrust::registry::{Freshness, Imitation};
use koltrust::views::card::{card_facts, CardFound};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// Longest account id a card is asked for: canonical ids are far shorter; anything longer is not one of ours.
const MAX_ACCOUNT_ID: usize = 256;

/// `views::card::CardFacts` as it crosses to the second module (read back by `lazy::card`).
#[derive(Serialize)]
struct CardFactsJs {
    /// `record` | `lookalike` | `unknown`.
    kind: &'static str,
    /// The account's record (or the imitated one), in the snapshot's record encoding.
    record: Option<Vec<u8>>,
    /// The registered account id a lookalike imitates.
    of_account_id: Option<String>,
    /// How a lookalike imitates it (`views::imitation`'s input).
    imitation: Option<ImitationJs>,
    /// The registry's day, `yyyy-mm-dd`.
    today: String,
    freshness: Freshness,
}

/// `registry::lookalike::Imitation` as it crosses: `via` is `handle` or `name`; `signs` the technique bits.
#[derive(Serialize)]
struct ImitationJs {
    via: &'static str,
    of_platform: &'static str,
    signs: u16,
    decoration: Option<String>,
    shown: Option<String>,
    registered: Option<String>,
}

/// The account a content script named: platform and namespace as the core spells them, the canonical id. `what`
/// starts the one-line error.
fn account(what: &str, platform: &str, id_type: &str, account_id: &str) -> Result<AccountKey, JsError> {
    let fail = |why: &str| JsError::new(&[what, ": ", why].concat());
    let p = Platform::parse(platform).ok_or_else(|| fail("unknown platform"))?;
    let t = IdType::parse(id_type).ok_or_else(|| fail("unknown id_type"))?;
    if account_id.is_empty() || account_id.len() > MAX_ACCOUNT_ID {
        return Err(fail("account_id must be 1 to 256 bytes"));
    }
    Ok(AccountKey::new(p, t, account_id.to_string()))
}

#[wasm_bindgen]
impl Engine {
    /// What the detail card of one account needs from the registry: `{kind, record, of_account_id, today,
    /// freshness}` for the second module's `detailCard`. `platform` and `id_type` as the core names them, the
    /// account id canonical, as the badge answer gave it; a content script names exactly one account and cannot
    /// list or search the registry through this. Fails with a one-line reason on an unknown platform or namespace.
    #[wasm_bindgen(js_name = cardFacts)]
    pub fn card_facts(
        &self,
        platform: &str,
        id_type: &str,
        account_id: &str,
        display_name: Option<String>,
    ) -> Result<JsValue, JsError> {
        let key = account("card", platform, id_type, account_id)?;
        let name = display_name.as_deref().filter(|n| n.len() <= MAX_ACCOUNT_ID);
        let facts =
            card_facts(&self.registry, key.platform, key.id_type, &key.account_id, name).map_err(snapshot_error)?;
        let encoded = |r| {
            let mut out = Vec::new();
            encode_record(r, &mut out);
            Some(out)
        };
        let (kind, record, of_account_id, imitation) = match &facts.found {
            CardFound::Record(r) => ("record", encoded(r), None, None),
            CardFound::Lookalike {
                of,
                of_platform,
                of_account_id,
                imitation,
            } => {
                let how = match imitation {
                    Imitation::Handle { signs, decoration } => ImitationJs {
                        via: "handle",
                        of_platform: of_platform.as_str(),
                        signs: signs.0,
                        decoration: decoration.clone(),
                        shown: None,
                        registered: None,
                    },
                    Imitation::DisplayName {
                        shown,
                        registered,
                        signs,
                        decoration,
                    } => ImitationJs {
                        via: "name",
                        of_platform: of_platform.as_str(),
                        signs: signs.0,
                        decoration: decoration.clone(),
                        shown: Some(shown.clone()),
                        registered: Some(registered.clone()),
                    },
                };
                ("lookalike", encoded(of), Some(of_account_id.clone()), Some(how))
            }
            CardFound::Unknown => ("unknown", None, None, None),
        };
        to_js(&CardFactsJs {
            kind,
            record,
            of_account_id,
            imitation,
            today: facts.today.to_string(),
            freshness: facts.freshness,
        })
    }

    /// What the registry says of a report's profile (`complaint::draft::ProfileFacts`: `{state, state_label,
    /// name}`, the label in `lang`), for the account the second module's `reportAccount` resolved.
    #[wasm_bindgen(js_name = profileFacts)]
    pub fn profile_facts(
        &self,
        platform: &str,
        id_type: &str,
        account_id: &str,
        lang: &str,
        display_name: Option<String>,
    ) -> Result<JsValue, JsError> {
        let key = account("profile", platform, id_type, account_id)?;
        let name = display_name.as_deref().filter(|n| n.len() <= MAX_ACCOUNT_ID);
        let facts = koltrust::complaint::draft::profile_facts(&self.registry, &key, name, Lang::from_tag(lang))
            .map_err(snapshot_error)?;
        to_js(&facts)
    }
}
