//! Canonical composition (Unicode NFC), supplied by the host.
//!
//! Account ids with non-ASCII letters (a Vietnamese TikTok handle, a YouTube `@tên`) are compared in NFC, so that
//! "ế" typed as one code point and as "e" + two combining marks is the same id (`recognize::normalize`). NFC needs
//! the Unicode composition tables. Natively they come from the unicode-normalization crate (cargo feature
//! `nfc-tables`, on by default). In WebAssembly those tables would cost ~60 KB gzipped of a 150 KB budget, while the
//! JS engine already has the same function (`String.prototype.normalize`), so the glue (`wasm/src/lib.rs`, `start`)
//! passes it in with [`set_provider`] before any export runs. `wasm/tests/nfc.rs` proves both give the same answers
//! on the shared corpus and on Vietnamese text.
//!
//! Without the feature and without a provider, text passes through unchanged: ids still match when pages and the
//! registry both use the composed form (nearly all real text), and never panic.

use std::sync::RwLock;

/// A function that returns the NFC form of its argument.
pub type NfcFn = fn(&str) -> String;

/// The host's implementation, when it gave one. A lock, not a `OnceLock`, so tests can compare implementations.
static PROVIDER: RwLock<Option<NfcFn>> = RwLock::new(None);

/// Makes `provider` the NFC used by the core from now on (the wasm glue calls it at start).
pub fn set_provider(provider: NfcFn) {
    if let Ok(mut slot) = PROVIDER.write() {
        *slot = Some(provider);
    }
}

/// The NFC form of `s`: the host's provider when set, else the built-in tables (feature `nfc-tables`), else `s`.
pub fn nfc(s: &str) -> String {
    let provider = PROVIDER.read().ok().and_then(|slot| *slot);
    match provider {
        Some(f) => f(s),
        None => builtin(s),
    }
}

/// The unicode-normalization crate's NFC (native builds).
#[cfg(feature = "nfc-tables")]
pub fn builtin(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    s.nfc().collect()
}

/// No tables in this build: the text as it is (see the module docs).
#[cfg(not(feature = "nfc-tables"))]
pub fn builtin(s: &str) -> String {
    s.to_owned()
}

#[cfg(all(test, feature = "nfc-tables"))]
mod tests {
    use super::*;

    #[test]
    fn decomposed_vietnamese_composes() {
        // "Nguyễn" with the circumflex and the tilde as combining marks.
        assert_eq!(nfc("Nguye\u{302}\u{303}n"), "Nguyễn");
        assert_eq!(nfc("ASCII stays"), "ASCII stays");
    }
}
