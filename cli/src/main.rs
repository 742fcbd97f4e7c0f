//! `koltrust`: the native command-line face of the KOL Trust core. Each subcommand is a thin adapter that reads
//! files or standard input, calls the core, and prints; the decisions are the core's.

use clap::{Parser, Subcommand};
use std::process::ExitCode;

mod admin_cmd;
mod backup_cmd;
mod common;
mod complaints_cmd;
mod promotion_cmd;
mod pull_cmd;
mod recognize_cmd;
mod registry_cmd;
mod serve_cmd;
mod staff_cmd;
mod vet_cmd;

#[derive(Parser)]
#[command(
    name = "koltrust",
    version,
    about = "KOL Trust — huy hiệu Liên minh Tín nhiệm số cho KOL / Digital Trust Alliance badges for influencers",
    long_about = None
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Recognize URLs, one per line, from standard input or a file; prints
    /// `url<TAB>platform<TAB>id_type<TAB>account_id<TAB>kind` for each line.
    Recognize {
        /// File of URLs, one per line (default or `-`: standard input).
        file: Option<std::path::PathBuf>,
    },
    /// Alliance registry tooling: keygen, build, verify, delta, apply-delta, lookup, sample.
    Registry(registry_cmd::RegistryArgs),
    /// Vet a list of profile URLs against a signed registry snapshot; CSV out.
    Vet(vet_cmd::VetArgs),
    /// Run the reference Alliance server: signed registry distribution, complaint intake, moderation API.
    Serve(serve_cmd::ServeArgs),
    /// Copy a server's data folder (database, key, token, published files) into a new folder, while it runs.
    Backup(backup_cmd::BackupArgs),
    /// Put a backup back into a new data folder (never over an existing database or key).
    Restore(backup_cmd::RestoreArgs),
    /// Triage complaints in a server's data folder: list, show, set-status, export.
    Complaints(complaints_cmd::ComplaintsArgs),
    /// The Alliance console's staff accounts: add, list, disable, enable, reset-password, logout (everywhere).
    Staff(staff_cmd::StaffArgs),
    /// Screen posts for promotion cues: JSON lines `{"text": "...", "links": ["..."]}` from standard input or a
    /// file; prints one JSON line per post with the report dialog's view (`is_promotion`, `disclosed`,
    /// `suggested_category`, `cues` …).
    Promotion(promotion_cmd::PromotionArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Recognize { file } => recognize_cmd::run(file.as_deref()),
        Command::Registry(args) => registry_cmd::run(args),
        Command::Vet(args) => vet_cmd::run(args),
        Command::Serve(args) => serve_cmd::run(args),
        Command::Complaints(args) => complaints_cmd::run(args),
        Command::Staff(args) => staff_cmd::run(args),
        Command::Backup(args) => backup_cmd::backup(args),
        Command::Restore(args) => backup_cmd::restore(args),
        Command::Promotion(args) => promotion_cmd::run(args),
    }
}
