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
//! | [`codec`] | the binary encoding of one record; varints and a bounds-checked reader |
//! | [`index`] | the account index: hashed buckets of fingerprint+ordinal words, used in place |
//! | [`name_keys`] | the name index's keys: a record's handle skeletons and name keys, hashed (format) |
//! | [`lookalike`] | impersonation: unregistered handles that look like a registered one, accounts showing a registered KOL's name |
//! | [`keys`] | key ids, the pinned key set, hex |
//! | [`snapshot`] | the signed file format, its errors, and the writer |
//! | [`reader`] | [`Registry`]: open (verify head), lazy per-chunk verification, lookup, record |
//! | [`delta`] | signed deltas N → M: copy / add-to-words / insert operations, checked by SHA-256 |
//! | [`update`] | moving a reader forward: signed manifest, delta-or-snapshot plan, checked download, rollback refused |
//! | `source` | (native only) the JSON and CSV source formats, with every error's line and field |
//! | `sample` | (native only) deterministic fictional sample registries |
//!
//! The byte layouts of the snapshot and the delta, the key id derivation, the versioning rules and the format
//! history are written up in `docs/formats.md`; `tests/registry_golden.rs` pins the bytes.
//!
//! ## Flow
//! ```text
//! source.json / bulk.csv --source::parse_*--> Vec<Record> --snapshot::build_snapshot(key)--> snapshot bytes
//! snapshot bytes --Registry::open(bytes, keys, held, now)--> Registry --lookup(platform, id_type, id)--> Hit
//! old snapshot + delta --delta::apply_delta(keys)--> new snapshot bytes (SHA-256 checked) --Registry::open--> …
//! ```
//!
//! ## Budgets and measurements
//! Native, release build, 2-core machine shared with other work, fictional sample data with ≈ 3.2 accounts per KOL;
//! `cargo bench --bench registry` prints this table (`benches/registry.rs`):
//!
//! | accounts | build | snapshot bytes/account | badge-index bytes/account | cold start (open + first lookup) | median lookup, known | median lookup, unknown | `verify_all` | lookalike check, unknown handle |
//! | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
//! | 10 000 | 3.7 ms | 60.1 | 5.66 | 0.06 ms | 40 ns | 27 ns | 2.2 ms | 2.2 µs |
//! | 300 000 | 248 ms | 61.8 | 5.67 | 0.13 ms | 75 ns | 31 ns | 66 ms | 1.9 µs |
//! | 1 000 000 | 1.21 s | 62.1 | 5.67 | 0.23 ms | 103 ns | 42 ns | 235 ms | 2.3 µs |
//!
//! Budgets (`docs/performance.md`): ≤ 6 bytes per account for badge-level answers — the directory, the entries and the
//! badge words (5.66); the core's share of the worker's cold start to the first answer (whole budget ≤ 80 ms at 1 M
//! accounts) — opening verifies only the signed head
//! (≈ 0.2 % of the file) and hashes the 64 KiB chunks the first lookup touches, so it stays well under a millisecond
//! natively and grows only with the chunk table; ≤ 150 ns median lookup at 1 M accounts in wasm — a known account costs
//! about four cache misses (directory, bucket, record offset, the record's account list for the exact confirmation,
//! plus its badge word), an unknown one two.
//!
//! In wasm (`wasm/tests/registry_wasm.rs`, Node 20, 1 M accounts of simpler records, 46 MB snapshot, shipped
//! `wasm-release` profile, machine under load from other work): cold start including the copy of the bytes
//! 4–8 ms, lookup of a known account 83–124 ns, of an unknown one ≈ 45 ns (`--release`, opt-level 3: 86–90 and
//! 46–61 ns). The extension's own benchmark in the service worker is the reference.
//!
//! Not included in cold start: getting the bytes into memory (in the service worker, reading the snapshot from
//! storage and copying it into wasm memory is a memcpy-speed cost the glue pays before `open`). `verify_all` is a
//! full pass — SHA-256 of every chunk, every structure, every record decoded and looked up — meant for idle time
//! after a download, not for cold start. The snapshot's size is dominated by the records'
//! text (names, handles, sanction summaries); the badge path never reads it except to confirm a hit. The lookalike
//! check ([`lookalike`]) runs only for unknown accounts: one to five handle skeletons and a shown name's key, each one
//! probe of the name index (5.1 bytes per account at 1 M), 0.6 µs in wasm at 1 M accounts (1.2 µs with a shown name;
//! `cargo xtask bench-wasm`).

pub mod codec;
pub mod date;
pub mod delta;
pub mod index;
pub mod keys;
pub mod lookalike;
pub mod model;
pub mod name_keys;
pub mod reader;
#[cfg(feature = "source-formats")]
pub mod sample;
pub mod snapshot;
#[cfg(feature = "source-formats")]
pub mod source;
pub mod status;
pub mod update;

pub use date::Date;
pub use keys::{KeyId, KeySet, SigningKey};
pub use lookalike::{Imitation, LookalikeHit};
pub use model::{CertLevel, Certification, ComplaintStats, Record, Sanction, SanctionKind, SanctionReason};
pub use reader::Freshness;
pub use reader::{
    initial_read_len, prefix_chunk_layout, resident_prefix_len, Hit, Registry, HEAD_PROBE_LEN, LOAD_BLOCK_BYTES,
    READ_WHOLE_BELOW,
};
pub use snapshot::{build_snapshot, BuildError, SnapshotError, SnapshotMeta};
pub use status::{state_at, TrustState};
