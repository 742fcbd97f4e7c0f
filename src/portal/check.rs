//! The public portal's two decisions that are not a registry listing: what a "check a profile" query means, and
//! how the report form becomes a complaint submission.
//!
//! **Check** ([`check`]): one text box takes a profile or post URL, a registry id or a name. A URL (anything with
//! `://`, `/` or a known host) is recognized like a link on a page and answered with the same [`DetailCard`] the
//! extension draws; a registry id (`KT-…`) opens that record's card; anything else is a name search
//! ([`crate::portal::search`]). Words around a URL — a share text pasted whole — are dropped first
//! ([`crate::portal::shared`]); a supported site's short link (`vt.tiktok.com/…`) is answered `short_link`, with
//! the link to open and the advice to share the profile's own address (short links are never followed). The page
//! only draws the answer.
//!
//! **Report** ([`report_draft`]): people without the extension fill a form (profile URL, optional post URL,
//! category, note, optional contact with consent). The core recognizes the profile URL into the submission's
//! `profile`, then runs the same [`crate::complaint::validate()`] as the extension and the server; each error is
//! mapped back to the form field a person can fix, with its message in the form's language.
//!
//! **Opening the published registry** ([`open_published`]): the portal has no snapshot of its own; it downloads
//! the manifest and the snapshot the same origin publishes, and the core checks the manifest's signature against
//! the pinned keys, the snapshot's SHA-256 against the manifest, the snapshot's own signature, and that it is the
//! sequence the manifest promised — the extension's checks, minus the rollback floor (a page keeps no state).

use crate::complaint::{validate, ComplaintSubmission, Contact, ProfileRef};
use crate::i18n::Lang;
use crate::portal::search::{search_names, NameMatches};
use crate::portal::shared::{nameless_product, shared_link, short_link};
use crate::recognize::{canonical_profile_url, recognize, Kind};
use crate::registry::model::is_valid_registry_id;
use crate::registry::update::{apply_download, plan_update, verify_manifest, Manifest};
use crate::registry::{KeySet, Registry, SnapshotError};
use crate::views::card::{detail_card, DetailCard};
use serde::Serialize;

/// Opens the snapshot `bytes` a signed manifest (`text`, `key_id`, `signature`, `parsed`) points to: the same
/// checks as every other reader (`registry::update`), as a first download (nothing held).
pub fn open_published(
    text: &str,
    key_id: &str,
    signature: &str,
    parsed: &Manifest,
    keys: &KeySet,
    bytes: &[u8],
    now_unix: i64,
) -> Result<Registry, SnapshotError> {
    verify_manifest(text, key_id, signature, parsed, keys)?;
    let full = Manifest {
        deltas: Vec::new(),
        ..parsed.clone()
    };
    apply_download(None, &plan_update(&full, 0)?, bytes, keys, now_unix)
}

/// Whether the registry holds fictional (sample) records — then every page says so plainly. Reads the records
/// until the first fictional one (a real registry reads them all once, at page load).
pub fn is_sample(reg: &Registry) -> Result<bool, SnapshotError> {
    for ord in 0..reg.record_count() {
        if reg.record(ord)?.fictional {
            return Ok(true);
        }
    }
    Ok(false)
}

/// The answer to a "check a profile" query.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CheckAnswer {
    /// `card` | `matches` | `not_profile` | `short_link` | `unsupported` | `empty`.
    pub kind: &'static str,
    /// The account's detail card (kind `card`: a recognized profile or post URL, or a registry id).
    pub card: Option<DetailCard>,
    /// The name search's results (kind `matches`), possibly none.
    pub matches: Option<NameMatches>,
    /// What to tell the person when there is neither a card nor a match.
    pub message: Option<&'static str>,
    /// The canonical profile URL of the card's account (to prefill the report form).
    pub profile_url: Option<String>,
    /// The short link to open (kind `short_link`), as given.
    pub open_url: Option<String>,
}

fn looks_like_url(q: &str) -> bool {
    q.contains("://") || q.contains('/') || q.starts_with("www.")
}

/// Answers a query (see the module docs). `now_unix` dates the card.
pub fn check(reg: &Registry, query: &str, now_unix: i64, lang: Lang) -> Result<CheckAnswer, SnapshotError> {
    let q = query.trim();
    let mut answer = CheckAnswer {
        kind: "empty",
        card: None,
        matches: None,
        message: None,
        profile_url: None,
        open_url: None,
    };
    // A share text pasted whole ("Xem video … https://…"): the URL in it, if there is one.
    let found = q
        .contains(char::is_whitespace)
        .then(|| shared_link("", q, ""))
        .flatten();
    let q = found.as_ref().map_or(q, |l| l.url.as_str());
    if q.is_empty() {
        answer.message = Some(lang.pick(
            "Nhập đường dẫn trang cá nhân, bài đăng, mã đăng ký hoặc tên.",
            "Enter a profile or post URL, a registry ID or a name.",
        ));
        return Ok(answer);
    }
    let recognized = recognize(q).or_else(|| {
        (!q.contains("://") && looks_like_url(q))
            .then(|| recognize(&["https://", q].concat()))
            .flatten()
    });
    if short_link(q).is_some() {
        answer.kind = "short_link";
        answer.open_url = Some(if q.contains("://") {
            q.to_owned()
        } else {
            ["https://", q].concat()
        });
        answer.message = Some(lang.pick(
            "Đây là liên kết rút gọn: chỉ khi mở nó mới biết nó dẫn đến tài khoản nào, và KOL Trust không tự mở \
                 liên kết thay bạn (như thế sẽ cho máy chủ biết bạn đang tra cứu ai). Hãy mở liên kết, rồi chia sẻ \
                 hoặc dán địa chỉ của trang cá nhân, cửa hàng hoặc bài đăng mà nó mở ra.",
            "This is a short link: only opening it tells which account it leads to, and KOL Trust does not open \
                 links for you (that would tell a server whom you are checking). Open the link, then share or paste \
                 the address of the profile, shop or post it shows.",
        ));
        return Ok(answer);
    }
    if nameless_product(q).is_some() {
        answer.kind = "not_profile";
        answer.message = Some(lang.pick(
            "Địa chỉ trang sản phẩm này không ghi tên cửa hàng bán nó, nên không tra được cửa hàng. Hãy mở trang \
             cửa hàng (bấm vào tên cửa hàng trên trang sản phẩm), rồi chia sẻ hoặc dán địa chỉ đó.",
            "This product page's address does not name the shop that sells it, so the shop cannot be checked. Open \
             the shop's page (tap the shop's name on the product page), then share or paste that address.",
        ));
        return Ok(answer);
    }
    if let Some(r) = recognized {
        return Ok(match r.account.filter(|_| r.kind != Kind::NotProfile) {
            Some(acc) => CheckAnswer {
                kind: "card",
                card: Some(detail_card(
                    reg,
                    r.platform,
                    acc.id_type,
                    &acc.account_id,
                    false,
                    now_unix,
                    lang,
                )?),
                profile_url: Some(canonical_profile_url(r.platform, acc.id_type, &acc.account_id)),
                ..answer
            },
            None => CheckAnswer {
                kind: "not_profile",
                message: Some(lang.pick(
                    "Trang này không chỉ đến một tài khoản cụ thể (ví dụ trang tìm kiếm hoặc nhóm). Hãy dán đường dẫn \
                     trang cá nhân hoặc một bài đăng của tài khoản.",
                    "This page names no particular account (a search page or a group, for example). Paste the URL of \
                     a profile or of one of its posts.",
                )),
                ..answer
            },
        });
    }
    if looks_like_url(q) {
        answer.kind = "unsupported";
        answer.message = Some(lang.pick(
            "Không nhận ra đường dẫn này. Hỗ trợ: Facebook, TikTok, YouTube, Instagram, X, Threads, Shopee, Lazada, Zalo.",
            "This URL is not recognized. Supported: Facebook, TikTok, YouTube, Instagram, X, Threads, Shopee, Lazada, \
             Zalo.",
        ));
        return Ok(answer);
    }
    if is_valid_registry_id(q) {
        for ord in 0..reg.record_count() {
            let rec = reg.record(ord)?;
            if let (true, Some(acc)) = (rec.id.eq_ignore_ascii_case(q), rec.accounts.first()) {
                answer.kind = "card";
                answer.profile_url = Some(canonical_profile_url(acc.platform, acc.id_type, &acc.account_id));
                answer.card = Some(detail_card(
                    reg,
                    acc.platform,
                    acc.id_type,
                    &acc.account_id,
                    false,
                    now_unix,
                    lang,
                )?);
                return Ok(answer);
            }
        }
    }
    answer.kind = "matches";
    let found = search_names(reg, q, lang)?;
    if found.total == 0 {
        answer.message = Some(lang.pick(
            "Không tìm thấy tên này trong sổ đăng ký. Điều đó không có nghĩa là người này tốt hay xấu — chỉ là \
             Liên minh chưa có hồ sơ.",
            "No one by this name is in the registry. That says nothing good or bad about them — the Alliance simply \
             has no record.",
        ));
    }
    answer.matches = Some(found);
    Ok(answer)
}

/// The report form as a person filled it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReportForm {
    /// The report's idempotency id, generated by the page (8–64 characters of `A–Z a–z 0–9 - _`, e.g. a UUID).
    pub id: String,
    /// The reported account's profile or post URL as typed (required; recognized into the submission's profile).
    pub profile_url: String,
    /// The URL of the offending post, as typed; empty when not given.
    pub page_url: String,
    /// The chosen category's string form (e.g. `misleading_claim`); empty when none was chosen.
    pub category: String,
    /// What the person describes, free text (≤ 2000 characters; required for category `other`).
    pub note: String,
    /// How to reach the person (e-mail or phone), free text; empty when not given.
    pub contact: String,
    /// Whether the person ticked the consent to be contacted (contact is only sent with it).
    pub consent: bool,
    /// An optional screenshot as a `data:image/png|jpeg;base64,…` URL.
    pub screenshot: String,
    /// When the form was submitted, the page's clock, Unix milliseconds.
    pub created_ms: i64,
}

/// One problem, on the form field that can fix it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FormError {
    /// `profile_url` | `page_url` | `category` | `note` | `contact` | `screenshot` | `form`.
    pub field: &'static str,
    /// Stable machine code: a validation code ([`crate::complaint::validate()`]) or `profile_unrecognized`.
    pub code: &'static str,
    /// What to fix, in the form's language.
    pub message: &'static str,
}

/// The form field behind a submission field path.
fn form_field(path: &str) -> &'static str {
    match path.split(['.', '[']).next().unwrap_or("") {
        "profile" => "profile_url",
        "page_url" => "page_url",
        "category" => "category",
        "note" => "note",
        "contact" => "contact",
        "screenshot" => "screenshot",
        _ => "form",
    }
}

/// Turns the form into a submission the server accepts, or the problems per form field.
pub fn report_draft(form: &ReportForm, lang: Lang) -> Result<ComplaintSubmission, Vec<FormError>> {
    let profile_url = form.profile_url.trim();
    let page_url = form.page_url.trim();
    let mut profile = ProfileRef {
        url: Some(profile_url.to_string()),
        ..ProfileRef::default()
    };
    let mut errors = Vec::new();
    match recognize(profile_url).map(|r| (r.platform, r.account.filter(|_| r.kind != Kind::NotProfile))) {
        Some((platform, Some(acc))) => {
            profile.platform = platform.as_str().into();
            profile.id_type = acc.id_type.as_str().into();
            profile.account_id = acc.account_id;
        }
        _ => errors.push(FormError {
            field: "profile_url",
            code: "profile_unrecognized",
            message: lang.pick(
                "Hãy dán đường dẫn trang cá nhân (hoặc một bài đăng) của tài khoản trên một nền tảng được hỗ trợ.",
                "Paste the URL of the account's profile (or one of its posts) on a supported platform.",
            ),
        }),
    }
    let submission = ComplaintSubmission {
        id: form.id.clone(),
        profile,
        page_url: (!page_url.is_empty()).then(|| page_url.to_string()),
        category: form.category.clone(),
        note: form.note.clone(),
        contact: (!form.contact.trim().is_empty() || form.consent).then(|| Contact {
            value: form.contact.clone(),
            consent: form.consent,
        }),
        screenshot: (!form.screenshot.is_empty()).then(|| form.screenshot.clone()),
        locale: lang.as_str().into(),
        created: form.created_ms,
        ..ComplaintSubmission::default()
    };
    if let Err(found) = validate(&submission) {
        for e in found {
            let field = form_field(&e.field);
            // The profile's own parts only fail when the URL did: one message on that field is enough.
            if field == "profile_url" && !errors.is_empty() {
                continue;
            }
            errors.push(FormError {
                field,
                code: e.code,
                message: e.message(lang),
            });
        }
    }
    if errors.is_empty() {
        Ok(submission)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{demo_registry, NOW};

    #[test]
    fn queries_are_dispatched_by_what_they_look_like() {
        let reg = demo_registry(NOW);
        let cases: &[(&str, &str, Option<&str>)] = &[
            ("https://www.tiktok.com/@minh.beauty.demo", "card", Some("KT-TEST-0003")),
            ("tiktok.com/@minh.beauty.demo/video/123", "card", Some("KT-TEST-0003")),
            ("https://www.tiktok.com/@someone.new", "card", None),
            ("https://www.facebook.com/groups/1", "not_profile", None),
            ("https://example.org/x", "unsupported", None),
            ("kt-test-0004", "card", Some("KT-TEST-0004")),
            ("le ngoc minh", "matches", None),
            ("   ", "empty", None),
            // A share text pasted whole: the words around the URL are dropped.
            (
                "Check out Minh's profile on TikTok! https://www.tiktok.com/@minh.beauty.demo?_t=8kL&_r=1",
                "card",
                Some("KT-TEST-0003"),
            ),
            (
                "Hãy xem video này! #TikTok > https://vt.tiktok.com/ZSjAbCd12/",
                "short_link",
                None,
            ),
            ("shp.ee/x8k2mq1", "short_link", None),
            (
                "https://www.lazada.vn/products/serum-hana-i123456789-s987654321.html?spm=a2o4n",
                "not_profile",
                None,
            ),
        ];
        for (q, kind, id) in cases {
            let a = check(&reg, q, NOW, Lang::Vi).unwrap();
            assert_eq!(a.kind, *kind, "{q}");
            let got = a
                .card
                .as_ref()
                .and_then(|c| c.record.as_ref())
                .map(|r| r.registry_id.as_str());
            assert_eq!(got, *id, "{q}");
            assert_eq!(a.profile_url.is_some(), a.kind == "card", "{q}");
            assert_eq!(a.open_url.is_some(), a.kind == "short_link", "{q}");
        }
        let a = check(
            &reg,
            "tiktok.com/@minh.beauty.demo/video/7300000000000000001?utm_source=x",
            NOW,
            Lang::En,
        )
        .unwrap();
        assert_eq!(
            a.profile_url.as_deref(),
            Some("https://www.tiktok.com/@minh.beauty.demo")
        );
        let m = check(&reg, "LÊ NGỌC MINH", NOW, Lang::En).unwrap().matches.unwrap();
        assert_eq!(m.matches[0].registry_id, "KT-TEST-0003");
        assert!(check(&reg, "nobody at all", NOW, Lang::En).unwrap().message.is_some());
    }

    #[test]
    fn the_sample_registry_is_recognized() {
        assert!(is_sample(&demo_registry(NOW)).unwrap());
    }

    #[test]
    fn the_published_snapshot_opens_only_when_everything_matches() {
        use crate::registry::keys::{signing_key_id, to_hex};
        use crate::registry::snapshot::sha256_hex;
        use crate::registry::update::{FileRef, MANIFEST_FORMAT};
        use crate::testing::{demo_snapshot, test_key, test_keys};
        use ed25519_dalek::Signer;
        let snap = demo_snapshot(NOW);
        let m = Manifest {
            format: MANIFEST_FORMAT.into(),
            sequence: 1,
            key_id: signing_key_id(&test_key()).to_string(),
            snapshot: FileRef {
                path: "snapshots/1.bin".into(),
                sha256: sha256_hex(&snap),
                bytes: snap.len() as u64,
            },
            deltas: vec![],
        };
        let text = [
            "{\"format\":\"",
            MANIFEST_FORMAT,
            "\",\"sequence\":1,\"sha256\":\"",
            &m.snapshot.sha256,
            "\"}",
        ]
        .concat();
        let sig = to_hex(&test_key().sign(text.as_bytes()).to_bytes());
        let open = |text: &str, sig: &str, m: &Manifest, bytes: Vec<u8>| {
            open_published(text, &m.key_id, sig, m, &test_keys(), &bytes, NOW).map(|r| r.sequence())
        };
        assert_eq!(open(&text, &sig, &m, snap.clone()), Ok(1));
        assert!(
            open(&text.replace(":1,", ":2,"), &sig, &m, snap.clone()).is_err(),
            "tampered manifest"
        );
        let mut other = snap.clone();
        other.push(0);
        assert!(
            open(&text, &sig, &m, other).is_err(),
            "bytes differ from the manifest's hash"
        );
    }

    fn form() -> ReportForm {
        ReportForm {
            id: "portal-test-0001".into(),
            profile_url: "https://www.tiktok.com/@minh.beauty.demo".into(),
            page_url: "https://www.tiktok.com/@minh.beauty.demo/video/7300000000000000001?utm_source=x".into(),
            category: "misleading_claim".into(),
            note: "Kem trị mụn khỏi 100%".into(),
            contact: String::new(),
            consent: false,
            screenshot: String::new(),
            created_ms: NOW * 1000,
        }
    }

    #[test]
    fn a_good_form_becomes_a_valid_submission() {
        let s = report_draft(&form(), Lang::Vi).unwrap();
        assert_eq!(
            (
                s.profile.platform.as_str(),
                s.profile.id_type.as_str(),
                s.profile.account_id.as_str()
            ),
            ("tiktok", "handle", "minh.beauty.demo")
        );
        assert_eq!(s.locale, "vi");
        assert!(s.contact.is_none());
        assert!(validate(&s).is_ok());
    }

    #[test]
    fn errors_land_on_the_field_that_fixes_them() {
        let cases: Vec<(ReportForm, &[(&str, &str)])> = vec![
            (
                ReportForm {
                    profile_url: "hello".into(),
                    ..form()
                },
                &[("profile_url", "profile_unrecognized")],
            ),
            (
                ReportForm {
                    category: String::new(),
                    page_url: "ftp://x".into(),
                    ..form()
                },
                &[("page_url", "url_invalid"), ("category", "category_unknown")],
            ),
            (
                ReportForm {
                    contact: "lan@example.org".into(),
                    ..form()
                },
                &[("contact", "contact_without_consent")],
            ),
            (
                ReportForm {
                    category: "other".into(),
                    note: " ".into(),
                    ..form()
                },
                &[("note", "note_required")],
            ),
            (
                ReportForm {
                    screenshot: "data:text/plain;base64,aGVsbG8gd29ybGQgaGVsbG8gd29ybGQ=".into(),
                    ..form()
                },
                &[("screenshot", "screenshot_invalid")],
            ),
        ];
        for (f, want) in cases {
            let errs = report_draft(&f, Lang::En).unwrap_err();
            let got: Vec<(&str, &str)> = errs.iter().map(|e| (e.field, e.code)).collect();
            assert_eq!(got, want.to_vec(), "{f:?}");
            assert!(errs.iter().all(|e| !e.message.is_empty()));
        }
    }
}
