//! The one CSV writer of every export (`koltrust vet`, the portal's "vet a list", the detail card's vetting record):
//! RFC 4180 fields, and cells defused against formula injection.
//!
//! **Formula injection.** A spreadsheet opening a CSV runs a cell that starts with `=`, `+`, `-` or `@` (and, in
//! some programs, a tab or a carriage return) as a formula: `=HYPERLINK("https://evil.example","Xem")` in an input
//! line or a registry name would become a live link or worse in a business's Excel. Following OWASP's advice, such a
//! cell is written with a leading `'`, which spreadsheets show as text and drop from display. The cost is a visible
//! `'` before a negative number, and the exports hold none (scores and counts are never negative).
//!
//! **Excel and UTF-8.** Excel reads a CSV as the system's legacy code page unless it starts with a byte-order mark;
//! [`BOM`] is offered as an option by every export so Vietnamese names show correctly there (the CLI's `--bom` and
//! the portal's checkbox give byte-identical files).

/// The UTF-8 byte-order mark, for spreadsheets that need it to read UTF-8.
pub const BOM: &str = "\u{feff}";

/// Characters that make a spreadsheet read a cell as a formula when they come first.
const FORMULA_LEADS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// One field: defused (a leading formula character gets a `'` before it), then quoted when it holds a comma, a
/// quote or a line break (quotes doubled).
pub fn field(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 3);
    push_field(&mut out, s);
    out
}

/// Appends one field (see [`field`]) to `out`.
pub fn push_field(out: &mut String, s: &str) {
    let defuse = s.starts_with(FORMULA_LEADS);
    if s.contains([',', '"', '\n', '\r']) {
        out.push('"');
        if defuse {
            out.push('\'');
        }
        for c in s.chars() {
            if c == '"' {
                out.push('"');
            }
            out.push(c);
        }
        out.push('"');
    } else {
        if defuse {
            out.push('\'');
        }
        out.push_str(s);
    }
}

/// Appends one record: the fields separated by commas, then `end` (`"\n"` or `"\r\n"`).
pub fn push_record(out: &mut String, fields: &[&str], end: &str) {
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_field(out, f);
    }
    out.push_str(end);
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// What a cell must read back as: itself, with a `'` before a leading formula character.
    fn defused(s: &str) -> String {
        if s.starts_with(FORMULA_LEADS) {
            format!("'{s}")
        } else {
            s.to_string()
        }
    }

    #[test]
    fn fields_are_quoted_and_defused() {
        assert_eq!(field("plain"), "plain");
        assert_eq!(field("Lê Ngọc Minh"), "Lê Ngọc Minh");
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("two\nlines"), "\"two\nlines\"");
        assert_eq!(
            field("=HYPERLINK(\"https://evil.example\",\"Xem\")"),
            "\"'=HYPERLINK(\"\"https://evil.example\"\",\"\"Xem\"\")\""
        );
        assert_eq!(field("=1+1"), "'=1+1");
        assert_eq!(field("+84 901"), "'+84 901");
        assert_eq!(field("-1,2"), "\"'-1,2\"");
        assert_eq!(field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(field("\tx"), "'\tx");
        assert_eq!(field(""), "");
        assert_eq!(field("a=b"), "a=b", "only a leading character is a formula");
    }

    #[test]
    fn records_join_fields_and_end_lines() {
        let mut out = String::from(BOM);
        push_record(&mut out, &["url", "name"], "\r\n");
        push_record(&mut out, &["=cmd", "a,b"], "\r\n");
        assert_eq!(out, "\u{feff}url,name\r\n'=cmd,\"a,b\"\r\n");
    }

    proptest! {
        /// The `csv` crate, as an oracle, reads back exactly the defused cells, whatever they hold. (Records have two
        /// fields or more, as every export's do: a one-field record of "" is a blank line, which readers skip.)
        #[test]
        fn the_csv_crate_reads_back_every_cell(rows in proptest::collection::vec(
            proptest::collection::vec("[=+@\\-\t\r\n,\"a-zA-ZàếƯ ]{0,12}|\\PC{0,12}", 2..6), 1..6)) {
            let width = rows[0].len();
            let mut out = String::new();
            for row in &rows {
                let mut cells: Vec<&str> = row.iter().map(String::as_str).collect();
                cells.resize(width, "");
                push_record(&mut out, &cells, "\r\n");
            }
            let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(out.as_bytes());
            let read: Vec<Vec<String>> = reader
                .records()
                .map(|r| r.unwrap().iter().map(str::to_string).collect())
                .collect();
            prop_assert_eq!(read.len(), rows.len());
            for (got, row) in read.iter().zip(&rows) {
                let mut want: Vec<String> = row.iter().map(|c| defused(c)).collect();
                want.resize(width, String::new());
                prop_assert_eq!(got, &want);
            }
        }
    }
}
