//! A registry opened from its resident prefix (`Registry::open_resident`) answers exactly what the whole file
//! answers, asks only for the chunks an answer needs, and never uses a byte whose chunk does not match the signed
//! head — whether the byte came with the prefix or was supplied later.

// Whole-crate test code: a failed `unwrap`/`expect` is the test failing, with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use koltrust::i18n::Lang;
use koltrust::registry::keys::{KeySet, SigningKey};
use koltrust::registry::sample::{generate, SampleSpec};
use koltrust::registry::snapshot::build_snapshot_with_chunk;
use koltrust::registry::{resident_prefix_len, Date, Registry, SnapshotError, SnapshotMeta, HEAD_PROBE_LEN};
use koltrust::views::lookup::{lookup_links, BadgeOptions};

const TODAY: &str = "2026-06-15";

fn key() -> SigningKey {
    SigningKey::from_bytes(&[5; 32])
}

fn keys() -> KeySet {
    KeySet::single(key().verifying_key().to_bytes()).unwrap()
}

fn now() -> i64 {
    Date::parse(TODAY).unwrap().start_unix_vn() + 7200
}

/// 300 fictional records in 1 KiB chunks: dozens of chunks in the record section.
fn snapshot() -> Vec<u8> {
    sample_snapshot(300, 3, 4, 10)
}

/// `records` fictional records (sample `seed`), signed as `sequence`, in chunks of 2^`chunk_log2` bytes.
fn sample_snapshot(records: usize, seed: u64, sequence: u64, chunk_log2: u8) -> Vec<u8> {
    let today = Date::parse(TODAY).unwrap();
    let records = generate(SampleSpec { records, seed, today });
    let issued = today.start_unix_vn() + 3600;
    let meta = SnapshotMeta {
        sequence,
        issued_unix: issued,
        expires_unix: issued + 7 * 86_400,
    };
    build_snapshot_with_chunk(&records, &meta, &key(), chunk_log2).unwrap()
}

fn open_prefix(file: &[u8]) -> Registry {
    let n = resident_prefix_len(&file[..HEAD_PROBE_LEN]).unwrap();
    Registry::open_resident(file.len() as u64, file[..n].to_vec(), &keys(), None, now()).unwrap()
}

/// What a host does: run `ask`; while it fails for want of chunks, read the wanted ranges from `file` and supply
/// them. Returns the answer and how many rounds of loading it took.
fn ask<T>(
    reg: &mut Registry,
    file: &[u8],
    ask: impl Fn(&Registry) -> Result<T, SnapshotError>,
) -> Result<(T, usize), SnapshotError> {
    for round in 0..8 {
        match ask(reg) {
            Err(SnapshotError::NotLoaded(_)) => {
                let wanted = reg.take_wanted();
                assert!(!wanted.is_empty(), "NotLoaded must leave something to load");
                for (a, b) in wanted {
                    reg.supply(a, &file[a..b])?;
                }
            }
            other => return other.map(|v| (v, round)),
        }
    }
    panic!("still not loaded after 8 rounds");
}

/// Asks `href` of a registry missing bytes for it, and returns the one byte range it then wants (`what`: for the
/// failure message). */
fn the_one_range_wanted(reg: &Registry, href: &str, what: &str) -> (usize, usize) {
    assert!(matches!(
        lookup_links(reg, &[href], Lang::Vi, BadgeOptions::default()),
        Err(SnapshotError::NotLoaded(_))
    ));
    let wanted = reg.take_wanted();
    assert_eq!(wanted.len(), 1, "{what}: one range: {wanted:?}");
    wanted[0]
}

fn profile_urls(reg: &Registry, n: u32) -> Vec<String> {
    (0..n)
        .flat_map(|i| reg.record(i).unwrap().accounts)
        .filter(|a| a.platform == koltrust::platform::Platform::Tiktok)
        .map(|a| format!("https://www.tiktok.com/@{}", a.account_id))
        .collect()
}

#[test]
fn the_prefix_is_small_and_answers_the_same_as_the_whole_file() {
    let file = snapshot();
    let whole = Registry::open(file.clone(), &keys(), None, now()).unwrap();
    let prefix = resident_prefix_len(&file[..HEAD_PROBE_LEN]).unwrap();
    assert!(prefix < file.len() / 4, "prefix {prefix} of {}", file.len());
    let mut reg = open_prefix(&file);
    assert!(!reg.is_complete());

    // Unknown accounts are looked up in the prefix alone, and checked for imitation once the name index is read:
    // one round, one range.
    let strangers: Vec<String> = (0..50).map(|i| format!("https://www.tiktok.com/@nobody.{i}")).collect();
    let opts = BadgeOptions::default();
    let (answers, rounds) = ask(&mut reg, &file, |r| lookup_links(r, &strangers, Lang::Vi, opts)).unwrap();
    assert_eq!(rounds, 1);
    assert_eq!(answers, lookup_links(&whole, &strangers, Lang::Vi, opts).unwrap());

    // A batch of registered accounts: one round of loading brings every record it needs.
    let mut urls = profile_urls(&whole, 300);
    urls.extend(strangers);
    let (answers, rounds) = ask(&mut reg, &file, |r| lookup_links(r, &urls, Lang::Vi, opts)).unwrap();
    assert!(rounds <= 2, "{rounds} rounds");
    assert_eq!(answers, lookup_links(&whole, &urls, Lang::Vi, opts).unwrap());
    assert!(answers.iter().filter(|a| a.is_some()).count() > 100);

    // Whole records, and the whole file (a delta's base) once everything is loaded.
    let (rec, _) = ask(&mut reg, &file, |r| r.record(299)).unwrap();
    assert_eq!(rec, whole.record(299).unwrap());
    let (bytes, _) = ask(&mut reg, &file, |r| r.complete_bytes().map(|b| b.into_owned())).unwrap();
    assert_eq!(bytes, file);
    assert!(reg.is_complete());
    reg.verify_all().unwrap();
}

#[test]
fn a_short_prefix_or_a_foreign_file_is_refused() {
    let file = snapshot();
    let n = resident_prefix_len(&file[..HEAD_PROBE_LEN]).unwrap();
    let short = Registry::open_resident(file.len() as u64, file[..n - 1].to_vec(), &keys(), None, now());
    assert!(matches!(short, Err(SnapshotError::Truncated(_))), "{short:?}");
    assert!(resident_prefix_len(&file[..100]).is_err());
    assert!(matches!(
        resident_prefix_len(b"not a snapshot at all"),
        Err(SnapshotError::BadMagic)
    ));
    let other = SigningKey::from_bytes(&[6; 32]);
    let foreign = KeySet::single(other.verifying_key().to_bytes()).unwrap();
    assert!(Registry::open_resident(file.len() as u64, file[..n].to_vec(), &foreign, None, now()).is_err());
}

#[test]
fn supplied_chunks_are_hashed_before_they_are_kept() {
    let file = snapshot();
    let mut reg = open_prefix(&file);
    let whole = Registry::open(file.clone(), &keys(), None, now()).unwrap();
    let urls = profile_urls(&whole, 300);
    let opts = BadgeOptions::default();
    assert!(matches!(
        lookup_links(&reg, &urls, Lang::Vi, opts),
        Err(SnapshotError::NotLoaded(_))
    ));
    let wanted = reg.take_wanted();
    let (a, b) = wanted[0];
    // The last chunk of the block (its first ones may be resident already: those are skipped, not rewritten).
    let mut altered = file[a..b].to_vec();
    let last = altered.len() - 10;
    altered[last] ^= 1;
    assert!(!reg.is_tainted());
    assert!(matches!(reg.supply(a, &altered), Err(SnapshotError::ChunkMismatch(_))));
    assert!(reg.is_tainted(), "the host is told to drop the file");
    // Misaligned or out-of-file pieces are refused, not written.
    assert!(reg.supply(a + 1, &file[a + 1..b]).is_err());
    assert!(reg.supply(file.len() - 10, &file[file.len() - 10..]).is_err());
    // The real bytes are then accepted and the answer is right.
    reg.supply(a, &file[a..b]).unwrap();
    let (answers, _) = ask(&mut reg, &file, |r| lookup_links(r, &urls, Lang::Vi, opts)).unwrap();
    assert_eq!(answers, lookup_links(&whole, &urls, Lang::Vi, opts).unwrap());
}

#[test]
fn every_altered_byte_is_caught_at_open_by_the_sweep_or_when_its_chunk_is_loaded() {
    let file = snapshot();
    let n = resident_prefix_len(&file[..HEAD_PROBE_LEN]).unwrap();
    // Every byte of the prefix, and a sample of the rest (the whole file takes too long in debug builds).
    let step = if cfg!(debug_assertions) { 7 } else { 1 };
    for i in (0..file.len()).filter(|i| *i < n || i % step == 0) {
        let mut altered = file.clone();
        altered[i] ^= 0x40;
        let caught = (|| {
            let p = resident_prefix_len(&altered[..HEAD_PROBE_LEN])?;
            if p > altered.len() {
                return Err(SnapshotError::Truncated("prefix".into()));
            }
            let mut reg = Registry::open_resident(altered.len() as u64, altered[..p].to_vec(), &keys(), None, now())?;
            while !reg.verify_resident(3)? {}
            reg.want_all();
            for (a, b) in reg.take_wanted() {
                reg.supply(a, &altered[a..b])?;
            }
            reg.verify_all()
        })();
        assert!(
            caught.is_err(),
            "altering byte {i} of {} (prefix {n}) went unnoticed",
            file.len()
        );
    }
}

#[test]
fn digests_from_the_host_are_compared_with_the_signed_head() {
    use sha2::{Digest, Sha256};
    let file = snapshot();
    let reg = open_prefix(&file);
    let (at, size, count) = reg.prefix_chunks();
    assert!(count >= 2, "{count}");
    let digest = |c: usize| Sha256::digest(&file[at + c * size..(at + (c + 1) * size).min(file.len())]).to_vec();
    let good: Vec<u8> = (0..count).flat_map(digest).collect();
    // Not yet: the prefix's chunks still need hashing.
    assert!(!reg.verify_resident(0).unwrap());
    reg.accept_digests(0, &good).unwrap();
    assert!(
        reg.verify_resident(0).unwrap(),
        "every prefix chunk verified by the host's digests"
    );
    assert!(!reg.is_tainted());

    let reg = open_prefix(&file);
    let mut bad = good.clone();
    bad[32 + 5] ^= 1;
    assert!(matches!(
        reg.accept_digests(0, &bad),
        Err(SnapshotError::ChunkMismatch(1))
    ));
    assert!(reg.is_tainted());
    // A digest for a chunk past the prefix (not loaded) is refused, not trusted.
    let reg = open_prefix(&file);
    assert!(reg.accept_digests(count, &digest(count)).is_err());
}

#[test]
fn a_small_file_is_read_whole_at_start() {
    use koltrust::registry::{initial_read_len, READ_WHOLE_BELOW};
    let file = snapshot();
    assert!((file.len() as u64) < READ_WHOLE_BELOW);
    assert_eq!(initial_read_len(&file[..HEAD_PROBE_LEN]).unwrap(), file.len());
    let reg = Registry::open_resident(file.len() as u64, file.clone(), &keys(), None, now()).unwrap();
    assert!(reg.is_complete(), "nothing left to load");
    // Every chunk, the short last one included, is the host's to digest.
    let (at, size, count) = reg.prefix_chunks();
    assert_eq!(count, (file.len() - at).div_ceil(size));
}

#[test]
fn the_chunk_layout_is_known_before_the_registry_is_open() {
    use koltrust::registry::prefix_chunk_layout;
    let file = snapshot();
    let n = resident_prefix_len(&file[..HEAD_PROBE_LEN]).unwrap();
    // From the head alone, for the resident prefix and for the whole file: the figures the open registry gives.
    assert_eq!(
        prefix_chunk_layout(&file[..HEAD_PROBE_LEN], n).unwrap(),
        open_prefix(&file).prefix_chunks()
    );
    let whole = Registry::open_resident(file.len() as u64, file.clone(), &keys(), None, now()).unwrap();
    assert_eq!(
        prefix_chunk_layout(&file[..HEAD_PROBE_LEN], file.len()).unwrap(),
        whole.prefix_chunks()
    );
    // Not a snapshot: refused like `open` refuses it.
    assert!(prefix_chunk_layout(&[0u8; HEAD_PROBE_LEN], 1000).is_err());
}

#[test]
fn supplied_chunks_with_host_digests_are_compared_with_the_signed_head() {
    use sha2::{Digest, Sha256};
    let file = snapshot();
    let whole = Registry::open(file.clone(), &keys(), None, now()).unwrap();
    let urls = profile_urls(&whole, 300);
    let opts = BadgeOptions::default();
    let (_, size, _) = whole.prefix_chunks();
    let digests = |bytes: &[u8]| -> Vec<u8> { bytes.chunks(size).flat_map(|c| Sha256::digest(c).to_vec()).collect() };

    let mut reg = open_prefix(&file);
    assert!(lookup_links(&reg, &urls, Lang::Vi, opts).is_err());
    let (a, b) = reg.take_wanted()[0];
    // A digest of other bytes (an altered stored file): refused, nothing kept, the registry tainted. The range's
    // last chunk (its first may be resident already, shared with the prefix: skipped, not rewritten).
    let mut altered = file[a..b].to_vec();
    let last = altered.len() - 10;
    altered[last] ^= 1;
    assert!(matches!(
        reg.supply_digested(a, &file[a..b], Some(&digests(&altered))),
        Err(SnapshotError::ChunkMismatch(_))
    ));
    assert!(reg.is_tainted());
    // Digests of the wrong count are refused before any comparison.
    let mut reg = open_prefix(&file);
    assert!(lookup_links(&reg, &urls, Lang::Vi, opts).is_err());
    let (a, b) = reg.take_wanted()[0];
    let good = digests(&file[a..b]);
    assert!(reg.supply_digested(a, &file[a..b], Some(&good[32..])).is_err());
    assert!(!reg.is_tainted());
    // The right digests: the chunks are kept and verified, and the answers are the whole file's.
    reg.supply_digested(a, &file[a..b], Some(&good)).unwrap();
    let (answers, _) = ask(&mut reg, &file, |r| lookup_links(r, &urls, Lang::Vi, opts)).unwrap();
    assert_eq!(answers, lookup_links(&whole, &urls, Lang::Vi, opts).unwrap());
}

#[test]
fn a_partial_batch_answers_what_is_loaded_and_names_the_rest() {
    use koltrust::views::lookup::{lookup_named_links, lookup_named_links_partial};
    let file = snapshot();
    let whole = Registry::open(file.clone(), &keys(), None, now()).unwrap();
    let opts = BadgeOptions {
        show_unknown: true,
        ..BadgeOptions::default()
    };
    // Registered accounts among strangers and links that are no profile, as a feed's first batch.
    let mut urls: Vec<String> = (0..40)
        .map(|i| format!("https://www.tiktok.com/@stranger.{i}.demo"))
        .collect();
    for (k, u) in profile_urls(&whole, 300).into_iter().step_by(37).enumerate() {
        urls.insert(k * 5, u);
    }
    urls.push("https://www.tiktok.com/@someone/video/123".into());
    // An impostor of a registered handle: its warning needs the name index, read after the prefix.
    let imitated = profile_urls(&whole, 300).swap_remove(150);
    urls.push(format!("{imitated}.official"));
    let expected = lookup_named_links(&whole, &urls, &[], Lang::Vi, opts).unwrap();
    assert_eq!(expected.last().unwrap().as_ref().unwrap().badge.state, "lookalike");

    let mut reg = open_prefix(&file);
    let first = lookup_named_links_partial(&reg, &urls, &[], Lang::Vi, opts).unwrap();
    assert!(!first.pending.is_empty(), "records outside the prefix are pending");
    // Nothing is left wanted: the pending links, asked again, name their records alone.
    assert!(reg.take_wanted().is_empty());
    // Every stranger and the impostor wait for the name index; registered accounts never do.
    let last = urls.len() as u32 - 1;
    assert!(first.recheck.contains(&last) && first.recheck.contains(&1));
    for (i, answer) in first.answers.iter().enumerate() {
        let i32 = i as u32;
        if first.pending.contains(&i32) {
            assert_eq!(answer, &None);
        } else if first.recheck.contains(&i32) {
            assert_eq!(
                answer.as_ref().map(|a| a.badge.state),
                Some("unknown"),
                "link {i} for now unregistered"
            );
        } else {
            assert_eq!(answer, &expected[i], "link {i} answered at once must be answered right");
        }
        assert!(!(first.pending.contains(&i32) && first.recheck.contains(&i32)));
    }
    // Asking again the pending links alone, after the wanted bytes are read, completes the batch.
    let again: Vec<String> = first.pending.iter().map(|&i| urls[i as usize].clone()).collect();
    let (rest, rounds) = ask(&mut reg, &file, |r| lookup_links(r, &again, Lang::Vi, opts)).unwrap();
    let (_, whole_batch_rounds) = ask(&mut open_prefix(&file), &file, |r| {
        lookup_links(r, &urls, Lang::Vi, opts)
    })
    .unwrap();
    assert!(
        rounds <= whole_batch_rounds,
        "the pending links need no more reads than the batch: {rounds}"
    );
    let mut answers = first.answers;
    for (k, &i) in first.pending.iter().enumerate() {
        answers[i as usize] = rest[k].clone();
    }
    // The rechecked links asked again: the final answers, the impostor's warning among them.
    let again: Vec<String> = first.recheck.iter().map(|&i| urls[i as usize].clone()).collect();
    let (checked, _) = ask(&mut reg, &file, |r| lookup_links(r, &again, Lang::Vi, opts)).unwrap();
    for (k, &i) in first.recheck.iter().enumerate() {
        answers[i as usize] = checked[k].clone();
    }
    assert_eq!(answers, expected);
    // Once everything is loaded nothing is pending.
    assert!(lookup_named_links_partial(&reg, &urls, &[], Lang::Vi, opts)
        .unwrap()
        .pending
        .is_empty());
}

#[test]
fn the_name_index_is_read_after_the_prefix_as_one_range() {
    use koltrust::registry::LOAD_BLOCK_BYTES;
    let file = snapshot();
    let reg = open_prefix(&file);
    let prefix = resident_prefix_len(&file[..HEAD_PROBE_LEN]).unwrap();
    // A registered account's badge needs no name index, only its record: answered while a stranger's look-alike
    // check still waits for the index.
    let whole = Registry::open(file.clone(), &keys(), None, now()).unwrap();
    let known = profile_urls(&whole, 300).pop().unwrap();
    let mut reg = reg;
    let (answer, _) = ask(&mut reg, &file, |r| {
        lookup_links(r, std::slice::from_ref(&known), Lang::Vi, BadgeOptions::default())
    })
    .unwrap();
    assert!(answer[0].is_some());
    assert!(lookup_links(
        &reg,
        &["https://www.tiktok.com/@nobody.2".to_string()],
        Lang::Vi,
        BadgeOptions::default()
    )
    .is_err());
    // A stranger's look-alike check asks for the whole name index at once, starting where the prefix ends.
    let reg = open_prefix(&file);
    let (a, b) = the_one_range_wanted(&reg, "https://www.tiktok.com/@nobody.1", "a stranger");
    let (at, size, _) = reg.prefix_chunks();
    assert!(
        a <= prefix && a >= prefix.saturating_sub(LOAD_BLOCK_BYTES.max(size)),
        "{a} vs prefix {prefix}"
    );
    // It covers every name-index chunk: a second stranger then needs nothing more.
    let mut reg = reg;
    reg.supply(a, &file[a..b]).unwrap();
    let others: Vec<String> = (0..200)
        .map(|i| format!("https://www.tiktok.com/@other.{i}.demo"))
        .collect();
    assert!(
        lookup_links(&reg, &others, Lang::Vi, BadgeOptions::default()).is_ok(),
        "name index complete after one read"
    );
    assert!(at > 0);
}

/// Records are read from storage in 64 KiB blocks whatever the file's chunk size: four chunks of a 16 KiB snapshot
/// (the writer's size until 2026-12-06, still in people's storage), one of a 64 KiB snapshot (the writer's now), and
/// a record confirmed in either answers the same.
#[test]
fn records_load_in_64_kib_blocks_at_either_chunk_size() {
    use koltrust::registry::LOAD_BLOCK_BYTES;
    let mut answers = Vec::new();
    for chunk_log2 in [14u8, 16] {
        let file = sample_snapshot(6000, 11, 5, chunk_log2);
        let mut reg = open_prefix(&file);
        assert_eq!(reg.chunk_size(), 1 << chunk_log2);
        let whole = Registry::open(file.clone(), &keys(), None, now()).unwrap();
        let known = profile_urls(&whole, 40).pop().unwrap();
        let (a, b) = the_one_range_wanted(&reg, &known, &format!("{chunk_log2}: one record"));
        let (first_chunk_at, _, _) = reg.prefix_chunks();
        assert_eq!(
            (a - first_chunk_at) % LOAD_BLOCK_BYTES,
            0,
            "{chunk_log2}: blocks are aligned: {a}"
        );
        assert!(
            b - a <= LOAD_BLOCK_BYTES && (b - a == LOAD_BLOCK_BYTES || b == file.len()),
            "{chunk_log2}: {a}..{b}"
        );
        reg.supply(a, &file[a..b]).unwrap();
        let answer = lookup_links(&reg, std::slice::from_ref(&known), Lang::Vi, BadgeOptions::default()).unwrap();
        assert!(
            answer[0].is_some(),
            "{chunk_log2}: the registered account is answered once its block is in"
        );
        answers.push(format!("{answer:?}"));
    }
    assert_eq!(answers[0], answers[1], "the same answer from either chunk size");
}
