//! The extension's second module (feature `lazy`, `pkg/koltrust_lazy.js`): what only the detail card, vetting, the
//! report dialog, post flags and the outbox need. The service worker imports its glue statically (MV3 forbids
//! `import()` there) and instantiates its WebAssembly on the first message that needs it, so the badge path never
//! compiles or holds it (`extension/worker/lazy.js`; docs/architecture.md, "Two WebAssembly modules").
//!
//! It holds no registry: what a card or a draft needs from one — a record, the registry's day and freshness, a
//! profile's badge state and name — comes from the first module's `Engine.cardFacts` / `Engine.profileFacts` as
//! plain objects, and the core decides the rest here (`views::card::card_from_facts`,
//! `complaint::draft::draft_with`). Those objects come from the worker itself, never from a page.

pub mod card;
mod outbox;
pub mod promotion;
pub mod report;
