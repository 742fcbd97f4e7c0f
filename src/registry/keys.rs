//! Signing keys: key ids, the pinned [`KeySet`], hex forms.
//!
//! A snapshot (and a delta) names the key that signed it by an 8-byte **key id** = the first 8 bytes of
//! `SHA-256("koltrust-registry-key/v1" ‖ public key)`. The reader looks the id up in a small set of pinned public
//! keys ([`KeySet`]): rotating keys means publishing snapshots under a new key id after a release that pins both the
//! old and the new key; dropping a key from the set retires it. An id that is not pinned is rejected before any
//! other work, and the signature is always checked against the pinned key, never against a key carried in the file.
//!
//! Private keys are made only by the CLI (`koltrust registry keygen`, OS randomness); the core signs with a key it is
//! given and never needs a random number generator, which keeps it free of `getrandom` on wasm32.

use ed25519_dalek::VerifyingKey;
use sha2::{Digest, Sha256};
use std::fmt;

pub use ed25519_dalek::SigningKey;

/// The 8-byte id of a public key, as stored at offset 16 of every snapshot and delta and in the manifest (16 hex
/// digits). 64 bits are plenty to tell apart the handful of keys a reader pins; the id only *selects* a pinned key,
/// and the signature is then checked against that key, so a colliding id cannot make a forgery verify.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct KeyId(pub [u8; 8]);

impl KeyId {
    /// The id of a 32-byte Ed25519 public key: the first 8 bytes of
    /// `SHA-256("koltrust-registry-key/v1" ‖ public key)`.
    ///
    /// The ASCII prefix `koltrust-registry-key/v1` (24 bytes, no terminator) is a domain-separation string: it makes
    /// the id a hash *for this purpose only*, so it cannot be mistaken for (or made to coincide with) a SHA-256 of
    /// the same key computed by any other protocol or tool, and the `/v1` lets a future derivation coexist. Part of
    /// the formats: changing it changes every key id, i.e. every snapshot, delta and manifest
    /// (`tests/registry_golden.rs` pins one id).
    pub fn of(public_key: &[u8; 32]) -> KeyId {
        let mut h = Sha256::new();
        h.update(b"koltrust-registry-key/v1");
        h.update(public_key);
        let d = h.finalize();
        let mut id = [0u8; 8];
        id.copy_from_slice(&d[..8]);
        KeyId(id)
    }
}

impl fmt::Display for KeyId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&to_hex(&self.0))
    }
}

/// Lowercase hex (the form of key ids, SHA-256 sums and signatures in the manifest and the CLI).
pub fn to_hex(bytes: &[u8]) -> String {
    const H: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(H[(b >> 4) as usize] as char);
        s.push(H[(b & 15) as usize] as char);
    }
    s
}

/// Parses exactly `N` bytes of hex (either case, surrounding whitespace ignored).
pub fn from_hex<const N: usize>(s: &str) -> Option<[u8; N]> {
    let s = s.trim().as_bytes();
    if s.len() != 2 * N {
        return None;
    }
    let nib = |c: u8| (c as char).to_digit(16).map(|d| d as u8);
    let mut out = [0u8; N];
    for (i, o) in out.iter_mut().enumerate() {
        *o = nib(s[2 * i])? << 4 | nib(s[2 * i + 1])?;
    }
    Some(out)
}

/// The public keys a reader trusts.
#[derive(Clone, Debug, Default)]
pub struct KeySet {
    keys: Vec<(KeyId, VerifyingKey)>,
}

impl KeySet {
    /// An empty set: it trusts no key, so every signed file is refused until a key is added.
    pub fn new() -> KeySet {
        KeySet::default()
    }

    /// Pins a 32-byte Ed25519 public key; returns its id, or `None` if the bytes are not a valid public key.
    pub fn add(&mut self, public_key: [u8; 32]) -> Option<KeyId> {
        let vk = VerifyingKey::from_bytes(&public_key).ok()?;
        let id = KeyId::of(&public_key);
        if self.get(id).is_none() {
            self.keys.push((id, vk));
        }
        Some(id)
    }

    /// Pins a public key given in hex.
    pub fn add_hex(&mut self, hex: &str) -> Option<KeyId> {
        self.add(from_hex::<32>(hex)?)
    }

    /// A set holding one key.
    pub fn single(public_key: [u8; 32]) -> Option<KeySet> {
        let mut s = KeySet::new();
        s.add(public_key)?;
        Some(s)
    }

    /// The pinned public key with this id; `None` if the id names no trusted key.
    pub fn get(&self, id: KeyId) -> Option<&VerifyingKey> {
        self.keys.iter().find(|(k, _)| *k == id).map(|(_, v)| v)
    }

    /// The ids of every pinned key, in the order they were added.
    pub fn ids(&self) -> impl Iterator<Item = KeyId> + '_ {
        self.keys.iter().map(|(k, _)| *k)
    }
}

/// The key id of a signing key.
pub fn signing_key_id(key: &SigningKey) -> KeyId {
    KeyId::of(key.verifying_key().as_bytes())
}

/// The text of a private key file (`koltrust registry keygen`, a server's `registry.key`): a comment line, then the
/// Ed25519 seed in hex. One format, written and read only through [`private_key_file`] and [`parse_private_key_file`].
pub fn private_key_file(seed: &[u8; 32]) -> String {
    format!(
        "# koltrust registry private key (Ed25519 seed). Keep secret; never commit.\n{}\n",
        to_hex(seed)
    )
}

/// Reads a private key file: the first line that is neither a comment nor blank must be 64 hex characters.
pub fn parse_private_key_file(text: &str) -> Option<SigningKey> {
    text.lines()
        .find(|l| !l.starts_with('#') && !l.trim().is_empty())
        .and_then(from_hex::<32>)
        .map(|seed| SigningKey::from_bytes(&seed))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn private_key_files_round_trip_and_refuse_what_is_not_a_key() {
        let seed = [7u8; 32];
        let text = private_key_file(&seed);
        assert!(text.starts_with("# koltrust registry private key"));
        assert_eq!(parse_private_key_file(&text).unwrap().to_bytes(), seed);
        // Comments and blank lines before the seed are skipped; anything else is refused.
        assert!(parse_private_key_file(&format!("# note\n\n{}", to_hex(&seed))).is_some());
        assert!(parse_private_key_file("# only a comment\n").is_none());
        assert!(parse_private_key_file("not hex at all\n").is_none());
        assert!(parse_private_key_file(&to_hex(&seed[..31])).is_none());
    }
}
