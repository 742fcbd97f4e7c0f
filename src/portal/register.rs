//! The public sanctions register: every sanction in the signed registry, with the KOL it concerns, filtered the
//! way the portal's register page offers. A register is only trusted when anyone can read all of it, so nothing
//! here hides entries: filters narrow, and the total is always reported beside the count shown.
//!
//! Filters (all optional, combined with "and"):
//! - `kind` (a [`SanctionKind`] code) and `authority` (exact issuing authority);
//! - `status` on the day `at` (default: the registry's day): `active` (in effect), `upcoming` (decided, not yet in
//!   effect) or `expired` (ended);
//! - a date range `from`..=`to`: sanctions **in effect at some day of the range** (their period overlaps it);
//! - `text`: words that must all start a word of the KOL's name, registry id, the decision reference, the authority
//!   or the summary, case- and diacritic-insensitive (as [`crate::portal::search`]).
//!
//! Entries are sorted newest decision first, then by registry id; each has a stable `anchor`
//! (`<registry id>-<n>`, n = the sanction's position in its record) for permalinks.

use crate::i18n::Lang;
use crate::portal::search::{fold_words, words_match};
use crate::registry::{Date, Registry, SanctionKind, SnapshotError};
use crate::views::record::{sanction_view, SanctionView};
use serde::Serialize;

/// What the register page asks for (see the module docs).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RegisterFilter {
    /// Only sanctions of this kind; `None` = every kind.
    pub kind: Option<SanctionKind>,
    /// Only sanctions issued by exactly this authority (as registered); `None` = every authority.
    pub authority: Option<String>,
    /// `active` | `upcoming` | `expired`; `None` = all.
    pub status: Option<String>,
    /// The day `status` is judged on; `None` = the registry's day.
    pub at: Option<Date>,
    /// Start of the date range (inclusive): only sanctions still in effect on or after it; `None` = unbounded.
    pub from: Option<Date>,
    /// End of the date range (inclusive): only sanctions in effect on or before it; `None` = unbounded.
    pub to: Option<Date>,
    /// Words that must each start a word of the name, registry id, decision, authority or summary (folded:
    /// case- and diacritic-insensitive); empty = no text filter.
    pub text: String,
}

/// One sanction in the register.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RegisterEntry {
    /// Stable permalink anchor `<registry id>-<n>`, n the sanction's 1-based position in its record.
    pub anchor: String,
    /// Registry id of the sanctioned KOL's record.
    pub registry_id: String,
    /// The KOL's registered display name.
    pub name: String,
    /// Whether the record is fictional sample data.
    pub fictional: bool,
    /// `active` | `upcoming` | `expired` on the filter's day.
    pub status: &'static str,
    /// The status in words: "Đang có hiệu lực" / "In effect", "Sắp có hiệu lực" / "Upcoming", "Đã hết hiệu lực" /
    /// "Expired".
    pub status_label: &'static str,
    /// The sanction itself, localized as on the card.
    pub sanction: SanctionView,
}

/// A choice in a filter's list: its code and label.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Choice {
    /// The machine value the filter takes (a kind's or status's string form).
    pub value: String,
    /// Its localized name, shown in the list.
    pub label: String,
}

/// The register as the page draws it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RegisterView {
    /// Every sanction in the registry.
    pub total: usize,
    /// The sanctions that pass the filter, newest decision first, then by anchor.
    pub entries: Vec<RegisterEntry>,
    /// The day statuses are judged on (ISO).
    pub at: String,
    /// Every sanction kind, for the kind filter's list.
    pub kinds: Vec<Choice>,
    /// Every authority that issued a sanction in the registry, sorted, for the authority filter's list.
    pub authorities: Vec<String>,
    /// The three statuses (`active`, `upcoming`, `expired`), for the status filter's list.
    pub statuses: Vec<Choice>,
}

fn status_label(status: &str, lang: Lang) -> &'static str {
    match status {
        "active" => lang.pick("Đang có hiệu lực", "In effect"),
        "upcoming" => lang.pick("Sắp có hiệu lực", "Upcoming"),
        _ => lang.pick("Đã hết hiệu lực", "Expired"),
    }
}

/// Lists the registry's sanctions that pass `filter`, in `lang`.
pub fn register(reg: &Registry, filter: &RegisterFilter, lang: Lang) -> Result<RegisterView, SnapshotError> {
    let at = filter.at.unwrap_or_else(|| reg.today());
    let text = fold_words(&filter.text);
    let mut total = 0;
    let mut authorities: Vec<String> = Vec::new();
    let mut entries: Vec<(Date, RegisterEntry)> = Vec::new();
    for ord in 0..reg.record_count() {
        let rec = reg.record(ord)?;
        for (n, s) in rec.sanctions.iter().enumerate() {
            total += 1;
            if !authorities.contains(&s.authority) {
                authorities.push(s.authority.clone());
            }
            let status = if s.is_active_on(at) {
                "active"
            } else if s.effective_from > at {
                "upcoming"
            } else {
                "expired"
            };
            let overlaps = filter.from.is_none_or(|f| s.effective_until.is_none_or(|u| u >= f))
                && filter.to.is_none_or(|t| s.effective_from <= t);
            let keep = filter.kind.is_none_or(|k| k == s.kind)
                && filter.authority.as_ref().is_none_or(|a| *a == s.authority)
                && filter.status.as_deref().is_none_or(|st| st == status)
                && overlaps
                && (text.is_empty() || {
                    let mut words = fold_words(&rec.name);
                    for part in [&rec.id, &s.decision, &s.authority, &s.summary_vi, &s.summary_en] {
                        words.extend(fold_words(part));
                    }
                    words_match(&text, &words)
                });
            if keep {
                entries.push((
                    s.issued,
                    RegisterEntry {
                        anchor: [rec.id.as_str(), "-", &(n + 1).to_string()].concat(),
                        registry_id: rec.id.clone(),
                        name: rec.name.clone(),
                        fictional: rec.fictional,
                        status,
                        status_label: status_label(status, lang),
                        sanction: sanction_view(s, lang),
                    },
                ));
            }
        }
    }
    entries.sort_by(|(da, a), (db, b)| db.cmp(da).then_with(|| a.anchor.cmp(&b.anchor)));
    authorities.sort();
    Ok(RegisterView {
        total,
        entries: entries.into_iter().map(|(_, e)| e).collect(),
        at: at.to_string(),
        kinds: SanctionKind::ALL
            .iter()
            .map(|k| Choice {
                value: k.as_str().into(),
                label: k.label(lang).into(),
            })
            .collect(),
        authorities,
        statuses: ["active", "upcoming", "expired"]
            .iter()
            .map(|s| Choice {
                value: (*s).into(),
                label: status_label(s, lang).into(),
            })
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{demo_registry, NOW};

    fn ids(filter: RegisterFilter) -> Vec<String> {
        let reg = demo_registry(NOW);
        let view = register(&reg, &filter, Lang::Vi).unwrap();
        assert!(view.total >= view.entries.len());
        view.entries.into_iter().map(|e| e.anchor).collect()
    }

    #[test]
    fn filters_narrow_the_register() {
        let today = Date::from_unix_vn(NOW);
        let all = ids(RegisterFilter::default());
        assert!(all.contains(&"KT-TEST-0002-1".to_string()) && all.contains(&"KT-TEST-0003-1".to_string()));
        let cases: Vec<(RegisterFilter, &[&str])> = vec![
            (
                RegisterFilter {
                    kind: Some(SanctionKind::Fine),
                    ..Default::default()
                },
                &["KT-TEST-0002-1"],
            ),
            (
                RegisterFilter {
                    text: "le ngoc".into(),
                    ..Default::default()
                },
                &["KT-TEST-0003-1"],
            ),
            (
                RegisterFilter {
                    status: Some("expired".into()),
                    at: Some(today.add_days(400)),
                    kind: Some(SanctionKind::AdvertisingBan),
                    ..Default::default()
                },
                &["KT-TEST-0003-1"],
            ),
            (
                RegisterFilter {
                    status: Some("upcoming".into()),
                    at: Some(today.add_days(-100)),
                    kind: Some(SanctionKind::Fine),
                    ..Default::default()
                },
                &["KT-TEST-0002-1"],
            ),
            (
                RegisterFilter {
                    from: Some(today.add_days(400)),
                    to: Some(today.add_days(500)),
                    kind: Some(SanctionKind::Fine),
                    ..Default::default()
                },
                &[],
            ),
            (
                RegisterFilter {
                    authority: Some("nobody".into()),
                    ..Default::default()
                },
                &[],
            ),
        ];
        for (filter, want) in cases {
            assert_eq!(ids(filter.clone()), want.to_vec(), "{filter:?}");
        }
    }

    #[test]
    fn newest_decision_first_and_choices_in_both_languages() {
        let reg = demo_registry(NOW);
        let view = register(&reg, &RegisterFilter::default(), Lang::En).unwrap();
        let issued: Vec<&str> = view.entries.iter().map(|e| e.sanction.issued.as_str()).collect();
        let mut sorted = issued.clone();
        sorted.sort_by(|a, b| b.cmp(a));
        assert_eq!(issued, sorted);
        assert_eq!(view.kinds.len(), SanctionKind::ALL.len());
        assert_eq!(view.statuses[0].label, "In effect");
        assert_eq!(view.authorities, ["Cơ quan thử nghiệm (dữ liệu mẫu)"]);
    }
}
