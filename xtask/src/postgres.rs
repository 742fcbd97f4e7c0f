//! A throwaway PostgreSQL cluster for the tests' PostgreSQL pass (`cargo xtask test`): Debian's `postgresql`
//! (installed with apt when missing and running as root, like Chromium), a fresh cluster in the temp folder on a
//! free loopback port, stopped and deleted when the [`Cluster`] is dropped.
//!
//! `initdb` refuses to run as root, so as root the server binaries run as the `postgres` user (`runuser`). The
//! cluster keeps `fsync` and `synchronous_commit` on: the durability tests count on a commit meaning the disk.

use crate::exec::{on_path, run};
use std::path::{Path, PathBuf};
use std::process::Command;

/// A running cluster; its superuser `postgres` may connect without a password from loopback.
pub struct Cluster {
    /// The server's binaries (`pg_dump` and `pg_restore` too, for the backup test).
    pub bin: PathBuf,
    dir: PathBuf,
    as_postgres: bool,
    /// `postgres://postgres@127.0.0.1:<port>/postgres`: the tests create their databases there.
    pub url: String,
}

/// The newest `/usr/lib/postgresql/<version>/bin`, if any.
fn installed_bin() -> Option<PathBuf> {
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(Result::ok)
        .filter_map(|e| {
            let v = e.file_name().to_string_lossy().parse::<u32>().ok()?;
            let bin = e.path().join("bin");
            bin.join("initdb").is_file().then_some((v, bin))
        })
        .collect();
    versions.sort();
    versions.pop().map(|(_, bin)| bin)
}

/// The PostgreSQL server binaries, installed when missing (as root).
pub fn ensure_postgres() -> Result<PathBuf, String> {
    if let Some(bin) = installed_bin() {
        return Ok(bin);
    }
    if !crate::tools::running_as_root() || !on_path("apt-get") {
        return Err(
            "PostgreSQL is missing (the server tests run on it too): install Debian's postgresql \
             (sudo apt-get install -y postgresql)"
                .into(),
        );
    }
    crate::tools::apt_install(&["postgresql"])?;
    installed_bin().ok_or_else(|| "postgresql was installed but no /usr/lib/postgresql/*/bin/initdb".into())
}

impl Cluster {
    fn tool(&self, name: &str) -> Command {
        tool(&self.bin, name, self.as_postgres)
    }

    /// Starts a fresh cluster (≈ 1–2 s).
    pub fn start() -> Result<Cluster, String> {
        let bin = ensure_postgres()?;
        let as_postgres = crate::tools::running_as_root();
        let dir = std::env::temp_dir().join(format!("koltrust-pg-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        if as_postgres {
            run(
                Command::new("chown").args(["postgres:postgres"]).arg(&dir),
                "handing the test cluster's folder to the postgres user",
            )?;
        }
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .map_err(|e| format!("no free port: {e}"))?;
        let cluster = Cluster {
            url: format!("postgres://postgres@127.0.0.1:{port}/postgres"),
            bin,
            dir,
            as_postgres,
        };
        let data = cluster.dir.join("data");
        run(
            cluster.tool("initdb").arg("-D").arg(&data).args([
                "-U",
                "postgres",
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--no-locale",
                "--no-sync",
            ]),
            "initdb (test cluster)",
        )?;
        let options = format!(
            "-p {port} -k {} -c listen_addresses=127.0.0.1 -c max_connections=400",
            cluster.dir.display()
        );
        run(
            cluster
                .tool("pg_ctl")
                .arg("-D")
                .arg(&data)
                .arg("-l")
                .arg(cluster.dir.join("log"))
                .args(["-w", "-o", &options, "start"]),
            "starting the test cluster",
        )?;
        println!("PostgreSQL test cluster: {}", cluster.url);
        Ok(cluster)
    }
}

fn tool(bin: &Path, name: &str, as_postgres: bool) -> Command {
    if as_postgres {
        let mut c = Command::new("runuser");
        c.args(["-u", "postgres", "--"]).arg(bin.join(name));
        // runuser keeps the working folder, which the postgres user may not be allowed to read.
        c.current_dir("/");
        c
    } else {
        Command::new(bin.join(name))
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let _ = self
            .tool("pg_ctl")
            .arg("-D")
            .arg(self.dir.join("data"))
            .args(["-m", "immediate", "-w", "stop"])
            .stdout(std::process::Stdio::null())
            .status();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// `cargo xtask postgres`: a throwaway cluster for running the PostgreSQL pass by hand; stopped and deleted when
/// standard input reaches a line or its end.
pub fn run_cli() -> Result<(), String> {
    let cluster = Cluster::start()?;
    println!(
        "export KOLTRUST_TEST_DATABASE={}\n(then e.g. cargo test -p koltrust-cli --test serve_instances)\n\
         Enter dừng cụm / Enter stops the cluster",
        cluster.url
    );
    let mut line = String::new();
    let _ = std::io::stdin().read_line(&mut line);
    drop(cluster);
    Ok(())
}
