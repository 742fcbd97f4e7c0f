//! Complaint validation on the server's JSON path (`server/src/routes/complaints.rs`: `serde_json::from_slice`, the
//! language from `locale`, `validate`, the localized message of each error). No panic; validation is deterministic;
//! a valid complaint's URLs are canonical (`canonical_url` maps them to themselves).
#![no_main]

use koltrust::complaint::{message_for, validate, ComplaintSubmission};
use koltrust::i18n::Lang;
use koltrust::recognize::canonical_url;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(sub) = serde_json::from_slice::<ComplaintSubmission>(data) else {
        return;
    };
    let lang = Lang::from_tag(&sub.locale);
    let result = validate(&sub);
    assert_eq!(result, validate(&sub), "validate is deterministic");
    match result {
        Ok(valid) => {
            for url in [&valid.page_url, &valid.profile_url].into_iter().flatten() {
                assert_eq!(
                    canonical_url(url).as_deref(),
                    Some(url.as_str()),
                    "stored URLs are canonical"
                );
            }
        }
        Err(errors) => {
            assert!(!errors.is_empty());
            for e in &errors {
                let _ = message_for(e.code, lang);
            }
        }
    }
});
