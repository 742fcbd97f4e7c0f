//! Console sessions and login throttling: the rules, without I/O (the store keeps the facts, `routes::console`
//! applies them).
//!
//! * **Cookie**: `kt_console=<token>`: 32 random bytes (hex), `HttpOnly`, `SameSite=Strict`, `Path=/console`,
//!   `Secure` unless the server listens on loopback and no proxy marked the request `X-Forwarded-Proto: https` (plain `http://127.0.0.1`: the demo and the tests). Only the token's
//!   SHA-256 is stored, so a copy of the database opens no session.
//! * **CSRF**: each session has its own random token, given to the console's script by `GET /console/api/session`
//!   and required in `X-CSRF-Token` on every request that changes anything (synchronizer token), on top of
//!   `SameSite=Strict` and a same-origin `Origin` check.
//! * **Expiry**: idle after [`IDLE_MS`] without a request, ended [`ABSOLUTE_MS`] after login whatever the activity;
//!   a disabled account's sessions are ended at once, and are refused even if a store missed it.
//! * **Throttling**: per account, the first [`FREE_FAILURES`] consecutive failures cost nothing; then each further
//!   attempt waits [`lock_ms`] (30 s, doubling, at most 15 min) after the last failure — refused with 429 and
//!   `Retry-After` *before* the password is checked, so a guessing loop gets about 5 + log₂ tries in 15 minutes and
//!   then one per 15 minutes. Per address, logins share a token bucket ([`LOGIN_PER_MINUTE`]) so one client cannot
//!   spread guesses over many names.

use crate::store::{Session, StaffAccount};
use sha2::{Digest, Sha256};

pub const COOKIE: &str = "kt_console";
/// Idle expiry: 30 minutes.
pub const IDLE_MS: i64 = 30 * 60 * 1000;
/// Absolute expiry: 12 hours (one working day).
pub const ABSOLUTE_MS: i64 = 12 * 60 * 60 * 1000;
/// Activity is written at most once a minute per session.
pub const TOUCH_EVERY_MS: i64 = 60 * 1000;
/// Failed logins in a row before the account is throttled.
pub const FREE_FAILURES: u32 = 5;
/// Login attempts per client address per minute (burst the same).
pub const LOGIN_PER_MINUTE: u32 = 20;

/// Hex of `n` random bytes.
pub fn random_hex<const N: usize>() -> Result<String, String> {
    Ok(crate::datadir::random_bytes::<N>()?
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect())
}

/// What is stored for a cookie token: its SHA-256, hex.
pub fn id_hash(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A new session for `username` at `now_ms`: the cookie's token and the stored session.
pub fn open(username: &str, now_ms: i64) -> Result<(String, Session), String> {
    let token = random_hex::<32>()?;
    let session = Session {
        id_hash: id_hash(&token),
        username: username.to_string(),
        csrf: random_hex::<32>()?,
        created_ms: now_ms,
        seen_ms: now_ms,
        ended_ms: None,
    };
    Ok((token, session))
}

/// Whether a stored session may still be used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Validity {
    Open,
    /// Logged out, or ended by logout everywhere, a new password or disabling.
    Ended,
    /// The account is disabled.
    Disabled,
    /// No request for [`IDLE_MS`].
    Idle,
    /// Older than [`ABSOLUTE_MS`].
    Expired,
}

impl Validity {
    /// Why, for the audit of an expiry the server noticed.
    pub fn as_str(self) -> &'static str {
        match self {
            Validity::Open => "open",
            Validity::Ended => "ended",
            Validity::Disabled => "disabled",
            Validity::Idle => "idle",
            Validity::Expired => "expired",
        }
    }
}

pub fn validity(s: &Session, a: &StaffAccount, now_ms: i64) -> Validity {
    if s.ended_ms.is_some() {
        Validity::Ended
    } else if a.disabled_ms.is_some() {
        Validity::Disabled
    } else if now_ms - s.created_ms >= ABSOLUTE_MS {
        Validity::Expired
    } else if now_ms - s.seen_ms >= IDLE_MS {
        Validity::Idle
    } else {
        Validity::Open
    }
}

/// How long an account with `failures` consecutive failures waits after its last failure: 0 for the first
/// [`FREE_FAILURES`], then 30 s doubling per failure, at most 15 minutes.
pub fn lock_ms(failures: u32) -> i64 {
    if failures < FREE_FAILURES {
        return 0;
    }
    let doublings = (failures - FREE_FAILURES).min(5);
    (30_000i64 << doublings).min(15 * 60 * 1000)
}

/// Milliseconds until `a` may try again (`None`: now).
pub fn locked_for(a: &StaffAccount, now_ms: i64) -> Option<i64> {
    let until = a.last_failed_ms + lock_ms(a.failed_logins);
    (until > now_ms).then_some(until - now_ms)
}

/// The `Set-Cookie` value that opens a session (expires with the browser or the absolute expiry, whichever first).
pub fn set_cookie(token: &str, secure: bool) -> String {
    format!(
        "{COOKIE}={token}; Path=/console; HttpOnly; SameSite=Strict; Max-Age={}{}",
        ABSOLUTE_MS / 1000,
        if secure { "; Secure" } else { "" }
    )
}

/// The `Set-Cookie` value that removes it.
pub fn clear_cookie(secure: bool) -> String {
    format!(
        "{COOKIE}=; Path=/console; HttpOnly; SameSite=Strict; Max-Age=0{}",
        if secure { "; Secure" } else { "" }
    )
}

/// The session token among a request's `Cookie` headers.
pub fn token_from<'a>(cookie_headers: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    cookie_headers
        .flat_map(|h| h.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, v)| *k == COOKIE && v.len() == 64 && v.bytes().all(|b| b.is_ascii_hexdigit()))
        .map(|(_, v)| v)
}

/// Constant-time comparison (CSRF tokens).
pub fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn account() -> StaffAccount {
        StaffAccount {
            username: "mod.lan".into(),
            display_name: "Lan".into(),
            roles: vec![crate::roles::Role::Moderator],
            password_hash: String::new(),
            created_ms: 0,
            disabled_ms: None,
            failed_logins: 0,
            last_failed_ms: 0,
        }
    }

    #[test]
    fn sessions_expire_when_idle_and_absolutely_and_end_with_the_account() {
        let (token, s) = open("mod.lan", 1_000).unwrap();
        assert_eq!(token.len(), 64);
        assert_eq!(s.id_hash, id_hash(&token));
        assert_ne!(s.csrf, token);
        let a = account();
        assert_eq!(validity(&s, &a, 1_000 + IDLE_MS - 1), Validity::Open);
        assert_eq!(validity(&s, &a, 1_000 + IDLE_MS), Validity::Idle);
        let busy = Session {
            seen_ms: 1_000 + ABSOLUTE_MS - 10,
            ..s.clone()
        };
        assert_eq!(
            validity(&busy, &a, 1_000 + ABSOLUTE_MS),
            Validity::Expired,
            "activity does not extend it"
        );
        let disabled = StaffAccount {
            disabled_ms: Some(5),
            ..a.clone()
        };
        assert_eq!(validity(&s, &disabled, 2_000), Validity::Disabled);
        let ended = Session {
            ended_ms: Some(1_500),
            ..s
        };
        assert_eq!(validity(&ended, &a, 2_000), Validity::Ended);
    }

    #[test]
    fn throttling_starts_after_five_failures_and_doubles_to_a_cap() {
        assert_eq!(lock_ms(4), 0);
        assert_eq!(lock_ms(5), 30_000);
        assert_eq!(lock_ms(6), 60_000);
        assert_eq!(lock_ms(50), 15 * 60 * 1000);
        let a = StaffAccount {
            failed_logins: 5,
            last_failed_ms: 10_000,
            ..account()
        };
        assert_eq!(locked_for(&a, 20_000), Some(20_000));
        assert_eq!(locked_for(&a, 40_000), None);
    }

    #[test]
    fn the_cookie_is_read_strictly() {
        let t = "a".repeat(64);
        let h = format!("other=1; {COOKIE}={t}");
        assert_eq!(token_from([h.as_str()].into_iter()), Some(t.as_str()));
        assert_eq!(token_from(["kt_console=short"].into_iter()), None);
        assert!(set_cookie(&t, true).contains("HttpOnly; SameSite=Strict"));
        assert!(set_cookie(&t, true).ends_with("; Secure"));
        assert!(!clear_cookie(false).contains("Secure"));
        assert!(same("abc", "abc") && !same("abc", "abd") && !same("abc", "ab"));
    }
}
