//! Account identifiers in canonical form: percent-decoded, NFC, lower-cased with full Unicode rules (except ids
//! that are case-sensitive, such as YouTube `UC…` channel ids), and checked against the characters the site allows.
//!
//! This is the only place recognition allocates: one `String` for the returned id. ASCII ids (nearly all of them)
//! take a fast path: one validation pass, one lower-casing copy. Only ids that contain non-ASCII text go through
//! NFC (`unicode-normalization`) and `str::to_lowercase`.
//!
//! Cost of NFC: `unicode-normalization`'s composition, decomposition and combining-class tables weigh about 125 KB
//! of WebAssembly, 62 KB gzipped (measured on a minimal cdylib, `opt-level = "z"`, LTO), which is 40% of the whole
//! 150 KB budget. So NFC has two implementations of the same Unicode algorithm: natively (CLI, server, registry
//! tooling) the crate, and in wasm32 the JS engine's `String.prototype.normalize("NFC")` through `js-sys` (ICU in
//! V8 and SpiderMonkey), which costs a few hundred bytes of glue. Both run only on the non-ASCII branch.
//! NFC is needed: non-Latin ids are real (Korean, Japanese, Cyrillic, Vietnamese YouTube handles and custom
//! names), and pasted text arrives both composed and decomposed, so without NFC the same Vietnamese handle would be
//! two keys.
//!
//! Validation rejects what cannot be an id of the site (`x.com/foo.json`, `instagram.com/a b`), so that such paths
//! answer "no account" instead of inventing one. It is deliberately a little looser than the sites' current rules
//! (legacy accounts predate them); a well-formed id that names nobody is harmless, since it matches no registry
//! entry.

use super::url::percent_decode;

/// Which characters an id may contain.
#[derive(Clone, Copy, Debug)]
pub(crate) struct IdRules {
    /// ASCII punctuation allowed besides letters and digits.
    pub punct: &'static [u8],
    /// Whether non-ASCII letters are allowed (YouTube handles and custom names, Facebook legacy names).
    pub unicode: bool,
    /// Maximum length in bytes after decoding (UTF-8 bytes for non-ASCII ids).
    pub max_len: usize,
    /// Keep case (YouTube `UC…` channel ids are case-sensitive).
    pub keep_case: bool,
    /// Only ASCII digits (numeric ids, phone numbers).
    pub digits_only: bool,
}

impl IdRules {
    const fn ascii(punct: &'static [u8], max_len: usize) -> Self {
        IdRules {
            punct,
            unicode: false,
            max_len,
            keep_case: false,
            digits_only: false,
        }
    }
}

/// X handles: letters, digits, `_` (15 today; legacy ones up to 20).
pub(crate) const X_HANDLE: IdRules = IdRules::ascii(b"_", 20);
/// TikTok handles: letters, digits, `_`, `.`.
pub(crate) const TIKTOK_HANDLE: IdRules = IdRules::ascii(b"_.", 32);
/// Instagram and Threads usernames: letters, digits, `_`, `.`, at most 30.
pub(crate) const INSTAGRAM_USERNAME: IdRules = IdRules::ascii(b"_.", 30);
/// Facebook usernames: letters, digits, `.` (legacy pages also have `-` and `_`).
pub(crate) const FB_USERNAME: IdRules = IdRules::ascii(b".-_", 64);
/// YouTube handles and legacy custom names: any script, plus `_`, `-`, `.`, `·`.
pub(crate) const YT_NAME: IdRules = IdRules {
    punct: b"_-.",
    unicode: true,
    max_len: 128,
    keep_case: false,
    digits_only: false,
};
/// Shopee shop usernames.
pub(crate) const SHOP_USERNAME: IdRules = IdRules::ascii(b"_.", 64);
/// Lazada shop slugs.
pub(crate) const SHOP_SLUG: IdRules = IdRules::ascii(b"-_.", 128);
/// Numeric ids (Facebook, Shopee) and phone numbers.
pub(crate) const DIGITS: IdRules = IdRules {
    punct: b"",
    unicode: false,
    max_len: 24,
    keep_case: true,
    digits_only: true,
};

/// Turns a raw (possibly percent-encoded) identifier into its canonical form, or `None` when it is not a valid id
/// under `rules`. A leading `@` must already be removed by the caller (its meaning is site-specific).
pub(crate) fn account_id(raw: &str, rules: IdRules) -> Option<String> {
    let decoded = percent_decode(raw, false)?;
    canonical_id(&decoded, rules)
}

/// Like [`account_id`] for text that is already decoded (page signals, registry input).
pub(crate) fn canonical_id(s: &str, rules: IdRules) -> Option<String> {
    if s.is_empty() || s.len() > rules.max_len * 3 {
        return None;
    }
    if s.is_ascii() {
        // Fast path: validate and fold in one pass over bytes.
        if s.len() > rules.max_len {
            return None;
        }
        let valid = s.bytes().all(|c| {
            if rules.digits_only {
                c.is_ascii_digit()
            } else {
                c.is_ascii_alphanumeric() || rules.punct.contains(&c)
            }
        });
        if !valid {
            return None;
        }
        return Some(if rules.keep_case {
            s.to_owned()
        } else {
            s.to_ascii_lowercase()
        });
    }
    if !rules.unicode {
        return None;
    }
    // Lower-case first, then compose: composition is the last step, so the result is NFC whatever the input.
    let folded = if rules.keep_case {
        crate::text::unicode::nfc(s)
    } else {
        crate::text::unicode::nfc(&crate::text::unicode::lowercase(s))
    };
    if folded.len() > rules.max_len || !folded.chars().all(|c| allowed_char(c, rules)) {
        return None;
    }
    Some(folded)
}

fn allowed_char(c: char, rules: IdRules) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || rules.punct.contains(&(c as u8));
    }
    // Letters and digits of any script, combining marks that did not compose (Indic vowel signs…), and the middle
    // dot YouTube allows. Spaces, controls and punctuation blocks are out.
    !(c.is_whitespace()
        || c.is_control()
        || ('\u{2000}'..='\u{206F}').contains(&c)
        || ('\u{3000}'..='\u{303F}').contains(&c)
        || ('\u{FF00}'..='\u{FF0F}').contains(&c)
        || ('\u{FE30}'..='\u{FE4F}').contains(&c)
        || ('\u{E000}'..='\u{F8FF}').contains(&c)
        || c == '\u{FFFD}'
        || crate::text::unicode::is_invisible(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_ids_are_folded_and_validated() {
        assert_eq!(account_id("Jack", X_HANDLE).as_deref(), Some("jack"));
        assert_eq!(account_id("jack.json", X_HANDLE), None);
        assert_eq!(account_id("", X_HANDLE), None);
        assert_eq!(account_id("a".repeat(21).as_str(), X_HANDLE), None);
        assert_eq!(account_id("12a", DIGITS), None);
        assert_eq!(account_id("0961565495", DIGITS).as_deref(), Some("0961565495"));
    }

    #[test]
    fn unicode_ids_are_nfc_and_lowercase() {
        assert_eq!(
            account_id("%EC%9C%BC%EC%95%84-v1k", YT_NAME).as_deref(),
            Some("으아-v1k")
        );
        assert_eq!(account_id("ИгорьКлейнер", YT_NAME).as_deref(), Some("игорьклейнер"));
        // Decomposed Vietnamese ("e" + circumflex + tilde) composes to the precomposed letter.
        assert_eq!(account_id("Nguye\u{302}\u{303}n", YT_NAME).as_deref(), Some("nguyễn"));
        assert_eq!(account_id("a b", YT_NAME), None);
        assert_eq!(account_id("ИгорьКлейнер", X_HANDLE), None);
        assert_eq!(account_id("%FF", YT_NAME), None);
    }
}
