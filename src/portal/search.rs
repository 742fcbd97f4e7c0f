//! Finding KOLs by name on the portal: case- and diacritic-insensitive ("den vau" finds "Đen Vâu", "DO THU TRANG"
//! finds "Đỗ Thu Trang"), over each record's name, aliases, registry id and account ids.
//!
//! Folding is the promotion detector's ([`crate::text::fold`]): one hand-written table for Vietnamese and
//! Latin letters, so the portal and the detector agree on what "the same letters" means and the wasm build carries
//! no Unicode tables. A query matches when every one of its words starts a word of the record's folded text;
//! results are ranked whole-name match, then name prefix, then any match, then by name.
//!
//! The search reads every record (a linear scan): the portal's registry is the published one (thousands of
//! records, milliseconds); a national-scale registry would add a name index to the snapshot format.

use crate::registry::{Registry, SnapshotError};
use crate::text::fold::{Folded, OTHER};
use serde::Serialize;

/// At most this many matches are returned (the total is reported too).
pub const MAX_MATCHES: usize = 50;

/// One record found by name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct NameMatch {
    /// The record's registry id.
    pub registry_id: String,
    /// The KOL's registered display name (as registered, with diacritics).
    pub name: String,
    /// Other names the KOL is known by, as registered.
    pub aliases: Vec<String>,
    /// Badge state code on the registry's day (`sanctioned` | `certified` | `expired` | `registered`).
    pub state: &'static str,
    /// The state's icon character.
    pub icon: &'static str,
    /// The state's short localized label.
    pub state_label: String,
    /// Whether the record is fictional sample data.
    pub fictional: bool,
    /// `Platform · account id` of each account, for a person to recognize the right one.
    pub accounts: Vec<String>,
}

/// Matches for a query, best first, and how many there were in all.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct NameMatches {
    /// How many records matched in all.
    pub total: usize,
    /// The best matches, at most [`MAX_MATCHES`].
    pub matches: Vec<NameMatch>,
}

/// Lower-case ASCII words of `text` (Vietnamese marks and `đ` folded away). Words in scripts the fold table does
/// not cover (Thai, CJK…) are kept as written, so such names stay searchable by their own letters.
pub fn fold_words(text: &str) -> Vec<String> {
    let folded = Folded::new(text, &[]).bytes;
    let mut words: Vec<String> = folded
        .split(|b| !b.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| String::from_utf8_lossy(w).into_owned())
        .collect();
    if folded.contains(&OTHER) {
        for token in text.split(|c: char| c.is_whitespace() || c.is_ascii_punctuation()) {
            if Folded::new(token, &[]).bytes.contains(&OTHER) {
                words.push(token.to_string());
            }
        }
    }
    words
}

/// Whether every query word starts some word of `words`.
pub fn words_match(query: &[String], words: &[String]) -> bool {
    query.iter().all(|q| words.iter().any(|w| w.starts_with(q.as_str())))
}

/// Searches the registry by name (see the module docs). An empty query finds nothing.
pub fn search_names(reg: &Registry, query: &str, lang: crate::i18n::Lang) -> Result<NameMatches, SnapshotError> {
    let q = fold_words(query);
    if q.is_empty() {
        return Ok(NameMatches {
            total: 0,
            matches: Vec::new(),
        });
    }
    let whole = q.join(" ");
    let mut found: Vec<(u8, String, u32)> = Vec::new();
    for ord in 0..reg.record_count() {
        let rec = reg.record(ord)?;
        let name_words = fold_words(&rec.name);
        let mut words = name_words.clone();
        for a in &rec.aliases {
            words.extend(fold_words(a));
        }
        words.extend(fold_words(&rec.id));
        for a in &rec.accounts {
            words.extend(fold_words(&a.account_id));
        }
        if !words_match(&q, &words) {
            continue;
        }
        let folded_name = name_words.join(" ");
        let rank = if folded_name == whole {
            0
        } else if folded_name.starts_with(&whole) {
            1
        } else {
            2
        };
        found.push((rank, folded_name, ord));
    }
    found.sort();
    let total = found.len();
    let matches = found
        .iter()
        .take(MAX_MATCHES)
        .map(|&(_, _, ord)| {
            let view = crate::views::record::record_card(reg, ord, lang)?;
            Ok(NameMatch {
                accounts: view
                    .accounts
                    .iter()
                    .map(|a| [a.platform_name, " · ", &a.account_id].concat())
                    .collect(),
                registry_id: view.registry_id,
                name: view.name,
                aliases: view.aliases,
                state: view.state,
                icon: view.icon,
                state_label: view.state_label,
                fictional: view.fictional,
            })
        })
        .collect::<Result<_, SnapshotError>>()?;
    Ok(NameMatches { total, matches })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use crate::testing::{demo_registry, NOW};

    #[test]
    fn folding_drops_case_and_marks() {
        assert_eq!(fold_words("Đỗ Thu Trang"), ["do", "thu", "trang"]);
        assert_eq!(fold_words("ĐEN VÂU!"), ["den", "vau"]);
        assert_eq!(fold_words("  "), Vec::<String>::new());
        // Scripts outside the fold table keep their own words.
        assert_eq!(fold_words("Somchai สมชาย"), ["somchai", "สมชาย"]);
        assert!(words_match(&fold_words("สมชาย"), &fold_words("Somchai สมชาย ใจดี")));
    }

    #[test]
    fn queries_find_names_with_or_without_diacritics() {
        let reg = demo_registry(NOW);
        let cases: &[(&str, &[&str])] = &[
            ("Lê Ngọc Minh", &["KT-TEST-0003"]),
            ("le ngoc minh", &["KT-TEST-0003"]),
            ("LE NGOC", &["KT-TEST-0003"]),
            ("tran van hung", &["KT-TEST-0002"]),
            ("TRẦN VĂN", &["KT-TEST-0002"]),
            ("bếp", &["KT-TEST-0004"]),
            ("minh.beauty", &["KT-TEST-0003"]),
            ("kt-test-0008", &["KT-TEST-0008"]),
            ("zzz", &[]),
            ("", &[]),
        ];
        for (q, want) in cases {
            let got = search_names(&reg, q, Lang::Vi).unwrap();
            let ids: Vec<&str> = got.matches.iter().map(|m| m.registry_id.as_str()).collect();
            assert_eq!(&ids, want, "{q:?}");
            assert_eq!(got.total, want.len());
        }
    }

    #[test]
    fn whole_name_matches_rank_first() {
        let reg = demo_registry(NOW);
        // "minh" is in "Lê Ngọc Minh" and "Vũ Minh Tuấn"; "vu minh tuan" as a whole name ranks first.
        let got = search_names(&reg, "vu minh tuan", Lang::En).unwrap();
        assert_eq!(got.matches[0].name, "Vũ Minh Tuấn");
        let got = search_names(&reg, "minh", Lang::En).unwrap();
        assert!(got.total >= 2, "{got:?}");
    }
}
