//! The console's static files — the top-level `console/` folder, embedded in the binary at build time so every
//! instance serves the pages that match its API — and the headers they go out with: a strict Content Security
//! Policy (scripts, styles, images and requests only from this origin; no inline script or style, no framing, no
//! plugins, forms only to this origin), `no-store`, `no-referrer`.

/// The console pages' policy. `img-src 'self'` lets a complaint's screenshot load from its own URL (served with
/// its checked image type and a sandboxing policy of its own), never from `data:` or another host.
pub const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; \
font-src 'none'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// The policy of a screenshot answered on its own (opened in a tab): nothing runs, nothing loads.
pub const SCREENSHOT_CSP: &str = "default-src 'none'; img-src 'self'; sandbox";

macro_rules! files {
    ($($name:literal => $mime:literal),* $(,)?) => {
        /// `(path under /console/, media type, content)`.
        pub const FILES: &[(&str, &str, &str)] = &[
            $(($name, $mime, include_str!(concat!("../../../console/", $name))),)*
        ];
    };
}

files! {
    "index.html" => "text/html; charset=utf-8",
    "console.css" => "text/css; charset=utf-8",
    "app.js" => "text/javascript; charset=utf-8",
    "api.js" => "text/javascript; charset=utf-8",
    "dom.js" => "text/javascript; charset=utf-8",
    "i18n.js" => "text/javascript; charset=utf-8",
    "pages/login.js" => "text/javascript; charset=utf-8",
    "pages/queue.js" => "text/javascript; charset=utf-8",
    "pages/complaint.js" => "text/javascript; charset=utf-8",
    "pages/register.js" => "text/javascript; charset=utf-8",
    "pages/publish.js" => "text/javascript; charset=utf-8",
    "pages/audit.js" => "text/javascript; charset=utf-8",
    "pages/staff.js" => "text/javascript; charset=utf-8",
}

/// The file at `path` (relative to `/console/`; empty = `index.html`).
pub fn get(path: &str) -> Option<(&'static str, &'static str)> {
    let path = if path.is_empty() { "index.html" } else { path };
    FILES
        .iter()
        .find(|(p, _, _)| *p == path)
        .map(|(_, mime, body)| (*mime, *body))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_hold_no_inline_script_or_style_and_every_module_is_served() {
        let (_, index) = get("").unwrap();
        assert!(!index.contains("<script>") && !index.contains("style=") && !index.contains("<style"));
        // No inline event handler attribute (` onclick=`, ` onload=`…).
        let inline_handler = index.split(" on").skip(1).any(|rest| {
            let name: String = rest.chars().take_while(|c| c.is_ascii_lowercase()).collect();
            !name.is_empty() && rest[name.len()..].starts_with('=')
        });
        assert!(!inline_handler, "no inline event handlers");
        for (name, _, body) in FILES {
            if name.ends_with(".js") {
                assert!(
                    !body.contains("innerHTML") && !body.contains("insertAdjacentHTML"),
                    "{name}: text only"
                );
                assert!(!body.contains("eval("), "{name}");
                for line in body.lines().filter(|l| l.trim_start().starts_with("import ")) {
                    let Some(from) = line.split(['\'', '"']).nth(1) else {
                        continue;
                    };
                    let base = std::path::Path::new(name).parent().unwrap_or(std::path::Path::new(""));
                    let target = base.join(from);
                    let mut parts: Vec<&str> = Vec::new();
                    for c in target.components() {
                        match c {
                            std::path::Component::ParentDir => {
                                parts.pop();
                            }
                            std::path::Component::Normal(s) => parts.push(s.to_str().unwrap()),
                            _ => {}
                        }
                    }
                    assert!(
                        get(&parts.join("/")).is_some(),
                        "{name} imports {from}, which is not served"
                    );
                }
            }
        }
    }
}
