//! `cargo xtask fuzz [TARGET] [--seconds N | --runs N] [--jobs N] [--no-trace-compares] [--seed]`: coverage-guided fuzzing of the core's parsers
//! with libFuzzer (`fuzz/`, a cargo-fuzz crate outside the workspace).
//!
//! It installs cargo-fuzz into the git-ignored `.tools/cargo-fuzz` when missing, then runs each target (or the one
//! named) on the stable toolchain without sanitizers (`cargo fuzz run -s none`, see the toolchain notes), starting
//! from the committed seeds `fuzz/seeds/<target>/` and the git-ignored working corpus `fuzz/corpus/<target>/` (new
//! inputs go there). Per target it prints executions, coverage (libFuzzer's final `cov`/`ft`) and crashes; any crash
//! fails the command, its input kept under `fuzz/artifacts/<target>/` (replay it with
//! `cargo fuzz run -s none <target> <file>` in `fuzz/`). `--jobs N` runs N targets at a time; `--no-trace-compares`
//! builds without comparison tracing (see [`run_targets`]), as the long runs of the slowest targets did.
//!
//! `--seed` rewrites `fuzz/seeds/` from the repository's test tables (`tests/recognize_cases`,
//! `tests/promotion_cases`, `tests/registry_cases`), the complaint wire example, and a small snapshot and delta
//! built here from the core's demo records with the test key.

use crate::exec::{cmd, project_root, run};
use koltrust::registry::delta::make_delta;
use koltrust::registry::snapshot::build_snapshot_with_chunk;
use koltrust::registry::SnapshotMeta;
use koltrust::testing::{demo_records, test_key, NOW};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The targets, in the order they run (`fuzz/fuzz_targets/<name>.rs`).
pub const TARGETS: [&str; 10] = [
    "recognize",
    "page_signals",
    "promotion",
    "bulk_csv",
    "shared",
    "complaint",
    "source_json",
    "source_csv",
    "snapshot_open",
    "delta_apply",
];

/// The cargo-fuzz the project installs (`cargo install cargo-fuzz --version …`).
const CARGO_FUZZ_VERSION: &str = "0.13.2";

/// What one target's run gave.
#[derive(Debug, Default, PartialEq)]
pub struct Outcome {
    pub target: String,
    pub executions: u64,
    pub seconds: u64,
    pub cov: u64,
    pub ft: u64,
    pub crashes: u64,
}

/// `cargo xtask fuzz …`.
pub fn run_cli(args: &[String]) -> Result<(), String> {
    let root = project_root();
    let mut seconds = 60u64;
    let mut runs: Option<u64> = None;
    let mut trace_compares = true;
    let mut jobs = 1usize;
    let mut only: Option<String> = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--seed" => return write_seeds(&root),
            "--seconds" => seconds = number(it.next(), "--seconds")?,
            "--runs" => runs = Some(number(it.next(), "--runs")?),
            "--no-trace-compares" => trace_compares = false,
            "--jobs" => jobs = number(it.next(), "--jobs")? as usize,
            t if TARGETS.contains(&t) => only = Some(t.to_string()),
            other => {
                return Err(format!(
                    "unknown argument {other:?}; usage: cargo xtask fuzz [{}] [--seconds N | --runs N] [--jobs N] [--no-trace-compares] [--seed]",
                    TARGETS.join("|")
                ))
            }
        }
    }
    let targets: Vec<&str> = match &only {
        Some(t) => vec![t.as_str()],
        None => TARGETS.to_vec(),
    };
    let outcomes = run_targets(&root, &targets, seconds, runs, trace_compares, jobs)?;
    check(&outcomes)
}

fn number(v: Option<&String>, flag: &str) -> Result<u64, String> {
    v.and_then(|s| s.parse().ok())
        .ok_or_else(|| format!("{flag} needs a number"))
}

/// Prints the table and fails when any target crashed.
pub fn check(outcomes: &[Outcome]) -> Result<(), String> {
    println!("\nfuzzing ({} targets):", outcomes.len());
    println!(
        "  {:<14} {:>13} {:>6} {:>6} {:>7} {:>8}",
        "target", "executions", "s", "cov", "ft", "crashes"
    );
    for o in outcomes {
        println!(
            "  {:<14} {:>13} {:>6} {:>6} {:>7} {:>8}",
            o.target, o.executions, o.seconds, o.cov, o.ft, o.crashes
        );
    }
    let crashed: Vec<&str> = outcomes
        .iter()
        .filter(|o| o.crashes > 0)
        .map(|o| o.target.as_str())
        .collect();
    if crashed.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "fuzzing crashed in {} (inputs under fuzz/artifacts/)",
            crashed.join(", ")
        ))
    }
}

/// Installs cargo-fuzz if needed, builds the targets once, and runs each for `seconds` (or `runs` executions).
///
/// `trace_compares: false` builds without libFuzzer's comparison tracing, into its own target folder (so the
/// default build stays cached): several times faster where the code under test compares a lot per input (the csv
/// crate builds a DFA for every reader), at the cost of guessing compared values less well. libFuzzer's output
/// goes to `fuzz/target/logs/<target>.log` (tail it to follow a long run). `jobs` targets run at a time.
pub fn run_targets(
    root: &Path,
    targets: &[&str],
    seconds: u64,
    runs: Option<u64>,
    trace_compares: bool,
    jobs: usize,
) -> Result<Vec<Outcome>, String> {
    let bin = ensure_cargo_fuzz(root)?;
    let fuzz_dir = root.join("fuzz");
    let flags: Vec<String> = if trace_compares {
        vec!["-s".into(), "none".into()]
    } else {
        let dir = fuzz_dir.join("target/no-trace-compares");
        vec![
            "-s".into(),
            "none".into(),
            "--no-trace-compares".into(),
            "--target-dir".into(),
            dir.to_string_lossy().into_owned(),
        ]
    };
    run(
        cargo_fuzz(&bin, &fuzz_dir).arg("build").args(&flags),
        "building the fuzz targets",
    )?;
    let logs = fuzz_dir.join("target/logs");
    std::fs::create_dir_all(&logs).map_err(|e| format!("creating {}: {e}", logs.display()))?;
    // Up to `jobs` targets at a time, each its own libFuzzer process; the table keeps the targets' order.
    let queue = std::sync::Mutex::new(targets.iter().rev().copied().collect::<Vec<&str>>());
    let results = std::sync::Mutex::new(Vec::new());
    let job = Job {
        bin: &bin,
        fuzz_dir: &fuzz_dir,
        flags: &flags,
        logs: &logs,
        seconds,
        runs,
    };
    std::thread::scope(|scope| {
        for _ in 0..jobs.max(1) {
            scope.spawn(|| loop {
                let next = queue.lock().map(|mut q| q.pop()).unwrap_or(None);
                let Some(target) = next else { break };
                let outcome = job.run(target);
                if let Ok(mut r) = results.lock() {
                    r.push(outcome);
                }
            });
        }
    });
    let mut outcomes = results
        .into_inner()
        .map_err(|_| "a fuzz job panicked".to_string())?
        .into_iter()
        .collect::<Result<Vec<_>, _>>()?;
    outcomes.sort_by_key(|o| targets.iter().position(|t| *t == o.target));
    Ok(outcomes)
}

/// What every target's run shares.
struct Job<'a> {
    bin: &'a Path,
    fuzz_dir: &'a Path,
    flags: &'a [String],
    logs: &'a Path,
    seconds: u64,
    runs: Option<u64>,
}

impl Job<'_> {
    /// Runs one target, its output to `fuzz/target/logs/<target>.log`.
    fn run(&self, target: &str) -> Result<Outcome, String> {
        let corpus = self.fuzz_dir.join("corpus").join(target);
        std::fs::create_dir_all(&corpus).map_err(|e| format!("creating {}: {e}", corpus.display()))?;
        let mut c = cargo_fuzz(self.bin, self.fuzz_dir);
        c.arg("run")
            .args(self.flags)
            .arg(target)
            .arg(&corpus)
            .arg(self.fuzz_dir.join("seeds").join(target))
            .args(["--", "-timeout=10", "-print_final_stats=1"]);
        match self.runs {
            Some(n) => c.arg(format!("-runs={n}")),
            None => c.arg(format!("-max_total_time={}", self.seconds)),
        };
        println!(
            "$ cargo fuzz run -s none {target} … ({})",
            match self.runs {
                Some(n) => format!("{n} executions"),
                None => format!("{} s", self.seconds),
            }
        );
        let started = std::time::Instant::now();
        let log_path = self.logs.join(format!("{target}.log"));
        let file = std::fs::File::create(&log_path).map_err(|e| format!("creating {}: {e}", log_path.display()))?;
        let file2 = file.try_clone().map_err(|e| format!("{}: {e}", log_path.display()))?;
        let status = c
            .stdout(file)
            .stderr(file2)
            .status()
            .map_err(|e| format!("cannot run cargo fuzz: {e}"))?;
        let log = String::from_utf8_lossy(&read(&log_path)?).into_owned();
        let mut o = parse_log(target, &log);
        o.seconds = started.elapsed().as_secs();
        if !status.success() && o.crashes == 0 {
            o.crashes = 1;
        }
        if o.crashes > 0 {
            // The report: libFuzzer's last lines name the failure and the saved input.
            let tail: Vec<&str> = log.lines().rev().take(40).collect();
            for line in tail.iter().rev() {
                eprintln!("  {target}: {line}");
            }
        }
        println!(
            "  {target}: {} executions in {} s, cov {} ft {}, {} crash(es)",
            o.executions, o.seconds, o.cov, o.ft, o.crashes
        );
        Ok(o)
    }
}

fn cargo_fuzz(bin: &Path, fuzz_dir: &Path) -> Command {
    let mut c = cmd("cargo", fuzz_dir);
    c.arg("fuzz");
    // cargo finds `cargo-fuzz` on PATH: put the project's copy first.
    let path = std::env::var_os("PATH").unwrap_or_default();
    let mut dirs = vec![bin.to_path_buf()];
    dirs.extend(std::env::split_paths(&path));
    if let Ok(joined) = std::env::join_paths(dirs) {
        c.env("PATH", joined);
    }
    c
}

/// Returns the folder holding `cargo-fuzz`, installing it into `.tools/cargo-fuzz` when missing.
pub fn ensure_cargo_fuzz(root: &Path) -> Result<PathBuf, String> {
    let install_root = root.join(".tools").join("cargo-fuzz");
    let bin = install_root.join("bin");
    if bin.join("cargo-fuzz").is_file() {
        return Ok(bin);
    }
    println!(
        "installing cargo-fuzz {CARGO_FUZZ_VERSION} into {} (about a minute, once)",
        install_root.display()
    );
    run(
        cmd("cargo", root)
            .args([
                "install",
                "cargo-fuzz",
                "--locked",
                "--version",
                CARGO_FUZZ_VERSION,
                "--root",
            ])
            .arg(&install_root),
        "installing cargo-fuzz",
    )?;
    Ok(bin)
}

/// Reads libFuzzer's output: executions (`stat::number_of_executed_units`, else the last `#N` line), the last
/// `cov:`/`ft:` figures, and crashes (each saved input: `Test unit written to …`, for a crash, a time-out or
/// running out of memory).
pub fn parse_log(target: &str, log: &str) -> Outcome {
    let mut o = Outcome {
        target: target.to_string(),
        ..Outcome::default()
    };
    let field = |line: &str, name: &str| -> Option<u64> {
        let rest = &line[line.find(name)? + name.len()..];
        rest.split_whitespace().next()?.parse().ok()
    };
    for line in log.lines() {
        if let Some(n) = line.strip_prefix("stat::number_of_executed_units:") {
            o.executions = n.trim().parse().unwrap_or(o.executions);
        } else if let Some(rest) = line.strip_prefix('#') {
            if let Some(n) = rest.split_whitespace().next().and_then(|n| n.parse().ok()) {
                o.executions = o.executions.max(n);
            }
            o.cov = field(line, "cov:").unwrap_or(o.cov);
            o.ft = field(line, "ft:").unwrap_or(o.ft);
        }
        if line.contains("Test unit written to") {
            o.crashes += 1;
        }
    }
    o
}

/// Writes `fuzz/seeds/<target>/` from the test tables and a tiny snapshot and delta.
fn write_seeds(root: &Path) -> Result<(), String> {
    let seeds = root.join("fuzz/seeds");
    if seeds.exists() {
        std::fs::remove_dir_all(&seeds).map_err(|e| format!("clearing {}: {e}", seeds.display()))?;
    }
    let mut files: Vec<(String, String, Vec<u8>)> = Vec::new();
    let mut add = |target: &str, name: String, bytes: Vec<u8>| files.push((target.to_string(), name, bytes));

    // URLs: every row of tests/recognize_cases; page signals from them (location, canonical).
    let mut urls = Vec::new();
    for (file, rows) in tsv_rows(&root.join("tests/recognize_cases"))? {
        for (i, cols) in rows.iter().enumerate() {
            let Some(url) = cols.first().filter(|u| !u.is_empty()) else {
                continue;
            };
            add("recognize", format!("{file}-{i:03}"), url.as_bytes().to_vec());
            let signals = if i % 2 == 0 {
                format!("L{url}")
            } else {
                format!("L{url}\nC{url}\nO{url}")
            };
            add("page_signals", format!("{file}-{i:03}"), signals.into_bytes());
            urls.push(url.clone());
        }
    }
    for (name, signals) in [
        ("yt-watch", "Lhttps://www.youtube.com/watch?v=dQw4w9WgXcQ\nYUCWnPjmqvljcafA0z2U1fwKQ"),
        (
            "yt-handle",
            "Lhttps://www.youtube.com/@OneMedia.\nChttps://www.youtube.com/channel/UCWnPjmqvljcafA0z2U1fwKQ\nYUCWnPjmqvljcafA0z2U1fwKQ @OneMedia.",
        ),
        (
            "fb-page",
            "Lhttps://m.facebook.com/Nintendo/posts/\nAfb://page/119240841493711\nJhttps://en-gb.facebook.com/Nintendo/\nF119240841493711 Nintendo",
        ),
        ("fb-id", "Lhttps://www.facebook.com/profile.php?id=100064\nChttps://www.facebook.com/minh.beauty\nF100064"),
        ("x-user", "Lhttps://x.com/arscontexta\nX1234567 arscontexta\nX99 someone_else"),
        (
            "owner-shopee",
            "Lhttps://shopee.vn/Kem-i.900000001.2000000001\nWhttps://shopee.vn/mochi.store.demo?entryPoint=ShopByPDP\nWhttps://shopee.vn/mochi.store.demo",
        ),
        (
            "owner-lazada",
            "Lhttps://www.lazada.vn/products/x-i1-s2.html\nWhttps://www.lazada.vn/shop/hana-cosmetics-demo/?itemId=1\nJhttps://www.lazada.vn/shop/other/",
        ),
    ] {
        add("page_signals", name.to_string(), signals.as_bytes().to_vec());
    }
    // Lists to vet: the URLs ten a file, bare, as a CSV with a url column, semicolons, a BOM, formula cells.
    for (n, chunk) in urls.chunks(10).enumerate() {
        let list = match n % 4 {
            0 => chunk.join("\n"),
            1 => format!(
                "name,url\n{}",
                chunk.iter().map(|u| format!("KOL,{u}")).collect::<Vec<_>>().join("\n")
            ),
            2 => format!("\u{feff}# pasted\nlink;note\n{}", chunk.join(";x\n")),
            _ => format!("=HYPERLINK(\"{}\",\"Xem\")\n{}", chunk[0], chunk.join("\r\n")),
        };
        add("bulk_csv", format!("list-{n:02}"), list.into_bytes());
    }
    // Shares: text, url and title separated by NULs (tests/share_cases/shares.json).
    let shares: Vec<serde_json::Value> = serde_json::from_slice(&read(&root.join("tests/share_cases/shares.json"))?)
        .map_err(|e| format!("tests/share_cases/shares.json: {e}"))?;
    for (i, case) in shares.iter().enumerate() {
        let field = |k: &str| case[k].as_str().unwrap_or("").to_string();
        let input = [field("text"), field("url"), field("title")].join("\0");
        add("shared", format!("share-{i:02}"), input.into_bytes());
    }
    // Posts: text, then each link after a NUL.
    for (file, rows) in tsv_rows(&root.join("tests/promotion_cases"))? {
        for (i, cols) in rows.iter().enumerate() {
            let (Some(text), links) = (cols.get(1), cols.get(2).map(String::as_str).unwrap_or("")) else {
                continue;
            };
            let mut input = text.clone();
            for link in links.split_whitespace() {
                input.push('\0');
                input.push_str(link);
            }
            add("promotion", format!("{file}-{i:03}"), input.into_bytes());
        }
    }
    // Registry sources: the JSON and CSV cases (CSV: records, a NUL, sanctions).
    for case in ["json_ok", "json_every_error", "json_syntax_error"] {
        add(
            "source_json",
            case.into(),
            read(&root.join("tests/registry_cases").join(case).join("source.json"))?,
        );
    }
    for case in ["csv_ok", "csv_errors", "csv_missing_columns"] {
        let dir = root.join("tests/registry_cases").join(case);
        let mut input = read(&dir.join("records.csv"))?;
        if dir.join("sanctions.csv").is_file() {
            input.push(0);
            input.extend(read(&dir.join("sanctions.csv"))?);
        }
        add("source_csv", case.into(), input);
    }
    // Complaints: the wire example of `complaint/mod.rs`, a minimal one, and one with every error.
    for (name, json) in COMPLAINTS {
        add("complaint", name.to_string(), json.as_bytes().to_vec());
    }
    // A small snapshot (the demo records, 1 KiB chunks so it has several) and a delta from the 16 KiB one the
    // delta target applies to (`koltrust::testing::demo_snapshot`) to a sequence 2 with a record less.
    let key = test_key();
    let meta = |sequence| SnapshotMeta {
        sequence,
        issued_unix: NOW - 3600,
        expires_unix: NOW + 30 * 86_400,
    };
    let records = demo_records(NOW);
    let small = build_snapshot_with_chunk(&records, &meta(1), &key, 10).map_err(|e| e.0)?;
    for mode in [0u8, 1, 3] {
        add(
            "snapshot_open",
            format!("demo-mode{mode}"),
            [&[mode][..], &small].concat(),
        );
    }
    let base = koltrust::testing::demo_snapshot(NOW);
    let fewer = &records[..records.len() - 1];
    let next = koltrust::registry::build_snapshot(fewer, &meta(2), &key).map_err(|e| e.0)?;
    let delta = make_delta(&base, &next, &key).map_err(|e| e.0)?;
    for mode in [0u8, 1] {
        add(
            "delta_apply",
            format!("demo-1-2-mode{mode}"),
            [&[mode][..], &delta].concat(),
        );
    }

    let mut summary = String::new();
    let mut per_target: std::collections::BTreeMap<String, (usize, usize)> = Default::default();
    for (target, name, bytes) in &files {
        let dir = seeds.join(target);
        std::fs::create_dir_all(&dir).map_err(|e| format!("creating {}: {e}", dir.display()))?;
        std::fs::write(dir.join(name), bytes).map_err(|e| format!("writing seed {target}/{name}: {e}"))?;
        let entry = per_target.entry(target.clone()).or_default();
        entry.0 += 1;
        entry.1 += bytes.len();
    }
    for (target, (n, bytes)) in per_target {
        let _ = writeln!(summary, "  {target:<14} {n:>4} files {bytes:>7} bytes");
    }
    println!("wrote {}:\n{summary}", seeds.display());
    Ok(())
}

const COMPLAINTS: [(&str, &str); 3] = [
    (
        "wire-example",
        r#"{ "id": "5f0c3a2e-8a1b-4c4d-9e2f-0123456789ab",
  "profile": {"platform": "tiktok", "id_type": "handle", "account_id": "lan.review.demo0",
              "url": "https://www.tiktok.com/@lan.review.demo0"},
  "page_url": "https://www.tiktok.com/@lan.review.demo0/video/7300000000000000001?utm_source=x",
  "category": "misleading_claim",
  "note": "Quảng cáo kem trị mụn khỏi 100% sau 3 ngày.",
  "promotion": {"cues": [{"kind": "discount_code", "text": "GIAM50", "start": 10, "end": 16}]},
  "screenshot": "data:image/png;base64,iVBORw0KGgo=",
  "contact": {"value": "lan@example.org", "consent": true},
  "locale": "vi",
  "created": 1764374400000 }"#,
    ),
    (
        "minimal",
        r#"{"id":"abcdefgh","profile":{"platform":"facebook","id_type":"fb_numeric_id","account_id":"100064"},"category":"other","note":"x","locale":"en"}"#,
    ),
    (
        "every-error",
        r#"{"id":"a b","profile":{"platform":"x","id_type":"handle","account_id":"\u202ejack"},"page_url":"javascript:alert(1)","category":"other","note":"","promotion":{"cues":[{"kind":"discount_code","text":"Z","start":9,"end":2}]},"screenshot":"data:text/html,<b>","contact":{"value":"","consent":false},"locale":"fr","created":-1}"#,
    ),
];

fn read(p: &Path) -> Result<Vec<u8>, String> {
    std::fs::read(p).map_err(|e| format!("reading {}: {e}", p.display()))
}

/// A table's rows, each a list of cells.
type Rows = Vec<Vec<String>>;

/// The rows (without the header) of every `.tsv` in `dir`, by file stem, sorted.
fn tsv_rows(dir: &Path) -> Result<Vec<(String, Rows)>, String> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("reading {}: {e}", dir.display()))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "tsv"))
        .collect();
    paths.sort();
    let mut out = Vec::new();
    for p in paths {
        let text = String::from_utf8(read(&p)?).map_err(|e| format!("{}: {e}", p.display()))?;
        let rows = text
            .lines()
            .skip(1)
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .map(|l| l.split('\t').map(str::to_string).collect())
            .collect();
        let stem = p
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        out.push((stem, rows));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn libfuzzer_output_is_read() {
        let log = "INFO: Seed: 1\n#2\tINITED cov: 120 ft: 300 corp: 5/1Kb exec/s: 0 rss: 30Mb\n\
                   #1048576\tpulse  cov: 410 ft: 1200 corp: 90/9Kb lim: 80 exec/s: 349525 rss: 40Mb\n\
                   #1500000\tDONE   cov: 415 ft: 1250 corp: 95/9Kb lim: 80 exec/s: 300000 rss: 41Mb\n\
                   Done 1500000 runs in 5 second(s)\nstat::number_of_executed_units: 1500001\n";
        let o = parse_log("recognize", log);
        assert_eq!((o.executions, o.cov, o.ft, o.crashes), (1_500_001, 415, 1250, 0));
        let crash = "#12\tNEW cov: 10 ft: 11\nthread '<unnamed>' panicked at src/x.rs:1:1\n==1== ERROR: libFuzzer: deadly signal\n\
                     artifact_prefix='/f/artifacts/recognize/'; Test unit written to /f/artifacts/recognize/crash-ab\n";
        let o = parse_log("recognize", crash);
        assert_eq!((o.executions, o.crashes), (12, 1));
    }
}
