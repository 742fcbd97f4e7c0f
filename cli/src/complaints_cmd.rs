//! `koltrust complaints list|show|set-status|export`: triage from the shell, on the server's data folder (works
//! whether or not the server runs; SQLite's WAL lets both use the database). Status changes are checked against the
//! lifecycle and audited with the operating-system user as actor.

use clap::{Args, Subcommand};
use koltrust::complaint::ComplaintStatus;
use koltrust::i18n::Lang;
use koltrust_server::admin::{cli_actor, export_line, open, show};
use koltrust_server::store::ListFilter;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Args)]
pub struct ComplaintsArgs {
    /// The server's data folder.
    #[arg(long, global = true, default_value = ".data/koltrust")]
    data: PathBuf,
    /// The server's database when not the data folder's SQLite file: a `postgres://…` URL.
    #[arg(long, global = true, env = "KOLTRUST_DATABASE", hide_env_values = true)]
    database: Option<String>,
    #[command(subcommand)]
    command: ComplaintsCommand,
}

#[derive(Subcommand)]
enum ComplaintsCommand {
    /// List complaints, newest first: receipt, status, category, platform, id_type, account_id, received (UTC).
    List {
        /// Only this status: received, reviewing, forwarded, upheld, rejected.
        #[arg(long)]
        status: Option<String>,
        #[arg(long, default_value_t = 100)]
        limit: u32,
        #[arg(long, default_value_t = 0)]
        offset: u32,
        /// One JSON object per line instead of columns.
        #[arg(long)]
        json: bool,
    },
    /// Show one complaint in full (JSON), with its history.
    Show { receipt: String },
    /// Move a complaint along its lifecycle (received → reviewing → forwarded → upheld/rejected).
    SetStatus {
        receipt: String,
        status: String,
        /// Why (kept in the audit log).
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Export complaints as JSON lines (screenshots reduced to their type and size).
    Export {
        #[arg(long)]
        status: Option<String>,
        /// Output file (default: standard output).
        #[arg(long, short)]
        out: Option<PathBuf>,
    },
}

fn status_arg(s: Option<&str>) -> Result<Option<ComplaintStatus>, String> {
    s.map(|s| {
        ComplaintStatus::parse(s)
            .ok_or_else(|| format!("unknown status {s:?} (received, reviewing, forwarded, upheld, rejected)"))
    })
    .transpose()
}

fn utc(ms: i64) -> String {
    let secs = ms.div_euclid(1000);
    let day = koltrust::registry::Date((secs.div_euclid(86_400)) as i32);
    let t = secs.rem_euclid(86_400);
    format!("{day}T{:02}:{:02}:{:02}Z", t / 3600, t / 60 % 60, t % 60)
}

pub fn run(args: ComplaintsArgs) -> ExitCode {
    let (name, result) = match args.command {
        ComplaintsCommand::List {
            status,
            limit,
            offset,
            json,
        } => (
            "list",
            list(
                &args.data,
                args.database.as_deref(),
                status.as_deref(),
                limit,
                offset,
                json,
            ),
        ),
        ComplaintsCommand::Show { receipt } => ("show", show_cmd(&args.data, args.database.as_deref(), &receipt)),
        ComplaintsCommand::SetStatus { receipt, status, note } => (
            "set-status",
            set_status(&args.data, args.database.as_deref(), &receipt, &status, &note),
        ),
        ComplaintsCommand::Export { status, out } => (
            "export",
            export(&args.data, args.database.as_deref(), status.as_deref(), out),
        ),
    };
    crate::common::finish(&format!("complaints {name}"), result)
}

fn list(
    data: &std::path::Path,
    db: Option<&str>,
    status: Option<&str>,
    limit: u32,
    offset: u32,
    json: bool,
) -> Result<(), String> {
    let (_, store) = open(data, db)?;
    let rows = store
        .list(&ListFilter {
            status: status_arg(status)?,
            limit,
            offset,
            ..Default::default()
        })
        .map_err(|e| e.to_string())?;
    let mut out = std::io::stdout().lock();
    for r in rows {
        let line = if json {
            serde_json::to_string(&r).map_err(|e| e.to_string())?
        } else {
            format!(
                "{}\t{}\t{}\t{}\t{}\t{}\t{}",
                r.receipt,
                r.status.as_str(),
                r.category,
                r.platform,
                r.id_type,
                r.account_id,
                utc(r.received_ms)
            )
        };
        writeln!(out, "{line}").map_err(|e| e.to_string())?;
    }
    Ok(())
}

fn show_cmd(data: &std::path::Path, db: Option<&str>, receipt: &str) -> Result<(), String> {
    let (_, store) = open(data, db)?;
    let v = show(&*store, receipt).map_err(|e| format!("{receipt}: {e}"))?;
    println!("{}", serde_json::to_string_pretty(&v).map_err(|e| e.to_string())?);
    Ok(())
}

fn set_status(data: &std::path::Path, db: Option<&str>, receipt: &str, status: &str, note: &str) -> Result<(), String> {
    let to = status_arg(Some(status))?.ok_or("no status")?;
    let (_, store) = open(data, db)?;
    let v = store
        .set_status(receipt, to, &cli_actor(), note)
        .map_err(|e| format!("{receipt}: {e}"))?;
    println!(
        "{}\t{}\t{} / {}",
        v.receipt,
        v.status.as_str(),
        v.status.label(Lang::Vi),
        v.status.label(Lang::En)
    );
    Ok(())
}

fn export(data: &std::path::Path, db: Option<&str>, status: Option<&str>, out: Option<PathBuf>) -> Result<(), String> {
    let (_, store) = open(data, db)?;
    let status = status_arg(status)?;
    let mut w: Box<dyn Write> = match &out {
        Some(p) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(p).map_err(|e| format!("cannot create {}: {e}", p.display()))?,
        )),
        None => Box::new(std::io::stdout().lock()),
    };
    let mut n = 0u64;
    store
        .for_each(status, &mut |c| {
            n += 1;
            writeln!(w, "{}", export_line(&c)).map_err(|e| koltrust_server::store::StoreError::Backend(e.to_string()))
        })
        .map_err(|e| e.to_string())?;
    w.flush().map_err(|e| e.to_string())?;
    if let Some(p) = out {
        eprintln!("{n} complaint(s) → {}", p.display());
    }
    Ok(())
}
