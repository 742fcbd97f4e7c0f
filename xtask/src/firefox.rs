//! The Firefox build: `dist/firefox/` and `dist/koltrust-firefox-<version>.xpi`, which `cargo xtask dist` makes from
//! the Chromium build in `dist/extension/` — the same files, the same two WebAssembly modules, the same bundled
//! registry — with only the manifest rewritten ([`firefox_manifest`]); and `web-ext lint` ([`lint`], run by
//! `cargo xtask test`).
//!
//! What the manifest changes, and why (docs/architecture.md, "Firefox"):
//!
//! | Chromium (`extension/manifest.json`) | Firefox |
//! | --- | --- |
//! | `background.service_worker` + `type: module` | `background.scripts: [background.js]` + `type: module` (Firefox runs MV3 background scripts as an event page; its service-worker background is disabled) |
//! | `minimum_chrome_version` | removed: `browser_specific_settings.gecko.strict_min_version` ([`GECKO_MIN_VERSION`]) |
//! | `options_page` | `options_ui: {page, open_in_tab: true}` (Firefox's key; also what Firefox for Android shows) |
//! | — | `browser_specific_settings.gecko`: the add-on id ([`GECKO_ID`]), `data_collection_permissions: {required: ["none"]}` (nothing leaves the device unless the person sends a report), and `gecko_android` |
//!
//! The rest — the MV3 `action`, `host_permissions`, content scripts, the CSP with `'wasm-unsafe-eval'`, `_locales` —
//! is read by Firefox as it is. What differs at run time is in `extension/browser.js` (the one adapter).

use crate::exec::cmd;
use serde_json::{json, Value};

use std::path::Path;

/// The add-on's id (`browser_specific_settings.gecko.id`): fixed, so updates and storage follow one add-on.
pub const GECKO_ID: &str = "kol-trust@tinnhiem-kol.vn";
/// The oldest Firefox the build declares: MV3 background scripts as modules, `storage.session`, and the
/// `data_collection_permissions` key `web-ext lint` requires (accepted from 142; 140 ESR would reject it).
pub const GECKO_MIN_VERSION: &str = "142.0";

/// The Firefox manifest for the Chromium manifest `chromium` (see the module docs for every change).
pub fn firefox_manifest(chromium: &Value) -> Result<Value, String> {
    let mut m = chromium.clone();
    let obj = m
        .as_object_mut()
        .ok_or("extension/manifest.json is not a JSON object")?;
    let worker = obj
        .get("background")
        .and_then(|b| b.get("service_worker"))
        .and_then(Value::as_str)
        .ok_or("extension/manifest.json has no background.service_worker")?
        .to_owned();
    obj.insert("background".into(), json!({ "scripts": [worker], "type": "module" }));
    obj.remove("minimum_chrome_version");
    if let Some(page) = obj.remove("options_page") {
        obj.insert("options_ui".into(), json!({ "page": page, "open_in_tab": true }));
    }
    obj.insert(
        "browser_specific_settings".into(),
        json!({
            "gecko": {
                "id": GECKO_ID,
                "strict_min_version": GECKO_MIN_VERSION,
                "data_collection_permissions": { "required": ["none"] }
            },
            "gecko_android": { "strict_min_version": GECKO_MIN_VERSION }
        }),
    );
    Ok(m)
}

/// `web-ext lint` on the unpacked Firefox build (npm `web-ext`, from the lockfile): fails on any error, prints the
/// warnings and notices. Returns how many checks ran clean (1: the lint itself), for the test summary.
pub fn lint(root: &Path, dir: &Path) -> Result<u64, String> {
    let web_ext = root.join("node_modules/.bin/web-ext");
    let out = cmd(web_ext.to_str().unwrap_or("web-ext"), root)
        .args(["lint", "--output", "json", "--no-input", "--source-dir"])
        .arg(dir)
        .output()
        .map_err(|e| format!("cannot run web-ext ({e}); run `npm ci`"))?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    // web-ext prints the JSON report alone on stdout with `--output json`.
    let start = stdout.find('{').ok_or_else(|| {
        format!(
            "web-ext lint printed no report:\n{stdout}\n{}",
            String::from_utf8_lossy(&out.stderr)
        )
    })?;
    let report: Value =
        serde_json::from_str(&stdout[start..]).map_err(|e| format!("web-ext lint's report is not JSON: {e}"))?;
    let messages = |kind: &str| report[kind].as_array().cloned().unwrap_or_default();
    let (errors, warnings, notices) = (messages("errors"), messages("warnings"), messages("notices"));
    println!(
        "\nweb-ext lint {}: {} errors, {} warnings, {} notices",
        dir.display(),
        errors.len(),
        warnings.len(),
        notices.len()
    );
    for (kind, list) in [("error", &errors), ("warning", &warnings), ("notice", &notices)] {
        for m in list {
            println!(
                "  {kind}: {} {} ({})",
                m["code"].as_str().unwrap_or(""),
                m["message"].as_str().unwrap_or(""),
                m["file"].as_str().unwrap_or("")
            );
        }
    }
    if !errors.is_empty() {
        return Err(format!(
            "web-ext lint found {} errors in {}",
            errors.len(),
            dir.display()
        ));
    }
    Ok(1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn the_manifest_takes_firefoxs_background_form_and_settings() {
        let root = crate::exec::project_root();
        let text = fs::read_to_string(root.join("extension/manifest.json")).unwrap();
        let chromium: Value = serde_json::from_str(&text).unwrap();
        let ff = firefox_manifest(&chromium).unwrap();
        assert_eq!(
            ff["background"],
            json!({"scripts": ["background.js"], "type": "module"})
        );
        assert!(ff.get("minimum_chrome_version").is_none());
        assert!(ff.get("options_page").is_none());
        assert_eq!(ff["options_ui"]["page"], "options.html");
        assert_eq!(ff["browser_specific_settings"]["gecko"]["id"], GECKO_ID);
        assert_eq!(
            ff["browser_specific_settings"]["gecko"]["data_collection_permissions"]["required"],
            json!(["none"])
        );
        // Everything else is the Chromium build's, unchanged.
        for key in [
            "manifest_version",
            "permissions",
            "host_permissions",
            "content_scripts",
            "content_security_policy",
            "action",
        ] {
            assert_eq!(ff[key], chromium[key], "{key}");
        }
        assert!(firefox_manifest(&json!({"background": {}})).is_err());
    }
}
