//! Skeletons: what a handle or a display name *looks like*, as a short ASCII string, so that two names a reader cannot
//! tell apart compare equal. Impersonators rely on exactly that: `lаnreview` with a Cyrillic `а`, `ｌａｎｒｅｖｉｅｗ`
//! in fullwidth letters, `1anrev1ew` with digits, `lan.re_view`, `lanrevieww`, `lanreview_official`, or a page named
//! "Lê Ngọc Minh ✅ Official" beside the real "Lê Ngọc Minh".
//!
//! ## The folding (in the spirit of Unicode TS #39's skeleton)
//! Each character goes to a *prototype*; the differences between a name and its prototype are recorded as
//! [`Signs`] (which deceptive techniques were used), because the card tells the person *why* an account looks like
//! another one.
//!
//! | characters | prototype | sign |
//! | --- | --- | --- |
//! | Cyrillic, Greek and Armenian letters that look Latin (`а е о р с у х і ј ѕ ԁ һ ӏ α ο ρ ν τ …`), Latin small capitals (`ᴀ ʙ ᴄ …`), dotless `ı` | the Latin letter | [`Signs::OTHER_SCRIPT`] |
//! | fullwidth (`ｌ`), mathematical (`𝐥 𝓵 𝕝 …`), circled (`ⓛ`) letters and digits | the ASCII letter or digit | [`Signs::STYLED`] |
//! | Vietnamese and other Latin letters with marks (`ễ đ ñ`), typed composed or decomposed | the base letter | none: names are written both ways |
//! | upper case | lower case | none |
//! | digits used as letters: `0 1 3 4 5` (`|` too) | `o l e a s` (`1` also as `i`, see [`handle_skeletons`]) | [`Signs::DIGITS`] |
//! | `rn`, `vv` | `m`, `w` | [`Signs::LETTER_PAIRS`] |
//! | a letter repeated (`ww`, `nn`) | once | [`Signs::REPEATS`] |
//! | separators `. _ -`, spaces, zero-width characters | nothing (handles) · one space (names) | [`Signs::SEPARATORS`] (handles) |
//! | decorations at either end: `official`, `real`, `vn`, `tv`, `store`, `shop`, `fanpage`, "chính chủ"… | nothing | [`Signs::DECORATION`] |
//! | check marks `✅ ✔ ☑ ✓` in a name | nothing | [`Signs::VERIFIED_MARK`] |
//!
//! Letters of other scripts that look like nothing Latin (Thai, Han, …) have no prototype: a name containing them
//! gets no skeleton (it cannot be a look-alike of a Latin name, and guessing would only add false alarms).
//!
//! ## Why a hand-written table and not TS #39's `confusables.txt`
//! The full table maps ~6,000 characters (≈ 40 KB gzipped in the extension's WebAssembly, a quarter of its budget),
//! nearly all of them to non-Latin prototypes. Registered handles are Latin letters, digits and separators, and
//! registered names Vietnamese or English, so only characters that look like *those* matter: the ~120 here, chosen
//! from the table's Latin targets (Cyrillic, Greek, Armenian, small capitals) plus the styled alphabets that fold
//! arithmetically. What the table costs is measured in `docs/performance.md`.
//!
//! ## Names versus handles
//! A handle's skeleton drops every separator (`lan.review` = `lanreview`). A display name keeps its words
//! ([`name_key`]): "Lê Ngọc Minh" = "LE NGOC MINH" = "Lê Ngọc Minh ✅ Official" = "Lе Ngọс Minh" (Cyrillic `е`, `с`), but
//! not "Lê Minh". Whether a name match is a *warning* is decided by the registry (`crate::registry::lookalike`):
//! thousands of ordinary people share a KOL's legal name, so a plain personal name counts only with a sign of
//! deception ([`NameKey::is_personal_name`]).

use crate::text::fold::{fold_char, OTHER};

/// Which deceptive techniques a name uses (a bit set), found while folding it to its skeleton.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Signs(pub u16);

impl Signs {
    /// Letters of another script (Cyrillic, Greek, Armenian) or small capitals that look Latin.
    pub const OTHER_SCRIPT: Signs = Signs(1);
    /// Fullwidth, mathematical or circled letters.
    pub const STYLED: Signs = Signs(2);
    /// Digits (or `|`) standing for letters.
    pub const DIGITS: Signs = Signs(4);
    /// `rn` for `m`, `vv` for `w`.
    pub const LETTER_PAIRS: Signs = Signs(8);
    /// A letter typed twice.
    pub const REPEATS: Signs = Signs(16);
    /// Dots, underscores, hyphens or hidden characters inside a handle.
    pub const SEPARATORS: Signs = Signs(32);
    /// A decoration word at either end (`official`, `store`, …).
    pub const DECORATION: Signs = Signs(64);
    /// A check mark claiming verification (`✅`).
    pub const VERIFIED_MARK: Signs = Signs(128);
    /// Every sign, in the order explanations list them.
    pub const ALL: [Signs; 8] = [
        Signs::OTHER_SCRIPT,
        Signs::STYLED,
        Signs::DIGITS,
        Signs::LETTER_PAIRS,
        Signs::REPEATS,
        Signs::SEPARATORS,
        Signs::DECORATION,
        Signs::VERIFIED_MARK,
    ];

    /// Whether every sign of `other` is in `self`.
    pub fn contains(self, other: Signs) -> bool {
        self.0 & other.0 == other.0 && other.0 != 0
    }
    /// No sign at all.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
    /// The signs of `self` that `other` lacks.
    pub fn without(self, other: Signs) -> Signs {
        Signs(self.0 & !other.0)
    }
    fn add(&mut self, s: Signs) {
        self.0 |= s.0;
    }
}

/// Shortest skeleton that is compared at all: shorter names coincide by chance too often to mean anything.
pub const MIN_SKELETON_LEN: usize = 5;
/// Longest input folded (handles and names are far shorter; this bounds the work on hostile input).
pub const MAX_INPUT_LEN: usize = 256;

/// A handle's skeleton and the signs found on the way.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skeleton {
    /// Lower-case ASCII letters and digits (`lanreview`).
    pub text: String,
    /// What the folding undid.
    pub signs: Signs,
    /// The decoration removed (`official`), if any.
    pub decoration: Option<&'static str>,
}

/// A display name's comparison key: its words, folded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NameKey {
    /// Folded words separated by single spaces (`le ngoc minh`).
    pub text: String,
    /// What the folding undid.
    pub signs: Signs,
    /// The decoration removed (`official`, `chinh chu`, …), if any.
    pub decoration: Option<&'static str>,
}

/// Letters of other scripts and small capitals that look like a Latin letter: `(code point, prototype)`, sorted.
const OTHER_SCRIPT: &[(u32, u8)] = &[
    (0x0131, b'i'), // ı dotless i
    (0x0251, b'a'), // ɑ latin alpha
    (0x0261, b'g'), // ɡ script g
    (0x0262, b'g'), // ɢ small capital G
    (0x026A, b'i'), // ɪ small capital I
    (0x0274, b'n'), // ɴ small capital N
    (0x0280, b'r'), // ʀ
    (0x028F, b'y'), // ʏ
    (0x0299, b'b'), // ʙ
    (0x029C, b'h'), // ʜ
    (0x029F, b'l'), // ʟ
    (0x0391, b'a'), // Α
    (0x0392, b'b'), // Β
    (0x0395, b'e'), // Ε
    (0x0396, b'z'), // Ζ
    (0x0397, b'h'), // Η
    (0x0399, b'i'), // Ι
    (0x039A, b'k'), // Κ
    (0x039C, b'm'), // Μ
    (0x039D, b'n'), // Ν
    (0x039F, b'o'), // Ο
    (0x03A1, b'p'), // Ρ
    (0x03A4, b't'), // Τ
    (0x03A5, b'y'), // Υ
    (0x03A7, b'x'), // Χ
    (0x03B1, b'a'), // α
    (0x03B5, b'e'), // ε
    (0x03B9, b'i'), // ι
    (0x03BA, b'k'), // κ
    (0x03BD, b'v'), // ν
    (0x03BF, b'o'), // ο
    (0x03C1, b'p'), // ρ
    (0x03C4, b't'), // τ
    (0x03C5, b'u'), // υ
    (0x03C7, b'x'), // χ
    (0x03C9, b'w'), // ω
    (0x0405, b's'), // Ѕ
    (0x0406, b'i'), // І
    (0x0407, b'i'), // Ї
    (0x0408, b'j'), // Ј
    (0x0410, b'a'), // А
    (0x0412, b'b'), // В
    (0x0415, b'e'), // Е
    (0x041A, b'k'), // К
    (0x041C, b'm'), // М
    (0x041D, b'h'), // Н
    (0x041E, b'o'), // О
    (0x0420, b'p'), // Р
    (0x0421, b'c'), // С
    (0x0422, b't'), // Т
    (0x0423, b'y'), // У
    (0x0425, b'x'), // Х
    (0x042C, b'b'), // Ь
    (0x0430, b'a'), // а
    (0x0435, b'e'), // е
    (0x043E, b'o'), // о
    (0x0440, b'p'), // р
    (0x0441, b'c'), // с
    (0x0443, b'y'), // у
    (0x0445, b'x'), // х
    (0x0451, b'e'), // ё
    (0x0455, b's'), // ѕ
    (0x0456, b'i'), // і
    (0x0457, b'i'), // ї
    (0x0458, b'j'), // ј
    (0x04BB, b'h'), // һ
    (0x04C0, b'l'), // Ӏ
    (0x04CF, b'l'), // ӏ
    (0x0501, b'd'), // ԁ
    (0x051B, b'q'), // ԛ
    (0x051D, b'w'), // ԝ
    (0x0555, b'o'), // Օ
    (0x0561, b'w'), // ա
    (0x0563, b'q'), // գ
    (0x0570, b'h'), // հ
    (0x0578, b'n'), // ո
    (0x057D, b'u'), // ս
    (0x0585, b'o'), // օ
    (0x1D00, b'a'), // ᴀ
    (0x1D04, b'c'), // ᴄ
    (0x1D05, b'd'), // ᴅ
    (0x1D07, b'e'), // ᴇ
    (0x1D0A, b'j'), // ᴊ
    (0x1D0B, b'k'), // ᴋ
    (0x1D0D, b'm'), // ᴍ
    (0x1D0F, b'o'), // ᴏ
    (0x1D18, b'p'), // ᴘ
    (0x1D1B, b't'), // ᴛ
    (0x1D1C, b'u'), // ᴜ
    (0x1D20, b'v'), // ᴠ
    (0x1D21, b'w'), // ᴡ
    (0x1D22, b'z'), // ᴢ
    (0xA731, b's'), // ꜱ
];

/// Check marks that claim verification in a display name.
const VERIFIED_MARKS: &[u32] = &[0x2611, 0x2713, 0x2714, 0x2705, 0x1F5F8];

/// Decorations impersonators add to a handle (removed before repeated letters collapse, so that `real.lanreview`
/// keeps its `l`).
const HANDLE_DECORATIONS: &[&str] = &[
    "official", "offical", "real", "vn", "tv", "channel", "store", "shop", "fanpage", "the", "page", "fan", "club",
];

/// Decorations added to a display name, as folded word sequences.
const NAME_DECORATIONS: &[(&str, &[&str])] = &[
    ("official", &["official"]),
    ("offical", &["offical"]),
    ("chinh chu", &["chinh", "chu"]),
    ("chinh hang", &["chinh", "hang"]),
    ("store", &["store"]),
    ("shop", &["shop"]),
    ("fanpage", &["fanpage"]),
    ("fan page", &["fan", "page"]),
    ("page", &["page"]),
    ("real", &["real"]),
    ("the real", &["the", "real"]),
    ("vn", &["vn"]),
    ("viet nam", &["viet", "nam"]),
    ("vietnam", &["vietnam"]),
    ("tv", &["tv"]),
    ("channel", &["channel"]),
    ("kenh", &["kenh"]),
    ("fan club", &["fan", "club"]),
    ("fanclub", &["fanclub"]),
    ("fc", &["fc"]),
];

/// Vietnamese family names (folded): a display name that starts with one and has 2–4 words is a personal name
/// that many unrelated people share ([`NameKey::is_personal_name`]).
const VI_FAMILY_NAMES: &[&str] = &[
    "nguyen", "tran", "le", "pham", "hoang", "huynh", "phan", "vu", "vo", "dang", "bui", "do", "ho", "ngo", "duong",
    "ly", "dao", "dinh", "mai", "truong", "lam", "ha", "luu", "cao", "trinh", "doan", "thai", "kieu", "quach", "ta",
    "la", "tong", "chu", "luong", "van", "tang", "lai", "hua", "trieu", "au", "khuc", "ton", "quan", "giang",
];

/// The prototype of a combining mark: nothing, for a mark belongs to the letter before it (text typed decomposed).
const MARK: u8 = 0;

/// One character's prototype: `Some(byte)` (a lower-case ASCII letter or digit, `b' '` for a separator, [`MARK`] for
/// a combining mark) and the sign it carries, or `None` for a letter with no Latin look (Thai, Han, …).
fn prototype(c: char) -> Option<(u8, Signs)> {
    let cp = c as u32;
    if cp >= 0x80 {
        if let Ok(i) = OTHER_SCRIPT.binary_search_by_key(&cp, |&(k, _)| k) {
            return Some((OTHER_SCRIPT[i].1, Signs::OTHER_SCRIPT));
        }
        if VERIFIED_MARKS.contains(&cp) {
            return Some((b' ', Signs::VERIFIED_MARK));
        }
        // Circled letters Ⓐ–Ⓩ, ⓐ–ⓩ.
        if (0x24B6..=0x24E9).contains(&cp) {
            return Some((b'a' + ((cp - 0x24B6) % 26) as u8, Signs::STYLED));
        }
        let styled = (0xFF01..=0xFF5E).contains(&cp) || (0x1D400..=0x1D7FF).contains(&cp);
        return match fold_char(c) {
            // Combining marks belong to their letter; zero-width characters separate, hidden.
            None if (0x300..=0x36F).contains(&cp) => Some((MARK, Signs(0))),
            None => Some((b' ', Signs::SEPARATORS)),
            Some(OTHER) => None,
            Some(b) if b.is_ascii_alphanumeric() => {
                let (p, s) = digit_as_letter(b);
                Some((p, Signs(s.0 | if styled { Signs::STYLED.0 } else { 0 })))
            }
            Some(_) => Some((b' ', Signs(0))),
        };
    }
    let b = (cp as u8).to_ascii_lowercase();
    Some(match b {
        b'a'..=b'z' | b'0'..=b'9' => digit_as_letter(b),
        b'|' => (b'l', Signs::DIGITS),
        _ => (b' ', Signs(0)),
    })
}

/// Digits that stand for letters in handles (`0` for `o`, `1` for `l`…); other bytes as they are.
fn digit_as_letter(b: u8) -> (u8, Signs) {
    match b {
        b'0' => (b'o', Signs::DIGITS),
        b'1' => (b'l', Signs::DIGITS),
        b'3' => (b'e', Signs::DIGITS),
        b'4' => (b'a', Signs::DIGITS),
        b'5' => (b's', Signs::DIGITS),
        _ => (b, Signs(0)),
    }
}

/// Replaces letter pairs by the letter they imitate (`rn` → `m`, `vv` → `w`).
fn letter_pairs(raw: &[u8], signs: &mut Signs) -> Vec<u8> {
    let mut out: Vec<u8> = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        let (b, step) = match (raw[i], raw.get(i + 1)) {
            (b'r', Some(b'n')) => (b'm', 2),
            (b'v', Some(b'v')) => (b'w', 2),
            (b, _) => (b, 1),
        };
        if step == 2 {
            signs.add(Signs::LETTER_PAIRS);
        }
        out.push(b);
        i += step;
    }
    out
}

/// Collapses a letter typed several times in a row to one (`lanrevieww` → `lanreview`).
fn collapse_repeats(raw: &mut Vec<u8>, signs: &mut Signs) {
    let before = raw.len();
    raw.dedup_by(|a, b| a == b && a.is_ascii_alphabetic());
    if raw.len() != before {
        signs.add(Signs::REPEATS);
    }
}

/// The skeleton of a handle (`1an.revievv_official` → `lanreview`, signs digits, separators, letter pairs,
/// decoration), with `1` read as `l`. `None` for a name with letters of no Latin look, or too long.
pub fn handle_skeleton(handle: &str) -> Option<Skeleton> {
    skeleton_with(handle, None, true)
}

/// Every skeleton a handle may stand for, at most [`MAX_READINGS`]: [`handle_skeleton`]; each of its first three
/// `1`s read as `i` instead (`m1nh.demo1` imitates `minh.demo1`); and, when it has `rn` or `vv`, the reading
/// without letter pairs (`vvietstyle` is `vietstyle` with a doubled `v`, not `wietstyle`).
pub fn handle_skeletons(handle: &str) -> Vec<Skeleton> {
    let mut out: Vec<Skeleton> = handle_skeleton(handle).into_iter().collect();
    let paired = out.first().is_some_and(|s| s.signs.contains(Signs::LETTER_PAIRS));
    let mut push = |s: Option<Skeleton>| {
        if let Some(s) = s {
            if !out.iter().any(|o| o.text == s.text) {
                out.push(s);
            }
        }
    };
    let ones = handle.chars().filter(|c| *c == '1' || *c == '１').count();
    for k in 0..ones.min(3) {
        push(skeleton_with(handle, Some(k), true));
    }
    if paired {
        push(skeleton_with(handle, None, false));
    }
    out
}

/// Most skeletons [`handle_skeletons`] gives for one handle.
pub const MAX_READINGS: usize = 5;

/// The skeleton with the `one_as_i`-th `1` (0-based) read as `i`, and letter pairs replaced or not.
fn skeleton_with(handle: &str, one_as_i: Option<usize>, pairs: bool) -> Option<Skeleton> {
    if handle.len() > MAX_INPUT_LEN {
        return None;
    }
    let mut signs = Signs::default();
    let mut raw = Vec::with_capacity(handle.len());
    let mut ones = 0;
    for c in handle.chars() {
        let (mut b, s) = prototype(c)?;
        signs.add(s);
        if c == '1' || c == '１' {
            if one_as_i == Some(ones) {
                b = b'i';
            }
            ones += 1;
        }
        match b {
            MARK => {}
            // A check mark is its own sign.
            b' ' if s.contains(Signs::VERIFIED_MARK) => {}
            b' ' => signs.add(Signs::SEPARATORS),
            _ => raw.push(b),
        }
    }
    let mut text = if pairs { letter_pairs(&raw, &mut signs) } else { raw };
    let mut decoration = None;
    // At most two decorations (`real…official`), never eating into the name itself.
    for _ in 0..2 {
        let found = HANDLE_DECORATIONS.iter().find_map(|d| {
            let d_bytes = d.as_bytes();
            if text.len() >= d_bytes.len() + MIN_SKELETON_LEN {
                if text.ends_with(d_bytes) {
                    return Some((*d, text.len() - d_bytes.len()..text.len()));
                }
                if text.starts_with(d_bytes) {
                    return Some((*d, 0..d_bytes.len()));
                }
            }
            None
        });
        let Some((d, range)) = found else { break };
        text.drain(range);
        decoration.get_or_insert(d);
        signs.add(Signs::DECORATION);
    }
    collapse_repeats(&mut text, &mut signs);
    // Only ASCII letters and digits were pushed.
    let text = String::from_utf8(text).ok()?;
    Some(Skeleton {
        text,
        signs,
        decoration,
    })
}

/// The comparison key of a display name: its words folded (`✅ LÊ NGỌC MINH Official` → `le ngoc minh`, signs
/// verified mark, decoration). `None` when nothing comparable is left: fewer than two words or
/// [`MIN_SKELETON_LEN`] letters after the decorations go, letters of no Latin look, or too long.
pub fn name_key(name: &str) -> Option<NameKey> {
    if name.len() > MAX_INPUT_LEN {
        return None;
    }
    let mut signs = Signs::default();
    let mut words: Vec<Vec<u8>> = vec![Vec::new()];
    for c in name.chars() {
        let (b, s) = prototype(c)?;
        signs.add(s);
        match b {
            MARK => {}
            b' ' => {
                if words.last().is_some_and(|w| !w.is_empty()) {
                    words.push(Vec::new());
                }
            }
            _ => {
                if let Some(w) = words.last_mut() {
                    w.push(b);
                }
            }
        }
    }
    if words.last().is_some_and(|w| w.is_empty()) {
        words.pop();
    }
    // Separators between words are how names are written: not a sign. Inside a name, repeats and pairs are kept
    // as typed (names are words, not handles), so only letters map.
    signs = signs.without(Signs::SEPARATORS);
    let mut words: Vec<String> = words
        .into_iter()
        .map(|w| String::from_utf8(w).unwrap_or_default())
        .collect();
    let mut decoration = None;
    loop {
        let found = NAME_DECORATIONS.iter().find_map(|(phrase, d)| {
            let n = d.len();
            if words.len() <= n {
                return None;
            }
            if words[words.len() - n..].iter().zip(d.iter()).all(|(w, d)| w == d) {
                return Some((*phrase, words.len() - n..words.len()));
            }
            if words[..n].iter().zip(d.iter()).all(|(w, d)| w == d) {
                return Some((*phrase, 0..n));
            }
            None
        });
        let Some((d, range)) = found else { break };
        words.drain(range);
        decoration.get_or_insert(d);
        signs.add(Signs::DECORATION);
    }
    let letters: usize = words.iter().map(String::len).sum();
    if words.len() < 2 || letters < MIN_SKELETON_LEN {
        return None;
    }
    Some(NameKey {
        text: words.join(" "),
        signs,
        decoration,
    })
}

impl NameKey {
    /// A plain Vietnamese personal name: a family name first and two to four words (`le ngoc minh`). Many unrelated
    /// people carry the same one, so showing it is not by itself a claim to be the KOL.
    pub fn is_personal_name(&self) -> bool {
        let mut words = self.text.split(' ');
        let n = self.text.split(' ').count();
        (2..=4).contains(&n) && words.next().is_some_and(|w| VI_FAMILY_NAMES.contains(&w))
    }

    /// Whether showing this name is a sign of impersonation by itself, before comparing it with the register:
    /// decorated, styled, in look-alike letters, marked verified — or not a plain personal name.
    pub fn claims_identity(&self) -> bool {
        !self.signs.is_empty() || !self.is_personal_name()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn skel(s: &str) -> String {
        handle_skeleton(s).map(|k| k.text).unwrap_or_default()
    }

    #[test]
    fn prototypes_are_sorted_for_binary_search() {
        assert!(OTHER_SCRIPT.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn each_technique_folds_to_the_same_skeleton() {
        let real = skel("lanreview");
        for (fake, sign) in [
            ("lаnrеviеw", Signs::OTHER_SCRIPT),    // Cyrillic а, е
            ("ｌａｎｒｅｖｉｅｗ", Signs::STYLED), // fullwidth
            ("𝐥𝐚𝐧𝐫𝐞𝐯𝐢𝐞𝐰", Signs::STYLED),          // mathematical bold
            ("ⓛⓐⓝⓡⓔⓥⓘⓔⓦ", Signs::STYLED),          // circled
            ("1anreview", Signs::DIGITS),
            ("lanrevievv", Signs::LETTER_PAIRS),
            ("lanrevieww", Signs::REPEATS),
            ("lan.re_view", Signs::SEPARATORS),
            ("lan\u{200B}review", Signs::SEPARATORS),
            ("lanreview_official", Signs::DECORATION),
            ("real.lanreview", Signs::DECORATION),
            ("LanReview", Signs(0)),
            ("ʟᴀɴʀᴇᴠɪᴇᴡ", Signs::OTHER_SCRIPT), // small capitals
        ] {
            let s = handle_skeleton(fake).unwrap_or_else(|| panic!("{fake}: no skeleton"));
            assert_eq!(s.text, real, "{fake}");
            assert!(sign.is_empty() || s.signs.contains(sign), "{fake}: {:?}", s.signs);
        }
        // Two techniques at once.
        assert_eq!(skel("1аnrеvievv.official"), real);
        assert!(handle_skeletons("lanrev1ew").iter().any(|s| s.text == real));
        assert_eq!(skel("rnai.beauty"), skel("mai.beauty"));
    }

    #[test]
    fn different_names_stay_different() {
        assert_ne!(skel("lanreview"), skel("lanreviews"));
        assert_ne!(skel("minhtran"), skel("minhtrang"));
        assert_ne!(skel("hoa.nguyen"), skel("hoang.nguyen"));
        assert!(handle_skeleton("ไทย").is_none());
        assert!(handle_skeleton(&"a".repeat(300)).is_none());
        // A decoration is never the whole name.
        assert_eq!(skel("shopvn"), "shopvn");
    }

    #[test]
    fn name_keys_fold_diacritics_case_decorations_and_homoglyphs() {
        let real = name_key("Lê Ngọc Minh").map(|k| k.text);
        assert_eq!(real.as_deref(), Some("le ngoc minh"));
        for fake in [
            "Le Ngoc Minh",
            "LÊ NGỌC MINH",
            "Lê Ngọc Minh Official",
            "Le Ngoc Minh Store",
            "✅ Lê Ngọc Minh ✅",
            "Lе Ngọс Minh",
            "Le\u{0302} Ngo\u{0323}c Minh",
            "Lê Ngọc Minh - Chính Chủ",
            "Fanpage Lê Ngọc Minh",
            "𝐋𝐞̂ 𝐍𝐠𝐨̣𝐜 𝐌𝐢𝐧𝐡",
        ] {
            assert_eq!(name_key(fake).map(|k| k.text), real, "{fake}");
        }
        assert!(name_key("Lê Ngọc Minh").is_some_and(|k| k.is_personal_name() && !k.claims_identity()));
        assert!(name_key("Lê Ngọc Minh Official").is_some_and(|k| k.claims_identity()));
        assert!(name_key("Lе Ngọс Minh").is_some_and(|k| k.signs.contains(Signs::OTHER_SCRIPT)));
        assert!(name_key("Lan Làm đẹp").is_some_and(|k| !k.is_personal_name() && k.claims_identity()));
        assert_eq!(name_key("Minh"), None);
        assert_eq!(name_key("Minh Official"), None);
        assert_eq!(name_key("Trần Minh").map(|k| k.text).as_deref(), Some("tran minh"));
        assert_eq!(name_key("李小龙 Official"), None);
    }
}
