//! The report dialog's view of a detection: the [`PromotionReport`] with every cue labelled in the reader's
//! language (Vietnamese first, English second), a one-line summary, a suggested category, offsets JavaScript can
//! use, and the complaint-ready [`PromotionFacts`]. Built here, not in JavaScript, so the extension and the portal
//! word things the same way; `wasm::promotion` only converts it to a JS value.

use super::{convert_offsets, detect, CueKind, PromotionReport};
use crate::complaint::{Category, PromotionFacts};
use crate::i18n::Lang;
use serde::Serialize;

/// One cue as the dialog shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CueView {
    pub kind: CueKind,
    /// The kind in the reader's language.
    pub label: &'static str,
    pub text: String,
    /// **UTF-16 code unit** offsets into the text (JavaScript string indices, for `text.slice(start, end)`), not
    /// the report's byte offsets; `0, 0` for link cues.
    pub start: usize,
    pub end: usize,
    /// Index into the `links` argument for link cues.
    pub link: Option<usize>,
}

/// What the dialog needs from a detection.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PromotionView {
    pub is_promotion: bool,
    pub disclosed: bool,
    /// One line for the dialog's header.
    pub summary: &'static str,
    pub suggested_category: Option<Category>,
    pub suggested_category_label: Option<&'static str>,
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
    let category = report.suggested_category();
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
        facts: report.to_facts(text),
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
}
