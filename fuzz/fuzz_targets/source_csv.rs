//! The CSV registry source parser: a records list and, after the first NUL byte, a sanctions list (each told apart
//! by its header, as `SourceSet::add_csv` does). No panic; accepted records are consistent and survive
//! `to_json` → `parse_json` unchanged.
#![no_main]

use koltrust::registry::source::SourceSet;
use koltrust_fuzz::{check_source_answer, parts};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut set = SourceSet::new();
    for (i, part) in parts(data, 2).iter().enumerate() {
        set.add_csv(if i == 0 { "records.csv" } else { "sanctions.csv" }, part);
    }
    check_source_answer(set.finish());
});
