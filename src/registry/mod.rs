//! # The Alliance registry
//!
//! What the Digital Trust Alliance says about KOLs, how it is published (a signed binary snapshot plus signed
//! deltas), and how a reader answers "what badge does this account get?" from the stored bytes fast enough for an
//! MV3 service worker that cold-starts on every wake-up.
//!
//! | module | owns |
//! | --- | --- |
//! | [`date`] | calendar days in Vietnam time, ISO `yyyy-mm-dd` |
//! | [`model`] | the record: accounts, certification, sanctions, complaints (the data model, documented there) |
//! | [`status`] | the trust state on a given day and its boundaries; the packed per-record badge word |
//! | [`card`] | the localized (vi/en) detail-card view model |
//! | [`codec`] | the binary encoding of one record; varints and a bounds-checked reader |
//! | [`index`] | the account index: hashed buckets of fingerprint+ordinal words, used in place |
//! | [`keys`] | key ids, the pinned key set, hex |
//! | [`snapshot`] | the signed file format, its errors, and the writer |
//! | [`reader`] | [`Registry`]: open (verify head), lazy per-chunk verification, lookup, record, card |
//! | [`delta`] | signed deltas N → M: copy / add-to-words / insert operations, checked by SHA-256 |
//! | `source` | (native only) the JSON and CSV source formats, with every error's line and field |
//! | `sample` | (native only) deterministic fictional sample registries |
//!
//! ## Flow
//! ```text
//! source.json / bulk.csv --source::parse_*--> Vec<Record> --snapshot::build_snapshot(key)--> snapshot bytes
//! snapshot bytes --Registry::open(bytes, keys, held, now)--> Registry --lookup(platform, id_type, id)--> Hit
//! old snapshot + delta --delta::apply_delta(keys)--> new snapshot bytes (SHA-256 checked) --Registry::open--> …
//! ```
//!
//! ## Measured (native, `cargo bench --bench registry`, 2-core machine; see `benches/registry.rs`)
//! The numbers are recorded in the closing note of issue 4 and in the bench's printed table; the index design in
//! [`index`] and the chunked verification in [`snapshot`] are what keep lookup time and cold start flat as the
//! registry grows.

pub mod card;
pub mod codec;
pub mod date;
pub mod delta;
pub mod index;
pub mod keys;
pub mod model;
pub mod reader;
#[cfg(not(target_arch = "wasm32"))]
pub mod sample;
pub mod snapshot;
#[cfg(not(target_arch = "wasm32"))]
pub mod source;
pub mod status;

pub use card::{card_view, CardView, Freshness};
pub use date::Date;
pub use keys::{KeyId, KeySet, SigningKey};
pub use model::{CertLevel, Certification, ComplaintStats, Record, Sanction, SanctionKind, SanctionReason};
pub use reader::{Hit, Registry};
pub use snapshot::{build_snapshot, BuildError, SnapshotError, SnapshotMeta};
pub use status::state_at;
