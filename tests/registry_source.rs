//! Data-driven source-format cases: one folder per case under `tests/registry_cases/`, holding source files
//! (`*.json`, `*.csv`, read in name order) and `expected.txt` — either `ok: N records` followed by one line per record
//! with its accounts, or every error as `file:line: field: message`. Run with `UPDATE_EXPECT=1` to rewrite them.

// Whole-crate test code: a failed `unwrap`/`expect` is the test failing, with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use koltrust::registry::source::SourceSet;
use std::fs;
use std::path::Path;

fn render(dir: &Path) -> String {
    let mut files: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json" || e == "csv"))
        .collect();
    files.sort();
    let mut set = SourceSet::new();
    for f in &files {
        let name = f.file_name().unwrap().to_string_lossy().to_string();
        let text = fs::read_to_string(f).unwrap();
        if name.ends_with(".json") {
            set.add_json(&name, &text);
        } else {
            set.add_csv(&name, &text);
        }
    }
    match set.finish() {
        Ok(records) => {
            let mut out = format!("ok: {} records\n", records.len());
            for r in records {
                let accounts: Vec<String> = r
                    .accounts
                    .iter()
                    .map(|a| format!("{}/{}/{}", a.platform.as_str(), a.id_type.as_str(), a.account_id))
                    .collect();
                out += &format!(
                    "{} {:?} cert={} sanctions={} accounts={}\n",
                    r.id,
                    r.name,
                    r.certification
                        .as_ref()
                        .map_or("-".to_string(), |c| c.score.to_string()),
                    r.sanctions.len(),
                    accounts.join(",")
                );
            }
            out
        }
        Err(errors) => errors.iter().map(|e| format!("{e}\n")).collect(),
    }
}

#[test]
fn source_cases() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/registry_cases");
    let mut dirs: Vec<_> = fs::read_dir(&root).unwrap().map(|e| e.unwrap().path()).collect();
    dirs.sort();
    assert!(dirs.len() >= 6);
    let mut failures = Vec::new();
    for dir in dirs {
        let got = render(&dir);
        let expected_path = dir.join("expected.txt");
        if std::env::var_os("UPDATE_EXPECT").is_some() {
            fs::write(&expected_path, &got).unwrap();
            continue;
        }
        let want = fs::read_to_string(&expected_path).unwrap_or_default();
        if got != want {
            failures.push(format!("--- {}\nwant:\n{want}got:\n{got}", dir.display()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn sample_json_round_trips_through_the_source_format() {
    use koltrust::registry::sample::{generate, SampleSpec};
    use koltrust::registry::source::{parse_json, to_json};
    let recs = generate(SampleSpec {
        records: 300,
        seed: 4,
        today: koltrust::registry::Date::parse("2026-01-01").unwrap(),
    });
    let text = to_json(&recs);
    assert_eq!(parse_json("sample.json", &text).unwrap(), recs);
}
