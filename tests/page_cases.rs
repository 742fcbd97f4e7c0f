//! Table tests for the page's main profile (`recognize::page::main_profile`), one file per group of sites in
//! `tests/page_cases/`: each case is `{about, signals, main}` with `signals` in the content scripts' camelCase
//! message form and `main` either `null` (the page is nobody's) or `{platform, kind, accounts: [[id_type, id]]}`.
//! The accounts are compared in order (stable ids first, as `main_profile` orders them). Fictional accounts only.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test: a malformed table should stop it loudly

use koltrust::recognize::{main_profile, PageSignals};
use serde::Deserialize;
use std::path::PathBuf;

#[derive(Deserialize)]
struct Case {
    about: String,
    signals: PageSignals,
    main: Option<Main>,
}

#[derive(Deserialize, Debug, PartialEq)]
struct Main {
    platform: String,
    kind: String,
    accounts: Vec<(String, String)>,
}

fn run(file: &str) -> usize {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/page_cases")
        .join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let cases: Vec<Case> = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{file}: {e}"));
    let mut failures = Vec::new();
    for case in &cases {
        let got = main_profile(&case.signals).map(|m| Main {
            platform: m.platform.as_str().to_owned(),
            kind: m.kind.as_str().to_owned(),
            accounts: m
                .accounts
                .into_iter()
                .map(|a| (a.id_type.as_str().to_owned(), a.account_id))
                .collect(),
        });
        if got != case.main {
            failures.push(format!("{}\n    want {:?}\n    got  {got:?}", case.about, case.main));
        }
    }
    assert!(failures.is_empty(), "{file}:\n{}", failures.join("\n"));
    cases.len()
}

#[test]
fn threads() {
    assert!(run("threads.json") >= 5);
}

#[test]
fn shopee() {
    assert!(run("shopee.json") >= 5);
}

#[test]
fn lazada() {
    assert!(run("lazada.json") >= 4);
}

#[test]
fn zalo() {
    assert!(run("zalo.json") >= 3);
}

#[test]
fn content_pages_on_every_site() {
    assert!(run("content.json") >= 10);
}
