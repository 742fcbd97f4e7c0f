//! # KOL Trust core
//!
//! Everything KOL Trust *decides* lives here, as plain Rust with no I/O, so that the same code runs in the CLI, the
//! Alliance server, the tests and benchmarks (natively) and in the extension's service worker and the portal
//! (compiled to `wasm32-unknown-unknown`).
//!
//! The modules are grouped by responsibility, lowest layer first; a module uses only those above it in this table
//! (`cargo xtask cycles` checks this order, and that no files import each other in a loop).
//!
//! | module | owns |
//! | --- | --- |
//! | [`platform`] | the vocabulary shared by every other module: platforms, account-id namespaces, account keys |
//! | [`i18n`] | the two languages every person-facing string exists in (Vietnamese first, English second) |
//! | [`text`] | text utilities: folding for matching and search, NFC supplied by the host, a small JSON writer |
//! | [`recognize`] | turning a URL (or a page's own signals) into `(platform, id_type, account_id, kind)` |
//! | [`registry`] | the Alliance registry: data model, status at a date, signed snapshots and deltas, the account index |
//! | [`promotion`] | promotion detection in a post's text and links: shop/affiliate links, codes, disclosures, risk cues with spans |
//! | [`views`] | what the extension shows: badges, state colours, lookup answers, the popup, the detail card, vetting records |
//! | [`complaint`] | a consumer's report: the submission, its validation (shared by extension and server), its status lifecycle, the report dialog's draft, delivery |
//! | [`portal`] | the public portal's decisions: the check query, name search, the sanctions register, vetting a list |
//!
//! The WebAssembly bindings are a separate crate (`wasm/`), a thin adapter over these modules.
//!
//! Glue code (JavaScript in `extension/` and `www/`, the CLI in `cli/`) wires browser APIs, files and sockets to
//! these functions and decides nothing it could ask the core.

#![warn(missing_docs)]

pub mod complaint;
pub mod i18n;
pub mod platform;
pub mod portal;
pub mod promotion;
pub mod recognize;
pub mod registry;
#[doc(hidden)]
pub mod testing;
pub mod text;
pub mod views;
