//! The update half of the [`Engine`] handle: the worker fetches bytes, the core decides (see
//! `registry::update`). A successful update returns a *new* engine, so the worker switches atomically: until the
//! new one is stored and swapped in, the old one keeps answering.
//!
//! The manifest arrives as a parsed JS object and is read field by field with `Reflect` rather than through serde:
//! a derived `Deserialize` through serde-wasm-bindgen cost ~17 KB of WebAssembly for six fields. The chosen plan is
//! kept inside the engine between `planUpdate` and `applyUpdate`, so the page-facing glue never hands a plan back.

use crate::{snapshot_error, Engine};
use js_sys::{Array, Object, Reflect};
use koltrust::registry::update::{apply_update, plan_update, verify_manifest, DeltaRef, FileRef, Manifest, UpdatePlan};
use wasm_bindgen::prelude::*;

fn field(obj: &JsValue, key: &str) -> Result<JsValue, JsError> {
    Reflect::get(obj, &JsValue::from_str(key)).map_err(|_| JsError::new(&format!("manifest: cannot read {key}")))
}

fn string(obj: &JsValue, key: &str) -> Result<String, JsError> {
    field(obj, key)?
        .as_string()
        .ok_or_else(|| JsError::new(&format!("manifest: {key} must be a string")))
}

fn number(obj: &JsValue, key: &str) -> Result<u64, JsError> {
    let n = field(obj, key)?
        .as_f64()
        .ok_or_else(|| JsError::new(&format!("manifest: {key} must be a number")))?;
    if n < 0.0 || n.fract() != 0.0 || n > 9_007_199_254_740_991.0 {
        return Err(JsError::new(&format!("manifest: {key} must be a whole number")));
    }
    Ok(n as u64)
}

pub(super) fn manifest_from_js(obj: &JsValue) -> Result<Manifest, JsError> {
    let snapshot = field(obj, "snapshot")?;
    let deltas = field(obj, "deltas")?;
    let deltas = if deltas.is_undefined() || deltas.is_null() {
        Vec::new()
    } else {
        Array::from(&deltas)
            .iter()
            .map(|d| {
                Ok(DeltaRef {
                    from: number(&d, "from")?,
                    to: number(&d, "to")?,
                    path: string(&d, "path")?,
                    sha256: string(&d, "sha256")?,
                    bytes: number(&d, "bytes")?,
                })
            })
            .collect::<Result<_, JsError>>()?
    };
    Ok(Manifest {
        format: string(obj, "format")?,
        sequence: number(obj, "sequence")?,
        key_id: string(obj, "key_id")?,
        snapshot: FileRef {
            path: string(&snapshot, "path")?,
            sha256: string(&snapshot, "sha256")?,
            bytes: number(&snapshot, "bytes")?,
        },
        deltas,
    })
}

/// `{action, path, to}` for the worker (which only needs to know what to fetch).
fn plan_to_js(plan: &UpdatePlan) -> JsValue {
    let o = Object::new();
    let set = |k: &str, v: JsValue| {
        let _ = Reflect::set(&o, &JsValue::from_str(k), &v);
    };
    match plan {
        UpdatePlan::UpToDate { sequence } => {
            set("action", "up_to_date".into());
            set("to", (*sequence as f64).into());
        }
        UpdatePlan::Delta { path, to, .. } | UpdatePlan::Snapshot { path, to, .. } => {
            let action = if matches!(plan, UpdatePlan::Delta { .. }) {
                "delta"
            } else {
                "snapshot"
            };
            set("action", action.into());
            set("path", path.as_str().into());
            set("to", (*to as f64).into());
        }
    }
    o.into()
}

#[wasm_bindgen]
impl Engine {
    /// The sequence of the snapshot this engine answers from.
    #[wasm_bindgen(getter)]
    pub fn sequence(&self) -> f64 {
        self.registry.sequence() as f64
    }

    /// A copy of the snapshot bytes, for the worker to store (IndexedDB) after a successful update. An engine opened
    /// from its resident prefix first asks for the rest (see `Engine.takeWanted`).
    #[wasm_bindgen(js_name = snapshotBytes)]
    pub fn snapshot_bytes(&self) -> Result<Vec<u8>, JsError> {
        self.registry
            .complete_bytes()
            .map(|b| b.into_owned())
            .map_err(snapshot_error)
    }

    /// Verifies a manifest envelope (`text` = its `manifest` string, `key_id`, `signature`; `parsed` = that string
    /// parsed as JSON) against the pinned keys and plans the move from this engine's sequence:
    /// `{action: "up_to_date" | "delta" | "snapshot", path, to}`; the engine keeps the plan for
    /// [`Engine::apply_update`]. Rollbacks and bad signatures are errors. `allow_delta = false` asks for the full
    /// snapshot (after a delta failed to apply, e.g. another base).
    #[wasm_bindgen(js_name = planUpdate)]
    pub fn plan_update(
        &self,
        text: &str,
        key_id: &str,
        signature: &str,
        parsed: JsValue,
        allow_delta: bool,
    ) -> Result<JsValue, JsError> {
        let mut manifest = manifest_from_js(&parsed)?;
        verify_manifest(text, key_id, signature, &manifest, &self.keys).map_err(snapshot_error)?;
        if !allow_delta {
            manifest.deltas.clear();
        }
        let plan = plan_update(&manifest, self.registry.sequence()).map_err(snapshot_error)?;
        let js = plan_to_js(&plan);
        *self.pending.borrow_mut() = Some(plan);
        Ok(js)
    }

    /// Checks a download against the plan from [`Engine::plan_update`] and opens the new registry as a new engine.
    /// The plan is kept when a delta's base is not all loaded yet (the worker loads it and applies again).
    #[wasm_bindgen(js_name = applyUpdate)]
    pub fn apply_update(&self, downloaded: Vec<u8>, now_ms: f64) -> Result<Engine, JsError> {
        let pending = self.pending.borrow();
        let plan = pending.as_ref().ok_or_else(|| JsError::new("no update planned"))?;
        let registry = apply_update(&self.registry, plan, &downloaded, &self.keys, (now_ms / 1000.0) as i64)
            .map_err(snapshot_error)?;
        drop(pending);
        self.pending.borrow_mut().take();
        Ok(Engine::from_registry(registry, self.keys.clone()))
    }
}
