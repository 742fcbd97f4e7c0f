//! What a report says about a post's promotion: a detection ([`PromotionReport`], from `promotion`) turned into the
//! complaint-ready [`PromotionFacts`] ([`facts_of`]), a category to suggest ([`suggested_category`]), and the report
//! dialog's view ([`view`]): every cue labelled in the reader's language (Vietnamese first, English second), a
//! one-line summary, offsets JavaScript can use. Built here, not in JavaScript, so the extension and the portal word
//! things the same way; the wasm glue (`wasm/src/extension/promotion.rs`) only converts it to a JS value.
//!
//! This lives with the complaint, not with detection: detection knows nothing of complaints, and a complaint's
//! limits ([`LIMITS`]) decide what of a detection it keeps.

use crate::complaint::{Category, Cue, PromotionFacts, LIMITS};
use crate::i18n::Lang;
use crate::promotion::{convert_offsets, detect, truncate_chars, CueKind, PromotionReport};
use serde::Serialize;

/// The report's cues as a complaint carries them ([`PromotionFacts`]): offsets become **character** (Unicode
/// scalar value) offsets into `text` — the same text given to [`detect`] — as the complaint model documents;
/// link cues keep `0, 0`; texts are cut to [`LIMITS`]`.cue_text_chars` characters; at most [`LIMITS`]`.cues`
/// cues are kept, no more than 8 of one kind, so the facts always pass [`crate::complaint::validate()`].
pub fn facts_of(report: &PromotionReport, text: &str) -> PromotionFacts {
    let mut per_kind = [0usize; CueKind::COUNT];
    let picked: Vec<&crate::promotion::Cue> = report
        .cues
        .iter()
        .filter(|c| {
            per_kind[c.kind as usize] += 1;
            per_kind[c.kind as usize] <= 8
        })
        .take(LIMITS.cues)
        .collect();
    let offsets: Vec<usize> = picked.iter().flat_map(|c| [c.start, c.end]).collect();
    let chars = convert_offsets(text, &offsets, |_| 1);
    PromotionFacts {
        cues: picked
            .iter()
            .enumerate()
            .map(|(n, c)| Cue {
                kind: c.kind.as_str().to_string(),
                text: truncate_chars(&c.text, LIMITS.cue_text_chars).to_string(),
                start: chars[2 * n] as u32,
                end: chars[2 * n + 1] as u32,
            })
            .collect(),
    }
}

/// A report category to suggest in the dialog (the reader chooses): counterfeit slang → counterfeit goods,
/// guaranteed returns → scam, miracle claims → misleading claim, an undisclosed promotion → undisclosed
/// advertising; otherwise none. The social-selling kinds (contact calls and numbers, prices, sales, ordering, live
/// selling, shop tags) only make a post a promotion: none of them says more about what is wrong with it, so they
/// suggest "undisclosed advertising" when nothing discloses it, like any promotion.
pub fn suggested_category(report: &PromotionReport) -> Option<Category> {
    let has = |k: CueKind| report.cues.iter().any(|c| c.kind == k);
    if has(CueKind::CounterfeitSlang) {
        Some(Category::CounterfeitOrPoorQuality)
    } else if has(CueKind::GuaranteedReturn) {
        Some(Category::ScamFraud)
    } else if has(CueKind::MiracleClaim) {
        Some(Category::MisleadingClaim)
    } else if report.is_promotion && !report.disclosed {
        Some(Category::UndisclosedAdvertising)
    } else {
        None
    }
}

/// One cue as the dialog shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CueView {
    /// What the cue shows.
    pub kind: CueKind,
    /// The kind in the reader's language.
    pub label: &'static str,
    /// The evidence: the matched words of the text, or what inside a link shows it (host, affiliate parameter).
    pub text: String,
    /// **UTF-16 code unit** offsets into the text (JavaScript string indices, for `text.slice(start, end)`), not
    /// the report's byte offsets; `0, 0` for link cues.
    pub start: usize,
    /// End UTF-16 offset (exclusive); `0` for link cues.
    pub end: usize,
    /// Index into the `links` argument for link cues.
    pub link: Option<usize>,
}

/// What the dialog needs from a detection.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PromotionView {
    /// The post promotes something (see [`PromotionReport::is_promotion`]).
    pub is_promotion: bool,
    /// The post says it is advertising.
    pub disclosed: bool,
    /// One line for the dialog's header.
    pub summary: &'static str,
    /// The category to preselect ([`suggested_category`]); `None` = no suggestion.
    pub suggested_category: Option<Category>,
    /// That category's localized name.
    pub suggested_category_label: Option<&'static str>,
    /// Every cue of the detection, labelled, with offsets for JavaScript.
    pub cues: Vec<CueView>,
    /// The cues as the complaint carries them (character offsets, complaint limits).
    pub facts: PromotionFacts,
}

/// Detects and labels: see [`detect`].
pub fn view(text: &str, links: &[&str], lang: Lang) -> PromotionView {
    let report = detect(text, links);
    view_of(&report, text, lang)
}

/// Labels an existing report of `text`.
pub fn view_of(report: &PromotionReport, text: &str, lang: Lang) -> PromotionView {
    let offsets: Vec<usize> = report.cues.iter().flat_map(|c| [c.start, c.end]).collect();
    let units = convert_offsets(text, &offsets, char::len_utf16);
    let has_risk = report.cues.iter().any(|c| c.kind.is_risk());
    let summary = match (report.is_promotion, report.disclosed, has_risk) {
        (true, true, _) => lang.pick(
            "Bài quảng cáo, có ghi rõ là quảng cáo",
            "A promotion, disclosed as advertising",
        ),
        (true, false, _) => lang.pick(
            "Bài quảng cáo nhưng không ghi rõ là quảng cáo",
            "A promotion without an advertising disclosure",
        ),
        (false, _, true) => lang.pick("Có dấu hiệu đáng ngờ", "Suspicious wording found"),
        (false, _, false) => lang.pick("Không thấy dấu hiệu quảng cáo", "No sign of a promotion"),
    };
    let category = suggested_category(report);
    PromotionView {
        is_promotion: report.is_promotion,
        disclosed: report.disclosed,
        summary,
        suggested_category: category,
        suggested_category_label: category.map(|c| c.label(lang)),
        cues: report
            .cues
            .iter()
            .enumerate()
            .map(|(n, c)| CueView {
                kind: c.kind,
                label: c.kind.label(lang),
                text: c.text.clone(),
                start: units[2 * n],
                end: units[2 * n + 1],
                link: c.link,
            })
            .collect(),
        facts: facts_of(report, text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_follow_the_language_and_offsets_are_utf16() {
        let text = "😍 Nhập mã GIAM50";
        let vi = view(text, &[], Lang::Vi);
        assert_eq!(vi.cues[0].label, "Mã giảm giá");
        assert_eq!(vi.summary, "Bài quảng cáo nhưng không ghi rõ là quảng cáo");
        assert_eq!(vi.suggested_category, Some(Category::UndisclosedAdvertising));
        // The emoji is two UTF-16 units: "GIAM50" starts at unit 11.
        assert_eq!((vi.cues[0].start, vi.cues[0].end), (11, 17));
        assert_eq!(vi.facts.cues[0].start, 10);
        let en = view(text, &[], Lang::En);
        assert_eq!(en.cues[0].label, "Discount code");
        assert_eq!(en.suggested_category_label, Some("Undisclosed advertising"));
    }

    #[test]
    fn facts_use_character_offsets_and_fit_the_limits() {
        let text = "Đẹp quá! Nhập mã GIAM50 #quangcao";
        let r = detect(text, &["https://shopee.vn/x"]);
        let facts = facts_of(&r, text);
        assert_eq!(facts.cues[0].kind, "discount_code");
        assert_eq!(facts.cues[0].start, 17);
        assert_eq!(facts.cues[0].end, 23);
        assert_eq!(facts.cues.last().unwrap().kind, "shop_link");
        assert_eq!(
            (facts.cues.last().unwrap().start, facts.cues.last().unwrap().end),
            (0, 0)
        );

        let spam = "#ad ".repeat(500) + &"hàng fake ".repeat(500);
        let r = detect(&spam, &[]);
        assert!(r.cues.len() <= crate::promotion::MAX_CUES);
        assert!(facts_of(&r, &spam).cues.len() <= LIMITS.cues);
    }

    #[test]
    fn social_selling_cues_are_labelled() {
        let text = "Ai cần ib em, zalo 0912 345 678, giá chỉ 39k, xả kho, chốt đơn, đang live, ghé shop mình nha";
        let vi = view(text, &[], Lang::Vi);
        let kinds: Vec<&str> = vi.cues.iter().map(|c| c.kind.as_str()).collect();
        for k in [
            "contact_call",
            "contact_number",
            "price_offer",
            "sale_offer",
            "ordering",
            "live_selling",
            "shop_tag",
        ] {
            assert!(kinds.contains(&k), "{k} missing from {kinds:?}");
        }
        assert!(vi.cues.iter().all(|c| !c.label.is_empty()));
        assert_eq!(vi.suggested_category, Some(Category::UndisclosedAdvertising));
        let en = view(text, &[], Lang::En);
        assert!(en.cues.iter().any(|c| c.label == "Phone or Zalo number"));
        for k in CueKind::ALL {
            assert_ne!(k.label(Lang::Vi), k.label(Lang::En), "{k:?}");
        }
        // A buyer's review that mentions a price and a voucher suggests nothing.
        assert_eq!(
            view("Mình dùng voucher còn 99k, giao hàng nhanh", &[], Lang::Vi).suggested_category,
            None
        );
    }

    #[test]
    fn suggested_categories() {
        let cat = |t: &str| suggested_category(&detect(t, &[]));
        assert_eq!(cat("Hàng like auth nha"), Some(Category::CounterfeitOrPoorQuality));
        assert_eq!(cat("Lợi nhuận 30%/tháng"), Some(Category::ScamFraud));
        assert_eq!(cat("Thần dược giảm cân"), Some(Category::MisleadingClaim));
        assert_eq!(cat("Link ở bio nha"), Some(Category::UndisclosedAdvertising));
        assert_eq!(cat("Link ở bio nha #quangcao"), None);
        assert_eq!(cat("Hôm nay trời đẹp"), None);
    }
}
