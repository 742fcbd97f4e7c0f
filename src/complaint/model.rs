//! The complaint as sent over the wire ([`ComplaintSubmission`], every field loosely typed so that a wrong value
//! becomes a precise [`super::FieldError`] rather than a parser error) and as accepted ([`ValidComplaint`], typed).

use crate::i18n::Lang;
use crate::platform::AccountKey;
use serde::{Deserialize, Serialize};

/// The account the complaint is about, as the extension recognized it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileRef {
    pub platform: String,
    pub id_type: String,
    pub account_id: String,
    /// The profile's URL, if known.
    #[serde(default)]
    pub url: Option<String>,
}

/// One detected promotion cue on the page (a discount code, an affiliate link, a "#ad" tag…). Generic on purpose:
/// the detector decides the `kind`s; `start`/`end` are character offsets into `text`'s source (informative).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cue {
    pub kind: String,
    pub text: String,
    #[serde(default)]
    pub start: u32,
    #[serde(default)]
    pub end: u32,
}

/// What the extension detected about a promotion on the page.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PromotionFacts {
    #[serde(default)]
    pub cues: Vec<Cue>,
}

/// How to reach the reporter. Only sent with explicit consent.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    pub value: String,
    #[serde(default)]
    pub consent: bool,
}

/// The submission as sent (see the module docs of [`crate::complaint`] for the JSON).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComplaintSubmission {
    pub id: String,
    pub profile: ProfileRef,
    #[serde(default)]
    pub page_url: Option<String>,
    pub category: String,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub promotion: PromotionFacts,
    #[serde(default)]
    pub screenshot: Option<String>,
    #[serde(default)]
    pub contact: Option<Contact>,
    #[serde(default)]
    pub locale: String,
    /// Client time, Unix milliseconds.
    #[serde(default)]
    pub created: i64,
}

macro_rules! categories {
    ($($v:ident = $s:literal, $vi:literal, $en:literal;)*) => {
        /// What the reporter says is wrong.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum Category { $($v,)* }
        impl Category {
            pub const ALL: &'static [Category] = &[$(Category::$v,)*];
            pub fn as_str(self) -> &'static str { match self { $(Category::$v => $s,)* } }
            pub fn parse(s: &str) -> Option<Category> { match s { $($s => Some(Category::$v),)* _ => None } }
            pub fn label(self, lang: Lang) -> &'static str { match self { $(Category::$v => lang.pick($vi, $en),)* } }
        }
    };
}

categories! {
    CounterfeitOrPoorQuality = "counterfeit_or_poor_quality", "Hàng giả, kém chất lượng", "Counterfeit or poor-quality goods";
    MisleadingClaim = "misleading_claim", "Quảng cáo sai sự thật", "Misleading claim";
    UndisclosedAdvertising = "undisclosed_advertising", "Quảng cáo không công khai", "Undisclosed advertising";
    ScamFraud = "scam_fraud", "Lừa đảo", "Scam or fraud";
    Impersonation = "impersonation", "Mạo danh", "Impersonation";
    Other = "other", "Khác", "Other";
}

/// A validated screenshot: its media type and the base64 payload (no `data:` prefix).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Screenshot {
    /// `image/png` or `image/jpeg`.
    pub mime: String,
    pub base64: String,
    /// Decoded size in bytes.
    pub bytes: u32,
}

/// A complaint that passed [`super::validate()`]: typed, canonical URLs, bounded sizes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValidComplaint {
    pub id: String,
    pub profile: AccountKey,
    /// Canonical profile URL.
    pub profile_url: Option<String>,
    /// Canonical page/post URL, tracking parameters stripped.
    pub page_url: Option<String>,
    pub category: Category,
    pub note: String,
    pub promotion: PromotionFacts,
    pub screenshot: Option<Screenshot>,
    /// Contact, present only with consent.
    pub contact: Option<String>,
    pub locale: Lang,
    /// Client time, Unix milliseconds.
    pub created: i64,
}
