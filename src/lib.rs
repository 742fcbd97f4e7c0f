//! # KOL Trust core
//!
//! Everything KOL Trust *decides* lives here, as plain Rust with no I/O, so that the same code runs in the CLI, the
//! Alliance server, the tests and benchmarks (natively) and in the extension's service worker and the portal
//! (compiled to `wasm32-unknown-unknown`).
//!
//! | module | owns |
//! | --- | --- |
//! | [`platform`] | the vocabulary shared by every other module: platforms, account-id namespaces, account keys |
//! | [`recognize`] | turning a URL into `(platform, id_type, account_id, kind)` |
//! | [`i18n`] | the two languages every person-facing string exists in (Vietnamese first, English second) |
//! | [`badge`] | what a badge says: the trust state of an account and its localized label |
//! | [`palette`] | the state colours, once for every surface, as CSS custom properties |
//! | [`registry`] | the Alliance registry: data model, status, signed snapshots and deltas, the account index |
//! | [`complaint`] | a consumer's report: the submission, its validation (shared by extension and server), its status lifecycle |
//! | [`promotion`] | promotion detection in a post's text and links: shop/affiliate links, codes, disclosures, risk cues with spans |
//! | [`lookup`] | the batch answer the service worker gives a content script |
//! | [`popup`] | the toolbar popup's view of the current tab |
//! | [`cards`] | the in-page detail card a badge opens: record, lookalike or unknown, every label localized |
//! | [`vetting`] | the business vetting record of a profile: text, CSV and JSON |
//! | [`bulk`] | vetting a list of profiles (`koltrust vet` and the portal): input rules, rows, CSV |
//! | [`search`] | finding KOLs by name, insensitive to case and diacritics |
//! | [`register`] | the public sanctions register with its filters |
//! | [`portal`] | the portal's check query (URL, registry id or name) and its report form |
//! | `wasm` | the wasm-bindgen glue (compiled only for wasm32): a thin, typed adapter over the modules above |
//!
//! Glue code (JavaScript in `extension/` and `www/`, the CLI in `cli/`) wires browser APIs, files and sockets to
//! these functions and decides nothing it could ask the core.

pub mod badge;
pub mod bulk;
pub mod cards;
pub mod complaint;
pub mod i18n;
mod jsonw;
pub mod lookup;
pub mod palette;
pub mod platform;
pub mod popup;
pub mod portal;
pub mod promotion;
pub mod recognize;
pub mod register;
pub mod registry;
pub mod search;
#[doc(hidden)]
pub mod testing;
pub mod vetting;

#[cfg(target_arch = "wasm32")]
pub mod wasm;
