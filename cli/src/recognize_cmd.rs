//! `koltrust recognize`: recognizes URLs read one per line from standard input (or a file) and prints one line per
//! input line:
//!
//! ```text
//! url<TAB>platform<TAB>id_type<TAB>account_id<TAB>kind
//! ```
//!
//! Fields are empty where there is no answer: all four for a line that is not a URL of a supported site, `id_type`
//! and `account_id` for a site page that names no account (kind `not_profile`). The echoed `url` is the input line
//! without its line ending (tabs in it become spaces, so every output line has exactly five fields).
//!
//! Bad input loses nothing and stops nothing: a line that is not valid UTF-8 is reported on standard error with its
//! line number and skipped, and the exit status stays 0. Only an unreadable input (a missing file, an I/O error)
//! fails the command. Output is buffered; a closed pipe (`| head`) ends the command quietly.

use koltrust::recognize::recognize;
use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Write};
use std::path::Path;
use std::process::ExitCode;

/// Runs the command over `file` (`None` or `-`: standard input).
pub fn run(file: Option<&Path>) -> ExitCode {
    let result = match file {
        Some(path) if path != Path::new("-") => match File::open(path) {
            Ok(f) => process(BufReader::new(f)),
            Err(e) => {
                eprintln!("koltrust recognize: cannot open {}: {e}", path.display());
                return ExitCode::FAILURE;
            }
        },
        _ => process(io::stdin().lock()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("koltrust recognize: {e}");
            ExitCode::FAILURE
        }
    }
}

fn process(mut input: impl BufRead) -> io::Result<()> {
    let mut out = BufWriter::new(io::stdout().lock());
    let mut buf = Vec::new();
    let mut line_no = 0u64;
    loop {
        buf.clear();
        if input.read_until(b'\n', &mut buf)? == 0 {
            break;
        }
        line_no += 1;
        let line = buf.strip_suffix(b"\n").unwrap_or(&buf);
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        match std::str::from_utf8(line) {
            Ok(line) => write_answer(&mut out, line)?,
            Err(e) => {
                // Flush first so that the report lands between the answers it sits between.
                out.flush()?;
                eprintln!(
                    "koltrust recognize: line {line_no}: not valid UTF-8 (byte {}), skipped",
                    e.valid_up_to() + 1
                );
            }
        }
    }
    out.flush()
}

fn write_answer(out: &mut impl Write, line: &str) -> io::Result<()> {
    let url = line.replace('\t', " ");
    match recognize(line) {
        None => writeln!(out, "{url}\t\t\t\t"),
        Some(r) => {
            let (id_type, id) = match &r.account {
                Some(a) => (a.id_type.as_str(), a.account_id.as_str()),
                None => ("", ""),
            };
            writeln!(
                out,
                "{url}\t{}\t{id_type}\t{id}\t{}",
                r.platform.as_str(),
                r.kind.as_str()
            )
        }
    }
}
