//! The phrase matcher: finds catalogue patterns in folded text (see [`crate::text::fold`]) on word boundaries.
//!
//! ## Pattern language
//! Patterns are folded (lower-case ASCII) strings where a few bytes have a meaning. It is just enough to write
//! "giảm 10kg trong 7 ngày" once for every number and spacing, and nothing like a general regex engine:
//!
//! | byte | matches |
//! | --- | --- |
//! | letter, digit, `#`, `%`, `/`, `:`, … | itself (folded text is lower case) |
//! | ` ` (space) | one or more *soft* separators: whitespace and punctuation except `# % / : @ + = & $` and the clause marks `, . ; ! ?` (so "link-in-bio", "link  ở  bio" and "link in bio" are one phrase, and "cẩn thận, được" is not "thần dược") |
//! | `_` | zero or more whitespace (`10kg` and `10 kg`) |
//! | `~` | a number: digits, optionally one `.` or `,` and more digits |
//! | `*` | zero to [`SKIP_WORDS`] whole words, each followed by soft separators: write it right before the next word, `link *bio` |
//! | `{a\|b}` | one of the alternatives (not nested) |
//!
//! A match must start where a word starts (the byte before is not a word byte) and end where a word ends (the
//! byte after is not a word byte when the match ends in one), so "qc" never matches inside "aqcb", nor "code" inside
//! "barcode".
//!
//! ## Cost
//! Candidates are tried only at word starts and only for patterns whose first byte fits (a 256-entry index built
//! per call), and each attempt has a step budget ([`STEP_BUDGET`]), so the time is linear in the text whatever it
//! holds; backtracking (alternatives, `*`) is bounded by the budget.

use crate::text::fold::is_word;

/// How many words `*` may skip.
pub(crate) const SKIP_WORDS: usize = 5;
/// Upper bound on matcher steps for one pattern at one position: far above what any catalogue pattern needs on real
/// text, and a hard cap on pathological input.
pub(crate) const STEP_BUDGET: u32 = 512;

/// Soft separators: what a pattern's space stands for.
#[inline]
pub(crate) fn is_soft(b: u8) -> bool {
    !is_word(b) && !matches!(b, b'#' | b'%' | b'/' | b':' | b'@' | b'+' | b'=' | b'&' | b'$')
}

/// What a pattern's space (and `*`'s word skip) crosses: soft separators short of clause punctuation, so that no
/// phrase reads across a comma or a full stop ("cẩn thận, được" holds no "thần dược").
#[inline]
fn is_gap(b: u8) -> bool {
    is_soft(b) && !matches!(b, b',' | b'.' | b';' | b'!' | b'?')
}

#[inline]
fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n')
}

/// Pattern bytes still to match after the current piece (alternatives continue with what follows their group).
struct Cont<'a> {
    pat: &'a [u8],
    next: Option<&'a Cont<'a>>,
}

/// The end (exclusive) of a match of `pat` in `t` starting at `i`, or `None`. The caller checks the start boundary.
pub(crate) fn match_at(pat: &[u8], t: &[u8], i: usize) -> Option<usize> {
    let mut budget = STEP_BUDGET;
    m(pat, None, t, i, &mut budget)
}

fn m(p: &[u8], k: Option<&Cont<'_>>, t: &[u8], mut i: usize, budget: &mut u32) -> Option<usize> {
    let mut p = p;
    loop {
        if *budget == 0 {
            return None;
        }
        *budget -= 1;
        let Some(&c) = p.first() else {
            return match k {
                Some(cont) => m(cont.pat, cont.next, t, i, budget),
                // The end boundary: a match ending inside a word is no match ("#ad" in "#adidas").
                None => {
                    let ends_word = i > 0 && is_word(t[i - 1]);
                    (!(ends_word && i < t.len() && is_word(t[i]))).then_some(i)
                }
            };
        };
        match c {
            b' ' => {
                let start = i;
                while i < t.len() && is_gap(t[i]) {
                    i += 1;
                }
                if i == start {
                    return None;
                }
            }
            b'_' => {
                while i < t.len() && is_space(t[i]) {
                    i += 1;
                }
            }
            b'~' => {
                let start = i;
                while i < t.len() && t[i].is_ascii_digit() {
                    i += 1;
                }
                if i == start {
                    return None;
                }
                if i + 1 < t.len() && matches!(t[i], b'.' | b',') && t[i + 1].is_ascii_digit() {
                    i += 1;
                    while i < t.len() && t[i].is_ascii_digit() {
                        i += 1;
                    }
                }
            }
            b'*' => {
                let rest = &p[1..];
                let mut j = i;
                for _ in 0..=SKIP_WORDS {
                    if let Some(end) = m(rest, k, t, j, budget) {
                        return Some(end);
                    }
                    // Skip one word and the soft separators after it.
                    let w = j;
                    while j < t.len() && is_word(t[j]) {
                        j += 1;
                    }
                    if j == w {
                        return None;
                    }
                    let s = j;
                    while j < t.len() && is_gap(t[j]) {
                        j += 1;
                    }
                    if j == s {
                        return None;
                    }
                }
                return None;
            }
            b'{' => {
                let close = p.iter().position(|&b| b == b'}')?;
                let cont = Cont {
                    pat: &p[close + 1..],
                    next: k,
                };
                // An alternative that starts with a letter the text does not have is not tried (most of them).
                let next = t.get(i).copied();
                return p[1..close]
                    .split(|&b| b == b'|')
                    .filter(|alt| match alt.first() {
                        Some(&c) if !matches!(c, b' ' | b'_' | b'~' | b'*' | b'{') => next == Some(c),
                        _ => true,
                    })
                    .find_map(|alt| m(alt, Some(&cont), t, i, budget));
            }
            _ => {
                if i < t.len() && t[i] == c {
                    i += 1;
                } else {
                    return None;
                }
            }
        }
        p = &p[1..];
    }
}

/// The bytes a pattern can start with, for the first-byte index.
pub(crate) fn first_bytes(pat: &[u8], out: &mut Vec<u8>) {
    match pat.first() {
        None => {}
        Some(b'~') => out.extend(b'0'..=b'9'),
        Some(b'{') => {
            if let Some(close) = pat.iter().position(|&b| b == b'}') {
                for alt in pat[1..close].split(|&b| b == b'|') {
                    if alt.is_empty() {
                        first_bytes(&pat[close + 1..], out);
                    } else {
                        let mut whole = alt.to_vec();
                        whole.extend_from_slice(&pat[close + 1..]);
                        first_bytes(&whole, out);
                    }
                }
            }
        }
        Some(&b) => out.push(b),
    }
}

/// The words a pattern can start with, for the index: `(word, exact)` per spelling of its leading alternatives.
/// `exact`: the text's word must be this word (the pattern requires a word end after it); otherwise it must only
/// start with it (a number or `_` follows). An empty word means the pattern starts with a non-word byte (`#`, `$`,
/// a number): it is tried wherever its first byte stands.
pub(crate) fn first_words(pat: &[u8], out: &mut Vec<(Vec<u8>, bool)>) {
    let run = pat.iter().take_while(|b| b.is_ascii_alphanumeric()).count();
    match pat.get(run) {
        Some(b'{') => {
            let Some(len) = pat[run..].iter().position(|&b| b == b'}') else {
                return;
            };
            let close = run + len;
            for alt in pat[run + 1..close].split(|&b| b == b'|') {
                let mut whole = pat[..run].to_vec();
                whole.extend_from_slice(alt);
                whole.extend_from_slice(&pat[close + 1..]);
                first_words(&whole, out);
            }
        }
        _ if run == 0 => out.push((Vec::new(), false)),
        next => {
            let exact = !matches!(next, Some(b'_' | b'~' | b'*'));
            out.push((pat[..run].to_vec(), exact));
        }
    }
}

/// Longest first word an entry holds; a longer one is cut to this and checked as a prefix (the index only filters:
/// the matcher decides).
const WORD: usize = 12;

/// One entry of the index: a pattern and the word it needs at the start, inline (most are a few letters).
#[derive(Clone, Copy, Default)]
struct Entry {
    id: u16,
    exact: bool,
    len: u8,
    word: [u8; WORD],
}

impl Entry {
    fn same(&self, other: &Entry) -> bool {
        self.exact == other.exact && self.len == other.len && self.word == other.word
    }
}

/// Buckets of exact entries: first byte × word length (0–15).
const EXACT_BUCKETS: usize = 256 * 16;

fn bucket(first: u8, len: usize, exact: bool) -> usize {
    if exact {
        first as usize * 16 + len.min(15)
    } else {
        EXACT_BUCKETS + first as usize
    }
}

/// Index of patterns by how the text starts at a word start, so that a pattern is tried only where its first word
/// stands: entries whose first word must be the text's word are bucketed by first byte and word length, those that
/// need only a prefix (or start with `#`, `$`, a number) by first byte.
pub(crate) struct FirstIndex {
    offsets: Vec<u16>,
    entries: Vec<Entry>,
}

impl FirstIndex {
    /// Every (bucket, entry) of every pattern, then a counting pass to place them: no sort, as every `sort`
    /// instantiation costs kilobytes of WebAssembly.
    pub fn new<'a>(patterns: impl Iterator<Item = &'a [u8]>) -> FirstIndex {
        let mut heads: Vec<(usize, Entry)> = Vec::new();
        let mut spellings = Vec::new();
        let mut firsts = Vec::new();
        for (n, pat) in patterns.enumerate() {
            let from = heads.len();
            spellings.clear();
            first_words(pat, &mut spellings);
            for (w, exact) in &spellings {
                let len = w.len().min(WORD);
                let mut entry = Entry {
                    id: n as u16,
                    exact: *exact && w.len() <= WORD,
                    len: len as u8,
                    word: [0; WORD],
                };
                entry.word[..len].copy_from_slice(&w[..len]);
                firsts.clear();
                match w.first() {
                    Some(&b) => firsts.push(b),
                    None => first_bytes(pat, &mut firsts),
                }
                // Alternatives after the first word ("gia{ goc| ban|…}") give the same entry many times: keep one,
                // or the pattern is tried once per alternative at every "gia".
                for &b in &firsts {
                    let k = bucket(b, len, entry.exact);
                    if !heads[from..].iter().any(|(h, e)| *h == k && e.same(&entry)) {
                        heads.push((k, entry));
                    }
                }
            }
        }
        let mut offsets = vec![0u16; EXACT_BUCKETS + 256 + 1];
        for (k, _) in &heads {
            offsets[k + 1] += 1;
        }
        for k in 1..offsets.len() {
            offsets[k] += offsets[k - 1];
        }
        let mut entries = vec![Entry::default(); heads.len()];
        let mut fill = offsets.clone();
        for (k, e) in heads {
            entries[fill[k] as usize] = e;
            fill[k] += 1;
        }
        FirstIndex { offsets, entries }
    }

    /// The patterns worth trying at `t[i]`, a word start, into `out` (cleared first): those whose first word is
    /// the text's word there. A pattern may come more than once (once per spelling that fits). One function for
    /// both indexes, not an iterator inlined twice: the WebAssembly budget.
    #[inline(never)]
    pub fn candidates(&self, t: &[u8], i: usize, out: &mut Vec<u16>) {
        out.clear();
        let end = i + t[i..].iter().take_while(|&&b| is_word(b)).count();
        let word = &t[i..end];
        for k in [bucket(t[i], word.len(), true), bucket(t[i], 0, false)] {
            for e in &self.entries[self.offsets[k] as usize..self.offsets[k + 1] as usize] {
                let len = e.len as usize;
                // Byte by byte: these words are a few letters long, shorter than a call to `memcmp`.
                if word.len() >= len && e.word[..len].iter().zip(word).all(|(a, b)| a == b) {
                    out.push(e.id);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(pat: &str, text: &str) -> Option<(usize, usize)> {
        let t = text.as_bytes();
        (0..t.len())
            .filter(|&i| i == 0 || !is_word(t[i - 1]))
            .find_map(|i| match_at(pat.as_bytes(), t, i).map(|e| (i, e)))
    }

    #[test]
    fn words_spaces_and_boundaries() {
        assert_eq!(find("link o bio", "xem link  o - bio nhe"), Some((4, 17)));
        assert_eq!(find("qc", "aqcb qcx"), None);
        assert_eq!(find("#ad", "#adidas"), None);
        assert_eq!(find("#ad", "hi #ad!"), Some((3, 6)));
        assert_eq!(find("code", "barcode decode"), None);
    }

    #[test]
    fn numbers_optional_spaces_skips_and_alternatives() {
        let p = "giam ~_kg *trong ~_{ngay|tuan}";
        assert!(find(p, "giam 10kg trong 7 ngay").is_some());
        assert!(find(p, "giam 10 kg chi trong 1 tuan").is_some());
        assert!(find(p, "giam 1,5kg that su chi trong 7ngay").is_some());
        assert!(find(p, "giam 10kg trong 7 thang").is_none());
        assert!(find("loi nhuan ~_%{_/_| moi }thang", "loi nhuan 30%/thang").is_some());
        assert!(find("loi nhuan ~_%{_/_| moi }thang", "loi nhuan 30 % moi thang").is_some());
        assert!(find("rep 1:1", "hang rep 1:1 nhe").is_some());
        assert!(find("fake 1", "fake 10").is_none());
    }

    #[test]
    fn pathological_input_is_bounded() {
        let t = "a ".repeat(10_000);
        assert_eq!(find("a *a *a *a *b", &t), None);
    }

    #[test]
    fn first_byte_index() {
        let pats: [&[u8]; 4] = [b"abc", b"~%", b"{x|yz}q", b"a b"];
        let idx = FirstIndex::new(pats.iter().copied());
        fn at(idx: &FirstIndex, t: &[u8]) -> Vec<u16> {
            let mut out = Vec::new();
            idx.candidates(t, 0, &mut out);
            out
        }
        assert_eq!(at(&idx, b"abc"), [0]);
        assert_eq!(at(&idx, b"a b"), [3]);
        assert_eq!(at(&idx, b"5%"), [1]);
        assert_eq!(at(&idx, b"xq"), [2]);
        assert_eq!(at(&idx, b"yzq"), [2]);
        assert!(at(&idx, b"yq").is_empty());
        assert!(at(&idx, b"q").is_empty());
        // Alternatives after the first word are one entry: the pattern is tried once at "gia", not once per
        // alternative.
        let alts: [&[u8]; 1] = [b"gia{ goc| ban| le|} ~k"];
        assert_eq!(at(&FirstIndex::new(alts.iter().copied()), b"gia ban 5k"), [0]);
    }
}
