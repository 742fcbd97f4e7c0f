//! Table tests for tricky URLs beyond the shared corpus, one file per site in `tests/recognize_cases/`.
//!
//! Columns (tab-separated, header row, as in the corpus minus `source`): `url  platform  account_id  kind  id_type
//! note`. An empty `platform` means "not a URL of a supported site" (`recognize` answers `None`).
//! Each main site's table must keep at least 15 cases.

use koltrust::recognize::recognize;
use std::path::PathBuf;

const MAIN_SITES: &[&str] = &["facebook", "tiktok", "youtube", "instagram", "x"];
const OTHER_SITES: &[&str] = &["threads", "shopee", "lazada", "zalo"];

fn answer(url: &str) -> [String; 4] {
    match recognize(url) {
        None => Default::default(),
        Some(r) => {
            let (id, id_type) = r
                .account
                .map(|a| (a.account_id, a.id_type.as_str().to_owned()))
                .unwrap_or_default();
            [r.platform.as_str().to_owned(), id, r.kind.as_str().to_owned(), id_type]
        }
    }
}

fn run(site: &str) -> usize {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/recognize_cases")
        .join(format!("{site}.tsv"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut failures = Vec::new();
    let mut n = 0;
    for (i, line) in text.lines().enumerate().skip(1) {
        if line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        assert!(cols.len() >= 5, "{site}.tsv line {}: too few columns", i + 1);
        let want = [cols[1], cols[2], cols[3], cols[4]].map(str::to_owned);
        let got = answer(cols[0]);
        if got != want {
            let note = cols.get(5).unwrap_or(&"");
            failures.push(format!(
                "line {}: {} ({note})\n    want {want:?}\n    got  {got:?}",
                i + 1,
                cols[0]
            ));
        }
        n += 1;
    }
    assert!(failures.is_empty(), "{site}.tsv:\n{}", failures.join("\n"));
    n
}

#[test]
fn main_sites() {
    for site in MAIN_SITES {
        let n = run(site);
        assert!(n >= 15, "{site}.tsv has only {n} cases (at least 15 required)");
    }
}

#[test]
fn other_sites() {
    for site in OTHER_SITES {
        assert!(run(site) >= 5, "{site}.tsv: too few cases");
    }
}
