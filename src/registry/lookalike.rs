//! Lookalike handles: an account the registry does not know whose name is one small, deceptive edit away from a
//! registered account's name on the same platform — `lanreview_official`, `lanrevievv`, `1anreview`, `lan.revieww` for
//! a registered `lanreview`. Impersonators pick exactly such names, so the badge warns (`docs/data-model.md`, "Status
//! at time t": the state after *registered*, before *unknown*).
//!
//! ## How, and why without an index
//! Instead of storing a second index of "skeletons" (≈ 4 more bytes per account, over the memory budget), the reader
//! undoes the usual impersonation edits on the *unknown* name and looks each candidate up in the ordinary index
//! ([`variants`]): strip decorations (`_official`, `.real`, `vn`, `tv`…, separators at the ends), swap confusables
//! one occurrence at a time (`0↔o`, `1↔l`, `1↔i`, `vv↔w`, `rn↔m`, `5→s`, `3→e`, `4→a`), drop one separator, and
//! undouble one doubled letter. That is a few dozen index probes of ~30 ns for an unknown handle — microseconds per
//! unknown link — and nothing at all for registered accounts or for stable numeric ids (which cannot be faked by
//! spelling). Only name-like namespaces are checked ([`applies_to`]); the match must be in the same platform and
//! namespace. A match is a warning, never a verdict: the card says the account *looks like* a registered one.

use crate::platform::IdType;

/// Whether ids of this namespace are names a person chooses (and so can imitate).
pub fn applies_to(id_type: IdType) -> bool {
    matches!(
        id_type,
        IdType::Handle
            | IdType::Username
            | IdType::FbUsername
            | IdType::YtHandle
            | IdType::YtCustom
            | IdType::YtUser
            | IdType::ShopUsername
            | IdType::ShopSlug
    )
}

const DECORATIONS: &[&str] = &[
    "_official",
    ".official",
    "-official",
    "official",
    "_real",
    ".real",
    "real",
    "_vn",
    ".vn",
    "vn",
    "_tv",
    ".tv",
    "tv",
    "_channel",
    "channel",
    "_",
    ".",
    "-",
    "the",
    "the_",
    "the.",
    "real_",
    "real.",
    "official_",
    "official.",
];

const SWAPS: &[(&str, &str)] = &[
    ("0", "o"),
    ("o", "0"),
    ("1", "l"),
    ("l", "1"),
    ("1", "i"),
    ("i", "1"),
    ("vv", "w"),
    ("w", "vv"),
    ("rn", "m"),
    ("m", "rn"),
    ("5", "s"),
    ("3", "e"),
    ("4", "a"),
];

/// Most candidates tried per name (bounds the work for long or odd names).
pub const MAX_VARIANTS: usize = 96;

/// Candidate originals of `name`: each one deceptive edit undone. Deduplicated, never `name` itself, at most
/// [`MAX_VARIANTS`].
pub fn variants(name: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut push = |v: String| {
        if v != name && !v.is_empty() && !out.contains(&v) && out.len() < MAX_VARIANTS {
            out.push(v);
        }
    };
    if name.len() > 64 {
        return Vec::new();
    }
    for d in DECORATIONS {
        if let Some(v) = name.strip_suffix(d) {
            push(v.to_string());
        }
        if let Some(v) = name.strip_prefix(d) {
            push(v.to_string());
        }
    }
    for (from, to) in SWAPS {
        for (i, _) in name.match_indices(from).take(4) {
            push(format!("{}{to}{}", &name[..i], &name[i + from.len()..]));
        }
    }
    let chars: Vec<(usize, char)> = name.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        if matches!(c, '.' | '_' | '-') {
            push(format!("{}{}", &name[..i], &name[i + 1..]));
        }
        if k > 0 && chars[k - 1].1 == c && c.is_alphanumeric() {
            push(format!("{}{}", &name[..i], &name[i + c.len_utf8()..]));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn undoes_each_usual_impersonation_edit() {
        for (fake, real) in [
            ("lanreview_official", "lanreview"),
            ("lanrevievv", "lanreview"),
            ("1anreview", "lanreview"),
            ("lanrevieww", "lanreview"),
            ("lan.review", "lanreview"),
            ("lanrev1ew", "lanreview"),
            ("c0ngnghe", "congnghe"),
            ("real.lanreview", "lanreview"),
            ("rnai.beauty", "mai.beauty"),
        ] {
            assert!(
                variants(fake).contains(&real.to_string()),
                "{fake} → {real}: {:?}",
                variants(fake)
            );
        }
        assert!(!variants("lanreview").contains(&"lanreview".to_string()));
        assert!(variants(&"a".repeat(200)).is_empty());
        assert!(variants("ngọc.ánh").len() <= MAX_VARIANTS);
    }
}
