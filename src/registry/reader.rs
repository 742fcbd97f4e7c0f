//! The snapshot reader: [`Registry`], opened straight from the stored bytes.
//!
//! `open` checks the head (magic, version, key, lengths, signature, rollback, section table) and nothing else;
//! lookups then read the index in place and hash each body chunk (64 KiB as written) the first time they touch it
//! (see [`super::snapshot`] for why). One atomic bit per chunk remembers what is verified, so `Registry` is `Sync`
//! natively and costs nothing extra on single-threaded wasm.
//!
//! ## Opening from the resident prefix (cold start that does not grow with the register)
//! A badge answer needs the head and sections 1–4 (directory, entries, badge words, record offsets: about 7 bytes per
//! account), which the layout puts first, contiguous: the **resident prefix** ([`resident_prefix_len`], rounded up to
//! whole chunks). A service worker that is stopped after 30 s idle reads only that prefix at each start and opens
//! the registry with [`Registry::open_resident`]: the head is checked as in `open` (signature included), the rest
//! of the file stays unloaded. A read that touches an unloaded chunk fails with [`SnapshotError::NotLoaded`] and
//! remembers the chunk; the host then reads the byte ranges [`Registry::take_wanted`] names (whole blocks of
//! [`LOAD_BLOCK_BYTES`], so neighbouring records come along; the whole name index at its first miss, since
//! look-alike keys land in random buckets) from storage, hands them to [`Registry::supply`] (or
//! [`Registry::supply_digested`] with the host's SHA-256 of each chunk) — which checks every chunk against the signed
//! head **before** keeping it — and asks again. The name index (sections 5–6) is not in the prefix: only look-alike
//! checks read it, so a first answer badges registered accounts before it is read (`views::lookup`'s partial
//! answers). No byte is ever used before its chunk is verified, whether it came with the prefix or later; prefix chunks are
//! hashed on first touch as before, and [`Registry::verify_resident`] hashes the rest of them in idle time so a
//! stored file altered on disk is refused at the start that reads it (docs/threat-model.md).
//!
//! API for the glue (the wasm service worker, the CLI):
//! - [`Registry::open`]`(bytes, &KeySet, held_sequence, now_unix)` → `Registry` or a one-line [`SnapshotError`];
//! - [`Registry::open_resident`]`(file_len, prefix, …)`, [`Registry::take_wanted`], [`Registry::supply`]: the same
//!   registry read lazily;
//! - [`Registry::lookup`]`(platform, id_type, account_id)` → `Option<Hit>` (record ordinal + [`TrustState`]) —
//!   no record is decoded unless the state changed since the snapshot was issued;
//! - [`Registry::record`] decodes one record on demand for the detail card
//!   ([`crate::views::record::record_card`] builds the card from it);
//! - [`Registry::verify_all`] hashes every chunk and checks every structure.
//!
//! The small helpers on the lookup path are `#[inline(always)]`: the shipped wasm is built at `opt-level = "z"`,
//! which otherwise leaves them as calls — measured in Node at 1 M accounts, a known-account lookup went from 156 to
//! ≈ 130 ns with them inlined.

use crate::platform::{IdType, Platform};
use crate::registry::codec::{decode_record, id_type_code, platform_code, record_has_account, skip_accounts, Reader};
use crate::registry::date::Date;
use crate::registry::index::{key_hash, IndexParams};
use crate::registry::keys::{to_hex, KeyId, KeySet};
use crate::registry::model::Record;
use crate::registry::name_keys;
use crate::registry::snapshot::{
    rd_u32, section_name, Header, SnapshotError, FIXED_HEADER_LEN, SECTION_COUNT, SECTION_ENTRY_LEN, SEC_BADGES,
    SEC_DIRECTORY, SEC_ENTRIES, SEC_NAME_DIRECTORY, SEC_NAME_ENTRIES, SEC_RECORDS, SIGNATURE_LEN,
};
use crate::registry::status::TrustState;
use crate::registry::status::{state_at, BadgeWord};
use ed25519_dalek::Signature;
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::borrow::Cow;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering::Relaxed};

/// Which snapshot an answer comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Freshness {
    /// The snapshot's sequence number (strictly increasing per publisher).
    pub sequence: u64,
    /// When the snapshot was issued, Unix seconds.
    pub issued_unix: i64,
    /// When it expires, Unix seconds.
    pub expires_unix: i64,
    /// Past `expires_unix` at the registry's clock: the answer is still given, but must be flagged as possibly out
    /// of date.
    pub stale: bool,
}

/// One account found in the registry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    /// The record's ordinal, for [`Registry::record`] and [`crate::views::record::record_card`].
    pub record: u32,
    /// The state on the registry's current day.
    pub state: TrustState,
}

#[derive(Clone, Copy, Debug, Default)]
struct Section {
    /// Absolute offset in the file.
    start: usize,
    len: usize,
}

/// Bytes loaded together when an answer needs a chunk that is not resident (one chunk at the default 64 KiB, four of
/// a 16 KiB snapshot's): a record and its neighbours come in one storage read.
pub const LOAD_BLOCK_BYTES: usize = 64 * 1024;

/// Snapshots up to this size are read whole at start: one read costs less than the round trips of loading records
/// on demand (measured in the worker: a lazy record load adds 3–10 ms to the first answer).
pub const READ_WHOLE_BELOW: u64 = 1 << 20;

/// How many first bytes of a snapshot [`initial_read_len`] and [`resident_prefix_len`] need: the fixed header and
/// the section table.
pub const HEAD_PROBE_LEN: usize = FIXED_HEADER_LEN + SECTION_COUNT * SECTION_ENTRY_LEN;

/// How many first bytes of a snapshot a cold start reads: its resident prefix ([`resident_prefix_len`]), or the whole
/// file below [`READ_WHOLE_BELOW`].
pub fn initial_read_len(first_bytes: &[u8]) -> Result<usize, SnapshotError> {
    let prefix = resident_prefix_len(first_bytes)?;
    let whole = Header::parse(first_bytes)?.file_len();
    Ok(if whole <= READ_WHOLE_BELOW {
        whole as usize
    } else {
        prefix
    })
}

/// How many bytes of a snapshot must be in memory to answer badge questions: the head, the signature and sections
/// 1–4 (the account index, the badge words and the record offsets), rounded up to whole chunks. The name index
/// (sections 5–6) is not in it: only look-alike checks read it, and the first read of any of its chunks asks for all
/// of it as one range ([`Registry::take_wanted`]), so a cold start answers registered accounts before it has read
/// the look-alike keys (docs/performance.md). Needs the file's first [`HEAD_PROBE_LEN`] bytes (fixed header and section table); fails like
/// `open` on a file that is not a snapshot.
pub fn resident_prefix_len(first_bytes: &[u8]) -> Result<usize, SnapshotError> {
    let header = Header::parse(first_bytes)?;
    let table_end = FIXED_HEADER_LEN + SECTION_COUNT * SECTION_ENTRY_LEN;
    if first_bytes.len() < table_end {
        return Err(SnapshotError::Truncated(format!(
            "{} bytes given, the section table ends at {table_end}",
            first_bytes.len()
        )));
    }
    let name_index_at = rd_u32(first_bytes, FIXED_HEADER_LEN + NAME_DIRECTORY * SECTION_ENTRY_LEN + 8) as u64;
    let chunk = 1u64 << header.chunk_log2;
    let body_start = (header.head_len() + SIGNATURE_LEN) as u64;
    let len = (body_start + name_index_at.div_ceil(chunk) * chunk).min(header.file_len());
    usize::try_from(len).map_err(|_| SnapshotError::Overlong("the snapshot does not fit in memory".into()))
}

/// The body chunks wholly inside a snapshot's first `given_len` bytes, as `(offset of the first, chunk size, count)`,
/// from its first [`HEAD_PROBE_LEN`] bytes: what a host hashes for [`Registry::accept_digests`]. A host that knows the
/// layout before the registry is open hashes while the core checks the signature (the worker's cold start: WebCrypto
/// works on other threads meanwhile). The same figures as [`Registry::prefix_chunks`] once it is open.
pub fn prefix_chunk_layout(first_bytes: &[u8], given_len: usize) -> Result<(usize, usize, usize), SnapshotError> {
    let header = Header::parse(first_bytes)?;
    let body_start = header.head_len() + SIGNATURE_LEN;
    let size = 1usize << header.chunk_log2;
    let file_len = usize::try_from(header.file_len()).unwrap_or(usize::MAX);
    let count = (0..header.chunk_count())
        .take_while(|c| (body_start + (c + 1) * size).min(file_len) <= given_len)
        .count();
    Ok((body_start, size, count))
}

/// A bit per chunk.
fn bitmap(chunks: usize, set: bool) -> Vec<AtomicU64> {
    (0..chunks.div_ceil(64))
        .map(|_| AtomicU64::new(if set { u64::MAX } else { 0 }))
        .collect()
}

fn bit(map: &[AtomicU64], c: usize) -> bool {
    map[c / 64].load(Relaxed) & (1u64 << (c % 64)) != 0
}

/// An opened, signature-checked snapshot.
#[derive(Debug)]
pub struct Registry {
    /// The whole file, or its resident prefix (see [`Registry::open_resident`]).
    bytes: Vec<u8>,
    /// The file's length (`bytes.len()` unless opened from the prefix).
    file_len: usize,
    /// Chunks past the prefix loaded through [`Registry::supply`], by chunk number (verified before kept).
    extra: Vec<Option<Box<[u8]>>>,
    /// Chunks whose bytes are in `bytes` (all of them unless opened with [`Registry::open_resident`]).
    resident: Vec<AtomicU64>,
    all_resident: AtomicBool,
    /// Chunks a read needed and did not find resident, for [`Registry::take_wanted`].
    wanted: Vec<AtomicU64>,
    /// A chunk failed its hash: the bytes on hand are not the signed file, and nothing more should be asked of them.
    tainted: AtomicBool,
    header: Header,
    body_start: usize,
    chunk_table: usize,
    sections: [Section; SECTION_COUNT],
    /// The chunks holding the name index (sections 5–6), first and last: a miss in one of them asks for all of them.
    name_chunks: (usize, usize),
    verified: Vec<AtomicU64>,
    all_verified: AtomicBool,
    issue_day: Date,
    now_unix: i64,
    today: Date,
}

// Positions in `Registry::sections` (section id − 1).
const DIRECTORY: usize = SEC_DIRECTORY as usize - 1;
const ENTRIES: usize = SEC_ENTRIES as usize - 1;
const BADGES: usize = SEC_BADGES as usize - 1;
const OFFSETS: usize = 3;
const NAME_DIRECTORY: usize = SEC_NAME_DIRECTORY as usize - 1;
const NAME_ENTRIES: usize = SEC_NAME_ENTRIES as usize - 1;
const RECORDS: usize = SEC_RECORDS as usize - 1;

fn corrupt(what: &str) -> SnapshotError {
    SnapshotError::Corrupt(what.to_string())
}

impl Registry {
    /// Opens a snapshot: checks magic, version, key id (must be in `keys`), exact lengths, the signature over the
    /// head, rollback against `held_sequence`, and the section table. `now_unix` sets the day lookups answer for.
    pub fn open(
        bytes: Vec<u8>,
        keys: &KeySet,
        held_sequence: Option<u64>,
        now_unix: i64,
    ) -> Result<Registry, SnapshotError> {
        let len = bytes.len() as u64;
        Registry::open_with_len(bytes, len, keys, held_sequence, now_unix)
    }

    /// `open` for a file of `given_len` bytes of which `bytes` holds the first ones (all of them, or the resident
    /// prefix: the head, its signature and the section table are all any check here reads).
    fn open_with_len(
        bytes: Vec<u8>,
        given_len: u64,
        keys: &KeySet,
        held_sequence: Option<u64>,
        now_unix: i64,
    ) -> Result<Registry, SnapshotError> {
        let header = Header::parse(&bytes)?;
        let key = keys
            .get(KeyId(header.key_id))
            .ok_or_else(|| SnapshotError::UnknownKey(to_hex(&header.key_id)))?;
        let head_len = header.head_len();
        let file_len = header.file_len();
        if given_len < file_len || (bytes.len() as u64) < (head_len + SIGNATURE_LEN) as u64 {
            return Err(SnapshotError::Truncated(format!(
                "file is {given_len} bytes, its header describes {file_len}"
            )));
        }
        if given_len > file_len {
            return Err(SnapshotError::Overlong(format!(
                "{} bytes after the {file_len} its header describes",
                given_len - file_len
            )));
        }
        let mut sig = [0u8; SIGNATURE_LEN];
        sig.copy_from_slice(&bytes[head_len..head_len + SIGNATURE_LEN]);
        key.verify_strict(&bytes[..head_len], &Signature::from_bytes(&sig))
            .map_err(|_| SnapshotError::BadSignature)?;
        if let Some(held) = held_sequence {
            if header.sequence < held {
                return Err(SnapshotError::Rollback {
                    held,
                    got: header.sequence,
                });
            }
        }
        let body_start = head_len + SIGNATURE_LEN;
        let mut sections = [Section::default(); SECTION_COUNT];
        let mut expected_offset = 0usize;
        let n_rec = header.record_count as usize;
        let n_acc = header.account_count as usize;
        for (i, s) in sections.iter_mut().enumerate() {
            let o = FIXED_HEADER_LEN + i * SECTION_ENTRY_LEN;
            let (id, count, offset, len) = (
                rd_u32(&bytes, o),
                rd_u32(&bytes, o + 4) as usize,
                rd_u32(&bytes, o + 8) as usize,
                rd_u32(&bytes, o + 12) as usize,
            );
            let want_id = i as u32 + 1;
            if id != want_id {
                return Err(SnapshotError::BadSection(format!(
                    "entry {i} has id {id}, expected {want_id}"
                )));
            }
            let name = section_name(id);
            if offset != expected_offset {
                return Err(SnapshotError::BadSection(format!(
                    "{name} starts at {offset}, expected {expected_offset}"
                )));
            }
            let want_count = match id {
                SEC_DIRECTORY => header.params.buckets() + 1,
                SEC_ENTRIES => n_acc,
                SEC_BADGES | SEC_RECORDS => n_rec,
                SEC_NAME_DIRECTORY => header.name_params.buckets() + 1,
                SEC_NAME_ENTRIES => header.name_count as usize,
                _ => n_rec + 1,
            };
            if count != want_count {
                return Err(SnapshotError::BadSection(format!(
                    "{name} holds {count} items, expected {want_count}"
                )));
            }
            if id != SEC_RECORDS {
                let want = 4 * want_count;
                if len < want {
                    return Err(SnapshotError::Truncated(format!(
                        "{name} section is {len} bytes, expected {want}"
                    )));
                }
                if len > want {
                    return Err(SnapshotError::Overlong(format!(
                        "{name} section is {len} bytes, expected {want}"
                    )));
                }
            }
            *s = Section {
                start: body_start + offset,
                len,
            };
            expected_offset = offset + len;
        }
        let body_len = header.body_len as usize;
        if expected_offset < body_len {
            return Err(SnapshotError::Overlong(format!(
                "{} body bytes after the last section",
                body_len - expected_offset
            )));
        }
        if expected_offset > body_len {
            return Err(SnapshotError::Truncated(format!(
                "sections need {expected_offset} body bytes, body is {body_len}"
            )));
        }
        let chunks = header.chunk_count();
        let name_chunks = {
            let (from, to) = (
                sections[NAME_DIRECTORY].start,
                sections[NAME_ENTRIES].start + sections[NAME_ENTRIES].len,
            );
            let log2 = header.chunk_log2 as u32;
            ((from - body_start) >> log2, (to.max(from + 1) - 1 - body_start) >> log2)
        };
        let mut reg = Registry {
            bytes,
            file_len: file_len as usize,
            extra: Vec::new(),
            resident: bitmap(chunks, true),
            all_resident: AtomicBool::new(true),
            wanted: bitmap(chunks, false),
            tainted: AtomicBool::new(false),
            header,
            body_start,
            chunk_table: FIXED_HEADER_LEN + SECTION_COUNT * SECTION_ENTRY_LEN,
            sections,
            name_chunks,
            verified: (0..chunks.div_ceil(64)).map(|_| AtomicU64::new(0)).collect(),
            all_verified: AtomicBool::new(chunks == 0),
            issue_day: Date::from_unix_vn(header.issued_unix),
            now_unix,
            today: Date::from_unix_vn(now_unix),
        };
        reg.set_now(now_unix);
        Ok(reg)
    }

    /// Opens a snapshot of `file_len` bytes of which only the first ones are given, `prefix`: at least
    /// [`resident_prefix_len`] of them. Checks everything [`Registry::open`] checks (the whole head and its
    /// signature are in the prefix); the rest of the body is read later through [`Registry::supply`] and kept chunk
    /// by chunk. Nothing is reserved for the unloaded part: growing WebAssembly memory by a whole 60 MB file costs
    /// ~100 ms in V8, the prefix alone ~7 MB (measured at 1 M accounts).
    pub fn open_resident(
        file_len: u64,
        prefix: Vec<u8>,
        keys: &KeySet,
        held_sequence: Option<u64>,
        now_unix: i64,
    ) -> Result<Registry, SnapshotError> {
        let need = resident_prefix_len(&prefix)?;
        if prefix.len() < need || prefix.len() as u64 > file_len {
            return Err(SnapshotError::Truncated("the resident prefix is incomplete".into()));
        }
        let given = prefix.len();
        let mut reg = Registry::open_with_len(prefix, file_len, keys, held_sequence, now_unix)?;
        reg.extra = (0..reg.header.chunk_count()).map(|_| None).collect();
        let size = 1usize << reg.header.chunk_log2;
        for c in 0..reg.header.chunk_count() {
            if (reg.body_start + (c + 1) * size).min(reg.file_len) > given {
                reg.resident[c / 64].fetch_and(!(1u64 << (c % 64)), Relaxed);
            }
        }
        reg.all_resident.store(reg.is_complete_scan(), Relaxed);
        Ok(reg)
    }

    fn is_complete_scan(&self) -> bool {
        (0..self.header.chunk_count()).all(|c| bit(&self.resident, c))
    }

    /// A chunk has failed its hash (read in place or supplied): the file this registry was opened from is not the
    /// signed one; the host must drop it rather than keep asking.
    pub fn is_tainted(&self) -> bool {
        self.tainted.load(Relaxed)
    }

    /// Every chunk is in memory (the registry can give its bytes, apply a delta, be verified whole).
    pub fn is_complete(&self) -> bool {
        self.all_resident.load(Relaxed)
    }

    /// The file byte ranges `[start, end)` to read for the chunks reads asked for since the last call (each widened
    /// to its aligned block of [`LOAD_BLOCK_BYTES`], adjacent ones merged), and forgets them.
    pub fn take_wanted(&self) -> Vec<(usize, usize)> {
        let size = 1usize << self.header.chunk_log2;
        let chunks = self.header.chunk_count();
        let block = (LOAD_BLOCK_BYTES / size).max(1);
        let mut out: Vec<(usize, usize)> = Vec::new();
        for (w, word) in self.wanted.iter().enumerate() {
            let mut bits = word.swap(0, Relaxed);
            while bits != 0 {
                let c = w * 64 + bits.trailing_zeros() as usize;
                bits &= bits - 1;
                let first = c - c % block;
                let last = (first + block).min(chunks);
                let (start, end) = (
                    self.body_start + first * size,
                    (self.body_start + last * size).min(self.file_len),
                );
                match out.last_mut() {
                    Some(prev) if prev.1 >= start => prev.1 = prev.1.max(end),
                    _ => out.push((start, end)),
                }
            }
        }
        out
    }

    /// Forgets the chunks reads asked for since the last [`Registry::take_wanted`] (a question that answers what it
    /// can without them: `views::lookup::lookup_named_links_partial`).
    pub fn forget_wanted(&self) {
        for word in &self.wanted {
            word.store(0, Relaxed);
        }
    }

    /// Asks for every chunk not yet resident (before giving the whole file's bytes, e.g. as a delta's base).
    pub fn want_all(&self) {
        for c in 0..self.header.chunk_count() {
            if !bit(&self.resident, c) {
                self.wanted[c / 64].fetch_or(1u64 << (c % 64), Relaxed);
            }
        }
    }

    /// Takes file bytes `[offset, offset + data.len())` read from storage: `offset` on a chunk boundary of the
    /// body, `data` whole chunks (the last one may end the file). Each chunk is hashed against the signed head
    /// before it is kept; a mismatch keeps nothing of it and is [`SnapshotError::ChunkMismatch`] (the stored file
    /// was altered: the caller must drop it).
    pub fn supply(&mut self, offset: usize, data: &[u8]) -> Result<(), SnapshotError> {
        self.supply_digested(offset, data, None)
    }

    /// [`Registry::supply`] with the chunks' SHA-256 digests computed by the host from the same bytes (32 bytes per
    /// chunk, in order; WebCrypto hashes several times faster than this code in WebAssembly). The comparison with the
    /// signed head is the same; digests of the wrong count are refused.
    pub fn supply_digested(&mut self, offset: usize, data: &[u8], digests: Option<&[u8]>) -> Result<(), SnapshotError> {
        let size = 1usize << self.header.chunk_log2;
        let end = offset.checked_add(data.len()).filter(|&e| e <= self.file_len);
        let (Some(end), true) = (end, offset >= self.body_start && (offset - self.body_start) % size == 0) else {
            return Err(corrupt("supplied bytes are not whole chunks of this file"));
        };
        if end != self.file_len && (end - self.body_start) % size != 0 {
            return Err(corrupt("supplied bytes are not whole chunks of this file"));
        }
        let first = (offset - self.body_start) / size;
        if digests.is_some_and(|d| d.len() != 32 * data.len().div_ceil(size)) {
            return Err(corrupt("one digest per supplied chunk is needed"));
        }
        for (i, piece) in data.chunks(size).enumerate() {
            let c = first + i;
            if bit(&self.resident, c) {
                continue;
            }
            match digests {
                Some(d) => self.accept_digest(c, &d[32 * i..32 * i + 32])?,
                None => self.accept_digest(c, &Sha256::digest(piece))?,
            }
            self.extra[c] = Some(piece.into());
            self.resident[c / 64].fetch_or(1u64 << (c % 64), Relaxed);
        }
        if !self.is_complete() && self.is_complete_scan() {
            self.all_resident.store(true, Relaxed);
        }
        Ok(())
    }

    /// Hashes resident chunks not verified yet (the prefix, in idle time after the first answer), at most
    /// `max_chunks` of them per call so the host can spread the work over short tasks; `Ok(true)` once none is left.
    /// An altered stored file is then refused at the start that reads it, not only when a read touches the altered
    /// chunk.
    pub fn verify_resident(&self, max_chunks: usize) -> Result<bool, SnapshotError> {
        let mut hashed = 0;
        for c in 0..self.header.chunk_count() {
            if bit(&self.resident, c) && !bit(&self.verified, c) {
                if hashed == max_chunks {
                    return Ok(false);
                }
                self.verify_chunk(c)?;
                hashed += 1;
            }
        }
        Ok(true)
    }

    /// The body chunk size of this snapshot (its header's `chunk_log2`), in bytes.
    pub fn chunk_size(&self) -> usize {
        1 << self.header.chunk_log2
    }

    /// The resident prefix's body chunks as `(offset of the first, chunk size, count)`: what a host that hashes
    /// faster than this core (the browser's WebCrypto) digests for [`Registry::accept_digests`].
    pub fn prefix_chunks(&self) -> (usize, usize, usize) {
        prefix_chunk_layout(&self.bytes, self.bytes.len()).unwrap_or((self.body_start, 1 << self.header.chunk_log2, 0))
    }

    /// Takes SHA-256 digests of resident chunks `first, first + 1, …` (32 bytes each) computed by the host from the
    /// same bytes it gave [`Registry::open_resident`], and compares each with the signed head: equal marks the chunk
    /// verified (so no read hashes it again), different taints the registry and fails. The decision stays here; the
    /// host only supplies the hashing, which WebCrypto does several times faster than this code in WebAssembly.
    pub fn accept_digests(&self, first: usize, digests: &[u8]) -> Result<(), SnapshotError> {
        for (i, d) in digests.chunks_exact(32).enumerate() {
            let c = first + i;
            if c >= self.header.chunk_count() || !bit(&self.resident, c) {
                return Err(corrupt("a digest for a chunk that is not loaded"));
            }
            self.accept_digest(c, d)?;
        }
        Ok(())
    }

    /// The one comparison of a chunk's SHA-256 with the signed head, whoever hashed it (a read, `supply`, the host):
    /// equal marks the chunk verified; different taints the registry.
    fn accept_digest(&self, c: usize, digest: &[u8]) -> Result<(), SnapshotError> {
        if digest != &self.bytes[self.chunk_table + 32 * c..self.chunk_table + 32 * c + 32] {
            self.tainted.store(true, Relaxed);
            return Err(SnapshotError::ChunkMismatch(c));
        }
        self.verified[c / 64].fetch_or(1u64 << (c % 64), Relaxed);
        Ok(())
    }

    /// The whole file, when every chunk is resident (copied together when it was loaded in pieces); otherwise asks
    /// for the rest ([`Registry::want_all`]) and fails with [`SnapshotError::NotLoaded`].
    pub fn complete_bytes(&self) -> Result<Cow<'_, [u8]>, SnapshotError> {
        if self.bytes.len() == self.file_len {
            return Ok(Cow::Borrowed(&self.bytes));
        }
        if self.is_complete() {
            // The prefix ends on a chunk boundary; the loaded chunks follow it in order.
            let size = 1usize << self.header.chunk_log2;
            let mut out = Vec::with_capacity(self.file_len);
            out.extend_from_slice(&self.bytes);
            let first = (self.bytes.len() - self.body_start).div_ceil(size);
            for c in first..self.header.chunk_count() {
                out.extend_from_slice(self.chunk_bytes(c));
            }
            return Ok(Cow::Owned(out));
        }
        self.want_all();
        let missing = (0..self.header.chunk_count())
            .find(|&c| !bit(&self.resident, c))
            .unwrap_or(0);
        Err(SnapshotError::NotLoaded(missing))
    }

    /// Moves the registry's clock (a long-lived worker calls this as days pass).
    pub fn set_now(&mut self, now_unix: i64) {
        self.now_unix = now_unix;
        self.today = Date::from_unix_vn(now_unix);
    }

    /// The snapshot's sequence number (header offset 24), the floor for refusing rollbacks.
    pub fn sequence(&self) -> u64 {
        self.header.sequence
    }
    /// When the snapshot was issued, Unix seconds; its Vietnam-time day is the badge words' reference day.
    pub fn issued_unix(&self) -> i64 {
        self.header.issued_unix
    }
    /// When the snapshot expires, Unix seconds; after it [`Registry::is_stale`] is true.
    pub fn expires_unix(&self) -> i64 {
        self.header.expires_unix
    }
    /// The id of the pinned key that signed the snapshot.
    pub fn key_id(&self) -> KeyId {
        KeyId(self.header.key_id)
    }
    /// Number of records (KOLs) in the snapshot.
    pub fn record_count(&self) -> u32 {
        self.header.record_count
    }
    /// Number of accounts over all records (index entries).
    pub fn account_count(&self) -> u32 {
        self.header.account_count
    }
    /// The account index's shape, derived from the two counts.
    pub fn index_params(&self) -> IndexParams {
        self.header.params
    }
    /// Past its `expires` time: still answered, but every surface must say the data may be out of date.
    pub fn is_stale(&self) -> bool {
        self.now_unix > self.header.expires_unix
    }
    /// The day lookups answer for.
    pub fn today(&self) -> Date {
        self.today
    }
    /// The snapshot bytes as given to [`Registry::open`]; only the resident prefix for a registry opened with
    /// [`Registry::open_resident`] (code that may hold one uses [`Registry::complete_bytes`]).
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// Bytes a badge answer needs resident: directory + entries + badge words.
    pub fn badge_index_bytes(&self) -> usize {
        self.sections[DIRECTORY].len + self.sections[ENTRIES].len + self.sections[BADGES].len
    }

    /// Bytes of the name index (look-alike handles and display names): its directory and entries.
    pub fn name_index_bytes(&self) -> usize {
        self.sections[NAME_DIRECTORY].len + self.sections[NAME_ENTRIES].len
    }

    /// Number of keys in the name index.
    pub fn name_key_count(&self) -> u32 {
        self.header.name_count
    }

    /// Which snapshot answers come from, and whether it is stale at the registry's clock.
    pub fn freshness(&self) -> Freshness {
        Freshness {
            sequence: self.header.sequence,
            issued_unix: self.header.issued_unix,
            expires_unix: self.header.expires_unix,
            stale: self.is_stale(),
        }
    }

    /// Verifies the chunks covering bytes `[start, end)` (absolute file offsets) and returns them: borrowed from the
    /// resident prefix or from one loaded chunk, copied together when they span loaded chunks.
    #[inline(always)]
    fn verified_range(&self, start: usize, end: usize) -> Result<Cow<'_, [u8]>, SnapshotError> {
        if !self.all_verified.load(Relaxed) && end > start {
            let log2 = self.header.chunk_log2 as u32;
            let first = start.max(self.body_start).saturating_sub(self.body_start) >> log2;
            let last = (end.max(self.body_start + 1) - 1 - self.body_start) >> log2;
            for c in first..=last {
                self.verify_chunk(c)?;
            }
        }
        if end <= self.bytes.len() {
            return Ok(Cow::Borrowed(&self.bytes[start..end]));
        }
        self.loaded_range(start, end)
    }

    /// Bytes `[start, end)` past the resident prefix, from the loaded chunks (verified by the caller).
    #[inline(never)]
    fn loaded_range(&self, start: usize, end: usize) -> Result<Cow<'_, [u8]>, SnapshotError> {
        let size = 1usize << self.header.chunk_log2;
        let first = (start - self.body_start) / size;
        let last = (end - 1 - self.body_start) / size;
        let piece = |c: usize| {
            let at = self.body_start + c * size;
            let bytes = self.chunk_bytes(c);
            let (a, b) = (start.max(at) - at, end.min(at + bytes.len()) - at);
            bytes.get(a..b).ok_or(SnapshotError::NotLoaded(c))
        };
        if first == last {
            return piece(first).map(Cow::Borrowed);
        }
        let mut out = Vec::with_capacity(end - start);
        for c in first..=last {
            out.extend_from_slice(piece(c)?);
        }
        Ok(Cow::Owned(out))
    }

    /// Chunk `c`'s bytes: in the resident prefix, or loaded (empty when neither).
    fn chunk_bytes(&self, c: usize) -> &[u8] {
        let size = 1usize << self.header.chunk_log2;
        let start = self.body_start + c * size;
        let end = (start + size).min(self.file_len);
        if end <= self.bytes.len() {
            return &self.bytes[start..end];
        }
        self.extra.get(c).and_then(|b| b.as_deref()).unwrap_or(&[])
    }

    #[inline]
    fn verify_chunk(&self, c: usize) -> Result<(), SnapshotError> {
        let (word, bit) = (&self.verified[c / 64], 1u64 << (c % 64));
        if word.load(Relaxed) & bit != 0 {
            return Ok(());
        }
        if !self.all_resident.load(Relaxed) && self.resident[c / 64].load(Relaxed) & bit == 0 {
            self.want_chunk(c);
            return Err(SnapshotError::NotLoaded(c));
        }
        self.accept_digest(c, &Sha256::digest(self.chunk_bytes(c)))
    }

    /// Notes chunk `c` for [`Registry::take_wanted`]: the whole name index when `c` is one of its chunks (its
    /// look-ups land in random buckets, so a batch would otherwise read it piecemeal in many rounds).
    #[cold]
    fn want_chunk(&self, c: usize) {
        let (first, last) = self.name_chunks;
        let range = if (first..=last).contains(&c) {
            first..=last
        } else {
            c..=c
        };
        for c in range {
            if !bit(&self.resident, c) {
                self.wanted[c / 64].fetch_or(1u64 << (c % 64), Relaxed);
            }
        }
    }

    /// Verified bytes `[from, to)` of section `idx` (0-based), bounds-checked against the section.
    #[inline(always)]
    fn section_bytes(&self, idx: usize, from: usize, to: usize) -> Result<Cow<'_, [u8]>, SnapshotError> {
        let s = self.sections[idx];
        if from > to || to > s.len {
            return Err(corrupt(&format!("{} read out of bounds", section_name(idx as u32 + 1))));
        }
        self.verified_range(s.start + from, s.start + to)
    }

    #[inline(always)]
    fn word(&self, idx: usize, i: usize) -> Result<u32, SnapshotError> {
        let b = self.section_bytes(idx, 4 * i, 4 * i + 4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    /// The encoded bytes of record `ordinal`.
    #[inline(always)]
    fn record_bytes(&self, ordinal: u32) -> Result<Cow<'_, [u8]>, SnapshotError> {
        if ordinal >= self.header.record_count {
            return Err(corrupt("record ordinal out of range"));
        }
        let b = self.section_bytes(OFFSETS, 4 * ordinal as usize, 4 * ordinal as usize + 8)?;
        let from = u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize;
        let to = u32::from_le_bytes([b[4], b[5], b[6], b[7]]) as usize;
        self.section_bytes(RECORDS, from, to)
    }

    /// Looks an account up. `Ok(None)` = unknown account. `Err` only if a chunk fails its hash or verified data
    /// is malformed — the caller must then distrust the whole snapshot.
    pub fn lookup(&self, platform: Platform, id_type: IdType, account_id: &str) -> Result<Option<Hit>, SnapshotError> {
        let (p, t) = (platform_code(platform), id_type_code(id_type));
        let h = key_hash(p, t, account_id.as_bytes());
        let params = self.header.params;
        let Some(entries) = self.bucket(DIRECTORY, ENTRIES, params, self.header.account_count, h)? else {
            return Ok(None);
        };
        let fp = params.fingerprint(h);
        let shift = params.ordinal_bits as u32;
        for e in entries.chunks_exact(4) {
            let e = u32::from_le_bytes([e[0], e[1], e[2], e[3]]);
            if e >> shift == fp {
                let ordinal = e & params.ordinal_mask();
                let rec = self.record_bytes(ordinal)?;
                if record_has_account(&rec, p, t, account_id.as_bytes()).map_err(|e| corrupt(e.0))? {
                    return Ok(Some(Hit {
                        record: ordinal,
                        state: self.state_of(ordinal)?,
                    }));
                }
            }
        }
        Ok(None)
    }

    /// The entries of `h`'s bucket in one index (directory section `dir`, entries section `entries`, `count` entries
    /// in all), or `None` for an empty bucket: the account index and the name index are read alike.
    #[inline(always)]
    fn bucket(
        &self,
        dir: usize,
        entries: usize,
        params: IndexParams,
        count: u32,
        h: u64,
    ) -> Result<Option<Cow<'_, [u8]>>, SnapshotError> {
        let b = params.bucket(h);
        let d = self.section_bytes(dir, 4 * b, 4 * b + 8)?;
        let start = u32::from_le_bytes([d[0], d[1], d[2], d[3]]) as usize;
        let end = u32::from_le_bytes([d[4], d[5], d[6], d[7]]) as usize;
        if start == end {
            return Ok(None);
        }
        if start > end || end > count as usize {
            return Err(corrupt(&format!(
                "{} points outside its entries",
                section_name(dir as u32 + 1)
            )));
        }
        self.section_bytes(entries, 4 * start, 4 * end).map(Some)
    }

    /// The state of record `ordinal` today: from its badge word when today is inside the word's window, otherwise
    /// by decoding the record.
    #[inline(always)]
    pub fn state_of(&self, ordinal: u32) -> Result<TrustState, SnapshotError> {
        let w = BadgeWord(self.word(BADGES, ordinal as usize)?);
        match w.state_on(self.issue_day, self.today) {
            Some(s) => Ok(s),
            None => Ok(state_at(&self.record(ordinal)?, self.today)),
        }
    }

    /// Decodes record `ordinal` in full.
    pub fn record(&self, ordinal: u32) -> Result<Record, SnapshotError> {
        decode_record(&self.record_bytes(ordinal)?)
            .map_err(|e| SnapshotError::Corrupt(format!("record {ordinal}: {}", e.0)))
    }

    /// The display name of record `ordinal`, decoding only what precedes it.
    pub fn display_name(&self, ordinal: u32) -> Result<String, SnapshotError> {
        self.badge_identity(ordinal).map(|(name, _)| name)
    }

    /// What a badge needs of a record besides its state: the display name, and whether the record is fictional
    /// sample data (the badge then says so). Reads the record only up to its flags byte.
    pub fn badge_identity(&self, ordinal: u32) -> Result<(String, bool), SnapshotError> {
        let record = self.record_bytes(ordinal)?;
        let mut r = Reader::new(&record);
        let identity = (|| {
            skip_accounts(&mut r)?;
            r.str()?;
            let name = r.str()?.to_string();
            for _ in 0..2 {
                // aliases, then categories
                for _ in 0..r.varint()? {
                    r.str()?;
                }
            }
            let flags = r.u8()?;
            Ok((name, flags & 1 != 0))
        })();
        identity.map_err(|e: crate::registry::codec::DecodeError| {
            SnapshotError::Corrupt(format!("record {ordinal}: {}", e.0))
        })
    }

    /// The records a name-index key may belong to (see [`crate::registry::lookalike`]): every ordinal in the key's
    /// bucket whose fingerprint matches — a candidate the caller confirms against the record itself.
    pub fn name_candidates(&self, h: u64) -> Result<Vec<u32>, SnapshotError> {
        let params = self.header.name_params;
        let Some(entries) = self.bucket(NAME_DIRECTORY, NAME_ENTRIES, params, self.header.name_count, h)? else {
            return Ok(Vec::new());
        };
        let (fp, shift) = (params.fingerprint(h), params.ordinal_bits as u32);
        let mut out: Vec<u32> = Vec::new();
        for e in entries.chunks_exact(4) {
            let e = u32::from_le_bytes([e[0], e[1], e[2], e[3]]);
            if e >> shift == fp {
                let ordinal = e & params.ordinal_mask();
                if ordinal >= self.header.record_count {
                    return Err(corrupt("name entry points past the last record"));
                }
                if !out.contains(&ordinal) {
                    out.push(ordinal);
                }
            }
        }
        Ok(out)
    }

    /// Hashes every body chunk and checks every structure: directory monotone and complete, ordinals in range,
    /// record offsets monotone, badge words well-formed, every record decodes and every account is found.
    pub fn verify_all(&self) -> Result<(), SnapshotError> {
        for c in 0..self.header.chunk_count() {
            self.verify_chunk(c)?;
        }
        self.all_verified.store(true, Relaxed);
        let n_acc = self.header.account_count;
        let n_rec = self.header.record_count;
        self.verify_directory(DIRECTORY, ENTRIES, self.header.params, n_acc)?;
        self.verify_directory(
            NAME_DIRECTORY,
            NAME_ENTRIES,
            self.header.name_params,
            self.header.name_count,
        )?;
        let mut prev = 0;
        for i in 0..=n_rec as usize {
            let v = self.word(OFFSETS, i)?;
            if v < prev || (i == 0 && v != 0) {
                return Err(corrupt("record offsets are not monotone"));
            }
            prev = v;
        }
        if prev as usize != self.sections[RECORDS].len {
            return Err(corrupt("record offsets do not cover the record section"));
        }
        let mut seen = 0u64;
        for ord in 0..n_rec {
            let r = self.record(ord)?;
            let w = BadgeWord(self.word(BADGES, ord as usize)?);
            if !w.is_well_formed() || w != BadgeWord::for_record(&r, self.issue_day) {
                return Err(corrupt(&format!("record {ord}: badge word does not match the record")));
            }
            for a in &r.accounts {
                match self.lookup(a.platform, a.id_type, &a.account_id)? {
                    Some(h) if h.record == ord => seen += 1,
                    _ => return Err(corrupt(&format!("record {ord}: account {} not indexed", a.account_id))),
                }
            }
            for h in name_keys::record_name_hashes(&r) {
                if !self.name_candidates(h)?.contains(&ord) {
                    return Err(corrupt(&format!("record {ord}: a name key is not indexed")));
                }
            }
        }
        if seen != n_acc as u64 {
            return Err(corrupt("index holds entries no record lists"));
        }
        Ok(())
    }

    /// One index's directory is monotone and covers its `count` entries, and every entry's ordinal names a record.
    fn verify_directory(
        &self,
        dir: usize,
        entries: usize,
        params: IndexParams,
        count: u32,
    ) -> Result<(), SnapshotError> {
        let mut prev = 0;
        for i in 0..=params.buckets() {
            let v = self.word(dir, i)?;
            if v < prev || v > count || (i == 0 && v != 0) {
                return Err(corrupt(&format!("{} is not monotone", section_name(dir as u32 + 1))));
            }
            prev = v;
        }
        if prev != count {
            return Err(corrupt(&format!(
                "{} does not cover every entry",
                section_name(dir as u32 + 1)
            )));
        }
        let mask = params.ordinal_mask();
        for i in 0..count as usize {
            if self.word(entries, i)? & mask >= self.header.record_count {
                return Err(corrupt("entry points past the last record"));
            }
        }
        Ok(())
    }
}
