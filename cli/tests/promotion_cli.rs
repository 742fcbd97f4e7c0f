//! Runs the built `koltrust promotion` binary: one JSON line per post, equal to the view the extension gets from the
//! core; a bad line answered in its place with `{"line": N, "error": "…"}` and named on stderr, the rest going on,
//! and a non-zero exit status at the end.

// Whole-crate test code: a failed `unwrap`/`expect` is the test failing, with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use koltrust::complaint::cues::view;
use koltrust::i18n::Lang;
use serde_json::Value;
use std::io::Write;
use std::process::{Command, Output, Stdio};

fn run(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_koltrust"))
        .arg("promotion")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run koltrust");
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    child.wait_with_output().unwrap()
}

fn lines(out: &Output) -> Vec<Value> {
    String::from_utf8(out.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{l:?}: {e}")))
        .collect()
}

const AD: &str = "Kem xịn 😍 nhập mã GIAM50 nha #quangcao";
const SHOP: &str = "https://s.shopee.vn/9zXy";

fn expected(text: &str, links: &[&str], lang: Lang) -> Value {
    serde_json::to_value(view(text, links, lang)).unwrap()
}

#[test]
fn one_answer_per_post_equal_to_the_extensions_view() {
    let input = format!(
        "{}\n{}\r\n{}\n",
        serde_json::json!({ "text": AD, "links": [SHOP] }),
        serde_json::json!({ "text": "Hôm nay trời đẹp quá", "links": null }),
        serde_json::json!({ "text": "Link ở bio nha", "id": 7 }),
    );
    let out = run(&[], input.as_bytes());
    assert!(
        out.status.success(),
        "exit status {:?}: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
    let got = lines(&out);
    assert_eq!(
        got,
        [
            expected(AD, &[SHOP], Lang::Vi),
            expected("Hôm nay trời đẹp quá", &[], Lang::Vi),
            expected("Link ở bio nha", &[], Lang::Vi),
        ]
    );

    let first = &got[0];
    assert_eq!(first["is_promotion"], true);
    assert_eq!(first["disclosed"], true);
    assert_eq!(first["suggested_category"], Value::Null);
    let cues = first["cues"].as_array().unwrap();
    assert_eq!(cues[0]["kind"], "discount_code");
    assert_eq!(cues[0]["label"], "Mã giảm giá");
    assert_eq!(cues[0]["text"], "GIAM50");
    // Offsets are JavaScript (UTF-16) indices, as the extension uses them: the emoji counts twice.
    let utf16: Vec<u16> = AD.encode_utf16().collect();
    let (start, end) = (cues[0]["start"].as_u64().unwrap(), cues[0]["end"].as_u64().unwrap());
    assert_eq!(
        String::from_utf16(&utf16[start as usize..end as usize]).unwrap(),
        "GIAM50"
    );
    let link = cues.iter().find(|c| c["kind"] == "shop_link").unwrap();
    assert_eq!(
        (&link["link"], &link["start"], &link["end"]),
        (&Value::from(0), &Value::from(0), &Value::from(0))
    );

    assert_eq!(got[1]["is_promotion"], false);
    assert_eq!(got[1]["cues"], serde_json::json!([]));
    assert_eq!(got[2]["suggested_category"], "undisclosed_advertising");
}

#[test]
fn bad_lines_are_answered_in_place_and_named_on_stderr() {
    let mut input = Vec::new();
    input.extend_from_slice(format!("{}\n", serde_json::json!({ "text": AD })).as_bytes()); // 1
    input.extend_from_slice(b"not json\n"); // 2
    input.extend_from_slice(b"\n   \n"); // 3, 4: blank, skipped
    input.extend_from_slice(b"[\"text\"]\n"); // 5
    input.extend_from_slice(b"{\"links\": []}\n"); // 6
    input.extend_from_slice(b"{\"text\": 5}\n"); // 7
    input.extend_from_slice(b"{\"text\": \"x\", \"links\": [\"a\", 1]}\n"); // 8
    input.extend_from_slice(b"{\"text\": \"\xff\xfe\"}\n"); // 9
    input.extend_from_slice(b"{\"text\": \"Link \xe1\xbb\x9f bio\"}"); // 10, no final newline
    let out = run(&["-"], &input);
    assert!(!out.status.success(), "a failed line makes the exit status non-zero");
    let got = lines(&out);
    assert_eq!(got.len(), 8, "{got:?}");
    assert_eq!(got[0], expected(AD, &[], Lang::Vi));
    for (answer, line) in got[1..7].iter().zip([2, 5, 6, 7, 8, 9]) {
        assert_eq!(answer["line"], line, "{answer}");
        assert!(answer["error"].as_str().is_some_and(|e| !e.is_empty()), "{answer}");
        assert_eq!(answer.as_object().unwrap().len(), 2, "{answer}");
    }
    assert!(got[2]["error"].as_str().unwrap().contains("object"));
    assert!(got[3]["error"].as_str().unwrap().contains("text"));
    assert!(got[5]["error"].as_str().unwrap().contains("links"));
    assert!(got[6]["error"].as_str().unwrap().contains("UTF-8"));
    assert_eq!(got[7], expected("Link ở bio", &[], Lang::Vi), "the rest go on");
    // The error object starts with its line number, as documented.
    let raw = String::from_utf8(out.stdout).unwrap();
    assert!(
        raw.lines().nth(1).unwrap().starts_with(r#"{"line":2,"error":"#),
        "{raw}"
    );

    let err = String::from_utf8(out.stderr).unwrap();
    for line in [2, 5, 6, 7, 8, 9] {
        let prefix = format!("koltrust promotion: line {line}: ");
        assert_eq!(err.lines().filter(|l| l.starts_with(&prefix)).count(), 1, "{err}");
    }
    assert!(
        !err.contains("line 3:") && !err.contains("line 4:"),
        "blank lines are skipped: {err}"
    );
}

#[test]
fn file_argument_and_english_labels() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("posts.jsonl");
    std::fs::write(
        &path,
        format!("{}\n", serde_json::json!({ "text": AD, "links": [SHOP] })),
    )
    .unwrap();
    let out = run(&["--lang", "en", path.to_str().unwrap()], b"");
    assert!(out.status.success());
    let got = lines(&out);
    assert_eq!(got, [expected(AD, &[SHOP], Lang::En)]);
    assert_eq!(got[0]["cues"][0]["label"], "Discount code");
    assert_eq!(got[0]["summary"], "A promotion, disclosed as advertising");

    let missing = run(&["/nonexistent/koltrust/posts.jsonl"], b"");
    assert!(!missing.status.success(), "a missing file is an error");
    assert!(String::from_utf8(missing.stderr).unwrap().contains("cannot open"));

    let bad_lang = run(&["--lang", "fr"], b"");
    assert!(!bad_lang.status.success(), "only vi and en");
}
