//! Signed deltas: the bytes that turn snapshot N into snapshot M, much smaller than M when little changed.
//!
//! The byte-level reference, with the versioning rules and the format history, is `docs/formats.md`; the bytes are
//! pinned by `tests/registry_golden.rs`.
//!
//! ## Layout (version 1, little-endian)
//! ```text
//! offset size  field
//!   0     8  magic "KOLTDLTA"                                                     (DELTA_MAGIC)
//!   8     2  u16 format version = 1                                               (DELTA_VERSION)
//!  10     6  reserved, zero
//!  16     8  key id of the signing key (see `keys`)
//!  24     8  u64 from sequence (N)
//!  32     8  u64 to sequence (M), > N
//!  40    32  SHA-256 of snapshot N (the exact bytes the delta applies to)
//!  72    32  SHA-256 of snapshot M (the exact bytes applying must produce)
//! 104     8  u64 length of snapshot M (at most 2^33)
//! 112     8  u64 length L of the operations
//! 120     L  operations
//! 120+L  64  Ed25519 signature over bytes [0, 120 + L), i.e. everything before it
//! ```
//! The file must be exactly 120 + L + 64 bytes. Operations rebuild M front to back from N; each is one opcode byte
//! and its operands (varints are LEB128, as in [`super::codec`]):
//! `1 COPY varint src, varint len` · `2 ADD32 varint src, varint count, u32 addend` (copy `count` little-endian
//! words from N adding `addend` to each, wrapping) · `3 INSERT varint len, bytes`. Any other opcode, a source range
//! outside N, or output longer than promised is refused.
//!
//! ## Why ADD32
//! A snapshot's offset tables (the index directory, the record offsets) change *everywhere after* a small edit, by
//! the same amount: one more account shifts every later bucket start by one; one longer record shifts every later
//! record offset by its growth. A byte diff would resend those tables whole; ADD32 says it in a dozen bytes. The
//! rest (records, index entries, badge words) is matched with 16-byte blocks of N, rsync-style, which finds shifted
//! content wherever it moved. What still grows a delta: the head's chunk hashes after the first changed byte
//! (32 bytes per 64 KiB chunk ≈ 0.05 % of the body), a record removed or inserted in the middle of the id order
//! (it renumbers the ordinals stored in later index entries — ids are allocated increasingly, so records normally
//! append), and a step of the bucket count (every ≈ 3 % of account growth), which resends the directory
//! (0.4 byte per account; the entries keep their order, see `index::build`).
//!
//! Applying checks the signature, then that N is the expected base, then that the result hashes to the promised
//! SHA-256, and the caller then opens M as any snapshot (its own signature, rollback rule, …). So a delta can never
//! produce anything but the exact snapshot M the publisher signed.

use crate::registry::codec::{put_varint, Reader};
use crate::registry::keys::{signing_key_id, KeyId, KeySet, SigningKey};
use crate::registry::snapshot::{rd_u16, rd_u32, rd_u64, BuildError, Header, SnapshotError, SIGNATURE_LEN};
use crate::registry::snapshot::{FIXED_HEADER_LEN, SECTION_ENTRY_LEN};
use ed25519_dalek::{Signature, Signer};
use sha2::{Digest, Sha256};
use std::collections::HashMap;

/// The first 8 bytes of every delta (offset 0): ASCII `KOLTDLTA`, "KOL Trust delta". Distinct from the snapshot's
/// [`MAGIC`](super::snapshot::MAGIC) so that a delta handed to `Registry::open`, or a snapshot handed to
/// [`apply_delta`], is refused as bad magic at once.
pub const DELTA_MAGIC: &[u8; 8] = b"KOLTDLTA";
/// The delta format version, a little-endian `u16` at offset 8. Readers accept exactly this value and refuse any
/// other with [`SnapshotError::UnsupportedVersion`]. It versions the delta container and its operations only; the
/// snapshot the delta produces carries its own [`VERSION`](super::snapshot::VERSION). Bump it for any change to the
/// header, the operations or their encoding — or to the encoder's choices, since published deltas are pinned by
/// SHA-256 in the manifest and in `tests/registry_golden.rs` — and record it in `docs/formats.md`.
pub const DELTA_VERSION: u16 = 1;
/// Length of the fixed delta header (offsets 0..120): magic, version, 6 reserved zero bytes, key id, from and to
/// sequences, the two snapshots' SHA-256, the result's length and the operations' length. Operations start here.
const DELTA_HEADER_LEN: usize = 120;
/// The block size of the encoder's rsync-style matching: the old snapshot is indexed by its 16-byte-aligned
/// 16-byte blocks and the new one is searched for them at every offset. Small enough to find the unchanged runs
/// between edits in records (which are tens to hundreds of bytes), large enough that chance matches are rare and
/// the block table stays at one entry per 16 bytes. Only the encoder uses it; it is not in the bytes, but changing
/// it changes which (equally valid) delta is written.
const BLOCK: usize = 16;
/// Largest snapshot a delta may produce: 8 GiB, twice the largest body a snapshot header allows (4 GiB) — a
/// generous bound that guards the result's allocation against a hostile length field.
const MAX_OUTPUT: u64 = 1 << 33;

/// Operation 1, `COPY varint src, varint len`: append bytes `[src, src + len)` of the old snapshot.
const OP_COPY: u8 = 1;
/// Operation 2, `ADD32 varint src, varint count, u32 addend`: append `count` little-endian `u32` words read from the
/// old snapshot at `src`, each plus `addend` (wrapping) — an offset table shifted by a constant, in a dozen bytes.
const OP_ADD32: u8 = 2;
/// Operation 3, `INSERT varint len, len bytes`: append the literal bytes that follow.
const OP_INSERT: u8 = 3;

struct Ops {
    out: Vec<u8>,
    literal: Vec<u8>,
    /// Pending COPY (src, len) to merge contiguous copies.
    copy: Option<(usize, usize)>,
}

impl Ops {
    fn flush_copy(&mut self) {
        if let Some((src, len)) = self.copy.take() {
            self.out.push(OP_COPY);
            put_varint(&mut self.out, src as u64);
            put_varint(&mut self.out, len as u64);
        }
    }
    fn flush_literal(&mut self) {
        if !self.literal.is_empty() {
            self.out.push(OP_INSERT);
            put_varint(&mut self.out, self.literal.len() as u64);
            self.out.append(&mut self.literal);
        }
    }
    fn insert(&mut self, bytes: &[u8]) {
        self.flush_copy();
        self.literal.extend_from_slice(bytes);
    }
    fn copy(&mut self, src: usize, len: usize) {
        if len == 0 {
            return;
        }
        self.flush_literal();
        match &mut self.copy {
            Some((s, l)) if *s + *l == src => *l += len,
            _ => {
                self.flush_copy();
                self.copy = Some((src, len));
            }
        }
    }
    fn add32(&mut self, src: usize, count: usize, addend: u32) {
        if addend == 0 {
            return self.copy(src, 4 * count);
        }
        self.flush_literal();
        self.flush_copy();
        self.out.push(OP_ADD32);
        put_varint(&mut self.out, src as u64);
        put_varint(&mut self.out, count as u64);
        self.out.extend_from_slice(&addend.to_le_bytes());
    }
    fn finish(mut self) -> Vec<u8> {
        self.flush_literal();
        self.flush_copy();
        self.out
    }
}

fn block_key(b: &[u8]) -> u128 {
    let mut w = [0u8; 16];
    w.copy_from_slice(&b[..16]);
    u128::from_le_bytes(w)
}

/// rsync-style matching of `new[start..end]` against 16-byte-aligned blocks of `old`.
fn diff_bytes(ops: &mut Ops, old: &[u8], blocks: &HashMap<u128, u32>, new: &[u8], start: usize, end: usize) {
    let mut p = start;
    let mut lit = start;
    while p + BLOCK <= end {
        if let Some(&o) = blocks.get(&block_key(&new[p..])) {
            let (mut o, mut q) = (o as usize, p);
            while q > lit && o > 0 && old[o - 1] == new[q - 1] {
                o -= 1;
                q -= 1;
            }
            let len = old[o..].iter().zip(&new[q..end]).take_while(|(a, b)| a == b).count();
            ops.insert(&new[lit..q]);
            ops.copy(o, len);
            p = q + len;
            lit = p;
        } else {
            p += 1;
        }
    }
    ops.insert(&new[lit..end]);
}

fn words(b: &[u8], start: usize, count: usize) -> impl Fn(usize) -> u32 + '_ {
    move |i| {
        debug_assert!(i < count);
        rd_u32(b, start + 4 * i)
    }
}

/// Word-table diff: runs of "old word j + constant" (the shift `j − i` may change by a few between runs).
fn diff_words(
    ops: &mut Ops,
    old: &[u8],
    old_start: usize,
    old_count: usize,
    new: &[u8],
    new_start: usize,
    new_count: usize,
) {
    let o = words(old, old_start, old_count);
    let n = words(new, new_start, new_count);
    let mut shift: isize = 0;
    let mut i = 0;
    while i < new_count {
        let d_at = |i: usize, s: isize| -> Option<u32> {
            let j = i as isize + s;
            (j >= 0 && (j as usize) < old_count).then(|| n(i).wrapping_sub(o(j as usize)))
        };
        // Prefer the current shift, then nearby ones, whichever starts a run of at least two words.
        let mut chosen = None;
        for s in [shift, shift - 1, shift + 1, shift - 2, shift + 2, shift - 3, shift + 3] {
            if let (Some(a), Some(b)) = (d_at(i, s), if i + 1 < new_count { d_at(i + 1, s) } else { d_at(i, s) }) {
                if a == b {
                    chosen = Some((s, a));
                    break;
                }
            }
        }
        match chosen {
            Some((s, d)) => {
                shift = s;
                let mut len = 1;
                while i + len < new_count && d_at(i + len, s) == Some(d) {
                    len += 1;
                }
                ops.add32(old_start + 4 * (i as isize + s) as usize, len, d);
                i += len;
            }
            None => {
                ops.insert(&new[new_start + 4 * i..new_start + 4 * i + 4]);
                i += 1;
            }
        }
    }
}

/// Builds and signs the delta from snapshot `old` to snapshot `new` (both as written by the builder).
pub fn make_delta(old: &[u8], new: &[u8], key: &SigningKey) -> Result<Vec<u8>, BuildError> {
    let ho = Header::parse(old).map_err(|e| BuildError(format!("old snapshot: {e}")))?;
    let hn = Header::parse(new).map_err(|e| BuildError(format!("new snapshot: {e}")))?;
    if old.len() as u64 != ho.file_len() || new.len() as u64 != hn.file_len() {
        return Err(BuildError("snapshot length does not match its header".into()));
    }
    if hn.sequence <= ho.sequence {
        return Err(BuildError(format!(
            "new sequence {} must be greater than old sequence {}",
            hn.sequence, ho.sequence
        )));
    }
    let mut blocks = HashMap::with_capacity(old.len() / BLOCK);
    for (k, b) in old.chunks_exact(BLOCK).enumerate() {
        blocks.entry(block_key(b)).or_insert((k * BLOCK) as u32);
    }
    let section = |h: &Header, b: &[u8], i: usize| {
        let e = FIXED_HEADER_LEN + i * SECTION_ENTRY_LEN;
        let body = h.head_len() + SIGNATURE_LEN;
        (body + rd_u32(b, e + 8) as usize, rd_u32(b, e + 12) as usize)
    };
    let mut ops = Ops {
        out: Vec::new(),
        literal: Vec::new(),
        copy: None,
    };
    let mut pos = 0;
    for i in 0..5 {
        let (ns, nl) = section(&hn, new, i);
        diff_bytes(&mut ops, old, &blocks, new, pos, ns);
        if i == 0 || i == 3 {
            // directory and record offsets: word tables that shift by constants
            let (os, ol) = section(&ho, old, i);
            diff_words(&mut ops, old, os, ol / 4, new, ns, nl / 4);
        } else {
            diff_bytes(&mut ops, old, &blocks, new, ns, ns + nl);
        }
        pos = ns + nl;
    }
    diff_bytes(&mut ops, old, &blocks, new, pos, new.len());
    let ops = ops.finish();

    let mut out = Vec::with_capacity(DELTA_HEADER_LEN + ops.len() + SIGNATURE_LEN);
    out.extend_from_slice(DELTA_MAGIC);
    out.extend_from_slice(&DELTA_VERSION.to_le_bytes());
    out.extend_from_slice(&[0; 6]);
    out.extend_from_slice(&signing_key_id(key).0);
    out.extend_from_slice(&ho.sequence.to_le_bytes());
    out.extend_from_slice(&hn.sequence.to_le_bytes());
    out.extend_from_slice(&Sha256::digest(old));
    out.extend_from_slice(&Sha256::digest(new));
    out.extend_from_slice(&(new.len() as u64).to_le_bytes());
    out.extend_from_slice(&(ops.len() as u64).to_le_bytes());
    out.extend_from_slice(&ops);
    let sig = key.sign(&out);
    out.extend_from_slice(&sig.to_bytes());
    Ok(out)
}

/// What a delta says about itself (after its signature checked out).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DeltaInfo {
    /// The pinned key that signed the delta.
    pub key_id: KeyId,
    /// Sequence number of the snapshot the delta applies to.
    pub from_sequence: u64,
    /// Sequence number of the snapshot it produces.
    pub to_sequence: u64,
    /// Length in bytes of the snapshot it produces.
    pub new_len: u64,
}

/// Checks a delta's structure and signature.
pub fn verify_delta(delta: &[u8], keys: &KeySet) -> Result<DeltaInfo, SnapshotError> {
    if delta.len() < 8 || &delta[..8] != DELTA_MAGIC {
        return Err(SnapshotError::BadMagic);
    }
    if delta.len() < DELTA_HEADER_LEN {
        return Err(SnapshotError::Truncated(format!(
            "delta is {} bytes, shorter than its {DELTA_HEADER_LEN}-byte header",
            delta.len()
        )));
    }
    let version = rd_u16(delta, 8);
    if version != DELTA_VERSION {
        return Err(SnapshotError::UnsupportedVersion(version));
    }
    if delta[10..16].iter().any(|&b| b != 0) {
        return Err(SnapshotError::BadHeader("reserved bytes are not zero"));
    }
    let mut id = [0u8; 8];
    id.copy_from_slice(&delta[16..24]);
    let key = keys
        .get(KeyId(id))
        .ok_or_else(|| SnapshotError::UnknownKey(crate::registry::keys::to_hex(&id)))?;
    let ops_len = rd_u64(delta, 112);
    let want = (DELTA_HEADER_LEN as u64 + SIGNATURE_LEN as u64).checked_add(ops_len);
    match want {
        Some(w) if (delta.len() as u64) < w => {
            return Err(SnapshotError::Truncated(format!(
                "delta is {} bytes, its header describes {w}",
                delta.len()
            )))
        }
        Some(w) if (delta.len() as u64) > w => {
            return Err(SnapshotError::Overlong(format!(
                "{} bytes after the delta's end",
                delta.len() as u64 - w
            )))
        }
        None => return Err(SnapshotError::BadHeader("operations length overflows")),
        _ => {}
    }
    let signed = delta.len() - SIGNATURE_LEN;
    let mut sig = [0u8; SIGNATURE_LEN];
    sig.copy_from_slice(&delta[signed..]);
    key.verify_strict(&delta[..signed], &Signature::from_bytes(&sig))
        .map_err(|_| SnapshotError::BadSignature)?;
    let info = DeltaInfo {
        key_id: KeyId(id),
        from_sequence: rd_u64(delta, 24),
        to_sequence: rd_u64(delta, 32),
        new_len: rd_u64(delta, 104),
    };
    if info.to_sequence <= info.from_sequence {
        return Err(SnapshotError::BadHeader("delta does not move the sequence forward"));
    }
    if info.new_len > MAX_OUTPUT {
        return Err(SnapshotError::BadHeader("delta result too large"));
    }
    Ok(info)
}

/// Applies a signed delta to the exact base snapshot it was made from; returns the new snapshot's bytes, whose
/// SHA-256 has been checked against the signed promise. Open the result with `Registry::open` as usual.
pub fn apply_delta(old: &[u8], delta: &[u8], keys: &KeySet) -> Result<Vec<u8>, SnapshotError> {
    let info = verify_delta(delta, keys)?;
    if Sha256::digest(old).as_slice() != &delta[40..72] {
        return Err(SnapshotError::DeltaBaseMismatch);
    }
    let bad = |m: &str| SnapshotError::Corrupt(format!("delta operation: {m}"));
    let new_len = usize::try_from(info.new_len).map_err(|_| SnapshotError::BadHeader("delta result too large"))?;
    let mut out = Vec::with_capacity(new_len);
    let mut r = Reader::new(&delta[DELTA_HEADER_LEN..delta.len() - SIGNATURE_LEN]);
    let room = |out: &Vec<u8>, n: usize| out.len().checked_add(n).is_some_and(|e| e <= new_len);
    while !r.is_empty() {
        let op = r.u8().map_err(|e| bad(e.0))?;
        match op {
            OP_COPY => {
                let src = r.varint().map_err(|e| bad(e.0))? as usize;
                let len = r.varint().map_err(|e| bad(e.0))? as usize;
                let s = src
                    .checked_add(len)
                    .and_then(|e| old.get(src..e))
                    .ok_or_else(|| bad("copy out of range"))?;
                if !room(&out, len) {
                    return Err(bad("result longer than promised"));
                }
                out.extend_from_slice(s);
            }
            OP_ADD32 => {
                let src = r.varint().map_err(|e| bad(e.0))? as usize;
                let count = r.varint().map_err(|e| bad(e.0))? as usize;
                let addend = r.u32_le().map_err(|e| bad(e.0))?;
                let s = count
                    .checked_mul(4)
                    .and_then(|n| src.checked_add(n))
                    .and_then(|e| old.get(src..e))
                    .ok_or_else(|| bad("add32 out of range"))?;
                if !room(&out, s.len()) {
                    return Err(bad("result longer than promised"));
                }
                for w in s.chunks_exact(4) {
                    let v = u32::from_le_bytes([w[0], w[1], w[2], w[3]]).wrapping_add(addend);
                    out.extend_from_slice(&v.to_le_bytes());
                }
            }
            OP_INSERT => {
                let len = r.varint().map_err(|e| bad(e.0))? as usize;
                let s = r.bytes(len).map_err(|e| bad(e.0))?;
                if !room(&out, len) {
                    return Err(bad("result longer than promised"));
                }
                out.extend_from_slice(s);
            }
            _ => return Err(bad("unknown operation")),
        }
    }
    if out.len() != new_len || Sha256::digest(&out).as_slice() != &delta[72..104] {
        return Err(SnapshotError::DeltaResultMismatch);
    }
    Ok(out)
}
