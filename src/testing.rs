//! A small signed registry of the fictional demo people, built in memory, for the core's own unit tests and the
//! wasm-bindgen tests (which cannot read source files). Dates are relative to the `now` the caller passes, so every
//! state (certified, sanctioned, certificate expired, registered) holds whatever day the tests run. Not part of
//! the product API.

// Test support: a failed `expect` here is the calling test failing, with its message.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use crate::platform::{AccountKey, IdType, Platform};
use crate::registry::{
    build_snapshot, CertLevel, Certification, ComplaintStats, Date, KeySet, Record, Registry, Sanction, SanctionKind,
    SanctionReason, SigningKey, SnapshotMeta,
};

/// 2026-11-29 12:00 Vietnam time, a fixed "now" for deterministic tests.
pub const NOW: i64 = 1_795_928_400;

/// The test signing key: made from a fixed seed in code, signs nothing outside tests.
pub fn test_key() -> SigningKey {
    SigningKey::from_bytes(&[42u8; 32])
}

/// The pinned key set matching [`test_key`].
pub fn test_keys() -> KeySet {
    KeySet::single(test_key().verifying_key().to_bytes()).expect("valid key")
}

fn record(id: &str, name: &str, accounts: &[(Platform, IdType, &str)], today: Date) -> Record {
    Record {
        id: id.into(),
        name: name.into(),
        aliases: vec![],
        accounts: accounts.iter().map(|(p, t, a)| AccountKey::new(*p, *t, *a)).collect(),
        categories: vec![],
        certification: None,
        sanctions: vec![],
        complaints: ComplaintStats::default(),
        created: today.add_days(-400),
        updated: today.add_days(-10),
        fictional: true,
        note: None,
    }
}

fn cert(score: u8, issued: Date, expires: Date) -> Option<Certification> {
    Some(Certification {
        level: CertLevel::Standard,
        score,
        number: format!("TN-TEST-{score}"),
        issued,
        expires,
    })
}

fn sanction(kind: SanctionKind, from: Date, until: Option<Date>) -> Sanction {
    Sanction {
        kind,
        reason: SanctionReason::MisleadingAdvertising,
        authority: "Cơ quan thử nghiệm (dữ liệu mẫu)".into(),
        decision: "1/QĐ-TEST".into(),
        summary_vi: "Quyết định thử nghiệm (dữ liệu mẫu).".into(),
        summary_en: "Test decision (sample data).".into(),
        issued: from,
        effective_from: from,
        effective_until: until,
        source_url: "https://example.org/koltrust-sample/decisions/test".into(),
        fine_vnd: None,
    }
}

/// A registered record with only a name and accounts (no certification, no sanction), as of [`NOW`].
pub fn plain_record(id: &str, name: &str, accounts: &[(Platform, IdType, &str)]) -> Record {
    record(id, name, accounts, Date::from_unix_vn(NOW))
}

/// The demo people's records, with states as of `now_unix`.
pub fn demo_records(now_unix: i64) -> Vec<Record> {
    use IdType::*;
    use Platform::*;
    let t = Date::from_unix_vn(now_unix);
    let mut lan = record(
        "KT-TEST-0001",
        "Nguyễn Thị Lan",
        &[(Facebook, FbUsername, "lan.review.demo")],
        t,
    );
    lan.certification = cert(92, t.add_days(-90), t.add_days(275));
    let mut hung = record(
        "KT-TEST-0002",
        "Trần Văn Hùng",
        &[(Facebook, FbNumericId, "100000000000001")],
        t,
    );
    hung.sanctions = vec![sanction(SanctionKind::Fine, t.add_days(-30), Some(t.add_days(335)))];
    let mut minh = record(
        "KT-TEST-0003",
        "Lê Ngọc Minh",
        &[(Tiktok, Handle, "minh.beauty.demo")],
        t,
    );
    minh.sanctions = vec![sanction(
        SanctionKind::AdvertisingBan,
        t.add_days(-60),
        Some(t.add_days(305)),
    )];
    let mut bep = record("KT-TEST-0004", "Bếp Nhà Demo", &[(Tiktok, Handle, "bepnha.demo")], t);
    bep.certification = cert(81, t.add_days(-20), t.add_days(345));
    let mut kenh = record(
        "KT-TEST-0006",
        "Kênh Du Lịch Demo",
        &[(Youtube, YtChannelId, "UCdemo0000000000000000A1")],
        t,
    );
    kenh.certification = cert(64, t.add_days(-420), t.add_days(-55));
    let tuan = record("KT-TEST-0008", "Vũ Minh Tuấn", &[(X, Handle, "tuan_tech_demo")], t);
    vec![lan, hung, minh, bep, kenh, tuan]
}

/// The signed snapshot of [`demo_records`], sequence 1, valid 30 days from `now_unix`.
pub fn demo_snapshot(now_unix: i64) -> Vec<u8> {
    let meta = SnapshotMeta {
        sequence: 1,
        issued_unix: now_unix - 3600,
        expires_unix: now_unix + 30 * 86_400,
    };
    build_snapshot(&demo_records(now_unix), &meta, &test_key()).expect("test records are valid")
}

/// [`demo_snapshot`], opened with [`test_keys`].
pub fn demo_registry(now_unix: i64) -> Registry {
    Registry::open(demo_snapshot(now_unix), &test_keys(), None, now_unix).expect("test snapshot opens")
}

/// `n` fictional KOLs with three accounts each (TikTok handle `kol{i}.demo`, Facebook numeric id, Instagram username
/// `kol{i}.demo`), half of them certified around `day` — the shape of the real registry at any size, for the
/// wasm tests and the wasm benchmark.
pub fn synthetic_records(n: usize, day: Date) -> Vec<Record> {
    (0..n)
        .map(|i| {
            let mut r = record(
                &format!("KT-{i:07}"),
                &format!("Người Mẫu Số {i} (hư cấu)"),
                &[
                    (Platform::Tiktok, IdType::Handle, &format!("kol{i}.demo")),
                    (
                        Platform::Facebook,
                        IdType::FbNumericId,
                        &format!("{}", 200_000_000_000_000u64 + i as u64),
                    ),
                    (Platform::Instagram, IdType::Username, &format!("kol{i}.demo")),
                ],
                day,
            );
            r.categories = vec!["food".into()];
            if i % 2 == 0 {
                r.certification = Some(Certification {
                    level: CertLevel::Basic,
                    score: (50 + i % 50) as u8,
                    number: format!("TN-{i}"),
                    issued: day.add_days(-100),
                    expires: day.add_days(265),
                });
            }
            r
        })
        .collect()
}
