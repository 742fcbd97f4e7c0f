//! Opening a snapshot with the fixed test key; when it opens, `verify_all`, then reading every record it has (up to
//! 64), lookups and lookalike checks. No panic; a snapshot that passes `verify_all` answers every record without
//! error.
//!
//! First byte: odd = repair and re-sign the rest with the test key (see the crate docs), even = open as is.
#![no_main]

use koltrust::platform::{IdType, Platform};
use koltrust::registry::Registry;
use koltrust_fuzz::{keys, resign_snapshot, NOW};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let bytes = if mode & 1 == 1 {
        resign_snapshot(rest.to_vec())
    } else {
        rest.to_vec()
    };
    let held = (mode & 2 == 2).then_some(1);
    let Ok(reg) = Registry::open(bytes, keys(), held, NOW) else {
        return;
    };
    let _ = reg.freshness();
    // Lookups touch (and verify) chunks before verify_all has run: they must fail cleanly, never panic.
    for (platform, id_type, id) in [
        (Platform::Tiktok, IdType::Handle, "lan.review.demo"),
        (Platform::Facebook, IdType::FbNumericId, "100000000000001"),
        (Platform::Instagram, IdType::Username, "lan.review.demo_official"),
        (Platform::X, IdType::Handle, "tuan_tech_demo"),
    ] {
        let _ = reg.lookup(platform, id_type, id);
        let _ = reg.lookalike(platform, id_type, id, None);
        let _ = reg.lookalike(platform, id_type, id, Some("Nguyễn Thị Lan ✅ Official"));
    }
    let verified = reg.verify_all().is_ok();
    for ordinal in 0..reg.record_count().min(64) {
        let record = reg.record(ordinal);
        let state = reg.state_of(ordinal);
        let name = reg.display_name(ordinal);
        let identity = reg.badge_identity(ordinal);
        if verified {
            assert!(
                record.is_ok() && state.is_ok() && name.is_ok() && identity.is_ok(),
                "record {ordinal}"
            );
        }
    }
});
