//! Which posts of a feed get a "Báo cáo / Report" button. The content script sends each post's text and links in a
//! batch; a post is flagged when it promotes something (a shop or affiliate link, a code, "link in bio", an ad
//! disclosure) or carries a risk cue (counterfeit slang, a miracle claim, guaranteed returns), registered author or
//! not. The button's accessible name says why.

use crate::i18n::Lang;
use crate::promotion::detect;
use serde::Serialize;

/// The button drawn beside a flagged post.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PostFlag {
    /// The button's text: "Báo cáo" / "Report".
    pub label: &'static str,
    /// Tooltip and accessible name: why this post was flagged.
    pub title: String,
}

/// The flag for one post, or `None` when it shows no sign of a promotion.
pub fn post_flag(text: &str, links: &[&str], lang: Lang) -> Option<PostFlag> {
    let r = detect(text, links);
    let risky = r.cues.iter().any(|c| c.kind.is_risk());
    if !r.is_promotion && !risky {
        return None;
    }
    let why = crate::complaint::cues::view_of(&r, text, lang).summary;
    Some(PostFlag {
        label: lang.pick("Báo cáo", "Report"),
        title: [
            why,
            lang.pick(" — báo cáo với KOL Trust", " — report it with KOL Trust"),
        ]
        .concat(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn promotions_and_risks_are_flagged_ordinary_posts_are_not() {
        let cases: &[(&str, &[&str], Option<&str>)] = &[
            (
                "Nhập mã GIAM50 giảm ngay",
                &[],
                Some("Bài quảng cáo nhưng không ghi rõ là quảng cáo — báo cáo với KOL Trust"),
            ),
            (
                "Serum xịn #quangcao",
                &["https://shopee.vn/product/1/2"],
                Some("Bài quảng cáo, có ghi rõ là quảng cáo — báo cáo với KOL Trust"),
            ),
            (
                "Hàng rep 1:1 giá tốt",
                &[],
                Some("Có dấu hiệu đáng ngờ — báo cáo với KOL Trust"),
            ),
            ("Hôm nay trời đẹp, đi dạo hồ Tây", &[], None),
            (
                "Xem video mới của mình nhé",
                &["https://www.youtube.com/watch?v=abc"],
                None,
            ),
        ];
        for (text, links, title) in cases {
            assert_eq!(
                post_flag(text, links, Lang::Vi).map(|f| f.title).as_deref(),
                *title,
                "{text}"
            );
        }
        assert_eq!(post_flag("use code SARAH20", &[], Lang::En).unwrap().label, "Report");
    }
}
