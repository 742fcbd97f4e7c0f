//! The data folder: everything a server instance owns, in one place that can be backed up as a whole.
//!
//! ```text
//! <data>/
//!   koltrust.sqlite3 (+ -wal, -shm)   complaints, registry records, publications, audit (see store::sqlite)
//!   registry.key                      Ed25519 signing key (hex seed), mode 0600 — never commit or share it
//!   registry.key.pub                  its public key (hex)
//!   admin-token                       bearer token of the moderation API, mode 0600
//!   public/                           static files; serve this folder at the site root from any CDN
//!     v1/registry/manifest            signed manifest (JSON envelope, see `publish`)
//!     v1/registry/keys                public keys (JSON)
//!     v1/registry/snapshots/<seq>.bin
//!     v1/registry/deltas/<from>-<to>.bin
//! ```
//! First start creates the folder, the key and the token from OS randomness; nothing secret is ever printed
//! except the *path* of the token file.

use koltrust::registry::keys::{parse_private_key_file, private_key_file, signing_key_id, to_hex, SigningKey};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Clone, Debug)]
pub struct DataDir {
    pub root: PathBuf,
}

/// What [`DataDir::init`] had to create.
#[derive(Clone, Debug, Default)]
pub struct InitReport {
    pub created_folder: bool,
    pub created_key: bool,
    pub created_token: bool,
}

/// 32 random bytes from the OS.
pub fn random_bytes<const N: usize>() -> Result<[u8; N], String> {
    let mut b = [0u8; N];
    getrandom::getrandom(&mut b).map_err(|e| format!("no OS randomness: {e}"))?;
    Ok(b)
}

/// Creates `path` with mode 0600 (failing if it exists) and writes `text`.
pub fn write_private(path: &Path, text: &str) -> Result<(), String> {
    let mut opts = fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let mut f = opts
        .open(path)
        .map_err(|e| format!("cannot create {}: {e}", path.display()))?;
    f.write_all(text.as_bytes())
        .and_then(|_| f.sync_all())
        .map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// Writes `bytes` to a temporary file beside `path` (creating parent folders), fsyncs it, and puts it in place with
/// `place(tmp, path)`; the temporary file never outlives the call. The one write path of [`write_atomic`] and
/// [`write_new`], which differ only in how the file is put in place.
fn write_beside(
    path: &Path,
    bytes: &[u8],
    tag: &str,
    place: fn(&Path, &Path) -> std::io::Result<()>,
) -> Result<(), String> {
    let dir = path
        .parent()
        .ok_or_else(|| format!("{} has no parent", path.display()))?;
    fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    // Unique per process and per call: two threads of one server (a publication and the mirror) may write the same
    // name at once, and each must keep its own temporary file.
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let tmp = dir.join(format!(
        ".{}.{tag}-{}-{}",
        path.file_name().and_then(|n| n.to_str()).unwrap_or("file"),
        std::process::id(),
        NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
    ));
    let res = (|| {
        let mut f = fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        place(&tmp, path)
    })();
    let _ = fs::remove_file(&tmp); // gone after a rename; left behind by a link or a failure
    res.map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// Writes `bytes` to `path` atomically (temporary file, fsync, rename), creating parent folders.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), String> {
    write_beside(path, bytes, "tmp", |tmp, path| fs::rename(tmp, path))
}

/// Writes a file that must never change once written (a published snapshot or delta): atomically, and only if no
/// file is there yet. The same bytes already there are accepted (a publication retried after a crash); different
/// bytes are refused, naming the file, and nothing is written.
pub fn write_new(path: &Path, bytes: &[u8]) -> Result<(), String> {
    if let Ok(existing) = fs::read(path) {
        return if existing == bytes {
            Ok(())
        } else {
            Err(format!(
                "refusing to overwrite {}: a published file never changes (its bytes differ from the new ones)",
                path.display()
            ))
        };
    }
    // Hard-linked into place: a link fails if the name exists, so a concurrent or earlier writer's file is never
    // replaced, and readers never see a partial file.
    match write_beside(path, bytes, "new", |tmp, path| fs::hard_link(tmp, path)) {
        // Another writer (a second instance mirroring the same publication, or the CLI beside a running server)
        // put the file there between the read above and the link: the same bytes are the same publication.
        Err(e) if fs::read(path).is_ok_and(|now| now == bytes) => {
            tracing::debug!("{e}: written by another writer with the same bytes");
            Ok(())
        }
        other => other,
    }
}

impl DataDir {
    pub fn new(root: impl Into<PathBuf>) -> DataDir {
        DataDir { root: root.into() }
    }
    pub fn database(&self) -> PathBuf {
        self.root.join("koltrust.sqlite3")
    }
    pub fn key_path(&self) -> PathBuf {
        self.root.join("registry.key")
    }
    pub fn token_path(&self) -> PathBuf {
        self.root.join("admin-token")
    }
    pub fn public(&self) -> PathBuf {
        self.root.join("public")
    }
    pub fn registry_dir(&self) -> PathBuf {
        self.public().join("v1/registry")
    }
    pub fn manifest_path(&self) -> PathBuf {
        self.registry_dir().join("manifest")
    }
    pub fn keys_path(&self) -> PathBuf {
        self.registry_dir().join("keys")
    }
    pub fn snapshot_path(&self, seq: u64) -> PathBuf {
        self.registry_dir().join(format!("snapshots/{seq}.bin"))
    }
    pub fn delta_path(&self, from: u64, to: u64) -> PathBuf {
        self.registry_dir().join(format!("deltas/{from}-{to}.bin"))
    }

    /// The files a start would find published already: the manifest, the keys file, snapshots and deltas.
    pub fn published_files(&self) -> Vec<PathBuf> {
        let mut found: Vec<PathBuf> = [self.manifest_path(), self.keys_path()]
            .into_iter()
            .filter(|p| p.exists())
            .collect();
        for sub in ["snapshots", "deltas"] {
            if let Ok(entries) = fs::read_dir(self.registry_dir().join(sub)) {
                let mut files: Vec<PathBuf> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
                files.sort();
                found.extend(files);
            }
        }
        found
    }

    /// Decides whether this start is the data folder's **first start**, the only one that may initialise it.
    /// `Ok(true)`: no database and nothing a database should describe (a new or empty folder), or only a signing key
    /// the operator provisioned and `init` (`koltrust serve --init`) says to use. `Ok(false)`: the database is there.
    /// An error, naming the files, when the database is missing or empty (0 bytes) but the folder holds published
    /// registry files (always: starting over would drop every complaint, re-sign the sample as sequence 1 and roll
    /// the manifest back), or a signing key without `init`. Nothing is changed in those cases.
    pub fn first_start(&self, init: bool) -> Result<bool, String> {
        let db = self.database();
        let present = fs::metadata(&db).map(|m| m.len() > 0).unwrap_or(false);
        let state = if db.exists() {
            "is empty (0 bytes)"
        } else {
            "is missing"
        };
        self.first_start_of(init, present, &db.display().to_string(), state)
    }

    /// [`DataDir::first_start`] for any database: `present` says whether it holds data, `name` and `state` describe
    /// it in the refusal (a PostgreSQL database is named by its URL without password, and is "empty").
    pub fn first_start_of(&self, init: bool, present: bool, name: &str, state: &str) -> Result<bool, String> {
        if present {
            return Ok(false);
        }
        let published = self.published_files();
        if !published.is_empty() {
            let mut evidence = published;
            if self.key_path().exists() {
                evidence.insert(0, self.key_path());
            }
            let shown: Vec<String> = evidence.iter().take(6).map(|p| p.display().to_string()).collect();
            let more = evidence.len().saturating_sub(shown.len());
            return Err(format!(
                "refusing to start: the database {} {state}, but the data folder already holds {}{}. Starting over \
                 would lose every complaint and roll the published registry back. Restore the database from a backup, \
                 or start on a new data folder. Nothing was changed. / Từ chối khởi động: thiếu cơ sở dữ liệu nhưng \
                 thư mục dữ liệu đã có sổ đăng ký đã phát hành; hãy khôi phục cơ sở dữ liệu từ bản sao lưu.",
                name,
                shown.join(", "),
                if more > 0 {
                    format!(" and {more} more")
                } else {
                    String::new()
                }
            ));
        }
        if self.key_path().exists() && !init {
            return Err(format!(
                "refusing to start: the database {} {state}, but the data folder holds a signing key ({}). If this is \
                 a new server with a provisioned key, start it once with --init; if its database was lost, restore it \
                 from a backup. Nothing was changed. / Từ chối khởi động: có khoá ký nhưng thiếu cơ sở dữ liệu; máy chủ \
                 mới thì khởi động một lần với --init, còn mất dữ liệu thì khôi phục từ bản sao lưu.",
                name,
                self.key_path().display()
            ));
        }
        Ok(true)
    }

    /// Makes the data folder private whatever existed before: the folder 0700, the database (with its WAL and
    /// shared-memory files), the signing key and the admin token 0600. Reporters' contacts live in the database.
    pub fn make_private(&self) -> Result<(), String> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let set = |p: &Path, mode: u32| -> Result<(), String> {
                match fs::set_permissions(p, fs::Permissions::from_mode(mode)) {
                    Ok(()) => Ok(()),
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
                    Err(e) => Err(format!("cannot make {} private: {e}", p.display())),
                }
            };
            set(&self.root, 0o700)?;
            let db = self.database();
            for p in [
                db.clone(),
                db.with_extension("sqlite3-wal"),
                db.with_extension("sqlite3-shm"),
                self.key_path(),
                self.token_path(),
            ] {
                set(&p, 0o600)?;
            }
        }
        Ok(())
    }

    /// Creates what is missing: the folder, the signing key, the admin token.
    pub fn init(&self) -> Result<InitReport, String> {
        let mut report = InitReport::default();
        if !self.root.exists() {
            report.created_folder = true;
        }
        fs::create_dir_all(self.registry_dir()).map_err(|e| format!("cannot create {}: {e}", self.root.display()))?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            if report.created_folder {
                let _ = fs::set_permissions(&self.root, fs::Permissions::from_mode(0o700));
            }
        }
        if !self.key_path().exists() {
            let seed = random_bytes::<32>()?;
            let key = SigningKey::from_bytes(&seed);
            write_private(&self.key_path(), &private_key_file(&seed))?;
            write_atomic(
                &self.root.join("registry.key.pub"),
                format!("{}\n", to_hex(key.verifying_key().as_bytes())).as_bytes(),
            )?;
            report.created_key = true;
        }
        if !self.token_path().exists() {
            write_private(&self.token_path(), &format!("{}\n", to_hex(&random_bytes::<32>()?)))?;
            report.created_token = true;
        }
        Ok(report)
    }

    /// The signing key.
    pub fn signing_key(&self) -> Result<SigningKey, String> {
        let path = self.key_path();
        let text = fs::read_to_string(&path).map_err(|e| format!("cannot read key {}: {e}", path.display()))?;
        parse_private_key_file(&text)
            .ok_or_else(|| format!("{} is not a koltrust private key (64 hex characters)", path.display()))
    }

    /// The public key (hex) and key id of the signing key.
    pub fn public_key(&self) -> Result<(String, String), String> {
        let key = self.signing_key()?;
        Ok((to_hex(key.verifying_key().as_bytes()), signing_key_id(&key).to_string()))
    }

    /// Replaces the admin token with a new random one (mode 0600, written beside and renamed into place): the
    /// scripts' bearer token is rotated without a restart, as the server reads the file again on each
    /// moderation request. Answers the new token.
    pub fn rotate_admin_token(&self) -> Result<String, String> {
        let token = to_hex(&random_bytes::<32>()?);
        let tmp = self.root.join("admin-token.new");
        let _ = fs::remove_file(&tmp);
        write_private(&tmp, &format!("{token}\n"))?;
        fs::rename(&tmp, self.token_path())
            .map_err(|e| format!("cannot replace {}: {e}", self.token_path().display()))?;
        Ok(token)
    }

    /// The admin token.
    pub fn admin_token(&self) -> Result<String, String> {
        let path = self.token_path();
        let t = fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let t = t.trim().to_string();
        if t.len() < 32 {
            return Err(format!("{} holds no usable token", path.display()));
        }
        Ok(t)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writers_racing_to_publish_the_same_file_all_succeed_and_different_bytes_are_refused() {
        let dir = std::env::temp_dir().join(format!("koltrust-write-new-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        for round in 0..20 {
            let path = dir.join(format!("deltas/{round}-{}.bin", round + 1));
            let bytes = vec![round as u8; 4096];
            let results: Vec<Result<(), String>> = std::thread::scope(|s| {
                let handles: Vec<_> = (0..6).map(|_| s.spawn(|| write_new(&path, &bytes))).collect();
                handles
                    .into_iter()
                    .map(|h| h.join().unwrap_or(Err("panicked".into())))
                    .collect()
            });
            assert!(results.iter().all(Result::is_ok), "round {round}: {results:?}");
            assert_eq!(fs::read(&path).ok(), Some(bytes));
            assert!(write_new(&path, b"other bytes").is_err());
        }
        let _ = fs::remove_dir_all(&dir);
    }
}
