//! The portal's and `koltrust vet`'s list reader (`portal::bulk::vet_input`) and the one CSV writer
//! (`text::csv::field`). No panic; `vet_input` is deterministic and never returns an empty or untrimmed URL; a
//! field read back by the `csv` crate is the input, with a `'` before a formula-leading one.
#![no_main]

use koltrust::portal::bulk::vet_input;
use koltrust::text::csv::field;
use libfuzzer_sys::fuzz_target;

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
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(written.as_bytes());
    let mut record = csv::StringRecord::new();
    assert!(rdr.read_record(&mut record).expect("readable CSV"), "{written:?}");
    let expected = if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_string()
    };
    assert_eq!(record.len(), 2, "{written:?}");
    assert_eq!(&record[1], expected, "{written:?}");
});
