//! The Alliance's operations, shared by the moderation API and the admin CLI (`koltrust complaints …`,
//! `koltrust registry publish|import|add-sanction|renew`): complaint listing, display, status changes and export;
//! registry edits that go through the database, are validated as a whole before they are stored, and are audited
//! with who did them. The CLI works on the data folder directly (filesystem access to it is the authority, as it
//! holds the token and the key); the API requires the bearer token.

use crate::datadir::DataDir;
use crate::store::postgres::PostgresStore;
use crate::store::sqlite::SqliteStore;
use crate::store::{Database, RegistryStore, Store, StoreError, StoredComplaint};
use koltrust::registry::sample::{generate, SampleSpec};
use koltrust::registry::snapshot::check_records;
use koltrust::registry::source::SourceSet;
use koltrust::registry::{CertLevel, Certification, Date, Record, Sanction};
use serde_json::json;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

/// Opens an existing data folder and its database (for the CLI; `database` from `--database` or
/// `KOLTRUST_DATABASE`). Refuses a folder whose database was lost beside its key or published files, as
/// `koltrust serve` does ([`DataDir::first_start`]).
pub fn open(data: &Path, database: Option<&str>) -> Result<(DataDir, Arc<dyn Store>), String> {
    let dir = DataDir::new(data);
    let database = Database::parse(database)?;
    let not_initialised = || {
        format!(
            "{} is not an initialised data folder (start `koltrust serve --data {}` once) / thư mục dữ liệu chưa được \
             khởi tạo",
            data.display(),
            data.display()
        )
    };
    match &database {
        Database::Sqlite => {
            if dir.first_start(false)? {
                return Err(not_initialised());
            }
            let store = SqliteStore::open(&dir.database()).map_err(|e| e.to_string())?;
            Ok((dir, Arc::new(store)))
        }
        Database::Postgres(url) => {
            let store = PostgresStore::connect(url).map_err(|e| e.to_string())?;
            let present = !store.publications(1).map_err(|e| e.to_string())?.is_empty();
            if dir.first_start_of(false, present, &database.describe(), "is empty")? || !dir.key_path().exists() {
                return Err(not_initialised());
            }
            Ok((dir, Arc::new(store)))
        }
    }
}

/// Who runs a CLI command, for the audit log.
pub fn cli_actor() -> String {
    let user = std::env::var("USER")
        .or_else(|_| std::env::var("LOGNAME"))
        .unwrap_or_else(|_| "unknown".into());
    format!("cli:{user}")
}

/// Number of fictional records imported on first start.
pub const SAMPLE_RECORDS: usize = 100;

/// First start: the fictional sample registry.
pub fn import_sample(store: &dyn Store, today: Date) -> Result<usize, String> {
    let records = generate(SampleSpec {
        records: SAMPLE_RECORDS,
        seed: 1,
        today,
    });
    store
        .upsert_records(
            &records,
            "server:first-start",
            "registry.import",
            "fictional sample registry",
        )
        .map_err(|e| e.to_string())?;
    Ok(records.len())
}

/// Stores `changed` after checking that the registry as a whole (with them) can still be published.
fn store_checked(store: &dyn Store, changed: &[Record], actor: &str, action: &str, detail: &str) -> Result<(), String> {
    let mut all: BTreeMap<String, Record> = store
        .records()
        .map_err(|e| e.to_string())?
        .into_iter()
        .map(|r| (r.id.clone(), r))
        .collect();
    for r in changed {
        all.insert(r.id.clone(), r.clone());
    }
    let all: Vec<Record> = all.into_values().collect();
    let problems = check_records(&all);
    if !problems.is_empty() {
        return Err(format!("refused, nothing stored:\n  {}", problems.join("\n  ")));
    }
    store
        .upsert_records(changed, actor, action, detail)
        .map_err(|e| e.to_string())
}

/// Imports JSON/CSV source files (records are inserted or replaced by registry id).
pub fn import(store: &dyn Store, files: &[(String, String)], actor: &str) -> Result<usize, String> {
    let mut set = SourceSet::new();
    for (name, text) in files {
        match Path::new(name).extension().and_then(|e| e.to_str()) {
            Some("json") => set.add_json(name, text),
            Some("csv") => set.add_csv(name, text),
            _ => return Err(format!("{name}: unknown source type (use .json or .csv)")),
        }
    }
    let records = set.finish().map_err(|errors| {
        let lines: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
        format!(
            "{} problem(s) in the sources, nothing stored:\n  {}",
            lines.len(),
            lines.join("\n  ")
        )
    })?;
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    store_checked(
        store,
        &records,
        actor,
        "registry.import",
        &format!("{} records from {}", records.len(), names.join(", ")),
    )?;
    Ok(records.len())
}

fn record(store: &dyn Store, id: &str) -> Result<Record, String> {
    store
        .record(id)
        .map_err(|e| e.to_string())?
        .ok_or_else(|| format!("no record {id:?} in the registry"))
}

/// Adds a sanction to a record.
pub fn add_sanction(store: &dyn Store, id: &str, sanction: Sanction, today: Date, actor: &str) -> Result<(), String> {
    let mut r = record(store, id)?;
    let detail = json!({
        "kind": sanction.kind.as_str(), "reason": sanction.reason.as_str(), "decision": sanction.decision,
        "authority": sanction.authority, "effective_from": sanction.effective_from.to_string(),
        "effective_until": sanction.effective_until.map(|d| d.to_string()),
    })
    .to_string();
    r.sanctions.push(sanction);
    r.updated = r.updated.max(today);
    store_checked(store, &[r], actor, "registry.add_sanction", &detail)
}

/// What a certificate renewal changes (unset fields keep their value).
#[derive(Clone, Debug)]
pub struct Renewal {
    pub issued: Option<Date>,
    pub expires: Date,
    pub score: Option<u8>,
    pub number: Option<String>,
    pub level: Option<CertLevel>,
}

/// Renews (or first grants) a record's certificate.
pub fn renew_certificate(
    store: &dyn Store,
    id: &str,
    renewal: Renewal,
    today: Date,
    actor: &str,
) -> Result<(), String> {
    let mut r = record(store, id)?;
    let old = r.certification.clone();
    let cert = Certification {
        level: renewal
            .level
            .or(old.as_ref().map(|c| c.level))
            .ok_or("a first certificate needs --level")?,
        score: renewal
            .score
            .or(old.as_ref().map(|c| c.score))
            .ok_or("a first certificate needs --score")?,
        number: renewal
            .number
            .or(old.as_ref().map(|c| c.number.clone()))
            .ok_or("a first certificate needs --number")?,
        issued: renewal.issued.unwrap_or(today),
        expires: renewal.expires,
    };
    let detail = json!({
        "from": old.as_ref().map(|c| json!({"number": c.number, "issued": c.issued.to_string(), "expires": c.expires.to_string()})),
        "to": {"number": cert.number, "level": cert.level.as_str(), "score": cert.score,
               "issued": cert.issued.to_string(), "expires": cert.expires.to_string()},
    })
    .to_string();
    r.certification = Some(cert);
    r.updated = r.updated.max(today);
    store_checked(store, &[r], actor, "registry.renew_certificate", &detail)
}

/// A complaint as a moderator sees it, with its history.
pub fn show(store: &dyn Store, receipt: &str) -> Result<serde_json::Value, StoreError> {
    let c = store.get(receipt)?.ok_or(StoreError::NotFound)?;
    let history = store.audit_entries(Some(receipt), 1000)?;
    let mut v = serde_json::to_value(&c).map_err(|e| StoreError::Backend(e.to_string()))?;
    v["history"] = serde_json::to_value(history).map_err(|e| StoreError::Backend(e.to_string()))?;
    Ok(v)
}

/// One export line (JSON): everything but the screenshot's pixels (its type and size stay).
pub fn export_line(c: &StoredComplaint) -> String {
    let mut v = serde_json::to_value(c).unwrap_or_default();
    if let Some(s) = v.pointer_mut("/complaint/screenshot").and_then(|s| s.as_object_mut()) {
        s.remove("base64");
    }
    v.to_string()
}

/// Creates or replaces one record from its source JSON (the `records[]` entry of `koltrust::registry::source`'s
/// format: accounts given by URL are recognised and canonicalised by the core, every field checked), after checking
/// the whole registry with it. `expected_id`, when given, must be the record's id. Audited `registry.put_record`
/// with the record before and after (source JSON).
pub fn put_record(
    store: &dyn Store,
    record_json: &str,
    expected_id: Option<&str>,
    actor: &str,
) -> Result<Record, String> {
    let doc = format!("{{\"format\": \"koltrust-registry/1\", \"records\": [{record_json}]}}");
    let mut records = koltrust::registry::source::parse_json("record", &doc).map_err(|errors| {
        let lines: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
        format!("refused, nothing stored:\n  {}", lines.join("\n  "))
    })?;
    if records.len() != 1 {
        return Err("exactly one record is expected".into());
    }
    let r = records.remove(0);
    if let Some(id) = expected_id {
        if r.id != id {
            return Err(format!("the record's id {:?} is not {id:?}", r.id));
        }
    }
    let before = store.record(&r.id).map_err(|e| e.to_string())?;
    let as_json = |r: &Record| {
        serde_json::from_str::<serde_json::Value>(&koltrust::registry::source::to_json(std::slice::from_ref(r)))
            .ok()
            .and_then(|v| v["records"].get(0).cloned())
    };
    let detail = json!({
        "before": before.as_ref().and_then(as_json),
        "after": as_json(&r),
    })
    .to_string();
    store_checked(store, std::slice::from_ref(&r), actor, "registry.put_record", &detail)?;
    Ok(r)
}
