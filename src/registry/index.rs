//! The account index: `(platform, id_type, account_id)` → record ordinal, read in place from the snapshot bytes.
//!
//! ## Layout
//! Every account key is hashed to 64 bits with [`key_hash`] (a fixed, platform-independent multiply–rotate hash
//! with a murmur3 finalizer; it is part of the format). The top `bucket_bits` bits pick a bucket; the low 32 bits
//! give a fingerprint. Two sections hold the index:
//!
//! - **directory**: `2^bucket_bits + 1` little-endian `u32`s, the cumulative start of each bucket in the entries;
//! - **entries**: one `u32` per account, sorted by bucket, then value: `fingerprint << ordinal_bits | ordinal`,
//!   where `ordinal` is the record's position (records are in registry-id order) and `ordinal_bits` is just wide
//!   enough for the record count; the fingerprint keeps the remaining `32 − ordinal_bits` bits.
//!
//! `bucket_bits` is chosen so that a bucket holds about 8 entries (32 bytes: one or two cache lines). A lookup
//! hashes the key, reads two directory words, scans the bucket for a matching fingerprint, and **confirms** the
//! candidate by comparing the key with the record's account list (the first bytes of the record). A fingerprint
//! false match (≈ 8 · 2^−(32−ordinal_bits) per miss, ~0.1 % at 300 k records) therefore costs one extra read but
//! never a wrong badge.
//!
//! ## Why this and not a minimal perfect hash or a binary fuse filter
//! - Nothing is decoded at open: the sections are used in place (zero-copy), so cold start does not grow with the
//!   registry (see [`super::snapshot`] for how the signature check also stays constant-size).
//! - Memory for a badge answer is `4 + 4/8` bytes per account (entries + directory) plus a 4-byte badge word per
//!   *record*; at the ~3.3 accounts per KOL of the sample this is ≈ 5.7 bytes per account, under the 6-byte budget.
//!   A minimal perfect hash needs ~0.4 bytes/key for itself but still a fingerprint and an ordinal per key, so it
//!   saves at most the directory's 0.5 byte while costing a slower, more complex build and a harder-to-diff layout.
//!   A binary fuse filter only answers "maybe present", not "which record".
//! - It diffs well: adding an account inserts one `u32` and shifts the directory by a constant, which the delta
//!   encoder ([`super::delta`]) expresses in a few bytes.
//!
//! Measured numbers are in `benches/registry.rs` and the module docs of [`super`].

/// The fixed key hash (part of the snapshot format: changing it is a format version bump).
#[inline]
pub fn key_hash(platform: u8, id_type: u8, id: &[u8]) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
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
    // murmur3 fmix64
    h ^= h >> 33;
    h = h.wrapping_mul(0xFF51_AFD7_ED55_8CCD);
    h ^= h >> 33;
    h = h.wrapping_mul(0xC4CE_B9FE_1A85_EC53);
    h ^ (h >> 33)
}

/// The two numbers that shape the index.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IndexParams {
    pub bucket_bits: u8,
    pub ordinal_bits: u8,
}

/// Most records a snapshot can hold (ordinals need at most 24 bits, leaving at least 8 fingerprint bits).
pub const MAX_RECORDS: usize = 1 << 24;
/// Most buckets (and so, in practice, accounts ≈ 8 × this).
pub const MAX_BUCKET_BITS: u8 = 26;

impl IndexParams {
    pub fn for_counts(accounts: usize, records: usize) -> IndexParams {
        let want_buckets = accounts.div_ceil(8).max(1);
        let bucket_bits = (usize::BITS - (want_buckets - 1).leading_zeros()).min(MAX_BUCKET_BITS as u32) as u8;
        let ordinal_bits = (usize::BITS - records.saturating_sub(1).leading_zeros()).max(1) as u8;
        IndexParams {
            bucket_bits,
            ordinal_bits,
        }
    }

    pub fn is_valid(self) -> bool {
        self.bucket_bits <= MAX_BUCKET_BITS && (1..=24).contains(&self.ordinal_bits)
    }

    pub fn buckets(self) -> usize {
        1usize << self.bucket_bits
    }

    #[inline]
    pub fn bucket(self, h: u64) -> usize {
        if self.bucket_bits == 0 {
            0
        } else {
            (h >> (64 - self.bucket_bits as u32)) as usize
        }
    }

    #[inline]
    pub fn fingerprint(self, h: u64) -> u32 {
        (h as u32) >> self.ordinal_bits
    }

    #[inline]
    pub fn ordinal_mask(self) -> u32 {
        (1u32 << self.ordinal_bits) - 1
    }
}

/// Builds the directory and the entries from `(hash, ordinal)` pairs.
pub fn build(params: IndexParams, keys: &[(u64, u32)]) -> (Vec<u32>, Vec<u32>) {
    let mut items: Vec<(u32, u32)> = keys
        .iter()
        .map(|&(h, ord)| {
            (
                params.bucket(h) as u32,
                (params.fingerprint(h) << params.ordinal_bits) | ord,
            )
        })
        .collect();
    items.sort_unstable();
    let mut dir = vec![0u32; params.buckets() + 1];
    for &(b, _) in &items {
        dir[b as usize + 1] += 1;
    }
    for i in 1..dir.len() {
        dir[i] += dir[i - 1];
    }
    (dir, items.into_iter().map(|(_, e)| e).collect())
}
