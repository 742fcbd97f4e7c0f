//! The state colours, defined once for every surface: in-page badges, the detail card, the report dialog, the
//! toolbar popup, the toolbar icon's badge and the portal. Each surface reads them as CSS custom properties from
//! [`palette_css`] (or, for the toolbar icon, [`toolbar_colour`]) instead of repeating hex values.
//!
//! Every state has a *swatch* for light and for dark backgrounds: a tinted background (`bg`), the text drawn on it
//! (`ink`) and a border/accent (`line`). `ink` on `bg` keeps a contrast ratio of at least 4.5:1 (WCAG AA for small
//! text) in both schemes; the test below checks it, so a colour change that hurts legibility fails. Colour is never
//! the only carrier of meaning: every badge also has its drawn icon and its words ([`crate::views::badge`]).

/// The colours of one state on one background scheme, as `#rrggbb`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Swatch {
    /// The tinted background of a badge or a card's header.
    pub bg: &'static str,
    /// Text and icons drawn on `bg`.
    pub ink: &'static str,
    /// The border, and the accent of a card's side rule.
    pub line: &'static str,
}

/// One state's swatches for a light and a dark page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StateColours {
    /// The state's stable code, as [`crate::views::badge::BadgeView::state`] carries it.
    pub state: &'static str,
    /// On a light page (`prefers-color-scheme: light`).
    pub light: Swatch,
    /// On a dark page (`prefers-color-scheme: dark`).
    pub dark: Swatch,
}

/// Every badge state and its colours, in the order the badge ranks them.
pub const STATE_COLOURS: [StateColours; 6] = [
    StateColours {
        state: "sanctioned",
        light: Swatch {
            bg: "#fdeaea",
            ink: "#8a1111",
            line: "#d33b3b",
        },
        dark: Swatch {
            bg: "#3a1010",
            ink: "#ffb4b4",
            line: "#ef6b6b",
        },
    },
    StateColours {
        state: "lookalike",
        light: Swatch {
            bg: "#fff0f6",
            ink: "#8a0f4d",
            line: "#c2185b",
        },
        dark: Swatch {
            bg: "#3a1027",
            ink: "#ffb3d4",
            line: "#f06ba8",
        },
    },
    StateColours {
        state: "certified",
        light: Swatch {
            bg: "#e7f6ec",
            ink: "#0b5d27",
            line: "#2e9d55",
        },
        dark: Swatch {
            bg: "#0f2e1a",
            ink: "#a6e8bd",
            line: "#5cc27a",
        },
    },
    StateColours {
        state: "expired",
        light: Swatch {
            bg: "#fff4e0",
            ink: "#6b4500",
            line: "#c98a10",
        },
        dark: Swatch {
            bg: "#35280a",
            ink: "#ffd98a",
            line: "#e0a43a",
        },
    },
    StateColours {
        state: "registered",
        light: Swatch {
            bg: "#eef2f7",
            ink: "#263445",
            line: "#7b8da3",
        },
        dark: Swatch {
            bg: "#1d2733",
            ink: "#cfd9e6",
            line: "#9aabbf",
        },
    },
    StateColours {
        state: "unknown",
        light: Swatch {
            bg: "#f4f4f4",
            ink: "#4a4a4a",
            line: "#8a8f98",
        },
        dark: Swatch {
            bg: "#262626",
            ink: "#cfcfcf",
            line: "#9aa0a8",
        },
    },
];

/// The colours of a state code, or `None` for a code the core does not produce.
pub fn colours_of(state: &str) -> Option<&'static StateColours> {
    STATE_COLOURS.iter().find(|c| c.state == state)
}

/// The toolbar icon's badge colour for a state: the light swatch's `line`, which reads on the browser's light and
/// dark toolbars alike (the text on it is drawn white by the browser).
pub fn toolbar_colour(state: &str) -> Option<&'static str> {
    colours_of(state).map(|c| c.light.line)
}

/// A stylesheet declaring `--kt-<state>-bg`, `--kt-<state>-ink` and `--kt-<state>-line` for every state on `:host`
/// (shadow roots of in-page UI) and `:root` (extension pages, the portal), with the dark swatches under
/// `prefers-color-scheme: dark`.
pub fn palette_css() -> String {
    let mut css = String::with_capacity(1600);
    css.push_str(":host, :root {");
    declare(&mut css, |c| c.light);
    css.push_str(" }\n@media (prefers-color-scheme: dark) { :host, :root {");
    declare(&mut css, |c| c.dark);
    css.push_str(" } }\n");
    css
}

fn declare(css: &mut String, pick: impl Fn(&StateColours) -> Swatch) {
    for c in &STATE_COLOURS {
        let s = pick(c);
        for (part, value) in [("bg", s.bg), ("ink", s.ink), ("line", s.line)] {
            css.push_str(" --kt-");
            css.push_str(c.state);
            css.push('-');
            css.push_str(part);
            css.push_str(": ");
            css.push_str(value);
            css.push(';');
        }
    }
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
    fn ink_on_background_is_legible_in_both_schemes() {
        for c in &STATE_COLOURS {
            for (scheme, s) in [("light", c.light), ("dark", c.dark)] {
                let ratio = contrast(s.ink, s.bg);
                assert!(
                    ratio >= 4.5,
                    "{} ({scheme}): ink {} on {} is {ratio:.2}:1",
                    c.state,
                    s.ink,
                    s.bg
                );
            }
        }
    }

    #[test]
    fn every_badge_state_has_colours_and_the_css_declares_them() {
        let css = palette_css();
        for state in [
            "sanctioned",
            "certified",
            "expired",
            "registered",
            "lookalike",
            "unknown",
        ] {
            assert!(colours_of(state).is_some(), "{state}");
            for part in ["bg", "ink", "line"] {
                assert_eq!(
                    css.matches(&format!("--kt-{state}-{part}:")).count(),
                    2,
                    "{state}-{part}"
                );
            }
        }
        assert!(css.contains("@media (prefers-color-scheme: dark)"));
        assert_eq!(toolbar_colour("sanctioned"), Some("#d33b3b"));
        assert_eq!(toolbar_colour("nonsense"), None);
    }
}
