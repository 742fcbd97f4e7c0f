//! The page-signal reader (`main_profile`) on hostile page signals: no panic, deterministic, and what it answers
//! is consistent (accounts on the answer's platform, at most one per namespace).
//!
//! Input: lines `<tag><value>`, the tag one byte: `L` location, `C` canonical, `O` og:url, `A` an app link, `J` a
//! structured-data URL, `W` an owner-block URL, `F`/`Y`/`X` a stable id (Facebook, YouTube, X) as `value` or
//! `value handle`.
#![no_main]

use koltrust::recognize::{main_profile, PageSignals, StableIdKind, StableIdSignal};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut s = PageSignals::default();
    for line in text.split('\n') {
        let mut chars = line.chars();
        let Some(tag) = chars.next() else { continue };
        let value = chars.as_str().to_string();
        let stable = |kind| {
            let (value, handle) = match value.split_once(' ') {
                Some((v, h)) => (v.to_string(), Some(h.to_string())),
                None => (value.clone(), None),
            };
            StableIdSignal { kind, value, handle }
        };
        match tag {
            'L' => s.location = value,
            'C' => s.canonical = Some(value),
            'O' => s.og_url = Some(value),
            'A' => s.al_urls.push(value),
            'J' => s.json_ld_urls.push(value),
            'W' => s.owner_urls.push(value),
            'F' => s.stable_ids.push(stable(StableIdKind::FbNumericId)),
            'Y' => s.stable_ids.push(stable(StableIdKind::YtChannelId)),
            'X' => s.stable_ids.push(stable(StableIdKind::XUserId)),
            _ => {}
        }
    }
    let answer = main_profile(&s);
    assert_eq!(answer, main_profile(&s), "main_profile is deterministic");
    if let Some(m) = answer {
        for (i, a) in m.accounts.iter().enumerate() {
            assert!(
                m.accounts[..i].iter().all(|b| b.id_type != a.id_type),
                "two accounts in one namespace: {:?}",
                m.accounts
            );
        }
    }
});
