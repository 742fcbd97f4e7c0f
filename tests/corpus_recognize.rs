//! Runs every row of `shared/corpus/profile_urls.tsv` through [`koltrust::recognize::recognize`]: platform,
//! account id, kind and id type must all match. Also checks that every first segment in
//! `shared/corpus/reserved_paths.tsv` answers "no account" on its site.
//!
//! Rows we believe are wrong would go in [`KNOWN_FAILURES`] with the reason; the test asserts they still disagree,
//! so the list cannot rot. It is empty: every row passes.

use koltrust::platform::{IdType, Platform};
use koltrust::recognize::{recognize, Kind};
use std::path::PathBuf;

/// `(url, reason)` of corpus rows whose expected answer we dispute.
const KNOWN_FAILURES: &[(&str, &str)] = &[];

fn shared(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "cannot read the shared corpus at {}: {e} (the tests expect shared/ beside the repository)",
            path.display()
        )
    })
}

/// The answer as the corpus writes it: `(platform, account_id, kind, id_type)`, empty strings for no account.
fn answer(url: &str) -> (String, String, String, String) {
    match recognize(url) {
        None => Default::default(),
        Some(r) => {
            let (id, id_type) = r
                .account
                .map(|a| (a.account_id, a.id_type.as_str().to_owned()))
                .unwrap_or_default();
            (r.platform.as_str().to_owned(), id, r.kind.as_str().to_owned(), id_type)
        }
    }
}

#[test]
fn every_corpus_row() {
    let text = shared("profile_urls.tsv");
    let mut lines = text.lines();
    let header = lines.next().expect("corpus has a header");
    assert!(
        header.starts_with("url\tplatform\taccount_id\tkind"),
        "unexpected header: {header}"
    );
    let (mut rows, mut failures) = (0, Vec::new());
    for (n, line) in lines.enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        assert!(cols.len() >= 6, "line {}: too few columns: {line}", n + 2);
        let (url, platform, id, kind, id_type) = (cols[0], cols[1], cols[2], cols[3], cols[5]);
        // Sanity of the data itself: the vocabulary must be ours.
        assert!(
            Platform::parse(platform).is_some(),
            "line {}: platform {platform}",
            n + 2
        );
        assert!(
            id_type.is_empty() || IdType::parse(id_type).is_some(),
            "line {}: {id_type}",
            n + 2
        );
        rows += 1;
        let want = (platform.to_owned(), id.to_owned(), kind.to_owned(), id_type.to_owned());
        let got = answer(url);
        let known = KNOWN_FAILURES.iter().find(|(u, _)| *u == url);
        match (got == want, known) {
            (true, None) => {}
            (false, Some(_)) => {}
            (true, Some((_, why))) => failures.push(format!(
                "line {}: {url} now passes; remove it from KNOWN_FAILURES ({why})",
                n + 2
            )),
            (false, None) => failures.push(format!("line {}: {url}\n    want {want:?}\n    got  {got:?}", n + 2)),
        }
    }
    assert!(rows >= 500, "corpus looks truncated: {rows} rows");
    assert!(
        failures.is_empty(),
        "{} of {rows} rows fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn reserved_paths_are_never_accounts() {
    let text = shared("reserved_paths.tsv");
    let hosts = |p: &str| match p {
        "facebook" => "https://www.facebook.com/",
        "instagram" => "https://www.instagram.com/",
        "x" => "https://x.com/",
        "youtube" => "https://www.youtube.com/",
        "shopee" => "https://shopee.vn/",
        other => panic!("reserved_paths.tsv: unexpected platform {other}"),
    };
    let mut checked = 0;
    for line in text.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let mut cols = line.split('\t');
        let (platform, seg) = (cols.next().unwrap(), cols.next().unwrap_or(""));
        // `*.php` stands for every PHP endpoint.
        let seg = if seg == "*.php" { "video.php" } else { seg };
        for url in [
            format!("{}{seg}", hosts(platform)),
            format!("{}{seg}/", hosts(platform)),
        ] {
            let r = recognize(&url).unwrap_or_else(|| panic!("{url}: not recognized as {platform}"));
            assert_eq!(r.platform.as_str(), platform, "{url}");
            assert_eq!(
                r.kind,
                Kind::NotProfile,
                "{url} must name no account, got {:?}",
                r.account
            );
            checked += 1;
        }
    }
    assert!(checked > 300);
}
