//! The rules a complaint must meet. Every failure is a [`FieldError`]: the JSON path of the field, a **stable**
//! code (clients and tests match on it; never rename one) and a message in Vietnamese and English. All failures are
//! reported at once, so a form can mark every wrong field.
//!
//! | code | field | rule |
//! | --- | --- | --- |
//! | `id_invalid` | `id` | 8–64 characters of `A–Z a–z 0–9 - _` (a UUID fits) |
//! | `platform_unknown` | `profile.platform` | one of [`Platform::ALL`] |
//! | `id_type_unknown` | `profile.id_type` | one of [`IdType::ALL`] |
//! | `account_id_invalid` | `profile.account_id` | canonical for its id type (registry rules) |
//! | `url_invalid` | `profile.url`, `page_url` | an http(s) URL of at most [`Limits::url`] bytes |
//! | `category_unknown` | `category` | one of [`Category::ALL`] |
//! | `note_too_long` / `note_invalid` / `note_required` | `note` | ≤ [`Limits::note_chars`] characters, no control characters but newline and tab; required for `other` |
//! | `promotion_invalid` | `promotion.cues[i]` | ≤ [`Limits::cues`] cues, `kind` a short snake_case word, `text` ≤ [`Limits::cue_text_chars`], `start ≤ end` |
//! | `screenshot_invalid` / `screenshot_too_large` | `screenshot` | a PNG or JPEG as a `data:` URL or bare base64, ≤ [`Limits::screenshot_bytes`] decoded |
//! | `contact_without_consent` / `contact_invalid` | `contact` | consent must be `true`; 1–[`Limits::contact_chars`] characters |
//! | `locale_invalid` | `locale` | `vi` or `en` |
//! | `created_invalid` | `created` | Unix milliseconds between 2024-01-01 and 2100-01-01 |

use super::model::{Category, ComplaintSubmission, Screenshot, ValidComplaint};
use crate::i18n::Lang;
use crate::platform::{AccountKey, IdType, Platform};
use crate::recognize::canonical_url;
use crate::registry::model::account_id_problem;
use serde::Serialize;

/// Size bounds. The server's body limit (2 MB) sits above the largest valid submission.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Longest URL (`profile.url`, `page_url`), in bytes, before and after canonicalization.
    pub url: usize,
    /// Longest note, in characters (Unicode scalar values), after trimming.
    pub note_chars: usize,
    /// Most promotion cues in one complaint.
    pub cues: usize,
    /// Longest cue text, in characters ([`crate::promotion::MAX_CUE_TEXT_CHARS`]).
    pub cue_text_chars: usize,
    /// Largest screenshot, in decoded bytes.
    pub screenshot_bytes: usize,
    /// Longest contact value, in characters, after trimming.
    pub contact_chars: usize,
}

/// The bounds every validator applies: URLs 2,048 bytes, note 2,000 characters, 32 cues of 280 characters,
/// screenshot 1.5 MB decoded, contact 200 characters.
pub const LIMITS: Limits = Limits {
    url: 2048,
    note_chars: 2000,
    cues: 32,
    cue_text_chars: crate::promotion::MAX_CUE_TEXT_CHARS,
    screenshot_bytes: 1_500_000,
    contact_chars: 200,
};

/// One rejected field.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FieldError {
    /// JSON path of the field, e.g. `profile.account_id`, `promotion.cues[2]`.
    pub field: String,
    /// Stable machine code (see the module table).
    pub code: &'static str,
}

impl FieldError {
    fn new(field: impl Into<String>, code: &'static str) -> FieldError {
        FieldError {
            field: field.into(),
            code,
        }
    }

    /// The message a person reads.
    pub fn message(&self, lang: Lang) -> &'static str {
        message_for(self.code, lang)
    }
}

/// The message for a validation code (see the module table), also for codes the server sent back; an unknown code
/// reads "invalid value".
pub fn message_for(code: &str, lang: Lang) -> &'static str {
    let (vi, en) = match code {
        "id_invalid" => (
            "Mã phản ánh không hợp lệ (8–64 ký tự chữ, số, '-' hoặc '_').",
            "Invalid report id (8–64 letters, digits, '-' or '_').",
        ),
        "platform_unknown" => ("Nền tảng không được hỗ trợ.", "Unsupported platform."),
        "id_type_unknown" => ("Loại định danh tài khoản không hợp lệ.", "Unknown account id type."),
        "account_id_invalid" => ("Định danh tài khoản không hợp lệ.", "Invalid account id."),
        "url_invalid" => ("Đường dẫn không hợp lệ.", "Invalid URL."),
        "category_unknown" => ("Vui lòng chọn loại phản ánh.", "Please choose a report category."),
        "note_too_long" => (
            "Nội dung mô tả quá dài (tối đa 2000 ký tự).",
            "The note is too long (2,000 characters at most).",
        ),
        "note_invalid" => (
            "Nội dung mô tả chứa ký tự không hợp lệ.",
            "The note contains invalid characters.",
        ),
        "note_required" => ("Vui lòng mô tả vấn đề.", "Please describe the problem."),
        "promotion_invalid" => (
            "Dữ liệu quảng cáo phát hiện được không hợp lệ.",
            "Invalid detected promotion data.",
        ),
        "screenshot_invalid" => (
            "Ảnh chụp màn hình phải là PNG hoặc JPEG.",
            "The screenshot must be a PNG or JPEG image.",
        ),
        "screenshot_too_large" => (
            "Ảnh chụp màn hình quá lớn (tối đa 1,5 MB).",
            "The screenshot is too large (1.5 MB at most).",
        ),
        "contact_without_consent" => (
            "Bạn cần đồng ý để gửi thông tin liên hệ.",
            "Contact details are only sent with your consent.",
        ),
        "contact_invalid" => ("Thông tin liên hệ không hợp lệ.", "Invalid contact details."),
        "locale_invalid" => ("Ngôn ngữ phải là vi hoặc en.", "Language must be vi or en."),
        "created_invalid" => ("Thời điểm tạo không hợp lệ.", "Invalid creation time."),
        _ => ("Giá trị không hợp lệ.", "Invalid value."),
    };
    lang.pick(vi, en)
}

fn is_id_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-' || b == b'_'
}

fn url_field(value: &Option<String>, field: &str, errs: &mut Vec<FieldError>) -> Option<String> {
    let v = value.as_deref().map(str::trim).filter(|v| !v.is_empty())?;
    let lower = v.get(..8).unwrap_or(v).to_ascii_lowercase();
    let ok = v.len() <= LIMITS.url && (lower.starts_with("https://") || lower.starts_with("http://"));
    match canonical_url(v).filter(|_| ok) {
        Some(c) if c.len() <= LIMITS.url => Some(c),
        _ => {
            errs.push(FieldError::new(field, "url_invalid"));
            None
        }
    }
}

fn b64_value(c: u8) -> Option<u8> {
    match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    }
}

/// Checks a screenshot without decoding it whole: the alphabet, the length, and the image magic of the first bytes.
fn screenshot(value: &str) -> Result<Screenshot, &'static str> {
    let (declared, data) = match value.strip_prefix("data:") {
        Some(rest) => {
            let (head, data) = rest.split_once(',').ok_or("screenshot_invalid")?;
            let mime = head.strip_suffix(";base64").ok_or("screenshot_invalid")?;
            match mime {
                "image/png" | "image/jpeg" | "image/jpg" => (Some(mime), data),
                _ => return Err("screenshot_invalid"),
            }
        }
        None => (None, value),
    };
    let b = data.as_bytes();
    if b.len() / 4 * 3 > LIMITS.screenshot_bytes + 3 {
        return Err("screenshot_too_large");
    }
    if b.len() < 16 || b.len() % 4 != 0 {
        return Err("screenshot_invalid");
    }
    let pad = b.iter().rev().take_while(|&&c| c == b'=').count();
    if pad > 2 || b[..b.len() - pad].iter().any(|&c| b64_value(c).is_none()) {
        return Err("screenshot_invalid");
    }
    let bytes = b.len() / 4 * 3 - pad;
    if bytes > LIMITS.screenshot_bytes {
        return Err("screenshot_too_large");
    }
    let mut head = [0u8; 12];
    for (i, chunk) in b[..16].chunks(4).enumerate() {
        let n = chunk
            .iter()
            .fold(0u32, |n, &c| n << 6 | b64_value(c).unwrap_or(0) as u32);
        head[i * 3..i * 3 + 3].copy_from_slice(&n.to_be_bytes()[1..]);
    }
    let mime = if head.starts_with(b"\x89PNG\r\n\x1a\n") {
        "image/png"
    } else if head.starts_with(&[0xFF, 0xD8, 0xFF]) {
        "image/jpeg"
    } else {
        return Err("screenshot_invalid");
    };
    if declared.is_some_and(|d| (d == "image/png") != (mime == "image/png")) {
        return Err("screenshot_invalid");
    }
    Ok(Screenshot {
        mime: mime.to_string(),
        base64: data.to_string(),
        bytes: bytes as u32,
    })
}

/// Validates a submission: the typed complaint, or every problem found.
pub fn validate(s: &ComplaintSubmission) -> Result<ValidComplaint, Vec<FieldError>> {
    let mut errs = Vec::new();
    let id = s.id.trim();
    if !(8..=64).contains(&id.len()) || !id.bytes().all(is_id_char) {
        errs.push(FieldError::new("id", "id_invalid"));
    }
    let platform = Platform::parse(s.profile.platform.trim());
    if platform.is_none() {
        errs.push(FieldError::new("profile.platform", "platform_unknown"));
    }
    let id_type = IdType::parse(s.profile.id_type.trim());
    if id_type.is_none() {
        errs.push(FieldError::new("profile.id_type", "id_type_unknown"));
    }
    let account_id = s.profile.account_id.trim();
    if id_type.is_none_or(|t| account_id_problem(t, account_id).is_some()) {
        errs.push(FieldError::new("profile.account_id", "account_id_invalid"));
    }
    let profile_url = url_field(&s.profile.url, "profile.url", &mut errs);
    let page_url = url_field(&s.page_url, "page_url", &mut errs);
    let category = Category::parse(s.category.trim());
    if category.is_none() {
        errs.push(FieldError::new("category", "category_unknown"));
    }
    let note = s.note.trim();
    if note.chars().count() > LIMITS.note_chars {
        errs.push(FieldError::new("note", "note_too_long"));
    } else if note
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t' && c != '\r')
    {
        errs.push(FieldError::new("note", "note_invalid"));
    } else if note.is_empty() && category == Some(Category::Other) {
        errs.push(FieldError::new("note", "note_required"));
    }
    if s.promotion.cues.len() > LIMITS.cues {
        errs.push(FieldError::new("promotion.cues", "promotion_invalid"));
    } else {
        for (i, c) in s.promotion.cues.iter().enumerate() {
            let kind_ok = (1..=32).contains(&c.kind.len())
                && c.kind
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
            if !kind_ok || c.text.chars().count() > LIMITS.cue_text_chars || c.start > c.end {
                errs.push(FieldError::new(format!("promotion.cues[{i}]"), "promotion_invalid"));
            }
        }
    }
    let shot = match s.screenshot.as_deref().filter(|v| !v.is_empty()) {
        None => None,
        Some(v) => match screenshot(v) {
            Ok(shot) => Some(shot),
            Err(code) => {
                errs.push(FieldError::new("screenshot", code));
                None
            }
        },
    };
    let contact = match &s.contact {
        Some(c) if !c.consent => {
            errs.push(FieldError::new("contact", "contact_without_consent"));
            None
        }
        Some(c) => {
            let v = c.value.trim();
            if v.is_empty() || v.chars().count() > LIMITS.contact_chars || v.chars().any(char::is_control) {
                errs.push(FieldError::new("contact.value", "contact_invalid"));
            }
            Some(v.to_string())
        }
        None => None,
    };
    let locale = match s.locale.trim() {
        "vi" => Some(Lang::Vi),
        "en" => Some(Lang::En),
        _ => {
            errs.push(FieldError::new("locale", "locale_invalid"));
            None
        }
    };
    // 2024-01-01 .. 2100-01-01 in Unix milliseconds.
    if !(1_704_067_200_000..4_102_444_800_000).contains(&s.created) {
        errs.push(FieldError::new("created", "created_invalid"));
    }
    match (platform, id_type, category, locale) {
        (Some(platform), Some(id_type), Some(category), Some(locale)) if errs.is_empty() => Ok(ValidComplaint {
            id: id.to_string(),
            profile: AccountKey::new(platform, id_type, account_id),
            profile_url,
            page_url,
            category,
            note: note.to_string(),
            promotion: s.promotion.clone(),
            screenshot: shot,
            contact,
            locale,
            created: s.created,
        }),
        _ => Err(errs),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::complaint::model::{Contact, Cue, ProfileRef};

    /// A valid submission (also the outbox tests' starting point).
    pub(crate) fn good() -> ComplaintSubmission {
        ComplaintSubmission {
            id: "5f0c3a2e-8a1b-4c4d-9e2f-0123456789ab".into(),
            profile: ProfileRef {
                platform: "tiktok".into(),
                id_type: "handle".into(),
                account_id: "lan.review.demo0".into(),
                url: Some("https://www.tiktok.com/@lan.review.demo0?lang=vi".into()),
            },
            page_url: Some("https://www.tiktok.com/@lan.review.demo0/video/7300000000000000001?utm_source=x".into()),
            category: "misleading_claim".into(),
            note: "Quảng cáo sai".into(),
            locale: "vi".into(),
            created: 1_764_374_400_000,
            ..Default::default()
        }
    }

    fn codes(s: &ComplaintSubmission) -> Vec<&'static str> {
        validate(s).err().unwrap_or_default().iter().map(|e| e.code).collect()
    }

    #[test]
    fn accepts_and_canonicalizes() {
        let v = validate(&good()).unwrap();
        assert_eq!(v.category, Category::MisleadingClaim);
        assert!(!v.page_url.unwrap().contains("utm_source"));
        assert_eq!(v.locale, Lang::Vi);
    }

    #[test]
    fn reports_every_problem_with_stable_codes() {
        let mut s = good();
        s.id = "short".into();
        s.profile.platform = "myspace".into();
        s.category = "bad".into();
        s.locale = "fr".into();
        s.page_url = Some("javascript:alert(1)".into());
        s.contact = Some(Contact {
            value: "a@example.org".into(),
            consent: false,
        });
        s.note = "x".repeat(2001);
        s.promotion.cues.push(Cue {
            kind: "Bad Kind".into(),
            text: "t".into(),
            start: 3,
            end: 1,
        });
        assert_eq!(
            codes(&s),
            [
                "id_invalid",
                "platform_unknown",
                "url_invalid",
                "category_unknown",
                "note_too_long",
                "promotion_invalid",
                "contact_without_consent",
                "locale_invalid"
            ]
        );
        for e in validate(&s).unwrap_err() {
            assert_ne!(e.message(Lang::Vi), e.message(Lang::En));
        }
    }

    #[test]
    fn account_ids_follow_registry_rules() {
        let mut s = good();
        s.profile.account_id = "Lan.Review".into();
        assert_eq!(codes(&s), ["account_id_invalid"]);
        s.profile.id_type = "nope".into();
        assert_eq!(codes(&s), ["id_type_unknown", "account_id_invalid"]);
    }

    #[test]
    fn account_ids_with_direction_or_zero_width_characters_are_refused() {
        // "lan.review" with a right-to-left override (a moderator would read it reversed), with a zero-width space
        // and with a word joiner: each could pass for the registered account it imitates.
        for id in [
            "lan.\u{202E}weiver",
            "lan\u{200B}.review",
            "lan.\u{2060}review",
            "\u{FEFF}lan.review",
        ] {
            let mut s = good();
            s.profile.account_id = id.into();
            assert_eq!(codes(&s), ["account_id_invalid"], "{id:?}");
        }
    }

    #[test]
    fn screenshots() {
        let png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";
        let mut s = good();
        s.screenshot = Some(format!("data:image/png;base64,{png}"));
        assert_eq!(validate(&s).unwrap().screenshot.unwrap().mime, "image/png");
        s.screenshot = Some(png.into());
        assert!(validate(&s).is_ok());
        s.screenshot = Some(format!("data:image/jpeg;base64,{png}"));
        assert_eq!(codes(&s), ["screenshot_invalid"]);
        s.screenshot = Some("data:text/html;base64,PGh0bWw+PC9odG1sPg==".into());
        assert_eq!(codes(&s), ["screenshot_invalid"]);
        s.screenshot = Some(format!("data:image/png;base64,{png}{}", "A".repeat(2_100_000)));
        assert_eq!(codes(&s), ["screenshot_too_large"]);
    }

    #[test]
    fn other_needs_a_note_and_contact_needs_a_value() {
        let mut s = good();
        s.category = "other".into();
        s.note = "  ".into();
        s.contact = Some(Contact {
            value: String::new(),
            consent: true,
        });
        assert_eq!(codes(&s), ["note_required", "contact_invalid"]);
    }
}
