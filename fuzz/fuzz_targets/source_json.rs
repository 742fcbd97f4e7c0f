//! The JSON registry source parser: no panic; every error names a line within the text; records it accepts are
//! consistent (`check_records`) and survive `to_json` → `parse_json` unchanged.
#![no_main]

use koltrust::registry::source::parse_json;
use koltrust_fuzz::check_source_answer;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    check_source_answer(parse_json("source.json", text));
});
