//! `koltrust backup` / `koltrust restore`: a data folder copied while the server runs, and put back into a new
//! folder.
//!
//! A backup is a folder holding `koltrust.sqlite3` (a consistent copy made with SQLite's `VACUUM INTO`, which
//! reads one snapshot of the database, so complaints committed while it runs are either wholly in or wholly out),
//! the signing key and the admin token (mode 0600: a backup is as secret as the data folder), the public key, and
//! `public/` (the published files; they are also in the database and are rewritten from it at start). With
//! PostgreSQL the database is backed up with PostgreSQL's own tools (`pg_dump`, see docs/architecture.md,
//! "Backups"); `koltrust backup` then copies the files only.
//!
//! `restore` refuses a folder that already holds a database or a key: restoring never overwrites live data.

use crate::datadir::{write_private, DataDir};
use std::fs;
use std::path::Path;

/// What a backup holds besides the database.
const SECRETS: [&str; 2] = ["registry.key", "admin-token"];
const PUBLIC_KEY: &str = "registry.key.pub";

fn copy_tree(from: &Path, to: &Path) -> Result<u64, String> {
    let mut n = 0;
    let Ok(entries) = fs::read_dir(from) else {
        return Ok(0);
    };
    fs::create_dir_all(to).map_err(|e| format!("cannot create {}: {e}", to.display()))?;
    for e in entries.flatten() {
        let (src, dst) = (e.path(), to.join(e.file_name()));
        if src.is_dir() {
            n += copy_tree(&src, &dst)?;
        } else if !e.file_name().to_string_lossy().starts_with('.') {
            fs::copy(&src, &dst).map_err(|e| format!("cannot copy {}: {e}", src.display()))?;
            n += 1;
        }
    }
    Ok(n)
}

fn copy_secret(from: &Path, to: &Path) -> Result<(), String> {
    let text = fs::read_to_string(from).map_err(|e| format!("cannot read {}: {e}", from.display()))?;
    write_private(to, &text)
}

/// Backs up the data folder `data` into the new folder `out`. `sqlite`: whether the database is the folder's
/// SQLite file (else only the files are copied). Returns a one-line summary.
pub fn backup(data: &Path, out: &Path, sqlite: bool) -> Result<String, String> {
    let dir = DataDir::new(data);
    if !dir.key_path().is_file() {
        return Err(format!(
            "{} holds no signing key: not an initialised data folder / không phải thư mục dữ liệu",
            data.display()
        ));
    }
    if out.exists() {
        return Err(format!(
            "{} already exists: a backup goes into a new folder / bản sao lưu cần một thư mục mới",
            out.display()
        ));
    }
    fs::create_dir_all(out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(out, fs::Permissions::from_mode(0o700))
            .map_err(|e| format!("cannot make {} private: {e}", out.display()))?;
    }
    let mut summary = Vec::new();
    if sqlite {
        let conn =
            rusqlite::Connection::open(dir.database()).map_err(|e| format!("{}: {e}", dir.database().display()))?;
        conn.busy_timeout(std::time::Duration::from_secs(30))
            .map_err(|e| e.to_string())?;
        let target = out.join("koltrust.sqlite3");
        conn.execute("VACUUM INTO ?1", [target.to_string_lossy()])
            .map_err(|e| format!("copying the database: {e}"))?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(&target, fs::Permissions::from_mode(0o600)).map_err(|e| e.to_string())?;
        }
        let bytes = fs::metadata(&target).map(|m| m.len()).unwrap_or(0);
        summary.push(format!("database {bytes} bytes"));
    }
    for f in SECRETS {
        if data.join(f).is_file() {
            copy_secret(&data.join(f), &out.join(f))?;
        }
    }
    if data.join(PUBLIC_KEY).is_file() {
        fs::copy(data.join(PUBLIC_KEY), out.join(PUBLIC_KEY)).map_err(|e| e.to_string())?;
    }
    let files = copy_tree(&dir.public(), &out.join("public"))?;
    summary.push(format!("key, token and {files} published file(s)"));
    Ok(summary.join(", "))
}

/// Restores the backup `from` into `data`, which must not hold a database or a key yet.
pub fn restore(from: &Path, data: &Path) -> Result<String, String> {
    let backup = DataDir::new(from);
    if !backup.key_path().is_file() {
        return Err(format!(
            "{} is not a koltrust backup (no registry.key) / không phải bản sao lưu",
            from.display()
        ));
    }
    let dir = DataDir::new(data);
    if dir.database().exists() || dir.key_path().exists() {
        return Err(format!(
            "{} already holds a database or a key: restore into a new folder, nothing was changed / thư mục đích \
             đã có dữ liệu, không thay đổi gì",
            data.display()
        ));
    }
    fs::create_dir_all(data).map_err(|e| format!("cannot create {}: {e}", data.display()))?;
    for f in SECRETS {
        if from.join(f).is_file() {
            copy_secret(&from.join(f), &data.join(f))?;
        }
    }
    if from.join(PUBLIC_KEY).is_file() {
        fs::copy(from.join(PUBLIC_KEY), data.join(PUBLIC_KEY)).map_err(|e| e.to_string())?;
    }
    let files = copy_tree(&backup.public(), &dir.public())?;
    let db = if backup.database().is_file() {
        // Copied last: a restore cut short leaves no database, so the server refuses to start on it.
        let tmp = data.join(".koltrust.sqlite3.restore");
        fs::copy(backup.database(), &tmp).map_err(|e| format!("copying the database: {e}"))?;
        fs::File::open(&tmp)
            .and_then(|f| f.sync_all())
            .map_err(|e| e.to_string())?;
        fs::rename(&tmp, dir.database()).map_err(|e| e.to_string())?;
        "database, "
    } else {
        ""
    };
    dir.make_private()?;
    Ok(format!("{db}key, token and {files} published file(s)"))
}
