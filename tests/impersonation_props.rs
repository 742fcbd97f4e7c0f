//! Properties of the look-alike check (`koltrust::registry::lookalike`): a registered account is never a
//! look-alike of anything, whatever name is shown beside it; and the handle skeleton does not care how a name is
//! styled — every styled or look-alike spelling of a registered handle finds it.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use koltrust::platform::{IdType, Platform};
use koltrust::registry::sample::{generate, SampleSpec};
use koltrust::registry::{build_snapshot, Date, Record, Registry, SnapshotMeta};
use koltrust::testing::{test_key, test_keys, NOW};
use proptest::prelude::*;
use std::sync::OnceLock;

fn sample() -> &'static (Vec<Record>, Registry) {
    static SAMPLE: OnceLock<(Vec<Record>, Registry)> = OnceLock::new();
    SAMPLE.get_or_init(|| {
        let records = generate(SampleSpec {
            records: 3_000,
            seed: 7,
            today: Date::from_unix_vn(NOW),
        });
        let meta = SnapshotMeta {
            sequence: 1,
            issued_unix: NOW,
            expires_unix: NOW + 86_400,
        };
        let bytes = build_snapshot(&records, &meta, &test_key()).unwrap();
        let reg = Registry::open(bytes, &test_keys(), None, NOW).unwrap();
        (records, reg)
    })
}

/// Shown names an impersonator might use: registered names decorated, random text, styled letters.
fn shown_name() -> impl Strategy<Value = String> {
    let (records, _) = sample();
    let names: Vec<String> = records.iter().take(500).map(|r| r.name.clone()).collect();
    prop_oneof![
        (
            prop::sample::select(names),
            prop::sample::select(vec!["", " Official", " ✅", " Store", " - Chính Chủ"])
        )
            .prop_map(|(n, d)| format!("{n}{d}")),
        "\\PC{0,40}",
        "[a-zA-Zа-яＡ-Ｚ0-9 ._✅]{0,30}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn a_registered_account_is_never_a_lookalike(pick in 0usize..3_000, k in 0usize..6, shown in shown_name()) {
        let (records, reg) = sample();
        let r = &records[pick];
        let a = &r.accounts[k % r.accounts.len()];
        prop_assert!(reg.lookalike(a.platform, a.id_type, &a.account_id, Some(&shown)).unwrap().is_none());
        prop_assert!(reg.lookalike(a.platform, a.id_type, &a.account_id, None).unwrap().is_none());
    }

    #[test]
    fn styled_spellings_of_a_registered_handle_find_it(pick in 0usize..3_000, style in 0u32..4) {
        let (records, reg) = sample();
        let real = &records[pick].accounts[0];
        prop_assume!(real.platform == Platform::Tiktok);
        let fake: String = real.account_id.chars().map(|c| match (style, c) {
            (0, 'a'..='z') => char::from_u32(c as u32 + 0xFEE0).unwrap(),     // fullwidth
            (1, 'a'..='z') => char::from_u32(0x1D41A + c as u32 - 'a' as u32).unwrap(), // mathematical bold
            (2, 'a') => 'а',                                                 // Cyrillic
            (2, 'o') => 'о',
            (_, c) => c.to_ascii_uppercase(),
        }).collect();
        prop_assume!(fake != real.account_id);
        let hit = reg.lookalike(Platform::Tiktok, IdType::Handle, &fake, None).unwrap();
        prop_assert!(hit.is_some(), "{fake} should look like {}", real.account_id);
    }
}
