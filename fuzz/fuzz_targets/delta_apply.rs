//! Applying a delta to a fixed small snapshot (the core's demo registry, sequence 1) with the fixed test key; when it
//! applies, the result opens and verifies (a delta can produce only the exact snapshot its publisher signed).
//!
//! First byte: odd = repair and re-sign the rest as a delta over the base (see the crate docs), even = as is.
#![no_main]

use koltrust::registry::delta::apply_delta;
use koltrust::registry::Registry;
use koltrust_fuzz::{base_snapshot, keys, resign_delta, NOW};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let base = base_snapshot();
    let delta = if mode & 1 == 1 {
        resign_delta(rest.to_vec(), base)
    } else {
        rest.to_vec()
    };
    let Ok(next) = apply_delta(base, &delta, keys()) else {
        return;
    };
    // Only a result whose SHA-256 the signed delta promised comes back; the seeds' delta makes a real snapshot.
    if let Ok(reg) = Registry::open(next, keys(), None, NOW) {
        let _ = reg.verify_all();
    }
});
