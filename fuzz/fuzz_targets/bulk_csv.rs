//! The portal's and `koltrust vet`'s list reader (`portal::bulk::vet_input`) and the one CSV writer
//! (`text::csv::field`). No panic; `vet_input` is deterministic and never returns an empty or untrimmed URL; a
//! field read back by csv-core (the `csv` crate's parser) is the input, with a `'` before a formula-leading one.
#![no_main]

use csv_core::ReadFieldResult;
use koltrust::portal::bulk::vet_input;
use koltrust::text::csv::field;
use libfuzzer_sys::fuzz_target;
use std::sync::{Mutex, OnceLock};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let urls = vet_input(&text);
    assert_eq!(urls, vet_input(&text), "vet_input is deterministic");
    for u in &urls {
        assert!(!u.is_empty() && u.trim() == u, "{u:?}");
    }
    // The writer, on the first line of the input, as a record's second field (the csv crate drops a BOM that
    // starts its input).
    let cell = text.split('\n').next().unwrap_or("");
    let written = format!("x,{}", field(cell));
    let fields = read_record(written.as_bytes());
    let expected = if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_string()
    };
    assert_eq!(fields.len(), 2, "{written:?}: {fields:?}");
    assert_eq!(fields[1], expected.as_bytes(), "{written:?}");
});

/// The fields of the first record of `input`, read by csv-core (RFC 4180, the csv crate's defaults).
fn read_record(mut input: &[u8]) -> Vec<Vec<u8>> {
    static READER: OnceLock<Mutex<csv_core::Reader>> = OnceLock::new();
    let mut rdr = READER
        .get_or_init(|| Mutex::new(csv_core::Reader::new()))
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    rdr.reset();
    let (mut fields, mut field, mut buf) = (Vec::new(), Vec::new(), [0u8; 1024]);
    loop {
        let (result, read, written) = rdr.read_field(input, &mut buf);
        input = &input[read..];
        field.extend_from_slice(&buf[..written]);
        match result {
            ReadFieldResult::InputEmpty | ReadFieldResult::OutputFull => {}
            ReadFieldResult::Field { record_end } => {
                fields.push(std::mem::take(&mut field));
                if record_end {
                    return fields;
                }
            }
            ReadFieldResult::End => return fields,
        }
    }
}
