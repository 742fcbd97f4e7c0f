//! The JSON registry source parser: no panic; every error names a line within the text; records it accepts are
//! consistent (`check_records`) and survive `to_json` → `parse_json` unchanged.
#![no_main]

use koltrust::registry::snapshot::check_records;
use koltrust::registry::source::{parse_json, to_json};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    match parse_json("source.json", text) {
        Ok(records) => {
            assert_eq!(
                check_records(&records),
                Vec::<String>::new(),
                "accepted records are consistent"
            );
            let again = parse_json("again.json", &to_json(&records));
            assert_eq!(again.as_ref().ok(), Some(&records), "to_json round trip: {again:?}");
        }
        Err(errors) => assert!(!errors.is_empty(), "a failure names at least one error"),
    }
});
