//! The files in `deploy/` say what they mean: the systemd unit passes `systemd-analyze verify` (where systemd is
//! installed) and carries its hardening; the unit's and the container's command lines really start the server;
//! the reverse proxy sends `X-Forwarded-For` from the address the unit trusts, to the port the unit listens on,
//! serves the registry from the unit's data folder and keeps `/metrics` private.

// Whole-crate test code: a failed `unwrap`/`expect` is the test failing, with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod serve_common;

use serve_common::*;
use std::path::Path;

fn deploy(name: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../deploy").join(name)).unwrap()
}

/// The value of `key=` (the last one) in a unit file.
fn unit_value<'a>(unit: &'a str, key: &str) -> Option<&'a str> {
    unit.lines()
        .rev()
        .find_map(|l| l.trim().strip_prefix(key)?.strip_prefix('='))
}

/// `koltrust serve` arguments without `--data X` and `--addr X` (the harness gives its own), plus those two.
fn split_serve_args(args: &[String]) -> (Vec<String>, String, String) {
    assert_eq!(args.first().map(String::as_str), Some("serve"), "{args:?}");
    let (mut rest, mut data, mut addr) = (Vec::new(), String::new(), String::new());
    let mut it = args[1..].iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--data" => data = it.next().unwrap().clone(),
            "--addr" => addr = it.next().unwrap().clone(),
            _ => rest.push(a.clone()),
        }
    }
    (rest, data, addr)
}

async fn starts_with(args: &[String]) {
    let tmp = tempfile::tempdir().unwrap();
    let extra: Vec<&str> = args.iter().map(String::as_str).collect();
    let s = Server::start(&tmp.path().join("data"), &extra).await;
    let health = get_json(&client(), s.url("/v1/health")).await;
    assert_eq!(health["status"], "ok");
}

#[tokio::test]
async fn the_systemd_unit_is_valid_hardened_and_starts_the_server() {
    let unit = deploy("koltrust.service");
    for hardening in [
        "NoNewPrivileges=yes",
        "ProtectSystem=strict",
        "ReadWritePaths=/var/lib/koltrust",
        "ProtectHome=yes",
        "PrivateTmp=yes",
        "PrivateDevices=yes",
        "CapabilityBoundingSet=",
        "RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX",
        "SystemCallFilter=@system-service",
        "MemoryDenyWriteExecute=yes",
        "UMask=0077",
        "User=koltrust",
        "EnvironmentFile=-/etc/koltrust/koltrust.env",
        "KillSignal=SIGTERM",
    ] {
        assert!(
            unit.lines().any(|l| l.trim() == hardening),
            "the unit lacks {hardening}"
        );
    }
    let exec: Vec<String> = unit_value(&unit, "ExecStart")
        .unwrap()
        .split_whitespace()
        .map(String::from)
        .collect();
    assert_eq!(exec[0], "/usr/local/bin/koltrust");
    let (rest, data, addr) = split_serve_args(&exec[1..]);
    assert_eq!(data, "/var/lib/koltrust");
    assert!(
        addr.starts_with("127.0.0.1:"),
        "the server listens on loopback behind the proxy: {addr}"
    );
    assert!(
        rest.windows(2)
            .any(|w| w[0] == "--trusted-proxy" && w[1] == "127.0.0.1"),
        "{rest:?}"
    );
    starts_with(&rest).await;

    if Path::new("/usr/bin/systemd-analyze").exists() {
        let tmp = tempfile::tempdir().unwrap();
        let local = tmp.path().join("koltrust.service");
        std::fs::write(&local, unit.replace("/usr/local/bin/koltrust", BIN)).unwrap();
        let out = std::process::Command::new("systemd-analyze")
            .args(["verify", "--man=no"])
            .arg(&local)
            .output()
            .unwrap();
        let said = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            out.status.success() && said.trim().is_empty(),
            "systemd-analyze verify: {said}"
        );
    }
    let env = deploy("koltrust.env.example");
    assert!(
        env.contains("# KOLTRUST_DATABASE=postgres://"),
        "the env file shows the PostgreSQL setting"
    );
}

#[tokio::test]
async fn the_container_runs_the_server_as_a_user_with_a_health_check() {
    let file = deploy("Containerfile");
    let json_args = |key: &str| -> Vec<String> {
        let line = file.lines().find(|l| l.starts_with(key)).unwrap();
        serde_json::from_str(line[key.len()..].trim()).unwrap()
    };
    let mut args = json_args("ENTRYPOINT");
    args.extend(json_args("CMD"));
    assert_eq!(args[0], "/usr/local/bin/koltrust");
    let (rest, data, addr) = split_serve_args(&args[1..]);
    assert_eq!((data.as_str(), addr.as_str()), ("/var/lib/koltrust", "0.0.0.0:8080"));
    assert!(file.contains("EXPOSE 8080") && file.contains("VOLUME [\"/var/lib/koltrust\"]"));
    assert!(file.lines().any(|l| l == "USER koltrust"), "never root");
    assert!(file.contains("cargo build --release --locked -p koltrust-cli"));
    assert!(file.contains("HEALTHCHECK") && file.contains("/v1/health"));
    starts_with(&rest).await;
}

#[test]
fn the_reverse_proxy_matches_the_unit() {
    let nginx = deploy("nginx-koltrust.conf");
    let unit = deploy("koltrust.service");
    let exec = unit_value(&unit, "ExecStart").unwrap();
    let addr = exec.split_whitespace().skip_while(|a| *a != "--addr").nth(1).unwrap();
    assert!(
        nginx.contains(&format!("server {addr};")),
        "the upstream is the unit's --addr {addr}"
    );
    assert!(nginx.contains("proxy_set_header X-Forwarded-For $remote_addr;"));
    assert!(nginx.contains("listen 443 ssl;") && nginx.contains("ssl_certificate "));
    assert!(
        nginx.contains("location = /metrics {\n        return 404;"),
        "/metrics stays private"
    );
    for path in [
        "/v1/registry/snapshots/",
        "/v1/registry/deltas/",
        "= /v1/registry/manifest",
        "= /v1/registry/keys",
    ] {
        let block = nginx
            .split(&format!("location {path} {{"))
            .nth(1)
            .unwrap_or_else(|| panic!("no {path}"));
        let block = &block[..block.find('}').unwrap()];
        assert!(
            block.contains("root /var/lib/koltrust/public;"),
            "{path} is served from the data folder"
        );
    }
    assert!(
        nginx.contains("client_max_body_size 2m;"),
        "the proxy allows the server's body limit"
    );
}
