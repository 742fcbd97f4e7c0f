//! # The Alliance console's server side (`/console/`)
//!
//! Named staff accounts with roles ([`crate::roles`]) work in the browser: moderators triage complaints,
//! registrars keep the register, publishers publish, admins manage staff and read the audit trail. The HTTP surface
//! is `crate::routes::console`; the static pages are the top-level `console/` folder, embedded in the binary.
//!
//! | module | owns |
//! | --- | --- |
//! | [`password`] | argon2id hashing and verification, the password policy |
//! | [`session`] | the cookie, CSRF tokens, idle and absolute expiry, login throttling (rules only, no I/O) |
//! | [`accounts`] | staff operations shared by `koltrust staff …` and the console (names checked, passwords hashed) |
//! | [`preview`] | what the next publication would change, against the last published snapshot |
//! | [`files`] | the console's static files (embedded) and their strict CSP |

pub mod accounts;
pub mod files;
pub mod password;
pub mod preview;
pub mod session;
