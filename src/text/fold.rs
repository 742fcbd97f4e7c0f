//! Folding: Vietnamese (and English) text → a lower-case ASCII byte stream the phrase matcher reads, with a map
//! from every folded byte back to the original text's bytes.
//!
//! ## What folds to what
//! | original | folded | why |
//! | --- | --- | --- |
//! | ASCII letters | lower case | case-insensitive matching |
//! | Vietnamese letters with tone or vowel marks (`ả ấ ơ ư ự …`, upper and lower) and `đ/Đ` | the base letter (`a o u d`) | "quảng cáo", "QUẢNG CÁO", "quang cao" and "Quảng Cáo" are the same phrase to a reader |
//! | other Latin-1 letters (`é ñ ü ø ß …`) | the base letter | cheap, and harmless |
//! | combining marks U+0300–U+036F (text typed in decomposed form, NFD), zero-width characters, soft hyphen | nothing | the mark belongs to the letter before it; zero-width characters are a known way to dodge keyword filters |
//! | fullwidth ASCII (U+FF01–FF5E), "mathematical" bold/italic/script letters and digits (U+1D400–1D7FF) | the ASCII letter or digit | posts style text with them ("𝐪𝐮𝐚̉𝐧𝐠 𝐜𝐚́𝐨"); their diacritics come as combining marks, which drop |
//! | line breaks (`\n`, `\r`, U+2028/2029) | `\n` | a disclosure label can stand on its own line |
//! | brackets `【】〔〕` | `[` `]` | label brackets |
//! | other whitespace | space | |
//! | `×` | `x` | "x2 tài khoản", "hợp tác × brand" |
//! | any other letter or digit (Thai, CJK, …) | `OTHER` | a word character that matches no phrase, so word boundaries stay right |
//! | anything else (emoji, symbols, punctuation outside ASCII) | space | a separator |
//!
//! The table is hand-written on purpose: full Unicode normalization tables cost ~60 KB gzipped in the WebAssembly
//! build (see `Cargo.toml`), and Vietnamese needs only the Latin-1, Latin Extended-A/B letters `ă â đ ê ô ơ ư ĩ ũ`
//! and the Latin Extended Additional block U+1EA0–U+1EF9, which is laid out in upper/lower pairs by base letter.
//!
//! ## The map back
//! Every character that produces a byte produces exactly one, so `starts[i]` (the original byte offset of the
//! character behind folded byte `i`) is enough: the original span of folded bytes `a..b` is
//! `starts[a]..starts[b]`, with one sentinel at the end. A character that produces nothing (a combining mark) falls
//! between two entries and is thereby part of the span of the letter before it — exactly where a reader sees it.
//! Every `starts` entry is a char boundary of the original by construction.

use std::ops::Range;

/// The folded stand-in for a letter or digit outside the table: a word character no phrase contains.
pub(crate) const OTHER: u8 = 0x01;

/// A folded text and its map back to the original.
pub(crate) struct Folded {
    pub bytes: Vec<u8>,
    /// `starts[i]`: original byte offset of the character that produced `bytes[i]`; `starts[bytes.len()]` is the end.
    starts: Vec<u32>,
}

impl Folded {
    /// Folds `text`, replacing each range of `masked` (sorted, non-overlapping, on char boundaries: URLs found in
    /// the text) by a single space so that no phrase matches inside a link.
    pub fn new(text: &str, masked: &[Range<usize>]) -> Folded {
        let mut bytes = Vec::with_capacity(text.len());
        let mut starts = Vec::with_capacity(text.len() + 1);
        let mut mask = masked.iter().peekable();
        let mut skip_until = 0usize;
        for (i, c) in text.char_indices() {
            if i < skip_until {
                continue;
            }
            if let Some(m) = mask.peek() {
                if m.start == i {
                    bytes.push(b' ');
                    starts.push(i as u32);
                    skip_until = m.end;
                    mask.next();
                    continue;
                }
            }
            if let Some(b) = fold_char(c) {
                bytes.push(b);
                starts.push(i as u32);
            }
        }
        starts.push(text.len() as u32);
        Folded { bytes, starts }
    }

    /// The original byte range of folded bytes `a..b` (`a ≤ b ≤ bytes.len()`).
    pub fn span(&self, a: usize, b: usize) -> Range<usize> {
        self.starts[a] as usize..self.starts[b] as usize
    }
}

/// Folds a whole string (no map): what a phrase "is" once folded. Used by tests and by the catalogue checks.
pub fn fold_str(s: &str) -> String {
    s.chars().filter_map(fold_char).map(char::from).collect()
}

/// Is this folded byte part of a word (ASCII letter or digit, or [`OTHER`])?
#[inline]
pub(crate) fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == OTHER
}

/// Latin-1 letters U+00C0–U+00FF by base letter (`×` → `x`, `÷` → space).
const LATIN1: &[u8; 64] = b"aaaaaaaceeeeiiiidnoooooxouuuuytsaaaaaaaceeeeiiiidnooooo ouuuuyty";

/// Folds one character: `Some(byte)` or `None` when it leaves nothing behind (combining marks, zero-width).
pub(crate) fn fold_char(c: char) -> Option<u8> {
    let cp = c as u32;
    if cp < 0x80 {
        return Some(match c {
            '\r' => b'\n',
            _ => (cp as u8).to_ascii_lowercase(),
        });
    }
    Some(match cp {
        0xC0..=0xFF => LATIN1[(cp - 0xC0) as usize],
        0x80..=0xBF => {
            if cp == 0xAD {
                return None; // soft hyphen
            }
            b' '
        }
        // Latin Extended-A/B: the Vietnamese ones (ă đ ĩ ũ ơ ư) and the African D sometimes typed for Đ.
        0x102 | 0x103 => b'a',
        0x110 | 0x111 | 0x189 => b'd',
        0x128 | 0x129 => b'i',
        0x168 | 0x169 => b'u',
        0x1A0 | 0x1A1 => b'o',
        0x1AF | 0x1B0 => b'u',
        // Latin Extended Additional, the Vietnamese block: runs of upper/lower pairs per base letter.
        0x1EA0..=0x1EB7 => b'a',
        0x1EB8..=0x1EC7 => b'e',
        0x1EC8..=0x1ECB => b'i',
        0x1ECC..=0x1EE3 => b'o',
        0x1EE4..=0x1EF1 => b'u',
        0x1EF2..=0x1EF9 => b'y',
        0x300..=0x36F | 0x200B..=0x200D | 0x2060 | 0xFEFF => return None,
        0x2028 | 0x2029 => b'\n',
        0x3010 | 0x3014 => b'[',
        0x3011 | 0x3015 => b']',
        0xFF01..=0xFF5E => return fold_char(char::from_u32(cp - 0xFEE0)?),
        // Mathematical alphanumerics: 13 alphabets of 52 letters (A–Z, a–z), then 5 sets of 10 digits. Holes in
        // the script alphabets are unassigned code points, so folding them too is harmless.
        0x1D400..=0x1D6A3 => {
            let k = ((cp - 0x1D400) % 52) as u8;
            if k < 26 {
                b'a' + k
            } else {
                b'a' + k - 26
            }
        }
        0x1D7CE..=0x1D7FF => b'0' + ((cp - 0x1D7CE) % 10) as u8,
        _ if c.is_whitespace() => b' ',
        _ if c.is_alphanumeric() => OTHER,
        _ => b' ',
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_folds_to_ascii() {
        assert_eq!(fold_str("QUẢNG CÁO Được Tài Trợ"), "quang cao duoc tai tro");
        assert_eq!(
            fold_str("àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"),
            "aaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyyd"
        );
        assert_eq!(
            fold_str("ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴĐ"),
            "aaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyyd"
        );
    }

    #[test]
    fn decomposed_styled_and_hidden_characters_fold_too() {
        // NFD: base letters followed by combining marks.
        assert_eq!(fold_str("qua\u{0309}ng ca\u{0301}o"), "quang cao");
        assert_eq!(fold_str("𝐪𝐮𝐚̉𝐧𝐠 𝐜𝐚́𝐨"), "quang cao");
        assert_eq!(fold_str("ＱＣ"), "qc");
        assert_eq!(fold_str("tài\u{200B}trợ"), "taitro");
        assert_eq!(fold_str("a\u{00A0}b×2【qc】"), "a bx2[qc]");
        assert_eq!(fold_str("Ünïcödé ß"), "unicode s");
        assert_eq!(fold_str("ไทย 中文 🔥"), "\u{1}\u{1}\u{1} \u{1}\u{1}  ");
    }

    #[test]
    fn spans_map_back_to_whole_characters() {
        let text = "Qua\u{0309}ng cáo!";
        let f = Folded::new(text, &[]);
        assert_eq!(f.bytes, b"quang cao!");
        // "quang": folded 0..5 → original "Qua\u{309}ng" including the combining mark.
        assert_eq!(&text[f.span(0, 5)], "Qua\u{0309}ng");
        assert_eq!(&text[f.span(6, 9)], "cáo");
        assert_eq!(f.span(10, 10), text.len()..text.len());
    }

    #[test]
    fn masked_ranges_become_one_space() {
        let text = "xem https://a.vn/quang-cao nhé";
        let f = Folded::new(text, std::slice::from_ref(&(4..26)));
        assert_eq!(f.bytes, b"xem   nhe");
        assert_eq!(&text[f.span(4, 5)], "https://a.vn/quang-cao");
    }
}
