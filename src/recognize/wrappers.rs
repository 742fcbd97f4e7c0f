//! Redirect wrappers: URLs whose only job is to send the browser to another URL carried in a query parameter.
//!
//! Sites wrap outbound links to track clicks and warn about malware (`l.facebook.com/l.php?u=`,
//! `l.instagram.com/?u=`, `youtube.com/redirect?q=`, TikTok's `/link/v2?target=`), and people paste links copied
//! from search results (`google.com/url?q=` or `url=`), mail (Outlook safe links, `?url=`), Messenger
//! (`l.messenger.com/l.php?u=`) or consent screens (`consent.youtube.com/m?continue=`).
//! A profile link behind a wrapper is still that profile, so recognition unwraps first.
//!
//! Not wrappers on purpose: Facebook's `/flx/warn/` interstitial and login pages with a `next=` (the page the
//! person sees is the warning or the login form, and the corpus says so), X's `i/flow/login?redirect_after_login=`.

use super::hosts::{HostClass, Role, Shim};
use super::url::query_get;
use crate::platform::Platform;

/// The raw (still percent-encoded) target of a wrapper URL with this host, path and query, or `None` when it is not
/// a wrapper or has no target.
pub(crate) fn target<'a>(class: HostClass, path: &str, query: Option<&'a str>) -> Option<&'a str> {
    let is = |p: &str| path_is(path, p);
    let param = match class {
        HostClass::Shim(Shim::Google) if is("/url") => {
            // Google uses `q=` on the classic result links and `url=` on newer ones.
            return query_get(query, "q")
                .filter(|v| !v.is_empty())
                .or_else(|| query_get(query, "url"));
        }
        HostClass::Shim(Shim::Outlook) => "url",
        HostClass::Shim(Shim::Messenger) if is("/l.php") => "u",
        HostClass::Shim(_) => return None,
        HostClass::Site(Platform::Facebook, Role::Redirector) => "u",
        HostClass::Site(Platform::Facebook, _) if is("/l.php") => "u",
        HostClass::Site(Platform::Instagram | Platform::Threads, Role::Redirector) => "u",
        HostClass::Site(Platform::Youtube, Role::Redirector) => "continue",
        HostClass::Site(Platform::Youtube, _) if is("/redirect") => "q",
        HostClass::Site(Platform::Tiktok, _) if is("/link/v2") => "target",
        HostClass::Site(..) => return None,
    };
    query_get(query, param).filter(|v| !v.is_empty())
}

/// `path` equals `want` ignoring ASCII case, trailing slashes, and `\` written for `/` (browsers read it so).
fn path_is(path: &str, want: &str) -> bool {
    let path = path.trim_end_matches(['/', '\\']).as_bytes();
    path.len() == want.len()
        && path
            .iter()
            .zip(want.as_bytes())
            .all(|(&a, &b)| a.eq_ignore_ascii_case(&b) || (a == b'\\' && b == b'/'))
}
