//! The database-backed registry commands: `koltrust registry publish | import | add-sanction | renew`. Unlike
//! `registry build` (files in, file out), these edit the records held by an Alliance server's data folder, each edit
//! validated against the whole registry and audited, and `publish` signs the next sequence from them (with complaint
//! statistics) into the folder's static files.

use clap::Subcommand;
use koltrust::registry::{Date, Sanction, SanctionKind, SanctionReason};
use koltrust_server::admin::{add_sanction, cli_actor, import, open, renew_certificate, Renewal};
use koltrust_server::publish::{publish, PublishOptions};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Subcommand)]
pub enum RegistryDbCommand {
    /// Sign and publish a new registry sequence from a server's database (snapshot, deltas, manifest).
    Publish {
        /// The server's data folder.
        #[arg(long, default_value = ".data/koltrust")]
        data: PathBuf,
        /// Keep deltas from this many recent sequences.
        #[arg(long, default_value_t = 5)]
        keep: usize,
        /// Days until the snapshot is stale.
        #[arg(long, default_value_t = 7)]
        valid_days: u32,
        /// The server's database when not the data folder's SQLite file: a `postgres://…` URL.
        #[arg(long, env = "KOLTRUST_DATABASE", hide_env_values = true)]
        database: Option<String>,
        /// Also write the static tree (`v1/registry/manifest`, `keys`, `snapshots/`, `deltas/`) into this folder,
        /// for any static host or CDN serving it at the site root.
        #[arg(long)]
        out: Option<PathBuf>,
        /// With --out: write the newest publication without signing a new one.
        #[arg(long, requires = "out")]
        export_only: bool,
    },
    /// Import JSON/CSV registry sources into a server's database (insert or replace by registry id; audited).
    Import {
        #[arg(long, default_value = ".data/koltrust")]
        data: PathBuf,
        #[arg(required = true)]
        sources: Vec<PathBuf>,
        /// The server's database when not the data folder's SQLite file: a `postgres://…` URL.
        #[arg(long, env = "KOLTRUST_DATABASE", hide_env_values = true)]
        database: Option<String>,
    },
    /// Add a sanction to a record in a server's database (audited).
    AddSanction(Box<SanctionArgs>),
    /// Renew (or grant) a record's certificate in a server's database (audited).
    Renew {
        #[arg(long, default_value = ".data/koltrust")]
        data: PathBuf,
        /// The server's database when not the data folder's SQLite file: a `postgres://…` URL.
        #[arg(long, env = "KOLTRUST_DATABASE", hide_env_values = true)]
        database: Option<String>,
        #[arg(long)]
        id: String,
        /// First day the new certificate is no longer valid, yyyy-mm-dd.
        #[arg(long)]
        expires: String,
        /// First day of validity (default: today).
        #[arg(long)]
        issued: Option<String>,
        #[arg(long)]
        score: Option<u8>,
        #[arg(long)]
        number: Option<String>,
        /// basic, standard, excellent.
        #[arg(long)]
        level: Option<String>,
    },
}

#[derive(clap::Args)]
pub struct SanctionArgs {
    #[arg(long, default_value = ".data/koltrust")]
    data: PathBuf,
    /// The server's database when not the data folder's SQLite file: a `postgres://…` URL.
    #[arg(long, env = "KOLTRUST_DATABASE", hide_env_values = true)]
    database: Option<String>,
    /// Registry id of the record (e.g. KT-0000001).
    #[arg(long)]
    id: String,
    /// warning, fine, content_removal, advertising_ban, …
    #[arg(long)]
    kind: String,
    /// counterfeit_goods, misleading_advertising, …
    #[arg(long)]
    reason: String,
    #[arg(long)]
    authority: String,
    /// Decision reference number.
    #[arg(long)]
    decision: String,
    #[arg(long)]
    summary_vi: String,
    #[arg(long)]
    summary_en: String,
    /// yyyy-mm-dd (default: today).
    #[arg(long)]
    issued: Option<String>,
    /// First day in effect, yyyy-mm-dd (default: issued).
    #[arg(long)]
    from: Option<String>,
    /// Last day in effect, yyyy-mm-dd (default: permanent).
    #[arg(long)]
    until: Option<String>,
    /// Public https:// source of the decision.
    #[arg(long)]
    source_url: String,
    /// Amount of a fine, in đồng.
    #[arg(long)]
    fine_vnd: Option<u64>,
}

fn today() -> Date {
    Date::from_unix_vn(koltrust_server::now_ms() / 1000)
}

fn date(s: &str) -> Result<Date, String> {
    Date::parse(s).ok_or_else(|| format!("{s:?} is not a date (yyyy-mm-dd)"))
}

pub fn run(cmd: RegistryDbCommand) -> ExitCode {
    let (name, result) = match cmd {
        RegistryDbCommand::Publish {
            data,
            keep,
            valid_days,
            database,
            out,
            export_only,
        } => (
            "publish",
            run_publish(&data, database.as_deref(), keep, valid_days, out, export_only),
        ),
        RegistryDbCommand::Import {
            data,
            sources,
            database,
        } => ("import", run_import(data, database.as_deref(), sources)),
        RegistryDbCommand::AddSanction(args) => (
            "add-sanction",
            (|| {
                let SanctionArgs {
                    data,
                    database,
                    id,
                    kind,
                    reason,
                    authority,
                    decision,
                    summary_vi,
                    summary_en,
                    issued,
                    from,
                    until,
                    source_url,
                    fine_vnd,
                } = *args;
                let issued = issued.as_deref().map(date).transpose()?.unwrap_or_else(today);
                let sanction = Sanction {
                    kind: SanctionKind::parse(&kind)
                        .ok_or_else(|| format!("unknown kind {kind:?} ({})", SanctionKind::choices()))?,
                    reason: SanctionReason::parse(&reason)
                        .ok_or_else(|| format!("unknown reason {reason:?} ({})", SanctionReason::choices()))?,
                    authority,
                    decision,
                    summary_vi,
                    summary_en,
                    issued,
                    effective_from: from.as_deref().map(date).transpose()?.unwrap_or(issued),
                    effective_until: until.as_deref().map(date).transpose()?,
                    source_url,
                    fine_vnd,
                };
                let (_, store) = open(&data, database.as_deref())?;
                add_sanction(&*store, &id, sanction, today(), &cli_actor())?;
                println!("{id}: sanction added (publish to distribute it: koltrust registry publish)");
                Ok(())
            })(),
        ),
        RegistryDbCommand::Renew {
            data,
            database,
            id,
            expires,
            issued,
            score,
            number,
            level,
        } => (
            "renew",
            (|| {
                let renewal = Renewal {
                    issued: issued.as_deref().map(date).transpose()?,
                    expires: date(&expires)?,
                    score,
                    number,
                    level: level
                        .as_deref()
                        .map(|l| koltrust::registry::CertLevel::parse(l).ok_or_else(|| format!("unknown level {l:?}")))
                        .transpose()?,
                };
                let (_, store) = open(&data, database.as_deref())?;
                renew_certificate(&*store, &id, renewal, today(), &cli_actor())?;
                println!("{id}: certificate renewed until {expires} (publish to distribute it)");
                Ok(())
            })(),
        ),
    };
    crate::common::finish(&format!("registry {name}"), result)
}

fn run_publish(
    data: &std::path::Path,
    database: Option<&str>,
    keep: usize,
    valid_days: u32,
    out: Option<PathBuf>,
    export_only: bool,
) -> Result<(), String> {
    let (dir, store) = open(data, database)?;
    if !export_only {
        let opts = PublishOptions {
            keep,
            valid_days,
            ..PublishOptions::default()
        };
        let p = publish(&dir, &*store, &cli_actor(), opts)?;
        let pb = &p.publication;
        println!(
            "sequence {}: {} records, {} accounts, {} bytes, sha256 {}",
            pb.sequence, pb.records, pb.accounts, pb.bytes, pb.sha256
        );
        for (from, to, bytes) in &p.deltas {
            println!("delta {from}-{to}: {bytes} bytes");
        }
        println!("manifest: {}", dir.manifest_path().display());
    }
    if let Some(out) = out {
        let sequence = koltrust_server::mirror::export(&*store, &out)?;
        println!(
            "static tree / cây tệp tĩnh: {} (sequence {sequence}; serve this folder at the site root)",
            out.join("v1/registry").display()
        );
    }
    Ok(())
}

fn run_import(data: PathBuf, database: Option<&str>, sources: Vec<PathBuf>) -> Result<(), String> {
    let mut files = Vec::new();
    for p in &sources {
        let bytes = crate::common::read(p)?;
        let text = String::from_utf8(bytes).map_err(|_| format!("{} is not UTF-8 text", p.display()))?;
        files.push((p.display().to_string(), text));
    }
    let (_, store) = open(&data, database)?;
    let n = import(&*store, &files, &cli_actor())?;
    println!("{n} record(s) imported (publish to distribute them: koltrust registry publish)");
    Ok(())
}
