//! Vetting a list of profiles at once: what a business runs before signing KOLs, as `koltrust vet` (CLI) and the
//! portal's "vet a list" page. Both call [`vet_csv`] for the export and [`vet_input`] + [`vet_rows`] for the rows,
//! so the portal's CSV is byte-identical to `koltrust vet` on the same input.
//!
//! ## Input
//! Text, one entry per line; blank lines and `#` comments are skipped. A line is either a bare URL or a CSV row
//! (`,`, `;` or tab separated, RFC 4180 quotes on one line):
//! - if the first entry is a **header** naming a `url`, `link`, `profile` or `profile_url` column, that column is
//!   read from every following row (a row with that cell empty is skipped);
//! - otherwise, in a row with separators, the first cell that is an `http(s)://` URL or a URL the recognizer knows
//!   is taken; a line with none is vetted whole (it then answers `unsupported`, so nothing is silently dropped).
//!
//! ## Output (CSV, `\n` line ends)
//! ```text
//! url,status,score,cert_expires,active_sanctions,registry_id,name,platform,id_type,account_id,lookalike_of
//! ```
//! `status` is `sanctioned`, `certified`, `expired`, `registered`, `lookalike` (not registered, but its name
//! imitates the registered account named in `lookalike_of` as `registry_id account_id`), `unknown` (a profile the
//! registry does not know), `not_profile` (a page of a supported site that names no account) or `unsupported`.
//! `score` and `cert_expires` (the first day the certificate is no longer valid) come from the certificate, if any;
//! `active_sanctions` lists the kinds in effect on the registry's day, separated by `;`.

use crate::i18n::Lang;
use crate::recognize::{recognize, Kind};
use crate::registry::{LookalikeHit, Registry, SnapshotError};
use crate::text::csv;
use serde::Serialize;

/// The CSV header of [`vet_csv`].
pub const VET_CSV_HEADER: &str =
    "url,status,score,cert_expires,active_sanctions,registry_id,name,platform,id_type,account_id,lookalike_of";

/// Header cells (lower case, trimmed) that name the URL column of an uploaded CSV.
const URL_COLUMNS: [&str; 4] = ["url", "link", "profile", "profile_url"];

/// What the registry says about one URL (the recognizer's answer and the registry's).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UrlStatus {
    /// The recognized platform's string form (`tiktok`…); empty when the URL is `unsupported`.
    pub platform: String,
    /// The account's namespace string form (`handle`…); empty unless the URL names an account.
    pub id_type: String,
    /// The canonical account id; empty unless the URL names an account.
    pub account_id: String,
    /// `sanctioned` | `certified` | `expired` | `registered` | `lookalike` | `unknown` | `not_profile` | `unsupported`.
    pub status: &'static str,
    /// The record, for registered accounts.
    pub record: Option<u32>,
    /// The imitated registered account, for lookalikes.
    pub lookalike: Option<LookalikeHit>,
}

/// Recognizes `url` and looks its account up (registered, else lookalike, else unknown).
pub fn status_of(reg: &Registry, url: &str) -> Result<UrlStatus, SnapshotError> {
    let mut s = UrlStatus {
        status: "unsupported",
        ..UrlStatus::default()
    };
    let Some(r) = recognize(url) else {
        return Ok(s);
    };
    s.platform = r.platform.as_str().to_string();
    s.status = "not_profile";
    let Some(acc) = r.account.filter(|_| r.kind != Kind::NotProfile) else {
        return Ok(s);
    };
    s.id_type = acc.id_type.as_str().to_string();
    match reg.lookup(r.platform, acc.id_type, &acc.account_id)? {
        Some(h) => {
            s.status = h.state.code();
            s.record = Some(h.record);
        }
        None => {
            s.lookalike = reg.lookalike(r.platform, acc.id_type, &acc.account_id, None)?;
            s.status = if s.lookalike.is_some() { "lookalike" } else { "unknown" };
        }
    }
    s.account_id = acc.account_id;
    Ok(s)
}

/// One vetted entry: the CSV columns, plus the status in words for a person.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct VetRow {
    /// The entry as read from the input (not normalized).
    pub url: String,
    /// `sanctioned` | `certified` | `expired` | `registered` | `lookalike` | `unknown` | `not_profile` |
    /// `unsupported`.
    pub status: &'static str,
    /// The status in words ([`status_label`]), e.g. "Nghi mạo danh" / "Possible impersonator" (not in the CSV).
    pub status_label: &'static str,
    /// The certificate's trust score 0–100 as text; empty without a certificate.
    pub score: String,
    /// First day the certificate is no longer valid, `yyyy-mm-dd`; empty without a certificate.
    pub cert_expires: String,
    /// Kinds of the sanctions in effect on the registry's day, string forms separated by `;`; empty if none.
    pub active_sanctions: String,
    /// The same kinds in words, for a person (not in the CSV).
    pub active_sanctions_label: String,
    /// The record's registry id; empty unless the account is registered.
    pub registry_id: String,
    /// The KOL's registered display name; empty unless the account is registered.
    pub name: String,
    /// The recognized platform's string form; empty when `unsupported`.
    pub platform: String,
    /// The account's namespace string form; empty unless the URL names an account.
    pub id_type: String,
    /// The canonical account id; empty unless the URL names an account.
    pub account_id: String,
    /// For a lookalike, the imitated account as `registry_id account_id`; empty otherwise.
    pub lookalike_of: String,
    /// Whether the matched record is fictional sample data (not in the CSV).
    pub fictional: bool,
}

impl VetRow {
    /// The row's CSV line, without the line end.
    pub fn csv_line(&self) -> String {
        let cells = [
            self.url.as_str(),
            self.status,
            &self.score,
            &self.cert_expires,
            &self.active_sanctions,
            &self.registry_id,
            &self.name,
            &self.platform,
            &self.id_type,
            &self.account_id,
            &self.lookalike_of,
        ];
        let mut line = String::with_capacity(128);
        csv::push_record(&mut line, &cells, "");
        line
    }
}

/// The status in words, for the portal's table.
pub fn status_label(status: &str, lang: Lang) -> &'static str {
    let (vi, en) = match status {
        "sanctioned" => ("Đang bị xử phạt", "Sanctioned"),
        "certified" => ("Đã chứng nhận", "Certified"),
        "expired" => ("Chứng nhận hết hạn", "Certificate expired"),
        "registered" => ("Đã đăng ký", "Registered"),
        "lookalike" => ("Nghi mạo danh", "Possible impersonator"),
        "unknown" => ("Chưa có trong sổ đăng ký", "Not in the registry"),
        "not_profile" => ("Không phải trang cá nhân", "Not a profile page"),
        _ => ("Không hỗ trợ", "Not supported"),
    };
    lang.pick(vi, en)
}

/// Splits one CSV line into trimmed cells (`,`, `;` or tab; double quotes as in RFC 4180, on one line).
fn cells(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                cell.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            ',' | ';' | '\t' if !quoted => out.push(std::mem::take(&mut cell).trim().to_string()),
            _ => cell.push(c),
        }
    }
    out.push(cell.trim().to_string());
    out
}

fn is_url_cell(cell: &str) -> bool {
    let lower = cell.get(..8).unwrap_or(cell).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://") || recognize(cell).is_some()
}

/// The URLs of a pasted or uploaded list, in order (see the module docs for the rules).
pub fn vet_input(text: &str) -> Vec<String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut column: Option<usize> = None;
    let mut first = true;
    let mut urls = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let has_separators = line.contains([',', ';', '\t']);
        if first {
            first = false;
            if has_separators {
                let header = cells(line);
                column = header
                    .iter()
                    .position(|c| URL_COLUMNS.contains(&c.to_ascii_lowercase().as_str()));
                if column.is_some() {
                    continue;
                }
            }
        }
        let url = match column {
            Some(i) => cells(line).into_iter().nth(i).unwrap_or_default(),
            None if has_separators => cells(line)
                .into_iter()
                .find(|c| is_url_cell(c))
                .unwrap_or_else(|| line.to_string()),
            None => line.to_string(),
        };
        if !url.is_empty() {
            urls.push(url);
        }
    }
    urls
}

/// Vets each URL on the registry's day; `lang` only chooses `status_label`.
pub fn vet_rows(reg: &Registry, urls: &[String], lang: Lang) -> Result<Vec<VetRow>, SnapshotError> {
    let today = reg.today();
    urls.iter()
        .map(|url| {
            let st = status_of(reg, url)?;
            let mut row = VetRow {
                url: url.clone(),
                status: st.status,
                status_label: status_label(st.status, lang),
                score: String::new(),
                cert_expires: String::new(),
                active_sanctions: String::new(),
                active_sanctions_label: String::new(),
                registry_id: String::new(),
                name: String::new(),
                platform: st.platform,
                id_type: st.id_type,
                account_id: st.account_id,
                lookalike_of: String::new(),
                fictional: false,
            };
            if let Some(ord) = st.record {
                let rec = reg.record(ord)?;
                if let Some(c) = &rec.certification {
                    row.score = c.score.to_string();
                    row.cert_expires = c.expires.to_string();
                }
                let active: Vec<_> = rec.sanctions.iter().filter(|s| s.is_active_on(today)).collect();
                let codes: Vec<&str> = active.iter().map(|s| s.kind.as_str()).collect();
                let labels: Vec<&str> = active.iter().map(|s| s.kind.label(lang)).collect();
                row.active_sanctions = codes.join(";");
                row.active_sanctions_label = labels.join("; ");
                row.registry_id = rec.id;
                row.name = rec.name;
                row.fictional = rec.fictional;
            }
            if let Some(l) = &st.lookalike {
                row.lookalike_of = [reg.record(l.record)?.id.as_str(), " ", &l.of_account_id].concat();
            }
            Ok(row)
        })
        .collect()
}

/// The whole vetting of `text` as CSV: the header and one line per URL, each ended by `\n`; cells written by the
/// one CSV writer ([`crate::text::csv`]: formula cells defused). `bom` starts the file with a UTF-8 byte-order mark
/// (for Excel).
pub fn vet_csv(reg: &Registry, text: &str, bom: bool) -> Result<String, SnapshotError> {
    let rows = vet_rows(reg, &vet_input(text), Lang::En)?;
    let mut out = String::with_capacity(128 * (rows.len() + 1));
    if bom {
        out.push_str(csv::BOM);
    }
    out.push_str(VET_CSV_HEADER);
    out.push('\n');
    for r in &rows {
        out.push_str(&r.csv_line());
        out.push('\n');
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{demo_registry, NOW};

    #[test]
    fn input_rules() {
        let cases: &[(&str, &[&str])] = &[
            (
                "# list\n\nhttps://www.tiktok.com/@a\n  https://x.com/b  \n",
                &["https://www.tiktok.com/@a", "https://x.com/b"],
            ),
            // A header names the column; rows with an empty cell are skipped.
            (
                "\u{feff}name,URL,note\nAn,https://www.tiktok.com/@a,\"hi, there\"\nBình,,x\nChi,\"https://x.com/c\",",
                &["https://www.tiktok.com/@a", "https://x.com/c"],
            ),
            // No header: the first URL-looking cell of each row.
            (
                "An;https://www.tiktok.com/@a\nx\thttps://x.com/b\tz",
                &["https://www.tiktok.com/@a", "https://x.com/b"],
            ),
            ("Bình,www.tiktok.com/@binh", &["www.tiktok.com/@binh"]),
            // A line with separators and no URL is vetted whole (and will say `unsupported`).
            ("not a url, really", &["not a url, really"]),
        ];
        for (text, want) in cases {
            assert_eq!(
                vet_input(text),
                want.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
                "{text:?}"
            );
        }
    }

    #[test]
    fn rows_and_csv() {
        let reg = demo_registry(NOW);
        let text = "https://www.tiktok.com/@minh.beauty.demo\nhttps://www.tiktok.com/@minh.beauty.dem0\n\
                    https://www.tiktok.com/@nobody.here\nhttps://www.facebook.com/groups/1\nnot a url, really\n";
        let rows = vet_rows(&reg, &vet_input(text), Lang::Vi).unwrap();
        let statuses: Vec<&str> = rows.iter().map(|r| r.status).collect();
        assert_eq!(
            statuses,
            ["sanctioned", "lookalike", "unknown", "not_profile", "unsupported"]
        );
        assert_eq!(rows[0].registry_id, "KT-TEST-0003");
        assert_eq!(rows[0].status_label, "Đang bị xử phạt");
        assert_eq!(
            (
                rows[0].active_sanctions.as_str(),
                rows[0].active_sanctions_label.as_str()
            ),
            ("advertising_ban", "Cấm quảng cáo")
        );
        assert_eq!(rows[1].lookalike_of, "KT-TEST-0003 minh.beauty.demo");
        let csv = vet_csv(&reg, text, false).unwrap();
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines[0], VET_CSV_HEADER);
        assert_eq!(lines.len(), 6);
        assert!(lines[1].starts_with("https://www.tiktok.com/@minh.beauty.demo,sanctioned,"));
        assert!(lines[5].starts_with("\"not a url, really\",unsupported,"));
        assert!(csv.ends_with('\n') && !csv.contains('\r'));
        assert_eq!(
            vet_csv(&reg, text, true).unwrap(),
            [crate::text::csv::BOM, &csv].concat()
        );
    }

    #[test]
    fn a_formula_in_the_list_is_defused_in_the_export() {
        let reg = demo_registry(NOW);
        let csv = vet_csv(
            &reg,
            "=HYPERLINK(\"https://evil.example/\",\"Xem\")\n@SUM(1+1)\n",
            false,
        )
        .unwrap();
        let lines: Vec<&str> = csv.lines().collect();
        assert!(lines[1].starts_with("\"'=HYPERLINK("), "{}", lines[1]);
        assert!(lines[2].starts_with("'@SUM(1+1),"), "{}", lines[2]);
    }

    #[test]
    fn every_status_has_two_labels() {
        for s in [
            "sanctioned",
            "certified",
            "expired",
            "registered",
            "lookalike",
            "unknown",
            "not_profile",
            "x",
        ] {
            assert_ne!(status_label(s, Lang::Vi), status_label(s, Lang::En));
        }
    }
}
