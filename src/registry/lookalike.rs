//! Impersonation: an account the registry does not know that *looks like* a registered KOL — by its handle
//! (`lаnreview` with a Cyrillic `а`, `1anrev1ew`, `lan.revievv_official` for a registered `lanreview`), or by the
//! name it displays ("Lê Ngọc Minh ✅ Official", "Le Ngoc Minh Store" for a registered Lê Ngọc Minh). The badge
//! warns and the card says whom it imitates and how (`docs/data-model.md`, "Status at time t": the state after
//! *registered*, before *unknown*).
//!
//! ## How: skeletons and a name index in the snapshot
//! Every name is reduced to its skeleton ([`crate::text::skeleton`]): what it looks like, with the deceptive
//! techniques it used recorded on the way. The snapshot carries a **name index** (keys: [`crate::registry::name_keys`]) (sections 5 and 6,
//! `docs/formats.md`), built like the account index — hashed buckets of `fingerprint << ordinal_bits | ordinal`
//! words — over two kinds of keys per record ([`record_name_hashes`]):
//!
//! - one per *name-like* account ([`applies_to`]: handles, usernames, shop slugs — not numeric ids, which cannot be
//!   spelled to look alike): `key_hash(platform, KIND_HANDLE, skeleton)`, so a look-alike handle matches on the same
//!   platform only;
//! - one per display name and alias: `key_hash(0, KIND_NAME, name key)`, any platform (a fake Facebook page may
//!   wear the name of a KOL registered only on TikTok).
//!
//! Keys repeated within a record are stored once. At ≈ 3.2 accounts per KOL that is about one key per account,
//! 4.4 bytes with the directory — the budget is 10 bytes per account for the whole name index (measured by
//! `cargo bench --bench registry`).
//!
//! An unknown link costs its skeleton (one or two: `1` may stand for `l` or `i`) and one bucket probe each; a
//! fingerprint match is confirmed by decoding the record and comparing skeletons, so a hash collision never names
//! the wrong KOL. A display name is probed only when showing it is a claim ([`crate::text::skeleton::NameKey::claims_identity`]): a plain
//! Vietnamese personal name matches only with a sign of deception (decorated, styled, look-alike letters, a check
//! mark), because thousands of ordinary people share a KOL's legal name.
//!
//! ## What is never flagged
//! Registered accounts (the caller asks only about accounts the index does not know — so a KOL's own second
//! account, once registered, is never an impersonator), numeric ids, names with letters of no Latin look, and
//! skeletons shorter than [`MIN_SKELETON_LEN`].

use crate::platform::{IdType, Platform};
pub use crate::registry::name_keys::{applies_to, handle_hash, name_hash, record_name_hashes, KIND_HANDLE, KIND_NAME};
use crate::registry::reader::Registry;
use crate::registry::snapshot::SnapshotError;
use crate::text::skeleton::{handle_skeleton, handle_skeletons, name_key, Signs, MIN_SKELETON_LEN};

/// How an account imitates a registered one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Imitation {
    /// Its handle looks like the registered account's handle on the same platform.
    Handle {
        /// The techniques its handle uses that the registered one does not.
        signs: Signs,
        /// The decoration it adds (`official`), if any.
        decoration: Option<String>,
    },
    /// It shows a registered KOL's name or alias.
    DisplayName {
        /// The name as the page shows it.
        shown: String,
        /// The registered name or alias it matches.
        registered: String,
        /// The techniques the shown name uses (decoration, look-alike letters, a check mark…).
        signs: Signs,
        /// The decoration it adds (`official`, `chinh chu`), if any.
        decoration: Option<String>,
    },
}

/// An unregistered account that imitates a registered one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LookalikeHit {
    /// The record of the imitated KOL.
    pub record: u32,
    /// The imitated account's platform (the same as the look-alike's for a handle; for a display name, the KOL's
    /// account on the same platform if they have one, else their first).
    pub of_platform: Platform,
    /// The imitated account's namespace.
    pub of_id_type: IdType,
    /// The imitated account's id.
    pub of_account_id: String,
    /// How.
    pub imitation: Imitation,
}

/// For an account the registry does **not** know (the caller has looked it up): the registered KOL its handle or
/// its shown `display_name` imitates, if any. `Err` only for a damaged snapshot (or a chunk not loaded yet).
pub fn find(
    registry: &Registry,
    platform: Platform,
    id_type: IdType,
    account_id: &str,
    display_name: Option<&str>,
) -> Result<Option<LookalikeHit>, SnapshotError> {
    if applies_to(id_type) {
        // Of several registered handles with the same skeleton (a KOL and a registered impersonator of them), the
        // one this handle is fewest techniques away from is the one it imitates.
        let mut best: Option<(u32, LookalikeHit)> = None;
        for fake in handle_skeletons(account_id) {
            if fake.text.len() < MIN_SKELETON_LEN {
                continue;
            }
            for ordinal in registry.name_candidates(handle_hash(platform, &fake.text))? {
                let record = registry.record(ordinal)?;
                for a in &record.accounts {
                    if a.platform != platform || !applies_to(a.id_type) {
                        continue;
                    }
                    let Some(real) = handle_skeleton(&a.account_id).filter(|r| r.text == fake.text) else {
                        continue;
                    };
                    let extra = fake.signs.without(real.signs);
                    let distance = extra.0.count_ones();
                    if best.as_ref().is_some_and(|(d, _)| *d <= distance) {
                        continue;
                    }
                    let hit = LookalikeHit {
                        record: ordinal,
                        of_platform: a.platform,
                        of_id_type: a.id_type,
                        of_account_id: a.account_id.clone(),
                        imitation: Imitation::Handle {
                            signs: handle_signs(account_id, &a.account_id, extra),
                            decoration: fake
                                .decoration
                                .filter(|_| real.decoration != fake.decoration)
                                .map(str::to_string),
                        },
                    };
                    best = Some((distance, hit));
                }
            }
        }
        if let Some((_, hit)) = best {
            return Ok(Some(hit));
        }
    }
    let Some(shown) = display_name.map(str::trim).filter(|n| !n.is_empty()) else {
        return Ok(None);
    };
    let Some(key) = name_key(shown).filter(|k| k.claims_identity()) else {
        return Ok(None);
    };
    for ordinal in registry.name_candidates(name_hash(&key.text))? {
        let record = registry.record(ordinal)?;
        let registered = std::iter::once(&record.name)
            .chain(&record.aliases)
            .find(|n| name_key(n).is_some_and(|k| k.text == key.text));
        let (Some(registered), Some(first)) = (registered, record.accounts.first()) else {
            continue;
        };
        let a = record.accounts.iter().find(|a| a.platform == platform).unwrap_or(first);
        return Ok(Some(LookalikeHit {
            record: ordinal,
            of_platform: a.platform,
            of_id_type: a.id_type,
            of_account_id: a.account_id.clone(),
            imitation: Imitation::DisplayName {
                shown: shown.to_string(),
                registered: registered.clone(),
                signs: key.signs,
                decoration: key.decoration.map(str::to_string),
            },
        }));
    }
    Ok(None)
}

impl Registry {
    /// The registered KOL an account imitates — by its handle, or by the `display_name` a page shows beside it —
    /// or `None`; always `None` for a registered account ([`find`] for the rules).
    pub fn lookalike(
        &self,
        platform: Platform,
        id_type: IdType,
        account_id: &str,
        display_name: Option<&str>,
    ) -> Result<Option<LookalikeHit>, SnapshotError> {
        if self.lookup(platform, id_type, account_id)?.is_some() {
            return Ok(None);
        }
        find(self, platform, id_type, account_id, display_name)
    }
}

/// The techniques to name for a look-alike handle: those its folding undid beyond the registered handle's, or —
/// when it *removed* something the registered one has (`lanreview` for `lan.review`) — what differs.
fn handle_signs(fake: &str, real: &str, extra: Signs) -> Signs {
    if !extra.is_empty() {
        return extra;
    }
    let separators = |s: &str| s.chars().filter(|c| matches!(c, '.' | '_' | '-')).count();
    if separators(fake) != separators(real) {
        Signs::SEPARATORS
    } else {
        Signs::REPEATS
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::model::Record;
    use crate::registry::snapshot::{build_snapshot, SnapshotMeta};
    use crate::testing::{plain_record, test_key, test_keys, NOW};

    fn registry(records: &[Record]) -> Registry {
        let meta = SnapshotMeta {
            sequence: 1,
            issued_unix: NOW,
            expires_unix: NOW + 86_400 * 7,
        };
        let bytes = build_snapshot(records, &meta, &test_key()).expect("build");
        Registry::open(bytes, &test_keys(), None, NOW).expect("open")
    }

    #[test]
    fn a_records_keys_are_distinct_and_skip_numeric_ids() {
        let r = plain_record(
            "KT-1",
            "Lê Ngọc Minh",
            &[
                (Platform::Tiktok, IdType::Handle, "lanreview"),
                (Platform::Instagram, IdType::Username, "lanreview"),
                (Platform::Facebook, IdType::FbNumericId, "100012345678901"),
            ],
        );
        assert_eq!(record_name_hashes(&r).len(), 3);
    }

    #[test]
    fn handles_and_names_are_found_and_explained() {
        let r = plain_record(
            "KT-1",
            "Lê Ngọc Minh",
            &[
                (Platform::Tiktok, IdType::Handle, "lanreview"),
                (Platform::Youtube, IdType::YtHandle, "minhreview"),
            ],
        );
        let reg = registry(&[r]);
        let hit = find(&reg, Platform::Tiktok, IdType::Handle, "lаnreview", None)
            .unwrap()
            .unwrap();
        assert_eq!(hit.of_account_id, "lanreview");
        assert!(matches!(hit.imitation, Imitation::Handle { signs, .. } if signs.contains(Signs::OTHER_SCRIPT)));
        // Same skeleton on another platform: not this account's look-alike.
        assert_eq!(
            find(&reg, Platform::X, IdType::Handle, "lаnreview", None).unwrap(),
            None
        );
        let hit = find(
            &reg,
            Platform::Facebook,
            IdType::FbUsername,
            "shop.abc",
            Some("Le Ngoc Minh Store"),
        )
        .unwrap()
        .unwrap();
        assert!(
            matches!(&hit.imitation, Imitation::DisplayName { registered, decoration: Some(d), .. } if registered == "Lê Ngọc Minh" && d == "store")
        );
        assert_eq!(hit.of_platform, Platform::Tiktok);
        // A plain personal name is not a claim.
        assert_eq!(
            find(
                &reg,
                Platform::Facebook,
                IdType::FbUsername,
                "shop.abc",
                Some("Lê Ngọc Minh")
            )
            .unwrap(),
            None
        );
        assert_eq!(
            find(&reg, Platform::Tiktok, IdType::Handle, "minhtran.99", Some("Trần Minh")).unwrap(),
            None
        );
    }
}
