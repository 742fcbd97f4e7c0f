//! How a look-alike warning explains itself: whom the account imitates and by which technique, in the words the
//! badge's tooltip, the card and the impersonation report's prefilled note use ([`crate::registry::lookalike`]
//! finds the imitation; this module only words it).

use crate::i18n::Lang;
use crate::platform::Platform;
use crate::registry::lookalike::{Imitation, LookalikeHit};
use crate::registry::{Registry, SnapshotError};
use crate::text::skeleton::Signs;

/// A look-alike hit put into words: whom it imitates and how. Made once per hit, for the badge's tooltip, the report
/// draft's note and the CLI (the card words it from its facts with [`why`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Explained {
    /// The imitated KOL's registered name.
    pub of_name: String,
    /// `Platform · account id` of the imitated account.
    pub of_subject: String,
    /// How it imitates it ([`why`]).
    pub why: String,
}

impl Explained {
    /// Words `hit`: reads the imitated record's name (its only registry read).
    pub fn of(registry: &Registry, hit: &LookalikeHit, lang: Lang) -> Result<Explained, SnapshotError> {
        let of_name = registry.display_name(hit.record)?;
        let of_subject = subject(hit.of_platform, &hit.of_account_id);
        let why = why(&hit.imitation, &of_name, &of_subject, lang);
        Ok(Explained {
            of_name,
            of_subject,
            why,
        })
    }
}

/// One technique in a phrase (`letters from another script that look Latin`).
fn technique(sign: Signs, decoration: Option<&str>, lang: Lang) -> String {
    let (vi, en) = match sign {
        Signs::OTHER_SCRIPT => (
            "chữ cái Kirin/Hy Lạp trông giống chữ Latinh",
            "Cyrillic/Greek letters that look Latin",
        ),
        Signs::STYLED => (
            "chữ kiểu (toàn độ rộng, chữ toán học)",
            "styled letters (fullwidth, mathematical)",
        ),
        Signs::DIGITS => ("số thay chữ (0→o, 1→l…)", "digits for letters (0→o, 1→l…)"),
        Signs::LETTER_PAIRS => (
            "cặp chữ thay một chữ (rn→m, vv→w)",
            "letter pairs for one letter (rn→m, vv→w)",
        ),
        Signs::REPEATS => ("chữ cái lặp lại", "a doubled letter"),
        Signs::SEPARATORS => (
            "thêm hoặc bớt dấu chấm, gạch dưới",
            "dots or underscores added or removed",
        ),
        Signs::VERIFIED_MARK => ("dấu tích xác minh giả", "a fake verification check mark"),
        _ => {
            let word = decoration.unwrap_or("official");
            return match lang {
                Lang::Vi => format!("thêm chữ «{word}»"),
                Lang::En => format!("the added word “{word}”"),
            };
        }
    };
    lang.pick(vi, en).to_string()
}

/// The techniques an imitation uses, as a comma-separated phrase.
pub fn techniques(imitation: &Imitation, lang: Lang) -> String {
    let (signs, decoration) = match imitation {
        Imitation::Handle { signs, decoration } => (*signs, decoration.as_deref()),
        Imitation::DisplayName { signs, decoration, .. } => (*signs, decoration.as_deref()),
    };
    let parts: Vec<String> = Signs::ALL
        .iter()
        .filter(|s| signs.contains(**s))
        .map(|s| technique(*s, decoration, lang))
        .collect();
    if parts.is_empty() {
        return lang.pick("cùng tên hiển thị", "the same display name").to_string();
    }
    parts.join(", ")
}

/// One sentence: why this account looks like `of_name`'s `of_account` (`platform · id`).
pub fn why(imitation: &Imitation, of_name: &str, of_subject: &str, lang: Lang) -> String {
    let how = techniques(imitation, lang);
    match (imitation, lang) {
        (Imitation::Handle { .. }, Lang::Vi) => {
            format!("Tên tài khoản gần giống {of_subject} của {of_name}: {how}.")
        }
        (Imitation::Handle { .. }, Lang::En) => {
            format!("Its handle looks like {of_subject} of {of_name}: {how}.")
        }
        (Imitation::DisplayName { shown, registered, .. }, Lang::Vi) => format!(
            "Tài khoản hiển thị tên «{shown}» — tên «{registered}» của KOL đã đăng ký {of_name} ({of_subject}): {how}."
        ),
        (Imitation::DisplayName { shown, registered, .. }, Lang::En) => format!(
            "It shows the name “{shown}” — “{registered}”, the name of registered KOL {of_name} ({of_subject}): {how}."
        ),
    }
}

/// `Platform · id` of the imitated account.
pub fn subject(platform: Platform, account_id: &str) -> String {
    [platform.display_name(), " · ", account_id].concat()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn explanations_name_each_technique_in_both_languages() {
        let i = Imitation::Handle {
            signs: Signs(Signs::OTHER_SCRIPT.0 | Signs::DECORATION.0),
            decoration: Some("official".into()),
        };
        let vi = why(&i, "Lê Ngọc Minh", "TikTok · lanreview", Lang::Vi);
        assert!(
            vi.contains("Kirin") && vi.contains("«official»") && vi.contains("Lê Ngọc Minh"),
            "{vi}"
        );
        let en = why(&i, "Lê Ngọc Minh", "TikTok · lanreview", Lang::En);
        assert!(en.contains("Cyrillic") && en.contains("official"), "{en}");
        let d = Imitation::DisplayName {
            shown: "Le Ngoc Minh Store".into(),
            registered: "Lê Ngọc Minh".into(),
            signs: Signs::DECORATION,
            decoration: Some("store".into()),
        };
        assert!(why(&d, "Lê Ngọc Minh", "TikTok · lanreview", Lang::Vi).contains("«Le Ngoc Minh Store»"));
    }
}
