//! The detail card (and its vetting record) from the first module's card facts (`extension::facts`): the record
//! arrives in the snapshot's record encoding and is decoded by the core's own decoder; `views::card::card_from_facts`
//! decides everything the card shows.

use crate::extension::signals::get;
use crate::to_js;
use js_sys::Uint8Array;
use koltrust::i18n::Lang;
use koltrust::platform::Platform;
use koltrust::registry::codec::decode_record;
use koltrust::registry::{Date, Freshness, Imitation, Record};
use koltrust::text::skeleton::Signs;
use koltrust::views::card::{card_from_facts, CardFacts, CardFound};
use wasm_bindgen::prelude::*;

/// The one error of a malformed facts object: only the worker makes them, from the first module's answer.
fn bad_facts() -> JsError {
    JsError::new("card facts: malformed")
}

fn record(facts: &JsValue) -> Result<Record, JsError> {
    let bytes = get(facts, "record");
    if !bytes.is_object() {
        return Err(bad_facts());
    }
    decode_record(&Uint8Array::new(&bytes).to_vec()).map_err(|_| bad_facts())
}

fn number(obj: &JsValue, key: &str) -> Result<f64, JsError> {
    get(obj, key).as_f64().ok_or_else(bad_facts)
}

/// `{kind, record, of_account_id, today, freshness}` as `Engine.cardFacts` made it.
fn card_facts(v: &JsValue) -> Result<CardFacts, JsError> {
    let f = get(v, "freshness");
    let found = match get(v, "kind").as_string().as_deref() {
        Some("record") => CardFound::Record(record(v)?),
        Some("lookalike") => {
            let how = get(v, "imitation");
            let signs = Signs(number(&how, "signs")? as u16);
            let decoration = get(&how, "decoration").as_string();
            CardFound::Lookalike {
                of: record(v)?,
                of_platform: get(&how, "of_platform")
                    .as_string()
                    .and_then(|p| Platform::parse(&p))
                    .ok_or_else(bad_facts)?,
                of_account_id: get(v, "of_account_id").as_string().ok_or_else(bad_facts)?,
                imitation: match get(&how, "via").as_string().as_deref() {
                    Some("handle") => Imitation::Handle { signs, decoration },
                    Some("name") => Imitation::DisplayName {
                        shown: get(&how, "shown").as_string().ok_or_else(bad_facts)?,
                        registered: get(&how, "registered").as_string().ok_or_else(bad_facts)?,
                        signs,
                        decoration,
                    },
                    _ => return Err(bad_facts()),
                },
            }
        }
        Some("unknown") => CardFound::Unknown,
        _ => return Err(bad_facts()),
    };
    Ok(CardFacts {
        freshness: Freshness {
            sequence: number(&f, "sequence")? as u64,
            issued_unix: number(&f, "issued_unix")? as i64,
            expires_unix: number(&f, "expires_unix")? as i64,
            stale: get(&f, "stale").as_bool().ok_or_else(bad_facts)?,
        },
        today: get(v, "today")
            .as_string()
            .and_then(|d| Date::parse(&d))
            .ok_or_else(bad_facts)?,
        found,
    })
}

/// The detail card (`views::card::DetailCard`) of `account_id` on `platform` (as the badge answer named them) from
/// its `facts` (`Engine.cardFacts` of the first module). `vetting` adds the vetting record (text, CSV, JSON), made
/// at the start of the registry's day.
#[wasm_bindgen(js_name = detailCard)]
pub fn detail_card(
    facts: JsValue,
    platform: &str,
    account_id: &str,
    lang: &str,
    vetting: bool,
) -> Result<JsValue, JsError> {
    let p = Platform::parse(platform).ok_or_else(|| JsError::new("card: unknown platform"))?;
    let facts = card_facts(&facts)?;
    let now = facts.today.start_unix_vn();
    to_js(&card_from_facts(
        &facts,
        p,
        account_id,
        vetting,
        now,
        Lang::from_tag(lang),
    ))
}
