//! Reading JavaScript arguments shared by the extension's and the portal's exports, with `Reflect` rather than
//! serde-wasm-bindgen's generic deserializer (which, with the float formatting its error messages pull in, measured
//! over 10 KB of gzipped WebAssembly). Every reader rejects a wrong shape with a one-line error naming the field.

use js_sys::Array;
use wasm_bindgen::prelude::*;

/// The one-line error for an argument of the wrong shape: `what: expected …`.
pub(crate) fn bad(what: &str, expected: &str) -> JsError {
    JsError::new(&format!("{what}: expected {expected}"))
}

/// An array of strings.
pub(crate) fn strings(v: &JsValue, what: &str) -> Result<Vec<String>, JsError> {
    if !Array::is_array(v) {
        return Err(bad(what, "an array of strings"));
    }
    // A loop rather than `collect::<Result<…>>()`: each such collect instantiates its own adapter in the wasm build.
    let mut out = Vec::new();
    for s in Array::from(v).iter() {
        out.push(s.as_string().ok_or_else(|| bad(what, "an array of strings"))?);
    }
    Ok(out)
}
