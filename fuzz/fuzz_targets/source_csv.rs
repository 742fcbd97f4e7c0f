//! The CSV registry source parser: a records list and, after the first NUL byte, a sanctions list (each told apart
//! by its header, as `SourceSet::add_csv` does). No panic; accepted records are consistent and survive
//! `to_json` → `parse_json` unchanged.
#![no_main]

use koltrust::registry::snapshot::check_records;
use koltrust::registry::source::{parse_json, to_json, SourceSet};
use koltrust_fuzz::parts;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut set = SourceSet::new();
    for (i, part) in parts(data, 2).iter().enumerate() {
        set.add_csv(if i == 0 { "records.csv" } else { "sanctions.csv" }, part);
    }
    match set.finish() {
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
