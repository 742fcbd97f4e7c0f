//! The account index: `(platform, id_type, account_id)` → record ordinal, read in place from the snapshot bytes.
//!
//! ## Layout
//! Every account key is hashed to 64 bits with [`key_hash`] (a fixed, platform-independent multiply–rotate hash
//! with a murmur3 finalizer; it is part of the format). The high 32 bits pick one of `buckets` buckets by
//! multiply-shift range reduction (`hi · buckets >> 32`); the low 32 bits give a fingerprint. The shape is a pure
//! function of the counts in the header ([`IndexParams::for_counts`]: `buckets = ⌈accounts / 10⌉` rounded up to
//! five significant bits, so that adding a few accounts keeps the shape; `ordinal_bits` just wide enough for the
//! record count), so it is not stored. Two sections hold the index:
//!
//! - **directory**: `buckets + 1` little-endian `u32`s, the cumulative start of each bucket in the entries;
//! - **entries**: one `u32` per account, in hash order (so grouped by bucket): `fingerprint << ordinal_bits | ordinal`,
//!   where `ordinal` is the record's position (records are in registry-id order) and `ordinal_bits` is just wide
//!   enough for the record count; the fingerprint keeps the remaining `32 − ordinal_bits` bits.
//!
//! A bucket holds about 10 entries (40 bytes: one or two cache lines). A lookup
//! hashes the key, reads two directory words, scans the bucket for a matching fingerprint, and **confirms** the
//! candidate by comparing the key with the record's account list (the first bytes of the record). A fingerprint
//! false match (≈ 10 · 2^−(32−ordinal_bits) per miss, ~0.1 % at 300 k records) therefore costs one extra read but
//! never a wrong badge.
//!
//! ## Why this and not a minimal perfect hash or a binary fuse filter
//! - Nothing is decoded at open: the sections are used in place (zero-copy), so cold start does not grow with the
//!   registry (see [`super::snapshot`] for how the signature check also stays constant-size).
//! - Memory for a badge answer is `4 + 4/10` bytes per account (entries + directory) plus a 4-byte badge word per
//!   *record*; at the ~3.2 accounts per KOL of the sample this is ≈ 5.7 bytes per account, under the 6-byte budget.
//!   A minimal perfect hash needs ~0.4 bytes/key for itself but still a fingerprint and an ordinal per key, so it
//!   saves at most the directory's 0.5 byte while costing a slower, more complex build and a harder-to-diff layout.
//!   A binary fuse filter only answers "maybe present", not "which record".
//! - It diffs well: adding an account inserts one `u32` and shifts the directory by a constant, which the delta
//!   encoder ([`super::delta`]) expresses in a few bytes.
//!
//! Measured numbers are in `benches/registry.rs` and the module docs of [`super`].

/// The fixed key hash (part of the snapshot format: changing it is a format version bump).
///
/// `h = (platform << 8 | id_type | len << 16) · K ⊕ 0x243F6A8885A308D3`; then for each full 8-byte little-endian
/// word `w` of the id, `h = rotl31((h ⊕ w) · K)`; then the remaining 0–7 bytes, zero-padded to a word `w` (a zero
/// word when none remain), `h = (h ⊕ w) · K`; then murmur3's `fmix64` finalizer. All arithmetic wraps modulo 2^64. The constants are the usual
/// "nothing up my sleeve" numbers: `K` is 2^64 / φ (Fibonacci hashing), the seed is the first fraction digits of π,
/// and the finalizer's multipliers are murmur3's. Endianness and word size are fixed, so every platform, native or
/// wasm, computes the same hash.
#[inline(always)]
pub fn key_hash(platform: u8, id_type: u8, id: &[u8]) -> u64 {
    /// The multiplier: ⌊2^64 / φ⌋, odd, so multiplication by it is a bijection that spreads low bits upward.
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    // The seed 0x243F_6A88_85A3_08D3 is π's fraction in hex; the length is mixed in so "ab" and "ab\0" differ.
    let mut h =
        ((platform as u64) << 8 | id_type as u64 | (id.len() as u64) << 16).wrapping_mul(K) ^ 0x243F_6A88_85A3_08D3;
    let mut chunks = id.chunks_exact(8);
    for c in &mut chunks {
        let mut w = [0u8; 8];
        w.copy_from_slice(c);
        h = (h ^ u64::from_le_bytes(w)).wrapping_mul(K).rotate_left(31);
    }
    let rem = chunks.remainder();
    let mut w = [0u8; 8];
    w[..rem.len()].copy_from_slice(rem);
    h = (h ^ u64::from_le_bytes(w)).wrapping_mul(K);
    // murmur3 fmix64 (its published constants): every input bit affects every output bit.
    h ^= h >> 33;
    h = h.wrapping_mul(0xFF51_AFD7_ED55_8CCD);
    h ^= h >> 33;
    h = h.wrapping_mul(0xC4CE_B9FE_1A85_EC53);
    h ^ (h >> 33)
}

/// The two numbers that shape the index (derived from the header's counts, never stored).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IndexParams {
    /// Number of buckets in the directory (at least 1; the directory holds `buckets + 1` words).
    pub buckets: u32,
    /// Low bits of an entry holding the record ordinal (1–24); the rest of the `u32` is the fingerprint.
    pub ordinal_bits: u8,
}

/// Most records a snapshot can hold: 2^24 (16.7 M). An index entry is one `u32` holding the record ordinal in its
/// low `ordinal_bits` bits, so ordinals need at most 24 bits, leaving at least 8 fingerprint bits (a false
/// fingerprint match per probe of ≤ 10 · 2^−8). The builder refuses more; readers refuse a header claiming more.
pub const MAX_RECORDS: usize = 1 << 24;
/// Most accounts a snapshot can hold: 2^28 (268 M). Bounds the entries section (4 bytes per account, 1 GiB) well
/// inside the 4 GiB body limit, and keeps `accounts / BUCKET_TARGET` in a `u32` directory. The builder refuses more;
/// readers refuse a header claiming more.
pub const MAX_ACCOUNTS: usize = 1 << 28;
/// Target average of entries per bucket: `buckets = ⌈accounts / 10⌉` (before rounding, see
/// [`IndexParams::for_counts`]). Ten 4-byte entries are 40 bytes, one or two cache lines per lookup, while the
/// directory costs 4/10 byte per account. Part of the format: the bucket count is derived from it, not stored.
pub const BUCKET_TARGET: usize = 10;

impl IndexParams {
    /// The index shape for a snapshot with these counts: `buckets` = ⌈accounts / [`BUCKET_TARGET`]⌉ (at least 1)
    /// rounded up to five significant bits, `ordinal_bits` = the bit length of `records − 1` (at least 1). Part of
    /// the format: readers recompute it from the header.
    pub fn for_counts(accounts: usize, records: usize) -> IndexParams {
        // ⌈accounts / 10⌉ rounded up to 5 significant bits: a few more accounts keep the same bucket count (so the
        // index, and a delta of it, changes only locally); the rounding costs at most 1/16 of the directory.
        let want = accounts.div_ceil(BUCKET_TARGET).clamp(1, MAX_ACCOUNTS);
        let shift = (usize::BITS - want.leading_zeros()).saturating_sub(5);
        let buckets = want.div_ceil(1 << shift) << shift;
        IndexParams {
            buckets: buckets as u32,
            ordinal_bits: (usize::BITS - records.saturating_sub(1).leading_zeros()).max(1) as u8,
        }
    }

    /// [`IndexParams::buckets`] as a `usize`, for indexing the directory.
    pub fn buckets(self) -> usize {
        self.buckets as usize
    }

    /// The bucket of a [`key_hash`]: `hi32(h) · buckets >> 32`, in `0..buckets`.
    #[inline(always)]
    pub fn bucket(self, h: u64) -> usize {
        (((h >> 32) * self.buckets as u64) >> 32) as usize
    }

    /// The fingerprint of a [`key_hash`]: its low 32 bits shifted right by `ordinal_bits`, so that it lines up with
    /// an entry shifted the same way.
    #[inline(always)]
    pub fn fingerprint(self, h: u64) -> u32 {
        (h as u32) >> self.ordinal_bits
    }

    /// The mask that extracts the record ordinal from an entry (`2^ordinal_bits − 1`).
    #[inline(always)]
    pub fn ordinal_mask(self) -> u32 {
        (1u32 << self.ordinal_bits) - 1
    }
}

/// Builds the directory and the entries from `(hash, ordinal)` pairs.
///
/// Entries are ordered by the full hash (then ordinal), not by bucket and value: the bucket is monotone in the hash
/// for any bucket count, so this groups buckets correctly *and* makes the entries' order independent of the bucket
/// count — when growth changes the bucket count, only the directory changes (which keeps deltas small).
pub fn build(params: IndexParams, keys: &[(u64, u32)]) -> (Vec<u32>, Vec<u32>) {
    let mut items: Vec<(u64, u32)> = keys.to_vec();
    items.sort_unstable();
    let mut dir = vec![0u32; params.buckets() + 1];
    for &(h, _) in &items {
        dir[params.bucket(h) + 1] += 1;
    }
    for i in 1..dir.len() {
        dir[i] += dir[i - 1];
    }
    let entries = items
        .into_iter()
        .map(|(h, ord)| (params.fingerprint(h) << params.ordinal_bits) | ord)
        .collect();
    (dir, entries)
}
