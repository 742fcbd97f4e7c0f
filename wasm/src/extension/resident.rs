//! Reading the registry lazily (feature `extension`): the worker's cold start opens a snapshot from its resident
//! prefix (`koltrust::registry::Registry::open_resident`) and reads the rest from storage as answers need it. These
//! exports only move bytes; which bytes, and whether they can be trusted, is the core's decision.

use crate::{snapshot_error, Engine};
use koltrust::registry::Registry;
use wasm_bindgen::prelude::*;

/// How many first bytes of a snapshot [`initial_read_len`] needs (the fixed header and the section table).
#[wasm_bindgen(js_name = headProbeLen)]
pub fn head_probe_len() -> f64 {
    koltrust::registry::HEAD_PROBE_LEN as f64
}

/// How many of a snapshot's first bytes the worker reads at start (the resident prefix, or a small file whole: see
/// `koltrust::registry::initial_read_len`), from its first [`head_probe_len`] bytes; then [`Engine::open_resident`].
#[wasm_bindgen(js_name = initialReadLen)]
pub fn initial_read_len(first_bytes: &[u8]) -> Result<f64, JsError> {
    koltrust::registry::initial_read_len(first_bytes)
        .map(|n| n as f64)
        .map_err(snapshot_error)
}

/// The body chunks wholly inside a snapshot's first `given_len` bytes as `[offset of the first, chunk size, count]`,
/// from its first [`head_probe_len`] bytes: the worker starts hashing them with WebCrypto while
/// [`Engine::open_resident`] checks the signature, then hands the digests to `acceptDigests`.
#[wasm_bindgen(js_name = prefixChunkLayout)]
pub fn prefix_chunk_layout(first_bytes: &[u8], given_len: f64) -> Result<Vec<f64>, JsError> {
    let (at, size, count) =
        koltrust::registry::prefix_chunk_layout(first_bytes, given_len as usize).map_err(snapshot_error)?;
    Ok(vec![at as f64, size as f64, count as f64])
}

#[wasm_bindgen]
impl Engine {
    /// Opens a snapshot of `file_len` bytes from its first bytes only (at least [`resident_prefix_len`] of them),
    /// checked as the constructor checks a whole file: the worker's cold start, which then reads only what the
    /// answers need. When a question fails for want of bytes, `takeWanted` says which to read and `supply` takes them.
    #[wasm_bindgen(js_name = openResident)]
    pub fn open_resident(
        file_len: f64,
        prefix: Vec<u8>,
        pinned_keys: Vec<String>,
        held_sequence: Option<f64>,
        now_ms: f64,
    ) -> Result<Engine, JsError> {
        Engine::opened_with(&pinned_keys, held_sequence, now_ms, |keys, held, now| {
            Registry::open_resident(file_len as u64, prefix, keys, held, now)
        })
    }

    /// The file byte ranges the last questions needed and did not find loaded, as `[start, end, start, end, …]`
    /// (empty when nothing is missing: an error then is a real one).
    #[wasm_bindgen(js_name = takeWanted)]
    pub fn take_wanted(&self) -> Vec<f64> {
        self.registry
            .take_wanted()
            .into_iter()
            .flat_map(|(a, b)| [a as f64, b as f64])
            .collect()
    }

    /// Takes file bytes read from storage at `offset` (a range `takeWanted` gave). Every chunk is hashed against the
    /// signed head first: an error means the stored file was altered and must be dropped.
    pub fn supply(&mut self, offset: f64, bytes: &[u8]) -> Result<(), JsError> {
        self.registry.supply(offset as usize, bytes).map_err(snapshot_error)
    }

    /// [`Engine::supply`] with the SHA-256 digest of each chunk of `bytes` (32 bytes each, WebCrypto's, chunks of
    /// the size `prefixChunkLayout` gives): the core compares them with the signed head instead of hashing.
    #[wasm_bindgen(js_name = supplyDigested)]
    pub fn supply_digested(&mut self, offset: f64, bytes: &[u8], digests: &[u8]) -> Result<(), JsError> {
        self.registry
            .supply_digested(offset as usize, bytes, Some(digests))
            .map_err(snapshot_error)
    }

    /// SHA-256 digests (32 bytes each, WebCrypto's) of resident chunks from `first` on, computed from the prefix the
    /// engine was opened with: the core compares them with the signed head. An error means the file was altered.
    #[wasm_bindgen(js_name = acceptDigests)]
    pub fn accept_digests(&self, first: u32, digests: &[u8]) -> Result<(), JsError> {
        self.registry
            .accept_digests(first as usize, digests)
            .map_err(snapshot_error)
    }

    /// A chunk failed its hash: the stored file was altered; the worker drops it and reopens from the package.
    #[wasm_bindgen(getter)]
    pub fn tainted(&self) -> bool {
        self.registry.is_tainted()
    }

    /// Asks for every byte not loaded yet (then `takeWanted` names them).
    #[wasm_bindgen(js_name = wantAll)]
    pub fn want_all(&self) {
        self.registry.want_all();
    }

    /// Hashes about `max_bytes` of loaded chunks not verified yet, at least one chunk (idle time after the first
    /// answer); `true` once all are. An error means the stored file was altered and must be dropped.
    #[wasm_bindgen(js_name = verifyResident)]
    pub fn verify_resident(&self, max_bytes: u32) -> Result<bool, JsError> {
        self.registry
            .verify_resident((max_bytes as usize / self.registry.chunk_size()).max(1))
            .map_err(snapshot_error)
    }
}
