//! Which site a host belongs to, and what that host can tell about accounts.
//!
//! A host is classified by its registrable part (the last two labels, `facebook.com`, `youtu.be`…) and then by its
//! subdomain. Every supported site serves profiles from a few hosts only (`www.`, `m.`, `mbasic.`, locale
//! subdomains…); its other hosts (short links, embeds, admin portals, link shims) belong to the site but never name
//! an account from their path, so they answer "this site, no account" ([`Role::NoAccounts`]). Unknown hosts answer
//! `None`, except the link shims of other services (Google results, Outlook safe links, Messenger), which only
//! matter as wrappers.
//!
//! The host is folded to lower case into a stack buffer: no allocation, and hosts longer than any real one of a
//! supported site simply do not match.

use crate::platform::Platform;

/// What a host of a known site can do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Role {
    /// Serves profile pages (`www.facebook.com`, `m.youtube.com`, `instagr.am`…).
    Main,
    /// Serves channel pages only under explicit channel paths (`music.youtube.com/channel/UC…`).
    ChannelsOnly,
    /// A link shim whose whole job is redirecting (`l.facebook.com`, `l.instagram.com`, `consent.youtube.com`).
    Redirector,
    /// Belongs to the site but its paths never name an account (short links, embeds, portals).
    NoAccounts,
}

/// The classification of one host.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum HostClass {
    Site(Platform, Role),
    /// A host of another service that wraps links: interesting only as a redirect wrapper.
    Shim(Shim),
}

/// Link shims of services other than the supported sites.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Shim {
    /// `google.<tld>/url?q=` (or `url=`): search-result links as copied from the results page.
    Google,
    /// `*.safelinks.protection.outlook.com/?url=`: every link in a mail read in Outlook.
    Outlook,
    /// `l.messenger.com/l.php?u=`: links sent in Messenger.
    Messenger,
}

/// Longest host we bother to fold; real hosts of the supported sites are far shorter.
const MAX_HOST: usize = 96;

/// Classifies a host as written in a URL (any case, no port, no trailing dot).
pub(crate) fn classify(host: &str) -> Option<HostClass> {
    let mut buf = [0u8; MAX_HOST];
    let (host, dot) = fold(host, &mut buf)?;
    // Split "sub.domain.tld" into the subdomain ("" when none) and the registrable part.
    let (sub, base) = match dot {
        Some(i) => (&host[..i], &host[i + 1..]),
        None => ("", host),
    };
    use Platform::*;
    use Role::*;
    let site = |p: Platform, r: Role| Some(HostClass::Site(p, r));
    // Dispatch on the first letter first, so that a host costs one or two string compares, not twenty.
    let first = base.as_bytes().first().copied().unwrap_or(0);
    if !matches!(first, b'f' | b't' | b'y' | b'i' | b'x' | b's' | b'l' | b'z') {
        return shim(host, base).map(HostClass::Shim);
    }
    match base {
        "facebook.com" => site(Facebook, facebook_sub(sub)),
        "fb.com" => site(
            Facebook,
            if matches!(sub, "" | "www" | "m") {
                Main
            } else {
                NoAccounts
            },
        ),
        // fb.watch/<id> and fb.me/<code> are short links; the owner is not in the URL.
        "fb.watch" | "fb.me" | "fb.gg" => site(Facebook, NoAccounts),
        "tiktok.com" => site(
            Tiktok,
            match sub {
                "" | "www" | "m" => Main,
                _ => NoAccounts, // vm., vt. short links; ads., seller., …
            },
        ),
        "youtube.com" => site(
            Youtube,
            match sub {
                "" | "www" | "m" => Main,
                "music" | "gaming" => ChannelsOnly,
                "consent" => Redirector,
                _ => NoAccounts,
            },
        ),
        "youtu.be" | "youtube-nocookie.com" => site(Youtube, NoAccounts),
        "instagram.com" => site(
            Instagram,
            match sub {
                "" | "www" | "m" => Main,
                "l" => Redirector,
                _ => NoAccounts,
            },
        ),
        "instagr.am" => site(Instagram, if matches!(sub, "" | "www") { Main } else { NoAccounts }),
        "x.com" | "twitter.com" => site(
            X,
            match sub {
                "" | "www" | "mobile" | "m" => Main,
                _ => NoAccounts,
            },
        ),
        "t.co" => site(X, NoAccounts),
        "threads.net" | "threads.com" => site(
            Threads,
            match sub {
                "" | "www" => Main,
                "l" => Redirector,
                _ => NoAccounts,
            },
        ),
        "shopee.vn" => site(Shopee, if matches!(sub, "" | "www") { Main } else { NoAccounts }),
        "lazada.vn" => site(
            Lazada,
            if matches!(sub, "" | "www" | "m") {
                Main
            } else {
                NoAccounts
            },
        ),
        "zalo.me" => site(Zalo, if sub.is_empty() { Main } else { NoAccounts }),
        "zalo.vn" => site(Zalo, NoAccounts),
        _ => shim(host, base).map(HostClass::Shim),
    }
}

/// Facebook serves profiles from many hosts: the usual ones, Free Basics (`0.`, `free.`), and every locale
/// subdomain (`vi-vn.`, `zh-hk.`, `es-la.`…). `l.` and `lm.` are the outbound link shims.
fn facebook_sub(sub: &str) -> Role {
    match sub {
        "" | "www" | "m" | "mbasic" | "web" | "mobile" | "touch" | "free" | "0" | "d" | "iphone" | "h" => Role::Main,
        "l" | "lm" => Role::Redirector,
        _ if is_locale(sub) => Role::Main,
        _ => Role::NoAccounts,
    }
}

/// `xx-yy` / `xxx-yy` (also with `_`), e.g. `vi-vn`, `zh-hk`, `es-la`.
fn is_locale(s: &str) -> bool {
    let b = s.as_bytes();
    let Some(dash) = b.iter().position(|&c| c == b'-' || c == b'_') else {
        return false;
    };
    let (lang, region) = (&b[..dash], &b[dash + 1..]);
    (2..=3).contains(&lang.len())
        && region.len() == 2
        && lang.iter().all(u8::is_ascii_lowercase)
        && region.iter().all(u8::is_ascii_lowercase)
}

fn shim(host: &str, base: &str) -> Option<Shim> {
    if is_google(host) {
        Some(Shim::Google)
    } else if base == "outlook.com" && host.ends_with(".safelinks.protection.outlook.com") {
        Some(Shim::Outlook)
    } else if host == "l.messenger.com" {
        Some(Shim::Messenger)
    } else {
        None
    }
}

/// `google.com`, `www.google.com.vn`, `google.co.uk`…
fn is_google(host: &str) -> bool {
    let h = host.strip_prefix("www.").unwrap_or(host);
    let Some(tld) = h.strip_prefix("google.") else {
        return false;
    };
    !tld.is_empty() && tld.len() <= 6 && tld.bytes().all(|c| c.is_ascii_lowercase() || c == b'.')
}

/// ASCII-lowercases `host` into `buf`, and finds the dot before the registrable part (the second-to-last dot).
/// `None` for non-ASCII or over-long hosts (no supported site has either).
fn fold<'b>(host: &str, buf: &'b mut [u8; MAX_HOST]) -> Option<(&'b str, Option<usize>)> {
    let src = host.as_bytes();
    if src.len() > MAX_HOST {
        return None;
    }
    let (mut last, mut second) = (None, None);
    for (i, (d, &s)) in buf.iter_mut().zip(src).enumerate() {
        if s >= 0x80 {
            return None;
        }
        if s == b'.' {
            second = last;
            last = Some(i);
        }
        *d = s.to_ascii_lowercase();
    }
    let folded = std::str::from_utf8(&buf[..src.len()]).ok()?;
    Some((folded, second))
}

/// The host canonical URLs use for a site's pages (mobile and locale hosts serve the same pages).
pub(crate) fn canonical_host(platform: Platform) -> &'static str {
    match platform {
        Platform::Facebook => "www.facebook.com",
        Platform::Tiktok => "www.tiktok.com",
        Platform::Youtube => "www.youtube.com",
        Platform::Instagram => "www.instagram.com",
        Platform::X => "x.com",
        Platform::Threads => "www.threads.com",
        Platform::Shopee => "shopee.vn",
        Platform::Lazada => "www.lazada.vn",
        Platform::Zalo => "zalo.me",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_hosts() {
        let main = |p| Some(HostClass::Site(p, Role::Main));
        assert_eq!(classify("WWW.FACEBOOK.COM"), main(Platform::Facebook));
        assert_eq!(classify("vi-vn.facebook.com"), main(Platform::Facebook));
        assert_eq!(classify("zh-hk.facebook.com"), main(Platform::Facebook));
        assert_eq!(
            classify("lm.facebook.com"),
            Some(HostClass::Site(Platform::Facebook, Role::Redirector))
        );
        assert_eq!(
            classify("developers.facebook.com"),
            Some(HostClass::Site(Platform::Facebook, Role::NoAccounts))
        );
        assert_eq!(classify("fb.com"), main(Platform::Facebook));
        assert_eq!(classify("mobile.twitter.com"), main(Platform::X));
        assert_eq!(classify("instagr.am"), main(Platform::Instagram));
        assert_eq!(
            classify("vt.tiktok.com"),
            Some(HostClass::Site(Platform::Tiktok, Role::NoAccounts))
        );
        assert_eq!(classify("www.google.com.vn"), Some(HostClass::Shim(Shim::Google)));
        assert_eq!(classify("google.com"), Some(HostClass::Shim(Shim::Google)));
        assert_eq!(
            classify("nam12.safelinks.protection.outlook.com"),
            Some(HostClass::Shim(Shim::Outlook))
        );
        assert_eq!(classify("outlook.com"), None);
        assert_eq!(classify("l.messenger.com"), Some(HostClass::Shim(Shim::Messenger)));
        assert_eq!(classify("notfacebook.com"), None);
        assert_eq!(classify("facebook.com.evil.net"), None);
        assert_eq!(classify("example.com"), None);
        assert_eq!(classify("com"), None);
        assert_eq!(classify("googleusercontent.com"), None);
    }
}
