//! Text utilities the rest of the core shares, each with one job:
//!
//! | module | owns |
//! | --- | --- |
//! | [`fold`] | folding Vietnamese (and English) text to lower-case ASCII with a map back to the original: the phrase matcher's and name search's input |
//! | [`skeleton`] | what a handle or display name looks like (TS #39-style confusable folding), and which deceptive techniques it uses |
//! | [`unicode`] | NFC and full lower-casing, supplied by the host (crates natively, the JS engine in wasm) |
//! | [`csv`] | the one CSV writer of every export: RFC 4180 fields, formula cells defused, an optional BOM |
//! | `json` | a compact JSON writer for the texts the core produces in the wasm build |

pub mod csv;
pub mod fold;
pub(crate) mod json;
pub mod skeleton;
pub mod unicode;
