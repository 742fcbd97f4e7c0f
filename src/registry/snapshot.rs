//! The signed binary snapshot: layout, errors, and the writer.
//!
//! The byte-level reference, with the versioning rules and the format history, is `docs/formats.md`; the layout is
//! pinned by `tests/registry_golden.rs`.
//!
//! ## File layout (format version 2, all integers little-endian)
//! ```text
//! offset  size  field
//!      0     8  magic "KOLTSNAP"                                                   (MAGIC)
//!      8     2  u16 format version = 2                                             (VERSION)
//!     10     1  u8 chunk_log2: body chunk size is 2^chunk_log2 bytes (10..=20; the writer uses 16 = 64 KiB)
//!     11     1  u8 section count = 7                                               (SECTION_COUNT)
//!     12     4  u32 name-key count (the name index's entries; index shapes derive from the counts, see `index`)
//!     16     8  key id of the signing key (see `keys`)
//!     24     8  u64 sequence: strictly increasing per publisher; readers refuse anything older than what they hold
//!     32     8  i64 issued, Unix seconds (its Vietnam-time day is the badge words' reference day)
//!     40     8  i64 expires, Unix seconds: after this the snapshot is still used but flagged stale
//!     48     8  u64 body length in bytes (at most 2^32 − 1)
//!     56     4  u32 record count (at most 2^24)
//!     60     4  u32 account count (at most 2^28)
//!     64  16×7  section table: {u32 id, u32 item count, u32 offset in body, u32 length}   (SECTION_ENTRY_LEN each)
//!    176  32×C  chunk table: SHA-256 of each body chunk, C = ceil(body length / chunk size); the last may be short
//!      H    64  Ed25519 signature over bytes [0, H)   (H = 176 + 32·C: the whole "head")
//!   H+64     …  body: the sections, back to back, in id order
//! ```
//! Sections ([`SEC_DIRECTORY`] … [`SEC_RECORDS`]): 1 directory (`u32` × buckets + 1), 2 entries (`u32` × accounts),
//! 3 badge words (`u32` × records, see [`super::status::BadgeWord`]), 4 record offsets (`u32` × records + 1, into
//! section 7), 5 name directory and 6 name entries (the look-alike index, [`super::lookalike`]), 7 records (see
//! [`super::codec`]). Section entry *i* (0-based) must have id *i* + 1, the item count
//! the header's counts imply, and the offset where the previous section ended; the word sections' lengths must be
//! exactly 4 × their count. The body must be exactly the sections' sum, and the file exactly head + signature +
//! body — anything shorter is *truncated*, anything longer *overlong*.
//!
//! The builder is deterministic: records are sorted by registry id, index entries by hash, and nothing depends on
//! the clock (issued and expires come from [`SnapshotMeta`]), a random number generator, or a hash map's
//! iteration order; Ed25519 signatures are deterministic. The same records, meta and key give the same bytes on
//! every machine, which is what makes the file's SHA-256 usable as its identity (deltas and the manifest name
//! snapshots by it).
//!
//! ## Why a chunk table instead of signing the body
//! The signature covers the head, and the head carries a SHA-256 of every 64 KiB body chunk (a one-level Merkle
//! tree, as dm-verity does). Opening a snapshot checks magic, version, key id, lengths and the signature over the
//! head only — about 0.2 % of the file — and each body chunk is hashed the first time a lookup touches it (a bit per
//! chunk remembers it). Cold start therefore grows only with the head, not with the body (hashing the ~70 MB of a
//! million-account snapshot would take hundreds of milliseconds in wasm, against a 20 ms budget), while **no byte
//! is ever used before it is verified**.
//! [`super::reader::Registry::verify_all`] hashes every chunk and checks every structure (the CLI's `verify`, and
//! what a worker should run once in idle time after downloading a snapshot).
//!
//! ## Rejections
//! bad magic · unsupported version · unknown key id · truncated or overlong file or section · bad signature · a
//! sequence older than the one held (rollback; the same sequence is accepted, so a worker can reload what it has) ·
//! a chunk whose hash does not match. An expired snapshot is accepted and reported stale.

use crate::platform::AccountKey;
use crate::registry::codec::{encode_record, id_type_code, platform_code};
use crate::registry::date::Date;
use crate::registry::index::{self, key_hash, IndexParams, MAX_ACCOUNTS, MAX_RECORDS};
use crate::registry::keys::{signing_key_id, SigningKey};
use crate::registry::model::Record;
use crate::registry::name_keys;
use crate::registry::status::BadgeWord;
use ed25519_dalek::Signer;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::fmt;

/// The first 8 bytes of every snapshot (offset 0): ASCII `KOLTSNAP`, "KOL Trust snapshot". It tells a snapshot
/// from a delta ([`super::delta::DELTA_MAGIC`], `KOLTDLTA`) or any other file before anything else is read, so a
/// file of the wrong kind is refused as [`SnapshotError::BadMagic`] rather than as a confusing later error.
pub const MAGIC: &[u8; 8] = b"KOLTSNAP";
/// The snapshot format version, a little-endian `u16` at offset 8. Readers accept exactly this value and refuse any
/// other with [`SnapshotError::UnsupportedVersion`] before trusting a single other byte. Bump it for **any** change
/// to the bytes a builder writes for the same input — header, section table, index shape or hash ([`super::index`]),
/// badge word ([`super::status::BadgeWord`]), record encoding or enum codes ([`super::codec`], [`super::model`]) —
/// and record the change under "Format history" in `docs/formats.md`; `tests/registry_golden.rs` pins the bytes.
pub const VERSION: u16 = 2;
/// Length of the fixed header (offsets 0..64): magic, version, chunk size, section count, reserved, key id, sequence,
/// issued, expires, body length, record count, account count. The section table starts right after it.
pub const FIXED_HEADER_LEN: usize = 64;
/// Length of one section-table entry: four little-endian `u32`s `{id, item count, offset in body, byte length}`.
pub const SECTION_ENTRY_LEN: usize = 16;
/// Number of sections, stored in the header byte at offset 11 and checked by readers: version 2 has exactly seven,
/// always present (possibly empty), in id order. A new section is a new format version, not an optional extra.
pub const SECTION_COUNT: usize = 7;
/// Length of an Ed25519 signature (RFC 8032): it follows the signed head in a snapshot and ends a delta.
pub const SIGNATURE_LEN: usize = 64;
/// The chunk size the builder writes, as a power of two (header byte 10): 2^16 = 64 KiB. Each body chunk has its own
/// SHA-256 in the signed chunk table, so a lookup verifies 64 KiB, not the whole body. Why 64 KiB: the worker's cold
/// start hashes every chunk of the resident prefix through WebCrypto, one call per chunk, and each call costs 10–20 µs
/// of the worker's thread besides the hashing (a 300k-account prefix is 34 calls at 64 KiB against 131 at 16 KiB;
/// about 110 against 430 at 1M), the head is a quarter the size (32 bytes per chunk, hashed at every open: 31 KB at 1M
/// accounts instead of 124 KB), and records are read from storage in 64 KiB blocks anyway
/// ([`super::reader::LOAD_BLOCK_BYTES`]). The cost: a lookup in a registry opened whole (the portal, the CLI) hashes
/// 64 KiB the first time it touches a chunk (~0.1 ms in wasm). Until 2026-12-06 the builder wrote 16 KiB (2^14); the
/// field was always in the header and readers accept 10..=20 (1 KiB to 1 MiB; anything else is
/// [`SnapshotError::BadHeader`]), so snapshots of either size are read alike. Part of the pinned bytes: a different
/// default changes every snapshot's head.
pub const DEFAULT_CHUNK_LOG2: u8 = 16;

/// Section 1, the index **directory**: `buckets + 1` little-endian `u32`s, the cumulative start of each bucket in
/// the entries (see [`super::index`]; `buckets` is derived from the header's counts, not stored).
pub const SEC_DIRECTORY: u32 = 1;
/// Section 2, the index **entries**: one little-endian `u32` per account, `fingerprint << ordinal_bits | ordinal`,
/// in hash order (see [`super::index`]).
pub const SEC_ENTRIES: u32 = 2;
/// Section 3, the **badge words**: one little-endian `u32` per record, in record order — the state on the issue day
/// and the first day it may change ([`super::status::BadgeWord`]), so a lookup needs no record decode.
pub const SEC_BADGES: u32 = 3;
/// Section 4, the **record offsets**: `records + 1` little-endian `u32`s; record `i` is bytes
/// `[offset[i], offset[i + 1])` of section 5. The final entry is the length of section 5.
pub const SEC_RECORD_OFFSETS: u32 = 4;
/// Section 5, the **name directory**: `name buckets + 1` little-endian `u32`s, the directory of the name index
/// (look-alike handles and display names, see [`super::lookalike`]), shaped like the account index's.
pub const SEC_NAME_DIRECTORY: u32 = 5;
/// Section 6, the **name entries**: one little-endian `u32` per name key, `fingerprint << ordinal_bits | ordinal`,
/// in hash order, like the account index's entries.
pub const SEC_NAME_ENTRIES: u32 = 6;
/// Section 7, the **records**: each encoded as in [`super::codec`], back to back in registry-id order (the
/// record's position in this order is its *ordinal*, which the index entries store).
pub const SEC_RECORDS: u32 = 7;

/// The name of a section id, for error messages.
pub fn section_name(id: u32) -> &'static str {
    match id {
        SEC_DIRECTORY => "directory",
        SEC_ENTRIES => "entries",
        SEC_BADGES => "badges",
        SEC_RECORD_OFFSETS => "record offsets",
        SEC_NAME_DIRECTORY => "name directory",
        SEC_NAME_ENTRIES => "name entries",
        SEC_RECORDS => "records",
        _ => "unknown",
    }
}

/// Why a snapshot or delta was refused. Every variant displays as one line naming the problem.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SnapshotError {
    /// The file does not start with the expected magic ([`MAGIC`] or the delta's): not a file of this kind.
    BadMagic,
    /// The format version in the header is not [`VERSION`] (the version found).
    UnsupportedVersion(u16),
    /// The fixed header is inconsistent (reserved bytes, chunk size, section count, index shape).
    BadHeader(&'static str),
    /// Signed by a key id (in hex) that is not in the reader's pinned [`super::KeySet`].
    UnknownKey(String),
    /// The file or a section is shorter than its header says (what is short, in English).
    Truncated(String),
    /// The file or a section is longer than its header says (what is too long, in English).
    Overlong(String),
    /// The section table is inconsistent: wrong id, item count, offset or length (what is wrong, in English).
    BadSection(String),
    /// The Ed25519 signature does not verify with the named key.
    BadSignature,
    /// The file's sequence is older than the one the reader already holds.
    Rollback {
        /// The sequence the reader holds.
        held: u64,
        /// The older sequence of the refused file.
        got: u64,
    },
    /// A body chunk does not hash to what the signed head says.
    ChunkMismatch(usize),
    /// A body chunk the answer needs is not in memory yet (a registry opened from its resident prefix, see
    /// [`super::Registry::open_resident`]): the host loads [`super::Registry::take_wanted`] and asks again.
    NotLoaded(usize),
    /// Verified bytes that do not decode (only a faulty writer can produce these).
    Corrupt(String),
    /// Delta-specific: the delta was made against different bytes than the ones it is applied to.
    DeltaBaseMismatch,
    /// Delta-specific: applying produced bytes whose SHA-256 differs from the promised one.
    DeltaResultMismatch,
}

impl fmt::Display for SnapshotError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SnapshotError::BadMagic => write!(f, "not a KOL Trust registry file (bad magic)"),
            SnapshotError::UnsupportedVersion(v) => write!(f, "unsupported format version {v}"),
            SnapshotError::BadHeader(m) => write!(f, "bad header: {m}"),
            SnapshotError::UnknownKey(id) => write!(f, "signed by unknown key id {id}"),
            SnapshotError::Truncated(m) => write!(f, "truncated: {m}"),
            SnapshotError::Overlong(m) => write!(f, "overlong: {m}"),
            SnapshotError::BadSection(m) => write!(f, "bad section: {m}"),
            SnapshotError::BadSignature => write!(f, "bad signature"),
            SnapshotError::Rollback { held, got } => {
                write!(f, "rollback refused: sequence {got} is older than held sequence {held}")
            }
            SnapshotError::ChunkMismatch(c) => write!(f, "body chunk {c} does not match its signed hash"),
            SnapshotError::NotLoaded(c) => write!(f, "body chunk {c} is not loaded yet"),
            SnapshotError::Corrupt(m) => write!(f, "corrupt data: {m}"),
            SnapshotError::DeltaBaseMismatch => write!(f, "delta does not apply: base snapshot differs"),
            SnapshotError::DeltaResultMismatch => write!(f, "delta result does not match its checksum"),
        }
    }
}

impl std::error::Error for SnapshotError {}

/// Why a snapshot could not be built from records.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BuildError(pub String);

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for BuildError {}

/// What the publisher states about a snapshot.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SnapshotMeta {
    /// Header offset 24: strictly increasing per publisher; the rollback floor readers compare against.
    pub sequence: u64,
    /// Header offset 32, Unix seconds: when the snapshot was issued; its Vietnam-time day is the badge words' day.
    /// Given by the caller — the builder never reads the clock.
    pub issued_unix: i64,
    /// Header offset 40, Unix seconds: after this the snapshot is still answered but flagged stale.
    pub expires_unix: i64,
}

pub(crate) fn rd_u16(b: &[u8], o: usize) -> u16 {
    u16::from_le_bytes([b[o], b[o + 1]])
}
pub(crate) fn rd_u32(b: &[u8], o: usize) -> u32 {
    u32::from_le_bytes([b[o], b[o + 1], b[o + 2], b[o + 3]])
}
pub(crate) fn rd_u64(b: &[u8], o: usize) -> u64 {
    let mut w = [0u8; 8];
    w.copy_from_slice(&b[o..o + 8]);
    u64::from_le_bytes(w)
}

/// The fixed header, parsed but not yet trusted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Header {
    /// Body chunk size as a power of two (10..=20), offset 10.
    pub chunk_log2: u8,
    /// The index shape, recomputed from the two counts (not stored in the file).
    pub params: IndexParams,
    /// Key id of the signing key, offset 16.
    pub key_id: [u8; 8],
    /// Sequence number, offset 24.
    pub sequence: u64,
    /// Issue time, Unix seconds, offset 32.
    pub issued_unix: i64,
    /// Expiry time, Unix seconds, offset 40.
    pub expires_unix: i64,
    /// Body length in bytes (at most 2^32 − 1), offset 48.
    pub body_len: u64,
    /// Record count (at most [`MAX_RECORDS`]), offset 56.
    pub record_count: u32,
    /// Account count (at most [`MAX_ACCOUNTS`]), offset 60.
    pub account_count: u32,
    /// Name-key count (entries of the name index, at most [`MAX_NAME_KEYS`]), offset 12.
    pub name_count: u32,
    /// The name index's shape, recomputed from the name-key and record counts (not stored).
    pub name_params: IndexParams,
}

/// Most name keys a snapshot can hold: two per account (a handle skeleton per name-like account, a display name
/// or alias per record, each at most once), like [`MAX_ACCOUNTS`] bounds the account index.
pub const MAX_NAME_KEYS: usize = 2 * MAX_ACCOUNTS;

impl Header {
    /// Parses and sanity-checks the fixed 64 bytes (magic, version, reserved fields, shapes).
    pub fn parse(bytes: &[u8]) -> Result<Header, SnapshotError> {
        if bytes.len() < 8 || &bytes[..8] != MAGIC {
            return Err(if bytes.len() < 8 && MAGIC.starts_with(bytes) {
                SnapshotError::Truncated(format!("file is {} bytes, shorter than the magic", bytes.len()))
            } else {
                SnapshotError::BadMagic
            });
        }
        if bytes.len() < FIXED_HEADER_LEN {
            return Err(SnapshotError::Truncated(format!(
                "file is {} bytes, shorter than the {FIXED_HEADER_LEN}-byte header",
                bytes.len()
            )));
        }
        let version = rd_u16(bytes, 8);
        if version != VERSION {
            return Err(SnapshotError::UnsupportedVersion(version));
        }
        let chunk_log2 = bytes[10];
        if !(10..=20).contains(&chunk_log2) {
            return Err(SnapshotError::BadHeader("chunk size out of range"));
        }
        if bytes[11] as usize != SECTION_COUNT {
            return Err(SnapshotError::BadHeader("section count is not 7"));
        }
        let mut key_id = [0u8; 8];
        key_id.copy_from_slice(&bytes[16..24]);
        let h = Header {
            chunk_log2,
            params: IndexParams::for_counts(0, 0),
            key_id,
            sequence: rd_u64(bytes, 24),
            issued_unix: rd_u64(bytes, 32) as i64,
            expires_unix: rd_u64(bytes, 40) as i64,
            body_len: rd_u64(bytes, 48),
            record_count: rd_u32(bytes, 56),
            account_count: rd_u32(bytes, 60),
            name_count: rd_u32(bytes, 12),
            name_params: IndexParams::for_counts(0, 0),
        };
        if h.body_len > u32::MAX as u64 {
            return Err(SnapshotError::BadHeader("body longer than 4 GiB"));
        }
        if h.record_count as usize > MAX_RECORDS
            || h.account_count as usize > MAX_ACCOUNTS
            || h.name_count as usize > MAX_NAME_KEYS
        {
            return Err(SnapshotError::BadHeader("record, account or name count out of range"));
        }
        Ok(Header {
            params: IndexParams::for_counts(h.account_count as usize, h.record_count as usize),
            name_params: IndexParams::for_counts(h.name_count as usize, h.record_count as usize),
            ..h
        })
    }

    /// Number of body chunks, and so of chunk-table entries: ⌈body length / chunk size⌉.
    pub fn chunk_count(&self) -> usize {
        (self.body_len as usize).div_ceil(1usize << self.chunk_log2)
    }

    /// Length of the signed head (fixed header + section table + chunk table).
    pub fn head_len(&self) -> usize {
        FIXED_HEADER_LEN + SECTION_ENTRY_LEN * SECTION_COUNT + 32 * self.chunk_count()
    }

    /// Length of the whole file this header describes (u64: on wasm32 it may exceed the address space).
    pub fn file_len(&self) -> u64 {
        self.head_len() as u64 + SIGNATURE_LEN as u64 + self.body_len
    }
}

/// Checks that records can go into one snapshot: each record's own rules, unique registry ids, and no account
/// claimed by two records. Returns every problem, one line each.
pub fn check_records(records: &[Record]) -> Vec<String> {
    let mut out = Vec::new();
    let mut ids: HashMap<&str, usize> = HashMap::new();
    let mut accounts: HashMap<&AccountKey, &str> = HashMap::new();
    for (i, r) in records.iter().enumerate() {
        for p in r.problems() {
            out.push(format!("record {} ({}): {}: {}", i, r.id, p.field, p.message));
        }
        if let Some(j) = ids.insert(&r.id, i) {
            out.push(format!("record {i} ({}): id: duplicate of record {j}", r.id));
        }
        for a in &r.accounts {
            if let Some(other) = accounts.insert(a, &r.id) {
                if other != r.id {
                    out.push(format!(
                        "record {i} ({}): accounts: {} {} {} is also claimed by {other}",
                        r.id,
                        a.platform.as_str(),
                        a.id_type.as_str(),
                        a.account_id
                    ));
                }
            }
        }
    }
    if records.len() > MAX_RECORDS {
        out.push(format!("too many records: {} (at most {MAX_RECORDS})", records.len()));
    }
    if accounts.len() > MAX_ACCOUNTS {
        out.push(format!(
            "too many accounts: {} (at most {MAX_ACCOUNTS})",
            accounts.len()
        ));
    }
    out
}

/// Builds and signs a snapshot. Records are stored in registry-id order whatever order they come in.
pub fn build_snapshot(records: &[Record], meta: &SnapshotMeta, key: &SigningKey) -> Result<Vec<u8>, BuildError> {
    build_snapshot_with_chunk(records, meta, key, DEFAULT_CHUNK_LOG2)
}

/// [`build_snapshot`] with a chosen chunk size (tests use small chunks to exercise chunk boundaries).
pub fn build_snapshot_with_chunk(
    records: &[Record],
    meta: &SnapshotMeta,
    key: &SigningKey,
    chunk_log2: u8,
) -> Result<Vec<u8>, BuildError> {
    let problems = check_records(records);
    if let Some(first) = problems.first() {
        return Err(BuildError(format!("{} problem(s); first: {first}", problems.len())));
    }
    if !(10..=20).contains(&chunk_log2) {
        return Err(BuildError("chunk size must be 2^10..2^20".into()));
    }
    let mut order: Vec<&Record> = records.iter().collect();
    order.sort_by(|a, b| a.id.cmp(&b.id));
    let issue_day = Date::from_unix_vn(meta.issued_unix);

    let mut recs = Vec::new();
    let mut offsets = Vec::with_capacity(order.len() + 1);
    let mut badges = Vec::with_capacity(order.len());
    let mut keys = Vec::new();
    let mut name_keys = Vec::new();
    for (ord, r) in order.iter().enumerate() {
        name_keys.extend(name_keys::record_name_hashes(r).into_iter().map(|h| (h, ord as u32)));
        offsets.push(recs.len() as u64);
        encode_record(r, &mut recs);
        badges.push(BadgeWord::for_record(r, issue_day).0);
        for a in &r.accounts {
            let h = key_hash(
                platform_code(a.platform),
                id_type_code(a.id_type),
                a.account_id.as_bytes(),
            );
            keys.push((h, ord as u32));
        }
    }
    offsets.push(recs.len() as u64);
    if recs.len() > u32::MAX as usize / 2 {
        return Err(BuildError("records take more than 2 GiB".into()));
    }
    let params = IndexParams::for_counts(keys.len(), order.len());
    let (dir, entries) = index::build(params, &keys);
    let name_params = IndexParams::for_counts(name_keys.len(), order.len());
    let (name_dir, name_entries) = index::build(name_params, &name_keys);

    let words = |v: &[u32]| v.iter().flat_map(|w| w.to_le_bytes()).collect::<Vec<u8>>();
    let offsets32: Vec<u32> = offsets.iter().map(|&o| o as u32).collect();
    let sections: [(u32, u32, Vec<u8>); SECTION_COUNT] = [
        (SEC_DIRECTORY, dir.len() as u32, words(&dir)),
        (SEC_ENTRIES, entries.len() as u32, words(&entries)),
        (SEC_BADGES, badges.len() as u32, words(&badges)),
        (SEC_RECORD_OFFSETS, offsets32.len() as u32, words(&offsets32)),
        (SEC_NAME_DIRECTORY, name_dir.len() as u32, words(&name_dir)),
        (SEC_NAME_ENTRIES, name_entries.len() as u32, words(&name_entries)),
        (SEC_RECORDS, order.len() as u32, recs),
    ];
    let body_len: usize = sections.iter().map(|s| s.2.len()).sum();
    if body_len > u32::MAX as usize {
        return Err(BuildError("snapshot body larger than 4 GiB".into()));
    }
    let header = Header {
        chunk_log2,
        params,
        key_id: signing_key_id(key).0,
        sequence: meta.sequence,
        issued_unix: meta.issued_unix,
        expires_unix: meta.expires_unix,
        body_len: body_len as u64,
        record_count: order.len() as u32,
        account_count: keys.len() as u32,
        name_count: name_keys.len() as u32,
        name_params,
    };
    let mut out = Vec::with_capacity(header.file_len() as usize);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&VERSION.to_le_bytes());
    out.extend_from_slice(&[chunk_log2, SECTION_COUNT as u8]);
    out.extend_from_slice(&header.name_count.to_le_bytes());
    out.extend_from_slice(&header.key_id);
    out.extend_from_slice(&meta.sequence.to_le_bytes());
    out.extend_from_slice(&meta.issued_unix.to_le_bytes());
    out.extend_from_slice(&meta.expires_unix.to_le_bytes());
    out.extend_from_slice(&(body_len as u64).to_le_bytes());
    out.extend_from_slice(&header.record_count.to_le_bytes());
    out.extend_from_slice(&header.account_count.to_le_bytes());
    let mut offset = 0u32;
    for (id, count, data) in &sections {
        for v in [*id, *count, offset, data.len() as u32] {
            out.extend_from_slice(&v.to_le_bytes());
        }
        offset += data.len() as u32;
    }
    let mut body = Vec::with_capacity(body_len);
    for (_, _, data) in &sections {
        body.extend_from_slice(data);
    }
    for chunk in body.chunks(1usize << chunk_log2) {
        out.extend_from_slice(&Sha256::digest(chunk));
    }
    debug_assert_eq!(out.len(), header.head_len());
    let signature = key.sign(&out);
    out.extend_from_slice(&signature.to_bytes());
    out.extend_from_slice(&body);
    Ok(out)
}

/// SHA-256 of a whole file, in hex (the checksum deltas promise).
pub fn sha256_hex(bytes: &[u8]) -> String {
    crate::registry::keys::to_hex(&Sha256::digest(bytes))
}
