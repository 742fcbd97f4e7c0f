//! Runs the built `koltrust recognize` binary: one output line per input line, empty fields where there is no
//! answer, invalid UTF-8 reported on stderr with its line number and skipped, exit status 0.

// Whole-crate test code: a failed `unwrap`/`expect` is the test failing, with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn run(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_koltrust"))
        .arg("recognize")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run koltrust");
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    child.wait_with_output().unwrap()
}

const INPUT: &[u8] = b"https://www.tiktok.com/@Chillezy/video/1\n\
not a url\n\
\n\
https://www.youtube.com/channel/UCXuqSBlHAE6Xw-yeJA0Tunw\r\n\
https://x.com/explore\n\
\xff\xfebad bytes\n\
https://www.youtube.com/@%EC%9C%BC%EC%95%84-v1k\n\
https://example.com/jack";

const WANT: &str = "https://www.tiktok.com/@Chillezy/video/1\ttiktok\thandle\tchillezy\tcontent\n\
not a url\t\t\t\t\n\
\t\t\t\t\n\
https://www.youtube.com/channel/UCXuqSBlHAE6Xw-yeJA0Tunw\tyoutube\tyt_channel_id\tUCXuqSBlHAE6Xw-yeJA0Tunw\tprofile\n\
https://x.com/explore\tx\t\t\tnot_profile\n\
https://www.youtube.com/@%EC%9C%BC%EC%95%84-v1k\tyoutube\tyt_handle\t으아-v1k\tprofile\n\
https://example.com/jack\t\t\t\t\n";

#[test]
fn stdin_one_answer_per_line_and_invalid_utf8_skipped() {
    let out = run(&[], INPUT);
    assert!(out.status.success(), "exit status {:?}", out.status);
    assert_eq!(String::from_utf8(out.stdout).unwrap(), WANT);
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("line 6"), "stderr names the line: {err:?}");
    assert!(err.contains("UTF-8"), "stderr says why: {err:?}");
    assert_eq!(err.lines().count(), 1, "one report: {err:?}");
}

#[test]
fn file_argument() {
    let dir = std::env::temp_dir().join(format!("koltrust-recognize-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("urls.txt");
    std::fs::write(&path, INPUT).unwrap();
    let out = run(&[path.to_str().unwrap()], b"");
    std::fs::remove_dir_all(&dir).ok();
    assert!(out.status.success());
    assert_eq!(String::from_utf8(out.stdout).unwrap(), WANT);

    let missing = run(&["/nonexistent/koltrust/urls.txt"], b"");
    assert!(!missing.status.success(), "a missing file is an error");
    assert!(String::from_utf8(missing.stderr).unwrap().contains("cannot open"));
}

#[test]
fn tabs_in_input_keep_five_fields() {
    let out = run(&["-"], b"https://x.com/jack\tjunk\n");
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.trim_end_matches('\n').split('\t').count(), 5, "{text:?}");
}
