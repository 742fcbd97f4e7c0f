//! The name index's keys: which names of a record the snapshot's name index holds, and how each is hashed (part of
//! the snapshot format, `docs/formats.md`, "Name index"). The builder ([`super::snapshot`]) writes them and
//! [`super::reader::Registry::verify_all`] checks them; the search that reads them is [`super::lookalike`].

use crate::platform::{IdType, Platform};
use crate::registry::codec::platform_code;
use crate::registry::index::key_hash;
use crate::registry::model::Record;
use crate::text::skeleton::{handle_skeleton, name_key, MIN_SKELETON_LEN};

/// Whether ids of this namespace are names a person chooses (and so can imitate).
pub fn applies_to(id_type: IdType) -> bool {
    matches!(
        id_type,
        IdType::Handle
            | IdType::Username
            | IdType::FbUsername
            | IdType::YtHandle
            | IdType::YtCustom
            | IdType::YtUser
            | IdType::ShopUsername
            | IdType::ShopSlug
    )
}

/// The namespace byte of handle-skeleton keys in the name index (outside every real id-type code).
pub const KIND_HANDLE: u8 = 0xF1;
/// The namespace byte of display-name keys in the name index.
pub const KIND_NAME: u8 = 0xF2;

/// The name-index key of a handle skeleton on a platform.
pub fn handle_hash(platform: Platform, skeleton: &str) -> u64 {
    key_hash(platform_code(platform), KIND_HANDLE, skeleton.as_bytes())
}

/// The name-index key of a display-name key (any platform).
pub fn name_hash(key: &str) -> u64 {
    key_hash(0, KIND_NAME, key.as_bytes())
}

/// A record's name-index keys: the skeleton of each name-like account, and the key of its name and each alias,
/// each distinct key once. Part of the snapshot format (the builder writes them, `verify_all` checks them).
pub fn record_name_hashes(record: &Record) -> Vec<u64> {
    let mut out: Vec<u64> = Vec::new();
    let mut push = |h: u64| {
        if !out.contains(&h) {
            out.push(h);
        }
    };
    for a in &record.accounts {
        if applies_to(a.id_type) {
            if let Some(s) = handle_skeleton(&a.account_id).filter(|s| s.text.len() >= MIN_SKELETON_LEN) {
                push(handle_hash(a.platform, &s.text));
            }
        }
    }
    for n in std::iter::once(&record.name).chain(&record.aliases) {
        if let Some(k) = name_key(n) {
            push(name_hash(&k.text));
        }
    }
    out
}
