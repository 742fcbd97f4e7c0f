//! Just enough URL parsing for recognition: split a string into scheme, host, path, query and fragment, walk the
//! path's segments and the query's pairs, and percent-decode pieces on demand.
//!
//! Why not the `url` crate: recognition runs on every link of a feed (thousands per page) within a budget of about
//! 200 ns per URL, and the core ships as WebAssembly under a tight size budget. A full WHATWG parser allocates a
//! serialized copy of every URL and brings IDNA tables; recognition needs neither. Everything here borrows from the
//! input: nothing allocates except [`percent_decode`] when a piece really contains an escape.
//!
//! The parser is deliberately forgiving about what people paste (no scheme, upper case, `//host`, backslashes,
//! userinfo) and strict about what cannot be a web URL of a site (another scheme, a host with spaces, a port that is
//! not a number): those give `None`, which callers report as "not a URL".

use std::borrow::Cow;

/// The scheme a URL was written with. Recognition ignores it; canonicalization keeps `http` vs `https`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Scheme {
    Http,
    Https,
    /// `//host/…` or a bare `host/…` as pasted by people.
    Missing,
}

/// A URL split into borrowed pieces. `host` is as written (case not yet folded, no port, no trailing dot).
#[derive(Clone, Copy, Debug)]
pub(crate) struct UrlParts<'a> {
    pub scheme: Scheme,
    pub host: &'a str,
    /// The port digits, when one was written (`""` for a bare `host:`).
    pub port: Option<&'a str>,
    /// From the first `/` after the host up to `?` or `#`; may be empty.
    pub path: &'a str,
    /// Between `?` and `#`, without the `?`.
    pub query: Option<&'a str>,
    /// After `#`, without the `#`.
    pub fragment: Option<&'a str>,
}

/// Splits `input` (surrounding whitespace ignored). `None` when it cannot be an http(s) URL.
pub(crate) fn split(input: &str) -> Option<UrlParts<'_>> {
    let s = input.trim();
    let b = s.as_bytes();
    let (scheme, rest) = if starts_with_ci(b, b"https://") {
        (Scheme::Https, &s[8..])
    } else if starts_with_ci(b, b"http://") {
        (Scheme::Http, &s[7..])
    } else if b.starts_with(b"//") {
        (Scheme::Missing, &s[2..])
    } else {
        (Scheme::Missing, s)
    };
    // One pass over the authority: it ends at the first path, query or fragment delimiter (browsers treat `\\`
    // like `/`); remember the last `@` (userinfo) and `:` (port) on the way.
    let rb = rest.as_bytes();
    let (mut auth_end, mut at, mut colon) = (rb.len(), None, None);
    for (i, &c) in rb.iter().enumerate() {
        match c {
            b'/' | b'?' | b'#' | b'\\' => {
                auth_end = i;
                break;
            }
            b'@' => at = Some(i),
            b':' => colon = Some(i),
            _ => {}
        }
    }
    let host_start = match at {
        // Userinfo is legal only after an explicit scheme; `mailto:x@host` or `a@b.com` are not web URLs.
        Some(i) if scheme != Scheme::Missing || b.starts_with(b"//") => i + 1,
        Some(_) => return None,
        None => 0,
    };
    let (host, port) = match colon.filter(|&i| i >= host_start) {
        Some(i) => {
            let port = &rest[i + 1..auth_end];
            if !port.bytes().all(|c| c.is_ascii_digit()) {
                return None;
            }
            (&rest[host_start..i], Some(port))
        }
        None => (&rest[host_start..auth_end], None),
    };
    let host = host.strip_suffix('.').unwrap_or(host);
    if !valid_host(host) {
        return None;
    }
    // Without a scheme, only something that looks like a domain name is taken as a URL ("hello/world" is not).
    if scheme == Scheme::Missing && !host.contains('.') {
        return None;
    }

    // The path ends at the first `?` or `#`; a `?` after the `#` belongs to the fragment.
    let after = &rest[auth_end..];
    let (path, query, fragment) = match after.bytes().position(|c| c == b'?' || c == b'#') {
        None => (after, None, None),
        Some(i) if after.as_bytes()[i] == b'#' => (&after[..i], None, Some(&after[i + 1..])),
        Some(i) => {
            let q = &after[i + 1..];
            match q.find('#') {
                Some(j) => (&after[..i], Some(&q[..j]), Some(&q[j + 1..])),
                None => (&after[..i], Some(q), None),
            }
        }
    };
    Some(UrlParts {
        scheme,
        host,
        port,
        path,
        query,
        fragment,
    })
}

fn starts_with_ci(b: &[u8], prefix: &[u8]) -> bool {
    b.len() >= prefix.len() && b[..prefix.len()].eq_ignore_ascii_case(prefix)
}

/// Host names: letters, digits, `-`, `_`, and non-ASCII (internationalized names stay as written), in non-empty
/// dot-separated labels.
fn valid_host(host: &str) -> bool {
    !host.is_empty()
        && !host.starts_with('.')
        && !host.ends_with('.')
        && !host.contains("..")
        && host
            .bytes()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'.' | b'_') || c >= 0x80)
}

/// Up to [`Segments::CAP`] non-empty path segments, raw (not decoded). Empty segments (`//`) are skipped because
/// every supported site serves the same page for them.
pub(crate) struct Segments<'a> {
    segs: [&'a str; Segments::CAP],
    len: usize,
}

impl<'a> Segments<'a> {
    /// No recognizer looks deeper than this.
    pub const CAP: usize = 6;

    pub fn new(path: &'a str) -> Self {
        let mut segs = [""; Self::CAP];
        let mut len = 0;
        let b = path.as_bytes();
        let mut start = 0;
        // Byte scan: both separators are ASCII, so every slice boundary is a char boundary.
        for i in 0..=b.len() {
            if i == b.len() || b[i] == b'/' || b[i] == b'\\' {
                if i > start {
                    if len == Self::CAP {
                        break;
                    }
                    segs[len] = &path[start..i];
                    len += 1;
                }
                start = i + 1;
            }
        }
        Segments { segs, len }
    }

    pub fn get(&self, i: usize) -> Option<&'a str> {
        if i < self.len {
            Some(self.segs[i])
        } else {
            None
        }
    }

    pub fn len(&self) -> usize {
        self.len
    }
}

/// The raw value of the first `key=value` pair named `key` (names compared exactly, as the sites do).
pub(crate) fn query_get<'a>(query: Option<&'a str>, key: &str) -> Option<&'a str> {
    query?.split('&').find_map(|pair| {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        (k == key).then_some(v)
    })
}

/// Decodes `%XX` escapes (and, when `plus_is_space`, `+` as in form-encoded query values). Malformed escapes are
/// kept literally, as browsers do. `None` when the decoded bytes are not UTF-8. Borrows when there is nothing to
/// decode, which is the common case.
pub(crate) fn percent_decode(s: &str, plus_is_space: bool) -> Option<Cow<'_, str>> {
    let b = s.as_bytes();
    if !b.iter().any(|&c| c == b'%' || (plus_is_space && c == b'+')) {
        return Some(Cow::Borrowed(s));
    }
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c == b'%' && i + 2 < b.len() {
            if let (Some(h), Some(l)) = (hex(b[i + 1]), hex(b[i + 2])) {
                out.push(h << 4 | l);
                i += 3;
                continue;
            }
        }
        out.push(if plus_is_space && c == b'+' { b' ' } else { c });
        i += 1;
    }
    String::from_utf8(out).ok().map(Cow::Owned)
}

/// Percent-decodes a path segment. Convenience for the site recognizers.
pub(crate) fn decode_seg(s: &str) -> Option<Cow<'_, str>> {
    percent_decode(s, false)
}

fn hex(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_common_shapes() {
        let u = split("HTTPS://WWW.Example.COM:443/a/b?x=1&y#frag").unwrap();
        assert_eq!(u.scheme, Scheme::Https);
        assert_eq!(u.host, "WWW.Example.COM");
        assert_eq!(u.port, Some("443"));
        assert_eq!(u.path, "/a/b");
        assert_eq!(u.query, Some("x=1&y"));
        assert_eq!(u.fragment, Some("frag"));

        let u = split("  shopee.vn/shop/1  ").unwrap();
        assert_eq!((u.scheme, u.host, u.path), (Scheme::Missing, "shopee.vn", "/shop/1"));

        let u = split("https://user:pw@x.com./jack").unwrap();
        assert_eq!((u.host, u.path), ("x.com", "/jack"));

        let u = split("https://x.com?x=1").unwrap();
        assert_eq!((u.path, u.query), ("", Some("x=1")));

        let u = split("https://x.com/a#b?c").unwrap();
        assert_eq!((u.path, u.query, u.fragment), ("/a", None, Some("b?c")));
        let u = split("https://x.com/a?b#c?d").unwrap();
        assert_eq!((u.path, u.query, u.fragment), ("/a", Some("b"), Some("c?d")));
        let u = split("https://a@b:c@x.com:8080/").unwrap();
        assert_eq!((u.host, u.port), ("x.com", Some("8080")));
    }

    #[test]
    fn rejects_non_web_urls() {
        for s in [
            "",
            "not a url",
            "javascript:alert(1)",
            "mailto:a@facebook.com",
            "hello/world",
            "https://",
            "https://exa mple.com/",
            "https://x.com:abc/",
            "ftp://x.com/jack",
            "https://x..com/",
            "a..",
        ] {
            assert!(split(s).is_none(), "{s:?}");
        }
    }

    #[test]
    fn segments_skip_empty_and_cap() {
        let s = Segments::new("//a///b/c/d/e/f/g/h");
        assert_eq!(s.len(), Segments::CAP);
        assert_eq!(s.get(0), Some("a"));
        assert_eq!(s.get(1), Some("b"));
        assert_eq!(s.get(6), None);
        assert_eq!(Segments::new("/").len(), 0);
    }

    #[test]
    fn query_and_decoding() {
        assert_eq!(query_get(Some("a=1&id=42&id=7"), "id"), Some("42"));
        assert_eq!(query_get(Some("flag&b=2"), "flag"), Some(""));
        assert_eq!(query_get(None, "id"), None);
        assert_eq!(percent_decode("%40abc", false).unwrap(), "@abc");
        assert_eq!(percent_decode("a+b%2", true).unwrap(), "a b%2");
        assert_eq!(percent_decode("%E1%BB%85", false).unwrap(), "ễ");
        assert!(percent_decode("%FF", false).is_none());
        assert!(matches!(percent_decode("plain", false), Some(Cow::Borrowed(_))));
    }
}
