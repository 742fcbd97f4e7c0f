//! The promotion markers of the catalogue: advertising disclosures, pointers to a purchase link ("link ở bio"), and
//! discount codes — with the capture of the code itself ("nhập mã GIAM50").
//!
//! Patterns are written folded (see [`crate::text::fold`]) in the small language of [`super::matcher`].
//!
//! ## Disclosures: which uses of "quảng cáo" count
//! "Quảng cáo" (advertising), "hợp tác" (cooperate) and "tài trợ" (sponsor, finance) are everyday words: a post
//! saying "ghét quảng cáo", a complaint about "quảng cáo sai sự thật", news of two firms that "hợp tác" or a bank
//! that "tài trợ vốn" discloses nothing. So the bare words count only **as a label** ([`Rule::Label`]): as a hashtag
//! (`#quangcao`, `#qc`, which are plain patterns), in brackets (`[QC]`, `(Quảng cáo)`), followed by `:` or `|`
//! (`Quảng cáo: …`), or alone on their line. Fixed phrases that only a disclosure uses count anywhere: "được tài
//! trợ", "tài trợ bởi", "cảm ơn nhà tài trợ", "hợp tác có trả phí", "hợp tác quảng cáo", "hợp tác x Brand", "paid
//! partnership", "in partnership with", "sponsored", "#ad", "#ads"… English "ad"/"ads" likewise only as a hashtag,
//! a label, or in "paid ad". A disclosure right after a negation ("không phải quảng cáo", "not sponsored") is no
//! disclosure (see `super::negated`).
//!
//! ## Discount codes
//! Strong triggers ("mã giảm giá", "voucher", "coupon", "promo code"…) are cues by themselves; weak ones ("nhập
//! mã", "mã", "code", "use code") only when a code follows them ("code" alone is a QR code, source code, a dress
//! code). When a code follows either, the cue is the code: 4–20 ASCII letters and digits, no lower-case letter, at
//! least one upper-case letter, not itself a trigger word ("VOUCHER"), and holding a digit or at least 5 characters
//! (a four-letter capitalised word is as often a shout — "LIKE", "FREE" — as a code); after the single words
//! "mã"/"code" it must hold a digit (so "mà GUCCI" is no code). Between trigger and code may stand separators, `:`,
//! quotes and one filler word ("là", "ngay", "is").

use super::matcher::is_soft;
use super::{CodeNeed, CueKind, Phrase, Rule};
use crate::text::fold::{is_word, Folded};

const fn d(pat: &'static str) -> Phrase {
    Phrase::new(pat, CueKind::Disclosure, Rule::Plain)
}
const fn label(pat: &'static str) -> Phrase {
    Phrase::new(pat, CueKind::Disclosure, Rule::Label)
}
const fn bio(pat: &'static str) -> Phrase {
    Phrase::new(pat, CueKind::LinkInBio, Rule::Plain)
}
const fn code(pat: &'static str, need: CodeNeed) -> Phrase {
    Phrase::new(pat, CueKind::DiscountCode, Rule::Code(need))
}

/// Advertising disclosures, Vietnamese then English.
pub(crate) const DISCLOSURE: &[Phrase] = &[
    d("#quangcao"),
    d("#quang cao"),
    d("#qc"),
    d("#hoptac"),
    d("#taitro"),
    d("#tiepthilienket"),
    d("duoc tai tro"),
    d("tai tro boi"),
    // "nhà tài trợ" alone is also someone looking for a sponsor; thanking one, or naming the video's, discloses.
    d("cam on *nha tai tro"),
    d("nha tai tro cua {video|clip|bai}"),
    d("nhan hang tai tro"),
    d("hop tac co tra phi"),
    d("hop tac quang cao"),
    d("quang cao co tra phi"),
    d("hop tac {cung|voi} nhan hang"),
    d("{bai viet|noi dung|video} hop tac"),
    d("hop tac x"),
    d("link tiep thi lien ket"),
    label("quang cao"),
    label("qc"),
    label("hop tac"),
    label("tai tro"),
    d("#ad"),
    d("#ads"),
    d("#advert"),
    d("#advertisement"),
    d("#sponsored"),
    d("#sponsor"),
    d("#paidpartnership"),
    d("#affiliate"),
    d("paid partnership"),
    d("in partnership with"),
    d("sponsored"),
    d("for sponsoring"),
    d("paid {ad|ads|promotion|post}"),
    d("affiliate link{s|}"),
    label("ad"),
    label("ads"),
    label("advertisement"),
];

/// Pointers to a purchase link elsewhere: the bio, the comments, the description, the video's shopping cart.
pub(crate) const LINK_IN_BIO: &[Phrase] = &[
    bio("link *{bio|tieu su|profile|comment|comments|cmt|binh luan|mo ta|description|gio hang}"),
    bio("link ghim"),
    bio("link {duoi|below}"),
    bio("gio hang vang"),
    bio("gio vang"),
    bio("{bam|nhan|click|an} *gio hang"),
    bio("mua *{o|tai} gio hang"),
];

/// Discount-code triggers.
pub(crate) const DISCOUNT: &[Phrase] = &[
    code(
        "ma {giam gia|giam|khuyen mai|uu dai|free ship|freeship|sale|voucher}",
        CodeNeed::Optional,
    ),
    code(
        "code {giam gia|giam|khuyen mai|uu dai|freeship|sale}",
        CodeNeed::Optional,
    ),
    code("voucher", CodeNeed::Optional),
    code("coupon", CodeNeed::Optional),
    code("{promo|discount|coupon} code", CodeNeed::Optional),
    code("{nhap|dung|su dung|go} {ma|code}", CodeNeed::Some),
    code("{use|with|enter} code", CodeNeed::Some),
    Phrase::new("ma", CueKind::DiscountCode, Rule::Code(CodeNeed::WithDigit)).accented(&["mã"]),
    code("code", CodeNeed::WithDigit),
];

/// Filler words allowed between a trigger and its code ("mã là ABC123", "nhập mã ngay ABC123").
const FILLERS: &[&[u8]] = &[b"la", b"ngay", b"is"];

/// Finds the code after a trigger ending at folded byte `end`: the folded range of the code token, if the original
/// text there looks like a code.
pub(crate) fn capture_code(text: &str, folded: &Folded, end: usize, need: CodeNeed) -> Option<(usize, usize)> {
    let f = &folded.bytes;
    let mut i = end;
    let mut filler_used = false;
    loop {
        while i < f.len() && (is_soft(f[i]) || f[i] == b':') && f[i] != b'\n' {
            i += 1;
        }
        let start = i;
        while i < f.len() && is_word(f[i]) {
            i += 1;
        }
        if start == i {
            return None;
        }
        if !filler_used && FILLERS.contains(&&f[start..i]) {
            filler_used = true;
            continue;
        }
        let span = folded.span(start, i);
        let original = text.get(span)?;
        return looks_like_code(original, need).then_some((start, i));
    }
}

/// Words that trigger a code themselves are never the code ("mã giảm giá VOUCHER …").
const NOT_CODES: &[&str] = &["VOUCHER", "COUPON", "CODE", "PROMO", "DISCOUNT"];

fn looks_like_code(s: &str, need: CodeNeed) -> bool {
    let b = s.as_bytes();
    let digits = b.iter().filter(|c| c.is_ascii_digit()).count();
    (4..=20).contains(&b.len())
        && b.iter().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        && digits < b.len()
        && !NOT_CODES.contains(&s)
        && match need {
            // An upper-case word of four letters is as often a shout ("LIKE", "FREE", "SALE") as a code.
            CodeNeed::Optional | CodeNeed::Some => digits > 0 || b.len() >= 5,
            CodeNeed::WithDigit => digits > 0,
        }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_shapes() {
        assert!(looks_like_code("GIAM50", CodeNeed::WithDigit));
        assert!(looks_like_code("FREESHIP", CodeNeed::Some));
        assert!(!looks_like_code("FREESHIP", CodeNeed::WithDigit));
        assert!(!looks_like_code("Giam50", CodeNeed::Optional));
        assert!(!looks_like_code("2024", CodeNeed::Optional));
        assert!(!looks_like_code("ABC", CodeNeed::Optional));
        assert!(!looks_like_code("SALE", CodeNeed::Optional));
        assert!(looks_like_code("SALE9", CodeNeed::Optional));
        assert!(!looks_like_code("VOUCHER", CodeNeed::Optional));
    }

    #[test]
    fn captures_after_separators_and_one_filler() {
        let text = "Nhập mã: ngay \"KOL20K\" nhé";
        let f = Folded::new(text, &[]);
        let (a, b) = capture_code(text, &f, 7, CodeNeed::Some).unwrap();
        assert_eq!(&text[f.span(a, b)], "KOL20K");
    }
}
