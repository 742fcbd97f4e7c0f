//! `koltrust vet <file>`: the bulk check a business runs before signing KOLs. Reads a list of profile URLs (one per
//! line, or a CSV with a `url` column; blank lines and `#` comments skipped) and writes CSV:
//!
//! ```text
//! url,status,score,cert_expires,active_sanctions,registry_id,name,platform,id_type,account_id,lookalike_of
//! ```
//! Input rules, columns and statuses are the core's ([`koltrust::portal::bulk`]): the portal's "vet a list" page calls the
//! same [`koltrust::portal::bulk::vet_csv`], so its export is byte-identical to this command's output on the same file.
//! Cells that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`…) are written defused (`koltrust::text::csv`);
//! `--bom` starts the file with a UTF-8 byte-order mark for Excel. The snapshot is verified in full before anything is
//! answered.

use crate::common::{finish, load_registry, parse_time, read};
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
    /// Start the CSV with a UTF-8 byte-order mark, so Excel shows Vietnamese names correctly.
    #[arg(long)]
    bom: bool,
    /// File of profile URLs, one per line, or a CSV with a `url` column (`-`: standard input).
    file: PathBuf,
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
    let csv = koltrust::portal::bulk::vet_csv(&reg, &text, args.bom).map_err(|e| e.to_string())?;
    let mut out = io::stdout().lock();
    out.write_all(csv.as_bytes())
        .and_then(|_| out.flush())
        .map_err(|e| format!("cannot write: {e}"))
}
