//! The business vetting record of one profile: what a business keeps when it checks a KOL before signing them, in
//! three forms made from the same [`CardView`] so they never disagree:
//!
//! - **text**, one labelled line per fact, for a message or a report (in the card's language);
//! - **CSV** (RFC 4180, CRLF), a header of stable column names and one row per profile, so rows exported from
//!   several profiles concatenate under one header; cells that a spreadsheet would run as a formula are defused;
//! - **JSON** (`koltrust-vetting/1`): stable codes and ISO days for tools; the summaries in the card's language.
//!
//! Everything is built with `push_str` and a tiny JSON writer (`text::json`) rather than `format!` and serde_json: this code ships
//! in the wasm core, where each formatting call site and serde_json itself cost bytes the 150 KB budget needs.

use crate::i18n::Lang;
use crate::registry::Date;
use crate::text::json::Json;
use crate::views::record::CardView;
use crate::views::record::SanctionView;
use serde::Serialize;

/// The vetting record of one profile, in the three forms a business keeps.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct VettingRecord {
    /// A file name without extension: `koltrust-<registry id>-<day>`.
    pub file_base: String,
    /// Plain text for the clipboard, one fact per line, in the card's language.
    pub text: String,
    /// CSV: [`CSV_HEADER`] and one row, CRLF line ends, cells in the card's language (no BOM: the glue adds one
    /// when it saves the file).
    pub csv: String,
    /// JSON document of format `koltrust-vetting/1`: the registry's freshness and the whole record, every sanction in
    /// detail with its status on the day (`active` | `upcoming` | `past`), machine values rather than labels.
    pub json: String,
}

/// The CSV header: stable column names (the cells are in the card's language).
pub const CSV_HEADER: &str = "generated_on,registry_id,name,status,status_label,cert_level,score,cert_number,\
cert_issued,cert_expires,active_sanctions,sanctions,complaints_received,complaints_upheld,complaints_rejected,\
complaints_pending,accounts,registry_sequence,fictional";

/// Every sanction of the card with where it stands on the card's day: `active`, `upcoming` or `past`. Collected
/// once: the three loops over it then stay small.
fn sanctions(view: &CardView) -> Vec<(&'static str, &SanctionView)> {
    let mut all = Vec::new();
    for (when, list) in [
        ("active", &view.active_sanctions),
        ("upcoming", &view.upcoming_sanctions),
        ("past", &view.past_sanctions),
    ] {
        all.extend(list.iter().map(|s| (when, s)));
    }
    all
}

/// Appends `parts` and a line break.
fn line(out: &mut String, parts: &[&str]) {
    for p in parts {
        out.push_str(p);
    }
    out.push('\n');
}

/// The vetting record of `view` made on the day of `now_unix` (Vietnam time).
pub fn vetting_record(view: &CardView, now_unix: i64, lang: Lang) -> VettingRecord {
    let day = Date::from_unix_vn(now_unix).to_string();
    let cert = view.certification.as_ref();
    let score = cert.map_or(String::new(), |c| c.score.to_string());
    let c = &view.complaints;
    let (received, upheld, rejected, pending) = (
        c.received.to_string(),
        c.upheld.to_string(),
        c.rejected.to_string(),
        c.pending.to_string(),
    );
    let all = sanctions(view);
    let sanction_list: Vec<String> = all
        .iter()
        .map(|(when, s)| {
            [
                s.kind_label,
                " [",
                when,
                "] ",
                &s.decision,
                " (",
                &s.authority,
                ", ",
                &s.period_label,
                ")",
            ]
            .concat()
        })
        .collect();
    let accounts: Vec<String> = view
        .accounts
        .iter()
        .map(|a| [a.platform, " ", a.id_type, " ", &a.account_id].concat())
        .collect();
    let l = |vi, en| lang.pick(vi, en);

    let mut text = String::new();
    line(
        &mut text,
        &[l("Bản thẩm định KOL Trust", "KOL Trust vetting record"), " — ", &day],
    );
    line(
        &mut text,
        &[
            &view.name,
            " (",
            l("Mã đăng ký", "Registry ID"),
            ": ",
            &view.registry_id,
            ")",
        ],
    );
    if let Some(f) = &view.fictional_label {
        line(&mut text, &[f]);
    }
    line(&mut text, &[l("Trạng thái: ", "Status: "), &view.state_label]);
    match cert {
        Some(c) => line(
            &mut text,
            &[
                l("Chứng nhận: ", "Certification: "),
                c.level_label,
                l(" · điểm ", " · score "),
                &score,
                "/100 · ",
                &c.number,
                " · ",
                &c.validity_label,
            ],
        ),
        None => line(&mut text, &[l("Chứng nhận: chưa có", "Certification: none")]),
    }
    line(
        &mut text,
        &[l("Xử phạt: ", "Sanctions: "), &sanction_list.len().to_string()],
    );
    for &(when, s) in &all {
        line(
            &mut text,
            &[
                "  - [",
                when,
                "] ",
                s.kind_label,
                " — ",
                s.reason_label,
                " · ",
                &s.decision,
                " · ",
                &s.authority,
                " · ",
                &s.period_label,
                " · ",
                &s.source_url,
            ],
        );
    }
    line(&mut text, &[l("Khiếu nại: ", "Complaints: "), &c.label, " — ", c.note]);
    line(&mut text, &[l("Tài khoản: ", "Accounts: "), &accounts.join("; ")]);
    text.push_str(l("Nguồn dữ liệu: ", "Data source: "));
    text.push_str(&view.freshness.label);

    let sequence = view.freshness.sequence.to_string();
    let row: [&str; 19] = [
        &day,
        &view.registry_id,
        &view.name,
        view.state,
        &view.state_label,
        cert.map_or("", |c| c.level),
        &score,
        cert.map_or("", |c| &c.number),
        cert.map_or("", |c| &c.issued),
        cert.map_or("", |c| &c.expires),
        &view.active_sanctions.len().to_string(),
        &sanction_list.join("; "),
        &received,
        &upheld,
        &rejected,
        &pending,
        &accounts.join("; "),
        &sequence,
        if view.fictional { "true" } else { "false" },
    ];
    let mut csv = String::with_capacity(CSV_HEADER.len() + 256);
    csv.push_str(CSV_HEADER);
    csv.push_str("\r\n");
    crate::text::csv::push_record(&mut csv, &row, "\r\n");

    VettingRecord {
        file_base: ["koltrust-", &view.registry_id, "-", &day].concat(),
        text,
        csv,
        json: vetting_json(view, &all, &day, lang),
    }
}

/// The JSON form; see the module docs.
fn vetting_json(view: &CardView, all: &[(&str, &SanctionView)], day: &str, lang: Lang) -> String {
    let mut j = Json(String::new());
    j.open("", '{');
    j.str("format", "koltrust-vetting/1");
    j.str("generated_on", day);
    j.str("lang", lang.as_str());
    let f = &view.freshness;
    j.open("registry", '{');
    j.num("sequence", f.sequence);
    j.str("issued", &f.issued);
    j.str("expires", &f.expires);
    j.bool("stale", f.stale);
    j.close('}');
    j.open("record", '{');
    j.str("registry_id", &view.registry_id);
    j.str("name", &view.name);
    j.strs("aliases", &view.aliases);
    j.bool("fictional", view.fictional);
    j.str("status", view.state);
    j.strs("categories", &view.categories);
    j.open("accounts", '[');
    for a in &view.accounts {
        j.open("", '{');
        j.str("platform", a.platform);
        j.str("id_type", a.id_type);
        j.str("account_id", &a.account_id);
        j.close('}');
    }
    j.close(']');
    match &view.certification {
        Some(c) => {
            j.open("certification", '{');
            j.str("level", c.level);
            j.num("score", c.score.into());
            j.str("number", &c.number);
            j.str("issued", &c.issued);
            j.str("expires", &c.expires);
            j.bool("valid", c.valid);
            j.close('}');
        }
        None => j.raw("certification", "null"),
    }
    j.open("sanctions", '[');
    for &(when, s) in all {
        j.open("", '{');
        j.str("status", when);
        j.str("kind", s.kind);
        j.str("reason", s.reason);
        j.str("authority", &s.authority);
        j.str("decision", &s.decision);
        j.str("issued", &s.issued);
        j.str("effective_from", &s.effective_from);
        match &s.effective_until {
            Some(u) => j.str("effective_until", u),
            None => j.raw("effective_until", "null"),
        }
        match s.fine_vnd {
            Some(v) => j.num("fine_vnd", v),
            None => j.raw("fine_vnd", "null"),
        }
        j.str("summary", &s.summary);
        j.str("source_url", &s.source_url);
        j.close('}');
    }
    j.close(']');
    let c = &view.complaints;
    j.open("complaints", '{');
    j.num("received", c.received.into());
    j.num("upheld", c.upheld.into());
    j.num("rejected", c.rejected.into());
    j.num("pending", c.pending.into());
    j.close('}');
    j.str("updated", &view.updated);
    j.close('}');
    j.close('}');
    j.0
}

// The tests read the exports back with the csv and serde_json crates (dev-dependencies).
#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::{IdType, Platform};
    use crate::testing::{demo_registry, NOW};
    use crate::text::json::push_json_string;
    use crate::views::record::record_card;

    fn view(platform: Platform, id_type: IdType, id: &str, lang: Lang) -> CardView {
        let registry = demo_registry(NOW);
        let hit = registry.lookup(platform, id_type, id).unwrap().expect("a demo account");
        record_card(&registry, hit.record, lang).unwrap()
    }

    fn q(s: &str) -> String {
        let mut out = String::new();
        push_json_string(&mut out, s);
        out
    }

    #[test]
    fn vetting_record_has_text_csv_and_json_of_the_same_facts() {
        let mut view = view(Platform::Tiktok, IdType::Handle, "minh.beauty.demo", Lang::En);
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
        let certified = view(Platform::Facebook, IdType::FbUsername, "lan.review.demo", Lang::Vi);
        let v = vetting_record(&certified, NOW, Lang::Vi);
        let json: serde_json::Value = serde_json::from_str(&v.json).unwrap();
        assert_eq!(json["record"]["certification"]["score"], 92);
        assert_eq!(json["record"]["sanctions"], serde_json::json!([]));
        assert!(v.text.contains("điểm 92/100"), "{}", v.text);
    }
}
