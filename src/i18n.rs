//! The languages a person can read KOL Trust in. Vietnamese is the default and comes first everywhere; English is
//! second. Every person-facing string the core produces goes through [`Lang`], so the extension, the portal and
//! the CLI never disagree on wording.

use serde::{Deserialize, Serialize};

/// A language every person-facing string exists in. Serialized as `"vi"` / `"en"`; the default is Vietnamese.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Vietnamese (`vi`), the default and the language of the registry's own records.
    #[default]
    Vi,
    /// English (`en`), chosen when the browser or the request asks for it.
    En,
}

impl Lang {
    /// Reads a BCP 47 tag such as `vi`, `vi-VN`, `en-US`. Anything that is not English falls back to Vietnamese,
    /// the product's first language.
    pub fn from_tag(tag: &str) -> Lang {
        let primary = tag.split(['-', '_']).next().unwrap_or("");
        if primary.eq_ignore_ascii_case("en") {
            Lang::En
        } else {
            Lang::Vi
        }
    }

    /// The BCP 47 primary tag, `"vi"` or `"en"` (the same string serde uses; [`Lang::from_tag`] reads it back).
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }

    /// Picks the string for this language from a `(vi, en)` pair.
    pub fn pick(self, vi: &'static str, en: &'static str) -> &'static str {
        match self {
            Lang::Vi => vi,
            Lang::En => en,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_fall_back_to_vietnamese() {
        assert_eq!(Lang::from_tag("en-US"), Lang::En);
        assert_eq!(Lang::from_tag("EN"), Lang::En);
        assert_eq!(Lang::from_tag("vi-VN"), Lang::Vi);
        assert_eq!(Lang::from_tag("fr"), Lang::Vi);
        assert_eq!(Lang::from_tag(""), Lang::Vi);
    }
}
