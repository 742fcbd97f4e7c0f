//! The two Unicode operations that need large tables — canonical composition (NFC) and full lower-casing — supplied
//! by the host.
//!
//! Account ids with non-ASCII letters (a Vietnamese TikTok handle, a YouTube `@tên`) are compared lower-cased and in
//! NFC, so that "Ế" and "ế", typed as one code point or as "e" + two combining marks, are the same id
//! (`recognize::normalize`); hosts and accent checks lower-case too. Both operations need Unicode tables. Natively
//! they come from the unicode-normalization crate and the standard library (cargo feature `unicode-tables`, on by
//! default). In WebAssembly those tables would cost several KB gzipped of a 150 KB budget, while the JS engine has
//! the same functions (`String.prototype.normalize("NFC")`, `String.prototype.toLowerCase()`, both locale-free), so
//! the glue (`wasm/src/lib.rs`, `start`) passes them in with [`set_host`] before any export runs.
//! `wasm/tests/unicode_host.rs` proves both implementations give the same answers on the shared corpus and on
//! Vietnamese text.
//!
//! Without the feature and without a host, NFC leaves text as it is and lower-casing covers ASCII only: ids still
//! match when pages and the registry agree on the form (nearly all real text), and nothing panics.

use std::sync::RwLock;

/// A host's implementation of the two operations.
#[derive(Clone, Copy, Debug)]
pub struct UnicodeHost {
    /// Returns the NFC form of its argument.
    pub nfc: fn(&str) -> String,
    /// Returns its argument lower-cased with Unicode's default (locale-independent) case mapping.
    pub lowercase: fn(&str) -> String,
}

/// The host's implementation, when it gave one. A lock, not a `OnceLock`, so tests can compare implementations.
static HOST: RwLock<Option<UnicodeHost>> = RwLock::new(None);

/// Makes `host` the implementation the core uses from now on (the wasm glue calls it at start).
pub fn set_host(host: UnicodeHost) {
    if let Ok(mut slot) = HOST.write() {
        *slot = Some(host);
    }
}

fn host() -> Option<UnicodeHost> {
    HOST.read().ok().and_then(|slot| *slot)
}

/// The NFC form of `s`: the host's when set, else the built-in tables (feature `unicode-tables`), else `s`.
pub fn nfc(s: &str) -> String {
    match host() {
        Some(h) => (h.nfc)(s),
        None => BUILTIN.nfc_of(s),
    }
}

/// `s` lower-cased: the host's when set, else the standard library's (feature `unicode-tables`), else ASCII only.
pub fn lowercase(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    match host() {
        Some(h) => (h.lowercase)(s),
        None => BUILTIN.lowercase_of(s),
    }
}

/// The implementation compiled into this build.
pub const BUILTIN: Builtin = Builtin;

/// The built-in implementation: full tables with the `unicode-tables` feature, the fallbacks without.
#[derive(Clone, Copy, Debug)]
pub struct Builtin;

#[cfg(feature = "unicode-tables")]
impl Builtin {
    /// NFC by the unicode-normalization crate.
    pub fn nfc_of(self, s: &str) -> String {
        use unicode_normalization::UnicodeNormalization;
        s.nfc().collect()
    }
    /// Lower-casing by the standard library.
    pub fn lowercase_of(self, s: &str) -> String {
        s.to_lowercase()
    }
}

#[cfg(not(feature = "unicode-tables"))]
impl Builtin {
    /// No tables in this build: the text as it is (see the module docs).
    pub fn nfc_of(self, s: &str) -> String {
        s.to_owned()
    }
    /// No tables in this build: ASCII letters only (see the module docs).
    pub fn lowercase_of(self, s: &str) -> String {
        s.to_ascii_lowercase()
    }
}

/// Characters that draw nothing or reorder what is drawn: bidirectional controls (U+202A–202E, U+2066–2069, LRM,
/// RLM, ALM), zero-width and joiner characters, soft hyphen, variation selectors, fillers, tags. An account id
/// holding one can look exactly like another id (or be printed reversed to a moderator), so ids never hold them.
/// A fixed list (no tables): the characters Unicode marks `Default_Ignorable_Code_Point` plus the bidi controls.
pub fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
        | '\u{180B}'..='\u{180F}'
        | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}'
        | '\u{3164}'
        | '\u{FE00}'..='\u{FE0F}'
        | '\u{FEFF}'
        | '\u{FFA0}'
        | '\u{FFF0}'..='\u{FFF8}'
        | '\u{1BCA0}'..='\u{1BCA3}'
        | '\u{1D173}'..='\u{1D17A}'
        | '\u{E0000}'..='\u{E0FFF}')
}

#[cfg(all(test, feature = "unicode-tables"))]
mod tests {
    use super::*;

    #[test]
    fn decomposed_vietnamese_composes_and_lowercases() {
        // "Nguyễn" with the circumflex and the tilde as combining marks.
        assert_eq!(nfc("Nguye\u{302}\u{303}n"), "Nguyễn");
        assert_eq!(lowercase("NGUYỄN ĐỨC"), "nguyễn đức");
        assert_eq!(nfc("ASCII stays"), "ASCII stays");
    }

    #[test]
    fn bidi_controls_and_zero_width_characters_are_invisible() {
        for c in [
            '\u{202E}',
            '\u{202A}',
            '\u{2066}',
            '\u{200B}',
            '\u{200D}',
            '\u{200E}',
            '\u{FEFF}',
            '\u{00AD}',
            '\u{E0041}',
        ] {
            assert!(is_invisible(c), "{:04X}", c as u32);
        }
        for c in ['a', 'ế', 'Đ', '·', '_', '.', 'ก', '中'] {
            assert!(!is_invisible(c), "{c}");
        }
    }
}
