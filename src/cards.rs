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
//! [`VettingRecord`]: the same facts as plain text, a one-row CSV and JSON, made here so every export of a profile
//! says the same thing. JSON is written by hand: the wasm build carries no serde_json (size budget).

use crate::badge::BadgeView;
use crate::i18n::Lang;
use crate::platform::{IdType, Platform};
use crate::registry::card::{freshness_view, FreshnessView, SanctionView};
use crate::registry::{CardView, Date, Registry, SnapshotError};
use serde::Serialize;
use std::fmt::Write as _;

/// Every fixed string the card draws, in the card's language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CardLabels {
    pub dialog: &'static str,
    pub close: &'static str,
    pub registry_id: &'static str,
    pub certification: &'static str,
    pub level: &'static str,
    pub score: &'static str,
    pub certificate_no: &'static str,
    pub validity: &'static str,
    pub not_certified: &'static str,
    pub active_sanctions: &'static str,
    pub upcoming_sanctions: &'static str,
    pub past_sanctions: &'static str,
    pub no_sanctions: &'static str,
    pub authority: &'static str,
    pub decision: &'static str,
    pub issued: &'static str,
    pub reason: &'static str,
    pub period: &'static str,
    pub fine: &'static str,
    pub source: &'static str,
    pub complaints: &'static str,
    pub accounts: &'static str,
    pub aliases: &'static str,
    pub categories: &'static str,
    pub updated: &'static str,
    pub data_source: &'static str,
    pub confirmed_by: &'static str,
    pub report: &'static str,
    pub coming_soon: &'static str,
    pub vetting: &'static str,
    pub copy_text: &'static str,
    pub export_csv: &'static str,
    pub export_json: &'static str,
    pub copied: &'static str,
    pub copy_failed: &'static str,
    pub note: &'static str,
    pub note_placeholder: &'static str,
    pub note_saved: &'static str,
}

impl CardLabels {
    pub fn new(lang: Lang) -> CardLabels {
        let p = |vi, en| lang.pick(vi, en);
        CardLabels {
            dialog: p("Hồ sơ Tín nhiệm KOL", "KOL Trust record"),
            close: p("Đóng", "Close"),
            registry_id: p("Mã đăng ký", "Registry ID"),
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
            coming_soon: p("Sắp có", "Coming soon"),
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
    pub name: String,
    pub registry_id: String,
    pub account_id: String,
    pub state: &'static str,
    pub icon: &'static str,
    pub state_label: String,
}

/// One account's card: what the content script draws when its badge is opened.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DetailCard {
    pub lang: &'static str,
    /// `record` | `lookalike` | `unknown`.
    pub kind: &'static str,
    /// The account the badge was on: `Platform · account id`.
    pub subject: String,
    /// State code, icon and label of the badge this card belongs to.
    pub state: &'static str,
    pub icon: &'static str,
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
    pub freshness: FreshnessView,
    /// Vetting mode: the full history is shown and this record can be copied or exported.
    pub vetting: Option<VettingRecord>,
    pub labels: CardLabels,
}

/// The vetting record of one profile, in the three forms a business keeps.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct VettingRecord {
    /// A file name without extension: `koltrust-<registry id>-<day>`.
    pub file_base: String,
    pub text: String,
    pub csv: String,
    pub json: String,
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
    let freshness = registry.freshness();
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
        freshness: freshness_view(&freshness, lang),
        vetting: None,
        labels: CardLabels::new(lang),
    };
    if let Some(hit) = registry.lookup(platform, id_type, account_id)? {
        let view = registry.card(hit.record, lang)?;
        card.kind = "record";
        card.state = view.state;
        card.icon = view.icon;
        card.state_label = view.state_label.clone();
        card.notice = view.fictional.then(|| {
            lang.pick(
                "DỮ LIỆU MẪU — nhân vật hư cấu, không phải người thật. Mọi chứng nhận và xử phạt ở đây là ví dụ.",
                "SAMPLE DATA — a fictional person, not a real one. Every certificate and sanction here is an example.",
            )
        });
        card.complaints_line = Some(complaints_line(&view, lang));
        card.vetting = vetting.then(|| vetting_record(&view, now_unix, lang));
        card.record = Some(view);
    } else if let Some(l) = registry.lookalike(platform, id_type, account_id)? {
        let of = registry.card(l.record, lang)?;
        let badge = BadgeView::lookalike(&of.name, &l.of_account_id, lang);
        card.kind = "lookalike";
        card.state = badge.state;
        card.icon = badge.icon;
        card.state_label = badge.label;
        card.message = Some(match lang {
            Lang::Vi => format!(
                "Tài khoản {account_id} KHÔNG có trong sổ đăng ký. Tên của nó gần giống tài khoản {} của {} ({}) \
                 — có thể là tài khoản mạo danh. Đừng tin quảng cáo hay lời mời chuyển tiền nhân danh người này từ \
                 tài khoản này.",
                l.of_account_id, of.name, of.registry_id
            ),
            Lang::En => format!(
                "The account {account_id} is NOT in the registry. Its name imitates {} of {} ({}) — it may be an \
                 impersonator. Do not trust promotions or payment requests made in this person's name from it.",
                l.of_account_id, of.name, of.registry_id
            ),
        });
        card.imitated = Some(ImitatedView {
            name: of.name,
            registry_id: of.registry_id,
            account_id: l.of_account_id,
            state: of.state,
            icon: of.icon,
            state_label: of.state_label,
        });
    } else {
        let unknown = BadgeView::not_in_registry(lang);
        card.state_label = unknown.label;
        card.message = Some(
            lang.pick(
                "Tài khoản này chưa có trong sổ đăng ký của Liên minh Tín nhiệm số: Liên minh chưa chứng nhận và chưa \
                 ghi nhận xử phạt nào với tài khoản này. Điều đó không có nghĩa là tài khoản xấu hay tốt — chỉ là \
                 chưa có thông tin để xác nhận.",
                "This account is not in the Digital Trust Alliance registry: the Alliance has neither certified it \
                 nor recorded any sanction against it. That says nothing good or bad about it — there is simply \
                 nothing to confirm.",
            )
            .to_string(),
        );
    }
    Ok(card)
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

/// Where a sanction stands on the card's day.
fn sanction_groups(view: &CardView) -> impl Iterator<Item = (&'static str, &SanctionView)> {
    let tag = |t: &'static str| move |s| (t, s);
    (view.active_sanctions.iter().map(tag("active")))
        .chain(view.upcoming_sanctions.iter().map(tag("upcoming")))
        .chain(view.past_sanctions.iter().map(tag("past")))
}

/// The vetting record of `view` made at `now_unix`: text for a message or a report, a one-row CSV (one profile per
/// row, so rows from several profiles concatenate under one header) and JSON with stable codes for tools.
pub fn vetting_record(view: &CardView, now_unix: i64, lang: Lang) -> VettingRecord {
    let day = Date::from_unix_vn(now_unix).to_string();
    let l = CardLabels::new(lang);
    let cert = view.certification.as_ref();
    let sanctions: Vec<String> = sanction_groups(view)
        .map(|(when, s)| {
            format!(
                "{} [{when}] {} ({}, {})",
                s.kind_label, s.decision, s.authority, s.period_label
            )
        })
        .collect();
    let accounts: Vec<String> = view
        .accounts
        .iter()
        .map(|a| format!("{} {} {}", a.platform, a.id_type, a.account_id))
        .collect();

    // Text: one labelled line per fact, sanctions one per line.
    let mut text = String::new();
    let _ = writeln!(
        text,
        "{} — {day}",
        lang.pick("Bản thẩm định KOL Trust", "KOL Trust vetting record")
    );
    let _ = writeln!(text, "{} ({}: {})", view.name, l.registry_id, view.registry_id);
    if let Some(f) = &view.fictional_label {
        let _ = writeln!(text, "{f}");
    }
    let _ = writeln!(text, "{}: {}", lang.pick("Trạng thái", "Status"), view.state_label);
    match cert {
        Some(c) => {
            let _ = writeln!(
                text,
                "{}: {} · {} {}/100 · {} {} · {}",
                l.certification, c.level_label, l.score, c.score, l.certificate_no, c.number, c.validity_label
            );
        }
        None => {
            let _ = writeln!(text, "{}: {}", l.certification, l.not_certified);
        }
    }
    let _ = writeln!(text, "{}: {}", lang.pick("Xử phạt", "Sanctions"), sanctions.len());
    for (when, s) in sanction_groups(view) {
        let _ = writeln!(
            text,
            "  - [{when}] {} — {}: {} · {} {} · {} · {} · {}",
            s.kind_label, l.reason, s.reason_label, l.decision, s.decision, s.authority, s.period_label, s.source_url
        );
    }
    let _ = writeln!(
        text,
        "{}: {} — {}",
        l.complaints, view.complaints.label, view.complaints.note
    );
    let _ = writeln!(text, "{}: {}", l.accounts, accounts.join("; "));
    let _ = write!(text, "{}: {}", l.data_source, view.freshness.label);

    // CSV: stable codes in the header, the person's language in the cells.
    let row: [&str; 19] = [
        &day,
        &view.registry_id,
        &view.name,
        view.state,
        &view.state_label,
        cert.map_or("", |c| c.level),
        &cert.map_or(String::new(), |c| c.score.to_string()),
        cert.map_or("", |c| &c.number),
        cert.map_or("", |c| &c.issued),
        cert.map_or("", |c| &c.expires),
        &view.active_sanctions.len().to_string(),
        &sanctions.join("; "),
        &view.complaints.received.to_string(),
        &view.complaints.upheld.to_string(),
        &view.complaints.rejected.to_string(),
        &view.complaints.pending.to_string(),
        &accounts.join("; "),
        &view.freshness.sequence.to_string(),
        if view.fictional { "true" } else { "false" },
    ];
    let csv = format!(
        "generated_on,registry_id,name,status,status_label,cert_level,score,cert_number,cert_issued,cert_expires,\
         active_sanctions,sanctions,complaints_received,complaints_upheld,complaints_rejected,complaints_pending,\
         accounts,registry_sequence,fictional\r\n{}\r\n",
        row.iter().map(|f| csv_field(f)).collect::<Vec<_>>().join(",")
    );

    VettingRecord {
        file_base: format!("koltrust-{}-{day}", view.registry_id),
        text,
        csv,
        json: vetting_json(view, &day, lang),
    }
}

/// The JSON form (`koltrust-vetting/1`): stable codes, ISO days, the summaries in the record's language.
fn vetting_json(view: &CardView, day: &str, lang: Lang) -> String {
    let mut j = String::from("{");
    let _ = write!(
        j,
        "\"format\":\"koltrust-vetting/1\",\"generated_on\":{},\"lang\":{}",
        q(day),
        q(lang.as_str())
    );
    let f = &view.freshness;
    let _ = write!(
        j,
        ",\"registry\":{{\"sequence\":{},\"issued\":{},\"expires\":{},\"stale\":{}}}",
        f.sequence,
        q(&f.issued),
        q(&f.expires),
        f.stale
    );
    let _ = write!(
        j,
        ",\"record\":{{\"registry_id\":{},\"name\":{},\"aliases\":{},\"fictional\":{},\"status\":{},\"categories\":{}",
        q(&view.registry_id),
        q(&view.name),
        list(view.aliases.iter().map(|a| q(a))),
        view.fictional,
        q(view.state),
        list(view.categories.iter().map(|c| q(c))),
    );
    let accounts = view.accounts.iter().map(|a| {
        format!(
            "{{\"platform\":{},\"id_type\":{},\"account_id\":{}}}",
            q(a.platform),
            q(a.id_type),
            q(&a.account_id)
        )
    });
    let _ = write!(j, ",\"accounts\":{}", list(accounts));
    let cert = view.certification.as_ref().map_or("null".to_string(), |c| {
        format!(
            "{{\"level\":{},\"score\":{},\"number\":{},\"issued\":{},\"expires\":{},\"valid\":{}}}",
            q(c.level),
            c.score,
            q(&c.number),
            q(&c.issued),
            q(&c.expires),
            c.valid
        )
    });
    let _ = write!(j, ",\"certification\":{cert}");
    let sanctions = sanction_groups(view).map(|(when, s)| {
        format!(
            "{{\"status\":{},\"kind\":{},\"reason\":{},\"authority\":{},\"decision\":{},\"issued\":{},\
             \"effective_from\":{},\"effective_until\":{},\"fine_vnd\":{},\"summary\":{},\"source_url\":{}}}",
            q(when),
            q(s.kind),
            q(s.reason),
            q(&s.authority),
            q(&s.decision),
            q(&s.issued),
            q(&s.effective_from),
            s.effective_until.as_deref().map_or("null".to_string(), q),
            s.fine_vnd.map_or("null".to_string(), |v| v.to_string()),
            q(&s.summary),
            q(&s.source_url)
        )
    });
    let _ = write!(j, ",\"sanctions\":{}", list(sanctions));
    let c = &view.complaints;
    let _ = write!(
        j,
        ",\"complaints\":{{\"received\":{},\"upheld\":{},\"rejected\":{},\"pending\":{}}},\"updated\":{}}}}}",
        c.received,
        c.upheld,
        c.rejected,
        c.pending,
        q(&view.updated)
    );
    j
}

fn list(items: impl Iterator<Item = String>) -> String {
    format!("[{}]", items.collect::<Vec<_>>().join(","))
}

/// A JSON string literal (RFC 8259 escaping).
fn q(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A CSV field (RFC 4180): quoted when it holds a comma, quote or line break. A leading `=`, `+`, `-` or `@` is
/// prefixed with `'` so a spreadsheet never runs registry text as a formula.
pub fn csv_field(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@']) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

// Native only: the tests read the exports back with the csv and serde_json crates, which the wasm build lacks.
#[cfg(all(test, not(target_arch = "wasm32")))]
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
        assert_eq!(en.labels.coming_soon, "Coming soon");
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
    fn unknown_account_card_explains_what_it_means() {
        let c = card(Platform::Tiktok, IdType::Handle, "someone.else", true, Lang::Vi);
        assert_eq!((c.kind, c.state), ("unknown", "unknown"));
        assert!(c.message.unwrap().contains("chưa có trong sổ đăng ký"));
        assert!(c.vetting.is_none() && c.record.is_none());
        assert!(c.freshness.label.contains("số 1"));
    }

    #[test]
    fn csv_fields_are_quoted_and_defused() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("two\nlines"), "\"two\nlines\"");
        assert_eq!(csv_field("=HYPERLINK(1)"), "'=HYPERLINK(1)");
        assert_eq!(csv_field("-1,2"), "\"'-1,2\"");
    }

    #[test]
    fn vetting_record_has_text_csv_and_json_of_the_same_facts() {
        let c = card(Platform::Tiktok, IdType::Handle, "minh.beauty.demo", true, Lang::En);
        let mut view = c.record.unwrap();
        view.name = "Lê \"Minh\", Beauty\n\\ demo".into(); // every character CSV and JSON must escape
        let v = vetting_record(&view, NOW, Lang::En);
        assert_eq!(v.file_base, "koltrust-KT-TEST-0003-2026-11-29");
        assert!(v.text.starts_with("KOL Trust vetting record — 2026-11-29\n"));
        assert!(v.text.contains("Status: Sanctioned"));
        assert!(v.text.contains("[active] Advertising ban"));

        let mut rows = csv::ReaderBuilder::new().from_reader(v.csv.as_bytes());
        let header = rows.headers().unwrap().clone();
        let records: Vec<csv::StringRecord> = rows.records().map(|r| r.unwrap()).collect();
        assert_eq!(records.len(), 1);
        let get = |k: &str| records[0][header.iter().position(|h| h == k).unwrap()].to_string();
        assert_eq!(get("name"), view.name);
        assert_eq!(get("status"), "sanctioned");
        assert_eq!(get("registry_id"), "KT-TEST-0003");
        assert_eq!(get("active_sanctions"), "1");
        assert_eq!(get("fictional"), "true");

        let json: serde_json::Value = serde_json::from_str(&v.json).expect("valid JSON");
        assert_eq!(json["format"], "koltrust-vetting/1");
        assert_eq!(json["generated_on"], "2026-11-29");
        assert_eq!(json["registry"]["sequence"], 1);
        let r = &json["record"];
        assert_eq!(r["name"], view.name.as_str());
        assert_eq!(r["status"], "sanctioned");
        assert_eq!(r["accounts"][0]["account_id"], "minh.beauty.demo");
        assert_eq!(r["certification"], serde_json::Value::Null);
        assert_eq!(r["sanctions"][0]["status"], "active");
        assert_eq!(r["sanctions"][0]["kind"], "advertising_ban");
        assert!(r["sanctions"][0]["effective_until"].is_string());
        assert_eq!(r["complaints"]["received"], 0);
    }

    #[test]
    fn json_strings_escape_control_characters() {
        assert_eq!(q("a\u{1}b\t"), "\"a\\u0001b\\t\"");
        let certified = card(
            Platform::Facebook,
            IdType::FbUsername,
            "lan.review.demo",
            true,
            Lang::Vi,
        );
        let v = certified.vetting.unwrap();
        let json: serde_json::Value = serde_json::from_str(&v.json).unwrap();
        assert_eq!(json["record"]["certification"]["score"], 92);
        assert_eq!(json["record"]["sanctions"], serde_json::json!([]));
        assert!(v.text.contains("Điểm tín nhiệm 92/100"));
    }
}
