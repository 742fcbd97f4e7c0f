//! # koltrust-server — the reference Alliance server (`koltrust serve`)
//!
//! The extension's counterpart: it **distributes the signed registry** (a signed manifest, snapshots and deltas
//! as static files with strong ETags), **takes complaints** (validated by the same core type the extension uses,
//! idempotent, rate limited, acknowledged only after a durable commit) and lets the Alliance **triage** them (a
//! token-protected moderation API, the `koltrust complaints …` CLI, and the staff console at `/console/`). Registry edits and publications go through
//! the database and are audited.
//!
//! | module | owns |
//! | --- | --- |
//! | [`backup`] | `koltrust backup` / `restore`: a consistent copy of a data folder (SQLite via `VACUUM INTO`) and its restore into a new folder |
//! | [`clock`] | the wall clock, in one place |
//! | [`console`] | the Alliance console's server side: staff passwords, sessions and throttling, publication preview, the embedded pages |
//! | [`roles`] | staff roles and what each may do |
//! | [`config`] | what `koltrust serve` can be told: data folder, address, static folder, limits |
//! | [`datadir`] | the data folder: layout, first-start initialisation, signing key and admin token (mode 0600) |
//! | [`store`] | storage traits ([`store::ComplaintStore`], [`store::RegistryStore`], [`store::AuditLog`]) and its SQLite and PostgreSQL implementations |
//! | [`intake`] | the group-commit writer: many submissions, one transaction, one fsync, then every 2xx |
//! | [`publish`] | building, signing and storing a registry publication (snapshot, deltas, manifest, keys) |
//! | [`mirror`] | copies of the stored publications on disk: the data folder's `public/`, other instances', `--out DIR` |
//! | [`admin`] | the operations behind the moderation API and the admin CLI (list, show, set status, export, registry edits) |
//! | [`metrics`] | `/metrics`: request counts and latencies by route template, queue depth, batch sizes, sequence |
//! | [`openapi`] | the API contract (OpenAPI 3.1) served at `/v1/openapi.json`, held to the router by its tests |
//! | [`ratelimit`] | token buckets per client token and per IP |
//! | [`error`] | the JSON error body every 4xx/5xx carries, and its stable codes |
//! | [`routes`] | the HTTP surface (axum): health, registry files, complaints, moderation, static `www/` |
//! | [`serve`] | start-up, the listener, graceful shutdown |
//! | [`wire_errors`] | the JSON body for the errors hyper answers itself (unparseable or oversized request heads) |
//!
//! ## HTTP API
//! | method | path | purpose | auth |
//! | --- | --- | --- | --- |
//! | GET | `/v1/health` | liveness + latest published sequence | — |
//! | GET | `/metrics` | Prometheus text: requests, latencies, queue depth, batch sizes, sequence, store errors | — (keep it off the public proxy) |
//! | GET | `/v1/openapi.json` | the API contract (OpenAPI 3.1) | — |
//! | GET | `/v1/registry/manifest` | signed manifest: latest sequence, snapshot and delta locations, key id | — |
//! | GET | `/v1/registry/keys` | the public key(s) that sign the registry | — |
//! | GET | `/v1/registry/snapshots/<seq>.bin` | a signed snapshot (immutable) | — |
//! | GET | `/v1/registry/deltas/<from>-<to>.bin` | a signed delta (immutable) | — |
//! | POST | `/v1/complaints` | submit a complaint → receipt (idempotent on the client id) | — (rate limited) |
//! | GET | `/v1/complaints/<receipt>` | the reporter's view: status, times and the note to the reporter, no contents | — |
//! | GET | `/v1/admin/complaints` | list (`?status=&limit=&offset=`) | Bearer admin token |
//! | GET | `/v1/admin/complaints/<receipt>` | one complaint in full, with its history | Bearer admin token |
//! | POST | `/v1/admin/complaints/<receipt>/status` | move it along the lifecycle (`{"status","note"}`) | Bearer admin token |
//! | GET | `/v1/admin/complaints/export` | every complaint as JSON lines (`?status=`) | Bearer admin token |
//! | GET, POST | `/console/`, `/console/api/…` | the Alliance console (`routes::console`, docs/console.md) | staff session cookie + CSRF token |
//! | GET | `/` … | the static portal (`www/`) | — |

pub mod admin;
pub mod backup;
pub mod clock;
pub mod config;
pub mod console;
pub mod datadir;
pub mod error;
pub mod intake;
pub mod metrics;
pub mod mirror;
pub mod openapi;
pub mod publish;
pub mod ratelimit;
pub mod roles;
pub mod routes;
pub mod serve;
pub mod store;
pub mod wire_errors;

pub use clock::now_ms;
pub use config::{RateConfig, ServeConfig};
pub use serve::serve;
