//! Status at a given day: what the badge says about a record.
//!
//! Precedence (`docs/data-model.md`, "Status at time t"): **sanctioned** (a sanction in effect that day) ›
//! **certified** (a certificate valid that day) › **certificate expired** (had a certificate whose validity has ended)
//! › **registered** (known, none of the above). Accounts the registry does not know are *unknown* and have no
//! [`TrustState`] at all.
//!
//! Boundaries, all in Vietnam calendar days ([`Date`]):
//! - a certificate is valid on `issued ≤ d < expires` (the `expires` day itself is the first day it is not valid);
//!   before `issued` a not-yet-valid certificate counts as nothing (registered);
//! - a sanction is in effect on `effective_from ≤ d ≤ effective_until` (both inclusive), or from `effective_from`
//!   on for ever when `effective_until` is absent. A sanction that has ended no longer makes the badge
//!   "sanctioned", but stays on the card under past sanctions.
//!
//! Because the state only changes on a few days, the snapshot stores for every record the state on the snapshot's
//! issue day and the first later day on which it can change ([`BadgeWord`]); a lookup on any day in that window
//! needs no record decode. Outside it (a stale snapshot, a skewed clock) the reader decodes the record and calls
//! [`state_at`], so the answer is exact either way.

use crate::registry::date::Date;
use crate::registry::model::Record;
use serde::Serialize;

/// The trust state a badge shows. Unknown accounts have no state and get no badge by default.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum TrustState {
    /// At least one sanction is in effect.
    Sanctioned,
    /// A valid certificate with its 0–100 trust score.
    Certified {
        /// The certificate's trust score, 0–100.
        score: u8,
    },
    /// Was certified; the certificate has lapsed.
    CertificateExpired,
    /// Known to the registry, not certified.
    Registered,
    /// Not in the registry, but its name is one deceptive edit away from a registered account's
    /// (see `registry::lookalike`). Ranked below every registered state.
    Lookalike,
}

impl TrustState {
    /// Stable machine name, used by the content script to pick the style.
    pub fn code(self) -> &'static str {
        match self {
            TrustState::Sanctioned => "sanctioned",
            TrustState::Certified { .. } => "certified",
            TrustState::CertificateExpired => "expired",
            TrustState::Registered => "registered",
            TrustState::Lookalike => "lookalike",
        }
    }
}

/// The state of `record` on `day`.
pub fn state_at(record: &Record, day: Date) -> TrustState {
    if record.sanctions.iter().any(|s| s.is_active_on(day)) {
        return TrustState::Sanctioned;
    }
    match &record.certification {
        Some(c) if c.is_valid_on(day) => TrustState::Certified { score: c.score },
        Some(c) if day >= c.expires => TrustState::CertificateExpired,
        _ => TrustState::Registered,
    }
}

/// The first day after `day` on which [`state_at`] may differ, or `None` if it never changes again.
pub fn next_change_after(record: &Record, day: Date) -> Option<Date> {
    let mut days = Vec::with_capacity(2 + 2 * record.sanctions.len());
    if let Some(c) = &record.certification {
        days.extend([c.issued, c.expires]);
    }
    for s in &record.sanctions {
        days.push(s.effective_from);
        if let Some(u) = s.effective_until {
            days.push(u.add_days(1));
        }
    }
    days.into_iter().filter(|d| *d > day).min()
}

/// The packed per-record badge answer stored in the snapshot's badge section (one little-endian `u32`):
///
/// | bits | meaning |
/// | --- | --- |
/// | 0–1 | state on the snapshot's issue day: 0 registered, 1 certified, 2 certificate expired, 3 sanctioned |
/// | 2–8 | score (certified only) |
/// | 9–15 | zero |
/// | 16–31 | first day (days since 1970) the state may change; `0xFFFF` = not before 2149 |
///
/// "Days" are Vietnam calendar days ([`Date`]); the issue day is the day of the snapshot's `issued` time. The score
/// takes 7 bits (0–127) although scores stop at 100; bits 9–15 are reserved for a future format version and must be
/// zero ([`BadgeWord::is_well_formed`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BadgeWord(pub u32);

impl BadgeWord {
    /// The change-day value (bits 16–31) meaning "the state does not change while this snapshot can be in use": the
    /// next change is never, or on day 65 535 (2149-06-06) or later, beyond any snapshot's life. A real change day
    /// is always below it (days since 1970 fit 16 bits until 2149).
    pub const NO_CHANGE: u16 = 0xFFFF;

    /// Packs the state of `record` on `issue_day` and the first later day it may change (or [`Self::NO_CHANGE`]).
    pub fn for_record(record: &Record, issue_day: Date) -> BadgeWord {
        let (code, score) = match state_at(record, issue_day) {
            // `state_at` never answers Lookalike (only unknown accounts can be lookalikes).
            TrustState::Registered | TrustState::Lookalike => (0, 0),
            TrustState::Certified { score } => (1, score.min(127) as u32),
            TrustState::CertificateExpired => (2, 0),
            TrustState::Sanctioned => (3, 0),
        };
        let until = match next_change_after(record, issue_day) {
            Some(d) if d.0 >= 0 && d.0 < BadgeWord::NO_CHANGE as i32 => d.0 as u32,
            // A change before 1970 cannot follow an issue day; one after 2149 is beyond any snapshot's life.
            _ => BadgeWord::NO_CHANGE as u32,
        };
        BadgeWord(code | (score << 2) | (until << 16))
    }

    /// The state, if `day` lies in `[issue_day, change day)`; `None` means "decode the record".
    #[inline(always)]
    pub fn state_on(self, issue_day: Date, day: Date) -> Option<TrustState> {
        let until = self.0 >> 16;
        if day < issue_day || (until != BadgeWord::NO_CHANGE as u32 && day.0 >= until as i32) {
            return None;
        }
        Some(match self.0 & 3 {
            0 => TrustState::Registered,
            1 => TrustState::Certified {
                score: ((self.0 >> 2) & 0x7F) as u8,
            },
            2 => TrustState::CertificateExpired,
            _ => TrustState::Sanctioned,
        })
    }

    /// Whether the word is well-formed (reserved bits zero, score ≤ 100).
    pub fn is_well_formed(self) -> bool {
        self.0 & 0xFE00 == 0 && (self.0 >> 2) & 0x7F <= 100
    }
}
