//! The binary encoding of one [`Record`] inside a snapshot's record section, and the byte-level helpers every
//! other format module uses (LEB128 varints, zigzag, length-prefixed strings, a bounds-checked reader).
//!
//! ```text
//! record   := varint n_accounts, account × n_accounts,      -- first, so a lookup can confirm a key cheaply
//!             str id, str name, varint n, str alias × n, varint n, str category × n,
//!             u8 flags (1 fictional, 2 certification, 4 note),
//!             [u8 level, u8 score, str number, date issued, date expires]          -- if flag 2
//!             varint n, sanction × n,
//!             varint received, varint upheld, varint rejected, varint pending,
//!             date created, date updated, [str note]                              -- note if flag 4
//! account  := u8 platform code, u8 id_type code, varint tag, [bytes]
//!             tag = len·2: the account id follows (len UTF-8 bytes);
//!             tag = 1: the same account id as the record's first account (a handle reused across platforms —
//!             common enough to save ≈ 10 % of a snapshot); any other odd tag is an error
//! sanction := u8 kind, u8 reason, str authority, str decision, str summary_vi, str summary_en,
//!             date issued, date effective_from, varint until (0 = permanent, else zigzag(day) + 1),
//!             str source_url, varint fine (0 = none, else đồng + 1)
//! str      := varint byte length, UTF-8 bytes
//! date     := zigzag varint of days since 1970-01-01
//! ```
//!
//! Varints are unsigned LEB128 (7 bits per byte, low group first, high bit = more follows; at most 10 bytes for a
//! `u64`); signed values (dates) are zigzag-mapped first (0, −1, 1, −2 … → 0, 1, 2, 3 …) so that small negative
//! numbers stay short. The writer always emits the shortest form. Flag bits other than 1, 2 and 4 must be zero, and
//! a record must use all of its bytes (no trailing bytes).
//!
//! One-byte codes (stable, never renumbered; a new value takes the next free code and is a format version bump,
//! since older readers refuse unknown codes): platforms and id namespaces in [`platform_code`] and
//! [`id_type_code`]; certification levels, sanction kinds and reasons in [`super::model`]
//! ([`CertLevel::code`] and its siblings). All are tabulated in `docs/formats.md`.
//!
//! Accounts come first so that [`record_has_account`] can confirm an index hit by reading a few bytes, without
//! decoding the rest. The decoder is total: any byte string either decodes to a record that passes the same
//! structural rules the builder applied, or returns an error — it never panics and never reads out of bounds.

use crate::platform::{AccountKey, IdType, Platform};
use crate::registry::date::Date;
use crate::registry::model::{
    CertLevel, Certification, ComplaintStats, Record, Sanction, SanctionKind, SanctionReason,
};

/// Stable snapshot byte for a platform (independent of `Platform::ALL` order): Facebook 1, TikTok 2, YouTube 3,
/// Instagram 4, X 5, Threads 6, Shopee 7, Lazada 8, Zalo 9. Part of the format — it is in every account and in the
/// index's key hash — so codes are never reused or renumbered; 0 and 10–255 are unassigned and refused.
pub fn platform_code(p: Platform) -> u8 {
    match p {
        Platform::Facebook => 1,
        Platform::Tiktok => 2,
        Platform::Youtube => 3,
        Platform::Instagram => 4,
        Platform::X => 5,
        Platform::Threads => 6,
        Platform::Shopee => 7,
        Platform::Lazada => 8,
        Platform::Zalo => 9,
    }
}

/// The platform of a snapshot byte; `None` for an unassigned code.
pub fn platform_from_code(c: u8) -> Option<Platform> {
    Platform::ALL.into_iter().find(|p| platform_code(*p) == c)
}

/// Stable snapshot byte for an id namespace: handle 1, username 2, fb_username 3, fb_numeric_id 4, yt_handle 5,
/// yt_custom 6, yt_user 7, yt_channel_id 8, shop_id 9, shop_username 10, shop_slug 11, zalo_phone 12,
/// zalo_oa_id 13. Part of the format like [`platform_code`]; 0 and 14–255 are unassigned and refused.
pub fn id_type_code(t: IdType) -> u8 {
    match t {
        IdType::Handle => 1,
        IdType::Username => 2,
        IdType::FbUsername => 3,
        IdType::FbNumericId => 4,
        IdType::YtHandle => 5,
        IdType::YtCustom => 6,
        IdType::YtUser => 7,
        IdType::YtChannelId => 8,
        IdType::ShopId => 9,
        IdType::ShopUsername => 10,
        IdType::ShopSlug => 11,
        IdType::ZaloPhone => 12,
        IdType::ZaloOaId => 13,
    }
}

/// The id namespace of a snapshot byte; `None` for an unassigned code.
pub fn id_type_from_code(c: u8) -> Option<IdType> {
    IdType::ALL.into_iter().find(|t| id_type_code(*t) == c)
}

/// Appends `v` as an unsigned LEB128 varint (shortest form; the format used for every varint in snapshots and
/// deltas).
pub fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// Zigzag mapping of a signed value to an unsigned one (0 → 0, −1 → 1, 1 → 2, −2 → 3 …).
fn zigzag(v: i64) -> u64 {
    ((v << 1) ^ (v >> 63)) as u64
}

fn unzigzag(v: u64) -> i64 {
    ((v >> 1) as i64) ^ -((v & 1) as i64)
}

/// Appends a string: its UTF-8 byte length as a varint, then the bytes (no terminator).
pub fn put_str(out: &mut Vec<u8>, s: &str) {
    put_varint(out, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

/// Appends a date: zigzag varint of days since 1970-01-01 (Vietnam calendar days, see [`Date`]).
fn put_date(out: &mut Vec<u8>, d: Date) {
    put_varint(out, zigzag(d.0 as i64));
}

/// Why bytes did not decode.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DecodeError(pub &'static str);

/// A bounds-checked cursor over bytes.
pub struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    /// A cursor at the start of `buf`.
    pub fn new(buf: &'a [u8]) -> Self {
        Reader { buf, pos: 0 }
    }

    /// Bytes consumed so far (the offset of the next read in `buf`).
    pub fn position(&self) -> usize {
        self.pos
    }

    /// Whether every byte has been consumed.
    pub fn is_empty(&self) -> bool {
        self.pos >= self.buf.len()
    }

    /// Reads one byte; fails at the end of the buffer.
    #[inline(always)]
    pub fn u8(&mut self) -> Result<u8, DecodeError> {
        let b = *self.buf.get(self.pos).ok_or(DecodeError("unexpected end"))?;
        self.pos += 1;
        Ok(b)
    }

    /// Reads the next `n` bytes as a borrowed slice; fails if fewer than `n` remain.
    #[inline(always)]
    pub fn bytes(&mut self, n: usize) -> Result<&'a [u8], DecodeError> {
        let end = self.pos.checked_add(n).ok_or(DecodeError("length overflow"))?;
        let s = self.buf.get(self.pos..end).ok_or(DecodeError("unexpected end"))?;
        self.pos = end;
        Ok(s)
    }

    /// Reads a little-endian `u32` (4 bytes).
    pub fn u32_le(&mut self) -> Result<u32, DecodeError> {
        Ok(u32::from_le_bytes(self.bytes(4)?.try_into().unwrap_or([0; 4])))
    }

    /// Reads an unsigned LEB128 varint (7 bits per byte, low group first, at most 10 bytes); fails on a value
    /// that does not fit in 64 bits.
    #[inline(always)]
    pub fn varint(&mut self) -> Result<u64, DecodeError> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.u8()?;
            if shift == 63 && b > 1 {
                return Err(DecodeError("varint overflow"));
            }
            v |= ((b & 0x7F) as u64) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(DecodeError("varint overflow"))
    }

    #[inline(always)]
    fn len(&mut self) -> Result<usize, DecodeError> {
        let n = self.varint()?;
        if n > (self.buf.len() - self.pos) as u64 {
            return Err(DecodeError("length past end"));
        }
        Ok(n as usize)
    }

    #[inline(always)]
    fn count(&mut self) -> Result<usize, DecodeError> {
        // Every counted item takes at least one byte, so a count larger than what is left is corrupt.
        self.len()
    }

    /// Reads a string written by [`put_str`]: a varint byte length, then that many bytes of valid UTF-8, borrowed.
    pub fn str(&mut self) -> Result<&'a str, DecodeError> {
        let n = self.len()?;
        std::str::from_utf8(self.bytes(n)?).map_err(|_| DecodeError("invalid UTF-8"))
    }

    fn string(&mut self) -> Result<String, DecodeError> {
        self.str().map(str::to_string)
    }

    fn date(&mut self) -> Result<Date, DecodeError> {
        let v = unzigzag(self.varint()?);
        i32::try_from(v).map(Date).map_err(|_| DecodeError("date out of range"))
    }
}

/// Appends the encoding of `r` to `out`.
pub fn encode_record(r: &Record, out: &mut Vec<u8>) {
    put_varint(out, r.accounts.len() as u64);
    for (k, a) in r.accounts.iter().enumerate() {
        out.push(platform_code(a.platform));
        out.push(id_type_code(a.id_type));
        if k > 0 && a.account_id == r.accounts[0].account_id {
            put_varint(out, 1);
        } else {
            put_varint(out, (a.account_id.len() as u64) << 1);
            out.extend_from_slice(a.account_id.as_bytes());
        }
    }
    put_str(out, &r.id);
    put_str(out, &r.name);
    put_varint(out, r.aliases.len() as u64);
    r.aliases.iter().for_each(|a| put_str(out, a));
    put_varint(out, r.categories.len() as u64);
    r.categories.iter().for_each(|c| put_str(out, c));
    let flags = u8::from(r.fictional) | (u8::from(r.certification.is_some()) << 1) | (u8::from(r.note.is_some()) << 2);
    out.push(flags);
    if let Some(c) = &r.certification {
        out.push(c.level.code());
        out.push(c.score);
        put_str(out, &c.number);
        put_date(out, c.issued);
        put_date(out, c.expires);
    }
    put_varint(out, r.sanctions.len() as u64);
    for s in &r.sanctions {
        out.push(s.kind.code());
        out.push(s.reason.code());
        put_str(out, &s.authority);
        put_str(out, &s.decision);
        put_str(out, &s.summary_vi);
        put_str(out, &s.summary_en);
        put_date(out, s.issued);
        put_date(out, s.effective_from);
        put_varint(out, s.effective_until.map_or(0, |u| zigzag(u.0 as i64) + 1));
        put_str(out, &s.source_url);
        put_varint(out, s.fine_vnd.map_or(0, |f| f.saturating_add(1)));
    }
    let c = r.complaints;
    for v in [c.received, c.upheld, c.rejected, c.pending] {
        put_varint(out, v as u64);
    }
    put_date(out, r.created);
    put_date(out, r.updated);
    if let Some(n) = &r.note {
        put_str(out, n);
    }
}

fn u32_of(v: u64) -> Result<u32, DecodeError> {
    u32::try_from(v).map_err(|_| DecodeError("count out of range"))
}

/// Decodes exactly one record occupying all of `buf`.
pub fn decode_record(buf: &[u8]) -> Result<Record, DecodeError> {
    let mut r = Reader::new(buf);
    let n = r.count()?;
    let mut accounts = Vec::with_capacity(n);
    let mut first = None;
    for _ in 0..n {
        let (p, t, id) = read_account(&mut r, &mut first)?;
        let platform = platform_from_code(p).ok_or(DecodeError("unknown platform code"))?;
        let id_type = id_type_from_code(t).ok_or(DecodeError("unknown id_type code"))?;
        let id = std::str::from_utf8(id).map_err(|_| DecodeError("invalid UTF-8"))?;
        accounts.push(AccountKey::new(platform, id_type, id));
    }
    let id = r.string()?;
    let name = r.string()?;
    let n = r.count()?;
    let aliases = (0..n).map(|_| r.string()).collect::<Result<_, _>>()?;
    let n = r.count()?;
    let categories = (0..n).map(|_| r.string()).collect::<Result<_, _>>()?;
    let flags = r.u8()?;
    if flags & !7 != 0 {
        return Err(DecodeError("unknown record flags"));
    }
    let certification = if flags & 2 != 0 {
        let level = CertLevel::from_code(r.u8()?).ok_or(DecodeError("unknown certification level"))?;
        let score = r.u8()?;
        if score > 100 {
            return Err(DecodeError("score above 100"));
        }
        Some(Certification {
            level,
            score,
            number: r.string()?,
            issued: r.date()?,
            expires: r.date()?,
        })
    } else {
        None
    };
    let n = r.count()?;
    let mut sanctions = Vec::with_capacity(n);
    for _ in 0..n {
        let kind = SanctionKind::from_code(r.u8()?).ok_or(DecodeError("unknown sanction kind"))?;
        let reason = SanctionReason::from_code(r.u8()?).ok_or(DecodeError("unknown sanction reason"))?;
        let authority = r.string()?;
        let decision = r.string()?;
        let summary_vi = r.string()?;
        let summary_en = r.string()?;
        let issued = r.date()?;
        let effective_from = r.date()?;
        let until = r.varint()?;
        let effective_until = if until == 0 {
            None
        } else {
            let v = unzigzag(until - 1);
            Some(Date(i32::try_from(v).map_err(|_| DecodeError("date out of range"))?))
        };
        let source_url = r.string()?;
        let fine = r.varint()?;
        sanctions.push(Sanction {
            kind,
            reason,
            authority,
            decision,
            summary_vi,
            summary_en,
            issued,
            effective_from,
            effective_until,
            source_url,
            fine_vnd: fine.checked_sub(1),
        });
    }
    let complaints = ComplaintStats {
        received: u32_of(r.varint()?)?,
        upheld: u32_of(r.varint()?)?,
        rejected: u32_of(r.varint()?)?,
        pending: u32_of(r.varint()?)?,
    };
    let created = r.date()?;
    let updated = r.date()?;
    let note = if flags & 4 != 0 { Some(r.string()?) } else { None };
    if !r.is_empty() {
        return Err(DecodeError("trailing bytes after record"));
    }
    Ok(Record {
        id,
        name,
        aliases,
        accounts,
        categories,
        certification,
        sanctions,
        complaints,
        created,
        updated,
        fictional: flags & 1 != 0,
        note,
    })
}

/// Reads one account: `(platform code, id_type code, account id bytes)`, resolving a reference to the first.
#[inline(always)]
fn read_account<'a>(r: &mut Reader<'a>, first: &mut Option<&'a [u8]>) -> Result<(u8, u8, &'a [u8]), DecodeError> {
    let p = r.u8()?;
    let t = r.u8()?;
    let tag = r.varint()?;
    let id = if tag & 1 == 1 {
        if tag != 1 {
            return Err(DecodeError("unknown account id reference"));
        }
        first.ok_or(DecodeError("account id refers to a missing first account"))?
    } else {
        let len = tag >> 1;
        if len > r.buf.len().saturating_sub(r.pos) as u64 {
            return Err(DecodeError("length past end"));
        }
        r.bytes(len as usize)?
    };
    first.get_or_insert(id);
    Ok((p, t, id))
}

/// Skips a record's account list (to reach the fields after it).
pub fn skip_accounts(r: &mut Reader<'_>) -> Result<(), DecodeError> {
    let n = r.count()?;
    let mut first = None;
    for _ in 0..n {
        read_account(r, &mut first)?;
    }
    Ok(())
}

/// Whether the record starting at `buf` lists the account `(platform, id_type, account_id)`, reading only its
/// account list.
#[inline(always)]
pub fn record_has_account(buf: &[u8], platform: u8, id_type: u8, account_id: &[u8]) -> Result<bool, DecodeError> {
    let mut r = Reader::new(buf);
    let n = r.count()?;
    let mut first = None;
    for _ in 0..n {
        let (p, t, id) = read_account(&mut r, &mut first)?;
        if p == platform && t == id_type && id == account_id {
            return Ok(true);
        }
    }
    Ok(false)
}
