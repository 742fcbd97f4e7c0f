//! Registry: source → snapshot → lookup round trips, every rejection, byte flips and truncations, deltas.

// Whole-crate test code: a failed `unwrap`/`expect` is the test failing, with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use koltrust::i18n::Lang;
use koltrust::platform::{AccountKey, IdType, Platform};
use koltrust::registry::delta::{apply_delta, make_delta};
use koltrust::registry::keys::{KeyId, KeySet, SigningKey};
use koltrust::registry::sample::{generate, SampleSpec};
use koltrust::registry::snapshot::{build_snapshot_with_chunk, sha256_hex, SIGNATURE_LEN};
use koltrust::registry::TrustState;
use koltrust::registry::{
    build_snapshot, state_at, CertLevel, Certification, ComplaintStats, Date, Record, Registry, Sanction, SanctionKind,
    SanctionReason, SnapshotError, SnapshotMeta,
};
use koltrust::views::badge::badge_of;
use koltrust::views::record::record_card;

fn key(seed: u8) -> SigningKey {
    SigningKey::from_bytes(&[seed; 32])
}

fn keys(seed: u8) -> KeySet {
    KeySet::single(key(seed).verifying_key().to_bytes()).unwrap()
}

fn day(s: &str) -> Date {
    Date::parse(s).unwrap()
}

const TODAY: &str = "2026-06-15";

fn meta(sequence: u64) -> SnapshotMeta {
    let issued = day(TODAY).start_unix_vn() + 3600;
    SnapshotMeta {
        sequence,
        issued_unix: issued,
        expires_unix: issued + 7 * 86_400,
    }
}

fn now() -> i64 {
    meta(1).issued_unix + 60
}

fn sample(n: usize, seed: u64) -> Vec<Record> {
    generate(SampleSpec {
        records: n,
        seed,
        today: day(TODAY),
    })
}

/// A record using every field, with two sanctions (one permanent) and a fine.
fn full_record() -> Record {
    Record {
        id: "KT-9000001".into(),
        name: "Đặng Thị Hồng Nhung (hư cấu)".into(),
        aliases: vec!["Nhung Review".into(), "Nhung Bếp Nhà".into()],
        accounts: vec![
            AccountKey::new(Platform::Tiktok, IdType::Handle, "nhung.review.demo"),
            AccountKey::new(Platform::Facebook, IdType::FbNumericId, "100000000009001"),
            AccountKey::new(Platform::Facebook, IdType::FbUsername, "nhung.review.demo"),
            AccountKey::new(Platform::Youtube, IdType::YtChannelId, "UCdemoNhung000000000000A"),
            AccountKey::new(Platform::Zalo, IdType::ZaloOaId, "4000000000000009001"),
        ],
        categories: vec!["beauty".into(), "food".into()],
        certification: Some(Certification {
            level: CertLevel::Excellent,
            score: 97,
            number: "TN-2026-9000001".into(),
            issued: day("2026-01-01"),
            expires: day("2027-01-01"),
        }),
        sanctions: vec![
            Sanction {
                kind: SanctionKind::Fine,
                reason: SanctionReason::MisleadingAdvertising,
                authority: "Thanh tra mẫu (hư cấu)".into(),
                decision: "12/QĐ-XPHC-MAU".into(),
                summary_vi: "Quảng cáo sai sự thật (hư cấu).".into(),
                summary_en: "Misleading advertising (fictional).".into(),
                issued: day("2025-01-02"),
                effective_from: day("2025-01-03"),
                effective_until: Some(day("2025-02-03")),
                source_url: "https://example.org/decision/12".into(),
                fine_vnd: Some(70_000_000),
            },
            Sanction {
                kind: SanctionKind::Boycott,
                reason: SanctionReason::EthicsViolation,
                authority: "Liên minh mẫu (hư cấu)".into(),
                decision: "7/LM-MAU".into(),
                summary_vi: "Tẩy chay (hư cấu).".into(),
                summary_en: "Boycott (fictional).".into(),
                issued: day("2030-01-01"),
                effective_from: day("2030-01-01"),
                effective_until: None,
                source_url: "https://example.org/decision/7".into(),
                fine_vnd: None,
            },
        ],
        complaints: ComplaintStats {
            received: 9,
            upheld: 2,
            rejected: 3,
            pending: 4,
        },
        created: day("2024-02-29"),
        updated: day("2026-05-01"),
        fictional: true,
        note: Some("Hồ sơ hư cấu / fictional".into()),
    }
}

fn build(records: &[Record], seq: u64) -> Vec<u8> {
    build_snapshot(records, &meta(seq), &key(1)).unwrap()
}

fn open(bytes: Vec<u8>) -> Result<Registry, SnapshotError> {
    Registry::open(bytes, &keys(1), None, now())
}

#[test]
fn every_field_round_trips_and_every_account_is_found() {
    let mut records = sample(300, 7);
    records.push(full_record());
    let reg = open(build(&records, 1)).unwrap();
    reg.verify_all().unwrap();
    assert_eq!(reg.record_count() as usize, records.len());
    assert_eq!(
        reg.account_count() as usize,
        records.iter().map(|r| r.accounts.len()).sum::<usize>()
    );
    let today = reg.today();
    for r in &records {
        for a in &r.accounts {
            let hit = reg
                .lookup(a.platform, a.id_type, &a.account_id)
                .unwrap()
                .expect("indexed");
            assert_eq!(reg.record(hit.record).unwrap(), *r);
            assert_eq!(hit.state, state_at(r, today), "{}", r.id);
        }
    }
    // Unknown accounts, and known ids in the wrong namespace, are unknown.
    assert_eq!(
        reg.lookup(Platform::Tiktok, IdType::Handle, "nobody.at.all").unwrap(),
        None
    );
    assert_eq!(
        reg.lookup(Platform::Instagram, IdType::Username, "nhung.review.demo")
            .unwrap(),
        None
    );
    assert_eq!(
        reg.lookup(Platform::Facebook, IdType::FbNumericId, "100000000009002")
            .unwrap(),
        None
    );
    for i in 0..20_000 {
        assert_eq!(
            reg.lookup(Platform::X, IdType::Handle, &format!("unknown{i}")).unwrap(),
            None
        );
    }
}

#[test]
fn snapshot_bytes_are_deterministic_and_order_independent() {
    let mut records = sample(50, 3);
    let a = build(&records, 4);
    records.reverse();
    assert_eq!(a, build(&records, 4));
}

#[test]
fn badge_and_card_come_from_the_record() {
    let reg = open(build(&[full_record()], 1)).unwrap();
    let b = badge_of(&reg, Platform::Tiktok, IdType::Handle, "nhung.review.demo", Lang::Vi)
        .unwrap()
        .unwrap();
    assert_eq!(b.state, "certified");
    assert!(b.title.contains("Đặng Thị Hồng Nhung"));
    // A fictional record's badge says it is sample data.
    assert_eq!(b.demo, full_record().fictional);
    assert_eq!(b.tag.is_some(), full_record().fictional);
    let hit = reg
        .lookup(Platform::Tiktok, IdType::Handle, "nhung.review.demo")
        .unwrap()
        .unwrap();
    let vi = record_card(&reg, hit.record, Lang::Vi).unwrap();
    let en = record_card(&reg, hit.record, Lang::En).unwrap();
    assert_eq!(vi.registry_id, "KT-9000001");
    assert_eq!(vi.past_sanctions.len(), 1);
    assert_eq!(vi.upcoming_sanctions.len(), 1);
    assert!(vi.active_sanctions.is_empty());
    assert_eq!(vi.past_sanctions[0].kind_label, "Phạt tiền");
    assert_eq!(en.past_sanctions[0].kind_label, "Fine");
    assert_eq!(vi.past_sanctions[0].fine_label.as_deref(), Some("70.000.000 ₫"));
    assert_eq!(en.upcoming_sanctions[0].period_label, "Permanent, from 2030-01-01");
    assert_eq!(
        vi.certification.as_ref().unwrap().validity_label,
        "Còn hiệu lực đến hết 2026-12-31"
    );
    assert_eq!(en.certification.as_ref().unwrap().level_label, "Excellent");
    assert_eq!(vi.fictional_label.as_deref(), Some("Hồ sơ hư cấu (dữ liệu mẫu)"));
    assert!(!vi.freshness.stale);
    assert_eq!(en.complaints.label, "9 complaints: 2 upheld, 3 rejected, 4 pending");
}

#[test]
fn stale_snapshots_are_accepted_and_flagged() {
    let bytes = build(&[full_record()], 1);
    let late = meta(1).expires_unix + 1;
    let reg = Registry::open(bytes, &keys(1), Some(1), late).unwrap();
    assert!(reg.is_stale());
    let b = badge_of(&reg, Platform::Tiktok, IdType::Handle, "nhung.review.demo", Lang::En)
        .unwrap()
        .unwrap();
    assert!(b.title.contains("out of date"), "{}", b.title);
    assert!(record_card(&reg, 0, Lang::Vi).unwrap().freshness.stale);
}

#[test]
fn header_rejections_name_the_problem() {
    let good = build(&[full_record()], 5);
    let mut bad_magic = good.clone();
    bad_magic[0] = b'X';
    assert_eq!(open(bad_magic).unwrap_err(), SnapshotError::BadMagic);
    let mut bad_version = good.clone();
    bad_version[8] = 1;
    // Version 1 (before the name index) is refused like any other version.
    assert_eq!(open(bad_version).unwrap_err(), SnapshotError::UnsupportedVersion(1));
    let unknown = Registry::open(good.clone(), &keys(2), None, now()).unwrap_err();
    assert_eq!(
        unknown,
        SnapshotError::UnknownKey(KeyId::of(&key(1).verifying_key().to_bytes()).to_string())
    );
    // A key set with both keys accepts it (rotation).
    let mut both = keys(2);
    both.add(key(1).verifying_key().to_bytes()).unwrap();
    assert!(Registry::open(good.clone(), &both, None, now()).is_ok());
    // Signed by key 2 but claiming key 1's id: the signature fails.
    let mut forged = build_snapshot(&[full_record()], &meta(5), &key(2)).unwrap();
    forged[16..24].copy_from_slice(&KeyId::of(&key(1).verifying_key().to_bytes()).0);
    assert_eq!(open(forged).unwrap_err(), SnapshotError::BadSignature);
    let mut bad_sig = good.clone();
    let sig_at = good.len() - (good.len() - head_len(&good));
    bad_sig[sig_at + 3] ^= 1;
    assert_eq!(open(bad_sig).unwrap_err(), SnapshotError::BadSignature);
    let truncated = good[..good.len() - 1].to_vec();
    assert!(matches!(open(truncated).unwrap_err(), SnapshotError::Truncated(_)));
    let mut overlong = good.clone();
    overlong.push(0);
    assert!(matches!(open(overlong).unwrap_err(), SnapshotError::Overlong(_)));
    // Rollback: older than held is refused, same or newer accepted.
    assert_eq!(
        Registry::open(good.clone(), &keys(1), Some(6), now()).unwrap_err(),
        SnapshotError::Rollback { held: 6, got: 5 }
    );
    assert!(Registry::open(good.clone(), &keys(1), Some(5), now()).is_ok());
    assert!(Registry::open(good, &keys(1), Some(4), now()).is_ok());
    for e in [SnapshotError::BadMagic, SnapshotError::Rollback { held: 6, got: 5 }] {
        assert!(!e.to_string().contains('\n'));
    }
}

/// Offset of the signature: the head's length.
fn head_len(b: &[u8]) -> usize {
    koltrust::registry::snapshot::Header::parse(b).unwrap().head_len()
}

/// Rewrites a section-table entry and re-signs the head, to test the section checks behind a valid signature.
fn resigned_with_section(good: &[u8], entry: usize, field: usize, value: u32) -> Vec<u8> {
    let mut b = good.to_vec();
    let at = 64 + entry * 16 + field * 4;
    b[at..at + 4].copy_from_slice(&value.to_le_bytes());
    let h = head_len(&b);
    use ed25519_dalek::Signer;
    let sig = key(1).sign(&b[..h]);
    b[h..h + SIGNATURE_LEN].copy_from_slice(&sig.to_bytes());
    b
}

#[test]
fn section_table_rejections() {
    let good = build(&sample(20, 1), 1);
    let read = |e: usize, f: usize| u32::from_le_bytes(good[64 + e * 16 + f * 4..][..4].try_into().unwrap());
    // entries section one word longer, records one shorter: overlong then truncated section.
    let longer = resigned_with_section(&good, 1, 3, read(1, 3) + 4);
    assert!(matches!(open(longer).unwrap_err(), SnapshotError::Overlong(m) if m.contains("entries")));
    let shorter = resigned_with_section(&good, 2, 3, read(2, 3) - 4);
    assert!(matches!(open(shorter).unwrap_err(), SnapshotError::Truncated(m) if m.contains("badges")));
    let records_short = resigned_with_section(&good, 6, 3, read(6, 3) - 1);
    assert!(matches!(open(records_short).unwrap_err(), SnapshotError::Overlong(_)));
    let records_long = resigned_with_section(&good, 6, 3, read(6, 3) + 1);
    assert!(matches!(open(records_long).unwrap_err(), SnapshotError::Truncated(_)));
    let wrong_id = resigned_with_section(&good, 0, 0, 9);
    assert!(matches!(open(wrong_id).unwrap_err(), SnapshotError::BadSection(_)));
    let wrong_count = resigned_with_section(&good, 3, 1, read(3, 1) + 1);
    assert!(matches!(open(wrong_count).unwrap_err(), SnapshotError::BadSection(_)));
}

fn small_snapshot() -> Vec<u8> {
    let mut recs = sample(6, 11);
    recs.push(full_record());
    // 1 KiB chunks: several chunks even for a small file.
    build_snapshot_with_chunk(&recs, &meta(1), &key(1), 10).unwrap()
}

#[test]
fn flipping_any_byte_is_rejected() {
    let good = small_snapshot();
    assert!(good.len() > 3000, "{}", good.len());
    open(good.clone()).unwrap().verify_all().unwrap();
    for i in 0..good.len() {
        let mut b = good.clone();
        b[i] ^= 0xFF;
        let r = open(b).and_then(|r| r.verify_all());
        assert!(r.is_err(), "flipping byte {i} of {} went unnoticed", good.len());
        let msg = r.unwrap_err().to_string();
        assert!(!msg.is_empty() && !msg.contains('\n'));
    }
}

#[test]
fn lazily_verified_chunks_refuse_tampered_records() {
    let good = small_snapshot();
    // Tamper with the last byte (inside the record section); open succeeds (head intact) but any use of that chunk fails.
    let mut b = good.clone();
    let last = b.len() - 1;
    b[last] ^= 1;
    let reg = open(b).unwrap();
    assert!(matches!(reg.verify_all(), Err(SnapshotError::ChunkMismatch(_))));
    let reg = open({
        let mut b = good.clone();
        b[last] ^= 1;
        b
    })
    .unwrap();
    let last_ord = reg.record_count() - 1;
    assert!(matches!(reg.record(last_ord), Err(SnapshotError::ChunkMismatch(_))));
}

#[test]
fn every_truncation_is_rejected_without_panic() {
    let good = small_snapshot();
    for n in 0..good.len() {
        let e = open(good[..n].to_vec()).unwrap_err();
        assert!(
            matches!(e, SnapshotError::Truncated(_) | SnapshotError::BadMagic),
            "{n}: {e}"
        );
    }
}

#[test]
fn garbage_never_panics() {
    let base = small_snapshot();
    let mut x = 0x1234_5678_9abc_def0u64;
    for len in [0, 1, 7, 8, 63, 64, 65, 200, 5000] {
        for _ in 0..50 {
            let mut b: Vec<u8> = (0..len)
                .map(|_| {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    x as u8
                })
                .collect();
            if len >= 8 {
                b[..8].copy_from_slice(b"KOLTSNAP");
            }
            assert!(open(b.clone()).is_err());
            assert!(apply_delta(&base, &b, &keys(1)).is_err());
        }
    }
}

fn edited(mut records: Vec<Record>) -> Vec<Record> {
    // Typical day of edits: a certificate renewed, a sanction added, an account added, a new KOL appended.
    records[10].certification = Some(Certification {
        level: CertLevel::Standard,
        score: 77,
        number: "TN-2026-RENEW".into(),
        issued: day("2026-06-10"),
        expires: day("2027-06-10"),
    });
    let mut s = full_record().sanctions[0].clone();
    s.effective_until = None;
    records[40].sanctions.push(s);
    records[70].accounts.push(AccountKey::new(
        Platform::Threads,
        IdType::Username,
        "added.account.demo",
    ));
    let mut new = full_record();
    new.id = "KT-9999999".into();
    records.push(new);
    records
}

#[test]
fn delta_applies_to_exactly_the_new_snapshot() {
    let old_records = sample(3000, 5);
    let old = build(&old_records, 1);
    let new = build(&edited(old_records), 2);
    let delta = make_delta(&old, &new, &key(1)).unwrap();
    let applied = apply_delta(&old, &delta, &keys(1)).unwrap();
    assert_eq!(sha256_hex(&applied), sha256_hex(&new));
    assert_eq!(applied, new);
    assert!(
        delta.len() * 20 < new.len(),
        "delta {} bytes vs snapshot {} bytes",
        delta.len(),
        new.len()
    );
    let reg = Registry::open(applied, &keys(1), Some(1), now()).unwrap();
    assert_eq!(reg.sequence(), 2);
    reg.verify_all().unwrap();
    assert!(reg
        .lookup(Platform::Threads, IdType::Username, "added.account.demo")
        .unwrap()
        .is_some());
}

#[test]
fn delta_rejections() {
    let recs = sample(200, 9);
    let old = build(&recs, 1);
    let new = build(&edited(recs), 2);
    let delta = make_delta(&old, &new, &key(1)).unwrap();
    // wrong base
    let other = build(&sample(200, 10), 1);
    assert_eq!(
        apply_delta(&other, &delta, &keys(1)).unwrap_err(),
        SnapshotError::DeltaBaseMismatch
    );
    // unknown key
    assert!(matches!(
        apply_delta(&old, &delta, &keys(2)).unwrap_err(),
        SnapshotError::UnknownKey(_)
    ));
    // every flipped byte and every truncation is refused
    for i in 0..delta.len() {
        let mut d = delta.clone();
        d[i] ^= 0xFF;
        assert!(apply_delta(&old, &d, &keys(1)).is_err(), "byte {i}");
    }
    for n in 0..delta.len() {
        assert!(apply_delta(&old, &delta[..n], &keys(1)).is_err(), "len {n}");
    }
    // deltas only move forward
    assert!(make_delta(&new, &old, &key(1)).is_err());
}

#[test]
fn lookups_agree_with_state_at_across_days() {
    let records = sample(400, 21);
    let bytes = build(&records, 1);
    let mut reg = open(bytes).unwrap();
    let issue = day(TODAY);
    for offset in [-40, -1, 0, 1, 2, 5, 17, 30, 90, 200, 366, 400, 800] {
        let d = issue.add_days(offset);
        reg.set_now(d.start_unix_vn() + 12 * 3600);
        for r in &records {
            let a = &r.accounts[0];
            let hit = reg.lookup(a.platform, a.id_type, &a.account_id).unwrap().unwrap();
            assert_eq!(hit.state, state_at(r, d), "{} on {d}", r.id);
        }
    }
}

#[test]
fn sample_data_is_fictional_and_covers_every_kind() {
    let recs = sample(500, 1);
    assert!(recs.iter().all(|r| r.fictional
        && r.note
            .as_deref()
            .is_some_and(|n| n.contains("fictional") || n.contains("Fictional"))));
    for k in SanctionKind::ALL {
        assert!(recs.iter().any(|r| r.sanctions.iter().any(|s| s.kind == *k)), "{k:?}");
    }
    for k in SanctionReason::ALL {
        assert!(recs.iter().any(|r| r.sanctions.iter().any(|s| s.reason == *k)), "{k:?}");
    }
    for p in Platform::ALL {
        assert!(recs.iter().any(|r| r.accounts.iter().any(|a| a.platform == p)), "{p:?}");
    }
    let today = day(TODAY);
    let states: Vec<TrustState> = recs.iter().map(|r| state_at(r, today)).collect();
    for want in [
        TrustState::Sanctioned,
        TrustState::CertificateExpired,
        TrustState::Registered,
    ] {
        assert!(states.contains(&want), "{want:?}");
    }
    assert!(states.iter().any(|s| matches!(s, TrustState::Certified { .. })));
    assert!(recs
        .iter()
        .any(|r| r.note.as_deref().is_some_and(|n| n.contains("lookalike"))));
    assert!(recs.iter().any(|r| r.name.chars().any(|c| "ễịạồảđ".contains(c))));
    assert_eq!(recs, sample(500, 1));
    assert!(koltrust::registry::snapshot::check_records(&recs).is_empty());
}

#[test]
fn lookalike_names_of_registered_accounts_are_flagged_and_others_are_not() {
    let records = sample(300, 17);
    let reg = open(build(&records, 1)).unwrap();
    let mut flagged = 0;
    for (i, r) in records.iter().enumerate().take(60) {
        let real = &r.accounts[0];
        assert_eq!(real.platform, Platform::Tiktok);
        let fake = match i % 4 {
            0 => format!("{}_official", real.account_id),
            1 => real.account_id.replacen('o', "0", 1),
            2 => format!("real.{}", real.account_id),
            _ => real.account_id.replacen(".demo", "._demo", 1),
        };
        if fake == real.account_id || reg.lookup(Platform::Tiktok, IdType::Handle, &fake).unwrap().is_some() {
            continue;
        }
        let l = reg
            .lookalike(Platform::Tiktok, IdType::Handle, &fake, None)
            .unwrap()
            .unwrap_or_else(|| panic!("{fake} should look like {}", real.account_id));
        assert_eq!(reg.record(l.record).unwrap().id, r.id);
        assert_eq!(l.of_account_id, real.account_id);
        let b = badge_of(&reg, Platform::Tiktok, IdType::Handle, &fake, Lang::Vi)
            .unwrap()
            .unwrap();
        assert_eq!(b.state, "lookalike");
        assert!(
            b.title.contains("KHÔNG phải") && b.title.contains(&r.name),
            "{}",
            b.title
        );
        // Same name on a platform where the KOL has no account is not a lookalike there.
        if let Some(other) = [Platform::Youtube, Platform::X, Platform::Threads]
            .into_iter()
            .find(|p| r.accounts.iter().all(|a| a.platform != *p))
        {
            let t = if other == Platform::Youtube {
                IdType::YtCustom
            } else {
                IdType::Handle
            };
            let t = if other == Platform::Threads {
                IdType::Username
            } else {
                t
            };
            assert!(
                reg.lookalike(other, t, &fake, None).unwrap().is_none(),
                "{fake} on {other:?}"
            );
        }
        flagged += 1;
    }
    assert!(flagged > 40, "{flagged}");
    // Registered accounts (including the sample's registered impersonators) and stable ids are never lookalikes.
    for r in &records {
        for a in &r.accounts {
            assert!(reg
                .lookalike(a.platform, a.id_type, &a.account_id, None)
                .unwrap()
                .is_none());
        }
    }
    assert!(reg
        .lookalike(Platform::Facebook, IdType::FbNumericId, "1000000000000001", None)
        .unwrap()
        .is_none());
    // Ordinary unknown names are not flagged.
    for i in 0..2000 {
        let name = format!("unrelated.person{i}");
        assert!(
            reg.lookalike(Platform::Tiktok, IdType::Handle, &name, None)
                .unwrap()
                .is_none(),
            "{name}"
        );
    }
}

#[test]
fn record_decoder_is_total_on_mutated_bytes() {
    use koltrust::registry::codec::{decode_record, encode_record, record_has_account};
    let mut enc = Vec::new();
    encode_record(&full_record(), &mut enc);
    assert_eq!(decode_record(&enc).unwrap(), full_record());
    for i in 0..enc.len() {
        for flip in [0x01u8, 0x80, 0xFF] {
            let mut b = enc.clone();
            b[i] ^= flip;
            // Either an error or some record; never a panic.
            let _ = decode_record(&b);
            let _ = record_has_account(&b, 2, 1, b"nhung.review.demo");
        }
    }
    for n in 0..enc.len() {
        assert!(decode_record(&enc[..n]).is_err(), "prefix {n}");
    }
    let mut longer = enc.clone();
    longer.push(0);
    assert!(decode_record(&longer).is_err());
}

#[test]
fn deltas_stay_exact_for_removals_and_large_changes() {
    let base = sample(2000, 8);
    let old = build(&base, 1);
    // A record removed from the middle (renumbers later ordinals), many records changed, the bucket count stepping.
    let mut changed = base.clone();
    changed.remove(1000);
    for r in changed.iter_mut().step_by(3) {
        r.complaints.received += 1;
        r.complaints.pending += 1;
    }
    changed.extend(sample(2400, 9).into_iter().skip(2000).map(|mut r| {
        // Ids after the base's; handles and numeric ids embed the record number, so the accounts are new too.
        r.id = format!("KT-X{}", r.id);
        r
    }));
    for (n, new_records) in [changed, base[..1].to_vec(), Vec::new()].into_iter().enumerate() {
        let new = build(&new_records, 2 + n as u64);
        let delta = make_delta(&old, &new, &key(1)).unwrap();
        assert_eq!(apply_delta(&old, &delta, &keys(1)).unwrap(), new, "case {n}");
    }
}
