//! `koltrust promotion`: screens posts in bulk for the Alliance. Reads JSON lines, one post each,
//!
//! ```text
//! {"text": "Xả kho 🔥 giá chỉ 99k, ib shop", "links": ["https://s.shopee.vn/9zXy"]}
//! ```
//!
//! from standard input or a file, and prints one JSON line per post with the view the extension's report dialog
//! gets from the same core ([`koltrust::complaint::cues::view`]): `is_promotion`, `disclosed`, `summary`,
//! `suggested_category` (and its label), `cues` (`kind`, `label`, `text`, `start`, `end`, `link`) and `facts` (the
//! cues as a complaint carries them). `start`/`end` are UTF-16 offsets into `text`, as the extension uses them;
//! labels follow `--lang` (default Vietnamese). `links` may be left out or `null`; other fields are ignored.
//!
//! A line that is not such an object (bad JSON, no `text` string, `links` not an array of strings, not UTF-8) is
//! answered in its place by `{"line": N, "error": "…"}` and reported on standard error with its line number; the
//! rest go on, and the exit status is non-zero at the end. Blank lines are skipped. Only an unreadable input fails
//! the command at once. Output is buffered; a closed pipe (`| head`) ends the command quietly.

use clap::{Args, ValueEnum};
use koltrust::complaint::cues::view;
use koltrust::i18n::Lang;
use serde_json::Value;
use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Args)]
pub struct PromotionArgs {
    /// Language of the labels and the summary.
    #[arg(long, value_enum, default_value = "vi")]
    lang: LangArg,
    /// File of JSON lines `{"text": "...", "links": ["..."]}` (default or `-`: standard input).
    file: Option<PathBuf>,
}

#[derive(Clone, Copy, ValueEnum)]
enum LangArg {
    Vi,
    En,
}

pub fn run(args: PromotionArgs) -> ExitCode {
    let lang = match args.lang {
        LangArg::Vi => Lang::Vi,
        LangArg::En => Lang::En,
    };
    let result = match args.file.as_deref() {
        Some(path) if path.as_os_str() != "-" => match File::open(path) {
            Ok(f) => process(BufReader::new(f), lang),
            Err(e) => {
                eprintln!("koltrust promotion: cannot open {}: {e}", path.display());
                return ExitCode::FAILURE;
            }
        },
        _ => process(io::stdin().lock(), lang),
    };
    match result {
        Ok(0) => ExitCode::SUCCESS,
        Ok(failed) => {
            eprintln!(
                "koltrust promotion: {failed} line{} failed",
                if failed == 1 { "" } else { "s" }
            );
            ExitCode::FAILURE
        }
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("koltrust promotion: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Answers every line; returns how many failed.
fn process(mut input: impl BufRead, lang: Lang) -> io::Result<u64> {
    let mut out = BufWriter::new(io::stdout().lock());
    let mut buf = Vec::new();
    let (mut line_no, mut failed) = (0u64, 0u64);
    loop {
        buf.clear();
        if input.read_until(b'\n', &mut buf)? == 0 {
            break;
        }
        line_no += 1;
        let line = buf.strip_suffix(b"\n").unwrap_or(&buf);
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let answer = std::str::from_utf8(line)
            .map_err(|e| format!("not valid UTF-8 (byte {})", e.valid_up_to() + 1))
            .and_then(|line| answer(line, lang));
        match answer {
            Ok(json) => writeln!(out, "{json}")?,
            Err(error) => {
                failed += 1;
                // Flush first so that the report lands between the answers it sits between.
                out.flush()?;
                eprintln!("koltrust promotion: line {line_no}: {error}");
                // Written by hand to keep `line` first (serde_json's maps sort their keys).
                writeln!(out, r#"{{"line":{line_no},"error":{}}}"#, Value::String(error))?;
            }
        }
    }
    out.flush()?;
    Ok(failed)
}

/// The view of one post, as one line of JSON, or why the line is not a post.
fn answer(line: &str, lang: Lang) -> Result<String, String> {
    let value: Value = serde_json::from_str(line).map_err(|e| format!("not JSON: {e}"))?;
    let Value::Object(post) = value else {
        return Err(r#"expected a JSON object {"text": "...", "links": ["..."]}"#.into());
    };
    let text = match post.get("text") {
        Some(Value::String(s)) => s.as_str(),
        Some(_) => return Err(r#""text" must be a string"#.into()),
        None => return Err(r#"no "text""#.into()),
    };
    let links: Vec<&str> = match post.get("links") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(items)) => items
            .iter()
            .map(Value::as_str)
            .collect::<Option<_>>()
            .ok_or(r#""links" must be an array of strings"#)?,
        Some(_) => return Err(r#""links" must be an array of strings"#.into()),
    };
    serde_json::to_string(&view(text, &links, lang)).map_err(|e| format!("cannot write the answer: {e}"))
}
