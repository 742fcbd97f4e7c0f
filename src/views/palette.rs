//! The state colours, defined once for every surface: in-page badges, the detail card, the report dialog, the
//! toolbar popup, the toolbar icon's badge and the portal. Each surface reads them as CSS custom properties from
//! [`PALETTE_CSS`] (the worker hands it to content scripts; extension pages and the portal get it the same way), the
//! toolbar icon through [`toolbar_colour`]; no other file repeats a state's hex value.
//!
//! Every state has a *swatch* for light and for dark backgrounds: a tinted background (`bg`), the text drawn on it
//! (`ink`) and a border or rule (`line`). `ink` on `bg` keeps a contrast ratio of at least 4.5:1 (WCAG AA for small
//! text) in both schemes; the tests below check it, so a colour change that hurts legibility fails. Colour is never
//! the only carrier of meaning: every badge also has its drawn icon and its words ([`crate::views::badge`]).
//!
//! The stylesheet itself is the definition (a constant, not built at run time): assembling it from a table cost
//! ~2 KB of WebAssembly, while reading one value back out of it ([`swatch`]) is a few instructions.

/// The palette: `--kt-<state>-bg|ink|line` for every badge state on `:host` (shadow roots of in-page UI) and
/// `:root` (extension pages, the portal), light values first, dark values under `prefers-color-scheme: dark`.
pub const PALETTE_CSS: &str = "\
:host, :root {\
 --kt-sanctioned-bg: #fdeaea; --kt-sanctioned-ink: #8a1111; --kt-sanctioned-line: #d33b3b;\
 --kt-lookalike-bg: #fff0f6; --kt-lookalike-ink: #8a0f4d; --kt-lookalike-line: #c2185b;\
 --kt-certified-bg: #e7f6ec; --kt-certified-ink: #0b5d27; --kt-certified-line: #2e9d55;\
 --kt-expired-bg: #fff4e0; --kt-expired-ink: #6b4500; --kt-expired-line: #c98a10;\
 --kt-registered-bg: #eef2f7; --kt-registered-ink: #263445; --kt-registered-line: #7b8da3;\
 --kt-unknown-bg: #f4f4f4; --kt-unknown-ink: #4a4a4a; --kt-unknown-line: #8a8f98; }
@media (prefers-color-scheme: dark) { :host, :root {\
 --kt-sanctioned-bg: #3a1010; --kt-sanctioned-ink: #ffb4b4; --kt-sanctioned-line: #ef6b6b;\
 --kt-lookalike-bg: #3a1027; --kt-lookalike-ink: #ffb3d4; --kt-lookalike-line: #f06ba8;\
 --kt-certified-bg: #0f2e1a; --kt-certified-ink: #a6e8bd; --kt-certified-line: #5cc27a;\
 --kt-expired-bg: #35280a; --kt-expired-ink: #ffd98a; --kt-expired-line: #e0a43a;\
 --kt-registered-bg: #1d2733; --kt-registered-ink: #cfd9e6; --kt-registered-line: #9aabbf;\
 --kt-unknown-bg: #262626; --kt-unknown-ink: #cfcfcf; --kt-unknown-line: #9aa0a8; } }
";

/// Every state code the palette colours, in the order the badge ranks them.
pub const STATES: [&str; 6] = [
    "sanctioned",
    "lookalike",
    "certified",
    "expired",
    "registered",
    "unknown",
];

/// Which scheme a colour is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scheme {
    /// A light page (the first block of [`PALETTE_CSS`]).
    Light,
    /// A dark page (the `prefers-color-scheme: dark` block).
    Dark,
}

/// One colour of the palette (`#rrggbb`): `part` is `bg`, `ink` or `line`. `None` for a state or part it lacks.
pub fn swatch(state: &str, part: &str, scheme: Scheme) -> Option<&'static str> {
    let (light, dark) = PALETTE_CSS.split_once("@media")?;
    let block = match scheme {
        Scheme::Light => light,
        Scheme::Dark => dark,
    };
    block.split(';').find_map(|decl| {
        let decl = &decl[decl.find("--kt-")?..];
        let (name, value) = decl.split_once(':')?;
        let rest = name.strip_prefix("--kt-")?.strip_prefix(state)?.strip_prefix('-')?;
        (rest == part).then(|| value.trim().trim_end_matches('}').trim())
    })
}

/// The toolbar icon's badge colour for a state: its light `line`, which reads on the browser's light and dark
/// toolbars alike (the browser draws the badge text white on it).
pub fn toolbar_colour(state: &str) -> Option<&'static str> {
    swatch(state, "line", Scheme::Light)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// WCAG 2 relative luminance of `#rrggbb`.
    fn luminance(hex: &str) -> f64 {
        let channel = |i: usize| {
            let v = f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap()) / 255.0;
            if v <= 0.03928 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
    }

    fn contrast(a: &str, b: &str) -> f64 {
        let (la, lb) = (luminance(a), luminance(b));
        (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
    }

    #[test]
    fn every_state_has_three_colours_in_each_scheme() {
        for state in STATES {
            for scheme in [Scheme::Light, Scheme::Dark] {
                for part in ["bg", "ink", "line"] {
                    let c = swatch(state, part, scheme).unwrap_or_else(|| panic!("{state}-{part} {scheme:?}"));
                    assert!(
                        c.len() == 7 && c.starts_with('#') && u32::from_str_radix(&c[1..], 16).is_ok(),
                        "{c}"
                    );
                }
            }
            assert_eq!(PALETTE_CSS.matches(&format!("--kt-{state}-")).count(), 6, "{state}");
        }
        assert_eq!(
            PALETTE_CSS.matches("--kt-").count(),
            STATES.len() * 6,
            "no colour outside the states"
        );
        assert_eq!(toolbar_colour("sanctioned"), Some("#d33b3b"));
        assert_eq!(toolbar_colour("nonsense"), None);
        assert_eq!(swatch("certified", "border", Scheme::Light), None);
    }

    #[test]
    fn ink_on_background_is_legible_in_both_schemes() {
        for state in STATES {
            for scheme in [Scheme::Light, Scheme::Dark] {
                let (ink, bg) = (
                    swatch(state, "ink", scheme).unwrap(),
                    swatch(state, "bg", scheme).unwrap(),
                );
                let ratio = contrast(ink, bg);
                assert!(ratio >= 4.5, "{state} ({scheme:?}): ink {ink} on {bg} is {ratio:.2}:1");
            }
        }
    }

    #[test]
    fn the_badge_states_are_the_palettes() {
        use crate::registry::TrustState;
        for state in [
            TrustState::Sanctioned,
            TrustState::Certified { score: 90 },
            TrustState::CertificateExpired,
            TrustState::Registered,
            TrustState::Lookalike,
        ] {
            assert!(STATES.contains(&state.code()), "{}", state.code());
        }
    }
}
