//! The registry's data model: what the Alliance says about one KOL.
//!
//! A [`Record`] is one person or brand the Alliance registered, under a registry id such as `KT-000123`:
//!
//! | field | meaning |
//! | --- | --- |
//! | `id` | registry id, `[A-Za-z0-9_-]{1,32}`; records are stored in id order, so new (increasing) ids append |
//! | `name`, `aliases` | display name and other names the person is known by |
//! | `accounts` | every account on every platform, as canonical [`AccountKey`]s; several per platform are allowed (a stable id *and* a handle of the same channel, or two shops) |
//! | `categories` | free lowercase tags (`beauty`, `food`, `tech`…) |
//! | `certification` | `{level, score 0–100, number, issued, expires}`; valid on days `issued ≤ d < expires` |
//! | `sanctions` | every sanction ever decided, active or not (expired sanctions stay visible on the card) |
//! | `complaints` | counts of complaints received about the KOL and their outcomes — signals, not verdicts |
//! | `created`, `updated` | when the record was created and last changed |
//! | `fictional`, `note` | sample data is marked `fictional: true`; `note` is a free operator note |
//!
//! A [`Sanction`] is one decision by one authority: its kind (warning, fine, content removal, advertising ban,
//! performance/appearance limit, platform ban, boycott, prosecution), the authority and its decision reference, the
//! reason, a summary in Vietnamese and English, the issue date, and the period it is *in effect*:
//! `effective_from ≤ d ≤ effective_until` — both ends inclusive, as decisions are written ("từ ngày … đến hết
//! ngày …") — or from `effective_from` on with no end (`effective_until: None` = permanent). A link to the public
//! source (the published decision or the authority's announcement) is mandatory: the badge makes a public claim.
//!
//! Every enum has a stable string form (used by the JSON/CSV source formats and the CLI) and a stable one-byte code
//! (used by the binary snapshot); neither may be renumbered.

use crate::i18n::Lang;
use crate::platform::{AccountKey, IdType};
use crate::registry::date::Date;
use serde::Serialize;

macro_rules! coded_enum {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $v:ident = $code:literal, $s:literal, $vi:literal, $en:literal;)* }) => {
        $(#[$m])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($(#[$vm])* $v,)* }

        impl $name {
            /// Every value, in code order.
            pub const ALL: &'static [$name] = &[$($name::$v,)*];
            /// Stable string form (source formats, CLI, view models).
            pub fn as_str(self) -> &'static str { match self { $($name::$v => $s,)* } }
            /// Reads the stable string form written by `as_str` (exact, snake_case); `None` for anything else.
            pub fn parse(s: &str) -> Option<$name> { $name::ALL.iter().copied().find(|v| v.as_str() == s) }
            /// Stable byte in the binary snapshot (part of the format: never renumbered; readers refuse unknown codes).
            pub fn code(self) -> u8 { match self { $($name::$v => $code,)* } }
            /// Reads the snapshot byte written by `code`; `None` for an unknown code (the reader refuses the record).
            pub fn from_code(c: u8) -> Option<$name> { $name::ALL.iter().copied().find(|v| v.code() == c) }
            /// The localized name a person reads.
            pub fn label(self, lang: Lang) -> &'static str { match self { $($name::$v => lang.pick($vi, $en),)* } }
            /// All string forms, for error messages.
            pub fn choices() -> String { $name::ALL.iter().map(|v| v.as_str()).collect::<Vec<_>>().join(", ") }
        }
    };
}

coded_enum! {
    /// Certification level.
    CertLevel {
        /// The entry level ("Cơ bản").
        Basic = 1, "basic", "Cơ bản", "Basic";
        /// The middle level ("Tiêu chuẩn").
        Standard = 2, "standard", "Tiêu chuẩn", "Standard";
        /// The highest level ("Xuất sắc").
        Excellent = 3, "excellent", "Xuất sắc", "Excellent";
    }
}

coded_enum! {
    /// What the authority decided.
    SanctionKind {
        /// A formal warning, no other penalty ("Cảnh cáo").
        Warning = 1, "warning", "Cảnh cáo", "Warning";
        /// A monetary fine; the amount, when known, is in [`Sanction::fine_vnd`].
        Fine = 2, "fine", "Phạt tiền", "Fine";
        /// An order to take down the offending content.
        ContentRemoval = 3, "content_removal", "Buộc gỡ bỏ nội dung", "Content removal";
        /// A ban on advertising (taking paid promotions) for the sanction's period.
        AdvertisingBan = 4, "advertising_ban", "Cấm quảng cáo", "Advertising ban";
        /// Limit on performing or on media appearances.
        PerformanceLimit = 5, "performance_limit", "Hạn chế biểu diễn, xuất hiện", "Performance/appearance limit";
        /// The account was locked or removed on a platform.
        PlatformBan = 6, "platform_ban", "Khoá tài khoản trên nền tảng", "Platform ban";
        /// A boycott called by an authority or industry body (not a legal penalty).
        Boycott = 7, "boycott", "Tẩy chay", "Boycott";
        /// Criminal proceedings were opened ("Khởi tố").
        Prosecution = 8, "prosecution", "Khởi tố", "Prosecution";
    }
}

coded_enum! {
    /// Why the authority decided it.
    SanctionReason {
        /// Selling or promoting counterfeit or poor-quality goods.
        CounterfeitGoods = 1, "counterfeit_goods", "Hàng giả, kém chất lượng", "Counterfeit or poor-quality goods";
        /// False claims, or paid promotion not disclosed as such.
        MisleadingAdvertising = 2, "misleading_advertising", "Quảng cáo sai sự thật, không minh bạch", "Misleading or undisclosed advertising";
        /// Fraud or scams.
        Fraud = 3, "fraud", "Lừa đảo", "Fraud";
        /// Another violation of the law (tax, licensing…).
        LawViolation = 4, "law_violation", "Vi phạm pháp luật", "Law violation";
        /// Offending professional ethics or "thuần phong mỹ tục" (public decency and customs).
        EthicsViolation = 5, "ethics_violation", "Vi phạm đạo đức, thuần phong mỹ tục", "Ethics or culture violation";
        /// None of the above; the summaries say what.
        Other = 6, "other", "Lý do khác", "Other";
    }
}

/// A certificate of the influencer-trust programme.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Certification {
    /// The level the certificate was issued at.
    pub level: CertLevel,
    /// Trust score, 0–100.
    pub score: u8,
    /// Certificate number as printed on the certificate.
    pub number: String,
    /// First day of validity (inclusive).
    pub issued: Date,
    /// First day the certificate is no longer valid (exclusive end).
    pub expires: Date,
}

impl Certification {
    /// Whether the certificate is valid on `day`: `issued ≤ day < expires`.
    pub fn is_valid_on(&self, day: Date) -> bool {
        self.issued <= day && day < self.expires
    }
}

/// One sanction decision.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Sanction {
    /// What was decided (warning, fine, ban…).
    pub kind: SanctionKind,
    /// Why it was decided.
    pub reason: SanctionReason,
    /// Who decided (e.g. a provincial inspectorate).
    pub authority: String,
    /// The decision's reference number.
    pub decision: String,
    /// What happened and what was decided, in Vietnamese, as shown on the card (required, non-empty).
    pub summary_vi: String,
    /// The same summary in English (required, non-empty).
    pub summary_en: String,
    /// The day the decision was signed (may precede `effective_from`).
    pub issued: Date,
    /// First day in effect (inclusive).
    pub effective_from: Date,
    /// Last day in effect (inclusive); `None` = permanent.
    pub effective_until: Option<Date>,
    /// Public source: the published decision or the authority's announcement (`https://`).
    pub source_url: String,
    /// Amount of a fine in đồng (only for `fine`).
    pub fine_vnd: Option<u64>,
}

impl Sanction {
    /// Whether the sanction is in effect on `day`: `effective_from ≤ day`, and `day ≤ effective_until` unless
    /// permanent.
    pub fn is_active_on(&self, day: Date) -> bool {
        self.effective_from <= day && self.effective_until.is_none_or(|u| day <= u)
    }
}

/// Complaint counts about one KOL. `received = upheld + rejected + pending`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ComplaintStats {
    /// Complaints about the KOL that a moderator has accepted for review, all outcomes included. Submissions no one
    /// has triaged yet are not published (anyone can submit; counting them would let a spammer set the figures).
    pub received: u32,
    /// Complaints the Alliance reviewed and found justified.
    pub upheld: u32,
    /// Complaints the Alliance reviewed and rejected.
    pub rejected: u32,
    /// Received and not yet decided (reviewing or forwarded).
    pub pending: u32,
}

/// One registered KOL. See the module docs for the meaning of each field.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Record {
    /// Registry id such as `KT-000123`, `[A-Za-z0-9_-]{1,32}`; records are stored in id order.
    pub id: String,
    /// The KOL's display name as registered (a person's or brand's name, usually Vietnamese with diacritics).
    pub name: String,
    /// Other names the KOL is known by (stage names, channel names); shown on the card and matched by name search.
    pub aliases: Vec<String>,
    /// Every registered account on every platform, canonical; at least one.
    pub accounts: Vec<AccountKey>,
    /// Free lowercase tags (`beauty`, `food`, `tech`…), not localized.
    pub categories: Vec<String>,
    /// The programme certificate, current or past; `None` = never certified.
    pub certification: Option<Certification>,
    /// Every sanction ever decided about the KOL, active or not, in source order.
    pub sanctions: Vec<Sanction>,
    /// Counts of complaints received and their outcomes.
    pub complaints: ComplaintStats,
    /// The day the record was created in the registry.
    pub created: Date,
    /// The day the record last changed (not before `created`).
    pub updated: Date,
    /// `true` for sample data: the person does not exist, and every view says so.
    pub fictional: bool,
    /// Free operator note, not shown to consumers; `None` when there is none.
    pub note: Option<String>,
}

/// One semantic problem in a record: the field path (relative to the record) and what is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// Field path relative to the record, e.g. `sanctions[1].effective_until` or `accounts[0].id`.
    pub field: String,
    /// What is wrong, in English (operator-facing), e.g. `must not be empty`.
    pub message: String,
}

fn problem(field: impl Into<String>, message: impl Into<String>) -> Problem {
    Problem {
        field: field.into(),
        message: message.into(),
    }
}

/// Whether `id` is a valid registry id.
pub fn is_valid_registry_id(id: &str) -> bool {
    !id.is_empty() && id.len() <= 32 && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// Whether an account id is in canonical form for its namespace: non-empty, at most 128 bytes, no whitespace, no
/// URL syntax, no leading `@`, and lowercase unless the namespace is case-sensitive (YouTube `UC…` ids).
pub fn account_id_problem(id_type: IdType, account_id: &str) -> Option<&'static str> {
    if account_id.is_empty() {
        return Some("is empty");
    }
    if account_id.len() > 128 {
        return Some("is longer than 128 bytes");
    }
    if account_id.starts_with('@') {
        return Some("must not start with '@' (write the handle without it)");
    }
    if account_id
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '/' | '?' | '#'))
    {
        return Some("contains whitespace or URL characters (give a URL in `url` instead)");
    }
    if account_id.chars().any(crate::text::unicode::is_invisible) {
        return Some("contains an invisible or text-direction character (it could pass for another account)");
    }
    if id_type != IdType::YtChannelId && account_id.chars().any(char::is_uppercase) {
        return Some("is not canonical: must be lowercase");
    }
    if matches!(id_type, IdType::FbNumericId | IdType::ShopId | IdType::ZaloPhone)
        && !account_id.bytes().all(|b| b.is_ascii_digit())
    {
        return Some("must be all digits for this id_type");
    }
    if id_type == IdType::YtChannelId && !(account_id.starts_with("UC") && account_id.len() == 24) {
        return Some("must be a 24-character YouTube channel id starting with UC");
    }
    None
}

impl Record {
    /// Every semantic problem of this record on its own (duplicates across records are checked by the caller).
    pub fn problems(&self) -> Vec<Problem> {
        let mut out = Vec::new();
        if !is_valid_registry_id(&self.id) {
            out.push(problem("id", "must be 1–32 characters of A–Z, a–z, 0–9, '-' or '_'"));
        }
        if self.name.trim().is_empty() {
            out.push(problem("name", "must not be empty"));
        }
        for (i, a) in self.aliases.iter().enumerate() {
            if a.trim().is_empty() {
                out.push(problem(format!("aliases[{i}]"), "must not be empty"));
            }
        }
        if self.accounts.is_empty() {
            out.push(problem("accounts", "a record needs at least one account"));
        }
        for (i, a) in self.accounts.iter().enumerate() {
            if let Some(m) = account_id_problem(a.id_type, &a.account_id) {
                out.push(problem(format!("accounts[{i}].id"), format!("{:?} {m}", a.account_id)));
            }
            if self.accounts[..i].contains(a) {
                out.push(problem(format!("accounts[{i}]"), "listed twice in this record"));
            }
        }
        for (i, c) in self.categories.iter().enumerate() {
            if c.is_empty() || c.chars().any(|c| c.is_uppercase() || c.is_whitespace()) {
                out.push(problem(
                    format!("categories[{i}]"),
                    "must be a non-empty lowercase word",
                ));
            }
        }
        if let Some(c) = &self.certification {
            if c.score > 100 {
                out.push(problem("certification.score", "must be 0–100"));
            }
            if c.number.trim().is_empty() {
                out.push(problem("certification.number", "must not be empty"));
            }
            if c.expires <= c.issued {
                out.push(problem("certification.expires", "must be after `issued`"));
            }
        }
        for (i, s) in self.sanctions.iter().enumerate() {
            let f = |name: &str| format!("sanctions[{i}].{name}");
            if s.authority.trim().is_empty() {
                out.push(problem(f("authority"), "must not be empty"));
            }
            if s.decision.trim().is_empty() {
                out.push(problem(f("decision"), "must not be empty"));
            }
            if s.summary_vi.trim().is_empty() {
                out.push(problem(f("summary_vi"), "must not be empty"));
            }
            if s.summary_en.trim().is_empty() {
                out.push(problem(f("summary_en"), "must not be empty"));
            }
            if !s.source_url.starts_with("https://") || s.source_url.len() < 12 {
                out.push(problem(f("source_url"), "must be a public https:// link"));
            }
            if s.effective_until.is_some_and(|u| u < s.effective_from) {
                out.push(problem(f("effective_until"), "is before `effective_from`"));
            }
            if s.fine_vnd.is_some() && s.kind != SanctionKind::Fine {
                out.push(problem(f("fine_vnd"), "is only allowed for kind `fine`"));
            }
        }
        let c = self.complaints;
        if c.upheld as u64 + c.rejected as u64 + c.pending as u64 != c.received as u64 {
            out.push(problem("complaints", "upheld + rejected + pending must equal received"));
        }
        if self.updated < self.created {
            out.push(problem("updated", "is before `created`"));
        }
        out
    }
}
