//! The in-page detail card a badge opens, and the business vetting record exported from it.
//!
//! [`detail_card`] answers "tell me everything about this one account" for the content script: the registry's
//! [`CardView`] of the account's record, wrapped with every heading and button label the card draws, localized, so
//! the JavaScript only places text. Three kinds of card exist, like the three kinds of badge:
//!
//! - `record`: the account is registered — name, registry id, certification, sanctions, complaints, freshness;
//! - `lookalike`: not registered, but its name imitates a registered account — the card names the imitated
//!   account and its owner, so nobody mistakes the copy for the person;
//! - `unknown`: not in the registry — a short explanation of what that does (and does not) mean.
//!
//! In **vetting mode** (a business checking a partner) the card also carries the full history and a
//! [`VettingRecord`] (see [`crate::views::vetting`]): the same facts as plain text, CSV and JSON.

use crate::i18n::Lang;
use crate::platform::{IdType, Platform};
use crate::registry::date::Date;
use crate::registry::lookalike::{self, Imitation};
use crate::registry::model::Record;
use crate::registry::{Freshness, Registry, SnapshotError};
use crate::views::badge::BadgeView;
use crate::views::imitation;
use crate::views::record::{card_view, freshness_view, CardView, FreshnessView};
use crate::views::vetting::{vetting_record, VettingRecord};
use serde::Serialize;

/// Every fixed string the card draws, in the card's language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CardLabels {
    /// Accessible title of the card dialog: "Hồ sơ Tín nhiệm KOL" / "KOL Trust record".
    pub dialog: &'static str,
    /// Close button's accessible label and tooltip: "Đóng" / "Close".
    pub close: &'static str,
    /// Label before the record's registry id: "Mã đăng ký" / "Registry ID".
    pub registry_id: &'static str,
    /// Heading of the imitated account's section (lookalike cards):
    /// "Tài khoản đã đăng ký bị nhái tên" / "The registered account it imitates".
    pub imitated: &'static str,
    /// Heading of the certification section: "Chứng nhận tín nhiệm" / "Trust certification".
    pub certification: &'static str,
    /// Certification level row: "Hạng" / "Level".
    pub level: &'static str,
    /// Trust score row: "Điểm tín nhiệm" / "Trust score".
    pub score: &'static str,
    /// Certificate number row (vetting mode): "Số chứng nhận" / "Certificate no."
    pub certificate_no: &'static str,
    /// Validity row: "Hiệu lực" / "Validity".
    pub validity: &'static str,
    /// Shown in the certification section when the record has no certificate:
    /// "Chưa được chứng nhận." / "Not certified."
    pub not_certified: &'static str,
    /// Heading of the sanctions in effect: "Xử phạt đang có hiệu lực" / "Sanctions in effect".
    pub active_sanctions: &'static str,
    /// Heading of the sanctions not yet in effect (vetting mode):
    /// "Xử phạt sắp có hiệu lực" / "Sanctions not yet in effect".
    pub upcoming_sanctions: &'static str,
    /// Heading of the sanctions that have ended: "Xử phạt đã hết hiệu lực" / "Past sanctions".
    pub past_sanctions: &'static str,
    /// Shown when the record has no sanction at all: "Không có xử phạt nào được ghi nhận." / "No sanctions on record."
    pub no_sanctions: &'static str,
    /// Sanction row for the deciding authority: "Cơ quan" / "Authority".
    pub authority: &'static str,
    /// Sanction row for the decision's reference number: "Quyết định" / "Decision".
    pub decision: &'static str,
    /// Sanction row for the day the decision was signed (vetting mode): "Ngày ban hành" / "Issued".
    pub issued: &'static str,
    /// Sanction row for the reason: "Lý do" / "Reason".
    pub reason: &'static str,
    /// Sanction row for the period in effect: "Thời hạn" / "Period".
    pub period: &'static str,
    /// Sanction row for the fine amount: "Mức phạt" / "Fine".
    pub fine: &'static str,
    /// Link text to the sanction's published source: "Xem nguồn công bố" / "View the published source".
    pub source: &'static str,
    /// Heading of the complaints section: "Khiếu nại" / "Complaints".
    pub complaints: &'static str,
    /// Heading of the registered accounts list: "Tài khoản đã đăng ký" / "Registered accounts".
    pub accounts: &'static str,
    /// Label before the record's other names (vetting mode): "Tên khác" / "Also known as".
    pub aliases: &'static str,
    /// Label before the record's category tags: "Lĩnh vực" / "Categories".
    pub categories: &'static str,
    /// Label before the day the record last changed: "Hồ sơ cập nhật ngày" / "Record updated".
    pub updated: &'static str,
    /// Label before the freshness line in the footer: "Nguồn dữ liệu" / "Data source".
    pub data_source: &'static str,
    /// Footer sentence saying where the card's data comes from:
    /// "Hiển thị bởi tiện ích KOL Trust từ sổ đăng ký có chữ ký số của Liên minh Tín nhiệm số." /
    /// "Shown by the KOL Trust extension from the Digital Trust Alliance's signed registry."
    pub confirmed_by: &'static str,
    /// Button that opens the report dialog for this account: "Báo cáo" / "Report".
    pub report: &'static str,
    /// Heading of the vetting section (copy, export, private note): "Thẩm định" / "Vetting".
    pub vetting: &'static str,
    /// Button copying the vetting record as plain text: "Sao chép" / "Copy".
    pub copy_text: &'static str,
    /// Button downloading the vetting record as CSV: "Tải CSV" / "Download CSV".
    pub export_csv: &'static str,
    /// Button downloading the vetting record as JSON: "Tải JSON" / "Download JSON".
    pub export_json: &'static str,
    /// Status after a successful copy: "Đã sao chép." / "Copied."
    pub copied: &'static str,
    /// Status when the clipboard refused the copy:
    /// "Không sao chép được — hãy tải tệp." / "Could not copy — download a file instead."
    pub copy_failed: &'static str,
    /// Label of the private note field in vetting mode (stored only in the browser):
    /// "Ghi chú riêng (chỉ lưu trên máy này)" / "Private note (kept on this device only)".
    pub note: &'static str,
    /// Placeholder of the private note field:
    /// "Ví dụ: đã liên hệ, báo giá, lưu ý khi hợp tác…" / "E.g. contacted, quoted price, points to watch…"
    pub note_placeholder: &'static str,
    /// Status after the private note was saved: "Đã lưu ghi chú." / "Note saved."
    pub note_saved: &'static str,
}

impl CardLabels {
    /// Every label in `lang`.
    pub fn new(lang: Lang) -> CardLabels {
        let p = |vi, en| lang.pick(vi, en);
        CardLabels {
            dialog: p("Hồ sơ Tín nhiệm KOL", "KOL Trust record"),
            close: p("Đóng", "Close"),
            registry_id: p("Mã đăng ký", "Registry ID"),
            imitated: p("Tài khoản đã đăng ký bị nhái tên", "The registered account it imitates"),
            certification: p("Chứng nhận tín nhiệm", "Trust certification"),
            level: p("Hạng", "Level"),
            score: p("Điểm tín nhiệm", "Trust score"),
            certificate_no: p("Số chứng nhận", "Certificate no."),
            validity: p("Hiệu lực", "Validity"),
            not_certified: p("Chưa được chứng nhận.", "Not certified."),
            active_sanctions: p("Xử phạt đang có hiệu lực", "Sanctions in effect"),
            upcoming_sanctions: p("Xử phạt sắp có hiệu lực", "Sanctions not yet in effect"),
            past_sanctions: p("Xử phạt đã hết hiệu lực", "Past sanctions"),
            no_sanctions: p("Không có xử phạt nào được ghi nhận.", "No sanctions on record."),
            authority: p("Cơ quan", "Authority"),
            decision: p("Quyết định", "Decision"),
            issued: p("Ngày ban hành", "Issued"),
            reason: p("Lý do", "Reason"),
            period: p("Thời hạn", "Period"),
            fine: p("Mức phạt", "Fine"),
            source: p("Xem nguồn công bố", "View the published source"),
            complaints: p("Khiếu nại", "Complaints"),
            accounts: p("Tài khoản đã đăng ký", "Registered accounts"),
            aliases: p("Tên khác", "Also known as"),
            categories: p("Lĩnh vực", "Categories"),
            updated: p("Hồ sơ cập nhật ngày", "Record updated"),
            data_source: p("Nguồn dữ liệu", "Data source"),
            confirmed_by: p(
                "Hiển thị bởi tiện ích KOL Trust từ sổ đăng ký có chữ ký số của Liên minh Tín nhiệm số.",
                "Shown by the KOL Trust extension from the Digital Trust Alliance's signed registry.",
            ),
            report: p("Báo cáo", "Report"),
            vetting: p("Thẩm định", "Vetting"),
            copy_text: p("Sao chép", "Copy"),
            export_csv: p("Tải CSV", "Download CSV"),
            export_json: p("Tải JSON", "Download JSON"),
            copied: p("Đã sao chép.", "Copied."),
            copy_failed: p(
                "Không sao chép được — hãy tải tệp.",
                "Could not copy — download a file instead.",
            ),
            note: p(
                "Ghi chú riêng (chỉ lưu trên máy này)",
                "Private note (kept on this device only)",
            ),
            note_placeholder: p(
                "Ví dụ: đã liên hệ, báo giá, lưu ý khi hợp tác…",
                "E.g. contacted, quoted price, points to watch…",
            ),
            note_saved: p("Đã lưu ghi chú.", "Note saved."),
        }
    }
}

/// The registered account a lookalike imitates.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ImitatedView {
    /// Display name of the imitated account's owner, as registered.
    pub name: String,
    /// Registry id of the owner's record.
    pub registry_id: String,
    /// The registered account id that is imitated (for a handle, same platform and namespace as the lookalike).
    pub account_id: String,
    /// `Platform · account id` of the imitated account.
    pub subject: String,
    /// How the account imitates it: which technique, or which name it shows.
    pub why: String,
    /// The owner's badge state code (`sanctioned` | `certified` | `expired` | `registered`).
    pub state: &'static str,
    /// The owner's badge icon.
    pub icon: &'static str,
    /// The owner's localized badge label.
    pub state_label: String,
}

/// One account's card: what the content script draws when its badge is opened.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DetailCard {
    /// The card's language, `vi` or `en`.
    pub lang: &'static str,
    /// `record` | `lookalike` | `unknown`.
    pub kind: &'static str,
    /// The account the badge was on: `Platform · account id`.
    pub subject: String,
    /// State code, icon and label of the badge this card belongs to.
    pub state: &'static str,
    /// The badge's icon (`?` for an unknown account).
    pub icon: &'static str,
    /// The badge's localized label ("Chưa đăng ký" / "Not registered" for an unknown account).
    pub state_label: String,
    /// The registry's record (kind `record`).
    pub record: Option<CardView>,
    /// The imitated account (kind `lookalike`).
    pub imitated: Option<ImitatedView>,
    /// What this card means, in a sentence or two (lookalike and unknown cards).
    pub message: Option<String>,
    /// The sample-data notice for fictional records.
    pub notice: Option<&'static str>,
    /// Complaints in context: counts and "signals, not verdicts".
    pub complaints_line: Option<String>,
    /// Which snapshot the card comes from.
    pub freshness: FreshnessView,
    /// Vetting mode: the full history is shown and this record can be copied or exported.
    pub vetting: Option<VettingRecord>,
    /// Every fixed string the card draws, in the card's language.
    pub labels: CardLabels,
}

/// What a card needs from an opened registry: which snapshot answers and on which day, and the record the account
/// belongs to or imitates. The extension's badge module reads these (`card_facts`) and hands them, as a plain
/// object, to the module that builds cards ([`card_from_facts`]), which holds no registry (docs/architecture.md,
/// "Two WebAssembly modules"); natively [`detail_card`] does both steps.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CardFacts {
    /// Which snapshot the card comes from.
    pub freshness: Freshness,
    /// The registry's day: the record's state and sanction periods are judged on it.
    pub today: Date,
    /// The account's record, the record it imitates, or nothing.
    pub found: CardFound,
}

/// What the registry holds for the card's account.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CardFound {
    /// The account is registered: its record.
    Record(Record),
    /// Not registered, but it imitates `of_account_id` of this record.
    Lookalike {
        /// The imitated account's record.
        of: Record,
        /// The imitated account's platform.
        of_platform: Platform,
        /// The registered account id it imitates.
        of_account_id: String,
        /// How (handle or display name, and the techniques).
        imitation: Imitation,
    },
    /// Not in the registry.
    Unknown,
}

/// Reads the [`CardFacts`] of one account from an opened registry.
pub fn card_facts(
    registry: &Registry,
    platform: Platform,
    id_type: IdType,
    account_id: &str,
    display_name: Option<&str>,
) -> Result<CardFacts, SnapshotError> {
    let found = if let Some(hit) = registry.lookup(platform, id_type, account_id)? {
        CardFound::Record(registry.record(hit.record)?)
    } else if let Some(l) = lookalike::find(registry, platform, id_type, account_id, display_name)? {
        CardFound::Lookalike {
            of: registry.record(l.record)?,
            of_platform: l.of_platform,
            of_account_id: l.of_account_id,
            imitation: l.imitation,
        }
    } else {
        CardFound::Unknown
    };
    Ok(CardFacts {
        freshness: registry.freshness(),
        today: registry.today(),
        found,
    })
}

/// Builds the card for one account (as the content script names it: the platform, namespace and canonical id of
/// a badge it drew). `vetting` adds the vetting record. `now_unix` is when the record is made.
pub fn detail_card(
    registry: &Registry,
    platform: Platform,
    id_type: IdType,
    account_id: &str,
    vetting: bool,
    now_unix: i64,
    lang: Lang,
) -> Result<DetailCard, SnapshotError> {
    let facts = card_facts(registry, platform, id_type, account_id, None)?;
    Ok(card_from_facts(&facts, platform, account_id, vetting, now_unix, lang))
}

/// Builds the card for `account_id` of `platform` from its [`CardFacts`] (see [`detail_card`]).
pub fn card_from_facts(
    facts: &CardFacts,
    platform: Platform,
    account_id: &str,
    vetting: bool,
    now_unix: i64,
    lang: Lang,
) -> DetailCard {
    let mut card = DetailCard {
        lang: lang.as_str(),
        kind: "unknown",
        subject: format!("{} · {account_id}", platform.display_name()),
        state: "unknown",
        icon: "?",
        state_label: String::new(),
        record: None,
        imitated: None,
        message: None,
        notice: None,
        complaints_line: None,
        freshness: freshness_view(&facts.freshness, lang),
        vetting: None,
        labels: CardLabels::new(lang),
    };
    match &facts.found {
        CardFound::Record(record) => {
            let view = card_view(record, facts.today, &facts.freshness, lang);
            card.kind = "record";
            card.state = view.state;
            card.icon = view.icon;
            card.state_label = view.state_label.clone();
            card.notice = view.fictional.then(|| {
                lang.pick(
                    "DỮ LIỆU MẪU — nhân vật hư cấu, không phải người thật. Mọi chứng nhận và xử phạt ở đây là ví dụ.",
                    "SAMPLE DATA — a fictional person, not a real one. Every certificate and sanction here is an \
                     example.",
                )
            });
            card.complaints_line = Some(complaints_line(&view, lang));
            card.vetting = vetting.then(|| vetting_record(&view, now_unix, lang));
            card.record = Some(view);
        }
        CardFound::Lookalike {
            of,
            of_platform,
            of_account_id,
            imitation: how,
        } => {
            let of = card_view(of, facts.today, &facts.freshness, lang);
            let why = imitation::why(how, &of.name, &imitation::subject(*of_platform, of_account_id), lang);
            let badge = BadgeView::lookalike(&of.name, of_account_id, &why, lang);
            card.kind = "lookalike";
            card.labels.report = lang.pick("Báo cáo mạo danh", "Report impersonation");
            card.state = badge.state;
            card.icon = badge.icon;
            card.state_label = badge.label;
            card.message = Some(match lang {
                Lang::Vi => format!(
                    "Tài khoản {account_id} KHÔNG có trong sổ đăng ký — có thể là tài khoản mạo danh {} ({}). {why} \
                     Đừng tin quảng cáo hay lời mời chuyển tiền nhân danh người này từ tài khoản này.",
                    of.name, of.registry_id
                ),
                Lang::En => format!(
                    "The account {account_id} is NOT in the registry — it may be impersonating {} ({}). {why} Do not \
                     trust promotions or payment requests made in this person's name from it.",
                    of.name, of.registry_id
                ),
            });
            card.imitated = Some(ImitatedView {
                name: of.name,
                registry_id: of.registry_id,
                account_id: of_account_id.clone(),
                subject: imitation::subject(*of_platform, of_account_id),
                why: why.clone(),
                state: of.state,
                icon: of.icon,
                state_label: of.state_label,
            });
        }
        CardFound::Unknown => {
            let unknown = BadgeView::not_in_registry(lang);
            card.state_label = unknown.label;
            card.message = Some(
                lang.pick(
                    "Tài khoản này chưa có trong sổ đăng ký của Liên minh Tín nhiệm số: Liên minh chưa chứng nhận và \
                     chưa ghi nhận xử phạt nào với tài khoản này. Điều đó không có nghĩa là tài khoản xấu hay tốt — \
                     chỉ là chưa có thông tin để xác nhận.",
                    "This account is not in the Digital Trust Alliance registry: the Alliance has neither certified \
                     it nor recorded any sanction against it. That says nothing good or bad about it — there is \
                     simply nothing to confirm.",
                )
                .to_string(),
            );
        }
    }
    card
}

/// "x complaints received, y upheld — complaints are signals, not verdicts."
fn complaints_line(view: &CardView, lang: Lang) -> String {
    let c = &view.complaints;
    match lang {
        Lang::Vi => format!(
            "Đã nhận {} khiếu nại, {} được chấp nhận ({} bị bác bỏ, {} đang xử lý). {}",
            c.received, c.upheld, c.rejected, c.pending, c.note
        ),
        Lang::En => format!(
            "{} complaints received, {} upheld ({} rejected, {} pending). {}",
            c.received, c.upheld, c.rejected, c.pending, c.note
        ),
    }
}

// Native only: the tests read the exports back with the csv and serde_json crates, which the wasm build lacks.
#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{demo_registry, NOW};

    fn card(platform: Platform, id_type: IdType, id: &str, vetting: bool, lang: Lang) -> DetailCard {
        detail_card(&demo_registry(NOW), platform, id_type, id, vetting, NOW, lang).unwrap()
    }

    #[test]
    fn registered_account_card_has_record_labels_and_notice() {
        let c = card(Platform::Tiktok, IdType::Handle, "minh.beauty.demo", false, Lang::Vi);
        assert_eq!(c.kind, "record");
        assert_eq!(c.state, "sanctioned");
        assert_eq!(c.state_label, "Đang bị xử phạt");
        let r = c.record.as_ref().unwrap();
        assert_eq!(r.registry_id, "KT-TEST-0003");
        assert_eq!(r.active_sanctions.len(), 1);
        assert!(c.notice.unwrap().starts_with("DỮ LIỆU MẪU"));
        assert!(c.complaints_line.unwrap().contains("không phải kết luận"));
        assert!(c.vetting.is_none(), "no vetting record unless vetting mode is on");
        assert_eq!(c.labels.report, "Báo cáo");
        assert_eq!(c.subject, "TikTok · minh.beauty.demo");
        let en = card(Platform::Tiktok, IdType::Handle, "minh.beauty.demo", false, Lang::En);
        assert_eq!(en.labels.report, "Report");
        assert!(en.complaints_line.unwrap().contains("signals for review, not verdicts"));
    }

    #[test]
    fn lookalike_card_names_the_imitated_account() {
        let c = card(Platform::Tiktok, IdType::Handle, "minh.beauty.dem0", false, Lang::En);
        assert_eq!(c.kind, "lookalike");
        assert!(c.record.is_none());
        let of = c.imitated.unwrap();
        assert_eq!(
            (of.account_id.as_str(), of.registry_id.as_str()),
            ("minh.beauty.demo", "KT-TEST-0003")
        );
        let m = c.message.unwrap();
        assert!(m.contains("NOT in the registry") && m.contains("Lê Ngọc Minh"), "{m}");
    }

    #[test]
    fn freshness_says_when_the_registry_is_stale() {
        use crate::registry::Freshness;
        let f = Freshness {
            sequence: 7,
            issued_unix: NOW - 40 * 86_400,
            expires_unix: NOW - 10 * 86_400,
            stale: true,
        };
        assert_eq!(
            freshness_view(&f, Lang::Vi).label,
            "Dữ liệu có thể đã cũ: bản số 7 hết hạn ngày 2026-11-19"
        );
        let fresh = Freshness { stale: false, ..f };
        assert_eq!(
            freshness_view(&fresh, Lang::En).label,
            "Alliance data no. 7 (issued 2026-10-20)"
        );
    }

    #[test]
    fn unknown_account_card_explains_what_it_means() {
        let c = card(Platform::Tiktok, IdType::Handle, "someone.else", true, Lang::Vi);
        assert_eq!((c.kind, c.state), ("unknown", "unknown"));
        assert!(c.message.unwrap().contains("chưa có trong sổ đăng ký"));
        assert!(c.vetting.is_none() && c.record.is_none());
        assert!(c.freshness.label.contains("số 1"));
    }
}
