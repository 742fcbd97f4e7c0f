//! What the fuzz targets share: the fixed test key, the fixed base snapshot, splitting an input into parts,
//! re-signing mutated snapshots and deltas, and the checks every registry-source parse answer must pass.
//!
//! A snapshot or a delta is signed, so a mutated one stops at the signature check and the fuzzer never reaches the
//! code behind it. The snapshot and delta targets therefore read their first byte as a mode: odd means "repair
//! and re-sign the rest with the test key first" (chunk hashes, base hash, lengths and key id fixed up, then signed),
//! even means "use the bytes as they are". The first mode fuzzes everything a publisher's bytes reach; the second
//! the checks before the signature.

use ed25519_dalek::Signer;
use koltrust::registry::keys::signing_key_id;
use koltrust::registry::snapshot::Header;
use koltrust::registry::{KeySet, SigningKey};
use sha2::{Digest, Sha256};
use std::sync::OnceLock;

/// The "now" of every target (the core's fixed test time).
pub const NOW: i64 = koltrust::testing::NOW;

/// Snapshots larger than this are not repaired (the fuzzer would spend its time hashing).
const MAX_REPAIR: u64 = 1 << 20;

/// Bytes of the fixed part of the snapshot head before the chunk table (header + section table).
const CHUNK_TABLE_AT: usize = 144;
const SIGNATURE_LEN: usize = 64;
const DELTA_HEADER_LEN: usize = 120;

/// The test signing key (fixed seed).
pub fn key() -> &'static SigningKey {
    static KEY: OnceLock<SigningKey> = OnceLock::new();
    KEY.get_or_init(koltrust::testing::test_key)
}

/// The pinned key set of [`key`].
pub fn keys() -> &'static KeySet {
    static KEYS: OnceLock<KeySet> = OnceLock::new();
    KEYS.get_or_init(koltrust::testing::test_keys)
}

/// The base snapshot of the delta target: the core's demo registry, sequence 1.
pub fn base_snapshot() -> &'static [u8] {
    static BASE: OnceLock<Vec<u8>> = OnceLock::new();
    BASE.get_or_init(|| koltrust::testing::demo_snapshot(NOW))
}

/// Splits `data` at NUL bytes into at most `n` parts, each as (lossy) UTF-8.
pub fn parts(data: &[u8], n: usize) -> Vec<String> {
    data.splitn(n, |b| *b == 0)
        .map(|p| String::from_utf8_lossy(p).into_owned())
        .collect()
}

/// Makes `bytes` a correctly signed snapshot if its header parses: test key id, length cut or zero-padded to what
/// the header describes, every chunk hash recomputed, the head signed. Otherwise returns it unchanged.
pub fn resign_snapshot(mut b: Vec<u8>) -> Vec<u8> {
    if b.len() < 64 {
        return b;
    }
    b[16..24].copy_from_slice(&signing_key_id(key()).0);
    let Ok(h) = Header::parse(&b) else { return b };
    let file_len = h.file_len();
    if file_len > MAX_REPAIR {
        return b;
    }
    b.resize(file_len as usize, 0);
    let head = h.head_len();
    let body = head + SIGNATURE_LEN;
    let chunk = 1usize << h.chunk_log2;
    for i in 0..h.chunk_count() {
        let start = body + i * chunk;
        let end = (start + chunk).min(b.len());
        let digest = Sha256::digest(&b[start..end]);
        let at = CHUNK_TABLE_AT + 32 * i;
        b[at..at + 32].copy_from_slice(&digest);
    }
    let signature = key().sign(&b[..head]);
    b[head..body].copy_from_slice(&signature.to_bytes());
    b
}

/// Makes `d` a correctly signed delta over `base` if it is long enough: test key id, base hash, operations length,
/// signature. (The promised result hash is left as it is: applying checks it last.)
pub fn resign_delta(mut d: Vec<u8>, base: &[u8]) -> Vec<u8> {
    if d.len() < DELTA_HEADER_LEN + SIGNATURE_LEN {
        return d;
    }
    d[16..24].copy_from_slice(&signing_key_id(key()).0);
    d[40..72].copy_from_slice(&Sha256::digest(base));
    let ops = d.len() - DELTA_HEADER_LEN - SIGNATURE_LEN;
    d[112..120].copy_from_slice(&(ops as u64).to_le_bytes());
    let signed = DELTA_HEADER_LEN + ops;
    let signature = key().sign(&d[..signed]);
    d[signed..].copy_from_slice(&signature.to_bytes());
    d
}

/// What every registry-source parse (JSON or CSV) must answer: records that are consistent and survive
/// `to_json` → `parse_json` unchanged, or at least one error.
pub fn check_source_answer(
    answer: Result<Vec<koltrust::registry::Record>, Vec<koltrust::registry::source::SourceError>>,
) {
    use koltrust::registry::snapshot::check_records;
    use koltrust::registry::source::{parse_json, to_json};
    match answer {
        Ok(records) => {
            assert_eq!(
                check_records(&records),
                Vec::<String>::new(),
                "accepted records are consistent"
            );
            let again = parse_json("again.json", &to_json(&records));
            assert_eq!(again.as_ref().ok(), Some(&records), "to_json round trip: {again:?}");
        }
        Err(errors) => assert!(!errors.is_empty(), "a failure names at least one error"),
    }
}
