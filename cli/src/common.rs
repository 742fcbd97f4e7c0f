//! What every subcommand shares: printing a result as one line with the exit status, reading files, parsing
//! `--now`-style times, pinning public keys, and opening a snapshot with full verification. Commands depend on this
//! module and never on each other (no import cycles: `cargo xtask cycles`).

use koltrust::registry::keys::from_hex;
use koltrust::registry::{Date, KeySet, Registry};
use std::fs;
use std::path::Path;
use std::process::ExitCode;

/// Prints a failure as one line and maps it to the exit status.
pub fn finish(cmd: &str, result: Result<(), String>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("koltrust {cmd}: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The bytes of a file, or an error naming it.
pub fn read(path: &Path) -> Result<Vec<u8>, String> {
    fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

/// Unix seconds from `--now`/`--issued` (Unix seconds or yyyy-mm-dd, 00:00 Vietnam time), default the clock.
pub fn parse_time(s: Option<&str>) -> Result<i64, String> {
    match s {
        None => Ok(std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64)),
        Some(s) => s
            .parse::<i64>()
            .ok()
            .or_else(|| Date::parse(s).map(Date::start_unix_vn))
            .ok_or_else(|| format!("{s:?} is not a time (Unix seconds or yyyy-mm-dd)")),
    }
}

/// Pins keys given as hex or as files holding hex.
pub fn key_set(pubkeys: &[String]) -> Result<KeySet, String> {
    let mut set = KeySet::new();
    for k in pubkeys {
        let hex = if from_hex::<32>(k).is_some() {
            k.clone()
        } else {
            fs::read_to_string(k)
                .map_err(|e| format!("public key {k:?} is neither 64 hex characters nor a readable file: {e}"))?
        };
        set.add_hex(&hex)
            .ok_or_else(|| format!("public key {k:?} is not an Ed25519 public key in hex"))?;
    }
    Ok(set)
}

/// Opens a snapshot with full verification.
pub fn load_registry(snapshot: &Path, pubkeys: &[String], held: Option<u64>, now: i64) -> Result<Registry, String> {
    let keys = key_set(pubkeys)?;
    let bytes = read(snapshot)?;
    let reg = Registry::open(bytes, &keys, held, now).map_err(|e| format!("{}: {e}", snapshot.display()))?;
    reg.verify_all().map_err(|e| format!("{}: {e}", snapshot.display()))?;
    Ok(reg)
}
