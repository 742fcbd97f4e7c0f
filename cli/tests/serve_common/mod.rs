//! Shared by the `serve_*` integration tests: start the real `koltrust serve` binary on a free loopback port with a
//! temporary data folder, wait until `/v1/health` answers (polling, never a fixed sleep), talk HTTP with reqwest,
//! and stop it with SIGKILL or SIGTERM.
//!
//! **Two stores.** With `KOLTRUST_TEST_DATABASE` set (a PostgreSQL server the tests may create databases on;
//! `cargo xtask test` starts a throwaway cluster and runs the store-facing `serve_*` tests a second time with it),
//! every data folder gets its own fresh PostgreSQL database: [`Server::start`] passes `--database`, and [`cli`]
//! passes the same database to the command that names that `--data` folder. Without it, SQLite as always.

// Whole-crate test code: a failed `unwrap`/`expect` is the test failing, with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]
#![allow(dead_code)]

use serde_json::{json, Value};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

pub const BIN: &str = env!("CARGO_BIN_EXE_koltrust");

pub struct Server {
    child: Option<Child>,
    pub base: String,
    pub data: PathBuf,
    pub stdout: PathBuf,
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("free port")
}

/// The PostgreSQL database of each data folder (PostgreSQL pass only).
static DATABASES: Mutex<Option<HashMap<PathBuf, String>>> = Mutex::new(None);

/// Whether this run is the PostgreSQL pass.
pub fn on_postgres() -> bool {
    std::env::var_os("KOLTRUST_TEST_DATABASE").is_some()
}

/// The database URL of `data`'s server in the PostgreSQL pass (created on first use), `None` on SQLite.
pub fn database_for(data: &Path) -> Option<String> {
    let admin = std::env::var("KOLTRUST_TEST_DATABASE").ok()?;
    let mut map = DATABASES.lock().unwrap_or_else(|p| p.into_inner());
    let map = map.get_or_insert_with(HashMap::new);
    if let Some(url) = map.get(data) {
        return Some(url.clone());
    }
    static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let name = format!(
        "serve_{}_{}",
        std::process::id(),
        NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
    );
    // Its own runtime: never inside the test's.
    let url = std::thread::spawn(move || koltrust_server::store::postgres::create_database(&admin, &name))
        .join()
        .unwrap()
        .unwrap();
    map.insert(data.to_path_buf(), url.clone());
    Some(url)
}

/// Makes `data`'s server use `url` (a second instance on the first one's database).
pub fn share_database(data: &Path, url: &str) {
    let mut map = DATABASES.lock().unwrap_or_else(|p| p.into_inner());
    map.get_or_insert_with(HashMap::new)
        .insert(data.to_path_buf(), url.to_string());
}

impl Server {
    /// Starts `koltrust serve --data <data> --addr 127.0.0.1:<free port> <extra…>` and waits until it is healthy.
    pub async fn start(data: &Path, extra: &[&str]) -> Server {
        let mut s = Server::spawn(data, extra);
        s.wait_healthy().await;
        s
    }

    /// Starts the server without waiting for it (a start expected to fail, or to be awaited later).
    pub fn spawn(data: &Path, extra: &[&str]) -> Server {
        Server::spawn_logging(data, extra, "warn", None)
    }

    /// Starts the server with `RUST_LOG=<rust_log>` and its standard error in `stderr_to` (else inherited), and
    /// waits until it is healthy.
    pub async fn start_logging(data: &Path, extra: &[&str], rust_log: &str, stderr_to: &Path) -> Server {
        let mut s = Server::spawn_logging(data, extra, rust_log, Some(stderr_to));
        s.wait_healthy().await;
        s
    }

    fn spawn_logging(data: &Path, extra: &[&str], rust_log: &str, stderr_to: Option<&Path>) -> Server {
        let port = free_port();
        let stdout = data.with_extension(format!("stdout-{port}.txt"));
        let out = std::fs::File::create(&stdout).unwrap();
        let mut command = Command::new(BIN);
        command
            .args(["serve", "--data"])
            .arg(data)
            .args(["--addr", &format!("127.0.0.1:{port}")])
            .args(extra)
            .env("RUST_LOG", rust_log)
            .env_remove("KOLTRUST_DATABASE")
            .stdout(Stdio::from(out))
            .stderr(match stderr_to {
                Some(p) => Stdio::from(std::fs::File::create(p).unwrap()),
                None => Stdio::inherit(),
            });
        if let Some(url) = database_for(data) {
            command.args(["--database", &url]);
        }
        let child = command.spawn().expect("spawn koltrust serve");
        Server {
            child: Some(child),
            base: format!("http://127.0.0.1:{port}"),
            data: data.to_path_buf(),
            stdout,
        }
    }

    /// Waits until `/v1/health` answers 2xx (panics if the process exits first or after 30 s).
    pub async fn wait_healthy(&mut self) {
        let c = client();
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if let Ok(r) = c.get(self.url("/v1/health")).send().await {
                if r.status().is_success() {
                    return;
                }
            }
            if let Some(status) = self.child.as_mut().and_then(|c| c.try_wait().ok().flatten()) {
                panic!("koltrust serve exited early: {status}");
            }
            assert!(Instant::now() < deadline, "koltrust serve not healthy within 30 s");
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }

    /// The server process's id.
    pub fn pid(&self) -> u32 {
        self.child.as_ref().expect("running").id()
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub fn token(&self) -> String {
        std::fs::read_to_string(self.data.join("admin-token"))
            .unwrap()
            .trim()
            .to_string()
    }

    pub fn printed(&self) -> String {
        std::fs::read_to_string(&self.stdout).unwrap_or_default()
    }

    /// Waits (bounded) for a process expected to exit on its own, e.g. a refused start.
    pub fn wait_exit(&mut self, within: Duration) -> ExitStatus {
        let c = self.child.as_mut().expect("running");
        let deadline = Instant::now() + within;
        loop {
            if let Some(s) = c.try_wait().unwrap() {
                self.child = None;
                return s;
            }
            assert!(
                Instant::now() < deadline,
                "koltrust serve still running after {within:?}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// SIGKILL: no chance to clean up.
    pub fn kill9(&mut self) {
        if let Some(mut c) = self.child.take() {
            c.kill().unwrap();
            c.wait().unwrap();
        }
    }

    /// SIGTERM, then wait (bounded) for the exit status.
    pub fn terminate(&mut self) -> ExitStatus {
        let mut c = self.child.take().expect("running");
        let ok = Command::new("kill")
            .args(["-TERM", &c.id().to_string()])
            .status()
            .unwrap();
        assert!(ok.success());
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Some(s) = c.try_wait().unwrap() {
                return s;
            }
            if Instant::now() > deadline {
                let _ = c.kill();
                panic!("no exit within 20 s of SIGTERM");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .no_proxy()
        .timeout(Duration::from_secs(30))
        .build()
        .unwrap()
}

/// The CLI command for `args`, given the database of the data folder it names (PostgreSQL pass).
pub fn cli_command(args: &[&str]) -> Command {
    let mut c = Command::new(BIN);
    c.args(args).env_remove("KOLTRUST_DATABASE");
    let data = args.iter().position(|a| *a == "--data").and_then(|i| args.get(i + 1));
    if let Some(url) = data.and_then(|d| database_for(Path::new(d))) {
        c.env("KOLTRUST_DATABASE", url);
    }
    c
}

/// Runs the CLI synchronously; returns stdout, panicking with stderr on failure.
pub fn cli(args: &[&str]) -> String {
    let out = cli_command(args).output().unwrap();
    assert!(
        out.status.success(),
        "koltrust {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// A valid complaint about a fictional TikTok handle.
pub fn complaint(id: &str) -> Value {
    json!({
        "id": id,
        "profile": {"platform": "tiktok", "id_type": "handle", "account_id": "minh.beauty.demo",
                    "url": "https://www.tiktok.com/@minh.beauty.demo"},
        "page_url": "https://www.tiktok.com/@minh.beauty.demo/video/7300000000000000001?utm_source=share&is_from_webapp=1",
        "category": "misleading_claim",
        "note": "Quảng cáo kem trị mụn “khỏi 100% sau 3 ngày” (dữ liệu thử nghiệm).",
        "promotion": {"cues": [{"kind": "discount_code", "text": "GIAM50", "start": 0, "end": 6}]},
        "locale": "vi",
        "created": 1_764_374_400_000i64
    })
}

/// Submits the complaint `id` (the [`complaint`] body) and returns its receipt, asserting a 2xx.
pub async fn submit(c: &reqwest::Client, s: &Server, id: &str) -> String {
    let r = c
        .post(s.url("/v1/complaints"))
        .json(&complaint(id))
        .send()
        .await
        .unwrap();
    assert!(r.status().is_success(), "submit {id}: {}", r.status());
    r.json::<Value>().await.unwrap()["receipt"]
        .as_str()
        .unwrap()
        .to_string()
}

/// Asserts the standard error body and returns it.
pub async fn error_body(resp: reqwest::Response, status: u16, code: &str) -> Value {
    assert_eq!(resp.status().as_u16(), status, "status");
    let ct = resp
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    assert!(ct.starts_with("application/json"), "content-type {ct}");
    let v: Value = resp.json().await.unwrap();
    assert_eq!(v["error"]["code"], code, "{v}");
    assert!(v["error"]["message"].as_str().is_some_and(|m| !m.is_empty()), "{v}");
    v
}

/// GET `url` and parse the JSON body (the tests' most common request).
pub async fn get_json(c: &reqwest::Client, url: String) -> Value {
    c.get(url).send().await.unwrap().json().await.unwrap()
}
