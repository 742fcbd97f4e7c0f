//! `koltrust backup` and `koltrust restore`: thin adapters over [`koltrust_server::backup`].

use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Args)]
pub struct BackupArgs {
    /// The server's data folder.
    #[arg(long, default_value = ".data/koltrust")]
    data: PathBuf,
    /// The server's database when not the data folder's SQLite file: with a `postgres://…` URL only the files are
    /// copied, back the database up with `pg_dump` (docs/architecture.md, "Backups").
    #[arg(long, env = "KOLTRUST_DATABASE", hide_env_values = true)]
    database: Option<String>,
    /// A new folder for the backup.
    #[arg(long)]
    out: PathBuf,
}

#[derive(Args)]
pub struct RestoreArgs {
    /// The backup folder (`koltrust backup --out`).
    #[arg(long)]
    from: PathBuf,
    /// The data folder to create (must not hold a database or a key).
    #[arg(long)]
    data: PathBuf,
}

pub fn backup(args: BackupArgs) -> ExitCode {
    let result = koltrust_server::store::Database::parse(args.database.as_deref()).and_then(|db| {
        let sqlite = db == koltrust_server::store::Database::Sqlite;
        let summary = koltrust_server::backup::backup(&args.data, &args.out, sqlite)?;
        println!("Đã sao lưu / backed up: {summary} → {}", args.out.display());
        if !sqlite {
            println!(
                "PostgreSQL: sao lưu cơ sở dữ liệu bằng pg_dump / back the database up with: pg_dump -Fc -f koltrust.dump {}",
                db.describe()
            );
        }
        Ok(())
    });
    crate::common::finish("backup", result)
}

pub fn restore(args: RestoreArgs) -> ExitCode {
    let result = koltrust_server::backup::restore(&args.from, &args.data).map(|summary| {
        println!(
            "Đã khôi phục / restored: {summary} → {} (start it with koltrust serve --data {})",
            args.data.display(),
            args.data.display()
        );
    });
    crate::common::finish("restore", result)
}
