//! The complaint as sent over the wire ([`ComplaintSubmission`], every field loosely typed so that a wrong value
//! becomes a precise [`super::FieldError`] rather than a parser error) and as accepted ([`ValidComplaint`], typed).

use crate::i18n::Lang;
use crate::platform::AccountKey;
use serde::{Deserialize, Serialize};

/// The account the complaint is about, as the extension recognized it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileRef {
    /// Platform string form (`tiktok`, `facebook`…); must be one of [`crate::platform::Platform::ALL`].
    pub platform: String,
    /// Identifier namespace string form (`handle`, `fb_numeric_id`…); must be one of
    /// [`crate::platform::IdType::ALL`].
    pub id_type: String,
    /// The account id, canonical for its namespace (as [`crate::recognize`] produces it).
    pub account_id: String,
    /// The profile's URL, if known.
    #[serde(default)]
    pub url: Option<String>,
}

/// One detected promotion cue on the page (a discount code, an affiliate link, a "#ad" tag…). Generic on purpose:
/// the detector decides the `kind`s; `start`/`end` are character offsets into `text`'s source (informative).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cue {
    /// What the cue shows, a short snake_case word (1–32 of `a–z 0–9 _`), e.g. a
    /// [`crate::promotion::CueKind`] string form such as `discount_code`.
    pub kind: String,
    /// The evidence as found on the page (at most [`super::Limits::cue_text_chars`] characters).
    pub text: String,
    /// Start character offset in the post's text; `0` for link cues or when unknown.
    #[serde(default)]
    pub start: u32,
    /// End character offset (exclusive), not before `start`; `0` for link cues or when unknown.
    #[serde(default)]
    pub end: u32,
}

/// What the extension detected about a promotion on the page.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PromotionFacts {
    /// The detected cues, at most [`super::Limits::cues`]; empty when nothing was detected.
    #[serde(default)]
    pub cues: Vec<Cue>,
}

/// How to reach the reporter. Only sent with explicit consent.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    /// How to reach the reporter (an e-mail address or phone number, free text, 1–200 characters).
    pub value: String,
    /// The reporter agreed to be contacted; a contact without it is refused (`contact_without_consent`).
    #[serde(default)]
    pub consent: bool,
}

/// The submission as sent (see the module docs of [`crate::complaint`] for the JSON).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComplaintSubmission {
    /// Client-generated idempotency id, 8–64 characters of `A–Z a–z 0–9 - _` (a UUID fits).
    pub id: String,
    /// The account the complaint is about.
    pub profile: ProfileRef,
    /// The post or page where the problem was seen (http(s), at most 2,048 bytes); `None` when not given.
    #[serde(default)]
    pub page_url: Option<String>,
    /// The category's string form (e.g. `misleading_claim`); must be one of [`Category::ALL`].
    pub category: String,
    /// What the reporter describes, free text in any language (≤ 2,000 characters; required for `other`).
    #[serde(default)]
    pub note: String,
    /// Promotion cues the extension detected on the page (empty when none or not run).
    #[serde(default)]
    pub promotion: PromotionFacts,
    /// A PNG or JPEG screenshot as a `data:image/…;base64,` URL or bare base64; `None` when not attached.
    #[serde(default)]
    pub screenshot: Option<String>,
    /// How to reach the reporter; `None` when not given.
    #[serde(default)]
    pub contact: Option<Contact>,
    /// The language the reporter used (the extension's or the portal form's), `vi` or `en`.
    #[serde(default)]
    pub locale: String,
    /// Client time, Unix milliseconds.
    #[serde(default)]
    pub created: i64,
}

macro_rules! categories {
    ($($(#[$vm:meta])* $v:ident = $s:literal, $vi:literal, $en:literal;)*) => {
        /// What the reporter says is wrong.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum Category { $($(#[$vm])* $v,)* }
        impl Category {
            /// Every category, in the order the report dialog lists them.
            pub const ALL: &'static [Category] = &[$(Category::$v,)*];
            /// The stable snake_case form sent on the wire (`misleading_claim`…).
            pub fn as_str(self) -> &'static str { match self { $(Category::$v => $s,)* } }
            /// Reads the form written by `as_str` (exact); `None` for an unknown category.
            pub fn parse(s: &str) -> Option<Category> { match s { $($s => Some(Category::$v),)* _ => None } }
            /// The localized name the report dialog shows.
            pub fn label(self, lang: Lang) -> &'static str { match self { $(Category::$v => lang.pick($vi, $en),)* } }
        }
    };
}

categories! {
    /// Counterfeit or poor-quality goods are sold or promoted.
    CounterfeitOrPoorQuality = "counterfeit_or_poor_quality", "Hàng giả, kém chất lượng", "Counterfeit or poor-quality goods";
    /// A false or exaggerated claim about a product.
    MisleadingClaim = "misleading_claim", "Quảng cáo sai sự thật", "Misleading claim";
    /// Paid promotion not disclosed as advertising.
    UndisclosedAdvertising = "undisclosed_advertising", "Quảng cáo không công khai", "Undisclosed advertising";
    /// A scam or fraud, e.g. promised returns or payments requested.
    ScamFraud = "scam_fraud", "Lừa đảo", "Scam or fraud";
    /// The account pretends to be someone else.
    Impersonation = "impersonation", "Mạo danh", "Impersonation";
    /// Anything else; the note is then required.
    Other = "other", "Khác", "Other";
}

/// A validated screenshot: its media type and the base64 payload (no `data:` prefix).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Screenshot {
    /// `image/png` or `image/jpeg`.
    pub mime: String,
    /// The image, standard base64 with padding.
    pub base64: String,
    /// Decoded size in bytes.
    pub bytes: u32,
}

/// A complaint that passed [`super::validate()`]: typed, canonical URLs, bounded sizes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValidComplaint {
    /// The client's idempotency id, trimmed.
    pub id: String,
    /// The account the complaint is about, as a registry key.
    pub profile: AccountKey,
    /// Canonical profile URL.
    pub profile_url: Option<String>,
    /// Canonical page/post URL, tracking parameters stripped.
    pub page_url: Option<String>,
    /// What the reporter says is wrong.
    pub category: Category,
    /// The reporter's note, trimmed; possibly empty (except for `other`).
    pub note: String,
    /// The detected promotion cues, as sent.
    pub promotion: PromotionFacts,
    /// The checked screenshot; `None` when none was attached.
    pub screenshot: Option<Screenshot>,
    /// Contact, present only with consent.
    pub contact: Option<String>,
    /// The reporter's language.
    pub locale: Lang,
    /// Client time, Unix milliseconds.
    pub created: i64,
}
