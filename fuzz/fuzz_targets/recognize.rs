//! The URL recognizer and the canonical URL: no panic; recognition is deterministic; `canonical_url` is
//! idempotent; a recognized account's canonical profile URL recognizes back to the same account, as a profile.
#![no_main]

use koltrust::recognize::{canonical_profile_url, canonical_url, recognize, Kind};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(input) = std::str::from_utf8(data) else { return };
    let first = recognize(input);
    assert_eq!(first, recognize(input), "recognize is deterministic");
    if let Some(c) = canonical_url(input) {
        assert_eq!(
            canonical_url(&c).as_deref(),
            Some(c.as_str()),
            "canonical_url is idempotent"
        );
    }
    if let Some(r) = &first {
        if let Some(account) = &r.account {
            let url = canonical_profile_url(r.platform, account.id_type, &account.account_id);
            let back = recognize(&url).unwrap_or_else(|| panic!("{url} does not recognize"));
            assert_eq!(back.platform, r.platform, "{url}");
            assert_eq!(back.account.as_ref(), Some(account), "{url}");
            assert_eq!(back.kind, Kind::Profile, "{url}");
        }
    }
});
