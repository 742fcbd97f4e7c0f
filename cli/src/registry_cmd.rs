//! `koltrust registry …`: the Alliance's registry tooling — make keys, build and sign snapshots from the JSON/CSV
//! sources, verify them, make and apply deltas, look URLs up, generate fictional sample sources, and pull the newest
//! snapshot from a server (`pull_cmd`).
//!
//! Every failure prints one line `koltrust registry <cmd>: <problem>` on standard error and exits non-zero; source
//! validation prints every problem (`file:line: field: message`) first. Private keys are written with mode 0600 and
//! are never printed; keep them out of the repository.

use crate::common::{finish, key_set, load_registry, parse_time, read};
use clap::{Args, Subcommand};
use koltrust::i18n::Lang;
use koltrust::registry::delta::{apply_delta, make_delta, verify_delta};
use koltrust::registry::keys::{parse_private_key_file, private_key_file, signing_key_id, to_hex, SigningKey};
use koltrust::registry::sample::{generate, SampleSpec};
use koltrust::registry::snapshot::sha256_hex;
use koltrust::registry::source::{to_json, SourceSet};
use koltrust::registry::{build_snapshot, Date, Registry, SnapshotMeta};
use koltrust::views::badge::BadgeView;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Args)]
pub struct RegistryArgs {
    #[command(subcommand)]
    command: RegistryCommand,
}

#[derive(Subcommand)]
enum RegistryCommand {
    /// Make a signing key: writes the private key (mode 0600) and `<out>.pub`; prints the public key and key id.
    Keygen {
        /// Private key file to create.
        #[arg(long)]
        out: PathBuf,
        /// Overwrite an existing key file.
        #[arg(long)]
        force: bool,
    },
    /// Build a signed snapshot from source files (`.json`, `.csv`).
    Build {
        /// Private key file (from `keygen`).
        #[arg(long)]
        key: PathBuf,
        /// Snapshot sequence number; must grow with every publication.
        #[arg(long)]
        sequence: u64,
        /// Issue time: Unix seconds or yyyy-mm-dd (default: now).
        #[arg(long)]
        issued: Option<String>,
        /// Days until the snapshot is considered stale.
        #[arg(long, default_value_t = 7)]
        valid_days: u32,
        /// Snapshot file to write.
        #[arg(long, short)]
        out: PathBuf,
        /// Source files.
        #[arg(required = true)]
        sources: Vec<PathBuf>,
    },
    /// Verify a snapshot completely (signature, every chunk, every structure) and print its header.
    Verify {
        /// Pinned public key: 64 hex characters or a `.pub` file (repeat to pin several).
        #[arg(long = "pubkey", required = true)]
        pubkeys: Vec<String>,
        /// Sequence already held: older snapshots are refused as rollbacks.
        #[arg(long)]
        held: Option<u64>,
        /// Time to judge staleness at: Unix seconds or yyyy-mm-dd (default: now).
        #[arg(long)]
        now: Option<String>,
        snapshot: PathBuf,
    },
    /// Make a signed delta from snapshot FROM to snapshot TO.
    Delta {
        #[arg(long)]
        key: PathBuf,
        from: PathBuf,
        to: PathBuf,
        #[arg(long, short)]
        out: PathBuf,
    },
    /// Apply a delta to its base snapshot and write the resulting snapshot (checked by SHA-256 and signature).
    ApplyDelta {
        #[arg(long = "pubkey", required = true)]
        pubkeys: Vec<String>,
        base: PathBuf,
        delta: PathBuf,
        #[arg(long, short)]
        out: PathBuf,
    },
    /// Recognize URLs and print each one's registry status.
    Lookup {
        #[arg(long)]
        snapshot: PathBuf,
        #[arg(long = "pubkey", required = true)]
        pubkeys: Vec<String>,
        #[arg(long)]
        now: Option<String>,
        /// Language of labels: vi (default) or en.
        #[arg(long, default_value = "vi")]
        lang: String,
        /// Print the full detail card of each found account as JSON.
        #[arg(long)]
        json: bool,
        #[arg(required = true)]
        urls: Vec<String>,
    },
    /// Write a deterministic, clearly fictional sample source (JSON).
    Sample {
        /// Number of KOL records.
        #[arg(long, default_value_t = 100)]
        count: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// The day periods are generated around (default: today).
        #[arg(long)]
        today: Option<String>,
        /// Output file (default: standard output).
        #[arg(long, short)]
        out: Option<PathBuf>,
    },
    /// Download the newest signed snapshot from an Alliance server into OUT (a delta when OUT holds the previous
    /// one), checked like the extension checks it: pinned keys, signatures, SHA-256, no rollback.
    Pull {
        /// The server's base URL, e.g. http://127.0.0.1:8080/.
        #[arg(long)]
        server: String,
        /// Pinned public key: 64 hex characters or a `.pub` file (repeat to pin several).
        #[arg(long = "pubkey", required = true)]
        pubkeys: Vec<String>,
        #[arg(long)]
        now: Option<String>,
        /// The snapshot file to create or bring up to date.
        #[arg(long, short)]
        out: PathBuf,
    },
    /// Commands on a server's data folder: publish, import, add-sanction, renew.
    #[command(flatten)]
    Db(crate::admin_cmd::RegistryDbCommand),
}

pub fn run(args: RegistryArgs) -> ExitCode {
    let (name, result) = match args.command {
        RegistryCommand::Keygen { out, force } => ("keygen", keygen(&out, force)),
        RegistryCommand::Build {
            key,
            sequence,
            issued,
            valid_days,
            out,
            sources,
        } => (
            "build",
            build(&key, sequence, issued.as_deref(), valid_days, &out, &sources),
        ),
        RegistryCommand::Verify {
            pubkeys,
            held,
            now,
            snapshot,
        } => ("verify", verify(&pubkeys, held, now.as_deref(), &snapshot)),
        RegistryCommand::Delta { key, from, to, out } => ("delta", delta(&key, &from, &to, &out)),
        RegistryCommand::ApplyDelta {
            pubkeys,
            base,
            delta,
            out,
        } => ("apply-delta", apply(&pubkeys, &base, &delta, &out)),
        RegistryCommand::Lookup {
            snapshot,
            pubkeys,
            now,
            lang,
            json,
            urls,
        } => (
            "lookup",
            lookup(&snapshot, &pubkeys, now.as_deref(), Lang::from_tag(&lang), json, &urls),
        ),
        RegistryCommand::Sample {
            count,
            seed,
            today,
            out,
        } => ("sample", sample(count, seed, today.as_deref(), out.as_deref())),
        RegistryCommand::Pull {
            server,
            pubkeys,
            now,
            out,
        } => ("pull", crate::pull_cmd::pull(&server, &pubkeys, &out, now.as_deref())),
        RegistryCommand::Db(cmd) => return crate::admin_cmd::run(cmd),
    };
    finish(&format!("registry {name}"), result)
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), String> {
    fs::write(path, bytes).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

fn load_key(path: &Path) -> Result<SigningKey, String> {
    let text = fs::read_to_string(path).map_err(|e| format!("cannot read key {}: {e}", path.display()))?;
    parse_private_key_file(&text)
        .ok_or_else(|| format!("{} is not a koltrust private key (64 hex characters)", path.display()))
}

fn keygen(out: &Path, force: bool) -> Result<(), String> {
    let mut seed = [0u8; 32];
    getrandom::getrandom(&mut seed).map_err(|e| format!("no OS randomness: {e}"))?;
    let key = SigningKey::from_bytes(&seed);
    let public = to_hex(key.verifying_key().as_bytes());
    let mut opts = fs::OpenOptions::new();
    opts.write(true);
    if force {
        opts.create(true).truncate(true);
    } else {
        opts.create_new(true);
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let mut f = opts
        .open(out)
        .map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(out, fs::Permissions::from_mode(0o600)).map_err(|e| e.to_string())?;
    }
    f.write_all(private_key_file(&seed).as_bytes())
        .map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    let pub_path = PathBuf::from(format!("{}.pub", out.display()));
    write(&pub_path, format!("{public}\n").as_bytes())?;
    println!("public key: {public}");
    println!("key id: {}", signing_key_id(&key));
    println!("private key: {} (mode 0600)", out.display());
    println!("public key file: {}", pub_path.display());
    Ok(())
}

fn build(
    key: &Path,
    sequence: u64,
    issued: Option<&str>,
    valid_days: u32,
    out: &Path,
    sources: &[PathBuf],
) -> Result<(), String> {
    let key = load_key(key)?;
    let issued = parse_time(issued)?;
    let mut set = SourceSet::new();
    for path in sources {
        let text = String::from_utf8(read(path)?).map_err(|_| format!("{} is not UTF-8 text", path.display()))?;
        let name = path.display().to_string();
        match path.extension().and_then(|e| e.to_str()) {
            Some("json") => set.add_json(&name, &text),
            Some("csv") => set.add_csv(&name, &text),
            _ => return Err(format!("{name}: unknown source type (use .json or .csv)")),
        }
    }
    let records = set.finish().map_err(|errors| {
        for e in &errors {
            eprintln!("{e}");
        }
        format!("{} problem(s) in the sources; nothing written", errors.len())
    })?;
    let meta = SnapshotMeta {
        sequence,
        issued_unix: issued,
        expires_unix: issued + valid_days as i64 * 86_400,
    };
    let bytes = build_snapshot(&records, &meta, &key).map_err(|e| e.to_string())?;
    write(out, &bytes)?;
    let accounts: usize = records.iter().map(|r| r.accounts.len()).sum();
    println!(
        "{}: sequence {sequence}, {} records, {accounts} accounts, {} bytes, key id {}, sha256 {}",
        out.display(),
        records.len(),
        bytes.len(),
        signing_key_id(&key),
        sha256_hex(&bytes)
    );
    Ok(())
}

fn verify(pubkeys: &[String], held: Option<u64>, now: Option<&str>, snapshot: &Path) -> Result<(), String> {
    let reg = load_registry(snapshot, pubkeys, held, parse_time(now)?)?;
    println!("ok: {}", snapshot.display());
    println!("sequence: {}", reg.sequence());
    println!("key id: {}", reg.key_id());
    println!(
        "issued: {} ({})",
        reg.issued_unix(),
        Date::from_unix_vn(reg.issued_unix())
    );
    println!(
        "expires: {} ({})",
        reg.expires_unix(),
        Date::from_unix_vn(reg.expires_unix())
    );
    println!("records: {}", reg.record_count());
    println!("accounts: {}", reg.account_count());
    println!("bytes: {}", reg.bytes().len());
    println!("sha256: {}", sha256_hex(reg.bytes()));
    if reg.is_stale() {
        println!("stale: yes — past its expiry; answers must be shown as possibly out of date");
    } else {
        println!("stale: no");
    }
    Ok(())
}

fn delta(key: &Path, from: &Path, to: &Path, out: &Path) -> Result<(), String> {
    let key = load_key(key)?;
    let (old, new) = (read(from)?, read(to)?);
    let d = make_delta(&old, &new, &key).map_err(|e| e.to_string())?;
    write(out, &d)?;
    println!(
        "{}: {} bytes ({:.2} % of the new snapshot's {} bytes), result sha256 {}",
        out.display(),
        d.len(),
        100.0 * d.len() as f64 / new.len().max(1) as f64,
        new.len(),
        sha256_hex(&new)
    );
    Ok(())
}

fn apply(pubkeys: &[String], base: &Path, delta: &Path, out: &Path) -> Result<(), String> {
    let keys = key_set(pubkeys)?;
    let (old, d) = (read(base)?, read(delta)?);
    let info = verify_delta(&d, &keys).map_err(|e| format!("{}: {e}", delta.display()))?;
    let new = apply_delta(&old, &d, &keys).map_err(|e| format!("{}: {e}", delta.display()))?;
    // The result is a snapshot like any other: its own signature must hold, and it must not roll back.
    let reg =
        Registry::open(new, &keys, Some(info.from_sequence), parse_time(None)?).map_err(|e| format!("result: {e}"))?;
    reg.verify_all().map_err(|e| format!("result: {e}"))?;
    write(out, reg.bytes())?;
    println!(
        "{}: sequence {} → {}, sha256 {}",
        out.display(),
        info.from_sequence,
        info.to_sequence,
        sha256_hex(reg.bytes())
    );
    Ok(())
}

/// What the registry says about one URL (the core's answer, shared with `koltrust vet` and the portal).
pub fn status_of(reg: &Registry, url: &str) -> Result<koltrust::portal::bulk::UrlStatus, String> {
    koltrust::portal::bulk::status_of(reg, url).map_err(|e| e.to_string())
}

fn lookup(
    snapshot: &Path,
    pubkeys: &[String],
    now: Option<&str>,
    lang: Lang,
    json: bool,
    urls: &[String],
) -> Result<(), String> {
    let reg = load_registry(snapshot, pubkeys, None, parse_time(now)?)?;
    if reg.is_stale() {
        eprintln!(
            "koltrust registry lookup: warning: snapshot {} is past its expiry (stale)",
            reg.sequence()
        );
    }
    for url in urls {
        let st = status_of(&reg, url)?;
        let cols = format!(
            "{url}\t{}\t{}\t{}\t{}",
            st.platform, st.id_type, st.account_id, st.status
        );
        match (st.record, &st.lookalike) {
            (Some(ord), _) if json => {
                let card = koltrust::views::record::record_card(&reg, ord, lang).map_err(|e| e.to_string())?;
                println!("{}", serde_json::to_string(&card).map_err(|e| e.to_string())?);
            }
            (Some(ord), _) => {
                let rec = reg.record(ord).map_err(|e| e.to_string())?;
                let state = reg.state_of(ord).map_err(|e| e.to_string())?;
                println!(
                    "{cols}\t{} {}\t{}\t{}",
                    state.icon(),
                    state.label(lang),
                    rec.id,
                    rec.name
                );
            }
            (None, Some(l)) => {
                let e = koltrust::views::imitation::Explained::of(&reg, l, lang).map_err(|e| e.to_string())?;
                let view = BadgeView::lookalike(&e.of_name, &l.of_account_id, &e.why, lang);
                println!("{cols}\t{} {}\t{}", view.icon, view.label, view.title);
            }
            (None, None) => println!("{cols}"),
        }
    }
    Ok(())
}

fn sample(count: usize, seed: u64, today: Option<&str>, out: Option<&Path>) -> Result<(), String> {
    let today = Date::from_unix_vn(parse_time(today)?);
    let records = generate(SampleSpec {
        records: count,
        seed,
        today,
    });
    let text = to_json(&records);
    match out {
        Some(p) => write(p, text.as_bytes()),
        None => std::io::stdout()
            .write_all(text.as_bytes())
            .map_err(|e| format!("cannot write: {e}")),
    }
}
