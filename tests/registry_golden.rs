//! Golden bytes: the registry's binary formats are pinned.
//!
//! A small snapshot and a delta are built from fixed inputs only — fixed records, sequence, issue and expiry times,
//! and a signing key made from a fixed 32-byte seed (Ed25519 signatures are deterministic) — and the SHA-256 of
//! their bytes and the key id are compared with the literals below. Nothing here reads the clock or a random number
//! generator, and the builders order everything themselves (records by registry id, index entries by hash), so the
//! bytes do not depend on the run or the machine (every integer is written little-endian, none depends on the
//! pointer width).
//!
//! If a hash here changes, a published file would no longer be what readers in the field expect: that is a format
//! change, and it needs a version bump, a migration note and new literals — see [`FIX`] and `docs/formats.md`.

// Whole-crate test code: a failed `unwrap`/`expect` is the test failing, with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use koltrust::platform::{AccountKey, IdType, Platform};
use koltrust::registry::delta::{apply_delta, make_delta, verify_delta, DELTA_MAGIC, DELTA_VERSION};
use koltrust::registry::keys::{signing_key_id, to_hex, KeySet, SigningKey};
use koltrust::registry::snapshot::{build_snapshot_with_chunk, MAGIC, VERSION};
use koltrust::registry::TrustState;
use koltrust::registry::{
    build_snapshot, CertLevel, Certification, ComplaintStats, Date, Record, Registry, Sanction, SanctionKind,
    SanctionReason, SnapshotError, SnapshotMeta,
};
use sha2::{Digest, Sha256};

/// SHA-256 of the golden snapshot (sequence 7).
const SNAPSHOT_1_SHA256: &str = "19b628ea675cbebaa4c9384d08cceecd8ba7e089ef8d1e51d8a5200f7c1015cf";
/// SHA-256 of the golden snapshot (sequence 7) as the writer writes it by default (`DEFAULT_CHUNK_LOG2` = 16,
/// 64 KiB chunks): the same records, header byte 10 and the chunk table differ. A different default changes it —
/// readers accept any chunk size of 1 KiB to 1 MiB, so that is no format version, but it is deliberate.
const SNAPSHOT_1_DEFAULT_SHA256: &str = "8c01d12f83120c7e94f10ff1f59574d517cc2d0044fc89411fd28ee4cd29155c";
/// SHA-256 of the second golden snapshot (sequence 8), the delta's result.
const SNAPSHOT_2_SHA256: &str = "ff0609749c327b8cd14629aded367b9e08050cb50bd8d96aef3f70f378f669d4";
/// SHA-256 of the golden delta 7 → 8.
const DELTA_SHA256: &str = "86e2b214cdf12426ad26c661d53f1c12475a9383c0ed800063fb2e83f7b8a005";
/// Key id of the golden key: the first 8 bytes of SHA-256("koltrust-registry-key/v1" ‖ public key).
const KEY_ID: &str = "9bba630f82b990b2";

/// What to do when a golden value changes.
const FIX: &str = "if this is intended, bump the format version constant (`VERSION` in src/registry/snapshot.rs for \
                   the snapshot, `DELTA_VERSION` in src/registry/delta.rs for the delta; a key id change means the \
                   key id domain string in src/registry/keys.rs changes too), write a migration note in \
                   docs/formats.md under 'Format history', and update the expected hashes here";

/// The golden signing key's seed: fixed, signs nothing outside this test.
const SEED: [u8; 32] = *b"koltrust golden test key seed 01";

/// 2026-06-15 09:00 Vietnam time (UTC+7), written out: no clock is read.
const ISSUED_1: i64 = 1_781_488_800;
/// 2026-06-16 09:00 Vietnam time.
const ISSUED_2: i64 = 1_781_575_200;
/// Snapshots expire a week after they are issued.
const WEEK: i64 = 7 * 86_400;

fn key() -> SigningKey {
    SigningKey::from_bytes(&SEED)
}

fn keys() -> KeySet {
    KeySet::single(key().verifying_key().to_bytes()).expect("valid public key")
}

fn day(s: &str) -> Date {
    Date::parse(s).expect("valid date")
}

fn sha256(bytes: &[u8]) -> String {
    to_hex(&Sha256::digest(bytes))
}

fn account(platform: Platform, id_type: IdType, id: &str) -> AccountKey {
    AccountKey::new(platform, id_type, id)
}

fn sanction(kind: SanctionKind, reason: SanctionReason, n: u32, from: &str, until: Option<&str>) -> Sanction {
    Sanction {
        kind,
        reason,
        authority: "Thanh tra Sở mẫu (hư cấu)".into(),
        decision: format!("{n}/QĐ-XPHC-MAU"),
        summary_vi: format!("Quyết định số {n} (hư cấu)."),
        summary_en: format!("Decision no. {n} (fictional)."),
        issued: day(from).add_days(-3),
        effective_from: day(from),
        effective_until: until.map(day),
        source_url: format!("https://example.org/koltrust-golden/decisions/{n}"),
        fine_vnd: (kind == SanctionKind::Fine).then_some(45_000_000),
    }
}

/// The first snapshot's records: every section and every field of the record encoding is used — accounts of all
/// nine platforms and all thirteen namespaces (one reusing the first account's id, which the encoding stores as a
/// reference), names and aliases, categories, every certification level, sanctions active, expired, permanent and
/// not yet in effect (one with a fine), complaint counts, a note, and both values of the fictional flag.
fn records_1() -> Vec<Record> {
    use IdType::*;
    use Platform::*;
    let certified = Record {
        id: "KT-GOLD-0001".into(),
        name: "Nguyễn Thị Vàng (hư cấu)".into(),
        aliases: vec!["Vàng Review".into(), "Chị Vàng Bếp Nhà".into()],
        accounts: vec![
            account(Tiktok, Handle, "vang.review.golden"),
            account(Instagram, Username, "vang.review.golden"),
            account(Facebook, FbUsername, "vang.review.golden"),
            account(Facebook, FbNumericId, "100000000000701"),
            account(Youtube, YtChannelId, "UCgoldenVang0000000000A1"),
            account(Youtube, YtHandle, "vangreviewgolden"),
        ],
        categories: vec!["beauty".into(), "food".into()],
        certification: Some(Certification {
            level: CertLevel::Excellent,
            score: 95,
            number: "TN-2026-GOLD-0001".into(),
            issued: day("2026-01-10"),
            expires: day("2027-01-10"),
        }),
        sanctions: vec![],
        complaints: ComplaintStats {
            received: 5,
            upheld: 1,
            rejected: 2,
            pending: 2,
        },
        created: day("2025-03-01"),
        updated: day("2026-06-01"),
        fictional: true,
        note: Some("Hồ sơ vàng cho kiểm thử / golden test record".into()),
    };
    let sanctioned = Record {
        id: "KT-GOLD-0002".into(),
        name: "Trần Văn Bạc (hư cấu)".into(),
        aliases: vec!["Bạc Shop".into()],
        accounts: vec![
            account(Shopee, ShopId, "700000002"),
            account(Shopee, ShopUsername, "bac.shop.golden"),
            account(Lazada, ShopSlug, "bac-shop-golden"),
            account(Zalo, ZaloOaId, "4000000000000000702"),
            account(Zalo, ZaloPhone, "84900000702"),
        ],
        categories: vec!["fashion".into()],
        certification: Some(Certification {
            level: CertLevel::Basic,
            score: 61,
            number: "TN-2024-GOLD-0002".into(),
            issued: day("2024-05-01"),
            expires: day("2025-05-01"),
        }),
        sanctions: vec![
            // Ended before the issue day: past, shown on the card only.
            sanction(
                SanctionKind::Fine,
                SanctionReason::CounterfeitGoods,
                11,
                "2025-02-01",
                Some("2025-03-31"),
            ),
            // In effect on the issue day, with an end.
            sanction(
                SanctionKind::AdvertisingBan,
                SanctionReason::MisleadingAdvertising,
                12,
                "2026-04-01",
                Some("2026-09-30"),
            ),
        ],
        complaints: ComplaintStats {
            received: 40,
            upheld: 25,
            rejected: 9,
            pending: 6,
        },
        created: day("2024-04-15"),
        updated: day("2026-04-01"),
        fictional: true,
        note: None,
    };
    let registered = Record {
        id: "KT-GOLD-0003".into(),
        name: "Lê Hoàng Đồng (hư cấu)".into(),
        aliases: vec![],
        accounts: vec![
            account(X, Handle, "dong_golden"),
            account(Threads, Username, "dong.golden"),
        ],
        categories: vec![],
        certification: None,
        // Permanent, but not in effect before 2027: the badge word's change day.
        sanctions: vec![sanction(
            SanctionKind::PlatformBan,
            SanctionReason::Fraud,
            13,
            "2027-02-01",
            None,
        )],
        complaints: ComplaintStats::default(),
        created: day("2026-01-02"),
        updated: day("2026-01-02"),
        // Flag byte with no bit set (the people are still fictional: this exercises the encoding).
        fictional: false,
        note: None,
    };
    let not_yet_certified = Record {
        id: "KT-GOLD-0004".into(),
        name: "Phạm Thu Thiếc (hư cấu)".into(),
        aliases: vec!["Thiếc Vlog".into()],
        accounts: vec![
            account(Youtube, YtCustom, "thiecvloggolden"),
            account(Youtube, YtUser, "thiecgolden"),
            account(Tiktok, Handle, "thiec.vlog.golden"),
        ],
        categories: vec!["travel".into(), "tech".into()],
        certification: Some(Certification {
            level: CertLevel::Standard,
            score: 80,
            number: "TN-2026-GOLD-0004".into(),
            issued: day("2026-07-01"),
            expires: day("2027-07-01"),
        }),
        sanctions: vec![],
        complaints: ComplaintStats {
            received: 1,
            upheld: 0,
            rejected: 1,
            pending: 0,
        },
        created: day("2026-05-20"),
        updated: day("2026-06-10"),
        fictional: true,
        note: None,
    };
    vec![certified, sanctioned, registered, not_yet_certified]
}

/// The second snapshot's records: KT-GOLD-0001 changed (a warning in effect, one more complaint, an added account),
/// KT-GOLD-0003 removed, KT-GOLD-0005 added.
fn records_2() -> Vec<Record> {
    let mut records = records_1();
    let changed = &mut records[0];
    changed
        .accounts
        .push(account(Platform::Threads, IdType::Username, "vang.review.golden"));
    changed.sanctions.push(sanction(
        SanctionKind::Warning,
        SanctionReason::MisleadingAdvertising,
        14,
        "2026-06-16",
        Some("2026-12-15"),
    ));
    changed.complaints = ComplaintStats {
        received: 6,
        upheld: 2,
        rejected: 2,
        pending: 2,
    };
    changed.updated = day("2026-06-16");
    records.retain(|r| r.id != "KT-GOLD-0003");
    records.push(Record {
        id: "KT-GOLD-0005".into(),
        name: "Võ Minh Kẽm (hư cấu)".into(),
        aliases: vec![],
        accounts: vec![account(Platform::X, IdType::Handle, "kem_golden")],
        categories: vec!["finance".into()],
        certification: Some(Certification {
            level: CertLevel::Standard,
            score: 74,
            number: "TN-2026-GOLD-0005".into(),
            issued: day("2026-06-16"),
            expires: day("2027-06-16"),
        }),
        sanctions: vec![],
        complaints: ComplaintStats::default(),
        created: day("2026-06-16"),
        updated: day("2026-06-16"),
        fictional: true,
        note: None,
    });
    records
}

fn meta(sequence: u64, issued_unix: i64) -> SnapshotMeta {
    SnapshotMeta {
        sequence,
        issued_unix,
        expires_unix: issued_unix + WEEK,
    }
}

/// The chunk size the golden files are written with: 2^14 = 16 KiB, the writer's default until 2026-12-06. The format
/// is pinned with it; what the writer writes today (`koltrust::registry::snapshot::DEFAULT_CHUNK_LOG2`) is pinned by its own literal
/// ([`SNAPSHOT_1_DEFAULT_SHA256`]), since a chunk size is a choice inside the format, not a new one.
const GOLDEN_CHUNK_LOG2: u8 = 14;

fn snapshot_1() -> Vec<u8> {
    build_snapshot_with_chunk(&records_1(), &meta(7, ISSUED_1), &key(), GOLDEN_CHUNK_LOG2)
        .expect("golden snapshot 1 builds")
}

fn snapshot_2() -> Vec<u8> {
    build_snapshot_with_chunk(&records_2(), &meta(8, ISSUED_2), &key(), GOLDEN_CHUNK_LOG2)
        .expect("golden snapshot 2 builds")
}

/// `None` when `got` is the expected golden hash, else the line naming what changed.
fn golden(what: &str, detail: &str, got: &str, want: &str) -> Option<String> {
    (got != want).then(|| format!("the {what} bytes changed ({detail}: SHA-256 is {got}, expected {want})"))
}

/// Every record of an opened registry, in ordinal (registry-id) order.
fn all_records(reg: &Registry) -> Vec<Record> {
    (0..reg.record_count())
        .map(|i| reg.record(i).expect("record decodes"))
        .collect()
}

fn sorted(mut records: Vec<Record>) -> Vec<Record> {
    records.sort_by(|a, b| a.id.cmp(&b.id));
    records
}

#[test]
fn golden_snapshot_delta_and_key_id() {
    let key_id = signing_key_id(&key()).to_string();
    assert!(
        key_id == KEY_ID,
        "the key id of the golden key changed ({key_id}, expected {KEY_ID}): {FIX}"
    );

    let s1 = snapshot_1();
    let s2 = snapshot_2();
    let delta = make_delta(&s1, &s2, &key()).expect("golden delta builds");
    // Built twice in one run: the same bytes (the hashes below pin them across runs and machines).
    assert_eq!(s1, snapshot_1(), "the snapshot builder is not deterministic");
    assert_eq!(
        delta,
        make_delta(&s1, &snapshot_2(), &key()).unwrap(),
        "the delta builder is not deterministic"
    );

    let changed: Vec<String> = [
        golden("snapshot", "sequence 7", &sha256(&s1), SNAPSHOT_1_SHA256),
        golden("snapshot", "sequence 8", &sha256(&s2), SNAPSHOT_2_SHA256),
        golden("delta", "7 → 8", &sha256(&delta), DELTA_SHA256),
        golden(
            "default writer's snapshot",
            "sequence 7, default chunk size",
            &sha256(&build_snapshot(&records_1(), &meta(7, ISSUED_1), &key()).unwrap()),
            SNAPSHOT_1_DEFAULT_SHA256,
        ),
    ]
    .into_iter()
    .flatten()
    .collect();
    assert!(changed.is_empty(), "{}: {FIX}", changed.join("; "));
}

#[test]
fn golden_files_verify_and_open() {
    let keys = keys();
    let now = ISSUED_2 + 3600;

    // The snapshot opens with the pinned key, passes the full check, and holds exactly the records.
    let reg1 = Registry::open(snapshot_1(), &keys, None, ISSUED_1 + 3600).expect("golden snapshot opens");
    reg1.verify_all().expect("golden snapshot verifies in full");
    assert_eq!(
        (reg1.sequence(), reg1.issued_unix(), reg1.expires_unix()),
        (7, ISSUED_1, ISSUED_1 + WEEK)
    );
    assert_eq!(reg1.key_id().to_string(), KEY_ID);
    assert_eq!(all_records(&reg1), sorted(records_1()));
    let state = |reg: &Registry, p, t, id| reg.lookup(p, t, id).unwrap().map(|h| h.state);
    use IdType::*;
    use Platform::*;
    assert_eq!(
        state(&reg1, Instagram, Username, "vang.review.golden"),
        Some(TrustState::Certified { score: 95 })
    );
    assert_eq!(
        state(&reg1, Lazada, ShopSlug, "bac-shop-golden"),
        Some(TrustState::Sanctioned)
    );
    assert_eq!(
        state(&reg1, Threads, Username, "dong.golden"),
        Some(TrustState::Registered)
    );
    assert_eq!(
        state(&reg1, Youtube, YtUser, "thiecgolden"),
        Some(TrustState::Registered)
    );
    assert_eq!(state(&reg1, X, Handle, "kem_golden"), None);

    // The delta verifies, applies to give exactly the second snapshot, which opens over the first (no rollback)
    // and holds the second snapshot's records.
    let delta = make_delta(reg1.bytes(), &snapshot_2(), &key()).unwrap();
    let info = verify_delta(&delta, &keys).expect("golden delta verifies");
    assert_eq!((info.from_sequence, info.to_sequence), (7, 8));
    assert_eq!(info.key_id.to_string(), KEY_ID);
    let applied = apply_delta(reg1.bytes(), &delta, &keys).expect("golden delta applies");
    assert_eq!(applied, snapshot_2());
    let reg2 = Registry::open(applied, &keys, Some(reg1.sequence()), now).expect("delta result opens");
    reg2.verify_all().expect("delta result verifies in full");
    assert_eq!(all_records(&reg2), sorted(records_2()));
    assert_eq!(state(&reg2, Threads, Username, "dong.golden"), None, "removed record");
    assert_eq!(
        state(&reg2, Facebook, FbNumericId, "100000000000701"),
        Some(TrustState::Sanctioned)
    );
    assert_eq!(
        state(&reg2, Threads, Username, "vang.review.golden"),
        Some(TrustState::Sanctioned)
    );
    assert_eq!(
        state(&reg2, X, Handle, "kem_golden"),
        Some(TrustState::Certified { score: 74 })
    );

    // Rollback protection: holding 8, the older snapshot 7 is refused.
    assert_eq!(
        Registry::open(snapshot_1(), &keys, Some(8), now).err(),
        Some(SnapshotError::Rollback { held: 8, got: 7 })
    );
}

#[test]
fn magic_and_version_sit_at_their_documented_offsets() {
    // docs/formats.md and the module docs of src/registry/snapshot.rs and delta.rs: magic at 0..8, format version
    // as a little-endian u16 at 8..10, key id at 16..24 — in both files.
    assert_eq!(MAGIC, b"KOLTSNAP");
    assert_eq!(DELTA_MAGIC, b"KOLTDLTA");
    let s = snapshot_1();
    assert_eq!(&s[0..8], b"KOLTSNAP", "snapshot magic at offset 0");
    assert_eq!(&s[8..10], &VERSION.to_le_bytes(), "snapshot version at offset 8");
    assert_eq!(&s[8..10], &[2, 0], "snapshot format version 2: {FIX}");
    let d = make_delta(&s, &snapshot_2(), &key()).unwrap();
    assert_eq!(&d[0..8], b"KOLTDLTA", "delta magic at offset 0");
    assert_eq!(&d[8..10], &DELTA_VERSION.to_le_bytes(), "delta version at offset 8");
    assert_eq!(&d[8..10], &[1, 0], "delta format version 1: {FIX}");
    assert_eq!(to_hex(&s[16..24]), KEY_ID, "snapshot key id at offset 16");
    assert_eq!(to_hex(&d[16..24]), KEY_ID, "delta key id at offset 16");
    // Sequence at 24 (snapshot), from/to sequences at 24 and 32 (delta).
    assert_eq!(u64::from_le_bytes(s[24..32].try_into().unwrap()), 7);
    assert_eq!(u64::from_le_bytes(d[24..32].try_into().unwrap()), 7);
    assert_eq!(u64::from_le_bytes(d[32..40].try_into().unwrap()), 8);
}
