//! The Alliance console's API against the real `koltrust serve`: each role is refused what it may not do
//! (server-side), changes without the session's CSRF token or from another origin are refused, a disabled account's
//! session and every session after "logout everywhere" end, login throttling holds under a bounded guessing loop,
//! and the moderator → registrar → publisher flow leaves its trail in the audit.

// Whole-crate test code: a failed `unwrap`/`expect` is the test failing, with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod serve_common;

use serde_json::{json, Value};
use serve_common::*;
use std::io::Write;
use std::process::Stdio;

const UNLIMITED: &[&str] = &["--ip-per-minute", "0", "--client-per-minute", "0"];
const PASSWORD: &str = "mật khẩu thử nghiệm đủ dài";

/// `koltrust staff add <user> --roles <roles>` with the password on standard input.
fn add_staff(data: &str, user: &str, roles: &str) {
    let mut c = cli_command(&[
        "staff",
        "add",
        user,
        "--roles",
        roles,
        "--name",
        user,
        "--password-stdin",
        "--data",
        data,
    ]);
    let mut child = c
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    writeln!(child.stdin.take().unwrap(), "{PASSWORD}").unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

/// A signed-in staff member: the session cookie and the CSRF token.
struct Signed {
    cookie: String,
    csrf: String,
}

async fn login_as(c: &reqwest::Client, s: &Server, user: &str, password: &str) -> reqwest::Response {
    c.post(s.url("/console/api/login"))
        .json(&json!({"username": user, "password": password}))
        .send()
        .await
        .unwrap()
}

async fn login(c: &reqwest::Client, s: &Server, user: &str) -> Signed {
    let r = login_as(c, s, user, PASSWORD).await;
    assert_eq!(r.status(), 200, "login {user}");
    let set = r.headers().get("set-cookie").unwrap().to_str().unwrap().to_string();
    assert!(
        set.contains("HttpOnly") && set.contains("SameSite=Strict") && set.contains("Path=/console"),
        "{set}"
    );
    let cookie = set.split(';').next().unwrap().to_string();
    let v: Value = r.json().await.unwrap();
    Signed {
        cookie,
        csrf: v["csrf"].as_str().unwrap().to_string(),
    }
}

async fn get(c: &reqwest::Client, s: &Server, who: &Signed, path: &str) -> reqwest::Response {
    c.get(s.url(path)).header("cookie", &who.cookie).send().await.unwrap()
}

async fn post(c: &reqwest::Client, s: &Server, who: &Signed, path: &str, body: Value) -> reqwest::Response {
    c.post(s.url(path))
        .header("cookie", &who.cookie)
        .header("x-csrf-token", &who.csrf)
        .json(&body)
        .send()
        .await
        .unwrap()
}

fn sanction(decision: &str) -> Value {
    json!({
        "kind": "warning", "reason": "misleading_advertising",
        "authority": "Liên minh Tín nhiệm số (dữ liệu mẫu)", "decision": decision,
        "summary_vi": "Cảnh cáo thử nghiệm (dữ liệu mẫu).", "summary_en": "Test warning (sample data).",
        "issued": "2026-01-05", "effective_from": "2026-01-05", "effective_until": "",
        "source_url": "https://example.org/koltrust-sample/decisions/console-1"
    })
}

#[tokio::test]
async fn roles_csrf_sessions_and_the_audit_trail() {
    let tmp = tempfile::tempdir().unwrap();
    let s = Server::start(&tmp.path().join("data"), UNLIMITED).await;
    let d = s.data.to_str().unwrap().to_string();
    for (user, roles) in [
        ("mod.lan", "moderator"),
        ("reg.binh", "registrar"),
        ("pub.chi", "publisher"),
        ("adm.dung", "admin"),
    ] {
        add_staff(&d, user, roles);
    }
    let c = client();
    let png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";
    let mut body = complaint("console-0001");
    body["screenshot"] = json!(format!("data:image/png;base64,{png}"));
    body["contact"] = json!({"value": "nguoi.thu@example.org", "consent": true});
    let r = c.post(s.url("/v1/complaints")).json(&body).send().await.unwrap();
    assert!(r.status().is_success());
    let receipt = r.json::<Value>().await.unwrap()["receipt"]
        .as_str()
        .unwrap()
        .to_string();

    // Nothing without a session.
    error_body(
        c.get(s.url("/console/api/complaints")).send().await.unwrap(),
        401,
        "unauthorized",
    )
    .await;
    let m = login(&c, &s, "mod.lan").await;
    let r = login(&c, &s, "reg.binh").await;
    let p = login(&c, &s, "pub.chi").await;
    let a = login(&c, &s, "adm.dung").await;
    let me: Value = get(&c, &s, &m, "/console/api/session").await.json().await.unwrap();
    assert_eq!(me["roles"], json!(["moderator"]));

    // Each role is refused what it may not do.
    let status = format!("/console/api/complaints/{receipt}/status");
    let record_id = {
        let v: Value = get(&c, &s, &r, "/console/api/records?q=KT").await.json().await.unwrap();
        v["records"][0]["id"].as_str().unwrap().to_string()
    };
    let sanctions = format!("/console/api/records/{record_id}/sanctions");
    for (who, method, path, code) in [
        (&m, "post", sanctions.as_str(), 403),
        (&m, "get", "/console/api/publish/preview", 403),
        (&m, "get", "/console/api/audit", 403),
        (&m, "get", "/console/api/staff", 403),
        (&r, "post", status.as_str(), 403),
        (&r, "get", "/console/api/complaints/export", 403),
        (&r, "get", "/console/api/publish/preview", 403),
        (&p, "get", "/console/api/complaints", 403),
        (&p, "post", sanctions.as_str(), 403),
        (&a, "get", "/console/api/complaints", 403),
        (&a, "post", status.as_str(), 403),
        (&a, "post", "/console/api/publish", 403),
    ] {
        let resp = if method == "get" {
            get(&c, &s, who, path).await
        } else {
            post(&c, &s, who, path, json!({"status": "reviewing", "sequence": 2})).await
        };
        let code_name = if code == 403 { "forbidden" } else { "" };
        error_body(resp, code, code_name).await;
    }

    // The queue: filters and per-account counts; the full view with its screenshot and, for moderators only, contact.
    let q: Value = get(
        &c,
        &s,
        &m,
        "/console/api/complaints?status=received&platform=tiktok&account=minh.beauty.demo",
    )
    .await
    .json()
    .await
    .unwrap();
    assert_eq!(q["complaints"].as_array().unwrap().len(), 1);
    assert_eq!(q["accounts"][0]["account_id"], "minh.beauty.demo");
    assert_eq!(q["accounts"][0]["total"], 1);
    let none: Value = get(&c, &s, &m, "/console/api/complaints?category=scam_fraud")
        .await
        .json()
        .await
        .unwrap();
    assert!(none["complaints"].as_array().unwrap().is_empty());
    error_body(
        get(&c, &s, &m, "/console/api/complaints?platform=myspace").await,
        422,
        "invalid_field",
    )
    .await;
    let full: Value = get(&c, &s, &m, &format!("/console/api/complaints/{receipt}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(full["complaint"]["contact"], "nguoi.thu@example.org");
    assert!(full["complaint"]["screenshot"].get("base64").is_none());
    assert_eq!(full["next"], json!(["reviewing", "rejected"]));
    let shot_url = full["complaint"]["screenshot"]["url"].as_str().unwrap().to_string();
    let shot = get(&c, &s, &m, &shot_url).await;
    assert_eq!(shot.status(), 200);
    assert_eq!(shot.headers()["content-type"], "image/png");
    assert!(shot.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .contains("sandbox"));
    assert_eq!(shot.headers()["x-content-type-options"], "nosniff");
    assert!(shot.bytes().await.unwrap().starts_with(b"\x89PNG"));
    let as_registrar: Value = get(&c, &s, &r, &format!("/console/api/complaints/{receipt}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(as_registrar["complaint"]["contact"], json!({"hidden": true}));

    // CSRF: no token, a wrong one, or another origin — refused, nothing changed.
    let no_token = c
        .post(s.url(&status))
        .header("cookie", &m.cookie)
        .json(&json!({"status": "reviewing"}))
        .send()
        .await
        .unwrap();
    error_body(no_token, 403, "csrf_rejected").await;
    let wrong = Signed {
        cookie: m.cookie.clone(),
        csrf: "0".repeat(64),
    };
    error_body(
        post(&c, &s, &wrong, &status, json!({"status": "reviewing"})).await,
        403,
        "csrf_rejected",
    )
    .await;
    let cross = c
        .post(s.url(&status))
        .header("cookie", &m.cookie)
        .header("x-csrf-token", &m.csrf)
        .header("origin", "https://evil.example")
        .json(&json!({"status": "reviewing"}))
        .send()
        .await
        .unwrap();
    error_body(cross, 403, "csrf_rejected").await;
    assert_eq!(
        get_json(&c, s.url(&format!("/v1/complaints/{receipt}"))).await["status"],
        "received"
    );

    // The moderator moves it along with a note for the reporter; the lifecycle still holds.
    let reply = "Cảm ơn bạn, phản ánh đã được xác minh.";
    let moved = post(&c, &s, &m, &status, json!({"status": "reviewing", "note": "xem video"})).await;
    assert_eq!(moved.status(), 200);
    let moved = post(
        &c,
        &s,
        &m,
        &status,
        json!({"status": "upheld", "note": "đúng", "reply": reply}),
    )
    .await;
    assert_eq!(moved.status(), 200);
    error_body(
        post(&c, &s, &m, &status, json!({"status": "reviewing"})).await,
        409,
        "invalid_transition",
    )
    .await;
    let seen = get_json(&c, s.url(&format!("/v1/complaints/{receipt}"))).await;
    assert_eq!(
        (seen["status"].as_str(), seen["reply"].as_str()),
        (Some("upheld"), Some(reply))
    );

    // Bulk: one moves, one cannot (already final), one is unknown; each answered on its own.
    let second = submit(&c, &s, "console-0002").await;
    let bulk: Value = post(
        &c,
        &s,
        &m,
        "/console/api/complaints/bulk-status",
        json!({"receipts": [second, receipt, "R-NONE"], "status": "rejected", "reply": "Không đủ căn cứ."}),
    )
    .await
    .json()
    .await
    .unwrap();
    assert_eq!(bulk["moved"], 1, "{bulk}");
    let export = get(&c, &s, &m, "/console/api/complaints/export")
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(export.lines().count(), 2);
    assert!(!export.contains(png), "the export leaves the pixels out");

    // The registrar adds a sanction (validated: a missing authority is refused), the publisher previews and publishes.
    let mut missing = sanction("01/CB-CONSOLE");
    missing["authority"] = json!(" ");
    error_body(post(&c, &s, &r, &sanctions, missing).await, 422, "invalid_field").await;
    let added = post(&c, &s, &r, &sanctions, sanction("01/CB-CONSOLE")).await;
    assert_eq!(added.status(), 200, "{}", added.text().await.unwrap());
    // A record created from its source JSON: the account given by URL is recognised and canonicalised by the core;
    // a record claiming an account another record holds is refused (checked against the whole registry).
    let new_record = json!({"record": {
        "id": "KT-CONSOLE-1", "name": "Người Thử Nghiệm", "aliases": ["Thử"], "fictional": true,
        "accounts": [{"url": "https://www.tiktok.com/@Nguoi.Thu.Console?lang=vi"}], "categories": ["beauty"],
        "created": "2026-01-05", "updated": "2026-01-05"
    }});
    let created = post(&c, &s, &r, "/console/api/records", new_record.clone()).await;
    assert_eq!(created.status(), 200, "{}", created.text().await.unwrap());
    let shown: Value = get(&c, &s, &r, "/console/api/records/KT-CONSOLE-1")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        shown["record"]["accounts"][0]["account_id"], "nguoi.thu.console",
        "{shown}"
    );
    let mut twin = new_record.clone();
    twin["record"]["id"] = json!("KT-CONSOLE-2");
    let refused = post(&c, &s, &r, "/console/api/records", twin).await;
    let body = error_body(refused, 422, "invalid_field").await;
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("also claimed by KT-CONSOLE-1"),
        "{body}"
    );
    let mut bad = new_record;
    bad["record"]["accounts"] = json!([{"url": "https://example.org/not-a-profile"}]);
    error_body(
        post(&c, &s, &r, "/console/api/records", bad).await,
        422,
        "invalid_field",
    )
    .await;

    let pv: Value = get(&c, &s, &p, "/console/api/publish/preview")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(pv["next_sequence"], 2, "{pv}");
    assert!(
        pv["changed"]
            .as_array()
            .unwrap()
            .iter()
            .any(|x| x["id"] == record_id.as_str()),
        "{pv}"
    );
    assert!(
        pv["sanctions_starting"]
            .as_array()
            .unwrap()
            .iter()
            .any(|x| x["decision"] == "01/CB-CONSOLE"),
        "{pv}"
    );
    assert!(
        pv["added"]
            .as_array()
            .unwrap()
            .iter()
            .any(|x| x["id"] == "KT-CONSOLE-1"),
        "{pv}"
    );
    assert!(pv["delta_bytes"].as_u64().unwrap() > 0 && pv["snapshot_bytes"].as_u64().unwrap() > 0);
    let published = post(&c, &s, &p, "/console/api/publish", json!({"sequence": 2})).await;
    assert_eq!(published.status(), 200);
    error_body(
        post(&c, &s, &p, "/console/api/publish", json!({"sequence": 2})).await,
        409,
        "invalid_transition",
    )
    .await;
    assert_eq!(get_json(&c, s.url("/v1/health")).await["sequence"], 2);

    // Disabling ends the account's session at once (here from the console, by an admin).
    let gone = post(&c, &s, &a, "/console/api/staff/reg.binh/disable", json!({})).await;
    assert_eq!(gone.status(), 200);
    error_body(get(&c, &s, &r, "/console/api/session").await, 401, "unauthorized").await;
    error_body(login_as(&c, &s, "reg.binh", PASSWORD).await, 401, "unauthorized").await;
    error_body(
        post(&c, &s, &a, "/console/api/staff/adm.dung/disable", json!({})).await,
        422,
        "invalid_field",
    )
    .await;
    // …and from the CLI.
    cli(&["staff", "disable", "pub.chi", "--data", &d]);
    error_body(get(&c, &s, &p, "/console/api/session").await, 401, "unauthorized").await;

    // Logout everywhere: a second session of the moderator ends with the first.
    let m2 = login(&c, &s, "mod.lan").await;
    assert_eq!(
        post(&c, &s, &m, "/console/api/logout-all", json!({})).await.status(),
        200
    );
    error_body(get(&c, &s, &m2, "/console/api/session").await, 401, "unauthorized").await;
    error_body(get(&c, &s, &m, "/console/api/session").await, 401, "unauthorized").await;

    // The trail: logins, the status changes with their notes, the sanction, the publication, the staff changes.
    let trail: Value = get(&c, &s, &a, "/console/api/audit?limit=500")
        .await
        .json()
        .await
        .unwrap();
    let entries = trail["entries"].as_array().unwrap();
    let has = |actor: &str, action: &str| entries.iter().any(|e| e["actor"] == actor && e["action"] == action);
    assert!(has("staff:mod.lan", "staff.login"));
    assert!(has("staff:mod.lan", "complaint.set_status"));
    assert!(has("staff:reg.binh", "registry.add_sanction"));
    assert!(has("staff:pub.chi", "registry.publish"), "{trail}");
    assert!(has("staff:adm.dung", "staff.disable"));
    assert!(has("staff:mod.lan", "staff.logout_all"));
    let upheld = entries
        .iter()
        .find(|e| e["action"] == "complaint.set_status" && e["detail"].as_str().unwrap().contains("upheld"))
        .unwrap();
    let detail: Value = serde_json::from_str(upheld["detail"].as_str().unwrap()).unwrap();
    assert_eq!(
        (detail["from"].as_str(), detail["to"].as_str()),
        (Some("reviewing"), Some("upheld"))
    );
    let only: Value = get(&c, &s, &a, "/console/api/audit?action=staff.login&actor=staff:mod.lan")
        .await
        .json()
        .await
        .unwrap();
    assert!(only["entries"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["action"] == "staff.login"));
    let exported = get(&c, &s, &a, "/console/api/audit/export").await.text().await.unwrap();
    assert!(exported.lines().count() >= entries.len());
}

#[tokio::test]
async fn login_throttling_holds_under_a_guessing_loop() {
    let tmp = tempfile::tempdir().unwrap();
    let s = Server::start(&tmp.path().join("data"), UNLIMITED).await;
    let d = s.data.to_str().unwrap().to_string();
    add_staff(&d, "mod.lan", "moderator");
    let c = client();
    let mut answers = Vec::new();
    for i in 0..12 {
        let r = login_as(&c, &s, "mod.lan", &format!("guess number {i:04}")).await;
        answers.push(r.status().as_u16());
        if r.status() == 429 {
            let wait: u64 = r.headers()["retry-after"].to_str().unwrap().parse().unwrap();
            assert!((1..=900).contains(&wait), "{wait}");
        }
    }
    assert_eq!(answers[..5], [401; 5], "{answers:?}");
    assert!(answers[5..].iter().all(|&a| a == 429), "{answers:?}");
    // The right password does not get through the lock either, and only 5 guesses were ever checked.
    error_body(login_as(&c, &s, "mod.lan", PASSWORD).await, 429, "rate_limited").await;
    let listed = cli(&["staff", "list", "--data", &d]);
    assert!(listed.contains("failed=5"), "{listed}");
    // Unknown names are answered like wrong passwords (no way to tell which names exist).
    error_body(login_as(&c, &s, "nobody.here", PASSWORD).await, 401, "unauthorized").await;
    // A new password (by an admin on the server) lifts the lock.
    let mut cmd = cli_command(&["staff", "reset-password", "mod.lan", "--password-stdin", "--data", &d]);
    let mut child = cmd.stdin(Stdio::piped()).stdout(Stdio::null()).spawn().unwrap();
    writeln!(child.stdin.take().unwrap(), "một mật khẩu mới đủ dài").unwrap();
    assert!(child.wait().unwrap().success());
    assert_eq!(
        login_as(&c, &s, "mod.lan", "một mật khẩu mới đủ dài").await.status(),
        200
    );
    // Per address, logins share a bucket: a loop over many names stops too.
    let mut limited = false;
    for i in 0..40 {
        if login_as(&c, &s, &format!("name{i}"), "x").await.status() == 429 {
            limited = true;
            break;
        }
    }
    assert!(limited, "the per-address login bucket holds");
}

#[tokio::test]
async fn console_pages_carry_a_strict_policy() {
    let tmp = tempfile::tempdir().unwrap();
    let s = Server::start(&tmp.path().join("data"), UNLIMITED).await;
    let c = client();
    let r = c.get(s.url("/console/")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let csp = r.headers()["content-security-policy"].to_str().unwrap().to_string();
    assert!(
        csp.contains("script-src 'self'") && !csp.contains("unsafe-inline") && csp.contains("frame-ancestors 'none'")
    );
    assert!(r.text().await.unwrap().contains("app.js"));
    let js = c.get(s.url("/console/app.js")).send().await.unwrap();
    assert!(js.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/javascript"));
    error_body(c.get(s.url("/console/nope.js")).send().await.unwrap(), 404, "not_found").await;
    // Behind a TLS proxy on the same host (`X-Forwarded-Proto: https`) the cookie is `Secure`; plain loopback
    // HTTP (this test, the demo) is the only case without it.
    add_staff(s.data.to_str().unwrap(), "mod.lan", "moderator");
    let via_proxy = c
        .post(s.url("/console/api/login"))
        .header("x-forwarded-proto", "https")
        .json(&json!({"username": "mod.lan", "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert!(via_proxy.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .ends_with("; Secure"));
    let direct = login_as(&c, &s, "mod.lan", PASSWORD).await;
    assert!(!direct.headers()["set-cookie"].to_str().unwrap().contains("Secure"));
    // The console's API is for its own pages, never an extension's origin.
    let pre = c
        .request(reqwest::Method::OPTIONS, s.url("/console/api/login"))
        .header("origin", "chrome-extension://abcdefghijklmnopabcdefghijklmnop")
        .header("access-control-request-method", "POST")
        .send()
        .await
        .unwrap();
    assert!(pre.headers().get("access-control-allow-origin").is_none());
}

#[tokio::test]
async fn the_scripts_token_is_scoped_and_rotatable() {
    let tmp = tempfile::tempdir().unwrap();
    let s = Server::start(&tmp.path().join("data"), UNLIMITED).await;
    let d = s.data.to_str().unwrap().to_string();
    let c = client();
    let old = s.token();
    let admin = |t: String| c.get(s.url("/v1/admin/complaints")).bearer_auth(t).send();
    assert_eq!(admin(old.clone()).await.unwrap().status(), 200);
    // Scoped: the bearer token opens the moderation API only, not the console.
    let console = c
        .get(s.url("/console/api/complaints"))
        .bearer_auth(&old)
        .send()
        .await
        .unwrap();
    error_body(console, 401, "unauthorized").await;
    // Rotated on the server: the old token stops at once, the new one works, without a restart.
    cli(&["staff", "rotate-token", "--data", &d]);
    let new = s.token();
    assert_ne!(new, old);
    error_body(admin(old).await.unwrap(), 401, "unauthorized").await;
    assert_eq!(admin(new).await.unwrap().status(), 200);
}
