//! `koltrust staff add|list|disable|enable|reset-password|logout|rotate-token`: the Alliance console's staff accounts, on the
//! server's data folder (or its `--database`). Filesystem access to the data folder is the authority here, as for
//! the other admin commands; each change is audited with the operating-system user (`cli:<user>`).
//!
//! Passwords never appear on the command line (where `ps` and shell history would keep them): `--password-stdin`
//! reads the first line of standard input, otherwise a random 20-character password is made and printed once.

use clap::{Args, Subcommand};
use koltrust_server::admin::{cli_actor, open};
use koltrust_server::console::accounts;
use koltrust_server::roles::{parse_roles, roles_text};
use std::io::BufRead;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Args)]
pub struct StaffArgs {
    /// The server's data folder.
    #[arg(long, global = true, default_value = ".data/koltrust")]
    data: PathBuf,
    /// The server's database when not the data folder's SQLite file: a `postgres://…` URL.
    #[arg(long, global = true, env = "KOLTRUST_DATABASE", hide_env_values = true)]
    database: Option<String>,
    #[command(subcommand)]
    command: StaffCommand,
}

#[derive(Subcommand)]
enum StaffCommand {
    /// Add a staff account with one or more roles (moderator, registrar, publisher, admin).
    Add {
        /// Login name: 3–64 of a-z 0-9 . _ -
        username: String,
        /// Roles, comma-separated: moderator,registrar,publisher,admin
        #[arg(long)]
        roles: String,
        /// The name shown in the console and the audit trail.
        #[arg(long)]
        name: String,
        /// Read the password from the first line of standard input (else one is generated and printed once).
        #[arg(long)]
        password_stdin: bool,
    },
    /// List accounts: name, roles, state, failed logins in a row.
    List,
    /// Disable an account (its sessions end at once; the account and its trail stay).
    Disable { username: String },
    /// Enable a disabled account again.
    Enable { username: String },
    /// Set a new password (ends every session of the account).
    ResetPassword {
        username: String,
        /// Read the password from the first line of standard input (else one is generated and printed once).
        #[arg(long)]
        password_stdin: bool,
    },
    /// End every session of an account (logout everywhere).
    Logout { username: String },
    /// Replace the scripts' admin token (`<data>/admin-token`, the moderation API's bearer token); the old one stops
    /// working at once. Several instances: copy the new file to each.
    RotateToken,
}

/// The password to set: standard input's first line, or a generated one (printed once).
fn password(from_stdin: bool) -> Result<(String, bool), String> {
    if from_stdin {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .map_err(|e| format!("cannot read the password from standard input: {e}"))?;
        return Ok((line.trim_end_matches(['\r', '\n']).to_string(), false));
    }
    // 20 characters from a 56-letter alphabet without look-alikes (~116 bits).
    const ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let bytes = koltrust_server::datadir::random_bytes::<20>()?;
    let pw = bytes
        .iter()
        .map(|b| ALPHABET[*b as usize % ALPHABET.len()] as char)
        .collect();
    Ok((pw, true))
}

fn now_ms() -> i64 {
    koltrust_server::now_ms()
}

pub fn run(args: StaffArgs) -> ExitCode {
    let db = args.database.as_deref();
    let (name, result) = match args.command {
        StaffCommand::Add {
            username,
            roles,
            name,
            password_stdin,
        } => (
            "add",
            (|| {
                let roles = parse_roles(&roles)?;
                let (pw, generated) = password(password_stdin)?;
                let (_, store) = open(&args.data, db)?;
                let a = accounts::add(&*store, &username, &name, roles, &pw, now_ms(), &cli_actor())?;
                println!("{}: added ({})", a.username, roles_text(&a.roles));
                if generated {
                    println!("password (shown once): {pw}");
                }
                Ok(())
            })(),
        ),
        StaffCommand::List => (
            "list",
            (|| {
                let (_, store) = open(&args.data, db)?;
                for a in store.staff_list().map_err(|e| e.to_string())? {
                    println!(
                        "{}\t{}\t{}\t{}\tfailed={}",
                        a.username,
                        roles_text(&a.roles),
                        if a.disabled_ms.is_some() { "disabled" } else { "active" },
                        a.display_name,
                        a.failed_logins
                    );
                }
                Ok(())
            })(),
        ),
        StaffCommand::Disable { username } => (
            "disable",
            (|| {
                let (_, store) = open(&args.data, db)?;
                accounts::set_disabled(&*store, &username, true, now_ms(), &cli_actor())?;
                println!("{username}: disabled, sessions ended");
                Ok(())
            })(),
        ),
        StaffCommand::Enable { username } => (
            "enable",
            (|| {
                let (_, store) = open(&args.data, db)?;
                accounts::set_disabled(&*store, &username, false, now_ms(), &cli_actor())?;
                println!("{username}: enabled");
                Ok(())
            })(),
        ),
        StaffCommand::ResetPassword {
            username,
            password_stdin,
        } => (
            "reset-password",
            (|| {
                let (pw, generated) = password(password_stdin)?;
                let (_, store) = open(&args.data, db)?;
                accounts::reset_password(&*store, &username, &pw, now_ms(), &cli_actor())?;
                println!("{username}: password set, sessions ended");
                if generated {
                    println!("password (shown once): {pw}");
                }
                Ok(())
            })(),
        ),
        StaffCommand::Logout { username } => (
            "logout",
            (|| {
                let (_, store) = open(&args.data, db)?;
                let n = store
                    .end_sessions(&username, now_ms(), &cli_actor())
                    .map_err(|e| format!("{username}: {e}"))?;
                println!("{username}: {n} session(s) ended");
                Ok(())
            })(),
        ),
        StaffCommand::RotateToken => (
            "rotate-token",
            (|| {
                let (dir, store) = open(&args.data, db)?;
                dir.rotate_admin_token()?;
                store
                    .audit(&cli_actor(), "admin_token.rotate", "admin-token", "{}")
                    .map_err(|e| e.to_string())?;
                println!(
                    "{}: new admin token written (never printed)",
                    dir.token_path().display()
                );
                Ok(())
            })(),
        ),
    };
    crate::common::finish(&format!("staff {name}"), result)
}
