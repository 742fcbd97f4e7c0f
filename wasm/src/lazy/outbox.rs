//! wasm-bindgen glue for the report outbox (`complaint::outbox`): the worker's `extension/worker/outbox.js` stores
//! entries in IndexedDB and moves bytes with `fetch`; every decision — is the complaint valid, what to send, what an
//! answer means, when to retry, when to refresh, what "My reports" says — is one of these calls. Delivery records
//! cross as plain objects (`Serializer::json_compatible` out, `Reflect` field reads in: no generic deserializer in
//! the wasm build); "My reports" crosses as JSON text. The complaint, possibly with a large screenshot, crosses
//! once, at acceptance.
//!
//! Size notes (measured with `cargo xtask dist`): the field readers are `#[inline(never)]` because the wasm build
//! is compiled at opt-level 3 (for the recognizer's speed), which otherwise copies them into every export (−1 KB
//! gzipped); a value of the wrong type is not a separate error path but a string that fails its field's own rule.

use crate::extension::signals::{absent, get};
use crate::to_js;
use js_sys::{Array, Object, Reflect};
use koltrust::complaint::model::{ComplaintSubmission, Contact, Cue, ProfileRef, PromotionFacts};
use koltrust::complaint::outbox::http::{self, Answer, AnswerBody};
use koltrust::complaint::outbox::{self, view, Delivery, DeliveryState, Summary};
use koltrust::i18n::Lang;
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// A value of the wrong type where a string is expected. It fails the core's validation of that very field
/// (control characters, no scheme, unknown name…), so a wrong type gets the field's own error code and message
/// without a type checker in the wasm build.
const WRONG_TYPE: &str = "\u{0}";

/// A string field: `None` when absent, [`WRONG_TYPE`] when not a string.
#[inline(never)]
fn opt_str(obj: &JsValue, key: &str) -> Option<String> {
    let v = get(obj, key);
    (!absent(&v)).then(|| v.as_string().unwrap_or_else(|| WRONG_TYPE.into()))
}

#[inline(never)]
fn str(obj: &JsValue, key: &str) -> String {
    opt_str(obj, key).unwrap_or_default()
}

/// A number field; `NaN` (which casts to 0) when absent or not a number.
#[inline(never)]
fn num(obj: &JsValue, key: &str) -> f64 {
    get(obj, key).as_f64().unwrap_or(f64::NAN)
}

#[inline(never)]
fn opt_ms(obj: &JsValue, key: &str) -> Option<i64> {
    get(obj, key).as_f64().map(|n| n as i64)
}

/// The items of an array field (none when absent or not an array).
#[inline(never)]
fn items(obj: &JsValue, key: &str) -> Vec<JsValue> {
    let v = get(obj, key);
    if Array::is_array(&v) {
        Array::from(&v).iter().collect()
    } else {
        Vec::new()
    }
}

/// The wire JSON of a `ComplaintSubmission` as a JavaScript object (as the report dialog builds it).
#[inline(never)]
fn submission(v: &JsValue) -> ComplaintSubmission {
    let p = get(v, "profile");
    let contact = get(v, "contact");
    ComplaintSubmission {
        id: str(v, "id"),
        profile: ProfileRef {
            platform: str(&p, "platform"),
            id_type: str(&p, "id_type"),
            account_id: str(&p, "account_id"),
            url: opt_str(&p, "url"),
        },
        page_url: opt_str(v, "page_url"),
        category: str(v, "category"),
        note: str(v, "note"),
        promotion: PromotionFacts {
            cues: items(&get(v, "promotion"), "cues")
                .iter()
                .map(|c| Cue {
                    kind: str(c, "kind"),
                    text: str(c, "text"),
                    start: num(c, "start") as u32,
                    end: num(c, "end") as u32,
                })
                .collect(),
        },
        screenshot: opt_str(v, "screenshot"),
        contact: (!absent(&contact)).then(|| Contact {
            value: str(&contact, "value"),
            consent: get(&contact, "consent").as_bool() == Some(true),
        }),
        locale: str(v, "locale"),
        created: num(v, "created") as i64,
    }
}

/// The strings of an array field (none when absent; a non-string item reads as [`WRONG_TYPE`]).
#[inline(never)]
fn strings(v: &JsValue, key: &str) -> Vec<String> {
    items(v, key)
        .iter()
        .map(|s| s.as_string().unwrap_or_else(|| WRONG_TYPE.into()))
        .collect()
}

/// A delivery record as `outboxAccept`/`outboxSettle` returned it (and IndexedDB kept it).
#[inline(never)]
fn delivery(v: &JsValue) -> Result<Delivery, JsError> {
    Ok(Delivery {
        state: DeliveryState::parse(&str(v, "state")).ok_or_else(|| JsError::new("delivery.state: unknown"))?,
        attempts: num(v, "attempts") as u32,
        next_attempt_ms: num(v, "next_attempt_ms") as i64,
        last_error: opt_str(v, "last_error"),
        receipt: opt_str(v, "receipt"),
        status: opt_str(v, "status"),
        refreshed_ms: opt_ms(v, "refreshed_ms"),
        reply: opt_str(v, "reply"),
        refusal: strings(v, "refusal"),
    })
}

/// A delivery record for JavaScript (one copy of its serializer, not one per export).
#[inline(never)]
fn delivery_js(d: &Delivery) -> Result<JsValue, JsError> {
    to_js(d)
}

#[inline(never)]
fn summary(v: &JsValue) -> Summary {
    Summary {
        id: str(v, "id"),
        platform: str(v, "platform"),
        id_type: str(v, "id_type"),
        account_id: str(v, "account_id"),
        category: str(v, "category"),
        created_ms: num(v, "created_ms") as i64,
    }
}

/// A parsed JSON answer (`await res.json()`, or `null` when the body was not JSON).
#[inline(never)]
fn answer_body(v: &JsValue) -> AnswerBody {
    let error = get(v, "error");
    AnswerBody {
        receipt: opt_str(v, "receipt"),
        status: opt_str(v, "status"),
        reply: opt_str(v, "reply"),
        error_code: opt_str(&error, "code"),
        field_codes: items(&error, "fields").iter().map(|f| str(f, "code")).collect(),
    }
}

#[inline(never)]
fn set(obj: &Object, key: &str, value: &JsValue) {
    let _ = Reflect::set(obj, &JsValue::from_str(key), value);
}

#[derive(Serialize)]
struct ErrorView<'a> {
    field: &'a str,
    code: &'a str,
    message: &'static str,
}

/// Validates a complaint (the wire JSON of `ComplaintSubmission`, as an object) and makes its outbox entry:
/// `{ok: true, entry: {summary, delivery}}` — store it, with `JSON.stringify(complaint)` as the body, before
/// sending — or `{ok: false, errors: [{field, code, message}]}` with messages in `lang`. A value of the wrong type
/// fails its field's own rule.
#[wasm_bindgen(js_name = outboxAccept)]
pub fn outbox_accept(complaint: JsValue, now_ms: f64, lang: &str) -> Result<JsValue, JsError> {
    let result = outbox::accept(&submission(&complaint), now_ms as i64);
    let out = Object::new();
    set(&out, "ok", &JsValue::from_bool(result.is_ok()));
    match result {
        Ok(entry) => set(&out, "entry", &to_js(&entry)?),
        Err(errors) => {
            let lang = Lang::from_tag(lang);
            let views: Vec<ErrorView> = errors
                .iter()
                .map(|e| ErrorView {
                    field: &e.field,
                    code: e.code,
                    message: e.message(lang),
                })
                .collect();
            set(&out, "errors", &to_js(&views)?)
        }
    }
    Ok(out.into())
}

/// What to do now with the stored reports (`deliveries`: their delivery records, in the worker's order):
/// `{send: [index…], refresh: [[index, request]…], wake_ms}` (see `complaint::outbox::Plan`). `refresh` is `"no"`,
/// `"stale"` (the popup opened) or `"all"` (a person clicked "refresh").
#[wasm_bindgen(js_name = outboxPlan)]
pub fn outbox_plan(deliveries: JsValue, now_ms: f64, refresh: &str) -> Result<JsValue, JsError> {
    let list: Vec<Delivery> = Array::from(&deliveries)
        .iter()
        .map(|d| delivery(&d))
        .collect::<Result<_, _>>()?;
    let refresh = match refresh {
        "all" => outbox::Refresh::All,
        "stale" => outbox::Refresh::Stale,
        _ => outbox::Refresh::No,
    };
    to_js(&outbox::plan(&list, now_ms as i64, refresh))
}

/// Starts an attempt: `{delivery, request: {method, path, headers: [[name, value]…], timeout_ms}}`; store the
/// delivery, then send the stored body to `path` under the server URL. `client_id` is the installation's token.
#[wasm_bindgen(js_name = outboxBegin)]
pub fn outbox_begin(delivery_obj: JsValue, client_id: Option<String>, now_ms: f64) -> Result<JsValue, JsError> {
    let mut d = delivery(&delivery_obj)?;
    d.begin(now_ms as i64);
    let out = Object::new();
    set(&out, "delivery", &delivery_js(&d)?);
    set(&out, "request", &to_js(&http::submit_request(client_id.as_deref()))?);
    Ok(out.into())
}

/// The outcome of an attempt → the new delivery record. `answer` is `{status, retryAfter, body}` (body: the
/// parsed JSON or `null`) or `{failure: 'network' | 'timeout'}`; `jitter` is `Math.random()`.
#[wasm_bindgen(js_name = outboxSettle)]
pub fn outbox_settle(delivery_obj: JsValue, answer: JsValue, now_ms: f64, jitter: f64) -> Result<JsValue, JsError> {
    let mut d = delivery(&delivery_obj)?;
    let a = match get(&answer, "failure").as_string().as_deref() {
        Some("timeout") => Answer::Timeout,
        Some(_) => Answer::Network,
        None => Answer::Http {
            status: num(&answer, "status") as u16,
            retry_after: get(&answer, "retryAfter").as_string(),
            body: answer_body(&get(&answer, "body")),
        },
    };
    d.settle(&a, now_ms as i64, jitter);
    delivery_js(&d)
}

/// A status answer (`status`: HTTP status, `body`: parsed JSON or `null`) → the new delivery record.
#[wasm_bindgen(js_name = outboxApplyStatus)]
pub fn outbox_apply_status(delivery_obj: JsValue, status: u16, body: JsValue, now_ms: f64) -> Result<JsValue, JsError> {
    let mut d = delivery(&delivery_obj)?;
    d.apply_status(status, &answer_body(&body), now_ms as i64);
    delivery_js(&d)
}

/// "My reports" (`complaint::outbox::view::MyReportsView`) from the stored entries (`[{summary, delivery}]`), as
/// JSON text for `JSON.parse` (smaller in wasm than a serializer per field).
#[wasm_bindgen(js_name = myReports)]
pub fn my_reports(entries: JsValue, lang: &str) -> Result<String, JsError> {
    let mut list = Vec::new();
    for e in Array::from(&entries).iter() {
        list.push((summary(&get(&e, "summary")), delivery(&get(&e, "delivery"))?));
    }
    Ok(view::my_reports(&list, Lang::from_tag(lang)).to_json())
}
