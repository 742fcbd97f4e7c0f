//! The public portal's decisions (`www/`, and `koltrust vet` for lists): what a check query means and answers, name
//! search, the sanctions register, vetting a list of profiles.
//!
//! | module | owns |
//! | --- | --- |
//! | [`check`] | the check query (URL, registry id or name), opening the published registry, the report form |
//! | [`search`] | finding KOLs by name, insensitive to case and diacritics |
//! | [`register`] | the public sanctions register with its filters |
//! | [`bulk`] | vetting a list of profiles: input rules, rows, CSV (the portal and `koltrust vet`) |
//! | [`shared`] | the profile or product URL inside a share text (the portal's share target), short links |

pub mod bulk;
pub mod check;
pub mod register;
pub mod search;
pub mod shared;
