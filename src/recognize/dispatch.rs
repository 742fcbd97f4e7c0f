//! The one pass from a URL to an answer: split it, classify its host, unwrap redirect wrappers (at most
//! [`MAX_UNWRAP`] levels), and hand the path to its site's module (see the module docs of `recognize`).

use super::answer::{AccountRef, Kind, Recognized};
use super::hosts::{self, HostClass, Role};
use super::site::{Found, Target};
use super::url::{self, Segments};
use super::{facebook, instagram, lazada, shopee, threads, tiktok, wrappers, x, youtube, zalo};
use crate::platform::Platform;

/// How many redirect wrappers are unwrapped around one URL (real links have one, sometimes two).
pub const MAX_UNWRAP: u8 = 4;

/// Recognizes one URL. `None` means the input is not a URL of a supported platform.
pub fn recognize(input: &str) -> Option<Recognized> {
    recognize_at(input, 0)
}

fn recognize_at(input: &str, depth: u8) -> Option<Recognized> {
    let parts = url::split(input)?;
    let class = hosts::classify(parts.host)?;
    let (path, query) = effective_path(&parts);
    if let Some(raw) = wrappers::target(class, path, query) {
        if depth < MAX_UNWRAP {
            if let Some(r) = url::percent_decode(raw, true).and_then(|t| recognize_at(&t, depth + 1)) {
                return Some(r);
            }
        }
    }
    let HostClass::Site(platform, role) = class else {
        return None; // another service's link shim, not wrapping a supported URL
    };
    let found = match role {
        Role::Main | Role::ChannelsOnly => {
            let t = Target {
                segs: Segments::new(path),
                query,
                role,
            };
            dispatch(platform, &t)
        }
        Role::Redirector | Role::NoAccounts => None,
    };
    Some(match found {
        Some((id_type, account_id, kind)) => Recognized {
            platform,
            account: Some(AccountRef { id_type, account_id }),
            kind,
        },
        None => Recognized {
            platform,
            account: None,
            kind: Kind::NotProfile,
        },
    })
}

fn dispatch(platform: Platform, t: &Target<'_>) -> Found {
    match platform {
        Platform::Facebook => facebook::recognize(t),
        Platform::Tiktok => tiktok::recognize(t),
        Platform::Youtube => youtube::recognize(t),
        Platform::Instagram => instagram::recognize(t),
        Platform::X => x::recognize(t),
        Platform::Threads => threads::recognize(t),
        Platform::Shopee => shopee::recognize(t),
        Platform::Lazada => lazada::recognize(t),
        Platform::Zalo => zalo::recognize(t),
    }
}

/// The path and query that name the page. Old Facebook and Twitter links route in the fragment
/// (`twitter.com/#!/jack`, `facebook.com/#!/zuck`); those still circulate, so a `#!/…` fragment on an empty path
/// is read as the path.
pub(crate) fn effective_path<'a>(parts: &url::UrlParts<'a>) -> (&'a str, Option<&'a str>) {
    match parts.fragment {
        Some(f) if (parts.path.is_empty() || parts.path == "/") && f.starts_with("!/") => {
            let f = &f[1..];
            match f.find('?') {
                Some(i) => (&f[..i], Some(&f[i + 1..])),
                None => (f, parts.query),
            }
        }
        _ => (parts.path, parts.query),
    }
}
