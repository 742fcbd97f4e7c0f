//! `koltrust vet <file>`: the bulk check a business runs before signing KOLs. Reads profile URLs (one per line;
//! blank lines and `#` comments skipped) and writes CSV:
//!
//! ```text
//! url,status,score,cert_expires,active_sanctions,registry_id,name,platform,id_type,account_id
//! ```
//! `status` is `sanctioned`, `certified`, `expired`, `registered`, `unknown` (a profile the registry does not know),
//! `not_profile` (a page of a supported site that names no account) or `unsupported`. `score` and `cert_expires`
//! (the first day the certificate is no longer valid) come from the certificate, if any; `active_sanctions` lists
//! the kinds in effect today separated by `;`. The snapshot is verified in full before anything is answered.

use crate::registry_cmd::{finish, load_registry, parse_time, read, status_of};
use clap::Args;
use std::io::{self, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Args)]
pub struct VetArgs {
    /// Signed registry snapshot.
    #[arg(long)]
    snapshot: PathBuf,
    /// Pinned public key: 64 hex characters or a `.pub` file (repeat to pin several).
    #[arg(long = "pubkey", required = true)]
    pubkeys: Vec<String>,
    /// Day to judge at: Unix seconds or yyyy-mm-dd (default: now).
    #[arg(long)]
    now: Option<String>,
    /// File of profile URLs, one per line (`-`: standard input).
    file: PathBuf,
}

/// Quotes a CSV field when it needs it (RFC 4180).
fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

pub fn run(args: VetArgs) -> ExitCode {
    finish("vet", vet(&args))
}

fn vet(args: &VetArgs) -> Result<(), String> {
    let input = if args.file.as_os_str() == "-" {
        let mut s = Vec::new();
        io::stdin()
            .read_to_end(&mut s)
            .map_err(|e| format!("cannot read standard input: {e}"))?;
        s
    } else {
        read(&args.file)?
    };
    let text = String::from_utf8(input).map_err(|_| format!("{} is not UTF-8 text", args.file.display()))?;
    let reg = load_registry(&args.snapshot, &args.pubkeys, None, parse_time(args.now.as_deref())?)?;
    if reg.is_stale() {
        eprintln!(
            "koltrust vet: warning: snapshot {} is past its expiry (stale)",
            reg.sequence()
        );
    }
    let today = reg.today();
    let mut out = io::BufWriter::new(io::stdout().lock());
    let mut emit = |fields: &[&str]| -> Result<(), String> {
        let line: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
        writeln!(out, "{}", line.join(",")).map_err(|e| format!("cannot write: {e}"))
    };
    emit(&[
        "url",
        "status",
        "score",
        "cert_expires",
        "active_sanctions",
        "registry_id",
        "name",
        "platform",
        "id_type",
        "account_id",
    ])?;
    for line in text.lines() {
        let url = line.trim();
        if url.is_empty() || url.starts_with('#') {
            continue;
        }
        let (platform, id_type, account_id, status, hit) = status_of(&reg, url)?;
        let (mut score, mut expires, mut active, mut id, mut name) = (
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
        );
        if let Some(ord) = hit {
            let rec = reg.record(ord).map_err(|e| e.to_string())?;
            if let Some(c) = &rec.certification {
                score = c.score.to_string();
                expires = c.expires.to_string();
            }
            active = rec
                .sanctions
                .iter()
                .filter(|s| s.is_active_on(today))
                .map(|s| s.kind.as_str())
                .collect::<Vec<_>>()
                .join(";");
            id = rec.id;
            name = rec.name;
        }
        emit(&[
            url,
            status,
            &score,
            &expires,
            &active,
            &id,
            &name,
            &platform,
            &id_type,
            &account_id,
        ])?;
    }
    out.flush().map_err(|e| format!("cannot write: {e}"))
}
