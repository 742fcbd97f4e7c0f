//! The registry on any static host: `koltrust registry publish --out DIR` writes the static tree, a plain file
//! server (a few lines here, no `koltrust serve`) serves it, and `koltrust registry pull` — which follows the
//! manifest exactly as the extension does — updates from it, by snapshot then by delta.

// Whole-crate test code: a failed `unwrap`/`expect` is the test failing, with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod serve_common;

use serde_json::Value;
use serve_common::*;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};

/// A static file server: `GET /<path>` answers the file under `root`, anything else 404. One thread per
/// connection, one request per connection; it lives as long as the test process.
fn static_host(root: PathBuf) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}/", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let root = root.clone();
            std::thread::spawn(move || {
                let mut reader = BufReader::new(&stream);
                let mut line = String::new();
                if reader.read_line(&mut line).is_err() {
                    return;
                }
                // Skip the headers.
                let mut h = String::new();
                while reader.read_line(&mut h).is_ok_and(|n| n > 2) {
                    h.clear();
                }
                let path = line.split_whitespace().nth(1).unwrap_or("/").trim_start_matches('/');
                let file = (!path.contains("..")).then(|| root.join(path));
                let mut out = &stream;
                match file.and_then(|f| std::fs::read(f).ok()) {
                    Some(body) => {
                        let _ = write!(
                            out,
                            "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                            body.len()
                        );
                        let _ = out.write_all(&body);
                    }
                    None => {
                        let _ = write!(
                            out,
                            "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                        );
                    }
                }
            });
        }
    });
    base
}

fn pull(server: &str, pubkey: &str, out: &Path) -> String {
    let o = std::process::Command::new(BIN)
        .args(["registry", "pull", "--server", server, "--pubkey", pubkey, "--out"])
        .arg(out)
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "pull failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[tokio::test]
async fn a_plain_static_host_serves_the_published_tree() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let s = Server::start(&data, &[]).await;
    let keys: Value = get_json(&client(), s.url("/v1/registry/keys")).await;
    let pk = keys["keys"][0]["public_key"].as_str().unwrap().to_string();
    drop(s); // the static tree needs no running server
    let d = data.to_str().unwrap();
    let site = tmp.path().join("site");
    let host = static_host(site.clone());

    // The first start's publication, exported as is.
    let exported = cli(&[
        "registry",
        "publish",
        "--data",
        d,
        "--out",
        site.to_str().unwrap(),
        "--export-only",
    ]);
    assert!(exported.contains("sequence 1"), "{exported}");
    for f in [
        "v1/registry/manifest",
        "v1/registry/keys",
        "v1/registry/snapshots/1.bin",
    ] {
        assert!(site.join(f).is_file(), "{f} missing");
    }
    let snap = tmp.path().join("held.bin");
    let first = pull(&host, &pk, &snap);
    assert!(first.contains("nothing → sequence 1 by full snapshot"), "{first}");

    // A new publication written straight to the static tree: the next pull takes the delta.
    let published = cli(&["registry", "publish", "--data", d, "--out", site.to_str().unwrap()]);
    assert!(published.contains("sequence 2"), "{published}");
    assert!(site.join("v1/registry/deltas/1-2.bin").is_file());
    let second = pull(&host, &pk, &snap);
    assert!(second.contains("sequence 1 → sequence 2 by delta"), "{second}");
    // The tree is the data folder's own copy, byte for byte.
    assert_eq!(
        std::fs::read(site.join("v1/registry/manifest")).unwrap(),
        std::fs::read(data.join("public/v1/registry/manifest")).unwrap()
    );
}
