//! The portal's share target (`portal::shared`): the URL found in a share's title, text and url. No panic;
//! deterministic; the URL found is a piece of one of the three fields (or that piece with `https://` before a
//! scheme-less token), never empty, without white space; `shared_query` is that URL or the trimmed words.
#![no_main]

use koltrust::portal::shared::{nameless_product, shared_link, shared_query, short_link};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    // Up to three fields separated by NUL: text, url, title.
    let mut parts = text.splitn(3, '\0');
    let (body, url, title) = (
        parts.next().unwrap_or(""),
        parts.next().unwrap_or(""),
        parts.next().unwrap_or(""),
    );
    let found = shared_link(title, body, url);
    assert_eq!(found, shared_link(title, body, url), "deterministic");
    let query = shared_query(title, body, url);
    match &found {
        Some(link) => {
            assert!(
                !link.url.is_empty() && !link.url.contains(char::is_whitespace),
                "{:?}",
                link.url
            );
            let bare = link.url.strip_prefix("https://").unwrap_or(&link.url);
            assert!(
                [title, body, url]
                    .iter()
                    .any(|f| f.contains(link.url.as_str()) || f.contains(bare)),
                "{:?} is not from the share",
                link.url
            );
            assert_eq!(query, link.url);
            let _ = (short_link(&link.url), nameless_product(&link.url));
        }
        None => assert_eq!(query.trim(), query),
    }
});
