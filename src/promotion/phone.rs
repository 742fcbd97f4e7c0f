//! Contact numbers and shop handles, found by a small scanner rather than phrases (the matcher has no "n digits").
//!
//! ## Phone and Zalo numbers ([`CueKind::ContactNumber`](super::CueKind::ContactNumber))
//! Vietnamese numbers as people write them in a post: a mobile `0[35789]` + 8 digits, a landline `02` + 9 digits, or
//! either with the country code (`+84`/`84` instead of the `0`, or `(+84)` before it). Not the hotlines
//! `1800`/`1900`: buyers quote the brand's ("gọi 1800 1127 của Apple") more often than sellers write their own;
//! digits in groups of at least two separated by one space, dot or hyphen ("0912 345 678", "091.555.8794",
//! "+84 912-345-678"). Styled digits fold to ASCII first, links are masked. A date, a price or an order number
//! has another shape; a run of digits longer than a number is none ("0912345678901").
//!
//! ## Shop handles ([`CueKind::ShopTag`](super::CueKind::ShopTag))
//! A hashtag or handle whose name begins with "shop" (`#shopxinh`, `@shop.meo`; not `#shopee`, `#shopping`) or
//! ends with "shop" or "store" (`@_beeshop59_`, `#linhstore`).

use crate::text::fold::is_word;

const SEPARATORS: &[u8] = b" .-";

/// The end of a phone number starting at folded position `i` (a word start), if one starts there.
pub(crate) fn number_at(f: &[u8], i: usize) -> Option<usize> {
    let rest = &f[i..];
    let (prefix, mut j) = if rest.starts_with(b"(+84)") {
        (Prefix::Country, i + 5)
    } else if rest.starts_with(b"+") {
        (Prefix::Plus, i + 1)
    } else {
        (Prefix::None, i)
    };
    if prefix == Prefix::Country && f.get(j) == Some(&b' ') {
        j += 1;
    }
    if !f.get(j)?.is_ascii_digit() {
        return None;
    }
    let mut digits = [0u8; 16];
    let mut n = 0;
    let mut best = None;
    loop {
        let g = j;
        while j < f.len() && f[j].is_ascii_digit() {
            if n == digits.len() {
                return best;
            }
            digits[n] = f[j];
            n += 1;
            j += 1;
        }
        let group = j - g;
        if group < 2 && n > group {
            return best;
        }
        let ends_clean = j >= f.len() || !is_word(f[j]);
        if !ends_clean {
            return best;
        }
        if valid(&digits[..n], prefix) {
            best = Some(j);
        }
        if j + 1 < f.len() && SEPARATORS.contains(&f[j]) && f[j + 1].is_ascii_digit() {
            j += 1;
        } else {
            return best;
        }
    }
}

/// What stands before the digits: nothing, `+`, or a bracketed country code `(+84)`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Prefix {
    None,
    Plus,
    Country,
}

fn valid(d: &[u8], prefix: Prefix) -> bool {
    let mobile = |d: &[u8]| d.len() == 9 && b"35789".contains(&d[0]);
    let landline = |d: &[u8]| d.len() == 10 && d[0] == b'2';
    let national = |d: &[u8]| mobile(d) || landline(d);
    match (prefix, d) {
        (Prefix::Country, _) => national(d),
        (Prefix::None, [b'0', rest @ ..]) => national(rest),
        (Prefix::None | Prefix::Plus, [b'8', b'4', rest @ ..]) => national(rest),
        _ => false,
    }
}

/// The end of a shop handle (`#…`/`@…`) starting at folded position `i`, if one starts there.
pub(crate) fn shop_handle_at(f: &[u8], i: usize) -> Option<usize> {
    if !matches!(f.get(i), Some(b'#' | b'@')) {
        return None;
    }
    let mut e = i + 1;
    while e < f.len() && (f[e].is_ascii_alphanumeric() || f[e] == b'_' || f[e] == b'.') {
        e += 1;
    }
    while e > i + 1 && f[e - 1] == b'.' {
        e -= 1;
    }
    if e < f.len() && is_word(f[e]) {
        return None; // a letter outside the table: not an ASCII handle
    }
    let name = &f[i + 1..e];
    let trimmed = {
        let mut t = name;
        while let [b'_' | b'.', rest @ ..] = t {
            t = rest;
        }
        while let [rest @ .., b'_' | b'.' | b'0'..=b'9'] = t {
            t = rest;
        }
        t
    };
    let begins = trimmed.starts_with(b"shop")
        && trimmed.len() > 4
        && !trimmed.starts_with(b"shopee")
        && !trimmed.starts_with(b"shopping");
    let ends = trimmed.len() > 5
        && (trimmed.ends_with(b"store") || trimmed.ends_with(b"shop") && !trimmed.ends_with(b"workshop"));
    (begins || ends).then_some(e)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn number(s: &str) -> Option<&str> {
        number_at(s.as_bytes(), 0).map(|e| &s[..e])
    }

    #[test]
    fn phone_shapes() {
        assert_eq!(number("0912345678 nhé"), Some("0912345678"));
        assert_eq!(number("0912 345 678"), Some("0912 345 678"));
        assert_eq!(number("091.555.8794 để"), Some("091.555.8794"));
        assert_eq!(number("+84 912-345-678"), Some("+84 912-345-678"));
        assert_eq!(number("84912345678"), Some("84912345678"));
        assert_eq!(number("(+84) 987 654 321"), Some("(+84) 987 654 321"));
        assert_eq!(number("1900 1234"), None);
        assert_eq!(number("0912345678 2 cái"), Some("0912345678"));
        assert_eq!(number("0912345678901"), None);
        assert_eq!(number("0112345678"), None);
        assert_eq!(number("09/07/2021"), None);
        assert_eq!(number("0 9 1 2 3 4 5 6 7 8"), None);
        assert_eq!(number("0912345678k"), None);
    }

    #[test]
    fn handles() {
        fn h(s: &str) -> Option<&str> {
            shop_handle_at(s.as_bytes(), 0).map(|e| &s[..e])
        }
        assert_eq!(h("#shopxinh nha"), Some("#shopxinh"));
        assert_eq!(h("@_beeshop59_"), Some("@_beeshop59_"));
        assert_eq!(h("#linhstore."), Some("#linhstore"));
        assert_eq!(h("#shopee"), None);
        assert_eq!(h("#shopping"), None);
        assert_eq!(h("#shop"), None);
        assert_eq!(h("#workshop"), None);
        assert_eq!(h("#metiki"), None);
    }
}
