//! The detail card: everything a person sees about one KOL, as a serde-serialisable view model with every string
//! already localized (Vietnamese or English). The extension's card, the popup, the portal and the CLI all render
//! this one model, so they never disagree on wording.
//!
//! Sanctions are split by the card's day into **active** (in effect), **upcoming** (decided, not yet in effect)
//! and **past** (ended — they stay visible: a history is part of a KOL's record). Complaint counts carry a note
//! that reports are signals, not verdicts. Freshness says which snapshot the card comes from and whether it is stale.

use crate::i18n::Lang;
use crate::registry::date::Date;
use crate::registry::model::{Record, Sanction};
use crate::registry::status::{state_at, TrustState};
use crate::registry::{Freshness, Registry, SnapshotError};
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CardView {
    pub registry_id: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub fictional: bool,
    /// "Hồ sơ hư cấu (dữ liệu mẫu)" / "Fictional record (sample data)" when `fictional`.
    pub fictional_label: Option<String>,
    /// Badge state code (`sanctioned` | `certified` | `expired` | `registered`), icon and label.
    pub state: &'static str,
    pub icon: &'static str,
    pub state_label: String,
    pub categories: Vec<String>,
    pub accounts: Vec<AccountView>,
    pub certification: Option<CertificationView>,
    pub active_sanctions: Vec<SanctionView>,
    pub upcoming_sanctions: Vec<SanctionView>,
    pub past_sanctions: Vec<SanctionView>,
    pub complaints: ComplaintsView,
    pub updated: String,
    pub freshness: FreshnessView,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AccountView {
    pub platform: &'static str,
    pub platform_name: &'static str,
    pub id_type: &'static str,
    pub account_id: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CertificationView {
    pub level: &'static str,
    pub level_label: &'static str,
    pub score: u8,
    pub number: String,
    pub issued: String,
    pub expires: String,
    pub valid: bool,
    /// e.g. "Còn hiệu lực đến hết 2026-02-28" / "Valid through 2026-02-28".
    pub validity_label: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SanctionView {
    pub kind: &'static str,
    pub kind_label: &'static str,
    pub reason: &'static str,
    pub reason_label: &'static str,
    pub authority: String,
    pub decision: String,
    /// The summary in the card's language.
    pub summary: String,
    pub issued: String,
    pub effective_from: String,
    /// `None` = permanent.
    pub effective_until: Option<String>,
    pub period_label: String,
    pub permanent: bool,
    pub fine_vnd: Option<u64>,
    /// e.g. "50.000.000 ₫".
    pub fine_label: Option<String>,
    pub source_url: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ComplaintsView {
    pub received: u32,
    pub upheld: u32,
    pub rejected: u32,
    pub pending: u32,
    pub label: String,
    pub note: &'static str,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FreshnessView {
    pub sequence: u64,
    pub issued: String,
    pub expires: String,
    pub stale: bool,
    pub label: String,
}

/// Formats đồng with dot thousands separators, the Vietnamese way: `50.000.000 ₫`.
pub fn format_vnd(amount: u64) -> String {
    let digits = amount.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push('.');
        }
        out.push(c);
    }
    out + " ₫"
}

pub(crate) fn sanction_view(s: &Sanction, lang: Lang) -> SanctionView {
    let from = s.effective_from.to_string();
    let period_label = match s.effective_until {
        Some(u) => match lang {
            Lang::Vi => format!("Từ {from} đến hết {u}"),
            Lang::En => format!("From {from} through {u}"),
        },
        None => match lang {
            Lang::Vi => format!("Vĩnh viễn, từ {from}"),
            Lang::En => format!("Permanent, from {from}"),
        },
    };
    SanctionView {
        kind: s.kind.as_str(),
        kind_label: s.kind.label(lang),
        reason: s.reason.as_str(),
        reason_label: s.reason.label(lang),
        authority: s.authority.clone(),
        decision: s.decision.clone(),
        summary: match lang {
            Lang::Vi => s.summary_vi.clone(),
            Lang::En => s.summary_en.clone(),
        },
        issued: s.issued.to_string(),
        effective_from: from,
        effective_until: s.effective_until.map(|u| u.to_string()),
        period_label,
        permanent: s.effective_until.is_none(),
        fine_vnd: s.fine_vnd,
        fine_label: s.fine_vnd.map(format_vnd),
        source_url: s.source_url.clone(),
    }
}

/// The card for `record` as of `day`.
pub fn card_view(record: &Record, day: Date, freshness: &Freshness, lang: Lang) -> CardView {
    let state: TrustState = state_at(record, day);
    let certification = record.certification.as_ref().map(|c| {
        let valid = c.is_valid_on(day);
        let last = c.expires.add_days(-1);
        let validity_label = match (valid, day < c.issued, lang) {
            (true, _, Lang::Vi) => format!("Còn hiệu lực đến hết {last}"),
            (true, _, Lang::En) => format!("Valid through {last}"),
            (false, true, Lang::Vi) => format!("Có hiệu lực từ {}", c.issued),
            (false, true, Lang::En) => format!("Valid from {}", c.issued),
            (false, false, Lang::Vi) => format!("Đã hết hạn từ {}", c.expires),
            (false, false, Lang::En) => format!("Expired on {}", c.expires),
        };
        CertificationView {
            level: c.level.as_str(),
            level_label: c.level.label(lang),
            score: c.score,
            number: c.number.clone(),
            issued: c.issued.to_string(),
            expires: c.expires.to_string(),
            valid,
            validity_label,
        }
    });
    let mut active = Vec::new();
    let mut upcoming = Vec::new();
    let mut past = Vec::new();
    for s in &record.sanctions {
        let v = sanction_view(s, lang);
        if s.is_active_on(day) {
            active.push(v);
        } else if day < s.effective_from {
            upcoming.push(v);
        } else {
            past.push(v);
        }
    }
    let c = record.complaints;
    let complaints = ComplaintsView {
        received: c.received,
        upheld: c.upheld,
        rejected: c.rejected,
        pending: c.pending,
        label: match lang {
            Lang::Vi => format!(
                "{} khiếu nại: {} được chấp nhận, {} bị bác bỏ, {} đang xử lý",
                c.received, c.upheld, c.rejected, c.pending
            ),
            Lang::En => format!(
                "{} complaints: {} upheld, {} rejected, {} pending",
                c.received, c.upheld, c.rejected, c.pending
            ),
        },
        note: lang.pick(
            "Khiếu nại là tín hiệu để xem xét, không phải kết luận.",
            "Complaints are signals for review, not verdicts.",
        ),
    };
    CardView {
        registry_id: record.id.clone(),
        name: record.name.clone(),
        aliases: record.aliases.clone(),
        fictional: record.fictional,
        fictional_label: record.fictional.then(|| {
            lang.pick("Hồ sơ hư cấu (dữ liệu mẫu)", "Fictional record (sample data)")
                .to_string()
        }),
        state: state.code(),
        icon: state.icon(),
        state_label: state.label(lang),
        categories: record.categories.clone(),
        accounts: record
            .accounts
            .iter()
            .map(|a| AccountView {
                platform: a.platform.as_str(),
                platform_name: a.platform.display_name(),
                id_type: a.id_type.as_str(),
                account_id: a.account_id.clone(),
            })
            .collect(),
        certification,
        active_sanctions: active,
        upcoming_sanctions: upcoming,
        past_sanctions: past,
        complaints,
        updated: record.updated.to_string(),
        freshness: freshness_view(freshness, lang),
    }
}

/// Which snapshot a view comes from, in words: its sequence and issue day, or a warning when it is stale.
pub fn freshness_view(freshness: &Freshness, lang: Lang) -> FreshnessView {
    let issued = Date::from_unix_vn(freshness.issued_unix).to_string();
    let expires = Date::from_unix_vn(freshness.expires_unix).to_string();
    let label = match (freshness.stale, lang) {
        (false, Lang::Vi) => format!("Dữ liệu Liên minh số {} (ngày {issued})", freshness.sequence),
        (false, Lang::En) => format!("Alliance data no. {} (issued {issued})", freshness.sequence),
        (true, Lang::Vi) => format!(
            "Dữ liệu có thể đã cũ: bản số {} hết hạn ngày {expires}",
            freshness.sequence
        ),
        (true, Lang::En) => format!(
            "Data may be out of date: snapshot no. {} expired on {expires}",
            freshness.sequence
        ),
    };
    FreshnessView {
        sequence: freshness.sequence,
        issued,
        expires,
        stale: freshness.stale,
        label,
    }
}

/// The localized card view of record `ordinal` of an opened registry, judged on the registry's day.
pub fn record_card(registry: &Registry, ordinal: u32, lang: Lang) -> Result<CardView, SnapshotError> {
    Ok(card_view(
        &registry.record(ordinal)?,
        registry.today(),
        &registry.freshness(),
        lang,
    ))
}
