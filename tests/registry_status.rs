//! Status at a given day: a table of cases for every sanction kind and every boundary.
//!
//! Boundaries (documented in `registry::status`): certificates are valid on `issued ≤ d < expires`; sanctions are in
//! effect on `effective_from ≤ d ≤ effective_until` (both inclusive), for ever when `effective_until` is absent.

// Whole-crate test code: a failed `unwrap`/`expect` is the test failing, with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use koltrust::i18n::Lang;
use koltrust::platform::{AccountKey, IdType, Platform};
use koltrust::registry::status::{next_change_after, BadgeWord};
use koltrust::registry::Freshness;
use koltrust::registry::TrustState;
use koltrust::registry::{
    state_at, CertLevel, Certification, ComplaintStats, Date, Record, Sanction, SanctionKind, SanctionReason,
};
use koltrust::views::record::card_view;

fn d(s: &str) -> Date {
    Date::parse(s).unwrap()
}

fn record(cert: Option<(&str, &str, u8)>, sanctions: Vec<Sanction>) -> Record {
    Record {
        id: "KT-T".into(),
        name: "Bùi Gia Khánh (hư cấu)".into(),
        aliases: vec![],
        accounts: vec![AccountKey::new(Platform::Tiktok, IdType::Handle, "khanh.demo")],
        categories: vec![],
        certification: cert.map(|(i, e, score)| Certification {
            level: CertLevel::Standard,
            score,
            number: "TN-T".into(),
            issued: d(i),
            expires: d(e),
        }),
        sanctions,
        complaints: ComplaintStats::default(),
        created: d("2024-01-01"),
        updated: d("2024-01-01"),
        fictional: true,
        note: None,
    }
}

fn sanction(kind: SanctionKind, from: &str, until: Option<&str>) -> Sanction {
    Sanction {
        kind,
        reason: SanctionReason::Other,
        authority: "Thanh tra mẫu".into(),
        decision: "1/QĐ".into(),
        summary_vi: "Tóm tắt".into(),
        summary_en: "Summary".into(),
        issued: d(from),
        effective_from: d(from),
        effective_until: until.map(d),
        source_url: "https://example.org/x".into(),
        fine_vnd: None,
    }
}

const C: TrustState = TrustState::Certified { score: 88 };
const S: TrustState = TrustState::Sanctioned;
const E: TrustState = TrustState::CertificateExpired;
const R: TrustState = TrustState::Registered;

#[test]
fn certificate_boundaries() {
    let r = record(Some(("2025-03-01", "2026-03-01", 88)), vec![]);
    for (day, want) in [
        ("2025-02-28", R), // not yet valid: the day before `issued`
        ("2025-03-01", C), // `issued` is inclusive
        ("2026-02-28", C), // last valid day
        ("2026-03-01", E), // `expires` is exclusive: the first day it is not valid
        ("2030-01-01", E),
    ] {
        assert_eq!(state_at(&r, d(day)), want, "{day}");
    }
    assert_eq!(state_at(&record(None, vec![]), d("2025-01-01")), R);
}

#[test]
fn every_sanction_kind_sanctions_while_in_effect_and_only_then() {
    for &kind in SanctionKind::ALL {
        let r = record(
            Some(("2025-01-01", "2027-01-01", 88)),
            vec![sanction(kind, "2025-06-10", Some("2025-06-20"))],
        );
        for (day, want) in [
            ("2025-06-09", C), // day before `effective_from`
            ("2025-06-10", S), // `effective_from` inclusive
            ("2025-06-15", S),
            ("2025-06-20", S), // `effective_until` inclusive
            ("2025-06-21", C), // ended: back to the certificate
        ] {
            assert_eq!(state_at(&r, d(day)), want, "{kind:?} on {day}");
        }
        // Permanent sanctions never end; sanctions outrank an expired certificate too.
        let p = record(
            Some(("2020-01-01", "2021-01-01", 88)),
            vec![sanction(kind, "2022-01-01", None)],
        );
        assert_eq!(state_at(&p, d("2021-12-31")), E, "{kind:?}");
        assert_eq!(state_at(&p, d("2022-01-01")), S, "{kind:?}");
        assert_eq!(state_at(&p, d("2099-12-31")), S, "{kind:?}");
    }
}

#[test]
fn overlapping_and_gapped_sanctions() {
    let r = record(
        None,
        vec![
            sanction(SanctionKind::Warning, "2025-01-01", Some("2025-01-10")),
            sanction(SanctionKind::AdvertisingBan, "2025-02-01", Some("2025-02-05")),
            sanction(SanctionKind::Fine, "2025-01-05", Some("2025-01-15")),
        ],
    );
    for (day, want) in [
        ("2024-12-31", R),
        ("2025-01-01", S),
        ("2025-01-12", S),
        ("2025-01-15", S),
        ("2025-01-16", R),
        ("2025-02-01", S),
        ("2025-02-06", R),
    ] {
        assert_eq!(state_at(&r, d(day)), want, "{day}");
    }
    assert_eq!(next_change_after(&r, d("2025-01-02")), Some(d("2025-01-05")));
    assert_eq!(next_change_after(&r, d("2025-02-06")), None);
}

#[test]
fn badge_words_answer_exactly_inside_their_window_and_defer_outside() {
    let r = record(
        Some(("2025-01-01", "2026-01-01", 91)),
        vec![sanction(SanctionKind::PlatformBan, "2025-07-01", Some("2025-07-31"))],
    );
    let issue = d("2025-06-15");
    let w = BadgeWord::for_record(&r, issue);
    assert!(w.is_well_formed());
    assert_eq!(
        w.state_on(issue, d("2025-06-15")),
        Some(TrustState::Certified { score: 91 })
    );
    assert_eq!(
        w.state_on(issue, d("2025-06-30")),
        Some(TrustState::Certified { score: 91 })
    );
    assert_eq!(
        w.state_on(issue, d("2025-07-01")),
        None,
        "state changes: decode the record"
    );
    assert_eq!(w.state_on(issue, d("2025-06-14")), None, "before the issue day: decode");
    for offset in -3..400 {
        let day = issue.add_days(offset);
        if let Some(s) = w.state_on(issue, day) {
            assert_eq!(s, state_at(&r, day), "{day}");
        }
    }
}

#[test]
fn card_labels_every_kind_and_reason_in_both_languages() {
    for &kind in SanctionKind::ALL {
        assert_ne!(kind.label(Lang::Vi), kind.label(Lang::En));
    }
    for &reason in SanctionReason::ALL {
        assert_ne!(reason.label(Lang::Vi), reason.label(Lang::En));
    }
    let r = record(
        Some(("2025-01-01", "2026-01-01", 91)),
        vec![
            sanction(SanctionKind::Prosecution, "2025-03-01", None),
            sanction(SanctionKind::Warning, "2024-03-01", Some("2024-03-02")),
        ],
    );
    let f = Freshness {
        sequence: 3,
        issued_unix: d("2025-06-01").start_unix_vn(),
        expires_unix: d("2025-06-08").start_unix_vn(),
        stale: false,
    };
    let vi = card_view(&r, d("2025-06-02"), &f, Lang::Vi);
    assert_eq!(vi.state, "sanctioned");
    assert_eq!(vi.active_sanctions[0].kind_label, "Khởi tố");
    assert_eq!(vi.active_sanctions[0].period_label, "Vĩnh viễn, từ 2025-03-01");
    assert_eq!(vi.past_sanctions[0].period_label, "Từ 2024-03-01 đến hết 2024-03-02");
    assert_eq!(vi.freshness.label, "Dữ liệu Liên minh số 3 (ngày 2025-06-01)");
    let en = card_view(&r, d("2026-02-01"), &f, Lang::En);
    assert_eq!(en.certification.unwrap().validity_label, "Expired on 2026-01-01");
    assert_eq!(en.past_sanctions[0].reason_label, "Other");
}
