//! The preview: the draft plus the person's edits become exactly the [`ComplaintSubmission`] the worker will send,
//! checked with [`validate`] (the server's own rules), and the list of what will be sent in words a person reads.
//! The dialog shows that list and sends *this* submission on the second click; nothing else leaves the device.
//!
//! Contact details go only with consent: without the box ticked, whatever was typed is dropped here, not sent.
//! The screenshot is produced by the worker following [`screenshot_step`] until [`screenshot_fits`].

use super::labels::ItemLabels;
use super::{resolve, ReportContext, ReportDraft};
use crate::complaint::model::{Category, ComplaintSubmission, Contact, ProfileRef};
use crate::complaint::validate::{validate, LIMITS};
use crate::i18n::Lang;
use serde::Serialize;

/// What the person chose in the dialog, plus the two values only the worker's environment has.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReportEdits {
    /// Client id for idempotency (`crypto.randomUUID()`).
    pub id: String,
    /// `Date.now()`.
    pub created: i64,
    /// The chosen category's string form (e.g. `misleading_claim`).
    pub category: String,
    /// The person's description as typed (trimmed when the submission is built).
    pub note: String,
    /// The attached screenshot as a `data:` URL, if the person attached one.
    pub screenshot: Option<String>,
    /// Contact details as typed; sent only with `consent`.
    pub contact: String,
    /// Whether the person ticked the box to be contacted; without it `contact` is dropped.
    pub consent: bool,
}

/// One line of "what will be sent".
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PreviewItem {
    /// What the line is, localized, e.g. "Hồ sơ" / "Profile".
    pub label: &'static str,
    /// What will be sent, in words (localized "none"/"not sent" when empty); may span lines.
    pub value: String,
}

/// One problem, for the field it belongs to, in the person's language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PreviewError {
    /// JSON path of the submission field (as [`crate::complaint::FieldError::field`]), or `profile` when no
    /// profile was recognized.
    pub field: String,
    /// Stable validation code, or `profile_missing`.
    pub code: &'static str,
    /// What to fix, in the person's language.
    pub message: &'static str,
}

/// The preview: the list a person reads and, when every rule passes, the submission to send.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ReportPreview {
    /// "What will be sent", one line per part of the submission; empty when there is no profile.
    pub items: Vec<PreviewItem>,
    /// Every rule the submission breaks; empty when it can be sent.
    pub errors: Vec<PreviewError>,
    /// Present exactly when `errors` is empty.
    pub submission: Option<ComplaintSubmission>,
}

fn kilobytes(bytes: u32) -> String {
    [&(bytes as u64).div_ceil(1024).to_string(), " KB"].concat()
}

/// Builds the submission and its preview from the context the draft was made from and the person's edits.
pub fn preview(ctx: &ReportContext, draft: &ReportDraft, edits: &ReportEdits, lang: Lang) -> ReportPreview {
    let l = ItemLabels::new(lang);
    let mut errors = Vec::new();
    let Some(profile) = &draft.profile else {
        errors.push(PreviewError {
            field: "profile".into(),
            code: "profile_missing",
            message: draft.labels.get("no_profile"),
        });
        return ReportPreview {
            items: Vec::new(),
            errors,
            submission: None,
        };
    };
    let contact = edits.consent.then(|| Contact {
        value: edits.contact.trim().to_string(),
        consent: true,
    });
    let shot = edits.screenshot.clone().filter(|s| !s.is_empty());
    let submission = ComplaintSubmission {
        id: edits.id.clone(),
        profile: ProfileRef {
            platform: profile.platform.into(),
            id_type: profile.id_type.into(),
            account_id: profile.account_id.clone(),
            url: Some(profile.url.clone()),
        },
        page_url: draft.link.clone().or_else(|| resolve(ctx).link),
        category: edits.category.clone(),
        note: edits.note.trim().to_string(),
        promotion: draft.promotion.facts.clone(),
        screenshot: shot,
        contact,
        locale: lang.as_str().into(),
        created: edits.created,
    };
    let valid = validate(&submission);
    let shot_line = match &valid {
        Ok(v) => v.screenshot.as_ref().map(|s| {
            [
                s.mime.strip_prefix("image/").unwrap_or(&s.mime),
                ", ",
                &kilobytes(s.bytes),
            ]
            .concat()
        }),
        Err(_) => submission.screenshot.as_ref().map(|_| l.none.to_string()),
    };
    let or_none = |s: &str| {
        if s.is_empty() {
            l.none.to_string()
        } else {
            s.to_string()
        }
    };
    let cues: Vec<String> = draft
        .promotion
        .cues
        .iter()
        .map(|c| [c.label, ": ", &c.text].concat())
        .collect();
    let who = match &profile.name {
        Some(name) => [name, " — ", &profile.subject, " (", &profile.state_label, ")"].concat(),
        None => [&profile.subject, " (", &profile.state_label, ")"].concat(),
    };
    let items = vec![
        (l.profile, [who.as_str(), "\n", &profile.url].concat()),
        (l.link, or_none(submission.page_url.as_deref().unwrap_or(""))),
        (
            l.category,
            Category::parse(&submission.category).map_or_else(|| l.none.to_string(), |c| c.label(lang).to_string()),
        ),
        (l.note, or_none(&submission.note)),
        (l.cues, or_none(&cues.join("\n"))),
        (l.screenshot, shot_line.unwrap_or_else(|| l.not_attached.to_string())),
        (
            l.contact,
            submission
                .contact
                .as_ref()
                .map_or_else(|| l.not_sent.to_string(), |c| or_none(&c.value)),
        ),
        (l.language, l.language_name.to_string()),
        (l.id, submission.id.clone()),
    ]
    .into_iter()
    .map(|(label, value)| PreviewItem { label, value })
    .collect();
    match valid {
        Ok(_) => ReportPreview {
            items,
            errors,
            submission: Some(submission),
        },
        Err(errs) => {
            errors.extend(errs.into_iter().map(|e| PreviewError {
                message: e.message(lang),
                code: e.code,
                field: e.field,
            }));
            ReportPreview {
                items,
                errors,
                submission: None,
            }
        }
    }
}

/// The screenshot encodings tried in turn: (largest width in CSS pixels, JPEG quality in percent). A visible tab
/// is rarely over 300 KB at the first step; the last keeps even a 4K screen far under the limit.
pub const SCREENSHOT_STEPS: &[(u32, u32)] = &[(1600, 80), (1280, 70), (1024, 60), (800, 50)];

/// The encoding to try at `attempt` (0-based), or `None` when every step was tried.
pub fn screenshot_step(attempt: usize) -> Option<(u32, u32)> {
    SCREENSHOT_STEPS.get(attempt).copied()
}

/// Whether a `data:` URL of `len` characters is a screenshot the complaint rules accept by size.
pub fn screenshot_fits(len: usize) -> bool {
    len / 4 * 3 <= LIMITS.screenshot_bytes
}

#[cfg(test)]
mod tests {
    use super::super::draft;
    use super::*;
    use crate::testing::{demo_registry, NOW};

    const PNG: &str = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

    fn post() -> ReportContext {
        ReportContext {
            profile_url: Some("https://www.facebook.com/shop.my.pham.demo?__cft__[0]=AZX".into()),
            post_url: Some(
                "https://www.facebook.com/shop.my.pham.demo/posts/pfbid0abc?__cft__[0]=AZX&__tn__=%2CO".into(),
            ),
            page_url: "https://www.facebook.com/?sk=h_chr".into(),
            text: "Kem trị nám khỏi hẳn sau 7 ngày, inbox mã GIAM50 <img src=x onerror=alert(1)>".into(),
            ..Default::default()
        }
    }

    fn edits() -> ReportEdits {
        ReportEdits {
            id: "5f0c3a2e-8a1b-4c4d-9e2f-0123456789ab".into(),
            created: 1_795_928_400_000,
            category: "misleading_claim".into(),
            note: "  Quảng cáo sai sự thật  ".into(),
            ..Default::default()
        }
    }

    fn run(ctx: &ReportContext, e: &ReportEdits, lang: Lang) -> ReportPreview {
        let reg = demo_registry(NOW);
        preview(ctx, &draft(&reg, ctx, lang).unwrap(), e, lang)
    }

    fn item<'a>(p: &'a ReportPreview, label: &str) -> &'a str {
        &p.items.iter().find(|i| i.label == label).unwrap().value
    }

    #[test]
    fn the_submission_is_what_the_preview_lists() {
        let p = run(&post(), &edits(), Lang::Vi);
        assert!(p.errors.is_empty(), "{:?}", p.errors);
        let s = p.submission.as_ref().unwrap();
        assert_eq!(
            (s.profile.platform.as_str(), s.profile.account_id.as_str()),
            ("facebook", "shop.my.pham.demo")
        );
        assert_eq!(
            s.profile.url.as_deref(),
            Some("https://www.facebook.com/shop.my.pham.demo")
        );
        assert_eq!(
            s.page_url.as_deref(),
            Some("https://www.facebook.com/shop.my.pham.demo/posts/pfbid0abc")
        );
        assert_eq!(
            (s.category.as_str(), s.note.as_str(), s.locale.as_str()),
            ("misleading_claim", "Quảng cáo sai sự thật", "vi")
        );
        assert!(s
            .promotion
            .cues
            .iter()
            .any(|c| c.kind == "discount_code" && c.text == "GIAM50"));
        assert_eq!((s.contact.as_ref(), s.screenshot.as_ref()), (None, None));
        assert_eq!(
            item(&p, "Đường dẫn"),
            "https://www.facebook.com/shop.my.pham.demo/posts/pfbid0abc"
        );
        assert_eq!(item(&p, "Loại phản ánh"), "Quảng cáo sai sự thật");
        assert_eq!(item(&p, "Liên hệ"), "Không gửi");
        assert_eq!(item(&p, "Ảnh chụp màn hình"), "Không đính kèm");
        assert!(item(&p, "Dấu hiệu phát hiện").contains("Mã giảm giá: GIAM50"));
        assert!(item(&p, "Hồ sơ").starts_with("Facebook · shop.my.pham.demo (Chưa có trong sổ đăng ký)"));
    }

    /// (edits, expected error codes, contact line) — contact only with consent; every error in the person's language.
    #[test]
    fn contact_consent_and_errors() {
        let typed_no_consent = ReportEdits {
            contact: "lan@example.org".into(),
            ..edits()
        };
        let consent = ReportEdits {
            contact: "lan@example.org".into(),
            consent: true,
            ..edits()
        };
        let consent_empty = ReportEdits {
            consent: true,
            ..edits()
        };
        let other_empty = ReportEdits {
            category: "other".into(),
            note: " ".into(),
            ..edits()
        };
        let bad = ReportEdits {
            id: "x".into(),
            category: "nope".into(),
            screenshot: Some("data:text/html,<b>".into()),
            ..edits()
        };
        let shot = ReportEdits {
            screenshot: Some(PNG.into()),
            ..edits()
        };
        let cases: &[(&ReportEdits, &[&str], &str)] = &[
            (&typed_no_consent, &[], "Không gửi"),
            (&consent, &[], "lan@example.org"),
            (&consent_empty, &["contact_invalid"], "(không có)"),
            (&other_empty, &["note_required"], "Không gửi"),
            (
                &bad,
                &["id_invalid", "category_unknown", "screenshot_invalid"],
                "Không gửi",
            ),
            (&shot, &[], "Không gửi"),
        ];
        for (i, (e, codes, contact)) in cases.iter().enumerate() {
            let p = run(&post(), e, Lang::Vi);
            assert_eq!(p.errors.iter().map(|e| e.code).collect::<Vec<_>>(), *codes, "case {i}");
            assert_eq!(p.submission.is_some(), codes.is_empty(), "case {i}");
            assert_eq!(item(&p, "Liên hệ"), *contact, "case {i}");
            if !codes.is_empty() {
                assert_ne!(p.errors[0].message, run(&post(), e, Lang::En).errors[0].message);
            }
        }
        let p = run(&post(), &shot, Lang::En);
        assert_eq!(item(&p, "Screenshot"), "png, 1 KB");
        assert_eq!(p.submission.unwrap().screenshot.as_deref(), Some(PNG));
    }

    #[test]
    fn no_profile_no_submission() {
        let c = ReportContext {
            page_url: "https://example.org/".into(),
            ..Default::default()
        };
        let p = run(&c, &edits(), Lang::En);
        assert_eq!(p.errors[0].code, "profile_missing");
        assert!(p.submission.is_none() && p.items.is_empty());
    }

    #[test]
    fn screenshot_steps_shrink_until_they_fit() {
        assert_eq!(screenshot_step(0), Some((1600, 80)));
        assert!(SCREENSHOT_STEPS.windows(2).all(|w| w[1].0 < w[0].0 && w[1].1 < w[0].1));
        assert_eq!(screenshot_step(SCREENSHOT_STEPS.len()), None);
        assert!(screenshot_fits(2_000_000));
        assert!(!screenshot_fits(2_000_008 + 4));
    }
}
