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

/// The detail card of one registered KOL on one day, every string localized in the card's language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CardView {
    /// The record's registry id, e.g. `KT-000123`.
    pub registry_id: String,
    /// The KOL's display name as registered (not translated).
    pub name: String,
    /// Other names the KOL is known by, as registered (not translated).
    pub aliases: Vec<String>,
    /// Whether the record is fictional sample data.
    pub fictional: bool,
    /// "Hồ sơ hư cấu (dữ liệu mẫu)" / "Fictional record (sample data)" when `fictional`.
    pub fictional_label: Option<String>,
    /// Badge state code (`sanctioned` | `certified` | `expired` | `registered`), icon and label.
    pub state: &'static str,
    /// The state's icon character (`⚠`, `✓`, `⌛`, `ⓘ`).
    pub icon: &'static str,
    /// The state's short localized label, e.g. "Đã chứng nhận · 92" / "Certified · 92".
    pub state_label: String,
    /// The record's category tags as registered (lowercase, not translated).
    pub categories: Vec<String>,
    /// Every registered account, in the record's order.
    pub accounts: Vec<AccountView>,
    /// The certificate, valid or not; `None` = never certified.
    pub certification: Option<CertificationView>,
    /// Sanctions in effect on the card's day.
    pub active_sanctions: Vec<SanctionView>,
    /// Sanctions decided but not yet in effect on the card's day.
    pub upcoming_sanctions: Vec<SanctionView>,
    /// Sanctions that have ended; they stay on the card.
    pub past_sanctions: Vec<SanctionView>,
    /// Complaint counts and their localized summary.
    pub complaints: ComplaintsView,
    /// The day the record last changed, `yyyy-mm-dd`.
    pub updated: String,
    /// Which snapshot the card comes from.
    pub freshness: FreshnessView,
}

/// One registered account on the card.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AccountView {
    /// Platform string form, e.g. `tiktok` ([`crate::platform::Platform::as_str`]).
    pub platform: &'static str,
    /// Platform brand name a person reads, e.g. `TikTok` (same in both languages).
    pub platform_name: &'static str,
    /// Identifier namespace string form, e.g. `yt_handle`.
    pub id_type: &'static str,
    /// The canonical account id.
    pub account_id: String,
}

/// The certificate on the card.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CertificationView {
    /// Level string form (`basic` | `standard` | `excellent`).
    pub level: &'static str,
    /// Localized level name, e.g. "Xuất sắc" / "Excellent".
    pub level_label: &'static str,
    /// Trust score, 0–100.
    pub score: u8,
    /// Certificate number as printed on the certificate.
    pub number: String,
    /// First day of validity, `yyyy-mm-dd`.
    pub issued: String,
    /// First day no longer valid (exclusive end), `yyyy-mm-dd`.
    pub expires: String,
    /// Whether the certificate is valid on the card's day.
    pub valid: bool,
    /// e.g. "Còn hiệu lực đến hết 2026-02-28" / "Valid through 2026-02-28".
    pub validity_label: String,
}

/// One sanction on the card.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SanctionView {
    /// Kind string form, e.g. `advertising_ban`.
    pub kind: &'static str,
    /// Localized kind, e.g. "Cấm quảng cáo" / "Advertising ban".
    pub kind_label: &'static str,
    /// Reason string form, e.g. `misleading_advertising`.
    pub reason: &'static str,
    /// Localized reason.
    pub reason_label: &'static str,
    /// Who decided, as registered (not translated).
    pub authority: String,
    /// The decision's reference number, as registered.
    pub decision: String,
    /// The summary in the card's language.
    pub summary: String,
    /// The day the decision was signed, `yyyy-mm-dd`.
    pub issued: String,
    /// First day in effect, `yyyy-mm-dd`.
    pub effective_from: String,
    /// `None` = permanent.
    pub effective_until: Option<String>,
    /// The period in words, e.g. "Từ 2025-01-01 đến hết 2025-06-30" / "From 2025-01-01 through 2025-06-30", or
    /// "Vĩnh viễn, từ …" / "Permanent, from …".
    pub period_label: String,
    /// `true` when there is no end day.
    pub permanent: bool,
    /// Amount of a fine in đồng; `None` when not a fine or the amount is not registered.
    pub fine_vnd: Option<u64>,
    /// e.g. "50.000.000 ₫".
    pub fine_label: Option<String>,
    /// Public source of the decision (`https://`).
    pub source_url: String,
}

/// Complaint counts on the card.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ComplaintsView {
    /// Complaints received, all outcomes.
    pub received: u32,
    /// Complaints found justified.
    pub upheld: u32,
    /// Complaints rejected.
    pub rejected: u32,
    /// Complaints not yet decided.
    pub pending: u32,
    /// The counts in words, e.g. "3 khiếu nại: 1 được chấp nhận, 1 bị bác bỏ, 1 đang xử lý" /
    /// "3 complaints: 1 upheld, 1 rejected, 1 pending".
    pub label: String,
    /// The fixed caution "Khiếu nại là tín hiệu để xem xét, không phải kết luận." / "Complaints are signals for
    /// review, not verdicts."
    pub note: &'static str,
}

/// Which snapshot a view comes from, for a person.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FreshnessView {
    /// The snapshot's sequence number.
    pub sequence: u64,
    /// The snapshot's issue day (Vietnam time), `yyyy-mm-dd`.
    pub issued: String,
    /// The snapshot's expiry day (Vietnam time), `yyyy-mm-dd`.
    pub expires: String,
    /// Whether the snapshot has expired.
    pub stale: bool,
    /// Localized line: "Dữ liệu Liên minh số N (ngày …)" / "Alliance data no. N (issued …)", or when stale a warning
    /// that the data may be out of date.
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
            "Chỉ tính khiếu nại đã được tiếp nhận xem xét; khiếu nại là tín hiệu, không phải kết luận.",
            "Counts complaints accepted for review; complaints are signals for review, not verdicts.",
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
