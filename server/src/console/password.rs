//! Staff passwords: argon2id (RFC 9106) with OWASP's minimum parameters (19 MiB, 2 passes, 1 lane), a 16-byte
//! salt from OS randomness, stored as the PHC string (`$argon2id$v=19$m=19456,t=2,p=1$…`) so the parameters can be
//! raised later without breaking stored hashes. Verification of an unknown user runs against a fixed dummy hash, so
//! the answer takes the same time whether or not the name exists.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};

/// The shortest password accepted (NIST SP 800-63B asks for at least 8; staff accounts hold moderation power).
pub const MIN_LEN: usize = 12;
/// The longest (bounds the hashing work an attacker can ask for).
pub const MAX_LEN: usize = 256;

fn hasher() -> Result<Argon2<'static>, String> {
    let params = Params::new(19_456, 2, 1, None).map_err(|e| e.to_string())?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

/// Whether `password` may be set: its length in characters (a passphrase of any script counts).
pub fn check_policy(password: &str) -> Result<(), String> {
    let n = password.chars().count();
    if n < MIN_LEN {
        return Err(format!(
            "mật khẩu cần ít nhất {MIN_LEN} ký tự / the password needs at least {MIN_LEN} characters"
        ));
    }
    if n > MAX_LEN {
        return Err(format!(
            "mật khẩu dài quá {MAX_LEN} ký tự / the password is over {MAX_LEN} characters"
        ));
    }
    Ok(())
}

/// Hashes a password that passed [`check_policy`].
pub fn hash(password: &str) -> Result<String, String> {
    check_policy(password)?;
    let salt_bytes = crate::datadir::random_bytes::<16>()?;
    let salt = SaltString::encode_b64(&salt_bytes).map_err(|e| e.to_string())?;
    hasher()?
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| e.to_string())
}

/// Whether `password` matches the stored PHC string; `None` (unknown user, or a disabled account's check) still
/// spends the time of one verification.
pub fn verify(password: &str, stored: Option<&str>) -> bool {
    // A valid argon2id hash of a random password nobody knows: same parameters, same cost.
    const DUMMY: &str =
        "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$FmGJ9cDh0vOa5bWmy5ctsmHTrRsX8nJ4oMBvmeC2Pbo";
    let Ok(h) = hasher() else {
        return false;
    };
    let (target, real) = match stored {
        Some(s) => (s, true),
        None => (DUMMY, false),
    };
    let Ok(parsed) = PasswordHash::new(target) else {
        return false;
    };
    let password = if password.len() > MAX_LEN * 4 { "" } else { password };
    h.verify_password(password.as_bytes(), &parsed).is_ok() && real
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_verify_and_differ_by_salt() {
        let a = hash("mật khẩu đủ dài 2026").unwrap();
        let b = hash("mật khẩu đủ dài 2026").unwrap();
        assert!(a.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{a}");
        assert_ne!(a, b);
        assert!(verify("mật khẩu đủ dài 2026", Some(&a)));
        assert!(!verify("mat khau du dai 2026", Some(&a)));
        assert!(!verify("anything", None));
        assert!(!verify("anything", Some("not a hash")));
    }

    #[test]
    fn short_and_huge_passwords_are_refused() {
        assert!(hash("ngắn quá").is_err());
        assert!(check_policy(&"x".repeat(MAX_LEN + 1)).is_err());
        assert!(check_policy("mười hai ký!").is_ok());
    }

    #[test]
    fn the_dummy_hash_is_well_formed() {
        // If it did not parse, an unknown user would be answered faster than a known one.
        assert!(PasswordHash::new(
            "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$FmGJ9cDh0vOa5bWmy5ctsmHTrRsX8nJ4oMBvmeC2Pbo"
        )
        .is_ok());
    }
}
