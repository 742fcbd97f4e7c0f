//! The human-editable source formats (native tooling only): a JSON document and CSV bulk lists, turned into
//! validated [`Record`]s, with **every** problem reported with its file, line and field — not just the first.
//!
//! ## JSON
//! ```json
//! { "format": "koltrust-registry/1",
//!   "records": [ {
//!     "id": "KT-000001", "name": "Nguyễn Thị Lan", "aliases": ["Lan Review"], "fictional": true,
//!     "accounts": [ {"url": "https://www.tiktok.com/@lan.review"},
//!                   {"platform": "facebook", "id_type": "fb_numeric_id", "id": "100000000000001"} ],
//!     "categories": ["beauty"],
//!     "certification": {"level": "standard", "score": 92, "number": "TN-2025-000001",
//!                       "issued": "2025-03-01", "expires": "2026-03-01"},
//!     "sanctions": [ {"kind": "fine", "reason": "misleading_advertising", "authority": "…", "decision": "…",
//!                     "summary_vi": "…", "summary_en": "…", "issued": "2025-05-01",
//!                     "effective_from": "2025-05-01", "effective_until": null,
//!                     "source_url": "https://…", "fine_vnd": 50000000} ],
//!     "complaints": {"received": 3, "upheld": 1, "rejected": 1, "pending": 1},
//!     "created": "2024-01-10", "updated": "2025-03-01", "note": "…" } ] }
//! ```
//! An account is either a `url` (normalised with [`crate::recognize`], which yields the canonical id) or an explicit
//! `platform` + `id_type` + `id` that must already be canonical. Unknown fields are errors (typos must not vanish).
//! serde stops at the first error inside one value, so each record (and each account and sanction) is parsed on its
//! own from its raw text: one bad record does not hide the problems of the next.
//!
//! ## CSV
//! *Records* (header contains `name`): one row per account; rows with the same `id` form one record. Columns: `id,
//! name, platform, id_type, account_id, url, aliases, categories` (lists separated by `;`), `cert_level, cert_score,
//! cert_number, cert_issued, cert_expires, complaints_received, complaints_upheld, complaints_rejected,
//! complaints_pending, created, updated, fictional, note` — only `id`, `name`, `created`, `updated` and an account
//! (`url` or `platform`+`id_type`+`account_id`) are required. *Sanctions* (header contains `kind`): one row per
//! sanction, keyed by `id`, with the sanction fields of the JSON format as columns.

use crate::platform::{AccountKey, IdType, Platform};
use crate::recognize::recognize;
use crate::registry::date::Date;
use crate::registry::model::{
    CertLevel, Certification, ComplaintStats, Record, Sanction, SanctionKind, SanctionReason,
};
use serde::Deserialize;
use serde_json::value::RawValue;
use std::collections::HashMap;
use std::fmt;

/// One problem in a source file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceError {
    /// The source file's name as the caller gave it to [`SourceSet`].
    pub file: String,
    /// 1-based line number in that file (the JSON record's or the CSV row's line).
    pub line: usize,
    /// Field path, e.g. `records[3].sanctions[0].effective_until`, or a CSV column name.
    pub field: String,
    /// What is wrong, in English (operator-facing), e.g. `"2025-02-30" is not a date (yyyy-mm-dd)`.
    pub message: String,
}

impl fmt::Display for SourceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}: {}", self.file, self.line, self.field, self.message)
    }
}

/// Collects records from several source files, then validates them together.
#[derive(Default)]
pub struct SourceSet {
    records: Vec<(Record, Lines)>,
    /// Sanction rows from CSV, applied to records by id at `finish`.
    sanctions: Vec<(String, Sanction, String, usize)>,
    errors: Vec<SourceError>,
}

/// Where a record and its parts were written, for error messages.
#[derive(Clone, Debug, Default)]
struct Lines {
    file: String,
    /// Path prefix of the record, e.g. `records[3]` (JSON); empty for CSV, whose fields are column names.
    path: String,
    record: usize,
    /// For each kept account: its index in the source, file and line.
    accounts: Vec<(usize, String, usize)>,
    /// For each kept sanction: its index in the source, file and line.
    sanctions: Vec<(usize, String, usize)>,
    csv: bool,
    /// Fields (as displayed) that already have a parse error: semantic checks do not repeat them.
    errored: Vec<String>,
}

impl Lines {
    /// File, line and displayed field name of a record-relative field path such as `sanctions[1].issued`.
    fn locate(&self, field: &str) -> (String, usize, String) {
        let split = |prefix: &str| -> Option<(usize, &str)> {
            let rest = field.strip_prefix(prefix)?;
            let close = rest.find(']')?;
            Some((rest[..close].parse().ok()?, &rest[close + 1..]))
        };
        let part = |list: &[(usize, String, usize)], name: &str, i: usize, rest: &str| {
            let (src, file, line) = list.get(i).cloned().unwrap_or((i, self.file.clone(), self.record));
            let shown = if self.csv {
                match (name, rest.trim_start_matches('.')) {
                    ("accounts", _) => "account_id".to_string(),
                    (_, "") => "sanction".to_string(),
                    (_, r) => r.to_string(),
                }
            } else {
                format!("{}.{name}[{src}]{rest}", self.path)
            };
            (file, line, shown)
        };
        if let Some((i, rest)) = split("accounts[") {
            return part(&self.accounts, "accounts", i, rest);
        }
        if let Some((i, rest)) = split("sanctions[") {
            return part(&self.sanctions, "sanctions", i, rest);
        }
        let shown = if self.csv {
            let base = field.split('[').next().unwrap_or(field);
            match base {
                "complaints" => "complaints_received".to_string(),
                f => match f.strip_prefix("certification.") {
                    Some(c) => format!("cert_{c}"),
                    None => f.to_string(),
                },
            }
        } else {
            format!("{}.{field}", self.path)
        };
        (self.file.clone(), self.record, shown)
    }
}

struct LineMap(Vec<usize>);

impl LineMap {
    fn new(text: &str) -> LineMap {
        let mut v = vec![0];
        v.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineMap(v)
    }
    fn line(&self, offset: usize) -> usize {
        self.0.partition_point(|&s| s <= offset)
    }
}

fn offset_in(base: &str, part: &str) -> usize {
    (part.as_ptr() as usize).saturating_sub(base.as_ptr() as usize)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile<'a> {
    #[serde(default)]
    #[allow(dead_code)]
    format: Option<String>,
    #[serde(borrow)]
    records: Vec<&'a RawValue>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRecord<'a> {
    id: String,
    name: String,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(borrow)]
    accounts: Vec<&'a RawValue>,
    #[serde(default)]
    categories: Vec<String>,
    #[serde(default)]
    certification: Option<RawCert>,
    #[serde(default, borrow)]
    sanctions: Vec<&'a RawValue>,
    #[serde(default)]
    complaints: Option<RawComplaints>,
    created: String,
    updated: String,
    #[serde(default)]
    fictional: bool,
    #[serde(default)]
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAccount {
    platform: Option<String>,
    id_type: Option<String>,
    id: Option<String>,
    url: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCert {
    level: String,
    score: u8,
    number: String,
    issued: String,
    expires: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawComplaints {
    received: u32,
    upheld: u32,
    rejected: u32,
    pending: u32,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSanction {
    kind: String,
    reason: String,
    authority: String,
    decision: String,
    summary_vi: String,
    summary_en: String,
    issued: String,
    effective_from: String,
    effective_until: Option<String>,
    source_url: String,
    #[serde(default)]
    fine_vnd: Option<u64>,
}

/// Collects field errors while building one record.
struct Errs<'a> {
    out: &'a mut Vec<SourceError>,
    file: &'a str,
    failed: bool,
    fields: Vec<String>,
}

impl Errs<'_> {
    fn push(&mut self, line: usize, field: String, message: impl Into<String>) {
        self.failed = true;
        self.fields.push(field.clone());
        self.out.push(SourceError {
            file: self.file.to_string(),
            line,
            field,
            message: message.into(),
        });
    }
    fn date(&mut self, line: usize, field: String, s: &str) -> Date {
        Date::parse(s.trim()).unwrap_or_else(|| {
            self.push(line, field, format!("{s:?} is not a date (yyyy-mm-dd)"));
            Date(0)
        })
    }
    fn parsed<T: Copy>(
        &mut self,
        line: usize,
        field: String,
        s: &str,
        parse: fn(&str) -> Option<T>,
        choices: String,
    ) -> Option<T> {
        let v = parse(s.trim());
        if v.is_none() {
            self.push(line, field, format!("{s:?} is not one of: {choices}"));
        }
        v
    }
    fn account(&mut self, line: usize, field: &str, a: &RawAccount) -> Option<AccountKey> {
        // CSV passes an empty field prefix: its fields are the column names.
        let sub = |name: &str| {
            if field.is_empty() {
                name.to_string()
            } else {
                format!("{field}.{name}")
            }
        };
        let whole = if field.is_empty() { "account_id" } else { field };
        let explicit = match (&a.platform, &a.id_type, &a.id) {
            (None, None, None) => None,
            (Some(p), Some(t), Some(id)) => {
                let p = self.parsed(line, sub("platform"), p, Platform::parse, platform_choices());
                let t = self.parsed(line, sub("id_type"), t, IdType::parse, id_type_choices());
                match (p, t) {
                    (Some(p), Some(t)) => Some(AccountKey::new(p, t, id.clone())),
                    _ => return None,
                }
            }
            _ => {
                self.push(
                    line,
                    whole.to_string(),
                    "give `url`, or all of `platform`, `id_type` and `id`",
                );
                return None;
            }
        };
        let from_url = match &a.url {
            None => None,
            Some(u) => match recognize(u) {
                Some(r) => match r.account {
                    Some(acc) => Some(AccountKey::new(r.platform, acc.id_type, acc.account_id)),
                    None => {
                        self.push(line, sub("url"), format!("{u:?} is not the address of an account"));
                        return None;
                    }
                },
                None => {
                    self.push(line, sub("url"), format!("{u:?} is not a URL of a supported platform"));
                    return None;
                }
            },
        };
        match (explicit, from_url) {
            (Some(e), Some(u)) if e != u => {
                self.push(
                    line,
                    whole.to_string(),
                    format!(
                        "`url` names {} {} {}, not the explicit {} {} {}",
                        u.platform.as_str(),
                        u.id_type.as_str(),
                        u.account_id,
                        e.platform.as_str(),
                        e.id_type.as_str(),
                        e.account_id
                    ),
                );
                None
            }
            (Some(e), _) => Some(e),
            (None, Some(u)) => Some(u),
            (None, None) => {
                self.push(
                    line,
                    whole.to_string(),
                    "give `url`, or all of `platform`, `id_type` and `id`",
                );
                None
            }
        }
    }
    #[allow(clippy::too_many_arguments)]
    fn sanction(&mut self, line: usize, f: &str, s: &RawSanction) -> Sanction {
        Sanction {
            kind: self
                .parsed(
                    line,
                    format!("{f}.kind"),
                    &s.kind,
                    SanctionKind::parse,
                    SanctionKind::choices(),
                )
                .unwrap_or(SanctionKind::Warning),
            reason: self
                .parsed(
                    line,
                    format!("{f}.reason"),
                    &s.reason,
                    SanctionReason::parse,
                    SanctionReason::choices(),
                )
                .unwrap_or(SanctionReason::Other),
            authority: s.authority.clone(),
            decision: s.decision.clone(),
            summary_vi: s.summary_vi.clone(),
            summary_en: s.summary_en.clone(),
            issued: self.date(line, format!("{f}.issued"), &s.issued),
            effective_from: self.date(line, format!("{f}.effective_from"), &s.effective_from),
            effective_until: s
                .effective_until
                .as_deref()
                .filter(|u| !u.trim().is_empty())
                .map(|u| self.date(line, format!("{f}.effective_until"), u)),
            source_url: s.source_url.clone(),
            fine_vnd: s.fine_vnd,
        }
    }
}

fn platform_choices() -> String {
    Platform::ALL.map(|p| p.as_str()).join(", ")
}
fn id_type_choices() -> String {
    IdType::ALL.map(|t| t.as_str()).join(", ")
}

fn serde_msg(e: &serde_json::Error) -> String {
    let s = e.to_string();
    // serde_json appends " at line L column C"; the line is reported separately (relative lines would mislead).
    match s.rfind(" at line ") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

impl SourceSet {
    /// An empty set of source documents.
    pub fn new() -> SourceSet {
        SourceSet::default()
    }

    /// Adds a JSON source document.
    pub fn add_json(&mut self, file: &str, text: &str) {
        let lines = LineMap::new(text);
        let parsed: RawFile = match serde_json::from_str(text) {
            Ok(f) => f,
            Err(e) => {
                self.errors.push(SourceError {
                    file: file.into(),
                    line: e.line().max(1),
                    field: "document".into(),
                    message: serde_msg(&e),
                });
                return;
            }
        };
        for (i, raw) in parsed.records.iter().enumerate() {
            let base = offset_in(text, raw.get());
            let line0 = lines.line(base);
            let path = format!("records[{i}]");
            let rr: RawRecord = match serde_json::from_str(raw.get()) {
                Ok(r) => r,
                Err(e) => {
                    self.errors.push(SourceError {
                        file: file.into(),
                        line: line0 + e.line().saturating_sub(1),
                        field: path,
                        message: serde_msg(&e),
                    });
                    continue;
                }
            };
            let mut errs = Errs {
                out: &mut self.errors,
                file,
                failed: false,
                fields: Vec::new(),
            };
            let mut ln = Lines {
                file: file.into(),
                path: path.clone(),
                record: line0,
                ..Lines::default()
            };
            let mut accounts = Vec::new();
            for (j, a) in rr.accounts.iter().enumerate() {
                let l = lines.line(offset_in(text, a.get()));
                let f = format!("{path}.accounts[{j}]");
                match serde_json::from_str::<RawAccount>(a.get()) {
                    Ok(ra) => {
                        if let Some(k) = errs.account(l, &f, &ra) {
                            accounts.push(k);
                            ln.accounts.push((j, file.to_string(), l));
                        }
                    }
                    Err(e) => errs.push(l + e.line().saturating_sub(1), f, serde_msg(&e)),
                }
            }
            let mut sanctions = Vec::new();
            for (j, s) in rr.sanctions.iter().enumerate() {
                let l = lines.line(offset_in(text, s.get()));
                let f = format!("{path}.sanctions[{j}]");
                match serde_json::from_str::<RawSanction>(s.get()) {
                    Ok(rs) => {
                        sanctions.push(errs.sanction(l, &f, &rs));
                        ln.sanctions.push((j, file.to_string(), l));
                    }
                    Err(e) => errs.push(l + e.line().saturating_sub(1), f, serde_msg(&e)),
                }
            }
            let certification = rr.certification.as_ref().map(|c| Certification {
                level: errs
                    .parsed(
                        line0,
                        format!("{path}.certification.level"),
                        &c.level,
                        CertLevel::parse,
                        CertLevel::choices(),
                    )
                    .unwrap_or(CertLevel::Basic),
                score: c.score,
                number: c.number.clone(),
                issued: errs.date(line0, format!("{path}.certification.issued"), &c.issued),
                expires: errs.date(line0, format!("{path}.certification.expires"), &c.expires),
            });
            let record = Record {
                id: rr.id,
                name: rr.name,
                aliases: rr.aliases,
                accounts,
                categories: rr.categories,
                certification,
                sanctions,
                complaints: rr.complaints.map_or(ComplaintStats::default(), |c| ComplaintStats {
                    received: c.received,
                    upheld: c.upheld,
                    rejected: c.rejected,
                    pending: c.pending,
                }),
                created: errs.date(line0, format!("{path}.created"), &rr.created),
                updated: errs.date(line0, format!("{path}.updated"), &rr.updated),
                fictional: rr.fictional,
                note: rr.note,
            };
            // Kept even after a parse error, so its other problems are reported too.
            ln.errored = errs.fields;
            self.records.push((record, ln));
        }
    }

    /// Adds a CSV bulk list (records or sanctions, told apart by the header).
    pub fn add_csv(&mut self, file: &str, text: &str) {
        let mut rdr = csv::ReaderBuilder::new().flexible(false).from_reader(text.as_bytes());
        let headers = match rdr.headers() {
            Ok(h) => h.iter().map(|s| s.trim().to_string()).collect::<Vec<_>>(),
            Err(e) => return self.csv_error(file, &e),
        };
        let col = |name: &str| headers.iter().position(|h| h == name);
        let is_sanctions = col("kind").is_some();
        let known: &[&str] = if is_sanctions {
            &[
                "id",
                "kind",
                "reason",
                "authority",
                "decision",
                "summary_vi",
                "summary_en",
                "issued",
                "effective_from",
                "effective_until",
                "source_url",
                "fine_vnd",
            ]
        } else {
            &[
                "id",
                "name",
                "platform",
                "id_type",
                "account_id",
                "url",
                "aliases",
                "categories",
                "cert_level",
                "cert_score",
                "cert_number",
                "cert_issued",
                "cert_expires",
                "complaints_received",
                "complaints_upheld",
                "complaints_rejected",
                "complaints_pending",
                "created",
                "updated",
                "fictional",
                "note",
            ]
        };
        let mut header_ok = true;
        for h in &headers {
            if !known.contains(&h.as_str()) {
                header_ok = false;
                self.errors.push(SourceError {
                    file: file.into(),
                    line: 1,
                    field: h.clone(),
                    message: format!("unknown column (known: {})", known.join(", ")),
                });
            }
        }
        let required: &[&str] = if is_sanctions {
            &known[..11]
        } else {
            &["id", "name", "created", "updated"]
        };
        for r in required {
            if col(r).is_none() {
                header_ok = false;
                self.errors.push(SourceError {
                    file: file.into(),
                    line: 1,
                    field: r.to_string(),
                    message: "required column is missing".into(),
                });
            }
        }
        if !header_ok {
            return;
        }
        let mut by_id: HashMap<String, usize> = HashMap::new();
        let mut pending: Vec<(Record, Lines)> = Vec::new();
        for row in rdr.records() {
            let row = match row {
                Ok(r) => r,
                Err(e) => {
                    self.csv_error(file, &e);
                    continue;
                }
            };
            let line = row.position().map_or(0, |p| p.line() as usize);
            let get = |name: &str| col(name).and_then(|i| row.get(i)).map(str::trim).unwrap_or("");
            let mut errs = Errs {
                out: &mut self.errors,
                file,
                failed: false,
                fields: Vec::new(),
            };
            let id = get("id").to_string();
            if is_sanctions {
                let raw = RawSanction {
                    kind: get("kind").into(),
                    reason: get("reason").into(),
                    authority: get("authority").into(),
                    decision: get("decision").into(),
                    summary_vi: get("summary_vi").into(),
                    summary_en: get("summary_en").into(),
                    issued: get("issued").into(),
                    effective_from: get("effective_from").into(),
                    effective_until: Some(get("effective_until").into()),
                    source_url: get("source_url").into(),
                    fine_vnd: None,
                };
                let mut s = errs.sanction(line, "sanction", &raw);
                let fine = get("fine_vnd");
                if !fine.is_empty() {
                    match fine.parse() {
                        Ok(v) => s.fine_vnd = Some(v),
                        Err(_) => errs.push(
                            line,
                            "fine_vnd".into(),
                            format!("{fine:?} is not a whole number of đồng"),
                        ),
                    }
                }
                if !errs.failed {
                    self.sanctions.push((id, s, file.to_string(), line));
                }
                continue;
            }
            let raw_acc = RawAccount {
                platform: Some(get("platform")).filter(|s| !s.is_empty()).map(Into::into),
                id_type: Some(get("id_type")).filter(|s| !s.is_empty()).map(Into::into),
                id: Some(get("account_id")).filter(|s| !s.is_empty()).map(Into::into),
                url: Some(get("url")).filter(|s| !s.is_empty()).map(Into::into),
            };
            let account = errs.account(line, "", &raw_acc);
            let list = |s: &str| -> Vec<String> {
                s.split(';')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(Into::into)
                    .collect()
            };
            let num = |errs: &mut Errs, name: &str| -> u32 {
                let v = get(name);
                if v.is_empty() {
                    return 0;
                }
                v.parse().unwrap_or_else(|_| {
                    errs.push(line, name.into(), format!("{v:?} is not a whole number"));
                    0
                })
            };
            let certification = if get("cert_level").is_empty() && get("cert_number").is_empty() {
                None
            } else {
                let score = get("cert_score");
                Some(Certification {
                    level: errs
                        .parsed(
                            line,
                            "cert_level".into(),
                            get("cert_level"),
                            CertLevel::parse,
                            CertLevel::choices(),
                        )
                        .unwrap_or(CertLevel::Basic),
                    score: score.parse().unwrap_or_else(|_| {
                        errs.push(line, "cert_score".into(), format!("{score:?} is not a score 0–100"));
                        0
                    }),
                    number: get("cert_number").into(),
                    issued: errs.date(line, "cert_issued".into(), get("cert_issued")),
                    expires: errs.date(line, "cert_expires".into(), get("cert_expires")),
                })
            };
            let fictional = match get("fictional") {
                "" | "false" | "0" | "no" => false,
                "true" | "1" | "yes" => true,
                other => {
                    errs.push(line, "fictional".into(), format!("{other:?} is not true/false"));
                    false
                }
            };
            let record = Record {
                id: id.clone(),
                name: get("name").into(),
                aliases: list(get("aliases")),
                accounts: account.into_iter().collect(),
                categories: list(get("categories")),
                certification,
                sanctions: Vec::new(),
                complaints: ComplaintStats {
                    received: num(&mut errs, "complaints_received"),
                    upheld: num(&mut errs, "complaints_upheld"),
                    rejected: num(&mut errs, "complaints_rejected"),
                    pending: num(&mut errs, "complaints_pending"),
                },
                created: errs.date(line, "created".into(), get("created")),
                updated: errs.date(line, "updated".into(), get("updated")),
                fictional,
                note: Some(get("note")).filter(|s| !s.is_empty()).map(Into::into),
            };
            let errored = std::mem::take(&mut errs.fields);
            if errs.failed && by_id.contains_key(&id) {
                continue;
            }
            match by_id.get(&id) {
                Some(&k) => {
                    // A further account of a record already started: the record-level columns must agree.
                    let (first, ln) = &mut pending[k];
                    let mut same = record.clone();
                    same.accounts = first.accounts.clone();
                    if same != *first {
                        self.errors.push(SourceError {
                            file: file.into(),
                            line,
                            field: "id".into(),
                            message: format!(
                                "rows of record {id} disagree on record columns (first row at line {})",
                                ln.record
                            ),
                        });
                        continue;
                    }
                    for a in record.accounts {
                        ln.accounts.push((first.accounts.len(), file.to_string(), line));
                        first.accounts.push(a);
                    }
                }
                None => {
                    by_id.insert(id.clone(), pending.len());
                    let ln = Lines {
                        file: file.into(),
                        path: String::new(),
                        record: line,
                        accounts: (0..record.accounts.len())
                            .map(|j| (j, file.to_string(), line))
                            .collect(),
                        sanctions: Vec::new(),
                        csv: true,
                        errored,
                    };
                    pending.push((record, ln));
                }
            }
        }
        self.records.extend(pending);
    }

    fn csv_error(&mut self, file: &str, e: &csv::Error) {
        let line = e.position().map_or(1, |p| p.line() as usize);
        let message = match e.kind() {
            csv::ErrorKind::UnequalLengths { expected_len, len, .. } => {
                format!("row has {len} fields, the header has {expected_len}")
            }
            csv::ErrorKind::Utf8 { .. } => "not valid UTF-8".to_string(),
            _ => e.to_string(),
        };
        self.errors.push(SourceError {
            file: file.into(),
            line,
            field: "row".into(),
            message,
        });
    }

    /// Validates everything added and returns the records, or every problem found (sorted by file and line).
    pub fn finish(mut self) -> Result<Vec<Record>, Vec<SourceError>> {
        let index: HashMap<String, usize> = self
            .records
            .iter()
            .enumerate()
            .map(|(i, (r, _))| (r.id.clone(), i))
            .collect();
        for (id, s, file, line) in std::mem::take(&mut self.sanctions) {
            match index.get(&id) {
                Some(&i) => {
                    let (r, ln) = &mut self.records[i];
                    ln.sanctions.push((r.sanctions.len(), file, line));
                    r.sanctions.push(s);
                }
                None => self.errors.push(SourceError {
                    file,
                    line,
                    field: "id".into(),
                    message: format!("no record has id {id:?}"),
                }),
            }
        }
        let mut seen_ids: HashMap<&str, &Lines> = HashMap::new();
        let mut seen_accounts: HashMap<&AccountKey, (&str, &Lines, usize)> = HashMap::new();
        for (r, ln) in &self.records {
            for p in r.problems() {
                let (file, line, field) = ln.locate(&p.field);
                // A field that failed to parse is reported once; an account list emptied by failed accounts too.
                if ln.errored.contains(&field) || (p.field == "accounts" && !ln.errored.is_empty()) {
                    continue;
                }
                let message = if ln.csv {
                    format!("{}: {}", r.id, p.message)
                } else {
                    p.message
                };
                self.errors.push(SourceError {
                    file,
                    line,
                    field,
                    message,
                });
            }
            if let Some(prev) = seen_ids.insert(&r.id, ln) {
                let (file, line, field) = ln.locate("id");
                self.errors.push(SourceError {
                    file,
                    line,
                    field,
                    message: format!("duplicate id {:?} (first at {}:{})", r.id, prev.file, prev.record),
                });
            }
            for (j, a) in r.accounts.iter().enumerate() {
                let (file, line, field) = ln.locate(&format!("accounts[{j}]"));
                if let Some((other, _, prev_line)) = seen_accounts.insert(a, (&r.id, ln, line)) {
                    if other != r.id {
                        self.errors.push(SourceError {
                            file,
                            line,
                            field,
                            message: format!(
                                "{} {} {} already belongs to {other} (line {prev_line})",
                                a.platform.as_str(),
                                a.id_type.as_str(),
                                a.account_id,
                            ),
                        });
                    }
                }
            }
        }
        if self.errors.is_empty() {
            Ok(self.records.into_iter().map(|(r, _)| r).collect())
        } else {
            self.errors.sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
            Err(self.errors)
        }
    }
}

/// Parses one JSON source document on its own.
pub fn parse_json(file: &str, text: &str) -> Result<Vec<Record>, Vec<SourceError>> {
    let mut s = SourceSet::new();
    s.add_json(file, text);
    s.finish()
}

/// Parses one CSV records list on its own.
pub fn parse_csv(file: &str, text: &str) -> Result<Vec<Record>, Vec<SourceError>> {
    let mut s = SourceSet::new();
    s.add_csv(file, text);
    s.finish()
}

/// Writes records as a JSON source document (the inverse of [`parse_json`], used by `registry sample`).
pub fn to_json(records: &[Record]) -> String {
    #[derive(serde::Serialize)]
    struct Doc<'a> {
        format: &'static str,
        records: Vec<Out<'a>>,
    }
    #[derive(serde::Serialize)]
    struct Acc<'a> {
        platform: &'static str,
        id_type: &'static str,
        id: &'a str,
    }
    #[derive(serde::Serialize)]
    struct Cert<'a> {
        level: &'static str,
        score: u8,
        number: &'a str,
        issued: Date,
        expires: Date,
    }
    #[derive(serde::Serialize)]
    struct San<'a> {
        kind: &'static str,
        reason: &'static str,
        authority: &'a str,
        decision: &'a str,
        summary_vi: &'a str,
        summary_en: &'a str,
        issued: Date,
        effective_from: Date,
        effective_until: Option<Date>,
        source_url: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        fine_vnd: Option<u64>,
    }
    #[derive(serde::Serialize)]
    struct Out<'a> {
        id: &'a str,
        name: &'a str,
        #[serde(skip_serializing_if = "<[_]>::is_empty")]
        aliases: &'a [String],
        fictional: bool,
        #[serde(skip_serializing_if = "Option::is_none")]
        note: Option<&'a str>,
        accounts: Vec<Acc<'a>>,
        categories: &'a [String],
        #[serde(skip_serializing_if = "Option::is_none")]
        certification: Option<Cert<'a>>,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        sanctions: Vec<San<'a>>,
        complaints: ComplaintStats,
        created: Date,
        updated: Date,
    }
    let doc = Doc {
        format: "koltrust-registry/1",
        records: records
            .iter()
            .map(|r| Out {
                id: &r.id,
                name: &r.name,
                aliases: &r.aliases,
                fictional: r.fictional,
                note: r.note.as_deref(),
                accounts: r
                    .accounts
                    .iter()
                    .map(|a| Acc {
                        platform: a.platform.as_str(),
                        id_type: a.id_type.as_str(),
                        id: &a.account_id,
                    })
                    .collect(),
                categories: &r.categories,
                certification: r.certification.as_ref().map(|c| Cert {
                    level: c.level.as_str(),
                    score: c.score,
                    number: &c.number,
                    issued: c.issued,
                    expires: c.expires,
                }),
                sanctions: r
                    .sanctions
                    .iter()
                    .map(|s| San {
                        kind: s.kind.as_str(),
                        reason: s.reason.as_str(),
                        authority: &s.authority,
                        decision: &s.decision,
                        summary_vi: &s.summary_vi,
                        summary_en: &s.summary_en,
                        issued: s.issued,
                        effective_from: s.effective_from,
                        effective_until: s.effective_until,
                        source_url: &s.source_url,
                        fine_vnd: s.fine_vnd,
                    })
                    .collect(),
                complaints: r.complaints,
                created: r.created,
                updated: r.updated,
            })
            .collect(),
    };
    serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n"
}
