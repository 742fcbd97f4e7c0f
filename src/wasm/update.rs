//! The update half of the [`Engine`] handle: the worker fetches bytes, the core decides (see
//! `registry::update`). A successful update returns a *new* engine, so the worker switches atomically: until the
//! new one is stored and swapped in, the old one keeps answering.

use super::{from_js, snapshot_error, to_js, Engine};
use crate::registry::update::{apply_update, plan_update, verify_manifest, Manifest, UpdatePlan};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
impl Engine {
    /// The sequence of the snapshot this engine answers from.
    #[wasm_bindgen(getter)]
    pub fn sequence(&self) -> f64 {
        self.registry.sequence() as f64
    }

    /// A copy of the snapshot bytes, for the worker to store (IndexedDB) after a successful update.
    #[wasm_bindgen(js_name = snapshotBytes)]
    pub fn snapshot_bytes(&self) -> Vec<u8> {
        self.registry.bytes().to_vec()
    }

    /// Verifies a manifest envelope (`text` = its `manifest` string, `key_id`, `signature`; `parsed` = that string
    /// parsed as JSON) against the pinned keys and plans the move from this engine's sequence:
    /// `{action: "up_to_date" | "delta" | "snapshot", path, sha256, to}`. Rollbacks and bad signatures are errors.
    /// `allow_delta = false` asks for the full snapshot (after a delta failed to apply, e.g. another base).
    #[wasm_bindgen(js_name = planUpdate)]
    pub fn plan_update(
        &self,
        text: &str,
        key_id: &str,
        signature: &str,
        parsed: JsValue,
        allow_delta: bool,
    ) -> Result<JsValue, JsError> {
        let mut manifest: Manifest = from_js(parsed, "manifest")?;
        verify_manifest(text, key_id, signature, &manifest, &self.keys).map_err(snapshot_error)?;
        if !allow_delta {
            manifest.deltas.clear();
        }
        to_js(&plan_update(&manifest, self.registry.sequence()).map_err(snapshot_error)?)
    }

    /// Checks a download against `plan` (from [`Engine::plan_update`]) and opens the new registry as a new engine.
    #[wasm_bindgen(js_name = applyUpdate)]
    pub fn apply_update(&self, plan: JsValue, downloaded: Vec<u8>, now_ms: f64) -> Result<Engine, JsError> {
        let plan: UpdatePlan = from_js(plan, "plan")?;
        let registry = apply_update(&self.registry, &plan, &downloaded, &self.keys, (now_ms / 1000.0) as i64)
            .map_err(snapshot_error)?;
        Ok(Engine {
            registry,
            keys: self.keys.clone(),
        })
    }
}
