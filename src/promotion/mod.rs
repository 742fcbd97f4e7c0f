//! # Promotion detection
//!
//! Reads a post's text and links and says whether it promotes something, whether it says so, and which words and
//! links show it: the "detected cues" a consumer's report carries ([`crate::complaint::PromotionFacts`]). It runs in
//! the extension's service worker on posts the reader is looking at, so it is pure (no I/O), small (no regex, no
//! Unicode tables) and bounded on any input.
//!
//! ```
//! use koltrust::promotion::{detect, CueKind};
//! let r = detect("Kem chống nắng xịn 😍 nhập mã GIAM50 nha #quangcao", &["https://s.shopee.vn/9zXy"]);
//! assert!(r.is_promotion && r.disclosed);
//! assert_eq!(r.cues[0].kind, CueKind::DiscountCode);
//! assert_eq!(r.cues[0].text, "GIAM50");
//! ```
//!
//! ## Output
//! [`detect`] answers a [`PromotionReport`]: `is_promotion` when any promotion cue is present (shop, affiliate,
//! discount-code, link-in-bio, disclosure, or one of the social-selling kinds: contact call or number, price or
//! sale offer, ordering, live selling, shop tag); `disclosed` when a disclosure cue is; and the cues. Risk cues
//! (counterfeit slang, miracle claims, guaranteed returns) and short links are reported but never make a promotion
//! by themselves.
//! A [`Cue`] found in the **text** has `start..end`, byte offsets into the original text (char boundaries), and
//! `text` equal to that slice; `link` is `None`. A cue found in the **links** argument has `link: Some(i)`, the
//! index into `links`, `start = end = 0`, and `text` the evidence inside the link (its host, or the affiliate
//! `key=value` pair). Text cues come first, in text order, then link cues in link order.
//! [`crate::complaint::cues::facts_of`] converts to the complaint's form; [`crate::complaint::cues::view`] adds
//! labels for the report dialog.
//!
//! ## How
//! 1. The text is clipped to its first [`MAX_TEXT_BYTES`] bytes (on a char boundary): a post is far shorter,
//!    and the cost stays bounded on a pasted novel.
//! 2. `links` finds the links written in the text (`https://…`, `www.…`, `shopee.vn/…`) and examines them and
//!    the `links` argument for shop, affiliate and short-link evidence, seeing through redirect wrappers.
//! 3. [`crate::text::fold`] folds the text — diacritics, case, styled letters, zero-width characters — into lower-case ASCII
//!    bytes with a map back to the original, blanking the links so no phrase matches inside a URL.
//! 4. `matcher` finds the catalogue's phrases at word starts, on word boundaries, never across a comma or a full
//!    stop ("cẩn thận, được" holds no "thần dược"); `phone` finds phone/Zalo numbers and shop handles. Each match
//!    is then checked against its `Rule` (label position, a code that must follow, an SMS code after "soạn"), negation ("không phải quảng cáo", "not sponsored") and, for a few ambiguous phrases,
//!    the diacritics actually written. **Buyers are told apart from sellers** (see `selling`): a seller's phrase
//!    with a first-person buyer as its subject ("mình ib shop", "mình chốt đơn") is none; weak cues — prices,
//!    sales, a bare "voucher", a livestream, counterfeit slang — count only when the post does not read as a
//!    buyer's review ("mình mua", "giao hàng nhanh", "đóng gói", "nhận xu", "kém chất lượng"…), so a review that
//!    mentions a discount is not a promotion and "hàng nhái, kém chất lượng" is a complaint, not slang.
//! 5. Overlapping matches of one kind merge into one cue ("hàng rep 1:1" is one cue, not two); at most
//!    [`MAX_CUES_PER_KIND`] cues per kind and [`MAX_CUES`] in all are kept, while `is_promotion` and `disclosed`
//!    are decided on every cue found.
//!
//! ## The cue catalogue
//! | kind | what | where |
//! | --- | --- | --- |
//! | `shop_link` | links to Shopee, Lazada, Tiki, Sendo, TikTok Shop, big Vietnamese retailers, incl. short links | `links` |
//! | `affiliate_link` | affiliate parameters (`af_…`, `aff_…`, `laz_trackid`, `utm_medium=affiliates`…) and trackers | `links` |
//! | `short_link` | URL shorteners and link hubs (`bit.ly`, `linktr.ee`): weak, never a promotion alone | `links` |
//! | `discount_code` | "mã giảm giá", "voucher", "nhập mã GIAM50", "use code SARAH20" (the code captured) | `markers` |
//! | `link_in_bio` | "link ở bio", "link dưới comment", "giỏ hàng vàng", "link in bio" | `markers` |
//! | `disclosure` | `#quangcao`, `#qc`, "[Quảng cáo]", "được tài trợ", "hợp tác có trả phí", `#ad`, "paid partnership" | `markers` |
//! | `contact_call` | "ib/inbox em", "ai cần ib em", "liên hệ/LH", "cmt để mua", "để lại sđt", "soạn Q5 gửi 999", "DM to order" | `selling` |
//! | `contact_number` | a Vietnamese phone or Zalo number: "0912 345 678", "091.555.8794", "+84 912…", "(+84) 987…", 1800/1900 | `phone` |
//! | `price_offer` | "giá chỉ 39k", "giá: 99.000đ", "#39k", "199k/hộp", "giá sỉ", "đồng giá", "only $19.99" | `selling` |
//! | `sale_offer` | "xả kho", "thanh lý", "sale 50%", "giảm giá sốc", "freeship", "mua 1 tặng 1", "combo", "clearance" | `selling` |
//! | `ordering` | "chốt đơn", "lên đơn", "nhận order", "pre-order", "sỉ lẻ", "ship COD", "ship toàn quốc", "order now" | `selling` |
//! | `live_selling` | "đang live", "lên live", "live lúc 8h", "xem live săn sale", "live now", "join my live" | `selling` |
//! | `shop_tag` | "follow #shopname", "ghé shop mình", "bên shop mình có bán", `#shop…`, `@…shop`, "follow my shop" | `selling`, `phone` |
//! | `counterfeit_slang` | "rep 1:1", "hàng fake", "hàng nhái", "super fake", "like auth", "hàng f1" | `risk` |
//! | `miracle_claim` | "giảm 10kg trong 7 ngày", "trị dứt điểm", "khỏi hẳn", "thần dược", "cures", "lose 10kg in a week" | `risk` |
//! | `guaranteed_return` | "lãi suất cam kết", "lợi nhuận 30%/tháng", "bao lời", "x2 tài khoản", "không rủi ro", "guaranteed returns" | `risk` |
//!
//! Deliberate non-cues (each has a table test): "quảng cáo", "hợp tác", "tài trợ" in running text (everyday words;
//! a complaint about "quảng cáo sai sự thật" is not a disclosure — see `markers`); "ad" outside `#ad`, a label or
//! "paid ad"; "code" with no code after it; bare "f1"; links to sites that are not shops; keywords inside longer
//! words ("barcode", "aqcb", "#adidas") or inside URLs.
//!
//! ## Bounds
//! Text: the first [`MAX_TEXT_BYTES`] bytes; links written in it: the first [`MAX_TEXT_LINKS`]; `links`: the first
//! [`MAX_LINKS`], each at most 2,048 bytes; cues: [`MAX_CUES`]. Matching tries patterns only at word starts with a
//! first-byte index and a step budget per attempt, so time is linear in the text. Nothing slices a string except
//! at boundaries found by search or mapped by [`crate::text::fold`]; property tests feed arbitrary strings.
//! Patterns are indexed by the first word they need, so a pattern is tried only where that word stands.
//! Measured with `cargo bench --bench promotion` (2-core shared machine, quiet, native; budget 20 µs): 15.2 µs
//! median for a typical 500-character post with three links, 17.1 µs for a social-selling post, 6.9 µs for an
//! ordinary post with no cue, 341 µs at the 20,000-byte limit. Most of it is the matcher trying candidates, so the
//! index keeps one entry per pattern and first word: a pattern whose alternatives follow its first word
//! ("gia{ goc| ban|…}") used to be tried once per alternative, which cost a social-selling post 4 µs.
//!
//! ## Measured on real text
//! `cargo xtask eval-promotion PATH` runs detection on the ViSpamReviews corpus (research use, never committed;
//! train and dev splits only) and prints precision and recall per cue family on the dev split's hand-labelled
//! advertising rows (`tests/promotion_eval/dev_advertising.tsv`, keyed by SHA-256) and the false-positive rates on
//! genuine reviews. See `xtask/src/eval.rs`.
//!
//! ## Size
//! The WebAssembly build pays about 25 KB gzipped for all of this (measured with `cargo xtask dist`: 106.5 KB →
//! 124.8 KB, then 142.6 → 149.9 KB for the social-selling vocabulary of issue 20, after merging the indexes' `OnceLock`s and
//! keeping the candidate lookup out of line to fit the budget), which is why folding is a hand-written table, the first-byte index is built by counting, and no
//! `sort` appears anywhere (each instantiation costs kilobytes).

mod links;
mod markers;
mod matcher;
mod phone;
mod risk;
mod selling;
mod vocabulary;

pub(crate) use vocabulary::{CodeNeed, Phrase, Rule};
pub use vocabulary::{Cue, CueKind, PromotionReport};

use crate::text::fold::{is_word, Folded};
use matcher::FirstIndex;

use std::ops::Range;
use std::sync::OnceLock;

/// Longest evidence text a cue keeps, in characters; the complaint model accepts exactly this much
/// (`complaint::validate::LIMITS.cue_text_chars` is this constant).
pub const MAX_CUE_TEXT_CHARS: usize = 280;

/// Text considered: a long post is ~2,000 characters; this leaves room for ten.
pub const MAX_TEXT_BYTES: usize = 20_000;
/// Links written in the text that are examined.
pub const MAX_TEXT_LINKS: usize = 64;
/// Entries of the `links` argument that are examined.
pub const MAX_LINKS: usize = 64;
/// Cues reported in all.
pub const MAX_CUES: usize = 64;
/// Cues reported per kind, so that one repeated hashtag cannot crowd out the rest.
pub const MAX_CUES_PER_KIND: usize = 16;

const CATALOGUE: &[&[Phrase]] = &[
    markers::DISCLOSURE,
    markers::LINK_IN_BIO,
    markers::DISCOUNT,
    selling::CONTACT,
    selling::PRICE,
    selling::SALE,
    selling::ORDERING,
    selling::LIVE,
    selling::SHOP,
    risk::COUNTERFEIT,
    risk::MIRACLE,
    risk::GUARANTEED,
];

fn phrases() -> impl Iterator<Item = &'static Phrase> {
    CATALOGUE.iter().flat_map(|list| list.iter())
}

/// The catalogue's patterns by kind, in the pattern language of the matcher (for documentation and tests).
pub fn catalogue() -> impl Iterator<Item = (CueKind, &'static str)> {
    phrases().map(|p| (p.kind, p.pat))
}

/// Words that cancel a disclosure or risk phrase when they stand in the three words before it. Some fold to the
/// same letters as unrelated words ("chưa" not yet / "chữa" cure, "đâu" / "đầu tư", "hông" / "hồng"): those count
/// only when written with the negation's diacritics (unaccented "chua khoi han" stays a cue: better a signal too
/// many for the reader to judge than a miracle claim missed).
const NEGATIONS: &[(&[u8], &[&str])] = &[
    (b"khong", &[]),
    (b"ko", &[]),
    (b"k", &[]),
    (b"kh", &[]),
    (b"hok", &[]),
    (b"hong", &["hông"]),
    (b"cha", &["chả"]),
    (b"chang", &["chẳng"]),
    (b"chua", &["chưa"]),
    (b"dau", &["đâu"]),
    (b"not", &[]),
    (b"no", &[]),
    (b"non", &[]),
    (b"never", &[]),
    (b"without", &[]),
    (b"isn", &[]),
    (b"wasn", &[]),
    (b"aren", &[]),
    (b"don", &[]),
    (b"doesn", &[]),
];

/// Detects promotion cues in a post's `text` and `links` (the hrefs of its links, in page order). Pure, bounded
/// (see the module docs), never panics.
pub fn detect(text: &str, links: &[&str]) -> PromotionReport {
    let text = clip(text, MAX_TEXT_BYTES);
    let urls = links::find_in_text(text, MAX_TEXT_LINKS);
    let folded = Folded::new(text, &urls);

    // Phrase matches arrive in trigger order; a link's hits are merged among themselves. The two kinds of cue
    // never share a kind, so they merge separately and meet in one insertion sort by position (no `sort`: every
    // instantiation of it costs kilobytes of WebAssembly).
    let mut merged = Merged::default();
    for f in phrase_matches(text, &folded) {
        merged.add(f, text);
    }
    let mut hits = Vec::new();
    for r in &urls {
        hits.clear();
        links::examine(&text[r.clone()], &mut hits);
        for h in &hits {
            let span = r.start + h.range.start..r.start + h.range.end;
            let found = Found {
                kind: h.kind,
                trigger: span.start,
                guard: span.end,
                span,
            };
            merged.add(found, text);
        }
    }
    let Merged {
        mut cues,
        mut is_promotion,
        mut disclosed,
        ..
    } = merged;
    for i in 1..cues.len() {
        let mut j = i;
        while j > 0 && cues[j - 1].start > cues[j].start {
            cues.swap(j - 1, j);
            j -= 1;
        }
    }

    for (i, link) in links.iter().take(MAX_LINKS).enumerate() {
        let link = link.trim();
        if links[..i].iter().any(|l| l.trim() == link) {
            continue;
        }
        hits.clear();
        links::examine(link, &mut hits);
        for h in &hits {
            let evidence = truncate_chars(h.evidence(link), MAX_CUE_TEXT_CHARS);
            if cues.iter().any(|c| c.kind == h.kind && c.text == evidence) {
                continue;
            }
            cues.push(Cue {
                kind: h.kind,
                text: evidence.to_string(),
                start: 0,
                end: 0,
                link: Some(i),
            });
        }
    }

    for c in &cues {
        is_promotion |= c.kind.is_promotion();
        disclosed |= c.kind == CueKind::Disclosure;
    }
    let mut per_kind = [0usize; CueKind::COUNT];
    cues.retain(|c| {
        per_kind[c.kind as usize] += 1;
        per_kind[c.kind as usize] <= MAX_CUES_PER_KIND
    });
    cues.truncate(MAX_CUES);
    PromotionReport {
        is_promotion,
        disclosed,
        cues,
    }
}

/// A match before merging: its kind, its original byte span, where its trigger starts (before the span, for a
/// captured discount code) and where it stops guarding against overlaps (the end of trigger and code together).
/// Matches are merged in trigger order, so "dùng mã FREESHIP" is the code FREESHIP, not the phrase "mã freeship".
struct Found {
    kind: CueKind,
    span: Range<usize>,
    trigger: usize,
    guard: usize,
}

/// Does the post read as a buyer's review: does one of `selling::CONSUMER` stand in it?
fn reads_as_review(f: &[u8]) -> bool {
    let index = &compiled().2;
    let mut ids = Vec::new();
    (0..f.len()).any(|i| {
        if i > 0 && is_word(f[i - 1]) {
            return false;
        }
        index.candidates(f, i, &mut ids);
        ids.iter()
            .any(|&n| matcher::match_at(selling::CONSUMER[n as usize].as_bytes(), f, i).is_some())
    })
}

/// First-person pronouns that make a buyer the subject of a seller's phrase ("mình ib shop", "tôi chốt đơn").
/// Not "tui": it folds like "túi" (bag), the commonest word in a shop's post.
const BUYERS: &[&[u8]] = &[b"minh", b"toi", b"tao", b"mk", b"mh", b"t"];
/// Words that may stand between that subject and the phrase ("mình đã ib shop").
const AUXILIARIES: &[&[u8]] = &[
    b"da", b"co", b"moi", b"vua", b"cung", b"thi", b"phai", b"hay", b"se", b"dang", b"chi", b"duoc",
];
/// Words that make the pronoun a seller's ("bên mình nhận order", "shop mình").
const SELLER_OWNERS: &[&[u8]] = &[b"ben", b"shop", b"sop", b"nha", b"cua", b"page"];

/// The word ending at folded position `end` (exclusive) within the clause: its start, or `None` at a clause mark.
fn word_before(f: &[u8], end: usize) -> Option<usize> {
    word_span_before(f, end).map(|w| w.start)
}

/// The span of the word before folded position `end` within the clause (separators skipped), or `None` when a
/// clause mark or the start of the text comes first.
fn word_span_before(f: &[u8], end: usize) -> Option<Range<usize>> {
    let mut j = end;
    while j > 0 && !is_word(f[j - 1]) {
        if matches!(f[j - 1], b'.' | b',' | b'!' | b'?' | b'\n' | b';') {
            return None;
        }
        j -= 1;
    }
    let e = j;
    while j > 0 && is_word(f[j - 1]) {
        j -= 1;
    }
    (j < e).then_some(j..e)
}

fn word_at(f: &[u8], a: usize) -> &[u8] {
    let mut e = a;
    while e < f.len() && is_word(f[e]) {
        e += 1;
    }
    &f[a..e]
}

/// Is a first-person buyer the subject of the phrase at folded position `a`?
fn buyer_subject(f: &[u8], a: usize) -> bool {
    let Some(mut w) = word_before(f, a) else { return false };
    if AUXILIARIES.contains(&word_at(f, w)) {
        match word_before(f, w) {
            Some(v) => w = v,
            None => return false,
        }
    }
    BUYERS.contains(&word_at(f, w)) && !word_before(f, w).is_some_and(|v| SELLER_OWNERS.contains(&word_at(f, v)))
}

/// The catalogue as one list and its index, and the index of the buyer's words (`selling::CONSUMER`), built once
/// (about a third of a short post's detection time when built per call).
#[allow(clippy::type_complexity)]
fn compiled() -> &'static (Vec<&'static Phrase>, FirstIndex, FirstIndex) {
    static COMPILED: OnceLock<(Vec<&'static Phrase>, FirstIndex, FirstIndex)> = OnceLock::new();
    COMPILED.get_or_init(|| {
        let all: Vec<&'static Phrase> = phrases().collect();
        let index = FirstIndex::new(all.iter().map(|p| p.pat.as_bytes()));
        let consumer = FirstIndex::new(selling::CONSUMER.iter().map(|p| p.as_bytes()));
        (all, index, consumer)
    })
}

/// Cues being merged: overlapping matches of one kind become one cue, and each kind keeps at most
/// [`MAX_CUES_PER_KIND`] cues while the flags still see every match.
#[derive(Default)]
struct Merged {
    cues: Vec<Cue>,
    is_promotion: bool,
    disclosed: bool,
    /// Per kind: the index of its last cue and the end of the ground that cue covers.
    last: [Option<(usize, usize)>; CueKind::COUNT],
    count: [usize; CueKind::COUNT],
}

impl Merged {
    fn add(&mut self, f: Found, text: &str) {
        let k = f.kind as usize;
        // "mã freeship", "nhập mã FREESHIP": a sale word inside a discount code is the code, not a second cue (the
        // code's trigger comes first).
        if f.kind == CueKind::SaleOffer {
            if let Some((i, _)) = self.last[CueKind::DiscountCode as usize] {
                if self.cues[i].start <= f.span.start && f.span.end <= self.cues[i].end {
                    return;
                }
            }
        }
        self.is_promotion |= f.kind.is_promotion();
        self.disclosed |= f.kind == CueKind::Disclosure;
        if let Some((i, guard)) = self.last[k] {
            if f.trigger < guard {
                let c = &mut self.cues[i];
                if f.span.end > c.end {
                    c.end = f.span.end;
                    c.text = text[c.start..c.end].to_string();
                }
                self.last[k] = Some((i, guard.max(f.guard)));
                return;
            }
        }
        if self.count[k] == MAX_CUES_PER_KIND {
            return;
        }
        self.count[k] += 1;
        self.last[k] = Some((self.cues.len(), f.guard.max(f.span.end)));
        self.cues.push(Cue {
            kind: f.kind,
            text: text[f.span.clone()].to_string(),
            start: f.span.start,
            end: f.span.end,
            link: None,
        });
    }
}

fn phrase_matches(text: &str, folded: &Folded) -> Vec<Found> {
    let (all, index, _) = compiled();
    let f = &folded.bytes;
    let mut out = Vec::new();
    // Whether the post reads as a buyer's review: decided once, and only when a weak cue asks.
    let mut review: Option<bool> = None;
    let mut ids = Vec::new();
    for i in 0..f.len() {
        if i > 0 && is_word(f[i - 1]) {
            continue;
        }
        if let Some(end) = phone::number_at(f, i) {
            let span = folded.span(i, end);
            out.push(Found {
                kind: CueKind::ContactNumber,
                trigger: span.start,
                guard: span.end,
                span,
            });
        }
        if let Some(end) = phone::shop_handle_at(f, i) {
            let span = folded.span(i, end);
            out.push(Found {
                kind: CueKind::ShopTag,
                trigger: span.start,
                guard: span.end,
                span,
            });
        }
        index.candidates(f, i, &mut ids);
        for &n in &ids {
            let p = all[n as usize];
            let Some(e) = matcher::match_at(p.pat.as_bytes(), f, i) else {
                continue;
            };
            // A phrase the address goes on after ("liên hệ shop@shopee.vn") is part of the address.
            if f.get(e) == Some(&b'@') {
                continue;
            }
            if p.rule == Rule::Label && !label_position(f, i, e) {
                continue;
            }
            if p.kind.negatable() && negated(text, folded, i) {
                continue;
            }
            if !p.accented.is_empty() && !accent_ok(&text[folded.span(i, e)], p.accented) {
                continue;
            }
            let mut weak = p.rule == Rule::Weak || p.kind == CueKind::CounterfeitSlang;
            let cue = match p.rule {
                Rule::Code(need) => match markers::capture_code(text, folded, e, need) {
                    Some((a, b)) => a..b,
                    None if need == CodeNeed::Optional => {
                        weak = true;
                        i..e
                    }
                    None => continue,
                },
                Rule::Sms => match sms_code(text, folded, e) {
                    Some(b) => i..b,
                    None => continue,
                },
                _ => i..e,
            };
            if (weak || p.rule == Rule::Seller) && buyer_subject(f, i) {
                continue;
            }
            // A weak cue: not after a negation ("không thấy coupon"), not in a buyer's review.
            if weak && (negated(text, folded, i) || *review.get_or_insert_with(|| reads_as_review(f))) {
                continue;
            }
            let span = folded.span(cue.start, cue.end);
            let trigger = folded.span(i, e);
            out.push(Found {
                kind: p.kind,
                trigger: trigger.start,
                guard: trigger.end.max(span.end),
                span,
            });
        }
    }
    out
}

/// The end of an SMS code after "soạn" ending at folded `end`: the next token, written in upper-case ASCII letters
/// and digits (1–12 of them, "Q5", "D60G", "HUY", "1"), after spaces or a colon. "soạn bài" has none.
fn sms_code(text: &str, folded: &Folded, end: usize) -> Option<usize> {
    let f = &folded.bytes;
    let mut i = end;
    while i < f.len() && matches!(f[i], b' ' | b':' | b'\t' | b'\n') {
        i += 1;
    }
    let start = i;
    while i < f.len() && is_word(f[i]) {
        i += 1;
    }
    let code = text.get(folded.span(start, i))?;
    ((1..=12).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())).then_some(i)
}

/// Is the match `a..b` standing as a label: bracketed, followed by `:` or `|`, after `|`, or alone on its line?
fn label_position(f: &[u8], a: usize, b: usize) -> bool {
    let before = f[..a].iter().rev().find(|&&c| c != b' ' && c != b'\t').copied();
    let after = f[b..].iter().find(|&&c| c != b' ' && c != b'\t').copied();
    matches!(before, Some(b'(' | b'[' | b'|'))
        || matches!(after, Some(b':' | b')' | b']' | b'|'))
        || (matches!(before, None | Some(b'\n')) && matches!(after, None | Some(b'\n')))
}

/// Does a negation stand among the three words before folded position `a`, within the same clause?
fn negated(text: &str, folded: &Folded, a: usize) -> bool {
    let f = &folded.bytes;
    let mut j = a;
    for _ in 0..3 {
        let Some(w) = word_span_before(f, j) else {
            return false;
        };
        let end = w.end;
        j = w.start;
        let word = &f[j..end];
        if let Some((_, forms)) = NEGATIONS.iter().find(|(w, _)| *w == word) {
            let written = &text[folded.span(j, end)];
            if forms.is_empty() || (!written.is_ascii() && accent_ok(written, forms)) {
                return true;
            }
        }
    }
    false
}

/// Written without diacritics, or in decomposed form (which this core cannot compare without Unicode tables), any
/// spelling passes; written with precomposed diacritics, they must be one of `forms`.
fn accent_ok(written: &str, forms: &[&str]) -> bool {
    if written.is_ascii() || written.chars().any(|c| ('\u{300}'..='\u{36F}').contains(&c)) {
        return true;
    }
    let lower = crate::text::unicode::lowercase(written);
    let lower = lower.split_whitespace().collect::<Vec<_>>().join(" ");
    forms.iter().any(|f| *f == lower)
}

/// The longest prefix of `s` of at most `max` bytes that ends on a char boundary.
fn clip(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

pub(crate) fn truncate_chars(s: &str, max: usize) -> &str {
    match s.char_indices().nth(max) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

/// Converts byte offsets into `text` (any order, on char boundaries or past the end) into counts of units, where
/// `unit(c)` is how many units a char is (1 for chars, `len_utf16` for JavaScript string indices). One pass.
pub(crate) fn convert_offsets(text: &str, offsets: &[usize], unit: fn(char) -> usize) -> Vec<usize> {
    // Offsets come mostly in increasing order (cues are in text order), so the scan resumes where the last one
    // stopped and restarts only for an offset behind it.
    let (mut at, mut units) = (0usize, 0usize);
    offsets
        .iter()
        .map(|&target| {
            if target < at {
                (at, units) = (0, 0);
            }
            for c in text[at..].chars() {
                if at >= target {
                    break;
                }
                at += c.len_utf8();
                units += unit(c);
            }
            units
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(CueKind, String)> {
        detect(text, &[]).cues.into_iter().map(|c| (c.kind, c.text)).collect()
    }

    #[test]
    fn disclosure_labels_and_negation() {
        use CueKind::Disclosure as D;
        assert_eq!(kinds("[QC] Kem dưỡng"), [(D, "QC".to_string())]);
        assert_eq!(kinds("Quảng cáo: kem dưỡng"), [(D, "Quảng cáo".to_string())]);
        assert_eq!(kinds("Kem dưỡng\nQuảng cáo\nmua ngay"), [(D, "Quảng cáo".to_string())]);
        assert!(kinds("Quảng cáo sai sự thật quá").is_empty());
        assert!(kinds("Bài này không phải quảng cáo: mình tự mua").is_empty());
        assert!(kinds("This is not sponsored").is_empty());
        assert_eq!(
            kinds("Hợp tác có trả phí với X"),
            [(D, "Hợp tác có trả phí".to_string())]
        );
    }

    #[test]
    fn overlapping_matches_merge() {
        assert_eq!(
            kinds("Hàng rep 1:1 nha"),
            [(CueKind::CounterfeitSlang, "Hàng rep 1:1".to_string())]
        );
        assert_eq!(kinds("#sponsored"), [(CueKind::Disclosure, "#sponsored".to_string())]);
        assert_eq!(
            kinds("Nhập mã GIAM50 nhé"),
            [(CueKind::DiscountCode, "GIAM50".to_string())]
        );
    }

    #[test]
    fn accents_decide_ambiguous_phrases() {
        assert_eq!(kinds("Đầu tư bao lời").len(), 1);
        assert_eq!(kinds("dau tu bao loi").len(), 1);
        assert!(kinds("Vui lòng báo lỗi cho admin").is_empty());
        assert!(kinds("má GIAM50").is_empty());
    }
}
