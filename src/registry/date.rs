//! Calendar dates for the registry, without a date library.
//!
//! Every date in the registry (certificate validity, sanction periods, record timestamps) is a *calendar day in
//! Vietnam time* (ICT, UTC+7, no daylight saving), because that is the calendar the issuing authorities write their
//! decisions in. A [`Date`] is the number of days since 1970-01-01; it formats and parses as ISO `yyyy-mm-dd`.
//! A point in time (`now`, snapshot issue/expiry) is Unix seconds and becomes a day with [`Date::from_unix_vn`].
//!
//! Why not `chrono`/`time`: the wasm reader only needs "which day is it in Hà Nội" and a comparison; the civil
//! calendar conversion below (Howard Hinnant's days-from-civil algorithm) is a few dozen instructions and no bytes
//! of timezone data.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// Offset of Vietnam time from UTC, in seconds (UTC+7; Vietnam has no daylight saving). It turns a snapshot's
/// `issued` Unix time into the day its badge words are computed for, so it is part of the snapshot format's meaning:
/// a different offset would change badge words and therefore the bytes.
pub const VN_UTC_OFFSET_SECS: i64 = 7 * 3600;

/// A calendar day (Vietnam time), counted in days since 1970-01-01.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub i32);

impl Date {
    /// The day a Unix time falls on in Vietnam time.
    pub fn from_unix_vn(secs: i64) -> Date {
        Date((secs + VN_UTC_OFFSET_SECS).div_euclid(86_400) as i32)
    }

    /// Unix seconds of 00:00 Vietnam time on this day.
    pub fn start_unix_vn(self) -> i64 {
        self.0 as i64 * 86_400 - VN_UTC_OFFSET_SECS
    }

    /// The day from a civil year, month (1–12) and day (1–31). `None` if the day does not exist.
    pub fn from_ymd(y: i32, m: u32, d: u32) -> Option<Date> {
        if !(1..=12).contains(&m) || d == 0 || d > days_in_month(y, m) || !(1..=9999).contains(&y) {
            return None;
        }
        let y = if m <= 2 { y - 1 } else { y } as i64;
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (m as i64 + 9) % 12;
        let doy = (153 * mp + 2) / 5 + d as i64 - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        Some(Date((era * 146_097 + doe - 719_468) as i32))
    }

    /// `(year, month, day)`.
    pub fn ymd(self) -> (i32, u32, u32) {
        let z = self.0 as i64 + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let y = (yoe + era * 400) as i32 + i32::from(m <= 2);
        (y, m, d)
    }

    /// Parses exactly `yyyy-mm-dd`.
    pub fn parse(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let num = |r: std::ops::Range<usize>| -> Option<u32> {
            b[r].iter()
                .try_fold(0u32, |acc, &c| c.is_ascii_digit().then(|| acc * 10 + (c - b'0') as u32))
        };
        Date::from_ymd(num(0..4)? as i32, num(5..7)?, num(8..10)?)
    }

    /// The day `n` days later (earlier if `n` is negative); saturates instead of overflowing.
    pub fn add_days(self, n: i32) -> Date {
        Date(self.0.saturating_add(n))
    }
}

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        4 | 6 | 9 | 11 => 30,
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        let s = String::deserialize(d)?;
        Date::parse(&s).ok_or_else(|| serde::de::Error::custom(format!("not a date yyyy-mm-dd: {s:?}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_round_trip_and_known_days() {
        assert_eq!(Date::parse("1970-01-01"), Some(Date(0)));
        assert_eq!(Date::parse("2000-03-01").unwrap().0, 11_017);
        for n in (-719_162..2_932_896).step_by(997) {
            let d = Date(n);
            assert_eq!(Date::parse(&d.to_string()), Some(d), "{n}");
        }
        assert_eq!(Date::parse("2024-02-29").unwrap().to_string(), "2024-02-29");
    }

    #[test]
    fn rejects_impossible_dates() {
        for s in [
            "2023-02-29",
            "2024-13-01",
            "2024-00-10",
            "2024-04-31",
            "24-01-01",
            "2024/01/01",
            "2024-01-1x",
            "",
        ] {
            assert_eq!(Date::parse(s), None, "{s}");
        }
    }

    #[test]
    fn unix_times_fall_on_vietnam_days() {
        let d = Date::parse("2025-06-01").unwrap();
        // 2025-05-31T17:00:00Z is 00:00 on 1 June in Hà Nội; one second earlier is still 31 May.
        assert_eq!(Date::from_unix_vn(d.start_unix_vn()), d);
        assert_eq!(Date::from_unix_vn(d.start_unix_vn() - 1), d.add_days(-1));
        assert_eq!(d.start_unix_vn(), 1_748_710_800);
    }
}
